"""The models.dev importer, checked against the real catalog in shared/fixtures/peers."""

from __future__ import annotations

import importlib
import json
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from aimkg.cli import cli
from aimkg.core.terms import ID_BASE, slugify
from aimkg.export.formats import serialize
from aimkg.io.graph import AIMKG, ox_triples
from aimkg.sources import import_models_dev
from aimkg.sources.report import ImportResult
from aimkg.validate import validate_with_bundled
from tests.helpers.catalogs import MODELS_DEV, models_dev_subset, prices

SOURCE = "models-dev-f3fc6922"


def version(provider: str, model_id: str) -> URIRef:
    return URIRef(f"{ID_BASE}version/{slugify(provider)}--{slugify(model_id)}--{SOURCE}")


def endpoint(provider: str, model_id: str) -> URIRef:
    return URIRef(f"{ID_BASE}endpoint/{slugify(provider)}--{slugify(model_id)}--{SOURCE}")


def raw(provider: str, model_id: str) -> dict:  # type: ignore[type-arg]
    path = MODELS_DEV / "providers" / provider / "models" / f"{model_id}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)


def test_every_entry_is_mapped_or_reported(models_dev_import: ImportResult) -> None:
    files = list((MODELS_DEV / "providers").glob("*/models/**/*.toml"))
    report = models_dev_import.report
    assert report.entries == len(files) == 5276
    assert report.mapped + report.unmapped == report.entries
    versions = set(models_dev_import.graph.subjects(RDF.type, AIMKG.Version))
    assert len(versions) == report.mapped


@pytest.mark.parametrize("model_id", ["mistral-medium-2505", "mistral-medium-2508", "mistral-medium-2604"])
def test_mistral_medium_versions_match_the_raw_files(models_dev_import: ImportResult, model_id: str) -> None:
    graph, node, record = models_dev_import.graph, version("mistral", model_id), raw("mistral", model_id)
    assert graph.value(node, RDFS.label) == Literal(record["name"], lang="en")
    assert graph.value(node, AIMKG.releaseDate) == Literal(record["release_date"], datatype=XSD.date)
    weights = AIMKG.OpenWeights if record["open_weights"] else AIMKG.ApiOnly
    assert graph.value(node, AIMKG.weights) == weights
    assert int(graph.value(node, AIMKG.contextWindow)) == record["limit"]["context"]  # type: ignore[arg-type]
    assert int(graph.value(node, AIMKG.maxOutputTokens)) == record["limit"]["output"]  # type: ignore[arg-type]
    assert prices(graph, node) == {
        ("InputTokens", None, None): record["cost"]["input"],
        ("OutputTokens", None, None): record["cost"]["output"],
    }
    assert set(graph.objects(node, AIMKG.inputModality)) == {AIMKG.Text, AIMKG.Image}
    assert set(graph.objects(node, AIMKG.outputModality)) == {AIMKG.Text}
    assert (node, OWL.sameAs, URIRef(f"{ID_BASE}version/{model_id}")) in graph
    served = endpoint("mistral", model_id)
    assert graph.value(served, AIMKG.modelId) == Literal(model_id)
    assert graph.value(served, AIMKG.serves) == node
    assert graph.value(served, AIMKG.platform) == URIRef(f"{ID_BASE}platform/la-plateforme")


def test_known_facts_of_mistral_medium(models_dev_import: ImportResult) -> None:
    graph = models_dev_import.graph
    medium_3 = version("mistral", "mistral-medium-2505")
    assert graph.value(medium_3, AIMKG.knowledgeCutoff) == Literal("2025-05", datatype=XSD.gYearMonth)
    assert graph.value(medium_3, AIMKG.weights) == AIMKG.ApiOnly  # the seed says open weights
    medium_35 = version("mistral", "mistral-medium-2604")
    assert graph.value(medium_35, AIMKG.releaseDate) == Literal("2026-04-29", datatype=XSD.date)
    assert graph.value(medium_35, AIMKG.knowledgeCutoff) is None


