"""A read-only SPARQL query service over pyoxigraph, safe to expose: refused federation, time and size limits.

Queries run in worker processes, each holding the graph in its own in-memory pyoxigraph Store:
a query that overruns its time limit is stopped by killing its worker (pyoxigraph cannot cancel
a running query), and a fresh worker takes its place. This module imports no rdflib, so that
workers start fast.
"""

from __future__ import annotations

import io
import multiprocessing
import queue
import re
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

import pyoxigraph as ox

from aimkg.publish.conneg import negotiate

#: Result formats, by media type, in the order offered when the client accepts anything.
SOLUTION_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/xml": ox.QueryResultsFormat.XML,
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
class Limits:
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


def run_query(store: ox.Store, query: str, accept: str | None, limits: Limits) -> Answer:
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
    formats: dict[str, ox.QueryResultsFormat] | dict[str, ox.RdfFormat]
    formats = GRAPH_FORMATS if isinstance(result, ox.QueryTriples) else SOLUTION_FORMATS
    media = negotiate(accept, list(formats))
    if media is None:
        return Answer.text(406, "no acceptable result format; accept one of " + ", ".join(formats))
    sink = LimitedBuffer(limits.max_result_bytes)
    try:
        result.serialize(sink, formats[media])  # type: ignore[arg-type]
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


def worker_main(connection: Connection, ntriples: bytes, limits: Limits) -> None:
    """Serve queries from one connection until it closes: the body of a worker process."""
    store = ox.Store()
    store.load(ntriples, format=ox.RdfFormat.N_TRIPLES)
    connection.send("ready")
    while True:
        try:
            query, accept = connection.recv()
        except (EOFError, OSError):
            return
        connection.send(run_query(store, query, accept, limits))


class Worker:
    """One worker process and the pipe to it."""

    def __init__(self, ntriples: bytes, limits: Limits) -> None:
        context = multiprocessing.get_context("spawn")  # never fork a threaded server
        self.connection, child = context.Pipe()
        self.process: BaseProcess = context.Process(target=worker_main, args=(child, ntriples, limits), daemon=True)
        self.process.start()
        child.close()
        self.ready = False

    def ask(self, query: str, accept: str | None, timeout: float) -> Answer | None:
        """Return the worker's answer, or None when it did not answer in time (or died)."""
        try:
            if not self.ready:
                if not self.connection.poll(60) or self.connection.recv() != "ready":
                    return None
                self.ready = True
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
    """A pool of query workers over one graph, each query bounded in time and result size."""

    def __init__(self, ntriples: bytes, limits: Limits | None = None) -> None:
        self.ntriples = ntriples
        self.limits = limits or Limits()
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.lock = threading.Lock()
        self.workers: set[Worker] = set()
        for _ in range(self.limits.workers):
            self.idle.put(self.start_worker())

    def start_worker(self) -> Worker:
        worker = Worker(self.ntriples, self.limits)
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
