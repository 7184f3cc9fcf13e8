"""Refreshing a pinned upstream catalog: ``update`` fetches one source and swaps it in only once it is whole.

Each source lives in ``upstream/<source>/`` with its licence and a ``MANIFEST.json``
(``aimkg.build.manifest``). ``update`` has the new copy fetched (``aimkg.build.fetch``) into a
staging folder beside the old one, checks its licence, writes and verifies its manifest, and
only then swaps it in by renames, so a failed refresh (network, git, a truncated or invalid
download, a changed licence) changes nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from pathlib import Path

from aimkg.build.fetch import SOURCES, fetch
from aimkg.build.manifest import MANIFEST, Manifest, verify
from aimkg.core.errors import InputError
from aimkg.core.resources import resource_root
from aimkg.io.atomic import write_atomic

#: Every manifest records licence MIT: an upstream LICENSE without this sentence is refused.
MIT_GRANT = "Permission is hereby granted, free of charge"


def default_root() -> Path:
    """The checkout's ``upstream/`` folder: pinned sources are updated in a checkout, never in an installed wheel."""
    root = resource_root()
    if root.name == "_resources":
        raise InputError("aimkg runs from an installed wheel, which has no upstream/ folder: pass --root DIR")
    return root / "upstream"


def update(
    source: str, root: Path, *, origin: str | None = None, ref: str | None = None, date: str | None = None
) -> Manifest:
    """Refresh ``root/<source>`` from upstream and return its new manifest.

    ``origin`` replaces the upstream address (a git URL or path for models-dev; for the HTTPS
    sources the URL of the main data file, with the licence and schema beside it where the
    upstream repository keeps them). ``ref`` is a branch, tag or commit (default: the default
    branch). ``date`` (YYYY-MM-DD, HTTPS sources only) is the date of that release or commit:
    a raw download carries none, so it defaults to today (UTC), right for a moving ref.
    The new folder is written and verified beside the old one, then swapped in by renames.
    """
    spec = SOURCES.get(source)
    if spec is None:
        raise InputError(f"unknown source {source!r}: use one of {', '.join(sorted(SOURCES))}")
    if ref is not None and (not ref.strip() or ref.startswith("-")):
        raise InputError(f"--ref {ref!r}: give a branch, tag or commit")
    if date is not None and (spec.git or not _is_date(date)):
        raise InputError(f"--date {date!r}: only for HTTPS sources, as YYYY-MM-DD (models-dev takes its commit's date)")
    root = Path(root)
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=root, prefix=f".{source}.", suffix=".new"))
    except OSError as error:
        raise InputError(f"{root}: cannot write the update there ({error.strerror or error})") from error
    try:
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)  # mkdtemp's 0700 would hide the pinned folder from other users
        manifest = fetch(spec, staging, origin, ref, date, pinned=root / source)
        _check_license(staging / "LICENSE", f"{source} at {manifest.version}")
        write_atomic(staging / MANIFEST, manifest.to_json())
        problems = verify(staging)
        if problems:
            raise InputError(f"{source}: the new copy does not verify ({problems[0]}); the pinned folder is unchanged")
        _swap(staging, root / source)
    except OSError as error:
        raise InputError(
            f"{root / source}: cannot write the update ({error}); the pinned folder is unchanged"
        ) from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone already after a successful swap
    return manifest


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text))


def _swap(staging: Path, target: Path) -> None:
    """Put the staged folder in place by renames: a reader may for an instant find no folder, never a partial one."""
    if not target.exists():
        staging.rename(target)
        return
    old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old"))
    old.rmdir()
    target.rename(old)
    try:
        staging.rename(target)
    except BaseException:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _check_license(path: Path, where: str) -> None:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise InputError(
            f"{where}: no LICENSE file ({error.strerror or error}); the pinned folder is unchanged"
        ) from error
    if MIT_GRANT not in " ".join(text.split()):
        raise InputError(f"{where}: LICENSE is no longer MIT; review the licence before pinning this version")
