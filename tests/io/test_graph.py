"""Read RDF into one rdflib graph: the bundled files plus extra ones, errors naming file and line, term conversions."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from aimkg.core.errors import InputError
from aimkg.io.graph import AIMKG, load, read_graph, to_ox, to_rdflib


def test_load_merges_ontology_and_data(bundled_graph: Graph) -> None:
    assert (AIMKG.Version, None, None) in bundled_graph
    assert (URIRef("https://w3id.org/aimkg/id/version/mistral-medium-2312"), None, None) in bundled_graph


def test_load_adds_extra_files(tmp_path: Path) -> None:
    extra = tmp_path / "extra.nt"
    extra.write_text('<https://example.org/a> <https://example.org/b> "c" .\n')
    graph = load([extra])
    assert (URIRef("https://example.org/a"), URIRef("https://example.org/b"), Literal("c")) in graph


def test_parse_error_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <https://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n')
    with pytest.raises(InputError, match=r"bad\.ttl: line 3"):
        read_graph([bad])


def test_unknown_suffix_is_refused(tmp_path: Path) -> None:
    odd = tmp_path / "data.csv"
    odd.write_text("a,b\n")
    with pytest.raises(InputError, match=r"data\.csv: unknown RDF file type"):
        read_graph([odd])


def test_term_conversions_are_each_others_inverse(bundled_triples: list[ox.Triple]) -> None:
    terms = {term for triple in bundled_triples for term in (triple.subject, triple.predicate, triple.object)}
    terms |= {ox.BlankNode("b0"), ox.Literal("plain"), ox.Literal("chat", language="fr")}
    xsd = "http://www.w3.org/2001/XMLSchema#"  # lexical forms rdflib would rewrite ("8.1", "8") unless told not to
    terms |= {
        ox.Literal("8.1e0", datatype=ox.NamedNode(xsd + "double")),
        ox.Literal("08", datatype=ox.NamedNode(xsd + "integer")),
    }
    assert {to_ox(to_rdflib(term)) for term in terms} == terms
    nodes = {to_rdflib(term) for term in terms}
    assert {to_rdflib(to_ox(node)) for node in nodes} == nodes
