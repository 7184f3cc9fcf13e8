"""Fixtures of the publishing tests: the bundled graph with a constructed piece of catalog (data/catalog.ttl)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from aimkg.io.read import bundled_files
from aimkg.publish.graph import SiteGraph, lexical_store
from aimkg.publish.views.summary import Summary, summarise
from tests.history.history_repo import build, cut_a3, write_history

#: One version served on three platforms, with prices over valid time and over record time.
CATALOG = Path(__file__).parent / "data" / "catalog.ttl"
SONNET = "https://w3id.org/aimkg/id/version/claude-sonnet-4-20250514"


def catalog_sources() -> list[Path]:
    return [*bundled_files(), CATALOG]


@pytest.fixture(scope="session")
def site_store() -> ox.Store:
    return lexical_store(catalog_sources())


@pytest.fixture(scope="session")
def site_graph(site_store: ox.Store) -> SiteGraph:
    return SiteGraph.of(site_store)


@pytest.fixture(scope="session")
def summary(site_store: ox.Store) -> Summary:
    return summarise(site_store)


@pytest.fixture(scope="session")
def history_catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test repository's reconciled models.dev history (record time in 2026-06 and 2026-07), as N-Triples."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    folder = tmp_path_factory.mktemp("history")
    repo = build(folder / "models.dev")
    cut_a3(repo)
    return write_history(repo, folder / "catalog.nt")
