"""Measure the asks (recommendations) the tool reads against asks listed by hand from the corpus.

The labels (tests/expected/asks-labels/*.jsonl, one document a line; how they were made is in that
folder's README) list every ask of 42 corpus documents of every kind, read from the PDFs only. This
script extracts each labelled document (kg.extract, no store), pairs each labelled ask with the tool's
recommendation sharing most of its words (one tool ask for one label at most), and prints precision and
recall of asks per publisher's kind, separately for the part of the sample that may be tuned on and the
part that is only measured.

    .venv/bin/python benchmarks/eval_asks.py [--jobs 2] [--json]

The split is by document (a hash of its file name): tune on the "tune" part only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from eval_status import CORPUS, MATCH_SHARE, split_of, words  # noqa: E402

LABELS = ROOT / "tests" / "expected" / "asks-labels"


def load_documents(folder: Path = LABELS) -> list[dict]:
    docs = []
    for f in sorted(folder.glob("*.jsonl")):
        docs += [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    return docs


def tool_asks(file: str) -> list[str]:
    """The recommendations the tool reads in the inspection a corpus document describes."""
    from kg.extract import extract
    from kg.read import read_document

    ex = extract(read_document(CORPUS / file, file))
    return [r.text for f in ex.inspections if f.role == "described" for r in f.recommendations]


def pair(labelled: list[str], found: list[str]) -> int:
    """How many labelled asks have a tool ask of their own holding ``MATCH_SHARE`` of their words."""
    free = list(found)
    matched = 0
    for text in labelled:
        want = words(text)
        shares = [len(want & words(t)) / max(1, len(want)) for t in free]
        if shares and max(shares) >= MATCH_SHARE:
            free.pop(shares.index(max(shares)))
            matched += 1
    return matched


def score(docs: list[dict], found: dict[str, list[str]]) -> dict[str, dict[str, dict[str, float]]]:
    """Per split and kind: labelled asks, tool asks, matched, precision, recall."""
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0, 0]))
    for d in docs:
        labelled = [a["text"] for a in d["asks"]]
        got = found[d["document"]]
        for kind in (d["kind"], "all"):
            c = counts[split_of(d["document"])][kind]
            c[0] += 1
            c[1] += len(labelled)
            c[2] += len(got)
            c[3] += pair(labelled, got)
    out: dict[str, dict[str, dict[str, float]]] = {}
    for part, kinds in counts.items():
        out[part] = {}
        for kind, (n_docs, n_lab, n_tool, n_match) in sorted(kinds.items()):
            out[part][kind] = {"documents": n_docs, "labelled": n_lab, "tool": n_tool, "matched": n_match,
                               "precision": round(n_match / n_tool, 3) if n_tool else None,
                               "recall": round(n_match / n_lab, 3) if n_lab else None}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not (CORPUS / "manifest.csv").exists():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 1
    docs = load_documents()
    files = [d["document"] for d in docs]
    with ProcessPoolExecutor(args.jobs) as pool:
        found = dict(zip(files, pool.map(tool_asks, files), strict=True))
    result = score(docs, found)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    for part in ("tune", "measure"):
        print(f"\n{part} part (split by a hash of the document's file name)")
        print(f"{'kind':50} {'docs':>4} {'labelled':>8} {'tool':>5} {'matched':>7} {'precision':>9} {'recall':>6}")
        for kind, r in result.get(part, {}).items():
            p = "-" if r["precision"] is None else f"{r['precision']:.2f}"
            rc = "-" if r["recall"] is None else f"{r['recall']:.2f}"
            print(f"{kind:50} {r['documents']:>4} {r['labelled']:>8} {r['tool']:>5} {r['matched']:>7} {p:>9} {rc:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
