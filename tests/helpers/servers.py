"""Helpers of the publishing tests: `aimkg serve`'s server on a free local port, and what an entity's data must hold."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.term import Node

from aimkg.io.read import bundled_files, read_triples
from aimkg.publish.rdf import as_entity
from aimkg.publish.server import LinkedDataServer, open_server
from aimkg.publish.site import build_site
from aimkg.publish.sparql import QueryLimits


@contextmanager
def running_server(
    folder: Path, limits: QueryLimits | None = None, extra: Sequence[Path] = ()
) -> Iterator[LinkedDataServer]:
    """Build the site of the bundled graph plus extra files into folder, and serve it with SPARQL over them."""
    sources = [*bundled_files(), *extra]
    site = folder / "site"
    build_site(read_triples(sources), site)
    server = open_server(sources, site, limits=limits)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def described(graph: Graph, iri: URIRef) -> set[tuple[Node, Node, Node]]:
    """The triples an entity's data files must hold, read off rdflib's graph: about it, and other entities' to it."""
    about = set(graph.triples((iri, None, None)))
    return about | {(s, p, iri) for s, p in graph.subject_predicates(iri) if as_entity(s) is not None}
