"""Every carry-forward link of a store, relinked in memory with the linker as it is now, and what a change added.

    .venv/bin/python benchmarks/carry_links.py --store STORE --out NEW.jsonl [--against OLD.jsonl]

Writes one JSON line a link (council, later ask, earlier ask, reason, score) and counts them by reason. With
``--against`` (the output of an earlier run, say of main), lists the links added and lost, to be read by hand;
the links of the measure split's councils are counted but not shown (docs/linking.md: rules come from the tune
split and the councils outside both).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.eval_status import council_key, split_of, unlinked  # noqa: E402


def carry_links(store) -> list[dict]:
    """Each council's carry-forward links, the store relinked in memory."""
    from kg import link

    memory, authorities = unlinked(store)
    out = []
    for authority in authorities:
        linker = link.Linker(link.load(memory, authority))
        linker.run()
        for later, earlier, reason, score in linker.carries:
            out.append({"authority": authority, "later": later, "earlier": earlier, "reason": reason,
                        "score": score, "later_text": linker.data.recs[later].text,
                        "earlier_text": linker.data.recs[earlier].text})
    return out


def changed(new: list[dict], old: list[dict]) -> list[tuple[str, dict]]:
    """The links added ("+") and lost ("-") from ``old`` to ``new``."""
    key = lambda x: (x["later"], x["earlier"])  # noqa: E731
    before, after = {key(x): x for x in old}, {key(x): x for x in new}
    return [("+", after[k]) for k in sorted(after.keys() - before.keys())] + \
        [("-", before[k]) for k in sorted(before.keys() - after.keys())]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--against", type=Path, help="an earlier run's output: list the links added and lost")
    args = ap.parse_args(argv)
    from kg import store as kgstore

    links = carry_links(kgstore.open_read(args.store))
    args.out.write_text("".join(json.dumps(x) + "\n" for x in links))
    print(f"{len(links)} carry-forward links: {dict(Counter(x['reason'] for x in links))}")
    if args.against:
        old = [json.loads(line) for line in args.against.read_text().splitlines() if line.strip()]
        diff = changed(links, old)
        print(f"added {sum(s == '+' for s, _ in diff)}, lost {sum(s == '-' for s, _ in diff)}")
        for sign, x in diff:
            council = x["authority"].rsplit("/", 1)[-1].replace("-", " ")
            if split_of(council_key(council)) == "measure":
                print(f"{sign} (a council of the measure split: not shown)")
                continue
            print(f"{sign} {council} | {x['reason']} {x['score']}\n  later:   {x['later_text'][:240]}\n"
                  f"  earlier: {x['earlier_text'][:240]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
