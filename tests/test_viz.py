"""`kg viz`: the networkx view of the store, the self-contained page, and the page in a real Chromium."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from kg.errors import InputError

HERE = Path(__file__).resolve().parent
MINI = HERE / "data" / "viz-mini.trig"
ARTIFACTS = HERE / "artifacts"
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


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """The mini store with report text that tries to inject script everywhere text reaches the page."""
    text = MINI.read_text()
    text = text.replace('"Ensure that strategy meetings take place for every child at risk of significant harm."',
                        '"Ensure strategy meetings happen ' + INJECTION.replace('"', '\\"') + '"')
    text = text.replace('rdfs:label "Southvale"', 'rdfs:label "Southvale</script>' + INJECTION.replace('"', '\\"') + '"')
    text = text.replace('"southvale-2015.txt"', '"<img src=x onerror=\\"window.kgMarker=3\\">.txt"')
    assert text.count("kgMarker") == 7  # recommendation and passage text, label, file name
    return load_store(tmp_path_factory.mktemp("hostile") / "store", text.encode())


def kinds(g) -> Counter:
    return Counter(k for _, k in g.nodes(data="kind"))


def test_view_holds_each_kind_of_node_from_the_store(mini):
    from kg.viz import view

    g, notes, _ = view(mini)
    assert kinds(g) == {"authority": 2, "inspection": 4, "judgement": 5, "recommendation": 5, "assessment": 3,
                        "board": 1, "partner": 1}
    assert notes == []
    assert g.edges[R1, R9]["kind"] == "carriesForward"
    # The 2014 recommendation was assessed closed by the 2018 letter, which describes the 2018 inspection.
    a3 = R1 + "/assessment/a3"
    assert g.edges[R1, a3]["kind"] == "assessed"
    assert g.edges[a3, ID + "inspection/northtown/ilacs-standard/2018-10"]["kind"] == "assessedIn"
    assert g.nodes[R9]["chain"] == g.nodes[R1]["chain"] == 2
    assert g.nodes[ID + "inspection/southvale/sif/2015-03/recommendation/7"]["chain"] == 1
    timeline = sorted((u, v) for u, v, k in g.edges(data="kind") if k == "timeline")
    assert [u.rsplit("/", 1)[-1] for u, _ in timeline] == ["2012-06", "2014-06"]


def test_positions_put_inspections_in_date_order_on_one_lane_per_authority(mini):
    from kg.viz import layout, view

    g, _, _ = view(mini)
    meta = layout(g)
    inspections = sorted((a["day"], a["x"], a["y"], a["authority"]) for _, a in g.nodes(data=True)
                         if a["kind"] == "inspection")
    xs = [x for _, x, _, _ in inspections]
    assert xs == sorted(xs) and len(set(xs)) == 4
    lanes = {auth: y for _, _, y, auth in inspections}
    assert len(set(lanes.values())) == 2
    assert [lane["label"] for lane in meta["lanes"]] == ["Northtown", "Southvale"]
    assert all("x" in a and "y" in a for _, a in g.nodes(data=True))


def test_colours_follow_grade_rank_and_current_status(mini):
    from kg.viz import RANK_COLOURS, STATUS_COLOURS, style, view

    g, _, _ = view(mini)
    style(g)
    bg = {n: a["color"]["background"] for n, a in g.nodes(data=True)}
    assert bg[ID + "inspection/southvale/sif/2015-03/judgement/overall-effectiveness"] == RANK_COLOURS[4]
    assert bg[ID + "inspection/northtown/ilacs-standard/2018-10/judgement/overall-effectiveness"] == RANK_COLOURS[2]
    assert bg[R9] == STATUS_COLOURS["Open"] and bg[R1] == STATUS_COLOURS["Closed"]
    assert bg[ID + "inspection/southvale/sif/2015-03/recommendation/7"] == STATUS_COLOURS["InProgress"]


def test_side_panel_shows_text_and_evidence(mini):
    from kg.viz import style, view

    g, _, _ = view(mini)
    style(g)
    info = g.nodes[R1 + "/assessment/a3"]["info"]
    assert "Care leavers now receive their records quickly." in info
    assert "northtown-2018.txt, paragraph 20" in info


def test_authority_option_keeps_one_council(mini):
    from kg.viz import view

    g, _, heading = view(mini, authority="southvale")
    assert kinds(g) == {"authority": 1, "inspection": 1, "judgement": 1, "recommendation": 1}
    assert heading.endswith("Southvale")
    with pytest.raises(InputError, match="no authority matching 'Eastford'"):
        view(mini, authority="Eastford")


def test_focus_shows_one_recommendations_lineage(mini):
    from kg.viz import view

    g, _, _ = view(mini, focus=R1)
    assert set(g.nodes) == {
        ID + "authority/northtown", R1, R9, R1 + "/assessment/a3", R9 + "/assessment/a1",
        ID + "inspection/northtown/safeguarding-lac/2012-06", ID + "inspection/northtown/sif/2014-06",
        ID + "inspection/northtown/ilacs-standard/2018-10",
    }
    with pytest.raises(InputError, match="no recommendation"):
        view(mini, focus=ID + "inspection/northtown/sif/2014-06/recommendation/99")


def test_over_the_budget_the_view_is_summarised_and_says_so(mini, tmp_path):
    from kg.viz import view, write_html

    g, notes, _ = view(mini, budget=12)
    assert g.number_of_nodes() <= 12
    assert kinds(g)["recommendations"] == 4 and "recommendation" not in kinds(g)
    assert "recommendations summarised per inspection" in notes[0]
    # the carry-forward link survives as a link between the two inspections' summaries
    assert [k for _, _, k in g.edges(data="kind")].count("carriesForward") == 1
    out = tmp_path / "small.html"
    summary = write_html(mini, out, budget=12)
    assert summary.aggregated and summary.nodes == g.number_of_nodes()
    assert "21 nodes is more than this page draws well (12)" in out.read_text()


def test_cli_writes_the_page_and_reports_aggregation_on_stderr(mini, tmp_path):
    out = tmp_path / "g.html"
    proc = subprocess.run([sys.executable, "-m", "kg.cli.main", "viz", "--store", str(mini), "--out", str(out),
                           "--max-nodes", "12"], check=False, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert "21 nodes is more than this page draws well (12)" in proc.stderr
    assert out.exists()
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
    assert (summary.nodes, summary.edges, summary.aggregated) == (21, 23, False)
    assert external_refs(page) == []
    assert "<link" not in page and "node_modules" not in page
    assert not re.search(r"cdnjs|jsdelivr|unpkg|bootstrap", page)
    assert "sourceMappingURL" not in page
    assert "vis-network" in page and "new vis.Network" in page


def test_report_text_reaches_the_page_escaped(hostile, tmp_path):
    from kg.viz import write_html

    out = tmp_path / "h.html"
    write_html(hostile, out)
    page = out.read_text()
    assert "window.kgMarker" in page  # the text is there ...
    assert "<script>window.kgMarker" not in page and "<img src=x" not in page  # ... but never as markup
    body = page.split("<body>", 1)[1]  # (the vendored library in <head> holds the string "<script>" itself)
    assert body.count("<script") == body.count("</script>") == 2  # the data block and the page script


# ------------------------------------------------------------------------------------- in a real browser

@pytest.mark.browser
def test_page_draws_offline_in_chromium(mini, tmp_path):
    import browser

    from kg.viz import view, write_html

    out = tmp_path / "g.html"
    summary = write_html(mini, out)
    g, _, _ = view(mini)
    run = browser.load(out, tmp_path / "chromium")
    r = run.report
    assert r["errors"] == []
    assert (r["nodes"], r["edges"]) == (g.number_of_nodes(), g.number_of_edges()) == (summary.nodes, summary.edges)
    assert r["painted"] > 1000  # the canvas has really been drawn on
    assert r["hiddenByKind"] == dict(kinds(g))  # each kind filter hides exactly that kind
    assert page_requests(run.requests) == []
    shot = browser.screenshot(out, ARTIFACTS / "viz-mini.png", tmp_path / "chromium")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def page_requests(urls: list[str]) -> list[str]:
    """What the page fetched beyond its own file: Chromium's own update/account pings are not the page's."""
    own = ("google.com", "googleapis.com", "gvt1.com")
    return [u for u in urls if not u.startswith(("file:", "data:", "chrome:", "about:"))
            and not re.match(r"https?://([^/]+\.)?(" + "|".join(map(re.escape, own)) + r")(:\d+)?/", u)]


@pytest.mark.browser
def test_injected_script_never_runs(hostile, tmp_path):
    import browser

    from kg.viz import write_html

    out = tmp_path / "h.html"
    write_html(hostile, out)
    run = browser.load(out, tmp_path / "chromium")  # #selftest renders every node's panel
    assert run.report["marker"] == "undefined"
    assert run.report["errors"] == []
    assert run.report["nodes"] == 21
    assert "window.kgMarker" in run.dom  # shown as text in the last panel rendered or the filters
    browser.screenshot(out, ARTIFACTS / "viz-hostile.png", tmp_path / "chromium")


@pytest.mark.browser
def test_seed_store_page_draws_in_chromium(seed_store, tmp_path):
    import browser

    from kg.viz import view, write_html

    out = tmp_path / "seed.html"
    summary = write_html(seed_store, out)
    g, _, _ = view(seed_store)
    assert kinds(g)["authority"] >= 1 and kinds(g)["inspection"] >= 1 and kinds(g)["recommendation"] >= 1
    run = browser.load(out, tmp_path / "chromium")
    assert run.report["errors"] == []
    assert (run.report["nodes"], run.report["edges"]) == (summary.nodes, summary.edges)
    assert page_requests(run.requests) == []
    browser.screenshot(out, ARTIFACTS / "viz-seed.png", tmp_path / "chromium")


# ------------------------------------------------------------------------------------- above the budget

def many_councils_trig(sizes: list[int]) -> str:
    """Councils with ``sizes[k]`` inspections each (a judgement and two recommendations apiece, the second
    carrying the first forward), every triple asserted in two documents' graphs, as a real store does."""
    body = []
    for k, n in enumerate(sizes):
        a = f"<{ID}authority/council-{k}>"
        body.append(f'{a} a ikg:Authority ; rdfs:label "Council {k}" ; prov:wasDerivedFrom <{ID}p/{k}> .')
        body.append(f'<{ID}p/{k}> ikg:text "Council {k} passage" ; ikg:inDocument <{ID}d/{k}> .')
        for m in range(n):
            i = f"<{ID}inspection/council-{k}/sif/{2010 + m}-06>"
            body.append(f'{i} a ikg:Inspection ; ikg:inspectedAuthority {a} ; ikg:startDate "{2010 + m}-06-01" ; '
                        f"ikg:inspectionKind ikg:SIFInspection ; ikg:hasJudgement <{ID}j/{k}/{m}> ; "
                        f"ikg:hasRecommendation <{ID}r/{k}/{m}/1>, <{ID}r/{k}/{m}/2> .")
            body.append(f'<{ID}j/{k}/{m}> ikg:aspect "Overall effectiveness" ; ikg:grade ikg:SIFGood .')
            body.append(f'<{ID}r/{k}/{m}/1> ikg:number "1" ; ikg:currentStatus ikg:Open ; ikg:text "First" .')
            body.append(f'<{ID}r/{k}/{m}/2> ikg:number "2" ; ikg:currentStatus ikg:Closed ; ikg:text "Second" ; '
                        f"ikg:carriesForward <{ID}r/{k}/{m}/1> .")
    prefixes = ("PREFIX ikg: <https://w3id.org/inspection-kg/ontology#>\nPREFIX prov: <http://www.w3.org/ns/prov#>\n"
                "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")
    graphs = "".join(f"<{ID}graph/document/{g}> {{\n" + "\n".join(body) + "\n}\n" for g in ("one", "two"))
    return prefixes + graphs


