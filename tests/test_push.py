"""`kg push` into a real read-write Oxigraph server, by Graph Store Protocol and by SPARQL Update."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from test_query import build_mini
from test_serve import free_port, wait_ready

ROOT = Path(__file__).resolve().parents[1]
KG = [sys.executable, "-m", "kg.cli.main"]
pytestmark = pytest.mark.server
PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> Path:
    return build_mini(tmp_path_factory.mktemp("push") / "store")


@pytest.fixture()
def external(tmp_path):
    from kg.serve import oxigraph_binary

    port = free_port()
    proc = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(tmp_path / "ext"),
                             "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(proc, base + "/query")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def push(mini: Path, *args: str) -> subprocess.CompletedProcess:
    res = subprocess.run(check=False, args=[*KG, "push", "--store", str(mini), *args], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    return res


def same_as_local(mini: Path, base: str) -> None:
    from kg.query import named_query, select

    assert select(PER_GRAPH, endpoint=base + "/query") == select(PER_GRAPH, store=mini)
    text = named_query("open-recommendations")
    remote = Counter(map(str, select(text, endpoint=base + "/query", params={"authority": "barnsley"})))
    assert remote == Counter(map(str, select(text, store=mini, params={"authority": "barnsley"})))
    assert len(remote) == 3


def test_push_by_graph_store_protocol(mini, external):
    res = push(mini, "--graph-store", external + "/store")
    assert "by graph-store" in res.stderr
    same_as_local(mini, external)


def test_push_by_update_twice_replaces_not_duplicates(mini, external):
    push(mini, "--endpoint", external + "/update")
    push(mini, "--endpoint", external + "/update")
    same_as_local(mini, external)


def test_push_replaces_what_the_graph_held_before(mini, external):
    from kg.query import http_request, select

    stale = b'<http://e/stale> <http://e/p> "old" .\n'
    http_request(external + "/store?graph=https%3A%2F%2Fw3id.org%2Finspection-kg%2Fid%2Fgraph%2Flinker%2Fbarnsley", stale,
                 {"Content-Type": "application/n-triples"}, method="PUT")
    push(mini, "--graph-store", external + "/store")
    assert select("SELECT * WHERE { <http://e/stale> ?p ?o }",
                  endpoint=external + "/query") == []


def test_push_needs_a_target(mini):
    res = subprocess.run(check=False, args=[*KG, "push", "--store", str(mini)], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 2 and "--endpoint" in res.stderr
