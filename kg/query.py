"""Run SPARQL on the embedded store or on a SPARQL 1.1 endpoint, with parameters bound as RDF terms.

Parameters never reach the query as text typed by a person: each value becomes an RDF term built by
pyoxigraph (so quotes, braces and newlines are escaped by the library) and is bound with a ``VALUES``
block placed at the start of the query's outer ``WHERE`` group. The same text runs on the embedded
store and on a remote endpoint, so both give the same rows.

(pyoxigraph's own ``substitutions`` are not used: in 0.5 they only accept projected variables and
``BOUND(?param)`` does not see them, so ASK/CONSTRUCT and optional parameters could not work.)

Named queries live in ``queries/NAME.rq`` with a comment header::

    # title: Open recommendations
    # description: one line
    # param: authority string = barnsley
    # returns: one row per recommendation

>>> [p.name for p in parse_header("# param: year xsd:integer = 2012\\nSELECT * {}").params]
['year']
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError, QueryError, UsageError
from kg.vocab import PREFIXES, XSD, local_name, shorten

QUERIES = Path(__file__).resolve().parent.parent / "queries"
PARAM_TYPES = ("auto", "iri", "authority", "string", "xsd:string", "xsd:integer", "xsd:decimal", "xsd:boolean",
               "xsd:date", "xsd:gYear")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_HEADER = re.compile(r"^#\s*(title|description|param|returns)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(?:\s+([A-Za-z:]+))?(?:\s*=\s*(.*))?$")
_IRI_LIKE = re.compile(r"https?://", re.IGNORECASE)
ACCEPT = ("application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8, "
          "application/rdf+xml;q=0.5")
TIMEOUT = 60
USER_AGENT = "inspection-kg"


# ---------------------------------------------------------------- headers and named queries

@dataclass
class Param:
    name: str
    type: str = "auto"
    default: str | None = None


@dataclass
class QueryInfo:
    name: str = ""
    title: str = ""
    description: str = ""
    returns: str = ""
    params: list[Param] = field(default_factory=list)
    path: Path | None = None


def parse_header(text: str, name: str = "") -> QueryInfo:
    """The ``# key: value`` lines at the top of a query (before its first other line)."""
    info = QueryInfo(name=name)
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if not line.startswith("#"):
            break
        m = _HEADER.match(line)
        if not m:
            continue
        key, value = m.groups()
        if key == "param":
            info.params.append(_param(value, name))
        else:
            setattr(info, key, value)
    return info


def _param(value: str, where: str) -> Param:
    m = _PARAM.match(value)
    if not m:
        raise QueryError(f"{where or 'query'}: bad '# param:' line {value!r}; expected NAME TYPE = DEFAULT")
    pname, ptype, default = m.groups()
    ptype = ptype or "auto"
    if ptype not in PARAM_TYPES:
        raise QueryError(f"{where or 'query'}: parameter {pname} has unknown type {ptype}; "
                         f"use one of {', '.join(PARAM_TYPES)}")
    return Param(pname, ptype, default if default not in (None, "") else None)


def named_queries(folder: Path = QUERIES) -> list[QueryInfo]:
    """Every ``.rq`` in the queries folder, by name."""
    out = []
    for path in sorted(folder.glob("*.rq")):
        info = parse_header(path.read_text(encoding="utf-8"), path.stem)
        info.path = path
        out.append(info)
    return out


def named_query(name: str, folder: Path = QUERIES) -> str:
    """The text of one named query; an unknown name lists the known ones."""
    path = folder / f"{name}.rq"
    if not _NAME.match(name.replace("-", "_")) or not path.is_file():
        known = ", ".join(q.name for q in named_queries(folder))
        raise UsageError(f"no named query {name!r} in {folder}; known: {known}")
    return path.read_text(encoding="utf-8")


# ---------------------------------------------------------------- parameters as RDF terms

