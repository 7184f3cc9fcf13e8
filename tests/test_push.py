from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from aimkg.cli import cli
from aimkg.errors import InputError
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


def test_push_replace_round_trips_the_exact_triple_count(oxigraph: str, bundled_graph: Graph) -> None:
    result = push(bundled_graph, f"{oxigraph}/store", replace=True)
    assert result.sent == len(bundled_graph)
    assert result.counted == len(bundled_graph)
    again = push(bundled_graph, f"{oxigraph}/store", replace=True)
    assert again.counted == len(bundled_graph), "PUT replaces: pushing twice does not grow the graph"


def test_push_adds_into_a_named_graph(oxigraph: str, bundled_graph: Graph) -> None:
    graph_iri = "https://example.org/graphs/added"
    result = push(bundled_graph, f"{oxigraph}/store", graph_iri, query_endpoint=f"{oxigraph}/query")
    assert (result.graph, result.counted) == (graph_iri, len(bundled_graph))


def test_push_command(oxigraph: str, bundled_graph: Graph) -> None:
    result = CliRunner().invoke(
        cli,
        ["push", "--store", f"{oxigraph}/store", "--replace", "--graph", "https://example.org/graphs/cli"],
    )
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"pushed {len(bundled_graph)} triples into <https://example.org/graphs/cli>; "
        f"the store counts {len(bundled_graph)}\n"
    )


def test_verification_fails_when_the_store_holds_less(
    oxigraph: str, bundled_graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("aimkg.publish.push.count_triples", lambda *args: 3)
    with pytest.raises(VerificationError, match="counts 3 triples"):
        push(bundled_graph, f"{oxigraph}/store", replace=True)


def test_unreachable_store_is_one_clear_error(bundled_graph: Graph) -> None:
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
