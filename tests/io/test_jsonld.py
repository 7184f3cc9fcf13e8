"""The shipped JSON-LD context and the compacted output read as plain JSON."""

from __future__ import annotations

import json

import pyoxigraph as ox

from aimkg.io.jsonld import compacted_jsonld, context, read_context

AIMKG = "https://w3id.org/aimkg/ontology#"
PROPERTY_TYPES = {
    "http://www.w3.org/2002/07/owl#DatatypeProperty",
    "http://www.w3.org/2002/07/owl#ObjectProperty",
}


def test_every_aimkg_property_has_a_short_key(bundled_triples: list[ox.Triple]) -> None:
    properties = {
        t.subject.value
        for t in bundled_triples
        if t.predicate.value.endswith("#type") and t.object.value in PROPERTY_TYPES
    }
    terms = read_context().terms
    missing = sorted(p for p in properties if p not in terms)
    assert not missing, f"add these to ontology/context.jsonld: {missing}"
    assert all(terms[p].key == p.removeprefix(AIMKG) for p in properties)


def test_context_is_jsonld_1_1_with_the_vocabulary() -> None:
    definitions = context()["@context"]
    assert definitions["@version"] == 1.1
    assert definitions["@vocab"] == AIMKG


def test_compacted_values_read_as_plain_json(bundled_triples: list[ox.Triple]) -> None:
    nodes = {node["@id"]: node for node in json.loads(compacted_jsonld(bundled_triples))["@graph"]}
    version = nodes["https://w3id.org/aimkg/id/version/mistral-medium-2312"]
    assert version["@type"] == "Version"
    assert version["label"] == {"en": "Mistral Medium (2023)"}
    assert version["contextWindow"] == 32000
    assert version["status"] == "Retired"
    assert version["releaseDate"] == "2023-12-11"
    assert version["language"] == ["de", "en", "es", "fr", "it"]
    assert version["undisclosed"] == ["architecture", "knowledgeCutoff", "parameterCount", "trainingData"]
    assert version["replacedBy"] == "https://w3id.org/aimkg/id/version/mistral-medium-2505"
    large = nodes["https://w3id.org/aimkg/id/version/mistral-large-2402"]
    assert large["releaseDate"] == {"@type": "xsd:gYearMonth", "@value": "2024-02"}
    assert nodes["aimkg:Version"]["@type"] == "owl:Class"
