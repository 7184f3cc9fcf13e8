"""Answer one query over a store, in the media type asked for, and stop a result that grows past the size limit.

Solutions in JSON, CSV and TSV are written by ``aimkg.query.results``, the writers of ``aimkg query``,
so that the endpoint and the command give the same answer in the same bytes. They are the
single source rather than pyoxigraph's serialiser because ``aimkg query --engine rdflib``
answers with rows that only they can write, and they stream: the endpoint feeds them the
solutions as pyoxigraph evaluates them and stops at the size limit. pyoxigraph writes what
only it offers: XML results, and CONSTRUCT and DESCRIBE graphs, which it streams as they are
built (the canonical writers sort, so they would hold a whole graph before the limit could stop it).
"""

from __future__ import annotations

import io
from typing import IO, cast

import pyoxigraph as ox

from aimkg.publish.conneg import negotiate
from aimkg.publish.sparql import Answer, QueryLimits
from aimkg.publish.sparql.guard import screen
from aimkg.query.queries import solutions
from aimkg.query.results import CHUNKED, boolean_text

#: Result formats (``aimkg.query.results``' names, and XML), by media type, in the order offered for */*.
SOLUTION_FORMATS = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
}
GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


class ResultTooLargeError(Exception):
    """The serialised result grew past the size limit."""


class LimitedBuffer(io.RawIOBase):
    """A byte sink that refuses to grow past a limit, so a huge result stops while being written."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.buffer = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.buffer += data
        if len(self.buffer) > self.limit:
            raise ResultTooLargeError
        return len(data)


def run_query(store: ox.Store, query: str, accept: str | None, limits: QueryLimits) -> Answer:
    """Answer one query: refuse what the guard refuses, run it, serialise the result within the size limit."""
    refused = screen(query)
    if refused is not None:
        return refused
    try:
        result = store.query(query)
    except SyntaxError as error:
        return Answer.text(400, f"query is not valid SPARQL: {error}")
    except (OSError, RuntimeError) as error:
        return Answer.text(400, f"query failed: {error}")
    offered = list(GRAPH_FORMATS if isinstance(result, ox.QueryTriples) else SOLUTION_FORMATS)
    media = negotiate(accept, offered)
    if media is None:
        return Answer.text(406, "no acceptable result format; accept one of " + ", ".join(offered))
    sink = LimitedBuffer(limits.max_result_bytes)
    try:
        write_result(result, media, sink)
    except ResultTooLargeError:
        return Answer.text(
            413,
            f"result is larger than {limits.max_result_bytes:,} bytes, this endpoint's limit; "
            "add LIMIT (and OFFSET to page) or select fewer variables",
        )
    except (OSError, RuntimeError) as error:
        return Answer.text(400, f"query failed: {error}")
    charset = "" if media in ("application/sparql-results+xml", "application/rdf+xml") else "; charset=utf-8"
    return Answer(200, media + charset, bytes(sink.buffer))


def write_result(
    result: ox.QueryBoolean | ox.QuerySolutions | ox.QueryTriples, media: str, sink: LimitedBuffer
) -> None:
    """Write a query's result in a media type of GRAPH_FORMATS (graphs) or SOLUTION_FORMATS (the others)."""
    stream = cast(IO[bytes], sink)  # a raw binary stream: all pyoxigraph does with it is write
    if isinstance(result, ox.QueryTriples):
        result.serialize(stream, GRAPH_FORMATS[media])
        return
    fmt = SOLUTION_FORMATS[media]
    if fmt == "xml":
        result.serialize(stream, ox.QueryResultsFormat.XML)
    elif isinstance(result, ox.QueryBoolean):
        sink.write(boolean_text(bool(result), fmt).encode())
    else:
        for chunk in CHUNKED[fmt](*solutions(result)):
            sink.write(chunk.encode())
