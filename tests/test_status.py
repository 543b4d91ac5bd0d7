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


def test_status_headline_answers_for_the_chain_of_later_asks(seed_store):
    """Barnsley's 2012 ask on access to records was asked again in 2014 (area 22), and the 2024 focused visit
    reads area 22 in progress: the 2012 ask's answer leads with that, saying what carried it forward."""
    res = run("status", "--authority", "Barnsley", "--year", "2012", "--about", "access to records",
              "--format", "json", "--store", str(seed_store))
    out = json.loads(res.stdout)
    assert [(c["number"], c["status"]) for c in out["chain"]] == [("22", "in-progress")]
    assert out["chain"][0]["latest_evidence"]["date"].startswith("2024")
    text = run("status", "--authority", "Barnsley", "--year", "2012", "--about", "access to records",
               "--store", str(seed_store)).stdout
    head = text.splitlines()[0]
    assert head.startswith("Not closed (in progress). The 2014 inspection asked again (number 22); Barnsley's "
                           "focused visit letter published 2024-")


def test_status_headline_says_where_the_newest_asks_parts_stand(seed_store):
    """Area 22 asks for two things, and the 2024 letter speaks of the first: the headline says which part the
    latest quote is about and where each part stands, so "reads it in progress" is not taken for the whole."""
    out = json.loads(run("status", "--authority", "Barnsley", "--year", "2012", "--about", "access to records",
                         "--format", "json", "--store", str(seed_store)).stdout)
    area22 = json.loads(run("status", "--authority", "Barnsley", "--year", "2014", "--number", "22", "--format",
                            "json", "--store", str(seed_store)).stdout)
    parts = [(p["number"], p["status"]) for p in area22["parts"]]
    assert len(parts) == 2 and [(p["number"], p["status"]) for p in out["chain"][0]["parts"]] == parts
    numbers = {p["part"]: p["number"] for p in area22["parts"]}
    latest = out["chain"][0]["latest_evidence"]
    head = run("status", "--authority", "Barnsley", "--year", "2012", "--about", "access to records",
               "--store", str(seed_store)).stdout.splitlines()[0]
    assert f"reads part {numbers[latest['part']]} {latest['status'].replace('-', ' ')}: " in head
    assert head.endswith("Its parts stand: " + ", ".join(f"{n} {s.replace('-', ' ')}" for n, s in parts) + ".")


def test_status_names_each_date_for_what_it_is(seed_store):
    res = run("status", "--authority", "Barnsley", "--year", "2014", "--number", "22", "--format", "json",
              "--store", str(seed_store))
    out = json.loads(res.stdout)
    made = out["made"]
    assert made["inspection_start"].startswith("2014-06") and made["report_published"] == "2014-08-08"
    assert made["date"] in (made["inspection_start"], made["inspection_end"])
    latest = out["assessments"][-1]
    assert latest["document_kind"] == "inspection letter" and latest["document_published"].startswith("2024")
    text = run("status", "--authority", "Barnsley", "--year", "2014", "--number", "22",
               "--store", str(seed_store)).stdout
    assert "made at the SIF inspection of 2014-06" in text and "(report published 2014-08-08)" in text
    assert "focused visit letter published 2024-" in text


def test_status_of_a_compound_ask_lists_its_parts(seed_store):
    out = json.loads(run("status", "--authority", "Barnsley", "--year", "2014", "--number", "22", "--format",
                         "json", "--store", str(seed_store)).stdout)
    assert [p["number"] for p in out["parts"]] == [1, 2]
    assert out["parts"][1]["text"].startswith("the provision of information about children")
    text = run("status", "--authority", "Barnsley", "--year", "2014", "--number", "22",
               "--store", str(seed_store)).stdout
    assert "Parts (the recommendation's status comes from theirs):" in text
