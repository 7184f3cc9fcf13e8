"""Write JSON-LD that reads as plain JSON: compacted with aimkg's shipped context, and a framed view.

The context (``ontology/context.jsonld``, published as ``CONTEXT_IRI``) gives every aimkg
property a short key and says how its values are written: dates and exact decimals as strings
("8.10", never a float), integers and booleans as JSON numbers and booleans, labels as
language maps ({"en": "Mistral AI"}), vocabulary values by their local name ("Retired"),
entities by their full IRI. The writer follows the context directly rather than running a
JSON-LD compaction algorithm, which keeps a million triples within seconds; tests expand its
output with pyld (offline, through ``document_loader``) and compare the triples.

The framed view has one object per version with its prices, endpoints, benchmark results
and sources nested, like a models.dev or LiteLLM entry that keeps its IRIs (``@id``).

Links: https://www.w3.org/TR/json-ld11/#compacted-document-form
https://www.w3.org/TR/json-ld11-framing/
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import pyoxigraph as ox

from aimkg.core.resources import CONTEXT_IRI, context_path
from aimkg.core.terms import RDF_LANG_STRING, RDF_TYPE, XSD, XSD_STRING
from aimkg.io.turtle import object_key

AIMKG = "https://w3id.org/aimkg/ontology#"
VERSION_CLASS = f"{AIMKG}Version"
#: Integers JSON carries exactly (RFC 8259 section 6: beyond 2**53 parsers may round).
JSON_SAFE_INTEGER = re.compile(r"-?(0|[1-9][0-9]{0,14})")

#: Framed view: the nodes nested whole in a version (reverse keys: nodes that point at it) ...
NESTED = ("price", "endpoints", "results")
#: ... and the nodes they cite, nested as summaries of a few keys.
NAMED = frozenset({"@type", "label", "url"})
SOURCE_SUMMARY = NAMED | {"issued", "sourceVersion"}
SUMMARIES = {
    "source": SOURCE_SUMMARY,
    "reportedBy": SOURCE_SUMMARY,
    "provider": NAMED,
    "versionOf": NAMED,
    "platform": NAMED | {"openAICompatible"},
    "benchmark": NAMED | {"scaleMin", "scaleMax", "higherIsBetter"},
}

Json = dict[str, Any]


@cache
def context() -> Json:
    """Return the shipped context document, read once."""
    document: Json = json.loads(context_path().read_text(encoding="utf-8"))
    return document


def document_loader(url: str, options: Any = None) -> Json:
    """Serve aimkg's context to pyld from the package and refuse every other URL: never reach the network.

    Use as ``pyld.jsonld.expand(doc, {"documentLoader": document_loader})``.
    """
    from pyld import jsonld

    if url != CONTEXT_IRI:
        raise jsonld.JsonLdError(
            f"refusing to fetch {url}: aimkg loads only its own context offline",
            "jsonld.LoadDocumentError",
            code="loading document failed",
        )
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": context(),
    }


@dataclass(frozen=True)
class Term:
    """One key of the context: the property it stands for and how its values are written."""

    key: str
    iri: str
    coercion: str | None  # "@id", "@vocab", a datatype IRI, or None
    language_map: bool
    always_array: bool


def expand(value: str, prefixes: dict[str, str]) -> str:
    prefix, _, local = value.partition(":")
    return prefixes[prefix] + local if prefix in prefixes else value


@dataclass(frozen=True)
class Context:
    """The shipped context, read for writing: terms by property IRI, reverse keys, prefixes."""

    terms: dict[str, Term]
    reverse: dict[str, str]  # key -> the property whose subjects it lists (framed view only)
    namespaces: dict[str, str]  # namespace -> prefix
    vocab: str

    @property
    def keys(self) -> set[str]:
        return {term.key for term in self.terms.values()} | set(self.reverse)


@cache
def read_context() -> Context:
    """Read the shipped context into what the writer needs."""
    definitions = context()["@context"]
    prefixes = {key: value for key, value in definitions.items() if isinstance(value, str) and key[0] != "@"}
    terms, reverse = {}, {}
    for key, definition in definitions.items():
        if not isinstance(definition, dict):
            continue
        if "@reverse" in definition:
            reverse[key] = expand(definition["@reverse"], prefixes)
            continue
        containers = definition.get("@container", [])
        containers = [containers] if isinstance(containers, str) else containers
        coercion = definition.get("@type")
        iri = expand(definition["@id"], prefixes)
        terms[iri] = Term(
            key=key,
            iri=iri,
            coercion=expand(coercion, prefixes) if coercion and coercion[0] != "@" else coercion,
            language_map="@language" in containers,
            always_array="@set" in containers,
        )
    namespaces = {namespace: prefix for prefix, namespace in prefixes.items()}
    return Context(terms, reverse, namespaces, definitions["@vocab"])


class JsonLdWriter:
    """Turn triples into compacted JSON-LD node objects following the shipped context."""

    def __init__(self, triples: Iterable[ox.Triple]) -> None:
        read = read_context()
        self.terms, self.reverse, self.namespaces, self.vocab = (
            read.terms,
            read.reverse,
            read.namespaces,
            read.vocab,
        )
        self.keys = read.keys
        self.summaries: dict[tuple[str, frozenset[str]], Json] = {}
        self.nodes: dict[str, dict[str, list[ox.NamedNode | ox.BlankNode | ox.Literal]]] = {}
        for triple in triples:
            predicates = self.nodes.setdefault(node_id(triple.subject), {})
            predicates.setdefault(triple.predicate.value, []).append(triple.object)  # type: ignore[arg-type]

    def compact_iri(self, iri: str) -> str:
        """Write an ontology or vocabulary IRI as prefix:name; entity IRIs stay whole."""
        cut = max(iri.rfind("/"), iri.rfind("#")) + 1
        prefix = self.namespaces.get(iri[:cut])
        local = iri[cut:]
        return f"{prefix}:{local}" if prefix and local and not local.startswith("//") else iri

    def vocab_value(self, iri: str) -> str:
        """Write an IRI as ``@type`` and ``@type: @vocab`` keys read it back: a local name if possible."""
        local = iri[len(self.vocab) :]
        term = self.terms.get(iri)
        if iri.startswith(self.vocab) and local.isidentifier() and (local not in self.keys or term is not None):
            return local
        return self.compact_iri(iri)

    def value(self, term: Term | None, obj: ox.NamedNode | ox.BlankNode | ox.Literal) -> Any:
        """Write one object under a key: coerced to a bare string where the context allows, else expanded."""
        if not isinstance(obj, ox.Literal):
            ref = node_id(obj) if isinstance(obj, ox.BlankNode) else self.compact_iri(obj.value)
            if term is not None and term.coercion == "@vocab" and isinstance(obj, ox.NamedNode):
                return self.vocab_value(obj.value)
            if term is not None and term.coercion == "@id":
                return ref
            return {"@id": ref}
        datatype = obj.datatype.value
        if term is not None and term.coercion == datatype:
            return obj.value
        if obj.language:
            return {"@value": obj.value, "@language": obj.language}
        if datatype == XSD_STRING and (term is None or term.coercion is None):
            return obj.value
        if term is None or term.coercion is None:
            if datatype == f"{XSD}integer" and JSON_SAFE_INTEGER.fullmatch(obj.value):
                return int(obj.value)
            if datatype == f"{XSD}boolean" and obj.value in ("true", "false"):
                return obj.value == "true"
        return {"@value": obj.value, "@type": self.compact_iri(datatype)}

    def properties(self, node: str, skip: frozenset[str] = frozenset()) -> Json:
        """Write a node's properties (not its @id): one key per property, values in canonical order."""
        result: Json = {}
        for predicate, objects in self.nodes.get(node, {}).items():
            if predicate in skip:
                continue
            objects = sorted(set(objects), key=object_key)  # a triple stated twice is written once
            if predicate == RDF_TYPE:
                types = [self.vocab_value(o.value) if isinstance(o, ox.NamedNode) else node_id(o) for o in objects]
                result["@type"] = types[0] if len(types) == 1 else types
                continue
            term = self.terms.get(predicate)
            if term is not None and term.language_map:
                in_map = [o for o in objects if isinstance(o, ox.Literal) and o.datatype.value == RDF_LANG_STRING]
                languages: dict[str, list[str]] = {}
                for literal in in_map:
                    languages.setdefault(literal.language or "", []).append(literal.value)
                result[term.key] = {
                    language: values if term.always_array or len(values) > 1 else values[0]
                    for language, values in languages.items()
                }
                objects = [o for o in objects if o not in in_map]
                term = None
                if not objects:
                    continue
            key = term.key if term is not None else self.compact_iri(predicate)
            add(result, key, [self.value(term, o) for o in objects], term is not None and term.always_array)
        return result

    def node_object(self, node: str) -> Json:
        return {"@id": self.compact_iri(node) if node.startswith(AIMKG) else node, **self.properties(node)}

    def compacted(self) -> Json:
        """Return the whole graph as one compacted document, nodes in IRI order."""
        return {"@context": CONTEXT_IRI, "@graph": [self.node_object(node) for node in sorted(self.nodes)]}

    def framed(self) -> Json:
        """Return the framed view: one object per version, with what belongs to it nested inside."""
        reverse: dict[str, dict[str, list[str]]] = {}
        for node, predicates in self.nodes.items():
            for key, predicate in self.reverse.items():
                for obj in predicates.get(predicate, []):
                    if isinstance(obj, ox.NamedNode):
                        reverse.setdefault(obj.value, {}).setdefault(key, []).append(node)
        version_class = ox.NamedNode(VERSION_CLASS)
        versions = sorted(node for node, ps in self.nodes.items() if version_class in ps.get(RDF_TYPE, []))
        return {"@context": CONTEXT_IRI, "@graph": [self.version_object(v, reverse) for v in versions]}

    def version_object(self, version: str, reverse: dict[str, dict[str, list[str]]]) -> Json:
        """Write a version with its prices, endpoints and results nested, and summaries of what they cite."""
        result = self.with_summaries({"@id": version, **self.properties(version)})
        for key in NESTED:
            children = (reverse.get(version) or {}).get(key) if key in self.reverse else result.get(key)
            if children:
                back = frozenset({self.reverse[key]}) if key in self.reverse else frozenset()
                result[key] = [
                    self.with_summaries({"@id": child, **self.properties(child, skip=back)})
                    for child in sorted(children)
                ]
        return result

    def with_summaries(self, node: Json) -> Json:
        """Replace the IRIs under SUMMARIES keys by small node objects (JSON-LD framing's ``@explicit``)."""
        for key, keep in SUMMARIES.items():
            value = node.get(key)
            if isinstance(value, list):
                node[key] = [self.summary(ref, keep) for ref in value]
            elif value is not None:
                node[key] = self.summary(value, keep)
        return node

    def summary(self, ref: Any, keep: frozenset[str]) -> Any:
        """Return a node's summary, built once and shared: a source is cited by thousands of nodes."""
        if not isinstance(ref, str) or ref not in self.nodes:
            return ref
        summary = self.summaries.get((ref, keep))
        if summary is None:
            properties = self.properties(ref)
            summary = {"@id": ref, **{key: value for key, value in properties.items() if key in keep}}
            self.summaries[(ref, keep)] = summary
        return summary


