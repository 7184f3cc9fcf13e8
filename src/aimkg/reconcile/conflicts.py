"""Find where sources disagree about the same version or endpoint; overwrite nothing.

The bundled graph and the given files are loaded into one pyoxigraph store and read with
SPARQL. Identity:

- nodes linked by ``owl:sameAs`` (either direction, transitively) or sharing an IRI are one
  version, provider or model;
- endpoints of the same provider answering to the same model ID (or alias) are one endpoint,
  except curated endpoints with an ``aimkg:availableThrough`` date, whose ID has since been
  reused; a provider's ``<model line>-latest`` ID is compared with the ``aimkg:currentVersion``
  its sources give for that line.

A conflict is one fact (a date, a limit, weights, a price of one token kind and tier, which
version an endpoint serves) with two or more different values, each listed with the node
that states it and that node's sources.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from aimkg.core.terms import ID_BASE, PREFIXES
from aimkg.io.graph import AIMKG
from aimkg.io.read import bundled_files, parse_quads

PROLOGUE = "\n".join(
    f"PREFIX {prefix}: <{namespace}>" for prefix, namespace in PREFIXES.items() if prefix in ("aimkg", "owl", "dcterms")
)

#: Version facts compared across sources (each has at most one value per node).
VERSION_FACTS = (
    "releaseDate",
    "deprecationDate",
    "retirementDate",
    "status",
    "contextWindow",
    "maxInputTokens",
    "maxOutputTokens",
    "parameterCount",
    "knowledgeCutoff",
    "weights",
    "license",
    "modelType",
)
NUMERIC = {"http://www.w3.org/2001/XMLSchema#decimal", "http://www.w3.org/2001/XMLSchema#integer"}

Term = ox.NamedNode | ox.BlankNode | ox.Literal


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
    for prefix, namespace in PREFIXES.items():
        if text.startswith(namespace) and len(text) > len(namespace):
            return f"{prefix}:{text[len(namespace) :]}"
    return text


def comparable(term: Term) -> object:
    """What two values are compared by: numbers by value (2.0 = 2.00), everything else by its text."""
    if isinstance(term, ox.Literal) and term.datatype.value in NUMERIC:
        try:
            return Decimal(term.value)
        except InvalidOperation:
            return term.value
    return short(term)


class Identity:
    """Union-find over node names: sameAs-linked nodes share one representative."""

    def __init__(self, preferred: set[str]) -> None:
        self.parent: dict[str, str] = {}
        self.preferred = preferred

    def find(self, node: str) -> str:
        parent = self.parent.setdefault(node, node)
        if parent != node:
            parent = self.parent[node] = self.find(parent)
        return parent

    def union(self, a: str, b: str) -> None:
        first, second = sorted((self.find(a), self.find(b)), key=lambda node: (node not in self.preferred, node))
        self.parent[second] = first


class Claims:
    """Claims grouped by (subject, fact); the conflicts are the groups with differing values."""

    def __init__(self) -> None:
        self.groups: dict[tuple[str, str], dict[str, tuple[object, Claim]]] = {}

    def add(self, subject: str, fact: str, value: Term, node: str, sources: tuple[str, ...]) -> None:
        claim = Claim(short(value), sources, short(node))
        self.groups.setdefault((subject, fact), {})[claim.node] = (comparable(value), claim)

    def conflicts(self) -> list[Conflict]:
        found: dict[tuple[str, frozenset[Claim]], Conflict] = {}
        for (subject, fact), claims in sorted(self.groups.items()):
            if len({key for key, _ in claims.values()}) > 1:
                chosen = tuple(sorted(claim for _, claim in claims.values()))
                found.setdefault((fact, frozenset(chosen)), Conflict(subject, fact, chosen))
        return sorted(found.values())


def load_store(paths: Iterable[Path]) -> tuple[ox.Store, set[str]]:
    """Load the bundled graph and the given files into one store; return it and the bundled subjects."""
    store = ox.Store()
    bundled: set[str] = set()
    for path in bundled_files():
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


def find_conflicts(paths: Iterable[Path] = ()) -> list[Conflict]:
    """Return the conflicts in the bundled graph plus the given RDF files."""
    store, bundled = load_store(paths)
    identity = Identity(bundled)
    for row in select(store, "SELECT ?a ?b WHERE { ?a owl:sameAs ?b FILTER (isIRI(?a) && isIRI(?b)) }"):
        identity.union(row["a"].value, row["b"].value)
    sources: dict[str, tuple[str, ...]] = {}
    for row in select(store, "SELECT ?node ?source WHERE { ?node dcterms:source ?source }"):
        node = row["node"].value
        sources[node] = (*sources.get(node, ()), short(row["source"]))
    sources = {node: tuple(sorted(found)) for node, found in sources.items()}
    claims = Claims()

    facts: dict[str, list[tuple[str, Term]]] = {}
    values = " ".join(f"aimkg:{name}" for name in VERSION_FACTS)
    for row in select(store, f"SELECT ?v ?p ?o WHERE {{ ?v a aimkg:Version ; ?p ?o . VALUES ?p {{ {values} }} }}"):
        version = row["v"].value
        fact = row["p"].value.removeprefix(str(AIMKG))
        facts.setdefault(version, []).append((fact, row["o"]))
        claims.add(short(identity.find(version)), fact, row["o"], version, sources.get(version, ()))

    prices: dict[str, list[tuple[str, str | None, Term]]] = {}
    for row in select(
        store,
        """SELECT ?v ?price ?kind ?amount ?currency ?per ?tier ?above ?endpoint WHERE {
            ?v aimkg:price ?price . ?price aimkg:tokenKind ?kind ; aimkg:amount ?amount ;
                aimkg:currency ?currency ; aimkg:perTokens ?per .
            OPTIONAL { ?price aimkg:serviceTier ?tier } OPTIONAL { ?price aimkg:abovePromptTokens ?above }
            OPTIONAL { ?price aimkg:endpoint ?endpoint } }""",
    ):
        fact = f"price {short(row['kind'])}"
        fact += f" {short(row['tier'])}" if "tier" in row else ""
        fact += f" above {short(row['above'])} tokens" if "above" in row else ""
        fact += f" ({short(row['currency'])} per {short(row['per'])})"
        endpoint = row["endpoint"].value if "endpoint" in row else None
        prices.setdefault(row["v"].value, []).append((fact, endpoint, row["amount"]))

    def describe(subject: str, endpoint: str | None, version: str, served_sources: tuple[str, ...]) -> None:
        """Claims about an endpoint: which version it serves (when known), and that version's facts."""
        served = identity.find(version)
        if served in bundled:
            claims.add(subject, "serves", ox.NamedNode(served), endpoint or version, served_sources)
        for fact, value in facts.get(version, []):
            claims.add(subject, fact, value, version, sources.get(version, ()))
        for fact, price_endpoint, amount in prices.get(version, []):
            if price_endpoint is None or price_endpoint == endpoint:
                claims.add(subject, fact, amount, price_endpoint or version, sources.get(version, ()))

    for row in select(
        store,
        """SELECT ?e ?provider ?id ?v WHERE {
            ?e a aimkg:Endpoint ; aimkg:provider ?provider ; aimkg:serves ?v .
            { ?e aimkg:modelId ?id } UNION { ?e aimkg:alias ?id }
            FILTER NOT EXISTS { ?e aimkg:availableThrough ?through } }""",
    ):
        endpoint = row["e"].value
        subject = f"endpoint {short(identity.find(row['provider'].value))} {row['id'].value}"
        describe(subject, endpoint, row["v"].value, sources.get(endpoint, ()))

    for row in select(store, "SELECT ?m ?provider ?v WHERE { ?m aimkg:currentVersion ?v ; aimkg:provider ?provider }"):
        model = row["m"].value
        line = model.removeprefix(f"{ID_BASE}model/")
        if line != model and "--" not in line:
            subject = f"endpoint {short(identity.find(row['provider'].value))} {line}-latest"
            describe(subject, None, row["v"].value, sources.get(model, ()))
    return claims.conflicts()


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
