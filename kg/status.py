"""Answer "was this recommendation closed?" from the graph: the status, and the dated evidence for it.

``find_status`` picks one recommendation (by IRI, or by authority, year and words about it) and returns
the contract's JSON shape; ``answer_text`` says it in plain words first, then the evidence trail.
"""

from __future__ import annotations

import re

from kg.errors import InputError

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
SELECT ?text ?insp ?start ?end ?auth ?label ?num ?status ?source ?due ?timescale ?overdue ?recon ?chain WHERE {
  ?insp ikg:hasRecommendation ?rec ; ikg:inspectedAuthority ?auth .
  ?rec ikg:text ?text .
  OPTIONAL { ?insp ikg:startDate ?start } OPTIONAL { ?insp ikg:endDate ?end }
  OPTIONAL { ?auth rdfs:label ?label } OPTIONAL { ?rec ikg:number ?num }
  OPTIONAL { ?rec ikg:currentStatus ?status } OPTIONAL { ?rec ikg:currentStatusSource ?source }
  OPTIONAL { ?rec ikg:dueDate ?due } OPTIONAL { ?rec ikg:timescale ?timescale }
  OPTIONAL { ?rec ikg:overdue ?overdue } OPTIONAL { ?rec ikg:reconstructed ?recon }
  OPTIONAL { ?rec ikg:chainLength ?chain }
} ORDER BY ?start ?end ?label ?status
"""

Q_ASSESSMENTS = """
SELECT ?a ?date ?status ?quote ?source ?doc ?file ?para ?contra ?how ?conf WHERE {
  ?rec ikg:hasAssessment ?a .
  ?a ikg:status ?status ; ikg:quote ?quote ; ikg:evidenceSource ?source ; prov:wasDerivedFrom ?p .
  OPTIONAL { ?a ikg:assessedOn ?date }
  OPTIONAL { ?a ikg:assessedIn ?doc OPTIONAL { ?doc ikg:sourceFile ?file } }
  OPTIONAL { ?p ikg:paragraphNumber ?para }
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


# How each assessment was found (ikg:EvidenceMethodScheme), in the words of the answer.
FOUND_BY_WORDS = {
    "ExplicitReference": "explicit reference", "RepeatedAsk": "repeated ask", "ChangeWords": "change words",
    "DescribedState": "described state",
    "Doubt": "a deficit that may be on the same topic (keeps the document from closing it)",
}


def _select(text: str, source, endpoint: str | None, params: dict[str, str] | None = None) -> list[dict]:
    from kg.query import select

    return select(text, store=None if endpoint else source, endpoint=endpoint, params=params)


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def _matches_authority(row: dict, authority: str) -> bool:
    from kg.iris import authority_slug

    want = authority_slug(authority)
    return want == row["auth"].rsplit("/", 1)[-1] or want == authority_slug(row.get("label") or "")


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
        out.append({"recommendation": r["rec"], "authority": r.get("label") or r["auth"].rsplit("/", 1)[-1],
                    "inspection_date": r.get("start") or "", "number": num or None, "text": r["text"],
                    "pick": pick})
    return out


def tfidf_cosines(texts: list[str], query: str) -> list[float]:
    """Cosine of the query with each text, TF-IDF as the linker weighs it (stemmed words and pairs, smoothed
    idf, sublinear tf), in plain Python: a handful of candidates does not need scikit-learn's start-up.

    >>> [round(x, 2) for x in tfidf_cosines(["access to records", "health assessments"], "records access")]
    [0.54, 0.0]
    """
    import math
    from collections import Counter

    from kg.link import _analyzer

    docs = [Counter(_analyzer(t)) for t in texts + [query]]
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
                number: str | None = None) -> dict:
    """The status of one recommendation and the dated evidence for it (the contract's JSON shape), with the
    other recommendations --about matched less well (``other_matches``)."""
    src = store_path_or_store
    rec, others = (iri, []) if iri else choose(src, authority, year, about, endpoint, number)
    rows = _select(Q_ONE, src, endpoint, {"rec": rec})
    if not rows:
        raise InputError(f"status: {rec} is not a recommendation in the store")
    r = rows[0]
    status = STATUS_WORDS.get(_local(r.get("status") or ""), "unknown")
    assessments = []
    for a in _select(Q_ASSESSMENTS, src, endpoint, {"rec": rec}):
        if assessments and assessments[-1]["iri"] == a["a"]:
            continue
        assessments.append({
            "date": a.get("date") or "", "status": STATUS_WORDS.get(_local(a["status"]), "unknown"),
            "quote": a["quote"], "evidence": EVIDENCE_WORDS.get(_local(a["source"]), "self-report"),
            "document": a.get("file") or a.get("doc") or "", "paragraph": a.get("para") or "",
            "contradicted_by": a.get("contra") or None, "iri": a["a"],
            "found_by": FOUND_BY_WORDS.get(_local(a.get("how") or ""), None),
            "confidence": float(a["conf"]) if a.get("conf") else None,
        })
    assessments.sort(key=lambda a: (a["date"], a["document"], _natural(a["paragraph"]), a["iri"]))
    later = _select(Q_LATER, src, endpoint, {"rec": rec})
    return {
        "recommendation": rec,
        "authority": r.get("label") or r["auth"].rsplit("/", 1)[-1],
        "text": r["text"],
        "number": r.get("num") or None,
        "made": {"inspection": r["insp"], "date": r.get("end") or r.get("start") or ""},
        "closed": CLOSED_FLAG[status],
        "status": status,
        "status_source": "self-report" if _local(r.get("source") or "") == "SelfReport" else
        ("inspectorate" if assessments else None),
        "reconstructed": (r.get("recon") or "") == "true",
        "due_date": r.get("due") or None,
        "overdue": (r.get("overdue") or "") == "true",
        "assessments": assessments,
        "carried_forward_by": list(dict.fromkeys(x["later"] for x in later)),
        "carries_forward": [x["earlier"] for x in _select(Q_EARLIER, src, endpoint, {"rec": rec})],
        "later_versions": [{"recommendation": x["later"], "number": x.get("num") or None,
                            "made": x.get("start") or "",
                            "status": STATUS_WORDS.get(_local(x.get("status") or ""), "unknown")}
                           for x in later],
        "other_matches": others,
    }


