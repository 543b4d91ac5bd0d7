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


def _corpus_text_docs(words: str, years=("2017", "2018")):
    """Corpus reports whose text holds ``words`` (found by their wording, not their names)."""
    import csv

    if not CORPUS.exists():
        pytest.skip(f"corpus absent at {CORPUS}")
    out = []
    with open(CORPUS / "manifest.csv", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["kind"] != "children's services inspection" or not r["published"].endswith(years):
                continue
            doc = read_document(CORPUS / r["file"])
            if words in doc.text:
                out.append(doc)
    return out


def test_date_basis_says_whether_the_month_is_the_inspections_or_its_reports():
    s = "The previous inspection of the local authority's services for children looked after was published in March 2012."
    assert mentions._start(s) == ("2012-03", "publication")
    s = "The previous inspection of the local authority's safeguarding arrangements was in January 2012."
    assert mentions._start(s) == ("2012-01", "inspection")
    assert mentions._start("Since the last inspection in 2016, leaders have improved services.") == (None, None)


@pytest.mark.corpus
def test_corpus_mentions_dated_by_publication_keep_the_month_and_say_so():
    docs = _corpus_text_docs("was published in")
    seen = 0
    for doc in docs:
        for f in mentions.find_mentions(doc, NOCLS, NOHEAD, []):
            if "published in" in f.passage.text and f.start and f.start[:4] in f.passage.text:
                seen += 1
                assert f.date_basis == "publication", f.passage.text
                month = {"January": "01", "February": "02", "March": "03", "April": "04", "May": "05", "June": "06",
                         "July": "07", "August": "08", "September": "09", "October": "10", "November": "11",
                         "December": "12"}
                said = [f"{y}-{month[m]}" for m, y in __import__("re").findall(
                    r"published in (?:\d+ )?(\w+) (\d{4})", f.passage.text) if m in month]
                assert f.start[:7] in said  # the month the document states, not a guess at the inspection's
            elif f.start:
                assert f.date_basis == "inspection"
    assert seen >= 5


def test_year_only_mentions_are_counted_not_asserted():
    sentences = ["Since the last inspection in 2016, leaders have made progress.",
                 "Children's services have improved since the previous inspection, in 2019, when they were judged good.",
                 "The previous inspection was in June 2012."]
    assert [mentions.year_only(s) for s in sentences] == [True, True, False]
    docs = _corpus_text_docs("since the last inspection in 2015", years=("2017", "2018", "2019"))
    assert docs
    for doc in docs:
        assert any("2015" in s for s in mentions.year_only_mentions(doc))
        assert not [f for f in mentions.find_mentions(doc, NOCLS, NOHEAD, []) if f.start[:4] == "2015"
                    and "published" not in f.passage.text and "2015." in f.passage.text]


def test_the_inspections_own_month_wins_over_its_reports_publication_month(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("The previous inspection of the local authority's children's services was in November 2014. "
                    "The report of the last inspection was published in January 2015, and judged services to be "
                    "good.\n")
    got = mentions.find_mentions(read_document(path), NOCLS, NOHEAD, [])
    assert [(f.kind, f.start, f.date_basis) for f in got] == [("SIFInspection", "2014-11", "inspection")]
    assert [j.grade for j in got[0].judgements] == ["Good"]  # said of it where its report is dated
