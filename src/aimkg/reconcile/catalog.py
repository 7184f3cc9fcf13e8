"""Reconcile catalogs into one graph: one endpoint per platform and model ID, one version per release.

Catalog entries arrive normalised (``aimkg.sources``); here they are placed:

1. **Endpoints.** Entries on one platform whose model IDs or aliases match (``rules.endpoint_match``)
   are one endpoint, whichever catalog lists them; a still-callable curated endpoint keeps its IRI.
2. **Versions.** Each endpoint serves the release its records name (``rules.release_of``: models.dev
   ``base_model`` first), or what a curated endpoint or a curated decision says; endpoints naming
   the same release share one version, on however many platforms. An endpoint whose records name
   no release serves a version of its own, with no maker: nothing is linked by guess.
3. **Model lines** group a maker's versions by the family its catalogs name.

Every entry stays in the graph as a record (``aimkg:EndpointRecord``) with everything its catalog
said and the rules that placed it; a shared node carries a fact only where every record that
states it agrees, and curated nodes keep their own facts. Disagreements are left to
``aimkg conflicts``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from aimkg.core.terms import slugify
from aimkg.reconcile.curated import Curated, curated
from aimkg.reconcile.identity import Slugs, UnionFind
from aimkg.reconcile.rules import Release, endpoint_match, endpoint_rule, release_of
from aimkg.sources.mappings import Mappings, mappings
from aimkg.sources.records import Entry
from aimkg.sources.report import CatalogSource, ImportResult

#: The order catalogs are read in: the first record of an endpoint gives its model ID's spelling.
CATALOG_ORDER = ("models-dev", "genai-prices", "litellm")
#: Release rules from the strongest evidence to the weakest.
RELEASE_RULES = ("BaseModel", "BedrockModelId", "CreatorPrefix", "CatalogProviderMaker", "MakerOwnPlatform")


@dataclass
class Record:
    """One catalog entry, placed: the endpoint it describes and the rules that put it there."""

    entry: Entry
    source: CatalogSource
    slug: str
    endpoint: str = ""
    endpoint_rule: str = ""
    version_rule: str = ""


@dataclass
class Endpoint:
    """A model ID on a platform, with every record of it."""

    slug: str
    platform: str
    model_id: str
    aliases: list[str]
    records: list[Record]
    curated: bool = False
    version: str = ""
    release: Release | None = None


@dataclass
class Version:
    """A release, with the endpoints that serve it."""

    slug: str
    maker: str | None
    endpoints: list[Endpoint] = field(default_factory=list)
    curated: bool = False
    model: str = ""

    @property
    def records(self) -> list[Record]:
        return [record for endpoint in self.endpoints for record in endpoint.records]


@dataclass
class Model:
    """A maker's model line."""

    slug: str
    maker: str | None
    label: str
    curated: bool = False


@dataclass
class Disagreement:
    """Records of one endpoint that name different releases: the first rule's first release wins."""

    endpoint: str
    rule: str
    releases: list[str]
    chosen: str


@dataclass(frozen=True)
class Unplaced:
    """An entry left out of the graph: its provider ID names no operated API platform."""

    catalog: str
    key: str
    reason: str


@dataclass
class Catalog:
    """The reconciled catalog: every node to write, and what reconciliation decided."""

    sources: list[CatalogSource]
    tables: Mappings
    records: list[Record]
    endpoints: dict[str, Endpoint]
    versions: dict[str, Version]
    models: dict[str, Model]
    disagreements: list[Disagreement]
    unplaced: list[Unplaced]

    @property
    def providers(self) -> set[str]:
        """Every provider the catalog names: the platforms' operators and the versions' makers."""
        operators = {self.tables.platforms[endpoint.platform].operator for endpoint in self.endpoints.values()}
        makers = {version.maker for version in self.versions.values() if version.maker}
        return operators | makers

    @property
    def platforms(self) -> set[str]:
        return {endpoint.platform for endpoint in self.endpoints.values()}


def reconcile(results: Sequence[ImportResult], tables: Mappings | None = None, known: Curated | None = None) -> Catalog:
    """Place every entry of the given imports in one graph (see the module's docstring)."""
    tables = tables or mappings()
    known = known or curated()
    ordered = sorted(results, key=lambda result: CATALOG_ORDER.index(result.source.name))
    unplaced: list[Unplaced] = []
    records = list(place_records(ordered, tables, unplaced))
    endpoints = group_endpoints(records, known)
    disagreements = [found for endpoint in endpoints.values() if (found := choose_release(endpoint, tables, known))]
    versions = group_versions(endpoints.values(), known)
    models = group_models(versions.values(), tables, known)
    sources = [result.source for result in ordered]
    return Catalog(sources, tables, records, endpoints, versions, models, disagreements, unplaced)


