"""What holds for every importer: a whole real catalog conforms to the shapes."""

from __future__ import annotations

import pytest

from aimkg.validate import validate_with_bundled


@pytest.mark.parametrize("imported", ["models_dev_import", "litellm_import"])
def test_the_whole_catalog_validates(request: pytest.FixtureRequest, imported: str) -> None:
    """Every mapped entry with the bundled graph, by pySHACL-turbo (the shape tests show it agrees with pySHACL)."""
    report = validate_with_bundled(request.getfixturevalue(imported).graph, engine="turbo")
    assert report.conforms, report.to_text()
