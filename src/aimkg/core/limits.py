"""Bounds on untrusted input: file size, literal length and the JSON-LD contexts allowed.

Kept free of heavy imports so that the CLI can build them at start-up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class InputLimits:
    """Bounds on untrusted input, so that a hostile or broken file fails fast instead of exhausting memory."""

    max_file_bytes: int = 1 << 30
    max_literal_chars: int = 1 << 20
    #: JSON-LD context IRIs the user allows, each answered from a local file (never fetched).
    contexts: Mapping[str, Path] = field(default_factory=dict)


DEFAULT_LIMITS = InputLimits()
