"""The front page and the kind indexes."""

from __future__ import annotations

from aimkg.publish.graph import SiteGraph
from aimkg.publish.views.index import KIND_TITLES, index_pages
from aimkg.publish.views.summary import Summary


def test_the_front_page_counts_each_kind_and_lists_the_latest_releases(site_graph: SiteGraph, summary: Summary) -> None:
    entities = site_graph.entities()
    front, *kinds = index_pages(site_graph, entities, summary)
    counts = {section["kind"]: section["count"] for section in front.data["sections"]}
    assert counts == {kind: sum(1 for e in entities if e.kind == kind) for kind in KIND_TITLES}
    latest = [row["version"].text for row in front.data["latest"]]
    assert latest[:2] == ["Mistral Medium 3.5", "Claude Sonnet 4.5"]
    assert [page.path for page in kinds] == [f"id/{kind}/index.html" for kind in KIND_TITLES]


def test_indexes_of_makers_and_versions_are_tables(site_graph: SiteGraph, summary: Summary) -> None:
    pages = {page.path: page for page in index_pages(site_graph, site_graph.entities(), summary)}
    providers = {row["provider"].text: row for row in pages["id/provider/index.html"].data["providers"]}
    assert (providers["Anthropic"]["made"], providers["Anthropic"]["endpoints"]) == (2, 2)
    assert (providers["Amazon"]["made"], providers["Amazon"]["endpoints"]) == (0, 2)
    versions = pages["id/version/index.html"].data["versions"]
    assert len(versions) == len(summary.versions)
    records = [row for row in pages["id/endpoint/index.html"].data["rows"] if row["kind"] == "record"]
    assert [row["label"] for row in records] == ["anthropic/claude-sonnet-4-20250514 in models.dev"]
