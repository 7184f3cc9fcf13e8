"""The shipped history file: exact round trips, the same bytes every time, and extend = write."""

from __future__ import annotations

import gzip
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from aimkg.core.errors import InputError
from aimkg.history import store
from aimkg.history.models_dev import Commit, extract
from tests.history.history_repo import Repo, build

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

SAMPLE = Commit(
    "0" * 40,
    "2026-06-01T02:00:00Z",
    'a "title" — with ünïcode',
    {
        "providers/p/models/m.toml": {
            "cost": {"input": Decimal("1.50"), "output": Decimal("5"), "cache_read": Decimal("1.5E-7"), "tiers": []},
            "limit": {"context": 131_072},
            "flags": [True, False],
            "neg": Decimal("-0.0"),
            "odd": [Decimal("Infinity"), Decimal("-Infinity")],
        },
        "providers/p/models/gone.toml": None,
    },
    {"providers/p/models/bad.toml": "line 1, column 2: invalid TOML"},
)


def exact(value: object) -> object:
    """A value with every number's type and decimal text spelled out, so that == compares them too."""
    if isinstance(value, dict):
        return {key: exact(item) for key, item in value.items()}
    if isinstance(value, list):
        return [exact(item) for item in value]
    return (type(value).__name__, str(value))


def test_a_line_round_trips_exactly() -> None:
    line = store.dumps(SAMPLE)
    assert '"input":1.50' in line
    assert '"output":5E0' in line  # a whole Decimal stays a Decimal
    assert '"cache_read":1.5E-7' in line
    assert '"title":"a \\"title\\" — with ünïcode"' in line
    assert line.startswith('{"changes":{"providers/p/models/gone.toml":null,')
    back = store.loads(line)
    assert exact(back.changes) == exact(SAMPLE.changes)
    assert back == SAMPLE


def test_nan_round_trips() -> None:
    back = store.loads(store.dumps(Commit("0" * 40, "t", "", {"p": {"x": Decimal("NaN")}})))
    record = back.changes["p"]
    assert record is not None and record["x"].is_nan()


def test_dates_are_written_as_text() -> None:
    line = store.dumps(Commit("0" * 40, "t", "", {"p": {"release_date": date(2025, 5, 7)}}))
    assert '"release_date":"2025-05-07"' in line


def test_write_is_deterministic_gzip(tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl.gz", tmp_path / "b.jsonl.gz"
    store.write([SAMPLE, SAMPLE], first)
    store.write([SAMPLE, SAMPLE], second)
    data = first.read_bytes()
    assert data == second.read_bytes()
    assert data[4:8] == b"\0\0\0\0"  # no time stamp
    assert data[3] & 0x08 == 0  # no file name
    assert gzip.decompress(data) == f"{store.dumps(SAMPLE)}\n".encode() * 2
    assert list(store.read(first)) == [SAMPLE, SAMPLE]


def test_read_names_a_bad_file(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl.gz"
    path.write_bytes(b"not gzip")
    with pytest.raises(InputError, match="not a gzip'd history file"):
        list(store.read(path))
    path.write_bytes(gzip.compress(b'{"sha": "x"}\n'))
    with pytest.raises(InputError, match="line 1: a history line has the keys"):
        list(store.read(path))
    with pytest.raises(InputError, match="cannot read"):
        list(store.read(tmp_path / "missing.jsonl.gz"))


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    return build(tmp_path_factory.mktemp("history") / "models.dev")


@needs_git
def test_history_round_trips(repo: Repo, tmp_path: Path) -> None:
    commits = list(extract(repo.path))
    path = tmp_path / "history.jsonl.gz"
    store.write(commits, path)
    back = list(store.read(path))
    assert back == commits
    assert [exact(commit.changes) for commit in back] == [exact(commit.changes) for commit in commits]


@needs_git
def test_extend_from_any_commit_is_write(repo: Repo, tmp_path: Path) -> None:
    commits = list(extract(repo.path))
    whole = tmp_path / "whole.jsonl.gz"
    store.write(commits, whole)
    for count in range(len(commits) + 1):
        path = tmp_path / f"first-{count}.jsonl.gz"
        store.write(commits[:count], path)
        assert store.extend(path, repo.path) == len(commits) - count
        assert path.read_bytes() == whole.read_bytes(), count


@needs_git
def test_extend_without_new_commits_leaves_the_file(repo: Repo, tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl.gz"
    assert store.extend(path, repo.path) == 10  # no file yet: the whole history
    before = path.stat().st_mtime_ns, path.read_bytes()
    assert store.extend(path, repo.path) == 0
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before


@needs_git
def test_extend_to_an_older_commit_keeps_the_history_up_to_it(repo: Repo, tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl.gz"
    store.write(extract(repo.path), path)
    older = repo.shas["fix a-1 price"]
    assert store.extend(path, repo.path, ref=older) == 0
    expected = tmp_path / "older.jsonl.gz"
    store.write(extract(repo.path, ref=older), expected)
    assert path.read_bytes() == expected.read_bytes()
    assert [commit.sha for commit in store.read(path)][-1] == older
