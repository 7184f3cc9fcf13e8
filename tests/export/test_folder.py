"""Every export written into one folder, with the JSON-LD context beside it."""

from __future__ import annotations

import dataclasses
import functools
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from aimkg.core.errors import InputError
from aimkg.export.croissant import CROISSANT_FILE
from aimkg.export.folder import CONTEXT_FILE, DESCRIPTION_FILE, export_all, write_all
from aimkg.export.formats import FORMATS, ExportGraph, Format
from aimkg.io.jsonld import context


def test_context_file_is_written_beside_the_exports(files: dict[str, bytes]) -> None:
    assert json.loads(files[CONTEXT_FILE]) == context()


def test_export_all_writes_every_file(tmp_path: Path, bundled_triples: list[ox.Triple]) -> None:
    sizes = export_all(bundled_triples, tmp_path / "dist")
    written = sorted(path.name for path in (tmp_path / "dist").iterdir())
    assert written == sorted([*(f.filename for f in FORMATS.values()), CONTEXT_FILE, DESCRIPTION_FILE, CROISSANT_FILE])
    assert all(sizes[name] == (tmp_path / "dist" / name).stat().st_size for name in written)


def test_each_file_is_handed_on_before_the_next_is_made(
    monkeypatch: pytest.MonkeyPatch, bundled_triples: list[ox.Triple]
) -> None:
    """Only sizes and digests are kept: a 1M-triple export held 550 MB of files at once before."""
    made: list[str] = []
    handed: list[tuple[str, list[str]]] = []

    def noting(fmt: Format, build: ExportGraph) -> bytes:
        made.append(fmt.filename)
        return fmt.build(build)

    for name, fmt in FORMATS.items():
        monkeypatch.setitem(FORMATS, name, dataclasses.replace(fmt, build=functools.partial(noting, fmt)))
    write_all(bundled_triples, lambda name, data: handed.append((name, list(made))))
    filenames = [fmt.filename for fmt in FORMATS.values()]
    assert handed[: len(filenames)] == [(name, filenames[: n + 1]) for n, name in enumerate(filenames)]


def test_a_failed_export_leaves_the_folder_as_it_was(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, bundled_triples: list[ox.Triple]
) -> None:
    folder = tmp_path / "dist"
    export_all(bundled_triples, folder)
    before = {path.name: path.read_bytes() for path in folder.iterdir()}

    def broken(build: ExportGraph) -> bytes:
        raise RuntimeError("the framed view failed")

    monkeypatch.setitem(FORMATS, "jsonld-framed", dataclasses.replace(FORMATS["jsonld-framed"], build=broken))
    with pytest.raises(RuntimeError):
        export_all(bundled_triples[:10], folder)
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == before  # no new file, no staging left


def test_an_export_that_cannot_be_written_names_the_file_and_leaves_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, bundled_triples: list[ox.Triple]
) -> None:
    folder = tmp_path / "dist"
    real_write = Path.write_bytes

    def disk_full(path: Path, data: bytes) -> int:
        if path.name == "aimkg.nq":
            raise OSError(28, "No space left on device")
        return real_write(path, data)

    monkeypatch.setattr(Path, "write_bytes", disk_full)
    with pytest.raises(InputError, match=r"dist/aimkg\.nq: cannot write: No space left on device"):
        export_all(bundled_triples, folder)
    assert list(folder.iterdir()) == []
