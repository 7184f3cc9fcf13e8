"""A cache folder of things built from the graph's files, each kept under the sha256 of its inputs.

What is expensive to make from the RDF files and the same every time they are the same (the
pyoxigraph store of ``aimkg.query.store``, the site's whole-graph exports) is built once into
``<cache>/<kind>/<key>/`` and reused by every later process, where the key is the sha256 of the
inputs: the bytes of each file with its path, the input limits, and the versions of aimkg and
pyoxigraph. Change one byte of one file and the key changes, so the entry is rebuilt.

The cache folder is ``$AIMKG_CACHE``, else ``$XDG_CACHE_HOME/aimkg``, else ``~/.cache/aimkg``;
``AIMKG_CACHE=off`` turns it off (everything is built in memory or in a temporary folder, as
before the cache existed).

Concurrency: an entry is built under an exclusive lock on ``<key>.lock`` (``fcntl.flock``) into
a temporary folder beside it, and renamed into place whole when done; a process that finds the
lock taken waits for it, then uses what the other built. An entry in place is never written
again, so readers need no lock. A process that cannot write the cache builds what it needs
without it (``CacheUnavailableError``). Entries not used for a day are removed, except the
newest few of each kind.

Hashing a large file costs time on every start (0.2 s for 120 MB), so the digest of a file
over ``HASH_MEMO_BYTES`` is remembered under its identity on disk (path, size, inode and the
modification and change times in nanoseconds, as git's index does): a file that is written
again gets a new change time, hence a new identity, and is hashed afresh.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from aimkg.core.digest import sha256
from aimkg.core.limits import DEFAULT_LIMITS, InputLimits

#: The environment variable that names the cache folder (or turns the cache off).
CACHE_ENV = "AIMKG_CACHE"
OFF = ("off", "none", "0", "false")
#: Files larger than this have their digest remembered under their identity on disk.
HASH_MEMO_BYTES = 4 << 20
#: What an entry holds once it is complete (written last, before the rename).
COMPLETE = ".complete"
#: Entries unused this long are removed (beyond the newest KEEP of each kind).
MAX_AGE_SECONDS = 24 * 3600
KEEP = 3


def cache_root() -> Path | None:
    """The cache folder, or None when ``AIMKG_CACHE`` turns the cache off."""
    configured = os.environ.get(CACHE_ENV, "").strip()
    if configured.lower() in OFF:
        return None
    if configured:
        return Path(configured).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(xdg) if xdg else Path.home() / ".cache") / "aimkg"


def file_digest(path: Path, root: Path | None = None) -> str:
    """The sha256 of a file's bytes; for a large file, remembered in the cache under its identity on disk."""
    status = path.stat()
    if root is None or status.st_size <= HASH_MEMO_BYTES:
        return sha256(path)
    identity = f"{path.resolve()}\0{status.st_size}\0{status.st_mtime_ns}\0{status.st_ctime_ns}\0{status.st_ino}"
    memo = root / "digests" / hashlib.sha256(f"{identity}\0{status.st_dev}".encode()).hexdigest()
    with contextlib.suppress(OSError):
        remembered = memo.read_text(encoding="ascii").strip()
        if len(remembered) == 64:
            return remembered
    digest = sha256(path)
    with contextlib.suppress(OSError):
        memo.parent.mkdir(parents=True, exist_ok=True)
        temporary = memo.with_name(f".{memo.name}.{os.getpid()}")
        temporary.write_text(digest, encoding="ascii")
        temporary.replace(memo)
    return digest


def code_digest(*packages: str, suffixes: tuple[str, ...] = (".py",)) -> str:
    """The sha256 of the files of some of aimkg's packages: a change of code is a change of input.

    ``suffixes`` names the files that count: the Python files, or also templates and static files.
    """
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for package in packages:
        for path in sorted((root / package).rglob("*")):
            if path.suffix in suffixes and "__pycache__" not in path.parts:
                digest.update(f"{path.relative_to(root)}\0".encode() + sha256(path).encode())
    return digest.hexdigest()


