"""Copy the dataset into an external SPARQL 1.1 store, one named graph at a time.

With a Graph Store Protocol URL each graph is replaced by an HTTP ``PUT ...?graph=IRI`` of its
N-Triples; otherwise (or when the store refuses the Graph Store Protocol) each graph is replaced by a
SPARQL Update ``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } }`` sent to the update
endpoint. Either way a second push replaces, never duplicates.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import QueryError, UsageError
from kg.query import http_request


@dataclass
class PushReport:
    graphs: list[tuple[str, int]] = field(default_factory=list)  # (graph IRI or "default", triples)
    method: str = ""

    @property
    def triples(self) -> int:
        return sum(n for _, n in self.graphs)


def graphs_of(st) -> list[tuple[object, bytes, int]]:
    """Each graph of the store (the default graph too when it holds anything) as N-Triples."""
    import pyoxigraph as ox

    out = []
    names = sorted(st.named_graphs(), key=lambda g: g.value)
    for g in [ox.DefaultGraph(), *names]:
        data = st.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g)
        count = data.count(b"\n")
        if count or not isinstance(g, ox.DefaultGraph):
            out.append((g, data, count))
    return out


def push(store_path: Path | None, endpoint: str | None = None, graph_store: str | None = None) -> PushReport:
    """Copy every graph to the external store; ``endpoint`` is its SPARQL Update URL."""
    from kg import store as kgstore

    if not endpoint and not graph_store:
        raise UsageError("push: give --endpoint (SPARQL Update URL) and/or --graph-store (Graph Store URL)")
    st = kgstore.open_read(store_path)
    report = PushReport(method="graph-store" if graph_store else "update")
    for g, data, count in graphs_of(st):
        name = getattr(g, "value", "default")
        if graph_store and report.method == "graph-store":
            try:
                put_graph(graph_store, g, data)
            except QueryError:
                if not endpoint:
                    raise
                report.method = "update"  # the store refused the Graph Store Protocol: fall back
        if report.method == "update":
            update_graph(endpoint, g, data)
        report.graphs.append((name, count))
    return report


def put_graph(url: str, g, data: bytes) -> None:
    import pyoxigraph as ox

    query = "default" if isinstance(g, ox.DefaultGraph) else urllib.parse.urlencode({"graph": g.value})
    sep = "&" if "?" in url else "?"
    http_request(f"{url}{sep}{query}", data, {"Content-Type": "application/n-triples"}, method="PUT")


def update_graph(url: str, g, data: bytes) -> None:
    """Replace one graph by SPARQL Update; the N-Triples are pyoxigraph's, so every term is escaped."""
    import pyoxigraph as ox

    if isinstance(g, ox.DefaultGraph):
        text = f"DROP SILENT DEFAULT ;\nINSERT DATA {{\n{data.decode('utf-8')}}}"
    else:
        text = f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{data.decode('utf-8')}}} }}"
    body = urllib.parse.urlencode({"update": text}).encode("utf-8")
    http_request(url, body, {"Content-Type": "application/x-www-form-urlencoded"})
