"""The lexical identity rules, one case each: what makes two IDs one endpoint, and which release an ID names."""

from __future__ import annotations

import pytest

from aimkg.reconcile.rules import Release, endpoint_match, endpoint_rule, release_of
from aimkg.sources.mappings import mappings
from aimkg.sources.records import Entry


@pytest.mark.parametrize(
    ("platform", "first", "second", "rule"),
    [
        ("openai", "gpt-4o", "gpt-4o", "SameModelId"),
        ("llama-api", "Llama-3.3-70B-Instruct", "llama-3.3-70b-instruct", "CaseInsensitiveModelId"),
        ("fireworks-ai", "glm-5p1", "accounts/fireworks/models/glm-5p1", "FireworksShortForm"),
        ("vertex-ai", "claude-opus-4-6", "claude-opus-4-6@default", "VertexDefault"),
    ],
)
def test_ids_that_are_one_endpoint(platform: str, first: str, second: str, rule: str) -> None:
    assert endpoint_match(platform, first) == endpoint_match(platform, second)
    assert endpoint_rule(platform, first, second) == rule


@pytest.mark.parametrize(
    ("platform", "first", "second"),
    [
        ("openai", "gpt-4o", "gpt-4o-mini"),
        ("openai", "gpt-4o", "gpt-4o-2024-08-06"),  # dated and undated are two endpoints
        ("amazon-bedrock", "anthropic.claude-sonnet-4-20250514-v1:0", "us.anthropic.claude-sonnet-4-20250514-v1:0"),
        ("together-ai", "glm-5p1", "accounts/fireworks/models/glm-5p1"),  # the short form is Fireworks' alone
    ],
)
def test_ids_that_are_two_endpoints(platform: str, first: str, second: str) -> None:
    assert endpoint_match(platform, first) != endpoint_match(platform, second)


def entry(catalog: str, provider: str, platform: str, model_id: str, base_model: str | None = None) -> Entry:
    return Entry("key", provider, model_id, model_id, catalog=catalog, platform=platform, base_model=base_model)


@pytest.mark.parametrize(
    ("found", "release", "rule"),
    [
        (entry("models-dev", "azure", "azure-openai", "gpt-4o", "openai/gpt-4o"), ("openai", "gpt-4o"), "BaseModel"),
        (
            entry("litellm", "bedrock", "amazon-bedrock", "eu.anthropic.claude-haiku-4-5-20251001-v1:0"),
            ("anthropic", "claude-haiku-4-5-20251001"),
            "BedrockModelId",
        ),
        (
            entry("litellm", "bedrock", "amazon-bedrock", "anthropic.claude-v2:1"),
            ("anthropic", "claude-v2-1"),
            "BedrockModelId",
        ),
        (
            entry("models-dev", "openrouter", "openrouter", "anthropic/claude-sonnet-4"),
            ("anthropic", "claude-sonnet-4"),
            "CreatorPrefix",
        ),
        (
            entry("litellm", "vertex_ai-anthropic_models", "vertex-ai", "claude-sonnet-4@20250514"),
            ("anthropic", "claude-sonnet-4-20250514"),
            "CatalogProviderMaker",
        ),
        (
            entry("litellm", "mistral", "la-plateforme", "mistral-large-2411"),
            ("mistral-ai", "mistral-large-2411"),
            "MakerOwnPlatform",
        ),
    ],
    ids=lambda value: value.model_id if isinstance(value, Entry) else str(value),
)
def test_the_release_an_id_names(found: Entry, release: tuple[str, str], rule: str) -> None:
    assert release_of(found, mappings()) == (Release(*release), rule)


@pytest.mark.parametrize(
    "found",
    [
        entry("litellm", "mistral", "la-plateforme", "deepseek-v4-1-flash-1017"),  # Mistral serves it, did not make it
        entry("litellm", "groq", "groq", "llama-3.3-70b-versatile"),  # a host's own name for another's model
        entry("litellm", "fireworks_ai", "fireworks-ai", "accounts/fireworks/models/kimi-k3p1-pro"),
        entry("litellm", "bedrock", "amazon-bedrock", "unknownlab.model-v1:0"),
    ],
    ids=lambda found: found.model_id,
)
def test_ids_that_name_no_release(found: Entry) -> None:
    assert release_of(found, mappings()) is None
