"""The index on disk: built once per set of inputs, read back, rebuilt when an input changes, safe to share."""

from __future__ import annotations

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
from aimkg.query.cache import CACHE_ENV

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


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The cache folder of this test (aimkg.query.cache), not yet created."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def index_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{cache.KIND}/*/{cache.INDEX_FILE}"))


def test_the_index_is_built_once_then_read(graph: list[Path], folder: Path, builds: list[int]) -> None:
    first = cache.load_index(graph)
    second = cache.load_index(graph)
    assert len(builds) == 1
    assert first.stored is None and second.stored is not None
    assert price(first) == price(second) == "3.005"
    assert len(index_files(folder)) == 1


def test_a_changed_input_builds_another_index(graph: list[Path], folder: Path, builds: list[int]) -> None:
    cache.load_index(graph)
    graph[-1].write_text(graph[-1].read_text().replace("aimkg:amount 3 ;", "aimkg:amount 4 ;"), encoding="utf-8")
    changed = cache.load_index(graph)
    assert len(builds) == 2
    assert price(changed) == "4.005"
    assert len(index_files(folder)) == 2


def test_a_damaged_index_is_built_again(graph: list[Path], folder: Path, builds: list[int]) -> None:
    cache.load_index(graph)
    (index_file,) = index_files(folder)
    index_file.write_bytes(index_file.read_bytes()[:1000])
    assert price(cache.load_index(graph)) == "3.005"
    assert index_files(folder) == []  # dropped ...
    assert price(cache.load_index(graph)) == "3.005"
    assert len(index_files(folder)) == 1  # ... and cached anew
    assert len(builds) == 3


def test_an_index_of_another_format_is_not_read(graph: list[Path], folder: Path, builds: list[int]) -> None:
    cache.load_index(graph)
    (index_file,) = index_files(folder)
    with sqlite3.connect(index_file) as connection:
        connection.execute("UPDATE entries SET value = '-1' WHERE tab = '' AND name = 'format'")
    assert price(cache.load_index(graph)) == "3.005"
    assert len(builds) == 2


@pytest.mark.parametrize("setting", ["off", "a-file"])
def test_without_a_usable_cache_the_index_is_built_in_memory(
    graph: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, builds: list[int], setting: str
) -> None:
    if setting == "a-file":
        (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
        setting = str(tmp_path / "a-file")
    monkeypatch.setenv(CACHE_ENV, setting)
    assert price(cache.load_index(graph)) == "3.005"
    assert price(cache.load_index(graph)) == "3.005"
    assert len(builds) == 2


def test_a_stored_index_reads_only_the_rows_a_call_needs(graph: list[Path], folder: Path) -> None:
    cache.load_index(graph)
    index = cache.load_index(graph)
    assert index.stored is not None
    price(index)
    assert set(index.tables) <= {"catalogs", "platform_names"}  # no big table read whole
    assert {table for table, _ in index.entries} == {"ids", "endpoints"}


def test_a_new_cache_folder_is_private(graph: list[Path], folder: Path) -> None:
    cache.load_index(graph)
    assert folder.stat().st_mode & 0o077 == 0


BUILD_ONE = """
import sys
from pathlib import Path
from aimkg.cost.cache import load_index
from aimkg.cost.report import money
from aimkg.cost.usage import Usage
graph = [Path(name) for name in sys.argv[1:]]
print(money(load_index(graph).cost("test-claude-1", Usage(input_tokens=1_000_000)).total))
"""


def test_two_processes_that_build_at_once_both_answer(graph: list[Path], folder: Path) -> None:
    command = [sys.executable, "-c", BUILD_ONE, *map(str, graph)]
    running = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    answers = [process.communicate(timeout=120)[0].strip() for process in running]
    assert answers == ["3.005", "3.005"]
    assert [process.returncode for process in running] == [0, 0]
    assert price(cache.load_index(graph)) == "3.005"
    assert len(index_files(folder)) == 1
    assert not [path for path in (folder / cache.KIND).iterdir() if path.name.startswith(".")]  # no temporary left
