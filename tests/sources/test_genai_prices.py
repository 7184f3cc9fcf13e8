"""The genai-prices importer: the pinned data file, hand-checked entries, the bad-input corpus, fuzzing.

Offline: the data is the pinned copy in ``upstream/genai-prices/`` (commit 47df840a). The
hand-checked values below were read in ``data.json`` itself, not from the importer's output.

Bad input: each ``tests/bad_input/genai-prices/<case>.json`` has a sidecar ``<case>.expect``,
one expected line per line: ``error: <message>`` (the one line of a fatal case) or
``report: <line>`` (every line of the report of a case that imports). ``{path}`` stands for
the case file's path.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aimkg.core.errors import InputError
from aimkg.sources.genai_prices import PRICE_KEYS, GenaiPricesImporter, import_genai_prices
from aimkg.sources.records import Entry, Price
from aimkg.sources.report import ImportResult

REPO = Path(__file__).resolve().parents[2]
UPSTREAM = REPO / "upstream" / "genai-prices"
DATA = UPSTREAM / "data.json"
CASES = REPO / "tests" / "bad_input" / "genai-prices"
M = 1_000_000


@pytest.fixture(scope="module")
def imported() -> ImportResult:
    return import_genai_prices(DATA)


@pytest.fixture(scope="module")
def by_key(imported: ImportResult) -> dict[str, list[Entry]]:
    """The entries of each model, by the model's key, in the order the model declares its IDs."""
    found: dict[str, list[Entry]] = {}
    for entry in imported.entries:
        found.setdefault(entry.key, []).append(entry)
    return found


def price_table(entry: Entry) -> set[tuple[str, str, int | None, str | None, str | None, str | None, int]]:
    """An entry's prices, comparable to a hand-written set: (kind, amount, above, from, through, hours, per)."""
    return {
        (price.kind, str(price.amount), price.above, price.valid_from, price.valid_through, price.hours, price.per)
        for price in entry.prices
    }


# ---------------------------------------------------------------- the pinned file


def test_every_model_of_the_file_is_mapped_or_reported(imported: ImportResult) -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    keys = [f"{provider['id']}/{model['id']}" for provider in data for model in provider["models"]]
    assert len(data) == 36 and len(keys) == 1466 == len(set(keys))
    report = imported.report
    assert (report.entries, report.mapped, report.unmapped) == (1466, 1466, 0)
    assert {entry.key for entry in imported.entries} | set(report.unmapped_entries) == set(keys)
    assert len(imported.entries) == 2029  # 1,881 equals IDs of 1,318 models, and 148 models with patterns only
    assert all(
        entry.catalog == "genai-prices" and not entry.platform for entry in imported.entries
    )  # placed by reconcile


def test_report_summary_and_every_field_not_mapped(imported: ImportResult) -> None:
    report = imported.report
    assert report.summary() == (
        "genai-prices: 1466 entries: 1466 mapped, 0 not mapped; 540 of 6465 field values in 10 kinds not mapped, "
        "0 of them in scope (91.6% mapped, 100.0% mapped or out of scope); 0 triples"
    )
    plumbing = "SDK plumbing (how the genai-prices library matches API calls): no fact about the models"
    comments = "free-text price notes: their URLs are kept as source URLs, the text is not mapped"
    assert dict(report.unmapped_fields) == {
        ("description", "free-text description: aimkg keeps no descriptions of catalog records"): 272,
        ("name", "missing: the entries are labelled by the genai-prices model ID"): 435,
        ("price_comments", comments): 118,
        ("provider.api_pattern", plumbing): 36,
        ("provider.extractors", plumbing): 32,
        ("provider.provider_match", plumbing): 23,
        ("provider.model_match", plumbing): 13,
        (
            "provider.fallback_model_providers",
            "SDK price look-up fallback to other providers: no fact about the models",
        ): 2,
        ("provider.name", "the platform's label comes from data/mappings/platforms.tsv"): 36,
        ("provider.price_comments", comments): 8,
    }
    # a missing name is no value; every other kind is declared out of scope (docs/import.md)
    assert report.absent == {("name", "missing: the entries are labelled by the genai-prices model ID")}
    assert report.out_of_scope == set(report.unmapped_fields) - report.absent


