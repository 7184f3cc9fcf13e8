"""The price index on disk: built once per graph, then read in milliseconds by every ``aimkg cost``.

Reading the built catalog takes seconds; ``aimkg cost`` must answer in a fraction of one. So the
index (``aimkg.cost.index``) is written to a cache folder, under a name that is the sha256 of
everything it was read from: the graph's files (ontology, curated data, the built catalog and any
``--data`` file), the mapping tables that name platforms, and the index's format. A changed input
gives another name, so a stale index is never read; the newest few are kept.

Hashing a 120 MB catalog on every call would take longer than the answer, so each file's sha256
is remembered with its size, modification time, inode and change time (``hashes.json``, as git's
index does): a file is hashed again only when one of those changed.

The index is an SQLite file of JSON texts: one row per small table, one row per entry of the big
ones (endpoints, and the look-ups by model ID, record key and version), so that a call reads the
few rows it needs and decodes nothing else. JSON, not pickle: reading an index runs no code,
whoever wrote the file. It is written to a temporary file and renamed into place
(``os.replace``), so that two processes that build at once each write a whole index and the last
rename wins, and a reader sees a whole file or none; an index is never changed once written, so
readers open it immutable, without locks. The folder is ``$AIMKG_CACHE_DIR``, else
``$XDG_CACHE_HOME/aimkg``, else ``~/.cache/aimkg``; when it cannot be written, the index is built
in memory each time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import tempfile
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
#: The tables kept entry by entry: a call reads a few of their entries, never all.
BY_ENTRY = ("endpoints", "ids", "keys", "served")
SCHEMA = "CREATE TABLE entries (tab TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (tab, name))"


def cache_dir() -> Path:
    """The cache folder: ``$AIMKG_CACHE_DIR``, else ``$XDG_CACHE_HOME/aimkg``, else ``~/.cache/aimkg``."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "aimkg"


def graph_paths(graph: str | None = None) -> list[Path]:
    """The files of a graph (``catalog``, ``curated``, ``auto``; default ``AIMKG_GRAPH``, else ``auto``).

    The same files as ``aimkg.io.read.graph_files`` (a test keeps them equal), found without
    importing the RDF readers, which ``aimkg cost`` needs only to build an index.
    """
    from aimkg.core.errors import InputError
    from aimkg.core.resources import catalog_file, curated_files, ontology_files

    name = graph or os.environ.get("AIMKG_GRAPH") or "auto"
    if name not in ("catalog", "curated", "auto"):
        raise InputError(f"unknown graph {name!r}; use one of catalog, curated, auto")
    catalog = catalog_file()
    if name == "catalog" and not catalog.is_file():
        raise InputError(f"{catalog}: no built catalog; run `make build` (or `aimkg build`), or use --curated")
    bundled = ontology_files() + curated_files()
    return bundled if name == "curated" or not catalog.is_file() else [*bundled, catalog]


def index_inputs(graph: Sequence[Path]) -> list[Path]:
    """Every file an index depends on: the graph's files and the mapping tables that name platforms."""
    from aimkg.core.resources import resource_root

    tables = sorted((resource_root() / "data" / "mappings").glob("*.tsv"))
    return [*map(Path, graph), *tables]


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


def rows(data: IndexData) -> Iterable[tuple[str, str, str]]:
    """The index as rows (table, name, JSON): a big table's entries one by one, a small table whole (table "")."""
    for name, value in data.items():
        if name in BY_ENTRY:
            for key, entry in value.items():
                yield name, key, json.dumps(entry, separators=(",", ":"))
        else:
            yield "", name, json.dumps(value, separators=(",", ":"))


class StoredIndex:
    """An index file, read a row at a time."""

    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        if self.entry("", "format") != INDEX_FORMAT:
            raise ValueError("another index format")

    def decode(self, text: str) -> Any:
        return json.loads(text)

    def entry(self, table: str, name: str) -> Any:
        found = self.connection.execute(
            "SELECT value FROM entries WHERE tab = ? AND name = ?", (table, name)
        ).fetchone()
        return None if found is None else json.loads(found[0])

    def table(self, name: str) -> Any:
        if name in BY_ENTRY:
            return dict(self.connection.execute("SELECT name, value FROM entries WHERE tab = ?", (name,)))
        found = self.entry("", name)
        if found is None:
            raise KeyError(name)
        return found


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
        key = fingerprint(index_inputs(graph), folder)
    except OSError:
        return PriceIndex(build(graph, limits))
    path = folder / f"cost-index-{key}.sqlite"
    try:
        stored = StoredIndex(path)
        os.utime(path)  # the newest-used indexes are the ones kept
        return PriceIndex({}, stored)
    except (OSError, ValueError, sqlite3.Error):
        pass  # missing, or not a whole index of this format: build it again
    data = build(graph, limits)
    with contextlib.suppress(OSError, sqlite3.Error):  # a folder that cannot be written: serve from memory
        write(path, data)
    return PriceIndex(data)


def write(path: Path, data: IndexData) -> None:
    """Write an index to a temporary file beside it and rename it into place; then drop all but the newest few."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        connection = sqlite3.connect(temporary)
        try:
            connection.execute(SCHEMA)
            connection.executemany("INSERT INTO entries VALUES (?, ?, ?)", rows(data))
            connection.commit()
        finally:
            connection.close()
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    indexes = []
    for found in path.parent.glob("cost-index-*.sqlite"):
        try:
            indexes.append((found.stat().st_mtime_ns, found))
        except OSError:
            continue  # another process dropped it meanwhile
    for _, old in sorted(indexes)[:-KEEP]:
        old.unlink(missing_ok=True)
