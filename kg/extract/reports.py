"""Full inspection reports: judgements, recommendations and findings of the inspection a report describes.

Three frameworks, each recognised by the headings and table layout its reports share:
- 2009-12 "Inspection of safeguarding and looked after children services" (scale "SafeguardingLAC"): the
  "Record of main findings" table; "Areas for improvement" bullets grouped by timescale;
- the single inspection framework, SIF 2013-17 (scale "SIF"): the judgement table on the first page, the
  LSCB judgement, numbered "Areas for improvement" / "Recommendations" for the local authority and the LSCB,
  the summary's numbered strengths and weaknesses;
- ILACS 2018- standard and short inspections (scale "ILACS"): the "Judgement / Grade" table and the
  "What needs to improve" bullets.

The reader (kg.read) gives one paragraph, list item or table row a line, so the parsers walk the non-blank
lines of ``doc.text``; every fact takes the passage covering the line it was read from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.dates import add_months
from kg.document import TIGHT_ENDINGS as _TERMINAL
from kg.document import after_bullet as _bullet_text  # a list item's words after the reader's "- " or a glyph
from kg.extract.asking import reads_as_ask
from kg.extract.grades import GRADE_RE, aspect_key, canonical_grade, disagreements, grade_spans
from kg.model import Finding, InspectionFacts, Judgement, Passage, Recommendation, SourceDocument
from kg.wordtest import ascii_lower, may_hold

# A numbered paragraph; the number may run into its first word ("144.BSCB needs to ...").
_NUMBERED = re.compile(r"^(?:-\s+)?(\d{1,3})\.(?:\s+|(?=[A-Z]))(\S.*)$")


@dataclass
class Line:
    no: int  # 1-based line number of doc.text
    text: str  # stripped


def _lines(doc: SourceDocument) -> list[Line]:
    return [Line(i + 1, t.strip()) for i, t in enumerate(doc.text.split("\n")) if t.strip()]


def _passage(doc: SourceDocument, line: int) -> Passage:
    p = doc.passage_at(line)
    if p is not None:
        return p
    # The reader cuts every non-blank line into some passage; fall back to the nearest one before.
    before = [q for q in doc.passages if q.line_start <= line]
    return before[-1] if before else doc.passages[0]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _is_heading(text: str) -> bool:
    """A short line that is not a sentence: a section or sub-section heading."""
    return (len(text) <= 100 and not text.endswith(_TERMINAL) and not text.endswith(",")
            and bool(re.match(r"[A-Z]", text)) and _bullet_text(text) is None and not _NUMBERED.match(text))


# ---- the entry point ---------------------------------------------------------------------------------------


def extract_report(doc: SourceDocument, cls, head, warnings: list[str] | None = None) -> list[InspectionFacts]:
    """The inspection a full report describes, with its judgements, recommendations and findings; where the
    report's readings of its grades disagree, a line each to ``warnings``."""
    lines = _lines(doc)
    if not lines or not doc.passages:
        return []
    framework = cls.framework or _framework_from_text(lines)
    kind = cls.inspection_kind or {"SafeguardingLAC": "SafeguardingLACInspection", "SIF": "SIFInspection",
                                   "ILACS": "ILACSStandardInspection"}.get(framework, "OtherInspection")
    facts = InspectionFacts(
        kind=kind, role="described", start=getattr(head, "start", None), end=getattr(head, "end", None),
        passage=getattr(head, "dates_passage", None) or doc.passages[0], framework=framework,
        title=getattr(head, "title", None), inspectors=list(getattr(head, "inspectors", None) or []),
        inspectorates=_inspectorates(doc, head, framework), graded=True,
    )
    published = getattr(head, "published", None)
    if framework == "SafeguardingLAC":
        facts.judgements = slac_judgements(doc, lines)
        facts.recommendations = slac_recommendations(doc, lines, published)
    elif framework == "SIF":
        facts.judgements = sif_judgements(doc, lines)
        facts.recommendations = sif_recommendations(doc, lines, published, getattr(head, "authority", None))
        facts.findings = sif_findings(doc, lines)
    elif framework == "ILACS":
        facts.judgements = ilacs_judgements(doc, lines)
        facts.recommendations = ilacs_recommendations(doc, lines)
    if warnings is not None and framework in ("SIF", "ILACS"):
        warnings += [f"{doc.source_file}: the grades disagree on {d}"
                     for d in disagreements(grade_readings(doc, lines, framework))]
    return [facts]


def _framework_from_text(lines: list[Line]) -> str | None:
    top = " ".join(ln.text for ln in lines[:40])
    if re.search(r"Judgement\s+Grade", top):
        return "ILACS"
    if re.search(r"children in need of help and\s+protection, children looked after", top):
        return "SIF"
    if re.search(r"safeguarding and looked after children services", top, re.IGNORECASE):
        return "SafeguardingLAC"
    return None


