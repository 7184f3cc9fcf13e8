"""Costs on the small catalog of prices.ttl: each rule of aimkg.cost.calculate, with the numbers worked by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aimkg.core.errors import InputError
from aimkg.cost.calculate import CostResult, NoPriceError, PriceIndex, UnknownModelError
from aimkg.cost.moment import moment
from aimkg.cost.usage import Usage

CHAT = "test-chat-2025-01-01"
SHORT = Usage(input_tokens=100_000, output_tokens=20_000, cache_read_tokens=30_000)
AFTER_CUT = "2026-01-01T10:00Z"


def parts(result: CostResult) -> dict[str, tuple[int, Decimal]]:
    return {line.kind: (line.quantity, line.cost) for line in result.lines}


def test_each_part_is_billed_at_its_own_price_and_taken_out_of_its_total(index: PriceIndex) -> None:
    result = index.cost(CHAT, SHORT, platform="openai", at=AFTER_CUT)
    assert parts(result) == {
        "InputTokens": (70_000, Decimal("0.14")),  # 100,000 prompt tokens less the 30,000 cached, at 2 per 1M
        "CachedInputTokens": (30_000, Decimal("0.015")),
        "OutputTokens": (20_000, Decimal("0.16")),
    }
    assert result.total == Decimal("0.315")
    assert (result.currency, result.endpoint, result.version) == ("USD", f"openai--{CHAT}", CHAT)


def test_dated_prices_are_preferred_and_name_their_source(index: PriceIndex) -> None:
    result = index.cost(CHAT, SHORT, platform="openai", at=AFTER_CUT)
    assert (result.source, result.key) == ("genai-prices-t", f"openai/{CHAT}")
    assert result.prices[0].startswith("https://w3id.org/aimkg/id/price/chat-g-")
    assert result.sources == tuple(
        f"https://w3id.org/aimkg/id/source/{name}" for name in ("genai-prices-t", "litellm-t", "models-dev-t")
    )


def test_alternatives_say_what_the_other_records_charge(index: PriceIndex) -> None:
    result = index.cost(CHAT, SHORT, platform="openai", at=AFTER_CUT)
    totals = {other.source: other.total for other in result.alternatives}
    assert totals == {"litellm-t": Decimal("0.315"), "models-dev-t": Decimal("0.36")}  # models.dev: no cached price
    assert not result.agreed


def test_history_the_same_workload_before_and_after_a_price_change(index: PriceIndex) -> None:
    before = index.cost(CHAT, SHORT, platform="openai", at="2025-06-09")
    after = index.cost(CHAT, SHORT, platform="openai", at="2025-06-10")
    assert before.total == Decimal("0.7") + Decimal("0.015") + Decimal("0.8")  # 10 and 40 per 1M
    assert after.total == Decimal("0.315")
    assert before.source == after.source == "genai-prices-t"


def test_a_context_tier_bills_the_whole_call_once_the_prompt_passes_it(index: PriceIndex) -> None:
    litellm = next(r for r in index.endpoint(f"openai--{CHAT}").records if r.row.source == "litellm-t")
    bill = litellm.bill(Usage(input_tokens=200_001, output_tokens=1_000_000), None, moment(AFTER_CUT))
    assert bill is not None
    assert {line.kind: line.amount for line in bill.lines} == {
        "InputTokens": Decimal("4"),
        "OutputTokens": Decimal("16"),
    }
    assert all(line.above == 200_000 for line in bill.lines)
    at_the_tier = litellm.bill(Usage(input_tokens=200_000, output_tokens=1), None, moment(AFTER_CUT))
    assert at_the_tier is not None
    assert {line.amount for line in at_the_tier.lines} == {Decimal("2"), Decimal("8")}  # not above it: the base price


def test_a_record_with_the_context_tier_is_more_specific_for_a_long_prompt(index: PriceIndex) -> None:
    result = index.cost(CHAT, Usage(input_tokens=300_000, output_tokens=1_000), platform="openai", at=AFTER_CUT)
    assert result.source == "genai-prices-t"  # dated first
    totals = {other.source: other.total for other in result.alternatives}
    assert totals["litellm-t"] == Decimal("1.2") + Decimal("0.016")  # 4 and 16 per 1M: above 200,000 prompt tokens


def test_a_service_tier_uses_the_record_that_has_it(index: PriceIndex) -> None:
    result = index.cost(CHAT, SHORT, platform="openai", at=AFTER_CUT, tier="batch")
    assert result.source == "litellm-t"
    assert parts(result) == {
        "InputTokens": (70_000, Decimal("0.07")),
        "CachedInputTokens": (30_000, Decimal("0.015")),  # no batch price: the standard one, with a warning
        "OutputTokens": (20_000, Decimal("0.08")),
    }
    assert result.warnings == (
        "cache read tokens: test-chat-2025-01-01 has no Batch price; its standard price is used",
    )
    assert result.tier == "batch"


def test_an_unknown_tier_is_refused(index: PriceIndex) -> None:
    with pytest.raises(InputError, match="tier 'cheap'"):
        index.cost(CHAT, SHORT, tier="cheap")


@pytest.mark.parametrize(
    ("at", "price", "warned"),
    [
        ("2026-01-01T18:00Z", "0.14", False),
        ("2026-01-01T00:29Z", "0.14", False),
        ("2026-01-01T12:00:00+02:00", "0.28", False),
        ("2026-01-01", "0.28", True),  # a date alone: noon UTC, said in a warning
    ],
)
def test_a_time_of_day_price_holds_in_its_window(index: PriceIndex, at: str, price: str, warned: bool) -> None:
    result = index.cost("test-deep", Usage(input_tokens=1_000_000), at=at)
    assert result.lines[0].amount == Decimal(price)
    assert any("time of day" in warning for warning in result.warnings) is warned


@pytest.mark.parametrize(
    ("at", "price"),
    [
        ("2026-02-01T00:00Z", "2.2"),
        ("2026-03-01T08:29:59Z", "2.2"),
        ("2026-03-01T08:30:00Z", "2.4"),  # recordedUntil is the first moment the old price was not stated
        ("2026-03-01T09:30:00+01:00", "2.4"),
    ],
)
def test_without_valid_time_record_time_says_which_price_holds(index: PriceIndex, at: str, price: str) -> None:
    result = index.cost("openai/test-chat", Usage(input_tokens=1_000_000), at=at)
    assert result.lines[0].amount == Decimal(price)
    assert not any("stated no price" in warning for warning in result.warnings)


def test_before_any_record_the_first_one_is_used_and_said(index: PriceIndex) -> None:
    result = index.cost("openai/test-chat", Usage(input_tokens=1_000_000, output_tokens=1), at="2025-01-01T00:00Z")
    assert [line.amount for line in result.lines] == [Decimal("2.2"), Decimal("9")]
    assert result.warnings[1:] == (
        "input tokens: openrouter/openai/test-chat stated no price by 2025-01-01T00:00Z; "
        "its first, recorded from 2026-01-01T00:00:00, is used",
        "output tokens: openrouter/openai/test-chat stated no price by 2025-01-01T00:00Z; "
        "its first, recorded from 2026-01-01T00:00:00, is used",
    )


def test_every_part_of_a_call_with_its_own_price(index: PriceIndex) -> None:
    usage = Usage(
        input_tokens=1_000_000,
        cache_read_tokens=200_000,
        cache_write_tokens=100_000,
        cache_write_1h_tokens=40_000,
        input_audio_tokens=50_000,
        output_tokens=300_000,
        reasoning_tokens=100_000,
        web_searches=3,
    )
    result = index.cost("test-claude-1", usage)
    assert parts(result) == {
        "InputTokens": (650_000, Decimal("1.95")),
        "CachedInputTokens": (200_000, Decimal("0.06")),
        "CacheWriteTokens": (60_000, Decimal("0.225")),  # the 5-minute rest of the cache writes
        "CacheWrite1hTokens": (40_000, Decimal("0.24")),
        "InputAudioTokens": (50_000, Decimal("1.5")),
        "OutputTokens": (200_000, Decimal("3")),
        "ReasoningTokens": (100_000, Decimal("2")),
        "WebSearch": (3, Decimal("0.03")),
        "Request": (1, Decimal("0.005")),  # one call: one request
    }
    assert result.total == Decimal("9.01")
    assert not result.warnings and not result.notes
    rest = next(line for line in result.lines if line.kind == "InputTokens")
    assert (rest.label, rest.rest) == ("input tokens, the rest", True)


def test_requests_given_are_all_charged(index: PriceIndex) -> None:
    result = index.cost("test-claude-1", Usage(requests=4))
    assert parts(result) == {"Request": (4, Decimal("0.02"))}


def test_parts_that_overlap_beyond_their_total_are_refused(index: PriceIndex) -> None:
    usage = Usage(input_tokens=1_000, cache_read_tokens=600, input_audio_tokens=500)  # each fits; together they do not
    with pytest.raises(InputError, match="add up to more than the input tokens"):
        index.cost("test-claude-1", usage)


def test_a_part_without_a_price_is_billed_as_its_total_or_not_at_all(index: PriceIndex) -> None:
    usage = Usage(input_tokens=1_000, cache_read_tokens=100, web_searches=2, requests=1)
    result = index.cost("test-deep", usage, at="2026-01-01T12:00Z")
    assert parts(result) == {"InputTokens": (1_000, Decimal("0.00028"))}
    assert result.notes == ("cache read tokens: no price of their own in deepseek/test-deep; billed as input tokens",)
    assert result.warnings == (
        "requests (1): no price in deepseek/test-deep; not charged",
        "web searches (2): no price in deepseek/test-deep; not charged",
    )


def test_a_moving_alias_is_resolved_with_a_warning(index: PriceIndex) -> None:
    result = index.cost("test-chat", SHORT, at=AFTER_CUT)
    assert result.version == CHAT
    assert result.warnings == (
        f"test-chat is a moving alias: on openai it serves {CHAT} (as the sources say; the model ID {CHAT}); "
        "a dated ID keeps the price from moving",
    )
    assert not index.cost(CHAT, SHORT, at=AFTER_CUT).warnings


@pytest.mark.parametrize("name", ["amazon-bedrock", "bedrock", "aws", "litellm:bedrock_converse", "Amazon Bedrock"])
def test_a_platform_is_named_by_its_slug_or_any_catalog_s_id(index: PriceIndex, name: str) -> None:
    result = index.cost(CHAT, SHORT, platform=name)  # the version's slug: its endpoint on Bedrock
    assert (result.platform, result.served_id, result.total) == (
        "amazon-bedrock",
        f"openai.{CHAT}-v1:0",
        Decimal("0.54"),  # 100,000 at 3 and 20,000 at 12 per 1M: this record has no cached price
    )


def test_an_unknown_platform_is_refused_with_near_names(index: PriceIndex) -> None:
    with pytest.raises(UnknownModelError, match="platform 'bedrok': no platform has this name; did you mean bedrock"):
        index.cost(CHAT, SHORT, platform="bedrok")


def test_an_unknown_model_is_refused(index: PriceIndex) -> None:
    with pytest.raises(UnknownModelError, match="model 'test-nothing': no endpoint has this model ID"):
        index.cost("test-nothing", SHORT)
    with pytest.raises(UnknownModelError, match="no endpoint on deepseek"):
        index.cost(CHAT, SHORT, platform="deepseek")


def test_a_catalog_key_names_its_endpoint_and_its_variant(index: PriceIndex) -> None:
    result = index.cost(f"bedrock/us-gov-west-1/openai.{CHAT}-v1:0", SHORT)
    assert (result.variant, result.total) == ("us-gov-west-1", Decimal("0.648"))  # 3.6 and 14.4 per 1M
    assert result.alternatives == ()  # the region-less record is another offer, not an alternative price


def test_a_variant_can_be_asked_for(index: PriceIndex) -> None:
    assert index.cost(CHAT, SHORT, platform="aws", variant="us-gov-west-1").total == Decimal("0.648")


def test_curated_prices_hold_while_their_valid_time_does(index: PriceIndex) -> None:
    result = index.cost("mistral-medium-2312", Usage(input_tokens=1_000_000, output_tokens=1_000_000), at="2024-06-01")
    assert (result.total, result.source, result.record) == (Decimal("10.85"), "seed-mistral-medium-2023", None)
    with pytest.raises(NoPriceError, match=r"no price holds on 2026-01-01 \(prices hold … to 2025-06-16\)"):
        index.cost("mistral-medium-2312", Usage(input_tokens=1), at="2026-01-01")
    assert NoPriceError.exit_code == 1


def test_the_curated_alias_moved_and_says_so(index: PriceIndex) -> None:
    result = index.cost("mistral-medium", Usage(input_tokens=1), at="2024-06-01")
    assert result.served_id == "mistral-medium-2312"
    assert result.warnings and "mistral-medium is a moving alias" in result.warnings[0]


def test_usage_may_be_a_mapping(index: PriceIndex) -> None:
    assert index.cost("test-claude-1", {"input_tokens": 1_000_000}).total == Decimal("3.005")


def test_every_platform_of_the_version_cheapest_first(index: PriceIndex) -> None:
    results, unpriced = index.everywhere("test-chat", SHORT, at="2026-04-01T00:00Z")
    assert [(result.platform, result.total) for result in results] == [
        ("openai", Decimal("0.315")),
        ("openrouter", Decimal("0.42")),  # 2.4 and 9 per 1M, cached tokens at the input price
        ("amazon-bedrock", Decimal("0.54")),
    ]
    assert unpriced == []


def test_records_rank_curated_then_dated_then_by_catalog(index: PriceIndex) -> None:
    curated = index.endpoint("mistral-ai--mistral-medium-2312").records[0]
    by_source = {record.row.source: record.rank for record in index.endpoint(f"openai--{CHAT}").records}
    assert curated.rank[:2] == (0, 0)  # curated, and dated (valid through its retirement)
    assert by_source["genai-prices-t"][:3] == (1, 0, 0)
    assert by_source["litellm-t"][:3] == (1, 1, 1)
    assert by_source["models-dev-t"][:3] == (1, 1, 2)
