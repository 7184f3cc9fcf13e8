"""``aimkg reconcile`` and ``aimkg build``: the whole catalog from the pinned upstream catalogs."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

import click

from aimkg.cli.options import (
    VALIDATION_ENGINES,
    check_option,
    choice,
    emit_triples,
    report_option,
    validation_engine,
    with_rdf_output,
)
from aimkg.cli.sources import check_or_exit
from aimkg.core.limits import InputLimits

upstream_option = click.option(
    "--upstream",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The folder of pinned catalogs (default: the repository's upstream/).",
)


@click.command("reconcile")
@upstream_option
@with_rdf_output
@report_option
@check_option
@validation_engine
@click.pass_obj
def reconcile_command(
    limits: InputLimits,
    upstream: Path | None,
    output: Path | None,
    output_format: str | None,
    report_path: Path | None,
    validate: bool,
    engine: str,
) -> None:
    """Reconcile every pinned catalog (models.dev, genai-prices, LiteLLM) into one graph.

    One endpoint per platform and model ID, one version per release served on however many
    platforms, one provider per organisation; each catalog entry stays as a record of what it
    said. A summary line goes to stderr. Exit codes: 0 written, 1 the output does not conform
    (with --validate; nothing is written), 2 unusable input.
    """
    from aimkg.build.pipeline import import_upstream
    from aimkg.core.resources import resource_root
    from aimkg.io.atomic import write_atomic
    from aimkg.reconcile.catalog import reconcile
    from aimkg.reconcile.rdf import catalog_triples
    from aimkg.reconcile.report import report, summary, to_json

    catalog = reconcile(import_upstream(upstream or resource_root() / "upstream", limits))
    document = report(catalog)
    click.echo(summary(document), err=True)
    triples = catalog_triples(catalog)
    if validate:
        check_or_exit(triples, engine)
    if report_path is not None:
        write_atomic(report_path, to_json(document))
    emit_triples(triples, output, output_format)


@click.command("build")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where the exports go (default: the repository's dist/).",
)
@choice(
    "--engine",
    VALIDATION_ENGINES,
    "shacl",
    "The validation engine for the whole catalog (shacl: seconds; pySHACL-turbo: over a minute; pySHACL: many "
    "minutes).",
)
@upstream_option
@click.option(
    "--work",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where the build keeps the catalog and each stage's record (default: the repository's build/, "
    "which the other commands read).",
)
@click.option("--force", is_flag=True, help="Run every stage, even those whose inputs have not changed.")
@click.option(
    "--no-wait",
    "no_wait",
    is_flag=True,
    help="Fail at once when another build holds the lock (build/.lock), instead of waiting for it.",
)
@click.pass_obj
def build_command(
    limits: InputLimits,
    output: Path | None,
    engine: str,
    upstream: Path | None,
    work: Path | None,
    force: bool,
    no_wait: bool,
) -> None:
    """Build the catalog: import the pinned catalogs, reconcile, validate, export to dist/.

    Each stage is keyed by the hash of its inputs and skipped when they have not changed; the
    reconciled catalog is kept in build/catalog.nt (which `aimkg query`, `site`, `serve` and
    `export` read by default) with its report in build/reconcile-report.json. A build is all or
    nothing: its outputs are put in place only once every stage has succeeded, and a failed or
    killed build leaves the previous ones as they were; one build runs at a time. Exit codes: 0
    built, 1 the catalog does not conform, 2 unusable input (a pinned file that fails its
    manifest's checksum, say) or a stage that cannot write its output; the error names the stage.
    """
    from aimkg.build.pipeline import Pipeline

    say = partial(click.echo, err=True)
    log = Pipeline(upstream, work, output, engine, limits, force, wait=not no_wait, say=say).run()
    for line in log.lines():
        click.echo(line, err=True)
    sys.stdout.flush()
