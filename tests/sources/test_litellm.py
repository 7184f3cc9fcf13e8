"""The LiteLLM importer, checked against the real price table in shared/fixtures/peers."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from aimkg.cli import cli
from aimkg.core.terms import ID_BASE, XSD
from aimkg.io.graph import AIMKG
from aimkg.reconcile.catalog import reconcile
from aimkg.reconcile.rdf import catalog_triples
from aimkg.sources import import_litellm
from aimkg.sources.records import Entry
from aimkg.sources.report import ImportResult
from aimkg.validate import validate_with_bundled
from tests.helpers.catalogs import LITELLM, entries, litellm_subset, prices, unit_prices

XSD_DATE = ox.NamedNode(f"{XSD}date")
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


@pytest.fixture(scope="module")
def read(litellm_import: ImportResult) -> dict[str, Entry]:
    return entries(litellm_import)


def test_every_entry_is_read_or_reported(litellm_import: ImportResult) -> None:
    report = litellm_import.report
    assert report.entries == len(RAW) == 4878
    assert report.mapped + report.unmapped == report.entries
    aliases = sum(1 for entry in RAW.values() if "alias_of" in entry)
    assert len(litellm_import.entries) == report.mapped - aliases
    reasons = Counter(report.unmapped_entries.values())
    assert reasons == {
        "a price rule by model size, not a model ID": 16,
        "a fine-tuning price template (ft:), not a model ID": 14,
        "Anthropic's Claude Platform on AWS, not a Bedrock model ID; no platform row for it": 14,
        "documentation of the fields, not a model": 1,
        "Bedrock Guardrails pricing, not a model": 1,
        "no litellm_provider: the entry names no provider": 1,
    }
    assert report.unmapped_entries["sample_spec"] == "documentation of the fields, not a model"


def test_per_token_prices_become_exact_per_million_prices(read: dict[str, Entry]) -> None:
    """Every per-token price field of every entry, against the raw file (0.000008 per token = 8 per 1M)."""
    checked = 0
    for key, raw in RAW.items():
        if key not in read:
            continue
        found = prices(read[key])
        for name, value in raw.items():
            match = FIELD.fullmatch(name)
            if match and match[1] in KINDS:
                tier = TIERS[match[3]] if match[3] else None
                above = int(match[2]) * 1000 if match[2] else None
                assert found[(KINDS[match[1]], tier, above)] == value * 1_000_000, (key, name)
                checked += 1
    assert checked == 15_703


def test_a_price_that_needs_exact_conversion(read: dict[str, Entry]) -> None:
    text = LITELLM.read_text(encoding="utf-8")
    assert '"anthropic.claude-v1": {\n        "input_cost_per_token": 8e-06' in text
    found = prices(read["anthropic.claude-v1"])
    assert found[("InputTokens", None, None)] == Decimal(8)
    assert found[("OutputTokens", None, None)] == Decimal(24)
    # through a binary float, 8e-07 per token would become 0.7999999999999999 per 1M
    assert RAW["amazon.nova-pro-v1:0"]["input_cost_per_token"] == Decimal("8e-07")
    assert 8e-07 * 1_000_000 != 0.8
    assert prices(read["amazon.nova-pro-v1:0"])[("InputTokens", None, None)] == Decimal("0.8")


def test_keys_become_the_model_ids_platforms_accept(read: dict[str, Entry]) -> None:
    """LiteLLM's routing syntax is taken off the key: provider prefix, regions, zones, image sizes."""
    cases = {
        "mistral/mistral-medium-latest": ("mistral-medium-latest", None),
        "gpt-4o": ("gpt-4o", None),
        "vertex_ai/mistral-medium-3": ("mistral-medium-3", None),
        "bedrock/us-gov-west-1/anthropic.claude-3-haiku-20240307-v1:0": (
            "anthropic.claude-3-haiku-20240307-v1:0",
            "us-gov-west-1",
        ),
        "azure/eu/gpt-4o": ("gpt-4o", "eu"),
        "low/1536-x-1024/gpt-image-1-mini": ("gpt-image-1-mini", "low/1536-x-1024"),
        "fireworks_ai/accounts/fireworks/models/kimi-k3p1-pro": ("accounts/fireworks/models/kimi-k3p1-pro", None),
        "us.anthropic.claude-opus-4-1-20250805-v1:0": ("us.anthropic.claude-opus-4-1-20250805-v1:0", None),
    }
    assert {key: (read[key].model_id, read[key].variant) for key in cases} == cases