def test_whole_store_above_the_budget_is_aggregated_from_counts(tmp_path):
    from kg.viz import Source, aggregate, build_graph, count_nodes, read_facts, view

    sizes = [3, 5, 1, 4, 2, 6]
    store = load_store(tmp_path / "store", many_councils_trig(sizes).encode())
    full = 6 + sum(sizes) * 4  # authorities; per inspection itself, a judgement and two recommendations
    counts = count_nodes(Source(store), None)
    assert counts[f"{ID}authority/council-5"] == {"inspection": 6, "judgement": 6, "recommendation": 12,
                                                  "recommendations": 6}  # each once, not once per graph
    g, notes, _ = view(store, budget=25)
    assert g.number_of_nodes() <= 25
    assert notes[0].startswith(f"{full} nodes is more than this page draws well (25): ")
    assert "recommendations summarised per inspection" in notes[0]
    assert "only the 2 authorities with the most inspections are shown" in notes[0]
    shown = {n for n, k in g.nodes(data="kind") if k == "authority"}
    assert shown == {f"{ID}authority/council-5", f"{ID}authority/council-1"}  # 6 and 5 inspections: 13 + 11 nodes
    assert kinds(g) == {"authority": 2, "inspection": 11, "recommendations": 11}
    # The decision taken on counts is the one aggregating the whole graph would have taken.
    whole, whole_notes = aggregate(build_graph(read_facts(Source(store), None)), 25)
    assert set(g.nodes) == set(whole.nodes) and notes[0].endswith("; ".join(whole_notes) + ".")
    # Passages are read for what is drawn only, and reach the side panel.
    assert g.nodes[f"{ID}authority/council-5"]["evidence"][0]["text"] == "Council 5 passage"


def test_one_authority_of_a_large_store_is_drawn_in_full(tmp_path):
    from kg.viz import view

    store = load_store(tmp_path / "store", many_councils_trig([3, 5, 1, 4, 2, 6]).encode())
    g, notes, heading = view(store, authority="Council 3", budget=20)
    assert notes == [] and heading.endswith("Council 3")
    assert kinds(g) == {"authority": 1, "inspection": 4, "judgement": 4, "recommendation": 8}
    assert [k for _, _, k in g.edges(data="kind")].count("carriesForward") == 4
