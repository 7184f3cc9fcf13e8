"""Write the graph as a static site laid out by IRI path, built in a temporary folder and swapped into place.

Layout (the site root stands for ``https://w3id.org/aimkg/``):

- ``id/<kind>/<slug>.html`` the entity's page, with ``.ttl``, ``.jsonld`` and ``.nt`` beside it;
  a static host serves ``/id/<kind>/<slug>`` from these files through ``.htaccess`` (Apache,
  w3id.org) or ``aimkg serve``; hosts that map ``/x`` to ``x.html`` (GitHub Pages) serve the pages as is.
- ``id/<kind>/index.html`` every entity of one kind; ``index.html`` the front page;
  ``compare.html`` every version side by side.
- ``changes/<YYYY-MM>.html`` what the catalogs changed in each month of record time (one
  ``aimkg diff`` each), listed newest first in ``changes/index.html`` and announced by the Atom
  feed ``changes/feed.atom``; a graph without record time has the index (saying so), an empty
  feed and no month pages.
- ``ontology.html`` (anchors ``#Term``, so ``https://w3id.org/aimkg/ontology#Version`` lands on
  its entry) with ``ontology.ttl``, ``.jsonld`` and ``.nt``.
- the whole graph as ``aimkg export --all`` writes it: ``aimkg.ttl``, ``aimkg.nt``, ``aimkg.nq``,
  ``aimkg.trig``, ``aimkg.jsonld``, ``aimkg.framed.jsonld``, the DCAT/VoID description ``void.ttl``,
  the Croissant description ``croissant.jsonld`` and ``context.jsonld``, the JSON-LD context that
  every ``.jsonld`` file names as ``https://w3id.org/aimkg/context.jsonld`` (``.htaccess``
  redirects that IRI here);
- ``search.json`` with ``search.js``, ``site.js`` and ``style.css``: search, sortable tables, the
  compare page's selection (the pages read fine without scripts);
- ``.htaccess`` the w3id.org redirect rules.

How it scales: the graph is loaded into a pyoxigraph store, never an rdflib graph; what takes
queries is read from it, then its lines are kept in one bytes object and the store let go
(``read_graph``); the pages are drawn from those lines node by node (``aimkg.publish.graph``), by
``jobs`` processes forked from the one that read them (sharing its memory, which they only read),
each taking one task at a time: a site-wide page family (changes,
indexes, search) or a chunk of entities; the data files are written by ``aimkg.publish.datafiles``. The whole-graph
exports are those of the build (dist/, hard-linked) when the sources are the graph it exported
(``aimkg.build.pipeline.built_exports``), else kept in the cache folder (``aimkg.query.cache``)
under the sha256 of the input files, so they are written once per set of inputs. Incremental: a
file whose bytes have not changed since the previous build is not written again but linked from
the previous site, so it keeps its modification time (``.aimkg-manifest`` lists every file's
digest); a folder holding the site of the same key (``site_key``) is left as it is.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import hashlib
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from aimkg.core.errors import InputError
from aimkg.core.limits import DEFAULT_LIMITS, InputLimits
from aimkg.core.terms import ENTITY_KINDS, ONTOLOGY_IRI
from aimkg.history.diff import Timeline
from aimkg.history.feed import atom, periods
from aimkg.io.read import read_triples
from aimkg.publish.chart import COLOURS
from aimkg.publish.datafiles import DataWriter
from aimkg.publish.graph import NodeIndex, SiteGraph, dump, lexical_store, read_labels
from aimkg.publish.rdf import Entity
from aimkg.publish.search import SEARCH_FILE, search_index
from aimkg.publish.views import Page, View, joined
from aimkg.publish.views.changes import FEED, MONTH_PAGE, changes_pages
from aimkg.publish.views.compare import compare_page
from aimkg.publish.views.entity import entity_page
from aimkg.publish.views.index import index_pages
from aimkg.publish.views.ontology import ontology_page
from aimkg.publish.views.summary import Summary, summarise
from aimkg.query.cache import CacheUnavailableError, cache_root, cached, code_digest, inputs_key

#: The file that marks a folder as an aimkg site, so that ``-o`` never replaces anything else; it names the site's key.
MARKER = ".aimkg-site"
#: The files of aimkg that draw a site besides its inputs: its code, templates and static files.
SITE_CODE = (".py", ".html", ".css", ".js", ".htaccess")
#: Every file of the site with the digest of its bytes, one "digest path" line each: what the next build compares.
MANIFEST = ".aimkg-manifest"
#: Where the site is hosted until ``--site-url`` says otherwise: a placeholder, to be set before deploying.
DEFAULT_SITE_URL = "https://example.org/aimkg"
STATIC = ("style.css", "site.js", "search.js")
#: How many entities a page-writing process takes at a time.
CHUNK = 400
#: How many tasks a page-writing process takes before a fresh one takes its place: what a writer
#: copies of the shared memory (each object it reads gets its reference count written) and what
#: its heap keeps grows with every page, and a fresh fork starts from none.
TASKS_PER_WRITER = 10
EXPORT_DIGESTS = "digests.tsv"


class PageEnvironment(Environment):
    """Jinja2's environment, reading ``row.name`` of a dict as the item first.

    Jinja tries the attribute first, which on a dict raises an AttributeError each time: a tenth of
    a version page's drawing. The pages' data are dicts whose keys never name a dict method.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            found = obj.get(attribute, MISSING)
            if found is not MISSING:
                return found
        return super().getattr(obj, attribute)


