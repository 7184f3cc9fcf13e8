"""aimkg: an open knowledge graph of AI models.

The Python API follows the flow of the data: ``load()`` reads the bundled ontology and data
(plus any files given) into one rdflib graph, and ``validate(graph)`` checks it against the
SHACL shapes. Heavy modules load on first use, so importing aimkg stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["load", "validate"]

if TYPE_CHECKING:
    from aimkg.load import load
    from aimkg.validate import validate


def __getattr__(name: str) -> Any:
    if name == "load":
        from aimkg.load import load

        return load
    if name == "validate":
        from aimkg.validate import validate

        return validate
    raise AttributeError(f"module 'aimkg' has no attribute {name!r}")
