"""Header facts of any document: the authority, the title, the publication (or letter, or meeting) date,
the dates of the inspection it describes, its inspectors and the inspectorates taking part."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from kg.authorities import find_all, named_in, resolve
from kg.classify import Classification
from kg.dates import backwards_range, find_date_range, parse_date
from kg.document import ends_sentence
from kg.domain import INSPECTORATES_INSPECTING, TITLE_OPENING, TITLES_NAMING_THE_COUNCIL
from kg.model import Passage, SourceDocument

HEAD_PASSAGES = 40


@dataclass
class Header:
    authority: str | None = None
    authority_passage: Passage | None = None
    title: str | None = None
    title_passage: Passage | None = None
    published: str | None = None
    published_passage: Passage | None = None
    start: str | None = None
    end: str | None = None
    dates_passage: Passage | None = None
    inspectors: list[str] = field(default_factory=list)
    inspectorates: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


_COUNCIL_WORDS = re.compile(r"\b(?:council|borough|county|city of|corporation)\b", re.IGNORECASE)


def read_header(doc: SourceDocument, cls: Classification) -> Header:
    head = [p for p in doc.passages[:HEAD_PASSAGES]]
    h = Header()
    _find_title(head, h)
    _find_authority(head, h, cls)
    if h.authority is None or resolve(h.authority) is None:
        _known_council_in(head, h)
    if h.authority is None:
        _authority_from_body(doc.passages, h)
    _find_published(head, h, cls)
    ref_year = int(h.published[:4]) if h.published else None
    _find_dates(doc.passages[:HEAD_PASSAGES * 2], h, ref_year)
    if h.dates_passage is None:
        _refuse_backwards_dates(doc, h)
    h.inspectors = _find_inspectors(head + _team_section(doc.passages[HEAD_PASSAGES:]))
    h.inspectorates = _find_inspectorates(doc.passages, h, cls)
    return h


def _clean(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip(" ,.;:'")


_CONNECTIVE = re.compile(r"\b(?:and|of|the|for|in|on|upon|with|to|le)$")


def _find_title(head: list[Passage], h: Header) -> None:
    for i, p in enumerate(head):
        flat = " ".join(p.text.split())
        m = re.match(r"TITLE:\s*(.+)", flat, re.IGNORECASE)
        if m or TITLE_OPENING.match(flat):
            h.title, h.title_passage = _unwrap_title(m.group(1) if m else flat, head[i + 1:i + 4]), p
            return


def _unwrap_title(title: str, after: list[Passage]) -> str:
    """A title wrapped over lines the reader kept apart ("... care leavers and" / "Review of the ... Children"
    / "Board1"): join while it ends on a connective or the next piece is one word; drop a footnote mark."""
    for q in after:
        nxt = " ".join(q.text.split())
        if len(nxt) > 90 or ends_sentence(nxt) or ":" in nxt or re.search(r"\d{4}", nxt):
            break
        if not (_CONNECTIVE.search(title) or re.fullmatch(r"[A-Z][\w'-]*", nxt)):
            break
        title = f"{title} {nxt}"
    return re.sub(r"(?<=[a-z])\d{1,2}$", "", title)


def _looks_like_council(text: str) -> bool:
    flat = " ".join(text.split())
    return (len(flat) <= 70 and not re.search(r"\d", flat) and bool(_COUNCIL_WORDS.search(flat))
            and not re.search(r"(?:director|executive|chief|officer|member|cabinet|committee|services)\b", flat, re.IGNORECASE))


def _with_next(head: list[Passage]):
    """Each passage's text joined to the next where a title wraps (mid-name: "Windsor and" / "Maidenhead"),
    then each alone, then each short unfinished one joined to the next."""
    for i, p in enumerate(head[:-1]):
        if _CONNECTIVE.search(p.text.rstrip()):
            yield p, " ".join((p.text + " " + head[i + 1].text).split())
    for p in head:
        yield p, " ".join(p.text.split())
    for i, p in enumerate(head[:-1]):
        if len(p.text) < 70 and not p.text.rstrip().endswith((".", ":")):
            yield p, " ".join((p.text + " " + head[i + 1].text).split())


def _find_authority(head: list[Passage], h: Header, cls: Classification) -> None:
    for p, flat in _with_next(head):
        for rx in TITLES_NAMING_THE_COUNCIL:
            m = rx.search(flat)
            if m and not re.match(r"(?:local authority|the|safeguarding|services)\b", m.group("name"), re.IGNORECASE) \
                    and not _CONNECTIVE.search(m.group("name")):
                h.authority, h.authority_passage = _clean(m.group("name")), p
                return
    # Older reports and council papers print the council's name on its own line next to the title.
    if h.title_passage is not None:
        i = head.index(h.title_passage)
        for q in head[max(0, i - 2):i][::-1] + head[i + 1:i + 3]:
            text = q.text
            j = head.index(q)
            if re.fullmatch(r"(?:County |Borough |City )?Council", text.strip()) and j > 0:
                q, text = head[j - 1], head[j - 1].text + " " + text  # "Metropolitan Borough of Barnsley / Council"
            if _looks_like_council(text) or (cls.family == "report" and _short_name(text)):
                h.authority, h.authority_passage = _clean(text), q
                return
    for q in head[:12]:
        if _looks_like_council(q.text):
            h.authority, h.authority_passage = _clean(q.text), q
            return


def _known_council_in(head: list[Passage], h: Header) -> None:
    """Where the title gives no council the table knows (a title wrapped mid-name, "Inspection of the
    London Borough of" / "Ealing ..."; a letter addressed to "London Borough of Croydon"), the council the
    head names most often (the first named of equals), read across line breaks ("Barking and" / "Dagenham")."""
    named = find_all(" ".join(p.text for p in head))
    if not named:
        return
    counts = Counter(a.key for a in named)
    authority = next(a for a in named if counts[a.key] == max(counts.values()))
    for i, p in enumerate(head):
        words = named_in(" ".join(q.text for q in head[i:i + 2]), authority)
        if words is not None:
            h.authority, h.authority_passage = " ".join(words.split()), p
            return


_PLACE_BODIES = re.compile(r"\b(?:in\s+)?([A-Z][a-z]+(?: [A-Z][a-z]+)?) (?:local authority|council|Safeguarding "
                           r"Children(?:'s)? (?:Board|Partnership))\b")


def _authority_from_body(passages: list[Passage], h: Header) -> None:
    """Some joint letters are addressed to a "local partnership" and never name the council in their
    head: the place whose local authority and safeguarding board the body keeps naming is the council."""
    counts: dict[str, int] = {}
    first: dict[str, Passage] = {}
    for p in passages:
        for m in _PLACE_BODIES.finditer(" ".join(p.text.split())):
            place = m.group(1).removeprefix("The ").strip()
            if place in ("The", "Local", "This", "Each", "All"):
                continue
            counts[place] = counts.get(place, 0) + 1
            first.setdefault(place, p)
    if counts:
        place, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        if n >= 2:
            h.authority, h.authority_passage = place, first[place]


def _short_name(text: str) -> bool:
    """A bare place name such as "Darlington" or "Bedford Borough" above a report's title."""
    return bool(re.fullmatch(r"[A-Z][\w'&-]*(?: (?:[A-Z][\w'&-]*|and|upon|of|on))*", text.strip())) and len(text) < 50


def _find_published(head: list[Passage], h: Header, cls: Classification) -> None:
    for p in head:
        flat = " ".join(p.text.split())
        m = re.match(r"(?:Report published|Published|Publication date|Date of (?:the )?meeting|Date of letter)\s*:?\s*(.+)",
                     flat, re.IGNORECASE)
        if m and (iso := parse_date(m.group(1))) and len(iso) == 10:
            h.published, h.published_passage = iso, p
            return
    for p in head[:15]:  # a letter's date, or a meeting's, stands alone on its line
        alone = re.fullmatch(r"\s*(?:\w+day,? )?\d{1,2}(?:st|nd|rd|th)? [A-Za-z]+,? \d{4}\s*", p.text, re.IGNORECASE)
        if alone and (iso := parse_date(p.text)) and len(iso) == 10:
            h.published, h.published_passage = iso, p
            return


_DATES_CUE = re.compile(r"inspection dates?\s*:?|took place|visit to .{0,120}? on\s+(?=\d)|\bbetween\s+(?=\d)|"
                        r"\bfrom\s+(?=\d)|inspection (?:was )?(?:carried out|undertaken) on\s+|\bon\s+(?:the\s+)?(?=\d)", re.IGNORECASE)
# "the 15 and 16 of May 2018": the days read as "15 and 16 May 2018".
_DAY_OF = re.compile(r"(?<=\d)((?:st|nd|rd|th)?)\s+of\s+(?=[A-Za-z]{3})")


def _find_dates(passages: list[Passage], h: Header, ref_year: int | None) -> None:
    for p in passages:
        flat = " ".join(p.text.split())
        if p is h.published_passage or re.search(r"previous inspection", flat, re.IGNORECASE):
            continue
        strong = re.match(r"inspection dates?\b", flat, re.IGNORECASE)
        if not strong and not re.search(r"\b(?:inspection|visit|inspectors|JTAI)\b", flat, re.IGNORECASE):
            continue
        for m in _DATES_CUE.finditer(flat):
            if backwards_range(flat[m.end():m.end() + 80]):
                continue  # impossible dates are refused, with a warning (see _refuse_backwards_dates)
            got = find_date_range(_DAY_OF.sub(r"\1 ", flat[m.end():m.end() + 80]), ref_year)
            if got and got[0] and len(got[0]) == 10:
                h.start, h.end, h.dates_passage = got[0], got[1], p
                return


def _refuse_backwards_dates(doc: SourceDocument, h: Header) -> None:
    """Impossible dates (the end before the start) are not asserted, and the user is told which file."""
    for p in doc.passages[:HEAD_PASSAGES * 2]:
        bad = backwards_range(" ".join(p.text.split()))
        if bad:
            h.warnings.append(f"{doc.source_file}: inspection dates end before they start "
                              f"({bad[0]} to {bad[1]}); dates not asserted")
            return


def _team_section(passages: list[Passage]) -> list[Passage]:
    """The passages under an "(The) inspection team" heading (SIF reports print the team at the end)."""
    for i, p in enumerate(passages):
        if re.fullmatch(r"(?:The )?inspection team:?", p.text.strip(), re.IGNORECASE):
            return passages[i + 1:i + 8]
    return []


def _find_inspectors(head: list[Passage]) -> list[str]:
    names: list[str] = []
    for _i, p in enumerate(head):
        flat = " ".join(p.text.split())
        m = re.search(r"(?:Lead|Reporting) inspector:?\s+([A-Z][\w'-]*(?: [A-Z][\w'-]*)+)", flat)
        if m:
            names.append(m.group(1).removesuffix(" HMI").removesuffix(" Her Majesty's Inspector"))
        m = re.match(r"(?:Deputy lead|Team|Shadow|Supernumerary) inspectors?:\s*(.+)", flat)
        if m:  # "Team inspectors: Anji Parker, HMI, Margaret Burke HMI, ..."
            names += [n for n in re.split(r",\s*|\s+and\s+", m.group(1))
                      if re.fullmatch(r"[A-Z][\w'-]+(?: [A-Z][\w'-]+){1,3}", n.strip()) and n.strip() != "HMI"]
        m = re.search(r"Inspectors? for this (?:visit|inspection) (?:were|was) ([^.]+)", flat)
        if m:
            names += [n.removesuffix(" HMI").strip() for n in re.split(r",\s*|\s+and\s+", m.group(1)) if n.strip()]
    out: list[str] = []
    for n in names:
        n = re.sub(r",.*$", "", n).strip()
        n = re.sub(r"\s+(?:HMI|AI|OI|SHMI|His Majesty's Inspector|Her Majesty's Inspector)$", "", n)
        if n and n not in out:
            out.append(n)
    return out


def _find_inspectorates(passages: list[Passage], h: Header, cls: Classification) -> list[str]:
    """Inspectorates named as inspecting: in the passage giving the dates and the list that follows it, or
    in a sentence on who carried out the inspection."""
    scope: list[Passage] = []
    if h.dates_passage is not None and h.dates_passage in passages:
        i = passages.index(h.dates_passage)
        scope = passages[i:i + 6]
    text = " ".join(" ".join(p.text.split()) for p in scope)
    for p in passages[:HEAD_PASSAGES]:
        if re.search(r"inspectors from|carried out by|undertook a joint inspection|carried out a joint inspection",
                     p.text, re.IGNORECASE):
            text += " " + p.text
    found = [key for key, rx in INSPECTORATES_INSPECTING if rx.search(text)]
    if not found and cls.family in ("report", "letter") and any("Ofsted" in p.text for p in passages):
        found = ["Ofsted"]
    return found
