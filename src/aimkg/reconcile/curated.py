"""What the curated data already says, for reconciliation: its nodes, and which of them catalogs may join.

Curated facts win: catalog records may be linked to curated providers, platforms, models,
versions and endpoints, but reconciliation never adds a catalog's facts to a curated node.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox

from aimkg.core.resources import curated_files
from aimkg.core.terms import AIMKG, ID_BASE, RDF_TYPE
from aimkg.io.read import read_triples


@dataclass(frozen=True)
class Curated:
    """The curated entities by kind and slug, with the links reconciliation needs."""

    subjects: frozenset[str]  # every curated entity IRI
    versions: dict[str, str]  # version slug → its maker's provider slug
    models: dict[str, str]  # model slug → its maker's provider slug
    endpoints: dict[tuple[str, str], tuple[str, str]]  # (platform, model ID or alias) → (endpoint slug, version slug)

    def endpoint(self, platform: str, model_id: str) -> tuple[str, str] | None:
        """The still-callable curated endpoint a platform's model ID (or alias) names, and the version it serves."""
        return self.endpoints.get((platform, model_id))


def slug_of(iri: str, kind: str) -> str | None:
    prefix = f"{ID_BASE}{kind}/"
    return iri[len(prefix) :] if iri.startswith(prefix) else None


@cache
def curated() -> Curated:
    """Index the curated data of ``data/``.

    An endpoint with an ``aimkg:availableThrough`` date no longer answers to its model ID, so a
    catalog listing that ID today describes something else: it is not offered for linking.
    """
    facts: dict[str, dict[str, list[str]]] = {}
    for triple in read_triples(curated_files()):
        if isinstance(triple.subject, ox.NamedNode):
            value = triple.object.value if isinstance(triple.object, ox.NamedNode | ox.Literal) else ""
            facts.setdefault(triple.subject.value, {}).setdefault(triple.predicate.value, []).append(value)

    def one(node: dict[str, list[str]], name: str) -> str:
        return node.get(f"{AIMKG}{name}", [""])[0]

    versions, models, endpoints = {}, {}, {}
    for iri, node in facts.items():
        types = node.get(RDF_TYPE, [])
        maker = slug_of(one(node, "provider"), "provider") or ""
        if f"{AIMKG}Version" in types:
            versions[slug_of(iri, "version") or iri] = maker
        elif f"{AIMKG}Model" in types:
            models[slug_of(iri, "model") or iri] = maker
        elif f"{AIMKG}Endpoint" in types and f"{AIMKG}availableThrough" not in node:
            platform, version = slug_of(one(node, "platform"), "platform"), slug_of(one(node, "serves"), "version")
            if platform and version:
                for name in node.get(f"{AIMKG}modelId", []) + node.get(f"{AIMKG}alias", []):
                    endpoints[(platform, name)] = (slug_of(iri, "endpoint") or iri, version)
    return Curated(frozenset(facts), versions, models, endpoints)
