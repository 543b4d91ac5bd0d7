"""Property tests: the text normaliser and the passage cutter on any text, not only the seeds."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg.document import BULLETS, cut_passages, numbered
from kg.normalise import bullets_to_dashes, clean_chars, is_page_number, normalise_text, strip_markup

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters the documents are made of, with the ones the normaliser treats specially over-represented.
SPECIAL = " \t\r\n-–—.:;?!'\"*#_()\u00a0\u2019\u201c\u201d\u2026\u00ad\u200b\ufeff" + BULLETS
WORDS = ["The", "council", "Ofsted", "inspection", "long-", "term", "12.", "1.2", "Page", "3", "of", "38",
         "children's", "services", "within three months", "Summary", "It is good.", "and", "- ", "**bold**"]


def lines_of(alphabet: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    word = st.one_of(st.sampled_from(WORDS), st.text(alphabet, min_size=1, max_size=8))
    line = st.lists(word, max_size=12).map(" ".join)
    return st.lists(st.one_of(line, st.just("")), max_size=25).map("\n".join)


ANY_TEXT = st.one_of(st.text(max_size=400), lines_of(st.characters(codec="utf-8") | st.sampled_from(SPECIAL)))
# Without "<" no <u> markup can form, and with letters on every kept line none is a page number: then
# the normaliser has nothing it is meant to drop that is a letter or a digit.
PLAIN = lines_of(st.characters(codec="utf-8", exclude_characters="<") | st.sampled_from(SPECIAL))


def page_number_line(line: str) -> bool:
    """A line the normaliser may drop as a page number (when it stands alone)."""
    return any(is_page_number(part) for part in bullets_to_dashes(strip_markup(clean_chars(line))))


def alnum(text: str) -> list[str]:
    return [c for c in text if c.isalnum()]


@SETTINGS
@given(ANY_TEXT)
@example("A \u2022 b \u2022 c\n\n2\n\nDone")
@example("118. " + "x " * 40 + "that leads to\n\nemployment. There are 23.")
@example(" #\r0")  # a bare heading marker once joined the next line, which then read as a lone page number
def test_normalise_never_raises_and_is_idempotent(text):
    once = normalise_text(text)
    assert isinstance(once, str)
    assert normalise_text(once) == once


@SETTINGS
@given(PLAIN)
@example("a long-\nterm plan")
@example("15. <u>**Present:**</u> Councillors".replace("<", ""))
@example("0\x85\x85 The")
def test_normalise_keeps_every_letter_and_digit_in_order(text):
    # Lines as the normaliser reads them: clean_chars ends a line at the page, line-tabulation and next-line
    # (NEL) controls, so a "0" before a NEL is a line of its own, a page number.
    kept = [ln for ln in clean_chars(text.replace("\r", "\n")).split("\n") if not page_number_line(ln)]
    # clean_chars maps a few look-alikes on purpose (the modifier letter apostrophe is a letter to Python).
    assert alnum(normalise_text("\n".join(kept))) == alnum(clean_chars("\n".join(kept)))


@SETTINGS
@given(ANY_TEXT)
@example("Summary\n\n1. It is good.\n- a point\nMore\ntext")
@example("12. First finding is here.\n12. The same number again.\n\nA\tB\tC")
def test_passages_cover_each_line_once_with_unique_keys(text):
    norm = normalise_text(text)
    lines = norm.split("\n")
    passages = cut_passages(norm)
    owner: dict[int, str] = {}
    for p in passages:
        assert 1 <= p.line_start <= p.line_end <= len(lines)
        assert p.text == "\n".join(lines[p.line_start - 1:p.line_end])
        for n in range(p.line_start, p.line_end + 1):
            assert n not in owner, f"line {n} in {owner.get(n)} and {p.key}"
            owner[n] = p.key
    non_blank = {i + 1 for i, ln in enumerate(lines) if ln.strip()}
    assert set(owner) == non_blank, "every non-blank line in a passage, and no blank line"
    keys = [p.key for p in passages]
    assert len(keys) == len(set(keys)), "passage keys are unique"
    assert [p.line_start for p in passages] == sorted(p.line_start for p in passages), "in document order"


@SETTINGS
@given(ANY_TEXT)
@example("Findings\n\n3. The first is good.\n4.2 The second improves.\n\n10. The third, at last.")
def test_paragraph_numbers_are_preserved(text):
    """Each numbered paragraph is a passage of its own, carrying the number the document gives it."""
    norm = normalise_text(text)
    lines = norm.split("\n")
    by_start = {p.line_start: p for p in cut_passages(norm)}
    for i, line in enumerate(lines, 1):
        number = numbered(line) if line.strip() else None
        if number is not None:
            p = by_start.get(i)
            assert p is not None and p.number == number and p.line_end == i, (line, p)
            assert p.key.startswith(f"p{number}")


@SETTINGS
@given(st.lists(st.tuples(st.integers(1, 60), st.integers(0, 5)), max_size=12), st.integers(0, 70))
def test_passage_at_is_the_first_passage_covering_the_line(spans, line):
    """The bisection in SourceDocument.passage_at gives what a scan in order gives, for passages in order
    and apart (as cut_passages makes them) and for any others (overlapping, unordered)."""
    from pathlib import Path

    from kg.model import Passage, SourceDocument

    passages = [Passage(f"l{i}", "x", line_start=a, line_end=a + n) for i, (a, n) in enumerate(spans)]
    for ps in (passages, sorted(passages, key=lambda p: p.line_start)):
        doc = SourceDocument(Path("d.txt"), "d.txt", "0" * 64, "txt", "x", ps)
        scanned = next((p for p in ps if p.line_start <= line <= p.line_end), None)
        assert doc.passage_at(line) == scanned
