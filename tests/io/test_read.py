"""The N-Triples reader that feeds pySHACL-turbo: same triples as the other readers, files kept apart."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from aimkg.io.read import bundled_files, read_ntriples, read_triples


def triples_of(document: str) -> set[ox.Triple]:
    return {quad.triple for quad in ox.parse(document.encode(), format=ox.RdfFormat.N_TRIPLES)}


def test_ntriples_reads_the_same_triples_as_the_term_reader() -> None:
    assert triples_of(read_ntriples(bundled_files())) == set(read_triples(bundled_files()))


def test_ntriples_keeps_blank_nodes_of_different_files_apart(tmp_path: Path) -> None:
    for name in ("one.ttl", "two.ttl"):
        (tmp_path / name).write_text('_:b <https://example.org/p> "x" .\n')
    triples = triples_of(read_ntriples([tmp_path / "one.ttl", tmp_path / "two.ttl"]))
    assert len({triple.subject for triple in triples}) == 2


def test_ntriples_merges_the_graphs_of_quad_formats(tmp_path: Path) -> None:
    path = tmp_path / "graphs.nq"
    path.write_text(
        '<https://example.org/a> <https://example.org/p> "x" <https://example.org/g> .\n'
        '<https://example.org/a> <https://example.org/p> "y" .\n'
    )
    assert {triple.object.value for triple in triples_of(read_ntriples([path]))} == {"x", "y"}
