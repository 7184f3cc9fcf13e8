"""The import report: what an import mapped, and everything it did not map, with the reason."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from aimkg.sources.records import Entry


@dataclass
class ImportReport:
    """What an import mapped, and everything it did not map, with the reason.

    Field values are counted as the catalog gives them: ``values`` is every field of every entry
    read (LiteLLM: each key of an entry's object; models.dev: each key of a model file merged with
    its base record, and of each provider.toml; genai-prices: each key of a provider and of a
    model). A value not mapped is counted once per report line, nested ones (``cost.image``) too.
    A field an entry does not give (``note_missing``: no name) is reported but is no value.
    Kinds the importers declare out of scope (``leave_out``: SDK plumbing, free text, placeholders,
    one provider's configuration flags) are listed apart from the ones aimkg could map but does not.
    """

    catalog: str
    source: str
    entries: int = 0
    mapped: int = 0
    unmapped_entries: dict[str, str] = field(default_factory=dict)
    unmapped_fields: Counter[tuple[str, str]] = field(default_factory=Counter)
    examples: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    unused_records: dict[str, str] = field(default_factory=dict)
    out_of_scope: set[tuple[str, str]] = field(default_factory=set)
    absent: set[tuple[str, str]] = field(default_factory=set)
    values: int = 0
    triples: int = 0

    def skip_entry(self, key: str, reason: str) -> None:
        """Count an entry that is not mapped at all."""
        self.unmapped_entries[key] = reason

    def skip_field(self, key: str, name: str, reason: str) -> None:
        """Count one field value of an entry that is not mapped (the entry itself is)."""
        self.unmapped_fields[(name, reason)] += 1
        examples = self.examples.setdefault((name, reason), [])
        if len(examples) < 3:
            examples.append(key)

    def leave_out(self, key: str, name: str, reason: str) -> None:
        """Count one field value of a kind declared out of scope (docs/import.md lists each with its reason)."""
        self.out_of_scope.add((name, reason))
        self.skip_field(key, name, reason)

    def note_missing(self, key: str, name: str, reason: str) -> None:
        """Report a field the entry does not give (no value, so not counted among the values not mapped)."""
        self.absent.add((name, reason))
        self.skip_field(key, name, reason)

    @property
    def unmapped(self) -> int:
        return len(self.unmapped_entries)

    @property
    def unmapped_values(self) -> int:
        """Field values not mapped, of kinds in scope and out of it (fields an entry does not give are no values)."""
        return sum(count for kind, count in self.unmapped_fields.items() if kind not in self.absent)

    @property
    def unmapped_in_scope(self) -> int:
        """Field values not mapped, of kinds aimkg could map (not declared out of scope)."""
        left = self.out_of_scope | self.absent
        return sum(count for kind, count in self.unmapped_fields.items() if kind not in left)

    def coverage(self) -> tuple[float, float]:
        """The share of field values mapped; and mapped or of a kind declared out of scope."""
        if not self.values:
            return 1.0, 1.0
        mapped = max(self.values - self.unmapped_values, 0) / self.values
        return mapped, max(self.values - self.unmapped_in_scope, 0) / self.values

    def summary(self) -> str:
        """One line for stderr."""
        mapped, covered = self.coverage()
        return (
            f"{self.catalog}: {self.entries} entries: {self.mapped} mapped, {self.unmapped} not mapped; "
            f"{self.unmapped_values} of {self.values} field values in {len(self.unmapped_fields)} kinds not mapped, "
            f"{self.unmapped_in_scope} of them in scope ({mapped:.1%} mapped, {covered:.1%} mapped or out of scope); "
            f"{self.triples} triples"
        )

    def to_dict(self) -> dict[str, Any]:
        mapped, covered = self.coverage()
        return {
            "catalog": self.catalog,
            "source": self.source,
            "entries": self.entries,
            "mapped": self.mapped,
            "unmapped": self.unmapped,
            "triples": self.triples,
            "values": self.values,
            "unmapped_values": self.unmapped_values,
            "unmapped_in_scope": self.unmapped_in_scope,
            "coverage": {"mapped": round(mapped, 4), "mapped_or_out_of_scope": round(covered, 4)},
            "unmapped_entries": [
                {"entry": key, "reason": reason} for key, reason in sorted(self.unmapped_entries.items())
            ],
            "unmapped_fields": [
                {
                    "field": name,
                    "reason": reason,
                    "count": count,
                    "out_of_scope": (name, reason) in self.out_of_scope,
                    "absent": (name, reason) in self.absent,
                    "examples": self.examples[(name, reason)],
                }
                for (name, reason), count in sorted(self.unmapped_fields.items())
            ],
            "unused_records": [
                {"record": key, "reason": reason} for key, reason in sorted(self.unused_records.items())
            ],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class CatalogSource:
    """A catalog release as the Source node that every fact read from it cites."""

    name: str  # the catalog's name in aimkg (models-dev, litellm, genai-prices)
    slug: str  # the Source slug: the catalog and its release or commit (models-dev-f3fc6922)
    label: str
    url: str
    version: str
    issued: str | None  # the release date, where the catalog documents one
    history: str | None = None  # the Source slug of what the catalog said before and no longer says


@dataclass
class ImportResult:
    """What an import read: the catalog's entries normalised, where they came from, and the report."""

    source: CatalogSource
    entries: list[Entry]
    report: ImportReport
