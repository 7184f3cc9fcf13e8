"""What the endpoint refuses, and why: federation (SERVICE, escaped or not), updates, invalid or over-long queries.

Decided on the query text before it reaches the graph's store, with pyoxigraph's own parser as
judge, so that a refused query never runs: a SERVICE is never called, and an update (which
``Store.query`` rejects only as a syntax error) is answered 403 rather than 400.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from aimkg.publish.sparql import Answer

SERVICE = re.compile("service", re.IGNORECASE)
CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
ERROR_POSITION = re.compile(r"error at (\d+):(\d+)")


def too_long(query: str, max_chars: int) -> Answer | None:
    """Refuse a query longer than the endpoint's limit, before any worker spends time on it."""
    if len(query) > max_chars:
        return Answer.text(413, f"query is longer than {max_chars:,} characters, this endpoint's limit")
    return None


def screen(query: str) -> Answer | None:
    """Refuse a query that would call out (SERVICE), update, or is not SPARQL; None lets it run."""
    probe, spans = defederate(query)
    if spans and SERVICE.search(unescape_codepoints(probe)):
        return Answer.text(400, "federated queries are refused: SERVICE is not allowed, escaped or not")
    try:
        ox.Store().query(probe)  # parse only: an empty store, and no SERVICE left to call
    except SyntaxError as error:
        return refusal(query, probe, spans, error)
    return None


def unescape_codepoints(text: str) -> str:
    """Apply SPARQL 1.1's \\u and \\U escapes (https://www.w3.org/TR/sparql11-query/#codepointEscape)."""
    return CODEPOINT_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def defederate(query: str) -> tuple[str, list[tuple[int, int]]]:
    """Return the query with every "service" (any case) turned into "zervice", and where each one was.

    A SERVICE keyword so changed is a syntax error for pyoxigraph, while a "service" inside a
    string, an IRI, a prefixed name or a variable name is still valid: parsing the changed query
    with pyoxigraph tells the two apart exactly, and can never call out.
    """
    spans = [(match.start(), match.end()) for match in SERVICE.finditer(query)]
    return SERVICE.sub("zervice", query), spans


def offset(text: str, line: int, column: int) -> int:
    """Turn pyoxigraph's 1-based line:column into an index into ``text``."""
    lines = text.split("\n")
    return sum(len(previous) + 1 for previous in lines[: line - 1]) + column - 1


def refusal(query: str, probe: str, spans: list[tuple[int, int]], error: SyntaxError) -> Answer:
    """Explain why a query that pyoxigraph cannot parse once defederated is refused."""
    message = str(error)
    position = ERROR_POSITION.search(message)
    if position:
        at = offset(probe, int(position.group(1)), int(position.group(2)))
        for start, end in spans:
            gap = len(probe[end:]) - len(probe[end:].lstrip())
            if start <= at <= end + gap + 1:
                return Answer.text(400, "federated queries are refused: SERVICE is not allowed on this endpoint")
    if re.match(r"\s*((PREFIX|BASE)\b[^{]*?)?(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", query, re.I):
        return Answer.text(403, "updates are refused: this endpoint is read-only")
    return Answer.text(400, f"query is not valid SPARQL: {message}")
