"""Record time: from a catalog's commits to what each entry said, from when, until when.

DESIGN.md ("Catalog records, identity and history"): ``aimkg:recordedFrom`` is when the source
began stating a fact, ``aimkg:recordedUntil`` the first moment it no longer did (half-open; absent
while it still does), and a value that comes back later is a new node with an interval of its own.
Here that becomes:

- an entry's **state** is what one file said over an unbroken run of commits: its facts without
  the prices; a file's consecutive states with the same facts are one record, whatever happened
  to its prices meanwhile;
- each **price** (one kind, tier, prompt tier, date and hours of one entry) holds from the commit
  that brought its amount to the commit that changed or removed it; it is stated by the record of
  the state it began in;
- deleting a file, or a commit after which it no longer reads, ends its record and prices; a
  stated zero is a price like any other.

Times are the first-parent committer times in UTC that ``aimkg.history.models_dev`` gives; each
interval keeps the commits that opened and closed it, so the commit behind every interval can be
recovered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from aimkg.history.models_dev import Commit, Record
from aimkg.sources.records import Entry, Price


@dataclass(frozen=True)
class Span:
    """A half-open interval of record time, with the commits at its ends (``until`` None: still stated)."""

    since: str
    since_commit: str
    until: str | None = None
    until_commit: str | None = None


def spans(commits: Iterable[Commit]) -> Iterator[tuple[str, Record, Span]]:
    """Each file's effective records with the span each held, oldest first per file.

    A commit that leaves a file unreadable changes nothing (``Commit.invalid``): the record it had
    goes on.
    """
    open_: dict[str, tuple[Record, str, str]] = {}
    for commit in commits:
        for path in sorted(commit.changes):
            if path in open_:
                record, since, since_commit = open_.pop(path)
                yield path, record, Span(since, since_commit, commit.time, commit.sha)
            changed = commit.changes[path]
            if changed is not None:
                open_[path] = (changed, commit.time, commit.sha)
    for path in sorted(open_):
        record, since, since_commit = open_[path]
        yield path, record, Span(since, since_commit)


def price_key(price: Price) -> tuple[object, ...]:
    return (price.kind, price.tier, price.above, price.valid_from, price.hours)


def runs(states: list[tuple[Entry, Span]]) -> list[Entry]:
    """One file's states, oldest first, as records and prices with record time (see the module docstring).

    Each returned entry is one record: its facts, the span they held (``recorded_*``), and the prices
    that ended during that span (or, for the last, that it still states), each with its own span.
    """
    records: list[Entry] = []
    opened: dict[tuple[object, ...], tuple[Price, Span]] = {}  # a price's amount and since when

    def close(key: tuple[object, ...], until: str | None, until_commit: str | None) -> None:
        price, since = opened.pop(key)
        stated = replace(
            price,
            recorded_from=since.since,
            recorded_until=until,
            from_commit=since.since_commit,
            until_commit=until_commit,
        )
        records[-1].prices.append(stated)

    previous: Span | None = None
    for entry, span in states:
        contiguous = previous is not None and previous.until == span.since
        now = {price_key(price): price for price in entry.prices}
        for key in list(opened):  # what the file stops saying at this commit ends here, on the record so far
            if not contiguous or key not in now or now[key].amount != opened[key][0].amount:
                ended = previous if not contiguous else None
                close(key, ended.until if ended else span.since, ended.until_commit if ended else span.since_commit)
        facts = replace(entry, prices=[])
        if contiguous and same_facts(records[-1], facts):
            records[-1] = replace(records[-1], recorded_until=span.until, until_commit=span.until_commit)
        else:
            records.append(
                replace(
                    facts,
                    recorded_from=span.since,
                    from_commit=span.since_commit,
                    recorded_until=span.until,
                    until_commit=span.until_commit,
                )
            )
        for key, price in now.items():
            opened.setdefault(key, (price, span))
        previous = span
    for key in list(opened):
        close(key, previous.until if previous else None, previous.until_commit if previous else None)
    return records


UNTIMED: dict[str, Any] = {"recorded_from": None, "recorded_until": None, "from_commit": None, "until_commit": None}


def same_facts(record: Entry, state: Entry) -> bool:
    """Whether a state says what a record says, prices, record time and its provider's pages aside."""
    return replace(record, prices=[], doc_urls=[], **UNTIMED) == replace(state, prices=[], doc_urls=[], **UNTIMED)


def history_entries(commits: Iterable[Commit], entry_of: Callable[[str, Record, Span], Entry | None]) -> list[Entry]:
    """Every file's records and prices over the commits, with record time; ``entry_of`` reads one state."""
    states: dict[str, list[tuple[Entry, Span]]] = {}
    for path, record, span in spans(commits):
        entry = entry_of(path, record, span)
        if entry is not None:
            states.setdefault(path, []).append((entry, span))
    return [record for path in sorted(states) for record in runs(states[path])]
