"""Every named query's actual rows on the graph built from the five seed documents, and the *-violation
queries: none on the seeds, and each finds the fault it guards against when that fault is planted."""

from __future__ import annotations

import pytest

from kg import store as kgstore
from kg.query import named_queries, named_query, select

BARNSLEY_2012 = "https://w3id.org/inspection-kg/id/inspection/barnsley/safeguarding-lac/2012-06"
SIF_2014 = "https://w3id.org/inspection-kg/id/inspection/barnsley/sif/2014-06"
BARNSLEY = "https://w3id.org/inspection-kg/id/authority/barnsley"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def rows(store, name, **params):
    return select(named_query(name), store=store, params=params or None)


def test_no_named_query_repeats_a_row(seed_store):
    for q in named_queries():
        got = [tuple(sorted(r.items())) for r in select(q.path.read_text(), store=seed_store)]
        assert len(got) == len(set(got)), f"{q.name} repeats rows"


def test_violation_queries_return_nothing_on_the_seeds(seed_store):
    names = [q.name for q in named_queries() if q.name.endswith("-violation")]
    assert len(names) == 3
    for name in names:
        assert rows(seed_store, name) == [], name


def test_boards_and_partners_of_barnsley(seed_store):
    got = {(r["role"], r["name"]): r for r in rows(seed_store, "boards-and-partners", authority="barnsley")}
    lscb = got[("board", "Barnsley Safeguarding Children Board")]
    assert {"BSCB", "LSCB"} <= set(lscb["otherNames"].split(", "))
    assert ("board", "Barnsley Safeguarding Children Partnership") in got
    assert ("partner", "South Yorkshire Police") in got
    assert ("partner", "South Yorkshire Integrated Care Board") in got  # a health partner, not a board
    assert not any("Barnet" in name for _, name in got)


def test_inspections_mentioned_not_held(seed_store):
    got = {(r["authorityName"], r["start"]) for r in rows(seed_store, "inspections-mentioned-not-held")}
    assert got == {("Barnsley", "2012-06"), ("Barnsley", "2010-10"), ("Barnsley", "2023-09"),
                   ("Barnet", "2010-11")}


def test_judgements_over_time_compares_frameworks_by_rank(seed_store):
    got = rows(seed_store, "judgements-over-time", authority="barnsley")
    ranks = {(r["start"][:7], r["aspect"]): (r["grade"], r["rank"]) for r in got}
    assert ranks[("2012-06", "Safeguarding: Overall effectiveness")] == ("Inadequate", "4")
    assert ranks[("2014-06", "Overall effectiveness")] == ("Requires improvement", "3")
    assert ranks[("2023-09", "The experiences and progress of children in care")] == ("Good", "2")
    assert len(got) == 12


def test_open_recommendations_of_barnsley(seed_store):
    got = rows(seed_store, "open-recommendations", authority="barnsley")
    assert len(got) == 40  # 25 + 7 (the LSCB's) of 2014, 7 of the JTAI, 1 reconstructed of 2012; none closed
    by_number = {(r["start"][:7], r.get("number")): r["status"] for r in got}
    assert by_number[("2014-06", "22")] == "In progress"
    reconstructed = [r for r in got if r["start"] == "2012-06"]
    assert len(reconstructed) == 1 and reconstructed[0]["status"] == "Open"


def test_recommendation_history_of_the_2012_access_to_records_ask(seed_store):
    rec = rows(seed_store, "open-recommendations", authority="barnsley")
    iri = next(r["recommendation"] for r in rec if r["start"] == "2012-06")
    history = rows(seed_store, "recommendation-history", recommendation=iri)
    paragraphs = {r["paragraph"] for r in history if r["event"] == "assessed"}
    assert {"1", "103", "123"} <= paragraphs
    assert any(r["event"] == "carried forward by" and r["related"].endswith("/recommendation/22") for r in history)
    assert all(r["evidence"] in ("", "Inspectorate finding") for r in history)


