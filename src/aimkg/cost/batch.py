"""Price a JSON Lines file of calls (exported request logs, say), one line at a time, and keep the totals.

Each line is a JSON object: ``model`` (else the default model), optional ``platform``, ``at`` (or
``timestamp``), ``tier`` and ``variant``, and the usage, either under ``usage`` or at the top
level, in aimkg's, genai-prices' or OpenAI's names (``aimkg.cost.usage.Usage.from_mapping``).
Other keys (a request ID, a user) are passed over. A line that is not a JSON object, or whose
counts are wrong, stops the run (exit 2, naming the line); a line whose model is unknown or has
no price at its moment is reported and skipped, and the totals count the lines that were priced.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any, NamedTuple

from aimkg.core.errors import InputError
from aimkg.cost.calculate import PriceIndex
from aimkg.cost.results import CostResult
from aimkg.cost.usage import Usage

#: Keys of a line that are not usage counts.
CALL_KEYS = ("model", "platform", "at", "timestamp", "tier", "variant", "usage")


class Call(NamedTuple):
    """One line of the file: which model was called, when and how, and what it used."""

    line: int
    model: str
    usage: Usage
    platform: str | None
    at: str | None
    tier: str
    variant: str | None


class Outcome(NamedTuple):
    """A call and its cost, or why it has none."""

    call: Call
    result: CostResult | None
    error: str | None


class Totals:
    """What the priced calls cost, per currency, and how many calls were and were not priced."""

    def __init__(self) -> None:
        self.amounts: dict[str, Decimal] = {}
        self.priced = 0
        self.unpriced = 0

    def add(self, outcome: Outcome) -> None:
        if outcome.result is None:
            self.unpriced += 1
            return
        self.priced += 1
        currency = outcome.result.currency
        self.amounts[currency] = self.amounts.get(currency, Decimal(0)) + outcome.result.total


def text_field(values: dict[str, Any], name: str, where: str) -> str | None:
    value = values.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where}: {name} must be a non-empty string, not {value!r}")
    return value


def read_calls(
    lines: Iterable[str],
    source: str,
    model: str | None = None,
    platform: str | None = None,
    at: str | None = None,
    tier: str = "standard",
) -> Iterator[Call]:
    """Read the calls of a JSON Lines text; ``model``, ``platform``, ``at`` and ``tier`` are the defaults."""
    for number, text in enumerate(lines, 1):
        if not text.strip():
            continue
        where = f"{source}: line {number}"
        try:
            values = json.loads(text)
        except ValueError as error:
            raise InputError(f"{where}: not JSON ({error})") from None
        if not isinstance(values, dict):
            raise InputError(f"{where}: expected a JSON object, not {type(values).__name__}")
        counts = values.get("usage", values)
        if not isinstance(counts, dict):
            raise InputError(f"{where}: usage must be a JSON object")
        usage = Usage.from_mapping({key: value for key, value in counts.items() if key not in CALL_KEYS}, where)
        named = text_field(values, "model", where) or model
        if named is None:
            raise InputError(f"{where}: no model (give it on the line, or as MODEL_ID)")
        when = values.get("at", values.get("timestamp", at))
        if isinstance(when, int | float) and not isinstance(when, bool):
            from datetime import UTC, datetime

            when = datetime.fromtimestamp(when, UTC).isoformat()
        if when is not None and not isinstance(when, str):
            raise InputError(f"{where}: at must be an ISO 8601 date or date-time, or Unix seconds")
        yield Call(
            number,
            named,
            usage,
            text_field(values, "platform", where) or platform,
            when,
            text_field(values, "tier", where) or tier,
            text_field(values, "variant", where),
        )


def price_calls(index: PriceIndex, calls: Iterable[Call]) -> Iterator[Outcome]:
    """Price each call as it is read; an unknown model or a missing price is the call's error, not the run's."""
    from aimkg.cost.calculate import NoPriceError, UnknownModelError

    for call in calls:
        try:
            result = index.cost(
                call.model, call.usage, platform=call.platform, at=call.at, tier=call.tier, variant=call.variant
            )
        except (NoPriceError, UnknownModelError) as error:
            yield Outcome(call, None, str(error))
        else:
            yield Outcome(call, result, None)
