"""Every named query: a well-formed header, ORDER BY, and its expected rows (the multiset, both sides
printed on failure) on tests/data/mini.trig; then real rows on the seed documents."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from test_query import build_mini

from kg.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "queries"
R = "https://w3id.org/inspection-kg/id/inspection/barnsley/"
REC1 = R + "safeguarding-lac/2012-06/recommendation/1"
REC3 = R + "sif/2014-06/recommendation/3"
REC_MV = R + "monitoring-visit/2016-04/recommendation/h00000000000a"

# name -> (params, columns compared, expected rows as tuples of those columns)
EXPECTED = {
    "open-recommendations": ({"authority": "barnsley"}, ("start", "number", "status", "overdue"), [
        ("2012-06-11", "1", "Open", "true"), ("2014-06-02", "3", "In progress", "false"),
        ("2016-04-12", None, "Unknown", "false")]),
    "recommendation-history": ({"recommendation": REC1}, ("date", "event", "status", "evidence", "document"), [
        ("2012-06-11", "made", "", "", "barnsley-2012.txt"),
        ("2013-05-01", "assessed", "Closed", "Self-report", "barnsley-cabinet-2013.txt"),
        ("2014-06-02", "carried forward by", "", "", ""),
        ("2014-07-30", "assessed", "Open", "Inspectorate finding", "barnsley-2014.txt")]),
    "judgements-over-time": ({"authority": "Barnsley"}, ("start", "aspect", "grade", "rank"), [
        ("2014-06-02", "Children who need help and protection", "Requires improvement", "3"),
        ("2012-06-11", "Overall effectiveness", "Inadequate", "4"),
        ("2014-06-02", "Overall effectiveness", "Requires improvement", "3")]),
    "carried-forward-more-than-once": ({}, ("recommendation", "times", "latest"), [(REC1, "2", REC3)]),
    "overdue-recommendations": ({}, ("authorityName", "due", "recommendation"), [
        ("Barnsley", "2012-10-20", REC1)]),
    "recommendations-by-addressee": ({"authority": "barnsley"}, ("addressee", "role", "recommendations",
                                                                 "notClosedCount"), [
        ("Barnsley", "authority", "2", "2"), ("Barnsley Safeguarding Children Board", "board", "1", "1")]),
    "boards-and-partners": ({"authority": "barnsley"}, ("role", "name", "kind", "otherNames"), [
        ("board", "Barnsley Safeguarding Children Board", "Local Safeguarding Children Board", "BSCB"),
        ("partner", "South Yorkshire Police", "Police", None)]),
    "inspections-mentioned-not-held": ({}, ("start", "kind", "mentionedIn"), [
        ("2013-02", "Monitoring visit", "barnsley-2014.txt")]),
    "recurring-themes": ({}, ("theme", "authorities", "items", "names"), [
        ("Records", "1", "3", "Barnsley"), ("Health", "1", "1", "Barnet")]),
    "unconfirmed-self-reports": ({}, ("date", "status", "paragraph", "recommendation"), [
        ("2015-03-01", "In progress", "9", REC3)]),
    # *-violation queries must return no rows on a sound graph (tests/test_named_queries_seeds.py shows
    # that they do find what they guard against).
    "links-across-authorities-violation": ({}, ("later", "earlier"), []),
    "triples-in-several-graphs-violation": ({}, ("subject", "predicate", "object"), []),
    # mini.trig closes a Barnet recommendation with no assessment at all: exactly what this one catches.
    "closed-without-evidence-violation": ({}, ("recommendation",), [
        ("https://w3id.org/inspection-kg/id/inspection/barnet/safeguarding-lac/2013-02/recommendation/h0123456789ab",)]),
}


@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> Path:
    return build_mini(tmp_path_factory.mktemp("mini-named") / "store")


def test_every_named_query_has_an_expectation():
    from kg.query import named_queries

    names = [q.name for q in named_queries()]
    assert len(names) == 13
    assert sorted(names) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_header_and_order_by(name):
    from kg.query import parse_header

    text = (QUERIES / f"{name}.rq").read_text()
    info = parse_header(text, name)
    assert info.title and info.description and info.returns
    assert "\n" not in info.description
    assert re.search(r"^ORDER BY ", text, re.MULTILINE)
    declared = {p.name for p in info.params}
    assert set(EXPECTED[name][0]) <= declared


def compare(name: str, rows: list[dict[str, str]], columns, expected) -> None:
    got = Counter(tuple(r.get(c) for c in columns) for r in rows)
    want = Counter(expected)
    assert got == want, f"{name}\n  columns: {columns}\n  got:      {sorted(got.elements(), key=str)}" \
                        f"\n  expected: {sorted(want.elements(), key=str)}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rows_on_mini(mini, name):
    from kg.query import named_query, select

    params, columns, expected = EXPECTED[name]
    compare(name, select(named_query(name), store=mini, params=params), columns, expected)


def test_authority_param_matches_slug_label_or_iri_case_insensitively(mini):
    from kg.query import named_query, select

    text = named_query("judgements-over-time")
    by = [select(text, store=mini, params={"authority": a})
          for a in ("barnsley", "BARNSLEY", "https://w3id.org/inspection-kg/id/authority/barnsley")]
    assert by[0] == by[1] == by[2] and len(by[0]) == 3
    assert len(select(text, store=mini)) == 4  # no authority: every authority
    with pytest.raises(InputError, match="no council 'barns' in the store; nearest: Barnsley"):
        select(text, store=mini, params={"authority": "barns"})


# ---------------------------------------------------------------- the seed documents, end to end

def test_seed_judgements_over_time_for_barnsley(seed_store):
    from kg.query import named_query, select

    rows = select(named_query("judgements-over-time"), store=seed_store, params={"authority": "barnsley"})
    sif = [r for r in rows if r["start"].startswith("2014") and r["grade"] == "Requires improvement"]
    assert sif and all(r["rank"] == "3" for r in sif), rows
    mentioned_2012 = [r for r in rows if r["start"].startswith("2012") and r["grade"] == "Inadequate"]
    assert mentioned_2012 and all(r["rank"] == "4" for r in mentioned_2012), rows


def test_seed_every_named_query_runs(seed_store):
    from kg.query import named_queries, run_query

    for q in named_queries():
        result = run_query(q.path.read_text(), store=seed_store, where=q.name)
        assert result.kind == "select"
