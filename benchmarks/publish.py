"""Benchmark the site build and the query store: the whole catalog and a 1M-triple synthetic catalog.

    python -m benchmarks.publish [--triples 1000000] [--jobs 2] [--skip-catalog] [--skip-synthetic]

Site (issue 15 targets: the whole catalog in <= 60 s and <= 1 GB; 1M synthetic triples in
<= 120 s and <= 1.5 GB). Each build is a whole ``aimkg site --no-validate`` process, timed on the
wall clock, with its memory sampled every second (SAMPLE_SECONDS) over the process and the processes it forks:
the peak of their summed proportional set size (PSS: a page shared by n processes counts 1/n
in each, so memory the forked page writers share is counted once), and of their summed
resident size (RSS, which counts shared pages in every process, an upper bound). Three builds:

- cold: an empty cache folder and no previous site, so the whole-graph exports are written too,
  unless they are the build's (the catalog after ``make build``: linked from dist/);
- warm: the exports in the cache or dist/ (as after any earlier build of the same inputs), a new folder;
- again: over the previous site with nothing changed (the site's key is the same: nothing drawn);
- again, forced: the same with ``--force``, so every page is drawn and compared, none written.

Floors beside them, measured on the same machine in the same run: creating as many files of the
same sizes in a new folder with the same number of processes (what the disk charges for a
fresh site, whatever writes it), writing the whole-graph exports once (``aimkg export --all``),
and loading the graph into the site's store.

Query store (target: the second ``aimkg query`` on a 1M-triple catalog in <= 0.3 s, the whole
process included): ``aimkg query`` as a whole process, best of five, with the store on disk
(second call) beside today's reload (``AIMKG_CACHE=off``: the files parsed into memory on every
call) and the first call (which builds the store); ``python -c pass`` and ``aimkg --help`` are
the floor of any process, and provider-summary run by pyoxigraph alone (a process that opens the
same store and reads the same query's rows, ``ENGINE_ALONE``) the floor of that query.

Prints a table and writes it, with the raw numbers, to benchmarks/out/publish.{md,json}.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from multiprocessing import Pool
from pathlib import Path

import pyoxigraph as ox

from aimkg.core.resources import catalog_file, queries_dir
from aimkg.io.read import bundled_files
from benchmarks.synthetic import synthetic_triples

OUT = Path(__file__).parent / "out"
AIMKG = str(Path(sys.executable).parent / "aimkg")
AS_OF = "2025-01-01"
#: How often the memory of a build is read: every 0.1 s, reading /proc of a 3 GB tree took a quarter of a CPU.
SAMPLE_SECONDS = 1.0


@dataclass
class Run:
    seconds: float
    pss_mib: float  # peak of the summed PSS of the process tree
    rss_mib: float  # peak of the summed RSS of the process tree
    exit_code: int
    stderr: str = ""


def tree(pid: int) -> list[int]:
    """A process and its descendants: the children of each of its threads (a pool forks its fresh workers from one)."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            threads = list(Path(f"/proc/{current}/task").glob("*/children"))
        except OSError:  # it ended while the tree was read (a pool replacing a writer)
            continue
        for children in threads:
            try:
                pending.extend(int(c) for c in children.read_text().split())
            except OSError:
                continue
    return found


