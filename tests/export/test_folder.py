"""Every export written into one folder, with the JSON-LD context beside it."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from aimkg.export.croissant import CROISSANT_FILE
from aimkg.export.folder import CONTEXT_FILE, DESCRIPTION_FILE, export_all
from aimkg.export.formats import FORMATS
from aimkg.io.jsonld import context


def test_context_file_is_written_beside_the_exports(files: dict[str, bytes]) -> None:
    assert json.loads(files[CONTEXT_FILE]) == context()


def test_export_all_writes_every_file(tmp_path: Path, bundled_triples: list[ox.Triple]) -> None:
    sizes = export_all(bundled_triples, tmp_path / "dist")
    written = sorted(path.name for path in (tmp_path / "dist").iterdir())
    assert written == sorted([*(f.filename for f in FORMATS.values()), CONTEXT_FILE, DESCRIPTION_FILE, CROISSANT_FILE])
    assert all(sizes[name] == (tmp_path / "dist" / name).stat().st_size for name in written)
