"""Agreement with the peers: the same calls priced by aimkg, by genai-prices' calculator and from LiteLLM's prices.

Every endpoint of the reconciled catalog that both genai-prices and LiteLLM price (without a
region) gives cases: three usages (a chat turn, a long prompt past the context tiers, an even
one) on two dates, each priced by aimkg on the platform named by genai-prices' provider ID, by
genai-prices' own calculator over its pinned data, and from LiteLLM's pinned per-token prices.
A usage counts only the parts both peers price (cached input, cache writes, reasoning), so
that the peers' totals differ only where their prices do. Where the peers agree to the cent,
aimkg must too; where they disagree, aimkg must name the source it used and list the others,
and each peer's total must be among aimkg's total and alternatives (aimkg read its prices
right). docs/cost.md shows the summary, and the README's examples; both are checked here.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

import pytest

from aimkg.cost.calculate import CostResult, Endpoint, PriceIndex, Record
from aimkg.cost.report import money
from aimkg.cost.usage import Usage
from benchmarks.peers import genai_price, litellm_price

REPO = Path(__file__).resolve().parents[2]
CENT = Decimal("0.01")
MOMENTS = (datetime(2025, 6, 1, 12, 0, tzinfo=UTC), datetime(2026, 8, 20, 20, 0, tzinfo=UTC))
#: At most this many endpoints of one platform, so that no platform outweighs the others.
PER_PLATFORM = 12


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_EVEN)


def peers(endpoint: Endpoint) -> tuple[Record, Record] | None:
    """The endpoint's genai-prices and LiteLLM records (without a region), when it has one of each."""
    found: dict[str, Record] = {}
    for record in endpoint.records:
        catalog = record.row.source.rsplit("-", 1)[0]
        if record.row.variant is None and catalog in ("genai-prices", "litellm"):
            found.setdefault(catalog, record)
    if len(found) < 2:
        return None
    return found["genai-prices"], found["litellm"]


def usages(genai: Record, litellm: Record) -> list[Usage]:
    """Three calls, counting only the parts that both records price (standard tier)."""
    both = set(genai.options) & set(litellm.options)

    def call(prompt: int, cached: int, written: int, output: int, reasoning: int) -> Usage:
        return Usage(
            input_tokens=prompt,
            cache_read_tokens=cached if "CachedInputTokens" in both else 0,
            cache_write_tokens=written if "CacheWriteTokens" in both else 0,
            output_tokens=output,
            reasoning_tokens=reasoning if "ReasoningTokens" in both else 0,
        )

    return [
        call(120_000, 40_000, 10_000, 8_000, 3_000),
        call(300_000, 100_000, 20_000, 20_000, 5_000),
        call(60_000, 0, 0, 60_000, 20_000),
    ]


@dataclass(frozen=True)
class Case:
    endpoint: str
    platform: str
    model_id: str
    provider_id: str  # genai-prices' provider ID, which also names the platform for aimkg
    litellm_key: str
    usage: Usage
    at: datetime


@dataclass
class Outcome:
    case: Case
    aimkg: CostResult
    genai: Decimal
    litellm: Decimal

    @property
    def peers_agree(self) -> bool:
        return cents(self.genai) == cents(self.litellm)


@dataclass
class Comparison:
    outcomes: list[Outcome] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)

    @property
    def platforms(self) -> set[str]:
        return {outcome.case.platform for outcome in self.outcomes}

    def summary(self) -> dict[str, int]:
        agreeing = [outcome for outcome in self.outcomes if outcome.peers_agree]
        return {
            "cases": len(self.outcomes),
            "platforms": len(self.platforms),
            "peers agree": len(agreeing),
            "aimkg agrees with them": sum(cents(o.aimkg.total) == cents(o.genai) for o in agreeing),
            "peers disagree": len(self.outcomes) - len(agreeing),
            "aimkg names its source and lists the others": sum(
                bool(o.aimkg.alternatives) for o in self.outcomes if not o.peers_agree
            ),
            "exactly equal, all three": sum(o.aimkg.total == o.genai == o.litellm for o in self.outcomes),
        }


def cases(index: PriceIndex) -> list[Case]:
    found: list[Case] = []
    taken: Counter[str] = Counter()
    for slug in sorted(index.table("endpoints")):
        endpoint = index.endpoint(slug)
        pair = peers(endpoint)
        platform = endpoint.row.platform
        if pair is None or platform is None or taken[platform] >= PER_PLATFORM:
            continue
        taken[platform] += 1
        genai, litellm = pair
        provider_id = (genai.row.key or "").split("/", 1)[0]
        for number, usage in enumerate(usages(genai, litellm)):
            at = MOMENTS[number % len(MOMENTS)]
            found.append(Case(slug, platform, endpoint.row.model_id, provider_id, litellm.row.key or "", usage, at))
    return found


def compare(index: PriceIndex) -> Comparison:
    comparison = Comparison()
    for case in cases(index):
        record = next(r for r in index.endpoint(case.endpoint).records if r.row.source.startswith("genai-prices-"))
        try:
            genai, matched = genai_price(case.usage, case.model_id, case.provider_id, case.at)
        except LookupError:
            comparison.skipped["genai-prices finds no such model"] += 1
            continue
        if matched != (record.row.key or "").split("/", 1)[1]:
            comparison.skipped["genai-prices matches another of its entries first (a pattern)"] += 1
            continue
        result = index.cost(case.model_id, case.usage, platform=case.provider_id, at=case.at)
        assert result.endpoint == case.endpoint, f"{case}: aimkg resolved {case.model_id} to {result.endpoint}"
        comparison.outcomes.append(Outcome(case, result, genai, litellm_price(case.usage, case.litellm_key)))
    return comparison


