"""The site and query-store benchmark's measuring: memory of a process tree, the file floor, the report."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from benchmarks import publish
from benchmarks.publish import Rows, file_floor, measure, memory_kib, mib, table, tree, verdict


def test_memory_is_summed_over_the_process_tree() -> None:
    pss, rss = memory_kib(os.getpid())
    assert 0 < pss <= rss


def test_a_process_that_ends_while_its_tree_is_read_is_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pool replaces its writers all through a build: one may be gone between being listed and being read."""

    def gone(folder: Path, pattern: str) -> list[Path]:
        raise FileNotFoundError(2, "No such file or directory", str(folder))

    monkeypatch.setattr(publish.Path, "glob", gone)
    assert tree(os.getpid()) == [os.getpid()]


def test_a_measured_process_reports_its_time_and_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(publish, "SAMPLE_SECONDS", 0.05)  # a short process: sampled often enough to see it
    run = measure([sys.executable, "-c", "import time; data = bytearray(64 << 20); time.sleep(0.5)"])
    assert run.exit_code == 0 and run.seconds >= 0.5 and run.rss_mib >= 60


def test_the_file_floor_creates_as_many_files_and_leaves_none(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    for number in range(20):
        (site / f"{number}.html").write_text("x" * number)
    assert file_floor(site, tmp_path, 2) > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_report_is_a_markdown_table_with_verdicts() -> None:
    assert (verdict(1, 2), verdict(3, 2), verdict(3, None)) == ("ok", "MISSED", "-")
    lines = table([["site", "1 s", "2 MiB", "3 MiB", "", "<= 60 s", "ok"]]).splitlines()
    assert lines[0].startswith("| task | wall time") and lines[2] == "| site | 1 s | 2 MiB | 3 MiB |  | <= 60 s | ok |"


def test_each_row_is_printed_as_it_is_measured(capsys: pytest.CaptureFixture[str]) -> None:
    """A run that fails after 25 minutes keeps on its terminal every row it measured."""
    rows = Rows()
    rows.append(["site", "1 s", mib(2), mib(0.2), "", "", ""])
    assert capsys.readouterr().err == "| site | 1 s | 2 MiB | not sampled |  |  |  |\n"
    assert rows == [["site", "1 s", "2 MiB", "not sampled", "", "", ""]]
