"""Inspection letters: focused visits, JTAIs and area SEND reports give one ungraded inspection."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from kg.dates import parse_date_range
from kg.document import cut_blocks, ends_sentence
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
    assert parse_date_range("took place between 23rd and 27th May this year", 2022) == (
        "2022-05-23", "2022-05-27")
    assert parse_date_range("took place between 23rd and 27th May this year") == (None, None)


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
        # a section asking nothing new ("The areas for improvement set at the last visit remain.", which the
        # count of its own numbering and bullets finds none in too) gives none
        has_section = any(letters.heading_at_end(b, letters.IMPROVE_HEADING) for b in doc.blocks) and (
            _items_under_asks(doc) > 0)
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

    from kg.extract.organisations import bodies_in, is_authority, resolve_addressee

    paths = _area_send_reports()
    if not paths:
        pytest.skip(f"corpus absent at {CORPUS}")
    tables = 0
    for path in paths:
        doc, facts = run(path, "AreaSENDInspection")
        if not any(letters._BODY_COLUMN.match(b.text) for b in doc.blocks):
            continue
        tables += 1
        bodies = letters.responsible_rows(doc, list(doc.blocks))[1]
        authority = corpus_read(str(path.relative_to(CORPUS)))[2].authority
        priority = [r for r in facts[0].recommendations if r.part == "priority action"]
        assert priority, path.name
        for r in priority:
            # A whole ask: its first sentence asks someone to act (a row cut at a line break did not).
            first = r.text.split(". ")[0]
            assert letters._ASKING.search(first), (path.name, r.text)
            assert ends_sentence(r.text), (path.name, r.text)
            assert r.passage.line_start <= r.passage.line_end and r.text in r.passage.text
            # Each row is addressed to the bodies its first column prints: several of them together are the
            # local area partnership; one body alone is itself; the council alone is the default (None).
            body = bodies.get(r.passage.line_start)
            assert body, (path.name, r.text)  # every ask is a whole row, never a piece of a cell
            if r.addressee is None:
                assert is_authority(body, authority), (path.name, body)
                continue
            org = resolve_addressee(r.addressee, doc, r.passage, authority)
            if len(bodies_in(r.addressee)) > 1:
                assert org.name.endswith("Local Area Partnership") and r.addressee in org.aliases
            else:
                assert r.addressee in (org.name, *org.aliases)
        # A cell of two paragraphs, or a list, is one ask, never two.
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


def _items_under_asks(doc) -> int:
    """The asks counted from the letter's own bullets and paragraphs (benchmarks/ask_oracle.py)."""
    import sys

    sys.path.insert(0, str(HERE.parents[1] / "benchmarks"))
    from ask_oracle import expected_asks

    return expected_asks(doc.text)


# Letters whose ask sections the count above cannot read, and why (also in docs/coverage.md).
KNOWN_ITEM_COUNTS: set[str] = set()


@pytest.mark.corpus
def test_every_focused_visit_yields_each_item_under_its_ask_headings():
    rows = [r for r in _corpus_rows() if r["kind"] == "children's services focused visit"]
    if not rows:
        pytest.skip(f"corpus absent at {CORPUS}")
    mismatches, without = [], 0
    for r in rows:
        doc, facts = run(CORPUS / r["file"], "FocusedVisit")
        want, got = _items_under_asks(doc), len(facts[0].recommendations)
        without += want == 0
        if want != got and r["file"] not in KNOWN_ITEM_COUNTS:
            mismatches.append((r["file"], want, got))
    print("\n".join(map(str, mismatches)))
    assert not mismatches
    # the positive visits with no "What needs to improve" section are few: a count finding none everywhere fails
    assert len(rows) >= 30 and without <= 0.05 * len(rows)


