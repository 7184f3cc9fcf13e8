"""``aimkg diff``: what changed between two graphs, or two moments of the catalog's history."""

from __future__ import annotations

from pathlib import Path

import click

from aimkg.cli.options import base_files, choice, graph_option
from aimkg.core.limits import InputLimits

#: aimkg.history.diff.FORMATS, named here for a fast ``--help``.
FORMATS = ("text", "md", "json")


@click.command("diff")
@click.argument("old")
@click.argument("new")
@choice("--format", FORMATS, "text", "Plain text, Markdown (tables) or JSON.", "output_format")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of standard output."
)
@graph_option
@click.pass_obj
def diff_command(
    limits: InputLimits, old: str, new: str, output_format: str, output: Path | None, graph: str | None
) -> None:
    """Show what changed from OLD to NEW: versions and endpoints added or removed, prices changed
    (old -> new, with %), lifecycle (status, deprecation, retirement) and capability changes.

    OLD and NEW are RDF files (two releases of the graph), or days (YYYY-MM-DD: the end of that day,
    UTC) or UTC times (YYYY-MM-DDTHH:MM:SSZ) of the graph's record time: what its catalogs stated
    then. Dates read the catalog once built (else the curated data), or the graph --catalog/--curated
    chooses.
    """
    from aimkg.history.diff import diff, render, sides
    from aimkg.io.atomic import write_atomic

    before, after = sides(old, new, base_files(graph, "auto"), limits)
    text = render(diff(before, after), before.name, after.name, output_format)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text.encode("utf-8"))
