"""Text normalisation: pure functions from raw extracted text to clean, line-oriented text.

The normalised text keeps one paragraph per line where the source allows it, so that a passage is a
line span and a quotation taken from it can be found again in it.
"""

from __future__ import annotations

import re
from collections import Counter

from kg.document import BULLETS, LIST_START, NUMBERED_START, ends_sentence, is_heading
from kg.domain import LETTERHEAD_CONTACT

# Spaces that look like a space but do not match " " in a search.
_ODD_SPACES = dict.fromkeys(map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                                    "\u202f\u205f\u3000"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u00ad\ufeff"), None)
# Quotes and hyphens unified so a phrase typed with straight quotes matches; en and em dashes are kept
# (date ranges and prose read them), only their look-alikes are mapped.
_PUNCT = {ord("\u2018"): "'", ord("\u2019"): "'", ord("\u02bc"): "'", ord("\u201b"): "'", ord("\u2032"): "'",
          ord("\u201c"): '"', ord("\u201d"): '"', ord("\u201f"): '"', ord("\u2033"): '"',
          ord("\u2010"): "-", ord("\u2011"): "-", ord("\u2212"): "-", ord("\ufffe"): "-", ord("\u2012"): "–", ord("\u2026"): "..."}
_BULLET_AT_START = re.compile(rf"^\s*[{BULLETS}]\s*")
_BULLET_INSIDE = re.compile(rf"\s+[{BULLETS}]\s+")
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?\s*$", re.IGNORECASE)


def clean_chars(text: str) -> str:
    """Unify spaces, quotes, hyphens and line ends; drop control characters and non-characters.

    >>> clean_chars("Ofsted\\u2019s \\u201cview\\u201d\\u00a0here\\u2026\\r\\n")
    'Ofsted\\'s "view" here...\\n'
    >>> clean_chars("\\x1b[2Jbell\\x07 page\\x0cnext\\ud800\\uffff\\x85")
    '[2Jbell page\\nnext\\n'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # One regex pass finds the few characters that change; str.translate would look every character up
    # (docs/benchmarks.md, "Measured choices in the reader").
    return _MAPPED.sub(_map_char, text)


# Characters that are not text: C0 controls but tab and newline (a carriage return is a line end, above),
# DEL, C1 controls, lone surrogates and Unicode's non-characters. A document's bytes reach the terminal
# through every command that prints a quote or a name, so an escape sequence must never be kept. The
# page, line-tabulation and next-line controls end a line; the rest are dropped.
_LINE_ENDS = "\x0b\x0c\x85"
NOT_TEXT = ("\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\uffff"
            + "".join(chr(plane << 16 | low) for plane in range(1, 17) for low in (0xFFFE, 0xFFFF)))
_CHAR_MAP = {chr(k): v or "" for table in (_ODD_SPACES, _INVISIBLE, _PUNCT) for k, v in table.items()}
_CHAR_MAP.update(dict.fromkeys(_LINE_ENDS, "\n"))
# U+FFFE, a non-character, is kept out of NOT_TEXT: pdfium writes it for a hyphen at a line's end (_PUNCT).
_MAPPED = re.compile("[" + re.escape("".join(_CHAR_MAP)) + NOT_TEXT + "]")


def _map_char(m: re.Match) -> str:
    return _CHAR_MAP.get(m.group(), "")


def strip_markup(text: str) -> str:
    """Remove the bold, italic, underline and heading markers a txt/md conversion leaves.

    >>> strip_markup("15. <u>**Present:**</u> Councillors")
    '15. Present: Councillors'
    >>> strip_markup("the priority of a *Healthy Barnsley* within")
    'the priority of a Healthy Barnsley within'
    >>> strip_markup("## Headline findings")
    'Headline findings'
    """
    text = re.sub(r"</?u>", "", text, flags=re.IGNORECASE)
    text = text.replace("**", "").replace("__", "")
    # The "*" first and the look-behind after it ("no word character or * before that *"): the same
    # matches as the look-behind first, but the engine tries the look-behind only where a "*" stands.
    text = re.sub(r"\*(?<![\w*]\*)(\S(?:[^*\n]*\S)?)\*(?![\w*])", r"\1", text)
    # [ \t], not \s: a marker never reaches over a line break into the next paragraph.
    return re.sub(r"(?m)^#{1,6}[ \t]+", "", text) if "#" in text else text


def bullets_to_dashes(line: str) -> list[str]:
    """Bullet glyphs become "- "; two bullets run together on one line become two lines.

    >>> bullets_to_dashes("\uf0b7 first point \u2022 second point")
    ['- first point', '- second point']
    >>> bullets_to_dashes("no bullet here")
    ['no bullet here']
    """
    line = _BULLET_AT_START.sub("- ", line)
    return [p if i == 0 else "- " + p for i, p in enumerate(_BULLET_INSIDE.split(line))]


def tidy_line(line: str) -> str:
    """Collapse runs of spaces (tabs are kept: they separate table cells).

    >>> tidy_line("  a   b\\t c  ")
    'a b\\t c'
    """
    return re.sub(r" {2,}", " ", line).strip(" ")


def is_page_number(line: str) -> bool:
    """
    >>> is_page_number("12"), is_page_number("Page 3 of 38"), is_page_number("12 June")
    (True, True, False)
    """
    return bool(_PAGE_NUMBER.match(line))


def drop_lone_page_numbers(lines: list[str]) -> list[str]:
    """Remove a page number standing alone between blank lines (a page break in converted text).

    >>> drop_lone_page_numbers(["text.", "", "1", "", "Contents"])
    ['text.', '', '', 'Contents']
    """
    out = []
    for i, line in enumerate(lines):
        before = lines[i - 1].strip() if i > 0 else ""
        after = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if is_page_number(line) and not before and not after:
            continue
        out.append(line)
    return out


def rejoin_paragraphs(lines: list[str]) -> list[str]:
    """Rejoin a paragraph split by a page break: a long unfinished line, blank line(s), then a line going
    on in lower case (possibly with a stray "- " from the conversion).

    >>> rejoin_paragraphs(["118. " + "x " * 40 + "that leads to", "", "employment. There are 23."])[0][-39:]
    'that leads to employment. There are 23.'
    >>> rejoin_paragraphs(["Within three months", "", "- the board to review"])
    ['Within three months', '', '- the board to review']
    """
    out: list[str | Paragraph] = []
    last = -1  # the index in ``out`` of its last non-blank line: kept, not searched for, so that a run of
    # blank lines costs one step a line rather than one a line for each line after it
    for line in lines:
        if not line.strip():
            out.append(line)
            continue
        if 0 <= last < len(out) - 1:
            para = out[last] if isinstance(out[last], Paragraph) else Paragraph(out[last])
            if _continues(para, line):
                para.join(line.removeprefix("- "))
                out[last] = para
                del out[last + 1:]
                continue
        last = len(out)
        out.append(line)
    return [str(x) for x in out]


class Paragraph:
    """A line that later lines are joined to (``join_wrapped``), kept as its pieces: joining each line to
    the whole paragraph copied and searched it each time, quadratic in the paragraph's length. Every piece
    after the first starts with a letter or other non-space, so the last piece holds the paragraph's end,
    and what join_wrapped and _continues ask of that end is asked of the last piece alone.

    >>> p = Paragraph("a long-"); p.join("term plan"); p.join("  goes on  "); str(p)
    'a long-term plan goes on  '
    """

    __slots__ = ("parts", "length", "tabs_before")

    def __init__(self, line: str) -> None:
        self.parts = [line]
        self.length = len(line)
        self.tabs_before = False  # whether a piece before the last holds a tab

    @property
    def end(self) -> str:
        return self.parts[-1]

    @property
    def tabs(self) -> bool:
        return self.tabs_before or "\t" in self.parts[-1]

    def join(self, nxt: str) -> None:
        prev, nxt = self.parts[-1].rstrip(), nxt.lstrip()
        self.length += len(prev) - len(self.parts[-1]) + len(nxt)
        if len(self.parts) == 1 and not prev:
            self.parts[-1] = nxt
            return
        joint = _joint(prev, nxt)
        self.parts[-1] = prev
        self.tabs_before = self.tabs_before or "\t" in prev
        self.parts.append(joint + nxt)
        self.length += len(joint)

    def __str__(self) -> str:
        return "".join(self.parts)


def _continues(prev: str | Paragraph, line: str) -> bool:
    """Whether ``line`` (after a blank line) is the rest of the paragraph ``prev`` cut by a page break."""
    para = prev if isinstance(prev, Paragraph) else Paragraph(prev)
    if not para.length or ends_sentence(para.end) or para.length < 80 or para.tabs:
        return False
    body = line.removeprefix("- ")
    return starts_lower(body) and len(body.split()) >= 3


def _joint(prev: str, nxt: str) -> str:
    """What goes between two pieces of one paragraph (``prev`` without its trailing spaces)."""
    return "" if prev[-2:-1].isascii() and prev[-2:-1].isalpha() and prev.endswith("-") and starts_lower(nxt) \
        else " "


def starts_lower(text: str) -> bool:
    """Whether ``text`` starts with an ASCII lower-case letter (what ``re.match("[a-z]", text)`` tests, without
    a regex on every line)."""
    return "a" <= text[:1] <= "z"


def join_wrapped(prev: str, nxt: str) -> str:
    """Join two pieces of one paragraph; a hyphen at a line end is kept ("long-" + "term").

    >>> join_wrapped("long-", "term plans")
    'long-term plans'
    >>> join_wrapped("leads to", "employment")
    'leads to employment'
    """
    prev, nxt = prev.rstrip(), nxt.lstrip()
    return prev + _joint(prev, nxt) + nxt if prev else nxt


def dehyphenate(lines: list[str]) -> list[str]:
    """Join a word broken by a hyphen at a line end with the next line (hard-wrapped text).

    >>> dehyphenate(["a long-", "term plan", "Next"])
    ['a long-term plan', 'Next']
    """
    out: list[str | Paragraph] = []
    for line in lines:
        end = out[-1].end if out and isinstance(out[-1], Paragraph) else (out[-1] if out else "")
        if end.endswith("-") and re.search(r"[A-Za-z]-$", end) and re.match(r"[a-z]", line):
            para = out[-1] if isinstance(out[-1], Paragraph) else Paragraph(out[-1])
            para.join(line)
            out[-1] = para
        else:
            out.append(line)
    return [str(x) for x in out]


def squeeze_blank_lines(lines: list[str]) -> list[str]:
    """At most one blank line in a row, none at either end.

    >>> squeeze_blank_lines(["", "a", "", "", "b", ""])
    ['a', '', 'b']
    """
    out: list[str] = []
    for line in lines:
        if not line.strip() and (not out or not out[-1].strip()):
            continue
        out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return out


def normalise_text(raw: str) -> str:
    """The whole pipeline for text that already has one paragraph a line (txt, md, html).

    >>> normalise_text("A \u2022 b \u2022 c\\n\\n2\\n\\nDone")
    'A\\n- b\\n- c\\n\\nDone'
    """
    text = strip_markup(clean_chars(raw))
    lines: list[str] = []
    for line in text.split("\n"):
        # Most lines have no bullet and no run of spaces: a plain test first, so their regexes run only
        # on the lines that have one.
        if not line.isascii() and any(b in line for b in BULLETS):  # every bullet glyph is outside ASCII
            lines.extend(tidy_line(part) for part in bullets_to_dashes(line))
        else:
            lines.append(tidy_line(line) if "  " in line else line.strip(" "))
    lines = drop_lone_page_numbers(lines)
    lines = dehyphenate(lines)
    lines = rejoin_paragraphs(lines)
    return "\n".join(squeeze_blank_lines(lines))


# ---- PDF pages ----------------------------------------------------------------------------------------


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().lower())


def strip_page_furniture(pages: list[list[str]], zone: int = 3) -> list[list[str]]:
    """Remove running headers and footers: lines near a page's top or bottom that recur (numbers aside)
    on most pages, and bare page numbers there.

    >>> pages = [["Title", str(n), f"Text on page {w}.", "Page %d of 3" % n] for n, w in enumerate("abc", 1)]
    >>> strip_page_furniture(pages)[2]
    ['Text on page c.']
    """
    counts: Counter[str] = Counter()
    for lines in pages:
        body = [ln for ln in lines if ln.strip()]
        counts.update({_furniture_key(ln) for ln in body[:zone] + body[-zone:]})
    need = max(2, (len(pages) + 1) // 2)
    repeated = {k for k, n in counts.items() if n >= need} if len(pages) >= 2 else set()
    out = []
    for lines in pages:
        idx = [i for i, ln in enumerate(lines) if ln.strip()]
        edge = set(idx[:zone] + idx[-zone:])
        out.append([ln for i, ln in enumerate(lines)
                    if not (i in edge and (_furniture_key(ln) in repeated or is_page_number(ln)))])
    return out


LETTERHEAD_LINE = 40  # characters: an address, a telephone number or an email address fits in this


def strip_letterhead(pages: list[list[str]]) -> list[list[str]]:
    """Drop an inspectorate's letterhead that the text layer puts after a page's text on a page that is not the
    last: a list of asks may go on over the page, and the letterhead's lines would end it. The letterhead is
    the run of address lines at the page's end that holds a contact line (kg.domain.LETTERHEAD_CONTACT).

    >>> strip_letterhead([["- The first ask.", "Ofsted", "Store Street", "enquiries@ofsted.gov.uk"], ["- The next."]])
    [['- The first ask.'], ['- The next.']]
    """
    out = []
    for n, lines in enumerate(pages):
        k = len(lines)
        while n < len(pages) - 1 and k and _letterhead_line(lines[k - 1]):
            k -= 1
        if any(LETTERHEAD_CONTACT.search(ln.strip()) for ln in lines[k:]):
            lines = lines[:k]
        out.append(lines)
    return out


def _letterhead_line(line: str) -> bool:
    """A line of an address or of contact details: short, and each word capitalised, a number or an address
    ("Piccadilly Gate", "M1 2WD", "enquiries@ofsted.gov.uk"), never words of a sentence ("without delay")."""
    text = line.strip()
    return (len(text) <= LETTERHEAD_LINE and not LIST_START.match(text) and not ends_sentence(text)
            and all(not w[0].islower() or "@" in w or "." in w for w in text.split()))


def _starts_block(line: str) -> bool:
    return bool(NUMBERED_START.match(line) or LIST_START.match(line))


def reflow_pages(pages: list[list[str]]) -> tuple[list[str], list[int]]:
    """Join the hard-wrapped lines of PDF pages into one paragraph a line, blank lines between.

    Returns the lines and, for each, its 1-based page. A line ends its paragraph when the next line's
    first word would have fitted on it (so it was not wrapped), unless the next line goes on in lower case;
    a numbered paragraph or bullet always starts a new one.

    >>> lines, pages = reflow_pages([["1. The first paragraph is long enough to be", "wrapped here.",
    ...                              "Heading", "- a bullet"]])
    >>> lines
    ['1. The first paragraph is long enough to be wrapped here.', '', 'Heading', '', '- a bullet']
    """
    flat = [(ln, n + 1) for n, lines in enumerate(pages) for ln in lines]
    lengths = sorted(len(ln) for ln, _ in flat if ln.strip())
    width = lengths[int(len(lengths) * 0.9)] if lengths else 80
    soft = soft_wrapped(pages)
    paras: list[tuple[str | Paragraph, int]] = []
    prev_raw = ""
    prev_page = 0
    prev_hard = False  # the previous line ended without the space pdfium leaves at a wrap
    for k, (line, page) in enumerate(flat):
        turned, prev_page = page != prev_page, page
        hard, line = not line.endswith(" "), line.strip()
        if not line:
            prev_raw = ""
            continue
        if line in ("-", "o"):  # a bullet glyph on its own line (stripped: "- " is "-")
            paras.append(("- ", page))
            prev_raw = "-"
            continue
        if paras and paras[-1][0] == "- ":
            paras[-1] = ("- " + line, paras[-1][1])
            prev_raw = line
            continue
        first = line.split()[0]
        lower = starts_lower(line)
        fitted = len(prev_raw) + 1 + len(first) < 0.85 * width
        new = (not paras or not prev_raw and not lower or _starts_block(line)
               or (fitted and not lower) or (ends_sentence(prev_raw) and (fitted or prev_hard and len(prev_raw) <= width or turned) and not lower)
               # Where wraps keep their space, a line ended without one (and not a sentence's end, which
               # a long line may also wrap at) ends its table row, heading or line of an address if the
               # next word would have fitted on it.
               or (soft and prev_hard and not turned and not lower and not prev_raw.endswith((",", "-"))
                   and len(prev_raw) + 1 + len(first) <= 0.9 * width and not line.startswith("("))
               # A heading is not the tail of the paragraph before it (cut by a page or not): a short line
               # standing alone after a sentence, or one before a list.
               or (hard and ends_sentence(prev_raw) and _heading_like(line, 0.5 * width))
               or (hard and _heading_like(line, 0.8 * width) and _list_follows(flat, k + 1)))
        if new:
            paras.append((line, page))
        else:
            para = paras[-1][0] if isinstance(paras[-1][0], Paragraph) else Paragraph(paras[-1][0])
            para.join(line)
            paras[-1] = (para, paras[-1][1])
        prev_raw, prev_hard = line, hard
    lines: list[str] = []
    pages_of: list[int] = []
    for para, page in paras:
        text = str(para)
        if lines:
            lines.append("")
            pages_of.append(page)
        lines.append(text)
        pages_of.append(page)
    return lines, pages_of


def soft_wrapped(pages: list[list[str]]) -> bool:
    """Whether the pages keep a space at the end of a wrapped line (pdfium does for most PDFs): then a line
    ending without one is a real break. The last line of a page never has one, so it is not counted.

    >>> soft_wrapped([["A line that wraps ", "here.", "Heading", "last"]]), soft_wrapped([["a", "b", "c"]])
    (True, False)
    """
    inner = [ln for lines in pages for ln in lines[:-1] if ln.strip()]
    return bool(inner) and sum(ln.endswith(" ") for ln in inner) >= 0.2 * len(inner)


def _heading_like(line: str, longest: float) -> bool:
    """A short capitalised line that is not a sentence (a question may be).

    >>> _heading_like("What needs to improve?", 60), _heading_like("It is good.", 60)
    (True, False)
    """
    return bool(re.match(r"[A-Z]", line)) and is_heading(line, longest, questions=True)


def _list_follows(flat: list[tuple[str, int]], k: int) -> bool:
    """Whether the first non-blank line from index ``k`` starts a list item or numbered paragraph."""
    while k < len(flat) and not flat[k][0].strip():
        k += 1
    return k < len(flat) and _starts_block(flat[k][0].strip())


# A glyph of a symbol font that has no Unicode meaning reaches the text layer as its bare code, a C1
# control (0x80-0x9f); standing alone at a line's start it is the list's bullet, and is read as one
# rather than dropped with the other control characters.
_UNMAPPED_BULLET = re.compile(r"(?m)^([ \t]*)[\x80-\x9f](?=[ \t])")
_BULLET_GLYPH = re.compile(f"[{BULLETS}]")


def one_space(text: str) -> str:
    """Each run of spaces and tabs as one space: what ``re.sub("[ \\t]+", " ", text)`` gives, by str.replace,
    which scans a page many times faster than the regex engine tries each of its characters.

    >>> one_space("a \\t  b\\t\\tc  \\n d")
    'a b c \\n d'
    """
    text = text.replace("\t", " ")
    while "  " in text:
        text = text.replace("  ", " ")
    return text


def normalise_pdf_pages(page_texts: list[str]) -> tuple[str, list[int]]:
    """PDF page texts to normalised text and the page of each line.

    >>> normalise_pdf_pages(["The areas are:\\r\\n\\x83 managing the backlog\\r\\n\\x83 recording cases"])[0]
    'The areas are:\\n\\n- managing the backlog\\n\\n- recording cases'
    """
    pages = []
    for raw in page_texts:
        # Runs of spaces and tabs become one space on the whole page at once (no run crosses a line end);
        # the bullet patterns, which take all the white space around a glyph, cut a line in the same places
        # after it. A trailing space is kept: pdfium leaves one where a line wraps, none where a paragraph ends.
        text = one_space(clean_chars(_UNMAPPED_BULLET.sub("\\1\u2022", raw)))
        lines: list[str] = []
        for line in text.split("\n"):
            if line.isascii() or not _BULLET_GLYPH.search(line):  # most lines: every bullet glyph is outside ASCII
                lines.append(line.lstrip())
            else:
                lines.extend(part.lstrip() for part in bullets_to_dashes(line))
        pages.append(lines)
    lines, pages_of = reflow_pages(strip_page_furniture(strip_letterhead(pages)))
    return "\n".join(lines), pages_of
