"""The build: read -> classify -> extract -> emit (in worker processes) -> store -> link (one writer).

A document whose bytes and extractor version are already in the store is skipped, so a rebuild after
one changed document only redoes that document and the links of its authority.

With ``jobs`` > 1 one pool of processes does both CPU-heavy stages: extraction (each worker sends back its
document's N-Quads, and the part of them the linker reads) and the linker's per-authority computation (a
worker links each council from a file of its documents' linker triples; the main process writes the
results). Only the main process touches the store; it loads while the workers go on.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import os
import shutil
import signal
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from kg import iris
from kg.errors import InputError, KGError

SUPPORTED = {".txt", ".md", ".pdf", ".html", ".htm"}
# Stored with each document; a document stored by another version is extracted and linked again by the
# next build. 2: the linker graphs name their council (ikg:forAuthority), which recurring-themes reads.
# 3: councils are resolved by the table of English local authorities (kg.authorities), which alone types
# and names them. 4: a document's ikg:sourceFile is its path relative to the folder given to kg build (the
# file name of a file given), not the path it had on the building machine. 5: an inspection is one node per
# authority, framework and month; what several documents say of one entity is written once, in its authority's
# graph of entities (kg.entities), and a document's graph holds its records of it (ikg:Mention). 6: asks
# are read from more of the archive's layouts, and a report that dates no fieldwork of its own is dated by
# its publication month (ikg:dateBasis "publication"). 7: the letterhead a letter's text layer puts at a page's
# end (kg.normalise.strip_letterhead) is dropped, so a list of asks going on over the page is read whole.
EXTRACTOR_VERSION = "7"
# Size caps a document: the largest real report is under 1 MB (PDF) and 100 KB (text). Text of tens of
# megabytes is not a report; it would take minutes and gigabytes before failing, so it is refused at once.
MAX_TEXT_BYTES = 10 * 1024 * 1024
MAX_PDF_BYTES = 100 * 1024 * 1024
ROOT = Path(__file__).resolve().parent.parent
# The main process loads the workers' N-Quads in batches of this many bytes, with Oxigraph's bulk
# loader above BULK_BYTES (far less CPU than a transaction per load; measured in docs/benchmarks.md).
BATCH_BYTES = 32 * 1024 * 1024
BULK_BYTES = 4 * 1024 * 1024


@dataclass
class DocResult:
    """What a worker sends back: the document's graph as N-Quads in UTF-8 (in its own named graph), or the
    reason it failed."""

    source_file: str
    sha256: str
    ok: bool
    # bytes, not str: a str crosses the pipe as UTF-8 and is decoded in the main process (most documents
    # hold a character beyond ASCII), and Oxigraph then encodes it again; bytes are only copied (the
    # memory and CPU this saves are in docs/benchmarks.md).
    nquads: bytes = b""
    link_file: str = ""  # a file holding the triples of it that the linker reads (authority_reads)
    authority: str | None = None
    kind: str = ""
    counts: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    skipped: bool = False
    same_as: str = ""  # the file of this build with the same bytes, under whose name they are stored


@dataclass
class BuildReport:
    results: list[DocResult]
    store_path: Path | None = None
    removed: list[str] = field(default_factory=list)
    _quads: int | None = None

    @property
    def quads(self) -> int:
        """Quads in the store after the build, counted when first asked for: counting reads every quad
        (a quarter of a second at a million), which a quiet rebuild need not pay."""
        if self._quads is None:
            from kg import store as kgstore

            self._quads = len(kgstore.open_read(self.store_path)) if self.store_path else 0
        return self._quads

    @property
    def failed(self) -> list[DocResult]:
        return [r for r in self.results if not r.ok]

    @property
    def warnings(self) -> list[str]:
        return [w for r in self.results for w in r.warnings]


def find_files(paths: list[Path]) -> tuple[list[tuple[Path, str]], list[DocResult]]:
    """(path, name) of the files named, and of the supported files inside folders named (sorted, so builds
    are deterministic); and a failure for each folder that cannot be read, whose documents would otherwise
    be left out unsaid. A file's name is what the dataset records (see document_name)."""
    out: list[tuple[Path, str]] = []
    unreadable: list[DocResult] = []
    for p in paths:
        if p.is_dir():
            out += [(f, document_name(f, p)) for f in sorted(walk(p, unreadable)) if f.suffix.lower() in SUPPORTED]
        elif p.is_file():
            out.append((p, p.name))
        else:
            raise InputError(f"{p}: no such file or folder")
    if not out and not unreadable:
        raise InputError(f"{', '.join(map(str, paths))}: no documents to build "
                         f"(expected files ending {', '.join(sorted(SUPPORTED))})")
    return out, unreadable


