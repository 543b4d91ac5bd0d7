"""The push to Virtuoso and the named queries over it, timed beside the embedded store; writes the
"Another engine: Virtuoso" section of docs/benchmarks.md.

    python benchmarks/endpoints.py                      # 1,224 generated documents (153 councils x 8)
    python benchmarks/endpoints.py --councils 25 --per 4   # 100
    python benchmarks/endpoints.py --store PATH         # an existing build instead
    python benchmarks/endpoints.py --quick --out /tmp/b.md

Virtuoso (Debian's virtuoso-opensource-7) is started from a generated virtuoso.ini in a temporary folder,
as the endpoint tests start it (tests/engines.py), and stopped after.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]
SECTION = "## Another engine: Virtuoso"


def timed(fn) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def build(work: Path, n_auth: int, per: int) -> Path:
    from run import make_corpus

    from kg.pipeline import build as kg_build

    folder = work / "corpus"
    make_corpus(n_auth, per, folder)
    store = work / "store"
    report = kg_build([folder, ROOT / "examples" / "documents"], store, jobs=2)
    assert not report.failed, [r.error for r in report.failed]
    return store


def measure(store: Path, work: Path, repeats: int) -> list[str]:
    from engines import virtuoso
    from run import median_time, sample_params

    from kg.push import push
    from kg.query import named_queries, run_query

    samples = {k: getattr(v, "value", str(v)) for k, v in sample_params(store).items()}
    lines = []
    for engine in virtuoso(work / "virtuoso"):
        secs, report = timed(partial(push, store, graph_store=engine.graph_store))
        lines.append(f"Push by Graph Store: {len(report.graphs):,} graphs, {report.triples:,} triples in "
                     f"{secs:.1f} s.")
        secs, report = timed(partial(push, store, endpoint=engine.update))
        lines.append(f"Push by SPARQL Update (batches of 500 triples, then MOVE): {secs:.1f} s.")
        lines += ["", "| named query | form | rows | embedded store (median) | Virtuoso (median) |",
                  "| --- | --- | --- | --- | --- |"]
        for q in named_queries():
            text = q.path.read_text(encoding="utf-8")
            forms = {"all councils": None}
            params = {p.name: samples[p.name] for p in q.params if p.name in samples}
            if q.params and len(params) == len(q.params):
                forms["one " + " and ".join("council" if n == "authority" else n for n in params)] = params
            for form, p in forms.items():
                local = run_query(text, store=store, params=p).plain_rows()
                remote = run_query(text, endpoint=engine.query, params=p).plain_rows()
                same = "" if sorted(map(str, local)) == sorted(map(str, remote)) else " (rows differ!)"
                t_local, _ = median_time(partial(run_query, text, store=store, params=p), repeats)
                t_remote, _ = median_time(partial(run_query, text, endpoint=engine.query, params=p), repeats)
                lines.append(f"| {q.name} | {form} | {len(local):,}{same} | {t_local * 1000:.0f} ms | "
                             f"{t_remote * 1000:.0f} ms |")
    return lines


def write(out: Path, lines: list[str], what: str) -> None:
    body = "\n".join([SECTION, "", f"`python benchmarks/endpoints.py` on {what}: the store pushed into Virtuoso "
                      "Open Source 7 (a fresh database on this machine), then each named query run on the "
                      "embedded store and on Virtuoso, the same rows on both (each form checked), the "
                      "median of repeated runs, end to end in this process (HTTP included for "
                      "Virtuoso).", "", *lines, ""])
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    if SECTION in text:
        text = re.sub(re.escape(SECTION) + r".*?(?=\n## |\Z)", body.rstrip("\n") + "\n", text, flags=re.DOTALL)
    else:
        text = text.rstrip("\n") + "\n\n" + body
    out.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", type=Path, help="an existing build (default: generate and build one)")
    ap.add_argument("--quick", action="store_true", help="a tiny build, to check the runner works")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    ap.add_argument("--councils", type=int, default=153, help="councils in the generated corpus")
    ap.add_argument("--per", type=int, default=8, help="documents a council in the generated corpus")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-bench-engines-") as tmp:
        work = Path(tmp)
        (work / "virtuoso").mkdir()
        n_auth, per = (3, 1) if args.quick else (args.councils, args.per)
        store = args.store or build(work, n_auth, per)
        what = f"`{args.store}`" if args.store else f"{n_auth * per:,} generated documents ({n_auth} councils " \
            f"x {per}) and the 5 seeds"
        lines = measure(store, work, 3 if args.quick else 5)
    write(args.out, lines, what)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
