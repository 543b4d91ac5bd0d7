"""Full inspection reports: judgements, recommendations and findings (kg.extract.reports, kg.extract.grades)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.classify import classify
from kg.extract.grades import canonical_grade
from kg.extract.header import read_header
from kg.extract.reports import extract_report
from kg.read import read_document

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "examples" / "documents"


def _seed(prefix: str) -> Path:
    return next(DOCS.glob(f"{prefix}_*.txt"))


def _facts(path: Path):
    doc = read_document(path)
    cls = classify(doc)
    head = read_header(doc, cls)
    return doc, cls, head, extract_report(doc, cls, head)


@pytest.fixture(scope="module")
def barnsley():
    return _facts(_seed("000"))


@pytest.fixture(scope="module")
def barnet():
    return _facts(_seed("004"))


# ---- grades ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("words,scale,expected", [
    ("Requires Improvement", "SIF", "Requires improvement"),
    ("require improvement to be good", "SIF", "Requires improvement"),
    ("requires improvement to be good", "ILACS", "Requires improvement to be good"),
    ("**inadequate**", "ILACS", "Inadequate"),
    ("Grade 3 (adequate)", "SafeguardingLAC", "Adequate"),
    ("Adequate", "SIF", None),
    ("no grade here", "SIF", None),
])
def test_canonical_grade(words, scale, expected):
    assert canonical_grade(words, scale) == expected


# ---- SIF: Barnsley 2014 ------------------------------------------------------------------------------------


def test_sif_judgements(barnsley):
    facts = barnsley[3]
    assert len(facts) == 1
    f = facts[0]
    assert (f.role, f.framework, f.graded) == ("described", "SIF", True)
    got = {j.aspect: j.grade for j in f.judgements}
    assert got == {
        "Overall effectiveness": "Requires improvement",
        "Children who need help and protection": "Requires improvement",
        "Children looked after and achieving permanence": "Requires improvement",
        "Adoption performance": "Requires improvement",
        "Experiences and progress of care leavers": "Good",
        "Leadership, management and governance": "Requires improvement",
        "Effectiveness of the Local Safeguarding Children Board": "Requires improvement",
    }
    assert all(j.scale == "SIF" for j in f.judgements)
    leavers = next(j for j in f.judgements if j.aspect.startswith("Experiences and progress of care"))
    assert "Experiences and progress of care leavers" in leavers.passage.text and "Good" in leavers.passage.text


def test_sif_recommendations(barnsley):
    f = barnsley[3][0]
    la = [r for r in f.recommendations if r.part == "local authority"]
    lscb = [r for r in f.recommendations if r.part == "LSCB"]
    assert [r.number for r in la] == [str(n) for n in range(10, 35)]
    assert [r.number for r in lscb] == [str(n) for n in range(135, 142)]
    assert {r.addressee for r in la} == {None}
    assert {r.addressee for r in lscb} == {"Barnsley Safeguarding Children's Board"}
    r28 = next(r for r in la if r.number == "28")
    assert r28.text == "The time taken for completion of care proceedings needs to be reduced to within the 26-week target."
    assert r28.passage.number == "28"
    r141 = lscb[-1]
    assert r141.text == "Develop an effective model for evaluating the impact of training on safeguarding practice."
    assert all(r.text in r.passage.text for r in f.recommendations)


def test_sif_findings(barnsley):
    f = barnsley[3][0]
    strengths = [x for x in f.findings if x.kind == "strength"]
    weaknesses = [x for x in f.findings if x.kind == "weakness"]
    assert [x.number for x in strengths] == [str(n) for n in range(35, 52)]
    assert [x.number for x in weaknesses] == [str(n) for n in range(1, 10)]
    assert weaknesses[5].text == "Services to prevent children needing to come into care are not effective for teenagers with complex problems."


# ---- 2009-12: Barnet 2012 ----------------------------------------------------------------------------------


def test_slac_judgements(barnet):
    f = barnet[3][0]
    assert f.framework == "SafeguardingLAC"
    assert "CQC" in f.inspectorates and "Ofsted" in f.inspectorates
    got = {j.aspect: j.grade for j in f.judgements}
    assert len(f.judgements) == 22 == len(got)
    assert got["Safeguarding: Overall effectiveness"] == "Good"
    assert got["Safeguarding: Quality of provision"] == "Adequate"
    assert got["Looked after children: Quality of provision"] == "Adequate"
    assert got["Looked after children: Economic well-being"] == "Good"
    assert sum(1 for g in got.values() if g == "Adequate") == 2
    assert all(j.scale == "SafeguardingLAC" for j in f.judgements)


def test_slac_recommendations(barnet):
    _doc, _cls, head, facts = barnet
    recs = facts[0].recommendations
    assert head.published == "2012-02-24"
    assert len(recs) == 15
    assert [r.number for r in recs[:9]] == [f"20.{k}" for k in range(1, 10)]
    assert [r.number for r in recs[9:]] == [f"75.{k}" for k in range(1, 7)]
    first = recs[0]
    assert first.addressee == "Domestic Violence Strategic Board"
    assert (first.timescale, first.due_date) == ("within three months", "2012-05-24")
    assert recs[3].addressee == "Barnet Safeguarding Children Board"  # "the BSCB to ensure ..."
    nhs = [r for r in recs if r.addressee == "NHS Barnet and NHS providers"]
    assert [r.number for r in nhs] == ["20.8", "20.9", "75.6"]
    assert all((r.timescale, r.due_date) == ("within six months", "2012-08-24") for r in nhs)
    # Two asks run together in the text are two recommendations.
    assert recs[12].text.endswith("legally protected placements for looked after children")
    assert recs[13].text == "ensure longer-term looked after children are provided with permanent and legally secure placements."
    assert recs[12].timescale == recs[13].timescale == "within six months"
    assert recs[13].addressee is None
    assert all(r.text in r.passage.text for r in recs)


# ---- the corpus --------------------------------------------------------------------------------------------


def _corpus_reports():
    from conftest import corpus_rows

    return corpus_rows({"children's services inspection"})


def _corpus_facts(file: str):
    from conftest import corpus_read

    doc, cls, head = corpus_read(file)
    return doc, cls, head, extract_report(doc, cls, head)


@pytest.mark.corpus
def test_corpus_full_reports():
    from conftest import corpus_or_skip

    corpus_or_skip()
    rows = _corpus_reports()
    failures = []
    for row in rows:
        facts = _corpus_facts(row["file"])[3]
        f = facts[0] if facts else None
        fw = f.framework if f else None
        n_j = len(f.judgements) if f else 0
        n_r = len(f.recommendations) if f else 0
        reasons = []
        if fw == "SIF":
            aspects = {j.aspect for j in f.judgements}
            if "Overall effectiveness" not in aspects or n_j < 6:
                reasons.append(f"SIF judgements {n_j}")
        elif fw == "ILACS":
            if n_j not in (4, 5) or f.judgements[-1].aspect != "Overall effectiveness":
                reasons.append(f"ILACS judgements {n_j}")
        else:
            reasons.append(f"framework {fw}")
        if n_r < 1:
            reasons.append("no recommendations")
        # An ask cut by a page break runs on past its passage; its opening words are in it.
        if f and any(r.text[:40] not in " ".join(r.passage.text.split()) for r in f.recommendations):
            reasons.append("recommendation not found in its passage")
        if reasons:
            failures.append((row["file"], fw, n_j, n_r, "; ".join(reasons)))
    print("\n".join(f"{file} | {fw} | {nj} | {nr} | {why}" for file, fw, nj, nr, why in failures))
    assert len(rows) > 0
    assert len(failures) <= 0.05 * len(rows), failures


@pytest.mark.corpus
def test_corpus_summary_bullets_under_topic_headings_are_findings():
    """SIF summaries of 2014-15 list the reasons for the grade as bullets under topic headings; every bullet
    up to the next question heading is a finding, of the grade's side."""
    import re

    from conftest import corpus_or_skip, corpus_read

    corpus_or_skip()
    checked = 0
    for row in _corpus_reports():
        doc = corpus_read(row["file"])[0]
        lines = [t.strip() for t in doc.text.split("\n") if t.strip()]
        heads = [i for i, t in enumerate(lines) if re.search(r"\b(good|improvement|inadequate|outstanding) because:?$", t)]
        if not any(i + 2 < len(lines) and lines[i + 2].startswith("- ") for i in heads):
            continue
        facts = _corpus_facts(row["file"])[3][0]
        for i in heads:
            # the bullets counted by hand: up to a question, a numbered paragraph or a line of prose
            n, j = 0, i + 1
            # the bullets counted by hand end at another list's lead ("The Local Authority has the following
            # strengths") too
            while j < len(lines) and not lines[j].endswith("?") and not re.match(r"\d+\.\s", lines[j]) and not (
                    j > i + 1 and re.search(r"\b(because|strengths|weaknesses):?$", lines[j])):
                if lines[j].startswith("- "):
                    n += 1
                elif len(lines[j]) > 70 or lines[j].endswith("."):
                    break
                j += 1
            if n == 0:
                continue  # reasons written as paragraphs, not a list under topic headings
            # "requires improvement and is not yet good because" gives the reasons it is not good
            side = "weakness" if re.search(r"improvement|inadequate|not yet", lines[i]) else "strength"
            got = [f for f in facts.findings if f.kind == side]
            assert len(got) >= n > 0, (row["file"], lines[i], n, len(got))
            checked += 1
    assert checked >= 4