@pytest.fixture(scope="module")
def comparison(catalog_index: PriceIndex) -> Comparison:
    return compare(catalog_index)


def test_enough_cases_on_enough_platforms(comparison: Comparison) -> None:
    assert len(comparison.outcomes) >= 100, comparison.skipped
    assert len(comparison.platforms) >= 8, comparison.platforms


def test_where_the_peers_agree_aimkg_agrees_to_the_cent(comparison: Comparison) -> None:
    wrong = [
        (o.case.endpoint, o.case.usage, money(o.aimkg.total), money(o.genai), o.aimkg.source)
        for o in comparison.outcomes
        if o.peers_agree and cents(o.aimkg.total) != cents(o.genai)
    ]
    assert not wrong


def test_where_they_disagree_aimkg_names_its_source_and_lists_the_others(comparison: Comparison) -> None:
    for outcome in comparison.outcomes:
        if outcome.peers_agree:
            continue
        result = outcome.aimkg
        listed = {result.source, *(alternative.source for alternative in result.alternatives)}
        assert result.source and result.alternatives, outcome.case
        assert {"genai-prices-47df840a", "litellm-1.110.2"} <= listed, outcome.case


def test_aimkg_reads_each_peer_s_prices_as_the_peer_does(comparison: Comparison) -> None:
    """Each peer's own total is aimkg's total or the alternative aimkg lists for that peer's record."""
    for outcome in comparison.outcomes:
        result = outcome.aimkg
        by_source = {alternative.source: alternative.total for alternative in result.alternatives}
        by_source.setdefault(result.source, result.total)
        assert cents(by_source["genai-prices-47df840a"]) == cents(outcome.genai), outcome.case
        assert cents(by_source["litellm-1.110.2"]) == cents(outcome.litellm), outcome.case


def test_the_docs_show_this_comparison(comparison: Comparison) -> None:
    text = (REPO / "docs" / "cost.md").read_text(encoding="utf-8")
    shown = dict(re.findall(r"^\| (.+?) \| ([\d,]+) \|$", text, re.MULTILINE))
    for name, value in comparison.summary().items():
        assert shown.get(name, "").replace(",", "") == str(value), f"docs/cost.md: `{name}` should be {value:,}"


def side_by_side() -> list[dict[str, str]]:
    """The rows of the README's table of the same call by aimkg and the peers."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    header = "| model | platform | aimkg | genai-prices | LiteLLM |"
    lines = text[text.index(header) :].splitlines()
    names = [cell.strip() for cell in lines[0].strip("|").split("|")]
    rows = []
    for line in lines[2:]:
        if not line.startswith("|"):
            break
        rows.append(dict(zip(names, (cell.strip() for cell in line.strip("|").split("|")), strict=True)))
    return rows


README_USAGE = Usage(input_tokens=120_000, cache_read_tokens=40_000, output_tokens=8_000)
README_AT = datetime(2026, 8, 20, 12, tzinfo=UTC)


@pytest.mark.parametrize("row", side_by_side(), ids=lambda row: row["model"])
def test_the_readme_side_by_side_is_what_each_calculator_says(catalog_index: PriceIndex, row: dict[str, str]) -> None:
    result = catalog_index.cost(row["model"], README_USAGE, platform=row["platform"], at=README_AT)
    litellm = next(r for r in catalog_index.endpoint(result.endpoint).records if r.row.source.startswith("litellm-"))
    assert money(result.total) == row["aimkg"]
    assert money(genai_price(README_USAGE, row["model"], row["platform"], README_AT)[0]) == row["genai-prices"]
    assert money(litellm_price(README_USAGE, litellm.row.key or "")) == row["LiteLLM"]
    named = {"genai-prices": "genai-prices-", "LiteLLM": "litellm-"}
    assert result.source.startswith(named[row["aimkg's source (alternatives)"].split()[0].rstrip(",")])


def priced_lines() -> list[tuple[str, str, str]]:
    """The ``aimkg cost ...  # <total> USD`` lines of the README and docs/cost.md: page, command, total."""
    found = []
    for page in ("README.md", "docs/cost.md"):
        for line in (REPO / page).read_text(encoding="utf-8").splitlines():
            shown = re.fullmatch(r"(aimkg cost [^#]+?)\s+# ([\d.]+) USD\b.*", line)
            if shown:
                found.append((page, shown[1], shown[2]))
    return found


def test_the_docs_show_priced_commands() -> None:
    assert len(priced_lines()) >= 4


@pytest.mark.parametrize(("page", "command", "total"), priced_lines(), ids=lambda value: str(value)[:50])
def test_each_priced_command_costs_what_the_docs_say(
    catalog_index: PriceIndex, page: str, command: str, total: str
) -> None:
    import shlex

    from aimkg.cli.cost import cost

    values = cost.make_context("cost", shlex.split(command)[2:]).params
    counts = {name: values.pop(name) for name in list(values) if name in Usage.__slots__}
    result = catalog_index.cost(
        values["model_id"], Usage(**counts), platform=values["platform"], at=values["at"], tier=values["tier"]
    )
    assert money(result.total) == total, f"{page}: `{command}` costs {money(result.total)} USD"
