"""The query store: the files' triples on disk, built once per set of inputs, opened read-only, by many at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from aimkg.core.errors import InputError
from aimkg.core.limits import InputLimits
from aimkg.io.read import bundled_files, read_store
from aimkg.query.cache import COMPLETE
from aimkg.query.store import KIND, open_store, store_entry, store_path

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
EXTRA = '<https://w3id.org/aimkg/id/provider/extra> <http://www.w3.org/2000/01/rdf-schema#label> "Extra"@en .\n'


def count(store: ox.Store) -> int:
    solutions = store.query(COUNT)
    assert isinstance(solutions, ox.QuerySolutions)
    return int(next(iter(solutions))["n"].value)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("AIMKG_CACHE", str(folder))
    return folder


def entries(cache: Path) -> list[str]:
    return sorted(p.name for p in (cache / KIND).iterdir() if p.is_dir() and not p.name.startswith("."))


def test_the_store_holds_what_the_in_memory_reader_holds(cache: Path) -> None:
    store = open_store(bundled_files())
    assert count(store) == count(read_store(bundled_files()))
    assert set(store) == set(read_store(bundled_files()))


def test_the_second_open_reuses_the_store_and_a_changed_file_makes_a_new_one(cache: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra.nt"
    extra.write_text(EXTRA)
    first = store_entry([*bundled_files(), extra])
    assert first is not None and first.built and (first.path / COMPLETE).is_file()
    again = store_entry([*bundled_files(), extra])
    assert again is not None and not again.built and again.path == first.path
    before = count(open_store([*bundled_files(), extra]))
    extra.write_text(EXTRA + EXTRA.replace("extra>", "other>"))
    changed = store_entry([*bundled_files(), extra])
    assert changed is not None and changed.built and changed.path != first.path
    assert count(open_store([*bundled_files(), extra])) == before + 1
    assert len(entries(cache)) == 2


def test_the_store_is_read_only(cache: Path) -> None:
    store = open_store(bundled_files())
    with pytest.raises(RuntimeError, match="read-write"):
        store.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")


def test_bad_input_builds_nothing(cache: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<urn:a> <urn:b> .\n")
    with pytest.raises(InputError, match=r"broken\.ttl: line 1"):
        open_store([broken])
    long = tmp_path / "long.nt"
    long.write_text('<urn:a> <urn:b> "' + "x" * 50 + '" .\n')
    with pytest.raises(InputError, match=r"long\.nt"):
        open_store([long], InputLimits(max_literal_chars=10))
    assert entries(cache) == []


def test_without_a_cache_the_store_is_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIMKG_CACHE", "off")
    assert store_entry(bundled_files()) is None
    assert count(open_store(bundled_files())) == count(read_store(bundled_files()))


OPEN = """
import sys, pyoxigraph as ox
from pathlib import Path
from aimkg.io.read import bundled_files
from aimkg.query.store import open_store
store = open_store([*bundled_files(), Path(sys.argv[1])])
print(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)
"""


def test_two_processes_at_once_build_one_store_and_agree(cache: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra.nt"
    extra.write_text(EXTRA)
    command = [sys.executable, "-c", OPEN, str(extra)]
    running = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [process.communicate(timeout=120)[0] for process in running]
    assert [process.returncode for process in running] == [0, 0]
    assert outputs[0] == outputs[1] and int(outputs[0]) == count(read_store([*bundled_files(), extra]))
    assert len(entries(cache)) == 1
    assert not [p for p in (cache / KIND).iterdir() if p.name.startswith(".")], "a staging folder was left"


def test_the_store_path_is_inside_the_entry(cache: Path) -> None:
    entry = store_entry(bundled_files())
    assert entry is not None and store_path(entry).parent == entry.path
