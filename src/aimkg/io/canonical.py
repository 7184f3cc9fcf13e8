"""Write Turtle in one canonical form, so that every data change reads well in a git diff.

The form is rdflib's "longturtle" (sorted subjects, predicates and objects, one per line)
with aimkg's fixed prefixes. Comments in hand-written Turtle do not survive: put commentary
in rdfs:comment, where it is data.

A vocabulary file (one whose graph declares an owl:Ontology, as ``ontology/*.ttl`` do) groups
its subjects as schema.org's vocabulary file does: the ontology header, then classes, then
properties, then everything else (individuals), each group in IRI order. A subject's group
is the first its own stated rdf:type falls in; a subject the file does not type (the
alignment's terms, typed in the ontology they align) is in the last group. Data files and
exports keep plain IRI order.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path

from rdflib import BNode, Graph
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.plugins.serializers.longturtle import LongTurtleSerializer
from rdflib.term import Node

from aimkg.io.graph import new_graph, read_into

FIX_COMMAND = "make fmt"


#: The subject groups of a vocabulary file, in order, by the rdf:type that puts a subject in each;
#: a subject of none of these types comes after them all.
VOCABULARY_GROUPS: tuple[frozenset[Node], ...] = (
    frozenset({OWL.Ontology}),
    frozenset({OWL.Class, RDFS.Class, RDFS.Datatype}),
    frozenset(
        {
            *(RDF.Property, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty),
            *(OWL.FunctionalProperty, OWL.InverseFunctionalProperty, OWL.TransitiveProperty),
            *(OWL.SymmetricProperty, OWL.AsymmetricProperty, OWL.ReflexiveProperty, OWL.IrreflexiveProperty),
        }
    ),
)


def is_vocabulary(graph: Graph) -> bool:
    """Whether a graph is a vocabulary: it declares an owl:Ontology."""
    return (None, RDF.type, OWL.Ontology) in graph


def vocabulary_group(graph: Graph, subject: Node) -> int:
    """Return the subject's place in VOCABULARY_GROUPS: the first group one of its types is in."""
    types = set(graph.objects(subject, RDF.type))
    return next((rank for rank, group in enumerate(VOCABULARY_GROUPS) if types & group), len(VOCABULARY_GROUPS))


class SortedTurtleSerializer(LongTurtleSerializer):
    """rdflib's longturtle, with subjects in IRI order rather than by how often they are referenced.

    With ``vocabulary``, subjects are first grouped by ``vocabulary_group``, then put in IRI order.
    """

    def __init__(self, store: Graph, vocabulary: bool = False) -> None:
        super().__init__(store)  # type: ignore[no-untyped-call]
        self.vocabulary = vocabulary

    def orderSubjects(self) -> list:  # type: ignore[type-arg]  # noqa: N802 (rdflib's name)
        def key(subject: Node) -> tuple[int, bool, str]:
            group = vocabulary_group(self.store, subject) if self.vocabulary else 0
            return (group, isinstance(subject, BNode), str(subject))

        subjects = sorted(self._subjects, key=key)
        for subject in subjects:
            self._topLevels[subject] = True
        return subjects


def canonical_turtle(graph: Graph, *, vocabulary: bool = False) -> str:
    """Serialise a graph as canonical Turtle; with ``vocabulary``, in the grouped order of a vocabulary file."""
    canonical = new_graph()
    for prefix, namespace in graph.namespaces():
        if prefix not in dict(canonical.namespaces()):
            canonical.bind(prefix, namespace)
    for triple in graph:
        canonical.add(triple)
    stream = BytesIO()
    SortedTurtleSerializer(canonical, vocabulary).serialize(stream, encoding="utf-8")
    return stream.getvalue().decode("utf-8")


def canonical_file_text(path: Path) -> str:
    """Return what a Turtle file should contain in canonical form, keeping its own prefixes.

    A vocabulary file (``is_vocabulary``) is written in the grouped order.
    """
    graph = new_graph()
    source = Graph()
    source.parse(path, format="turtle")
    for prefix, namespace in source.namespaces():
        graph.bind(prefix, namespace, override=False)
    read_into(graph, path)
    return canonical_turtle(graph, vocabulary=is_vocabulary(graph))


def non_canonical(paths: Iterable[Path]) -> list[Path]:
    """Return the files that are not in canonical form."""
    return [path for path in paths if path.read_text(encoding="utf-8") != canonical_file_text(path)]


def format_files(paths: Iterable[Path]) -> list[Path]:
    """Rewrite files into canonical form; return the ones that changed."""
    changed = []
    for path in paths:
        text = canonical_file_text(path)
        if path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def main(argv: list[str] | None = None) -> int:
    """Canonicalise the Turtle files under the given folders (``python -m aimkg.io.canonical data``)."""
    folders = [Path(arg) for arg in (argv if argv is not None else sys.argv[1:])]
    files = sorted(path for folder in folders for path in folder.rglob("*.ttl"))
    for path in format_files(files):
        print(f"reformatted {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
