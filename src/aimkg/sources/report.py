"""The import report: what an import mapped, and everything it did not map, with the reason."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from aimkg.sources.records import Entry


@dataclass
class ImportReport:
    """What an import mapped, and everything it did not map, with the reason."""

    catalog: str
    source: str
    entries: int = 0
    mapped: int = 0
    unmapped_entries: dict[str, str] = field(default_factory=dict)
    unmapped_fields: Counter[tuple[str, str]] = field(default_factory=Counter)
    examples: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    unused_records: dict[str, str] = field(default_factory=dict)
    triples: int = 0

    def skip_entry(self, key: str, reason: str) -> None:
        """Count an entry that is not mapped at all."""
        self.unmapped_entries[key] = reason

    def skip_field(self, key: str, name: str, reason: str) -> None:
        """Count one field of an entry that is not mapped (the entry itself is)."""
        self.unmapped_fields[(name, reason)] += 1
        examples = self.examples.setdefault((name, reason), [])
        if len(examples) < 3:
            examples.append(key)

    @property
    def unmapped(self) -> int:
        return len(self.unmapped_entries)

    def summary(self) -> str:
        """One line for stderr."""
        fields = sum(self.unmapped_fields.values())
        return (
            f"{self.catalog}: {self.entries} entries: {self.mapped} mapped, {self.unmapped} not mapped; "
            f"{fields} field values in {len(self.unmapped_fields)} kinds not mapped; {self.triples} triples"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "catalog": self.catalog,
            "source": self.source,
            "entries": self.entries,
            "mapped": self.mapped,
            "unmapped": self.unmapped,
            "triples": self.triples,
            "unmapped_entries": [
                {"entry": key, "reason": reason} for key, reason in sorted(self.unmapped_entries.items())
            ],
            "unmapped_fields": [
                {"field": name, "reason": reason, "count": count, "examples": self.examples[(name, reason)]}
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
