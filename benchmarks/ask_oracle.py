"""How many asks a document holds, counted from its own numbering and bullets: the oracle the corpus
tests and benchmarks/coverage.py check the extracted asks against.

It reads only the text (one paragraph, list item or table row a line, as kg.read gives it) and shares no
code with kg.extract: under every heading that opens a list of asks it counts the list's bullets, or its
numbered paragraphs while their numbers run on, or (where a letter writes its asks as paragraphs) its
paragraphs; a JTAI letter's request for a written statement of proposed action is one more ask.
"""

from __future__ import annotations

import re

# A heading alone on its line that opens a list of asks, in every kind of the archive.
ASK_HEADING = re.compile(r"(what needs to improve|areas? for (priority action|improvement)|"
                         r"priorities for further improvement|recommendations|priority and immediate action)",
                         re.IGNORECASE)
# The same, run on after a paragraph's last sentence (a reader may join the two).
_RUN_ON_HEADING = re.compile(r"[.!?]\s+(what needs to improve|areas? for (priority action|improvement))[^.!?]{0,80}\??$",
                             re.IGNORECASE)
_BULLET = re.compile(r"^[-•\u25aa\u25a0\uf0b7]\s+(.)")
_NUMBERED = re.compile(r"^(\d{1,3})\.(?:\s+\S|(?=[A-Z]))")  # "144.BSCB needs to ..." too
_PAGE_ENTRY = re.compile(r"\s\d{1,3}$")  # a contents line: "Recommendations 8"
# Headings that open the findings a report's numbering runs on into: they end a run of asks.
_FINDINGS_HEADING = re.compile(r"\b(strengths|weaknesses|findings|summary|information about|what the inspection|"
                               r"judgement|progress since)\b", re.IGNORECASE)
# A numbered paragraph that states a finding where the numbering runs on past the asks: it opens with a
# determiner or a subject, and its first sentence asks nothing ("130. The board demonstrates ...").
_FINDING_OPENING = re.compile(r"^(The|A|An|This|These|Those|There|It|Its|Their|Most|Many|Some|All|Inspectors|"
                              r"Children|Young people)\b", re.IGNORECASE)
_OBLIGED = re.compile(r"\b(should|must|needs?(?: \w+ly)? to|ought to)\b")  # "need urgently to"
# Headings that open a letter's next part, never a topic of its asks.
_SECTION = re.compile(r"^((case|practice) study|next steps|yours sincerely|(key )?strengths|findings|"
                      r"local area partnership details)\b", re.IGNORECASE)
_BODY_COLUMN = re.compile(r"^Responsible (body|bodies|partners?|organisations?)\b", re.IGNORECASE)
_NEXT_STEPS = re.compile(r"^next steps:?$", re.IGNORECASE)
_ASKING = re.compile(r"\b(should|must)\b.*\bstatement of (proposed )?action\b|\bwritten statement\b", re.IGNORECASE)
# The asks a report says it found none of ("Inspectors did not identify any areas for improvement").
_NONE = re.compile(r"^(there (are|were) no|none\b|no areas\b|not applicable|(inspectors|the inspection) did not (find|identify)|"
                   r"the areas for .{0,40}\b(set|identified|made) (at|during) the (last|previous) .*\bremain\b)",
                   re.IGNORECASE)


def expected_asks(text: str) -> int:
    """The number of asks in a document's text."""
    lines = [t.strip() for t in text.split("\n") if t.strip()]
    n = sum(_items_under(lines, i) for i, t in enumerate(lines) if _opens_asks(t))
    return n + _next_steps(lines)


def _opens_asks(t: str) -> bool:
    if len(t) < 100 and ASK_HEADING.match(t) and not t.endswith(".") and not _PAGE_ENTRY.search(t):
        return True
    return bool(_RUN_ON_HEADING.search(t))


def _items_under(lines: list[str], i: int) -> int:
    """The asks under the heading at ``i``, up to the next ask heading or the list's end."""
    rest = [t for k, t in enumerate(lines[i + 1:i + 4], start=i + 1)
            if not (_lead_in(t) and not _ask_with_parts(lines, k) or t.isdigit())]
    # A heading straight after it (a table repeating its section's heading, "Recommendations" over "Priority
    # and immediate action") opens the list: counted from there.
    if not rest or _NONE.match(_unnumbered(_unbulleted(rest[0]))) or _opens_asks(rest[0]):
        return 0
    if _BODY_COLUMN.match(rest[0]):
        return _table_rows(lines, lines.index(rest[0], i))
    if _NUMBERED.match(rest[0]) or (len(rest) > 1 and _topic(rest[0]) and _NUMBERED.match(rest[1])):
        return _numbered_run(lines, i + 1)
    if _topic(rest[0]) and len(rest) > 1 and _item(rest[1]):  # asks grouped under topic headings
        return _bullets_or_paragraphs(lines, i, bool(_BULLET.match(rest[1])), grouped=True)
    return _bullets_or_paragraphs(lines, i, bool(_BULLET.match(rest[0])))


