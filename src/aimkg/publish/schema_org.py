"""The schema.org JSON-LD each page embeds for search engines, read off the ontology's alignment.

Which schema.org type an aimkg class is, and which schema.org property an aimkg property is, is
what ``ontology/alignment.ttl`` says: its ``rdfs:subClassOf``, ``rdfs:subPropertyOf``,
``owl:equivalentClass`` and ``owl:equivalentProperty`` links to ``http://schema.org/`` terms
(DESIGN.md: Alignment). So a mapping is stated once, and the pages say what the ontology says.
Written here is only what the alignment does not state: the type the pages give the classes it
maps to no schema.org type, and the shapes schema.org wants that are no sub-property (a price is
an ``Offer``'s ``priceSpecification``; its ``perTokens`` a ``referenceQuantity``).

Link: https://schema.org/UnitPriceSpecification
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pyoxigraph as ox

from aimkg.core.resources import resource_root
from aimkg.core.terms import SCHEMA
from aimkg.io.read import Term, read_triples
from aimkg.publish.graph import DC, OWL, RDFS, A
from aimkg.publish.rdf import Entity, entity_of
from aimkg.publish.views import View, node_iri

#: The alignment links that make an aimkg term a schema.org one.
MAPPINGS = (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.equivalentProperty)
#: The class of the entities under each ``id/<kind>/`` (the ontology's IRI scheme).
KIND_CLASSES: dict[str, str] = {
    "provider": A.Provider,
    "model": A.Model,
    "version": A.Version,
    "endpoint": A.Endpoint,
    "platform": A.Platform,
    "price": A.PriceSpec,
    "benchmark": A.Benchmark,
    "result": A.BenchmarkResult,
    "source": A.Source,
}
#: The schema.org type of the classes the alignment maps to none: the pages' choice, not a claim of the ontology.
UNALIGNED_TYPES: dict[str, str] = {
    A.Model: "CreativeWork",
    A.Version: "SoftwareApplication",
    A.Endpoint: "WebAPI",
    A.Platform: "WebAPI",
    A.Benchmark: "CreativeWork",
    A.BenchmarkResult: "Rating",
    A.Source: "CreativeWork",
}
#: Aligned properties written as a list whatever their count: a version handles several languages.
LISTED = {A.language}


@cache
def alignment() -> dict[str, str]:
    """Return the schema.org name each aimkg class and property is aligned to (the first in IRI order if several)."""
    triples = read_triples([resource_root() / "ontology" / "alignment.ttl"])
    aligned: dict[str, str] = {}
    for predicate in MAPPINGS:
        pairs = sorted(
            (t.subject.value, t.object.value)
            for t in triples
            if t.predicate.value == predicate and isinstance(t.subject, ox.NamedNode)
            and isinstance(t.object, ox.NamedNode) and t.object.value.startswith(SCHEMA)
        )  # fmt: skip
        for term, target in pairs:
            aligned.setdefault(term, target[len(SCHEMA) :])
    return aligned


def schema_type(kind: str) -> str:
    """The schema.org type of an entity kind: its class's alignment, else the pages' choice."""
    cls = KIND_CLASSES[kind]
    return alignment().get(cls) or UNALIGNED_TYPES[cls]


def entity_schema(view: View, entity: Entity) -> dict[str, Any]:
    """Describe any entity by its name, description and links: only a version is described in full."""
    return {"@context": SCHEMA, **schema_node(view, entity.iri, schema_type(entity.kind))}


def version_schema(view: View, iri: str, prices: list[str] | None = None) -> dict[str, Any]:
    """Describe a version with every aligned fact it states, and its prices as offers.

    ``prices``: every price of the version, on each endpoint that serves it (default: its own, ``aimkg:price``).
    """
    node = {"@context": SCHEMA, **schema_node(view, iri, schema_type("version")), **aligned_facts(view, iri)}
    if prices is None:
        prices = [price for price in map(node_iri, view.graph.objects(iri, A.price)) if price is not None]
    offers = [offer(view, price) for price in sorted(prices)]
    if offers:
        node["offers"] = offers
    return node


def ontology_schema(ontology: str, title: str) -> dict[str, Any]:
    """Describe the ontology as the set of terms it defines."""
    return {"@context": SCHEMA, "@type": "DefinedTermSet", "@id": ontology, "name": title}


def offer(view: View, price: str) -> dict[str, Any]:
    """A price as schema.org has it: an Offer whose priceSpecification counts ``perTokens`` "tokens"."""
    spec = schema_node(view, price, schema_type("price"))
    spec.pop("description", None)
    spec.update(aligned_facts(view, price))
    per = view.text(price, A.perTokens)
    if per is not None and per.isdigit():
        spec["referenceQuantity"] = {"@type": "QuantitativeValue", "value": int(per), "unitText": "tokens"}
    return {"@type": "Offer", "priceSpecification": spec}


def aligned_facts(view: View, subject: str) -> dict[str, Any]:
    """Every fact of a node whose property the alignment maps to schema.org, under the schema.org name."""
    mapped = alignment()
    facts: dict[str, Any] = {}
    for predicate in sorted(p for p in view.graph.facts(subject) if p in mapped):
        values = [schema_value(view, target) for target in view.objects(subject, predicate)]
        facts[mapped[predicate]] = values if predicate in LISTED else values[0]
    return facts


def schema_value(view: View, target: Term) -> Any:
    """A fact's value: an entity as a typed, named reference, a literal as its text, another IRI as itself."""
    iri = node_iri(target)
    entity = entity_of(iri) if iri else None
    if entity is not None:
        return {"@type": schema_type(entity.kind), "@id": iri, "name": view.label(target)}
    return view.label(target) if isinstance(target, ox.Literal) else str(iri)


def schema_node(view: View, iri: str, kind: str) -> dict[str, Any]:
    """The node every description starts from: type, IRI, name, and the description, URL and sameAs links it has."""
    node: dict[str, Any] = {"@type": kind, "@id": iri, "name": view.label(iri)}
    description = view.texts(iri, DC.description) or view.texts(iri, RDFS.comment)
    if description:
        node["description"] = " ".join(description)
    urls = view.texts(iri, A.url)
    if urls:
        node["url"] = urls[0]
    same = view.texts(iri, OWL.sameAs)
    if same:
        node["sameAs"] = same
    return node
