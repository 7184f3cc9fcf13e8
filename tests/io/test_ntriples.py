"""N-Triples and N-Quads written deterministically: pyoxigraph's canonical lines, sorted, each once."""

from __future__ import annotations

import pyoxigraph as ox

from aimkg.io.ntriples import ntriples


def test_ntriples_and_nquads_are_sorted_lines(bundled_triples: list[ox.Triple]) -> None:
    lines = ntriples(reversed(bundled_triples)).decode().splitlines()
    assert lines == sorted(lines) and len(lines) == len(bundled_triples)
    assert ntriples(bundled_triples + bundled_triples[:5]) == ntriples(bundled_triples)
