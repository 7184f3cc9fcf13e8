"""Queries: headers, safe parameter binding, both engines agreeing on every shipped query."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from aimkg.core.errors import InputError
from aimkg.query.queries import (
    ENGINES,
    Query,
    Result,
    bindings,
    listing,
    parse_assignments,
    parse_query,
    resolve,
    run,
    shipped_queries,
    where_group,
    with_parameters,
)
from benchmarks.synthetic import synthetic_triples

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {f"{XSD}{name}" for name in ("integer", "decimal", "double", "float")}
#: Dates around the bundled data's events, so that time-aware queries answer with rows.
DATES = ["2023-12-11", "2024-06-01", "2025-01-01", "2026-01-01"]


def normalised(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> tuple[str, ...]:
    """Compare terms across engines: numbers by value (8.10 = 8.1, 2.0 = 2), other literals as written."""
    if term is None:
        return ("unbound",)
    if isinstance(term, ox.Literal):
        if term.datatype.value in NUMERIC:
            return ("number", str(Decimal(term.value).normalize()))
        return ("literal", term.value, term.language or term.datatype.value)
    return (type(term).__name__, term.value)


def solutions(result: Result) -> object:
    if result.boolean is not None:
        return result.boolean
    return result.variables, sorted(tuple(normalised(term) for term in row) for row in result.rows)


def runs() -> list[tuple[str, str | None]]:
    cases = []
    for name, path in shipped_queries().items():
        query = parse_query(name, path.read_text())
        dated = any(p.name == "as_of" for p in query.parameters)
        cases += [(name, date) for date in DATES] if dated else [(name, None)]
    return cases


def test_the_shipped_queries_have_descriptions() -> None:
    queries = [parse_query(name, path.read_text()) for name, path in shipped_queries().items()]
    assert sorted(query.name for query in queries) == [
        "active-on-date",
        "benchmark-scores",
        "capabilities",
        "capable-and-cheap",
        "catalog-coverage",
        "cheapest-for-workload",
        "cheapest-platform",
        "endpoint-ids",
        "facts-per-source",
        "facts-without-source",
        "is-callable",
        "lifecycle-changes",
        "price-history",
        "prices-on-date",
        "provider-summary",
        "replacement-chain",
        "undisclosed",
        "unit-prices",
        "versions-by-maker",
        "versions-of-model",
        "who-serves",
    ]
    assert all(query.description for query in queries)
    assert all(query.name in listing() and query.description in listing() for query in queries)


@pytest.mark.parametrize(("name", "as_of"), runs())
def test_engines_agree_on_every_shipped_query(name: str, as_of: str | None) -> None:
    query = resolve(name)
    bound = bindings(query, {}, as_of)
    answers = [solutions(run(query, bound, engine)) for engine in ENGINES]
    assert answers[0] == answers[1]


def test_engines_agree_with_parameters() -> None:
    query = resolve("cheapest-for-workload")
    bound = bindings(query, {"input_tokens": "3", "output_tokens": "1000001", "min_context": "32000"}, "2024-01-01")
    answers = [run(query, bound, engine) for engine in ENGINES]
    assert solutions(answers[0]) == solutions(answers[1])
    assert [normalised(row[-1]) for row in answers[0].rows] == [("number", "8.10001635")]


def test_cheapest_for_workload_prices_the_workload_exactly() -> None:
    query = resolve("cheapest-for-workload")
    result = run(query, bindings(query, {"input_tokens": "1000000", "output_tokens": "100000"}, "2024-06-01"))
    row = dict(zip(result.variables, result.rows[0], strict=True))
    assert row["modelId"].value == "mistral-medium-2312"  # type: ignore[union-attr]
    assert Decimal(row["cost"].value) == Decimal("3.56")  # type: ignore[union-attr]  # 2.75 + 0.1 * 8.10


def test_time_aware_queries_follow_as_of() -> None:
    query = resolve("is-callable")
    assert run(query, bindings(query, {}, "2024-06-01")).boolean is True
    assert run(query, bindings(query, {}, "2025-07-01")).boolean is False
    assert run(query, bindings(query, {"model_id": "mistral-medium"}, "2024-06-01")).boolean is True


def test_versions_of_model_binds_an_entity_by_slug_or_iri() -> None:
    query = resolve("versions-of-model")
    by_slug = run(query, bindings(query, {"model": "mistral-medium"}))
    by_iri = run(query, bindings(query, {"model": "https://w3id.org/aimkg/id/model/mistral-medium"}))
    assert by_slug.rows == by_iri.rows and len(by_slug.rows) == 4


def test_parameter_values_are_bound_as_escaped_terms_never_as_text() -> None:
    query = resolve("endpoint-ids")
    hostile = 'x" ) } } SELECT * WHERE { ?s ?p ?o } #'
    bound = bindings(query, {"model_id": hostile})
    assert run(query, bound).rows == []
    assert '"x\\" ) } } SELECT' in with_parameters(query, bound)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"input_tokens": "1e6"}, "not an xsd:integer"),
        ({"input_tokens": "12; DROP"}, "not an xsd:integer"),
        ({"nope": "1"}, "has no parameter 'nope'"),
    ],
)
def test_bad_parameters_are_refused(values: dict[str, str], message: str) -> None:
    with pytest.raises(InputError, match=message):
        bindings(resolve("cheapest-for-workload"), values)


def test_bad_dates_and_strings_are_refused() -> None:
    with pytest.raises(InputError, match="not a valid date"):
        bindings(resolve("prices-on-date"), {}, "2024-02-30")
    with pytest.raises(InputError, match="backslashes"):
        bindings(resolve("endpoint-ids"), {"model_id": "a\\u0022"})
    with pytest.raises(InputError, match="does not use --as-of"):
        bindings(resolve("undisclosed"), {}, "2024-01-01")
    with pytest.raises(InputError, match="expected NAME=VALUE"):
        parse_assignments(["model"])


@pytest.mark.parametrize(
    "text",
    [
        'SELECT * WHERE { ?s ?p "}{" }',
        "SELECT * # a { comment\nWHERE { ?s ?p ?o }",
        "PREFIX ex: <http://example.org/#x> SELECT * { ?s ?p ?o }",
        "ASK { ?s ?p ?o }",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } } }",
    ],
)
def test_values_open_the_where_group(text: str) -> None:
    inside = where_group(text)
    assert text[inside - 1] == "{"
    assert text[inside:].lstrip().startswith(("?s", "{ SELECT"))


def test_query_files_and_inline_queries(tmp_path: Path) -> None:
    path = tmp_path / "mine.rq"
    path.write_text("# Count triples.\nSELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }\n")
    assert resolve(str(path)).description == "Count triples."
    assert resolve(None, "ASK { ?s ?p ?o }").name == "-e"
    with pytest.raises(InputError, match="unknown query 'missing'"):
        resolve("missing")


def test_syntax_errors_are_one_line() -> None:
    for engine in ENGINES:
        with pytest.raises(InputError, match=r"^query -e: .*") as caught:
            run(Query("-e", "SELECT ?x WHERE { ?x ?y }"), engine=engine)
        assert "\n" not in str(caught.value)


def test_extra_data_files_are_queried(tmp_path: Path) -> None:
    extra = tmp_path / "extra.nt"
    extra.write_text('<https://example.org/a> <https://example.org/b> "c" .\n')
    query = Query("-e", "ASK { <https://example.org/a> ?p ?o }")
    assert all(run(query, engine=engine, files=[extra]).boolean for engine in ENGINES)


@pytest.fixture(scope="module")
def synthetic_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic catalog beside the bundled one: price history, replacements, many rows."""
    path = tmp_path_factory.mktemp("synthetic") / "synthetic.nt"
    path.write_bytes(ox.serialize(synthetic_triples(3000, seed=5), format=ox.RdfFormat.N_TRIPLES) or b"")
    return path