def inputs_key(
    kind: str, paths: Sequence[Path], limits: InputLimits = DEFAULT_LIMITS, root: Path | None = None, *salt: str
) -> str:
    """The key of what is built from these files, read within these limits: a sha256 of everything that matters.

    The files' order and paths count (a Turtle file's relative IRIs resolve against its path),
    and so do the versions of aimkg and pyoxigraph, which write the entries; ``salt`` adds what
    else the entry depends on (the code that writes it: ``code_digest``).
    """
    import pyoxigraph

    from aimkg import __version__

    digest = hashlib.sha256(f"{kind}\0aimkg {__version__}\0pyoxigraph {pyoxigraph.__version__}".encode())
    digest.update(f"\0{limits.max_file_bytes}\0{limits.max_literal_chars}".encode())
    for iri, context in sorted(limits.contexts.items()):
        digest.update(f"\0context {iri} {file_digest(Path(context), root)}".encode())
    for path in paths:
        digest.update(f"\0{Path(path).resolve()}\0{file_digest(Path(path), root)}".encode())
    for text in salt:
        digest.update(f"\0{text}".encode())
    return digest.hexdigest()


class CacheUnavailableError(OSError):
    """The cache folder cannot be written: the caller builds what it needs its own way."""


@dataclass(frozen=True)
class Entry:
    """A complete entry of the cache: its folder, and whether this process built it."""

    path: Path
    built: bool


@contextlib.contextmanager
def locked(lock: Path) -> Iterator[None]:
    """Hold an exclusive lock on a file, waiting for it as long as another process holds it.

    Pruning removes a lock file while holding it; a process that was waiting on the removed
    file then holds a lock nobody else can see, so it checks that the file it locked is still
    the one at that path, and tries again if not.
    """
    while True:
        with lock.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                current = lock.stat()
            except FileNotFoundError:
                continue
            if current.st_ino != os.fstat(handle.fileno()).st_ino:
                continue
            try:
                yield
                return
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def cached(kind: str, key: str, build: Callable[[Path], None], root: Path) -> Entry:
    """Return the folder of a complete entry, building it with ``build(folder)`` unless it exists.

    ``build`` fills an empty folder; if it raises, nothing is kept and the error propagates.
    Raises CacheUnavailableError when the cache cannot be written.
    """
    folder = root / kind
    final = folder / key
    if (final / COMPLETE).is_file():
        touch(folder / f"{key}.lock")
        return Entry(final, built=False)
    # Imported to build only: the calls that find their entry, all but the first, start without them.
    import shutil
    import tempfile

    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)  # private: what is cached may come from private files
        folder.mkdir(exist_ok=True)
        lock = folder / f"{key}.lock"
        with locked(lock):
            if (final / COMPLETE).is_file():  # another process built it while this one waited
                return Entry(final, built=False)
            staging = Path(tempfile.mkdtemp(prefix=f".{key[:16]}.", dir=folder))
            try:
                build(staging)
                (staging / COMPLETE).write_text(key + "\n", encoding="ascii")
                if final.exists():  # left by a build that died before its mark: never complete
                    shutil.rmtree(final)
                staging.replace(final)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
    except CacheUnavailableError:
        raise
    except OSError as error:  # refused, not a folder, a full disk: the caller does without the cache
        raise CacheUnavailableError(f"{folder}: cannot write the cache: {error.strerror or error}") from error
    prune(folder, keep={key})
    return Entry(final, built=True)


def touch(path: Path) -> None:
    """Mark an entry as used now (its lock file's time), so that pruning keeps it."""
    with contextlib.suppress(OSError):
        os.utime(path)


def prune(folder: Path, keep: Iterable[str] = (), now: float | None = None) -> list[str]:
    """Remove entries unused for MAX_AGE_SECONDS, beyond the KEEP most recently used; return their keys.

    An entry is removed under its lock, so never while it is being built; one used within the
    last day is kept, so a process that opened it a moment ago keeps its files.
    """
    now = time.time() if now is None else now
    kept = set(keep)
    entries = []
    for lock in folder.glob("*.lock"):
        with contextlib.suppress(OSError):
            entries.append((lock.stat().st_mtime, lock.name[: -len(".lock")]))
    entries.sort(reverse=True)
    removed = []
    for used, key in entries[KEEP:]:
        if key in kept or now - used < MAX_AGE_SECONDS:
            continue
        discard(folder.parent, folder.name, key)
        removed.append(key)
    return removed


def discard(root: Path, kind: str, key: str) -> None:
    """Remove an entry (unused, or found damaged) under its lock, so never while it is being built."""
    import shutil

    folder = root / kind
    with locked(folder / f"{key}.lock"):
        shutil.rmtree(folder / key, ignore_errors=True)
        (folder / f"{key}.lock").unlink(missing_ok=True)