def term_for(value: str, ptype: str = "auto", name: str = "param"):
    """The RDF term a parameter value binds as.

    >>> term_for("https://w3id.org/inspection-kg/id/authority/barnsley")
    <NamedNode value=https://w3id.org/inspection-kg/id/authority/barnsley>
    >>> str(term_for('say "hi"'))
    '"say \\\\"hi\\\\""'
    >>> str(term_for("2012", "xsd:integer"))
    '"2012"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    import pyoxigraph as ox

    if ptype == "iri" or (ptype == "auto" and _IRI_LIKE.match(value)):
        try:
            return ox.NamedNode(value)
        except ValueError:
            if ptype == "iri":
                raise QueryError(f"parameter {name}: {value!r} is not a valid IRI") from None
            return ox.Literal(value)  # looked like an IRI but is not one: a plain string, never text
    if ptype in ("auto", "string", "xsd:string", "authority"):
        return ox.Literal(value)
    _check_lexical(value, ptype, name)
    return ox.Literal(value, datatype=ox.NamedNode(XSD[ptype.split(":", 1)[1]]))


_LEXICAL = {
    "xsd:integer": re.compile(r"[+-]?\d+\Z"),
    "xsd:decimal": re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)\Z"),
    "xsd:boolean": re.compile(r"(true|false|1|0)\Z"),
    "xsd:date": re.compile(r"\d{4}-\d{2}-\d{2}\Z"),
    "xsd:gYear": re.compile(r"\d{4}\Z"),
}


def _check_lexical(value: str, ptype: str, name: str) -> None:
    if not _LEXICAL[ptype].match(value):
        raise QueryError(f"parameter {name}: {value!r} is not a valid {ptype}")


def bindings(text: str, params: dict[str, str] | None, where: str = "query") -> dict[str, object]:
    """Declared defaults overlaid by the given values, as RDF terms by variable name."""
    declared = {p.name: p for p in parse_header(text, where).params}
    params = dict(params or {})
    if declared:
        unknown = sorted(set(params) - set(declared))
        if unknown:
            raise UsageError(f"{where}: unknown parameter {', '.join(unknown)}; "
                             f"it takes: {', '.join(declared)}")
    out = {}
    for name, p in declared.items():
        if name not in params and p.default is not None:
            out[name] = term_for(p.default, p.type, name)
    for name, value in params.items():
        if not _NAME.match(name):
            raise UsageError(f"{where}: parameter name {name!r} is not a SPARQL variable name")
        out[name] = term_for(value, declared[name].type if name in declared else "auto", name)
    return out


def bind(text: str, terms: dict[str, object], where: str = "query", trailing: bool = False) -> str:
    """The query with ``VALUES (?a ?b) { (t1 t2) }`` opening its outer WHERE group, and the same row
    (for the parameters it names) opening the WHERE group of every subquery that names them.

    A subquery is its own scope and Oxigraph evaluates it before the outer join, so without its own row
    it would read every council's data and let the outer join throw most of it away.

    ``trailing`` (for a remote endpoint) puts each row at the end of its group instead, and leaves out the
    outer group's row for a parameter only its subqueries name: the same rows by SPARQL 1.1, but
    Virtuoso 7 loses rows of the named queries with a row opening a group, or a row in the outer group
    for a variable only the subqueries bind (tests/test_engines.py compares every named query).

    >>> import pyoxigraph as ox
    >>> bind('SELECT ?s WHERE { ?s ?p "{" }', {"x": ox.Literal('"} ; DROP ALL ; {')})
    'SELECT ?s WHERE { VALUES (?x) { ("\\\\"} ; DROP ALL ; {") }  ?s ?p "{" }'
    >>> bind('SELECT * { { SELECT ?s { ?s ?p ?x } } { SELECT ?o { ?s ?p ?o } } }', {"x": ox.Literal("v")})
    'SELECT * { VALUES (?x) { ("v") }  { SELECT ?s { VALUES (?x) { ("v") }  ?s ?p ?x } } { SELECT ?o { ?s ?p ?o } } }'
    """
    if not terms:
        return text
    at = where_group(text)
    if at is None:
        raise QueryError(f"{where}: parameters need a WHERE {{ ... }} clause to bind into")
    groups = [(start, used) for start, used in subquery_groups(text) if start != at]
    if trailing:
        outside = names_outside(text, [(start, group_end(text, start)) for start, _ in groups])
        outer = {n: t for n, t in terms.items() if n in outside}
        inserts = {group_end(text, at): _values_row(outer)} if outer else {}
    else:
        inserts = {at + 1: _values_row(terms)}
    for start, used in groups:
        named = {n: t for n, t in terms.items() if n in used}
        if named:
            inserts[group_end(text, start) if trailing else start + 1] = _values_row(named)
    for offset in sorted(inserts, reverse=True):
        text = f"{text[:offset]}{inserts[offset]}{text[offset:]}"
    return text


def group_end(text: str, start: int) -> int:
    """Offset of the ``}`` that closes the group opened at ``start`` (strings, IRIs, comments skipped)."""
    depth = 0
    for m in _TOKEN.finditer(text, start):
        if m.lastgroup == "brace":
            depth += 1 if m.group() == "{" else -1
            if depth == 0:
                return m.start()
    raise QueryError("query: unbalanced braces")


def names_outside(text: str, spans: list[tuple[int, int]]) -> set[str]:
    """The variable names the query uses outside the given spans (its subqueries' groups)."""
    out, prev = set(), ""
    for m in _TOKEN.finditer(text):
        kind, tok = m.lastgroup, m.group()
        if kind == "word" and prev in ("?", "$") and not any(a < m.start() < b for a, b in spans):
            out.add(tok)
        if not (kind == "comment" or (kind == "other" and tok.isspace())):
            prev = tok
    return out


def _values_row(terms: dict[str, object]) -> str:
    """One row per combination; a list of terms (an authority matching two IRIs) gives several rows."""
    import itertools

    names = " ".join(f"?{n}" for n in terms)
    options = [t if isinstance(t, list) else [t] for t in terms.values()]
    rows = " ".join("(" + " ".join(str(t) for t in combo) + ")" for combo in itertools.product(*options))
    return f" VALUES ({names}) {{ {rows} }} "


_TOKEN = re.compile(
    r'''(?P<comment>\#[^\n]*)
      | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
                   |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
      | (?P<brace>[{}])
      | (?P<other>.)''',
    re.VERBOSE | re.DOTALL,
)


def where_group(text: str) -> int | None:
    """Offset of the ``{`` that opens the query's outer WHERE group (strings, IRIs, comments skipped)."""
    depth, form, groups, prev = 0, None, 0, ""
    for m in _TOKEN.finditer(text):
        kind, tok = m.lastgroup, m.group()
        if kind in ("comment", "other") and tok.strip() == "" or kind == "comment":
            continue
        if kind == "word" and depth == 0 and form is None and tok.upper() in ("SELECT", "CONSTRUCT",
                                                                                "ASK", "DESCRIBE"):
            form = tok.upper()
        if kind == "brace" and tok == "{":
            if depth == 0:
                groups += 1
                template = form == "CONSTRUCT" and groups == 1 and prev.upper() != "WHERE"
                if form is not None and not template:
                    return m.start()
            depth += 1
        elif kind == "brace":
            depth -= 1
        prev = tok
    return None


def subquery_groups(text: str) -> list[tuple[int, set[str]]]:
    """Each subquery's WHERE group: the offset of its ``{`` and the variable names used inside it.

    The group is the first ``{`` after a nested ``SELECT`` outside parentheses (so an ``EXISTS { }`` in
    a projected expression is not taken for it); strings, IRIs and comments are skipped.
    """
    depth, parens, pending, open_groups, out, prev = 0, 0, [], [], [], ""
    for m in _TOKEN.finditer(text):
        kind, tok = m.lastgroup, m.group()
        if kind == "comment" or (kind == "other" and tok.isspace()):
            continue
        if kind == "word" and tok.upper() == "SELECT" and depth > 0 and prev not in (":", "?", "$"):
            pending.append((depth, parens))
        elif kind == "word" and prev in ("?", "$"):
            for group in open_groups:
                group[2].add(tok)
        elif tok == "(":
            parens += 1
        elif tok == ")":
            parens -= 1
        elif tok == "{":
            if pending and pending[-1] == (depth, parens):
                pending.pop()
                open_groups.append((depth, m.start(), set()))
            depth += 1
        elif tok == "}":
            depth -= 1
            if open_groups and open_groups[-1][0] == depth:
                _, start, used = open_groups.pop()
                out.append((start, used))
        prev = tok
    return sorted(out)


# ---------------------------------------------------------------- results

@dataclass
class Result:
    """A query's answer. ``data`` holds W3C SPARQL results JSON (select, ask) or N-Triples (graph)."""

    kind: str  # "select" | "ask" | "graph"
    data: bytes

    @property
    def boolean(self) -> bool:
        return bool(json.loads(self.data).get("boolean")) if self.kind == "ask" else False

    def _solutions(self):
        import pyoxigraph as ox

        return ox.parse_query_results(self.data, format=ox.QueryResultsFormat.JSON)

    @property
    def variables(self) -> list[str]:
        return [v.value for v in self._solutions().variables] if self.kind == "select" else []

    @property
    def rows(self) -> list[dict[str, object]]:
        """Each solution as {variable: pyoxigraph term}; unbound variables are left out."""
        if self.kind != "select":
            return []
        sols = self._solutions()
        names = [v.value for v in sols.variables]
        return [{n: s[n] for n in names if s[n] is not None} for s in sols]

    def plain_rows(self) -> list[dict[str, str]]:
        """Each solution as {variable: IRI or literal value}."""
        return [{k: v.value for k, v in row.items()} for row in self.rows]

    def serialize(self, fmt: str = "json") -> str:
        """json | csv | tsv for SELECT and ASK (W3C formats); Turtle for CONSTRUCT and DESCRIBE."""
        import pyoxigraph as ox

        if self.kind == "graph":
            triples = [q.triple for q in ox.parse(self.data, format=ox.RdfFormat.N_TRIPLES)]
            return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES).decode("utf-8")
        if self.kind == "ask" and fmt != "json":
            return "true\n" if self.boolean else "false\n"
        formats = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV,
                   "tsv": ox.QueryResultsFormat.TSV}
        out = self._solutions().serialize(format=formats[fmt]).decode("utf-8")
        return out if out.endswith("\n") else out + "\n"


