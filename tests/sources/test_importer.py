"""What holds for every importer: a whole real catalog conforms, broken input gives exactly its outcome, random
input gives a graph or a clean error.

Broken input: cases live in tests/bad_input/models-dev/<case>/ (a models.dev tree with one
provider, acme) and tests/bad_input/litellm/<case>.json, each stating what it must give
(tests/bad_input/README.md). A value of the wrong type, a negative price and unreadable syntax
stop the import (exit 2, nothing written): the case states the exact message. A fact aimkg has
no term for, or an entry that names no model, is reported: the case states every line of its
report, in the form ``report_lines`` writes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aimkg.cli import cli
from aimkg.core.errors import InputError
from aimkg.reconcile.catalog import reconcile
from aimkg.reconcile.rdf import catalog_triples
from aimkg.sources import import_genai_prices, import_litellm, import_models_dev
from aimkg.sources.report import ImportResult
from aimkg.validate import validate_with_bundled
from tests.helpers.bad_input import BAD_INPUT, cases, expected, orphan_sidecars, states_error, states_report
from tests.helpers.catalogs import PEERS

IMPORTERS: dict[str, Callable[[Path], ImportResult]] = {
    "models-dev": import_models_dev,
    "litellm": import_litellm,
    "genai-prices": import_genai_prices,
}
#: Every case of each catalog, with the catalog that reads it.
CASES = [(catalog, case) for catalog in sorted(IMPORTERS) for case in cases(catalog)]
ERROR_CASES = [(catalog, case) for catalog, case in CASES if states_error(case)]
REPORTED_CASES = [(catalog, case) for catalog, case in CASES if states_report(case)]


def case_id(value: object) -> str:
    return value.name if isinstance(value, Path) else str(value)


def report_lines(report: dict[str, Any]) -> list[str]:
    """Every line of an import report, in the form of the errors: ``entry 'KEY': [field 'NAME': ]reason``."""
    lines = [f"entry {item['entry']!r}: {item['reason']}" for item in report["unmapped_entries"]]
    for item in report["unmapped_fields"]:
        assert item["count"] == len(item["examples"])  # the cases are small enough to list every entry
        lines += [f"entry {key!r}: field {item['field']!r}: {item['reason']}" for key in item["examples"]]
    lines += [f"record {item['record']!r}: {item['reason']}" for item in report["unused_records"]]
    return lines


@pytest.mark.parametrize(("catalog", "case"), CASES, ids=case_id)
def test_case_states_its_expected_outcome(catalog: str, case: Path) -> None:
    expected(case)  # one error, or the lines of a report, in one place


@pytest.mark.parametrize("catalog", sorted(IMPORTERS))
def test_every_sidecar_has_its_case(catalog: str) -> None:
    assert orphan_sidecars(catalog) == []


def run_cli(
    catalog: str, path: Path, folder: Path, options: tuple[str, ...] = (), before: tuple[str, ...] = ()
) -> tuple[Any, Path, Path]:
    """Import through the CLI into folder (``before``: aimkg's own options); return the result, output, report."""
    out, report = folder / "out.ttl", folder / "report.json"
    command = [*before, "import", catalog, str(path), "-o", str(out), "--report", str(report), *options]
    return CliRunner().invoke(cli, command), out, report


@pytest.mark.parametrize(("catalog", "case"), ERROR_CASES, ids=case_id)
def test_error_case_stops_the_import_with_its_exact_message(tmp_path: Path, catalog: str, case: Path) -> None:
    message = expected(case).message(case)
    with pytest.raises(InputError) as raised:
        IMPORTERS[catalog](case)
    assert str(raised.value) == message
    result, _, _ = run_cli(catalog, case, tmp_path)
    assert result.exit_code == 2
    assert result.stderr.endswith(f"error: {message}\n") and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []  # neither output nor report, not even a temporary file


@pytest.mark.parametrize(("catalog", "case"), REPORTED_CASES, ids=case_id)
def test_reported_case_is_imported_with_its_exact_report(tmp_path: Path, catalog: str, case: Path) -> None:
    """The rest of the entry (or catalog) is imported, and conforms to the shapes."""
    lines = expected(case).report
    imported = IMPORTERS[catalog](case)
    assert report_lines(imported.report.to_dict()) == lines
    assert len(imported.entries) == imported.report.mapped
    result, out, report = run_cli(catalog, case, tmp_path, ("--validate", "--engine", "turbo"))
    assert result.exit_code == 0, result.output
    assert report_lines(json.loads(report.read_text(encoding="utf-8"))) == lines
    assert out.is_file()


@pytest.mark.parametrize(
    ("catalog", "case", "first_file"),
    [("models-dev", "empty-model", "providers/acme/provider.toml"), ("litellm", "zero-limit.json", "")],
)
def test_importers_read_within_the_input_limit(tmp_path: Path, catalog: str, case: str, first_file: str) -> None:
    path = BAD_INPUT / catalog / case
    first = path / first_file  # the first file the importer reads (the PATH itself for LiteLLM)
    size = first.stat().st_size
    result, _, _ = run_cli(catalog, path, tmp_path, before=("--max-input-bytes", str(size - 1)))
    assert result.exit_code == 2
    limit = f"{first}: {size} bytes is over the {size - 1}-byte input limit; raise it with --max-input-bytes"
    assert result.stderr.endswith(f"error: {limit}\n")
    assert list(tmp_path.iterdir()) == []
    result, _, _ = run_cli(catalog, path, tmp_path, before=("--max-input-bytes", str(size)))
    assert result.exit_code == 0, result.output


# ---------------------------------------------------------------- a whole real catalog


def test_every_catalog_reconciled_validates(models_dev_import: ImportResult, litellm_import: ImportResult) -> None:
    """Every entry of the three catalogs, reconciled, with the bundled graph, by shacl as the build validates it
    (the shape tests show it agrees with pySHACL, which validates subsets in tests/reconcile)."""
    genai = import_genai_prices(PEERS / "genai-prices" / "data.json")
    triples = catalog_triples(reconcile([models_dev_import, litellm_import, genai]))
    report = validate_with_bundled(triples, engine="shacl")
    assert report.conforms, report.to_text()


# ---------------------------------------------------------------- random input

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

MODELS_DEV_FIELDS = ["name", "family", "release_date", "knowledge", "open_weights", "status", "base_model"]
TOML_VALUES = st.sampled_from(
    ['"x"', '"2025-13-40"', '"2025-05"', "true", "1_000", "-1", "1.5e300", "[]", '["text"]', "{}", '"deprecated"']
)
TOML_TABLES = st.sampled_from(["[cost]", "[limit]", "[modalities]", "[[cost.tiers]]", "[provider]", ""])
TOML_LINES = st.one_of(
    st.tuples(
        st.sampled_from([*MODELS_DEV_FIELDS, "input", "output", "context", "cache_read", "size"]), TOML_VALUES
    ).map(lambda pair: f"{pair[0]} = {pair[1]}"),
    TOML_TABLES,
)

LITELLM_FIELDS = [
    "litellm_provider",
    "mode",
    "max_input_tokens",
    "max_output_tokens",
    "input_cost_per_token",
    "output_cost_per_token",
    "input_cost_per_token_batches",
    "deprecation_date",
    "successor_model",
    "alias_of",
    "cache_read_input_token_cost",
]
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=6,
)
LITELLM_ENTRY = st.dictionaries(st.sampled_from(LITELLM_FIELDS), JSON_VALUES | st.sampled_from(["mistral", "chat"]))


