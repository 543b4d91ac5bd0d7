"""Reading documents: normalised text and passages, on the seed documents and the corpus."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.read import read_document

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "examples" / "documents"
PDFS = ROOT / "examples" / "pdf"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def seed(prefix: str, folder: Path = DOCS):
    return read_document(next(folder.glob(f"{prefix}_*")))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("–", "-").replace("—", "-"))


@pytest.mark.parametrize("path", sorted(DOCS.glob("*.txt")) + sorted(PDFS.glob("*.pdf")), ids=lambda p: p.name)
def test_passages_are_unique_ordered_and_locate_their_text(path):
    doc = read_document(path)
    lines = doc.text.split("\n")
    keys = [p.key for p in doc.passages]
    assert len(keys) == len(set(keys))
    assert [p.line_start for p in doc.passages] == sorted(p.line_start for p in doc.passages)
    for p in doc.passages:
        assert "\n".join(lines[p.line_start - 1:p.line_end]) == p.text
        assert doc.passage_at(p.line_start) == p
    assert read_document(path).passages == doc.passages  # deterministic


def test_numbered_paragraphs_of_a_report():
    doc = seed("000")
    numbers = [p.number for p in doc.passages if p.number]
    assert numbers == [str(n) for n in range(1, 155)]
    p1 = next(p for p in doc.passages if p.key == "p1")
    assert p1.text.startswith("1. Although the officers")
    assert p1.heading == "Section 1: The local authority - Summary of findings"


def test_paragraph_split_by_page_break_is_rejoined():
    doc = seed("000")
    by_number = {p.number: p for p in doc.passages if p.number}
    assert "that leads to employment. There are 23 care leavers" in by_number["118"].text
    assert "unless a specific individual need arise." in by_number["123"].text
    assert not any(p.text.startswith(("employment.", "need arise")) for p in doc.passages)


def test_bullet_continuation_and_bullet_numbered_paragraphs():
    doc = seed("004")
    by_number = {p.number: p for p in doc.passages if p.number}
    assert by_number["8"].text.endswith(by_number["8"].text[-40:])
    assert "with a range of local responsibilities including children" in by_number["8"].text
    assert not any(p.text.startswith("- range of local") for p in doc.passages)
    # lower-case bullets after a short heading stay bullets
    assert any(p.text.startswith("- the Domestic Violence Strategic Board") for p in doc.passages)


def test_markup_and_bullets_are_normalised():
    minutes = seed("003")
    assert "**" not in minutes.text and "<u>" not in minutes.text
    assert "15. Present: Councillors Worton" in minutes.text
    council = seed("001")
    assert "•" not in council.text
    assert "- Inspectors requested information" in council.text
    assert "1.2" in {p.number for p in council.passages}


def test_pdf_numbered_paragraphs_match_the_text_version():
    txt = {p.number: p.text for p in seed("000").passages if p.number}
    pdf = {p.number: p.text for p in seed("000", PDFS).passages if p.number}
    assert list(pdf) == list(txt)
    exact = [n for n in txt if squash(txt[n]) == squash(pdf[n])]
    # the PDF and the text conversion differ in a word here and there ("do no" / "do not")
    assert len(exact) >= len(txt) - 3, [n for n in txt if n not in exact]
    for n, text in txt.items():
        assert difflib.SequenceMatcher(None, squash(text), squash(pdf[n])).ratio() > 0.9, n


def test_pdf_pages_furniture_and_letter_text():
    doc = seed("000", PDFS)
    assert doc.fmt == "pdf" and doc.pages == 38
    bare = [line for line in doc.text.split("\n") if re.fullmatch(r"\d{1,3}", line)]
    assert bare == ["1"]  # page numbers 1-38 gone; the footnote mark on page 1 stays
    p118 = next(p for p in doc.passages if p.number == "118")
    assert p118.page == 26
    letter = seed("002", PDFS)
    assert "on 5 and 6 November 2024. His Majesty's Inspectors for this visit were Jo Warburton" in letter.text
    assert "decision-making" in letter.text


def test_cp1252_fallback_and_empty_file(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes("Children\x92s services \x96 report.".encode("latin-1"))
    assert read_document(f).text == "Children's services – report."
    empty = tmp_path / "e.txt"
    empty.write_text("  \n")
    with pytest.raises(InputError, match=r"^e.txt: empty document$"):
        read_document(empty)


def test_bad_pdfs_raise_input_error(tmp_path):
    fake = tmp_path / "fake.pdf"
    fake.write_text("hello, not a pdf")
    with pytest.raises(InputError, match="fake.pdf: not a PDF"):
        read_document(fake)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 50)
    with pytest.raises(InputError, match="broken.pdf: cannot open PDF"):
        read_document(broken)


def test_scanned_pdf_is_refused(tmp_path):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    out = tmp_path / "scan.pdf"
    pdf.save(out)
    with pytest.raises(InputError, match=r"scan.pdf: no text layer \(scanned PDF\?\); run OCR first"):
        read_document(out)


def test_html_blocks_become_passages(tmp_path):
    f = tmp_path / "r.html"
    f.write_text("<html><head><style>p {color: red}</style><script>var x = 1;</script></head><body>"
                 "<h1>Focused visit</h1><p>12. Leaders know their services well.</p>"
                 "<ul><li>first point</li><li>second point</li></ul>"
                 "<table><tr><td>Aspect</td><td>Good</td></tr></table></body></html>")
    doc = read_document(f)
    assert "color" not in doc.text and "var x" not in doc.text
    texts = [p.text for p in doc.passages]
    assert texts[:4] == ["Focused visit", "12. Leaders know their services well.", "- first point", "- second point"]
    assert doc.passages[1].number == "12" and doc.passages[1].heading == "Focused visit"
    assert "Aspect\tGood" in texts[-1]


@pytest.mark.corpus
def test_every_corpus_pdf_reads():
    if not CORPUS.exists():
        pytest.skip(f"corpus absent: {CORPUS}")
    failures = []
    for f in sorted((CORPUS / "pdf").rglob("*.pdf")):
        try:
            doc = read_document(f)
            assert len(doc.passages) > 10, "too few passages"
        except (InputError, AssertionError) as e:
            failures.append(f"{f.name}: {e}")
    print("\n".join(failures))
    assert not failures


def corpus_pdf(pattern: str) -> Path:
    if not (CORPUS / "manifest.csv").exists():
        pytest.skip(f"corpus absent: {CORPUS}")
    return next((CORPUS / "pdf").glob(pattern))


@pytest.mark.parametrize("pattern", ["*cornwall/childrens-services-inspection---22-august-2024.pdf",
                                     "*london-corporation/childrens-services-inspection---05-november-2024.pdf"])
def test_square_bullets_start_their_own_lines(pattern):
    lines = read_document(corpus_pdf(pattern)).text.split("\n")
    assert not any("\u25fc" in ln for ln in lines)
    start = lines.index("What needs to improve?")
    asks = [ln for ln in lines[start + 1:start + 12] if ln.startswith("- ")]
    assert len(asks) >= 2 and all(ln.count(". ") <= 1 and "- " not in ln[2:] for ln in asks)


@pytest.mark.parametrize("pattern", ["*west-northamptonshire/childrens-services-inspection---25-november-2022.pdf",
                                     "*hampshire/childrens-services-inspection---11-june-2019.pdf",
                                     "*hampshire/childrens-services-focused-visit---05-november-2018.pdf"])
def test_headings_are_not_run_onto_the_paragraph_before(pattern):
    lines = read_document(corpus_pdf(pattern)).text.split("\n")
    assert any(re.fullmatch(r"What needs to improve.{0,40}", ln) for ln in lines)
    assert not any(re.search(r"\S What needs to improve", ln) for ln in lines)


def test_judgement_table_rows_stay_apart():
    lines = read_document(corpus_pdf("*west-northamptonshire/childrens-services-inspection---25-november-2022.pdf")
                          ).text.split("\n")
    rows = [ln for ln in lines if ln.endswith("Requires improvement to be good")]
    assert len(rows) == 4 and rows[-1] == "Overall effectiveness Requires improvement to be good"


def test_wraps_without_a_space_still_join():
    # A wrap pdfium marks like a paragraph end, mid-name ("HMI" / "Constabulary") or before "(Recommendation)."
    text = read_document(corpus_pdf("*milton-keynes/joint-area-child-protection-inspection---18-december-2019.pdf")).text
    assert "(CQC), HMI Constabulary and Fire" in text
    text = read_document(corpus_pdf("*sefton/childrens-services-inspection---27-june-2016.pdf")).text
    assert "\n(Recommendation)." not in text
