"""Hostile and broken RDF: each case gives exactly its error, and nothing else ever escapes.

Cases live in tests/bad_input/rdf/, each stating its error (tests/bad_input/README.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aimkg.cli import cli
from aimkg.core.errors import InputError
from aimkg.core.limits import InputLimits
from aimkg.io.graph import read_graph
from aimkg.io.read import RDF_FORMATS, read_ntriples, read_store
from aimkg.io.safety import has_line_over
from aimkg.validate import ENGINES
from tests.helpers.bad_input import cases, expected, orphan_sidecars

RDF_CASES = cases("rdf")


@pytest.mark.parametrize("case", RDF_CASES, ids=lambda case: case.name)
def test_case_states_its_expected_error(case: Path) -> None:
    assert expected(case).error is not None, f"{case.name} states a report: RDF input is read whole or refused"


def test_every_sidecar_has_its_case() -> None:
    assert orphan_sidecars("rdf") == []


#: Every way aimkg reads RDF: into rdflib (pySHACL, site), into a query store, into N-Triples for turbo.
READERS = {"rdflib": read_graph, "store": read_store, "ntriples": read_ntriples}


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("case", RDF_CASES, ids=lambda case: case.name)
def test_rdf_case_gives_its_exact_error(case: Path, reader: str) -> None:
    with pytest.raises(InputError) as raised:
        READERS[reader]([case])
    assert str(raised.value) == expected(case).message(case)


@pytest.mark.parametrize("case", RDF_CASES, ids=lambda case: case.name)
def test_cli_reports_case_in_one_line_with_exit_2(case: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(case)])
    assert result.exit_code == 2
    assert result.stderr == "error: " + expected(case).message(case) + "\n"


def test_oversized_file_is_refused_and_the_limit_can_be_raised(tmp_path: Path) -> None:
    path = tmp_path / "big.nt"
    path.write_text('<https://example.org/a> <https://example.org/b> "c" .\n' * 10)
    with pytest.raises(InputError, match=r"big\.nt: 540 bytes is over the 100-byte input limit; raise it with"):
        read_graph([path], InputLimits(max_file_bytes=100))
    assert len(read_graph([path], InputLimits(max_file_bytes=540))) == 1


@pytest.mark.parametrize("engine", ENGINES)
def test_absurd_literal_is_refused_and_the_limit_can_be_raised(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "long.ttl"  # a long string over many short lines
    lines = "x\n" * 2500
    path.write_text(f'<https://example.org/a> <https://example.org/b> """{lines}""" .\n')
    runner = CliRunner()
    refused = runner.invoke(cli, ["--max-literal-chars", "4999", "validate", "--engine", engine, str(path)])
    assert refused.exit_code == 2
    assert "a literal of 5000 characters on <https://example.org/a> is over the 4999-character limit" in refused.stderr
    allowed = runner.invoke(cli, ["--max-literal-chars", "5000", "validate", "--engine", engine, str(path)])
    assert allowed.exit_code == 0, allowed.output


LONG = "x\n" * 2500  # 5000 characters over 2500 short lines
ESCAPED = "x\\n" * 2500  # the same, as N-Triples writes it on one line
LONG_LITERALS = {
    "long-string.ttl": f'<https://example.org/a> <https://example.org/b> """{LONG}""" .\n',
    "short-string.ttl": f'<https://example.org/a> <https://example.org/b> "{"x" * 5000}" .\n',
    "escaped.nt": f'<https://example.org/a> <https://example.org/b> "{ESCAPED}" .\n',
    "string.jsonld": json.dumps({"@id": "https://example.org/a", "https://example.org/b": LONG}),
    "text.rdf": (
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="https://example.org/">'
        f'<rdf:Description rdf:about="https://example.org/a"><ex:b>{LONG}</ex:b></rdf:Description></rdf:RDF>\n'
    ),
}


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("name", sorted(LONG_LITERALS))
def test_every_reader_finds_a_long_literal_in_every_syntax(tmp_path: Path, name: str, reader: str) -> None:
    path = tmp_path / name
    path.write_text(LONG_LITERALS[name])
    with pytest.raises(InputError, match=r"a literal of 5000 characters on <https://example.org/a> is over the 4999"):
        READERS[reader]([path], InputLimits(max_literal_chars=4999))
    READERS[reader]([path], InputLimits(max_literal_chars=5000))


def test_allowed_context_resolves_from_a_local_file(tmp_path: Path) -> None:
    context = tmp_path / "context.jsonld"
    context.write_text(json.dumps({"@context": {"name": "https://example.org/name"}}))
    document = tmp_path / "doc.jsonld"
    document.write_text(
        json.dumps({"@context": "https://example.org/ctx", "@id": "https://example.org/a", "name": "x"})
    )
    limits = InputLimits(contexts={"https://example.org/ctx": context})
    graph = read_graph([document], limits)
    assert [str(o) for o in graph.objects()] == ["x"]
    result = CliRunner().invoke(
        cli, ["--jsonld-context", f"https://example.org/ctx={context}", "validate", str(document)]
    )
    assert result.exit_code == 0, result.output


def assert_graph_or_clean_error(path: Path, data: bytes) -> None:
    """Write data and read it: the only outcomes allowed are a graph or an InputError naming the file."""
    path.write_bytes(data)
    for read in READERS.values():
        try:
            read([path])
        except InputError as error:
            assert str(error).startswith(f"{path}: ")


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(data=st.binary(max_size=300), suffix=st.sampled_from(sorted(RDF_FORMATS)))
def test_random_bytes_give_a_graph_or_a_clean_error(tmp_path: Path, data: bytes, suffix: str) -> None:
    assert_graph_or_clean_error(tmp_path / f"fuzz{suffix}", data)


rdf_text = st.lists(
    st.sampled_from(["<https://example.org/a>", '"x"', "@prefix", "ex:", ".", ";", "[", "]", "{", "}", '"', "\n", " "]),
    max_size=40,
).map("".join)


@FUZZ
@given(text=rdf_text, suffix=st.sampled_from([".ttl", ".nt", ".trig", ".jsonld"]))
def test_random_rdf_like_text_gives_a_graph_or_a_clean_error(tmp_path: Path, text: str, suffix: str) -> None:
    assert_graph_or_clean_error(tmp_path / f"fuzz{suffix}", text.encode())


@given(lines=st.lists(st.integers(min_value=0, max_value=40), max_size=30), limit=st.integers(1, 45))
def test_line_length_check_agrees_with_measuring_every_line(lines: list[int], limit: int) -> None:
    data = b"\n".join(b"x" * length for length in lines)
    assert has_line_over(data, limit) == (max(map(len, data.split(b"\n"))) > limit)