def document_name(path: Path, folder: Path) -> str:
    """The name a file found in ``folder`` is stored under: its path relative to that folder, with forward
    slashes. The same documents built from another folder, or on another machine, give the same dataset,
    and no path of the building machine is published with it."""
    return path.relative_to(folder).as_posix()


def walk(folder: Path, unreadable: list[DocResult]) -> list[Path]:
    """Every file under ``folder``; a subfolder that cannot be listed is added to ``unreadable``."""
    def failed(e: OSError) -> None:
        unreadable.append(DocResult(e.filename, "", False, error=f"{e.filename}: cannot read this folder "
                                                                 f"({e.strerror}); its documents are not built"))

    return [Path(top, name) for top, _, names in os.walk(folder, onerror=failed) for name in names
            if Path(top, name).is_file()]


def sha256_or_failure(path: Path) -> str | DocResult:
    """The file's SHA-256, or the failure of a file that cannot be read (the other files are still built)."""
    try:
        return sha256_file(path)
    except OSError as e:
        return DocResult(str(path), "", False, error=f"{path}: cannot read ({e.strerror or e})")


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def process_file(path: Path, source_file: str, sha: str, link_out: str | None = None) -> DocResult:
    """Read, classify, extract and emit one document (runs in a worker process). With ``link_out``, the
    triples the linker reads of a document about an authority are also written to that file."""
    from kg.emit import Emitter
    from kg.extract import extract
    from kg.read import read_document

    try:
        if path.suffix.lower() not in SUPPORTED:
            raise InputError(f"{source_file}: unsupported file type {path.suffix or '(none)'}; "
                             f"expected one of {', '.join(sorted(SUPPORTED))}")
        check_size(path, str(path))
        doc = read_document(path, source_file)
        ex = extract(doc)
        # The emitter's triples go straight to N-Quads: an rdflib Graph and its serialiser were a third of
        # a document's CPU time, for the same triples.
        g = Emitter(ex, graph=Triples()).run()
        from rdflib import Literal, URIRef

        from kg.vocab import IKG

        g.add((URIRef(iris.document_iri(doc.sha256)), IKG.extractorVersion, Literal(EXTRACTOR_VERSION)))
        counts = {
            "inspections": sum(1 for f in ex.inspections if f.role == "described"),
            "mentioned": sum(1 for f in ex.inspections if f.role == "mentioned"),
            "judgements": sum(len(f.judgements) for f in ex.inspections),
            "recommendations": sum(len(f.recommendations) for f in ex.inspections),
        }
        every, for_linker = g.nquads_split(iris.graph_iri("document", doc.sha256[:16]), authority_reads())
        if link_out and ex.authority:
            Path(link_out).write_text(for_linker, encoding="utf-8")
        return DocResult(source_file, doc.sha256, True, every.encode(), link_out if link_out and ex.authority else "",
                         authority=ex.authority, kind=ex.document_kind, counts=counts,
                         warnings=[as_given(w, source_file, path) for w in ex.warnings])
    except KGError as e:
        return DocResult(source_file, sha, False, error=as_given(str(e), source_file, path))
    except Exception as e:  # noqa: BLE001 -- a bug or a document we cannot cope with: one line, never a traceback
        return DocResult(source_file, sha, False, error=f"{path}: could not be processed "
                                                         f"({type(e).__name__}: {e})")


