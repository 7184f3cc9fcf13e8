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

from aimkg import __version__
from aimkg.provenance import DATASET
from aimkg.writers import RDF_TYPE

DCAT = "http://www.w3.org/ns/dcat#"
VOID = "http://rdfs.org/ns/void#"
DCTERMS = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
ID_SPACE = "https://w3id.org/aimkg/id/"
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


def iri(namespace: str, name: str) -> ox.NamedNode:
    return ox.NamedNode(f"{namespace}{name}")


def integer(value: int, datatype: str = "integer") -> ox.Literal:
    return ox.Literal(str(value), datatype=iri(XSD, datatype))


def english(text: str) -> ox.Literal:
    return ox.Literal(text, language="en")


def describe_dataset(triples: Iterable[ox.Triple], distributions: Iterable[Distribution]) -> list[ox.Triple]:
    """Return the DCAT and VoID description of a graph exported as the given files."""
    triples = list(triples)
    subjects = {t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)}
    entities = sum(1 for subject in subjects if subject.startswith(ID_SPACE))
    t = ox.Triple
    result = [
        t(DATASET, TYPE, iri(DCAT, "Dataset")),
        t(DATASET, TYPE, iri(VOID, "Dataset")),
        t(DATASET, iri(DCTERMS, "title"), english("aimkg: an open knowledge graph of AI models")),
        t(
            DATASET,
            iri(DCTERMS, "description"),
            english(
                "Sourced facts about AI models: their versions, providers, API endpoints, prices per token, "
                "context windows, licences, lifecycle dates and benchmark results, under the aimkg ontology."
            ),
        ),
        t(DATASET, iri(DCTERMS, "license"), LICENSE),
        t(DATASET, iri(DCAT, "version"), ox.Literal(__version__)),
        t(DATASET, iri(VOID, "triples"), integer(len(set(triples)))),
        t(DATASET, iri(VOID, "entities"), integer(entities)),
        t(DATASET, iri(VOID, "distinctSubjects"), integer(len(subjects))),
        t(DATASET, iri(VOID, "uriSpace"), ox.Literal(ID_SPACE)),
        t(DATASET, iri(VOID, "vocabulary"), ox.NamedNode("https://w3id.org/aimkg/ontology#")),
    ]
    for distribution in distributions:
        node = ox.NamedNode(f"{DATASET.value}/{distribution.filename}")
        result += [
            t(DATASET, iri(DCAT, "distribution"), node),
            t(node, TYPE, iri(DCAT, "Distribution")),
            t(node, iri(DCTERMS, "title"), english(distribution.title)),
            t(node, iri(DCTERMS, "license"), LICENSE),
            t(node, iri(DCAT, "mediaType"), iri(MEDIA_TYPES, distribution.media_type)),
            t(node, iri(DCAT, "byteSize"), integer(distribution.size, "nonNegativeInteger")),
        ]
    return result
