"""The linker: reconstruction, carry-forward, status assessments; per authority, and the same on rebuild.

Inline tests build tiny documents through kg.model and kg.emit (the real RDF shape); the acceptance
tests read the store built from the seed documents.
"""

from __future__ import annotations

import pytest

from kg import iris
from kg.model import Extraction, InspectionFacts, Passage, Recommendation, SourceDocument

IKG = "https://w3id.org/inspection-kg/ontology#"
PREFIX = "PREFIX ikg: <https://w3id.org/inspection-kg/ontology#>\nPREFIX prov: <http://www.w3.org/ns/prov#>\n"


def document(name: str, council: str, kind: str, published: str, paragraphs: list[str],
             inspections=()) -> Extraction:
    passages = [Passage(f"p{i + 1}", f"{i + 1}. {t}", number=str(i + 1)) for i, t in enumerate(paragraphs)]
    doc = SourceDocument(path=None, source_file=name, sha256=iris.short_hash(name + council, 64), fmt="txt",
                         text="\n".join(p.text for p in passages), passages=passages)
    ex = Extraction(doc, kind, council, authority_passage=passages[0], published=published)
    for kind_, role, start, recs in inspections:
        f = InspectionFacts(kind_, role, start, passages[0], end=None)
        f.recommendations = [Recommendation(passages[i].text.split(". ", 1)[1], passages[i], number=str(i + 1))
                             for i in recs]
        ex.inspections.append(f)
    return ex


def load(store, ex: Extraction) -> None:
    import pyoxigraph as ox

    from kg.emit import Emitter

    e = Emitter(ex)
    g = e.run()
    for p in ex.document.passages:  # the linker reads every passage of a document
        e.passage(p)
    store.load(g.serialize(format="nt").encode(), format=ox.RdfFormat.N_TRIPLES,
               to_graph=ox.NamedNode(iris.graph_iri("document", ex.document.sha256[:16])))


def council_pair(council: str) -> list[Extraction]:
    first = document(f"{council}-2014.txt", council, "InspectionReport", "2014-08-08", [
        "The council's services require improvement.",
        "The response to access to records requests by care leavers needs to be improved.",
        "Case conference minutes should be distributed within ten days.",
    ], [("SIFInspection", "described", "2014-06-02", [1, 2])])
    later = document(f"{council}-2017.txt", council, "InspectionLetter", "2017-03-01", [
        "This letter reports a monitoring visit.",
        ("Care leavers can now read their case records, although there remain delays in providing access "
        "to records for some care leavers."),
        ("A further weakness that was reported in the last inspection and is not yet resolved is the "
        "shortage of independent visitors for children in care."),
    ], [("MonitoringVisit", "described", "2017-02-01", []), ("SIFInspection", "mentioned", "2014-06", [])])
    return [first, later]


@pytest.fixture()
def two_councils():
    import pyoxigraph as ox

    store = ox.Store()
    for ex in council_pair("Barnsley Metropolitan Borough Council") + council_pair("London Borough of Barnet"):
        load(store, ex)
    return store


def rows(store, q):
    return [{k: (s[k].value if s[k] is not None else None) for k in ("s", "o")}
            for s in store.query(PREFIX + q, use_default_graph_as_union=True)]


def linker_nquads(store, slug):
    import pyoxigraph as ox

    g = ox.NamedNode(iris.graph_iri("linker", slug))
    return sorted(str(q) for q in store.quads_for_pattern(None, None, None, g))


def test_later_sentence_assesses_earlier_ask_of_same_council(two_councils):
    from kg.link import link_authorities

    link_authorities(two_councils, [iris.authority_iri("Barnsley"), iris.authority_iri("Barnet")])
    found = rows(two_councils, "SELECT ?s ?o WHERE { ?s ikg:hasAssessment ?a . ?a ikg:status ?o }")
    recs = {r["s"] for r in found}
    assert any(r.endswith("barnsley/sif/2014-06/recommendation/2") for r in recs)
    assert {r["o"] for r in found if r["s"].endswith("/recommendation/2")} == {IKG + "Open"}


