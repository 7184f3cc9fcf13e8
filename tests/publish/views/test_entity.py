"""The generic page: every fact, and the entities pointing to it, cut where a source is cited by thousands."""

from __future__ import annotations

import pytest

from aimkg.publish.graph import SiteGraph
from aimkg.publish.rdf import Entity
from aimkg.publish.views import View
from aimkg.publish.views import entity as entity_view
from aimkg.publish.views.entity import entity_page
from aimkg.publish.views.summary import Summary

SOURCE = Entity("source", "models-dev-f3fc6922")


def test_each_kind_gets_its_page(site_graph: SiteGraph, summary: Summary) -> None:
    templates = {
        entity.kind + ("-record" if entity.kind == "endpoint" and "--models-dev" in entity.slug else ""): entity_page(
            View(site_graph, entity.path + ".html"), entity, summary
        ).template
        for entity in site_graph.entities()
    }
    assert templates == {
        "provider": "maker.html", "platform": "platform.html", "version": "version.html",
        "endpoint": "endpoint.html", "endpoint-record": "entity.html", "model": "entity.html",
        "price": "entity.html", "benchmark": "entity.html", "result": "entity.html", "source": "entity.html",
    }  # fmt: skip


def test_long_groups_of_incoming_links_are_cut_and_counted(
    site_graph: SiteGraph, summary: Summary, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(entity_view, "MAX_INCOMING", 2)
    data = entity_page(View(site_graph, SOURCE.path + ".html"), SOURCE, summary).data
    cited = next(group for group in data["incoming"] if group["property"].text == "dcterms:source")
    assert len(cited["entities"]) == 2 and cited["count"] > 2
    assert data["facts"] and data["kind"][0].text == "Source"