def compact(term) -> str:
    """A term as a person reads it: prefixed IRIs, literal values.

    >>> import pyoxigraph as ox
    >>> compact(ox.NamedNode("https://w3id.org/inspection-kg/id/authority/barnsley"))
    'id:authority/barnsley'
    """
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        short = shorten(term.value)
        return short if short != term.value else f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


# ---------------------------------------------------------------- running

def run_query(text: str, store=None, endpoint: str | None = None, params: dict[str, str] | None = None,
              where: str = "query") -> Result:
    """Run SPARQL on the embedded store (a folder path or an open pyoxigraph.Store) or an endpoint URL.

    ``where`` names the query's source in error messages (a file name, ``query`` for -e).
    """
    terms = bindings(text, params, where)
    if any(p.type == "authority" for p in parse_header(text, where).params):
        store = store if endpoint else _open(store)
        terms = resolve_authorities(text, terms, lambda q: run_query(q, store, endpoint, where=where))
    if endpoint:
        return _run_remote(for_other_engines(bind(text, terms, where, trailing=True)), endpoint, where)
    return _run_local(bind(text, terms, where), _open(store), where)


_AUTHORITY_MATCH = """SELECT DISTINCT ?a WHERE {
  { SELECT DISTINCT ?a ?aLabel WHERE { ?a a ikg:Authority ; rdfs:label ?aLabel } }
  FILTER(LCASE(STR(?v)) IN (LCASE(REPLACE(STR(?a), "^.*/", "")), LCASE(STR(?aLabel)), LCASE(STR(?a))))
} ORDER BY ?a"""