MISSING = object()


def environment() -> Environment:
    """Return the Jinja2 environment: package templates, HTML autoescaped, undefined names an error."""
    env = PageEnvironment(
        loader=PackageLoader("aimkg.publish", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=False,  # templates never change during a build: no stat of each template per page
    )
    env.globals["colour"] = lambda number: COLOURS[number % len(COLOURS)]
    env.filters["joined"] = joined  # a filter, not a global: Jinja calls filters directly, globals through its context
    return env


def render(env: Environment, page: Page) -> str:
    """Render one page; links to the site root are relative to the page (whose path has no ``.`` or ``..``)."""
    prefix = "../" * page.path.count("/")
    return env.get_template(page.template).render(page=page, d=page.data, home=prefix + "index.html", home_dir=prefix)


def htaccess(site_url: str) -> str:
    """Return the w3id.org redirect rules for a site hosted at ``site_url``."""
    template = resources.files("aimkg.publish").joinpath("w3id.htaccess").read_text(encoding="utf-8")
    return template.replace("@SITE_URL@", site_url.rstrip("/"))


def static_file(name: str) -> bytes:
    return resources.files("aimkg.publish").joinpath("static", name).read_bytes()


def entity_files(path: str, triples: list[ox.Triple]) -> dict[str, bytes]:
    """Write some triples in every format of DATA_FORMATS, as ``path`` with each suffix."""
    return DataWriter().files(path, triples)


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def file_digest(path: Path) -> str:
    """``digest`` of a file's bytes, read a block at a time (a whole-graph export is hundreds of MB)."""
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, lambda: hashlib.blake2b(digest_size=16)).hexdigest()


def manifest_bytes(site: Path) -> bytes:
    try:
        return (site / MANIFEST).read_bytes()
    except OSError:
        return b""


def site_key(sources: Sequence[Path], site_url: str, limits: InputLimits) -> str:
    """What a site is a function of: its input files (any order), their limits, its URL, and the code that draws it."""
    files = sorted(sources, key=lambda path: str(Path(path).resolve()))
    return inputs_key("site", files, limits, cache_root(), code_digest(".", suffixes=SITE_CODE), site_url)


def marker(key: str) -> bytes:
    return f"This folder is generated by `aimkg site`; it is replaced whole on each build.\nkey {key}\n".encode()


def up_to_date(output: Path, key: str) -> int | None:
    """How many files the site in ``output`` has when it was drawn with this key (the same bytes again), else None."""
    try:
        if (output / MARKER).read_bytes() != marker(key):
            return None
    except OSError:
        return None
    listed = len(read_manifest(output))
    return listed + 1 if listed else None  # the manifest lists every file but itself


def read_manifest(site: Path) -> set[str]:
    """The previous build's "digest path" lines; empty when there is none to trust.

    A set of lines, not digests by path: the page writers ask whether their line is in it, which
    leaves its strings alone, whereas each digest read from a dict gets its reference count
    written, and a forked writer that reads half of them copies nearly every page of memory that
    holds them (some 70 MB each for the catalog).
    """
    try:
        return {line for line in (site / MANIFEST).read_text(encoding="utf-8").splitlines() if line.partition(" ")[2]}
    except (OSError, UnicodeDecodeError):
        return set()


