"""The page's model: per council, its inspections and its asks, each ask with its evidence trail and the
chain of asks it belongs to (networkx finds the chains), in plain dicts the page script reads as JSON.

Dates keep their names: an inspection's ``start`` and ``end`` (fieldwork), its report's ``published``
date, an ask's ``made`` date (the last day of the inspection that made it, or its first when only that is
known) and ``due`` date, and each piece of evidence's ``dated`` (the date of the document it is quoted from).
"""

from __future__ import annotations

import re
from datetime import date

from kg.viz.data import Facts, local
from kg.viz.titles import title

STATUS_WORDS = {"Open": "open", "InProgress": "in progress", "Closed": "closed", "Unknown": "no evidence yet"}
EVIDENCE_WORDS = {"InspectorateFinding": "inspectorate finding", "SelfReport": "council's own report"}
FOUND_BY_WORDS = {  # how the linker found that a sentence speaks of the ask (ikg:EvidenceMethodScheme)
    "ExplicitReference": "a reference to the earlier inspection or its ask",
    "RepeatedAsk": "a later inspection asking the same again",
    "ChangeWords": "words of change on the ask's topic",
    "DescribedState": "a description of the topic's state now",
    "Doubt": "a deficit that may be on the topic (no evidence of its own: it only keeps the document from "
             "closing the ask)",
}
SHORT_KINDS = {
    "SafeguardingLACInspection": "Safeguarding & LAC", "SIFInspection": "SIF", "ILACSStandardInspection": "ILACS",
    "ILACSShortInspection": "ILACS short", "FocusedVisit": "Focused visit", "MonitoringVisit": "Monitoring visit",
    "JTAI": "JTAI", "AreaSENDInspection": "Area SEND", "OtherInspection": "Inspection",
}


def parse_day(value: str) -> date | None:
    """An xsd:date or xsd:gYearMonth as a date (the first of the month when only the month is known).

    >>> parse_day("2012-06"), parse_day("2014-06-02"), parse_day("June")
    (datetime.date(2012, 6, 1), datetime.date(2014, 6, 2), None)
    """
    try:
        if len(value) == 7:
            return date(int(value[:4]), int(value[5:7]), 1)
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def natural(text: str) -> tuple:
    """Sort key putting "9" before "10" and "20.2" before "20.10"."""
    return tuple((0, int(t), "") if t.isdigit() else (1, 0, t) for t in re.split(r"(\d+)", text or "") if t)


def month(value: str) -> str:
    """
    >>> month("2014-06-25"), month("2012-06"), month("")
    ('Jun 2014', 'Jun 2012', '')
    """
    day = parse_day(value)
    return f"{day:%b %Y}" if day else value


def build(f: Facts) -> list[dict]:
    """One dict per council (ordered by name) holding its inspections and asks; councils with no dated
    inspection are left out (they have no lane)."""
    ids = Ids()
    councils = []
    inspections_of, asks_of, trail_of = owned(f.inspections), owned(f.asks), owned(f.assessments)
    for a, label in sorted(f.councils.items(), key=lambda kv: (kv[1].lower(), kv[0])):
        inspections = [inspection(f, i, ids) for i in inspections_of.get(a, [])]
        inspections = sorted((i for i in inspections if i["date"]), key=lambda i: (i["date"], i["iri"]))
        if not inspections:
            continue
        by_iri = {i["iri"]: i for i in inspections}
        asks = [ask(f, r, i, ids, trail_of.get(r, [])) for i in by_iri.values() for r in asks_of.get(i["iri"], [])]
        asks.sort(key=lambda x: (x["made"], by_iri_date(by_iri, x), natural(x["number"]), x["iri"]))
        link_chains(asks, f, ids)
        councils.append({"id": ids.of(a), "iri": a, "label": label, "inspections": inspections, "asks": asks,
                         "counts": status_counts(asks)})
    return councils


def owned(owner_of: dict[str, str]) -> dict[str, list[str]]:
    """Each owner's items, in a stable order."""
    out: dict[str, list[str]] = {}
    for item, owner in sorted(owner_of.items()):
        out.setdefault(owner, []).append(item)
    return out


