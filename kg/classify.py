"""What kind of document this is, from its wording and layout alone (never its file name)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from kg.dates import find_date_range
from kg.domain import FULL_KINDS, GRIDS, OTHER_TITLE, PAPER_MENTIONS, TITLES
from kg.model import SourceDocument
from kg.wordtest import ascii_lower

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
_COUNCIL = re.compile(r"^(?:report (?:of|to)\b|purpose of (?:the )?report|title:|date of meeting|"
                      r"report author|key decision)", _I)
_MINUTES = re.compile(r"^(?:\d+\.\s*)?(?:present:|apologies for absence|minutes of (?:the )?meeting)", _I)


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
    found = [(m.start(), i, m) for i, (title, _, _) in enumerate(TITLES) if (m := title.search(flat, low))]
    if found:
        _, i, m = min(found)  # the title is the first of them the document names
        _, kind, framework = TITLES[i]
        reason = f"title: {m.group(0).strip()!r}"
        if kind == "ILACS":
            kind = _ilacs_kind(head)
        if kind in FULL_KINDS:
            return Classification("InspectionReport", "report", kind, framework, reason=reason)
        if framework is None:
            framework = _framework_named(doc.text)
        return Classification("InspectionLetter" if letter else "InspectionReport", "letter", kind, framework,
                              reason=reason)
    grid = next(((kind, fw) for rx, kind, fw in GRIDS if rx.search(head)), None)
    if grid:
        return Classification("InspectionReport", "report", _ilacs_kind(head), grid[1],
                              reason="judgement grid of the framework")
    if OTHER_TITLE.match(head_lines[0] if head_lines else "") and re.search(r"\bOfsted\b", head):
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
    first = [(m.start(), kind, fw) for named, kind, fw in PAPER_MENTIONS if (m := named.search(head, low_head))]
    if first:
        _, kind, fw = min(first)
        return kind, fw
    low = ascii_lower(text)
    counts = [(len(named.pattern.findall(text)) if named.may_match(low) else 0, -i, kind, fw)
              for i, (named, kind, fw) in enumerate(PAPER_MENTIONS)]
    n, _, kind, fw = max(counts)
    return (kind, fw) if n else (None, None)
