"""Fast start: ``aimkg --help`` and ``aimkg query NAME`` never import rdflib or pySHACL.

Checked in a fresh interpreter (sys.modules after the command ran), not timed: the timings are
in ``make bench``.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = """
import sys
from aimkg.cli import cli
try:
    cli.main(args={args!r}, prog_name="aimkg", standalone_mode=False)
except SystemExit:
    pass
heavy = sorted(name for name in ("rdflib", "pyshacl") if name in sys.modules)
print("HEAVY:" + ",".join(heavy))
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["query", "--help"],
        ["export", "--help"],
        ["query", "--list"],
        ["query", "versions-of-model"],
        ["query", "cheapest-for-workload", "--as-of", "2024-06-01", "--format", "json"],
    ],
)
def test_command_imports_neither_rdflib_nor_pyshacl(args: list[str]) -> None:
    done = subprocess.run([sys.executable, "-c", PROBE.format(args=args)], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "HEAVY:"


def test_the_probe_sees_rdflib_when_it_is_imported() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=["query", "--engine", "rdflib", "versions-of-model"])],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip().splitlines()[-1] == "HEAVY:rdflib"
