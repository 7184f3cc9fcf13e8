"""Random commit sequences against the models.dev history reader (``aimkg.history.models_dev.extract``).

Each example makes a git repository of random commits: model files added, changed and deleted,
invalid TOML, ``base_model`` files whose base records come and go, ``[extends]`` chains (loops
included). The only outcomes allowed are one Commit per commit, each consistent with a simple
model of the files that replays the whole state at every commit, or a clean InputError.
"""

from __future__ import annotations

import subprocess
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from aimkg.core.errors import InputError
from aimkg.history import models_dev as reader
from aimkg.sources.models_dev import merge_deep, omit  # the importer's merge, which the reader shares
from tests.helpers.repos import git, needs_git

Record = dict[str, Any]

#: The model files and base records the commits touch: few, so that they meet often.
MODELS = [f"providers/p/models/m{index}.toml" for index in range(3)]
BASES = [f"models/lab/b{index}.toml" for index in range(2)]


@dataclass(frozen=True)
class Write:
    """Write a file: a plain record, one with ``base_model``, one with ``[extends]``, or invalid TOML."""

    path: str
    kind: str  # plain, base, extends, invalid
    price: Decimal
    target: int = 0  # the base record or model file it inherits from
    omitted: bool = False  # whether it omits the inherited name

    def text(self) -> str:
        omitted = '["name"]' if self.omitted else "[]"
        if self.kind == "invalid":
            return "name = \n"
        if self.kind == "base":
            return f'base_model = "lab/b{self.target}"\nbase_model_omit = {omitted}\n\n[cost]\ninput = {self.price}\n'
        if self.kind == "extends":
            return f'[extends]\nfrom = "p/m{self.target}"\nomit = {omitted}\n\n[cost]\noutput = {self.price}\n'
        return f'name = "{Path(self.path).stem} at {self.price}"\n\n[cost]\ninput = {self.price}\noutput = 1\n'


@dataclass(frozen=True)
class Delete:
    path: str


prices = st.decimals(min_value=0, max_value=5, places=2)
model_writes = st.builds(
    Write,
    st.sampled_from(MODELS),
    st.sampled_from(["plain", "plain", "plain", "base", "base", "extends", "extends", "invalid"]),
    prices,
    st.integers(0, len(MODELS) - 1),
    st.booleans(),
)
base_writes = st.builds(Write, st.sampled_from(BASES), st.sampled_from(["plain", "plain", "invalid"]), prices)
steps = st.one_of(model_writes, model_writes, base_writes, st.builds(Delete, st.sampled_from(MODELS + BASES)))
histories = st.lists(st.lists(steps, max_size=3), min_size=1, max_size=8)


