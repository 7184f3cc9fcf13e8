"""Build the catalog: pinned upstream → import → reconcile → validate → export, each stage keyed by its inputs.

A stage runs only when the hash of its inputs (files, and the code that reads them) differs from
the one recorded with its output, so a second ``make build`` with nothing changed only hashes
files.

A build is all or nothing. It holds ``build/.lock`` (a second build waits for it, or with
``wait=False`` fails at once), and its stages write into ``build/.next/`` and, for the exports, a
folder beside ``dist/`` (``.dist.next``); only when every stage has succeeded are the new files
renamed into place, ``dist/`` swapped whole, and each stage's record (``build/<stage>.json``)
written last. A build that fails, is killed or runs out of disk leaves the previous outputs as
they were, and the next build throws its leftovers away. The commit is a few renames, marked
by ``build/.next/COMMIT`` first: a build killed during them is finished by the next one.
"""

from __future__ import annotations

import fcntl
import gc
import hashlib
import json
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from aimkg import __version__
from aimkg.build.manifest import verified
from aimkg.core.digest import sha256
from aimkg.core.errors import AimkgError, InputError, InvalidDataError
from aimkg.core.limits import DEFAULT_LIMITS, InputLimits
from aimkg.core.resources import bundled_files, catalog_file, resource_root
from aimkg.io.atomic import replace_folder, write_atomic
from aimkg.sources.report import ImportResult

if TYPE_CHECKING:
    import pyoxigraph as ox

#: Each pinned catalog: its folder under upstream/, and the path its importer reads inside it.
UPSTREAM = {
    "models-dev": ".",
    "genai-prices": "data.json",
    "litellm": "model_prices_and_context_window.json",
}
REPORT_FILE = "reconcile-report.json"
#: The stages in order, after the check of the pinned upstream folders ("upstream").
STAGES = ("catalog", "validate", "export")
LOCK_FILE = ".lock"
STAGING = ".next"
#: Written into the staging folder once every stage has succeeded: from then on the build rolls forward.
COMMIT_FILE = "COMMIT"


@dataclass
class BuildLog:
    """What a build did: each stage, whether it ran, how long it took."""

    stages: list[tuple[str, bool, float]] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [f"{name}: {'built' if ran else 'up to date'} ({seconds:.1f} s)" for name, ran, seconds in self.stages]


class StageError(AimkgError):
    """A stage of the build failed: the message names it, the exit code is that of the cause."""

    def __init__(self, stage: str, cause: AimkgError | OSError) -> None:
        if isinstance(cause, AimkgError):
            reason = str(cause)
        else:  # a file that cannot be read or written: disk full, read-only, gone
            reason = f"{cause.filename}: {cause.strerror}" if cause.filename else str(cause.strerror or cause)
        super().__init__(f"build stage {stage} failed: {reason}")
        self.stage = stage
        self.exit_code = cause.exit_code if isinstance(cause, AimkgError) else 2


def fingerprint(paths: Iterable[Path], *salt: str) -> str:
    """Hash files' names and bytes (and any salt), in a stable order."""
    digest = hashlib.sha256("\0".join(salt).encode())
    for path in sorted(set(paths)):
        digest.update(str(path).encode() + b"\0")
        digest.update(sha256(path).encode())
    return digest.hexdigest()


def code_files(*names: str) -> list[Path]:
    """The Python files of some of aimkg's own packages or modules: a change of code is a change of input."""
    package = Path(__file__).resolve().parents[1]
    return [
        path
        for name in names
        for path in ([package / name] if name.endswith(".py") else sorted((package / name).rglob("*.py")))
    ]


