"""The fault suite: a build broken in the middle of a stage ends in one of two states, never a mix.

Either the previous outputs (build/, dist/) and the pinned upstream/ are exactly as they were, or
the new outputs are complete: exactly what a build without the fault gives. Each fault is made
to happen mid-stage, in a copy of a tree built once, whose LiteLLM pin has changed since (so that
every stage has work to do); the build runs in a child process (tests/helpers/faults.py), and a
failure must say which stage failed. docs/hostile-input.md has the table of faults and outcomes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from aimkg.build.manifest import Manifest, verify
from aimkg.build.pipeline import Pipeline
from aimkg.build.upstream import update
from aimkg.cli import cli
from aimkg.core.errors import InputError
from aimkg.history import store as history
from aimkg.history.store import HISTORY_FILE
from tests.helpers.catalogs import REPO, pin, pinned_subset
from tests.helpers.repos import MIT, git, needs_git, write

#: The seconds a child build may take (one takes about two).
TIMEOUT = 120
#: What a build says when it finds the leftovers of a killed one.
THROWN_AWAY = "throwing away what an interrupted build left"


def state(root: Path) -> dict[str, str]:
    """Every file and folder under root (build/, dist/, upstream/ and any leftover), by relative path: its sha256."""
    found = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if relative == "build/.lock":  # holds the pid of the last build, for the message of one that waits
            continue
        found[relative] = "folder" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def build_options(root: Path) -> list[str]:
    return ["--upstream", str(root / "upstream"), "--work", str(root / "build"), "-o", str(root / "dist")]


def child(root: Path, fault: str, *arguments: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """Run ``aimkg build`` on the tree in a child process, with a fault (tests/helpers/faults.py)."""
    command = [*prefix, sys.executable, "-m", "tests.helpers.faults", fault, *arguments, "--", *build_options(root)]
    return subprocess.run(command, cwd=REPO, env=child_env(), capture_output=True, text=True, timeout=TIMEOUT)


def bound_by_permissions() -> tuple[str, ...]:
    """What makes a child process heed permission bits: as root, running it without CAP_DAC_OVERRIDE."""
    if os.geteuid() != 0:
        return ()
    prefix = ("setpriv", "--bounding-set", "-dac_override")
    if shutil.which("setpriv") is None or subprocess.run([*prefix, "true"], capture_output=True).returncode:
        pytest.skip("as root, a read-only folder needs setpriv (util-linux) and CAP_SETPCAP to be read-only")
    return prefix


def child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(REPO)}


def rebuild(root: Path) -> tuple[list[str], list[str]]:
    """The next build, in this process: what it says, and its log."""
    said: list[str] = []
    log = Pipeline(root / "upstream", root / "build", root / "dist", say=said.append).run()
    return said, log.lines()


def outcome(root: Path, before: dict[str, str]) -> str:
    """Which of the two allowed states the fault left ("previous" or "new"); fail on anything else.

    "new" is what the next build leaves, having done whatever is left to do.
    """
    after = state(root)
    rebuild(root)
    new = state(root)
    assert new != before, "the tree's pin changed: a whole build must change the outputs"
    assert after in (before, new), (
        f"a mix: changed {sorted(k for k in after.keys() | before.keys() if after.get(k) != before.get(k))}"
    )
    return "previous" if after == before else "new"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tree built once: upstream/ (a small pin), build/ and dist/."""
    root = tmp_path_factory.mktemp("built")
    pinned_subset(root / "upstream")
    Pipeline(root / "upstream", root / "build", root / "dist").run()
    return root


