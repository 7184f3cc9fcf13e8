"""Find where sources disagree about the same version, endpoint or price; overwrite nothing.

The graph (the bundled one, or the built catalog, plus any files) is loaded into one pyoxigraph
store and read with SPARQL. Identity:

- nodes linked by ``owl:sameAs`` (either direction, transitively) or sharing an IRI are one
  version, provider, platform or model;
- an endpoint is its platform (or, without one, its operator) and its model ID or alias, except
  curated endpoints with an ``aimkg:availableThrough`` date, whose ID has since been reused; a
  provider's ``<model line>-latest`` ID is compared with the ``aimkg:currentVersion`` its
  sources give for that line.

A claim is one value of one fact with the node that states it and that node's sources: a
version's own facts, what each catalog record (``aimkg:EndpointRecord``) says of its endpoint and
of the version that endpoint serves, each price of an endpoint by kind, tier, prompt tier, date,
hours, variant, size, quality and search context. Capabilities are facts too (``supports
ImageInput``: ``supports`` or ``lacks``), compared across the records of one endpoint and across
every endpoint of one version: LiteLLM's watsonx record saying Mistral Medium 2505 lacks image
input, and its Azure record saying it supports it, is a conflict about the version (capabilities are
often a platform's, so the endpoints keep their own). A conflict is a fact with two or more
different values.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from aimkg.core.shorten import shorten
from aimkg.core.terms import AIMKG, ID_BASE, PREFIXES, XSD
from aimkg.io.read import Term, bundled_files, parse_quads
from aimkg.reconcile.identity import UnionFind

PROLOGUE = "\n".join(
    f"PREFIX {prefix}: <{namespace}>" for prefix, namespace in PREFIXES.items() if prefix in ("aimkg", "owl", "dcterms")
)

#: Facts about a release: compared across everything said about one version.
VERSION_FACTS = (
    "releaseDate",
    "retirementDate",
    "parameterCount",
    "knowledgeCutoff",
    "weights",
    "license",
    "modelType",
)
#: Facts about a platform's offer: compared across everything said about one endpoint (on a version, for all of them).
ENDPOINT_FACTS = ("deprecationDate", "status", "contextWindow", "maxInputTokens", "maxOutputTokens")
NUMERIC = {f"{XSD}decimal", f"{XSD}integer"}
#: How a capability fact is named: ``supports ImageInput``; its value ``supports`` or ``lacks``.
CAPABILITY = "supports"
#: The dimensions that tell one price of an endpoint from another.
PRICE_DIMENSIONS = ("tier", "above", "validFrom", "hours", "variant", "size", "quality", "search")


@dataclass(frozen=True, order=True)
class Claim:
    """One value of a fact, the node that states it, and that node's sources."""

    value: str
    sources: tuple[str, ...]
    node: str


@dataclass(frozen=True, order=True)
class Conflict:
    """Sources disagreeing on one fact about one version or endpoint."""

    subject: str
    fact: str
    claims: tuple[Claim, ...]


def short(term: Term | str) -> str:
    """Write an IRI with aimkg's prefixes (version:mistral-medium-2604), a literal as its value."""
    if isinstance(term, ox.Literal):
        return term.value
    text = term.value if isinstance(term, ox.NamedNode | ox.BlankNode) else term
    return shorten(text) or text


def comparable(term: Term) -> object:
    """What two values are compared by: numbers by value (2.0 = 2.00), everything else by its text."""
    if isinstance(term, ox.Literal) and term.datatype.value in NUMERIC:
        try:
            return Decimal(term.value)
        except InvalidOperation:
            return term.value
    return short(term)


