"""Named graphs by source: every fact in one graph, graphs described with PROV-O, a source can be dropped."""

from __future__ import annotations

import pyoxigraph as ox

from aimkg.export.provenance import AIMKG_GRAPH, ONTOLOGY_GRAPH, provenance_graphs, quads, source_graph

ID = "https://w3id.org/aimkg/id/"
SEED = ox.NamedNode(f"{ID}source/seed-mistral-medium-2023")
LITELLM = ox.NamedNode(f"{ID}source/litellm-1.110.2")
DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"


def test_every_triple_is_in_exactly_one_named_graph(bundled_triples: list[ox.Triple]) -> None:
    named = [q for q in quads(provenance_graphs(bundled_triples)) if not isinstance(q.graph_name, ox.DefaultGraph)]
    assert sorted(str(q.triple) for q in named) == sorted(str(t) for t in bundled_triples)


def test_a_node_goes_to_the_graph_of_its_sources(bundled_triples: list[ox.Triple]) -> None:
    graphs = {q.subject.value: q.graph_name for q in quads(provenance_graphs(bundled_triples))}
    assert graphs[f"{ID}version/mistral-medium-2312"] == source_graph(frozenset({SEED}))
    assert graphs[f"{ID}version/mistral-large-2402"] == source_graph(frozenset({SEED, LITELLM}))
    assert graphs[f"{ID}source/seed-mistral-medium-2023"] == AIMKG_GRAPH
    assert graphs["https://w3id.org/aimkg/ontology#Version"] == ONTOLOGY_GRAPH
    assert source_graph(frozenset({SEED, LITELLM})).value.endswith(
        "/graph/source/litellm-1.110.2+seed-mistral-medium-2023"
    )


def test_a_consumer_can_drop_one_source(bundled_triples: list[ox.Triple]) -> None:
    store = ox.Store()
    store.extend(quads(provenance_graphs(bundled_triples)))
    store.update(f"DELETE WHERE {{ GRAPH ?g {{ ?s ?p ?o }} . ?g <{DERIVED}> <{LITELLM.value}> }}")
    remaining = {q.subject.value for q in store.quads_for_pattern(None, None, None, None)}
    assert f"{ID}version/mistral-large-2402" not in remaining
    assert f"{ID}version/mistral-medium-2312" in remaining


def test_a_consumer_can_select_one_source(bundled_triples: list[ox.Triple]) -> None:
    store = ox.Store()
    store.extend(quads(provenance_graphs(bundled_triples)))
    paper = f"{ID}source/mt-bench-paper"
    query = f"SELECT DISTINCT ?s WHERE {{ ?g <{DERIVED}> <{paper}> . GRAPH ?g {{ ?s ?p ?o }} }}"
    assert [row["s"].value for row in store.query(query)] == [f"{ID}benchmark/mt-bench"]


def test_graphs_carry_their_sources_issued_dates(bundled_triples: list[ox.Triple]) -> None:
    default = [q for q in quads(provenance_graphs(bundled_triples)) if isinstance(q.graph_name, ox.DefaultGraph)]
    issued = {q.subject.value: q.object.value for q in default if q.predicate.value.endswith("/issued")}
    assert issued == {f"{ID}source/models-dev-f3fc6922": "2026-07-02"}
    assert all(
        q.subject.value.startswith("https://w3id.org/aimkg/graph/") for q in default if q.subject.value not in issued
    )
