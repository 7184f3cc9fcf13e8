"""The pages' schema.org JSON-LD follows ontology/alignment.ttl rather than a table of its own."""

from __future__ import annotations

import pytest

from aimkg.core.resources import resource_root
from aimkg.core.terms import SCHEMA
from aimkg.io.read import bundled_files, read_triples
from aimkg.publish import schema_org
from aimkg.publish.graph import A, SiteGraph, lexical_store
from aimkg.publish.rdf import Entity
from aimkg.publish.schema_org import KIND_CLASSES, MAPPINGS, UNALIGNED_TYPES, alignment, version_schema
from aimkg.publish.views import View

MEDIUM = Entity("version", "mistral-medium-2312")


def test_the_schema_org_names_are_those_of_the_alignment_file() -> None:
    stated = read_triples([resource_root() / "ontology" / "alignment.ttl"])
    expected = {
        triple.subject.value: triple.object.value.removeprefix(SCHEMA)
        for triple in stated
        if triple.predicate.value in MAPPINGS and triple.object.value.startswith(SCHEMA)
    }
    assert alignment() == expected
    assert alignment()[A.PriceSpec] == "UnitPriceSpecification"
    assert alignment()[A.releaseDate] == "datePublished"


def test_the_pages_own_types_are_only_for_classes_the_alignment_leaves_out() -> None:
    for kind, cls in KIND_CLASSES.items():
        assert (cls in alignment()) != (cls in UNALIGNED_TYPES), f"{kind}: aligned and typed by hand, or neither"
    assert set(UNALIGNED_TYPES) <= set(KIND_CLASSES.values())


def test_a_mapping_added_to_the_alignment_reaches_the_version_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    graph = SiteGraph.of(lexical_store(bundled_files()))
    view = View(graph, MEDIUM.path + ".html")
    before = version_schema(view, MEDIUM.iri)
    assert before["datePublished"] == "2023-12-11" and "creativeWorkStatus" not in before
    status: dict[str, str] = {**alignment(), A.status: "creativeWorkStatus"}
    monkeypatch.setattr(schema_org, "alignment", lambda: status)
    after = version_schema(view, MEDIUM.iri)
    (stated,) = graph.objects(MEDIUM.iri, A.status)
    assert after == {**before, "creativeWorkStatus": stated.value}
