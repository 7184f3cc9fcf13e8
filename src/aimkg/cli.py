"""The ``aimkg`` command: a thin layer over the Python API.

Each command parses its options and calls one API function. Heavy modules (rdflib, pySHACL,
pyoxigraph) are imported inside the commands, so that ``aimkg --help`` starts fast.
Exit codes (DESIGN.md): 0 success, 1 the data is invalid or the answer is "no",
2 unusable input or arguments.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import click

from aimkg.errors import AimkgError
from aimkg.limits import DEFAULT_LIMITS, Limits


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


def context_mapping(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> dict[str, Path]:
    """Parse repeated ``IRI=FILE`` pairs for --jsonld-context."""
    mapping = {}
    for value in values:
        iri, separator, file = value.partition("=")
        if not separator or not iri or not Path(file).is_file():
            raise click.BadParameter(f"{value!r}: expected IRI=FILE with an existing local FILE")
        mapping[iri] = Path(file)
    return mapping


@click.group(cls=AimkgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.option(
    "--max-input-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_LIMITS.max_file_bytes,
    show_default=True,
    help="Refuse input files larger than this.",
)
@click.option(
    "--max-literal-chars",
    type=click.IntRange(min=1),
    default=DEFAULT_LIMITS.max_literal_chars,
    show_default=True,
    help="Refuse RDF literals longer than this.",
)
@click.option(
    "--jsonld-context",
    "contexts",
    multiple=True,
    callback=context_mapping,
    metavar="IRI=FILE",
    help="Allow a JSON-LD context IRI, answered from a local FILE (contexts are never fetched).",
)
@click.version_option(package_name="aimkg")
@click.pass_context
def cli(
    ctx: click.Context, debug: bool, max_input_bytes: int, max_literal_chars: int, contexts: dict[str, Path]
) -> None:
    """aimkg: an open knowledge graph of AI models.

    Validate, export, query, import, merge and publish sourced facts about AI models,
    their versions, endpoints, prices and benchmark results.
    """
    ctx.meta["aimkg.debug"] = debug
    # rdflib logs a traceback for every ill-typed literal; the shapes report those as violations.
    logging.getLogger("rdflib").setLevel(logging.DEBUG if debug else logging.ERROR)
    ctx.obj = Limits(max_input_bytes, max_literal_chars, contexts)


#: The FILE... argument shared by commands that read RDF files.
existing_files = click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
#: The --validate/--no-validate option of the commands that write or send the graph.
validate_option = click.option(
    "--validate/--no-validate",
    default=True,
    show_default=True,
    help="Refuse (exit 1, with the report) a graph that does not conform to the shapes.",
)


# ---------------------------------------------------------------- validate

#: The --engine option of every command that validates.
#: Input size above which pySHACL takes a minute or more (10 MB of N-Triples is about 70,000 triples).
SLOW_FOR_PYSHACL_BYTES = 10_000_000

validation_engine = click.option(
    "--engine",
    type=click.Choice(["pyshacl", "turbo"]),
    default="pyshacl",
    show_default=True,
    help="pySHACL (the validator of record) or pySHACL-turbo (same results, much faster on large graphs).",
)


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
@validation_engine
@click.pass_obj
def validate(limits: Limits, files: tuple[Path, ...], output_format: str, engine: str) -> None:
    """Validate the bundled graph, with FILES added to it, against the SHACL shapes.

    Exits 0 when the graph conforms (warnings are printed but do not fail), 1 when it
    has violations, 2 when a file cannot be read or parsed.
    """
    from aimkg.validate import validate_files

    if engine == "pyshacl" and sum(path.stat().st_size for path in files) > SLOW_FOR_PYSHACL_BYTES:
        click.echo(
            "note: pySHACL takes a minute or more on input this large; --engine turbo gives the same report", err=True
        )
    report = validate_files(files, limits, engine)
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
@validate_option
@click.pass_obj
def export(
    limits: Limits,
    files: tuple[Path, ...],
    output: Path | None,
    output_format: str | None,
    all_formats: bool,
    validate: bool,
) -> None:
    """Export the bundled graph, with FILES added to it, as Turtle, N-Triples, N-Quads, TriG or JSON-LD.

    N-Quads and TriG put each source's facts in a named graph described with PROV-O;
    jsonld-framed has one object per version with its prices, endpoints and results nested.
    Output is byte-identical across runs; files are replaced atomically.
    """
    from aimkg.export import export_to, read_validated

    if all_formats and output is None:
        raise click.UsageError("--all writes a folder: give it with -o DIR")
    data = export_to(read_validated(files, limits, validate), output, output_format, all_formats)
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
@click.option("--as-of", metavar="YYYY-MM-DD", help="The date time-aware queries answer for (default: today).")
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
@click.pass_obj
def query(
    limits: Limits,
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
    bound = q.bindings(chosen, q.parse_assignments(params), as_of)
    result = q.run(chosen, bound, engine, data_files, limits, stream=True)
    click.echo(render(result, output_format, chosen.prefixes), nl=False)
    sys.exit(1 if result.boolean is False else 0)


# ---------------------------------------------------------------- import and merge

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
        type=click.Choice(["turtle", "ntriples"]),
        help="Canonical Turtle, or N-Triples sorted by line (default: from the -o suffix, else turtle).",
    ),
]


def with_rdf_output(command: Any) -> Any:
    """Add the shared -o/--output and --format options to a command."""
    for option in reversed(rdf_output):
        command = option(command)
    return command


def emit_graph(graph: Any, output: Path | None, output_format: str | None) -> None:
    """Serialise a graph deterministically to a file (atomically) or stdout."""
    from aimkg.files import write_atomic
    from aimkg.serialize import format_for, serialize

    text = serialize(graph, format_for(output, output_format))
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)


@cli.group("import")
def import_group() -> None:
    """Import another AI-model catalog as aimkg RDF.

    Every node written names the catalog release as its dcterms:source; nodes that are the
    same thing as curated ones are linked to them with owl:sameAs. Entries and fields that
    cannot be mapped are counted and reported (a summary on stderr, details with --report),
    never dropped silently. Exit codes: 0 imported, 1 the output does not conform (with
    --validate; nothing is written), 2 unusable input.
    """


def importer_command(name: str, path_type: click.Path, what: str, version_help: str) -> None:
    """Register ``aimkg import NAME``: the same options for every catalog."""

    @import_group.command(name, help=f"Import {what} at PATH as aimkg RDF.")
    @click.argument("path", type=path_type)
    @with_rdf_output
    @click.option("--source-version", help=version_help)
    @click.option(
        "--report",
        "report_path",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Write the report of unmapped entries and fields here, as JSON.",
    )
    @click.option(
        "--validate/--no-validate",
        default=False,
        show_default=True,
        help="Validate the output with the bundled ontology and data before writing it.",
    )
    @validation_engine
    @click.pass_obj
    def command(
        limits: Limits,
        path: Path,
        output: Path | None,
        output_format: str | None,
        source_version: str | None,
        report_path: Path | None,
        validate: bool,
        engine: str,
    ) -> None:
        from aimkg.files import write_atomic
        from aimkg.importers import importer

        catalog = importer(name)(path, source_version, limits)
        with click.progressbar(length=catalog.count(), label=f"importing {name}", file=sys.stderr) as bar:
            result = catalog.run(bar.update)
        click.echo(result.report.summary(), err=True)
        if validate:
            from aimkg.validate import validate_with_bundled

            verdict = validate_with_bundled(result.graph, engine)
            click.echo(verdict.to_text().splitlines()[-1] if verdict.conforms else verdict.to_text(), err=True)
            if not verdict.conforms:
                sys.exit(1)
        if report_path is not None:
            write_atomic(report_path, result.report.to_json())
        emit_graph(result.graph, output, output_format)


importer_command(
    "models-dev",
    click.Path(exists=True, file_okay=False, path_type=Path),
    "a models.dev checkout (the folder holding providers/ and models/)",
    "The catalog's git commit (default: f3fc692299671838c7c65fd8126bf84d81a2e817, the fixtures' commit); "
    "the source IRI is source/models-dev-<first 8 hex digits>.",
)
importer_command(
    "litellm",
    click.Path(exists=True, dir_okay=False, path_type=Path),
    "LiteLLM's model_prices_and_context_window.json",
    "The LiteLLM release the JSON file comes from (default: 1.110.2, the fixtures' release); "
    "the source IRI is source/litellm-<release>.",
)


@cli.command("merge")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_rdf_output
def merge_command(files: tuple[Path, ...], output: Path | None, output_format: str | None) -> None:
    """Merge RDF FILES (any syntax aimkg reads) into one graph.

    Blank nodes of different files are kept apart, duplicate triples collapse, nothing else
    changes: the result has exactly the triples of the union. The same files in the same
    order always give the same bytes. Exit codes: 0 merged, 2 a file cannot be read.
    """
    from aimkg.merge import merge

    emit_graph(merge(files), output, output_format)


@cli.command("conflicts")
@existing_files
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="A table for people, or JSON for programs.",
)
def conflicts_command(files: tuple[Path, ...], output_format: str) -> None:
    """List facts on which sources disagree, in the bundled graph plus FILES.

    Versions are the same when linked by owl:sameAs or sharing an IRI; endpoints are the same
    when one provider serves the same model ID or alias. Each conflict lists every value with
    the node that states it and that node's sources; nothing is overwritten.

    Exit codes: 0 whether or not conflicts were found (disagreement between sources is
    information, not an error), 2 a file cannot be read.
    """
    from aimkg.conflicts import find_conflicts, to_json, to_table

    found = find_conflicts(files)
    click.echo(to_json(found) if output_format == "json" else to_table(found))


# ---------------------------------------------------------------- publish


@cli.command()
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
@validate_option
@click.pass_obj
def site(limits: Limits, files: tuple[Path, ...], output: Path, site_url: str | None, validate: bool) -> None:
    """Write the graph, with FILES added, as a static linked-data site.

    Each entity IRI path id/<kind>/<slug> gets an HTML page with .ttl, .jsonld and .nt files
    beside it; also an index, the ontology's documentation, every export format with the
    JSON-LD context, and the w3id.org .htaccess. Exits 1, writing nothing, when the graph
    does not validate.
    """
    from aimkg.export import read_validated
    from aimkg.publish.site import DEFAULT_SITE_URL, build_site

    triples = read_validated(files, limits, validate, done="written")
    count = build_site(triples, output, site_url or DEFAULT_SITE_URL)
    click.echo(f"wrote {count} files to {output}", err=True)


@cli.command()
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
@click.pass_obj
def serve(
    limits: Limits,
    files: tuple[Path, ...],
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
    from aimkg.rdfio import bundled_files

    query_limits = QueryLimits(timeout=timeout, max_result_bytes=max_result_bytes)
    run([*bundled_files(), *files], host, port, site_dir, query_limits, limits)


@cli.command()
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
@click.pass_obj
def push(
    limits: Limits,
    files: tuple[Path, ...],
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
    from aimkg.errors import InputError
    from aimkg.export import read_validated
    from aimkg.publish.push import push as run

    parsed = {}
    for header in headers:
        name, colon, value = header.partition(":")
        if not colon or not name.strip():
            raise InputError(f"--header {header!r}: write it as 'Name: value'")
        parsed[name.strip()] = value.strip()
    triples = read_validated(files, limits, validate, done="sent")
    result = run(triples, store, graph_iri, replace=replace, query_endpoint=query_endpoint, headers=parsed)
    click.echo(f"pushed {result.sent} triples into <{result.graph}>; the store counts {result.counted}")


def main() -> None:
    """Run the CLI (the ``aimkg`` console script)."""
    cli(prog_name="aimkg")