class Model:
    """The files as a simple model sees them: replay everything at every commit, with no incremental state."""

    def __init__(self) -> None:
        self.files: dict[str, str] = {}
        self.raw: dict[str, Record] = {}  # each path's last readable record
        self.effective: dict[str, Record] = {}

    def commit(self, steps: list[Write | Delete]) -> tuple[dict[str, Record | None], set[str], set[str]]:
        """Apply a commit; return the effective records it changed, the files it left unreadable, and the unresolved."""
        unreadable = set()
        old = dict(self.files)
        for step in steps:
            if isinstance(step, Delete):
                self.files.pop(step.path, None)
            else:
                self.files[step.path] = step.text()
        touched = {path for path in old.keys() | self.files.keys() if old.get(path) != self.files.get(path)}
        for path in touched:
            if path not in self.files:
                self.raw.pop(path, None)
                continue
            try:
                self.raw[path] = tomllib.loads(self.files[path], parse_float=Decimal)
            except tomllib.TOMLDecodeError:
                unreadable.add(path)  # the last readable record stays
        before = self.effective
        self.effective, unresolved = {}, set()
        for path in MODELS:
            record = self.resolve(path, before, unresolved)
            if record is not None:
                self.effective[path] = record
        changed = {path: self.effective.get(path) for path in MODELS if before.get(path) != self.effective.get(path)}
        return changed, unreadable, unresolved

    def parent(self, path: str) -> str | None:
        record = self.raw.get(path, {})
        if "base_model" in record:
            return f"models/{record['base_model']}.toml"
        if "extends" in record:
            return "providers/{}/models/{}.toml".format(*record["extends"]["from"].split("/", 1))
        return None

    def loops(self, path: str) -> bool:
        seen = {path}
        current = self.parent(path)
        while current is not None:
            if current in seen:
                return True
            seen.add(current)
            current = self.parent(current)
        return False

    def resolve(self, path: str, before: dict[str, Record], unresolved: set[str]) -> Record | None:
        """A model file's effective record; one whose inheritance cannot be resolved keeps its previous one."""
        if path in self.effective:
            return self.effective[path]
        record = self.raw.get(path)
        if record is None:
            return None
        if "base_model" in record:
            base = self.raw.get(f"models/{record['base_model']}.toml")
            omitted = record["base_model_omit"]
        elif "extends" in record:
            source = self.parent(path)
            base = None if self.loops(path) or source is None else self.resolve(source, before, unresolved)
            omitted = record["extends"]["omit"]
        else:
            return record
        if base is None:
            unresolved.add(path)
            return before.get(path)
        merged = merge_deep(base, record)
        for dotted in omitted:
            omit(merged, dotted)
        for key in reader.INHERITANCE_KEYS:
            merged.pop(key, None)
        self.effective[path] = merged
        return merged


def commit_all(repo: Path, history: list[list[Write | Delete]]) -> None:
    """Make the commits with one ``git fast-import``: an hour apart, each writing and deleting its files."""
    stream = []
    for number, steps in enumerate(history):
        message = f"commit {number}".encode()
        stream.append(b"commit refs/heads/dev\ncommitter Test <test@example.org> %d +0000\n" % (START + 3600 * number))
        stream.append(b"data %d\n%s\n" % (len(message), message))
        for step in steps:
            if isinstance(step, Delete):
                stream.append(f"D {step.path}\n".encode())
            else:
                text = step.text().encode()
                stream.append(f"M 100644 inline {step.path}\n".encode() + b"data %d\n%s\n" % (len(text), text))
    subprocess.run(["git", "fast-import", "--quiet"], cwd=repo, input=b"".join(stream), check=True, capture_output=True)


#: 2026-01-01T00:00:00Z, the first commit's time.
START = 1767225600


@needs_git
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=histories)
@example(  # found by this test: a file extends one that its commit deletes, settled before the deletion
    history=[
        [Write("providers/p/models/m0.toml", "plain", Decimal("0.00"), 0, False),
         Write("providers/p/models/m2.toml", "plain", Decimal("0.00"), 0, False)],
        [Write("providers/p/models/m0.toml", "extends", Decimal("0.00"), 2, False),
         Delete("providers/p/models/m2.toml")],
    ]
)  # fmt: skip
def test_random_commits_give_the_records_a_simple_model_gives(
    tmp_path_factory: pytest.TempPathFactory, history: list[list[Write | Delete]]
) -> None:
    repo = tmp_path_factory.mktemp("repo")
    git(repo, "init", "--quiet", "--initial-branch=dev")
    commit_all(repo, history)
    try:
        commits = list(reader.extract(repo))
    except InputError as error:
        assert "\n" not in str(error) and str(error)
        return
    assert len(commits) == len(history)
    model = Model()
    for number, (steps, commit) in enumerate(zip(history, commits, strict=True)):
        changed, unreadable, unresolved = model.commit(steps)
        assert commit.title == f"commit {number}"
        assert commit.time == f"2026-01-01T{number:02d}:00:00Z"
        assert commit.changes == changed, f"commit {number}"
        assert unreadable <= set(commit.invalid), f"commit {number}: unreadable files not reported"
        assert set(commit.invalid) <= unreadable | unresolved, f"commit {number}: {commit.invalid}"
    assert reader.fold(commits) == model.effective
