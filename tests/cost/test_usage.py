"""Usage: counts that hold their parts, read from Python or from request logs; token kinds that nest."""

from __future__ import annotations

import pytest

from aimkg.core.errors import InputError
from aimkg.cost.usage import USAGE_KINDS, Usage, is_part_of, kind_dimensions


def test_every_usage_kind_is_a_term_of_the_ontology() -> None:
    from aimkg.core.resources import ontology_files

    text = "".join(path.read_text(encoding="utf-8") for path in ontology_files())
    for kind in USAGE_KINDS.values():
        assert f"aimkg:{kind}\n    a aimkg:" in text, kind


@pytest.mark.parametrize(
    ("part", "whole"),
    [
        ("CachedInputTokens", "InputTokens"),
        ("CacheWrite5mTokens", "CacheWriteTokens"),
        ("CacheWrite1hTokens", "InputTokens"),
        ("ReasoningTokens", "OutputTokens"),
        ("CachedInputAudioTokens", "InputAudioTokens"),
        ("CachedInputAudioTokens", "CachedInputTokens"),
        ("InputToolTextTokens", "InputTextTokens"),
    ],
)
def test_parts_are_parts_of_their_wholes(part: str, whole: str) -> None:
    assert is_part_of(part, whole)
    assert not is_part_of(whole, part)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("InputTokens", "OutputTokens"),
        ("CachedInputTokens", "CacheWriteTokens"),
        ("CacheWrite5mTokens", "CacheWrite1hTokens"),
        ("InputAudioTokens", "OutputAudioTokens"),
        ("Request", "InputTokens"),
        ("WebSearch", "Request"),
    ],
)
def test_unrelated_kinds_hold_neither(one: str, other: str) -> None:
    assert not is_part_of(one, other)
    assert not is_part_of(other, one)


def test_a_billing_unit_is_a_dimension_of_its_own() -> None:
    assert kind_dimensions("WebSearch") == frozenset({("unit", "WebSearch")})


def test_counts_leave_out_zeros_and_name_token_kinds() -> None:
    usage = Usage(input_tokens=10, output_tokens=5, cache_read_tokens=4)
    assert usage.counted == {"InputTokens": 10, "OutputTokens": 5, "CachedInputTokens": 4}


def test_cache_writes_are_the_sum_of_their_parts_when_not_given() -> None:
    usage = Usage(input_tokens=100, cache_write_5m_tokens=30, cache_write_1h_tokens=20)
    assert usage.cache_write_tokens == 50
    assert usage.counted["CacheWriteTokens"] == 50


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"input_tokens": 10, "cache_read_tokens": 8, "cache_write_tokens": 5}, "exceed input_tokens (10)"),
        ({"output_tokens": 1, "reasoning_tokens": 2}, "reasoning_tokens (2) exceed output_tokens (1)"),
        ({"input_tokens": 10, "cache_write_tokens": 3, "cache_write_1h_tokens": 4}, "exceed cache_write_tokens"),
        ({"input_tokens": -1}, "at least 0"),
        ({"input_tokens": 1.5}, "whole number"),
        ({"input_tokens": True}, "whole number"),
    ],
)
def test_impossible_counts_are_refused(values: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Usage(**values)  # type: ignore[arg-type]


def test_request_logs_are_read_in_aimkg_genai_prices_and_openai_names() -> None:
    read = Usage.from_mapping(
        {"prompt_tokens": 100, "completion_tokens": 40, "cached_tokens": 30, "output_reasoning_tokens": 10, "id": "r1"}
    )
    assert read == Usage(input_tokens=100, output_tokens=40, cache_read_tokens=30, reasoning_tokens=10)


def test_a_misspelt_count_is_refused_not_priced_as_zero() -> None:
    with pytest.raises(InputError, match="line 3: unknown count 'input_token'"):
        Usage.from_mapping({"input_token": 5}, "calls.jsonl: line 3")


def test_a_count_given_twice_is_refused() -> None:
    with pytest.raises(InputError, match="input_tokens is given twice"):
        Usage.from_mapping({"input_tokens": 5, "prompt_tokens": 5})
