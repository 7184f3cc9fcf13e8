"""Write costs for people (a table) and for programs (JSON, CSV): one call, every platform, a batch.

Money is written exactly, as the decimal it is (``4.125``, never ``4.1250000`` or a float's
``4.1249999``); in JSON it is a number, written from the decimal's digits. Entities are IRIs in
JSON and CSV, slugs in tables.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from aimkg.cost.results import CostResult, Line
from aimkg.cost.usage import USAGE_KINDS

if TYPE_CHECKING:  # a single call needs no batch machinery
    from aimkg.cost.batch import Outcome, Totals

#: The order lines are shown in: prompt tokens, generated tokens, then units; any other kind by name after.
DISPLAY = (
    "input_tokens",
    "cache_read_tokens",
    "cache_write_tokens",
    "cache_write_5m_tokens",
    "cache_write_1h_tokens",
    "input_audio_tokens",
    "input_image_tokens",
    "output_tokens",
    "reasoning_tokens",
    "output_audio_tokens",
    "output_image_tokens",
    "requests",
    "web_searches",
)
LINE_ORDER = {USAGE_KINDS[name]: place for place, name in enumerate(DISPLAY)}
#: Marks a decimal inside JSON text until it is written as a number.
NUMBER = re.compile(r'"\\u0000aimkg-decimal:(-?[0-9.]+)"')


def money(value: Decimal) -> str:
    """A decimal's exact value, without trailing zeros or an exponent: ``Decimal("4.1250000")`` → ``4.125``."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def ordered(lines: Iterable[Line]) -> list[Line]:
    return sorted(lines, key=lambda line: (LINE_ORDER.get(line.kind, len(LINE_ORDER)), line.kind))


def json_text(value: Any) -> str:
    """JSON with every Decimal written as a number from its own digits (exact, not through a float)."""

    def marked(item: Any) -> Any:
        if isinstance(item, Decimal):
            return "\0aimkg-decimal:" + money(item)
        if isinstance(item, dict):
            return {key: marked(inner) for key, inner in item.items()}
        if isinstance(item, list | tuple):
            return [marked(inner) for inner in item]
        return item

    return NUMBER.sub(r"\1", json.dumps(marked(value), ensure_ascii=False))


def per(line: Line) -> str:
    """A price's unit: ``/ 1M`` tokens, ``/ 1K`` requests."""
    for size, name in ((1_000_000_000, "G"), (1_000_000, "M"), (1_000, "K")):
        if line.per == size:
            return f"/ 1{name}"
    return f"/ {line.per}"


def described(line: Line) -> str:
    """What a line's price is: its tier and context tier, where it has them."""
    found = [line.tier.lower()] if line.tier else []
    if line.above is not None:
        found.append(f"above {line.above:,} prompt tokens")
    return f" ({', '.join(found)})" if found else ""


