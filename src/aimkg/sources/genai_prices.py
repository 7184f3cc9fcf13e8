"""Import genai-prices' price data (github.com/pydantic/genai-prices, ``prices/new_data/v2/data.json``).

Raw: one JSON list of providers, each with its list of models; read with ``parse_float=Decimal``
so that no price passes through a binary float, and refusing a key given twice. A model says
which model IDs it covers with ``match`` clauses, and its prices are one price object or a list
of ``{constraint, prices}`` groups (a price change from a date, or a time-of-day price).

Normalised: one ``Entry`` per model and per ``equals`` model ID (top level or inside ``or``),
keyed ``<provider id>/<model id>`` as the catalog keys the record; the other clauses
(``starts_with``, ``ends_with``, ``contains``, ``regex``, ``and``) are kept verbatim as the
entry's declared patterns (``starts_with:claude-2``), never expanded into guessed IDs. A model
with no ``equals`` clause gives one entry whose model ID is the genai-prices model ``id``:
genai-prices' own name for the model, which a client may or may not send. Every entry of a
model carries all its patterns and prices. ``and`` is kept whole, as ``and:`` and its clauses in
compact JSON.

Prices are USD per 1M tokens of a kind, or per ``per`` units of something else (a thousand
requests, web searches); a tiered price is its base price plus one price ``above`` each tier's
start. Price groups follow upstream's rule (the last group whose constraint holds applies, the
first when none does): a ``start_date`` group is valid from that date, and every group is valid
through the day before the next later start date; a ``start_time``/``end_time`` group has those
hours (in UTC), and a group before a single such window has the rest of the day (DeepSeek's
off-peak price, 16:30-00:30). A group that never applies, or cannot be placed in time, is reported.

The report counts models, not model IDs: ``report.entries`` is the number of models in the
file, ``report.mapped`` the number of those with entries.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

from aimkg.core.errors import InputError
from aimkg.core.limits import DEFAULT_LIMITS, InputLimits
from aimkg.sources.fields import HTTP_URL, FieldReader
from aimkg.sources.importer import Importer, run_as_module
from aimkg.sources.jsonfile import duplicate_keys, read_json
from aimkg.sources.records import Entry, Price, add_unique_price
from aimkg.sources.report import ImportResult

PER_MILLION = 1_000_000
#: Every price key of the schema's ModelPrice: the aimkg:TokenKind, or the aimkg:BillingUnit and
#: how many units the amount buys. ``input_mtok`` is every input token that no more specific key
#: prices (the schema: "uncached text input/prompt token"); ``input_text_mtok`` and the like are
#: the text part alone, where a model prices modalities apart.
PRICE_KEYS: dict[str, tuple[str, int]] = {
    "input_mtok": ("InputTokens", PER_MILLION),
    "output_mtok": ("OutputTokens", PER_MILLION),
    "cache_read_mtok": ("CachedInputTokens", PER_MILLION),
    "cache_write_mtok": ("CacheWriteTokens", PER_MILLION),
    "cache_write_5m_mtok": ("CacheWrite5mTokens", PER_MILLION),
    "cache_write_1h_mtok": ("CacheWrite1hTokens", PER_MILLION),
    "input_text_mtok": ("InputTextTokens", PER_MILLION),
    "output_text_mtok": ("OutputTextTokens", PER_MILLION),
    "cache_text_read_mtok": ("CachedInputTextTokens", PER_MILLION),
    "cache_text_write_mtok": ("CacheWriteTextTokens", PER_MILLION),
    "cache_text_write_5m_mtok": ("CacheWrite5mTextTokens", PER_MILLION),
    "cache_text_write_1h_mtok": ("CacheWrite1hTextTokens", PER_MILLION),
    "input_audio_mtok": ("InputAudioTokens", PER_MILLION),
    "output_audio_mtok": ("OutputAudioTokens", PER_MILLION),
    "cache_audio_read_mtok": ("CachedInputAudioTokens", PER_MILLION),
    "cache_audio_write_mtok": ("CacheWriteAudioTokens", PER_MILLION),
    "cache_audio_write_5m_mtok": ("CacheWrite5mAudioTokens", PER_MILLION),
    "cache_audio_write_1h_mtok": ("CacheWrite1hAudioTokens", PER_MILLION),
    "input_image_mtok": ("InputImageTokens", PER_MILLION),
    "output_image_mtok": ("OutputImageTokens", PER_MILLION),
    "cache_image_read_mtok": ("CachedInputImageTokens", PER_MILLION),
    "cache_image_write_mtok": ("CacheWriteImageTokens", PER_MILLION),
    "cache_image_write_5m_mtok": ("CacheWrite5mImageTokens", PER_MILLION),
    "cache_image_write_1h_mtok": ("CacheWrite1hImageTokens", PER_MILLION),
    "input_video_mtok": ("InputVideoTokens", PER_MILLION),
    "output_video_mtok": ("OutputVideoTokens", PER_MILLION),
    "cache_video_read_mtok": ("CachedInputVideoTokens", PER_MILLION),
    "cache_video_write_mtok": ("CacheWriteVideoTokens", PER_MILLION),
    "cache_video_write_5m_mtok": ("CacheWrite5mVideoTokens", PER_MILLION),
    "cache_video_write_1h_mtok": ("CacheWrite1hVideoTokens", PER_MILLION),
    "input_tool_mtok": ("InputToolTokens", PER_MILLION),
    "input_text_tool_mtok": ("InputToolTextTokens", PER_MILLION),
    "input_audio_tool_mtok": ("InputToolAudioTokens", PER_MILLION),
    "input_image_tool_mtok": ("InputToolImageTokens", PER_MILLION),
    "input_video_tool_mtok": ("InputToolVideoTokens", PER_MILLION),
    "output_reasoning_mtok": ("ReasoningTokens", PER_MILLION),
    "output_text_reasoning_mtok": ("ReasoningTextTokens", PER_MILLION),
    "output_audio_reasoning_mtok": ("ReasoningAudioTokens", PER_MILLION),
    "output_image_reasoning_mtok": ("ReasoningImageTokens", PER_MILLION),
    "output_video_reasoning_mtok": ("ReasoningVideoTokens", PER_MILLION),
    "output_citation_mtok": ("CitationTokens", PER_MILLION),
    "output_text_citation_mtok": ("CitationTextTokens", PER_MILLION),
    "output_audio_citation_mtok": ("CitationAudioTokens", PER_MILLION),
    "output_image_citation_mtok": ("CitationImageTokens", PER_MILLION),
    "output_video_citation_mtok": ("CitationVideoTokens", PER_MILLION),
    "requests_kcount": ("Request", 1000),
    "web_searches_kcount": ("WebSearch", 1000),
    "rerank_searches_kcount": ("RerankSearch", 1000),
    "social_searches_kcount": ("SocialSearch", 1000),
    "storage_searches_kcount": ("StorageSearch", 1000),
    "code_executions_kcount": ("CodeExecution", 1000),
    "input_text_messages_kcount": ("InputTextMessage", 1000),
    "input_document_kpages": ("InputDocumentPage", 1000),
    "input_annotated_document_kpages": ("InputAnnotatedDocumentPage", 1000),
    "input_mchars": ("InputCharacter", PER_MILLION),
    "input_gpixels": ("InputPixel", 1_000_000_000),
    "audio_hours": ("AudioHour", 1),
    "input_audio_hours": ("InputAudioHour", 1),
    "output_audio_hours": ("OutputAudioHour", 1),
}

#: Provider fields that tell the genai-prices SDK how to find a provider, a model or the usage in an
#: API call: plumbing, not facts about the provider's models.
PLUMBING = "SDK plumbing (how the genai-prices library matches API calls): no fact about the models"
PROVIDER_FIELDS_UNMAPPED = {
    "name": "the platform's label comes from data/mappings/platforms.tsv",
    "description": "free-text description: aimkg keeps no descriptions of catalog records",
    "api_pattern": PLUMBING,
    "provider_match": PLUMBING,
    "model_match": PLUMBING,
    "extractors": PLUMBING,
    "fallback_model_providers": "SDK price look-up fallback to other providers: no fact about the models",
}
MODEL_FIELDS_UNMAPPED = {
    "description": "free-text description: aimkg keeps no descriptions of catalog records",
}
COMMENTS = "free-text price notes: their URLs are kept as source URLs, the text is not mapped"
UNKNOWN_FIELD = "not a field of the genai-prices schema"
UNKNOWN_PRICE = "price key that the genai-prices schema does not define: its unit is unknown"
DISAGREES = "disagrees with another price of the entry"
NEVER_APPLIES = "a later price group always takes precedence: this group's prices never apply"

#: The clauses of ``match`` that declare model IDs by pattern, kept verbatim.
PATTERN_CLAUSES = ("starts_with", "ends_with", "contains", "regex")
CLAUSES = ("equals", *PATTERN_CLAUSES, "or", "and")
CLAUSE = "an object with one of " + ", ".join(CLAUSES)
TIERED = "a number or an object {base, tiers}"
CONSTRAINT = "an object {start_date} or {start_time, end_time}"
TIME = "a time of day HH:MM:SS with a UTC offset (00:30:00Z)"
#: A time of day as RFC 3339 (the schema's ``format: time``) writes it; pydantic also takes HH:MM.
TIME_OF_DAY = re.compile(r"(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|z|[+-]\d{2}:\d{2})?")
#: An http(s) URL in free text; trailing punctuation is the sentence's, not the URL's.
URL = re.compile(r"https?://[^\s<>\"'`{}|\\^\[\]]+")
URL_END = ".,;:!?"


class Twice(dict[str, Any]):
    """A JSON object read leniently: the keys it gives twice, to say where a duplicate is."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        self.twice = {key for key, count in Counter(key for key, _ in pairs).items() if count > 1}


