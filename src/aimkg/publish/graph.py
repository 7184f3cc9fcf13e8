"""The graph as the pages read it: a pyoxigraph store, looked up one node at a time.

The site is drawn from the query store (``aimkg.query.store``), never from one whole rdflib
graph: a page asks for the facts of the few nodes it shows (``facts``: one index lookup each,
the last few thousand kept), the nodes that point at them (``incoming``), and their labels,
which are read for the whole graph at once (``labels``) because every link shows one. A page's
data files hold its entity's description (``description``): what it states, and what other
entities state about it.

Terms are pyoxigraph's; IRIs that key a lookup are plain strings.

pyoxigraph stores numbers, dates and booleans as values, and gives them back in canonical form
("8.10" as "8.1"), while the pages and their data files must show the data as written (the
export keeps lexical forms). So ``lexical_store`` loads every typed literal under a private
datatype that nothing interprets (``LEXICAL`` + the XSD name), which keeps its text as it is, and
the SiteGraph gives it back with its XSD datatype. An N-Triples file (the built catalog) gets
its private datatypes in its bytes (``lexical_lines``) and is parsed in Rust, in a third of the
time of turning each quad in Python.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox

from aimkg.core import terms
from aimkg.core.limits import DEFAULT_LIMITS, InputLimits
from aimkg.core.terms import ENTITY_KINDS, ID_BASE, RDF_TYPE, RDFS_LABEL, XSD, XSD_STRING
from aimkg.io.read import Term, checked_input, parse_checked
from aimkg.io.safety import may_hold_long_literal, parser_errors, refuse_long_literals
from aimkg.publish.rdf import Entity, entity_of

DEFAULT = ox.DefaultGraph()
#: How many nodes' facts a SiteGraph keeps: the platforms, providers and sources most pages show.
KEEP_FACTS = 4096

Facts = dict[str, list[Term]]
#: Where typed literals keep their lexical form in a site's store: as long as the XSD namespace,
#: so that a parse error in rewritten N-Triples names the column of the file (``lexical_lines``).
LEXICAL = "urn:aimkg:lexical:XMLSchema-2001#"
#: The end of a typed literal in N-Triples, as written and as rewritten.
XSD_TYPED, LEXICAL_TYPED = (f'"^^<{base}'.encode() for base in (XSD, LEXICAL))


class Vocabulary:
    """A namespace whose attributes are its terms' IRIs as strings: ``A.releaseDate``."""

    def __init__(self, base: str) -> None:
        self.base = base

    def __getattr__(self, name: str) -> str:
        return self.base + name


A, DC, RDFS, OWL = (Vocabulary(base) for base in (terms.AIMKG, terms.DCTERMS, terms.RDFS, terms.OWL))


