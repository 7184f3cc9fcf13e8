"""with_history: a small repository's history as records and prices with exact record time."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from aimkg.core.terms import AIMKG
from aimkg.history.models_dev import extract
from aimkg.history.records import commits_at, history_source, with_history
from aimkg.history.store import write
from aimkg.sources.models_dev import ModelsDevImporter
from aimkg.sources.report import ImportResult
from aimkg.validate import validate_with_bundled
from tests.history.history_repo import Repo, build, catalog

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

C1, C2, C3 = "2026-06-01T02:00:00Z", "2026-06-03T17:00:00Z", "2026-06-03T19:00:00Z"
C4, C6, C7, C8 = "2026-06-04T12:00:00Z", "2026-06-05T12:00:00Z", "2026-06-06T16:00:00Z", "2026-06-07T00:00:00Z"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    return build(tmp_path_factory.mktemp("history") / "models.dev")


@pytest.fixture(scope="module")
def results(repo: Repo) -> list[ImportResult]:
    importer = ModelsDevImporter(repo.path, repo.shas["remove the a-2 base"])
    return with_history(importer.run(), extract(repo.path), importer)


def record_times(results: list[ImportResult]) -> set[tuple[object, ...]]:
    return {
        (
            result.source.slug,
            entry.key,
            entry.knowledge_cutoff and entry.knowledge_cutoff.value,
            entry.recorded_from,
            entry.recorded_until,
        )
        for result in results
        for entry in result.entries
    }


def price_times(results: list[ImportResult]) -> set[tuple[object, ...]]:
    """Each price with its record time, and the record (its key and start) that states it."""
    return {
        (entry.key, entry.recorded_from, price.kind, price.amount, price.recorded_from, price.recorded_until)
        for result in results
        for entry in result.entries
        for price in entry.prices
    }


def test_every_record_interval_exactly(results: list[ImportResult]) -> None:
    present, past = results[0].source.slug, results[1].source.slug
    assert past == history_source(results[0].source).slug != present
    assert record_times(results) == {
        # a-1 and its symbolic link: prices changed (a cut, then a correction); the record did not
        (past, "acme/a-1", None, C1, C8),
        (past, "alias/a-1", None, C1, C8),
        # the router's copy follows a-1 until its file is deleted; it stops inheriting a-1's reasoning
        # option (a capability) at the first commit that touches it after models.dev's rule changed
        (past, "router/acme/a-1", None, C1, C2),
        (past, "router/acme/a-1", None, C2, C6),
        # a-2 changes when its base record changes; the pinned file no longer reads (its base is
        # gone), so its last readable state stays open, from the history
        (past, "acme/a-2", "2025-01", C1, C4),
        (past, "acme/a-2", "2025-03", C4, None),
        # a-3 came with the merge, at the merge's time; the pinned snapshot still states it
        (present, "acme/a-3", None, C7, None),
    }


def test_every_price_interval_exactly(results: list[ImportResult]) -> None:
    one_and_a_half, one_and_a_quarter, one_point_two = Decimal("1.50"), Decimal("1.25"), Decimal("1.2")
    expected = set()
    for key, deleted, changed in (("acme/a-1", C8, C1), ("alias/a-1", C8, C1), ("router/acme/a-1", C6, C2)):
        output = Decimal("2.50") if key.startswith("router") else Decimal("2.00")
        expected |= {
            (key, C1, "InputTokens", one_and_a_half, C1, C2),
            (key, changed, "InputTokens", one_and_a_quarter, C2, C3),  # the correction is a change like any other
            (key, changed, "InputTokens", one_point_two, C3, deleted),  # deleting the file ends its prices
            (key, changed, "OutputTokens", output, C1, deleted),
        }
    expected |= {
        # 0.5 rewritten as 0.50 is no change; a price is stated by the record it ends in
        ("acme/a-2", C4, "InputTokens", Decimal("0.5"), C1, C7),
        ("acme/a-2", C4, "InputTokens", Decimal("0.6"), C7, None),
        ("acme/a-2", C4, "OutputTokens", Decimal("1"), C1, None),
        ("acme/a-3", C7, "InputTokens", Decimal("0"), C7, None),  # stated zeros are kept
        ("acme/a-3", C7, "OutputTokens", Decimal("0.0"), C7, None),
    }
    assert price_times(results) == expected


def test_a_capability_that_changes_ends_the_record(results: list[ImportResult]) -> None:
    by_key = {(entry.key, entry.recorded_from): entry for result in results for entry in result.entries}
    assert by_key["router/acme/a-1", C1].capabilities == {"ReasoningToggle": True}
    assert by_key["router/acme/a-1", C2].capabilities == {}
    assert by_key["acme/a-1", C1].capabilities == {"ReasoningToggle": True}


def test_every_interval_names_its_commits(repo: Repo, results: list[ImportResult]) -> None:
    sha = repo.shas
    by_key = {(entry.key, entry.recorded_from): entry for result in results for entry in result.entries}
    a1 = by_key["acme/a-1", C1]
    assert (a1.from_commit, a1.until_commit) == (sha["add acme"], sha["remove a-1"])
    a3 = by_key["acme/a-3", C7]
    assert (a3.from_commit, a3.until_commit) == (sha["Merge branch 'side'"], None)
    cut = next(price for price in a1.prices if price.amount == Decimal("1.25"))
    assert (cut.from_commit, cut.until_commit) == (sha["cut a-1 price"], sha["fix a-1 price"])


def test_a_value_that_comes_back_is_a_new_interval(tmp_path: Path) -> None:
    repo = Repo(tmp_path)
    repo.git("init", "--quiet", "--initial-branch=dev")
    model = "providers/acme/models/b.toml"
    for day, price in (("01", "1"), ("02", "2"), ("03", "1")):
        repo.commit(f"b at {price}", f"2026-06-{day}T00:00:00+00:00", {model: f'name = "B"\n[cost]\ninput = {price}\n'})
    importer = ModelsDevImporter(repo.path)
    present, past = with_history(importer.run(), extract(repo.path), importer)
    assert past.entries == []
    assert [(p.amount, p.recorded_from, p.recorded_until) for p in present.entries[0].prices] == [
        (Decimal("1"), "2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z"),
        (Decimal("2"), "2026-06-02T00:00:00Z", "2026-06-03T00:00:00Z"),
        (Decimal("1"), "2026-06-03T00:00:00Z", None),
    ]


def test_a_history_file_gives_what_the_clone_gives(repo: Repo, tmp_path: Path) -> None:
    write(extract(repo.path), tmp_path / "history.jsonl.gz")
    assert list(commits_at(tmp_path / "history.jsonl.gz")) == list(commits_at(repo.path))


def test_the_graph_keeps_both_ends_and_both_commits(repo: Repo, results: list[ImportResult]) -> None:
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in catalog(results))
    rows = store.query(
        f"""SELECT ?amount ?from ?until ?fromCommit ?untilCommit ?source WHERE {{
            ?price <{AIMKG}amount> ?amount ; <{AIMKG}recordedFrom> ?from ; <{AIMKG}fromCommit> ?fromCommit ;
                <http://purl.org/dc/terms/source> ?source ; <{AIMKG}tokenKind> <{AIMKG}InputTokens> ;
                <{AIMKG}record>/<http://purl.org/dc/terms/identifier> "acme/a-1" .
            OPTIONAL {{ ?price <{AIMKG}recordedUntil> ?until }} OPTIONAL {{ ?price <{AIMKG}untilCommit> ?untilCommit }}
        }} ORDER BY ?from"""
    )
    found = [tuple(None if row[i] is None else row[i].value for i in range(6)) for row in rows]
    history = f"https://w3id.org/aimkg/id/source/{results[1].source.slug}"
    sha = repo.shas
    assert found == [
        ("1.5", C1, C2, sha["add acme"], sha["cut a-1 price"], history),
        ("1.25", C2, C3, sha["cut a-1 price"], sha["fix a-1 price"], history),
        ("1.2", C3, C8, sha["fix a-1 price"], sha["remove a-1"], history),
    ]
    times = {row[0].datatype for row in store.query(f"SELECT ?t WHERE {{ ?s <{AIMKG}recordedFrom> ?t }}")}
    assert times == {ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")}


def test_a_price_the_current_record_no_longer_states_has_a_node_of_its_own(tmp_path: Path) -> None:
    """The current record's closed price and the past record's price cite one history Source: two nodes."""
    repo = Repo(tmp_path)
    repo.git("init", "--quiet", "--initial-branch=dev")
    model = "providers/acme/models/b.toml"
    states = (("01", "B", "1"), ("02", "B 2", "3"), ("03", "B 2", "2"))  # the name and price change at once
    for day, name, price in states:
        repo.commit(day, f"2026-06-{day}T00:00:00+00:00", {model: f'name = "{name}"\n[cost]\ninput = {price}\n'})
    importer = ModelsDevImporter(repo.path)
    results = with_history(importer.run(), extract(repo.path), importer)
    triples = catalog(results)
    prices = {t.subject for t in triples if t.predicate == ox.NamedNode(f"{AIMKG}amount")}
    assert len(prices) == 3
    assert validate_with_bundled(triples).conforms
