"""Measure the answer to "was this recommendation closed?" against asks labelled by reading the corpus.

The labels (tests/expected/status-labels/*.jsonl, one ask a line; how they were made is in that folder's
README) give each ask's status as a careful reader finds it in every later document of its council, the
verbatim evidence, and near misses: passages that look like evidence and are not. This script builds the
labelled councils' corpus documents into a store (or reads one given with --store), finds the tool's
recommendation for each labelled ask (same document, most shared words), and prints, separately for the
part of the sample that may be tuned on and the part that is only measured:

- agreement: the tool's current status equals the label;
- coverage: of the asks whose status a reader can tell, the share the tool gives a status other than Unknown;
- precision and recall per status (Closed precision is the figure a wrong answer costs most);
- evidence recall: labelled evidence quotes the tool also cites; near misses the tool cites as evidence.

    .venv/bin/python benchmarks/eval_status.py [--store PATH] [--jobs 2] [--json]

The split is by council (a hash of its name), so no council's wording is both tuned on and measured.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LABELS = ROOT / "tests" / "expected" / "status-labels"
CORPUS = ROOT.parent / "shared" / "corpus"
STATUSES = ("Open", "InProgress", "Closed", "Unknown")
PREFIX = ("PREFIX ikg: <https://w3id.org/inspection-kg/ontology#>\n"
          "PREFIX prov: <http://www.w3.org/ns/prov#>\n")
# A labelled ask is the tool's recommendation when this share of the ask's words are in it.
MATCH_SHARE = 0.6


def split_of(council: str) -> str:
    """'tune' or 'measure', fixed by the council's name."""
    return "tune" if hashlib.sha256(council.encode()).digest()[0] % 2 == 0 else "measure"


def council_key(name: str) -> str:
    """Manifest authorities come in two spellings ("bournemouth, christchurch & poole" and its slug)."""
    from kg.iris import slug

    return slug(name)


def load_labels(folder: Path = LABELS) -> list[dict]:
    labels = []
    for f in sorted(folder.glob("*.jsonl")):
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    labels.append(json.loads(line))
                except ValueError as e:
                    raise SystemExit(f"{f}:{n}: not JSON ({e})") from None
    return labels