def given_twice(path: Path, text: str) -> InputError:
    """The error for the first key given twice: its line, the provider or model it is in, and its field."""
    line, keys = next(duplicate_keys(text))
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=Decimal, object_pairs_hook=Twice)
    except (json.JSONDecodeError, RecursionError):
        data = None  # invalid further on: the duplicate is still where duplicate_keys says, in no known entry
    entry, fields = where_twice(data, keys)
    place = "" if entry is None else f"entry {entry!r}: "
    return InputError(
        f"{path}: line {line}: {place}field {'.'.join(fields)!r}: given twice (a JSON reader keeps only the last)"
    )


def where_twice(data: Any, keys: list[str]) -> tuple[str | None, list[str]]:
    """The first provider or model (by key) that gives the last of ``keys`` twice on that path, and the field path.

    ``keys`` leads from a provider to the key (lists looked through), as ``duplicate_keys`` gives it.
    """
    for index, provider in enumerate(data if isinstance(data, list) else []):
        key = provider_name(index, provider)
        models = provider.get("models") if isinstance(provider, dict) else None
        if keys[0] == "models" and len(keys) > 1 and isinstance(models, list):
            for position, model in enumerate(models):
                if has_twice(model, keys[1:]):
                    return model_name(key, position, model), keys[1:]
        if has_twice(provider, keys):
            return key, keys
    return None, keys