def test_latest_inherits_its_base_record(models_dev_import: ImportResult) -> None:
    graph, node = models_dev_import.graph, version("mistral", "mistral-medium-latest")
    own = raw("mistral", "mistral-medium-latest")
    assert own["base_model"] == "mistral/mistral-medium-latest" and "release_date" not in own
    assert graph.value(node, RDFS.label) == Literal("Mistral Medium (latest)", lang="en")
    assert graph.value(node, AIMKG.releaseDate) == Literal("2025-08-12", datatype=XSD.date)
    assert graph.value(node, AIMKG.knowledgeCutoff) == Literal("2025-05", datatype=XSD.gYearMonth)
    assert graph.value(node, AIMKG.weights) == AIMKG.ApiOnly
    assert int(graph.value(node, AIMKG.contextWindow)) == 262_144  # type: ignore[arg-type]
    assert prices(graph, node)[("InputTokens", None, None)] == Decimal("0.40")
    model = graph.value(node, AIMKG.versionOf)
    assert (model, OWL.sameAs, URIRef(f"{ID_BASE}model/mistral-medium")) in graph


def test_context_tier_prices(models_dev_import: ImportResult) -> None:
    record = raw("github-copilot", "gpt-5.4")
    tier = record["cost"]["tiers"][0]
    assert tier["tier"] == {"type": "context", "size": 272_000}
    found = prices(models_dev_import.graph, version("github-copilot", "gpt-5.4"))
    assert found[("InputTokens", None, 272_000)] == tier["input"] == Decimal(5)
    assert found[("OutputTokens", None, 272_000)] == tier["output"]
    assert found[("CachedInputTokens", None, 272_000)] == tier["cache_read"]
    assert found[("InputTokens", None, None)] == Decimal("2.5")


def test_base_model_omit_drops_inherited_fields(models_dev_import: ImportResult) -> None:
    base = tomllib.loads((MODELS_DEV / "models" / "openai" / "gpt-5.4.toml").read_text(encoding="utf-8"))
    assert base["limit"]["input"] == 922_000
    assert "limit.input" in raw("amazon-bedrock", "openai.gpt-5.4")["base_model_omit"]
    graph, node = models_dev_import.graph, version("amazon-bedrock", "openai.gpt-5.4")
    assert graph.value(node, AIMKG.maxInputTokens) is None
    assert int(graph.value(node, AIMKG.contextWindow)) == 272_000  # type: ignore[arg-type]
    assert base["knowledge"] == "2025-08-31"
    assert graph.value(node, AIMKG.knowledgeCutoff) == Literal("2025-08-31", datatype=XSD.date)  # inherited


def test_month_dates_nested_ids_and_preview_status(models_dev_import: ImportResult) -> None:
    assert raw("kilo", "qwen/qwen3-8b")["release_date"] == "2025-04"
    graph, node = models_dev_import.graph, version("kilo", "qwen/qwen3-8b")
    assert graph.value(node, AIMKG.releaseDate) == Literal("2025-04", datatype=XSD.gYearMonth)
    assert raw("the-grid-ai", "agent-standard")["status"] == "beta"
    assert graph.value(version("the-grid-ai", "agent-standard"), AIMKG.status) == AIMKG.Preview
    assert graph.value(endpoint("kilo", "qwen/qwen3-8b"), AIMKG.modelId) == Literal("qwen/qwen3-8b")


def test_deprecated_status(models_dev_import: ImportResult) -> None:
    assert raw("mistral", "devstral-latest")["status"] == "deprecated"
    assert models_dev_import.graph.value(version("mistral", "devstral-latest"), AIMKG.status) == AIMKG.Deprecated


def test_colon_ids_and_cache_prices(models_dev_import: ImportResult) -> None:
    graph = models_dev_import.graph
    assert graph.value(endpoint("amazon-bedrock", "amazon.nova-lite-v1:0"), AIMKG.modelId) == Literal(
        "amazon.nova-lite-v1:0"
    )
    record = raw("anthropic", "claude-opus-4-5")
    found = prices(graph, version("anthropic", "claude-opus-4-5"))
    assert found[("CachedInputTokens", None, None)] == record["cost"]["cache_read"] == Decimal("0.50")
    assert found[("CacheWriteTokens", None, None)] == record["cost"]["cache_write"] == Decimal("6.25")
    node = version("anthropic", "claude-opus-4-5")
    assert graph.value(node, AIMKG.knowledgeCutoff) == Literal("2025-03-31", datatype=XSD.date)
    assert (node, OWL.sameAs, None) not in graph  # anthropic is not a curated provider


