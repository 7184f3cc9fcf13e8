"""The page of each entity: a generic page of every fact it states, and the catalog-style page of a version.

A version's page shows what model catalogs show (specs, benchmark results, prices, where it is
served, the other versions of its line), each cell read from the graph; every other entity's
page lists its facts and the entities pointing to it.
"""

from __future__ import annotations

from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS
from rdflib.term import Node

from aimkg.io.graph import AIMKG
from aimkg.publish.rdf import Entity, as_entity
from aimkg.publish.schema_org import entity_schema, version_schema
from aimkg.publish.views import UNKNOWN, Cell, Page, Value, View, alternates, by_date_desc

#: Predicates a generic page shows apart from its facts table.
SHOWN_APART = {RDF.type, RDFS.label, RDFS.comment, DCTERMS.description}


def entity_page(graph: Graph, entity: Entity) -> Page:
    """The page of any entity: its label, comments, every fact it states and every entity pointing to it."""
    if entity.kind == "version":
        return version_page(graph, entity)
    path = entity.path + ".html"
    view = View(graph, path)
    iri = entity.iri
    facts = []
    for predicate in sorted(set(graph.predicates(iri, None)) - SHOWN_APART, key=lambda p: view.label(p)):
        facts.append((view.value(predicate), view.values(iri, predicate)))  # type: ignore[arg-type]
    incoming = sorted(
        (
            (view.value(subject), view.value(predicate))
            for subject, predicate in graph.subject_predicates(iri)
            if as_entity(subject) is not None
        ),
        key=lambda pair: (pair[1].text, pair[0].text, pair[0].href or ""),  # labels can repeat: links do not
    )
    data = {
        "iri": str(iri),
        "kind": view.values(iri, RDF.type),
        "description": view.texts(iri, DCTERMS.description),
        "notes": view.texts(iri, RDFS.comment),
        "facts": facts,
        "incoming": incoming,
        "line": line_rows(view, iri) if entity.kind == "model" else [],
    }
    return Page(path, view.label(iri), "entity.html", data, alternates(entity.slug), entity_schema(view, entity))


def version_page(graph: Graph, entity: Entity) -> Page:
    """The page of a version: everything a catalog page shows about it, read from the graph."""
    path = entity.path + ".html"
    view = View(graph, path)
    iri = entity.iri
    title = view.label(iri)
    data = {
        "iri": str(iri),
        "provider": view.values(iri, AIMKG.provider),
        "model": view.values(iri, AIMKG.versionOf),
        "description": view.texts(iri, DCTERMS.description),
        "notes": view.texts(iri, RDFS.comment),
        "specs": version_specs(view, iri),
        "benchmarks": benchmark_rows(view, iri),
        "prices": price_rows(view, iri),
        "price_notes": sorted(
            {note for price in view.objects(iri, AIMKG.price) for note in view.texts(price, RDFS.comment)}
        ),
        "strengths": view.texts(iri, AIMKG.strength),
        "use_cases": view.texts(iri, AIMKG.useCase),
        "access": access_rows(view, iri),
        "line": line_rows(view, view.first(iri, AIMKG.versionOf), iri),
        "line_model": view.values(iri, AIMKG.versionOf),
        "sources": view.values(iri, DCTERMS.source),
    }
    return Page(path, title, "version.html", data, alternates(entity.slug), version_schema(view, iri))


def version_specs(view: View, iri: URIRef) -> list[tuple[str, Cell]]:
    """The specs table, in the order catalog pages use; each row is always shown."""
    context = view.first(iri, AIMKG.contextWindow)
    params = view.first(iri, AIMKG.parameterCount)
    architecture = view.cell(iri, AIMKG.architecture)
    note = view.text(iri, AIMKG.architectureNote)
    rows = [
        ("Released", view.cell(iri, AIMKG.releaseDate)),
        ("License", view.cell(iri, AIMKG.license)),
        ("Weights", view.cell(iri, AIMKG.weights)),
        ("Parameters", view.cell(iri, AIMKG.parameterCount, count_values(params, "parameters"))),
        ("Context", view.cell(iri, AIMKG.contextWindow, count_values(context, "tokens"))),
        ("Architecture", Cell(architecture.values, note)),
        ("Knowledge cutoff", view.cell(iri, AIMKG.knowledgeCutoff)),
        ("Modalities", modalities(view, iri)),
        ("Status", view.cell(iri, AIMKG.status)),
        ("Languages", view.cell(iri, AIMKG.language)),
        ("Deprecated", view.cell(iri, AIMKG.deprecationDate)),
        ("Retired", view.cell(iri, AIMKG.retirementDate)),
    ]
    optional = [
        ("Supports", AIMKG.supports),
        ("Lacks", AIMKG.lacks),
        ("Deprecation source", AIMKG.deprecationSource),
        ("Model type", AIMKG.modelType),
        ("Max input tokens", AIMKG.maxInputTokens),
        ("Max output tokens", AIMKG.maxOutputTokens),
        ("Training data", AIMKG.trainingData),
        ("Replaced by", AIMKG.replacedBy),
        ("Succeeded as flagship by", AIMKG.succeededAsFlagshipBy),
    ]
    for name, predicate in optional:
        if view.first(iri, predicate) is not None or (iri, AIMKG.undisclosed, predicate) in view.graph:
            rows.append((name, view.cell(iri, predicate)))
    return rows


