"""Benchmark cost calculations on the built catalog, beside genai-prices' calc_price on the same usages.

    python -m benchmarks.cost [--calls 20000] [--cli-runs 15]

Needs the built catalog (``make build``; run here when missing). The workload: every endpoint of
the catalog that genai-prices prices and whose model genai-prices' calculator finds, each called
with a few usages (chat turns, long prompts past the context tiers, cached prompts, reasoning) at
a few moments, cycled up to ``--calls`` calls. Each calculator prices the same calls:

- ``aimkg.cost`` through ``PriceIndex.cost`` (resolution, record choice, breakdown, alternatives),
  on the index read from the on-disk cache;
- genai-prices' ``calc_price`` (its public function) with its snapshot set to the pinned data file:
  the floor aimkg is compared with.

Both take the best of a few runs (wall clock), after one run to warm both up. ``aimkg cost`` on
the command line is timed as a new process each time, with the index cached, beside
``aimkg --help`` (the CLI's own start-up, the floor of any command). Targets (issue 16): at least
50,000 calculations per second, and an answer in at most 0.3 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aimkg.core.resources import catalog_file, graph_files
from aimkg.cost.cache import load_index
from aimkg.cost.calculate import PriceIndex
from aimkg.cost.usage import Usage
from benchmarks.bench import best
from benchmarks.peers import genai_snapshot, genai_usage

OUT = Path(__file__).parent / "out"
AIMKG = Path(sys.executable).parent / "aimkg"
TARGET_RATE = 50_000
TARGET_CLI = 0.3
MOMENTS = (datetime(2025, 6, 1, 12, tzinfo=UTC), datetime(2026, 8, 20, 20, tzinfo=UTC))
USAGES = (
    Usage(input_tokens=2_000, output_tokens=500),
    Usage(input_tokens=120_000, output_tokens=8_000, cache_read_tokens=40_000),
    Usage(input_tokens=300_000, output_tokens=20_000, cache_read_tokens=100_000, cache_write_tokens=20_000),
    Usage(input_tokens=60_000, output_tokens=60_000, reasoning_tokens=20_000),
)

Call = tuple[str, str, Usage, datetime]


def workload(index: PriceIndex, size: int) -> list[Call]:
    """Calls of every endpoint genai-prices prices (by its provider ID), with several usages and moments."""
    snapshot = genai_snapshot()
    calls: list[Call] = []
    for slug in sorted(index.table("endpoints")):
        endpoint = index.endpoint(slug)
        record = next((r for r in endpoint.records if r.row.source.startswith("genai-prices-")), None)
        if record is None or record.row.key is None:
            continue
        provider = record.row.key.split("/", 1)[0]
        try:
            snapshot.find_provider_model(endpoint.row.model_id, None, provider, None)
            index.cost(endpoint.row.model_id, USAGES[0], platform=provider, at=MOMENTS[0])
        except LookupError:
            continue  # genai-prices' calculator finds no such model there
        for number, usage in enumerate(USAGES):
            calls.append((endpoint.row.model_id, provider, usage, MOMENTS[number % len(MOMENTS)]))
    return [calls[number % len(calls)] for number in range(size)]


def warmed(work: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The best wall-clock and the best CPU time of a few runs, after one to warm up (compiled endpoints, names).

    CPU time is what the process itself spent: on a machine that others load, it moves less than
    the wall clock, which also counts the time the process waited for a core.
    """
    work()
    cpu = []

    def timed() -> None:
        start = time.process_time()
        work()
        cpu.append(time.process_time() - start)

    return best(timed, repeat), min(cpu)


def aimkg_run(index: PriceIndex, calls: list[Call]) -> Callable[[], None]:
    def run() -> None:
        cost = index.cost
        for model, platform, usage, at in calls:
            cost(model, usage, platform=platform, at=at)

    return run


