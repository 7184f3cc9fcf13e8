"""The output formats: Turtle, N-Triples, N-Quads, TriG, JSON-LD and a framed JSON-LD view.

This is the one registry of RDF output in aimkg: ``aimkg export``, ``import``, ``merge`` and the
site all write through it. ExportGraph, then write: each format's ``build_*`` function returns the
bytes of the file, and the caller writes them (``aimkg.io.atomic.write_atomic``). Output is
byte-identical across runs, machines and hash seeds: every writer sorts what it writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox

from aimkg.core.errors import InputError
from aimkg.export.provenance import Graphs, provenance_graphs
from aimkg.io.jsonld import JsonLdWriter, dumps
from aimkg.io.ntriples import nquads, ntriples
from aimkg.io.turtle import trig, turtle


class ExportGraph:
    """The graph to export, with the intermediate results that several formats share."""

    def __init__(self, triples: Iterable[ox.Triple]) -> None:
        self.triples = list(triples)  # may repeat a triple stated in two files: the writers drop repeats

    @cached_property
    def graphs(self) -> Graphs:
        return provenance_graphs(self.triples)

    @cached_property
    def jsonld(self) -> JsonLdWriter:
        return JsonLdWriter(self.triples)


def build_turtle(build: ExportGraph) -> bytes:
    """The graph as canonical Turtle (the form of the files in data/)."""
    return turtle(build.triples).encode()


def build_ntriples(build: ExportGraph) -> bytes:
    """The graph as canonical N-Triples, lines sorted."""
    return ntriples(build.triples)


def build_nquads(build: ExportGraph) -> bytes:
    """The graph in named graphs by source, with their PROV-O description, as sorted N-Quads."""
    return nquads(build.graphs)


def build_trig(build: ExportGraph) -> bytes:
    """The same dataset as N-Quads, as TriG."""
    return trig(build.graphs).encode()


def build_jsonld(build: ExportGraph) -> bytes:
    """The graph as JSON-LD compacted with the shipped context."""
    return dumps(build.jsonld.compacted()).encode()


def build_jsonld_framed(build: ExportGraph) -> bytes:
    """One JSON object per version, with its prices, endpoints, results and sources nested."""
    return dumps(build.jsonld.framed()).encode()


@dataclass(frozen=True)
class Format:
    """An export format: its name on the command line, its file in an export folder, how to build it."""

    name: str
    filename: str
    media_type: str
    build: Callable[[ExportGraph], bytes]

    def serialize(self, triples: Iterable[ox.Triple]) -> bytes:
        """Write triples in this format."""
        return self.build(ExportGraph(triples))

    @property
    def title(self) -> str:
        return (self.build.__doc__ or self.name).strip().rstrip(".")


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("turtle", "aimkg.ttl", "text/turtle", build_turtle),
        Format("ntriples", "aimkg.nt", "application/n-triples", build_ntriples),
        Format("nquads", "aimkg.nq", "application/n-quads", build_nquads),
        Format("trig", "aimkg.trig", "application/trig", build_trig),
        Format("jsonld", "aimkg.jsonld", "application/ld+json", build_jsonld),
        Format("jsonld-framed", "aimkg.framed.jsonld", "application/ld+json", build_jsonld_framed),
    )
}


def format_for(name: str | None, output: Path | None, default: str | None = None) -> Format:
    """Return the format named, else the one the output's suffix names, else ``default`` (Turtle for stdout).

    Without a default, an output whose suffix names no format is refused: the caller must say.

    >>> format_for(None, Path("catalog.nq")).name
    'nquads'
    >>> format_for("jsonld-framed", None).filename
    'aimkg.framed.jsonld'
    >>> format_for(None, None).name  # standard output
    'turtle'
    >>> format_for(None, Path("out.txt"), default="ntriples").media_type
    'application/n-triples'
    >>> format_for(None, Path("out.txt"))
    Traceback (most recent call last):
    ...
    aimkg.core.errors.InputError: out.txt: cannot tell the format from the suffix; give --format
    """
    if name is None:
        if output is None:
            return FORMATS["turtle"]
        by_suffix = {Path(f.filename).suffix: f for f in reversed(FORMATS.values())}
        if output.suffix.lower() in by_suffix:
            return by_suffix[output.suffix.lower()]
        if default is None:
            raise InputError(f"{output}: cannot tell the format from the suffix; give --format")
        name = default
    if name not in FORMATS:
        raise InputError(f"unknown export format {name!r}; use one of {', '.join(FORMATS)}")
    return FORMATS[name]


def serialize(triples: Iterable[ox.Triple], name: str) -> bytes:
    """Write triples in the format of that name."""
    return format_for(name, None).serialize(triples)
