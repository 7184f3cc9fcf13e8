"""Atomic writes: a failure at any point leaves the previous file and no temporary file."""

from __future__ import annotations

from pathlib import Path

import pytest

from aimkg.core.errors import InputError
from aimkg.io.atomic import old_folder, replace_folder, write_atomic


@pytest.mark.parametrize("failure", [OSError("disk full"), KeyboardInterrupt()], ids=["disk-full", "interrupt"])
@pytest.mark.parametrize("stage", ["write", "rename"])
def test_failure_leaves_previous_output_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException, stage: str
) -> None:
    target = tmp_path / "aimkg.ttl"
    write_atomic(target, b"previous")

    def fail(*args: object, **kwargs: object) -> None:
        raise failure

    if stage == "rename":
        monkeypatch.setattr(Path, "replace", fail)
    else:
        monkeypatch.setattr("os.fdopen", fail)
    expected = InputError if isinstance(failure, OSError) else type(failure)  # a failed write names the file
    with pytest.raises(expected):
        write_atomic(target, "new")
    assert target.read_bytes() == b"previous"
    assert [path.name for path in tmp_path.iterdir()] == ["aimkg.ttl"]


def test_text_and_bytes_are_written_whole(tmp_path: Path) -> None:
    write_atomic(tmp_path / "a" / "b.txt", "caf\u00e9\n")
    write_atomic(tmp_path / "c.bin", b"\x00\x01")
    assert (tmp_path / "a" / "b.txt").read_bytes() == "caf\u00e9\n".encode()
    assert (tmp_path / "c.bin").read_bytes() == b"\x00\x01"


def test_unwritable_folder_is_a_clean_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(InputError, match="cannot write"):
        write_atomic(blocker / "out.ttl", b"x")


def folder(path: Path, text: str) -> Path:
    path.mkdir()
    (path / "file.txt").write_text(text, encoding="utf-8")
    return path


def contents(path: Path) -> list[str]:
    return sorted(f"{child.name}:{child.read_text(encoding='utf-8')}" for child in path.iterdir())


@pytest.mark.parametrize("crashed_after", ["nothing", "moving-the-old-aside", "moving-the-new-in", "an-earlier-swap"])
def test_replace_folder_finishes_a_swap_from_wherever_it_stopped(tmp_path: Path, crashed_after: str) -> None:
    target, staged, old = tmp_path / "dist", tmp_path / ".dist.next", old_folder(tmp_path / "dist")
    folder(staged, "new")
    if crashed_after == "moving-the-old-aside":
        folder(old, "old")
    elif crashed_after == "moving-the-new-in":
        folder(old, "old")
        staged.rename(target)
    else:
        folder(target, "old")
        if crashed_after == "an-earlier-swap":
            folder(old, "older")  # left by an earlier swap that stopped before deleting it
    replace_folder(staged, target)
    assert contents(target) == ["file.txt:new"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["dist"]


def test_replace_folder_with_nothing_staged_keeps_the_old_folder(tmp_path: Path) -> None:
    target = tmp_path / "dist"
    folder(old_folder(target), "old")  # moved aside, and nothing to put in its place
    replace_folder(tmp_path / ".dist.next", target)
    assert contents(target) == ["file.txt:old"]
