"""Read a repository's first-parent history with git plumbing: a few processes, never one per file.

``log`` runs one ``git log --first-parent --raw -z`` for the paths each commit changed (a merge
is diffed against its first parent, so it brings what its branch brought); ``Blobs`` fetches
file contents through one ``git cat-file --batch`` per batch of object IDs; ``resolve`` follows
symbolic links inside a tree, as a checkout would.
"""

from __future__ import annotations

import posixpath
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from aimkg.core.errors import InputError

#: The file mode git gives a symbolic link; its blob holds the link's target path.
LINK = "120000"
#: Regular files (``100755`` is an executable one); anything else (a submodule) is no file.
FILES = frozenset({"100644", "100755", LINK})
#: How many links a path may lead through before it counts as a loop (Linux's own limit).
MAX_LINKS = 40
#: Settings that could change what ``git log`` prints, pinned for parsing; paths are never globs.
CONFIG = ("--literal-pathspecs", "-c", "log.showRoot=true", "-c", "log.showSignature=false")
HEADER = b"\x01"


@dataclass(frozen=True)
class Change:
    """One path a commit changed: its new mode and blob, or ``blob = None`` when it was deleted."""

    path: str
    mode: str
    blob: str | None


@dataclass(frozen=True)
class RawCommit:
    """A first-parent commit: ID, committer time in UTC, title, and the paths it changed."""

    sha: str
    time: str
    title: str
    changes: tuple[Change, ...]


def run(repo: Path, args: list[str], stdin: bytes | None = None) -> bytes:
    """Run one git command in ``repo``; a failure is an InputError naming the command and git's reason."""
    try:
        done = subprocess.run(["git", "-C", str(repo), *CONFIG, *args], input=stdin, capture_output=True, check=False)
    except FileNotFoundError as error:
        raise InputError("git is not installed: catalog history is read with git") from error
    if done.returncode:
        lines = [line.strip() for line in done.stderr.decode(errors="replace").splitlines() if line.strip()]
        reason = lines[-1] if lines else f"exit status {done.returncode}"
        raise InputError(f"{repo}: git {args[0]} failed: {reason}")
    return done.stdout


