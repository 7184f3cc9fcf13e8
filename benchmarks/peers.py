"""The peers' calculators on the pinned catalogs, to check aimkg's costs against and to time beside them.

- genai-prices: the PyPI package's own ``calc_price`` machinery (a ``DataSnapshot``), over the
  pinned ``upstream/genai-prices/data.json`` instead of the data the package bundles, so that
  both calculators read the same prices. The package reads that file with
  ``genai_prices.types._providers_from_raw``, as its own updater does with a downloaded copy.
- LiteLLM: its pinned price table read as decimals, and ``cost = tokens x per-token price``,
  with the same split of the usage as aimkg and genai-prices (cached and cache-write tokens out
  of the prompt, reasoning tokens out of the output, where the entry prices them apart) and
  its ``_above_<N>k_tokens`` context tiers (the whole call at the tier's price once the prompt
  is longer). LiteLLM itself is not installed.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from decimal import Decimal
from functools import cache
from typing import Any

from aimkg.core.resources import resource_root
from aimkg.cost.usage import Usage

GENAI_PRICES = resource_root() / "upstream" / "genai-prices" / "data.json"
LITELLM = resource_root() / "upstream" / "litellm" / "model_prices_and_context_window.json"
#: LiteLLM's per-token price fields for each part of a usage.
LITELLM_FIELDS = {
    "input": "input_cost_per_token",
    "output": "output_cost_per_token",
    "cached": "cache_read_input_token_cost",
    "write": "cache_creation_input_token_cost",
    "reasoning": "output_cost_per_reasoning_token",
}


@cache
def genai_snapshot() -> Any:
    """genai-prices' calculator over the pinned data file."""
    from genai_prices.data_snapshot import DataSnapshot
    from genai_prices.types import _providers_from_raw

    providers = _providers_from_raw(json.loads(GENAI_PRICES.read_text(encoding="utf-8")))
    return DataSnapshot(providers=providers, from_auto_update=False)


def genai_usage(usage: Usage) -> Any:
    """The same usage as genai-prices' ``Usage`` (its names; the same convention: totals hold their parts)."""
    from genai_prices import Usage as GenaiUsage

    values = {
        "input_tokens": usage.input_tokens,
        "output_tokens": usage.output_tokens,
        "cache_read_tokens": usage.cache_read_tokens,
        "cache_write_tokens": usage.cache_write_tokens,
        "output_reasoning_tokens": usage.reasoning_tokens,
    }
    return GenaiUsage(**{name: value for name, value in values.items() if value})


def genai_price(usage: Usage, model_ref: str, provider_id: str, at: datetime) -> tuple[Decimal, str]:
    """genai-prices' total for a call, and the ID of the model entry it matched."""
    calculation = genai_snapshot().calc(genai_usage(usage), model_ref, provider_id, None, at)
    return Decimal(calculation.total_price), str(calculation.model.id)


@cache
def litellm_table() -> dict[str, Any]:
    """LiteLLM's pinned price table, its numbers read as decimals."""
    table: dict[str, Any] = json.loads(LITELLM.read_text(encoding="utf-8"), parse_float=Decimal)
    return table


def litellm_rate(entry: dict[str, Any], field: str, prompt: int) -> Decimal | None:
    """A per-token price of an entry for a prompt: the highest ``_above_<N>k_tokens`` tier it passes, else the base."""
    rate, threshold = entry.get(field), -1
    for key, value in entry.items():
        found = re.fullmatch(re.escape(field) + r"_above_(\d+)k_tokens", key)
        if found and prompt > int(found[1]) * 1000 > threshold:
            rate, threshold = value, int(found[1]) * 1000
    return None if rate is None else Decimal(rate)


def litellm_price(usage: Usage, key: str) -> Decimal:
    """LiteLLM's total for a call of its entry ``key``: tokens times per-token prices."""
    entry = litellm_table()[key]
    rates = {part: litellm_rate(entry, field, usage.input_tokens) for part, field in LITELLM_FIELDS.items()}
    prompt, output = Decimal(usage.input_tokens), Decimal(usage.output_tokens)
    total = Decimal(0)
    for part, count in (("cached", usage.cache_read_tokens), ("write", usage.cache_write_tokens)):
        rate = rates[part]
        if rate is not None and count:
            total += rate * count
            prompt -= count
    if rates["reasoning"] is not None and usage.reasoning_tokens:
        total += rates["reasoning"] * usage.reasoning_tokens
        output -= usage.reasoning_tokens
    return total + (rates["input"] or 0) * prompt + (rates["output"] or 0) * output
