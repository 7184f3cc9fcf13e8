"""models.dev's git history as the effective record of every model file, commit by commit.

Record time (DESIGN.md, "Catalog records, identity and history") is when a value reached the
default branch: the committer time, in UTC, of the first-parent commit that brought it (for a
merged branch, the merge). ``extract`` walks that first-parent history oldest first and yields,
per commit, every ``providers/<provider>/models/**.toml`` file whose *effective* record changed:
the file merged with what it inherits, exactly as the importer (``aimkg.sources.models_dev``)
reads the pinned snapshot, without the inheritance keys themselves.

Inheritance, as upstream's ``packages/core/src/generate.ts`` did at each time:

- ``base_model = "<lab>/<id>"`` (from 2026-06-03, f6c6f043): ``merge_deep(models/<lab>/<id>.toml,
  file)``, then each dotted path of ``base_model_omit`` removed (``omit``), as the importer does.
  (Upstream itself leaves the base's ``id``, ``benchmarks``, ``license``, ``links`` and
  ``weights`` out; the importer, and so this module, does not.)
- ``[extends] from = "<provider>/<model>"`` (2026-04-17, 1f3ba4ba, until f6c6f043 turned the 781
  such files into ``base_model`` files): the *effective* record of
  ``providers/<provider>/models/<model>.toml`` (a price cut on it flows into every copy),
  deep-merged with the file minus its ``[extends]`` table (the file wins; tables merge, anything
  else is replaced), then each dotted path of ``extends.omit`` removed, and tables left empty
  with it. From f91dd4ad (2026-06-02T04:24:13Z, "reasoning options inheritance") the source's
  ``reasoning_options`` are not copied: an endpoint declares its own.

Records are compared by value (``same``): ``1.50`` and ``1.5`` are one price, ``true`` and ``1``
are not. A record is given as the files read at its commit: a price rewritten from ``0.5`` to
``0.50`` is no change, and the file's next change carries ``0.50``. A stated zero is a value
like any other. A file that is invalid TOML at a commit, or whose
inheritance names nothing, is reported in ``Commit.invalid`` and keeps its previous record (no
change, no deletion). A deleted file, or one that stops being a file (a broken symbolic link),
changes to None. A symbolic link reads as the file it leads to at that commit.

``extract(repo, since=sha)`` rebuilds the state at ``sha`` from its tree instead of replaying
the history before it, and gives the same commits as the whole replay, with one exception
upstream's own build rules out: a file whose inheritance names nothing at ``sha`` starts
without a record rather than with the one it had before.
"""

from __future__ import annotations

import re
import tomllib
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from aimkg.core.errors import InputError
from aimkg.history import git
from aimkg.sources.models_dev import INHERITANCE, merge_deep, omit, toml_error

Record = dict[str, Any]

MODEL_FILE = re.compile(r"providers/[^/]+/models/.+\.toml")
BASE_FILE = re.compile(r"models/.+\.toml")
#: From this commit time on (f91dd4ad, merged 2026-06-01 23:24:13 -05:00), ``[extends]`` leaves
#: the source's ``reasoning_options`` out.
EXTENDS_OWN_REASONING_FROM = "2026-06-02T04:24:13Z"
#: The keys that say how a file inherits; the effective record no longer carries them. It keeps
#: ``base_model``, which names the provider-independent record, as the importer's entries do.
INHERITANCE_KEYS = frozenset({*INHERITANCE, "extends"} - {"base_model"})


@dataclass(frozen=True)
class Commit:
    """What one first-parent commit changed in the catalog.

    ``changes`` maps each model file whose effective record changed to the new record (None:
    deleted); ``invalid`` maps each file the commit left unreadable to the reason. Records are
    shared between commits and with the extractor's state: read them, never change them.
    """

    sha: str
    time: str
    title: str
    changes: dict[str, Record | None] = field(default_factory=dict)
    invalid: dict[str, str] = field(default_factory=dict)


def relevant(path: str) -> bool:
    """A model file, or a base record a model file can inherit from."""
    return MODEL_FILE.fullmatch(path) is not None or BASE_FILE.fullmatch(path) is not None


def same(a: Any, b: Any) -> bool:
    """Equal as values: numbers by value (``1.50 == 1.5``), but a boolean is no number."""
    if a is b:
        return True
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, bool) or isinstance(b, bool):
        return False  # the same boolean is the same object, caught above
    if isinstance(a, int | Decimal) and isinstance(b, int | Decimal):
        if isinstance(a, Decimal) and isinstance(b, Decimal) and a.is_nan():
            return b.is_nan()
        return a == b
    return type(a) is type(b) and bool(a == b)


def fold(commits: Iterable[Commit]) -> dict[str, Record]:
    """The effective record of every model file after the given commits (a snapshot of the catalog)."""
    state: dict[str, Record] = {}
    for commit in commits:
        for path, record in commit.changes.items():
            if record is None:
                state.pop(path, None)
            else:
                state[path] = record
    return state


