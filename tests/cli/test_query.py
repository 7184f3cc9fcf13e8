"""aimkg query: named queries, files, -e, --list, output formats, ASK exit codes and error paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from aimkg.cli import cli
from aimkg.cli.query import ENGINES, RESULT_FORMATS
from aimkg.query import queries as query_module
from aimkg.query import results


def invoke(*arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["query", *arguments])
    return result.exit_code, result.stdout, result.stderr


def test_cli_names_match_the_library() -> None:
    assert RESULT_FORMATS == results.RESULT_FORMATS
    assert query_module.ENGINES == ENGINES


def test_list_shows_every_query_with_its_description() -> None:
    code, out, _ = invoke("--list")
    assert code == 0
    assert "cheapest-for-workload  Cheapest versions for a workload" in out
    assert "--param input_tokens=... (xsd:integer = 1000000)" in out


def test_table_is_the_default() -> None:
    code, out, _ = invoke("prices-on-date", "--as-of", "2024-06-01")
    assert code == 0
    assert out.splitlines()[0].split() == [
        "modelId",
        "version",
        "tokenKind",
        "amount",
        "currency",
        "perTokens",
        "time",
        "validFrom",
        "validThrough",
        "recordedFrom",
        "recordedUntil",
        "source",
    ]
    assert "version:mistral-medium-2312" in out and out.endswith("(4 rows)\n")


@pytest.mark.parametrize("fmt", RESULT_FORMATS)
@pytest.mark.parametrize("engine", ENGINES)
def test_each_format_on_each_engine(fmt: str, engine: str) -> None:
    code, out, _ = invoke("endpoint-ids", "--format", fmt, "--engine", engine)
    assert code == 0
    assert "mistral-medium-2312" in out
    if fmt == "json":
        assert len(json.loads(out)["results"]["bindings"]) == 4


def test_parameters_from_the_command_line() -> None:
    code, out, _ = invoke(
        "cheapest-for-workload",
        "--as-of",
        "2024-06-01",
        "--param",
        "input_tokens=1000000",
        "--param",
        "output_tokens=100000",
        "--format",
        "csv",
    )
    assert code == 0
    assert out.splitlines()[1].endswith(",2.75,8.1,3.56")


def test_ask_exits_0_for_true_and_1_for_false() -> None:
    assert invoke("is-callable", "--as-of", "2024-06-01")[:2] == (0, "true\n")
    assert invoke("is-callable", "--as-of", "2025-07-01")[:2] == (1, "false\n")


def test_inline_expression_and_file(tmp_path: Path) -> None:
    assert invoke("-e", "ASK { ?s a <https://w3id.org/aimkg/ontology#Version> }")[0] == 0
    path = tmp_path / "count.rq"
    path.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?v a <https://w3id.org/aimkg/ontology#Version> }")
    result = CliRunner().invoke(cli, ["query", str(path), "--format", "csv"])
    assert result.stdout_bytes == b"n\r\n7\r\n"  # CRLF, as the SPARQL CSV results format asks


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["-e", "SELECT ?x WHERE { ?x ?y }"], "error: query -e: "),
        (["no-such-query"], "error: unknown query 'no-such-query'"),
        (["versions-of-model", "--format", "xml"], "Invalid value for '--format'"),
        (
            ["versions-of-model", "--param", "colour=red"],
            "error: query versions-of-model has no parameter 'colour'",
        ),
        (["prices-on-date", "--as-of", "yesterday"], "error: --param as_of=yesterday: not an xsd:date"),
        ([], "error: no query given"),
        (  # fails while rows are read, as pyoxigraph evaluates lazily; port 9 is refused before any connection
            ["-e", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"],
            "error: query -e: The port 9 is not allowed for HTTP(S)",
        ),
    ],
)
def test_errors_exit_2_with_one_clear_line(arguments: list[str], message: str) -> None:
    code, _, err = invoke(*arguments)
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    if err.startswith("error:"):
        assert len(err.strip().splitlines()) == 1


def test_bad_query_with_rdflib_is_one_line_too() -> None:
    code, _, err = invoke("--engine", "rdflib", "-e", "SELECT ?x WHERE { ?x ?y }")
    assert code == 2 and err.startswith("error: query -e: syntax error at line 1") and err.count("\n") == 1
