"""A plain word test before a slow case-insensitive pattern.

Python's regex engine tries a pattern that starts with ``\\b`` or an alternation of phrases at every
character; testing first whether the text holds any word every match must hold is many times faster,
and most texts hold none. The test only skips: on ASCII text ``str.lower()`` is exactly the case folding
of ``re.IGNORECASE``, so a text without the words cannot match. Text with other characters is always
given to the pattern. A ``GuardedPattern`` keeps a pattern and its words together, with texts it matches;
tests/test_wordtest.py checks, for every one in ``kg``, that its words are needed for each of those texts to
match.

>>> may_hold(ascii_lower("At the LAST inspection"), ("last", "previous")), may_hold(None, ("last",))
(True, True)
>>> may_hold(ascii_lower("Care leavers are well supported."), ("last", "previous"))
False
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


def ascii_lower(text: str) -> str | None:
    """The text in lower case, or None when it is not ASCII (then no word test applies)."""
    return text.lower() if text.isascii() else None


def may_hold(low: str | None, words) -> bool:
    """False only when ``low`` (from ascii_lower) holds none of the lower-case ``words``."""
    if low is None:
        return True
    for w in words:  # a plain loop: any() over a generator costs more than the tests themselves
        if w in low:
            return True
    return False


_LOWERED = object()  # ``low`` not given: the guarded pattern lowers the text itself


@dataclass(frozen=True)
class GuardedPattern:
    """A case-insensitive pattern, the lower-case words one of which every match holds, and texts it
    matches (each must hold one of the words; with them blanked out it must not match).

    >>> earlier = GuardedPattern(re.compile(r"\\b(?:last|previous) inspection", re.IGNORECASE),
    ...                          ("last", "previous"), ("at the LAST inspection", "the previous inspection"))
    >>> earlier.search("At the last inspection, ...").group(), earlier.search("Care leavers are well supported.")
    ('last inspection', None)
    """

    pattern: re.Pattern[str]
    words: tuple[str, ...]
    examples: tuple[str, ...] = ()

    def may_match(self, low: str | None) -> bool:
        """False only where the text whose ``ascii_lower`` is ``low`` cannot match."""
        return may_hold(low, self.words)

    def search(self, text: str, low: str | None | object = _LOWERED) -> re.Match[str] | None:
        """``pattern.search(text)``, skipped where the words say it cannot match; ``low`` is the text's
        ``ascii_lower`` when the caller has it already (several patterns tried on one text)."""
        return self.pattern.search(text) if self.may_match(_lower(text, low)) else None

    def finditer(self, text: str, low: str | None | object = _LOWERED) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self.may_match(_lower(text, low)) else iter(())


def _lower(text: str, low: str | None | object) -> str | None:
    return ascii_lower(text) if low is _LOWERED else low  # type: ignore[return-value]