def test_mistral_entries(read: dict[str, Entry]) -> None:
    latest = read["mistral/mistral-medium-latest"]
    assert prices(latest) == {
        ("InputTokens", None, None): Decimal("1.5"),
        ("OutputTokens", None, None): Decimal("7.5"),
        ("CachedInputTokens", None, None): Decimal("0.15"),
    }
    assert (latest.max_input_tokens, latest.max_output_tokens, latest.model_type) == (262_144, 262_144, "ChatModel")
    assert read["mistral/mistral-medium-3-5"].deprecation_date == ox.Literal("2027-04-30", datatype=XSD_DATE)
    vertex = read["vertex_ai/mistral-medium-3"]
    assert RAW["vertex_ai/mistral-medium-3"]["litellm_provider"] == "vertex_ai-mistral_models"
    assert prices(vertex)[("InputTokens", None, None)] == Decimal("0.4")
    assert vertex.max_output_tokens == 8191


def test_deprecation_and_successor(litellm_import: ImportResult, read: dict[str, Entry]) -> None:
    raw, entry = RAW["azure_ai/mistral-medium-2505"], read["azure_ai/mistral-medium-2505"]
    assert entry.deprecation_date == ox.Literal(raw["deprecation_date"], datatype=XSD_DATE)
    assert entry.replaced_by == raw["successor_model"] == "azure_ai/mistral-medium-3-5"


def test_alias_of_becomes_an_alias_of_the_target_entry(read: dict[str, Entry]) -> None:
    assert RAW["bedrock/claude-fable-latest"] == {"alias_of": "global.anthropic.claude-fable-5-1"}
    target = read["global.anthropic.claude-fable-5-1"]
    assert target.aliases == ["claude-fable-latest"]  # the alias key, as a model ID: bedrock/ is LiteLLM's route


def test_an_alias_of_an_alias_is_followed_to_the_entry_it_names(tmp_path: Path) -> None:
    found = {
        "x/model": {"litellm_provider": "x", "mode": "chat", "successor_model": "x/newest"},
        "x/new": {"litellm_provider": "x", "mode": "chat"},
        "x/latest": {"alias_of": "x/new"},
        "x/newest": {"alias_of": "x/latest"},
    }
    path = tmp_path / "prices.json"
    path.write_text(json.dumps(found), encoding="utf-8")
    result = import_litellm(path, version="1.0")
    read = entries(result)
    assert sorted(read["x/new"].aliases) == ["latest", "newest"]
    assert read["x/model"].replaced_by == "x/new"
    assert result.report.to_dict()["unmapped_entries"] == []


def test_service_and_context_tiers(read: dict[str, Entry]) -> None:
    raw, found = RAW["azure/gpt-5.4"], prices(read["azure/gpt-5.4"])
    assert found[("InputTokens", "Priority", None)] == raw["input_cost_per_token_priority"] * 1_000_000
    assert found[("InputTokens", None, 272_000)] == Decimal(5)
    assert found[("InputTokens", "Priority", 272_000)] == Decimal(10)
    assert found[("CachedInputTokens", "Batch", 272_000)] == Decimal("0.25")
    flex = next(key for key, entry in RAW.items() if "input_cost_per_token_flex" in entry)
    assert prices(read[flex])[("InputTokens", "Flex", None)] == RAW[flex]["input_cost_per_token_flex"] * 1_000_000


def test_tiered_pricing(read: dict[str, Entry]) -> None:
    assert RAW["dashscope/qwen-flash"]["tiered_pricing"][1]["range"][0] == Decimal("256000.0")
    assert prices(read["dashscope/qwen-flash"]) == {
        ("InputTokens", None, None): Decimal("0.05"),
        ("OutputTokens", None, None): Decimal("0.4"),
        ("InputTokens", None, 256_000): Decimal("0.25"),
        ("OutputTokens", None, 256_000): Decimal(2),
    }


