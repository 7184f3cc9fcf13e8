"""The price index: what cost calculations need from the graph, read once with SPARQL, kept as plain data.

``read_index(store)`` asks a pyoxigraph store (the curated graph, or with the built catalog) for
every endpoint with its platform, model ID, aliases and the version it serves, every catalog
record of an endpoint, and every ``aimkg:PriceSpec`` with what sets it apart: token kind or
billing unit, service tier, context tier (``aimkg:abovePromptTokens``), valid time, time of day,
variant, and record time (``aimkg:recordedFrom``/``recordedUntil``, read when present). It adds
the names each catalog gives a platform (``data/mappings/``), so that ``platform="bedrock"``,
``"aws"`` and ``"amazon-bedrock"`` name one platform.

The result (``IndexData``) holds only builtins (dicts, tuples, strings, integers), so that the
on-disk cache (``aimkg.cost.cache``) writes and reads it fast, and amounts stay decimal strings
until a calculation reads them. The named tuples are written without postponed annotations
(``typing.NamedTuple`` compiles each string annotation, at every start of ``aimkg cost``).
IRIs are kept as slugs: ``openai--gpt-4o`` is ``https://w3id.org/aimkg/id/endpoint/openai--gpt-4o``.
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from aimkg.core.terms import AIMKG, ID_BASE

if TYPE_CHECKING:  # pyoxigraph is only needed to build an index, never to read one
    import pyoxigraph as ox

#: Bumped whenever the layout below changes, so that an older cache is never read as this one.
INDEX_FORMAT = 2
#: Catalogs in the order their prices are preferred when nothing else decides (docs/cost.md: precedence).
CATALOG_ORDER = ("genai-prices", "litellm", "models-dev")

PREFIXES = """PREFIX aimkg: <https://w3id.org/aimkg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
ENDPOINTS = """SELECT ?endpoint ?platform ?modelId ?version WHERE {
    ?endpoint a aimkg:Endpoint ; aimkg:modelId ?modelId ; aimkg:serves ?version .
    OPTIONAL { ?endpoint aimkg:platform ?platform }
}"""
ALIASES = "SELECT ?endpoint ?alias WHERE { ?endpoint a aimkg:Endpoint ; aimkg:alias ?alias }"
RECORDS = """SELECT ?record ?endpoint ?source ?key ?variant WHERE {
    ?record a aimkg:EndpointRecord ; aimkg:recordOf ?endpoint ; dcterms:source ?source .
    OPTIONAL { ?record dcterms:identifier ?key }
    OPTIONAL { ?record aimkg:variant ?variant }
}"""
#: What a price may state besides its amount, currency, endpoint and source: each an optional variable.
PRICE_FACTS = {
    "record": "aimkg:record",
    "kind": "aimkg:tokenKind",
    "unit": "aimkg:billingUnit",
    "perTokens": "aimkg:perTokens",
    "perUnits": "aimkg:perUnits",
    "tier": "aimkg:serviceTier",
    "above": "aimkg:abovePromptTokens",
    "from": "aimkg:validFrom",
    "through": "aimkg:validThrough",
    "hours": "aimkg:validHours",
    "variant": "aimkg:variant",
    "recordedFrom": "aimkg:recordedFrom",
    "recordedUntil": "aimkg:recordedUntil",
}
PRICES = (
    f"SELECT ?price ?endpoint ?source ?amount ?currency {' '.join(f'?{name}' for name in PRICE_FACTS)} WHERE {{\n"
    "    ?price a aimkg:PriceSpec ; aimkg:endpoint ?endpoint ; aimkg:amount ?amount ; aimkg:currency ?currency ;\n"
    "        dcterms:source ?source .\n"
    + "".join(f"    OPTIONAL {{ ?price {term} ?{name} }}\n" for name, term in PRICE_FACTS.items())
    + "}"
)
PLATFORMS = """SELECT ?platform ?label ?operator ?role WHERE {
    ?platform a aimkg:Platform .
    OPTIONAL { ?platform rdfs:label ?label }
    OPTIONAL { ?platform aimkg:provider ?operator }
    OPTIONAL { ?platform aimkg:platformRole ?role }
}"""
VERSIONS = """SELECT ?version ?label ?maker WHERE {
    ?version a aimkg:Version .
    OPTIONAL { ?version rdfs:label ?label }
    OPTIONAL { ?version aimkg:provider ?maker }
}"""
SOURCES = "SELECT ?source ?label WHERE { ?source a aimkg:Source . OPTIONAL { ?source rdfs:label ?label } }"


class PriceRow(NamedTuple):
    """One aimkg:PriceSpec, as the index keeps it (dates ISO 8601, record times UTC ``YYYY-MM-DDTHH:MM:SS``)."""

    slug: str
    kind: str  # an aimkg:TokenKind or aimkg:BillingUnit local name
    amount: str  # the xsd:decimal's lexical form
    per: int
    currency: str
    tier: str | None  # an aimkg:ServiceTier local name; None is the standard tier
    above: int | None
    valid_from: str | None
    valid_through: str | None
    hours: str | None  # "HH:MM-HH:MM", UTC
    recorded_from: str | None
    recorded_until: str | None


