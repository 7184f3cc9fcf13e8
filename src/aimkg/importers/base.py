"""The importer base class and the helpers every catalog importer shares.

An importer goes raw → normalised → mapped: a catalog module reads its files and turns each
entry into a catalog-independent ``Entry``; the base class maps entries to RDF, links them
to curated nodes, and keeps the report of everything it could not map.

Identity (README, "Design notes"): every node an importer writes carries facts from one
source, so its IRI ends in the source slug (``--models-dev-f3fc6922``). A node that is the
same thing as a curated one is linked to it with ``owl:sameAs``.
"""

from __future__ import annotations

import hashlib
import json
import re
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD

from aimkg.errors import InputError
from aimkg.limits import DEFAULT_LIMITS, Limits
from aimkg.namespaces import AIMKG, entity_iri, new_graph, slugify

PER_MILLION = 1_000_000

#: Catalog provider IDs that name a curated provider, and the curated platform they serve on.
#: Both catalogs call Mistral AI's API ``mistral``; aimkg calls it mistral-ai / la-plateforme.
CURATED_PROVIDERS: dict[str, tuple[str, str | None]] = {"mistral": ("mistral-ai", "la-plateforme")}

MODALITIES: dict[str, URIRef] = {
    "text": AIMKG.Text,
    "image": AIMKG.Image,
    "audio": AIMKG.Audio,
    "video": AIMKG.Video,
    "pdf": AIMKG.Pdf,
}

#: Token kinds, with the slug their price IRIs use.
TOKEN_KINDS: dict[URIRef, str] = {
    AIMKG.InputTokens: "input",
    AIMKG.OutputTokens: "output",
    AIMKG.CachedInputTokens: "cached-input",
    AIMKG.CacheWriteTokens: "cache-write",
    AIMKG.ReasoningTokens: "reasoning",
    AIMKG.InputAudioTokens: "input-audio",
    AIMKG.OutputAudioTokens: "output-audio",
    AIMKG.InputImageTokens: "input-image",
}

SERVICE_TIERS: dict[URIRef, str] = {AIMKG.Batch: "batch", AIMKG.Priority: "priority", AIMKG.Flex: "flex"}

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
YEAR_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


# ---------------------------------------------------------------- normalised entries


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


# ---------------------------------------------------------------- the report