def digests(text: str) -> dict[str, str]:
    """Read "digest path" lines (the exports' ``digests.tsv``): each digest by its path."""
    found = {}
    for line in text.splitlines():
        value, _, path = line.partition(" ")
        if path:
            found[path] = value
    return found


def write_new(path: str, data: bytes) -> None:
    """Write a file of the staging folder with plain system calls: half the time of ``Path.write_bytes``."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
    finally:
        os.close(handle)


class Writer:
    """Write files into the staging folder, linking those whose bytes are unchanged from the previous site."""

    def __init__(self, staging: Path, previous_site: Path | None, previous: set[str]) -> None:
        self.staging = staging
        self.previous_site = previous_site
        self.previous = previous
        self.written: dict[str, str] = {}
        self.kept = 0

    def write(self, relative: str, data: bytes) -> None:
        value = digest(data)
        self.written[relative] = value
        target = self.staging / relative
        if f"{value} {relative}" in self.previous and self.keep(relative, target, len(data)):
            return
        write_new(str(target), data)

    def keep(self, relative: str, target: Path, size: int) -> bool:
        """Link the previous site's file in place of writing the same bytes again: it keeps its mtime."""
        if self.previous_site is None:
            return False
        old = self.previous_site / relative
        try:
            if old.stat().st_size != size:
                return False
            os.link(old, target)
        except OSError:
            return False
        self.kept += 1
        return True

    def place(self, relative: str, source: Path, value: str) -> None:
        """Put a file made elsewhere (the whole-graph exports) in the site: the previous site's, else a link or copy."""
        self.written[relative] = value
        target = self.staging / relative
        if f"{value} {relative}" in self.previous and self.keep(relative, target, source.stat().st_size):
            return
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)


@dataclass
class Build:
    """What every page-writing process needs: the graph, its summary, templates, and where to write."""

    graph: SiteGraph
    entities: list[Entity]
    summary: Summary
    #: What the changes pages are drawn from; let go once they have a process of their own (``write_pages``).
    timeline: Timeline | None
    env: Environment
    writer: Writer
    data: DataWriter
    site_url: str

    def write_page(self, page: Page) -> None:
        self.writer.write(page.path, render(self.env, page).encode("utf-8"))


#: The build a forked page-writing process works for (set before the processes fork).
CURRENT: Build | None = None
#: One piece of the site's drawing: a forked process takes one at a time.
Task = Callable[[Build], None]


def write_indexes(build: Build) -> None:
    """The front page, the kinds' indexes, the ontology's page and data, the compare page."""
    graph = build.graph
    for page in [*index_pages(graph, build.entities, build.summary), ontology_page(graph)]:
        build.write_page(page)
    build.write_page(compare_page(graph, build.summary))
    for path, content in build.data.files("ontology", ontology_triples(graph)).items():
        build.writer.write(path, content)


def write_changes(build: Build) -> None:
    """Write the changes pages and their feed, from the record time the graph holds (none: no months)."""
    assert build.timeline is not None
    found = periods(build.timeline)
    for page in changes_pages(build.graph, found, {entity.iri for entity in build.entities}):
        build.write_page(page)
    build.writer.write(FEED, atom(found, build.site_url, MONTH_PAGE).encode("utf-8"))


def write_search(build: Build) -> None:
    build.writer.write(SEARCH_FILE, search_index(build.graph, build.entities, build.summary))


def write_entities(build: Build, entities: Sequence[Entity]) -> None:
    """Write the page and data files of each entity."""
    for entity in entities:
        iri = entity.iri
        build.write_page(entity_page(View(build.graph, entity.path + ".html"), entity, build.summary))
        for path, data in build.data.files(entity.path, build.graph.description(iri)).items():
            build.writer.write(path, data)


def write_task(task: Task) -> tuple[dict[str, str], int]:
    """A forked process's work: one task; return what it wrote and how many files it kept."""
    assert CURRENT is not None
    CURRENT.writer.written, CURRENT.writer.kept = {}, 0
    task(CURRENT)
    return CURRENT.writer.written, CURRENT.writer.kept


