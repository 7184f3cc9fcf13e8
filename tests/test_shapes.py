"""Data-driven shape tests: each file in shapes/invalid/ breaks one rule, each in shapes/valid/ breaks none.

A case file is Turtle without a prefix block (the test adds aimkg's prefixes) and is validated
together with the ontology and shapes/base.ttl. Its header lists what it must produce:
``# expect: FOCUS CONSTRAINT [PATH]`` for each violation and ``# expect-warning: ...`` for each
warning; the test asserts exactly those, so a rule that stops firing, or fires too widely, fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aimkg.core.resources import ontology_files
from aimkg.core.terms import PREFIXES
from aimkg.io.graph import read_graph
from aimkg.io.read import read_ntriples
from aimkg.validate import DOCUMENT_ENGINES, ENGINES, ValidationResult, validate, validate_ntriples

CASES = Path(__file__).parent / "shapes"
PREFIX_BLOCK = "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in PREFIXES.items())

Finding = tuple[str, str, str | None]


def expected(case: Path, marker: str) -> set[Finding]:
    findings = set()
    for line in case.read_text().splitlines():
        if line.startswith(f"# {marker}: "):
            focus, constraint, *path = line.removeprefix(f"# {marker}: ").split(maxsplit=2)
            findings.add((focus, constraint, path[0] if path else None))
    return findings


def found(results: list[ValidationResult]) -> set[Finding]:
    """Name focus nodes as the case files do: prefixed, and every blank node as `_:`."""
    findings = set()
    for result in results:
        focus = "_:" if result.focus_node.startswith("_:") else result.focus_node
        for prefix, namespace in PREFIXES.items():
            if focus.startswith(namespace):
                focus = f"{prefix}:{focus[len(namespace) :]}"
                break
        else:
            focus = focus if focus == "_:" else f"<{focus}>"
        findings.add((focus, result.constraint, result.path))
    return findings


def validate_case(case: Path, tmp_path: Path, engine: str = "pyshacl") -> tuple[set[Finding], set[Finding]]:
    """Validate a case as each engine reads best: pySHACL an rdflib graph, the others an N-Triples document."""
    document = tmp_path / case.name
    document.write_text(PREFIX_BLOCK + case.read_text())
    files = [*ontology_files(), CASES / "base.ttl", document]
    if engine in DOCUMENT_ENGINES:
        report = validate_ntriples(read_ntriples(files), engine=engine)
    else:
        report = validate(read_graph(files))
    return found(report.violations), found(report.warnings)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("case", sorted((CASES / "invalid").glob("*.ttl")), ids=lambda path: path.stem)
def test_invalid_case_gives_exactly_its_findings(case: Path, tmp_path: Path, engine: str) -> None:
    """pySHACL is the reference; turbo and shacl must give the very same findings."""
    violations, warnings = validate_case(case, tmp_path, engine)
    assert expected(case, "expect") or expected(case, "expect-warning"), f"{case.name} declares no finding"
    assert violations == expected(case, "expect")
    assert warnings == expected(case, "expect-warning")


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("case", sorted((CASES / "valid").glob("*.ttl")), ids=lambda path: path.stem)
def test_valid_case_conforms_without_warnings(case: Path, tmp_path: Path, engine: str) -> None:
    assert validate_case(case, tmp_path, engine) == (set(), set())


def test_base_graph_conforms() -> None:
    report = validate(read_graph([*ontology_files(), CASES / "base.ttl"]))
    assert report.results == []
