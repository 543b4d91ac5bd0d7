"""N-Quads, written without rdflib's serialiser: the one writer of the graphs the build makes, a document's
(from the emitter's rdflib terms, kg.pipeline.Triples) and a council's linker graph and graph of entities
(from plain values, kg.link.write) and the table of councils (kg.authorities). The terms are written as
rdflib's N-Triples serialiser writes them."""

from __future__ import annotations

from rdflib import BNode, Literal, URIRef

from kg.iris import NS

XSD = NS["xsd"]


class PlainLiteral(str):
    """A plain literal among plain values (a bare str is an IRI)."""


def quoted(text: str) -> str:
    """A string between N-Quads quotes, escaped.

    >>> print(quoted('He said "no"\\n'))
    "He said \\"no\\"\\n"
    """
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def term(value) -> str:
    """One RDF term in N-Quads: an rdflib term, or a plain value: a bool, int, float (three decimals), date
    ``("date", "2012-06")``, plain literal (``PlainLiteral``), or else (a str) an IRI.

    >>> [term(v) for v in (True, 3, 0.5, ("date", "2012-06"), PlainLiteral("a"), "http://e/x")][:3]
    ['"true"^^<http://www.w3.org/2001/XMLSchema#boolean>', '"3"^^<http://www.w3.org/2001/XMLSchema#integer>', '"0.500"^^<http://www.w3.org/2001/XMLSchema#decimal>']
    >>> [term(v) for v in (("date", "2012-06"), PlainLiteral("a"), "http://e/x", Literal(2), Literal("b", lang="en"))]
    ['"2012-06"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>', '"a"', '<http://e/x>', '"2"^^<http://www.w3.org/2001/XMLSchema#integer>', '"b"@en']
    """
    write = _WRITERS.get(type(value))
    if write is None:  # a subclass (numpy's float64 is a float): the writer of its nearest known class
        write = _WRITERS[type(value)] = next((_WRITERS[c] for c in type(value).__mro__ if c in _WRITERS), _iri)
    return write(value)


def _iri(value) -> str:
    return f"<{value}>"


def _literal(t: Literal) -> str:
    text = quoted(t)
    if t.language:
        return f"{text}@{t.language}"
    return f"{text}^^<{t.datatype}>" if t.datatype else text


def _date(value: tuple[str, str]) -> str:
    kind = "date" if len(value[1]) == 10 else "gYearMonth" if len(value[1]) == 7 else "gYear"
    return f'"{value[1]}"^^<{XSD}{kind}>'


# By type: a lookup, where a chain of isinstance tests ran for every term (bool before int, PlainLiteral and rdflib's
# terms before str: each is a subclass of the other).
_WRITERS = {
    URIRef: _iri,
    str: _iri,
    Literal: _literal,
    BNode: lambda t: f"_:{t}",
    bool: lambda v: f'"{"true" if v else "false"}"^^<{XSD}boolean>',
    int: lambda v: f'"{v}"^^<{XSD}integer>',
    float: lambda v: f'"{v:.3f}"^^<{XSD}decimal>',
    tuple: _date,
    PlainLiteral: quoted,
}