# A row whose first cell (the body's name) the text layer put on the line of its ask: "Plymouth City Council
# Plymouth City Council leaders should ensure ...".
_CELL_RUN_IN = re.compile(r"^[A-Z][\w ,'&-]*?\b(Council|Board|ICB|Trust)\s+[A-Z]")


def _table_rows(lines: list[str], header: int) -> int:
    """The rows of a table whose first column names who must act ("Responsible body | Areas for priority
    action"): each row's ask opens with a sentence that asks ("Leaders across the partnership should ...")
    after the cell that names the body; a row's later sentences and lists belong to it."""
    n = 0
    for k in range(header + 1, len(lines)):
        t = lines[k]
        if _opens_asks(t) or _SECTION.match(t) or t.lower().startswith("local area partnership details"):
            break
        before = lines[k - 1]
        opens_row = k == header + 1 or not before.endswith((".", ":")) and len(before) < 60 and not _BULLET.match(before) \
            or bool(_CELL_RUN_IN.match(t))
        if opens_row and t[:1].isupper() and _OBLIGED.search(re.split(r"(?<=\.)\s", t)[0]):
            n += 1
    return n


def _lead_in(t: str) -> bool:
    """A line leading into the list ("... areas of weakness:", "13. Priorities for further improvement:"),
    not a numbered ask leading into its parts ("1. Strengthen oversight of:")."""
    return t.endswith(":") and (not _NUMBERED.match(t) or bool(ASK_HEADING.match(_unnumbered(t)))) or bool(
        _FOLLOWING.search(t))


# A paragraph leading into the timescale lists of the 2009-13 reports ("22. In order to improve ..., the
# local authority should take the following action." / "Immediately:" / "- improve ...").
_FOLLOWING = re.compile(r"\bthe following actions?[.:]$")


def _ask_with_parts(lines: list[str], k: int) -> bool:
    """An ask leading into the list of its parts ("Leaders should strengthen working so that:" / "- needs are
    identified ..."): one ask, not a lead-in to the list of asks."""
    t = lines[k]
    nxt = _BULLET.match(lines[k + 1]) if k + 1 < len(lines) else None
    return (t.endswith(":") and not _BULLET.match(t) and bool(nxt) and nxt.group(1).islower()
            and "the following" not in t and bool(re.search(r"\b(should|must|needs? to|required)\b", t)))


def _unbulleted(t: str) -> str:
    return re.sub(r"^[-•\u25aa\u25a0\uf0b7]\s+", "", t)


def _unnumbered(t: str) -> str:
    return re.sub(r"^\d{1,3}\.\s+", "", t)


# The older reports' infinitive of an ask: "The Adoption Panel Chair to report annually ...", "The local
# authority to work together with partner agencies ...".
_INFINITIVE = re.compile(r"^(The|An?)\s+(?:(?:[A-Z][\w'&-]*|local|authority|of|and|for|the)\s+){1,8}to\s+[a-z]+\b")


def _finding(t: str) -> bool:
    body = _unnumbered(t)
    return bool(_FINDING_OPENING.match(body)) and not _OBLIGED.search(re.split(r"(?<=[.;])\s", body)[0]) and \
        not _INFINITIVE.match(body)


def _topic(t: str) -> bool:
    """A short heading that groups the asks after it ("Quality of practice")."""
    return len(t) < 90 and not t.endswith((".", ",", ";", ":")) and t[:1].isupper() and not _BULLET.match(t)


