"""How often two careful readers agree on where an ask stands: the ceiling of any score against the labels.

A second reader, who saw neither the first reader's labels nor the tool, labelled again a sample of the asks
of tests/expected/status-labels/ under the same rules (tests/expected/second-reading/, its README says how).
This script pairs each ask read twice and prints, for the tune and the measure split apart:

- agreement: both readers give the ask the same status; Cohen's kappa (agreement beyond chance);
- tellable: both readers agree whether a reader can tell the status at all (Unknown or not);
- Closed: asks either reader calls Closed, and how many both do;
- evidence overlap: the second reader's quotes that the first reader also quoted;
- the confusion, first reading -> second;
- with --store, the tool's agreement with each reading on the same asks, and with either of them.

    .venv/bin/python benchmarks/eval_readers.py [--store PATH [--relink]]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.eval_status import (  # noqa: E402
    CORPUS,
    LABELS,
    STATUSES,
    council_key,
    load_labels,
    normal,
    overlaps,
    ratio,
    split_of,
)

SECOND = ROOT / "tests" / "expected" / "second-reading"


def ask_key(label: dict) -> tuple[str, str]:
    return label["ask_document"], normal(label["ask_text"])


def paired(first: list[dict], second: list[dict]) -> list[tuple[dict, dict]]:
    """Each ask of the second reading with the first reading of the same ask (same document, same words)."""
    by_key = {ask_key(lab): lab for lab in first}
    missing = [lab["ask_text"][:60] for lab in second if ask_key(lab) not in by_key]
    if missing:
        raise SystemExit(f"second reading: asks not in the first reading: {missing}")
    return [(by_key[ask_key(lab)], lab) for lab in second]


def quotes(label: dict) -> list[str]:
    return [normal(e["quote"]) for p in label["parts"] for e in p.get("evidence", [])]


def kappa(a: list[str], b: list[str]) -> float | None:
    from sklearn.metrics import cohen_kappa_score

    return round(float(cohen_kappa_score(a, b, labels=list(STATUSES))), 3) if len(set(a + b)) > 1 else None


def compare(pairs: list[tuple[dict, dict]], tool: dict[tuple[str, str], str] | None = None) -> dict:
    first = [a["status"] for a, _ in pairs]
    second = [b["status"] for _, b in pairs]
    second_quotes = [(q, quotes(a)) for a, b in pairs for q in quotes(b)]
    out = {
        "asks": len(pairs), "councils": len({council_key(a["council"]) for a, _ in pairs}),
        "agreement": ratio(sum(x == y for x, y in zip(first, second)), len(pairs)),
        "kappa": kappa(first, second),
        "tellable_agreement": ratio(sum((x == "Unknown") == (y == "Unknown") for x, y in zip(first, second)),
                                    len(pairs)),
        "closed_either": sum("Closed" in (x, y) for x, y in zip(first, second)),
        "closed_both": sum(x == y == "Closed" for x, y in zip(first, second)),
        "evidence_overlap": ratio(sum(any(overlaps(q, f) for f in firsts) for q, firsts in second_quotes),
                                  len(second_quotes)),
        "confusion": Counter(f"{x}->{y}" for x, y in zip(first, second) if x != y),
    }
    if tool is not None:
        said = [tool.get(ask_key(a), "Unknown") for a, _ in pairs]
        out["tool_vs_first"] = ratio(sum(t == x for t, x in zip(said, first)), len(pairs))
        out["tool_vs_second"] = ratio(sum(t == y for t, y in zip(said, second)), len(pairs))
        out["tool_vs_either"] = ratio(sum(t in (x, y) for t, x, y in zip(said, first, second)), len(pairs))
    return out


def tool_statuses(path: Path, relink: bool, labels: list[dict]) -> dict[tuple[str, str], str]:
    """The tool's status of each first-reading ask, as eval_status finds its recommendation."""
    from benchmarks.eval_status import judge, relinked
    from kg import store as kgstore

    store = kgstore.open_read(path)
    if relink:
        store = relinked(store)
    rows = judge(labels, store, CORPUS)
    return {ask_key(lab): row["tool"] for lab, row in zip(labels, rows)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--second", type=Path, default=SECOND)
    ap.add_argument("--store", type=Path, help="a whole-corpus store: also compare the tool with both readings")
    ap.add_argument("--relink", action="store_true", help="with --store: relink in memory first")
    args = ap.parse_args(argv)
    first, second = load_labels(args.labels), load_labels(args.second)
    if not second:
        raise SystemExit(f"no second reading in {args.second}")
    pairs = paired(first, second)
    tool = tool_statuses(args.store, args.relink, [a for a, _ in pairs]) if args.store else None
    for split in ("tune", "measure", "all"):
        some = [p for p in pairs if split in ("all", split_of(council_key(p[0]["council"])))]
        if not some:
            continue
        m = compare(some, tool)
        print(f"\n== {split}: {m['asks']} asks of {m['councils']} councils read twice")
        print(f"   readers agree {m['agreement']} (kappa {m['kappa']}); agree whether it can be told "
              f"{m['tellable_agreement']}")
        print(f"   Closed by either {m['closed_either']}, by both {m['closed_both']}; "
              f"second reader's quotes also quoted by the first {m['evidence_overlap']}")
        print(f"   first -> second: {dict(m['confusion'].most_common())}")
        if tool is not None:
            print(f"   tool agrees with the first reading {m['tool_vs_first']}, the second "
                  f"{m['tool_vs_second']}, either {m['tool_vs_either']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