def _names_council(value: str, iri: str, labels: set[str]) -> bool:
    """Whether ``value`` is one of the council's names (its key, a label, a name of the table), in any case
    and with or without the words of its legal form ("London Borough of Barnet"), and nothing more."""
    from kg.authorities import table
    from kg.iris import place_slug

    key = local_name(iri)
    known = table().get(key)
    names = {*labels, *(known.names if known else ())}
    return place_slug(value) in {key} | {place_slug(n) for n in names}


def resolve_authorities(text: str, terms: dict, run) -> dict:
    """Each ``authority`` parameter as the IRI(s) of the ikg:Authority whose slug, label or IRI it names
    (case-insensitive), so a query can look its council up by index instead of comparing every label.

    The IRI the name derives to (kg.iris) is tried first with one indexed lookup; only when that is not a
    match are all authorities compared. A name that matches no council the store holds is an InputError
    suggesting the nearest.
    """
    out = dict(terms)
    for p in parse_header(text).params:
        if p.type == "authority" and p.name in terms:
            out[p.name] = [term_for(iri, "iri", p.name) for iri in authority_iris(terms[p.name].value, run)]
    return out


def authority_iris(value: str, run) -> list[str]:
    """The IRIs of the councils the store holds that ``value`` names (see resolve_authorities); ``run``
    runs a query and returns its Result."""
    from kg.iris import authority_iri

    guess = authority_iri(value)
    lookup = bind("SELECT DISTINCT ?label WHERE { ?a a ikg:Authority ; rdfs:label ?label }",
                  {"a": term_for(guess, "iri")})
    names = {r["label"] for r in run(lookup).plain_rows()}
    if names and (value == guess or _names_council(value, guess, names)):
        found = [guess]
    else:
        found = [r["a"] for r in run(bind(_AUTHORITY_MATCH, {"v": term_for(value, "string")})).plain_rows()]
    return held_of(value, found, run)


# The councils the store holds: those with documents or inspections (its graph of the table of councils
# labels every English council, held or not).
_HELD = "SELECT DISTINCT ?a WHERE { { ?d ikg:aboutAuthority ?a } UNION { ?i ikg:inspectedAuthority ?a } }"
_COUNCIL_DOCUMENTS = """SELECT ?a (MIN(?l) AS ?label) (COUNT(DISTINCT ?d) AS ?documents) WHERE {
  { ?d ikg:aboutAuthority ?a } UNION { ?i ikg:inspectedAuthority ?a } OPTIONAL { ?a rdfs:label ?l }
} GROUP BY ?a"""
_COUNCIL_INSPECTIONS = """SELECT DISTINCT ?a ?i ?s ?e WHERE {
  ?i ikg:inspectedAuthority ?a OPTIONAL { ?i ikg:startDate ?s } OPTIONAL { ?i ikg:endDate ?e } }"""