def _inspectorates(doc: SourceDocument, head, framework: str | None) -> list[str]:
    found = list(getattr(head, "inspectorates", None) or [])
    if not found:
        found = ["Ofsted"]
    # The 2009-12 inspections were joint with CQC where the team included a CQC inspector.
    if framework == "SafeguardingLAC" and "CQC" not in found and re.search(
            r"inspectors? from the Care Quality Commission|Care Quality Commission \(CQC\) inspector", doc.text):
        found.append("CQC")
    return found


# ---- shared: numbered paragraphs and bullet lists --------------------------------------------------------


@dataclass
class Item:
    number: str | None
    text: str
    first: int  # line number of the item's start (its passage)


def numbered_items(lines: list[Line], start: int, stop=None, subheadings: bool = False,
                   keep=None) -> tuple[list[Item], int]:
    """Numbered paragraphs from index ``start`` until a heading or ``stop(text)``; returns (items, next index).

    A paragraph broken by a page (its tail on a line of its own, starting in lower case) is joined again.
    With ``subheadings``, a short topic heading followed by the next numbered paragraph does not end the list
    ("Missing children" / "5. Improve the quality ..."). With ``keep(text)``, only the paragraphs it keeps
    are listed, and a topic heading goes on with the list only where the paragraph after it is kept (the
    numbering of a report runs on from its asks into the findings under the next heading: a topic goes on
    with the list where one of its paragraphs is kept); the topics straight after the list's own heading
    always open it. A numbered topic heading over bullets ("1. Quality of practice" / "- Ensure ...") numbers
    a group: its bullets are the paragraphs ("1.1", "1.2", ...). A paragraph the page put between a paragraph
    and the next topic heading (a footnote) is passed over.
    """
    items: list[Item] = []
    i = start
    while i < len(lines):
        text = lines[i].text
        m = _NUMBERED.match(text)
        if subheadings and not m and _is_subheading(lines, i, items, keep):
            i += 1
            continue
        if stop and stop(text):
            break
        if m and _numbered_topic(lines, i, m.group(2)):
            group, i = bullet_items(lines, i + 1, stop=_is_heading)
            items += [Item(f"{m.group(1)}.{k}", it.text, it.first) for k, it in enumerate(group, 1)]
            continue
        if m:
            items.append(Item(m.group(1), m.group(2).strip(), lines[i].no))
        elif subheadings and items and not _is_heading(text) and i + 1 < len(lines) and \
                _is_subheading(lines, i + 1, items, keep):
            pass  # a footnote between a paragraph and the next topic ("Looked after children in Rochdale are ...")
        elif items and _PARAGRAPH_REFERENCE.fullmatch(text):
            pass  # where the report gives the ask's evidence: "(Paragraphs 22 - 23)"
        elif items and (_continues(items[-1].text, text) or _second_paragraph(lines, i, items[-1])):
            items[-1].text = _squash(items[-1].text + " " + (_bullet_text(text) or text))
        else:
            break
        i += 1
    if keep is not None:
        # The asks come first: the run ends at the first paragraph after them that is not one (a finding).
        kept = [keep(it.text) for it in items]
        first = kept.index(True) if True in kept else len(items)
        end = kept.index(False, first) if False in kept[first:] else len(items)
        items = items[first:end]
    return items, i


def _paragraph_number(item: Item) -> int:
    """The report's paragraph number of an item: a numbered group's for its bullets ("2" of "2.1")."""
    return int(item.number.split(".")[0])


def _numbered_topic(lines: list[Line], i: int, text: str) -> bool:
    """A numbered heading, not a paragraph, with bullets under it that are sentences of their own ("1. Quality
    and effectiveness of practice" / "- Ensure ..."); not an ask leading into its parts ("1. Put into place a
    framework; this to include" / "- comprehensive and reliable performance data")."""
    first = _bullet_text(lines[i + 1].text) if i + 1 < len(lines) else None
    return _is_heading(text) and not reads_as_ask(text) and bool(first) and first[:1].isupper()


_PARAGRAPH_REFERENCE = re.compile(r"\(\s*(?:paragraphs?|paras?\.?)\s*[\d\s,\-–and&]+\)\.?", re.IGNORECASE)

# Headings that open the next part of a SIF report, never a topic within a list of asks.
_SECTION_HEADING = re.compile(
    r"^(Inspection findings|Summary|Executive summary|Information about|The local authority has|Key strengths|"
    r"Strengths|What the inspection judgements mean|What does the|The experiences and progress|"
    r"The Local Safeguarding|The effectiveness of|Section \d|Areas for improvement|Recommendations|"
    r"Priority and immediate action|.{0,40}\b(?:strengths|weaknesses)\b)", re.IGNORECASE)


