"""Emit RDF: turn one document's ``Extraction`` into the triples of its own named graph.

Each node carries ``prov:wasDerivedFrom`` its ``ikg:Passage``; each passage says which document,
which paragraph and the exact words. Nothing is asserted without a passage.
"""

from __future__ import annotations

import datetime as dt
import functools

from rdflib import Graph, Literal, URIRef

from kg import dates, iris
from kg.authorities import resolve
from kg.model import Extraction, InspectionFacts, Organisation, Passage
from kg.vocab import DCTERMS, ID, IKG, PROV, RDF, RDFS, XSD, grade_concept

ROLE_CLASS = {"board": IKG.Board, "partner": IKG.Partner, "inspectorate": IKG.Inspectorate}
# Paragraph and line numbers, pages and headings repeat from passage to passage: each literal is made once
# (typed: Literal(True) is not Literal(1)): the same literals recur in every document.
_literal = functools.lru_cache(maxsize=1 << 16, typed=True)(Literal)
# The terms of every passage, looked up once: a DefinedNamespace makes a new URIRef at each attribute access,
# and a document has hundreds of passages.
_TYPE, _PASSAGE, _IN_DOCUMENT, _TEXT, _DERIVED_FROM = (
    RDF.type, IKG.Passage, IKG.inDocument, IKG.text, PROV.wasDerivedFrom)
_PARAGRAPH, _LINE_START, _LINE_END, _PAGE, _HEADING = (
    IKG.paragraphNumber, IKG.lineStart, IKG.lineEnd, IKG.page, IKG.heading)


def date_literal(value: str) -> Literal:
    """ISO date, or year-month where the document gives only the month."""
    if len(value) == 7:
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value, datatype=XSD.date)


def inspectorate_iri(key: str) -> URIRef:
    return ID[f"inspectorate/{iris.slug(key)}"]