_HEADLINE = {
    "open": "Not closed",
    "in-progress": "Not closed (in progress)",
    "closed": "Closed",
    "unknown": "Unknown",
}


def answer_text(result: dict) -> str:
    """Plain words first, then the dated evidence trail with quotes and where each stands.

    >>> print(answer_text({"recommendation": "x", "authority": "Barnet", "text": "Review the plan.",
    ...   "made": {"inspection": "i", "date": "2012-01-20"}, "closed": None, "status": "unknown",
    ...   "assessments": [], "carried_forward_by": []}))
    Unknown: the graph holds no later evidence about this recommendation, either way.
      Barnet, made 2012-01-20: "Review the plan."
      x
    """
    status = result["status"]
    made = result["made"]
    if status == "unknown":
        head = "Unknown: the graph holds no later evidence about this recommendation, either way."
    else:
        latest = result["assessments"][-1] if result["assessments"] else None
        by = "an inspectorate finding" if result.get("status_source") != "self-report" else \
            "the council's own report (no inspectorate finding yet)"
        head = f"{_HEADLINE[status]}: {status.replace('-', ' ')} according to {by}"
        if latest:
            head += f" of {latest['date']}" if latest["date"] else ""
        head += "."
    lines = [head]
    recon = " (reconstructed from what later documents say of it)" if result.get("reconstructed") else ""
    lines.append(f"  {result['authority']}, made {made['date'] or 'on an unknown date'}{recon}: \"{result['text']}\"")
    lines.append(f"  {result['recommendation']}")
    if result.get("overdue"):
        lines.append(f"  Overdue: due {result.get('due_date')} with no evidence that it was closed.")
    if result["assessments"]:
        lines.append("Evidence:")
        for a in result["assessments"]:
            where = a["document"] + (f", paragraph {a['paragraph']}" if a["paragraph"] else "")
            lines.append(f"  {a['date'] or '(undated)'}  {a['status']:<11} {a['evidence']:<12} {where}")
            lines.append(f"      \"{_short(a['quote'])}\"")
            if a.get("found_by"):
                sure = f", confidence {a['confidence']:.2f}" if a.get("confidence") is not None else ""
                lines.append(f"      found by {a['found_by']}{sure}")
            if a.get("contradicted_by"):
                lines.append(f"      contradicted by a later inspectorate finding: {a['contradicted_by']}")
    for v in result.get("later_versions", []):
        num = f" (number {v['number']})" if v.get("number") else ""
        lines.append(f"Carried forward by{num} {v['recommendation']}, made {v['made'] or '?'}; "
                     f"that one stands {v['status'].replace('-', ' ')}.")
    if not result.get("later_versions"):
        for later in result.get("carried_forward_by", []):
            lines.append(f"Carried forward by {later}.")
    if result.get("other_matches"):
        lines.append("The words also match, less well (add the options at the end to ask about one):")
        lines.extend(match_lines(result["other_matches"], limit=5))
    return "\n".join(lines)


def match_lines(matches: list[dict], limit: int = 10) -> list[str]:
    """One line per matched recommendation: council, date made, number, short text, how to pick it."""
    lines = [f"  {m['authority']}, inspected {m['inspection_date'] or '(undated)'}, no. {m['number'] or '-'}: "
             f"\"{_short(m['text'], 70)}\"  {m['pick']}" for m in matches[:limit]]
    if len(matches) > limit:
        lines.append(f"  and {len(matches) - limit} more: narrow with --authority, --year or more words")
    return lines


def _natural(text: str) -> tuple:
    """Sort key that puts paragraph "22" before "103"."""
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", text or ""))


def _short(text: str, limit: int = 400) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
