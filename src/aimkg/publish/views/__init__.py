"""What a page is made of, and how it reads the graph: the view model every page kind shares.

Every string a page shows is read from the graph, or is a fixed word that says the graph has no
value: "Undisclosed" when the provider explicitly withheld the fact (``aimkg:undisclosed``),
"Unknown" when nobody has published it. Templates only lay these out and escape them. One module
per page family builds on this: ``entity`` (any entity), ``version`` and ``endpoint`` (the
catalog pages, with ``prices`` and the charts of ``aimkg.publish.chart``), ``maker`` (providers
and platforms), ``compare``, ``index`` (the front page and the kind indexes) and ``ontology``;
``aimkg.publish.schema_org`` adds the JSON-LD they embed. Views read the graph through
``aimkg.publish.graph.SiteGraph``, one node at a time.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from markupsafe import Markup, escape

from aimkg.core.shorten import shorten
from aimkg.core.terms import AIMKG, ONTOLOGY_IRI, XSD
from aimkg.io.read import Term
from aimkg.publish.graph import SiteGraph
from aimkg.publish.rdf import DATA_FORMATS, entity_of

XSD_ANY_URI = f"{XSD}anyURI"
UNDISCLOSED = "Undisclosed"
UNKNOWN = "Unknown"
ONTOLOGY_PAGE = "ontology.html"
SPDX = "http://spdx.org/licenses/"
UNDISCLOSED_PROPERTY = f"{AIMKG}undisclosed"


@dataclass(frozen=True, slots=True)
class Value:
    """One shown value: its text, and where it links to (None for plain text).

    It writes itself as HTML (``{{ value }}`` in a template: a link, escaped), which is much
    faster than a macro on pages that show thousands of links.
    """

    text: str
    href: str | None = None
    #: Its HTML, written once: the same value (a platform, a source) is shown on page after page.
    html: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        html = escaped(self.text) if self.href is None else f'<a href="{escaped(self.href)}">{escaped(self.text)}</a>'
        object.__setattr__(self, "html", html)

    def __html__(self) -> str:
        return self.html


def escaped(text: str) -> str:
    """markupsafe's ``escape``, as a plain string: pages show hundreds of thousands of values, each a Markup less."""
    return (
        text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;").replace('"', "&#34;")
    )


def in_order(value: Value) -> tuple[str, str]:
    """Sort values by text, then by link: values that read the same keep one order on every build."""
    return value.text, value.href or ""


def joined(values: Iterable[Value], empty: str = "Unknown") -> Markup:
    """Values as HTML, separated by commas; ``empty`` when there are none."""
    html = ", ".join(value.html for value in values)
    return Markup(html or escape(empty))


@dataclass(frozen=True)
class Cell:
    """A table cell: its values (never empty) and an optional note shown under them."""

    values: tuple[Value, ...]
    note: str | None = None

    @property
    def text(self) -> str:
        return ", ".join(value.text for value in self.values)

    def __html__(self) -> str:
        note = f'<p class="note">{escape(self.note)}</p>' if self.note else ""
        return joined(self.values) + Markup(note)


def relative(target: str, folder: str) -> str:
    """A link from a page in ``folder`` to ``target``, both relative to the site root (no ``..`` in either).

    >>> relative("id/endpoint/x.html", "id/version")
    '../endpoint/x.html'
    >>> relative("index.html", "id/version"), relative("id/version/y.html", "id/version")
    ('../../index.html', 'y.html')
    """
    parts = target.split("/")
    base = [] if folder in ("", ".") else folder.split("/")
    common = 0
    while common < len(base) and common < len(parts) - 1 and base[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:])


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


def node_iri(node: Term | str) -> str | None:
    """The IRI a node names, or None for a literal or blank node."""
    if isinstance(node, str):
        return node
    return node.value if isinstance(node, ox.NamedNode) else None


def web_address(node: Term | str) -> str | None:
    """The page a literal names: a source's ``aimkg:url`` (an xsd:anyURI) links to the page itself."""
    if isinstance(node, ox.Literal) and node.datatype.value == XSD_ANY_URI:
        return node.value if node.value.startswith(("http://", "https://")) else None
    return None