def test_inspectorate_word_tests_never_skip_a_match():
    """The plain word test before each inspectorate pattern is only a shortcut: wherever a pattern matches
    ASCII text (every alternative below in odd capitals, every line of every seed), its words are there."""
    from kg.domain import INSPECTORATE_NAMES

    texts = ["OFSTED", "the Office For Standards In Education", "cqc", "Care quality commission", "HMICFRS",
             "HM inspectorate of (Police) Constabulary", "Inspectorate Of Constabulary", "hmi constabulary",
             "HMIC.", "HMI probation", "HMIProb", "HM Inspectorate of probation"]
    for path in sorted(SEEDS.glob("*.txt")):
        texts += read_document(path).text.split("\n")
    matched = set()
    for key, named in INSPECTORATE_NAMES:
        for t in texts:
            if t.isascii() and named.pattern.search(t):
                matched.add(key)
                assert named.may_match(t.lower()), (key, t[:80])
    assert matched == {key for key, _ in INSPECTORATE_NAMES}


def _letter(tmp_path, text: str):
    path = tmp_path / "letter.txt"
    path.write_text(text)
    return run(path, "FocusedVisit")[1][0]


def test_visit_days_without_a_year_take_the_letters_year(tmp_path):
    head = "22 February 2018\n\nA Person\n\nDear Ms Person\n\nFocused visit to Coventry children's services\n\n"
    f = _letter(tmp_path, head + "This letter summarises the findings of a focused visit to Coventry children's "
                "services on 30 and 31 January. The inspectors were Alison Smale, HMI, and Peter McEntee, HMI.\n")
    assert (f.start, f.end) == ("2018-01-30", "2018-01-31")
    # days after the letter's date were in the year before
    f = _letter(tmp_path, head.replace("22 February", "10 January") + "This letter summarises the findings of a "
                "focused visit to Coventry children's services on 12 and 13 December.\n")
    assert (f.start, f.end) == ("2017-12-12", "2017-12-13")


def test_visit_days_listed_over_two_months_and_written_with_of(tmp_path):
    f = _letter(tmp_path, "This letter summarises the findings of a focused visit to Bury children's services "
                "on 29 and 30 September, and 1 October 2020.\n")
    assert (f.start, f.end) == ("2020-09-29", "2020-10-01")
    f = _letter(tmp_path, "This letter summarises the findings of a focused visit to Camden children's services "
                "on the 15 and 16 of May 2018.\n")
    assert (f.start, f.end) == ("2018-05-15", "2018-05-16")


def test_a_list_inside_a_responsible_body_cell_stays_in_its_row():
    rows = ["Responsible body Areas for priority action", "Bury Metropolitan Borough", "Council and NHS Greater",
            "Manchester ICB", "Leaders across the partnership should improve support while families wait. This "
            "includes:", "- children waiting for a speech and language therapy assessment and",
            "subsequent intervention", "- children waiting for a paediatric assessment.",
            "Bury Metropolitan Borough", "Council and NHS Greater", "Manchester ICB",
            "Leaders across the partnership should improve preparation for adulthood.", "Areas for improvement"]
    doc = SimpleNamespace(text="\n".join(rows), passage_at=lambda n: None)
    out, bodies = letters.responsible_rows(doc, cut_blocks(doc.text))
    asks = [b for b in out if b.start in bodies]
    assert [b.start for b in asks] == [5, 12]
    assert asks[0].text.endswith("children waiting for a paediatric assessment.")
    assert set(bodies.values()) == {"Bury Metropolitan Borough Council and NHS Greater Manchester ICB"}


JTAI_HEAD = ("3 May 2018\n\nDear Local Safeguarding Children Board\n\nJoint targeted area inspection of the "
             "multi-agency response to abuse in Halton\n\nBetween 12 and 16 March 2018, Ofsted carried out a joint "
             "inspection of the multi-agency response.\n\n")


def _jtai(tmp_path, body: str):
    path = tmp_path / "jtai.txt"
    path.write_text(JTAI_HEAD + body, encoding="utf-8")
    return run(path, "JTAI")[1][0]


