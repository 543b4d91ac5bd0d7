"""One inspection, one value, one copy (issue 14): a mention resolves to the inspection the store holds,
single-valued facts have one value, and every triple is held by one named graph."""

from __future__ import annotations

import pytest
from conftest import corpus_or_skip

from kg import entities, iris
from kg.link import Inspection
from kg.pipeline import build
from kg.query import select

IKG = "https://w3id.org/inspection-kg/ontology#"


def held(start: str, end: str = "", kind: str = "ILACSShortInspection", doc: str = "report") -> Inspection:
    return Inspection(iris.inspection_iri("x", kind, start), start, end, kind, {doc})


def said(start: str, kind: str = "ILACSStandardInspection", basis: str = "inspection", vague: bool = False):
    return entities.Said("letter", "2025-03-14", "p", kind, start, basis, vague)


def test_ilacs_standard_and_short_are_one_inspection():
    assert iris.inspection_iri("x", "ILACSShortInspection", "2023-09-11") == \
        iris.inspection_iri("x", "ILACSStandardInspection", "2023-09")


@pytest.mark.parametrize("mention,found", [
    (said("2023-03"), True),  # the visit ran 27 February to 3 March: the letter names its second month
    (said("2023-02"), True),
    (said("2023-04"), False),
    (said("2023-05", basis="publication"), True),  # its report published in May
    (said("2023-07", basis="publication"), False),
    (said("2023-03", kind="FocusedVisit"), False),  # another kind named
    (said("2023-03", kind="SIFInspection", vague=True), True),  # "the last inspection": a guess of kind by date
])
def test_a_mention_is_of_the_held_inspection_whose_dates_take_in_its_month(mention, found):
    report = held("2023-02-27", "2023-03-03")
    assert (entities.resolve(mention, {report.iri: report}) is report) is found


def test_a_vague_mention_is_of_the_latest_full_inspection_of_its_month():
    visit = held("2023-03-01", kind="FocusedVisit", doc="visit letter")
    full = held("2023-02-27", "2023-03-03")
    assert entities.resolve(said("2023-03", vague=True), {h.iri: h for h in (visit, full)}) is full


def test_the_seeds_hold_no_triple_twice_so_a_count_over_the_union_is_a_count_of_facts(seed_store):
    """For every predicate, the triples the union gives equal the distinct triples: none is in two graphs.
    Counted graph by graph, so the check holds whether the union repeats a triple per graph (Oxigraph 0.5)
    or not."""
    per_graph = "SELECT ?p (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?p"
    distinct = "SELECT ?p (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } } GROUP BY ?p"
    union = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p"
    counts = [{r["p"]: r["n"] for r in select(q, store=seed_store)} for q in (per_graph, distinct, union)]
    assert counts[0] == counts[1] == counts[2]
    assert len(counts[0]) > 50
    label = "SELECT ?l WHERE { <https://w3id.org/inspection-kg/id/authority/barnsley> rdfs:label ?l }"
    assert [r["l"] for r in select(label, store=seed_store)] == ["Barnsley"]


def test_no_inspection_of_the_seeds_has_two_starts_or_kinds(seed_store):
    q = f"""SELECT ?i WHERE {{ ?i <{IKG}startDate> ?s ; <{IKG}inspectionKind> ?k }} GROUP BY ?i
            HAVING (COUNT(DISTINCT ?s) > 1 || COUNT(DISTINCT ?k) > 1)"""
    assert select(q, store=seed_store) == []


def is_inspection(store, iri: str) -> bool:
    return bool(select(f"SELECT ?k WHERE {{ <{iri}> <{IKG}inspectionKind> ?k }}", store=store))


def corpus_pdfs(folder: str, *names: str):
    base = corpus_or_skip() / "pdf" / folder
    return [base / n for n in names]


