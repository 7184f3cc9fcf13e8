"""Load test for `aimkg serve` on the built catalog: concurrent clients mixing pages, content negotiation and SPARQL.

Serves the catalog `make build` reconciled (build/catalog.nt, with the curated data) on
127.0.0.1 only, from a site built once per catalog into benchmarks/out/ (about 6 minutes the
first time), sends a bounded number of requests from a pool of client threads over entities
spread across the whole catalog, fires one deliberately slow SPARQL query early on, and reports
requests per second, p50/p99 latency per kind of request, errors, the server's memory in each
half of the run, and how fast the other requests stayed while the slow query ran. Exits 1 when
a target is missed: any error, memory growth over 20% from the first half to the second, or
requests blocked by the slow query (p99 during it above 1 s); 2 when there is no built catalog.

Run with `make loadtest` (or `python benchmarks/loadtest.py --help`); `--curated` serves the
curated graph instead, for a quick run.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

#: How many entities the page and content-negotiation requests spread over, evenly across the site.
ENTITIES = 64
#: The prices every platform charges for a model ID (GET), and the platforms serving most endpoints (POST).
MODEL_IDS = ("gpt-4o", "claude-sonnet-4-20250514", "mistral-medium-2508", "gemini-2.5-pro", "llama-3.3-70b-instruct")
PRICES_QUERY = """PREFIX aimkg: <https://w3id.org/aimkg/ontology#>
SELECT ?endpoint ?kind ?amount WHERE {{
  ?endpoint aimkg:modelId "{model_id}" . ?price aimkg:endpoint ?endpoint ; aimkg:tokenKind ?kind ; aimkg:amount ?amount
}} ORDER BY ?endpoint ?kind"""
PLATFORMS_QUERY = """PREFIX aimkg: <https://w3id.org/aimkg/ontology#>
SELECT ?platform (COUNT(?endpoint) AS ?endpoints) WHERE { ?endpoint aimkg:platform ?platform }
GROUP BY ?platform ORDER BY DESC(?endpoints) LIMIT 10"""
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
OUT = Path(__file__).resolve().parent / "out"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Count a 303 as the answer: content negotiation's job ends at the redirect."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def request_for(kind: str, number: int, base: str, entities: list[str]) -> urllib.request.Request:
    """The request number ``number`` of a kind: each kind turns through its entities or model IDs."""
    entity = entities[number % len(entities)]
    if kind == "page":
        return urllib.request.Request(f"{base}{entity}.html")
    if kind == "conneg":
        return urllib.request.Request(f"{base}{entity}", headers={"Accept": "text/turtle"})
    if kind == "sparql-get":
        query = urllib.parse.urlencode({"query": PRICES_QUERY.format(model_id=MODEL_IDS[number % len(MODEL_IDS)])})
        return urllib.request.Request(f"{base}/sparql?{query}", headers={"Accept": "application/sparql-results+json"})
    return urllib.request.Request(
        f"{base}/sparql",
        data=PLATFORMS_QUERY.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )


def spread_entities(site: Path, count: int) -> list[str]:
    """The paths of ``count`` entity pages spread evenly over the site's (sorted by kind, then slug)."""
    pages = sorted(path for path in site.glob("id/*/*.html") if path.name != "index.html")
    if not pages:
        raise SystemExit(f"{site}: no entity pages")
    step = max(1, len(pages) // count)
    return ["/" + path.relative_to(site).with_suffix("").as_posix() for path in pages[::step][:count]]


def graph_site(curated: bool) -> tuple[list[str], Path]:
    """The graph option to serve, and a site of it built once per graph and site code (cached in benchmarks/out/)."""
    from aimkg.build.pipeline import code_files, fingerprint
    from aimkg.core.resources import catalog_file, curated_files, ontology_files

    files = [*ontology_files(), *curated_files()]
    if not curated:
        if not catalog_file().is_file():
            print(f"{catalog_file()}: no built catalog; run `make build` first (or use --curated)", file=sys.stderr)
            raise SystemExit(2)
        files.append(catalog_file())
    option = ["--curated" if curated else "--catalog"]
    site = OUT / f"loadtest-site-{fingerprint([*files, *code_files('publish')])[:16]}"
    if not site.is_dir():
        print(f"building the site once into {site} (the whole catalog: about 6 minutes)", file=sys.stderr)
        started = time.perf_counter()
        command = [sys.executable, "-m", "aimkg", "site", *option, "--no-validate", "-o", str(site)]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        print(f"site built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return option, site


def send(request: urllib.request.Request, timeout: float) -> int:
    try:
        with OPENER.open(request, timeout=timeout) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


@dataclass
class Record:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    during_slow: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def process_tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and its children (the SPARQL workers), from /proc."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        # a worker being replaced may be a zombie already, with no resident memory line
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
        pending.extend(int(child) for child in children)
    return total


def wait_until_up(base: str, server: subprocess.Popen[bytes], deadline: float) -> None:
    """Wait until the server answers a page and a query: its SPARQL workers have loaded the graph."""
    json_results = {"Accept": "application/sparql-results+json"}
    ask = urllib.request.Request(f"{base}/sparql?query=ASK%7B%7D", headers=json_results)
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server exited with {server.returncode} before answering")
        try:
            if send(urllib.request.Request(f"{base}/"), timeout=1) == 200 and send(ask, timeout=60) == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("server did not answer within 10 minutes")


def growth(before: float, after: float) -> float:
    return (after - before) / before if before else 0.0


def percentile(values: list[float] | list[int], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def run(args: argparse.Namespace) -> int:
    option, site = graph_site(args.curated)
    entities = spread_entities(site, ENTITIES)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "aimkg", "serve", *option, "--site", str(site), "--host", "127.0.0.1"]
    command += ["--port", str(port), "--timeout", str(args.slow_timeout)]
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    record = Record()
    memory: list[int] = []  # resident KiB of the server and its workers, sampled over the run
    try:
        started = time.perf_counter()
        wait_until_up(base, server, time.monotonic() + 600)
        print(f"serving {' '.join(option)[2:]} graph: up in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        kinds = ["page", "conneg", "sparql-get", "sparql-post"]
        counter = iter(range(args.requests))
        counter_lock, slow_window = threading.Lock(), threading.Event()
        stop_at = time.monotonic() + args.max_seconds

        def client() -> None:
            while time.monotonic() < stop_at:
                with counter_lock:
                    number = next(counter, None)
                if number is None:
                    return
                kind = kinds[number % len(kinds)]
                started = time.perf_counter()
                try:
                    status = send(request_for(kind, number // len(kinds), base, entities), timeout=30)
                except OSError as error:
                    status, detail = 0, str(error)
                else:
                    detail = f"HTTP {status}"
                elapsed = time.perf_counter() - started
                with record.lock:
                    record.latencies[kind].append(elapsed)
                    if slow_window.is_set():
                        record.during_slow.append(elapsed)
                    if not (200 <= status < 400):
                        record.errors.append(f"{kind}: {detail}")

        def slow() -> None:
            time.sleep(args.slow_after)
            request = urllib.request.Request(
                f"{base}/sparql", data=SLOW_QUERY.encode(), headers={"Content-Type": "application/sparql-query"}
            )
            slow_window.set()
            started = time.perf_counter()
            status = send(request, timeout=60)
            slow_window.clear()
            record.latencies["slow-query"].append(time.perf_counter() - started)
            record.latencies[f"slow-query status {status}"].append(0.0)

        def sample_memory() -> None:
            while server.poll() is None and not done.is_set():
                memory.append(process_tree_rss_kib(server.pid))
                time.sleep(0.25)

        done = threading.Event()
        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        helpers = [threading.Thread(target=slow), threading.Thread(target=sample_memory)]
        started = time.perf_counter()
        for thread in threads + helpers:
            thread.start()
        for thread in [*threads, helpers[0]]:
            thread.join()
        wall = time.perf_counter() - started
        done.set()
        helpers[1].join()
    finally:
        server.terminate()
        server.wait(timeout=10)
    return report(record, memory, wall, args)


def report(record: Record, memory: list[int], wall: float, args: argparse.Namespace) -> int:
    fast = [value for kind in ("page", "conneg", "sparql-get", "sparql-post") for value in record.latencies[kind]]
    print(f"{len(fast)} requests from {args.clients} clients in {wall:.1f} s: {len(fast) / wall:.0f} requests/s")
    print(f"{'request':<12} {'count':>6} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for kind in ("page", "conneg", "sparql-get", "sparql-post", "slow-query"):
        values = record.latencies[kind]
        row = (len(values), percentile(values, 0.5) * 1000, percentile(values, 0.99) * 1000, max(values) * 1000)
        print(f"{kind:<12} {row[0]:>6} {row[1]:>8.1f} {row[2]:>8.1f} {row[3]:>8.1f}")
    slow_status = [kind.rsplit(" ", 1)[1] for kind in record.latencies if kind.startswith("slow-query status")]
    during = record.during_slow
    print(f"slow query answered {', '.join(slow_status)} (time limit {args.slow_timeout} s)")
    print(f"while it ran: {len(during)} other requests, p99 {percentile(during, 0.99) * 1000:.1f} ms")
    half = len(memory) // 2
    first, second = memory[:half], memory[half:]
    peak_growth = growth(max(first, default=0), max(second, default=0))
    median_growth = growth(percentile(first, 0.5), percentile(second, 0.5))
    print(
        f"server memory (with workers), first half / second half: max {max(first, default=0) / 1024:.0f} / "
        f"{max(second, default=0) / 1024:.0f} MiB ({peak_growth:+.1%}), median {percentile(first, 0.5) / 1024:.0f} / "
        f"{percentile(second, 0.5) / 1024:.0f} MiB ({median_growth:+.1%}), {len(memory)} samples"
    )
    print(f"errors: {len(record.errors)}" + (f" (first: {record.errors[0]})" if record.errors else ""))
    failures = []
    if record.errors:
        failures.append("errors")
    if max(peak_growth, median_growth) > 0.2:
        failures.append(f"memory grew {max(peak_growth, median_growth):.0%}")
    if not during or percentile(during, 0.99) > 1.0:
        failures.append("requests were blocked by the slow query")
    print("targets met" if not failures else "targets missed: " + ", ".join(failures))
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=8, help="concurrent client threads")
    parser.add_argument("--requests", type=int, default=8000, help="total requests (bounded)")
    parser.add_argument("--max-seconds", type=float, default=120, help="stop sending after this long")
    parser.add_argument("--slow-after", type=float, default=2.0, help="seconds before the slow query starts")
    parser.add_argument("--slow-timeout", type=float, default=5.0, help="the server's query time limit")
    parser.add_argument("--curated", action="store_true", help="serve the curated graph, not the built catalog")
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    return run(parser.parse_args())


if __name__ == "__main__":
    raise SystemExit(main())