def test_jtai_asks_with_second_paragraphs_footnotes_and_a_box_inside_the_list(tmp_path):
    """A JTAI letter's bullet may go on in a paragraph of its own; a footnote and a practice-study box the
    page put inside the list are neither asks nor part of one, and the list goes on after them."""
    f = _jtai(tmp_path, (
        "Areas for improvement\n\n- Assessment of risk is not consistently applied.\n\nChildren receive a prompt "
        "service when needs are identified.\n\n- The screening tool is not used by all partners Practice study: "
        "highly effective practice\n\nAll names are pseudonyms.\n\nFor Sarah, the work of professionals has led to "
        "her becoming safer.\n\n- Operation Encompass is not yet fully effective.\n\n5 Operation Encompass is a "
        "project whereby schools are informed by the police.\n\n- Supervision is not regular.\n\n"
        "Case study: area for improvement\n\nFor one child, numerous concerns were raised.\n\n"
        "Next steps\n\nThe local authority should prepare a written statement of proposed action responding to "
        "the findings outlined in this letter.\n\nThe response should set out the actions for the partnership.\n\n"
        "Yours sincerely\n"))
    got = [(r.text, r.part) for r in f.recommendations]
    assert got == [
        ("Assessment of risk is not consistently applied. Children receive a prompt service when needs are "
         "identified.", None),
        ("The screening tool is not used by all partners", None),
        ("Operation Encompass is not yet fully effective.", None),
        ("Supervision is not regular.", None),
        ("The local authority should prepare a written statement of proposed action responding to the findings "
         "outlined in this letter.", "next steps")]


def test_jtai_next_steps_that_ask_nothing_give_no_ask(tmp_path):
    """Near miss: a "Next steps" paragraph that only tells what happens next is not an ask."""
    f = _jtai(tmp_path, "Areas for improvement\n\n- Supervision is not regular.\n\nNext steps\n\n"
                        "Ofsted will take these findings into account at the next inspection.\n\nYours sincerely\n")
    assert [r.text for r in f.recommendations] == ["Supervision is not regular."]


def test_an_ask_leading_into_its_parts_is_one_ask_and_a_lead_in_to_the_following_is_none(tmp_path):
    """An ask whose sentence goes on in a list ("... should improve communication to:" / "- improve equity
    ...") is one ask with its parts; a lead-in to "the following" areas introduces the asks, and is not one."""
    head = "22 February 2018\n\nDear Ms Person\n\nFocused visit to Coventry children's services\n\n"
    f = _letter(tmp_path, head + "Areas for improvement\n\nThe local authority needs to act on the following areas:\n\n"
                "- the quality of referrals is not always comprehensive.\n\n- supervision is not recorded.\n\n"
                "Areas for priority action\n\nLeaders should review the local offer with families.\n\n"
                "Leaders should improve communication to:\n\n- improve equity for all children;\n\n"
                "- remove barriers to information.\n\nLeaders should publish the improvement plan for families.\n\nYours sincerely\n")
    assert [r.text for r in f.recommendations] == [
        "the quality of referrals is not always comprehensive.", "supervision is not recorded.",
        "Leaders should review the local offer with families.",
        "Leaders should improve communication to: improve equity for all children; remove barriers to information.",
        "Leaders should publish the improvement plan for families."]


def test_priorities_for_further_improvement_are_asks(tmp_path):
    """A 2009 joint area review progress inspection lists its asks under "Priorities for further improvement"
    (the heading repeated as its numbered paragraph's lead-in); the contents' entry of the same words is none."""
    path = tmp_path / "jar.txt"
    path.write_text("Inspection of progress made in the provision of safeguarding services in Haringey\n\n"
                    "Contents\n\nPriorities for further improvement 5\n\nKey findings 6\n\nIntroduction\n\n"
                    "1. The inspection took place in June 2009.\n\nPriorities for further improvement\n\n"
                    "13. Priorities for further improvement:\n\n- The council and its partners should take immediate "
                    "action to ensure that all children are safeguarded.\n\n- The NHS provider trusts should improve "
                    "their collection of data.\n\nKey findings\n\n14. The council has made good progress.\n")
    _, facts = run(path, "OtherInspection")
    assert [r.text[:30] for r in facts[0].recommendations] == ["The council and its partners s",
                                                               "The NHS provider trusts should"]


