"""Hostile and broken RDF: each case gives exactly its error, and nothing else ever escapes.

Cases live in tests/bad_input/rdf/, each stating its error (tests/bad_input/README.md).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aimkg.cli import cli
from aimkg.core.errors import InputError
from aimkg.core.limits import InputLimits
from aimkg.io import read as read_module
from aimkg.io.graph import read_graph
from aimkg.io.read import RDF_FORMATS, read_ntriples, read_store
from aimkg.io.safety import TURTLE_QUOTING, has_line_over, long_runs, refuse_long_json_string
from aimkg.validate import ENGINES
from tests.helpers.bad_input import cases, expected, orphan_sidecars, recipes

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


# ---------------------------------------------------------------- long lines (tests/bad_input/generated/)

GENERATED = {recipe.name: recipe for recipe in recipes()}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """Build a generated case on first use, once per module (they are 8 to 20 MB each)."""
    folder = tmp_path_factory.mktemp("generated")
    built: dict[str, Path] = {}

    def case(name: str) -> Path:
        if name not in built:
            built[name] = GENERATED[name].build(folder)
        return built[name]

    return case


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_case_gives_its_exact_error(generated: Callable[[str], Path], name: str, reader: str) -> None:
    path = generated(name)
    with pytest.raises(InputError) as raised:
        READERS[reader]([path])
    assert str(raised.value) == GENERATED[name].message(path)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_case_fails_validation_in_one_line_with_exit_2(
    generated: Callable[[str], Path], name: str, engine: str
) -> None:
    path = generated(name)
    result = CliRunner().invoke(cli, ["validate", "--engine", engine, str(path)])
    assert (result.exit_code, result.stderr) == (2, "error: " + GENERATED[name].message(path) + "\n")


#: The over-long case of each syntax (RDF/XML has no line limit: its case meets the literal limit).
LONGEST = {
    "nt": "nt-20-mb-literal.nt",
    "nq": "nq-line-over-16mib.nq",
    "ttl": "ttl-long-string-over.ttl",
    "trig": "trig-line-over-16mib.trig",
    "jsonld": "jsonld-string-over-8mib.jsonld",
    "rdf": "rdfxml-20-mb-literal.rdf",
}
#: Every command that reads RDF files, each with its options; FILE is where the file goes.
READING_COMMANDS = {
    "validate-pyshacl": ["validate", "--engine", "pyshacl", "FILE"],
    "validate-turbo": ["validate", "--engine", "turbo", "FILE"],
    "export": ["export", "--format", "ntriples", "FILE"],
    "query-oxigraph": ["query", "versions-of-model", "--data", "FILE"],
    "query-rdflib": ["query", "--engine", "rdflib", "versions-of-model", "--data", "FILE"],
    "merge": ["merge", "FILE"],
    "conflicts": ["conflicts", "FILE"],
    "site": ["site", "-o", "{tmp}/site", "FILE"],
    "serve": ["serve", "--port", "0", "FILE"],
    "push": ["push", "--store", "http://127.0.0.1:9/store", "FILE"],  # refused before any connection
}


@pytest.mark.parametrize("command", sorted(READING_COMMANDS))
@pytest.mark.parametrize("syntax", sorted(LONGEST))
def test_every_command_refuses_an_over_long_line_in_every_syntax(
    generated: Callable[[str], Path], tmp_path: Path, syntax: str, command: str
) -> None:
    path = generated(LONGEST[syntax])
    arguments = [str(path) if word == "FILE" else word.format(tmp=tmp_path) for word in READING_COMMANDS[command]]
    result = CliRunner().invoke(cli, arguments)
    assert (result.exit_code, result.stderr) == (2, "error: " + GENERATED[LONGEST[syntax]].message(path) + "\n")
    assert result.stdout == ""
    assert not (tmp_path / "site").exists()


def test_a_raised_literal_limit_does_not_raise_the_line_limit(generated: Callable[[str], Path]) -> None:
    path = generated("nt-20-mb-literal.nt")
    with pytest.raises(InputError, match=r"line 1: a line of 20000052 bytes is over the 16777215-byte line limit"):
        read_store([path], InputLimits(max_literal_chars=30_000_000))
    under = generated("nt-line-under-16mib.nt")
    assert len(read_store([under], InputLimits(max_literal_chars=16777163))) == 1


def test_a_parser_that_overflows_anyway_gives_one_clean_line(
    generated: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the check before parsing, pyoxigraph's MemoryError still becomes an InputError naming the file."""
    monkeypatch.setattr(read_module, "refuse_long_lines", lambda path, data, fmt: None)
    path = generated("ttl-comment-of-16mib.ttl")
    expected = f"{path}: a line or value is too long for the RDF parser, which holds at most 16777215 bytes of a line"
    for reader in READERS.values():
        with pytest.raises(InputError) as raised:
            reader([path])
        assert str(raised.value) == expected


