"""The lexical identity rules: when two catalogs' model IDs are one endpoint, and which release one serves.

Each rule has a name (an ``aimkg:IdentityRule`` individual, by local name) that the graph keeps
on every record it links, so that every link can be explained. Rules read only what the
catalogs write (IDs, ``base_model``, provider IDs) and the reviewed tables of ``data/mappings/``;
they never guess from names or prices.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aimkg.core.terms import slugify
from aimkg.sources.mappings import CATALOG_PREFIXES, Mappings
from aimkg.sources.records import Entry

#: Bedrock cross-region inference profiles (us.anthropic.claude-...): an ID Bedrock accepts as such.
CROSS_REGION = re.compile(r"(?:us|eu|apac|global|jp|au|ca|in|us-gov)\.")
#: Bedrock's listing version (anthropic.claude-sonnet-4-20250514-v1:0): Bedrock's, not the maker's.
BEDROCK_LISTING = re.compile(r"-v\d+:\d+$")
#: Vertex's dated form of an ID (claude-sonnet-4@20250514): the maker's claude-sonnet-4-20250514.
VERTEX_DATE = re.compile(r"@(\d{8})$")
#: Leading path segments that are a platform's routing or account namespace, not a maker.
ROUTING_SEGMENTS = frozenset({"@cf", "@hf", "@oi", "workers-ai", "TEE", "Pro", "public", "route", "ps", "preset"})
#: Path segments after which a model ID names no maker (Fireworks accounts, fal apps).
NO_MAKER_SEGMENTS = frozenset({"accounts", "fal-ai"})
#: What ends a model ID's first word (deepseek in deepseek-v4-flash).
LEADING_WORD = re.compile(r"[-._:@]")
#: Platforms whose ID paths name apps or model families, not makers.
NO_MAKER_PLATFORMS = frozenset({"fal", "aiml-api"})


def endpoint_match(platform: str, model_id: str) -> str:
    """What two model IDs on one platform must share to be one endpoint.

    IDs that differ only in case are one endpoint (CaseInsensitiveModelId); on Fireworks the
    short form ``X`` is ``accounts/fireworks/models/X`` (FireworksShortForm); on Vertex ``X`` is
    ``X@default`` (VertexDefault).
    """
    folded = model_id.casefold()
    if platform == "fireworks-ai" and "/" not in folded:
        folded = f"accounts/fireworks/models/{folded}"
    if platform == "vertex-ai":
        folded = folded.removesuffix("@default")
    return folded


def endpoint_rule(platform: str, model_id: str, named: str) -> str:
    """Name the rule that makes ``model_id`` the endpoint ``named`` (its ID or an alias)."""
    if model_id == named:
        return "SameModelId"
    if model_id.casefold() == named.casefold():
        return "CaseInsensitiveModelId"
    return "FireworksShortForm" if platform == "fireworks-ai" else "VertexDefault"


@dataclass(frozen=True, order=True)
class Release:
    """A release as its maker names it: the maker's provider slug and the model ID, slugified."""

    maker: str
    name: str


def maker_name(model_id: str) -> str:
    """The maker's own spelling of a platform's ID: Vertex's ``@YYYYMMDD`` is ``-YYYYMMDD``, ``@default`` goes."""
    return VERTEX_DATE.sub(r"-\1", model_id.removesuffix("@default"))


def creator_split(model_id: str) -> tuple[str, str] | None:
    """Split ``creator/model`` (past routing segments such as ``@cf/``) into the creator and the rest."""
    parts = model_id.split("/")
    while len(parts) > 1 and parts[0] in ROUTING_SEGMENTS:
        parts = parts[1:]
    if len(parts) < 2 or parts[0] in NO_MAKER_SEGMENTS:
        return None
    creator = parts[0].removeprefix("hf:")
    return creator, "/".join(parts[1:])


def release_of(entry: Entry, tables: Mappings) -> tuple[Release, str] | None:
    """The release a record's own evidence names, and the rule that read it; None when it names none.

    In order: models.dev's ``base_model`` (BaseModel); a Bedrock ``maker.`` ID (BedrockModelId); a
    ``creator/`` ID (CreatorPrefix); a catalog provider ID of one maker's models (CatalogProviderMaker);
    an ID on the maker's own API (MakerOwnPlatform), unless the ID's first word is another maker's
    namespace: a first-party API may serve other makers' models too, and then no rule names the maker.
    """
    if entry.base_model:
        lab, _, name = entry.base_model.partition("/")
        maker = tables.maker_of("modelsdevlab", lab)
        if maker is not None and name:
            return Release(maker, slugify(name)), "BaseModel"
    model_id = entry.model_id
    if entry.platform == "amazon-bedrock":
        bare = CROSS_REGION.sub("", model_id, count=1)
        prefix, dot, name = bare.partition(".")
        maker = tables.maker_of("bedrock", prefix) if dot else None
        if maker is not None:
            unlisted = BEDROCK_LISTING.sub("", name)
            if any(character.isdigit() for character in unlisted):  # claude-v2:1 is not claude
                name = unlisted
            return Release(maker, slugify(name)), "BedrockModelId"
        return None
    if entry.platform not in NO_MAKER_PLATFORMS:
        split = creator_split(model_id)
        if split is not None:
            maker = tables.maker_of("creator", split[0])
            if maker is not None:
                return Release(maker, slugify(maker_name(split[1]))), "CreatorPrefix"
            return None
    maker = tables.maker_of(CATALOG_PREFIXES.get(entry.catalog, ""), entry.provider)
    if maker is not None:
        return Release(maker, slugify(maker_name(model_id))), "CatalogProviderMaker"
    platform = tables.platforms.get(entry.platform)
    if platform is not None and platform.role == "first-party" and "/" not in model_id:
        named = tables.maker_of("creator", LEADING_WORD.split(model_id.casefold(), maxsplit=1)[0])
        if named in (None, platform.operator):  # La Plateforme serves deepseek-v4-...: not Mistral's
            return Release(platform.operator, slugify(maker_name(model_id))), "MakerOwnPlatform"
    return None