def _is_subheading(lines: list[Line], i: int, items: list[Item], keep=None) -> bool:
    text = lines[i].text
    if not _is_heading(text) or len(text) > 90 or _SECTION_HEADING.match(text):
        return False
    nxt = _NUMBERED.match(lines[i + 1].text) if i + 1 < len(lines) else None
    if not nxt or (keep is not None and items and not any(keep(t) for t in _numbered_under(lines, i + 1))):
        return False
    # The list goes on: the next paragraph's number follows the last one's (or starts it).
    return not items or int(nxt.group(1)) == _paragraph_number(items[-1]) + 1


def _second_paragraph(lines: list[Line], i: int, item: Item) -> bool:
    """Whether line ``i`` is a paragraph of the numbered ``item`` before it: prose (not a heading) that the
    item's next number follows. A line that opens the next part ("The local authority has the following
    strengths:") or leads into a list of its own (ends with a colon) is none: the numbering runs on across it."""
    text = lines[i].text.rstrip()
    if _SECTION_HEADING.match(text) or text.endswith(":"):
        return False
    nxt = _NUMBERED.match(lines[i + 1].text) if i + 1 < len(lines) else None
    return (not _is_heading(text) and nxt is not None and item.number is not None
            and int(nxt.group(1)) == _paragraph_number(item) + 1)


def _numbered_under(lines: list[Line], start: int) -> list[str]:
    """The numbered paragraphs' first lines from index ``start`` up to the next line that is not one."""
    out = []
    for ln in lines[start:]:
        m = _NUMBERED.match(ln.text)
        if m:
            out.append(m.group(2))
        elif _is_heading(ln.text):
            break
    return out


def _continues(prev: str, text: str) -> bool:
    """Whether ``text`` is the tail of the paragraph ``prev`` (cut by a page or column break)."""
    body = _bullet_text(text) or text
    return bool(body) and (body[0].islower() or not prev.rstrip().endswith(_TERMINAL)) and not _is_heading(body)


def bullet_items(lines: list[Line], start: int, stop=None) -> tuple[list[Item], int]:
    """Bulleted list items from index ``start`` until a line that is neither an item nor its tail."""
    items: list[Item] = []
    parts = False  # in the list of one ask's parts ("- The quality of oversight of:" / "- permanence ...")
    i = start
    while i < len(lines):
        text = lines[i].text
        if stop and stop(text):
            break
        body = _bullet_text(text)
        if body is not None and items and body[:1].islower() and (
                parts or items[-1].text.endswith((":", ",", ";", " and", " or"))):
            items[-1].text = _squash(items[-1].text + " " + body)  # a sub-point of the ask before it
            parts = True
        elif body is not None:
            items.append(Item(None, body, lines[i].no))
            parts = False
        elif items and _continues(items[-1].text, text) and not _NUMBERED.match(text):
            items[-1].text = _squash(items[-1].text + " " + text)
        else:
            break
        i += 1
    return items, i


def _find(lines: list[Line], pattern: str, start: int = 0, end: int | None = None, flags=re.IGNORECASE) -> int | None:
    rx = re.compile(pattern, flags)
    for i in range(start, len(lines) if end is None else min(end, len(lines))):
        if rx.search(lines[i].text):
            return i
    return None


def _find_all(lines: list[Line], pattern: str, flags=re.IGNORECASE, words: tuple[str, ...] = ()) -> list[int]:
    """Indexes of the lines the pattern matches. ``words``: lower-case words of which every match holds one,
    so a line with none is passed over without running the pattern (kg.wordtest)."""
    rx = re.compile(pattern, flags)
    return [i for i, ln in enumerate(lines)
            if (not words or may_hold(ascii_lower(ln.text), words)) and rx.search(ln.text)]


def _add_months(iso: str | None, months: int) -> str | None:
    if not iso or not re.match(r"\d{4}-\d{2}-\d{2}$", iso):
        return None
    return add_months(iso, months)


