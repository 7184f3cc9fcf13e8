"""The graph as the pages read it: its lines, looked up one node at a time, and its labels.

The site is drawn from a pyoxigraph store (``lexical_store``), never from one whole rdflib graph.
What takes queries over the whole graph (labels, the summary, the changes' timeline) is read from
the store; then the store writes its triples out as N-Triples lines and goes, and the pages read
those lines (``NodeIndex``): a page asks for the facts of the few nodes it shows (``facts``: one
lookup each, the last few thousand kept), the nodes that point at them (``incoming``), and their
labels, read for the whole graph at once (``read_labels``) because every link shows one. A page's
data files hold its entity's description (``description``): what it states, and what other
entities state about it. Why lines rather than the store: the page writers are forked, and
reading a store writes to it, so that each writer copied most of it; bytes are only ever read.

Terms are pyoxigraph's; IRIs that key a lookup are plain strings.

pyoxigraph stores numbers, dates and booleans as values, and gives them back in canonical form
("8.10" as "8.1"), while the pages and their data files must show the data as written (the
export keeps lexical forms). So ``lexical_store`` loads every typed literal under a private
datatype that nothing interprets (``LEXICAL`` + the XSD name), which keeps its text as it is, and
what is read from the store gets its XSD datatype back. An N-Triples file (the built catalog) gets
its private datatypes in its bytes (``lexical_lines``) and is parsed in Rust, in a third of the
time of turning each quad in Python.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

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
#: How many shown values (``SiteGraph.shown``) a folder keeps: the ones shown on page after page are few.
KEEP_VALUES = 4096

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


def read_labels(store: ox.Store) -> dict[str, str]:
    """Every labelled IRI's label: English first, then the first in text order."""
    ranked: dict[str, tuple[bool, str]] = {}
    for subject, label in select(store, f"SELECT ?s ?l WHERE {{ ?s <{RDFS_LABEL}> ?l }}"):
        if not isinstance(subject, ox.NamedNode) or not isinstance(label, ox.Literal):
            continue
        rank = (label.language != "en", label.value)
        known = ranked.get(subject.value)
        if known is None or rank < known:
            ranked[subject.value] = rank
    return {iri: rank[1] for iri, rank in ranked.items()}


def dump(store: ox.Store, output: BinaryIO | Path | None = None) -> bytes | None:
    """The store's default graph as N-Triples, its private datatypes kept (into ``output``, else returned)."""
    return store.dump(output, format=ox.RdfFormat.N_TRIPLES, from_graph=DEFAULT)


