"""The reviewed mapping tables of ``data/mappings/``: catalog IDs to aimkg platforms, makers and versions.

Identity decisions are data, not code, so that a wrong link is fixed by editing a row and the
fix shows in the data diff (as bioregistry keeps its curated mappings). The tables are SSSOM
TSV (https://mapping-commons.github.io/sssom/): a YAML header in ``#`` lines, then one mapping
per row, each saying who decided and why (``mapping_justification``, ``comment``).

- ``platforms.sssom.tsv``: each catalog's provider ID → the aimkg Platform (API service) it names;
- ``platforms.tsv``: each platform's label, operator, role (first-party, cloud, router, host), URL;
- ``makers.sssom.tsv``: namespaces that name who made a model (models.dev labs, ``creator/`` ID
  prefixes, Bedrock ``maker.`` prefixes, catalog provider IDs of one maker) → the aimkg Provider;
- ``identity.sssom.tsv``: curated decisions that a catalog record is, or is not, a Version.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from aimkg.core.errors import InputError
from aimkg.core.resources import resource_root

#: The CURIE prefix each catalog's provider IDs have in the tables, by the catalog's name in aimkg.
CATALOG_PREFIXES = {"models-dev": "modelsdev", "litellm": "litellm", "genai-prices": "genaiprices"}
#: The CURIE prefix of each catalog's record keys in ``identity.sssom.tsv``.
KEY_PREFIXES = {"models-dev": "modelsdevkey", "litellm": "litellmkey", "genai-prices": "genaipriceskey"}
ROLES = ("first-party", "cloud", "router", "host")


@dataclass(frozen=True)
class Platform:
    """An API service: who runs it, and how it relates to the models it serves."""

    slug: str
    label: str
    operator: str
    operator_label: str
    role: str  # first-party: the operator serves what it makes, unless a model ID names another maker
    url: str | None


@dataclass(frozen=True)
class Decision:
    """A curated identity decision: the record with this key is (or is not) this version."""

    catalog: str
    key: str
    version: str  # a version slug
    same: bool
    why: str


@dataclass(frozen=True)
class Mappings:
    """Every table, indexed for the lookups that importers and reconciliation make."""

    platforms: dict[str, Platform]
    platform_ids: dict[tuple[str, str], str]  # (catalog, provider ID) → platform slug
    makers: dict[tuple[str, str], str]  # (namespace kind, name) → provider slug
    provider_labels: dict[str, str]
    decisions: dict[tuple[str, str], list[Decision]]  # (catalog, key) → decisions

    def platform_of(self, catalog: str, provider_id: str) -> str | None:
        """The platform a catalog's provider ID names, or None when it names no operated API."""
        return self.platform_ids.get((catalog, provider_id))

    def maker_of(self, kind: str, name: str) -> str | None:
        """The maker a namespace names: kind is ``modelsdevlab``, ``creator``, ``bedrock`` or a catalog prefix."""
        return self.makers.get((kind, name))


def sssom_rows(path: Path) -> list[dict[str, str]]:
    """Read the mapping rows of an SSSOM TSV file (its ``#`` metadata lines are skipped)."""
    try:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from error
    return list(csv.DictReader(lines, delimiter="\t"))


def split_curie(path: Path, curie: str) -> tuple[str, str]:
    prefix, colon, local = curie.partition(":")
    if not colon or not local:
        raise InputError(f"{path}: {curie!r} is not a CURIE prefix:local")
    return prefix, local


@cache
def mappings(folder: Path | None = None) -> Mappings:
    """Read the tables of ``data/mappings/`` (or another folder of the same files), once per process."""
    folder = folder or resource_root() / "data" / "mappings"
    catalogs = {prefix: catalog for catalog, prefix in CATALOG_PREFIXES.items()}
    platforms: dict[str, Platform] = {}
    labels: dict[str, str] = {}
    table = folder / "platforms.tsv"
    for row in sssom_rows(table):
        if row["role"] not in ROLES:
            raise InputError(f"{table}: platform {row['platform']!r}: role {row['role']!r} is not one of {ROLES}")
        platforms[row["platform"]] = Platform(
            row["platform"], row["label"], row["operator"], row["operator_label"], row["role"], row["url"] or None
        )
        labels[row["operator"]] = row["operator_label"]
    platform_ids = {}
    path = folder / "platforms.sssom.tsv"
    for row in sssom_rows(path):
        prefix, provider_id = split_curie(path, row["subject_id"])
        _, platform = split_curie(path, row["object_id"])
        if platform not in platforms:
            raise InputError(f"{path}: {row['subject_id']}: platform {platform!r} is not in platforms.tsv")
        platform_ids[(catalogs.get(prefix, prefix), provider_id)] = platform
    makers = {}
    path = folder / "makers.sssom.tsv"
    for row in sssom_rows(path):
        kind, name = split_curie(path, row["subject_id"])
        _, provider = split_curie(path, row["object_id"])
        makers[(kind, name)] = provider
        labels.setdefault(provider, row["object_label"] or provider)
    decisions: dict[tuple[str, str], list[Decision]] = {}
    path = folder / "identity.sssom.tsv"
    keys = {prefix: catalog for catalog, prefix in KEY_PREFIXES.items()}
    for row in sssom_rows(path):
        prefix, key = split_curie(path, row["subject_id"])
        _, version = split_curie(path, row["object_id"])
        if prefix not in keys:
            raise InputError(f"{path}: {row['subject_id']}: unknown prefix {prefix!r}")
        decision = Decision(keys[prefix], key, version, row["predicate_modifier"] != "Not", row["comment"])
        decisions.setdefault((decision.catalog, key), []).append(decision)
    return Mappings(platforms, platform_ids, makers, labels, decisions)
