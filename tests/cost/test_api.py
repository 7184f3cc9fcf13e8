"""``aimkg.cost``: the Python API, exposed beside ``aimkg.load`` and ``aimkg.validate``."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest

import aimkg
from aimkg.cost import all_platforms, cost, default_index
from aimkg.cost.calculate import PriceIndex
from aimkg.cost.usage import Usage


def test_aimkg_cost_is_the_function_and_the_package_still_imports() -> None:
    assert aimkg.cost is cost
    assert "cost" in aimkg.__all__
    from aimkg.cost.usage import Usage as Imported

    assert Imported is Usage


def test_cost_and_all_platforms_take_an_index(index: PriceIndex) -> None:
    usage = {"input_tokens": 1_000_000}
    assert aimkg.cost("test-claude-1", usage, index=index).total == Decimal("3.005")
    assert [result.platform for result in all_platforms("test-chat", usage, index=index, at="2026-04-01T00:00Z")] == [
        "openai",
        "openrouter",
        "amazon-bedrock",
    ]


def test_the_default_index_is_the_graph_aimkg_graph_names(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    package = sys.modules["aimkg.cost"]  # `import aimkg.cost as x` would give the function, as aimkg.cost does
    monkeypatch.setattr(package, "_INDEXES", {})
    monkeypatch.setenv("AIMKG_GRAPH", "curated")
    index = default_index()
    assert default_index() is index  # read once per process
    result = aimkg.cost("mistral-medium-2312", Usage(input_tokens=1_000_000), at="2024-06-01")
    assert (result.total, result.source) == (Decimal("2.75"), "seed-mistral-medium-2023")
