"""Makers' and platforms' pages: what a provider made and operates, what a platform serves."""

from __future__ import annotations

from aimkg.publish.graph import SiteGraph
from aimkg.publish.rdf import Entity
from aimkg.publish.views import View
from aimkg.publish.views.maker import maker_page, platform_page
from aimkg.publish.views.summary import Summary


def test_a_maker_lists_what_it_made_newest_first_and_the_platforms_it_operates(
    site_graph: SiteGraph, summary: Summary
) -> None:
    anthropic = Entity("provider", "anthropic")
    data = maker_page(View(site_graph, anthropic.path + ".html"), anthropic, summary).data
    assert [(row["version"].text, row["context"], row["input"], row["platforms"]) for row in data["made"]] == [
        ("Claude Sonnet 4.5", "1,000,000", "3", 1),
        ("Claude Sonnet 4", "200,000", "3", 2),
    ]
    assert [(row["platform"].text, row["endpoints"]) for row in data["operated"]] == [("Anthropic API", 2)]
    amazon = Entity("provider", "amazon")
    data = maker_page(View(site_graph, amazon.path + ".html"), amazon, summary).data
    assert data["made"] == [] and [row["platform"].text for row in data["operated"]] == ["Amazon Bedrock"]


def test_a_platform_lists_every_endpoint_with_the_maker_of_what_it_serves(
    site_graph: SiteGraph, summary: Summary
) -> None:
    bedrock = Entity("platform", "amazon-bedrock")
    data = platform_page(View(site_graph, bedrock.path + ".html"), bedrock, summary).data
    assert [(row["model_id"], row["maker"].text, row["input"], row["output"]) for row in data["served"]] == [
        ("anthropic.claude-sonnet-4-20250514-v1:0", "Anthropic", "3", "15"),
        ("eu.anthropic.claude-sonnet-4-20250514-v1:0", "Anthropic", "3.30", "Unknown"),
    ]
    assert [v.text for v in data["operator"]] == ["Amazon"]
    assert data["served"][1]["output_value"] == ""  # sorts last as unknown
