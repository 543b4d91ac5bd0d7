"""`kg serve`: a real read-only SPARQL 1.1 endpoint on 127.0.0.1 at a free port, queried with
SPARQLWrapper and rdflib's SPARQLStore, refusing updates, and agreeing with `kg query` (the oracle)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from test_query import build_mini

ROOT = Path(__file__).resolve().parents[1]
KG = [sys.executable, "-m", "kg.cli.main"]
pytestmark = pytest.mark.server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(proc: subprocess.Popen, url: str, seconds: float = 30) -> None:
    """Poll until the endpoint answers; on failure show the server's stderr."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"server exited with {proc.returncode}: {proc.stderr.read()}")
        try:
            with urllib.request.urlopen(url + "?query=" + urllib.parse.quote("ASK {}"), timeout=2):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    proc.terminate()
    pytest.fail(f"server not ready at {url} after {seconds}s: {proc.communicate(timeout=10)[1]}")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    store = build_mini(tmp_path_factory.mktemp("serve") / "store")
    port = free_port()
    proc = subprocess.Popen([*KG, "serve", "--store", str(store), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    url = f"http://127.0.0.1:{port}/query"
    try:
        wait_ready(proc, url)
        yield store, url, proc
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert not list(store.glob("serve-*")), "kg serve left its snapshot behind"


def test_sparqlwrapper_select(served):
    from SPARQLWrapper import JSON, SPARQLWrapper

    _, url, _ = served
    sw = SPARQLWrapper(url)
    sw.setQuery("PREFIX ikg: <https://w3id.org/inspection-kg/ontology#>\n"
                "SELECT ?a WHERE { ?a a ikg:Authority } ORDER BY ?a")  # no GRAPH: union default graph
    sw.setReturnFormat(JSON)
    rows = sw.query().convert()["results"]["bindings"]
    assert [r["a"]["value"].rsplit("/", 1)[1] for r in rows] == ["barnet", "barnsley"]


def test_rdflib_sparqlstore(served):
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    _, url, _ = served
    g = Graph(store=SPARQLStore(url))
    res = list(g.query("PREFIX ikg: <https://w3id.org/inspection-kg/ontology#>\n"
                       "SELECT (COUNT(?r) AS ?n) WHERE { ?r a ikg:Recommendation }"))
    assert int(res[0][0]) == 4


def test_content_negotiation_csv(served):
    _, url, _ = served
    q = urllib.parse.quote("SELECT ?l WHERE { ?a a <https://w3id.org/inspection-kg/ontology#Authority> ; "
                           "<http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l")
    req = urllib.request.Request(f"{url}?query={q}", headers={"Accept": "text/csv"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        assert resp.headers["Content-Type"].startswith("text/csv")
        assert resp.read().decode().split() == ["l", "Barnet", "Barnsley"]


def test_update_is_refused_and_store_unchanged(served):
    _, url, _ = served
    base = url.rsplit("/", 1)[0]
    body = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    for target in (base + "/update", base + "/query"):
        req = urllib.request.Request(target, data=body, method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(req, timeout=10)
        assert 400 <= e.value.code < 500
    from kg.query import select

    assert len(select("SELECT ?a WHERE { ?a a ikg:Authority }", endpoint=url)) == 2


def run_rows(args: list[str]) -> Counter:
    res = subprocess.run(check=False, args=[*KG, "query", *args, "--format", "json"], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    return Counter(json.dumps(b, sort_keys=True) for b in out["results"]["bindings"])


ORACLE_PARAMS = {"recommendation-history": [
    "recommendation=https://w3id.org/inspection-kg/id/inspection/barnsley/safeguarding-lac/2012-06/recommendation/1"]}


def oracle_cases():
    from kg.query import named_queries

    for q in named_queries():
        yield q.name, ORACLE_PARAMS.get(q.name, ["authority=barnsley"] if q.params else [])
        if q.params:  # and every council: the form that reads the most, and uses LATERAL the most
            yield q.name, []


@pytest.mark.parametrize(("name", "params"), list(oracle_cases()))
def test_endpoint_agrees_with_embedded_store(served, name, params):
    store, url, _ = served
    args = ["--named", name, *[x for p in params for x in ("--param", p)]]
    local = run_rows([*args, "--store", str(store)])
    remote = run_rows([*args, "--endpoint", url])
    if name.endswith("-violation") and not local:
        pytest.skip(f"{name}: a violation query with nothing to find in the fixture; the oracle would prove nothing")
    assert local, f"{name}: no rows on the embedded store; the oracle would prove nothing"
    assert remote == local, f"{name}\n  endpoint: {sorted(remote)}\n  embedded: {sorted(local)}"


# ---------------------------------------------------------------- hostile clients and kills

def post_query(url: str, text: str, accept: str = "application/sparql-results+json") -> tuple[int, str]:
    """Status and body of one query (an HTTP error status is returned, not raised)."""
    req = urllib.request.Request(url, data=urllib.parse.urlencode({"query": text}).encode(), method="POST",
                                 headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:  # only stops a hung test
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def start_server(store: Path, *args: str) -> tuple[subprocess.Popen, str]:
    """`kg serve` in its own process group (so a test can find and clean up everything it starts)."""
    port = free_port()
    proc = subprocess.Popen([*KG, "serve", "--store", str(store), "--port", str(port), *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}/query"
    wait_ready(proc, url)
    return proc, url


def stop_group(proc: subprocess.Popen) -> None:
    import os
    import signal

    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=20)


def test_endpoint_never_follows_service(served):
    from test_query_safety import Listener, federated_queries

    _, url, _ = served
    listener = Listener()
    try:
        for text in federated_queries(listener.port):
            status, body = post_query(url, text)
            assert (status, body.strip()) == (400, "query: SERVICE is refused: kg never fetches from other "
                                                   "endpoints (federated queries are off)"), text
    finally:
        listener.close()
    assert listener.connections == 0


def test_an_update_sent_as_a_query_is_named_as_one(served):
    _, url, _ = served
    for text in ("DROP ALL", 'INSERT DATA { <http://e/a> <http://e/b> "c" }'):
        assert post_query(url, text) == (400, "query: this endpoint is read-only: updates are refused\n")
    assert post_query(url, "SELECT * WHERE { ?s ?p }")[0] == 400  # a plain syntax error stays one


CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
STREAMING = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def test_timeout_stops_the_query_with_a_clean_error(tmp_path):
    store = build_mini(tmp_path / "store")
    proc, url = start_server(store, "--timeout", "2")
    try:
        for text in (CROSS_PRODUCT, STREAMING):
            status, body = post_query(url, text)
            assert (status, body.strip()) == (503, "query stopped at the 2 s timeout"), text
        status, body = post_query(url, "ASK { ?s ?p ?o }")  # the server goes on answering
        assert status == 200 and json.loads(body)["boolean"] is True
    finally:
        stop_group(proc)


def group_members(pgid: int) -> dict[int, int]:
    """The live (not zombie) processes of a process group: pid -> parent pid."""
    out = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, ppid, group = fields[0], int(fields[1]), int(fields[2])
        if group == pgid and state != "Z":
            out[int(stat.parent.name)] = ppid
    return out


def wait_for(condition, seconds: float = 60) -> bool:
    """Poll until condition() holds; the bound only stops a hung test."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def listening(url: str) -> bool:
    port = urllib.parse.urlsplit(url).port
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")
def test_kill_9_of_kg_serve_leaves_nothing_running_and_the_next_start_cleans_up(tmp_path):
    import contextlib
    import os
    import signal
    import threading

    store = build_mini(tmp_path / "store")
    proc, url = start_server(store, "--timeout", "0")  # no timeout: the worker would run for ever
    try:
        def hang() -> None:
            with contextlib.suppress(OSError):  # the server is killed under it
                post_query(url, CROSS_PRODUCT)

        threading.Thread(target=hang, daemon=True).start()
        # a worker is a grandchild of kg serve (its parent is the fork server kg started)
        assert wait_for(lambda: any(ppid not in (proc.pid, 1) and pid != proc.pid
                                    for pid, ppid in group_members(proc.pid).items()))
        left = list(store.glob(f"serve-{proc.pid}-*"))
        assert left, "the snapshot of the running server"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=20)
        assert wait_for(lambda: not group_members(proc.pid)), group_members(proc.pid)
        assert not listening(url)
        assert all(p.exists() for p in left)  # nobody cleaned up after kill -9 ...
    finally:
        stop_group(proc)
    again, _ = start_server(store)
    try:
        assert not any(p.exists() for p in left)  # ... until the next kg serve on the store
    finally:
        again.terminate()
        again.wait(timeout=20)
    assert not list(store.glob("serve-*"))
