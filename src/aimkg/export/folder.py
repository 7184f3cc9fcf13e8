"""Write every export format into a folder, with the JSON-LD context and the dataset descriptions.

``write_all`` makes each file in turn and hands it on (to be written, compared or linked), with
the JSON-LD context, the DCAT/VoID description (``void.ttl``) with the files' byte sizes, and
the MLCommons Croissant description (``croissant.jsonld``: every file with its size and sha256,
and a record set for ML tools). ``export_all`` writes them into a hidden folder and moves them
into place once every one is made, so a failure leaves earlier output intact.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph as ox

from aimkg.core.resources import context_path
from aimkg.export.croissant import CROISSANT_FILE, Described, croissant
from aimkg.export.dataset import Distribution, describe_dataset
from aimkg.export.formats import FORMATS, ExportGraph, format_for
from aimkg.io.atomic import cannot_write, write_atomic
from aimkg.io.turtle import turtle

CONTEXT_FILE = "context.jsonld"
ISSUED = "http://purl.org/dc/terms/issued"
DESCRIPTION_FILE = "void.ttl"


def write_all(triples: Iterable[ox.Triple], write: Callable[[str, bytes], None]) -> None:
    """Make every export file, the JSON-LD context and the dataset's DCAT/VoID and Croissant descriptions.

    Each file goes to ``write`` (name, bytes) as soon as it is made and is let go: the descriptions
    need only its size and digest (``Described``).
    """
    build = ExportGraph(triples)
    described: dict[str, Described] = {}
    titles = {CONTEXT_FILE: "The JSON-LD context"}

    def hand_on(name: str, media_type: str, data: bytes) -> None:
        described[name] = Described.of(media_type, data)
        write(name, data)

    for fmt in FORMATS.values():
        titles[fmt.filename] = fmt.title
        hand_on(fmt.filename, fmt.media_type, fmt.build(build))
    hand_on(CONTEXT_FILE, "application/ld+json", context_path().read_bytes())
    distributions = [Distribution(name, file.media_type, titles[name], file.size) for name, file in described.items()]
    hand_on(DESCRIPTION_FILE, "text/turtle", turtle(describe_dataset(build.triples, distributions)).encode())
    write(CROISSANT_FILE, croissant(described, newest(build.triples)))


def build_all(triples: Iterable[ox.Triple]) -> dict[str, bytes]:
    """Every file of ``write_all``, by file name, held in memory."""
    files: dict[str, bytes] = {}
    write_all(triples, files.__setitem__)
    return files


def file_names() -> list[str]:
    """The name of every file ``build_all`` writes: what ``aimkg site`` takes from a build's dist/."""
    return [*(f.filename for f in FORMATS.values()), CONTEXT_FILE, DESCRIPTION_FILE, CROISSANT_FILE]


def newest(triples: Iterable[ox.Triple]) -> str | None:
    """The newest date a source was issued (``dcterms:issued``): what the data is as of."""
    dates = [
        triple.object.value[:10]
        for triple in triples
        if triple.predicate.value == ISSUED and isinstance(triple.object, ox.Literal)
    ]
    return max(dates, default=None)


def export_all(triples: Iterable[ox.Triple], folder: Path) -> dict[str, int]:
    """Write every export file into a folder; return their sizes by file name.

    The files are made in a hidden folder inside it and moved into place once all are made, so
    that a failure leaves the folder's earlier files as they were.
    """
    folder = Path(folder)
    sizes: dict[str, int] = {}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".export.", dir=folder))
    except OSError as error:
        raise cannot_write(folder, error) from error
    try:

        def write(name: str, data: bytes) -> None:
            try:
                (staging / name).write_bytes(data)
            except OSError as error:
                raise cannot_write(folder / name, error) from error
            sizes[name] = len(data)

        write_all(triples, write)
        for name in sizes:
            try:
                (staging / name).replace(folder / name)
            except OSError as error:
                raise cannot_write(folder / name, error) from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return sizes


def export_to(
    triples: Iterable[ox.Triple], output: Path | None, name: str | None = None, every_format: bool = False
) -> bytes | None:
    """Write every format into the folder ``output``, or one format to the file ``output``.

    Without an output, return the one format's bytes for the caller to print.
    """
    if every_format and output is not None:
        export_all(triples, output)
        return None
    fmt = format_for(name, output)
    data = fmt.build(ExportGraph(triples))
    if output is None:
        return data
    write_atomic(output, data)
    return None
