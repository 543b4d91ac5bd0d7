"""Inspection letters: ILACS focused and monitoring visits, joint targeted area inspections (JTAI) and
area SEND inspection reports. None of them is graded; they list what needs to improve and, often,
strengths.

The helpers here (sections, the visit's dates, inspectorates) are shared by the council and mentions extractors,
which read the same kinds of sentences; the blocks they read are the document layer's (kg.document).
"""

from __future__ import annotations

import re

from kg.dates import parse_date_range
from kg.document import Block, ends_sentence
from kg.domain import INSPECTORATE_NAMES, KIND_FRAMEWORK
from kg.extract.asking import reads_as_ask
from kg.model import Finding, InspectionFacts, Passage, Recommendation, SourceDocument
from kg.wordtest import ascii_lower


def heading_at_end(b: Block, heading: re.Pattern) -> str | None:
    """The heading a block is, or ends with (a reader may run a heading on after a paragraph's last
    sentence)."""
    if b.bullet:
        return None
    text = b.text.strip(" :")
    if heading.fullmatch(text):
        return text
    m = re.search(rf"[.!?]\s+((?:{heading.pattern}))$", text, heading.flags)
    return m.group(1) if m else None


def section_items(bs: list[Block], heading: re.Pattern, stop: re.Pattern | None = None) -> list[tuple[Block, str]]:
    """The list items under every heading matching ``heading``, each with that heading's words.

    A bulleted list ends at the next heading or at prose that no bullet follows; a paragraph between two
    bullets is the second paragraph of the bullet before it, a footnote or a boxed case study inside the
    list is passed over. Where the section has no bullets (older JTAI letters, area SEND reports), its
    paragraphs are the items, sub-headings skipped, up to the next heading matching ``stop``.
    """
    items: list[tuple[Block, str]] = []
    i = 0
    while i < len(bs):
        title = heading_at_end(bs[i], heading)
        i += 1
        if title is None:
            continue
        while i < len(bs) and not bs[i].bullet and heading.fullmatch(bs[i].text.strip(" :")):
            i += 1  # a repeated heading (tables print it twice)
        while i < len(bs) and not bs[i].bullet and bs[i].text.rstrip().endswith(":") and not _ask_with_list(bs, i):
            i += 1  # a lead-in ("... areas of weakness in child protection:"), not an ask leading into its list
        plain = i < len(bs) and not bs[i].bullet
        first = len(items)
        while i < len(bs):
            c = bs[i]
            ends = heading.fullmatch(c.text.strip(" :")) or (stop is not None and stop.match(c.text))
            if len(items) > first and bullet_tail(bs[i - 1], c):
                items[-1] = (_joined(items[-1][0], [c]), items[-1][1])
                i += 1
                continue
            if _ask_with_list(bs, i):
                j = i + 1
                while j < len(bs) and (_part_of(c, bs[j]) or bullet_tail(bs[j - 1], bs[j])):
                    j += 1
                items.append((_joined(c, bs[i + 1:j]), title))
                i = j
                continue
            if c.bullet and not ends:
                item = _without_box_heading(c)
                items.append((item, title))
                if item is not c:  # the box the bullet ran into: passed over up to the next bullet
                    nxt = _next_bullet(bs, i + 1, heading, stop, plain)
                    if nxt is None:
                        break
                    i = nxt
                    continue
            elif ends and not _box_heading(c.text):
                break
            elif _footnote(c):
                pass
            elif _box_heading(c.text) or (len(items) > first and items[-1][0].bullet and not c.is_heading):
                nxt = _next_bullet(bs, i + 1, heading, stop, plain)
                if nxt is None and plain and not _box_heading(c.text):
                    items.append((c, title))  # a section of paragraphs
                    i += 1
                    continue
                if nxt is None:
                    break
                if not _box_heading(c.text):  # the bullet's next paragraphs, up to the next bullet
                    items[-1] = (_joined(items[-1][0], bs[i:nxt]), items[-1][1])
                i = nxt
                continue
            elif not plain:
                break
            elif not c.is_heading:
                items.append((c, title))
            i += 1
    return items


# Words a phrase does not end with: a line ending with one goes on on the next line.
_OPEN_ENDING = re.compile(r"\b(?:a|an|the|of|in|on|at|to|for|with|by|from|and|or|that|which|as)$", re.IGNORECASE)
_LIST_SEPARATOR = re.compile(r"[;,](?:\s+(?:and|or))?$")


