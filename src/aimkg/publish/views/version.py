"""The page of a version: everything a catalog page shows about one release, wherever it is served.

Overview and a facts table (each row always shown: "Undisclosed" when withheld, "Unknown" when
nobody published it), capabilities, its prices on every platform that serves it with each
price's sources (side by side as a table and a chart, then every statement), the history of
those prices as step charts with their tables, benchmark results with their scales, its
lifecycle, the endpoints that serve it, related versions (its model line and its
predecessors and successors), the record of changes, and its sources.
"""

from __future__ import annotations

from typing import Any

from aimkg.publish.graph import DC, RDFS, A
from aimkg.publish.rdf import Entity
from aimkg.publish.schema_org import version_schema
from aimkg.publish.views import UNKNOWN, Cell, Page, Value, View, alternates, by_date_desc, in_order, node_iri
from aimkg.publish.views.prices import (
    COMPARED,
    change_rows,
    format_price,
    history_charts,
    platform_bars,
    platform_rows,
    prices_of,
    short_count,
    statement_rows,
)
from aimkg.publish.views.summary import Summary

#: Optional rows of the facts table, shown when stated or withheld.
OPTIONAL_FACTS = [
    ("Model type", A.modelType),
    ("Max input tokens", A.maxInputTokens),
    ("Max output tokens", A.maxOutputTokens),
    ("Training data", A.trainingData),
    ("Replaced by", A.replacedBy),
    ("Succeeded as flagship by", A.succeededAsFlagshipBy),
    ("Base model", A.baseModel),
    ("Deprecation source", A.deprecationSource),
]
#: How the related-versions list names each link, from this version and towards it.
RELATIONS = [
    (A.replacedBy, "Replaced by", "Replaces"),
    (A.succeededAsFlagshipBy, "Succeeded as flagship by", "Flagship successor of"),
    (A.baseModel, "Based on", "Base of"),
]


def version_page(view: View, entity: Entity, summary: Summary) -> Page:
    """The page of a version, read from the graph."""
    iri = entity.iri
    title = view.label(iri)
    endpoints = view.incoming(iri, A.serves)
    prices = prices_of(view, iri, endpoints)
    side_by_side = platform_rows(view, endpoints, prices)
    since = min(
        [*view.texts(iri, A.releaseDate), *(d for e in endpoints for d in view.texts(e, A.availableFrom))], default=None
    )
    charts = history_charts(view, title, prices, with_platform=True, since=since)
    data = {
        "iri": iri,
        "provider": view.values(iri, A.provider),
        "model": view.values(iri, A.versionOf),
        "description": view.texts(iri, DC.description),
        "notes": view.texts(iri, RDFS.comment),
        "specs": version_specs(view, iri),
        "capabilities": capability_rows(view, [iri, *endpoints]),
        "benchmarks": benchmark_rows(view, iri),
        "compared": list(COMPARED.values()),
        "side_by_side": side_by_side,
        "bars": platform_bars("prices-by-platform", title, side_by_side),
        "prices": statement_rows(view, prices),
        "price_notes": sorted({note for price in prices for note in view.texts(price.iri, RDFS.comment)}),
        "charts": charts,
        "strengths": view.texts(iri, A.strength),
        "use_cases": view.texts(iri, A.useCase),
        "lifecycle": lifecycle_rows(view, iri, endpoints),
        "access": access_rows(view, endpoints),
        "related": related_rows(view, iri),
        "line": line_rows(view, summary, view.first_iri(iri, A.versionOf), iri),
        "line_model": view.values(iri, A.versionOf),
        "changes": changes(view, iri, endpoints, prices),
        "sources": view.values(iri, DC.source),
    }
    schema = version_schema(view, iri, [price.iri for price in prices])
    return Page(entity.path + ".html", title, "version.html", data, alternates(entity.slug), schema)


