"""aimkg: an open knowledge graph of AI models.

The Python API follows the flow of the data: ``load()`` reads the bundled ontology and data
(plus any files given) into one rdflib graph, ``validate(graph)`` checks it against the
SHACL shapes, and ``cost(model_id, usage)`` prices a call from the graph's prices. Each loads
on first use, so that importing aimkg (and ``aimkg --help``) stays fast.

The bundled graph conforms (``aimkg validate``); a context window of -1 tokens would not:

>>> import aimkg
>>> from rdflib import Literal, URIRef
>>> graph = aimkg.load()
>>> version = URIRef("https://w3id.org/aimkg/id/version/mistral-medium-2312")
>>> _ = graph.set((version, URIRef("https://w3id.org/aimkg/ontology#contextWindow"), Literal(-1)))
>>> report = aimkg.validate(graph)
>>> report.conforms
False
>>> [(v.focus_node, v.path, v.constraint) for v in report.violations]
[('https://w3id.org/aimkg/id/version/mistral-medium-2312', 'aimkg:contextWindow', 'sh:MinExclusiveConstraintComponent')]
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["cost", "load", "validate"]
#: Where each public function lives (the package's layout follows the flow of the data).
API = {"load": "aimkg.io.graph", "validate": "aimkg.validate", "cost": "aimkg.cost"}

if TYPE_CHECKING:
    from aimkg.cost import cost
    from aimkg.io.graph import load
    from aimkg.validate import validate


class _LazyApi(types.ModuleType):
    """Make ``aimkg.load``, ``aimkg.validate`` and ``aimkg.cost`` the functions, not a same-named module.

    Importing a submodule sets it as an attribute of the package, which would shadow a plain
    module-level ``__getattr__``; resolving the names here, on every access, cannot be shadowed.
    """

    def __getattribute__(self, name: str) -> Any:
        if name in API:
            return getattr(importlib.import_module(API[name]), name)
        return super().__getattribute__(name)


sys.modules[__name__].__class__ = _LazyApi