def councils(store=None, endpoint: str | None = None) -> list[dict[str, str]]:
    """The councils the store holds: label, key, documents, inspections, first and last inspection (the
    first day of each inspection, its last where the first is not known), ordered by label."""
    return _councils(_runner(store, endpoint))


def _councils(run) -> list[dict[str, str]]:
    days: dict[str, dict[str, str]] = {}
    for r in run(_COUNCIL_INSPECTIONS).plain_rows():
        days.setdefault(r["a"], {})[r["i"]] = r.get("s") or r.get("e") or ""  # at most one of each
    out = []
    for r in run(_COUNCIL_DOCUMENTS).plain_rows():
        dated = sorted(d for d in days.get(r["a"], {}).values() if d)
        out.append({"authority": r.get("label") or local_name(r["a"]), "key": local_name(r["a"]),
                    "documents": int(r["documents"]), "inspections": len(days.get(r["a"], {})),
                    "first_inspection": dated[0] if dated else "", "last_inspection": dated[-1] if dated else "",
                    "iri": r["a"]})
    return sorted(out, key=lambda c: (c["authority"].lower(), c["iri"]))


_COUNTS = """SELECT (COUNT(DISTINCT ?d) AS ?documents) (COUNT(DISTINCT ?i) AS ?inspections)
       (COUNT(DISTINCT ?r) AS ?recommendations) (COUNT(DISTINCT ?a) AS ?councils) WHERE {
  { ?d a ikg:Document } UNION { ?i a ikg:Inspection } UNION { ?x ikg:hasRecommendation ?r }
  UNION { ?y ikg:aboutAuthority ?a } UNION { ?z ikg:inspectedAuthority ?a }
}"""


def store_counts(store=None, endpoint: str | None = None) -> dict[str, int]:
    """How many documents, inspections, recommendations and councils (those held) the store holds."""
    row = _runner(store, endpoint)(_COUNTS).plain_rows()[0]
    return {k: int(v) for k, v in row.items()}


def held_of(name: str, found: list[str], run) -> list[str]:
    """Those of ``found`` (IRIs the name resolved to) that the store holds; an InputError naming ``name``
    and the nearest councils of the store when there are none."""
    held = [r["a"] for r in run(bind(_HELD, {"a": [term_for(i, "iri") for i in found]})).plain_rows()] \
        if found else []
    if not held:
        raise InputError(unknown_council(name, _councils(run)))
    return held


def held_authority(name: str, store=None, endpoint: str | None = None) -> str:
    """The IRI of the council the store holds that ``name`` (slug, name, formal name or IRI) names, or an
    InputError suggesting the nearest ones."""
    return authority_iris(name, _runner(store, endpoint))[0]


def _runner(store, endpoint: str | None):
    store = store if endpoint else _open(store)
    return lambda q: run_query(q, store=store, endpoint=endpoint)


def unknown_council(name: str, held: list[dict[str, str]]) -> str:
    """One line: the name is not a council of the store, and the nearest names it holds.

    >>> unknown_council("haringy", [{"authority": "Haringey", "key": "haringey"},
    ...                             {"authority": "Barnet", "key": "barnet"}])
    "no council 'haringy' in the store; nearest: Haringey (`kg councils` lists all 2)"
    """
    import difflib

    label_of = {}
    for c in held:
        label_of.setdefault(c["authority"].lower(), c["authority"])
        label_of.setdefault(c["key"], c["authority"])
    near = difflib.get_close_matches(name.lower(), label_of, n=6, cutoff=0.7)
    nearest = list(dict.fromkeys(label_of[n] for n in near))[:3]
    if not held:
        return f"no council {name!r} in the store: it holds no council yet (`kg build` adds documents)"
    if nearest:
        hint = f"nearest: {', '.join(nearest)}"
    elif len(held) <= 6:
        hint = f"it holds {', '.join(c['authority'] for c in held)}"
    else:
        hint = "none is near"
    return f"no council {name!r} in the store; {hint} (`kg councils` lists all {len(held)})"


