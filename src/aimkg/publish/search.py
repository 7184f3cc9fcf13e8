"""The site's search index: every version, model line, maker and platform by name, model ID and alias.

``search.json`` is written at the site's root and read by ``static/search.js`` (no library, no
CDN), which matches each word typed against the start of the words of an entry's name, model IDs
and aliases, and ranks names that hold the words in order first: "sonnet 4" finds Claude Sonnet 4
(``claude-sonnet-4-20250514``, on whichever platform). Each entry is a list, to keep the file
small: name, kind, the page's path from the site root, the searchable IDs and aliases, and a
line that tells entries of the same name apart (the maker, or the model line).
"""

from __future__ import annotations

import json

from aimkg.publish.graph import A, SiteGraph
from aimkg.publish.rdf import Entity
from aimkg.publish.views import View
from aimkg.publish.views.summary import Summary

SEARCH_FILE = "search.json"
#: The kinds searched, with the word the results show for each.
SEARCHED = {"version": "version", "model": "model line", "provider": "maker", "platform": "platform"}
FIELDS = ["name", "kind", "path", "ids", "detail"]


def search_index(graph: SiteGraph, entities: list[Entity], summary: Summary) -> bytes:
    view = View(graph, "index.html")
    entries = []
    for entity in entities:
        if entity.kind not in SEARCHED:
            continue
        iri = entity.iri
        ids: set[str] = set()
        detail = ""
        if entity.kind == "version":
            line = summary.versions.get(iri)
            for endpoint in line.endpoints if line else []:
                ids.update(term.value for term in graph.objects(endpoint, A.modelId))
                ids.update(term.value for term in graph.objects(endpoint, A.alias))
            ids.add(entity.slug)
            maker = line.maker if line else None
            detail = view.label(maker) if maker else ""
        elif entity.kind in ("model", "platform"):
            operator = view.first_iri(iri, A.provider)
            detail = view.label(operator) if operator else ""
        entries.append([view.label(iri), SEARCHED[entity.kind], f"{entity.path}.html", " ".join(sorted(ids)), detail])
    document = {"fields": FIELDS, "entries": entries}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
