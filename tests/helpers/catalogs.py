"""The checkout and the peer catalogs copied into ../shared/fixtures/peers, and helpers to cut and read them."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

from aimkg.build.manifest import Manifest, write_manifest
from aimkg.sources.records import Entry
from aimkg.sources.report import ImportResult

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


def prices(entry: Entry) -> dict[tuple[str, str | None, int | None], Decimal]:
    """An entry's prices by token (not per image, ...), by (kind, service tier, above N tokens): USD per 1M."""
    found = {}
    for price in entry.prices:
        if price.kind.endswith("Tokens"):
            assert price.per == 1_000_000
            found[(price.kind, price.tier, price.above)] = price.amount
    return found


def unit_prices(entry: Entry) -> dict[tuple[str, str | None, str | None, str | None], tuple[Decimal, int]]:
    """An entry's prices not by token, by (billing unit, size, quality, search context): (USD amount, per units)."""
    return {
        (price.kind, price.size, price.quality, price.search_context): (price.amount, price.per)
        for price in entry.prices
        if not price.kind.endswith("Tokens")
    }


def entries(result: ImportResult) -> dict[str, Entry]:
    """An import's entries by their key (the first one, for keys that name several)."""
    found: dict[str, Entry] = {}
    for entry in result.entries:
        found.setdefault(entry.key, entry)
    return found


#: The checkout's pinned upstream catalogs.
PINNED = REPO / "upstream"


def pin(folder: Path, source: str) -> None:
    """Write the manifest of a pinned folder cut from the checkout's pin of ``source``."""
    manifest = Manifest.read(PINNED / source)
    write_manifest(
        folder,
        name=manifest.name,
        upstream=manifest.upstream,
        version=manifest.version,
        date=manifest.date,
        retrieved_from="a subset of the pinned copy, for tests",
    )


def pinned_subset(root: Path) -> Path:
    """A small upstream/ in ``root``: the Mistral records of each pinned catalog, with their manifests."""
    models_dev = root / "models-dev"
    shutil.copytree(PINNED / "models-dev" / "providers" / "mistral", models_dev / "providers" / "mistral")
    shutil.copytree(PINNED / "models-dev" / "models" / "mistral", models_dev / "models" / "mistral")
    shutil.copy(PINNED / "models-dev" / "LICENSE", models_dev / "LICENSE")
    litellm = json.loads((PINNED / "litellm" / "model_prices_and_context_window.json").read_text(encoding="utf-8"))
    (root / "litellm").mkdir()
    subset = {key: value for key, value in litellm.items() if value.get("litellm_provider") == "mistral"}
    (root / "litellm" / "model_prices_and_context_window.json").write_text(json.dumps(subset), encoding="utf-8")
    genai = json.loads((PINNED / "genai-prices" / "data.json").read_text(encoding="utf-8"))
    (root / "genai-prices").mkdir()
    (root / "genai-prices" / "data.json").write_text(json.dumps([p for p in genai if p["id"] == "mistral"]))
    for source in ("models-dev", "litellm", "genai-prices"):
        pin(root / source, source)
    return root
