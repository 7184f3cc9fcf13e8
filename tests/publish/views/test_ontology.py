"""The ontology's page groups its terms into classes, properties and individuals."""

from __future__ import annotations

from aimkg.publish.graph import SiteGraph
from aimkg.publish.views.ontology import ontology_page


def test_terms_are_grouped_and_aligned(site_graph: SiteGraph) -> None:
    data = ontology_page(site_graph).data
    classes = {entry["id"]: entry for entry in data["classes"]}
    properties = {entry["id"]: entry for entry in data["properties"]}
    individuals = {entry["id"] for entry in data["individuals"]}
    assert "Version" in classes and "amount" in properties and "InputTokens" in individuals
    assert ("subclass of", ["schema:UnitPriceSpecification"]) in [
        (name, [v.text for v in values]) for name, values in classes["PriceSpec"]["alignment"]
    ]
