"""Fixtures every stage shares: the bundled graph, loaded once per test session (per worker under xdist)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pyoxigraph as ox
import pytest
from rdflib import Graph

from aimkg.io.graph import load
from aimkg.io.read import bundled_files, read_triples

#: Commands start from the curated graph in tests, whether or not `make build` has built the catalog here.
os.environ["AIMKG_GRAPH"] = "curated"
#: `aimkg cost` caches its price index: in tests, in a folder of their own (one per worker), never the user's.
os.environ["AIMKG_CACHE_DIR"] = tempfile.mkdtemp(prefix="aimkg-test-cache-")
atexit.register(shutil.rmtree, os.environ["AIMKG_CACHE_DIR"], True)


@pytest.fixture(scope="session")
def bundled_graph() -> Graph:
    return load()


@pytest.fixture(scope="session")
def bundled_triples() -> list[ox.Triple]:
    return read_triples(bundled_files())