def test_reasons_of_serious_weaknesses_are_weaknesses(tmp_path):
    """"has serious weaknesses and is not yet good because" is the inadequate grade's lead: its reasons are
    weaknesses, though it names "good"."""
    from kg.extract.reports import _lines, sif_findings

    path = tmp_path / "report.txt"
    path.write_text("Summary of key findings\n\nThis Local Authority has serious weaknesses and is not yet good "
                    "because\n\n- Children wait too long for assessments.\n\n- Plans are not reviewed.\n\n"
                    "The Local Authority has the following strengths\n\n- Care leavers are well supported.\n")
    doc = read_document(path)
    got = [(f.kind, f.text) for f in sif_findings(doc, _lines(doc))]
    assert got == [("weakness", "Children wait too long for assessments."), ("weakness", "Plans are not reviewed."),
                   ("strength", "Care leavers are well supported.")]


def _written(tmp_path, text: str):
    """A report of ``text``, read, and its lines."""
    from kg.extract.reports import _lines

    path = tmp_path / "report.txt"
    path.write_text(text)
    doc = read_document(path)
    return doc, _lines(doc)


def test_sif_asks_end_at_the_first_finding_after_them(tmp_path):
    """The numbering runs on from the board's asks into its findings; a finding further on that happens to be
    worded like an ask ("... which details prevalence, work undertaken ...") is no ask: the list of asks ends
    at the first paragraph after them that is not one. A first paragraph saying there are none is passed."""
    from kg.extract.reports import sif_recommendations

    doc, lines = _written(tmp_path, (
        "Priority and immediate action\n17. The inspection did not find any areas for priority and immediate "
        "action. Areas for improvement\n18. Ensure that plans are reviewed.\n19. Comply with care-planning "
        "regulations when children are looked after.\nSummary for children and young people\n"
        "The Local Safeguarding Children Board\nRecommendations\n151. Complete work on the performance framework.\n"
        "152. The Board has an independent chair who is respected.\n153. The Board receives a report twice yearly "
        "which details prevalence, work undertaken and outcomes.\nInformation about this inspection\n"))
    assert [(r.number, r.part) for r in sif_recommendations(doc, lines, "2015-09-15")] == [
        ("18", "local authority"), ("19", "local authority"), ("151", "LSCB")]


