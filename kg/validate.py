"""SHACL validation of a dataset against ontology/shapes.ttl.

The data's named graphs are validated as one union, together with the ontology and the SKOS schemes,
so that subclasses (Strength is a Finding) and scheme membership (a grade is in a grade scale) are
known without OWL inference. Warnings and infos do not break conformance; violations do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.errors import InputError, ValidationFailed

SHAPES_FILE = "shapes.ttl"


def ontology_dir() -> Path:
    """The ontology/ folder next to the kg package."""
    import kg

    return Path(kg.__file__).resolve().parent.parent / "ontology"


@dataclass(frozen=True)
class Violation:
    """One validation result, as a person reads it."""

    focus: str  # the IRI of the node that failed
    label: str  # its rdfs:label, else a short form of its IRI
    path: str  # the property path, prefixed ("ikg:startDate", "^ikg:hasRecommendation"); "" for a node
    message: str
    shape: str  # the IRI of the sh:sourceShape
    severity: str  # "Violation" | "Warning" | "Info"

    def line(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.severity}: {self.label}{where}: {self.message} [{self.shape}]"


@dataclass
class Report:
    conforms: bool
    rows: list[Violation] = field(default_factory=list)

    def text(self) -> str:
        """One line per result; empty when there is none."""
        return "\n".join(v.line() for v in self.rows)

    def raise_for_violations(self) -> None:
        if not self.conforms:
            first = next((v for v in self.rows if v.severity == "Violation"), self.rows[0])
            raise ValidationFailed(f"{len(self.rows)} SHACL result(s); first: {first.line()}")


def _parse_turtle(paths: list[Path]):
    from rdflib import Graph

    g = Graph()
    for path in paths:
        try:
            g.parse(path, format="turtle")
        except Exception as e:  # rdflib raises several kinds of parser error
            raise InputError(f"{path}: cannot parse Turtle: {str(e).splitlines()[0] if str(e) else e}") from e
    return g


@lru_cache(maxsize=1)
def _ontology_cached():
    files = sorted(p for p in ontology_dir().glob("*.ttl") if p.name != SHAPES_FILE)
    if not files:
        raise InputError(f"{ontology_dir()}: no ontology Turtle files found")
    return _parse_turtle(files)


@lru_cache(maxsize=1)
def _shapes_cached():
    return _parse_turtle([ontology_dir() / SHAPES_FILE])


def load_ontology():
    """The ontology, alignments and SKOS schemes (every ontology/*.ttl except the shapes), as a new Graph."""
    return _copy(_ontology_cached())


def load_shapes():
    """The SHACL shapes graph (ontology/shapes.ttl), as a new Graph."""
    return _copy(_shapes_cached())


def _copy(g):
    from rdflib import Graph

    out = Graph()
    for prefix, ns in g.namespaces():
        out.bind(prefix, ns, override=False)
    for t in g:
        out.add(t)
    return out


def union_graph(data_graph):
    """All triples of a Graph, or of every graph of a Dataset, in one new Graph."""
    from rdflib import Graph
    from rdflib.graph import ConjunctiveGraph

    out = Graph()
    if isinstance(data_graph, ConjunctiveGraph):  # Dataset is a subclass
        for s, p, o, _g in data_graph.quads((None, None, None, None)):
            out.add((s, p, o))
    else:
        for t in data_graph:
            out.add(t)
    return out


def validate(data_graph, shapes=None) -> Report:
    """Validate a Graph or Dataset (the union of its graphs) against the shapes.

    ``shapes`` is a Graph or a Turtle file path; by default ontology/shapes.ttl.

    >>> from rdflib import Graph
    >>> validate(Graph()).conforms
    True
    """
    from pyshacl import validate as shacl_validate

    shapes_graph = _shapes_arg(shapes)
    g = union_graph(data_graph)
    for t in _ontology_cached():
        g.add(t)
    try:
        conforms, results, _text = shacl_validate(
            g, shacl_graph=shapes_graph, inference="none", allow_warnings=True, inplace=True,
            advanced=False, abort_on_first=False,
        )
    except Exception as e:  # pySHACL reports broken shapes as runtime errors
        raise ValidationFailed(f"SHACL validation could not run: {str(e).splitlines()[0]}") from e
    return Report(conforms=bool(conforms), rows=_rows(results, g))


def _shapes_arg(shapes):
    from rdflib import Graph

    if shapes is None:
        return _shapes_cached()
    if isinstance(shapes, Graph):
        return shapes
    return _parse_turtle([Path(shapes)])


def _rows(results, data) -> list[Violation]:
    from rdflib.namespace import SH

    from kg.vocab import local_name

    rows = []
    for r in results.objects(None, SH.result):  # top-level results only, not their sh:detail
        focus = results.value(r, SH.focusNode)
        rows.append(Violation(
            focus=str(focus),
            label=_label(data, focus),
            path=_path_text(results, results.value(r, SH.resultPath)),
            message=str(results.value(r, SH.resultMessage) or ""),
            shape=str(results.value(r, SH.sourceShape) or ""),
            severity=local_name(str(results.value(r, SH.resultSeverity))),
        ))
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    return sorted(set(rows), key=lambda v: (order.get(v.severity, 3), v.focus, v.path, v.shape, v.message))


def _label(data, node) -> str:
    from rdflib.namespace import RDFS

    from kg.vocab import shorten

    labels = sorted(str(x) for x in data.objects(node, RDFS.label))
    return labels[0] if labels else shorten(str(node))


def _path_text(results, path) -> str:
    from rdflib import URIRef
    from rdflib.namespace import SH

    from kg.vocab import shorten

    if path is None:
        return ""
    if isinstance(path, URIRef):
        return shorten(str(path))
    inverse = results.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _path_text(results, inverse)
    return str(path)
