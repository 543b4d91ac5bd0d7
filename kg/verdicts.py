"""Analysts' verdicts: a person confirms, rejects or sets the status of a recommendation (or of one part of
a compound one), or rejects one piece of evidence, with a note.

Verdicts live in their own named graph (``graph/verdicts``), which no build drops or rewrites: they survive
every rebuild and travel with the store's export. Each says who made it and when (PROV). One verdict per
thing judged is in force (``ikg:verdictOn``); a new one on the same thing replaces it and keeps the old one
as its ``prov:wasRevisionOf``. The answers (``kg status``, the tracker, the named queries) put the verdict
in force before the machine's reading and show both.

A verdicts file (CSV, one verdict a line) has the columns ``target,action,status,by,note`` and optionally
``when`` (ISO date-time; now when empty): target is the IRI of a recommendation, a part or an assessment;
action is confirm, reject or set; status (for set) is open, in-progress, closed or unknown.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from kg import iris
from kg.errors import InputError
from kg.vocab import local_name

IKG, PROV, RDFS, XSD = iris.NS["ikg"], iris.NS["prov"], iris.NS["rdfs"], iris.NS["xsd"]
RDF_TYPE = iris.NS["rdf"] + "type"
GRAPH = iris.graph_iri("verdicts")
ACTIONS = ("confirm", "reject", "set")
# The status words of the answers, and the ontology's concepts.
STATUSES = {"open": "Open", "in-progress": "InProgress", "closed": "Closed", "unknown": "Unknown"}
COLUMNS = ("target", "action", "status", "by", "note")


@dataclass
class Verdict:
    target: str  # IRI of a recommendation, a part of one, or a status assessment
    action: str  # confirm | reject | set
    by: str  # who
    note: str  # why
    status: str = ""  # a word of STATUSES: the status set (set), or the machine's one confirmed (confirm)
    when: str = ""  # ISO date-time; now when empty


def check(v: Verdict, where: str = "verdict") -> Verdict:
    """The verdict, or InputError naming what is wrong with it."""
    if v.action not in ACTIONS:
        raise InputError(f"{where}: action {v.action!r} is not one of {', '.join(ACTIONS)}")
    if v.action == "set" and v.status not in STATUSES:
        raise InputError(f"{where}: set needs a status, one of {', '.join(STATUSES)} (got {v.status!r})")
    if not v.target.startswith(("http://", "https://")):
        raise InputError(f"{where}: target {v.target!r} is not an IRI")
    if not v.by.strip():
        raise InputError(f"{where}: say who made the verdict (by)")
    if not v.note.strip():
        raise InputError(f"{where}: give the reason for the verdict (note)")
    if v.when:
        try:
            datetime.fromisoformat(v.when)
        except ValueError:
            raise InputError(f"{where}: when {v.when!r} is not an ISO date-time") from None
    return v


def read_file(path: Path) -> list[Verdict]:
    """The verdicts of a CSV file; InputError naming the file and line of the first bad one."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: cannot read the verdicts file ({e.__class__.__name__})") from None
    rows = csv.DictReader(text.splitlines())
    missing = [c for c in COLUMNS if c not in (rows.fieldnames or [])]
    if missing:
        raise InputError(f"{path}: the verdicts file has no column {', '.join(missing)} (needs {','.join(COLUMNS)})")
    out = []
    for n, r in enumerate(rows, 2):
        v = Verdict(*((r.get(c) or "").strip() for c in ("target", "action", "by", "note", "status", "when")))
        out.append(check(v, f"{path}:{n}"))
    return out


