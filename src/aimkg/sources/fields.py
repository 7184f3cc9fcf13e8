"""Read a catalog's field values with their expected types, naming file, entry and field in every error.

A value of the wrong type makes the input unusable (``InputError``, exit 2). A well-typed value
that is not a valid fact (a date of 2025-02-31) is reported as not mapped, and left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from aimkg.core.errors import InputError
from aimkg.io.vocab import typed
from aimkg.sources.report import ImportReport

PER_MILLION = 1_000_000
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: An http(s) URL: none of the characters RFC 3986 leaves out of URIs (spaces, double quotes, angle brackets, ...).
HTTP_URL = re.compile(r"https?://[^\s<>\"`{}|\\^]+")
YEAR_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")

#: Modality names the catalogs use, and the aimkg:Modality each means (by local name).
MODALITIES = {"text": "Text", "image": "Image", "audio": "Audio", "video": "Video", "pdf": "Pdf"}


#: How a field is read into one attribute of an Entry: the attribute, and the reader that checks the value.
Attribute = tuple[str, Callable[["FieldReader", str, Any], Any]]


def describe(value: Any, table: str = "a table") -> str:
    """Name a value the way the catalog's format would, for an error: ``string '0.1'``, ``a list``.

    ``table`` is what the format calls a mapping (TOML: a table, JSON: an object). Lists and
    mappings are not shown, as they can be whole entries.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return f"number {value}"
    if isinstance(value, str):
        return f"string {value!r}"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, dict):
        return table
    return f"{type(value).__name__} {value}"  # TOML dates and times


