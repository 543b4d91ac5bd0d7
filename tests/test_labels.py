"""The hand-made labels (tests/expected/*-labels) are well formed, and every quote is in its document."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import corpus_or_skip

EXPECTED = Path(__file__).resolve().parent / "expected"
STATUSES = {"Open", "InProgress", "Closed", "Unknown"}


def rows(folder: str) -> list[dict]:
    return [json.loads(line) for f in sorted((EXPECTED / folder).glob("*.jsonl"))
            for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


def derived(parts: list[str]) -> str:
    """An ask's status from its parts' (the readers' rule)."""
    known = [s for s in parts if s != "Unknown"]
    if all(s == "Closed" for s in parts):
        return "Closed"
    if not known:
        return "Unknown"
    return "Open" if all(s == "Open" for s in known) else "InProgress"


def test_status_labels_are_complete_and_their_statuses_follow_from_their_parts():
    labels = rows("status-labels")
    assert len(labels) >= 120 and len({lab["council"] for lab in labels}) >= 20
    well_formed(labels)


def test_second_reading_is_of_first_reading_asks_and_well_formed():
    from benchmarks.eval_readers import ask_key

    second = rows("second-reading")
    assert len(second) >= 20
    first = {ask_key(lab) for lab in rows("status-labels")}
    assert all(ask_key(lab) in first for lab in second)
    well_formed(second)


def well_formed(labels: list[dict]) -> None:
    for lab in labels:
        assert lab["status"] in STATUSES and lab["parts"], lab["ask_text"]
        assert all(p["status"] in STATUSES for p in lab["parts"])
        assert lab["status"] == derived([p["status"] for p in lab["parts"]]), lab["ask_text"]
        assert all(e["quote"] for p in lab["parts"] for e in p["evidence"])
        # a status a reader can tell rests on evidence
        assert lab["status"] == "Unknown" or any(p["evidence"] for p in lab["parts"]), lab["ask_text"]


def test_asks_labels_cover_every_kind_and_documents_with_none():
    docs = rows("asks-labels")
    kinds = {d["kind"].split(",")[0].strip() for d in docs}
    assert {"children's services inspection", "children's services focused visit",
            "joint area child protection inspection", "area send full inspection"} <= kinds
    assert any(not d["asks"] for d in docs)


def plain(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


@cache
def document_text(file: str) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(corpus_or_skip() / file))
    return plain(" ".join(page.get_textpage().get_text_range() for page in pdf))


@pytest.mark.corpus
def test_every_status_label_quote_is_in_its_document():
    corpus_or_skip()
    missing = []
    for lab in rows("status-labels") + rows("second-reading"):
        quotes = [(lab["ask_document"], lab["ask_text"])]
        quotes += [(e["document"], e["quote"]) for p in lab["parts"] for e in p["evidence"]]
        quotes += [(m["document"], m["quote"]) for m in lab.get("near_misses", [])]
        missing += [(doc, q[:60]) for doc, q in quotes if plain(q) not in document_text(doc)]
    assert not missing
