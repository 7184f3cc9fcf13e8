"""What a page is made of, and how it reads the graph: the view model every page kind shares.

Every string a page shows is read from the graph, or is a fixed word that says the graph has no
value: "Undisclosed" when the provider explicitly withheld the fact (``aimkg:undisclosed``),
"Unknown" when nobody has published it. Templates only lay these out and escape them. One module
per page family builds on this: ``entity`` (entity and version pages), ``index`` (the front page
and the kind indexes) and ``ontology``; ``aimkg.publish.schema_org`` adds the JSON-LD they embed.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD
from rdflib.term import Node

from aimkg.core.shorten import shorten
from aimkg.io.graph import AIMKG, ONTOLOGY_IRI
from aimkg.publish.rdf import DATA_FORMATS, as_entity

UNDISCLOSED = "Undisclosed"
UNKNOWN = "Unknown"
ONTOLOGY_PAGE = "ontology.html"
SPDX = "http://spdx.org/licenses/"


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
        return shorten(text) or text

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
        if isinstance(node, Literal) and node.datatype == XSD.anyURI and str(node).startswith(("http://", "https://")):
            return str(node)  # a source's aimkg:url: the page itself
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


def alternates(stem: str) -> dict[str, str]:
    """The data files beside a page (``stem`` with each data suffix), by media type, as links relative to the page."""
    return {fmt.media_type: f"{stem}{suffix}" for suffix, fmt in DATA_FORMATS.items()}
