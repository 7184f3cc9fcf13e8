"""Every ``>>>`` example in aimkg's docstrings runs, and shows what it prints."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest
from docpages import REPO, resolve

PACKAGE = REPO / "src" / "aimkg"
#: Public functions whose docstrings must keep an example: the first ones a reader meets.
EXAMPLES_REQUIRED = [
    "aimkg",
    "aimkg.core.terms.slugify",
    "aimkg.core.terms.entity_iri",
    "aimkg.core.shorten.shorten",
    "aimkg.export.formats.format_for",
    "aimkg.query.queries.parse_query",
    "aimkg.query.queries.term_for",
]


def module_names() -> list[str]:
    """Return every module of the package, found from its files (namespace packages included)."""
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__main__":
            continue  # importing it runs the CLI
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return names


@pytest.mark.parametrize("name", module_names())
def test_docstring_examples(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # an example that writes a file writes it here
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in finder.find(module, name):
        runner.run(test)
    assert runner.failures == 0, f"{runner.failures} docstring example(s) of {name} fail (see above)"


@pytest.mark.parametrize("name", EXAMPLES_REQUIRED)
def test_key_functions_have_examples(name: str) -> None:
    assert ">>>" in (resolve(name).__doc__ or ""), f"{name}'s docstring lost its example"
