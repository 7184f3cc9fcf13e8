"""The examples in README.md and docs/ work: Python blocks run, and every command they show exists.

Python blocks run in a fresh namespace, in an empty temporary folder (a block that writes a file
writes it there); a block whose code starts with ``>>>`` is checked as a doctest, output included.
Every ``aimkg`` line of a shell block must parse: its command, options, choices and arguments are
checked by click itself, on a copy of the CLI that runs nothing. Lines that read only the bundled
graph and write only to standard output then run for real (offline, a few seconds each).
``make`` lines must name a Makefile target, ``python -m`` lines an importable module, and inline
code in the prose (`` `aimkg query --list` ``, `` `make fmt` ``) a command or target that exists.
A block preceded by ``<!-- not-tested -->`` is not run (its ``aimkg`` lines are still parsed).
"""

from __future__ import annotations

import doctest
import importlib.util
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from docpages import (
    PAGES,
    Block,
    blocks,
    command_words_problem,
    dry_cli,
    inline_code,
    is_placeholder,
    make_targets,
    python_blocks,
    relative,
    shell_blocks,
    shell_lines,
    subcommands,
    words,
)

from aimkg.cli import cli

#: Commands whose examples are parsed but never run here: they listen, reach the network, or build the catalog.
NOT_RUN = {
    "build": "builds the whole catalog into the repository's build/ and dist/ (tests/build runs it on a subset)",
    "serve": "listens until stopped",
    "push": "needs a Graph Store Protocol server",
    "update": "downloads from upstream",
}
#: At most this many Python blocks may be kept from running: examples are meant to run.
MAX_NOT_TESTED = 2


def block_id(block: Block) -> str:
    return block.where


@pytest.mark.parametrize("block", python_blocks(), ids=block_id)
def test_python_block_runs(block: Block, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not block.tested:
        pytest.skip("marked <!-- not-tested -->")
    monkeypatch.chdir(tmp_path)
    if block.code.lstrip().startswith(">>>"):
        test = doctest.DocTestParser().get_doctest(block.code, {}, block.where, block.where, block.line)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        runner.run(test)
        assert runner.failures == 0, f"{block.where}: the example's output differs (see above)"
        return
    code = compile("\n" * block.line + block.code, relative(block.page), "exec")  # tracebacks name the page's line
    exec(code, {"__name__": "__doc_example__"})


def test_few_python_blocks_are_not_tested() -> None:
    untested = [block.where for block in python_blocks() if not block.tested]
    assert len(untested) <= MAX_NOT_TESTED, f"too many Python examples are kept from running: {untested}"
    assert any(block.page.name == "README.md" for block in python_blocks())


def command_lines() -> list[tuple[str, str, bool]]:
    """Return every ``aimkg`` line of the shell blocks: where, the line, whether it may run."""
    return [
        (block.where, line, block.tested)
        for block in shell_blocks()
        for line in shell_lines(block)
        if words(line)[:1] == ["aimkg"]
    ]


def test_docs_show_commands() -> None:
    shown = {words(line)[1] for _, line, _ in command_lines() if len(words(line)) > 1}
    commands = set(subcommands(cli))
    assert commands <= shown, f"no example shows {sorted(commands - shown)}"


@pytest.mark.parametrize(("where", "line", "runnable"), command_lines(), ids=lambda value: str(value)[:60])
def test_command_example(
    where: str, line: str, runnable: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = words(line)[1:]
    tree, calls = dry_cli()
    parsed = CliRunner().invoke(tree, args, prog_name="aimkg")
    assert parsed.exit_code == 0, f"{where}: `{line}` does not parse:\n{parsed.output}"
    if not calls:  # --help, --version, --list-like eager options: printed and done
        return
    leaf = calls[-1]
    command: click.Command = cli
    for name in leaf.path.split():
        assert isinstance(command, click.Group)
        command = subcommands(command)[name]
    paths = [
        param.name
        for param in command.params
        if isinstance(param.type, click.Path) and leaf.values.get(param.name or "") not in (None, ())
    ]
    contexts = calls[0].values.get("contexts")
    top = leaf.path.split()[0]
    needs_catalog = "--catalog" in args  # a built catalog: `make build` makes one, a clean clone has none
    if not runnable or top in NOT_RUN or paths or contexts or needs_catalog:
        return  # parsed; running it would need files, a built catalog, a server or the network
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, args, prog_name="aimkg")
    is_no = result.exit_code == 1 and result.stdout.strip() == "false"  # an ASK query answering no
    assert result.exit_code == 0 or is_no, f"{where}: `{line}` exits {result.exit_code}:\n{result.output}"
    assert result.stdout, f"{where}: `{line}` printed nothing"


def other_lines() -> list[tuple[str, list[str]]]:
    """Return the ``make`` and ``python -m`` lines of the shell blocks."""
    found = []
    for block in shell_blocks():
        for line in shell_lines(block):
            split = words(line)
            if split[:1] == ["make"] or split[:2] in (["python", "-m"], ["python3", "-m"]):
                found.append((block.where, split))
    return found


@pytest.mark.parametrize(("where", "split"), other_lines(), ids=lambda value: str(value)[:60])
def test_make_and_module_lines(where: str, split: list[str]) -> None:
    if split[0] == "make":
        unknown = set(split[1:]) - make_targets()
        assert not unknown, f"{where}: the Makefile has no target {sorted(unknown)}"
    else:
        assert importlib.util.find_spec(split[2]) is not None, f"{where}: no module {split[2]}"


def inline_commands() -> list[tuple[str, str]]:
    """Return the inline code spans that show an aimkg or make command."""
    spans = []
    for page in PAGES:
        for span in inline_code(page):
            first = span.split()[:1]
            if first in (["aimkg"], ["make"]) and len(span.split()) > 1:
                spans.append((relative(page), span))
    return sorted(set(spans))


@pytest.mark.parametrize(("page", "span"), inline_commands(), ids=lambda value: str(value)[:60])
def test_inline_command_exists(page: str, span: str) -> None:
    split = span.split()
    if split[0] == "make":
        targets = [word for word in split[1:] if not is_placeholder(word)]
        assert set(targets) <= make_targets(), f"{page}: `{span}` names no Makefile target"
        return
    problem = command_words_problem(split[1:])
    assert problem is None, f"{page}: `{span}`: {problem}"


def test_not_tested_marker(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\n```python\nprint(1)\n```\n\n<!-- not-tested -->\n```python\nserve_forever()\n```\n"
        "\n```sh\naimkg query \\\n    --list   # the shipped queries\nmake build\n```\n",
        encoding="utf-8",
    )
    found = list(blocks(page))
    assert [(block.line, block.language, block.tested) for block in found] == [
        (3, "python", True),
        (8, "python", False),
        (12, "sh", True),
    ]
    assert shell_lines(found[2]) == ["aimkg query      --list   # the shipped queries", "make build"]
    assert words(shell_lines(found[2])[0]) == ["aimkg", "query", "--list"]
