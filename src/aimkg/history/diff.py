"""What changed between two graphs, or between two moments of one graph's record time.

A side of a diff is what a graph states, optionally as its sources stated it at a moment (record
time, DESIGN.md): a catalog record or price holds at T when ``recordedFrom <= T < recordedUntil``
(an open end holds). A node that only timed records speak for (an endpoint listed by models.dev
alone) is there while one of its records holds; a node that an untimed source states (curated
data, a catalog imported without history) is there at every moment.

The diff compares sides at four levels, each keyed so that two releases of one catalog match
(sources by their ``aimkg:url``, records by their catalog key): versions and endpoints added or
removed; prices changed (old → new, with the change in per cent); lifecycle facts (status,
deprecation and retirement dates); capability facts (modalities, supported and lacking features).
Output is sorted, so the same two sides always give the same bytes.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

from aimkg.core.errors import InputError
from aimkg.core.limits import DEFAULT_LIMITS, InputLimits
from aimkg.core.terms import AIMKG, DCTERMS, ID_BASE, RDFS
from aimkg.io.read import read_store
from aimkg.query.queries import utc_moment

FORMATS = ("text", "md", "json")
LIFECYCLE = ("status", "deprecationDate", "retirementDate")
CAPABILITIES = ("inputModality", "outputModality", "supports", "lacks")
SECTIONS = {
    "version": "versions",
    "endpoint": "endpoints",
    "price": "prices",
    "lifecycle": "lifecycle facts",
    "capability": "capability facts",
}

PriceKey = tuple[str, str, str, str, str, str, str]  # endpoint, catalog, record key, variant, kind, tier, above
FactKey = tuple[str, str, str]  # subject (a version, or an endpoint), catalog ("" for a version), record key


@dataclass
class Side:
    """What one side of a diff states: its name, nodes, prices and facts."""

    name: str
    versions: dict[str, str] = field(default_factory=dict)  # IRI → label
    endpoints: dict[str, str] = field(default_factory=dict)  # IRI → "platform model-id"
    prices: dict[PriceKey, tuple[Decimal, ...]] = field(default_factory=dict)
    facts: dict[FactKey, dict[str, tuple[str, ...]]] = field(default_factory=dict)


@dataclass
class Change:
    """One line of a diff: what changed (``what``), on which subject, from what to what."""

    kind: str  # version, endpoint, price, lifecycle, capability
    change: str  # added, removed, changed
    subject: str
    what: str = ""
    old: str = ""
    new: str = ""
    percent: str = ""
    catalog: str = ""
    record: str = ""  # the catalog key of a record's change
    #: The subject's IRI, for a link to its page: where the change is, not what changed, so not compared.
    iri: str = field(default="", compare=False)


def holds(since: str | None, until: str | None, moment: str | None) -> bool:
    """Whether a record time holds at ``moment`` (None: no moment, everything holds)."""
    return moment is None or ((since is None or since <= moment) and (until is None or until > moment))


def short(iri: str | None) -> str:
    """An aimkg term or entity IRI without its base (``InputTokens``, ``version/gpt-4o``)."""
    text = iri or ""
    for base in (AIMKG, ID_BASE):
        text = text.removeprefix(base)
    return text


def rows(store: ox.Store, query: str) -> Iterator[dict[str, str | None]]:
    """Each solution of a query by variable name, its values as text, interned (see ``pairs``)."""
    answer = store.query(f"PREFIX aimkg: <{AIMKG}>\nPREFIX dcterms: <{DCTERMS}>\nPREFIX rdfs: <{RDFS}>\n{query}")
    assert isinstance(answer, ox.QuerySolutions)
    names = [variable.value for variable in answer.variables]
    for solution in answer:
        yield {name: None if solution[name] is None else sys.intern(solution[name].value) for name in names}


def pairs(store: ox.Store, predicate: str) -> Iterator[tuple[str, str]]:
    """Each (subject, object) of a predicate in the default graph, as text: a tenth of the time of SPARQL's rows.

    The texts are interned: a timeline names each node, source and date many times over, and
    one string each, not one per mention, took the catalog's timeline from 161 to 66 MiB.
    """
    for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None, ox.DefaultGraph()):
        yield sys.intern(quad.subject.value), sys.intern(quad.object.value)  # type: ignore[union-attr]


NO_SOURCES: frozenset[str] = frozenset()


def shared_sets(stated: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """Each node's objects as a set, nodes with the same objects sharing one (most nodes have the same one or two)."""
    found: dict[str, set[str]] = defaultdict(set)
    for node, value in stated:
        found[node].add(value)
    shared: dict[frozenset[str], frozenset[str]] = {}
    kept = {}
    for node, values in found.items():
        frozen = frozenset(values)
        kept[node] = shared.setdefault(frozen, frozen)
    return kept


