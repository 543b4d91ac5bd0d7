"""Council documents: a committee report about an inspection, and minutes.

A report that presents an inspection's outcome describes that inspection (its dates, inspectorates,
the areas it found in need of improvement and those it commended); the report's own "Recommendations"
("That Cabinet ...") are the council's decisions, not the inspection's asks. Minutes record decisions
("IT WAS AGREED that", "RESOLVED that").
"""

from __future__ import annotations

import re

from kg.dates import parse_date_range
from kg.document import Block
from kg.domain import KIND_FRAMEWORK, PAPER_OPENING_KINDS, UNGRADED_KINDS
from kg.extract.letters import inspectorates_in
from kg.model import Finding, InspectionFacts, Recommendation, SourceDocument

_TOOK_PLACE = re.compile(r"(took place|was carried out|was undertaken|inspected|visited|inspection dates?)", re.IGNORECASE)
_IMPROVE = re.compile(r"(in need of improvement|areas? for (improvement|development)|need(s)? to improve|"
                      r"what needs to improve|areas? for priority action)", re.IGNORECASE)
_COMMENDED = re.compile(r"(commended|strengths|were praised|positive findings|what is working well)", re.IGNORECASE)
_OWN_RECOMMENDATIONS = re.compile(r"recommendations?\s*:?$", re.IGNORECASE)
_THAT = re.compile(r"^(?:\(?(\d{1,2}|[ivx]+)[.)]\s*)?(That\b.*)", re.IGNORECASE)
_AGREED = re.compile(r"(IT WAS AGREED|RESOLVED)\s*(that)?\s*:?", re.IGNORECASE)


def extract_council(doc: SourceDocument, cls, head) -> tuple[list[InspectionFacts], list[Recommendation]]:
    bs = list(doc.blocks)
    decisions = own_recommendations(doc, bs) + agreed_items(doc, bs)
    inspection = described_inspection(doc, bs, cls, head)
    return ([inspection] if inspection else []), decisions


def _meeting_year(head) -> int | None:
    published = getattr(head, "published", None)
    return int(published[:4]) if published else None


def inspection_kind(doc: SourceDocument, cls) -> str | None:
    kind = getattr(cls, "inspection_kind", None)
    if kind:
        return kind
    opening = doc.text[:3000]
    for k, rx in PAPER_OPENING_KINDS:
        if rx.search(opening):
            return k
    return None


def described_inspection(doc: SourceDocument, bs: list[Block], cls, head) -> InspectionFacts | None:
    """The inspection a report presents: found by the sentence saying when it took place."""
    kind = inspection_kind(doc, cls)
    if kind is None:
        return None
    year = _meeting_year(head)
    for i, b in enumerate(bs):
        if not _TOOK_PLACE.search(b.text):
            continue
        start, end = parse_date_range(b.text, year)
        if not start:
            continue
        # the inspectorates are named in the sentence or in the list right under it
        following = [c.text for c in bs[i + 1:i + 6] if c.bullet]
        facts = InspectionFacts(
            kind=kind, role="described", start=start, end=end, passage=doc.passage_for(b),
            framework=KIND_FRAMEWORK.get(kind), inspectorates=inspectorates_in(" ".join([b.text] + following)),
            graded=kind not in UNGRADED_KINDS,
        )
        facts.recommendations = [
            Recommendation(text=c.text, passage=doc.passage_for(c), number=str(n))
            for n, c in enumerate(items_after(bs, _IMPROVE), start=1)
        ]
        facts.findings = [
            Finding("strength", c.text, doc.passage_for(c), str(n))
            for n, c in enumerate(items_after(bs, _COMMENDED), start=1)
        ]
        return facts
    return None


_PARA_NUMBER = re.compile(r"^\d{1,2}(\.\d{1,2})+\.?\s")


def items_after(bs: list[Block], lead: re.Pattern) -> list[Block]:
    """The list items following the first lead-in paragraph that matches ``lead``.

    A converted report may flatten the nesting (the numbered lead-in paragraph becomes a bullet too), so
    the list ends at the next numbered paragraph or non-bullet text.
    """
    for i, b in enumerate(bs):
        if not lead.search(b.text) or len(b.text) > 300 or (b.bullet and not _PARA_NUMBER.match(b.text)):
            continue
        items = []
        for c in bs[i + 1:]:
            if not c.bullet or _PARA_NUMBER.match(c.text):
                break
            items.append(c)
        if items:
            return items
    return []


def own_recommendations(doc: SourceDocument, bs: list[Block]) -> list[Recommendation]:
    """The report's own "Recommendations": items starting "That ..." under that heading."""
    out: list[Recommendation] = []
    for i, b in enumerate(bs):
        if b.bullet or not _OWN_RECOMMENDATIONS.fullmatch(b.text.strip()):
            continue
        for c in bs[i + 1:]:
            m = _THAT.match(c.text)
            if not m:
                if out or c.is_heading:
                    break
                continue
            out.append(Recommendation(text=m.group(2).strip(), passage=doc.passage_for(c),
                                      number=m.group(1) or str(len(out) + 1)))
        if out:
            break
    return out


def agreed_items(doc: SourceDocument, bs: list[Block]) -> list[Recommendation]:
    """Minutes' resolutions: "(i) ..." items after "IT WAS AGREED that:" / "RESOLVED that"."""
    out: list[Recommendation] = []
    for i, b in enumerate(bs):
        m = _AGREED.match(b.text)
        if not m:
            continue
        rest = b.text[m.end():].strip()
        candidates = ([Block(rest, b.start, b.end, False)] if rest else []) + [
            c for c in bs[i + 1:i + 12]]
        for c in candidates:
            item = re.match(r"^\(?([ivx]+|\d{1,2}|[a-h])\)\s*(.+)", c.text)
            if not item:
                if c is not candidates[0] or not rest:
                    break
                out.append(Recommendation(text=rest, passage=doc.passage_for(b), number=None))
                break
            out.append(Recommendation(text=item.group(2).strip(), passage=doc.passage_for(c),
                                      number=item.group(1)))
    return out
