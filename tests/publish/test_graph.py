"""The graph as the pages read it: literals as written, descriptions, labels, entities."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph

from aimkg.core.errors import InputError
from aimkg.core.limits import InputLimits
from aimkg.core.terms import RDF, XSD
from aimkg.core.terms import RDFS as RDFS_IRI
from aimkg.io.graph import read_graph, to_ox
from aimkg.io.read import parse_quads
from aimkg.publish import graph as graph_module
from aimkg.publish.graph import A, SiteGraph, as_written, lexical_store, restore
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


TYPED = (
    '<urn:s> <urn:p> "8.10"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n'
    '<urn:s> <urn:p> "2024-02-29"^^<http://www.w3.org/2001/XMLSchema#date> .\n'
    '<urn:s> <urn:p> "01"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
    '<urn:s> <urn:p> "USD"^^<http://www.w3.org/2001/XMLSchema#string> .\n'
    '<urn:s> <urn:p> "a \\\\"^^<http://www.w3.org/2001/XMLSchema#token> .\n'  # an escaped backslash, then the end
    '<urn:s> <urn:p> "Mistral"@en .\n'
)
#: A literal whose text holds what reads like the end of a typed literal: the file is read quad by quad.
QUOTED = '<urn:s> <urn:p> "x\\"^^<http://www.w3.org/2001/XMLSchema#decimal> \\"" .\n'


def quad_by_quad(path: Path) -> set[ox.Quad]:
    store = ox.Store()
    store.extend(as_written(parse_quads(path)))
    return set(store)


def test_n_triples_are_rewritten_in_their_bytes_and_load_as_read_quad_by_quad(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "typed.nt"
    data.write_text(TYPED, encoding="utf-8")
    expected = quad_by_quad(data)
    monkeypatch.setattr(graph_module, "parse_checked", None)  # the bytes' path only: nothing is read quad by quad
    store = lexical_store([data])
    assert set(store) == expected and len(expected) == 6
    graph = SiteGraph.of(store)
    assert {restore(term).value for term in graph.objects("urn:s", "urn:p")} >= {"8.10", "01", "a \\"}
    assert ox.Literal("USD") in graph.objects("urn:s", "urn:p"), "xsd:string is a plain string, as pyoxigraph reads it"


def test_n_triples_whose_literal_reads_like_a_datatype_are_read_quad_by_quad(tmp_path: Path) -> None:
    data = tmp_path / "quoted.nt"
    data.write_text(QUOTED + TYPED, encoding="utf-8")
    assert graph_module.lexical_lines(data.read_bytes()) is None
    assert set(lexical_store([data])) == quad_by_quad(data)
    assert ox.Literal('x"^^<http://www.w3.org/2001/XMLSchema#decimal> "') in SiteGraph.of(
        lexical_store([data])
    ).objects("urn:s", "urn:p")


def test_n_triples_with_an_escaped_iri_are_read_quad_by_quad(tmp_path: Path) -> None:
    data = tmp_path / "escaped.nt"
    data.write_text('<urn:s> <urn:p> "8.10"^^<http://www.w3.org/2001/XMLSchema\\u0023decimal> .\n')
    assert graph_module.lexical_lines(data.read_bytes()) is None
    (amount,) = SiteGraph.of(lexical_store([data])).objects("urn:s", "urn:p")
    assert amount == ox.Literal("8.10", datatype=ox.NamedNode(f"{XSD}decimal"))


def test_broken_n_triples_are_named_at_the_line_and_column_of_their_bytes(tmp_path: Path) -> None:
    data = tmp_path / "broken.nt"
    data.write_text(TYPED + '<urn:s> <urn:p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> "2" .\n')
    with pytest.raises(InputError) as quad_by_quad_error:
        quad_by_quad(data)
    with pytest.raises(InputError) as bytes_error:
        lexical_store([data])
    assert str(bytes_error.value) == str(quad_by_quad_error.value)
    assert "line 7" in str(bytes_error.value)


def test_n_triples_with_a_literal_over_the_limit_are_refused(tmp_path: Path) -> None:
    data = tmp_path / "long.nt"
    data.write_text(TYPED + f'<urn:s> <urn:p> "{"x" * 300}" .\n')
    with pytest.raises(InputError, match=r"long\.nt"):
        lexical_store([data], InputLimits(max_literal_chars=200))


def test_restore_leaves_other_terms_alone() -> None:
    for term in (ox.NamedNode("urn:a"), ox.Literal("x"), ox.Literal("y", language="en")):
        assert restore(term) == term


def test_every_description_is_the_symmetric_bounded_description() -> None:
    graph = SiteGraph.of(lexical_store(catalog_sources()))
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
    graph = SiteGraph.of(lexical_store([data]))
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


LITERALS = st.one_of(
    st.builds(ox.Literal, st.text()),
    st.builds(lambda text, tag: ox.Literal(text, language=tag), st.text(), st.sampled_from(["en", "fr", "en-gb"])),
    st.builds(
        lambda text, name: ox.Literal(text, datatype=ox.NamedNode(name)),
        st.text(),
        st.sampled_from([f"{graph_module.LEXICAL}decimal", f"{graph_module.LEXICAL}date", "urn:type"]),
    ),
)


@given(st.lists(LITERALS, min_size=1, max_size=5))
@settings(max_examples=200, deadline=None)
def test_the_lines_read_back_as_the_store_holds_them(literals: list[ox.Literal]) -> None:
    store = ox.Store()
    store.extend(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), literal) for literal in literals)
    store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:link"), ox.NamedNode("urn:o")))
    expected = [restore(quad.object) for quad in store.quads_for_pattern(ox.NamedNode("urn:s"), None, None)]
    facts = SiteGraph.of(store).facts("urn:s")
    assert [term for terms in facts.values() for term in terms] == expected


def test_a_node_stated_in_two_files_has_all_its_facts(tmp_path: Path) -> None:
    first, second = tmp_path / "first.ttl", tmp_path / "second.nt"
    first.write_text(
        "<https://w3id.org/aimkg/id/model/m> a <https://w3id.org/aimkg/ontology#Model> .\n"
        "<urn:other> <urn:p> <https://w3id.org/aimkg/id/model/m> .\n"
        "_:blank <urn:p> <https://w3id.org/aimkg/id/model/m> .\n"
    )
    second.write_text('<https://w3id.org/aimkg/id/model/m> <http://www.w3.org/2000/01/rdf-schema#label> "M" .\n')
    graph = SiteGraph.of(lexical_store([first, second]))
    model = "https://w3id.org/aimkg/id/model/m"
    assert len(graph.index.subject_runs(f"<{model}>")) == 2, "the two files' lines are apart in the dump"
    assert set(graph.facts(model)) == {f"{RDF}type", f"{RDFS_IRI}label"}
    assert graph.entities() == [Entity("model", "m")]
    assert graph.subjects("urn:p", model) == ["urn:other"], "a blank node is no subject to list"
    assert graph.incoming(model) == [], "urn:other is no entity"
    assert graph.labels == {model: "M"}