class RecordRow(NamedTuple):
    """What one catalog record (or one curated source) prices on an endpoint."""

    slug: str  # the record's slug; "" for curated prices, which no record states
    source: str
    key: str | None  # the record's key in its catalog
    variant: str | None
    prices: tuple[PriceRow, ...]


class EndpointRow(NamedTuple):
    platform: str | None
    model_id: str
    aliases: tuple[str, ...]
    version: str
    records: tuple[RecordRow, ...]


class Candidate(NamedTuple):
    """An endpoint a name may mean, with what choosing among several needs (so that no endpoint is read for it)."""

    endpoint: str
    how: str  # how the name names it: modelId, alias, key (a catalog's record key), version (its slug)
    platform: str | None
    own: int  # 0: on the version maker's own API; 1: on a first-party API; 2: elsewhere
    records: int  # how many records price it (0: none)
    variant: str | None = None  # a record key's variant (a region)


class PlatformRow(NamedTuple):
    label: str
    operator: str | None
    role: str | None  # an aimkg:PlatformRole local name


#: The whole index: plain data (see the module's docstring).
IndexData = dict[str, Any]


def slug(term: "ox.NamedNode | ox.BlankNode | ox.Literal | None") -> str | None:
    """The slug of an aimkg entity IRI (``endpoint/openai--gpt-4o`` → ``openai--gpt-4o``); other IRIs whole."""
    if term is None:
        return None
    value: str = term.value
    if value.startswith(ID_BASE):
        return value[len(ID_BASE) :].partition("/")[2]
    return value.removeprefix(AIMKG)


def text(term: "ox.NamedNode | ox.BlankNode | ox.Literal | None") -> str | None:
    return None if term is None else str(term.value)


def record_time(term: "ox.NamedNode | ox.BlankNode | ox.Literal | None") -> str | None:
    """An xsd:dateTime as UTC ``YYYY-MM-DDTHH:MM:SS`` (compared as text); a date as its midnight."""
    if term is None:
        return None
    from datetime import UTC, datetime

    value = str(term.value).replace("Z", "+00:00")
    moment = datetime.fromisoformat(value if "T" in value else value + "T00:00:00")
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="seconds")


def select(store: "ox.Store", query: str) -> "Iterable[ox.QuerySolution]":
    import pyoxigraph as ox

    answer = store.query(PREFIXES + query)
    assert isinstance(answer, ox.QuerySolutions)
    return answer


def read_index(store: "ox.Store") -> IndexData:
    """Read everything cost calculations need from a store holding the graph."""
    endpoints: dict[str, tuple[str | None, str, str]] = {}
    for row in select(store, ENDPOINTS):
        name = slug(row["endpoint"])
        assert name is not None
        found = (slug(row["platform"]), str(row["modelId"].value), slug(row["version"]) or "")
        endpoints[name] = min(endpoints.get(name, found), found, key=str)  # one each, whatever the engine's order
    aliases: defaultdict[str, set[str]] = defaultdict(set)
    for row in select(store, ALIASES):
        aliases[slug(row["endpoint"]) or ""].add(str(row["alias"].value))
    records: dict[str, tuple[str, str, str | None, str | None]] = {}
    for row in select(store, RECORDS):
        name = slug(row["record"]) or ""
        records.setdefault(name, (slug(row["endpoint"]) or "", slug(row["source"]) or "", text(row["key"]), None))
        if row["variant"] is not None:
            endpoint, source, key, _ = records[name]
            records[name] = (endpoint, source, key, str(row["variant"].value))
    prices: defaultdict[tuple[str, str, str], dict[str, PriceRow]] = defaultdict(dict)
    for row in select(store, PRICES):
        read_price(row, prices, records)
    return assemble(store, endpoints, aliases, records, prices)


def read_price(
    row: "ox.QuerySolution",
    prices: defaultdict[tuple[str, str, str], dict[str, PriceRow]],
    records: dict[str, tuple[str, str, str | None, str | None]],
) -> None:
    """Add one price to its record's prices (by endpoint, record and source); the first row of a price wins."""
    name = slug(row["price"]) or ""
    kind = slug(row["kind"]) or slug(row["unit"])
    per = row["perTokens"] if row["kind"] is not None else row["perUnits"]
    if kind is None or per is None:
        return  # neither tokens nor units: nothing a usage counts
    endpoint, record, source = slug(row["endpoint"]) or "", slug(row["record"]) or "", slug(row["source"]) or ""
    if record and record not in records:
        records[record] = (endpoint, source, None, None)
    stated = records[record][3] if record else None
    variant = text(row["variant"]) or stated
    if variant != stated:
        record = f"{record}#{variant}"  # a price whose variant differs from its record's stands apart
    group = prices[(endpoint, record, source)]
    if name in group:
        return
    above = row["above"]
    group[name] = PriceRow(
        name,
        kind,
        str(row["amount"].value),
        int(per.value),
        str(row["currency"].value),
        slug(row["tier"]) if slug(row["tier"]) != "Standard" else None,
        None if above is None else int(above.value),
        text(row["from"]),
        text(row["through"]),
        text(row["hours"]),
        record_time(row["recordedFrom"]),
        record_time(row["recordedUntil"]),
    )