def select(text: str, store=None, endpoint: str | None = None,
           params: dict[str, str] | None = None) -> list[dict[str, str]]:
    """A SELECT's rows as plain strings, for the other reading commands.

    >>> import pyoxigraph as ox
    >>> s = ox.Store()
    >>> s.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x"),
    ...               ox.NamedNode("http://e/g")))
    >>> select("SELECT ?s ?o WHERE { ?s ?p ?o }", store=s)
    [{'s': 'http://e/a', 'o': 'x'}]
    """
    result = run_query(text, store=store, endpoint=endpoint, params=params)
    if result.kind != "select":
        raise QueryError("query: select() needs a SELECT query")
    return result.plain_rows()


def _open(store):
    import pyoxigraph as ox

    from kg import store as kgstore

    if isinstance(store, ox.Store):
        return store
    return kgstore.open_read(Path(store) if store is not None else None)


READ_ONLY = "kg query only reads: the store is read-only from `kg query` (use `kg build` to change it)"


def _run_local(text: str, st, where: str) -> Result:
    import pyoxigraph as ox

    def run(res):
        if isinstance(res, ox.QueryBoolean):
            return Result("ask", res.serialize(format=ox.QueryResultsFormat.JSON))
        if isinstance(res, ox.QueryTriples):
            return Result("graph", res.serialize(format=ox.RdfFormat.N_TRIPLES))
        return Result("select", res.serialize(format=ox.QueryResultsFormat.JSON))

    return evaluate(st, text, where, run)


def evaluate(st, text: str, where: str, finish, read_only: str = READ_ONLY, **options):
    """``finish(st.query(text))`` with the store's errors as one-line QueryErrors: a query that would
    call SERVICE is refused before it runs, and an update is refused with ``read_only``.

    ``finish`` reads the lazy answer inside the same error handling; ``options`` go to ``Store.query``.
    """
    refuse_federated(text, where)
    options.setdefault("use_default_graph_as_union", True)
    try:
        return finish(st.query(text, prefixes=PREFIXES, **options))
    except SyntaxError as e:
        if is_update(text):
            raise QueryError(f"{where}: {read_only}") from None
        raise QueryError(syntax_message(str(e), where)) from None
    except (OSError, RuntimeError, ValueError) as e:
        raise QueryError(f"{where}: {_one_line(str(e))}") from None


FEDERATED = "SERVICE is refused: kg never fetches from other endpoints (federated queries are off)"


def refuse_federated(text: str, where: str) -> None:
    """Refuse a query that calls SERVICE: Oxigraph would fetch from any URL the query names.

    Oxigraph has no switch to turn its SERVICE client off, so the query is parsed first (rdflib's SPARQL
    1.1 parser, after the project's ``LATERAL`` forms are made joins) and refused if it holds a SERVICE
    pattern; comments, strings and IRIs cannot hide one or fake one. A query rdflib cannot read (Oxigraph's
    other extensions, or a syntax error Oxigraph will name) is scanned with the project's SPARQL tokens
    instead, and refused if the word SERVICE stands anywhere outside a string, IRI, comment or variable.

    >>> refuse_federated('SELECT * { ?s ?p "SERVICE <http://x/> {}" } # SERVICE', "q")
    >>> refuse_federated('SELECT * { SERVICE <http://x/> { ?s ?p ?o } }', "q")
    Traceback (most recent call last):
    kg.errors.QueryError: q: SERVICE is refused: kg never fetches from other endpoints (federated queries are off)
    """
    lowered = text.lower()
    if "service" not in lowered and "\\u" not in lowered:
        return  # neither the keyword nor a \u escape that could spell it: nothing to parse
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes, parseQuery

    try:
        found = _holds_service(parseQuery(for_other_engines(text)))
    except Exception:  # rdflib raises pyparsing's and its own errors; the token scan decides then
        found = _service_word(expandUnicodeEscapes(text))
    if found:
        raise QueryError(f"{where}: {FEDERATED}")