def authority_reads() -> frozenset[str]:
    """The predicates read to rebuild an authority's graphs of entities and links (kg.entities, kg.link)."""
    from kg import entities, link

    return entities.READS | link.READS


def as_given(message: str, source_file: str, path: Path) -> str:
    """A message about a document, naming it by the path the user gave rather than by its stored name
    (relative to its folder), so that the user can find the file whatever folder they built."""
    prefix = f"{source_file}: "
    return f"{path}: {message[len(prefix):]}" if message.startswith(prefix) else message


class Triples(list):
    """A list of (s, p, o) rdflib terms with Graph's ``add``, written out as N-Quads without rdflib."""

    def add(self, triple: tuple) -> None:
        self.append(triple)

    def nquads(self, graph_iri: str) -> str:
        return "".join(self._lines(graph_iri))

    def nquads_split(self, graph_iri: str, predicates: frozenset[str]) -> tuple[str, str]:
        """(every line, the lines of the given predicates): the second is what the linker reads."""
        lines = self._lines(graph_iri)
        keep = {f"<{p}>" for p in predicates}
        return "".join(lines), "".join(line for line, p in lines.items() if p in keep)

    def _lines(self, graph_iri: str) -> dict[str, str]:
        """Each N-Quads line once, with its predicate as written."""
        from kg.nquads import term as lexical

        # The same term objects recur (a passage's node in each of its triples, shared literals): each is
        # written once, looked up by identity (rdflib's own hash and equality are slow Python).
        # The triples hold the objects alive, so no identity is reused while this runs.
        written: dict[int, str] = {}

        def term(t) -> str:
            out = written.get(id(t))
            if out is None:
                out = written[id(t)] = lexical(t)
            return out

        g = f" <{graph_iri}> .\n"
        lines: dict[str, str] = {}
        for s, p, o in self:
            tp = term(p)
            lines.setdefault(f"{term(s)} {tp} {term(o)}{g}", tp)
        return lines


def check_size(path: Path, source_file: str) -> None:
    limit = MAX_PDF_BYTES if path.suffix.lower() == ".pdf" else MAX_TEXT_BYTES
    size = path.stat().st_size
    if size > limit:
        raise InputError(f"{source_file}: too large ({size / 2**20:.0f} MB; the limit for a "
                         f"{path.suffix.lower()} document is {limit // 2**20} MB)")


def stored_documents(store) -> dict[str, tuple[str, str, str]]:
    """sha256 -> (source file, extractor version, graph IRI) of every document in the store."""
    q = f"""PREFIX ikg: <{iris.NS['ikg']}>
    SELECT ?g ?sha ?file ?v WHERE {{ GRAPH ?g {{ ?d ikg:sha256 ?sha ; ikg:sourceFile ?file .
      OPTIONAL {{ ?d ikg:extractorVersion ?v }} }} }}"""
    return {s["sha"].value: (s["file"].value, s["v"].value if s["v"] else "", s["g"].value)
            for s in store.query(q)}


def load_ontology(store) -> None:
    """The ontology, schemes and shapes live in their own named graph, replaced on every build."""
    import pyoxigraph

    from kg.store import drop_graph

    g = pyoxigraph.NamedNode(iris.graph_iri("ontology"))
    drop_graph(store, g.value)
    # Blank nodes (the shapes' property shapes) get labels from their order in the files, not fresh random
    # ones, so that a rebuild leaves the graph byte-identical in a dump.
    labels: dict[tuple[str, str], pyoxigraph.BlankNode] = {}

    def stable(term, source: str):
        if isinstance(term, pyoxigraph.BlankNode):
            return labels.setdefault((source, term.value), pyoxigraph.BlankNode(f"ontology{len(labels)}"))
        return term

    for ttl in sorted((ROOT / "ontology").glob("*.ttl")):
        triples = pyoxigraph.parse(ttl.read_bytes(), format=pyoxigraph.RdfFormat.TURTLE)
        store.extend(pyoxigraph.Quad(stable(t.subject, ttl.name), t.predicate, stable(t.object, ttl.name), g)
                     for t in triples)
    load_authorities(store)


