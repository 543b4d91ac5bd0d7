"""Answer "was this recommendation closed?" from the graph: the status, and the dated evidence for it.

``find_status`` picks one recommendation (by IRI, or by authority, year and words about it) and returns
the contract's JSON shape; ``answer_text`` says it in plain words first, then the evidence trail.
"""

from __future__ import annotations

import re

from kg.errors import InputError
from kg.viz.model import natural
from kg.vocab import local_name

STATUS_WORDS = {"Open": "open", "InProgress": "in-progress", "Closed": "closed", "Unknown": "unknown"}
CLOSED_FLAG = {"open": False, "in-progress": False, "closed": True, "unknown": None}
EVIDENCE_WORDS = {"InspectorateFinding": "inspectorate", "SelfReport": "self-report"}

Q_CANDIDATES = """
SELECT ?rec ?text ?insp ?start ?auth ?label ?num WHERE {
  ?insp ikg:hasRecommendation ?rec ; ikg:inspectedAuthority ?auth .
  ?rec ikg:text ?text .
  OPTIONAL { ?insp ikg:startDate ?start }
  OPTIONAL { ?auth rdfs:label ?label }
  OPTIONAL { ?rec ikg:number ?num }
} ORDER BY ?auth ?start ?rec
"""

Q_ONE = """
SELECT ?text ?insp ?start ?end ?ik ?auth ?label ?num ?status ?source ?due ?timescale ?overdue ?recon ?chain WHERE {
  ?insp ikg:hasRecommendation ?rec ; ikg:inspectedAuthority ?auth .
  ?rec ikg:text ?text .
  OPTIONAL { ?insp ikg:startDate ?start } OPTIONAL { ?insp ikg:endDate ?end }
  OPTIONAL { ?insp ikg:inspectionKind ?ik }
  OPTIONAL { ?auth rdfs:label ?label } OPTIONAL { ?rec ikg:number ?num }
  OPTIONAL { ?rec ikg:currentStatus ?status } OPTIONAL { ?rec ikg:currentStatusSource ?source }
  OPTIONAL { ?rec ikg:dueDate ?due } OPTIONAL { ?rec ikg:timescale ?timescale }
  OPTIONAL { ?rec ikg:overdue ?overdue } OPTIONAL { ?rec ikg:reconstructed ?recon }
  OPTIONAL { ?rec ikg:chainLength ?chain }
} ORDER BY ?start ?end ?label ?status
"""

Q_ASSESSMENTS = """
SELECT ?a ?date ?status ?quote ?source ?doc ?file ?para ?page ?contra ?how ?conf ?kind ?part WHERE {
  ?rec ikg:hasAssessment ?a .
  ?a ikg:status ?status ; ikg:quote ?quote ; ikg:evidenceSource ?source ; prov:wasDerivedFrom ?p .
  OPTIONAL { ?a ikg:assessedOn ?date }
  OPTIONAL { ?a ikg:assessedIn ?doc OPTIONAL { ?doc ikg:sourceFile ?file } OPTIONAL { ?doc ikg:documentKind ?kind } }
  OPTIONAL { ?a ikg:aboutPart ?part }
  OPTIONAL { ?p ikg:paragraphNumber ?para } OPTIONAL { ?p ikg:page ?page }
  OPTIONAL { ?a ikg:contradictedBy ?contra }
  OPTIONAL { ?a ikg:foundBy ?how } OPTIONAL { ?a ikg:confidence ?conf }
} ORDER BY ?date ?file ?para ?a
"""

Q_LATER = """
SELECT ?later ?status ?start ?num WHERE {
  ?later ikg:carriesForward ?rec .
  OPTIONAL { ?later ikg:currentStatus ?status }
  OPTIONAL { ?insp ikg:hasRecommendation ?later ; ikg:startDate ?start }
  OPTIONAL { ?later ikg:number ?num }
} ORDER BY ?start ?later
"""

Q_EARLIER = "SELECT ?earlier WHERE { ?rec ikg:carriesForward ?earlier } ORDER BY ?earlier"

