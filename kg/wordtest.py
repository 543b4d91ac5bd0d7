"""A plain word test before a slow case-insensitive pattern.

Python's regex engine tries a pattern that starts with ``\\b`` or an alternation of phrases at every
character; testing first whether the text holds any word every match must hold is many times faster,
and most texts hold none. The test only skips: on ASCII text ``str.lower()`` is exactly the case folding
of ``re.IGNORECASE``, so a text without the words cannot match. Text with other characters is always
given to the pattern. Each caller's words are checked against its pattern's matches by a test.

>>> may_hold(ascii_lower("At the LAST inspection"), ("last", "previous")), may_hold(None, ("last",))
(True, True)
>>> may_hold(ascii_lower("Care leavers are well supported."), ("last", "previous"))
False
"""

from __future__ import annotations


def ascii_lower(text: str) -> str | None:
    """The text in lower case, or None when it is not ASCII (then no word test applies)."""
    return text.lower() if text.isascii() else None


def may_hold(low: str | None, words) -> bool:
    """False only when ``low`` (from ascii_lower) holds none of the lower-case ``words``."""
    return low is None or any(w in low for w in words)
