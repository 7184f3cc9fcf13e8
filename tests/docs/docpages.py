"""Read the project's Markdown pages the way the doc tests need them: code blocks, inline code, links.

The pages are the README, everything in docs/, and the READMEs of the data folders. Commands and
modules they name are checked against the CLI and the package (test_markdown_examples.py,
test_layout.py); their Python blocks run.
"""

from __future__ import annotations

import copy
import importlib
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from aimkg.cli import cli

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
#: The pages whose examples and references are checked (FINDINGS.md in data/mappings is a work note).
PAGES = [README, *sorted((REPO / "docs").glob("*.md")), REPO / "upstream" / "README.md", REPO / "queries" / "README.md"]
#: Put this comment on the line before a fenced block to keep its code from running (sh lines are still parsed).
NOT_TESTED = "<!-- not-tested -->"

FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)
INLINE_CODE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*$", re.MULTILINE)
#: A dotted Python name under aimkg, not preceded by a path or URL character (``w3id.org/aimkg/...``).
DOTTED = re.compile(r"(?<![\w/.@-])aimkg(?:\.[A-Za-z_]\w*)+")


def relative(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


@dataclass(frozen=True)
class Block:
    """A fenced code block of a page."""

    page: Path
    line: int
    language: str
    code: str
    tested: bool

    @property
    def where(self) -> str:
        return f"{relative(self.page)}:{self.line}"


def blocks(page: Path) -> Iterator[Block]:
    """Yield the fenced code blocks of a page, with the line each starts on."""
    text = page.read_text(encoding="utf-8")
    for match in FENCE.finditer(text):
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1].strip()
        line = text.count("\n", 0, match.start()) + 1
        yield Block(page, line, match[1], match[2], tested=before != NOT_TESTED)


def prose(page: Path) -> str:
    """Return the page without its fenced blocks."""
    return FENCE.sub("", page.read_text(encoding="utf-8"))


def inline_code(page: Path) -> list[str]:
    """Return the inline code spans of the page's prose."""
    return INLINE_CODE.findall(prose(page))


def shell_lines(block: Block) -> list[str]:
    """Return the block's command lines, continuation lines joined."""
    lines: list[str] = []
    pending = ""
    for raw in block.code.splitlines():
        if raw.rstrip().endswith("\\"):
            pending += raw.rstrip()[:-1] + " "
            continue
        line = (pending + raw).strip()
        pending = ""
        if line and not line.startswith("#"):
            lines.append(line)
    return lines


def words(line: str) -> list[str]:
    """Split a shell line into words, without its comment."""
    return shlex.split(line, comments=True)


def python_blocks() -> list[Block]:
    return [block for page in PAGES for block in blocks(page) if block.language == "python"]


def shell_blocks() -> list[Block]:
    return [block for page in PAGES for block in blocks(page) if block.language in ("sh", "shell", "bash", "console")]


def github_anchor(heading: str) -> str:
    """Return the anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.replace("`", "").lower())
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    return {github_anchor(heading) for heading in HEADING.findall(prose(page))}


def links(page: Path) -> list[str]:
    """Return the targets of the page's Markdown links and images."""
    return LINK.findall(prose(page))


def dotted_names(page: Path) -> set[str]:
    """Return the ``aimkg.…`` Python names a page mentions, file names (``aimkg.ttl``) left out."""
    from aimkg.export.formats import FORMATS

    files = {fmt.filename for fmt in FORMATS.values()} | {"aimkg.ttl"}
    return {name for name in DOTTED.findall(page.read_text(encoding="utf-8")) if name not in files}


def resolve(dotted: str) -> Any:
    """Import the longest module prefix of a dotted name and look the rest up as attributes."""
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        module_name = ".".join(parts[:end])
        try:
            found: Any = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name is not None and not module_name.startswith(error.name):
                raise
            continue
        for attribute in parts[end:]:
            found = getattr(found, attribute)
        return found
    raise ModuleNotFoundError(dotted)


def make_targets() -> set[str]:
    """Return the targets the Makefile defines."""
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w-]*):", text, re.MULTILINE))


def subcommands(group: click.Group) -> dict[str, click.Command]:
    """Return the group's commands by name, through click's API: ``aimkg`` loads its commands on first use."""
    ctx = click.Context(group)
    found = {name: group.get_command(ctx, name) for name in group.list_commands(ctx)}
    return {name: command for name, command in found.items() if command is not None}


def command_tree(group: click.Group = cli) -> dict[str, click.Command]:
    """Return every command of the group by its path (``"import litellm"``), the group itself as ``""``."""
    found: dict[str, click.Command] = {"": group}
    for name, command in subcommands(group).items():
        if isinstance(command, click.Group):
            found.update({f"{name} {path}".strip(): sub for path, sub in command_tree(command).items()})
        else:
            found[name] = command
    return found


@dataclass
class Parsed:
    """What a command line parsed to: the command run, and the values of its parameters."""

    path: str = ""
    values: dict[str, Any] = field(default_factory=dict)


def dry_cli() -> tuple[click.Group, list[Parsed]]:
    """Return a copy of the aimkg group that parses and converts arguments but runs nothing.

    Every callback records what it was given instead of running, parameter callbacks are
    dropped, and paths need not exist (the examples name files such as ``mine.ttl``); types,
    choices, counts and required parameters are checked by click as usual.
    """
    command_tree(cli)  # loads every command into the group, so that the copy holds copies of them all
    tree = copy.deepcopy(cli)
    calls: list[Parsed] = []
    for path, command in command_tree(tree).items():

        def record(*, _path: str = path, **values: Any) -> None:
            calls.append(Parsed(_path, values))

        command.callback = record
        for param in command.params:
            if param.name in ("help", "version"):
                continue
            param.callback = None
            if isinstance(param.type, click.Path):
                param.type.exists = False
    return tree, calls


def is_placeholder(word: str) -> bool:
    """Tell whether an inline word stands for something (``COMMAND``, ``...``) rather than being it."""
    return word in ("...", "…") or any(c.isupper() for c in word) or not re.fullmatch(r"[a-z][a-z0-9-]*", word)


def command_words_problem(words: list[str]) -> str | None:
    """Check the command path and the option names of ``aimkg WORDS``; return what is wrong, if anything."""
    command: click.Command = cli
    path = "aimkg"
    index = 0
    while index < len(words):
        word = words[index]
        if word.startswith("-"):
            name = word.split("=", 1)[0]
            options = {
                opt: param
                for param in command.params
                if isinstance(param, click.Option)
                for opt in (*param.opts, *param.secondary_opts)
            }
            options.update(dict.fromkeys(cli.context_settings.get("help_option_names", ["--help"])))
            if name not in options:
                return f"`{path}` has no option {name}"
            option = options[name]
            if option is not None and not option.is_flag and not option.count and "=" not in word:
                index += 1  # its value
        elif isinstance(command, click.Group):
            if is_placeholder(word):
                return None
            commands = subcommands(command)
            if word not in commands:
                return f"`{path}` has no command {word!r}"
            command = commands[word]
            path = f"{path} {word}"
        index += 1
    return None