def _table_rows(doc: SourceDocument, lines: list[Line], first: int, last: int, scale: str):
    """(aspect, grade, line) rows of a judgement table spread over lines ``first``..``last`` (indices).

    An aspect may wrap over lines and its grade may stand on a line of its own ("Requires / improvement to
    be / good"), so the lines are read as one text cut at each grade.
    """
    text, owner = "", []
    for ln in lines[first:last + 1]:
        piece = ln.text.replace("\t", " ") + " "
        text += piece
        owner += [ln.no] * len(piece)
    rows, pos = [], 0
    for s, e, words in grade_spans(text):
        aspect = _squash(text[pos:s]).strip(" .:-")
        # A row number ("2.2 Experiences ...") marks where the aspect starts; text before it is a footnote
        # or a page break that fell inside the table.
        numbered_row = list(re.finditer(r"(?:^|\s)\d(?:\.\d)?\.?\s+(?=[A-Z])", aspect))
        if numbered_row:
            aspect = aspect[numbered_row[-1].end():]
        pos = e
        grade = canonical_grade(words, scale)
        if aspect and grade:
            rows.append((aspect, grade, owner[s]))
    return rows


# ---- grades read three ways ----------------------------------------------------------------------------
# A report states its grades in the judgement table on its first page, in a headline sentence ("Children's
# services in Bury require improvement to be good") and again in the headings of its sections ("The
# experiences and progress of care leavers: good"). Each reading gives grades by aspect key
# (kg.domain.ASPECT_KEYS); where two disagree, the build warns.

# The headline: the grade straight after the verb, so "are no longer inadequate" (the last inspection's
# grade) is no headline.
_HEADLINE = re.compile(r"^(?:The overall judgement is(?: that children.s services?)?|"
                       r"Children.s services(?: (?:in|provided by|for) .*?)?)"
                       r"(?:\s+(?:are|is)(?: judged to be)?\s+|\s+(?=requires?\b))\**(?=" + GRADE_RE.pattern + ")",
                       re.IGNORECASE)
# A section heading: the aspect, a link ("is", "are", "is that it is", ":") and the grade, ending the line.
_HEADING_GRADE = re.compile(
    r"^(?P<aspect>(?:The |[A-Z])[^.:;]{8,110}?)(?:\s*:\s*|\s+(?:(?:is|are)\s+)?(?:(?:judged to be|that it is|that it)\s+)?)"
    r"(?P<grade>" + GRADE_RE.pattern + r")\s*\.?$", re.IGNORECASE)
# Words of the framework's explanations of its grades ("An LSCB requires improvement if ..."), not headings.
_NOT_A_HEADING = re.compile(r"\b(if|where|when|because|not|no longer|previous|last|was|were)\b", re.IGNORECASE)


def grade_readings(doc: SourceDocument, lines: list[Line], framework: str) -> dict[str, dict[str, str]]:
    """This report's grades by aspect key as the judgement table, the headline and the section headings
    give them. A heading opens with a capital, so the earlier grades a report lists as bullets ("- Overall
    effectiveness: inadequate" under "The last inspection ...") are not read as this inspection's."""
    if framework == "SIF":
        rows = _sif_table_rows(doc, lines)
    else:
        rows = [(j.aspect, j.grade, j.passage.line_start) for j in ilacs_judgements(doc, lines)]
    table = {aspect_key(a): g for a, g, _ in rows if aspect_key(a)}
    end = max((no for _, _, no in rows), default=0)
    headline: dict[str, str] = {}
    for i, ln in enumerate(lines[:80]):
        text = ln.text if i + 1 >= len(lines) else ln.text + " " + lines[i + 1].text  # it may wrap
        m = _HEADLINE.match(text)
        grade = canonical_grade(text[m.end():], framework) if m else None
        if grade:
            headline["overall effectiveness"] = grade
            end = max(end, ln.no)
            break
    return {"table": table, "headline": headline, "headings": _heading_grades(lines, framework, end)}


def _heading_grades(lines: list[Line], framework: str, after: int) -> dict[str, str]:
    """The first grade a section heading after line ``after`` gives each aspect: on the heading's own line,
    or on the line after a heading that names the aspect alone ("The experiences ... permanence" /
    "Requires improvement")."""
    out: dict[str, str] = {}
    for i, ln in enumerate(lines):
        if ln.no <= after or _NUMBERED.match(ln.text):
            continue
        text = ln.text
        nxt = lines[i + 1].text if i + 1 < len(lines) else ""
        if re.search(r"\bto be$", text, re.IGNORECASE) and nxt.lower().startswith("good"):
            text += " " + nxt  # "Requires improvement to be" / "good"
        m = _HEADING_GRADE.match(text)
        if m:
            aspect, words = m.group("aspect"), m.group("grade")
        elif _is_heading(text.rstrip(" :")) and aspect_key(text) and GRADE_RE.fullmatch(nxt.rstrip(". ")):
            aspect, words = text, nxt
        else:
            continue
        key, grade = aspect_key(aspect), canonical_grade(words, framework)
        if key and grade and not _NOT_A_HEADING.search(aspect) and key not in out:
            out[key] = grade
    return out


