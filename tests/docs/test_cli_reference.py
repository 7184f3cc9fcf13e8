"""docs/cli-reference.md is every command's --help, as generated now; no command is missing from it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from docpages import REPO, command_tree

from aimkg.cli import cli
from aimkg.cli.reference import FIX_COMMAND, WIDTH, main, render

REFERENCE = REPO / "docs" / "cli-reference.md"
FIX = f"run `{FIX_COMMAND}` (python -m aimkg.cli.reference docs/cli-reference.md)"
COMMANDS = sorted(f"aimkg {path}".strip() for path in command_tree())


def sections() -> dict[str, str]:
    """Return each documented command's help text, by command path."""
    text = REFERENCE.read_text(encoding="utf-8")
    return {match[1]: match[2] for match in re.finditer(r"^## ([^\n]+)\n\n```text\n(.*?)^```$", text, re.DOTALL | re.M)}


def test_reference_is_current() -> None:
    assert REFERENCE.is_file(), f"docs/cli-reference.md is missing: {FIX}"
    assert REFERENCE.read_text(encoding="utf-8") == render(), f"docs/cli-reference.md is out of date: {FIX}"


@pytest.mark.parametrize("command", COMMANDS)
def test_command_is_documented(command: str) -> None:
    assert command in sections(), f"`{command}` is missing from docs/cli-reference.md: {FIX}"


def test_documented_commands_exist() -> None:
    unknown = sorted(set(sections()) - set(COMMANDS))
    assert not unknown, f"docs/cli-reference.md documents commands that do not exist: {unknown}; {FIX}"


@pytest.mark.parametrize("command", COMMANDS)
def test_reference_is_what_help_prints(command: str) -> None:
    """The reference shows what a user's terminal shows, usage line included."""
    args = [*command.split()[1:], "--help"]
    result = CliRunner().invoke(cli, args, prog_name="aimkg", terminal_width=WIDTH)
    assert result.exit_code == 0, result.output
    assert sections()[command] == result.stdout


def test_check_mode_names_the_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stale = tmp_path / "cli-reference.md"
    stale.write_text(render().replace("## aimkg validate\n", ""), encoding="utf-8")
    assert main(["--check", str(stale)]) == 1
    assert FIX_COMMAND in capsys.readouterr().err
    assert main([str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == render()
    assert main(["--check", str(stale)]) == 0
