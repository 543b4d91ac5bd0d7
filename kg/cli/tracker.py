"""`kg recommendations` (the tracker) and `kg status` (was this recommendation closed?)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer

from kg.cli.common import EndpointOpt, StoreOpt, TableFormat, plural, print_table, reports_errors, store_path


class StatusFormat(str, Enum):
    text = "text"
    json = "json"


class TrackerFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def status_value(value: str | None) -> str | None:
    """A status as the JSON writes it, from the words a person types or copies from a table ("in progress",
    "In-Progress", "in_progress"); any other word is wrong usage naming the four.

    >>> status_value("in progress"), status_value("Closed"), status_value(None)
    ('in-progress', 'closed', None)
    """
    if value is None:
        return None
    from kg.status import STATUS_WORDS

    want = "-".join(value.lower().replace("_", " ").replace("-", " ").split())
    if want not in STATUS_WORDS.values():
        raise typer.BadParameter(f"{value!r} is not a status: use open, in progress, closed or unknown")
    return want


StatusOpt = typer.Option(None, "--status", "-s", callback=status_value,
                         help="Only this status: open, in progress, closed or unknown.")


def _source(store: Path | None, endpoint: str | None):
    return None if endpoint else store_path(store)


def _check_council(authority: str | None, store: Path | None, endpoint: str | None) -> None:
    """A council the store does not hold is an error suggesting the nearest names, not an empty answer."""
    if authority:
        from kg.query import held_authority

        held_authority(authority, _source(store, endpoint), endpoint)


@reports_errors
def councils(
    fmt: TableFormat = typer.Option(TableFormat.table, "--format", "-f", help="table, csv, tsv or json."),  # noqa: B008
    store: Path | None = StoreOpt,
    endpoint: str | None = EndpointOpt,
) -> None:
    """The councils in the store: their documents, inspections, and first and last inspection dates."""
    from kg.query import councils as councils_of

    rows = councils_of(_source(store, endpoint), endpoint)
    columns = ["authority", "key", "documents", "inspections", "first_inspection", "last_inspection"]
    if fmt is TableFormat.json:
        import json

        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    elif fmt in (TableFormat.csv, TableFormat.tsv):
        import csv

        w = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore", lineterminator="\n",
                           delimiter="," if fmt is TableFormat.csv else "\t")
        w.writeheader()
        w.writerows(rows)
    else:
        print_table(["council", "key", "documents", "inspections", "first inspection began", "last inspection began"],
                    [[r[c] for c in columns] for r in rows])


@reports_errors
def status(
    iri: str | None = typer.Argument(None, help="The recommendation's IRI."),
    authority: str | None = typer.Option(None, "--authority", "-a", help="Council name, e.g. Barnsley."),
    year: int | None = typer.Option(None, "--year", "-y", help="Year of the inspection that made it."),
    about: str | None = typer.Option(None, "--about", help="Words about the recommendation."),
    number: str | None = typer.Option(None, "--number", "-n", help="Its number in the report, e.g. 4 or 20.1."),
    fmt: StatusFormat = typer.Option(StatusFormat.text, "--format", "-f", help="text or json."),  # noqa: B008
    store: Path | None = StoreOpt,
    endpoint: str | None = EndpointOpt,
) -> None:
    """Answer "was this recommendation closed?": the status, then the dated evidence with quotes."""
    import json

    from kg.errors import UsageError
    from kg.status import SeveralMatch, answer_text, find_status, match_lines

    if not (iri or authority or year or about or number):
        raise UsageError("status: give a recommendation IRI, or --authority/--year/--number/--about to find one")
    _check_council(authority, store, endpoint)
    try:
        result = find_status(_source(store, endpoint), iri=iri, authority=authority, year=year, about=about,
                             endpoint=endpoint, number=number)
    except SeveralMatch as e:  # the matches on stdout, where the answer would be; the reason on stderr
        if fmt is StatusFormat.json:
            sys.stdout.write(json.dumps({"matches": e.matches}, indent=2, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write("\n".join(match_lines(e.matches, limit=len(e.matches))) + "\n")
        raise
    if fmt is StatusFormat.json:
        sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(answer_text(result) + "\n")


@reports_errors
def recommendations(
    authority: str | None = typer.Option(None, "--authority", "-a", help="Only this council."),
    status_: str | None = StatusOpt,
    fmt: TrackerFormat = typer.Option(TrackerFormat.table, "--format", "-f", help="table, csv or json."),  # noqa: B008
    store: Path | None = StoreOpt,
    endpoint: str | None = EndpointOpt,
) -> None:
    """The recommendation tracker: every recommendation, its status and its latest evidence."""
    from kg.tracker import COLUMNS
    from kg.tracker import recommendations as rows_of

    _check_council(authority, store, endpoint)
    rows = rows_of(_source(store, endpoint), authority=authority,
                   status=status_, endpoint=endpoint)
    if fmt is TrackerFormat.json:
        import json

        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    elif fmt is TrackerFormat.csv:
        import csv

        w = csv.DictWriter(sys.stdout, fieldnames=list(COLUMNS), lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    else:
        _table(rows)


def _table(rows: list[dict]) -> None:
    from kg.status import words
    from kg.tracker import inspection_words

    def status(r):
        by = {"analyst": " (analyst)", "reread": " (without rejected evidence)" if (r.get("status_reread") or {}).get(
            "rejected_evidence") else " (parts as ruled)"}
        return words(r["status"]) + by.get(r.get("status_by"), "")

    def evidence(ev):
        if not ev:
            return ""
        return f"{words(ev['status'])}: {ev['document_name']}: \"{ev['quote']}\""

    print_table(["council", "inspection", "number", "status", "recommendation", "latest evidence"],
                [[r["authority"], inspection_words(r), r["number"], status(r), r["text"],
                  evidence(r["latest_assessment"] and {**r["latest_assessment"],
                                                       "document_name": r["latest_evidence_document"]})]
                 for r in rows],
                width=120, cuts={"recommendation": 120, "latest evidence": 160})
    if not rows:
        print("kg: no recommendations match", file=sys.stderr)


@reports_errors
def verdict(
    target: str | None = typer.Argument(None, help="IRI of the recommendation, part or piece of evidence judged."),
    confirm: bool = typer.Option(False, "--confirm", help="The machine's status is right."),
    reject: bool = typer.Option(False, "--reject", help="The machine's status (or this piece of evidence) is wrong."),
    set_: str | None = typer.Option(None, "--set", callback=status_value,
                                    help="The status is this one: open, in progress, closed or unknown."),
    by: str = typer.Option("", "--by", help="Who makes the verdict."),
    note: str = typer.Option("", "--note", help="Why."),
    file: Path | None = typer.Option(None, "--file", help="A CSV of verdicts (target,action,status,by,note[,when])."),  # noqa: B008
    store: Path | None = StoreOpt,
) -> None:
    """Record an analyst's verdict: confirm, reject or set a recommendation's status (or a part's), or reject
    one piece of evidence. Verdicts are kept in their own graph, survive every rebuild, and come first in
    kg status, kg recommendations and the named queries."""
    from kg import store as kgstore
    from kg.errors import InputError, UsageError
    from kg.verdicts import Verdict, check, read_file, record

    actions = [a for a, on in (("confirm", confirm), ("reject", reject), ("set", set_ is not None)) if on]
    if file is not None:
        if target or actions:
            raise UsageError("verdict: give either --file or a target with one of --confirm, --reject, --set")
        verdicts = read_file(file)
    else:
        if not target or len(actions) != 1:
            raise UsageError("verdict: give a target IRI and exactly one of --confirm, --reject, --set STATUS")
        try:
            verdicts = [check(Verdict(target, actions[0], by, note, set_ or ""))]
        except InputError as e:  # a missing or malformed option of this command
            raise UsageError(str(e)) from None
    path = store_path(store)
    if not kgstore.exists(path):
        raise UsageError(f"verdict: no store at {path}; build one first with kg build")
    with kgstore.writing(path) as st:
        made = record(st, verdicts)
        del st
    print(f"recorded {plural(len(made), 'verdict')} in {path}", file=sys.stderr)


def register(app: typer.Typer) -> None:
    app.command("verdict")(verdict)
    app.command("status")(status)
    app.command("recommendations")(recommendations)
    app.command("councils")(councils)