# ---- SIF 2013-17 ---------------------------------------------------------------------------------------

_SIF_OVERALL = r"^(The overall judgement is|Children.s services (in|provided by|for) .*\b(are|is|requires?)\b)"
_LSCB_JUDGEMENT = (r"^(The effectiveness of the |The )?(Local Safeguarding Children Board|LSCB)\b"
                   r"(\s*\(LSCB\))?(\s+in [A-Z][\w ,&'-]+?)?\s+(?:(?:is|are)\s+(?:judged to be\s+)?)?(?=\**requires?\b|\**[a-z])")


def sif_judgements(doc: SourceDocument, lines: list[Line]) -> list[Judgement]:
    out: list[Judgement] = []
    top = min(len(lines), 80)
    i = _find(lines, _SIF_OVERALL, 0, top)
    if i is not None:
        text = " ".join(ln.text for ln in lines[i:i + 2])
        spans = grade_spans(text)
        grade = canonical_grade(spans[0][2], "SIF") if spans else None
        if grade:
            line = lines[i].no if spans[0][0] < len(lines[i].text) else lines[i + 1].no
            out.append(Judgement("Overall effectiveness", grade, "SIF", _passage(doc, line)))
    for aspect, grade, line in _sif_table_rows(doc, lines):
        out.append(Judgement(aspect, grade, "SIF", _passage(doc, line)))
    for j in _find_all(lines, _LSCB_JUDGEMENT):
        m = re.search(_LSCB_JUDGEMENT, lines[j].text, re.IGNORECASE)
        head_len = len(lines[j].text) - m.end()
        rest = lines[j].text[m.end():] + " " + (lines[j + 1].text if j + 1 < len(lines) else "")
        spans = grade_spans(rest)
        # The grade straight after the verb: "... Board is inadequate", "... (LSCB) requires improvement".
        if not spans or rest[:spans[0][0]].strip(" *"):
            continue
        grade = canonical_grade(spans[0][2], "SIF")
        if grade:
            line = lines[j].no if spans[0][0] < head_len else lines[j + 1].no
            out.append(Judgement("Effectiveness of the Local Safeguarding Children Board", grade, "SIF",
                                 _passage(doc, line)))
            break
    return out


def _sif_table_rows(doc: SourceDocument, lines: list[Line]) -> list[tuple[str, str, int]]:
    """The rows of the judgement table on a SIF report's first page (rows 1 to 3)."""
    top = min(len(lines), 80)
    first = _find(lines, r"^1\.?\s+Children who need help", 0, top)
    last = _find(lines, r"^3\.?\s+Leadership, management", first or 0, top) if first is not None else None
    if first is None or last is None:
        return []
    # The grade of row 3 may follow on the next lines.
    end = last
    while end + 1 < len(lines) and end < last + 4 and not grade_spans(lines[end].text.split("governance")[-1]):
        end += 1
    return _table_rows(doc, lines, first, end, "SIF")


def _lscb_start(lines: list[Line]) -> int | None:
    """Index where the report's LSCB section begins (after the contents and the front-page summary)."""
    hits = _find_all(lines, r"^(Section 2:.*Local Safeguarding Children Board( \(LSCB\))?\s*$|The Local Safeguarding "
                            r"Children Board( \(LSCB\))?$|The (effectiveness of the )?(Local Safeguarding Children "
                            r"Board|LSCB)( \(LSCB\))? (is|requires?)\b|What does the LSCB need to improve)")
    hits = [h for h in hits if h > 40] or hits
    return hits[0] if hits else None


def lscb_name(lines: list[Line], start: int | None, authority: str | None = None) -> str:
    """The board's own name as the report gives it ("Barnsley Safeguarding Children's Board").

    Prefers a name sharing a word with the authority's (a report may also name a regional board); without
    one, the statutory name "Local Safeguarding Children Board" the report itself uses.
    """
    rx = re.compile(r"((?:[A-Z][\w'&.-]*\s+)(?:(?:and|with|upon|on|under|[A-Z][\w'&.-]*)\s+)*?)"
                    r"Safeguarding Children(?:'s)? Board\b")
    counts: dict[str, int] = {}
    for k, ln in enumerate(lines):
        # Every match holds these words: the pattern, which may start at any capital, is tried only on the lines
        # that have them.
        if "Safeguarding Children" not in ln.text:
            continue
        for m in rx.finditer(ln.text):
            words = m.group(1).split()
            while words and words[0] in ("The", "A", "An", "This", "Independent", "Chair", "of"):
                words.pop(0)
            if not words or words[0] == "Local" or words[-1] in ("Local", "of") or "'s" in words[-1]:
                continue
            name = " ".join(words) + " " + m.group(0)[len(m.group(1)):]
            counts[name] = counts.get(name, 0) + (2 if start is not None and k >= start else 1)
    place = set(re.findall(r"[A-Z][a-z]+", authority or "")) - {"Council", "City", "County", "Borough",
                                                                 "Metropolitan", "London", "Royal", "District"}

    def score(name: str) -> tuple[bool, int]:
        return (bool(place & set(name.split())), counts[name])

    best = max(counts, key=score, default=None)
    if best and (not place or score(best)[0]):
        return best
    return "Local Safeguarding Children Board"


