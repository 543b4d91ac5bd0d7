"""`kg query`, `kg queries`, `kg export`, `kg serve`, `kg push`: SPARQL everywhere."""

from __future__ import annotations

import csv
import re
import sys
from enum import Enum
from pathlib import Path

import typer

from kg.cli.common import (EndpointOpt, StoreOpt, TableFormat, err_console, output_file, print_table, reports_errors,
                           store_path)
from kg.errors import UsageError


class ExportFormat(str, Enum):
    trig = "trig"
    nquads = "nquads"
    turtle = "turtle"
    jsonld = "jsonld"


FileArg = typer.Argument(None, help="A .rq file to run.", exists=False)
ExprOpt = typer.Option(None, "-e", "--expr", help="The SPARQL text to run.")
NamedOpt = typer.Option(None, "--named", "-n", help="A named query from queries/ (see `kg queries`).")
ParamOpt = typer.Option([], "--param", "-p", help="KEY=VALUE, bound as an RDF term; repeatable.")
FormatOpt = typer.Option(TableFormat.table, "--format", "-f", help="Output format.")
ListFormatOpt = typer.Option(TableFormat.table, "--format", "-f", help="table or json.")
ExportFormatOpt = typer.Option(ExportFormat.trig, "--format", "-f", help="trig | nquads | turtle | jsonld.")
OutOpt = typer.Option(None, "--out", "-o", help="Write here instead of stdout.")
HostOpt = typer.Option("127.0.0.1", "--host", help="Address to listen on (127.0.0.1: this machine only).")
PortOpt = typer.Option(7878, "--port", min=1, max=65535, help="Port to listen on.")
TimeoutOpt = typer.Option(30, "--timeout", min=0, help="Stop a query after this many seconds (0: none).")
PushEndpointOpt = typer.Option(None, "--endpoint", help="The external store's SPARQL Update URL.")
GraphStoreOpt = typer.Option(None, "--graph-store", help="Its Graph Store Protocol URL (preferred).")


def register(app: typer.Typer) -> None:
    app.command("query")(query_cmd)
    app.command("queries")(queries_cmd)
    app.command("export")(export_cmd)
    app.command("serve")(serve_cmd)
    app.command("push")(push_cmd)


