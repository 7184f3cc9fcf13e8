"""The importer base class: read a catalog's entries, map them to RDF, keep the report.

An importer goes raw → normalised → mapped: a catalog module reads its files and turns each
entry into a catalog-independent ``Entry`` (``aimkg.sources.records``); this base class maps
entries to RDF, links them to curated nodes, and keeps the report of everything it could not map.

Identity (README, "Design notes"): every node an importer writes carries facts from one
source, so its IRI ends in the source slug (``--models-dev-f3fc6922``). A node that is the
same thing as a curated one is linked to it with ``owl:sameAs``.
"""

from __future__ import annotations

import hashlib
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD

from aimkg.core.errors import InputError
from aimkg.core.limits import DEFAULT_LIMITS, InputLimits
from aimkg.core.terms import slugify
from aimkg.io.graph import AIMKG, entity_iri, new_graph
from aimkg.sources.curated import CURATED_PROVIDERS, curated
from aimkg.sources.fields import PER_MILLION
from aimkg.sources.records import Entry, Price
from aimkg.sources.report import ImportReport, ImportResult

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


def decimal_literal(amount: Decimal) -> Literal:
    """An xsd:decimal literal in plain notation (8, 0.15, 0.0000001), never with an exponent."""
    text = format(amount.normalize(), "f")
    return Literal(text, datatype=XSD.decimal)


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

    def __init__(self, path: Path, version: str | None = None, limits: InputLimits = DEFAULT_LIMITS) -> None:
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
