"""The JSON that `kg status` and `kg recommendations` print holds to the JSON Schemas kept in docs/schema/ (the
contract's shapes; fields may be added, so each object allows more properties), and the schemas refuse
answers that break the contract."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from typer.testing import CliRunner

from kg.cli.main import app

SCHEMAS = Path(__file__).resolve().parents[1] / "docs" / "schema"


def validator(name: str) -> Draft202012Validator:
    """The schema ``name`` (checked against the JSON Schema meta-schema), able to follow references to the
    other schemas of docs/schema/."""
    schemas = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SCHEMAS.glob("*.schema.json"))]
    for schema in schemas:
        Draft202012Validator.check_schema(schema)
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas)
    return Draft202012Validator(json.loads((SCHEMAS / name).read_text(encoding="utf-8")), registry=registry)


def problems(name: str, instance) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(name).iter_errors(instance)]


def printed_json(store: Path, *args: str):
    res = CliRunner().invoke(app, [*args, "--format", "json", "--store", str(store)])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


STATUS_ASKS = {
    "open, with assessments": ["--authority", "Barnsley", "--year", "2012", "--about", "access to records"],
    "unknown": ["--authority", "Barnet", "--about", "domestic violence housing"],
    "by number": ["--authority", "Barnsley", "--year", "2014", "--number", "34"],
}


@pytest.mark.parametrize("case", sorted(STATUS_ASKS))
def test_status_json_holds_to_its_schema(seed_store, case):
    answer = printed_json(seed_store, "status", *STATUS_ASKS[case])
    assert problems("status.schema.json", answer) == []
    if case.startswith("open"):
        assert answer["assessments"], "an answer with assessments, so their schema is tried"


@pytest.mark.parametrize("args", [[], ["--authority", "barnsley", "--status", "open"]])
def test_recommendations_json_holds_to_its_schema(seed_store, args):
    rows = printed_json(seed_store, "recommendations", *args)
    assert rows and problems("recommendations.schema.json", rows) == []


def _drop(key):
    return lambda a: a.pop(key)


BROKEN_STATUS = {
    "no status": _drop("status"),
    "no carried_forward_by": _drop("carried_forward_by"),
    "closed as a word": lambda a: a.update(closed="no"),
    "closed that contradicts the status": lambda a: a.update(status="closed"),
    "a status of another word": lambda a: a.update(status="done"),
    "a date in another form": lambda a: a["made"].update(date="08/08/2014"),
    "an assessment without its quote": lambda a: a["assessments"][0].pop("quote"),
    "evidence of another kind": lambda a: a["assessments"][0].update(evidence="rumour"),
    "a confidence above 1": lambda a: a["assessments"][0].update(confidence=1.5),
    "an IRI with a space": lambda a: a.update(recommendation="https://w3id.org/inspection-kg/id/a b"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_STATUS))
def test_the_status_schema_refuses_an_answer_that_breaks_the_contract(seed_store, case):
    answer = printed_json(seed_store, "status", *STATUS_ASKS["open, with assessments"])
    broken = copy.deepcopy(answer)
    BROKEN_STATUS[case](broken)
    assert problems("status.schema.json", broken), case


def test_the_schemas_allow_added_fields(seed_store):
    """The contract lets fields be added (e.g. an analyst's verdict, a recommendation's parts)."""
    answer = printed_json(seed_store, "status", *STATUS_ASKS["open, with assessments"])
    answer["verdict"] = {"status": "closed", "note": "checked", "who": "analyst", "when": "2025-01-01"}
    answer["assessments"][0]["named_date"] = "the summer of 2014"
    rows = printed_json(seed_store, "recommendations")
    rows[0]["parts"] = []
    assert problems("status.schema.json", answer) == [] == problems("recommendations.schema.json", rows)


def test_the_recommendations_schema_refuses_a_row_without_its_status(seed_store):
    rows = printed_json(seed_store, "recommendations")
    del rows[0]["status"]
    assert problems("recommendations.schema.json", rows) == ["0: 'status' is a required property"]


def test_answers_read_again_after_a_verdict_hold_to_the_schemas(seed_store_copy):
    """A piece of evidence rejected: the answer's status_by and status_reread are the schemas' own."""
    answer = printed_json(seed_store_copy, "status", "--authority", "barnsley", "--year", "2012", "--about",
                          "access to records")
    res = CliRunner().invoke(app, ["verdict", answer["assessments"][0]["iri"], "--reject", "--by", "A", "--note",
                                   "another topic", "--store", str(seed_store_copy)])
    assert res.exit_code == 0, res.output
    answer = printed_json(seed_store_copy, "status", answer["recommendation"])
    rows = printed_json(seed_store_copy, "recommendations", "--authority", "barnsley")
    assert answer["status_by"] == "reread" and answer["status_reread"]["rejected_evidence"] == 1
    assert problems("status.schema.json", answer) == [] == problems("recommendations.schema.json", rows)
    answer["status_reread"]["status"] = "done"
    answer["status_by"] = "someone"
    assert len(problems("status.schema.json", answer)) == 2