def memory_kib(pid: int) -> tuple[int, int]:
    """The summed PSS and RSS of a process and its descendants, in KiB."""
    pss = rss = 0
    for member in tree(pid):
        try:
            for line in Path(f"/proc/{member}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss += int(line.split()[1])
        except OSError:
            continue
    return pss, rss


def measure(command: list[str], env: dict[str, str] | None = None) -> Run:
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak_pss = peak_rss = 0
    while True:
        pss, rss = memory_kib(child.pid)
        peak_pss, peak_rss = max(peak_pss, pss), max(peak_rss, rss)
        try:
            child.wait(timeout=SAMPLE_SECONDS)
            break
        except subprocess.TimeoutExpired:
            continue
    seconds = time.perf_counter() - started
    said = child.stderr.read().decode() if child.stderr else ""
    if child.returncode:
        print(said, file=sys.stderr)
    return Run(seconds, peak_pss / 1024, peak_rss / 1024, child.returncode, said)


def best_time(command: list[str], env: dict[str, str], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - started)
    return min(times)


def create(job: tuple[Path, list[int]]) -> None:
    folder, sizes = job
    folder.mkdir(parents=True, exist_ok=True)
    for number, size in enumerate(sizes):
        (folder / f"f{number}").write_bytes(b"x" * size)


def file_floor(site: Path, work: Path, jobs: int) -> float:
    """Create as many files of the same sizes as the site has, in a new folder, with ``jobs`` processes."""
    sizes = [path.stat().st_size for path in site.rglob("*") if path.is_file()]
    target = work / "floor"
    parts = [(target / str(n), sizes[n::jobs]) for n in range(jobs)]
    started = time.perf_counter()
    with Pool(jobs) as pool:
        pool.map(create, parts)
    seconds = time.perf_counter() - started
    shutil.rmtree(target)
    return seconds


def verdict(value: float, limit: float | None) -> str:
    return "-" if limit is None else "ok" if value <= limit else "MISSED"


def site_rows(name: str, files: list[Path], work: Path, jobs: int, limits: tuple[float, float]) -> list[list[str]]:
    """Build the site of the curated data with ``files`` three ways, and measure the floors."""
    sources = ["--curated", *map(str, files)]
    cache = work / f"cache-{name}"
    env = {**os.environ, "AIMKG_CACHE": str(cache)}
    output = work / f"site-{name}"
    command = [AIMKG, "site", "--no-validate", "--jobs", str(jobs), "-o", str(output), *sources]
    seconds_limit, mib_limit = limits
    rows = Rows()
    builds = {
        "cold (empty cache)": command,
        "warm (exports ready)": command,
        "again (nothing changed)": command,
        "again, --force (every page drawn)": [*command, "--force"],
    }
    for label, arguments in builds.items():
        if label.startswith("warm"):
            shutil.rmtree(output)
        os.sync()  # the previous build's files and their deletion written back first, not during this build
        print(f"{name}: site {label} ...", file=sys.stderr, flush=True)
        run = measure(arguments, env)
        count = sum(1 for path in output.rglob("*") if path.is_file())
        rows.append(
            [
                f"{name}: aimkg site, {label}",
                f"{run.seconds:.1f} s",
                mib(run.pss_mib),
                mib(run.rss_mib),
                f"{count:,} files",
                f"<= {seconds_limit:.0f} s, <= {mib_limit / 1024:g} GiB",
                f"{verdict(run.seconds, seconds_limit)}, {verdict(run.pss_mib, mib_limit)}",
            ]
        )
    print(f"{name}: floors ...", file=sys.stderr, flush=True)
    floor = file_floor(output, work, jobs)
    rows.append([f"{name}: floor, creating {count:,} files ({jobs} processes)", f"{floor:.1f} s", "", "", "", "", ""])
    export = measure([AIMKG, "export", "--all", "--no-validate", "-o", str(work / f"dist-{name}"), *sources], env)
    rows.append([f"{name}: floor, aimkg export --all", f"{export.seconds:.1f} s", mib(export.pss_mib), "", "", "", ""])
    code = "import sys; from aimkg.publish.graph import lexical_store; lexical_store(sys.argv[1:])"
    load = measure([sys.executable, "-c", code, *map(str, [*bundled_files(), *files])], env)
    rows.append(
        [f"{name}: floor, loading the site's store", f"{load.seconds:.1f} s", mib(load.pss_mib), "", "", "", ""]
    )
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(work / f"dist-{name}", ignore_errors=True)
    return rows


def query_rows(data: Path, work: Path) -> list[list[str]]:
    """The second `aimkg query` on the store, beside today's reload and the first call."""
    cache = work / "cache-query"
    stored = {**os.environ, "AIMKG_CACHE": str(cache)}
    reload = {**os.environ, "AIMKG_CACHE": "off"}
    base = [AIMKG, "query", "--curated", "--data", str(data)]
    queries = {
        "versions-of-model --param model=synth-p0-m0": ["versions-of-model", "--param", "model=synth-p0-m0"],
        "who-serves --param version=synth-p0-m0-v0": ["who-serves", "--param", "version=synth-p0-m0-v0"],
        "endpoint-ids --param model_id=synth-p0-m0-v0-e0": ["endpoint-ids", "--param", "model_id=synth-p0-m0-v0-e0"],
        "provider-summary": ["provider-summary"],
    }
    rows = Rows()
    first = measure([*base, *queries["provider-summary"]], stored)
    rows.append(["query: first call (builds the store on disk)", f"{first.seconds:.2f} s", mib(first.pss_mib),
                 "", "", "", ""])  # fmt: skip
    for label, arguments in queries.items():
        print(f"query {label} ...", file=sys.stderr, flush=True)
        second = best_time([*base, *arguments], stored)
        today = best_time([*base, *arguments], reload, 3)
        rows.append([f"query {label}: second call", f"{second:.3f} s", "", "", f"reload: {today:.2f} s",
                     "<= 0.3 s", verdict(second, 0.3)])  # fmt: skip
    rows.append(["floor: python -c pass", f"{best_time([sys.executable, '-c', 'pass'], stored):.3f} s", "", "", "",
                 "", ""])  # fmt: skip
    rows.append(["floor: aimkg --help", f"{best_time([AIMKG, '--help'], stored):.3f} s", "", "", "", "", ""])
    alone = engine_floor(cache, queries_dir() / "provider-summary.rq", stored)
    rows.append(["floor: provider-summary by pyoxigraph alone", f"{alone:.3f} s", "", "", "", "", ""])
    return rows


#: The floor of a query: a bare process that opens the store read-only and reads every row of the query.
ENGINE_ALONE = (
    "import sys, pyoxigraph as ox; rows = list(ox.Store.read_only(sys.argv[1]).query(open(sys.argv[2]).read()))"
)


def engine_floor(cache: Path, query: Path, env: dict[str, str]) -> float:
    """``ENGINE_ALONE`` on the store the calls before built (the only one in the cache folder)."""
    (store,) = cache.glob("store/*/oxigraph")
    return best_time([sys.executable, "-c", ENGINE_ALONE, str(store), str(query)], env)


def table_row(row: list[str]) -> str:
    return "| " + " | ".join(row) + " |"


def table(rows: list[list[str]]) -> str:
    header = ["task", "wall time", "peak PSS", "peak RSS", "", "target", "verdict"]
    lines = [table_row(header), "|" + "---|" * len(header), *map(table_row, rows)]
    return "\n".join(lines) + "\n"


class Rows(list[list[str]]):
    """The report's rows, each printed (stderr) as it is measured: a run that fails midway keeps what it measured."""

    def append(self, row: list[str]) -> None:
        print(table_row(row), file=sys.stderr, flush=True)
        super().append(row)


def mib(value: float) -> str:
    """A peak in MiB; none for a process that ended before its memory was sampled (under 1 MiB: not yet started)."""
    return f"{value:.0f} MiB" if value >= 1 else "not sampled"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1))
    parser.add_argument("--skip-catalog", action="store_true")
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--skip-query", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    rows = Rows()
    with tempfile.TemporaryDirectory(prefix="aimkg-bench-") as folder:
        work = Path(folder)
        data = work / f"synthetic-{args.triples}.nt"
        if not (args.skip_synthetic and args.skip_query):
            print(f"generating {args.triples} triples ...", file=sys.stderr, flush=True)
            ox.serialize(synthetic_triples(args.triples), data)
        if not args.skip_catalog:
            if catalog_file().is_file():
                rows += site_rows("catalog", [catalog_file()], work, args.jobs, (60, 1024))
            else:
                rows.append(["catalog: not built (run make build first)", "", "", "", "", "", ""])
        if not args.skip_synthetic:
            rows += site_rows(f"{args.triples // 1000}k synthetic", [data], work, args.jobs, (120, 1536))
        if not args.skip_query:
            rows += query_rows(data, work)
    load = os.getloadavg()
    report = (
        f"{os.cpu_count()} CPUs, {args.jobs} page-writing processes; load average at the end "
        f"{load[0]:.1f} {load[1]:.1f} {load[2]:.1f}\n\n{table(rows)}"
    )
    print(report)
    (OUT / "publish.md").write_text(report, encoding="utf-8")
    (OUT / "publish.json").write_text(json.dumps({"rows": rows}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
