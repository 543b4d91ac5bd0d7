"""The ontology files: they parse, define the contract's terms, pass the lint, and cover the code's terms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology"
TTL_FILES = sorted(ONTOLOGY.glob("*.ttl"))
IKG = "https://w3id.org/inspection-kg/ontology#"

# The contract (../shared/design/contract.md, "Vocabulary"), spelt out so a rename fails here.
CONTRACT_CLASSES = (
    "Authority", "Inspection", "Judgement", "Recommendation", "Partner", "Board", "Inspectorate", "Document",
    "Passage", "StatusAssessment",
)
CONTRACT_PROPERTIES = (
    "inspectedAuthority", "startDate", "endDate", "publicationDate", "describedIn", "mentionedIn",
    "hasJudgement", "aspect", "grade", "hasRecommendation", "text", "number", "addressee", "timescale",
    "dueDate", "carriesForward", "hasAssessment", "status", "assessedOn", "quote", "evidenceSource",
    "currentStatus", "hasBoard", "hasPartner", "involvesPartner", "paragraphNumber", "inDocument",
    "sourceFile", "sha256", "inspectionKind", "documentKind",
)
CONTRACT_CONCEPTS = (
    "Open", "InProgress", "Closed", "Unknown", "InspectorateFinding", "SelfReport",
    "SafeguardingLACInspection", "SIFInspection", "ILACSStandardInspection", "ILACSShortInspection",
    "FocusedVisit", "MonitoringVisit", "JTAI", "AreaSENDInspection", "OtherInspection",
    "InspectionReport", "InspectionLetter", "CouncilReport", "Minutes", "UnknownDocument",
)
# Terms the linker and emitter rely on beyond the contract.
EXTRA_CLASSES = ("Finding", "Strength", "Weakness", "CouncilDecision", "CarryForwardLink")
EXTRA_PROPERTIES = (
    "selector", "contradictedBy", "overdue", "theme", "chainLength", "rank", "reportedIn", "fromRecommendation",
    "toRecommendation", "matchReason", "matchScore",
)


@pytest.fixture(scope="module")
def ont():
    from kg.validate import load_ontology

    return load_ontology()


def test_ontology_files_exist():
    assert {p.name for p in TTL_FILES} >= {"ikg.ttl", "schemes.ttl", "shapes.ttl"}


@pytest.mark.parametrize("path", TTL_FILES, ids=[p.name for p in TTL_FILES])
def test_parses_with_rdflib_and_pyoxigraph(path):
    import pyoxigraph
    from rdflib import Graph

    g = Graph().parse(path, format="turtle")
    with path.open("rb") as f:
        quads = list(pyoxigraph.parse(f, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(g) == len(quads) > 0


@pytest.mark.parametrize("path", TTL_FILES, ids=[p.name for p in TTL_FILES])
def test_every_file_has_a_full_header(path):
    from rdflib import Graph

    g = Graph().parse(path, format="turtle")
    rows = list(g.query("""
        PREFIX owl: <http://www.w3.org/2002/07/owl#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        PREFIX vann: <http://purl.org/vocab/vann/>
        SELECT ?o ?v ?info ?lic ?pfx WHERE {
          ?o a owl:Ontology ; owl:versionIRI ?v ; owl:versionInfo ?info ; dcterms:license ?lic ;
             vann:preferredNamespacePrefix ?pfx .
        }"""))
    assert len(rows) == 1, f"{path.name}: one owl:Ontology with versionIRI, versionInfo, license, prefix"


@pytest.mark.parametrize("name", CONTRACT_CLASSES + EXTRA_CLASSES)
def test_class_is_defined(ont, name):
    from rdflib import URIRef
    from rdflib.namespace import OWL, RDF, RDFS

    term = URIRef(IKG + name)
    assert (term, RDF.type, OWL.Class) in ont
    assert ont.value(term, RDFS.label) and ont.value(term, RDFS.comment)


@pytest.mark.parametrize("name", CONTRACT_PROPERTIES + EXTRA_PROPERTIES)
def test_property_is_defined(ont, name):
    from rdflib import URIRef
    from rdflib.namespace import OWL, RDF, RDFS

    term = URIRef(IKG + name)
    kinds = set(ont.objects(term, RDF.type))
    assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}, f"ikg:{name} is not a property"
    assert ont.value(term, RDFS.label) and ont.value(term, RDFS.comment)


@pytest.mark.parametrize("name", CONTRACT_CONCEPTS)
def test_contract_concept_is_in_a_scheme(ont, name):
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    assert ont.value(URIRef(IKG + name), SKOS.inScheme) is not None


def test_alignment_to_standard_vocabularies(ont):
    from rdflib import URIRef
    from rdflib.namespace import FOAF, ORG, PROV, RDFS

    def sub(name, sup):
        return (URIRef(IKG + name), RDFS.subClassOf, sup) in ont

    assert all(sub(n, ORG.Organization) for n in ("Authority", "Board", "Partner", "Inspectorate"))
    assert all(sub(n, PROV.Entity) for n in ("Document", "Passage", "StatusAssessment"))
    assert sub("Document", FOAF.Document)
    assert sub("Strength", URIRef(IKG + "Finding")) and sub("Weakness", URIRef(IKG + "Finding"))


LINT_QUERIES = {
    "term without label, comment, definition or isDefinedBy": """
        SELECT DISTINCT ?term WHERE {
          VALUES ?type { owl:Class owl:ObjectProperty owl:DatatypeProperty skos:Concept skos:ConceptScheme }
          ?term a ?type .
          FILTER(STRSTARTS(STR(?term), STR(ikg:)))
          FILTER(NOT EXISTS { ?term rdfs:label ?l } || NOT EXISTS { ?term rdfs:comment ?c }
                 || NOT EXISTS { ?term skos:definition ?d } || NOT EXISTS { ?term rdfs:isDefinedBy ?by })
        } ORDER BY ?term""",
    "concept in no scheme": """
        SELECT ?term WHERE {
          ?term a skos:Concept .
          FILTER NOT EXISTS { ?term skos:inScheme ?s . ?s a skos:ConceptScheme }
        } ORDER BY ?term""",
    "concept without prefLabel": """
        SELECT ?term WHERE { ?term a skos:Concept . FILTER NOT EXISTS { ?term skos:prefLabel ?l } }
        ORDER BY ?term""",
    "ikg term used but never declared": """
        SELECT DISTINCT ?term WHERE {
          { ?s ?term ?o } UNION { ?s ?p ?term }
          FILTER(isIRI(?term) && STRSTARTS(STR(?term), STR(ikg:)))
          FILTER NOT EXISTS { ?term a ?anyType }
        } ORDER BY ?term""",
    "term with two labels": """
        SELECT ?term WHERE {
          ?term rdfs:label ?a , ?b . FILTER(STRSTARTS(STR(?term), STR(ikg:)) && ?a != ?b)
        } ORDER BY ?term""",
}


@pytest.mark.parametrize("name", sorted(LINT_QUERIES))
def test_lint(ont, name):
    from kg.vocab import PREFIXES

    prefixes = {**PREFIXES, "owl": "http://www.w3.org/2002/07/owl#"}
    rows = [str(r[0]) for r in ont.query(LINT_QUERIES[name], initNs=prefixes)]
    assert rows == [], f"{name}: {rows}"


def test_lint_catches_a_bare_term(ont):
    """The lint itself can fail: a class with no label or definition is reported."""
    from rdflib import URIRef
    from rdflib.namespace import OWL, RDF

    from kg.vocab import PREFIXES

    bare = URIRef(IKG + "Bare")
    ont.add((bare, RDF.type, OWL.Class))
    try:
        prefixes = {**PREFIXES, "owl": str(OWL)}
        rows = [str(r[0]) for r in ont.query(LINT_QUERIES["term without label, comment, definition or isDefinedBy"],
                                            initNs=prefixes)]
    finally:
        ont.remove((bare, None, None))
    assert rows == [str(bare)]


def test_grade_scales_match_vocab(ont):
    from rdflib import Literal, URIRef
    from rdflib.namespace import SKOS

    from kg import vocab

    for (scale, words), (name, rank) in vocab.GRADES.items():
        c = URIRef(IKG + name)
        assert (c, SKOS.inScheme, URIRef(IKG + vocab.GRADE_SCHEMES[scale])) in ont
        assert ont.value(c, SKOS.prefLabel) == Literal(words, lang="en")
        assert ont.value(c, URIRef(IKG + "rank")).toPython() == rank
    assert str(ont.value(vocab.grade_concept("ILACS", "Requires improvement to be good"), SKOS.prefLabel)) == (
        "Requires improvement to be good")


@pytest.mark.parametrize("scheme, names", [
    ("RecommendationStatusScheme", "STATUSES"),
    ("EvidenceSourceScheme", "EVIDENCE_SOURCES"),
    ("InspectionKindScheme", "INSPECTION_KINDS"),
    ("DocumentKindScheme", "DOCUMENT_KINDS"),
    ("ThemeScheme", "THEMES"),
    ("OrganisationKindScheme", "ORGANISATION_KINDS"),
])
def test_scheme_holds_exactly_the_vocab_list(ont, scheme, names):
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    from kg import vocab

    if names == "ORGANISATION_KINDS":
        expected = set(vocab.BOARD_KINDS + vocab.PARTNER_KINDS) | set(vocab.INSPECTORATES)
    else:
        expected = set(getattr(vocab, names))
    found = {str(c)[len(IKG):] for c in ont.subjects(SKOS.inScheme, URIRef(IKG + scheme))}
    assert found == expected


def test_theme_keywords_match_the_tagger(ont):
    """kg/themes.py is the source of truth; the scheme shows the same keywords as skos:altLabel."""
    from rdflib.namespace import SKOS

    from kg import vocab
    from kg.themes import THEME_KEYWORDS

    for name in vocab.THEMES:
        labels = {str(x) for x in ont.objects(vocab.IKG[name], SKOS.altLabel)}
        assert labels == set(THEME_KEYWORDS[name]), name


def test_inspectorate_individuals_match_emitter(ont):
    from rdflib.namespace import RDF, RDFS

    from kg import vocab
    from kg.emit import inspectorate_iri

    for key, full in vocab.INSPECTORATES.items():
        node = inspectorate_iri(key)
        assert (node, RDF.type, vocab.IKG.Inspectorate) in ont, node
        assert str(ont.value(node, RDFS.label)) == full
        assert (node, vocab.IKG.organisationKind, vocab.IKG[key]) in ont


def code_terms() -> set[str]:
    """Every ikg: local name the package's source uses: IKG.name, IKG["name"], and the vocab.py lists."""
    from kg import vocab

    found = set()
    for path in sorted((ROOT / "kg").rglob("*.py")):
        src = path.read_text(encoding="utf-8")
        found |= set(re.findall(r"\bIKG\.([A-Za-z_]\w*)", src))
        found |= set(re.findall(r"""\bIKG\[\s*["']([A-Za-z_]\w*)["']\s*\]""", src))
        found |= set(re.findall(r"\bikg:([A-Za-z_]\w*)", src))  # in SPARQL text and comments
    found |= {name for name, _rank in vocab.GRADES.values()} | set(vocab.GRADE_SCHEMES.values())
    for names in (vocab.INSPECTION_KINDS, vocab.DOCUMENT_KINDS, vocab.STATUSES, vocab.EVIDENCE_SOURCES,
                  vocab.BOARD_KINDS, vocab.PARTNER_KINDS, tuple(vocab.INSPECTORATES), vocab.THEMES):
        found |= set(names)
    # Attribute names of rdflib's Namespace (a str) are not terms.
    return found - {"term", "title", "format"} - set(dir(str))


def test_code_terms_found():
    terms = code_terms()
    assert {"lineStart", "organisationKind", "SIFRequiresImprovement", "ThemeRecords"} <= terms


def test_every_code_term_is_defined(ont):
    from rdflib import URIRef
    from rdflib.namespace import RDF

    undefined = sorted(t for t in code_terms() if (URIRef(IKG + t), RDF.type, None) not in ont)
    assert undefined == []
