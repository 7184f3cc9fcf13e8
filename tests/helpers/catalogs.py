"""The checkout and the peer catalogs copied into ../shared/fixtures/peers, and helpers to cut and read them."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from aimkg.io.graph import AIMKG

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"

#: The peer catalogs copied into shared/ (read-only: tests write only to tmp_path).
PEERS = SHARED / "fixtures" / "peers"
MODELS_DEV = PEERS / "models.dev"
LITELLM = PEERS / "litellm" / "model_prices_and_context_window.json"


def models_dev_subset(folder: Path, providers: list[str]) -> Path:
    """Copy some providers of the models.dev fixture, and all base records, into a new tree."""
    for provider in providers:
        shutil.copytree(MODELS_DEV / "providers" / provider, folder / "providers" / provider)
    shutil.copytree(MODELS_DEV / "models", folder / "models")
    return folder


def litellm_subset(path: Path, providers: list[str]) -> Path:
    """Write the LiteLLM entries of some providers (and aliases of them) to a new JSON file."""
    data = json.loads(LITELLM.read_text(encoding="utf-8"))
    keys = {key for key, entry in data.items() if entry.get("litellm_provider") in providers}
    keys |= {key for key, entry in data.items() if entry.get("alias_of") in keys}
    path.write_text(json.dumps({key: data[key] for key in sorted(keys)}), encoding="utf-8")
    return path


def prices(graph: Graph, node: URIRef) -> dict[tuple[str, str | None, int | None], Decimal]:
    """A version's prices by (token kind, service tier, above N tokens), per 1M tokens in USD."""
    found = {}
    for price in graph.objects(node, AIMKG.price):
        assert graph.value(price, AIMKG.perTokens) == Literal(1_000_000)
        assert str(graph.value(price, AIMKG.currency)) == "USD"
        kind = str(graph.value(price, AIMKG.tokenKind)).removeprefix(str(AIMKG))
        tier = graph.value(price, AIMKG.serviceTier)
        above = graph.value(price, AIMKG.abovePromptTokens)
        key = (
            kind,
            None if tier is None else str(tier).removeprefix(str(AIMKG)),
            None if above is None else int(above),
        )
        found[key] = Decimal(str(graph.value(price, AIMKG.amount)))
    return found