def load_authorities(store) -> None:
    """The reference table of English councils (kg.authorities) in its own named graph, replaced on every
    build: the one place that types and names a council the table knows."""
    from kg import authorities
    from kg.store import drop_graph

    graph = iris.graph_iri("authorities")
    drop_graph(store, graph)
    write_nquads(store, authorities.nquads(graph).encode())


def build(paths: list[Path], store_path: Path, jobs: int = 1, progress=None) -> BuildReport:
    """Build or update the store from documents. ``progress(n_done, n_total, name)`` is optional."""
    from kg import store as kgstore

    found, unreadable = find_files(paths)
    hashed = [sha256_or_failure(f) for f, _ in found]  # before any thread starts: hashing waits on a busy GIL
    files = [f for f, h in zip(found, hashed) if isinstance(h, str)]
    shas = [h for h in hashed if isinstance(h, str)]
    unreadable += [h for h in hashed if isinstance(h, DocResult)]
    # A look at the live store before taking the lock: no workers, and nothing imported ahead, for a build
    # with nothing to do. Under the lock its answer is used only if the live store is still the same.
    live, seen = live_documents(store_path)
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=die_with_parent, initargs=(os.getpid(),)) \
        if jobs > 1 and files and (seen is None or plan(files, shas, seen)[0]) else None
    try:
        # An update of a store that holds documents usually touches one council, linked here in the main
        # process: its imports (scikit-learn, about a second) start now, beside the reading and extracting.
        if pool is not None and kgstore.exists(store_path):
            start_warming(pool)
        with kgstore.writing(store_path) as st:
            known = seen if seen is not None and kgstore.live_folder(store_path) == live else stored_documents(st)
            todo, results = plan(files, shas, known)
            results += unreadable
            # With a pool, the part of each document the linker reads also goes to a file in here (a
            # killed build's is removed by the next): the workers link each council from its documents' files.
            spill = kgstore.work_folder(store_path) if pool else None
            try:
                writer = Writer(st, known, todo, {name: str(f) for f, name in files})
                for r in results:
                    if r.same_as:
                        writer.drop_replaced(r.source_file, r.sha256)
                # The workers import the linker's libraries once the documents are all handed out, when
                # there are enough for the linking to be theirs (a few changed documents are linked here).
                warm = (lambda: [pool.submit(warm_linker) for _ in range(jobs)]) \
                    if spill and len(todo) > jobs else None
                results += run_workers(todo, pool if todo else None, progress, len(files), len(results),
                                       writer.add, warm, spill)
                # Councils an earlier linker linked are linked again, whether or not their documents changed.
                writer.touched |= linked_by_another_version(st)
                # The workers start linking (from the files) while the last documents go into the store.
                linking = start_linking(st, sorted(writer.touched), writer, pool, spill) \
                    if writer.touched else None
                writer.finish()
                load_ontology(st)
                if linking is not None:
                    finish_linking(st, linking)
            finally:
                if spill is not None:
                    shutil.rmtree(spill, ignore_errors=True)
            report = BuildReport(results, store_path)
            del st, writer  # the last references: the staging store closes before writing() removes it
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        close_reader()
    return report


def close_reader() -> None:
    """End this process's PDF reader child (kg.read), so that its time and memory count with the build's."""
    import sys

    if "kg.read" in sys.modules:
        sys.modules["kg.read"].close_reader()


def die_with_parent(parent: int) -> None:
    """A worker's first act: end when the build that forked it ends, however it ends (a killed build's
    workers would otherwise wait for work for ever), and let go of its copy of the store's lock; as it
    exits, it ends its PDF reader child."""
    from multiprocessing import util

    from kg import store as kgstore

    kgstore.forget_locks()
    util.Finalize(None, close_reader, exitpriority=0)  # run as the worker exits, when the pool shuts down
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # Linux; elsewhere only the check below
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>