#: What each shipped query answers over the bundled graph plus the synthetic catalog (as of 2025-01-01
#: for the dated ones): its number of rows, or its boolean.
SYNTHETIC_ANSWERS: dict[str, int | bool] = {
    "active-on-date": 19,
    "benchmark-scores": 79,
    "capabilities": 0,  # the synthetic catalog states no capabilities: tests/reconcile runs these on real ones
    "capable-and-cheap": 0,
    "catalog-coverage": 0,  # the synthetic catalog has no catalog records: tests/reconcile runs it on real ones
    "cheapest-for-workload": 28,
    "cheapest-platform": 28,
    "endpoint-ids": 63,
    "facts-per-source": 162,
    "facts-without-source": 0,
    "is-callable": True,
    "lifecycle-changes": 25,
    "price-history": 203,
    "prices-on-date": 71,
    "provider-summary": 2,
    "replacement-chain": 15,
    "undisclosed": 19,
    "unit-prices": 0,
    "versions-by-maker": 35,
    "versions-of-model": 35,
    "who-serves": 89,
}


@pytest.mark.parametrize(("name", "as_of"), [(name, as_of) for name, as_of in runs() if as_of in (None, "2025-01-01")])
def test_engines_agree_on_a_synthetic_catalog(name: str, as_of: str | None, synthetic_file: Path) -> None:
    query = resolve(name)
    bound = bindings(query, {}, as_of)
    answers = [run(query, bound, engine, [synthetic_file]) for engine in ENGINES]
    assert solutions(answers[0]) == solutions(answers[1])
    answer = answers[0].boolean if answers[0].boolean is not None else len(answers[0].rows)
    assert answer == SYNTHETIC_ANSWERS[name]