def record(store, verdicts: list[Verdict]) -> list[str]:
    """Write the verdicts into the verdicts graph of a writable store; each replaces the one in force on the
    same target. Returns the new verdicts' IRIs. A target the store does not hold is an InputError (nothing
    is written)."""
    import pyoxigraph as ox

    g = ox.NamedNode(GRAPH)
    for v in verdicts:
        if not known(store, v.target):
            raise InputError(f"verdict: {v.target} is not a recommendation, part or assessment in the store")
    out = []
    for v in verdicts:
        when = v.when or datetime.now(timezone.utc).isoformat(timespec="seconds")
        node = ox.NamedNode(f"{v.target}/verdict/{iris.short_hash(when + v.by + v.action + v.note)}")
        target = ox.NamedNode(v.target)
        quads = [ox.Quad(node, ox.NamedNode(RDF_TYPE), ox.NamedNode(IKG + "AnalystVerdict"), g),
                 ox.Quad(node, ox.NamedNode(IKG + "verdictOn"), target, g),
                 ox.Quad(node, ox.NamedNode(IKG + "verdictAction"), ox.Literal(v.action), g),
                 ox.Quad(node, ox.NamedNode(IKG + "note"), ox.Literal(v.note), g),
                 ox.Quad(node, ox.NamedNode(PROV + "generatedAtTime"),
                         ox.Literal(when, datatype=ox.NamedNode(XSD + "dateTime")), g)]
        agent = ox.NamedNode(f"{iris.BASE}analyst/{iris.slug(v.by)}")
        quads += [ox.Quad(node, ox.NamedNode(PROV + "wasAttributedTo"), agent, g),
                  ox.Quad(agent, ox.NamedNode(RDF_TYPE), ox.NamedNode(PROV + "Agent"), g),
                  ox.Quad(agent, ox.NamedNode(RDFS + "label"), ox.Literal(v.by), g)]
        quads += evidence_quads(store, node, v.target, g)
        status = verdict_status(store, v)
        if status:
            quads.append(ox.Quad(node, ox.NamedNode(IKG + "verdictStatus"), ox.NamedNode(IKG + status), g))
        for old in list(store.quads_for_pattern(None, ox.NamedNode(IKG + "verdictOn"), target, g)):
            store.remove(old)  # no longer in force; kept as what the new one revises
            quads.append(ox.Quad(node, ox.NamedNode(PROV + "wasRevisionOf"), old.subject, g))
        store.extend(quads)
        out.append(node.value)
    return out


def evidence_quads(store, node, target: str, g) -> list:
    """For a verdict on a piece of evidence: the recommendation it is about and its quote. An assessment is
    named by its passage, and a passage by its document's content, so a changed document renames it at the
    next build; by these the verdict finds the piece again (``rows_in_force``)."""
    import pyoxigraph as ox

    if not is_assessment(store, target):
        return []
    recs = store.quads_for_pattern(None, ox.NamedNode(IKG + "hasAssessment"), ox.NamedNode(target))
    out = [ox.Quad(node, ox.NamedNode(IKG + "verdictOnEvidenceOf"), rec, g) for rec in sorted({q.subject for q in recs},
                                                                                            key=str)]
    out += [ox.Quad(node, ox.NamedNode(IKG + "verdictQuote"), ox.Literal(q), g)
            for q in sorted(set(_objects(store, target, IKG + "quote")))]
    return out


def verdict_status(store, v: Verdict) -> str:
    """The status a verdict holds its target to have (an ontology concept's local name), or "" for a verdict
    on a piece of evidence: the status set; the machine's, confirmed; Unknown, for a status rejected."""
    if is_assessment(store, v.target):
        return ""
    if v.action == "set":
        return STATUSES[v.status]
    if v.action == "reject":
        return "Unknown"
    return machine_status(store, v.target)


def _objects(store, subject: str, predicate: str) -> list[str]:
    import pyoxigraph as ox

    return [q.object.value for q in store.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(predicate), None)]


def machine_status(store, target: str) -> str:
    """The linker's status of a recommendation or part (a concept's local name), Unknown when it has none."""
    found = _objects(store, target, IKG + "currentStatus") or _objects(store, target, IKG + "partStatus")
    return local_name(min(found, default=IKG + "Unknown"))


def is_assessment(store, target: str) -> bool:
    return IKG + "StatusAssessment" in _objects(store, target, RDF_TYPE)


def known(store, target: str) -> bool:
    types = set(_objects(store, target, RDF_TYPE))
    return bool(types & {IKG + "Recommendation", IKG + "RecommendationPart", IKG + "StatusAssessment"})


Q_IN_FORCE = """
SELECT ?v ?target ?action ?vstatus ?note ?when ?by WHERE {
  GRAPH ?g { ?v a ikg:AnalystVerdict ; ikg:verdictOn ?target ; ikg:verdictAction ?action ; ikg:note ?note ;
                prov:generatedAtTime ?when ; prov:wasAttributedTo ?agent .
             OPTIONAL { ?v ikg:verdictStatus ?vstatus } OPTIONAL { ?agent rdfs:label ?by } }
  FILTER(?g = <%s>)
} ORDER BY ?target ?when ?v
""" % GRAPH


# A verdict on a piece of evidence that a rebuild renamed: the assessment of the same recommendation with the
# same words, now.
Q_FOLLOWED = """
SELECT DISTINCT ?v ?rec ?now WHERE {
  GRAPH ?g { ?v ikg:verdictOn ?was ; ikg:verdictOnEvidenceOf ?rec ; ikg:verdictQuote ?quote } FILTER(?g = <%s>)
  FILTER NOT EXISTS { ?rec ikg:hasAssessment ?was }
  ?rec ikg:hasAssessment ?now . ?now ikg:quote ?quote .
} ORDER BY ?v ?now
""" % GRAPH