def test_ilacs_ask_with_a_list_of_parts_is_one_ask(tmp_path):
    """"- The quality of oversight of:" and the lower-case bullets after it are one ask with its parts."""
    from kg.extract.reports import ilacs_recommendations

    doc, lines = _written(tmp_path, (
        "What needs to improve?\n- The opportunities for children to be heard.\n- The quality of "
        "oversight and monitoring of:\n- the pre-proceedings process\n- permanence for children\n"
        "- private fostering.\n- Caseloads in the assessment teams.\n"
        "The experiences and progress of children in care: good\n"))
    assert [r.text for r in ilacs_recommendations(doc, lines)] == [
        "The opportunities for children to be heard.",
        "The quality of oversight and monitoring of: the pre-proceedings process permanence for children "
        "private fostering.", "Caseloads in the assessment teams."]


def test_ilacs_asks_after_a_footnote_mark_on_their_heading(tmp_path):
    """Reports since 2024 mark "What needs to improve?" with a footnote (cross-referenced to the national
    framework); the mark stands alone on the next line, before the bullets."""
    from kg.extract.reports import _lines, ilacs_recommendations

    path = tmp_path / "report.txt"
    path.write_text("What needs to improve?\n1\n- Leadership stability and capacity (Enabler one).\n- The quality of "
                    "pathway plans for care leavers (Enabler two).\nThe experiences and progress of care leavers: good\n")
    doc = read_document(path)
    assert [r.text for r in ilacs_recommendations(doc, _lines(doc))] == [
        "Leadership stability and capacity (Enabler one).", "The quality of pathway plans for care leavers (Enabler two)."]