def parse_params(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--param {pair!r}: expected KEY=VALUE")
        out[key.strip()] = value
    return out


@reports_errors
def query_cmd(
    file: Path = FileArg,
    expr: str = ExprOpt,
    named: str = NamedOpt,
    param: list[str] = ParamOpt,
    fmt: TableFormat = FormatOpt,
    store: Path = StoreOpt,
    endpoint: str = EndpointOpt,
) -> None:
    """Run SPARQL: a file, -e TEXT or --named NAME. ASK prints true/false; CONSTRUCT prints Turtle."""
    from kg.query import named_query, run_query

    given = [x for x in (file, expr, named) if x is not None]
    if len(given) != 1:
        raise UsageError("query: give exactly one of FILE.rq, -e 'SPARQL' or --named NAME")
    if named is not None:
        text, where = named_query(named), f"{named}.rq"
    elif expr is not None:
        text, where = expr, "query"
    else:
        text, where = read_query_file(file), str(file)
    result = run_query(text, store=None if endpoint else store_path(store), endpoint=endpoint,
                       params=parse_params(param), where=where)
    if result.kind == "select" and fmt == TableFormat.table:
        print_result_table(result)
    else:
        sys.stdout.write(result.serialize(fmt.value))


def read_query_file(path: Path) -> str:
    from kg.errors import InputError

    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: cannot read the query ({e.__class__.__name__}: {e})") from None


def print_result_table(result) -> None:
    from kg.query import compact

    print_table(result.variables, [[compact(row[v]) if v in row else "" for v in result.variables]
                                   for row in result.rows])
    err_console().print(f"{len(result.rows)} row{'s' if len(result.rows) != 1 else ''}")


@reports_errors
def queries_cmd(fmt: TableFormat = ListFormatOpt) -> None:
    """List the named queries with their descriptions and parameters."""
    import json

    from kg.query import named_queries

    infos = named_queries()
    if fmt == TableFormat.json:
        print(json.dumps([{"name": q.name, "title": q.title, "description": q.description,
                           "returns": q.returns, "kind": _kind(q),
                           "params": [{"name": p.name, "type": p.type, "default": p.default} for p in q.params]}
                          for q in infos], indent=2))
        return
    if fmt in (TableFormat.csv, TableFormat.tsv):
        rows = [("name", "description", "params", "kind")]
        rows += [(q.name, q.description, _params_text(q), _kind(q)) for q in infos]
        write_delimited(rows, fmt)
        return
    for kind, title in (("question", "Questions to ask the graph"),
                        ("check", "Developer checks: each row they return is a fault in the graph")):
        rows = [[q.name, q.description, q.returns, _options_text(q)] for q in infos if _kind(q) == kind]
        if kind == "check":
            print()
        print_table(["name", "what it answers", "what each row holds", "options"], rows, title=title)


def _kind(q) -> str:
    """A question people ask, or a developer check of the graph (named ``*-violation``: rows are faults)."""
    return "check" if q.name.endswith("-violation") else "question"


def _params_text(q) -> str:
    return " ".join(f"{p.name}:{p.type}" + (f"={p.default}" if p.default else "") for p in q.params)


# What a person types after --param KEY= for each type of parameter.
PARAM_VALUE_WORDS = {"authority": "COUNCIL", "iri": "IRI", "xsd:integer": "NUMBER", "xsd:decimal": "NUMBER",
                     "xsd:boolean": "true|false", "xsd:date": "YYYY-MM-DD", "xsd:gYear": "YYYY"}


def _options_text(q) -> str:
    """The options a named query takes, as typed: ``--param authority=COUNCIL``."""
    return " ".join(f"--param {p.name}={PARAM_VALUE_WORDS.get(p.type, 'VALUE')}"
                    + (f" (default {p.default})" if p.default else "") for p in q.params)


def write_delimited(rows: list[tuple[str, ...]], fmt: TableFormat) -> None:
    """CSV quoted by the csv module (RFC 4180); TSV with each tab or line break in a field made a space, as
    text/tab-separated-values has no quoting."""
    if fmt == TableFormat.csv:
        csv.writer(sys.stdout, lineterminator="\n").writerows(rows)
        return
    for row in rows:
        print("\t".join(" ".join(re.split(r"[\t\r\n]", field)) for field in row))


@reports_errors
def export_cmd(
    fmt: ExportFormat = ExportFormatOpt,
    out: Path = OutOpt,
    store: Path = StoreOpt,
) -> None:
    """Export the whole dataset (turtle and jsonld: the union of all graphs)."""
    from kg.export import export

    if out is not None:
        output_file(out)
    data = export(store_path(store), fmt.value)
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        out.write_bytes(data)
        err_console().print(f"wrote {out} ({len(data)} bytes)")


@reports_errors
def serve_cmd(
    host: str = HostOpt,
    port: int = PortOpt,
    timeout: float = TimeoutOpt,
    store: Path = StoreOpt,
) -> None:
    """A read-only SPARQL 1.1 Protocol endpoint at http://HOST:PORT/query; updates are refused."""
    from kg.serve import serve

    console = err_console()
    path = store_path(store)

    def announce(url: str) -> None:
        console.print(f"kg: serving {path} read-only at {url} (Ctrl-C stops)")

    code = serve(path, host, port, timeout or None, announce=announce)
    if code not in (0, -15, 143):
        raise typer.Exit(1)


@reports_errors
def push_cmd(
    endpoint: str = PushEndpointOpt,
    graph_store: str = GraphStoreOpt,
    store: Path = StoreOpt,
) -> None:
    """Copy the dataset into an external SPARQL 1.1 store, replacing each named graph."""
    from rich.progress import Progress

    from kg.push import push
    from kg.vocab import local_name

    console = err_console()
    with Progress(console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("pushing", total=None)

        def progress(sent: int, total: int, graph: str) -> None:
            bar.update(task, completed=sent, total=total, description=local_name(graph)[:40])

        report = push(store_path(store), endpoint=endpoint, graph_store=graph_store, progress=progress)
    console.print(f"pushed {len(report.graphs)} graphs, {report.triples} triples by {report.method}")
