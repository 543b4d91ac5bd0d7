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
