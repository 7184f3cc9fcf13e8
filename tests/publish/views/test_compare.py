"""The compare page: every version with a price or a context window, side by side."""

from __future__ import annotations

from aimkg.publish.graph import SiteGraph
from aimkg.publish.views.compare import compare_page
from aimkg.publish.views.summary import Summary


def test_versions_with_a_price_or_a_context_window_are_compared(site_graph: SiteGraph, summary: Summary) -> None:
    page = compare_page(site_graph, summary)
    rows = {row["slug"]: row for row in page.data["rows"]}
    assert rows["claude-sonnet-4-20250514"]["context_value"] == "200000"
    assert (rows["claude-sonnet-4-5"]["input"], rows["claude-sonnet-4-5"]["input_value"]) == ("3", "3")
    assert rows["mistral-medium-2312"]["input"] == "Unknown"  # a context window, and no current price
    assert page.data["total"] == len(summary.versions) >= len(rows)
    assert all(row["version"].href.startswith("id/version/") for row in page.data["rows"])
