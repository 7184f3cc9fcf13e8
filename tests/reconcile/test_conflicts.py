"""aimkg conflicts: which sources disagree on which fact, over the bundled graph plus imports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from aimkg.cli import cli
from aimkg.export.formats import serialize
from aimkg.io.graph import AIMKG, load
from aimkg.reconcile.catalog import reconcile
from aimkg.reconcile.conflicts import find_conflicts
from aimkg.reconcile.rdf import catalog_triples
from aimkg.sources import import_litellm, import_models_dev
from tests.helpers.catalogs import litellm_subset, models_dev_subset

MD = "source:models-dev-f3fc6922"
LL = "source:litellm-1.110.2"
SEED = "source:seed-mistral-medium-2023"


@pytest.fixture(scope="module")
def imports(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The Mistral entries of both catalogs, reconciled into one N-Triples file."""
    folder = tmp_path_factory.mktemp("imports")
    models_dev = import_models_dev(models_dev_subset(folder / "md", ["mistral"]))
    litellm = import_litellm(litellm_subset(folder / "ll.json", ["mistral"]))
    catalog = folder / "catalog.nt"
    catalog.write_bytes(serialize(catalog_triples(reconcile([models_dev, litellm])), "ntriples"))
    return [catalog]


@pytest.fixture(scope="module")
def reported(imports: list[Path]) -> dict[tuple[str, str], dict[str, Any]]:
    result = CliRunner().invoke(cli, ["conflicts", *map(str, imports), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["conflicts"] == len(document["results"])
    return {(item["subject"], item["fact"]): item for item in document["results"]}


def values(conflict: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    return {claim["value"]: tuple(claim["sources"]) for claim in conflict["claims"]}


def test_release_date_of_mistral_medium_3_5(reported: dict[tuple[str, str], dict[str, Any]]) -> None:
    conflict = reported[("version:mistral-medium-2604", "releaseDate")]
    assert values(conflict) == {"2026-04-28": (MD, SEED), "2026-04-29": (MD,)}
    nodes = {claim["value"]: claim["node"] for claim in conflict["claims"]}
    assert nodes["2026-04-29"] == "endpoint:mistral-mistral-medium-2604--models-dev-f3fc6922"  # models.dev's record


def test_open_weights_of_mistral_medium_3(reported: dict[tuple[str, str], dict[str, Any]]) -> None:
    conflict = reported[("version:mistral-medium-2505", "weights")]
    assert values(conflict) == {"aimkg:OpenWeights": (MD, SEED), "aimkg:ApiOnly": (MD,)}


def test_which_version_mistral_medium_latest_serves(reported: dict[tuple[str, str], dict[str, Any]]) -> None:
    subject = "endpoint platform:la-plateforme mistral-medium-latest"
    assert values(reported[(subject, "price aimkg:InputTokens (USD per 1000000)")]) == {
        "0.4": (MD,),
        "1.5": (LL,),
    }
    assert values(reported[(subject, "price aimkg:OutputTokens (USD per 1000000)")]) == {
        "2": (MD,),
        "7.5": (LL,),
    }
    # the seed's current version of the line is 3.5, released 2026-04-28; models.dev's latest is 2025-08-12
    release = reported[(subject, "releaseDate")]
    assert {(claim["value"], claim["node"]) for claim in release["claims"]} == {
        ("2025-08-12", "version:mistral-medium-latest"),  # what both catalogs' records agree on
        ("2025-08-12", "endpoint:mistral-mistral-medium-latest--models-dev-f3fc6922"),
        ("2026-04-28", "version:mistral-medium-2604"),  # the seed's current version of the line
        ("2026-04-29", "endpoint:mistral-mistral-medium-2604--models-dev-f3fc6922"),
    }


def test_table_shows_both_values_and_sources(imports: list[Path]) -> None:
    result = CliRunner().invoke(cli, ["conflicts", *map(str, imports)])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["SUBJECT", "FACT", "VALUE", "SOURCES", "STATED", "BY"]
    row = next(index for index, line in enumerate(lines) if line.startswith("version:mistral-medium-2604"))
    assert "releaseDate" in lines[row] and "2026-04-28" in lines[row] and SEED in lines[row]
    assert "2026-04-29" in lines[row + 1] and MD in lines[row + 1]
    assert lines[-1].endswith("conflict(s)")


def test_nothing_is_overwritten(imports: list[Path]) -> None:
    from rdflib import URIRef

    graph = load(imports)
    version = URIRef("https://w3id.org/aimkg/id/version/mistral-medium-2604")
    record = URIRef("https://w3id.org/aimkg/id/endpoint/mistral-mistral-medium-2604--models-dev-f3fc6922")
    assert [str(date) for date in graph.objects(version, AIMKG.releaseDate)] == ["2026-04-28"]  # curated wins
    assert [str(date) for date in graph.objects(record, AIMKG.releaseDate)] == ["2026-04-29"]  # and is not lost


def test_the_bundled_graph_alone_has_no_conflicts() -> None:
    assert find_conflicts() == []
    result = CliRunner().invoke(cli, ["conflicts"])
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == "0 conflict(s)"


def test_an_endpoint_serving_different_curated_versions(tmp_path: Path) -> None:
    """Two sources point one model ID at two different curated versions: a "serves" conflict."""
    claim = tmp_path / "claim.ttl"
    claim.write_text(
        """
        @prefix aimkg: <https://w3id.org/aimkg/ontology#> .
        @prefix dcterms: <http://purl.org/dc/terms/> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix provider: <https://w3id.org/aimkg/id/provider/> .
        @prefix version: <https://w3id.org/aimkg/id/version/> .
        <https://w3id.org/aimkg/id/endpoint/acme--mistral-tiny--x> a aimkg:Endpoint ;
            aimkg:provider <https://w3id.org/aimkg/id/provider/acme--x> ;
            aimkg:platform <https://w3id.org/aimkg/id/platform/acme--x> ;
            aimkg:modelId "mistral-tiny" ;
            aimkg:serves <https://w3id.org/aimkg/id/version/acme--tiny--x> ;
            dcterms:source <https://w3id.org/aimkg/id/source/x> .
        <https://w3id.org/aimkg/id/provider/acme--x> owl:sameAs provider:mistral-ai .
        <https://w3id.org/aimkg/id/platform/acme--x> owl:sameAs <https://w3id.org/aimkg/id/platform/la-plateforme> .
        <https://w3id.org/aimkg/id/version/acme--tiny--x> owl:sameAs version:mixtral-8x7b .
        """
    )
    conflicts = {(c.subject, c.fact): c for c in find_conflicts([claim])}
    served = conflicts[("endpoint platform:la-plateforme mistral-tiny", "serves")]
    assert {(c.value, c.sources) for c in served.claims} == {
        ("version:mistral-7b", (SEED,)),
        ("version:mixtral-8x7b", ("source:x",)),
    }


def test_an_unreadable_file_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.nt"
    bad.write_text("nonsense\n")
    result = CliRunner().invoke(cli, ["conflicts", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {bad}: line 1")


def test_capabilities_that_platforms_disagree_on(tmp_path: Path) -> None:
    """LiteLLM's watsonx record says Mistral Small 2503 has no vision, its Vertex record says it has: the version's
    conflict lists both, with the record that states each; each endpoint keeps its own."""
    subset = litellm_subset(tmp_path / "ll.json", ["watsonx", "vertex_ai", "vertex_ai-mistral_models"])
    catalog = tmp_path / "catalog.nt"
    catalog.write_bytes(serialize(catalog_triples(reconcile([import_litellm(subset)])), "ntriples"))
    found = {(conflict.subject, conflict.fact): conflict for conflict in find_conflicts([catalog])}
    conflict = found[("version:mistral-small-2503", "supports ImageInput")]
    claims = {(claim.value, claim.node) for claim in conflict.claims}
    assert ("lacks", "endpoint:watsonx-mistralai-mistral-small-2503--litellm-1.110.2") in claims
    assert ("supports", "endpoint:vertex-ai-mistral-small-2503--litellm-1.110.2") in claims
    assert all(claim.sources == (LL,) for claim in conflict.claims)
