"""Write a reconciled catalog as triples, straight to pyoxigraph terms (no rdflib graph is built).

What goes where:

- each **record** (``aimkg:EndpointRecord``, ``endpoint/<key>--<source>``) carries everything its
  catalog entry said, its key (``dcterms:identifier``), its catalog (``dcterms:source``), the
  endpoint it is a record of, and the rules that placed it;
- each **price** is the catalog's (``dcterms:source``), charged at the shared endpoint
  (``aimkg:endpoint``), stated in one record (``aimkg:record``); it is never a version's own
  ``aimkg:price``, since a version is served at many prices. A price not per token names its
  ``aimkg:billingUnit`` and that unit's UN/CEFACT ``aimkg:unitCode``;
- the **pages** a catalog says its facts come from are Source nodes (``source/<host-path>--<hash>``,
  with ``aimkg:url``, and ``dcterms:isReferencedBy`` the catalogs citing them): a record and its
  prices cite them with ``aimkg:reportedBy`` (``dcterms:source`` stays the catalog, where aimkg read
  the fact), and a deprecation date with ``aimkg:deprecationSource``;
- **capabilities** are ``aimkg:supports`` (a true flag) or ``aimkg:lacks`` (a false one);
- **shared** endpoints, versions, models, platforms and providers carry the facts every record
  that states them agrees on, and cite every catalog behind them; curated nodes get nothing but
  the links that point to them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from functools import cache

import pyoxigraph as ox

from aimkg.core.terms import slugify
from aimkg.io.vocab import AIMKG, DCTERMS, LABEL, TYPE, decimal, english, entity, integer, typed
from aimkg.reconcile.catalog import Catalog, Endpoint, Record, Version, label_of
from aimkg.reconcile.curated import curated
from aimkg.sources.records import Entry, Price

#: The slug of a token kind or billing unit in price IRIs: InputTokens is input, CacheWrite1hTokens cache-write-1h.
KIND_WORDS = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[a-z])(?=[0-9])")


#: Billing units whose slug would read as a token kind's (OutputImage as OutputImageTokens): their prices say per-.
PER_UNIT_SLUGS = frozenset({"InputImage", "OutputImage"})


def kind_slug(kind: str) -> str:
    """The kind part of a price slug: a token kind without Tokens (input, cache-write-1h), or a billing unit
    (request, web-search; per-output-image where the unit would read as a token kind)."""
    slug = KIND_WORDS.sub("-", kind.removesuffix("Tokens")).lower()
    return f"per-{slug}" if kind in PER_UNIT_SLUGS else slug


SERVICE_TIER_SLUGS = {
    "Batch": "batch",
    "Priority": "priority",
    "Flex": "flex",
    "Ultrafast": "ultrafast",
    "Balanced": "balanced",
}
ROLES = {"first-party": "FirstPartyApi", "cloud": "CloudPlatform", "router": "Router", "host": "InferenceHost"}
#: Facts about a platform's offer of a model, which may differ between platforms serving one version (a version
#: carries them too where every record agrees); capabilities join them, one fact per capability (``CAPABILITY``).
ENDPOINT_FACTS = (
    "contextWindow",
    "maxInputTokens",
    "maxOutputTokens",
    "inputModality",
    "outputModality",
    "status",
    "deprecationDate",
    "lastUpdated",
    "defaultReasoningEffort",
    "reasoningBudgetMin",
    "reasoningBudgetMax",
)
#: Facts about the release itself.
VERSION_FACTS = ("releaseDate", "knowledgeCutoff", "weights", "license", "modelType", "embeddingDimensions")
#: Facts about how one platform serves a model (rate limits, routes, regions): on endpoints, never on versions.
OFFER_FACTS = ("requestsPerMinute", "tokensPerMinute", "promptCacheMinTokens", "apiRoute", "region")
#: The fact name of a capability: ``capability:ToolCalling``, whose values are aimkg:supports or aimkg:lacks.
CAPABILITY = "capability:"
MAPPINGS_SOURCE = entity("source", "aimkg-mappings")
#: The UN/CEFACT common code (UNECE Recommendation 20) of each billing unit that has one, as the ontology gives it.
UNIT_CODES = {
    "Request": "C62",
    "WebSearch": "C62",
    "RerankSearch": "C62",
    "SocialSearch": "C62",
    "StorageSearch": "C62",
    "CodeExecution": "C62",
    "InputTextMessage": "C62",
    "InputImage": "C62",
    "OutputImage": "C62",
    "Query": "C62",
    "MapsGroundingQuery": "C62",
    "CodeInterpreterSession": "C62",
    "InputDocumentPage": "ZP",
    "InputAnnotatedDocumentPage": "ZP",
    "InputPixel": "E37",
    "OutputPixel": "E37",
    "InputSecond": "SEC",
    "OutputSecond": "SEC",
    "InputAudioSecond": "SEC",
    "InputVideoSecond": "SEC",
    "OutputVideoSecond": "SEC",
    "ProvisionedSecond": "SEC",
    "AudioHour": "HUR",
    "InputAudioHour": "HUR",
    "OutputAudioHour": "HUR",
}

Term = ox.NamedNode | ox.Literal
Facts = dict[str, frozenset[Term]]


@cache
def page_slug(url: str) -> str:
    """The Source slug of a page: its host and path as a slug (at most 60 characters), and a hash of the exact URL.

    Deterministic, and unique per URL: two URLs that slug alike (case, punctuation, length) differ in the hash.

    >>> page_slug("https://docs.mistral.ai/getting-started/models/")
    'docs.mistral.ai-getting-started-models--0548150834'
    """
    readable = slugify(url.split("://", 1)[-1])[:60].rstrip("-.")
    return f"{readable}--{hashlib.sha256(url.encode('utf-8')).hexdigest()[:10]}"


def entry_facts(entry: Entry) -> Facts:
    """What an entry states, by aimkg property: the values the record carries, and the shared nodes agree on."""
    low, high = entry.reasoning_budget
    single: dict[str, Term | None] = {
        "releaseDate": entry.release_date,
        "knowledgeCutoff": entry.knowledge_cutoff,
        "deprecationDate": entry.deprecation_date,
        "lastUpdated": entry.last_updated,
        "weights": AIMKG[entry.weights] if entry.weights else None,
        "license": ox.NamedNode(entry.license) if entry.license else None,
        "status": AIMKG[entry.status] if entry.status else None,
        "modelType": AIMKG[entry.model_type] if entry.model_type else None,
        "contextWindow": count(entry.context_window),
        "maxInputTokens": count(entry.max_input_tokens),
        "maxOutputTokens": count(entry.max_output_tokens),
        "embeddingDimensions": count(entry.embedding_dimensions),
        "requestsPerMinute": count(entry.requests_per_minute),
        "tokensPerMinute": count(entry.tokens_per_minute),
        "promptCacheMinTokens": count(entry.prompt_cache_min_tokens),
        "reasoningBudgetMin": count(low),
        "reasoningBudgetMax": count(high),
        "defaultReasoningEffort": AIMKG[entry.default_reasoning_effort] if entry.default_reasoning_effort else None,
    }
    facts: Facts = {name: frozenset({value}) for name, value in single.items() if value is not None}
    for name, values in (("inputModality", entry.input_modalities), ("outputModality", entry.output_modalities)):
        if values:
            facts[name] = frozenset(AIMKG[value] for value in values)
    for name, texts in (("apiRoute", entry.api_routes), ("region", entry.regions)):
        if texts:
            facts[name] = frozenset(ox.Literal(text) for text in texts)
    for capability, has in entry.capabilities.items():
        facts[CAPABILITY + capability] = frozenset({AIMKG.supports if has else AIMKG.lacks})
    return facts


def count(value: int | None) -> ox.Literal | None:
    return integer(value) if value is not None else None


def capabilities(facts: Iterable[Facts]) -> set[str]:
    """The capability fact names that any of these records states."""
    return {name for fact in facts for name in fact if name.startswith(CAPABILITY)}


def agreed(facts: Iterable[Facts], names: Iterable[str]) -> Facts:
    """The facts that every record stating them states alike (a record that is silent does not disagree)."""
    facts = list(facts)
    found: Facts = {}
    for name in names:
        said = {fact[name] for fact in facts if name in fact}
        if len(said) == 1:
            found[name] = said.pop()
    return found


class CatalogWriter:
    """Turn a reconciled catalog into triples."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.tables = catalog.tables
        self.facts = {record.slug: entry_facts(record.entry) for record in catalog.records}
        self.by_key = {(record.entry.catalog, record.entry.key): record for record in catalog.records}

    def triples(self) -> Iterator[ox.Triple]:
        """Every triple of the catalog, in no particular order (the writers sort)."""
        makers = (self.sources, self.pages, self.providers, self.platforms, self.models, self.versions, self.endpoints)
        for make in makers:
            yield from make()
        for record in self.catalog.records:
            yield from self.record(record)

    # ---- nodes shared by catalogs

    def sources(self) -> Iterator[ox.Triple]:
        """The catalogs' Source nodes, as data/sources.ttl declares them (the mapping tables' is curated)."""
        for source in self.catalog.sources:
            node = entity("source", source.slug)
            yield from node_triples(node, "Source", source.label)
            yield ox.Triple(node, AIMKG.sourceVersion, ox.Literal(source.version))
            yield ox.Triple(node, AIMKG.url, typed(source.url, "anyURI"))
            if source.issued:
                yield ox.Triple(node, DCTERMS.issued, typed(source.issued, "date"))

    def pages(self) -> Iterator[ox.Triple]:
        """A Source node for every page a record cites, with the catalogs that cite it."""
        cited: dict[str, set[str]] = {}
        for record in self.catalog.records:
            entry = record.entry
            for url in (*entry.source_urls, *entry.doc_urls, *entry.deprecation_sources):
                cited.setdefault(url, set()).add(record.source.slug)
        slugs: dict[str, str] = {}
        for url in sorted(cited):
            slug = page_slug(url)
            if slugs.setdefault(slug, url) != url:
                raise ValueError(f"pages {slugs[slug]!r} and {url!r} have one Source slug {slug!r}")
            node = entity("source", slug)
            yield from node_triples(node, "Source", url)
            yield ox.Triple(node, AIMKG.url, typed(url, "anyURI"))
            for catalog in sorted(cited[url]):
                yield ox.Triple(node, DCTERMS.isReferencedBy, entity("source", catalog))

    def providers(self) -> Iterator[ox.Triple]:
        for slug in sorted(self.catalog.providers - self.curated_slugs("provider")):
            node = entity("provider", slug)
            yield from node_triples(node, "Provider", self.tables.provider_labels.get(slug, slug))
            yield ox.Triple(node, DCTERMS.source, MAPPINGS_SOURCE)

    def platforms(self) -> Iterator[ox.Triple]:
        for slug in sorted(self.catalog.platforms - self.curated_slugs("platform")):
            platform = self.tables.platforms[slug]
            node = entity("platform", slug)
            yield from node_triples(node, "Platform", platform.label)
            yield ox.Triple(node, DCTERMS.source, MAPPINGS_SOURCE)
            yield ox.Triple(node, AIMKG.provider, entity("provider", platform.operator))
            yield ox.Triple(node, AIMKG.platformRole, AIMKG[ROLES[platform.role]])
            if platform.url:
                yield ox.Triple(node, AIMKG.url, typed(platform.url, "anyURI"))

    def models(self) -> Iterator[ox.Triple]:
        sources: dict[str, set[str]] = {}
        for version in self.catalog.versions.values():
            sources.setdefault(version.model, set()).update(record.source.slug for record in version.records)
        for model in self.catalog.models.values():
            node = entity("model", model.slug)
            yield from node_triples(node, "Model", model.label)
            yield from cite(node, sources.get(model.slug, ()))
            if model.maker:
                yield ox.Triple(node, AIMKG.provider, entity("provider", model.maker))

    def versions(self) -> Iterator[ox.Triple]:
        for version in self.catalog.versions.values():
            if version.curated:
                continue
            node = entity("version", version.slug)
            records = version.records
            yield from node_triples(node, "Version", self.version_label(version))
            yield from cite(node, {record.source.slug for record in records})
            yield ox.Triple(node, AIMKG.versionOf, entity("model", version.model))
            if version.maker:
                yield ox.Triple(node, AIMKG.provider, entity("provider", version.maker))
            yield from self.agreed_facts(node, records, (*VERSION_FACTS, *ENDPOINT_FACTS))
            successors = {self.successor(record) for record in records if record.entry.replaced_by} - {None}
            if len(successors) == 1 and (successor := successors.pop()) != version.slug and successor:
                yield ox.Triple(node, AIMKG.replacedBy, entity("version", successor))

    def endpoints(self) -> Iterator[ox.Triple]:
        for endpoint in self.catalog.endpoints.values():
            node = entity("endpoint", endpoint.slug)
            for record in endpoint.records:
                yield ox.Triple(node, DCTERMS.identifier, ox.Literal(record.entry.key))
            if endpoint.curated:
                continue
            platform = self.tables.platforms[endpoint.platform]
            yield from node_triples(node, "Endpoint", f"{endpoint.model_id} on {platform.label}")
            yield from cite(node, {record.source.slug for record in endpoint.records})
            yield ox.Triple(node, AIMKG.modelId, ox.Literal(endpoint.model_id))
            yield ox.Triple(node, AIMKG.platform, entity("platform", endpoint.platform))
            yield ox.Triple(node, AIMKG.provider, entity("provider", platform.operator))
            yield ox.Triple(node, AIMKG.serves, entity("version", endpoint.version))
            for alias in endpoint.aliases:
                yield ox.Triple(node, AIMKG.alias, ox.Literal(alias))
            yield from self.agreed_facts(node, endpoint.records, (*ENDPOINT_FACTS, *OFFER_FACTS))

    def agreed_facts(self, node: ox.NamedNode, records: list[Record], names: tuple[str, ...]) -> Iterator[ox.Triple]:
        """What every current record of a shared node agrees on (these facts and any capability), with its pages."""
        current = [record for record in records if is_current(record)]
        facts = [self.facts[record.slug] for record in current]
        found = agreed(facts, (*names, *sorted(capabilities(facts))))
        yield from fact_triples(node, found)
        yield from deprecation_sources(node, found, current)

    # ---- what each catalog said

    def record(self, record: Record) -> Iterator[ox.Triple]:
        entry = record.entry
        node = entity("endpoint", record.slug)
        yield from node_triples(node, "EndpointRecord", f"{entry.key} in {record.source.label}")
        yield ox.Triple(node, DCTERMS.source, entity("source", record.source.slug))
        yield ox.Triple(node, DCTERMS.identifier, ox.Literal(entry.key))
        yield ox.Triple(node, AIMKG.recordOf, entity("endpoint", record.endpoint))
        yield ox.Triple(node, AIMKG.modelId, ox.Literal(entry.model_id))
        yield ox.Triple(node, AIMKG.endpointMatchedBy, AIMKG[record.endpoint_rule])
        yield ox.Triple(node, AIMKG.versionMatchedBy, AIMKG[record.version_rule])
        optional: dict[str, str | None] = {"variant": entry.variant, "family": entry.family}
        optional["baseModel"] = entry.base_model
        for name, value in optional.items():
            if value:
                yield ox.Triple(node, AIMKG[name], ox.Literal(value))
        for alias in entry.aliases:
            yield ox.Triple(node, AIMKG.alias, ox.Literal(alias))
        for pattern in entry.patterns:
            yield ox.Triple(node, AIMKG.modelIdPattern, ox.Literal(pattern))
        yield from fact_triples(node, self.facts[record.slug])
        yield from record_time(node, entry)
        for url in sorted({*entry.source_urls, *entry.doc_urls}):
            yield ox.Triple(node, AIMKG.reportedBy, entity("source", page_slug(url)))
        for url in sorted(set(entry.deprecation_sources)):
            yield ox.Triple(node, AIMKG.deprecationSource, entity("source", page_slug(url)))
        for price in entry.prices:
            yield from self.price(record, price)

    def price(self, record: Record, price: Price) -> Iterator[ox.Triple]:
        by_token = price.kind.endswith("Tokens")
        kind = kind_slug(price.kind)
        parts = [record.slug.removesuffix(f"--{record.source.slug}"), kind]
        if price.tier is not None:
            parts.append(SERVICE_TIER_SLUGS[price.tier])
        if price.above is not None:
            parts.append(f"above-{price.above}")
        if price.hours is not None:
            parts.append(f"hours-{price.hours.replace(':', '')}")
        if price.valid_from is not None:
            parts.append(f"from-{price.valid_from}")
        for word, said in (("size", price.size), ("quality", price.quality), ("search", price.search_context)):
            if said is not None:
                parts.append(f"{word}-{slugify(said)}")
        # a price the catalog no longer states cites the catalog's history, not the snapshot
        source = record.source.history if price.recorded_until and record.source.history else record.source.slug
        if price.from_commit is not None and (
            record.entry.from_commit != price.from_commit or source != record.source.slug
        ):
            parts.append(price.from_commit[:8])  # a record's price changed over its history: one node each
        node = entity("price", "--".join([*parts, source]))
        yield from node_triples(node, "PriceSpec", f"{record.entry.model_id} {kind.replace('-', ' ')} price")
        yield ox.Triple(node, DCTERMS.source, entity("source", source))
        yield ox.Triple(node, AIMKG.endpoint, entity("endpoint", record.endpoint))
        yield ox.Triple(node, AIMKG.record, entity("endpoint", record.slug))
        yield ox.Triple(node, AIMKG.amount, decimal(price.amount))
        yield ox.Triple(node, AIMKG.currency, ox.Literal("USD"))
        if by_token:
            yield ox.Triple(node, AIMKG.tokenKind, AIMKG[price.kind])
            yield ox.Triple(node, AIMKG.perTokens, integer(price.per))
        else:
            yield ox.Triple(node, AIMKG.billingUnit, AIMKG[price.kind])
            yield ox.Triple(node, AIMKG.perUnits, integer(price.per))
            if price.kind in UNIT_CODES:
                yield ox.Triple(node, AIMKG.unitCode, ox.Literal(UNIT_CODES[price.kind]))
        for url in sorted(set(record.entry.source_urls)):
            yield ox.Triple(node, AIMKG.reportedBy, entity("source", page_slug(url)))
        optional: dict[str, ox.Literal | ox.NamedNode | None] = {
            "serviceTier": AIMKG[price.tier] if price.tier else None,
            "abovePromptTokens": integer(price.above) if price.above is not None else None,
            "validFrom": typed(price.valid_from, "date") if price.valid_from else None,
            "validThrough": typed(price.valid_through, "date") if price.valid_through else None,
            "validHours": ox.Literal(price.hours) if price.hours else None,
            "variant": ox.Literal(record.entry.variant) if record.entry.variant else None,
            "mediaSize": ox.Literal(price.size) if price.size else None,
            "mediaQuality": ox.Literal(price.quality) if price.quality else None,
            "searchContextSize": ox.Literal(price.search_context) if price.search_context else None,
        }
        for name, value in optional.items():
            if value is not None:
                yield ox.Triple(node, AIMKG[name], value)
        yield from record_time(node, price)

    # ---- helpers

    def curated_slugs(self, kind: str) -> set[str]:
        prefix = f"https://w3id.org/aimkg/id/{kind}/"
        return {iri[len(prefix) :] for iri in curated().subjects if iri.startswith(prefix)}

    def version_label(self, version: Version) -> str:
        return label_of(version, self.tables)

    def successor(self, record: Record) -> str | None:
        """The version that the record's successor entry's endpoint serves."""
        successor = self.by_key.get((record.entry.catalog, record.entry.replaced_by or ""))
        if successor is None:
            return None
        endpoint: Endpoint = self.catalog.endpoints[successor.endpoint]
        return endpoint.version


