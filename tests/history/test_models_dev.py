"""extract: a small repository's first-parent history gives exactly the commits it must."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from aimkg.core.errors import InputError
from aimkg.history import git
from aimkg.history.models_dev import Commit, extract, fold, same
from aimkg.history.store import dumps
from tests.history.history_repo import A2, ALIAS, Repo, build, expected

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    return build(tmp_path_factory.mktemp("history") / "models.dev")


@pytest.fixture(scope="module")
def commits(repo: Repo) -> list[Commit]:
    return list(extract(repo.path))


def test_every_commit_exactly(repo: Repo, commits: list[Commit]) -> None:
    assert commits == expected(repo)
    # == compares numbers by value; the lines also say 1.50 and 1.5, 0 and 0.0 apart
    assert [dumps(commit) for commit in commits] == [dumps(commit) for commit in expected(repo)]


def test_the_side_commit_is_not_a_first_parent_commit(repo: Repo, commits: list[Commit]) -> None:
    assert repo.shas["add a-3, repair a-2"] not in {commit.sha for commit in commits}
    assert len(commits) == len(git.first_parents(repo.path, "HEAD")) == 10


def test_since_gives_only_the_newer_commits(repo: Repo, commits: list[Commit]) -> None:
    for index, commit in enumerate(commits):
        assert list(extract(repo.path, since=commit.sha)) == commits[index + 1 :], commit.title


def test_since_off_the_first_parent_history_is_refused(repo: Repo) -> None:
    with pytest.raises(InputError, match="not on the first-parent history"):
        list(extract(repo.path, since=repo.shas["add a-3, repair a-2"]))


def test_ref_reads_another_branch(repo: Repo, commits: list[Commit]) -> None:
    side = list(extract(repo.path, ref="side"))
    assert [commit.sha for commit in side[:-1]] == [commit.sha for commit in commits[:6]]
    assert side[-1].sha == repo.shas["add a-3, repair a-2"]
    assert side[-1].time == "2026-06-05T00:00:00Z"


def test_fold_is_the_catalog_after_the_commits(commits: list[Commit]) -> None:
    state = fold(commits)
    assert ALIAS not in state
    assert state[A2]["cost"] == {"input": Decimal("0.6"), "output": 1}


def test_not_a_repository(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="names no commit"):
        list(extract(tmp_path))


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [
        (Decimal("1.50"), Decimal("1.5"), True),
        (1, Decimal("1.0"), True),
        (True, 1, False),
        (False, Decimal(0), False),
        ({"a": [1, {"b": "x"}]}, {"a": [1, {"b": "x"}]}, True),
        ({"a": 1}, {"a": 1, "b": 2}, False),
        ([1, 2], [2, 1], False),
        ("1", 1, False),
        (None, {}, False),
        (Decimal("NaN"), Decimal("NaN"), True),
    ],
)
def test_same_compares_values(a: Any, b: Any, equal: bool) -> None:
    assert same(a, b) is equal
    assert same(b, a) is equal


def test_inheritance_that_names_nothing_is_reported(tmp_path: Path) -> None:
    repo = Repo(tmp_path)
    repo.git("init", "--quiet", "--initial-branch=dev")
    loop_a, loop_b = "providers/p/models/a.toml", "providers/q/models/b.toml"
    lost, typo = "providers/p/models/lost.toml", "providers/p/models/typo.toml"
    files = {
        loop_a: '[extends]\nfrom = "q/b"\n',
        loop_b: '[extends]\nfrom = "p/a"\n',
        lost: '[extends]\nfrom = "p/none"\n',
        typo: '[extends]\nform = "p/a"\n',
    }
    repo.commit("inherit from nothing", "2026-06-10T00:00:00+00:00", files)
    (commit,) = extract(tmp_path)
    assert commit.changes == {}
    assert commit.invalid == {
        loop_a: "extends.from 'q/b' leads back to this file",
        loop_b: "extends.from 'p/a' leads back to this file",
        lost: "extends.from 'p/none' names no model file",
        typo: '[extends] needs from = "<provider>/<model>"',
    }
