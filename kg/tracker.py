"""The recommendation tracker: every recommendation with its current status and latest evidence."""

from __future__ import annotations

from kg.status import STATUS_WORDS, _local, _matches_authority, _natural, _select

# Several plain queries, each joined to the authority's recommendations, instead of one query with an
# OPTIONAL per property: Oxigraph answers an OPTIONAL by scanning the whole property, and a triple repeated
# in several documents' graphs multiplies the rows of every OPTIONAL that follows it. With ?auth bound each
# of these queries only looks up that council's recommendations.
_CORE = "?insp ikg:inspectedAuthority ?auth ; ikg:hasRecommendation ?rec ."

Q_RECS = f"SELECT DISTINCT ?rec ?auth ?insp ?text WHERE {{ {_CORE} ?rec ikg:text ?text }}"
Q_LABELS = "SELECT DISTINCT ?auth ?label WHERE { ?insp ikg:inspectedAuthority ?auth . ?auth rdfs:label ?label }"
Q_DATES = f"""SELECT DISTINCT ?insp ?p ?o WHERE {{
  VALUES ?p {{ ikg:startDate ikg:endDate }} {_CORE} ?insp ?p ?o }}"""
Q_PROPS = f"""SELECT DISTINCT ?rec ?p ?o WHERE {{
  VALUES ?p {{ ikg:number ikg:addressee ikg:timescale ikg:dueDate ikg:currentStatus }} {_CORE} ?rec ?p ?o }}"""
Q_ADDRESSEES = f"SELECT DISTINCT ?o ?label WHERE {{ {_CORE} ?rec ikg:addressee ?o . ?o rdfs:label ?label }}"
Q_LATEST = f"""SELECT DISTINCT ?rec ?date ?status ?quote ?source ?a WHERE {{
  {_CORE} ?rec ikg:hasAssessment ?a .
  ?a ikg:status ?status ; ikg:quote ?quote ; ikg:evidenceSource ?source .
  OPTIONAL {{ ?a ikg:assessedOn ?date }}
}} ORDER BY ?rec ?date ?a"""

COLUMNS = ("recommendation", "authority", "inspection", "date", "number", "text", "addressee", "timescale",
           "due_date", "status", "latest_evidence", "status_by", "machine_status")
_PROPS = {"number": "num", "addressee": "addressee", "timescale": "timescale", "dueDate": "due",
          "currentStatus": "status", "startDate": "start", "endDate": "end"}


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
        dates.setdefault((r["insp"], _PROPS[_local(r["p"])]), r["o"])
    for r in sorted(_select(Q_PROPS, store, endpoint, params), key=lambda r: r["o"]):
        props.setdefault((r["rec"], _PROPS[_local(r["p"])]), r["o"])
    for r in sorted(_select(Q_ADDRESSEES, store, endpoint, params), key=lambda r: r["label"]):
        names.setdefault(r["o"], r["label"])
    out = []
    for rec, r in recs.items():
        row = {"rec": rec, "auth": r["auth"], "insp": r["insp"], "text": r["text"], "label": labels.get(r["auth"])}
        row.update({k: dates.get((r["insp"], k)) for k in ("start", "end")})
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
    latest: dict[str, dict] = {}
    for a in _select(Q_LATEST, store, endpoint, params):
        latest[a["rec"]] = a  # ordered by date: the last one stays
    from kg.verdicts import in_force

    verdicts = in_force(store, endpoint)
    rows: dict[str, dict] = {}
    for r in _facts(store, endpoint, params):
        if authority and not _matches_authority(r, authority):
            continue
        machine = STATUS_WORDS.get(_local(r.get("status") or ""), "unknown")
        verdict = verdicts.get(r["rec"])
        st = verdict["status"] if verdict and verdict["status"] else machine
        if want and st != want:
            continue
        ev = latest.get(r["rec"])
        evidence = ""
        if ev:
            src = "inspectorate" if _local(ev["source"]) == "InspectorateFinding" else "self-report"
            evidence = f"{ev.get('date') or '(undated)'} {src}, {STATUS_WORDS[_local(ev['status'])]}: {ev['quote']}"
        rows[r["rec"]] = {
            "recommendation": r["rec"],
            "authority": r.get("label") or r["auth"].rsplit("/", 1)[-1],
            "inspection": r["insp"],
            "date": r.get("end") or r.get("start") or "",
            "number": r.get("num") or "",
            "text": r["text"],
            "addressee": r.get("addrLabel") or r.get("addressee") or "",
            "timescale": r.get("timescale") or "",
            "due_date": r.get("due") or "",
            "status": st,
            "latest_evidence": evidence,
            "status_by": "analyst" if verdict else "machine",
            "machine_status": machine,
        }
    return sorted(rows.values(), key=lambda x: (x["authority"], x["date"], _natural(x["number"]),
                                                x["recommendation"]))
