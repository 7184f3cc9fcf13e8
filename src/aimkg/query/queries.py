"""Run SPARQL over the graph: shipped queries by name, query files, or inline text, with typed parameters.

A query's header comments document it: the first line is its one-line description, and each
``# param: NAME TYPE [= DEFAULT] -- what it means`` line declares a parameter that
``--param NAME=VALUE`` binds (``as_of`` is bound by ``--as-of``; ``= today`` is its usual
default). TYPE is ``xsd:integer``, ``xsd:decimal``, ``xsd:date``, ``xsd:string`` or
``id:<kind>`` (an aimkg entity, given by slug or IRI). A parameter without a default stays
unbound unless given, so queries can test ``BOUND(?name)``. Values are checked against their
type, written as escaped RDF terms (never spliced raw into the text) and bound by a ``VALUES``
block opening the query's WHERE group, where every FILTER, OPTIONAL and EXISTS of the query
sees them; both engines run the same text, so they agree. (pyoxigraph's ``substitutions``
only bind variables of the SELECT projection, and ASK has none.)

pyoxigraph answers by default, from the files' store on disk (``aimkg.query.store``: built
once into the cache folder, then opened read-only by every later call in milliseconds; no
rdflib, no pySHACL, so ``aimkg query NAME`` starts fast); ``engine="rdflib"`` runs
rdflib's SPARQL over ``aimkg.io.graph.load()`` instead. Both give their answers as pyoxigraph
terms, which ``aimkg.query.results`` writes in the SPARQL results formats.

Links: https://www.w3.org/TR/sparql11-query/
https://github.com/w3c/sparql-dev/blob/main/SEP/SEP-0007/sep-0007.md (substitutions)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pyoxigraph as ox

from aimkg.core.errors import InputError
from aimkg.core.limits import DEFAULT_LIMITS, InputLimits
from aimkg.core.resources import bundled_files, queries_dir
from aimkg.core.terms import AIMKG, ID_BASE, XSD

ENGINES = ("oxigraph", "rdflib")
PARAM_LINE = re.compile(
    r"#\s*param:\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>xsd:(?:integer|decimal|date|string)|id:[a-z]+)"
    r"(?:\s*=\s*(?P<default>\S+))?\s*(?:--\s*(?P<doc>.*))?$"
)
PREFIX_DECLARATION = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)
LEXICAL = {
    "xsd:integer": re.compile(r"[+-]?[0-9]+"),
    "xsd:decimal": re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)"),
    "xsd:date": re.compile(r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}"),
}
SLUG = re.compile(r"[a-z0-9][a-z0-9.-]*")
UNSAFE_TEXT = re.compile(r"[\\\x00-\x1f\x7f]")  # backslashes would meet SPARQL's early \u unescaping
#: What the scan for the WHERE group steps over: comments, strings and IRIs, whose braces do not count.
#: https://www.w3.org/TR/sparql11-query/#rSTRING_LITERAL_LONG2 and neighbours, #rIRIREF
SKIPPED = re.compile(
    r'#[^\n]*|"""(?:[^\\]|\\.)*?"""|' + r"'''(?:[^\\]|\\.)*?'''"
    r'|"(?:[^"\\\n]|\\.)*"|' + r"'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
)
WORD = re.compile(r"[A-Za-z]+")

Term = ox.NamedNode | ox.BlankNode | ox.Literal


@dataclass(frozen=True)
class Parameter:
    """A value a query takes from the command line."""

    name: str
    type: str
    default: str | None
    doc: str


@dataclass(frozen=True)
class Query:
    """A SPARQL query with its name, description and declared parameters."""

    name: str
    text: str
    description: str = ""
    parameters: tuple[Parameter, ...] = ()

    @property
    def prefixes(self) -> dict[str, str]:
        """The prefixes the query declares, used to shorten IRIs in tables."""
        return {prefix or "": namespace for prefix, namespace in PREFIX_DECLARATION.findall(self.text)}


Row = tuple[Term | None, ...]


@dataclass
class Result:
    """An answer: a table of solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE).

    ``rows`` is a list, or, when pyoxigraph answers with ``stream=True``, an iterator that yields
    each row as pyoxigraph evaluates it, to be read once: ``aimkg query`` writes its output from
    it without keeping every row's terms, which saves a fifth to a third of the time at 65,000 rows.
    """

    variables: list[str] = field(default_factory=list)
    rows: list[Row] | Iterator[Row] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] | None = None


def parse_query(name: str, text: str) -> Query:
    """Read a query's description and parameters from its leading comment lines.

    >>> query = parse_query("since", '''# Versions released since a date.
    ... # param: since xsd:date = 2024-01-01 -- the first day
    ... # param: model id:model -- one model line (default: all)
    ... SELECT ?version WHERE { ?version aimkg:releaseDate ?day FILTER(?day >= ?since) }''')
    >>> query.description
    'Versions released since a date.'
    >>> [(p.name, p.type, p.default, p.doc) for p in query.parameters]
    [('since', 'xsd:date', '2024-01-01', 'the first day'), ('model', 'id:model', None, 'one model line (default: all)')]
    """
    description, parameters = "", []
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("#"):
            if line:
                break
            continue
        match = PARAM_LINE.match(line)
        if match:
            parameters.append(Parameter(match["name"], match["type"], match["default"], (match["doc"] or "").strip()))
        elif line.lower().startswith("# param"):
            raise InputError(f"query {name}: cannot read parameter line {line!r}; see aimkg.query's docs")
        elif not description:
            description = line.lstrip("# ").strip()
    return Query(name, text, description, tuple(parameters))


def shipped_queries() -> dict[str, Path]:
    """Return the queries shipped in queries/, by name."""
    return {path.stem: path for path in sorted(queries_dir().glob("*.rq"))}


def resolve(source: str | None, expression: str | None = None) -> Query:
    """Find the query to run: inline text, a file, or the name of a shipped query."""
    if expression is not None:
        if source is not None:
            raise InputError("give either a query (name or file) or -e/--expression, not both")
        return parse_query("-e", expression)
    if source is None:
        raise InputError("no query given: name a shipped query (aimkg query --list), a .rq file, or use -e")
    path = Path(source)
    if path.is_file():
        try:
            return parse_query(str(path), path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"{path}: cannot read: {error}") from error
    shipped = shipped_queries()
    if source not in shipped:
        raise InputError(f"unknown query {source!r}: not a file, nor a shipped query (see aimkg query --list)")
    return parse_query(source, shipped[source].read_text(encoding="utf-8"))


def listing() -> str:
    """Describe the shipped queries: name, description, and parameters."""
    queries = [parse_query(name, path.read_text(encoding="utf-8")) for name, path in shipped_queries().items()]
    width = max((len(query.name) for query in queries), default=0)
    lines = []
    for query in queries:
        lines.append(f"{query.name:<{width}}  {query.description}")
        for p in query.parameters:
            default = f" = {p.default}" if p.default is not None else ""
            option = "--as-of DATE" if p.name == "as_of" else f"--param {p.name}=..."
            lines.append(f"{'':<{width}}    {option} ({p.type}{default}) {p.doc}".rstrip())
    return "\n".join(lines) + "\n"


def parse_assignments(assignments: Iterable[str]) -> dict[str, str]:
    """Read NAME=VALUE pairs from the command line."""
    values = {}
    for assignment in assignments:
        name, equals, value = assignment.partition("=")
        if not equals or not name:
            raise InputError(f"--param {assignment!r}: expected NAME=VALUE")
        values[name.strip()] = value
    return values


def term_for(parameter: Parameter, value: str) -> ox.NamedNode | ox.Literal:
    """Check a value against its parameter's type and make it an RDF term.

    >>> term_for(Parameter("model", "id:model", None, ""), "mistral-medium")
    <NamedNode value=https://w3id.org/aimkg/id/model/mistral-medium>
    >>> str(term_for(Parameter("since", "xsd:date", None, ""), "2024-06-01"))
    '"2024-06-01"^^<http://www.w3.org/2001/XMLSchema#date>'
    >>> term_for(Parameter("since", "xsd:date", None, ""), "2024-02-30")
    Traceback (most recent call last):
    ...
    aimkg.core.errors.InputError: --param since=2024-02-30: not a valid date (YYYY-MM-DD)
    """
    kind = parameter.type
    if kind.startswith("id:"):
        namespace = f"{ID_BASE}{kind[3:]}/"
        if value.startswith(namespace) and SLUG.fullmatch(value[len(namespace) :]):
            return ox.NamedNode(value)
        if SLUG.fullmatch(value):
            return ox.NamedNode(namespace + value)
        raise InputError(f"--param {parameter.name}={value}: expected a {kind[3:]} slug or an IRI {namespace}<slug>")
    if kind == "xsd:string" and UNSAFE_TEXT.search(value):
        raise InputError(f"--param {parameter.name}: backslashes and control characters are not allowed")
    pattern = LEXICAL.get(kind)
    if pattern is not None and not pattern.fullmatch(value):
        raise InputError(f"--param {parameter.name}={value}: not an {kind}")
    if kind == "xsd:date":
        try:
            date.fromisoformat(value)
        except ValueError:
            raise InputError(f"--param {parameter.name}={value}: not a valid date (YYYY-MM-DD)") from None
    return ox.Literal(value, datatype=ox.NamedNode(XSD + kind[4:]))


def bindings(query: Query, values: Mapping[str, str], as_of: str | None = None) -> dict[str, Term]:
    """Bind the query's parameters from --param values and --as-of, refusing undeclared names."""
    declared = {p.name: p for p in query.parameters}
    given = dict(values)
    if as_of is not None:
        if "as_of" not in declared:
            raise InputError(f"query {query.name} does not use --as-of (it declares no as_of parameter)")
        given["as_of"] = as_of
    unknown = sorted(set(given) - set(declared))
    if unknown:
        names = ", ".join(sorted(declared)) or "none"
        raise InputError(f"query {query.name} has no parameter {unknown[0]!r} (its parameters: {names})")
    result: dict[str, Term] = {}
    for name, parameter in declared.items():
        value = given.get(name, parameter.default)
        if value == "today":
            value = date.today().isoformat()
        if value is not None:
            result[name] = term_for(parameter, value)
    return result


