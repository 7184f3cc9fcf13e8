"""Read RDF files into one rdflib graph: the bundled ontology and data, plus any the user gives.

Files are parsed with pyoxigraph, whose errors carry line and column, and converted to rdflib
terms, which pySHACL and the rest of the API work on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from aimkg.errors import InputError
from aimkg.namespaces import new_graph
from aimkg.resources import data_files, ontology_files

XSD_STRING = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")

#: File suffixes aimkg reads, and the RDF syntax each one means.
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}


def rdf_format(path: Path) -> ox.RdfFormat:
    """Return the RDF syntax of a file from its suffix."""
    try:
        return RDF_FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(RDF_FORMATS))
        raise InputError(f"{path}: unknown RDF file type {path.suffix!r}; use one of {known}") from None


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
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise InputError(f"unsupported RDF term {term!r} (RDF-star triple terms are not supported)")


def parse_quads(path: Path) -> Iterator[ox.Quad]:
    """Yield the quads of one RDF file, turning parse failures into an InputError naming file and line."""
    fmt = rdf_format(path)
    try:
        with path.open("rb") as stream:
            yield from ox.parse(stream, format=fmt, base_iri=path.resolve().as_uri())
    except SyntaxError as error:
        reason = str(error.msg).split(" (", 1)[0] if error.msg else str(error)
        raise InputError(f"{path}: line {error.lineno}: {reason}") from error
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from error


def read_into(graph: Graph, path: Path) -> Graph:
    """Add the triples of one RDF file (all its graphs, for quad formats) to ``graph``."""
    add = graph.add
    for quad in parse_quads(Path(path)):
        add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))  # type: ignore[arg-type]
    return graph


def read_graph(paths: Iterable[Path]) -> Graph:
    """Read RDF files into one new graph."""
    graph = new_graph()
    for path in paths:
        read_into(graph, path)
    return graph


def bundled_files() -> list[Path]:
    """Return the ontology and data files shipped with the package."""
    return ontology_files() + data_files()


def load(extra: Iterable[Path] = ()) -> Graph:
    """Return one graph of the bundled ontology and data, plus any extra RDF files."""
    return read_graph([*bundled_files(), *extra])
