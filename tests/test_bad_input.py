"""Bad documents through the real `kg build`: one clear line naming the file and the cause, never a
traceback, exit 1 when a document failed, the other documents still loaded, and the store as it was."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "documents"
PDFS = ROOT / "examples" / "pdf"
BAD = Path(__file__).resolve().parent / "data" / "bad"
LETTER = SEEDS / "002_f56597b9e2c30ff6.txt"  # a short focused-visit letter
REPORT = SEEDS / "000_f56d5fcf9e60df36.txt"  # the 2014 SIF report
IKG = "PREFIX ikg: <https://w3id.org/inspection-kg/ontology#>\n"


def kg(*args: str, cwd: Path, timeout: float = 180) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200"}
    env.pop("KG_STORE", None)
    return subprocess.run([sys.executable, "-m", "kg.cli.main", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, env=env, check=False)


def dump(store: Path) -> bytes:
    import pyoxigraph

    from kg import store as kgstore

    return kgstore.open_read(store).dump(format=pyoxigraph.RdfFormat.N_QUADS)


def documents_named(store: Path, source_file: str) -> int:
    from kg import store as kgstore

    q = IKG + f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?d ikg:sourceFile {quoted(source_file)} }} }}"
    return int(next(iter(kgstore.open_read(store).query(q)))["n"].value)


def select(store: Path, query: str):
    """Rows of a query over the union of the named graphs (where all the data lives)."""
    from kg import store as kgstore

    return list(kgstore.open_read(store).query(IKG + query, use_default_graph_as_union=True))


def quoted(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def lines_naming(stderr: str, path: Path) -> list[str]:
    return [ln for ln in stderr.splitlines() if str(path) in ln]


# ---- the bad documents, made at test time from the real seeds ----------------------------------------


def truncated_pdf(dest: Path, keep: float) -> Path:
    """A real PDF cut short, as an interrupted download leaves it."""
    data = (PDFS / "002_f56597b9e2c30ff6.pdf").read_bytes()
    dest.write_bytes(data[: int(len(data) * keep)])
    return dest


def encrypted_pdf(dest: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.add_page(PdfReader(PDFS / "002_f56597b9e2c30ff6.pdf").pages[0])
    writer.encrypt("a-password-nobody-knows")
    buf = io.BytesIO()
    writer.write(buf)
    dest.write_bytes(buf.getvalue())
    return dest


def scanned_pdf(dest: Path) -> Path:
    """A page that is only a picture of text: what a scanner makes."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (850, 1100), "white")
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(LETTER.read_text(encoding="utf-8").splitlines()[:30]):
        draw.text((50, 40 + 30 * i), line[:90], fill="black")
    img.save(dest, "PDF", resolution=100)
    return dest


def junk_pdf(dest: Path) -> Path:
    dest.write_bytes(bytes(range(256)) * 64)
    return dest


def cp1252_text(dest: Path) -> Path:
    text = LETTER.read_text(encoding="utf-8").replace("children's", "children\u2019s")
    data = text.encode("cp1252")
    assert b"\x92" in data  # the curly apostrophe byte that is not valid UTF-8
    dest.write_bytes(data)
    return dest


def swapped_dates(dest: Path) -> Path:
    """The SIF report with its inspection dates the wrong way round (end before start)."""
    text = REPORT.read_text(encoding="utf-8")
    right = "Inspection date: 2 June 2014 – 25 June 2014"
    assert right in text
    dest.write_text(text.replace(right, "Inspection date: 25 June 2014 – 2 June 2014"), encoding="utf-8")
    return dest


# (maker, expected cause in the one-line message)
FAILING = {
    "empty": (lambda d: d / "empty.txt", "empty document"),
    "junk": (lambda d: junk_pdf(d / "junk.pdf"), "not a PDF"),
    "truncated": (lambda d: truncated_pdf(d / "truncated.pdf", 1 / 3), "cannot open PDF"),
    "truncated-tail": (lambda d: truncated_pdf(d / "truncated-tail.pdf", 0.99), "cannot open PDF"),
    "encrypted": (lambda d: encrypted_pdf(d / "encrypted.pdf"), "password"),
    "scanned": (lambda d: scanned_pdf(d / "scanned.pdf"), "no text layer"),
    "docx": (lambda d: d / "report.docx", "unsupported file type .docx"),
}


@pytest.fixture(scope="module")
def bad_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("bad")
    for f in BAD.iterdir():
        (d / f.name).write_bytes(f.read_bytes())
    return d


@pytest.fixture(scope="module")
def letter_store(tmp_path_factory) -> Path:
    """A store holding one real letter; failed builds into it must leave it byte-identical."""
    path = tmp_path_factory.mktemp("letter") / "store"
    proc = kg("build", str(LETTER), "--store", str(path), "-q", cwd=path.parent)
    assert proc.returncode == 0, proc.stderr
    return path


@pytest.mark.parametrize("case", list(FAILING))
def test_failing_document_one_line_exit_1_store_intact(case, bad_dir, letter_store):
    make, cause = FAILING[case]
    doc = make(bad_dir)
    before = dump(letter_store)
    proc = kg("build", str(doc), "--store", str(letter_store), "-q", cwd=bad_dir)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    named = lines_naming(proc.stderr, doc)
    assert len(named) == 1 and cause in named[0], proc.stderr
    assert dump(letter_store) == before, "a failed build changed the stored data"
    assert documents_named(letter_store, LETTER.name) == 1


