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


# ---------------------------------------------------------------- query


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
    from aimkg.serialize import format_for, serialize, write_atomic

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
        help="Validate the output with the bundled ontology and data (pySHACL in chunks; minutes).",
    )
    def command(
        path: Path,
        output: Path | None,
        output_format: str | None,
        source_version: str | None,
        report_path: Path | None,
        validate: bool,
    ) -> None:
        from aimkg.importers import importer
        from aimkg.serialize import write_atomic

        catalog = importer(name)(path, source_version)
        with click.progressbar(length=catalog.count(), label=f"importing {name}", file=sys.stderr) as bar:
            result = catalog.run(bar.update)
        click.echo(result.report.summary(), err=True)
        if validate:
            from aimkg.importers.validation import chunks, validate_import

            groups = chunks(result.graph)
            with click.progressbar(length=len(groups), label="validating", file=sys.stderr) as bar:
                verdict = validate_import(result.graph, bar.update, groups)
            if not verdict.conforms:
                click.echo(verdict.to_text(), err=True)
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
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
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


def main() -> None:
    """Run the CLI (the ``aimkg`` console script)."""
    cli(prog_name="aimkg")
