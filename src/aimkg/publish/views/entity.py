"""The page of each entity: the page kind its class calls for, else a page of every fact it states.

Versions, endpoints, makers (providers), platforms and model lines have pages of their own
(``version``, ``endpoint``, ``maker``); every other entity (a price, a catalog record, a
benchmark result, a source) gets the generic page: its label, comments, every fact it states,
and the entities that point to it, grouped by how they point (a source is cited by tens of
thousands: each group lists its first ``MAX_INCOMING`` and says how many there are; the data
files beside the page hold them all).
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from aimkg.core.terms import RDF_TYPE
from aimkg.publish.graph import DC, RDFS, A
from aimkg.publish.rdf import Entity
from aimkg.publish.schema_org import entity_schema
from aimkg.publish.views import Page, View, alternates
from aimkg.publish.views.summary import Summary

#: Predicates a generic page shows apart from its facts table.
SHOWN_APART = {RDF_TYPE, RDFS.label, RDFS.comment, DC.description}
#: The most entities a generic page lists for one way of pointing at it.
MAX_INCOMING = 200


def entity_page(view: View, entity: Entity, summary: Summary) -> Page:
    """The page of any entity, of the kind its class calls for."""
    iri = entity.iri
    types = view.graph.objects(iri, RDF_TYPE)
    if entity.kind == "version":
        from aimkg.publish.views.version import version_page

        return version_page(view, entity, summary)
    if entity.kind == "endpoint" and ox.NamedNode(A.Endpoint) in types:
        from aimkg.publish.views.endpoint import endpoint_page

        return endpoint_page(view, entity, summary)
    if entity.kind in ("provider", "platform"):
        from aimkg.publish.views.maker import maker_page, platform_page

        return (maker_page if entity.kind == "provider" else platform_page)(view, entity, summary)
    return generic_page(view, entity, generic_data(view, entity, summary))


def generic_data(view: View, entity: Entity, summary: Summary) -> dict[str, Any]:
    """What every entity page shows: kind, description, notes, facts, and who points to it."""
    from aimkg.publish.views.version import line_rows

    iri = entity.iri
    facts = []
    predicates = sorted(set(view.graph.facts(iri)) - SHOWN_APART, key=view.label)
    for predicate in predicates:
        facts.append((view.value(predicate), view.values(iri, predicate)))
    return {
        "iri": iri,
        "kind": view.values(iri, RDF_TYPE),
        "description": view.texts(iri, DC.description),
        "notes": view.texts(iri, RDFS.comment),
        "facts": facts,
        "incoming": incoming_groups(view, iri),
        "line": line_rows(view, summary, iri) if entity.kind == "model" else [],
        "tables": [],
    }


def generic_page(view: View, entity: Entity, data: dict[str, Any], template: str = "entity.html") -> Page:
    iri = entity.iri
    schema = entity_schema(view, entity)
    return Page(entity.path + ".html", view.label(iri), template, data, alternates(entity.slug), schema)


def incoming_groups(view: View, iri: str) -> list[dict[str, Any]]:
    """The entities pointing to this one, by the property they point with; long groups cut at MAX_INCOMING."""
    by_predicate: dict[str, list[str]] = {}
    for subject, predicate in view.graph.incoming(iri):
        by_predicate.setdefault(predicate, []).append(subject)
    groups = []
    for predicate, subjects in by_predicate.items():
        subjects = sorted(set(subjects))
        shown = sorted(
            (view.value(subject) for subject in subjects[:MAX_INCOMING]), key=lambda v: (v.text, v.href or "")
        )
        groups.append({"property": view.value(predicate), "entities": shown, "count": len(subjects)})
    return sorted(groups, key=lambda group: group["property"].text)