def test_first_sif_reports_bullet_their_asks(tmp_path):
    """The first SIF reports (2014) list their areas for improvement, and the board's, as bullets."""
    from kg.extract.reports import _lines, sif_recommendations

    path = tmp_path / "report.txt"
    path.write_text("What does the Local Authority need to improve?\nAreas for improvement\n- Ensure that decisions "
                    "are recorded.\n- Ensure that strategy meetings are recorded.\nSummary for children\n"
                    "What does the LSCB need to improve?\nAreas for improvement\n"
                    "- Ensure that the board membership meets the requirements.\nInformation about this inspection\n")
    doc = read_document(path)
    got = [(r.number, r.part, r.text) for r in sif_recommendations(doc, _lines(doc), "2014-02-11")]
    assert got == [("1", "local authority", "Ensure that decisions are recorded."),
                   ("2", "local authority", "Ensure that strategy meetings are recorded."),
                   ("3", "LSCB", "Ensure that the board membership meets the requirements.")]


def sif_asks(tmp_path: Path, text: str):
    """The asks kg.extract.reports reads from a SIF report made of ``text``."""
    from kg.extract.reports import _lines, sif_recommendations

    path = tmp_path / "report.txt"
    path.write_text(text)
    doc = read_document(path)
    return sif_recommendations(doc, _lines(doc), "2015-05-12")


def test_sif_numbering_runs_on_from_asks_into_findings(tmp_path):
    """A SIF report numbers its asks and the findings under the next headings in one run; a finding is never
    an ask (near misses read from the framework's layout: strengths, progress, the board's judgement)."""
    asks = sif_asks(tmp_path, (
        "What does the local authority need to improve?\nPriority and immediate action\nCorporate parenting\n"
        "1. Re-establish contact with the care leavers not in touch with the service.\nAreas for improvement\n"
        "Quality of work\n2. Ensure that children looked after have their reviews on time.\nAdoption\n"
        "3. The Adoption Panel Chair to report annually to the local authority.\nCare leavers\n"
        "4. When children go missing, ensure that return home interviews are timely.\n"
        "The local authority's strengths\n"
        "5. The local authority's positive recruitment strategy has resulted in a more stable workforce.\n"
        "6. Privately fostered children receive a high quality and effective service.\n"
        "Progress since the last inspection\n7. The last inspection was in April 2013.\n"
        "Summary for children and young people\n"
        "What does the LSCB need to improve?\nAreas for improvement\nGovernance\n"
        "8. Board partners need to ensure that all agencies attend key meetings.\n"
        "Inspection judgement about the LSCB\n"
        "9. The Board is outward facing and the right agencies are around the table.\n"
        "10. Early help is at an early stage.\nWhat the inspection judgements mean\n"))
    assert [(r.number, r.part) for r in asks] == [
        ("1", "local authority"), ("2", "local authority"), ("3", "local authority"), ("4", "local authority"),
        ("8", "LSCB")]


def test_sif_asks_across_references_second_paragraphs_and_long_topics(tmp_path):
    """A SIF ask may be followed by where its evidence is ("(Paragraphs 22 - 23)") or by a paragraph of its
    own before the next number, and a list may open with a long topic heading: none of them ends the list. The
    line that opens the next part ("The local authority has the following strengths:") is no ask's paragraph."""
    asks = sif_asks(tmp_path, (
        "Areas for improvement\nEnable looked after children and young people to live in permanent homes\n"
        "1. Ensure that all routes to permanence are used.\n(Paragraphs 22 - 23)\n"
        "2. Ensure that the Board tests information on the quality of practice.\n"
        "This includes children who have disabilities and young carers.\n"
        "3. Improve the quality of multi-agency auditing.\nThe local authority has the following strengths:\n"
        "4. Ensure that the strengths are built on.\nSummary for children and young people\n"))
    assert [(r.number, r.text) for r in asks] == [
        ("1", "Ensure that all routes to permanence are used."),
        ("2", "Ensure that the Board tests information on the quality of practice. This includes children who have "
              "disabilities and young carers."),
        ("3", "Improve the quality of multi-agency auditing.")]


