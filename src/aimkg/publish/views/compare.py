"""The compare page: every version side by side on its context window and its lowest current prices.

The table holds every version with a price or a context window, sortable by any column; ticking
versions puts them side by side above it, with bars for their prices and context windows
(``static/site.js``; the selection is kept in the address, ``compare.html#v=slug,slug``, so it can
be shared). Without scripts the table is the comparison.
"""

from __future__ import annotations

from aimkg.publish.graph import SiteGraph
from aimkg.publish.views import Page, View
from aimkg.publish.views.index import COMPARE_PAGE
from aimkg.publish.views.maker import version_row
from aimkg.publish.views.summary import Summary


def compare_page(graph: SiteGraph, summary: Summary) -> Page:
    view = View(graph, COMPARE_PAGE)
    lines = [line for line in summary.versions.values() if line.prices or line.context is not None]
    rows = sorted((version_row(view, line) for line in lines), key=lambda row: (row["version"].text, row["slug"]))
    data = {"rows": rows, "home": view.rel("index.html"), "total": len(summary.versions)}
    return Page(COMPARE_PAGE, "Compare versions", "compare.html", data)
