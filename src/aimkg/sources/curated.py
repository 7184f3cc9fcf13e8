"""The curated nodes a catalog import can be linked to: versions, model lines and callable endpoints."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from rdflib import URIRef
from rdflib.namespace import RDF

from aimkg.core.terms import slugify
from aimkg.io.graph import AIMKG, entity_iri

#: Catalog provider IDs that name a curated provider, and the curated platform they serve on.
#: Both catalogs call Mistral AI's API ``mistral``; aimkg calls it mistral-ai / la-plateforme.
CURATED_PROVIDERS: dict[str, tuple[str, str | None]] = {"mistral": ("mistral-ai", "la-plateforme")}


@dataclass(frozen=True)
class Curated:
    """The curated nodes an import can be linked to, indexed by provider slug."""

    versions: frozenset[tuple[str, str]]  # (provider slug, version slug)
    models: frozenset[tuple[str, str]]  # (provider slug, model slug)
    endpoints: dict[tuple[str, str], URIRef]  # (provider slug, model ID or alias) -> served version

    def version_for(self, provider: str, model_id: str) -> URIRef | None:
        """The curated version a (provider, model ID) names: its endpoint's version, or the dated ID."""
        served = self.endpoints.get((provider, model_id))
        if served is not None:
            return served
        slug = slugify(model_id)
        if (provider, slug) in self.versions:
            return entity_iri("version", slug)
        return None

    def model_for(self, provider: str, family: str) -> URIRef | None:
        slug = slugify(family)
        return entity_iri("model", slug) if (provider, slug) in self.models else None


def slug_of(iri: Any) -> str:
    return str(iri).rsplit("/", 1)[-1]


@cache
def curated() -> Curated:
    """Index the bundled data: the versions, models and still-callable endpoints of each provider.

    An endpoint with an ``aimkg:availableThrough`` date no longer answers to its model ID, so
    a catalog listing that ID today describes something else; it is not used for linking.
    """
    from aimkg.core.resources import curated_files
    from aimkg.io.graph import read_graph

    graph = read_graph(curated_files())
    versions = frozenset(
        (slug_of(graph.value(node, AIMKG.provider)), slug_of(node)) for node in graph.subjects(RDF.type, AIMKG.Version)
    )
    models = frozenset(
        (slug_of(graph.value(node, AIMKG.provider)), slug_of(node)) for node in graph.subjects(RDF.type, AIMKG.Model)
    )
    endpoints: dict[tuple[str, str], URIRef] = {}
    for node in graph.subjects(RDF.type, AIMKG.Endpoint):
        served = graph.value(node, AIMKG.serves)
        if (node, AIMKG.availableThrough, None) in graph or not isinstance(served, URIRef):
            continue
        provider = slug_of(graph.value(node, AIMKG.provider))
        for name in [*graph.objects(node, AIMKG.modelId), *graph.objects(node, AIMKG.alias)]:
            endpoints[(provider, str(name))] = served
    return Curated(versions, models, endpoints)