class Claims:
    """Claims grouped by (subject, fact); the conflicts are the groups with differing values."""

    def __init__(self) -> None:
        self.groups: dict[tuple[str, str], dict[str, tuple[object, Claim]]] = {}

    def add(self, subject: str, fact: str, value: Term, node: str, sources: tuple[str, ...]) -> None:
        claim = Claim(short(value), sources, short(node))
        self.groups.setdefault((subject, fact), {})[claim.node] = (comparable(value), claim)

    def conflicts(self) -> list[Conflict]:
        """One conflict per fact and set of claims; seen from a version and its endpoints, named by the version."""
        found: dict[tuple[str, frozenset[Claim]], Conflict] = {}
        for (subject, fact), claims in sorted(
            self.groups.items(), key=lambda item: (item[0][0].startswith("endpoint "), item[0])
        ):
            if len({key for key, _ in claims.values()}) > 1:
                chosen = tuple(sorted(claim for _, claim in claims.values()))
                found.setdefault((fact, frozenset(chosen)), Conflict(subject, fact, chosen))
        return sorted(found.values())


def load_store(paths: Iterable[Path], base: Iterable[Path]) -> tuple[ox.Store, set[str]]:
    """Load the base graph and the given files into one store; return it and the base graph's subjects."""
    store = ox.Store()
    bundled: set[str] = set()
    for path in base:
        quads = list(parse_quads(path))
        bundled.update(quad.subject.value for quad in quads if isinstance(quad.subject, ox.NamedNode))
        store.extend(quads)
    for path in paths:
        store.extend(parse_quads(Path(path)))
    return store, bundled


def select(store: ox.Store, query: str) -> list[dict[str, Term]]:
    """Run a SELECT query; each solution as a dict of bound variables."""
    solutions = store.query(f"{PROLOGUE}\n{query}")
    assert isinstance(solutions, ox.QuerySolutions)
    names = [variable.value for variable in solutions.variables]
    return [{name: row[name] for name in names if row[name] is not None} for row in solutions]


def values_clause(names: Iterable[str]) -> str:
    return " ".join(f"aimkg:{name}" for name in names)