def live_documents(store_path: Path) -> tuple[Path | None, dict | None]:
    """(the live data folder, its documents as stored_documents gives them), or (None, None) when there is
    no readable store: the build itself then says what is wrong."""
    from kg import store as kgstore
    from kg.errors import StoreError

    live = kgstore.live_folder(store_path)
    if live is None:
        return None, None
    try:
        return live, stored_documents(kgstore.open_read(store_path))
    except StoreError:
        return None, None


def plan(files: list[tuple[Path, str]], shas: list[str], known: dict) -> tuple[list[tuple], list[DocResult]]:
    """(documents to extract as (path, name, sha256), results of those that need none: up to date in the
    store, the same bytes as another file of this build, which are stored once, under one name, or
    another file under a name this build already gives (two folders given, each holding a.txt)."""
    names_of: dict[str, list[str]] = {}
    path_of: dict[str, Path] = {}
    todo, done = [], []
    for f, name in files:
        path_of.setdefault(name, f)
    for (f, name), sha in zip(files, shas):
        if path_of[name] == f:
            names_of.setdefault(sha, []).append(name)
    for (f, name), sha in zip(files, shas):
        if path_of[name] != f:
            done.append(name_taken(f, name, sha, path_of[name], names_of))
            continue
        stored = known.get(sha)
        # The name already stored, if it is one of this build's (else each build would swap the name).
        kept = stored[0] if stored and stored[0] in names_of[sha] else names_of[sha][0]
        if name != kept:
            done.append(DocResult(name, sha, True, skipped=True, same_as=kept,
                                  warnings=[f"{f}: the same bytes as {path_of[kept]}; stored once, as {kept}"]))
        elif stored and stored[1] == EXTRACTOR_VERSION and stored[0] == name:
            done.append(DocResult(name, sha, True, skipped=True))
        else:
            todo.append((f, name, sha))
    return todo, done


def name_taken(path: Path, name: str, sha: str, first: Path, names_of: dict[str, list[str]]) -> DocResult:
    """A file whose name (relative to its folder) another file of this build has: the same bytes are
    stored once, as with any copy; other bytes would be two documents under one name, so it is not built."""
    if name in names_of.get(sha, []):
        return DocResult(name, sha, True, skipped=True,
                         warnings=[f"{path}: the same bytes as {first}; stored once, as {name}"])
    return DocResult(name, sha, False, error=f"{path}: named {name} like {first} of this build, with other "
                                             f"bytes; not built (build the two folders into separate stores)")


def run_workers(todo, pool, progress, total: int, done: int, on_result=None, then=None,
                link_dir: Path | None = None) -> list[DocResult]:
    """Process the documents to do, in ``pool`` if given; ``on_result(i, result)`` is called in the main
    process as each one finishes, ``then()`` once all are handed to the pool; with ``link_dir`` each
    writes the linker's part of its triples there. The results come back in the order of ``todo``."""
    out: dict[int, DocResult] = {}
    if pool is None:
        finished = ((i, process_file(*job, link_out(link_dir, i))) for i, job in enumerate(todo))
    else:
        # Largest files first, so that no long document starts last while the other worker idles.
        order = sorted(range(len(todo)), key=lambda i: -todo[i][0].stat().st_size)
        futures = {pool.submit(process_file, *todo[i], link_out(link_dir, i)): i for i in order}
        if then:
            then()
        finished = ((futures[fut], fut.result()) for fut in as_completed(futures))
    for i, result in finished:
        out[i] = result
        if on_result:
            on_result(i, result)
        done += 1
        if progress:
            progress(done, total, todo[i][1])
    return [out[i] for i in range(len(todo))]


def link_out(link_dir: Path | None, i: int) -> str | None:
    return str(link_dir / f"document-{i}.nq") if link_dir is not None else None


def start_warming(pool) -> None:
    """Import what the linker needs in a thread of the main process, while it checks and extracts.

    The pool's workers are forked first (an empty task makes them start): a process forked while another
    thread is importing could inherit a held import lock.
    """
    import threading

    pool.submit(os.getpid).result()
    threading.Thread(target=warm_linker, name="warm-linker", daemon=True).start()


