"""The mapping tables of data/mappings/: well-formed SSSOM, and consistent with one another."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aimkg.core.resources import resource_root
from aimkg.sources.mappings import CATALOG_PREFIXES, ROLES, mappings, sssom_rows

FOLDER = resource_root() / "data" / "mappings"
SSSOM = sorted(FOLDER.glob("*.sssom.tsv"))
JUSTIFICATIONS = {"semapv:ManualMappingCuration", "semapv:LexicalMatching"}


@pytest.mark.parametrize("path", SSSOM, ids=lambda path: path.name)
def test_sssom_files_declare_their_prefixes_and_justify_every_row(path: Path) -> None:
    header = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    declared = {line.split(":")[0].strip("# ").strip() for line in header if re.match(r"#\s{3}\w+:", line)}
    assert {"mapping_set_id:", "license:"} <= {line.split()[1] for line in header if len(line.split()) > 1}
    rows = sssom_rows(path)
    assert rows, path
    for row in rows:
        for column in ("subject_id", "object_id", "predicate_id", "mapping_justification"):
            prefix = row[column].split(":")[0]
            assert prefix in declared, (
                f"{path.name}: {row['subject_id']}: {column} prefix {prefix!r} is not in curie_map"
            )
        assert row["mapping_justification"] in JUSTIFICATIONS, row
        assert row["comment"], f"{path.name}: {row['subject_id']} says no why"
    subjects = [row["subject_id"] for row in rows]
    assert subjects == sorted(subjects), f"{path.name}: rows must be sorted by subject_id"


def test_every_catalog_provider_is_mapped_or_documented() -> None:
    tables = mappings()
    assert {catalog for catalog, _ in tables.platform_ids} == set(CATALOG_PREFIXES)
    assert all(platform.role in ROLES and platform.operator for platform in tables.platforms.values())
    used = set(tables.platform_ids.values())
    assert used == set(tables.platforms), "platforms.tsv lists a platform no catalog ID names, or misses one"


def test_the_curated_identity_decisions_name_curated_versions() -> None:
    from aimkg.reconcile.curated import curated

    decisions = [decision for found in mappings().decisions.values() for decision in found]
    assert len(decisions) == 2
    assert all(decision.version in curated().versions and decision.why for decision in decisions)
