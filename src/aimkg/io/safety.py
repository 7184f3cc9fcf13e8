"""Checks on untrusted RDF input, made before and while a parser reads it.

Nothing is fetched (JSON-LD contexts resolve only to local files), RDF/XML may not declare a
DOCTYPE or entities, and file and literal sizes are bounded by ``InputLimits`` that the user
can raise. Lines, and the strings that may span them, are bounded by what pyoxigraph's parsers
hold, which no option raises (``refuse_long_lines``). Every refusal is an ``InputError`` naming
the file and, where there is one, the line.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from aimkg.core.errors import InputError
from aimkg.core.limits import InputLimits
from aimkg.core.resources import CONTEXT_IRI, context_path

#: pyoxigraph's parsers for N-Triples, N-Quads, Turtle and TriG read through a buffer of 16 MiB
#: that holds a line from its start to the end of the token being read. A line of up to
#: 16 MiB - 1 bytes always parses; at 16 MiB one that ends in a comment, a name or a number does
#: not ("MemoryError: Reached the buffer maximal size of 16777216"), and a longer one fails or not
#: depending on its tokens. Lines over this are refused before parsing, whatever they hold; a
#: Turtle long string (in triple quotes, which may span lines) is refused when it takes its
#: first line past it.
MAX_LINE_BYTES = (1 << 24) - 1
#: pyoxigraph's JSON parser (under JSON-LD) reads a string of at most 8 MiB, its quotes included.
MAX_JSON_STRING_BYTES = 1 << 23
#: The syntaxes whose parser has the line limit (RDF/XML's has none; JSON-LD's bounds strings).
LINE_SYNTAXES = frozenset({ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS, ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG})
#: What pyoxigraph's MemoryError says when a line or token outgrows its buffer.
BUFFER_FULL = "Reached the buffer maximal size"

#: The Turtle and TriG tokens that may hold a quote: comments, IRIs, short strings, and long
#: strings (group ``long``; an unterminated one runs to the end of the file). Read left to right,
#: so that a quote inside any of them is never taken for the start of a long string.
TURTLE_QUOTING = re.compile(
    rb"#[^\n]*+|<[^>\n]*+>"
    rb'|(?P<long>"""(?:[^"\\]++|\\.|"(?!""))*+(?:"""|\Z)'
    rb"|'''(?:[^'\\]++|\\.|'(?!''))*+(?:'''|\Z))"
    rb'|"(?:[^"\\\n]++|\\.)*+"'
    rb"|'(?:[^'\\\n]++|\\.)*+'",
    re.DOTALL,
)


def line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def refuse_xml_declarations(path: Path, data: bytes) -> None:
    """Refuse DOCTYPE and ENTITY declarations: they enable external entities and entity expansion.

    Link: https://www.w3.org/TR/xml/#sec-prolog-dtd (RDF/XML needs neither).
    """
    found = re.search(rb"<!(DOCTYPE|ENTITY)", data)
    if found:
        declaration = found.group(1).decode()
        raise InputError(
            f"{path}: line {line_of(data, found.start())}: RDF/XML with a {declaration} declaration is refused "
            "(external entities and entity expansion are unsafe); remove it"
        )


def known_contexts(limits: InputLimits) -> dict[str, Path]:
    """Return the JSON-LD contexts that may be used: the shipped one, and those the user allowed."""
    return {CONTEXT_IRI: context_path(), **limits.contexts}


def resolve_contexts(path: Path, node: Any, contexts: dict[str, Path]) -> Any:
    """Replace every context reference (``@context``, ``@import``) by the local document it names.

    Link: https://www.w3.org/TR/json-ld11-api/#remote-document-and-context-retrieval (never done here).
    """
    if isinstance(node, list):
        return [resolve_contexts(path, item, contexts) for item in node]
    if not isinstance(node, dict):
        return node
    resolved = {}
    for key, value in node.items():
        if key in ("@context", "@import"):
            value = resolve_context_reference(path, value, contexts)
        resolved[key] = resolve_contexts(path, value, contexts)
    return resolved


def resolve_context_reference(path: Path, value: Any, contexts: dict[str, Path]) -> Any:
    if isinstance(value, list):
        return [resolve_context_reference(path, item, contexts) for item in value]
    if not isinstance(value, str):
        return value
    if value not in contexts:
        raise InputError(
            f"{path}: JSON-LD context {value!r} is not fetched; aimkg resolves only its own context "
            f"({CONTEXT_IRI}) and contexts allowed with --jsonld-context IRI=FILE"
        )
    document = json.loads(contexts[value].read_text(encoding="utf-8"))
    return document.get("@context", document) if isinstance(document, dict) else document


def read_checked(path: Path, limits: InputLimits) -> bytes:
    """Read a whole file after checking its size against the limit."""
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise InputError(
                f"{path}: {size} bytes is over the {limits.max_file_bytes}-byte input limit; "
                "raise it with --max-input-bytes"
            )
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from error


def utf8_text(path: Path, data: bytes) -> str:
    """Decode a file's bytes as UTF-8, naming the line and byte of the first bad one."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: line {line_of(data, error.start)}: invalid UTF-8 at byte {error.start}") from error


def read_text(path: Path, limits: InputLimits) -> str:
    """Read a whole text file within the input limit, as UTF-8."""
    return utf8_text(path, read_checked(path, limits))


class UnreadableNumberError(ValueError):
    """A JSON number Python cannot hold as JSON-LD needs it: NaN, an infinity, an integer of too many digits."""

    def __init__(self, lexical: str, reason: str) -> None:
        super().__init__(reason)
        self.lexical = lexical
        self.reason = reason


def json_float(lexical: str) -> float:
    value = float(lexical)
    if not math.isfinite(value):
        shown = lexical if len(lexical) <= 30 else f"{lexical[:20]}... ({len(lexical)} characters)"
        raise UnreadableNumberError(lexical, f"the JSON number {shown} is out of a double's range")
    return value


def json_int(lexical: str) -> int:
    limit = sys.get_int_max_str_digits()
    digits = len(lexical.lstrip("-"))
    if limit and digits > limit:
        raise UnreadableNumberError(lexical, f"a JSON number of {digits} digits is over the {limit}-digit limit")
    return int(lexical)


def json_constant(lexical: str) -> None:
    raise UnreadableNumberError(lexical, f"{lexical} is not JSON (JSON numbers have no NaN or Infinity)")


#: An escaped UTF-16 surrogate with no partner: text no UTF-8 document can hold.
LONE_SURROGATE = re.compile(
    rb"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    rb"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def json_ld_document(path: Path, data: bytes, limits: InputLimits) -> bytes:
    """Return a JSON-LD document with its contexts inlined from local files, or fail naming the position.

    The document is written again as UTF-8, which never makes a string longer than the file
    wrote it, so that a file whose strings pass ``refuse_long_json_string`` parses.
    """
    text = utf8_text(path, data)
    try:
        parsed = json.loads(text, parse_float=json_float, parse_int=json_int, parse_constant=json_constant)
        document = resolve_contexts(path, parsed, known_contexts(limits))
    except json.JSONDecodeError as error:
        raise InputError(f"{path}: line {error.lineno} column {error.colno}: {error.msg}") from error
    except UnreadableNumberError as error:
        bare = re.search(rb"(?<![\w.+-])" + re.escape(error.lexical.encode()) + rb"(?![\w.+-])", data)
        raise InputError(f"{path}: line {line_of(data, bare.start() if bare else 0)}: {error.reason}") from error
    except RecursionError as error:
        raise InputError(f"{path}: JSON nested too deeply to read safely") from error
    refuse_long_json_string(path, data)
    try:
        return json.dumps(document, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as error:
        lone = LONE_SURROGATE.search(data)
        where = f"line {line_of(data, lone.start())}: " if lone else ""
        escape = lone.group().decode() if lone else "a \\ud800-\\udfff escape"
        message = f"{where}a JSON string holds a lone surrogate ({escape}), which is no character"
        raise InputError(f"{path}: {message}") from error


def refuse_long_json_string(path: Path, data: bytes, limit: int = MAX_JSON_STRING_BYTES) -> None:
    """Refuse a JSON string longer than pyoxigraph's JSON parser reads, naming its line.

    Only a line that long can hold one. Then, with every escaped backslash and quote blanked out
    (to bytes of the same length), each remaining quote opens or closes a string: a run between
    two quotes with an odd number of quotes before it is a string.
    """
    if not has_line_over(data, limit):
        return
    blanked = data.replace(b"\\\\", b"__").replace(b'\\"', b"__")
    for start, length in long_runs(blanked, b'"', limit - 2):
        if blanked.count(b'"', 0, start) % 2 == 1:
            raise InputError(
                f"{path}: line {line_of(data, start)}: a JSON string of {length + 2} bytes is over the "
                f"{limit}-byte limit of the JSON-LD parser"
            )


def refuse_long_literal(path: Path, quad: ox.Quad | ox.Triple, limits: InputLimits) -> None:
    if isinstance(quad.object, ox.Literal) and len(quad.object.value) > limits.max_literal_chars:
        raise literal_too_long(path, quad.subject, len(quad.object.value), limits)


def literal_too_long(path: Path, subject: object, length: int, limits: InputLimits) -> InputError:
    return InputError(
        f"{path}: a literal of {length} characters on {subject} is over the "
        f"{limits.max_literal_chars}-character limit; raise it with --max-literal-chars"
    )


def long_runs(data: bytes, separator: bytes, limit: int) -> Iterator[tuple[int, int]]:
    """Yield the offset and length of each run of bytes between separators longer than ``limit``, in order.

    Two searches per ``limit`` bytes, not one per separator: a run that long must cross from one
    window of ``limit`` bytes into another, so only the gap between the last separator of a
    window and the first separator of a later one can exceed it.
    """
    last = -1
    for start in range(0, len(data), limit):
        first = data.find(separator, start, start + limit)
        if first == -1:
            continue
        if first - last - 1 > limit:
            yield last + 1, first - last - 1
        last = data.rfind(separator, start, start + limit)
    if len(data) - last - 1 > limit:
        yield last + 1, len(data) - last - 1


def has_line_over(data: bytes, limit: int) -> bool:
    """Tell whether a line is longer than ``limit`` bytes (its newline not counted)."""
    return next(long_runs(data, b"\n", limit), None) is not None


def refuse_long_lines(path: Path, data: bytes, fmt: ox.RdfFormat) -> None:
    """Refuse, before parsing, a line longer than the parser holds (``MAX_LINE_BYTES``), naming it.

    In N-Triples, N-Quads, Turtle and TriG only; in Turtle and TriG, a long string that takes the
    line it starts on past the limit too. A file no longer than the limit has neither.
    """
    if fmt not in LINE_SYNTAXES or len(data) <= MAX_LINE_BYTES:
        return
    long_line = next(long_runs(data, b"\n", MAX_LINE_BYTES), None)
    if long_line is not None:
        start, length = long_line
        raise InputError(
            f"{path}: line {line_of(data, start)}: a line of {length} bytes is over the "
            f"{MAX_LINE_BYTES}-byte line limit of the RDF parser"
        )
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) and (b'"""' in data or b"'''" in data):
        for token in TURTLE_QUOTING.finditer(data):
            if token.lastgroup != "long":
                continue
            line_start = data.rfind(b"\n", 0, token.start()) + 1
            if token.end() - line_start > MAX_LINE_BYTES:
                raise InputError(
                    f"{path}: line {line_of(data, line_start)}: a long string takes the line to "
                    f"{token.end() - line_start} bytes, over the {MAX_LINE_BYTES}-byte line limit of the RDF parser"
                )


@contextmanager
def parser_errors(path: Path) -> Iterator[None]:
    """Turn what pyoxigraph raises on a broken file into an InputError naming the file and position.

    Its MemoryError on a line or token over its buffer should never come, since the lines are
    checked first (``refuse_long_lines``, ``refuse_long_json_string``); if a parser changes
    and it does, it gets one clean line too.
    """
    try:
        yield
    except SyntaxError as error:
        raise InputError(f"{path}: {syntax_error_position(error)}") from error
    except MemoryError as error:
        if BUFFER_FULL not in str(error):
            raise
        raise InputError(
            f"{path}: a line or value is too long for the RDF parser, which holds at most {MAX_LINE_BYTES} bytes "
            "of a line"
        ) from error


def may_hold_long_literal(data: bytes, fmt: ox.RdfFormat, limits: InputLimits) -> bool:
    """Tell from the bytes alone whether a literal might be over the limit, which is cheaper than looking.

    A literal of n characters takes at least n bytes, and in these syntaxes it lies on one line
    unless it is a Turtle or TriG long string; RDF/XML text may span lines.
    """
    if fmt == ox.RdfFormat.RDF_XML:
        return True
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) and (b'"""' in data or b"'''" in data):
        return True
    return has_line_over(data, limits.max_literal_chars)


def refuse_long_literals(path: Path, store: ox.Store, limits: InputLimits) -> None:
    """Look for a literal over the limit after a load, which gives no chance to see each one."""
    query = f"""SELECT ?subject ?length WHERE {{
        ?subject ?predicate ?object FILTER isLiteral(?object)
        BIND (STRLEN(?object) AS ?length) FILTER (?length > {int(limits.max_literal_chars)})
    }} LIMIT 1"""
    solutions = store.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        raise literal_too_long(path, row["subject"], int(row["length"].value), limits)


def syntax_error_position(error: SyntaxError) -> str:
    """Reword pyoxigraph's "Parser error at line 3 column 5: reason (file, line 3)" as "line 3 column 5: reason"."""
    reason = re.sub(r" \([^()]*, line \d+\)$", "", str(error.msg or error))
    located = re.sub(r"^Parser error (?:at )?", "", reason)
    located = re.sub(r"^between line (\d+) column (\d+) and line \d+ column \d+", r"line \1 column \2", located)
    located = re.sub(r"^line (\d+) between columns (\d+) and \d+", r"line \1 column \2", located)
    return located if located.startswith("line ") else f"line {error.lineno}: {reason}"
