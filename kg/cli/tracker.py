"""`kg recommendations` (the tracker) and `kg status` (was this recommendation closed?)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer

from kg.cli.common import EndpointOpt, StoreOpt, reports_errors, store_path


class StatusFormat(str, Enum):
    text = "text"
    json = "json"


class TrackerFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class StatusFilter(str, Enum):
    open = "open"
    in_progress = "in-progress"
    closed = "closed"
    unknown = "unknown"


def _source(store: Path | None, endpoint: str | None):
    return None if endpoint else store_path(store)


@reports_errors
def status(
    iri: str | None = typer.Argument(None, help="The recommendation's IRI."),
    authority: str | None = typer.Option(None, "--authority", "-a", help="Council name, e.g. Barnsley."),
    year: int | None = typer.Option(None, "--year", "-y", help="Year of the inspection that made it."),
    about: str | None = typer.Option(None, "--about", help="Words about the recommendation."),
    fmt: StatusFormat = typer.Option(StatusFormat.text, "--format", "-f", help="text or json."),  # noqa: B008
    store: Path | None = StoreOpt,
    endpoint: str | None = EndpointOpt,
) -> None:
    """Answer "was this recommendation closed?": the status, then the dated evidence with quotes."""
    import json

    from kg.errors import UsageError
    from kg.status import answer_text, find_status

    if not (iri or authority or year or about):
        raise UsageError("status: give a recommendation IRI, or --authority/--year/--about to find one")
    result = find_status(_source(store, endpoint), iri=iri, authority=authority, year=year, about=about,
                         endpoint=endpoint)
    if fmt is StatusFormat.json:
        sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(answer_text(result) + "\n")


@reports_errors
def recommendations(
    authority: str | None = typer.Option(None, "--authority", "-a", help="Only this council."),
    status_: StatusFilter | None = typer.Option(None, "--status", "-s", help="Only this status."),  # noqa: B008
    fmt: TrackerFormat = typer.Option(TrackerFormat.table, "--format", "-f", help="table, csv or json."),  # noqa: B008
    store: Path | None = StoreOpt,
    endpoint: str | None = EndpointOpt,
) -> None:
    """The recommendation tracker: every recommendation, its status and its latest evidence."""
    from kg.tracker import COLUMNS
    from kg.tracker import recommendations as rows_of

    rows = rows_of(_source(store, endpoint), authority=authority,
                   status=status_.value if status_ else None, endpoint=endpoint)
    if fmt is TrackerFormat.json:
        import json

        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    elif fmt is TrackerFormat.csv:
        import csv

        w = csv.DictWriter(sys.stdout, fieldnames=list(COLUMNS), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    else:
        _table(rows)


def _table(rows: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(show_lines=False)
    for col in ("authority", "date", "number", "status", "text", "latest evidence"):
        t.add_column(col, overflow="fold")
    for r in rows:
        ev = r["latest_evidence"]
        t.add_row(r["authority"], r["date"], r["number"], r["status"], _cut(r["text"], 120), _cut(ev, 90))
    Console(width=max(120, Console().width)).print(t)
    if not rows:
        print("kg: no recommendations match", file=sys.stderr)


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "\u2026"


def register(app: typer.Typer) -> None:
    app.command("status")(status)
    app.command("recommendations")(recommendations)
