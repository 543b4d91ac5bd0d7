"""`kg viz` (the HTML page of trackers and timelines) and `kg plot` (judgements and recommendation status over time)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer

from kg.cli.common import EndpointOpt, StoreOpt, output_file, plural, reports_errors, store_path


class PlotKind(str, Enum):
    judgements = "judgements"
    recommendations = "recommendations"


def register(app: typer.Typer) -> None:
    app.command("viz")(viz)
    app.command("plot")(plot)


@reports_errors
def viz(
    authority: str = typer.Option(None, "--authority", "-a", help="Only this council (name, slug or IRI)."),
    focus: str = typer.Option(None, "--focus", help="This recommendation's council, the recommendation chosen (its IRI)."),
    out: Path = typer.Option(Path("kg-graph.html"), "--out", "-o", help="The HTML file to write."),  # noqa: B008
    store: Path = StoreOpt,
    endpoint: str = EndpointOpt,
) -> None:
    """Write the HTML page: each council's tracker beside the timeline of its asks; works offline."""
    from kg.viz import write_html

    summary = write_html(None if endpoint else store_path(store), output_file(out), authority=authority, focus=focus,
                         endpoint=endpoint)
    print(f"kg: wrote {out} ({plural(summary.councils, 'council')}, {plural(summary.inspections, 'inspection')}, "
          f"{plural(summary.asks, 'ask')})", file=sys.stderr)


@reports_errors
def plot(
    authority: str = typer.Option(None, "--authority", "-a", help="Only this council (name, slug or IRI)."),
    kind: PlotKind = typer.Option(PlotKind.judgements, "--kind", help="What to plot."),  # noqa: B008
    out: Path = typer.Option(Path("kg-plot.png"), "--out", "-o", help="The image (.png or .svg)."),  # noqa: B008
    store: Path = StoreOpt,
    endpoint: str = EndpointOpt,
) -> None:
    """Plot judgements over time, or the status of each inspection's recommendations."""
    from kg.plot import write_plot

    summary = write_plot(None if endpoint else store_path(store), output_file(out), kind=kind.value, authority=authority,
                         endpoint=endpoint)
    print(f"kg: wrote {out} ({plural(summary.series, 'council')}, {plural(summary.points, summary.noun)})",
          file=sys.stderr)
