"""Boards, partners and inspectorates, resolved within one authority."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import extract, organisations
from kg.model import InspectionFacts, Recommendation
from kg.read import read_document

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "documents"
BARNSLEY = "Barnsley Metropolitan Borough Council"


def orgs(prefix: str, authority: str, inspections=()):
    doc = read_document(next(SEEDS.glob(f"{prefix}_*.txt")))
    return doc, {o.name: o for o in organisations.find_organisations(doc, authority, list(inspections))}


def test_the_2014_report_and_minutes_name_one_barnsley_board():
    _, report = orgs("000", BARNSLEY)
    _, minutes = orgs("003", BARNSLEY)
    name = "Barnsley Safeguarding Children Board"
    assert report[name].category == minutes[name].category == "LSCB"
    assert "BSCB" in report[name].aliases and "BSCB" in minutes[name].aliases
    assert "LSCB" in report[name].aliases
    assert minutes["Barnsley Improvement Board"].role == "board"
    assert all(o.passage.text for o in minutes.values())


def test_barnets_bscb_is_barnets_board():
    _, got = orgs("004", "London Borough of Barnet")
    assert got["Barnet Safeguarding Children Board"].category == "LSCB"
    assert "BSCB" in got["Barnet Safeguarding Children Board"].aliases
    assert got["NHS Barnet"].category == "HealthCommissioner"
    assert got["Barnet and Chase Farm Hospital NHS Trust"].category == "HealthProvider"


def test_partners_of_the_jtai_report_and_the_icb_is_not_a_board():
    _, got = orgs("001", BARNSLEY)
    assert got["South Yorkshire Police"].category == "Police"
    assert got["South Yorkshire Integrated Care Board"].role == "partner"
    assert got["South Yorkshire Integrated Care Board"].category == "HealthCommissioner"
    assert got["Barnsley Safeguarding Children Partnership"].category == "LSCP"
    assert not any(o.role == "board" and "Care Board" in o.name for o in got.values())


def test_focused_visit_names_no_national_board():
    _, got = orgs("002", BARNSLEY)
    assert not any("National Age Assessment" in n for n in got)
    assert got["Barnsley Corporate Parenting Board"].category == "CorporateParentingBoard"


def test_inspectorates_and_addressees_resolve():
    doc = read_document(next(SEEDS.glob("001_*.txt")))
    rec = Recommendation("Improve referrals", doc.passages[5], "1", addressee="Barnsley LSCP")
    jtai = InspectionFacts("JTAI", "described", "2022-05-23", doc.passages[5], inspectorates=["Ofsted", "CQC"],
                           recommendations=[rec])
    got = {o.name: o for o in organisations.find_organisations(doc, BARNSLEY, [jtai])}
    assert got["Care Quality Commission"].role == "inspectorate"
    assert got["Care Quality Commission"].category == "CQC"
    assert "Barnsley LSCP" in got["Barnsley Safeguarding Children Partnership"].aliases


@pytest.mark.corpus
def test_every_jtai_addressee_resolves_to_a_partnership_of_the_authority():
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pdf"
    letters_ = sorted(corpus.glob("*/joint-area-child-protection-inspection*.pdf")) if corpus.exists() else []
    if not letters_:
        pytest.skip(f"corpus absent at {corpus}")
    addressed = 0
    for p in letters_:
        ex = extract(read_document(p))
        names = {o.name for o in ex.organisations} | {a for o in ex.organisations for a in o.aliases}
        for f in ex.inspections:
            for r in f.recommendations:
                if r.addressee:
                    addressed += 1
                    assert r.addressee in names, (p.name, r.addressee)
        assert not any(o.role == "board" and "Integrated Care" in o.name for o in ex.organisations), p.name
    assert addressed > 0


def test_health_and_wellbeing_board_after_lowercase_words_is_found():
    # "strengthening relationships with the Health and Wellbeing Board": the words before are no place.
    _, got = orgs("000", BARNSLEY)
    assert got["Barnsley Health and Wellbeing Board"].category == "HealthAndWellbeingBoard"
    _, got = orgs("004", "London Borough of Barnet")
    assert "Barnet Health and Wellbeing Board" in got


def test_a_board_keeps_its_printed_name_and_a_pct_is_a_commissioner():
    _, got = orgs("004", "London Borough of Barnet")
    assert got["Domestic Violence Strategic Board"].category == "DomesticAbuseBoard"
    assert not any("Domestic Abuse Board" in name for name in got)
    assert got["North Central London PCT"].category == "HealthCommissioner"


def test_corporate_parenting_board_and_panel_are_one_body():
    _, got = orgs("000", BARNSLEY)
    cpb = [o for o in got.values() if o.category == "CorporateParentingBoard"]
    assert len(cpb) == 1 and any("panel" in a.lower() for a in cpb[0].aliases)
