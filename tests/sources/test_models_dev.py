"""The models.dev importer, checked against the real catalog in shared/fixtures/peers."""

from __future__ import annotations

import importlib
import json
import tomllib
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from aimkg.cli import cli
from aimkg.core.terms import ID_BASE, XSD
from aimkg.reconcile.catalog import reconcile
from aimkg.reconcile.rdf import catalog_triples
from aimkg.sources import import_models_dev
from aimkg.sources.records import Entry
from aimkg.sources.report import ImportResult
from aimkg.validate import validate_with_bundled
from tests.helpers.catalogs import MODELS_DEV, entries, models_dev_subset, prices

SOURCE = "models-dev-f3fc6922"


def date(text: str, datatype: str = "date") -> ox.Literal:
    return ox.Literal(text, datatype=ox.NamedNode(f"{XSD}{datatype}"))


def raw(provider: str, model_id: str) -> dict:  # type: ignore[type-arg]
    path = MODELS_DEV / "providers" / provider / "models" / f"{model_id}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)


@pytest.fixture(scope="module")
def read(models_dev_import: ImportResult) -> dict[str, Entry]:
    return entries(models_dev_import)


def test_every_entry_is_read_or_reported(models_dev_import: ImportResult) -> None:
    files = list((MODELS_DEV / "providers").glob("*/models/**/*.toml"))
    report = models_dev_import.report
    assert report.entries == len(files) == 5276
    assert report.mapped + report.unmapped == report.entries
    assert len(models_dev_import.entries) == report.mapped == 5276


@pytest.mark.parametrize("model_id", ["mistral-medium-2505", "mistral-medium-2508", "mistral-medium-2604"])
def test_mistral_medium_entries_match_the_raw_files(read: dict[str, Entry], model_id: str) -> None:
    entry, record = read[f"mistral/{model_id}"], raw("mistral", model_id)
    assert (entry.provider, entry.model_id, entry.label) == ("mistral", model_id, record["name"])
    assert entry.release_date == date(record["release_date"])
    assert entry.weights == ("OpenWeights" if record["open_weights"] else "ApiOnly")
    assert (entry.context_window, entry.max_output_tokens) == (record["limit"]["context"], record["limit"]["output"])
    assert prices(entry) == {
        ("InputTokens", None, None): record["cost"]["input"],
        ("OutputTokens", None, None): record["cost"]["output"],
    }
    assert (entry.input_modalities, entry.output_modalities) == (["Text", "Image"], ["Text"])
    assert entry.family == "mistral-medium"


def test_known_facts_of_mistral_medium(read: dict[str, Entry]) -> None:
    medium_3 = read["mistral/mistral-medium-2505"]
    assert medium_3.knowledge_cutoff == date("2025-05", "gYearMonth")
    assert medium_3.weights == "ApiOnly"  # the seed says open weights: aimkg conflicts shows it
    medium_35 = read["mistral/mistral-medium-2604"]
    assert medium_35.release_date == date("2026-04-29")
    assert medium_35.knowledge_cutoff is None


def test_latest_inherits_its_base_record(read: dict[str, Entry]) -> None:
    entry, own = read["mistral/mistral-medium-latest"], raw("mistral", "mistral-medium-latest")
    assert own["base_model"] == "mistral/mistral-medium-latest" and "release_date" not in own
    assert entry.base_model == "mistral/mistral-medium-latest"
    assert entry.label == "Mistral Medium (latest)"
    assert (entry.release_date, entry.knowledge_cutoff) == (date("2025-08-12"), date("2025-05", "gYearMonth"))
    assert (entry.weights, entry.context_window) == ("ApiOnly", 262_144)
    assert prices(entry)[("InputTokens", None, None)] == Decimal("0.40")


def test_context_tier_prices(read: dict[str, Entry]) -> None:
    record = raw("github-copilot", "gpt-5.4")
    tier = record["cost"]["tiers"][0]
    assert tier["tier"] == {"type": "context", "size": 272_000}
    found = prices(read["github-copilot/gpt-5.4"])
    assert found[("InputTokens", None, 272_000)] == tier["input"] == Decimal(5)
    assert found[("OutputTokens", None, 272_000)] == tier["output"]
    assert found[("CachedInputTokens", None, 272_000)] == tier["cache_read"]
    assert found[("InputTokens", None, None)] == Decimal("2.5")


def test_base_model_omit_drops_inherited_fields(read: dict[str, Entry]) -> None:
    base = tomllib.loads((MODELS_DEV / "models" / "openai" / "gpt-5.4.toml").read_text(encoding="utf-8"))
    assert base["limit"]["input"] == 922_000
    assert "limit.input" in raw("amazon-bedrock", "openai.gpt-5.4")["base_model_omit"]
    entry = read["amazon-bedrock/openai.gpt-5.4"]
    assert (entry.max_input_tokens, entry.context_window) == (None, 272_000)
    assert base["knowledge"] == "2025-08-31"
    assert entry.knowledge_cutoff == date("2025-08-31")  # inherited