def _holds_service(node) -> bool:
    """Whether rdflib's parse tree holds a SERVICE pattern anywhere."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue) and node.name == "ServiceGraphPattern":
        return True
    if isinstance(node, dict):
        return any(_holds_service(v) for v in node.values())
    if isinstance(node, str) or not hasattr(node, "__iter__"):
        return False
    return any(_holds_service(v) for v in node)


def _service_word(text: str) -> bool:
    """Whether the word SERVICE stands outside strings, IRIs, comments and variable names."""
    prev = ""
    for m in _TOKEN.finditer(text):
        if m.lastgroup == "comment" or m.group().isspace():
            continue
        if m.lastgroup == "word" and m.group().upper() == "SERVICE" and prev not in ("?", "$"):
            return True
        prev = m.group()
    return False


def is_update(text: str) -> bool:
    """Whether the text is a SPARQL Update with at least one operation (rdflib's parser reads it;
    nothing runs).

    >>> is_update("DROP ALL"), is_update("SELECT * {}"), is_update("")
    (True, False, False)
    """
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        return "request" in parseUpdate(with_prefixes(text))
    except Exception:  # not an update either: the query's own syntax error is the one to show
        return False


def syntax_message(message: str, where: str) -> str:
    """pyoxigraph's "error at 3:14: expected ..." as "query.rq:3:14: expected ..." on one line.

    >>> syntax_message("error at 3:14: expected one of '.', ':'", "q.rq")
    "q.rq:3:14: expected one of '.', ':'"
    """
    m = re.match(r"error at (\d+):(\d+)(?:-\d+:\d+)?:\s*(.*)", message, re.DOTALL)
    if m:
        return f"{where}:{m.group(1)}:{m.group(2)}: {_one_line(m.group(3))}"
    return f"{where}: syntax error: {_one_line(message)}"


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def for_other_engines(text: str) -> str:
    """The query as plain SPARQL 1.1 for a remote endpoint (or rdflib): the project prefixes declared, and
    each ``LATERAL`` group made the join it stands for.

    The named queries use ``LATERAL`` (SEP-0006, proposed for SPARQL 1.2; Oxigraph has it) to look up the
    details of a few rows: Oxigraph then follows each row in the index instead of reading the property
    across the whole store to join by hash. They use it in two forms only, each with the same rows as
    SPARQL 1.1's join when the variables it shares with the rows before it are bound in each of them, as
    they are for a lookup (tests/test_query.py checks the forms): ``LATERAL { triple patterns }`` is the
    join ``{ triple patterns }``, and ``LATERAL { OPTIONAL { ... } }`` is ``OPTIONAL { ... }``.

    >>> for_other_engines('SELECT * { ?a ?b ?c LATERAL { ?c ?d "LATERAL" } } # LATERAL').splitlines()[-1]
    'SELECT * { ?a ?b ?c  { ?c ?d "LATERAL" } } # LATERAL'
    >>> for_other_engines('SELECT * { ?a ?b ?c LATERAL { OPTIONAL { ?c ?d ?e } } }').splitlines()[-1]
    'SELECT * { ?a ?b ?c   OPTIONAL { ?c ?d ?e }  }'
    """
    return with_prefixes(_without_lateral(text))


def _without_lateral(text: str) -> str:
    tokens = [(m.start(), m.end(), m.group(), m.lastgroup) for m in _TOKEN.finditer(text)
              if m.lastgroup != "comment" and not (m.lastgroup == "other" and m.group().isspace())]
    close = _matching_braces(tokens)
    drop: set[int] = set()  # indexes of the tokens to remove
    for i, (_, _, tok, kind) in enumerate(tokens):
        if kind != "word" or tok.upper() != "LATERAL" or (i and tokens[i - 1][2] in (":", "?", "$")):
            continue
        drop.add(i)
        opened = i + 1  # the group's "{"
        inner = opened + 1
        if opened in close and inner < len(tokens) and tokens[inner][2].upper() == "OPTIONAL" \
                and close.get(inner + 1) == close[opened] - 1:
            drop |= {opened, close[opened]}  # LATERAL { OPTIONAL { ... } } -> OPTIONAL { ... }
    out, last = [], 0
    for i in sorted(drop):
        out.append(text[last:tokens[i][0]])
        last = tokens[i][1]
    return "".join(out) + text[last:]


def _matching_braces(tokens: list) -> dict[int, int]:
    """Index of each "{" token -> index of its "}"."""
    stack, out = [], {}
    for i, (_, _, tok, kind) in enumerate(tokens):
        if kind == "brace" and tok == "{":
            stack.append(i)
        elif kind == "brace" and stack:
            out[stack.pop()] = i
    return out


def with_prefixes(text: str) -> str:
    """Declare the project prefixes a remote endpoint does not know (the query's own win)."""
    declared = {m.lower() for m in re.findall(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?:", text)}
    lines = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p.lower() not in declared]
    return "\n".join(lines + [text])


def sparql_request(endpoint: str, text: str, update: bool = False) -> tuple[str, bytes]:
    """Send a query (or, with ``update``, an update) by the SPARQL 1.1 Protocol; returns (content type, body).

    SPARQLWrapper posts it form-encoded. The caller says whether it is an update: the library would guess
    from the text, and a query sent to read must never go as an update. A query asks by its Accept header
    alone for the formats ``_run_remote`` reads (no ``format=`` parameters, which some stores answer in
    another form). HTTP and network errors become one-line QueryErrors naming the URL.
    """
    import warnings

    from SPARQLWrapper import INSERT, POST, SELECT, URLENCODED, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    client = SPARQLWrapper(endpoint, updateEndpoint=endpoint, agent=USER_AGENT)
    client.setMethod(POST)
    client.setRequestMethod(URLENCODED)
    client.setOnlyConneg(True)
    client.setTimeout(TIMEOUT)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a form it cannot tell: the endpoint's to judge
        client.setQuery(text)
    client.queryType = INSERT if update else SELECT
    if not update:
        client.addCustomHttpHeader("Accept", ACCEPT)
    try:
        with client.query().response as response:
            return response.headers.get("Content-Type", ""), response.read()
    except SPARQLWrapperException as e:  # the statuses it names (400, 401, 404, 414, 500), body read
        raise QueryError(_refused(endpoint, e.__context__, _body_of(e))) from None
    except urllib.error.HTTPError as e:
        raise QueryError(_refused(endpoint, e, e.read())) from None
    except (urllib.error.URLError, OSError) as e:
        raise QueryError(_unreachable(endpoint, e)) from None


def graph_store_put(url: str, data: bytes) -> None:
    """Replace the graph ``url`` names with the N-Triples ``data`` (Graph Store Protocol ``PUT``). Neither
    SPARQLWrapper nor rdflib speaks the Graph Store Protocol, so this one request goes by urllib."""
    req = urllib.request.Request(url, data=data, method="PUT",
                                 headers={"User-Agent": USER_AGENT, "Content-Type": "application/n-triples"})
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as response:
            response.read()
    except urllib.error.HTTPError as e:
        raise QueryError(_refused(url, e, e.read())) from None
    except (urllib.error.URLError, OSError) as e:
        raise QueryError(_unreachable(url, e)) from None


def _refused(url: str, error, body: bytes) -> str:
    """One line: the status the endpoint answered with, and what it said."""
    said = _one_line(body.decode("utf-8", errors="replace")) or "(no body)"
    return f"{url}: HTTP {getattr(error, 'code', '?')} {getattr(error, 'reason', '')}: {said}"


def _unreachable(url: str, error: Exception) -> str:
    return f"{url}: cannot reach the endpoint ({getattr(error, 'reason', error)})"


def _body_of(error) -> bytes:
    """The body SPARQLWrapper read from a refused request: its exceptions keep it only in their message, as
    the ``repr`` of the bytes after "Response:"."""
    import ast

    _, found, said = str(error).partition("\n\nResponse:\n")
    try:
        return ast.literal_eval(said) if found else b""
    except (ValueError, SyntaxError):
        return said.encode("utf-8")


_BOOLEAN = str(XSD.boolean)


def canonical_terms(answer: dict) -> dict:
    """SPARQL JSON results in the form the embedded store and every other engine write them: Virtuoso
    writes a typed literal as ``"type": "typed-literal"`` (the form of a 2007 draft) and xsd:booleans as
    ``1`` and ``0`` (the same values as ``true`` and ``false``).

    >>> b = {"type": "typed-literal", "value": "0", "datatype": _BOOLEAN}
    >>> canonical_terms({"results": {"bindings": [{"x": b}]}})["results"]["bindings"][0]["x"]
    {'type': 'literal', 'value': 'false', 'datatype': 'http://www.w3.org/2001/XMLSchema#boolean'}
    """
    for row in answer.get("results", {}).get("bindings", []):
        for term in row.values():
            if term.get("type") == "typed-literal":
                term["type"] = "literal"
            if term.get("datatype") == _BOOLEAN and term.get("value") in ("0", "1"):
                term["value"] = "true" if term["value"] == "1" else "false"
    return answer


def _run_remote(text: str, endpoint: str, where: str) -> Result:
    import pyoxigraph as ox

    ctype, data = sparql_request(endpoint, text)
    media = ctype.split(";")[0].strip().lower()
    if media in ("application/sparql-results+json", "application/json"):
        answer = json.loads(data)
        if "boolean" in answer:
            return Result("ask", data)
        return Result("select", json.dumps(canonical_terms(answer)).encode("utf-8"))
    if media == "application/sparql-results+xml":
        res = ox.parse_query_results(data, format=ox.QueryResultsFormat.XML)
        kind = "ask" if isinstance(res, ox.QueryBoolean) else "select"
        return Result(kind, res.serialize(format=ox.QueryResultsFormat.JSON))
    fmt = ox.RdfFormat.from_media_type(media)
    if fmt is None:
        raise QueryError(f"{endpoint}: answered {where} with unexpected content type {ctype or '(none)'}")
    triples = [q.triple for q in ox.parse(data, format=fmt)]
    return Result("graph", ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
