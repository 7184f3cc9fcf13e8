"""Fixtures of the importer tests: each peer catalog, imported whole once per session."""

from __future__ import annotations

import pytest

from aimkg.sources.report import ImportResult
from tests.helpers.catalogs import LITELLM, MODELS_DEV


@pytest.fixture(scope="session")
def models_dev_import() -> ImportResult:
    """The whole models.dev fixture, imported once per session (about 5 s)."""
    from aimkg.sources import import_models_dev

    return import_models_dev(MODELS_DEV)


@pytest.fixture(scope="session")
def litellm_import() -> ImportResult:
    """The whole LiteLLM fixture, imported once per session (about 5 s)."""
    from aimkg.sources import import_litellm

    return import_litellm(LITELLM)