Q_PARTS = """
SELECT ?part ?num ?text ?status WHERE {
  ?rec ikg:hasPart ?part . ?part ikg:text ?text ; ikg:number ?num . OPTIONAL { ?part ikg:partStatus ?status }
} ORDER BY ?num ?part
"""

# When the recommendation's inspection was, and when the document it was read from was published.
Q_PUBLISHED = """
SELECT ?pub WHERE { ?rec prov:wasDerivedFrom ?p . ?p ikg:inDocument ?d . ?d ikg:publicationDate ?pub } ORDER BY ?pub
"""

# The words of a document kind in the answer ("the 2024 focused visit's letter" reads as "the letter of ...").
DOCUMENT_KIND_WORDS = {"InspectionReport": "inspection report", "InspectionLetter": "inspection letter",
                       "CouncilReport": "council report", "Minutes": "minutes", "UnknownDocument": "document"}
# An inspectorate's document is named by the framework of the inspection it reports ("ILACS inspection
# report", "focused visit letter"); the framework's short name is the page's (kg.viz.SHORT_KINDS).
FRAMEWORK_NOUNS = {"InspectionReport": "inspection report", "InspectionLetter": "letter"}

# What each document an assessment is quoted from is: its kind, council, publication date, and the dates
# of the inspection it reports (a document without a publication date is dated by that inspection).
Q_DOCUMENTS = """
SELECT ?doc ?kind ?pub ?label ?ik ?start ?end WHERE {{
  {which}
  OPTIONAL {{ ?doc ikg:documentKind ?kind }} OPTIONAL {{ ?doc ikg:publicationDate ?pub }}
  OPTIONAL {{ ?doc ikg:aboutAuthority ?about . ?about rdfs:label ?label }}
  OPTIONAL {{ ?insp ikg:describedIn ?doc OPTIONAL {{ ?insp ikg:inspectionKind ?ik }}
             OPTIONAL {{ ?insp ikg:startDate ?start }} OPTIONAL {{ ?insp ikg:endDate ?end }} }}
}} ORDER BY ?doc ?start ?insp ?label"""
# How many carried-forward steps the answer follows: a chain longer than this is a loop or a mistake.
MAX_CHAIN = 10


# How each assessment was found (ikg:EvidenceMethodScheme), in the words of the answer.
# How a piece of evidence was found, in words (ikg:EvidenceMethodScheme); the first two name the ask itself.
FOUND_BY_WORDS = {
    "ExplicitReference": "explicit reference", "RepeatedAsk": "repeated ask", "ChangeWords": "change words",
    "DescribedState": "described state",
    "Doubt": "a deficit that may be on the same topic (keeps the document from closing it)",
}
STRONG_WORDS = (FOUND_BY_WORDS["ExplicitReference"], FOUND_BY_WORDS["RepeatedAsk"])


def _select(text: str, source, endpoint: str | None, params: dict[str, str] | None = None) -> list[dict]:
    from kg.query import select

    return select(text, store=None if endpoint else source, endpoint=endpoint, params=params)


def _matches_authority(row: dict, authority: str) -> bool:
    from kg.iris import authority_slug

    want = authority_slug(authority)
    return want == local_name(row["auth"]) or want == authority_slug(row.get("label") or "")


def _rank_about(rows: list[dict], about: str) -> list[dict]:
    """Rows ordered by how well their text matches the words: TF-IDF cosine, then shared keywords."""
    from kg.link import content_words

    scores = tfidf_cosines([r["text"] for r in rows], about)
    want = set(content_words(about))
    scored = []
    for r, score in zip(rows, scores):
        words = set(content_words(r["text"]))
        scored.append((score, len(want & words), r))
    scored = [s for s in scored if s[0] > 0 or s[1] > 0]
    scored.sort(key=lambda s: (-s[0], -s[1], s[2]["rec"]))
    return [{**r, "score": score} for score, _, r in scored]


# The best match to --about is answered alone only when it scores this many times the next one; closer
# than that, the words do not tell the recommendations apart and the person is asked to pick.
CLEARLY_BEST = 1.5


class SeveralMatch(InputError):
    """--about matches several recommendations about equally well: ``matches`` lists them, each with the
    options that pick it."""

    def __init__(self, message: str, matches: list[dict]):
        super().__init__(message)
        self.matches = matches


