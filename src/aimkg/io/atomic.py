"""Write output files whole or not at all, so a failure never leaves a half-written file behind."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from aimkg.core.errors import InputError


def cannot_write(path: Path, error: OSError) -> InputError:
    """The error that names a file that could not be written, and why."""
    return InputError(f"{path}: cannot write: {error.strerror or error}")


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write a file through a temporary file beside it and an atomic rename.

    Readers see the old file or the new one, never a partial write; a failure (disk full, an
    interrupt) removes the temporary file and leaves the old one as it was. A failure to write
    is an InputError naming the file.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise cannot_write(path, error) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data.encode("utf-8") if isinstance(data, str) else data)
        umask = os.umask(0)
        os.umask(umask)
        Path(temporary).chmod(0o666 & ~umask)  # mkstemp's 0600 would surprise whoever publishes the files
        Path(temporary).replace(path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise cannot_write(path, error) from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def old_folder(target: Path) -> Path:
    """Where ``replace_folder`` moves the folder it replaces, until it is deleted."""
    return target.with_name(f".{target.name}.old")


def replace_folder(staged: Path, target: Path) -> None:
    """Put a folder written whole beside ``target`` in its place, by two renames.

    A reader may for an instant find no folder, never a partial one. Each step is skipped when
    it is done already, so that after a crash at any point the same call finishes the swap:
    ``target`` moves to ``old_folder(target)``, ``staged`` to ``target``, and the old one is deleted.
    """
    old = old_folder(target)
    if target.exists():
        shutil.rmtree(old, ignore_errors=True)  # left by a swap that finished all but the deleting
        if staged.exists():
            target.rename(old)
    if staged.exists():
        staged.rename(target)
    elif not target.exists() and old.exists():
        old.rename(target)  # nothing to put in its place: the old folder stays
    shutil.rmtree(old, ignore_errors=True)