def warm_linker() -> None:
    """Import what the linker needs (scikit-learn: about a second) through its own code, so that nothing
    it no longer uses is imported. Only a head start: the linker works the same without it."""
    try:
        from kg.link import Similarity, content_words

        content_words("")
        Similarity([])
    except Exception:  # noqa: BLE001, S110 -- the linker itself will report any real problem
        pass


class Writer:
    """Replaces each extracted document's named graph as its result arrives, loading in batches while the
    workers go on extracting; ``touched`` collects the authorities whose links must be redone."""

    def __init__(self, st, known: dict, todo: list, given: dict[str, str] | None = None):
        # A store of extractor version 3 or earlier named each file by its path as given (name -> that path).
        self.st, self.known, self.given = st, known, given or {}
        self.todo_shas = {sha for _, _, sha in todo}  # one file of each (plan() stores the same bytes once)
        self.touched: set[str] = set()
        self.written: set[str] = set()  # the document graphs this build wrote
        self.link_files: dict[str, list[str]] = {}  # authority IRI -> the linker's files of those graphs
        self.batch: list[str] = []
        self.size = 0

    def add(self, i: int, r: DocResult) -> None:
        from kg.store import drop_graph

        if not r.ok or r.skipped:
            return
        self.drop_replaced(r.source_file, r.sha256)
        graph = iris.graph_iri("document", r.sha256[:16])
        drop_graph(self.st, graph)
        self.written.add(graph)
        if r.authority:
            self.touched.add(iris.authority_iri(r.authority))
            if r.link_file:
                self.link_files.setdefault(iris.authority_iri(r.authority), []).append(r.link_file)
        self.batch.append(r.nquads)
        self.size += len(r.nquads)
        r.nquads = b""  # the report keeps the counts, not a second copy of the triples
        if self.size >= BATCH_BYTES:
            self.load()

    def drop_replaced(self, source_file: str, sha256: str) -> None:
        """The same file with other bytes before: its old graph goes, exactly that graph (unless another
        file of this build now has those bytes)."""
        from kg.store import drop_graph

        for sha, (name, _, graph) in self.known.items():
            if name in (source_file, self.given.get(source_file)) and sha != sha256 and sha not in self.todo_shas:
                self.touched |= authorities_of_graph(self.st, graph)
                drop_graph(self.st, graph)

    def load(self) -> None:
        data = b"".join(self.batch)
        self.batch, self.size = [], 0
        write_nquads(self.st, data)

    def finish(self) -> None:
        self.load()
        self.st = None  # build() holds the last reference: the store must close before its folder goes


def linked_by_another_version(st) -> set[str]:
    """The councils with documents whose linker graph another version of the linker wrote (or none wrote)."""
    from kg.link.linker import LINKER_VERSION

    q = f"""PREFIX ikg: <{iris.NS['ikg']}>
    SELECT DISTINCT ?a WHERE {{ GRAPH ?g {{ ?d ikg:aboutAuthority ?a }}
      FILTER NOT EXISTS {{ GRAPH ?l {{ ?l ikg:forAuthority ?a ; ikg:linkerVersion "{LINKER_VERSION}" }} }} }}"""
    return {s["a"].value for s in st.query(q)}


def authorities_of_graph(st, graph: str) -> set[str]:
    q = f"""PREFIX ikg: <{iris.NS['ikg']}>
    SELECT DISTINCT ?a WHERE {{ GRAPH <{graph}> {{ ?d ikg:aboutAuthority ?a }} }}"""
    return {s["a"].value for s in st.query(q)}