def _clearly_best(rows: list[dict]) -> bool:
    return len(rows) == 1 or rows[0]["score"] > 0 and rows[0]["score"] >= CLEARLY_BEST * rows[1]["score"]


def _matches(rows: list[dict]) -> list[dict]:
    """Each row as a match a person can pick: year, number, text, and the options that single it out (year
    and number when no other match shares them, else the IRI)."""
    def key(r):
        return ((r.get("start") or "")[:4], r.get("num") or "")

    count = {}
    for r in rows:
        count[key(r)] = count.get(key(r), 0) + 1
    out = []
    for r in rows:
        year, num = key(r)
        pick = f"--year {year} --number {num}" if year and num and count[key(r)] == 1 else r["rec"]
        out.append({"recommendation": r["rec"], "authority": r.get("label") or local_name(r["auth"]),
                    "inspection_date": r.get("start") or "", "number": num or None, "text": r["text"],
                    "pick": pick})
    return out


def documents(source, endpoint: str | None, which: str, params: dict[str, str] | None = None) -> dict[str, dict]:
    """What each document ``which`` binds to ?doc is, for naming it: its kind, council, publication date, and
    the framework and dates of the inspection it reports (the earliest, where it reports several)."""
    out: dict[str, dict] = {}
    for r in _select(Q_DOCUMENTS.format(which=which), source, endpoint, params):
        out.setdefault(r["doc"], {"kind": local_name(r.get("kind") or ""), "published": r.get("pub") or "",
                                  "authority": r.get("label") or "", "framework": local_name(r.get("ik") or ""),
                                  "inspection_start": r.get("start") or "", "inspection_end": r.get("end") or ""})
    return out


def document_name(doc: dict) -> str:
    """A document as a reader names it: its council, its kind (by the inspection's framework for an
    inspectorate's report or letter), and the date it was published (or, without one, the dates of the
    inspection it reports).

    >>> document_name({"kind": "InspectionReport", "framework": "ILACSStandardInspection", "authority": "Haringey",
    ...                "published": "2023-02-24"})
    "Haringey's ILACS inspection report published 2023-02-24"
    >>> document_name({"kind": "InspectionLetter", "framework": "FocusedVisit", "authority": "Barnsley",
    ...                "inspection_start": "2024-10-15", "inspection_end": "2024-10-16"})
    "Barnsley's focused visit letter on the inspection of 2024-10-15 to 2024-10-16"
    >>> document_name({"kind": "CouncilReport", "authority": "St Helens"})
    "St Helens' council report (undated)"
    """
    kind = doc.get("kind") or "UnknownDocument"
    reported = framework(doc.get("framework") or "") if kind in FRAMEWORK_NOUNS else ""
    what = f"{reported} {FRAMEWORK_NOUNS[kind]}" if reported else DOCUMENT_KIND_WORDS.get(kind, "document")
    name = f"{possessive(doc['authority'])} {what}" if doc.get("authority") else what
    if doc.get("published"):
        name += f" published {doc['published']}"
    elif doc.get("inspection_start") or doc.get("inspection_end"):
        name += f" on the inspection of {date_range(doc.get('inspection_start'), doc.get('inspection_end'))}"
    else:
        name += " (undated)"
    return name


def framework(kind: str) -> str:
    """An inspection kind (the local name of its concept) by its framework's short name, as written inside a
    sentence; empty for another or an unknown kind.

    >>> framework("ILACSStandardInspection"), framework("FocusedVisit"), framework("OtherInspection")
    ('ILACS', 'focused visit', '')
    """
    from kg.viz import SHORT_KINDS

    name = SHORT_KINDS.get(kind, "") if kind != "OtherInspection" else ""
    # "Focused visit" reads "focused visit" inside a sentence; "ILACS" and "SIF" keep their capitals.
    return name[0].lower() + name[1:] if name[1:2].islower() else name


def located(name: str, page: int | None, paragraph: str | None) -> str:
    """A document's name with the page and paragraph quoted.

    >>> located("Haringey's ILACS inspection report published 2023-02-24", 4, "12")
    "Haringey's ILACS inspection report published 2023-02-24, page 4, paragraph 12"
    """
    return ", ".join([name, *(w for w in (page and f"page {page}", paragraph and f"paragraph {paragraph}") if w)])