#: Shipped queries shaped for pyoxigraph's planner: the plain form each must answer exactly as
#: (the same rows in the same order), and the parameters to try with the number of rows they give.
PLAIN_FORMS: dict[str, tuple[str, list[tuple[dict[str, str], int]]]] = {
    "benchmark-scores": (
        """PREFIX aimkg: <https://w3id.org/aimkg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?benchmark ?version ?label ?score ?scaleMin ?scaleMax ?higherIsBetter ?source ?reportedBy
WHERE {
    ?result a aimkg:BenchmarkResult ; aimkg:benchmark ?benchmark ; aimkg:version ?version ;
        aimkg:score ?score ; dcterms:source ?source .
    ?version rdfs:label ?label .
    ?benchmark aimkg:scaleMin ?scaleMin ; aimkg:scaleMax ?scaleMax .
    OPTIONAL { ?benchmark aimkg:higherIsBetter ?higherIsBetter }
    OPTIONAL { ?result aimkg:reportedBy ?reportedBy }
}
ORDER BY ?benchmark DESC(?score) ?version ?source
""",
        [({}, 79), ({"benchmark": "synth-b0"}, 7), ({"benchmark": "mt-bench"}, 2)],
    ),
    "who-serves": (
        """PREFIX aimkg: <https://w3id.org/aimkg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>

SELECT ?version ?platform ?operator ?modelId ?tokenKind ?tier ?amount ?currency ?perTokens ?variant ?source
WHERE {
    ?endpoint a aimkg:Endpoint ; aimkg:serves ?version ; aimkg:modelId ?modelId ; aimkg:provider ?operator .
    OPTIONAL { ?endpoint aimkg:platform ?platform }
    BIND (xsd:dateTime(CONCAT(STR(?as_of), "T23:59:59Z")) AS ?end_of_day)
    OPTIONAL {
        ?price aimkg:endpoint ?endpoint ; aimkg:tokenKind ?tokenKind ; aimkg:amount ?amount ;
            aimkg:currency ?currency ; aimkg:perTokens ?perTokens ; dcterms:source ?source .
        OPTIONAL { ?price aimkg:serviceTier ?tier }
        OPTIONAL { ?price aimkg:variant ?variant }
        OPTIONAL { ?price aimkg:validFrom ?validFrom }
        OPTIONAL { ?price aimkg:validThrough ?validThrough }
        FILTER NOT EXISTS { ?price aimkg:abovePromptTokens ?above }
        OPTIONAL { ?price aimkg:recordedFrom ?recordedFrom }
        OPTIONAL { ?price aimkg:recordedUntil ?recordedUntil }
        FILTER (IF(BOUND(?validFrom) || BOUND(?validThrough),
                    (!BOUND(?validFrom) || ?validFrom <= ?as_of) && (!BOUND(?validThrough) || ?validThrough >= ?as_of),
                    (!BOUND(?recordedFrom) || ?recordedFrom <= ?end_of_day)
                    && (!BOUND(?recordedUntil) || ?recordedUntil > ?end_of_day)))
    }
}
ORDER BY ?version ?platform ?modelId ?tokenKind ?tier ?variant ?source
""",
        [
            ({"as_of": "2025-01-01"}, 89),
            ({"as_of": "2022-01-01"}, 74),
            ({"version": "synth-p0-m0-v0", "as_of": "2022-01-01"}, 5),  # two endpoints, five prices
            ({"version": "synth-p0-m0-v0", "as_of": "2025-01-01"}, 2),  # two endpoints, no price holds
            ({"version": "synth-p0-m0-v3", "as_of": "2025-01-01"}, 6),
            ({"version": "mistral-medium-2312", "as_of": "2024-06-01"}, 2),
        ],
    ),
    "provider-summary": (
        """PREFIX aimkg: <https://w3id.org/aimkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

SELECT ?provider ?label ?models ?versions ?endpoints ?latestRelease
WHERE {
    ?provider a aimkg:Provider ; rdfs:label ?label .
    OPTIONAL {
        SELECT ?provider (COUNT(*) AS ?models) WHERE { ?model a aimkg:Model ; aimkg:provider ?provider }
        GROUP BY ?provider
    }
    OPTIONAL {
        SELECT ?provider (COUNT(*) AS ?versions) WHERE { ?version a aimkg:Version ; aimkg:provider ?provider }
        GROUP BY ?provider
    }
    OPTIONAL {
        SELECT ?provider (MAX(STR(?released)) AS ?latestRelease) WHERE {
            ?version a aimkg:Version ; aimkg:provider ?provider ; aimkg:releaseDate ?released .
        }
        GROUP BY ?provider
    }
    OPTIONAL {
        SELECT ?provider (COUNT(*) AS ?endpoints) WHERE { ?endpoint a aimkg:Endpoint ; aimkg:provider ?provider }
        GROUP BY ?provider
    }
}
ORDER BY ?provider
""",
        [({}, 2)],
    ),
}


