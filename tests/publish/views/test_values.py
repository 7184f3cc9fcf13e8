"""The values pages show: written as HTML exactly as markupsafe escapes them, without its Markup objects."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from aimkg.core.terms import ID_BASE
from aimkg.publish import graph as graph_module
from aimkg.publish.graph import SiteGraph
from aimkg.publish.views import Value, View, escaped
from tests.publish.conftest import SONNET


@given(st.text())
def test_escaped_is_markupsafes_escape(text: str) -> None:
    assert escaped(text) == str(escape(text))


@given(st.text(), st.one_of(st.none(), st.text()))
def test_a_value_writes_itself_as_an_escaped_link_or_text(text: str, href: str | None) -> None:
    html = Value(text, href).__html__()
    if href is None:
        assert html == str(escape(text))
    else:
        assert html == f'<a href="{escape(href)}">{escape(text)}</a>'


def test_a_value_is_made_once_per_folder_and_the_kept_ones_are_bounded(
    monkeypatch: pytest.MonkeyPatch, site_graph: SiteGraph
) -> None:
    sonnet, slug, medium = SONNET, SONNET.rsplit("/", 1)[1], f"{ID_BASE}version/mistral-medium-2312"
    site_graph.values.clear()
    version_page, endpoint_page = View(site_graph, "id/version/x.html"), View(site_graph, "id/endpoint/y.html")
    assert version_page.value(sonnet) is version_page.value(ox.NamedNode(sonnet))
    assert version_page.value(sonnet).href == f"{slug}.html"
    assert endpoint_page.value(sonnet).href == f"../version/{slug}.html"  # each folder its own links
    assert Value(version_page.value(sonnet).text, f"{slug}.html") == version_page.value(sonnet)
    monkeypatch.setattr(graph_module, "KEEP_VALUES", 1)
    View(site_graph, "id/version/z.html").value(medium)  # two kept: the next page starts afresh
    assert len(site_graph.shown("id/version")) == 0
