"""Import LiteLLM's model price and context window table (model_prices_and_context_window.json).

Raw: one JSON object, key = the model name as LiteLLM routes it, value = flat facts; read with
``parse_float=Decimal`` so no price ever passes through a binary float. Normalised: prices
per token become prices per 1M tokens, exactly; field-name suffixes become service tiers
(``_batches``, ``_priority``, ``_flex``) and context tiers (``_above_200k_tokens``); ``alias_of``
entries become aliases of the endpoint they finally name (an alias of an alias is followed).
Mapped: one version, endpoint and set of prices per key.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from aimkg.core.errors import InputError
from aimkg.core.limits import DEFAULT_LIMITS, InputLimits
from aimkg.sources.fields import FieldReader, per_million
from aimkg.sources.importer import Importer, run_as_module
from aimkg.sources.jsonfile import duplicate_keys, read_json
from aimkg.sources.records import Entry, Price, add_unique_price

#: Per-token price fields, by token kind.
TOKEN_PRICES: dict[str, str] = {
    "input_cost_per_token": "InputTokens",
    "output_cost_per_token": "OutputTokens",
    "cache_read_input_token_cost": "CachedInputTokens",
    "cache_creation_input_token_cost": "CacheWriteTokens",
    "output_cost_per_reasoning_token": "ReasoningTokens",
    "input_cost_per_audio_token": "InputAudioTokens",
    "output_cost_per_audio_token": "OutputAudioTokens",
    "input_cost_per_image_token": "InputImageTokens",
}
TIERS = {"batches": "Batch", "priority": "Priority", "flex": "Flex"}
#: A per-token price field, its context tier (above N thousand prompt tokens, N > 0) and its service tier.
PRICE_FIELD = re.compile(
    rf"(?P<base>{'|'.join(TOKEN_PRICES)})(?:_above_(?P<above>[1-9]\d*)k_tokens)?(?:_(?P<tier>{'|'.join(TIERS)}))?"
)

MODES: dict[str, str] = {
    "chat": "ChatModel",
    "responses": "ChatModel",
    "completion": "CompletionModel",
    "embedding": "EmbeddingModel",
    "image_generation": "ImageGenerationModel",
    "image_edit": "ImageGenerationModel",
    "audio_transcription": "SpeechToTextModel",
    "audio_speech": "TextToSpeechModel",
    "rerank": "RerankModel",
    "moderation": "ModerationModel",
    "guardrail": "ModerationModel",
    "ocr": "OcrModel",
    "search": "SearchModel",
    "video_generation": "VideoGenerationModel",
    "realtime": "RealtimeModel",
}

#: Billing by something other than tokens: aimkg prices are per token, so these are reported.
NON_TOKEN_BILLING = re.compile(
    r".*(_per_(second|image|pixel|character|query|request|page|credit|session|unit|text_message|gb_per_day)"
    r"|_per_1k_|_per_audio_per_second|_per_video_per_second|cost_per_second|search_context_cost_per_query"
    r"|_cost_per_page|google_maps_grounding|dbu_cost).*"
)
TOKEN_PRICE_LIKE = re.compile(r".*(cost_per_.*token|token_cost).*")
INFORMATIONAL = {
    "source": "pricing page URL: aimkg keeps catalog-level sources, not one per entry",
    "deprecation_source": "page URL of the deprecation date: aimkg keeps catalog-level sources",
    "metadata": "free-text notes: aimkg has no term for them",
    "comment": "free-text notes: aimkg has no term for them",
    "supported_endpoints": "API paths: aimkg has no term for them",
    "supported_regions": "cloud regions: aimkg has no term for them",
    "rpm": "rate limit: aimkg has no term for it",
    "tpm": "rate limit: aimkg has no term for it",
}
DOCUMENTATION_ENTRY = "sample_spec"
#: What the file must be.
ENTRIES = "one JSON object of model entries"
#: Why a price is not mapped when another field of the entry gives the same price differently.
DISAGREES = "disagrees with another price of the entry"
#: What a ``tiered_pricing`` range must be: the prompt sizes the tier runs from and to.
RANGE = "a list [from, to] of token counts"


def field_reason(name: str) -> str:
    """Why a field is not mapped: the report groups fields by this reason."""
    if name.startswith("supports_"):
        return "capability flag: aimkg has no term for it"
    if name in INFORMATIONAL:
        return INFORMATIONAL[name]
    if TOKEN_PRICE_LIKE.fullmatch(name) and "dbu" not in name:
        return "token price for a kind, tier or cache duration that aimkg has no term for"
    if NON_TOKEN_BILLING.fullmatch(name):
        return "non-token billing (per second, image, query, DBU, ...): aimkg prices are per token"
    return "no aimkg term for this field"


def given_twice(path: Path, text: str) -> InputError:
    """The error for the first key given twice: its line, the entry it is in, and the field."""
    line, (entry, *fields) = next(duplicate_keys(text))
    field = f"field {'.'.join(fields)!r}: " if fields else ""
    return InputError(f"{path}: line {line}: entry {entry!r}: {field}given twice (a JSON reader keeps only the last)")


#: Image size, quality and step-count segments: a price dimension of image models, not part of the model ID.
IMAGE_SIZE = re.compile(
    r"(?:(?:low|medium|high|xhigh|max|hd|standard)/)?(?:\d+|max)-x-(?:\d+|max)/(?:(?:\d+|max)-steps/)?"
)
#: A cloud region segment (bedrock/us-gov-west-1/...), an any-region segment, a provisioned-throughput term.
REGION = re.compile(r"(?:[a-z]{2}(?:-gov)?-[a-z]+-\d+|\*)/")
COMMITMENT = re.compile(r"\d+-month-commitment/")
#: Azure deployment zones (azure/eu/gpt-4o): a price variant of the same model ID.
AZURE_ZONE = re.compile(r"(?:us|eu|global|global-standard|us-gov|apac)/")
#: Fireworks and Together price rules by model size (fireworks-ai-4.1b-to-16b): no model ID.
SIZE_RULE = re.compile(r"(?:fireworks-ai|together-ai)-")
#: Route names that prefix keys without being a litellm_provider value.
ROUTES = frozenset({"amazon-nova"})
#: The LiteLLM providers whose keys carry Bedrock's region and commitment segments, and Azure's zones.
BEDROCK = frozenset({"bedrock", "bedrock_converse", "bedrock_mantle"})
AZURE = frozenset({"azure", "azure_text"})


class LiteLLMImporter(Importer):
    """LiteLLM: one JSON object of routing names, prices per token."""

    name = "litellm"
    source_label = "LiteLLM model price and context window table"
    source_url = "https://github.com/BerriAI/litellm"
    default_version = "1.110.2"
    source_prefix = "litellm"

    def __init__(self, path: Path, version: str | None = None, limits: InputLimits = DEFAULT_LIMITS) -> None:
        super().__init__(path, version, limits)
        self.data: dict[str, Any] = read_json(self.path, limits, dict, ENTRIES, given_twice)
        #: Every provider named in the file: a key's first segment that is one of them is a route, not the model ID.
        self.providers = {
            fields["litellm_provider"]
            for fields in self.data.values()
            if isinstance(fields, dict) and isinstance(fields.get("litellm_provider"), str)
        }

    def count(self) -> int:
        return len(self.data)

    def entries(self) -> Iterator[Entry | None]:
        normalised: dict[str, Entry] = {}
        aliases: dict[str, str] = {}
        for key, raw in self.data.items():
            reader = FieldReader(self.path, key, self.report, table="an object")
            if key == DOCUMENTATION_ENTRY:
                self.report.skip_entry(key, "documentation of the fields, not a model")
                yield None
                continue
            fields = reader.typed(None, raw, dict, "an object of fields")
            if "alias_of" in fields:
                aliases[key] = reader.text("alias_of", fields["alias_of"])
                for name in sorted(set(fields) - {"alias_of"}):
                    self.report.skip_field(key, name, "an alias entry carries only alias_of")
                yield None
                continue
            entry = self.normalise(key, fields, reader)
            if entry is not None:
                normalised[key] = entry
            yield entry
        self.resolve(normalised, aliases)

    def resolve(self, normalised: dict[str, Entry], aliases: dict[str, str]) -> None:
        """Attach aliases to their target's endpoint and point successors at entries, once all are read."""
        for key in sorted(aliases):
            chain = alias_chain(key, aliases)
            target, entry = chain[-1], normalised.get(chain[-1])
            if target in aliases:
                self.report.skip_entry(key, f"alias_of goes round in a loop: {' -> '.join(chain)}")
            elif entry is None:
                through = f" (through {' -> '.join(chain[1:-1])})" if len(chain) > 2 else ""
                self.report.skip_entry(key, f"alias_of {target!r}{through} names no model entry of the file")
            else:
                split = self.split_key(key, entry.provider)
                entry.aliases.append(key if isinstance(split, str) else split[0])
        for entry in normalised.values():
            if entry.replaced_by in aliases:
                entry.replaced_by = alias_chain(entry.replaced_by, aliases)[-1]

    def split_key(self, key: str, provider: str) -> tuple[str, str | None] | str:
        """Take LiteLLM's routing syntax off a key: the model ID the platform accepts, and a price variant.

        What is taken off: the provider's (or a sibling provider's) ``name/`` prefix, image size and
        quality segments, Bedrock regions, any-region and commitment segments and ``invoke/``
        routes, Azure deployment zones. The variant keeps what was taken off that sets the key's
        prices apart (``us-gov-west-1``, ``eu``). Keys that name no model (fine-tuning templates,
        size rules, Anthropic's Claude Platform on AWS under ``bedrock/``) return why, as a string.
        Cross-region Bedrock IDs (``us.anthropic...``) and Vertex ``@`` versions are IDs as the
        platform accepts them, and are kept.
        """
        rest, variants = key, []
        size = IMAGE_SIZE.match(rest)
        if size:
            rest, variants = rest[size.end() :], [size.group().rstrip("/")]
        first, slash, after = rest.partition("/")
        if slash and after and (first == provider or first in self.providers or first in ROUTES):
            rest = after  # LiteLLM's route: the entry's provider, or a sibling of it (vertex_ai/ under vertex_ai-*)
        size = IMAGE_SIZE.match(rest)
        if size:
            rest, variants = rest[size.end() :], [*variants, size.group().rstrip("/")]
        if provider in BEDROCK:
            if rest.startswith("claude_platform/"):
                return "Anthropic's Claude Platform on AWS, not a Bedrock model ID; no platform row for it"
            if rest == "guardrails":
                return "Bedrock Guardrails pricing, not a model"
            for pattern in (REGION, COMMITMENT):
                found = pattern.match(rest)
                if found:
                    rest, variants = rest[found.end() :], [*variants, found.group().rstrip("/")]
            rest = rest.removeprefix("invoke/").removeprefix("converse/")
        elif provider in AZURE:
            zone = AZURE_ZONE.match(rest)
            if zone:
                rest, variants = rest[zone.end() :], [*variants, zone.group().rstrip("/")]
        if rest.startswith("ft:"):
            return "a fine-tuning price template (ft:), not a model ID"
        if SIZE_RULE.match(rest):
            return "a price rule by model size, not a model ID"
        if not rest:
            return "empty key: the entry names no model"
        return rest, "/".join(variants) or None

    def normalise(self, key: str, fields: dict[str, Any], reader: FieldReader) -> Entry | None:
        """Turn one entry into an Entry; one that names no provider or no model is reported instead."""
        provider = reader.text("litellm_provider", fields["litellm_provider"]) if "litellm_provider" in fields else ""
        if not provider:
            self.report.skip_entry(key, "no litellm_provider: the entry names no provider")
            return None
        if not key:
            self.report.skip_entry(key, "empty key: the entry names no model")
            return None
        entry = Entry(key, provider, key, label=key)
        report = self.report
        for name, value in fields.items():
            match = PRICE_FIELD.fullmatch(name)
            if name == "litellm_provider":
                continue
            if match:
                amount = per_million(reader.amount(name, value))
                above = int(match["above"]) * 1000 if match["above"] else None
                tier = TIERS[match["tier"]] if match["tier"] else None
                if not add_unique_price(entry.prices, Price(TOKEN_PRICES[match["base"]], amount, tier, above)):
                    report.skip_field(key, name, DISAGREES)
            elif name == "tiered_pricing":
                self.tiered(entry, reader, reader.typed(name, value, list, "a list of tiers"))
            elif name == "mode":
                entry.model_type = reader.term(name, value, MODES, "no aimkg:ModelType for this mode")
            elif name == "max_input_tokens":
                entry.max_input_tokens = reader.limit(name, value)
            elif name == "max_output_tokens":
                entry.max_output_tokens = reader.limit(name, value)
            elif name == "deprecation_date":
                entry.deprecation_date = reader.date(name, value, month_ok=False)
            elif name == "successor_model":
                entry.replaced_by = reader.text(name, value)
            elif name == "supported_modalities":
                entry.input_modalities = reader.modalities(name, value)
            elif name == "supported_output_modalities":
                entry.output_modalities = reader.modalities(name, value)
            else:
                report.skip_field(key, name, field_reason(name))
        return self.place(entry)

    def place(self, entry: Entry) -> Entry | None:
        """Give a read entry the model ID its key names; or report why the key names none.

        Done once every field is read, so that a broken value stops the import whatever the key.
        """
        split = self.split_key(entry.key, entry.provider)
        if isinstance(split, str):
            self.report.skip_entry(entry.key, split)
            return None
        entry.model_id, entry.variant = split
        entry.label = entry.model_id
        return entry

    def tiered(self, entry: Entry, reader: FieldReader, tiers: list[Any]) -> None:
        """``tiered_pricing``: per-token prices by prompt-size range; the range's start is the tier."""
        for tier in tiers:
            table = reader.typed("tiered_pricing", tier, dict, "an object")
            if "range" not in table:
                for name in sorted(set(table)):
                    self.report.skip_field(entry.key, f"tiered_pricing.{name}", "tier without a token range")
                continue
            span = reader.typed("tiered_pricing.range", table["range"], list, RANGE)
            if not span:
                raise reader.wrong("tiered_pricing.range", RANGE, span)
            start = reader.tokens("tiered_pricing.range", span[0])
            for name, value in table.items():
                if name == "range":
                    continue
                field = f"tiered_pricing.{name}"
                if name not in TOKEN_PRICES:
                    self.report.skip_field(entry.key, field, field_reason(name))
                    continue
                price = Price(TOKEN_PRICES[name], per_million(reader.amount(field, value)), above=start or None)
                if not add_unique_price(entry.prices, price):
                    self.report.skip_field(entry.key, field, DISAGREES)


def alias_chain(key: str, aliases: dict[str, str]) -> list[str]:
    """The keys from an alias to what it finally names, through aliases of aliases; a loop stops at its repeat."""
    chain = [key]
    while chain[-1] in aliases and aliases[chain[-1]] not in chain:
        chain.append(aliases[chain[-1]])
    if chain[-1] in aliases:
        chain.append(aliases[chain[-1]])  # the repeat, so that the loop shows in the report
    return chain


#: Import a LiteLLM model_prices_and_context_window.json file.
import_litellm = LiteLLMImporter.read


if __name__ == "__main__":
    run_as_module("litellm", "litellm")
