"""The Python API of validation: reports, results and their fields, and reading files only when they conform."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

import aimkg
from aimkg.core.errors import InvalidDataError
from aimkg.core.resources import ontology_files
from aimkg.io.graph import read_graph
from aimkg.validate import (
    ENGINES,
    ValidationReport,
    ValidationResult,
    read_validated,
    validate_built_catalog,
    validate_files,
)

CASES = Path(__file__).parent / "shapes"


def test_public_api_validates_the_bundled_graph() -> None:
    report = aimkg.validate(aimkg.load())
    assert isinstance(report, ValidationReport)
    assert report.conforms
    assert report.results == []


def test_result_carries_focus_path_value_message_severity(tmp_path: Path) -> None:
    case = tmp_path / "case.ttl"
    case.write_text(
        "@prefix aimkg: <https://w3id.org/aimkg/ontology#> .\n"
        '<https://w3id.org/aimkg/id/version/test-model-2401> aimkg:contextWindow "32K" .\n'
    )
    report = aimkg.validate(read_graph([*ontology_files(), CASES / "base.ttl", case]))
    assert not report.conforms
    datatype = next(r for r in report.results if r.constraint == "sh:DatatypeConstraintComponent")
    assert datatype == ValidationResult(
        focus_node="https://w3id.org/aimkg/id/version/test-model-2401",
        severity="Violation",
        path="aimkg:contextWindow",
        value='"32K"',
        message=datatype.message,
        constraint="sh:DatatypeConstraintComponent",
        shape=datatype.shape,
    )
    assert "32000" in datatype.message
    assert list(report.by_focus_node()) == ["https://w3id.org/aimkg/id/version/test-model-2401"]


def test_warnings_do_not_break_conformance() -> None:
    warning = ValidationResult("https://w3id.org/aimkg/id/version/x", "Warning", None, None, "stale", "c", "s")
    report = ValidationReport([warning])
    assert report.conforms
    assert report.warnings == [warning]
    assert report.to_text().endswith("conforms: 0 violation(s), 1 warning(s)")


def test_read_validated_refuses_an_invalid_graph(tmp_path: Path, bundled_triples: list[ox.Triple]) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix aimkg: <https://w3id.org/aimkg/ontology#> .\n"
        '<https://w3id.org/aimkg/id/version/x> a aimkg:Version ; aimkg:contextWindow "32K" .\n'
    )
    with pytest.raises(InvalidDataError, match=r"(?s)does not conform.*version/x"):
        read_validated([bad])
    assert len(read_validated([bad], check=False)) == len(bundled_triples) + 2  # the bundled graph and bad.ttl


@pytest.mark.parametrize("engine", ENGINES)
def test_a_built_catalog_is_validated_as_its_file_would_be(tmp_path: Path, engine: str) -> None:
    """The build hands the engine its catalog's text as it is: the same report as reading the file, and as pySHACL's."""
    catalog = tmp_path / "catalog.nt"
    catalog.write_text(
        "<https://w3id.org/aimkg/id/version/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://w3id.org/aimkg/ontology#Version> .\n"
        '<https://w3id.org/aimkg/id/version/x> <https://w3id.org/aimkg/ontology#contextWindow> "32K" .\n',
        encoding="utf-8",
    )
    report = validate_built_catalog(catalog, engine)
    assert not report.conforms
    assert "sh:DatatypeConstraintComponent" in {result.constraint for result in report.results}
    assert report.results == validate_files([catalog], engine=engine).results
    assert report.results == validate_files([catalog], engine="pyshacl").results  # messages and shape names too
