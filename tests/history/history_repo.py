"""A small models.dev-like git repository with a known history, and the commits it must give.

Each step of the history has what a catalog history reader meets: an added file, a price
change, a correction, a reformatted value, a ``base_model`` file whose base record changes, an
``[extends]`` copy whose source changes (and the 2026-06-02 rule that copies stop inheriting
``reasoning_options``), a symbolic link, invalid TOML, a side branch merged later, a deleted
file, a broken link and a deleted base record. Committer offsets run from -08:00 to +08:00.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

from aimkg.history.models_dev import Commit, extract
from aimkg.history.records import with_history
from aimkg.io.ntriples import ntriples
from aimkg.reconcile.catalog import reconcile
from aimkg.reconcile.rdf import catalog_triples
from aimkg.sources.mappings import mappings
from aimkg.sources.models_dev import ModelsDevImporter
from aimkg.sources.report import ImportResult

A1 = "providers/acme/models/a-1.toml"
A2 = "providers/acme/models/a-2.toml"
A3 = "providers/acme/models/a-3.toml"
BASE_A2 = "models/acme/a-2.toml"
COPY = "providers/router/models/acme/a-1.toml"
ALIAS = "providers/alias/models/a-1.toml"


def a1(price: str) -> str:
    return f"""name = "A 1"
reasoning_options = [{{ type = "toggle" }}]

[cost]
input = {price}
output = 2.00

[limit]
context = 128_000
output = 8_192
"""


def a2(*cost: str) -> str:
    return "\n".join(['base_model = "acme/a-2"', 'base_model_omit = ["license"]', "", "[cost]", *cost, ""])


def base_a2(knowledge: str) -> str:
    return f'name = "A 2"\nknowledge = "{knowledge}"\nopen_weights = false\nlicense = "MIT"\n'


COPY_TEXT = """name = "Router A 1"

[extends]
from = "acme/a-1"
omit = ["limit.context", "limit.output"]

