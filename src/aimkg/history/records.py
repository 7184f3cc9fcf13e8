"""The models.dev import with record time: the pinned snapshot, and what the catalog said before it.

The history (``aimkg.history.models_dev``: every first-parent commit up to the pinned one, as
``history.jsonl.gz`` beside the pinned files or extracted from a clone) is read state by state with
the importer's own mapping (``ModelsDevImporter.to_entry``), and cut into records and prices with
record time (``aimkg.history.intervals``). What still holds at the pinned commit is the snapshot's
own entries, now with record time; what no longer does becomes a second import result, whose
Source is the catalog's history (``source/models-dev-history-<commit>``), so that a fact the
catalog has dropped never cites the snapshot that no longer says it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from copy import copy
from dataclasses import replace
from pathlib import Path

from aimkg.core.errors import InputError
from aimkg.history.intervals import Span, history_entries, same_facts
from aimkg.history.models_dev import Commit, Record, extract
from aimkg.history.store import read
from aimkg.sources.fields import FieldReader
from aimkg.sources.models_dev import ModelsDevImporter
from aimkg.sources.records import Entry
from aimkg.sources.report import CatalogSource, ImportReport, ImportResult


def commits_at(path: Path) -> Iterator[Commit]:
    """The commits of a history: a clone of the catalog's repository, or a history file."""
    if Path(path).is_dir():
        return extract(Path(path))
    return read(Path(path))


def history_source(source: CatalogSource) -> CatalogSource:
    """The Source of what the catalog said before its pinned commit (and no longer says)."""
    slug = source.slug.replace(source.name, f"{source.name}-history", 1)
    return replace(source, slug=slug, label=f"{source.label} history", history=None)


def with_history(snapshot: ImportResult, commits: Iterable[Commit], importer: ModelsDevImporter) -> list[ImportResult]:
    """The snapshot's entries with record time, and a second result of the records and prices it no longer states."""
    report = ImportReport(snapshot.report.catalog, snapshot.report.source)
    past_reader = copy(importer)  # maps past states into the history's report, raising at the first broken value
    past_reader.report, past_reader.fail_fast, past_reader.errors = report, True, []

    def entry_of(path: str, record: Record, span: Span) -> Entry | None:
        provider, _, model_id = path.removeprefix("providers/").removesuffix(".toml").partition("/models/")
        key = f"{provider}/{model_id}"
        reader = FieldReader(Path(f"{path}@{span.since_commit[:8]}"), key, report)
        try:
            entry = past_reader.to_entry(record, reader, key, provider, model_id)
        except InputError as error:  # a past state with a broken value: no statement of its own
            report.skip_entry(f"{key}@{span.since_commit[:8]}", str(error))
            return None
        assert entry is not None, "with fail_fast a broken value raises"
        entry.catalog = snapshot.source.name
        return entry

    past_source = history_source(snapshot.source)
    current: dict[str, Entry] = {}
    past: list[Entry] = []
    for entry in history_entries(commits, entry_of):
        if entry.recorded_until is None:
            current[entry.key] = entry
        else:
            past.append(entry)
    entries = [timed(entry, current.pop(entry.key, None), report) for entry in snapshot.entries]
    for key, entry in sorted(current.items()):  # still stated by the history, but the pinned file does not read
        report.skip_field(key, "history", "the pinned file does not read: its last readable state stays open")
        past.append(entry)
    present = replace(snapshot, source=replace(snapshot.source, history=past_source.slug), entries=entries)
    report.entries = report.mapped = len(past)
    return [present, ImportResult(past_source, past, report)]


def timed(entry: Entry, current: Entry | None, report: ImportReport) -> Entry:
    """The snapshot's entry with the record time of the history's current record (which says the same)."""
    if current is None or not same_facts(current, entry):
        report.skip_field(entry.key, "history", "the history's last state differs from the pinned file: no record time")
        return entry
    return replace(current, doc_urls=entry.doc_urls)
