"""Earlier inspections a document refers to ("The previous inspection of Barnsley's safeguarding
arrangements was in June 2012. The local authority was judged to be inadequate.").

Each becomes an Inspection of role "mentioned", dated to the month the sentence gives, with what the
sentence says of its result as judgements. Its kind follows from the words (focused visit, JTAI, adoption
service ...) or else from the date: the framework in force then.
"""

from __future__ import annotations

import re

from kg import iris
from kg.dates import MONTH_RE, iso_date, months_before, parse_date_range
from kg.document import CLAUSE_END, sentences
from kg.domain import ASPECTS, EARLIEST_FRAMEWORK, FRAMEWORKS_FROM, KIND_FRAMEWORK, SCALES, UNGRADED_KINDS
from kg.extract.grades import canonical_grade
from kg.model import InspectionFacts, Judgement, SourceDocument
from kg.wordtest import GuardedPattern, ascii_lower

# Words referring back to an earlier inspection; the regex tries six words at every word, so a block with
# none of the guard words is skipped without running it.
_EARLIER = GuardedPattern(re.compile(
    r"\b(previous|last|earlier|most recent|prior|preceding)\s+(\w+\s+){0,4}?(inspection|visit|JTAI)s?\b|"
    r"\binspection of [\w' ]+?(adoption|fostering) (agency|service)s?\b|"
    r"\bdates? of previous inspection\b", re.IGNORECASE),
    ("previous", "last", "earlier", "recent", "prior", "preceding", "inspection of"),
    ("At the PREVIOUS inspection", "the last visit", "an Earlier JTAI", "the most recent monitoring visit",
     "the prior inspection", "the preceding two inspections", "Inspection of the council's adoption agency",
     "Date of previous inspection: May 2012"))
_MONTH_YEAR = re.compile(rf"(?:\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:(?:-|–|to|and)\s*\d{{1,2}}\s+)?)?{MONTH_RE}\s+(\d{{4}})", re.IGNORECASE)
_RESULT = re.compile(r"\b(judged|rated|graded|found to be|(?:quality|effectiveness) (?:was|were)|"
                     r"(?:was|were) (?:judged )?(?:to be )?(?=outstanding|good|adequate|inadequate|requires?))", re.IGNORECASE)


def _statements(text: str) -> list[str]:
    """A block's sentences and its clauses after a semicolon: a result may be stated in either."""
    return sentences(text, CLAUSE_END, abbreviations=None)


def framework_of(month: str) -> str:
    """The children's services framework in force at a date (ISO, or year-month).

    >>> framework_of("2012-06"), framework_of("2014-06"), framework_of("2023-09")
    ('SafeguardingLAC', 'SIF', 'ILACS')
    """
    return next((fw for fw, since in reversed(FRAMEWORKS_FROM) if month[:7] >= since), EARLIEST_FRAMEWORK)


def mention_kind(sentence: str, month: str, doc_kind: str | None) -> str:
    return named_kind(sentence, doc_kind) or kind_by_date(sentence, month)


def named_kind(sentence: str, doc_kind: str | None = None) -> str | None:
    """The kind of inspection the words of a sentence name, or None where they name none ("the last inspection").

    >>> named_kind("At the last focused visit in May 2021"), named_kind("At the last inspection in May 2021")
    ('FocusedVisit', None)
    """
    s = sentence.lower()
    if re.search(r"focused (\w+ )?visit", s):
        return "FocusedVisit"
    if "monitoring visit" in s:
        return "MonitoringVisit"
    if "joint targeted" in s or "jtai" in s or "joint area" in s:
        return "JTAI"
    if "send" in s.split() or (doc_kind == "AreaSENDInspection" and "date" in s):
        return "AreaSENDInspection"
    if re.search(r"adoption|fostering|children's home|unannounced|inspection of (the )?(school|college)", s):
        return "OtherInspection"
    if "short inspection" in s:
        return "ILACSShortInspection"
    return None


def referred_kind(sentence: str) -> str | None:
    """The kind the words referring back to an earlier inspection name ("the last focused visit"), or None
    ("noted at the last inspection"): only those words, not the topic of the sentence ("private fostering").

    >>> referred_kind("Private fostering was noted at the last inspection."), referred_kind("since the last JTAI")
    (None, 'JTAI')
    """
    m = _EARLIER.search(sentence)
    return named_kind(m.group(0)) if m else None


def kind_by_date(sentence: str, month: str) -> str:
    """The children's services inspection of the framework in force at ``month``."""
    fw = framework_of(month)
    if fw == "ILACS":
        return "ILACSShortInspection" if "short inspection" in sentence.lower() else "ILACSStandardInspection"
    return "SIFInspection" if fw == "SIF" else "SafeguardingLACInspection"


def aspect_of(text: str, kind: str) -> str:
    fw = KIND_FRAMEWORK.get(kind)
    if kind == "OtherInspection":
        m = re.search(r"(adoption|fostering) (agency|service)", text, re.IGNORECASE)
        return f"{m.group(1).capitalize()} service: Overall quality" if m else "Overall effectiveness"
    if fw == "SafeguardingLAC":
        if re.search(r"looked after children|children looked after", text, re.IGNORECASE):
            return "Looked after children: Overall effectiveness"
        return "Safeguarding: Overall effectiveness"
    table = ASPECTS["ILACS" if fw == "ILACS" else "SIF"]
    if not re.search(r"overall", text, re.IGNORECASE):
        for rx, aspect in table:
            if rx.search(text):
                return aspect
    return "Overall effectiveness"