def bullet_tail(prev: Block, b: Block) -> bool:
    """Whether ``b`` is the end of the list item ``prev``, cut off by a page break or a wrapped line the reader
    gave a block of its own ("- ... good practice in primary care in" / "Derby, including updating ...",
    "- ... in line with the Healthy Child" / "Programme; and"): the item ends no sentence, and the block goes on
    in lower case, after a word no phrase ends with, or ends like an item of a list (never like a heading)."""
    if not prev.bullet or b.bullet or ends_sentence(prev.text):
        return False
    return bool(b.text[:1].islower() or _OPEN_ENDING.search(prev.text) or _LIST_SEPARATOR.search(b.text)
                or ends_sentence(b.text) and not b.text.endswith(("?", ":")))


def _ask_with_list(bs: list[Block], i: int) -> bool:
    """An ask leading into a list that goes on its sentence ("... should improve communication to:" /
    "- improve equity for all children ..."): one ask with its parts. A lead-in to "the following" asks, or
    to bullets that are sentences of their own, introduces the asks instead."""
    b = bs[i]
    return (b.text.rstrip().endswith(":") and i + 1 < len(bs) and bs[i + 1].bullet
            and bs[i + 1].text[:1].islower() and reads_as_ask(b.text)
            and not re.search(r"\bthe following\b", b.text, re.IGNORECASE))


def _part_of(ask: Block, b: Block) -> bool:
    """A bullet of the list an ask leads into; under a bulleted ask, the parts go on in lower case ("- Leaders
    need to take urgent action ... This includes:" / "- ensuring that ...") up to the next ask."""
    return b.bullet and (not ask.bullet or b.text[:1].islower())


# A box of the letter's layout that may sit inside a list: "Case study: area for improvement",
# "Practice study: highly effective practice".
_BOX_HEADING = re.compile(r"(?:case|practice) study\b[^.]{0,60}$", re.IGNORECASE)
_FOOTNOTE = re.compile(r"^\d{1,2} [A-Z]")


def _box_heading(text: str) -> bool:
    return bool(_BOX_HEADING.match(text.strip()))


def _without_box_heading(b: Block) -> Block:
    """A bullet whose line the reader ran on into a box's heading, cut before it."""
    m = re.search(r"\s(?:Case|Practice) study:[^.]{0,60}$", b.text)
    return Block(b.text[:m.start()].rstrip(), b.start, b.end, b.bullet) if m else b


def _without_asterisk_notes(doc: SourceDocument, bs: list[Block]) -> list[Block]:
    """The blocks less the notes to a starred word ("Samantha* is aged seven" / "* Pseudonym used to protect
    confidentiality."): the reader takes the note's asterisk for a bullet."""
    if not re.search(r"[A-Za-z]\*(?!\w)", doc.text):
        return bs
    lines = doc.text.split("\n")
    return [b for b in bs if not (b.bullet and lines[b.start - 1].lstrip().startswith("*"))]


def _footnote(b: Block) -> bool:
    """A footnote the page put between a list's items ("5 Operation Encompass is a project ...")."""
    return not b.bullet and bool(_FOOTNOTE.match(b.text))


def _next_bullet(bs: list[Block], i: int, heading: re.Pattern, stop: re.Pattern | None,
                 topics: bool = False) -> int | None:
    """Index of the next bullet before any heading (with ``topics``, before any heading but a topic's within
    the section), or None where the list has ended."""
    while i < len(bs):
        b = bs[i]
        if b.bullet:
            return i
        text = b.text.strip(" :")
        if (b.is_heading and not _box_heading(b.text) and not topics) or heading.fullmatch(text) or (
                stop is not None and stop.match(b.text) and not _box_heading(b.text)):
            return None
        i += 1
    return None


def _joined(item: Block, more: list[Block]) -> Block:
    text = " ".join([item.text] + [b.text for b in more if not _footnote(b)])
    return Block(re.sub(r"\s+", " ", text).strip(), item.start, more[-1].end if more else item.end, item.bullet)


# An ask section that asks nothing new: none, or the last visit's asks "remain" (quoted as history, not
# asked again); "There are not enough ..." is an ask.
NO_ASKS = re.compile(r"^(there (are|were) no\b|none\b|not applicable|the (areas|priority actions?|recommendations)\b"
                        r"[^.]{0,80}\b(last|previous|earlier)\b[^.]{0,60}\bremain\b)", re.IGNORECASE)

