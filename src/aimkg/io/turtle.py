"""Write Turtle and TriG deterministically and fast, from pyoxigraph terms.

rdflib's Turtle serialiser needs about 80 s for a million triples; this writer needs a few.
``turtle()`` writes the same canonical form as ``aimkg.io.canonical.canonical_turtle`` (rdflib's
longturtle with subjects in IRI order; a test holds them byte-identical on the bundled and
synthetic data), with two deliberate differences that keep values exact: a number whose
lexical form has no bare Turtle spelling (decimal ``"10"``, any double) is written quoted with
its datatype rather than re-spelt, and a predicate outside aimkg's prefixes is written as a
full IRI rather than under a generated ``ns1:`` prefix. Graphs with blank nodes (which
validated aimkg data never has) are handed to ``canonical_turtle`` itself. Exports keep plain
IRI order even when they contain the ontology; the grouped order of vocabulary files
(``canonical_turtle(graph, vocabulary=True)``) is for files that declare an owl:Ontology
(``ontology/*.ttl``).

Links: https://www.w3.org/TR/turtle/ https://www.w3.org/TR/trig/
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from aimkg.core.terms import PREFIXES, RDF_LANG_STRING, RDF_TYPE, RDFS_LABEL, XSD, XSD_STRING
from aimkg.io.read import Term

#: Datatypes rdflib orders by value rather than by lexical form.
NUMERIC_TYPES = frozenset(
    f"{XSD}{name}"
    for name in (
        *("integer", "decimal", "double", "float", "byte", "short", "int", "long"),
        *("negativeInteger", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger"),
        *("unsignedByte", "unsignedShort", "unsignedInt", "unsignedLong"),
    )
)

#: The lexical forms Turtle can write bare (https://www.w3.org/TR/turtle/#abbrev), per datatype.
BARE_LEXICAL = {
    f"{XSD}integer": re.compile(r"[+-]?[0-9]+"),
    f"{XSD}decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    f"{XSD}boolean": re.compile(r"true|false"),
}

#: A local name that is a valid Turtle PN_LOCAL and that rdflib also abbreviates.
LOCAL_NAME = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")


def quote(text: str) -> str:
    """Quote a string as rdflib's ``Literal._quote_encode`` does: long quotes around line breaks."""
    if "\n" in text:
        encoded = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
        if encoded[-1] == '"' and encoded[-2] != "\\":
            encoded = encoded[:-1] + '\\"'
        return '"""' + encoded.replace("\r", "\\r") + '"""'
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r") + '"'


def numeric_value(lexical: str) -> Decimal | None:
    """Return a number's value for ordering, or None when it has none to compare."""
    try:
        value = Decimal(lexical)
    except InvalidOperation:
        return None
    return None if value.is_nan() else value


def object_key(term: Term) -> tuple[object, ...]:
    """Order objects as rdflib does: IRIs by text before literals; numbers by value; strings by language."""
    if isinstance(term, ox.NamedNode):
        return (30, term.value)
    if isinstance(term, ox.BlankNode):
        return (10, term.value)
    datatype = term.datatype.value
    if datatype in NUMERIC_TYPES:
        value = numeric_value(term.value)
        return (40, 0, value is None, value or 0, term.value, datatype)
    language = term.language or ""
    group = XSD_STRING if datatype == RDF_LANG_STRING else datatype
    return (40, 1, group, language != "", language, term.value)


