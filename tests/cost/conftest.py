"""The small priced catalog of prices.ttl (with the curated data), and its index, for the cost tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from aimkg.cost.calculate import PriceIndex
from aimkg.cost.index import IndexData, read_index
from aimkg.cost.usage import Usage
from aimkg.io.read import bundled_files, read_store

PRICES = Path(__file__).with_name("prices.ttl")


@pytest.fixture(scope="session")
def index_data() -> IndexData:
    return read_index(read_store([*bundled_files(), PRICES]))


@pytest.fixture
def index(index_data: IndexData) -> PriceIndex:
    """A fresh index each test (it memoises what it compiles), over the same data."""
    return PriceIndex(index_data)


@pytest.fixture
def usage() -> Usage:
    """A call of a million prompt tokens (300,000 of them cached) and 200,000 generated."""
    return Usage(input_tokens=1_000_000, output_tokens=200_000, cache_read_tokens=300_000)