IMPROVE_HEADING = re.compile(
    r"(what needs to improve.*|areas? for priority action.*|areas? for improvement|"
    r"what does the (local )?area( partnership)? need to do better\??|priority action.*|"
    r"priorities for further improvement)", re.IGNORECASE)
# Where a section written as paragraphs ends.
MAJOR_HEADING = re.compile(r"(case study|next steps|yours sincerely|local area partnership details|"
                           r"information about this inspection|what is it like to be|ofsted will|"
                           r"headline findings|main findings|findings)\b", re.IGNORECASE)
STRENGTH_HEADING = re.compile(r"((key |multi-agency )?strengths|what is the area partnership doing that is "
                              r"effective\??|what is working well.*)", re.IGNORECASE)


def inspectorates_in(text: str) -> list[str]:
    """The inspectorates a passage names (kg.domain.INSPECTORATE_NAMES), as keys of kg.vocab.INSPECTORATES.

    >>> inspectorates_in("Ofsted, the Care Quality Commission (CQC), HMI Constabulary and HMI Probation")
    ['Ofsted', 'CQC', 'HMICFRS', 'HMIProbation']
    """
    low = ascii_lower(text)
    return [key for key, named in INSPECTORATE_NAMES if named.search(text, low)]


_VISIT_SENTENCE = re.compile(
    r"(findings of (the|a) (focused|monitoring) visit|took place (from|between|on)|between \d|"
    r"inspection dates?|carried out (a |the )?(joint )?(inspection|visit)|visit(ed)? .* on \d|"
    r"(undertook|carried out) a joint)", re.IGNORECASE)


def says_when_it_took_place(bs) -> bool:
    """Whether a sentence near the top says when the inspection or visit took place (dates read or not)."""
    return any(_VISIT_SENTENCE.search(b.text) for b in bs[:80])


def intro_block(bs: list[Block], default_year: int | None = None) -> Block | None:
    """The sentence saying when the inspection or visit took place."""
    for b in bs[:80]:
        if _VISIT_SENTENCE.search(b.text) and parse_date_range(b.text, default_year)[0]:
            return b
    return None


def inspectors_in(text: str) -> list[str]:
    """Names after "inspectors for this visit were" / "The inspectors were".

    >>> inspectors_in("His Majesty's Inspectors for this visit were Jo Warburton and Jan Edwards.")
    ['Jo Warburton', 'Jan Edwards']
    """
    m = re.search(r"inspectors?(?: for this visit)? (?:were|was) ([^.]+)", text, re.IGNORECASE)
    if not m:
        return []
    words = re.sub(r"\b(Her|His) Majesty's Inspectors?\b|\bHMI\b|\bOfsted Inspectors?\b", ",", m.group(1))
    names = [n.strip() for n in re.split(r",|\band\b", words)]
    return [n for n in names if re.fullmatch(r"(?:[A-Z][\w'-]+\s+){1,3}[A-Z][\w'-]+", n)]


def letter_date(bs: list[Block]) -> str | None:
    """The date a letter is written: a full date standing alone on a line of its head."""
    from kg.dates import parse_date

    for b in bs[:20]:
        iso = parse_date(b.text) if len(b.text) <= 30 else None
        if iso and len(iso) == 10:
            return iso
    return None


def _visit_dates(text: str, written: str | None) -> tuple[str | None, str | None]:
    """The visit's days; a letter naming them without a year ("on 13 and 14 July") wrote them in the year
    of the letter's date ``written``, or the one before where those days would fall after it."""
    start, end = parse_date_range(text)
    if start or not written:
        return start, end
    year = int(written[:4])
    start, end = parse_date_range(text, year)
    if start and start > written:
        start, end = parse_date_range(text, year - 1)
    return start, end


def _addressee(bs: list[Block], kind: str) -> str | None:
    """A JTAI letter writes to the local partnership; name it where the salutation does."""
    if kind != "JTAI":
        return None
    for b in bs[:40]:
        m = re.match(r"Dear (.+?\b(?:Partnership|Partners|Board)\b)", b.text) or re.match(r"Dear (.+?),?$", b.text)
        if m:
            name = m.group(1).strip()
            if re.search(r"[A-Z]\w+.*\b(Partnership|Partners|Board)\b", name) and not name.lower().startswith(
                    ("local", "the local")):
                return name
            return None
    return None