def test_no_link_or_assessment_crosses_councils(two_councils):
    from kg.link import link_authorities

    link_authorities(two_councils, [iris.authority_iri("Barnsley"), iris.authority_iri("Barnet")])
    q = """SELECT ?s ?o WHERE { { ?s ikg:hasAssessment ?x . ?x ikg:assessedIn ?o }
           UNION { ?s ikg:carriesForward ?o } }"""
    pairs = rows(two_councils, q)
    assert pairs
    for r in pairs:
        if "/recommendation/" in r["o"]:
            assert r["s"].split("/inspection/")[1].split("/")[0] == r["o"].split("/inspection/")[1].split("/")[0]
        else:  # the assessing document is about the recommendation's own council
            council = r["s"].split("/inspection/")[1].split("/")[0]
            about = rows(two_councils, f"SELECT ?s ?o WHERE {{ <{r['o']}> ikg:aboutAuthority ?o }}")
            assert about[0]["o"].endswith("/" + council)


def test_reconstructs_ask_of_inspection_whose_report_is_not_held(two_councils):
    """The 2017 letter says the 2014 inspection reported a problem; here the 2014 report is held, so the
    problem is matched to its asks, and only an unmatched one is rebuilt."""
    from kg.link import link_authorities

    link_authorities(two_councils, [iris.authority_iri("Barnsley")])
    rebuilt = rows(two_councils, "SELECT ?s ?o WHERE { ?s ikg:reconstructed true ; ikg:text ?o }")
    assert all("/barnsley/" in r["s"] for r in rebuilt)


def test_relinking_gives_identical_graph_and_touches_only_that_council(two_councils):
    from kg.link import link_authorities

    link_authorities(two_councils, [iris.authority_iri("Barnsley"), iris.authority_iri("Barnet")])
    first, barnet = linker_nquads(two_councils, "barnsley"), linker_nquads(two_councils, "barnet")
    assert first
    link_authorities(two_councils, [iris.authority_iri("Barnsley")])
    assert linker_nquads(two_councils, "barnsley") == first
    assert linker_nquads(two_councils, "barnet") == barnet


# ---------------------------------------------------------------- acceptance on the seed documents


def seed_select(store_path, q):
    from kg.query import select

    return select(PREFIX + q, store=store_path)


def test_barnsley_2012_access_to_records_not_closed(seed_store):
    from kg.status import find_status

    r = find_status(seed_store, authority="Barnsley", year=2012, about="access to records")
    assert r["closed"] is False and r["status"] == "open"
    paragraphs = {a["paragraph"] for a in r["assessments"] if a["date"].startswith("2014")}
    assert {"103", "123", "1"} <= paragraphs
    assert all(a["evidence"] == "inspectorate" for a in r["assessments"])
    assert any(x.endswith("/barnsley/sif/2014-06/recommendation/22") for x in r["carried_forward_by"])


def test_2024_focused_visit_is_progress_on_area_22(seed_store):
    from kg.status import find_status

    area22 = iris.recommendation_iri(iris.inspection_iri("barnsley", "SIFInspection", "2014-06"), "22", "")
    r = find_status(seed_store, iri=area22)
    later = [a for a in r["assessments"] if a["date"].startswith("2024")]
    assert later and all(a["status"] == "in-progress" for a in later)
    assert any("request to see their files" in a["quote"] for a in later)
    assert r["status"] == "in-progress" and r["closed"] is False


def test_every_barnet_2012_recommendation_unknown(seed_store):
    from kg.tracker import recommendations

    rows_ = recommendations(seed_store, authority="Barnet")
    assert len(rows_) >= 10
    assert {r["status"] for r in rows_} == {"unknown"}
    over = seed_select(seed_store, """SELECT ?r WHERE { ?r ikg:overdue true ; ikg:currentStatus ikg:Closed }""")
    assert over == []


def test_seed_links_stay_within_council(seed_store):
    q = """SELECT ?r ?d WHERE { ?r ikg:hasAssessment ?a . ?a ikg:assessedIn ?d . ?d ikg:aboutAuthority ?au .
           ?i ikg:hasRecommendation ?r ; ikg:inspectedAuthority ?au2 FILTER(?au != ?au2) }"""
    assert seed_select(seed_store, q) == []


def test_seed_rebuild_gives_identical_assessments(seed_store_copy):
    from kg import store as kgstore
    from kg.link import link_authorities

    q = "SELECT ?a ?s ?q WHERE { ?a ikg:status ?s ; ikg:quote ?q } ORDER BY ?a"
    before = seed_select(seed_store_copy, q)
    with kgstore.writing(seed_store_copy) as st:
        link_authorities(st, [iris.authority_iri("Barnsley"), iris.authority_iri("Barnet")])
    assert seed_select(seed_store_copy, q) == before and before
