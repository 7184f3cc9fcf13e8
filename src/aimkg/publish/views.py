"""Turn the graph into what each page shows: plain data for the templates, plus schema.org JSON-LD.

Every string here is read from the graph, or is a fixed word that says the graph has no value:
"Undisclosed" when the provider explicitly withheld the fact (``aimkg:undisclosed``), "Unknown"
when nobody has published it. Templates only lay these out and escape them.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from aimkg.core.terms import PREFIXES
from aimkg.export.folder import CONTEXT_FILE, DESCRIPTION_FILE
from aimkg.export.formats import FORMATS
from aimkg.io.graph import AIMKG, ONTOLOGY_IRI
from aimkg.publish.rdf import DATA_FORMATS, Entity, as_entity, entities

UNDISCLOSED = "Undisclosed"
UNKNOWN = "Unknown"
ONTOLOGY_PAGE = "ontology.html"
SCHEMA_CONTEXT = "http://schema.org/"
SPDX = "http://spdx.org/licenses/"
#: The kinds in the order the index lists them, with their section titles.
KIND_TITLES = {
    "provider": "Providers",
    "model": "Model lines",
    "version": "Versions",
    "endpoint": "Endpoints",
    "platform": "Platforms",
    "price": "Prices",
    "benchmark": "Benchmarks",
    "result": "Benchmark results",
    "source": "Sources",
}
#: Predicates a generic page shows apart from its facts table.
SHOWN_APART = {RDF.type, RDFS.label, RDFS.comment, DCTERMS.description}
#: How the ontology page names the alignment predicates.
ALIGNMENT = {
    RDFS.subClassOf: "subclass of",
    RDFS.subPropertyOf: "subproperty of",
    OWL.equivalentClass: "equivalent class",
    OWL.equivalentProperty: "equivalent property",
    OWL.sameAs: "same as",
    SKOS.closeMatch: "close match",
    SKOS.exactMatch: "exact match",
}


@dataclass(frozen=True)
class Value:
    """One shown value: its text, and where it links to (None for plain text)."""

    text: str
    href: str | None = None


@dataclass(frozen=True)
class Cell:
    """A table cell: its values (never empty) and an optional note shown under them."""

    values: tuple[Value, ...]
    note: str | None = None


@dataclass
class Page:
    """What a template needs: the site path, the title, the template name and its data."""

    path: str
    title: str
    template: str
    data: dict[str, Any] = field(default_factory=dict)
    alternates: dict[str, str] = field(default_factory=dict)
    schema: dict[str, Any] | None = None


def short_tokens(count: int) -> str:
    """Write a token count the way catalogs do: 1000000 as 1M, 32000 as 32K."""
    for size, suffix in ((1_000_000_000, "B"), (1_000_000, "M"), (1_000, "K")):
        if count >= size and count % (size // 10) == 0:
            return f"{count / size:g}{suffix}"
    return f"{count:,}"


def by_date_desc(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sort rows newest first on their "sort_date"; rows without a date go last."""
    rows = sorted(rows, key=lambda row: row["label"])
    dated = sorted((row for row in rows if row["sort_date"]), key=lambda row: row["sort_date"], reverse=True)
    return dated + [row for row in rows if not row["sort_date"]]


