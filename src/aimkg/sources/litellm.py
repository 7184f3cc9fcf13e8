"""Import LiteLLM's model price and context window table (model_prices_and_context_window.json).

Raw: one JSON object, key = the model name as LiteLLM routes it, value = flat facts; read with
``parse_float=Decimal`` so no price ever passes through a binary float. Normalised: prices
per token become prices per 1M tokens, exactly; field-name suffixes become service tiers
(``_batches``, ``_priority``, ``_flex``), context tiers (``_above_200k_tokens``) and cache
durations (``_above_1hr``); prices per image, second, character, query, page or request become
prices per unit (``aimkg:billingUnit``), with the image size, video resolution, image quality or
search context size the field or key gives; ``supports_*`` flags become capabilities (true and
false alike); ``source`` and ``deprecation_source`` are the pages the entry cites; ``alias_of``
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
from aimkg.sources.capabilities import EFFORT_LEVELS, Flags
from aimkg.sources.fields import Attribute, FieldReader, per_million, per_units
from aimkg.sources.importer import Importer, run_as_module
from aimkg.sources.jsonfile import duplicate_keys, read_json
from aimkg.sources.records import Entry, Price, add_unique_price

#: Per-token price fields, by token kind.
TOKEN_PRICES: dict[str, str] = {
    "input_cost_per_token": "InputTokens",
    "output_cost_per_token": "OutputTokens",
    "cache_read_input_token_cost": "CachedInputTokens",
    "input_cost_per_token_cache_hit": "CachedInputTokens",
    "cache_creation_input_token_cost": "CacheWriteTokens",
    "output_cost_per_reasoning_token": "ReasoningTokens",
    "input_cost_per_audio_token": "InputAudioTokens",
    "output_cost_per_audio_token": "OutputAudioTokens",
    "input_cost_per_image_token": "InputImageTokens",
    "output_cost_per_image_token": "OutputImageTokens",
    "input_cost_per_video_token": "InputVideoTokens",
    "output_cost_per_video_token": "OutputVideoTokens",
    "cache_read_input_audio_token_cost": "CachedInputAudioTokens",
    "cache_read_input_image_token_cost": "CachedInputImageTokens",
    "cache_creation_input_audio_token_cost": "CacheWriteAudioTokens",
    "citation_cost_per_token": "CitationTokens",
}
#: Cache writes by how long the cache keeps them (``cache_creation_input_token_cost_above_1hr``).
CACHE_DURATIONS = {"1": "CacheWrite1hTokens", "12": "CacheWrite12hTokens"}
TIERS = {"batches": "Batch", "priority": "Priority", "flex": "Flex", "ultrafast": "Ultrafast", "balanced": "Balanced"}
#: A per-token price field: its cache duration, context tier (above N thousand prompt tokens, N > 0) and service tier.
PRICE_FIELD = re.compile(
    rf"(?P<base>{'|'.join(sorted(TOKEN_PRICES, key=len, reverse=True))})(?:_above_(?P<hours>1|12)hr)?"
    rf"(?:_above_(?P<above>[1-9]\d*)k_tokens)?(?:_(?P<tier>{'|'.join(TIERS)}))?"
)
#: Prices per something other than tokens: the aimkg:BillingUnit, per one unit.
UNIT_PRICES: dict[str, str] = {
    "input_cost_per_character": "InputCharacter",
    "output_cost_per_character": "OutputCharacter",
    "input_cost_per_image": "InputImage",
    "output_cost_per_image": "OutputImage",
    "input_cost_per_pixel": "InputPixel",
    "output_cost_per_pixel": "OutputPixel",
    "input_cost_per_second": "InputSecond",
    "output_cost_per_second": "OutputSecond",
    "input_cost_per_audio_per_second": "InputAudioSecond",
    "input_cost_per_video_per_second": "InputVideoSecond",
    "output_cost_per_video_per_second": "OutputVideoSecond",
    "input_cost_per_query": "Query",
    "input_cost_per_request": "Request",
    "google_maps_grounding_cost_per_query": "MapsGroundingQuery",
    "ocr_cost_per_page": "InputDocumentPage",
    "annotation_cost_per_page": "InputAnnotatedDocumentPage",
    "input_cost_per_text_message": "InputTextMessage",
    "code_interpreter_cost_per_session": "CodeInterpreterSession",
    "cost_per_second": "ProvisionedSecond",
}
#: The unit price fields whose name may end in the size of what is priced: an image size (_1K, _1024), a video
#: resolution (_720p, _4k).
SIZED = ("output_cost_per_image", "output_cost_per_second")
UNIT_PRICE_FIELD = re.compile(
    rf"(?P<base>{'|'.join(sorted(UNIT_PRICES, key=len, reverse=True))})"
    r"(?:_(?P<size>\d+(?:\.\d+)?[Kk]|\d+p|\d{3,4}))?(?:_above_(?P<above>[1-9]\d*)k_tokens)?"
    rf"(?:_(?P<tier>{'|'.join(TIERS)}))?"
)
#: Web search prices by search context size (``search_context_cost_per_query``).
SEARCH_CONTEXT = "search_context_cost_per_query"
SEARCH_CONTEXT_SIZES = {
    "search_context_size_low": "low",
    "search_context_size_medium": "medium",
    "search_context_size_high": "high",
}
#: Capability flags, by the aimkg:Capability each says the model has (true) or has not (false).
CAPABILITY_FLAGS: dict[str, str] = {
    "supports_function_calling": "ToolCalling",
    "supports_parallel_function_calling": "ParallelToolCalls",
    "supports_tool_choice": "ToolChoice",
    "supports_forced_tool_use": "ForcedToolUse",
    "supports_response_schema": "StructuredOutput",
    "supports_native_structured_output": "NativeStructuredOutput",
    "supports_reasoning": "Reasoning",
    "supports_vision": "ImageInput",
    "supports_image_input": "ImageInput",
    "supports_embedding_image_input": "ImageInput",
    "supports_pdf_input": "PdfInput",
    "supports_audio_input": "AudioInput",
    "supports_video_input": "VideoInput",
    "supports_audio_output": "AudioOutput",
    "supports_prompt_caching": "PromptCaching",
    "supports_web_search": "WebSearchTool",
    "supports_url_context": "UrlContext",
    "supports_tool_search": "ToolSearch",
    "supports_computer_use": "ComputerUse",
    "supports_system_messages": "SystemMessages",
    "supports_assistant_prefill": "AssistantPrefill",
    "supports_native_streaming": "Streaming",
    "supports_sampling_params": "TemperatureControl",
    **{f"supports_{name}_reasoning_effort": level for name, level in EFFORT_LEVELS.items()},
}

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


def listed(reader: FieldReader, name: str, value: Any) -> list[str]:
    """A list of strings; an empty one (or an empty string in it) says nothing and is reported."""
    items = reader.strings(name, value)
    if not items or not all(items):
        reader.report.skip_field(reader.entry, name, "an empty list or string says nothing")
        return []
    return sorted(set(items))


NO_MODEL_TYPE = "no aimkg:ModelType for this mode"
#: Fields read into one attribute of the entry each, with the reader that checks them.
ATTRIBUTES: dict[str, Attribute] = {
    "mode": ("model_type", lambda reader, name, value: reader.term(name, value, MODES, NO_MODEL_TYPE)),
    "max_input_tokens": ("max_input_tokens", FieldReader.limit),
    "max_output_tokens": ("max_output_tokens", FieldReader.limit),
    "deprecation_date": ("deprecation_date", FieldReader.day),
    "successor_model": ("replaced_by", FieldReader.text),
    "supported_modalities": ("input_modalities", FieldReader.modalities),
    "supported_output_modalities": ("output_modalities", FieldReader.modalities),
    "default_reasoning_effort": (
        "default_reasoning_effort",
        lambda reader, name, value: reader.term(name, value, EFFORT_LEVELS, "no reasoning effort level"),
    ),
    "rpm": ("requests_per_minute", lambda reader, name, value: reader.limit(name, value, "requests")),
    "tpm": ("tokens_per_minute", FieldReader.limit),
    "prompt_cache_min_tokens": ("prompt_cache_min_tokens", FieldReader.limit),
    "output_vector_size": ("embedding_dimensions", lambda reader, name, value: reader.limit(name, value, "dimensions")),
    "supported_endpoints": ("api_routes", listed),
    "supported_regions": ("regions", listed),
}

#: Field kinds declared out of scope, each with its reason (docs/import.md lists them).
PLUMBING = "LiteLLM's own plumbing (how it routes, calls or counts tokens for the model), not a fact about the model"
PROVIDER_FLAG = "one provider's API option that LiteLLM flags to shape its requests, not a capability platforms share"
MULTIPLIER = "a multiplier on the entry's prices (FedRAMP, regional processing): aimkg states prices, it computes none"
OUT_OF_SCOPE: dict[str, str] = {
    "metadata": "free-text notes",
    "comment": "free-text notes",
    "input_dbu_cost_per_token": "Databricks Units, not a currency: the entry's USD price is mapped",
    "output_dbu_cost_per_token": "Databricks Units, not a currency: the entry's USD price is mapped",
    "fedramp_uplift_multiplier": MULTIPLIER,
    "regional_endpoint_uplift_multiplier": MULTIPLIER,
    "regional_processing_uplift_multiplier_eu": MULTIPLIER,
    "regional_processing_uplift_multiplier_us": MULTIPLIER,
    "search_free_requests": "a free quota shared by a group of models: aimkg states prices, not quotas",
    **dict.fromkeys(
        (
            "token_count_model",
            "token_count_framing",
            "token_count_tokenizer",
            "token_count_tool_framing",
            "token_count_responses_framing",
            "token_count_responses_tool_framing",
            "use_openai_responses_path",
            "uses_embed_content",
            "gemini_native_audio",
            "gemini_audio_only_live",
            "vertex_ai_audio_api",
            "audio_transcription_config",
            "provider_specific_entry",
            "thinking_on_by_default",
        ),
        PLUMBING,
    ),
    **dict.fromkeys(
        (
            "supports_output_config",
            "supports_parallel_tool_use_config",
            "supports_bedrock_native_structured_output",
            "supports_bedrock_native_structured_output_by_default",
            "supports_bedrock_converse_tool_result_images",
            "supports_bedrock_runtime_chat_completions_response_format",
            "supports_bedrock_runtime_chat_completions_tools_with_reasoning",
            "supports_bedrock_runtime_chat_completions_inline_reasoning",
            "bedrock_converse_supports_strict_tools",
            "bedrock_output_config_effort_ceiling",
            "supports_anthropic_compaction",
            "supports_anthropic_thinking_payload",
            "supports_adaptive_thinking",
            "supports_legacy_thinking",
            "supports_thinking_cache_preservation",
            "supports_mid_conversation_system",
            "supports_prompt_cache_breakpoint",
            "supports_regex_lookaround",
            "supports_image_size",
            "supports_nova_canvas_image_edit",
            "supports_box_questions",
            "supports_continuation",
            "supports_speed",
            "supports_fast_mode",
            "reasoning_contexts",
            "reasoning_modes",
        ),
        PROVIDER_FLAG,
    ),
}
#: Why a field that aimkg could map is not: the report groups fields by this reason.
UNKNOWN_REASONS = {
    "off_peak_pricing": "off-peak prices without the hours they apply: aimkg:validHours needs them",
    "supports_multimodal": "says the model is multimodal without saying which modalities",
    "guardrail_cost_per_unit": "prices per guardrail policy unit, a unit the entry does not define",
    "ocr_cost_per_credit": "a price per credit, a provider's unit whose size in pages the entry does not give",
    "max_tokens": "legacy field (output limit, else input limit): ambiguous",
}
TOKEN_PRICE_LIKE = re.compile(r".*(cost_per_.*token|token_cost).*")
DOCUMENTATION_ENTRY = "sample_spec"
#: What the file must be.
ENTRIES = "one JSON object of model entries"
#: Why a price is not mapped when another field of the entry gives the same price differently.
DISAGREES = "disagrees with another price of the entry"
#: What a ``tiered_pricing`` range must be: the prompt sizes the tier runs from and to.
RANGE = "a list [from, to] of token counts"
#: The one web search billing unit aimkg's web search prices are in.
PER_QUERY = "per_query"


def field_reason(name: str) -> str:
    """Why a field that is neither mapped nor declared out of scope is not mapped: the report groups fields by it."""
    if name in UNKNOWN_REASONS:
        return UNKNOWN_REASONS[name]
    if name.startswith("supports_"):
        return "capability flag that aimkg has no aimkg:Capability for"
    if TOKEN_PRICE_LIKE.fullmatch(name):
        return "token price for a kind, tier or cache duration that aimkg has no term for"
    if "_cost_per_" in name or name.startswith("cost_per_"):
        return "price per a unit, or with a suffix, that aimkg has no term for"
    return "no aimkg term for this field"


def given_twice(path: Path, text: str) -> InputError:
    """The error for the first key given twice: its line, the entry it is in, and the field."""
    line, (entry, *fields) = next(duplicate_keys(text))
    field = f"field {'.'.join(fields)!r}: " if fields else ""
    return InputError(f"{path}: line {line}: entry {entry!r}: {field}given twice (a JSON reader keeps only the last)")


#: Image size, quality and step-count segments: a price dimension of image models, not part of the model ID.
IMAGE_SIZE = re.compile(
    r"(?:(?P<quality>low|medium|high|xhigh|max|hd|standard)/)?(?P<width>\d+|max)-x-(?P<height>\d+|max)/"
    r"(?:(?:\d+|max)-steps/)?"
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

    def __init__(
        self, path: Path, version: str | None = None, limits: InputLimits = DEFAULT_LIMITS, fail_fast: bool = False
    ) -> None:
        super().__init__(path, version, limits, fail_fast)
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
            try:
                fields = reader.typed(None, raw, dict, "an object of fields")
                self.report.values += len(fields)
                if "alias_of" in fields:
                    aliases[key] = reader.text("alias_of", fields["alias_of"])
                    for name in sorted(set(fields) - {"alias_of"}):
                        self.report.skip_field(key, name, "an alias entry carries only alias_of")
                    yield None
                    continue
                entry = self.normalise(key, fields, reader)
            except InputError as error:
                self.broken(error)
                entry = None
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
        """Turn one entry into an Entry; one that names no provider or no model is reported instead.

        Every field is read, even after one turns out broken (its error is kept for the end of the
        run), so that one run names every broken value; an entry with a broken value is left out.
        """
        provider = reader.text("litellm_provider", fields["litellm_provider"]) if "litellm_provider" in fields else ""
        if not provider:
            self.report.skip_entry(key, "no litellm_provider: the entry names no provider")
            return None
        if not key:
            self.report.skip_entry(key, "empty key: the entry names no model")
            return None
        entry = Entry(key, provider, key, label=key)
        if not self.read_fields(entry, reader, fields, skip=("litellm_provider",)):
            return None
        return self.place(entry)

    def field(self, entry: Entry, flags: Flags, reader: FieldReader, name: str, value: Any) -> None:
        """Read one field of an entry into it; report it when aimkg does not map it."""
        key, report = entry.key, self.report
        if name in CAPABILITY_FLAGS:
            flags.flag(CAPABILITY_FLAGS[name], name, reader.flag(name, value))
        elif self.price(entry, reader, name, value):
            pass
        elif name == "tiered_pricing":
            self.tiered(entry, reader, reader.typed(name, value, list, "a list of tiers"))
        elif name in ATTRIBUTES:
            reader.attribute(entry, name, value, ATTRIBUTES[name])
        elif name in ("source", "deprecation_source"):
            url = reader.url(name, value)
            if url is not None:
                (entry.source_urls if name == "source" else entry.deprecation_sources).append(url)
        elif name == "reasoning_effort_levels":
            self.effort_levels(flags, reader, reader.strings(name, value))
        elif name == "thinking_always_on":
            if reader.flag(name, value):
                flags.flag("ReasoningToggle", name, False)  # always on: it cannot be switched off
            else:
                report.skip_field(key, f"{name}=false", "says only that reasoning is not always on")
        elif name == "web_search_billing_unit":
            if reader.text(name, value) != PER_QUERY:
                report.skip_field(key, f"{name}={value}", "aimkg's web search prices are per query (per_query)")
        elif name in OUT_OF_SCOPE:
            report.leave_out(key, name, OUT_OF_SCOPE[name])
        else:
            report.skip_field(key, name, field_reason(name))

    def effort_levels(self, flags: Flags, reader: FieldReader, levels: list[str]) -> None:
        """``reasoning_effort_levels``: the reasoning efforts accepted; an empty list names none and is reported."""
        if not levels:
            self.report.skip_field(reader.entry, "reasoning_effort_levels", "an empty list names no level")
        for level in levels:
            name = f"reasoning_effort_levels={level}"
            if level in EFFORT_LEVELS:
                flags.flag(EFFORT_LEVELS[level], name, True)
            else:
                self.report.skip_field(reader.entry, name, "no reasoning effort level")

    def price(self, entry: Entry, reader: FieldReader, name: str, value: Any) -> bool:
        """Read a price field (per token, or per unit); return False when the field is no price aimkg reads."""
        if name == SEARCH_CONTEXT:
            self.search_prices(entry, reader, reader.typed(name, value, dict, "an object of prices by context size"))
            return True
        token = PRICE_FIELD.fullmatch(name)
        if token and (not token["hours"] or token["base"] == "cache_creation_input_token_cost"):
            kind = CACHE_DURATIONS[token["hours"]] if token["hours"] else TOKEN_PRICES[token["base"]]
            above, tier = tiers(token)
            self.add_price(entry, name, Price(kind, per_million(reader.amount(name, value)), tier, above))
            return True
        unit = UNIT_PRICE_FIELD.fullmatch(name)
        if unit is None or (unit["size"] and unit["base"] not in SIZED):
            return False
        kind = UNIT_PRICES[unit["base"]]
        amount = reader.amount(name, value)
        if COMMITMENT.search(entry.key) and kind in ("InputSecond", "ProvisionedSecond"):
            kind = "ProvisionedSecond"  # a provisioned-throughput key: the second is of a reserved model unit
        elif kind == "ProvisionedSecond":
            self.report.skip_field(entry.key, name, "a price per second of what, the entry does not say")
            return True
        size, quality = image_dimensions(entry.key) if kind != "ProvisionedSecond" else (None, None)
        above, tier = tiers(unit)
        amount, per = per_units(amount)
        price = Price(kind, amount, tier, above, per=per, size=unit["size"] or size, quality=quality)
        self.add_price(entry, name, price)
        return True

    def add_price(self, entry: Entry, name: str, price: Price) -> None:
        if not add_unique_price(entry.prices, price):
            self.report.skip_field(entry.key, name, DISAGREES)

    def search_prices(self, entry: Entry, reader: FieldReader, table: dict[str, Any]) -> None:
        """``search_context_cost_per_query``: the price of one web search, by how much search context it adds."""
        if not table:
            self.report.skip_field(entry.key, SEARCH_CONTEXT, "an empty object gives no price")
        for size, value in table.items():
            name = f"{SEARCH_CONTEXT}.{size}"
            if size not in SEARCH_CONTEXT_SIZES:
                self.report.skip_field(entry.key, name, "no search context size aimkg knows")
                continue
            amount, per = per_units(reader.amount(name, value))
            price = Price("WebSearch", amount, per=per, search_context=SEARCH_CONTEXT_SIZES[size])
            self.add_price(entry, name, price)

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


def image_dimensions(key: str) -> tuple[str | None, str | None]:
    """The image size (1024x1024) and quality (hd) that a key's routing segments give its prices, if any.

    The segments open the key or follow its first ``route/`` (``azure/hd/1024-x-1024/dall-e-3``).
    """
    found = IMAGE_SIZE.match(key) or IMAGE_SIZE.match(key, key.find("/") + 1)
    if found is None:
        return None, None
    return f"{found['width']}x{found['height']}", found["quality"]


def tiers(match: re.Match[str]) -> tuple[int | None, str | None]:
    """A price field's context tier (above N thousand prompt tokens) and service tier."""
    return (int(match["above"]) * 1000 if match["above"] else None), (TIERS[match["tier"]] if match["tier"] else None)


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