class FieldReader:
    """Reads the fields of one entry, naming its file and entry in every error.

    ``table`` is what the catalog's format calls a mapping, for messages.
    """

    def __init__(self, path: Path, entry: str, report: ImportReport, table: str = "a table") -> None:
        self.path = path
        self.entry = entry
        self.report = report
        self.table = table

    def error(self, message: str) -> InputError:
        return InputError(f"{self.path}: entry {self.entry!r}: {message}")

    def wrong(self, name: str | None, what: str, value: Any) -> InputError:
        """The error for a value that is not what was expected; a name of None means the entry itself."""
        field = "" if name is None else f"field {name!r}: "
        return self.error(f"{field}expected {what}, got {describe(value, self.table)}")

    def typed(self, name: str | None, value: Any, kind: type | tuple[type, ...], what: str) -> Any:
        """Return value when it has the expected type (bool is never a number), else fail."""
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            raise self.wrong(name, what, value)
        return value

    def text(self, name: str, value: Any) -> str:
        return str(self.typed(name, value, str, "a string"))

    def term(self, name: str, value: Any, terms: Mapping[str, str], missing: str) -> str | None:
        """Map a string to its controlled aimkg term; a string with no term is reported and left out."""
        text = self.text(name, value)
        if text not in terms:
            self.report.skip_field(self.entry, f"{name}={text}", missing)
        return terms.get(text)

    def flag(self, name: str, value: Any) -> bool:
        return bool(self.typed(name, value, bool, "true or false"))

    def strings(self, name: str, value: Any) -> list[str]:
        items = self.typed(name, value, list, "a list of strings")
        return [self.text(name, item) for item in items]

    def whole(self, name: str, value: Any, unit: str = "tokens") -> int:
        """A count: a whole number, which JSON may write with a fraction (256000.0); never negative."""
        what = f"a whole number of {unit}"
        number = self.typed(name, value, (int, Decimal), what)
        if isinstance(number, Decimal) and not (number.is_finite() and number == number.to_integral_value()):
            raise self.wrong(name, what, value)
        count = int(number)
        if count < 0:
            singular = unit.removesuffix("s")
            raise self.error(f"field {name!r}: {singular} count {count} is negative")
        return count

    def tokens(self, name: str, value: Any) -> int:
        """A token count: a whole number, which JSON may write with a fraction (256000.0)."""
        return self.whole(name, value, "tokens")

    def limit(self, name: str, value: Any, unit: str = "tokens") -> int | None:
        """A limit (tokens by default); 0 (a placeholder in both catalogs) is reported as out of scope, not mapped."""
        count = self.whole(name, value, unit)
        if count == 0:
            self.report.leave_out(self.entry, name, f"0 {unit} is a placeholder, not a limit")
            return None
        return count

    def attribute(self, entry: object, name: str, value: Any, attribute: Attribute) -> None:
        """Read a field into an attribute of the entry, with the reader its table names."""
        into, read = attribute
        setattr(entry, into, read(self, name, value))

    def url(self, name: str, value: Any) -> str | None:
        """A page the catalog cites: an http(s) URL; a string that is none is reported and left out."""
        text = self.text(name, value)
        if not HTTP_URL.fullmatch(text):
            self.report.skip_field(self.entry, name, "not an http(s) URL")
            return None
        return text

    def amount(self, name: str, value: Any) -> Decimal:
        """A price as an exact Decimal (JSON and TOML fractions are read as Decimal, never float)."""
        number = self.typed(name, value, (int, Decimal), "a number")
        amount = Decimal(number)
        if not amount.is_finite():
            raise self.error(f"field {name!r}: price {value} is not a finite number")
        if amount < 0:
            raise self.error(f"field {name!r}: price {value} is negative")
        return amount

    def day(self, name: str, value: Any) -> ox.Literal | None:
        """A YYYY-MM-DD date, nothing less precise."""
        return self.date(name, value, month_ok=False)

    def date(self, name: str, value: Any, month_ok: bool = True) -> ox.Literal | None:
        """A YYYY-MM-DD date as xsd:date, or (when allowed) a YYYY-MM month as xsd:gYearMonth."""
        expected = "a date string YYYY-MM-DD or YYYY-MM" if month_ok else "a date string YYYY-MM-DD"
        text = str(self.typed(name, value, str, expected))
        if DATE.fullmatch(text):
            try:
                date.fromisoformat(text)
            except ValueError:
                self.report.skip_field(self.entry, name, "not a calendar date")
                return None
            return typed(text, "date")
        if month_ok and YEAR_MONTH.fullmatch(text):
            return typed(text, "gYearMonth")
        raise self.wrong(name, expected, value)

    def modalities(self, name: str, value: Any) -> list[str]:
        """Map a list of modality names; report the ones aimkg has no term for."""
        mapped = []
        for item in self.strings(name, value):
            if item in MODALITIES:
                mapped.append(MODALITIES[item])
            else:
                self.report.skip_field(self.entry, f"{name}={item}", "no aimkg:Modality for this value")
        return mapped


#: The most digits after the point an xsd:decimal has as Oxigraph (and so pySHACL-turbo and the query engine) reads it.
MAX_FRACTION_DIGITS = 18


def per_units(amount: Decimal) -> tuple[Decimal, int]:
    """A price per one unit as an amount per 1, 1000, 1M, ... units: the fewest units that need no more than
    ``MAX_FRACTION_DIGITS`` digits after the point (a price per second of $0.0005666666666666667 is
    $0.5666666666666667 per 1000 seconds), so that every engine reads it exactly.

    >>> per_units(Decimal("0.04"))
    (Decimal('0.04'), 1)
    >>> per_units(Decimal("0.0005666666666666667"))
    (Decimal('0.5666666666666667'), 1000)
    """
    per = 1
    while fraction_digits(amount * per) > MAX_FRACTION_DIGITS and per < 10**12:
        per *= 1000
    return (amount * per).normalize() if per > 1 else amount, per


def fraction_digits(amount: Decimal) -> int:
    exponent = amount.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def per_million(per_token: Decimal) -> Decimal:
    """Convert a price per token into a price per 1M tokens, exactly."""
    return per_token * PER_MILLION
