"""Each page's data files: its entity's description as Turtle, JSON-LD and N-Triples, many small graphs fast.

The bytes are those of the export formats (``aimkg.export.formats``: ``turtle``, ``jsonld``,
``ntriples``), applied to one entity's description; a test holds them equal. What differs is
speed: tens of thousands of small graphs would spend most of their time working out, again for
each graph, how to write the same few hundred IRIs and context keys. ``DataWriter`` keeps one
Turtle and one JSON-LD writer for the whole site and remembers those answers, clearing only
what belongs to one document (the prefixes it used, its nodes).
"""

from __future__ import annotations

from collections.abc import Sequence

import pyoxigraph as ox

from aimkg.core.terms import PREFIXES
from aimkg.export.formats import FORMATS
from aimkg.io.jsonld import JsonLdWriter, dumps
from aimkg.io.ntriples import ntriples
from aimkg.io.turtle import TurtleWriter, has_blank_nodes


class SharedTurtleWriter(TurtleWriter):
    """A TurtleWriter for many documents: each IRI's name is worked out once, the prefixes used per document."""

    def iri(self, iri: str) -> str:
        name = self.names.get(iri)
        if name is None:
            return super().iri(iri)  # works out the name and notes its prefix as used
        if name[0] != "<":
            prefix = name[: name.index(":")]
            self.used[prefix] = PREFIXES[prefix]
        return name

    def document(self, triples: Sequence[ox.Triple]) -> str:
        self.used = {}
        body = self.statements(triples)
        return self.header() + body


class SharedJsonLdWriter(JsonLdWriter):
    """A JsonLdWriter for many documents: compact IRIs remembered, the nodes read afresh for each."""

    def __init__(self) -> None:
        super().__init__([])
        self.compacted_iris: dict[str, str] = {}

    def compact_iri(self, iri: str) -> str:
        compact = self.compacted_iris.get(iri)
        if compact is None:
            compact = self.compacted_iris[iri] = super().compact_iri(iri)
        return compact

    def document(self, triples: Sequence[ox.Triple]) -> str:
        JsonLdWriter.__init__(self, triples)  # the nodes of this document; the context is read once
        return dumps(self.compacted())


class DataWriter:
    """Write entity descriptions in the page data formats, by suffix (``aimkg.publish.rdf.DATA_FORMATS``)."""

    def __init__(self) -> None:
        self.turtle = SharedTurtleWriter()
        self.jsonld = SharedJsonLdWriter()

    def files(self, stem: str, triples: Sequence[ox.Triple]) -> dict[str, bytes]:
        """The data files of one page, by path: ``stem`` with each suffix."""
        if has_blank_nodes(triples):  # never in validated data: the export's writers handle them
            return {
                stem + ".ttl": FORMATS["turtle"].serialize(triples),
                stem + ".jsonld": FORMATS["jsonld"].serialize(triples),
                stem + ".nt": FORMATS["ntriples"].serialize(triples),
            }
        return {
            stem + ".ttl": self.turtle.document(triples).encode(),
            stem + ".jsonld": self.jsonld.document(triples).encode(),
            stem + ".nt": ntriples(triples),
        }
