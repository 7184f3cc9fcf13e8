"""The changes pages: what the catalogs changed, one page per month of record time, and their index.

Each month is one ``aimkg diff`` between two moments of record time (``aimkg.history.feed``
makes the periods and the Atom feed that announces them); its page lists the changes in tables,
one per kind of change (versions added, prices changed, ...) under a heading with its count,
in the order ``aimkg diff`` reports them, so a month of thousands of changes stays readable
without scripts. A subject links to its page where it is an entity of the site. A graph without
record time (no catalog imported with its history) has no months: its index says so.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from aimkg.history.diff import SECTIONS, Change, counts
from aimkg.history.feed import Period
from aimkg.publish.graph import SiteGraph
from aimkg.publish.views import Page, Value, View

CHANGES_INDEX = "changes/index.html"
FEED = "changes/feed.atom"
MONTH_PAGE = "changes/{month}.html"
FEED_TYPE = "application/atom+xml"
CHANGE_ORDER = ("added", "removed", "changed")
#: What an empty side of a change reads as: the fact had no value then.
NONE = "none"
NO_VALUE = "—"


def changes_pages(graph: SiteGraph, found: list[Period], pages: set[str]) -> list[Page]:
    """The changes index and one page per period; ``pages`` are the IRIs that have a page on the site."""
    index = View(graph, CHANGES_INDEX)
    months = []
    for period in reversed(found):
        months.append(
            {
                "month": Value(period.month, index.rel(MONTH_PAGE.format(month=period.month))),
                "total": len(period.changes),
                "summary": period.summary,
                "since": period.since,
                "until": period.until,
            }
        )
    data = {"months": months, "feed": index.rel(FEED), "home": index.rel("index.html")}
    result = [Page(CHANGES_INDEX, "What the catalogs changed", "changes.html", data)]
    for number, period in enumerate(found):
        before = found[number - 1].month if number > 0 else None
        after = found[number + 1].month if number + 1 < len(found) else None
        result.append(month_page(View(graph, MONTH_PAGE.format(month=period.month)), period, pages, before, after))
    return result


def month_page(view: View, period: Period, pages: set[str], before: str | None, after: str | None) -> Page:
    """One month's changes, a table per kind of change, with links to the months around it."""

    def month(name: str | None) -> Value | None:
        return None if name is None else Value(name, view.rel(MONTH_PAGE.format(month=name)))

    data = {
        "month": period.month,
        "since": period.since,
        "until": period.until,
        "summary": period.summary,
        "groups": groups(view, period.changes, pages),
        "before": month(before),
        "after": month(after),
        "index": view.rel(CHANGES_INDEX),
        "feed": view.rel(FEED),
    }
    return Page(MONTH_PAGE.format(month=period.month), f"Changes in {period.month}", "changes_month.html", data)


def groups(view: View, changes: list[Change], pages: set[str]) -> list[dict[str, Any]]:
    """The changes by kind (``aimkg diff``'s sections, then added, removed, changed), each with its count."""
    by_kind: dict[tuple[str, str], list[Change]] = defaultdict(list)
    for change in changes:
        by_kind[change.kind, change.change].append(change)
    named = counts(changes)
    found = []
    for kind, title in SECTIONS.items():
        for state in CHANGE_ORDER:
            chosen = by_kind.get((kind, state))
            if chosen:
                name = f"{title} {state}"
                found.append(
                    {
                        "title": name.capitalize(),
                        "ident": name.replace(" ", "-"),
                        "count": named[name],
                        "changed": state == "changed",
                        "rows": [row(view, item, pages) for item in chosen],
                    }
                )
    return found


def row(view: View, change: Change, pages: set[str]) -> dict[str, Any]:
    """One change as a table row: its subject linked to its page when it has one, and no blank cell."""
    href = view.href(change.iri) if change.iri in pages else None
    return {
        "subject": Value(change.subject, href),
        "what": change.what or NO_VALUE,
        "old": change.old or NONE,
        "new": change.new or NONE,
        "percent": change.percent or NO_VALUE,
        "percent_value": change.percent.rstrip("%"),  # what the table sorts by: none sorts last
        "catalog": change.catalog or NO_VALUE,
        "record": change.record,
    }