class ConflictFinder:
    """Read the claims of a store and group them by what they are about."""

    def __init__(self, store: ox.Store, bundled: set[str]) -> None:
        self.store = store
        self.identity: UnionFind[str] = UnionFind()
        for row in select(store, "SELECT ?a ?b WHERE { ?a owl:sameAs ?b FILTER (isIRI(?a) && isIRI(?b)) }"):
            self.identity.union(row["a"].value, row["b"].value)
        self.named: dict[str, str] = {}  # identity group → the base graph's node that names it
        for node in sorted(bundled):
            self.named.setdefault(self.identity.find(node), node)
        found: dict[str, set[str]] = {}
        for row in select(store, "SELECT ?node ?source WHERE { ?node dcterms:source ?source }"):
            found.setdefault(row["node"].value, set()).add(short(row["source"]))
        self.sources = {node: tuple(sorted(sources)) for node, sources in found.items()}
        self.claims = Claims()
        self.version_facts: dict[str, list[tuple[str, Term, str]]] = {}  # version → (fact, value, stating node)
        self.prices: dict[str, list[tuple[str, Term, str]]] = {}  # endpoint → (fact, amount, price node)

    def name(self, node: str) -> str:
        """The name of a node's identity group: its member in the base graph if there is one."""
        group = self.identity.find(node)
        return short(self.named.get(group, group))

    def find(self) -> list[Conflict]:
        self.read_versions()
        self.read_records()
        self.read_capabilities()
        self.read_prices()
        self.compare_endpoints()
        self.compare_latest()
        return self.claims.conflicts()

    def read_versions(self) -> None:
        """A version's own facts, and what records say of the version their endpoint serves."""
        names = values_clause((*VERSION_FACTS, *ENDPOINT_FACTS))
        for row in select(
            self.store, f"SELECT ?v ?p ?o WHERE {{ ?v a aimkg:Version ; ?p ?o . VALUES ?p {{ {names} }} }}"
        ):
            self.version_fact(row["v"].value, row["p"].value.removeprefix(AIMKG), row["o"], row["v"].value)

    def read_records(self) -> None:
        names = values_clause((*VERSION_FACTS, *ENDPOINT_FACTS))
        query = f"""SELECT ?r ?e ?v ?p ?o WHERE {{
            ?r a aimkg:EndpointRecord ; aimkg:recordOf ?e ; ?p ?o . ?e aimkg:serves ?v .
            VALUES ?p {{ {names} }} }}"""
        for row in select(self.store, query):
            fact, record = row["p"].value.removeprefix(AIMKG), row["r"].value
            if fact in ENDPOINT_FACTS:
                self.claims.add(short(row["e"]), fact, row["o"], record, self.sources.get(record, ()))
            self.version_fact(row["v"].value, fact, row["o"], record)

    def read_capabilities(self) -> None:
        """What each record, and each curated version, says a model supports or lacks: compared per endpoint and
        per version (a shared node's capabilities are what its records agree on, so they add no claim)."""
        query = """SELECT ?node ?e ?v ?p ?capability WHERE {
            { ?node a aimkg:EndpointRecord ; aimkg:recordOf ?e . ?e aimkg:serves ?v }
            UNION { ?node a aimkg:Version . BIND (?node AS ?v) }
            ?node ?p ?capability . VALUES ?p { aimkg:supports aimkg:lacks } }"""
        for row in select(self.store, query):
            node = row["node"].value
            if "e" not in row and self.named.get(self.identity.find(node)) != node:
                continue  # a catalog's shared version: its records are read instead
            fact = f"{CAPABILITY} {short(row['capability']).removeprefix('aimkg:')}"
            value = ox.Literal(row["p"].value.removeprefix(AIMKG))
            sources = self.sources.get(node, ())
            if "e" in row:
                self.claims.add(short(row["e"]), fact, value, node, sources)
            self.version_facts.setdefault(row["v"].value, []).append((fact, value, node))
            self.claims.add(self.name(row["v"].value), fact, value, node, sources)

    def version_fact(self, version: str, fact: str, value: Term, node: str) -> None:
        self.version_facts.setdefault(version, []).append((fact, value, node))
        if fact in VERSION_FACTS:
            self.claims.add(self.name(version), fact, value, node, self.sources.get(node, ()))

    def read_prices(self) -> None:
        """Each price, by endpoint (or, for a version's own price, by version) and by what it is a price of."""
        query = """SELECT ?price ?owner ?kind ?amount ?currency ?per ?tier ?above ?validFrom ?hours ?variant ?size
            ?quality ?search WHERE {
            ?price a aimkg:PriceSpec ; aimkg:amount ?amount ; aimkg:currency ?currency .
            { ?price aimkg:endpoint ?owner }
            UNION { ?owner aimkg:price ?price FILTER NOT EXISTS { ?price aimkg:endpoint ?e } }
            { ?price aimkg:tokenKind ?kind ; aimkg:perTokens ?per }
            UNION { ?price aimkg:billingUnit ?kind ; aimkg:perUnits ?per }
            OPTIONAL { ?price aimkg:serviceTier ?tier } OPTIONAL { ?price aimkg:abovePromptTokens ?above }
            OPTIONAL { ?price aimkg:validFrom ?validFrom } OPTIONAL { ?price aimkg:validHours ?hours }
            OPTIONAL { ?price aimkg:variant ?variant } OPTIONAL { ?price aimkg:mediaSize ?size }
            OPTIONAL { ?price aimkg:mediaQuality ?quality } OPTIONAL { ?price aimkg:searchContextSize ?search } }"""
        for row in select(self.store, query):
            fact = f"price {short(row['kind'])}"
            fact += "".join(f" {name} {short(row[name])}" for name in PRICE_DIMENSIONS if name in row)
            fact += f" ({short(row['currency'])} per {short(row['per'])})"
            price = row["price"].value
            self.prices.setdefault(row["owner"].value, []).append((fact, row["amount"], price))

    def compare_endpoints(self) -> None:
        """Everything said of one endpoint: which curated version it serves, its version's facts, its prices."""
        query = """SELECT ?e ?where ?id ?v WHERE {
            ?e a aimkg:Endpoint ; aimkg:serves ?v .
            { ?e aimkg:platform ?where } UNION { ?e aimkg:provider ?where FILTER NOT EXISTS { ?e aimkg:platform ?p } }
            { ?e aimkg:modelId ?id } UNION { ?e aimkg:alias ?id }
            FILTER NOT EXISTS { ?e aimkg:availableThrough ?through } }"""
        for row in select(self.store, query):
            endpoint = row["e"].value
            subject = f"endpoint {self.name(row['where'].value)} {row['id'].value}"
            self.describe(subject, endpoint, row["v"].value, self.sources.get(endpoint, ()))
            for fact, amount, price in self.prices.get(endpoint, []):
                self.claims.add(subject, fact, amount, price, self.sources.get(price, ()))

    def describe(self, subject: str, node: str, version: str, node_sources: tuple[str, ...]) -> None:
        """Claims about an endpoint: the curated version it serves (if any), and its version's facts and prices."""
        served = self.named.get(self.identity.find(version))
        if served is not None:
            self.claims.add(subject, "serves", ox.NamedNode(served), node, node_sources)
        for fact, value, stating in self.version_facts.get(version, []):
            self.claims.add(subject, fact, value, stating, self.sources.get(stating, ()))
        for fact, amount, price in self.prices.get(version, []):
            self.claims.add(subject, fact, amount, price, self.sources.get(price, ()))

    def compare_latest(self) -> None:
        """A line's ``<line>-latest`` ID against the current version its sources name."""
        query = "SELECT ?m ?provider ?v WHERE { ?m aimkg:currentVersion ?v ; aimkg:provider ?provider }"
        for row in select(self.store, query):
            model = row["m"].value
            line = model.removeprefix(f"{ID_BASE}model/")
            if line == model or "--" in line:
                continue
            query = f"SELECT ?p WHERE {{ ?p a aimkg:Platform ; aimkg:provider <{row['provider'].value}> }}"
            for platform in select(self.store, query):
                subject = f"endpoint {self.name(platform['p'].value)} {line}-latest"
                self.describe(subject, model, row["v"].value, self.sources.get(model, ()))


