"""The recommendation tracker: every recommendation with its current status and latest evidence."""

from __future__ import annotations

from kg.status import (EVIDENCE_WORDS, FOUND_BY_WORDS, STATUS_WORDS, _matches_authority, _select,
                       date_range, document_name, documents, located)
from kg.viz.model import natural
from kg.vocab import local_name

# Several plain queries, each joined to the authority's recommendations, instead of one query with an
# OPTIONAL per property: Oxigraph answers an OPTIONAL by scanning the whole property, and a triple repeated
# in several documents' graphs multiplies the rows of every OPTIONAL that follows it. With ?auth bound each
# of these queries only looks up that council's recommendations.
_CORE = "?insp ikg:inspectedAuthority ?auth ; ikg:hasRecommendation ?rec ."

Q_RECS = f"SELECT DISTINCT ?rec ?auth ?insp ?text WHERE {{ {_CORE} ?rec ikg:text ?text }}"
Q_LABELS = "SELECT DISTINCT ?auth ?label WHERE { ?insp ikg:inspectedAuthority ?auth . ?auth rdfs:label ?label }"
Q_DATES = f"""SELECT DISTINCT ?insp ?p ?o WHERE {{
  VALUES ?p {{ ikg:startDate ikg:endDate ikg:inspectionKind }} {_CORE} ?insp ?p ?o }}"""
Q_PROPS = f"""SELECT DISTINCT ?rec ?p ?o WHERE {{
  VALUES ?p {{ ikg:number ikg:addressee ikg:timescale ikg:dueDate ikg:currentStatus }} {_CORE} ?rec ?p ?o }}"""
Q_ADDRESSEES = f"SELECT DISTINCT ?o ?label WHERE {{ {_CORE} ?rec ikg:addressee ?o . ?o rdfs:label ?label }}"
Q_LATEST = f"""SELECT DISTINCT ?rec ?date ?status ?quote ?source ?a ?doc ?file ?page ?para ?how WHERE {{
  {_CORE} ?rec ikg:hasAssessment ?a .
  ?a ikg:status ?status ; ikg:quote ?quote ; ikg:evidenceSource ?source .
  OPTIONAL {{ ?a ikg:assessedOn ?date }} OPTIONAL {{ ?a ikg:foundBy ?how }}
  OPTIONAL {{ ?a ikg:assessedIn ?doc OPTIONAL {{ ?doc ikg:sourceFile ?file }} }}
  OPTIONAL {{ ?a prov:wasDerivedFrom ?p OPTIONAL {{ ?p ikg:page ?page }} OPTIONAL {{ ?p ikg:paragraphNumber ?para }} }}
}} ORDER BY ?rec ?date ?a"""

COLUMNS = ("recommendation", "authority", "inspection", "date", "number", "text", "addressee", "timescale",
           "due_date", "status", "latest_evidence", "status_by", "machine_status", "inspection_start",
           "inspection_end", "inspection_kind", "latest_evidence_document")
_PROPS = {"number": "num", "addressee": "addressee", "timescale": "timescale", "dueDate": "due",
          "currentStatus": "status", "startDate": "start", "endDate": "end", "inspectionKind": "kind"}


def _facts(store, endpoint: str | None, params: dict[str, str] | None) -> list[dict]:
    """One dict per recommendation (the keys the tracker reads), first value of each property by order."""
    recs = {}
    for r in sorted(_select(Q_RECS, store, endpoint, params), key=lambda r: (r["rec"], r["insp"], r["text"])):
        recs.setdefault(r["rec"], r)
    if not recs:
        return []
    labels, dates, props, names = {}, {}, {}, {}
    for r in sorted(_select(Q_LABELS, store, endpoint, params), key=lambda r: r["label"]):
        labels.setdefault(r["auth"], r["label"])
    for r in sorted(_select(Q_DATES, store, endpoint, params), key=lambda r: r["o"]):
        dates.setdefault((r["insp"], _PROPS[local_name(r["p"])]), r["o"])
    for r in sorted(_select(Q_PROPS, store, endpoint, params), key=lambda r: r["o"]):
        props.setdefault((r["rec"], _PROPS[local_name(r["p"])]), r["o"])
    for r in sorted(_select(Q_ADDRESSEES, store, endpoint, params), key=lambda r: r["label"]):
        names.setdefault(r["o"], r["label"])
    out = []
    for rec, r in recs.items():
        row = {"rec": rec, "auth": r["auth"], "insp": r["insp"], "text": r["text"], "label": labels.get(r["auth"])}
        row.update({k: dates.get((r["insp"], k)) for k in ("start", "end", "kind")})
        row.update({k: props.get((rec, k)) for k in ("num", "addressee", "timescale", "due", "status")})
        row["addrLabel"] = names.get(row["addressee"])
        out.append(row)
    return out