def test_the_source_is_the_pinned_commit(imported: ImportResult) -> None:
    source = imported.source
    assert (source.name, source.slug, source.version, source.issued) == (
        "genai-prices",
        "genai-prices-47df840a",
        "47df840a5ab10bbcffb8e5ac01b9899032245d1b",
        "2026-08-21",
    )
    assert (source.label, source.url) == ("genai-prices price data", "https://github.com/pydantic/genai-prices")
    manifest = json.loads((UPSTREAM / "MANIFEST.json").read_text(encoding="utf-8"))
    assert (manifest["version"], manifest["date"]) == (source.version, source.issued)


def test_every_price_key_of_the_schema_has_its_own_kind() -> None:
    schema = json.loads((UPSTREAM / "data.schema.json").read_text(encoding="utf-8"))
    assert set(PRICE_KEYS) == set(schema["$defs"]["ModelPrice"]["properties"])
    assert len({kind for kind, _ in PRICE_KEYS.values()}) == len(PRICE_KEYS)
    assert PRICE_KEYS["requests_kcount"] == ("Request", 1000)
    assert PRICE_KEYS["web_searches_kcount"] == ("WebSearch", 1000)
    assert PRICE_KEYS["cache_write_1h_mtok"] == ("CacheWrite1hTokens", M)
    assert PRICE_KEYS["output_reasoning_mtok"] == ("ReasoningTokens", M)


def test_each_equals_id_is_an_entry_under_the_model_key(by_key: dict[str, list[Entry]]) -> None:
    """azure/ada: ``or`` of four ``equals``, input $0.10 per 1M tokens, no name of its own."""
    entries = by_key["azure/ada"]
    assert [entry.model_id for entry in entries] == [
        "ada",
        "text-embedding-ada",
        "text-embedding-ada-002",
        "text-embedding-ada-002-v2",
    ]
    for entry in entries:
        assert (entry.provider, entry.label, entry.patterns) == ("azure", "ada", [])
        assert price_table(entry) == {("InputTokens", "0.1", None, None, None, None, M)}


def test_equals_and_patterns_in_one_match(by_key: dict[str, list[Entry]]) -> None:
    """anthropic/claude-opus-4-0: two ``equals`` IDs, two ``starts_with`` patterns kept as declared."""
    entries = by_key["anthropic/claude-opus-4-0"]
    assert [entry.model_id for entry in entries] == ["claude-opus-4", "claude-opus-4-20250514"]
    for entry in entries:
        assert entry.patterns == ["starts_with:claude-opus-4-0", "starts_with:claude-4-opus"]
        assert (entry.label, entry.context_window) == ("Claude Opus 4", 200_000)
        assert price_table(entry) == {
            ("InputTokens", "15", None, None, None, None, M),
            ("CacheWriteTokens", "18.75", None, None, None, None, M),
            ("CachedInputTokens", "1.5", None, None, None, None, M),
            ("OutputTokens", "75", None, None, None, None, M),
            ("CacheWrite1hTokens", "30", None, None, None, None, M),
            ("WebSearch", "10", None, None, None, None, 1000),
        }


def test_a_model_declared_by_pattern_only_keeps_its_genai_prices_id(by_key: dict[str, list[Entry]]) -> None:
    (haiku,) = by_key["anthropic/claude-3-haiku"]
    assert (haiku.model_id, haiku.label, haiku.patterns) == (
        "claude-3-haiku",
        "Claude Haiku 3",
        ["starts_with:claude-3-haiku"],
    )
    assert price_table(haiku) == {
        ("InputTokens", "0.25", None, None, None, None, M),
        ("CacheWriteTokens", "0.3", None, None, None, None, M),
        ("CachedInputTokens", "0.03", None, None, None, None, M),
        ("OutputTokens", "1.25", None, None, None, None, M),
        ("CacheWrite1hTokens", "0.5", None, None, None, None, M),
    }
    (sonic,) = by_key["aws/amazon.nova-2-sonic-v1:0"]
    assert (sonic.model_id, sonic.patterns) == ("amazon.nova-2-sonic-v1:0", ["contains:amazon.nova-2-sonic"])
    assert price_table(sonic) == {
        ("InputTokens", "0.33", None, None, None, None, M),
        ("OutputTokens", "2.75", None, None, None, None, M),
        ("InputAudioTokens", "3", None, None, None, None, M),
        ("OutputAudioTokens", "12", None, None, None, None, M),
    }


