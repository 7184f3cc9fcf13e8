"""``aimkg validate``: check the bundled graph, with the user's files, against the shapes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from aimkg.cli.options import base_files, choice, existing_files, graph_option, validation_engine
from aimkg.core.limits import InputLimits

#: Input size above which pySHACL takes a minute or more (10 MB of N-Triples is about 70,000 triples).
SLOW_FOR_PYSHACL_BYTES = 10_000_000


@click.command()
@existing_files
@choice("--format", ["text", "json"], "text", "Report for people (text) or programs (json).", "output_format")
@validation_engine
@graph_option
@click.pass_obj
def validate(limits: InputLimits, files: tuple[Path, ...], output_format: str, engine: str, graph: str | None) -> None:
    """Validate the bundled graph, with FILES added to it, against the SHACL shapes.

    Exits 0 when the graph conforms (warnings are printed but do not fail), 1 when it
    has violations, 2 when a file cannot be read or parsed.
    """
    from aimkg.validate import validate_files

    def note() -> None:  # once the files are read: an unreadable one gets its error line first
        if engine == "pyshacl" and sum(path.stat().st_size for path in files) > SLOW_FOR_PYSHACL_BYTES:
            click.echo(
                "note: pySHACL takes a minute or more on input this large; --engine shacl gives the same report",
                err=True,
            )

    report = validate_files(files, limits, engine, base_files(graph, "curated"), read=note)
    if output_format == "json":
        click.echo(report.to_json())
    else:
        click.echo(report.to_text(), err=not report.conforms)
    sys.exit(0 if report.conforms else 1)