def test_multi_file_build_loads_the_good_ones(bad_dir, tmp_path):
    """All the failing kinds and a good letter in one build: each failure reported once, the letter stored,
    and the report stored before the build is still there."""
    store = tmp_path / "store"
    assert kg("build", str(REPORT), "--store", str(store), "-q", cwd=tmp_path).returncode == 0
    docs = [make(bad_dir) for make, _ in FAILING.values()]
    proc = kg("build", *map(str, docs), str(LETTER), "--store", str(store), "-q", cwd=tmp_path)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    for doc, (_, cause) in zip(docs, FAILING.values()):
        named = lines_naming(proc.stderr, doc)
        assert len(named) == 1 and cause in named[0], (doc, proc.stderr)
    assert not lines_naming(proc.stderr, LETTER)
    assert documents_named(store, LETTER.name) == 1
    assert documents_named(store, REPORT.name) == 1
    for doc in docs:
        assert documents_named(store, doc.name) == 0


def test_missing_path_is_one_line_and_touches_nothing(tmp_path):
    missing = tmp_path / "no-such-report.pdf"
    store = tmp_path / "store"
    proc = kg("build", str(LETTER), str(missing), "--store", str(store), cwd=tmp_path)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip() == f"kg: {missing}: no such file or folder"
    assert not store.exists(), "nothing is written when a named path does not exist"


def test_unknown_kind_kept_with_warning_and_strict_fails(bad_dir, tmp_path):
    doc = bad_dir / "unknown.txt"
    store = tmp_path / "store"
    proc = kg("build", str(doc), "--store", str(store), "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert any("warning" in ln and "document kind not recognised" in ln for ln in lines_naming(proc.stderr, doc))
    rows = select(store, f"SELECT ?d WHERE {{ ?d ikg:sourceFile {quoted(doc.name)} ; "
                         "ikg:documentKind ikg:UnknownDocument }")
    assert len(rows) == 1, "the unknown document is kept, as an UnknownDocument"
    strict = kg("build", str(doc), "--store", str(tmp_path / "strict"), "--strict", "-q", cwd=tmp_path)
    assert strict.returncode == 1
    assert lines_naming(strict.stderr, doc) and "Traceback" not in strict.stderr


def test_cp1252_text_reads_and_keeps_the_apostrophe(tmp_path):
    doc = cp1252_text(tmp_path / "letter-cp1252.txt")
    store = tmp_path / "store"
    proc = kg("build", str(doc), "--store", str(store), "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    nq = dump(store).decode("utf-8")
    assert "\ufffd" not in nq, "a byte was decoded as the replacement character"
    assert "Barnsley Metropolitan Borough Council children's services" in nq
    rows = select(store, "SELECT ?s WHERE { ?i a ikg:Inspection ; ikg:inspectionKind ikg:FocusedVisit ; "
                         "ikg:startDate ?s }")
    assert [r["s"].value for r in rows] == ["2024-11-05"], "the letter's visit and its date are extracted"


def test_html_script_never_reaches_the_graph(bad_dir, tmp_path):
    doc = bad_dir / "script.html"
    store = tmp_path / "store"
    proc = kg("build", str(doc), "--store", str(store), "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    nq = dump(store).decode("utf-8")
    assert "Leaders have a good understanding" in nq, "the page's text is stored"
    for leak in ("SCRIPTLEAK", "STYLELEAK", "trackingToken", "alert("):
        assert leak not in nq


def test_impossible_dates_are_not_asserted_and_warned(tmp_path):
    """End before start: the document is kept, a warning names the file and the dates, and no start or end
    date is asserted from the backwards range (neither as given nor from one of its ends)."""
    doc = swapped_dates(tmp_path / "sif-swapped.txt")
    store = tmp_path / "store"
    proc = kg("build", str(doc), "--store", str(store), "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert documents_named(store, doc.name) == 1
    rows = select(store, """SELECT ?i ?s ?e WHERE { ?i a ikg:Inspection ; ikg:startDate ?s .
                            OPTIONAL { ?i ikg:endDate ?e } }""")
    assert rows, "the report's other inspections still have their dates"
    dates = {(r["s"].value, r["e"].value if r["e"] else None) for r in rows}
    assert not {d for d in dates if d[0].startswith("2014-06") or (d[1] or "").startswith("2014-06")}, \
        f"dates asserted from a backwards range: {dates}"
    warned = [ln for ln in lines_naming(proc.stderr, doc) if "warning" in ln and "date" in ln]
    assert warned, proc.stderr


def test_huge_text_file_refused_quickly(tmp_path):
    """50 MB of text (a seed repeated) is not a report: refused by its size, with the size and the limit,
    before any of it is read (the cap is kg.pipeline.MAX_TEXT_BYTES); the timeout only stops a hung run."""
    doc = tmp_path / "huge.txt"
    seed = REPORT.read_bytes()
    with doc.open("wb") as f:
        for _ in range(50 * 1024 * 1024 // len(seed) + 1):
            f.write(seed)
    store = tmp_path / "store"
    proc = kg("build", str(doc), str(LETTER), "--store", str(store), "-q", cwd=tmp_path, timeout=240)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    named = lines_naming(proc.stderr, doc)
    assert len(named) == 1 and "too large (50 MB" in named[0], proc.stderr
    assert documents_named(store, LETTER.name) == 1, "the other document still loads"