def tasks(build: Build, size: int = CHUNK) -> list[Task]:
    """The site's drawing in pieces but the changes: the entities by chunks, and the indexes and search among them.

    They go one at a time: drawing two pages of the whole site at once held the most memory of a build.
    """
    chunks: list[Task] = [
        functools.partial(write_entities, entities=build.entities[start : start + size])
        for start in range(0, len(build.entities), size)
    ]
    middle = len(chunks) // 2
    return [*chunks[:middle], write_indexes, *chunks[middle:], write_search]


def write_pages(build: Build, jobs: int) -> None:
    """Draw every page and data file, in ``jobs`` forked processes and one more for the changes (in this one when 1).

    The changes are the longest task, and the only one that reads the timeline (for the catalog, 180 MB of the
    650 MB this process holds): their process is forked first, then the timeline is let go, so that
    the page writers forked after it do not hold it.
    """
    global CURRENT
    if jobs <= 1 or len(build.entities) < 2 * CHUNK or "fork" not in multiprocessing.get_all_start_methods():
        for task in [write_changes, *tasks(build)]:
            task(build)
        return
    CURRENT = build
    gc.freeze()  # the children's collections leave the graph's objects alone: fewer pages copied, less time
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(1) as apart:
            changes = apart.apply_async(write_task, (write_changes,))
            apart.close()  # its process ends with the changes, not with the build
            build.timeline = None
            give_back_memory()
            with context.Pool(jobs, maxtasksperchild=TASKS_PER_WRITER) as pool:
                for written, kept in [*pool.imap_unordered(write_task, tasks(build)), changes.get()]:
                    build.writer.written.update(written)
                    build.writer.kept += kept
    finally:
        gc.unfreeze()
        CURRENT = None


def ontology_triples(graph: SiteGraph) -> list[ox.Triple]:
    """The ontology and its alignment: every triple about a term of ``https://w3id.org/aimkg/ontology``."""
    return [
        ox.Triple(ox.NamedNode(term), ox.NamedNode(predicate), value)
        for term in graph.nodes(ONTOLOGY_IRI)
        for predicate, values in graph.facts(term).items()
        for value in values
    ]


def export_files(folder: Path, sources: Sequence[Path], limits: InputLimits) -> None:
    """Write the whole graph as ``aimkg export --all`` does into a folder, with each file's digest."""
    from aimkg.export.folder import write_all

    lines = []

    def write(name: str, data: bytes) -> None:
        (folder / name).write_bytes(data)
        lines.append(f"{digest(data)} {name}\n")

    write_all(read_triples(sources, limits), write)
    (folder / EXPORT_DIGESTS).write_text("".join(lines), encoding="utf-8")


def run_apart(jobs: int, function: Any, *args: Any) -> None:
    """Run a function in a forked process when building with several (so its memory goes when it ends)."""
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        function(*args)
        return
    with multiprocessing.get_context("fork").Pool(1) as pool:
        pool.apply(function, args)


@contextlib.contextmanager
def exports_placed(writer: Writer, sources: Sequence[Path], limits: InputLimits, jobs: int) -> Iterator[None]:
    """Put the whole-graph exports in the site once the body has run, without writing them when they were before.

    They are the build's (dist/) when it exported these very sources (after ``make build``), else
    the cache's when these inputs were exported before, else written now (before the body, which
    may fork). Their digests are read by a thread while the body runs: dist/'s files have none on
    record and are hashed (800 MB for the catalog, 1.6 s), as hashlib lets go of the GIL.
    """
    from aimkg.build.pipeline import built_exports

    with (
        tempfile.TemporaryDirectory(prefix=".exports.", dir=writer.staging) as temporary,
        ThreadPoolExecutor(1) as apart,
    ):
        folder = Path(temporary) / "built"
        if not built_exports(sources, folder):
            folder = exports_folder(Path(temporary), sources, limits, jobs)
        found = apart.submit(export_digests, folder)
        yield
        for name, value in found.result().items():
            writer.place(name, folder / name, value)


def export_digests(folder: Path) -> dict[str, str]:
    """Each export file's digest by name: the folder's record (``export_files``' digests.tsv), else its files hashed."""
    record = folder / EXPORT_DIGESTS
    if record.is_file():
        return digests(record.read_text(encoding="utf-8"))
    return {path.name: file_digest(path) for path in sorted(folder.iterdir())}