def start_linking(st, authority_iris: list[str], writer: Writer, pool=None, spill: Path | None = None):
    """Start recomputing the linker graph of each authority named, as kg.link.link_authorities does.

    With a pool, a worker links each authority from an in-memory store of only the triples the linker
    reads (kg.link.READS) of its documents: the files the extraction workers wrote for the graphs of this
    build (``writer.link_files``), and one in ``spill`` of its other graphs, read from the store. Reading
    the large store instead was a third of the linking time, and needed a compaction after the bulk load
    first. Returns what finish_linking completes: the workers' futures, or the authorities to link here.
    """
    from kg import entities, link
    from kg.store import drop_graph

    authorities = sorted(set(authority_iris))
    if pool is None or spill is None or len(authorities) <= 1:
        return authorities  # linked by finish_linking, here, once the store holds everything
    inputs = {}
    for a in authorities:
        drop_graph(st, link.linker_graph(a))
        drop_graph(st, entities.graph(a))
        stored = spill_file(spill, a)
        add_stored_graphs(st, a, stored, writer.written)
        inputs[a] = [*writer.link_files.get(a, []), str(stored)]
    # The largest councils first, so that no long one starts last while the other worker idles.
    order = sorted(authorities, key=lambda a: -sum(Path(f).stat().st_size for f in inputs[a]))
    return {pool.submit(link_files, inputs[a], a): a for a in order}


def finish_linking(st, linking) -> None:
    """Write the linker graphs started by start_linking, as each authority's result arrives."""
    from kg import link

    if isinstance(linking, list):
        link.link_authorities(st, linking)
        return
    texts: list[bytes] = []
    for fut in as_completed(linking):
        texts.append(fut.result())
        if sum(map(len, texts)) >= LINK_WRITE_BYTES:
            write_nquads(st, b"".join(texts))
            texts = []
    write_nquads(st, b"".join(texts))


# Linker results (N-Quads from the workers) are written in batches while the workers go on, each without a
# transaction (parsed by Oxigraph from the text, not built as terms here: less CPU).
LINK_WRITE_BYTES = 8 * 1024 * 1024


def write_nquads(st, text: bytes) -> None:
    """Load N-Quads this program wrote (kg.pipeline.Triples, kg.link.as_nquads): with Oxigraph's bulk loader
    from BULK_BYTES on (no transaction per write), and leniently: IRIs are not validated again. Their IRIs
    are minted by kg.iris, and the tests parse what both writers produce strictly."""
    import pyoxigraph

    if len(text) >= BULK_BYTES:
        st.bulk_load(text, format=pyoxigraph.RdfFormat.N_QUADS, lenient=True)
    elif text:
        st.load(text, format=pyoxigraph.RdfFormat.N_QUADS, lenient=True)


def spill_file(spill: Path, authority: str) -> Path:
    from kg.vocab import local_name

    return spill / ("stored-" + local_name(authority.rstrip("/")) + ".nq")


def add_stored_graphs(st, authority: str, path: Path, written: set[str]) -> None:
    """Write to ``path`` the triples the linker reads (authority_reads) of the authority's document graphs that
    this build did not write (an update's unchanged documents)."""
    import pyoxigraph

    q = f"""PREFIX ikg: <{iris.NS['ikg']}>
    SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?d ikg:aboutAuthority <{authority}> }} }} ORDER BY ?g"""
    with open(path, "ab") as f:
        for g in (s["g"] for s in st.query(q)):
            if g.value in written:
                continue
            for p in sorted(authority_reads()):
                quads = st.quads_for_pattern(None, pyoxigraph.NamedNode(p), None, g)
                f.write(pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS))


def link_files(paths: list[str], authority: str) -> bytes:
    """The graphs of entities and links of one authority as N-Quads in UTF-8, from files of its documents'
    triples (runs in a worker). The linker reads the entities (the inspections mentioned)."""
    import pyoxigraph

    from kg import entities
    from kg.link import as_nquads, compute

    st = pyoxigraph.Store()  # in memory
    for path in paths:
        st.load(path=path, format=pyoxigraph.RdfFormat.N_QUADS)
    found = entities.as_nquads(authority, entities.compute(st, authority))
    st.load(found.encode(), format=pyoxigraph.RdfFormat.N_QUADS)
    return (found + as_nquads(authority, compute(st, authority))).encode()  # bytes: see DocResult.nquads
