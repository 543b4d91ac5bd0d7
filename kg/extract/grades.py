"""Grade words as reports print them -> the canonical grade words of a framework's scale.

Reports vary the wording ("Requires Improvement", "requires improvement to be good", "Grade 3 (adequate)",
"**inadequate**"); kg.vocab.GRADES holds one canonical form a scale, and this module maps onto it.
"""

from __future__ import annotations

import re

from kg.domain import ASPECT_KEYS
from kg.vocab import GRADES

# Any grade wording of the three scales; longest alternatives first so "requires improvement to be good"
# is not cut short at "requires improvement".
GRADE_RE = re.compile(
    r"(?:grade\s*[1-4]\s*\(\s*)?"
    r"\b(outstanding|good|adequate|inadequate|"
    r"requires?\s+improvement(?:\s+to\s+be\s+good)?|require\s+improvement(?:\s+to\s+be\s+good)?)\b"
    r"(?:\s*\))?",
    re.IGNORECASE,
)

_BY_GRADE_NUMBER = {"1": "outstanding", "2": "good", "3": "adequate", "4": "inadequate"}


def canonical_grade(words: str, scale: str) -> str | None:
    """The canonical grade of `scale` that `words` state, or None when they state none of its grades.

    >>> canonical_grade("Requires Improvement", "SIF")
    'Requires improvement'
    >>> canonical_grade("requires improvement to be good", "ILACS")
    'Requires improvement to be good'
    >>> canonical_grade("Grade 3 (adequate)", "SafeguardingLAC")
    'Adequate'
    >>> canonical_grade("Adequate", "SIF") is None
    True
    """
    text = re.sub(r"[*_]+", " ", words)
    m = GRADE_RE.search(text)
    if m:
        key = re.sub(r"\s+", " ", m.group(1).lower())
    else:
        num = re.search(r"\bgrade\s*([1-4])\b", text, re.IGNORECASE)
        if not num:
            return None
        key = _BY_GRADE_NUMBER[num.group(1)]
    if key.startswith("require"):
        key = "requires improvement"
    for sc, canon in GRADES:
        if sc != scale:
            continue
        low = canon.lower()
        # "Requires improvement to be good" (ILACS) and "Requires improvement" (SIF) are one grade each.
        if low == key or (key == "requires improvement" and low.startswith("requires improvement")):
            return canon
    return None


def grade_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, matched words) of every grade wording in `text`, in order."""
    return [(m.start(), m.end(), m.group(0)) for m in GRADE_RE.finditer(text)]


_ASPECT_RES = tuple((key, re.compile(words, re.IGNORECASE)) for key, words in ASPECT_KEYS)


def aspect_key(words: str) -> str | None:
    """The key of the graded aspect `words` name, or None.

    >>> aspect_key("2.2 Experiences and progress of care leavers")
    'care leavers'
    >>> aspect_key("The experiences and progress of children in care and care leavers")
    'children in care and care leavers'
    """
    return next((key for key, rx in _ASPECT_RES if rx.search(words)), None)


def disagreements(readings: dict[str, dict[str, str]]) -> list[str]:
    """One line an aspect that two readings of a report grade differently ("overall effectiveness: table
    Good, headline Inadequate"); `readings` maps a reading's name to its grades by aspect key."""
    out = []
    aspects = dict.fromkeys(key for grades in readings.values() for key in grades)
    for key in aspects:
        said = {name: grades[key] for name, grades in readings.items() if key in grades}
        if len(set(said.values())) > 1:
            out.append(f"{key}: " + ", ".join(f"{name} {grade}" for name, grade in said.items()))
    return out
