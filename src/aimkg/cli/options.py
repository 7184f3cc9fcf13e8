"""Options and helpers that several commands share, so that habits carry over between them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import click

#: aimkg.export.formats.FORMATS, named here so that ``aimkg --help`` need not import it (a test keeps them equal).
EXPORT_FORMATS = ("turtle", "ntriples", "nquads", "trig", "jsonld", "jsonld-framed")

#: The FILE... argument shared by commands that read RDF files.
existing_files = click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
#: The --validate/--no-validate option of the commands that write or send the graph.
validate_option = click.option(
    "--validate/--no-validate",
    default=True,
    show_default=True,
    help="Refuse (exit 1, with the report) a graph that does not conform to the shapes.",
)


def choice(
    flag: str, choices: Sequence[str], default: str, help: str, dest: str | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """An option that takes one of a few names, shown with its default (--format, --engine)."""
    names = [flag, dest] if dest else [flag]
    return click.option(*names, type=click.Choice(choices), default=default, show_default=True, help=help)


#: The --engine option of every command that validates.
#: aimkg.validate.ENGINES, named here for a fast ``--help``.
VALIDATION_ENGINES = ["pyshacl", "turbo", "shacl"]
validation_engine = choice(
    "--engine",
    VALIDATION_ENGINES,
    "pyshacl",
    "pySHACL (the validator of record), pySHACL-turbo or shacl (the same results; shacl is the fastest on "
    "large graphs).",
)
#: --report FILE, of the commands that say what they did not map or link.
report_option: Callable[[Callable[..., Any]], Callable[..., Any]] = click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report here, as JSON (what was not mapped, or linked, and why).",
)
#: --validate/--no-validate for commands that write what they built (off by default: it takes time).
check_option: Callable[[Callable[..., Any]], Callable[..., Any]] = click.option(
    "--validate/--no-validate",
    default=False,
    show_default=True,
    help="Validate the output with the bundled ontology and data before writing it.",
)

#: -o/--output and --format, shared by the commands that write one RDF graph.
rdf_output = [
    click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Write here (atomically) instead of stdout.",
    ),
    click.option(
        "--format",
        "output_format",
        type=click.Choice(EXPORT_FORMATS),
        help="Output format (default: from the -o suffix, else turtle): canonical Turtle, sorted N-Triples, ...",
    ),
]


def with_rdf_output(command: Any) -> Any:
    """Add the shared -o/--output and --format options to a command."""
    for option in reversed(rdf_output):
        command = option(command)
    return command


def emit_triples(triples: Iterable[Any], output: Path | None, output_format: str | None) -> None:
    """Write triples in one export format, to a file (atomically) or stdout."""
    from aimkg.export.formats import format_for
    from aimkg.io.atomic import write_atomic

    fmt = format_for(output_format, output, default="turtle")
    data = fmt.serialize(triples)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_atomic(output, data)


def graph_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """--catalog / --curated: which graph a command starts from, before the FILES it is given."""
    command = click.option(
        "--curated",
        "graph",
        flag_value="curated",
        help="Start from the curated data alone (ontology and data/).",
    )(command)
    return click.option(
        "--catalog",
        "graph",
        flag_value="catalog",
        help="Start from the curated data with the catalog `make build` reconciled (build/catalog.nt). "
        "Without either flag: the environment variable AIMKG_GRAPH (catalog, curated or auto), else the "
        "command's default.",
    )(command)


def base_files(graph: str | None, default: str) -> list[Path]:
    """The files of the graph chosen by --catalog/--curated, else AIMKG_GRAPH, else the command's default.

    ``auto`` is the catalog once built, else the curated data.
    """
    from aimkg.core.resources import graph_files

    return graph_files(graph, default)
