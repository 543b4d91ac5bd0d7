"""Copy the dataset into an external SPARQL 1.1 store, one graph at a time, each replaced as a whole.

With a Graph Store Protocol URL each graph is replaced by one HTTP ``PUT ...?graph=IRI`` of its
N-Triples. Otherwise (or when the store refuses the Graph Store Protocol) each graph goes by SPARQL
Update: its triples are inserted in bounded batches (at most ``BATCH_TRIPLES`` triples and about
``BATCH_BYTES`` bytes a request, which every store accepts: Virtuoso refuses one update that makes more
than 10,000 lines of SQL) into a fresh temporary graph, which one small update then moves onto
the target (``MOVE``, SPARQL 1.1 Update: the target is replaced in one step). A failed batch leaves the
target as it was and the temporary graph dropped; the error names the graph. Either way a second push
replaces, never duplicates.
"""

from __future__ import annotations

import urllib.parse
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from kg.errors import QueryError, UsageError
from kg.query import graph_store_put, sparql_request
from kg.vocab import XSD

BATCH_TRIPLES = 500
BATCH_BYTES = 1 << 20
TEMP_GRAPH = "urn:inspection-kg:push:"  # + a fresh UUID: never the name of a graph of ours


@dataclass
class PushReport:
    graphs: list[tuple[str, int]] = field(default_factory=list)  # (graph IRI or "default", triples)
    method: str = ""

    @property
    def triples(self) -> int:
        return sum(n for _, n in self.graphs)


Progress = Callable[[int, int, str], None]  # (triples sent, triples in all, graph name)


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


def push(store_path: Path | None, endpoint: str | None = None, graph_store: str | None = None,
         progress: Progress | None = None) -> PushReport:
    """Copy every graph to the external store; ``endpoint`` is its SPARQL Update URL."""
    from kg import store as kgstore

    if not endpoint and not graph_store:
        raise UsageError("push: give --endpoint (SPARQL Update URL) and/or --graph-store (Graph Store URL)")
    st = kgstore.open_read(store_path)
    report = PushReport(method="graph-store" if graph_store else "update")
    graphs = graphs_of(st)
    total, sent = sum(n for _, _, n in graphs), 0
    for g, data, count in graphs:
        name = getattr(g, "value", "default")
        if graph_store and report.method == "graph-store":
            try:
                put_graph(graph_store, g, data)
            except QueryError:
                if not endpoint:
                    raise
                report.method = "update"  # the store refused the Graph Store Protocol: fall back
        if report.method == "update":
            update_graph(endpoint, g, data, partial(step, progress, sent, total, name))
        sent += count
        report.graphs.append((name, count))
        if progress:
            progress(sent, total, name)
    return report


def step(progress: Progress | None, before: int, total: int, name: str, n: int) -> None:
    """Report ``n`` more triples of the graph ``name`` sent, after ``before`` of the other graphs."""
    if progress:
        progress(before + n, total, name)


def put_graph(url: str, g, data: bytes) -> None:
    import pyoxigraph as ox

    query = "default" if isinstance(g, ox.DefaultGraph) else urllib.parse.urlencode({"graph": g.value})
    sep = "&" if "?" in url else "?"
    graph_store_put(f"{url}{sep}{query}", data)


def update_graph(url: str, g, data: bytes, sent: Callable[[int], object] = lambda n: None) -> None:
    """Replace one graph by SPARQL Update: batches into a temporary graph, then one MOVE onto it."""
    import pyoxigraph as ox

    target = "DEFAULT" if isinstance(g, ox.DefaultGraph) else f"GRAPH {g}"
    if not data:
        send_update(url, f"CLEAR SILENT {target}")
        return
    temp = f"<{TEMP_GRAPH}{uuid.uuid4()}>"
    done = 0
    try:
        for batch in batches(list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))):
            send_update(url, insert(temp, batch))
            done += len(batch)
            sent(done)
    except QueryError as e:
        drop_quietly(url, temp)
        raise QueryError(f"push: graph {graph_label(g)} not replaced (it keeps what it held before; "
                         f"{done} of its triples had been sent): {e}") from None
    try:
        send_update(url, f"MOVE GRAPH {temp} TO {target}")
    except QueryError as e:
        drop_quietly(url, temp)
        raise QueryError(f"push: graph {graph_label(g)} may be incomplete (the store failed to move "
                         f"the copied triples onto it; push again): {e}") from None


