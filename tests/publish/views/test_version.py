"""A version's page as data: capabilities, lifecycle, related versions, its line, the record of changes."""

from __future__ import annotations

from aimkg.publish.graph import SiteGraph
from aimkg.publish.rdf import Entity
from aimkg.publish.views import View
from aimkg.publish.views.summary import Summary
from aimkg.publish.views.version import count_values, version_page

SONNET = Entity("version", "claude-sonnet-4-20250514")


def page(site_graph: SiteGraph, summary: Summary):  # type: ignore[no-untyped-def]
    return version_page(View(site_graph, SONNET.path + ".html"), SONNET, summary)


def test_capabilities_show_what_the_version_and_its_endpoints_support(site_graph: SiteGraph, summary: Summary) -> None:
    rows = page(site_graph, summary).data["capabilities"]
    assert [(row["capability"].text, row["state"], [v.text for v in row["where"]]) for row in rows] == [
        ("Image", "Supported", ["eu.anthropic.claude-sonnet-4-20250514-v1:0 on Amazon Bedrock"]),
        ("Text", "Supported", ["Claude Sonnet 4"]),
    ]


def test_lifecycle_related_versions_and_line(site_graph: SiteGraph, summary: Summary) -> None:
    data = page(site_graph, summary).data
    assert [(row["date"], row["event"]) for row in data["lifecycle"]] == [
        ("2025-05-22", "Available"),
        ("2025-05-22", "Released"),
    ]
    assert [(row["relation"], row["version"].text) for row in data["related"]] == [("Replaced by", "Claude Sonnet 4.5")]
    line = [(row["label"], row["released"], row["input"], row["platforms"], row["current"], row["this"])
            for row in data["line"]]  # fmt: skip
    assert line == [
        ("Claude Sonnet 4.5", "2025-09-29", "3", 1, True, False),
        ("Claude Sonnet 4", "2025-05-22", "3", 2, False, True),
    ]


def test_the_record_of_changes_is_newest_first_and_names_each_time(site_graph: SiteGraph, summary: Summary) -> None:
    changes = page(site_graph, summary).data["changes"]
    assert [row["date"] for row in changes] == sorted((row["date"] for row in changes), reverse=True)
    assert {row["time"] for row in changes} == {"lifecycle", "valid time", "record time"}
    assert any(row["event"] == "Catalog record first stated" for row in changes)


def test_schema_org_offers_every_price_of_every_platform(site_graph: SiteGraph, summary: Summary) -> None:
    schema = page(site_graph, summary).schema
    assert schema is not None and schema["@type"] == "SoftwareApplication"
    assert len(schema["offers"]) == 7  # every price node of its three endpoints


def test_counts_read_in_full_and_short() -> None:
    assert [v.text for v in count_values("32000", "tokens")] == ["32,000 tokens (32K)"]
    assert [v.text for v in count_values("1234", "tokens")] == ["1,234 tokens"]
    assert count_values(None, "tokens") == []
