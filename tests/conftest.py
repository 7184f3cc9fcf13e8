"""Shared fixtures: the bundled graph is loaded once per test session."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from aimkg.load import load
from aimkg.rdfio import bundled_files, read_triples

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))  # benchmarks.synthetic, the catalog generator tests share


@pytest.fixture(scope="session")
def bundled_graph() -> Graph:
    return load()


@pytest.fixture(scope="session")
def bundled_triples() -> list[ox.Triple]:
    return read_triples(bundled_files())
