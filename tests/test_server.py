from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, urlencode

import pyoxigraph as ox
import pytest
from rdflib import Graph

from aimkg.load import to_rdflib
from aimkg.publish.conneg import negotiate
from aimkg.publish.rdf import Entity, describe, entities, to_store
from aimkg.publish.server import LinkedDataServer
from aimkg.publish.sparql import Limits
from htmlpage import parse_page
from servers import running_server

MEDIUM = Entity("version", "mistral-medium-2312")
LIMITS = Limits(timeout=3.0, max_result_bytes=60_000, max_query_chars=4_000)
RDF_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
}
RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
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
def server(tmp_path_factory: pytest.TempPathFactory, bundled_graph: Graph) -> Iterator[LinkedDataServer]:
    with running_server(bundled_graph, tmp_path_factory.mktemp("served"), LIMITS) as running:
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


def triples(data: bytes, media_type: str, base: str) -> set[tuple[object, ...]]:
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
        assert triples(body, media_type, server.url + location) == set(describe(bundled_graph, MEDIUM.iri))


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


def expected_results(graph: Graph, query: str, media_type: str) -> bytes:
    result = to_store(graph).query(query)
    return result.serialize(format=RESULT_TYPES[media_type]) or b""  # type: ignore[union-attr]


@pytest.mark.parametrize("media_type", list(RESULT_TYPES))
def test_sparql_answers_as_pyoxigraph_does(server: LinkedDataServer, bundled_graph: Graph, media_type: str) -> None:
    expected = expected_results(bundled_graph, VERSIONS, media_type)
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
        assert body == expected


def test_sparql_ask_and_construct(server: LinkedDataServer, bundled_graph: Graph) -> None:
    ask = "ASK { ?v <https://w3id.org/aimkg/ontology#status> <https://w3id.org/aimkg/ontology#Retired> }"
    status, _, body = request(server, "GET", "/sparql?" + urlencode({"query": ask}))
    assert (status, body) == (200, expected_results(bundled_graph, ask, "application/sparql-results+json"))
    construct = f"CONSTRUCT {{ <{MEDIUM.iri}> ?p ?o }} WHERE {{ <{MEDIUM.iri}> ?p ?o }}"
    status, response, body = request(
        server, "GET", "/sparql?" + urlencode({"query": construct}), {"Accept": "application/n-triples"}
    )
    assert status == 200 and response.getheader("Content-Type") == "application/n-triples; charset=utf-8"
    assert triples(body, "application/n-triples", server.url) == set(bundled_graph.triples((MEDIUM.iri, None, None)))


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
    status, response, body = request(server, "HEAD", f"/{MEDIUM.path}.ttl")
    assert status == 200 and body == b"" and int(response.getheader("Content-Length", "0")) > 0
