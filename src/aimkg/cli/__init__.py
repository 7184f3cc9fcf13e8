"""The ``aimkg`` command: a thin layer over the Python API.

The group only assembles the commands; each area (validate, export, query, import, merge and
conflicts, publish) owns its commands in a module of this package, and each command parses its
options and calls one API function. Heavy modules (rdflib, pySHACL, pyoxigraph) are imported
inside the commands, so that ``aimkg --help`` starts fast; and a command's module is imported
only when that command runs (or help lists it), so that ``aimkg query`` does not compile and run
the other commands' modules. Exit codes (DESIGN.md): 0 success, 1 the data is invalid or the
answer is "no", 2 unusable input or arguments.
"""

from __future__ import annotations

import gc
import importlib
from pathlib import Path
from typing import Any

import click

from aimkg.core.errors import AimkgError
from aimkg.core.limits import DEFAULT_LIMITS, InputLimits

#: Each command and where it is defined (module:attribute), imported when first asked for.
COMMANDS = {
    "validate": "aimkg.cli.validate:validate",
    "export": "aimkg.cli.export:export",
    "query": "aimkg.cli.query:query",
    "import": "aimkg.cli.sources:import_group",
    "merge": "aimkg.cli.reconcile:merge_command",
    "conflicts": "aimkg.cli.reconcile:conflicts_command",
    "site": "aimkg.cli.publish:site",
    "serve": "aimkg.cli.publish:serve",
    "push": "aimkg.cli.publish:push",
    "update": "aimkg.cli.update:update_command",
    "reconcile": "aimkg.cli.build:reconcile_command",
    "build": "aimkg.cli.build:build_command",
    "diff": "aimkg.cli.history:diff_command",
    "cost": "aimkg.cli.cost:cost",
}


class AimkgGroup(click.Group):
    """Turn aimkg's errors into one line on stderr and their exit code; tracebacks only with --debug.

    Commands are loaded from COMMANDS on first use (click's lazy-loading pattern): running one
    imports its module alone, listing them (``--help``) imports all.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command's name, loaded or not, in the order help lists them."""
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command, its module imported now if no earlier call did."""
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, _, attribute = COMMANDS[cmd_name].partition(":")
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)

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


#: A count of at least one; and the input limits' defaults (1 GiB files, literals of 1 Mi characters).
POSITIVE = click.IntRange(min=1)
FILES, LITERALS = DEFAULT_LIMITS.max_file_bytes, DEFAULT_LIMITS.max_literal_chars


@click.group(cls=AimkgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.option("--max-input-bytes", type=POSITIVE, default=FILES, show_default=True, help="Refuse larger input files.")
@click.option("--max-literal-chars", type=POSITIVE, default=LITERALS, show_default=True, help="Refuse longer literals.")
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
    if ctx.invoked_subcommand != "query":  # which quiets rdflib itself, when it uses rdflib
        quiet_rdflib(debug)
    ctx.obj = InputLimits(max_input_bytes, max_literal_chars, contexts)


def quiet_rdflib(debug: bool) -> None:
    """rdflib logs a traceback for every ill-typed literal; the shapes report those as violations.

    Kept out of ``aimkg query`` with pyoxigraph, which reads no RDF with rdflib: the logging
    module costs its start a few milliseconds.
    """
    import logging

    logging.getLogger("rdflib").setLevel(logging.DEBUG if debug else logging.ERROR)


def main() -> None:
    """Run the CLI (the ``aimkg`` console script).

    What is loaded by now, click and aimkg's modules, lives as long as the process: frozen, it is
    no longer walked by each pass of the garbage collector nor by the last one, at exit (some
    13,000 objects; 2% of the instructions of ``aimkg query provider-summary``).
    """
    gc.freeze()
    cli(prog_name="aimkg")
