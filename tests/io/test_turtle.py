"""The fast Turtle and TriG writers: Turtle identical to aimkg.io.canonical's, named graphs that round-trip."""

from __future__ import annotations

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st

from aimkg.io.canonical import canonical_turtle
from aimkg.io.graph import graph_of
from aimkg.io.ntriples import nquads
from aimkg.io.turtle import trig, turtle
from benchmarks.synthetic import synthetic_triples

EX = "https://w3id.org/aimkg/id/version/"
XSD = "http://www.w3.org/2001/XMLSchema#"


def parse(text: str | bytes, fmt: ox.RdfFormat) -> set[ox.Triple]:
    return {quad.triple for quad in ox.parse(text.encode() if isinstance(text, str) else text, format=fmt)}


def test_turtle_is_the_canonical_form_on_bundled_data(bundled_triples: list[ox.Triple]) -> None:
    assert turtle(bundled_triples) == canonical_turtle(graph_of(bundled_triples))


def test_turtle_is_the_canonical_form_on_synthetic_data() -> None:
    triples = synthetic_triples(3000, seed=7)
    assert turtle(triples) == canonical_turtle(graph_of(triples))


def test_turtle_keeps_lexical_forms_exact() -> None:
    subject, predicate = ox.NamedNode(f"{EX}a"), ox.NamedNode("https://w3id.org/aimkg/ontology#amount")
    lexicals = {"8.10": "decimal", "10": "decimal", "007": "integer", "1.0E3": "double", "1": "boolean"}
    triples = [
        ox.Triple(subject, predicate, ox.Literal(lexical, datatype=ox.NamedNode(f"{XSD}{datatype}")))
        for lexical, datatype in lexicals.items()
    ]
    text = turtle(triples)
    assert "8.10 ," in text and '"10"^^xsd:decimal' in text and '"1"^^xsd:boolean' in text
    assert parse(text, ox.RdfFormat.TURTLE) == set(triples)


def halves(triples: list[ox.Triple]) -> dict[ox.NamedNode | ox.DefaultGraph, list[ox.Triple]]:
    return {ox.DefaultGraph(): triples[::2], ox.NamedNode("https://w3id.org/aimkg/graph/x"): triples[1::2]}


def test_nquads_and_trig_round_trip_named_graphs(bundled_triples: list[ox.Triple]) -> None:
    graphs = halves(bundled_triples)
    expected = {ox.Quad(t.subject, t.predicate, t.object, g) for g, triples in graphs.items() for t in triples}
    assert set(ox.parse(trig(graphs).encode(), format=ox.RdfFormat.TRIG)) == expected
    lines = nquads(graphs).decode().splitlines()
    assert lines == sorted(lines) and set(ox.parse(nquads(graphs), format=ox.RdfFormat.N_QUADS)) == expected
    assert nquads({g: triples[::-1] for g, triples in graphs.items()}) == nquads(graphs)


def test_blank_nodes_fall_back_to_rdflib() -> None:
    triple = ox.Triple(ox.NamedNode(f"{EX}a"), ox.NamedNode(f"{EX}p"), ox.BlankNode())
    assert turtle([triple]) == canonical_turtle(graph_of([triple]))


text_values = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
decimals = st.decimals(allow_nan=False, allow_infinity=False, places=4).map(str)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(text_values, decimals), min_size=1, max_size=5), st.sampled_from(["", "en", "fr"]))
def test_turtle_round_trips_any_literal(values: list[str], language: str) -> None:
    subject, predicate = ox.NamedNode(f"{EX}a"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
    literals = [
        ox.Literal(v, datatype=ox.NamedNode(f"{XSD}decimal"))
        if v.replace(".", "").replace("-", "").isdigit()
        else ox.Literal(v, language=language or None)
        for v in values
    ]
    triples = {ox.Triple(subject, predicate, literal) for literal in literals}
    assert parse(turtle(triples), ox.RdfFormat.TURTLE) == triples
    assert turtle(triples) == turtle(reversed(list(triples)))
