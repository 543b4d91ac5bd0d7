"""`kg viz`: the page's model of the store, its layout, the self-contained page, and the page in a real
Chromium: readable at first paint, each ask's evidence one click away, nothing fetched, nothing injected."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from itertools import combinations
from pathlib import Path
from urllib.parse import quote

import pytest

from kg.errors import InputError

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MINI = HERE / "data" / "viz-mini.trig"
ARTIFACTS = HERE / "artifacts"
PICTURES = ROOT / "docs" / "images"  # the screenshots the README shows, made by the browser tests below
ID = "https://w3id.org/inspection-kg/id/"
R9 = ID + "inspection/northtown/safeguarding-lac/2012-06/recommendation/9"
R1 = ID + "inspection/northtown/sif/2014-06/recommendation/1"
INJECTION = '<script>window.kgMarker=1</script><img src=x onerror="window.kgMarker=2">'


def load_store(path: Path, trig: bytes) -> Path:
    import pyoxigraph

    from kg.pipeline import load_ontology
    from kg.store import writing

    with writing(path) as st:
        st.load(trig, format=pyoxigraph.RdfFormat.TRIG)
        load_ontology(st)
    return path


@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> Path:
    return load_store(tmp_path_factory.mktemp("viz") / "store", MINI.read_bytes())


def hostile_trig() -> str:
    """The mini store with report text that tries to inject script everywhere text reaches the page: an
    ask's words, a quote, a council's name, a document's file name."""
    text = MINI.read_text()
    bad = INJECTION.replace('"', '\\"')
    text = text.replace('"Ensure that strategy meetings take place for every child at risk of significant harm."',
                        f'"Ensure strategy meetings happen {bad}"')
    text = text.replace('"Care leavers now receive their records quickly."', f'"Care leavers {bad}"')
    text = text.replace('rdfs:label "Southvale"', f'rdfs:label "Southvale</script>{bad}"')
    text = text.replace('"northtown-2018.txt"', '"<img src=x onerror=\\"window.kgMarker=3\\">.txt"')
    assert text.count("kgMarker") == 11  # two quotes and passages, an ask, a name, a file
    return text


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    return load_store(tmp_path_factory.mktemp("hostile") / "store", hostile_trig().encode())


def by_iri(v, iri: str) -> dict:
    return next(a for c in v.councils for a in c["asks"] + c["inspections"] if a["iri"] == iri)


# ------------------------------------------------------------------------------------------- the model

def test_view_holds_each_council_with_its_inspections_and_asks(mini):
    from kg.viz import view

    v = view(mini)
    assert [(c["label"], len(c["inspections"]), len(c["asks"])) for c in v.councils] == [
        ("Northtown", 3, 4), ("Southvale", 1, 1)]
    r1, r9 = by_iri(v, R1), by_iri(v, R9)
    assert r1["carriesForward"] == [r9["id"]] and r9["carriedForwardBy"] == [r1["id"]]
    assert r1["chain"] == r9["chain"] == [r9["id"], r1["id"]]  # the chain in date order
    assert (r9["status"], r9["made"], r9["madeBy"], r9["for"]) == ("Open", "2012-06-22", "Safeguarding & LAC Jun 2012",
                                                                   "Northtown")
    assert r9["timescale"] == "within three months"
    [a1] = r9["assessments"]
    assert (a1["dated"], a1["status"], a1["evidence"], a1["document"], a1["paragraph"]) == (
        "2014-09-01", "Open", "inspectorate finding", "northtown-2014.txt", "40")
    assert r9["latest"] == a1["id"]
    insp = by_iri(v, ID + "inspection/northtown/safeguarding-lac/2012-06")
    assert (insp["start"], insp["end"], insp["published"]) == ("2012-06-11", "2012-06-22", "2012-08-01")
    assert insp["grade"] == {"label": "Adequate", "rank": 3, "aspect": "Overall effectiveness"}


def test_asks_are_named_by_their_topic_not_their_number(mini):
    from kg.viz import view

    titles = sorted(a["title"] for c in view(mini).councils for a in c["asks"])
    assert titles == ["Care leavers can access their records", "Children and young people", "Quality of assessments",
                      "Response to children", "Strategy meetings take place for every child"]