def has_twice(value: Any, keys: list[str]) -> bool:
    """Tell whether an object on the path ``keys[:-1]`` below value (lists looked through) gives ``keys[-1]`` twice."""
    if isinstance(value, list):
        return any(has_twice(item, keys) for item in value)
    if not isinstance(value, Twice):
        return False
    if len(keys) == 1:
        return keys[0] in value.twice
    return keys[0] in value and has_twice(value[keys[0]], keys[1:])


def provider_name(index: int, raw: Any) -> str:
    """A provider's key: its ID, or its place in the file when it has none."""
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return str(raw["id"])
    return f"[{index}]"


def model_name(provider: str, index: int, raw: Any) -> str:
    """A model's key, ``<provider id>/<model id>``, or its place in the provider's models when it has no ID."""
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return f"{provider}/{raw['id']}"
    return f"{provider}/models[{index}]"


def urls_in(text: str) -> list[str]:
    """The http(s) URLs written in free text, without the sentence's punctuation after them."""
    found = []
    for match in URL.finditer(text):
        url = match.group()
        while url and (url[-1] in URL_END or (url[-1] == ")" and url.count(")") > url.count("("))):
            url = url[:-1]
        found.append(url)
    return found


@dataclass(frozen=True)
class When:
    """When a group of prices applies: dates (YYYY-MM-DD) and a daily window (HH:MM-HH:MM, UTC)."""

    valid_from: str | None = None
    valid_through: str | None = None
    hours: str | None = None