def test_recommendations_by_addressee(seed_store):
    got = {(r["authorityName"], r["addressee"]): int(r["recommendations"])
           for r in rows(seed_store, "recommendations-by-addressee")}
    assert got[("Barnsley", "Barnsley Safeguarding Children Board")] == 7
    assert got[("Barnet", "NHS Barnet")] == 3
    assert sum(n for (a, _), n in got.items() if a == "Barnet") == 15


def test_recurring_themes_span_both_councils(seed_store):
    got = {r["theme"]: r for r in rows(seed_store, "recurring-themes")}
    assert got["Workforce"]["authorities"] == "2"
    assert all(int(r["authorities"]) <= 2 for r in got.values())


@pytest.mark.parametrize("name", ["carried-forward-more-than-once", "overdue-recommendations",
                                  "unconfirmed-self-reports"])
def test_queries_with_no_seed_rows_yet(seed_store, name):
    """The seeds hold one carry-forward, no passed due date with later evidence, no self-report on a held
    recommendation; tests/test_named_queries.py shows these queries' rows on a graph that has them."""
    assert rows(seed_store, name) == []


def test_violation_queries_find_planted_faults(seed_store_copy):
    import pyoxigraph as ox

    barnet = "https://w3id.org/inspection-kg/id/inspection/barnet/safeguarding-lac/2012-01/recommendation/20-1"
    ikg = "https://w3id.org/inspection-kg/ontology#"
    g = ox.NamedNode("https://w3id.org/inspection-kg/id/graph/planted")
    with kgstore.writing(seed_store_copy) as st:
        st.add(ox.Quad(ox.NamedNode(barnet), ox.NamedNode(ikg + "carriesForward"),
                       ox.NamedNode(SIF_2014 + "/recommendation/22"), g))
        st.add(ox.Quad(ox.NamedNode(barnet), ox.NamedNode(ikg + "currentStatus"), ox.NamedNode(ikg + "Closed"), g))
        st.add(ox.Quad(ox.NamedNode(BARNSLEY), ox.NamedNode(RDFS_LABEL), ox.Literal("Barnsley"), g))
        del st
    assert [r["later"] for r in rows(seed_store_copy, "links-across-authorities-violation")] == [barnet]
    assert [r["recommendation"] for r in rows(seed_store_copy, "closed-without-evidence-violation")] == [barnet]
    # the Barnsley label said again in another graph: the union would give it twice
    assert [(r["subject"], r["graphs"]) for r in rows(seed_store_copy, "triples-in-several-graphs-violation")] == \
        [(BARNSLEY, "2")]


def test_links_across_authorities_finds_an_assessment_from_another_council(seed_store_copy):
    """A Barnet recommendation given an assessment quoted from a Barnsley document."""
    import pyoxigraph as ox

    barnet = "https://w3id.org/inspection-kg/id/inspection/barnet/safeguarding-lac/2012-01/recommendation/20-1"
    ikg = "https://w3id.org/inspection-kg/ontology#"
    q = f"""PREFIX ikg: <{ikg}> SELECT ?a ?doc WHERE {{
        <{BARNSLEY_2012}> ikg:hasRecommendation ?r . ?r ikg:hasAssessment ?a . ?a ikg:assessedIn ?doc }}"""
    assessment, doc = next(iter(select(q, store=seed_store_copy))).values()
    g = ox.NamedNode("https://w3id.org/inspection-kg/id/graph/planted")
    with kgstore.writing(seed_store_copy) as st:
        st.add(ox.Quad(ox.NamedNode(barnet), ox.NamedNode(ikg + "hasAssessment"), ox.NamedNode(assessment), g))
        del st
    got = rows(seed_store_copy, "links-across-authorities-violation")
    assert [(r["later"], r["earlier"], r["laterAuthority"].rsplit("/", 1)[1]) for r in got] == \
        [(assessment, barnet, "barnsley")]
    assert doc.startswith("https://w3id.org/inspection-kg/id/document/")
