"""The changes pages' periods and their Atom feed, on a small repository's history."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest

from aimkg.history.diff import Timeline
from aimkg.history.feed import ATOM, atom, periods
from tests.history.history_repo import Repo, build, cut_a3, history_triples

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture(scope="module")
def timeline(tmp_path_factory: pytest.TempPathFactory) -> Timeline:
    repo: Repo = build(tmp_path_factory.mktemp("feed") / "models.dev")
    cut_a3(repo)  # one more month: a-3's price change in July
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in history_triples(repo))
    return Timeline.read(store)


def test_one_period_per_month_up_to_the_last_record_time(timeline: Timeline) -> None:
    found = periods(timeline)
    assert [(p.month, p.since, p.until) for p in found] == [
        ("2026-06", "2026-05-31T23:59:59Z", "2026-06-30T23:59:59Z"),
        ("2026-07", "2026-06-30T23:59:59Z", "2026-07-10T09:00:00Z"),
    ]
    assert found[1].summary == "prices changed: 1"
    assert [(c.subject, c.old, c.new) for c in found[1].changes] == [("abacus a-3", "0", "0.5")]


def test_the_feed_is_atom_with_one_entry_per_period_newest_first(timeline: Timeline, tmp_path: Path) -> None:
    text = atom(periods(timeline), "https://example.org/aimkg/")
    assert text == atom(periods(timeline), "https://example.org/aimkg")  # the same bytes every time
    feed = ET.fromstring(text)
    entries = feed.findall(f"{{{ATOM}}}entry")
    assert [entry.findtext(f"{{{ATOM}}}id") for entry in entries] == [
        "https://example.org/aimkg/changes/2026-07.html",
        "https://example.org/aimkg/changes/2026-06.html",
    ]
    assert feed.findtext(f"{{{ATOM}}}updated") == "2026-07-10T09:00:00Z"
    assert entries[0].findtext(f"{{{ATOM}}}title") == "2026-07: prices changed: 1"


def test_a_graph_without_history_has_no_periods() -> None:
    assert periods(Timeline.read(ox.Store())) == []
    assert "<entry>" not in atom([], "https://example.org")
