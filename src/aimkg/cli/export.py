"""``aimkg export``: write the graph in one format, or every format into a folder."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from aimkg.cli.options import EXPORT_FORMATS, base_files, existing_files, graph_option, validate_option
from aimkg.core.limits import InputLimits


@click.command()
@existing_files
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="File to write (the folder, with --all); standard output when absent.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(EXPORT_FORMATS),
    help="Output format; by default guessed from the -o suffix, else turtle.",
)
@click.option(
    "--all",
    "all_formats",
    is_flag=True,
    help="Write every format, context.jsonld and the DCAT/VoID description void.ttl into the folder -o.",
)
@validate_option
@graph_option
@click.pass_obj
def export(
    limits: InputLimits,
    files: tuple[Path, ...],
    output: Path | None,
    output_format: str | None,
    all_formats: bool,
    validate: bool,
    graph: str | None,
) -> None:
    """Export the graph (--graph), with FILES added to it, as Turtle, N-Triples, N-Quads, TriG or JSON-LD.

    N-Quads and TriG put each source's facts in a named graph described with PROV-O;
    jsonld-framed has one object per version with its prices, endpoints and results nested.
    Output is byte-identical across runs; files are replaced atomically.
    """
    from aimkg.export.folder import export_to
    from aimkg.validate import read_validated

    if all_formats and output is None:
        raise click.UsageError("--all writes a folder: give it with -o DIR")
    data = export_to(
        read_validated(files, limits, validate, base=base_files(graph, "auto")), output, output_format, all_formats
    )
    if data is not None:
        sys.stdout.buffer.write(data)