def models_dev_tree(root: Path, model_text: str | bytes) -> Path:
    folder = root / "providers" / "acme" / "models"
    folder.mkdir(parents=True, exist_ok=True)
    (root / "providers" / "acme" / "provider.toml").write_text('name = "Acme"\n')
    (root / "models").mkdir(exist_ok=True)
    model = folder / "fuzz.toml"
    model.write_bytes(model_text if isinstance(model_text, bytes) else model_text.encode())
    return root


@FUZZ
@given(lines=st.lists(TOML_LINES, max_size=12))
def test_random_models_dev_records(tmp_path_factory, lines: list[str]) -> None:  # type: ignore[no-untyped-def]
    tree = models_dev_tree(tmp_path_factory.mktemp("md"), "\n".join(lines) + "\n")
    try:
        import_models_dev(tree)
    except InputError as error:
        assert "fuzz.toml" in str(error) or "acme" in str(error)


@FUZZ
@given(data=st.binary(max_size=200))
def test_random_bytes_as_a_models_dev_record(tmp_path_factory, data: bytes) -> None:  # type: ignore[no-untyped-def]
    tree = models_dev_tree(tmp_path_factory.mktemp("md"), data)
    try:
        import_models_dev(tree)
    except InputError as error:
        assert "fuzz.toml" in str(error)