def corpus_files(councils: set[str], corpus: Path = CORPUS) -> list[Path]:
    """Every corpus PDF of the labelled councils: the labels were read from all of them."""
    with (corpus / "manifest.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return sorted(corpus / r["file"] for r in rows if council_key(r["authority"]) in councils)


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{3,}", text.lower())}


def normal(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def tool_asks(store) -> dict[str, list[dict]]:
    """The tool's recommendations by the SHA-256 of the document they were read from."""
    from kg.query import select

    rows = select(PREFIX + """SELECT DISTINCT ?rec ?text ?status ?sha WHERE {
        ?rec a ikg:Recommendation ; ikg:text ?text ; prov:wasDerivedFrom ?p .
        ?p ikg:inDocument ?d . ?d ikg:sha256 ?sha .
        OPTIONAL { ?rec ikg:currentStatus ?status } }""", store=store)
    by_sha: dict[str, list[dict]] = {}
    for r in rows:
        by_sha.setdefault(r["sha"], []).append(r)
    return by_sha


def tool_quotes(store) -> dict[str, list[str]]:
    """The quotes the tool cites as evidence, by recommendation."""
    from kg.query import select

    out: dict[str, list[str]] = {}
    for r in select(PREFIX + "SELECT ?rec ?quote WHERE { ?rec ikg:hasAssessment ?a . ?a ikg:quote ?quote }",
                    store=store):
        out.setdefault(r["rec"], []).append(normal(r["quote"]))
    return out


def tool_parts(store) -> dict[str, list[dict]]:
    """The parts the tool split each compound recommendation into, with their statuses."""
    from kg.query import select

    out: dict[str, list[dict]] = {}
    for r in select(PREFIX + """SELECT ?rec ?text ?status WHERE { ?rec ikg:hasPart ?p .
            ?p ikg:text ?text ; ikg:partStatus ?status }""", store=store):
        out.setdefault(r["rec"], []).append(r)
    return out


def part_statuses(label: dict, parts: list[dict], whole: str) -> list[tuple[str, str]]:
    """(labelled, tool's) status of each labelled part of a compound ask: the tool's part that shares most of
    its words, or the tool's status of the whole ask when the tool did not split it."""
    out = []
    for part in label["parts"]:
        want = words(part["text"])
        best = max(parts, key=lambda p: len(want & words(p["text"])), default=None)
        out.append((part["status"], status_name(best["status"]) if best else whole))
    return out


def match(label: dict, candidates: list[dict]) -> dict | None:
    want = words(label["ask_text"])
    best, share = None, 0.0
    for c in candidates:
        s = len(want & words(c["text"])) / max(1, len(want))
        if s > share:
            best, share = c, s
    return best if share >= MATCH_SHARE else None


def status_name(iri: str | None) -> str:
    return iri.rsplit("#", 1)[-1] if iri else "Unknown"


def overlaps(a: str, b: str) -> bool:
    """A labelled quote and a cited one are the same evidence when either holds the other's words."""
    return bool(a) and bool(b) and (a in b or b in a)


def judge(labels: list[dict], store, corpus: Path) -> list[dict]:
    """One row per labelled ask: its label, the tool's status, and the evidence either cites."""
    from kg.pipeline import sha256_file

    asks, quotes, parts = tool_asks(store), tool_quotes(store), tool_parts(store)
    rows = []
    for lab in labels:
        sha = sha256_file(corpus / lab["ask_document"])
        rec = match(lab, asks.get(sha, []))
        cited = quotes.get(rec["rec"], []) if rec else []
        evidence = [normal(e["quote"]) for p in lab["parts"] for e in p.get("evidence", [])]
        misses = [normal(m["quote"]) for m in lab.get("near_misses", [])]
        tool = status_name(rec.get("status")) if rec else "Unknown"
        rows.append({
            "council": lab["council"], "split": split_of(council_key(lab["council"])),
            "ask": lab["ask_text"][:80], "label": lab["status"],
            "tool": tool, "found": rec is not None,
            "parts": part_statuses(lab, parts.get(rec["rec"], []) if rec else [], tool)
            if len(lab["parts"]) > 1 else [],
            "tool_split": bool(rec and parts.get(rec["rec"])),
            "evidence": len(evidence), "evidence_cited": sum(any(overlaps(e, q) for q in cited) for e in evidence),
            "near_misses_cited": sum(any(overlaps(m, q) for q in cited) for m in misses),
        })
    return rows


def ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def metrics(rows: list[dict]) -> dict:
    known = [r for r in rows if r["label"] != "Unknown"]
    out = {
        "asks": len(rows), "councils": len({r["council"] for r in rows}),
        "labels": dict(Counter(r["label"] for r in rows)), "tool": dict(Counter(r["tool"] for r in rows)),
        "asks_found": sum(r["found"] for r in rows),
        "agreement": ratio(sum(r["tool"] == r["label"] for r in rows), len(rows)),
        "coverage": ratio(sum(r["tool"] != "Unknown" for r in known), len(known)),
        "evidence_recall": ratio(sum(r["evidence_cited"] for r in rows), sum(r["evidence"] for r in rows)),
        # Compound asks (more than one labelled part): how many the tool split, and its status of each part.
        "compound_asks": sum(bool(r["parts"]) for r in rows),
        "compound_split": sum(bool(r["parts"]) and r["tool_split"] for r in rows),
        "part_agreement": ratio(sum(a == b for r in rows for a, b in r["parts"]), sum(len(r["parts"]) for r in rows)),
        "near_misses_cited": sum(r["near_misses_cited"] for r in rows),
    }
    for s in STATUSES:
        said = [r for r in rows if r["tool"] == s]
        true = [r for r in rows if r["label"] == s]
        out[s] = {"precision": ratio(sum(r["label"] == s for r in said), len(said)),
                  "recall": ratio(sum(r["tool"] == s for r in true), len(true)),
                  "said": len(said), "labelled": len(true)}
    return out


def build_store(files: list[Path], jobs: int) -> Path:
    from kg.pipeline import build

    path = Path(tempfile.mkdtemp(prefix="eval-status-")) / "store"
    report = build(files, path, jobs=jobs)
    print(f"built {len(files)} documents ({len(report.failed)} failed) into {path}", file=sys.stderr)
    return path


def unlinked(store):
    """An in-memory copy of a built store without its linker graphs, and the councils it holds."""
    import pyoxigraph

    memory = pyoxigraph.Store()
    memory.bulk_extend(q for q in store if not (isinstance(q.graph_name, pyoxigraph.NamedNode)
                                                 and "/graph/linker/" in q.graph_name.value))
    authorities = {r[0].value for r in memory.query(
        PREFIX + "SELECT DISTINCT ?a WHERE { GRAPH ?g { ?d ikg:aboutAuthority ?a } }")}
    return memory, sorted(authorities)


def relinked(store):
    """An in-memory copy of a built store, every council's linker graph computed again (so a change to
    the linker is measured without extracting the PDFs again)."""
    from kg import link

    memory, authorities = unlinked(store)
    link.link_authorities(memory, authorities)
    return memory


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, help="a store already built from the labelled councils' documents")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", action="store_true", help="print the metrics and every row as JSON")
    ap.add_argument("--relink", action="store_true",
                    help="with --store: relink every council in memory first (the linker as it is now)")
    ap.add_argument("--split", choices=("tune", "measure"), help="print only this split's rows (with --rows)")
    ap.add_argument("--rows", action="store_true", help="print each ask's label and the tool's status")
    args = ap.parse_args(argv)
    from kg import store as kgstore

    labels = load_labels(args.labels)
    if not labels:
        raise SystemExit(f"no labels in {args.labels}")
    if not (args.corpus / "manifest.csv").exists():
        raise SystemExit(f"no corpus at {args.corpus}")
    councils = {council_key(lab["council"]) for lab in labels}
    path = args.store or build_store(corpus_files(councils, args.corpus), args.jobs)
    store = kgstore.open_read(path)
    if args.relink:
        store = relinked(store)
    rows = judge(labels, store, args.corpus)
    result = {split: metrics([r for r in rows if r["split"] == split]) for split in ("tune", "measure")}
    result["all"] = metrics(rows)
    if args.json:
        print(json.dumps({"metrics": result, "rows": rows}, indent=1))
        return 0
    if args.rows:
        for r in rows:
            if args.split in (None, r["split"]):
                print(f"{r['split']:<7} {r['label']:<10} {r['tool']:<10} {r['council'][:18]:<18} {r['ask']}")
    for split, m in result.items():
        print(f"\n== {split}: {m['asks']} asks of {m['councils']} councils; the tool found {m['asks_found']}")
        print(f"   labels {m['labels']}; tool {m['tool']}")
        print(f"   agreement {m['agreement']}  coverage {m['coverage']}  evidence recall {m['evidence_recall']}"
              f"  near misses cited {m['near_misses_cited']}")
        print(f"   compound asks {m['compound_asks']}, split by the tool {m['compound_split']}; "
              f"part agreement {m['part_agreement']}")
        for s in STATUSES:
            print(f"   {s:<10} precision {m[s]['precision']} ({m[s]['said']} said)  "
                  f"recall {m[s]['recall']} ({m[s]['labelled']} labelled)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
