"""Output that fits where it goes, in words people use (issue 16 items 2 and 3): the named questions say
what each row holds and how to give a council, the plot's legend and summary say statuses and counts in
words, the demo names the page it wrote, and a reader that stops early (`| head`) gets no error."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys

from typer.testing import CliRunner

from kg.cli.main import app


def run(*args):
    return CliRunner().invoke(app, list(args))


def test_queries_list_says_what_each_row_holds_and_how_to_give_a_council():
    rows = [line.split("\t") for line in run("queries").stdout.splitlines()][1:]
    head = rows[0]
    assert head == ["name", "what it answers", "what each row holds", "options"]
    by_name = {r[0]: r for r in rows if len(r) == 4}
    assert by_name["judgements-over-time"][3] == "--param authority=COUNCIL"
    assert "start (the day its inspection began)" in by_name["judgements-over-time"][2]
    assert by_name["recommendation-history"][3] == "--param recommendation=IRI"
    assert not any("ikg:" in cell or "authority:authority" in cell for r in rows for cell in r)


def test_plot_legend_says_statuses_in_words_and_counts_inspections(seed_store, tmp_path):
    from kg.plot import RECOMMENDATIONS, recommendations_figure
    from kg.query import select

    fig, summary = recommendations_figure(select(RECOMMENDATIONS, seed_store))
    labels = fig.axes[0].get_legend_handles_labels()[1]
    assert labels == ["open", "in progress", "closed", "no evidence yet"]
    res = run("plot", "--kind", "recommendations", "--authority", "barnsley", "--out", str(tmp_path / "r.png"),
              "--store", str(seed_store))
    assert res.exit_code == 0, res.output
    assert res.stderr == f"kg: wrote {tmp_path / 'r.png'} (1 council, 3 inspections)\n"


def test_demo_says_it_wrote_the_page(tmp_path):
    res = run("demo", "--store", str(tmp_path / ".kg"), "--out", str(tmp_path / "demo.html"))
    assert res.exit_code == 0, res.output
    assert res.stderr.splitlines()[-1] == f"Wrote the page to {tmp_path / 'demo.html'}: open it in a browser (it " \
                                          "works offline)."
    assert "Asked again as number 22 of the SIF inspection of 2014-06-02 to 2014-06-25" in res.stdout


def test_demo_gives_the_answer_briefly_and_says_where_the_rest_is(tmp_path):
    """The demo shows what a first look needs (the references to the ask, the ask repeated, the latest word)
    and says how much more `kg status` holds; the full answer keeps every piece and the doubts."""
    res = run("demo", "--store", str(tmp_path / ".kg"), "--out", str(tmp_path / "demo.html"))
    assert res.exit_code == 0, res.output
    assert "found by explicit reference" in res.stdout and "found by repeated ask" in res.stdout
    assert "found by described state" not in res.stdout and "Doubts" not in res.stdout
    assert re.search(r"^  \.\.\. and \d+ more pieces? of evidence and \d+ doubts?: the kg status command shows them "
                     r"all\.$", res.stdout, re.M)
    assert len(res.stdout.splitlines()) <= 25
    full = run("status", "--authority", "barnsley", "--year", "2012", "--about", "access to records",
               "--store", str(tmp_path / ".kg")).stdout
    assert "found by described state" in full and "Doubts" in full and "more piece" not in full


# A command's body that writes far more than a pipe holds, so the writer meets the closed pipe.
LONG_ANSWER = """
import sys
from kg.cli.common import reports_errors

@reports_errors
def answer():
    for _ in range(20000):
        sys.stdout.write("x" * 99 + "\\n")

try:
    answer()
except BaseException as e:  # typer.Exit: its exit code
    sys.exit(getattr(e, "exit_code", 1))
"""


def test_a_reader_that_stops_early_gets_no_error():
    """`kg recommendations | head -1`: the pipe closes before the answer is written; the command stops
    quietly (exit 0, nothing on stderr), as a Unix filter does."""
    proc = subprocess.Popen([sys.executable, "-c", LONG_ANSWER], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        assert proc.stdout.read(10) == b"x" * 10
        proc.stdout.close()
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert (err.decode(), proc.returncode) == ("", 0)
