"""What a calculation gives: lines named for people, results as IRIs and JSON-ready data, bills as linear forms."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aimkg.cost.calculate import PriceIndex
from aimkg.cost.index import PriceRow
from aimkg.cost.moment import moment
from aimkg.cost.results import Form, kind_label, option
from aimkg.cost.usage import Usage

CHAT = "test-chat-2025-01-01"
SHORT = Usage(input_tokens=100_000, output_tokens=20_000, cache_read_tokens=30_000)


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        ("CachedInputTokens", "cache read tokens"),
        ("CacheWrite1hTokens", "1-hour cache write tokens"),
        ("WebSearch", "web searches"),
        ("InputToolAudioTokens", "input tool audio tokens"),  # a kind no usage field counts: its name, spelt out
    ],
)
def test_kinds_are_named_for_people(kind: str, label: str) -> None:
    assert kind_label(kind) == label


def price(**changes: object) -> PriceRow:
    values: dict[str, object] = dict.fromkeys(PriceRow._fields)
    values.update(slug="p", kind="InputTokens", amount="2.5", per=1_000_000, currency="USD")
    values.update(changes)
    return PriceRow(**values)  # type: ignore[arg-type]


def test_an_option_is_its_price_per_unit_and_when_it_holds() -> None:
    plain = option(price())
    assert (plain.amount, plain.unit, plain.timed, plain.above) == (Decimal("2.5"), Decimal("0.0000025"), False, -1)
    dated = option(price(valid_from="2025-06-10", valid_through="2025-12-31"))
    assert dated.timed
    assert [dated.holds(moment(day)) for day in ("2025-06-09", "2025-06-10", "2025-12-31", "2026-01-01")] == [
        False,
        True,
        True,
        False,
    ]
    assert option(price(above=200_000)).above == 200_000


def test_a_form_is_one_rate_per_counted_kind() -> None:
    form = Form(
        {"InputTokens": Decimal("0.000002"), "CachedInputTokens": Decimal("-0.0000015")},
        frozenset(),
        frozenset(),
        True,
        "USD",
    )
    total, gaps, fell = form.total(Usage(input_tokens=100, cache_read_tokens=40))
    assert total == Decimal("0.00014")  # 60 at 2 per 1M and 40 at 0.5 per 1M
    assert (gaps, fell) == (2, 0)  # neither kind is owned by a price of this (made-up) form


def test_a_result_names_its_prices_and_sources_as_iris(index: PriceIndex) -> None:
    result = index.cost(CHAT, SHORT, platform="openai", at="2026-01-01T10:00Z")
    assert result.endpoint_iri == f"https://w3id.org/aimkg/id/endpoint/openai--{CHAT}"
    assert result.version_iri == f"https://w3id.org/aimkg/id/version/{CHAT}"
    assert all(iri.startswith("https://w3id.org/aimkg/id/price/chat-g-") for iri in result.prices)
    assert result.sources[0] == "https://w3id.org/aimkg/id/source/genai-prices-t"


def test_the_result_as_json_ready_data(index: PriceIndex) -> None:
    found = index.cost(CHAT, SHORT, platform="openai", at="2026-01-01T10:00Z").to_dict()
    assert (found["total"], found["currency"], found["at"]) == (Decimal("0.315"), "USD", "2026-01-01T10:00Z")
    assert found["source"] == "https://w3id.org/aimkg/id/source/genai-prices-t"
    assert found["endpoint"] == f"https://w3id.org/aimkg/id/endpoint/openai--{CHAT}"
    assert next(line["price_spec"] for line in found["lines"]).startswith("https://w3id.org/aimkg/id/price/chat-g-")
    assert {alternative["total"] for alternative in found["alternatives"]} == {Decimal("0.315"), Decimal("0.36")}
    assert found["agreed"] is False
