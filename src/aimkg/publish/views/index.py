"""The site's front page and one index page per entity kind.

The front page says what the graph holds (how many of each kind), links every kind's index,
the compare page, the changes pages (with their feed) and the downloads, and lists the latest
releases. Indexes of versions, makers, platforms and model lines are sortable tables; the
others (endpoints, prices, results, ...) are lists of links.
"""

from __future__ import annotations

from typing import Any

from aimkg.core.terms import RDF_TYPE
from aimkg.export.croissant import CROISSANT_FILE
from aimkg.export.folder import CONTEXT_FILE, DESCRIPTION_FILE
from aimkg.export.formats import FORMATS
from aimkg.publish.graph import A, SiteGraph
from aimkg.publish.rdf import Entity
from aimkg.publish.views import ONTOLOGY_PAGE, UNKNOWN, Page, View
from aimkg.publish.views.changes import CHANGES_INDEX, FEED
from aimkg.publish.views.maker import version_row
from aimkg.publish.views.summary import Summary

#: The kinds in the order the index lists them, with their section titles.
KIND_TITLES = {
    "provider": "Providers",
    "model": "Model lines",
    "version": "Versions",
    "endpoint": "Endpoints",
    "platform": "Platforms",
    "price": "Prices",
    "benchmark": "Benchmarks",
    "result": "Benchmark results",
    "source": "Sources",
}
LATEST = 20
COMPARE_PAGE = "compare.html"


def index_pages(graph: SiteGraph, entities: list[Entity], summary: Summary) -> list[Page]:
    """The site's front page (every kind) and one index per kind at ``id/<kind>/index.html``."""
    by_kind: dict[str, list[Entity]] = {kind: [] for kind in KIND_TITLES}
    for entity in entities:
        by_kind[entity.kind].append(entity)
    front = View(graph, "index.html")
    records = set(graph.subjects(RDF_TYPE, A.EndpointRecord))  # read once: asking each endpoint costs seconds
    pages = []
    sections = []
    for kind, title in KIND_TITLES.items():
        members = by_kind[kind]
        index = f"id/{kind}/index.html"
        sections.append({"kind": kind, "title": title, "index": front.rel(index), "count": len(members)})
        pages.append(kind_page(View(graph, index), kind, title, members, summary, records))
    latest = sorted(
        (line for line in summary.versions.values() if line.released),
        key=lambda line: (line.released or "", line.iri),
        reverse=True,
    )[:LATEST]
    front_data = {
        "sections": sections,
        "latest": [version_row(front, line) for line in latest],
        "compare": front.rel(COMPARE_PAGE),
        "changes": front.rel(CHANGES_INDEX),
        "feed": front.rel(FEED),
        "ontology": front.rel(ONTOLOGY_PAGE),
        "downloads": [{"href": f.filename, "type": f.media_type, "title": f.title} for f in FORMATS.values()],
        "context": CONTEXT_FILE,
        "description": DESCRIPTION_FILE,
        "croissant": CROISSANT_FILE,
    }
    title = "aimkg: an open knowledge graph of AI models"
    return [Page("index.html", title, "index.html", front_data), *pages]


def kind_page(view: View, kind: str, title: str, members: list[Entity], summary: Summary, records: set[str]) -> Page:
    """One kind's index: a sortable table for versions, makers, platforms and model lines, else a list.

    ``records``: the catalog records, which read as such in the endpoint list (it holds both).
    """
    data: dict[str, Any] = {"kind": kind, "home": view.rel("index.html"), "count": len(members)}
    if kind == "version":
        data["versions"] = sorted(
            (version_row(view, summary.versions[e.iri]) for e in members if e.iri in summary.versions),
            key=lambda row: row["version"].text,
        )
    elif kind == "provider":
        data["providers"] = [provider_row(view, e.iri, summary) for e in members]
        data["providers"].sort(key=lambda row: row["provider"].text)
    elif kind == "platform":
        data["platforms"] = [
            {
                "platform": view.value(e.iri),
                "operator": view.values(e.iri, A.provider),
                "role": view.values(e.iri, A.platformRole),
                "endpoints": len(summary.by_platform.get(e.iri, [])),
            }
            for e in members
        ]
        data["platforms"].sort(key=lambda row: row["platform"].text)
    elif kind == "model":
        data["models"] = [
            {
                "model": view.value(e.iri),
                "maker": view.values(e.iri, A.provider),
                "versions": len(summary.by_line.get(e.iri, [])),
            }
            for e in members
        ]
        data["models"].sort(key=lambda row: row["model"].text)
    rows = [
        {"label": view.label(e.iri), "link": view.value(e.iri), "kind": "record" if e.iri in records else ""}
        for e in members
    ]
    data["rows"] = sorted(rows, key=lambda row: (row["label"], row["link"].href or ""))
    return Page(f"id/{kind}/index.html", title, "kind.html", data)


def provider_row(view: View, iri: str, summary: Summary) -> dict[str, Any]:
    made = summary.by_maker.get(iri, [])
    operated = summary.by_operator.get(iri, [])
    return {
        "provider": view.value(iri),
        "made": len(made),
        "endpoints": len(operated),
        "latest": max((summary.versions[v].released or "" for v in made), default="") or UNKNOWN,
    }
