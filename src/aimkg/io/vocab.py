"""Vocabulary terms as pyoxigraph terms, for the code that writes triples without rdflib.

``AIMKG.Version`` is ``ox.NamedNode("https://w3id.org/aimkg/ontology#Version")``; the strings
come from ``aimkg.core.terms``, as do rdflib's namespaces in ``aimkg.io.graph``.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pyoxigraph as ox

from aimkg.core import terms


class Namespace:
    """A namespace whose attributes are its terms: ``AIMKG.Version``."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.terms: dict[str, ox.NamedNode] = {}  # made once: writers ask for the same few terms a million times

    def __getattr__(self, name: str) -> ox.NamedNode:
        return self[name]

    def __getitem__(self, name: str) -> ox.NamedNode:
        term = self.terms.get(name)
        if term is None:
            term = self.terms[name] = ox.NamedNode(self.base + name)
        return term


AIMKG, RDF, RDFS, XSD, OWL, DCTERMS = map(
    Namespace, (terms.AIMKG, terms.RDF, terms.RDFS, terms.XSD, terms.OWL, terms.DCTERMS)
)

TYPE = ox.NamedNode(terms.RDF_TYPE)
LABEL = ox.NamedNode(terms.RDFS_LABEL)


@cache
def entity(kind: str, slug: str) -> ox.NamedNode:
    """The IRI of an entity (``aimkg.core.terms.entity_iri`` checks kind and slug)."""
    return ox.NamedNode(terms.entity_iri(kind, slug))


def english(text: str) -> ox.Literal:
    return ox.Literal(text, language="en")


def integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD.integer)


def decimal(amount: Decimal) -> ox.Literal:
    """An xsd:decimal in plain notation (8, 0.15, 0.0000001), never with an exponent."""
    return ox.Literal(format(amount.normalize(), "f"), datatype=XSD.decimal)


def typed(text: str, datatype: str) -> ox.Literal:
    """A literal of an XSD datatype named by its local name (``date``, ``gYearMonth``, ``anyURI``)."""
    return ox.Literal(text, datatype=XSD[datatype])
