"""The typed intermediate model between extraction and RDF.

Readers produce a ``SourceDocument`` (normalised text cut into ``Passage``s; both of the document layer,
``kg.document``, and named here too); extractors turn it into an ``Extraction``; ``kg.emit`` turns that
into RDF. Every fact holds the ``Passage`` it came from, so a
fact that cannot be sourced cannot be built.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.document import Passage, SourceDocument

__all__ = ["Extraction", "Finding", "InspectionFacts", "Judgement", "Organisation", "Passage", "Recommendation",
           "SourceDocument"]


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
