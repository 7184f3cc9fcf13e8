"""The catalog's changes, month by month: the periods the site's changes pages cover, and their Atom feed.

A period runs from the end of one month (UTC) to the end of the next, the last one to the latest
record time the graph holds (the pinned commit), so that each page is one ``aimkg diff`` between
two moments of record time. The feed (RFC 4287) has one entry per period, newest first; its
times are the periods' ends, never the time of the build, so the same graph gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from xml.sax.saxutils import escape

from aimkg.history.diff import Change, Timeline, counts, diff

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Period:
    """One month of record time and what changed in it."""

    month: str  # YYYY-MM
    since: str  # UTC moments: the end of the month before ...
    until: str  # ... and the end of this one (or the latest record time)
    changes: list[Change]

    @property
    def summary(self) -> str:
        found = counts(self.changes)
        return ", ".join(f"{name}: {count}" for name, count in found.items()) or "no changes"


def month_end(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def periods(timeline: Timeline) -> list[Period]:
    """Every month from the first record time to the last, oldest first (none without record time)."""
    moments = sorted(timeline.moments())
    if not moments:
        return []
    first, last = date.fromisoformat(moments[0][:10]), moments[-1]
    found = []
    since = f"{first - timedelta(days=first.day)}T23:59:59Z"  # the end of the month before the first change
    day = month_end(first)
    before = timeline.at(since, since)
    while since < last:
        until = min(f"{day}T23:59:59Z", last)
        after = timeline.at(until, until)  # the next month's start: each moment's side is read once
        found.append(Period(f"{day:%Y-%m}", since, until, diff(before, after)))
        since, before, day = until, after, month_end(day + timedelta(days=1))
    return found


def atom(found: list[Period], site_url: str, page: str = "changes/{month}.html") -> str:
    """The Atom feed of the periods: one entry each, linking to its page under ``site_url``."""
    base = site_url.rstrip("/")
    updated = found[-1].until if found else "1970-01-01T00:00:00Z"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM}">',
        "  <title>aimkg: what the catalogs changed</title>",
        f"  <id>{escape(base)}/changes/feed.atom</id>",
        f'  <link rel="self" href="{escape(base)}/changes/feed.atom"/>',
        f'  <link rel="alternate" href="{escape(base)}/changes/index.html"/>',
        f"  <updated>{updated}</updated>",
        "  <author><name>aimkg</name></author>",
    ]
    for period in reversed(found):
        url = f"{base}/{page.format(month=period.month)}"
        lines += [
            "  <entry>",
            f"    <title>{period.month}: {escape(period.summary)}</title>",
            f"    <id>{escape(url)}</id>",
            f'    <link rel="alternate" type="text/html" href="{escape(url)}"/>',
            f"    <updated>{period.until}</updated>",
            f"    <summary>From {period.since} to {period.until}: {escape(period.summary)}.</summary>",
            "  </entry>",
        ]
    return "\n".join([*lines, "</feed>"]) + "\n"
