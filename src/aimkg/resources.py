"""Find the ontology, shapes, data and queries, in a checkout or in an installed wheel."""

from __future__ import annotations

from pathlib import Path

RESOURCE_DIRS = ("ontology", "shapes", "data", "queries")


def resource_root() -> Path:
    """Return the folder holding ontology/, shapes/, data/ and queries/.

    A wheel carries them under ``aimkg/_resources`` (see pyproject.toml); a checkout or an
    editable install reads them from the repository root, so edits take effect at once.
    """
    packaged = Path(__file__).parent / "_resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2]


def turtle_files(folder: str) -> list[Path]:
    """Return the Turtle files of one resource folder, in a stable order."""
    return sorted((resource_root() / folder).rglob("*.ttl"))


def ontology_files() -> list[Path]:
    return turtle_files("ontology")


def shapes_files() -> list[Path]:
    return turtle_files("shapes")


def data_files() -> list[Path]:
    return turtle_files("data")


def queries_dir() -> Path:
    return resource_root() / "queries"