def test_a_triple_held_by_two_graphs_is_shown_once(tmp_path):
    from kg.viz import view

    store = load_store(tmp_path / "store", many_councils_trig([2, 3]).encode())
    v = view(store)
    assert [(c["label"], len(c["inspections"]), len(c["asks"])) for c in v.councils] == [
        ("Council 0", 2, 4), ("Council 1", 3, 6)]
    assert all(len(a["carriesForward"]) == 1 for c in v.councils for a in c["asks"] if a["number"] == "2")


def test_the_time_axis_is_proportional_to_dates(mini):
    from kg.viz import view
    from kg.viz.layout import x_of

    v = view(mini)
    start = date.fromisoformat(v.axis["start"])
    per_day = {round(i["x"] / (date.fromisoformat(i["date"]) - start).days, 3)
               for c in v.councils for i in c["inspections"]}
    assert len(per_day) == 1  # every inspection is as far along as its date
    years = [t["x"] for t in v.axis["ticks"]]
    gaps = [b - a for a, b in zip(years, years[1:])]
    assert max(gaps) - min(gaps) <= 2  # a leap year is a day longer
    assert x_of("2014-09-01", v.axis) > x_of("2014-06-02", v.axis)


def test_inspection_labels_of_a_council_never_overlap_on_a_row(seed_store):
    from kg.viz import view
    from kg.viz.layout import label_width

    for c in view(seed_store).councils:
        for a, b in combinations(c["inspections"], 2):
            if a["level"] != b["level"]:
                continue
            spans = sorted(((i["x"] - label_width(i["label"])) if i["anchor"] == "end" else i["x"], i["label"])
                           for i in (a, b))
            left, right = spans
            assert left[0] + label_width(left[1]) <= right[0], (a["label"], b["label"])


def test_authority_option_keeps_one_council(mini):
    from kg.viz import view

    v = view(mini, authority="southvale")
    assert [c["label"] for c in v.councils] == ["Southvale"] and v.heading.endswith("Southvale")
    with pytest.raises(InputError, match="no council 'Eastford' in the store"):
        view(mini, authority="Eastford")


def test_focus_draws_the_asks_council_with_the_ask_chosen(mini, tmp_path):
    from kg.viz import view, write_html

    v = view(mini, focus=R1)
    assert [c["label"] for c in v.councils] == ["Northtown"] and v.focus == R1
    write_html(mini, tmp_path / "f.html", focus=R1)
    assert f'"focus": "{R1}"' in (tmp_path / "f.html").read_text()
    with pytest.raises(InputError, match="no recommendation"):
        view(mini, focus=ID + "inspection/northtown/sif/2014-06/recommendation/99")
    with pytest.raises(InputError, match="not an IRI"):
        view(mini, focus="<x> } DROP ALL")


