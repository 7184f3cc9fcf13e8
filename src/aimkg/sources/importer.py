"""The importer base class: read a catalog's entries, normalise them, and report what cannot be used.

An importer goes raw → normalised: a catalog module reads its files and turns each entry into a
catalog-independent ``Entry`` (``aimkg.sources.records``), still in the catalog's own provider
IDs. Placing entries on aimkg's platforms (the reviewed tables of ``data/mappings/``), mapping
them to RDF and deciding which of them are the same endpoint, version or model is
reconciliation's job (``aimkg.reconcile``), done across every catalog at once.
"""

from __future__ import annotations

import re
import sys
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

from aimkg.core.errors import InputError
from aimkg.core.limits import DEFAULT_LIMITS, InputLimits
from aimkg.core.terms import slugify
from aimkg.sources.capabilities import Flags
from aimkg.sources.fields import FieldReader
from aimkg.sources.records import Entry
from aimkg.sources.report import CatalogSource, ImportReport, ImportResult

#: How many broken values an error lists before it counts the rest.
MAX_ERRORS = 50


def broken_input(path: Path, errors: list[InputError]) -> InputError:
    """One error for every broken value of a run: the one line itself when there is one, else a count and the lines.

    Each line names its file, entry and field (as a single error does); after ``MAX_ERRORS`` of
    them, one line counts the rest.
    """
    if len(errors) == 1:
        return errors[0]
    lines = [f"{path}: {len(errors)} broken values; nothing was written (--fail-fast stops at the first)"]
    lines += [str(error) for error in errors[:MAX_ERRORS]]
    if len(errors) > MAX_ERRORS:
        lines.append(f"... and {len(errors) - MAX_ERRORS} more")
    return InputError("\n".join(lines))


class Importer(ABC):
    """Read one catalog. Subclasses set the class attributes and yield normalised entries.

    A value of the wrong type is an error, but the import goes on to the next field or entry so
    that one run reports every broken value (``broken``); ``run`` then raises them all as one
    ``InputError`` and nothing is written. With ``fail_fast`` the first one is raised at once.
    """

    #: The catalog's short name, as the CLI and the report call it.
    name: ClassVar[str]
    #: The Source node's label: identical to data/sources.ttl, so that the graphs merge cleanly.
    source_label: ClassVar[str]
    source_url: ClassVar[str]
    #: The release or commit of the catalog pinned in upstream/.
    default_version: ClassVar[str]
    #: What a Source slug is built from: the catalog name and (part of) its version.
    source_prefix: ClassVar[str]
    source_version_length: ClassVar[int | None] = None
    #: Release dates of known versions (dcterms:issued), where the catalog documents one.
    issued: ClassVar[dict[str, str]] = {}

    def __init__(
        self, path: Path, version: str | None = None, limits: InputLimits = DEFAULT_LIMITS, fail_fast: bool = False
    ) -> None:
        self.path = Path(path)
        self.input_limits = limits
        self.fail_fast = fail_fast
        self.errors: list[InputError] = []
        self.version = version or self.default_version
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", self.version):
            raise InputError(
                f"source version {self.version!r} must be a release or commit like {self.default_version!r}"
            )
        slug = slugify(f"{self.source_prefix}-{self.version[: self.source_version_length]}")
        self.source = CatalogSource(
            self.name, slug, self.source_label, self.source_url, self.version, self.issued.get(self.version)
        )
        self.report = ImportReport(self.name, f"https://w3id.org/aimkg/id/source/{slug}")

    @abstractmethod
    def count(self) -> int:
        """Return how many entries the catalog has (for the progress bar)."""

    @abstractmethod
    def entries(self) -> Iterator[Entry | None]:
        """Yield each catalog entry normalised, or None for one that is not an entry of its own.

        None stands for an entry reported as not mapped (``report.skip_entry``) or one that is
        folded into another entry (an alias). An entry yielded and later reported as not mapped
        (say, an alias whose target is missing) is left out too.
        """

    @classmethod
    def read(
        cls,
        path: Path,
        version: str | None = None,
        tick: Callable[[int], None] | None = None,
        limits: InputLimits = DEFAULT_LIMITS,
        fail_fast: bool = False,
    ) -> ImportResult:
        """Import the catalog at ``path`` (the release ``version``, by default the pinned one)."""
        return cls(path, version, limits, fail_fast).run(tick)

    def field(self, entry: Entry, flags: Flags, reader: FieldReader, name: str, value: Any) -> None:
        """Read one field of an entry into it (capability flags into ``flags``); report what is not mapped."""
        raise NotImplementedError(f"{type(self).__name__} reads its entries otherwise")

    def read_fields(self, entry: Entry, reader: FieldReader, fields: dict[str, Any], skip: tuple[str, ...]) -> bool:
        """Read every field of an entry but those skipped (``field``), then state its capability flags.

        A broken field's error is kept for the end of the run (``broken``) and the other fields are
        read all the same, so that one run names every broken value; return False when one was broken.
        """
        flags = Flags(entry.key)
        errors = len(self.errors)
        for name, value in fields.items():
            if name in skip:
                continue
            try:
                self.field(entry, flags, reader, name, value)
            except InputError as error:
                self.broken(error)
        if len(self.errors) > errors:
            return False
        flags.resolve(entry, self.report)
        return True

    def broken(self, error: InputError) -> None:
        """Keep a broken value's error for the end of the run (or raise it now, with ``fail_fast``)."""
        if self.fail_fast:
            raise error
        if all(str(kept) != str(error) for kept in self.errors):  # a broken base record, say, once for all its heirs
            self.errors.append(error)

    def run(self, tick: Callable[[int], None] | None = None) -> ImportResult:
        """Read and normalise every entry; return them with the report."""
        entries = []
        for entry in self.entries():
            self.report.entries += 1
            if entry is not None:
                entry.catalog = self.name
                entries.append(entry)
            if tick is not None:
                tick(1)
        if self.errors:
            raise broken_input(self.path, self.errors)
        entries = [entry for entry in entries if entry.key not in self.report.unmapped_entries]
        self.report.mapped = self.report.entries - self.report.unmapped
        return ImportResult(self.source, entries, self.report)


def run_as_module(name: str, module: str) -> None:
    """Run ``aimkg import NAME`` as ``python -m aimkg.sources.MODULE``, with the same options."""
    from aimkg.cli import cli

    cli(["import", name, *sys.argv[1:]], prog_name=f"python -m aimkg.sources.{module}")
