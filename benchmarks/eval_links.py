"""Evaluate the linker on the seed documents (tests/expected/links.json) and on a hand-checked corpus sample.

Builds examples/documents into a temporary store, then prints precision and recall of carry-forward
links and of status assessments, and the accuracy of current statuses. Then, when the corpus is there
(../shared/corpus) or a corpus store is given, the precision and recall of the linker on the sample of
tests/expected/corpus_links.json (labels by authority, inspection month, number and quoted words).

    .venv/bin/python benchmarks/eval_links.py [--store PATH] [--corpus-store PATH | --no-corpus]
"""

from __future__ import annotations

import argparse
import json
import re
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


def rec_pattern(authority: str, ref: dict) -> re.Pattern:
    """A recommendation of the sample: its authority, the month of its inspection and its number."""
    return re.compile(rf"/inspection/{re.escape(authority)}/[^/]+/{re.escape(ref['inspection'])}/recommendation/"
                      rf"{re.escape(ref['number'])}$")


def corpus_predicted(store):
    from kg.query import select

    links = select(PREFIX + "SELECT ?a ?b WHERE { ?a ikg:carriesForward ?b }", store=store)
    rows = select(PREFIX + """SELECT ?r ?quote ?status ?kind ?on WHERE { ?r ikg:hasAssessment ?a .
        ?a ikg:status ?status ; ikg:quote ?quote ; ikg:assessedIn ?d .
        OPTIONAL { ?d ikg:documentKind ?kind } OPTIONAL { ?a ikg:assessedOn ?on } }""", store=store)
    return links, rows


def corpus_sample(store) -> dict:
    """Precision and recall of the linker on the hand-checked corpus sample; prints every disagreement."""
    from kg.status import STATUS_WORDS

    expected = json.loads((ROOT / "tests" / "expected" / "corpus_links.json").read_text())
    links, rows = corpus_predicted(store)
    tp = fp = fn = wrong_status = 0
    for x in expected["assessments"]:
        pat = rec_pattern(x["authority"], x["recommendation"])
        hits = [r for r in rows if pat.search(r["r"]) and x["quote"].lower() in r["quote"].lower()
                and r.get("kind", "").endswith("#" + x["later"]["kind"])
                and (r.get("on") or "").startswith(x["later"]["month"])]
        got = {STATUS_WORDS.get(h["status"].rsplit("#", 1)[-1]) for h in hits}
        name = f"{x['authority']} {x['recommendation']['inspection']} #{x['recommendation']['number']} <- " \
               f"{x['later']['kind']} {x['later']['month']} {x['quote']!r}"
        if x["status"] is None:
            fp += bool(hits)
            if hits:
                print(f"  wrongly linked: {name}")
        elif not hits:
            fn += 1
            print(f"  missed: {name} ({x['status']})")
        elif got != {x["status"]}:
            wrong_status += 1
            print(f"  status {sorted(got)} for {name}, labelled {x['status']}")
        else:
            tp += 1
    n_true = sum(1 for x in expected["assessments"] if x["status"] is not None)
    print("corpus sample assessments:", prf(tp, tp + fp + wrong_status, n_true))
    pairs = [(a["a"], a["b"]) for a in links]
    ltp = lfp = lfn = 0
    for x in expected["carry_forward"]:
        lp, ep = rec_pattern(x["authority"], x["later"]), rec_pattern(x["authority"], x["earlier"])
        hit = any(lp.search(a) and ep.search(b) for a, b in pairs)
        name = f"{x['authority']} {x['later']['inspection']} #{x['later']['number']} -> " \
               f"{x['earlier']['inspection']} #{x['earlier']['number']}"
        if x["linked"]:
            ltp += hit
            lfn += not hit
            if not hit:
                print(f"  missed carry-forward: {name}")
        elif hit:
            lfp += 1
            print(f"  wrong carry-forward: {name}")
    n_links = sum(1 for x in expected["carry_forward"] if x["linked"])
    print("corpus sample carry-forward:", prf(ltp, ltp + lfp, n_links))
    return {"tp": tp, "fp": fp + wrong_status, "fn": fn, "links_tp": ltp, "links_fp": lfp, "links_fn": lfn}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path)
    ap.add_argument("--corpus-store", type=Path, help="a store built from ../shared/corpus/pdf")
    ap.add_argument("--no-corpus", action="store_true", help="only the seed documents")
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
    if args.no_corpus:
        return 0
    corpus_store = args.corpus_store
    corpus = ROOT.parent / "shared" / "corpus"
    if corpus_store is None:
        if not (corpus / "pdf").is_dir():
            print(f"corpus sample: skipped, no corpus at {corpus}")
            return 0
        from kg.pipeline import build

        corpus_store = Path(tempfile.mkdtemp()) / "corpus-store"
        build([corpus / "pdf"], corpus_store, jobs=2)
    corpus_sample(corpus_store)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