def possessive(name: str) -> str:
    """
    >>> possessive("Haringey"), possessive("St Helens")
    ("Haringey's", "St Helens'")
    """
    return name + ("'" if name.endswith("s") else "'s")


def date_range(start: str | None, end: str | None) -> str:
    """An inspection's dates as one range, the same wherever it is shown.

    >>> date_range("2014-05-20", "2014-06-11"), date_range("2012-06", None), date_range("", "")
    ('2014-05-20 to 2014-06-11', '2012-06', '')
    """
    if start and end and start != end:
        return f"{start} to {end}"
    return start or end or ""


def tfidf_cosines(texts: list[str], query: str) -> list[float]:
    """Cosine of the query with each text, TF-IDF as the linker weighs it (stemmed words and pairs, smoothed
    idf, sublinear tf), in plain Python: a handful of candidates does not need scikit-learn's start-up.

    >>> [round(x, 2) for x in tfidf_cosines(["access to records", "health assessments"], "records access")]
    [0.54, 0.0]
    """
    import math
    from collections import Counter

    from kg.link import analyzer

    docs = [Counter(analyzer(t)) for t in texts + [query]]
    df = Counter(term for d in docs for term in d)
    n = len(docs)

    def vector(d: Counter) -> dict[str, float]:
        v = {t: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[t])) + 1) for t, c in d.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {t: x / norm for t, x in v.items()}

    q = vector(docs[-1])
    return [round(sum(w * q.get(t, 0.0) for t, w in vector(d).items()), 3) for d in docs[:-1]]


def choose(source, authority: str | None = None, year: str | int | None = None, about: str | None = None,
           endpoint: str | None = None, number: str | None = None) -> tuple[str, list[dict]]:
    """The IRI of the one recommendation the options describe, and the other recommendations that --about
    also matches (less well); SeveralMatch when it matches several about equally well."""
    rows = []
    if authority:  # the council's own recommendations first; by label over all of them when its key differs
        from kg.iris import authority_iri

        rows = _select(Q_CANDIDATES, source, endpoint, {"auth": authority_iri(authority)})
    if not rows:
        rows = _select(Q_CANDIDATES, source, endpoint)
    if authority:
        rows = [r for r in rows if _matches_authority(r, authority)]
    if year:
        rows = [r for r in rows if (r.get("start") or "")[:4] == str(year)]
    if number:
        rows = [r for r in rows if (r.get("num") or "") == str(number)]
    rows = list({r["rec"]: r for r in rows}.values())
    what = ", ".join(f"{k} {v}" for k, v in (("authority", authority), ("year", year), ("number", number),
                                             ("about", about)) if v)
    if not rows:
        raise InputError(f"status: no recommendation matches {what or 'anything'} in the store")
    if about:
        rows = _rank_about(rows, about)
        if not rows:
            raise InputError(f"status: no recommendation matches {what}")
        if not _clearly_best(rows):
            raise SeveralMatch(f"status: {len(rows)} recommendations match {what} about equally well, so none "
                               "is answered; pick one with the options listed beside it", _matches(rows))
        return rows[0]["rec"], _matches(rows[1:])
    elif len(rows) > 1:
        raise InputError(f"status: {len(rows)} recommendations match {what or 'no filter'}; "
                         "give an IRI or narrow with --authority, --year, --number and --about")
    return rows[0]["rec"], []


