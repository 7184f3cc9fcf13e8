"""A JSON Lines file of calls: each line read and priced as it comes, errors placed on their line, totals kept."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aimkg.core.errors import InputError
from aimkg.cost.batch import Totals, price_calls, read_calls
from aimkg.cost.calculate import PriceIndex
from aimkg.cost.usage import Usage

LINES = [
    '{"model": "test-claude-1", "input_tokens": 1000000}',
    "",
    '{"model": "test-chat-2025-01-01", "platform": "openai", "at": "2025-06-01", "usage": {"prompt_tokens": 1000000}}',
    '{"id": "r-3", "usage": {"input_tokens": 1000000}, "timestamp": 1767225600}',
    '{"model": "test-nothing", "input_tokens": 1}',
]


def test_each_line_is_a_call_with_defaults_from_the_command() -> None:
    calls = list(read_calls(LINES, "calls.jsonl", model="test-deep", tier="standard"))
    assert [(call.line, call.model, call.platform, call.at) for call in calls] == [
        (1, "test-claude-1", None, None),
        (3, "test-chat-2025-01-01", "openai", "2025-06-01"),
        (4, "test-deep", None, "2026-01-01T00:00:00+00:00"),  # Unix seconds
        (5, "test-nothing", None, None),
    ]
    assert calls[1].usage == Usage(input_tokens=1_000_000)


def test_calls_are_priced_and_an_unknown_model_is_the_line_s_error(index: PriceIndex) -> None:
    totals = Totals()
    outcomes = list(price_calls(index, read_calls(LINES, "calls.jsonl", model="test-deep")))
    for outcome in outcomes:
        totals.add(outcome)
    assert [outcome.result.total if outcome.result else outcome.error for outcome in outcomes] == [
        Decimal("3.005"),
        Decimal("10"),  # before the price cut
        Decimal("0.14"),  # at midnight UTC: the off-peak price
        "model 'test-nothing': no endpoint has this model ID, alias or version",
    ]
    assert (totals.amounts, totals.priced, totals.unpriced) == ({"USD": Decimal("13.145")}, 3, 1)


def test_a_moment_without_a_price_is_the_line_s_error(index: PriceIndex) -> None:
    line = '{"model": "mistral-medium-2312", "at": "2026-01-01", "input_tokens": 5}'
    (outcome,) = price_calls(index, read_calls([line], "calls.jsonl"))
    assert outcome.result is None and outcome.error and "no price holds on 2026-01-01" in outcome.error


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "calls.jsonl: line 1: not JSON"),
        ("[1, 2]", "calls.jsonl: line 1: expected a JSON object, not list"),
        ('{"model": "m", "usage": 5}', "usage must be a JSON object"),
        ('{"model": "m", "input_tokens": -5}', "calls.jsonl: line 1: input_tokens must be a whole number"),
        ('{"model": "m", "inputs_tokens": 5}', "calls.jsonl: line 1: unknown count 'inputs_tokens'"),
        ('{"input_tokens": 5}', "calls.jsonl: line 1: no model"),
        ('{"model": "", "input_tokens": 5}', "model must be a non-empty string"),
        ('{"model": "m", "at": true}', "at must be an ISO 8601 date"),
    ],
)
def test_an_unusable_line_stops_the_run_naming_it(line: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        list(read_calls([line], "calls.jsonl"))
