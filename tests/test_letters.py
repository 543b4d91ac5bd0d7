"""Inspection letters: focused visits, JTAIs and area SEND reports give one ungraded inspection."""

from __future__ import annotations

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
    from conftest import corpus_document

    doc = corpus_document(str(path.relative_to(CORPUS))) if path.is_relative_to(CORPUS) else read_document(path)
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
    from conftest import corpus_rows

    return corpus_rows(set(KINDS))


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


def _area_send_reports():
    return [CORPUS / r["file"] for r in _corpus_rows() if r["kind"] == "area send full inspection"]


@pytest.mark.corpus
def test_area_send_priority_actions_are_whole_rows_addressed_to_their_responsible_body():
    from conftest import corpus_read

    from kg.extract.organisations import resolve_addressee

    paths = _area_send_reports()
    if not paths:
        pytest.skip(f"corpus absent at {CORPUS}")
    tables = 0
    for path in paths:
        doc, facts = run(path, "AreaSENDInspection")
        if not any(letters._BODY_COLUMN.match(b.text) for b in letters.blocks(doc)):
            continue
        tables += 1
        authority = corpus_read(str(path.relative_to(CORPUS)))[2].authority
        priority = [r for r in facts[0].recommendations if r.part == "priority action"]
        assert priority, path.name
        for r in priority:
            # A whole ask: its first sentence asks someone to act (a row cut at a line break did not).
            first = r.text.split(". ")[0]
            assert letters._ASKING.search(first), (path.name, r.text)
            assert letters.ends_sentence(r.text), (path.name, r.text)
            assert r.passage.line_start <= r.passage.line_end and r.text in r.passage.text
            # Every row of these tables names the council and the integrated care board together.
            assert r.addressee and len(r.addressee.split()) >= 4, (path.name, r.text)
            org = resolve_addressee(r.addressee, doc, r.passage, authority)
            assert org.name.endswith("Local Area Partnership") and r.addressee in org.aliases
        # A cell of two paragraphs is one ask, never two.
        assert len({r.addressee for r in priority}) == 1
        assert len(priority) == len({r.passage.line_start for r in priority})
    assert tables >= 3


def test_bodies_named_together_and_the_authority_alone():
    from kg.extract.organisations import bodies_in, is_authority

    assert bodies_in("North Northamptonshire Council, NHS Northamptonshire Integrated Care Board and "
                     "Northamptonshire Children's Trust") == [
        "North Northamptonshire Council", "NHS Northamptonshire Integrated Care Board",
        "Northamptonshire Children's Trust"]
    assert bodies_in("NHS Hertfordshire and West Essex Integrated Care Board") == [
        "NHS Hertfordshire and West Essex Integrated Care Board"]
    assert is_authority("Telford and Wrekin Council", "Telford and Wrekin Council")
    assert is_authority("The local authority", None)
    assert not is_authority("Telford and Wrekin Council and NHS Shropshire, Telford and Wrekin Integrated Care Board",
                            "Telford and Wrekin Council")


def _bullets_under_asks(doc) -> int:
    """The bullets under a letter's ask headings, counted from the text: up to the first line that is
    neither a bullet, a bullet's wrapped tail, a lead-in ("... areas of weakness:") nor a footnote mark."""
    import re

    lines = [t.strip() for t in doc.text.split("\n") if t.strip()]
    n = 0
    for i, t in enumerate(lines):
        if len(t) >= 100 or not re.match(r"(what needs to improve|areas? for (priority action|improvement))", t, re.I):
            continue
        for t in lines[i + 1:]:
            if re.match(r"^[-•\u25aa\u25a0\uf0b7]\s", t):
                n += 1
            elif not (t[:1].islower() or t.endswith(":") or t.isdigit()):
                break
    return n


@pytest.mark.corpus
def test_every_focused_visit_yields_each_bullet_under_its_ask_headings():
    rows = [r for r in _corpus_rows() if r["kind"] == "children's services focused visit"]
    if not rows:
        pytest.skip(f"corpus absent at {CORPUS}")
    mismatches, without = [], 0
    for r in rows:
        doc, facts = run(CORPUS / r["file"], "FocusedVisit")
        want, got = _bullets_under_asks(doc), len(facts[0].recommendations)
        without += want == 0
        if want != got:
            mismatches.append((r["file"], want, got))
    assert not mismatches
    assert len(rows) >= 30 and without <= 2  # the positive visits with no "What needs to improve" section


def test_inspectorate_word_tests_never_skip_a_match():
    """The plain word test before each inspectorate pattern is only a shortcut: wherever a pattern matches
    ASCII text (every alternative below in odd capitals, every line of every seed), its words are there."""
    from kg.extract.letters import _INSPECTORATE_WORDS

    texts = ["OFSTED", "the Office For Standards In Education", "cqc", "Care quality commission", "HMICFRS",
             "HM inspectorate of (Police) Constabulary", "Inspectorate Of Constabulary", "hmi constabulary",
             "HMIC.", "HMI probation", "HMIProb", "HM Inspectorate of probation"]
    for path in sorted(SEEDS.glob("*.txt")):
        texts += read_document(path).text.split("\n")
    matched = set()
    for key, words, rx in _INSPECTORATE_WORDS:
        for t in texts:
            if t.isascii() and rx.search(t):
                matched.add(key)
                assert any(w in t.lower() for w in words), (key, t[:80])
    assert matched == {key for key, _, _ in _INSPECTORATE_WORDS}
