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
    """In a real named query the value is compared, never executed: no authority has such a name."""
    before = quads(mini)
    res = subprocess.run(check=False, args=[*KG, "query", "--named", "open-recommendations", "--param", f"authority={value}",
                          "--format", "csv", "--store", str(mini)], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines()[1:] == []
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
