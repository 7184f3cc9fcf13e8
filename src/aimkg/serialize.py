"""Serialise rdflib graphs deterministically.

Importers and ``aimkg merge`` share this: the same graph always gives the same bytes
(canonical Turtle, or N-Triples sorted line by line), and an output file is either
complete or untouched, never half-written (``aimkg.files.write_atomic``).
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from aimkg.errors import InputError

#: Output formats and the file suffixes that select them.
FORMATS = {"turtle": (".ttl",), "ntriples": (".nt",)}


def format_for(path: Path | None, explicit: str | None) -> str:
    """Return the output format: the one asked for, else the one the file suffix names, else Turtle."""
    if explicit:
        return explicit
    if path is not None:
        for name, suffixes in FORMATS.items():
            if path.suffix.lower() in suffixes:
                return name
    return "turtle"


def sorted_ntriples(graph: Graph) -> str:
    """Serialise a graph as N-Triples, one triple per line, lines in code-point order."""
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return "".join(f"{line}\n" for line in lines)


def serialize(graph: Graph, output_format: str) -> str:
    """Serialise a graph in one of FORMATS, deterministically."""
    if output_format == "ntriples":
        return sorted_ntriples(graph)
    if output_format == "turtle":
        from aimkg.canonical import canonical_turtle

        return canonical_turtle(graph)
    raise InputError(f"unknown output format {output_format!r}; use one of {', '.join(FORMATS)}")
