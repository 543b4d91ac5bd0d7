"""The named queries that report or decide on a recommendation's status put the analyst's verdict in force
first (issue 13 item 7), on tests/data/mini.trig with verdicts recorded as `kg verdict` records them."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_query import build_mini

from kg import store as kgstore
from kg import verdicts
from kg.query import named_query, select

ID = "https://w3id.org/inspection-kg/id/"
REC1 = ID + "inspection/barnsley/safeguarding-lac/2012-06/recommendation/1"  # Open, overdue, for Barnsley
REC3 = ID + "inspection/barnsley/sif/2014-06/recommendation/3"  # In progress, for the board
BARNET = ID + "inspection/barnet/safeguarding-lac/2013-02/recommendation/h0123456789ab"  # Closed, due 2013-09-15
SELF_REPORT = REC3 + "/assessment/a2"
INSPECTORATE = REC1 + "/assessment/a1"


@pytest.fixture()
def mini(tmp_path) -> Path:
    return build_mini(tmp_path / "store")


def judge(store: Path, *said: tuple) -> None:
    with kgstore.writing(store) as st:
        verdicts.record(st, [verdicts.Verdict(target, action, "A. Analyst", note, status, "2026-12-01T10:00:00")
                             for target, action, status, note in said])
        del st


def rows(store: Path, name: str, **params) -> list[dict]:
    return select(named_query(name), store=store, params=params or None)


def later_barnet_document(store: Path) -> None:
    """A Barnet document of 2014: Barnet's ask, due 2013-09-15, is then past its due date."""
    import pyoxigraph as ox

    ikg = "https://w3id.org/inspection-kg/ontology#"
    doc, g = ox.NamedNode(ID + "document/ffff000000000006"), ox.NamedNode(ID + "graph/document/ffff000000000006")
    with kgstore.writing(store) as st:
        st.add(ox.Quad(doc, ox.NamedNode(ikg + "aboutAuthority"), ox.NamedNode(ID + "authority/barnet"), g))
        st.add(ox.Quad(doc, ox.NamedNode(ikg + "publicationDate"),
                       ox.Literal("2014-01-10", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")), g))
        del st


def test_overdue_puts_the_verdict_first(mini):
    later_barnet_document(mini)
    assert [(r["recommendation"], r["statusBy"]) for r in rows(mini, "overdue-recommendations")] == [(REC1, "machine")]
    # closed by an analyst: not overdue; closed by the machine past its due date, but open by an analyst: overdue
    judge(mini, (REC1, "set", "closed", "met, read in the 2014 report"), (BARNET, "set", "open", "not met"))
    got = rows(mini, "overdue-recommendations")
    assert [(r["recommendation"], r["status"], r["statusBy"], r["due"]) for r in got] == [
        (BARNET, "Open", "analyst", "2013-09-15")]


def test_recommendations_by_addressee_counts_by_the_verdict(mini):
    def counts():
        return {r["addressee"]: (r["recommendations"], r["notClosedCount"], r["byAnalystCount"])
                for r in rows(mini, "recommendations-by-addressee", authority="barnsley")}

    assert counts() == {"Barnsley": ("2", "2", "0"), "Barnsley Safeguarding Children Board": ("1", "1", "0")}
    judge(mini, (REC1, "set", "closed", "met"), (REC3, "confirm", "", "agreed"))
    assert counts() == {"Barnsley": ("2", "1", "1"), "Barnsley Safeguarding Children Board": ("1", "1", "1")}


def test_recommendation_history_shows_the_verdicts_in_force(mini):
    judge(mini, (REC1, "set", "closed", "met"), (INSPECTORATE, "reject", "", "about another service"))
    got = rows(mini, "recommendation-history", recommendation=REC1)
    said = [(r["date"], r["status"], r["evidence"], r["quote"], r.get("related", ""), r["verdict"], r["by"])
            for r in got if r["event"] == "verdict"]
    assert sorted(said) == [("2026-12-01", "", "Analyst's verdict", "about another service", INSPECTORATE, "reject",
                             "A. Analyst"),
                            ("2026-12-01", "Closed", "Analyst's verdict", "met", "", "set", "A. Analyst")]
    assessed = {r["date"]: r["verdict"] for r in got if r["event"] == "assessed"}
    assert assessed == {"2013-05-01": "", "2014-07-30": "reject"}


def test_unconfirmed_self_reports_say_what_an_analyst_made_of_the_claim(mini):
    assert [r["verdict"] for r in rows(mini, "unconfirmed-self-reports")] == [""]
    judge(mini, (SELF_REPORT, "reject", "", "the council's claim is not borne out"))
    assert [(r["recommendation"], r["verdict"]) for r in rows(mini, "unconfirmed-self-reports")] == [(REC3, "reject")]


def rename(store: Path, rec: str, was: str, now: str) -> None:
    """What a rebuild of the changed document quoted does to a piece of evidence: the same words, a new IRI."""
    import pyoxigraph as ox

    with kgstore.writing(store) as st:
        for q in list(st.quads_for_pattern(ox.NamedNode(was), None, None)):
            st.remove(q)
            st.add(ox.Quad(ox.NamedNode(now), q.predicate, q.object, q.graph_name))
        for q in list(st.quads_for_pattern(ox.NamedNode(rec), None, ox.NamedNode(was))):
            st.remove(q)
            st.add(ox.Quad(q.subject, q.predicate, ox.NamedNode(now), q.graph_name))
        del st
