"""The command group as a whole: every command has help, reads within the user's limits, and starts fast.

Fast start: ``aimkg --help`` and ``aimkg query NAME`` never import rdflib or pySHACL. Checked in
a fresh interpreter (sys.modules after the command ran), not timed: the timings are in ``make bench``.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from aimkg.cli import cli

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


MODULES = """
import sys
from aimkg.cli import cli
try:
    cli.main(args={args!r}, prog_name="aimkg", standalone_mode=False)
except SystemExit:
    pass
print(" ".join(sorted(sys.modules)))
"""
#: What a query answered from the store on disk has no use for: the other commands, reading RDF
#: files (the store holds them), building a cache entry, logging (for rdflib's warnings).
UNUSED_BY_A_STORED_QUERY = {
    *(f"aimkg.cli.{name}" for name in ("build", "cost", "export", "history", "publish", "reconcile", "sources")),
    *("aimkg.cli.update", "aimkg.cli.validate", "aimkg.io.read", "aimkg.io.safety", "aimkg.build.manifest"),
    *("logging", "shutil", "tempfile"),
}


def test_a_query_answered_from_the_store_imports_only_what_it_uses() -> None:
    """Each module costs ``aimkg query`` its start (compiled and run), which is most of a selective query's time."""
    args = ["query", "--curated", "versions-of-model", "--param", "model=mistral-medium"]
    for _ in range(2):  # the first call builds the store
        done = subprocess.run([sys.executable, "-c", MODULES.format(args=args)], capture_output=True, text=True)
    loaded = set(done.stdout.split())
    assert "aimkg.query.store" in loaded
    assert not loaded & UNUSED_BY_A_STORED_QUERY


@pytest.mark.parametrize(("args", "level"), [([], logging.ERROR), (["--debug"], logging.DEBUG)])
def test_the_rdflib_engine_quiets_rdflib_unless_debugging(args: list[str], level: int) -> None:
    """rdflib logs a traceback for each ill-typed literal; ``aimkg query`` only sets that up when it uses rdflib."""
    logger = logging.getLogger("rdflib")
    logger.setLevel(logging.NOTSET)
    CliRunner().invoke(cli, [*args, "query", "-e", "ASK { ?s ?p ?o }"])
    assert logger.level == logging.NOTSET
    result = CliRunner().invoke(cli, [*args, "query", "--engine", "rdflib", "-e", "ASK { ?s ?p ?o }"])
    assert result.exit_code == 0, result.output
    assert logger.level == level


def test_the_probe_sees_rdflib_when_it_is_imported() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=["query", "--engine", "rdflib", "versions-of-model"])],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip().splitlines()[-1] == "HEAVY:rdflib"


def all_commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    ctx = click.Context(group)
    found = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        found.append((f"{prefix}{name}", command))
        if isinstance(command, click.Group):
            found.extend(all_commands(command, f"{prefix}{name} "))
    return found


@pytest.mark.parametrize(("name", "command"), all_commands(cli), ids=lambda value: str(value))
def test_every_command_has_help(name: str, command: click.Command) -> None:
    assert command.help and len(command.help.strip()) > 20, f"`aimkg {name}` needs help text"
    result = CliRunner().invoke(cli, [*name.split(), "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_help_does_not_import_heavy_modules() -> None:
    """`aimkg --help` must start fast: rdflib and pySHACL are imported by the commands that need them."""
    code = "import sys; from aimkg.cli import cli; print(sorted(m for m in ('rdflib', 'pyshacl') if m in sys.modules))"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"


def test_the_cli_loads_rdf_libraries_only_when_a_command_needs_them() -> None:
    code = "import sys; import aimkg.cli; print(sorted({'rdflib', 'pyshacl', 'pyoxigraph'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_start_up_imports_no_network_client() -> None:
    """Every command pays for what the CLI imports at start-up; only `aimkg update` fetches."""
    code = "import sys; import aimkg.cli; print(sorted({'aimkg.build.fetch', 'http.client', 'ssl'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_update_offers_every_fetched_source() -> None:
    from aimkg.build.fetch import SOURCES
    from aimkg.cli.update import SOURCE_NAMES

    assert tuple(sorted(SOURCES)) == SOURCE_NAMES


@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["export"],
        ["query", "versions-of-model"],
        ["query", "--engine", "rdflib", "versions-of-model"],
        ["site", "-o", "{tmp}/site"],
        ["serve", "--port", "0"],
        ["push", "--store", "http://127.0.0.1:9/store"],  # refused before any connection
    ],
)
def test_every_command_reads_files_within_the_users_limits(tmp_path: Path, command: list[str]) -> None:
    arguments = [argument.format(tmp=tmp_path) for argument in command]
    result = CliRunner().invoke(cli, ["--max-input-bytes", "100", *arguments])
    assert result.exit_code == 2, result.output
    assert "over the 100-byte input limit; raise it with --max-input-bytes" in result.stderr
    assert not (tmp_path / "site").exists()
