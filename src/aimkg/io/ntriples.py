"""Write N-Triples and N-Quads deterministically: pyoxigraph's canonical lines, sorted.

Links: https://www.w3.org/TR/n-triples/#canonical-ntriples https://www.w3.org/TR/n-quads/
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pyoxigraph as ox


def sorted_lines(lines: list[bytes]) -> bytes:
    """Sort lines and drop repeated ones, so that output is byte-identical across runs."""
    lines.sort()
    return b"".join(line for i, line in enumerate(lines) if i == 0 or line != lines[i - 1])


def ntriples_lines(triples: Iterable[ox.Triple]) -> list[bytes]:
    return (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").splitlines(keepends=True)


def ntriples(triples: Iterable[ox.Triple]) -> bytes:
    """Write canonical N-Triples, one sorted line per triple."""
    return sorted_lines(ntriples_lines(triples))


def nquads(graphs: Mapping[ox.NamedNode | ox.DefaultGraph, Iterable[ox.Triple]]) -> bytes:
    """Write canonical N-Quads, one sorted line per quad: each graph's N-Triples lines, named."""
    lines = []
    for graph, triples in graphs.items():
        graph_lines = ntriples_lines(triples)
        if isinstance(graph, ox.NamedNode):
            name = f" {graph} .\n".encode()
            graph_lines = [line[:-3] + name for line in graph_lines]  # each line ends with " .\n"
        lines += graph_lines
    return sorted_lines(lines)