def test_sif_asks_as_the_reports_number_them(tmp_path):
    """SIF reports of 2014-16 (Blackpool, Manchester, Rochdale, Slough): a number run into its paragraph
    ("144.BSCB needs to ..."); "The local authority's strengths" ends the asks even where its first finding
    speaks of "the need to"; a footnote between an ask and the next topic heading does not end the list; a
    numbered topic heading over bullets numbers a group of asks."""
    asks = sif_asks(tmp_path, (
        "Recommendations\n1. Quality and effectiveness of practice\n- Ensure that contingency arrangements are "
        "reviewed.\n- Be tenacious about ensuring that all children who go missing are offered an interview.\n"
        "2. Oversight and scrutiny by senior leaders\n- Review the corporate parenting strategy.\n"
        "Missing children\n3. Ensure that all cared for children2 receive a timely health assessment.\n"
        "Looked after children in Rochdale are known locally as cared for children, following a consultation.\n"
        "Scrutiny and challenge\n4. Establish an outcome-focused approach to practice.\n"
        "The local authority's strengths\n5. The local authority understands the need to ensure that its "
        "workforce is stable.\nSummary for children and young people\n"
        "The Local Safeguarding Children Board\nPriority and immediate action\n144.BSCB needs to take steps to "
        "ensure that it is fully compliant with its statutory duties.\nThe LSCB's strengths\n"
        "145.BSCB has developed a robust framework.\nInformation about this inspection\n"))
    assert [(r.number, r.part) for r in asks] == [
        ("1.1", "local authority"), ("1.2", "local authority"), ("2.1", "local authority"), ("3", "local authority"),
        ("4", "local authority"), ("144", "LSCB")]


def test_sif_lscb_asks_bulleted_under_topic_headings(tmp_path):
    """An LSCB review printed after the report (Hull 2015) bullets the board's asks under topic headings."""
    asks = sif_asks(tmp_path, (
        "Areas for improvement\n1. Ensure that joint visits are undertaken swiftly.\n"
        "Summary for children and young people\nThe Local Safeguarding Children Board\n"
        "What does the LSCB need to improve?\nAreas for improvement\nData and performance management\n"
        "- Ensure that performance information is provided to the LSCB by all partner agencies.\n"
        "- Ensure that the LSCB provides sustained challenge to partner agencies.\nQuality of practice\n"
        "- Ensure that the views of children are used to inform the work of the Board.\n"
        "Inspection judgement about the LSCB\n"))
    assert [(r.number, r.part) for r in asks] == [("1", "local authority"), ("2", "LSCB"), ("3", "LSCB"),
                                                   ("4", "LSCB")]


def test_slac_ask_going_on_after_in_particular_is_one(tmp_path):
    """Medway 2013: "... decision making, in particular ensure managers clearly record ..." is one bullet; a
    verb after "in particular" goes on with the ask rather than opening one whose bullet was lost."""
    from kg.extract.reports import slac_recommendations

    doc, lines = _written(tmp_path, (
        "Areas for improvement\n20. In order to improve the quality of provision, the local authority should take "
        "the following action.\nImmediately:\n- improve the quality and consistency of management oversight and "
        "decision making, in particular ensure managers clearly record their decisions\n- ensure that social "
        "workers inform looked after children about the complaints process.\nGrade 4 (Inadequate)\n"))
    assert [r.number for r in slac_recommendations(doc, lines, "2013-08-23")] == ["20.1", "20.2"]


def test_sif_numbered_ask_leading_into_its_parts_is_one(tmp_path):
    """Near miss of the numbered topic (Leicester 2015): "1. Put into place a framework; this to include" and
    its lower-case bullets are one ask, not a topic over three."""
    asks = sif_asks(tmp_path, (
        "Priority and immediate action\nLeadership and management\n1. Put into place an effective performance "
        "management framework; this to include\n- comprehensive and reliable performance data\n- clear monitoring "
        "arrangements.\n2. Ensure that all staff receive regular reflective supervision.\n"
        "Summary for children and young people\n"))
    assert [r.number for r in asks] == ["1", "2"]


def test_slac_judgements_with_grade_numbers_and_grades_on_the_next_line(tmp_path):
    """The 2013 looked after children reports (Medway, Kent): a grade may carry its number ("Inadequate Grade
    4") and stand on the line after its aspect ("Outcomes for looked after children and young people" /
    "Adequate")."""
    from kg.extract.reports import slac_judgements

    doc, lines = _written(tmp_path, (
        "Record of main findings\nServices for looked after children\nOverall effectiveness Inadequate Grade 4\n"
        "Capacity to improve Adequate Grade 3\nOutcomes for looked after children and young people\n"
        "Inadequate Grade 4\nQuality of provision Adequate\n"))
    assert [(j.aspect, j.grade) for j in slac_judgements(doc, lines)] == [
        ("Looked after children: Overall effectiveness", "Inadequate"),
        ("Looked after children: Capacity to improve", "Adequate"),
        ("Looked after children: Outcomes for looked after children and young people", "Inadequate"),
        ("Looked after children: Quality of provision", "Adequate")]
