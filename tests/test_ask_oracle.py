"""The oracle that counts a document's asks from its own numbering and bullets (benchmarks/ask_oracle.py),
and the asks the tool reads against it over the whole corpus."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from ask_oracle import expected_asks  # noqa: E402  (benchmarks/ is not a package)


def test_numbered_asks_end_where_the_findings_begin():
    """A SIF report's numbering runs on from the asks (topics between them) into the findings: the count ends
    at a heading of findings or at a paragraph that states what is; a first paragraph saying there are none
    gives none, a heading run on after it opens the next list."""
    text = ("Priority and immediate action\n17. The inspection did not find any areas for priority and immediate "
            "action. Areas for improvement\n18. Ensure that plans are reviewed.\nLeadership, management and "
            "governance\n19. Review the performance of managers.\nKey strengths and weaknesses of the LSCB\n"
            "20. Governance arrangements are strong.\n\nRecommendations\n151. Complete the framework.\n"
            "152. The board demonstrates a culture of challenge.\n153. Ensure the board reports.\n")
    assert expected_asks(text) == 3


def test_an_ask_with_its_parts_is_one_and_a_none_bullet_is_none():
    text = ("Areas for priority action\n- There are no areas for priority action\nAreas for improvement\n"
            "- The quality of oversight of:\n- the pre-proceedings process\n- private fostering.\n"
            "- Caseloads in the assessment teams.\nNext steps\nThe director should prepare a written statement of "
            "proposed action responding to the findings.\n")
    assert expected_asks(text) == 3  # two asks and the written statement


def test_asks_grouped_under_topics_and_a_repeated_numbered_heading():
    jtai = ("Areas for improvement\nLeadership and management\n- Leaders have not yet achieved good practice.\n"
            "The Local Safeguarding Children Board\n- The LSCB does not set targets.\n"
            "Case study: area for improvement\nFor one child, concerns were raised.\n")
    assert expected_asks(jtai) == 2
    jar = ("Priorities for further improvement\n13. Priorities for further improvement:\n- The council should act.\n"
           "- The trust should improve.\nKey findings\n14. The council has made progress.\n")
    assert expected_asks(jar) == 2


def test_rows_of_a_responsible_body_table():
    text = ("Areas for priority action\nResponsible body Areas for priority action\nBury Metropolitan Borough\n"
            "Council and NHS Greater\nManchester ICB\nLeaders across the partnership should ensure that the\n"
            "strategy continues to be implemented. This should be overseen by shared governance.\n"
            "Bury Metropolitan Borough\nCouncil\nLeaders should improve preparation for adulthood.\n"
            "Local area partnership details\n")
    assert expected_asks(text) == 2


# Layouts of the corpus read by hand in their PDFs, each with the count its own numbering and bullets give.
LAYOUTS = {
    # the older infinitive of an ask ("The Adoption Panel Chair to report ...") is an ask
    "infinitive": ("Areas for improvement\n14. Ensure that needs are met.\nAdoption\n15. The Adoption Panel "
                   "Chair to report annually to the local authority.\n16. Improve access to apprenticeships.\n", 3),
    # "Recommendations" straight over "Priority and immediate action" is one list
    "twice": ("Recommendations\nPriority and immediate action\n105. Review the board's documentation.\n106. "
              "Clarify the governance role of the sub-group.\nInspection findings\n", 2),
    # "The local authority has the following strengths:" ends the run
    "strengths": ("Areas for improvement\n17. Ensure that all staff have manageable caseloads.\n18. Ensure "
                  "that all staff receive supervision.\nThe local authority has the following strengths:\n19. "
                  "Senior leaders demonstrate a realistic understanding.\n20. Effective multi-agency meetings "
                  "take place.\n", 2),
    # "No areas were identified" is none
    "none": ("Priority and immediate action\n136. No areas were identified for immediate improvement.\nAreas "
             "for improvement\n137. Develop a narrative analysis of performance.\n", 1),
    # a number run into its paragraph ("144.BSCB needs to ..."); an ask's parts "(i) ..." are no topic heading
    "run in": ("Priority and immediate action\n144.BSCB needs to take steps to ensure that it is "
               "compliant.\nAreas for improvement\n147.Give closer scrutiny to children and young people "
               "where\n(i) they are privately fostered\n(ii) their parents misuse drugs\n148.Ensure that all "
               "partners attend.\n", 3),
    # numbered topic headings over bulleted asks
    "topics": ("Recommendations\n1. Quality and effectiveness of practice\n- Ensure that plans are "
               "reviewed.\n- Improve the support offered on the edge of care.\n2. Children who go missing\n- "
               "Be tenacious about return home interviews.\nSummary for children and young people\n", 3),
    # near miss: a numbered ask leading into its lower-case parts is one ask
    "parts": ("Priority and immediate action\nLeadership and management\n1. Put into place an effective "
              "framework; this to include\n- comprehensive and reliable performance data\n- clear monitoring "
              "arrangements.\n2. Ensure that all staff receive regular reflective supervision.\nSummary for "
              "children\n", 2),
    # the last visit's asks that "remain" are history, not asked again
    "remain": ("Areas for priority action\nThe areas for priority action set at the last focused visit in "
               "February 2020 remain.\nThere are no additional priority actions.\nWhat needs to improve in "
               "this area of social work practice?\nThe areas for improvement set at the last focused visit in "
               "February 2020 remain. There are no additional areas for improvement.\nMain findings\n", 0),
    # Area SEND table rows obliging with "need to" / "need urgently to" (West Northamptonshire 2024)
    "send need to": ("Areas for priority action\nResponsible body Areas for priority action\nWest "
                     "Northamptonshire\nCouncil\nArea leaders need to ensure that there is a partnership "
                     "commissioning agreement.\nWest Northamptonshire\nCouncil\nArea leaders need urgently to "
                     "address the length of time families wait.\nLeaders should ensure that plans are "
                     "completed in a timely manner.\nLocal area partnership details\n", 2),
    # a section heading the table prints twice opens one list (Blackpool 2024)
    "send repeated heading": ("Areas for improvement\nAreas for improvement\n1. The local area partnership "
                              "should ensure that strategic action plans are in place to identify the outcomes "
                              "that they want to achieve.\n2. Leaders should further strengthen the "
                              "relationships that they have developed with mainstream schools and "
                              "academies.\nLocal area partnership details\n", 2),
    # an ask leading into its parts is one ask, the paragraphs after it asks too; the details heading ends the list
    # even with a bullet (Gloucestershire 2024)
    "send ask with parts": ("Areas for improvement\nLeaders in the ICB and the LA should strengthen "
                            "multi-agency working, so that:\n- needs are identified and assessed in a more "
                            "efficient and timely manner; and\n- transitions are improved.\nLeaders in "
                            "education should continue to review the breadth and offer of specialist places "
                            "for children with SEND, in order to inform commissioning.\nThe partnership should "
                            "further develop their strategic plans to include families in partnership "
                            "projects, to embed their voice.\n- Local area partnership details\nLocal "
                            "authority Integrated care board\n", 3),
    # a bullet stopping mid-phrase goes on on the next line ("... in primary care in" / "Derby, including ...", Derby
    # 2019)
    "cut-off bullet": ("Areas for improvement\n- More needs to be done to standardise practice in primary care "
                       "in\nDerby, including updating existing guidance documents\n- Police leaders do not "
                       "assure quality.\nNext steps\n", 2),
    # a part wrapped onto a line of its own ("... the Healthy Child" / "Programme; and", Plymouth 2023)
    "wrapped part": ("Areas for improvement\nLeaders should improve the consistency of support by ensuring:\n- "
                     "all children receive the mandated checks in line with the Healthy Child\nProgramme; "
                     "and\n- all children benefit from a graduated response.\nLeaders should continue to "
                     "address long waiting times for children and young people requesting support from health "
                     "services.\nLocal area partnership details\n", 2),
    # a numbered lead-in to "the following action." and bullets under timescale headings (Kent and Medway 2013)
    "timescales": ("Areas for improvement\n22. In order to improve the quality of provision and services, the "
                   "local authority should take the following action.\nImmediately:\n- improve the quality of "
                   "supervision\n- improve the quality of assessments\nWithin three months:\n- improve the "
                   "timeliness of care proceedings.\nOutcomes for looked after children and young "
                   "people\nGrade 3 (Adequate)\n", 3),
    # a row's body cell on the line of its ask's first words (Plymouth 2023)
    "run-in row": ("Areas for priority action\nResponsible body Areas for priority action\nNHS Devon "
                   "Integrated Care\nBoard\nDevon Integrated Care Board should work with partners to risk "
                   "assess children on waiting lists.\nPlymouth City Council Plymouth City Council leaders "
                   "should ensure that children get the care they need.\nAreas for improvement\nAreas for "
                   "improvement\nLeaders should continue to address long waiting times for children and young "
                   "people requesting support from health services.\nLocal area partnership details\n", 3),
}


@pytest.mark.parametrize("name", LAYOUTS)
def test_layouts_read_as_printed(name):
    text, count = LAYOUTS[name]
    assert expected_asks(text) == count


# Share of the corpus documents whose asks must number what the oracle counts. The issue asks for 99 %;
# docs/coverage.md lists the documents that differ, by name.
ORACLE_SHARE = 0.99


@pytest.mark.corpus
def test_asks_equal_the_oracle_over_the_whole_corpus():
    from conftest import corpus_document, corpus_or_skip, corpus_rows

    from kg.extract import extract

    corpus_or_skip()
    rows = corpus_rows()
    differ = []
    for row in rows:
        doc = corpus_document(row["file"])
        ex = extract(doc)
        got = sum(len(f.recommendations) for f in ex.inspections if f.role == "described")
        want = expected_asks(doc.text)
        if got != want:
            differ.append((row["file"], want, got))
    print("\n".join(map(str, differ)))
    assert len(rows) >= 800
    assert len(differ) <= (1 - ORACLE_SHARE) * len(rows), differ