def test_modes_and_modalities(read: dict[str, Entry]) -> None:
    assert RAW["amazon.titan-embed-image-v1"]["mode"] == "embedding"
    assert read["amazon.titan-embed-image-v1"].model_type == "EmbeddingModel"
    assert RAW["cloudflare/clef-omni"]["mode"] == "evaluation"
    assert read["cloudflare/clef-omni"].model_type is None
    entry = read["azure_ai/mistral-medium-3-5"]
    assert (entry.input_modalities, entry.output_modalities) == (["Text", "Image"], ["Text"])


def test_unmapped_fields_are_counted_with_a_reason(litellm_import: ImportResult) -> None:
    fields = {item["field"]: item for item in litellm_import.report.to_dict()["unmapped_fields"]}
    assert fields["mode=evaluation"]["count"] == 35
    assert fields["mode=evaluation"]["reason"] == "no aimkg:ModelType for this mode"
    assert not fields["mode=evaluation"]["out_of_scope"]
    assert fields["supports_output_config"]["out_of_scope"]
    assert fields["supports_output_config"]["reason"].startswith("one provider's API option")
    assert fields["explicit_cache_read_input_token_cost"]["reason"].startswith("token price for a kind")
    for mapped in ("supports_vision", "output_cost_per_image", "input_cost_per_token_cache_hit", "source", "rpm"):
        assert fields.get(mapped, {"reason": ""})["reason"] != "no aimkg term for this field", mapped
    assert "supports_vision" not in fields
    assert fields["source"] == {
        "field": "source",
        "reason": "not an http(s) URL",
        "count": 1,
        "out_of_scope": False,
        "absent": False,
        "examples": ["ft:gpt-4-0613"],
    }


def test_coverage_of_the_pinned_file(litellm_import: ImportResult) -> None:
    """The figures docs/import.md gives: every field value of every entry, mapped or declared out of scope."""
    report = litellm_import.report
    assert report.values == sum(len(fields) for key, fields in RAW.items() if key != "sample_spec") == 65_541
    assert (report.unmapped_values, report.unmapped_in_scope) == (2_439, 145)
    mapped, covered = report.coverage()
    assert mapped > 0.96 and covered > 0.99


def test_capability_flags_true_and_false(read: dict[str, Entry]) -> None:
    """Every supports_* flag aimkg has a capability for, as stated; false flags are kept as lacks."""
    assert read["watsonx/mistralai/mistral-medium-2505"].capabilities == {
        "ImageInput": False,
        "ParallelToolCalls": True,
        "ToolCalling": True,
    }
    assert read["azure_ai/mistral-medium-2505"].capabilities == {
        "AssistantPrefill": True,
        "PdfInput": False,
        "ToolCalling": True,
        "ToolChoice": True,
    }
    checked = 0
    for key, raw in RAW.items():
        if key not in read:
            continue
        for name, value in raw.items():
            if name in ("supports_vision", "supports_function_calling", "supports_prompt_caching"):
                capability = {"supports_vision": "ImageInput", "supports_function_calling": "ToolCalling"}.get(
                    name, "PromptCaching"
                )
                assert read[key].capabilities.get(capability) is value or "supports_image_input" in raw, (key, name)
                checked += 1
    assert checked == 6_570


def test_reasoning_efforts(read: dict[str, Entry]) -> None:
    levels = {
        key: {name for name, has in entry.capabilities.items() if name.startswith("ReasoningEffort") and has}
        for key, entry in read.items()
    }
    with_list = next(key for key, raw in RAW.items() if raw.get("reasoning_effort_levels") == ["low", "high", "max"])
    assert levels[with_list] >= {"ReasoningEffortLow", "ReasoningEffortHigh", "ReasoningEffortMax"}
    defaults = {key for key, raw in RAW.items() if raw.get("default_reasoning_effort") == "none" and key in read}
    assert defaults and all(read[key].default_reasoning_effort == "ReasoningEffortNone" for key in defaults)


def test_pages_the_entry_cites(read: dict[str, Entry]) -> None:
    entry = read["azure_ai/mistral-medium-2505"]
    assert entry.deprecation_sources == [
        "https://learn.microsoft.com/en-us/azure/foundry/concepts/model-lifecycle-retirement"
    ]
    sourced = next(key for key, raw in RAW.items() if "source" in raw and key in read)
    assert read[sourced].source_urls == [RAW[sourced]["source"]]
    # a query string with quotes is a URL all the same (Azure's retail prices API)
    azure = next(key for key, raw in RAW.items() if "prices.azure.com" in str(raw.get("source")) and key in read)
    assert "'" in read[azure].source_urls[0]


