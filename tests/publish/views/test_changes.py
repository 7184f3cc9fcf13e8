"""The changes pages' view model: one page per month of record time, its changes grouped by kind."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from aimkg.history.diff import Change, Timeline
from aimkg.history.feed import Period, periods
from aimkg.io.read import bundled_files
from aimkg.publish.graph import SiteGraph, lexical_store
from aimkg.publish.views import Page, Value, View
from aimkg.publish.views.changes import changes_pages, groups, row

ENDPOINT_A3 = "https://w3id.org/aimkg/id/endpoint/abacus--a-3"


@pytest.fixture(scope="module")
def store(history_catalog: Path) -> ox.Store:
    return lexical_store([*bundled_files(), history_catalog])


@pytest.fixture(scope="module")
def graph(store: ox.Store) -> SiteGraph:
    return SiteGraph.of(store)


@pytest.fixture(scope="module")
def found(store: ox.Store) -> list[Period]:
    return periods(Timeline.read(store))


@pytest.fixture(scope="module")
def pages(graph: SiteGraph, found: list[Period]) -> dict[str, Page]:
    return {page.path: page for page in changes_pages(graph, found, {e.iri for e in graph.entities()})}


def test_an_index_and_one_page_per_month(pages: dict[str, Page]) -> None:
    assert list(pages) == ["changes/index.html", "changes/2026-06.html", "changes/2026-07.html"]
    months = pages["changes/index.html"].data["months"]
    assert [(m["month"], m["total"], m["summary"]) for m in months] == [
        (Value("2026-07", "2026-07.html"), 1, "prices changed: 1"),
        (Value("2026-06", "2026-06.html"), 4, "endpoints added: 2, versions added: 2"),
    ]
    assert pages["changes/index.html"].data["feed"] == "feed.atom"


def test_a_month_groups_its_changes_by_kind_with_counts(pages: dict[str, Page]) -> None:
    june = pages["changes/2026-06.html"].data
    assert [(g["title"], g["ident"], g["count"], g["changed"]) for g in june["groups"]] == [
        ("Versions added", "versions-added", 2, False),
        ("Endpoints added", "endpoints-added", 2, False),
    ]
    assert [(r["subject"], r["what"]) for r in june["groups"][0]["rows"]] == [
        (Value("abacus--a-2", "../id/version/abacus--a-2.html"), "A 2"),
        (Value("abacus--a-3", "../id/version/abacus--a-3.html"), "A 3"),
    ]
    assert (june["before"], june["after"]) == (None, Value("2026-07", "2026-07.html"))


def test_a_price_change_reads_old_and_new_amounts_and_links_its_endpoint(pages: dict[str, Page]) -> None:
    july = pages["changes/2026-07.html"].data
    assert (july["since"], july["until"]) == ("2026-06-30T23:59:59Z", "2026-07-10T09:00:00Z")
    [prices] = july["groups"]
    assert (prices["title"], prices["count"], prices["changed"]) == ("Prices changed", 1, True)
    assert prices["rows"] == [
        {
            "subject": Value("abacus a-3", "../id/endpoint/abacus--a-3.html"),
            "what": "OutputTokens USD",
            "old": "0",
            "new": "0.5",
            "percent": "—",  # from zero: no change in per cent
            "percent_value": "",
            "catalog": "models.dev catalog",
            "record": "acme/a-3",
        }
    ]


def test_a_subject_without_a_page_is_not_linked(graph: SiteGraph) -> None:
    view = View(graph, "changes/2026-07.html")
    change = Change("price", "changed", "abacus a-3", "InputTokens USD", "1", "1.5", "+50.0%", "c", iri=ENDPOINT_A3)
    assert row(view, change, set())["subject"] == Value("abacus a-3")
    assert row(view, change, {ENDPOINT_A3})["subject"].href == "../id/endpoint/abacus--a-3.html"
    assert row(view, change, set())["percent_value"] == "+50.0"


def test_groups_follow_the_diffs_sections_whatever_the_order_of_changes(graph: SiteGraph) -> None:
    view = View(graph, "changes/2026-07.html")
    changes = [
        Change("capability", "changed", "x", "supports"),
        Change("endpoint", "removed", "e"),
        Change("price", "changed", "p"),
        Change("endpoint", "added", "e2"),
        Change("endpoint", "removed", "e3"),
    ]
    assert [(g["title"], g["count"]) for g in groups(view, changes, set())] == [
        ("Endpoints added", 1),
        ("Endpoints removed", 2),
        ("Prices changed", 1),
        ("Capability facts changed", 1),
    ]


def test_without_record_time_there_is_only_the_index(graph: SiteGraph) -> None:
    [index] = changes_pages(graph, [], set())
    assert (index.path, index.data["months"]) == ("changes/index.html", [])