def version_specs(view: View, iri: str) -> list[tuple[str, Cell]]:
    """The facts table, in the order catalog pages use; each row is always shown."""
    architecture = view.cell(iri, A.architecture)
    rows = [
        ("Released", view.cell(iri, A.releaseDate)),
        ("License", view.cell(iri, A.license)),
        ("Weights", view.cell(iri, A.weights)),
        ("Parameters", view.cell(iri, A.parameterCount, count_values(view.text(iri, A.parameterCount), "parameters"))),
        ("Context", view.cell(iri, A.contextWindow, count_values(view.text(iri, A.contextWindow), "tokens"))),
        ("Architecture", Cell(architecture.values, view.text(iri, A.architectureNote))),
        ("Knowledge cutoff", view.cell(iri, A.knowledgeCutoff)),
        ("Modalities", modalities(view, iri)),
        ("Status", view.cell(iri, A.status)),
        ("Languages", view.cell(iri, A.language)),
        ("Deprecated", view.cell(iri, A.deprecationDate)),
        ("Retired", view.cell(iri, A.retirementDate)),
    ]
    for name, predicate in OPTIONAL_FACTS:
        if view.first(iri, predicate) is not None or view.withheld(iri, predicate):
            rows.append((name, view.cell(iri, predicate)))
    return rows


def count_values(lexical: str | None, unit: str) -> list[Value]:
    """Show a count in full and in the short form catalogs use: "32,000 tokens (32K)"."""
    if lexical is None or not lexical.lstrip("+-").isdigit():
        return [Value(lexical)] if lexical is not None else []
    count = int(lexical)
    short = short_count(count)
    full = f"{count:,} {unit}"
    return [Value(full if short == f"{count:,}" else f"{full} ({short})")]


def modalities(view: View, iri: str) -> Cell:
    inputs = ", ".join(view.texts(iri, A.inputModality)) or UNKNOWN
    outputs = ", ".join(view.texts(iri, A.outputModality)) or UNKNOWN
    return Cell((Value(f"{inputs} in, {outputs} out"),))


def capability_rows(view: View, nodes: list[str]) -> list[dict[str, Any]]:
    """What the version (or an endpoint serving it) supports or lacks, with where that is said."""
    found: dict[tuple[str, str], list[Value]] = {}
    for node in nodes:
        for predicate, state in ((A.supports, "Supported"), (A.lacks, "Not supported")):
            for capability in view.graph.objects(node, predicate):
                capability_iri = node_iri(capability)
                if capability_iri is not None:
                    found.setdefault((capability_iri, state), []).append(view.value(node))
    rows = [
        {"capability": view.value(capability), "state": state, "where": where}
        for (capability, state), where in found.items()
    ]
    return sorted(rows, key=lambda row: (row["capability"].text, row["state"]))


def benchmark_rows(view: View, iri: str) -> list[dict[str, Any]]:
    rows = []
    for result in view.incoming(iri, A.version):
        benchmark = view.first_iri(result, A.benchmark)
        low = view.text(benchmark, A.scaleMin) if benchmark else None
        high = view.text(benchmark, A.scaleMax) if benchmark else None
        better = view.text(benchmark, A.higherIsBetter) if benchmark else None
        scale = f"{trim(low)}\u2013{trim(high)}" if low is not None and high is not None else UNKNOWN
        if better is not None:
            scale += ", higher is better" if better == "true" else ", lower is better"
        rows.append(
            {
                "result": view.value(result),
                "benchmark": view.value(benchmark) if benchmark else Value(UNKNOWN),
                "score": view.or_unknown(result, A.score),
                "scale": scale,
                "reported_by": view.values(result, A.reportedBy),
                "sources": view.values(result, DC.source),
                "notes": view.texts(result, RDFS.comment),
            }
        )
    return sorted(rows, key=lambda row: (row["benchmark"].text, row["result"].text))


def trim(number: str | None) -> str:
    """Write a scale bound without a needless ".0" (MT-Bench runs 1 to 10)."""
    text = str(number)
    return text[:-2] if text.endswith(".0") else text


