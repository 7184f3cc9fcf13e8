"""Prices as the version and endpoint pages show them: each statement with its sources, the current
price on each platform side by side, and each price's history as a chart with its table.

A price (``aimkg:PriceSpec``) belongs to the endpoint that charges it (``aimkg:endpoint``), and a
curated one also to its version (``aimkg:price``). Catalogs that state the same price for the
same endpoint make one row naming every source. The "current" price of an endpoint is its
standard one (no service tier, prompt tier, variant or hours) that no source says has ended,
neither in valid time (``aimkg:validThrough``) nor in record time (``aimkg:recordedUntil``); when
sources disagree on it, the lowest is shown, and the table above lists each.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from aimkg.publish.chart import RECORD_TIME, VALID_TIME, Bars, Chart, Series, Step
from aimkg.publish.graph import DC, A
from aimkg.publish.views import UNKNOWN, Value, View, in_order, node_iri

MILLION = 1_000_000
#: The token kinds in the order tables list them (the others follow, by label).
KIND_ORDER = {f"{A.base}{name}": n for n, name in enumerate(("InputTokens", "OutputTokens", "CachedInputTokens"))}
#: The kinds the side-by-side table and chart compare, with their column names.
COMPARED = {A.InputTokens: "Input", A.OutputTokens: "Output", A.CachedInputTokens: "Cached input"}
RECORDED_FROM, RECORDED_UNTIL = A.recordedFrom, A.recordedUntil


def decimal(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def integer(text: str | None) -> int | None:
    return int(text) if text is not None and text.lstrip("+-").isdigit() else None


def short_count(count: int) -> str:
    """Write a count the way catalogs do: 1000000 as 1M, 32000 as 32K."""
    for size, suffix in ((1_000_000_000, "B"), (1_000_000, "M"), (1_000, "K")):
        if count >= size and count % (size // 10) == 0:
            return f"{count / size:g}{suffix}"
    return f"{count:,}"


@dataclass(frozen=True)
class Price:
    """One price node, read once."""

    iri: str
    endpoint: str | None
    kind: str | None  # the token kind, or the billing unit
    amount_text: str | None
    amount: Decimal | None
    currency: str | None
    per: int | None
    per_tokens: bool
    tier: str | None
    above: int | None
    variant: str | None
    hours: str | None
    valid_from: str | None
    valid_through: str | None
    recorded_from: str | None
    recorded_until: str | None
    sources: tuple[str, ...]
    reported_by: tuple[str, ...]
    record: str | None

    @property
    def per_million(self) -> Decimal | None:
        """The amount per 1M tokens, for comparing prices stated per different token counts."""
        if not self.per_tokens or self.amount is None or not self.per:
            return None
        return self.amount * MILLION / self.per

    @property
    def standard(self) -> bool:
        return self.tier is None and self.above is None and self.variant is None and self.hours is None

    @property
    def current(self) -> bool:
        return self.valid_through is None and self.recorded_until is None

    def same_statement(self) -> tuple[object, ...]:
        """What two sources must agree on for their prices to make one row."""
        return (
            self.endpoint, self.kind, self.amount if self.amount is not None else self.amount_text, self.currency,
            self.per, self.per_tokens, self.tier, self.above, self.variant, self.hours,
            self.valid_from, self.valid_through,
        )  # fmt: skip


def read_price(view: View, iri: str) -> Price:
    text = view.graph.objects
    facts = view.graph.facts(iri)

    def one(predicate: str) -> str | None:
        found = facts.get(predicate)
        return min(term.value for term in found) if found else None

    per_tokens = one(A.perTokens)
    amount = one(A.amount)
    return Price(
        iri=iri,
        endpoint=one(A.endpoint),
        kind=one(A.tokenKind) or one(A.billingUnit),
        amount_text=amount,
        amount=decimal(amount),
        currency=one(A.currency),
        per=integer(per_tokens) if per_tokens is not None else integer(one(A.perUnits)),
        per_tokens=per_tokens is not None,
        tier=one(A.serviceTier),
        above=integer(one(A.abovePromptTokens)),
        variant=one(A.variant),
        hours=one(A.validHours),
        valid_from=one(A.validFrom),
        valid_through=one(A.validThrough),
        recorded_from=one(RECORDED_FROM),
        recorded_until=one(RECORDED_UNTIL),
        sources=tuple(sorted(term.value for term in text(iri, DC.source))),
        reported_by=tuple(sorted(term.value for term in text(iri, A.reportedBy))),
        record=one(A.record),
    )


def prices_of(view: View, version: str | None, endpoints: Iterable[str]) -> list[Price]:
    """Every price of the endpoints, and the version's own: each node once."""
    found = {node_iri(term) for term in view.graph.objects(version, A.price)} if version else set()
    for endpoint in endpoints:
        found.update(view.incoming(endpoint, A.endpoint))
    return [read_price(view, iri) for iri in sorted(iri for iri in found if iri is not None)]