def find_status(store_path_or_store=None, iri: str | None = None, authority: str | None = None,
                year: str | int | None = None, about: str | None = None, endpoint: str | None = None,
                number: str | None = None, follow: bool = True) -> dict:
    """The status of one recommendation and the dated evidence for it (the contract's JSON shape), with the
    other recommendations --about matched less well (``other_matches``)."""
    src = store_path_or_store
    rec, others = (iri, []) if iri else choose(src, authority, year, about, endpoint, number)
    rows = _select(Q_ONE, src, endpoint, {"rec": rec})
    if not rows:
        raise InputError(f"status: {rec} is not a recommendation in the store")
    r = rows[0]
    machine = STATUS_WORDS.get(local_name(r.get("status") or ""), "unknown")
    assessments = []
    for a in _select(Q_ASSESSMENTS, src, endpoint, {"rec": rec}):
        if assessments and assessments[-1]["iri"] == a["a"]:
            continue
        assessments.append({
            "date": a.get("date") or "", "status": STATUS_WORDS.get(local_name(a["status"]), "unknown"),
            "quote": a["quote"], "evidence": EVIDENCE_WORDS.get(local_name(a["source"]), "self-report"),
            "document": a.get("file") or a.get("doc") or "", "paragraph": a.get("para") or "",
            "contradicted_by": a.get("contra") or None, "iri": a["a"],
            "found_by": FOUND_BY_WORDS.get(local_name(a.get("how") or ""), None),
            "confidence": float(a["conf"]) if a.get("conf") else None,
            "document_kind": DOCUMENT_KIND_WORDS.get(local_name(a.get("kind") or ""), "document"),
            "document_iri": a.get("doc") or None, "page": int(a["page"]) if a.get("page") else None,
            "part": a.get("part") or None,
        })
    named = documents(src, endpoint, "?rec ikg:hasAssessment/ikg:assessedIn ?doc .", {"rec": rec})
    for a in assessments:
        doc = named.get(a["document_iri"], {})
        a["document_published"] = doc.get("published", "")
        a["document_name"] = document_name(doc) if doc else a["document"]
    assessments.sort(key=lambda a: (a["date"], a["document"], natural(a["paragraph"]), a["iri"]))
    later = _select(Q_LATER, src, endpoint, {"rec": rec})
    parts = [{"part": p["part"], "number": int(p["num"]), "text": p["text"],
              "status": STATUS_WORDS.get(local_name(p.get("status") or ""), "unknown")}
             for p in _select(Q_PARTS, src, endpoint, {"rec": rec})]
    parts = list({p["part"]: p for p in parts}.values())
    published = [x["pub"] for x in _select(Q_PUBLISHED, src, endpoint, {"rec": rec})]
    result = {
        "recommendation": rec,
        "authority": r.get("label") or local_name(r["auth"]),
        "text": r["text"],
        "number": r.get("num") or None,
        "made": {"inspection": r["insp"], "date": r.get("end") or r.get("start") or "",
                 "inspection_start": r.get("start") or None, "inspection_end": r.get("end") or None,
                 "inspection_kind": framework(local_name(r.get("ik") or "")) or None,
                 # A rebuilt ask was read from a later document, not from its inspection's report.
                 "report_published": published[0] if published and r.get("recon") != "true" else None},
        "closed": CLOSED_FLAG[machine],
        "status": machine,
        "machine_status": machine,
        "status_source": "self-report" if local_name(r.get("source") or "") == "SelfReport" else
        ("inspectorate" if assessments else None),
        "reconstructed": (r.get("recon") or "") == "true",
        "due_date": r.get("due") or None,
        "overdue": (r.get("overdue") or "") == "true",
        "assessments": assessments,
        "carried_forward_by": list(dict.fromkeys(x["later"] for x in later)),
        "carries_forward": [x["earlier"] for x in _select(Q_EARLIER, src, endpoint, {"rec": rec})],
        "later_versions": [{"recommendation": x["later"], "number": x.get("num") or None,
                            "made": x.get("start") or "",
                            "status": STATUS_WORDS.get(local_name(x.get("status") or ""), "unknown")}
                           for x in later],
        "other_matches": others,
        "parts": parts,
    }
    apply_verdicts(result, src, endpoint)
    result["chain"] = chain_of(result, src, endpoint) if follow else []
    return result