def exports_folder(temporary: Path, sources: Sequence[Path], limits: InputLimits, jobs: int) -> Path:
    """The cache's folder of these inputs' exports (written into it if need be), else ``temporary`` written now."""
    root = cache_root()
    if root is not None:
        key = inputs_key("export", sources, limits, root, code_digest("io", "export"))
        with contextlib.suppress(CacheUnavailableError):
            return cached("export", key, lambda f: run_apart(jobs, export_files, f, sources, limits), root).path
    run_apart(jobs, export_files, temporary, sources, limits)
    return temporary


@dataclass(frozen=True)
class SiteReport:
    """What a build wrote: how many files, and how many of them it kept from the previous site unchanged.

    ``skipped``: the site in the folder was drawn from the same key, so nothing was drawn again.
    """

    files: int
    kept: int
    skipped: bool = False


def build_site(
    sources: Sequence[Path],
    output: Path,
    site_url: str = DEFAULT_SITE_URL,
    limits: InputLimits = DEFAULT_LIMITS,
    jobs: int = 1,
    force: bool = False,
) -> SiteReport:
    """Write the site of the RDF files to ``output`` atomically: a failed build leaves the previous site as it was.

    A site is a function of its key (``site_key``): when the folder holds the site of the same key,
    it is left as it is, unless ``force``.
    """
    output = Path(output)
    if output.exists() and not (output / MARKER).exists() and (not output.is_dir() or any(output.iterdir())):
        raise InputError(f"{output}: exists and is not an aimkg site; choose an empty or new folder for -o")
    key = site_key(sources, site_url, limits)
    files = None if force else up_to_date(output, key)
    if files is not None:
        return SiteReport(files, files, skipped=True)
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
    previous = read_manifest(output) if (output / MARKER).exists() else set()
    writer = Writer(staging, output if previous else None, previous)
    try:
        for kind in ENTITY_KINDS:
            (staging / "id" / kind).mkdir(parents=True)
        (staging / "changes").mkdir()
        with exports_placed(writer, sources, limits, jobs):
            graph, summary, timeline = read_graph(sources, limits)
        build = Build(graph, graph.entities(), summary, timeline, environment(), writer, DataWriter(), site_url)
        del timeline  # the build holds it until the changes are drawn (``write_pages``)
        for name in STATIC:
            writer.write(name, static_file(name))
        writer.write(".htaccess", htaccess(site_url).encode("utf-8"))
        for template in build.env.list_templates():
            build.env.get_template(template)  # compiled once, before the page-writing processes fork
        write_pages(build, jobs)
        writer.write(MARKER, marker(key))
        writer.previous.clear()  # all but the manifest are written: the lines they were compared with can go
        if writer.previous_site is not None:  # the manifest does not list itself
            writer.previous.add(f"{digest(manifest_bytes(output))} {MANIFEST}")
        written = writer.written
        writer.write(MANIFEST, "".join([f"{written[path]} {path}\n" for path in sorted(written)]).encode())
        swap(staging, output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return SiteReport(len(writer.written), writer.kept)


def read_graph(sources: Sequence[Path], limits: InputLimits) -> tuple[SiteGraph, Summary, Timeline]:
    """Load the sources into a store, read from it what takes queries, and keep its lines for the pages.

    The store goes before the lines are read back, so that the two are never held at once (the
    catalog's store is 600 MB, its lines 260 MB); the page writers then share the lines.
    """
    store = lexical_store(sources, limits)
    labels, summary = read_labels(store), summarise(store)
    with tempfile.TemporaryDirectory() as folder:
        lines = Path(folder) / "lines.nt"
        with ThreadPoolExecutor(1) as apart:  # its thread ends with the block, and with it its hold on the store
            dumped = apart.submit(dump, store, lines)  # to a path, pyoxigraph lets go of the GIL: beside the timeline
            timeline = Timeline.read(store)
        dumped.result()
        del store
        give_back_memory()
        index = NodeIndex(lines.read_bytes())
    return SiteGraph(index, labels), summary, timeline


def give_back_memory() -> None:
    """Hand the memory of freed objects back to the system (glibc keeps it otherwise), so that forks do not count it."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def swap(staging: Path, output: Path) -> None:
    """Move the new site into place with renames, then drop the old one."""
    old = None
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}.old.", dir=output.parent))
        output.replace(old / "site")
    staging.replace(output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
