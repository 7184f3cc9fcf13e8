"""Validate a graph against aimkg's SHACL shapes with pySHACL, and report the results.

Link: https://www.w3.org/TR/shacl/#validation-report
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH, XSD
from rdflib.term import Node

from aimkg.core.errors import InputError, InvalidDataError
from aimkg.core.limits import DEFAULT_LIMITS, InputLimits
from aimkg.core.resources import shapes_files
from aimkg.core.shorten import shorten as prefixed
from aimkg.io.graph import graph_of, load, new_graph, read_graph
from aimkg.io.ntriples import ntriples
from aimkg.io.read import bundled_files, read_ntriples, read_triples

NAMESPACES = new_graph().namespace_manager
SEVERITY_NAMES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass(frozen=True)
class ValidationResult:
    """One finding of the validator (https://www.w3.org/TR/shacl/#results-validation-result)."""

    focus_node: str
    severity: str
    path: str | None
    value: str | None
    message: str
    constraint: str
    shape: str

    def sort_key(self) -> tuple[str, ...]:
        return (
            self.focus_node,
            self.severity,
            self.path or "",
            self.value or "",
            self.constraint,
            self.message,
        )


@dataclass
class ValidationReport:
    """What validation found: the data conforms when there is no result of severity Violation."""

    results: list[ValidationResult] = field(default_factory=list)

    @property
    def violations(self) -> list[ValidationResult]:
        return [result for result in self.results if result.severity == "Violation"]

    @property
    def warnings(self) -> list[ValidationResult]:
        return [result for result in self.results if result.severity != "Violation"]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def by_focus_node(self) -> dict[str, list[ValidationResult]]:
        """Group the results by the node they are about, in a stable order."""
        groups: dict[str, list[ValidationResult]] = {}
        for result in sorted(self.results, key=ValidationResult.sort_key):
            groups.setdefault(result.focus_node, []).append(result)
        return groups

    def to_text(self) -> str:
        """Render the report for people: one block per focus node, named by its IRI."""
        lines = []
        for focus, results in self.by_focus_node().items():
            lines.append(focus)
            for result in results:
                where = f" {result.path}" if result.path else ""
                value = f" = {result.value}" if result.value is not None else ""
                rule = result.constraint.removeprefix("sh:").removesuffix("ConstraintComponent")
                lines.append(f"  {result.severity}:{where}{value}: {result.message} [{rule}]")
        summary = f"{len(self.violations)} violation(s), {len(self.warnings)} warning(s)"
        lines.append(("conforms: " if self.conforms else "does not conform: ") + summary)
        return "\n".join(lines)

    def to_json(self) -> str:
        """Render the report as JSON, for programs."""
        document = {
            "conforms": self.conforms,
            "violations": len(self.violations),
            "warnings": len(self.warnings),
            "results": [asdict(result) for result in sorted(self.results, key=ValidationResult.sort_key)],
        }
        return json.dumps(document, indent=2, ensure_ascii=False)


@cache
def shapes_graph() -> Graph:
    """Return the bundled SHACL shapes, parsed once per process."""
    return read_graph(shapes_files())


def shorten(node: Node | None) -> str | None:
    """Write an IRI with aimkg's prefixes when one applies, a literal as its Turtle form."""
    if node is None:
        return None
    if isinstance(node, URIRef):
        return prefixed(str(node)) or f"<{node}>"
    if isinstance(node, Literal):
        if node.datatype == XSD.string:  # RDF 1.1: the same literal as the simple one; engines differ
            node = Literal(str(node))
        return node.n3(NAMESPACES)
    return f"_:{node}"


def focus_name(node: Node) -> str:
    """Name a focus node by its full IRI, as the CLI contract asks."""
    if isinstance(node, URIRef):
        return str(node)
    return node.n3() if isinstance(node, Literal) else f"_:{node}"


def path_name(report: Graph, path: Node | None) -> str | None:
    """Write a result path in SPARQL property-path syntax; inverse paths are the only complex ones used."""
    inverse = report.value(path, SH.inversePath) if path is not None else None
    if inverse is not None:
        return f"^{shorten(inverse)}"
    return shorten(path)


def shape_name(shape: Node | None) -> str:
    """Name a shape stably: an anonymous property shape by its node shape and path, not its blank node id."""
    if isinstance(shape, BNode):
        shapes = shapes_graph()
        parent = shapes.value(None, SH.property, shape)
        if parent is not None:
            return f"{shorten(parent)}/{path_name(shapes, shapes.value(shape, SH.path))}"
    return shorten(shape) or ""


def constraint_name(report: Graph, result: Node) -> str:
    """Name the constraint a result broke: for a SPARQL rule, its shape says more than its component."""
    component = report.value(result, SH.sourceConstraintComponent)
    if component == SH.SPARQLConstraintComponent:
        return shorten(report.value(result, SH.sourceShape)) or ""
    return shorten(component) or ""


def read_results(report: Graph) -> list[ValidationResult]:
    """Turn pySHACL's results graph into ValidationResult objects."""
    results = []
    # Only the report's top-level results: nested sh:detail results repeat them from inside sh:node.
    for node in report.objects(None, SH.result):
        focus = report.value(node, SH.focusNode)
        severity = report.value(node, SH.resultSeverity)
        messages = sorted(str(message) for message in report.objects(node, SH.resultMessage))
        results.append(
            ValidationResult(
                focus_node=focus_name(focus) if focus is not None else "(graph)",
                severity=SEVERITY_NAMES.get(severity, str(severity)),  # type: ignore[call-overload]
                path=path_name(report, report.value(node, SH.resultPath)),
                value=shorten(report.value(node, SH.value)),
                message=messages[0] if messages else "",
                constraint=constraint_name(report, node),
                shape=shape_name(report.value(node, SH.sourceShape)),
            )
        )
    return sorted(set(results), key=ValidationResult.sort_key)


#: Validation engines: pySHACL is the validator of record; pySHACL-turbo (a Rust engine with
#: pySHACL's API, ``pip install aimkg[turbo]``) and shacl (a Rust validator, ``pip install
#: aimkg[shacl]``, the build's: 80 s of pySHACL-turbo on the catalog take it 7 s) give the same
#: results on aimkg's shapes, tested on every case of the shapes corpus.
ENGINES = ("pyshacl", "turbo", "shacl")
#: The engines that read an N-Triples document themselves, faster than an rdflib graph.
DOCUMENT_ENGINES = ("turbo", "shacl")
INSTALL = {"turbo": "pySHACL-turbo: pip install 'aimkg[turbo]'", "shacl": "shacl: pip install 'aimkg[shacl]'"}


def engine_module(engine: str) -> Any:
    """Import the validation engine, or say how to install it."""
    if engine not in ENGINES:
        raise InputError(f"unknown validation engine {engine!r}; use one of {', '.join(ENGINES)}")
    name = {"pyshacl": "pyshacl", "turbo": "pyshacl_turbo", "shacl": "shacl"}[engine]
    try:
        return importlib.import_module(name)
    except ImportError:
        raise InputError(f"--engine {engine} needs {INSTALL[engine]}") from None


def validate(graph: Graph, shapes: Graph | None = None, engine: str = "pyshacl") -> ValidationReport:
    """Validate an rdflib graph (ontology and data together) against the aimkg shapes."""
    if engine == "shacl":
        return validate_ntriples(graph.serialize(format="nt"), shapes, engine)
    _, report_graph, _ = engine_module(engine).validate(
        graph,
        shacl_graph=shapes if shapes is not None else shapes_graph(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    return ValidationReport(read_results(report_graph))


def validate_ntriples(document: str, shapes: Graph | None = None, engine: str = "turbo") -> ValidationReport:
    """Validate an N-Triples document (ontology and data together) with pySHACL-turbo or shacl.

    The engine parses the document itself, so no graph is built in Python first: at a million
    triples that saves about 8 s and 300 MB against handing it a pyoxigraph store.
    """
    module = engine_module(engine)
    shapes = shapes if shapes is not None else shapes_graph()
    if engine == "shacl":
        program = module.Shapes.from_text(named_property_shapes(shapes).serialize(format="nt"), format="ntriples")
        report = program.validate_text(document, format="ntriples", allow_warnings=True).serialize("ntriples")
        return ValidationReport(read_results(Graph().parse(data=report, format="nt").de_skolemize()))
    from pyshacl_turbo.rdf import Input  # the engine's native input, as its own Store path builds it

    program = module.compile_shapes(shapes, advanced=True)
    _, report_graph, _ = program.validate(Input(document, "nt", None, {}, preserve_ids=True), allow_warnings=True)
    return ValidationReport(read_results(report_graph))


def named_property_shapes(shapes: Graph) -> Graph:
    """The shapes with each anonymous property shape named by its skolem IRI.

    shacl names a result's shape by its own label for a blank node; given an IRI, it gives the
    IRI back, and ``Graph.de_skolemize`` turns that into the shapes graph's blank node again, so
    that ``shape_name`` names it as it does pySHACL's. Only property shapes: a blank node that
    is a path (``[ sh:inversePath ... ]``) or a list must stay one.
    """
    named: dict[Node, Node] = {
        node: node.skolemize() for node in shapes.objects(None, SH.property) if isinstance(node, BNode)
    }
    renamed = Graph()
    for subject, predicate, value in shapes:
        renamed.add((named.get(subject, subject), predicate, named.get(value, value)))
    return renamed


def validate_with_bundled(triples: Iterable[ox.Triple], engine: str = "pyshacl") -> ValidationReport:
    """Validate triples built in memory (an import, a reconciled catalog) with the bundled ontology and data."""
    if engine in DOCUMENT_ENGINES:
        return validate_ntriples(read_ntriples(bundled_files()) + ntriples(triples).decode("utf-8"), engine=engine)
    merged = load()
    for triple in graph_of(triples):
        merged.add(triple)
    return validate(merged, engine=engine)


def validate_files(
    paths: Iterable[Path],
    limits: InputLimits = DEFAULT_LIMITS,
    engine: str = "pyshacl",
    base: Sequence[Path] | None = None,
    read: Callable[[], object] = lambda: None,
) -> ValidationReport:
    """Validate RDF files together with the bundled ontology and data (or ``base``).

    ``read`` is called once every file has been read, before the validation starts.
    """
    every = [*(bundled_files() if base is None else base), *paths]
    if engine in DOCUMENT_ENGINES:
        document = read_ntriples(every, limits)
        read()
        return validate_ntriples(document, engine=engine)
    graph = read_graph(every, limits)
    read()
    return validate(graph, engine=engine)


def validate_built_catalog(catalog: Path, engine: str = "shacl") -> ValidationReport:
    """Validate the catalog a build wrote, with the bundled ontology and data.

    The file is the build's own canonical N-Triples, so an engine that reads N-Triples takes its
    text as it is and parses it once, where ``validate_files`` would parse and write it again
    first (6 s of 1.4M triples, holding the GIL that the export beside it needs).
    """
    if engine not in DOCUMENT_ENGINES:
        return validate_files([catalog], engine=engine)
    return validate_ntriples(read_ntriples(bundled_files()) + catalog.read_text(encoding="utf-8"), engine=engine)


def read_validated(
    files: Iterable[Path] = (),
    limits: InputLimits = DEFAULT_LIMITS,
    check: bool = True,
    done: str = "exported",
    base: Sequence[Path] | None = None,
) -> list[ox.Triple]:
    """Read the bundled graph plus files; unless it validates, raise InvalidDataError with the report.

    ``aimkg export``, ``site`` and ``push`` read their input with it; ``done`` says what the
    refusal kept from happening ("nothing was exported").
    """
    triples = read_triples([*(bundled_files() if base is None else base), *files], limits)
    if check:
        report = validate(graph_of(triples))
        if not report.conforms:
            raise InvalidDataError(
                f"the graph does not conform to the shapes; nothing was {done} "
                f"(fix the data, or go ahead anyway with --no-validate)\n{report.to_text()}"
            )
    return triples