def test_a_minified_json_ld_document_over_16_mib_is_read(tmp_path: Path) -> None:
    """JSON-LD's limit is on strings, not lines: a whole document on one line is common."""
    path = tmp_path / "minified.jsonld"
    nodes = [{"@id": f"https://example.org/n{i}", "https://example.org/b": "x" * 200} for i in range(80_000)]
    path.write_text(json.dumps(nodes, separators=(",", ":")), encoding="utf-8")
    assert path.stat().st_size > 1 << 24
    assert len(read_store([path])) == 80_000


@given(
    lines=st.lists(st.integers(min_value=0, max_value=40), max_size=30),
    limit=st.integers(1, 45),
    separator=st.sampled_from([b"\n", b'"']),
)
def test_long_runs_are_every_run_over_the_limit(lines: list[int], limit: int, separator: bytes) -> None:
    data = separator.join(b"x" * length for length in lines)
    offsets = [sum(lines[:i]) + i for i in range(len(lines))]
    expected = [(offset, length) for offset, length in zip(offsets, lines, strict=True) if length > limit]
    assert list(long_runs(data, separator, limit)) == (expected if lines else [])


json_strings = st.text(st.characters(codec="utf-8"), max_size=30) | st.sampled_from(['\\"', '"', "\\", '\\\\"', "\n"])
json_values = st.recursive(
    json_strings | st.integers() | st.booleans(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(json_strings, inner, max_size=4),
    max_leaves=12,
)


@given(document=json_values, indent=st.sampled_from([None, 1]), ascii_only=st.booleans(), limit=st.integers(3, 40))
def test_the_long_json_string_check_finds_the_first_string_over_the_limit(
    document: object, indent: int | None, ascii_only: bool, limit: int
) -> None:
    source = json.dumps(document, indent=indent, ensure_ascii=ascii_only).encode()

    def strings(value: object) -> Iterator[str]:  # in the order json.dumps writes them
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                yield key
                yield from strings(item)

    sizes = [len(json.dumps(text, ensure_ascii=ascii_only).encode()) for text in strings(document)]
    over = [size for size in sizes if size > limit]
    path = Path("doc.jsonld")
    if not over:
        refuse_long_json_string(path, source, limit)
        return
    with pytest.raises(InputError, match=rf"a JSON string of {over[0]} bytes is over the {limit}-byte limit"):
        refuse_long_json_string(path, source, limit)


@pytest.mark.parametrize(
    ("text", "long_strings"),
    [
        ('<a> <b> """x\ny""" .', ['"""x\ny"""']),
        ("<a> <b> '''x\ny''' .", ["'''x\ny'''"]),
        ('# a comment with """ in it\n<a> <b> "c" .', []),
        ('<a> <b> "a short string with \\"\\"\\" in it" .', []),
        ('<a> <b> "it\'s" .', []),
        ('<a> <b> """with "quotes" and \\""" inside""" .', ['"""with "quotes" and \\""" inside"""']),
        ('<a> <b> """unterminated\n', ['"""unterminated\n']),
        ("<a> <b> '''one''', \"\"\"two\"\"\" .", ["'''one'''", '"""two"""']),
    ],
)
def test_turtle_long_strings_are_told_from_quotes_elsewhere(text: str, long_strings: list[str]) -> None:
    found = [token.group() for token in TURTLE_QUOTING.finditer(text.encode()) if token.lastgroup == "long"]
    assert found == [string.encode() for string in long_strings]
