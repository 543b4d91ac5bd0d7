"""The SHACL shapes, tested in both directions.

Each file in tests/shapes/valid must conform; each file in tests/shapes/invalid must fail on exactly the
shape its first line names ("# shape: ikgsh:Name"), and on no other. Every case is loaded together with
tests/shapes/common.ttl (a complete document, passage and authority).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CASES = HERE / "shapes"
SHAPES_NS = "https://w3id.org/inspection-kg/shapes#"
VALID = sorted((CASES / "valid").glob("*.ttl"))
INVALID = sorted((CASES / "invalid").glob("*.ttl"))
EXPECTED_VALID, EXPECTED_INVALID = 4, 42


def expected_shape(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    m = re.match(r"#\s*shape:\s*ikgsh:(\S+)\s*$", first)
    assert m, f"{path.name}: first line must be '# shape: ikgsh:<Shape>', not {first!r}"
    return SHAPES_NS + m.group(1)


def load_case(path: Path):
    from rdflib import Graph

    g = Graph()
    g.parse(CASES / "common.ttl", format="turtle")
    g.parse(path, format="turtle")
    return g


def test_number_of_cases():
    # A stray filter or a moved folder must not shrink the suite silently.
    assert (len(VALID), len(INVALID)) == (EXPECTED_VALID, EXPECTED_INVALID)


def test_every_constraint_shape_has_an_invalid_case():
    from rdflib import URIRef
    from rdflib.namespace import SH

    from kg.validate import load_shapes

    shapes = load_shapes()
    named = {str(s) for s in shapes.subjects(SH.message, None) if isinstance(s, URIRef)}
    covered = {expected_shape(p) for p in INVALID}
    assert named - covered == set()
    assert covered - named == set(), "an invalid case names a shape without a message"


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_case_conforms(path):
    from kg.validate import validate

    report = validate(load_case(path))
    assert report.conforms, report.text()
    assert report.rows == []


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_case_fails_on_its_shape(path):
    from kg.validate import validate

    report = validate(load_case(path))
    assert not report.conforms
    assert {v.shape for v in report.rows} == {expected_shape(path)}, report.text()
    assert all(v.severity == "Violation" and v.message for v in report.rows)


def test_violation_names_focus_label_and_inverse_path():
    from kg.validate import validate

    report = validate(load_case(CASES / "invalid" / "recommendation-no-inspection.ttl"))
    (row,) = report.rows
    assert row.focus == "https://w3id.org/inspection-kg/id/inspection/barnsley/sif/2014-06/recommendation/3"
    assert row.label == "id:inspection/barnsley/sif/2014-06/recommendation/3"
    assert row.path == "^ikg:hasRecommendation"
    assert "exactly one inspection" in row.message
    assert row.line().startswith("Violation: id:inspection/barnsley/sif/2014-06/recommendation/3 ^ikg:hasRecommendation")


def test_dataset_is_validated_as_the_union_of_its_graphs():
    """A passage in one document's graph supports a fact in the linker's graph."""
    from rdflib import Dataset, URIRef

    from kg.validate import validate

    case = load_case(CASES / "valid" / "carry-forward.ttl")
    ds = Dataset()
    doc_graph = ds.graph(URIRef("https://w3id.org/inspection-kg/id/graph/document/0123456789abcdef"))
    linker = ds.graph(URIRef("https://w3id.org/inspection-kg/id/graph/linker"))
    for s, p, o in case:
        (linker if "/assessment/" in str(s) or "/link/" in str(s) else doc_graph).add((s, p, o))
    assert len(linker) > 0 and len(doc_graph) > 0
    assert validate(ds).conforms
    # Without the document's graph, the linker's facts have no passage behind them.
    ds.remove_graph(doc_graph)
    report = validate(ds)
    assert not report.conforms
    assert f"{SHAPES_NS}Provenance-wasDerivedFrom" in {v.shape for v in report.rows}


def test_broken_example_fails_on_start_date_and_grade():
    """tests/data/broken.trig is what `kg validate` must reject."""
    from rdflib import Dataset

    from kg.validate import validate

    ds = Dataset()
    ds.parse(HERE / "data" / "broken.trig", format="trig")
    report = validate(ds)
    assert not report.conforms
    assert {v.shape for v in report.rows} == {
        f"{SHAPES_NS}Inspection-startDate", f"{SHAPES_NS}Judgement-grade",
    }, report.text()


def test_emitted_graph_conforms():
    """The emitter's output for a small hand-built extraction passes the shapes (guards emit.py drift)."""
    from kg.emit import emit
    from kg.model import (
        Extraction,
        Finding,
        InspectionFacts,
        Judgement,
        Organisation,
        Passage,
        Recommendation,
        SourceDocument,
    )
    from kg.validate import validate

    p1 = Passage("p1", "The inspection took place from 25 June to 6 July 2012.", "1", 3, 4)
    p2 = Passage("p2", "Overall effectiveness: Adequate.", "2", 5, 5)
    p3 = Passage("p3", "Ensure timely access to records within three months.", "3", 6, 7, heading="Areas for improvement")
    board = Organisation("Barnsley Safeguarding Children Board", "board", "LSCB", p1, aliases=("BSCB",),
                         succeeded_by="Barnsley Safeguarding Children Partnership")
    lscp = Organisation("Barnsley Safeguarding Children Partnership", "board", "LSCP", p1)
    ofsted = Organisation("Ofsted", "inspectorate", "Ofsted", p1)
    facts = InspectionFacts(
        "SafeguardingLACInspection", "described", "2012-06-25", p1, end="2012-07-06", inspectorates=["Ofsted"],
        judgements=[Judgement("Overall effectiveness", "Adequate", "SafeguardingLAC", p2)],
        recommendations=[Recommendation("Ensure timely access to records.", p3, "3", "within three months",
                                        addressee="Barnsley Safeguarding Children Board")],
        findings=[Finding("weakness", "Records are late.", p3)],
    )
    mention = InspectionFacts("FocusedVisit", "mentioned", "2011-03", p1, graded=False)  # before the document (2012)
    doc = SourceDocument(Path("x.txt"), "x.txt", "ab" * 32, "txt", "text", [p1, p2, p3])
    ex = Extraction(doc, "InspectionReport", "Barnsley Metropolitan Borough Council", authority_passage=p1,
                    published="2012-08-03", inspections=[facts, mention], organisations=[board, lscp, ofsted],
                    decisions=[Recommendation("That Cabinet notes the report.", p3, "1")])
    from kg.vocab import IKG, RDF

    g = with_entities(emit(ex), "https://w3id.org/inspection-kg/id/authority/barnsley")
    assert len(set(g.subjects(RDF.type, IKG.Inspection))) == 2 and (None, IKG.grade, IKG.SLACAdequate) in g
    report = validate(g)
    assert report.conforms, report.text()


