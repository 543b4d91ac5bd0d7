"""`kg plot`: judgements over time and recommendation status per inspection, drawn with matplotlib (Agg)."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kg.errors import InputError, UsageError

HERE = Path(__file__).resolve().parent
MINI = HERE / "data" / "viz-mini.trig"


@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> Path:
    import pyoxigraph

    from kg.pipeline import load_ontology
    from kg.store import writing

    path = tmp_path_factory.mktemp("plot") / "store"
    with writing(path) as st:
        st.load(MINI.read_bytes(), format=pyoxigraph.RdfFormat.TRIG)
        load_ontology(st)
    return path


def test_judgements_plot_has_one_series_per_authority(mini, tmp_path):
    from kg.plot import write_plot

    out = tmp_path / "j.png"
    summary = write_plot(mini, out)
    assert (summary.series, summary.points) == (2, 5)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 10_000


def test_judgement_series_follow_overall_effectiveness_in_date_order(mini):
    from kg.plot import JUDGEMENTS, judgement_series
    from kg.query import select

    series = judgement_series(select(JUDGEMENTS, mini))
    assert [(d.isoformat(), r) for d, r in series["Northtown"]["overall"]] == [
        ("2012-06-11", 3), ("2014-06-02", 3), ("2018-10-08", 2)]
    assert [r for _, r in series["Southvale"]["overall"]] == [4]
    assert len(series["Northtown"]["all"]) == 4


def test_recommendation_bars_count_each_status(mini):
    from kg.plot import RECOMMENDATIONS, recommendation_bars
    from kg.query import select

    bars = recommendation_bars(select(RECOMMENDATIONS, mini))
    assert [(label, counts) for label, _, counts in bars] == [
        ("Northtown: Safeguarding & LAC begun Jun 2012", {"Open": 1, "Closed": 1}),
        ("Northtown: SIF begun Jun 2014", {"Closed": 1}),
        ("Northtown: ILACS begun Oct 2018", {"Unknown": 1}),
        ("Southvale: SIF begun Mar 2015", {"InProgress": 1}),
    ]


def test_svg_output_and_authority_filter(mini, tmp_path):
    from kg.plot import write_plot

    out = tmp_path / "r.svg"
    summary = write_plot(mini, out, kind="recommendations", authority="Southvale")
    assert (summary.series, summary.points) == (1, 1)
    ET.parse(out)  # well-formed SVG
    text = out.read_text()  # matplotlib draws text as paths, each preceded by a comment with its words
    assert "<!-- Southvale: SIF begun Mar 2015 -->" in text and "Northtown" not in text
    assert "<!-- Recommendations of each inspection (by the month it began) by current status -->" in text


def test_bad_requests_name_the_cause(mini, tmp_path):
    from kg.plot import write_plot

    with pytest.raises(UsageError, match=r"\.png or \.svg"):
        write_plot(mini, tmp_path / "x.jpg")
    with pytest.raises(UsageError, match="--kind"):
        write_plot(mini, tmp_path / "x.png", kind="findings")
    with pytest.raises(InputError, match="no council 'Eastford' in the store"):
        write_plot(mini, tmp_path / "x.png", authority="Eastford")


def test_cli_plot_writes_the_file_and_speaks_on_stderr(mini, tmp_path):
    out = tmp_path / "cli.png"
    proc = subprocess.run([sys.executable, "-m", "kg.cli.main", "plot", "--store", str(mini), "--kind",
                           "recommendations", "--out", str(out)], check=False, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "" and "wrote" in proc.stderr
    assert out.exists()
    bad = subprocess.run([sys.executable, "-m", "kg.cli.main", "plot", "--store", str(mini), "--out",
                          str(tmp_path / "x.gif")], check=False, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and bad.stderr.startswith("kg: ")


def test_seed_store_plots(seed_store, tmp_path):
    from kg.plot import write_plot

    j = write_plot(seed_store, tmp_path / "j.png")
    r = write_plot(seed_store, tmp_path / "r.png", kind="recommendations")
    assert j.points >= 1 and r.points >= 1
