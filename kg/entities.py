"""One authority's graph of entities: what several documents say of one thing, written once.

A document's graph holds what that document says, with its provenance: its passages, the inspections it
reports, and a record (``ikg:Mention``) of each entity that other documents may speak of too: its council
(and the name it gives it), the boards and partners it names, an earlier inspection it refers to (with the
month, kind and results its words give). This module reads those records of every document of one authority
and writes, into ``graph/entities/<authority>``, each entity once:

- a board or partner: its class, name, kind, other names, the council's ``ikg:hasBoard``/``ikg:hasPartner``
  and a succession as a W3C ORG change event;
- the council's names in the documents (and the type and name of a council the reference table lacks);
- each earlier inspection a document mentions, resolved to the one inspection it is: one the store holds
  a report of, where the framework is the same and the month falls within that inspection (a visit over two
  months, or a month of publication one to three after it began), or, where the words name no kind ("the
  last inspection"), the latest full inspection of that month; otherwise one node for every mention of it,
  with one start date, one kind and one grade per judgement. A mention never adds a value beside the
  report's: the report settles its inspection's kind, dates and grades.

The graph is rebuilt with the authority's linker graph (kg.link, kg.pipeline), from the same copies of the
documents' triples: ``READS`` are the predicates it reads. Inspectorates are national bodies: the
ontology's schemes (``ontology/schemes.ttl``) describe them once, in the ontology's graph.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from kg import iris
from kg.dates import months_before
from kg.link import Inspection, PlainLiteral, council_rows, nquads_term
from kg.vocab import local_name

IKG, PROV, ORG = iris.NS["ikg"], iris.NS["prov"], iris.NS["org"]
RDF_TYPE, RDFS_LABEL = iris.NS["rdf"] + "type", iris.NS["rdfs"] + "label"

# Inspections of a council's children's services as a whole: "the last inspection" means one of these.
FULL_KINDS = frozenset(("SafeguardingLACInspection", "SIFInspection", "ILACSStandardInspection",
                        "ILACSShortInspection"))
# Inspections with a remit of their own: "the last inspection" in a report of one is the last of its kind.
OWN_REMIT_KINDS = frozenset(("AreaSENDInspection", "JTAI"))
UNGRADED_KINDS = frozenset(("FocusedVisit", "MonitoringVisit", "JTAI", "AreaSENDInspection"))
# How many months before the month a report was published its inspection may have begun.
PUBLICATION_LAG_MONTHS = 3

_MENTIONS = """SELECT ?m ?e ?d ?p ?cls ?name ?kind ?alias ?succ ?start ?basis ?vague ?pub WHERE {
    ?d ikg:aboutAuthority ?a . ?m ikg:inDocument ?d ; ikg:mentionOf ?e ; prov:wasDerivedFrom ?p .
    OPTIONAL { ?m ikg:mentionedClass ?cls } OPTIONAL { ?m ikg:mentionedName ?name }
    OPTIONAL { ?m ikg:mentionedKind ?kind } OPTIONAL { ?m ikg:mentionedAlias ?alias }
    OPTIONAL { ?m ikg:mentionedSuccessor ?succ } OPTIONAL { ?m ikg:mentionedStart ?start }
    OPTIONAL { ?m ikg:mentionedDateBasis ?basis } OPTIONAL { ?m ikg:kindFromDate ?vague }
    OPTIONAL { ?d ikg:publicationDate ?pub } }"""
_STATED = """SELECT ?m ?aspect ?grade ?p WHERE { ?d ikg:aboutAuthority ?a . ?m ikg:inDocument ?d ;
    ikg:mentionedJudgement ?j . ?j ikg:mentionedAspect ?aspect ; ikg:mentionedGrade ?grade ;
    prov:wasDerivedFrom ?p }"""
_DESCRIBED = """SELECT ?i ?d ?start ?end ?kind WHERE { ?d ikg:aboutAuthority ?a . ?i ikg:describedIn ?d ;
    ikg:inspectedAuthority ?a . OPTIONAL { ?i ikg:startDate ?start } OPTIONAL { ?i ikg:endDate ?end }
    OPTIONAL { ?i ikg:inspectionKind ?kind } }"""
READS = frozenset((IKG if ns == "ikg" else PROV) + name for ns, name in
                  re.findall(r"\b(ikg|prov):(\w+)", _MENTIONS + _STATED + _DESCRIBED))


def covers(i: Inspection, month: str, basis: str) -> bool:
    """Whether a mention dated ``month`` (of the inspection, or of its report's publication) is of ``i``."""
    first = i.start[:7]
    if basis == "publication":
        return first in months_before(month, PUBLICATION_LAG_MONTHS) | {month}
    return first <= month <= (i.end or i.start)[:7]


@dataclass
class Said:
    """A document's mention of an earlier inspection."""

    doc: str
    doc_date: str
    passage: str
    kind: str
    start: str
    basis: str
    vague: bool
    judgements: list = field(default_factory=list)  # (aspect, grade IRI, passage)


def may_be_named(sentence: str, kind: str, own_kinds: set[str]) -> bool:
    """Whether a sentence of a document that reports inspections of ``own_kinds`` can refer to an earlier
    inspection of ``kind``: one of the kind it names ("at the last focused visit"), else ("noted at the last
    inspection") one like the document's own: a full inspection of children's services, or the area SEND
    inspection or JTAI the document reports. A private-fostering sentence of an ILACS report never speaks
    of an area SEND inspection.

    >>> may_be_named("Private fostering was noted at the last inspection", "AreaSENDInspection", {"ILACSStandardInspection"})
    False
    >>> may_be_named("noted at the last inspection", "SIFInspection", {"ILACSStandardInspection"})
    True
    """
    from kg.extract.mentions import referred_kind

    named = referred_kind(sentence)
    if named is not None:
        return iris.identity_kind(named) == iris.identity_kind(kind)
    own_remits = own_kinds & OWN_REMIT_KINDS
    return kind in own_remits if own_remits else kind in FULL_KINDS


def graph(authority: str) -> str:
    return iris.graph_iri("entities", local_name(authority.rstrip("/")))


def compute(store, authority: str) -> list[tuple]:
    """The authority's entity triples (subject, predicate, object), in a stable order."""
    out: set[tuple] = set()
    mentions = council_rows(store, _MENTIONS, authority)
    organisations(mentions, authority, out)
    names(mentions, authority, out)
    inspections(store, mentions, authority, out)
    return sorted(out, key=repr)


def organisations(rows: list[dict], authority: str, out: set) -> None:
    """Boards and partners, once each, from every document's record of them."""
    by_org: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        if r["cls"] and local_name(r["cls"]) in ("Board", "Partner"):
            by_org[r["e"]].append(r)
    for org, rs in by_org.items():
        cls = min(r["cls"] for r in rs)
        out.add((org, RDF_TYPE, cls))
        out.add((org, RDFS_LABEL, PlainLiteral(min(r["name"] for r in rs))))  # one name: the extractor's canonical
        out.add((org, IKG + "organisationKind", min(r["kind"] for r in rs)))
        out |= {(org, IKG + "altName", PlainLiteral(r["alias"])) for r in rs if r["alias"]}
        out.add((authority, IKG + ("hasBoard" if local_name(cls) == "Board" else "hasPartner"), org))
        for r in rs:
            if r["succ"]:
                event = f"{org}/change"
                out |= {(event, RDF_TYPE, ORG + "ChangeEvent"), (event, ORG + "originalOrganization", org),
                        (event, ORG + "resultingOrganization", r["succ"]), (r["succ"], ORG + "resultedFrom", event),
                        (org, ORG + "changedBy", event), (event, PROV + "wasDerivedFrom", r["p"])}


def names(rows: list[dict], authority: str, out: set) -> None:
    """The council's names in the documents; a council the reference table lacks is typed and named here."""
    from kg.emit import display_name

    said = [r for r in rows if r["e"] == authority and r["name"]]
    out |= {(authority, IKG + "nameInDocument", PlainLiteral(r["name"])) for r in said}
    unknown = [r["name"] for r in said if r["cls"]]
    if unknown:
        out.add((authority, RDF_TYPE, IKG + "Authority"))
        out.add((authority, RDFS_LABEL, PlainLiteral(min(display_name(n) for n in unknown))))


def held_inspections(store, authority: str) -> dict[str, Inspection]:
    """The inspections the authority's documents report (``described``: those documents)."""
    held: dict[str, Inspection] = {}
    for r in council_rows(store, _DESCRIBED, authority):
        h = held.setdefault(r["i"], Inspection(r["i"]))
        h.kind = h.kind or local_name(r["kind"])
        h.start = max(h.start, r["start"], key=lambda d: (len(d), d))
        h.end = max(h.end, r["end"], key=lambda d: (len(d), d))
        h.described.add(r["d"])
    return held


def said_inspections(store, rows: list[dict], authority: str) -> list[Said]:
    stated: dict[str, list] = defaultdict(list)
    for r in council_rows(store, _STATED, authority):
        stated[r["m"]].append((r["aspect"], r["grade"], r["p"]))
    said: dict[str, Said] = {}
    for r in rows:
        if r["start"] and r["m"] not in said:
            said[r["m"]] = Said(r["d"], r["pub"], r["p"], local_name(r["kind"]), r["start"], r["basis"],
                                r["vague"] == "true", sorted(set(stated.get(r["m"], []))))
    return [said[m] for m in sorted(said)]


def resolve(s: Said, held: dict[str, Inspection]) -> Inspection | None:
    """The held inspection a mention is of: the same framework (any full inspection where the words name no
    kind) whose dates take in the mention's month; of several, the latest."""
    month = s.start[:7]
    same = [h for h in held.values() if s.doc not in h.described and h.start and covers(h, month, s.basis)
            and (h.kind in FULL_KINDS if s.vague else iris.identity_kind(h.kind) == iris.identity_kind(s.kind))]
    return max(same, key=lambda h: (h.start, h.iri), default=None)


def inspections(store, rows: list[dict], authority: str, out: set) -> None:
    """Each mentioned inspection as the inspection it is: ``ikg:mentionedIn`` on one the store holds a report
    of, else one node of its own for all the documents that mention it."""
    held = held_inspections(store, authority)
    key = local_name(authority.rstrip("/"))
    alone: dict[str, list[Said]] = defaultdict(list)
    for s in said_inspections(store, rows, authority):
        h = resolve(s, held)
        if h is None and iris.inspection_iri(key, s.kind, s.start) in held:  # its own report's month
            h = held[iris.inspection_iri(key, s.kind, s.start)]
        if h is not None:
            out.add((h.iri, IKG + "mentionedIn", s.doc))
        else:
            alone[f"{iris.identity_kind(s.kind)}/{s.start[:7]}"].append(s)
    for group in merge_publication_months(alone).values():
        mentioned_only(group, authority, key, out)


def merge_publication_months(groups: dict[str, list[Said]]) -> dict[str, list[Said]]:
    """A group dated only by its report's publication joins the group of the same kind dated by the
    inspection itself one to three months before: the inspection's own month is the one kept."""
    merged = {k: list(v) for k, v in groups.items()}
    for k in sorted(merged):
        kind, month = k.rsplit("/", 1)
        if any(s.basis != "publication" for s in merged[k]):
            continue
        into = sorted(f"{kind}/{m}" for m in months_before(month, PUBLICATION_LAG_MONTHS)
                      if f"{kind}/{m}" in merged and any(s.basis != "publication" for s in merged[f"{kind}/{m}"]))
        if into:
            merged[into[-1]] += merged.pop(k)
    return merged


def mentioned_only(group: list[Said], authority: str, key: str, out: set) -> None:
    """One inspection known only from mentions: one start date (the most precise the documents give of the
    inspection itself), one kind (one the words name, over one read from the date), one grade per aspect
    (as the earliest document states it)."""
    best = min(group, key=lambda s: (s.basis == "publication", -len(s.start), s.start, s.doc))
    named = sorted(s.kind for s in group if not s.vague) or sorted(s.kind for s in group)
    kind = max(named, key=named.count)
    node = iris.inspection_iri(key, kind, best.start)
    out |= {(node, RDF_TYPE, IKG + "Inspection"), (node, IKG + "inspectionKind", IKG + kind),
            (node, IKG + "inspectedAuthority", authority), (node, IKG + "startDate", ("date", best.start))}
    if best.basis:
        out.add((node, IKG + "dateBasis", PlainLiteral(best.basis)))
    grades: dict[str, tuple] = {}
    for s in sorted(group, key=lambda s: (s.doc_date or "9999", s.doc)):
        out.add((node, IKG + "mentionedIn", s.doc))
        out.add((node, PROV + "wasDerivedFrom", s.passage))
        for aspect, grade, passage in s.judgements:
            grades.setdefault(aspect, (grade, passage))
    out.add((node, IKG + "graded", kind not in UNGRADED_KINDS and (kind != "OtherInspection" or bool(grades))))
    for aspect, (grade, passage) in grades.items():
        j = iris.judgement_iri(node, aspect)
        out |= {(node, IKG + "hasJudgement", j), (j, RDF_TYPE, IKG + "Judgement"), (j, IKG + "aspect", PlainLiteral(aspect)),
                (j, IKG + "grade", grade), (j, PROV + "wasDerivedFrom", passage)}


def as_nquads(authority: str, triples: list[tuple]) -> str:
    """The triples as N-Quads in the authority's graph of entities."""
    g = f" <{graph(authority)}> .\n"
    return "".join(f"<{s}> <{p}> {nquads_term(o)}{g}" for s, p, o in triples)


def rebuild(store, authority: str) -> int:
    """Replace the authority's graph of entities from its documents' graphs; returns the triples written."""
    import pyoxigraph

    from kg.store import drop_graph

    drop_graph(store, graph(authority))
    triples = compute(store, authority)
    store.load(as_nquads(authority, triples).encode(), format=pyoxigraph.RdfFormat.N_QUADS)
    return len(triples)