def apply_verdicts(result: dict, source, endpoint: str | None = None) -> None:
    """Put the analysts' verdicts in force before the machine's reading, keeping both: on the recommendation
    (its status), on each part, and on each piece of evidence (a rejected one is marked so). Where an analyst
    rejected a piece of the evidence or ruled on a part, the machine's rule is applied again to what is left
    (``status_reread``), and that reading stands unless a verdict on the ask itself holds a status."""
    from kg.verdicts import in_force, reread, rulings, standing

    targets = {result["recommendation"], *(p["part"] for p in result["parts"]),
               *(a["iri"] for a in result["assessments"])}
    verdicts = in_force(source, endpoint, targets)
    for a in result["assessments"]:
        a["verdict"] = verdicts.get(a["iri"])
        a["rejected"] = bool(a["verdict"] and a["verdict"]["action"] == "reject")
    rejected, ruled = rulings(verdicts, [a["iri"] for a in result["assessments"]], [p["part"] for p in result["parts"]])
    reading = reread(source, endpoint, result["recommendation"], rejected, ruled) if rejected or ruled else None
    result["status_reread"] = reading and reading.summary()
    for p in result["parts"]:
        p["machine_status"] = p["status"]
        p["verdict"] = verdicts.get(p["part"])
        p["status"], p["status_by"] = standing(p["status"], p["verdict"], reading and reading.parts.get(p["part"]))
    result["verdict"] = verdicts.get(result["recommendation"])
    result["status"], result["status_by"] = standing(result["machine_status"], result["verdict"],
                                                     reading and reading.status)
    result["closed"] = CLOSED_FLAG[result["status"]]


def chain_of(result: dict, source, endpoint: str | None = None) -> list[dict]:
    """The later asks that carried this one forward, each with where it stands now, following the chain
    to its newest link (the newest ask answers for the whole chain: the later inspection asked again)."""
    chain, seen = [], {result["recommendation"]}
    frontier = result.get("later_versions", [])
    while frontier and len(chain) < MAX_CHAIN:
        nxt = max(frontier, key=lambda v: (v.get("made") or "", v["recommendation"]))
        if nxt["recommendation"] in seen:
            break
        seen.add(nxt["recommendation"])
        later = find_status(source, iri=nxt["recommendation"], endpoint=endpoint, follow=False)
        chain.append({"recommendation": later["recommendation"], "number": later["number"],
                      "made": later["made"], "text": later["text"], "status": later["status"],
                      "verdict": later.get("verdict"), "latest_evidence": _latest(later["assessments"]),
                      "parts": [{"part": x["part"], "number": x["number"], "status": x["status"]}
                                for x in later.get("parts", [])]})
        frontier = later.get("later_versions", [])
    return chain


def _latest(assessments: list[dict]) -> dict | None:
    """The latest piece of evidence an analyst has not rejected; a doubt (a deficit that may be on the topic)
    is no evidence of its own, so it is never the one quoted."""
    kept = [a for a in assessments if not a.get("rejected") and a.get("found_by") != FOUND_BY_WORDS["Doubt"]]
    return kept[-1] if kept else None


_HEADLINE = {
    "open": "Not closed",
    "in-progress": "Not closed (in progress)",
    "closed": "Closed",
    "unknown": "Unknown",
}