def is_current(record: Record) -> bool:
    """Whether its catalog still states the record (at its pinned release): only then does it speak for shared nodes."""
    return record.entry.recorded_until is None


def record_time(node: ox.NamedNode, stated: Entry | Price) -> Iterator[ox.Triple]:
    """When the catalog began and stopped stating a record or price, and the commits that did it."""
    times = {"recordedFrom": stated.recorded_from, "recordedUntil": stated.recorded_until}
    for name, value in times.items():
        if value is not None:
            yield ox.Triple(node, AIMKG[name], typed(value, "dateTime"))
    commits = {"fromCommit": stated.from_commit, "untilCommit": stated.until_commit}
    for name, value in commits.items():
        if value is not None:
            yield ox.Triple(node, AIMKG[name], ox.Literal(value))


def node_triples(node: ox.NamedNode, kind: str, label: str) -> Iterator[ox.Triple]:
    yield ox.Triple(node, TYPE, AIMKG[kind])
    yield ox.Triple(node, LABEL, english(label))


def cite(node: ox.NamedNode, sources: Iterable[str]) -> Iterator[ox.Triple]:
    for slug in sorted(sources):
        yield ox.Triple(node, DCTERMS.source, entity("source", slug))


def fact_triples(node: ox.NamedNode, facts: Facts) -> Iterator[ox.Triple]:
    """A node's facts; a capability's value is the property (aimkg:supports, aimkg:lacks), the capability its object."""
    for name in sorted(facts):
        for value in facts[name]:
            if name.startswith(CAPABILITY):
                assert isinstance(value, ox.NamedNode)
                yield ox.Triple(node, value, AIMKG[name.removeprefix(CAPABILITY)])
            else:
                yield ox.Triple(node, AIMKG[name], value)


def deprecation_sources(node: ox.NamedNode, found: Facts, records: Iterable[Record]) -> Iterator[ox.Triple]:
    """The pages behind a shared node's agreed deprecation date: those of every record that states that date."""
    if "deprecationDate" not in found:
        return
    urls = {url for record in records if record.entry.deprecation_date for url in record.entry.deprecation_sources}
    for url in sorted(urls):
        yield ox.Triple(node, AIMKG.deprecationSource, entity("source", page_slug(url)))


def catalog_triples(catalog: Catalog) -> list[ox.Triple]:
    """The reconciled catalog as a list of triples."""
    return list(CatalogWriter(catalog).triples())
