"""Measure the build, the queries and the reading commands against the targets; write docs/benchmarks.md.

    python benchmarks/run.py            # the full run (160 real PDFs, 10/100/1,224 generated documents)
    python benchmarks/run.py --quick --out /tmp/b.md   # tiny sizes, to check the runner works

Every build and command runs as a subprocess of the real `kg` CLI, timed end to end; its peak memory is
its own maximum resident set (including its worker processes) from os.wait4. Parts of the tool that do
not exist yet are reported as "not available" so the runner keeps working as the project grows.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS_PDF = ROOT.parent / "shared" / "corpus" / "pdf"
EXAMPLES = ROOT / "examples" / "documents"
sys.path.insert(0, str(ROOT))

TARGETS = {  # row key -> (limit, unit words)
    "real": (None, ""),  # the whole corpus: judged against the text-layer floor of the same run ("floor")
    "floor": (1.5, "≤ 1.5 × the floor"),
    "gen-1224": (30.0, "≤ 30 s"),
    "rebuild": (2.0, "≤ 2 s"),
    "query": (0.100, "≤ 100 ms median"),
    "status": (1.0, "≤ 1 s"),
    "help": (0.3, "≤ 0.3 s median"),
    "memory": (2048.0, "≤ 2 GB"),
}


@dataclass
class Run:
    seconds: float
    code: int
    stdout: str
    stderr: str
    peak_mb: float
    cpu: float = 0.0  # user + system seconds of the command and its worker processes


@dataclass
class Row:
    what: str
    docs: str = ""
    seconds: float | None = None
    detail: str = ""
    peak_mb: float | None = None
    target: str = ""
    verdict: str = ""


def kg_command() -> list[str]:
    exe = Path(sys.executable).parent / "kg"
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-c", "from kg.cli.main import main; main()"]


def run(args: list[str], cwd: Path | None = None) -> Run:
    """Run a command; time it and read its peak memory (its own and its children's) from wait4."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        p = subprocess.Popen(args, stdout=out, stderr=err, cwd=cwd, env={**os.environ, "COLUMNS": "200"})
        _, status, usage = os.wait4(p.pid, 0)
        seconds = time.perf_counter() - start
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(seconds, p.returncode, out.read().decode(errors="replace"),
                   err.read().decode(errors="replace"), usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def not_available(r: Run) -> bool:
    text = (r.stderr + r.stdout).lower()
    return r.code == 2 and any(w in text for w in ("not built", "no such command", "no such option"))


def first_line(text: str) -> str:
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    return lines[0][:160] if lines else ""


def verdict(value: float | None, key: str) -> str:
    if value is None or key not in TARGETS or TARGETS[key][0] is None:
        return ""
    return "PASS" if value <= TARGETS[key][0] else "MISS"


# --------------------------------------------------------------------------------------------- builds

def quad_count(store: Path) -> int | None:
    try:
        from kg import store as kgstore

        return len(kgstore.open_read(store))
    except Exception:  # noqa: BLE001 - no store, or not readable: the row says so without a count
        return None


def build_row(what: str, key: str, paths: list[Path], store: Path, n_docs: int, jobs: int,
              fresh: bool = False, repeats: int = 1, before=None) -> tuple[Row, Run]:
    """Build and time it: from an empty store when ``fresh``; ``repeats`` times, reporting the run of median
    time (the machine is shared: one run can land a second either way), ``before()`` ahead of each."""
    runs = []
    for _ in range(repeats):
        if fresh:
            shutil.rmtree(store, ignore_errors=True)
        if before:
            before()
        runs.append(run(kg_command() + ["build", *map(str, paths), "--store", str(store), "--jobs", str(jobs),
                                        "--quiet"]))
    r = sorted(runs, key=lambda x: x.seconds)[len(runs) // 2]
    quads = quad_count(store)
    failed = sum(1 for ln in r.stderr.splitlines() if ln.startswith("kg: ") and "warning:" not in ln)
    # CPU seconds (workers included) and the load average: the machine may be shared, wall time alone
    # would hide that; CPU time / wall time shows how much of the 2 cores the build had.
    detail = f"{n_docs / r.seconds:.1f} docs/s, CPU {r.cpu:.1f} s, load {os.getloadavg()[0]:.1f}"
    if quads:
        detail += f", {quads:,} quads, {quads / r.seconds:,.0f} quads/s"
    if r.code != 0:
        detail += f"; exit {r.code}" + (f", {failed} documents failed" if failed else
                                        f": {first_line(r.stderr)}")
    if repeats > 1:
        detail += f"; median of {repeats} runs: {', '.join(f'{x.seconds:.2f}' for x in runs)} s"
    row = Row(what, f"{n_docs:,}", r.seconds, detail, max(x.peak_mb for x in runs), TARGETS.get(key, (0, ""))[1],
              verdict(r.seconds, key))
    return row, r


def make_corpus(n_auth: int, per: int, out: Path) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from make_corpus import make_corpus as generate

    return len(generate(n_auth, per, 1, out))


def linearity(per_doc: dict[int, float]) -> str:
    sizes = sorted(per_doc)
    if len(sizes) < 2:
        return "Not enough sizes measured to judge how cost grows."
    small, big = sizes[-2], sizes[-1]
    ratio = per_doc[big] / per_doc[small]
    grows = "near-linearly" if ratio <= 1.5 else "faster than linearly"
    return (f"Per-document build time at {big:,} documents is {per_doc[big] * 1000:.0f} ms, at {small:,} it is "
            f"{per_doc[small] * 1000:.0f} ms: ratio {ratio:.2f}, so cost grows {grows} "
            f"(fixed start-up cost is included in both).")


# -------------------------------------------------------------------------------------------- queries

def query_texts(store: Path | None = None) -> dict[str, dict[str, str]] | None:
    """Each named query, ready to run, by form: "all councils" (its declared defaults bound, as a caller
    without parameters runs it) and, when it takes a parameter and ``store`` holds a value for it, "one
    council" or "one recommendation" (see sample_params), named with the value bound. None if kg.query is
    absent."""
    try:
        from kg.query import bind, bindings, named_queries
    except ImportError:
        return None
    samples = sample_params(store) if store is not None else {}
    out: dict[str, dict[str, str]] = {}
    for info in named_queries():
        text = info.path.read_text(encoding="utf-8")
        forms = out.setdefault(info.name, {})
        try:
            forms[ALL] = bind(text, bindings(text, None, info.name), info.name)
            terms = {p.name: samples[p.name] for p in info.params if p.name in samples}
            if info.params and len(terms) == len(info.params):
                forms[one_label(terms)] = bind(text, terms, info.name)
        except Exception as e:  # noqa: BLE001 - a query that needs a parameter without a default
            forms[ALL] = f"ERROR {type(e).__name__}: {e}"
    return out


ALL = "all councils"


def one_label(terms: dict[str, object]) -> str:
    """'one council (id:authority/barnet)' or 'one recommendation (id:...)': what the parameters pick."""
    what = " and ".join("council" if n == "authority" else n for n in terms)
    return f"one {what} ({', '.join(compact_term(t) for t in terms.values())})"


def sample_params(store: Path) -> dict[str, object]:
    """A value the store holds for each parameter the named queries take, found by query, never typed in:
    ``authority`` is the council with the most documents; any other parameter is the instance of the
    class it names (``recommendation`` -> ikg:Recommendation) in that council with the most triples."""
    import pyoxigraph as ox

    from kg import store as kgstore
    from kg.query import named_queries
    from kg.vocab import PREFIXES

    st = kgstore.open_read(store)

    def first(query: str):
        for row in st.query(query, prefixes=PREFIXES, use_default_graph_as_union=True):
            return row[0]
        return None

    council = first("SELECT ?a (COUNT(DISTINCT ?doc) AS ?n) WHERE { ?doc ikg:aboutAuthority ?a } "
                    "GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT 1")
    if council is None:
        return {}
    out: dict[str, object] = {"authority": council}
    names = {p.name for info in named_queries() for p in info.params if p.name != "authority"}
    for name in sorted(names):
        cls = ox.NamedNode(PREFIXES["ikg"] + name[:1].upper() + name[1:])
        found = first(f"SELECT ?x (COUNT(*) AS ?n) WHERE {{ ?i ikg:inspectedAuthority {council} ; ?link ?x . "
                      f"?x a {cls} ; ?p ?o }} GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1")
        if found is not None:
            out[name] = found
    return out


def median_time(fn, repeats: int, budget: float = 10.0) -> tuple[float, int]:
    times: list[float] = []
    spent = 0.0
    while len(times) < repeats and (spent < budget or not times):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
        spent += times[-1]
    return statistics.median(times), len(times)


def query_rows(store: Path, rdflib_store: Path, repeats: int, n_docs: int, n_rdflib: int,
               work: Path) -> tuple[list[Row], str]:
    texts = query_texts(store)
    if not texts:
        return [Row("named queries", detail="not available (no kg/query.py or no queries/*.rq)")], ""
    import pyoxigraph as ox

    from kg import store as kgstore

    nq = work / "rdflib-store.nq"
    nq.write_bytes(kgstore.open_read(rdflib_store).dump(format=ox.RdfFormat.N_QUADS))
    big, small = str((store / "current").resolve()), str((rdflib_store / "current").resolve())
    rows, ratios = [], []
    for name, forms in texts.items():
        text = forms[ALL]
        if text.startswith("ERROR"):
            rows.append(Row(f"query {name}", detail=text[:160]))
            continue
        qfile = work / f"query-{name}.rq"
        qfile.write_text(text, encoding="utf-8")
        ox_big = child_time("oxigraph", big, qfile, repeats)
        label = next((f for f in forms if f != ALL), None)
        one = None
        if label:
            one_file = work / f"query-{name}-one.rq"
            one_file.write_text(forms[label], encoding="utf-8")
            one = child_time("oxigraph", big, one_file, repeats)
        if isinstance(ox_big, str):
            detail, verdicts = f"{ALL}: Oxigraph {ox_big}", "MISS"
            if one is not None:
                detail += f"; {one_form(one, label)}"
                verdicts = f"{form_verdict(one)} for {label.split(' (')[0]}; MISS for all councils"
            rows.append(Row(f"query {name}", f"{n_docs:,}", None, detail, None, TARGETS["query"][1], verdicts))
            continue
        ox_small = child_time("oxigraph", small, qfile, repeats)
        rd = child_time("rdflib", str(nq), qfile, repeats)
        if isinstance(rd, str) or isinstance(ox_small, str):
            cmp = f"{n_rdflib:,} docs: Oxigraph {fmt_time(ox_small)}; rdflib {fmt_time(rd)}"
        else:
            ratio = rd[0] / ox_small[0] if ox_small[0] else float("inf")
            ratios.append(ratio)
            cmp = (f"{n_rdflib:,} docs: Oxigraph {ox_small[0] * 1000:.1f} ms vs rdflib {rd[0] * 1000:.1f} ms "
                   f"(×{ratio:.0f}, {rd[1]} runs)")
        if one is None:
            rows.append(Row(f"query {name}", f"{n_docs:,}", ox_big[0], f"{ox_big[2]} rows; {cmp}", None,
                            TARGETS["query"][1], verdict(ox_big[0], "query")))
            continue
        detail = f"{ALL}: {ox_big[0] * 1000:.1f} ms, {ox_big[2]} rows; {one_form(one, label)}; {ALL} on {cmp}"
        verdicts = (f"{form_verdict(one)} for {label.split(' (')[0]}; {verdict(ox_big[0], 'query')} for all "
                    f"councils ({ox_big[2]} rows)")
        rows.append(Row(f"query {name}", f"{n_docs:,}", ox_big[0], detail, None, TARGETS["query"][1], verdicts))
    note = (f"Each query runs in its own process, stopped after {CHILD_TIMEOUT} s or {CHILD_MEMORY_GB} GB (a "
            f"query without its parameter once took 11 GB). A query that takes a parameter is measured in two "
            f"forms: for all councils (no parameter; the time column) and for one council (the parameter bound "
            f"to the council with the most documents, or to that council's instance with the most triples; "
            f"found by query). Side by side on the {n_rdflib:,}-document store "
            f"(all councils): Oxigraph on the store, and rdflib `Dataset(default_union=True)` holding the same "
            f"quads, one after the other.")
    if ratios:
        note += f" Median rdflib/Oxigraph ratio {statistics.median(ratios):.0f}×."
    return rows, note


def one_form(one: tuple[float, int, int] | str, label: str) -> str:
    """The measurement with the parameter bound, as the detail shows it."""
    if isinstance(one, str):
        return f"{label}: Oxigraph {one}"
    return f"{label}: {one[0] * 1000:.1f} ms, {one[2]} rows"


def form_verdict(t: tuple[float, int, int] | str) -> str:
    return "MISS" if isinstance(t, str) else verdict(t[0], "query")


def compact_term(term) -> str:
    if term is None:
        return "none found"
    from kg.query import compact

    return compact(term)


CHILD_TIMEOUT = 60
CHILD_MEMORY_GB = 4


def fmt_time(t) -> str:
    return t if isinstance(t, str) else f"{t[0] * 1000:.1f} ms"


def child_time(engine: str, data: str, qfile: Path, repeats: int) -> tuple[float, int, int] | str:
    """(median seconds, runs, rows) of one query on one engine, measured in a child process; or why not."""
    import resource

    def cap() -> None:
        limit = CHILD_MEMORY_GB * 2**30
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    try:
        r = subprocess.run([sys.executable, __file__, "--query-child", engine, data, str(qfile), str(repeats)],
                           capture_output=True, text=True, timeout=CHILD_TIMEOUT, preexec_fn=cap, check=False)
    except subprocess.TimeoutExpired:
        return f"stopped after {CHILD_TIMEOUT} s"
    if r.returncode != 0:
        text = r.stderr.strip()
        if "MemoryError" in text or "memory allocation" in text:
            return f"stopped at the {CHILD_MEMORY_GB} GB memory cap"
        return f"failed: {(text.splitlines() or ['?'])[-1][:100]}"
    median, runs, n = r.stdout.split()
    return float(median), int(runs), int(n)


def query_child(engine: str, data: str, qfile: str, repeats: str) -> int:
    text = Path(qfile).read_text(encoding="utf-8")
    if engine == "rdflib":
        from rdflib import Dataset

        from kg.query import for_other_engines

        ds = Dataset(default_union=True)
        ds.parse(data, format="nquads")
        q = for_other_engines(text)

        def run_once():
            return list(ds.query(q))
    else:
        import pyoxigraph as ox

        from kg.vocab import PREFIXES

        st = ox.Store.read_only(data)

        def run_once():
            return list(st.query(text, prefixes=PREFIXES, use_default_graph_as_union=True))
    n = len(run_once())  # the first run also warms the store's caches
    median, runs = median_time(run_once, int(repeats))
    print(median, runs, n)
    return 0


# ----------------------------------------------------------------------------------------- commands

def _page_count(path: str) -> int:
    """Read every page's text layer with pypdfium2 and nothing else (no fork, no limits, no normalising)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(Path(path).read_bytes())
    try:
        for page in doc:
            text = page.get_textpage()
            text.get_text_range()
            text.close()
            page.close()
        return len(doc)
    finally:
        doc.close()


def text_layer_floor(pdfs: list[Path], jobs: int) -> tuple[float, int, float]:
    """Seconds to read the text layer of every PDF with pypdfium2 (what the build reads it with) in ``jobs``
    processes, the pages read, and the CPU seconds of those processes: what no build of these PDFs can beat
    on this machine."""
    import resource
    from concurrent.futures import ProcessPoolExecutor

    def children_cpu() -> float:
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        return used.ru_utime + used.ru_stime

    cpu = children_cpu()
    start = time.perf_counter()
    with ProcessPoolExecutor(jobs) as pool:
        pages = sum(pool.map(_page_count, map(str, pdfs), chunksize=8))
    return time.perf_counter() - start, pages, children_cpu() - cpu  # the pool's processes are reaped by now


def floor_rows(pdfs: list[Path], jobs: int, build: Run) -> list[Row]:
    """The floor, read straight after the build so both meet the same load, and the build's ratio to it, in
    wall time and in CPU time (on a shared machine the CPU seconds are the steadier)."""
    floor, pages, cpu = text_layer_floor(pdfs, jobs)
    ratio = build.seconds / floor
    return [Row(f"text layer of the same {len(pdfs)} PDFs, pypdfium2 alone, {jobs} processes", f"{len(pdfs):,}",
                floor, f"{pages:,} pages, {floor / pages * 1000:.1f} ms a page, CPU {cpu:.1f} s, "
                       f"load {os.getloadavg()[0]:.1f}"),
            Row("the whole-corpus build against that floor", f"{len(pdfs):,}", None,
                f"build {build.seconds:.1f} s / floor {floor:.1f} s = ×{ratio:.2f}; CPU: build {build.cpu:.1f} s / "
                f"floor {cpu:.1f} s = ×{build.cpu / cpu:.2f}", None, TARGETS["floor"][1], verdict(ratio, "floor"))]


def pdf_reader_row(pdfs: list[Path]) -> Row:
    """The text layer of the same real PDFs read by pypdfium2 (kg.read.pdf_page_texts, what the build uses)
    and by pypdf, one after the other in this process: the choice of PDF library, measured."""
    what = f"PDF text layer of {len(pdfs)} real PDFs (every 10th): pypdfium2 vs pypdf"
    try:
        import pypdf
    except ImportError:
        return Row(what, detail="skipped: pypdf is not installed (it is a test extra: pip install -e '.[test]')")
    from kg.read import pdf_page_texts

    start = time.perf_counter()
    pages = sum(len(pdf_page_texts(f.read_bytes(), f.name)) for f in pdfs)
    fast = time.perf_counter() - start
    start = time.perf_counter()
    for f in pdfs:
        for page in pypdf.PdfReader(f).pages:
            page.extract_text()
    slow = time.perf_counter() - start
    return Row(what, f"{len(pdfs)}", fast, f"{pages} pages: pypdfium2 {fast:.2f} s ({fast / pages * 1000:.1f} ms a "
               f"page), pypdf {slow:.2f} s ({slow / pages * 1000:.1f} ms a page): pypdf ×{slow / fast:.0f}; "
               "the build reads PDFs with pypdfium2")


def command_row(what: str, key: str, args: list[str], check=None) -> Row:
    r = run(kg_command() + args)
    if not_available(r):
        return Row(what, detail=f"not available ({first_line(r.stderr)})")
    detail = f"exit {r.code}"
    if r.code != 0:
        detail += f": {first_line(r.stderr)}"
    elif check:
        detail += f"; {check(r)}"
    return Row(what, "", r.seconds, detail, r.peak_mb, TARGETS.get(key, (0, ""))[1],
               verdict(r.seconds, key) if r.code == 0 else "MISS")


def help_row(repeats: int) -> Row:
    times = [run(kg_command() + ["--help"]).seconds for _ in range(repeats)]
    med = statistics.median(times)
    return Row("`kg --help` start-up", "", med, f"median of {repeats}, min {min(times):.3f} s", None,
               TARGETS["help"][1], verdict(med, "help"))


# ------------------------------------------------------------------------------------------- machine

def machine() -> list[str]:
    from importlib import metadata

    def version(pkg: str) -> str:
        try:
            return metadata.version(pkg)
        except metadata.PackageNotFoundError:
            return "absent"

    mem = next((ln.split()[1] for ln in Path("/proc/meminfo").read_text().splitlines()
                if ln.startswith("MemTotal")), "0") if Path("/proc/meminfo").exists() else "0"
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    libs = ", ".join(f"{p} {version(p)}" for p in ("rdflib", "pyoxigraph", "oxrdflib", "pypdfium2", "pyshacl",
                                                  "typer", "rich"))
    return [f"- nproc: {len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count()}",
            f"- load average (1, 5, 15 min) when the report was written: "
            f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}",
            f"- memory: {int(mem) / 1024 / 1024:.1f} GiB",
            f"- CPU: {cpu}",
            f"- OS: {platform.platform()}",
            f"- Python: {platform.python_version()} ({os.path.relpath(sys.executable, ROOT)})",
            f"- libraries: {libs}"]


# --------------------------------------------------------------------------------------------- report

def fmt_seconds(s: float | None) -> str:
    if s is None:
        return ""
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def write_report(out: Path, rows: list[Row], notes: list[str], command: str, quick: bool,
                 partial: bool = False) -> None:
    lines = ["# Benchmarks", ""] + (["**Run still in progress: rows so far.**", ""] if partial else []) + [
             "Measured by `benchmarks/run.py`" + (" in --quick mode (tiny sizes: not a real measurement)"
                                                   if quick else "") + ". Command:", "",
             f"    {command}", "", "## Results", "",
             "| measurement | documents | time | detail | peak RSS | target | result |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    lines += table_lines(rows)
    lines += ["", "## Notes", ""] + [f"- {n}" for n in notes if n]
    lines += ["", "## Machine", ""] + machine() + [""]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + kept_analysis(out), encoding="utf-8")


def table_lines(rows: list[Row]) -> list[str]:
    lines = []
    for r in rows:
        peak = f"{r.peak_mb:.0f} MB" if r.peak_mb else ""
        lines.append(f"| {r.what} | {r.docs} | {fmt_seconds(r.seconds)} | {r.detail.replace('|', '/')} | "
                     f"{peak} | {r.target} | {r.verdict} |")
    return lines


ANALYSIS = "\n## Analysis"


def kept_analysis(out: Path) -> str:
    """The hand-written "## Analysis" section of an earlier report (profile findings per target): a rerun
    replaces the measurements and keeps it."""
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    return old[old.index(ANALYSIS):] if ANALYSIS in old else ""


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--query-child"]:  # one query measurement, in its own process (see child_time)
        return query_child(*argv[1:5])
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="tiny sizes, to check the runner works")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="keep corpora and stores in this folder")
    ap.add_argument("--corpus-only", action="store_true",
                    help="only the whole corpus and its text-layer floor, side by side; print their rows and "
                         "leave the report as it is")
    args = ap.parse_args(argv)
    command = "python benchmarks/run.py " + " ".join(shlex.quote(a) for a in (argv if argv is not None
                                                                              else sys.argv[1:]))
    work = args.keep or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    notes: list[str] = []

    def save() -> None:  # after every stage, so a long run leaves its results so far
        if not args.corpus_only:
            write_report(args.out, rows, notes, command.strip(), args.quick, partial=True)

    try:
        measure(args, work, rows, notes, save)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if args.corpus_only:
        print("\n".join(table_lines(rows)))
        return 0
    write_report(args.out, rows, notes, command.strip(), args.quick)
    for r in rows:
        print(f"{r.verdict or '-':4}  {r.what}: {fmt_seconds(r.seconds)} {r.detail}", file=sys.stderr)
    print(f"written {args.out}", file=sys.stderr)
    return 0


def measure(args, work: Path, rows: list[Row], notes: list[str], save) -> None:
    peaks: list[float] = []
    jobs = args.jobs

    def log(msg: str) -> None:
        save()
        print(f"[bench] {msg}", file=sys.stderr, flush=True)

    # (a) the real corpus, from scratch
    if args.quick:
        rows.append(Row(f"{len(list(CORPUS_PDF.rglob('*.pdf'))) if CORPUS_PDF.exists() else 0} real PDFs",
                        detail="skipped in --quick"))
    elif not CORPUS_PDF.exists():
        rows.append(Row("real PDFs", detail=f"skipped: {CORPUS_PDF} is absent"))
    else:
        n = len(list(CORPUS_PDF.rglob("*.pdf")))
        log(f"building {n} real PDFs")
        row, r = build_row(f"{n} real PDFs, from scratch, --jobs {jobs}", "real", [CORPUS_PDF],
                           work / "store-real", n, jobs, fresh=True)
        rows.append(row)
        peaks.append(r.peak_mb)
        log("reading the text layer of the same PDFs alone: the floor")
        rows.extend(floor_rows(sorted(CORPUS_PDF.rglob("*.pdf")), jobs, r))
        if args.corpus_only:
            return
        log("reading the PDFs' text with pypdfium2 and with pypdf")
        rows.append(pdf_reader_row(sorted(CORPUS_PDF.rglob("*.pdf"))[::10]))

    # (b) generated corpora of growing size
    sizes = [(3, 1), (3, 2)] if args.quick else [(5, 2), (25, 4), (153, 8)]
    per_doc: dict[int, float] = {}
    stores: dict[int, Path] = {}
    for n_auth, per in sizes:
        folder = work / f"gen-{n_auth}x{per}"
        t = time.perf_counter()
        n = make_corpus(n_auth, per, folder)
        gen = time.perf_counter() - t
        log(f"building {n} generated documents")
        key = "gen-1224" if n == 1224 else f"gen-{n}"
        row, r = build_row(f"{n} generated ({n_auth} × {per}), from scratch, --jobs {jobs}", key, [folder],
                           work / f"store-{n}", n, jobs, fresh=True, repeats=3 if key in TARGETS else 1)
        row.detail += f"; corpus generated in {gen:.1f} s"
        rows.append(row)
        peaks.append(r.peak_mb)
        if r.code == 0 or quad_count(work / f"store-{n}"):
            per_doc[n] = r.seconds / n
            stores[n] = work / f"store-{n}"
    notes.append(linearity(per_doc))
    if not stores:
        notes.append("No generated build produced a store: the later measurements were skipped.")
        return
    largest = max(stores)
    store = stores[largest]
    folder = work / f"gen-{sizes[-1][0]}x{sizes[-1][1]}"

    # The seed documents join the largest store, so the Barnsley 2012 question has its answer in it.
    log("adding the seed documents")
    row, r = build_row(f"add the {len(list(EXAMPLES.glob('*.txt')))} seed documents to the {largest:,} store",
                       "", [folder, EXAMPLES], store, largest + len(list(EXAMPLES.glob("*.txt"))), jobs)
    rows.append(row)
    peaks.append(r.peak_mb)

    # (c) one changed document
    changed = min(folder.glob("*.txt"))
    edits = iter(range(1, 100))

    def change_one() -> None:
        changed.write_text(changed.read_text(encoding="utf-8") + f"\nAddendum {next(edits)}: this report was "
                           "corrected.\n", encoding="utf-8")

    log("rebuilding after one changed document")
    row, r = build_row(f"rebuild after one changed document ({largest:,} store)", "rebuild",
                       [folder, EXAMPLES], store, 1, jobs, repeats=3, before=change_one)
    row.docs = f"1 of {largest + 5:,}"
    rows.append(row)
    peaks.append(r.peak_mb)

    # (d) the named queries: Oxigraph at full size; rdflib vs Oxigraph side by side on a smaller store
    log("named queries")
    small_n = min(stores)  # rdflib side by side on the smallest store: it is orders of magnitude slower
    try:
        qrows, note = query_rows(store, stores[small_n], 3 if args.quick else 7, largest + 5, small_n, work)
    except Exception as e:  # noqa: BLE001 - the other rows still count
        qrows, note = [Row("named queries", detail=f"failed: {type(e).__name__}: {first_line(str(e))}")], ""
    rows += qrows
    notes.append(note)

    # (e) kg status, (f) kg viz, (h) kg --help
    log("kg status, kg viz, kg --help")
    # Barnet's 2012 report is among the seeds; the generated corpus rewrites the seeds into every council,
    # Barnsley included, so Barnsley's 2012 question has other documents beside the seeds' at this size.
    status = ["status", "--authority", "barnet", "--year", "2012", "--about", "strategy discussions",
              "--store", str(store)]
    rows.append(command_row("`kg " + " ".join(shlex.quote(a) for a in status[:-2]) + "`", "status", status,
                            lambda r: first_line(r.stdout)))
    viz_out = work / "viz.html"
    rows.append(command_row("`kg viz --authority barnsley`", "", ["viz", "--authority", "barnsley", "--out",
                                                                  str(viz_out), "--store", str(store)],
                            lambda r: f"{viz_out.stat().st_size / 1024:.0f} KiB written"
                            if viz_out.exists() else "no file written"))
    rows.append(help_row(3 if args.quick else 9))
    peaks += [r.peak_mb for r in rows[-3:] if r.peak_mb]

    # (g) peak memory
    peak = max(peaks) if peaks else 0.0
    rows.append(Row("peak memory of any kg command (with its workers)", "", None, f"{peak:.0f} MB", peak,
                    TARGETS["memory"][1], verdict(peak, "memory")))
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    notes.append(f"The runner itself peaked at {own:.0f} MB (its measurements run in child processes); "
                 "that is not counted against the target.")


if __name__ == "__main__":
    sys.exit(main())
