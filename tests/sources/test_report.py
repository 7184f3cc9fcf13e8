"""The import report: values counted, kinds declared out of scope, and the table docs/import.md keeps of them."""

from __future__ import annotations

import re
from collections import defaultdict

from aimkg.sources import import_genai_prices
from aimkg.sources.report import ImportReport, ImportResult
from tests.helpers.catalogs import PEERS, REPO

DOCS = REPO / "docs" / "import.md"
NAMES = {"models.dev": "models-dev", "LiteLLM": "litellm", "genai-prices": "genai-prices"}
ROW = re.compile(r"\| (?P<catalog>[^|]+) \| (?P<fields>[^|]+) \| (?P<values>[\d,]+) \| (?P<reason>.+) \|")


def declared_in_docs() -> dict[tuple[str, str], tuple[set[str], int]]:
    """The out-of-scope table of docs/import.md: (catalog, reason) -> (fields, values)."""
    text = DOCS.read_text(encoding="utf-8")
    table = text.split("<!-- out-of-scope: begin -->")[1].split("<!-- out-of-scope: end -->")[0]
    found = {}
    for line in table.strip().splitlines()[2:]:
        row = ROW.fullmatch(line)
        assert row, line
        fields = set(re.findall(r"`([^`]+)`", row["fields"]))
        found[(NAMES[row["catalog"]], row["reason"])] = (fields, int(row["values"].replace(",", "")))
    return found


def out_of_scope(report: ImportReport) -> dict[tuple[str, str], tuple[set[str], int]]:
    groups: dict[tuple[str, str], tuple[set[str], int]] = defaultdict(lambda: (set(), 0))
    for (name, reason), count in report.unmapped_fields.items():
        if (name, reason) in report.out_of_scope:
            fields, values = groups[(report.catalog, reason)]
            groups[(report.catalog, reason)] = (fields | {name}, values + count)
    return dict(groups)


def test_the_docs_declare_every_kind_left_out_with_its_reason(
    models_dev_import: ImportResult, litellm_import: ImportResult
) -> None:
    genai = import_genai_prices(PEERS / "genai-prices" / "data.json")
    found = {}
    for result in (models_dev_import, litellm_import, genai):
        found.update(out_of_scope(result.report))
    assert declared_in_docs() == found


def test_coverage_counts_values_not_absent_fields() -> None:
    report = ImportReport("x", "source")
    report.values = 10
    report.skip_field("a", "f", "no term")
    report.leave_out("a", "g", "plumbing")
    report.leave_out("b", "g", "plumbing")
    report.note_missing("c", "name", "missing")
    assert (report.unmapped_values, report.unmapped_in_scope) == (3, 1)
    assert report.coverage() == (0.7, 0.9)
    assert report.summary() == (
        "x: 0 entries: 0 mapped, 0 not mapped; 3 of 10 field values in 3 kinds not mapped, "
        "1 of them in scope (70.0% mapped, 90.0% mapped or out of scope); 0 triples"
    )
    fields = {item["field"]: (item["out_of_scope"], item["absent"]) for item in report.to_dict()["unmapped_fields"]}
    assert fields == {"f": (False, False), "g": (True, False), "name": (False, True)}
