"""Classification of the seed documents and of every corpus PDF against the publisher's kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.classify import classify
from kg.read import read_document

ROOT = Path(__file__).resolve().parents[1]
SEEDS = {
    "000": ("InspectionReport", "report", "SIFInspection", "SIF"),
    "001": ("CouncilReport", "council", "JTAI", "JTAI"),
    "002": ("InspectionLetter", "letter", "FocusedVisit", "ILACS"),
    "004": ("InspectionReport", "report", "SafeguardingLACInspection", "SafeguardingLAC"),
}


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_kinds(prefix):
    cls = classify(read_document(next((ROOT / "examples" / "documents").glob(f"{prefix}_*.txt"))))
    assert (cls.document_kind, cls.family, cls.inspection_kind, cls.framework) == SEEDS[prefix], cls.reason


def test_minutes_and_unknown(tmp_path):
    minutes = classify(read_document(next((ROOT / "examples" / "documents").glob("003_*.txt"))))
    assert (minutes.document_kind, minutes.family) == ("Minutes", "council")
    other = tmp_path / "note.txt"
    other.write_text("Shopping list\n\nEggs, milk and bread.\n")
    cls = classify(read_document(other))
    assert (cls.document_kind, cls.family, cls.inspection_kind) == ("UnknownDocument", "unknown", None)
    assert cls.warnings == ["note.txt: document kind not recognised; kept as an unknown document"]


def test_pdf_classifies_like_its_text():
    for prefix in ("000", "002"):
        pdf = classify(read_document(next((ROOT / "examples" / "pdf").glob(f"{prefix}_*.pdf"))))
        assert (pdf.document_kind, pdf.inspection_kind, pdf.framework) == (SEEDS[prefix][0], *SEEDS[prefix][2:])


def expected_kinds(kind: str, year: int) -> set[str]:
    """The manifest's kind names a framework only through the publication year."""
    if kind == "children's services focused visit":
        return {"FocusedVisit"}
    if kind == "joint area child protection inspection":
        return {"JTAI"}
    if kind == "area send full inspection":
        return {"AreaSENDInspection"}
    if kind.startswith("joint area review"):  # a progress inspection of no framework since
        return {"OtherInspection"}
    ilacs = {"ILACSStandardInspection", "ILACSShortInspection"}
    if year <= 2013:
        return {"SafeguardingLACInspection"}
    if year == 2018:  # the year SIF gave way to ILACS
        return {"SIFInspection"} | ilacs
    return {"SIFInspection"} if year < 2018 else ilacs


@pytest.mark.corpus
def test_every_corpus_pdf_classifies_to_the_manifest_kind():
    """Every Ofsted PDF of the corpus, whatever its number, gets the kind its publisher gives it."""
    from conftest import corpus_or_skip, corpus_read, corpus_rows

    corpus_or_skip()
    rows = corpus_rows()
    assert rows
    failures = []
    for row in rows:
        cls = corpus_read(row["file"])[1]
        if cls.inspection_kind not in expected_kinds(row["kind"], int(row["published"][-4:])):
            failures.append(f"{row['file']}: {row['kind']} -> {cls.inspection_kind} ({cls.reason})")
    print("\n".join(failures))
    assert not failures


# Phrases each title or mention pattern matches, every alternative of each, in odd capitals.
PHRASES = [
    "Joint Targeted Area Inspection of the multi-agency response", "JTAI of Barnsley", "the joint, targeted area inspection",
    "Area SEND full inspection", "Local area partnership report", "Inspection of the local area's arrangements for "
    "children with special educational needs", "Focused visit to Barnsley", "Re: focused visit to x",
    "findings of the focused visit", "Monitoring visit of Barnet", "findings of the monitoring visit",
    "Inspection of safeguarding and looked after children services", "Inspection of looked after children services",
    "Review of the effectiveness of the Local Safeguarding Children Board",
    "Inspection of the Isle of Wight local authority children's services", "inspection of services for children in need "
    "of help and protection, children looked after and care leavers", "Inspection of Barnsley Metropolitan Borough "
    "Council children's services", "the SEND inspection", "local area SEND", "the ILACS inspection",
    "inspection of local authority children's services", "the single inspection framework", "under the SIF",
    "Safeguarding and looked after children services inspection", "Ofsted carried out an inspection",
    "the inspection by Ofsted",
]


def test_quick_word_tests_never_skip_a_match():
    """The plain word test before each classification pattern is only ever a shortcut: wherever a pattern
    matches ASCII text (the phrases above, every line and the head of every seed, and the whole text, which
    a title's spaces may cross lines of), its words are there."""
    from kg.domain import PAPER_MENTIONS, TITLES

    texts = list(PHRASES)
    for path in sorted((ROOT / "examples" / "documents").glob("*.txt")):
        text = read_document(path).text
        texts += [text, *text.split("\n")]
    guarded = [g for g, _, _ in TITLES + PAPER_MENTIONS]
    matched = set()
    for g in guarded:
        for t in texts:
            if t.isascii() and g.pattern.search(t):
                matched.add(g)
                assert g.may_match(t.lower()), (g.pattern.pattern, t[:80])
    assert matched == set(guarded)  # every pattern was tried on text it matches


@pytest.mark.parametrize("head,expected", [
    # the ILACS title names the council in any form before "local authority children's services"
    ("Inspection of the Isle of Wight local authority children's services\nInspection dates: 30 October to "
     "3 November 2023", ("InspectionReport", "ILACSShortInspection", "ILACS")),
    ("Inspection of Southend-on-Sea city council local authority children's services", (
        "InspectionReport", "ILACSStandardInspection", "ILACS")),
    ("Inspection of looked after children services\nKent County Council\nInspection dates: 15 – 19 July 2013",
     ("InspectionReport", "SafeguardingLACInspection", "SafeguardingLAC")),
    ("Surrey Safeguarding Children Board\nReview of the effectiveness of the Local Safeguarding Children\nBoard",
     ("InspectionReport", "SIFInspection", "SIF")),
    # no title in the text layer: the ILACS judgement grid names the framework
    ("Inspection dates: 13 to 17 June 2022\nLead inspector: A Name\nJudgement Grade\nThe impact of leaders on "
     "social work practice with children and families\nGood", ("InspectionReport", "ILACSShortInspection", "ILACS")),
    # an Ofsted inspection of no kind named above
    ("Inspection of progress made in the provision of safeguarding services in the London\nBorough of Haringey\n"
     "Care Quality Commission\nOfsted\nPublished: 3 July 2009", ("InspectionReport", "OtherInspection", None)),
])
def test_titles_of_every_form(tmp_path, head, expected):
    path = tmp_path / "doc.txt"
    path.write_text(head + "\n\nSome findings follow.\n")
    cls = classify(read_document(path))
    assert (cls.document_kind, cls.inspection_kind, cls.framework) == expected, cls.reason
