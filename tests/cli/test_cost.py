"""aimkg cost: one call, every platform, a file of calls; formats, platform names, exit codes and errors."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from aimkg.cli import cli
from aimkg.cli.cost import COUNTS
from aimkg.cost.usage import USAGE_KINDS

PRICES = Path(__file__).parents[1] / "cost" / "prices.ttl"
CHAT = "test-chat-2025-01-01"


def invoke(*arguments: str, stdin: str | None = None) -> tuple[int, str, str]:
    """Run ``aimkg cost`` on the curated data and the small priced catalog of tests/cost."""
    result = CliRunner().invoke(cli, ["cost", "--curated", "--data", str(PRICES), *arguments], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_every_count_option_sets_a_usage_field() -> None:
    assert {field for _, field, _ in COUNTS} | {"requests"} == set(USAGE_KINDS)


def test_one_call_as_a_table() -> None:
    code, out, _ = invoke(
        CHAT, "--input", "100000", "--output", "20000", "--cached", "30000", "--at", "2026-01-01T10:00Z"
    )
    assert code == 0
    assert out.startswith(f"{CHAT} on openai (model ID {CHAT}, version {CHAT}): 0.315 USD\n")
    assert "  models-dev-t openai/test-chat-2025-01-01: 0.36 USD (differs)" in out


def test_json_has_the_total_and_its_currency_at_the_top() -> None:
    code, out, _ = invoke(CHAT, "--input", "1000000", "--output", "1000", "--at", "2025-06-01", "--format", "json")
    assert code == 0
    found = json.loads(out, parse_float=Decimal)
    assert (found["total"], found["currency"]) == (Decimal("10.04"), "USD")  # before the price cut: 10 and 40 per 1M


def test_csv_rows_and_warnings_on_stderr() -> None:
    code, out, err = invoke("test-chat", "--input", "10", "--format", "csv", "--at", "2026-01-01")
    assert code == 0
    assert list(csv.DictReader(io.StringIO(out)))[-1]["part"] == "total"
    assert err.startswith("warning: test-chat is a moving alias")


@pytest.mark.parametrize("name", ["bedrock", "aws", "amazon-bedrock"])
def test_platform_by_any_catalog_s_id(name: str) -> None:
    code, out, _ = invoke(CHAT, "--input", "1000000", "--platform", name, "--format", "json")
    assert code == 0
    assert json.loads(out)["platform"] == "https://w3id.org/aimkg/id/platform/amazon-bedrock"


def test_every_platform_cheapest_first() -> None:
    code, out, _ = invoke(
        "test-chat", "--input", "1000000", "--all-platforms", "--at", "2026-04-01T00:00Z", "--format", "csv"
    )
    assert code == 0
    assert [row["platform"] for row in csv.DictReader(io.StringIO(out))] == ["openai", "openrouter", "amazon-bedrock"]


def test_a_batch_tier_and_a_variant() -> None:
    code, out, _ = invoke(CHAT, "--input", "1000000", "--tier", "batch", "--format", "json")
    assert (code, json.loads(out)["total"]) == (0, 1)
    code, out, _ = invoke(
        CHAT, "--input", "1000000", "--platform", "aws", "--variant", "us-gov-west-1", "--format", "json"
    )
    assert (code, json.loads(out)["total"]) == (0, 3.6)


def test_a_file_of_calls_streams_each_cost_then_the_total(tmp_path: Path) -> None:
    calls = tmp_path / "calls.jsonl"
    lines = [
        '{"model": "test-claude-1", "input_tokens": 1000000}',
        '{"model": "test-deep", "at": "2026-01-01T12:00Z", "usage": {"prompt_tokens": 1000000}}',
    ]
    calls.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = invoke("--usage", str(calls))
    assert code == 0
    assert out.splitlines()[-1] == "total  3.285 USD  (2 calls priced)"
    code, out, _ = invoke("--usage", "-", "--format", "json", stdin=calls.read_text(encoding="utf-8"))
    assert code == 0
    assert [json.loads(line).get("total") for line in out.splitlines()] == [3.005, 0.28, 3.285]


def test_a_call_that_cannot_be_priced_makes_the_batch_exit_1(tmp_path: Path) -> None:
    calls = tmp_path / "calls.jsonl"
    calls.write_text('{"model": "test-claude-1", "input_tokens": 1}\n{"model": "test-nothing"}\n', encoding="utf-8")
    code, out, _ = invoke("--usage", str(calls), "--format", "csv")
    assert code == 1
    assert "no endpoint has this model ID" in out


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        (["test-nothing", "--input", "1"], 2, "error: model 'test-nothing': no endpoint has this model ID"),
        ([CHAT, "--platform", "nowhere"], 2, "error: platform 'nowhere': no platform has this name"),
        (["mistral-medium-2312", "--input", "1", "--at", "2026-01-01"], 1, "no price holds on 2026-01-01"),
        ([CHAT, "--input", "1", "--cached", "2"], 2, "cache_read_tokens + cache_write_tokens (2) exceed input_tokens"),
        ([CHAT, "--input", "1", "--at", "soon"], 2, "at: 'soon' is not a date"),
        ([], 2, "give MODEL_ID, or a file of calls with --usage"),
        (["--usage", "missing.jsonl"], 2, "missing.jsonl: cannot read"),
    ],
)
def test_errors_are_one_line_with_their_exit_code(arguments: list[str], code: int, message: str) -> None:
    found, _, err = invoke(*arguments)
    assert found == code
    assert message in err
    assert "Traceback" not in err


def test_a_bad_line_names_the_file_and_line(tmp_path: Path) -> None:
    calls = tmp_path / "calls.jsonl"
    calls.write_text(
        '{"model": "test-claude-1", "input_tokens": 1}\n{"model": "m", "input_token": 5}\n', encoding="utf-8"
    )
    code, _, err = invoke("--usage", str(calls))
    assert code == 2
    assert f"error: {calls}: line 2: unknown count 'input_token'" in err