def _scale(kind: str, month: str) -> str:
    fw = KIND_FRAMEWORK.get(kind)
    return fw if fw in SCALES else framework_of(month)


_YEAR_ONLY = re.compile(r"^[\w'’ ]{0,40}?,?\s*(?:in|of|during|since)\s+(?:19|20)\d{2}\b")
_PUBLISHED = re.compile(r"\b(published|publication|report(?:ed)? (?:was )?(?:issued|dated))\b", re.IGNORECASE)


def _start(sentence: str) -> tuple[str | None, str | None]:
    """The first date after the words naming the earlier inspection ("... was in June 2012") and what it
    is the date of: "publication" where the words say it is when the report was published ("... was
    published in March 2012"), else "inspection". None where a bare year comes first ("between the last
    inspection in 2011 and 30 September 2016")."""
    m = _EARLIER.search(sentence)
    window = sentence[m.start():m.end() + 160]
    d = _MONTH_YEAR.search(window)
    if d is None or re.search(r"\b(?:in|since) \d{4}\b", window[:d.start()]):
        return None, None
    basis = "publication" if _PUBLISHED.search(window[:d.start()]) else "inspection"
    start, _ = parse_date_range(window[max(0, d.start() - 12):])
    month = iso_date(d.group(3), d.group(2), None)
    return (start if start and start[:7] == month else month), basis


def year_only(sentence: str) -> bool:
    """Whether a sentence dates the earlier inspection it names by a year alone ("since the last inspection
    in 2016", "the last inspection of children's services published in 2012"): too coarse to identify it."""
    m = _EARLIER.search(sentence)
    return bool(m) and _start(sentence)[0] is None and bool(_YEAR_ONLY.match(sentence[m.end():]))


def year_only_mentions(doc: SourceDocument) -> list[str]:
    """The sentences naming an earlier inspection by its year alone; such mentions are not asserted."""
    return [s for b in doc.blocks for s in _statements(b.text) if _EARLIER.search(s) and year_only(s)]


def _grade(text: str, scale: str) -> str | None:
    m = _RESULT.search(text)
    if not m:
        return None
    return canonical_grade(text[m.end():m.end() + 60], scale)


def may_name_earlier(text: str) -> bool:
    """False only where _EARLIER cannot match (a quick test: the regex tries six words at every word).

    >>> may_name_earlier("At the last inspection in June 2012"), may_name_earlier("Care leavers are well supported.")
    (True, False)
    """
    return _EARLIER.may_match(ascii_lower(text))


def find_mentions(doc: SourceDocument, cls, head, described: list[InspectionFacts]) -> list[InspectionFacts]:
    """Earlier inspections the document refers to, one per kind and month, with the results it states."""
    taken = {(iris.identity_kind(f.kind), f.start[:7]) for f in described if f.start}
    found: dict[tuple[str, str], InspectionFacts] = {}
    doc_kind = getattr(cls, "inspection_kind", None)
    for b in doc.blocks:
        if not may_name_earlier(b.text) or not _EARLIER.search(b.text):
            continue  # no sentence of the block can name an earlier inspection
        parts = _statements(b.text)
        for i, s in enumerate(parts):
            if not _EARLIER.search(s):
                continue
            start, basis = _start(s)
            if not start:
                continue
            kind = mention_kind(s, start, doc_kind)
            key = (iris.identity_kind(kind), start[:7])
            if key in taken:
                continue
            facts = found.get(key)
            if facts is None:
                facts = found[key] = InspectionFacts(
                    kind=kind, role="mentioned", start=start, passage=doc.passage_for(b),
                    framework=KIND_FRAMEWORK.get(kind), graded=kind not in UNGRADED_KINDS, date_basis=basis,
                    kind_from_date=named_kind(s, doc_kind) is None)
            if named_kind(s, doc_kind) is not None:  # one sentence naming its kind settles it
                facts.kind, facts.kind_from_date = kind, False
            if len(start) > len(facts.start or "") or (basis == "inspection" != facts.date_basis):
                # a day, or the inspection's own month, is better than what was found before
                facts.start, facts.date_basis, facts.passage = start, basis, doc.passage_for(b)
            # the result is stated in the same sentence or the next ("The local authority was judged ...")
            for text in (s, parts[i + 1] if i + 1 < len(parts) and not _EARLIER.search(parts[i + 1]) else ""):
                if kind in ("FocusedVisit", "MonitoringVisit", "JTAI", "AreaSENDInspection") or not text:
                    continue
                scale = _scale(kind, start)
                grade = _grade(text, scale)
                if grade is None:
                    continue
                aspect = aspect_of(s if text is not s else text, kind)
                if all(j.aspect != aspect for j in facts.judgements):
                    facts.judgements.append(Judgement(aspect, grade, scale, doc.passage_for(b)))
                break
    for f in found.values():
        if f.kind == "OtherInspection":
            f.graded = bool(f.judgements)
    kept = []
    for f in found.values():
        same = _dated_otherwise(f, found.values())
        if same is None:
            kept.append(f)
            continue
        same.judgements += [j for j in f.judgements if all(j.aspect != k.aspect for k in same.judgements)]
    return kept


def _dated_otherwise(f: InspectionFacts, others) -> InspectionFacts | None:
    """The same inspection dated by itself (the same kind, one to three months before) where ``f`` is
    dated by its report's publication: the inspection's own month is the one to keep."""
    if f.date_basis != "publication" or not f.start:
        return None
    before = months_before(f.start, 3)
    return next((o for o in others if o.kind == f.kind and o.date_basis == "inspection"
                 and (o.start or "")[:7] in before), None)