def with_entities(g, authority: str):
    """A document's graph with the entities its authority's graph would hold (kg.entities), as the build writes."""
    import pyoxigraph as ox
    from rdflib import Graph

    from kg import entities

    st = ox.Store()
    st.load(g.serialize(format="nt").encode(), format=ox.RdfFormat.N_TRIPLES,
            to_graph=ox.NamedNode("https://w3id.org/inspection-kg/id/graph/document/x"))
    out = Graph()
    out.parse(data=g.serialize(format="nt") + entities.as_nquads(authority, entities.compute(st, authority)).replace(
        f" <{entities.graph(authority)}> .", " ."), format="nt")
    return out


def test_report_raises_validation_failed_naming_the_first_violation():
    from rdflib import Dataset

    from kg.errors import ValidationFailed
    from kg.validate import validate

    ds = Dataset()
    ds.parse(HERE / "data" / "broken.trig", format="trig")
    with pytest.raises(ValidationFailed, match=r"2 SHACL result\(s\); first: Violation: id:inspection/exampleshire"):
        validate(ds).raise_for_violations()


def test_unreadable_shapes_file_is_an_input_error_naming_it(tmp_path):
    from rdflib import Graph

    from kg.errors import InputError
    from kg.validate import validate

    bad = tmp_path / "bad-shapes.ttl"
    bad.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\nthis is not turtle\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad-shapes.ttl: cannot parse Turtle"):
        validate(Graph(), shapes=bad)