@pytest.mark.parametrize("name", list(PLAIN_FORMS))
@pytest.mark.parametrize("engine", ENGINES)
def test_queries_shaped_for_speed_answer_as_their_plain_form(name: str, engine: str, synthetic_file: Path) -> None:
    shipped = resolve(name)
    text, tries = PLAIN_FORMS[name]
    plain = Query(name, text, parameters=shipped.parameters)
    for values, count in tries:
        bound = bindings(shipped, values)
        answers = [run(query, bound, engine, [synthetic_file]).rows for query in (shipped, plain)]
        assert answers[0] == answers[1], values
        assert len(answers[0]) == count, values


PROVIDERS_GRAPH = """@prefix aimkg: <https://w3id.org/aimkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix provider: <https://w3id.org/aimkg/id/provider/> .
@prefix ex: <http://example.org/> .
provider:b a aimkg:Provider ; rdfs:label "in the namespace" .
provider:a a aimkg:Provider ; rdfs:label "in the namespace, first" .
provider:a-slug-longer-than-sixteen-bytes a aimkg:Provider ; rdfs:label "a slug pyoxigraph stores" .
<https://w3id.org/aimkg/id/provider/> a aimkg:Provider ; rdfs:label "the namespace itself" .
<https://w3id.org/aimkg/id/provider> a aimkg:Provider ; rdfs:label "a prefix of the namespace" .
<https://w3id.org/aimkg/id/model/p> a aimkg:Provider ; rdfs:label "sorts before the namespace" .
<https://w3id.org/aimkg/id/zzz> a aimkg:Provider ; rdfs:label "sorts after the namespace" .
ex:p a aimkg:Provider ; rdfs:label "http before https" .
<http://example.org/?https://w3id.org/aimkg/id/provider/0> a aimkg:Provider ; rdfs:label "holds the namespace" .
<urn:x:p> a aimkg:Provider ; rdfs:label "urn after https" .
[] a aimkg:Provider ; rdfs:label "a blank node, first" .
ex:m1 a aimkg:Model ; aimkg:provider provider:a .
ex:m2 a aimkg:Model ; aimkg:provider provider:a, ex:p .
ex:both a aimkg:Model, aimkg:Version ; aimkg:provider provider:b ; aimkg:releaseDate "2024-01-02"^^xsd:date .
ex:v1 a aimkg:Version ; aimkg:provider provider:b ; aimkg:releaseDate "2023-05-01"^^xsd:date, "2025-03-04"^^xsd:date .
ex:v2 a aimkg:Version ; aimkg:provider <urn:x:p> .
ex:e1 a aimkg:Endpoint ; aimkg:provider <urn:x:p>, provider:a .
ex:platform aimkg:provider provider:a ; aimkg:releaseDate "2030-01-01"^^xsd:date .
"""