def test_cli_writes_the_page_and_speaks_on_stderr(mini, tmp_path):
    out = tmp_path / "g.html"
    proc = subprocess.run([sys.executable, "-m", "kg.cli.main", "viz", "--store", str(mini), "--out", str(out)],
                          check=False, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert proc.stderr == f"kg: wrote {out} (2 councils, 4 inspections, 5 asks)\n"
    bad = subprocess.run([sys.executable, "-m", "kg.cli.main", "viz", "--store", str(tmp_path / "none")],
                         check=False, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and bad.stderr.startswith("kg: ") and len(bad.stderr.splitlines()) == 1


def external_refs(page: str) -> list[str]:
    return re.findall(r"""(?:src|href|url)\s*[=(]\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE)


def test_page_is_self_contained(mini, tmp_path):
    from kg.viz import write_html

    out = tmp_path / "g.html"
    summary = write_html(mini, out)
    page = out.read_text()
    assert (summary.councils, summary.inspections, summary.asks) == (2, 4, 5)
    assert external_refs(page) == []
    assert "<link" not in page and "@import" not in page
    assert not re.search(r"cdnjs|jsdelivr|unpkg|bootstrap|googleapis", page)
    assert page.count("<script") == 2  # the data block and the page script, both inline


def test_report_text_reaches_the_page_escaped(hostile, tmp_path):
    from kg.viz import write_html

    for authority in (None, "southvale"):  # every council, and one named in the page's title
        out = tmp_path / "h.html"
        write_html(hostile, out, authority=authority)
        page = out.read_text()
        assert "window.kgMarker" in page  # the text is there ...
        assert "<script>window.kgMarker" not in page and "<img src=x" not in page  # ... but never as markup
        assert page.count("<script") == page.count("</script>") == 2


# ------------------------------------------------------------------------------------- in a real browser

def page_requests(urls: list[str]) -> list[str]:
    """What the page fetched beyond its own file: Chromium's own update/account pings are not the page's."""
    own = ("google.com", "googleapis.com", "gvt1.com")
    return [u for u in urls if not u.startswith(("file:", "data:", "chrome:", "about:"))
            and not re.match(r"https?://([^/]+\.)?(" + "|".join(map(re.escape, own)) + r")(:\d+)?/", u)]


def overlapping(labels: list[dict]) -> list[tuple[str, str]]:
    """Pairs of labels whose boxes share more than a pixel's sliver."""
    out = []
    for a, b in combinations(labels, 2):
        (l1, t1, r1, b1), (l2, t2, r2, b2) = a["box"], b["box"]
        if min(r1, r2) - max(l1, l2) > 1 and min(b1, b2) - max(t1, t2) > 1:
            out.append((a["text"], b["text"]))
    return out


def assert_readable_at_first_paint(report: dict, councils: int) -> None:
    assert report["errors"] == []
    assert report["drawn"] == councils
    kinds = {x["kind"] for x in report["labels"]}
    assert kinds == {"inspection", "ask"}, kinds
    small = [(x["text"], x["px"]) for x in report["labels"] if x["px"] < 11 or x["box"][3] - x["box"][1] < 11]
    assert small == []
    assert overlapping(report["labels"]) == []
    assert not any(re.fullmatch(r"R\d+", x["text"]) for x in report["labels"])


def assert_axis_proportional(report: dict) -> None:
    """Years are evenly spaced on the screen, and each inspection's diamond sits where its date falls."""
    for ticks in report["ticks"]:
        gaps = [b["x"] - a["x"] for a, b in zip(ticks, ticks[1:])]
        assert max(gaps) - min(gaps) <= 1.5, gaps
    first = report["ticks"][0][0]
    per_year = (report["ticks"][0][1]["x"] - first["x"]) / (int(report["ticks"][0][1]["label"]) - int(first["label"]))
    origin = date(int(first["label"]), 1, 1)
    for i in report["inspections"]:
        day = date.fromisoformat(i["date"] if len(i["date"]) > 7 else i["date"] + "-01")
        expected = first["x"] + (day - origin).days / 365.25 * per_year
        assert abs(i["x"] - expected) <= 2.5, (i, expected)


@pytest.mark.browser
def test_demo_page_is_readable_at_first_paint_and_fetches_nothing(seed_store, tmp_path):
    import browser

    from kg.viz import write_html

    out = tmp_path / "demo.html"
    write_html(seed_store, out)
    run = browser.load(out, tmp_path / "chromium")
    assert_readable_at_first_paint(run.report, councils=2)
    assert_axis_proportional(run.report)
    assert page_requests(run.requests) == []
    barnsley_2012 = next(a for c in __import__("kg.viz", fromlist=["view"]).view(seed_store).councils
                         for a in c["asks"] if a["made"] == "2012-06")
    shot = browser.screenshot(out, PICTURES / "page-demo.png", tmp_path / "chromium",
                              "#ask=" + quote(barnsley_2012["iri"], safe=""))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.browser
def test_choosing_a_tracker_row_shows_its_evidence_quotes(seed_store, tmp_path):
    import browser

    from kg.status import find_status
    from kg.viz import write_html

    out = tmp_path / "barnsley.html"
    write_html(seed_store, out, authority="barnsley")
    answer = find_status(seed_store, authority="barnsley", year=2012, about="access to records")
    run = browser.load(out, tmp_path / "chromium", "#click=" + quote(answer["recommendation"], safe=""))
    assert run.report["errors"] == []
    assert run.report["trail"] is None  # nothing chosen before the click
    assert run.report["clicked"] == [a["quote"] for a in answer["assessments"]]
    assert len(run.report["clicked"]) >= 3
    assert_readable_at_first_paint(run.report, councils=1)
    assert_axis_proportional(run.report)


@pytest.mark.browser
@pytest.mark.corpus
def test_a_council_built_from_its_published_pdfs_is_readable(tmp_path):
    """Haringey's nine published reports and letters (2009-2025): ten inspections, dozens of asks."""
    import browser
    from conftest import corpus_or_skip

    from kg.pipeline import build
    from kg.status import find_status
    from kg.viz import view, write_html

    store = tmp_path / "store"
    report = build([corpus_or_skip() / "pdf" / "80498_haringey"], store)
    assert not report.failed
    v = view(store, authority="haringey")
    [council] = v.councils
    assert len(council["inspections"]) >= 8 and len(council["asks"]) >= 50
    most = max(council["asks"], key=lambda a: len(a["assessments"]))
    out = tmp_path / "haringey.html"
    write_html(store, out, authority="haringey")
    run = browser.load(out, tmp_path / "chromium", "#click=" + quote(most["iri"], safe=""))
    assert_readable_at_first_paint(run.report, councils=1)
    assert_axis_proportional(run.report)
    assert run.report["clicked"] == [a["quote"] for a in find_status(store, most["iri"])["assessments"]]
    browser.screenshot(out, PICTURES / "page-council.png", tmp_path / "chromium")


@pytest.mark.browser
def test_choosing_an_ask_highlights_its_chain(mini, tmp_path):
    import browser

    from kg.viz import write_html

    out = tmp_path / "g.html"
    write_html(mini, out)
    run = browser.load(out, tmp_path / "chromium", "#ask=" + quote(R9, safe=""))
    assert run.report["errors"] == []
    assert sorted(run.report["selected"]) == sorted([R9, R1])
    assert run.report["trail"]["quotes"] == ["Care leavers still cannot see their records promptly"]


@pytest.mark.browser
def test_injected_script_never_runs(hostile, tmp_path):
    import browser

    from kg.viz import write_html

    out = tmp_path / "h.html"
    write_html(hostile, out)
    for ask in (R1, ID + "inspection/southvale/sif/2015-03/recommendation/7"):
        run = browser.load(out, tmp_path / "chromium", "#ask=" + quote(ask, safe=""))
        assert run.report["marker"] == "undefined"
        assert run.report["errors"] == []
        assert "window.kgMarker" in run.report["trail"]["title"] + "".join(run.report["trail"]["quotes"]) \
            or "window.kgMarker" in run.dom
        # The DOM as Chromium holds it (the page's own CSP may stop a planted element from running, so
        # look for the element itself): the planted markup is text, never an element.
        assert "&lt;img src=x" in run.dom
        assert not re.search(r"<img[^>]*onerror|<script>window", run.dom)
    browser.screenshot(out, ARTIFACTS / "viz-hostile.png", tmp_path / "chromium", "#ask=" + quote(R1, safe=""))


@pytest.mark.browser
def test_a_store_of_many_councils_is_one_line_each_until_opened(tmp_path):
    import browser

    from kg.viz import write_html

    store = load_store(tmp_path / "store", many_councils_trig([3, 5, 1, 4, 2, 6]).encode())
    out = tmp_path / "many.html"
    write_html(store, out)
    run = browser.load(out, tmp_path / "chromium", "#ask=" + quote(f"{ID}r/3/1/2", safe=""))
    assert run.report["errors"] == [] and run.report["councils"] == 6
    assert run.report["drawn"] == 1  # only the council of the chosen ask is opened
    assert sorted(run.report["selected"]) == [f"{ID}r/3/1/1", f"{ID}r/3/1/2"]


# ----------------------------------------------------------------------------------- many councils

def many_councils_trig(sizes: list[int]) -> str:
    """Councils with ``sizes[k]`` inspections each (a judgement and two recommendations apiece, the second
    carrying the first forward), every triple asserted in two documents' graphs, as a real store did."""
    body = []
    for k, n in enumerate(sizes):
        a = f"<{ID}authority/council-{k}>"
        body.append(f'{a} a ikg:Authority ; rdfs:label "Council {k}" .')
        for m in range(n):
            i = f"<{ID}inspection/council-{k}/sif/{2010 + m}-06>"
            body.append(f'{i} a ikg:Inspection ; ikg:inspectedAuthority {a} ; ikg:startDate "{2010 + m}-06-01" ; '
                        f"ikg:inspectionKind ikg:SIFInspection ; ikg:hasJudgement <{ID}j/{k}/{m}> ; "
                        f"ikg:hasRecommendation <{ID}r/{k}/{m}/1>, <{ID}r/{k}/{m}/2> .")
            body.append(f'<{ID}j/{k}/{m}> ikg:aspect "Overall effectiveness" ; ikg:grade ikg:SIFGood .')
            body.append(f'<{ID}r/{k}/{m}/1> ikg:number "1" ; ikg:currentStatus ikg:Open ; ikg:text "Improve the first thing." .')
            body.append(f'<{ID}r/{k}/{m}/2> ikg:number "2" ; ikg:currentStatus ikg:Closed ; ikg:text "Review the second." ; '
                        f"ikg:carriesForward <{ID}r/{k}/{m}/1> .")
    prefixes = ("PREFIX ikg: <https://w3id.org/inspection-kg/ontology#>\nPREFIX prov: <http://www.w3.org/ns/prov#>\n"
                "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")
    graphs = "".join(f"<{ID}graph/document/{g}> {{\n" + "\n".join(body) + "\n}\n" for g in ("one", "two"))
    return prefixes + graphs


# ------------------------------------------------------------------------------------- analysts' verdicts

def record_verdicts(store: Path) -> tuple[dict, str]:
    """On the Barnsley 2012 ask: a verdict that sets its status, and one rejecting its latest evidence."""
    from kg import store as kgstore
    from kg import verdicts
    from kg.status import find_status

    answer = find_status(store, authority="barnsley", year=2012, about="access to records")
    latest = [a for a in answer["assessments"] if not a["found_by"].startswith("a deficit")][-1]["iri"]
    with kgstore.writing(store) as st:
        verdicts.record(st, [
            verdicts.Verdict(answer["recommendation"], "set", "A. Analyst", "Records are shared on time.", "closed"),
            verdicts.Verdict(latest, "reject", "A. Analyst", "This sentence is about life-story work.")])
    return answer, latest


def test_the_page_puts_an_analysts_verdict_first_and_shows_the_machines_reading(seed_store_copy):
    from kg.viz import view

    answer, rejected = record_verdicts(seed_store_copy)
    a = by_iri(view(seed_store_copy, authority="barnsley"), answer["recommendation"])
    assert (a["status"], a["machineStatusWords"]) == ("Closed", answer["status"].replace("-", " "))
    assert (a["verdict"]["action"], a["verdict"]["by"], a["verdict"]["note"]) == (
        "set", "A. Analyst", "Records are shared on time.")
    trail = {s["id"]: s for s in a["assessments"]}
    assert [s["rejected"] for s in a["assessments"]].count(True) == 1
    assert not trail[a["latest"]]["rejected"]  # a rejected piece of evidence is not the latest word


@pytest.mark.browser
def test_a_verdict_shows_in_the_tracker_row_and_the_trail(seed_store_copy, tmp_path):
    import browser

    from kg.viz import write_html

    answer, _ = record_verdicts(seed_store_copy)
    out = tmp_path / "barnsley.html"
    write_html(seed_store_copy, out, authority="barnsley")
    run = browser.load(out, tmp_path / "chromium", "#click=" + quote(answer["recommendation"], safe=""))
    assert run.report["errors"] == []
    assert "closed \u2713" in run.report["clickedRow"]
    assert any(c.startswith("set as closed by A. Analyst") for c in run.report["clickedRow"])
    facts = " | ".join(run.report["clickedFacts"])
    assert "analyst's verdict: set as closed by A. Analyst" in facts
    assert f"the machine's reading: {answer['status'].replace('-', ' ')}" in facts
    assert "rejected by an analyst: not the latest word" in facts


@pytest.mark.browser
def test_the_trail_shows_the_parts_of_a_compound_ask_with_their_verdicts(seed_store_copy, tmp_path):
    import browser

    from kg import store as kgstore
    from kg import verdicts
    from kg.status import find_status
    from kg.viz import write_html

    ask = find_status(seed_store_copy, authority="barnsley", year=2014, number="33")
    first = ask["parts"][0]["part"]
    with kgstore.writing(seed_store_copy) as st:
        verdicts.record(st, [verdicts.Verdict(first, "set", "A. Analyst", "Challenge is now recorded.", "closed")])
        del st
    out = tmp_path / "barnsley.html"
    write_html(seed_store_copy, out, authority="barnsley")
    run = browser.load(out, tmp_path / "chromium", "#click=" + quote(ask["recommendation"], safe=""))
    assert run.report["errors"] == []
    parts = run.report["clickedParts"]
    assert len(parts) == 2 and parts[0].startswith("closed: \u201cManagers should offer")
    assert "analyst's verdict: set as closed by A. Analyst" in parts[0] and "the machine's reading: in progress" in parts[0]
    assert parts[1].startswith("in progress: \u201cthis should be consistently recorded")
