"""What a bad-input case expects, read from the case itself or from a sidecar beside it.

The convention is in tests/bad_input/README.md: ``expect: MESSAGE`` states the error the case is
refused with (a line each, for an error of several lines: every broken value of a run),
``expect-report: LINE`` each line of its import report. A case whose
syntax has ``#`` comments states them as ``# expect...`` comment lines in the file the message
is about; any other case has a sidecar ``<case>.expect`` beside it. ``{path}`` stands for the
path the reader or importer is given.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

BAD_INPUT = Path(__file__).resolve().parents[1] / "bad_input"
SIDECAR = ".expect"
ERROR, REPORT = "expect", "expect-report"
MARKERS = (ERROR, REPORT)


@dataclass(frozen=True)
class Statement:
    """One expect line: the file that states it, its marker, and its text."""

    holder: Path
    marker: str
    text: str


@dataclass(frozen=True)
class Expected:
    """A case's outcome: refused with exactly ``error`` (its lines joined), or imported with exactly ``report``."""

    error: str | None
    report: list[str]

    def message(self, path: Path) -> str:
        assert self.error is not None
        return self.error.replace("{path}", str(path))


def cases(area: str) -> list[Path]:
    """Every case of an area (rdf, models-dev, litellm): its files and folders, not the sidecars."""
    return sorted(path for path in (BAD_INPUT / area).iterdir() if path.suffix != SIDECAR)


def sidecar(case: Path) -> Path:
    return case.with_name(case.name + SIDECAR)


def orphan_sidecars(area: str) -> list[str]:
    """Sidecars whose case does not exist (renamed or deleted cases leave them behind)."""
    folder = BAD_INPUT / area
    return sorted(path.name for path in folder.glob(f"*{SIDECAR}") if not (folder / path.stem).exists())


def statements(case: Path) -> list[Statement]:
    """Every expect line stated for a case, in order: from its sidecar, and from ``#`` comments in its files.

    A sidecar line that is not ``expect: ...`` or ``expect-report: ...`` comes back with the
    marker ``malformed``, so that a typo fails rather than silently stating nothing.
    """
    found = []
    beside = sidecar(case)
    if beside.exists():
        for number, line in enumerate(beside.read_text(encoding="utf-8").splitlines(), 1):
            marker, separator, text = line.partition(": ")
            if marker in MARKERS and separator:
                found.append(Statement(beside, marker, text))
            elif line.strip():
                found.append(Statement(beside, "malformed", f"line {number}: {line!r}"))
    files = sorted(path for path in case.rglob("*") if path.is_file()) if case.is_dir() else [case]
    for path in files:
        for line in path.read_bytes().decode("utf-8", errors="replace").splitlines():
            for marker in MARKERS:
                if line.startswith(f"# {marker}: "):
                    found.append(Statement(path, marker, line.removeprefix(f"# {marker}: ")))
    return found


def states_error(case: Path) -> bool:
    """Whether the case states an error (read leniently, to sort cases into tests at collection)."""
    return any(statement.marker == ERROR for statement in statements(case))


def states_report(case: Path) -> bool:
    return any(statement.marker == REPORT for statement in statements(case))


def expected(case: Path) -> Expected:
    """The case's expectation; an AssertionError says what is wrong when it states none, or states it badly."""
    found = statements(case)
    name = case.relative_to(BAD_INPUT)
    assert found, (
        f"{name} states no expectation: add `# expect: ...` lines to it, or a {sidecar(case).name} "
        "beside it (tests/bad_input/README.md)"
    )
    malformed = [statement.text for statement in found if statement.marker == "malformed"]
    assert not malformed, f"{sidecar(case).relative_to(BAD_INPUT)}: not an expect line: {malformed}"
    holders = sorted({str(statement.holder.relative_to(BAD_INPUT)) for statement in found})
    assert len(holders) == 1, f"{name} states its expectation in more than one file: {holders}"
    errors = [statement.text for statement in found if statement.marker == ERROR]
    report = [statement.text for statement in found if statement.marker == REPORT]
    assert (errors and not report) or (not errors and report), (
        f"{name} must state either `expect:` lines (the error) or `expect-report:` lines (the report)"
    )
    return Expected("\n".join(errors) if errors else None, report)


#: The area whose cases are too big to commit: recipe files that say how to build each one.
GENERATED = "generated"


@dataclass(frozen=True)
class Recipe:
    """A case built at run time: its file name, what it shows, its parts, and the one error it must give."""

    name: str
    about: str
    parts: list[str | list[str | int]]
    expect: str

    def build(self, folder: Path) -> Path:
        """Write the case into folder, each part in one write (``[text, n]`` is text n times)."""
        path = folder / self.name
        with path.open("wb") as stream:
            for part in self.parts:
                if isinstance(part, str):
                    stream.write(part.encode())
                else:
                    text, times = part
                    assert isinstance(text, str) and isinstance(times, int), f"{self.name}: bad part {part!r}"
                    stream.write(text.encode() * times)
        return path

    def message(self, path: Path) -> str:
        return self.expect.replace("{path}", str(path))


def recipes() -> list[Recipe]:
    """Every generated case: the ``[[case]]`` tables of the recipe files in tests/bad_input/generated/."""
    found = []
    for recipe_file in sorted((BAD_INPUT / GENERATED).glob("*.toml")):
        for case in tomllib.loads(recipe_file.read_text(encoding="utf-8"))["case"]:
            assert set(case) == {"name", "about", "parts", "expect"}, f"{recipe_file.name}: {case.get('name')}"
            found.append(Recipe(**case))
    names = [recipe.name for recipe in found]
    assert len(names) == len(set(names)), f"generated cases share a name: {sorted(names)}"
    return found
