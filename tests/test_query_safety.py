"""--param values are bound as RDF terms: whatever their text, they cannot change a query's structure.

Each hostile value must come back exactly as the literal (or IRI) it binds as, and the store must be
unchanged afterwards. The same bound text is what a remote endpoint receives, so it is checked too.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_query import build_mini

ROOT = Path(__file__).resolve().parents[1]
KG = [sys.executable, "-m", "kg.cli.main"]
ECHO = "SELECT ?v (ISIRI(?v) AS ?iri) WHERE { BIND(?x AS ?v) }"
HOSTILE = [
    'say "hello"',
    "it's",
    "'''", '"""',
    "} ; DROP ALL ; {",
    '"} ; DROP ALL ; INSERT DATA { <http://e/x> <http://e/y> "z" } ; SELECT * WHERE {"',
    "> } UNION { ?s ?p ?o",
    "line one\nline two\r\n} #",
    "back\\slash\\",
    "barnsley\" || true || \"",
    "http://example.org/a b>} ; DROP ALL",
    "https://w3id.org/inspection-kg/id/authority/barnsley> } UNION { ?a ?b ?c",
    "",
]


@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> Path:
    return build_mini(tmp_path_factory.mktemp("safety") / "store")


def quads(store: Path) -> set:
    from kg import store as kgstore

    return set(kgstore.open_read(store))


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_value_binds_as_a_plain_literal(mini, value):
    from kg.query import run_query

    before = quads(mini)
    rows = run_query(ECHO, store=mini, params={"x": value}).plain_rows()
    assert rows == [{"v": value, "iri": "false"}]
    assert quads(mini) == before


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_authority_matches_nothing(mini, value):
    """In a real named query the value is compared, never executed: no council has such a name, which is
    said in one line naming the value (exit 1), with no rows and the store unchanged."""
    before = quads(mini)
    res = subprocess.run(check=False, args=[*KG, "query", "--named", "open-recommendations", "--param", f"authority={value}",
                          "--format", "csv", "--store", str(mini)], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 1, res.stderr
    assert res.stdout == "" and res.stderr.startswith(f"kg: no council {value!r} in the store")
    assert len(res.stderr.splitlines()) == 1
    assert quads(mini) == before


def test_valid_iri_binds_as_iri(mini):
    from kg.query import run_query

    iri = "https://w3id.org/inspection-kg/id/authority/barnsley"
    assert run_query(ECHO, store=mini, params={"x": iri}).plain_rows() == [{"v": iri, "iri": "true"}]


def test_iri_typed_param_refuses_an_invalid_iri(mini):
    from kg.errors import QueryError
    from kg.query import named_query, run_query

    with pytest.raises(QueryError, match="not a valid IRI"):
        run_query(named_query("recommendation-history"), store=mini,
                  params={"recommendation": "http://example.org/a b> } ; DROP ALL ; {"})


def test_bound_text_is_one_values_row_that_parses_to_the_same_literal():
    """What a remote endpoint receives: the whole value inside one escaped term of one VALUES row."""
    import pyoxigraph as ox

    from kg.query import bind, bindings

    for value in HOSTILE:
        text = bind(ECHO, bindings(ECHO, {"x": value}))
        got = list(ox.Store().query(text))
        assert [s["v"].value for s in got] == [value]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_round_trips(value):
    import pyoxigraph as ox

    from kg.query import run_query

    if value.lower().startswith(("http://", "https://")):
        return  # may be a valid IRI: covered above
    rows = run_query(ECHO, store=ox.Store(), params={"x": value}).plain_rows()
    assert rows == [{"v": value, "iri": "false"}]


# ---------------------------------------------------------------- SERVICE and updates on the embedded store

class Listener:
    """A TCP listener on a free loopback port that counts the connections made to it."""

    def __init__(self):
        import socket
        import threading

        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self):
        self.sock.close()


@pytest.fixture
def listener():
    sock = Listener()
    yield sock
    sock.close()


def federated_queries(port: int) -> list[str]:
    """SERVICE as a client could write it: plain, SILENT, spelled with a \\u escape, beside a decoy comment
    and string, inside Oxigraph's LATERAL, and beside SPARQL 1.2's isTRIPLE (which rdflib's parser does not
    read, so the token scan decides)."""
    url = f"<http://127.0.0.1:{port}/sparql>"
    return [
        f"SELECT * WHERE {{ SERVICE {url} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT {url} {{ ?s ?p ?o }} }}",
        f"ASK {{ \\u0053ERVICE {url} {{ ?s ?p ?o }} }}",
        f"# no SERVICE here\nCONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p \"}}\" . SERVICE {url} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?a ?b ?c LATERAL {{ SERVICE {url} {{ ?a ?p ?o }} }} }}",
        f"SELECT * WHERE {{ ?a ?b ?c FILTER(!isTRIPLE(?c)) SERVICE {url} {{ ?a ?p ?o }} }}",
    ]


def test_kg_query_never_follows_service(mini, listener):
    for text in federated_queries(listener.port):
        res = subprocess.run([*KG, "query", "-e", text, "--store", str(mini)], check=False,
                             capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert res.returncode == 1, (text, res.stdout, res.stderr)
        assert res.stderr.strip().splitlines() == [
            "kg: query: SERVICE is refused: kg never fetches from other endpoints (federated queries are off)"]
    assert listener.connections == 0


@pytest.mark.parametrize("text", [
    'SELECT ?x WHERE { BIND("SERVICE <http://127.0.0.1:9/> {}" AS ?x) } # SERVICE <http://127.0.0.1:9/>',
    "SELECT ?service WHERE { BIND(<http://e/service> AS ?service) }",
])
def test_the_word_service_in_data_still_runs(mini, text):
    from kg.query import run_query

    assert len(run_query(text, store=mini).rows) == 1


@pytest.mark.parametrize("text", ["DROP ALL", 'INSERT DATA { <http://e/a> <http://e/b> "c" }',
                                  "PREFIX e: <http://e/> DELETE WHERE { ?s e:p ?o }", "CLEAR DEFAULT ; DROP ALL"])
def test_an_update_is_named_as_one(mini, text):
    before = quads(mini)
    res = subprocess.run([*KG, "query", "-e", text, "--store", str(mini)], check=False,
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert res.returncode == 1
    assert res.stderr.strip().splitlines() == [
        "kg: query: kg query only reads: the store is read-only from `kg query` (use `kg build` to change it)"]
    assert quads(mini) == before


def test_a_query_syntax_error_keeps_its_position(mini):
    from kg.errors import QueryError
    from kg.query import run_query

    with pytest.raises(QueryError, match=r"^q\.rq:1:\d+: "):
        run_query("SELECT * WHERE { ?s ?p }", store=mini, where="q.rq")
