"""Analysts' verdicts (issue 13): recorded with who, when and why in their own graph, put before the machine's
reading in `kg status` and `kg recommendations` (both shown), and kept through a rebuild."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli.main import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "documents"


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def status_json(store, *args) -> dict:
    res = run("status", *args, "--format", "json", "--store", store)
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def records_ask(store) -> dict:
    return status_json(store, "--authority", "Barnsley", "--year", "2012", "--about", "access to records")


def test_a_set_verdict_comes_before_the_machine_and_both_are_shown(seed_store_copy):
    before = records_ask(seed_store_copy)
    assert before["status"] != "closed" and before["verdict"] is None
    res = run("verdict", before["recommendation"], "--set", "closed", "--by", "A. Analyst",
              "--note", "The 2024 letter says records are now shared promptly.", "--store", seed_store_copy)
    assert res.exit_code == 0, res.output
    after = records_ask(seed_store_copy)
    assert after["status"] == "closed" and after["closed"] is True
    assert after["machine_status"] == before["status"]
    assert after["verdict"]["by"] == "A. Analyst" and after["verdict"]["action"] == "set"
    assert after["verdict"]["when"][:4].isdigit() and "shared promptly" in after["verdict"]["note"]
    text = run("status", "--authority", "Barnsley", "--year", "2012", "--about", "access to records",
               "--store", seed_store_copy).stdout
    assert text.startswith("Closed: closed by analyst's verdict: set as closed by A. Analyst")
    assert f"the machine's reading: {before['status']}" in text
    rows = json.loads(run("recommendations", "--authority", "Barnsley", "--format", "json",
                          "--store", seed_store_copy).stdout)
    row = next(r for r in rows if r["recommendation"] == before["recommendation"])
    assert (row["status"], row["status_by"], row["machine_status"]) == ("closed", "analyst", before["status"])


def test_a_new_verdict_replaces_the_one_in_force_and_keeps_it_as_its_revision(seed_store_copy):
    rec = records_ask(seed_store_copy)["recommendation"]
    for status, note in (("closed", "first reading"), ("open", "read again: delays remain")):
        assert run("verdict", rec, "--set", status, "--by", "A. Analyst", "--note", note,
                   "--store", seed_store_copy).exit_code == 0
    out = records_ask(seed_store_copy)
    assert out["status"] == "open" and out["verdict"]["note"] == "read again: delays remain"
    from kg import store as kgstore
    from kg.query import select
    from kg.verdicts import GRAPH

    revised = select(f"SELECT ?v ?old WHERE {{ GRAPH <{GRAPH}> {{ ?v prov:wasRevisionOf ?old }} }}",
                     store=kgstore.open_read(seed_store_copy))
    assert [r["v"] for r in revised] == [out["verdict"]["verdict"]]


def test_rejected_evidence_is_marked_and_not_the_latest_word(seed_store_copy):
    before = records_ask(seed_store_copy)
    piece = before["assessments"][-1]["iri"]
    assert run("verdict", piece, "--reject", "--by", "B. Reader", "--note", "About another service.",
               "--store", seed_store_copy).exit_code == 0
    after = records_ask(seed_store_copy)
    marked = {a["iri"]: a["rejected"] for a in after["assessments"]}
    assert marked[piece] is True and not any(v for k, v in marked.items() if k != piece)
    text = run("status", before["recommendation"], "--store", seed_store_copy).stdout
    assert "analyst's verdict: rejected by B. Reader" in text


def test_a_verdict_survives_a_rebuild_after_a_document_changed(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(EXAMPLES, docs)
    store = tmp_path / "store"
    assert run("build", docs, "--store", store).exit_code == 0
    rec = records_ask(store)["recommendation"]
    assert run("verdict", rec, "--set", "closed", "--by", "A. Analyst", "--note", "checked by reading",
               "--store", store).exit_code == 0
    changed = sorted(docs.iterdir())[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA paragraph added later.\n", encoding="utf-8")
    res = run("build", docs, "--store", store)
    assert res.exit_code == 0, res.output
    out = records_ask(store)
    assert out["recommendation"] == rec and out["status"] == "closed" and out["verdict"]["by"] == "A. Analyst"


def test_verdicts_from_a_file(seed_store_copy, tmp_path):
    rec = records_ask(seed_store_copy)["recommendation"]
    f = tmp_path / "verdicts.csv"
    f.write_text(f"target,action,status,by,note,when\n{rec},confirm,,C. Lead,agreed,2026-12-01T10:00:00\n",
                 encoding="utf-8")
    assert run("verdict", "--file", f, "--store", seed_store_copy).exit_code == 0
    out = records_ask(seed_store_copy)
    assert out["verdict"]["action"] == "confirm" and out["status"] == out["machine_status"]
    assert out["verdict"]["when"].startswith("2026-12-01")


@pytest.mark.parametrize("args,words", [
    (["--set", "done"], "done"),  # not a status
    (["--confirm", "--reject"], "exactly one"),
    (["--confirm", "--note", "x"], "who"),  # no --by
    (["--confirm", "--by", "A"], "reason"),  # no --note
])
def test_a_bad_verdict_is_a_usage_error_naming_the_problem_and_nothing_is_stored(seed_store_copy, args, words):
    rec = records_ask(seed_store_copy)["recommendation"]
    res = run("verdict", rec, *args, "--store", seed_store_copy)
    assert res.exit_code == 2 and words in res.stderr.strip().splitlines()[-1]
    assert records_ask(seed_store_copy)["verdict"] is None


def test_a_verdict_on_something_not_in_the_store_is_refused(seed_store_copy):
    res = run("verdict", "https://example.org/nothing", "--confirm", "--by", "A", "--note", "x",
              "--store", seed_store_copy)
    assert res.exit_code == 1 and "not a recommendation, part or assessment" in res.stderr


def test_a_bad_verdicts_file_names_the_file_and_line(seed_store_copy, tmp_path):
    f = tmp_path / "v.csv"
    f.write_text("target,action,status,by,note\nhttps://x/r,close,,A,why\n", encoding="utf-8")
    res = run("verdict", "--file", f, "--store", seed_store_copy)
    assert res.exit_code == 1 and f"{f}:2" in res.stderr and "close" in res.stderr


def test_verdicts_travel_with_the_export(seed_store_copy):
    from kg.verdicts import GRAPH

    rec = records_ask(seed_store_copy)["recommendation"]
    assert run("verdict", rec, "--confirm", "--by", "A. Analyst", "--note", "agreed",
               "--store", seed_store_copy).exit_code == 0
    res = run("export", "--format", "nquads", "--store", seed_store_copy)
    assert res.exit_code == 0, res.output
    lines = [x for x in res.stdout.splitlines() if x.endswith(f"<{GRAPH}> .")]
    assert any("verdictOn" in x and rec in x for x in lines) and any("A. Analyst" in x for x in lines)


def test_the_open_recommendations_query_puts_the_verdict_first(seed_store_copy):
    rec = records_ask(seed_store_copy)["recommendation"]

    def open_rows():
        res = run("query", "--named", "open-recommendations", "--param", "authority=barnsley", "--format", "json",
                  "--store", seed_store_copy)
        assert res.exit_code == 0, res.output
        rows = [{k: v["value"] for k, v in b.items()} for b in json.loads(res.stdout)["results"]["bindings"]]
        return {r["recommendation"]: r for r in rows}

    before = open_rows()
    assert before[rec]["statusBy"] == "machine"
    assert run("verdict", rec, "--set", "closed", "--by", "A. Analyst", "--note", "read in full",
               "--store", seed_store_copy).exit_code == 0
    after = open_rows()
    assert rec not in after and set(after) == set(before) - {rec}
    assert run("verdict", rec, "--set", "open", "--by", "A. Analyst", "--note", "read again",
               "--store", seed_store_copy).exit_code == 0
    assert (open_rows()[rec]["status"], open_rows()[rec]["statusBy"]) == ("Open", "analyst")


# ------------------------------------------------- the machine's reading again, without what analysts rejected

def verdict(store, target, *args):
    res = run("verdict", target, *args, "--by", "A. Analyst", "--note", "read in full", "--store", store)
    assert res.exit_code == 0, res.output


def tracker_row(store, rec) -> dict:
    rows = json.loads(run("recommendations", "--authority", "Barnsley", "--format", "json", "--store", store).stdout)
    return next(r for r in rows if r["recommendation"] == rec)


def page_ask(store, rec) -> dict:
    from kg.viz import view

    return next(a for c in view(store, authority="barnsley").councils for a in c["asks"] if a["iri"] == rec)


def test_the_reading_done_again_over_the_store_is_the_linkers_own(seed_store):
    """With nothing rejected, the linker's rule applied to the store's assessments gives back every status the
    linker wrote, of asks and of their parts."""
    from kg import store as kgstore
    from kg.query import select
    from kg.status import STATUS_WORDS
    from kg.vocab import local_name
    from kg.verdicts import reread

    st = kgstore.open_read(seed_store)
    rows = select("SELECT ?r ?s WHERE { ?r ikg:currentStatus ?s }", store=st)
    parts = select("SELECT ?r ?p ?s WHERE { ?r ikg:hasPart ?p . ?p ikg:partStatus ?s }", store=st)
    assert len(rows) > 50 and {local_name(r["s"]) for r in rows} >= {"Open", "InProgress", "Unknown"} and parts
    for r in rows:
        got = reread(st, None, r["r"], set(), {})
        assert got.status == STATUS_WORDS[local_name(r["s"])], r["r"]
        assert got.parts == {p["p"]: STATUS_WORDS[local_name(p["s"])] for p in parts if p["r"] == r["r"]}, r["r"]


def test_rejecting_the_evidence_a_status_rests_on_gives_what_the_rest_says_everywhere(seed_store_copy):
    before = records_ask(seed_store_copy)
    rec = before["recommendation"]
    assert before["machine_status"] == "open"
    # The ask is open on the 2014 report's words; an analyst rejects every one of them that reads it open, and
    # the report's last described state (apprenticeships: another topic).
    opens = [a["iri"] for a in before["assessments"] if a["status"] == "open"]
    wrong = [a for a in before["assessments"] if a["found_by"] == "described state"][-1]
    for piece in opens + [wrong["iri"]]:
        verdict(seed_store_copy, piece, "--reject")
    after = records_ask(seed_store_copy)
    assert (after["status"], after["machine_status"], after["status_by"], after["closed"]) == (
        "in-progress", "open", "reread", False)
    assert after["status_reread"] == {"status": "in-progress", "rejected_evidence": len(opens) + 1, "parts_ruled": 0,
                                      "words": "the machine's reading without the evidence an analyst rejected"}
    text = run("status", rec, "--store", seed_store_copy).stdout
    assert "in progress by the machine's reading without the evidence an analyst rejected" in text.splitlines()[0]
    assert "its reading of all the evidence: open" in text
    row = tracker_row(seed_store_copy, rec)
    assert (row["status"], row["status_by"], row["machine_status"]) == ("in-progress", "reread", "open")
    assert row["latest_assessment"]["iri"] not in opens + [wrong["iri"]]
    table = run("recommendations", "--authority", "Barnsley", "--store", seed_store_copy).stdout
    assert "in progress (without rejected evidence)" in table
    a = page_ask(seed_store_copy, rec)
    assert (a["status"], a["machineStatus"], a["reread"]["status"]) == ("InProgress", "Open", "InProgress")
    # A verdict on the ask itself still comes first.
    verdict(seed_store_copy, rec, "--set", "closed")
    assert (records_ask(seed_store_copy)["status"], tracker_row(seed_store_copy, rec)["status_by"]) == (
        "closed", "analyst")


def test_verdicts_on_the_parts_of_a_compound_ask_give_its_status(seed_store_copy):
    rec = status_json(seed_store_copy, "--authority", "Barnsley", "--year", "2014", "--number", "33")
    assert rec["status"] == "in-progress" and len(rec["parts"]) == 2
    first, second = (p["part"] for p in rec["parts"])
    verdict(seed_store_copy, first, "--set", "closed")
    one = status_json(seed_store_copy, rec["recommendation"])
    assert [(p["status"], p["status_by"], p["machine_status"]) for p in one["parts"]] == [
        ("closed", "analyst", "in-progress"), ("in-progress", "reread", "in-progress")]
    assert one["parts"][0]["verdict"]["by"] == "A. Analyst" and one["status"] == "in-progress"
    verdict(seed_store_copy, second, "--set", "closed")
    both = status_json(seed_store_copy, rec["recommendation"])
    assert (both["status"], both["status_by"], both["machine_status"]) == ("closed", "reread", "in-progress")
    assert both["status_reread"]["parts_ruled"] == 2
    text = run("status", rec["recommendation"], "--store", seed_store_copy).stdout
    assert text.startswith("Closed: closed by the machine's reading with the parts as analysts ruled")
    assert "1. closed      \"Managers should offer" in text and "analyst's verdict: set as closed" in text
    row = tracker_row(seed_store_copy, rec["recommendation"])
    assert (row["status"], row["status_by"]) == ("closed", "reread")
    a = page_ask(seed_store_copy, rec["recommendation"])
    assert a["status"] == "Closed" and [(p["status"], p["machineStatus"], p["verdict"]["by"]) for p in a["parts"]] == [
        ("Closed", "InProgress", "A. Analyst")] * 2


def test_a_rejected_piece_of_evidence_stays_rejected_when_its_document_changed(tmp_path):
    """An assessment is named by its passage, a passage by its document's content: the changed report's
    evidence is renamed by the rebuild, and the verdict finds it again by its recommendation and words."""
    docs = tmp_path / "docs"
    shutil.copytree(EXAMPLES, docs)
    store = tmp_path / "store"
    assert run("build", docs, "--store", store).exit_code == 0
    before = records_ask(store)
    piece = before["assessments"][-1]
    verdict(store, piece["iri"], "--reject")
    changed = docs / piece["document"]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA paragraph added later.\n", encoding="utf-8")
    assert run("build", docs, "--store", store).exit_code == 0
    after = records_ask(store)
    now = [a for a in after["assessments"] if a["quote"] == piece["quote"]]
    assert len(now) == 1 and now[0]["iri"] != piece["iri"]  # renamed by the rebuild
    assert now[0]["rejected"] and now[0]["verdict"]["note"] == "read in full"
    assert after["status_by"] == "reread" and after["status_reread"]["rejected_evidence"] == 1
    assert tracker_row(store, after["recommendation"])["latest_assessment"]["iri"] != now[0]["iri"]
    trail = {s["quote"]: s["rejected"] for s in page_ask(store, after["recommendation"])["assessments"]}
    assert trail[piece["quote"]] is True


def test_a_confirmed_status_reads_as_people_write_it(seed_store_copy):
    rec = status_json(seed_store_copy, "--authority", "Barnsley", "--year", "2014", "--number", "22")
    assert rec["status"] == "in-progress"
    verdict(seed_store_copy, rec["recommendation"], "--confirm")
    text = run("status", rec["recommendation"], "--store", seed_store_copy).stdout
    assert "analyst's verdict: confirmed as in progress by A. Analyst" in text.splitlines()[0]
