"""The catalog build: stages keyed by their inputs, skipped when nothing changed, refused on a corrupt pin."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from aimkg.build.manifest import Manifest, write_manifest
from aimkg.build.pipeline import Pipeline
from aimkg.cli import cli
from aimkg.core.errors import InputError
from aimkg.core.resources import resource_root

PINNED = resource_root() / "upstream"


def pin(folder: Path, source: str) -> None:
    manifest = Manifest.read(PINNED / source)
    write_manifest(
        folder,
        name=manifest.name,
        upstream=manifest.upstream,
        version=manifest.version,
        date=manifest.date,
        retrieved_from="a subset of the pinned copy, for tests",
    )


@pytest.fixture
def upstream(tmp_path: Path) -> Path:
    """A small upstream/: the Mistral records of each pinned catalog, with their manifests."""
    root = tmp_path / "upstream"
    models_dev = root / "models-dev"
    shutil.copytree(PINNED / "models-dev" / "providers" / "mistral", models_dev / "providers" / "mistral")
    shutil.copytree(PINNED / "models-dev" / "models" / "mistral", models_dev / "models" / "mistral")
    shutil.copy(PINNED / "models-dev" / "LICENSE", models_dev / "LICENSE")
    litellm = json.loads((PINNED / "litellm" / "model_prices_and_context_window.json").read_text(encoding="utf-8"))
    (root / "litellm").mkdir()
    subset = {key: value for key, value in litellm.items() if value.get("litellm_provider") == "mistral"}
    (root / "litellm" / "model_prices_and_context_window.json").write_text(json.dumps(subset), encoding="utf-8")
    genai = json.loads((PINNED / "genai-prices" / "data.json").read_text(encoding="utf-8"))
    (root / "genai-prices").mkdir()
    (root / "genai-prices" / "data.json").write_text(json.dumps([p for p in genai if p["id"] == "mistral"]))
    for source in ("models-dev", "litellm", "genai-prices"):
        pin(root / source, source)
    return root


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
    with pytest.raises(InputError, match=r"genai-prices.*data\.json"):
        build(upstream, tmp_path)
    assert (tmp_path / "build" / "catalog.nt").read_bytes() == before


def test_the_cli_prints_each_stage(upstream: Path, tmp_path: Path) -> None:
    command = ["build", "--upstream", str(upstream), "--work", str(tmp_path / "build"), "-o", str(tmp_path / "dist")]
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 0, result.output
    assert [line.split(":")[0] for line in result.stderr.splitlines()] == ["catalog", "validate", "export"]
