"""What kind of document this is, from its wording and layout alone (never its file name)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from kg.dates import find_date_range
from kg.model import SourceDocument
from kg.wordtest import ascii_lower, may_hold

HEAD_LINES = 40  # titles, addressees and dates sit in the first lines of every kind


@dataclass
class Classification:
    document_kind: str  # InspectionReport | InspectionLetter | CouncilReport | Minutes | UnknownDocument
    family: str  # "report" | "letter" | "council" | "unknown"
    inspection_kind: str | None = None  # SIFInspection, FocusedVisit, JTAI, ... (for council papers: the one reported on)
    framework: str | None = None  # SafeguardingLAC | SIF | ILACS | JTAI | AreaSEND
    warnings: list[str] = field(default_factory=list)
    reason: str = ""


_I = re.IGNORECASE | re.MULTILINE
# Titles of the inspections, with the kind and framework each names; first match in the head wins.
_TITLES: list[tuple[re.Pattern[str], str, str | None]] = [
    (re.compile(r"joint targeted area inspection|^JTAI\b", _I), "JTAI", "JTAI"),
    (re.compile(r"area SEND (?:full )?inspection|local area partnership report|"
                r"inspection of .{0,60}local area.{0,40}special educational needs", _I), "AreaSENDInspection",
     "AreaSEND"),
    (re.compile(r"^(?:re: )?focused visit to|\bfocused visit to|findings of the focused visit", _I), "FocusedVisit", None),
    (re.compile(r"^(?:re: )?monitoring visit (?:to|of)|\bmonitoring visit (?:to|of)|findings of the monitoring visit", _I), "MonitoringVisit",
     None),
    (re.compile(r"inspection of (?:safeguarding and )?looked after children services", _I),
     "SafeguardingLACInspection", "SafeguardingLAC"),
    (re.compile(r"inspection of services for children in need of help and protection,? children looked after",
                _I), "SIFInspection", "SIF"),
    (re.compile(r"\b[Ii]nspection of (?:[A-Z][\w,'&.-]*\s+|and\s+|upon\s+|of\s+|on\s+)*"
                r"(?:local authority\s+)?[Cc]hildren'?s (?:social care )?services|"
                # the ILACS title names the council in any form ("the", "city council", "&") before these words
                r"(?i:\binspection of [^.]{0,100}?\blocal authority children'?s services)"), "ILACS", "ILACS"),
    # The SIF's review of the safeguarding board, published on its own where the board was reviewed apart.
    (re.compile(r"review of the effectiveness of the local safeguarding children'?s? board", _I),
     "SIFInspection", "SIF"),
]
# Where the title is missing from the text layer, the judgement grid's first row names the framework.
_GRIDS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"^the impact of leaders on social work practice", _I), "ILACS", "ILACS"),
]
# A title of an inspection of no kind above ("Inspection of progress made in ..."), by an inspectorate the
# head names: an ungraded inspection, read like a letter.
_OTHER_TITLE = re.compile(r"^inspection of\b", re.IGNORECASE)
_COUNCIL = re.compile(r"^(?:report (?:of|to)\b|purpose of (?:the )?report|title:|date of meeting|"
                      r"report author|key decision)", _I)
_MINUTES = re.compile(r"^(?:\d+\.\s*)?(?:present:|apologies for absence|minutes of (?:the )?meeting)", _I)
_FULL_KINDS = {"SafeguardingLACInspection", "SIFInspection", "ILACSStandardInspection", "ILACSShortInspection"}
# Inspections a council paper may report on, and how it names them.
_MENTIONS: list[tuple[re.Pattern[str], str, str | None]] = [
    (re.compile(r"joint,? targeted area inspection|\bJTAI\b", re.IGNORECASE), "JTAI", "JTAI"),
    (re.compile(r"area SEND inspection|local area SEND|SEND inspection", re.IGNORECASE), "AreaSENDInspection", "AreaSEND"),
    (re.compile(r"focused visit", re.IGNORECASE), "FocusedVisit", None),
    (re.compile(r"monitoring visit", re.IGNORECASE), "MonitoringVisit", None),
    (re.compile(r"\bILACS\b|inspection of local authority children'?s services", re.IGNORECASE), "OtherInspection", "ILACS"),
    (re.compile(r"single inspection framework|\bSIF\b|inspection of services for children in need of help", re.IGNORECASE),
     "SIFInspection", "SIF"),
    (re.compile(r"inspection of safeguarding and looked after children|safeguarding and looked after children "
                r"(?:services )?inspection", re.IGNORECASE), "SafeguardingLACInspection", "SafeguardingLAC"),
    (re.compile(r"\bofsted\b.{0,40}\binspection\b|\binspection\b.{0,40}\bofsted\b", re.IGNORECASE), "OtherInspection", None),
]

# Words, in lower case, that every match of each pattern above holds. On ASCII text, where lower() is
# exactly the patterns' case folding, a plain substring test skips the case-insensitive scans that cannot
# match (they were a tenth of the extraction time).
_WORDS: dict[re.Pattern[str], tuple[str, ...]] = dict(zip(
    [rx for rx, _, _ in _TITLES] + [rx for rx, _, _ in _MENTIONS],
    [("joint targeted area inspection", "jtai"),
     ("area send", "local area partnership report", "special educational needs"),
     ("focused visit",), ("monitoring visit",),
     ("looked after children services",),
     ("inspection of services for children in need of help and protection",),
     ("nspection of",), ("review of the effectiveness of the local safeguarding children",),
     ("targeted area inspection", "jtai"), ("send inspection", "local area send"), ("focused visit",),
     ("monitoring visit",), ("ilacs", "inspection of local authority children"),
     ("single inspection framework", "sif", "inspection of services for children in need of help"),
     ("safeguarding and looked after children",), ("ofsted",)], strict=True))


def _may_match(rx: re.Pattern[str], low: str | None) -> bool:
    """False only where ``rx`` cannot match the text whose lower case is ``low`` (kg.wordtest)."""
    return may_hold(low, _WORDS[rx])


def classify(doc: SourceDocument) -> Classification:
    head_lines = [ln for ln in doc.text.split("\n") if ln.strip()][:HEAD_LINES]
    head = "\n".join(head_lines)
    if len(_COUNCIL.findall(head)) >= 2 or (_COUNCIL.search(head) and re.search(r"\bcabinet\b", head, re.IGNORECASE)):
        kind, framework = _reported_inspection(head, doc.text)
        return Classification("CouncilReport", "council", kind, framework, reason="council report headings")
    if _MINUTES.search(head):
        kind, framework = _reported_inspection(head, doc.text)
        return Classification("Minutes", "council", kind, framework, reason="minutes headings (Present/Apologies)")
    letter = bool(re.search(r"^Dear\b", head, re.MULTILINE))
    flat = " ".join(head_lines)  # titles may wrap over lines
    low = ascii_lower(flat)
    found = [(m.start(), i, m) for i, (rx, _, _) in enumerate(_TITLES) if _may_match(rx, low) and (m := rx.search(flat))]
    if found:
        _, i, m = min(found)  # the title is the first of them the document names
        _, kind, framework = _TITLES[i]
        reason = f"title: {m.group(0).strip()!r}"
        if kind == "ILACS":
            kind = _ilacs_kind(head)
        if kind in _FULL_KINDS:
            return Classification("InspectionReport", "report", kind, framework, reason=reason)
        if framework is None:
            framework = _framework_named(doc.text)
        return Classification("InspectionLetter" if letter else "InspectionReport", "letter", kind, framework,
                              reason=reason)
    grid = next(((kind, fw) for rx, kind, fw in _GRIDS if rx.search(head)), None)
    if grid:
        return Classification("InspectionReport", "report", _ilacs_kind(head), grid[1],
                              reason="judgement grid of the framework")
    if _OTHER_TITLE.match(head_lines[0] if head_lines else "") and re.search(r"\bOfsted\b", head):
        return Classification("InspectionLetter" if letter else "InspectionReport", "letter", "OtherInspection",
                              _framework_named(doc.text), reason=f"inspection title: {head_lines[0].strip()!r}")
    return Classification("UnknownDocument", "unknown",
                           warnings=[f"{doc.source_file}: document kind not recognised; kept as an unknown document"],
                           reason="no known title or headings")


def _ilacs_kind(head: str) -> str:
    """ILACS short inspections last one week on site, standard ones two: the dates tell them apart."""
    m = re.search(r"^inspection dates?:?(.*)$", head, _I)
    span = find_date_range(m.group(1)) if m else None
    if span and span[0] and span[1] and len(span[0]) == len(span[1]) == 10:
        days = (dt.date.fromisoformat(span[1]) - dt.date.fromisoformat(span[0])).days
        return "ILACSShortInspection" if days <= 7 else "ILACSStandardInspection"
    return "ILACSStandardInspection"


def _framework_named(text: str) -> str | None:
    if re.search(r"\bILACS\b|inspection of local authority children'?s services", text, re.IGNORECASE):
        return "ILACS"
    if re.search(r"single inspection framework|\bSIF\b", text):
        return "SIF"
    return None


def _reported_inspection(head: str, text: str) -> tuple[str | None, str | None]:
    """The inspection a council paper reports on: the first named in its title and purpose, else the one
    it names most."""
    low_head = ascii_lower(head)
    first = [(m.start(), kind, fw) for rx, kind, fw in _MENTIONS
             if _may_match(rx, low_head) and (m := rx.search(head))]
    if first:
        _, kind, fw = min(first)
        return kind, fw
    low = ascii_lower(text)
    counts = [(len(rx.findall(text)) if _may_match(rx, low) else 0, -i, kind, fw)
              for i, (rx, kind, fw) in enumerate(_MENTIONS)]
    n, _, kind, fw = max(counts)
    return (kind, fw) if n else (None, None)