def rows_in_force(source, endpoint: str | None = None) -> list[dict]:
    """The rows of Q_IN_FORCE, oldest first, with each verdict on a piece of evidence that a rebuild renamed
    given again on the piece as it is named now (after the verdicts made on it by its new name, which come
    first)."""
    from kg.status import _select

    rows = _select(Q_IN_FORCE, source, endpoint)
    judged, by_verdict = {r["target"] for r in rows}, {r["v"]: r for r in rows}
    followed = [{**by_verdict[r["v"]], "target": r["now"]} for r in _select(Q_FOLLOWED, source, endpoint)
                if r["v"] in by_verdict and r["now"] not in judged]
    return followed + rows


def in_force(source, endpoint: str | None = None, targets: set[str] | None = None) -> dict[str, dict]:
    """The verdict in force on each judged thing, by its IRI (of those in ``targets``, when given)."""
    from kg.status import STATUS_WORDS

    out = {}
    for r in rows_in_force(source, endpoint):
        if targets is not None and r["target"] not in targets:
            continue
        out[r["target"]] = {  # ordered by time: the latest stays
            "verdict": r["v"], "action": r["action"], "note": r["note"], "by": r.get("by") or "",
            "when": r["when"], "status": STATUS_WORDS.get(local_name(r.get("vstatus") or ""), None),
        }
    return out


# An ask's evidence as the linker weighed it: enough of each assessment to apply the linker's own rule again.
Q_EVIDENCE = """
SELECT ?a ?status ?how ?date ?kind ?conf ?cue ?quote ?prefix ?p ?text ?part WHERE {
  ?rec ikg:hasAssessment ?a .
  ?a ikg:status ?status ; ikg:quote ?quote ; prov:wasDerivedFrom ?p .
  ?p ikg:text ?text .
  OPTIONAL { ?a ikg:foundBy ?how } OPTIONAL { ?a ikg:assessedOn ?date } OPTIONAL { ?a ikg:confidence ?conf }
  OPTIONAL { ?a ikg:cue ?cue } OPTIONAL { ?a ikg:selector ?sel . ?sel oa:prefix ?prefix }
  OPTIONAL { ?a ikg:assessedIn ?doc . ?doc ikg:documentKind ?kind }
  OPTIONAL { ?a ikg:aboutPart ?part }
} ORDER BY ?a ?kind ?part
"""
Q_PART_LIST = "SELECT ?part ?num WHERE { ?rec ikg:hasPart ?part . ?part ikg:number ?num } ORDER BY ?num ?part"


@dataclass
class Reading:
    """The machine's reading of an ask by the linker's rule, redone on what analysts left of its evidence:
    its status and each part's (status words), and how many pieces of evidence were left out."""

    status: str
    parts: dict[str, str]
    rejected: int  # pieces of evidence left out
    ruled: int  # parts held to an analyst's verdict

    def summary(self) -> dict:
        """As the answers' JSON gives it (``status_reread``)."""
        return {"status": self.status, "rejected_evidence": self.rejected, "parts_ruled": self.ruled,
                "words": reread_words(self.rejected, self.ruled)}


def reread_words(rejected: int, ruled: int) -> str:
    """What a reading done again leaves out or holds, in words.

    >>> reread_words(2, 0), reread_words(0, 1)
    ("the machine's reading without the evidence an analyst rejected", "the machine's reading with the parts as analysts ruled")
    """
    said = [w for w, n in (("without the evidence an analyst rejected", rejected),
                           ("with the parts as analysts ruled", ruled)) if n]
    return "the machine's reading " + " and ".join(said)


def standing(machine: str, verdict: dict | None, reading: str | None) -> tuple[str, str]:
    """The status an answer gives an ask (or a part) and whose it is: an analyst's verdict on it first, then the
    machine's reading done again on what analysts left of its evidence and parts (``reread``), then the
    machine's own."""
    if verdict and verdict.get("status"):
        return verdict["status"], "analyst"
    if reading:
        return reading, "reread"
    return machine, "machine"


