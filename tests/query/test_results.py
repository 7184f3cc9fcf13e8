"""Result formats: the table, SPARQL 1.1 CSV, TSV and JSON, ASK answers, streamed rows."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

from aimkg.query.queries import Result, bindings, resolve, run, shipped_queries
from aimkg.query.results import RESULT_FORMATS, render

XSD = "http://www.w3.org/2001/XMLSchema#"

SAMPLE = Result(
    ["iri", "text", "number", "missing"],
    [
        (
            ox.NamedNode("https://w3id.org/aimkg/id/version/v"),
            ox.Literal('a, "b"\tc', language="en"),
            ox.Literal("8.10", datatype=ox.NamedNode(f"{XSD}decimal")),
            None,
        ),
    ],
)


def test_json_results_follow_the_spec_and_parse_back() -> None:
    text = render(SAMPLE, "json")
    parsed = list(ox.parse_query_results(text.encode(), format=ox.QueryResultsFormat.JSON))
    assert parsed[0]["number"] == SAMPLE.rows[0][2] and parsed[0]["missing"] is None
    assert json.loads(render(Result(boolean=True), "json")) == {"head": {}, "boolean": True}


def test_json_bindings_are_written_as_json_dumps_writes_them() -> None:
    query = resolve("price-history")
    lines = render(run(query, bindings(query, {})), "json").splitlines()
    assert lines[0].endswith('"bindings": [') and lines[-1] == "]}}"
    assert len(lines) == 6  # the head, one line per price of the bundled graph's 4, the end
    for line in lines[1:-1]:
        binding = line.removesuffix(",")
        assert binding == json.dumps(json.loads(binding), ensure_ascii=False)


def test_tsv_results_parse_back() -> None:
    parsed = list(ox.parse_query_results(render(SAMPLE, "tsv").encode(), format=ox.QueryResultsFormat.TSV))
    assert [parsed[0][name] for name in SAMPLE.variables] == list(SAMPLE.rows[0])


def test_csv_results_are_rfc4180_with_crlf() -> None:
    text = render(SAMPLE, "csv")
    assert text.startswith("iri,text,number,missing\r\n")
    assert list(csv.reader(io.StringIO(text)))[1] == [
        "https://w3id.org/aimkg/id/version/v",
        'a, "b"\tc',
        "8.10",
        "",
    ]


def test_table_shortens_iris_and_counts_rows() -> None:
    text = render(SAMPLE, "table", {})
    assert "version:v" in text and text.endswith("(1 row)\n")


@pytest.mark.parametrize("fmt", RESULT_FORMATS)
def test_ask_answers_true_or_false(fmt: str) -> None:
    assert "false" in render(Result(boolean=False), fmt)


@pytest.mark.parametrize("name", list(shipped_queries()))
def test_streamed_rows_write_what_a_list_of_them_writes(name: str) -> None:
    query = resolve(name)
    bound = bindings(query, {}, "2024-06-01" if any(p.name == "as_of" for p in query.parameters) else None)
    whole = run(query, bound)
    for fmt in RESULT_FORMATS:
        streamed = run(query, bound, stream=True)
        assert whole.boolean is not None or not isinstance(streamed.rows, list)
        assert render(streamed, fmt, query.prefixes) == render(whole, fmt, query.prefixes), fmt


def test_table_aligns_columns_shortens_iris_and_leaves_unbound_cells_empty() -> None:
    result = Result(
        ["thing", "note"],
        [
            (ox.NamedNode("https://example.org/ns#a"), ox.Literal("two\nlines")),
            (ox.NamedNode("https://w3id.org/aimkg/id/version/v"), None),
            (ox.BlankNode("b0"), ox.Literal("8.10", datatype=ox.NamedNode(f"{XSD}decimal"))),
            (ox.NamedNode("https://elsewhere.example/x"), ox.Literal("x")),
        ],
    )
    assert render(result, "table", {"ex": "https://example.org/ns#"}) == (
        "thing                          note\n"
        "-----------------------------  ---------\n"
        "ex:a                           two lines\n"
        "version:v\n"
        "_:b0                           8.10\n"
        "<https://elsewhere.example/x>  x\n"
        "(4 rows)\n"
    )


@pytest.mark.parametrize("fmt", RESULT_FORMATS)
def test_construct_answers_are_sorted_ntriples_in_every_format(fmt: str) -> None:
    first, second = (
        ox.Triple(ox.NamedNode(f"https://example.org/{name}"), ox.NamedNode("https://example.org/p"), ox.Literal(name))
        for name in ("b", "a")
    )
    assert render(Result(triples=[first, second]), fmt) == (
        '<https://example.org/a> <https://example.org/p> "a" .\n<https://example.org/b> <https://example.org/p> "b" .\n'
    )


def test_table_of_a_select_without_variables_counts_its_rows() -> None:
    assert render(Result([], [(), ()]), "table") == "\n\n\n\n(2 rows)\n"
    assert render(Result(["x"], []), "table") == "x\n-\n(0 rows)\n"
