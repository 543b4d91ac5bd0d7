"""`kg push` into real read-write SPARQL servers (the Oxigraph server and Virtuoso: tests/engines.py), by
Graph Store Protocol and by SPARQL Update in batches, each round-tripping the seed store exactly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from engines import local_quads, remote_quads

ROOT = Path(__file__).resolve().parents[1]
KG = [sys.executable, "-m", "kg.cli.main"]
pytestmark = pytest.mark.server
STALE = b'<http://e/stale> <http://e/p> "old" .\n'
LINKER = "https://w3id.org/inspection-kg/id/graph/linker/barnsley"


def push(store: Path, *args: str) -> subprocess.CompletedProcess:
    res = subprocess.run(check=False, args=[*KG, "push", "--store", str(store), *args], capture_output=True,
                         text=True, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    return res


def graphs(store: Path) -> list[str]:
    from kg import store as kgstore

    return sorted(g.value for g in kgstore.open_read(store).named_graphs())


def assert_same_quads(store: Path, engine) -> None:
    local, remote = set(local_quads(store)), set(remote_quads(engine, graphs(store)))
    assert not local - remote and not remote - local, \
        f"{engine.name}: only in the store {sorted(map(str, local - remote))[:5]}; " \
        f"only in the engine {sorted(map(str, remote - local))[:5]}"


def test_push_by_graph_store_round_trips_the_seed_store(seed_store, engine):
    engine.clear()
    res = push(seed_store, "--graph-store", engine.graph_store)
    assert "by graph-store" in res.stderr
    assert_same_quads(seed_store, engine)


def test_push_by_update_in_batches_round_trips_the_seed_store_and_replaces(seed_store, engine, monkeypatch):
    """Small batches, so every graph takes several requests and the blank nodes of the ontology's
    lists and restrictions must stay with their triples; pushed twice, nothing is duplicated."""
    from kg import push as kgpush

    engine.clear()
    monkeypatch.setattr(kgpush, "BATCH_TRIPLES", 50)
    sent = []
    for _ in range(2):
        report = kgpush.push(seed_store, endpoint=engine.update, progress=lambda n, total, g: sent.append((n, total)))
        assert report.method == "update"
    assert sent[-1][0] == sent[-1][1] == report.triples
    assert len(sent) > 2 * report.triples // 50  # a step per batch, for the progress bar
    assert_same_quads(seed_store, engine)
    assert not [g for g in all_graphs(engine) if g.startswith(kgpush.TEMP_GRAPH)], "a temporary graph is left"
    engine.loaded = None


def all_graphs(engine) -> list[str]:
    from kg.query import select

    return [r["g"] for r in select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", endpoint=engine.query)]


@pytest.mark.parametrize("how", ["--graph-store", "--endpoint"])
def test_push_replaces_what_the_graph_held_before(seed_store, engine, how):
    from kg.push import send_update
    from kg.query import select

    send_update(engine.update, f"INSERT DATA {{ GRAPH <{LINKER}> {{ {STALE.decode()} }} }}")
    push(seed_store, how, engine.graph_store if how == "--graph-store" else engine.update)
    assert select("SELECT * WHERE { <http://e/stale> ?p ?o }", endpoint=engine.query) == []
    engine.loaded = seed_store


def test_a_failed_batch_leaves_the_graph_as_it_was_and_names_it(seed_store, engine, monkeypatch):
    """The store refuses the third request: the graph being copied keeps its earlier triples, no
    temporary graph is left, and the error names the graph."""
    from kg import push as kgpush
    from kg.errors import QueryError

    engine.load(seed_store)
    first = graphs(seed_store)[0]
    before = set(remote_quads(engine, [first]))
    real, calls = kgpush.send_update, []

    def refuse_third(url, text):
        calls.append(text)
        if len(calls) == 3:
            raise QueryError(f"{url}: HTTP 500 refused")
        real(url, text)

    monkeypatch.setattr(kgpush, "BATCH_TRIPLES", 50)
    monkeypatch.setattr(kgpush, "send_update", refuse_third)
    with pytest.raises(QueryError, match=f"graph <{first}> not replaced .*100 of its triples"):
        kgpush.push(seed_store, endpoint=engine.update)
    assert set(remote_quads(engine, [first])) == before and before
    assert not [g for g in all_graphs(engine) if g.startswith(kgpush.TEMP_GRAPH)]


def test_a_failed_move_names_the_graph_that_may_be_incomplete(seed_store, engine, monkeypatch):
    from kg import push as kgpush
    from kg.errors import QueryError

    engine.load(seed_store)
    real = kgpush.send_update

    def refuse_move(url, text):
        if text.startswith("MOVE"):
            raise QueryError(f"{url}: HTTP 500 refused")
        real(url, text)

    monkeypatch.setattr(kgpush, "send_update", refuse_move)
    with pytest.raises(QueryError, match=f"graph <{graphs(seed_store)[0]}> may be incomplete"):
        kgpush.push(seed_store, endpoint=engine.update)
    assert not [g for g in all_graphs(engine) if g.startswith(kgpush.TEMP_GRAPH)]


def test_push_needs_a_target(seed_store):
    res = subprocess.run(check=False, args=[*KG, "push", "--store", str(seed_store)], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 2 and "--endpoint" in res.stderr