def _sif_section_headings(lines: list[Line]) -> list[tuple[int, str]]:
    """(index, timescale) of every heading that opens a list of asks."""
    out = []
    for i, ln in enumerate(lines):
        t = ln.text.rstrip(" ?:")
        if re.fullmatch(r"(Areas for improvement|Recommendations)", t, re.IGNORECASE):
            out.append((i, None))
        elif re.fullmatch(r"Priority and immediate action", t, re.IGNORECASE):
            out.append((i, "immediately"))
    return out


def sif_recommendations(doc: SourceDocument, lines: list[Line], published: str | None,
                        authority: str | None = None) -> list[Recommendation]:
    lscb_at = _lscb_start(lines)
    board = lscb_name(lines, lscb_at, authority)
    out: list[Recommendation] = []
    seen: set[str] = set()
    for i, timescale in _sif_section_headings(lines):
        # The numbering runs on into the findings that follow the asks: only asks are kept.
        items, _ = numbered_items(lines, i + 1, stop=_is_heading, subheadings=True, keep=reads_as_ask)
        if not items:  # the first SIF reports (2014) bullet their asks, some under topic headings
            items = topic_bullets(lines, i + 1)
        in_lscb = lscb_at is not None and i > lscb_at
        for it in items:
            if re.search(r"did not (find|identify) any (areas|issues)", it.text, re.IGNORECASE) or (
                    it.number and it.number in seen):
                continue
            seen.add(it.number)
            out.append(Recommendation(  # unnumbered in the report: the number is the ask's position
                text=it.text, passage=_passage(doc, it.first), number=it.number or str(len(out) + 1),
                timescale=timescale,
                due_date=published if timescale else None,
                addressee=board if in_lscb else None, part="LSCB" if in_lscb else "local authority"))
    return out


# The line that opens the summary's reasons for a grade, or its list of strengths; every match holds one
# of the words (kg.wordtest).
_REASONS_HEAD = (r"\b(requires? improvement|inadequate|good|outstanding)\b[\w ,]{0,40}? because:?$|"
                 r"has the following strengths:?$")
_REASONS_HEAD_WORDS = ("because", "strengths")


def sif_findings(doc: SourceDocument, lines: list[Line]) -> list[Finding]:
    """The summary's reasons for the grade and the local authority's strengths, where listed: numbered
    paragraphs, or bullets grouped under topic headings ("Partnership working" / "- Thresholds ...").
    The reasons take the grade's side: strengths for good or outstanding, weaknesses otherwise."""
    out: list[Finding] = []
    for i in _find_all(lines, _REASONS_HEAD, words=_REASONS_HEAD_WORDS):
        t = lines[i].text
        # the first grade named is the grade ("requires improvement and is not yet good because"; "has
        # serious weaknesses and is not yet good because" is the inadequate grade's wording)
        grade = re.search(r"requires? improvement|inadequate|serious weaknesses|not yet good|good|outstanding|"
                          r"strengths", t).group(0)
        kind = "strength" if grade in ("strengths", "good", "outstanding") else "weakness"
        items, _ = numbered_items(lines, i + 1, stop=_is_heading)
        if not items:
            items = topic_bullets(lines, i + 1)
        # Unnumbered bullets: the number is the finding's position in the list.
        out += [Finding(kind, it.text, _passage(doc, it.first), it.number or str(k)) for k, it in enumerate(items, 1)]
    return out


def topic_bullets(lines: list[Line], start: int) -> list[Item]:
    """The bullets from index ``start``, across the short topic headings that group them, up to anything
    else (a section heading, a question, prose)."""
    items: list[Item] = []
    i = start
    while i < len(lines):
        t = lines[i].text
        topic = (_is_heading(t) and len(t) <= 70 and not _SECTION_HEADING.match(t) and i + 1 < len(lines)
                 and _bullet_text(lines[i + 1].text) is not None)
        if topic:
            i += 1
            continue
        got, i = bullet_items(lines, i, stop=_is_heading)
        if not got:
            break
        items += got
    return items


# ---- ILACS 2018- ---------------------------------------------------------------------------------------


