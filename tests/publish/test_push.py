from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from aimkg.cli import cli
from aimkg.core.errors import InputError
from aimkg.publish.push import VerificationError, push, query_endpoint_for


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start a real Oxigraph server (the `oxigraph` PyPI package) on a free local port; yield its base URL."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install -e '.[dev]' brings it)")
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    log = (location.parent / "oxigraph.log").open("wb")
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"], stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail(f"oxigraph did not start: {(location.parent / 'oxigraph.log').read_text()}")
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(10)
        log.close()


def test_push_replace_round_trips_the_exact_triple_count(oxigraph: str, bundled_triples: list[ox.Triple]) -> None:
    distinct = len(set(bundled_triples))
    result = push(bundled_triples + bundled_triples[:10], f"{oxigraph}/store", replace=True)
    assert result.sent == distinct, "a triple stated twice is sent once"
    assert result.counted == distinct
    again = push(bundled_triples, f"{oxigraph}/store", replace=True)
    assert again.counted == distinct, "PUT replaces: pushing twice does not grow the graph"


def test_push_adds_into_a_named_graph(oxigraph: str, bundled_triples: list[ox.Triple]) -> None:
    graph_iri = "https://example.org/graphs/added"
    result = push(bundled_triples, f"{oxigraph}/store", graph_iri, query_endpoint=f"{oxigraph}/query")
    assert (result.graph, result.counted) == (graph_iri, len(set(bundled_triples)))


def test_push_command(oxigraph: str, bundled_triples: list[ox.Triple]) -> None:
    result = CliRunner().invoke(
        cli,
        ["push", "--store", f"{oxigraph}/store", "--replace", "--graph", "https://example.org/graphs/cli"],
    )
    assert result.exit_code == 0, result.output
    count = len(set(bundled_triples))
    assert result.output == (
        f"pushed {count} triples into <https://example.org/graphs/cli>; the store counts {count}\n"
    )


def test_push_command_refuses_an_invalid_graph_unless_told(oxigraph: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<https://w3id.org/aimkg/id/version/x> a <https://w3id.org/aimkg/ontology#Version> .\n")
    arguments = ["push", "--store", f"{oxigraph}/store", "--graph", "https://example.org/graphs/invalid", str(bad)]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: the graph does not conform to the shapes; nothing was sent")
    ask = urlencode({"query": "ASK { GRAPH <https://example.org/graphs/invalid> { ?s ?p ?o } }"})
    with urllib.request.urlopen(f"{oxigraph}/query?{ask}") as answer:
        assert b"false" in answer.read(), "nothing reached the store"
    result = CliRunner().invoke(cli, [arguments[0], "--no-validate", *arguments[1:]])
    assert result.exit_code == 0, result.output


def test_verification_fails_when_the_store_holds_less(
    oxigraph: str, bundled_triples: list[ox.Triple], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("aimkg.publish.push.count_triples", lambda *args: 3)
    with pytest.raises(VerificationError, match="counts 3 triples"):
        push(bundled_triples, f"{oxigraph}/store", replace=True)


def test_unreachable_store_is_one_clear_error() -> None:
    port = free_port()
    result = CliRunner().invoke(cli, ["push", "--store", f"http://127.0.0.1:{port}/store"])
    assert result.exit_code == 2
    assert result.output.startswith(f"error: http://127.0.0.1:{port}/store?graph=")
    assert "is the store running?" in result.output and "Traceback" not in result.output


def test_query_endpoint_is_derived_for_known_servers() -> None:
    assert query_endpoint_for("http://127.0.0.1:7878/store") == "http://127.0.0.1:7878/query"
    assert query_endpoint_for("http://localhost:3030/aimkg/data") == "http://localhost:3030/aimkg/query"
    assert (
        query_endpoint_for("http://localhost:7200/repositories/aimkg/rdf-graphs/service")
        == "http://localhost:7200/repositories/aimkg"
    )
    assert query_endpoint_for("http://localhost:8890/sparql-graph-crud-auth") == "http://localhost:8890/sparql"
    with pytest.raises(InputError, match="--query-endpoint"):
        query_endpoint_for("http://localhost:7019/")
