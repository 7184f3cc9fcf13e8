"""Split the graph into named graphs by source, described with PROV-O, for the N-Quads and TriG exports.

A node's facts (the triples it is the subject of) belong to the sources in its
``dcterms:source``. The data says which sources back a node, not which of them backs which
fact, so a node with several sources goes, whole, into the graph of that *set* of sources
(``graph/source/a+b``), which ``prov:wasDerivedFrom`` each of them; copying it into each
source's graph would claim every fact for every source. So:

* ``https://w3id.org/aimkg/graph/source/<slug>[+<slug>...]``: the facts of nodes whose
  sources are exactly those (slugs sorted, joined by ``+``, which slugs never contain);
* ``https://w3id.org/aimkg/graph/ontology``: the ontology and its alignment (subjects under
  ``https://w3id.org/aimkg/ontology``), which are aimkg's own;
* ``https://w3id.org/aimkg/graph/aimkg``: every other node without a ``dcterms:source`` —
  the sources' own descriptions, and facts that lack a source (the query
  ``facts-without-source`` lists them);
* the default graph describes the named graphs and nothing else, so the union of the named
  graphs is exactly the exported graph.

To drop a source, drop every graph that ``prov:wasDerivedFrom`` it; to keep only what one
source backs, keep the graphs derived from it. Graphs carry the sources' ``dcterms:issued``
dates rather than a ``prov:generatedAtTime`` of the build, which would make builds differ.
Graph IRIs live outside ``/id/``, whose kinds are fixed (DESIGN.md).

Links: https://www.w3.org/TR/prov-o/#wasDerivedFrom https://www.w3.org/TR/rdf11-datasets/
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, RDFS

from aimkg.core.terms import RDF_TYPE
from aimkg.io.graph import PROV

GRAPH_BASE = "https://w3id.org/aimkg/graph/"
ONTOLOGY_GRAPH = ox.NamedNode(f"{GRAPH_BASE}ontology")
AIMKG_GRAPH = ox.NamedNode(f"{GRAPH_BASE}aimkg")
DATASET = ox.NamedNode("https://w3id.org/aimkg/dataset")
ONTOLOGY_BASE = "https://w3id.org/aimkg/ontology"

SOURCE = ox.NamedNode(DCTERMS.source)
ISSUED = ox.NamedNode(DCTERMS.issued)
IS_PART_OF = ox.NamedNode(DCTERMS.isPartOf)
COMMENT = ox.NamedNode(RDFS.comment)
PROV_ENTITY = ox.NamedNode(PROV.Entity)
DERIVED_FROM = ox.NamedNode(PROV.wasDerivedFrom)
TYPE = ox.NamedNode(RDF_TYPE)

DESCRIPTIONS = {
    ONTOLOGY_GRAPH: "The aimkg ontology and its alignment to other vocabularies.",
    AIMKG_GRAPH: "Statements aimkg makes without a dcterms:source: the descriptions of the sources "
    "themselves, and any node that lacks a source.",
}


def slug(source: ox.NamedNode) -> str:
    return source.value.rstrip("/").rsplit("/", 1)[-1]


def source_graph(sources: frozenset[ox.NamedNode]) -> ox.NamedNode:
    """Name the graph of the facts backed by exactly this set of sources."""
    return ox.NamedNode(f"{GRAPH_BASE}source/{'+'.join(sorted(slug(source) for source in sources))}")


#: A dataset as its graphs: the default graph (``ox.DefaultGraph()``) and named graphs, with their triples.
Graphs = dict[ox.NamedNode | ox.DefaultGraph, list[ox.Triple]]


def provenance_graphs(triples: Iterable[ox.Triple]) -> Graphs:
    """Put each triple in the graph of its subject's sources; describe the graphs in the default graph."""
    triples = list(triples)
    sources_of: dict[ox.NamedNode | ox.BlankNode | ox.Triple, set[ox.NamedNode]] = {}
    issued: dict[ox.NamedNode, list[ox.Literal]] = {}
    for triple in triples:
        predicate = triple.predicate
        if predicate == SOURCE and isinstance(triple.object, ox.NamedNode):
            sources_of.setdefault(triple.subject, set()).add(triple.object)
        elif predicate == ISSUED and isinstance(triple.object, ox.Literal):
            issued.setdefault(triple.subject, []).append(triple.object)  # type: ignore[arg-type]
    graph_of: dict[ox.NamedNode | ox.BlankNode | ox.Triple, ox.NamedNode] = {}
    derived: dict[ox.NamedNode, frozenset[ox.NamedNode]] = {}
    graphs: Graphs = {}
    for triple in triples:
        subject = triple.subject
        graph = graph_of.get(subject)
        if graph is None:
            sources = frozenset(sources_of.get(subject, ()))
            if isinstance(subject, ox.NamedNode) and subject.value.startswith(ONTOLOGY_BASE):
                graph = ONTOLOGY_GRAPH
            elif sources:
                graph = source_graph(sources)
                derived[graph] = sources
            else:
                graph = AIMKG_GRAPH
            graph_of[subject] = graph
        graphs.setdefault(graph, []).append(triple)
    graphs[ox.DefaultGraph()] = describe_graphs(set(graph_of.values()), derived, issued)
    return graphs


def quads(graphs: Graphs) -> list[ox.Quad]:
    """List a dataset's quads."""
    return [ox.Quad(t.subject, t.predicate, t.object, graph) for graph, triples in graphs.items() for t in triples]


def describe_graphs(
    graphs: set[ox.NamedNode],
    derived: dict[ox.NamedNode, frozenset[ox.NamedNode]],
    issued: dict[ox.NamedNode, list[ox.Literal]],
) -> list[ox.Triple]:
    """Describe each named graph: a prov:Entity, part of the dataset, derived from its sources."""
    triples = []
    for graph in graphs:
        triples += [ox.Triple(graph, TYPE, PROV_ENTITY), ox.Triple(graph, IS_PART_OF, DATASET)]
        if graph in DESCRIPTIONS:
            triples.append(ox.Triple(graph, COMMENT, ox.Literal(DESCRIPTIONS[graph], language="en")))
        for source in derived.get(graph, ()):
            triples.append(ox.Triple(graph, DERIVED_FROM, source))
            triples += [ox.Triple(source, ISSUED, date) for date in issued.get(source, ())]
    return list(dict.fromkeys(triples))  # a source shared by several graphs is described once
