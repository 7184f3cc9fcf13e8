"""Checks on untrusted RDF input, made before and while a parser reads it.

Nothing is fetched (JSON-LD contexts resolve only to local files), RDF/XML may not declare a
DOCTYPE or entities, and file and literal sizes are bounded by ``InputLimits`` that the user
can raise. Every refusal is an ``InputError`` naming the file and, where there is one, the line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from aimkg.core.errors import InputError
from aimkg.core.limits import InputLimits
from aimkg.core.resources import CONTEXT_IRI, context_path


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


def json_ld_document(path: Path, data: bytes, limits: InputLimits) -> bytes:
    """Return a JSON-LD document with its contexts inlined from local files, or fail naming the position."""
    text = utf8_text(path, data)
    try:
        document = resolve_contexts(path, json.loads(text), known_contexts(limits))
    except json.JSONDecodeError as error:
        raise InputError(f"{path}: line {error.lineno} column {error.colno}: {error.msg}") from error
    except RecursionError as error:
        raise InputError(f"{path}: JSON nested too deeply to read safely") from error
    return json.dumps(document).encode()


def refuse_long_literal(path: Path, quad: ox.Quad | ox.Triple, limits: InputLimits) -> None:
    if isinstance(quad.object, ox.Literal) and len(quad.object.value) > limits.max_literal_chars:
        raise literal_too_long(path, quad.subject, len(quad.object.value), limits)


def literal_too_long(path: Path, subject: object, length: int, limits: InputLimits) -> InputError:
    return InputError(
        f"{path}: a literal of {length} characters on {subject} is over the "
        f"{limits.max_literal_chars}-character limit; raise it with --max-literal-chars"
    )


def has_line_over(data: bytes, limit: int) -> bool:
    """Tell whether a line is longer than ``limit`` bytes, with two searches per ``limit`` bytes, not one per line.

    A line that long must cross from one window of ``limit`` bytes into another, so only the gap
    between the last newline of a window and the first newline of a later one can exceed it.
    """
    last = -1
    for start in range(0, len(data), limit):
        first = data.find(b"\n", start, start + limit)
        if first == -1:
            continue
        if first - last - 1 > limit:
            return True
        last = data.rfind(b"\n", start, start + limit)
    return len(data) - last - 1 > limit


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