@dataclass
class Timeline:
    """Everything a diff reads from a graph, read once; ``at`` gives the side at any moment."""

    records: list[dict[str, str]]  # record, endpoint, catalog, key, from, until ("" when absent)
    timed_sources: set[str]
    sources: dict[str, frozenset[str]]  # node → its dcterms:source values (equal sets are one object)
    endpoints: list[tuple[str, str, str]]  # endpoint, version, "platform model-id"
    versions: dict[str, str]  # version → label
    prices: list[tuple[PriceKey, Decimal, str, str]]  # key, amount, from, until
    facts: list[tuple[str, str, str]]  # node, predicate name, value

    @classmethod
    def read(cls, store: ox.Store) -> Timeline:
        catalogs = catalog_names(store)
        records = [
            {name: value or "" for name, value in row.items()}
            for row in rows(
                store,
                """SELECT ?record ?endpoint ?source ?key ?from ?until {
                    ?record a aimkg:EndpointRecord ; aimkg:recordOf ?endpoint ; dcterms:source ?source .
                    OPTIONAL { ?record dcterms:identifier ?key }
                    OPTIONAL { ?record aimkg:recordedFrom ?from } OPTIONAL { ?record aimkg:recordedUntil ?until }
                }""",
            )
        ]
        for record in records:
            record["catalog"] = catalogs.get(record["source"], record["source"])
        sources = shared_sets(pairs(store, f"{DCTERMS}source"))
        endpoints = [
            (row["endpoint"] or "", row["version"] or "", f"{short_iri(row['platform'])} {row['modelId']}".strip())
            for row in rows(
                store,
                """SELECT ?endpoint ?version ?modelId ?platform {
                    ?endpoint a aimkg:Endpoint ; aimkg:serves ?version ; aimkg:modelId ?modelId .
                    OPTIONAL { ?endpoint aimkg:platform ?platform }
                }""",
            )
        ]
        versions = {
            row["version"] or "": row["label"] or short_iri(row["version"])
            for row in rows(
                store, "SELECT ?version ?label { ?version a aimkg:Version OPTIONAL { ?version rdfs:label ?label } }"
            )
        }
        facts = [
            (node, name, sys.intern(short(value)))
            for name in (*LIFECYCLE, *CAPABILITIES)
            for node, value in pairs(store, AIMKG + name)
        ]
        timed = {record["source"] for record in records if record["from"] or record["until"]}
        return cls(records, timed, sources, endpoints, versions, list(read_prices(store, catalogs)), facts)

    def moments(self) -> set[str]:
        """Every record time the graph holds: when records and prices began and stopped being stated."""
        found = {record[end] for record in self.records for end in ("from", "until")}
        found |= {moment for *_, since, until in self.prices for moment in (since, until)}
        return found - {""}

    def at(self, name: str, moment: str | None = None) -> Side:
        """What the graph states at ``moment`` (None: everything it states)."""
        result = Side(name)
        holding = {r["record"]: r for r in self.records if holds(r["from"] or None, r["until"] or None, moment)}
        spoken_for = {record["endpoint"] for record in holding.values()}

        def there(node: str, held: bool) -> bool:
            stated_by = self.sources.get(node, NO_SOURCES)
            return held or not stated_by or bool(stated_by - self.timed_sources)

        served: set[str] = set()
        for endpoint, version, label in self.endpoints:
            if there(endpoint, endpoint in spoken_for):
                result.endpoints[endpoint] = label
                served.add(version)
        result.versions = {v: label for v, label in self.versions.items() if there(v, v in served)}
        found: dict[PriceKey, set[Decimal]] = defaultdict(set)
        for key, amount, since, until in self.prices:
            if key[0] in result.endpoints and holds(since or None, until or None, moment):
                found[key].add(amount)
        result.prices = {key: tuple(sorted(amounts)) for key, amounts in found.items()}
        facts: dict[FactKey, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for node, predicate, value in self.facts:
            if node in result.versions:
                facts[node, "", ""][predicate].add(value)
            elif node in holding and holding[node]["endpoint"] in result.endpoints:
                record = holding[node]
                facts[record["endpoint"], record["catalog"], record["key"]][predicate].add(value)
        result.facts = {key: {p: tuple(sorted(v)) for p, v in found.items()} for key, found in facts.items()}
        return result


def catalog_names(store: ox.Store) -> dict[str, str]:
    """Each Source's catalog: the shortest label of the sources with its url (a catalog and its history are one)."""
    query = """SELECT ?source ?url ?label {
        ?source a aimkg:Source OPTIONAL { ?source aimkg:url ?url } OPTIONAL { ?source rdfs:label ?label }
    }"""
    found = [(row["source"] or "", row["url"] or row["source"] or "", row["label"]) for row in rows(store, query)]
    labels: dict[str, list[str]] = defaultdict(list)
    for source, catalog, label in found:
        labels[catalog].append(label or short_iri(source))
    return {source: min(labels[catalog], key=lambda label: (len(label), label)) for source, catalog, _ in found}


def short_iri(iri: str | None) -> str:
    return "" if iri is None else iri.removeprefix(ID_BASE).partition("/")[2] or iri


def read_prices(store: ox.Store, catalogs: dict[str, str]) -> Iterator[tuple[PriceKey, Decimal, str, str]]:
    for row in rows(
        store,
        """SELECT ?endpoint ?source ?amount ?currency ?kind ?unit ?tier ?above ?key ?variant ?from ?until {
            ?price aimkg:endpoint ?endpoint ; aimkg:amount ?amount ; dcterms:source ?source .
            OPTIONAL { ?price aimkg:currency ?currency } OPTIONAL { ?price aimkg:tokenKind ?kind }
            OPTIONAL { ?price aimkg:billingUnit ?unit } OPTIONAL { ?price aimkg:serviceTier ?tier }
            OPTIONAL { ?price aimkg:abovePromptTokens ?above } OPTIONAL { ?price aimkg:variant ?variant }
            OPTIONAL { ?price aimkg:record/dcterms:identifier ?key }
            OPTIONAL { ?price aimkg:recordedFrom ?from } OPTIONAL { ?price aimkg:recordedUntil ?until }
        }""",
    ):
        value = {name: text or "" for name, text in row.items()}
        key = (
            value["endpoint"],
            catalogs.get(value["source"], value["source"]),
            value["key"],
            value["variant"],
            f"{short(value['kind'] or value['unit'])} {value['currency']}".strip(),
            short(value["tier"]),
            value["above"],
        )
        yield key, Decimal(value["amount"]), value["from"], value["until"]


def percent(old: Decimal, new: Decimal) -> str:
    if old == 0:
        return ""
    return f"{(new - old) / old * 100:+.1f}%"


def amounts(values: tuple[Decimal, ...]) -> str:
    return " / ".join(format(value.normalize(), "f") for value in values)


def diff(old: Side, new: Side) -> list[Change]:
    """Every change from ``old`` to ``new``, in a stable order."""
    changes: list[Change] = []
    for kind, before, after in (("version", old.versions, new.versions), ("endpoint", old.endpoints, new.endpoints)):
        came = sorted(after.keys() - before.keys())
        changes += [Change(kind, "added", short_iri(iri), after[iri], iri=iri) for iri in came]
        gone = sorted(before.keys() - after.keys())
        changes += [Change(kind, "removed", short_iri(iri), before[iri], iri=iri) for iri in gone]
    for key in sorted(old.prices.keys() & new.prices.keys()):
        was, now = old.prices[key], new.prices[key]
        if was != now:
            endpoint, catalog, record, variant, kind, tier, above = key
            what = " ".join(part for part in (kind, tier, f"above {above}" if above else "", variant) if part)
            change = percent(was[0], now[0]) if len(was) == len(now) == 1 else ""
            subject = new.endpoints.get(endpoint, short_iri(endpoint))
            changes.append(
                Change("price", "changed", subject, what, amounts(was), amounts(now), change, catalog, record, endpoint)
            )
    for fact_key in sorted(old.facts.keys() & new.facts.keys()):  # a record that came or went is reported above
        subject, catalog, record = fact_key
        label = new.endpoints.get(subject) or new.versions.get(subject) or short_iri(subject)
        before_facts, after_facts = old.facts[fact_key], new.facts[fact_key]
        for name in sorted(before_facts.keys() | after_facts.keys()):
            was_values, now_values = before_facts.get(name, ()), after_facts.get(name, ())
            if was_values != now_values:
                kind = "lifecycle" if name in LIFECYCLE else "capability"
                was_text, now_text = ", ".join(was_values), ", ".join(now_values)
                changes.append(Change(kind, "changed", label, name, was_text, now_text, "", catalog, record, subject))
    return changes


def counts(changes: list[Change]) -> dict[str, int]:
    found: dict[str, int] = defaultdict(int)
    for change in changes:
        found[f"{SECTIONS[change.kind]} {change.change}"] += 1
    return dict(sorted(found.items()))


def render(changes: list[Change], old: str, new: str, fmt: str) -> str:
    """The changes as text, Markdown or JSON: sorted, so that the same diff gives the same bytes."""
    if fmt not in FORMATS:
        raise InputError(f"unknown diff format {fmt!r}; use one of {', '.join(FORMATS)}")
    summary = counts(changes)
    if fmt == "json":
        document = {"old": old, "new": new, "counts": summary, "changes": [vars(change) for change in changes]}
        return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    markdown = fmt == "md"
    lines = [f"# Changes from {old} to {new}" if markdown else f"changes from {old} to {new}", ""]
    lines += [f"- {name}: {count}" if markdown else f"  {name}: {count}" for name, count in summary.items()]
    lines += [] if summary else ["no changes"]
    for section, title in SECTIONS.items():
        chosen = [change for change in changes if change.kind == section]
        if chosen:
            lines += ["", f"## {title.capitalize()}" if markdown else f"{title}:"]
            lines += markdown_table(chosen) if markdown else [text_line(change) for change in chosen]
    return "\n".join(lines) + "\n"


def markdown_table(changes: list[Change]) -> list[str]:
    lines = ["", "| change | subject | what | old | new | % | catalog |", "|---|---|---|---|---|---|---|"]
    for change in changes:
        cells = [change.change, change.subject, change.what, change.old, change.new, change.percent, change.catalog]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return lines


def text_line(change: Change) -> str:
    arrow = f"{change.old} -> {change.new}" if change.change == "changed" else ""
    parts = (change.change, change.subject, change.what, arrow, change.percent, change.catalog)
    return "  " + "  ".join(part for part in parts if part)


DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def moment_of(text: str) -> str | None:
    """The UTC moment a diff argument names: a day (its end, 23:59:59Z) or a time; None for anything else."""
    if DAY.fullmatch(text):
        try:
            date.fromisoformat(text)
        except ValueError:
            raise InputError(f"{text}: not a valid date (YYYY-MM-DD)") from None
        return f"{text}T23:59:59Z"
    if "T" in text and not Path(text).exists():
        return utc_moment(text)
    return None


def sides(old: str, new: str, base: Sequence[Path], limits: InputLimits = DEFAULT_LIMITS) -> tuple[Side, Side]:
    """Both sides of ``aimkg diff OLD NEW``: each an RDF file, or a day or UTC time of the ``base`` graph."""
    moments = {text: moment_of(text) for text in (old, new)}
    timeline = Timeline.read(read_store(base, limits)) if any(moments.values()) else None
    found = []
    for text in (old, new):
        moment = moments[text]
        if timeline is not None and moment is not None:
            found.append(timeline.at(moment, moment))
        elif Path(text).is_file():
            found.append(Timeline.read(read_store([Path(text)], limits)).at(text))
        else:
            raise InputError(f"{text}: neither an RDF file nor a date (YYYY-MM-DD) or UTC time (YYYY-MM-DDTHH:MM:SSZ)")
    return found[0], found[1]
