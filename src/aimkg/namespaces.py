"""The IRIs fixed by DESIGN.md: the ontology namespace and the entity IRI scheme."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS, XSD

AIMKG = Namespace("https://w3id.org/aimkg/ontology#")
ONTOLOGY_IRI = URIRef("https://w3id.org/aimkg/ontology")
ID_BASE = "https://w3id.org/aimkg/id/"
SCHEMA = Namespace("http://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
VOID = Namespace("http://rdfs.org/ns/void#")

ENTITY_KINDS = (
    "provider",
    "model",
    "version",
    "endpoint",
    "price",
    "benchmark",
    "result",
    "source",
    "platform",
)
SLUG_PATTERN = re.compile(r"[a-z0-9][a-z0-9.-]*")

#: Prefixes every serialisation binds, so that output never depends on rdflib's defaults.
PREFIXES: dict[str, str] = {
    "aimkg": str(AIMKG),
    "dcterms": str(DCTERMS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "sh": str(SH),
    "shape": "https://w3id.org/aimkg/shapes#",
    "skos": str(SKOS),
    "xsd": str(XSD),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "dcat": str(DCAT),
    "void": str(VOID),
    **{kind: f"{ID_BASE}{kind}/" for kind in ENTITY_KINDS},
}


def new_graph() -> Graph:
    """Return an empty graph that binds exactly aimkg's prefixes."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def slugify(text: str) -> str:
    """Turn any identifier (a model ID, a provider name) into a slug that fits DESIGN's rule."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9.]+", "-", ascii_text.lower()).strip("-.")
    slug = re.sub(r"\.{2,}", ".", slug)
    if not slug:  # nothing sluggable (":", "日本語"): a stable name from the text's hash keeps IRIs apart
        return "id-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return slug


def entity_iri(kind: str, slug: str) -> URIRef:
    """Return the IRI of an entity, refusing kinds and slugs that DESIGN.md does not allow."""
    if kind not in ENTITY_KINDS:
        raise ValueError(f"unknown entity kind {kind!r}; expected one of {', '.join(ENTITY_KINDS)}")
    if not SLUG_PATTERN.fullmatch(slug):
        raise ValueError(f"slug {slug!r} does not match {SLUG_PATTERN.pattern}")
    return URIRef(f"{ID_BASE}{kind}/{slug}")
