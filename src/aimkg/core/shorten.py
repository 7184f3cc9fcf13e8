"""Write an IRI the short way people read it: ``version:mistral-medium-2312``, ``aimkg:Version``."""

from __future__ import annotations

from collections.abc import Mapping

from aimkg.core.terms import PREFIXES


def shorten(iri: str, prefixes: Mapping[str, str] = PREFIXES) -> str | None:
    """Return ``prefix:local`` for the first namespace the IRI is under, or None when none applies.

    >>> shorten("https://w3id.org/aimkg/id/version/mistral-medium-2312")
    'version:mistral-medium-2312'
    >>> shorten("https://w3id.org/aimkg/ontology#Version")
    'aimkg:Version'
    >>> shorten("https://example.org/model") is None
    True
    """
    for prefix, namespace in prefixes.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return None
