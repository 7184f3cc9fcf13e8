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

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDFS
from rdflib.term import Node

from aimkg.core.resources import resource_root
from aimkg.io.graph import AIMKG, read_graph
from aimkg.publish.rdf import Entity, as_entity
from aimkg.publish.views import View

SCHEMA = "http://schema.org/"
#: The alignment links that make an aimkg term a schema.org one.
MAPPINGS = (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.equivalentProperty)
#: The class of the entities under each ``id/<kind>/`` (the ontology's IRI scheme).
KIND_CLASSES: dict[str, URIRef] = {
    "provider": AIMKG.Provider,
    "model": AIMKG.Model,
    "version": AIMKG.Version,
    "endpoint": AIMKG.Endpoint,
    "platform": AIMKG.Platform,
    "price": AIMKG.PriceSpec,
    "benchmark": AIMKG.Benchmark,
    "result": AIMKG.BenchmarkResult,
    "source": AIMKG.Source,
}
#: The schema.org type of the classes the alignment maps to none: the pages' choice, not a claim of the ontology.
UNALIGNED_TYPES: dict[URIRef, str] = {
    AIMKG.Model: "CreativeWork",
    AIMKG.Version: "SoftwareApplication",
    AIMKG.Endpoint: "WebAPI",
    AIMKG.Platform: "WebAPI",
    AIMKG.Benchmark: "CreativeWork",
    AIMKG.BenchmarkResult: "Rating",
    AIMKG.Source: "CreativeWork",
}
#: Aligned properties written as a list whatever their count: a version handles several languages.
LISTED = {AIMKG.language}


@cache
def alignment() -> dict[URIRef, str]:
    """Return the schema.org name each aimkg class and property is aligned to (the first in IRI order if several)."""
    graph = read_graph([resource_root() / "ontology" / "alignment.ttl"])
    aligned: dict[URIRef, str] = {}
    for predicate in MAPPINGS:
        for term, target in sorted(graph.subject_objects(predicate)):
            if isinstance(term, URIRef) and isinstance(target, URIRef) and target.startswith(SCHEMA):
                aligned.setdefault(term, target[len(SCHEMA) :])
    return aligned


def schema_type(kind: str) -> str:
    """The schema.org type of an entity kind: its class's alignment, else the pages' choice."""
    cls = KIND_CLASSES[kind]
    return alignment().get(cls) or UNALIGNED_TYPES[cls]


def entity_schema(view: View, entity: Entity) -> dict[str, Any]:
    """Describe any entity by its name, description and links: only a version is described in full."""
    return {"@context": SCHEMA, **schema_node(view, entity.iri, schema_type(entity.kind))}


def version_schema(view: View, iri: URIRef) -> dict[str, Any]:
    """Describe a version with every aligned fact it states, and its prices as offers."""
    node = {"@context": SCHEMA, **schema_node(view, iri, schema_type("version")), **aligned_facts(view, iri)}
    offers = [offer(view, price) for price in view.objects(iri, AIMKG.price)]
    if offers:
        node["offers"] = offers
    return node


def ontology_schema(ontology: URIRef, title: str) -> dict[str, Any]:
    """Describe the ontology as the set of terms it defines."""
    return {"@context": SCHEMA, "@type": "DefinedTermSet", "@id": str(ontology), "name": title}


def offer(view: View, price: Node) -> dict[str, Any]:
    """A price as schema.org has it: an Offer whose priceSpecification counts ``perTokens`` "tokens"."""
    spec = schema_node(view, price, schema_type("price"))
    spec.pop("description", None)
    spec.update(aligned_facts(view, price))
    per = view.first(price, AIMKG.perTokens)
    if per is not None:
        spec["referenceQuantity"] = {"@type": "QuantitativeValue", "value": int(str(per)), "unitText": "tokens"}
    return {"@type": "Offer", "priceSpecification": spec}


def aligned_facts(view: View, subject: Node) -> dict[str, Any]:
    """Every fact of a node whose property the alignment maps to schema.org, under the schema.org name."""
    mapped = alignment()
    facts: dict[str, Any] = {}
    predicates = {p for p in view.graph.predicates(subject, None) if isinstance(p, URIRef) and p in mapped}
    for predicate in sorted(predicates, key=str):
        values = [schema_value(view, target) for target in view.objects(subject, predicate)]
        facts[mapped[predicate]] = values if predicate in LISTED else values[0]
    return facts


def schema_value(view: View, target: Node) -> Any:
    """A fact's value: an entity as a typed, named reference, a literal as its text, another IRI as itself."""
    entity = as_entity(target)
    if entity is not None:
        return {"@type": schema_type(entity.kind), "@id": str(target), "name": view.label(target)}
    return view.label(target) if isinstance(target, Literal) else str(target)


def schema_node(view: View, iri: Node, kind: str) -> dict[str, Any]:
    """The node every description starts from: type, IRI, name, and the description, URL and sameAs links it has."""
    node: dict[str, Any] = {"@type": kind, "@id": str(iri), "name": view.label(iri)}
    description = view.texts(iri, DCTERMS.description) or view.texts(iri, RDFS.comment)
    if description:
        node["description"] = " ".join(description)
    urls = view.texts(iri, AIMKG.url)
    if urls:
        node["url"] = urls[0]
    same = view.texts(iri, OWL.sameAs)
    if same:
        node["sameAs"] = same
    return node
