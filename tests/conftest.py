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
#: ... and keep their stores in a cache of this test process, never in the user's (aimkg.query.cache).
os.environ["AIMKG_CACHE"] = tempfile.mkdtemp(prefix="aimkg-test-cache-")
atexit.register(shutil.rmtree, os.environ["AIMKG_CACHE"], True)


@pytest.fixture(scope="session")
def bundled_graph() -> Graph:
    return load()


@pytest.fixture(scope="session")
def bundled_triples() -> list[ox.Triple]:
    return read_triples(bundled_files())