def kind_key(view: View, kind: str | None) -> tuple[int, str]:
    return (KIND_ORDER.get(kind or "", len(KIND_ORDER)), view.label(kind) if kind else "")


def conditions(view: View, price: Price) -> str:
    """When the price applies: its service tier, prompt tier, variant and hours (Standard when none)."""
    parts = [view.label(price.tier) if price.tier else "Standard"]
    if price.above is not None:
        parts.append(f"prompts above {short_count(price.above)} tokens")
    if price.variant:
        parts.append(price.variant)
    if price.hours:
        parts.append(f"{price.hours} UTC")
    return ", ".join(parts)


def price_text(view: View, price: Price) -> str:
    if price.amount_text is None or price.currency is None or price.per is None:
        return UNKNOWN
    unit = "tokens" if price.per_tokens else view.label(price.kind) if price.kind else "units"
    return f"{price.amount_text} {price.currency} per {short_count(price.per)} {unit}"


def platform_of(view: View, endpoint: str | None) -> str | None:
    return view.first_iri(endpoint, A.platform) if endpoint else None


def statement_rows(view: View, prices: list[Price]) -> list[dict[str, Any]]:
    """One row per price statement still made, its agreeing sources together, sorted by platform and kind."""
    merged: dict[tuple[object, ...], list[Price]] = {}
    for price in prices:
        if price.recorded_until is None:  # a statement its source no longer makes is history, shown below
            merged.setdefault(price.same_statement(), []).append(price)
    rows: list[dict[str, Any]] = []
    for group in merged.values():
        price = group[0]
        platform = platform_of(view, price.endpoint)
        sources = sorted({view.value(s) for p in group for s in p.sources}, key=in_order)
        records = sorted({record_key(view, p.record) for p in group if p.record}, key=in_order)
        rows.append(
            {
                "platform": view.value(platform) if platform else Value(UNKNOWN),
                "endpoint": view.value(price.endpoint) if price.endpoint else Value(UNKNOWN),
                "model_id": view.or_unknown(price.endpoint, A.modelId) if price.endpoint else UNKNOWN,
                "kind": view.label(price.kind) if price.kind else UNKNOWN,
                "kind_key": kind_key(view, price.kind),
                "link": view.value(price.iri),
                "price": price_text(view, price),
                "tier": conditions(view, price),
                "valid_from": price.valid_from or UNKNOWN,
                "valid_through": price.valid_through or UNKNOWN,
                "reported_by": sorted({view.value(s) for p in group for s in p.reported_by}, key=in_order),
                "sources": sources,
                "records": records,
            }
        )
    rows.sort(key=lambda r: (r["platform"].text, r["model_id"], r["kind_key"], r["tier"], r["valid_from"], r["price"]))
    return rows


def record_key(view: View, record: str) -> Value:
    """A catalog record by its key in its catalog, linking to its page."""
    return Value(view.text(record, DC.identifier) or view.label(record), view.href(record))


def current_prices(prices: list[Price]) -> dict[str | None, dict[str, tuple[Decimal, set[str]]]]:
    """Each endpoint's current standard price per 1M tokens by compared kind, in USD: the lowest stated, its sources."""
    found: dict[str | None, dict[str, tuple[Decimal, set[str]]]] = {}
    for price in prices:
        amount = price.per_million
        if amount is None or not price.standard or not price.current or price.currency != "USD":
            continue
        if price.kind not in COMPARED:
            continue
        kinds = found.setdefault(price.endpoint, {})
        known = kinds.get(price.kind)
        if known is None or amount < known[0]:
            kinds[price.kind] = (amount, set(price.sources))
        elif amount == known[0]:
            known[1].update(price.sources)
    return found


def platform_rows(view: View, endpoints: list[str], prices: list[Price]) -> list[dict[str, Any]]:
    """The current standard prices of each endpoint side by side, cheapest input first, with their sources."""
    current = current_prices(prices)
    rows: list[dict[str, Any]] = []
    for endpoint in endpoints:
        kinds = current.get(endpoint, {})
        platform = platform_of(view, endpoint)
        amounts = [kinds[kind][0] if kind in kinds else None for kind in COMPARED]
        sources = {source for amount, stated in kinds.values() for source in stated}
        rows.append(
            {
                "platform": view.value(platform) if platform else Value(UNKNOWN),
                "operator": view.values(endpoint, A.provider),
                "endpoint": view.value(endpoint),
                "model_id": view.or_unknown(endpoint, A.modelId),
                "prices": amounts,
                "cells": [format_price(amount) for amount in amounts],
                "sources": sorted((view.value(source) for source in sources), key=in_order),
            }
        )
    missing = Decimal("Infinity")
    rows.sort(key=lambda r: (r["prices"][0] if r["prices"][0] is not None else missing, r["platform"].text))
    return rows


