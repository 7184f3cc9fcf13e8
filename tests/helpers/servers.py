"""Helpers of the publishing tests: `aimkg serve`'s server on a free local port, and what an entity's data must hold."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from aimkg.io.read import bundled_files
from aimkg.publish.rdf import Entity, as_entity
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
    build_site(sources, site)
    server = open_server(sources, site, limits=limits)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def entities(graph: Graph) -> list[Entity]:
    """Every typed entity of an rdflib graph, sorted by kind and slug: what the site must have a page for."""
    found = {as_entity(subject) for subject in graph.subjects(RDF.type, None)}
    return sorted(entity for entity in found if entity is not None)


def described(graph: Graph, name: str) -> set[tuple[Node, Node, Node]]:
    """The triples an entity's data files must hold, read off rdflib's graph: about it, and other entities' to it."""
    iri = URIRef(name)
    about = set(graph.triples((iri, None, None)))
    return about | {(s, p, iri) for s, p in graph.subject_predicates(iri) if as_entity(s) is not None}
