"""The site's front page, which lists every kind, and one index page per entity kind."""

from __future__ import annotations

from typing import Any

from rdflib import Graph

from aimkg.export.folder import CONTEXT_FILE, DESCRIPTION_FILE
from aimkg.export.formats import FORMATS
from aimkg.io.graph import AIMKG
from aimkg.publish.rdf import Entity, entities
from aimkg.publish.views import ONTOLOGY_PAGE, UNKNOWN, Page, View, by_date_desc
from aimkg.publish.views.entity import line_rows

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


def index_pages(graph: Graph) -> list[Page]:
    """The site's front page (every kind) and one index per kind at ``id/<kind>/index.html``."""
    all_entities = entities(graph)
    front = View(graph, "index.html")
    pages = []
    sections = []
    for kind, title in KIND_TITLES.items():
        members = [entity for entity in all_entities if entity.kind == kind]
        rows = (
            by_date_desc(version_summary(front, entity) for entity in members)
            if kind == "version"
            else entity_rows(front, members)
        )
        index = f"id/{kind}/index.html"
        sections.append({"kind": kind, "title": title, "index": front.rel(index), "rows": rows})
        kind_view = View(graph, index)
        data = {"rows": entity_rows(kind_view, members), "home": kind_view.rel("index.html")}
        pages.append(Page(index, title, "kind.html", data))
    models: list[dict[str, Any]] = [
        {
            "model": front.value(entity.iri),
            "provider": front.values(entity.iri, AIMKG.provider),
            "versions": [row["version"] for row in line_rows(front, entity.iri)],
        }
        for entity in all_entities
        if entity.kind == "model"
    ]
    front_data = {
        "sections": sections,
        "models": sorted(models, key=lambda model: str(model["model"].text)),
        "ontology": front.rel(ONTOLOGY_PAGE),
        "downloads": [{"href": f.filename, "type": f.media_type, "title": f.title} for f in FORMATS.values()],
        "context": CONTEXT_FILE,
        "description": DESCRIPTION_FILE,
    }
    title = "aimkg: an open knowledge graph of AI models"
    return [Page("index.html", title, "index.html", front_data), *pages]


def entity_rows(view: View, members: list[Entity]) -> list[dict[str, Any]]:
    rows = [{"label": view.label(entity.iri), "link": view.value(entity.iri)} for entity in members]
    return sorted(rows, key=lambda row: str(row["label"]))


def version_summary(view: View, entity: Entity) -> dict[str, Any]:
    iri = entity.iri
    released = view.text(iri, AIMKG.releaseDate)
    return {
        "label": view.label(iri),
        "link": view.value(iri),
        "sort_date": released,
        "released": released or UNKNOWN,
        "model": view.values(iri, AIMKG.versionOf),
        "provider": view.values(iri, AIMKG.provider),
        "status": view.cell(iri, AIMKG.status),
    }
