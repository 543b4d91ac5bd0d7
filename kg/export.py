"""Export the whole dataset: TriG and N-Quads keep the named graphs; Turtle and JSON-LD give the union."""

from __future__ import annotations

from pathlib import Path

from kg.errors import UsageError
from kg.vocab import PREFIXES

FORMATS = ("trig", "nquads", "turtle", "jsonld")


def export(store_path: Path | None, fmt: str) -> bytes:
    """The dataset serialized in ``fmt``; Turtle is the union of all graphs (it has no graphs)."""
    import pyoxigraph as ox

    from kg import store as kgstore

    if fmt not in FORMATS:
        raise UsageError(f"export: unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    st = kgstore.open_read(store_path)
    if fmt == "trig":
        return st.dump(format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    if fmt == "nquads":
        return st.dump(format=ox.RdfFormat.N_QUADS)
    if fmt == "turtle":
        return ox.serialize(union_triples(st), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return jsonld(union_triples(st))


def union_triples(st) -> list:
    """Every triple of every graph, once (a triple stated in two documents appears once)."""
    return list(st.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True))


def jsonld(triples) -> bytes:
    """JSON-LD through rdflib, compacted with the project prefixes as its context."""
    import pyoxigraph as ox
    from rdflib import Graph

    g = Graph()
    g.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"), format="nt")
    return g.serialize(format="json-ld", context=dict(PREFIXES), indent=2).encode("utf-8")
