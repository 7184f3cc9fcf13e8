"""Describe the dataset itself with DCAT and VoID: what it is, its licence, its files and their sizes.

The dataset's IRI is ``https://w3id.org/aimkg/dataset``, outside ``/id/``: IRIs under
``/id/`` name things of the nine fixed kinds (DESIGN.md), and the shapes would reject any
other kind there. Each file of an export is a ``dcat:Distribution`` named
``https://w3id.org/aimkg/dataset/<file>``, with its media type (IANA IRIs, as DCAT 3
recommends) and byte size. No date of the build is recorded, so that builds are identical.

Links: https://www.w3.org/TR/vocab-dcat-3/ https://www.w3.org/TR/void/
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, XSD

from aimkg import __version__
from aimkg.core.terms import ID_BASE, RDF_TYPE
from aimkg.export.provenance import DATASET
from aimkg.io.graph import DCAT, VOID

LICENSE = ox.NamedNode("http://spdx.org/licenses/CC-BY-4.0")
TYPE = ox.NamedNode(RDF_TYPE)
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"


@dataclass(frozen=True)
class Distribution:
    """One file of an export."""

    filename: str
    media_type: str
    title: str
    size: int


def integer(value: int, datatype: str = "integer") -> ox.Literal:
    return ox.Literal(str(value), datatype=ox.NamedNode(XSD[datatype]))


def english(text: str) -> ox.Literal:
    return ox.Literal(text, language="en")


def describe_dataset(triples: Iterable[ox.Triple], distributions: Iterable[Distribution]) -> list[ox.Triple]:
    """Return the DCAT and VoID description of a graph exported as the given files."""
    triples = list(triples)
    subjects = {t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)}
    entities = sum(1 for subject in subjects if subject.startswith(ID_BASE))
    t = ox.Triple
    result = [
        t(DATASET, TYPE, ox.NamedNode(DCAT.Dataset)),
        t(DATASET, TYPE, ox.NamedNode(VOID.Dataset)),
        t(DATASET, ox.NamedNode(DCTERMS.title), english("aimkg: an open knowledge graph of AI models")),
        t(
            DATASET,
            ox.NamedNode(DCTERMS.description),
            english(
                "Sourced facts about AI models: their versions, providers, API endpoints, prices per token, "
                "context windows, licences, lifecycle dates and benchmark results, under the aimkg ontology."
            ),
        ),
        t(DATASET, ox.NamedNode(DCTERMS.license), LICENSE),
        t(DATASET, ox.NamedNode(DCAT.version), ox.Literal(__version__)),
        t(DATASET, ox.NamedNode(VOID.triples), integer(len(set(triples)))),
        t(DATASET, ox.NamedNode(VOID.entities), integer(entities)),
        t(DATASET, ox.NamedNode(VOID.distinctSubjects), integer(len(subjects))),
        t(DATASET, ox.NamedNode(VOID.uriSpace), ox.Literal(ID_BASE)),
        t(DATASET, ox.NamedNode(VOID.vocabulary), ox.NamedNode("https://w3id.org/aimkg/ontology#")),
    ]
    for distribution in distributions:
        node = ox.NamedNode(f"{DATASET.value}/{distribution.filename}")
        result += [
            t(DATASET, ox.NamedNode(DCAT.distribution), node),
            t(node, TYPE, ox.NamedNode(DCAT.Distribution)),
            t(node, ox.NamedNode(DCTERMS.title), english(distribution.title)),
            t(node, ox.NamedNode(DCTERMS.license), LICENSE),
            t(node, ox.NamedNode(DCAT.mediaType), ox.NamedNode(f"{MEDIA_TYPES}{distribution.media_type}")),
            t(node, ox.NamedNode(DCAT.byteSize), integer(distribution.size, "nonNegativeInteger")),
        ]
    return result