[cost]
output = 2.50
"""


@dataclass
class Repo:
    """A git repository in ``path`` whose commits carry the committer dates they are given."""

    path: Path
    shas: dict[str, str] = field(default_factory=dict)

    def git(self, *args: str, date: str = "2026-01-01T00:00:00+00:00") -> str:
        """Run git with no user or system settings; the author date is never the record time."""
        identity = ["-c", "user.name=Test", "-c", "user.email=test@example.org"]
        dates = {"GIT_AUTHOR_DATE": "2020-01-01T00:00:00+00:00", "GIT_COMMITTER_DATE": date}
        env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", **dates}
        done = subprocess.run(["git", *identity, *args], cwd=self.path, env=env, check=True, capture_output=True)
        return done.stdout.decode().strip()

    def commit(self, name: str, date: str, files: dict[str, str | None], links: dict[str, str] | None = None) -> None:
        """Write (text), delete (None) and link files, and commit them as ``name``."""
        for relative, text in files.items():
            path = self.path / relative
            if text is None:
                path.unlink()
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        for relative, target in (links or {}).items():
            path = self.path / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.unlink(missing_ok=True)
            path.symlink_to(target)
        self.git("add", "--all")
        self.git("commit", "--quiet", "-m", name, date=date)
        self.shas[name] = self.git("rev-parse", "HEAD")


def build(path: Path) -> Repo:
    """Make the repository: nine first-parent commits on ``dev``, one more on a merged side branch."""
    path.mkdir()
    repo = Repo(path)
    repo.git("init", "--quiet", "--initial-branch=dev")
    repo.commit("readme", "2026-05-31T23:00:00+00:00", {"README.md": "a catalog\n"})
    repo.commit(
        "add acme",
        "2026-06-01T10:00:00+08:00",
        {
            "providers/acme/provider.toml": 'name = "Acme"\n',
            A1: a1("1.50"),
            BASE_A2: base_a2("2025-01"),
            A2: a2("input = 0.5", "output = 1"),
            COPY: COPY_TEXT,
        },
        {ALIAS: "../../acme/models/a-1.toml"},
    )
    repo.commit("cut a-1 price", "2026-06-03T09:00:00-08:00", {A1: a1("1.25")})
    repo.commit("fix a-1 price", "2026-06-04T00:30:00+05:30", {A1: a1("1.2"), A2: a2("input = 0.50", "output = 1")})
    repo.commit("a-2 knowledge", "2026-06-04T12:00:00+00:00", {BASE_A2: base_a2("2025-03")})
    repo.commit("break a-2", "2026-06-04T13:00:00+00:00", {A2: a2("input = 0.6", "input = 0.5", "output = 1")})
    repo.git("checkout", "--quiet", "-b", "side")
    repo.commit(
        "add a-3, repair a-2",
        "2026-06-05T08:00:00+08:00",
        {A3: 'name = "A 3"\n\n[cost]\ninput = 0\noutput = 0.0\n', A2: a2("input = 0.6", "output = 1")},
    )
    repo.git("checkout", "--quiet", "dev")
    repo.commit("drop the router copy", "2026-06-05T12:00:00+00:00", {COPY: None})
    repo.git("merge", "--quiet", "--no-ff", "-m", "Merge branch 'side'", "side", date="2026-06-06T08:00:00-08:00")
    repo.shas["Merge branch 'side'"] = repo.git("rev-parse", "HEAD")
    repo.commit("remove a-1", "2026-06-07T00:00:00+00:00", {A1: None})
    repo.commit("remove the a-2 base", "2026-06-08T00:00:00+00:00", {BASE_A2: None})
    return repo


def record_a1(price: str) -> dict[str, object]:
    return {
        "name": "A 1",
        "reasoning_options": [{"type": "toggle"}],
        "cost": {"input": Decimal(price), "output": Decimal("2.00")},
        "limit": {"context": 128_000, "output": 8_192},
    }


def record_copy(price: str, reasoning: bool) -> dict[str, object]:
    """The router's copy of a-1: a-1's record, its own output price, no limits, reasoning as of then."""
    record: dict[str, object] = {"name": "Router A 1", "cost": {"input": Decimal(price), "output": Decimal("2.50")}}
    if reasoning:
        record["reasoning_options"] = [{"type": "toggle"}]
    return record


def record_a2(knowledge: str, price: str) -> dict[str, object]:
    """a-2: its base record without the licence it omits, its own prices, and the base it names."""
    return {
        "name": "A 2",
        "knowledge": knowledge,
        "open_weights": False,
        "base_model": "acme/a-2",
        "cost": {"input": Decimal(price), "output": 1},
    }


def expected(repo: Repo) -> list[Commit]:
    """Every first-parent commit as ``extract`` must give it: the side branch's commit is not one."""
    sha = repo.shas
    broken = "line 6, column 12: invalid TOML: Cannot overwrite a value; the line reads 'input = 0.5'"
    return [
        Commit(sha["readme"], "2026-05-31T23:00:00Z", "readme", {}, {}),
        Commit(
            sha["add acme"],
            "2026-06-01T02:00:00Z",
            "add acme",
            {
                A1: record_a1("1.50"),
                A2: record_a2("2025-01", "0.5"),
                ALIAS: record_a1("1.50"),
                COPY: record_copy("1.50", reasoning=True),  # copied before 2026-06-02T04:24:13Z
            },
        ),
        Commit(
            sha["cut a-1 price"],
            "2026-06-03T17:00:00Z",
            "cut a-1 price",
            {A1: record_a1("1.25"), ALIAS: record_a1("1.25"), COPY: record_copy("1.25", reasoning=False)},
        ),
        Commit(  # a-2's 0.5 written 0.50 is no change
            sha["fix a-1 price"],
            "2026-06-03T19:00:00Z",
            "fix a-1 price",
            {A1: record_a1("1.2"), ALIAS: record_a1("1.2"), COPY: record_copy("1.2", reasoning=False)},
        ),
        Commit(  # a record as the files read now: the 0.50 written two commits ago
            sha["a-2 knowledge"], "2026-06-04T12:00:00Z", "a-2 knowledge", {A2: record_a2("2025-03", "0.50")}
        ),
        Commit(sha["break a-2"], "2026-06-04T13:00:00Z", "break a-2", {}, {A2: broken}),
        Commit(sha["drop the router copy"], "2026-06-05T12:00:00Z", "drop the router copy", {COPY: None}),
        Commit(  # the merge's own time, not the side commit's (2026-06-05T00:00:00Z); a stated zero stays
            sha["Merge branch 'side'"],
            "2026-06-06T16:00:00Z",
            "Merge branch 'side'",
            {A2: record_a2("2025-03", "0.6"), A3: {"name": "A 3", "cost": {"input": 0, "output": Decimal("0.0")}}},
        ),
        Commit(sha["remove a-1"], "2026-06-07T00:00:00Z", "remove a-1", {A1: None, ALIAS: None}),  # ALIAS: broken link
        Commit(
            sha["remove the a-2 base"],
            "2026-06-08T00:00:00Z",
            "remove the a-2 base",
            {},
            {A2: "base_model 'acme/a-2' names no file under models/"},  # a-2 keeps its record
        ),
    ]


def catalog(results: list[ImportResult]) -> list[ox.Triple]:
    """The reconciled graph of a test history, its provider ``acme`` placed on a platform (any will do)."""
    acme = replace(mappings(), platform_ids={("models-dev", "acme"): "abacus"})
    return list(catalog_triples(reconcile(results, acme)))


def cut_a3(repo: Repo) -> None:
    """One more month of history: a-3's output price, 0 since the merge, is 0.5 from 2026-07-10."""
    repo.commit("cut a-3", "2026-07-10T09:00:00+00:00", {A3: 'name = "A 3"\n\n[cost]\ninput = 0\noutput = 0.5\n'})


def history_triples(repo: Repo) -> list[ox.Triple]:
    """The reconciled graph of the repository's whole history, as ``import models-dev --history`` gives it."""
    importer = ModelsDevImporter(repo.path)
    return catalog(with_history(importer.run(), extract(repo.path), importer))


def write_history(repo: Repo, path: Path) -> Path:
    """Write ``history_triples`` as N-Triples: a catalog file to read beside the curated data."""
    path.write_bytes(ntriples(history_triples(repo)))
    return path
