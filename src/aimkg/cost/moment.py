"""When a call was made (``at=``), in the forms prices are compared with.

A price holds at a moment by its **valid time** where a source gives one (``aimkg:validFrom`` /
``aimkg:validThrough``, dates, inclusive, compared with the moment's UTC date); where it gives
none, by its **record time** once the graph carries it (``aimkg:recordedFrom`` /
``aimkg:recordedUntil``, half-open, compared with the moment itself); a price with neither holds
at any moment. A time-of-day price (``aimkg:validHours``, UTC) holds in its daily window.
"""

from datetime import UTC, date, datetime
from typing import NamedTuple

from aimkg.core.errors import InputError

#: The time of day a date alone stands for, where a price depends on the time of day.
NOON = "12:00"


class Moment(NamedTuple):
    """A moment as prices compare with it: UTC date and time of day, and the instant (ISO 8601 text)."""

    day: str  # YYYY-MM-DD
    time: str  # HH:MM
    instant: str  # YYYY-MM-DDTHH:MM:SS
    date_only: bool  # the caller gave a date: a time-of-day price is taken at NOON, with a warning

    @property
    def shown(self) -> str:
        """The moment as the caller gave it: a date, or the UTC date and time."""
        return self.day if self.date_only else f"{self.day}T{self.time}Z"


#: Moments already read from text or dates (a batch of calls repeats a few): at most MEMO of them.
MEMO = 4096
_READ: dict[str | date | datetime, Moment] = {}


def moment(at: str | date | datetime | None = None) -> Moment:
    """Read ``at``: None (now), a date, a datetime (naive is UTC) or ISO 8601 text (a date or a date-time).

    >>> moment("2025-06-09")
    Moment(day='2025-06-09', time='12:00', instant='2025-06-09T12:00:00', date_only=True)
    >>> moment("2025-06-09T18:30:00+02:00").instant
    '2025-06-09T16:30:00'
    """
    if at is None:
        return read(datetime.now(UTC))
    found = _READ.get(at)
    if found is None:
        if len(_READ) >= MEMO:
            _READ.clear()
        found = _READ[at] = read(parse(at) if isinstance(at, str) else at)
    return found


def read(at: date | datetime) -> Moment:
    """A date or datetime (naive is UTC) as a moment."""
    if not isinstance(at, datetime):
        return Moment(at.isoformat(), NOON, f"{at.isoformat()}T{NOON}:00", True)
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return Moment(at.date().isoformat(), f"{at.hour:02d}:{at.minute:02d}", at.isoformat(timespec="seconds"), False)


def parse(text: str) -> date | datetime:
    """A date (``2025-06-09``) or a date-time (``2025-06-09T18:30Z``, ``2025-06-09 18:30:00+02:00``)."""
    value = text.strip()
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        return datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise InputError(f"at: {text!r} is not a date (YYYY-MM-DD) or a date-time (YYYY-MM-DDTHH:MM[:SS][Z])") from None


def in_hours(window: str, clock: str) -> bool:
    """Tell whether a time of day (``HH:MM``) is in a daily window ``HH:MM-HH:MM`` (start in, end out; may wrap).

    >>> in_hours("16:30-00:30", "23:59"), in_hours("16:30-00:30", "00:30"), in_hours("00:30-16:30", "00:30")
    (True, False, True)
    """
    start, _, end = window.partition("-")
    if start <= end:
        return start <= clock < end
    return clock >= start or clock < end
