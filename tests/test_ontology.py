"""The ontology documents every term, and aligns only to external IRIs verified in DESIGN.md."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from aimkg.core.resources import resource_root
from aimkg.io.graph import AIMKG, SCHEMA, read_graph

ONTOLOGY = read_graph([resource_root() / "ontology" / "aimkg.ttl"])
ALIGNMENT = read_graph([resource_root() / "ontology" / "alignment.ttl"])
PROPERTIES = sorted(
    set(ONTOLOGY.subjects(RDF.type, OWL.ObjectProperty)) | set(ONTOLOGY.subjects(RDF.type, OWL.DatatypeProperty))
)
CLASSES = sorted(ONTOLOGY.subjects(RDF.type, OWL.Class))

#: The external terms DESIGN.md lists as verified in the vocabularies' own files, plus the
#: RDF/OWL/SKOS/PROV-O meta terms used to state the mappings.
VERIFIED = {
    "https://w3id.org/fair4ml#MLModel",
    "https://w3id.org/fair4ml#MLModelEvaluation",
    "http://www.w3.org/ns/mls#Model",
    "http://www.w3.org/ns/mls#ModelEvaluation",
    "http://www.w3.org/ns/dcat#isVersionOf",
    "http://schema.org/exampleOfWork",
    "http://schema.org/Organization",
    "http://schema.org/provider",
    "http://schema.org/datePublished",
    "http://schema.org/license",
    "http://schema.org/inLanguage",
    "http://schema.org/UnitPriceSpecification",
    "http://schema.org/price",
    "http://schema.org/priceCurrency",
    "http://schema.org/validFrom",
    "http://schema.org/validThrough",
    # verified in schema.org's shapes as pySHACL bundles them (pyshacl/assets/schema.ttl):
    # schema:UnitPriceSpecification-unitCode, "the UN/CEFACT Common Code (3 characters)"
    "http://schema.org/unitCode",
    "http://www.w3.org/ns/adms#status",
    "http://www.w3.org/ns/prov#Agent",
    "http://www.w3.org/ns/prov#Entity",
    "http://www.w3.org/ns/prov#wasDerivedFrom",
    "http://www.wikidata.org/prop/direct/P577",
    "http://www.wikidata.org/prop/direct/P1366",
    "http://purl.org/dc/terms/source",  # DCMI Metadata Terms, the property every aimkg fact cites its source with
}
META = {str(RDFS.subClassOf), str(RDFS.subPropertyOf), str(RDFS.label), str(RDFS.comment), str(RDF.type)}


@pytest.mark.parametrize("term", PROPERTIES + CLASSES, ids=lambda term: term.split("#")[-1])
def test_term_has_english_label_and_comment(term: URIRef) -> None:
    for annotation in (RDFS.label, RDFS.comment):
        values = list(ONTOLOGY.objects(term, annotation))
        assert [value.language for value in values] == ["en"], f"{term} needs one {annotation} in English"  # type: ignore[attr-defined]


@pytest.mark.parametrize("prop", PROPERTIES, ids=lambda term: term.split("#")[-1])
def test_property_has_domain_and_range(prop: URIRef) -> None:
    domains = {*ONTOLOGY.objects(prop, RDFS.domain), *ONTOLOGY.objects(prop, SCHEMA.domainIncludes)}
    ranges = {*ONTOLOGY.objects(prop, RDFS.range), *ONTOLOGY.objects(prop, SCHEMA.rangeIncludes)}
    assert domains, f"{prop} needs rdfs:domain (or schema:domainIncludes when it has several)"
    assert ranges, f"{prop} needs rdfs:range (or schema:rangeIncludes when it has several)"


def test_design_terms_are_declared() -> None:
    design = ["Provider", "Model", "Version", "Endpoint", "Platform", "PriceSpec", "Benchmark", "BenchmarkResult"]
    design += ["Source", "provider", "versionOf", "releaseDate", "deprecationDate", "retirementDate", "status"]
    design += ["contextWindow", "parameterCount", "knowledgeCutoff", "architecture", "strength", "useCase"]
    design += ["undisclosed", "license", "weights", "inputModality", "outputModality", "language", "replacedBy"]
    design += ["modelId", "alias", "serves", "platform", "price", "tokenKind", "amount", "currency", "perTokens"]
    design += ["validFrom", "validThrough", "benchmark", "version", "score", "scaleMin", "scaleMax"]
    design += ["Active", "Deprecated", "Retired", "Proprietary", "ApiOnly", "OpenWeights", "Text", "Image", "Audio"]
    design += ["InputTokens", "OutputTokens"]
    assert [term for term in design if (AIMKG[term], RDF.type, None) not in ONTOLOGY] == []


def test_ontology_has_version_iri() -> None:
    ontology = URIRef("https://w3id.org/aimkg/ontology")
    assert ONTOLOGY.value(ontology, OWL.versionInfo) == Literal("0.1.0")
    assert ONTOLOGY.value(ontology, OWL.versionIRI) == URIRef("https://w3id.org/aimkg/ontology/0.1.0")


def external_terms(graph: Graph) -> set[str]:
    terms = {str(node) for triple in graph for node in triple if isinstance(node, URIRef)}
    return {term for term in terms if not term.startswith("https://w3id.org/aimkg/") and term not in META}


def test_alignment_uses_only_verified_iris() -> None:
    allowed = VERIFIED | {str(OWL.Ontology), str(OWL.imports), "http://www.w3.org/2004/02/skos/core#closeMatch"}
    assert external_terms(ALIGNMENT) - allowed == set()


def test_a_page_a_fact_is_reported_by_is_its_dcterms_source_under_rdfs(tmp_path: Path) -> None:
    """The page a catalog says a price or a deprecation date comes from is one of the fact's sources for a
    consumer that follows rdfs:subPropertyOf, while aimkg's own dcterms:source stays the catalog it read."""
    import json

    import pyoxigraph as ox

    from aimkg.io.read import bundled_files, read_store
    from aimkg.reconcile.catalog import reconcile
    from aimkg.reconcile.rdf import catalog_triples
    from aimkg.sources import import_litellm

    page = "https://docs.mistral.ai/pricing"
    entry = {"litellm_provider": "mistral", "input_cost_per_token": 4e-07, "source": page}
    entry |= {"deprecation_date": "2026-12-09", "deprecation_source": page}
    path = tmp_path / "prices.json"
    path.write_text(json.dumps({"mistral/test-model-2601": entry}), encoding="utf-8")
    store = read_store(bundled_files())
    store.extend(ox.Quad(*triple, ox.DefaultGraph()) for triple in catalog_triples(reconcile([import_litellm(path)])))
    query = """SELECT DISTINCT ?kind ?url {
        ?node ?cites ?source . ?cites rdfs:subPropertyOf* dcterms:source .
        ?source aimkg:url ?url . ?node a ?kind .
        FILTER (?node IN (<https://w3id.org/aimkg/id/price/mistral-test-model-2601--input--litellm-1.110.2>,
                          <https://w3id.org/aimkg/id/version/test-model-2601>))
    }"""
    prefixes = {"rdfs": str(RDFS), "dcterms": "http://purl.org/dc/terms/", "aimkg": str(AIMKG)}
    found = {(row["kind"].value, row["url"].value) for row in store.query(query, prefixes=prefixes)}
    catalog = "https://github.com/BerriAI/litellm"
    assert found == {(f"{AIMKG}{kind}", url) for kind in ("PriceSpec", "Version") for url in (page, catalog)}
