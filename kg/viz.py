"""The interactive HTML graph (`kg viz`): one self-contained page, drawn by vis-network through pyvis.

The view is read with one SPARQL CONSTRUCT, turned into a networkx graph (chain lengths and degrees come
from networkx), laid out as a timeline (a lane per authority, x by date, fixed positions so the page
settles at once) and handed to pyvis. The page inlines vis-network (kg/assets) and its own small script,
so it works with no network at all. Every piece of report text reaches the page HTML-escaped, or as
plain text, so a document can never inject markup or script.
"""

from __future__ import annotations

import html
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from pathlib import Path

from kg import iris
from kg.errors import InputError, QueryError, StoreError

ASSETS = Path(__file__).resolve().parent / "assets"
NODE_BUDGET = 1500
IKG = "https://w3id.org/inspection-kg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
TITLE = "http://purl.org/dc/terms/title"

RANK_COLOURS = {1: "#1a9850", 2: "#91cf60", 3: "#fc8d59", 4: "#d73027"}
RANK_NAMES = {1: "1 Outstanding", 2: "2 Good", 3: "3 Requires improvement / Adequate", 4: "4 Inadequate"}
STATUS_COLOURS = {"Open": "#d73027", "InProgress": "#f4a300", "Closed": "#1a9850", "Unknown": "#9e9e9e"}
KIND_STYLE = {  # kind -> (shape, colour, size)
    "authority": ("box", "#263238", 20),
    "inspection": ("diamond", "#3949ab", 16),
    "judgement": ("dot", "#888888", 9),
    "recommendation": ("dot", "#9e9e9e", 9),
    "recommendations": ("square", "#9e9e9e", 14),
    "assessment": ("square", "#9e9e9e", 6),
    "board": ("triangle", "#8e24aa", 12),
    "partner": ("triangleDown", "#00897b", 12),
}
EDGE_STYLE = {  # edge kind -> vis options
    "inspected": {"color": "#b0bec5", "width": 1},
    "timeline": {"color": "#90a4ae", "width": 2, "dashes": True, "arrows": "to"},
    "judged": {"color": "#cfd8dc", "width": 1},
    "recommended": {"color": "#cfd8dc", "width": 1},
    "carriesForward": {"color": "#e65100", "width": 3, "arrows": "to", "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.3}},
    "assessed": {"color": "#78909c", "width": 1.5, "arrows": "to"},
    "assessedIn": {"color": "#b0bec5", "width": 1, "dashes": [2, 4]},
    "board": {"color": "#ce93d8", "width": 1},
    "partner": {"color": "#80cbc4", "width": 1},
}
SHORT_KINDS = {
    "SafeguardingLACInspection": "Safeguarding & LAC", "SIFInspection": "SIF", "ILACSStandardInspection": "ILACS",
    "ILACSShortInspection": "ILACS short", "FocusedVisit": "Focused visit", "MonitoringVisit": "Monitoring visit",
    "JTAI": "JTAI", "AreaSENDInspection": "Area SEND", "OtherInspection": "Inspection",
}
PX_PER_DAY = 0.5
MIN_GAP = 60  # px between two distinct dates, so close inspections do not overlap
ROW = 32  # px between stacked nodes in a lane
COLUMN = 30  # px between the columns of one inspection's judgements or recommendations
JUDGEMENTS_PER_COLUMN = 6
RECOMMENDATIONS_PER_COLUMN = 12


@dataclass
class VizSummary:
    nodes: int
    edges: int
    aggregated: bool
    note: str = ""


# ---------------------------------------------------------------------------------------------- reading
#
# The default graph is the union of every document's graph, so a triple asserted in several documents
# comes back once per document: each part below is a SELECT DISTINCT inside a small CONSTRUCT, bound to
# the authorities in view by a VALUES block, so duplicates are dropped before any join multiplies them.
# OPTIONAL, not UNION, joins the properties of a node: Oxigraph evaluates a UNION branch on its own, so a
# branch that does not mention ?a would scan the whole store.
# Counts per authority come first (COUNTS); the aggregation is decided on them (plan) and only the detail
# the page will draw is then fetched: passage texts only for the nodes drawn (EVIDENCE).

PREFIXES = """PREFIX ikg: <https://w3id.org/inspection-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

# The councils the store holds documents or inspections of (the table of councils names every council).
HELD = "?a a ikg:Authority . FILTER EXISTS { { [] ikg:aboutAuthority ?a } UNION { [] ikg:inspectedAuthority ?a } }"

PARTS = {
    "authorities": """CONSTRUCT { ?a a ikg:Authority ; rdfs:label ?alabel . }
WHERE { SELECT DISTINCT ?a ?alabel WHERE { %(values)s %(held)s OPTIONAL { ?a rdfs:label ?alabel } } }""",
    "organisations": """CONSTRUCT { ?a ikg:hasBoard ?board ; ikg:hasPartner ?partner .
  ?board a ikg:Board ; rdfs:label ?blabel . ?partner a ikg:Partner ; rdfs:label ?plabel . }
WHERE { SELECT DISTINCT ?a ?board ?blabel ?partner ?plabel WHERE { %(values)s
  { ?a ikg:hasBoard ?board . OPTIONAL { ?board rdfs:label ?blabel } }
  UNION { ?a ikg:hasPartner ?partner . OPTIONAL { ?partner rdfs:label ?plabel } } } }""",
    "inspections": """CONSTRUCT { ?i a ikg:Inspection ; ikg:inspectedAuthority ?a ; ikg:startDate ?start ;
  ikg:inspectionKind ?kind ; dcterms:title ?ititle ; ikg:describedIn ?idoc . ?kind skos:prefLabel ?kindlabel . }
WHERE { SELECT DISTINCT ?a ?i ?start ?kind ?kindlabel ?ititle ?idoc WHERE { %(values)s
  ?i ikg:inspectedAuthority ?a ; ikg:startDate ?start .
  OPTIONAL { ?i ikg:inspectionKind ?kind . OPTIONAL { ?kind skos:prefLabel ?kindlabel } }
  OPTIONAL { ?i dcterms:title ?ititle } OPTIONAL { ?i ikg:describedIn ?idoc } } }""",
    "judgements": """CONSTRUCT { ?i ikg:hasJudgement ?j . ?j a ikg:Judgement ; ikg:aspect ?aspect ; ikg:grade ?grade .
  ?grade skos:prefLabel ?gradelabel ; ikg:rank ?rank . }
WHERE { SELECT DISTINCT ?i ?j ?aspect ?grade ?gradelabel ?rank WHERE { %(values)s
  ?i ikg:inspectedAuthority ?a ; ikg:hasJudgement ?j .
  OPTIONAL { ?j ikg:aspect ?aspect }
  OPTIONAL { ?j ikg:grade ?grade . OPTIONAL { ?grade skos:prefLabel ?gradelabel } OPTIONAL { ?grade ikg:rank ?rank } } } }""",
    # Only what a summary of each inspection's recommendations needs: status and carry-forward links.
    "recommendation-status": """CONSTRUCT { ?i ikg:hasRecommendation ?r . ?r a ikg:Recommendation ;
  ikg:currentStatus ?cstatus ; ikg:carriesForward ?earlier . }
WHERE { SELECT DISTINCT ?i ?r ?cstatus ?earlier WHERE { %(values)s
  ?i ikg:inspectedAuthority ?a ; ikg:hasRecommendation ?r .
  OPTIONAL { ?r ikg:currentStatus ?cstatus } OPTIONAL { ?r ikg:carriesForward ?earlier } } }""",
    "recommendation-text": """CONSTRUCT { ?r ikg:text ?rtext ; ikg:number ?rnum ; ikg:timescale ?rtime . }
WHERE { SELECT DISTINCT ?r ?rtext ?rnum ?rtime WHERE { %(values)s
  ?i ikg:inspectedAuthority ?a ; ikg:hasRecommendation ?r .
  OPTIONAL { ?r ikg:text ?rtext } OPTIONAL { ?r ikg:number ?rnum } OPTIONAL { ?r ikg:timescale ?rtime } } }""",
    "assessments": """CONSTRUCT { ?r ikg:hasAssessment ?s . ?s a ikg:StatusAssessment ; ikg:status ?status ;
  ikg:assessedOn ?on ; ikg:quote ?quote ; ikg:evidenceSource ?source ; prov:wasDerivedFrom ?ev .
  ?ev ikg:inDocument ?evdoc . }
WHERE { SELECT DISTINCT ?r ?s ?status ?on ?quote ?source ?ev ?evdoc WHERE { %(values)s
  ?i ikg:inspectedAuthority ?a ; ikg:hasRecommendation ?r . ?r ikg:hasAssessment ?s .
  OPTIONAL { ?s ikg:status ?status } OPTIONAL { ?s ikg:assessedOn ?on }
  OPTIONAL { ?s ikg:quote ?quote } OPTIONAL { ?s ikg:evidenceSource ?source }
  OPTIONAL { ?s prov:wasDerivedFrom ?ev . ?ev ikg:inDocument ?evdoc } } }""",
}

EVIDENCE = """CONSTRUCT { ?x prov:wasDerivedFrom ?ev . ?ev ikg:text ?evtext ; ikg:paragraphNumber ?para ;
  ikg:inDocument ?evdoc . ?evdoc ikg:sourceFile ?file . }
WHERE { SELECT DISTINCT ?x ?ev ?evtext ?para ?evdoc ?file WHERE { %(values)s
  ?x prov:wasDerivedFrom ?ev .
  OPTIONAL { ?ev ikg:text ?evtext } OPTIONAL { ?ev ikg:paragraphNumber ?para }
  OPTIONAL { ?ev ikg:inDocument ?evdoc . OPTIONAL { ?evdoc ikg:sourceFile ?file } } } }"""

# Per authority, how many nodes of each kind the full view would hold (and how many inspections have
# recommendations: the summaries they fold into).
COUNTS = """SELECT ?a ?what (COUNT(DISTINCT ?x) AS ?n) WHERE {
  { SELECT DISTINCT ?a WHERE { %(values)s %(held)s } }
  { ?a ikg:hasBoard|ikg:hasPartner ?x BIND("organisation" AS ?what) }
  UNION { ?x ikg:inspectedAuthority ?a ; ikg:startDate ?start BIND("inspection" AS ?what) }
  UNION { ?i ikg:inspectedAuthority ?a ; ikg:startDate ?start ; ikg:hasJudgement ?x BIND("judgement" AS ?what) }
  UNION { ?i ikg:inspectedAuthority ?a ; ikg:startDate ?start ; ikg:hasRecommendation ?x
          BIND("recommendation" AS ?what) }
  UNION { ?x ikg:inspectedAuthority ?a ; ikg:startDate ?start ; ikg:hasRecommendation ?r
          BIND("recommendations" AS ?what) }
  UNION { ?i ikg:inspectedAuthority ?a ; ikg:startDate ?start ; ikg:hasRecommendation ?r .
          ?r ikg:hasAssessment ?x BIND("assessment" AS ?what) }
} GROUP BY ?a ?what"""

AUTHORITIES = PREFIXES + """SELECT DISTINCT ?a ?label WHERE {
  %(match)s %(held)s OPTIONAL { ?a rdfs:label ?label } } ORDER BY ?a"""


class Source:
    """Where the triples come from: the embedded store (read-only) or a SPARQL endpoint."""

    def __init__(self, store_path: Path | None = None, endpoint: str | None = None):
        self.endpoint = endpoint
        self.store = None
        if endpoint is None:
            from kg.store import open_read

            self.store = open_read(store_path)

    def construct(self, query: str) -> list[tuple[str, str, str]]:
        if self.store is not None:
            try:
                triples = self.store.query(query, use_default_graph_as_union=True)
            except (SyntaxError, OSError) as e:
                raise QueryError(f"viz query: {e}") from None
            return [(_term(t.subject), _term(t.predicate), _term(t.object)) for t in triples]
        import pyoxigraph

        body = self._post(query, "application/n-triples")
        return [(_term(t.subject), _term(t.predicate), _term(t.object))
                for t in pyoxigraph.parse(body, format=pyoxigraph.RdfFormat.N_TRIPLES)]

    def select(self, query: str) -> list[dict[str, str]]:
        if self.store is not None:
            try:
                sols = self.store.query(query, use_default_graph_as_union=True)
            except (SyntaxError, OSError) as e:
                raise QueryError(f"viz query: {e}") from None
            names = [v.value for v in sols.variables]
            return [{n: _term(s[n]) for n in names if s[n] is not None} for s in sols]
        data = json.loads(self._post(query, "application/sparql-results+json"))
        return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]

    def _post(self, query: str, accept: str) -> bytes:
        req = urllib.request.Request(
            self.endpoint, data=urllib.parse.urlencode({"query": query}).encode(),
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            with urllib.request.urlopen(req, timeout=120) as resp:
                return resp.read()
        except (urllib.error.URLError, OSError) as e:
            raise StoreError(f"{self.endpoint}: endpoint did not answer the viz query ({e})") from None


def _term(t) -> str:
    if t is None:
        return ""
    if type(t).__name__ == "BlankNode":
        return "_:" + t.value
    return t.value


class Facts:
    """The constructed triples as subject -> predicate -> [values], with a few typed readers."""

    def __init__(self, triples=()):
        self.by_s: dict[str, dict[str, list[str]]] = {}
        self.add(triples)

    def add(self, triples) -> None:
        for s, p, o in triples:
            self.by_s.setdefault(s, {}).setdefault(p, []).append(o)
        for props in self.by_s.values():
            for p in props:
                props[p] = sorted(set(props[p]))

    def all(self, s: str, p: str) -> list[str]:
        return self.by_s.get(s, {}).get(p, [])

    def one(self, s: str, p: str, default: str = "") -> str:
        vals = self.all(s, p)
        return vals[0] if vals else default

    def of_type(self, cls: str) -> list[str]:
        return sorted(s for s, props in self.by_s.items() if cls in props.get(RDF_TYPE, []))


def values(var: str, iris_: list[str] | None) -> str:
    """A VALUES block binding ``var`` to these IRIs; no block (every value) for None.

    >>> values("a", ["https://x/1"])
    'VALUES ?a { <https://x/1> }'
    """
    if iris_ is None:
        return ""
    return f"VALUES ?{var} {{ " + " ".join(f"<{i}>" for i in iris_) + " }"


def _literal(text: str) -> str:
    """A SPARQL string literal of any text.

    >>> print(_literal('say "hi"'))
    "say \\"hi\\""
    """
    escapes = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r"}
    return '"' + "".join(escapes.get(c, c) for c in text if c in escapes or ord(c) >= 32) + '"'


def resolve_authority(source: Source, name: str) -> str:
    """The IRI of the authority a person named by IRI, slug or display name (a small query first; the
    list of every authority only when that finds nothing)."""
    by_key = [name] if name.startswith(("http://", "https://")) and not any(c in name for c in '<>" {}|\\^`') \
        else [iris.authority_iri(name)]
    rows = source.select(AUTHORITIES % {"match": values("a", by_key), "held": HELD})
    if not rows:
        rows = source.select(AUTHORITIES % {"match": f"?a rdfs:label ?l FILTER(STR(?l) = {_literal(name)})", "held": HELD})
    if rows:
        return rows[0]["a"]
    rows = source.select(AUTHORITIES % {"match": "", "held": HELD})
    key = iris.authority_slug(name)
    for row in rows:
        a = row["a"]
        if name in (a, row.get("label")) or a.rsplit("/", 1)[-1] == key:
            return a
    raise InputError(f"no authority matching {name!r} in the store (known: "
                     f"{', '.join(sorted({r.get('label', r['a']) for r in rows})) or 'none'})")


def focus_authority(source: Source, focus: str) -> str:
    q = ("PREFIX ikg: <https://w3id.org/inspection-kg/ontology#>\nSELECT ?a WHERE { ?i ikg:hasRecommendation "
         f"<{_check_iri(focus)}> ; ikg:inspectedAuthority ?a }} LIMIT 1")
    rows = source.select(q)
    if not rows:
        raise InputError(f"--focus {focus}: no recommendation with this IRI in the store")
    return rows[0]["a"]


def _check_iri(iri: str) -> str:
    if not iri.startswith(("http://", "https://", "urn:")) or any(c in iri for c in '<>"{}|\\^` \n'):
        raise InputError(f"--focus {iri!r}: not an IRI")
    return iri


ALL_PARTS = tuple(PARTS)


def parts_for(steps: list[str]) -> tuple[str, ...]:
    """The parts of the view worth fetching when these aggregation steps will run: folded recommendations
    need only their status, and hidden boards and partners nothing at all."""
    parts = list(ALL_PARTS)
    if "recommendations" in steps:
        parts = [p for p in parts if p not in ("recommendation-text", "assessments")]
    if "partners" in steps:
        parts.remove("organisations")
    return tuple(parts)


def read_facts(source: Source, authorities: list[str] | None, parts: tuple[str, ...] = ALL_PARTS) -> Facts:
    """The structure of the view (no passage text) for these authorities (None: all of them)."""
    block = values("a", authorities)
    facts = Facts()
    for part in parts:
        facts.add(source.construct(PREFIXES + PARTS[part] % {"values": block, "held": HELD}))
    return facts


def read_evidence(source: Source, nodes) -> Facts:
    """The passages of the nodes drawn, and nothing else."""
    named = sorted(n for n in nodes if not n.startswith("_:") and "#" not in n)
    facts = Facts()
    for k in range(0, len(named), 500):  # a few hundred IRIs a query keeps each request small
        facts.add(source.construct(PREFIXES + EVIDENCE % {"values": values("x", named[k:k + 500])}))
    return facts


def count_nodes(source: Source, authorities: list[str] | None) -> dict[str, dict[str, int]]:
    """Per authority, how many nodes of each kind the full view holds, without fetching any of them."""
    counts: dict[str, dict[str, int]] = {}
    for row in source.select(PREFIXES + COUNTS % {"values": values("a", authorities), "held": HELD}):
        counts.setdefault(row["a"], {})[row["what"]] = int(row["n"])
    q = PREFIXES + "SELECT DISTINCT ?a WHERE { %s %s }" % (values("a", authorities), HELD)
    for row in source.select(q):
        counts.setdefault(row["a"], {})
    return counts


@dataclass
class Plan:
    before: int  # nodes of the full view
    steps: list[str]  # aggregation steps to run, in order
    authorities: list[str] | None  # the authorities drawn (None: every one)


def _size(c: dict[str, int], steps: list[str]) -> int:
    n = 1 + c.get("inspection", 0)
    n += 0 if "partners" in steps else c.get("organisation", 0)
    n += 0 if "judgements" in steps else c.get("judgement", 0)
    if "recommendations" in steps:
        return n + c.get("recommendations", 0)
    return n + c.get("recommendation", 0) + (0 if "assessments" in steps else c.get("assessment", 0))


def plan(counts: dict[str, dict[str, int]], budget: int) -> Plan:
    """Which steps of AGGREGATION bring the view within the budget, and which authorities then fit:
    the same decisions ``aggregate`` takes on the drawn graph, taken on counts alone."""
    steps: list[str] = []
    before = sum(_size(c, steps) for c in counts.values())
    for step, _note in AGGREGATION:
        if sum(_size(c, steps) for c in counts.values()) <= budget:
            return Plan(before, steps, None)
        steps.append(step)
    if sum(_size(c, steps) for c in counts.values()) <= budget:
        return Plan(before, steps, None)
    order = sorted(counts, key=lambda a: (-counts[a].get("inspection", 0), a))
    kept, total = [], 0
    for a in order:
        if total + _size(counts[a], steps) > budget and kept:
            break
        kept.append(a)
        total += _size(counts[a], steps)
    return Plan(before, steps, kept)


# ---------------------------------------------------------------------------------------- the nx graph

def local(iri: str) -> str:
    """The local name of an IRI.

    >>> local("https://w3id.org/inspection-kg/ontology#InProgress")
    'InProgress'
    """
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


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


def build_graph(f: Facts):
    """The view as a networkx DiGraph: node attributes say kind, label, date, authority and text."""
    import networkx as nx

    g = nx.DiGraph()
    for a in f.of_type(IKG + "Authority"):
        g.add_node(a, kind="authority", label=f.one(a, RDFS_LABEL, local(a)), authority=a)
        for kind, prop in (("board", "hasBoard"), ("partner", "hasPartner")):
            for o in f.all(a, IKG + prop):
                g.add_node(o, kind=kind, label=f.one(o, RDFS_LABEL, local(o)), authority=a)
                g.add_edge(a, o, kind=kind)
    docs_to_inspection: dict[str, str] = {}
    for i in f.of_type(IKG + "Inspection"):
        a = f.one(i, IKG + "inspectedAuthority")
        day = parse_day(f.one(i, IKG + "startDate"))
        if a not in g or day is None:
            continue
        kind = f.one(i, IKG + "inspectionKind")
        kind_label = f.one(kind, SKOS_LABEL, local(kind) or "Inspection")
        g.add_node(i, kind="inspection", label=f"{SHORT_KINDS.get(local(kind), 'Inspection')}\n{day:%b %Y}", authority=a, day=day,
                   kind_label=kind_label, title_text=f.one(i, TITLE))
        for d in f.all(i, IKG + "describedIn"):
            docs_to_inspection.setdefault(d, i)
        for j in f.all(i, IKG + "hasJudgement"):
            grade = f.one(j, IKG + "grade")
            rank = f.one(grade, IKG + "rank")
            g.add_node(j, kind="judgement", authority=a, day=day, aspect=f.one(j, IKG + "aspect"),
                       grade=f.one(grade, SKOS_LABEL, local(grade)), rank=int(rank) if rank else 0)
            g.add_edge(i, j, kind="judged")
        for r in f.all(i, IKG + "hasRecommendation"):
            number = f.one(r, IKG + "number")
            g.add_node(r, kind="recommendation", authority=a, day=day, number=number,
                       text=f.one(r, IKG + "text"), timescale=f.one(r, IKG + "timescale"),
                       status=local(f.one(r, IKG + "currentStatus", IKG + "Unknown")))
            g.add_edge(i, r, kind="recommended")
    for r, attrs in list(g.nodes(data=True)):
        if attrs["kind"] != "recommendation":
            continue
        for earlier in f.all(r, IKG + "carriesForward"):
            if earlier in g:
                g.add_edge(r, earlier, kind="carriesForward")
        for s in f.all(r, IKG + "hasAssessment"):
            add_assessment(g, f, r, s, docs_to_inspection)
    add_timelines(g)
    add_measures(g)
    return g


def add_assessment(g, f: Facts, r: str, s: str, docs_to_inspection: dict[str, str]) -> None:
    day = parse_day(f.one(s, IKG + "assessedOn")) or g.nodes[r]["day"]
    g.add_node(s, kind="assessment", authority=g.nodes[r]["authority"], day=day,
               status=local(f.one(s, IKG + "status", IKG + "Unknown")), quote=f.one(s, IKG + "quote"),
               source=local(f.one(s, IKG + "evidenceSource")))
    g.add_edge(r, s, kind="assessed")
    # The assessment's passage sits in a later document; the inspection that document describes.
    for ev in f.all(s, DERIVED):
        later = docs_to_inspection.get(f.one(ev, IKG + "inDocument"))
        if later and later in g and later != _inspection_of(g, r):
            g.add_edge(s, later, kind="assessedIn")


def _inspection_of(g, node: str) -> str | None:
    for p in g.predecessors(node):
        if g.nodes[p]["kind"] == "inspection":
            return p
    return None


def add_timelines(g) -> None:
    """Consecutive inspections of one authority, linked in date order (the lane's spine), starting at the
    authority itself."""
    lanes: dict[str, list[tuple[date, str]]] = {}
    for n, attrs in g.nodes(data=True):
        if attrs["kind"] == "inspection":
            lanes.setdefault(attrs["authority"], []).append((attrs["day"], n))
    for a, items in lanes.items():
        items.sort()
        if a in g:  # the authority starts its lane; the other inspections hang off the spine
            g.add_edge(a, items[0][1], kind="inspected")
        for (_, a), (_, b) in pairwise(items):
            g.add_edge(a, b, kind="timeline")


def add_evidence(g, f: Facts) -> None:
    """Each node's passages: document file name, paragraph and words (summaries have none of their own)."""
    for n in g.nodes:
        if g.nodes[n]["kind"] == "recommendations":
            continue
        ev = []
        for p in f.all(n, DERIVED):
            doc = f.one(p, IKG + "inDocument")
            ev.append({"file": f.one(doc, IKG + "sourceFile", doc), "paragraph": f.one(p, IKG + "paragraphNumber"),
                       "text": f.one(p, IKG + "text")})
        g.nodes[n]["evidence"] = ev


def chain_lengths(g) -> dict[str, int]:
    """Recommendations in the carry-forward chain ending at each recommendation, itself included."""
    import networkx as nx

    cf = nx.DiGraph((u, v) for u, v, k in g.edges(data="kind") if k == "carriesForward")
    cf.add_nodes_from(n for n, k in g.nodes(data="kind") if k == "recommendation")
    if not nx.is_directed_acyclic_graph(cf):  # a linker cycle: count the whole chain
        return {n: len(nx.node_connected_component(cf.to_undirected(), n)) for n in cf}
    out: dict[str, int] = {}
    for n in reversed(list(nx.topological_sort(cf))):
        out[n] = 1 + max((out[m] for m in cf.successors(n)), default=0)
    # The chain a recommendation belongs to runs both ways: take the longest through it.
    back: dict[str, int] = {}
    for n in nx.topological_sort(cf):
        back[n] = 1 + max((back[m] for m in cf.predecessors(n)), default=0)
    return {n: out[n] + back[n] - 1 for n in cf}


def add_measures(g) -> None:
    chains = chain_lengths(g)
    for n in g.nodes:
        g.nodes[n]["degree"] = g.degree(n)
        if n in chains:
            g.nodes[n]["chain"] = chains[n]


def lineage(g, focus: str):
    """One recommendation's carry-forward chain, with its inspections, assessments and authority."""
    import networkx as nx

    if focus not in g:
        raise InputError(f"--focus {focus}: not a recommendation in this view")
    cf = nx.Graph((u, v) for u, v, k in g.edges(data="kind") if k == "carriesForward")
    chain = nx.node_connected_component(cf, focus) if focus in cf else {focus}
    keep = set(chain)
    for r in chain:
        keep |= {p for p in g.predecessors(r) if g.nodes[p]["kind"] == "inspection"}
        for s in g.successors(r):
            if g.nodes[s]["kind"] == "assessment":
                keep.add(s)
                keep |= set(g.successors(s))
    keep |= {g.nodes[n]["authority"] for n in keep}
    sub = g.subgraph(keep).copy()
    sub.remove_edges_from([(u, v) for u, v, k in sub.edges(data="kind") if k in ("timeline", "inspected")])
    add_timelines(sub)
    for n in sub.nodes:
        sub.nodes[n]["focus"] = n == focus
        sub.nodes[n]["degree"] = sub.degree(n)
    return sub


# ------------------------------------------------------------------------------------------ aggregation

AGGREGATION = (("assessments", "status assessments folded into their recommendations"),
               ("judgements", "judgements folded into their inspections"),
               ("recommendations", "recommendations summarised per inspection"),
               ("partners", "boards and partners hidden"))


def aggregate(g, budget: int):
    """Fold detail into summaries, step by step, until the view fits the budget. Returns (g, notes)."""
    notes: list[str] = []
    for step, note in AGGREGATION:
        if g.number_of_nodes() <= budget:
            break
        STEPS[step](g)
        notes.append(note)
    if g.number_of_nodes() > budget:
        shown = keep_largest_authorities(g, budget)
        notes.append(f"only the {shown} authorities with the most inspections are shown; use --authority")
    return g, notes


def fold_assessments(g) -> None:
    for s in [n for n, k in g.nodes(data="kind") if k == "assessment"]:
        for r in g.predecessors(s):
            g.nodes[r].setdefault("folded", []).append(
                {"status": g.nodes[s]["status"], "day": str(g.nodes[s]["day"]), "quote": g.nodes[s]["quote"]})
        g.remove_node(s)


def fold_judgements(g) -> None:
    for j in [n for n, k in g.nodes(data="kind") if k == "judgement"]:
        i = next(iter(g.predecessors(j)))
        attrs = g.nodes[j]
        g.nodes[i].setdefault("judgements", []).append((attrs["aspect"], attrs["grade"], attrs["rank"]))
        g.remove_node(j)
    for _i, attrs in g.nodes(data=True):
        if attrs.get("judgements"):
            overall = [r for a, _, r in attrs["judgements"] if "overall" in a.lower() and r]
            attrs["rank"] = overall[0] if overall else max(r for _, _, r in attrs["judgements"])


def fold_recommendations(g) -> None:
    """One summary node per inspection; carry-forward links become links between summaries."""
    summary_of: dict[str, str] = {}
    for i in [n for n, k in g.nodes(data="kind") if k == "inspection"]:
        recs = [r for r in g.successors(i) if g.nodes[r]["kind"] == "recommendation"]
        if not recs:
            continue
        counts: dict[str, int] = {}
        for r in recs:
            counts[g.nodes[r]["status"]] = counts.get(g.nodes[r]["status"], 0) + 1
            summary_of[r] = f"{i}#recommendations"
        worst = max(counts, key=lambda s: (counts[s], s == "Open"))
        g.add_node(f"{i}#recommendations", kind="recommendations", authority=g.nodes[i]["authority"],
                   day=g.nodes[i]["day"], count=len(recs), counts=counts, status=worst, evidence=[], degree=0)
        g.add_edge(i, f"{i}#recommendations", kind="recommended")
    links = {(summary_of[u], summary_of[v]) for u, v, k in g.edges(data="kind")
             if k == "carriesForward" and u in summary_of and v in summary_of}
    g.remove_nodes_from(list(summary_of))
    for u, v in links:
        g.add_edge(u, v, kind="carriesForward")


def drop_partners(g) -> None:
    g.remove_nodes_from([n for n, k in g.nodes(data="kind") if k in ("board", "partner")])


def keep_largest_authorities(g, budget: int) -> int:
    by_auth: dict[str, list[str]] = {}
    for n, a in g.nodes(data="authority"):
        by_auth.setdefault(a, []).append(n)
    order = sorted(by_auth, key=lambda a: (-sum(g.nodes[n]["kind"] == "inspection" for n in by_auth[a]), a))
    kept, total = [], 0
    for a in order:
        if total + len(by_auth[a]) > budget and kept:
            break
        kept.append(a)
        total += len(by_auth[a])
    g.remove_nodes_from([n for a in order[len(kept):] for n in by_auth[a]])
    return len(kept)


STEPS = {"assessments": fold_assessments, "judgements": fold_judgements, "recommendations": fold_recommendations,
         "partners": drop_partners}


def apply_plan(g, p: Plan) -> list[str]:
    """Run the planned steps on the graph of the authorities kept; the notes that say what was done."""
    notes = dict(AGGREGATION)
    for step in p.steps:
        STEPS[step](g)
    said = [notes[step] for step in p.steps]
    if p.authorities is not None:
        said.append(f"only the {len(p.authorities)} authorities with the most inspections are shown; use --authority")
    return said


# ------------------------------------------------------------------------------------------------ layout

def x_positions(days: list[date]) -> dict[date, float]:
    """x by date, keeping the order of dates but at least MIN_GAP px between two of them.

    >>> xs = x_positions([date(2012, 6, 1), date(2012, 6, 20), date(2014, 6, 1)])
    >>> [round(x) for x in xs.values()]
    [0, 60, 416]
    """
    out: dict[date, float] = {}
    prev_day, prev_x = None, 0.0
    for d in sorted(set(days)):
        x = 0.0 if prev_day is None else max(prev_x + (d - prev_day).days * PX_PER_DAY, prev_x + MIN_GAP)
        out[d], prev_day, prev_x = x, d, x
    return out


def layout(g) -> dict:
    """Fixed positions: a lane per authority; judgements above each inspection, recommendations below,
    assessments at their own date under those. Returns the axis and lanes for the page to draw."""
    xs = x_positions([d for _, d in g.nodes(data="day") if d is not None])
    x0 = min(xs.values(), default=0.0)
    lanes = sorted({a for _, a in g.nodes(data="authority")}, key=lambda a: g.nodes[a]["label"] if a in g else a)
    top, lane_info = 0.0, []
    for a in lanes:
        members = [n for n, attrs in g.nodes(data=True) if attrs["authority"] == a]
        above = max((min(JUDGEMENTS_PER_COLUMN, sum(1 for m in g.successors(i) if g.nodes[m]["kind"] == "judgement"))
                     for i in members if g.nodes[i]["kind"] == "inspection"), default=0)
        y_insp = top + 60 + above * (ROW + 6)
        below = place_lane(g, members, xs, y_insp)
        if a in g:
            g.nodes[a]["x"], g.nodes[a]["y"] = x0 - 260, y_insp
        orgs = [n for n in members if g.nodes[n]["kind"] in ("board", "partner")]
        for k, o in enumerate(sorted(orgs, key=lambda n: (g.nodes[n]["kind"], g.nodes[n]["label"]))):
            g.nodes[o]["x"], g.nodes[o]["y"] = x0 - 480, y_insp + (k - (len(orgs) - 1) / 2) * ROW * 1.6
        bottom = max(below, y_insp + (len(orgs) / 2 + 1) * ROW * 1.6)
        lane_info.append({"label": g.nodes[a]["label"] if a in g else local(a), "top": top, "bottom": bottom + 20})
        top = bottom + 60
    years = sorted({d.year for d in xs})
    ticks = [{"label": str(y), "x": _x_of(xs, date(y, 1, 1))} for y in years]
    return {"lanes": lane_info, "ticks": ticks, "left": x0 - 560, "right": max(xs.values(), default=0) + 120}


def _x_of(xs: dict[date, float], d: date) -> float:
    """x of any date, interpolated between the laid-out dates."""
    known = sorted(xs.items())
    before = [(k, v) for k, v in known if k <= d]
    after = [(k, v) for k, v in known if k > d]
    if before and after:
        (d0, x0), (d1, x1) = before[-1], after[0]
        return x0 + (x1 - x0) * (d - d0).days / max((d1 - d0).days, 1)
    if before:
        return before[-1][1] + (d - before[-1][0]).days * PX_PER_DAY
    return after[0][1] - (after[0][0] - d).days * PX_PER_DAY


def place_lane(g, members: list[str], xs: dict[date, float], y_insp: float) -> float:
    """Place one lane's dated nodes; return the lowest y used."""
    low = y_insp
    inspections = sorted((n for n in members if g.nodes[n]["kind"] == "inspection"), key=lambda n: g.nodes[n]["day"])
    for i in inspections:
        x = xs[g.nodes[i]["day"]]
        g.nodes[i]["x"], g.nodes[i]["y"] = x, y_insp
        kids = sorted(g.successors(i), key=_natural)
        judgements = [k for k in kids if g.nodes[k]["kind"] == "judgement"]
        for k, j in enumerate(judgements):
            g.nodes[j]["x"] = x + (k // JUDGEMENTS_PER_COLUMN) * COLUMN
            g.nodes[j]["y"] = y_insp - 14 - (k % JUDGEMENTS_PER_COLUMN + 1) * (ROW + 6)
        recs = [k for k in kids if g.nodes[k]["kind"] in ("recommendation", "recommendations")]
        for k, r in enumerate(recs):
            g.nodes[r]["x"] = x + (k // RECOMMENDATIONS_PER_COLUMN) * COLUMN
            g.nodes[r]["y"] = y_insp + 50 + (k % RECOMMENDATIONS_PER_COLUMN + 1) * ROW  # room for the label
            low = max(low, g.nodes[r]["y"])
    stacks: dict[float, int] = {}
    assessments = sorted((n for n in members if g.nodes[n]["kind"] == "assessment"), key=lambda n: (g.nodes[n]["day"], n))
    for s in assessments:
        x = xs[g.nodes[s]["day"]] + 22
        k = stacks[x] = stacks.get(x, 0) + 1
        g.nodes[s]["x"], g.nodes[s]["y"] = x, low + 10 + k * 30
    if stacks:
        low += 10 + max(stacks.values()) * 30
    return low


def _natural(iri: str):
    tail = local(iri)
    return (0, int(tail), "") if tail.isdigit() else (1, 0, tail)


# ------------------------------------------------------------------------------------------- appearance

def e(value) -> str:
    """HTML-escape anything (quotes too): report text must never become markup.

    >>> e('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return html.escape(str(value), quote=True)


def info_html(n: str, attrs: dict) -> str:
    """The side panel for one node, built only from escaped pieces."""
    kind = attrs["kind"]
    rows: list[tuple[str, str]] = [("kind", kind)]
    if kind == "inspection":
        rows += [("inspection", attrs["kind_label"]), ("started", str(attrs["day"])), ("title", attrs.get("title_text", ""))]
        rows += [(f"judgement: {a}", f"{gr} (rank {r})") for a, gr, r in attrs.get("judgements", [])]
    elif kind == "judgement":
        rows += [("aspect", attrs["aspect"]), ("grade", attrs["grade"]), ("rank", str(attrs["rank"] or "?"))]
    elif kind == "recommendation":
        rows += [("number", attrs["number"]), ("status", attrs["status"]), ("timescale", attrs["timescale"]),
                 ("chain length", str(attrs.get("chain", 1))), ("text", attrs["text"])]
        rows += [(f"assessed {x['day']}", f"{x['status']}: {x['quote']}") for x in attrs.get("folded", [])]
    elif kind == "recommendations":
        rows += [("recommendations", str(attrs["count"]))] + [(s, str(c)) for s, c in sorted(attrs["counts"].items())]
    elif kind == "assessment":
        rows += [("status", attrs["status"]), ("assessed on", str(attrs["day"])), ("evidence", attrs["source"]),
                 ("quote", attrs["quote"])]
    else:
        rows += [("name", attrs.get("label", ""))]
    rows += [("links", str(attrs.get("degree", 0))), ("IRI", n)]
    out = [f"<h3>{e(attrs.get('label') or local(n))}</h3><dl>"]
    out += [f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in rows if v]
    out.append("</dl>")
    for ev in attrs.get("evidence", []):
        where = ev["file"] + (f", paragraph {ev['paragraph']}" if ev["paragraph"] else "")
        out.append(f'<div class="kg-evidence"><div class="kg-where">{e(where)}</div>'
                   f"<blockquote>{e(_clip(ev['text'], 700))}</blockquote></div>")
    return "".join(out)


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "\u2026"


def style(g) -> None:
    """vis-network attributes on every node and edge; tooltips are plain text (vis shows them as text)."""
    for n, attrs in g.nodes(data=True):
        kind = attrs["kind"]
        shape, colour, size = KIND_STYLE[kind]
        if kind in ("judgement", "inspection") and attrs.get("rank"):
            colour = RANK_COLOURS.get(attrs["rank"], colour)
        if kind in ("recommendation", "recommendations", "assessment"):
            colour = STATUS_COLOURS.get(attrs["status"], colour)
        if kind == "recommendation":
            size += 3 * (attrs.get("chain", 1) - 1)
            attrs["label"] = f"R{attrs['number']}" if attrs["number"] else "R"
            tip = f"Recommendation {attrs['number']} ({attrs['status']})\n{_clip(attrs['text'], 300)}"
        elif kind == "judgement":
            attrs["label"] = _short_grade(attrs["grade"])
            tip = f"{attrs['aspect']}: {attrs['grade']}"
        elif kind == "assessment":
            attrs["label"] = attrs["status"]
            tip = f"{attrs['status']} on {attrs['day']} ({attrs['source']})\n{_clip(attrs['quote'], 300)}"
        elif kind == "recommendations":
            attrs["label"] = f"{attrs['count']} recs"
            tip = ", ".join(f"{c} {s}" for s, c in sorted(attrs["counts"].items()))
        else:
            tip = attrs["label"]
            attrs["label"] = _clip(attrs["label"], 30)
        attrs["info"] = info_html(n, attrs)
        border = "#000000" if attrs.get("focus") else colour
        vis = {"shape": shape, "size": size, "title": tip, "physics": False,
               "color": {"background": colour, "border": border}, "borderWidth": 3 if attrs.get("focus") else 1,
               "font": {"size": 12 if kind in ("judgement", "recommendation", "assessment") else 16,
                        "color": "#ffffff" if kind == "authority" else "#263238"},
               "status": attrs.get("status", ""), "authority": attrs["authority"]}
        _flatten(attrs)
        attrs.update(vis)
    for _u, _v, attrs in g.edges(data=True):
        attrs.update(EDGE_STYLE[attrs["kind"]])
        attrs["weight"] = attrs.pop("width")  # pyvis.from_nx turns "weight" into the drawn width
        attrs["title"] = attrs["kind"]


def _short_grade(grade: str) -> str:
    """
    >>> _short_grade("Requires improvement to be good"), _short_grade("Good")
    ('RI', 'Good')
    """
    return "RI" if grade.lower().startswith("requires") else grade


def _flatten(attrs: dict) -> None:
    """Keep only what the page needs and what JSON can carry."""
    for k in ("day", "evidence", "folded", "judgements", "counts", "text", "quote", "aspect", "title_text",
              "kind_label", "timescale", "number", "source", "grade", "focus"):
        attrs.pop(k, None)


# -------------------------------------------------------------------------------------------------- page

def legend() -> dict:
    return {
        "grades": [{"label": RANK_NAMES[r], "colour": c} for r, c in RANK_COLOURS.items()],
        "statuses": [{"label": s, "colour": c} for s, c in STATUS_COLOURS.items()],
        "kinds": [{"kind": k, "shape": s} for k, (s, _, _) in KIND_STYLE.items()],
    }


def render(g, meta: dict, notes: list[str], heading: str) -> str:
    """Hand the laid-out graph to pyvis and fill kg/assets/viz.html with everything inline."""
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, heading="", cdn_resources="in_line")
    net.from_nx(g, show_edge_weights=False)
    net.set_options(json.dumps({
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True, "multiselect": False},
        "edges": {"smooth": False, "arrows": {"to": {"scaleFactor": 0.5}}},
        "nodes": {"font": {"face": "sans-serif"}},
        "layout": {"improvedLayout": False},
    }))
    net.set_template_dir(str(ASSETS) + "/", "viz.html")
    nodes, edges, _, _, _, options = net.get_network_data()
    authorities = sorted(({"iri": n, "label": a["label"]} for n, a in g.nodes(data=True)
                          if a["kind"] == "authority"), key=lambda x: x["label"])
    data = {"nodes": nodes, "edges": edges, "options": json.loads(options), "axis": meta, "notes": notes,
            "legend": legend(), "authorities": authorities,
            "kinds": sorted({a["kind"] for _, a in g.nodes(data=True)})}
    template = net.templateEnv.get_template("viz.html")
    return template.render(
        heading=heading, notes=notes, data=data,
        vis_js=_asset("vis-network.min.js"), vis_css=_asset("vis-network.min.css"),
        page_js=_asset("viz.js"), page_css=_asset("viz.css"),
    )


def _asset(name: str) -> str:
    text = (ASSETS / name).read_text(encoding="utf-8")
    # The source map is not shipped; drop the comment so no browser tries to fetch it.
    # split("\n"), not splitlines(): the minified code holds characters splitlines() would cut at.
    return "\n".join(line for line in text.split("\n") if not line.startswith(("//# sourceMappingURL", "/*# sourceMappingURL")))


def view(store_path: Path | None = None, authority: str | None = None, focus: str | None = None,
         endpoint: str | None = None, budget: int = NODE_BUDGET):
    """The networkx view the page draws, after focus and aggregation: (graph, notes, heading).

    Counts come first; the aggregation is decided on them, then only the detail drawn is fetched."""
    source = Source(store_path, endpoint)
    a_iri = resolve_authority(source, authority) if authority else None
    if focus:
        a_iri = focus_authority(source, focus)
    heading = "Inspection KG"
    notes: list[str] = []
    if focus:
        g = lineage(build_graph(read_facts(source, [a_iri])), focus)
        heading += f": lineage of {local(focus)}"
        if g.number_of_nodes() > budget:
            before = g.number_of_nodes()
            g, steps = aggregate(g, budget)
            notes.append(f"{before} nodes is more than this page draws well ({budget}): " + "; ".join(steps) + ".")
    else:
        p = plan(count_nodes(source, [a_iri] if a_iri else None), budget)
        g = build_graph(read_facts(source, p.authorities or ([a_iri] if a_iri else None), parts_for(p.steps)))
        if a_iri:
            heading += f": {g.nodes[a_iri]['label'] if a_iri in g else local(a_iri)}"
        if p.steps:
            steps = apply_plan(g, p)
            notes.append(f"{p.before} nodes is more than this page draws well ({budget}): " + "; ".join(steps) + ".")
    if notes:
        for n in g.nodes:
            g.nodes[n]["degree"] = g.degree(n)
    add_evidence(g, read_evidence(source, g.nodes))
    return g, notes, heading


def write_html(store_path: Path | None, out: Path, authority: str | None = None, focus: str | None = None,
               endpoint: str | None = None, budget: int = NODE_BUDGET) -> VizSummary:
    """Write the self-contained page to ``out``; say what was drawn and whether it was aggregated."""
    g, notes, heading = view(store_path, authority, focus, endpoint, budget)
    meta = layout(g)
    style(g)
    page = render(g, meta, notes, heading)
    out = Path(out)
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as err:
        raise InputError(f"{out}: cannot write the page ({err.strerror or err})") from None
    return VizSummary(g.number_of_nodes(), g.number_of_edges(), bool(notes), " ".join(notes))
