"""Read a catalog's JSON file exactly: fractions as Decimals, and a key given twice refused with its line.

JSON readers silently keep the last of two values for one key; a catalog that gives a key twice
is broken, so aimkg says where instead. Both JSON catalogs (LiteLLM, genai-prices) read through here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from aimkg.core.errors import InputError
from aimkg.core.limits import InputLimits
from aimkg.io.safety import read_text
from aimkg.sources.fields import describe


class DuplicateKeyError(Exception):
    """A JSON object gives a key twice (raised while parsing; read_json then finds where)."""


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Build a JSON object, refusing a key given twice: json.loads would silently keep the last value."""
    table = dict(pairs)
    if len(table) < len(pairs):
        raise DuplicateKeyError
    return table


#: A JSON string (with the colon after it when it is a key), or an object's brace.
JSON_TOKEN = re.compile(r'(?P<string>"(?:[^"\\]|\\.)*")(?P<colon>\s*:)?|[{}]')


def duplicate_keys(text: str) -> Iterator[tuple[int, list[str]]]:
    """Yield each key given twice in one object: its line, and the keys leading to it from the top.

    Only run once json.loads has found a duplicate, on the part of the text it had read, which
    is valid JSON: there, a string followed by a colon is a key and a brace outside strings
    opens or closes an object.
    """
    objects: list[dict[str, None]] = []  # the keys of each open object so far, in order
    for token in JSON_TOKEN.finditer(text):
        if token[0] == "{":
            objects.append({})
        elif token[0] == "}":
            objects.pop()
        elif token["colon"]:
            key = json.loads(token["string"])
            if key in objects[-1]:
                line = text.count("\n", 0, token.start()) + 1
                yield line, [*(next(reversed(keys)) for keys in objects[:-1]), key]
            objects[-1][key] = None


def read_json(
    path: Path, limits: InputLimits, expected: type, what: str, twice: Callable[[Path, str], InputError]
) -> Any:
    """Parse a catalog's JSON file, numbers with a fraction or exponent (and NaN, Infinity) as exact Decimals.

    ``expected`` is the type the whole file must be, ``what`` how the messages name it ("one JSON
    object of model entries"), ``twice`` the error for a key given twice, which says where.
    """
    text = read_text(path, limits)
    if not text.strip():
        raise InputError(f"{path}: empty file; expected {what}")
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=Decimal, object_pairs_hook=unique_keys)
    except json.JSONDecodeError as error:
        raise InputError(f"{path}: line {error.lineno} column {error.colno}: invalid JSON: {error.msg}") from error
    except RecursionError as error:
        raise InputError(f"{path}: JSON nested too deeply to read safely") from error
    except DuplicateKeyError:
        raise twice(path, text) from None
    if not isinstance(data, expected):
        raise InputError(f"{path}: expected {what}, got {describe(data, 'an object')}")
    return data
