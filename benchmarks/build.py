"""Benchmark the catalog build: issue 12's target is the catalog part of a clean build (import,
reconcile, validate, export) in <= 90 s on this 2-core machine, and a second build with nothing
changed in <= 5 s.

    python -m benchmarks.build

``aimkg build --force`` runs as a whole process into a temporary work folder and dist/ (the
checkout's build/ and dist/ are left alone), timed on the wall clock with its peak RSS as the
kernel counts it (``getrusage``: the build is one process; sampling /proc every 0.1 s, as
``benchmarks.publish.measure`` does for the site's process tree, slowed the 3 GB build from 67 s
to 92 s), and each stage's time as the build reports it. The validation runs in a thread beside
the export, so the stages' times add up to more than the wall time. Then the same build again,
with nothing changed.

Floors beside them, each the same work done by the fastest tool at hand, in a process of its own:

- reading the pinned catalogs: ``json``/``tomllib`` over every pinned file and the models.dev
  history, what any importer must do before it makes one triple;
- validating: shacl's own evaluation of the shapes over the whole document (the fastest SHACL
  engine found that runs aimkg's SHACL-SPARQL rules with pySHACL's results: pySHACL-turbo takes
  about 80 s), and the same with one trivial shape, which is its parsing of the document alone;
- exporting: pyoxigraph (Rust) parsing the catalog and writing it as N-Triples, Turtle, N-Quads,
  TriG and JSON-LD, unsorted and without the provenance graphs or the shared context.

The floor of the whole is reading, then the longer of validating and writing (the build runs
the validation beside the export). Prints a table and writes it, with the raw numbers, to
benchmarks/out/build.{md,json}.
"""

from __future__ import annotations

import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.publish import AIMKG, OUT, Run, verdict

TARGET_SECONDS = 90
AGAIN_TARGET_SECONDS = 5

READ_INPUTS = """
import gzip, json, tomllib
from pathlib import Path
upstream = Path("upstream")
json.loads((upstream / "litellm" / "model_prices_and_context_window.json").read_bytes())
json.loads((upstream / "genai-prices" / "data.json").read_bytes())
for path in sorted((upstream / "models-dev").rglob("*.toml")):
    tomllib.loads(path.read_text(encoding="utf-8"))
with gzip.open(upstream / "models-dev" / "history.jsonl.gz", "rt", encoding="utf-8") as lines:
    for line in lines:
        json.loads(line)
"""

VALIDATE = """
import sys, time
from pathlib import Path
from aimkg.io.read import read_ntriples
from aimkg.core.resources import bundled_files
from aimkg.validate import engine_module, named_property_shapes, shapes_graph
document = read_ntriples(bundled_files()) + Path(sys.argv[1]).read_text(encoding="utf-8")
trivial = "[] a <http://www.w3.org/ns/shacl#NodeShape> ; <http://www.w3.org/ns/shacl#targetNode> <urn:none> ; " \
    "<http://www.w3.org/ns/shacl#nodeKind> <http://www.w3.org/ns/shacl#IRI> ."
shapes = named_property_shapes(shapes_graph()).serialize(format="nt")
for name, text, form in (("parse", trivial, "turtle"), ("shapes", shapes, "ntriples")):
    program = engine_module("shacl").Shapes.from_text(text, format=form)
    started = time.perf_counter()
    program.validate_text(document, format="ntriples", allow_warnings=True)
    print(name, time.perf_counter() - started)
"""

WRITE = """
import sys, time
from pathlib import Path
import pyoxigraph as ox
started = time.perf_counter()
triples = [quad.triple for quad in ox.parse(path=sys.argv[1], format=ox.RdfFormat.N_TRIPLES)]
for fmt in ("N_TRIPLES", "TURTLE", "N_QUADS", "TRIG", "JSON_LD"):
    ox.serialize(triples if fmt in ("N_TRIPLES", "TURTLE") else (ox.Quad(*t) for t in triples),
                 format=getattr(ox.RdfFormat, fmt))
print("write", time.perf_counter() - started)
"""


def stage_seconds(log: str) -> dict[str, float]:
    """Each stage's time from the build's log lines (``validate: built (81.2 s)``)."""
    found = re.findall(r"^(\w+): (?:built|up to date) \(([\d.]+) s\)$", log, re.MULTILINE)
    return {stage: float(seconds) for stage, seconds in found}


def measure(command: list[str]) -> Run:
    """Run a process to its end: its wall time, the peak RSS of the processes waited for so far, what it said.

    The build is the first process measured, so the peak is its own.
    """
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    if done.returncode:
        print(done.stderr, file=sys.stderr)
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return Run(seconds, peak_mib, peak_mib, done.returncode, done.stderr)


def timed_lines(run: Run) -> dict[str, float]:
    """The ``name seconds`` lines a floor script prints."""
    return {name: float(seconds) for name, seconds in (line.split() for line in run.stderr.splitlines() if line)}


def python(script: str, *arguments: str) -> Run:
    """A floor script in a process of its own; it prints its timings to stderr."""
    return measure([sys.executable, "-c", f"import sys; sys.stdout = sys.stderr\n{script}", *arguments])


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="aimkg-bench-build-") as folder:
        work, dist = Path(folder) / "build", Path(folder) / "dist"
        command = [AIMKG, "build", "--force", "--work", str(work), "-o", str(dist)]
        print("aimkg build --force ...", file=sys.stderr, flush=True)
        clean = measure(command)
        stages = stage_seconds(clean.stderr)
        again = measure(command[:2] + command[3:])  # without --force: nothing changed
        catalog = work / "catalog.nt"
        print("floors ...", file=sys.stderr, flush=True)
        reading = measure([sys.executable, "-c", READ_INPUTS])
        validating = timed_lines(python(VALIDATE, str(catalog)))
        writing = timed_lines(python(WRITE, str(catalog)))
    floor = reading.seconds + max(validating["shapes"], writing["write"])
    target, again_target = f"<= {TARGET_SECONDS:.0f} s", f"<= {AGAIN_TARGET_SECONDS:.0f} s"
    memory = ["", f"{clean.rss_mib:.0f} MiB"]
    rows = [
        [
            "aimkg build --force (clean)",
            f"{clean.seconds:.1f} s",
            *memory,
            target,
            verdict(clean.seconds, TARGET_SECONDS),
        ]
    ]
    rows += [[f"stage {stage}", f"{seconds:.1f} s", "", "", "", ""] for stage, seconds in stages.items()]
    rows.append(
        [
            "aimkg build, nothing changed",
            f"{again.seconds:.2f} s",
            "",
            "",
            again_target,
            verdict(again.seconds, AGAIN_TARGET_SECONDS),
        ]
    )
    floors = {
        "reading the pinned catalogs (json, tomllib)": reading.seconds,
        "shacl parsing the document (one trivial shape)": validating["parse"],
        "shacl validating with aimkg's shapes": validating["shapes"],
        "pyoxigraph writing five formats, unsorted": writing["write"],
    }
    rows += [[f"floor: {name}", f"{seconds:.1f} s", "", "", "", ""] for name, seconds in floors.items()]
    rows.append(["floor of a clean build: reading, then validating beside writing", f"{floor:.1f} s", "", "", "", ""])
    raw = {"clean": clean.__dict__, "stages": stages, "again": again.seconds, "floors": floors}
    header = ["task", "wall time", "peak PSS", "peak RSS", "target", "verdict"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    text = "\n".join(lines) + "\n"
    OUT.mkdir(exist_ok=True)
    (OUT / "build.md").write_text(text, encoding="utf-8")
    (OUT / "build.json").write_text(json.dumps(raw, indent=2) + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
