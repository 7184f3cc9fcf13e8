"""``aimkg import``: read another AI-model catalog as aimkg RDF, with a report of what was not mapped."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from aimkg.cli.options import check_option, emit_triples, report_option, validation_engine, with_rdf_output
from aimkg.core.limits import InputLimits


@click.group("import")
def import_group() -> None:
    """Import one AI-model catalog as aimkg RDF, reconciled with the curated data.

    Every entry becomes a record (its key, its catalog as dcterms:source) of the endpoint it
    describes, on the platform the mapping tables give; endpoints, versions, model lines,
    platforms and providers are shared IRIs, so that a curated node and a catalog's record of
    it are one node. Entries and fields that cannot be mapped are counted and reported (a
    summary on stderr, details with --report), never dropped silently. A value of the wrong
    type is an error: the import reads on, names every broken value of the run (the first 50,
    then a count of the rest) and writes nothing; --fail-fast stops at the first. To reconcile
    several catalogs at once, use `aimkg reconcile`. Exit codes: 0 imported, 1 the output does
    not conform (with --validate; nothing is written), 2 unusable input.
    """


HISTORY_HELP = (
    "Also import what the catalog said before, with record time: a clone of models.dev (its first-parent "
    "history of the default branch) or a history file such as upstream/models-dev/history.jsonl.gz."
)


def importer_command(name: str, path_type: click.Path, what: str, version_help: str, history: bool = False) -> None:
    """Register ``aimkg import NAME``: the same options for every catalog (and --history for a git catalog)."""

    def history_option(command: Any) -> Any:
        path = click.Path(exists=True, path_type=Path)
        return click.option("--history", "history_path", type=path, help=HISTORY_HELP)(command) if history else command

    @import_group.command(name, help=f"Import {what} at PATH as aimkg RDF.")
    @click.argument("path", type=path_type)
    @history_option
    @with_rdf_output
    @click.option("--source-version", help=version_help)
    @report_option
    @check_option
    @validation_engine
    @click.option("--fail-fast", is_flag=True, help="Stop at the first broken value (default: name them all).")
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
        fail_fast: bool,
        history_path: Path | None = None,
    ) -> None:
        from aimkg.io.atomic import write_atomic
        from aimkg.reconcile.catalog import reconcile
        from aimkg.reconcile.rdf import catalog_triples
        from aimkg.sources import importer_class

        catalog = importer_class(name)(path, source_version, limits, fail_fast)
        with click.progressbar(length=catalog.count(), label=f"importing {name}", file=sys.stderr) as bar:
            result = catalog.run(bar.update)
        results = [result]
        if history_path is not None:
            from aimkg.history.records import commits_at, with_history

            results = with_history(result, commits_at(history_path), catalog)  # type: ignore[arg-type]
        triples = catalog_triples(reconcile(results))
        result.report.triples = len(set(triples))
        click.echo(result.report.summary(), err=True)
        if validate:
            check_or_exit(triples, engine)
        if report_path is not None:
            write_atomic(report_path, result.report.to_json())
        emit_triples(triples, output, output_format)


def check_or_exit(triples: list[Any], engine: str) -> None:
    """Validate output with the bundled graph; print the verdict; exit 1, writing nothing, when it does not conform."""
    from aimkg.validate import validate_with_bundled

    verdict = validate_with_bundled(triples, engine)
    click.echo(verdict.to_text().splitlines()[-1] if verdict.conforms else verdict.to_text(), err=True)
    if not verdict.conforms:
        sys.exit(1)


importer_command(
    "models-dev",
    click.Path(exists=True, file_okay=False, path_type=Path),
    "a models.dev checkout (the folder holding providers/ and models/)",
    "The catalog's git commit (default: f3fc692299671838c7c65fd8126bf84d81a2e817, the fixtures' commit); "
    "the source IRI is source/models-dev-<first 8 hex digits>.",
    history=True,
)
importer_command(
    "litellm",
    click.Path(exists=True, dir_okay=False, path_type=Path),
    "LiteLLM's model_prices_and_context_window.json",
    "The LiteLLM release the JSON file comes from (default: 1.110.2, the fixtures' release); "
    "the source IRI is source/litellm-<release>.",
)
importer_command(
    "genai-prices",
    click.Path(exists=True, dir_okay=False, path_type=Path),
    "genai-prices' data.json (the v2 price data)",
    "The genai-prices commit the data file comes from (default: 47df840a5ab10bbcffb8e5ac01b9899032245d1b, "
    "the pinned commit); the source IRI is source/genai-prices-<first 8 hex digits>.",
)
