"""The graph as the pages read it: literals as written, descriptions, labels, entities."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from aimkg.core.terms import XSD
from aimkg.io.graph import read_graph, to_ox
from aimkg.publish.graph import A, SiteGraph, lexical_store, restore
from aimkg.publish.rdf import Entity
from tests.helpers.servers import described, entities
from tests.publish.conftest import SONNET, catalog_sources

MEDIUM_OUTPUT = "https://w3id.org/aimkg/id/price/mistral-ai--mistral-medium-2312--output--artificial-analysis"


def test_literals_keep_the_form_they_were_written_in(site_graph: SiteGraph) -> None:
    # pyoxigraph's own store would give 8.1: the pages and data files must show the data's 8.10
    (amount,) = site_graph.objects(MEDIUM_OUTPUT, A.amount)
    assert amount == ox.Literal("8.10", datatype=ox.NamedNode(f"{XSD}decimal"))
    (maximum,) = site_graph.objects("https://w3id.org/aimkg/id/benchmark/mt-bench", A.scaleMax)
    assert maximum.value == "10.0"
    plain = ox.Store()
    plain.load(b'<urn:a> <urn:b> "8.10"^^<http://www.w3.org/2001/XMLSchema#decimal> .', ox.RdfFormat.N_TRIPLES)
    assert next(iter(plain)).object.value == "8.1", "pyoxigraph no longer canonicalises: lexical_store may go"


def test_restore_leaves_other_terms_alone() -> None:
    for term in (ox.NamedNode("urn:a"), ox.Literal("x"), ox.Literal("y", language="en")):
        assert restore(term) == term


def test_every_description_is_the_symmetric_bounded_description() -> None:
    graph = SiteGraph(lexical_store(catalog_sources()))
    rdflib_graph: Graph = read_graph(catalog_sources())
    found = entities(rdflib_graph)
    assert sorted(graph.entities()) == found
    for entity in found:
        expected = {ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in described(rdflib_graph, entity.iri)}
        assert set(graph.description(entity.iri)) == expected, entity.path


def test_labels_prefer_english(tmp_path: Path) -> None:
    data = tmp_path / "labels.ttl"
    data.write_text(
        '<urn:x> <http://www.w3.org/2000/01/rdf-schema#label> "Zed"@en , "Aah"@fr , "Bee"@en .\n'
        '<urn:y> <http://www.w3.org/2000/01/rdf-schema#label> "Only"@de .\n'
    )
    graph = SiteGraph(lexical_store([data]))
    assert graph.labels == {"urn:x": "Bee", "urn:y": "Only"}


def test_facts_incoming_and_subjects(site_graph: SiteGraph) -> None:
    served = site_graph.subjects(A.serves, SONNET)
    assert [iri.rsplit("/", 1)[1] for iri in served] == [
        "amazon-bedrock--anthropic.claude-sonnet-4-20250514-v1-0",
        "amazon-bedrock--eu.anthropic.claude-sonnet-4-20250514-v1-0",
        "anthropic--claude-sonnet-4-20250514",
    ]
    pointing = {predicate.rsplit("#", 1)[1] for _, predicate in site_graph.incoming(SONNET)}
    assert pointing == {"serves"}  # its replacement is a fact of its own, not a link to it
    assert Entity("version", "claude-sonnet-4-20250514") in site_graph.entities()