def format_price(amount: Decimal | None) -> str:
    from aimkg.publish.chart import format_amount

    return format_amount(amount) if amount is not None else "Unknown"


def platform_bars(ident: str, title: str, rows: list[dict[str, Any]]) -> Bars | None:
    """The side-by-side table as a bar chart, when two or more endpoints have a current price to compare."""
    priced = [row for row in rows if any(value is not None for value in row["prices"][:2])]
    if len(priced) < 2:
        return None
    groups = [(f"{row['platform'].text} · {row['model_id']}", row["prices"][:2]) for row in priced[:24]]
    description = (
        f"Current standard input and output prices of {title} on {len(priced)} endpoints, in USD per 1M tokens, "
        "cheapest input first"
        + (f"; the first {len(groups)} are drawn" if len(groups) < len(priced) else "")
        + ". The table below gives the same prices."
    )
    return Bars(ident, f"{title}: price per platform", description, "USD per 1M tokens", ["Input", "Output"], groups)


def series_label(view: View, price: Price, with_platform: bool) -> str:
    kind = view.label(price.kind) if price.kind else UNKNOWN
    platform = platform_of(view, price.endpoint)
    where = ""
    if price.endpoint:
        where = f"{view.label(platform) if platform else UNKNOWN} · {view.or_unknown(price.endpoint, A.modelId)} · "
    condition = conditions(view, price)
    extra = "" if condition == "Standard" else f" ({condition})"
    return (where if with_platform else "") + kind + extra


def valid_from(price: Price) -> str | None:
    return price.valid_from


def valid_through(price: Price) -> str | None:
    return price.valid_through


def recorded_from(price: Price) -> str | None:
    return price.recorded_from


def recorded_until(price: Price) -> str | None:
    return price.recorded_until


def history_charts(
    view: View, title: str, prices: list[Price], with_platform: bool, since: str | None = None
) -> list[Chart]:
    """A step chart per kind of time that some price has a bound in: valid time, then record time."""
    charts = []
    for time in (VALID_TIME, RECORD_TIME):
        start_of, end_of = (valid_from, valid_through) if time == VALID_TIME else (recorded_from, recorded_until)
        series: dict[tuple[str, str | None], Series] = {}
        for price in prices:
            amount = price.per_million if price.per_tokens else price.amount
            if amount is None or (start_of(price) is None and end_of(price) is None):
                continue
            label = series_label(view, price, with_platform)
            for source in price.sources or (None,):  # each catalog's statements are one line
                name = label if time == VALID_TIME or source is None else f"{label} — {view.label(source)}"
                rank = (kind_key(view, price.kind), conditions(view, price) != "Standard", name)
                line = series.setdefault((name, price.currency), Series(name, rank=rank))
                step = Step(start_of(price), end_of(price), amount, view.href(price.iri), time == VALID_TIME)
                if step not in line.steps:
                    line.steps.append(step)
        if not series:
            continue
        ordered = sorted(series.values(), key=lambda s: s.rank)
        drawn = sorted(ordered[:8], key=lambda s: s.label)
        currencies = sorted({currency or "" for _, currency in series})
        unit = f"{'/'.join(c for c in currencies if c) or 'price'} per 1M tokens"
        which = "when the provider charged it" if time == VALID_TIME else "when the catalogs stated it"
        description = (
            f"Step chart of {title}'s prices over {time} ({which}): {len(drawn)} series, "
            f"{sum(len(s.steps) for s in drawn)} intervals. The table after the chart gives every interval."
        )
        ident = f"history-{'valid' if time == VALID_TIME else 'record'}"
        chart_title = f"{title}: prices over {time}"
        more = max(0, len(ordered) - len(drawn))
        charts.append(Chart(ident, chart_title, description, time, unit, drawn, more, since))
    return charts


def change_rows(view: View, prices: list[Price], with_platform: bool) -> list[dict[str, Any]]:
    """Dated events of the prices: valid from and through, recorded from and until, each with its source."""
    rows = []
    for price in prices:
        what = f"{series_label(view, price, with_platform)}: {price_text(view, price)}"
        sources = [view.value(s) for s in price.sources]
        for date, time, event in (
            (price.valid_from, VALID_TIME, "price in effect from"),
            (price.valid_through, VALID_TIME, "price in effect through"),
            (price.recorded_from, RECORD_TIME, "first stated"),
            (price.recorded_until, RECORD_TIME, "no longer stated"),
        ):
            if date:
                rows.append(
                    {
                        "date": date,
                        "time": time,
                        "event": f"{what}, {event}",
                        "link": view.value(price.iri),
                        "sources": sources,
                    }
                )
    return rows
