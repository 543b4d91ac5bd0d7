"""Every date says what it is and every document is named as a reader names it (issue 14 items 4 and 5,
issue 16 items 2 and 3): the tracker's inspection dates and latest evidence, kg status's evidence lines,
statuses as people write them, the named questions' columns, the plot's legend, and output that fits
where it goes (whole cells when piped, nothing on stderr when the reader stops early)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli.main import app

ROOT = Path(__file__).resolve().parents[1]
REC22 = "https://w3id.org/inspection-kg/id/inspection/barnsley/sif/2014-06/recommendation/22"


def run(*args):
    return CliRunner().invoke(app, list(args))


def piped_table(store: Path, *args: str) -> list[list[str]]:
    res = run(*args, "--store", str(store))
    assert res.exit_code == 0, res.output
    return [line.split("\t") for line in res.stdout.splitlines()]


@pytest.fixture(scope="module")
def pdf_store(tmp_path_factory) -> Path:
    """Barnsley's 2014 SIF report and 2024 focused-visit letter, built from their PDFs (pages known)."""
    from kg.pipeline import build

    path = tmp_path_factory.mktemp("pdf") / "store"
    report = build([ROOT / "examples" / "pdf"], path)
    assert not report.failed, [r.error for r in report.failed]
    return path


def test_tracker_names_the_inspection_by_its_dates_and_the_evidence_by_its_document(seed_store):
    rows = piped_table(seed_store, "recommendations", "--authority", "barnsley")
    assert rows[0] == ["council", "inspection", "number", "status", "recommendation", "latest evidence"]
    row = next(r for r in rows if r[2] == "22")
    assert row[:4] == ["Barnsley", "SIF 2014-06-02 to 2014-06-25", "22", "in progress"]
    assert row[5].startswith("in progress: Barnsley's focused visit letter published 2024-12-05: \"Social workers")
    assert not any("in-progress" in cell for r in rows for cell in r[:4] + r[5:6])


def test_tracker_piped_writes_every_cell_whole(seed_store):
    rows = piped_table(seed_store, "recommendations", "--authority", "barnsley")
    as_json = {r["number"]: r for r in json.loads(run("recommendations", "--authority", "barnsley", "--format",
                                                       "json", "--store", str(seed_store)).stdout)}
    row = next(r for r in rows if r[2] == "22")
    assert row[4] == as_json["22"]["text"] and len(row[4]) > 120
    assert not any("\u2026" in cell for r in rows for cell in r)


def test_tracker_json_names_each_date_and_the_latest_evidence_document(seed_store):
    rows = json.loads(run("recommendations", "--authority", "barnsley", "--format", "json",
                          "--store", str(seed_store)).stdout)
    row = next(r for r in rows if r["recommendation"] == REC22)
    assert (row["inspection_start"], row["inspection_end"], row["date"]) == ("2014-06-02", "2014-06-25", "2014-06-25")
    assert row["inspection_kind"] == "SIF" and row["status"] == "in-progress"
    latest = row["latest_assessment"]
    assert latest["document_name"] == "Barnsley's focused visit letter published 2024-12-05"
    assert (latest["date"], latest["status"], latest["evidence"]) == ("2024-12-05", "in-progress", "inspectorate")
    assert row["latest_evidence_document"] == latest["document_name"]
    assert row["latest_evidence"].startswith("2024-12-05 inspectorate, in-progress: Social workers")  # the contract's
    csv_head = run("recommendations", "--format", "csv", "--store", str(seed_store)).stdout.splitlines()[0]
    assert csv_head.endswith(",inspection_start,inspection_end,inspection_kind,latest_evidence_document")


def test_tracker_latest_evidence_is_never_a_doubt(seed_store):
    """A doubt (a deficit perhaps on the same topic) only keeps a document from closing an ask: the tracker
    quotes the latest evidence of its own, as the page does."""
    rows = json.loads(run("recommendations", "--format", "json", "--store", str(seed_store)).stdout)
    doubts = [r for r in rows if r["latest_assessment"] and r["latest_assessment"]["found_by"]
              and r["latest_assessment"]["found_by"].startswith("a deficit")]
    assert doubts == []
    status = json.loads(run("status", REC22.replace("sif/2014-06/recommendation/22",
                                                    "safeguarding-lac/2012-06/recommendation/hee387ff2908f"),
                            "--format", "json", "--store", str(seed_store)).stdout)
    assert any(a["found_by"].startswith("a deficit") for a in status["assessments"]), "the seeds hold doubts"


