"""The pages' schema.org JSON-LD follows ontology/alignment.ttl rather than a table of its own."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef

from aimkg.core.resources import resource_root
from aimkg.io.graph import AIMKG, read_graph
from aimkg.publish import schema_org
from aimkg.publish.rdf import Entity
from aimkg.publish.schema_org import KIND_CLASSES, MAPPINGS, SCHEMA, UNALIGNED_TYPES, alignment, version_schema
from aimkg.publish.views import View

MEDIUM = Entity("version", "mistral-medium-2312")


def test_the_schema_org_names_are_those_of_the_alignment_file() -> None:
    stated = read_graph([resource_root() / "ontology" / "alignment.ttl"])
    expected = {
        term: str(target).removeprefix(SCHEMA)
        for predicate in MAPPINGS
        for term, target in stated.subject_objects(predicate)
        if str(target).startswith(SCHEMA)
    }
    assert alignment() == expected
    assert alignment()[AIMKG.PriceSpec] == "UnitPriceSpecification"
    assert alignment()[AIMKG.releaseDate] == "datePublished"


def test_the_pages_own_types_are_only_for_classes_the_alignment_leaves_out() -> None:
    for kind, cls in KIND_CLASSES.items():
        assert (cls in alignment()) != (cls in UNALIGNED_TYPES), f"{kind}: aligned and typed by hand, or neither"
    assert set(UNALIGNED_TYPES) <= set(KIND_CLASSES.values())


def test_a_mapping_added_to_the_alignment_reaches_the_version_pages(
    bundled_graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = View(bundled_graph, MEDIUM.path + ".html")
    before = version_schema(view, MEDIUM.iri)
    assert before["datePublished"] == "2023-12-11" and "creativeWorkStatus" not in before
    status: dict[URIRef, str] = {**alignment(), AIMKG.status: "creativeWorkStatus"}
    monkeypatch.setattr(schema_org, "alignment", lambda: status)
    after = version_schema(view, MEDIUM.iri)
    assert after == {**before, "creativeWorkStatus": str(bundled_graph.value(MEDIUM.iri, AIMKG.status))}
