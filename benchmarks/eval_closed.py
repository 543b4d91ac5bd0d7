"""How many of the Closed answers a store gives were found right when a person read them.

tests/expected/closed-check/ holds every Closed answer of earlier whole-corpus builds, each read against the
deciding later document (and every later one of its council) with a verdict, right or wrong (its README says
how). This script lists the Closed answers of a store (or of the linker as it is now, with --relink), finds
each in those checks (same council, same ask text) and prints how many were read right, read wrong, and not
read yet: the last must be read before the precision means anything.

    .venv/bin/python benchmarks/eval_closed.py --store PATH [--relink] [--unchecked FILE.jsonl]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHECKS = ROOT / "tests" / "expected" / "closed-check"


def key(council: str, text: str) -> tuple[str, str]:
    """A council and an ask's words, as the checks and the store both spell them."""
    return re.sub(r"[^a-z]+", " ", council.lower()).strip(), " ".join(text.split())[:80]


def checks(folder: Path = CHECKS) -> dict[tuple[str, str], dict]:
    out = {}
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            out[key(row["council"], row["ask_text"])] = row
    return out


def closed_answers(store) -> list[dict]:
    """The machine's Closed answers (an analyst's verdict aside: this measures the linker)."""
    from kg.tracker import recommendations

    return [r for r in recommendations(store) if r.get("machine_status", r["status"]) == "closed"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, required=True, help="a store built from the whole corpus")
    ap.add_argument("--relink", action="store_true", help="relink every council in memory first (eval_status's)")
    ap.add_argument("--unchecked", type=Path, help="write the answers no check has read, to be read next")
    args = ap.parse_args(argv)
    from kg import store as kgstore

    store = kgstore.open_read(args.store)
    if args.relink:
        from eval_status import relinked

        store = relinked(store)
    known = checks()
    answers = closed_answers(store)
    verdicts = Counter()
    unchecked = []
    for r in answers:
        found = known.get(key(r["authority"], r["text"]))
        if found is None:
            unchecked.append(r)
        verdicts[found["check"]["verdict"] if found else "not read yet"] += 1
    read = verdicts["right"] + verdicts["wrong"]
    print(f"Closed answers: {len(answers)}; read right {verdicts['right']}, read wrong {verdicts['wrong']}, "
          f"not read yet {verdicts['not read yet']}")
    if read:
        print(f"right of those read: {verdicts['right'] / read:.2f}")
    for r in answers:  # what is still wrong, with the reader's reason
        found = known.get(key(r["authority"], r["text"]))
        if found and found["check"]["verdict"] == "wrong":
            print(f"  wrong: {r['authority']}: {r['text'][:70]}\n    quote: {r.get('latest_evidence', '')[:160]}"
                  f"\n    reader: {found['check']['why'][:200]}")
    if args.unchecked:
        args.unchecked.write_text("".join(json.dumps(r) + "\n" for r in unchecked), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
