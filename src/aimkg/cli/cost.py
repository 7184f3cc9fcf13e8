"""``aimkg cost``: what a call, or a file of calls, costs on a model's endpoints, from the graph's prices."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from aimkg.cli.options import choice, graph_option
from aimkg.core.limits import InputLimits

#: Each count option: its flag, the usage field it sets, and what it counts.
COUNTS = (
    ("--input", "input_tokens", "Prompt tokens, all of them: cached, cache-written, audio and image ones included."),
    ("--output", "output_tokens", "Generated tokens, all of them: reasoning, audio and image ones included."),
    ("--cached", "cache_read_tokens", "Prompt tokens read from a cache (part of --input)."),
    (
        "--cache-write",
        "cache_write_tokens",
        "Prompt tokens written to a cache (part of --input; 5-minute unless told).",
    ),
    ("--cache-write-5m", "cache_write_5m_tokens", "Of the cache writes, those kept 5 minutes."),
    ("--cache-write-1h", "cache_write_1h_tokens", "Of the cache writes, those kept 1 hour."),
    ("--reasoning", "reasoning_tokens", "Reasoning tokens (part of --output)."),
    ("--input-audio", "input_audio_tokens", "Audio prompt tokens (part of --input)."),
    ("--output-audio", "output_audio_tokens", "Generated audio tokens (part of --output)."),
    ("--input-image", "input_image_tokens", "Image prompt tokens (part of --input)."),
    ("--output-image", "output_image_tokens", "Generated image tokens (part of --output)."),
    ("--searches", "web_searches", "Web searches the model ran."),
)
COUNT = click.IntRange(min=0)
RDF_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


def count_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the count options (--input, --output, --cached, ..., --requests) to a command, in that order."""
    command = click.option(
        "--requests", type=COUNT, metavar="N", help="Requests (default: one call, charged where a request is priced)."
    )(command)
    for flag, field, help_text in reversed(COUNTS):
        command = click.option(flag, field, type=COUNT, default=0, metavar="N", help=help_text)(command)
    return command


@click.command("cost")
@click.argument("model_id", required=False)
@count_options
@click.option("--platform", metavar="PLATFORM", help="A platform's slug, or any catalog's ID for it (bedrock, aws).")
@click.option("--at", metavar="DATE", help="When the call was made: YYYY-MM-DD or an ISO date-time (default: now).")
@choice("--tier", ["standard", "batch", "flex", "priority"], "standard", "The service tier of the call.")
@click.option(
    "--variant", metavar="NAME", help="A region or zone a catalog prices apart (LiteLLM's eu, us-gov-west-1)."
)
@click.option("--all-platforms", is_flag=True, help="Every endpoint that serves the version, cheapest first.")
@click.option(
    "--usage",
    "usage_file",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="A JSON Lines file of calls (- for stdin): the cost of each line as it is read, then the total.",
)
@choice(
    "--format", ["table", "json", "csv"], "table", "A table for people, or JSON or CSV for programs.", "output_format"
)
@click.option(
    "--data", "extra_files", multiple=True, type=RDF_FILE, help="An RDF file to add to the graph (repeatable)."
)
@graph_option
@click.pass_obj
def cost(
    limits: InputLimits,
    /,
    model_id: str | None,
    platform: str | None,
    at: str | None,
    tier: str,
    variant: str | None,
    all_platforms: bool,
    usage_file: Path | None,
    output_format: str,
    extra_files: tuple[Path, ...],
    graph: str | None,
    **counts: int | None,
) -> None:
    """What a call of MODEL_ID costs: the total, a line per part, and whose prices they are.

    MODEL_ID is what a client sends (a model ID or alias), a catalog's key for it, or a version's
    slug. Counts follow the peers' convention: --input counts every prompt token, --cached ones
    included; a part with no price of its own is billed at its total's price. The price used is
    the one valid --at the moment given, of the --tier and context tier the call falls in; where
    catalogs disagree, the answer names the one used and lists the others.

    With --usage FILE, each line of FILE is a call (a JSON object: model, platform, at, tier and
    the usage counts, at the top level or under "usage"); the options give the defaults.

    Exit codes: 0 priced; 1 no price holds at that moment (or a line of FILE could not be
    priced); 2 an unknown model or platform, or unusable counts or input.
    """
    from aimkg.core.resources import graph_files
    from aimkg.cost.cache import load_index
    from aimkg.cost.report import everywhere, single
    from aimkg.cost.usage import Usage

    index = load_index([*graph_files(graph), *extra_files], limits)
    if usage_file is not None:
        sys.exit(batch_command(index, usage_file, model_id, platform, at, tier, output_format))
    if model_id is None:
        raise click.UsageError("give MODEL_ID, or a file of calls with --usage")
    usage = Usage(**counts)  # type: ignore[arg-type]  # the count options are the usage's fields
    if all_platforms:
        results, unpriced = index.everywhere(model_id, usage, at=at, tier=tier, platform=platform)
        click.echo(everywhere(results, unpriced, output_format), nl=False)
        sys.exit(0 if results else 1)
    result = index.cost(model_id, usage, platform=platform, at=at, tier=tier, variant=variant)
    click.echo(single(result, output_format), nl=False)
    if output_format != "table":
        for message in (*result.warnings,):
            click.echo(f"warning: {message}", err=True)


def batch_command(
    index: Any, path: Path, model: str | None, platform: str | None, at: str | None, tier: str, output_format: str
) -> int:
    """Price every line of a JSON Lines file, streaming a row per line and the total; the exit code."""
    from aimkg.cost.batch import Totals, price_calls, read_calls
    from aimkg.cost.report import batch

    stream = sys.stdin if str(path) == "-" else open_text(path)
    totals = Totals()
    with stream:
        calls = read_calls(stream, str(path), model, platform, at, tier)
        for text in batch(price_calls(index, calls), totals, output_format):
            click.echo(text, nl=False)
    return 1 if totals.unpriced else 0


def open_text(path: Path) -> Any:
    from aimkg.core.errors import InputError

    try:
        return path.open(encoding="utf-8")
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from error
