"""Moments: when a call was made, as valid time (dates), time of day and record time compare with it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from aimkg.core.errors import InputError
from aimkg.cost.moment import NOON, in_hours, moment


def test_a_date_stands_for_its_noon_and_says_so() -> None:
    found = moment(date(2025, 6, 9))
    assert (found.day, found.time, found.date_only, found.shown) == ("2025-06-09", NOON, True, "2025-06-09")


@pytest.mark.parametrize(
    "given",
    [
        "2025-06-09T18:30:00+02:00",
        "2025-06-09T16:30Z",
        "2025-06-09 16:30:00",
        datetime(2025, 6, 9, 16, 30, tzinfo=UTC),
        datetime(2025, 6, 9, 18, 30, tzinfo=timezone(timedelta(hours=2))),
        datetime(2025, 6, 9, 16, 30),  # naive is UTC
    ],
)
def test_a_date_time_is_read_in_utc(given: str | datetime) -> None:
    found = moment(given)
    assert (found.day, found.time, found.instant, found.date_only) == (
        "2025-06-09",
        "16:30",
        "2025-06-09T16:30:00",
        False,
    )
    assert found.shown == "2025-06-09T16:30Z"


def test_a_moment_near_midnight_falls_on_its_utc_date() -> None:
    assert moment("2025-06-10T01:00:00+02:00").day == "2025-06-09"


def test_no_moment_is_now() -> None:
    before = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    found = datetime.fromisoformat(moment().instant)
    assert before <= found <= before + timedelta(seconds=5)


@pytest.mark.parametrize("text", ["yesterday", "2025-13-01", "2025-06-31", "06/09/2025", ""])
def test_a_moment_that_is_no_date_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="is not a date"):
        moment(text)


@pytest.mark.parametrize(
    ("window", "clock", "inside"),
    [
        ("00:30-16:30", "00:30", True),
        ("00:30-16:30", "16:29", True),
        ("00:30-16:30", "16:30", False),
        ("16:30-00:30", "16:30", True),
        ("16:30-00:30", "23:59", True),
        ("16:30-00:30", "00:00", True),
        ("16:30-00:30", "00:30", False),
        ("16:30-00:30", "12:00", False),
    ],
)
def test_a_daily_window_holds_its_start_not_its_end_and_may_wrap(window: str, clock: str, inside: bool) -> None:
    assert in_hours(window, clock) is inside
