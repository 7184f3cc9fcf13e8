"""The ``aimkg`` command: a thin layer over the Python API.

Each command parses its options and calls one API function. Heavy modules (rdflib, pySHACL,
pyoxigraph) are imported inside the commands, so that ``aimkg --help`` starts fast.
Exit codes (DESIGN.md): 0 success, 1 the data is invalid or the answer is "no",
2 unusable input or arguments.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from aimkg.errors import AimkgError


class AimkgGroup(click.Group):
    """Turn aimkg's errors into one line on stderr and their exit code; tracebacks only with --debug."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AimkgError as error:
            if ctx.meta.get("aimkg.debug"):
                raise
            click.echo(f"error: {error}", err=True)
            ctx.exit(error.exit_code)


@click.group(cls=AimkgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.version_option(package_name="aimkg")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """aimkg: an open knowledge graph of AI models.

    Validate, export, query, import, merge and publish sourced facts about AI models,
    their versions, endpoints, prices and benchmark results.
    """
    ctx.meta["aimkg.debug"] = debug


#: The FILE... argument shared by commands that read RDF files.
existing_files = click.argument(
    "files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)


# ---------------------------------------------------------------- validate


@cli.command()
@existing_files
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report for people (text) or programs (json).",
)
def validate(files: tuple[Path, ...], output_format: str) -> None:
    """Validate the bundled graph, with FILES added to it, against the SHACL shapes.

    Exits 0 when the graph conforms (warnings are printed but do not fail), 1 when it
    has violations, 2 when a file cannot be read or parsed.
    """
    from aimkg.validate import validate_files

    report = validate_files(files)
    if output_format == "json":
        click.echo(report.to_json())
    else:
        click.echo(report.to_text(), err=not report.conforms)
    sys.exit(0 if report.conforms else 1)


# ---------------------------------------------------------------- export

#: aimkg.export.FORMATS, named here so that ``aimkg --help`` need not import it (a test keeps them equal).
EXPORT_FORMATS = ("turtle", "ntriples", "nquads", "trig", "jsonld", "jsonld-framed")


@cli.command()
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
@click.option(
    "--validate/--no-validate",
    default=True,
    show_default=True,
    help="Refuse (exit 1, with the report) a graph that does not conform to the shapes.",
)
def export(
    files: tuple[Path, ...], output: Path | None, output_format: str | None, all_formats: bool, validate: bool
) -> None:
    """Export the bundled graph, with FILES added to it, as Turtle, N-Triples, N-Quads, TriG or JSON-LD.

    N-Quads and TriG put each source's facts in a named graph described with PROV-O;
    jsonld-framed has one object per version with its prices, endpoints and results nested.
    Output is byte-identical across runs; files are replaced atomically.
    """
    from aimkg.export import export_to, read_for_export

    if all_formats and output is None:
        raise click.UsageError("--all writes a folder: give it with -o DIR")
    data = export_to(read_for_export(files, validate=validate), output, output_format, all_formats)
    if data is not None:
        sys.stdout.buffer.write(data)


# ---------------------------------------------------------------- query

#: aimkg.results.RESULT_FORMATS and aimkg.query.ENGINES, named here for a fast ``--help``.
RESULT_FORMATS = ("table", "csv", "tsv", "json")
ENGINES = ("oxigraph", "rdflib")


@cli.command()
@click.argument("query", required=False)
@click.option("-e", "--expression", help="SPARQL text to run instead of a named query or file.")
@click.option("--list", "list_queries", is_flag=True, help="List the shipped queries and their parameters.")
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind a parameter the query declares in a '# param:' header line (repeatable).",
)
@click.option(
    "--as-of", metavar="YYYY-MM-DD", help="The date time-aware queries answer for (default: today)."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(RESULT_FORMATS),
    default="table",
    show_default=True,
    help="A table for people, or SPARQL 1.1 CSV, TSV or JSON results.",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="oxigraph",
    show_default=True,
    help="SPARQL engine: pyoxigraph (fast) or rdflib.",
)
@click.option(
    "--data",
    "data_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="An RDF file to add to the bundled graph (repeatable).",
)
def query(
    query: str | None,
    expression: str | None,
    list_queries: bool,
    params: tuple[str, ...],
    as_of: str | None,
    output_format: str,
    engine: str,
    data_files: tuple[Path, ...],
) -> None:
    """Run SPARQL over the bundled graph: QUERY is a shipped query's name or a .rq file.

    Exits 0 with the answer; for ASK, 0 when true and 1 when false; 2 for a query or
    parameter that cannot be used.
    """
    from aimkg import query as q
    from aimkg.results import render

    if list_queries:
        click.echo(q.listing(), nl=False)
        return
    chosen = q.resolve(query, expression)
    result = q.run(chosen, q.bindings(chosen, q.parse_assignments(params), as_of), engine, data_files)
    click.echo(render(result, output_format, chosen.prefixes), nl=False)
    sys.exit(1 if result.boolean is False else 0)


# ---------------------------------------------------------------- import and merge


# ---------------------------------------------------------------- publish


def main() -> None:
    """Run the CLI (the ``aimkg`` console script)."""
    cli(prog_name="aimkg")
