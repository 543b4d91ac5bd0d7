"""Parameters reach subqueries: the same escaped VALUES row opens every subquery that names the parameter,
and an ``authority`` parameter is resolved to the council's IRI (by slug, label or IRI, any case)."""

from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.query import bind, named_query, select, subquery_groups, term_for

Q = """SELECT ?x WHERE {
  { SELECT DISTINCT ?x WHERE { ?x <http://example.org/p> ?authority } }
  { SELECT DISTINCT ?y WHERE { ?y <http://example.org/q> "{ SELECT ?authority }" } }
  FILTER(?x != <http://example.org/{SELECT}>)  # { SELECT ?authority } in a comment
}"""


def test_subquery_groups_finds_each_subquery_and_its_variables():
    groups = subquery_groups(Q)
    assert len(groups) == 2
    assert "authority" in groups[0][1] and "authority" not in groups[1][1]


def test_bound_row_opens_outer_where_and_each_subquery_that_names_it():
    text = bind(Q, {"authority": term_for('x" } ; DROP ALL ; {')})
    assert text.count("VALUES") == 2  # outer WHERE and the first subquery, not the second
    first = text.index("SELECT DISTINCT ?x WHERE {")
    assert "VALUES" in text[first:text.index("}", first + 30)]
    assert 'DROP ALL' in text and '\\"' in text  # the value is an escaped literal, not query text


def test_authority_parameter_any_spelling_gives_the_same_rows(seed_store):
    q = named_query("open-recommendations")
    forms = ["barnet", "Barnet", "BARNET", "https://w3id.org/inspection-kg/id/authority/barnet"]
    results = [select(q, store=seed_store, params={"authority": f}) for f in forms]
    assert len(results[0]) == 15
    assert all(r == results[0] for r in results)
    with pytest.raises(InputError, match="no council 'nowhere' in the store"):  # not an empty answer
        select(q, store=seed_store, params={"authority": "nowhere"})