@dataclass
class ImportReport:
    """What an import mapped, and everything it did not map, with the reason."""

    catalog: str
    source: str
    entries: int = 0
    mapped: int = 0
    unmapped_entries: dict[str, str] = field(default_factory=dict)
    unmapped_fields: Counter[tuple[str, str]] = field(default_factory=Counter)
    examples: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    unused_records: dict[str, str] = field(default_factory=dict)
    triples: int = 0

    def skip_entry(self, key: str, reason: str) -> None:
        """Count an entry that is not mapped at all."""
        self.unmapped_entries[key] = reason

    def skip_field(self, key: str, name: str, reason: str) -> None:
        """Count one field of an entry that is not mapped (the entry itself is)."""
        self.unmapped_fields[(name, reason)] += 1
        examples = self.examples.setdefault((name, reason), [])
        if len(examples) < 3:
            examples.append(key)

    @property
    def unmapped(self) -> int:
        return len(self.unmapped_entries)

    def summary(self) -> str:
        """One line for stderr."""
        fields = sum(self.unmapped_fields.values())
        return (
            f"{self.catalog}: {self.entries} entries: {self.mapped} mapped, {self.unmapped} not mapped; "
            f"{fields} field values in {len(self.unmapped_fields)} kinds not mapped; {self.triples} triples"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "catalog": self.catalog,
            "source": self.source,
            "entries": self.entries,
            "mapped": self.mapped,
            "unmapped": self.unmapped,
            "triples": self.triples,
            "unmapped_entries": [
                {"entry": key, "reason": reason} for key, reason in sorted(self.unmapped_entries.items())
            ],
            "unmapped_fields": [
                {"field": name, "reason": reason, "count": count, "examples": self.examples[(name, reason)]}
                for (name, reason), count in sorted(self.unmapped_fields.items())
            ],
            "unused_records": [
                {"record": key, "reason": reason} for key, reason in sorted(self.unused_records.items())
            ],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"


@dataclass
class ImportResult:
    """The graph an import built, and its report."""

    graph: Graph
    report: ImportReport


# ---------------------------------------------------------------- value checks


def describe(value: Any, table: str = "a table") -> str:
    """Name a value the way the catalog's format would, for an error: ``string '0.1'``, ``a list``.

    ``table`` is what the format calls a mapping (TOML: a table, JSON: an object). Lists and
    mappings are not shown, as they can be whole entries.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return f"number {value}"
    if isinstance(value, str):
        return f"string {value!r}"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, dict):
        return table
    return f"{type(value).__name__} {value}"  # TOML dates and times


class Where:
    """Names the file and entry a value comes from, so that every error says where to look.

    A value of the wrong type makes the input unusable (InputError, exit 2). A well-typed value
    that is not a valid fact (a date of 2025-02-31) is reported as not mapped, and left out.
    ``table`` is what the catalog's format calls a mapping, for messages.
    """

    def __init__(self, path: Path, entry: str, report: ImportReport, table: str = "a table") -> None:
        self.path = path
        self.entry = entry
        self.report = report
        self.table = table

    def error(self, message: str) -> InputError:
        return InputError(f"{self.path}: entry {self.entry!r}: {message}")

    def wrong(self, name: str | None, what: str, value: Any) -> InputError:
        """The error for a value that is not what was expected; a name of None means the entry itself."""
        field = "" if name is None else f"field {name!r}: "
        return self.error(f"{field}expected {what}, got {describe(value, self.table)}")

    def typed(self, name: str | None, value: Any, kind: type | tuple[type, ...], what: str) -> Any:
        """Return value when it has the expected type (bool is never a number), else fail."""
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            raise self.wrong(name, what, value)
        return value

    def text(self, name: str, value: Any) -> str:
        return str(self.typed(name, value, str, "a string"))

    def term(self, name: str, value: Any, terms: Mapping[str, URIRef], missing: str) -> URIRef | None:
        """Map a string to its controlled aimkg term; a string with no term is reported and left out."""
        text = self.text(name, value)
        if text not in terms:
            self.report.skip_field(self.entry, f"{name}={text}", missing)
        return terms.get(text)

    def flag(self, name: str, value: Any) -> bool:
        return bool(self.typed(name, value, bool, "true or false"))

    def strings(self, name: str, value: Any) -> list[str]:
        items = self.typed(name, value, list, "a list of strings")
        return [self.text(name, item) for item in items]

    def tokens(self, name: str, value: Any) -> int:
        """A token count: a whole number, which JSON may write with a fraction (256000.0)."""
        number = self.typed(name, value, (int, Decimal), "a whole number of tokens")
        if isinstance(number, Decimal) and not (number.is_finite() and number == number.to_integral_value()):
            raise self.wrong(name, "a whole number of tokens", value)
        count = int(number)
        if count < 0:
            raise self.error(f"field {name!r}: token count {count} is negative")
        return count

    def limit(self, name: str, value: Any) -> int | None:
        """A token limit; 0 (a placeholder in both catalogs) is reported, not mapped."""
        count = self.tokens(name, value)
        if count == 0:
            self.report.skip_field(self.entry, name, "0 tokens is a placeholder, not a limit")
            return None
        return count

    def amount(self, name: str, value: Any) -> Decimal:
        """A price as an exact Decimal (JSON and TOML fractions are read as Decimal, never float)."""
        number = self.typed(name, value, (int, Decimal), "a number")
        amount = Decimal(number)
        if not amount.is_finite():
            raise self.error(f"field {name!r}: price {value} is not a finite number")
        if amount < 0:
            raise self.error(f"field {name!r}: price {value} is negative")
        return amount

    def date(self, name: str, value: Any, month_ok: bool = True) -> Literal | None:
        """A YYYY-MM-DD date as xsd:date, or (when allowed) a YYYY-MM month as xsd:gYearMonth."""
        expected = "a date string YYYY-MM-DD or YYYY-MM" if month_ok else "a date string YYYY-MM-DD"
        text = str(self.typed(name, value, str, expected))
        if DATE.fullmatch(text):
            try:
                date.fromisoformat(text)
            except ValueError:
                self.report.skip_field(self.entry, name, "not a calendar date")
                return None
            return Literal(text, datatype=XSD.date)
        if month_ok and YEAR_MONTH.fullmatch(text):
            return Literal(text, datatype=XSD.gYearMonth)
        raise self.wrong(name, expected, value)

    def modalities(self, name: str, value: Any) -> list[URIRef]:
        """Map a list of modality names; report the ones aimkg has no term for."""
        mapped = []
        for item in self.strings(name, value):
            if item in MODALITIES:
                mapped.append(MODALITIES[item])
            else:
                self.report.skip_field(self.entry, f"{name}={item}", "no aimkg:Modality for this value")
        return mapped


def decimal_literal(amount: Decimal) -> Literal:
    """An xsd:decimal literal in plain notation (8, 0.15, 0.0000001), never with an exponent."""
    text = format(amount.normalize(), "f")
    return Literal(text, datatype=XSD.decimal)


def per_million(per_token: Decimal) -> Decimal:
    """Convert a price per token into a price per 1M tokens, exactly."""
    return per_token * PER_MILLION


# ---------------------------------------------------------------- curated identities


@dataclass(frozen=True)
class Curated:
    """The curated nodes an import can be linked to, indexed by provider slug."""

    versions: frozenset[tuple[str, str]]  # (provider slug, version slug)
    models: frozenset[tuple[str, str]]  # (provider slug, model slug)
    endpoints: dict[tuple[str, str], URIRef]  # (provider slug, model ID or alias) -> served version

    def version_for(self, provider: str, model_id: str) -> URIRef | None:
        """The curated version a (provider, model ID) names: its endpoint's version, or the dated ID."""
        served = self.endpoints.get((provider, model_id))
        if served is not None:
            return served
        slug = slugify(model_id)
        if (provider, slug) in self.versions:
            return entity_iri("version", slug)
        return None

    def model_for(self, provider: str, family: str) -> URIRef | None:
        slug = slugify(family)
        return entity_iri("model", slug) if (provider, slug) in self.models else None


def slug_of(iri: Any) -> str:
    return str(iri).rsplit("/", 1)[-1]


@cache
def curated() -> Curated:
    """Index the bundled data: the versions, models and still-callable endpoints of each provider.

    An endpoint with an ``aimkg:availableThrough`` date no longer answers to its model ID, so
    a catalog listing that ID today describes something else; it is not used for linking.
    """
    from aimkg.load import read_graph
    from aimkg.resources import data_files

    graph = read_graph(data_files())
    versions = frozenset(
        (slug_of(graph.value(node, AIMKG.provider)), slug_of(node)) for node in graph.subjects(RDF.type, AIMKG.Version)
    )
    models = frozenset(
        (slug_of(graph.value(node, AIMKG.provider)), slug_of(node)) for node in graph.subjects(RDF.type, AIMKG.Model)
    )
    endpoints: dict[tuple[str, str], URIRef] = {}
    for node in graph.subjects(RDF.type, AIMKG.Endpoint):
        served = graph.value(node, AIMKG.serves)
        if (node, AIMKG.availableThrough, None) in graph or not isinstance(served, URIRef):
            continue
        provider = slug_of(graph.value(node, AIMKG.provider))
        for name in [*graph.objects(node, AIMKG.modelId), *graph.objects(node, AIMKG.alias)]:
            endpoints[(provider, str(name))] = served
    return Curated(versions, models, endpoints)


# ---------------------------------------------------------------- the importer


class Importer(ABC):
    """Map one catalog file tree to aimkg RDF. Subclasses set the class attributes and read entries."""

    #: The catalog's short name, as the CLI and the report call it.
    name: ClassVar[str]
    #: The Source node's label: identical to data/sources.ttl, so that the graphs merge cleanly.
    source_label: ClassVar[str]
    source_url: ClassVar[str]
    #: The release or commit of the catalog copied in shared/fixtures/peers.
    default_version: ClassVar[str]
    #: What a Source slug is built from: the catalog name and (part of) its version.
    source_prefix: ClassVar[str]
    source_version_length: ClassVar[int | None] = None
    #: Release dates of known versions (dcterms:issued), where the catalog documents one.
    issued: ClassVar[dict[str, str]] = {}

    def __init__(self, path: Path, version: str | None = None, limits: Limits = DEFAULT_LIMITS) -> None:
        self.path = Path(path)
        self.input_limits = limits
        self.version = version or self.default_version
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", self.version):
            raise InputError(
                f"source version {self.version!r} must be a release or commit like {self.default_version!r}"
            )
        self.source_slug = slugify(f"{self.source_prefix}-{self.version[: self.source_version_length]}")
        self.source = entity_iri("source", self.source_slug)
        self.graph = new_graph()
        self.report = ImportReport(self.name, str(self.source))
        self._providers: set[str] = set()

    # ---- what subclasses provide

    @abstractmethod
    def count(self) -> int:
        """Return how many entries the catalog has (for the progress bar)."""

    @abstractmethod
    def entries(self) -> Iterator[Entry | None]:
        """Yield each catalog entry normalised, or None for one that maps to no node of its own.

        None stands for an entry reported as not mapped (``report.skip_entry``) or one that is
        mapped onto another entry (an alias). An entry yielded and later reported as not mapped
        (say, an alias whose target is missing) is left out too.
        """

    def provider_facts(self, provider: str) -> tuple[str, str | None]:
        """Return a provider's display name and URL (catalogs that know more override this)."""
        return provider, None

    # ---- the pipeline

    def run(self, tick: Callable[[int], None] | None = None) -> ImportResult:
        """Read, normalise and map every entry; return the graph and the report."""
        self.add_source()
        entries = []
        for entry in self.entries():
            self.report.entries += 1
            if entry is not None:
                entries.append(entry)
            if tick is not None:
                tick(1)
        entries = [entry for entry in entries if entry.key not in self.report.unmapped_entries]
        self.map_entries(entries)
        self.report.mapped = self.report.entries - self.report.unmapped
        self.report.triples = len(self.graph)
        return ImportResult(self.graph, self.report)

    def add_source(self) -> None:
        add = self.graph.add
        add((self.source, RDF.type, AIMKG.Source))
        add((self.source, RDFS.label, Literal(self.source_label, lang="en")))
        add((self.source, AIMKG.sourceVersion, Literal(self.version)))
        add((self.source, AIMKG.url, Literal(self.source_url, datatype=XSD.anyURI)))
        if self.version in self.issued:
            add((self.source, DCTERMS.issued, Literal(self.issued[self.version], datatype=XSD.date)))

    # ---- IRIs

    def iri(self, kind: str, *parts: str) -> URIRef:
        """An imported node's IRI: its slug parts, then the source slug, joined by ``--``."""
        return entity_iri(kind, "--".join([*(slugify(part) for part in parts), self.source_slug]))

    def endpoint_slugs(self, entries: list[Entry]) -> dict[str, str]:
        """Give every entry a unique ``<provider>--<model ID>`` slug.

        Two entries whose IDs differ only in punctuation (``model_router``, ``model-router``)
        would share a slug; those get a short hash of their entry key appended.
        """
        by_slug: dict[str, list[str]] = {}
        for entry in entries:
            slug = f"{slugify(entry.provider)}--{slugify(entry.model_id)}"
            by_slug.setdefault(slug, []).append(entry.key)
        slugs = {}
        for slug, keys in by_slug.items():
            for key in keys:
                suffix = "" if len(keys) == 1 else f"-{hashlib.sha256(key.encode()).hexdigest()[:8]}"
                slugs[key] = slug + suffix
        return slugs

    # ---- mapping

    def add_provider(self, provider: str) -> URIRef:
        node = self.iri("provider", provider)
        if provider in self._providers:
            return node
        self._providers.add(provider)
        label, url = self.provider_facts(provider)
        add = self.graph.add
        add((node, RDF.type, AIMKG.Provider))
        add((node, RDFS.label, Literal(label, lang="en")))
        add((node, DCTERMS.source, self.source))
        if url:
            add((node, AIMKG.url, Literal(url, datatype=XSD.anyURI)))
        if provider in CURATED_PROVIDERS:
            add((node, OWL.sameAs, entity_iri("provider", CURATED_PROVIDERS[provider][0])))
        return node

    def map_entries(self, entries: list[Entry]) -> None:
        slugs = self.endpoint_slugs(entries)
        versions = {entry.key: entity_iri("version", f"{slugs[entry.key]}--{self.source_slug}") for entry in entries}
        for entry in entries:
            self.map_entry(entry, slugs[entry.key], versions)

    def map_entry(self, entry: Entry, slug: str, versions: dict[str, URIRef]) -> None:
        """Map one normalised entry: its model, version, endpoint and prices."""
        add = self.graph.add
        source = self.source
        provider = self.add_provider(entry.provider)
        curated_provider, platform = CURATED_PROVIDERS.get(entry.provider, (None, None))
        version = versions[entry.key]
        endpoint = entity_iri("endpoint", f"{slug}--{self.source_slug}")

        model = self.add_model(entry, provider, curated_provider, slug)
        add((version, RDF.type, AIMKG.Version))
        add((version, RDFS.label, Literal(entry.label, lang="en")))
        add((version, DCTERMS.source, source))
        add((version, AIMKG.provider, provider))
        add((version, AIMKG.versionOf, model))
        facts: list[tuple[URIRef, Any]] = [
            (AIMKG.releaseDate, entry.release_date),
            (AIMKG.knowledgeCutoff, entry.knowledge_cutoff),
            (AIMKG.deprecationDate, entry.deprecation_date),
            (AIMKG.weights, entry.weights),
            (AIMKG.license, entry.license),
            (AIMKG.status, entry.status),
            (AIMKG.modelType, entry.model_type),
        ]
        facts += [
            (prop, Literal(count))
            for prop, count in (
                (AIMKG.contextWindow, entry.context_window),
                (AIMKG.maxInputTokens, entry.max_input_tokens),
                (AIMKG.maxOutputTokens, entry.max_output_tokens),
            )
            if count is not None
        ]
        facts += [(AIMKG.inputModality, modality) for modality in entry.input_modalities]
        facts += [(AIMKG.outputModality, modality) for modality in entry.output_modalities]
        for prop, value in facts:
            if value is not None:
                add((version, prop, value))
        if entry.replaced_by is not None:
            if entry.replaced_by in versions:
                add((version, AIMKG.replacedBy, versions[entry.replaced_by]))
            else:
                self.report.skip_field(entry.key, "successor", "names no mapped entry of the catalog")
        if curated_provider is not None:
            same = curated().version_for(curated_provider, entry.model_id)
            if same is not None:
                add((version, OWL.sameAs, same))

        add((endpoint, RDF.type, AIMKG.Endpoint))
        add(
            (
                endpoint,
                RDFS.label,
                Literal(f"{entry.model_id} on {self.provider_facts(entry.provider)[0]}", lang="en"),
            )
        )
        add((endpoint, DCTERMS.source, source))
        add((endpoint, AIMKG.modelId, Literal(entry.model_id)))
        add((endpoint, AIMKG.provider, provider))
        add((endpoint, AIMKG.serves, version))
        for alias in entry.aliases:
            add((endpoint, AIMKG.alias, Literal(alias)))
        if platform is not None:
            add((endpoint, AIMKG.platform, entity_iri("platform", platform)))

        for price in entry.prices:
            self.add_price(price, slug, version, endpoint)

    def add_model(self, entry: Entry, provider: URIRef, curated_provider: str | None, slug: str) -> URIRef:
        """The model line: the entry's family where the catalog names one, else the entry itself."""
        add = self.graph.add
        if entry.family:
            model = self.iri("model", entry.provider, entry.family)
            label = entry.family
        else:
            model = entity_iri("model", f"{slug}--{self.source_slug}")
            label = entry.label
        if (model, RDF.type, AIMKG.Model) in self.graph:
            return model
        add((model, RDF.type, AIMKG.Model))
        add((model, RDFS.label, Literal(label, lang="en")))
        add((model, DCTERMS.source, self.source))
        add((model, AIMKG.provider, provider))
        if entry.family and curated_provider is not None:
            same = curated().model_for(curated_provider, entry.family)
            if same is not None:
                add((model, OWL.sameAs, same))
        return model

    def add_price(self, price: Price, slug: str, version: URIRef, endpoint: URIRef) -> None:
        parts = [slug, TOKEN_KINDS[price.kind]]
        if price.tier is not None:
            parts.append(SERVICE_TIERS[price.tier])
        if price.above is not None:
            parts.append(f"above-{price.above}")
        node = entity_iri("price", "--".join([*parts, self.source_slug]))
        add = self.graph.add
        add((node, RDF.type, AIMKG.PriceSpec))
        add((node, DCTERMS.source, self.source))
        add((node, AIMKG.amount, decimal_literal(price.amount)))
        add((node, AIMKG.currency, Literal("USD")))
        add((node, AIMKG.perTokens, Literal(PER_MILLION)))
        add((node, AIMKG.tokenKind, price.kind))
        add((node, AIMKG.endpoint, endpoint))
        if price.tier is not None:
            add((node, AIMKG.serviceTier, price.tier))
        if price.above is not None:
            add((node, AIMKG.abovePromptTokens, Literal(price.above)))
        add((version, AIMKG.price, node))


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
