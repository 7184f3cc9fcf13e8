"""The values pages show: written as HTML exactly as markupsafe escapes them, without its Markup objects."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from aimkg.publish.views import Value, escaped


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
