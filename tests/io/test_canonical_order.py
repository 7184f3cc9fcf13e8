"""Vocabulary files in canonical form: the ontology header, classes, properties, then individuals, each in IRI order."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from aimkg.core.resources import curated_files, ontology_files, resource_root
from aimkg.io.canonical import (
    VOCABULARY_GROUPS,
    canonical_file_text,
    canonical_turtle,
    format_files,
    is_vocabulary,
    vocabulary_group,
)

HEADER, CLASSES, PROPERTIES, INDIVIDUALS = range(len(VOCABULARY_GROUPS) + 1)
PREFIX_LINE = re.compile(r"PREFIX (\S*): <([^>]*)>")


def subjects_in_file_order(text: str) -> list[URIRef]:
    """Return the subjects of a canonical Turtle file in the order its blocks are written."""
    prefixes = dict(PREFIX_LINE.findall(text))
    subjects = []
    for line in text.splitlines():
        if not line or line[0].isspace() or line == "." or line.startswith("PREFIX "):
            continue
        if line.startswith("<"):
            subjects.append(URIRef(line[1:-1]))
        else:
            prefix, _, local = line.partition(":")
            subjects.append(URIRef(prefixes[prefix] + local))
    return subjects


def file_graph(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def ontology_file(name: str) -> Path:
    return resource_root() / "ontology" / name


def test_the_ontology_is_grouped_and_each_group_sorted() -> None:
    path = ontology_file("aimkg.ttl")
    graph = file_graph(path)
    order = subjects_in_file_order(path.read_text(encoding="utf-8"))
    assert set(order) == set(graph.subjects()) and len(order) == len(set(order))
    keys = [(vocabulary_group(graph, subject), str(subject)) for subject in order]
    assert keys == sorted(keys)
    groups = [group for group, _ in keys]
    assert groups[0] == HEADER and order[0] == URIRef("https://w3id.org/aimkg/ontology")
    assert {CLASSES, PROPERTIES, INDIVIDUALS} <= set(groups)
    assert vocabulary_group(graph, URIRef("https://w3id.org/aimkg/ontology#Version")) == CLASSES
    assert vocabulary_group(graph, URIRef("https://w3id.org/aimkg/ontology#versionOf")) == PROPERTIES
    assert vocabulary_group(graph, URIRef("https://w3id.org/aimkg/ontology#Active")) == INDIVIDUALS


def test_the_alignment_puts_its_header_first_and_its_untyped_terms_in_iri_order() -> None:
    path = ontology_file("alignment.ttl")
    order = subjects_in_file_order(path.read_text(encoding="utf-8"))
    assert order[0] == URIRef("https://w3id.org/aimkg/ontology/alignment")
    assert order[1:] == sorted(order[1:], key=str)


@pytest.mark.parametrize("path", ontology_files(), ids=lambda path: path.name)
def test_formatting_a_vocabulary_file_again_changes_nothing(path: Path, tmp_path: Path) -> None:
    copy = tmp_path / path.name
    shutil.copyfile(path, copy)
    assert is_vocabulary(file_graph(copy))
    assert format_files([copy]) == []
    assert copy.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("path", ontology_files(), ids=lambda path: path.name)
def test_a_vocabulary_file_in_plain_iri_order_is_regrouped(path: Path, tmp_path: Path) -> None:
    plain = tmp_path / path.name
    plain.write_text(canonical_turtle(file_graph(path)), encoding="utf-8")
    format_files([plain])
    assert plain.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")
    assert format_files([plain]) == []


@pytest.mark.parametrize("path", curated_files(), ids=lambda path: path.name)
def test_data_files_keep_plain_iri_order(path: Path) -> None:
    graph = file_graph(path)
    assert not is_vocabulary(graph)
    order = subjects_in_file_order(canonical_file_text(path))
    assert order == sorted(order, key=str)


EX = "https://example.org/v#"
SMALL_VOCABULARY = f"""
PREFIX ex: <{EX}>
PREFIX owl: <{OWL}>
PREFIX rdf: <{RDF}>
PREFIX rdfs: <{RDFS}>

ex:a a ex:Thing .
ex:Zebra a rdfs:Class .
ex:alpha a owl:AnnotationProperty .
ex:b a owl:FunctionalProperty , owl:DatatypeProperty .
ex:Both a owl:Class , ex:Thing .
ex:zeta a rdf:Property .
ex:Untyped rdfs:comment "no type here" .
<{EX}> a owl:Ontology .
"""


def test_a_small_vocabulary_is_grouped_by_first_matching_type(tmp_path: Path) -> None:
    path = tmp_path / "small.ttl"
    path.write_text(SMALL_VOCABULARY, encoding="utf-8")
    format_files([path])
    order = [str(subject).removeprefix(EX) for subject in subjects_in_file_order(path.read_text(encoding="utf-8"))]
    assert order == ["", "Both", "Zebra", "alpha", "b", "zeta", "Untyped", "a"]
    assert format_files([path]) == []


def test_without_an_ontology_header_the_same_triples_stay_in_iri_order(tmp_path: Path) -> None:
    path = tmp_path / "small.ttl"
    path.write_text(SMALL_VOCABULARY.replace(f"<{EX}> a owl:Ontology .", ""), encoding="utf-8")
    format_files([path])
    order = subjects_in_file_order(path.read_text(encoding="utf-8"))
    assert order == sorted(order, key=str)
