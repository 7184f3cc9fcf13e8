"""History benchmark: extract models.dev's whole first-parent history, beside git's own floor.

    python -m benchmarks.history [--repo CLONE] [--runs 3]

Without ``--repo`` it clones ``../shared/fixtures/peers/models.dev.bundle`` into a temporary
folder (5,862 commits, 2,473 of them first-parent). It times, best of ``--runs``:

- ``git log -p -- providers``: reading every change of every model file once, the floor the
  issue (#14) measures against (the extract must stay within 10x of it, and within 20 s);
- ``extract``: the first-parent history as effective records (``aimkg.history.models_dev``);
- ``extract --since``: the state rebuilt at the last commit (what ``extend`` pays with no new
  commit);
- ``write`` and ``read`` of the shipped form (``aimkg.history.store``), with its size;
- records and intervals: every state mapped by the importer and cut into records and prices with
  record time (``aimkg.history.records``); with ``extract``, the whole import with history.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path

from aimkg.core.resources import resource_root
from aimkg.history import store
from aimkg.history.models_dev import Commit, extract
from aimkg.history.records import with_history
from aimkg.sources.models_dev import ModelsDevImporter
from benchmarks.bench import best

BUNDLE = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "peers" / "models.dev.bundle"


def measure(repo: Path, runs: int) -> None:
    def git_log() -> None:
        subprocess.run(["git", "-C", str(repo), "log", "-p", "--", "providers"], stdout=subprocess.DEVNULL, check=True)

    commits: list[Commit] = []

    def whole() -> None:
        commits[:] = extract(repo)

    def latest() -> None:
        list(extract(repo, since=commits[-1].sha))

    floor = best(git_log, runs)
    seconds = best(whole, runs)
    print(f"git log -p -- providers   {floor:6.2f} s")
    print(f"extract (whole history)   {seconds:6.2f} s   {seconds / floor:4.1f}x the floor")
    print(f"extract --since HEAD      {best(latest, runs):6.2f} s   (the state rebuilt from the last tree)")
    with tempfile.TemporaryDirectory(prefix="aimkg-history-") as folder:
        path = Path(folder, "models-dev.history.jsonl.gz")
        print(f"write                     {best(lambda: store.write(commits, path), runs):6.2f} s")
        print(f"read                      {best(lambda: list(store.read(path)), runs):6.2f} s")
        size, lines = path.stat().st_size, len(store.text(path))
        print(f"shipped size              {size:,} bytes gzip'd ({lines:,} bytes of JSON Lines)")
    snapshot = ModelsDevImporter(resource_root() / "upstream" / "models-dev").run()

    def import_history() -> None:
        importer = ModelsDevImporter(resource_root() / "upstream" / "models-dev")
        with_history(snapshot, commits, importer)

    mapped = best(import_history, runs)
    print(f"records and intervals     {mapped:6.2f} s   (every state mapped, cut into records and prices)")
    print(f"import with history       {seconds + mapped:6.2f} s   extract + records: the target is 20 s")
    print(
        f"{len(commits):,} first-parent commits, {sum(bool(c.changes) for c in commits):,} with changes, "
        f"{sum(len(c.changes) for c in commits):,} changes to {len({p for c in commits for p in c.changes}):,} "
        f"files, {sum(len(c.invalid) for c in commits)} invalid reports"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", type=Path, help="a models.dev clone (default: clone the shared bundle)")
    parser.add_argument("--runs", type=int, default=3, help="runs per step; the best is reported")
    arguments = parser.parse_args()
    if arguments.repo is not None:
        measure(arguments.repo, arguments.runs)
        return
    with tempfile.TemporaryDirectory(prefix="aimkg-history-") as folder:
        repo = Path(folder, "models.dev")
        subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(BUNDLE), str(repo)], check=True)
        measure(repo, arguments.runs)


if __name__ == "__main__":
    main()