def assemble(
    store: "ox.Store",
    endpoints: dict[str, tuple[str | None, str, str]],
    aliases: defaultdict[str, set[str]],
    records: dict[str, tuple[str, str, str | None, str | None]],
    prices: defaultdict[tuple[str, str, str], dict[str, PriceRow]],
) -> IndexData:
    """Put endpoints, records and prices together, with the lookups by model ID, alias, version and key."""
    data = labels(store)
    by_endpoint: defaultdict[str, list[RecordRow]] = defaultdict(list)
    for (endpoint, record, source), group in prices.items():
        base, _, variant = record.partition("#")
        key, stated = (records[base][2], records[base][3]) if base else (None, None)
        by_endpoint[endpoint].append(RecordRow(base, source, key, variant or stated, tuple(sorted(group.values()))))
    rows: dict[str, EndpointRow] = {}
    ids: defaultdict[str, set[Candidate]] = defaultdict(set)
    served: defaultdict[str, set[Candidate]] = defaultdict(set)
    for name, (platform, model_id, version) in sorted(endpoints.items()):
        own = tuple(sorted(aliases.get(name, ())))
        found = tuple(sorted(by_endpoint.get(name, ()), key=lambda r: (r.slug, r.source, r.variant or "")))
        rows[name] = EndpointRow(platform, model_id, own, version, found)
        place = standing(data, platform, version)
        ids[model_id.lower()].add(Candidate(name, "modelId", platform, place, len(found)))
        for alias in own:
            ids[alias.lower()].add(Candidate(name, "alias", platform, place, len(found)))
        served[version].add(Candidate(name, "version", platform, place, len(found)))
    keys: defaultdict[str, set[Candidate]] = defaultdict(set)
    for endpoint, _, key, stated in records.values():
        if key is not None and endpoint in rows:
            row = rows[endpoint]
            place = standing(data, row.platform, row.version)
            keys[key.lower()].add(Candidate(endpoint, "key", row.platform, place, len(row.records), stated))
    data.update(
        {
            "format": INDEX_FORMAT,
            "endpoints": {name: plain(row) for name, row in rows.items()},
            "ids": {name: plain(sorted(found)) for name, found in ids.items()},
            "keys": {name: plain(sorted(found, key=str)) for name, found in keys.items()},
            "served": {name: plain(sorted(found)) for name, found in served.items()},
            "catalogs": tuple(sorted({source for _, source, _, _ in records.values()})),
        }
    )
    return data


def standing(data: IndexData, platform: str | None, version: str) -> int:
    """0 when the platform is the version maker's own API, 1 when it is another first-party API, else 2."""
    _, operator, role = data["platforms"].get(platform, ("", None, None))
    maker = data["versions"].get(version, ("", None))[1]
    if operator is not None and operator == maker:
        return 0
    return 1 if role == "FirstPartyApi" else 2


def plain(value: Any) -> Any:
    """Named tuples as plain tuples, all the way down (the cache's formats take builtins only)."""
    if isinstance(value, tuple | list):
        return tuple(plain(item) for item in value)
    return value


def labels(store: "ox.Store") -> IndexData:
    """Platforms (with every name the catalogs give them), versions with their makers, and sources."""
    platforms: dict[str, tuple[str, str | None, str | None]] = {}
    for row in select(store, PLATFORMS):
        name = slug(row["platform"]) or ""
        found = (text(row["label"]) or name, slug(row["operator"]), slug(row["role"]))
        platforms[name] = min(platforms.get(name, found), found, key=str)
    versions: dict[str, tuple[str, str | None]] = {}
    for row in select(store, VERSIONS):
        name = slug(row["version"]) or ""
        found_version = (text(row["label"]) or name, slug(row["maker"]))
        versions[name] = min(versions.get(name, found_version), found_version, key=str)
    sources = {slug(row["source"]) or "": text(row["label"]) or "" for row in select(store, SOURCES)}
    return {
        "platforms": platforms,
        "platform_names": platform_names(platforms),
        "versions": versions,
        "sources": sources,
    }


def platform_names(platforms: dict[str, tuple[str, str | None, str | None]]) -> dict[str, str]:
    """Every name of a platform, lower-cased: its slug, each catalog's provider ID for it, its label.

    A catalog's ID can be written ``catalog:id`` too (``litellm:azure_ai``). A label that two
    platforms share names neither.
    """
    from aimkg.sources.mappings import mappings

    names: dict[str, str] = {}
    tables = mappings()
    for (catalog, provider_id), platform in sorted(tables.platform_ids.items()):
        names[f"{catalog}:{provider_id}".lower()] = platform
        names.setdefault(provider_id.lower(), platform)
    labelled: defaultdict[str, set[str]] = defaultdict(set)
    for name, (label, _, _) in platforms.items():
        labelled[label.lower()].add(name)
    for label, found in labelled.items():
        if len(found) == 1:
            names.setdefault(label, next(iter(found)))
    for name in [*tables.platforms, *platforms]:
        names[name] = name  # a slug always names its own platform
    return names
