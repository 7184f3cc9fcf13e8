"""Write the CLI reference, ``docs/cli-reference.md``, from every command's ``--help``.

``python -m aimkg.cli.reference`` (``make docs``) rewrites the file; ``--check`` only compares,
and exits 1 when the file is out of date. The help is rendered through click's own API at a
fixed width (what an 80-column terminal shows), so the file is the same on every machine, and
a test regenerates it and fails when it differs or misses a command (sqlite-utils does the same
with cog: https://github.com/simonw/sqlite-utils/blob/main/docs/cli-reference.rst).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click

#: The width click wraps help text to on an 80-column terminal (it keeps two columns free).
WIDTH = 78
#: Where the reference lives, relative to the checkout.
REFERENCE = Path("docs") / "cli-reference.md"
#: The command that regenerates the reference.
FIX_COMMAND = "make docs"


def command_contexts(
    command: click.Command, name: str = "aimkg", parent: click.Context | None = None
) -> Iterator[click.Context]:
    """Yield a context for the command and for each of its subcommands, depth first, in ``--help`` order.

    >>> from aimkg.cli import cli
    >>> [ctx.command_path for ctx in command_contexts(cli)][:5]
    ['aimkg', 'aimkg build', 'aimkg conflicts', 'aimkg cost', 'aimkg diff']
    """
    settings = {"terminal_width": WIDTH, "max_content_width": WIDTH, **command.context_settings}
    ctx = click.Context(command, parent=parent, info_name=name, **settings)
    yield ctx
    if isinstance(command, click.Group):
        for sub_name in command.list_commands(ctx):
            sub = command.get_command(ctx, sub_name)
            if sub is not None and not sub.hidden:
                yield from command_contexts(sub, sub_name, ctx)


def help_text(ctx: click.Context) -> str:
    """Return the command's ``--help`` output, as the terminal shows it."""
    return ctx.command.get_help(ctx)


def anchor(command_path: str) -> str:
    """Return the anchor GitHub gives a Markdown heading naming the command.

    >>> anchor("aimkg import models-dev")
    'aimkg-import-models-dev'
    """
    return command_path.replace(" ", "-")


def render(command: click.Command | None = None) -> str:
    """Return the Markdown of the CLI reference: a contents list, then one section per command."""
    if command is None:
        from aimkg.cli import cli

        command = cli
    contexts = list(command_contexts(command))
    lines = [
        "# CLI reference",
        "",
        f"<!-- Generated from each command's --help by `{FIX_COMMAND}` (python -m aimkg.cli.reference).",
        "     Do not edit: a test fails when this file differs from what the commands print. -->",
        "",
        "Every command of `aimkg`, as `aimkg COMMAND --help` prints it. Options that every command",
        "shares (limits on untrusted input, `--debug`) go before the command: `aimkg --debug validate`.",
        "",
    ]
    lines += [f"- [`{ctx.command_path}`](#{anchor(ctx.command_path)})" for ctx in contexts]
    for ctx in contexts:
        lines += ["", f"## {ctx.command_path}", "", "```text", help_text(ctx), "```"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the reference (``python -m aimkg.cli.reference [--check] [FILE]``); with --check, compare only."""
    args = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in args
    paths = [arg for arg in args if arg != "--check"]
    path = Path(paths[0]) if paths else REFERENCE
    text = render()
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if current == text:
        return 0
    if check:
        print(f"{path} is out of date: run `{FIX_COMMAND}` (python -m aimkg.cli.reference {path})", file=sys.stderr)
        return 1
    from aimkg.io.atomic import write_atomic

    write_atomic(path, text)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
