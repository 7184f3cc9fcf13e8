"""One line per version and per endpoint for the whole graph: what the tables of many pages list.

A maker's page lists the versions it made, a platform's the endpoints it operates, a model
line's its versions, and the compare page every version, each with its context window and its
lowest current standard price per 1M tokens (as ``aimkg.publish.views.prices`` defines them).
These lines are read once, with a few SPARQL queries over the whole store, rather than page by
page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

import pyoxigraph as ox

from aimkg.io.read import Term
from aimkg.publish.graph import DC, A, select
from aimkg.publish.views.prices import COMPARED, MILLION, decimal, integer

PREFIX = f"PREFIX aimkg: <{A.base}>\nPREFIX dcterms: <{DC.base}>\n"


def lines_query(cls: str, facts: dict[str, str]) -> str:
    """Every node of a class, with each fact (variable: aimkg property) it may state: one row per combination."""
    optional = "\n".join(f"    OPTIONAL {{ ?node aimkg:{prop} ?{name} }}" for name, prop in facts.items())
    names = " ".join(f"?{name}" for name in facts)
    return f"{PREFIX}SELECT ?node {names} WHERE {{\n    ?node a aimkg:{cls} .\n{optional}\n}}"


#: The facts of a version's and an endpoint's line: attribute of the line, aimkg property.
VERSION_FACTS = {
    "maker": "provider", "line": "versionOf", "released": "releaseDate", "context": "contextWindow", "status": "status"
}  # fmt: skip
ENDPOINT_FACTS = {
    "version": "serves", "platform": "platform", "operator": "provider", "model_id": "modelId",
    "context": "contextWindow",
}  # fmt: skip
#: Current standard per-token prices in USD: no tier, prompt tier, variant or hours, and no end in either time.
PRICES = (
    PREFIX
    + """SELECT ?e ?v ?kind ?amount ?per WHERE {
    ?p a aimkg:PriceSpec ; aimkg:tokenKind ?kind ; aimkg:amount ?amount ; aimkg:perTokens ?per ; aimkg:currency "USD" .
    OPTIONAL { ?p aimkg:endpoint ?e } OPTIONAL { ?v aimkg:price ?p }
    FILTER NOT EXISTS { ?p aimkg:serviceTier|aimkg:abovePromptTokens|aimkg:variant|aimkg:validHours ?x }
    FILTER NOT EXISTS { ?p aimkg:validThrough|aimkg:recordedUntil ?y }
}"""
)


def text(term: Term | None) -> str | None:
    return term.value if term is not None else None


@dataclass
class Line:
    """What the tables list of a node: its IRI, context window and lowest current prices."""

    iri: str
    context: int | None = None
    prices: dict[str, Decimal] = field(default_factory=dict)  # per 1M tokens, by compared kind

    def price(self, kind: str) -> Decimal | None:
        return self.prices.get(kind)


@dataclass
class EndpointLine(Line):
    version: str | None = None
    platform: str | None = None
    operator: str | None = None
    model_id: str | None = None


@dataclass
class VersionLine(Line):
    """A version's line; its prices are the lowest of its endpoints' and its own."""

    maker: str | None = None
    line: str | None = None
    released: str | None = None
    status: str | None = None
    endpoints: list[str] = field(default_factory=list)
    platforms: set[str] = field(default_factory=set)


def lower(prices: dict[str, Decimal], kind: str, amount: Decimal) -> None:
    if kind not in prices or amount < prices[kind]:
        prices[kind] = amount


@dataclass
class Summary:
    """The lines of every version and endpoint, with the indexes the pages look them up by."""

    versions: dict[str, VersionLine]
    endpoints: dict[str, EndpointLine]
    by_maker: dict[str, list[str]]
    by_line: dict[str, list[str]]
    by_platform: dict[str, list[str]]
    by_operator: dict[str, list[str]]


Ordered = TypeVar("Ordered", str, int)


def least(current: Ordered | None, value: Ordered | None) -> Ordered | None:
    """Keep the least value a node states, so that a node with two values reads the same on every run."""
    if value is None:
        return current
    return value if current is None or value < current else current


LineType = TypeVar("LineType", bound=Line)


def read_lines(store: ox.Store, cls: str, make: type[LineType], facts: dict[str, str]) -> dict[str, LineType]:
    """Every node of a class as a line, each attribute the least value the node states."""
    lines: dict[str, LineType] = {}
    for node, *values in select(store, lines_query(cls, facts)):
        if not isinstance(node, ox.NamedNode):
            continue
        line = lines.setdefault(node.value, make(node.value))
        for name, term in zip(facts, values, strict=True):
            value = integer(text(term)) if name == "context" else text(term)
            setattr(line, name, least(getattr(line, name), value))
    return lines


def summarise(store: ox.Store) -> Summary:
    """Read every version's and endpoint's line from the store."""
    versions = read_lines(store, "Version", VersionLine, VERSION_FACTS)
    endpoints = read_lines(store, "Endpoint", EndpointLine, ENDPOINT_FACTS)
    for e, v, kind, amount, per in select(store, PRICES):
        value, count = decimal(text(amount)), integer(text(per))
        if kind is None or kind.value not in COMPARED or value is None or not count:
            continue
        per_million = value * MILLION / count
        if e is not None and e.value in endpoints:
            lower(endpoints[e.value].prices, kind.value, per_million)
        if v is not None and v.value in versions:
            lower(versions[v.value].prices, kind.value, per_million)
    by_platform: dict[str, list[str]] = {}
    by_operator: dict[str, list[str]] = {}
    for iri in sorted(endpoints):
        point = endpoints[iri]
        if point.platform:
            by_platform.setdefault(point.platform, []).append(iri)
        if point.operator:
            by_operator.setdefault(point.operator, []).append(iri)
        served = versions.get(point.version or "")
        if served is not None:
            served.endpoints.append(iri)
            if point.platform:
                served.platforms.add(point.platform)
            for compared, lowest in point.prices.items():
                lower(served.prices, compared, lowest)
    by_maker: dict[str, list[str]] = {}
    by_line: dict[str, list[str]] = {}
    for iri in sorted(versions):
        if versions[iri].maker:
            by_maker.setdefault(versions[iri].maker or "", []).append(iri)
        if versions[iri].line:
            by_line.setdefault(versions[iri].line or "", []).append(iri)
    return Summary(versions, endpoints, by_maker, by_line, by_platform, by_operator)