def as_written(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """Put the quads in the default graph, each typed literal under its private datatype (see the module's doc)."""
    private: dict[str, ox.NamedNode] = {}
    for quad in quads:
        obj = quad.object
        if isinstance(obj, ox.Literal):
            datatype = obj.datatype.value
            if datatype.startswith(XSD) and datatype != XSD_STRING:
                kept = private.get(datatype)
                if kept is None:
                    kept = private[datatype] = ox.NamedNode(LEXICAL + datatype[len(XSD) :])
                obj = ox.Literal(obj.value, datatype=kept)
        yield ox.Quad(quad.subject, quad.predicate, obj)


def lexical_lines(data: bytes) -> bytes | None:
    """N-Triples with each typed literal but xsd:string under its private datatype.

    A ``"`` only closes a literal there (one inside is escaped), so ``"^^<`` + the XSD namespace
    is a datatype, unless an odd number of backslashes escapes the quote; and an XSD datatype is
    written so, unless its IRI holds a ``\\u`` escape. In either case: None, and the file is read
    quad by quad.
    """
    if b"\\u" in data or b"\\U" in data:
        return None
    found = data.find(b"\\" + XSD_TYPED)
    while found != -1:
        start = found
        while start > 0 and data[start - 1] == ord("\\"):
            start -= 1
        if (found + 1 - start) % 2:
            return None
        found = data.find(b"\\" + XSD_TYPED, found + 1)
    return data.replace(XSD_TYPED, LEXICAL_TYPED).replace(LEXICAL_TYPED + b"string>", XSD_TYPED + b"string>")


def lexical_store(paths: Sequence[Path], limits: InputLimits = DEFAULT_LIMITS) -> ox.Store:
    """Load RDF files into an in-memory store that keeps every literal as written, with ``read_triples``' checks."""
    store = ox.Store()
    for path in map(Path, paths):
        data, fmt = checked_input(path, limits)
        lines = lexical_lines(data) if fmt == ox.RdfFormat.N_TRIPLES else None
        if lines is None:
            store.extend(as_written(parse_checked(path, data, fmt, limits)))
            continue
        look_at_literals = may_hold_long_literal(data, fmt, limits)
        del data  # the file is held once while it loads: the catalog's N-Triples are 260 MB
        with parser_errors(path):
            store.load(lines, format=fmt, base_iri=path.resolve().as_uri(), to_graph=DEFAULT)
        if look_at_literals:
            refuse_long_literals(path, store, limits)
    return store


RESTORED: dict[str, ox.NamedNode] = {}


def restore(term: Term) -> Term:
    """A term read from a lexical store, with its XSD datatype back."""
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype.startswith(LEXICAL):
            xsd = RESTORED.get(datatype)
            if xsd is None:
                xsd = RESTORED[datatype] = ox.NamedNode(XSD + datatype[len(LEXICAL) :])
            return ox.Literal(term.value, datatype=xsd)
    return term


def select(store: ox.Store, query: str) -> Iterator[tuple[Term | None, ...]]:
    """Run a SELECT query and yield its rows as tuples, in the order of the projection, literals as written."""
    solutions = store.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    return (tuple(None if term is None else restore(term) for term in solution) for solution in solutions)


def construct(store: ox.Store, query: str) -> list[ox.Triple]:
    """Run a CONSTRUCT query; its triples with their literals as written."""
    return [ox.Triple(t.subject, t.predicate, restore(t.object)) for t in store.query(query)]  # type: ignore[union-attr]


class SiteGraph:
    """Read a store for the pages: entities, labels, facts per node, incoming links, descriptions."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.kept: OrderedDict[str, Facts] = OrderedDict()
        self.labels = self.read_labels()

    def read_labels(self) -> dict[str, str]:
        """Every labelled IRI's label: English first, then the first in text order."""
        ranked: dict[str, tuple[bool, str]] = {}
        for subject, label in select(self.store, f"SELECT ?s ?l WHERE {{ ?s <{RDFS_LABEL}> ?l }}"):
            if not isinstance(subject, ox.NamedNode) or not isinstance(label, ox.Literal):
                continue
            rank = (label.language != "en", label.value)
            known = ranked.get(subject.value)
            if known is None or rank < known:
                ranked[subject.value] = rank
        return {iri: rank[1] for iri, rank in ranked.items()}

    def entities(self) -> list[Entity]:
        """Every typed entity of the graph, sorted by kind and slug."""
        query = f"SELECT DISTINCT ?s WHERE {{ ?s <{RDF_TYPE}> ?t FILTER STRSTARTS(STR(?s), {ID_BASE!r}) }}"
        found = {entity_of(row[0].value) for row in select(self.store, query) if isinstance(row[0], ox.NamedNode)}
        order = {kind: number for number, kind in enumerate(ENTITY_KINDS)}
        return sorted((e for e in found if e is not None), key=lambda e: (order[e.kind], e.slug))

    def facts(self, iri: str) -> Facts:
        """What a node states: its objects by predicate, each list in the store's order."""
        found = self.kept.get(iri)
        if found is not None:
            self.kept.move_to_end(iri)
            return found
        found = {}
        for quad in self.store.quads_for_pattern(ox.NamedNode(iri), None, None, DEFAULT):
            found.setdefault(quad.predicate.value, []).append(restore(quad.object))  # type: ignore[arg-type]
        self.kept[iri] = found
        if len(self.kept) > KEEP_FACTS:
            self.kept.popitem(last=False)
        return found

    def objects(self, iri: str, predicate: str) -> list[Term]:
        return self.facts(iri).get(predicate, [])

    def has(self, iri: str, predicate: str, obj: Term) -> bool:
        return obj in self.facts(iri).get(predicate, ())

    def subjects(self, predicate: str, iri: str) -> list[str]:
        """The IRIs of the nodes that state ``predicate`` with this node as object, sorted."""
        quads = self.store.quads_for_pattern(None, ox.NamedNode(predicate), ox.NamedNode(iri), DEFAULT)
        return sorted({quad.subject.value for quad in quads if isinstance(quad.subject, ox.NamedNode)})

    def incoming(self, iri: str) -> list[tuple[str, str]]:
        """Every (subject, predicate) of an entity that points at this node."""
        quads = self.store.quads_for_pattern(None, None, ox.NamedNode(iri), DEFAULT)
        return [
            (quad.subject.value, quad.predicate.value)
            for quad in quads
            if isinstance(quad.subject, ox.NamedNode) and entity_of(quad.subject.value) is not None
        ]

    def description(self, iri: str) -> list[ox.Triple]:
        """An entity's description: the triples about it, and those of other entities pointing to it.

        This is the symmetric concise bounded description (no blank nodes exist to follow), so that a
        program that reads a version's data also finds the endpoints that serve it and its results.
        Link: https://www.w3.org/submissions/CBD/#alternatives (symmetric CBD)
        """
        node = ox.NamedNode(iri)
        triples = [
            ox.Triple(node, ox.NamedNode(predicate), term)
            for predicate, terms in self.facts(iri).items()  # the page read them just before
            for term in terms
        ]
        for quad in self.store.quads_for_pattern(None, None, node, DEFAULT):
            subject = quad.subject
            if subject != node and isinstance(subject, ox.NamedNode) and entity_of(subject.value) is not None:
                triples.append(quad.triple)
        return triples
