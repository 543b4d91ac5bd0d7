"""What the linker reads of one council and how it names what it writes: the council's documents,
inspections, asks and passages read from the store (``load``; ``READS`` the predicates it needs), the
sentences and assessments it works with, and the IRIs of its graph and of an ask's parts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg import cues, iris
from kg.nquads import PlainLiteral  # noqa: F401  a plain literal among the objects, written by kg.nquads
from kg.vocab import local_name

IKG, PROV, OA, XSD = iris.NS["ikg"], iris.NS["prov"], iris.NS["oa"], iris.NS["xsd"]
RDF_TYPE = iris.NS["rdf"] + "type"

# How much an assessment found each way is to be trusted, before its topic match is weighed in.
# A doubt is a deficit on what may be the ask's topic: it only keeps a document from closing the ask.
METHOD_WEIGHT = {"ExplicitReference": 1.0, "RepeatedAsk": 1.0, "ChangeWords": 0.8, "DescribedState": 0.7,
                 "Doubt": 0.3}

INSPECTORATE_KINDS = {"InspectionReport", "InspectionLetter"}




@dataclass
class Doc:
    iri: str
    kind: str = "UnknownDocument"
    date: str = ""
    file: str = ""
    remit: str = cues.DEFAULT_REMIT  # what the inspection it describes looks at

    @property
    def source(self) -> str:
        return "InspectorateFinding" if self.kind in INSPECTORATE_KINDS else "SelfReport"


@dataclass
class Inspection:
    """An inspection as the linker reads it from the store: its dates, kind, and the documents that describe
    or mention it."""

    iri: str
    start: str = ""
    end: str = ""
    kind: str = ""
    described: set = field(default_factory=set)
    mentioned: set = field(default_factory=set)

    @property
    def date(self) -> str:
        return self.end or self.start


@dataclass
class StoredPassage:
    """A passage's words as the store holds them (kg.document.Passage is a passage of a document being read)."""

    iri: str
    doc: str
    text: str


@dataclass
class Ask:
    """A recommendation (an ask) as the linker reads it from the store."""

    iri: str
    inspection: str
    text: str
    passage: str = ""
    doc: str = ""
    number: str = ""
    due: str = ""
    reconstructed: bool = False
    addressee: str = ""  # who it is addressed to: "authority", "board" or "partner" (kg.iris.organisation_iri)


@dataclass
class Sentence:
    passage: StoredPassage
    start: int
    end: int
    context_start: int  # where the words it is about begin (the sentence before, when it says "This ...")

    # Cut once: each is read many times (scored, tagged, looked up in caches keyed by the text).
    text: str = field(init=False, repr=False)
    context: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.text = self.passage.text[self.start:self.end]
        self.context = self.passage.text[self.context_start:self.end]


@dataclass
class Assessment:
    rec: str
    passage: StoredPassage
    start: int
    end: int
    status: str
    doc: Doc
    cue: str = ""
    node: str = ""  # its IRI, once emitted
    how: str = "ChangeWords"  # a concept of ikg:EvidenceMethodScheme: how the sentence was found to speak of the ask
    confidence: float = 0.5
    held: tuple[str, ...] = ()  # the gates that read a good state as progress (Linker.closing_gates)


@dataclass
class AuthorityData:
    iri: str
    docs: dict[str, Doc]
    inspections: dict[str, Inspection]
    recs: dict[str, Ask]
    findings: dict[str, str]
    passages: dict[str, StoredPassage]


def council_rows(store, query: str, authority: str) -> list[dict[str, str]]:
    import pyoxigraph

    # Oxigraph substitutes only variables of the projection, so ?a is projected too.
    q = f"PREFIX ikg: <{IKG}>\nPREFIX prov: <{PROV}>\n" + query.replace("SELECT ", "SELECT ?a ", 1)
    res = store.query(q, use_default_graph_as_union=True,
                      substitutions={pyoxigraph.Variable("a"): pyoxigraph.NamedNode(authority)})
    names = [v.value for v in res.variables]
    # Sorted: where rows disagree (a recommendation quoted in two documents) the first one read wins, and
    # that must not depend on the store the rows come from (the build links from in-memory copies).
    rows = sorted(tuple(t.value if t is not None else "" for t in s) for s in res)
    return [dict(zip(names, row)) for row in rows]


def _precise(a: str, b: str) -> str:
    """Of two renderings of one date, the more precise ("2012-06-11" over "2012-06")."""
    return max(a, b, key=lambda d: (len(d), d))


# What load() reads of an authority, from the union of the graphs (?a is the authority).
_DOCS = """SELECT ?d ?kind ?pub ?file WHERE { ?d ikg:aboutAuthority ?a .
    OPTIONAL { ?d ikg:documentKind ?kind } OPTIONAL { ?d ikg:publicationDate ?pub }
    OPTIONAL { ?d ikg:sourceFile ?file } }"""
