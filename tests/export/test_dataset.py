"""The DCAT/VoID description of the dataset: its files with their sizes, its triples, its licence."""

from __future__ import annotations

import pyoxigraph as ox

from aimkg.export.croissant import CROISSANT_FILE
from aimkg.export.folder import DESCRIPTION_FILE


def test_dataset_description_gives_sizes_triples_and_licence(
    files: dict[str, bytes], bundled_triples: list[ox.Triple]
) -> None:
    store = ox.Store()
    store.load(files[DESCRIPTION_FILE], format=ox.RdfFormat.TURTLE)
    rows = store.query("""
        PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?title ?size ?media WHERE {
            <https://w3id.org/aimkg/dataset> dcat:distribution ?d .
            ?d dcterms:title ?title ; dcat:byteSize ?size ; dcat:mediaType ?media }""")
    sizes = {row["d"] if False else row["title"].value: int(row["size"].value) for row in rows}
    described = [len(data) for name, data in files.items() if name not in (DESCRIPTION_FILE, CROISSANT_FILE)]
    assert sorted(sizes.values()) == sorted(described)  # Croissant describes the VoID file, not the other way
    ask = f"""
        PREFIX void: <http://rdfs.org/ns/void#> PREFIX dcterms: <http://purl.org/dc/terms/>
        ASK {{ <https://w3id.org/aimkg/dataset> a void:Dataset ; void:triples {len(bundled_triples)} ;
               void:uriSpace "https://w3id.org/aimkg/id/" ;
               dcterms:license <http://spdx.org/licenses/CC-BY-4.0> }}"""
    assert store.query(ask)
