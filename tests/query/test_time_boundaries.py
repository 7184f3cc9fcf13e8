"""Every time-aware query on the day before, the day of and the day after each boundary it reads.

Each case is a one-endpoint graph whose only time is the boundary under test; the query answers
over that graph alone, on both engines. The expectations are the rules the README states: every
date boundary day is in (availableFrom/Through, releaseDate, retirementDate, validFrom/Through),
and record time is half-open (the recordedFrom day is in, the recordedUntil day is out).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aimkg.query.queries import ENGINES, bindings, resolve, run

PREFIXES = """@prefix aimkg: <https://w3id.org/aimkg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ver: <https://w3id.org/aimkg/id/version/> .
@prefix ep: <https://w3id.org/aimkg/id/endpoint/> .
@prefix price: <https://w3id.org/aimkg/id/price/> .
@prefix id: <https://w3id.org/aimkg/id/> .
"""

BOUNDARY_DAY = "2025-03-10"
DAYS = {"before": "2025-03-09", "of": BOUNDARY_DAY, "after": "2025-03-11"}
MOMENT = f"{BOUNDARY_DAY}T12:00:00Z"
#: Where each boundary sits: on the endpoint, the version or the prices, and its value.
BOUNDARIES = {
    "availableFrom": ("endpoint", f'"{BOUNDARY_DAY}"^^xsd:date'),
    "availableThrough": ("endpoint", f'"{BOUNDARY_DAY}"^^xsd:date'),
    "releaseDate": ("version", f'"{BOUNDARY_DAY}"^^xsd:date'),
    "retirementDate": ("version", f'"{BOUNDARY_DAY}"^^xsd:date'),
    "validFrom": ("price", f'"{BOUNDARY_DAY}"^^xsd:date'),
    "validThrough": ("price", f'"{BOUNDARY_DAY}"^^xsd:date'),
    "recordedFrom": ("price", f'"{MOMENT}"^^xsd:dateTime'),
    "recordedUntil": ("price", f'"{MOMENT}"^^xsd:dateTime'),
}
#: Whether the boundary's day is in (the row or answer is there on that day).
DAY_IS_IN = {name: name != "recordedUntil" for name in BOUNDARIES}
STARTS = {"availableFrom", "releaseDate", "validFrom", "recordedFrom"}


def graph(boundary: str) -> str:
    """One version served by one endpoint at an input and an output price, with one boundary set."""
    where, value = BOUNDARIES[boundary]
    extra = {"endpoint": "", "version": "", "price": ""}
    extra[where] = f" ; aimkg:{boundary} {value}"
    release = "" if boundary == "releaseDate" else ' ; aimkg:releaseDate "2020-01-01"^^xsd:date'
    prices = "".join(
        f"""price:{kind} a aimkg:PriceSpec ; aimkg:endpoint ep:e ; aimkg:tokenKind aimkg:{kind} ;
    aimkg:amount 1.5 ; aimkg:currency "USD" ; aimkg:perTokens 1000000 ; dcterms:source id:s{extra["price"]} .
"""
        for kind in ("InputTokens", "OutputTokens")
    )
    return f"""{PREFIXES}
ver:v a aimkg:Version ; rdfs:label "V"@en ; aimkg:provider id:p{release}{extra["version"]} .
ep:e a aimkg:Endpoint ; aimkg:modelId "m" ; aimkg:serves ver:v ; aimkg:provider id:p ;
    aimkg:platform id:pl{extra["endpoint"]} .
{prices}"""


def answers(name: str, boundary: str, day: str, tmp_path: Path) -> list[bool]:
    """On each engine: whether the query gives the version a row with a price (or says yes) that day."""
    path = tmp_path / f"{boundary}.ttl"
    path.write_text(graph(boundary), encoding="utf-8")
    query = resolve(name)
    found = []
    for engine in ENGINES:
        named = {"model_id": "m"} if any(p.name == "model_id" for p in query.parameters) else {}
        result = run(query, bindings(query, named, day), engine, [path], base=[])
        if result.boolean is not None:
            found.append(result.boolean)
            continue
        columns = result.variables
        priced = [c for c in ("amount", "cost") if c in columns]
        found.append(any(all(row[columns.index(c)] is not None for c in priced) for row in result.rows))
    return found


#: Each time-aware query and the boundaries it reads.
READS = {
    "is-callable": ["availableFrom", "availableThrough", "retirementDate"],
    "active-on-date": ["releaseDate", "retirementDate"],
    "prices-on-date": ["availableFrom", "availableThrough", "retirementDate", *list(BOUNDARIES)[4:]],
    "who-serves": list(BOUNDARIES)[4:],
    "cheapest-platform": list(BOUNDARIES)[4:],
    "cheapest-for-workload": list(BOUNDARIES)[4:],
}


def expected(boundary: str, when: str) -> bool:
    if when == "of":
        return DAY_IS_IN[boundary]
    return (when == "after") == (boundary in STARTS)


@pytest.mark.parametrize("when", list(DAYS))
@pytest.mark.parametrize(("name", "boundary"), [(name, b) for name, reads in READS.items() for b in reads])
def test_the_day_before_of_and_after_each_boundary(name: str, boundary: str, when: str, tmp_path: Path) -> None:
    assert answers(name, boundary, DAYS[when], tmp_path) == [expected(boundary, when)] * len(ENGINES)


@pytest.mark.parametrize(("when", "event_listed"), [("2025-03-09", False), (BOUNDARY_DAY, True), ("2025-03-11", True)])
def test_lifecycle_changes_ends_its_period_with_the_as_of_day(when: str, event_listed: bool, tmp_path: Path) -> None:
    path = tmp_path / "retired.ttl"
    path.write_text(graph("retirementDate"), encoding="utf-8")
    query = resolve("lifecycle-changes")
    for engine in ENGINES:
        assert (
            bool(run(query, bindings(query, {"since": BOUNDARY_DAY}, when), engine, [path], base=[]).rows)
            is event_listed
        )


@pytest.mark.parametrize(
    ("boundary", "moments"),
    [
        ("recordedFrom", {"2025-03-10T11:59:59Z": False, MOMENT: True, "2025-03-10T12:00:01Z": True}),
        ("recordedUntil", {"2025-03-10T11:59:59Z": True, MOMENT: False, "2025-03-10T12:00:01Z": False}),
    ],
)
def test_recorded_at_the_second_before_of_and_after(boundary: str, moments: dict[str, bool], tmp_path: Path) -> None:
    path = tmp_path / f"{boundary}.ttl"
    path.write_text(graph(boundary), encoding="utf-8")
    query = resolve("price-history")
    for moment, stated in moments.items():
        for engine in ENGINES:
            rows = run(query, bindings(query, {}), engine, [path], base=[], recorded_at=moment).rows
            assert (len(rows) == 2) is stated and (rows == []) is not stated, (moment, engine)


def test_recorded_at_keeps_what_has_no_record_time(tmp_path: Path) -> None:
    path = tmp_path / "untimed.ttl"
    path.write_text(graph("validFrom"), encoding="utf-8")
    query = resolve("price-history")
    assert len(run(query, bindings(query, {}), files=[path], base=[], recorded_at="2000-01-01T00:00:00Z").rows) == 2
