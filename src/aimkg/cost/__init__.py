"""What a call to a model costs, from the graph's prices: ``cost(model_id, usage, platform=, at=)``.

The index is read from the graph once (the built catalog when there is one, else the curated
data; ``AIMKG_GRAPH`` chooses as for the CLI) and cached on disk (``aimkg.cost.cache``); after
that, a calculation is a few dictionary look-ups and decimal products. See docs/cost.md.

The modules, in the order a calculation uses them:

- ``usage``: what a call used (``Usage``), and how token kinds nest (cached input is input);
- ``index``: what the graph says about endpoints, records and prices, read with SPARQL;
- ``cache``: that index on disk, keyed by the sha256 of the graph's files;
- ``moment``: when the call was made, as prices' valid time and record time compare with it;
- ``calculate``: resolve the model ID, choose the record and each price, bill each part;
- ``results``: what a calculation gives (``CostResult``, its ``Line`` s and ``Alternative`` s);
- ``batch``: a JSON Lines file of calls, priced one line at a time;
- ``report``: the results as a table, JSON or CSV.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from aimkg.cost.calculate import NoPriceError, PriceIndex
from aimkg.cost.results import Alternative, CostResult, Line
from aimkg.cost.usage import Usage

__all__ = ["Alternative", "CostResult", "Line", "NoPriceError", "PriceIndex", "Usage", "all_platforms", "cost"]

#: The index of each graph (``catalog``, ``curated``, ``auto``) this process has read.
_INDEXES: dict[str, PriceIndex] = {}


def default_index(graph: str | None = None) -> PriceIndex:
    """The index of a graph (``catalog``, ``curated``; default: ``AIMKG_GRAPH``, else ``auto``), read once."""
    from aimkg.core.resources import graph_files
    from aimkg.cost.cache import load_index

    name = graph or os.environ.get("AIMKG_GRAPH") or "auto"
    found = _INDEXES.get(name)
    if found is None:
        found = _INDEXES[name] = load_index(graph_files(name))
    return found


def cost(
    model_id: str,
    usage: Usage | Mapping[str, Any],
    *,
    platform: str | None = None,
    at: str | date | datetime | None = None,
    tier: str = "standard",
    variant: str | None = None,
    index: PriceIndex | None = None,
) -> CostResult:
    """What a usage of a model costs: the total, a line per part, the prices and sources used, warnings.

    ``model_id`` is what a client sends (a model ID or alias), a catalog's key for it, or a
    version's slug; ``platform`` a platform's slug or any catalog's ID for it (``bedrock``,
    ``aws``); ``at`` when the call was made (a date, a datetime or ISO text; default now);
    ``tier`` the service tier (standard, batch, flex, priority); ``variant`` a region or zone
    (LiteLLM's ``eu``, ``us-gov-west-1``). ``usage`` is a ``Usage`` or a mapping of its fields
    (genai-prices' and OpenAI's names are read too).
    """
    found = index if index is not None else default_index()
    return found.cost(model_id, usage, platform=platform, at=at, tier=tier, variant=variant)


def all_platforms(
    model_id: str,
    usage: Usage | Mapping[str, Any],
    *,
    at: str | date | datetime | None = None,
    tier: str = "standard",
    platform: str | None = None,
    index: PriceIndex | None = None,
) -> list[CostResult]:
    """What the usage costs on every endpoint that serves the version the model ID names, cheapest first."""
    found = index if index is not None else default_index()
    return found.everywhere(model_id, usage, at=at, tier=tier, platform=platform)[0]