def insert(graph: str, triples: list) -> str:
    """The update adding ``triples`` to ``graph``, every term escaped by pyoxigraph.

    Blank nodes go by ``INSERT { } WHERE { }``: SPARQL 1.1 allows them in ``INSERT DATA`` too, but
    Virtuoso refuses them there. A batch holds every triple of its blank nodes (see ``batches``), so one
    request makes each of them once.
    """
    import pyoxigraph as ox

    triples = [ox.Triple(t.subject, t.predicate, decimal_with_point(t.object)) for t in triples]
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    if any(isinstance(t, ox.BlankNode) for tr in triples for t in (tr.subject, tr.object)):
        return f"INSERT {{ GRAPH {graph} {{\n{text}}} }} WHERE {{}}"
    return f"INSERT DATA {{ GRAPH {graph} {{\n{text}}} }}"


XSD_DECIMAL = str(XSD.decimal)


def decimal_with_point(term):
    """An xsd:decimal written with its decimal point ("1" as "1.0", the same value): Virtuoso's SPARQL
    Update stores a decimal written without one as an xsd:integer.

    >>> import pyoxigraph as ox
    >>> decimal_with_point(ox.Literal("1", datatype=ox.NamedNode(XSD_DECIMAL))).value
    '1.0'
    """
    import pyoxigraph as ox

    if isinstance(term, ox.Literal) and term.datatype.value == XSD_DECIMAL and "." not in term.value:
        return ox.Literal(term.value + ".0", datatype=term.datatype)
    return term


def batches(triples: list, max_triples: int = 0, max_bytes: int = 0) -> Iterator[list]:
    """The triples in batches of at most ``max_triples`` triples and about ``max_bytes`` bytes (by default
    ``BATCH_TRIPLES`` and ``BATCH_BYTES``), the
    triples that share blank nodes kept in one batch (a group larger than the bounds goes alone).

    >>> import pyoxigraph as ox
    >>> a, b, p = ox.NamedNode("http://e/a"), ox.BlankNode("b"), ox.NamedNode("http://e/p")
    >>> ts = [ox.Triple(a, p, b), ox.Triple(a, p, a), ox.Triple(b, p, ox.Literal("x"))]
    >>> [[str(t.object) for t in batch] for batch in batches(ts, max_triples=1)]
    [['<http://e/a>'], ['_:b', '"x"']]
    """
    max_triples, max_bytes = max_triples or BATCH_TRIPLES, max_bytes or BATCH_BYTES
    batch, size = [], 0
    for group in blank_node_groups(triples):
        length = sum(len(str(t)) for t in group)
        if batch and (len(batch) + len(group) > max_triples or size + length > max_bytes):
            yield batch
            batch, size = [], 0
        batch += group
        size += length
    if batch:
        yield batch


def blank_node_groups(triples: list) -> list[list]:
    """Each triple without a blank node alone, in order; then the triples joined by shared blank nodes."""
    import pyoxigraph as ox

    parent: dict = {}

    def root(x):
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    plain, linked = [], []
    for t in triples:
        nodes = [n for n in (t.subject, t.object) if isinstance(n, ox.BlankNode)]
        if not nodes:
            plain.append([t])
            continue
        linked.append((t, nodes[0]))
        for n in nodes[1:]:
            parent[root(n)] = root(nodes[0])
    groups: dict = {}
    for t, n in linked:
        groups.setdefault(root(n), []).append(t)
    return plain + list(groups.values())


def send_update(url: str, text: str) -> None:
    sparql_request(url, text, update=True)


def drop_quietly(url: str, temp: str) -> None:
    """Remove the temporary graph after a failure; the first error is the one worth reporting."""
    try:
        send_update(url, f"DROP SILENT GRAPH {temp}")
    except QueryError:
        pass


def graph_label(g) -> str:
    return str(g) if getattr(g, "value", None) else "default"