class View:
    """Read the graph for one page: labels, links relative to the page, cells that are never blank."""

    def __init__(self, graph: Graph, path: str) -> None:
        self.graph = graph
        self.path = path

    def rel(self, target: str) -> str:
        """Return a link from this page to a site path, relative so that the site works wherever hosted."""
        anchor = ""
        if "#" in target:
            target, anchor = target.split("#", 1)
            anchor = "#" + anchor
        return posixpath.relpath(target, posixpath.dirname(self.path) or ".") + anchor

    def label(self, node: Node) -> str:
        """Return a node's English label, or a readable name taken from its IRI or lexical form."""
        if isinstance(node, Literal):
            return str(node)
        labels = sorted(
            (lit for lit in self.graph.objects(node, RDFS.label) if isinstance(lit, Literal)),
            key=lambda lit: (lit.language != "en", str(lit)),
        )
        if labels:
            return str(labels[0])
        text = str(node)
        if text.startswith(SPDX):
            return text[len(SPDX) :]
        for prefix, namespace in PREFIXES.items():
            if text.startswith(namespace) and len(text) > len(namespace):
                return f"{prefix}:{text[len(namespace) :]}"
        return text

    def href(self, node: Node) -> str | None:
        """Return where a node links to: its page on this site, the ontology page, or the IRI itself."""
        entity = as_entity(node)
        if entity is not None:
            return self.rel(entity.path + ".html")
        if isinstance(node, URIRef) and str(node).startswith(str(AIMKG)):
            return self.rel(f"{ONTOLOGY_PAGE}#{node[len(AIMKG) :]}")
        if node == ONTOLOGY_IRI:
            return self.rel(ONTOLOGY_PAGE)
        if isinstance(node, URIRef) and str(node).startswith(("http://", "https://")):
            return str(node)
        return None

    def value(self, node: Node) -> Value:
        return Value(self.label(node), self.href(node))

    def objects(self, subject: Node, predicate: URIRef) -> list[Node]:
        return sorted(self.graph.objects(subject, predicate), key=str)

    def values(self, subject: Node, predicate: URIRef) -> list[Value]:
        return sorted((self.value(node) for node in self.objects(subject, predicate)), key=lambda v: v.text)

    def first(self, subject: Node, predicate: URIRef) -> Node | None:
        found = self.objects(subject, predicate)
        return found[0] if found else None

    def text(self, subject: Node, predicate: URIRef) -> str | None:
        found = self.first(subject, predicate)
        return None if found is None else self.label(found)

    def texts(self, subject: Node, predicate: URIRef) -> list[str]:
        return sorted(self.label(node) for node in self.objects(subject, predicate))

    def cell(self, subject: Node, predicate: URIRef, shown: list[Value] | None = None) -> Cell:
        """Return a fact's cell: its values, else "Undisclosed" if withheld, else "Unknown"."""
        values = self.values(subject, predicate) if shown is None else shown
        if values:
            return Cell(tuple(values))
        if (subject, AIMKG.undisclosed, predicate) in self.graph:
            return Cell((Value(UNDISCLOSED),))
        return Cell((Value(UNKNOWN),))

    def or_unknown(self, subject: Node, predicate: URIRef) -> str:
        return self.text(subject, predicate) or UNKNOWN

    def incoming(self, node: Node, predicate: URIRef) -> list[Node]:
        return sorted(self.graph.subjects(predicate, node), key=str)


# ---------------------------------------------------------------- versions


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
    return Page(path, title, "version.html", data, alternates(entity), schema_version(view, iri))


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


def alternates(entity: Entity) -> dict[str, str]:
    """The data files beside an entity's page, as links relative to the page."""
    return {fmt.media_type: f"{entity.slug}{suffix}" for suffix, fmt in DATA_FORMATS.items()}


# ---------------------------------------------------------------- schema.org


def schema_version(view: View, iri: URIRef) -> dict[str, Any]:
    """Describe a version for search engines: a schema.org SoftwareApplication (a CreativeWork), with offers.

    Link: https://schema.org/UnitPriceSpecification — each price is an Offer whose
    priceSpecification has a referenceQuantity of perTokens "tokens".
    """
    node = schema_node(view, iri, "SoftwareApplication")
    node["@context"] = SCHEMA_CONTEXT
    published = view.text(iri, AIMKG.releaseDate)
    if published:
        node["datePublished"] = published
    licence = view.first(iri, AIMKG.license)
    if licence is not None:
        node["license"] = str(licence)
    languages = view.texts(iri, AIMKG.language)
    if languages:
        node["inLanguage"] = languages
    for predicate, key, kind in (
        (AIMKG.provider, "provider", "Organization"),
        (AIMKG.versionOf, "exampleOfWork", "CreativeWork"),
    ):
        target = view.first(iri, predicate)
        if target is not None:
            node[key] = {"@type": kind, "@id": str(target), "name": view.label(target)}
    offers = [schema_offer(view, price) for price in view.objects(iri, AIMKG.price)]
    if offers:
        node["offers"] = offers
    return node


def schema_offer(view: View, price: Node) -> dict[str, Any]:
    spec = schema_node(view, price, "UnitPriceSpecification")
    spec.pop("description", None)
    for predicate, key in (
        (AIMKG.amount, "price"),
        (AIMKG.currency, "priceCurrency"),
        (AIMKG.validFrom, "validFrom"),
        (AIMKG.validThrough, "validThrough"),
    ):
        value = view.text(price, predicate)
        if value is not None:
            spec[key] = value
    per = view.first(price, AIMKG.perTokens)
    if per is not None:
        spec["referenceQuantity"] = {
            "@type": "QuantitativeValue",
            "value": int(str(per)),
            "unitText": "tokens",
        }
    return {"@type": "Offer", "priceSpecification": spec}


#: The schema.org type each entity kind is described as (DESIGN.md: Alignment).
SCHEMA_TYPES = {
    "provider": "Organization",
    "model": "CreativeWork",
    "version": "SoftwareApplication",
    "endpoint": "WebAPI",
    "platform": "WebAPI",
    "price": "UnitPriceSpecification",
    "benchmark": "CreativeWork",
    "result": "Rating",
    "source": "CreativeWork",
}


def schema_node(view: View, iri: Node, kind: str) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": kind, "@id": str(iri), "name": view.label(iri)}
    description = view.texts(iri, DCTERMS.description) or view.texts(iri, RDFS.comment)
    if description:
        node["description"] = " ".join(description)
    urls = view.texts(iri, AIMKG.url)
    if urls:
        node["url"] = urls[0]
    same = view.texts(iri, OWL.sameAs)
    if same:
        node["sameAs"] = same
    return node