def by_iri_date(by_iri: dict, x: dict) -> str:
    return by_iri[x["inspectionIri"]]["date"]


class Ids:
    """Short ids for the page's elements (the IRIs stay in the data, shown in the trail)."""

    def __init__(self):
        self.known: dict[str, str] = {}

    def of(self, iri: str) -> str:
        return self.known.setdefault(iri, f"n{len(self.known)}")


def inspection(f: Facts, i: str, ids: Ids) -> dict:
    kind = f.one(i, "inspectionKind")
    start, end = f.one(i, "startDate"), f.one(i, "endDate")
    docs = [document(f, d) for d in f.all(i, "describedIn")]
    published = min((d["published"] for d in docs if d["published"]), default="")
    judgements = sorted(f.judgements.get(i, []), key=lambda j: (j["aspect"], j["grade"]))
    overall = [j for j in judgements if "overall" in j["aspect"].lower()]
    worst = max(overall or judgements, key=lambda j: j["rank"], default=None)
    short = SHORT_KINDS.get(local(kind), "Inspection")
    return {"id": ids.of(i), "iri": i, "kind": short, "kindLabel": f.names.get(kind, short), "start": start,
            "end": end, "date": start or end, "published": published, "documents": docs,
            "title": f.one(i, "title"), "judgements": judgements,
            "grade": {"label": worst["grade"], "rank": worst["rank"], "aspect": worst["aspect"]} if worst else None,
            "label": f"{short} {month(start or end)}"}


def document(f: Facts, d: str) -> dict:
    return {"iri": d, "file": f.one(d, "sourceFile", local(d)), "published": f.one(d, "publicationDate"),
            "kind": local(f.one(d, "documentKind"))}


def ask(f: Facts, r: str, insp: dict, ids: Ids, assessments: list[str]) -> dict:
    machine = local(f.one(r, "currentStatus", "Unknown"))
    said, reading = verdict(f, r), f.readings.get(r)
    # An analyst's verdict that holds a status comes before the machine's reading done again without the
    # evidence analysts rejected (and with the parts as they ruled), which comes before the machine's; all shown.
    status = standing(machine, said, reading and reading.status)
    trail = [x for _, x in sorted(((s, assessment(f, s, ids)) for s in assessments),
                                  key=lambda p: (p[1]["dated"], p[1]["document"], natural(p[1]["paragraph"]), p[0]))]
    # A doubt is no evidence of its own, and a piece of evidence an analyst rejected is not the latest word.
    evidence = [s for s in trail if s["foundBy"] != "Doubt" and not s["rejected"]]
    addressees = [f.names.get(o, local(o)) for o in f.all(r, "addressee")]
    return {
        "id": ids.of(r), "iri": r, "inspection": insp["id"], "inspectionIri": insp["iri"],
        "title": title(f.one(r, "text")), "text": f.one(r, "text"), "number": f.one(r, "number"),
        "for": ", ".join(sorted(set(addressees))), "made": insp["end"] or insp["start"],
        "madeWhen": "ended" if insp["end"] else "started",
        "madeBy": insp["label"], "due": f.one(r, "dueDate"), "timescale": f.one(r, "timescale"),
        "overdue": f.one(r, "overdue") == "true", "reconstructed": f.one(r, "reconstructed") == "true",
        "status": status, "statusWords": STATUS_WORDS.get(status, status.lower()),
        "statusSource": EVIDENCE_WORDS.get(local(f.one(r, "currentStatusSource")), ""),
        "themes": sorted(f.names.get(t, local(t)) for t in f.all(r, "theme")),
        "source": passages(f, r), "assessments": trail, "latest": evidence[-1]["id"] if evidence else None,
        "verdict": said, "machineStatus": machine, "machineStatusWords": STATUS_WORDS.get(machine, machine.lower()),
        "reread": reading and {"status": concept(reading.status), "words": reading.summary()["words"]},
        "parts": parts(f, r, reading),
        "carriesForward": [], "carriedForwardBy": [], "chain": [],
    }


