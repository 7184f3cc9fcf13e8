"""A file's sha256, as the manifests and the cache keys write it."""

from __future__ import annotations

from pathlib import Path

from aimkg.core.digest import sha256


def test_the_digest_is_the_hex_sha256_of_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "abc"
    path.write_bytes(b"abc")
    assert sha256(path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
