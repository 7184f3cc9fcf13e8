"""The catalog build: stages keyed by their inputs, skipped when nothing changed, refused on a corrupt pin."""

from __future__ import annotations

import gc
import json
import os
import shutil
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from aimkg.build import pipeline as pipeline_module
from aimkg.build.pipeline import Pipeline, StageError, code_files
from aimkg.cli import cli
from aimkg.core.resources import bundled_files
from aimkg.validate import ValidationReport, ValidationResult
from tests.helpers.catalogs import pin, pinned_subset


@pytest.fixture
def upstream(tmp_path: Path) -> Path:
    """A small upstream/: the Mistral records of each pinned catalog, with their manifests."""
    return pinned_subset(tmp_path / "upstream")


def build(upstream: Path, tmp_path: Path) -> list[str]:
    return Pipeline(upstream, tmp_path / "build", tmp_path / "dist").run().lines()


def test_a_build_writes_the_catalog_its_report_and_every_export(upstream: Path, tmp_path: Path) -> None:
    lines = build(upstream, tmp_path)
    assert [line.split(":")[0] + ":" + line.split(":")[1].split("(")[0] for line in lines] == [
        "catalog: built ",
        "validate: built ",
        "export: built ",
    ]
    catalog = (tmp_path / "build" / "catalog.nt").read_text(encoding="utf-8")
    assert "<https://w3id.org/aimkg/id/endpoint/la-plateforme--mistral-medium-2508>" in catalog
    report = json.loads((tmp_path / "build" / "reconcile-report.json").read_text(encoding="utf-8"))
    assert set(report["catalogs"]) == {"models-dev", "genai-prices", "litellm"}
    assert sorted(path.name for path in (tmp_path / "dist").iterdir()) == [
        "aimkg.framed.jsonld",
        "aimkg.jsonld",
        "aimkg.nq",
        "aimkg.nt",
        "aimkg.trig",
        "aimkg.ttl",
        "context.jsonld",
        "croissant.jsonld",
        "void.ttl",
    ]


def test_a_second_build_with_nothing_changed_runs_no_stage(upstream: Path, tmp_path: Path) -> None:
    build(upstream, tmp_path)
    before = {path: path.stat().st_mtime_ns for path in (tmp_path / "dist").iterdir()}
    assert build(upstream, tmp_path) == [f"{stage}: up to date (0.0 s)" for stage in ("catalog", "validate", "export")]
    assert {path: path.stat().st_mtime_ns for path in (tmp_path / "dist").iterdir()} == before


def test_a_changed_catalog_rebuilds_the_stages_after_it(upstream: Path, tmp_path: Path) -> None:
    build(upstream, tmp_path)
    path = upstream / "litellm" / "model_prices_and_context_window.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["mistral/mistral-small-2603"]["input_cost_per_token"] = 5e-07
    path.write_text(json.dumps(data), encoding="utf-8")
    pin(upstream / "litellm", "litellm")
    assert [line.split(" (")[0] for line in build(upstream, tmp_path)] == [
        "catalog: built",
        "validate: built",
        "export: built",
    ]
    assert '"0.5"^^' in (tmp_path / "dist" / "aimkg.nt").read_text(encoding="utf-8")


def test_a_pinned_file_that_fails_its_checksum_stops_the_build(upstream: Path, tmp_path: Path) -> None:
    build(upstream, tmp_path)
    before = (tmp_path / "build" / "catalog.nt").read_bytes()
    (upstream / "genai-prices" / "data.json").write_text("[]")
    with pytest.raises(StageError, match=r"^build stage upstream failed: .*genai-prices.*data\.json") as raised:
        build(upstream, tmp_path)
    assert raised.value.exit_code == 2
    assert (tmp_path / "build" / "catalog.nt").read_bytes() == before


def test_the_cli_prints_each_stage(upstream: Path, tmp_path: Path) -> None:
    command = ["build", "--upstream", str(upstream), "--work", str(tmp_path / "build"), "-o", str(tmp_path / "dist")]
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 0, result.output
    assert [line.split(":")[0] for line in result.stderr.splitlines()] == ["catalog", "validate", "export"]