def blank_as_one(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """Rows with every blank node as ``_``: each run reads the file afresh, with new blank node labels."""
    return [tuple("_" if isinstance(term, ox.BlankNode) else term for term in row) for row in rows]


@pytest.mark.parametrize("engine", ENGINES)
def test_provider_summary_answers_as_its_plain_form_for_any_provider(engine: str, tmp_path: Path) -> None:
    """Providers outside the namespace sort where their IRIs do; counts that are none are unbound."""
    path = tmp_path / "providers.ttl"
    path.write_text(PROVIDERS_GRAPH, encoding="utf-8")
    shipped = resolve("provider-summary")
    plain = Query("provider-summary", PLAIN_FORMS["provider-summary"][0])
    answers = [blank_as_one(list(run(query, {}, engine, [path], base=[]).rows)) for query in (shipped, plain)]
    assert answers[0] == answers[1]
    counts = {row[1].value: tuple(term and term.value for term in row[2:]) for row in answers[0]}  # type: ignore[union-attr]
    assert counts["in the namespace, first"] == ("2", None, "1", None)
    assert counts["in the namespace"] == ("1", "2", None, "2025-03-04")
    assert counts["urn after https"] == (None, "1", "1", None)
    assert counts["http before https"] == ("1", None, None, None)
    assert counts["the namespace itself"] == (None, None, None, None)
    assert [row[0] for row in answers[0]][:3] == [
        "_",
        ox.NamedNode("http://example.org/?https://w3id.org/aimkg/id/provider/0"),
        ox.NamedNode("http://example.org/p"),
    ]


def test_cheapest_for_workload_counts_standard_tier_prices_only(tmp_path: Path) -> None:
    extra = tmp_path / "tiers.ttl"
    extra.write_text(
        "@prefix aimkg: <https://w3id.org/aimkg/ontology#> .\n"
        "@prefix price: <https://w3id.org/aimkg/id/price/> .\n"
        "<https://w3id.org/aimkg/id/version/mistral-medium-2312> aimkg:price price:batch, price:standard .\n"
        "price:batch aimkg:tokenKind aimkg:InputTokens ; aimkg:serviceTier aimkg:Batch ;\n"
        "    aimkg:amount 0.01 ;\n"
        '    aimkg:perTokens 1000000 ; aimkg:currency "USD" ;\n'
        "    aimkg:endpoint <https://w3id.org/aimkg/id/endpoint/mistral-ai--mistral-medium-2312> .\n"
        "price:standard aimkg:tokenKind aimkg:InputTokens ; aimkg:serviceTier aimkg:Standard ;\n"
        "    aimkg:amount 3.00 ;\n"
        '    aimkg:perTokens 1000000 ; aimkg:currency "USD" ;\n'
        "    aimkg:endpoint <https://w3id.org/aimkg/id/endpoint/mistral-ai--mistral-medium-2312> .\n"
    )
    query = resolve("cheapest-for-workload")
    bound = bindings(query, {"output_tokens": "0"}, "2024-06-01")
    for engine in ENGINES:
        costs = sorted(Decimal(row[-1].value) for row in run(query, bound, engine, [extra]).rows)  # type: ignore[union-attr]
        assert costs == [Decimal("2.75"), Decimal("3")], engine


WHO_SERVES_GRAPH = """@prefix aimkg: <https://w3id.org/aimkg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ep: <https://w3id.org/aimkg/id/endpoint/> .
@prefix price: <https://w3id.org/aimkg/id/price/> .
@prefix id: <https://w3id.org/aimkg/id/> .
@prefix ver: <https://w3id.org/aimkg/id/version/> .
ep:priced a aimkg:Endpoint ; aimkg:serves ver:v ; aimkg:modelId "priced" ; aimkg:provider id:p .
ep:expired a aimkg:Endpoint ; aimkg:serves ver:v ; aimkg:modelId "expired" ; aimkg:provider id:p .
ep:bare a aimkg:Endpoint ; aimkg:serves ver:v ; aimkg:modelId "bare" ; aimkg:provider id:p .
ep:partial a aimkg:Endpoint ; aimkg:serves ver:v ; aimkg:modelId "partial" ; aimkg:provider id:p .
ep:other a aimkg:Endpoint ; aimkg:serves ver:w ; aimkg:modelId "other" ; aimkg:provider id:p .
price:in aimkg:endpoint ep:priced ; aimkg:tokenKind aimkg:InputTokens ; aimkg:amount 1.5 ;
    aimkg:currency "USD" ; aimkg:perTokens 1000000 ; dcterms:source id:s ; aimkg:validFrom "2025-01-01"^^xsd:date .
price:out aimkg:endpoint ep:priced ; aimkg:tokenKind aimkg:OutputTokens ; aimkg:amount 6 ;
    aimkg:currency "USD" ; aimkg:perTokens 1000000 ; dcterms:source id:s .
price:old aimkg:endpoint ep:priced ; aimkg:tokenKind aimkg:InputTokens ; aimkg:amount 3 ;
    aimkg:currency "USD" ; aimkg:perTokens 1000000 ; dcterms:source id:s ; aimkg:validThrough "2024-12-31"^^xsd:date .
price:long aimkg:endpoint ep:priced ; aimkg:tokenKind aimkg:InputTokens ; aimkg:amount 3 ;
    aimkg:currency "USD" ; aimkg:perTokens 1000000 ; dcterms:source id:s ; aimkg:abovePromptTokens 200000 .
price:expired1 aimkg:endpoint ep:expired ; aimkg:tokenKind aimkg:InputTokens ; aimkg:amount 2 ;
    aimkg:currency "USD" ; aimkg:perTokens 1000000 ; dcterms:source id:s ; aimkg:validThrough "2024-12-31"^^xsd:date .
price:expired2 aimkg:endpoint ep:expired ; aimkg:tokenKind aimkg:OutputTokens ; aimkg:amount 8 ;
    aimkg:currency "USD" ; aimkg:perTokens 1000000 ; dcterms:source id:s ;
    aimkg:recordedUntil "2025-01-01T00:00:00Z"^^xsd:dateTime .
price:unsourced aimkg:endpoint ep:partial ; aimkg:tokenKind aimkg:InputTokens ; aimkg:amount 2 ;
    aimkg:currency "USD" ; aimkg:perTokens 1000000 .
"""


def test_who_serves_lists_an_endpoint_without_a_price_that_holds_once(tmp_path: Path) -> None:
    """Each holding price is a row; an endpoint with none (expired, none at all, none complete) is one row."""
    path = tmp_path / "who-serves.ttl"
    path.write_text(WHO_SERVES_GRAPH, encoding="utf-8")
    query = resolve("who-serves")
    bound = bindings(query, {"version": "v"}, "2025-06-01")
    for engine in ENGINES:
        result = run(query, bound, engine, [path], base=[])
        rows = [dict(zip(result.variables, row, strict=True)) for row in result.rows]
        found = sorted((normalised(row["modelId"]), normalised(row["amount"])) for row in rows)
        assert found == [
            (("literal", "bare", f"{XSD}string"), ("unbound",)),
            (("literal", "expired", f"{XSD}string"), ("unbound",)),
            (("literal", "partial", f"{XSD}string"), ("unbound",)),
            (("literal", "priced", f"{XSD}string"), ("number", "1.5")),
            (("literal", "priced", f"{XSD}string"), ("number", "6")),
        ], engine
