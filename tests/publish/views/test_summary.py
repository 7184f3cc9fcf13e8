"""One line per version and endpoint, read with a few queries over the whole store."""

from __future__ import annotations

from decimal import Decimal

from aimkg.publish.graph import A
from aimkg.publish.views.summary import Summary, least
from tests.publish.conftest import SONNET

ANTHROPIC = "https://w3id.org/aimkg/id/provider/anthropic"
BEDROCK = "https://w3id.org/aimkg/id/platform/amazon-bedrock"


def test_a_version_line_has_its_lowest_current_prices_and_platforms(summary: Summary) -> None:
    line = summary.versions[SONNET]
    assert (line.maker, line.released, line.context) == (ANTHROPIC, "2025-05-22", 200000)
    assert line.price(A.InputTokens) == Decimal(3) and line.price(A.OutputTokens) == Decimal(15)
    assert len(line.endpoints) == 3 and len(line.platforms) == 2
    assert summary.by_maker[ANTHROPIC] == [
        "https://w3id.org/aimkg/id/version/claude-sonnet-4-20250514",
        "https://w3id.org/aimkg/id/version/claude-sonnet-4-5",
    ]
    assert len(summary.by_platform[BEDROCK]) == 2


def test_the_curated_retired_version_has_no_current_price(summary: Summary) -> None:
    line = summary.versions["https://w3id.org/aimkg/id/version/mistral-medium-2312"]
    assert line.prices == {}


def test_least_keeps_one_value_whatever_the_order() -> None:
    assert least(least(None, "b"), "a") == "a" == least(least(None, "a"), "b")
    assert least(5, None) == 5