@FUZZ
@given(entries=st.dictionaries(st.text(min_size=1, max_size=10), LITELLM_ENTRY, max_size=4))
def test_random_litellm_tables(tmp_path_factory, entries: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("ll") / "prices.json"
    path.write_text(json.dumps(entries))
    try:
        import_litellm(path)
    except InputError as error:
        assert str(error).startswith(f"{path}")


@FUZZ
@given(data=st.binary(max_size=200))
def test_random_bytes_as_a_litellm_table(tmp_path_factory, data: bytes) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("ll") / "prices.json"
    path.write_bytes(data)
    try:
        import_litellm(path)
    except InputError as error:
        assert str(error).startswith(f"{path}")


# ---------------------------------------------------------------- every broken value of a run (issue 17)


def broken_litellm(path: Path, count: int) -> Path:
    """A LiteLLM file of ``count`` entries, each with a string where a price belongs."""
    entries = {f"x/m{index:03d}": {"litellm_provider": "x", "input_cost_per_token": "1"} for index in range(count)}
    path.write_text(json.dumps(entries), encoding="utf-8")
    return path


def test_an_import_names_every_broken_value_up_to_a_cap(tmp_path: Path) -> None:
    path = broken_litellm(tmp_path / "prices.json", 57)
    with pytest.raises(InputError) as raised:
        import_litellm(path)
    lines = str(raised.value).split("\n")
    assert lines[0] == f"{path}: 57 broken values; nothing was written (--fail-fast stops at the first)"
    assert lines[1] == f"{path}: entry 'x/m000': field 'input_cost_per_token': expected a number, got string '1'"
    assert len(lines) == 1 + 50 + 1
    assert lines[-2].startswith(f"{path}: entry 'x/m049': ")
    assert lines[-1] == "... and 7 more"


def test_fail_fast_stops_at_the_first_broken_value(tmp_path: Path) -> None:
    path = broken_litellm(tmp_path / "prices.json", 3)
    first = f"{path}: entry 'x/m000': field 'input_cost_per_token': expected a number, got string '1'"
    with pytest.raises(InputError) as raised:
        import_litellm(path, fail_fast=True)
    assert str(raised.value) == first
    out = tmp_path / "out"
    out.mkdir()
    result, _, _ = run_cli("litellm", path, out, ("--fail-fast",))
    assert result.exit_code == 2
    assert result.stderr.endswith(f"error: {first}\n")
    assert list(out.iterdir()) == []


def test_the_report_counts_values_and_coverage(tmp_path: Path) -> None:
    path = tmp_path / "prices.json"
    entry = {"litellm_provider": "x", "input_cost_per_token": 1e-06, "metadata": {"notes": "n"}, "max_tokens": 9}
    path.write_text(json.dumps({"x/a": entry}), encoding="utf-8")
    report = import_litellm(path).report
    assert (report.values, report.unmapped_values, report.unmapped_in_scope) == (4, 2, 1)
    document = report.to_dict()
    assert document["coverage"] == {"mapped": 0.5, "mapped_or_out_of_scope": 0.75}
    assert [(item["field"], item["out_of_scope"]) for item in document["unmapped_fields"]] == [
        ("max_tokens", False),
        ("metadata", True),
    ]
