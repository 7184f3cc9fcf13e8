"""Write query answers as a table for people, or in the SPARQL 1.1 results formats for programs.

Both engines' answers arrive as pyoxigraph terms, so every format is written by one function
whatever the engine. ASK answers are ``true`` or ``false`` (JSON: the ``boolean`` member);
CONSTRUCT and DESCRIBE answers are sorted N-Triples in every format.

Links: https://www.w3.org/TR/sparql11-results-json/
https://www.w3.org/TR/sparql11-results-csv-tsv/
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping

import pyoxigraph as ox

from aimkg.query import ID_BASE, Result, Term

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RESULT_FORMATS = ("table", "csv", "tsv", "json")


def sorted_ntriples(triples: list[ox.Triple]) -> str:
    return "".join(sorted(f"{triple} .\n" for triple in triples))


def display(term: Term | None, prefixes: Mapping[str, str]) -> str:
    """Write a term for people: IRIs as prefix:name or kind:slug, literals by their text."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in prefixes.items():
            if term.value.startswith(namespace) and len(term.value) > len(namespace):
                return f"{prefix}:{term.value[len(namespace) :]}"
        kind, _, slug = term.value.removeprefix(ID_BASE).partition("/")
        if term.value.startswith(ID_BASE) and slug and "/" not in slug:
            return f"{kind}:{slug}"  # aimkg's entity prefixes (aimkg.namespaces.PREFIXES)
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value.replace("\n", " ")


def table(result: Result, prefixes: Mapping[str, str]) -> str:
    """Write solutions as an aligned text table, with the number of rows below it."""
    cells = [[display(term, prefixes) for term in row] for row in result.rows]
    widths = [max([len(name), *(len(row[i]) for row in cells)]) for i, name in enumerate(result.variables)]
    lines = ["  ".join(name.ljust(width) for name, width in zip(result.variables, widths, strict=True))]
    lines.append("  ".join("-" * width for width in widths))
    lines += ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in cells]
    count = len(result.rows)
    return "\n".join(line.rstrip() for line in lines) + f"\n({count} row{'s' if count != 1 else ''})\n"


def csv_value(term: Term | None) -> str:
    """https://www.w3.org/TR/sparql11-results-csv-tsv/#csv-terms: IRIs and literals as bare text."""
    if term is None:
        return ""
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def csv_text(result: Result, prefixes: Mapping[str, str]) -> str:
    """https://www.w3.org/TR/sparql11-results-csv-tsv/#csv: RFC 4180 with CRLF line ends."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(result.variables)
    writer.writerows([csv_value(term) for term in row] for row in result.rows)
    return stream.getvalue()


def tsv_value(term: Term | None) -> str:
    """https://www.w3.org/TR/sparql11-results-csv-tsv/#tsv-terms: terms in Turtle/N-Triples syntax."""
    if term is None:
        return ""
    return str(term).replace("\t", "\\t")


def tsv_text(result: Result, prefixes: Mapping[str, str]) -> str:
    """https://www.w3.org/TR/sparql11-results-csv-tsv/#tsv: a ?var header, then one line per solution."""
    lines = ["\t".join(f"?{name}" for name in result.variables)]
    lines += ["\t".join(tsv_value(term) for term in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def json_term(term: Term) -> dict[str, str]:
    """https://www.w3.org/TR/sparql11-results-json/#select-encode-terms"""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    encoded = {"type": "literal", "value": term.value}
    if term.language:
        encoded["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        encoded["datatype"] = term.datatype.value
    return encoded


def json_text(result: Result, prefixes: Mapping[str, str]) -> str:
    """https://www.w3.org/TR/sparql11-results-json/: head.vars and results.bindings (unbound: absent)."""
    bindings = [
        {name: json_term(term) for name, term in zip(result.variables, row, strict=True) if term is not None}
        for row in result.rows
    ]
    document = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


WRITERS: dict[str, Callable[[Result, Mapping[str, str]], str]] = {
    "table": table,
    "csv": csv_text,
    "tsv": tsv_text,
    "json": json_text,
}


def render(result: Result, fmt: str, prefixes: Mapping[str, str] | None = None) -> str:
    """Write an answer in one of RESULT_FORMATS."""
    if result.boolean is not None:
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
        return "true\n" if result.boolean else "false\n"
    if result.triples is not None:
        return sorted_ntriples(result.triples)
    return WRITERS[fmt](result, prefixes or {})
