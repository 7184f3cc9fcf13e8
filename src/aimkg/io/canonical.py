"""Write Turtle in one canonical form, so that every data change reads well in a git diff.

The form is rdflib's "longturtle" (sorted subjects, predicates and objects, one per line)
with aimkg's fixed prefixes. Comments in hand-written Turtle do not survive: put commentary
in rdfs:comment, where it is data.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path

from rdflib import BNode, Graph
from rdflib.plugins.serializers.longturtle import LongTurtleSerializer

from aimkg.io.graph import new_graph, read_into

FIX_COMMAND = "make fmt"


class SortedTurtleSerializer(LongTurtleSerializer):
    """rdflib's longturtle, with subjects in IRI order rather than by how often they are referenced."""

    def orderSubjects(self) -> list:  # type: ignore[type-arg]  # noqa: N802 (rdflib's name)
        subjects = sorted(self._subjects, key=lambda subject: (isinstance(subject, BNode), str(subject)))
        for subject in subjects:
            self._topLevels[subject] = True
        return subjects


def canonical_turtle(graph: Graph) -> str:
    """Serialise a graph as canonical Turtle."""
    canonical = new_graph()
    for prefix, namespace in graph.namespaces():
        if prefix not in dict(canonical.namespaces()):
            canonical.bind(prefix, namespace)
    for triple in graph:
        canonical.add(triple)
    stream = BytesIO()
    SortedTurtleSerializer(canonical).serialize(stream, encoding="utf-8")  # type: ignore[no-untyped-call]
    return stream.getvalue().decode("utf-8")


def canonical_file_text(path: Path) -> str:
    """Return what a Turtle file should contain in canonical form, keeping its own prefixes."""
    graph = new_graph()
    source = Graph()
    source.parse(path, format="turtle")
    for prefix, namespace in source.namespaces():
        graph.bind(prefix, namespace, override=False)
    return canonical_turtle(read_into(graph, path))


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
