"""The price index on disk: built once per graph, then read in milliseconds by every ``aimkg cost``.

Reading the built catalog takes seconds; ``aimkg cost`` must answer in a fraction of one. So the
index (``aimkg.cost.index``) is kept in the cache folder (``aimkg.query.cache``: ``$AIMKG_CACHE``,
else ``$XDG_CACHE_HOME/aimkg``, else ``~/.cache/aimkg``) under the sha256 of everything it was read
from: the graph's files (ontology, curated data, the built catalog and any ``--data`` file), the
mapping tables that name platforms, and the code of ``aimkg.cost``. A changed input gives another
key, so a stale index is never read. The cache builds an entry once, under a lock, in a temporary
folder renamed into place, so that two processes that start at once both answer and a reader never
sees half an index; it remembers large files' digests, and prunes entries unused for a day.

The index is an SQLite file of JSON texts: one row per small table, one row per entry of the big
ones (endpoints, and the look-ups by model ID, record key and version), so that a call reads the
few rows it needs and decodes nothing else. JSON, not pickle: reading an index runs no code,
whoever wrote the file. An index is never changed once written, so readers open it immutable,
without locks. With the cache off or unwritable, the index is built in memory each time.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from aimkg.core.limits import DEFAULT_LIMITS, InputLimits
from aimkg.cost.calculate import PriceIndex
from aimkg.cost.index import INDEX_FORMAT, IndexData

KIND = "cost-index"
#: The index file inside its cache entry.
INDEX_FILE = "index.sqlite"
#: The tables kept entry by entry: a call reads a few of their entries, never all.
BY_ENTRY = ("endpoints", "ids", "keys", "served")
SCHEMA = "CREATE TABLE entries (tab TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (tab, name))"


def index_inputs(graph: Sequence[Path]) -> list[Path]:
    """Every file an index depends on: the graph's files and the mapping tables that name platforms."""
    from aimkg.core.resources import resource_root

    tables = sorted((resource_root() / "data" / "mappings").glob("*.tsv"))
    return [*map(Path, graph), *tables]


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
    """Read the index from the graph's store (seconds for the whole catalog; the store itself is cached)."""
    from aimkg.cost.index import read_index
    from aimkg.query.store import open_store

    return read_index(open_store(paths, limits))


def load_index(graph: Sequence[Path], limits: InputLimits = DEFAULT_LIMITS) -> PriceIndex:
    """The index of a graph: from the cache when it was built from these very inputs, else built (and cached)."""
    from aimkg.query.cache import CacheUnavailableError, cache_root, cached, code_digest, discard, inputs_key

    root = cache_root()
    if root is None:
        return PriceIndex(build(graph, limits))
    built: list[IndexData] = []

    def write_index(folder: Path) -> None:
        built.append(build(graph, limits))
        write(folder / INDEX_FILE, built[0])

    try:
        key = inputs_key(KIND, index_inputs(graph), limits, root, code_digest("cost"))
        entry = cached(KIND, key, write_index, root)
    except (CacheUnavailableError, OSError, sqlite3.Error):
        return PriceIndex(built[0] if built else build(graph, limits))
    if built:
        return PriceIndex(built[0])
    try:
        return PriceIndex({}, StoredIndex(entry.path / INDEX_FILE))
    except (OSError, ValueError, sqlite3.Error):  # a damaged entry: dropped, so that the next call caches it anew
        discard(root, KIND, key)
        return PriceIndex(build(graph, limits))


def write(path: Path, data: IndexData) -> None:
    """Write an index file (into a cache entry's temporary folder, which is renamed into place whole)."""
    connection = sqlite3.connect(path)
    try:
        connection.execute(SCHEMA)
        connection.executemany("INSERT INTO entries VALUES (?, ?, ?)", rows(data))
        connection.commit()
    finally:
        connection.close()
