"""The small priced catalog of prices.ttl (with the curated data), and its index, for the cost tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from aimkg.cost.calculate import PriceIndex
from aimkg.cost.index import IndexData, read_index
from aimkg.cost.usage import Usage
from aimkg.io.read import bundled_files, read_store

PRICES = Path(__file__).with_name("prices.ttl")


@pytest.fixture(scope="session")
def index_data() -> IndexData:
    return read_index(read_store([*bundled_files(), PRICES]))


@pytest.fixture
def index(index_data: IndexData) -> PriceIndex:
    """A fresh index each test (it memoises what it compiles), over the same data."""
    return PriceIndex(index_data)


@pytest.fixture
def usage() -> Usage:
    """A call of a million prompt tokens (300,000 of them cached) and 200,000 generated."""
    return Usage(input_tokens=1_000_000, output_tokens=200_000, cache_read_tokens=300_000)


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on a file (POSIX), so that one test worker builds what the others then read."""
    try:
        import fcntl
    except ImportError:  # no POSIX locks: each worker builds its own
        yield
        return
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def reconciled_index() -> IndexData:
    """The whole catalog, reconciled from the pinned upstream catalogs as `make build` does, with the curated data."""
    import pyoxigraph as ox

    from aimkg.build.pipeline import import_upstream
    from aimkg.core.resources import resource_root
    from aimkg.reconcile.catalog import reconcile
    from aimkg.reconcile.rdf import catalog_triples

    store = read_store(bundled_files())
    triples = catalog_triples(reconcile(import_upstream(resource_root() / "upstream")))
    store.extend(ox.Quad(triple.subject, triple.predicate, triple.object) for triple in triples)
    return read_index(store)


@pytest.fixture(scope="session")
def catalog_index(tmp_path_factory: pytest.TempPathFactory) -> PriceIndex:
    """The index of the whole reconciled catalog (about half a minute to build): built once, shared by workers."""
    from aimkg.cost.cache import StoredIndex, write

    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    path = shared / "cost-catalog-index.sqlite"
    with locked(shared / "cost-catalog-index.lock"):
        if not path.is_file():
            write(path, reconciled_index())
    return PriceIndex({}, StoredIndex(path))
