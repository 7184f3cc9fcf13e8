from __future__ import annotations

import csv
import http.client
import io
import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from pyld import jsonld
from rdflib import Graph, URIRef

from aimkg.cli import cli
from aimkg.core.resources import CONTEXT_IRI
from aimkg.io.graph import to_rdflib
from aimkg.io.jsonld import document_loader
from aimkg.io.read import bundled_files, read_store
from aimkg.publish.conneg import negotiate
from aimkg.publish.rdf import Entity
from aimkg.publish.server import LinkedDataServer
from aimkg.publish.sparql import QueryLimits
from aimkg.query.queries import bindings, resolve, shipped_queries, with_parameters
from tests.helpers.htmlpage import parse_page
from tests.helpers.servers import described, entities, running_server

MEDIUM = Entity("version", "mistral-medium-2312")
LIMITS = QueryLimits(timeout=3.0, max_result_bytes=60_000, max_query_chars=8_000)  # every shipped query fits
RDF_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
}
#: The endpoint's result media types, with the name ``aimkg query --format`` gives the same answer under.
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "json",  # aimkg query writes no XML: compared with its JSON
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
PARSED = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "tsv": ox.QueryResultsFormat.TSV,
}
VERSIONS = """
PREFIX aimkg: <https://w3id.org/aimkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?version ?label ?released WHERE {
  ?version a aimkg:Version ; rdfs:label ?label .
  OPTIONAL { ?version aimkg:releaseDate ?released }
} ORDER BY ?version
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LinkedDataServer]:
    with running_server(tmp_path_factory.mktemp("served"), LIMITS) as running:
        yield running


def request(
    server: LinkedDataServer,
    method: str,
    path: str,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
) -> tuple[int, http.client.HTTPResponse, bytes]:
    """Send one raw request (no redirect following, the path sent as is)."""
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(str(host), port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response, response.read()
    finally:
        connection.close()


Loader = Callable[..., dict[str, Any]]


def triples(data: bytes, media_type: str, base: str, loader: Loader = document_loader) -> set[tuple[object, ...]]:
    """Parse a body; JSON-LD is expanded by pyld, its context got from the loader (by default offline)."""
    if media_type == "application/ld+json":
        options = {"documentLoader": loader, "base": base, "format": "application/n-quads"}
        quads = ox.parse(jsonld.to_rdf(json.loads(data), options).encode(), format=ox.RdfFormat.N_QUADS)
    else:
        quads = ox.parse(data, format=RDF_TYPES[media_type], base_iri=base)
    return {(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in quads}


@pytest.mark.parametrize("media_type", [*RDF_TYPES, "text/html"])
def test_entity_iri_negotiates_each_media_type(server: LinkedDataServer, bundled_graph: Graph, media_type: str) -> None:
    iri_path = f"/{MEDIUM.path}"
    status, response, _ = request(server, "GET", iri_path, {"Accept": media_type})
    assert status == 303
    assert response.getheader("Vary") == "Accept"
    location = response.getheader("Location")
    assert location is not None and location.startswith(iri_path + ".")
    status, response, body = request(server, "GET", location)
    assert status == 200
    assert response.getheader("Content-Type", "").split(";")[0] == media_type
    if media_type == "text/html":
        assert parse_page(body.decode()).h1 == "Mistral Medium (2023)"
    else:
        assert triples(body, media_type, server.url + location) == described(bundled_graph, MEDIUM.iri)


def test_the_context_the_jsonld_names_is_served(server: LinkedDataServer, bundled_graph: Graph) -> None:
    def served(url: str, options: object = None) -> dict[str, Any]:
        """Fetch a context from the server, at the path its w3id.org IRI redirects to (see .htaccess)."""
        assert url == CONTEXT_IRI
        status, response, body = request(server, "GET", "/" + url.removeprefix("https://w3id.org/aimkg/"))
        assert status == 200 and response.getheader("Content-Type") == "application/ld+json"
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": json.loads(body),
        }

    status, _, body = request(server, "GET", f"/{MEDIUM.path}.jsonld")
    assert status == 200 and json.loads(body)["@context"] == CONTEXT_IRI
    assert triples(body, "application/ld+json", server.url, served) == described(bundled_graph, MEDIUM.iri)


def test_every_entity_iri_answers(server: LinkedDataServer, bundled_graph: Graph) -> None:
    for entity in entities(bundled_graph):
        status, response, _ = request(server, "GET", f"/{entity.path}", {"Accept": "application/n-triples"})
        assert (status, response.getheader("Location")) == (303, f"/{entity.path}.nt"), entity.path


def test_negotiation_follows_q_values_and_refuses_the_unacceptable(server: LinkedDataServer) -> None:
    path = f"/{MEDIUM.path}"
    _, response, _ = request(server, "GET", path, {"Accept": "text/turtle;q=0.5, application/ld+json"})
    assert response.getheader("Location") == path + ".jsonld"
    _, response, _ = request(server, "GET", path, {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.getheader("Location") == path + ".html"
    _, response, _ = request(server, "GET", path)
    assert response.getheader("Location") == path + ".html"
    status, _, body = request(server, "GET", path, {"Accept": "image/png"})
    assert status == 406 and b"text/turtle" in body
    _, response, _ = request(server, "GET", "/ontology", {"Accept": "text/turtle"})
    assert response.getheader("Location") == "/ontology.ttl"


def test_accept_parsing() -> None:
    offered = ["text/html", "text/turtle"]
    assert negotiate(None, offered) == "text/html"
    assert negotiate("text/*;q=0.9, text/turtle", offered) == "text/turtle"
    assert negotiate("*/*;q=0.1, text/html;q=0", offered) == "text/turtle"
    assert negotiate("application/json", offered) is None


def parsed(body: bytes, media_type: str) -> object:
    """Read a SPARQL results body (a media type, or an ``aimkg query --format`` name) into comparable values."""
    if media_type in ("text/csv", "csv"):
        return list(csv.reader(io.StringIO(body.decode(), newline="")))
    answer = ox.parse_query_results(body, format=PARSED[media_type])
    if isinstance(answer, ox.QueryBoolean):
        return bool(answer)
    return [variable.value for variable in answer.variables], [tuple(solution) for solution in answer]


@pytest.mark.parametrize("media_type", list(RESULT_TYPES))
def test_sparql_answers_as_pyoxigraph_does(server: LinkedDataServer, media_type: str) -> None:
    solutions = read_store(bundled_files()).query(VERSIONS)
    assert isinstance(solutions, ox.QuerySolutions)
    variables = [variable.value for variable in solutions.variables]
    rows = [tuple(solution) for solution in solutions]
    if media_type == "text/csv":
        expected: object = [variables, *([term.value if term else "" for term in row] for row in rows)]
    else:
        expected = (variables, rows)
    accept = {"Accept": media_type}
    answers = [
        request(server, "GET", "/sparql?" + urlencode({"query": VERSIONS}), accept),
        request(
            server,
            "POST",
            "/sparql",
            {**accept, "Content-Type": "application/x-www-form-urlencoded"},
            urlencode({"query": VERSIONS}).encode(),
        ),
        request(
            server,
            "POST",
            "/sparql",
            {**accept, "Content-Type": "application/sparql-query"},
            VERSIONS.encode(),
        ),
    ]
    for status, response, body in answers:
        assert status == 200, body
        assert response.getheader("Content-Type", "").split(";")[0] == media_type
        assert parsed(body, media_type) == expected


#: A date on which the time-aware shipped queries answer with rows.
AS_OF = "2024-06-01"


@pytest.mark.parametrize("media_type", list(RESULT_TYPES))
@pytest.mark.parametrize("name", list(shipped_queries()))
def test_endpoint_answers_as_aimkg_query_does(server: LinkedDataServer, name: str, media_type: str) -> None:
    query = resolve(name)
    as_of = AS_OF if any(parameter.name == "as_of" for parameter in query.parameters) else None
    text = with_parameters(query, bindings(query, {}, as_of))  # what `aimkg query` runs
    fmt = RESULT_TYPES[media_type]
    command = ["query", name, "--format", fmt, *(["--as-of", as_of] if as_of else [])]
    result = CliRunner().invoke(cli, command)
    assert result.exit_code in (0, 1), result.output
    status, _, body = request(
        server, "POST", "/sparql", {"Content-Type": "application/sparql-query", "Accept": media_type}, text.encode()
    )
    assert status == 200, body
    assert parsed(body, media_type) == parsed(result.stdout_bytes, fmt)
    if media_type != "application/sparql-results+xml":
        assert body == result.stdout_bytes, "the endpoint and aimkg query share aimkg.results' writers"


def test_sparql_ask_and_construct(server: LinkedDataServer, bundled_graph: Graph) -> None:
    ask = "ASK { ?v <https://w3id.org/aimkg/ontology#status> <https://w3id.org/aimkg/ontology#Retired> }"
    status, _, body = request(server, "GET", "/sparql?" + urlencode({"query": ask}))
    assert (status, json.loads(body)) == (200, {"head": {}, "boolean": True})
    construct = f"CONSTRUCT {{ <{MEDIUM.iri}> ?p ?o }} WHERE {{ <{MEDIUM.iri}> ?p ?o }}"
    status, response, body = request(
        server, "GET", "/sparql?" + urlencode({"query": construct}), {"Accept": "application/n-triples"}
    )
    assert status == 200 and response.getheader("Content-Type") == "application/n-triples; charset=utf-8"
    assert triples(body, "application/n-triples", server.url) == set(
        bundled_graph.triples((URIRef(MEDIUM.iri), None, None))
    )


class Decoy(BaseHTTPRequestHandler):
    """A local server that a SERVICE clause would call: it must never be called."""

    hits: list[str] = []  # noqa: RUF012

    def do_GET(self) -> None:
        Decoy.hits.append(self.path)
        self.send_response(500)
        self.end_headers()

    do_POST = do_GET  # noqa: N815 (http.server's name)

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_federated_queries_are_refused(server: LinkedDataServer) -> None:
    decoy = ThreadingHTTPServer(("127.0.0.1", 0), Decoy)
    threading.Thread(target=decoy.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{decoy.server_port}/sparql"
    federated = [
        f"SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"select * {{ ?s ?p ?o optional {{ service silent <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * {{ {{ SELECT * {{ SeRvIcE<{url}>{{ ?s ?p ?o }} }} }} }}",
        f"SELECT * {{ ?s ?p ?o FILTER EXISTS {{ SERVICE # a comment\n <{url}> {{ ?s ?p ?o }} }} }}",
        f'SELECT * {{ BIND(<{url}> AS ?u) SERVICE ?u {{ ?s ?p "service" }} }}',
        f"PREFIX e: <{url}#> SELECT * {{ ?s ?p ?o . SERVICE e:x {{ ?s ?p ?o }} }}",
    ]
    try:
        for query in federated:
            status, _, body = request(
                server, "POST", "/sparql", {"Content-Type": "application/sparql-query"}, query.encode()
            )
            assert status == 400, query
            assert b"SERVICE is not allowed" in body, body
        assert Decoy.hits == []
    finally:
        decoy.shutdown()
        decoy.server_close()


def test_service_as_a_word_is_not_refused(server: LinkedDataServer) -> None:
    query = (
        "PREFIX service: <https://example.org/service#> "
        'SELECT ?service WHERE { ?service service:service "SERVICE <x> {}" . '
        "?x <https://example.org/service> ?y } # SERVICE in a comment"
    )
    status, _, body = request(server, "GET", "/sparql?" + urlencode({"query": query}))
    assert status == 200, body


def test_updates_are_refused(server: LinkedDataServer) -> None:
    update = "INSERT DATA { <https://example.org/a> <https://example.org/b> <https://example.org/c> }"
    cases = [
        ("POST", {"Content-Type": "application/sparql-update"}, update.encode()),
        (
            "POST",
            {"Content-Type": "application/x-www-form-urlencoded"},
            urlencode({"update": update}).encode(),
        ),
        ("POST", {"Content-Type": "application/sparql-query"}, update.encode()),
    ]
    for method, headers, body in cases:
        status, _, answer = request(server, method, "/sparql", headers, body)
        assert status == 403, answer
        assert b"read-only" in answer
    status, _, _ = request(server, "GET", "/sparql?" + urlencode({"update": update}))
    assert status == 403
    status, _, _ = request(server, "PUT", f"/{MEDIUM.path}.ttl", {"Content-Length": "0"})
    assert status == 405
    count = "SELECT (COUNT(*) AS ?n) WHERE { <https://example.org/a> ?p ?o }"
    _, _, body = request(server, "GET", "/sparql?" + urlencode({"query": count}), {"Accept": "text/csv"})
    assert body.split() == [b"n", b"0"]


def test_over_long_queries_are_refused(server: LinkedDataServer) -> None:
    long_query = "SELECT * { ?s ?p ?o } #" + "x" * LIMITS.max_query_chars
    status, _, _ = request(server, "GET", "/sparql?query=" + quote(long_query))
    assert status == 414
    status, _, body = request(
        server, "POST", "/sparql", {"Content-Type": "application/sparql-query"}, long_query.encode()
    )
    assert status == 413 and b"longer than" in body
    status, _, _ = request(
        server,
        "POST",
        "/sparql",
        {"Content-Type": "application/sparql-query"},
        b"x" * (4 * LIMITS.max_query_chars),
    )
    assert status == 413


@pytest.mark.parametrize(
    "path",
    [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/id/..%2f..%2f..%2f..%2fetc/passwd",
        "/id/version/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/.htaccess",
        "/%00",
        "/id\\..\\..\\etc\\passwd",
    ],
)
def test_paths_outside_the_site_are_refused(server: LinkedDataServer, path: str) -> None:
    status, _, body = request(server, "GET", path)
    assert status in (400, 404)
    assert b"root:" not in body


def test_time_limit_and_result_size_limit(server: LinkedDataServer) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    status, response, body = request(server, "GET", "/sparql?" + urlencode({"query": slow}))
    assert status == 503 and response.getheader("Content-Type") == "text/plain; charset=utf-8"
    assert b"time limit" in body
    big = "CONSTRUCT WHERE { ?s ?p ?o }"
    status, _, body = request(server, "GET", "/sparql?" + urlencode({"query": big}))
    assert status == 413 and b"larger than 60,000 bytes" in body
    status, _, _ = request(server, "GET", "/sparql?" + urlencode({"query": VERSIONS}))
    assert status == 200, "the server answers again once a worker was stopped"


def test_each_request_is_logged_in_one_line(server: LinkedDataServer, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    request(server, "GET", "/index.html")
    request(server, "GET", "/no/such/page")
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith("127.0.0.1 ") and '"GET /index.html HTTP/1.1" 200 ' in lines[0]
    assert '"GET /no/such/page HTTP/1.1" 404 ' in lines[1]


def test_static_files_and_folders(server: LinkedDataServer) -> None:
    status, response, body = request(server, "GET", "/")
    assert status == 200 and response.getheader("Content-Type") == "text/html; charset=utf-8"
    status, response, _ = request(server, "GET", "/id/version")
    assert (status, response.getheader("Location")) == (301, "/id/version/")
    status, _, body = request(server, "GET", "/id/version/")
    assert status == 200 and b"mistral-medium-2312.html" in body
    _, _, whole = request(server, "GET", f"/{MEDIUM.path}.ttl")
    status, response, body = request(server, "HEAD", f"/{MEDIUM.path}.ttl")
    assert status == 200 and body == b"" and int(response.getheader("Content-Length", "0")) == len(whole)
    status, response, body = request(server, "GET", "/changes/feed.atom")
    assert (status, response.getheader("Content-Type")) == (200, "application/atom+xml")
    assert body.startswith(b'<?xml version="1.0" encoding="utf-8"?>')


def test_serve_refuses_files_over_the_users_limits_before_serving_a_built_site(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()  # a built site: only the query workers read the files
    result = CliRunner().invoke(
        cli, ["--max-input-bytes", "100", "serve", "--port", "0", "--site", str(tmp_path / "site")]
    )
    assert result.exit_code == 2
    assert "over the 100-byte input limit; raise it with --max-input-bytes" in result.stderr
