"""The sha256 of a file's bytes, shared by the build's manifests and the cache's keys.

Here rather than in ``aimkg.build.manifest`` so that ``aimkg query``, which keys its store by
the digests of its files, does not import the manifests' JSON and atomic writing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def sha256(path: Path) -> str:
    """The hex sha256 of a file's bytes."""
    with Path(path).open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()
