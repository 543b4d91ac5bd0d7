"""Evaluate the linker on the seed documents against tests/expected/links.json.

Builds examples/documents into a temporary store, then prints precision and recall of carry-forward
links and of status assessments, and the accuracy of current statuses.

    .venv/bin/python benchmarks/eval_links.py [--store PATH]   # an existing store instead of a fresh build
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PREFIX = "PREFIX ikg: <https://w3id.org/inspection-kg/ontology#>\nPREFIX prov: <http://www.w3.org/ns/prov#>\n"


def resolve(ref: dict, base: str, store) -> str | None:
    from kg.link import content_words
    from kg.query import select

    if "iri" in ref:
        return base + ref["iri"]
    rows = select(PREFIX + f"""SELECT ?r ?t WHERE {{ <{base + ref['reconstructed_on']}> ikg:hasRecommendation ?r .
                  ?r ikg:reconstructed true ; ikg:text ?t }} ORDER BY ?r""", store=store)
    want = set(content_words(ref["about"]))
    hits = [r["r"] for r in rows if want <= set(content_words(r["t"]))]
    return hits[0] if hits else None


def predicted(store):
    from kg.query import select

    links = {(r["a"], r["b"]) for r in select(PREFIX + "SELECT ?a ?b WHERE { ?a ikg:carriesForward ?b }",
                                               store=store)}
    rows = select(PREFIX + """SELECT ?r ?file ?para ?quote ?status WHERE { ?r ikg:hasAssessment ?a .
        ?a ikg:status ?status ; ikg:quote ?quote ; ikg:assessedIn ?d ; prov:wasDerivedFrom ?p .
        ?d ikg:sourceFile ?file OPTIONAL { ?p ikg:paragraphNumber ?para } }""", store=store)
    return links, rows


def same(label: dict, row: dict, rec: str) -> bool:
    if row["r"] != rec or Path(row["file"]).name != label["document"]:
        return False
    if "paragraph" in label:
        return (row.get("para") or "") == label["paragraph"]
    return label["quote"].lower() in row["quote"].lower()


def prf(tp: int, n_pred: int, n_true: int) -> str:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_true if n_true else 1.0
    return f"precision {p:.2f} ({tp}/{n_pred})  recall {r:.2f} ({tp}/{n_true})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path)
    args = ap.parse_args()
    expected = json.loads((ROOT / "tests" / "expected" / "links.json").read_text())
    base = expected["id"]
    store = args.store
    if store is None:
        from kg.pipeline import build

        store = Path(tempfile.mkdtemp()) / "store"
        build([ROOT / "examples" / "documents"], store)
    from kg.status import STATUS_WORDS
    from kg.tracker import recommendations

    links, rows = predicted(store)
    true_links = {(resolve(x["later"], base, store), resolve(x["earlier"], base, store))
                  for x in expected["carry_forward"]}
    print("carry-forward links:", prf(len(links & true_links), len(links), len(true_links)))
    status_words = {v: k for k, v in STATUS_WORDS.items()}
    labels = [(x, resolve(x["recommendation"], base, store)) for x in expected["assessments"]]
    matched = [any(same(x, r, rec) for x, rec in labels) for r in rows]
    found = [any(same(x, r, rec) for r in rows) for x, rec in labels]
    print("status assessments:  ", prf(sum(matched), len(rows), len(labels)))
    right = sum(1 for x, rec in labels for r in rows
                if same(x, r, rec) and r["status"].endswith("#" + status_words[x["status"]]))
    print(f"assessment status accuracy (on matched): {right}/{sum(found)}")
    for (x, _), ok in zip(labels, found):
        if not ok:
            print(f"  missed: {x['document']} {x.get('paragraph') or x.get('quote')!r} -> {x['recommendation']}")
    for r, ok in zip(rows, matched):
        if not ok:
            print(f"  unlabelled: {Path(r['file']).name} {r.get('para') or ''} {r['quote'][:70]!r} -> {r['r']}")
    tracker = {r["recommendation"]: r for r in recommendations(store)}
    good = total = 0
    for x in expected["statuses"]:
        if "every" in x:
            mine = [r for r in tracker.values() if r["authority"].lower() == x["authority"]]
            total += len(mine)
            good += sum(r["status"] == x["every"] for r in mine)
            continue
        rec = resolve(x["recommendation"], base, store)
        total += 1
        got = tracker.get(rec, {}).get("status")
        good += got == x["status"]
        if got != x["status"]:
            print(f"  status of {rec}: {got}, labelled {x['status']}")
    print(f"current status accuracy: {good}/{total} = {good / total:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
