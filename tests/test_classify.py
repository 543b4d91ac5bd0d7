"""Classification of the seed documents and of every corpus PDF against the publisher's kind."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kg.classify import classify
from kg.read import read_document

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
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
    ilacs = {"ILACSStandardInspection", "ILACSShortInspection"}
    if year <= 2013:
        return {"SafeguardingLACInspection"}
    if year == 2018:  # the year SIF gave way to ILACS
        return {"SIFInspection"} | ilacs
    return {"SIFInspection"} if year < 2018 else ilacs


@pytest.mark.corpus
def test_every_corpus_pdf_classifies_to_the_manifest_kind():
    if not CORPUS.exists():
        pytest.skip(f"corpus absent: {CORPUS}")
    rows = list(csv.DictReader((CORPUS / "manifest.csv").open(encoding="utf-8")))
    assert len(rows) == 160
    failures = []
    for row in rows:
        cls = classify(read_document(CORPUS / row["file"]))
        if cls.inspection_kind not in expected_kinds(row["kind"], int(row["published"][-4:])):
            failures.append(f"{row['file']}: {row['kind']} -> {cls.inspection_kind} ({cls.reason})")
    print("\n".join(failures))
    assert not failures