def where_group(text: str) -> int:
    """Return the offset just inside the brace that opens the query's WHERE group.

    It is the first brace outside comments, strings and IRIs, except after CONSTRUCT, whose
    first group is the template.
    """
    depth, position, template = 0, 0, False
    last_word = ""
    while position < len(text):
        skipped = SKIPPED.match(text, position)
        if skipped:
            position = skipped.end()
            continue
        char = text[position]
        word = WORD.match(text, position)
        if word:
            last_word = word.group().upper()
            position = word.end()
            continue
        if char == "{":
            if depth == 0 and last_word == "CONSTRUCT" and not template:
                template = True
            elif depth == 0:
                return position + 1
            depth += 1
        elif char == "}":
            depth -= 1
        position += 1
    raise InputError("cannot bind parameters: the query has no WHERE group")


def with_parameters(query: Query, bound: Mapping[str, Term]) -> str:
    """Return the query text with a VALUES block binding the parameters at the start of its WHERE group.

    Link: https://www.w3.org/TR/sparql11-query/#inline-data
    """
    if not bound:
        return query.text
    names = sorted(bound)
    variables = " ".join(f"?{name}" for name in names)
    terms = " ".join(str(bound[name]) for name in names)  # N-Triples syntax: quotes and escapes included
    values = f" VALUES ({variables}) {{ ({terms}) }} "
    inside = where_group(query.text)
    return query.text[:inside] + values + query.text[inside:]


