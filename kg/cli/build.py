"""`kg build`, `kg validate`, `kg demo`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from kg.cli.common import StoreOpt, err_console, fail, output_file, plural, print_table, reports_errors, store_path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "documents"


def register(app: typer.Typer) -> None:
    app.command("build")(build_cmd)
    app.command("validate")(validate_cmd)
    app.command("demo")(demo_cmd)


@reports_errors
def build_cmd(
    paths: list[Path] = typer.Argument(..., help="Documents or folders (.txt, .md, .pdf, .html)."),
    store: Path = StoreOpt,
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Extract in this many processes."),
    strict: bool = typer.Option(False, "--strict", help="Treat warnings as failures."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary table."),
) -> None:
    """Read documents, extract, link and store them; idempotent."""
    keep_large_buffers()
    report = run_build(paths, store_path(store), jobs, quiet)
    for r in report.failed:
        print(f"kg: {r.error}", file=sys.stderr)
    for w in report.warnings:
        print(f"kg: warning: {w}", file=sys.stderr)
    if report.failed or (strict and report.warnings):
        raise typer.Exit(1)


def keep_large_buffers() -> None:
    """Ask glibc's malloc to serve large blocks from the heap and keep freed memory for reuse, in this
    process and the workers it forks. A build allocates and frees buffers of tens of megabytes (each batch
    of N-Quads and Oxigraph's bulk loader); as fresh mappings each time they cost a page fault per 4 KiB:
    665,000 in the main process of a 1,224-document build, against 150,000 with this, and 1.5 s.
    Elsewhere (another libc) nothing changes. Done here, not in the library: it lasts as long as the
    process, and a `kg` command ends with its build."""
    import ctypes

    try:
        libc = ctypes.CDLL(None)
        libc.mallopt(-3, 512 << 20)  # M_MMAP_THRESHOLD: blocks below 512 MiB from the heap
        libc.mallopt(-1, 1 << 30)  # M_TRIM_THRESHOLD: keep up to 1 GiB freed at the top of the heap
    except (OSError, AttributeError):
        pass


def run_build(paths: list[Path], store: Path, jobs: int, quiet: bool):
    from rich.progress import Progress

    from kg.pipeline import build

    console = err_console()
    with Progress(console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("reading", total=None)

        def progress(done: int, total: int, name: str) -> None:
            bar.update(task, completed=done, total=total, description=Path(name).name[:40])

        report = build(paths, store, jobs=jobs, progress=progress)
    if not quiet:
        summary_table(report, console, store)
    return report


def summary_table(report, console, store: Path) -> None:
    from kg.emit import display_name
    from kg.status import DOCUMENT_KIND_WORDS

    rows = []
    for r in report.results:
        c = r.counts
        result = "same as another" if r.same_as else "unchanged" if r.skipped else "ok" if r.ok else "FAILED"
        rows.append([Path(r.source_file).name, DOCUMENT_KIND_WORDS.get(r.kind, r.kind),
                     display_name(r.authority) if r.authority else "",
                     c.get("inspections", ""), c.get("judgements", ""), c.get("recommendations", ""), result])
    print_table(["document", "kind", "council", "inspections", "judgements", "recommendations", "result"], rows,
                title="kg build",
                console=console)
    console.print(f"Read {plural(len(report.results), 'document')}, {len(report.failed)} failed. "
                  f"{held_summary(store)}")


def held_summary(store: Path) -> str:
    """What the store holds, in counts a reader knows: documents, inspections, recommendations, councils."""
    from kg.query import store_counts

    n = store_counts(store)
    return (f"The store holds {plural(n['documents'], 'document')}, {plural(n['inspections'], 'inspection')} "
            f"and {plural(n['recommendations'], 'recommendation')} of {plural(n['councils'], 'council')}.")


@reports_errors
def validate_cmd(store: Path = StoreOpt) -> None:
    """Check the store against the SHACL shapes; exit 1 with the violations when it does not conform."""
    from kg import store as kgstore
    from kg.validate import validate
    from kg.vocab import local_name

    st = kgstore.open_verified(store_path(store))  # a damaged data file is named, not read
    report = validate(kgstore.as_rdflib(st))
    if report.conforms:
        err_console().print(f"The graph passed all {plural(shape_checks(), 'check')} of its shapes "
                            "(ontology/shapes.ttl).")
        return
    # The problems are the answer (stdout: a table on a terminal, tab-separated lines piped); the verdict is
    # the one line on stderr of every failed command.
    print_table(["node", "property", "problem", "shape"],
                [[v.label, v.path or "", v.message, local_name(v.shape or "")] for v in report.rows],
                width=160)
    fail(f"the graph breaks its shapes (ontology/shapes.ttl) in {plural(len(report.rows), 'place')}, listed above")


def shape_checks() -> int:
    """How many checks the shapes make: one per property shape, one per SPARQL constraint."""
    from rdflib.namespace import SH

    from kg.validate import load_shapes

    shapes = load_shapes()
    return len(set(shapes.subjects(SH.path, None))) + len(set(shapes.objects(None, SH.sparql)))


@reports_errors
def demo_cmd(
    store: Path = StoreOpt,
    out: Path = typer.Option(Path("kg-demo.html"), "--out", help="Where to write the HTML page."),
) -> None:
    """Build the bundled examples, answer the Barnsley 2012 access-to-records question, write the page."""
    import os

    from kg.status import answer_text, find_status
    from kg.viz import write_html

    path = store_path(store)
    output_file(out)
    report = run_build([Path(os.path.relpath(EXAMPLES))], path, 1, quiet=True)  # relative where it can be
    for r in report.failed:
        print(f"kg: {r.error}", file=sys.stderr)
    err_console().print(f"Built the examples into {path}/. {held_summary(path)}")
    err_console().print('Was Barnsley\'s 2012 recommendation on access to records closed? '
                        '(kg status --authority barnsley --year 2012 --about "access to records")')
    result = find_status(path, authority="barnsley", year=2012, about="access to records")
    print(answer_text(result, brief=True))
    write_html(path, out)
    err_console().print(f"Wrote the page to {out}: open it in a browser (it works offline).")
