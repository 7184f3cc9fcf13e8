"""Catalog entries normalised: what one catalog says about one model ID on one platform.

A catalog module turns each raw entry into an ``Entry`` (raw → normalised); reconciliation
(``aimkg.reconcile``) then works on entries alone, whatever catalog they came from. Values are
plain Python: aimkg terms by their local name (``"Deprecated"``, ``"Text"``), dates as
pyoxigraph literals with their datatype, so that no graph library is needed to read a catalog.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pyoxigraph as ox


@dataclass(frozen=True)
class Price:
    """One price of an entry, in USD: per 1M tokens of one kind, or per ``per`` units of something else."""

    kind: str  # an aimkg:TokenKind ("InputTokens") or, for prices not by token, an aimkg:BillingUnit ("Request")
    amount: Decimal
    tier: str | None = None  # an aimkg:ServiceTier ("Batch")
    above: int | None = None  # a context tier: the price applies above this many prompt tokens
    valid_from: str | None = None  # YYYY-MM-DD, only where the source dates the price
    valid_through: str | None = None  # YYYY-MM-DD, the last day, only where the source dates it
    hours: str | None = None  # a time-of-day price: "HH:MM-HH:MM" (UTC), as the source gives it
    per: int = 1_000_000
    recorded_from: str | None = None  # record time (UTC dateTime): when the catalog began stating it
    recorded_until: str | None = None  # the first moment it no longer did; None while it still does
    from_commit: str | None = None  # the catalog commit that brought it
    until_commit: str | None = None  # the commit that changed or removed it


@dataclass
class Entry:
    """One catalog entry, normalised: what the catalog says about one model ID at one provider."""

    key: str  # the entry's key in its catalog (a models.dev path, a LiteLLM JSON key)
    provider: str  # the catalog's provider ID
    model_id: str  # the ID a client sends, once the catalog's own key syntax is taken off
    label: str
    catalog: str = ""  # the catalog's name in aimkg, set by its importer
    platform: str = ""  # the aimkg platform the provider ID names, set by reconciliation (data/mappings/)
    variant: str | None = None  # what sets this entry's prices apart from others of its endpoint (a region)
    family: str | None = None
    base_model: str | None = None  # models.dev: the provider-independent record it inherits ("lab/model-id")
    release_date: ox.Literal | None = None
    knowledge_cutoff: ox.Literal | None = None
    deprecation_date: ox.Literal | None = None
    weights: str | None = None  # "OpenWeights" or "ApiOnly"
    license: str | None = None  # an IRI: an SPDX licence
    status: str | None = None  # an aimkg:LifecycleStatus
    model_type: str | None = None  # an aimkg:ModelType
    context_window: int | None = None
    max_input_tokens: int | None = None
    max_output_tokens: int | None = None
    input_modalities: list[str] = field(default_factory=list)
    output_modalities: list[str] = field(default_factory=list)
    prices: list[Price] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)  # model IDs declared by pattern, never expanded
    source_urls: list[str] = field(default_factory=list)  # pages the catalog says its facts come from
    recorded_from: str | None = None  # record time of the entry's facts, as for Price
    recorded_until: str | None = None
    from_commit: str | None = None
    until_commit: str | None = None
    replaced_by: str | None = None  # the key of another entry


def add_unique_price(prices: list[Price], price: Price) -> bool:
    """Add a price unless one for the same kind, tier, context tier and date is already there.

    Return False when an existing price disagrees (the caller reports the field), so that a
    price node never gets two amounts.
    """
    for existing in prices:
        if (existing.kind, existing.tier, existing.above, existing.valid_from, existing.hours) == (
            price.kind,
            price.tier,
            price.above,
            price.valid_from,
            price.hours,
        ):
            return existing.amount == price.amount
    prices.append(price)
    return True
