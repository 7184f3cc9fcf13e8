"""Read RDF files with pyoxigraph, in the three forms aimkg works on, without rdflib.

- ``read_triples``: a list of pyoxigraph triples (exports, site, push);
- ``read_store``: an in-memory pyoxigraph store (queries, the SPARQL service, conflicts);
- ``read_ntriples``: one N-Triples document written in Rust (what pySHACL-turbo reads fastest).

The rdflib form (for pySHACL and the page views) is ``aimkg.io.graph.read_graph``. Every reader
applies the checks of ``aimkg.io.safety`` to every file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from io import BytesIO
from pathlib import Path

import pyoxigraph as ox

from aimkg.core.errors import InputError
from aimkg.core.limits import DEFAULT_LIMITS, InputLimits
from aimkg.core.resources import bundled_files as bundled_files  # read with the RDF they hold
from aimkg.io.safety import (
    json_ld_document,
    may_hold_long_literal,
    parser_errors,
    read_checked,
    refuse_long_lines,
    refuse_long_literal,
    refuse_long_literals,
    refuse_xml_declarations,
)

#: A pyoxigraph term, as the readers give them and the writers take them.
Term = ox.NamedNode | ox.BlankNode | ox.Literal

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


def checked_input(path: Path, limits: InputLimits) -> tuple[bytes, ox.RdfFormat]:
    """Read a file and refuse what is unsafe before any parser sees it."""
    fmt = rdf_format(path)
    data = read_checked(path, limits)
    if fmt == ox.RdfFormat.RDF_XML:
        refuse_xml_declarations(path, data)
    elif fmt == ox.RdfFormat.JSON_LD:
        data = json_ld_document(path, data, limits)
    refuse_long_lines(path, data, fmt)
    return data, fmt


def parse_quads(path: Path, limits: InputLimits = DEFAULT_LIMITS) -> Iterator[ox.Quad]:
    """Yield the quads of one RDF file, turning parse failures into an InputError naming file and line."""
    return parse_checked(path, *checked_input(path, limits), limits)


def parse_checked(path: Path, data: bytes, fmt: ox.RdfFormat, limits: InputLimits) -> Iterator[ox.Quad]:
    """``parse_quads`` of a file's bytes that ``checked_input`` has read."""
    with parser_errors(path):
        for quad in ox.parse(BytesIO(data), format=fmt, base_iri=path.resolve().as_uri()):
            refuse_long_literal(path, quad, limits)
            yield quad


def read_ntriples(paths: Iterable[Path], limits: InputLimits = DEFAULT_LIMITS) -> str:
    """Read RDF files into one N-Triples document, parsed and written in Rust: what pySHACL-turbo reads fastest.

    Each file keeps its own blank nodes (they are renamed), and the graphs of quad formats merge,
    as in ``read_store``. The document is text, as the engine takes it, and each file's bytes are
    dropped once decoded, so that a large input is held about once.
    """
    return "".join([file_ntriples(Path(path), limits) for path in paths])


def file_ntriples(path: Path, limits: InputLimits) -> str:
    data, fmt = checked_input(path, limits)
    with parser_errors(path):
        quads: Iterable[ox.Quad] = ox.parse(
            BytesIO(data), format=fmt, base_iri=path.resolve().as_uri(), rename_blank_nodes=True
        )
        if may_hold_long_literal(data, fmt, limits):  # look at each literal only then: the generator costs 20%
            quads = checked_literals(path, quads, limits)
        triples = (quad.triple for quad in quads) if fmt.supports_datasets else quads
        document = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        assert isinstance(document, bytes)  # serialize returns the bytes when given no output
    return document.decode("utf-8")


def checked_literals(path: Path, quads: Iterable[ox.Quad], limits: InputLimits) -> Iterator[ox.Quad]:
    for quad in quads:
        refuse_long_literal(path, quad, limits)
        yield quad


def read_triples(paths: Iterable[Path], limits: InputLimits = DEFAULT_LIMITS) -> list[ox.Triple]:
    """Read RDF files into one list of triples (quad formats: all their graphs merged; repeats kept)."""
    return [quad.triple for path in paths for quad in parse_quads(Path(path), limits)]


def read_store(paths: Iterable[Path], limits: InputLimits = DEFAULT_LIMITS, into: ox.Store | None = None) -> ox.Store:
    """Load RDF files into a pyoxigraph store's default graph, parsed in Rust: a new one in memory, or ``into``.

    ``into`` (a store on disk, ``aimkg.query.store``) is bulk-loaded: written straight to its files.
    """
    store = ox.Store() if into is None else into
    # load, not bulk_load, in memory: it is faster there and takes a third less memory
    load = store.load if into is None else store.bulk_load
    for path in map(Path, paths):
        data, fmt = checked_input(path, limits)
        with parser_errors(path):
            load(data, format=fmt, base_iri=path.resolve().as_uri(), to_graph=ox.DefaultGraph())
        if may_hold_long_literal(data, fmt, limits):
            refuse_long_literals(path, store, limits)
    return store
