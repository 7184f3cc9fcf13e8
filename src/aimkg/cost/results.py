"""What a calculation gives and works with: the result, its lines and alternatives; prices and bills.

The types that every calculation makes, kept apart from ``aimkg.cost.calculate`` and written
without postponed annotations: ``typing.NamedTuple`` compiles each field's annotation when it is
a string, and ``aimkg cost`` would pay for it at every start.
"""

import re
from decimal import Decimal
from typing import Any, NamedTuple

from aimkg.core.terms import ID_BASE
from aimkg.cost.index import PriceRow
from aimkg.cost.moment import Moment, in_hours
from aimkg.cost.usage import FIELD_LABELS, USAGE_KINDS, Usage

KIND_LABELS = {kind: FIELD_LABELS[name] for name, kind in USAGE_KINDS.items()}


def kind_label(kind: str) -> str:
    """How people name a token kind or billing unit: ``CachedInputTokens`` → ``cache read tokens``."""
    if kind in KIND_LABELS:
        return KIND_LABELS[kind]
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", kind).lower()


class Option(NamedTuple):
    """One price as calculations use it: the index's row, its amount as a decimal, and the price per unit."""

    row: PriceRow
    amount: Decimal
    unit: Decimal  # amount / per
    timed: bool  # it holds only at some moments (valid time, record time, or hours)
    above: int  # the context tier's threshold, -1 for the base tier

    def holds(self, at: Moment) -> bool:
        """Tell whether the price holds at a moment: by valid time where stated, else by record time; and its hours."""
        row = self.row
        if row.hours is not None and not in_hours(row.hours, at.time):
            return False
        if row.valid_from is not None or row.valid_through is not None:
            return (row.valid_from is None or row.valid_from <= at.day) and (
                row.valid_through is None or at.day <= row.valid_through
            )
        return (row.recorded_from is None or row.recorded_from <= at.instant) and (
            row.recorded_until is None or at.instant < row.recorded_until
        )


def option(row: PriceRow) -> Option:
    amount = Decimal(row.amount)
    timed = any(
        value is not None
        for value in (row.valid_from, row.valid_through, row.hours, row.recorded_from, row.recorded_until)
    )
    return Option(row, amount, amount / row.per, timed, -1 if row.above is None else row.above)


class Line(NamedTuple):
    """One part of the bill: how many tokens or units were billed at which price."""

    kind: str  # the aimkg:TokenKind or aimkg:BillingUnit billed
    quantity: int
    amount: Decimal  # the price: amount per ``per`` tokens or units
    per: int
    currency: str
    cost: Decimal
    price: str  # the aimkg:PriceSpec's slug
    tier: str | None
    above: int | None
    rest: bool = False  # parts priced apart were taken out of this kind's count

    @property
    def label(self) -> str:
        return kind_label(self.kind) + (", the rest" if self.rest else "")

    @property
    def price_iri(self) -> str:
        return f"{ID_BASE}price/{self.price}"


class Alternative(NamedTuple):
    """What another record that prices the endpoint would charge."""

    source: str
    record: str | None
    key: str | None
    variant: str | None
    total: Decimal
    currency: str


class Bill(NamedTuple):
    """One record's bill for a usage."""

    total: Decimal
    currency: str
    lines: tuple[Line, ...]
    warnings: tuple[str, ...]
    notes: tuple[str, ...]
    gaps: int  # parts of the usage with no price of their own, billed at their total's price or not at all
    fell: int  # parts of the usage billed at a standard price where the asked tier has none
    tiered: int  # prices of a context tier the prompt passed: a record that has them knows this call better


