"""Costs written for people and programs: exact money, a table, JSON with numbers, CSV, a batch as it streams."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from aimkg.cost.batch import Totals, price_calls, read_calls
from aimkg.cost.calculate import PriceIndex
from aimkg.cost.report import batch, everywhere, json_text, money, single
from aimkg.cost.usage import Usage

CHAT = "test-chat-2025-01-01"
SHORT = Usage(input_tokens=100_000, output_tokens=20_000, cache_read_tokens=30_000)


@pytest.mark.parametrize(
    ("value", "text"),
    [("4.1250000", "4.125"), ("10", "10"), ("1E+1", "10"), ("2.5E-7", "0.00000025"), ("0E-9", "0"), ("-0.50", "-0.5")],
)
def test_money_is_the_exact_decimal_without_trailing_zeros(value: str, text: str) -> None:
    assert money(Decimal(value)) == text


def test_json_writes_decimals_as_exact_numbers() -> None:
    text = json_text({"total": Decimal("0.1000"), "tiny": Decimal("2.5E-7"), "name": "x\u0000aimkg-decimal:1"})
    assert text == '{"total": 0.1, "tiny": 0.00000025, "name": "x\\u0000aimkg-decimal:1"}'
    assert json.loads(text, parse_float=Decimal)["total"] == Decimal("0.1")


def test_a_table_says_what_whose_and_what_else(index: PriceIndex) -> None:
    text = single(index.cost(CHAT, SHORT, platform="openai", at="2026-01-01T10:00Z"), "table")
    assert text == (
        f"{CHAT} on openai (model ID {CHAT}, version {CHAT}): 0.315 USD\n"
        f"at 2026-01-01T10:00Z, standard tier, prices of genai-prices-t openai/{CHAT}\n"
        "\n"
        "part                    quantity  price              cost\n"
        "input tokens, the rest    70,000  2 USD / 1M         0.14\n"
        "cache read tokens         30,000  0.5 USD / 1M      0.015\n"
        "output tokens             20,000  8 USD / 1M         0.16\n"
        "total                                           0.315 USD\n"
        "\n"
        "alternatives (the sources disagree):\n"
        f"  litellm-t {CHAT}: 0.315 USD (same)\n"
        f"  models-dev-t openai/{CHAT}: 0.36 USD (differs)\n"
    )


def test_json_has_the_total_with_its_currency_at_the_top(index: PriceIndex) -> None:
    found = json.loads(single(index.cost(CHAT, SHORT, platform="openai", at="2026-01-01"), "json"), parse_float=Decimal)
    assert (found["total"], found["currency"]) == (Decimal("0.315"), "USD")
    assert found["lines"][0]["cost"] == Decimal("0.015")


def test_csv_has_a_row_per_part_and_the_total(index: PriceIndex) -> None:
    rows = list(csv.DictReader(io.StringIO(single(index.cost(CHAT, SHORT, platform="openai"), "csv"))))
    assert [(row["kind"], row["cost"]) for row in rows] == [
        ("InputTokens", "0.14"),
        ("CachedInputTokens", "0.015"),
        ("OutputTokens", "0.16"),
        ("", "0.315"),
    ]
    assert rows[0]["price_spec"] == "https://w3id.org/aimkg/id/price/chat-g-in"


def test_every_platform_as_a_table_json_and_csv(index: PriceIndex) -> None:
    results, unpriced = index.everywhere("test-chat", SHORT, at="2026-04-01T00:00Z")
    table = everywhere(results, unpriced, "table")
    assert table.splitlines()[2].split() == [
        "platform",
        "model",
        "ID",
        "total",
        "currency",
        "source",
        "sources",
        "agree",
    ]
    assert table.splitlines()[3].split()[:3] == ["openai", CHAT, "0.315"]
    found = json.loads(everywhere(results, unpriced, "json"))
    assert [result["total"] for result in found["results"]] == [0.315, 0.42, 0.54]
    rows = list(csv.DictReader(io.StringIO(everywhere(results, unpriced, "csv"))))
    assert [row["platform"] for row in rows] == ["openai", "openrouter", "amazon-bedrock"]


@pytest.mark.parametrize("output_format", ["table", "json", "csv"])
def test_a_batch_streams_a_row_per_call_then_the_totals(index: PriceIndex, output_format: str) -> None:
    lines = ['{"model": "test-claude-1", "input_tokens": 1000000}', '{"model": "test-nothing", "input_tokens": 1}']
    totals = Totals()
    chunks = list(batch(price_calls(index, read_calls(lines, "calls.jsonl")), totals, output_format))
    if output_format == "json":
        last = json.loads(chunks[-1])
        assert (last["total"], last["currency"], last["priced"], last["unpriced"]) == (3.005, "USD", 1, 1)
        assert json.loads(chunks[1])["error"].startswith("model 'test-nothing'")
    elif output_format == "csv":
        rows = list(csv.reader(io.StringIO("".join(chunks))))
        assert rows[0][0] == "line" and rows[-1][:6] == ["total", "", "", "", "3.005", "USD"]
    else:
        assert chunks[-1] == "total  3.005 USD  (1 calls priced; 1 not priced)\n"
        assert "no price: model 'test-nothing'" in chunks[2]
