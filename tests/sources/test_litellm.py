"""The LiteLLM importer, checked against the real price table in shared/fixtures/peers."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, XSD

from aimkg.cli import cli
from aimkg.core.terms import ID_BASE, slugify
from aimkg.export.formats import serialize
from aimkg.io.graph import AIMKG, ox_triples
from aimkg.sources import import_litellm
from aimkg.sources.report import ImportResult
from aimkg.validate import validate_with_bundled
from tests.helpers.catalogs import LITELLM, litellm_subset, prices

SOURCE = "litellm-1.110.2"
RAW: dict[str, Any] = json.loads(LITELLM.read_text(encoding="utf-8"), parse_float=Decimal)
#: An independent reading of LiteLLM's per-token price field names.
KINDS = {
    "input_cost_per_token": "InputTokens",
    "output_cost_per_token": "OutputTokens",
    "cache_read_input_token_cost": "CachedInputTokens",
    "cache_creation_input_token_cost": "CacheWriteTokens",
    "output_cost_per_reasoning_token": "ReasoningTokens",
    "input_cost_per_audio_token": "InputAudioTokens",
    "output_cost_per_audio_token": "OutputAudioTokens",
    "input_cost_per_image_token": "InputImageTokens",
}
FIELD = re.compile(r"(\w+?)(?:_above_(\d+)k_tokens)?(?:_(batches|priority|flex))?")
TIERS = {"batches": "Batch", "priority": "Priority", "flex": "Flex"}


def model_id(key: str) -> str:
    provider = RAW[key]["litellm_provider"]
    return key.removeprefix(f"{provider}/")


def version(key: str) -> URIRef:
    provider = RAW[key]["litellm_provider"]
    return URIRef(f"{ID_BASE}version/{slugify(provider)}--{slugify(model_id(key))}--{SOURCE}")


def endpoint(key: str) -> URIRef:
    provider = RAW[key]["litellm_provider"]
    return URIRef(f"{ID_BASE}endpoint/{slugify(provider)}--{slugify(model_id(key))}--{SOURCE}")


def test_every_entry_is_mapped_or_reported(litellm_import: ImportResult) -> None:
    report = litellm_import.report
    assert report.entries == len(RAW) == 4878
    assert report.mapped + report.unmapped == report.entries
    aliases = sum(1 for entry in RAW.values() if "alias_of" in entry)
    assert len(set(litellm_import.graph.subjects(RDF.type, AIMKG.Version))) == report.mapped - aliases
    assert report.unmapped_entries == {
        "sample_spec": "documentation of the fields, not a model",
        "fallback_generalizations": "no litellm_provider: the entry names no provider",
    }


def test_per_token_prices_become_exact_per_million_prices(litellm_import: ImportResult) -> None:
    """Every per-token price field of every entry, against the raw file (0.000008 per token = 8 per 1M)."""
    graph, checked = litellm_import.graph, 0
    for key, entry in RAW.items():
        if "litellm_provider" not in entry or (graph.value(version(key), RDF.type) is None):
            continue  # two keys of one ID: their IRIs carry a hash, checked elsewhere
        found = prices(graph, version(key))
        for name, value in entry.items():
            match = FIELD.fullmatch(name)
            if match and match[1] in KINDS:
                tier = TIERS[match[3]] if match[3] else None
                above = int(match[2]) * 1000 if match[2] else None
                assert found[(KINDS[match[1]], tier, above)] == value * 1_000_000, (key, name)
                checked += 1
    assert checked == 15_702
    lexical = [str(amount) for amount in graph.objects(None, AIMKG.amount)]
    assert not [text for text in lexical if "e" in text.lower()]


def test_a_price_that_needs_exact_conversion(litellm_import: ImportResult) -> None:
    text = LITELLM.read_text(encoding="utf-8")
    assert '"anthropic.claude-v1": {\n        "input_cost_per_token": 8e-06' in text
    found = prices(litellm_import.graph, version("anthropic.claude-v1"))
    assert found[("InputTokens", None, None)] == Decimal(8)
    assert found[("OutputTokens", None, None)] == Decimal(24)
    # through a binary float, 8e-07 per token would become 0.7999999999999999 per 1M
    assert RAW["amazon.nova-pro-v1:0"]["input_cost_per_token"] == Decimal("8e-07")
    assert 8e-07 * 1_000_000 != 0.8
    price = URIRef(f"{ID_BASE}price/bedrock-converse--amazon.nova-pro-v1-0--input--{SOURCE}")
    assert (version("amazon.nova-pro-v1:0"), AIMKG.price, price) in litellm_import.graph
    assert litellm_import.graph.value(price, AIMKG.amount) == Literal("0.8", datatype=XSD.decimal)
    amounts = {str(price) for price in litellm_import.graph.objects(None, AIMKG.amount)}
    assert "8" in amounts and "0.15" in amounts


def test_mistral_entries(litellm_import: ImportResult) -> None:
    graph = litellm_import.graph
    latest = version("mistral/mistral-medium-latest")
    assert prices(graph, latest) == {
        ("InputTokens", None, None): Decimal("1.5"),
        ("OutputTokens", None, None): Decimal("7.5"),
        ("CachedInputTokens", None, None): Decimal("0.15"),
    }
    assert int(graph.value(latest, AIMKG.maxInputTokens)) == 262_144  # type: ignore[arg-type]
    assert int(graph.value(latest, AIMKG.maxOutputTokens)) == 262_144  # type: ignore[arg-type]
    assert graph.value(latest, AIMKG.modelType) == AIMKG.ChatModel
    assert graph.value(endpoint("mistral/mistral-medium-latest"), AIMKG.modelId) == Literal("mistral-medium-latest")
    assert (
        version("mistral/mistral-medium-2604"),
        OWL.sameAs,
        URIRef(f"{ID_BASE}version/mistral-medium-2604"),
    ) in graph
    # the curated mistral-small endpoint still serves Mixtral 8x7B in the seed data
    assert (version("mistral/mistral-small"), OWL.sameAs, URIRef(f"{ID_BASE}version/mixtral-8x7b")) in graph
    # the curated alias mistral-medium was retired with mistral-medium-2312: no link
    assert (version("mistral/mistral-medium"), OWL.sameAs, None) not in graph
    assert graph.value(version("mistral/mistral-medium-3-5"), AIMKG.deprecationDate) == Literal(
        "2027-04-30", datatype=XSD.date
    )
    vertex = version("vertex_ai/mistral-medium-3")
    assert RAW["vertex_ai/mistral-medium-3"]["litellm_provider"] == "vertex_ai-mistral_models"
    assert prices(graph, vertex)[("InputTokens", None, None)] == Decimal("0.4")
    assert int(graph.value(vertex, AIMKG.maxOutputTokens)) == 8191  # type: ignore[arg-type]


def test_deprecation_and_successor(litellm_import: ImportResult) -> None:
    raw, graph = RAW["azure_ai/mistral-medium-2505"], litellm_import.graph
    node = version("azure_ai/mistral-medium-2505")
    assert graph.value(node, AIMKG.deprecationDate) == Literal(raw["deprecation_date"], datatype=XSD.date)
    assert graph.value(node, AIMKG.replacedBy) == version(raw["successor_model"])
    report = litellm_import.report.to_dict()
    unknown = [item for item in report["unmapped_fields"] if item["field"] == "successor"]
    assert unknown[0]["count"] == 13  # successors that name no key of the file


def test_alias_of_becomes_an_alias_of_the_target_endpoint(litellm_import: ImportResult) -> None:
    assert RAW["bedrock/claude-fable-latest"] == {"alias_of": "global.anthropic.claude-fable-5-1"}
    target = endpoint("global.anthropic.claude-fable-5-1")
    assert (target, AIMKG.alias, Literal("bedrock/claude-fable-latest")) in litellm_import.graph
    assert litellm_import.graph.value(target, AIMKG.modelId) == Literal("global.anthropic.claude-fable-5-1")


def test_an_alias_of_an_alias_is_followed_to_the_entry_it_names(tmp_path: Path) -> None:
    entries = {
        "x/model": {"litellm_provider": "x", "mode": "chat", "successor_model": "x/newest"},
        "x/new": {"litellm_provider": "x", "mode": "chat"},
        "x/latest": {"alias_of": "x/new"},
        "x/newest": {"alias_of": "x/latest"},
    }
    path = tmp_path / "prices.json"
    path.write_text(json.dumps(entries), encoding="utf-8")
    result = import_litellm(path, version="1.0")
    new = URIRef(f"{ID_BASE}endpoint/x--new--litellm-1.0")
    assert sorted(map(str, result.graph.objects(new, AIMKG.alias))) == ["latest", "newest"]
    model = URIRef(f"{ID_BASE}version/x--model--litellm-1.0")
    assert result.graph.value(model, AIMKG.replacedBy) == URIRef(f"{ID_BASE}version/x--new--litellm-1.0")
    assert result.report.to_dict()["unmapped_entries"] == []


def test_service_and_context_tiers(litellm_import: ImportResult) -> None:
    raw, found = RAW["azure/gpt-5.4"], prices(litellm_import.graph, version("azure/gpt-5.4"))
    assert found[("InputTokens", "Priority", None)] == raw["input_cost_per_token_priority"] * 1_000_000
    assert found[("InputTokens", None, 272_000)] == Decimal(5)
    assert found[("InputTokens", "Priority", 272_000)] == Decimal(10)
    assert found[("CachedInputTokens", "Batch", 272_000)] == Decimal("0.25")
    flex = next(key for key, entry in RAW.items() if "input_cost_per_token_flex" in entry)
    found = prices(litellm_import.graph, version(flex))
    assert found[("InputTokens", "Flex", None)] == RAW[flex]["input_cost_per_token_flex"] * 1_000_000


def test_tiered_pricing(litellm_import: ImportResult) -> None:
    assert RAW["dashscope/qwen-flash"]["tiered_pricing"][1]["range"][0] == Decimal("256000.0")
    assert prices(litellm_import.graph, version("dashscope/qwen-flash")) == {
        ("InputTokens", None, None): Decimal("0.05"),
        ("OutputTokens", None, None): Decimal("0.4"),
        ("InputTokens", None, 256_000): Decimal("0.25"),
        ("OutputTokens", None, 256_000): Decimal(2),
    }


def test_modes_and_modalities(litellm_import: ImportResult) -> None:
    graph = litellm_import.graph
    assert RAW["amazon.titan-embed-image-v1"]["mode"] == "embedding"
    assert graph.value(version("amazon.titan-embed-image-v1"), AIMKG.modelType) == AIMKG.EmbeddingModel
    assert RAW["cloudflare/clef-omni"]["mode"] == "evaluation"
    assert graph.value(version("cloudflare/clef-omni"), AIMKG.modelType) is None
    node = version("azure_ai/mistral-medium-3-5")
    assert set(graph.objects(node, AIMKG.inputModality)) == {AIMKG.Text, AIMKG.Image}
    assert set(graph.objects(node, AIMKG.outputModality)) == {AIMKG.Text}


def test_unmapped_fields_are_counted_with_a_reason(litellm_import: ImportResult) -> None:
    fields = {item["field"]: item for item in litellm_import.report.to_dict()["unmapped_fields"]}
    assert fields["mode=evaluation"]["count"] == 35
    assert fields["mode=evaluation"]["reason"] == "no aimkg:ModelType for this mode"
    assert fields["output_cost_per_image"]["count"] == 346
    assert fields["output_cost_per_image"]["reason"].startswith("non-token billing")
    assert fields["supports_vision"]["reason"] == "capability flag: aimkg has no term for it"
    assert fields["input_cost_per_token_cache_hit"]["reason"].startswith("token price for a kind")


def test_keys_that_share_a_slug_get_distinct_iris(litellm_import: ImportResult) -> None:
    graph = litellm_import.graph
    ids = [
        graph.value(node, AIMKG.modelId)
        for node in graph.subjects(RDF.type, AIMKG.Endpoint)
        if str(node).startswith(f"{ID_BASE}endpoint/azure-ai--model-router")
    ]
    assert sorted(map(str, ids)) == ["model-router", "model_router"]


def test_same_input_gives_the_same_bytes(tmp_path: Path) -> None:
    subset = litellm_subset(tmp_path / "ll.json", ["mistral", "azure_ai"])
    assert (
        serialize(ox_triples(import_litellm(subset).graph), "turtle").decode()
        == serialize(ox_triples(import_litellm(subset).graph), "turtle").decode()
    )


def test_a_subset_validates(tmp_path: Path) -> None:
    subset = litellm_subset(tmp_path / "ll.json", ["mistral", "azure_ai", "dashscope"])
    report = validate_with_bundled(import_litellm(subset).graph)
    assert report.conforms, report.to_text()


# ---------------------------------------------------------------- CLI and bad input


def test_cli_with_a_source_version(tmp_path: Path) -> None:
    subset = litellm_subset(tmp_path / "ll.json", ["mistral"])
    out = tmp_path / "out.nt"
    result = CliRunner().invoke(cli, ["import", "litellm", str(subset), "--source-version", "1.2.3", "-o", str(out)])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(out, format="nt")
    source = URIRef(f"{ID_BASE}source/litellm-1.2.3")
    assert graph.value(source, AIMKG.sourceVersion) == Literal("1.2.3")
    assert out.read_text().splitlines() == sorted(out.read_text().splitlines())


def test_runs_as_a_module(tmp_path: Path) -> None:
    subset = litellm_subset(tmp_path / "ll.json", ["mistral"])
    out = tmp_path / "out.ttl"
    command = [sys.executable, "-m", "aimkg.sources.litellm", str(subset), "-o", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "litellm: 79 entries: 79 mapped" in done.stderr and "Warning" not in done.stderr
    assert out.read_text(encoding="utf-8").startswith("PREFIX")
