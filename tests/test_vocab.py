"""kg.vocab.IKG lists exactly the terms the ontology defines, and refuses any other (style: rdflib's
DefinedNamespace with _fail = True), so a misspelt term in code fails at once."""

from __future__ import annotations

import pytest
import rdflib
from conftest import ROOT

from kg.vocab import IKG

NS = "https://w3id.org/inspection-kg/ontology#"


def ontology_terms() -> set[str]:
    g = rdflib.Graph()
    for name in ("ikg.ttl", "schemes.ttl"):
        g.parse(ROOT / "ontology" / name)
    return {str(s)[len(NS):] for s in g.subjects() if isinstance(s, rdflib.URIRef)
            and str(s).startswith(NS) and str(s) != NS}


def test_namespace_class_lists_exactly_the_ontology_terms():
    declared = {k for k in IKG.__annotations__ if not k.startswith("_")}
    terms = ontology_terms()
    assert declared == terms, {"missing in kg/vocab.py": sorted(terms - declared),
                               "not in the ontology": sorted(declared - terms)}


@pytest.mark.parametrize("use", [lambda: IKG.Recomendation, lambda: IKG["hasRecomendation"],
                                 lambda: IKG + "currentStatuss"])
def test_misspelt_term_raises(use):
    with pytest.raises(AttributeError):
        use()


def test_each_namespace_is_spelt_once_and_agrees_with_rdflib():
    """kg.iris.NS is the one place a namespace is written; rdflib's own namespaces must agree with it, and no
    module of kg names one of them again (a constant or a Namespace of its own; examples in docstrings aside)."""
    import re

    from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD

    from kg import iris
    from kg.vocab import IKG, ID, OA, PREFIXES

    assert PREFIXES == iris.NS
    for prefix, ns in (("ikg", IKG._NS), ("id", ID), ("oa", OA), ("prov", PROV), ("org", ORG), ("skos", SKOS),
                       ("dcterms", DCTERMS), ("rdfs", RDFS), ("rdf", RDF), ("xsd", XSD)):
        assert iris.NS[prefix] == str(ns), prefix
    kg_dir = ROOT / "kg"
    spelt = {}
    for path in kg_dir.rglob("*.py"):
        for ns in iris.NS.values():
            if re.search(r'(?:[=:]\s*|Namespace\()["\']' + re.escape(ns) + r'["\']', path.read_text()):
                spelt.setdefault(str(path.relative_to(kg_dir)), []).append(ns)
    assert spelt == {"iris.py": list(iris.NS.values())}, spelt
