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
    size: str | None = None  # the size or resolution of the image or video priced (1024x1024, 720p, 4K)
    quality: str | None = None  # the image quality priced (hd, standard, low)
    search_context: str | None = None  # the search context size a web search price is for (low, medium, high)
    sources: tuple[str, ...] = ()  # pages the catalog says this price was read from (http(s) URLs)

    @property
    def dimensions(self) -> tuple[object, ...]:
        """What tells this price from the entry's other prices of the same kind."""
        when = (self.valid_from, self.hours)
        return (self.kind, self.tier, self.above, *when, self.size, self.quality, self.search_context)


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
    deprecation_sources: list[str] = field(default_factory=list)  # pages the catalog says the deprecation date is from
    doc_urls: list[str] = field(
        default_factory=list
    )  # the provider's documentation the catalog links (not its prices')
    replaced_by: str | None = None  # the key of another entry
    #: Capabilities by aimkg:Capability local name ("ToolCalling"): True where the catalog says it has it,
    #: False where it says it has not (an explicit false flag); absent where it says nothing.
    capabilities: dict[str, bool] = field(default_factory=dict)
    default_reasoning_effort: str | None = None  # an aimkg:ReasoningEffortLevel ("ReasoningEffortNone")
    reasoning_budget: tuple[int | None, int | None] = (None, None)  # reasoning tokens a request may budget: min, max
    last_updated: ox.Literal | None = None
    embedding_dimensions: int | None = None
    requests_per_minute: int | None = None
    tokens_per_minute: int | None = None
    prompt_cache_min_tokens: int | None = None
    api_routes: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)


def add_unique_price(prices: list[Price], price: Price) -> bool:
    """Add a price unless one for the same kind, tier, context tier, date, hours, size and quality is already there.

    Return False when an existing price disagrees (the caller reports the field), so that a
    price node never gets two amounts.
    """
    for existing in prices:
        if existing.dimensions == price.dimensions:
            return existing.amount == price.amount
    prices.append(price)
    return True
