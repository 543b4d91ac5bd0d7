"""Why the linker does not cite the readers' evidence: for each labelled evidence quote of the tune split that
the tool does not cite, the tool's best candidate sentence and why it was not made evidence on the ask; and
for each near miss it cites, how it was found. Counts the causes.

    .venv/bin/python benchmarks/diagnose_evidence.py --store STORE [--quotes] [--near-misses]

Tune split only (docs/linking.md): its rows are the ones rules may be made from.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.eval_status import (  # noqa: E402
    CORPUS,
    LABELS,
    PREFIX,
    council_key,
    load_labels,
    match,
    normal,
    overlaps,
    split_of,
    tool_asks,
    unlinked,
)

MIN_SENTENCE = 25  # characters of a sentence's normal form: shorter ones overlap a quote by chance


def authority_of(store) -> dict[str, str]:
    """Each recommendation's council."""
    return {r[0].value: r[1].value for r in store.query(
        PREFIX + "SELECT ?r ?a WHERE { ?i ikg:hasRecommendation ?r ; ikg:inspectedAuthority ?a }",
        use_default_graph_as_union=True)}


def cited_by_rec(linker) -> dict[str, list[tuple[str, str, str]]]:
    """(quote in normal form, how found, status) of each assessment the linker emitted, by ask."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for a in linker.assessments:
        quote = normal(a.passage.text[a.start:a.end])
        out.setdefault(a.rec, []).append((quote, a.how, a.status))
    return out


def cause(linker, rec, quote: str, cited_elsewhere: dict[str, list[str]]) -> tuple[str, str]:
    """(why, the best candidate sentence) for a labelled quote the linker does not cite on ``rec``."""
    if any(overlaps(quote, normal(r.text)) for r in linker.data.recs.values() if r.iri != rec.iri):
        later = [r for r in linker.data.recs.values() if r.iri != rec.iri and overlaps(quote, normal(r.text))][0]
        return f"a later ask not carried forward (cosine {linker.sim.score(later.text, rec.text)})", later.text
    found = [s for s in linker.sentences if len(normal(s.text)) >= MIN_SENTENCE and overlaps(quote, normal(s.text))]
    if not found:
        return "not among the sentences read", ""
    scored = [(max(linker.sim.score(s.context, rec.text), linker.sim.score(s.text, rec.text)), s) for s in found]
    cos, best = max(scored, key=lambda x: x[0])
    key = (best.passage.iri, best.start)
    why = linker.dropped.get((key, rec.iri)) or linker.dropped.get((key, ""))
    if why is None:
        why = f"cosine {cos:.3f} under the floor"
    others = cited_elsewhere.get(normal(best.text), [])
    if others:
        why += " [cited on another ask]"
    return why, best.text


def kind(why: str) -> str:
    """A cause without its numbers, to count."""
    return re.sub(r"\s*\(cosine [^)]*\)|cosine [\d.]+ ?", "", why).strip()


def tune_arguments(description: str) -> argparse.ArgumentParser:
    """The arguments of a diagnosis of the tune split: the store, the corpus and the labels."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--labels", type=Path, default=LABELS)
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = tune_arguments(__doc__.splitlines()[0])
    ap.add_argument("--quotes", action="store_true", help="print each quote not cited, its candidate and cause")
    ap.add_argument("--near-misses", action="store_true", help="print each near miss cited and how it was found")
    args = ap.parse_args(argv)
    from kg import link
    from kg import store as kgstore
    from kg.pipeline import sha256_file

    labels = [lab for lab in load_labels(args.labels) if split_of(council_key(lab["council"])) == "tune"]
    memory, _ = unlinked(kgstore.open_read(args.store))
    asks, council = tool_asks(memory), authority_of(memory)
    linkers: dict[str, link.Linker] = {}
    causes: Counter = Counter()
    for lab in labels:
        rec_row = match(lab, asks.get(sha256_file(args.corpus / lab["ask_document"]), []))
        if rec_row is None:
            causes["ask not found"] += sum(len(p.get("evidence", [])) for p in lab["parts"])
            continue
        authority = council[rec_row["rec"]]
        if authority not in linkers:
            linkers[authority] = link.Linker(link.load(memory, authority))
            linkers[authority].dropped = {}
            linkers[authority].run()
        linker = linkers[authority]
        rec = linker.data.recs[rec_row["rec"]]
        by_rec = cited_by_rec(linker)
        cited = by_rec.get(rec.iri, [])
        elsewhere: dict[str, list[str]] = {}
        for other, quotes in by_rec.items():
            if other != rec.iri:
                for q, _, _ in quotes:
                    elsewhere.setdefault(q, []).append(other)
        for part in lab["parts"]:
            for ev in part.get("evidence", []):
                quote = normal(ev["quote"])
                if any(overlaps(quote, q) for q, _, _ in cited):
                    causes["cited"] += 1
                    continue
                why, best = cause(linker, rec, quote, elsewhere)
                causes[kind(why)] += 1
                if args.quotes:
                    print(f"- {lab['council']} | ask: {lab['ask_text'][:90]}\n  quote ({ev['reading']}, {ev['how']}): "
                          f"{ev['quote'][:200]}\n  candidate: {best[:200]}\n  why: {why}\n")
        if args.near_misses:
            for miss in lab.get("near_misses", []):
                hit = [(how, st) for q, how, st in cited if overlaps(normal(miss["quote"]), q)]
                if hit:
                    print(f"* NEAR MISS {lab['council']} | ask: {lab['ask_text'][:90]}\n  {miss['quote'][:200]}\n"
                          f"  cited as {hit}; why not: {miss['why_not'][:160]}\n")
    total = sum(causes.values())
    print(f"{total} labelled evidence quotes of the tune split; causes:")
    for why, n in causes.most_common():
        print(f"  {n:4d}  {why}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
