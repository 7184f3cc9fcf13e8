"""aimkg diff: two moments of a small repository's history, and two graph files, change by change."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from aimkg.cli import cli
from aimkg.core.errors import InputError
from aimkg.history.diff import Change, Timeline, diff, moment_of, render, sides
from tests.history.history_repo import build, write_history

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
MODELS_DEV = "models.dev catalog"


@pytest.fixture(scope="module")
def history_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reconciled graph of the test repository's whole history, as N-Triples."""
    folder = tmp_path_factory.mktemp("diff")
    return write_history(build(folder / "models.dev"), folder / "catalog.nt")


@needs_git
def test_a_correction_between_two_days_is_a_price_change(history_file: Path) -> None:
    old, new = sides("2026-06-02", "2026-06-04", [history_file])
    assert diff(old, new) == [
        Change("price", "changed", "abacus a-1", "InputTokens USD", "1.5", "1.2", "-20.0%", MODELS_DEV, "acme/a-1")
    ]


@needs_git
def test_a_merge_and_a_deletion_add_and_remove_versions_and_endpoints(history_file: Path) -> None:
    old, new = sides("2026-06-05", "2026-06-07", [history_file])
    changes = diff(old, new)
    assert changes == [
        Change("version", "added", "abacus--a-3", "A 3"),
        Change("version", "removed", "abacus--a-1", "A 1"),
        Change("endpoint", "added", "abacus--a-3", "abacus a-3"),
        Change("endpoint", "removed", "abacus--a-1", "abacus a-1"),
        Change("price", "changed", "abacus a-2", "InputTokens USD", "0.5", "0.6", "+20.0%", MODELS_DEV, "acme/a-2"),
    ]
    assert [change.iri.removeprefix("https://w3id.org/aimkg/id/") for change in changes] == [
        "version/abacus--a-3",
        "version/abacus--a-1",
        "endpoint/abacus--a-3",
        "endpoint/abacus--a-1",
        "endpoint/abacus--a-2",  # a price's subject: its endpoint
    ]


@needs_git
def test_a_moment_is_exact_to_the_second(history_file: Path) -> None:
    """The merge reached dev at 2026-06-06T16:00:00Z: a-3 is there from that second, not before."""
    before, at = sides("2026-06-06T15:59:59Z", "2026-06-06T16:00:00Z", [history_file])
    assert "abacus a-3" not in before.endpoints.values()
    assert "abacus a-3" in at.endpoints.values()


RELEASE_1 = """@prefix aimkg: <https://w3id.org/aimkg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ver: <https://w3id.org/aimkg/id/version/> .
@prefix ep: <https://w3id.org/aimkg/id/endpoint/> .
@prefix price: <https://w3id.org/aimkg/id/price/> .
@prefix source: <https://w3id.org/aimkg/id/source/> .
source:page-1 a aimkg:Source ; rdfs:label "Price page" ; aimkg:url "https://example.org/prices" .
ver:old a aimkg:Version ; rdfs:label "Old" ; aimkg:status aimkg:Active ; aimkg:inputModality aimkg:Text .
ep:p--old a aimkg:Endpoint ; aimkg:serves ver:old ; aimkg:modelId "old" ;
    aimkg:platform <https://w3id.org/aimkg/id/platform/p> .
price:old-input aimkg:endpoint ep:p--old ; aimkg:tokenKind aimkg:InputTokens ; aimkg:amount 2.00 ;
    aimkg:currency "USD" ; dcterms:source source:page-1 .
"""
RELEASE_2 = (
    RELEASE_1.replace("source:page-1", "source:page-2")
    .replace("2.00", "2.50")
    .replace("aimkg:status aimkg:Active", 'aimkg:status aimkg:Deprecated ; aimkg:retirementDate "2026-01-01"^^xsd:date')
    .replace("aimkg:inputModality aimkg:Text", "aimkg:inputModality aimkg:Text, aimkg:Image")
    + 'ver:new a aimkg:Version ; rdfs:label "New | Better" .\n'
)


