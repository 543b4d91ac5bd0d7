"""Council documents: a report presenting an inspection's outcome, and minutes."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from kg.extract import council
from kg.read import read_document

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "documents"


def run(prefix: str, published: str):
    doc = read_document(next(SEEDS.glob(f"{prefix}_*.txt")))
    return council.extract_council(doc, SimpleNamespace(inspection_kind=None), SimpleNamespace(published=published))


def test_cabinet_report_describes_the_jtai_with_seven_areas_and_two_decisions():
    inspections, decisions = run("001", "2022-09-21")
    assert len(inspections) == 1
    jtai = inspections[0]
    assert (jtai.kind, jtai.role, jtai.graded) == ("JTAI", "described", False)
    assert (jtai.start, jtai.end) == ("2022-05-23", "2022-05-27")
    assert jtai.inspectorates == ["Ofsted", "CQC", "HMICFRS"]
    assert len(jtai.recommendations) == 7
    assert jtai.recommendations[0].text.startswith("The quality and consistency of all agencies'")
    assert jtai.recommendations[-1].text.startswith("The availability of and the quality of the Emergency Duty")
    assert not any(r.text.startswith("That") for r in jtai.recommendations)
    assert len([f for f in jtai.findings if f.kind == "strength"]) == 7
    assert [d.number for d in decisions] == ["1", "2"]
    assert decisions[0].text.startswith("That the outcomes of the JTAI")


def test_minutes_describe_no_inspection_and_record_what_was_agreed():
    inspections, decisions = run("003", "2014-01-14")
    assert inspections == []
    assert len(decisions) == 1 and decisions[0].text.startswith("The topic for discussion")
