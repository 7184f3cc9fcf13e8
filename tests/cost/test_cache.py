"""The index on disk: built once per set of inputs, read back, rebuilt when an input changes, safe to share."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from aimkg.cost import cache
from aimkg.cost.calculate import PriceIndex
from aimkg.cost.report import money
from aimkg.cost.usage import Usage
from aimkg.io.read import bundled_files

PRICES = Path(__file__).with_name("prices.ttl")


@pytest.fixture
def graph(tmp_path: Path) -> list[Path]:
    copy = tmp_path / "prices.ttl"
    copy.write_bytes(PRICES.read_bytes())
    return [*bundled_files(), copy]


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the builds from the graph (each is a read of every file)."""
    done: list[int] = []
    real = cache.build

    def counted(*args: object) -> object:
        done.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(cache, "build", counted)
    return done


def price(index: PriceIndex) -> str:
    return money(index.cost("test-claude-1", Usage(input_tokens=1_000_000)).total)


def test_the_index_is_built_once_then_read(graph: list[Path], tmp_path: Path, builds: list[int]) -> None:
    folder = tmp_path / "cache"
    first = cache.load_index(graph, folder=folder)
    second = cache.load_index(graph, folder=folder)
    assert len(builds) == 1
    assert price(first) == price(second) == "3.005"
    assert len(list(folder.glob("cost-index-*.sqlite"))) == 1
    assert (folder / cache.HASHES).is_file()


def test_a_changed_input_builds_another_index(graph: list[Path], tmp_path: Path, builds: list[int]) -> None:
    folder = tmp_path / "cache"
    cache.load_index(graph, folder=folder)
    graph[-1].write_text(graph[-1].read_text().replace("aimkg:amount 3 ;", "aimkg:amount 4 ;"), encoding="utf-8")
    changed = cache.load_index(graph, folder=folder)
    assert len(builds) == 2
    assert price(changed) == "4.005"
    assert len(list(folder.glob("cost-index-*.sqlite"))) == 2


def test_an_unchanged_file_is_not_hashed_again(
    graph: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    cache.load_index(graph, folder=folder)
    hashed: list[Path] = []
    monkeypatch.setattr(cache, "file_hash", lambda path: hashed.append(path) or "x")
    cache.load_index(graph, folder=folder)
    assert hashed == []


def test_a_damaged_index_is_built_again(graph: list[Path], tmp_path: Path, builds: list[int]) -> None:
    folder = tmp_path / "cache"
    cache.load_index(graph, folder=folder)
    (index_file,) = folder.glob("cost-index-*.sqlite")
    index_file.write_bytes(index_file.read_bytes()[:1000])
    assert price(cache.load_index(graph, folder=folder)) == "3.005"
    assert len(builds) == 2


def test_an_index_of_another_format_is_not_read(graph: list[Path], tmp_path: Path, builds: list[int]) -> None:
    folder = tmp_path / "cache"
    cache.load_index(graph, folder=folder)
    (index_file,) = folder.glob("cost-index-*.sqlite")
    with sqlite3.connect(index_file) as connection:
        connection.execute("UPDATE entries SET value = '-1' WHERE tab = '' AND name = 'format'")
    cache.load_index(graph, folder=folder)
    assert len(builds) == 2


def test_a_folder_that_cannot_be_written_builds_in_memory(graph: list[Path], tmp_path: Path, builds: list[int]) -> None:
    folder = tmp_path / "a-file"
    folder.write_text("not a folder", encoding="utf-8")
    assert price(cache.load_index(graph, folder=folder)) == "3.005"
    assert price(cache.load_index(graph, folder=folder)) == "3.005"
    assert len(builds) == 2


def test_a_stored_index_reads_only_the_rows_a_call_needs(graph: list[Path], tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    cache.load_index(graph, folder=folder)
    index = cache.load_index(graph, folder=folder)
    assert index.stored is not None
    price(index)
    assert set(index.tables) <= {"catalogs", "platform_names"}  # no big table read whole
    assert {table for table, _ in index.entries} == {"ids", "endpoints"}


def test_a_new_folder_is_private(graph: list[Path], tmp_path: Path) -> None:
    folder = tmp_path / "new" / "cache"
    cache.load_index(graph, folder=folder)
    assert folder.stat().st_mode & 0o077 == 0


def test_only_the_newest_indexes_are_kept(graph: list[Path], tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    for number in range(cache.KEEP + 2):
        old = folder / f"cost-index-{number:064x}.sqlite"
        old.write_bytes(b"")
        os.utime(old, (number, number))
    cache.load_index(graph, folder=folder)
    kept = sorted(path.name for path in folder.glob("cost-index-*.sqlite"))
    assert len(kept) == cache.KEEP
    assert f"cost-index-{0:064x}.sqlite" not in kept


def test_the_folder_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"
    monkeypatch.delenv(cache.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "aimkg"


BUILD_ONE = """
import sys
from pathlib import Path
from aimkg.cost.cache import load_index
from aimkg.cost.report import money
from aimkg.cost.usage import Usage
graph = [Path(name) for name in sys.argv[2:]]
index = load_index(graph, folder=Path(sys.argv[1]))
print(money(index.cost("test-claude-1", Usage(input_tokens=1_000_000)).total))
"""


def test_two_processes_that_build_at_once_both_answer(graph: list[Path], tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    command = [sys.executable, "-c", BUILD_ONE, str(folder), *map(str, graph)]
    running = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    answers = [process.communicate(timeout=120)[0].strip() for process in running]
    assert answers == ["3.005", "3.005"]
    assert [process.returncode for process in running] == [0, 0]
    assert price(cache.load_index(graph, folder=folder)) == "3.005"
    assert not list(folder.glob(".*.tmp"))  # no temporary file left behind
    assert len(list(folder.glob("cost-index-*.sqlite"))) == 1


@pytest.mark.parametrize("graph", ["curated", "auto", "catalog"])
def test_the_graph_s_files_are_those_the_readers_use(graph: str) -> None:
    from aimkg.core.errors import InputError
    from aimkg.io.read import graph_files

    try:
        expected = graph_files(graph)
    except InputError:
        with pytest.raises(InputError, match="no built catalog"):
            cache.graph_paths(graph)
        return
    assert cache.graph_paths(graph) == expected


def test_an_unknown_graph_is_refused() -> None:
    from aimkg.core.errors import InputError

    with pytest.raises(InputError, match="unknown graph 'everything'"):
        cache.graph_paths("everything")
