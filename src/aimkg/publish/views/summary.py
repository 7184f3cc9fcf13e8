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
from aimkg.publish.graph import DC, A, SiteGraph, select
from aimkg.publish.views.prices import COMPARED, MILLION, decimal, integer

PREFIX = f"PREFIX aimkg: <{A.base}>\nPREFIX dcterms: <{DC.base}>\n"
VERSIONS = (
    PREFIX
    + """SELECT ?v ?maker ?line ?released ?context ?status WHERE {
    ?v a aimkg:Version .
    OPTIONAL { ?v aimkg:provider ?maker } OPTIONAL { ?v aimkg:versionOf ?line }
    OPTIONAL { ?v aimkg:releaseDate ?released } OPTIONAL { ?v aimkg:contextWindow ?context }
    OPTIONAL { ?v aimkg:status ?status }
}"""
)
ENDPOINTS = (
    PREFIX
    + """SELECT ?e ?version ?platform ?operator ?id ?context WHERE {
    ?e a aimkg:Endpoint .
    OPTIONAL { ?e aimkg:serves ?version } OPTIONAL { ?e aimkg:platform ?platform }
    OPTIONAL { ?e aimkg:provider ?operator } OPTIONAL { ?e aimkg:modelId ?id }
    OPTIONAL { ?e aimkg:contextWindow ?context }
}"""
)
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
class EndpointLine:
    iri: str
    version: str | None = None
    platform: str | None = None
    operator: str | None = None
    model_id: str | None = None
    context: int | None = None
    prices: dict[str, Decimal] = field(default_factory=dict)  # per 1M tokens, by compared kind

    def price(self, kind: str) -> Decimal | None:
        return self.prices.get(kind)


@dataclass
class VersionLine:
    iri: str
    maker: str | None = None
    line: str | None = None
    released: str | None = None
    context: int | None = None
    status: str | None = None
    endpoints: list[str] = field(default_factory=list)
    platforms: set[str] = field(default_factory=set)
    prices: dict[str, Decimal] = field(default_factory=dict)  # the lowest of its endpoints' and its own

    def price(self, kind: str) -> Decimal | None:
        return self.prices.get(kind)


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


def summarise(graph: SiteGraph) -> Summary:
    """Read every version's and endpoint's line from the store."""
    versions: dict[str, VersionLine] = {}
    for v, maker, line, released, context, status in select(graph.store, VERSIONS):
        if not isinstance(v, ox.NamedNode):
            continue
        entry = versions.setdefault(v.value, VersionLine(v.value))
        entry.maker = least(entry.maker, text(maker))
        entry.line = least(entry.line, text(line))
        entry.released = least(entry.released, text(released))
        entry.context = least(entry.context, integer(text(context)))
        entry.status = least(entry.status, text(status))
    endpoints: dict[str, EndpointLine] = {}
    for e, version, platform, operator, model_id, context in select(graph.store, ENDPOINTS):
        if not isinstance(e, ox.NamedNode):
            continue
        point = endpoints.setdefault(e.value, EndpointLine(e.value))
        point.version = least(point.version, text(version))
        point.platform = least(point.platform, text(platform))
        point.operator = least(point.operator, text(operator))
        point.model_id = least(point.model_id, text(model_id))
        point.context = least(point.context, integer(text(context)))
    for e, v, kind, amount, per in select(graph.store, PRICES):
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