def answer_text(result: dict, brief: bool = False) -> str:
    """Plain words first (where the ask stands now, across the chain of later asks that carried it forward,
    and whose word that is), then the parts, the dated evidence trail with quotes, and where each stands.
    ``brief`` keeps of the trail what a first look needs (the references to the ask, the asks repeating it and
    the latest piece) and says how much more the full answer holds.

    >>> print(answer_text({"recommendation": "x", "authority": "Barnet", "text": "Review the plan.",
    ...   "made": {"inspection": "i", "date": "2012-01-20"}, "closed": None, "status": "unknown",
    ...   "assessments": [], "carried_forward_by": []}))
    Unknown: the graph holds no later evidence about this recommendation, either way.
      Barnet, made at the inspection of 2012-01-20: "Review the plan."
      x
    """
    lines = [headline(result)]
    made = result["made"]
    recon = " (reconstructed from what later documents say of it)" if result.get("reconstructed") else ""
    lines.append(f"  {result['authority']}, made at {_made_words(made)}{recon}: \"{result['text']}\"")
    lines.append(f"  {result['recommendation']}")
    if result.get("overdue"):
        lines.append(f"  Overdue: due {result.get('due_date')} with no evidence that it was closed.")
    if result.get("verdict"):
        lines.append(f"  {_verdict_words(result['verdict'])}; the machine's reading: "
                     f"{words(result['machine_status'])}.")
    if result.get("status_reread"):
        reading = result["status_reread"]
        lines.append(f"  {reading['words'][:1].upper()}{reading['words'][1:]}: {words(reading['status'])}; "
                     f"its reading of all the evidence: {words(result['machine_status'])}.")
    if result.get("parts"):
        lines.append("Parts (the recommendation's status comes from theirs):")
        for p in result["parts"]:
            ruled = f" ({_verdict_words(p['verdict'])}; machine: {words(p['machine_status'])})" if p.get("verdict") \
                else f" (machine, of all the evidence: {words(p['machine_status'])})" \
                if p.get("status") != p.get("machine_status") else ""
            lines.append(f"  {p['number']}. {words(p['status']):<11} \"{_short(p['text'], 120)}\"{ruled}")
    numbers = {p["part"]: p["number"] for p in result.get("parts", [])}
    evidence = [a for a in result["assessments"] if a.get("found_by") != FOUND_BY_WORDS["Doubt"]]
    doubts = [a for a in result["assessments"] if a.get("found_by") == FOUND_BY_WORDS["Doubt"]]
    shown = [a for k, a in enumerate(evidence) if k == len(evidence) - 1 or a.get("found_by") in STRONG_WORDS] \
        if brief else evidence
    if shown:
        lines.append("Evidence, oldest first:")
        for a in shown:
            lines.extend(_evidence_lines(a, numbers))
    if brief and (len(shown) < len(evidence) or doubts):
        more, doubted = len(evidence) - len(shown), len(doubts)
        lines.append(f"  ... and {more} more piece{'s' * (more != 1)} of evidence and {doubted} "
                     f"doubt{'s' * (doubted != 1)}: the kg status command shows them all.")
        doubts = []
    if doubts:  # no evidence of their own: they only keep a document from closing the ask
        lines.append("Doubts, no evidence of their own (a deficit perhaps on the same topic keeps a document from "
                     "closing the ask):")
        for a in doubts:
            lines.append(f"  {_named(a)}: \"{_short(a['quote'], 160)}\"")
            if a.get("verdict"):
                lines.append(f"      {_verdict_words(a['verdict'])}")
    for v in result.get("chain") or result.get("later_versions", []):
        num = f"number {v['number']} of " if v.get("number") else ""
        made = v["made"] if isinstance(v.get("made"), dict) else {"inspection_start": v.get("made")}
        lines.append(f"Asked again as {num}{_made_words(made)}, which stands {words(v['status'])}: "
                     f"{v['recommendation']}")
    if not result.get("later_versions") and not result.get("chain"):
        for later in result.get("carried_forward_by", []):
            lines.append(f"Carried forward by {later}.")
    if result.get("other_matches"):
        lines.append("The words also match, less well (add the options at the end to ask about one):")
        lines.extend(match_lines(result["other_matches"], limit=5))
    return "\n".join(lines)


def _evidence_lines(a: dict, numbers: dict) -> list[str]:
    """One piece of evidence: its status, whose word, the document and place; the quote; how it was found."""
    lines = [f"  {words(a['status']):<11} {EVIDENCE_TEXT[a['evidence']]}: {_named(a)}",
             f"      \"{_short(a['quote'])}\""]
    about = f", on part {numbers[a['part']]}" if a.get("part") in numbers else ""
    if a.get("found_by"):
        sure = f", confidence {a['confidence']:.2f}" if a.get("confidence") is not None else ""
        lines.append(f"      found by {a['found_by']}{sure}{about}")
    if a.get("verdict"):
        lines.append(f"      {_verdict_words(a['verdict'])}")
    if a.get("contradicted_by"):
        lines.append(f"      contradicted by a later inspectorate finding: {a['contradicted_by']}")
    return lines


