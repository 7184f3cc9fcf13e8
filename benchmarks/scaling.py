"""Scaling benchmark: load, validate, export, query and site build at 10k, 100k and 1M triples.

    python -m benchmarks.scaling [--sizes 10000 100000 1000000] [--timeout 180]

Every step runs as a whole `aimkg` process (or a short Python script) on a synthetic catalog
(benchmarks/synthetic.py) added to the bundled graph, and is measured for wall time and peak
resident memory (from the kernel's accounting of that child). A step that overruns the timeout
is cut off and reported as "> N s". The table also gives how each step grows: the exponent k
in time ~ size^k between successive sizes (1 is linear).

Validation targets (issue 6): at 1M triples, the same result as pySHACL in <= 30 s and <= 1 GB.
pySHACL is the validator of record and runs in its default configuration beside the
pySHACL-turbo engine; the shape tests assert that both give the same findings.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from benchmarks.synthetic import synthetic_triples

OUT = Path(__file__).parent / "out"
BIN = Path(sys.executable).parent
AS_OF = "2025-01-01"

LOAD_STORE = (
    "import sys; from aimkg.rdfio import bundled_files, load_store; load_store([*bundled_files(), sys.argv[1]])"
)
LOAD_RDFLIB = "import sys; from aimkg.load import load; load([sys.argv[1]])"
ALL_QUERIES = """import sys
from aimkg.query import bindings, resolve, run_oxigraph, shipped_queries, with_parameters
from aimkg.rdfio import bundled_files, load_store
store = load_store([*bundled_files(), sys.argv[1]])
for name in shipped_queries():
    query = resolve(name)
    as_of = sys.argv[2] if any(p.name == "as_of" for p in query.parameters) else None
    run_oxigraph(name, with_parameters(query, bindings(query, {}, as_of)), store)
"""


@dataclass
class Measure:
    seconds: float | None  # None: cut off at the timeout
    peak_mib: float
    exit_code: int | None


def run(command: list[str], timeout: float) -> Measure:
    """Run one step as a child process; return its wall time and peak memory (or that it timed out)."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
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
        "validate (pyshacl)": [aimkg, "validate", str(data)],
        "validate (turbo)": [aimkg, "validate", "--engine", "turbo", str(data)],
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--timeout", type=float, default=180, help="seconds before a step is cut off")
    parser.add_argument("--only", nargs="*", help="run only the steps whose names start with these")
    args = parser.parse_args()
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    OUT.mkdir(exist_ok=True)
    results: dict[str, dict[int, Measure]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            data = Path(folder) / f"synthetic-{size}.nt"
            ox.serialize(synthetic_triples(size), data)
            for name, command in steps(data, Path(folder)).items():
                if args.only and not any(name.startswith(prefix) for prefix in args.only):
                    continue
                measure = run(command, args.timeout)
                results.setdefault(name, {})[size] = measure
                print(f"{size:>9} {name:<26} {cell(measure, args.timeout)}", file=sys.stderr, flush=True)
    sizes = args.sizes
    header = ["step", *(f"{size:,} triples" for size in sizes)]
    header += [f"k {a // 1000}k→{b // 1000}k" for a, b in itertools.pairwise(sizes)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, by_size in results.items():
        row = [name, *(cell(by_size.get(size), args.timeout) for size in sizes)]
        row += [growth(by_size.get(a), by_size.get(b), b / a) for a, b in itertools.pairwise(sizes)]
        lines.append("| " + " | ".join(row) + " |")
    table = "\n".join(lines)
    print(table)
    (OUT / "scaling.md").write_text(table + "\n")
    raw = {name: {size: vars(m) for size, m in by_size.items()} for name, by_size in results.items()}
    (OUT / "scaling.json").write_text(json.dumps(raw, indent=2) + "\n")


if __name__ == "__main__":
    main()
