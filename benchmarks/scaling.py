"""Scaling benchmark: load, validate, export, query and site build at 10k, 100k and 1M triples.

    python -m benchmarks.scaling [--sizes 10000 100000 1000000] [--timeout 180]

Every step runs as a whole `aimkg` process (or a short Python script) on a synthetic catalog
(benchmarks/synthetic.py) added to the bundled graph, and is measured for wall time and peak
resident memory (from the kernel's accounting of that child). A step that overruns the timeout
is cut off and reported as "> N s". The table also gives how each step grows: the exponent k
in time ~ size^k between successive sizes (1 is linear).

Validation targets (issue 6): at 1M triples, the same result as pySHACL in <= 30 s and <= 1 GB.
pySHACL is the validator of record and runs in its default configuration beside the
pySHACL-turbo engine. Validation also reads the shape tests' broken cases, so that there are
findings at every size, and the two engines' JSON reports are compared wherever both finish.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from benchmarks.synthetic import defect_files, synthetic_triples

OUT = Path(__file__).parent / "out"
BIN = Path(sys.executable).parent
AS_OF = "2025-01-01"

LOAD_STORE = (
    "import sys; from aimkg.io.read import bundled_files, read_store; read_store([*bundled_files(), sys.argv[1]])"
)
PYSHACL, TURBO = "validate (pyshacl)", "validate (turbo)"
LOAD_RDFLIB = "import sys; from aimkg.load import load; load([sys.argv[1]])"
ALL_QUERIES = """import sys
from aimkg.query.queries import bindings, resolve, run_oxigraph, shipped_queries, with_parameters
from aimkg.io.read import bundled_files, read_store
from aimkg.query.results import render
store = read_store([*bundled_files(), sys.argv[1]])
for name in shipped_queries():
    query = resolve(name)
    as_of = sys.argv[2] if any(p.name == "as_of" for p in query.parameters) else None
    text = with_parameters(query, bindings(query, {}, as_of))
    render(run_oxigraph(name, text, store, stream=True), "table", query.prefixes)  # as aimkg query does
"""


@dataclass
class Measure:
    seconds: float | None  # None: cut off at the timeout
    peak_mib: float
    exit_code: int | None


def run(command: list[str], timeout: float, output: Path) -> Measure:
    """Run one step as a child process, its output to a file; return its wall time and peak memory."""
    started = time.perf_counter()
    with output.open("wb") as sink:
        child = subprocess.Popen(command, stdout=sink, stderr=subprocess.PIPE)
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            elapsed = time.perf_counter() - started
            child.returncode = os.waitstatus_to_exitcode(status)
            return Measure(elapsed, usage.ru_maxrss / 1024, child.returncode)
        if time.perf_counter() > deadline:
            child.kill()
            _, _, usage = os.wait4(child.pid, 0)
            return Measure(None, usage.ru_maxrss / 1024, None)
        time.sleep(0.05)


def steps(data: Path, work: Path) -> dict[str, list[str]]:
    aimkg = str(BIN / "aimkg")
    python = sys.executable
    defects = [str(path) for path in defect_files(work)]  # so that validation has findings to agree on
    exports = {
        f"export {name}": [
            aimkg,
            "export",
            "--no-validate",
            "--format",
            name,
            "-o",
            str(work / f"out.{name}"),
            str(data),
        ]
        for name in ("turtle", "ntriples", "nquads", "trig", "jsonld", "jsonld-framed")
    }
    return {
        "load (pyoxigraph store)": [python, "-c", LOAD_STORE, str(data)],
        "load (rdflib graph)": [python, "-c", LOAD_RDFLIB, str(data)],
        PYSHACL: [aimkg, "validate", "--format", "json", str(data), *defects],
        TURBO: [aimkg, "validate", "--format", "json", "--engine", "turbo", str(data), *defects],
        **exports,
        "query (load + all shipped)": [python, "-c", ALL_QUERIES, str(data), AS_OF],
        "site": [aimkg, "site", "--no-validate", "-o", str(work / "site"), str(data)],
    }


def cell(measure: Measure | None, timeout: float) -> str:
    if measure is None:
        return "-"
    time_text = f"> {timeout:.0f} s" if measure.seconds is None else f"{measure.seconds:.1f} s"
    failed = "" if measure.exit_code in (0, None) else f" (exit {measure.exit_code})"
    return f"{time_text}, {measure.peak_mib:.0f} MiB{failed}"


def growth(small: Measure | None, large: Measure | None, factor: float) -> str:
    if not small or not large or small.seconds is None or large.seconds is None or small.seconds <= 0:
        return "-"
    return f"{math.log(large.seconds / small.seconds) / math.log(factor):.2f}"


def same_report(work: Path) -> str:
    """Compare the two engines' JSON reports: the issue asks for pySHACL's very result."""
    reports = [work / f"{PYSHACL}.out", work / f"{TURBO}.out"]
    if not all(report.exists() and report.stat().st_size for report in reports):
        return "not compared: a validation did not finish"
    # Blank node labels are the only thing allowed to differ (each parser names them afresh), and
    # with them the order of results about blank nodes.
    pyshacl, turbo = (json.loads(re.sub(r"_:[0-9A-Za-z]+", "_:", report.read_text())) for report in reports)
    for report in (pyshacl, turbo):
        report["results"] = sorted(json.dumps(result, sort_keys=True) for result in report["results"])
    if pyshacl != turbo:
        return "DIFFERENT"
    return f"same ({pyshacl['violations']} violations, {pyshacl['warnings']} warnings)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--timeout", type=float, default=180, help="seconds before a step is cut off")
    parser.add_argument("--only", nargs="*", help="run only the steps whose names start with these")
    args = parser.parse_args()
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    OUT.mkdir(exist_ok=True)
    results: dict[str, dict[int, Measure]] = {}
    agreement: dict[int, str] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            work = Path(folder) / str(size)
            work.mkdir()
            data = work / f"synthetic-{size}.nt"
            ox.serialize(synthetic_triples(size), data)
            for name, command in steps(data, work).items():
                if args.only and not any(name.startswith(prefix) for prefix in args.only):
                    continue
                measure = run(command, args.timeout, work / f"{name}.out")
                results.setdefault(name, {})[size] = measure
                print(f"{size:>9} {name:<26} {cell(measure, args.timeout)}", file=sys.stderr, flush=True)
            agreement[size] = same_report(work)
    sizes = args.sizes
    header = ["step", *(f"{size:,} triples" for size in sizes)]
    header += [f"k {a // 1000}k→{b // 1000}k" for a, b in itertools.pairwise(sizes)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, by_size in results.items():
        row = [name, *(cell(by_size.get(size), args.timeout) for size in sizes)]
        row += [growth(by_size.get(a), by_size.get(b), b / a) for a, b in itertools.pairwise(sizes)]
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")
    lines += [f"pySHACL and turbo reports at {size:,} triples: {verdict}" for size, verdict in agreement.items()]
    table = "\n".join(lines)
    print(table)
    (OUT / "scaling.md").write_text(table + "\n")
    raw = {name: {size: vars(m) for size, m in by_size.items()} for name, by_size in results.items()}
    (OUT / "scaling.json").write_text(json.dumps(raw, indent=2) + "\n")


if __name__ == "__main__":
    main()
