"""A read-only SPARQL query service over pyoxigraph, safe to expose: refused federation, time and size limits.

Queries run in worker processes, each holding the graph in its own in-memory pyoxigraph Store
that it loads from the RDF files with ``aimkg.io.read.read_store``, as ``aimkg query`` does: a
query that overruns its time limit is stopped by killing its worker (pyoxigraph cannot cancel
a running query), and a fresh worker takes its place. This module imports no rdflib, so that
workers start fast.

Solutions in JSON, CSV and TSV are written by ``aimkg.results``, the writers of ``aimkg query``,
so that the endpoint and the command give the same answer in the same bytes. They are the
single source rather than pyoxigraph's serialiser because ``aimkg query --engine rdflib``
answers with rows that only they can write, and they stream: the endpoint feeds them the
solutions as pyoxigraph evaluates them and stops at the size limit. pyoxigraph writes what
only it offers: XML results, and CONSTRUCT and DESCRIBE graphs, which it streams as they are
built (the canonical writers sort, so they would hold a whole graph before the limit could stop it).

Link: https://www.w3.org/TR/sparql11-protocol/#query-operation
"""

from __future__ import annotations

import io
import multiprocessing
import queue
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox

from aimkg.core.errors import AimkgError, InputError
from aimkg.core.limits import DEFAULT_LIMITS, InputLimits
from aimkg.io.read import read_store
from aimkg.publish.conneg import negotiate
from aimkg.query.queries import solutions
from aimkg.query.results import CHUNKED, boolean_text

#: Result formats (``aimkg.results``' names, and XML), by media type, in the order offered for */*.
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
SERVICE = re.compile("service", re.IGNORECASE)
CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
ERROR_POSITION = re.compile(r"error at (\d+):(\d+)")


@dataclass(frozen=True)
class QueryLimits:
    """What one query may use. Defaults suit a small graph served to the public."""

    max_query_chars: int = 16_384
    timeout: float = 10.0
    max_result_bytes: int = 8 * 1024 * 1024
    workers: int = 2


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status, media type, body."""

    status: int
    content_type: str
    body: bytes

    @classmethod
    def text(cls, status: int, message: str) -> Answer:
        return cls(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


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


def unescape_codepoints(text: str) -> str:
    """Apply SPARQL 1.1's \\u and \\U escapes (https://www.w3.org/TR/sparql11-query/#codepointEscape)."""
    return CODEPOINT_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def defederate(query: str) -> tuple[str, list[tuple[int, int]]]:
    """Return the query with every "service" (any case) turned into "zervice", and where each one was.

    A SERVICE keyword so changed is a syntax error for pyoxigraph, while a "service" inside a
    string, an IRI, a prefixed name or a variable name is still valid: parsing the changed query
    with pyoxigraph tells the two apart exactly, and can never call out.
    """
    spans = [(match.start(), match.end()) for match in SERVICE.finditer(query)]
    return SERVICE.sub("zervice", query), spans


def offset(text: str, line: int, column: int) -> int:
    """Turn pyoxigraph's 1-based line:column into an index into ``text``."""
    lines = text.split("\n")
    return sum(len(previous) + 1 for previous in lines[: line - 1]) + column - 1


def refusal(query: str, probe: str, spans: list[tuple[int, int]], error: SyntaxError) -> Answer:
    """Explain why a query that pyoxigraph cannot parse once defederated is refused."""
    message = str(error)
    position = ERROR_POSITION.search(message)
    if position:
        at = offset(probe, int(position.group(1)), int(position.group(2)))
        for start, end in spans:
            gap = len(probe[end:]) - len(probe[end:].lstrip())
            if start <= at <= end + gap + 1:
                return Answer.text(400, "federated queries are refused: SERVICE is not allowed on this endpoint")
    if re.match(r"\s*((PREFIX|BASE)\b[^{]*?)?(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", query, re.I):
        return Answer.text(403, "updates are refused: this endpoint is read-only")
    return Answer.text(400, f"query is not valid SPARQL: {message}")


