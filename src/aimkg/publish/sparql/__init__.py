"""A read-only SPARQL query service over pyoxigraph, safe to expose: refused federation, time and size limits.

``guard`` decides what is refused before a query runs (updates, SERVICE, over-long queries),
``run`` answers one query within the result-size limit, and ``pool`` runs the queries in worker
processes that it kills at the time limit. This module holds what they and the server share: the
limits and the answer. None of them imports rdflib, so that workers start fast.

Link: https://www.w3.org/TR/sparql11-protocol/#query-operation
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QueryLimits:
    """What one query may use. Defaults suit a small graph served to the public."""

    max_query_chars: int = 16_384
    timeout: float = 10.0
    max_result_bytes: int = 8 * 1024 * 1024
    workers: int = 2


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status, media type, body."""

    status: int
    content_type: str
    body: bytes

    @classmethod
    def text(cls, status: int, message: str) -> Answer:
        return cls(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))
