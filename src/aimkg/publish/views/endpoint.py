"""The page of an endpoint: a model ID on a platform, the version it serves, and what it costs there.

Besides every fact the endpoint states (the generic page's table), it shows its prices with
their sources, their history as step charts with their tables, its capabilities, and the
catalog records that describe it, each with its key in its catalog.
"""

from __future__ import annotations

from aimkg.publish.graph import DC, A
from aimkg.publish.rdf import Entity
from aimkg.publish.views import Page, Value, View
from aimkg.publish.views.entity import generic_data, generic_page
from aimkg.publish.views.prices import change_rows, history_charts, prices_of, statement_rows
from aimkg.publish.views.summary import Summary
from aimkg.publish.views.version import capability_rows


def endpoint_page(view: View, entity: Entity, summary: Summary) -> Page:
    iri = entity.iri
    title = view.label(iri)
    prices = prices_of(view, None, [iri])
    data = generic_data(view, entity, summary)
    data.update(
        {
            "serves": view.values(iri, A.serves),
            "platform": view.values(iri, A.platform),
            "operator": view.values(iri, A.provider),
            "model_id": view.text(iri, A.modelId),
            "prices": statement_rows(view, prices),
            "charts": history_charts(view, title, prices, with_platform=False, since=view.text(iri, A.availableFrom)),
            "capabilities": capability_rows(view, [iri]),
            "records": [
                {
                    "link": view.value(record),
                    "key": view.text(record, DC.identifier) or view.label(record),
                    "sources": view.values(record, DC.source),
                    "rules": [Value(v.text, v.href) for v in view.values(record, A.endpointMatchedBy)]
                    + view.values(record, A.versionMatchedBy),
                }
                for record in view.incoming(iri, A.recordOf)
            ],
            "changes": sorted(change_rows(view, prices, with_platform=False), key=lambda r: r["date"], reverse=True),
        }
    )
    return generic_page(view, entity, data, "endpoint.html")
