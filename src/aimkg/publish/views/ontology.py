"""The ontology's page: every class, property and named individual, with how it aligns to other vocabularies."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from aimkg.core.terms import AIMKG, ONTOLOGY_IRI, RDF_TYPE, SKOS
from aimkg.publish.graph import DC, OWL, RDFS, SiteGraph
from aimkg.publish.schema_org import ontology_schema
from aimkg.publish.views import ONTOLOGY_PAGE, Page, Value, View, alternates

#: How the ontology page names the alignment predicates.
ALIGNMENT_NAMES = {
    RDFS.subClassOf: "subclass of",
    RDFS.subPropertyOf: "subproperty of",
    OWL.equivalentClass: "equivalent class",
    OWL.equivalentProperty: "equivalent property",
    OWL.sameAs: "same as",
    f"{SKOS}closeMatch": "close match",
    f"{SKOS}exactMatch": "exact match",
}


def ontology_page(graph: SiteGraph) -> Page:
    """Document every class, property and named individual of the ontology, with its alignment."""
    view = View(graph, ONTOLOGY_PAGE)
    terms = graph.nodes(AIMKG)

    def entry(term: str) -> dict[str, Any]:
        alignment = [(name, view.values(term, predicate)) for predicate, name in ALIGNMENT_NAMES.items()]
        return {
            "id": term[len(AIMKG) :],
            "iri": term,
            "label": view.label(term),
            "comment": view.texts(term, RDFS.comment),
            "types": view.values(term, RDF_TYPE),
            "domain": view.cell(term, RDFS.domain).values if view.first(term, RDFS.domain) else (Value("any"),),
            "range": view.cell(term, RDFS.range).values if view.first(term, RDFS.range) else (Value("any"),),
            "alignment": [(name, values) for name, values in alignment if values],
        }

    def typed(term: str, *classes: str) -> bool:
        return any(graph.has(term, RDF_TYPE, ox.NamedNode(cls)) for cls in classes)

    classes = [t for t in terms if typed(t, OWL.Class)]
    properties = [t for t in terms if typed(t, OWL.ObjectProperty, OWL.DatatypeProperty)]
    individuals = [t for t in terms if t not in classes and t not in properties]
    data = {
        "iri": ONTOLOGY_IRI,
        "comment": view.texts(ONTOLOGY_IRI, RDFS.comment),
        "version": view.text(ONTOLOGY_IRI, OWL.versionInfo),
        "licence": view.values(ONTOLOGY_IRI, DC.license),
        "classes": [entry(t) for t in classes],
        "properties": [entry(t) for t in properties],
        "individuals": [entry(t) for t in individuals],
    }
    title = view.text(ONTOLOGY_IRI, DC.title) or view.label(ONTOLOGY_IRI)
    schema = ontology_schema(ONTOLOGY_IRI, title)
    return Page(ONTOLOGY_PAGE, title, "ontology.html", data, alternates("ontology"), schema)