@dataclass(frozen=True)
class Unresolved:
    """Why a file's inheritance cannot be resolved at this commit."""

    reason: str


class Catalog:
    """The catalog's state while its history is replayed: files, their records and who inherits what."""

    def __init__(self, repo: Path) -> None:
        self.repo = repo
        self.blobs = git.Blobs(repo)
        self.files: dict[str, tuple[str, str]] = {}  # the whole tree: path -> (mode, blob)
        self.content: dict[str, str] = {}  # relevant path -> the blob it reads as (through links)
        self.watchers: dict[str, set[str]] = {}  # path -> relevant paths whose links lead through it
        self.looked_at: dict[str, tuple[str, ...]] = {}
        self.parsed: dict[str, Record | str] = {}  # blob -> record, or why it is not TOML
        self.raw: dict[str, Record] = {}  # relevant path -> its last readable record
        self.effective: dict[str, Record] = {}
        self.parent: dict[str, str] = {}  # model file -> the path it inherits from
        self.heirs: dict[str, set[str]] = {}
        self.time = ""  # of the last commit taken in

    # ---------------------------------------------------------------- reading files

    def resolve(self, path: str) -> str | None:
        """The blob a path reads as now; remember which paths can change that."""
        blob, seen = git.resolve(self.files, path, self.blobs)
        for old in self.looked_at.get(path, ()):
            self.watchers[old].discard(path)
        self.looked_at[path] = seen
        for new in seen:
            self.watchers.setdefault(new, set()).add(path)
        return blob

    def parse(self, blob: str) -> Record | str:
        """A blob as a TOML record, or the reason it is not one (once per blob: files revert and link)."""
        if blob not in self.parsed:
            self.parsed[blob] = toml_record(self.blobs.get(blob) or b"")
        return self.parsed[blob]

    def read(self, paths: Iterable[str], invalid: dict[str, str]) -> list[str]:
        """Re-read paths whose content may have changed; return those whose record is a new one."""
        renewed = []
        for path in sorted(paths):
            blob = self.resolve(path)
            if blob == self.content.get(path):
                continue
            if blob is None:
                del self.content[path]
                if self.raw.pop(path, None) is not None:
                    renewed.append(path)
                continue
            self.content[path] = blob
            record = self.parse(blob)
            if isinstance(record, str):
                invalid[path] = record  # the previous record stays
            else:
                self.raw[path] = record
                renewed.append(path)
        return renewed

    # ---------------------------------------------------------------- inheritance

    def link(self, path: str) -> None:
        """Record what a model file inherits from now, so that a change there reaches it."""
        record = self.raw.get(path, {})
        parent = None
        if isinstance(record.get("base_model"), str):
            parent = f"models/{record['base_model']}.toml"
        elif isinstance(record.get("extends"), dict) and isinstance(record["extends"].get("from"), str):
            parent = source_path(record["extends"]["from"])
        old = self.parent.pop(path, None)
        if old is not None:
            self.heirs[old].discard(path)
        if parent is not None:
            self.parent[path] = parent
            self.heirs.setdefault(parent, set()).add(path)

    def inherit(self, path: str, time: str) -> Record | Unresolved | None:
        """The file's effective record: merged with what it inherits, inheritance keys removed."""
        record = self.raw.get(path)
        if record is None:
            return None
        if "base_model" in record:
            name = record["base_model"]
            base = self.raw.get(f"models/{name}.toml") if isinstance(name, str) else None
            if base is None:
                return Unresolved(f"base_model {name!r} names no file under models/")
            return inherited(base, record, record.get("base_model_omit", []), "base_model_omit")
        if "extends" in record:
            spec = record["extends"]
            origin = spec.get("from") if isinstance(spec, dict) else None
            source = source_path(origin) if isinstance(origin, str) else None
            if source is None:
                return Unresolved('[extends] needs from = "<provider>/<model>"')
            if self.loops(path):
                return Unresolved(f"extends.from {origin!r} leads back to this file")
            if source not in self.effective:
                return Unresolved(f"extends.from {origin!r} names no model file")
            base = self.effective[source]
            if time >= EXTENDS_OWN_REASONING_FROM:
                base = {key: value for key, value in base.items() if key != "reasoning_options"}
            return inherited(base, record, spec.get("omit", []), "extends.omit")
        return record

    def loops(self, path: str) -> bool:
        seen = {path}
        current = self.parent.get(path)
        while current is not None:
            if current in seen:
                return True
            seen.add(current)
            current = self.parent.get(current)
        return False

    def settle(self, renewed: list[str], time: str, invalid: dict[str, str]) -> dict[str, Record | None]:
        """Recompute the records that depend on renewed files; return those whose value changed."""
        queue: deque[str] = deque()
        for path in renewed:
            if MODEL_FILE.fullmatch(path):
                self.link(path)
                queue.append(path)
            else:
                queue.extend(sorted(self.heirs.get(path, ())))
        before: dict[str, Record | None] = {}
        unresolved: dict[str, str] = {}
        while queue:
            path = queue.popleft()
            old = self.effective.get(path)
            before.setdefault(path, old)
            new = self.inherit(path, time)
            if isinstance(new, Unresolved):
                unresolved[path] = new.reason
                new = before[path]  # the record from before this commit stays, not one settled earlier in it
            else:
                unresolved.pop(path, None)
            if new is old:
                continue
            if new is None:
                del self.effective[path]
            else:
                self.effective[path] = new
            queue.extend(sorted(self.heirs.get(path, ())))  # files that extend this one
        invalid.update(unresolved)
        changes = {}
        for path in sorted(before):
            if not same(before[path], self.effective.get(path)):
                changes[path] = self.effective.get(path)
        return changes

    # ---------------------------------------------------------------- history

    def apply(self, commit: git.RawCommit) -> Commit:
        """Take one first-parent commit's changed paths into the state; say what changed."""
        affected = set()
        for change in commit.changes:
            if change.blob is None:
                self.files.pop(change.path, None)
            else:
                self.files[change.path] = (change.mode, change.blob)
            if relevant(change.path):
                affected.add(change.path)
            affected |= self.watchers.get(change.path, set())
        invalid: dict[str, str] = {}
        renewed = self.read(affected, invalid)
        if self.time < EXTENDS_OWN_REASONING_FROM <= commit.time:  # the rule changed: every copy again
            renewed += sorted(path for path, record in self.raw.items() if "extends" in record)
        self.time = commit.time
        changes = self.settle(renewed, commit.time, invalid)
        return Commit(commit.sha, commit.time, commit.title, changes, dict(sorted(invalid.items())))

    def start(self, commit: str) -> None:
        """Take the state at ``commit`` from its tree, as a replay up to it would have left it.

        A file unreadable at that commit keeps its last readable record from before (looked up
        in the file's own first-parent history); everything else is a function of the tree.
        """
        self.files = git.tree(self.repo, commit)
        self.blobs.fetch(blob for path, (mode, blob) in self.files.items() if mode == git.LINK or relevant(path))
        invalid: dict[str, str] = {}
        paths = [path for path in self.files if relevant(path)]
        self.read(paths, invalid)
        for path in invalid:
            record = self.last_readable(commit, path)
            if record is not None:
                self.raw[path] = record
        self.time = git.utc(git.run(self.repo, ["show", "-s", "--format=%ct", commit]).decode().strip())
        self.settle(sorted(self.raw), self.time, {})

    def last_readable(self, commit: str, path: str) -> Record | None:
        """The file's record at the newest first-parent commit before ``commit`` where it was readable."""
        seen = self.looked_at.get(path, (path,))
        out = git.run(self.repo, ["log", "--first-parent", "--format=%H", commit, "--", *seen])
        older = [sha for sha in out.decode().split() if sha != commit]
        contents = git.batch(self.repo, [f"{sha}:{path}" for sha in older], "--follow-symlinks")
        for data in contents:
            if data is None:
                return None  # deleted before: nothing to keep
            record = toml_record(data)
            if not isinstance(record, str):
                return record
        return None


