"""The graph's files as a pyoxigraph store on disk, built once and opened read-only by every later process.

``aimkg query``, ``serve`` and ``site`` start from ``open_store(paths)``: the first call for a
set of files loads them into an on-disk store in the cache folder (``aimkg.query.cache``, under
the sha256 of the files), with the checks ``aimkg.io.read.read_store`` applies to every file
(size, RDF/XML declarations, JSON-LD contexts, literal length); every later call, from any
process, opens that store read-only, which takes milliseconds instead of seconds of parsing.
A changed file changes the key, and the store is built afresh. With the cache off
(``AIMKG_CACHE=off``) the files are loaded into an in-memory store, as ``read_store`` does.
``read_store`` (with the readers and checks of ``aimkg.io``) is imported only to load files: a
call that opens the store on disk starts without them.

pyoxigraph's read-only stores must not be opened while another process writes the same
folder; a store in the cache is written only in its temporary folder, before the rename
that puts it in place, so no process can ever open one that is being written.

Link: https://pyoxigraph.readthedocs.io/en/stable/store.html
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from aimkg.core.limits import DEFAULT_LIMITS, InputLimits
from aimkg.query.cache import CacheUnavailableError, Entry, cache_root, cached, code_digest, inputs_key

KIND = "store"
#: Where an entry keeps the store itself (beside the entry's completion mark).
STORE_FOLDER = "oxigraph"


def load_into(folder: Path, paths: Sequence[Path], limits: InputLimits = DEFAULT_LIMITS) -> None:
    """Load RDF files into a new on-disk store in ``folder``, with every check of ``read_store``."""
    from aimkg.io.read import read_store

    store = read_store(paths, limits, into=ox.Store(str(folder / STORE_FOLDER)))
    store.flush()
    store.optimize()
    del store  # closes the database before its folder is renamed


def store_entry(paths: Sequence[Path], limits: InputLimits = DEFAULT_LIMITS) -> Entry | None:
    """The cache entry holding the files' store, built now if needed; None when there is no cache to use."""
    root = cache_root()
    if root is None:
        return None
    key = inputs_key(KIND, paths, limits, root, code_digest("io"))
    try:
        return cached(KIND, key, lambda folder: load_into(folder, paths, limits), root)
    except CacheUnavailableError:
        return None


def store_path(entry: Entry) -> Path:
    return entry.path / STORE_FOLDER


def open_store(paths: Sequence[Path], limits: InputLimits = DEFAULT_LIMITS) -> ox.Store:
    """Return a store of the files' triples: the cached one opened read-only, else a new one in memory."""
    entry = store_entry(paths, limits)
    if entry is None:
        from aimkg.io.read import read_store

        return read_store(paths, limits)
    return ox.Store.read_only(str(store_path(entry)))
