"""Serialise rdflib graphs deterministically.

Importers and ``aimkg merge`` share this: the same graph always gives the same bytes
(canonical Turtle, or N-Triples sorted line by line), and an output file is either
complete or untouched, never half-written (``aimkg.files.write_atomic``).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
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


def serialize(graph: Graph, output_format: str) -> str:
    """Serialise a graph in one of FORMATS with the export writers, so all aimkg output has one canonical form."""
    from aimkg import writers
    from aimkg.load import to_ox

    triples = [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph]  # type: ignore[arg-type]
    if output_format == "ntriples":
        return writers.ntriples(triples).decode("utf-8")
    if output_format == "turtle":
        return writers.turtle(triples)
    raise InputError(f"unknown output format {output_format!r}; use one of {', '.join(FORMATS)}")
