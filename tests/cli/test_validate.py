"""aimkg validate as a user meets it: the report, its exit codes, warnings, both engines."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from aimkg.cli import cli
from aimkg.cli.options import VALIDATION_ENGINES
from aimkg.validate import ENGINES

BAD_VERSION = """\
@prefix aimkg: <https://w3id.org/aimkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/aimkg/id/version/broken> a aimkg:Version ;
    rdfs:label "Broken"@en ;
    aimkg:contextWindow "32K" .
"""

STALE_VERSION = """\
@prefix aimkg: <https://w3id.org/aimkg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/aimkg/id/version/stale> a aimkg:Version ;
    rdfs:label "Stale"@en ;
    aimkg:versionOf <https://w3id.org/aimkg/id/model/mistral-medium> ;
    aimkg:provider <https://w3id.org/aimkg/id/provider/mistral-ai> ;
    aimkg:status aimkg:Active ;
    aimkg:retirementDate "2020-01-01"^^xsd:date ;
    dcterms:source <https://w3id.org/aimkg/id/source/seed-mistral-medium-2023> .
"""


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_validate_bundled_graph_conforms() -> None:
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 0, result.output
    assert "conforms: 0 violation(s), 0 warning(s)" in result.output


def test_validate_reports_violations_grouped_by_focus_node(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", write(tmp_path, "bad.ttl", BAD_VERSION)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "https://w3id.org/aimkg/id/version/broken"
    assert [(line.split()[:2], line.split()[-1]) for line in lines[1:-1]] == [
        (["Violation:", "aimkg:contextWindow"], "[Datatype]"),
        (["Violation:", "aimkg:contextWindow"], "[MinExclusive]"),
        (["Violation:", "aimkg:versionOf:"], "[MinCount]"),
        (["Violation:", "dcterms:source:"], "[MinCount]"),
    ]
    assert lines[-1] == "does not conform: 4 violation(s), 0 warning(s)"  # a version's maker may be unknown


def test_validate_prints_warnings_but_passes(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", write(tmp_path, "stale.ttl", STALE_VERSION)])
    assert result.exit_code == 0
    assert "Warning: aimkg:retirementDate" in result.output
    assert "conforms: 0 violation(s), 1 warning(s)" in result.output


def test_validate_json_report(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", "--format", "json", write(tmp_path, "bad.ttl", BAD_VERSION)])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["conforms"] is False
    assert report["violations"] == len(report["results"]) == 4
    first = report["results"][0]
    assert set(first) == {"focus_node", "severity", "path", "value", "message", "constraint", "shape"}
    assert {result["focus_node"] for result in report["results"]} == {"https://w3id.org/aimkg/id/version/broken"}


def test_validate_unparsable_file_exits_2_naming_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.ttl", '@prefix ex: <https://example.org/> .\nex:a ex:b "open .\n')
    result = CliRunner().invoke(cli, ["validate", path])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}: line 2")
    assert "Traceback" not in result.output


def test_validate_missing_file_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "absent.ttl")])
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_ill_typed_literal_is_a_violation_not_a_traceback(tmp_path: Path) -> None:
    text = (
        "@prefix aimkg: <https://w3id.org/aimkg/ontology#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        '<https://w3id.org/aimkg/id/version/mistral-medium-2312> aimkg:retirementDate "2025/06/16"^^xsd:date .\n'
    )
    result = CliRunner().invoke(cli, ["validate", write(tmp_path, "ill.ttl", text)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert (
        '= "2025/06/16"^^xsd:date: aimkg:retirementDate must be one xsd:date (YYYY-MM-DD) [Datatype]' in result.stderr
    )


def test_turbo_engine_gives_the_same_report_as_pyshacl(tmp_path: Path) -> None:
    double = "<https://w3id.org/aimkg/id/version/mistral-medium-2312> aimkg:contextWindow 8.1e0 .\n"
    path = write(tmp_path, "bad.ttl", BAD_VERSION + double)  # the value keeps its lexical form in both
    reports = {
        engine: CliRunner().invoke(cli, ["validate", "--format", "json", "--engine", engine, path])
        for engine in ("pyshacl", "turbo")
    }
    assert reports["pyshacl"].exit_code == reports["turbo"].exit_code == 1
    assert reports["pyshacl"].stdout == reports["turbo"].stdout
    assert "_:" not in reports["pyshacl"].stdout, "the JSON report names shapes without blank node ids"


@pytest.mark.parametrize("engine", ["pyshacl", "shacl"])
def test_large_input_suggests_shacl_to_pyshacl_users(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    monkeypatch.setattr("aimkg.cli.validate.SLOW_FOR_PYSHACL_BYTES", 10)
    path = write(tmp_path, "stale.ttl", STALE_VERSION)
    result = CliRunner().invoke(cli, ["validate", "--format", "json", "--engine", engine, path])
    json.loads(result.stdout)  # the note never mixes into the report
    assert ("--engine shacl gives the same report" in result.stderr) == (engine == "pyshacl")


@pytest.mark.parametrize(
    ("engine", "module", "install"),
    [
        ("turbo", "pyshacl_turbo", "pySHACL-turbo: pip install 'aimkg[turbo]'"),
        ("shacl", "shacl", "shacl: pip install 'aimkg[shacl]'"),
    ],
)
def test_an_engine_missing_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, engine: str, module: str, install: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    result = CliRunner().invoke(cli, ["validate", "--engine", engine])
    assert result.exit_code == 2
    assert result.stderr == f"error: --engine {engine} needs {install}\n"


def test_the_engine_option_offers_every_validation_engine() -> None:
    assert list(ENGINES) == VALIDATION_ENGINES


def test_the_shacl_engine_refuses_what_pyshacl_refuses(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix aimkg: <https://w3id.org/aimkg/ontology#> .\n"
        '<https://w3id.org/aimkg/id/version/x> a aimkg:Version ; aimkg:contextWindow "32K" .\n'
    )
    said = {
        engine: CliRunner().invoke(cli, ["validate", "--engine", engine, str(bad)]) for engine in ("pyshacl", "shacl")
    }
    assert [result.exit_code for result in said.values()] == [1, 1]
    assert said["shacl"].output == said["pyshacl"].output
