"""The SPARQL guard decides on the query text alone, before any store or worker; workers stay free of rdflib."""

from __future__ import annotations

import subprocess
import sys

import pytest

from aimkg.publish.sparql.guard import screen, too_long


@pytest.mark.parametrize(
    ("query", "status", "reason"),
    [
        ("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", 400, b"SERVICE is not allowed"),
        ("INSERT DATA { <https://example.org/a> <https://example.org/b> <https://example.org/c> }", 403, b"read-only"),
        ("PREFIX e: <https://example.org/> DELETE WHERE { ?s e:p ?o }", 403, b"read-only"),
        ("SELECT * WHERE { ?s ?p }", 400, b"not valid SPARQL"),
    ],
)
def test_refused_queries(query: str, status: int, reason: bytes) -> None:
    answer = screen(query)
    assert answer is not None and answer.status == status and reason in answer.body


def test_service_as_a_word_runs() -> None:
    query = 'PREFIX service: <https://example.org/service#> SELECT ?service { ?service service:p "SERVICE" }'
    assert screen(query) is None


def test_length_is_checked_before_parsing() -> None:
    assert too_long("x" * 10, 10) is None
    answer = too_long("x" * 11, 10)
    assert answer is not None and answer.status == 413


def test_the_worker_side_imports_no_rdflib() -> None:
    probe = "import sys, aimkg.publish.sparql.pool; print('rdflib' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