def test_jtai_asks_with_their_parts_cut_tails_and_starred_notes(tmp_path):
    """JTAI letters (Derby 2019, Solihull 2022): "There are not enough ..." is an ask, not "there are no"
    asks; a bullet's end cut off by a page ("... in primary care in" / "Derby, including ...") stays in it; a
    bulleted ask's parts in lower case are one ask; the note to a starred name ("* Pseudonym ...") is none."""
    f = _jtai(tmp_path, (
        "Areas for priority action\n\n- Leaders need to take urgent action to understand the needs of children. "
        "This includes:\n\n- ensuring that there is sufficient capacity within the MASH\n\n- ensuring that the "
        "right agencies are represented.\n\n- West Midlands Police need to take urgent action to improve the "
        "quality of information.\n\nAreas for improvement\n\n- There are not enough qualified social workers in "
        "the first contact team.\n\n- More needs to be done to standardise good practice in primary care in\n\n"
        "Derby, including updating existing guidance documents\n\n- Police leaders do not undertake sufficient "
        "quality assurance.\n\nPractice study: area for improvement\n\nSamantha* is aged seven.\n\n"
        "* Pseudonym used to protect confidentiality.\n\nYours sincerely\n"))
    assert [r.text for r in f.recommendations] == [
        "Leaders need to take urgent action to understand the needs of children. This includes: ensuring that "
        "there is sufficient capacity within the MASH ensuring that the right agencies are represented.",
        "West Midlands Police need to take urgent action to improve the quality of information.",
        "There are not enough qualified social workers in the first contact team.",
        "More needs to be done to standardise good practice in primary care in Derby, including updating existing "
        "guidance documents",
        "Police leaders do not undertake sufficient quality assurance."]


def test_an_area_send_ask_with_parts_and_a_wrapped_part(tmp_path):
    """Plymouth 2023: a part of an ask wrapped onto a line of its own ("... the Healthy Child" / "Programme;
    and") stays in its part, and the list goes on after it."""
    head = "22 February 2018\n\nDear Ms Person\n\nFocused visit to Coventry children's services\n\n"
    f = _letter(tmp_path, head + "Areas for improvement\n\nLeaders should improve the consistency of the support "
                "offered by ensuring:\n\n- all children receive the mandated checks in line with the Healthy Child\n\n"
                "Programme; and\n\n- all children benefit from a consistently applied graduated response.\n\n"
                "Leaders should continue to address long waiting times for health services.\n\nYours sincerely\n")
    assert [r.text for r in f.recommendations] == [
        "Leaders should improve the consistency of the support offered by ensuring: all children receive the "
        "mandated checks in line with the Healthy Child Programme; and all children benefit from a consistently "
        "applied graduated response.", "Leaders should continue to address long waiting times for health services."]


def test_a_visit_whose_asks_are_the_last_visits_asks_none(tmp_path):
    """Nottingham 2021: the sections only say the last visit's asks "remain" (history, not asked again) and
    that there are no additional ones: no asks."""
    head = "22 February 2021\n\nDear Ms Person\n\nFocused visit to Nottingham children's services\n\n"
    f = _letter(tmp_path, head + "Areas for priority action\n\nThe areas for priority action set at the last "
                "focused visit in February 2020 remain.\n\nThere are no additional priority actions.\n\nWhat needs to "
                "improve in this area of social work practice?\n\nThe areas for improvement set at the last focused "
                "visit in February 2020 remain. There are no additional areas for improvement.\n\nMain findings\n\n"
                "It has been an exceptionally difficult year.\n\nYours sincerely\n")
    assert f.recommendations == []


def test_a_report_stating_no_dates_of_its_own_is_dated_by_its_publication(tmp_path):
    """Haringey 2009: a progress inspection's report dates only the review it follows up, never its own
    fieldwork; the inspection takes the month its report was published, marked as such, never a day."""
    from kg.extract import extract

    path = tmp_path / "jar.txt"
    path.write_text("Inspection of progress made in the provision of safeguarding services in the London Borough of "
                    "Haringey\n\nOfsted\n\nPublished: 3 July 2009\n\nReference no: 309\n\nAbout the inspection\n\n"
                    "1. The Secretary of State asked the inspectorates to judge the progress made since the joint "
                    "area review of safeguarding carried out in November 2008.\n\nPriorities for further "
                    "improvement\n\n- The council should take immediate action to ensure that all children are "
                    "safeguarded.\n")
    described = [f for f in extract(read_document(path)).inspections if f.role == "described"]
    assert [(f.start, f.end, f.date_basis, f.passage.text) for f in described] == [
        ("2009-07", None, "publication", "Published: 3 July 2009")]