def extract_letter(doc: SourceDocument, cls, head) -> list[InspectionFacts]:
    """The one inspection a letter describes, ungraded, with its asks and strengths."""
    bs = list(doc.blocks)
    kind = getattr(cls, "inspection_kind", None) or "FocusedVisit"
    written = letter_date(bs)
    intro = intro_block(bs, int(written[:4]) if written else None)
    start, end = getattr(head, "start", None), getattr(head, "end", None)
    if not start and intro is not None:
        start, end = _visit_dates(intro.text, written)
    passage = _intro_passage(doc, head, intro, bs)
    if passage is None:
        return []
    opening = " ".join(b.text for b in bs[:60])
    found = inspectorates_in(intro.text if intro is not None else opening) or inspectorates_in(doc.text)
    inspectorates = list(dict.fromkeys(list(getattr(head, "inspectorates", None) or []) + found))
    if kind in ("FocusedVisit", "MonitoringVisit") and "Ofsted" not in inspectorates:
        inspectorates.insert(0, "Ofsted")
    inspectors = list(getattr(head, "inspectors", None) or [])
    if not inspectors and intro is not None:
        inspectors = inspectors_in(" ".join(b.text for b in bs[max(0, bs.index(intro)):bs.index(intro) + 2]))
    facts = InspectionFacts(
        kind=kind, role="described", start=start, end=end, passage=passage,
        framework=getattr(cls, "framework", None) or KIND_FRAMEWORK.get(kind), title=getattr(head, "title", None),
        inspectorates=inspectorates, inspectors=inspectors, graded=False,
    )
    addressee = _addressee(bs, kind)
    bs = _without_asterisk_notes(doc, bs)
    bs, bodies = responsible_rows(doc, bs)
    authority = getattr(head, "authority", None)
    asks = [(b, t) for b, t in section_items(bs, IMPROVE_HEADING, _stop(STRENGTH_HEADING))
            if not NO_ASKS.match(b.text) and not _table_cell(b)]
    for n, (b, title) in enumerate(asks, start=1):
        passage = doc.passage_for(b, title)
        if b.end > passage.line_end:  # a table row joined from several lines: its own span
            passage = Passage(key=f"l{b.start}-{b.end}", text=b.text, line_start=b.start, line_end=b.end,
                              heading=title, page=passage.page)
        if title.lower().startswith("what does"):
            facts.findings.append(Finding("weakness", b.text, passage, str(n)))
            continue
        who = _body_addressee(bodies[b.start], authority) if b.start in bodies else addressee
        facts.recommendations.append(Recommendation(
            text=b.text, passage=passage, number=str(len(facts.recommendations) + 1),
            addressee=who, part="priority action" if "priority" in title.lower() else None))
    step = next_steps_ask(bs) if kind == "JTAI" else None
    if step is not None:
        facts.recommendations.append(Recommendation(
            text=step.text, passage=doc.passage_for(step, "Next steps"),
            number=str(len(facts.recommendations) + 1), addressee=addressee, part="next steps"))
    strengths = section_items(bs, STRENGTH_HEADING, _stop(IMPROVE_HEADING))
    for n, (b, title) in enumerate(strengths, start=1):
        facts.findings.append(Finding("strength", b.text, doc.passage_for(b, title), str(n)))
    return [facts]


_NEXT_STEPS = re.compile(r"next steps:?", re.IGNORECASE)


def next_steps_ask(bs: list[Block]) -> Block | None:
    """The ask a JTAI letter ends with, under "Next steps": the first paragraph, where it asks ("The local
    authority should prepare a written statement of proposed action ..."); the paragraphs after it say how
    and when to send it."""
    for i, b in enumerate(bs[:-1]):
        if not b.bullet and _NEXT_STEPS.fullmatch(b.text.strip()):
            nxt = bs[i + 1]
            text = re.sub(r"^\d{1,3}\.\s+", "", nxt.text)  # a numbered paragraph ("35. We have determined ...")
            if reads_as_ask(text):
                return Block(text, nxt.start, nxt.end, nxt.bullet)
            return None
    return None


# A table whose first column names who must act ("Responsible body | Areas for priority action").
_BODY_COLUMN = re.compile(r"^Responsible (?:body|bodies|partners?|organisations?)\s+(?P<title>\S.*)$", re.IGNORECASE)
_ASKING = re.compile(r"\b(should|must|needs?|will|ensure)\b", re.IGNORECASE)


def _body_cell(b: Block) -> bool:
    """A line of a "Responsible body" cell: a short piece of a name, neither a sentence nor an ask nor an ask's
    first line ("Leaders at Oldham Metropolitan Borough Council and")."""
    return (not b.bullet and len(b.text.split()) <= 8 and not ends_sentence(b.text) and not _ASKING.search(b.text)
            and not b.text.startswith("Leaders"))


