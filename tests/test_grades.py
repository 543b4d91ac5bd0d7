"""A report's grades read three ways (the judgement table, the headline, the section headings) must agree,
and only this inspection's grades are read (kg.extract.grades, kg.extract.reports.grade_readings)."""

from __future__ import annotations

import pytest

from kg.extract import extract, reports
from kg.extract.grades import aspect_key, disagreements
from kg.read import read_document

ILACS_REPORT = """Inspection of Anytown local authority children's services

Inspection dates: 1 to 5 May 2023

Judgement Grade

The impact of leaders on social work practice with children and families

Good

The experiences and progress of children who need help and protection

Good

The experiences and progress of children in care and care leavers

Good

Overall effectiveness Good

Children's services in Anytown are good. Leaders know their services well.

What needs to improve?

- The quality of supervision.

The experiences and progress of children who need help and protection: {help}

1. Children are seen promptly.

The experiences and progress of children in care and care leavers: good

2. Children live in stable homes.

The impact of leaders on social work practice with children and families:

Good

3. Leaders are ambitious.
"""


def _extract(tmp_path, text: str):
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return extract(read_document(path))


def test_the_three_readings_of_a_report_that_agree_give_no_warning(tmp_path):
    ex = _extract(tmp_path, ILACS_REPORT.format(help="good"))
    doc = ex.document
    got = reports.grade_readings(doc, reports._lines(doc), "ILACS")
    assert got["headline"] == {"overall effectiveness": "Good"}
    assert got["table"]["help and protection"] == got["headings"]["help and protection"] == "Good"
    assert set(got["headings"]) == {"help and protection", "children in care and care leavers", "leadership"}
    assert not [w for w in ex.warnings if "grades disagree" in w]


def test_a_section_heading_that_disagrees_with_the_table_is_a_build_warning(tmp_path):
    ex = _extract(tmp_path, ILACS_REPORT.format(help="inadequate"))
    warned = [w for w in ex.warnings if "grades disagree" in w]
    assert len(warned) == 1
    assert "help and protection: table Good, headings Inadequate" in warned[0]
    assert warned[0].startswith(str(ex.document.source_file))
    # a heading's grade wrapped onto the next line ("requires improvement to be" / "good") is read whole
    ex = _extract(tmp_path, ILACS_REPORT.format(help="good").replace(
        "care leavers: good", "care leavers: requires improvement to be\n\ngood"))
    assert [w.split(" disagree on ")[1] for w in ex.warnings if "grades disagree" in w] == [
        "children in care and care leavers: table Good, headings Requires improvement to be good"]


def test_earlier_grades_quoted_in_the_text_are_not_read(tmp_path):
    """Near misses: "are no longer inadequate" names the last inspection's grade, not this one's; so does a
    line "At the last inspection, ... were inadequate" before this inspection's heading."""
    text = ILACS_REPORT.format(help="good").replace(
        "Children's services in Anytown are good.", "Children's services in Anytown are no longer inadequate.")
    text = text.replace("What needs to improve?", "At the last inspection, the experiences and progress of children "
                        "who need help and protection were inadequate\n\nWhat needs to improve?")
    ex = _extract(tmp_path, text)
    got = reports.grade_readings(ex.document, reports._lines(ex.document), "ILACS")
    assert got["headline"] == {}
    assert got["headings"]["help and protection"] == "Good"
    assert not [w for w in ex.warnings if "grades disagree" in w]


def test_aspects_and_disagreements():
    assert aspect_key("2.1 Adoption performance") == "adoption"
    assert aspect_key("The experiences and progress of children looked after and achieving permanence") == \
        "children in care"
    assert aspect_key("The Local Safeguarding Children Board is") == "safeguarding board"
    assert aspect_key("Summary for children and young people") is None
    assert disagreements({"table": {"adoption": "Good"}, "headings": {"adoption": "Good"}}) == []
    assert disagreements({"table": {"adoption": "Good"}, "headline": {}, "headings": {"adoption": "Inadequate"}}) == [
        "adoption: table Good, headings Inadequate"]


# ---- the corpus ------------------------------------------------------------------------------------------

DARLINGTON_2018 = "pdf/80458_darlington/childrens-services-inspection---21-may-2018.pdf"
NORTH_NORTHAMPTONSHIRE_2022 = "pdf/2637539_north-northamptonshire/childrens-services-inspection---25-november-2022.pdf"


def _graded(file: str):
    from conftest import corpus_read

    doc, cls, head = corpus_read(file)
    warnings: list[str] = []
    facts = reports.extract_report(doc, cls, head, warnings)
    fw = facts[0].framework if facts else None
    readings = reports.grade_readings(doc, reports._lines(doc), fw) if fw in ("SIF", "ILACS") else None
    return facts, readings, warnings


@pytest.mark.corpus
def test_a_report_quoting_the_last_inspections_grades_reads_only_its_own():
    """Darlington's 2018 report lists the 2015 grades as bullets ("- Overall effectiveness: inadequate",
    "- Children who need help and protection: inadequate"); this inspection's are "requires improvement"."""
    from conftest import corpus_document, corpus_or_skip

    corpus_or_skip()
    # The report does quote the earlier grades: the near miss is real.
    assert "- Overall effectiveness: inadequate" in corpus_document(DARLINGTON_2018).text
    facts, readings, warnings = _graded(DARLINGTON_2018)
    overall = [j.grade for j in facts[0].judgements if j.aspect == "Overall effectiveness"]
    assert overall == ["Requires improvement"]
    assert readings["headline"] == {"overall effectiveness": "Requires improvement"}
    assert readings["table"]["help and protection"] == readings["headings"]["help and protection"] == \
        "Requires improvement"
    assert "overall effectiveness" not in readings["headings"]
    assert warnings == []


@pytest.mark.corpus
def test_every_graded_report_has_its_grades_read_twice_and_agreeing():
    from conftest import corpus_or_skip, corpus_rows

    corpus_or_skip()
    rows = corpus_rows({"children's services inspection", "single inspection of la children's services as pdf"})
    checked, disagree, once = 0, [], []
    for row in rows:
        facts, readings, warnings = _graded(row["file"])
        if readings is None:
            continue
        checked += 1
        disagree += warnings
        # every aspect of the table is read again in a heading or the headline, bar a few whose heading the
        # text layer loses (merged into a paragraph)
        read_again = set(readings["headings"]) | set(readings["headline"])
        if set(readings["table"]) - read_again - {"overall effectiveness"}:
            once.append(row["file"])
    assert checked >= 370
    assert disagree == []
    assert len(once) <= 0.15 * checked, once
    _, readings, _ = _graded(NORTH_NORTHAMPTONSHIRE_2022)  # "are no longer inadequate, but still require ..."
    assert readings["headline"] == {}