def utc(seconds: str) -> str:
    """A Unix time as ``YYYY-MM-DDTHH:MM:SSZ``: record time is UTC whatever the committer's offset."""
    return datetime.fromtimestamp(int(seconds), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def commit_id(repo: Path, rev: str) -> str:
    """The full ID of the commit ``rev`` names."""
    if rev.startswith("-"):
        raise InputError(f"{rev!r}: give a commit or branch name")
    try:
        return run(repo, ["rev-parse", "--verify", "--end-of-options", f"{rev}^{{commit}}"]).decode().strip()
    except InputError as error:
        raise InputError(f"{repo}: {rev!r} names no commit ({error})") from error


def is_shallow(repo: Path) -> bool:
    """Whether ``repo`` is a shallow clone: its history stops short of the first commit."""
    return run(repo, ["rev-parse", "--is-shallow-repository"]).strip() == b"true"


def first_parents(repo: Path, ref: str) -> list[str]:
    """The IDs of ``ref``'s first-parent history, newest first."""
    return run(repo, ["rev-list", "--first-parent", commit_id(repo, ref)]).decode().split()


def log(repo: Path, ref: str = "HEAD", since: str | None = None) -> list[RawCommit]:
    """Every first-parent commit of ``ref``, oldest first (after ``since`` when given), with its changed paths."""
    head = commit_id(repo, ref)
    span = head if since is None else f"{commit_id(repo, since)}..{head}"
    out = run(
        repo,
        [
            "log",
            "--first-parent",
            "--diff-merges=first-parent",
            "--reverse",
            "--no-renames",
            "--raw",
            "-z",
            "--no-abbrev",
            "--no-color",
            "--format=%x01%H %ct %s",
            span,
            "--",
        ],
    )
    return parse_log(out)


def parse_log(out: bytes) -> list[RawCommit]:
    """Split ``git log --raw -z`` output: a header token per commit, then (meta, path) token pairs."""
    commits: list[RawCommit] = []
    header: list[str] = []
    changes: list[Change] = []

    def close() -> None:
        if header:
            sha, seconds, title = header
            commits.append(RawCommit(sha, utc(seconds), title, tuple(changes)))

    tokens = iter(out.split(b"\0"))
    for token in tokens:
        token = token.lstrip(b"\n")
        if token.startswith(HEADER):
            close()
            sha, seconds, *title = token[1:].decode("utf-8", errors="replace").split(" ", 2)
            header, changes = [sha, seconds, title[0] if title else ""], []
        elif token.startswith(b":"):
            _, mode, _, blob, _ = token.decode().split(" ")
            path = next(tokens).decode("utf-8", errors="replace")
            changes.append(Change(path, mode, None if mode == "000000" else blob))
    close()
    return commits


def tree(repo: Path, commit: str) -> dict[str, tuple[str, str]]:
    """Every file of a commit's tree: path -> (mode, blob)."""
    files = {}
    for entry in run(repo, ["ls-tree", "-r", "-z", "--full-tree", commit]).split(b"\0"):
        if entry:
            meta, path = entry.split(b"\t", 1)
            mode, _, blob = meta.decode().split(" ")
            files[path.decode("utf-8", errors="replace")] = (mode, blob)
    return files


def batch(repo: Path, names: list[str], *options: str) -> list[bytes | None]:
    """Contents of many objects through one ``git cat-file --batch``; None for what is missing or no blob."""
    if not names:
        return []
    out = run(repo, ["cat-file", "--batch", *options], "".join(f"{name}\n" for name in names).encode())
    found: list[bytes | None] = []
    position = 0
    while position < len(out):
        end = out.index(b"\n", position)
        words = out[position:end].split(b" ")
        position = end + 1
        if words[-1] == b"missing":
            found.append(None)
            continue
        size = int(words[-1])
        body = out[position : position + size]
        position += size + 1
        # with --follow-symlinks, "dangling", "loop", "notdir" and "symlink" (leaving the tree) name no file
        found.append(body if len(words) == 3 and words[1] == b"blob" else None)
    return found


class Blobs:
    """Blob contents by ID, fetched in batches and kept (a history re-reads few of them)."""

    def __init__(self, repo: Path) -> None:
        self.repo = repo
        self.contents: dict[str, bytes | None] = {}

    def fetch(self, blobs: Iterable[str]) -> None:
        """Read every blob not yet read with one ``git cat-file --batch``."""
        wanted = sorted(set(blobs) - self.contents.keys())
        self.contents.update(zip(wanted, batch(self.repo, wanted), strict=True))

    def get(self, blob: str) -> bytes | None:
        if blob not in self.contents:
            self.fetch([blob])
        return self.contents[blob]


def resolve(files: dict[str, tuple[str, str]], path: str, blobs: Blobs) -> tuple[str | None, tuple[str, ...]]:
    """The blob a path leads to through symbolic links, and every path looked at on the way.

    A link's target is relative to the link's folder; one that leaves the repository, is
    absolute, is missing, is no file or loops leads to None (a broken link is no file). Links
    through a linked folder are not followed: models.dev never had one.
    """
    seen = [path]
    for _ in range(MAX_LINKS):
        entry = files.get(path)
        if entry is None or entry[0] not in FILES:
            return None, tuple(seen)
        mode, blob = entry
        if mode != LINK:
            return blob, tuple(seen)
        target = (blobs.get(blob) or b"").decode("utf-8", errors="replace")
        path = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
        if not target or target.startswith("/") or path == ".." or path.startswith("../"):
            return None, tuple(seen)
        seen.append(path)
    return None, tuple(seen)