def grid(rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> list[str]:
    """Rows as aligned columns; the columns numbered in ``right`` are right-aligned."""
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return [
        "  ".join(
            cell.rjust(width) if column in right else cell.ljust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


def record_name(source: str, key: str | None, variant: str | None) -> str:
    name = source if key is None else f"{source} {key}"
    return name if variant is None else f"{name} ({variant})"


def table(result: CostResult) -> str:
    """One call's cost for people: what was priced, a line per part, the total, whose prices, what else."""
    head = (
        f"{result.model_id} on {result.platform or 'no platform'} (model ID {result.served_id}, "
        f"version {result.version}): {money(result.total)} {result.currency}"
    )
    when = (
        f"at {result.at.shown}, {result.tier} tier, prices of {record_name(result.source, result.key, result.variant)}"
    )
    rows = [["part", "quantity", "price", "cost"]]
    for line in ordered(result.lines):
        price = f"{money(line.amount)} {line.currency} {per(line)}{described(line)}"
        rows.append([line.label, f"{line.quantity:,}", price, money(line.cost)])
    rows.append(["total", "", "", f"{money(result.total)} {result.currency}"])
    text = [head, when, "", *grid(rows, right=(1, 3))]
    if result.alternatives:
        text.append("")
        verdict = "every source agrees" if result.agreed else "the sources disagree"
        text.append(f"alternatives ({verdict}):")
        for other in result.alternatives:
            same = "same" if other.total == result.total else "differs"
            name = record_name(other.source, other.key, other.variant)
            text.append(f"  {name}: {money(other.total)} {other.currency} ({same})")
    text.extend(f"warning: {warning}" for warning in result.warnings)
    text.extend(f"note: {note}" for note in result.notes)
    return "\n".join(text) + "\n"


def lines_csv(result: CostResult) -> str:
    """One call's cost as CSV: a row per part, then the total's row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["part", "kind", "quantity", "price", "per", "currency", "cost", "price_spec", "source"])
    source = f"https://w3id.org/aimkg/id/source/{result.source}"
    for line in ordered(result.lines):
        writer.writerow(
            [
                line.label,
                line.kind,
                line.quantity,
                money(line.amount),
                line.per,
                line.currency,
                money(line.cost),
                line.price_iri,
                source,
            ]
        )
    writer.writerow(["total", "", "", "", "", result.currency, money(result.total), "", source])
    return out.getvalue()


def single(result: CostResult, output_format: str) -> str:
    """One call's cost in a format: ``table``, ``json`` or ``csv``."""
    if output_format == "json":
        return json_text(result.to_dict()) + "\n"
    if output_format == "csv":
        return lines_csv(result)
    return table(result)


def everywhere(results: list[CostResult], unpriced: list[str], output_format: str) -> str:
    """The cost on every platform, cheapest first, in a format; the endpoints with no price after."""
    if output_format == "json":
        found = {"results": [result.to_dict() for result in results], "unpriced": unpriced}
        return json_text(found) + "\n"
    columns = ["platform", "model ID", "total", "currency", "source", "sources agree"]
    rows = [
        [
            result.platform or "",
            result.served_id,
            money(result.total),
            result.currency,
            record_name(result.source, result.key, result.variant),
            "yes" if result.agreed else "no",
        ]
        for result in results
    ]
    if output_format == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["platform", "model_id", "total", "currency", "source", "key", "agreed", "endpoint"])
        for result in results:
            writer.writerow(
                [
                    result.platform or "",
                    result.served_id,
                    money(result.total),
                    result.currency,
                    f"https://w3id.org/aimkg/id/source/{result.source}",
                    result.key or "",
                    "true" if result.agreed else "false",
                    result.endpoint_iri,
                ]
            )
        return out.getvalue()
    first = results[0] if results else None
    head = (
        "" if first is None else f"version {first.version}, at {first.at.shown}, {first.tier} tier; cheapest first\n\n"
    )
    text = head + "\n".join(grid([columns, *rows], right=(2,))) + "\n"
    if unpriced:
        text += f"no price at this moment: {', '.join(unpriced)}\n"
    for warning in dict.fromkeys(warning for result in results for warning in result.warnings):
        text += f"warning: {warning}\n"
    return text


#: A table row of a batch: aligned for the usual widths, written as each call is priced.
BATCH_ROW = "{:>5}  {:<32}  {:<16}  {:>12} {:<4}  {} {}"
BATCH_COLUMNS = ["line", "model", "platform", "model_id", "total", "currency", "source", "key", "error"]


def batch(outcomes: Iterable[Outcome], totals: Totals, output_format: str) -> Iterator[str]:
    """Each call's cost as it is priced, then the totals: a row (or JSON line) at a time."""
    if output_format == "csv":
        yield ",".join(BATCH_COLUMNS) + "\n"
    elif output_format == "table":
        yield BATCH_ROW.format("line", "model", "platform", "total", "", "source", "").rstrip() + "\n"
    for outcome in outcomes:
        totals.add(outcome)
        yield batch_row(outcome, output_format)
    yield batch_total(totals, output_format)


def batch_row(outcome: Outcome, output_format: str) -> str:
    call, result = outcome.call, outcome.result
    if output_format == "json":
        found: dict[str, Any] = {"line": call.line, "model": call.model}
        if result is None:
            found["error"] = outcome.error
        else:
            found.update(result.to_dict())
        return json_text(found) + "\n"
    cells: list[str] = [str(call.line), call.model]
    if result is None:
        cells += [call.platform or "", "", "", "", "", "", outcome.error or ""]
    else:
        cells += [
            result.platform or "",
            result.served_id,
            money(result.total),
            result.currency,
            result.source,
            result.key or "",
            "",
        ]
    if output_format == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow(cells)
        return out.getvalue()
    if result is None:
        return f"{call.line:>5}  {call.model:<32}  no price: {outcome.error}\n"
    return BATCH_ROW.format(*cells[:3], *cells[4:8]).rstrip() + "\n"


def batch_total(totals: Totals, output_format: str) -> str:
    """The totals' row: one amount per currency, and how many calls were priced."""
    if output_format == "json":
        amounts = totals.amounts
        found: dict[str, Any] = {"total": None, "currency": None}
        if len(amounts) == 1:
            currency, amount = next(iter(amounts.items()))
            found = {"total": amount, "currency": currency}
        found.update({"totals": amounts, "priced": totals.priced, "unpriced": totals.unpriced})
        return json_text(found) + "\n"
    if output_format == "csv":
        rows = [
            ["total", "", "", "", money(amount), currency, "", "", ""] for currency, amount in totals.amounts.items()
        ]
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows or [["total", "", "", "", "0", "", "", "", ""]])
        return out.getvalue()
    summed = ", ".join(f"{money(amount)} {currency}" for currency, amount in totals.amounts.items()) or "0"
    unpriced = f"; {totals.unpriced} not priced" if totals.unpriced else ""
    return f"total  {summed}  ({totals.priced} calls priced{unpriced})\n"