def test_a_later_letter_mentioning_a_built_report_gives_one_inspection(tmp_path):
    """Bexley's short ILACS inspection of February 2023: its report, and the 2025 focused visit's letter
    that recalls it (as a standard inspection, by its month), meet on one node with one start and one kind."""
    report, letter = corpus_pdfs("80488_bexley", "childrens-services-inspection---24-march-2023.pdf",
                                 "childrens-services-focused-visit---14-march-2025.pdf")
    store = tmp_path / "store"
    assert not build([report, letter], store).failed
    q = f"""SELECT ?i ?start ?kind ?role ?file WHERE {{
        ?i <{IKG}inspectedAuthority> <https://w3id.org/inspection-kg/id/authority/bexley> ;
           <{IKG}startDate> ?start ; <{IKG}inspectionKind> ?kind .
        {{ ?i <{IKG}describedIn> ?d BIND("described" AS ?role) }} UNION {{ ?i <{IKG}mentionedIn> ?d BIND("mentioned" AS ?role) }}
        ?d <{IKG}sourceFile> ?file FILTER(STRSTARTS(STR(?start), "2023")) }}"""
    rows = select(q, store=store)
    assert {r["i"].rsplit("/inspection/", 1)[1] for r in rows} == {"bexley/ilacs/2023-02"}
    assert len({r["start"] for r in rows}) == 1 and len(rows[0]["start"]) == 10
    assert {r["kind"] for r in rows} == {IKG + "ILACSShortInspection"}
    assert {(r["role"], r["file"]) for r in rows} == {("described", report.name), ("mentioned", letter.name)}


def test_an_ilacs_reports_last_inspection_is_no_area_send_inspection(tmp_path):
    """Haringey's 2023 report says private fostering was "noted at the last inspection": that is its last
    children's services inspection, not the area SEND inspection of July 2021 its 2024 SEND report recalls."""
    docs = corpus_pdfs("80498_haringey", "childrens-services-inspection---11-april-2023.pdf",
                       "area-send-full-inspection---03-april-2024.pdf")
    store = tmp_path / "store"
    assert not build(docs, store).failed
    send = "https://w3id.org/inspection-kg/id/inspection/haringey/area-send/2021-07"
    assert is_inspection(store, send)
    asks = f"""SELECT ?r WHERE {{ ?i <{IKG}inspectionKind> <{IKG}AreaSENDInspection> ; <{IKG}hasRecommendation> ?r .
        ?r <{IKG}reconstructed> true }}"""
    assert select(asks, store=store) == []


def test_a_mention_record_lives_in_its_documents_graph_and_the_entity_in_its_authoritys(seed_store):
    q = f"""SELECT ?g WHERE {{ GRAPH ?g {{ ?b a <{IKG}Board> ; <http://www.w3.org/2000/01/rdf-schema#label>
            "Barnsley Safeguarding Children Board" }} }}"""
    assert [r["g"] for r in select(q, store=seed_store)] == [entities.graph(iris.authority_iri("Barnsley"))]
    m = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?m <{IKG}mentionOf> ?b }} }}"
    assert all("/graph/document/" in r["g"] for r in select(m, store=seed_store))


def test_an_update_rebuilds_the_entities_of_its_council_as_a_fresh_build(tmp_path):
    """An entity graph is a function of its council's documents: dropping the letter drops the inspection
    only it mentions."""
    from conftest import EXAMPLES

    docs = tmp_path / "docs"
    docs.mkdir()
    for p in sorted(EXAMPLES.glob("*.txt")):
        (docs / p.name).write_bytes(p.read_bytes())
    store = tmp_path / "store"
    build([docs], store)
    letter = iris.inspection_iri("barnsley", "ILACSStandardInspection", "2023-09")
    assert is_inspection(store, letter)
    (docs / "002_f56597b9e2c30ff6.txt").write_text("An unrelated note about Barnsley Council.\n", encoding="utf-8")
    build([docs], store)
    assert not is_inspection(store, letter)
