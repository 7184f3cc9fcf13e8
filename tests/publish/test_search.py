"""The search index: versions by name, model IDs and aliases; model lines, makers and platforms by name."""

from __future__ import annotations

import json

from aimkg.publish.graph import SiteGraph
from aimkg.publish.search import FIELDS, search_index
from aimkg.publish.views.summary import Summary


def test_versions_are_found_by_every_id_and_alias_that_calls_them(site_graph: SiteGraph, summary: Summary) -> None:
    document = json.loads(search_index(site_graph, site_graph.entities(), summary))
    assert document["fields"] == FIELDS == ["name", "kind", "path", "ids", "detail"]
    entries = {entry[2]: entry for entry in document["entries"]}
    name, kind, _, ids, detail = entries["id/version/claude-sonnet-4-20250514.html"]
    assert (name, kind, detail) == ("Claude Sonnet 4", "version", "Anthropic")
    assert ids.split() == [
        "anthropic.claude-sonnet-4-20250514-v1:0",
        "claude-sonnet-4-0",
        "claude-sonnet-4-20250514",
        "eu.anthropic.claude-sonnet-4-20250514-v1:0",
    ]
    assert entries["id/model/claude-sonnet.html"][:2] == ["Claude Sonnet", "model line"]
    assert entries["id/provider/anthropic.html"][1] == "maker"
    assert entries["id/platform/amazon-bedrock.html"][1:] == [
        "platform",
        "id/platform/amazon-bedrock.html",
        "",
        "Amazon",
    ]
    kinds = {entry[1] for entry in document["entries"]}
    assert kinds == {"version", "model line", "maker", "platform"}  # prices, records, sources: not searched
