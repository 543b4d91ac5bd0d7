"""Answers in words people use (issue 16): several matches of --about listed with how to pick one, plain
counts after a build, validation in plain words, plurals, named questions that say their order truly,
and a package whose own metadata raises no warning."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from kg.cli.main import app

ROOT = Path(__file__).resolve().parents[1]
REC = "https://w3id.org/inspection-kg/id/inspection/barnsley/sif/2014-06/recommendation/"


def run(*args):
    return CliRunner().invoke(app, list(args))


def test_about_matching_two_equally_lists_both_with_how_to_pick_and_answers_neither(seed_store):
    res = run("status", "--authority", "barnsley", "--about", "supervision", "--store", str(seed_store))
    assert res.exit_code == 1
    lines = res.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith('  Barnsley, inspection began 2014-06-02, no. 33: "Managers should offer')
    assert lines[0].endswith("--year 2014 --number 33") and lines[1].endswith("--year 2014 --number 34")
    assert res.stderr.splitlines() == ["kg: status: 2 recommendations match authority barnsley, about supervision "
                                       "about equally well, so none is answered; pick one with the options "
                                       "listed beside it"]
    as_json = run("status", "--authority", "barnsley", "--about", "supervision", "--format", "json",
                  "--store", str(seed_store))
    assert as_json.exit_code == 1
    matches = json.loads(as_json.stdout)["matches"]
    assert [(m["recommendation"], m["pick"]) for m in matches] == [
        (REC + "33", "--year 2014 --number 33"), (REC + "34", "--year 2014 --number 34")]


def test_the_options_listed_pick_that_recommendation(seed_store):
    res = run("status", "--authority", "barnsley", "--about", "supervision", "--year", "2014", "--number", "34",
              "--format", "json", "--store", str(seed_store))
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["recommendation"] == REC + "34"


def test_a_clear_best_match_is_answered_and_the_others_named(seed_store):
    res = run("status", "--authority", "barnsley", "--about", "access to records", "--store", str(seed_store))
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("Not closed")
    also = res.stdout.split("The words also match, less well (add the options at the end to ask about one):\n")[1]
    assert also.splitlines()[0].endswith("--year 2014 --number 22")
    out = json.loads(run("status", "--authority", "barnsley", "--about", "access to records", "--format", "json",
                         "--store", str(seed_store)).stdout)
    assert out["recommendation"].endswith("/2012-06/recommendation/hee387ff2908f")
    assert out["other_matches"][0]["recommendation"] == REC + "22"
    one = json.loads(run("status", "--authority", "barnsley", "--year", "2012", "--about", "access to records",
                         "--format", "json", "--store", str(seed_store)).stdout)
    assert one["other_matches"] == []


def test_build_says_what_the_store_holds_in_plain_counts(tmp_path):
    res = run("build", str(ROOT / "examples" / "documents"), "--store", str(tmp_path / "s"))
    assert res.exit_code == 0, res.output
    assert res.stderr.splitlines()[-1] == ("Read 5 documents, 0 failed. The store holds 5 documents, 8 inspections "
                                           "and 55 recommendations of 2 councils.")
    assert "quads" not in res.output
    assert res.stderr.splitlines()[1].split("\t") == ["document", "kind", "council", "inspections", "judgements",
                                                      "recommendations", "result"]
    assert res.stderr.splitlines()[2].split("\t")[1:3] == ["inspection report", "Barnsley"]


def test_validate_says_how_many_checks_passed(seed_store):
    res = run("validate", "--store", str(seed_store))
    assert res.exit_code == 0
    assert res.stderr == "The graph passed all 34 checks of its shapes (ontology/shapes.ttl).\n"


def test_one_council_is_not_plural(seed_store, tmp_path):
    res = run("plot", "--authority", "barnet", "--out", str(tmp_path / "p.png"), "--store", str(seed_store))
    assert res.exit_code == 0, res.output
    assert "(1 council, " in res.stderr and "councils" not in res.stderr


def test_judgements_over_time_says_its_order_truly(seed_store):
    from kg.query import named_queries, select

    info = {q.name: q for q in named_queries()}["judgements-over-time"]
    assert "by authority, then aspect, then date" in info.description
    rows = select((ROOT / "queries" / "judgements-over-time.rq").read_text(), store=seed_store)
    order = [(r["authorityName"], r["aspect"]) for r in rows]
    assert order == sorted(order) and [r["start"] for r in rows] != sorted(r["start"] for r in rows)


def test_the_package_raises_no_warning_of_its_own_when_built(tmp_path):
    """pip builds the package as `make demo` installs it: setuptools warns of nothing in pyproject.toml."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src)
    shutil.copytree(ROOT / "kg", src / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    res = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "w"),
                          str(src)], capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    assert "project.license" not in res.stderr + res.stdout and "Warning" not in res.stderr + res.stdout
