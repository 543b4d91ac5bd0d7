"""The RDF emitted for two seed documents, compared with canonical Turtle snapshots by graph isomorphism;
on a difference the missing and added triples are printed. Regenerate after an intended change with
``KG_REGEN=1 .venv/bin/python -m pytest tests/test_emit_snapshot.py`` and review the diff in git."""

from __future__ import annotations

import os

import pytest
from conftest import EXAMPLES, ROOT
from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

from kg.emit import emit
from kg.extract import extract
from kg.read import read_document
from kg.vocab import PREFIXES

SNAPSHOTS = ROOT / "tests" / "expected" / "emit"
CASES = ["002_f56597b9e2c30ff6", "004_9c00742d48bfc1d9"]


def emitted(stem: str) -> Graph:
    path = EXAMPLES / f"{stem}.txt"
    # The name as a user gives it from the repository root, so the snapshot holds no machine path.
    g = emit(extract(read_document(path, f"examples/documents/{path.name}")))
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


@pytest.mark.parametrize("stem", CASES)
def test_emitted_rdf_matches_snapshot(stem):
    got = emitted(stem)
    snap = SNAPSHOTS / f"{stem}.ttl"
    if os.environ.get("KG_REGEN") == "1" or not snap.exists():
        snap.write_text(got.serialize(format="longturtle"))
        if os.environ.get("KG_REGEN") != "1":
            pytest.fail(f"{snap} did not exist; written now: review and commit it")
    want = Graph().parse(snap)
    if to_isomorphic(got) != to_isomorphic(want):
        _, missing, added = graph_diff(to_isomorphic(want), to_isomorphic(got))
        lines = [f"- {' '.join(t.n3() for t in tr)}" for tr in sorted(missing)][:40]
        lines += [f"+ {' '.join(t.n3() for t in tr)}" for tr in sorted(added)][:40]
        pytest.fail(f"{stem}: emitted RDF differs from {snap.name}\n" + "\n".join(lines))


def test_every_snapshot_has_a_case():
    assert sorted(p.stem for p in SNAPSHOTS.glob("*.ttl")) == sorted(CASES)