def test_month_dates_nested_ids_and_preview_status(read: dict[str, Entry]) -> None:
    assert raw("kilo", "qwen/qwen3-8b")["release_date"] == "2025-04"
    entry = read["kilo/qwen/qwen3-8b"]
    assert (entry.model_id, entry.release_date) == ("qwen/qwen3-8b", date("2025-04", "gYearMonth"))
    assert raw("the-grid-ai", "agent-standard")["status"] == "beta"
    assert read["the-grid-ai/agent-standard"].status == "Preview"


def test_deprecated_status(read: dict[str, Entry]) -> None:
    assert raw("mistral", "devstral-latest")["status"] == "deprecated"
    assert read["mistral/devstral-latest"].status == "Deprecated"


def test_colon_ids_and_cache_prices(read: dict[str, Entry]) -> None:
    assert read["amazon-bedrock/amazon.nova-lite-v1:0"].model_id == "amazon.nova-lite-v1:0"
    record, entry = raw("anthropic", "claude-opus-4-5"), read["anthropic/claude-opus-4-5"]
    found = prices(entry)
    assert found[("CachedInputTokens", None, None)] == record["cost"]["cache_read"] == Decimal("0.50")
    assert found[("CacheWriteTokens", None, None)] == record["cost"]["cache_write"] == Decimal("6.25")
    assert entry.knowledge_cutoff == date("2025-03-31")


def test_the_source_is_the_pinned_commit(models_dev_import: ImportResult) -> None:
    source = models_dev_import.source
    assert (source.slug, source.version, source.issued) == (
        SOURCE,
        "f3fc692299671838c7c65fd8126bf84d81a2e817",
        "2026-07-02",
    )


def test_unmappable_values_are_reported(models_dev_import: ImportResult, read: dict[str, Entry]) -> None:
    report = models_dev_import.report.to_dict()
    fields = {(item["field"], item["reason"]): item for item in report["unmapped_fields"]}
    invalid_date = fields[("knowledge", "not a calendar date")]
    assert "azure/claude-haiku-4-5" in invalid_date["examples"]
    assert read["azure/claude-haiku-4-5"].knowledge_cutoff is None
    assert fields[("cost.cache_input", "cost name that the upstream schema does not define")]["count"] == 9
    assert not any(name in ("tool_call", "reasoning", "last_updated") for name, _ in fields)
    benchmarks = fields[("benchmarks", "scores without a score scale, which aimkg:Benchmark requires")]
    assert benchmarks["out_of_scope"] and benchmarks["count"] == 706


def test_coverage_of_the_pinned_checkout(models_dev_import: ImportResult) -> None:
    """The figures docs/import.md gives: every field of every merged record and provider.toml."""
    report = models_dev_import.report
    assert (report.values, report.unmapped_values, report.unmapped_in_scope) == (73_657, 2_177, 75)
    mapped, covered = report.coverage()
    assert mapped > 0.96 and covered > 0.99


def test_capabilities_and_reasoning_options(read: dict[str, Entry]) -> None:
    medium = read["mistral/mistral-medium-2604"]
    assert medium.capabilities["Reasoning"] is True
    assert medium.capabilities["ToolCalling"] is True
    assert medium.last_updated is not None
    opus = read["github-copilot/claude-opus-4.7"]
    efforts = sorted(name for name, has in opus.capabilities.items() if name.startswith("ReasoningEffort") and has)
    assert efforts == [
        "ReasoningEffortHigh",
        "ReasoningEffortLow",
        "ReasoningEffortMax",
        "ReasoningEffortMedium",
        "ReasoningEffortXhigh",
    ]
    budgeted = [entry for entry in read.values() if entry.reasoning_budget == (1024, 81920)]
    assert budgeted and all(entry.capabilities.get("Reasoning") is not False for entry in budgeted)
    toggled = [entry for entry in read.values() if entry.capabilities.get("ReasoningToggle")]
    assert len(toggled) > 800
    interleaved = [entry for entry in read.values() if "InterleavedReasoning" in entry.capabilities]
    assert len(interleaved) == 557


def test_provider_doc_is_a_page_the_records_cite(read: dict[str, Entry]) -> None:
    assert read["mistral/mistral-medium-2505"].doc_urls == ["https://docs.mistral.ai/getting-started/models/"]


def test_reading_twice_gives_the_same_entries(tmp_path: Path) -> None:
    tree = models_dev_subset(tmp_path / "md", ["mistral", "kilo"])
    assert import_models_dev(tree).entries == import_models_dev(tree).entries


def test_a_subset_reconciled_validates(tmp_path: Path) -> None:
    """The Mistral and github-copilot entries (tiers, nested base records), reconciled, conform to the shapes."""
    result = import_models_dev(models_dev_subset(tmp_path / "md", ["mistral", "github-copilot"]))
    report = validate_with_bundled(catalog_triples(reconcile([result])))
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
    graph = Graph().parse(out)
    assert len(graph) == len(set(catalog_triples(reconcile([import_models_dev(tree)]))))
    record = URIRef(f"{ID_BASE}endpoint/mistral-mistral-medium-2505--{SOURCE}")
    assert graph.value(record, DCTERMS.identifier) == Literal("mistral/mistral-medium-2505")
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
