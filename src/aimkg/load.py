"""Read RDF files into one rdflib graph: the bundled ontology and data, plus any the user gives.

Files are parsed with pyoxigraph, whose errors carry line and column, and converted to rdflib
terms, which pySHACL and the rest of the API work on.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from aimkg.errors import InputError
from aimkg.limits import DEFAULT_LIMITS, Limits
from aimkg.namespaces import new_graph
from aimkg.rdfio import RDF_FORMATS, bundled_files, parse_quads, rdf_format

__all__ = [
    "RDF_FORMATS",
    "bundled_files",
    "graph_of",
    "load",
    "parse_quads",
    "rdf_format",
    "read_graph",
    "read_into",
    "to_ox",
    "to_rdflib",
]

XSD_STRING = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")


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


def read_into(graph: Graph, path: Path, limits: Limits = DEFAULT_LIMITS) -> Graph:
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


def read_graph(paths: Iterable[Path], limits: Limits = DEFAULT_LIMITS) -> Graph:
    """Read RDF files into one new graph."""
    graph = new_graph()
    for path in paths:
        read_into(graph, path, limits)
    return graph


def load(extra: Iterable[Path] = (), limits: Limits = DEFAULT_LIMITS) -> Graph:
    """Return one graph of the bundled ontology and data, plus any extra RDF files."""
    return read_graph([*bundled_files(), *extra], limits)