def count_values(node: Node | None, unit: str) -> list[Value]:
    """Show a count in full and in the short form catalogs use: "32,000 tokens (32K)"."""
    if node is None:
        return []
    count = int(str(node))
    short = short_tokens(count)
    full = f"{count:,} {unit}"
    return [Value(full if short == f"{count:,}" else f"{full} ({short})")]


def modalities(view: View, iri: URIRef) -> Cell:
    inputs = ", ".join(view.texts(iri, AIMKG.inputModality)) or UNKNOWN
    outputs = ", ".join(view.texts(iri, AIMKG.outputModality)) or UNKNOWN
    return Cell((Value(f"{inputs} in, {outputs} out"),))


def benchmark_rows(view: View, iri: URIRef) -> list[dict[str, Any]]:
    rows = []
    for result in view.incoming(iri, AIMKG.version):
        benchmark = view.first(result, AIMKG.benchmark)
        low = view.text(benchmark, AIMKG.scaleMin) if benchmark is not None else None
        high = view.text(benchmark, AIMKG.scaleMax) if benchmark is not None else None
        better = view.text(benchmark, AIMKG.higherIsBetter) if benchmark is not None else None
        scale = f"{trim(low)}\u2013{trim(high)}" if low is not None and high is not None else UNKNOWN
        if better is not None:
            scale += ", higher is better" if better == "true" else ", lower is better"
        rows.append(
            {
                "result": view.value(result),
                "benchmark": view.value(benchmark) if benchmark is not None else Value(UNKNOWN),
                "score": view.or_unknown(result, AIMKG.score),
                "scale": scale,
                "reported_by": view.values(result, AIMKG.reportedBy),
                "sources": view.values(result, DCTERMS.source),
                "notes": view.texts(result, RDFS.comment),
            }
        )
    return sorted(rows, key=lambda row: (row["benchmark"].text, row["result"].text))


def trim(number: str | None) -> str:
    """Write a scale bound without a needless ".0" (MT-Bench runs 1 to 10)."""
    text = str(number)
    return text[:-2] if text.endswith(".0") else text


def price_rows(view: View, iri: URIRef) -> list[dict[str, Any]]:
    rows = []
    for price in view.objects(iri, AIMKG.price):
        per = view.first(price, AIMKG.perTokens)
        amount = view.text(price, AIMKG.amount)
        currency = view.text(price, AIMKG.currency)
        kind = view.or_unknown(price, AIMKG.tokenKind)
        above = view.first(price, AIMKG.abovePromptTokens)
        if above is not None:
            kind += f" (prompts above {short_tokens(int(str(above)))} tokens)"
        rows.append(
            {
                "link": view.value(price),
                "kind": kind,
                "price": (
                    f"{amount} {currency} per {short_tokens(int(str(per)))} tokens"
                    if amount is not None and currency is not None and per is not None
                    else UNKNOWN
                ),
                "tier": view.text(price, AIMKG.serviceTier) or "Standard",
                "valid_from": view.or_unknown(price, AIMKG.validFrom),
                "valid_through": view.or_unknown(price, AIMKG.validThrough),
                "endpoint": view.values(price, AIMKG.endpoint),
                "reported_by": view.values(price, AIMKG.reportedBy),
                "sources": view.values(price, DCTERMS.source),
            }
        )
    return sorted(rows, key=lambda row: (row["tier"], row["kind"], row["link"].text))


def access_rows(view: View, iri: URIRef) -> list[dict[str, Any]]:
    rows = []
    for endpoint in view.incoming(iri, AIMKG.serves):
        rows.append(
            {
                "link": view.value(endpoint),
                "provider": view.values(endpoint, AIMKG.provider),
                "platform": view.values(endpoint, AIMKG.platform),
                "model_id": view.or_unknown(endpoint, AIMKG.modelId),
                "aliases": view.texts(endpoint, AIMKG.alias),
                "available_from": view.or_unknown(endpoint, AIMKG.availableFrom),
                "available_through": view.or_unknown(endpoint, AIMKG.availableThrough),
                "supports": view.values(endpoint, AIMKG.supports),
                "lacks": view.values(endpoint, AIMKG.lacks),
            }
        )
    return sorted(rows, key=lambda row: row["model_id"])


def line_rows(view: View, model: Node | None, this: Node | None = None) -> list[dict[str, Any]]:
    """Every version of a model line, newest first, marking the current one and the page's own."""
    if model is None:
        return []
    current = set(view.graph.objects(model, AIMKG.currentVersion))
    rows = []
    for version in view.incoming(model, AIMKG.versionOf):
        released = view.text(version, AIMKG.releaseDate)
        rows.append(
            {
                "version": view.value(version),
                "label": view.label(version),
                "sort_date": released,
                "released": released or UNKNOWN,
                "context": view.cell(
                    version,
                    AIMKG.contextWindow,
                    count_values(view.first(version, AIMKG.contextWindow), "tokens"),
                ),
                "license": view.cell(version, AIMKG.license),
                "weights": view.cell(version, AIMKG.weights),
                "status": view.cell(version, AIMKG.status),
                "current": version in current,
                "this": version == this,
            }
        )
    return by_date_desc(rows)


def short_tokens(count: int) -> str:
    """Write a token count the way catalogs do: 1000000 as 1M, 32000 as 32K."""
    for size, suffix in ((1_000_000_000, "B"), (1_000_000, "M"), (1_000, "K")):
        if count >= size and count % (size // 10) == 0:
            return f"{count / size:g}{suffix}"
    return f"{count:,}"
