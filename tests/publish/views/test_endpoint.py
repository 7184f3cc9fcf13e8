"""An endpoint's page: its prices and their history, its catalog records."""

from __future__ import annotations

from aimkg.publish.chart import RECORD_TIME
from aimkg.publish.graph import SiteGraph
from aimkg.publish.rdf import Entity
from aimkg.publish.views import View
from aimkg.publish.views.endpoint import endpoint_page
from aimkg.publish.views.summary import Summary


def test_an_endpoint_shows_its_records_and_the_history_of_its_prices(site_graph: SiteGraph, summary: Summary) -> None:
    anthropic = Entity("endpoint", "anthropic--claude-sonnet-4-20250514")
    data = endpoint_page(View(site_graph, anthropic.path + ".html"), anthropic, summary).data
    assert [(row["key"], [v.text for v in row["sources"]]) for row in data["records"]] == [
        ("anthropic/claude-sonnet-4-20250514", ["models.dev catalog"])
    ]
    assert [chart.time for chart in data["charts"]] == ["valid time"]
    assert data["charts"][0].rows[0]["series"] == "Input tokens"  # no platform: the page is on one
    bedrock = Entity("endpoint", "amazon-bedrock--anthropic.claude-sonnet-4-20250514-v1-0")
    data = endpoint_page(View(site_graph, bedrock.path + ".html"), bedrock, summary).data
    assert [chart.time for chart in data["charts"]] == [RECORD_TIME]
    assert (data["model_id"], [v.text for v in data["serves"]]) == (
        "anthropic.claude-sonnet-4-20250514-v1:0",
        ["Claude Sonnet 4"],
    )