def reread(source, endpoint: str | None, rec: str, rejected: set[str], part_rulings: dict[str, str]) -> Reading:
    """The linker's own rule (kg.link.linker.current_status per part, derived_status over the parts) applied to
    the ask's evidence without the pieces in ``rejected``, with each part an analyst ruled on (status word by
    part IRI) standing as ruled. A reading of no rejected piece and no ruling is the linker's own."""
    from kg.link.linker import current_status, derived_status
    from kg.status import STATUS_WORDS, _select

    found, about = _evidence(_select(Q_EVIDENCE, source, endpoint, {"rec": rec}))
    kept = [a for a in found if a.node not in rejected]
    parts = list(dict.fromkeys(r["part"] for r in _select(Q_PART_LIST, source, endpoint, {"rec": rec})))
    concept = {word: name for name, word in STATUS_WORDS.items()}
    statuses = {}
    for part in parts:
        if part in part_rulings:
            statuses[part] = concept[part_rulings[part]]
        else:  # an assessment that names no part in particular speaks of all of them
            statuses[part] = current_status([a for a in kept if not about[a.node] or part in about[a.node]])[0]
    status = derived_status(list(statuses.values())) if len(parts) > 1 else current_status(kept)[0]
    words = {part: STATUS_WORDS[s] for part, s in statuses.items()}
    return Reading(STATUS_WORDS[local_name(status)], words, len(found) - len(kept), len(part_rulings))


def _evidence(rows: list[dict]):
    """The assessments of Q_EVIDENCE's rows as the linker's own (kg.link.model.Assessment), and the parts each
    one is about (none: the whole ask)."""
    from kg.link.model import Assessment, Doc, StoredPassage

    found, about = {}, {}
    for r in rows:
        about.setdefault(r["a"], set()).update([r["part"]] if r.get("part") else [])
        if r["a"] in found:
            continue
        text, quote = r["text"], r["quote"]
        prefix = r.get("prefix") or ""
        at = text.find(prefix + quote)
        start = at + len(prefix) if prefix and at >= 0 else max(text.find(quote), 0)
        doc = Doc(iri="", kind=local_name(r.get("kind") or "") or "UnknownDocument", date=r.get("date") or "")
        found[r["a"]] = Assessment(rec="", passage=StoredPassage(r["p"], "", text), start=start, end=start + len(quote),
                                   status=local_name(r["status"]), doc=doc, cue=r.get("cue") or "", node=r["a"],
                                   how=local_name(r.get("how") or "") or "ChangeWords",
                                   confidence=float(r.get("conf") or 0.0))
    return list(found.values()), about


# The asks a verdict on a piece of their evidence or on one of their parts bears on.
Q_TOUCHED = """
SELECT DISTINCT ?rec ?target ?what WHERE {
  GRAPH ?g { ?v a ikg:AnalystVerdict ; ikg:verdictOn ?target } FILTER(?g = <%s>)
  { ?rec ikg:hasAssessment ?target BIND("evidence" AS ?what) } UNION { ?rec ikg:hasPart ?target BIND("part" AS ?what) }
} ORDER BY ?rec ?target
""" % GRAPH



def rulings(verdicts: dict[str, dict], evidence, parts) -> tuple[set[str], dict[str, str]]:
    """Of the verdicts in force: the pieces of ``evidence`` rejected, and the status each of ``parts`` an
    analyst ruled on is held to (a status word, by part IRI)."""
    rejected = {t for t in evidence if verdicts.get(t) and verdicts[t]["action"] == "reject"}
    ruled = {t: verdicts[t]["status"] for t in parts if verdicts.get(t) and verdicts[t]["status"]}
    return rejected, ruled


def rereadings(source, endpoint: str | None = None, verdicts: dict[str, dict] | None = None) -> dict[str, Reading]:
    """Each ask that a verdict on a piece of its evidence or on one of its parts bears on, read again without
    the rejected evidence and with the ruled parts as ruled (``reread``), by its IRI."""
    from kg.status import _select

    verdicts = in_force(source, endpoint) if verdicts is None else verdicts
    touched: dict[str, dict[str, list[str]]] = {}
    for r in _select(Q_TOUCHED, source, endpoint):
        touched.setdefault(r["rec"], {"evidence": [], "part": []})[r["what"]].append(r["target"])
    for r in _select(Q_FOLLOWED, source, endpoint):  # and those whose evidence a rebuild renamed
        touched.setdefault(r["rec"], {"evidence": [], "part": []})["evidence"].append(r["now"])
    out = {}
    for rec, targets in touched.items():
        rejected, ruled = rulings(verdicts, targets["evidence"], targets["part"])
        if rejected or ruled:
            out[rec] = reread(source, endpoint, rec, rejected, ruled)
    return out