NO_PLATFORM = "provider {provider!r} names no operated API platform (data/mappings/platforms.sssom.tsv)"


def place_records(results: Iterable[ImportResult], tables: Mappings, unplaced: list[Unplaced]) -> Iterable[Record]:
    """One record per entry, on the platform its provider ID names, named ``<key>--<source>``.

    A key that names several entries gives each ``<key>--<commit>--<source>`` when they are states of
    one file over its history (the commit that began each), else ``<key>--<model ID>--<source>`` (a
    genai-prices model with several model IDs). An entry whose provider names no operated API (a local
    runtime such as Ollama) is left out and listed in ``unplaced``.
    """
    for result in results:
        keys = Counter(entry.key for entry in result.entries)
        slugs = Slugs()
        for entry in result.entries:
            platform = tables.platform_of(entry.catalog, entry.provider)
            if platform is None:
                unplaced.append(Unplaced(entry.catalog, entry.key, NO_PLATFORM.format(provider=entry.provider)))
                continue
            entry.platform = platform
            parts = (
                [entry.key] if keys[entry.key] == 1 else [entry.key, (entry.from_commit or "")[:8] or entry.model_id]
            )
            base = slugs.claim(f"{entry.key}#{entry.model_id}", "--".join(slugify(part) for part in parts))
            yield Record(entry, result.source, f"{base}--{result.source.slug}")


def group_endpoints(records: list[Record], known: Curated) -> dict[str, Endpoint]:
    """Entries whose platform accepts the same model ID or alias are one endpoint."""
    names: UnionFind[tuple[str, str]] = UnionFind()
    for record in records:
        entry = record.entry
        own = (entry.platform, endpoint_match(entry.platform, entry.model_id))
        names.find(own)
        for alias in entry.aliases:
            names.union(own, (entry.platform, endpoint_match(entry.platform, alias)))
    members: dict[tuple[str, str], list[Record]] = {}
    for record in records:
        own = (record.entry.platform, endpoint_match(record.entry.platform, record.entry.model_id))
        members.setdefault(names.find(own), []).append(record)
    slugs = Slugs({slug: f"curated:{slug}" for slug, _ in known.endpoints.values()})
    endpoints: dict[str, Endpoint] = {}
    for group in sorted(members.values(), key=lambda group: (group[0].entry.platform, group[0].entry.model_id)):
        endpoint = make_endpoint(group, known, slugs)
        for record in group:
            record.endpoint = endpoint.slug
            record.endpoint_rule = rule_for(endpoint, record.entry)
        endpoints[endpoint.slug] = endpoint
    return endpoints


def make_endpoint(group: list[Record], known: Curated, slugs: Slugs) -> Endpoint:
    """The endpoint of a group of records: the first record's model ID, every other ID said as an alias."""
    platform, model_id = group[0].entry.platform, group[0].entry.model_id
    said = [model_id, *(record.entry.model_id for record in group)]
    said += [alias for record in group for alias in record.entry.aliases]
    aliases = sorted(set(said) - {model_id})
    held = next(filter(None, (known.endpoint(platform, name) for name in said)), None)
    if held is not None:
        slug, version = held
        return Endpoint(slug, platform, model_id, aliases, group, curated=True, version=version)
    slug = slugs.claim(f"{platform}/{model_id}", f"{platform}--{slugify(model_id)}")
    return Endpoint(slug, platform, model_id, aliases, group)


def rule_for(endpoint: Endpoint, entry: Entry) -> str:
    """The rule that makes an entry's model ID this endpoint: the ID or alias it matches, and how."""
    match = endpoint_match(endpoint.platform, entry.model_id)
    named = next(
        name
        for name in [endpoint.model_id, *endpoint.aliases]
        if endpoint_match(endpoint.platform, name) == match or name == entry.model_id
    )
    rule = endpoint_rule(endpoint.platform, entry.model_id, named)
    return rule if named == endpoint.model_id or rule != "SameModelId" else "SameAlias"


