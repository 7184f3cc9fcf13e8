"""The graph cut the way publishing needs it: per entity and per ontology, in the export formats.

Entities are found on the rdflib graph the pages are drawn from; the data files are cut from
the pyoxigraph triples the graph was read as and written by the export's formats
(``aimkg.export.formats.FORMATS``), so a page's Turtle, JSON-LD and N-Triples are the same
serialisations as ``aimkg export``'s, applied to one entity's description.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from aimkg.core.terms import ENTITY_KINDS, ID_BASE, SLUG_PATTERN
from aimkg.export.formats import FORMATS, Format
from aimkg.io.graph import ONTOLOGY_IRI

#: The data files written beside every page, by file suffix: export formats of the page's triples.
DATA_FORMATS: dict[str, Format] = {".ttl": FORMATS["turtle"], ".jsonld": FORMATS["jsonld"], ".nt": FORMATS["ntriples"]}
HTML = "text/html"
#: Every representation of a page by suffix, with its media type, in the order content negotiation prefers for */*.
REPRESENTATIONS: dict[str, str] = {".html": HTML, **{suffix: f.media_type for suffix, f in DATA_FORMATS.items()}}


@dataclass(frozen=True, order=True)
class Entity:
    """One entity IRI of the graph: ``https://w3id.org/aimkg/id/<kind>/<slug>``."""

    kind: str
    slug: str

    @property
    def iri(self) -> URIRef:
        return URIRef(f"{ID_BASE}{self.kind}/{self.slug}")

    @property
    def path(self) -> str:
        """The site path of the entity, without suffix: ``id/version/mistral-medium-2312``."""
        return f"id/{self.kind}/{self.slug}"


def entity_of(iri: str) -> Entity | None:
    """Return the Entity an IRI names, or None when it is not an aimkg entity IRI."""
    if not iri.startswith(ID_BASE):
        return None
    kind, _, slug = iri[len(ID_BASE) :].partition("/")
    if kind in ENTITY_KINDS and SLUG_PATTERN.fullmatch(slug):
        return Entity(kind, slug)
    return None


def as_entity(node: object) -> Entity | None:
    """Return the Entity an rdflib node names, or None when it is not an aimkg entity IRI."""
    return entity_of(str(node)) if isinstance(node, URIRef) else None


def entities(graph: Graph) -> list[Entity]:
    """Return every typed entity of the graph, sorted by kind and slug."""
    found = {as_entity(subject) for subject in graph.subjects(RDF.type, None)}
    return sorted(entity for entity in found if entity is not None)


def descriptions(triples: Iterable[ox.Triple]) -> dict[str, list[ox.Triple]]:
    """Return each entity's description, by IRI: the triples about it and those of other entities pointing to it.

    This is the symmetric concise bounded description (no blank nodes exist to follow), so that a
    program that reads a version's data also finds the endpoints that serve it and its results.
    Link: https://www.w3.org/submissions/CBD/#alternatives (symmetric CBD)
    """
    found: dict[str, list[ox.Triple]] = {}
    for triple in dict.fromkeys(triples):  # a triple stated in two files is described once
        subject, obj = triple.subject, triple.object
        if not isinstance(subject, ox.NamedNode) or entity_of(subject.value) is None:
            continue
        found.setdefault(subject.value, []).append(triple)
        if isinstance(obj, ox.NamedNode) and obj != subject and entity_of(obj.value) is not None:
            found.setdefault(obj.value, []).append(triple)
    return found


def ontology_triples(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """Return the ontology and its alignment: every triple about a term of ``https://w3id.org/aimkg/ontology``."""
    return [
        triple
        for triple in triples
        if isinstance(triple.subject, ox.NamedNode) and triple.subject.value.startswith(ONTOLOGY_IRI)
    ]
