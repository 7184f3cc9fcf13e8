"""The files of each graph a command can start from, found without the RDF readers."""

from __future__ import annotations

from pathlib import Path

import pytest

from aimkg.core import resources
from aimkg.core.errors import InputError


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A built catalog where the commands look for it."""
    catalog = tmp_path / "catalog.nt"
    catalog.write_text("", encoding="utf-8")
    monkeypatch.setattr(resources, "catalog_file", lambda: catalog)
    return catalog


@pytest.fixture
def unbuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No built catalog (a clean clone before `make build`)."""
    missing = tmp_path / "catalog.nt"
    monkeypatch.setattr(resources, "catalog_file", lambda: missing)
    return missing


def test_the_curated_graph_is_the_ontology_and_data(built: Path) -> None:
    bundled = resources.ontology_files() + resources.curated_files()
    assert resources.graph_files("curated") == resources.bundled_files() == bundled


@pytest.mark.parametrize("graph", ["catalog", "auto"])
def test_a_built_catalog_comes_after_the_bundled_files(built: Path, graph: str) -> None:
    assert resources.graph_files(graph) == [*resources.bundled_files(), built]


def test_auto_is_the_curated_graph_until_the_catalog_is_built(unbuilt: Path) -> None:
    assert resources.graph_files("auto") == resources.bundled_files()


def test_the_catalog_graph_without_a_built_catalog_is_refused(unbuilt: Path) -> None:
    with pytest.raises(InputError, match=r"no built catalog; run `make build` .*or use --curated"):
        resources.graph_files("catalog")


def test_without_a_graph_the_environment_then_the_default_chooses(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AIMKG_GRAPH", raising=False)
    assert resources.graph_files(None, "curated") == resources.bundled_files()
    assert resources.graph_files() == [*resources.bundled_files(), built]
    monkeypatch.setenv("AIMKG_GRAPH", "curated")
    assert resources.graph_files() == resources.bundled_files()


def test_an_unknown_graph_is_refused() -> None:
    with pytest.raises(InputError, match="unknown graph 'everything'; use one of catalog, curated, auto"):
        resources.graph_files("everything")