def ilacs_judgements(doc: SourceDocument, lines: list[Line]) -> list[Judgement]:
    """The "Judgement / Grade" table on the first page, ending with the overall effectiveness row."""
    top = min(len(lines), 60)
    first = _find(lines, r"\bJudgement\s+Grade\b", 0, top)
    if first is None:
        first = _find(lines, r"^The impact of leaders", 0, top)
    last = _find(lines, r"\bOverall effectiveness\b", first, top) if first is not None else None
    if first is None or last is None:
        return []
    if not grade_spans(lines[last].text.split("Overall effectiveness")[-1]) and last + 1 < len(lines):
        last += 1
    rows = _table_rows(doc, lines, first, last, "ILACS")
    out = []
    for aspect, grade, line in rows:
        aspect = re.sub(r"^.*\bJudgement\s+Grade\s*", "", aspect)  # the table's own header
        out.append(Judgement(aspect, grade, "ILACS", _passage(doc, line)))
        if aspect.lower().startswith("overall effectiveness"):
            break
    return out


_ILACS_ASKS = re.compile(r"(?:^|(?<=[.?!:]) )(What needs to improve(?: in this area)?|Recommendations)\s*\??:?\s*(?P<rest>.*)$")


def ilacs_recommendations(doc: SourceDocument, lines: list[Line]) -> list[Recommendation]:
    """The bullets under "What needs to improve"."""
    i = m = None
    for k, ln in enumerate(lines):
        m = _ILACS_ASKS.search(ln.text)
        if m and (not m.group("rest") or _bullet_text(m.group("rest")) is not None):
            i = k
            break
    if i is None:
        return []
    head: list[Item] = []
    rest = m.group("rest")
    if rest:  # the first ask run on after the heading
        head = [Item(None, _bullet_text(rest) or rest, lines[i].no)]
    def stop(t):
        return _is_heading(t) or bool(_NUMBERED.match(t))
    first = i + 1
    while first < len(lines) and re.fullmatch(r"\d{1,2}", lines[first].text):
        first += 1  # a footnote's mark on the heading ("What needs to improve?" ¹, its note at the page's end)
    items, _ = bullet_items(lines, first, stop=stop)
    items = head + items
    if not items:  # some reports number the asks instead of bulleting them
        items, _ = numbered_items(lines, first, stop=_is_heading)
    # Unnumbered in the report: the number is the ask's position in the list.
    return [Recommendation(text=it.text, passage=_passage(doc, it.first), number=it.number or str(k),
                           part="local authority") for k, it in enumerate(items, 1)]


# ---- 2009-12 safeguarding and looked after children --------------------------------------------------------

_SLAC_SECTIONS = ((r"^Safeguarding services$", "Safeguarding"),
                  (r"^Services for looked after children$", "Looked after children"))
_TIMESCALE = re.compile(r"^(Immediately|Within (one|two|three|four|six|nine|twelve|\d+) months?)\s*:?$", re.IGNORECASE)
_MONTHS = {"one": 1, "two": 2, "three": 3, "four": 4, "six": 6, "nine": 9, "twelve": 12}
_ADDRESSEE_LINE = re.compile(r"^(?P<who>[A-Z].*?)\s+(should\s+)?take (the following )?action to:?$")
# An ask run together with the next one after a lost bullet: "... for looked after children ensure
# longer-term ..." (a second imperative verb after a noun, not after "to", "and", a modal or a relative).
_IMPERATIVES = "ensure|develop|review|appoint|implement|establish|improve|strengthen|increase|provide|undertake"
_RUN_ON = re.compile(rf"(?<=[a-z]) (?=(?:{_IMPERATIVES}) )")
_NOT_BEFORE_VERB = {"to", "and", "or", "should", "will", "would", "can", "could", "must", "may", "which",
                    "that", "who", "so", "help", "helps", "not", "also", "further", "fully", "and/or",
                    "particular", "especially", "including"}  # "..., in particular ensure ...": one ask


_SLAC_GRADE_NUMBER = re.compile(r"\s*\(?\bGrade \d\)?\s*$")


