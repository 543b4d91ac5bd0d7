"""`kg plot`: static charts with matplotlib (Agg, no display needed).

- judgements: each authority's grades over time (y = grade rank, 1 Outstanding at the top, 4 Inadequate
  at the bottom; x = inspection start date); a line joins each inspection's overall judgement.
- recommendations: one stacked bar per inspection, its recommendations by current status.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kg.errors import InputError, UsageError
from kg.query import held_authority, select
from kg.viz import RANK_NAMES, SHORT_KINDS, STATUS_COLOURS, parse_day
from kg.viz.data import local
from kg.viz.model import STATUS_WORDS

# DISTINCT: every triple is held by one graph (kg.entities), but a store built by an earlier version may
# hold a judgement in several documents' graphs, which the union gives once per graph in Oxigraph 0.5.
JUDGEMENTS = """SELECT DISTINCT ?a ?alabel ?i ?start ?j ?aspect ?rank WHERE {
  ?i ikg:inspectedAuthority ?a ; ikg:startDate ?start ; ikg:hasJudgement ?j .
  ?j ikg:grade ?g . ?g ikg:rank ?rank .
  OPTIONAL { ?j ikg:aspect ?aspect }
  OPTIONAL { ?a rdfs:label ?alabel }
} ORDER BY ?alabel ?start ?aspect"""

RECOMMENDATIONS = """SELECT ?a ?alabel ?i ?start ?kind ?status (COUNT(DISTINCT ?r) AS ?n) WHERE {
  ?i ikg:inspectedAuthority ?a ; ikg:startDate ?start ; ikg:hasRecommendation ?r .
  OPTIONAL { ?i ikg:inspectionKind ?kind }
  OPTIONAL { ?r ikg:currentStatus ?cs }
  BIND(COALESCE(?cs, ikg:Unknown) AS ?status)
  OPTIONAL { ?a rdfs:label ?alabel }
} GROUP BY ?a ?alabel ?i ?start ?kind ?status ORDER BY ?alabel ?start"""

SUFFIXES = {".png", ".svg"}


@dataclass
class PlotSummary:
    series: int  # authorities drawn
    points: int  # judgements, or inspections with recommendations
    noun: str = "judgement"  # what a point is, in the summary's words


def write_plot(store_path: Path | None, out: Path, kind: str = "judgements", authority: str | None = None,
               endpoint: str | None = None) -> PlotSummary:
    """Draw the chart of ``kind`` into ``out`` (.png or .svg)."""
    out = Path(out)
    if out.suffix.lower() not in SUFFIXES:
        raise UsageError(f"{out}: the plot is written as .png or .svg, not {out.suffix or 'no suffix'!r}")
    if kind not in ("judgements", "recommendations"):
        raise UsageError(f"--kind {kind!r}: use judgements or recommendations")
    store = None if endpoint else store_path
    params = {"a": held_authority(authority, store, endpoint)} if authority else None
    rows = select(JUDGEMENTS if kind == "judgements" else RECOMMENDATIONS, store, endpoint, params)
    fig, summary = judgements_figure(rows) if kind == "judgements" else recommendations_figure(rows)
    save(fig, out)
    return summary


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def save(fig, out: Path) -> None:
    plt = _pyplot()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(out, dpi=120, bbox_inches="tight", metadata={"Date": None} if out.suffix == ".svg" else None)
    except OSError as e:
        raise InputError(f"{out}: cannot write the plot ({e.strerror or e})") from None
    finally:
        plt.close(fig)


def judgement_series(rows: list[dict]) -> dict[str, dict[str, list]]:
    """Per authority: every judgement as (date, rank), and each inspection's overall (or worst) rank.

    >>> rows = [{"a": "x", "alabel": "X", "i": "i1", "start": "2012-06", "aspect": "Overall effectiveness", "rank": "3"},
    ...         {"a": "x", "alabel": "X", "i": "i1", "start": "2012-06", "aspect": "Leadership", "rank": "2"}]
    >>> judgement_series(rows)["X"]["overall"]
    [(datetime.date(2012, 6, 1), 3)]
    """
    out: dict[str, dict[str, list]] = {}
    per_inspection: dict[tuple[str, str], list[tuple[str, int]]] = {}
    start_of: dict[str, date] = {}
    for row in rows:
        day = parse_day(row["start"])
        if day is None:
            continue
        name = row.get("alabel") or local(row["a"])
        rank = int(float(row["rank"]))
        out.setdefault(name, {"all": [], "overall": []})["all"].append((day, rank))
        per_inspection.setdefault((name, row["i"]), []).append((row.get("aspect", ""), rank))
        start_of.setdefault(row["i"], day)
    for (name, i), items in per_inspection.items():
        day = start_of[i]
        overall = [r for a, r in items if "overall" in a.lower()]
        out[name]["overall"].append((day, overall[0] if overall else max(r for _, r in items)))
    for series in out.values():
        series["overall"].sort()
    return out


def judgements_figure(rows: list[dict]):
    plt = _pyplot()
    series = judgement_series(rows)
    fig, ax = plt.subplots(figsize=(11, 5.5))
    colours = plt.get_cmap("tab10")
    for k, (name, s) in enumerate(sorted(series.items())):
        c = colours(k % 10)
        ax.scatter([d for d, _ in s["all"]], [r for _, r in s["all"]], color=c, alpha=0.35, s=22)
        ax.plot([d for d, _ in s["overall"]], [r for _, r in s["overall"]], marker="o", color=c, label=name)
    ax.set_yticks([1, 2, 3, 4], [RANK_NAMES[r] for r in (1, 2, 3, 4)])
    ax.set_ylim(4.5, 0.5)  # rank 1 (Outstanding) at the top
    ax.set_xlabel("inspection start date")
    ax.set_title("Inspection judgements by the date each inspection began (line: overall effectiveness, dots: "
                 "every judgement)")
    ax.grid(axis="y", alpha=0.3)
    if series:
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
    else:
        ax.text(0.5, 0.5, "no judgements in the store", transform=ax.transAxes, ha="center")
    fig.autofmt_xdate()
    return fig, PlotSummary(len(series), sum(len(s["all"]) for s in series.values()))


def recommendation_bars(rows: list[dict]) -> list[tuple[str, date, dict[str, int]]]:
    """One bar per inspection: (label, date, status -> count), in authority then date order."""
    bars: dict[str, tuple[str, date, dict[str, int]]] = {}
    for row in rows:
        day = parse_day(row["start"])
        if day is None:
            continue
        name = row.get("alabel") or local(row["a"])
        kind = SHORT_KINDS.get(local(row.get("kind", "")), "Inspection")
        _, _, counts = bars.setdefault(row["i"], (f"{name}: {kind} begun {day:%b %Y}", day, {}))
        counts[local(row["status"])] = counts.get(local(row["status"]), 0) + int(float(row["n"]))
    return sorted(bars.values(), key=lambda b: (b[0].split(": ")[0], b[1]))


def recommendations_figure(rows: list[dict]):
    plt = _pyplot()
    bars = recommendation_bars(rows)
    fig, ax = plt.subplots(figsize=(max(8, 0.7 * len(bars) + 3), 5.5))
    xs = list(range(len(bars)))
    bottom = [0] * len(bars)
    for status, colour in STATUS_COLOURS.items():
        heights = [b[2].get(status, 0) for b in bars]
        ax.bar(xs, heights, bottom=bottom, color=colour, label=STATUS_WORDS[status], width=0.7)
        bottom = [x + h for x, h in zip(bottom, heights)]
    ax.set_xticks(xs, [b[0] for b in bars], rotation=60, ha="right", fontsize=8)
    ax.set_ylabel("recommendations")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title("Recommendations of each inspection (by the month it began) by current status")
    ax.legend(loc="upper right", fontsize=8)
    if not bars:
        ax.text(0.5, 0.5, "no recommendations in the store", transform=ax.transAxes, ha="center")
    authorities = {b[0].split(": ")[0] for b in bars}
    return fig, PlotSummary(len(authorities), len(bars), "inspection")
