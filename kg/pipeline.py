"""The build: read -> classify -> extract -> emit (in worker processes) -> store -> link (one writer).

A document whose bytes and extractor version are already in the store is skipped, so a rebuild after
one changed document only redoes that document and the links of its authority.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from kg import iris
from kg.errors import InputError, KGError

SUPPORTED = {".txt", ".md", ".pdf", ".html", ".htm"}
EXTRACTOR_VERSION = "1"
# Size caps a document: the largest real report is under 1 MB (PDF) and 100 KB (text). Text of tens of
# megabytes is not a report; it would take minutes and gigabytes before failing, so it is refused at once.
MAX_TEXT_BYTES = 10 * 1024 * 1024
MAX_PDF_BYTES = 100 * 1024 * 1024
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class DocResult:
    """What a worker sends back: the document's graph as N-Triples, or the reason it failed."""

    source_file: str
    sha256: str
    ok: bool
    ntriples: str = ""
    authority: str | None = None
    kind: str = ""
    counts: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    skipped: bool = False


@dataclass
class BuildReport:
    results: list[DocResult]
    quads: int = 0
    removed: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[DocResult]:
        return [r for r in self.results if not r.ok]

    @property
    def warnings(self) -> list[str]:
        return [w for r in self.results for w in r.warnings]


def find_files(paths: list[Path]) -> list[Path]:
    """Files named, and supported files inside folders named (sorted, so builds are deterministic)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED)
        elif p.is_file():
            out.append(p)
        else:
            raise InputError(f"{p}: no such file or folder")
    return out


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def process_file(path: Path, source_file: str, sha: str) -> DocResult:
    """Read, classify, extract and emit one document (runs in a worker process)."""
    from kg.emit import emit
    from kg.extract import extract
    from kg.read import read_document

    try:
        if path.suffix.lower() not in SUPPORTED:
            raise InputError(f"{source_file}: unsupported file type {path.suffix or '(none)'}; "
                             f"expected one of {', '.join(sorted(SUPPORTED))}")
        check_size(path, source_file)
        doc = read_document(path, source_file)
        ex = extract(doc)
        g = emit(ex)
        from rdflib import Literal, URIRef

        from kg.vocab import IKG

        g.add((URIRef(iris.document_iri(doc.sha256)), IKG.extractorVersion, Literal(EXTRACTOR_VERSION)))
        counts = {
            "inspections": sum(1 for f in ex.inspections if f.role == "described"),
            "mentioned": sum(1 for f in ex.inspections if f.role == "mentioned"),
            "judgements": sum(len(f.judgements) for f in ex.inspections),
            "recommendations": sum(len(f.recommendations) for f in ex.inspections),
        }
        return DocResult(source_file, doc.sha256, True, g.serialize(format="nt"),
                         authority=ex.authority, kind=ex.document_kind, counts=counts, warnings=ex.warnings)
    except KGError as e:
        return DocResult(source_file, sha, False, error=str(e))
    except Exception as e:  # noqa: BLE001 -- a bug or a document we cannot cope with: one line, never a traceback
        return DocResult(source_file, sha, False, error=f"{source_file}: could not be processed "
                                                         f"({type(e).__name__}: {e})")


def check_size(path: Path, source_file: str) -> None:
    limit = MAX_PDF_BYTES if path.suffix.lower() == ".pdf" else MAX_TEXT_BYTES
    size = path.stat().st_size
    if size > limit:
        raise InputError(f"{source_file}: too large ({size / 2**20:.0f} MB; the limit for a "
                         f"{path.suffix.lower()} document is {limit // 2**20} MB)")


def stored_documents(store) -> dict[str, tuple[str, str, str]]:
    """sha256 -> (source file, extractor version, graph IRI) of every document in the store."""
    q = """PREFIX ikg: <https://w3id.org/inspection-kg/ontology#>
    SELECT ?g ?sha ?file ?v WHERE { GRAPH ?g { ?d ikg:sha256 ?sha ; ikg:sourceFile ?file .
      OPTIONAL { ?d ikg:extractorVersion ?v } } }"""
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


def build(paths: list[Path], store_path: Path, jobs: int = 1, progress=None, link: bool = True) -> BuildReport:
    """Build or update the store from documents. ``progress(n_done, n_total, name)`` is optional."""
    from kg import store as kgstore

    files = find_files(paths)
    names = [str(f) for f in files]
    with kgstore.writing(store_path) as st:
        known = stored_documents(st)
        todo, results = [], []
        for f, name in zip(files, names):
            sha = sha256_file(f)
            if sha in known and known[sha][1] == EXTRACTOR_VERSION and known[sha][0] == name:
                results.append(DocResult(name, sha, True, skipped=True))
            else:
                todo.append((f, name, sha))
        results += run_workers(todo, jobs, progress, len(files), len(results))
        touched = write_results(st, results, known)
        load_ontology(st)
        if link and touched:
            from kg.link import link_authorities

            link_authorities(st, sorted(touched))
        report = BuildReport(results, quads=len(st))
        del st  # the last reference: the staging store closes before writing() removes its folder
    return report


def run_workers(todo, jobs: int, progress, total: int, done: int) -> list[DocResult]:
    out: list[DocResult] = []
    if jobs <= 1 or len(todo) <= 1:
        for f, name, sha in todo:
            out.append(process_file(f, name, sha))
            done += 1
            if progress:
                progress(done, total, name)
        return out
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(process_file, f, name, sha) for f, name, sha in todo]
        for fut, (_, name, _) in zip(futures, todo):
            out.append(fut.result())
            done += 1
            if progress:
                progress(done, total, name)
    return out


def write_results(st, results: list[DocResult], known: dict) -> set[str]:
    """Replace each loaded document's named graph; return the authorities whose links must be redone."""
    from kg.store import drop_graph, replace_graph

    touched: set[str] = set()
    for r in results:
        if not r.ok or r.skipped:
            continue
        # The same file with other bytes before: its old graph goes, exactly that graph.
        for sha, (name, _, graph) in known.items():
            if name == r.source_file and sha != r.sha256:
                touched |= authorities_of_graph(st, graph)
                drop_graph(st, graph)
        replace_graph(st, iris.graph_iri("document", r.sha256[:16]), r.ntriples)
        if r.authority:
            touched.add(iris.authority_iri(r.authority))
    return touched


def authorities_of_graph(st, graph: str) -> set[str]:
    q = f"""PREFIX ikg: <https://w3id.org/inspection-kg/ontology#>
    SELECT DISTINCT ?a WHERE {{ GRAPH <{graph}> {{ ?d ikg:aboutAuthority ?a }} }}"""
    return {s["a"].value for s in st.query(q)}
