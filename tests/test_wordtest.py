"""The plain word tests before slow case-insensitive patterns (kg.wordtest) only ever skip text the
pattern cannot match: wherever a pattern matches ASCII text, one of its words is there. (Classification,
inspectorates and themes have the same test beside their own.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.extract import mentions, reports
from kg.read import read_document
from kg.wordtest import ascii_lower, may_hold

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "documents"

CASES = {
    "earlier inspections": (mentions._EARLIER, mentions._EARLIER_WORDS, [
        "At the PREVIOUS inspection", "the last visit", "an Earlier JTAI", "the most recent monitoring visit",
        "the prior inspection", "the preceding two inspections", "Inspection of the council's adoption agency",
        "Date of previous inspection: May 2012"]),
    "SIF reasons": (re.compile(reports._REASONS_HEAD, re.IGNORECASE), reports._REASONS_HEAD_WORDS, [
        "Children who need help and protection REQUIRE IMPROVEMENT because:", "is inadequate because",
        "The local authority is good because", "The local authority has the following strengths:"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_word_tests_never_skip_a_match(name):
    rx, words, phrases = CASES[name]
    texts = list(phrases)
    for path in sorted(SEEDS.glob("*.txt")):
        texts += read_document(path).text.split("\n")
    matched = [t for t in texts if t.isascii() and rx.search(t)]
    assert len(matched) >= len(phrases)  # every phrase is a match: the test sees each alternative
    for t in matched:
        assert may_hold(ascii_lower(t), words), t[:80]


def test_text_beyond_ascii_is_always_given_to_the_pattern():
    assert may_hold(ascii_lower("the ſtrengths"), ("strengths",))  # a long s, which IGNORECASE folds to s
    assert not may_hold(ascii_lower("care leavers"), ("strengths",))