def recommendations(store=None, authority: str | None = None, status: str | None = None,
                    endpoint: str | None = None) -> list[dict]:
    """One row per recommendation, ordered by authority, date and number."""
    want = status.lower().replace("_", "-").replace(" ", "-") if status else None
    params = None
    if authority:  # the council's own key first; by label over all of them when its key differs
        from kg.iris import authority_iri

        params = {"auth": authority_iri(authority)}
        if not _select(Q_RECS.replace("SELECT DISTINCT", "SELECT") + " LIMIT 1", store, endpoint, params):
            params = None
    from kg.verdicts import in_force, rereadings, standing
    from kg.viz import SHORT_KINDS

    verdicts = in_force(store, endpoint)
    readings = rereadings(store, endpoint, verdicts)
    rejected = {t for t, v in verdicts.items() if v["action"] == "reject"}
    latest = latest_evidence(store, endpoint, params, rejected)
    rows: dict[str, dict] = {}
    for r in _facts(store, endpoint, params):
        if authority and not _matches_authority(r, authority):
            continue
        machine = STATUS_WORDS.get(local_name(r.get("status") or ""), "unknown")
        verdict, reading = verdicts.get(r["rec"]), readings.get(r["rec"])
        st, by = standing(machine, verdict, reading and reading.status)
        if want and st != want:
            continue
        ev = latest.get(r["rec"])
        rows[r["rec"]] = {
            "recommendation": r["rec"],
            "authority": r.get("label") or local_name(r["auth"]),
            "inspection": r["insp"],
            # The contract's one date: the last day of the inspection that made it (its first when only that
            # is known); inspection_start and inspection_end name both.
            "date": r.get("end") or r.get("start") or "",
            "inspection_start": r.get("start") or "",
            "inspection_end": r.get("end") or "",
            "inspection_kind": SHORT_KINDS.get(local_name(r.get("kind") or ""), ""),
            "number": r.get("num") or "",
            "text": r["text"],
            "addressee": r.get("addrLabel") or r.get("addressee") or "",
            "timescale": r.get("timescale") or "",
            "due_date": r.get("due") or "",
            "status": st,
            "latest_evidence": _evidence_line(ev) if ev else "",
            "latest_assessment": ev,
            "latest_evidence_document": located(ev["document_name"], ev["page"], ev["paragraph"]) if ev else "",
            "status_by": by,
            "machine_status": machine,
            "status_reread": reading and reading.summary(),
        }
    return sorted(rows.values(), key=lambda x: (x["authority"], x["date"], natural(x["number"]),
                                                x["recommendation"]))


def latest_evidence(store, endpoint: str | None, params: dict[str, str] | None,
                    rejected: set[str] = frozenset()) -> dict[str, dict]:
    """Each recommendation's latest piece of evidence (a doubt, which only keeps a document from closing an
    ask, is no evidence of its own, nor is a piece an analyst rejected), with the document it is quoted from
    named as a reader names it."""
    latest: dict[str, dict] = {}
    for a in _select(Q_LATEST, store, endpoint, params):
        if local_name(a.get("how") or "") != "Doubt" and a["a"] not in rejected:
            latest[a["rec"]] = a  # ordered by date: the last one stays
    which = "?doc ikg:aboutAuthority ?auth ." if params else "?doc a ikg:Document ."
    named = documents(store, endpoint, which, params)
    return {rec: {
        "date": a.get("date") or "",
        "status": STATUS_WORDS[local_name(a["status"])],
        "evidence": EVIDENCE_WORDS.get(local_name(a["source"]), "self-report"),
        "quote": a["quote"],
        "document": a.get("file") or a.get("doc") or "",
        "document_name": document_name(named[a["doc"]]) if a.get("doc") in named else (a.get("file") or ""),
        "page": int(a["page"]) if a.get("page") else None,
        "paragraph": a.get("para") or "",
        "found_by": FOUND_BY_WORDS.get(local_name(a.get("how") or "")),
        "iri": a["a"],
    } for rec, a in latest.items()}


def _evidence_line(ev: dict) -> str:
    """The contract's one-line latest evidence: date, whose word, status, quote."""
    return f"{ev['date'] or '(undated)'} {ev['evidence']}, {ev['status']}: {ev['quote']}"


def inspection_words(row: dict) -> str:
    """The inspection that made an ask, as the tracker shows it: its framework and its dates.

    >>> inspection_words({"inspection_kind": "SIF", "inspection_start": "2014-05-20", "inspection_end": "2014-06-11"})
    'SIF 2014-05-20 to 2014-06-11'
    """
    return " ".join(w for w in (row["inspection_kind"], date_range(row["inspection_start"], row["inspection_end"])) if w)
