"""Entity IRIs as the site lays them out, and the data formats written beside every page.

An entity IRI ``https://w3id.org/aimkg/id/<kind>/<slug>`` is the page ``id/<kind>/<slug>.html``
with its data files ``.ttl``, ``.jsonld`` and ``.nt`` beside it: the export's own formats
(``aimkg.export.formats.FORMATS``), so that a page's Turtle, JSON-LD and N-Triples are the same
serialisations as ``aimkg export``'s, applied to one entity's description
(``aimkg.publish.graph.SiteGraph.description``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from aimkg.core.terms import ENTITY_KINDS, ID_BASE, SLUG_PATTERN
from aimkg.export.formats import FORMATS, Format

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
    def iri(self) -> str:
        return f"{ID_BASE}{self.kind}/{self.slug}"

    @property
    def path(self) -> str:
        """The site path of the entity, without suffix: ``id/version/mistral-medium-2312``."""
        return f"id/{self.kind}/{self.slug}"


@lru_cache(maxsize=1 << 17)
def entity_of(iri: str) -> Entity | None:
    """Return the Entity an IRI names, or None when it is not an aimkg entity IRI."""
    if not iri.startswith(ID_BASE):
        return None
    kind, _, slug = iri[len(ID_BASE) :].partition("/")
    if kind in ENTITY_KINDS and SLUG_PATTERN.fullmatch(slug):
        return Entity(kind, slug)
    return None


def as_entity(node: object) -> Entity | None:
    """Return the Entity a node (an rdflib or pyoxigraph IRI, or a string) names, or None."""
    value = getattr(node, "value", node)
    return entity_of(str(value)) if value is not None else None
