"""The typed intermediate model between extraction and RDF.

Readers produce a ``SourceDocument`` (normalised text cut into ``Passage``s); extractors turn it into
an ``Extraction``; ``kg.emit`` turns that into RDF. Every fact holds the ``Passage`` it came from, so a
fact that cannot be sourced cannot be built.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Passage:
    """A numbered paragraph, list item or other located span of a document."""

    key: str  # unique within the document: "p103", or "l40-42" for an unnumbered span
    text: str
    number: str | None = None  # the document's own paragraph number, as printed
    line_start: int = 0  # 1-based, in the normalised text
    line_end: int = 0
    heading: str | None = None  # the nearest heading above it
    page: int | None = None  # 1-based page of a PDF, where known


@dataclass
class SourceDocument:
    """A file as read: its normalised text and passages."""

    path: Path
    source_file: str  # the name as given to `kg build`
    sha256: str
    fmt: str  # "txt", "md", "pdf", "html"
    text: str
    passages: list[Passage]
    pages: int | None = None

    def passage_at(self, line: int) -> Passage | None:
        """The passage covering a 1-based line of the normalised text."""
        starts = self._starts()
        if starts:  # passages in order and apart: the one starting last at or before the line
            k = bisect.bisect_right(starts, line) - 1
            p = self.passages[k] if k >= 0 else None
            return p if p is not None and p.line_start <= line <= p.line_end else None
        for p in self.passages:
            if p.line_start <= line <= p.line_end:
                return p
        return None

    def _starts(self) -> list[int]:
        """The passages' first lines, when they are in order and do not overlap (else empty): extractors
        ask for the passage of a line thousands of times a document. Passages are cut once, never edited."""
        if self.__dict__.get("_starts_of") is not self.passages:
            ps = self.passages
            ordered = all(a.line_end < b.line_start for a, b in zip(ps, ps[1:])) and \
                all(p.line_start <= p.line_end for p in ps)
            self.__dict__["_starts_cache"] = [p.line_start for p in ps] if ordered else []
            self.__dict__["_starts_of"] = ps
        return self.__dict__["_starts_cache"]


@dataclass
class Organisation:
    """A board, partner or inspectorate named in a document."""

    name: str  # canonical name, e.g. "Barnsley Safeguarding Children Board"
    role: str  # "board" | "partner" | "inspectorate"
    category: str  # a concept local name, e.g. "LSCB", "LSCP", "Police", "HealthCommissioner", "Ofsted"
    passage: Passage
    aliases: tuple[str, ...] = ()  # other names in the text: "BSCB", "LSCB"
    succeeded_by: str | None = None  # canonical name of the body that replaced it


@dataclass
class Judgement:
    aspect: str  # as the report words it, e.g. "Children who need help and protection"
    grade: str  # canonical grade words, e.g. "Requires improvement to be good"
    scale: str  # "SafeguardingLAC" | "SIF" | "ILACS"
    passage: Passage


@dataclass
class Recommendation:
    text: str
    passage: Passage
    number: str | None = None  # the report's own number, as printed
    timescale: str | None = None  # e.g. "within three months"
    due_date: str | None = None  # ISO date, counted from publication
    addressee: str | None = None  # an organisation's canonical name; None means the authority itself
    part: str | None = None  # "local authority" | "LSCB" | ...
    reconstructed: bool = False  # rebuilt from what a later document says of it


@dataclass
class Finding:
    kind: str  # "strength" | "weakness"
    text: str
    passage: Passage
    number: str | None = None


@dataclass
class InspectionFacts:
    """An inspection the document reports (role "described") or only refers to ("mentioned")."""

    kind: str  # a concept local name: "SIFInspection", "FocusedVisit", "JTAI", ...
    role: str  # "described" | "mentioned"
    start: str | None  # ISO date, or "YYYY-MM" where only the month is known
    passage: Passage  # where the document states the inspection and its dates
    end: str | None = None
    framework: str | None = None  # "SafeguardingLAC" | "SIF" | "ILACS" | "JTAI" | "AreaSEND"
    title: str | None = None
    inspectorates: list[str] = field(default_factory=list)  # "Ofsted", "CQC", "HMICFRS", "HMI Probation"
    inspectors: list[str] = field(default_factory=list)
    judgements: list[Judgement] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    graded: bool = True
    # What the start month is the month of, where a document dates a mentioned inspection by something
    # else than the inspection itself: "publication" (of its report: the inspection began a month or two
    # earlier), "inspection" (the document dates the inspection itself); None where not said.
    date_basis: str | None = None
    # A mention whose words name no kind ("the last inspection"): its kind is the framework in force at its
    # date, a guess that kg.entities does not let split an inspection the store holds.
    kind_from_date: bool = False


@dataclass
class Extraction:
    """Everything one document yields."""

    document: SourceDocument
    document_kind: str  # "InspectionReport" | "InspectionLetter" | "CouncilReport" | "Minutes" | "UnknownDocument"
    authority: str | None  # the council's name as the document gives it
    authority_passage: Passage | None = None
    title: str | None = None
    published: str | None = None  # ISO date the document was published, sent or held
    inspections: list[InspectionFacts] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    decisions: list[Recommendation] = field(default_factory=list)  # a council's own resolutions
    warnings: list[str] = field(default_factory=list)
