"""Inspection letters: focused visits, JTAIs and area SEND reports give one ungraded inspection."""

from __future__ import annotations

import csv
from pathlib import Path
from types import SimpleNamespace

import pytest

from kg.extract import letters
from kg.read import read_document

HERE = Path(__file__).resolve()
SEEDS = HERE.parents[1] / "examples" / "documents"
CORPUS = HERE.parents[2] / "shared" / "corpus"
KINDS = {"children's services focused visit": "FocusedVisit", "joint area child protection inspection": "JTAI",
         "area send full inspection": "AreaSENDInspection"}


def run(path: Path, kind: str):
    doc = read_document(path)
    cls = SimpleNamespace(inspection_kind=kind, framework=None, family="letter")
    head = SimpleNamespace(start=None, end=None, inspectorates=[], inspectors=[], title=None, dates_passage=None)
    return doc, letters.extract_letter(doc, cls, head)


def test_barnsley_focused_visit_is_ungraded_with_its_dates_and_no_recommendations():
    _, facts = run(next(SEEDS.glob("002_*.txt")), "FocusedVisit")
    assert len(facts) == 1
    f = facts[0]
    assert (f.kind, f.role, f.graded) == ("FocusedVisit", "described", False)
    assert (f.start, f.end) == ("2024-11-05", "2024-11-06")
    assert f.inspectors == ["Jo Warburton", "Jan Edwards"]
    assert "Ofsted" in f.inspectorates
    assert f.recommendations == []  # the letter has no "What needs to improve" section
    assert "5 and 6 November 2024" in f.passage.text


def test_date_range_with_meeting_year():
    assert letters.parse_date_range("took place between 23rd and 27th May this year", 2022) == (
        "2022-05-23", "2022-05-27")
    assert letters.parse_date_range("took place between 23rd and 27th May this year") == (None, None)


def _corpus_rows():
    if not CORPUS.exists():
        return []
    with open(CORPUS / "manifest.csv", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r["kind"] in KINDS]


@pytest.mark.corpus
def test_every_corpus_letter_yields_its_kind_dates_and_asks():
    rows = _corpus_rows()
    if not rows:
        pytest.skip(f"corpus absent at {CORPUS}")
    failures = []
    for r in rows:
        kind = KINDS[r["kind"]]
        doc, facts = run(CORPUS / r["file"], kind)
        f = facts[0] if facts else None
        has_section = any(letters.heading_at_end(b, letters.IMPROVE_HEADING) for b in letters.blocks(doc))
        if f is None or f.kind != kind or f.graded or not f.start or (has_section and not f.recommendations
                                                                       and not f.findings):
            failures.append(r["file"])
        elif kind == "JTAI" and not {"Ofsted", "CQC"} <= set(f.inspectorates):
            failures.append(r["file"] + " (inspectorates)")
        for rec in f.recommendations if f else []:
            assert rec.passage.text and rec.number
    print("\n".join(failures))
    assert not failures
    assert len(rows) >= 60