def toml_record(data: bytes) -> Record | str:
    """A file's bytes as a TOML record, fractions as exact Decimals, or the reason they are not one."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "not UTF-8 text"
    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        return toml_error(str(error), text)
    except RecursionError:
        return "TOML nested too deeply to read safely"


def source_path(origin: str) -> str | None:
    """``[extends] from = "<provider>/<model>"`` as the path of that model file."""
    provider, slash, model = origin.partition("/")
    return f"providers/{provider}/models/{model}.toml" if provider and slash and model else None


def inherited(base: Record, record: Record, omitted: Any, key: str) -> Record | Unresolved:
    """``merge_deep(base, record)``, then the dotted paths ``omitted`` removed, then how it inherited."""
    if not isinstance(omitted, list) or not all(isinstance(dotted, str) for dotted in omitted):
        return Unresolved(f"{key} is not a list of dotted paths")
    merged = merge_deep(base, record)
    for dotted in omitted:
        omit(merged, dotted)
    for name in INHERITANCE_KEYS:
        merged.pop(name, None)
    return merged


def extract(repo: Path, *, since: str | None = None, ref: str = "HEAD") -> Iterator[Commit]:
    """Yield every first-parent commit of ``ref`` oldest first (after ``since``), with what it changed.

    ``since`` must be a commit of that first-parent history (the last one an earlier run saw);
    the state at it is rebuilt from its tree, so only the newer commits are read.
    """
    repo = Path(repo)
    if since is not None and git.commit_id(repo, since) not in git.first_parents(repo, ref):
        raise InputError(f"{repo}: {since} is not on the first-parent history of {ref}; the history was rewritten")
    commits = git.log(repo, ref, since)
    catalog = Catalog(repo)
    if since is not None:
        catalog.start(git.commit_id(repo, since))
    catalog.blobs.fetch(
        change.blob
        for commit in commits
        for change in commit.changes
        if change.blob is not None and (change.mode == git.LINK or relevant(change.path))
    )
    for commit in commits:
        yield catalog.apply(commit)
