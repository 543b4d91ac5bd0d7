"""Real SPARQL servers for the endpoint tests: a read-write Oxigraph server and Virtuoso Open Source 7,
each started on free loopback ports in a temporary folder and stopped after (tests/conftest.py's
``engine`` fixture); and the dataset an engine holds, read back as quads to compare with the store."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from test_serve import free_port, wait_ready

PROJECT = ("https://w3id.org/inspection-kg/", "urn:inspection-kg:", "http://e/")  # graphs the tests write
VIRTUOSO = "virtuoso-t"
VIRTUOSO_ISQL = "isql-vt"


@dataclass
class Engine:
    name: str
    query: str  # SPARQL query URL (`--endpoint` of the reading commands)
    update: str  # SPARQL Update URL (`--endpoint` of `kg push`)
    graph_store: str  # Graph Store Protocol URL (`--graph-store` of `kg push`)
    loaded: Path | None = field(default=None)  # the store last pushed whole, to push each store once

    def load(self, store: Path) -> None:
        """Hold exactly ``store``'s graphs (pushed by Graph Store), unless it already does."""
        from kg.push import push

        if self.loaded != store:
            self.clear()
            push(store, graph_store=self.graph_store)
            self.loaded = store

    def clear(self) -> None:
        """Drop every graph the tests may have written; the engine's own system graphs stay."""
        from kg.push import send_update
        from kg.query import select

        for row in select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", endpoint=self.query):
            if row["g"].startswith(PROJECT):
                send_update(self.update, f"DROP SILENT GRAPH <{row['g']}>")
        self.loaded = None


def oxigraph(folder: Path):
    """A read-write Oxigraph server whose default graph is the union of its named graphs."""
    from kg.serve import oxigraph_binary

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(folder / "db"),
                             "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    with stopping(proc):
        wait_ready(proc, base + "/query")
        yield Engine("oxigraph", base + "/query", base + "/update", base + "/store")


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 400
"""


def virtuoso(folder: Path):
    """Virtuoso Open Source 7 (Debian's virtuoso-opensource-7) from a generated virtuoso.ini, with
    SPARQL_UPDATE granted to the SPARQL user (the anonymous user of /sparql and /sparql-graph-crud)."""
    if not shutil.which(VIRTUOSO) or not shutil.which(VIRTUOSO_ISQL):
        if os.environ.get("CI") == "true":
            pytest.fail("Virtuoso is missing; CI must install virtuoso-opensource-7 (.ci/run does)")
        pytest.skip("Virtuoso is not installed (Debian: apt-get install virtuoso-opensource-7)")
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port))
    proc = subprocess.Popen([VIRTUOSO, "-f", "-c", str(ini)], cwd=folder, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    base = f"http://127.0.0.1:{http_port}"
    with stopping(proc):
        wait_ready(proc, base + "/sparql", seconds=120)  # a new database is made on first start
        grant = subprocess.run([VIRTUOSO_ISQL, f"127.0.0.1:{sql_port}", "dba", "dba",
                                'EXEC=GRANT SPARQL_UPDATE TO "SPARQL";'],
                               capture_output=True, text=True, timeout=60, check=False)
        assert grant.returncode == 0, grant.stdout + grant.stderr
        yield Engine("virtuoso", base + "/sparql", base + "/sparql", base + "/sparql-graph-crud")


class stopping:
    """Stop the server's whole process group when the block ends, however it ends."""

    def __init__(self, proc: subprocess.Popen):
        self.proc = proc

    def __enter__(self):
        return self.proc

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        return False


def remote_quads(engine: Engine, graphs: list[str]):
    """The named graphs ``graphs`` as the engine holds them, as a canonical pyoxigraph Dataset.

    Read by SELECT and built from the JSON results here: Virtuoso names blank nodes ``nodeID://b1``, not
    a valid blank node label, so each becomes a blank node named by its digest.
    """
    import pyoxigraph as ox

    from kg.query import run_query

    out = ox.Dataset()
    for g in graphs:
        result = run_query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}", endpoint=engine.query)
        for row in json.loads(result.data)["results"]["bindings"]:
            out.add(ox.Quad(term(row["s"]), term(row["p"]), term(row["o"]), ox.NamedNode(g)))
    out.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return out


def term(b: dict):
    import pyoxigraph as ox

    if b["type"] == "uri":
        return ox.NamedNode(b["value"])
    if b["type"] == "bnode":
        return ox.BlankNode("b" + hashlib.sha1(b["value"].encode()).hexdigest()[:16])
    if "xml:lang" in b:
        return ox.Literal(b["value"], language=b["xml:lang"])
    return ox.Literal(b["value"], datatype=ox.NamedNode(b["datatype"]) if "datatype" in b else None)


def local_quads(store: Path):
    import pyoxigraph as ox

    from kg import store as kgstore

    st = kgstore.open_read(store)
    out = ox.Dataset(st.quads_for_pattern(None, None, None, None))
    out.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return out
