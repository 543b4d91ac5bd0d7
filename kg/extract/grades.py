"""Grade words as reports print them -> the canonical grade words of a framework's scale.

Reports vary the wording ("Requires Improvement", "requires improvement to be good", "Grade 3 (adequate)",
"**inadequate**"); kg.vocab.GRADES holds one canonical form a scale, and this module maps onto it.
"""

from __future__ import annotations

import re

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
