"""The ontology's page: every class, property and named individual, with how it aligns to other vocabularies."""

from __future__ import annotations

from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from aimkg.io.graph import AIMKG, ONTOLOGY_IRI
from aimkg.publish.schema_org import ontology_schema
from aimkg.publish.views import ONTOLOGY_PAGE, Page, Value, View, alternates

#: How the ontology page names the alignment predicates.
ALIGNMENT_NAMES = {
    RDFS.subClassOf: "subclass of",
    RDFS.subPropertyOf: "subproperty of",
    OWL.equivalentClass: "equivalent class",
    OWL.equivalentProperty: "equivalent property",
    OWL.sameAs: "same as",
    SKOS.closeMatch: "close match",
    SKOS.exactMatch: "exact match",
}


def ontology_page(graph: Graph) -> Page:
    """Document every class, property and named individual of the ontology, with its alignment."""
    view = View(graph, ONTOLOGY_PAGE)
    terms = sorted({s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(str(AIMKG))}, key=str)

    def entry(term: URIRef) -> dict[str, Any]:
        alignment = [(name, view.values(term, predicate)) for predicate, name in ALIGNMENT_NAMES.items()]
        return {
            "id": term[len(AIMKG) :],
            "iri": str(term),
            "label": view.label(term),
            "comment": view.texts(term, RDFS.comment),
            "types": view.values(term, RDF.type),
            "domain": view.cell(term, RDFS.domain).values if view.first(term, RDFS.domain) else (Value("any"),),
            "range": view.cell(term, RDFS.range).values if view.first(term, RDFS.range) else (Value("any"),),
            "alignment": [(name, values) for name, values in alignment if values],
        }

    classes = [t for t in terms if (t, RDF.type, OWL.Class) in graph]
    properties = [t for t in terms if set(graph.objects(t, RDF.type)) & {OWL.ObjectProperty, OWL.DatatypeProperty}]
    individuals = [t for t in terms if t not in classes and t not in properties]
    ontology = ONTOLOGY_IRI
    data = {
        "iri": str(ontology),
        "comment": view.texts(ontology, RDFS.comment),
        "version": view.text(ontology, OWL.versionInfo),
        "licence": view.values(ontology, DCTERMS.license),
        "classes": [entry(t) for t in classes],
        "properties": [entry(t) for t in properties],
        "individuals": [entry(t) for t in individuals],
    }
    title = view.text(ontology, DCTERMS.title) or view.label(ontology)
    return Page(ONTOLOGY_PAGE, title, "ontology.html", data, alternates("ontology"), ontology_schema(ontology, title))