def run(
    query: Query,
    bound: Mapping[str, Term] | None = None,
    engine: str = "oxigraph",
    files: Sequence[Path] = (),
    limits: InputLimits = DEFAULT_LIMITS,
    stream: bool = False,
    base: Sequence[Path] | None = None,
    recorded_at: str | None = None,
) -> Result:
    """Answer a query over the bundled graph (or ``base``) plus files.

    ``stream``: rows as an iterator that evaluates as it is read (pyoxigraph only).
    ``recorded_at``: over the graph as the catalogs stated it at that moment (``recorded_view``).
    """
    text = with_parameters(query, bound or {})
    paths = [*(bundled_files() if base is None else base), *files]
    update = None if recorded_at is None else recorded_view(recorded_at)
    if engine == "oxigraph":
        if update is not None:  # a view of record time changes the graph: a store of this call's own, in memory
            from aimkg.io.read import read_store

            store = read_store(paths, limits)
            store.update(update)
            return run_oxigraph(query.name, text, store, stream)
        from aimkg.query.store import open_store

        return run_oxigraph(query.name, text, open_store(paths, limits), stream)
    if engine == "rdflib":
        from aimkg.io.graph import read_graph

        graph = read_graph(paths, limits)
        if update is not None:
            graph.update(update)
        return run_rdflib(query.name, text, graph)
    raise InputError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")