class Pipeline:
    """The stages of a catalog build, over a repository (or any folder laid out like one)."""

    def __init__(
        self,
        upstream: Path | None = None,
        work: Path | None = None,
        dist: Path | None = None,
        engine: str = "shacl",
        limits: InputLimits = DEFAULT_LIMITS,
        force: bool = False,
        wait: bool = True,
        say: Callable[[str], object] = lambda line: print(line, file=sys.stderr),
    ) -> None:
        self.upstream = upstream or resource_root() / "upstream"
        self.work = work or catalog_file().parent
        self.dist = dist or resource_root() / "dist"
        self.engine = engine
        self.limits = limits
        self.force = force
        self.wait = wait
        self.say = say
        self.log = BuildLog()
        #: The catalog's triples when this build made it: the export takes them instead of reading the file again.
        self.built: list[ox.Triple] | None = None

    # ---------------------------------------------------------------- where things are

    @property
    def catalog_file(self) -> Path:
        """The committed catalog: what the other commands read."""
        return self.work / catalog_file().name

    @property
    def staging(self) -> Path:
        return self.work / STAGING

    @property
    def staged_dist(self) -> Path:
        """The exports being written, beside dist/ so that one rename puts them in its place."""
        return self.dist.with_name(f".{self.dist.name}.next")

    def current_catalog(self) -> Path:
        """The catalog the later stages read: the one built in this run, else the committed one."""
        staged = self.staging / self.catalog_file.name
        return staged if staged.is_file() else self.catalog_file

    # ---------------------------------------------------------------- the run

    def run(self) -> BuildLog:
        """Build every stage that is out of date, and put the outputs in place only if all succeed."""
        with self.locked(), cycle_collection_paused():
            self.recover()
            try:
                self.run_stages()
                if self.staging.exists():
                    self.commit()
            finally:
                if not (self.staging / COMMIT_FILE).exists():  # failed before the commit: throw the work away
                    self.discard()
        return self.log

    def run_stages(self) -> None:
        from aimkg.core.resources import curated_files, shapes_files

        try:
            for source in UPSTREAM:
                verified(self.upstream / source)  # a corrupt or truncated pin stops the build first
        except (AimkgError, OSError) as error:
            raise StageError("upstream", error) from error
        pinned = sorted(self.upstream.rglob("MANIFEST.json"))
        mappings = sorted((resource_root() / "data" / "mappings").glob("*.tsv"))
        catalog_inputs = fingerprint([*pinned, *mappings, *curated_files(), *code_files("sources", "reconcile")])
        self.stage("catalog", catalog_inputs, self.build_catalog, [self.catalog_file, self.work / REPORT_FILE])
        catalog = self.stamp(self.current_catalog())
        graph = bundled_files()
        validate_inputs = fingerprint([*graph, *shapes_files(), *code_files("io", "validate.py")], self.engine, catalog)
        with self.beside("validate", validate_inputs, self.validate):
            self.stage("export", self.export_inputs(catalog), lambda: self.export(graph), [self.dist])

    def stamp(self, catalog: Path) -> str:
        """The catalog as the later stages' inputs name it: its name and the sha256 of its bytes."""
        return f"{self.catalog_file.name} {sha256(catalog)}"

    def export_inputs(self, catalog: str) -> str:
        """The export stage's inputs: the graph, the code that writes it, where it goes and the catalog (``stamp``).

        ``take_exports`` computes them again to tell whether dist/ is the export of a site's sources.
        """
        return fingerprint([*bundled_files(), *code_files("io", "export")], str(self.dist.resolve()), catalog)

    def stage(self, name: str, inputs: str, run: Callable[[], None], outputs: Iterable[Path] = ()) -> None:
        """Run a stage into the staging folders unless its record says it was built from these very inputs."""
        if self.up_to_date(name, inputs, outputs):
            return
        started = time.perf_counter()
        try:
            run()
        except (AimkgError, OSError) as error:
            raise StageError(name, error) from error
        self.done(name, inputs, time.perf_counter() - started)

    @contextmanager
    def beside(self, name: str, inputs: str, run: Callable[[], None]) -> Iterator[None]:
        """Run a stage in a thread while the body runs (the validation beside the export, on two cores).

        pySHACL-turbo validates outside the GIL, so the two overlap; shacl (the default) holds it
        for its few seconds, so the two take turns. The stage writes nothing: it
        is recorded once the body and it have both succeeded. When the stage fails, the build
        fails with its error once the body is done; when the body fails, the build fails at once
        with the body's error, and the thread is left to finish on its own, its outcome unread.
        """
        if self.up_to_date(name, inputs):
            yield
            return
        slot = len(self.log.stages)
        self.log.stages.append((name, True, 0.0))  # keeps the log in the order of the stages
        outcome: list[float | BaseException] = []

        def work() -> None:
            started = time.perf_counter()
            try:
                run()
            except BaseException as error:  # handed to the build's thread, which raises it
                outcome.append(error)
            else:
                outcome.append(time.perf_counter() - started)

        import rdflib  # noqa: F401 -- its modules import each other in cycles that break when two threads import them

        thread = threading.Thread(target=work, name=f"aimkg build: {name}", daemon=True)
        thread.start()
        yield
        thread.join()
        [result] = outcome
        if isinstance(result, (AimkgError, OSError)):
            raise StageError(name, result) from result
        if isinstance(result, BaseException):
            raise result
        self.done(name, inputs, result, slot)

    def up_to_date(self, name: str, inputs: str, outputs: Iterable[Path] = ()) -> bool:
        """Whether a stage's record says it was built from these very inputs (and its outputs exist); logged if so."""
        fresh = not self.force and all(path.exists() for path in outputs)
        if fresh and recorded_inputs(self.work / f"{name}.json") == inputs:
            self.log.stages.append((name, False, 0.0))
            return True
        return False

    def done(self, name: str, inputs: str, seconds: float, slot: int | None = None) -> None:
        """Write a stage's record into the staging folder (put in place with the outputs) and log it."""
        record = {"inputs": inputs, "aimkg": __version__}
        try:
            write_atomic(self.staging / f"{name}.json", json.dumps(record, indent=2) + "\n")
        except OSError as error:
            raise StageError(name, error) from error
        if slot is None:
            self.log.stages.append((name, True, seconds))
        else:
            self.log.stages[slot] = (name, True, seconds)

    def build_catalog(self) -> None:
        from aimkg.io.ntriples import ntriples
        from aimkg.reconcile.catalog import reconcile
        from aimkg.reconcile.rdf import catalog_triples
        from aimkg.reconcile.report import report, to_json

        catalog = reconcile(import_upstream(self.upstream, self.limits))
        triples = catalog_triples(catalog)
        write_atomic(self.staging / self.catalog_file.name, ntriples(triples))
        write_atomic(self.staging / REPORT_FILE, to_json(report(catalog)))
        self.built = triples

    def validate(self) -> None:
        from aimkg.validate import validate_built_catalog

        verdict = validate_built_catalog(self.current_catalog(), self.engine)  # with the ontology and curated data
        if not verdict.conforms:
            raise InvalidDataError(f"the built catalog does not conform to the shapes\n{verdict.to_text()}")

    def export(self, graph: list[Path]) -> None:
        """Write every export into the staged dist/; a file byte-identical to dist/'s is that file, linked."""
        from aimkg.export.folder import write_all
        from aimkg.io.read import read_triples

        catalog = self.built if self.built is not None else read_triples([self.current_catalog()], self.limits)
        staged = self.staged_dist
        shutil.rmtree(staged, ignore_errors=True)
        staged.mkdir(parents=True)
        kept = {path.name: path for path in self.dist.iterdir()} if self.dist.is_dir() else {}

        def write(name: str, data: bytes) -> None:
            old = kept.pop(name, None)
            if old is None or not same_bytes(old, data) or not linked(old, staged / name):
                write_atomic(staged / name, data)

        write_all([*read_triples(graph, self.limits), *catalog], write)
        for name, old in kept.items():  # files dist/ holds that the export does not write stay
            if old.is_dir():
                shutil.copytree(old, staged / name, copy_function=link_or_copy)
            else:
                link_or_copy(old, staged / name)

    def take_exports(self, sources: Sequence[Path], into: Path) -> bool:
        """Link dist/'s exports into the new folder ``into`` if they are the export of ``sources``; else False.

        They are when ``sources`` is this build's graph in its order (the bundled files, then the
        committed catalog) and the export stage's record matches its inputs computed now: so a
        catalog rebuilt since, other code or a dist/ exported elsewhere gives False. A build
        committing meanwhile swaps dist/ whole and writes its records after: the files are linked
        through one handle on dist/, and the record and dist/ checked again after, so that they
        come from one build, the one the record names.
        """
        from aimkg.export.folder import file_names

        graph = [*bundled_files(), self.catalog_file]
        if [Path(path).resolve() for path in sources] != [path.resolve() for path in graph]:
            return False
        try:
            handle = os.open(self.dist, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            return False
        record = self.work / "export.json"
        try:
            inputs = self.export_inputs(self.stamp(self.catalog_file))
            if recorded_inputs(record) != inputs:
                return False
            into.mkdir()
            for name in file_names():
                os.link(name, into / name, src_dir_fd=handle)
            return recorded_inputs(record) == inputs and same_folder(self.dist.stat(), os.fstat(handle))
        except OSError:  # no dist/ (being swapped), or a file system that cannot link
            return False
        finally:
            os.close(handle)

    # ---------------------------------------------------------------- lock, commit, recovery

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold ``build/.lock`` for the build: another build waits for it, or fails at once when told not to wait."""
        path = self.work / LOCK_FILE
        try:
            self.work.mkdir(parents=True, exist_ok=True)
            handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        except PermissionError as error:
            try:
                handle = os.open(path, os.O_RDONLY)  # a lock needs no write access, only the file
            except OSError:
                raise InputError(f"{path}: cannot lock the build: {error.strerror or error}") from error
        except OSError as error:
            raise InputError(f"{path}: cannot lock the build: {error.strerror or error}") from error
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = lock_holder(path)
                if not self.wait:
                    raise InputError(
                        f"{path}: another build{holder} is running; wait for it, or run this one without --no-wait"
                    ) from None
                self.say(f"waiting for another build{holder} to finish ({path})")
                fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                os.ftruncate(handle, 0)
                os.pwrite(handle, f"{os.getpid()}\n".encode(), 0)
            except OSError:
                pass  # the pid is only for the message of a build that waits
            yield
        finally:
            os.close(handle)  # releases the lock

    def commit(self) -> None:
        """Mark the staged build complete, then put it in place (``roll_forward``)."""
        write_atomic(self.staging / COMMIT_FILE, json.dumps({"dist": str(self.dist)}) + "\n")
        self.roll_forward()

    def roll_forward(self) -> None:
        """Rename every staged output into place, then the records, then drop the staging folder.

        Every step is skipped when done, so that it finishes a commit a killed build began.
        """
        mark = json.loads((self.staging / COMMIT_FILE).read_text(encoding="utf-8"))
        dist = Path(mark["dist"])
        try:
            for name in (self.catalog_file.name, REPORT_FILE):
                if (self.staging / name).exists():
                    (self.staging / name).replace(self.work / name)
            replace_folder(dist.with_name(f".{dist.name}.next"), dist)
            for stage in STAGES:
                if (self.staging / f"{stage}.json").exists():
                    (self.staging / f"{stage}.json").replace(self.work / f"{stage}.json")
            (self.staging / COMMIT_FILE).unlink()
        except OSError as error:
            raise StageError("commit", error) from error
        shutil.rmtree(self.staging, ignore_errors=True)

    def recover(self) -> None:
        """Deal with what a killed build left: finish its commit if it began one, else throw its work away."""
        if (self.staging / COMMIT_FILE).exists():
            self.say(f"finishing the commit of an interrupted build ({self.staging})")
            self.roll_forward()
        elif self.staging.exists() or self.staged_dist.exists():
            self.say(f"throwing away what an interrupted build left ({self.staging})")
            self.discard()

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        shutil.rmtree(self.staged_dist, ignore_errors=True)


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector while the stages run.

    The catalog stage makes millions of objects that live to its end and frees almost no cycles
    (a few hundred), yet the collector's passes over them took over a third of the stage.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def recorded_inputs(record: Path) -> str | None:
    """The inputs hash a stage's record gives, or None when there is no readable record."""
    try:
        inputs = json.loads(record.read_text(encoding="utf-8"))["inputs"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return inputs if isinstance(inputs, str) else None


def built_exports(sources: Sequence[Path], into: Path) -> bool:
    """Link the last ``make build``'s exports (dist/) into the new folder ``into`` if they are those of ``sources``.

    ``aimkg site`` puts them in the site instead of writing the same bytes again (``Pipeline.take_exports``).
    """
    return Pipeline().take_exports(sources, into)


def same_folder(one: os.stat_result, other: os.stat_result) -> bool:
    return (one.st_dev, one.st_ino) == (other.st_dev, other.st_ino)


def lock_holder(path: Path) -> str:
    try:
        pid = path.read_text(encoding="utf-8").strip()
    except OSError:
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""


def same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def linked(source: Path, target: Path) -> bool:
    """Hard-link ``source`` as ``target``; False where the file system cannot."""
    try:
        os.link(source, target)
    except OSError:
        return False
    return True


def link_or_copy(source: str | Path, target: str | Path) -> None:
    if not linked(Path(source), Path(target)):
        shutil.copy2(source, target)


def import_upstream(folder: Path, limits: InputLimits = DEFAULT_LIMITS) -> list[ImportResult]:
    """Import every pinned catalog under ``folder`` (upstream/), at the version its manifest records.

    A catalog pinned with its history (models.dev's ``history.jsonl.gz``) gives two results: the
    snapshot with record time, and what it said before and no longer says.
    """
    from aimkg.history.records import with_history
    from aimkg.history.store import HISTORY_FILE, read
    from aimkg.sources import importer_class
    from aimkg.sources.models_dev import ModelsDevImporter

    results = []
    for source, inside in UPSTREAM.items():
        manifest = verified(folder / source)
        importer = importer_class(source)(folder / source / inside, manifest.version, limits)
        result = importer.run()
        history = folder / source / HISTORY_FILE
        if isinstance(importer, ModelsDevImporter) and history.is_file():
            results += with_history(result, read(history), importer)  # the snapshot with record time, and the past
        else:
            results.append(result)
    return results