@dataclass(frozen=True)
class Group:
    """One ``{constraint, prices}`` group, with when its constraint says it applies."""

    prices: dict[str, Any]
    start: str | None = None  # the start_date
    hours: str | None = None  # the time-of-day window
    always: bool = True  # no constraint: it applies always, so it overrides every earlier group
    usable: bool = True  # False when its constraint is reported as not mapped


class GenaiPricesImporter(Importer):
    """genai-prices: one JSON list of providers and their models, prices per million tokens."""

    name = "genai-prices"
    source_label = "genai-prices price data"
    source_url = "https://github.com/pydantic/genai-prices"
    default_version = "47df840a5ab10bbcffb8e5ac01b9899032245d1b"
    source_prefix = "genai-prices"
    source_version_length = 8
    issued: ClassVar[dict[str, str]] = {"47df840a5ab10bbcffb8e5ac01b9899032245d1b": "2026-08-21"}

    def __init__(
        self, path: Path, version: str | None = None, limits: InputLimits = DEFAULT_LIMITS, fail_fast: bool = False
    ) -> None:
        super().__init__(path, version, limits, fail_fast)
        self.data = read_json(self.path, limits, list, "a JSON list of providers", given_twice)
        self.tick: Callable[[int], None] | None = None

    def count(self) -> int:
        """The number of models (the progress bar moves once per model, not per model ID)."""
        return sum(
            len(raw["models"]) for raw in self.data if isinstance(raw, dict) and isinstance(raw.get("models"), list)
        )

    def run(self, tick: Callable[[int], None] | None = None) -> ImportResult:
        """Read every model; the report counts models (``entries``), not the model IDs they cover."""
        self.tick = tick
        result = super().run()
        self.report.entries = self.count()
        self.report.mapped = self.report.entries - self.report.unmapped
        return result

    def entries(self) -> Iterator[Entry | None]:
        providers: set[str] = set()
        for index, raw in enumerate(self.data):
            key = provider_name(index, raw)
            reader = FieldReader(self.path, key, self.report, table="an object")
            try:
                fields = reader.typed(None, raw, dict, "an object of provider fields")
                self.report.values += len(fields)
                provider = self.required(reader, fields, "id", str, "a string")
                if provider in providers:
                    raise reader.error("provider ID given twice in the file (a record's key must be unique)")
                providers.add(provider)
                models = self.required(reader, fields, "models", list, "a list of models")
                urls = self.provider_urls(reader, fields)
            except InputError as error:
                self.broken(error)
                continue
            seen: set[str] = set()
            for position, model in enumerate(models):
                model_key = model_name(provider, position, model)
                try:
                    if model_key in seen:
                        raise FieldReader(self.path, model_key, self.report).error(
                            "model ID given twice in the provider's models (a record's key must be unique)"
                        )
                    seen.add(model_key)
                    found = list(self.model(model_key, provider, model, urls))
                except InputError as error:
                    self.broken(error)
                    found = []
                yield from found
                if self.tick is not None:
                    self.tick(1)

    def required(
        self, reader: FieldReader, fields: dict[str, Any], name: str, kind: type | tuple[type, ...], what: str
    ) -> Any:
        """A field the schema requires, of its type."""
        if name not in fields:
            raise reader.error(f"field {name!r}: missing (the genai-prices schema requires it)")
        return reader.typed(name, fields[name], kind, what)

    def provider_urls(self, reader: FieldReader, fields: dict[str, Any]) -> list[str]:
        """A provider's pricing pages and the URLs in its price notes; every other field is reported once."""
        urls = []
        for name, value in fields.items():
            if name in ("id", "models"):
                continue
            if name == "pricing_urls":
                for url in reader.strings(name, value):
                    if HTTP_URL.fullmatch(url):
                        urls.append(url)
                    else:
                        self.report.skip_field(reader.entry, f"provider.{name}", "not an http(s) URL")
            elif name == "price_comments":
                urls += urls_in(reader.text(name, value))
                self.report.leave_out(reader.entry, f"provider.{name}", COMMENTS)
            elif name in PROVIDER_FIELDS_UNMAPPED:
                self.report.leave_out(reader.entry, f"provider.{name}", PROVIDER_FIELDS_UNMAPPED[name])
            else:
                self.report.skip_field(reader.entry, f"provider.{name}", UNKNOWN_FIELD)
        return urls

    def model(self, key: str, provider: str, raw: Any, provider_urls: list[str]) -> Iterator[Entry | None]:
        """One model: an entry per ``equals`` model ID, or one under the model's own ID when it has none."""
        reader = FieldReader(self.path, key, self.report, table="an object")
        fields = reader.typed(None, raw, dict, "an object of model fields")
        self.report.values += len(fields)
        model_id = self.required(reader, fields, "id", str, "a string")
        ids: list[str] = []
        patterns: list[str] = []
        self.clause(reader, "match", self.required(reader, fields, "match", dict, CLAUSE), ids, patterns)
        prices = self.prices(reader, self.required(reader, fields, "prices", (dict, list), "an object or a list"))
        entry = Entry(key, provider, model_id, label=model_id, patterns=patterns, prices=prices)
        urls = list(provider_urls)
        if "name" in fields:
            entry.label = reader.text("name", fields["name"])
        else:
            self.report.note_missing(key, "name", "missing: the entries are labelled by the genai-prices model ID")
        for name, value in fields.items():
            if name in ("id", "match", "prices", "name"):
                continue
            if name == "context_window":
                entry.context_window = reader.limit(name, value)
            elif name == "deprecated":
                if reader.flag(name, value):
                    entry.status = "Deprecated"
                else:
                    self.report.skip_field(
                        key,
                        "deprecated=false",
                        "says only that the model is not deprecated: no aimkg:LifecycleStatus for that",
                    )
            elif name == "price_comments":
                urls += urls_in(reader.text(name, value))
                self.report.leave_out(key, name, COMMENTS)
            elif name in MODEL_FIELDS_UNMAPPED:
                self.report.leave_out(key, name, MODEL_FIELDS_UNMAPPED[name])
            else:
                self.report.skip_field(key, name, UNKNOWN_FIELD)
        entry.source_urls = sorted(set(urls))
        for equals in ids or [model_id]:
            yield replace(entry, model_id=equals, prices=list(prices), patterns=list(patterns))

    def clause(self, reader: FieldReader, name: str, value: Any, ids: list[str], patterns: list[str]) -> None:
        """Read a ``match`` clause: ``equals`` (at the top or in an ``or``) gives a model ID, the rest patterns."""
        table = reader.typed(name, value, dict, CLAUSE)
        if len(table) != 1 or next(iter(table)) not in CLAUSES:
            raise reader.wrong(name, CLAUSE, value)
        kind, operand = next(iter(table.items()))
        field = f"{name}.{kind}"
        if kind == "or":
            for item in reader.typed(field, operand, list, "a list of clauses"):
                self.clause(reader, field, item, ids, patterns)
        elif kind == "and":
            items = reader.typed(field, operand, list, "a list of clauses")
            for item in items:
                self.clause(reader, field, item, [], [])  # checked, then kept whole
            pattern = "and:" + json.dumps(items, ensure_ascii=False, separators=(",", ":"))
            if pattern not in patterns:
                patterns.append(pattern)
        elif kind == "equals":
            model_id = reader.text(field, operand)
            if not model_id:
                self.report.skip_field(reader.entry, field, "an empty string names no model ID")
            elif model_id not in ids:
                ids.append(model_id)
        else:
            pattern = f"{kind}:{reader.text(field, operand)}"
            if pattern not in patterns:
                patterns.append(pattern)

    def prices(self, reader: FieldReader, value: dict[str, Any] | list[Any]) -> list[Price]:
        """All prices of a model: one price object, or price groups placed in time by their constraints."""
        prices: list[Price] = []
        if isinstance(value, dict):
            self.price_object(reader, "prices", value, When(), prices)
            return prices
        if not value:
            self.report.skip_field(reader.entry, "prices", "an empty list gives no price")
        groups = [self.group(reader, item) for item in value]
        for index, group in enumerate(groups):
            when = self.place(reader, group, groups[index + 1 :])
            self.price_object(reader, "prices.prices", group.prices, when, prices)
        return prices

    def group(self, reader: FieldReader, value: Any) -> Group:
        """Read one ``{constraint, prices}`` group."""
        table = reader.typed("prices", value, dict, "an object {constraint, prices}")
        if "prices" not in table:
            raise reader.wrong("prices", "an object {constraint, prices}", value)
        prices = reader.typed("prices.prices", table["prices"], dict, "an object of prices")
        for name in sorted(set(table) - {"constraint", "prices"}):
            self.report.skip_field(reader.entry, f"prices.{name}", UNKNOWN_FIELD)
        if "constraint" not in table:
            return Group(prices)
        constraint = reader.typed("prices.constraint", table["constraint"], dict, CONSTRAINT)
        if set(constraint) == {"start_date"}:
            start = reader.date("prices.constraint.start_date", constraint["start_date"], month_ok=False)
            return Group(prices, start=start.value, always=False) if start else Group(prices, usable=False)
        if set(constraint) == {"start_time", "end_time"}:
            start_time = self.time(reader, "prices.constraint.start_time", constraint["start_time"])
            end_time = self.time(reader, "prices.constraint.end_time", constraint["end_time"])
            if start_time is None or end_time is None:
                return Group(prices, usable=False)
            return Group(prices, hours=f"{start_time}-{end_time}", always=False)
        raise reader.wrong("prices.constraint", CONSTRAINT, constraint)

    def time(self, reader: FieldReader, name: str, value: Any) -> str | None:
        """A time of day as HH:MM in UTC; one that is no time, not a whole minute or in no time zone is reported."""
        text = str(reader.typed(name, value, str, TIME))
        found = TIME_OF_DAY.fullmatch(text)
        if found is None:
            raise reader.wrong(name, TIME, value)
        hours, minutes, seconds, fraction, offset = found.groups()
        if int(hours) > 23 or int(minutes) > 59 or int(seconds or 0) > 59:
            self.report.skip_field(reader.entry, name, "not a time of day")
            return None
        if int(seconds or 0) or (fraction and int(fraction[1:])):
            self.report.skip_field(reader.entry, name, "not a whole minute: aimkg states hours as HH:MM")
            return None
        if offset is None:
            self.report.skip_field(reader.entry, name, "no UTC offset: the time of day is in no known time zone")
            return None
        shift = 0 if offset in "Zz" else int(offset[0] + "1") * (int(offset[1:3]) * 60 + int(offset[4:6]))
        minute = (int(hours) * 60 + int(minutes) - shift) % (24 * 60)
        return f"{minute // 60:02d}:{minute % 60:02d}"

    def place(self, reader: FieldReader, group: Group, later: list[Group]) -> When | None:
        """When a group's prices apply, given the groups after it (a later group that applies wins).

        A dated group applies from its start date; any group applies only until the day before
        the next later start date. A group's time-of-day window is its own, or the one hour range
        that a single later time-of-day group leaves it (DeepSeek's off-peak default price).
        """
        if not group.usable:
            self.report.skip_field(reader.entry, "prices", "the group's constraint is not mapped, nor are its prices")
            return None
        if not all(other.usable for other in later):
            self.report.skip_field(
                reader.entry,
                "prices",
                "a later group's constraint is not mapped, so when this group's prices stop applying is unknown",
            )
            return None
        if any(other.always for other in later):
            self.report.skip_field(reader.entry, "prices", NEVER_APPLIES)
            return None
        starts = [other.start for other in later if other.start is not None]
        through = None
        if starts:
            through = (date.fromisoformat(min(starts)) - timedelta(days=1)).isoformat()
            if group.start is not None and through < group.start:
                self.report.skip_field(reader.entry, "prices", NEVER_APPLIES)
                return None
        hours = group.hours
        windows = [other.hours for other in later if other.hours is not None]
        if hours is None and len(windows) == 1:
            start, end = windows[0].split("-")
            hours = f"{end}-{start}"
        elif hours is None and windows:
            self.report.skip_field(
                reader.entry, "prices", "applies outside several time-of-day windows, not one HH:MM-HH:MM range"
            )
            return None
        return When(group.start, through, hours)

    def price_object(
        self, reader: FieldReader, name: str, table: dict[str, Any], when: When | None, prices: list[Price]
    ) -> None:
        """Read a price object: each key a number or a tiered price, added to prices when ``when`` says.

        A group placed at no time (``when`` None) is read all the same, so that bad values in it stop the import.
        """
        if when is None:
            when, prices = When(), []
        for key, value in table.items():
            field = f"{name}.{key}"
            if key not in PRICE_KEYS:
                self.report.skip_field(reader.entry, field, UNKNOWN_PRICE)
                continue
            kind, per = PRICE_KEYS[key]
            for above, amount in self.tiers(reader, field, value):
                price = Price(kind, amount, None, above, when.valid_from, when.valid_through, when.hours, per)
                if not add_unique_price(prices, price):
                    self.report.skip_field(reader.entry, field, DISAGREES)

    def tiers(self, reader: FieldReader, name: str, value: Any) -> Iterator[tuple[int | None, Decimal]]:
        """A price: a number, or ``{base, tiers: [{start, price}]}`` with prices from ``start`` prompt tokens on."""
        if not isinstance(value, dict):
            reader.typed(name, value, (int, Decimal), TIERED)
            yield None, reader.amount(name, value)
            return
        if not {"base", "tiers"} <= set(value):
            raise reader.wrong(name, TIERED, value)
        for extra in sorted(set(value) - {"base", "tiers"}):
            self.report.skip_field(reader.entry, f"{name}.{extra}", UNKNOWN_FIELD)
        yield None, reader.amount(f"{name}.base", value["base"])
        for tier in reader.typed(f"{name}.tiers", value["tiers"], list, "a list of tiers"):
            table = reader.typed(f"{name}.tiers", tier, dict, "an object {start, price}")
            if not {"start", "price"} <= set(table):
                raise reader.wrong(f"{name}.tiers", "an object {start, price}", tier)
            for extra in sorted(set(table) - {"start", "price"}):
                self.report.skip_field(reader.entry, f"{name}.tiers.{extra}", UNKNOWN_FIELD)
            start = reader.tokens(f"{name}.tiers.start", table["start"])
            amount = reader.amount(f"{name}.tiers.price", table["price"])
            if start == 0:
                self.report.skip_field(reader.entry, f"{name}.tiers", "a tier from 0 tokens is the base price")
                continue
            yield start, amount


#: Import genai-prices' data file (prices/new_data/v2/data.json).
import_genai_prices = GenaiPricesImporter.read


if __name__ == "__main__":
    run_as_module("genai-prices", "genai_prices")
