"""The price index on disk: built once per graph, then read in milliseconds by every ``aimkg cost``.

Reading the built catalog takes seconds; ``aimkg cost`` must answer in a fraction of one. So the
index (``aimkg.cost.index``) is written to a cache folder, under a name that is the sha256 of
everything it was read from: the graph's files (ontology, curated data, the built catalog and any
``--data`` file), the mapping tables that name platforms, and the index's format. A changed input
gives another name, so a stale index is never read; the newest few are kept.

Hashing a 120 MB catalog on every call would take longer than the answer, so each file's sha256
is remembered with its size, modification time, inode and change time (``hashes.json``, as git's
index does): a file is hashed again only when one of those changed. Files are written through a
temporary file and a rename (``aimkg.io.atomic``): two processes that build at once each write a
whole index and the last rename wins; a reader sees a whole file or none.

The index is a pickle, and a pickle can run code when read: the folder is created private (0700),
and an index is read only from a folder that no one else can write, from a file this user owns.
Elsewhere the index is built in memory each time. The folder is ``$AIMKG_CACHE_DIR``, else
``$XDG_CACHE_HOME/aimkg``, else ``~/.cache/aimkg``.

The layout is two-level, so that a call decodes only what it uses: one pickle of a dict whose
values are the index's tables, each pickled apart; the endpoints table holds each endpoint pickled
apart again.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from aimkg.core.limits import DEFAULT_LIMITS, InputLimits
from aimkg.cost.calculate import PriceIndex
from aimkg.cost.index import INDEX_FORMAT, IndexData

CACHE_ENV = "AIMKG_CACHE_DIR"
HASHES = "hashes.json"
#: How many indexes (of different graphs) the folder keeps.
KEEP = 4
PROTOCOL = 5


def cache_dir() -> Path:
    """The cache folder: ``$AIMKG_CACHE_DIR``, else ``$XDG_CACHE_HOME/aimkg``, else ``~/.cache/aimkg``."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "aimkg"


def index_inputs(graph: Sequence[Path]) -> list[Path]:
    """Every file an index depends on: the graph's files and the mapping tables that name platforms."""
    from aimkg.core.resources import resource_root

    tables = sorted((resource_root() / "data" / "mappings").glob("*.tsv"))
    return [*map(Path, graph), *tables]


def private(folder: Path) -> bool:
    """Tell whether a folder is this user's and no one else can write to it (where that can be told)."""
    if not hasattr(os, "getuid"):
        return True
    try:
        status = folder.stat()
    except OSError:
        return False
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def signature(path: Path) -> list[int]:
    status = path.stat()
    return [status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns]


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fingerprint(paths: Iterable[Path], folder: Path | None) -> str:
    """The sha256 of the files' contents (remembered by their stat in ``folder``) and the index format."""
    memo_path = folder / HASHES if folder is not None else None
    memo: dict[str, list[Any]] = {}
    if memo_path is not None:
        try:
            memo = json.loads(memo_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            memo = {}
    changed = False
    digest = hashlib.sha256(f"aimkg cost index {INDEX_FORMAT}".encode())
    for path in paths:
        name = str(Path(path).resolve())
        stat = signature(Path(name))
        remembered = memo.get(name)
        if isinstance(remembered, list) and remembered[:4] == stat and len(remembered) == 5:
            content = str(remembered[4])
        else:
            content = file_hash(Path(name))
            memo[name] = [*stat, content]
            changed = True
        digest.update(f"{name}\0{content}\0".encode())
    if changed and memo_path is not None:
        from aimkg.io.atomic import write_atomic

        write_atomic(memo_path, json.dumps(memo, indent=1, sort_keys=True))
    return digest.hexdigest()


def encode(data: IndexData) -> bytes:
    """The index's tables, each pickled apart (endpoints one by one), in one pickle."""
    tables = {name: pickle.dumps(value, PROTOCOL) for name, value in data.items() if name != "endpoints"}
    endpoints = {name: pickle.dumps(row, PROTOCOL) for name, row in data["endpoints"].items()}
    tables["endpoints"] = pickle.dumps(endpoints, PROTOCOL)
    return pickle.dumps(tables, PROTOCOL)


def decode(blob: bytes) -> PriceIndex:
    tables = pickle.loads(blob)
    if pickle.loads(tables["format"]) != INDEX_FORMAT:
        raise ValueError("another index format")
    return PriceIndex(tables, decode=pickle.loads)


def build(paths: Sequence[Path], limits: InputLimits = DEFAULT_LIMITS) -> IndexData:
    """Read the graph's files into a store and the index from it (seconds for the whole catalog)."""
    from aimkg.cost.index import read_index
    from aimkg.io.read import read_store

    return read_index(read_store(paths, limits))


def load_index(graph: Sequence[Path], limits: InputLimits = DEFAULT_LIMITS, folder: Path | None = None) -> PriceIndex:
    """The index of a graph: from the cache when it was built from these very files, else built (and cached)."""
    folder = cache_dir() if folder is None else folder
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return PriceIndex(build(graph, limits))
    usable = private(folder)
    inputs = index_inputs(graph)
    key = fingerprint(inputs, folder if usable else None)
    path = folder / f"cost-index-{key}.pickle"
    if usable:
        try:
            owned = not hasattr(os, "getuid") or path.stat().st_uid == os.getuid()
            if owned:
                index = decode(path.read_bytes())
                os.utime(path)  # the newest-used indexes are the ones kept
                return index
        except (OSError, ValueError, EOFError, pickle.UnpicklingError, KeyError):
            pass  # missing, or not a whole index of this format: build it again
    data = build(graph, limits)
    if usable:
        write(path, data)
    return PriceIndex(data)


def write(path: Path, data: IndexData) -> None:
    """Write an index atomically, then drop all but the newest few."""
    from aimkg.io.atomic import write_atomic

    write_atomic(path, encode(data))
    indexes = []
    for found in path.parent.glob("cost-index-*.pickle"):
        try:
            indexes.append((found.stat().st_mtime_ns, found))
        except OSError:
            continue  # another process dropped it meanwhile
    for _, old in sorted(indexes)[:-KEEP]:
        old.unlink(missing_ok=True)