def test_a_rebuilt_dist_keeps_its_unchanged_files_and_the_files_it_does_not_write(
    upstream: Path, tmp_path: Path
) -> None:
    build(upstream, tmp_path)
    dist = tmp_path / "dist"
    (dist / "README.txt").write_text("kept\n", encoding="utf-8")
    unchanged = (dist / "context.jsonld").stat()
    path = upstream / "litellm" / "model_prices_and_context_window.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["mistral/mistral-small-2603"]["input_cost_per_token"] = 5e-07
    path.write_text(json.dumps(data), encoding="utf-8")
    pin(upstream / "litellm", "litellm")
    before = (dist / "aimkg.nt").read_bytes()
    build(upstream, tmp_path)
    assert (dist / "aimkg.nt").read_bytes() != before
    assert (dist / "README.txt").read_text(encoding="utf-8") == "kept\n"
    kept = (dist / "context.jsonld").stat()
    assert (kept.st_ino, kept.st_mtime_ns) == (unchanged.st_ino, unchanged.st_mtime_ns)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["build", "dist", "upstream"]  # no staging left
    assert sorted(path.name for path in (tmp_path / "build").iterdir()) == [
        ".lock",
        "catalog.json",
        "catalog.nt",
        "export.json",
        "reconcile-report.json",
        "validate.json",
    ]


