"""The linker's output: each council's linker graph computed from the store and written as N-Quads into
its named graph, replacing the one before."""

from __future__ import annotations

from kg.link.linker import Linker
from kg.link.model import linker_graph, load
from kg.nquads import term as nquads_term


def compute(store, authority: str) -> list[tuple]:
    """One authority's linker triples, in a stable order (reads the store, writes nothing)."""
    return sorted(set(Linker(load(store, authority)).run()), key=repr)


def as_nquads(authority: str, triples: list[tuple]) -> str:
    """The triples as N-Quads in the authority's linker graph, ready to load; the workers of a parallel
    build send it back so (building Oxigraph terms one by one in the main process was slower to write).

    >>> import pyoxigraph as ox
    >>> from kg.nquads import PlainLiteral
    >>> t = [("http://e/r", "http://e/p", PlainLiteral('He said "no"\\n')), ("http://e/r", "http://e/n", 3),
    ...      ("http://e/r", "http://e/s", 0.5), ("http://e/r", "http://e/b", True), ("http://e/r", "http://e/d",
    ...      ("date", "2012-06")), ("http://e/r", "http://e/o", "http://e/x")]
    >>> quads = list(ox.parse(as_nquads("https://w3id.org/inspection-kg/id/authority/barnsley", t).encode(),
    ...                       format=ox.RdfFormat.N_QUADS))
    >>> [q.object.value for q in quads]
    ['He said "no"\\n', '3', '0.500', 'true', '2012-06', 'http://e/x']
    >>> [q.object.datatype.value.rsplit("#")[1] for q in quads[:5]], quads[0].graph_name.value[-21:]
    (['string', 'integer', 'decimal', 'boolean', 'gYearMonth'], 'graph/linker/barnsley')
    """
    g = f" <{linker_graph(authority)}> .\n"
    return "".join(f"<{s}> <{p}> {nquads_term(o)}{g}" for s, p, o in triples)


def link_authority(store, authority: str) -> int:
    """Replace the linker graph of one authority, and first its graph of entities, which the linker reads
    (kg.entities); returns the number of linker triples written."""
    import pyoxigraph

    from kg import entities
    from kg.store import drop_graph

    entities.rebuild(store, authority)
    drop_graph(store, linker_graph(authority))
    triples = compute(store, authority)
    store.load(as_nquads(authority, triples), format=pyoxigraph.RdfFormat.N_QUADS)
    return len(triples)


def link_authorities(store, authority_iris: list[str]) -> None:
    """Recompute the linker graph of each authority named (and only those)."""
    for authority in sorted(set(authority_iris)):
        link_authority(store, authority)
