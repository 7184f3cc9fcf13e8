"""Prices on the pages: statements with their sources, current prices side by side, histories over both times."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from aimkg.publish.chart import RECORD_TIME, VALID_TIME
from aimkg.publish.graph import A, SiteGraph
from aimkg.publish.views import View
from aimkg.publish.views.prices import (
    change_rows,
    current_prices,
    history_charts,
    platform_bars,
    platform_rows,
    prices_of,
    short_count,
    statement_rows,
)
from tests.publish.conftest import SONNET

ENDPOINT = "https://w3id.org/aimkg/id/endpoint/"
ANTHROPIC = f"{ENDPOINT}anthropic--claude-sonnet-4-20250514"
BEDROCK = f"{ENDPOINT}amazon-bedrock--anthropic.claude-sonnet-4-20250514-v1-0"
BEDROCK_EU = f"{ENDPOINT}amazon-bedrock--eu.anthropic.claude-sonnet-4-20250514-v1-0"


def sonnet(site_graph: SiteGraph) -> tuple[View, list[str]]:
    view = View(site_graph, "id/version/claude-sonnet-4-20250514.html")
    return view, view.incoming(SONNET, A.serves)


def test_a_price_stated_per_token_compares_per_million(site_graph: SiteGraph) -> None:
    view, endpoints = sonnet(site_graph)
    prices = {price.iri.rsplit("/", 1)[1]: price for price in prices_of(view, SONNET, endpoints)}
    first = prices["bedrock-claude-sonnet-4-20250514--input--litellm-1"]
    assert (first.amount_text, first.per, first.per_million) == ("0.0000033", 1, Decimal("3.3"))
    assert not first.current and first.recorded_until == "2025-07-01T12:30:00Z"


def test_only_current_standard_usd_prices_are_compared(site_graph: SiteGraph) -> None:
    view, endpoints = sonnet(site_graph)
    current = current_prices(prices_of(view, SONNET, endpoints))
    assert {endpoint: {kind.rsplit("#")[1]: amount for kind, (amount, _) in kinds.items()}
            for endpoint, kinds in current.items()} == {
        ANTHROPIC: {"InputTokens": Decimal(3), "OutputTokens": Decimal(15)},  # 3.50 ended on 2025-08-31
        BEDROCK: {"InputTokens": Decimal(3), "OutputTokens": Decimal(15)},  # 3.30 is no longer stated
        BEDROCK_EU: {"InputTokens": Decimal("3.30")},
    }  # fmt: skip


def test_platforms_side_by_side_cheapest_input_first_with_sources(site_graph: SiteGraph) -> None:
    view, endpoints = sonnet(site_graph)
    rows = platform_rows(view, endpoints, prices_of(view, SONNET, endpoints))
    assert [(row["platform"].text, row["model_id"], row["cells"]) for row in rows] == [
        ("Amazon Bedrock", "anthropic.claude-sonnet-4-20250514-v1:0", ["3", "15", "Unknown"]),
        ("Anthropic API", "claude-sonnet-4-20250514", ["3", "15", "Unknown"]),
        ("Amazon Bedrock", "eu.anthropic.claude-sonnet-4-20250514-v1:0", ["3.30", "Unknown", "Unknown"]),
    ]
    assert [v.text for v in rows[1]["sources"]] == ["models.dev catalog"]
    bars = platform_bars("b", "Claude Sonnet 4", rows)
    assert bars is not None and [values for _, values in bars.groups][2] == [Decimal("3.30"), None]
    assert platform_bars("b", "x", rows[:1]) is None  # one platform: nothing to compare


def test_statements_still_made_are_listed_with_their_records(site_graph: SiteGraph) -> None:
    view, endpoints = sonnet(site_graph)
    rows = statement_rows(view, prices_of(view, SONNET, endpoints))
    shown = [(row["model_id"], row["kind"], row["price"], row["valid_from"], row["valid_through"]) for row in rows]
    assert shown == [
        ("anthropic.claude-sonnet-4-20250514-v1:0", "Input tokens", "3 USD per 1M tokens", "Unknown", "Unknown"),
        ("anthropic.claude-sonnet-4-20250514-v1:0", "Output tokens", "15 USD per 1M tokens", "Unknown", "Unknown"),
        ("eu.anthropic.claude-sonnet-4-20250514-v1:0", "Input tokens", "3.30 USD per 1M tokens", "Unknown", "Unknown"),
        ("claude-sonnet-4-20250514", "Input tokens", "3.50 USD per 1M tokens", "2025-05-22", "2025-08-31"),
        ("claude-sonnet-4-20250514", "Input tokens", "3 USD per 1M tokens", "2025-09-01", "Unknown"),
        ("claude-sonnet-4-20250514", "Output tokens", "15 USD per 1M tokens", "Unknown", "Unknown"),
    ]
    assert [v.text for v in rows[3]["records"]] == ["anthropic/claude-sonnet-4-20250514"]
    assert short_count(1_000_000) == "1M" and short_count(32_000) == "32K" and short_count(1234) == "1,234"


def test_each_kind_of_time_gets_its_chart(site_graph: SiteGraph) -> None:
    view, endpoints = sonnet(site_graph)
    valid, record = history_charts(view, "Claude Sonnet 4", prices_of(view, SONNET, endpoints), True, "2025-05-22")
    assert (valid.time, record.time) == (VALID_TIME, RECORD_TIME)
    assert [(row["series"], row["start"], row["end"], row["amount"]) for row in valid.rows] == [
        ("Anthropic API · claude-sonnet-4-20250514 · Input tokens", "2025-05-22", "2025-08-31", "3.50"),
        ("Anthropic API · claude-sonnet-4-20250514 · Input tokens", "2025-09-01", "still valid", "3"),
    ]
    bedrock = "Amazon Bedrock · anthropic.claude-sonnet-4-20250514-v1:0"
    assert [(row["series"], row["start"], row["end"], row["amount"]) for row in record.rows] == [
        (f"{bedrock} · Input tokens — LiteLLM model price and context window table", "2025-05-23T09:00:00Z",
         "2025-07-01T12:30:00Z", "3.30"),
        (f"{bedrock} · Input tokens — LiteLLM model price and context window table", "2025-07-01T12:30:00Z",
         "still stated", "3"),
        (f"{bedrock} · Output tokens — LiteLLM model price and context window table", "2025-05-23T09:00:00Z",
         "still stated", "15"),
    ]  # fmt: skip
    assert "valid time" in valid.title and "record time" in record.title
    assert valid.svg.startswith("<svg") and record.svg.startswith("<svg")


def test_changes_name_their_time(site_graph: SiteGraph) -> None:
    view, endpoints = sonnet(site_graph)
    rows = change_rows(view, prices_of(view, SONNET, endpoints), True)
    assert {(row["date"], row["time"]) for row in rows if "no longer stated" in row["event"]} == {
        ("2025-07-01T12:30:00Z", RECORD_TIME)
    }
    assert {row["date"] for row in rows if row["time"] == VALID_TIME} == {"2025-05-22", "2025-08-31", "2025-09-01"}


SAME_KEY = """
@prefix aimkg: <https://w3id.org/aimkg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix id: <https://w3id.org/aimkg/id/> .
id:price\\/a aimkg:endpoint id:endpoint\\/e ; aimkg:amount 3.0 ; aimkg:currency "USD" ; aimkg:record id:endpoint\\/r1 .
id:price\\/b aimkg:endpoint id:endpoint\\/e ; aimkg:amount 3.0 ; aimkg:currency "USD" ; aimkg:record id:endpoint\\/r2 .
id:endpoint\\/r1 dcterms:identifier "one-key" .
id:endpoint\\/r2 dcterms:identifier "one-key" .
"""
RECORD_ORDER = """
import sys
from aimkg.publish.graph import SiteGraph, lexical_store
from aimkg.publish.views import View
from aimkg.publish.views.prices import prices_of, statement_rows
view = View(SiteGraph.of(lexical_store([sys.argv[1]])), "id/endpoint/e.html")
[row] = statement_rows(view, prices_of(view, None, ["https://w3id.org/aimkg/id/endpoint/e"]))
print(" ".join(str(record.href) for record in row["records"]))
"""


def test_records_that_read_the_same_are_listed_in_one_order_whatever_the_hash_seed(tmp_path: Path) -> None:
    data = tmp_path / "same-key.ttl"
    data.write_text(SAME_KEY)
    orders = {
        subprocess.run(
            [sys.executable, "-c", RECORD_ORDER, str(data)],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(8)
    }
    assert orders == {"r1.html r2.html\n"}
