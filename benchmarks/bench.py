"""Benchmark load, export and query on a synthetic catalog, pyoxigraph beside rdflib, serdi as reference.

    python -m benchmarks.bench [--triples 1000000] [--rdflib-timeout 60] [--rdflib-query-timeout 5]

Prints one table and writes it, with the raw numbers, to benchmarks/out/. Each pyoxigraph
figure is the best of a few runs; rdflib steps run once in a child process and are cut off
at a timeout (reported as "> N s"), so the whole run takes a few minutes at a million triples.
Targets (issue 3): load within 2x serdi, every shipped query <= 0.3 s, every export format
<= 10 s, ``aimkg --help`` <= 0.3 s and ``aimkg query NAME`` on the bundled data <= 0.6 s.
A query's time is what ``aimkg query NAME`` spends once the graph is loaded: the engine's
evaluation and the table it prints (for pyoxigraph, written from the rows as they stream).
"pyoxigraph alone" is the floor under aimkg's figure: ``Store.load`` of the Turtle bytes with
none of aimkg's checks, and a query's evaluation with its rows read and dropped.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pyoxigraph as ox

from aimkg.core.resources import ontology_files
from aimkg.export.formats import FORMATS, ExportGraph, Format
from aimkg.io.ntriples import ntriples
from aimkg.io.read import read_ntriples, read_store, read_triples
from aimkg.io.turtle import turtle as turtle_text
from aimkg.query.queries import Query, bindings, resolve, run_oxigraph, shipped_queries, with_parameters
from aimkg.query.results import render
from benchmarks.synthetic import synthetic_triples

OUT = Path(__file__).parent / "out"
AIMKG = Path(sys.executable).parent / "aimkg"
AS_OF = "2025-01-01"  # a fixed date, so that time-aware queries do the same work on every run
#: Queries with an optional filter also run as people use them: for one thing of the synthetic catalog.
TYPICAL = {
    "price-history": {"model_id": "synth-p0-m0-v0-e0"},
    "endpoint-ids": {"model_id": "synth-p0-m0-v0-e0"},
    "versions-of-model": {"model": "synth-p0-m0"},
    "benchmark-scores": {"benchmark": "synth-b0"},
    "undisclosed": {"provider": "synth-p0"},
}
RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld"}

#: Runs in a child process: rdflib steps, each cut off by an alarm, one JSON line per step.
RDFLIB_WORKER = """
import json, signal, sys, time
from rdflib import Graph
path, timeout, query_timeout = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
formats, queries = json.loads(sys.argv[4]), json.loads(sys.argv[5])

class TimedOut(Exception):
    pass

def alarm(signum, frame):
    raise TimedOut()

signal.signal(signal.SIGALRM, alarm)

def step(name, work, timeout=timeout):
    signal.alarm(timeout)
    start = time.perf_counter()
    try:
        work()
        seconds = time.perf_counter() - start
    except TimedOut:
        seconds = None
    signal.alarm(0)
    print(json.dumps([name, seconds]), flush=True)
    return seconds is not None

graph = Graph()
if step("load", lambda: graph.parse(path, format="nt")):
    for name, fmt in formats.items():
        step("export " + name, lambda: graph.serialize(format=fmt))
    from aimkg.query.queries import run_rdflib
    from aimkg.query.results import render
    for name, (text, prefixes) in queries.items():  # as `aimkg query --engine rdflib` does: the table too
        step("query " + name, lambda: render(run_rdflib(name, text, graph), "table", prefixes), query_timeout)
"""


def best(work: Callable[[], object], repeat: int = 3) -> float:
    """Return the best wall-clock time of a few runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def export(fmt: Format, triples: list[ox.Triple]) -> bytes:
    """Write the triples in one export format, as ``aimkg export`` does."""
    return fmt.build(ExportGraph(triples))


def answer(query: Query, text: str, store: ox.Store) -> str:
    """Do what ``aimkg query`` does once the store is loaded: evaluate, and write the table from the streamed rows."""
    return render(run_oxigraph(query.name, text, store, stream=True), "table", query.prefixes)


def evaluate(store: ox.Store, text: str) -> None:
    """Evaluate a query and drop its answer: the engine's share of a query's time."""
    answer = store.query(text)
    if not isinstance(answer, ox.QueryBoolean):
        deque(answer, maxlen=0)


def process_time(command: list[str], repeat: int = 5) -> float:
    return best(lambda: subprocess.run(command, check=True, stdout=subprocess.DEVNULL), repeat)


def rdflib_steps(
    path: Path, timeouts: tuple[int, int], queries: dict[str, tuple[str, dict[str, str]]]
) -> dict[str, float | None]:
    """Run the rdflib steps in a child process; a step missing from its output timed out."""
    command = [
        sys.executable,
        "-c",
        RDFLIB_WORKER,
        str(path),
        *map(str, timeouts),
        json.dumps(RDFLIB_FORMATS),
    ]
    done = subprocess.run([*command, json.dumps(queries)], capture_output=True, text=True, check=False)
    return dict(json.loads(line) for line in done.stdout.splitlines() if line.startswith("["))


