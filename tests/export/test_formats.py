"""Every export format parses back, with rdflib and with an independent parser, to the loaded graph."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from pyld import jsonld
from rdflib.compare import isomorphic

from aimkg.core.errors import InputError
from aimkg.export.folder import build_all
from aimkg.export.formats import FORMATS, ExportGraph, format_for
from aimkg.export.provenance import AIMKG_GRAPH, ONTOLOGY_GRAPH
from aimkg.io.jsonld import CONTEXT_IRI, context, document_loader

DECIMAL = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
QUAD_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
TRIPLE_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}
AIMKG = Path(sys.executable).parent / "aimkg"  # the console script of this environment
RDFLIB_NAMES = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig"}


def with_inline_context(document: bytes) -> str:
    """Replace the context IRI by the context itself, for parsers that would fetch it."""
    data = json.loads(document)
    data["@context"] = context()["@context"]
    return json.dumps(data)


def pyld_triples(document: bytes | str) -> set[ox.Triple]:
    """Expand JSON-LD with pyld, offline, and read its RDF with pyoxigraph."""
    nquads = jsonld.to_rdf(json.loads(document), {"documentLoader": document_loader, "format": "application/n-quads"})
    return {quad.triple for quad in ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS)}


def union_of_named_graphs(data: bytes, fmt: ox.RdfFormat) -> tuple[set[ox.Triple], set[ox.Quad]]:
    quads = list(ox.parse(data, format=fmt))
    named = {q.triple for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}
    return named, {q for q in quads if isinstance(q.graph_name, ox.DefaultGraph)}


@pytest.mark.parametrize("name", TRIPLE_FORMATS)
def test_triple_formats_parse_back_with_pyoxigraph(
    name: str, files: dict[str, bytes], bundled_triples: list[ox.Triple]
) -> None:
    data = files[FORMATS[name].filename]
    assert {q.triple for q in ox.parse(data, format=TRIPLE_FORMATS[name])} == set(bundled_triples)


@pytest.mark.parametrize("name", TRIPLE_FORMATS)
def test_triple_formats_parse_back_with_rdflib(name: str, files: dict[str, bytes], bundled_graph: rdflib.Graph) -> None:
    parsed = rdflib.Graph().parse(data=files[FORMATS[name].filename], format=RDFLIB_NAMES[name])
    assert isomorphic(parsed, bundled_graph)


@pytest.mark.parametrize("name", QUAD_FORMATS)
def test_named_graphs_hold_the_graph_and_the_default_graph_describes_them(
    name: str, files: dict[str, bytes], bundled_triples: list[ox.Triple]
) -> None:
    named, default = union_of_named_graphs(files[FORMATS[name].filename], QUAD_FORMATS[name])
    assert named == set(bundled_triples)
    graph_names = {q.graph_name for q in ox.parse(files[FORMATS[name].filename], format=QUAD_FORMATS[name])}
    described = {q.subject for q in default if q.predicate.value.endswith("wasDerivedFrom")}
    assert described == graph_names - {AIMKG_GRAPH, ONTOLOGY_GRAPH, ox.DefaultGraph()}  # the graphs by source


@pytest.mark.parametrize("name", QUAD_FORMATS)
def test_quad_formats_parse_back_with_rdflib(name: str, files: dict[str, bytes], bundled_graph: rdflib.Graph) -> None:
    dataset = rdflib.Dataset()
    dataset.parse(data=files[FORMATS[name].filename], format=RDFLIB_NAMES[name])
    union = rdflib.Graph()
    for graph in dataset.graphs():
        if graph.identifier != rdflib.graph.DATASET_DEFAULT_GRAPH_ID:
            for triple in graph:
                union.add(triple)
    assert isomorphic(union, bundled_graph)


def test_nquads_and_trig_hold_the_same_dataset(files: dict[str, bytes]) -> None:
    nquads = set(ox.parse(files["aimkg.nq"], format=ox.RdfFormat.N_QUADS))
    assert set(ox.parse(files["aimkg.trig"], format=ox.RdfFormat.TRIG)) == nquads


def test_jsonld_expands_with_pyld_to_the_graph(files: dict[str, bytes], bundled_triples: list[ox.Triple]) -> None:
    assert pyld_triples(files["aimkg.jsonld"]) == set(bundled_triples)


def test_jsonld_parses_with_rdflib_and_pyoxigraph(
    files: dict[str, bytes], bundled_graph: rdflib.Graph, bundled_triples: list[ox.Triple]
) -> None:
    inline = with_inline_context(files["aimkg.jsonld"])
    assert isomorphic(rdflib.Graph().parse(data=inline, format="json-ld"), bundled_graph)
    assert {q.triple for q in ox.parse(inline.encode(), format=ox.RdfFormat.JSON_LD)} == set(bundled_triples)


def test_framed_view_is_one_object_per_version_with_its_facts(
    files: dict[str, bytes], bundled_triples: list[ox.Triple]
) -> None:
    document = json.loads(files["aimkg.framed.jsonld"])
    assert document["@context"] == CONTEXT_IRI
    assert {node["@type"] for node in document["@graph"]} == {"Version"}
    medium = next(n for n in document["@graph"] if n["@id"].endswith("/mistral-medium-2312"))
    assert sorted(price["amount"] for price in medium["price"]) == ["2.75", "8.10"]
    assert medium["endpoints"][0]["modelId"] == "mistral-medium-2312"
    assert medium["results"][0]["score"] == "8.6" and medium["results"][0]["benchmark"]["scaleMax"] == "10.0"
    assert medium["source"][0]["label"] == {"en": "Catalog page: Mistral Medium (2023)"}
    framed = pyld_triples(files["aimkg.framed.jsonld"])
    assert framed <= set(bundled_triples)
    nested_kinds = ("/version/", "/price/", "/endpoint/", "/result/")
    whole = {t for t in bundled_triples if any(kind in t.subject.value for kind in nested_kinds)}
    assert whole <= framed
    # the rest: type and label of the models, provider, platform and sources, the benchmark's scale
    assert (len(framed), len(whole)) == (188, 154)


def test_exact_decimals_survive_every_format(files: dict[str, bytes]) -> None:
    assert b"aimkg:amount 8.10 ;" in files["aimkg.ttl"]
    assert b'"8.10"^^<http://www.w3.org/2001/XMLSchema#decimal>' in files["aimkg.nt"]
    assert b'"8.10"^^<http://www.w3.org/2001/XMLSchema#decimal>' in files["aimkg.nq"]
    assert b"aimkg:amount 8.10 ;" in files["aimkg.trig"]
    assert b'"amount": "8.10"' in files["aimkg.jsonld"]
    assert b'"amount": "8.10"' in files["aimkg.framed.jsonld"]


def test_export_is_byte_identical_across_runs(bundled_triples: list[ox.Triple], files: dict[str, bytes]) -> None:
    assert build_all(reversed(bundled_triples)) == files


@pytest.mark.parametrize("seed", ["1", "2"])
def test_export_is_byte_identical_across_hash_seeds(seed: str, tmp_path: Path, files: dict[str, bytes]) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    command = [str(AIMKG), "export", "--all", "--no-validate", "-o", str(tmp_path)]
    subprocess.run(command, check=True, env=env, capture_output=True)
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == files


def test_format_is_guessed_from_the_suffix() -> None:
    assert format_for(None, Path("x.nq")).name == "nquads"
    assert format_for(None, Path("x.jsonld")).name == "jsonld"
    assert format_for(None, None).name == "turtle"
    with pytest.raises(InputError, match="unknown export format"):
        format_for("rdfxml", None)


def test_document_loader_refuses_other_urls() -> None:
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand({"@context": "https://example.org/context.jsonld", "a": 1}, {"documentLoader": document_loader})


# ---------------------------------------------------------------- properties

lexical_decimals = st.builds(
    lambda sign, whole, fraction: f"{sign}{whole}.{fraction}",
    st.sampled_from(["", "-"]),
    st.from_regex(r"[0-9]{1,12}", fullmatch=True),
    st.from_regex(r"[0-9]{1,8}", fullmatch=True),
)
texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40)


@settings(max_examples=40, deadline=None)
@given(
    amounts=st.lists(lexical_decimals, min_size=1, max_size=4, unique=True),
    label=texts,
    language=st.sampled_from(["en", "fr", "de-CH"]),
)
def test_any_decimal_and_text_round_trips_through_every_format(amounts: list[str], label: str, language: str) -> None:
    subject = ox.NamedNode("https://w3id.org/aimkg/id/price/synth-x")
    triples = {
        ox.Triple(subject, ox.NamedNode("https://w3id.org/aimkg/ontology#amount"), ox.Literal(a, datatype=DECIMAL))
        for a in amounts
    }
    triples.add(
        ox.Triple(
            subject,
            ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
            ox.Literal(label, language=language),
        )
    )
    triples.add(
        ox.Triple(
            subject,
            ox.NamedNode("http://purl.org/dc/terms/source"),
            ox.NamedNode("https://w3id.org/aimkg/id/source/synth-s"),
        )
    )
    build = ExportGraph(triples)
    for name, fmt in TRIPLE_FORMATS.items():
        assert {q.triple for q in ox.parse(FORMATS[name].build(build), format=fmt)} == triples, name
    for name, fmt in QUAD_FORMATS.items():
        assert union_of_named_graphs(FORMATS[name].build(build), fmt)[0] == triples, name
    assert pyld_triples(FORMATS["jsonld"].build(build)) == triples
