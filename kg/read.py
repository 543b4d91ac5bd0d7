"""Read a document (.txt, .md, .pdf, .html) into a ``SourceDocument``: normalised text cut into passages."""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

from kg.errors import InputError
from kg.model import Passage, SourceDocument
from kg.normalise import NUMBERED_START, ends_sentence, normalise_pdf_pages, normalise_text

FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".pdf": "pdf", ".html": "html", ".htm": "html"}


def read_document(path: Path, source_file: str | None = None) -> SourceDocument:
    """Read ``path``; ``source_file`` is the name reported in provenance and messages (default: file name).

    Raises ``InputError`` (one line naming the file and the cause) for an unreadable, empty, unsupported
    or scanned document.
    """
    path = Path(path)
    name = source_file or path.name
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{name}: unsupported file type {path.suffix or '(none)'!r}; expected .txt, .md, .pdf or .html")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"{name}: cannot read ({e.strerror or e})") from None
    if not data.strip():
        raise InputError(f"{name}: empty document")
    pages_of: list[int] | None = None
    n_pages = None
    if fmt == "pdf":
        page_texts = pdf_page_texts(data, name)
        n_pages = len(page_texts)
        text, pages_of = normalise_pdf_pages(page_texts)
    elif fmt == "html":
        text = normalise_text(html_to_text(decode(data)))
    else:
        text = normalise_text(decode(data))
    if not text.strip():
        raise InputError(f"{name}: empty document")
    return SourceDocument(path=path, source_file=name, sha256=hashlib.sha256(data).hexdigest(), fmt=fmt,
                          text=text, passages=cut_passages(text, pages_of), pages=n_pages)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else cp1252, else latin-1: a text file always decodes."""
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def pdf_page_texts(data: bytes, name: str) -> list[str]:
    """The text layer of each page. A PDF without one (scanned) is refused with advice to OCR it."""
    import pypdfium2 as pdfium
    from pypdfium2 import PdfiumError

    if not data.startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise InputError(f"{name}: not a PDF file")
    try:
        pdf = pdfium.PdfDocument(data)
    except (PdfiumError, OSError, ValueError) as e:  # damaged, encrypted and non-PDF data
        raise InputError(f"{name}: cannot open PDF ({_one_line(e)})") from None
    try:
        texts = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
    except (PdfiumError, OSError, ValueError) as e:
        raise InputError(f"{name}: cannot read PDF text ({_one_line(e)})") from None
    finally:
        pdf.close()
    if not texts:
        raise InputError(f"{name}: empty document (PDF has no pages)")
    if sum(len(t.strip()) for t in texts) < 20 * len(texts):
        raise InputError(f"{name}: no text layer (scanned PDF?); run OCR first, e.g. ocrmypdf")
    return texts


def _one_line(e: Exception) -> str:
    return " ".join(str(e).split()) or type(e).__name__


class _HTMLText(HTMLParser):
    """Block elements become lines; list items bullets; table cells tab-separated."""

    BLOCKS = frozenset({"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "ul", "ol", "section",
              "article", "header", "footer", "blockquote", "dt", "dd", "title", "li", "hr", "main", "nav"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style", "noscript", "template"):
            self.skip += 1
        elif tag == "li":
            self.parts.append("\n\n- ")
        elif tag in ("td", "th"):
            self.parts.append("\t")
        elif tag == "tr":
            self.parts.append("\n")
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "noscript", "template"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCKS and tag != "tr":
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """
    >>> html_to_text("<style>p{}</style><h1>Title</h1><p>One <b>two</b></p><ul><li>a</li></ul>").split()
    ['Title', 'One', 'two', '-', 'a']
    """
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    lines = [re.sub(r"^\t+", "", ln.strip(" ")) for ln in "".join(parser.parts).split("\n")]
    return "\n".join(lines)


# ---- passages -----------------------------------------------------------------------------------------


def numbered(line: str) -> str | None:
    """The paragraph number a line starts with, if it starts a numbered paragraph (not a short numbered
    heading or table row, which have no sentence).

    >>> numbered("123. There are strengths."), numbered("- 8. Commissioning is done."), numbered("1.1 The JTAI.")
    ('123', '8', '1.1')
    >>> numbered("2 June 2014 – 25 June 2014"), numbered("1. INTRODUCTION")
    (None, None)
    """
    m = NUMBERED_START.match(line)
    if not m or "\t" in line:
        return None
    rest = line[m.end():]
    if len(rest) < 100 and not ends_sentence(rest):
        return None
    return m.group(1).strip().rstrip(".")


def _is_bullet(line: str) -> bool:
    return line.startswith("- ")


def _is_heading(text: str) -> bool:
    return (len(text) <= 90 and "\n" not in text and "\t" not in text and not ends_sentence(text)
            and not text.rstrip().endswith(",") and bool(re.match(r"[A-Z0-9]", text))
            and not _is_bullet(text))


def cut_passages(text: str, pages_of: list[int] | None = None) -> list[Passage]:
    """Cut normalised text into passages: numbered paragraphs (key "p<number>"), and otherwise list items,
    table rows and blank-line separated paragraphs (key "l<start>-<end>", or "l<n>" for one line).

    >>> [(p.key, p.number, p.heading) for p in cut_passages("Summary\\n\\n1. It is good.\\n- a point\\nMore\\ntext")]
    [('l1', None, None), ('p1', '1', 'Summary'), ('l4', None, 'Summary'), ('l5-6', None, 'Summary')]
    """
    lines = text.split("\n")
    spans: list[tuple[int, int, str | None]] = []  # 0-based start, end inclusive, number
    start: int | None = None
    for i, line in enumerate(lines + [""]):
        single = bool(line.strip()) and (numbered(line) is not None or _is_bullet(line) or "\t" in line)
        if start is not None and (not line.strip() or single):
            spans.append((start, i - 1, None))
            start = None
        if single:
            spans.append((i, i, numbered(line)))
        elif line.strip() and start is None:
            start = i
    passages: list[Passage] = []
    used: set[str] = set()
    heading: str | None = None
    for s, e, number in spans:
        body = "\n".join(lines[s:e + 1])
        key = f"p{number}" if number else (f"l{s + 1}" if s == e else f"l{s + 1}-{e + 1}")
        if key in used:
            key = f"{key}-l{s + 1}"
        used.add(key)
        page = pages_of[s] if pages_of and s < len(pages_of) else None
        passages.append(Passage(key=key, text=body, number=number, line_start=s + 1, line_end=e + 1,
                                heading=heading, page=page))
        if number is None and _is_heading(body):
            heading = body
    return passages