@pytest.fixture
def releases(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "release-1.ttl", tmp_path / "release-2.ttl"
    old.write_text(RELEASE_1, encoding="utf-8")
    new.write_text(RELEASE_2, encoding="utf-8")
    return old, new


def test_two_releases_differ_in_every_kind_of_change(releases: tuple[Path, Path]) -> None:
    """A new source release of one catalog (same url) still matches its prices."""
    old, new = sides(*map(str, releases), [])
    assert diff(old, new) == [
        Change("version", "added", "new", "New | Better"),
        Change("price", "changed", "p old", "InputTokens USD", "2", "2.5", "+25.0%", "Price page"),
        Change("capability", "changed", "Old", "inputModality", "Text", "Image, Text"),
        Change("lifecycle", "changed", "Old", "retirementDate", "", "2026-01-01"),
        Change("lifecycle", "changed", "Old", "status", "Active", "Deprecated"),
    ]


def test_the_three_formats_are_deterministic_and_complete(releases: tuple[Path, Path]) -> None:
    old, new = sides(*map(str, releases), [])
    changes = diff(old, new)
    outputs = {fmt: render(changes, "r1", "r2", fmt) for fmt in ("text", "md", "json")}
    assert outputs == {fmt: render(diff(*sides(*map(str, releases), [])), "r1", "r2", fmt) for fmt in outputs}
    document = json.loads(outputs["json"])
    assert document["counts"] == {
        "capability facts changed": 1,
        "lifecycle facts changed": 2,
        "prices changed": 1,
        "versions added": 1,
    }
    assert len(document["changes"]) == 5
    assert [change["iri"].removeprefix("https://w3id.org/aimkg/id/") for change in document["changes"]] == [
        "version/new",
        "endpoint/p--old",  # a price's subject: its endpoint
        "version/old",
        "version/old",
        "version/old",
    ]
    assert "| added | new | New \\| Better |" in outputs["md"]  # a | in a label does not break the table
    assert "  changed  p old  InputTokens USD  2 -> 2.5  +25.0%  Price page" in outputs["text"].splitlines()


def test_no_changes_says_so(releases: tuple[Path, Path]) -> None:
    same = sides(str(releases[0]), str(releases[0]), [])
    assert render(diff(*same), "a", "a", "text") == "changes from a to a\n\nno changes\n"


@pytest.mark.parametrize(
    ("text", "moment"),
    [("2026-06-02", "2026-06-02T23:59:59Z"), ("2026-06-02T10:00:00Z", "2026-06-02T10:00:00Z"), ("x.ttl", None)],
)
def test_a_day_is_its_last_second(text: str, moment: str | None) -> None:
    assert moment_of(text) == moment


@pytest.mark.parametrize("text", ["2026-02-30", "2026-06-02T10:00:00"])
def test_bad_moments_are_refused(text: str) -> None:
    with pytest.raises(InputError):
        moment_of(text)


def test_the_cli_writes_json_to_a_file(releases: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "diff.json"
    result = CliRunner().invoke(cli, ["diff", *map(str, releases), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["counts"]["prices changed"] == 1


def test_the_cli_refuses_what_is_neither_a_file_nor_a_date(releases: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "diff.txt"
    result = CliRunner().invoke(cli, ["diff", str(releases[0]), "no-such-file", "-o", str(out)])
    assert result.exit_code == 2
    assert "no-such-file: neither an RDF file nor a date" in result.output
    assert not out.exists()


def test_a_graph_without_record_time_holds_at_any_moment(releases: tuple[Path, Path]) -> None:
    store = ox.Store()
    store.load(releases[0].read_bytes(), format=ox.RdfFormat.TURTLE)
    timeline = Timeline.read(store)
    assert timeline.at("then", "2000-01-01T00:00:00Z") == replace(timeline.at("now"), name="then")
    assert timeline.at("now").versions == {"https://w3id.org/aimkg/id/version/old": "Old"}


@needs_git
def test_a_timeline_keeps_one_object_per_repeated_text_and_source_set(history_file: Path) -> None:
    """The catalog's timeline names each node, source and date many times: one object each keeps it small."""
    store = ox.Store()
    store.load(history_file.read_bytes(), format=ox.RdfFormat.N_TRIPLES)
    timeline = Timeline.read(store)
    sets = list(timeline.sources.values())
    assert len({id(found) for found in sets}) == len(set(sets)) < len(sets)
    sources = [source for found in sets for source in found]
    assert len({id(source) for source in sources}) == len(set(sources)) < len(sources)
    before = dict(timeline.sources)
    timeline.at("now", "2026-06-04T00:00:00Z")
    assert timeline.sources == before  # reading a side adds no node