def headline(result: dict) -> str:
    """Where the ask stands now, in one sentence or two. An ask that later inspections asked again answers
    for the whole chain: the newest ask's standing, saying what carried it forward."""
    chain = result.get("chain") or []
    status = result["status"]
    ruled = result.get("status_by") in ("analyst", "reread")
    if ruled:  # a person's word on this ask (or on its evidence or parts) comes first
        head = f"{_HEADLINE[status]}: {words(status)} by {_verdict_words(result['verdict'])}" \
            if result["status_by"] == "analyst" else \
            f"{_HEADLINE[status]}: {words(status)} by {result['status_reread']['words']}"
        if chain:
            head += f". Later asked again; the newest ask stands {words(chain[-1]['status'])}"
        return head + "."
    if chain:
        now = chain[-1]
        steps = "; ".join(f"the {_year(v['made'])} inspection asked again" + (f" ({_number(v['number'])})"
                                                                            if v.get("number") else "")
                          for v in chain)
        head = f"{_HEADLINE[now['status']]}. {steps[:1].upper() + steps[1:]}"
        latest = now.get("latest_evidence")
        if latest:
            numbers = {x["part"]: x["number"] for x in now.get("parts", [])}
            it = f"part {numbers[latest['part']]}" if latest.get("part") in numbers else "it"
            head += f"; {_named(latest, where=False)} reads {it} {words(latest['status'])}: " \
                    f"\"{_short(latest['quote'], 160)}\""
        if now.get("verdict"):
            head += f" ({_verdict_words(now['verdict'])})"
        if now.get("parts"):  # a compound ask stands where its parts do, which one quote may not show
            head += ". Its parts stand: " + ", ".join(f"{x['number']} {words(x['status'])}" for x in now["parts"])
        return head + "."
    if status == "unknown":
        return "Unknown: the graph holds no later evidence about this recommendation, either way."
    latest = _latest(result["assessments"])
    by = "an inspectorate finding" if result.get("status_source") != "self-report" else \
        "the council's own report (no inspectorate finding yet)"
    head = f"{_HEADLINE[status]}: {words(status)} according to {by}"
    if latest:
        head += f" in {_named(latest, where=False)}"
    return head + "."


def words(status: str) -> str:
    """A status as people write it ("in progress"); the JSON keeps the contract's "in-progress"."""
    return status.replace("-", " ")


# Whose word a piece of evidence is, in the answer's words.
EVIDENCE_TEXT = {"inspectorate": "inspectorate finding", "self-report": "council's own report"}


def _named(a: dict, where: bool = True) -> str:
    """The document an assessment is quoted from, as a reader names it, with the page and paragraph quoted
    when ``where``."""
    name = a.get("document_name") or a["document"]
    return located(name, a.get("page"), a.get("paragraph")) if where else name


def _made_words(made: dict) -> str:
    """The dates of the inspection that made an ask, each named for what it is."""
    kind = made.get("inspection_kind") or ""
    what = kind if kind.endswith("visit") else f"{kind} inspection".strip()  # "focused visit", "SIF inspection"
    when = date_range(made.get("inspection_start"), made.get("inspection_end")) or made.get("date")
    words = f"the {what} of {when or 'an unknown date'}"
    if made.get("report_published"):
        words += f" (report published {made['report_published']})"
    return words


def _verdict_words(v: dict) -> str:
    said = {"confirm": "confirmed", "reject": "rejected", "set": "set"}[v["action"]]
    status = f" as {words(v['status'])}" if v.get("status") and v["action"] != "reject" else ""
    return f"analyst's verdict: {said}{status} by {v['by'] or 'an analyst'} on {v['when'][:10]}: \"{_short(v['note'], 160)}\""


def _year(made) -> str:
    date = made.get("inspection_start") or made.get("date") if isinstance(made, dict) else made
    return (date or "")[:4] or "a later"


def _number(number: str) -> str:
    return number if not number.isdigit() else f"number {number}"


def match_lines(matches: list[dict], limit: int = 10) -> list[str]:
    """One line per matched recommendation: council, date made, number, short text, how to pick it."""
    lines = [f"  {m['authority']}, inspection began {m['inspection_date'] or '(undated)'}, no. {m['number'] or '-'}: "
             f"\"{_short(m['text'], 70)}\"  {m['pick']}" for m in matches[:limit]]
    if len(matches) > limit:
        lines.append(f"  and {len(matches) - limit} more: narrow with --authority, --year or more words")
    return lines


def _short(text: str, limit: int = 400) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