def genai_run(calls: list[Call]) -> Callable[[], None]:
    from genai_prices import calc_price, data_snapshot

    data_snapshot.set_custom_snapshot(genai_snapshot())  # calc_price over the pinned data
    prepared = [(model, platform, genai_usage(usage), at) for model, platform, usage, at in calls]

    def run() -> None:
        for model, platform, usage, at in prepared:
            calc_price(usage, model, provider_id=platform, genai_request_timestamp=at)

    return run


def wall(command: list[str], runs: int) -> list[float]:
    """Wall-clock times of a command, each a new process."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def ensure_catalog() -> None:
    if not catalog_file().is_file():
        print("no built catalog: running `aimkg build` first (a few minutes) ...", file=sys.stderr)
        subprocess.run([str(AIMKG), "build"], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=20_000, help="calculations per run")
    parser.add_argument("--repeat", type=int, default=9, help="runs of each calculator (the best counts)")
    parser.add_argument("--cli-runs", type=int, default=15, help="runs of each command")
    args = parser.parse_args()
    ensure_catalog()
    OUT.mkdir(exist_ok=True)
    started = time.perf_counter()
    index = load_index(graph_files("catalog"))  # the cached index, as `aimkg cost` reads it
    loaded = time.perf_counter() - started
    calls = workload(index, args.calls)
    endpoints = len({(model, platform) for model, platform, _, _ in calls})
    print(f"{len(calls):,} calls over {endpoints:,} endpoints; index read in {loaded:.2f} s", file=sys.stderr)
    load = os.getloadavg()[0]
    ours, ours_cpu = warmed(aimkg_run(index, calls), args.repeat)
    theirs, theirs_cpu = warmed(genai_run(calls), max(2, args.repeat // 2))
    command = [str(AIMKG), "cost", "gpt-4o", "--platform", "openai", "--input", "120000", "--output", "800"]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)  # builds the cached index if needed
    cli = wall(command, args.cli_runs)
    start_up = wall([str(AIMKG), "--help"], args.cli_runs)
    raw: dict[str, Any] = {
        "calls": len(calls),
        "endpoints": endpoints,
        "aimkg_calls_per_second": len(calls) / ours,
        "genai_prices_calls_per_second": len(calls) / theirs,
        "aimkg_calls_per_cpu_second": len(calls) / ours_cpu,
        "genai_prices_calls_per_cpu_second": len(calls) / theirs_cpu,
        "load_average": [load, os.getloadavg()[0]],
        "cli_seconds": {"best": min(cli), "median": statistics.median(cli)},
        "cli_help_seconds": {"best": min(start_up), "median": statistics.median(start_up)},
        "cli_command": command[1:],
    }
    rate_ok = "ok" if raw["aimkg_calls_per_second"] >= TARGET_RATE else "MISSED"
    cli_ok = "ok" if min(cli) <= TARGET_CLI else "MISSED"
    table = "\n".join(
        [
            "| task | aimkg | floor | target | verdict |",
            "| --- | --- | --- | --- | --- |",
            f"| Python API, calculations per second | {raw['aimkg_calls_per_second']:,.0f} "
            f"| {raw['genai_prices_calls_per_second']:,.0f} (genai-prices calc_price) "
            f"| >= {TARGET_RATE:,} | {rate_ok} |",
            f"| the same, per second of CPU time | {raw['aimkg_calls_per_cpu_second']:,.0f} "
            f"| {raw['genai_prices_calls_per_cpu_second']:,.0f} (genai-prices calc_price) | | |",
            f"| `aimkg cost` answer, best (median) | {min(cli):.3f} s ({statistics.median(cli):.3f} s) "
            f"| {min(start_up):.3f} s (`aimkg --help`) | <= {TARGET_CLI} s | {cli_ok} |",
        ]
    )
    table += f"\n\nload average (1 min) before and after: {raw['load_average'][0]:.1f}, {raw['load_average'][1]:.1f}"
    print(table)
    (OUT / "cost.md").write_text(table + "\n", encoding="utf-8")
    (OUT / "cost.json").write_text(json.dumps(raw, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
