"""Coverage of the extractors on the real corpus: per kind, how many documents yielded an authority,
dates, judgements and recommendations, and which failed. Writes docs/coverage.md.

    .venv/bin/python benchmarks/coverage.py [--corpus ../shared/corpus] [--out docs/coverage.md]

The manifest's kind (the publisher's index) is used here only to check the tool, never by the tool.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# The publisher's kinds -> the inspection kinds the tool may give them (a full inspection's framework
# follows from its date).
EXPECTED = {
    "children's services focused visit": {"FocusedVisit"},
    "joint area child protection inspection": {"JTAI"},
    "area send full inspection": {"AreaSENDInspection"},
}
GRADED = {"SafeguardingLACInspection", "SIFInspection", "ILACSStandardInspection", "ILACSShortInspection"}


def expected_kinds(kind: str, published: dt.date) -> set[str]:
    if kind in EXPECTED:
        return EXPECTED[kind]
    if kind.startswith("joint area review"):  # a progress inspection of no framework since
        return {"OtherInspection"}
    if published < dt.date(2013, 11, 1):
        return {"SafeguardingLACInspection"}
    ilacs = {"ILACSStandardInspection", "ILACSShortInspection"}
    if published < dt.date(2018, 1, 1):
        return {"SIFInspection"}
    if published < dt.date(2019, 1, 1):  # the last SIF reports and the first ILACS ones overlap in 2018
        return {"SIFInspection"} | ilacs
    return ilacs


def examine(path: str) -> dict:
    """Extract one document (no store) and say what it yielded."""
    from kg.errors import KGError
    from kg.extract import extract
    from kg.read import read_document

    try:
        ex = extract(read_document(Path(path), path))
    except KGError as e:
        return {"error": str(e)}
    from kg.extract.mentions import year_only_mentions

    described = [f for f in ex.inspections if f.role == "described"]
    mentioned = [f for f in ex.inspections if f.role == "mentioned"]
    f = described[0] if described else None
    dated = {m.start[:4] for m in ex.inspections if m.start}
    # Earlier inspections named by a year alone, one a year the document dates no inspection in.
    years = {y for s in year_only_mentions(ex.document) for y in re.findall(r"\b(?:19|20)\d{2}\b", s)[:1]}
    return {
        "kind": f.kind if f else None,
        "authority": ex.authority,
        "dates": bool(f and f.start),
        "judgements": len(f.judgements) if f else 0,
        "recommendations": len(f.recommendations) if f else 0,
        "findings": len(f.findings) if f else 0,
        "addressed": sum(r.addressee is not None for r in f.recommendations) if f else 0,
        "mentions": len(mentioned),
        "by publication": sum(m.date_basis == "publication" for m in mentioned),
        "year only": len(years - dated),
        "error": "",
    }


def run(corpus: Path, jobs: int) -> tuple[str, int]:
    rows = list(csv.DictReader((corpus / "manifest.csv").open()))
    paths = [str(corpus / r["file"]) for r in rows]
    with ProcessPoolExecutor(jobs) as pool:
        results = list(pool.map(examine, paths, chunksize=4))
    per = defaultdict(lambda: defaultdict(int))
    failures = []
    for row, res in zip(rows, results):
        published = dt.datetime.strptime(row["published"], "%d %B %Y").date()
        want = expected_kinds(row["kind"], published)
        k = per[row["kind"]]
        k["documents"] += 1
        problems = []
        if res["error"]:
            problems.append(res["error"])
        else:
            k["kind right"] += res["kind"] in want
            k["authority"] += bool(res["authority"])
            k["dates"] += res["dates"]
            k["judgements"] += res["judgements"] > 0
            k["recommendations"] += res["recommendations"] > 0
            k["findings"] += res["findings"] > 0
            for total in ("addressed", "mentions", "by publication", "year only"):
                k[total] += res[total]
            if res["kind"] not in want:
                problems.append(f"kind {res['kind']} (expected {' or '.join(sorted(want))})")
            if not res["authority"]:
                problems.append("no authority")
            if not res["dates"]:
                problems.append("no dates")
            if res["kind"] in GRADED and res["judgements"] == 0:
                problems.append("no judgements")
            if res["kind"] in GRADED and res["recommendations"] == 0:
                problems.append("no recommendations")
        if problems:
            failures.append((row["file"], "; ".join(problems)))
    cols = ["documents", "kind right", "authority", "dates", "judgements", "recommendations", "findings",
            "addressed", "mentions", "by publication", "year only"]
    lines = ["| publisher's kind | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for kind in sorted(per):
        lines.append(f"| {kind} | " + " | ".join(str(per[kind][c]) for c in cols) + " |")
    lines += ["", f"Failures: {len(failures)}", ""]
    lines += [f"- `{f}`: {why}" for f, why in failures] or ["- none"]
    return "\n".join(lines), len(failures)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "coverage.md")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    if not (args.corpus / "manifest.csv").exists():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 1
    table, n_failed = run(args.corpus, args.jobs)
    print(table)
    args.out.write_text(
        "# Extraction coverage on the real corpus\n\n"
        "Written by `.venv/bin/python benchmarks/coverage.py`. Judgements and recommendations count the "
        "documents that yielded at least one (ungraded letters have no judgements; a letter with no "
        "improvement section has no recommendations); findings likewise (strengths and weaknesses listed under a "
        "heading; prose is not read). The last four are totals: asks addressed to a named body other than the "
        "authority; earlier inspections mentioned with a month; of those, dated by their report's publication month "
        "(kept as printed, marked as such); earlier inspections named by a year alone (not asserted).\n\n"
        + table + "\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
