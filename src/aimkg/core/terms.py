"""The IRIs fixed by DESIGN.md and the vocabulary terms aimkg writes, as plain strings.

No rdflib here: the fast-starting paths (``aimkg query``, the exports, the SPARQL workers)
build pyoxigraph terms from these strings, and ``aimkg.io.graph`` builds rdflib namespaces
from the same ones, so that every IRI is written once.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

AIMKG = "https://w3id.org/aimkg/ontology#"
ONTOLOGY_IRI = "https://w3id.org/aimkg/ontology"
SHAPES = "https://w3id.org/aimkg/shapes#"
ID_BASE = "https://w3id.org/aimkg/id/"
DATASET_IRI = "https://w3id.org/aimkg/dataset"
GRAPH_BASE = "https://w3id.org/aimkg/graph/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SH = "http://www.w3.org/ns/shacl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
SCHEMA = "http://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
DCAT = "http://www.w3.org/ns/dcat#"
VOID = "http://rdfs.org/ns/void#"

RDF_TYPE = f"{RDF}type"
RDF_LANG_STRING = f"{RDF}langString"
RDFS_LABEL = f"{RDFS}label"
XSD_STRING = f"{XSD}string"

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

#: Prefixes every serialisation binds, so that output never depends on a library's defaults.
PREFIXES: dict[str, str] = {
    "aimkg": AIMKG,
    "dcterms": DCTERMS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "sh": SH,
    "shape": SHAPES,
    "skos": SKOS,
    "xsd": XSD,
    "schema": SCHEMA,
    "prov": PROV,
    "dcat": DCAT,
    "void": VOID,
    **{kind: f"{ID_BASE}{kind}/" for kind in ENTITY_KINDS},
}


def slugify(text: str) -> str:
    """Turn any identifier (a model ID, a provider name) into a slug that fits DESIGN's rule.

    >>> slugify("Mistral Medium 3.1")
    'mistral-medium-3.1'
    >>> slugify("meta-llama/Llama-3.1-8B-Instruct")
    'meta-llama-llama-3.1-8b-instruct'
    >>> slugify("claude-3-5-sonnet@20240620")
    'claude-3-5-sonnet-20240620'
    >>> slugify("日本語")  # nothing sluggable: a stable name from the text's hash
    'id-77710aedc74e'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9.]+", "-", ascii_text.lower()).strip("-.")
    slug = re.sub(r"\.{2,}", ".", slug)
    if not slug:  # nothing sluggable (":", "日本語"): a stable name from the text's hash keeps IRIs apart
        return "id-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return slug


def entity_iri(kind: str, slug: str) -> str:
    """Return the IRI of an entity, refusing kinds and slugs that DESIGN.md does not allow.

    >>> entity_iri("version", "mistral-medium-2312")
    'https://w3id.org/aimkg/id/version/mistral-medium-2312'
    >>> entity_iri("version", "Mistral Medium")
    Traceback (most recent call last):
    ...
    ValueError: slug 'Mistral Medium' does not match [a-z0-9][a-z0-9.-]*
    >>> entity_iri("model-card", "x")
    Traceback (most recent call last):
    ...
    ValueError: unknown entity kind 'model-card'; expected one of provider, model, version, ...
    """
    if kind not in ENTITY_KINDS:
        raise ValueError(f"unknown entity kind {kind!r}; expected one of {', '.join(ENTITY_KINDS)}")
    if not SLUG_PATTERN.fullmatch(slug):
        raise ValueError(f"slug {slug!r} does not match {SLUG_PATTERN.pattern}")
    return f"{ID_BASE}{kind}/{slug}"
