"""The Croissant description passes MLCommons' own validator, and ML tools can load its records."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from aimkg.export.croissant import CONFORMS_TO, CONTEXT, CROISSANT_FILE, FRAMED_AS_JSON, Described, croissant


@pytest.fixture
def folder(tmp_path: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


def test_mlcroissant_validates_it_without_a_warning(folder: Path) -> None:
    mlc = pytest.importorskip("mlcroissant")
    dataset = mlc.Dataset(str(folder / CROISSANT_FILE))  # raises mlc.ValidationError on any error
    assert dataset.metadata.ctx.issues.errors == set()
    assert dataset.metadata.ctx.issues.warnings == set()
    assert CONFORMS_TO in [str(getattr(value, "value", value)) for value in dataset.metadata.conforms_to]


def test_ml_tools_read_one_record_per_version(folder: Path, files: dict[str, bytes]) -> None:
    mlc = pytest.importorskip("mlcroissant")
    records = list(mlc.Dataset(str(folder / CROISSANT_FILE)).records("versions"))
    versions = json.loads(files["aimkg.framed.jsonld"])["@graph"]
    assert len(records) == len(versions) == 7
    medium = next(r for r in records if r["versions/version"].endswith(b"/version/mistral-medium-2312"))
    assert medium == {
        "versions/version": b"https://w3id.org/aimkg/id/version/mistral-medium-2312",
        "versions/name": b"Mistral Medium (2023)",
        "versions/model_line": b"https://w3id.org/aimkg/id/model/mistral-medium",
    }


def test_every_file_is_described_with_its_size_and_digest(files: dict[str, bytes]) -> None:
    document = json.loads(files[CROISSANT_FILE])
    assert document["@context"] == CONTEXT and document["datePublished"] == "2026-08-21"  # the newest source
    described = {item["@id"]: item for item in document["distribution"]}
    assert set(described) == (set(files) - {CROISSANT_FILE}) | {FRAMED_AS_JSON}
    for name, item in described.items():
        data = files[item["contentUrl"]]
        assert item["sha256"] == hashlib.sha256(data).hexdigest(), name
        assert item["contentSize"] == f"{len(data)} B"


def test_the_description_is_the_same_on_every_build() -> None:
    files = {"aimkg.nt": Described.of("application/n-triples", b"<a> <b> <c> .\n")}
    assert croissant(files, "2026-01-01") == croissant(dict(files), "2026-01-01")
    assert "datePublished" not in json.loads(croissant(files))