class Emitter:
    """Builds one document's graph; small methods, one per kind of node."""

    def __init__(self, ex: Extraction, graph=None):
        self.ex = ex
        # Anything with add((s, p, o)): the build passes a plain collector, which keeps no index it never reads.
        self.g = Graph() if graph is None else graph
        self.doc = URIRef(iris.document_iri(ex.document.sha256))
        self.authority_key = iris.authority_slug(ex.authority) if ex.authority else None
        self.authority = URIRef(iris.authority_iri(ex.authority)) if ex.authority else None
        self.org_iris: dict[str, URIRef] = {}
        self.passages: dict[Passage, URIRef] = {}
        # The year the document's dates are judged against: its own, once that is found plausible.
        self.reference_year = dt.date.today().year

    def date(self, value: str | None, field: str, reference_year: int, source: str) -> Literal | None:
        """The literal of a date that can be what it dates (kg.dates.implausible); else None, and a warning
        naming the file and the words of ``source`` (the text it was read from) that wrote it."""
        if not value:
            return None
        problem = dates.implausible(value, field, reference_year)
        if problem is None:
            return date_literal(value)
        words = dates.words_of(" ".join(source.split()), value)
        warning = f"{self.ex.document.source_file}: {field} date {words!r} {problem}; not asserted"
        if warning not in self.ex.warnings:
            self.ex.warnings.append(warning)
        return None

    def add(self, s, p, o):
        if o is not None:
            self.g.add((s, p, o))

    def passage(self, p: Passage) -> URIRef:
        if p in self.passages:  # already written: a fact derived from a passage the document has
            return self.passages[p]
        node = self.passages[p] = URIRef(iris.passage_iri(str(self.doc), p.key))
        self.add(node, _TYPE, _PASSAGE)
        self.add(node, _IN_DOCUMENT, self.doc)
        self.add(node, _TEXT, Literal(p.text))
        if p.number:
            self.add(node, _PARAGRAPH, _literal(p.number))
        if p.line_start:
            self.add(node, _LINE_START, _literal(p.line_start))
            self.add(node, _LINE_END, _literal(p.line_end))
        if p.page:
            self.add(node, _PAGE, _literal(p.page))
        if p.heading:
            self.add(node, _HEADING, _literal(p.heading))
        return node

    def derived(self, node: URIRef, p: Passage) -> None:
        self.add(node, _DERIVED_FROM, self.passage(p))

    def document(self) -> None:
        ex, d = self.ex, self.doc
        self.add(d, RDF.type, IKG.Document)
        self.add(d, IKG.documentKind, IKG[ex.document_kind])
        self.add(d, IKG.sourceFile, Literal(ex.document.source_file))
        self.add(d, IKG.sha256, Literal(ex.document.sha256))
        self.add(d, DCTERMS["format"], Literal(ex.document.fmt))
        if ex.title:
            self.add(d, DCTERMS.title, Literal(ex.title))
        published = self.date(ex.published, "publication", self.reference_year, ex.document.text[:5000])
        if published is not None:
            self.add(d, IKG.publicationDate, published)
            self.reference_year = int(ex.published[:4])
        if self.authority is not None:
            self.add(d, IKG.aboutAuthority, self.authority)

    def mention(self, entity: URIRef, p: Passage) -> URIRef:
        """The document's record of what it says of an entity that other documents may speak of too (kg.entities
        writes the entity itself, once, in its authority's graph of entities); the entity points at the passage."""
        node = URIRef(iris.mention_iri(str(self.doc), str(entity)))
        self.add(node, RDF.type, IKG.Mention)
        self.add(node, IKG.mentionOf, entity)
        self.add(node, IKG.inDocument, self.doc)
        self.derived(node, p)
        return node

    def authority_node(self) -> None:
        if self.authority is None or self.ex.authority_passage is None:
            return
        a = self.authority
        m = self.mention(a, self.ex.authority_passage)
        self.add(m, IKG.mentionedName, Literal(self.ex.authority))
        if resolve(self.ex.authority) is None:  # a council of the table is described by the table's graph
            self.add(m, IKG.mentionedClass, IKG.Authority)
        self.derived(a, self.ex.authority_passage)

    def organisation(self, o: Organisation) -> URIRef:
        if o.role == "inspectorate":
            node = inspectorate_iri(o.category)
        else:
            node = URIRef(iris.organisation_iri(self.authority_key, o.role, o.name))
        self.org_iris[o.name] = node
        for alias in o.aliases:
            self.org_iris.setdefault(alias, node)
        self.derived(node, o.passage)
        if o.role == "inspectorate":  # described once, by the ontology's schemes
            return node
        if self.authority is None:  # no council's graph of entities to describe it: the document does
            self.add(node, RDF.type, ROLE_CLASS[o.role])
            self.add(node, RDFS.label, Literal(o.name))
            self.add(node, IKG.organisationKind, IKG[o.category])
            return node
        m = self.mention(node, o.passage)
        self.add(m, IKG.mentionedClass, ROLE_CLASS[o.role])
        self.add(m, IKG.mentionedName, Literal(o.name))
        self.add(m, IKG.mentionedKind, IKG[o.category])
        for alias in o.aliases:
            self.add(m, IKG.mentionedAlias, Literal(alias))
        return node

    def succession(self, o: Organisation) -> None:
        """A board replaced by a partnership: said on the old body's record; kg.entities writes the change."""
        if not o.succeeded_by or o.succeeded_by not in self.org_iris or o.role == "inspectorate":
            return
        old, new = self.org_iris[o.name], self.org_iris[o.succeeded_by]
        self.add(URIRef(iris.mention_iri(str(self.doc), str(old))), IKG.mentionedSuccessor, new)

    def inspection(self, f: InspectionFacts) -> URIRef | None:
        start = self.date(f.start, "inspection", self.reference_year, f.passage.text)
        if self.authority_key is None or start is None:
            return None  # an inspection with no authority or date cannot be identified
        node = URIRef(iris.inspection_iri(self.authority_key, f.kind, f.start))
        if f.role == "mentioned":
            self.mentioned_inspection(node, f, start)
            return None
        self.add(node, RDF.type, IKG.Inspection)
        self.add(node, IKG.inspectionKind, IKG[f.kind])
        self.add(node, IKG.inspectedAuthority, self.authority)
        self.add(node, IKG.startDate, start)
        self.add(node, IKG.endDate, self.date(f.end, "inspection", self.reference_year, f.passage.text))
        if f.date_basis:
            self.add(node, IKG.dateBasis, Literal(f.date_basis))
        self.add(node, IKG.describedIn, self.doc)
        self.add(node, IKG.graded, Literal(f.graded))
        if f.title:
            self.add(node, DCTERMS.title, Literal(f.title))
        for key in f.inspectorates:
            self.add(node, IKG.involvesPartner, inspectorate_iri(key))
        for name in f.inspectors:
            self.add(node, IKG.inspector, Literal(name))
        self.derived(node, f.passage)
        for j in f.judgements:
            jn = URIRef(iris.judgement_iri(str(node), j.aspect))
            self.add(node, IKG.hasJudgement, jn)
            self.add(jn, RDF.type, IKG.Judgement)
            self.add(jn, IKG.aspect, Literal(j.aspect))
            self.add(jn, IKG.grade, grade_concept(j.scale, j.grade))
            self.derived(jn, j.passage)
        for r in f.recommendations:
            self.recommendation(node, r, int(f.start[:4]))
        for fi in f.findings:
            fn = URIRef(iris.finding_iri(str(node), fi.number, fi.text))
            self.add(node, IKG.hasFinding, fn)
            self.add(fn, RDF.type, IKG.Strength if fi.kind == "strength" else IKG.Weakness)
            self.add(fn, IKG.text, Literal(fi.text))
            if fi.number:
                self.add(fn, IKG.number, Literal(fi.number))
            self.derived(fn, fi.passage)
        return node

    def mentioned_inspection(self, node: URIRef, f: InspectionFacts, start: Literal) -> None:
        """An earlier inspection the document names: its record, with the month and kind the words give and the
        results they state. kg.entities finds the inspection it is (one the store holds, else a node of its own)."""
        m = self.mention(node, f.passage)
        self.add(m, IKG.mentionedKind, IKG[f.kind])
        self.add(m, IKG.mentionedStart, start)
        if f.date_basis:
            self.add(m, IKG.mentionedDateBasis, Literal(f.date_basis))
        if f.kind_from_date:
            self.add(m, IKG.kindFromDate, Literal(True))
        for j in f.judgements:
            jn = URIRef(f"{m}/judgement/{iris.slug(j.aspect)}")
            self.add(m, IKG.mentionedJudgement, jn)
            self.add(jn, IKG.mentionedAspect, Literal(j.aspect))
            self.add(jn, IKG.mentionedGrade, grade_concept(j.scale, j.grade))
            self.derived(jn, j.passage)

    def recommendation(self, inspection: URIRef, r, start_year: int) -> URIRef:
        node = URIRef(iris.recommendation_iri(str(inspection), r.number, r.text))
        self.add(inspection, IKG.hasRecommendation, node)
        self.add(node, RDF.type, IKG.Recommendation)
        self.add(node, IKG.text, Literal(r.text))
        if r.number:
            self.add(node, IKG.number, Literal(r.number))
        if r.timescale:
            self.add(node, IKG.timescale, Literal(r.timescale))
        self.add(node, IKG.dueDate, self.date(r.due_date, "due", start_year, r.passage.text))
        if r.part:
            self.add(node, IKG.reportPart, Literal(r.part))
        if r.reconstructed:
            self.add(node, IKG.reconstructed, Literal(True))
        self.add(node, IKG.addressee, self.org_iris.get(r.addressee) if r.addressee else self.authority)
        self.derived(node, r.passage)
        return node

    def decision(self, r) -> None:
        """A council's own resolution ("That Cabinet ..."): recorded, but not an inspection's ask."""
        node = URIRef(f"{self.doc}/decision/{iris.slug(r.number) if r.number else iris.short_hash(r.text)}")
        self.add(node, RDF.type, IKG.CouncilDecision)
        self.add(node, IKG.text, Literal(r.text))
        if r.number:
            self.add(node, IKG.number, Literal(r.number))
        self.add(node, IKG.decidedIn, self.doc)
        self.derived(node, r.passage)

    def run(self) -> Graph:
        self.document()
        # Every passage, not only those a fact points to: the linker reads later documents' passages
        # for what they say of earlier recommendations.
        for p in self.ex.document.passages:
            self.passage(p)
        self.authority_node()
        for o in self.ex.organisations:
            self.organisation(o)
        for o in self.ex.organisations:
            self.succession(o)
        for f in self.ex.inspections:
            self.inspection(f)
        for r in self.ex.decisions:
            self.decision(r)
        return self.g


def display_name(name: str) -> str:
    """A council's short display name: "Barnsley" for "Metropolitan Borough of Barnsley Council"."""
    known = resolve(name)
    if known is not None:
        return known.name
    key = iris.authority_slug(name)
    return " ".join(w if w in ("and", "upon", "on", "with", "the") else w.capitalize() for w in key.split("-"))


def emit(ex: Extraction) -> Graph:
    """The triples of one document's named graph."""
    return Emitter(ex).run()


__all__ = ["date_literal", "display_name", "emit", "inspectorate_iri"]
