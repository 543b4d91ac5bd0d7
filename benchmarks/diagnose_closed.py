"""What keeps the tune split's asks from being Closed: which gate or status rule stops each one.

The linker reads a matched good state as progress when a gate holds (``Linker.closing_gates``: the ask's key
term or subject share not named, an aspect not named, a match by the paragraph's theme only, a narrower visit
focus, an agency unnamed, a better-scoring ask), and a document does not close an ask when a status rule
refuses (``linker.STATUS_GATES``: another sentence of it in progress, a qualified paragraph, a doubt, too
little confidence). This script relinks the tune split's councils with gates relaxed (``Linker.relaxed``) and
prints:

- for each ask labelled Closed that the tool does not close: each assessment of its deciding document (the
  latest inspectorate document that speaks of it), with the gates that held it back;
- per gate, over the asks that every gate relaxed would close: how many labelled Closed it alone blocks
  (right Closed lost) and how many labelled otherwise it alone prevents (wrong Closed kept out), and what
  relaxing that gate alone (the others kept) changes.

    .venv/bin/python benchmarks/diagnose_closed.py --store STORE [--asks]

Tune split only (docs/linking.md): its rows are the ones rules may be made from.
"""

from __future__ import annotations

import copy
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.diagnose_evidence import authority_of, tune_arguments  # noqa: E402
from benchmarks.eval_status import council_key, load_labels, match, split_of, tool_asks, unlinked  # noqa: E402


def statuses(data, relaxed: frozenset[str], recs: set[str]):
    """(the linker run with ``relaxed`` gates, each of ``recs``'s current status)."""
    from kg import link
    from kg.link.model import IKG

    linker = link.Linker(copy.deepcopy(data))
    linker.relaxed = relaxed
    triples = linker.run()
    got = {s: o[len(IKG):] for s, p, o in triples if p == IKG + "currentStatus" and s in recs}
    return linker, got


def deciding(linker, rec_iri: str) -> list:
    """The assessments of an ask's deciding document (and its doubts), latest inspectorate document first."""
    mine = [a for a in linker.assessments if a.rec == rec_iri]
    found = [a for a in mine if a.how != "Doubt"]
    source = "InspectorateFinding" if any(a.doc.source == "InspectorateFinding" for a in found) else "SelfReport"
    found = [a for a in found if a.doc.source == source]
    if not found:
        return []
    latest = max(a.doc.date for a in found)
    return [a for a in mine if a.doc.date == latest or (a.how == "Doubt" and a.doc.date >= latest)]


def show(linker, lab: dict, rec_iri: str, tool: str) -> None:
    from kg.link.linker import CLOSE_CONFIDENCE, qualified

    print(f"- {lab['council']} | label {lab['status']} | tool {tool}\n  ask: {lab['ask_text'][:110]}")
    rows = deciding(linker, rec_iri)
    if not rows:
        print("  (no evidence)")
    for a in sorted(rows, key=lambda a: (a.doc.date, a.passage.iri, a.start)):
        notes = list(a.held)
        if a.how != "Doubt" and qualified(a):
            notes.append("qualified")
        if a.confidence < CLOSE_CONFIDENCE:
            notes.append(f"conf {a.confidence}")
        print(f"    {a.doc.date} {a.status:<10} {a.how:<17} [{', '.join(notes)}] "
              f"{a.passage.text[a.start:a.end][:170]!r}")


def main(argv: list[str] | None = None) -> int:
    ap = tune_arguments(__doc__.splitlines()[0])
    ap.add_argument("--asks", action="store_true", help="print the deciding document of each ask not closed")
    args = ap.parse_args(argv)
    from kg import link
    from kg import store as kgstore
    from kg.link.linker import CLOSING_GATES, STATUS_GATES
    from kg.pipeline import sha256_file

    gates = CLOSING_GATES + STATUS_GATES
    labels = [lab for lab in load_labels(args.labels) if split_of(council_key(lab["council"])) == "tune"]
    stored = kgstore.open_read(args.store)
    memory, authorities = unlinked(stored)
    # The asks as eval_status matches them: an ask rebuilt from a later document is in the linker's graph.
    linked, _ = unlinked(stored)
    tune = {council_key(lab["council"]) for lab in labels}
    link.link_authorities(linked, [a for a in authorities if a.rstrip("/").rsplit("/", 1)[-1] in tune])
    asks, council = tool_asks(linked), authority_of(linked)
    by_council: dict[str, list[tuple[dict, str]]] = {}
    for lab in labels:
        row = match(lab, asks.get(sha256_file(args.corpus / lab["ask_document"]), []))
        if row is not None:
            by_council.setdefault(council[row["rec"]], []).append((lab, row["rec"]))
    configs = {"none": frozenset(), "all": frozenset(gates)}
    for g in gates:
        configs[f"only {g}"] = frozenset({g})
        configs[f"all but {g}"] = frozenset(gates) - {g}
    result: dict[str, dict[str, str]] = {name: {} for name in configs}
    kept_linkers = {}
    for authority, mine in sorted(by_council.items()):
        data = link.load(memory, authority)
        recs = {rec for _, rec in mine}
        for name, relaxed in configs.items():
            linker, got = statuses(data, relaxed, recs)
            result[name].update(got)
            if name == "none":
                kept_linkers[authority] = linker
    pairs = [(lab, rec, authority) for authority, mine in by_council.items() for lab, rec in mine]

    def tally(name: str) -> tuple[int, int]:
        said = [lab for lab, rec, _ in pairs if result[name].get(rec) == "Closed"]
        return sum(lab["status"] == "Closed" for lab in said), sum(lab["status"] != "Closed" for lab in said)

    print(f"{len(pairs)} tune asks found of {len(labels)}; labelled Closed "
          f"{sum(lab['status'] == 'Closed' for lab, _, _ in pairs)}")
    for name in ("none", "all"):
        right, wrong = tally(name)
        print(f"gates relaxed: {name:<5} Closed said {right + wrong}: labelled Closed {right}, otherwise {wrong}")
    print("\nper gate: with every other gate relaxed, the asks it alone keeps from Closed (right blocked / "
          "wrong prevented);\n          relaxing it alone: Closed gained (right / wrong)")
    for g in gates:
        blocked = Counter(lab["status"] == "Closed" for lab, rec, _ in pairs
                          if result["all"].get(rec) == "Closed" and result[f"all but {g}"].get(rec) != "Closed")
        gained = Counter(lab["status"] == "Closed" for lab, rec, _ in pairs
                         if result[f"only {g}"].get(rec) == "Closed" and result["none"].get(rec) != "Closed")
        print(f"  {g:<16} alone blocks {blocked[True]:3d} right / {blocked[False]:3d} wrong;   "
              f"relaxed alone gains {gained[True]:3d} right / {gained[False]:3d} wrong")
    if args.asks:
        print("\n== labelled Closed, not closed by the tool: the deciding document")
        for lab, rec, authority in pairs:
            if lab["status"] == "Closed" and result["none"].get(rec) != "Closed":
                show(kept_linkers[authority], lab, rec, result["none"].get(rec, "Unknown"))
        print("\n== labelled otherwise, closed with every gate relaxed: the gates that keep it out")
        for lab, rec, authority in pairs:
            if lab["status"] != "Closed" and result["all"].get(rec) == "Closed":
                stop = [g for g in gates if result[f"all but {g}"].get(rec) != "Closed"]
                print(f"  [{', '.join(stop) or 'several together'}]", end=" ")
                show(kept_linkers[authority], lab, rec, result["none"].get(rec, "Unknown"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
