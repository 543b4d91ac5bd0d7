"""Coverage of the extractors on the real corpus: per kind and period, how many documents yielded their kind,
an authority, dates, judgements (with the three readings of the grades agreeing) and as many asks as the
oracle counts (benchmarks/ask_oracle.py), and every failure by name. Writes docs/coverage.md.

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
sys.path.insert(0, str(ROOT / "benchmarks"))

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
        doc = read_document(Path(path), path)
        ex = extract(doc)
    except KGError as e:
        return {"error": str(e)}
    from ask_oracle import expected_asks

    from kg.extract import reports
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
        "oracle": expected_asks(doc.text),
        "readings": _readings(reports, doc, f),
        "disagree": [w.split(" disagree on ", 1)[1] for w in ex.warnings if " disagree on " in w],
        "error": "",
    }


def _readings(reports, doc, f) -> int:
    """How many readings of the grades (table, headline, headings) a graded report gives."""
    if f is None or f.framework not in ("SIF", "ILACS"):
        return 0
    return sum(bool(g) for g in reports.grade_readings(doc, reports._lines(doc), f.framework).values())


def period(published: dt.date) -> str:
    """The framework's years a document falls in: 2009-13 (safeguarding and looked after children, joint
    area reviews), 2013-17 (SIF), 2018-21 and 2022- (ILACS, focused visits, JTAI, area SEND from 2023)."""
    if published < dt.date(2013, 11, 1):
        return "2009-13"
    if published < dt.date(2018, 1, 1):
        return "2013-17"
    return "2018-21" if published.year <= 2021 else "2022-26"


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
        k = per[(row["kind"].replace(",  pdf", "").replace(" as pdf", ""), period(published))]
        k["documents"] += 1
        problems = []
        if res["error"]:
            problems.append(res["error"])
        else:
            graded = res["kind"] in GRADED
            k["kind right"] += res["kind"] in want
            k["authority"] += bool(res["authority"])
            k["dates"] += res["dates"]
            k["graded"] += graded
            k["judgements"] += res["judgements"] > 0
            k["grades read twice"] += res["readings"] >= 2
            k["grades agree"] += graded and res["judgements"] > 0 and not res["disagree"]
            k["asks = oracle"] += res["recommendations"] == res["oracle"]
            for total in ("recommendations", "oracle", "findings", "addressed", "mentions", "by publication",
                          "year only"):
                k[total] += res[total]
            if res["kind"] not in want:
                problems.append(f"kind {res['kind']} (expected {' or '.join(sorted(want))})")
            if not res["authority"]:
                problems.append("no authority")
            if not res["dates"]:
                problems.append("no dates")
            if graded and res["judgements"] == 0:
                problems.append("no judgements")
            problems += [f"grades disagree: {d}" for d in res["disagree"]]
            if res["recommendations"] != res["oracle"]:
                problems.append(f"asks {res['recommendations']}, the oracle counts {res['oracle']}")
        if problems:
            failures.append((row["file"], "; ".join(problems)))
    cols = ["documents", "kind right", "authority", "dates", "graded", "judgements", "grades read twice",
            "grades agree", "asks = oracle", "recommendations", "oracle", "findings", "addressed", "mentions",
            "by publication", "year only"]
    lines = ["| publisher's kind | period | " + " | ".join(cols) + " |", "|---" * (len(cols) + 2) + "|"]
    for kind, when in sorted(per):
        lines.append(f"| {kind} | {when} | " + " | ".join(str(per[(kind, when)][c]) for c in cols) + " |")
    total = {c: sum(v[c] for v in per.values()) for c in cols}
    lines.append("| all | | " + " | ".join(str(total[c]) for c in cols) + " |")
    share = total["asks = oracle"] / max(1, total["documents"])
    lines += ["", f"Asks equal to the oracle: {total['asks = oracle']} of {total['documents']} documents "
              f"({share:.1%}).", "", f"Failures: {len(failures)}", ""]
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
    # The notes written by hand after the table (from its first section on) are kept.
    old = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    notes = old[old.index("\n## "):] if "\n## " in old else ""
    args.out.write_text(
        "# Extraction coverage on the real corpus\n\n"
        "Written by `.venv/bin/python benchmarks/coverage.py`, per publisher's kind and period (of publication). "
        "Kind right, authority, dates, judgements count the documents that yielded them (ungraded letters have no "
        "judgements). Grades read twice: graded reports whose grades two or three readings give (the judgement "
        "table, the headline \"Children's services in X are good\", the section headings \"...: good\"); grades "
        "agree: graded reports with judgements and no disagreement between the readings (a disagreement is a build "
        "warning and a failure below). Asks = oracle: documents whose asks number what benchmarks/ask_oracle.py "
        "counts from the document's own numbering and bullets; recommendations and oracle are the totals. "
        "Findings, addressed (asks addressed to a named body other than the authority), mentions (earlier "
        "inspections mentioned with a month), by publication (of those, dated by their report's publication "
        "month, kept as printed and marked as such) and year only (earlier inspections named by a year alone, not "
        "asserted) are totals.\n\n"
        + table + "\n" + notes
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
