"""``aimkg import``: read another AI-model catalog as aimkg RDF, with a report of what was not mapped."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from aimkg.cli.options import emit_triples, validation_engine, with_rdf_output
from aimkg.core.limits import InputLimits


@click.group("import")
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
        limits: InputLimits,
        path: Path,
        output: Path | None,
        output_format: str | None,
        source_version: str | None,
        report_path: Path | None,
        validate: bool,
        engine: str,
    ) -> None:
        from aimkg.io.atomic import write_atomic
        from aimkg.io.graph import ox_triples
        from aimkg.sources import importer_class

        catalog = importer_class(name)(path, source_version, limits)
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
        emit_triples(ox_triples(result.graph), output, output_format)


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