class NodeIndex:
    """Every triple as an N-Triples line of one bytes object, found by its subject and by its IRI object.

    Why not the store: reading a pyoxigraph store writes to it (each quad it visits has a reference
    count and a lock), so each forked page writer copied most of a store it only read: three times
    600 MB for the catalog. These bytes are only ever read, so the writers share them.
    The lines are those of ``dump``: ``<s> <p> o .``, no space in an IRI or a blank node's name.

    A lookup gives a node's number, and the positions of its lines are read from arrays by that
    number. Reading a Python object writes its reference count, so a writer copies each page of
    shared memory that holds an object it reads: numbers made one after the other fill few pages,
    where a list of positions per node was spread over 66 MB of the catalog's.
    """

    def __init__(self, lines: bytes) -> None:
        self.lines = lines
        #: Each subject's number: its lines are the runs ``first_run[number]`` up to ``first_run[number + 1]``.
        self.subject_numbers: dict[str, int] = {}
        #: The (start, end) of each run of lines, two items each; one run per subject unless several files state it.
        self.runs = array("q")
        self.first_run = array("q", [0])
        #: Each IRI object's number: its lines start at ``starts[first_start[number]:first_start[number + 1]]``.
        self.object_numbers: dict[str, int] = {}
        self.starts = array("q")
        self.first_start = array("q", [0])
        #: The subjects that state a type (``subjects``' form).
        self.typed: set[str] = set()
        self.read()

    def read(self) -> None:
        lines, find = self.lines, self.lines.find
        pointing: dict[bytes, list[int]] = {}
        runs: dict[bytes, list[int]] = {}
        typed = set()
        subject, run_start, position, size = b"", 0, 0, len(lines)
        while position < size:
            end = find(b"\n", position)
            after_subject = find(b" ", position)
            if lines[position:after_subject] != subject:
                if subject:
                    runs.setdefault(subject, []).extend((run_start, position))
                subject, run_start = lines[position:after_subject], position
            if lines.startswith(TYPE, after_subject):
                typed.add(subject)
            object_start = find(b" ", after_subject + 1) + 1
            if lines[object_start] == IRI_START:
                pointing.setdefault(lines[object_start + 1 : end - 3], []).append(position)
            position = end + 1
        if subject:
            runs.setdefault(subject, []).extend((run_start, position))
        self.typed = {key.decode() for key in typed}
        for spans in runs.values():
            self.runs.extend(spans)
            self.first_run.append(len(self.runs) // 2)
        for starts in pointing.values():
            self.starts.extend(starts)
            self.first_start.append(len(self.starts))
        # made last, each in one go, so that their numbers lie side by side in memory
        self.subject_numbers = {key.decode(): number for number, key in enumerate(runs)}
        self.object_numbers = {key.decode(): number for number, key in enumerate(pointing)}

    def subjects(self) -> Iterable[str]:
        """Every subject, as ``<iri>`` for an IRI and ``_:name`` for a blank node."""
        return self.subject_numbers.keys()

    def subject_runs(self, subject: str) -> list[tuple[int, int]]:
        """The (start, end) of each run of lines of a subject (``<iri>`` or ``_:name``)."""
        number = self.subject_numbers.get(subject)
        if number is None:
            return []
        runs = self.runs
        return [(runs[2 * run], runs[2 * run + 1]) for run in range(self.first_run[number], self.first_run[number + 1])]

    def outgoing(self, iri: str) -> Iterator[bytes]:
        """The lines whose subject is this IRI."""
        for start, end in self.subject_runs(f"<{iri}>"):
            yield from self.lines[start : end - 1].split(b"\n")

    def incoming(self, iri: str) -> Iterator[bytes]:
        """The lines whose object is this IRI."""
        number = self.object_numbers.get(iri)
        if number is None:
            return
        lines, find = self.lines, self.lines.find
        for start in self.starts[self.first_start[number] : self.first_start[number + 1]]:
            yield lines[start : find(b"\n", start)]


IRI_START = ord("<")
#: What follows the subject of a line that states its type.
TYPE = f" <{RDF_TYPE}> ".encode()


class Terms:
    """Read the terms of ``NodeIndex`` lines, each datatype and predicate made once."""

    def __init__(self) -> None:
        self.iris: dict[bytes, ox.NamedNode] = {}
        self.predicates: dict[bytes, str] = {}
        self.datatypes: dict[bytes, ox.NamedNode] = {}

    def iri(self, text: bytes) -> ox.NamedNode:
        """``<iri>`` as a NamedNode, kept: predicates and datatypes recur on every line."""
        node = self.iris.get(text)
        if node is None:
            node = self.iris[text] = ox.NamedNode(text[1:-1].decode())
        return node

    def predicate(self, text: bytes) -> str:
        """``<iri>`` as the IRI, kept."""
        name = self.predicates.get(text)
        if name is None:
            name = self.predicates[text] = text[1:-1].decode()
        return name

    def triple(self, line: bytes) -> ox.Triple:
        """A line as a triple, literals with their XSD datatypes back."""
        subject, predicate, rest = line.split(b" ", 2)
        if plain(line, rest):
            return ox.Triple(self.node(subject), self.iri(predicate), self.term(rest[:-2]))
        return parsed(line)

    def fact(self, line: bytes) -> tuple[str, Term]:
        """A line's predicate IRI and object: what ``SiteGraph.facts`` keeps, without a Triple between."""
        _, predicate, rest = line.split(b" ", 2)
        term = self.term(rest[:-2]) if plain(line, rest) else parsed(line).object
        return self.predicate(predicate), term  # type: ignore[return-value]

    def node(self, text: bytes) -> ox.NamedNode | ox.BlankNode:
        return ox.NamedNode(text[1:-1].decode()) if text[0] == IRI_START else ox.BlankNode(text[2:].decode())

    def term(self, text: bytes) -> ox.NamedNode | ox.Literal:
        if text[0] == IRI_START:
            return ox.NamedNode(text[1:-1].decode())
        close = text.rindex(b'"')
        value, suffix = text[1:close].decode(), text[close + 1 :]
        if not suffix:
            return ox.Literal(value)
        if suffix[0] == ord("@"):
            return ox.Literal(value, language=suffix[1:].decode())
        datatype = self.datatypes.get(suffix)
        if datatype is None:
            datatype = self.datatypes[suffix] = restore_datatype(suffix[3:-1].decode())
        return ox.Literal(value, datatype=datatype)


def plain(line: bytes, rest: bytes) -> bool:
    """Whether a line's terms read as written: no escape, its object an IRI or a literal."""
    return b"\\" not in line and rest[:1] in (b"<", b'"')


def parsed(line: bytes) -> ox.Triple:
    """A line read by N-Triples' own parser (escaped text, blank node objects), literals as written."""
    (quad,) = ox.parse(line, format=ox.RdfFormat.N_TRIPLES)
    return ox.Triple(quad.subject, quad.predicate, restore(quad.object))


def restore_datatype(iri: str) -> ox.NamedNode:
    return ox.NamedNode(XSD + iri[len(LEXICAL) :] if iri.startswith(LEXICAL) else iri)


class SiteGraph:
    """Read a graph for the pages: entities, labels, facts per node, incoming links, descriptions.

    It reads a ``NodeIndex`` of the graph's lines and the labels, read from the store before it
    went (``of`` keeps both from a store small enough to be held twice).
    """

    def __init__(self, index: NodeIndex, labels: dict[str, str]) -> None:
        self.index = index
        self.labels = labels
        self.terms = Terms()
        self.kept: OrderedDict[str, Facts] = OrderedDict()
        self.values: dict[str, dict[str, Any]] = {}

    @classmethod
    def of(cls, store: ox.Store) -> SiteGraph:
        lines = dump(store)
        assert lines is not None
        return cls(NodeIndex(lines), read_labels(store))

    def entities(self) -> list[Entity]:
        """Every typed entity of the graph, sorted by kind and slug."""
        base = f"<{ID_BASE}"
        found = [entity_of(subject[1:-1]) for subject in self.index.typed if subject.startswith(base)]
        order = {kind: number for number, kind in enumerate(ENTITY_KINDS)}
        return sorted((e for e in found if e is not None), key=lambda e: (order[e.kind], e.slug))

    def nodes(self, prefix: str) -> list[str]:
        """The IRIs that start with ``prefix`` and state something, sorted."""
        return sorted(subject[1:-1] for subject in self.index.subjects() if subject.startswith(f"<{prefix}"))

    def facts(self, iri: str) -> Facts:
        """What a node states: its objects by predicate, each list in the graph's order."""
        found = self.kept.get(iri)
        if found is not None:
            self.kept.move_to_end(iri)
            return found
        found = {}
        for line in self.index.outgoing(iri):
            predicate, term = self.terms.fact(line)
            found.setdefault(predicate, []).append(term)
        self.kept[iri] = found
        if len(self.kept) > KEEP_FACTS:
            self.kept.popitem(last=False)
        return found

    def shown(self, folder: str) -> dict[str, Any]:
        """The values that pages of a folder show, by IRI (``View.value``): emptied when it holds KEEP_VALUES."""
        found = self.values.setdefault(folder, {})
        if len(found) > KEEP_VALUES:
            found.clear()
        return found

    def objects(self, iri: str, predicate: str) -> list[Term]:
        return self.facts(iri).get(predicate, [])

    def has(self, iri: str, predicate: str, obj: Term) -> bool:
        return obj in self.facts(iri).get(predicate, ())

    def pointing(self, iri: str) -> Iterator[tuple[str, str, bytes]]:
        """Each line whose object is this IRI and whose subject is an IRI: its subject, predicate and line.

        The object is known, so the lines are not read whole: a source's page has tens of thousands.
        """
        for line in self.index.incoming(iri):
            if line[0] == IRI_START:
                subject, predicate, _ = line.split(b" ", 2)
                yield subject[1:-1].decode(), self.terms.predicate(predicate), line

    def subjects(self, predicate: str, iri: str) -> list[str]:
        """The IRIs of the nodes that state ``predicate`` with this node as object, sorted."""
        return sorted({subject for subject, stated, _ in self.pointing(iri) if stated == predicate})

    def incoming(self, iri: str) -> list[tuple[str, str]]:
        """Every (subject, predicate) of an entity that points at this node."""
        return [(subject, predicate) for subject, predicate, _ in self.pointing(iri) if entity_of(subject) is not None]

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
        for subject, _, line in self.pointing(iri):
            if subject != iri and entity_of(subject) is not None:
                triples.append(self.terms.triple(line))
        return triples