def _numbered_run(lines: list[str], start: int) -> int:
    """Numbered paragraphs while each number follows the one before; a short topic heading between two of
    them ("Missing children") does not end the run unless it opens findings, their paragraphs' second
    paragraphs and page-cut tails are skipped. A first paragraph saying there are none gives none."""
    last, n = None, 0
    for k in range(start, len(lines)):
        t = lines[k]
        m = _NUMBERED.match(t)
        if m:
            if last is None and _NONE.match(_unnumbered(t)):
                return 0
            if last is not None and int(m.group(1)) != last + 1:
                break
            nxt = _BULLET.match(lines[k + 1]) if k + 1 < len(lines) else None
            if _topic(_unnumbered(t)) and nxt and nxt.group(1).isupper():
                # a numbered topic heading ("1. Quality of practice"): the asks are its bullets
                last, n = int(m.group(1)), n + _bullets_from(lines, k + 1)
                continue
            if _finding(t):
                break
            last, n = int(m.group(1)), n + 1
            if _RUN_ON_HEADING.search(t):
                break  # the next list's heading run on after this paragraph: counted from there
        elif last is None:
            if not (_topic(t) or t.endswith(":")):
                break
        elif _opens_asks(t) or len(t) < 100 and _FINDINGS_HEADING.search(t):
            break  # "The local authority has the following strengths:"
        elif _topic(t):
            nxt = _NUMBERED.match(lines[k + 1]) if k + 1 < len(lines) else None
            if not nxt or int(nxt.group(1)) != last + 1 or _FINDINGS_HEADING.search(t):
                break  # a heading the list of asks does not run on across
    return n


def _bullets_from(lines: list[str], k: int) -> int:
    n = 0
    while k + n < len(lines) and _BULLET.match(lines[k + n]):
        n += 1
    return n


def _bullets_or_paragraphs(lines: list[str], i: int, bullets: bool, grouped: bool = False) -> int:
    """The bullets up to the first line that is neither a bullet, a bullet's wrapped tail, a lead-in
    ("... areas of weakness:") nor a footnote mark, an ask leading into the list of its parts counted once
    ("... should act to:" / "- improve ..."); with ``grouped``, across the topic headings that group them;
    where the asks are written as paragraphs, not bullets, each
    paragraph up to the next short line (a heading, "Yours sincerely")."""
    n = 0
    parts = False  # in the list of one ask's parts ("... should act to:" / "- improve ...")
    for k, t in enumerate(lines[i + 1:], start=i + 1):
        if _opens_asks(t) and len(t) < 100 or _SECTION.match(_unbulleted(t)):
            break
        bullet = _BULLET.match(t)
        if bullet and t.endswith(":") and k + 1 < len(lines):
            nxt = _BULLET.match(lines[k + 1])
            parts = bool(nxt) and nxt.group(1).islower()  # "- The quality of oversight of:" / "- permanence"
            n += 1
        elif (t.endswith(":") or _FOLLOWING.search(t)) and not bullet and k + 1 < len(lines):
            parts = _ask_with_parts(lines, k)
            n += parts
        elif grouped and _topic(t) and not _SECTION.match(t) and k + 1 < len(lines) and _item(lines[k + 1]):
            pass  # a topic heading grouping the bullets after it ("Identifying risk at the 'front door'")
        elif bullet and parts and bullet.group(1).islower():
            pass  # a part of the ask before it
        elif not bullet and _cut_tail(lines[k - 1], t):
            pass  # the end of the bullet before it, cut off by a page
        elif bullet or (
                not bullets and len(t) >= 100 and t.endswith(".")):
            n += 1
        elif not (t[:1].islower() or t.endswith(":") or t.isdigit() or bullets and t.endswith(".")
                  and _bullet_follows(lines, k + 1)):
            break
    return n


def _cut_tail(before: str, t: str) -> bool:
    """Whether ``t`` ends the bullet ``before``, which stops mid-phrase ("... good practice in primary care
    in" / "Derby, including ...", "... in line with the Healthy Child" / "Programme; and")."""
    if not _BULLET.match(before) or before.rstrip().endswith((".", ";", ":", "?", "!")):
        return False
    return bool(re.search(r"\b(a|an|the|of|in|on|at|to|for|with|by|from|and|or|that|which|as)$", before)
                or re.search(r"[;,](\s+(and|or))?$", t))


def _bullet_follows(lines: list[str], k: int) -> bool:
    """Whether a bullet comes again before a short line (a heading): the paragraph before it is the second
    paragraph of a bullet, which the reader gives a line of its own."""
    for j, t in enumerate(lines[k:], start=k):
        if _BULLET.match(t):
            return True
        topic = _topic(t) and not _SECTION.match(t) and j + 1 < len(lines) and _BULLET.match(lines[j + 1])
        if len(t) < 90 and not t.endswith(".") and not topic:
            return False
    return False


def _item(t: str) -> bool:
    """A bullet, or a paragraph of a list whose bullets the reader lost."""
    return bool(_BULLET.match(t)) or len(t) >= 100 and t.endswith(".")


def _next_steps(lines: list[str]) -> int:
    """A JTAI letter's "Next steps": one ask where its first paragraph asks for a written statement."""
    for i, t in enumerate(lines[:-1]):
        if _NEXT_STEPS.match(t):
            return int(bool(_ASKING.search(lines[i + 1])))
    return 0
