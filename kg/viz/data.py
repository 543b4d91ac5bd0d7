"""What the page reads from the store: plain SPARQL through kg.query, one council or all of them.

Each query joins to the council's inspections (``?a`` bound to the council when there is one) and asks
for a few properties at once as ``?p ?o`` rows, instead of one OPTIONAL per property: Oxigraph answers an
OPTIONAL by scanning the whole property. Every query is SELECT DISTINCT, so a triple held by several
graphs comes back once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kg.query import select
from kg.verdicts import rereadings, rows_in_force
from kg.vocab import local_name as local  # the one local-name helper, by the name the page's code reads

INSPECTION = "?i ikg:inspectedAuthority ?a ."
ASK = INSPECTION + " ?i ikg:hasRecommendation ?r ."

Q_COUNCILS = f"SELECT DISTINCT ?a ?label WHERE {{ {INSPECTION} OPTIONAL {{ ?a rdfs:label ?label }} }}"
Q_INSPECTIONS = f"""SELECT DISTINCT ?a ?i ?p ?o WHERE {{ {INSPECTION}
  VALUES ?p {{ ikg:startDate ikg:endDate ikg:inspectionKind ikg:describedIn dcterms:title }} ?i ?p ?o }}"""
Q_KIND_LABELS = "SELECT DISTINCT ?k ?label WHERE { ?k skos:inScheme ikg:InspectionKindScheme ; skos:prefLabel ?label }"
Q_JUDGEMENTS = f"""SELECT DISTINCT ?i ?j ?aspect ?grade ?label ?rank WHERE {{ {INSPECTION} ?i ikg:hasJudgement ?j .
  ?j ikg:aspect ?aspect ; ikg:grade ?grade . ?grade skos:prefLabel ?label ; ikg:rank ?rank }}"""
Q_DOCUMENTS = f"""SELECT DISTINCT ?d ?p ?o WHERE {{
  {{ SELECT DISTINCT ?d WHERE {{ {{ {INSPECTION} ?i ikg:describedIn ?d }} UNION {{ ?d ikg:aboutAuthority ?a }} }} }}
  VALUES ?p {{ ikg:sourceFile ikg:publicationDate ikg:documentKind }} ?d ?p ?o }}"""
Q_ASKS = f"""SELECT DISTINCT ?i ?r ?p ?o WHERE {{ {ASK}
  VALUES ?p {{ ikg:text ikg:number ikg:timescale ikg:dueDate ikg:currentStatus ikg:currentStatusSource
              ikg:addressee ikg:reconstructed ikg:overdue ikg:carriesForward ikg:theme }} ?r ?p ?o }}"""
Q_NAMES = f"""SELECT DISTINCT ?o ?label WHERE {{ {ASK}
  VALUES ?p {{ ikg:addressee ikg:theme }} ?r ?p ?o . ?o rdfs:label|skos:prefLabel ?label }}"""
Q_ASK_PASSAGES = f"""SELECT DISTINCT ?r ?d ?para WHERE {{ {ASK}
  ?r prov:wasDerivedFrom ?ev . ?ev ikg:inDocument ?d OPTIONAL {{ ?ev ikg:paragraphNumber ?para }} }}"""
# The assessments are the most numerous: one wide row each (their first three properties are always
# there) keeps the answer to a fraction of the rows of the ?p ?o form.
Q_ASSESSMENTS = f"""SELECT DISTINCT ?r ?s ?status ?quote ?evidenceSource ?assessedOn ?assessedIn ?foundBy ?confidence
  ?contradictedBy ?d ?para WHERE {{ {ASK} ?r ikg:hasAssessment ?s .
  ?s ikg:status ?status ; ikg:quote ?quote ; ikg:evidenceSource ?evidenceSource .
  OPTIONAL {{ ?s ikg:assessedOn ?assessedOn }} OPTIONAL {{ ?s ikg:assessedIn ?assessedIn }}
  OPTIONAL {{ ?s ikg:foundBy ?foundBy }} OPTIONAL {{ ?s ikg:confidence ?confidence }}
  OPTIONAL {{ ?s ikg:contradictedBy ?contradictedBy }}
  OPTIONAL {{ ?s prov:wasDerivedFrom ?ev . ?ev ikg:inDocument ?d OPTIONAL {{ ?ev ikg:paragraphNumber ?para }} }} }}"""
ASSESSMENT_PROPS = ("status", "quote", "evidenceSource", "assessedOn", "assessedIn", "foundBy", "confidence",
                    "contradictedBy")
# A compound ask's parts, and the parts a piece of its evidence speaks of (none: the whole ask).
Q_PARTS = f"""SELECT DISTINCT ?r ?part ?p ?o WHERE {{ {ASK} ?r ikg:hasPart ?part .
  VALUES ?p {{ ikg:text ikg:number ikg:partStatus }} ?part ?p ?o }}"""
Q_ABOUT_PART = f"SELECT DISTINCT ?s ?part WHERE {{ {ASK} ?r ikg:hasAssessment ?s . ?s ikg:aboutPart ?part }}"
Q_ASK_AUTHORITY = "SELECT DISTINCT ?a WHERE { ?i ikg:hasRecommendation ?r ; ikg:inspectedAuthority ?a }"


@dataclass
class Facts:
    """The rows the page is made of, keyed by IRI: ``props[iri][local property] -> sorted values``."""

    councils: dict[str, str] = field(default_factory=dict)  # IRI -> label
    inspections: dict[str, str] = field(default_factory=dict)  # IRI -> council IRI
    asks: dict[str, str] = field(default_factory=dict)  # IRI -> inspection IRI
    assessments: dict[str, str] = field(default_factory=dict)  # IRI -> ask IRI
    props: dict[str, dict[str, list[str]]] = field(default_factory=lambda: defaultdict(dict))
    judgements: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))  # inspection -> rows
    names: dict[str, str] = field(default_factory=dict)  # addressee, theme or inspection kind -> label
    passages: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))  # -> (doc, para)
    parts: dict[str, str] = field(default_factory=dict)  # part IRI -> ask IRI
    verdicts: dict[str, dict[str, str]] = field(default_factory=dict)  # ask, part or assessment -> verdict in force
    readings: dict = field(default_factory=dict)  # ask -> kg.verdicts.Reading, where a verdict bears on its evidence

    def add(self, subject: str, prop: str, value: str) -> None:
        values = self.props[subject].setdefault(local(prop), [])
        if value not in values:
            values.append(value)
            values.sort()

    def one(self, subject: str, prop: str, default: str = "") -> str:
        values = self.props.get(subject, {}).get(prop)
        return values[0] if values else default

    def all(self, subject: str, prop: str) -> list[str]:
        return self.props.get(subject, {}).get(prop, [])


def read(store=None, endpoint: str | None = None, authority: str | None = None) -> Facts:
    """Everything the page shows of one council (its IRI) or of every council the store holds."""
    params = {"a": authority} if authority else None

    def rows(text: str) -> list[dict[str, str]]:
        return select(text, store=store, endpoint=endpoint, params=params)

    f = Facts()
    for r in sorted(rows(Q_COUNCILS), key=lambda r: r.get("label", "")):
        f.councils.setdefault(r["a"], r.get("label") or local(r["a"]))
    for r in rows(Q_INSPECTIONS):
        f.inspections[r["i"]] = r["a"]
        f.add(r["i"], r["p"], r["o"])
    for r in rows(Q_DOCUMENTS):
        f.add(r["d"], r["p"], r["o"])
    for r in rows(Q_JUDGEMENTS):
        f.judgements[r["i"]].append({"aspect": r["aspect"], "grade": r["label"], "rank": int(r["rank"])})
    for r in rows(Q_ASKS):
        f.asks[r["r"]] = r["i"]
        f.add(r["r"], r["p"], r["o"])
    for r in rows(Q_ASK_PASSAGES):
        f.passages[r["r"]].append((r["d"], r.get("para", "")))
    for r in rows(Q_ASSESSMENTS):
        f.assessments[r["s"]] = r["r"]
        for prop in ASSESSMENT_PROPS:
            if prop in r:
                f.add(r["s"], prop, r[prop])
        if "d" in r and (r["d"], r.get("para", "")) not in f.passages[r["s"]]:
            f.passages[r["s"]].append((r["d"], r.get("para", "")))
    for r in rows(Q_PARTS):
        f.parts[r["part"]] = r["r"]
        f.add(r["part"], r["p"], r["o"])
    for r in rows(Q_ABOUT_PART):
        f.add(r["s"], "aboutPart", r["part"])
    for r in sorted(rows(Q_NAMES), key=lambda r: r["label"]):
        f.names.setdefault(r["o"], r["label"])
    for r in sorted(select(Q_KIND_LABELS, store=store, endpoint=endpoint), key=lambda r: r["label"]):
        f.names.setdefault(r["k"], r["label"])
    for r in rows_in_force(store, endpoint):  # oldest first: the latest is in force
        if r["target"] in f.asks or r["target"] in f.assessments or r["target"] in f.parts:
            f.verdicts[r["target"]] = r  # ordered by time: the latest stays
    f.readings = {r: x for r, x in rereadings(store, endpoint).items() if r in f.asks}
    for p in f.passages.values():
        p.sort()
    return f


def authority_of_ask(ask: str, store=None, endpoint: str | None = None) -> str | None:
    """The council whose inspection made this ask, or None when the store holds no such ask."""
    found = select(Q_ASK_AUTHORITY, store=store, endpoint=endpoint, params={"r": ask})
    return min(r["a"] for r in found) if found else None