def test_a_catalog_that_does_not_conform_is_never_put_in_place(
    upstream: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(upstream, tmp_path)
    before = (tmp_path / "build" / "catalog.nt").read_bytes()
    (upstream / "litellm" / "model_prices_and_context_window.json").write_text("{}", encoding="utf-8")
    pin(upstream / "litellm", "litellm")
    validation = sys.modules["aimkg.validate"]  # the module: the package's ``validate`` is a function
    monkeypatch.setattr(validation, "validate_built_catalog", lambda *args: ValidationReport([VIOLATION]))
    with pytest.raises(StageError, match=r"^build stage validate failed: the built catalog does not conform") as raised:
        build(upstream, tmp_path)
    assert raised.value.exit_code == 1
    assert (tmp_path / "build" / "catalog.nt").read_bytes() == before
    assert not (tmp_path / "build" / ".next").exists()


VIOLATION = ValidationResult("https://w3id.org/aimkg/id/version/x", "Violation", None, None, "wrong", "sh:x", "s")


def test_the_validation_runs_beside_the_export(upstream: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each stage waits for the other to have begun: run one after the other, the first would time out."""
    begun = {"validate": threading.Event(), "export": threading.Event()}

    def meets(stage: str, other: str, run: Callable[..., None]) -> Callable[..., None]:
        def run_when_both_have_begun(self: Pipeline, *args: object) -> None:
            begun[stage].set()
            assert begun[other].wait(timeout=60), f"{other} did not begin while {stage} ran"
            run(self, *args)

        return run_when_both_have_begun

    monkeypatch.setattr(Pipeline, "validate", meets("validate", "export", Pipeline.validate))
    monkeypatch.setattr(Pipeline, "export", meets("export", "validate", Pipeline.export))
    assert [line.split(":")[0] for line in build(upstream, tmp_path)] == ["catalog", "validate", "export"]
    assert (tmp_path / "build" / "validate.json").is_file()


def test_an_export_that_fails_fails_the_build_without_waiting_for_the_validation(
    upstream: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()  # set only once the build has failed: a build that waits for it fails otherwise

    def validate(self: Pipeline) -> None:
        if not release.wait(timeout=60):
            raise AssertionError("the build waited for the validation")

    monkeypatch.setattr(Pipeline, "validate", validate)

    def export(self: Pipeline, graph: list[Path]) -> None:
        raise OSError(28, "No space left on device", str(self.staged_dist / "aimkg.nt"))

    monkeypatch.setattr(Pipeline, "export", export)
    try:
        with pytest.raises(StageError, match=r"^build stage export failed: .*aimkg.nt: No space left on device$"):
            build(upstream, tmp_path)
    finally:
        release.set()
    assert not (tmp_path / "build" / ".next").exists()
    assert not (tmp_path / "dist").exists()


def test_the_stages_run_without_the_cycle_collector_and_it_is_back_after(
    upstream: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = []
    build_catalog = Pipeline.build_catalog

    def noting(self: Pipeline) -> None:
        seen.append(gc.isenabled())
        build_catalog(self)

    monkeypatch.setattr(Pipeline, "build_catalog", noting)
    build(upstream, tmp_path)
    assert seen == [False]
    assert gc.isenabled()


def test_an_export_of_the_catalog_built_in_the_same_run_is_the_export_of_its_file(
    upstream: Path, tmp_path: Path
) -> None:
    """The export takes the triples the catalog stage made; read back from build/catalog.nt, the same bytes."""
    build(upstream, tmp_path)
    dist = tmp_path / "dist"
    made = {path.name: path.read_bytes() for path in dist.iterdir()}
    shutil.rmtree(dist)
    assert build(upstream, tmp_path)[:2] == ["catalog: up to date (0.0 s)", "validate: up to date (0.0 s)"]
    assert {path.name: path.read_bytes() for path in dist.iterdir()} == made


def test_the_code_a_stage_runs_is_among_its_inputs() -> None:
    package = Path(pipeline_module.__file__).resolve().parents[1]
    assert code_files("validate.py") == [package / "validate.py"]
    assert package / "io" / "read.py" in code_files("io")


# ---------------------------------------------------------------- the exports a site takes from dist/


def graph(tmp_path: Path) -> list[Path]:
    """The build's graph, as ``aimkg site --catalog`` reads it: the bundled files, then the catalog."""
    return [*bundled_files(), tmp_path / "build" / "catalog.nt"]


def taken(upstream: Path, tmp_path: Path, sources: list[Path], dist: str = "dist") -> bool:
    return Pipeline(upstream, tmp_path / "build", tmp_path / dist).take_exports(sources, tmp_path / "taken")


def test_the_exports_of_the_builds_graph_are_linked_from_dist(upstream: Path, tmp_path: Path) -> None:
    build(upstream, tmp_path)
    (tmp_path / "dist" / "README.txt").write_text("not an export\n", encoding="utf-8")
    assert taken(upstream, tmp_path, graph(tmp_path))
    names = sorted(path.name for path in (tmp_path / "taken").iterdir())
    assert names == sorted(path.name for path in (tmp_path / "dist").iterdir() if path.name != "README.txt")
    assert all((tmp_path / "taken" / name).samefile(tmp_path / "dist" / name) for name in names)


@pytest.mark.parametrize(
    "change",
    [
        "catalog written since",
        "record of other inputs",
        "no record",
        "no dist",
        "an export missing",
        "dist exported elsewhere since",
        "bundled files in another order",
        "another file added",
        "the curated graph",
    ],
)
def test_exports_that_are_not_those_of_the_sources_are_not_taken(upstream: Path, tmp_path: Path, change: str) -> None:
    build(upstream, tmp_path)
    sources = graph(tmp_path)
    catalog, record = tmp_path / "build" / "catalog.nt", tmp_path / "build" / "export.json"
    if change == "catalog written since":  # e.g. by `aimkg reconcile -o build/catalog.nt`
        catalog.write_bytes(catalog.read_bytes() + b"<https://example.org/s> <https://example.org/p> 1 .\n")
    elif change == "record of other inputs":
        record.write_text(json.dumps({"inputs": "0" * 64}), encoding="utf-8")
    elif change == "no record":
        record.unlink()
    elif change == "no dist":
        shutil.rmtree(tmp_path / "dist")
    elif change == "an export missing":
        (tmp_path / "dist" / "aimkg.nq").unlink()
    elif change == "dist exported elsewhere since":
        Pipeline(upstream, tmp_path / "build", tmp_path / "elsewhere").run()
        assert taken(upstream, tmp_path, sources, "elsewhere")
        shutil.rmtree(tmp_path / "taken")
    elif change == "bundled files in another order":
        sources = [*bundled_files()[::-1], catalog]
    elif change == "another file added":
        sources = [*sources, Path(bundled_files()[0])]
    else:
        sources = bundled_files()
    assert not taken(upstream, tmp_path, sources)


@pytest.mark.parametrize("commit", ["dist swapped", "record written"])
def test_exports_a_build_commits_over_while_they_are_linked_are_not_taken(
    upstream: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, commit: str
) -> None:
    """A build commits by renames, dist/ first and its record last: either, between two links, gives False."""
    build(upstream, tmp_path)
    dist, record = tmp_path / "dist", tmp_path / "build" / "export.json"
    link = os.link

    def committing(*args: object, **kwargs: object) -> None:
        link(*args, **kwargs)  # type: ignore[arg-type]
        if commit == "dist swapped" and not (tmp_path / "old").exists():
            shutil.copytree(dist, tmp_path / "next")
            dist.rename(tmp_path / "old")
            (tmp_path / "next").rename(dist)
        elif commit == "record written":
            record.write_text(json.dumps({"inputs": "0" * 64}), encoding="utf-8")

    monkeypatch.setattr(os, "link", committing)
    assert not taken(upstream, tmp_path, graph(tmp_path))
