"""Export the graph as Turtle, N-Triples, N-Quads, TriG, JSON-LD and a framed JSON-LD view.

Build, then write: each format's ``build_*`` function returns the bytes of the file, and
``write_atomic`` writes them (to a temporary file in the target folder, then ``os.replace``),
so a failure leaves earlier output intact. ``export_all`` builds every file before writing
any, and adds the JSON-LD context and the DCAT/VoID description (``void.ttl``) with the
files' byte sizes. Output is byte-identical across runs, machines and hash seeds: every
writer sorts what it writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox

from aimkg import writers
from aimkg.dataset import Distribution, describe_dataset
from aimkg.errors import InputError, InvalidDataError
from aimkg.files import write_atomic
from aimkg.jsonld import JsonLdWriter, dumps
from aimkg.limits import DEFAULT_LIMITS, Limits
from aimkg.provenance import Graphs, provenance_graphs
from aimkg.rdfio import bundled_files, read_triples
from aimkg.resources import context_path

CONTEXT_FILE = "context.jsonld"
DESCRIPTION_FILE = "void.ttl"


class Build:
    """The graph to export, with the intermediate results that several formats share."""

    def __init__(self, triples: Iterable[ox.Triple]) -> None:
        self.triples = list(triples)  # may repeat a triple stated in two files: the writers drop repeats

    @cached_property
    def graphs(self) -> Graphs:
        return provenance_graphs(self.triples)

    @cached_property
    def jsonld(self) -> JsonLdWriter:
        return JsonLdWriter(self.triples)


def build_turtle(build: Build) -> bytes:
    """The graph as canonical Turtle (the form of the files in data/)."""
    return writers.turtle(build.triples).encode()


def build_ntriples(build: Build) -> bytes:
    """The graph as canonical N-Triples, lines sorted."""
    return writers.ntriples(build.triples)


def build_nquads(build: Build) -> bytes:
    """The graph in named graphs by source, with their PROV-O description, as sorted N-Quads."""
    return writers.nquads(build.graphs)


def build_trig(build: Build) -> bytes:
    """The same dataset as N-Quads, as TriG."""
    return writers.trig(build.graphs).encode()


def build_jsonld(build: Build) -> bytes:
    """The graph as JSON-LD compacted with the shipped context."""
    return dumps(build.jsonld.compacted()).encode()


def build_jsonld_framed(build: Build) -> bytes:
    """One JSON object per version, with its prices, endpoints, results and sources nested."""
    return dumps(build.jsonld.framed()).encode()


@dataclass(frozen=True)
class Format:
    """An export format: its name on the command line, its file in an export folder, how to build it."""

    name: str
    filename: str
    media_type: str
    build: Callable[[Build], bytes]

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


def format_for(name: str | None, output: Path | None) -> Format:
    """Return the format named, or the one whose file suffix the output has (Turtle for stdout)."""
    if name is None:
        if output is None:
            return FORMATS["turtle"]
        by_suffix = {Path(f.filename).suffix: f for f in reversed(FORMATS.values())}
        if output.suffix not in by_suffix:
            raise InputError(f"{output}: cannot tell the format from the suffix; give --format")
        return by_suffix[output.suffix]
    if name not in FORMATS:
        raise InputError(f"unknown export format {name!r}; use one of {', '.join(FORMATS)}")
    return FORMATS[name]


def read_validated(
    files: Iterable[Path] = (), limits: Limits = DEFAULT_LIMITS, validate: bool = True, done: str = "exported"
) -> list[ox.Triple]:
    """Read the bundled graph plus files; unless it validates, raise InvalidDataError with the report.

    ``aimkg export``, ``site`` and ``push`` read their input with it; ``done`` says what the
    refusal kept from happening ("nothing was exported").
    """
    triples = read_triples([*bundled_files(), *files], limits)
    if validate:
        from aimkg.load import graph_of
        from aimkg.validate import validate as run_validation

        report = run_validation(graph_of(triples))
        if not report.conforms:
            raise InvalidDataError(
                f"the graph does not conform to the shapes; nothing was {done} "
                f"(fix the data, or go ahead anyway with --no-validate)\n{report.to_text()}"
            )
    return triples


def build_all(triples: Iterable[ox.Triple]) -> dict[str, bytes]:
    """Build every export file, the JSON-LD context and the dataset description, by file name."""
    build = Build(triples)
    files = {f.filename: f.build(build) for f in FORMATS.values()}
    files[CONTEXT_FILE] = context_path().read_bytes()
    distributions = [Distribution(f.filename, f.media_type, f.title, len(files[f.filename])) for f in FORMATS.values()]
    distributions.append(
        Distribution(CONTEXT_FILE, "application/ld+json", "The JSON-LD context", len(files[CONTEXT_FILE]))
    )
    files[DESCRIPTION_FILE] = writers.turtle(describe_dataset(build.triples, distributions)).encode()
    return files


def export_all(triples: Iterable[ox.Triple], folder: Path) -> dict[str, int]:
    """Write every export file into a folder; return their sizes by file name."""
    files = build_all(triples)
    for name, data in files.items():
        write_atomic(Path(folder) / name, data)
    return {name: len(data) for name, data in files.items()}


def export_to(
    triples: Iterable[ox.Triple], output: Path | None, name: str | None = None, every_format: bool = False
) -> bytes | None:
    """Write every format into the folder ``output``, or one format to the file ``output``.

    Without an output, return the one format's bytes for the caller to print.
    """
    if every_format and output is not None:
        export_all(triples, output)
        return None
    fmt = format_for(name, output)
    data = fmt.build(Build(triples))
    if output is None:
        return data
    write_atomic(output, data)
    return None
