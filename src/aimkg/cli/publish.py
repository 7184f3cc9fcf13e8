"""``aimkg site``, ``serve`` and ``push``: publish the graph as linked data."""

from __future__ import annotations

import os
from pathlib import Path

import click

from aimkg.cli.options import base_files, existing_files, graph_option, validate_option, validation_engine
from aimkg.core.limits import InputLimits


@click.command()
@existing_files
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write the site to; replaced whole, atomically.",
)
@click.option(
    "--site-url",
    metavar="URL",
    help="Where the site will be hosted: the target of the w3id.org redirects in .htaccess.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=min(4, os.cpu_count() or 1),
    show_default="the CPUs, at most 4",
    help="Processes that write the pages (forked, sharing the graph).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Draw every page even when the folder holds the site of these very inputs, URL and code.",
)
@validate_option
@validation_engine
@graph_option
@click.pass_obj
def site(
    limits: InputLimits,
    files: tuple[Path, ...],
    output: Path,
    site_url: str | None,
    jobs: int,
    force: bool,
    validate: bool,
    engine: str,
    graph: str | None,
) -> None:
    """Write the graph, with FILES added, as a static linked-data site.

    Each entity IRI path id/<kind>/<slug> gets an HTML page with .ttl, .jsonld and .nt files
    beside it; also indexes, makers' and platforms' pages, a compare page, what the catalogs
    changed month by month (changes/, with an Atom feed), search, the ontology's documentation,
    every export format with the JSON-LD context, and the w3id.org .htaccess. A file whose
    bytes did not change since the last build keeps its modification time; a folder that holds
    the site of these very inputs, URL and aimkg code is left as it is (--force draws it again).
    Exits 1, writing nothing, when the graph does not validate.
    """
    from aimkg.publish.site import DEFAULT_SITE_URL, build_site

    sources = [*base_files(graph, "auto"), *files]
    if validate:
        refuse_invalid(sources, limits, engine, "written")
    report = build_site(sources, output, site_url or DEFAULT_SITE_URL, limits, jobs, force)
    if report.skipped:
        click.echo(f"{output} is up to date: its {report.files} files were drawn from these very inputs", err=True)
    else:
        click.echo(f"wrote {report.files} files to {output} ({report.kept} unchanged, kept as they were)", err=True)


def refuse_invalid(sources: list[Path], limits: InputLimits, engine: str, done: str) -> None:
    """Raise InvalidDataError, with the report, unless the files validate."""
    from aimkg.core.errors import InvalidDataError
    from aimkg.validate import validate_files

    report = validate_files([], limits, engine, base=sources)
    if not report.conforms:
        raise InvalidDataError(
            f"the graph does not conform to the shapes; nothing was {done} "
            f"(fix the data, or go ahead anyway with --no-validate)\n{report.to_text()}"
        )


@click.command()
@existing_files
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--site",
    "site_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Serve this folder written by `aimkg site` instead of building one now.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Seconds a query may run.",
)
@click.option(
    "--max-result-bytes",
    type=click.IntRange(min=1),
    default=8 * 1024 * 1024,
    show_default=True,
    help="Largest query result sent.",
)
@graph_option
@click.pass_obj
def serve(
    limits: InputLimits,
    files: tuple[Path, ...],
    graph: str | None,
    host: str,
    port: int,
    site_dir: Path | None,
    timeout: float,
    max_result_bytes: int,
) -> None:
    """Serve the graph, with FILES added, as linked data with a read-only SPARQL endpoint.

    Entity IRI paths (/id/<kind>/<slug>) answer 303 to HTML, Turtle, JSON-LD or N-Triples by
    the Accept header; /sparql answers SPARQL 1.1 Protocol queries (never updates or SERVICE).
    """
    from aimkg.publish.server import serve as run
    from aimkg.publish.sparql import QueryLimits

    query_limits = QueryLimits(timeout=timeout, max_result_bytes=max_result_bytes)
    run([*base_files(graph, "auto"), *files], host, port, site_dir, query_limits, limits)


@click.command()
@existing_files
@click.option("--store", required=True, metavar="URL", help="The Graph Store Protocol endpoint to load into.")
@click.option(
    "--graph",
    "graph_iri",
    metavar="IRI",
    default="https://w3id.org/aimkg/graph",
    show_default=True,
    help="The named graph to load into.",
)
@click.option("--replace", is_flag=True, help="Replace the named graph (PUT) instead of adding to it (POST).")
@click.option(
    "--query-endpoint",
    metavar="URL",
    help="The SPARQL query endpoint that checks the load (derived from --store for known servers).",
)
@click.option(
    "--header",
    "headers",
    multiple=True,
    metavar="'NAME: VALUE'",
    help="An HTTP header for every request, e.g. authorisation; repeatable.",
)
@validate_option
@graph_option
@click.pass_obj
def push(
    limits: InputLimits,
    files: tuple[Path, ...],
    graph: str | None,
    store: str,
    graph_iri: str,
    replace: bool,
    query_endpoint: str | None,
    headers: tuple[str, ...],
    validate: bool,
) -> None:
    """Load the graph, with FILES added, into a SPARQL 1.1 Graph Store Protocol server.

    Exits 0 when the store then counts the triples sent in the named graph, 1 when it does not
    (or when the graph does not validate: nothing is sent), 2 when the store cannot be reached
    or refuses the request.
    """
    from aimkg.core.errors import InputError
    from aimkg.publish.push import push as run
    from aimkg.validate import read_validated

    parsed = {}
    for header in headers:
        name, colon, value = header.partition(":")
        if not colon or not name.strip():
            raise InputError(f"--header {header!r}: write it as 'Name: value'")
        parsed[name.strip()] = value.strip()
    triples = read_validated(files, limits, validate, done="sent", base=base_files(graph, "auto"))
    result = run(triples, store, graph_iri, replace=replace, query_endpoint=query_endpoint, headers=parsed)
    click.echo(f"pushed {result.sent} triples into <{result.graph}>; the store counts {result.counted}")