def access_rows(view: View, endpoints: list[str]) -> list[dict[str, Any]]:
    rows = []
    for endpoint in endpoints:
        records = view.incoming(endpoint, A.recordOf)
        rows.append(
            {
                "link": view.value(endpoint),
                "provider": view.values(endpoint, A.provider),
                "platform": view.values(endpoint, A.platform),
                "model_id": view.or_unknown(endpoint, A.modelId),
                "aliases": view.texts(endpoint, A.alias),
                "available_from": view.or_unknown(endpoint, A.availableFrom),
                "available_through": view.or_unknown(endpoint, A.availableThrough),
                "records": [
                    Value(view.text(record, DC.identifier) or view.label(record), view.href(record))
                    for record in records
                ],
            }
        )
    return sorted(rows, key=lambda row: (row["platform"][0].text if row["platform"] else "", row["model_id"]))


def lifecycle_rows(view: View, iri: str, endpoints: list[str]) -> list[dict[str, Any]]:
    """The version's dated lifecycle, and when each endpoint was available, oldest first."""
    rows: list[dict[str, Any]] = []
    for predicate, event in (
        (A.releaseDate, "Released"),
        (A.deprecationDate, "Deprecated"),
        (A.retirementDate, "Retired"),
    ):
        for date in view.texts(iri, predicate):
            rows.append({"date": date, "event": event, "where": []})
    for endpoint in endpoints:
        where = [view.value(endpoint)]
        for predicate, event in ((A.availableFrom, "Available"), (A.availableThrough, "Last available")):
            for date in view.texts(endpoint, predicate):
                rows.append({"date": date, "event": event, "where": where})
    return sorted(rows, key=lambda row: (row["date"], row["event"], [v.text for v in row["where"]]))


def related_rows(view: View, iri: str) -> list[dict[str, Any]]:
    """Versions linked to this one, either way: replacements, flagship successors, base models."""
    rows = []
    for predicate, forward, backward in RELATIONS:
        for target in view.graph.objects(iri, predicate):
            rows.append({"relation": forward, "version": view.value(target)})
        for source in view.incoming(iri, predicate):
            rows.append({"relation": backward, "version": view.value(source)})
    return sorted(rows, key=lambda row: (row["relation"], in_order(row["version"])))


def line_rows(view: View, summary: Summary, model: str | None, this: str | None = None) -> list[dict[str, Any]]:
    """Every version of a model line side by side, newest first: context window, lowest prices, platforms."""
    if model is None:
        return []
    current = {node_iri(term) for term in view.graph.objects(model, A.currentVersion)}
    rows = []
    for version in summary.by_line.get(model, []):
        line = summary.versions[version]
        rows.append(
            {
                "version": view.value(version),
                "label": view.label(version),
                "sort_date": line.released,
                "released": line.released or UNKNOWN,
                "context": view.cell(
                    version, A.contextWindow, count_values(view.text(version, A.contextWindow), "tokens")
                ),
                "license": view.cell(version, A.license),
                "weights": view.cell(version, A.weights),
                "status": view.cell(version, A.status),
                "input": format_price(line.price(A.InputTokens)),
                "output": format_price(line.price(A.OutputTokens)),
                "platforms": len(line.platforms),
                "current": version in current,
                "this": version == this,
            }
        )
    return by_date_desc(rows)


def changes(view: View, iri: str, endpoints: list[str], prices: list[Any]) -> list[dict[str, Any]]:
    """The record of changes: every dated event of the version, its endpoints and their prices, newest first."""
    rows = [
        {
            "date": row["date"],
            "time": "lifecycle",
            "event": f"{row['event']}",
            "link": row["where"][0] if row["where"] else view.value(iri),
            "sources": view.values(iri, DC.source),
        }
        for row in lifecycle_rows(view, iri, endpoints)
    ]
    rows += change_rows(view, prices, with_platform=True)
    for endpoint in endpoints:
        for record in view.incoming(endpoint, A.recordOf):
            for predicate, event in ((A.recordedFrom, "first stated"), (A.recordedUntil, "no longer stated")):
                for date in view.texts(record, predicate):
                    rows.append(
                        {
                            "date": date,
                            "time": "record time",
                            "event": f"Catalog record {event}",
                            "link": view.value(record),
                            "sources": view.values(record, DC.source),
                        }
                    )
    return sorted(rows, key=lambda row: (row["date"], row["event"]), reverse=True)