def test_prices_not_by_token(read: dict[str, Entry]) -> None:
    """Per image (with size and quality), per second (with resolution), per search by context size, per character,
    per query; prices per one unit that need more than 18 digits after the point are given per 1000 units."""
    assert RAW["fal_ai/fal-ai/nano-banana-2"]["output_cost_per_image_4K"] == Decimal("0.16")
    found = unit_prices(read["fal_ai/fal-ai/nano-banana-2"])
    assert found[("OutputImage", None, None, None)] == (Decimal("0.08"), 1)
    assert found[("OutputImage", "4K", None, None)] == (Decimal("0.16"), 1)
    assert found[("OutputImage", "0.5K", None, None)] == (Decimal("0.06"), 1)
    assert RAW["azure/hd/1024-x-1792/dall-e-3"]["input_cost_per_pixel"] == Decimal("7.19343e-08")
    dalle = unit_prices(read["azure/hd/1024-x-1792/dall-e-3"])
    assert dalle == {("InputPixel", "1024x1792", "hd", None): (Decimal("7.19343E-8"), 1)}
    video = next(key for key, raw in RAW.items() if "output_cost_per_second_720p" in raw and key in read)
    assert unit_prices(read[video])[("OutputSecond", "720p", None, None)] == (
        RAW[video]["output_cost_per_second_720p"],
        1,
    )
    search = unit_prices(read["gpt-4o-search-preview"])
    raw = RAW["gpt-4o-search-preview"]["search_context_cost_per_query"]
    assert search[("WebSearch", None, None, "high")] == (raw["search_context_size_high"], 1)
    whisper = read["azure/gpt-realtime-whisper"]
    assert RAW["azure/gpt-realtime-whisper"]["input_cost_per_second"] == Decimal("0.0002833333333333333")
    assert unit_prices(whisper)[("InputSecond", None, None, None)] == (Decimal("0.2833333333333333"), 1000)
    commitment = read["bedrock/ap-northeast-1/1-month-commitment/anthropic.claude-v1"]
    assert unit_prices(commitment) == {("ProvisionedSecond", None, None, None): (Decimal("0.0455"), 1)}


def test_rate_limits_and_other_facts(read: dict[str, Entry]) -> None:
    limited = next(key for key, raw in RAW.items() if "rpm" in raw and "tpm" in raw and key in read)
    entry = read[limited]
    assert (entry.requests_per_minute, entry.tokens_per_minute) == (RAW[limited]["rpm"], RAW[limited]["tpm"])
    embedding = next(key for key, raw in RAW.items() if "output_vector_size" in raw and key in read)
    assert read[embedding].embedding_dimensions == RAW[embedding]["output_vector_size"]
    routes = next(key for key, raw in RAW.items() if len(raw.get("supported_endpoints", [])) > 1 and key in read)
    assert read[routes].api_routes == sorted(RAW[routes]["supported_endpoints"])


def test_reading_twice_gives_the_same_entries(tmp_path: Path) -> None:
    subset = litellm_subset(tmp_path / "ll.json", ["mistral", "azure_ai"])
    assert import_litellm(subset).entries == import_litellm(subset).entries


def test_a_subset_reconciled_validates(tmp_path: Path) -> None:
    subset = litellm_subset(tmp_path / "ll.json", ["mistral", "azure_ai", "dashscope"])
    report = validate_with_bundled(catalog_triples(reconcile([import_litellm(subset)])))
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
    record = URIRef(f"{ID_BASE}endpoint/mistral-mistral-medium-latest--litellm-1.2.3")
    assert graph.value(record, DCTERMS.source) == source
    assert graph.value(record, AIMKG.recordOf) == URIRef(f"{ID_BASE}endpoint/la-plateforme--mistral-medium-latest")
    assert out.read_text().splitlines() == sorted(out.read_text().splitlines())


def test_runs_as_a_module(tmp_path: Path) -> None:
    subset = litellm_subset(tmp_path / "ll.json", ["mistral"])
    out = tmp_path / "out.ttl"
    command = [sys.executable, "-m", "aimkg.sources.litellm", str(subset), "-o", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "litellm: 79 entries: 79 mapped" in done.stderr and "Warning" not in done.stderr
    assert out.read_text(encoding="utf-8").startswith("PREFIX")