def seconds(value: float | None, timeout: int | None = None) -> str:
    if value is None:
        return f"> {timeout} s" if timeout else "-"
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rdflib-timeout", type=int, default=60, help="seconds for rdflib's load, each export")
    parser.add_argument("--rdflib-query-timeout", type=int, default=5, help="seconds for each rdflib query")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    rows: list[tuple[str, str, str, str, str, str]] = []  # task, aimkg, pyoxigraph alone, rdflib, target, verdict

    def row(
        task: str, took: float | None, rdflib: str, target: str, limit: float | None, alone: float | None = None
    ) -> None:
        verdict = "-" if took is None or limit is None else "ok" if took <= limit else "MISSED"
        rows.append((task, seconds(took), seconds(alone) if alone is not None else "", rdflib, target, verdict))

    print(f"generating {args.triples} triples (seed {args.seed}) ...", file=sys.stderr)
    triples = synthetic_triples(args.triples, args.seed) + read_triples(ontology_files())
    turtle_path, ntriples_path = OUT / "synthetic.ttl", OUT / "synthetic.nt"
    turtle_path.write_text(turtle_text(triples), encoding="utf-8")
    ntriples_path.write_bytes(ntriples(triples))

    queries: dict[str, tuple[Query, str]] = {}  # label: the query and its text with parameters bound
    for name in shipped_queries():
        query = resolve(name)
        dated = AS_OF if any(p.name == "as_of" for p in query.parameters) else None
        queries[name] = query, with_parameters(query, bindings(query, {}, dated))
        if name in TYPICAL:
            values = TYPICAL[name]
            label = f"{name} --param {','.join(f'{k}={v}' for k, v in values.items())}"
            queries[label] = query, with_parameters(query, bindings(query, values, dated))

    print("rdflib (in a child process, with timeouts) ...", file=sys.stderr)
    texts = {label: (text, query.prefixes) for label, (query, text) in queries.items()}
    slow = rdflib_steps(ntriples_path, (args.rdflib_timeout, args.rdflib_query_timeout), texts)

    def rdflib_cell(step: str) -> str:
        if step not in slow and slow.get("load") is None:
            return "not run (load timed out)"
        return seconds(slow.get(step), args.rdflib_query_timeout if step.startswith("query") else args.rdflib_timeout)

    print("load ...", file=sys.stderr)
    serdi = shutil.which("serdi")
    serdi_time = process_time([serdi, "-i", "turtle", str(turtle_path)], 3) if serdi else None
    limit = 2 * serdi_time if serdi_time else None
    target = f"<= 2x serdi = {seconds(limit)}"
    load = best(lambda: read_store([turtle_path]), 2)
    turtle = turtle_path.read_bytes()
    alone = best(lambda: ox.Store().load(turtle, format=ox.RdfFormat.TURTLE), 2)
    row("load into a query store (Turtle)", load, rdflib_cell("load"), target, limit, alone)
    row(
        "parse Turtle, write N-Triples (io.read.read_ntriples)",
        best(lambda: read_ntriples([turtle_path]), 2),
        "",
        target,
        limit,
    )
    row("parse Turtle to Python terms (rdfio.read_triples)", best(lambda: read_triples([turtle_path]), 2), "", "", None)
    row("serdi: parse Turtle, write N-Triples", serdi_time, "", "reference", None)

    print("export ...", file=sys.stderr)
    for name, fmt in FORMATS.items():
        took = best(partial(export, fmt, triples), 2)
        cell = rdflib_cell(f"export {name}") if name in RDFLIB_FORMATS else "n/a"
        row(f"export {name}", took, cell, "<= 10 s", 10)

    print("query ...", file=sys.stderr)
    store = read_store([turtle_path])
    for label, (query, text) in queries.items():
        took = best(partial(answer, query, text, store))
        alone = best(partial(evaluate, store, text))
        row(f"query {label}", took, rdflib_cell(f"query {label}"), "<= 0.3 s", 0.3, alone)

    print("whole processes ...", file=sys.stderr)
    row("process: aimkg --help", process_time([str(AIMKG), "--help"]), "", "<= 0.3 s", 0.3)
    query_time = process_time([str(AIMKG), "query", "versions-of-model"])
    row("process: aimkg query versions-of-model", query_time, "", "<= 0.6 s", 0.6)

    header = ("task", "aimkg (pyoxigraph)", "pyoxigraph alone", "rdflib", "target", "")
    table = [header, *rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(r, widths, strict=True)).rstrip() for r in table]
    lines.insert(1, "  ".join("-" * width for width in widths))
    report = f"{len(triples)} triples, seed {args.seed}\n" + "\n".join(lines) + "\n"
    print(report)
    (OUT / "bench.txt").write_text(report, encoding="utf-8")
    (OUT / "bench.json").write_text(json.dumps({"triples": len(triples), "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
