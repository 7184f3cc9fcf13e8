"""Build the catalog: pinned upstream → import → reconcile → validate → export, each stage keyed by its inputs.

A stage runs only when the hash of its inputs (files, and the code that reads them) differs from
the one recorded with its output, so a second ``make build`` with nothing changed only hashes
files. Outputs are written whole or not at all: ``build/catalog.nt`` through a temporary file and
a rename, ``dist/`` by the export's atomic writes, and each stage's record (``build/<stage>.json``)
last, so that an interrupted build is redone, never half-trusted.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from aimkg import __version__
from aimkg.build.manifest import verified
from aimkg.core.errors import InvalidDataError
from aimkg.core.limits import DEFAULT_LIMITS, InputLimits
from aimkg.core.resources import catalog_file, resource_root
from aimkg.io.atomic import write_atomic
from aimkg.sources.report import ImportResult

#: Each pinned catalog: its folder under upstream/, and the path its importer reads inside it.
UPSTREAM = {
    "models-dev": ".",
    "genai-prices": "data.json",
    "litellm": "model_prices_and_context_window.json",
}
REPORT_FILE = "reconcile-report.json"


@dataclass
class BuildLog:
    """What a build did: each stage, whether it ran, how long it took."""

    stages: list[tuple[str, bool, float]] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [f"{name}: {'built' if ran else 'up to date'} ({seconds:.1f} s)" for name, ran, seconds in self.stages]


def fingerprint(paths: Iterable[Path], *salt: str) -> str:
    """Hash files' names and bytes (and any salt), in a stable order."""
    digest = hashlib.sha256("\0".join(salt).encode())
    for path in sorted(set(paths)):
        digest.update(str(path).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def code_files(*packages: str) -> list[Path]:
    """The Python files of some of aimkg's own packages: a change of code is a change of input."""
    package = Path(__file__).resolve().parents[1]
    return [path for name in packages for path in sorted((package / name).rglob("*.py"))]


class Pipeline:
    """The stages of a catalog build, over a repository (or any folder laid out like one)."""

    def __init__(
        self,
        upstream: Path | None = None,
        work: Path | None = None,
        dist: Path | None = None,
        engine: str = "turbo",
        limits: InputLimits = DEFAULT_LIMITS,
        force: bool = False,
    ) -> None:
        self.upstream = upstream or resource_root() / "upstream"
        self.work = work or catalog_file().parent
        self.dist = dist or resource_root() / "dist"
        self.engine = engine
        self.limits = limits
        self.force = force
        self.log = BuildLog()

    @property
    def catalog_file(self) -> Path:
        return self.work / catalog_file().name

    def stage(self, name: str, inputs: str, run: Callable[[], None]) -> None:
        """Run a stage unless its record says it was built from these very inputs."""
        record = self.work / f"{name}.json"
        if not self.force and record.is_file() and json.loads(record.read_text())["inputs"] == inputs:
            self.log.stages.append((name, False, 0.0))
            return
        started = time.perf_counter()
        record.unlink(missing_ok=True)  # a stage that fails part-way must not look done
        run()
        write_atomic(record, json.dumps({"inputs": inputs, "aimkg": __version__}, indent=2) + "\n")
        self.log.stages.append((name, True, time.perf_counter() - started))

    def run(self) -> BuildLog:
        """Build every stage that is out of date."""
        from aimkg.core.resources import curated_files, ontology_files, shapes_files

        for source in UPSTREAM:
            verified(self.upstream / source)  # a corrupt or truncated pin stops the build before anything is read
        pinned = sorted(self.upstream.rglob("MANIFEST.json"))
        mappings = sorted((resource_root() / "data" / "mappings").glob("*.tsv"))
        catalog_inputs = fingerprint([*pinned, *mappings, *curated_files(), *code_files("sources", "reconcile")])
        self.stage("catalog", catalog_inputs, self.build_catalog)
        graph = [*ontology_files(), *curated_files(), self.catalog_file]
        validate_inputs = fingerprint([*graph, *shapes_files(), *code_files("io")], self.engine)
        self.stage("validate", validate_inputs, self.validate)
        export_inputs = fingerprint([*graph, *code_files("io", "export")], str(self.dist.resolve()))
        self.stage("export", export_inputs, lambda: self.export(graph))
        return self.log

    def build_catalog(self) -> None:
        from aimkg.io.ntriples import ntriples
        from aimkg.reconcile.catalog import reconcile
        from aimkg.reconcile.rdf import catalog_triples
        from aimkg.reconcile.report import report, to_json

        catalog = reconcile(import_upstream(self.upstream, self.limits))
        write_atomic(self.catalog_file, ntriples(catalog_triples(catalog)))
        write_atomic(self.work / REPORT_FILE, to_json(report(catalog)))

    def validate(self) -> None:
        from aimkg.validate import validate_files

        verdict = validate_files([self.catalog_file], self.limits, self.engine)  # with the ontology and curated data
        if not verdict.conforms:
            raise InvalidDataError(f"the built catalog does not conform to the shapes\n{verdict.to_text()}")

    def export(self, graph: list[Path]) -> None:
        from aimkg.export.folder import export_all
        from aimkg.io.read import read_triples

        export_all(read_triples(graph, self.limits), self.dist)


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