def schema_entity(view: View, entity: Entity) -> dict[str, Any]:
    node = schema_node(view, entity.iri, SCHEMA_TYPES[entity.kind])
    node["@context"] = SCHEMA_CONTEXT
    return node


# ---------------------------------------------------------------- other entities


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
    return Page(path, view.label(iri), "entity.html", data, alternates(entity), schema_entity(view, entity))


def index_pages(graph: Graph) -> list[Page]:
    """The site's front page (every kind) and one index per kind at ``id/<kind>/index.html``."""
    all_entities = entities(graph)
    front = View(graph, "index.html")
    pages = []
    sections = []
    for kind, title in KIND_TITLES.items():
        members = [entity for entity in all_entities if entity.kind == kind]
        rows = (
            by_date_desc(version_summary(front, entity) for entity in members)
            if kind == "version"
            else entity_rows(front, members)
        )
        index = f"id/{kind}/index.html"
        sections.append({"kind": kind, "title": title, "index": front.rel(index), "rows": rows})
        kind_view = View(graph, index)
        data = {"rows": entity_rows(kind_view, members), "home": kind_view.rel("index.html")}
        pages.append(Page(index, title, "kind.html", data))
    models: list[dict[str, Any]] = [
        {
            "model": front.value(entity.iri),
            "provider": front.values(entity.iri, AIMKG.provider),
            "versions": [row["version"] for row in line_rows(front, entity.iri)],
        }
        for entity in all_entities
        if entity.kind == "model"
    ]
    front_data = {
        "sections": sections,
        "models": sorted(models, key=lambda model: str(model["model"].text)),
        "ontology": front.rel(ONTOLOGY_PAGE),
        "downloads": [{"href": f.filename, "type": f.media_type, "title": f.title} for f in FORMATS.values()],
        "context": CONTEXT_FILE,
        "description": DESCRIPTION_FILE,
    }
    title = "aimkg: an open knowledge graph of AI models"
    return [Page("index.html", title, "index.html", front_data), *pages]


def entity_rows(view: View, members: list[Entity]) -> list[dict[str, Any]]:
    rows = [{"label": view.label(entity.iri), "link": view.value(entity.iri)} for entity in members]
    return sorted(rows, key=lambda row: str(row["label"]))


def version_summary(view: View, entity: Entity) -> dict[str, Any]:
    iri = entity.iri
    released = view.text(iri, AIMKG.releaseDate)
    return {
        "label": view.label(iri),
        "link": view.value(iri),
        "sort_date": released,
        "released": released or UNKNOWN,
        "model": view.values(iri, AIMKG.versionOf),
        "provider": view.values(iri, AIMKG.provider),
        "status": view.cell(iri, AIMKG.status),
    }


# ---------------------------------------------------------------- ontology


def ontology_page(graph: Graph) -> Page:
    """Document every class, property and named individual of the ontology, with its alignment."""
    view = View(graph, ONTOLOGY_PAGE)
    terms = sorted({s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(str(AIMKG))}, key=str)

    def entry(term: URIRef) -> dict[str, Any]:
        alignment = [(name, view.values(term, predicate)) for predicate, name in ALIGNMENT.items()]
        return {
            "id": term[len(AIMKG) :],
            "iri": str(term),
            "label": view.label(term),
            "comment": view.texts(term, RDFS.comment),
            "types": view.values(term, RDF.type),
            "domain": view.cell(term, RDFS.domain).values if view.first(term, RDFS.domain) else (Value("any"),),
            "range": view.cell(term, RDFS.range).values if view.first(term, RDFS.range) else (Value("any"),),
            "alignment": [(name, values) for name, values in alignment if values],
        }

    classes = [t for t in terms if (t, RDF.type, OWL.Class) in graph]
    properties = [t for t in terms if set(graph.objects(t, RDF.type)) & {OWL.ObjectProperty, OWL.DatatypeProperty}]
    individuals = [t for t in terms if t not in classes and t not in properties]
    ontology = ONTOLOGY_IRI
    data = {
        "iri": str(ontology),
        "comment": view.texts(ontology, RDFS.comment),
        "version": view.text(ontology, OWL.versionInfo),
        "licence": view.values(ontology, DCTERMS.license),
        "classes": [entry(t) for t in classes],
        "properties": [entry(t) for t in properties],
        "individuals": [entry(t) for t in individuals],
    }
    title = view.text(ontology, DCTERMS.title) or view.label(ontology)
    files = {fmt.media_type: f"ontology{suffix}" for suffix, fmt in DATA_FORMATS.items()}
    schema = {"@context": SCHEMA_CONTEXT, "@type": "DefinedTermSet", "@id": str(ontology), "name": title}
    return Page(ONTOLOGY_PAGE, title, "ontology.html", data, files, schema)
