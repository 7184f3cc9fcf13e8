"""The pages of makers and platforms: what a provider made, what a platform serves, in sortable tables.

A provider is the maker of the versions whose ``aimkg:provider`` it is, and the operator of the
platforms and endpoints whose ``aimkg:provider`` it is (DESIGN.md: maker vs operator); its page
lists both. A platform's page lists every endpoint it serves with the version behind it, that
version's maker, its context window and its current standard prices. The tables sort by any
column in the browser (``static/site.js``); without scripts they read in their first order.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from aimkg.core.terms import RDF_TYPE
from aimkg.publish.graph import A
from aimkg.publish.rdf import Entity
from aimkg.publish.views import UNKNOWN, Page, Value, View
from aimkg.publish.views.entity import generic_data, generic_page
from aimkg.publish.views.prices import format_price
from aimkg.publish.views.summary import Summary, VersionLine

PLATFORM = ox.NamedNode(A.Platform)


def sortable_number(value: object) -> str:
    """The value a sortable column sorts by: the number, or empty (sorted last)."""
    return "" if value is None else str(value)


def version_row(view: View, line: VersionLine) -> dict[str, Any]:
    return {
        "version": view.value(line.iri),
        "slug": line.iri.rsplit("/", 1)[1],
        "model": view.value(line.line) if line.line else Value(UNKNOWN),
        "maker": view.value(line.maker) if line.maker else Value(UNKNOWN),
        "released": line.released or UNKNOWN,
        "context": f"{line.context:,}" if line.context is not None else UNKNOWN,
        "context_value": sortable_number(line.context),
        "status": view.label(line.status) if line.status else UNKNOWN,
        "platforms": len(line.platforms),
        "input": format_price(line.price(A.InputTokens)),
        "input_value": sortable_number(line.price(A.InputTokens)),
        "output": format_price(line.price(A.OutputTokens)),
        "output_value": sortable_number(line.price(A.OutputTokens)),
    }


def maker_page(view: View, entity: Entity, summary: Summary) -> Page:
    """A provider: the versions it made, the platforms it operates, and every fact it states."""
    iri = entity.iri
    data = generic_data(view, entity, summary)
    made = [version_row(view, summary.versions[v]) for v in summary.by_maker.get(iri, [])]
    platforms = [
        {
            "platform": view.value(platform),
            "role": view.values(platform, A.platformRole),
            "endpoints": len(summary.by_platform.get(platform, [])),
        }
        for platform in view.incoming(iri, A.provider)
        if view.graph.has(platform, RDF_TYPE, PLATFORM)
    ]
    data["made"] = sorted(made, key=lambda row: row["released"] if row["released"] != UNKNOWN else "", reverse=True)
    data["operated"] = sorted(platforms, key=lambda row: row["platform"].text)
    return generic_page(view, entity, data, "maker.html")


def platform_page(view: View, entity: Entity, summary: Summary) -> Page:
    """A platform: every endpoint it serves, side by side."""
    iri = entity.iri
    data = generic_data(view, entity, summary)
    rows = []
    for endpoint in summary.by_platform.get(iri, []):
        point = summary.endpoints[endpoint]
        version = summary.versions.get(point.version or "")
        rows.append(
            {
                "endpoint": view.value(endpoint),
                "model_id": point.model_id or UNKNOWN,
                "version": view.value(point.version) if point.version else Value(UNKNOWN),
                "maker": view.value(version.maker) if version and version.maker else Value(UNKNOWN),
                "context": f"{point.context:,}" if point.context is not None else UNKNOWN,
                "context_value": sortable_number(point.context),
                "input": format_price(point.price(A.InputTokens)),
                "input_value": sortable_number(point.price(A.InputTokens)),
                "output": format_price(point.price(A.OutputTokens)),
                "output_value": sortable_number(point.price(A.OutputTokens)),
            }
        )
    data["operator"] = view.values(iri, A.provider)
    data["role"] = view.values(iri, A.platformRole)
    data["served"] = sorted(rows, key=lambda row: row["model_id"])
    return generic_page(view, entity, data, "platform.html")