def node_id(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    raise ValueError(f"{term} cannot be a JSON-LD node")


def add(node: Json, key: str, values: list[Any], always_array: bool) -> None:
    """Set a key to one value or a list, merging with values already under it."""
    existing = node.get(key)
    if existing is not None:
        values = (existing if isinstance(existing, list) else [existing]) + values
    node[key] = values if always_array or len(values) > 1 else values[0]


def dumps(document: Json) -> str:
    """Serialise a document deterministically (sorted keys), one ``@graph`` node per line.

    A line per node keeps diffs readable, and json's C encoder, which ``indent`` would turn
    off, writes a million triples' worth in about a second rather than four.
    """
    head = json.dumps({key: value for key, value in document.items() if key != "@graph"}, sort_keys=True)
    nodes = ",\n".join(json.dumps(node, sort_keys=True, ensure_ascii=False) for node in document["@graph"])
    return f'{head[:-1]}, "@graph": [\n{nodes}\n]}}\n'


def compacted_jsonld(triples: Iterable[ox.Triple]) -> str:
    """Write the graph as compacted JSON-LD."""
    return dumps(JsonLdWriter(triples).compacted())


def framed_jsonld(triples: Iterable[ox.Triple]) -> str:
    """Write the framed view: one object per version."""
    return dumps(JsonLdWriter(triples).framed())
