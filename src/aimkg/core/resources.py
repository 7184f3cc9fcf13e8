"""Find the ontology, shapes, data and queries, in a checkout or in an installed wheel."""

from __future__ import annotations

import os
from pathlib import Path

from aimkg.core.errors import InputError

RESOURCE_DIRS = ("ontology", "shapes", "data", "queries")

#: The IRI under which aimkg publishes its JSON-LD context (``context_path()``); it is never fetched.
CONTEXT_IRI = "https://w3id.org/aimkg/context.jsonld"


def resource_root() -> Path:
    """Return the folder holding ontology/, shapes/, data/ and queries/.

    A wheel carries them under ``aimkg/_resources`` (see pyproject.toml); a checkout or an
    editable install reads them from the repository root, so edits take effect at once.
    """
    packaged = Path(__file__).parents[1] / "_resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3]


def turtle_files(folder: str) -> list[Path]:
    """Return the Turtle files of one resource folder, in a stable order."""
    return sorted((resource_root() / folder).rglob("*.ttl"))


def ontology_files() -> list[Path]:
    return turtle_files("ontology")


def shapes_files() -> list[Path]:
    return turtle_files("shapes")


def curated_files() -> list[Path]:
    """Return the curated Turtle files of data/."""
    return turtle_files("data")


def context_path() -> Path:
    """Return the shipped JSON-LD context file."""
    return resource_root() / "ontology" / "context.jsonld"


def queries_dir() -> Path:
    return resource_root() / "queries"


def catalog_file() -> Path:
    """Where ``make build`` keeps the reconciled catalog (N-Triples), which commands read by default."""
    return resource_root() / "build" / "catalog.nt"


def bundled_files() -> list[Path]:
    """Return the ontology and data files shipped with the package."""
    return ontology_files() + curated_files()


#: The graphs a command can start from.
GRAPHS = ("catalog", "curated", "auto")


def graph_files(graph: str | None = None, default: str = "auto") -> list[Path]:
    """The files of a graph: ``curated`` (ontology and data/), ``catalog`` (those and the built catalog).

    ``auto`` is the catalog when it has been built (``make build``), else the curated graph. Without
    ``graph``: the environment variable ``AIMKG_GRAPH``, else ``default``. Found without importing
    any RDF reader, so that fast commands (``aimkg cost``) pay nothing for it.
    """
    name = graph or os.environ.get("AIMKG_GRAPH") or default
    if name not in GRAPHS:
        raise InputError(f"unknown graph {name!r}; use one of {', '.join(GRAPHS)}")
    catalog = catalog_file()
    if name == "catalog" and not catalog.is_file():
        raise InputError(f"{catalog}: no built catalog; run `make build` (or `aimkg build`), or use --curated")
    if name == "curated" or not catalog.is_file():
        return bundled_files()
    return [*bundled_files(), catalog]
