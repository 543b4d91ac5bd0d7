"""The recommendation tracker: every recommendation with its current status and latest evidence."""

from __future__ import annotations

from kg.status import STATUS_WORDS, _local, _matches_authority, _natural, _select

Q_TRACKER = """
SELECT ?rec ?auth ?label ?insp ?start ?end ?num ?text ?addressee ?addrLabel ?timescale ?due ?status WHERE {
  ?insp ikg:hasRecommendation ?rec ; ikg:inspectedAuthority ?auth .
  ?rec ikg:text ?text .
  OPTIONAL { ?auth rdfs:label ?label }
  OPTIONAL { ?insp ikg:startDate ?start } OPTIONAL { ?insp ikg:endDate ?end }
  OPTIONAL { ?rec ikg:number ?num }
  OPTIONAL { ?rec ikg:addressee ?addressee OPTIONAL { ?addressee rdfs:label ?addrLabel } }
  OPTIONAL { ?rec ikg:timescale ?timescale } OPTIONAL { ?rec ikg:dueDate ?due }
  OPTIONAL { ?rec ikg:currentStatus ?status }
} ORDER BY ?auth ?start ?rec
"""

Q_LATEST = """
SELECT ?rec ?date ?status ?quote ?source WHERE {
  ?rec ikg:hasAssessment ?a .
  ?a ikg:status ?status ; ikg:quote ?quote ; ikg:evidenceSource ?source .
  OPTIONAL { ?a ikg:assessedOn ?date }
} ORDER BY ?rec ?date ?a
"""

COLUMNS = ("recommendation", "authority", "inspection", "date", "number", "text", "addressee", "timescale",
           "due_date", "status", "latest_evidence")


def recommendations(store=None, authority: str | None = None, status: str | None = None,
                    endpoint: str | None = None) -> list[dict]:
    """One row per recommendation, ordered by authority, date and number."""
    want = status.lower().replace("_", "-").replace(" ", "-") if status else None
    latest: dict[str, dict] = {}
    for a in _select(Q_LATEST, store, endpoint):
        latest[a["rec"]] = a  # ordered by date: the last one stays
    rows: dict[str, dict] = {}
    for r in _select(Q_TRACKER, store, endpoint):
        if r["rec"] in rows or (authority and not _matches_authority(r, authority)):
            continue
        st = STATUS_WORDS.get(_local(r.get("status") or ""), "unknown")
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
        }
    return sorted(rows.values(), key=lambda x: (x["authority"], x["date"], _natural(x["number"]),
                                                x["recommendation"]))
