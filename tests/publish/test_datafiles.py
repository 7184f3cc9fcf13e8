"""The data files beside each page are the export formats of the entity's description, byte for byte."""

from __future__ import annotations

import pyoxigraph as ox

from aimkg.publish.datafiles import DataWriter
from aimkg.publish.graph import SiteGraph
from aimkg.publish.rdf import DATA_FORMATS


def test_one_writer_for_every_page_writes_what_the_export_formats_write(site_graph: SiteGraph) -> None:
    writer = DataWriter()  # shared, as in a build: its remembered names must not leak between documents
    for entity in site_graph.entities():
        triples = site_graph.description(entity.iri)
        expected = {entity.path + suffix: fmt.serialize(triples) for suffix, fmt in DATA_FORMATS.items()}
        assert writer.files(entity.path, triples) == expected, entity.path


def test_graphs_with_blank_nodes_go_to_the_export_writers() -> None:
    triples = [ox.Triple(ox.NamedNode("https://w3id.org/aimkg/id/source/x"), ox.NamedNode("urn:p"), ox.BlankNode("b"))]
    files = DataWriter().files("id/source/x", triples)
    assert files == {"id/source/x" + suffix: fmt.serialize(triples) for suffix, fmt in DATA_FORMATS.items()}
