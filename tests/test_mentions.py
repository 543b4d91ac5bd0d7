"""Earlier inspections a document refers to, with the results it states of them."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from kg.extract import mentions
from kg.model import InspectionFacts
from kg.read import read_document

HERE = Path(__file__).resolve()
SEEDS = HERE.parents[1] / "examples" / "documents"
CORPUS = HERE.parents[2] / "shared" / "corpus"
NOCLS, NOHEAD = SimpleNamespace(inspection_kind=None), SimpleNamespace()


def found(prefix: str, described: list[InspectionFacts] | None = None):
    doc = read_document(next(SEEDS.glob(f"{prefix}_*.txt")))
    return {(f.kind, f.start): f for f in mentions.find_mentions(doc, NOCLS, NOHEAD, described or [])}


def test_2014_report_mentions_the_june_2012_inspection_with_two_judgements():
    got = found("000")
    f = got[("SafeguardingLACInspection", "2012-06")]
    assert f.role == "mentioned"
    assert {(j.aspect, j.grade, j.scale) for j in f.judgements} == {
        ("Safeguarding: Overall effectiveness", "Inadequate", "SafeguardingLAC"),
        ("Looked after children: Overall effectiveness", "Adequate", "SafeguardingLAC"),
    }
    other = got[("OtherInspection", "2010-10")]
    assert {(j.aspect, j.grade) for j in other.judgements} == {
        ("Adoption service: Overall quality", "Good"), ("Fostering service: Overall quality", "Good")}


def test_focused_visit_mentions_september_2023_ilacs_good():
    got = found("002")
    f = got[("ILACSStandardInspection", "2023-09")]
    assert [(j.aspect, j.grade, j.scale) for j in f.judgements] == [
        ("The experiences and progress of children in care", "Good", "ILACS")]


def test_the_described_inspection_is_not_repeated_as_a_mention():
    doc = read_document(next(SEEDS.glob("002_*.txt")))
    described = InspectionFacts("ILACSStandardInspection", "described", "2023-09-18", doc.passages[0])
    assert mentions.find_mentions(doc, NOCLS, NOHEAD, [described]) == []


@pytest.mark.corpus
def test_corpus_reports_mentions_carry_dates_and_scaled_grades():
    pdfs = sorted((CORPUS / "pdf").glob("*/*.pdf")) if CORPUS.exists() else []
    if not pdfs:
        pytest.skip(f"corpus absent at {CORPUS}")
    judged = 0
    for p in pdfs:
        for f in mentions.find_mentions(read_document(p), NOCLS, NOHEAD, []):
            assert f.role == "mentioned" and len(f.start) in (7, 10), p
            judged += len(f.judgements)
    assert judged >= 10
