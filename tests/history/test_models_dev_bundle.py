"""models.dev's real history (the shared bundle, pinned at f3fc6922): its counts, and a last commit
that reads as the importer reads the pinned snapshot. Skipped when ../shared is absent."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from aimkg.history.models_dev import Commit, extract, fold, same
from aimkg.sources.fields import FieldReader
from aimkg.sources.models_dev import ModelsDevImporter, read_toml
from aimkg.sources.records import Entry
from tests.helpers.catalogs import PEERS, REPO

BUNDLE = PEERS / "models.dev.bundle"
PINNED = REPO / "upstream" / "models-dev"
HEAD = "f3fc692299671838c7c65fd8126bf84d81a2e817"

pytestmark = [
    pytest.mark.skipif(not BUNDLE.is_file(), reason="../shared is absent"),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("models.dev") / "clone"
    subprocess.run(
        ["git", "clone", "--quiet", "--no-checkout", str(BUNDLE), str(folder)], check=True, capture_output=True
    )
    return folder


@pytest.fixture(scope="module")
def commits(clone: Path) -> list[Commit]:
    return list(extract(clone))  # about 5 s


def test_counts(commits: list[Commit]) -> None:
    assert len(commits) == 2_473  # first-parent commits (README §5)
    assert commits[-1].sha == HEAD
    assert len({path for commit in commits for path in commit.changes}) == 7_497  # files ever seen
    assert sum(bool(commit.changes) for commit in commits) == 2_203  # commits that changed a record
    assert sum(len(commit.changes) for commit in commits) == 24_272  # changes
    assert len(fold(commits)) == 5_276  # files at the pinned commit


def test_invalid_reports(commits: list[Commit]) -> None:
    reports = {(commit.sha[:8], path): reason for commit in commits for path, reason in commit.invalid.items()}
    assert {key: reason.split(";")[0] for key, reason in reports.items()} == {
        ("494595bf", "providers/anthropic/models/claude-sonnet-4-20250514.toml"): (
            "line 5, column 19: invalid TOML: Cannot overwrite a value"
        ),
        ("0fed5ac6", "providers/openrouter/models/qwen/qwen3-max.toml"): (
            "line 20, column 18: invalid TOML: Cannot overwrite a value"
        ),
        ("d653b23a", "providers/openrouter/models/qwen/qwen3-max.toml"): (
            "line 20, column 16: invalid TOML: Cannot overwrite a value"
        ),
        ("2f39a7b2", "providers/opencode/models/minimax-m3.toml"): (
            "base_model 'minimax/minimax-m3' names no file under models/"  # the file is MiniMax-M3.toml
        ),
    }
    for commit in commits:
        assert not commit.invalid.keys() & commit.changes.keys()  # skipped: the files keep their records


def test_merges_bring_their_branch_at_their_own_time(commits: list[Commit]) -> None:
    merge = next(commit for commit in commits if commit.sha.startswith("1f3ba4ba"))  # "add extends support"
    assert (merge.time, len(merge.changes)) == ("2026-04-17T21:49:23Z", 9)  # 16:49:23 -05:00


def test_the_13_hour_zero_price_sync_is_kept(commits: list[Commit]) -> None:
    by_sha = {commit.sha[:8]: commit for commit in commits}
    zeroed, restored = by_sha["2fb42ba8"], by_sha["9961f769"]
    zeros = {
        path
        for path, record in zeroed.changes.items()
        if record is not None and record["cost"]["input"] == 0 and record["cost"]["output"] == 0
    }
    assert len(zeros) == 18
    assert (zeroed.time, restored.time) == ("2026-06-25T14:41:46Z", "2026-06-26T04:07:56Z")
    assert all((restored.changes[path] or {})["cost"]["input"] > 0 for path in zeros)


def test_extends_copies_follow_their_source_and_drop_its_reasoning_options(commits: list[Commit]) -> None:
    by_sha = {commit.sha[:8]: commit for commit in commits}
    # anthropic's reasoning options reached the [extends] copies, until the rule changed 43 minutes later
    assert len(by_sha["477ccffe"].changes) == 145
    rule = by_sha["f91dd4ad"]
    assert len(rule.changes) == 128
    assert all("reasoning_options" not in (record or {}) for record in rule.changes.values())
    # f6c6f043 turned the 781 copies into base_model files: 703 change only in naming their base_model, 101 in
    # the now explicit tier type = "context" too
    assert len(by_sha["f6c6f043"].changes) == 804


def test_since_rebuilds_the_state_of_a_commit(clone: Path, commits: list[Commit]) -> None:
    index = next(index for index, commit in enumerate(commits) if commit.sha.startswith("477ccffe"))
    assert list(extract(clone, since=commits[index].sha)) == commits[index + 1 :]


def entry(relative: str, record: dict[str, object] | None = None) -> Entry | None:
    """The importer's Entry for a pinned file: read from the file, or mapped from the given record."""
    importer = ModelsDevImporter(PINNED)
    provider, model_id = relative.split("/")[1], relative.split("/models/", 1)[1].removesuffix(".toml")
    key = f"{provider}/{model_id}"
    if record is None:
        return importer.normalise(key, provider, model_id, PINNED / relative)
    return importer.to_entry(record, FieldReader(PINNED / relative, key, importer.report), key, provider, model_id)


@pytest.mark.parametrize(
    "relative",
    [
        "providers/mistral/models/mistral-medium-latest.toml",  # base_model, with base_model_omit
        "providers/openrouter/models/anthropic/claude-sonnet-4.toml",  # a model ID with a slash
        "providers/azure-cognitive-services/models/gpt-4o.toml",  # a symbolic link upstream
        "providers/google/models/gemini-2.5-pro.toml",  # price tiers
        "providers/openai/models/gpt-4o.toml",
        "providers/anthropic/models/claude-opus-4-5.toml",
    ],
)
def test_the_last_commit_reads_as_the_pinned_snapshot(commits: list[Commit], relative: str) -> None:
    record = fold(commits)[relative]
    assert entry(relative, record) == entry(relative)
    pinned = read_toml(PINNED / relative, ModelsDevImporter(PINNED).input_limits)
    if "base_model" not in pinned:
        assert same(record, pinned)
    assert isinstance(record["cost"]["input"], int | Decimal)
