"""`kg query` and kg.query on a small dataset shaped like the pipeline's output (tests/data/mini.trig)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "mini.trig"
KG = [sys.executable, "-m", "kg.cli.main"]


def build_mini(dest: Path) -> Path:
    """A real on-disk store holding mini.trig and the SKOS schemes (for grade labels and ranks)."""
    import pyoxigraph as ox

    from kg import iris
    from kg import store as kgstore

    with kgstore.writing(dest) as st:
        st.load(MINI.read_bytes(), format=ox.RdfFormat.TRIG)
        st.load((ROOT / "ontology" / "schemes.ttl").read_bytes(), format=ox.RdfFormat.TURTLE,
                to_graph=ox.NamedNode(iris.graph_iri("ontology")))
    return dest


@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> Path:
    return build_mini(tmp_path_factory.mktemp("mini") / "store")


def kg(*args, store: Path) -> subprocess.CompletedProcess:
    return subprocess.run(check=False, args=[*KG, *args, "--store", str(store)], capture_output=True, text=True, cwd=ROOT)


def test_select_sees_every_named_graph_without_graph_clause(mini):
    from kg.query import select

    rows = select("SELECT ?a WHERE { ?a a ikg:Authority } ORDER BY ?a", store=mini)
    assert [r["a"].rsplit("/", 1)[1] for r in rows] == ["barnet", "barnsley"]


def test_json_format_is_w3c_results_json(mini):
    from kg.query import run_query

    out = json.loads(run_query("SELECT ?a ?l WHERE { ?a a ikg:Authority ; rdfs:label ?l } ORDER BY ?l",
                               store=mini).serialize("json"))
    assert out["head"]["vars"] == ["a", "l"]
    first = out["results"]["bindings"][0]
    assert first["a"] == {"type": "uri", "value": "https://w3id.org/inspection-kg/id/authority/barnet"}
    assert first["l"]["value"] == "Barnet" and first["l"]["type"] == "literal"


def test_csv_and_tsv(mini):
    from kg.query import run_query

    r = run_query("SELECT ?l WHERE { ?a a ikg:Authority ; rdfs:label ?l } ORDER BY ?l", store=mini)
    assert r.serialize("csv").splitlines() == ["l", "Barnet", "Barnsley"]
    assert r.serialize("tsv").splitlines() == ["?l", '"Barnet"', '"Barnsley"']


def test_ask_prints_true_or_false(mini):
    assert kg("query", "-e", "ASK { ?a a ikg:Authority }", store=mini).stdout == "true\n"
    assert kg("query", "-e", "ASK { ?a a ikg:Nothing }", store=mini).stdout == "false\n"


def test_construct_prints_turtle(mini):
    import rdflib

    res = kg("query", "-e", "CONSTRUCT WHERE { ?a a ikg:Authority ; rdfs:label ?l }", store=mini)
    assert res.returncode == 0, res.stderr
    g = rdflib.Graph().parse(data=res.stdout, format="turtle")
    assert len(g) == 4


def test_syntax_error_names_line_and_column_and_exits_1(mini, tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?s\nWHERE {\n  ?s ?p \n}\n")
    res = kg("query", str(bad), store=mini)
    assert res.returncode == 1
    assert res.stdout == ""
    assert re.match(rf"kg: {re.escape(str(bad))}:4:\d+: expected ", res.stderr), res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_query_error_from_library_carries_position(mini):
    from kg.errors import QueryError
    from kg.query import run_query

    with pytest.raises(QueryError, match=r"^query:1:\d+: "):
        run_query("SELECT * WHERE { ?s ?p }", store=mini)


def test_table_output_compacts_iris(mini):
    res = kg("query", "-e", "SELECT ?a WHERE { ?a a ikg:Authority } ORDER BY ?a", store=mini)
    assert res.returncode == 0
    assert "id:authority/barnet" in res.stdout and "id:authority/barnsley" in res.stdout
    assert "2 rows" in res.stderr


def test_exactly_one_query_source(mini):
    res = kg("query", "-e", "ASK {}", "--named", "recurring-themes", store=mini)
    assert res.returncode == 2


def test_unreachable_endpoint_is_one_line_error():
    res = subprocess.run(check=False, args=[*KG, "query", "-e", "ASK {}", "--endpoint", "http://127.0.0.1:9/query"],
                         capture_output=True, text=True)
    assert res.returncode == 1
    assert res.stderr.startswith("kg: http://127.0.0.1:9/query: cannot reach the endpoint")


def test_declared_integer_param_binds_typed_literal(mini):
    from kg.query import run_query

    text = "# param: n xsd:integer = 2\nSELECT ?m WHERE { BIND(?n + 1 AS ?m) }"
    assert run_query(text, store=mini).plain_rows() == [{"m": "3"}]
    assert run_query(text, store=mini, params={"n": "40"}).plain_rows() == [{"m": "41"}]


def test_bad_typed_param_is_refused(mini):
    from kg.errors import QueryError
    from kg.query import run_query

    with pytest.raises(QueryError, match="not a valid xsd:integer"):
        run_query("# param: n xsd:integer\nSELECT ?n WHERE { }", store=mini, params={"n": "2012 }"})


@pytest.mark.parametrize("fmt", ["trig", "nquads", "turtle", "jsonld"])
def test_export_round_trips(mini, tmp_path, fmt):
    import rdflib

    out = tmp_path / f"x.{fmt}"
    res = kg("export", "--format", fmt, "--out", str(out), store=mini)
    assert res.returncode == 0, res.stderr
    if fmt in ("trig", "nquads"):
        ds = rdflib.Dataset()
        ds.parse(out, format=fmt)
        graphs = {str(g.identifier) for g in ds.graphs() if len(g)}
        assert "https://w3id.org/inspection-kg/id/graph/linker/barnsley" in graphs
        assert "https://w3id.org/inspection-kg/id/graph/document/aaaa000000000001" in graphs
    else:
        g = rdflib.Graph().parse(out, format="json-ld" if fmt == "jsonld" else fmt)
        ikg = rdflib.Namespace("https://w3id.org/inspection-kg/ontology#")
        assert len(set(g.subjects(rdflib.RDF.type, ikg.Authority))) == 2
        assert len(set(g.subjects(rdflib.RDF.type, ikg.StatusAssessment))) == 3


def lateral_groups(text: str) -> list[list[str]]:
    """The tokens inside each LATERAL { } of a query (comments, strings and IRIs kept as single tokens)."""
    from kg.query import _TOKEN, _matching_braces

    tokens = [(m.start(), m.end(), m.group(), m.lastgroup) for m in _TOKEN.finditer(text)
              if m.lastgroup != "comment" and not (m.lastgroup == "other" and m.group().isspace())]
    close = _matching_braces(tokens)
    return [[t[2] for t in tokens[i + 2:close[i + 1]]] for i, t in enumerate(tokens)
            if t[3] == "word" and t[2].upper() == "LATERAL"]


def group_end(tokens: list[str], start: int) -> int:
    """Index of the "}" that closes the "{" at ``start``."""
    depth = 0
    for i in range(start, len(tokens)):
        depth += {"{": 1, "}": -1}.get(tokens[i], 0)
        if depth == 0:
            return i
    return -1


def test_named_queries_use_lateral_only_where_a_join_gives_the_same_rows():
    """For another engine kg.query.for_other_engines turns LATERAL { patterns } into a join and
    LATERAL { OPTIONAL { ... } } into OPTIONAL { ... }: the same rows only in those two forms."""
    from kg.query import for_other_engines, named_queries

    seen = 0
    for q in named_queries():
        text = q.path.read_text()
        for inner in lateral_groups(text):
            seen += 1
            words = {w.upper() for w in inner}
            optional_alone = inner[0].upper() == "OPTIONAL" and inner[1] == "{" and group_end(inner, 1) == len(inner) - 1
            patterns_only = not words & {"OPTIONAL", "FILTER", "BIND", "MINUS", "UNION", "SELECT", "VALUES",
                                         "SERVICE", "GRAPH", "{"}
            assert optional_alone or patterns_only, f"{q.name}: LATERAL {{ {' '.join(inner)} }}"
        assert "LATERAL" not in re.sub(r"#[^\n]*", "", for_other_engines(text)).upper()
    assert seen >= 2
