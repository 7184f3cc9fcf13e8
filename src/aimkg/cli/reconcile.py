"""``aimkg merge`` and ``aimkg conflicts``: combine graphs, and show where their sources disagree."""

from __future__ import annotations

from pathlib import Path

import click

from aimkg.cli.options import base_files, choice, emit_triples, existing_files, graph_option, with_rdf_output


@click.command("merge")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_rdf_output
def merge_command(files: tuple[Path, ...], output: Path | None, output_format: str | None) -> None:
    """Merge RDF FILES (any syntax aimkg reads) into one graph.

    Blank nodes of different files are kept apart, duplicate triples collapse, nothing else
    changes: the result has exactly the triples of the union. The same files in the same
    order always give the same bytes. Exit codes: 0 merged, 2 a file cannot be read.
    """
    from aimkg.io.graph import ox_triples
    from aimkg.reconcile.merge import merge

    emit_triples(ox_triples(merge(files)), output, output_format)


@click.command("conflicts")
@existing_files
@choice("--format", ["table", "json"], "table", "A table for people, or JSON for programs.", "output_format")
@graph_option
def conflicts_command(files: tuple[Path, ...], output_format: str, graph: str | None) -> None:
    """List facts on which sources disagree, in the bundled graph plus FILES.

    Versions are the same when linked by owl:sameAs or sharing an IRI; endpoints are the same
    when one provider serves the same model ID or alias. Each conflict lists every value with
    the node that states it and that node's sources; nothing is overwritten.

    Exit codes: 0 whether or not conflicts were found (disagreement between sources is
    information, not an error), 2 a file cannot be read.
    """
    from aimkg.reconcile.conflicts import find_conflicts, to_json, to_table

    found = find_conflicts(files, base_files(graph, "auto"))
    click.echo(to_json(found) if output_format == "json" else to_table(found))
