"""How the tool reads the sentences the readers quoted: does ``cues.assess`` / ``cues.evaluate`` read a labelled
evidence quote as its reader did (positive -> Closed, deficit -> Open, mixed -> InProgress)?

    .venv/bin/python benchmarks/eval_readings.py [--unread] [--disagree] [--near-misses]

Prints, for the tune and the measure split apart, the share of quotes the tool reads at all, the agreement
over all quotes and over those it reads, and how it reads the near misses (passages that look like
evidence and are not: ideally unread, or read but kept from being evidence by the linker's other checks).
The listings (--unread, --disagree, --near-misses) are of the tune split only: the measure split is never
looked at quote by quote.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.eval_status import LABELS, council_key, load_labels, split_of  # noqa: E402

READINGS = ("positive", "deficit", "mixed")
AS_READING = {"Closed": "positive", "InProgress": "mixed", "Open": "deficit"}


def read_sentence(sentence: str) -> str | None:
    """The tool's reading of one sentence: its words of change first, then the state it describes."""
    from kg import cues

    found = cues.assess(sentence)
    if found:
        return AS_READING[found[0]]
    found = cues.evaluate(sentence)
    return found[0] if found else None


def read(quote: str) -> str | None:
    """The tool's reading of a quote, sentence by sentence: one reading if its sentences agree, mixed if not."""
    from kg.document import sentence_spans

    kinds = {read_sentence(quote[start:end]) for start, end in sentence_spans(quote)} - {None}
    return kinds.pop() if len(kinds) == 1 else "mixed" if kinds else None


def labelled(split: str, folder: Path = LABELS) -> tuple[list[dict], list[dict]]:
    """(evidence quotes with a reading, near misses) of one split's labelled asks."""
    quotes, misses = [], []
    for ask in load_labels(folder):
        if split_of(council_key(ask["council"])) != split:
            continue
        for part in ask["parts"]:
            quotes += [dict(e, council=ask["council"]) for e in part.get("evidence", [])
                       if e.get("reading") in READINGS]
        misses += [dict(m, council=ask["council"]) for m in ask.get("near_misses", [])]
    return quotes, misses


def agreement(quotes: list[dict]) -> dict:
    """Counts and shares of the tool's readings against the readers'."""
    pairs = [(q["reading"], read(q["quote"])) for q in quotes]
    read_ = [p for p in pairs if p[1] is not None]
    agree = sum(a == b for a, b in pairs)
    return {"quotes": len(pairs), "read": len(read_), "agree": agree,
            "agreement": round(agree / len(pairs), 3) if pairs else None,
            "agreement_of_read": round(agree / len(read_), 3) if read_ else None,
            "confusion": Counter(f"{a}->{b}" for a, b in pairs)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--unread", action="store_true", help="list the tune quotes the tool does not read")
    ap.add_argument("--disagree", action="store_true", help="list the tune quotes the tool reads otherwise")
    ap.add_argument("--near-misses", action="store_true", help="list the tune near misses the tool reads")
    args = ap.parse_args(argv)
    for split in ("tune", "measure"):
        quotes, misses = labelled(split, args.labels)
        m = agreement(quotes)
        missed = Counter(read(n["quote"]) for n in misses)
        print(f"{split}: {m['quotes']} quotes, read {m['read']}, agree {m['agree']} "
              f"(agreement {m['agreement']}, of those read {m['agreement_of_read']})")
        if split == "tune":
            print("  reader->tool: " + ", ".join(f"{k} {v}" for k, v in sorted(m["confusion"].items(), key=str)))
        print(f"  near misses {len(misses)}: " + ", ".join(f"{k or 'unread'} {v}" for k, v in
                                                          sorted(missed.items(), key=lambda kv: str(kv[0]))))
    quotes, misses = labelled("tune", args.labels)
    for q in quotes:
        tool = read(q["quote"])
        if (args.unread and tool is None) or (args.disagree and tool not in (None, q["reading"])):
            print(f"- {q['council']} | reader {q['reading']}, tool {tool}: {q['quote']}")
    if args.near_misses:
        for n in misses:
            tool = read(n["quote"])
            if tool:
                print(f"* {n['council']} | near miss read {tool}: {n['quote']}\n  why not: {n['why_not'][:160]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
