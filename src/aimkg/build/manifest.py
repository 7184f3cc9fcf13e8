"""The manifest of a pinned upstream folder: what it holds, where it came from, the sha256 of every file.

``upstream/<source>/MANIFEST.json`` names the upstream repository, the version (a release or a
full commit), its date, how the copy was made and the sha256 of every other file in the folder.
``verify`` lets the build refuse a corrupt or truncated pin; ``write_manifest`` hashes a folder
pinned by hand.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from aimkg.core.digest import sha256
from aimkg.core.errors import InputError
from aimkg.io.atomic import write_atomic

MANIFEST = "MANIFEST.json"


@dataclass(frozen=True)
class Manifest:
    """The contents of a ``MANIFEST.json``: what a pinned folder holds and where it came from."""

    name: str
    upstream: str
    version: str
    date: str
    retrieved_from: str
    files: dict[str, str]
    license: str = "MIT"

    def to_json(self) -> str:
        """Sorted keys, indent 2, trailing newline: the same pin always writes the same bytes."""
        return json.dumps(asdict(self), indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        path = Path(folder) / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            fields = {key: data[key] for key in ("name", "upstream", "version", "date", "retrieved_from", "license")}
            files = data["files"]
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise InputError(
                f"{path}: no readable manifest ({error}); regenerate the folder with `aimkg update`"
            ) from error
        valid_files = isinstance(files, dict) and all(isinstance(v, str) for v in files.values())
        if not valid_files or not all(isinstance(value, str) for value in fields.values()):
            raise InputError(f"{path}: a field has the wrong type; regenerate the folder with `aimkg update`")
        return cls(files=dict(files), **fields)


def _listing(folder: Path) -> set[str]:
    """Every file under ``folder`` but its manifest, as relative POSIX paths."""
    found = set()
    for directory, _dirs, names in os.walk(folder):
        found |= {Path(directory, name).relative_to(folder).as_posix() for name in names}
    return found - {MANIFEST}


def file_hashes(folder: Path) -> dict[str, str]:
    """The sha256 of every file under ``folder`` but its manifest, by relative POSIX path."""
    return {relative: sha256(Path(folder) / relative) for relative in sorted(_listing(Path(folder)))}


def verify(folder: Path) -> list[str]:
    """Compare every file with the manifest; return one line per missing, extra or changed file (empty: intact)."""
    folder = Path(folder)
    try:
        manifest = Manifest.read(folder)
    except InputError as error:
        return [str(error)]
    problems = []
    paths = _listing(folder)
    for relative in sorted(paths | manifest.files.keys()):
        if relative not in manifest.files:
            problems.append(f"extra: {relative} (not in {MANIFEST})")
        elif relative not in paths:
            problems.append(f"missing: {relative}")
        else:
            try:
                actual = sha256(folder / relative)
            except OSError as error:
                problems.append(f"unreadable: {relative} ({error.strerror or error})")
                continue
            if actual != manifest.files[relative]:
                problems.append(f"changed: {relative} (sha256 {actual}, manifest {manifest.files[relative]})")
    return problems


def verified(folder: Path) -> Manifest:
    """Return the manifest of an intact pinned folder; raise InputError naming the first problem otherwise."""
    problems = verify(folder)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(
            f"{folder}: does not match its {MANIFEST}: {problems[0]}{more}; "
            f"restore it with git or refresh it with `aimkg update {Path(folder).name}`"
        )
    return Manifest.read(folder)


def write_manifest(folder: Path, *, name: str, upstream: str, version: str, date: str, retrieved_from: str) -> Manifest:
    """Hash every file of ``folder`` and write its manifest: for a pin made by hand (LiteLLM's, from a wheel)."""
    manifest = Manifest(name, upstream, version, date, retrieved_from, file_hashes(Path(folder)))
    write_atomic(Path(folder) / MANIFEST, manifest.to_json())
    return manifest


def changed_files(old: Manifest | None, new: Manifest) -> list[str]:
    """The files an update added, removed or changed (all of them when there was no previous pin)."""
    before = old.files if old else {}
    return sorted(path for path in before.keys() | new.files.keys() if before.get(path) != new.files.get(path))
