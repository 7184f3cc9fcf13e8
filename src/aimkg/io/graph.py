"""Read RDF files into one rdflib graph, the form pySHACL and the page views work on.

Files are parsed with pyoxigraph (``aimkg.io.read``), whose errors carry line and column, and
converted to rdflib terms here. The rdflib namespaces live here too, built from the strings
of ``aimkg.core.terms``, so that only code that already needs rdflib imports it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from aimkg.core import terms
from aimkg.core.errors import InputError
from aimkg.core.limits import DEFAULT_LIMITS, InputLimits
from aimkg.io.read import bundled_files, parse_quads

AIMKG = Namespace(terms.AIMKG)
SCHEMA = Namespace(terms.SCHEMA)
PROV = Namespace(terms.PROV)
DCAT = Namespace(terms.DCAT)
VOID = Namespace(terms.VOID)
ONTOLOGY_IRI = URIRef(terms.ONTOLOGY_IRI)

XSD_STRING = ox.NamedNode(terms.XSD_STRING)


def entity_iri(kind: str, slug: str) -> URIRef:
    """Return the IRI of an entity as an rdflib term (``aimkg.core.terms.entity_iri`` checks it)."""
    return URIRef(terms.entity_iri(kind, slug))


def new_graph() -> Graph:
    """Return an empty graph that binds exactly aimkg's prefixes."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in terms.PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.DefaultGraph) -> Node:
    """Convert one pyoxigraph term to its rdflib equivalent."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype == XSD_STRING:
            return Literal(term.value)  # RDF 1.1: a simple literal is an xsd:string; rdflib keeps them apart
        # normalize=False keeps the lexical form as written ("8.1e0", "08"), as pyoxigraph and turbo do
        return Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False)
    raise InputError(f"unsupported RDF term {term!r} (RDF-star triple terms are not supported)")


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert one rdflib term to its pyoxigraph equivalent (the inverse of to_rdflib)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype) if term.datatype else XSD_STRING)
    raise InputError(f"unsupported RDF term {term!r}")


def ox_triples(graph: Graph) -> list[ox.Triple]:
    """Convert an rdflib graph into pyoxigraph triples, which aimkg's writers take."""
    return [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph]  # type: ignore[arg-type]


def read_into(graph: Graph, path: Path, limits: InputLimits = DEFAULT_LIMITS) -> Graph:
    """Add the triples of one RDF file (all its graphs, for quad formats) to ``graph``."""
    add = graph.add
    for quad in parse_quads(Path(path), limits):
        add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))  # type: ignore[arg-type]
    return graph


def graph_of(triples: Iterable[ox.Triple]) -> Graph:
    """Convert pyoxigraph triples into a new rdflib graph (for pySHACL)."""
    graph = new_graph()
    add = graph.add
    for triple in triples:
        add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))  # type: ignore[arg-type]
    return graph


def read_graph(paths: Iterable[Path], limits: InputLimits = DEFAULT_LIMITS) -> Graph:
    """Read RDF files into one new graph."""
    graph = new_graph()
    for path in paths:
        read_into(graph, path, limits)
    return graph


def load(extra: Iterable[Path] = (), limits: InputLimits = DEFAULT_LIMITS) -> Graph:
    """Return one graph of the bundled ontology and data, plus any extra RDF files."""
    return read_graph([*bundled_files(), *extra], limits)