def test_provider_and_source(models_dev_import: ImportResult) -> None:
    graph = models_dev_import.graph
    provider = URIRef(f"{ID_BASE}provider/mistral--{SOURCE}")
    assert graph.value(provider, RDFS.label) == Literal("Mistral", lang="en")
    assert graph.value(provider, AIMKG.url) == Literal(
        "https://docs.mistral.ai/getting-started/models/", datatype=XSD.anyURI
    )
    assert (provider, OWL.sameAs, URIRef(f"{ID_BASE}provider/mistral-ai")) in graph
    source = URIRef(f"{ID_BASE}source/{SOURCE}")
    assert graph.value(source, AIMKG.sourceVersion) == Literal("f3fc692299671838c7c65fd8126bf84d81a2e817")
    typed = {s for s in graph.subjects(RDF.type, None) if s != source}
    assert all((node, URIRef("http://purl.org/dc/terms/source"), source) in graph for node in typed)


def test_unmappable_values_are_reported(models_dev_import: ImportResult) -> None:
    report = models_dev_import.report.to_dict()
    fields = {(item["field"], item["reason"]): item for item in report["unmapped_fields"]}
    invalid_date = fields[("knowledge", "not a calendar date")]
    assert "azure/claude-haiku-4-5" in invalid_date["examples"]
    assert models_dev_import.graph.value(version("azure", "claude-haiku-4-5"), AIMKG.knowledgeCutoff) is None
    assert fields[("cost.cache_input", "cost name that the upstream schema does not define")]["count"] == 9
    assert fields[("tool_call", "capability flag: aimkg has no term for it")]["count"] == report["entries"]


def test_same_input_gives_the_same_bytes(tmp_path: Path) -> None:
    tree = models_dev_subset(tmp_path / "md", ["mistral", "kilo"])
    first = serialize(ox_triples(import_models_dev(tree).graph), "turtle").decode()
    second = serialize(ox_triples(import_models_dev(tree).graph), "turtle").decode()
    assert first == second


def test_a_subset_validates(tmp_path: Path) -> None:
    """The Mistral and github-copilot entries (tiers, nested base records) conform to the shapes."""
    result = import_models_dev(models_dev_subset(tmp_path / "md", ["mistral", "github-copilot"]))
    report = validate_with_bundled(result.graph)
    assert report.conforms, report.to_text()


# ---------------------------------------------------------------- CLI and bad input


def test_cli_writes_graph_and_report(tmp_path: Path) -> None:
    tree = models_dev_subset(tmp_path / "md", ["mistral"])
    out, report = tmp_path / "out.ttl", tmp_path / "report.json"
    command = ["import", "models-dev", str(tree), "-o", str(out), "--report", str(report), "--validate"]
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 0, result.output
    assert "conforms: 0 violation(s)" in result.stderr
    assert "models-dev: 30 entries: 30 mapped, 0 not mapped" in result.stderr
    assert len(Graph().parse(out)) == 1135
    assert json.loads(report.read_text())["mapped"] == 30


def write_model(tree: Path, text: str, name: str = "broken") -> Path:
    folder = tree / "providers" / "acme" / "models"
    folder.mkdir(parents=True, exist_ok=True)
    (tree / "providers" / "acme" / "provider.toml").write_text('name = "Acme"\n')
    path = folder / f"{name}.toml"
    path.write_text(text)
    return path


def test_an_existing_output_survives_a_failed_import(tmp_path: Path) -> None:
    write_model(tmp_path, 'name = "X"\n[cost]\ninput = -1\n')
    out = tmp_path / "out.ttl"
    out.write_text("previous\n")
    result = CliRunner().invoke(cli, ["import", "models-dev", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 2
    assert out.read_text() == "previous\n"


def test_output_that_does_not_conform_is_not_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from aimkg.validate import ValidationReport, ValidationResult

    validation = importlib.import_module("aimkg.validate")  # the module: aimkg.validate is the function

    finding = ValidationResult("https://w3id.org/aimkg/id/version/x", "Violation", None, None, "broken", "", "")
    monkeypatch.setattr(validation, "validate_with_bundled", lambda *args: ValidationReport([finding]))
    write_model(tmp_path, 'name = "Fine"\n', "fine")
    out = tmp_path / "out.ttl"
    result = CliRunner().invoke(cli, ["import", "models-dev", str(tmp_path), "--validate", "-o", str(out)])
    assert result.exit_code == 1
    assert "does not conform: 1 violation(s)" in result.stderr
    assert not out.exists()
