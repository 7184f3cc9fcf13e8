"""Read a generated page back with html.parser: its sections, tables, lists, links and JSON-LD."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any


@dataclass
class Cell:
    text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Section:
    tables: list[list[list[Cell]]] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)


class PageParser(HTMLParser):
    """Collect what a reader sees, grouped by <section id>, plus the head's links and scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: dict[str, Section] = {"": Section()}  # "": outside any <section>
        self.section = self.sections[""]
        self.alternates: dict[str, str] = {}
        self.scripts: list[Any] = []
        self.h1 = ""
        self.links: list[str] = []
        self._text: list[str] | None = None
        self._tag = ""
        self._cell: Cell | None = None
        self._href: str | None = None
        self._link_text: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {name: value or "" for name, value in attrs}
        if tag == "section":
            self.section = self.sections.setdefault(attr.get("id", ""), Section())
        elif tag == "table":
            self.section.tables.append([])
        elif tag == "tr":
            self.section.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = Cell()
            self.section.tables[-1][-1].append(self._cell)
            self._text = []
        elif tag in ("li", "p", "h1"):
            self._tag, self._text = tag, []
        elif tag == "a":
            self._href, self._link_text = attr.get("href", ""), []
            self.links.append(attr.get("href", ""))
        elif tag == "link" and attr.get("rel") == "alternate":
            self.alternates[attr["type"]] = attr["href"]
        elif tag == "script" and attr.get("type") == "application/ld+json":
            self._script = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "section":
            self.section = self.sections[""]
        elif tag in ("td", "th") and self._cell is not None and self._text is not None:
            self._cell.text = " ".join("".join(self._text).split())
            self._cell, self._text = None, None
        elif tag in ("li", "p", "h1") and tag == self._tag and self._text is not None and self._cell is None:
            text = " ".join("".join(self._text).split())
            {"li": self.section.items, "p": self.section.paragraphs}.get(tag, []).append(text)
            if tag == "h1":
                self.h1 = text
            self._text = None
        elif tag == "a" and self._href is not None:
            if self._cell is not None:
                self._cell.links.append((" ".join("".join(self._link_text).split()), self._href))
            self._href = None
        elif tag == "script" and self._script is not None:
            self.scripts.append(json.loads("".join(self._script)))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
            return
        if self._text is not None:
            self._text.append(data)
        if self._href is not None:
            self._link_text.append(data)


def parse_page(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    parser.close()
    return parser


def rows(table: list[list[Cell]]) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table]


def as_dict(table: list[list[Cell]]) -> dict[str, str]:
    """Read a two-column table (th, td per row) into a dict."""
    return {row[0].text: row[1].text for row in table if len(row) == 2}
