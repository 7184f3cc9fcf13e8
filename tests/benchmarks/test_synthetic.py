"""The synthetic catalog the benchmarks and the scaling tests read: the same seed gives the same triples."""

from __future__ import annotations

import pytest

from benchmarks.synthetic import synthetic_triples


@pytest.mark.parametrize("size", [500, 2000])
def test_synthetic_catalog_is_deterministic(size: int) -> None:
    assert synthetic_triples(size, seed=3) == synthetic_triples(size, seed=3)
    assert synthetic_triples(size, seed=3) != synthetic_triples(size, seed=4)