def concept(word: str) -> str:
    """A status word of the answers ("in-progress") as the page keys it (the concept's local name)."""
    return "".join(w.capitalize() for w in word.split("-"))


def standing(machine: str, said: dict | None, reading: str | None) -> str:
    """The status shown (a concept's local name): an analyst's verdict on it, else the machine's reading done
    again on what analysts left of the evidence, else the machine's."""
    return said["statusKey"] if said and said["statusKey"] else concept(reading) if reading else machine


def parts(f: Facts, r: str, reading) -> list[dict]:
    """A compound ask's parts in order, each with where it stands (an analyst's verdict first) and the
    machine's reading of it."""
    out = []
    for p in sorted((p for p, ask in f.parts.items() if ask == r), key=lambda p: natural(f.one(p, "number"))):
        machine, said = local(f.one(p, "partStatus", "Unknown")), verdict(f, p)
        status = standing(machine, said, reading and reading.parts.get(p))
        out.append({"iri": p, "number": f.one(p, "number"), "text": f.one(p, "text"), "status": status,
                    "statusWords": STATUS_WORDS.get(status, status.lower()), "verdict": said,
                    "machineStatus": machine, "machineStatusWords": STATUS_WORDS.get(machine, machine.lower())})
    return out


def verdict(f: Facts, target: str) -> dict | None:
    """The analyst's verdict in force on an ask or a piece of evidence: what it holds, who said it, when, why."""
    v = f.verdicts.get(target)
    if not v:
        return None
    key = local(v.get("vstatus", ""))
    return {"action": v["action"], "statusKey": key, "status": STATUS_WORDS.get(key, ""), "by": v.get("by", ""),
            "when": v["when"][:10], "note": v["note"]}


def assessment(f: Facts, s: str, ids: Ids) -> dict:
    where = passages(f, s)
    found = local(f.one(s, "foundBy"))
    status = local(f.one(s, "status", "Unknown"))
    conf = f.one(s, "confidence")
    return {"id": ids.of(s), "dated": f.one(s, "assessedOn"), "status": status, "quote": f.one(s, "quote"),
            "evidence": EVIDENCE_WORDS.get(local(f.one(s, "evidenceSource")), "evidence"),
            "document": where[0]["file"] if where else "", "paragraph": where[0]["paragraph"] if where else "",
            "foundBy": found,
            "confidence": round(float(conf), 2) if conf else None,
            "contradicted": bool(f.all(s, "contradictedBy")),
            "rejected": bool(f.verdicts.get(s)) and f.verdicts[s]["action"] == "reject",
            "parts": sorted(f.one(p, "number") for p in f.all(s, "aboutPart"))}


def passages(f: Facts, node: str) -> list[dict]:
    return [{"file": f.one(d, "sourceFile", local(d)), "paragraph": para} for d, para in f.passages.get(node, [])]


def link_chains(asks: list[dict], f: Facts, ids: Ids) -> None:
    """Each ask's carry-forward links both ways, and the chain it belongs to (every ask linked to it
    through carry-forwards, in date order)."""
    import networkx as nx

    by_iri = {x["iri"]: x for x in asks}
    g = nx.Graph()
    g.add_nodes_from(by_iri)
    for x in asks:
        for earlier in f.all(x["iri"], "carriesForward"):
            if earlier in by_iri:
                x["carriesForward"].append(by_iri[earlier]["id"])
                by_iri[earlier]["carriedForwardBy"].append(x["id"])
                g.add_edge(x["iri"], earlier)
    order = {x["iri"]: k for k, x in enumerate(asks)}
    for part in nx.connected_components(g):
        chain = [by_iri[i]["id"] for i in sorted(part, key=order.get)]
        for i in part:
            by_iri[i]["chain"] = chain


def status_counts(asks: list[dict]) -> dict[str, int]:
    counts = {s: 0 for s in STATUS_WORDS}
    for x in asks:
        counts[x["status"]] = counts.get(x["status"], 0) + 1
    return counts
