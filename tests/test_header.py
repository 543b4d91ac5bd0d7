"""Dates and header facts (authority, title, publication and inspection dates, inspectors)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kg.classify import classify
from kg.dates import find_date_range, parse_date
from kg.extract.header import read_header
from kg.iris import authority_slug
from kg.read import read_document

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.mark.parametrize("text,ref,expected", [
    ("Inspection date: 2 June 2014 – 25 June 2014", None, ("2014-06-02", "2014-06-25")),
    ("Inspection dates: 9 – 20 January 2012", None, ("2012-01-09", "2012-01-20")),
    ("on 5 and 6 November 2024.", None, ("2024-11-05", "2024-11-06")),
    ("took place between 23rd and 27th May this year", 2022, ("2022-05-23", "2022-05-27")),
    ("26 February to 2 March 2018", None, ("2018-02-26", "2018-03-02")),
    ("21 SEPTEMBER 2022", None, ("2022-09-21", "2022-09-21")),
    ("14TH JANUARY 2014", None, ("2014-01-14", "2014-01-14")),
    ("in June 2012", None, ("2012-06", "2012-06")),
    ("no date at all", None, None),
])
def test_date_ranges(text, ref, expected):
    assert find_date_range(text, ref) == expected


DAYS = st.lists(st.sampled_from(["1", "2", "25", "28", "31", "June", "December", "January", "2014", "2013", "–",
                                  "to", "and", "this year"]) | st.text(max_size=3), max_size=12).map(" ".join)


@given(DAYS | st.text())
@example("Inspection dates: 25 June 2014 – 2 June 2014")
@example("28 December to 3 January 2013")
def test_a_found_range_never_ends_before_it_starts(text):
    """(That the parsers never raise nor return a day the calendar lacks: tests/test_hostile_input.py.)"""
    got = find_date_range(text, 2020)
    assert got is None or got[0] <= got[1], got


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_written_dates_round_trip(day):
    written = f"{day.day} {day.strftime('%B')} {day.year}"
    assert parse_date(f"Published: {written}.") == day.isoformat()
    assert parse_date(written.upper()) == day.isoformat()


def header(path: Path):
    doc = read_document(path)
    return read_header(doc, classify(doc))


def seed(prefix: str, folder: str = "documents") -> Path:
    return next((ROOT / "examples" / folder).glob(f"{prefix}_*"))


def test_report_header():
    for path in (seed("000"), seed("000", "pdf")):
        h = header(path)
        assert h.authority == "Metropolitan Borough of Barnsley Council"
        assert h.title.startswith("Inspection of services for children in need of help and protection")
        assert (h.published, h.start, h.end) == ("2014-08-08", "2014-06-02", "2014-06-25")
        assert "2 June 2014" in h.dates_passage.text and " ".join(h.authority_passage.text.split()) in h.authority


def test_older_report_and_letter_and_council_headers():
    h = header(seed("004"))
    assert (h.authority, h.published, h.start, h.end) == ("London Borough of Barnet", "2012-02-24", "2012-01-09",
                                                         "2012-01-20")
    assert h.inspectors == ["Marie McGuinness"]
    h = header(seed("002"))
    assert (h.authority, h.published, h.start, h.end) == ("Barnsley Metropolitan Borough Council", "2024-12-05",
                                                         "2024-11-05", "2024-11-06")
    assert h.inspectors == ["Jo Warburton", "Jan Edwards"] and h.inspectorates == ["Ofsted"]
    h = header(seed("001"))
    assert (h.published, h.start, h.end) == ("2022-09-21", "2022-05-23", "2022-05-27")
    assert h.authority == "BARNSLEY METROPOLITAN BOROUGH COUNCIL"
    assert h.inspectorates == ["Ofsted", "CQC", "HMICFRS"]
    h = header(seed("003"))
    assert (h.authority, h.published) == ("BARNSLEY METROPOLITAN BOROUGH COUNCIL", "2014-01-14")


def key(name: str) -> str:
    return authority_slug(re.sub(r"\s*&\s*", " and ", name))


# Documents that do not state the dates of their inspection (also in docs/coverage.md).
UNDATED = {
    # A joint area review's progress inspection: it dates the review it follows up, never its own fieldwork.
    "pdf/80498_haringey/joint-area-review---progress-inspection--pdf---03-july-2009.pdf",
}


@pytest.mark.corpus
def test_corpus_headers_name_the_authority_and_dates():
    from conftest import corpus_or_skip, corpus_read, corpus_rows

    corpus_or_skip()
    wrong_authority, no_dates = [], []
    for row in corpus_rows():
        h = corpus_read(row["file"])[2]
        if key(h.authority or "") != key(row["authority"]):
            wrong_authority.append(f"{row['file']}: {row['authority']!r} != {h.authority!r}")
        if not (h.start and h.end and h.start <= h.end and h.dates_passage) and row["file"] not in UNDATED:
            no_dates.append(row["file"])
    print("\n".join(wrong_authority + no_dates))
    assert not no_dates
    assert not wrong_authority


def _corpus_header(pattern: str):
    if not (CORPUS / "manifest.csv").exists():
        pytest.skip(f"corpus absent: {CORPUS}")
    doc = read_document(next((CORPUS / "pdf").glob(pattern)))
    return read_header(doc, classify(doc))


def test_title_wrapped_mid_name_is_joined():
    h = _corpus_header("*windsor-and-maidenhead/joint-area-child-protection-inspection---04-july-2022.pdf")
    assert h.authority == "Royal Borough of Windsor and Maidenhead"
    h = _corpus_header("*bedford/childrens-services-inspection---07-april-2017.pdf")
    assert h.title.endswith("care leavers and Review of the effectiveness of the Local Safeguarding Children Board")


def test_sif_inspection_team_at_the_end_gives_the_inspectors():
    h = _corpus_header("*bedford/childrens-services-inspection---07-april-2017.pdf")
    assert h.inspectors[:3] == ["Donna Marriott", "Peter McEntee", "Anji Parker"]
    assert "Rachel Griffiths" in h.inspectors and not any(n.endswith(("HMI", " AI")) for n in h.inspectors)


def test_visit_days_written_with_the_and_of(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("8 June 2018\n\nDear Martin,\n\nFocused visit to Camden children's services\n\nThis letter "
                    "summarises the findings of a focused visit to Camden children's services on the 15 and 16 of "
                    "May 2018. The inspectors were Andy Whippey, HMI, and Anne Waterman, HMI.\n")
    h = header(path)
    assert (h.start, h.end) == ("2018-05-15", "2018-05-16")