UTC_MOMENT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")


def utc_moment(text: str) -> str:
    """A --recorded-at value, checked: a UTC time to the second."""
    try:
        if not UTC_MOMENT.fullmatch(text):
            raise ValueError(text)
        datetime.fromisoformat(text)
    except ValueError:
        raise InputError(f"--recorded-at {text}: not a UTC time (YYYY-MM-DDTHH:MM:SSZ)") from None
    return text


def recorded_view(moment: str) -> str:
    """The SPARQL update that leaves the graph as its sources stated it at ``moment`` (UTC).

    It removes every node with a record time that does not hold then (stated only later, or no
    longer: ``recordedFrom`` <= moment < ``recordedUntil``), with the triples that point to it. Nodes
    without record time (curated data, catalogs imported without history) stay as they are.
    """
    at = f'"{utc_moment(moment)}"^^<{XSD}dateTime>'
    return f"""PREFIX aimkg: <{AIMKG}>
DELETE {{ ?node ?p ?o . ?s ?q ?node }}
WHERE {{
    {{ ?node aimkg:recordedFrom ?from FILTER (?from > {at}) }}
    UNION {{ ?node aimkg:recordedUntil ?until FILTER (?until <= {at}) }}
    {{ ?node ?p ?o }} UNION {{ ?s ?q ?node }}
}}"""


def run_oxigraph(name: str, text: str, store: ox.Store, stream: bool = False) -> Result:
    """Answer a query with pyoxigraph; ``stream``: rows as an iterator that evaluates as it is read."""
    try:
        answer = store.query(text)
    except SyntaxError as error:
        raise InputError(f"query {name}: {error.msg or error}") from error
    except OSError as error:  # evaluation errors pyoxigraph reports as I/O errors
        raise InputError(f"query {name}: {error}") from error
    if isinstance(answer, ox.QueryBoolean):
        return Result(boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables, rows = solutions(answer)
        rows = naming_errors(name, rows)
        return Result(variables, rows if stream else list(rows))
    return Result(triples=list(answer))


def solutions(answer: ox.QuerySolutions) -> tuple[list[str], Iterator[Row]]:
    """Read pyoxigraph's solutions: the variables, and the rows lazily, as pyoxigraph evaluates them."""
    return [variable.value for variable in answer.variables], (tuple(solution) for solution in answer)


def naming_errors(name: str, rows: Iterator[Row]) -> Iterator[Row]:
    """Pass rows on; an error pyoxigraph meets while evaluating them (it evaluates lazily) names the query."""
    try:
        yield from rows
    except OSError as error:
        raise InputError(f"query {name}: {error}") from error


def run_rdflib(name: str, text: str, graph: object) -> Result:
    """Answer a query with rdflib's SPARQL engine, giving its answer as pyoxigraph terms."""
    from pyparsing import ParseException
    from rdflib import Graph

    from aimkg.io.graph import to_ox

    assert isinstance(graph, Graph)
    try:
        answer = graph.query(text)
    except ParseException as error:
        raise InputError(f"query {name}: syntax error at line {error.lineno}, column {error.col}") from error
    if answer.type == "ASK":
        return Result(boolean=bool(answer.askAnswer))
    if answer.type == "SELECT":
        variables = [str(variable) for variable in answer.vars or []]
        rows = [
            tuple(None if row[v] is None else to_ox(row[v]) for v in variables)  # type: ignore[call-overload,index]
            for row in answer
        ]
        return Result(variables, rows)
    return Result(triples=[ox.Triple(*map(to_ox, triple)) for triple in answer])  # type: ignore[arg-type]
