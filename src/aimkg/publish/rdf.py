"""The graph, cut and serialised the way publishing needs it: per entity, per ontology, as a whole.

Serialisations go through ``serialise()`` only, so that they can move to ``aimkg.export`` (the
exports work) without touching the site or the server.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from aimkg.canonical import canonical_turtle
from aimkg.namespaces import ENTITY_KINDS, ID_BASE, ONTOLOGY_IRI, PREFIXES, SLUG_PATTERN, new_graph

#: The data files written beside every page, by file suffix, with their media types.
DATA_FORMATS: dict[str, str] = {
    ".ttl": "text/turtle",
    ".jsonld": "application/ld+json",
    ".nt": "application/n-triples",
}
HTML = "text/html"
#: Every representation of a page, in the order content negotiation prefers them for */*.
REPRESENTATIONS: dict[str, str] = {".html": HTML, **DATA_FORMATS}


@dataclass(frozen=True, order=True)
class Entity:
    """One entity IRI of the graph: ``https://w3id.org/aimkg/id/<kind>/<slug>``."""

    kind: str
    slug: str

    @property
    def iri(self) -> URIRef:
        return URIRef(f"{ID_BASE}{self.kind}/{self.slug}")

    @property
    def path(self) -> str:
        """The site path of the entity, without suffix: ``id/version/mistral-medium-2312``."""
        return f"id/{self.kind}/{self.slug}"


def as_entity(node: object) -> Entity | None:
    """Return the Entity an IRI names, or None when it is not an aimkg entity IRI."""
    if not isinstance(node, URIRef) or not node.startswith(ID_BASE):
        return None
    kind, _, slug = node[len(ID_BASE) :].partition("/")
    if kind in ENTITY_KINDS and SLUG_PATTERN.fullmatch(slug):
        return Entity(kind, slug)
    return None


def entities(graph: Graph) -> list[Entity]:
    """Return every typed entity of the graph, sorted by kind and slug."""
    found = {as_entity(subject) for subject in graph.subjects(RDF.type, None)}
    return sorted(entity for entity in found if entity is not None)


def describe(graph: Graph, iri: URIRef) -> Graph:
    """Return an entity's description: the triples about it and those of other entities pointing to it.

    This is the symmetric concise bounded description (no blank nodes exist to follow), so that a
    program that reads a version's data also finds the endpoints that serve it and its results.
    """
    description = new_graph()
    for triple in graph.triples((iri, None, None)):
        description.add(triple)
    for subject, predicate in graph.subject_predicates(iri):
        if as_entity(subject) is not None:
            description.add((subject, predicate, iri))
    return description


def ontology_graph(graph: Graph) -> Graph:
    """Return the ontology and its alignment: every triple about a term of ``https://w3id.org/aimkg/ontology``."""
    ontology = new_graph()
    for triple in graph:
        if str(triple[0]).startswith(str(ONTOLOGY_IRI)):
            ontology.add(triple)
    return ontology


def sorted_triples(graph: Graph) -> Iterator[ox.Triple]:
    """Yield a graph's triples as pyoxigraph terms, in a stable order."""
    for subject, predicate, obj in sorted(graph):
        yield ox.Triple(to_ox(subject), to_ox(predicate), to_ox(obj))  # type: ignore[arg-type]


def to_ox(node: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert one rdflib term to pyoxigraph."""
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    return ox.BlankNode(str(node))


def serialise(graph: Graph, media_type: str) -> bytes:
    """Serialise a graph deterministically as Turtle, N-Triples or JSON-LD (a media type of DATA_FORMATS)."""
    if media_type == "text/turtle":
        return canonical_turtle(graph).encode("utf-8")
    if media_type == "application/n-triples":
        return ox.serialize(sorted_triples(graph), format=ox.RdfFormat.N_TRIPLES) or b""
    if media_type == "application/ld+json":
        return jsonld(graph)
    raise ValueError(f"cannot serialise as {media_type}")


def jsonld(graph: Graph) -> bytes:
    """Write JSON-LD compacted with aimkg's prefixes as its context, keys and nodes sorted."""
    used = {str(term) for triple in graph for term in triple if isinstance(term, URIRef)}
    used |= {str(term.datatype) for term in graph.objects() if isinstance(term, Literal) and term.datatype}
    context = {
        prefix: namespace
        for prefix, namespace in sorted(PREFIXES.items())
        if any(term.startswith(namespace) for term in used)
    }
    text = graph.serialize(format="json-ld", context=context, auto_compact=True)
    document = json.loads(text)
    nodes = document.get("@graph", [document]) if isinstance(document, dict) else document
    for node in nodes:
        node.pop("@context", None)
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=sort_key)
    result = {"@context": context, "@graph": sorted(nodes, key=sort_key)}
    return (json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def sort_key(value: object) -> str:
    return json.dumps(value, sort_keys=True)


def to_store(graph: Graph) -> ox.Store:
    """Load a graph into an in-memory pyoxigraph Store (the embedded SPARQL engine)."""
    store = ox.Store()
    store.extend(ox.Quad(triple.subject, triple.predicate, triple.object) for triple in sorted_triples(graph))
    return store
