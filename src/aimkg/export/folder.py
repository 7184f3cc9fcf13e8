"""Write every export format into a folder, with the JSON-LD context and the dataset descriptions.

``export_all`` builds every file before writing any, and adds the JSON-LD context, the
DCAT/VoID description (``void.ttl``) with the files' byte sizes, and the MLCommons Croissant
description (``croissant.jsonld``: every file with its size and sha256, and a record set for ML
tools); each file is written through a temporary file and a rename, so a failure leaves earlier
output intact.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from aimkg.core.resources import context_path
from aimkg.export.croissant import CROISSANT_FILE, croissant
from aimkg.export.dataset import Distribution, describe_dataset
from aimkg.export.formats import FORMATS, ExportGraph, format_for
from aimkg.io.atomic import write_atomic
from aimkg.io.turtle import turtle

CONTEXT_FILE = "context.jsonld"
ISSUED = "http://purl.org/dc/terms/issued"
DESCRIPTION_FILE = "void.ttl"


def build_all(triples: Iterable[ox.Triple]) -> dict[str, bytes]:
    """Every export file, the JSON-LD context and the dataset's DCAT/VoID and Croissant descriptions, by file name."""
    build = ExportGraph(triples)
    files = {f.filename: f.build(build) for f in FORMATS.values()}
    files[CONTEXT_FILE] = context_path().read_bytes()
    distributions = [Distribution(f.filename, f.media_type, f.title, len(files[f.filename])) for f in FORMATS.values()]
    distributions.append(
        Distribution(CONTEXT_FILE, "application/ld+json", "The JSON-LD context", len(files[CONTEXT_FILE]))
    )
    files[DESCRIPTION_FILE] = turtle(describe_dataset(build.triples, distributions)).encode()
    types = {f.filename: f.media_type for f in FORMATS.values()}
    types.update({CONTEXT_FILE: "application/ld+json", DESCRIPTION_FILE: "text/turtle"})
    files[CROISSANT_FILE] = croissant(
        {name: (types[name], data) for name, data in files.items()}, newest(build.triples)
    )
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
    """Write every export file into a folder; return their sizes by file name."""
    files = build_all(triples)
    for name, data in files.items():
        write_atomic(Path(folder) / name, data)
    return {name: len(data) for name, data in files.items()}


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
