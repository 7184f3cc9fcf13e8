"""Fixtures of the export tests: every export file of the bundled graph, built once."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from aimkg.export.folder import build_all


@pytest.fixture(scope="session")
def files(bundled_triples: list[ox.Triple]) -> dict[str, bytes]:
    """Every file ``aimkg export --all`` writes, by name."""
    return build_all(bundled_triples)