class View:
    """Read the graph for one page: labels, links relative to the page, cells that are never blank."""

    def __init__(self, graph: SiteGraph, path: str) -> None:
        self.graph = graph
        self.path = path
        self.folder = posixpath.dirname(path) or "."
        #: The values of IRIs as shown from this folder, shared by its pages (``SiteGraph.shown``).
        self.shown = graph.shown(self.folder)
        #: The folder of a page in id/<kind>/, from where links to entities are one short step.
        self.kind_folder = self.folder if self.folder.startswith("id/") and self.folder.count("/") == 1 else None

    def rel(self, target: str) -> str:
        """Return a link from this page to a site path, relative so that the site works wherever hosted."""
        anchor = ""
        if "#" in target:
            target, anchor = target.split("#", 1)
            anchor = "#" + anchor
        return relative(target, self.folder) + anchor

    def label(self, node: Term | str) -> str:
        """Return a node's English label, or a readable name taken from its IRI or lexical form."""
        iri = node_iri(node)
        if iri is None:
            return node.value if isinstance(node, ox.Literal) else str(node)
        label = self.graph.labels.get(iri)
        if label is not None:
            return label
        if iri.startswith(SPDX):
            return iri[len(SPDX) :]
        return shorten(iri) or iri

    def href(self, node: Term | str) -> str | None:
        """Return where a node links to: its page on this site, the ontology page, or the IRI itself."""
        iri = node_iri(node)
        if iri is None:
            return web_address(node)
        entity = entity_of(iri)
        if entity is not None:
            if self.folder == ".":
                return f"id/{entity.kind}/{entity.slug}.html"
            if self.folder == self.kind_folder:
                return (
                    f"{entity.slug}.html"
                    if self.folder == f"id/{entity.kind}"
                    else f"../{entity.kind}/{entity.slug}.html"
                )
            return self.rel(entity.path + ".html")
        if iri.startswith(AIMKG):
            return self.rel(f"{ONTOLOGY_PAGE}#{iri[len(AIMKG) :]}")
        if iri == ONTOLOGY_IRI:
            return self.rel(ONTOLOGY_PAGE)
        if iri.startswith(("http://", "https://")):
            return iri
        return None

    def value(self, node: Term | str) -> Value:
        iri = node_iri(node)
        if iri is None:
            return Value(self.label(node), self.href(node))
        found = self.shown.get(iri)
        if found is None:
            found = self.shown[iri] = Value(self.label(iri), self.href(iri))
        return found

    def objects(self, subject: str, predicate: str) -> list[Term]:
        return sorted(self.graph.objects(subject, predicate), key=str)

    def values(self, subject: str, predicate: str) -> list[Value]:
        return sorted((self.value(node) for node in self.graph.objects(subject, predicate)), key=in_order)

    def first(self, subject: str, predicate: str) -> Term | None:
        found = self.graph.objects(subject, predicate)
        if len(found) > 1:
            return min(found, key=str)
        return found[0] if found else None

    def first_iri(self, subject: str, predicate: str) -> str | None:
        found = self.first(subject, predicate)
        return node_iri(found) if found is not None else None

    def text(self, subject: str, predicate: str) -> str | None:
        found = self.first(subject, predicate)
        return None if found is None else self.label(found)

    def texts(self, subject: str, predicate: str) -> list[str]:
        return sorted(self.label(node) for node in self.graph.objects(subject, predicate))

    def withheld(self, subject: str, predicate: str) -> bool:
        return self.graph.has(subject, UNDISCLOSED_PROPERTY, ox.NamedNode(predicate))

    def cell(self, subject: str, predicate: str, shown: list[Value] | None = None) -> Cell:
        """Return a fact's cell: its values, else "Undisclosed" if withheld, else "Unknown"."""
        values = self.values(subject, predicate) if shown is None else shown
        if values:
            return Cell(tuple(values))
        if self.withheld(subject, predicate):
            return Cell((Value(UNDISCLOSED),))
        return Cell((Value(UNKNOWN),))

    def or_unknown(self, subject: str, predicate: str) -> str:
        return self.text(subject, predicate) or UNKNOWN

    def incoming(self, node: str, predicate: str) -> list[str]:
        return self.graph.subjects(predicate, node)


def alternates(stem: str) -> dict[str, str]:
    """The data files beside a page (``stem`` with each data suffix), by media type, as links relative to the page."""
    return {fmt.media_type: f"{stem}{suffix}" for suffix, fmt in DATA_FORMATS.items()}