def test_status_names_each_document_by_council_kind_and_date(seed_store):
    text = run("status", "--authority", "barnsley", "--year", "2012", "--about", "access to records",
               "--store", str(seed_store)).stdout
    assert ("  open        inspectorate finding: Barnsley's SIF inspection report published 2014-08-08, "
            "paragraph 103\n") in text
    assert ".txt" not in text and "in-progress" not in text
    head = text.splitlines()[0]
    assert head.startswith("Not closed (in progress). The 2014 inspection asked again (number 22); Barnsley's "
                           "focused visit letter published 2024-12-05 reads part 1 in progress: ")
    assert text.splitlines()[-1] == ("Asked again as number 22 of the SIF inspection of 2014-06-02 to 2014-06-25 "
                                     f"(report published 2014-08-08), which stands in progress: {REC22}")
    out = json.loads(run("status", "--authority", "barnsley", "--year", "2012", "--about", "access to records",
                         "--format", "json", "--store", str(seed_store)).stdout)
    names = {a["document_name"] for a in out["assessments"]}
    assert names == {"Barnsley's SIF inspection report published 2014-08-08"}
    assert out["made"]["inspection_kind"] == "safeguarding & LAC" and out["chain"][0]["made"]["inspection_kind"] == "SIF"
    assert text.splitlines()[1].startswith("  Barnsley, made at the safeguarding & LAC inspection of 2012-06 (reconstructed")


def test_status_lists_doubts_apart_from_the_evidence(seed_store):
    text = run("status", "--authority", "barnsley", "--year", "2012", "--about", "access to records",
               "--store", str(seed_store)).stdout
    evidence, doubts = text.split("Evidence, oldest first:\n")[1].split("Doubts, no evidence of their own")
    assert "a deficit" not in evidence
    assert "\n  Barnsley's SIF inspection report published 2014-08-08, paragraph 103: \"Most case recording is up " \
           "to date.\"\n" in doubts


def test_status_names_the_page_of_a_pdf(pdf_store):
    out = json.loads(run("status", "--authority", "barnsley", "--year", "2014", "--number", "22", "--format",
                         "json", "--store", str(pdf_store)).stdout)
    latest = out["assessments"][-1]
    assert latest["page"] == 3 and latest["document_name"] == "Barnsley's focused visit letter published 2024-12-05"
    text = run("status", "--authority", "barnsley", "--year", "2014", "--number", "22", "--store",
               str(pdf_store)).stdout
    assert "inspectorate finding: Barnsley's focused visit letter published 2024-12-05, page 3\n" in text


def test_a_document_without_a_publication_date_is_dated_by_its_inspection(seed_store_copy):
    """The evidence date of a document that gives no publication date is its inspection's: the answer says
    so rather than calling that date its publication."""
    from kg import store as kgstore

    with kgstore.writing(seed_store_copy) as st:
        st.update("DELETE { GRAPH ?g { ?d <https://w3id.org/inspection-kg/ontology#publicationDate> ?p } } "
                  "WHERE { GRAPH ?g { ?d <https://w3id.org/inspection-kg/ontology#sourceFile> "
                  "'000_f56d5fcf9e60df36.txt' ; <https://w3id.org/inspection-kg/ontology#publicationDate> ?p } }")
        del st
    out = json.loads(run("status", "--authority", "barnsley", "--year", "2012", "--about", "access to records",
                         "--format", "json", "--store", str(seed_store_copy)).stdout)
    a = out["assessments"][0]
    assert a["document_published"] == ""
    assert a["document_name"] == "Barnsley's SIF inspection report on the inspection of 2014-06-02 to 2014-06-25"


def test_councils_say_their_dates_are_when_inspections_began(seed_store):
    rows = piped_table(seed_store, "councils")
    assert rows[0] == ["council", "key", "documents", "inspections", "first inspection began",
                       "last inspection began"]


def test_a_status_is_typed_as_the_table_shows_it(seed_store):
    """The table says "in progress": --status takes it as it is read (and the JSON's "in-progress")."""
    rows = piped_table(seed_store, "recommendations", "--status", "in progress")
    assert len(rows) > 1 and {r[3] for r in rows[1:]} == {"in progress"}
    assert piped_table(seed_store, "recommendations", "--status", "in-progress") == rows
    res = run("recommendations", "--status", "done", "--store", str(seed_store))
    assert res.exit_code == 2 and "'done' is not a status: use open, in progress, closed or unknown" in res.output
