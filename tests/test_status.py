"""`kg status` and `kg recommendations`: the contract's JSON shapes and the plain-words answer."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from kg.cli.main import app


def run(*args):
    return CliRunner().invoke(app, list(args))


def test_status_json_shape_and_answer(seed_store):
    res = run("status", "--authority", "Barnsley", "--year", "2012", "--about", "access to records",
              "--format", "json", "--store", str(seed_store))
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    for key in ("recommendation", "authority", "text", "made", "closed", "status", "assessments",
                "carried_forward_by"):
        assert key in out
    assert out["authority"] == "Barnsley" and out["made"]["date"].startswith("2012")
    assert out["closed"] is False
    a = out["assessments"][0]
    assert set(a) >= {"date", "status", "quote", "evidence", "document", "paragraph"}


def test_status_text_says_not_closed_first(seed_store):
    res = run("status", "--authority", "Barnsley", "--year", "2012", "--about", "records",
              "--store", str(seed_store))
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("Not closed")
    assert "paragraph 103" in res.stdout and "not yet resolved" in res.stdout


def test_barnet_status_unknown_and_closed_null(seed_store):
    res = run("status", "--authority", "Barnet", "--about", "domestic violence housing", "--format", "json",
              "--store", str(seed_store))
    out = json.loads(res.stdout)
    assert out["status"] == "unknown" and out["closed"] is None and out["assessments"] == []


def test_status_without_selection_is_usage_error(seed_store):
    res = run("status", "--store", str(seed_store))
    assert res.exit_code == 2


def test_status_unknown_council_is_error(seed_store):
    res = run("status", "--authority", "Nowhere", "--store", str(seed_store))
    assert res.exit_code == 1 and "Nowhere" in res.stderr


def test_recommendations_json_and_filters(seed_store):
    res = run("recommendations", "--format", "json", "--store", str(seed_store))
    rows = json.loads(res.stdout)
    assert {"recommendation", "authority", "inspection", "date", "number", "text", "addressee", "timescale",
            "status"} <= set(rows[0])
    assert {r["authority"] for r in rows} == {"Barnsley", "Barnet"}
    res = run("recommendations", "--authority", "Barnsley", "--status", "open", "--format", "csv",
              "--store", str(seed_store))
    lines = res.stdout.strip().splitlines()
    assert lines[0].startswith("recommendation,authority")
    assert len(lines) >= 2 and all(",open," in line for line in lines[1:])
