"""The compact, shipped form of a catalog history: gzip'd JSON Lines, one line per commit.

Format (``models-dev.history.jsonl.gz`` beside the pinned upstream, say):

- gzip (one member, ``mtime`` 0, no file name, level 9) of UTF-8 text, one line per
  first-parent commit, oldest first, each line ending in ``\\n``;
- each line a JSON object with exactly these keys, in this order (sorted): ``changes`` (model
  file path -> its new effective record, or ``null`` when the file was deleted), ``invalid``
  (path -> why the commit left it unreadable), ``sha`` (the full commit ID), ``time``
  (committer time in UTC, ``YYYY-MM-DDTHH:MM:SSZ``), ``title`` (the commit's subject line);
- records as JSON objects with sorted keys and no spaces; TOML integers as JSON integers;
  TOML numbers with a fraction as JSON numbers in their exact decimal text (``1.50`` stays
  ``1.50``; a whole one is written ``5E0`` so that it reads back as a decimal, not an integer),
  read back as ``Decimal``; ``inf`` and ``nan`` as ``Infinity``, ``-Infinity`` and ``NaN`` (as
  Python's ``json`` reads them); TOML dates and times (which models.dev never used) as their
  ISO 8601 text.

Every commit of the history has its line, changes or not, so that the last line names the
commit to continue from. The same history always gives the same bytes: ``extend`` rewrites the
file whole rather than appending a gzip member.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Callable, Iterable, Iterator
from datetime import date, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from aimkg.core.errors import InputError
from aimkg.history import git
from aimkg.history.models_dev import Commit, extract
from aimkg.io.atomic import write_atomic

KEYS = ("changes", "invalid", "sha", "time", "title")

#: The history file beside a pinned models.dev copy (upstream/models-dev/).
HISTORY_FILE = "history.jsonl.gz"


def encode(value: Any, out: Callable[[str], object]) -> None:
    """Write one value as compact JSON with sorted keys, Decimals in their exact text."""
    if isinstance(value, str):
        out(json.encoder.encode_basestring(value))
    elif value is None or isinstance(value, bool):
        out({None: "null", True: "true", False: "false"}[value])
    elif isinstance(value, int):
        out(int.__repr__(value))
    elif isinstance(value, Decimal):
        out(decimal_text(value))
    elif isinstance(value, dict):
        out("{")
        for index, key in enumerate(sorted(value)):
            out("," if index else "")
            out(json.encoder.encode_basestring(key))
            out(":")
            encode(value[key], out)
        out("}")
    elif isinstance(value, list):
        out("[")
        for index, item in enumerate(value):
            out("," if index else "")
            encode(item, out)
        out("]")
    elif isinstance(value, date | time):
        out(json.encoder.encode_basestring(value.isoformat()))
    else:
        raise TypeError(f"no JSON form for {type(value).__name__}")


def decimal_text(value: Decimal) -> str:
    """A Decimal as a JSON number that reads back as the same Decimal."""
    if value.is_nan():
        return "NaN"
    text = str(value)
    if text.lstrip("-").isdigit():
        return f"{text}E0"  # without a fraction or exponent, JSON would read an integer
    return text


def dumps(commit: Commit) -> str:
    """One commit as its line, without the line end."""
    parts: list[str] = []
    encode(
        {
            "changes": commit.changes,
            "invalid": commit.invalid,
            "sha": commit.sha,
            "time": commit.time,
            "title": commit.title,
        },
        parts.append,
    )
    return "".join(parts)


def loads(line: str | bytes) -> Commit:
    """One line back as a Commit, numbers with a fraction as Decimal."""
    data = json.loads(line, parse_float=Decimal, parse_constant=Decimal)
    if not isinstance(data, dict) or sorted(data) != list(KEYS):
        raise ValueError(f"a history line has the keys {', '.join(KEYS)}")
    return Commit(data["sha"], data["time"], data["title"], data["changes"], data["invalid"])


def compress(text: bytes) -> bytes:
    """gzip with no time stamp and no file name, so that the same text gives the same bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as stream:
        stream.write(text)
    return buffer.getvalue()


def lines(commits: Iterable[Commit]) -> bytes:
    return b"".join(f"{dumps(commit)}\n".encode() for commit in commits)


def write(commits: Iterable[Commit], path: Path) -> None:
    """Write a history file whole (through a temporary file: never half a file)."""
    write_atomic(Path(path), compress(lines(commits)))


def text(path: Path) -> bytes:
    """A history file's lines, uncompressed."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from error
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as error:
        raise InputError(f"{path}: not a gzip'd history file: {error}") from error


def read(path: Path) -> Iterator[Commit]:
    """The commits of a history file, oldest first."""
    for number, line in enumerate(text(path).splitlines(), 1):
        try:
            yield loads(line)
        except (ValueError, KeyError) as error:
            raise InputError(f"{path}: line {number}: {error}") from error


def extend(path: Path, repo: Path, *, ref: str = "HEAD") -> int:
    """Bring the file to ``ref``: add the commits after its last one; return how many were added.

    The result is byte for byte what ``write(extract(repo, ref=ref), path)`` gives. A file that
    does not exist yet is written from the whole history. A file that runs past ``ref`` (an older
    pin) or off its first-parent history (a rewritten branch) keeps only its commits that are on
    it, and goes on from the last of them. A shallow clone is refused unless it holds the file's
    last commit: what it lacks would be lost.
    """
    path = Path(path)
    old = text(path).splitlines(keepends=True) if path.exists() else []
    shas = [commit.sha for commit in read(path)] if old else []  # read: a bad line is named
    first_parents = set(git.first_parents(repo, ref)) if old else set()
    kept = 0
    while kept < len(shas) and shas[kept] in first_parents:
        kept += 1
    since = shas[kept - 1] if kept else None
    if (since is None or kept < len(shas)) and git.is_shallow(repo):
        reach = f"the pinned history's last commit {shas[-1][:8]}" if shas else "its first commit"
        raise InputError(f"{repo}: a shallow clone, whose history does not reach {reach}; clone it whole")
    new = lines(extract(repo, since=since, ref=ref))
    if new or kept < len(old) or not path.exists():
        write_atomic(path, compress(b"".join(old[:kept]) + new))
    return new.count(b"\n")
