"""aimkg export: every format to stdout or a file, --all to a folder, and its error paths."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from aimkg.cli import cli
from aimkg.cli.options import EXPORT_FORMATS
from aimkg.export.formats import FORMATS

PARSERS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
}
TRIPLES = ("turtle", "ntriples")


def test_cli_knows_every_export_format() -> None:
    assert list(EXPORT_FORMATS) == list(FORMATS)


@pytest.mark.parametrize("name", EXPORT_FORMATS)
def test_export_each_format_to_stdout(name: str, bundled_triples: list[ox.Triple]) -> None:
    result = CliRunner().invoke(cli, ["export", "--no-validate", "--format", name])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == FORMATS[name].serialize(bundled_triples)  # the file `export --all` writes
    if name in PARSERS:  # the graph; N-Quads and TriG describe their named graphs in the default graph
        quads = ox.parse(result.stdout_bytes, format=PARSERS[name])
        named = {q.triple for q in quads if name in TRIPLES or not isinstance(q.graph_name, ox.DefaultGraph)}
        assert named == set(bundled_triples)
    else:
        assert json.loads(result.stdout_bytes)["@context"] == "https://w3id.org/aimkg/context.jsonld"


def test_export_to_a_file_guesses_the_format(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "--no-validate", "-o", str(tmp_path / "g.nt")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "g.nt").read_bytes().startswith(b"<")


def test_export_all_validates_and_writes_a_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "--all", "-o", str(tmp_path / "dist")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "dist" / "void.ttl").exists() and (tmp_path / "dist" / "context.jsonld").exists()


def test_export_refuses_invalid_data_with_the_report(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<https://w3id.org/aimkg/id/version/x> a <https://w3id.org/aimkg/ontology#Version> .\n")
    result = CliRunner().invoke(cli, ["export", str(bad), "-o", str(tmp_path / "out.ttl")])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: the graph does not conform to the shapes; nothing was exported")
    assert "https://w3id.org/aimkg/id/version/x" in result.stderr
    assert not (tmp_path / "out.ttl").exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--format", "rdfxml"], "Invalid value for '--format'"),
        (["--all"], "--all writes a folder"),
        (["-o", "out.csv"], "cannot tell the format from the suffix"),
    ],
)
def test_export_usage_errors_exit_2(
    arguments: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["export", "--no-validate", *arguments])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []
