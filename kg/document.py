"""The document layer: a document as read (its normalised text, passages and blocks) and the rules of its
layout that every stage reads it by, each written once: where a sentence ends, what a bullet is, what a
heading is, how text is cut into sentences, paragraphs and list items.

The reader (``kg.read``, ``kg.normalise``) writes one paragraph, list item or table row a line and cuts the
text into ``Passage``s; the extractors (``kg.extract``) read it as ``Block``s, cut once and kept on the
document (``SourceDocument.blocks``); the linker (``kg.link``) reads passages as sentences. This module
imports nothing else of ``kg``, so every stage may import it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

# ---- sentence ends ------------------------------------------------------------------------------------

TERMINALS = tuple(".:;?!")
# What may follow a sentence's last mark: a closing bracket or quote, a space.
CLOSERS = " )\"'"
# The report parsers' narrower ending (``text.endswith(TIGHT_ENDINGS)``): a terminal as the last character,
# or a full stop closed by one bracket or quote; "(is it?)" ends a sentence, not their line.
TIGHT_ENDINGS = TERMINALS + (".)", ".'", '."')


def ends_sentence(text: str) -> bool:
    """
    >>> ends_sentence("It is good."), ends_sentence("that leads to"), ends_sentence('as "good".')
    (True, False, True)
    """
    return text.rstrip(CLOSERS).endswith(TERMINALS)


# ---- bullets -------------------------------------------------------------------------------------------

# Bullet glyphs: Symbol/Wingdings private-use points from Word PDFs and the usual typographic ones (the
# square bullets of ILACS reports among them). The reader writes each as "- " (kg.normalise).
BULLETS = ("\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf0be\uf02d\u2022\u25aa\u25cf\u25e6\u2023\u2043\u25a0\u25a1"
           "\u25fc\u25fb\u25fe\u25fd\u25ab\u2b1b\u2b1c\u2b1d\u2b1e")
# What the reader writes for a list item.
DASH = "- "
# A line the reader starts as a list item: its dash, or a letter "o" used as a bullet.
LIST_START = re.compile(r"^(?:- |o\s)")
# A block's list marker: a dash, an asterisk, a glyph the reader left, or an "o", then space.
BLOCK_BULLET = re.compile(rf"^\s*(?:[-*{BULLETS}]|o(?=\s))\s+")
# A report line's list marker(s): dashes (an en dash too) or glyphs, a space after each optional.
LINE_BULLET = re.compile(rf"^(?:[-\u2013{BULLETS}]\s*)+(?=\S)")


def is_dash_item(line: str) -> bool:
    """Whether a line of normalised text is a list item as the reader writes it."""
    return line.startswith(DASH)


def after_bullet(text: str) -> str | None:
    """The words of a report line after its list marker(s); None where it has none.

    >>> after_bullet("- \u25aa the plan"), after_bullet("The plan")
    ('the plan', None)
    """
    m = LINE_BULLET.match(text)
    return text[m.end():].strip() if m else None


# ---- headings ------------------------------------------------------------------------------------------

HEADING_LENGTH = 90  # longer than this, a line is prose


def is_heading(text: str, longest: int = HEADING_LENGTH, questions: bool = False) -> bool:
    """A short line that does not end a sentence; with ``questions``, a question may be one ("What needs
    to improve?").

    >>> is_heading("Next steps"), is_heading("It is good."), is_heading("What needs to improve?", questions=True)
    (True, False, True)
    """
    return len(text) <= longest and (not ends_sentence(text) or (questions and text.endswith("?")))


def is_passage_heading(text: str) -> bool:
    """A passage that heads those after it: a heading on one line, capitalised or numbered, not a list item,
    a table row or a clause ended by a comma."""
    return (is_heading(text) and "\n" not in text and "\t" not in text and not text.rstrip().endswith(",")
            and bool(re.match(r"[A-Z0-9]", text)) and not is_dash_item(text))


# ---- numbered paragraphs -------------------------------------------------------------------------------

NUMBERED_START = re.compile(r"^(?:-\s*)?(\d{1,3}(?:\.\d{1,3})+\.?\s+|\d{1,3}\.\s*)(?=[A-Z(\"'‘“])")


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


# ---- sentences -----------------------------------------------------------------------------------------

# A sentence's end: its mark (and any closing quotes or bracket), space, and a capital, digit, quote or
# bracket opening the next.
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[A-Z0-9\u2018\u201c\"'(])")
# Abbreviations whose full stop ends no sentence; at most five characters before the stop.
ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|Mr|Mrs|Ms|Dr|No|para|St|etc)\.$")
# The end of a sentence or of a clause after a semicolon, before a capital or a bracket: how the mentions
# extractor reads a statement about an earlier inspection and the result stated after it.
CLAUSE_END = re.compile(r"(?<=[.;])\s+(?=[A-Z(])")


def sentence_spans(text: str, ends: re.Pattern[str] = SENTENCE_END,
                   abbreviations: re.Pattern[str] | None = ABBREVIATION) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences of a passage.

    >>> t = "Most case recording is up to date. There continue to be delays. This is long-standing."
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['Most case recording is up to date.', 'There continue to be delays.', 'This is long-standing.']
    """
    spans, start = [], 0
    for m in ends.finditer(text):
        # As if the text ended there, without copying it; an abbreviation is at most five characters, so
        # only the last few are searched (\b still sees the character before them).
        if abbreviations is not None and abbreviations.search(text, max(start, m.start() - 8), m.start()):
            continue
        spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return [(a, b) for a, b in spans if b > a]


def sentences(text: str, ends: re.Pattern[str] = SENTENCE_END,
              abbreviations: re.Pattern[str] | None = ABBREVIATION) -> list[str]:
    """The sentences of a passage (see ``sentence_spans``).

    >>> sentences("It was judged good; Leaders. Next (A).", CLAUSE_END, None)
    ['It was judged good;', 'Leaders.', 'Next (A).']
    """
    return [text[a:b] for a, b in sentence_spans(text, ends, abbreviations)]


# ---- passages and blocks -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    """A numbered paragraph, list item or other located span of a document."""

    key: str  # unique within the document: "p103", or "l40-42" for an unnumbered span
    text: str
    number: str | None = None  # the document's own paragraph number, as printed
    line_start: int = 0  # 1-based, in the normalised text
    line_end: int = 0
    heading: str | None = None  # the nearest heading above it
    page: int | None = None  # 1-based page of a PDF, where known


@dataclass(frozen=True)
class Block:
    """A paragraph or list item of the document: its text (wrapped lines joined) and line span."""

    text: str
    start: int  # 1-based line
    end: int
    bullet: bool

    @property
    def is_heading(self) -> bool:
        """A short line standing alone without a sentence's end (or a question)."""
        return not self.bullet and self.start == self.end and is_heading(self.text, questions=True)


_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")


def cut_blocks(text: str) -> list[Block]:
    """Normalised text cut into paragraphs and list items.

    Normalised text has one paragraph a line; hard-wrapped text is rejoined where a line does not end a
    sentence and the next one neither starts a bullet nor looks like a heading.

    >>> [(b.text, b.bullet) for b in cut_blocks("Areas\\n\\n- the plan for\\nchildren\\n\\n3\\nDone.")]
    [('Areas', False), ('the plan for children', True), ('Done.', False)]
    """
    out: list[Block] = []
    open_block = False
    for n, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip().strip("\f").strip()
        if not line:
            open_block = False
            continue
        if _PAGE_NUMBER.match(line):
            continue  # page furniture; a paragraph may continue after it
        m = BLOCK_BULLET.match(line)
        body = line[m.end():] if m else line
        if m or not open_block or not out or not _continues(out[-1], body):
            out.append(Block(body, n, n, bool(m)))
        else:
            prev = out[-1]
            joined = prev.text[:-1] + body if re.search(r"[A-Za-z]-$", prev.text) and body[:1].islower() \
                else f"{prev.text} {body}"
            out[-1] = Block(joined, prev.start, n, prev.bullet)
        open_block = True
    return out


def _continues(prev: Block, line: str) -> bool:
    if ends_sentence(prev.text):
        return False
    return bool(line[:1].islower() or line[:1] in "('\"" or len(prev.text) > 60)


@dataclass
class SourceDocument:
    """A file as read: its normalised text and passages; its blocks are cut when first asked for."""

    path: Path
    source_file: str  # the name as given to `kg build`
    sha256: str
    fmt: str  # "txt", "md", "pdf", "html"
    text: str
    passages: list[Passage]
    pages: int | None = None

    @cached_property
    def blocks(self) -> tuple[Block, ...]:
        """The text's paragraphs and list items (``cut_blocks``): every extractor of the document reads them."""
        return tuple(cut_blocks(self.text))

    def passage_at(self, line: int) -> Passage | None:
        """The passage covering a 1-based line of the normalised text."""
        starts = self._starts
        if starts:  # passages in order and apart: the one starting last at or before the line
            k = bisect.bisect_right(starts, line) - 1
            p = self.passages[k] if k >= 0 else None
            return p if p is not None and p.line_start <= line <= p.line_end else None
        for p in self.passages:
            if p.line_start <= line <= p.line_end:
                return p
        return None

    def passage_for(self, block: Block, heading: str | None = None) -> Passage:
        """The reader's passage covering the block, or a line-span passage of the block's own words."""
        p = self.passage_at(block.start)
        if p is not None:
            return p
        return Passage(key=f"l{block.start}-{block.end}", text=block.text, line_start=block.start,
                       line_end=block.end, heading=heading)

    @property
    def _starts(self) -> list[int]:
        """The passages' first lines, when they are in order and do not overlap (else empty): extractors
        ask for the passage of a line thousands of times a document. Passages are cut once, never edited."""
        if self.__dict__.get("_starts_of") is not self.passages:
            ps = self.passages
            ordered = all(a.line_end < b.line_start for a, b in zip(ps, ps[1:])) and \
                all(p.line_start <= p.line_end for p in ps)
            self.__dict__["_starts_cache"] = [p.line_start for p in ps] if ordered else []
            self.__dict__["_starts_of"] = ps
        return self.__dict__["_starts_cache"]


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
        single = bool(line.strip()) and (numbered(line) is not None or is_dash_item(line) or "\t" in line)
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
        if number is None and is_passage_heading(body):
            heading = body
    return passages
