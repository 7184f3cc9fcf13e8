"""The cache folder: keys from the inputs' bytes, entries built once under a lock, renamed into place, pruned."""

from __future__ import annotations

import os
import tempfile
import threading
import time
from pathlib import Path

import pytest

from aimkg.core.limits import InputLimits
from aimkg.query import cache
from aimkg.query.cache import (
    COMPLETE,
    CacheUnavailableError,
    cache_root,
    cached,
    code_digest,
    file_digest,
    inputs_key,
    prune,
)


def test_cache_root_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("AIMKG_CACHE", str(tmp_path / "mine"))
    assert cache_root() == tmp_path / "mine"
    monkeypatch.setenv("AIMKG_CACHE", "off")
    assert cache_root() is None
    monkeypatch.delenv("AIMKG_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == tmp_path / "xdg" / "aimkg"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_root() == Path.home() / ".cache" / "aimkg"


def test_key_changes_with_any_byte_the_path_the_order_and_the_limits(tmp_path: Path) -> None:
    a, b = tmp_path / "a.ttl", tmp_path / "b.ttl"
    a.write_text("one")
    b.write_text("two")
    key = inputs_key("store", [a, b])
    assert key == inputs_key("store", [a, b])
    assert key != inputs_key("store", [b, a])
    assert key != inputs_key("other", [a, b])
    assert key != inputs_key("store", [a, b], InputLimits(max_literal_chars=10))
    a.write_text("onE")
    assert key != inputs_key("store", [a, b])
    moved = tmp_path / "moved.ttl"
    a.rename(moved)
    moved.write_text("one")
    assert key != inputs_key("store", [moved, b])


def test_a_large_file_is_hashed_once_until_it_is_written_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "HASH_MEMO_BYTES", 10)
    root, big = tmp_path / "cache", tmp_path / "big.nt"
    big.write_bytes(b"x" * 100)
    hashed: list[Path] = []
    real = cache.sha256

    def counting(path: Path) -> str:
        hashed.append(path)
        return real(path)

    monkeypatch.setattr(cache, "sha256", counting)
    first = file_digest(big, root)
    assert file_digest(big, root) == first and len(hashed) == 1
    stat = big.stat()
    big.write_bytes(b"y" * 100)  # same size; the mtime is even set back: the change time still differs
    os.utime(big, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert file_digest(big, root) != first and len(hashed) == 2


def test_an_entry_is_built_once_and_then_found(tmp_path: Path) -> None:
    calls: list[Path] = []

    def build(folder: Path) -> None:
        calls.append(folder)
        (folder / "data").write_text("built")

    first = cached("kind", "k1", build, tmp_path)
    assert first.built and (first.path / "data").read_text() == "built" and (first.path / COMPLETE).is_file()
    again = cached("kind", "k1", build, tmp_path)
    assert not again.built and again.path == first.path and len(calls) == 1
    assert calls[0] != first.path, "built in a temporary folder, then renamed into place"


def test_a_failed_build_leaves_nothing(tmp_path: Path) -> None:
    def failing(folder: Path) -> None:
        (folder / "half").write_text("half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        cached("kind", "k1", failing, tmp_path)
    assert sorted(p.name for p in (tmp_path / "kind").iterdir()) == ["k1.lock"]


def test_concurrent_builders_wait_for_the_first(tmp_path: Path) -> None:
    started, results, calls = threading.Event(), [], []

    def slow(folder: Path) -> None:
        calls.append(folder)
        started.set()
        time.sleep(0.3)
        (folder / "data").write_text("built")

    def run() -> None:
        results.append(cached("kind", "k1", slow, tmp_path))

    first = threading.Thread(target=run)
    first.start()
    started.wait(5)
    second = threading.Thread(target=run)
    second.start()
    first.join(10)
    second.join(10)
    assert len(calls) == 1
    assert sorted(entry.built for entry in results) == [False, True]


def test_an_unwritable_cache_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkdtemp", refused)  # as on a read-only cache, even for root
    with pytest.raises(CacheUnavailableError, match="cannot write the cache"):
        cached("kind", "k1", lambda folder: None, tmp_path)


def test_a_cache_path_that_is_a_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("not a folder", encoding="utf-8")
    with pytest.raises(CacheUnavailableError, match="cannot write the cache"):
        cached("kind", "k1", lambda folder: None, tmp_path / "cache")


def test_a_new_cache_is_private(tmp_path: Path) -> None:
    cached("kind", "k1", lambda folder: None, tmp_path / "cache")
    assert (tmp_path / "cache").stat().st_mode & 0o077 == 0


def test_prune_keeps_the_recent_and_the_newest_few(tmp_path: Path) -> None:
    for number in range(6):
        cached("kind", f"k{number}", lambda folder: None, tmp_path)
    for number in range(6):
        os.utime(tmp_path / "kind" / f"k{number}.lock", (1000 + number, 1000 + number))
    now = 1000 + cache.MAX_AGE_SECONDS + 3.5  # k4 and k5 were used within the last day
    removed = prune(tmp_path / "kind", keep={"k0"}, now=now)
    assert sorted(removed) == ["k1", "k2"]  # k5, k4, k3 are the newest three; k0 is in use
    assert sorted(p.name for p in (tmp_path / "kind").iterdir() if not p.name.endswith(".lock")) == [
        "k0", "k3", "k4", "k5"
    ]  # fmt: skip


def test_the_code_that_builds_an_entry_is_part_of_its_key() -> None:
    assert code_digest("io") == code_digest("io") != code_digest("io", "export")