def find_conflicts(paths: Iterable[Path] = (), base: Iterable[Path] | None = None) -> list[Conflict]:
    """Return the conflicts in the bundled graph (or ``base``) plus the given RDF files."""
    store, bundled = load_store(paths, bundled_files() if base is None else base)
    return ConflictFinder(store, bundled).find()


def to_json(conflicts: list[Conflict]) -> str:
    """Render conflicts as JSON, for programs."""
    document = {"conflicts": len(conflicts), "results": [asdict(conflict) for conflict in conflicts]}
    return json.dumps(document, indent=2, ensure_ascii=False)


def to_table(conflicts: list[Conflict]) -> str:
    """Render conflicts as a table for people: one row per claim, the subject and fact on its first row."""
    header = ("SUBJECT", "FACT", "VALUE", "SOURCES", "STATED BY")
    rows = [header]
    for conflict in conflicts:
        for index, claim in enumerate(conflict.claims):
            first = index == 0
            rows.append(
                (
                    conflict.subject if first else "",
                    conflict.fact if first else "",
                    claim.value,
                    ", ".join(claim.sources) or "(none)",
                    claim.node,
                )
            )
    widths = [max(len(row[column]) for row in rows) for column in range(len(header) - 1)]
    lines = [
        "  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[-1]]) for row in rows
    ]
    lines.append(f"{len(conflicts)} conflict(s)")
    return "\n".join(line.rstrip() for line in lines)