def test_regex_patterns_are_kept_verbatim(by_key: dict[str, list[Entry]]) -> None:
    entries = by_key["openai/gpt-5.6-luna"]
    assert [entry.model_id for entry in entries] == ["gpt-5.6-luna", "gpt-5-6-luna"]
    assert entries[0].patterns == [
        r"regex:^gpt-5\.6-luna-\d{4}-\d{2}-\d{2}$",
        r"regex:^gpt-5-6-luna-\d{4}-\d{2}-\d{2}$",
    ]


def test_tiered_prices(by_key: dict[str, list[Entry]]) -> None:
    """google/gemini-2.5-pro: every price doubles (output: x1.5) above 200,000 prompt tokens."""
    (entry,) = by_key["google/gemini-2.5-pro"]
    assert price_table(entry) == {
        ("InputTokens", "1.25", None, None, None, None, M),
        ("InputTokens", "2.5", 200_000, None, None, None, M),
        ("CachedInputTokens", "0.125", None, None, None, None, M),
        ("CachedInputTokens", "0.25", 200_000, None, None, None, M),
        ("OutputTokens", "10", None, None, None, None, M),
        ("OutputTokens", "15", 200_000, None, None, None, M),
    }


def test_dated_price_changes(by_key: dict[str, list[Entry]], imported: ImportResult) -> None:
    """The 13 ``start_date`` constraints: the earlier group ends the day before the change."""
    dated = sorted({entry.key for entry in imported.entries if any(price.valid_from for price in entry.prices)})
    assert len(dated) == 13
    o3 = by_key["openai/o3"]
    assert [entry.model_id for entry in o3] == ["o3", "o3-2025-04-16"]
    assert price_table(o3[1]) == {
        ("InputTokens", "10", None, None, "2025-06-09", None, M),
        ("CachedInputTokens", "0.5", None, None, "2025-06-09", None, M),
        ("OutputTokens", "40", None, None, "2025-06-09", None, M),
        ("InputTokens", "2", None, "2025-06-10", None, None, M),
        ("CachedInputTokens", "0.5", None, "2025-06-10", None, None, M),
        ("OutputTokens", "8", None, "2025-06-10", None, None, M),
    }
    (sonnet,) = by_key["anthropic/claude-sonnet-5"]  # "Introductory pricing ... applies through 2026-08-31"
    assert {(kind, amount, start, end) for kind, amount, _, start, end, _, _ in price_table(sonnet)} >= {
        ("InputTokens", "2", None, "2026-08-31"),
        ("OutputTokens", "10", None, "2026-08-31"),
        ("InputTokens", "3", "2026-09-01", None),
        ("OutputTokens", "15", "2026-09-01", None),
    }
    (opus,) = by_key["anthropic/claude-opus-4-6"]  # tiered until 2026-03-12, flat from 2026-03-13
    assert ("InputTokens", "10", 200_000, None, "2026-03-12", None, M) in price_table(opus)
    assert ("InputTokens", "5", None, "2026-03-13", None, None, M) in price_table(opus)
    assert not any(price.above and price.valid_from for price in opus.prices)


def test_time_of_day_prices(by_key: dict[str, list[Entry]]) -> None:
    """DeepSeek: the constrained group is 00:30-16:30 UTC; the first group applies the rest of the day."""
    entries = by_key["deepseek/deepseek-chat"]
    assert [(entry.model_id, entry.patterns) for entry in entries] == [
        ("deepseek-chat-v3-0324", ["starts_with:deepseek-chat"])
    ]
    assert price_table(entries[0]) == {
        ("InputTokens", "0.135", None, None, None, "16:30-00:30", M),
        ("CachedInputTokens", "0.035", None, None, None, "16:30-00:30", M),
        ("OutputTokens", "0.55", None, None, None, "16:30-00:30", M),
        ("InputTokens", "0.27", None, None, None, "00:30-16:30", M),
        ("CachedInputTokens", "0.07", None, None, None, "00:30-16:30", M),
        ("OutputTokens", "1.1", None, None, None, "00:30-16:30", M),
    }


def test_prices_not_by_token(by_key: dict[str, list[Entry]]) -> None:
    (sonar,) = by_key["perplexity/sonar"]
    assert Price("Request", Decimal(12), per=1000) in sonar.prices
    (research,) = by_key["perplexity/sonar-deep-research"]
    assert price_table(research) == {
        ("InputTokens", "2", None, None, None, None, M),
        ("OutputTokens", "8", None, None, None, None, M),
        ("ReasoningTokens", "3", None, None, None, None, M),
        ("CitationTokens", "2", None, None, None, None, M),
        ("WebSearch", "5", None, None, None, None, 1000),
    }


