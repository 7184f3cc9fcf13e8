"""Catalog entries normalised: what one catalog says about one model ID at one provider.

A catalog module turns each raw entry into an ``Entry`` (raw → normalised); the mapping to RDF
then works on entries alone, whatever catalog they came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Literal, URIRef


@dataclass(frozen=True)
class Price:
    """One price of an entry, in USD per 1M tokens."""

    kind: URIRef
    amount: Decimal
    tier: URIRef | None = None
    above: int | None = None


@dataclass
class Entry:
    """One catalog entry, normalised: what the catalog says about one model ID at one provider."""

    key: str  # how the report names the entry (a file path or a JSON key)
    provider: str  # the catalog's provider ID
    model_id: str
    label: str
    family: str | None = None
    release_date: Literal | None = None
    knowledge_cutoff: Literal | None = None
    deprecation_date: Literal | None = None
    weights: URIRef | None = None
    license: URIRef | None = None
    status: URIRef | None = None
    model_type: URIRef | None = None
    context_window: int | None = None
    max_input_tokens: int | None = None
    max_output_tokens: int | None = None
    input_modalities: list[URIRef] = field(default_factory=list)
    output_modalities: list[URIRef] = field(default_factory=list)
    prices: list[Price] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    replaced_by: str | None = None  # the key of another entry


def add_unique_price(prices: list[Price], price: Price) -> bool:
    """Add a price unless one for the same kind, tier and context tier is already there.

    Return False when an existing price disagrees (the caller reports the field), so that a
    price node never gets two amounts.
    """
    for existing in prices:
        if (existing.kind, existing.tier, existing.above) == (price.kind, price.tier, price.above):
            return existing.amount == price.amount
    prices.append(price)
    return True