class CostResult(NamedTuple):
    """The cost of a usage on one endpoint, with what it was computed from (a named tuple: cheap to make).

    ``total`` is exact, in ``currency``; ``lines`` is the breakdown; ``source`` and ``record``
    name whose prices were used (``key`` is the record's key in its catalog) and
    ``alternatives`` what the other records of the endpoint would charge. ``warnings`` say where
    the total may not be what was charged (a part with no price, a moving alias, a missing
    tier price); ``notes`` say what was decided (which platform, parts billed at their total's price).
    """

    model_id: str  # as asked
    endpoint: str  # slugs of aimkg entities (``*_iri`` properties give the IRIs)
    platform: str | None
    served_id: str  # the endpoint's model ID
    version: str
    at: Moment
    tier: str
    total: Decimal
    currency: str
    lines: tuple[Line, ...]
    source: str
    record: str | None
    key: str | None
    variant: str | None
    alternatives: tuple[Alternative, ...] = ()
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def prices(self) -> tuple[str, ...]:
        """The IRIs of the aimkg:PriceSpec nodes the total was computed from."""
        return tuple(line.price_iri for line in self.lines)

    @property
    def sources(self) -> tuple[str, ...]:
        """The IRIs of the source used, then of the alternatives' sources."""
        found = dict.fromkeys([self.source, *(alternative.source for alternative in self.alternatives)])
        return tuple(f"{ID_BASE}source/{source}" for source in found)

    @property
    def agreed(self) -> bool:
        """Whether every alternative charges the same total."""
        return all(alternative.total == self.total for alternative in self.alternatives)

    @property
    def endpoint_iri(self) -> str:
        return f"{ID_BASE}endpoint/{self.endpoint}"

    @property
    def version_iri(self) -> str:
        return f"{ID_BASE}version/{self.version}"

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON-ready data: money as exact decimals (``Decimal``), entities as IRIs."""
        return {
            "model": self.model_id,
            "total": self.total,
            "currency": self.currency,
            "endpoint": self.endpoint_iri,
            "platform": None if self.platform is None else f"{ID_BASE}platform/{self.platform}",
            "model_id": self.served_id,
            "version": self.version_iri,
            "at": self.at.shown,
            "tier": self.tier,
            "source": f"{ID_BASE}source/{self.source}",
            "record": None if self.record is None else f"{ID_BASE}endpoint/{self.record}",
            "key": self.key,
            "variant": self.variant,
            "lines": [
                {
                    "kind": line.kind,
                    "quantity": line.quantity,
                    "price": line.amount,
                    "per": line.per,
                    "cost": line.cost,
                    "tier": line.tier,
                    "above_prompt_tokens": line.above,
                    "price_spec": line.price_iri,
                }
                for line in self.lines
            ],
            "alternatives": [
                {
                    "source": f"{ID_BASE}source/{alternative.source}",
                    "record": None if alternative.record is None else f"{ID_BASE}endpoint/{alternative.record}",
                    "key": alternative.key,
                    "variant": alternative.variant,
                    "total": alternative.total,
                    "currency": alternative.currency,
                }
                for alternative in self.alternatives
            ],
            "agreed": self.agreed,
            "warnings": list(self.warnings),
            "notes": list(self.notes),
        }


ZERO = Decimal(0)


class Step(NamedTuple):
    """One priced kind in billing order (most specific first), with its price and the priced kinds inside it."""

    kind: str
    option: Option
    fell: bool  # the standard price, standing in for a tier that has none
    parts: tuple[str, ...]
    line: tuple[Decimal, int, str, str, str | None, int | None]  # the price's fields as a Line shows them


def make_step(kind: str, option: Option, fell: bool, parts: tuple[str, ...]) -> Step:
    row = option.row
    return Step(kind, option, fell, parts, (option.amount, row.per, row.currency, row.slug, row.tier, row.above))


class Form:
    """A bill as a linear form of the counts: one rate per counted kind. Records that charge alike share one."""

    __slots__ = ("currency", "disjoint", "fell", "key", "owned", "rates")

    def __init__(
        self, rates: dict[str, Decimal], owned: frozenset[str], fell: frozenset[str], disjoint: bool, currency: str
    ) -> None:
        self.rates = rates  # what one more of each counted kind adds to the total
        self.owned = owned  # the kinds billed at a price of their own
        self.fell = fell  # the kinds billed at their standard price, the asked tier having none
        self.disjoint = disjoint  # no two parts of one kind can overlap: fitting counts bill no negative part
        self.currency = currency
        self.key = (tuple(sorted(rates.items())), owned, fell, disjoint, currency)

    def total(self, usage: Usage) -> tuple[Decimal, int, int]:
        """The total of a usage, its gaps (counted kinds with no price of their own) and its tier fallbacks."""
        rates = self.rates
        total = ZERO
        gaps = fell = 0
        for kind, count in usage.counted.items():
            rate = rates.get(kind)
            if rate is not None:
                total += rate * count
            if kind not in self.owned:
                gaps += 1
            elif kind in self.fell:
                fell += 1
        if usage.requests is None and "Request" in rates:
            total += rates["Request"]
        return total, gaps, fell


class Selection(NamedTuple):
    """The prices a record bills a usage with, in billing order, and where each other kind is billed."""

    steps: tuple[Step, ...]
    wholes: dict[str, str]  # a kind without a price of its own → the priced kind holding it ("" for none)
    hours: bool  # a price was chosen by the time of day
    form: Form
    tiered: int  # prices chosen for a context tier the prompt passed