def test_deprecated_models(imported: ImportResult, by_key: dict[str, list[Entry]]) -> None:
    assert sorted({entry.key for entry in imported.entries if entry.status}) == [
        "google/gemini-2.5-flash-preview",
        "mistral/mistral-tiny",
        "voyageai/voyage-01",
        "voyageai/voyage-02",
        "voyageai/voyage-lite-01",
        "voyageai/voyage-lite-01-instruct",
        "voyageai/voyage-lite-02-instruct",
        "x-ai/grok-2-1212",
    ]
    (tiny,) = by_key["mistral/mistral-tiny"]
    assert (tiny.status, tiny.label, price_table(tiny)) == (
        "Deprecated",
        "Mistral Tiny",
        {("InputTokens", "0.25", None, None, None, None, M), ("OutputTokens", "0.25", None, None, None, None, M)},
    )


def test_source_urls(by_key: dict[str, list[Entry]]) -> None:
    """Pricing pages of the provider and URLs in the price notes, without the sentence's full stop or comma."""
    (sonnet,) = by_key["anthropic/claude-sonnet-5"]
    assert sonnet.source_urls == [
        "https://platform.claude.com/docs/en/build-with-claude/prompt-caching#pricing",
        "https://www.anthropic.com/news/claude-sonnet-5",
        "https://www.anthropic.com/pricing#api",
    ]
    (flash,) = by_key["google/gemini-3.6-flash"]  # "See https://ai.google.dev/gemini-api/docs/pricing. Standard ..."
    assert flash.source_urls == [
        "https://ai.google.dev/gemini-api/docs/pricing",
        "https://cloud.google.com/vertex-ai/generative-ai/pricing",
    ]
    luna = by_key["aws/openai.gpt-5.6-luna"][0]  # "... openai-gpt-terra-luna-pricing-bedrock/, ..."
    assert (
        "https://aws.amazon.com/about-aws/whats-new/2026/07/openai-gpt-terra-luna-pricing-bedrock/" in luna.source_urls
    )
    (ada, *_) = by_key["azure/ada"]  # the provider's notes: "Retired models are listed at https://..."
    assert "https://learn.microsoft.com/th-th/azure/ai-foundry/openai/concepts/legacy-models" in ada.source_urls
    for entries in by_key.values():
        assert all(url.startswith("https://") and url[-1] not in ".,;:" for url in entries[0].source_urls)
        assert entries[0].source_urls == sorted(set(entries[0].source_urls))


def test_offsets_and_mixed_constraints(tmp_path: Path) -> None:
    """Times with an offset become UTC; a later dated group ends both earlier groups; ``and`` stays whole."""
    window = {"start_time": "01:30:00+01:00", "end_time": "17:30:00+01:00"}
    model = {
        "id": "m",
        "match": {"or": [{"equals": "m-1"}, {"and": [{"starts_with": "m-"}, {"ends_with": "-x"}]}]},
        "prices": [
            {"prices": {"input_mtok": 1}},
            {"constraint": window, "prices": {"input_mtok": 2}},
            {"constraint": {"start_date": "2026-05-01"}, "prices": {"input_mtok": 3}},
        ],
    }
    path = tmp_path / "data.json"
    path.write_text(json.dumps([{"id": "deepseek", "models": [model]}]), encoding="utf-8")
    (entry,) = import_genai_prices(path).entries
    assert (entry.key, entry.model_id) == ("deepseek/m", "m-1")
    assert entry.patterns == ['and:[{"starts_with":"m-"},{"ends_with":"-x"}]']
    assert price_table(entry) == {
        ("InputTokens", "1", None, None, "2026-04-30", "16:30-00:30", M),
        ("InputTokens", "2", None, None, "2026-04-30", "00:30-16:30", M),
        ("InputTokens", "3", None, "2026-05-01", None, None, M),
    }


def test_the_import_is_deterministic(imported: ImportResult) -> None:
    again = import_genai_prices(DATA)
    assert again.entries == imported.entries
    assert again.report.to_json() == imported.report.to_json()


def test_progress_moves_once_per_model() -> None:
    importer = GenaiPricesImporter(DATA)
    ticks: list[int] = []
    importer.run(ticks.append)
    assert importer.count() == len(ticks) == 1466


# ---------------------------------------------------------------- bad input


def expected(case: Path) -> list[str]:
    text = case.with_suffix(".expect").read_text(encoding="utf-8")
    return [line.replace("{path}", str(case)) for line in text.splitlines()]


