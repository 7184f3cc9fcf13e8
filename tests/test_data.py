"""The curated data: every fact of the seed page, asserted by SPARQL over the loaded graph.

Seed: ../shared/seeds/000_72ad3820649f10bd.txt (Mistral Medium (2023), mistral-medium-2312).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from aimkg.core.resources import curated_files, ontology_files
from aimkg.core.terms import PREFIXES
from aimkg.io.canonical import FIX_COMMAND, non_canonical

SPARQL_PREFIXES = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())

SEED_FACTS: dict[str, str] = {
    "provider and platform": """
        provider:mistral-ai a aimkg:Provider ; rdfs:label "Mistral AI"@en .
        platform:la-plateforme a aimkg:Platform ; rdfs:label "La Plateforme"@en ;
            aimkg:provider provider:mistral-ai ; aimkg:launchDate "2023-12-11"^^xsd:date ;
            aimkg:openAICompatible true .""",
    "version identity": """
        version:mistral-medium-2312 a aimkg:Version ; rdfs:label "Mistral Medium (2023)"@en ;
            aimkg:versionOf model:mistral-medium ; aimkg:provider provider:mistral-ai ;
            aimkg:modelType aimkg:ChatModel .
        model:mistral-medium rdfs:label "Mistral Medium"@en ; aimkg:provider provider:mistral-ai .""",
    "released, licence, weights, context": """
        version:mistral-medium-2312 aimkg:releaseDate "2023-12-11"^^xsd:date ;
            aimkg:license aimkg:Proprietary ; aimkg:weights aimkg:ApiOnly ; aimkg:contextWindow 32000 .""",
    "undisclosed facts": """
        version:mistral-medium-2312 aimkg:undisclosed aimkg:parameterCount , aimkg:architecture ,
            aimkg:knowledgeCutoff , aimkg:trainingData ;
            aimkg:architectureNote ?note .
        FILTER (CONTAINS(?note, "prototype model"))
        FILTER NOT EXISTS {
            version:mistral-medium-2312 aimkg:parameterCount|aimkg:architecture|aimkg:knowledgeCutoff ?stated
        }""",
    "text in, text out only": """
        version:mistral-medium-2312 aimkg:inputModality aimkg:Text ; aimkg:outputModality aimkg:Text .
        FILTER NOT EXISTS { version:mistral-medium-2312 aimkg:inputModality|aimkg:outputModality ?other
                            FILTER (?other != aimkg:Text) }""",
    "five languages": """
        { SELECT (COUNT(?tag) AS ?n) (GROUP_CONCAT(?tag; separator=" ") AS ?tags) WHERE {
            SELECT ?tag WHERE { version:mistral-medium-2312 aimkg:language ?tag } ORDER BY ?tag } }
        FILTER (?n = 5 && STR(?tags) = "de en es fr it")""",
    "lifecycle": """
        version:mistral-medium-2312 aimkg:status aimkg:Retired ;
            aimkg:deprecationDate "2024-11-30"^^xsd:date ; aimkg:retirementDate "2025-06-16"^^xsd:date .""",
    "replaced by Mistral Medium 3": """
        version:mistral-medium-2312 aimkg:replacedBy version:mistral-medium-2505 .
        version:mistral-medium-2505 rdfs:label "Mistral Medium 3"@en .""",
    "Mistral Large arrived in February 2024": """
        version:mistral-medium-2312 aimkg:succeededAsFlagshipBy ?large .
        ?large aimkg:versionOf model:mistral-large ; aimkg:releaseDate "2024-02"^^xsd:gYearMonth .""",
    "endpoint and alias": """
        endpoint:mistral-ai--mistral-medium-2312 aimkg:modelId "mistral-medium-2312" ;
            aimkg:alias "mistral-medium" ; aimkg:serves version:mistral-medium-2312 ;
            aimkg:platform platform:la-plateforme ; aimkg:availableThrough "2025-06-16"^^xsd:date .""",
    "launch endpoints over open-weight models": """
        ?tiny aimkg:modelId "mistral-tiny" ; aimkg:serves version:mistral-7b ;
            aimkg:availableFrom "2023-12-11"^^xsd:date .
        ?small aimkg:modelId "mistral-small" ; aimkg:serves version:mixtral-8x7b ;
            aimkg:availableFrom "2023-12-11"^^xsd:date .
        version:mistral-7b aimkg:weights aimkg:OpenWeights ; rdfs:label "Mistral 7B"@en .
        version:mixtral-8x7b aimkg:weights aimkg:OpenWeights ; rdfs:label "Mixtral 8x7B"@en .""",
    "MT-Bench 8.6 on a 1-10 scale, from the launch post": """
        ?result aimkg:version version:mistral-medium-2312 ; aimkg:benchmark benchmark:mt-bench ;
            aimkg:score 8.6 ; aimkg:reportedBy source:mistral-launch-2023-12-11 ;
            dcterms:source source:seed-mistral-medium-2023 .
        benchmark:mt-bench rdfs:label "MT-Bench"@en ; aimkg:scaleMin 1.0 ; aimkg:scaleMax 10.0 ;
            aimkg:higherIsBetter true .""",
    "mistral-small (Mixtral 8x7B) MT-Bench 8.3": """
        ?result aimkg:version version:mixtral-8x7b ; aimkg:benchmark benchmark:mt-bench ; aimkg:score 8.3 ;
            aimkg:reportedBy source:mistral-launch-2023-12-11 .""",
    "input price 2.75 USD per 1M, recorded by Artificial Analysis": """
        version:mistral-medium-2312 aimkg:price ?price .
        ?price aimkg:tokenKind aimkg:InputTokens ; aimkg:amount 2.75 ; aimkg:currency "USD" ;
            aimkg:perTokens 1000000 ; aimkg:reportedBy source:artificial-analysis ;
            aimkg:endpoint endpoint:mistral-ai--mistral-medium-2312 ;
            aimkg:validThrough "2025-06-16"^^xsd:date ; dcterms:source source:seed-mistral-medium-2023 .""",
    "output price 8.10 USD per 1M, exact": """
        version:mistral-medium-2312 aimkg:price ?price .
        ?price aimkg:tokenKind aimkg:OutputTokens ; aimkg:amount ?amount ; aimkg:currency "USD" ;
            aimkg:perTokens 1000000 ; aimkg:reportedBy source:artificial-analysis .
        FILTER (STR(?amount) = "8.10" && DATATYPE(?amount) = xsd:decimal)""",
    "Mistral did not publish prices in the launch post": """
        source:mistral-launch-2023-12-11 rdfs:comment ?comment ; dcterms:issued "2023-12-11"^^xsd:date .
        FILTER (CONTAINS(?comment, "did not publish per-token pricing"))""",
    "every version of the Mistral Medium line": """
        version:mistral-medium-2505 aimkg:versionOf model:mistral-medium ;
            aimkg:releaseDate "2025-05-07"^^xsd:date ; aimkg:weights aimkg:OpenWeights .
        version:mistral-medium-2508 aimkg:versionOf model:mistral-medium ; rdfs:label "Mistral Medium 3.1"@en ;
            aimkg:releaseDate "2025-08-12"^^xsd:date ; aimkg:weights aimkg:OpenWeights .
        version:mistral-medium-2604 aimkg:versionOf model:mistral-medium ; rdfs:label "Mistral Medium 3.5"@en ;
            aimkg:releaseDate "2026-04-28"^^xsd:date ; aimkg:license <http://spdx.org/licenses/MIT> .
        model:mistral-medium aimkg:currentVersion version:mistral-medium-2604 .
        { SELECT (COUNT(?version) AS ?n) WHERE { ?version aimkg:versionOf model:mistral-medium } }
        FILTER (?n = 4)""",
    "overview": """
        version:mistral-medium-2312 dcterms:description ?overview .
        FILTER (CONTAINS(?overview, "first commercial API") && CONTAINS(?overview, "pay-only flagship"))""",
}

STRENGTHS = [
    "First closed Mistral flagship: stronger than the open-weight mistral-small (Mixtral 8x7B) endpoint "
    "at launch (MT-Bench 8.6 vs 8.3)",
    "Native multilingual coverage of English, French, Italian, German and Spanish, plus code",
    "32K-token context window, generous for a late-2023 hosted model",
    "Available through a simple OpenAI-compatible REST API on Mistral's La Plateforme from day one",
]
USE_CASES = [
    "General-purpose chat and instruction following in English and major European languages (historical)",
    "Multilingual drafting, summarization and translation across French, Italian, German and Spanish",
    "Code generation and explanation tasks where an open-weight model was not preferred",
    "A 2023-era cloud alternative to other proprietary chat APIs for European teams",
]


@pytest.mark.parametrize("fact", SEED_FACTS, ids=str)
def test_seed_fact(bundled_graph: Graph, fact: str) -> None:
    answer = bundled_graph.query(f"{SPARQL_PREFIXES}ASK {{ {SEED_FACTS[fact]} }}")
    assert answer.askAnswer, f"seed fact missing from data/: {fact}"


@pytest.mark.parametrize(("prop", "lines"), [("strength", STRENGTHS), ("useCase", USE_CASES)])
def test_seed_lists(bundled_graph: Graph, prop: str, lines: list[str]) -> None:
    rows = bundled_graph.query(
        f"{SPARQL_PREFIXES}SELECT ?line WHERE {{ version:mistral-medium-2312 aimkg:{prop} ?line }}"
    )
    assert sorted(str(row[0]) for row in rows) == sorted(lines)  # type: ignore[index]


def test_every_entity_names_a_declared_source(bundled_graph: Graph) -> None:
    """Every entity but a source cites one; every cited source is described."""
    rows = bundled_graph.query(f"""{SPARQL_PREFIXES}
        SELECT ?entity WHERE {{
            ?entity a ?class .
            FILTER (STRSTARTS(STR(?entity), "https://w3id.org/aimkg/id/") && ?class != aimkg:Source)
            FILTER NOT EXISTS {{ ?entity dcterms:source ?source . ?source a aimkg:Source }}
        }}""")
    assert [str(row[0]) for row in rows] == []  # type: ignore[index]


@pytest.mark.parametrize("path", curated_files() + ontology_files(), ids=lambda path: path.name)
def test_file_is_canonical(path: Path) -> None:
    assert not non_canonical([path]), f"{path} is not in canonical form: run `{FIX_COMMAND}`"
