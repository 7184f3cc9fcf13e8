"""Broken catalog input: each case stops the import with exactly its error, or is imported with exactly its report.

Cases live in tests/bad_input/models-dev/<case>/ (a models.dev tree with one provider, acme) and
tests/bad_input/litellm/<case>.json. ``{path}`` in an expected message stands for the PATH the
importer is given. A value of the wrong type, a negative price and unreadable syntax stop the
import (exit 2, nothing written); a fact aimkg has no term for, or an entry that names no
model, is reported: a case lists every line of its report (``report_lines``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib.namespace import RDF

from aimkg.cli import cli
from aimkg.core.errors import InputError
from aimkg.io.graph import AIMKG
from aimkg.sources import import_litellm, import_models_dev
from aimkg.sources.report import ImportResult

CASES = Path(__file__).parent / "bad_input"
IMPORTERS: dict[str, Callable[[Path], ImportResult]] = {"models-dev": import_models_dev, "litellm": import_litellm}

MODEL = "{path}/providers/acme/models/broken.toml: "
ENTRY = MODEL + "entry 'acme/broken': "
BROKEN = "entry 'acme/broken': "
NOT_A_DATE = "expected a date string YYYY-MM-DD or YYYY-MM, got "
NOT_TOKENS = "expected a whole number of tokens, got "
NO_TERM = "no aimkg term for this field"
NON_TOKEN = "non-token billing (per second, image, query, DBU, ...): aimkg prices are per token"
UNKNOWN_TOKEN_PRICE = "token price for a kind, tier or cache duration that aimkg has no term for"
TWICE = "given twice (a JSON reader keeps only the last)"
NO_NAME = "invalid JSON: Expecting property name enclosed in double quotes"

ERRORS: dict[str, dict[str, str]] = {
    "models-dev": {
        "base-model-number": ENTRY + "field 'base_model': expected a string, got number 1",
        "base-syntax-error": "{path}/models/acme/base.toml: invalid TOML: Invalid value (at end of document)",
        "cost-list": ENTRY + "field 'cost': expected a table, got a list",
        "deep-nesting": MODEL + "TOML nested too deeply to read safely",
        "duplicate-key": MODEL
        + "line 2, column 11: invalid TOML: Cannot overwrite a value; the line reads 'name = \"B\"'",
        "duplicate-key-after-line-separator": MODEL + "line 3, column 11: invalid TOML: Cannot overwrite a value; "
        "the line reads 'name = \"B\"'",
        "duplicate-key-long-line": MODEL + "line 2, column 110: invalid TOML: Cannot overwrite a value; "
        "the line reads 'name = \"" + "x" * 72 + "...'",
        "duplicate-table": MODEL
        + "line 5, column 6: invalid TOML: Cannot declare ('cost',) twice; the line reads '[cost]'",
        "infinite-price": ENTRY + "field 'cost.input': price Infinity is not a finite number",
        "latin1": MODEL + "line 1: invalid UTF-8 at byte 11",
        "limit-fraction": ENTRY + "field 'limit.context': " + NOT_TOKENS + "number 1.5",
        "limit-string": ENTRY + "field 'limit.context': " + NOT_TOKENS + "string '128K'",
        "modalities-string": ENTRY + "field 'modalities.input': expected a list of strings, got string 'text'",
        "name-number": ENTRY + "field 'name': expected a string, got number 3",
        "nan-price": ENTRY + "field 'cost.output': price NaN is not a finite number",
        "negative-limit": ENTRY + "field 'limit.context': token count -1 is negative",
        "negative-price": ENTRY + "field 'cost.input': price -1.5 is negative",
        "negative-tier-price": ENTRY + "field 'cost.tiers.input': price -2 is negative",
        "negative-tier-size": ENTRY + "field 'cost.tiers.tier.size': token count -5 is negative",
        "open-weights-string": ENTRY + "field 'open_weights': expected true or false, got string 'yes'",
        "price-string": ENTRY + "field 'cost.input': expected a number, got string '0.5'",
        "provider-name-number": "{path}/providers/acme/provider.toml: entry 'acme': field 'name': "
        "expected a string, got number 7",
        "provider-syntax-error": "{path}/providers/acme/provider.toml: line 1, column 13: invalid TOML: "
        "Illegal character '\\n'; the line reads 'name = \"Acme'",
        "release-date-number": ENTRY + "field 'release_date': " + NOT_A_DATE + "number 2024",
        "release-date-toml-date": ENTRY + "field 'release_date': " + NOT_A_DATE + "date 2024-05-01",
        "release-date-words": ENTRY + "field 'release_date': " + NOT_A_DATE + "string 'May 2024'",
        "syntax-error": MODEL + "line 1, column 8: invalid TOML: Invalid value; the line reads 'name = = \"X\"'",
        "tiers-table": ENTRY + "field 'cost.tiers': expected a list of tables, got a table",
        "truncated-string": MODEL + "invalid TOML: Unterminated string (at end of document)",
        "truncated-table": MODEL + "line 2, column 6: invalid TOML: Expected ']' at the end of a table declaration; "
        "the line reads '[cost'",
    },
    "litellm": {
        "alias-of-list.json": "{path}: entry 'x/a': field 'alias_of': expected a string, got a list",
        "deep-nesting.json": "{path}: JSON nested too deeply to read safely",
        "deprecation-month.json": "{path}: entry 'x/a': field 'deprecation_date': "
        "expected a date string YYYY-MM-DD, got string '2025-06'",
        "deprecation-number.json": "{path}: entry 'x/a': field 'deprecation_date': "
        "expected a date string YYYY-MM-DD, got number 20250601",
        "duplicate-entry.json": "{path}: line 6: entry 'x/a': " + TWICE,
        "duplicate-field.json": "{path}: line 6: entry 'x/a': field 'input_cost_per_token': " + TWICE,
        "duplicate-tier-field.json": "{path}: line 8: entry 'x/a': field 'tiered_pricing.input_cost_per_token': "
        + TWICE,
        "empty.json": "{path}: empty file; expected one JSON object of model entries",
        "entry-list.json": "{path}: entry 'x/a': expected an object of fields, got a list",
        "entry-number.json": "{path}: entry 'x/a': expected an object of fields, got number 3",
        "latin1.json": "{path}: line 3: invalid UTF-8 at byte 47",
        "modalities-string.json": "{path}: entry 'x/a': field 'supported_modalities': "
        "expected a list of strings, got string 'text'",
        "negative-batch-price.json": "{path}: entry 'x/a': field 'input_cost_per_token_batches': price -1 is negative",
        "negative-price.json": "{path}: entry 'x/a': field 'input_cost_per_token': price -0.000001 is negative",
        "negative-range.json": "{path}: entry 'x/a': field 'tiered_pricing.range': token count -1000 is negative",
        "negative-tier-price.json": "{path}: entry 'x/a': field 'tiered_pricing.input_cost_per_token': "
        "price -0.000002 is negative",
        "negative-tokens.json": "{path}: entry 'x/a': field 'max_output_tokens': token count -1 is negative",
        "price-nan.json": "{path}: entry 'x/a': field 'input_cost_per_token': price NaN is not a finite number",
        "price-null.json": "{path}: entry 'x/a': field 'input_cost_per_token': expected a number, got null",
        "price-string.json": "{path}: entry 'x/a': field 'output_cost_per_token': expected a number, got string '0.1'",
        "price-true.json": "{path}: entry 'x/a': field 'input_cost_per_token': expected a number, got true",
        "provider-number.json": "{path}: entry 'x/a': field 'litellm_provider': expected a string, got number 3",
        "tier-range-empty.json": "{path}: entry 'x/a': field 'tiered_pricing.range': "
        "expected a list [from, to] of token counts, got an empty list",
        "tier-range-string.json": "{path}: entry 'x/a': field 'tiered_pricing.range': " + NOT_TOKENS + "string '0'",
        "tier-range-text.json": "{path}: entry 'x/a': field 'tiered_pricing.range': "
        "expected a list [from, to] of token counts, got string '0-1000'",
        "tiered-pricing-object.json": "{path}: entry 'x/a': field 'tiered_pricing': "
        "expected a list of tiers, got an object",
        "tokens-fraction.json": "{path}: entry 'x/a': field 'max_input_tokens': " + NOT_TOKENS + "number 1.5",
        "tokens-string.json": "{path}: entry 'x/a': field 'max_output_tokens': " + NOT_TOKENS + "string '128k'",
        "top-level-list.json": "{path}: expected one JSON object of model entries, got a list",
        "top-level-string.json": "{path}: expected one JSON object of model entries, got string 'prices'",
        "trailing-comma.json": "{path}: line 4 column 5: " + NO_NAME,
        "truncated.json": "{path}: line 4 column 1: " + NO_NAME,
    },
}

REPORTS: dict[str, dict[str, list[str]]] = {
    "models-dev": {
        "empty-model": [BROKEN + "empty file: no facts to map"],
        "empty-model-id": ["entry 'acme/': the file name '.toml' gives no model ID"],
        "empty-provider-toml": ["entry 'acme': field 'provider.name': missing: the provider is labelled by its ID"],
        "impossible-date": [BROKEN + "field 'knowledge': not a calendar date"],
        "missing-base-record": [BROKEN + "base_model 'acme/nothing' names no file under models/"],
        "no-name": [BROKEN + "field 'name': missing: the version is labelled by its model ID"],
        "no-provider-toml": ["entry 'acme': field 'provider.toml': missing: the provider is labelled by its ID"],
        "non-context-tier": [BROKEN + "field 'cost.tiers': tier type 'requests' is not a prompt-size tier"],
        "tier-without-size": [BROKEN + "field 'cost.tiers': no tier.size: the prices' prompt-size tier is unknown"],
        "unknown-cost-name": [
            BROKEN + "field 'cost.input_image': cost name that the upstream schema does not define",
            BROKEN + "field 'cost.per_request': cost name that the upstream schema does not define",
        ],
        "unknown-limit": [BROKEN + "field 'limit.images': " + NO_TERM],
        "unknown-modality": [BROKEN + "field 'modalities.input=smell': no aimkg:Modality for this value"],
        "unknown-status": [BROKEN + "field 'status=legacy': no aimkg:LifecycleStatus for this value"],
        "unused-base-record": ["record 'models/acme/orphan.toml': no provider file names it as base_model"],
        "zero-limit": [BROKEN + "field 'limit.context': 0 tokens is a placeholder, not a limit"],
    },
    "litellm": {
        "above-0k-tokens.json": ["entry 'x/a': field 'input_cost_per_token_above_0k_tokens': " + UNKNOWN_TOKEN_PRICE],
        "alias-chain-to-nothing.json": [
            "entry 'x/a': alias_of 'x/missing' (through x/b) names no model entry of the file",
            "entry 'x/b': alias_of 'x/missing' names no model entry of the file",
        ],
        "alias-loop.json": [
            "entry 'x/a': alias_of goes round in a loop: x/a -> x/b -> x/a",
            "entry 'x/b': alias_of goes round in a loop: x/b -> x/a -> x/b",
            "entry 'x/c': alias_of goes round in a loop: x/c -> x/c",
        ],
        "alias-to-nothing.json": ["entry 'x/a': alias_of 'x/missing' names no model entry of the file"],
        "disagreeing-prices.json": [
            "entry 'x/a': field 'input_cost_per_token': disagrees with another price of the entry"
        ],
        "empty-key.json": ["entry '': empty key: the entry names no model"],
        "empty-provider.json": ["entry 'x/a': no litellm_provider: the entry names no provider"],
        "impossible-date.json": ["entry 'x/a': field 'deprecation_date': not a calendar date"],
        "no-provider.json": ["entry 'x/a': no litellm_provider: the entry names no provider"],
        "non-token-billing.json": [
            "entry 'x/a': field 'input_cost_per_character': " + NON_TOKEN,
            "entry 'x/a': field 'output_cost_per_image': " + NON_TOKEN,
            "entry 'x/a': field 'output_cost_per_second': " + NON_TOKEN,
        ],
        "tier-without-range.json": [
            "entry 'x/a': field 'tiered_pricing.input_cost_per_token': tier without a token range"
        ],
        "unknown-mode.json": ["entry 'x/a': field 'mode=evaluation': no aimkg:ModelType for this mode"],
        "unknown-token-price.json": ["entry 'x/a': field 'input_cost_per_token_cache_hit': " + UNKNOWN_TOKEN_PRICE],
        "zero-limit.json": ["entry 'x/a': field 'max_input_tokens': 0 tokens is a placeholder, not a limit"],
    },
}


def cases(expected: dict[str, dict[str, Any]]) -> list[tuple[str, str]]:
    return [(catalog, case) for catalog, by_case in sorted(expected.items()) for case in sorted(by_case)]


def report_lines(report: dict[str, Any]) -> list[str]:
    """Every line of an import report, in the form of the errors: ``entry 'KEY': [field 'NAME': ]reason``."""
    lines = [f"entry {item['entry']!r}: {item['reason']}" for item in report["unmapped_entries"]]
    for item in report["unmapped_fields"]:
        assert item["count"] == len(item["examples"])  # the cases are small enough to list every entry
        lines += [f"entry {key!r}: field {item['field']!r}: {item['reason']}" for key in item["examples"]]
    lines += [f"record {item['record']!r}: {item['reason']}" for item in report["unused_records"]]
    return lines


@pytest.mark.parametrize("catalog", sorted(IMPORTERS))
def test_every_case_has_an_expected_outcome(catalog: str) -> None:
    names = sorted(path.name for path in (CASES / catalog).iterdir())
    assert not set(ERRORS[catalog]) & set(REPORTS[catalog])
    assert names == sorted([*ERRORS[catalog], *REPORTS[catalog]])


def run_cli(
    catalog: str, path: Path, folder: Path, options: tuple[str, ...] = (), before: tuple[str, ...] = ()
) -> tuple[Any, Path, Path]:
    """Import through the CLI into folder (``before``: aimkg's own options); return the result, output, report."""
    out, report = folder / "out.ttl", folder / "report.json"
    command = [*before, "import", catalog, str(path), "-o", str(out), "--report", str(report), *options]
    return CliRunner().invoke(cli, command), out, report


@pytest.mark.parametrize(("catalog", "case"), cases(ERRORS))
def test_error_case_stops_the_import_with_its_exact_message(tmp_path: Path, catalog: str, case: str) -> None:
    path = CASES / catalog / case
    message = ERRORS[catalog][case].replace("{path}", str(path))
    with pytest.raises(InputError) as raised:
        IMPORTERS[catalog](path)
    assert str(raised.value) == message
    result, _, _ = run_cli(catalog, path, tmp_path)
    assert result.exit_code == 2
    assert result.stderr.endswith(f"error: {message}\n") and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []  # neither output nor report, not even a temporary file


@pytest.mark.parametrize(("catalog", "case"), cases(REPORTS))
def test_reported_case_is_imported_with_its_exact_report(tmp_path: Path, catalog: str, case: str) -> None:
    """The rest of the entry (or catalog) is imported, and conforms to the shapes."""
    path = CASES / catalog / case
    imported = IMPORTERS[catalog](path)
    assert report_lines(imported.report.to_dict()) == REPORTS[catalog][case]
    assert len(set(imported.graph.subjects(RDF.type, AIMKG.Version))) == imported.report.mapped
    result, out, report = run_cli(catalog, path, tmp_path, ("--validate", "--engine", "turbo"))
    assert result.exit_code == 0, result.output
    assert report_lines(json.loads(report.read_text(encoding="utf-8"))) == REPORTS[catalog][case]
    assert out.is_file()


@pytest.mark.parametrize(
    ("catalog", "case", "first_file"),
    [("models-dev", "empty-model", "providers/acme/provider.toml"), ("litellm", "zero-limit.json", "")],
)
def test_importers_read_within_the_input_limit(tmp_path: Path, catalog: str, case: str, first_file: str) -> None:
    path = CASES / catalog / case
    first = path / first_file  # the first file the importer reads (the PATH itself for LiteLLM)
    size = first.stat().st_size
    result, _, _ = run_cli(catalog, path, tmp_path, before=("--max-input-bytes", str(size - 1)))
    assert result.exit_code == 2
    limit = f"{first}: {size} bytes is over the {size - 1}-byte input limit; raise it with --max-input-bytes"
    assert result.stderr.endswith(f"error: {limit}\n")
    assert list(tmp_path.iterdir()) == []
    result, _, _ = run_cli(catalog, path, tmp_path, before=("--max-input-bytes", str(size)))
    assert result.exit_code == 0, result.output