# ---------------------------------------------------------------- fuzzing

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-3, 300_000)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
    | st.sampled_from(["2026-02-30", "2026-03-01", "00:30:00Z", "16:30:00+01:00", "12:00", "https://x.io/a."])
)
ANY = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=6,
)


CLAUSE = st.recursive(
    st.dictionaries(
        st.sampled_from(["equals", "starts_with", "contains", "regex"]), st.text(max_size=6), min_size=1, max_size=1
    ),
    lambda children: st.dictionaries(
        st.sampled_from(["or", "and"]), st.lists(children, max_size=3), min_size=1, max_size=1
    ),
    max_leaves=5,
)
AMOUNT = st.integers(-1, 20) | st.decimals(0, 20, places=3).map(float)
TIERED = st.fixed_dictionaries(
    {"base": AMOUNT, "tiers": st.lists(st.fixed_dictionaries({"start": st.integers(0, 300_000), "price": AMOUNT}))}
)
DATES = st.sampled_from(["2026-01-01", "2026-06-01", "2026-03-01", "2026-02-30"])
TIMES = st.sampled_from(["00:30:00Z", "16:30:00Z", "16:30:00+08:00", "12:00", "25:00:00Z", "00:00:10Z"])
CONSTRAINT = st.fixed_dictionaries({"start_date": DATES}) | st.fixed_dictionaries(
    {"start_time": TIMES, "end_time": TIMES}
)


def catalogs(noise: bool) -> st.SearchStrategy[list[dict[str, Any]]]:
    """Lists of providers shaped like the schema; with noise, any JSON value now and then in any field."""

    def mostly(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        return st.integers(0, 5).flatmap(lambda draw: valid if draw or not noise else ANY)

    prices = st.dictionaries(
        st.sampled_from([*list(PRICE_KEYS)[:8], "requests_kcount", "other_mtok"]), mostly(AMOUNT | TIERED), max_size=4
    )
    group = st.fixed_dictionaries({"prices": prices}, optional={"constraint": mostly(CONSTRAINT)})
    model = st.fixed_dictionaries(
        {
            "id": mostly(st.sampled_from(["m", "n", "o", "p"])),
            "match": mostly(CLAUSE),
            "prices": mostly(prices | st.lists(group, max_size=4)),
        },
        optional={
            "name": mostly(st.text(max_size=5)),
            "context_window": mostly(st.integers(0, 10)),
            "deprecated": mostly(st.booleans()),
            "price_comments": mostly(st.sampled_from(["see https://x.io/a.", "(https://x.io/b)", "none"])),
            "description": ANY,
        },
    )
    provider = st.fixed_dictionaries(
        {
            "id": mostly(st.sampled_from(["openai", "deepseek", "acme"])),
            "models": mostly(st.lists(model, max_size=3, unique_by=lambda model: repr(model.get("id")))),
        },
        optional={"pricing_urls": mostly(st.lists(st.sampled_from(["https://x.io", "x.io"]))), "api_pattern": ANY},
    )
    return st.lists(provider, max_size=3, unique_by=lambda provider: repr(provider.get("id")))


def outcome(path: Path) -> ImportResult | None:
    """Import path: an ImportResult, or None after a clean InputError, each of whose lines names the file."""
    try:
        return import_genai_prices(path)
    except InputError as error:
        assert all(line.startswith(f"{path}: ") for line in str(error).split("\n"))
        return None


@FUZZ
@given(providers=catalogs(noise=False) | catalogs(noise=True) | ANY)
def test_random_provider_lists(tmp_path_factory: Any, providers: Any) -> None:
    path = tmp_path_factory.mktemp("gp") / "data.json"
    path.write_text(json.dumps(providers), encoding="utf-8")
    result = outcome(path)
    if result is not None:
        assert result.report.entries == result.report.mapped + result.report.unmapped
        keys = {f"{provider['id']}/{model['id']}" for provider in providers for model in provider["models"]}
        assert {entry.key for entry in result.entries} | set(result.report.unmapped_entries) == keys
        for entry in result.entries:
            assert all(price.amount >= 0 for price in entry.prices)
            assert entry.source_urls == sorted(set(entry.source_urls))


@FUZZ
@given(data=st.binary(max_size=200))
def test_random_bytes(tmp_path_factory: Any, data: bytes) -> None:
    path = tmp_path_factory.mktemp("gp") / "data.json"
    path.write_bytes(data)
    outcome(path)