def choose_release(endpoint: Endpoint, tables: Mappings, known: Curated) -> Disagreement | None:
    """Decide the release an endpoint serves, and the rule that decided it; report records that disagree."""
    if endpoint.curated:
        set_rule(endpoint, "CuratedEndpoint")
        return curated_disagreement(endpoint, tables, known)
    refused: set[str] = set()
    for record in endpoint.records:
        for decision in tables.decisions.get((record.entry.catalog, record.entry.key), []):
            if decision.same:
                endpoint.version = decision.version
                set_rule(endpoint, "CuratedDecision")
                return None
            refused.add(decision.version)
    found: dict[str, list[Release]] = {}
    for record in endpoint.records:
        named = release_of(record.entry, tables)
        if named is not None and curated_slug(named[0], known) not in refused:
            found.setdefault(named[1], []).append(named[0])
    for rule in RELEASE_RULES:
        if rule in found:
            releases = list(dict.fromkeys(found[rule]))
            endpoint.release = releases[0]
            set_rule(endpoint, rule)
            if len(releases) > 1:
                names = [f"{release.maker}/{release.name}" for release in releases]
                return Disagreement(endpoint.slug, rule, names, names[0])
            return None
    set_rule(endpoint, "OwnVersion")
    return None


def curated_disagreement(endpoint: Endpoint, tables: Mappings, known: Curated) -> Disagreement | None:
    """Records of a curated endpoint that name another release than the curated one (which wins)."""
    curated_name = f"{known.versions.get(endpoint.version)}/{endpoint.version}"
    stated = [release_of(record.entry, tables) for record in endpoint.records]
    named = {f"{release.maker}/{release.name}" for release, _ in filter(None, stated)}
    if named - {curated_name}:
        return Disagreement(endpoint.slug, "CuratedEndpoint", [curated_name, *sorted(named)], curated_name)
    return None


def set_rule(endpoint: Endpoint, rule: str) -> None:
    for record in endpoint.records:
        record.version_rule = rule


def curated_slug(release: Release, known: Curated) -> str | None:
    """The curated version a release is, when its maker's data names it by this slug."""
    return release.name if known.versions.get(release.name) == release.maker else None


def group_versions(endpoints: Iterable[Endpoint], known: Curated) -> dict[str, Version]:
    """Endpoints that serve the same release share one version."""
    slugs = Slugs({slug: f"curated:{slug}" for slug in known.versions})
    versions: dict[str, Version] = {}
    for endpoint in sorted(endpoints, key=lambda endpoint: (endpoint.release is None, endpoint.release, endpoint.slug)):
        if endpoint.version:  # curated endpoint or curated decision
            slug, maker, is_curated = endpoint.version, known.versions.get(endpoint.version), True
        elif endpoint.release is not None:
            release = endpoint.release
            maker, is_curated = release.maker, curated_slug(release, known) is not None
            slug = release.name if is_curated else slugs.claim(repr(release), release.name, f"{maker}--{release.name}")
        else:
            maker, is_curated = None, False
            slug = slugs.claim(f"own:{endpoint.slug}", endpoint.slug)
        endpoint.version = slug
        version = versions.setdefault(slug, Version(slug, maker or None, curated=is_curated))
        version.endpoints.append(endpoint)
    return versions


def group_models(versions: Iterable[Version], tables: Mappings, known: Curated) -> dict[str, Model]:
    """A maker's versions of one family share a model line; a version with no family or maker is its own line."""
    slugs = Slugs({slug: f"curated:{slug}" for slug in known.models})
    models: dict[str, Model] = {}
    for version in sorted(versions, key=lambda version: version.slug):
        spelling = family_of(version, tables)
        if version.curated:
            continue  # a curated version keeps its curated model line
        if spelling and version.maker:
            family = slugify(spelling)
            if known.models.get(family) == version.maker:
                version.model = family
                continue
            slug = slugs.claim(f"{version.maker}/{family}", family, f"{version.maker}--{family}")
            label = spelling
        else:
            slug = slugs.claim(f"own:{version.slug}", version.slug)
            label = label_of(version, tables)
        version.model = slug
        models.setdefault(slug, Model(slug, version.maker, label))
    return models


def preferred(version: Version, tables: Mappings) -> list[Entry]:
    """The entries whose word on the version counts most: models.dev base records, then the maker's own API."""
    entries = [record.entry for record in version.records]
    own_api = [entry for entry in entries if tables.platforms[entry.platform].operator == version.maker]
    return [entry for entry in entries if entry.base_model] or own_api or entries


def most_common(values: Iterable[str]) -> str | None:
    counted = Counter(values)
    return min(counted, key=lambda value: (-counted[value], value)) if counted else None


def family_of(version: Version, tables: Mappings) -> str | None:
    return most_common(entry.family for entry in preferred(version, tables) if entry.family)


def label_of(version: Version, tables: Mappings) -> str:
    """A version's name: what the entries that count most call it most often."""
    return most_common(entry.label for entry in preferred(version, tables)) or version.slug
