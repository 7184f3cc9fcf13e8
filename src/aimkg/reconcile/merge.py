"""Merge RDF graphs without losing or conflating nodes.

The merge is the RDF merge of the inputs (https://www.w3.org/TR/rdf11-mt/#shared-blank-nodes-unions-and-merges):
blank nodes are standardised apart, so that ``_:b0`` in one file and ``_:b0`` in another stay
two nodes, while IRIs and literals are shared and duplicate triples collapse. The result has
exactly as many triples as the union of the inputs after that renaming.

Blank nodes are renamed ``i<input>b<n>``, numbered by first appearance in each file, so the
same files in the same order always give the same labels, hence byte-identical output. A file
given twice is read once (merging a graph with itself changes nothing).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph
from rdflib.term import Node

from aimkg.core.errors import InputError
from aimkg.io.graph import new_graph, to_rdflib
from aimkg.io.read import parse_quads

Triple = tuple[Node, Node, Node]


def distinct_inputs(paths: Iterable[Path]) -> list[Path]:
    """Drop repeated paths (the same file named twice), keeping the first occurrence."""
    seen: set[Path] = set()
    unique = []
    for path in paths:
        resolved = Path(path).resolve()
        if resolved not in seen:
            seen.add(resolved)
            unique.append(Path(path))
    return unique


def standardised_triples(path: Path, index: int) -> Iterator[Triple]:
    """Yield a file's triples with its blank nodes renamed apart from every other input's."""
    names: dict[str, BNode] = {}

    def rename(term: object) -> Node:
        if isinstance(term, ox.BlankNode):
            if term.value not in names:
                names[term.value] = BNode(f"i{index}b{len(names)}")
            return names[term.value]
        if isinstance(term, ox.NamedNode | ox.Literal):
            return to_rdflib(term)
        raise InputError(f"{path}: RDF-star triple terms are not supported")

    for quad in parse_quads(path):
        yield rename(quad.subject), rename(quad.predicate), rename(quad.object)


def merge(paths: Iterable[Path], graph: Graph | None = None) -> Graph:
    """Return the RDF merge of the given files (any syntax ``aimkg.load`` reads)."""
    merged = graph if graph is not None else new_graph()
    for index, path in enumerate(distinct_inputs(paths)):
        for triple in standardised_triples(path, index):
            merged.add(triple)
    return merged
