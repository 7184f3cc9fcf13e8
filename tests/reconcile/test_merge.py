"""aimkg merge: the RDF merge of any inputs, blank nodes kept apart, output deterministic."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from aimkg.cli import cli
from aimkg.export.formats import serialize
from aimkg.io.graph import ox_triples
from aimkg.reconcile.merge import merge

EX = "https://example.org/"
Triple = tuple[str, str, str]  # N-Triples terms

subjects = st.one_of(st.sampled_from([f"<{EX}s{n}>" for n in range(3)]), st.sampled_from(["_:a", "_:b", "_:c"]))
predicates = st.sampled_from([f"<{EX}p{n}>" for n in range(3)])
objects = st.one_of(
    subjects,
    st.sampled_from(['"x"', '"x"@en', '"1"^^<http://www.w3.org/2001/XMLSchema#integer>', '"é"']),
)
graphs = st.lists(st.tuples(subjects, predicates, objects), max_size=12)


@contextmanager
def files(*contents: list[Triple]) -> Iterator[list[Path]]:
    """Write each list of triples to its own N-Triples file."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, triples in enumerate(contents):
            path = Path(folder) / f"g{index}.nt"
            path.write_text("".join(f"{s} {p} {o} .\n" for s, p, o in triples), encoding="utf-8")
            paths.append(path)
        yield paths


def standardised(triples: list[Triple], index: int) -> set[Triple]:
    """The triples with blank nodes named apart per input, as the RDF merge requires."""
    return {tuple(f"_:{index}{term[2:]}" if term.startswith("_:") else term for term in triple) for triple in triples}  # type: ignore[misc]


def blank_nodes(graph: Graph) -> set[BNode]:
    return {term for triple in graph for term in triple if isinstance(term, BNode)}


@settings(max_examples=60, deadline=None)
@given(graphs, graphs)
def test_the_merge_has_exactly_the_triples_of_the_union(first: list[Triple], second: list[Triple]) -> None:
    with files(first, second) as paths:
        assert len(merge(paths)) == len(standardised(first, 0) | standardised(second, 1))


@settings(max_examples=60, deadline=None)
@given(graphs, graphs)
def test_blank_nodes_of_different_inputs_are_never_conflated(first: list[Triple], second: list[Triple]) -> None:
    with files(first, second) as paths:
        merged = merge(paths)
        alone = [blank_nodes(merge([path])) for path in paths]
        assert len(blank_nodes(merged)) == sum(len(nodes) for nodes in alone)


@settings(max_examples=60, deadline=None)
@given(graphs, graphs)
def test_the_merge_is_commutative_up_to_isomorphism(first: list[Triple], second: list[Triple]) -> None:
    with files(first, second) as (a, b):
        assert isomorphic(merge([a, b]), merge([b, a]))


@settings(max_examples=60, deadline=None)
@given(graphs, graphs)
def test_the_merge_is_idempotent(first: list[Triple], second: list[Triple]) -> None:
    with files(first, second) as (a, b):
        once = merge([a, b])
        assert isomorphic(merge([a, b, a, b]), once)  # a file named twice is read once
        again = a.parent / "merged.nt"
        again.write_text(serialize(ox_triples(once), "ntriples").decode(), encoding="utf-8")
        assert isomorphic(merge([again]), once)  # merging a merge changes nothing


@settings(max_examples=30, deadline=None)
@given(graphs, graphs)
def test_the_output_is_deterministic(first: list[Triple], second: list[Triple]) -> None:
    with files(first, second) as paths:
        for output_format in ("ntriples", "turtle"):
            assert (
                serialize(ox_triples(merge(paths)), output_format).decode()
                == serialize(ox_triples(merge(paths)), output_format).decode()
            )


def test_merges_any_syntax_and_foreign_graphs(tmp_path: Path) -> None:
    jsonld = tmp_path / "a.jsonld"
    jsonld.write_text('{"@id": "https://example.org/a", "https://example.org/p": {"@value": "x"}}')
    rdfxml = tmp_path / "b.rdf"
    rdfxml.write_text(
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="https://example.org/">'
        '<rdf:Description rdf:about="https://example.org/a"><ex:p>x</ex:p><ex:q>y</ex:q></rdf:Description>'
        "</rdf:RDF>"
    )
    merged = merge([jsonld, rdfxml])
    assert len(merged) == 2
    assert (URIRef(f"{EX}a"), URIRef(f"{EX}q"), Literal("y")) in merged


def test_cli_merges_without_overwriting(tmp_path: Path) -> None:
    from aimkg.core.resources import curated_files

    extra = tmp_path / "extra.ttl"
    extra.write_text(
        "@prefix aimkg: <https://w3id.org/aimkg/ontology#> .\n"
        "<https://w3id.org/aimkg/id/version/mistral-medium-2604> aimkg:releaseDate "
        '"2026-04-29"^^<http://www.w3.org/2001/XMLSchema#date> .\n'
    )
    out = tmp_path / "merged.nt"
    runner = CliRunner()
    result = runner.invoke(cli, ["merge", *map(str, curated_files()), str(extra), "-o", str(out)])
    assert result.exit_code == 0, result.output
    first = out.read_bytes()
    assert runner.invoke(cli, ["merge", *map(str, curated_files()), str(extra), "-o", str(out)]).exit_code == 0
    assert out.read_bytes() == first
    merged = Graph().parse(out, format="nt")
    data = merge(curated_files())
    assert len(merged) == len(data) + 1  # both release dates stay: nothing is overwritten
    stdout = runner.invoke(cli, ["merge", str(extra), "--format", "ntriples"])
    assert stdout.exit_code == 0 and stdout.output.count("\n") == 1


def test_cli_refuses_an_unreadable_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n")
    out = tmp_path / "out.ttl"
    result = CliRunner().invoke(cli, ["merge", str(bad), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {bad}: line 1")
    assert not out.exists()
