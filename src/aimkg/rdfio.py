"""Read RDF files with pyoxigraph alone: no rdflib, so that queries and exports start fast.

load.py turns what these functions read into an rdflib graph for pySHACL; query and export
work on the pyoxigraph terms directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from aimkg.errors import InputError
from aimkg.resources import data_files, ontology_files

#: File suffixes aimkg reads, and the RDF syntax each one means.
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}


def rdf_format(path: Path) -> ox.RdfFormat:
    """Return the RDF syntax of a file from its suffix."""
    try:
        return RDF_FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(RDF_FORMATS))
        raise InputError(f"{path}: unknown RDF file type {path.suffix!r}; use one of {known}") from None


def input_error(path: Path, error: SyntaxError | OSError) -> InputError:
    """Turn a parser or file-system error into one line naming the file and line."""
    if isinstance(error, SyntaxError):
        reason = str(error.msg).split(" (", 1)[0] if error.msg else str(error)
        return InputError(f"{path}: line {error.lineno}: {reason}")
    return InputError(f"{path}: cannot read: {error.strerror or error}")


def parse_quads(path: Path) -> Iterator[ox.Quad]:
    """Yield the quads of one RDF file, turning parse failures into an InputError naming file and line."""
    fmt = rdf_format(path)
    try:
        with path.open("rb") as stream:
            yield from ox.parse(stream, format=fmt, base_iri=path.resolve().as_uri())
    except (SyntaxError, OSError) as error:
        raise input_error(path, error) from error


def read_triples(paths: Iterable[Path]) -> list[ox.Triple]:
    """Read RDF files into one list of triples (quad formats: all their graphs merged; repeats kept)."""
    return [quad.triple for path in paths for quad in parse_quads(Path(path))]


def bundled_files() -> list[Path]:
    """Return the ontology and data files shipped with the package."""
    return ontology_files() + data_files()


def load_store(paths: Iterable[Path]) -> ox.Store:
    """Load RDF files into an in-memory pyoxigraph store (its default graph), parsed in Rust."""
    store = ox.Store()
    for path in paths:
        path = Path(path)
        fmt, base = rdf_format(path), path.resolve().as_uri()
        try:
            store.bulk_load(path=path, format=fmt, base_iri=base, to_graph=ox.DefaultGraph())
        except (SyntaxError, OSError) as error:
            raise input_error(path, error) from error
    return store
