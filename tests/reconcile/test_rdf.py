"""The catalog writer (aimkg.reconcile.rdf): what records say, what shared nodes agree on, pages, prices by unit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import URIRef

from aimkg.core.terms import AIMKG, DCTERMS, ID_BASE
from aimkg.io.graph import load
from aimkg.reconcile.catalog import reconcile
from aimkg.reconcile.rdf import UNIT_CODES, catalog_triples, page_slug
from aimkg.sources import import_litellm
from aimkg.validate import validate_with_bundled

LL = f"{ID_BASE}source/litellm-1.110.2"
DEPRECATIONS = "https://learn.microsoft.com/en-us/azure/foundry/concepts/model-lifecycle-retirement"
PRICING = "https://azure.microsoft.com/en-us/pricing/details/ai-foundry-models/mistral/"
#: Two records of one model ID on Azure (a deployment zone apart), and one on watsonx: flags that agree, and do not.
ENTRIES: dict[str, Any] = {
    "azure/mistral-medium-2505": {
        "litellm_provider": "azure",
        "input_cost_per_token": 4e-07,
        "supports_function_calling": True,
        "supports_vision": True,
        "deprecation_date": "2026-12-09",
        "deprecation_source": DEPRECATIONS,
        "source": PRICING,
        "rpm": 300,
    },
    "azure/eu/mistral-medium-2505": {
        "litellm_provider": "azure",
        "supports_function_calling": True,
        "supports_vision": False,
        "deprecation_date": "2026-12-09",
    },
    "watsonx/mistralai/mistral-medium-2505": {
        "litellm_provider": "watsonx",
        "supports_vision": False,
        "supports_reasoning": False,
    },
    "azure/hd/1024-x-1024/dall-e-3": {
        "litellm_provider": "azure",
        "mode": "image_generation",
        "output_cost_per_image": 0.08,
        "input_cost_per_second": 0.0002833333333333333,
    },
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    path = tmp_path_factory.mktemp("rdf") / "prices.json"
    path.write_text(json.dumps(ENTRIES), encoding="utf-8")
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in catalog_triples(reconcile([import_litellm(path)])))
    return store


def objects(store: ox.Store, subject: str, predicate: str) -> set[str]:
    return {quad.object.value for quad in store.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(predicate), None)}


def iri(kind: str, slug: str) -> str:
    return f"{ID_BASE}{kind}/{slug}"


#: The Azure record with prices, and the shared endpoint both Azure records describe.
RECORD = iri("endpoint", "azure-mistral-medium-2505--litellm-1.110.2")


def shared(store: ox.Store) -> str:
    (endpoint,) = objects(store, RECORD, f"{AIMKG}recordOf")
    return endpoint


def test_records_say_their_capabilities_true_and_false(store: ox.Store) -> None:
    record = iri("endpoint", "watsonx-mistralai-mistral-medium-2505--litellm-1.110.2")
    assert objects(store, record, f"{AIMKG}lacks") == {f"{AIMKG}ImageInput", f"{AIMKG}Reasoning"}
    assert objects(store, record, f"{AIMKG}supports") == set()


def test_a_shared_endpoint_carries_only_the_capabilities_its_records_agree_on(store: ox.Store) -> None:
    endpoint = shared(store)
    records = store.quads_for_pattern(None, ox.NamedNode(f"{AIMKG}recordOf"), ox.NamedNode(endpoint))
    assert len(list(records)) == 2
    assert objects(store, endpoint, f"{AIMKG}supports") == {f"{AIMKG}ToolCalling"}
    assert objects(store, endpoint, f"{AIMKG}lacks") == set()  # its two records disagree on vision


def test_pages_are_sources_cited_by_records_and_prices(store: ox.Store) -> None:
    page = iri("source", page_slug(PRICING))
    assert objects(store, page, f"{AIMKG}url") == {PRICING}
    assert objects(store, page, f"{DCTERMS}isReferencedBy") == {LL}
    assert objects(store, RECORD, f"{DCTERMS}source") == {LL}  # which catalog said it: still exactly one
    assert objects(store, RECORD, f"{AIMKG}reportedBy") == {page}
    price = iri("price", "azure-mistral-medium-2505--input--litellm-1.110.2")
    assert objects(store, price, f"{DCTERMS}source") == {LL}
    assert objects(store, price, f"{AIMKG}reportedBy") == {page}


def test_a_deprecation_date_cites_its_page(store: ox.Store) -> None:
    deprecations = iri("source", page_slug(DEPRECATIONS))
    assert objects(store, RECORD, f"{AIMKG}deprecationSource") == {deprecations}
    endpoint = shared(store)
    assert objects(store, endpoint, f"{AIMKG}deprecationDate") == {"2026-12-09"}
    assert objects(store, endpoint, f"{AIMKG}deprecationSource") == {deprecations}


def test_rate_limits_are_an_endpoints_never_a_versions(store: ox.Store) -> None:
    stating = {
        quad.subject.value for quad in store.quads_for_pattern(None, ox.NamedNode(f"{AIMKG}requestsPerMinute"), None)
    }
    assert stating == {RECORD, shared(store)}  # the record, and its endpoint (the other record is silent)


def test_prices_not_by_token_name_their_unit_and_its_code(store: ox.Store) -> None:
    image = iri("price", "azure-hd-1024-x-1024-dall-e-3--per-output-image--size-1024x1024--quality-hd--litellm-1.110.2")
    assert objects(store, image, f"{AIMKG}billingUnit") == {f"{AIMKG}OutputImage"}
    assert objects(store, image, f"{AIMKG}unitCode") == {"C62"}
    assert objects(store, image, f"{AIMKG}mediaSize") == {"1024x1024"}
    assert objects(store, image, f"{AIMKG}mediaQuality") == {"hd"}
    second = iri("price", "azure-hd-1024-x-1024-dall-e-3--input-second--size-1024x1024--quality-hd--litellm-1.110.2")
    assert objects(store, second, f"{AIMKG}unitCode") == {"SEC"}
    assert (objects(store, second, f"{AIMKG}amount"), objects(store, second, f"{AIMKG}perUnits")) == (
        {"0.2833333333333333"},
        {"1000"},
    )


def test_unit_codes_are_the_ontologys() -> None:
    graph = load([])
    declared = {
        str(unit).removeprefix(AIMKG): str(code) for unit, code in graph.subject_objects(URIRef(f"{AIMKG}unitCode"))
    }
    assert declared == UNIT_CODES


def test_page_slugs_are_deterministic_and_unique() -> None:
    assert page_slug("https://docs.mistral.ai/models") == page_slug("https://docs.mistral.ai/models")
    assert page_slug("https://docs.mistral.ai/Models") != page_slug("https://docs.mistral.ai/models")
    long = "https://example.com/" + "a" * 200
    assert len(page_slug(long)) <= 60 + 2 + 10
    assert page_slug(long) != page_slug(long + "b")


def test_a_small_catalog_validates(tmp_path: Path) -> None:
    path = tmp_path / "prices.json"
    path.write_text(json.dumps(ENTRIES), encoding="utf-8")
    report = validate_with_bundled(catalog_triples(reconcile([import_litellm(path)])))
    assert report.conforms, report.to_text()
