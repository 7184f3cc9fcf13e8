"""The pool of worker processes that answer queries, each query bounded in time.

Each worker opens the graph's store as ``aimkg query`` does (``aimkg.query.store.open_store``: the
store on disk in the cache folder, read-only, which the server builds before starting them, so
that they start in milliseconds and share the operating system's page cache; in memory when the
cache is off). A query that overruns its time limit is
stopped by killing its worker (pyoxigraph cannot cancel a running query), and a fresh worker
takes its place. Workers import no rdflib, so that they start fast.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from collections.abc import Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from aimkg.core.errors import AimkgError, InputError
from aimkg.core.limits import DEFAULT_LIMITS, InputLimits
from aimkg.publish.sparql import Answer, QueryLimits
from aimkg.publish.sparql.guard import too_long
from aimkg.publish.sparql.run import run_query
from aimkg.query.store import open_store, store_entry

READY = "ready"


def worker_main(connection: Connection, files: Sequence[Path], input_limits: InputLimits, limits: QueryLimits) -> None:
    """Load the graph, then serve queries from one connection until it closes: the body of a worker process."""
    try:
        store = open_store(files, input_limits)
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
        store_entry(self.files, input_limits)  # built once here, rather than by every worker at once
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
        refused = too_long(query, self.limits.max_query_chars)
        if refused is not None:
            return refused
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
