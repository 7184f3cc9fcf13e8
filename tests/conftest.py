"""Shared fixtures: the bundled graph is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from aimkg.load import load

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def bundled_graph() -> Graph:
    return load()
