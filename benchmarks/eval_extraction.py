"""Precision and recall of extraction on the seeds, against hand-checked expectations.

    .venv/bin/python benchmarks/eval_extraction.py [--store PATH]

Builds the seed documents into a temporary store (or reads --store), then compares recommendations,
judgements, described and mentioned inspections, boards and partners with tests/expected/seeds.json.
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
EXPECTED = ROOT / "tests" / "expected" / "seeds.json"
ID = "https://w3id.org/inspection-kg/id/"
PREFIX = "PREFIX ikg: <https://w3id.org/inspection-kg/ontology#>\n" \
         "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


def rows(store, query: str) -> set[tuple[str, ...]]:
    out = set()
    for s in store.query(PREFIX + query, use_default_graph_as_union=True):
        out.add(tuple(t.value.removeprefix(ID) if t is not None else "" for t in s))
    return out


def score(predicted: set, expected: set, optional: set = frozenset()) -> dict:
    predicted = predicted - optional
    tp = len(predicted & expected)
    return {"tp": tp, "predicted": len(predicted), "expected": len(expected),
            "precision": tp / len(predicted) if predicted else 1.0,
            "recall": tp / len(expected) if expected else 1.0}


def eval_recommendations(store, exp: dict) -> dict:
    found = rows(store, "SELECT ?i ?n ?t WHERE { ?i ikg:hasRecommendation ?r . ?r ikg:text ?t . "
                        "OPTIONAL { ?r ikg:number ?n } FILTER NOT EXISTS { ?r ikg:reconstructed true } }")
    pred, want = set(), set()
    for insp, spec in exp["recommendations"].items():
        mine = {(i, n, t) for i, n, t in found if i == f"inspection/{insp}"}
        if isinstance(spec, list):  # expected numbers
            want |= {(insp, n) for n in spec}
            pred |= {(insp, n) for _, n, _ in mine}
        else:  # an expected count: compare by position
            want |= {(insp, str(k)) for k in range(spec)}
            pred |= {(insp, str(k)) for k in range(len(mine))}
    for insp, phrases in exp["not_recommendations"].items():
        if insp.startswith("_"):
            continue
        for phrase in phrases:  # a council decision taken for a recommendation is a false positive
            pred |= {(insp, "decision:" + phrase) for i, _, t in found
                     if i == f"inspection/{insp}" and phrase.lower() in t.lower()}
    return score(pred, want)


def norm_aspect(a: str) -> str:
    a = a.lower().replace("the effectiveness of the local", "").replace("effectiveness of the local", "")
    return re.sub(r"\s+", " ", a).strip()


def eval_judgements(store, exp: dict) -> dict:
    found = rows(store, "SELECT ?i ?a ?g WHERE { ?i ikg:hasJudgement ?j . ?j ikg:aspect ?a ; "
                        "ikg:grade/skos:prefLabel ?g }")
    pred, want = set(), set()
    for insp, aspects in exp["judgements"].items():
        mine = [(norm_aspect(a), g) for i, a, g in found if i == f"inspection/{insp}"]
        for aspect, grade in aspects.items():
            want.add((insp, aspect, grade))
        for a, g in mine:  # a predicted aspect matches the expected one it names
            match = next((e for e in aspects if e == a or e in a), a)
            pred.add((insp, match, g))
    return score(pred, want)


def eval_inspections(store, exp: dict, role: str) -> dict:
    prop = "ikg:describedIn" if role == "described" else "ikg:mentionedIn"
    found = rows(store, f"SELECT ?a ?k ?s WHERE {{ ?i {prop} ?d ; ikg:inspectedAuthority ?a ; "
                        f"ikg:inspectionKind ?k ; ikg:startDate ?s }}")
    pred = {(a.removeprefix("authority/"), k.rsplit("#", 1)[-1], s) for a, k, s in found}
    want = {(e["authority"], e["kind"], e["start"]) for e in exp[f"{role}_inspections"]}
    return score(pred, want)


def eval_organisations(store, exp: dict, prop: str, key: str) -> dict:
    found = rows(store, f"SELECT ?a ?label WHERE {{ ?a ikg:{prop} ?o . ?o rdfs:label ?label }}")
    pred, want, optional = set(), set(), set()
    for authority, spec in exp[key].items():
        labels = {label.lower() for a, label in found if a == f"authority/{authority}"}
        want |= {(authority, p) for p in spec["expected"]}
        for label in labels:
            hit = next((p for p in spec["expected"] if re.search(p, label)), None)
            opt = next((p for p in spec.get("optional", []) if re.search(p, label)), None)
            if hit:
                pred.add((authority, hit))
            elif opt:
                optional.add((authority, "optional:" + opt))
            else:
                pred.add((authority, "unexpected:" + label))
    return score(pred, want, optional)


def evaluate(store) -> dict[str, dict]:
    exp = json.loads(EXPECTED.read_text())
    return {
        "recommendations": eval_recommendations(store, exp),
        "judgements": eval_judgements(store, exp),
        "described inspections": eval_inspections(store, exp, "described"),
        "mentioned inspections": eval_inspections(store, exp, "mentioned"),
        "boards": eval_organisations(store, exp, "hasBoard", "boards"),
        "partners": eval_organisations(store, exp, "hasPartner", "partners"),
    }


def table(results: dict[str, dict]) -> str:
    lines = ["| facts | expected | extracted | correct | precision | recall |", "|---|---|---|---|---|---|"]
    for name, r in results.items():
        lines.append(f"| {name} | {r['expected']} | {r['predicted']} | {r['tp']} | "
                     f"{r['precision']:.2f} | {r['recall']:.2f} |")
    return "\n".join(lines)


def main() -> int:
    from kg import store as kgstore
    from kg.pipeline import build

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path)
    args = ap.parse_args()
    path = args.store
    if path is None:
        path = Path(tempfile.mkdtemp()) / "store"
        build([ROOT / "examples" / "documents"], path)
    print(table(evaluate(kgstore.open_read(path))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
