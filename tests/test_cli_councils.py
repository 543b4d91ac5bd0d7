"""What a person sees at the command line: a council the store does not hold, the list of councils,
tables that fit where they go, the named questions apart from the developer checks (issue 16)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from kg.cli.main import app


def run(*args):
    return CliRunner().invoke(app, list(args))


MISSPELT = [
    ("status", "--authority", "barnsly", "--about", "records"),
    ("recommendations", "--authority", "barnsly"),
    ("query", "--named", "open-recommendations", "--param", "authority=barnsly"),
    ("viz", "--authority", "barnsly"),
]


@pytest.mark.parametrize("args", MISSPELT, ids=lambda a: a[0])
def test_misspelt_council_exits_1_naming_it_and_the_nearest(seed_store, tmp_path, args):
    extra = ["--out", str(tmp_path / "g.html")] if args[0] == "viz" else []
    res = run(*args, *extra, "--store", str(seed_store))
    assert res.exit_code == 1, res.output
    lines = res.stderr.strip().splitlines()
    assert lines == ["kg: no council 'barnsly' in the store; nearest: Barnsley (`kg councils` lists all 2)"]
    assert res.stdout == "" and not (tmp_path / "g.html").exists()


def test_council_with_nothing_near_lists_what_the_store_holds(seed_store):
    res = run("recommendations", "--authority", "haringy", "--store", str(seed_store))
    assert res.exit_code == 1
    assert res.stderr.strip() == "kg: no council 'haringy' in the store; it holds Barnet, Barnsley " \
                                 "(`kg councils` lists all 2)"


def test_council_of_the_table_the_store_does_not_hold_is_unknown(seed_store):
    # The store's graph of councils labels Haringey, but no document or inspection is about it.
    res = run("status", "--authority", "London Borough of Haringey", "--store", str(seed_store))
    assert res.exit_code == 1 and "no council 'London Borough of Haringey' in the store" in res.stderr


def test_formal_name_answers_exactly_as_the_short_one(seed_store):
    for args in (("status", "--year", "2012", "--about", "access to records", "--format", "json"),
                 ("recommendations", "--format", "json")):
        short = run(*args, "--authority", "barnsley", "--store", str(seed_store))
        formal = run(*args, "--authority", "Barnsley Metropolitan Borough Council", "--store", str(seed_store))
        assert short.exit_code == formal.exit_code == 0
        assert formal.stdout == short.stdout and json.loads(short.stdout)
    short = run("query", "--named", "open-recommendations", "--param", "authority=barnet", "-f", "csv",
                "--store", str(seed_store))
    formal = run("query", "--named", "open-recommendations", "--param", "authority=London Borough of Barnet",
                 "-f", "csv", "--store", str(seed_store))
    assert formal.exit_code == 0 and formal.stdout == short.stdout and short.stdout.count("\n") > 2


def test_councils_lists_the_councils_held_with_counts_and_dates(seed_store):
    res = run("councils", "--format", "json", "--store", str(seed_store))
    assert res.exit_code == 0, res.output
    rows = {r["key"]: r for r in json.loads(res.stdout)}
    assert set(rows) == {"barnet", "barnsley"}  # not the other 157 councils the table labels
    assert rows["barnsley"] == {
        "authority": "Barnsley", "key": "barnsley", "documents": 4, "inspections": 6,
        "first_inspection": "2010-10", "last_inspection": "2024-11-05",
        "iri": "https://w3id.org/inspection-kg/id/authority/barnsley"}
    as_csv = list(csv.DictReader(io.StringIO(run("councils", "-f", "csv", "--store", str(seed_store)).stdout)))
    assert [r["authority"] for r in as_csv] == ["Barnet", "Barnsley"] and as_csv[1]["inspections"] == "6"


def test_tables_piped_are_tab_separated_lines_that_keep_names_whole(seed_store):
    res = run("recommendations", "--store", str(seed_store))  # CliRunner's stdout is not a terminal
    lines = res.stdout.splitlines()
    assert lines[0].split("\t") == ["council", "inspection", "number", "status", "recommendation", "latest evidence"]
    assert all(len(line.split("\t")) == 6 for line in lines)
    assert not any(c in res.stdout for c in "┃│━─┏")
    councils = run("councils", "--store", str(seed_store)).stdout.splitlines()
    assert councils[2].split("\t") == ["Barnsley", "barnsley", "4", "6", "2010-10", "2024-11-05"]


def test_developer_checks_are_listed_apart_from_the_questions():
    out = run("queries").stdout
    questions, checks = out.split("Developer checks")
    assert "open-recommendations" in questions and "-violation" not in questions
    assert "closed-without-evidence-violation" in checks and "open-recommendations" not in checks
    kinds = {q["name"]: q["kind"] for q in json.loads(run("queries", "-f", "json").stdout)}
    assert kinds["links-across-authorities-violation"] == "check" and kinds["recurring-themes"] == "question"
