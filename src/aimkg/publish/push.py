"""Load the graph into a SPARQL 1.1 Graph Store Protocol server, then check it there by counting.

Link: https://www.w3.org/TR/sparql11-http-rdf-update/#http-put (``--replace``) and
#http-post (add). The count goes through the server's SPARQL query endpoint, so it checks what
the store holds, not what it said it received.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

import pyoxigraph as ox

from aimkg.core.errors import AimkgError, InputError
from aimkg.io.ntriples import ntriples

DEFAULT_GRAPH = "https://w3id.org/aimkg/graph"
#: How a store's Graph Store Protocol path maps to its query endpoint, for servers whose layout is known.
QUERY_PATHS = (
    ("/store", "/query"),  # Oxigraph
    ("/data", "/query"),  # Apache Jena Fuseki: /<dataset>/data and /<dataset>/query
    ("/rdf-graphs/service", ""),  # GraphDB: /repositories/<id>/rdf-graphs/service and /repositories/<id>
    ("/sparql-graph-crud-auth", "/sparql"),  # Virtuoso
    ("/sparql-graph-crud", "/sparql"),  # Virtuoso
)


class VerificationError(AimkgError):
    """The store does not hold what was pushed: the answer is "no"."""

    exit_code = 1


@dataclass(frozen=True)
class PushResult:
    """What was sent, and what the store counts afterwards in the named graph."""

    graph: str
    sent: int
    counted: int


def query_endpoint_for(store: str) -> str:
    """Derive a store's SPARQL query endpoint from its Graph Store Protocol URL, for known servers."""
    parts = urlsplit(store)
    for suffix, replacement in QUERY_PATHS:
        if parts.path.endswith(suffix):
            return urlunsplit(parts._replace(path=parts.path[: -len(suffix)] + replacement, query=""))
    raise InputError(f"{store}: cannot tell its SPARQL query endpoint; give it with --query-endpoint URL")


def send(request: urllib.request.Request, timeout: float) -> bytes:
    """Send one request; turn HTTP and connection failures into one clear line."""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body: bytes = response.read()
            return body
    except urllib.error.HTTPError as error:
        detail = error.read().decode("utf-8", errors="replace").strip().splitlines()
        said = f": {detail[0][:200]}" if detail else ""
        raise InputError(f"{request.full_url}: HTTP {error.code} {error.reason}{said}") from error
    except (urllib.error.URLError, OSError) as error:
        reason = error.reason if isinstance(error, urllib.error.URLError) else error
        raise InputError(f"{request.full_url}: cannot connect ({reason}); is the store running?") from error


def count_triples(query_endpoint: str, graph_iri: str, headers: Mapping[str, str], timeout: float) -> int:
    """Count the triples of a named graph through a SPARQL query endpoint."""
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}"
    request = urllib.request.Request(
        query_endpoint,
        data=urlencode({"query": query}).encode(),
        headers={
            **headers,
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json",
        },
        method="POST",
    )
    body = send(request, timeout)
    try:
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise InputError(f"{query_endpoint}: unexpected answer to a COUNT query: {body[:200]!r}") from error


def push(
    triples: Iterable[ox.Triple],
    store: str,
    graph_iri: str = DEFAULT_GRAPH,
    *,
    replace: bool = False,
    query_endpoint: str | None = None,
    headers: Mapping[str, str] | None = None,
    timeout: float = 120.0,
) -> PushResult:
    """Send the triples as N-Triples into a named graph (PUT replaces it, POST adds), then count them back."""
    if not graph_iri.startswith(("http://", "https://", "urn:")):
        raise InputError(f"--graph {graph_iri!r}: give an absolute IRI")
    endpoint = query_endpoint or query_endpoint_for(store)
    headers = dict(headers or {})
    separator = "&" if urlsplit(store).query else "?"
    body = ntriples(triples)  # one line per distinct triple
    request = urllib.request.Request(
        store + separator + urlencode({"graph": graph_iri}),
        data=body,
        headers={**headers, "Content-Type": "application/n-triples"},
        method="PUT" if replace else "POST",
    )
    send(request, timeout)
    result = PushResult(graph_iri, body.count(b"\n"), count_triples(endpoint, graph_iri, headers, timeout))
    if result.counted < result.sent or (replace and result.counted != result.sent):
        raise VerificationError(
            f"{endpoint}: the store counts {result.counted} triples in <{graph_iri}> after {result.sent} were sent"
        )
    return result
