"""Validate a whole imported catalog against aimkg's shapes, with the bundled ontology and data.

pySHACL's time grows faster than linearly with the size of the data graph (its SPARQL-based
shapes run one query per focus node), so a catalog of 200,000 triples does not finish in
hours as one graph. It is validated in chunks instead: each chunk is the bundled graph plus a
group of versions with every node they reach (their model, provider, prices, endpoints,
successors, ... and the source), and, for each price, every version that claims it (the one
inverse path the shapes count). Every shape of aimkg is about one node and the nodes it links
to, so a graph whose chunks all conform conforms as a whole.

The chunks are checked by pySHACL with a pyoxigraph store as the data graph, which runs the
SPARQL-based shapes far faster than rdflib's engine. pySHACL's pyoxigraph adapter reads simple
literals as explicit ``xsd:string`` literals, so the shapes graph is read the same way (else
``sh:in ("USD" ...)`` would never match).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cache

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from aimkg.load import bundled_files, parse_quads
from aimkg.namespaces import AIMKG
from aimkg.resources import shapes_files
from aimkg.validate import ValidationReport, read_results

#: Versions per chunk: small enough for pySHACL's superlinear cost, large enough to share the bundled graph.
CHUNK_VERSIONS = 150


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert one rdflib term to pyoxigraph."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def explicit(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """Convert a pyoxigraph term to rdflib keeping ``xsd:string`` explicit, as pySHACL's adapter does."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


@cache
def shapes_for_oxigraph() -> Graph:
    """The bundled shapes, with simple literals typed ``xsd:string`` explicitly."""
    graph = Graph()
    for path in shapes_files():
        for quad in parse_quads(path):
            graph.add((explicit(quad.subject), explicit(quad.predicate), explicit(quad.object)))  # type: ignore[arg-type]
    return graph


@cache
def bundled_quads() -> tuple[ox.Quad, ...]:
    return tuple(quad for path in bundled_files() for quad in parse_quads(path))


def chunks(graph: Graph, size: int = CHUNK_VERSIONS) -> list[set[Node]]:
    """Group the graph's subjects into chunks that each hold every node their members link to."""
    links: dict[Node, list[Node]] = defaultdict(list)
    claimed_by: dict[Node, list[Node]] = defaultdict(list)
    for subject, predicate, obj in graph:
        if isinstance(obj, URIRef | BNode):
            links[subject].append(obj)
            if predicate == AIMKG.price:
                claimed_by[obj].append(subject)
    described = set(graph.subjects())

    def closure(seeds: Iterable[Node]) -> set[Node]:
        found: set[Node] = set()
        todo = [seed for seed in seeds if seed in described]
        while todo:
            node = todo.pop()
            if node in found:
                continue
            found.add(node)
            todo += [other for other in (*links[node], *claimed_by[node]) if other in described]
        return found

    versions = sorted(graph.subjects(RDF.type, AIMKG.Version), key=str)
    groups = [closure(versions[start : start + size]) for start in range(0, len(versions), size)]
    covered = set().union(*groups) if groups else set()
    rest = sorted(described - covered, key=str)
    groups += [closure(rest[start : start + size]) for start in range(0, len(rest), size)]
    return groups


def validate_import(
    graph: Graph, tick: Callable[[int], None] | None = None, groups: list[set[Node]] | None = None
) -> ValidationReport:
    """Validate an imported graph together with the bundled ontology and data, chunk by chunk."""
    import pyshacl

    results = set()
    for members in groups if groups is not None else chunks(graph):
        store = ox.Store()
        store.extend(bundled_quads())
        store.extend(
            ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o))  # type: ignore[arg-type]
            for member in members
            for s, p, o in graph.triples((member, None, None))
        )
        _, report, _ = pyshacl.validate(
            store,  # type: ignore[arg-type]  # pySHACL accepts a pyoxigraph Store; its hints omit it
            shacl_graph=shapes_for_oxigraph(),
            inference="none",
            advanced=True,
            allow_warnings=True,
        )
        results.update(read_results(report))
        if tick is not None:
            tick(1)
    return ValidationReport(sorted(results))