_INSPECTIONS = """SELECT ?i ?start ?end ?ik ?role ?d WHERE { ?i ikg:inspectedAuthority ?a .
    OPTIONAL { ?i ikg:startDate ?start } OPTIONAL { ?i ikg:endDate ?end } OPTIONAL { ?i ikg:inspectionKind ?ik }
    OPTIONAL { { ?i ikg:describedIn ?d BIND("described" AS ?role) }
               UNION { ?i ikg:mentionedIn ?d BIND("mentioned" AS ?role) } } }"""
_RECS = """SELECT ?r ?i ?text ?num ?due ?p ?pd ?to WHERE { ?i ikg:inspectedAuthority ?a ;
    ikg:hasRecommendation ?r . ?r ikg:text ?text . OPTIONAL { ?r ikg:number ?num } OPTIONAL { ?r ikg:addressee ?to }
    OPTIONAL { ?r ikg:dueDate ?due } OPTIONAL { ?r prov:wasDerivedFrom ?p . ?p ikg:inDocument ?pd } }"""
_FINDINGS = """SELECT ?f ?text WHERE { ?i ikg:inspectedAuthority ?a ; ikg:hasFinding ?f . ?f ikg:text ?text }"""
# Every passage, even of documents before the first ask: their words weigh in the TF-IDF of the council
# and a sentence of any document may rebuild an ask of an inspection whose report is not held.
_PASSAGES = """SELECT ?p ?d ?text WHERE { ?d ikg:aboutAuthority ?a . ?p ikg:inDocument ?d ; ikg:text ?text }"""
# The predicates those queries name: a copy of an authority's graphs with only these triples gives load()
# the same rows (the build links from such copies).
READS = frozenset((IKG if ns == "ikg" else PROV) + name for ns, name in
                  re.findall(r"\b(ikg|prov):(\w+)", _DOCS + _INSPECTIONS + _RECS + _FINDINGS + _PASSAGES))


def load(store, authority: str) -> AuthorityData:
    """What the linker needs of one authority, from the document graphs."""
    docs: dict[str, Doc] = {}
    for r in council_rows(store, _DOCS, authority):
        d = docs.setdefault(r["d"], Doc(r["d"]))
        d.kind = local_name(r["kind"]) or d.kind
        d.date = _precise(d.date, r["pub"]) if r["pub"] else d.date
        d.file = r["file"] or d.file
    insps: dict[str, Inspection] = {}
    for r in council_rows(store, _INSPECTIONS, authority):
        i = insps.setdefault(r["i"], Inspection(r["i"]))
        i.start = _precise(i.start, r["start"]) if r["start"] else i.start
        i.end = _precise(i.end, r["end"]) if r["end"] else i.end
        i.kind = local_name(r["ik"]) or i.kind
        if r["role"]:
            (i.described if r["role"] == "described" else i.mentioned).add(r["d"])
    for d in docs.values():  # a document without a date of its own is dated by what it describes
        if not d.date:
            d.date = max((i.date for i in insps.values() if d.iri in i.described and i.date), default="")
        d.remit = cues.remit(min((i.kind for i in insps.values() if d.iri in i.described and i.kind), default=""))
    recs: dict[str, Ask] = {}
    for r in council_rows(store, _RECS, authority):
        rec = recs.setdefault(r["r"], Ask(r["r"], r["i"], r["text"], r["p"], r["pd"], r["num"], r["due"]))
        rec.addressee = rec.addressee or addressee_kind(r["to"])
    findings = {r["f"]: r["text"] for r in council_rows(store, _FINDINGS, authority)}
    passages = {r["p"]: StoredPassage(r["p"], r["d"], r["text"]) for r in council_rows(store, _PASSAGES, authority)}
    return AuthorityData(authority, docs, insps, recs, findings, passages)


def confidence(score: float, how: str) -> float:
    """How sure the linker is that an assessment speaks of its ask: the topic match (TF-IDF cosine) weighed by
    how the sentence was found (an explicit reference or a repeat says so itself)."""
    return round(min(1.0, METHOD_WEIGHT[how] * (0.5 + score)), 3)


def addressee_kind(iri: str) -> str:
    """What kind of body an addressee IRI names ("authority", "board", "partner"), from its path."""
    return iri[len(iris.BASE):].split("/", 1)[0] if iri.startswith(iris.BASE) else ""


def part_iri(rec: str, index: int) -> str:
    """The IRI of a compound ask's part (numbered from 1, in the ask's order)."""
    return f"{rec}/part/{index + 1}"


def linker_graph(authority: str) -> str:
    """The named graph holding one authority's links and assessments."""
    return iris.graph_iri("linker", local_name(authority.rstrip("/")))