# A row whose body cell the reader ran into its ask's first line: "Plymouth City Council Plymouth City Council
# leaders should ensure ...": a name ending in a body's word, then the ask's subject.
_BODY_RUN_IN = re.compile(r"^(?P<body>(?:[A-Z][\w'&,-]*\s+|and\s+|of\s+)*?(?:Council|Board|ICB|Trust|Partnership))\s+"
                          r"(?P<ask>[A-Z].*?\b(?:should|must|needs? to)\b.*)$")


def _table_end(b: Block) -> bool:
    text = b.text.strip(" :")
    return b.bullet or any(rx.fullmatch(text) for rx in (IMPROVE_HEADING, STRENGTH_HEADING)) or bool(
        MAJOR_HEADING.match(text))


def responsible_rows(doc: SourceDocument, bs: list[Block]) -> tuple[list[Block], dict[int, str]]:
    """The blocks with each "Responsible body" table read row by row: the ask of a row as one block (its
    cell's lines and paragraphs joined), its responsible body as printed in ``bodies[block.start]``.

    A reader gives a table cell one line a block, the two columns one after the other: a row's body
    (short pieces of names), then its ask (sentences; a cell may hold several paragraphs). A piece of a
    name after an ended ask opens the next row.
    """
    out: list[Block] = []
    bodies: dict[int, str] = {}
    i = 0
    while i < len(bs):
        m = _BODY_COLUMN.match(bs[i].text) if not bs[i].bullet and not ends_sentence(bs[i].text) else None
        if m is None:
            out.append(bs[i])
            i += 1
            continue
        out.append(Block(m.group("title").strip(), bs[i].start, bs[i].start, False))  # the column's title
        i += 1
        body: list[str] = []
        ask: list[Block] = []
        while i < len(bs) and not (_table_end(bs[i]) and not _cell_list(ask, bs[i])):
            b = bs[i]
            ended = not ask or ends_sentence(ask[-1].text) and not (b.bullet or ask[-1].text.endswith(":"))
            run_in = _BODY_RUN_IN.match(b.text) if ended and ask and not b.bullet else None
            if run_in:
                out.append(_row(ask, body, bodies))
                body, ask = [run_in.group("body")], [Block(run_in.group("ask"), b.start, b.end, False)]
            elif ended and (_body_cell(b) or body and not ask and _body_cell(Block(b.text.rstrip("."), 0, 0, False))):
                # (a cell's last line may end with a full stop: "Board, school and college leaders.")
                if ask:
                    out.append(_row(ask, body, bodies))
                    body, ask = [], []
                body.append(b.text)
            else:
                ask.append(b)
            i += 1
        if ask:
            out.append(_row(ask, body, bodies))
    return out, bodies


def _cell_list(ask: list[Block], b: Block) -> bool:
    """A bullet of a list inside an ask's cell ("... they should urgently improve:" and its items)."""
    return b.bullet and bool(ask) and (any(a.bullet for a in ask) or ask[-1].text.rstrip().endswith(":"))


def _row(ask: list[Block], body: list[str], bodies: dict[int, str]) -> Block:
    text = " ".join(b.text for b in ask)
    row = Block(re.sub(r"\s+", " ", text).strip(), ask[0].start, ask[-1].end, False)
    if body:
        bodies[row.start] = re.sub(r"\s+", " ", " ".join(body)).strip(" ,.")
    return row


def _stop(other: re.Pattern) -> re.Pattern:
    return re.compile(rf"(?:{MAJOR_HEADING.pattern})|(?:{other.pattern})\s*:?$", re.IGNORECASE)


def _body_addressee(printed: str, authority: str | None) -> str | None:
    """A responsible body as printed; None where it is the authority alone (the default addressee)."""
    from kg.extract.organisations import is_authority

    return None if is_authority(printed, authority) else printed


def _table_cell(b: Block) -> bool:
    """Cells of the area SEND tables (a responsible body's name, a column title) are not asks."""
    return not b.bullet and (len(b.text.split()) < 6 or not ends_sentence(b.text))


def _intro_passage(doc, head, intro: Block | None, bs: list[Block]) -> Passage | None:
    dates_passage = getattr(head, "dates_passage", None)
    if dates_passage is not None:
        return dates_passage
    if intro is not None:
        return doc.passage_for(intro)
    return doc.passage_for(bs[0]) if bs else None
