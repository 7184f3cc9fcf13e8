"""``aimkg query``: run a shipped query, a query file or inline SPARQL over the graph."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from aimkg.cli.options import base_files, choice, graph_option
from aimkg.core.limits import InputLimits

#: aimkg.query.results.RESULT_FORMATS and aimkg.query.queries.ENGINES, named here for a fast ``--help``.
RESULT_FORMATS = ("table", "csv", "tsv", "json")
ENGINES = ("oxigraph", "rdflib")


@click.command()
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
    "--as-of", metavar="YYYY-MM-DD", help="The date time-aware queries answer for: valid time (default: today)."
)
@click.option(
    "--recorded-at",
    metavar="YYYY-MM-DDTHH:MM:SSZ",
    help="Record time: answer over what the catalogs stated at that moment (UTC); --as-of defaults to its day.",
)
@choice(
    "--format", RESULT_FORMATS, "table", "A table for people, or SPARQL 1.1 CSV, TSV or JSON results.", "output_format"
)
@choice("--engine", ENGINES, "oxigraph", "SPARQL engine: pyoxigraph (fast) or rdflib.")
@click.option(
    "--data",
    "extra_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="An RDF file to add to the bundled graph (repeatable).",
)
@graph_option
@click.pass_obj
def query(
    limits: InputLimits,
    query: str | None,
    expression: str | None,
    list_queries: bool,
    params: tuple[str, ...],
    as_of: str | None,
    recorded_at: str | None,
    output_format: str,
    engine: str,
    extra_files: tuple[Path, ...],
    graph: str | None,
) -> None:
    """Run SPARQL over the bundled graph: QUERY is a shipped query's name or a .rq file.

    Exits 0 with the answer; for ASK, 0 when true and 1 when false; 2 for a query or
    parameter that cannot be used.
    """
    from aimkg.query import queries as q
    from aimkg.query.results import render

    if list_queries:
        click.echo(q.listing(), nl=False)
        return
    chosen = q.resolve(query, expression)
    if as_of is None and recorded_at is not None and any(p.name == "as_of" for p in chosen.parameters):
        as_of = q.utc_moment(recorded_at)[:10]
    bound = q.bindings(chosen, q.parse_assignments(params), as_of)
    if engine == "rdflib":
        from aimkg.cli import quiet_rdflib

        quiet_rdflib(click.get_current_context().meta["aimkg.debug"])
    base = base_files(graph, "auto")
    result = q.run(chosen, bound, engine, extra_files, limits, stream=True, base=base, recorded_at=recorded_at)
    click.echo(render(result, output_format, chosen.prefixes), nl=False)
    sys.exit(1 if result.boolean is False else 0)