class TurtleWriter:
    """Write triples in aimkg's canonical Turtle, remembering which prefixes the output used."""

    def __init__(self, prefixes: Mapping[str, str] = PREFIXES) -> None:
        self.prefix_of = {namespace: prefix for prefix, namespace in prefixes.items()}
        self.used: dict[str, str] = {}
        self.names: dict[str, str] = {}

    def iri(self, iri: str) -> str:
        """Write an IRI as a prefixed name when a bound namespace and a safe local name allow it."""
        name = self.names.get(iri)
        if name is None:
            cut = max(iri.rfind("/"), iri.rfind("#")) + 1
            prefix = self.prefix_of.get(iri[:cut])
            local = iri[cut:]
            if prefix is not None and LOCAL_NAME.fullmatch(local):
                name = f"{prefix}:{local}"
                self.used[prefix] = iri[:cut]
            else:
                name = f"<{iri}>"
            self.names[iri] = name
        return name

    def literal(self, literal: ox.Literal) -> str:
        """Write a literal: bare when Turtle spells its lexical form exactly, else quoted and tagged."""
        datatype = literal.datatype.value
        if literal.language:
            return f"{quote(literal.value)}@{literal.language}"
        if datatype == XSD_STRING:
            return quote(literal.value)
        typed = self.iri(datatype)
        bare = BARE_LEXICAL.get(datatype)
        if bare is not None and bare.fullmatch(literal.value):
            return literal.value
        return f"{quote(literal.value)}^^{typed}"

    def term(self, term: Term) -> str:
        if isinstance(term, ox.NamedNode):
            return self.iri(term.value)
        if isinstance(term, ox.Literal):
            return self.literal(term)
        raise ValueError(f"blank node {term} cannot be written by TurtleWriter")

    def statements(self, triples: Iterable[ox.Triple]) -> str:
        """Write the triples as Turtle statements, one block per subject in IRI order."""
        by_subject: dict[str, dict[str, list[Term]]] = {}
        for triple in triples:
            subject = triple.subject
            if not isinstance(subject, ox.NamedNode):
                raise ValueError(f"blank node {subject} cannot be written by TurtleWriter")
            predicates = by_subject.setdefault(subject.value, {})
            predicates.setdefault(triple.predicate.value, []).append(triple.object)  # type: ignore[arg-type]
        blocks = []
        for subject_iri in sorted(by_subject):
            predicates = by_subject[subject_iri]
            order = sorted(predicates, key=lambda p: (p != RDF_TYPE, p != RDFS_LABEL, p))
            lines = []
            for predicate in order:
                verb = "a" if predicate == RDF_TYPE else self.iri(predicate)
                objects = predicates[predicate]
                if len(objects) > 1:
                    objects = list(dict.fromkeys(objects))  # a triple stated twice is written once
                if len(objects) == 1:
                    lines.append(f"    {verb} {self.term(objects[0])}")
                else:
                    objects.sort(key=object_key)
                    items = " ,\n        ".join(self.term(obj) for obj in objects)
                    lines.append(f"    {verb}\n        {items}")
            blocks.append(f"\n{self.iri(subject_iri)}\n" + " ;\n".join(lines) + " ;\n.\n")
        return "".join(blocks)

    def header(self) -> str:
        """Write the PREFIX lines of the namespaces the output used, sorted by prefix."""
        return "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in sorted(self.used.items()))


def has_blank_nodes(triples: Iterable[ox.Triple]) -> bool:
    return any(
        isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode) for triple in triples
    )


def turtle(triples: Iterable[ox.Triple], prefixes: Mapping[str, str] = PREFIXES) -> str:
    """Write a graph as canonical Turtle."""
    triples = list(triples)
    if has_blank_nodes(triples):
        from aimkg.io.canonical import canonical_turtle
        from aimkg.io.graph import graph_of

        return canonical_turtle(graph_of(triples))
    writer = TurtleWriter(prefixes)
    body = writer.statements(triples)
    return writer.header() + body


def trig(
    graphs: Mapping[ox.NamedNode | ox.DefaultGraph, Iterable[ox.Triple]],
    prefixes: Mapping[str, str] = PREFIXES,
) -> str:
    """Write a dataset as TriG: the default graph, then each named graph in IRI order, as canonical Turtle."""
    writer = TurtleWriter(prefixes)
    default = [writer.statements(graphs[ox.DefaultGraph()])] if ox.DefaultGraph() in graphs else []
    named = sorted((graph.value, triples) for graph, triples in graphs.items() if isinstance(graph, ox.NamedNode))
    body = "".join(f"\n{writer.iri(name)} {{{writer.statements(triples)}}}\n" for name, triples in named)
    return writer.header() + "".join(default) + body
