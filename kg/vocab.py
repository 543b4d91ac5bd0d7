"""Namespaces and the terms of the Inspection KG ontology that the code uses.

Every term used in code must be defined in ontology/ (a test checks both directions), so a misspelt
term fails loudly instead of minting a stray IRI.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace  # noqa: F401 (used by the emitter)

from kg import iris


class IKG(DefinedNamespace):
    """Every term of ontology/ikg.ttl and ontology/schemes.ttl; any other name raises AttributeError
    (tests/test_vocab.py checks that this list and the Turtle agree)."""

    _NS = Namespace(iris.ONTOLOGY)
    _fail = True

    AnalystVerdict: URIRef
    AreaSENDInspection: URIRef
    Authority: URIRef
    Board: URIRef
    CQC: URIRef
    Cafcass: URIRef
    CarryForwardLink: URIRef
    ChangeWords: URIRef
    ChildrensTrustBoard: URIRef
    Closed: URIRef
    CorporateParentingBoard: URIRef
    CouncilDecision: URIRef
    CouncilReport: URIRef
    DescribedState: URIRef
    Document: URIRef
    DocumentKindScheme: URIRef
    DomesticAbuseBoard: URIRef
    Doubt: URIRef
    Education: URIRef
    EvidenceMethodScheme: URIRef
    EvidenceSourceScheme: URIRef
    ExplicitReference: URIRef
    Finding: URIRef
    FocusedVisit: URIRef
    HMICFRS: URIRef
    HMIProbation: URIRef
    HealthAndWellbeingBoard: URIRef
    HealthCommissioner: URIRef
    HealthProvider: URIRef
    ILACSGood: URIRef
    ILACSGradeScale: URIRef
    ILACSInadequate: URIRef
    ILACSOutstanding: URIRef
    ILACSRequiresImprovement: URIRef
    ILACSShortInspection: URIRef
    ILACSStandardInspection: URIRef
    ImprovementBoard: URIRef
    InProgress: URIRef
    Inspection: URIRef
    InspectionKindScheme: URIRef
    InspectionLetter: URIRef
    InspectionReport: URIRef
    Inspectorate: URIRef
    InspectorateFinding: URIRef
    JTAI: URIRef
    Judgement: URIRef
    LSCB: URIRef
    LSCP: URIRef
    LinkerGraph: URIRef
    Mention: URIRef
    LocalFamilyJusticeBoard: URIRef
    Minutes: URIRef
    MonitoringVisit: URIRef
    Ofsted: URIRef
    Open: URIRef
    OrganisationKindScheme: URIRef
    OtherBoard: URIRef
    OtherInspection: URIRef
    OtherPartner: URIRef
    Partner: URIRef
    Passage: URIRef
    Police: URIRef
    Probation: URIRef
    Recommendation: URIRef
    RecommendationPart: URIRef
    RecommendationStatusScheme: URIRef
    RepeatedAsk: URIRef
    SIFGood: URIRef
    SIFGradeScale: URIRef
    SIFInadequate: URIRef
    SIFInspection: URIRef
    SIFOutstanding: URIRef
    SIFRequiresImprovement: URIRef
    SLACAdequate: URIRef
    SLACGood: URIRef
    SLACGradeScale: URIRef
    SLACInadequate: URIRef
    SLACOutstanding: URIRef
    SafeguardingLACInspection: URIRef
    SelfReport: URIRef
    StatusAssessment: URIRef
    Strength: URIRef
    ThemeAssessmentPlanning: URIRef
    ThemeCareLeavers: URIRef
    ThemeChildProtection: URIRef
    ThemeCorporateParenting: URIRef
    ThemeDisabledChildren: URIRef
    ThemeDomesticAbuse: URIRef
    ThemeEarlyHelp: URIRef
    ThemeEducation: URIRef
    ThemeExploitationMissing: URIRef
    ThemeFrontDoor: URIRef
    ThemeHealth: URIRef
    ThemeLeadership: URIRef
    ThemePartnerships: URIRef
    ThemePermanenceAdoption: URIRef
    ThemeQualityAssurance: URIRef
    ThemeRecords: URIRef
    ThemeScheme: URIRef
    ThemeSufficiency: URIRef
    ThemeVoiceOfChild: URIRef
    ThemeWorkforce: URIRef
    Unknown: URIRef
    UnknownDocument: URIRef
    VoluntarySector: URIRef
    Weakness: URIRef
    aboutAuthority: URIRef
    aboutPart: URIRef
    addressee: URIRef
    altName: URIRef
    aspect: URIRef
    assessedIn: URIRef
    assessedOn: URIRef
    carriesForward: URIRef
    chainLength: URIRef
    confidence: URIRef
    contradictedBy: URIRef
    cue: URIRef
    currentStatus: URIRef
    currentStatusSource: URIRef
    dateBasis: URIRef
    decidedIn: URIRef
    describedIn: URIRef
    documentKind: URIRef
    dueDate: URIRef
    endDate: URIRef
    evidenceSource: URIRef
    extractorVersion: URIRef
    forAuthority: URIRef
    foundBy: URIRef
    fromRecommendation: URIRef
    grade: URIRef
    graded: URIRef
    hasAssessment: URIRef
    hasBoard: URIRef
    hasFinding: URIRef
    hasJudgement: URIRef
    hasPart: URIRef
    hasPartner: URIRef
    hasRecommendation: URIRef
    heading: URIRef
    inDocument: URIRef
    inspectedAuthority: URIRef
    inspectionKind: URIRef
    inspector: URIRef
    involvesPartner: URIRef
    kindFromDate: URIRef
    lineEnd: URIRef
    lineStart: URIRef
    linkerVersion: URIRef
    matchReason: URIRef
    matchScore: URIRef
    mentionOf: URIRef
    mentionedAlias: URIRef
    mentionedAspect: URIRef
    mentionedClass: URIRef
    mentionedDateBasis: URIRef
    mentionedGrade: URIRef
    mentionedIn: URIRef
    mentionedJudgement: URIRef
    mentionedKind: URIRef
    mentionedName: URIRef
    mentionedStart: URIRef
    mentionedSuccessor: URIRef
    nameInDocument: URIRef
    note: URIRef
    number: URIRef
    organisationKind: URIRef
    overdue: URIRef
    page: URIRef
    paragraphNumber: URIRef
    partStatus: URIRef
    publicationDate: URIRef
    quote: URIRef
    rank: URIRef
    reconstructed: URIRef
    reportPart: URIRef
    reportedIn: URIRef
    selector: URIRef
    sha256: URIRef
    sourceFile: URIRef
    startDate: URIRef
    status: URIRef
    text: URIRef
    theme: URIRef
    timescale: URIRef
    toRecommendation: URIRef
    verdictAction: URIRef
    verdictOn: URIRef
    verdictOnEvidenceOf: URIRef
    verdictQuote: URIRef
    verdictStatus: URIRef

ID = Namespace(iris.BASE)
OA = Namespace(iris.NS["oa"])

PREFIXES = dict(iris.NS)  # the project's prefixes, each namespace spelt once in kg.iris



def shorten(iri: str) -> str:
    """The IRI as a prefixed name of the project prefixes (``PREFIXES``), or the IRI itself where none of
    their namespaces holds it. Every command that shows an IRI to a person shortens it here.

    >>> shorten("https://w3id.org/inspection-kg/id/authority/barnsley"), shorten(str(IKG.Open))
    ('id:authority/barnsley', 'ikg:Open')
    >>> shorten("https://w3id.org/inspection-kg/id/"), shorten("http://example.org/x")
    ('https://w3id.org/inspection-kg/id/', 'http://example.org/x')
    """
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def local_name(iri: str) -> str:
    """The last segment of an IRI, after its last ``#`` or ``/``: a concept's name, a council's key.

    >>> local_name(str(IKG.InProgress)), local_name("https://w3id.org/inspection-kg/id/authority/barnsley")
    ('InProgress', 'barnsley')
    """
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


# Grade scales: (scale, canonical words) -> (concept local name, rank 1 best .. 4 worst).
GRADES: dict[tuple[str, str], tuple[str, int]] = {
    ("SafeguardingLAC", "Outstanding"): ("SLACOutstanding", 1),
    ("SafeguardingLAC", "Good"): ("SLACGood", 2),
    ("SafeguardingLAC", "Adequate"): ("SLACAdequate", 3),
    ("SafeguardingLAC", "Inadequate"): ("SLACInadequate", 4),
    ("SIF", "Outstanding"): ("SIFOutstanding", 1),
    ("SIF", "Good"): ("SIFGood", 2),
    ("SIF", "Requires improvement"): ("SIFRequiresImprovement", 3),
    ("SIF", "Inadequate"): ("SIFInadequate", 4),
    ("ILACS", "Outstanding"): ("ILACSOutstanding", 1),
    ("ILACS", "Good"): ("ILACSGood", 2),
    ("ILACS", "Requires improvement to be good"): ("ILACSRequiresImprovement", 3),
    ("ILACS", "Inadequate"): ("ILACSInadequate", 4),
}

GRADE_SCHEMES = {"SafeguardingLAC": "SLACGradeScale", "SIF": "SIFGradeScale", "ILACS": "ILACSGradeScale"}

INSPECTION_KINDS = (
    "SafeguardingLACInspection", "SIFInspection", "ILACSStandardInspection", "ILACSShortInspection",
    "FocusedVisit", "MonitoringVisit", "JTAI", "AreaSENDInspection", "OtherInspection",
)
DOCUMENT_KINDS = ("InspectionReport", "InspectionLetter", "CouncilReport", "Minutes", "UnknownDocument")
STATUSES = ("Open", "InProgress", "Closed", "Unknown")
EVIDENCE_SOURCES = ("InspectorateFinding", "SelfReport")

# Kinds of board and partner (concepts of ikg:OrganisationKindScheme).
BOARD_KINDS = (
    "LSCB", "LSCP", "ImprovementBoard", "HealthAndWellbeingBoard", "ChildrensTrustBoard",
    "CorporateParentingBoard", "LocalFamilyJusticeBoard", "DomesticAbuseBoard", "OtherBoard",
)
PARTNER_KINDS = (
    "Police", "HealthCommissioner", "HealthProvider", "Cafcass", "Education", "VoluntarySector",
    "Probation", "OtherPartner",
)
# The inspectorates are individuals of ikg:Inspectorate with fixed IRIs (id/inspectorate/<key>).
INSPECTORATES = {
    "Ofsted": "Office for Standards in Education, Children's Services and Skills",
    "CQC": "Care Quality Commission",
    "HMICFRS": "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
    "HMIProbation": "His Majesty's Inspectorate of Probation",
}

# Themes (concepts of ikg:ThemeScheme) shared by recommendations and findings across councils.
THEMES = (
    "ThemeEarlyHelp", "ThemeFrontDoor", "ThemeDomesticAbuse", "ThemeExploitationMissing",
    "ThemeAssessmentPlanning", "ThemeChildProtection", "ThemePermanenceAdoption",
    "ThemeEducation", "ThemeCareLeavers", "ThemeRecords", "ThemeWorkforce",
    "ThemeCorporateParenting", "ThemePartnerships", "ThemeHealth", "ThemeQualityAssurance",
    "ThemeVoiceOfChild", "ThemeSufficiency", "ThemeDisabledChildren", "ThemeLeadership",
)


def grade_concept(scale: str, grade: str):
    """The SKOS concept of a grade on a framework's scale.

    >>> str(grade_concept("SIF", "Requires improvement"))
    'https://w3id.org/inspection-kg/ontology#SIFRequiresImprovement'
    """
    return IKG[GRADES[(scale, grade)][0]]