def run_query(store: ox.Store, query: str, accept: str | None, limits: QueryLimits) -> Answer:
    """Answer one query: refuse federation, run it, serialise the result within the size limit."""
    probe, spans = defederate(query)
    if spans and SERVICE.search(unescape_codepoints(probe)):
        return Answer.text(400, "federated queries are refused: SERVICE is not allowed, escaped or not")
    try:
        ox.Store().query(probe)  # parse only: an empty store, and no SERVICE left to call
    except SyntaxError as error:
        return refusal(query, probe, spans, error)
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


READY = "ready"


def worker_main(connection: Connection, files: Sequence[Path], input_limits: InputLimits, limits: QueryLimits) -> None:
    """Load the graph, then serve queries from one connection until it closes: the body of a worker process."""
    try:
        store = read_store(files, input_limits)
    except AimkgError as error:
        connection.send(str(error))
        return
    connection.send(READY)
    while True:
        try:
            query, accept = connection.recv()
        except (EOFError, OSError):
            return
        connection.send(run_query(store, query, accept, limits))


class Worker:
    """One worker process and the pipe to it."""

    def __init__(self, files: Sequence[Path], input_limits: InputLimits, limits: QueryLimits) -> None:
        context = multiprocessing.get_context("spawn")  # never fork a threaded server
        self.connection, child = context.Pipe()
        self.process: BaseProcess = context.Process(
            target=worker_main, args=(child, files, input_limits, limits), daemon=True
        )
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout: float = 60) -> str | None:
        """Wait until the worker has loaded the graph; return why it could not, or None when it did."""
        try:
            if not self.connection.poll(timeout):
                return f"the query worker did not load the graph within {timeout:g} s"
            message = self.connection.recv()
        except (EOFError, OSError):
            return "the query worker stopped while loading the graph"
        self.ready = message == READY
        return None if self.ready else str(message)

    def ask(self, query: str, accept: str | None, timeout: float) -> Answer | None:
        """Return the worker's answer, or None when it did not answer in time (or died)."""
        try:
            if not self.ready and self.wait_ready() is not None:
                return None
            self.connection.send((query, accept))
            if not self.connection.poll(timeout):
                return None
            answer: Answer = self.connection.recv()
            return answer
        except (EOFError, OSError):
            return None

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.connection.close()


class QueryService:
    """A pool of query workers over the graph of some RDF files, each query bounded in time and result size."""

    def __init__(
        self, files: Sequence[Path], limits: QueryLimits | None = None, input_limits: InputLimits = DEFAULT_LIMITS
    ) -> None:
        """Start the workers and wait until they hold the graph; raise InputError if they cannot load it."""
        self.files = list(files)
        self.input_limits = input_limits
        self.limits = limits or QueryLimits()
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.lock = threading.Lock()
        self.workers: set[Worker] = set()
        started = [self.start_worker() for _ in range(self.limits.workers)]
        problems = [problem for problem in (worker.wait_ready() for worker in started) if problem is not None]
        if problems:
            self.close()
            raise InputError(problems[0])
        for worker in started:
            self.idle.put(worker)

    def start_worker(self) -> Worker:
        worker = Worker(self.files, self.input_limits, self.limits)
        with self.lock:
            self.workers.add(worker)
        return worker

    def retire(self, worker: Worker) -> None:
        worker.stop()
        with self.lock:
            self.workers.discard(worker)

    def answer(self, query: str, accept: str | None) -> Answer:
        """Answer a SPARQL query, or explain in one line why not."""
        if len(query) > self.limits.max_query_chars:
            return Answer.text(
                413, f"query is longer than {self.limits.max_query_chars:,} characters, this endpoint's limit"
            )
        try:
            worker = self.idle.get(timeout=self.limits.timeout)
        except queue.Empty:
            return Answer.text(503, "all query workers are busy; try again shortly")
        answer = worker.ask(query, accept, self.limits.timeout)
        if answer is None:
            self.retire(worker)
            self.idle.put(self.start_worker())
            return Answer.text(
                503,
                f"query did not finish within {self.limits.timeout:g} s, this endpoint's time limit; "
                "narrow it or add LIMIT",
            )
        self.idle.put(worker)
        return answer

    def close(self) -> None:
        with self.lock:
            workers = list(self.workers)
        for worker in workers:
            self.retire(worker)
