"""The build benchmark reads the stages' times from the build's own log, and runs its floors."""

from __future__ import annotations

from pathlib import Path

from benchmarks.build import WRITE, python, stage_seconds, timed_lines

LOG = """catalog: built (18.2 s)
validate: built (80.9 s)
export: up to date (0.0 s)
"""


def test_the_stage_times_come_from_the_build_log() -> None:
    assert stage_seconds(LOG) == {"catalog": 18.2, "validate": 80.9, "export": 0.0}


def test_a_floor_script_runs_in_its_own_process_and_reports_its_time(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.nt"
    catalog.write_text("<https://example.org/s> <https://example.org/p> <https://example.org/o> .\n", encoding="utf-8")
    run = python(WRITE, str(catalog))
    assert run.exit_code == 0, run.stderr
    assert set(timed_lines(run)) == {"write"}
