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
        status = verdict_status(store, v)
        if status:
            quads.append(ox.Quad(node, ox.NamedNode(IKG + "verdictStatus"), ox.NamedNode(IKG + status), g))
        for old in list(store.quads_for_pattern(None, ox.NamedNode(IKG + "verdictOn"), target, g)):
            store.remove(old)  # no longer in force; kept as what the new one revises
            quads.append(ox.Quad(node, ox.NamedNode(PROV + "wasRevisionOf"), old.subject, g))
        store.extend(quads)
        out.append(node.value)
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
    return min(found, default=IKG + "Unknown").rsplit("#", 1)[-1]


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


def in_force(source, endpoint: str | None = None, targets: set[str] | None = None) -> dict[str, dict]:
    """The verdict in force on each judged thing, by its IRI (of those in ``targets``, when given)."""
    from kg.status import STATUS_WORDS, _select
    from kg.vocab import local_name

    out = {}
    for r in _select(Q_IN_FORCE, source, endpoint):
        if targets is not None and r["target"] not in targets:
            continue
        out[r["target"]] = {  # ordered by time: the latest stays
            "verdict": r["v"], "action": r["action"], "note": r["note"], "by": r.get("by") or "",
            "when": r["when"], "status": STATUS_WORDS.get(local_name(r.get("vstatus") or ""), None),
        }
    return out
