"""The published PDFs of two seeds yield the same facts as their text versions."""

from __future__ import annotations

import pytest
from conftest import EXAMPLE_PDFS, EXAMPLES

from kg.extract import extract
from kg.read import read_document


def facts(path):
    ex = extract(read_document(path))
    out = {}
    for f in ex.inspections:
        out[(f.kind, f.role, f.start, f.end)] = (
            sorted((j.aspect, j.grade, j.scale) for j in f.judgements),
            # The PDF's own text differs from the converted text in a few words ("do no"), so asks are
            # compared by number, addressee, due date and their opening words.
            sorted((r.number, r.addressee, r.due_date, " ".join(r.text.split())[:80]) for r in f.recommendations),
            sorted(i for i in f.inspectorates),
        )
    return ex.authority, ex.document_kind, out


@pytest.mark.parametrize("pdf", sorted(EXAMPLE_PDFS.glob("*.pdf")), ids=lambda p: p.stem)
def test_pdf_and_text_give_the_same_facts(pdf):
    text = EXAMPLES / (pdf.stem + ".txt")
    from_text, from_pdf = facts(text), facts(pdf)
    assert from_pdf == from_text
    assert from_text[2], "the document yields inspections at all"


def test_both_seed_pdfs_are_checked():
    assert len(list(EXAMPLE_PDFS.glob("*.pdf"))) == 2