def test_responsible_body_rows_as_the_text_layer_cuts_them():
    """Area SEND tables (Oldham, Plymouth 2023): an ask's first line "Leaders at Oldham ... Council and" is no
    piece of a body's name; a body cell may end with a full stop ("Board, school and college leaders."); a
    body's name run into its ask's first line ("Plymouth City Council Plymouth City Council leaders should
    ...") opens a row of its own."""
    rows = ["Responsible body Areas for priority action", "Oldham Metropolitan", "Borough Council",
            "Leaders at Oldham Metropolitan Borough Council and", "NHS Greater Manchester ICB should cooperate.",
            "Plymouth City Council, NHS", "Devon Integrated Care", "Board, school and college leaders.",
            "Leaders, including Plymouth City Council, must put children at the centre of all plans.",
            "Plymouth City Council Plymouth City Council leaders should ensure that children get the care they "
            "need.", "Areas for improvement"]
    doc = SimpleNamespace(text="\n".join(rows), passage_at=lambda n: None)
    out, bodies = letters.responsible_rows(doc, cut_blocks(doc.text))
    assert [(bodies[b.start], b.text[:30]) for b in out if b.start in bodies] == [
        ("Oldham Metropolitan Borough Council", "Leaders at Oldham Metropolitan"),
        ("Plymouth City Council, NHS Devon Integrated Care Board, school and college leaders", "Leaders, including Plymouth Ci"),
        ("Plymouth City Council", "Plymouth City Council leaders ")]


def test_a_letterhead_at_a_page_end_does_not_end_the_list_it_falls_in():
    """The text layer of many letters puts the Ofsted letterhead after the first page's text; where a list of
    asks goes on over the page, the letterhead's lines fell inside it and ended it. A line of a sentence before
    the letterhead stays, and a letterhead on the last page is left alone."""
    from kg.normalise import normalise_pdf_pages

    letterhead = "Ofsted \r\nPiccadilly Gate \r\nStore Street\r\nManchester M1 2WD\r\nT 0300 123 1231\r\n" \
                 "Textphone 0161 618 \r\n8524\r\nenquiries@ofsted.gov.uk\r\nwww.gov.uk/ofsted"
    text, _ = normalise_pdf_pages([
        "What needs to improve?\r\n\u25fc The first ask, kept without delay. (enabler 2)\r\n" + letterhead,
        "2\r\n\u25fc The second ask.\r\nYours sincerely\r\n" + letterhead])
    assert "The first ask, kept without delay. (enabler 2)\n\n- The second ask." in text
    assert text.count("Piccadilly Gate") == 1  # the last page's


@pytest.mark.corpus
def test_focused_visits_keep_the_asks_after_a_letterhead_inside_their_list():
    """Peterborough's 2023 focused visit: the letterhead fell between its fourth and fifth asks, and the last
    three were lost; no ask of any focused visit takes in a line of the letterhead."""
    from conftest import corpus_or_skip

    corpus_or_skip()
    _, facts = run(CORPUS / "pdf/80537_peterborough/childrens-services-focused-visit---09-may-2023.pdf",
                   "FocusedVisit")
    assert [r.text.split()[:3] for r in facts[0].recommendations] == [
        ["The", "timeliness", "of"], ["Multi-agency", "arrangements", "and"], ["Operational", "management", "of"],
        ["Quality", "assurance", "processes,"], ["The", "quality", "of"], ["The", "reliability", "of"],
        ["Ensuring", "that", "children's"]]
    asks = [r.text for row in _corpus_rows() if row["kind"] == "children's services focused visit"
            for r in run(CORPUS / row["file"], "FocusedVisit")[1][0].recommendations]
    assert len(asks) > 300
    assert not [a for a in asks if "Piccadilly" in a or "ofsted.gov.uk" in a or a.endswith(" Ofsted")]