def slac_judgements(doc: SourceDocument, lines: list[Line]) -> list[Judgement]:
    start = _find(lines, r"^Record of main findings:?$")
    if start is None:
        return []
    prefix, out, seen = None, [], set()
    pending = ""  # an aspect whose grade stands on the next line ("Outcomes for looked after children" / "Adequate")
    for ln in lines[start + 1:]:
        # the grade's number after its word: "Inadequate Grade 4" (2013 reports)
        t = _SLAC_GRADE_NUMBER.sub("", ln.text.replace("\t", " ")).strip()
        section = next((name for rx, name in _SLAC_SECTIONS if re.match(rx, t, re.IGNORECASE)), None)
        if section:
            prefix, pending = section, ""
            continue
        spans = grade_spans(t)
        if not spans:
            if len(t.split()) > 14:
                break  # prose: the table has ended
            pending = t if _is_heading(t) else ""
            continue
        s, e, words = spans[-1]
        if t[e:].strip(" .:"):
            continue  # a grade word inside a heading ("How good are outcomes ...?"), not a row's grade
        aspect, grade = _squash(t[:s]).strip(" :") or pending, canonical_grade(words, "SafeguardingLAC")
        pending = ""
        if not aspect or not grade:
            continue
        name = f"{prefix}: {aspect}" if prefix else aspect
        if name not in seen:
            seen.add(name)
            out.append(Judgement(name, grade, "SafeguardingLAC", _passage(doc, ln.no)))
    return out


def _slac_part(lines: list[Line], i: int) -> str | None:
    for j in range(i, -1, -1):
        for rx, name in _SLAC_SECTIONS:
            if re.match(rx, lines[j].text, re.IGNORECASE):
                return "safeguarding services" if name == "Safeguarding" else "services for looked after children"
    return None


def _expand_acronym(lines: list[Line], acr: str) -> str:
    """The full name a report gives an acronym where it defines it: "Barnet Safeguarding Children Board (BSCB)"."""
    rx = re.compile(rf"((?:[A-Z][\w'&-]*\s+(?:(?:and|of|for|with)\s+)?){{2,8}})\({re.escape(acr)}\)")
    for ln in lines:
        for m in rx.finditer(ln.text):
            words = m.group(1).split()
            # Keep the tail whose capitals spell the acronym.
            for k in range(len(words)):
                caps = "".join(w[0] for w in words[k:] if w[0].isupper())
                if caps == acr:
                    return " ".join(words[k:])
    return acr


def _split_run_on(text: str) -> list[str]:
    """Two asks run together on one line after a lost bullet, split at the second imperative verb."""
    first = text.split(" ", 1)[0].lower()
    if first not in _IMPERATIVES.split("|"):
        return [text]
    for m in _RUN_ON.finditer(text):
        before = text[:m.start()].split()
        if len(before) >= 8 and before[-1].lower() not in _NOT_BEFORE_VERB and not before[-1].endswith(","):
            return [text[:m.start()].strip(), text[m.end():].strip()]
    return [text]


def slac_recommendations(doc: SourceDocument, lines: list[Line], published: str | None) -> list[Recommendation]:
    out: list[Recommendation] = []
    for h in _find_all(lines, r"^Areas for improvement:?$"):
        i = h + 1
        para = _NUMBERED.match(lines[i].text) if i < len(lines) else None
        para_no = para.group(1) if para else None
        if para:
            i += 1
        part = _slac_part(lines, h)
        timescale, due, addressee, k = None, None, None, 0
        prev_ended = True
        while i < len(lines):
            t = lines[i].text
            ts = _TIMESCALE.match(t)
            who = _ADDRESSEE_LINE.match(t)
            body = _bullet_text(t)
            if ts:
                timescale = ts.group(1).lower()
                n = ts.group(2)
                months = _MONTHS.get(n.lower(), int(n) if n and n.isdigit() else 0) if n else 0
                due = _add_months(published, months)
                addressee, prev_ended = None, True
            elif who:
                addressee, prev_ended = who.group("who"), True
            elif body is None and t[:1].islower() and prev_ended:
                body = t  # a bullet whose marker was lost in conversion
            elif body is None:
                if out and not prev_ended and t[:1].islower():
                    out[-1].text = _squash(out[-1].text + " " + t)
                    i += 1
                    continue
                break
            if body is not None:
                for ask in _split_run_on(body):
                    k += 1
                    out.append(_slac_ask(doc, lines, lines[i].no, ask, para_no, k, timescale, due, addressee, part))
                prev_ended = True
            i += 1
    return out


def _slac_ask(doc, lines, line_no, ask, para_no, k, timescale, due, addressee, part) -> Recommendation:
    who = addressee
    # "the BSCB to ensure ...", "the Domestic Violence Strategic Board to review ...": a named body.
    m = re.match(r"^the ((?:[A-Z][\w'&-]*\s*)+?) to \w", ask)
    if m and who is None:
        name = m.group(1).strip()
        who = _expand_acronym(lines, name) if name.isupper() else name
    return Recommendation(
        text=ask, passage=_passage(doc, line_no),
        # The report does not number these bullets: "20.3" is the third ask after paragraph 20, a position
        # in the report rather than a printed number.
        number=f"{para_no}.{k}" if para_no else str(k),
        timescale=timescale, due_date=due, addressee=who, part=part)