@pytest.fixture
def tree(built: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the built tree whose LiteLLM pin has changed since."""
    root = tmp_path / "tree"
    shutil.copytree(built, root)
    path = root / "upstream" / "litellm" / "model_prices_and_context_window.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["mistral/mistral-small-2603"]["input_cost_per_token"] = 5e-07
    path.write_text(json.dumps(data), encoding="utf-8")
    pin(root / "upstream" / "litellm", "litellm")
    yield root
    for folder in [root, *root.rglob("*")]:  # whatever a test left read-only
        if folder.is_dir() and not folder.is_symlink():
            folder.chmod(0o755)


# ---------------------------------------------------------------- killed


@pytest.mark.parametrize("stage", ["catalog", "validate", "export"])
def test_a_build_killed_mid_stage_leaves_the_previous_outputs(tree: Path, stage: str) -> None:
    before = state(tree)
    done = child(tree, "kill", stage)
    assert done.returncode == -9, done.stderr
    assert (tree / "build" / ".next").exists()  # the stage had begun
    said, log = rebuild_after(tree, before)
    assert said == [f"{THROWN_AWAY} ({tree / 'build' / '.next'})"]
    assert [line.split(":")[0] for line in log] == ["catalog", "validate", "export"]


def rebuild_after(tree: Path, before: dict[str, str]) -> tuple[list[str], list[str]]:
    """Assert that the tree is as it was, then build it again."""
    leftovers = {key for key in state(tree).keys() - before.keys() if ".next" in key}
    after = {key: value for key, value in state(tree).items() if key not in leftovers}
    assert after == before, "the previous outputs changed"
    return rebuild(tree)


def test_a_build_killed_during_its_commit_is_finished_by_the_next(tree: Path) -> None:
    done = child(tree, "kill", "commit")
    assert done.returncode == -9, done.stderr
    assert (tree / "build" / ".next" / "COMMIT").exists()
    said, log = rebuild(tree)
    assert said == [f"finishing the commit of an interrupted build ({tree / 'build' / '.next'})"]
    assert log == [f"{stage}: up to date (0.0 s)" for stage in ("catalog", "validate", "export")]
    finished = state(tree)
    assert not [key for key in finished if ".next" in key or ".old" in key]
    Pipeline(tree / "upstream", tree / "build", tree / "dist", force=True).run()  # the same build, never killed
    assert state(tree) == finished


# ---------------------------------------------------------------- disk full


@pytest.mark.parametrize(("stage", "written"), [("catalog", "build/.next/catalog.nt"), ("export", "dist.next/aimkg")])
def test_a_full_disk_mid_stage_leaves_the_previous_outputs(tree: Path, stage: str, written: str) -> None:
    before = state(tree)
    # catalog: no file may reach its size; export: the catalog fits, the exports (catalog and curated data) do not
    limit = 100_000 if stage == "catalog" else (tree / "build" / "catalog.nt").stat().st_size + 10_000
    done = child(tree, "file-size", str(limit))
    assert done.returncode == 2, done.stderr
    [line] = done.stderr.splitlines()
    assert line.startswith(f"error: build stage {stage} failed: {tree}/"), line
    assert written in line and line.endswith(": cannot write: File too large"), line
    assert outcome(tree, before) == "previous"


# ---------------------------------------------------------------- read-only output


@pytest.mark.parametrize(
    ("folder", "stage", "unwritable"), [("build", "catalog", "build/.next"), (".", "export", ".dist.next")]
)
def test_a_read_only_output_leaves_the_previous_outputs(tree: Path, folder: str, stage: str, unwritable: str) -> None:
    before = state(tree)
    (tree / folder).chmod(0o555)
    done = child(tree, "none", prefix=bound_by_permissions())
    (tree / folder).chmod(0o755)
    assert done.returncode == 2, done.stderr
    [line] = done.stderr.splitlines()
    assert line.startswith(f"error: build stage {stage} failed: {tree / unwritable}"), line
    assert line.endswith("Permission denied"), line
    assert outcome(tree, before) == "previous"


# ---------------------------------------------------------------- upstream


def test_a_pinned_file_that_fails_its_sha256_stops_the_build_first(tree: Path) -> None:
    before = state(tree)
    data = tree / "upstream" / "genai-prices" / "data.json"
    whole = data.read_bytes()
    data.write_bytes(whole[: len(whole) // 2])  # truncated, its manifest unchanged
    result = CliRunner().invoke(cli, ["build", *build_options(tree)])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"error: build stage upstream failed: {tree / 'upstream' / 'genai-prices'}: does not match its MANIFEST.json: "
        "changed: data.json (sha256 "
    )
    data.write_bytes(whole)
    assert outcome(tree, before) == "previous"


def test_a_truncated_download_leaves_the_pin_and_the_build_as_they_were(tree: Path) -> None:
    www = tree.parent / "www"
    data = (tree / "upstream" / "genai-prices" / "data.json").read_text(encoding="utf-8")
    write(www, {"prices/new_data/v2/data.json": data[: len(data) // 2], "prices/new_data/v2/data.schema.json": "{}"})
    write(www, {"LICENSE": MIT})
    before = state(tree)
    with pytest.raises(InputError, match=r"data\.json: not valid JSON .*; it may be truncated"):
        update("genai-prices", tree / "upstream", origin=(www / "prices/new_data/v2/data.json").as_uri(), ref="v2")
    assert state(tree) == before
    assert outcome(tree, before) == "previous"


@pytest.fixture
def models_dev_repo(tree: Path) -> Path:
    """A models.dev-like git repository of two commits."""
    repo = tree.parent / "models.dev"
    repo.mkdir()
    git(repo, "init", "--quiet", "--initial-branch=dev")
    write(repo, {"LICENSE": MIT, "providers/acme/provider.toml": 'name = "Acme"\n'})
    write(repo, {"providers/acme/models/acme-1.toml": 'name = "Acme 1"\n'})
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "first")
    write(repo, {"providers/acme/models/acme-2.toml": 'name = "Acme 2"\n'})
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "second", date="2026-04-05T12:00:00+00:00")
    return repo


@needs_git
def test_a_shallow_repository_is_refused_before_it_cuts_the_history_short(tree: Path, models_dev_repo: Path) -> None:
    """A shallow clone does not hang, and does not replace the pinned history with its own stub."""
    shallow = tree.parent / "shallow"
    git(tree.parent, "clone", "--quiet", "--depth", "1", models_dev_repo.as_uri(), str(shallow))
    before = state(tree)
    with pytest.raises(InputError, match=r"a shallow clone, whose history does not reach .*; clone it whole"):
        update("models-dev", tree / "upstream", origin=str(shallow))
    assert state(tree) == before


@needs_git
def test_a_shallow_repository_that_holds_the_pinned_history_extends_it(tree: Path, models_dev_repo: Path) -> None:
    root = tree / "upstream"
    first = update("models-dev", root, origin=str(models_dev_repo), ref="HEAD~1")  # the pinned history: 1 commit
    shallow = tree.parent / "shallow"
    git(tree.parent, "clone", "--quiet", "--depth", "2", models_dev_repo.as_uri(), str(shallow))
    manifest = update("models-dev", root, origin=str(shallow))
    assert (first.version, manifest.version) == (
        git(models_dev_repo, "rev-parse", "HEAD~1"),
        git(models_dev_repo, "rev-parse", "HEAD"),
    )
    assert sorted(manifest.files) == [
        "LICENSE",
        HISTORY_FILE,
        "providers/acme/models/acme-1.toml",
        "providers/acme/models/acme-2.toml",
        "providers/acme/provider.toml",
    ]
    assert [commit.title for commit in history.read(root / "models-dev" / HISTORY_FILE)] == ["first", "second"]
    assert verify(root / "models-dev") == []


@needs_git
def test_a_corrupt_repository_leaves_the_pin_as_it_was(tree: Path, models_dev_repo: Path) -> None:
    blob = git(models_dev_repo, "rev-parse", "HEAD:providers/acme/models/acme-2.toml")
    loose = models_dev_repo / ".git" / "objects" / blob[:2] / blob[2:]
    loose.chmod(stat.S_IWUSR | stat.S_IRUSR)
    loose.unlink()  # the object is gone: the repository is corrupt
    before = state(tree)
    pinned = Manifest.read(tree / "upstream" / "models-dev")
    with pytest.raises(InputError, match=r"acme-2\.toml could not be read: .* is incomplete or corrupt"):
        update("models-dev", tree / "upstream", origin=str(models_dev_repo))
    assert state(tree) == before
    assert Manifest.read(tree / "upstream" / "models-dev") == pinned


# ---------------------------------------------------------------- two builds at once


def start(tree: Path, fault: str, *arguments: str, build: tuple[str, ...] = ()) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "tests.helpers.faults", fault, *arguments, "--", *build_options(tree), *build]
    return subprocess.Popen(
        command, cwd=REPO, env=child_env(), stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )


def wait_for(path: Path) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


@pytest.mark.parametrize("wait", [True, False], ids=["waits", "no-wait"])
def test_two_builds_at_once_run_one_after_the_other(tree: Path, wait: bool) -> None:
    gate = tree.parent / "gate"
    first = start(tree, "pause", str(gate))  # holds the lock, paused in the middle of validate
    try:
        wait_for(Path(f"{gate}.paused"))
        second = start(tree, "pause", str(tree.parent / "open"), build=() if wait else ("--no-wait",))
        if wait:
            time.sleep(1)  # let the second reach the lock
            assert second.poll() is None
        else:
            _, refused = second.communicate(timeout=TIMEOUT)
            assert second.returncode == 2
            assert refused == (
                f"error: {tree / 'build' / '.lock'}: another build (pid {first.pid}) is running; "
                "wait for it, or run this one without --no-wait\n"
            )
    finally:
        gate.touch()
        (tree.parent / "open").touch()
    _, first_said = first.communicate(timeout=TIMEOUT)
    assert first.returncode == 0, first_said
    assert [line.split(":")[0] for line in first_said.splitlines()] == ["catalog", "validate", "export"]
    if wait:
        _, second_said = second.communicate(timeout=TIMEOUT)
        assert second.returncode == 0, second_said
        assert second_said.splitlines() == [
            f"waiting for another build (pid {first.pid}) to finish ({tree / 'build' / '.lock'})",
            *(f"{stage}: up to date (0.0 s)" for stage in ("catalog", "validate", "export")),
        ]
    finished = state(tree)
    assert rebuild(tree) == ([], [f"{stage}: up to date (0.0 s)" for stage in ("catalog", "validate", "export")])
    assert state(tree) == finished
