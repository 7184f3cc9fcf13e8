"""Sources: the catalogs aimkg imports, one module per catalog, behind a small base class.

``import_models_dev(path)``, ``import_litellm(path)`` and ``import_genai_prices(path)`` return an
``ImportResult``: the graph, whose every node names the catalog release as its source, and the
report of what was not mapped.
The catalog modules load on first use, so that ``python -m aimkg.sources.litellm`` runs the
module once.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aimkg.sources.importer import Importer

__all__ = [
    "ImportReport",
    "ImportResult",
    "import_genai_prices",
    "import_litellm",
    "import_models_dev",
    "importer_class",
]

#: The catalog modules and importer classes, by the name the CLI uses.
IMPORTERS = {
    "models-dev": ("models_dev", "ModelsDevImporter"),
    "litellm": ("litellm", "LiteLLMImporter"),
    "genai-prices": ("genai_prices", "GenaiPricesImporter"),
}
EXPORTS = {
    "import_models_dev": "models_dev",
    "import_litellm": "litellm",
    "import_genai_prices": "genai_prices",
    "ImportReport": "report",
    "ImportResult": "report",
}


def importer_class(name: str) -> type[Importer]:
    """Return the importer class for a catalog name."""
    module, cls = IMPORTERS[name]
    found: type[Importer] = getattr(import_module(f"aimkg.sources.{module}"), cls)
    return found


def __getattr__(name: str) -> Any:
    if name in EXPORTS:
        return getattr(import_module(f"aimkg.sources.{EXPORTS[name]}"), name)
    raise AttributeError(f"module 'aimkg.sources' has no attribute {name!r}")
