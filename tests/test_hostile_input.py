"""Hostile and careless input to the readers (issue 18): inputs made to stall the reader, PDFs whose few
bytes hold megabytes of text, impossible dates, terminal control codes, UTF-16 and binary data named .txt.

The stalling inputs are run at sizes that take hours where the reader is quadratic, in a subprocess with a
generous timeout that only stops a hung test; nothing here asserts on wall-clock time.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg import dates
from kg.errors import InputError
from kg.dates import parse_date_range
from kg import read
from kg.read import MAX_PDF_PAGES, read_document

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "documents"
LETTER = SEEDS / "002_f56597b9e2c30ff6.txt"  # a focused-visit letter: "on 5 and 6 November 2024"
REPORT = SEEDS / "000_f56d5fcf9e60df36.txt"  # the 2014 SIF report, with recommendations
IKG = "PREFIX ikg: <https://w3id.org/inspection-kg/ontology#>\n"
# What must never reach a terminal: C0 controls but tab and newline, DEL and C1 controls.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def kg(*args: str, cwd: Path, timeout: float = 180) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200"}
    env.pop("KG_STORE", None)
    return subprocess.run([sys.executable, "-m", "kg.cli.main", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, env=env, check=False)


def run_in_own_group(args: list[str], cwd: Path, timeout: float) -> subprocess.CompletedProcess:
    """Run ``args`` in a process group of its own; a run past ``timeout`` is killed with every process it
    started, and the test fails."""
    env = {k: v for k, v in os.environ.items() if k != "KG_STORE"}
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"{args[-6:]} did not end within {timeout} s")
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


def select(store: Path, query: str) -> list:
    from kg import store as kgstore

    return list(kgstore.open_read(store).query(IKG + query, use_default_graph_as_union=True))


# ---- PDFs written by hand: page objects that draw content streams, which pages may share ----------------


def handmade_pdf(page_streams: list[int], streams: list[bytes], form: bytes | None = None) -> bytes:
    """A PDF whose page i draws ``streams[page_streams[i]]`` (Flate-compressed) in Helvetica; with ``form``,
    the pages' streams may draw that content stream as the form XObject /X1 (``/X1 Do``)."""
    first_stream = 5
    first_page = first_stream + len(streams)
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(len(page_streams)))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(page_streams),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               _flate(form or b"", b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
                      b"/Resources << /Font << /F1 3 0 R >> >> ")]
    objects += [_flate(s) for s in streams]
    xobjects = b"/XObject << /X1 4 0 R >> " if form else b""
    for k in page_streams:
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R "
                       b">> %s>> /Contents %d 0 R >>" % (xobjects, first_stream + k))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _flate(stream: bytes, entries: bytes = b"") -> bytes:
    z = zlib.compress(stream, 9)
    return b"<< " + entries + b"/Length %d /Filter /FlateDecode >>\nstream\n" % len(z) + z + b"\nendstream"


def text_stream(lines: list[str]) -> bytes:
    """A content stream writing each line below the last."""
    def literal(s: str) -> bytes:
        return s.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    return b"BT /F1 10 Tf 12 TL 72 720 Td\n" + b"".join(b"(" + literal(ln) + b") Tj T*\n" for ln in lines) + b"ET\n"


SENTENCE = "The local authority has made progress in the quality of its social work practice for children. "


# ---- 3. no quadratic reading ----------------------------------------------------------------------------

# Each about 1-3 MB: linear reading takes a second or two; the quadratic reader took 35 s for 50,000 blank
# lines, 40 s for 128 KB of nested <div>s, 33 s for 64 KB of "<a ", 108 s for a 1 MB paragraph rejoined
# across page breaks; at these sizes, hours.
CONTINUED = "and the council has continued to make progress with its plans for children in care over time which"
STALLERS = {
    "blank-lines.txt": lambda: "Barnsley council report.\n" + "\n" * 1_000_000 + "The end of it.\n",
    "nested-divs.html": lambda: "<div>" * 200_000 + "text" + "</div>" * 200_000,
    "unclosed-anchors.html": lambda: "<p>Barnsley council</p>" + "<a " * 300_000,
    "unclosed-markup.html": lambda: "<p>a</p>" + "<" * 300_000 + "<!--" * 100_000 + "<![CDATA[" * 50_000,
    "page-break-chain.txt": lambda: (CONTINUED + "\n\n") * 30_000,
    "hyphen-chain.txt": lambda: "Barnsley council long-\n" + "term-\n" * 400_000,
}


def _write_pdf_chain(path: Path) -> None:
    """One paragraph hard-wrapped over 40 pages of 2,000 lines each (one shared stream)."""
    path.write_bytes(handmade_pdf([0] * 40, [text_stream(["word " * 8 + "and"] * 2000)]))


@pytest.mark.parametrize("name", [*STALLERS, "wrapped-paragraph.pdf"])
def test_adversarial_inputs_are_read_in_linear_time(name, tmp_path):
    doc = tmp_path / name
    if name.endswith(".pdf"):
        _write_pdf_chain(doc)
    else:
        doc.write_text(STALLERS[name](), encoding="utf-8")
    code = ("import sys; from pathlib import Path; from kg.pipeline import process_file, sha256_file\n"
            "p = Path(sys.argv[1]); r = process_file(p, p.name, sha256_file(p))\n"
            "print('ok' if r.ok else 'refused: ' + r.error)")
    proc = run_in_own_group([sys.executable, "-c", code, str(doc)], cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(("ok", f"refused: {name}: empty document")), proc.stdout + proc.stderr


def test_rejoining_a_long_paragraph_is_linear_in_its_pieces():
    """The paragraph joined across 20,000 page breaks is the lines joined, each once."""
    from kg.normalise import normalise_text

    text = normalise_text((CONTINUED + "\n\n") * 20_000)
    assert text == " ".join([CONTINUED] * 20_000)


# ---- fuzzing the readers ----------------------------------------------------------------------------------

TOKENS = ["<a ", "<div>", "</div>", "<p>", "</p>", "<li>", "<td>", "<tr>", "<br>", "<!--", "-->", "<![CDATA[",
          "<script>", "</script>", "&#", "&amp;", "&#x1b;", "<", ">", "\n", "\n\n", "\r\n", "\t", " ", "- ", "1. ",
          "\u2022", "**", "*", "#", "word", "Barnsley", "inspection", "31 February 2023", "\x1b[2J", "\x07",
          "\x00", "\x9b", "\ufeff", "\ud800", "\uffff", "long-", "continues here and more"]
SOUP = st.lists(st.sampled_from(TOKENS) | st.text(max_size=5), max_size=200).map("".join)
ENCODINGS = st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "utf-32"])


def _read_or_refuse(data: bytes, suffix: str) -> None:
    """The reader either reads the bytes into text without control characters or refuses them with an
    InputError naming the file; nothing else."""
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            doc = read_document(path)
        except InputError as e:
            assert str(e).startswith(f"fuzz{suffix}: ") and "\n" not in str(e)
            return
        assert not CONTROL.search(doc.text), repr(doc.text[:200])
        assert "".join(p.text for p in doc.passages).replace("\n", "") == doc.text.replace("\n", "")


@SETTINGS
@given(st.binary(max_size=4000), st.sampled_from([".txt", ".md", ".html", ".pdf"]))
@example(b"\x00\x01\x02binary", ".txt")
@example(b"%PDF-1.4\n%\xe2\xe3\n1 0 obj", ".pdf")
def test_readers_on_any_bytes_read_or_refuse(data, suffix):
    _read_or_refuse(data, suffix)


@SETTINGS
@given(SOUP, ENCODINGS, st.sampled_from([".txt", ".md", ".html"]))
def test_readers_on_markup_soup_in_any_encoding_read_or_refuse(text, encoding, suffix):
    _read_or_refuse(text.encode(encoding, errors="surrogatepass" if encoding.startswith("utf") else "replace"),
                    suffix)


@SETTINGS
@given(st.data())
def test_pdf_reader_on_damaged_pdfs_reads_or_refuses(data):
    good = handmade_pdf([0, 1], [text_stream([SENTENCE] * 3), text_stream(["Page two \x1b[2J\x07 text"] * 3)])
    cut = data.draw(st.integers(0, len(good)))
    flips = data.draw(st.lists(st.tuples(st.integers(0, len(good) - 1), st.integers(0, 255)), max_size=8))
    damaged = bytearray(good[:cut] if data.draw(st.booleans()) else good)
    for at, value in flips:
        if at < len(damaged):
            damaged[at] = value
    _read_or_refuse(bytes(damaged), ".pdf")


# ---- 4. a small PDF with a great deal of text --------------------------------------------------------------


def build_measured(paths: list[Path], store: Path, cwd: Path) -> tuple[subprocess.CompletedProcess, int]:
    """``kg build`` of ``paths`` in a process group of its own, and the peak memory (kB) of its largest
    process: a process of its own runs the build, so that its children's peak is the build's alone."""
    measure = ("import resource, subprocess, sys\n"
               "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
               "sys.stderr.write(r.stderr)\n"
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
               "sys.exit(r.returncode)")
    proc = run_in_own_group([sys.executable, "-c", measure, sys.executable, "-m", "kg.cli.main", "build",
                             *map(str, paths), "--store", str(store), "-q"], cwd=cwd, timeout=300)
    return proc, int(proc.stdout.split()[-1])


def test_pdf_bomb_refused_while_reading_with_bounded_memory(tmp_path):
    """A 90 KB PDF whose 600 pages share one compressed content stream of 85,000 characters (51 M
    characters in all) is refused by the text cap part-way through, in one line, the other document
    loads, and the build's peak memory stays under 1 GB (it was 2.1 GB)."""
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(handmade_pdf([0] * 600, [text_stream([SENTENCE] * 900)]))
    assert bomb.stat().st_size < 100_000
    store = tmp_path / "store"
    proc, peak_kb = build_measured([bomb, LETTER], store, tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    named = [ln for ln in proc.stderr.splitlines() if str(bomb) in ln]
    assert len(named) == 1 and "too much text (more than 10 M characters by page" in named[0], proc.stderr
    assert not select(store, f'SELECT ?d WHERE {{ ?d ikg:sourceFile "{bomb.name}" }}')
    assert select(store, f'SELECT ?d WHERE {{ ?d ikg:sourceFile "{LETTER.name}" }}'), "the other document loads"
    assert peak_kb < 1024 * 1024  # under 1 GB


# One page drawing 12 M characters, in each form a content stream can draw them: one text object of many
# lines, many text objects (each placed apart: pdfium drops a character drawn again on top of itself), and
# a form XObject of 12,000 characters drawn 1,000 times. (pdfium keeps no more than 32,767 characters of
# one string.) pdfium builds the page's text (about 130 bytes a character) before its characters can be
# counted: 1.6 GB and 20 s, unbounded.
ONE_PAGE_BOMBS = {
    "one text object": lambda: (text_stream(["A" * 30_000] * 400), None),
    "many text objects": lambda: (b"".join(b"BT /F1 10 Tf 72 %d Td (%s) Tj ET\n" % (720 - 12 * i, b"A" * 30_000)
                                           for i in range(400)), None),
    "form drawn many times": lambda: (b"q /X1 Do Q\n" * 1000, text_stream(["A" * 12_000])),
}


@pytest.mark.parametrize("form", ONE_PAGE_BOMBS)
def test_one_page_of_millions_of_characters_refused_with_bounded_memory(tmp_path, form):
    """Reading a PDF's text is bounded where pdfium spends the memory: the page is refused in one line
    naming the file and the page, the other document loads, and the build stays under 1 GB."""
    content, xobject = ONE_PAGE_BOMBS[form]()
    bomb = tmp_path / "page.pdf"
    bomb.write_bytes(handmade_pdf([0], [content], xobject))
    assert bomb.stat().st_size < 100_000
    store = tmp_path / "store"
    proc, peak_kb = build_measured([bomb, LETTER], store, tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert peak_kb < 1024 * 1024, f"{peak_kb} kB"  # under 1 GB
    assert "Traceback" not in proc.stderr
    named = [ln for ln in proc.stderr.splitlines() if str(bomb) in ln]
    assert len(named) == 1 and "too much text on page 1 (" in named[0], proc.stderr
    assert select(store, f'SELECT ?d WHERE {{ ?d ikg:sourceFile "{LETTER.name}" }}'), "the other document loads"


def test_pdf_read_past_the_cpu_limit_refused_naming_the_page(tmp_path, monkeypatch):
    """The child reading a PDF is stopped by its CPU limit too: one line naming the file and the page it
    was on. Here the limit is one second and the text cap is lifted, so the 600-page bomb (51 M characters,
    about 15 s) can end only by the CPU limit."""
    monkeypatch.setattr(read, "PDF_CHILD_CPU_SECONDS", 1)
    monkeypatch.setattr(read, "MAX_TEXT_CHARS", 10**9)
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(handmade_pdf([0] * 600, [text_stream([SENTENCE] * 900)]))
    with pytest.raises(InputError, match=r"^bomb.pdf: too much text on page [1-9]\d* \(it could not be read "
                                         r"within 512 MB and 1 s\)$"):
        read_document(bomb)


def test_pdf_child_that_waits_is_killed(tmp_path, monkeypatch):
    """A child that neither reads nor ends (its CPU limit cannot stop a wait) is killed at its deadline,
    and the PDF refused in one line; the build goes on."""
    monkeypatch.setattr(read, "PDF_CHILD_WAIT_SECONDS", 1)
    monkeypatch.setattr(read, "_pdf_texts", lambda data, name, page: signal.pause())
    pdf = tmp_path / "waits.pdf"
    pdf.write_bytes(handmade_pdf([0], [text_stream([SENTENCE])]))
    with pytest.raises(InputError, match=r"^waits.pdf: the PDF's text could not be read within the limits"):
        read_document(pdf)


def test_pdf_with_too_many_pages_refused(tmp_path):
    many = tmp_path / "many.pdf"
    many.write_bytes(handmade_pdf([0] * (MAX_PDF_PAGES + 1), [text_stream([SENTENCE])]))
    with pytest.raises(InputError, match=rf"^many.pdf: too many pages \({MAX_PDF_PAGES + 1}; the limit"):
        read_document(many)


# ---- 5. impossible dates -------------------------------------------------------------------------------------

BAD_DATES = {"feb31": ("30 and 31 February 2023", "'31 February 2023' is not a date of the calendar"),
             "y2099": ("5 and 6 November 2099", "inspection date '6 November 2099' is after 2025"),
             "y1066": ("5 and 6 November 1066", "inspection date '6 November 1066' is before 1990")}


def test_impossible_calendar_days_and_years_are_not_asserted_and_warned(tmp_path):
    """Each letter's visit dates are impossible: no start or end date is stored (nor an inspection
    identified by one), a warning names the file and the words, and the store validates."""
    text = LETTER.read_text(encoding="utf-8")
    assert "5 and 6 November 2024" in text
    docs = tmp_path / "docs"
    docs.mkdir()
    for key, (words, _) in BAD_DATES.items():
        (docs / f"{key}.txt").write_text(text.replace("5 and 6 November 2024", words), encoding="utf-8")
    store = tmp_path / "store"
    proc = kg("build", "docs", "--store", str(store), "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and "Failed to convert" not in proc.stderr, proc.stderr
    for key, (_, warning) in BAD_DATES.items():
        assert any(f"{key}.txt" in ln and "warning" in ln and warning in ln for ln in proc.stderr.splitlines()), \
            (key, proc.stderr)
    stored = {r["d"].value for r in select(store, "SELECT ?d WHERE { ?i ikg:startDate|ikg:endDate ?d }")}
    assert stored == {"2023-09"}, stored  # only the earlier inspection the letters mention
    validated = kg("validate", "--store", str(store), cwd=tmp_path)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "Traceback" not in validated.stderr


DATE_WORDS = ["January", "February", "Feb", "June", "Sept", "September", "December", "this year", "and", "to",
              "–", "-", "/", ".", " ", ",", "of", "st", "th", "2023", "2024", "1066", "2099", "0000", "9999"]
DATE_TEXT = st.lists(st.sampled_from(DATE_WORDS) | st.integers(0, 40).map(str) | st.text(max_size=3),
                     max_size=30).map(" ".join)
REF_YEAR = st.none() | st.integers(1, 9999)


def _real(iso: str | None) -> bool:
    return iso is None or dates.real_date(iso)


@SETTINGS
@given(DATE_TEXT | st.text(max_size=200), REF_YEAR)
@example("31 February 2023", None)
@example("30 and 31 February 2023", 2023)
@example("29 February 2023 – 31 April 2023", None)
@example("31/02/2023 and 2023-02-31", None)
@example("5 and 6 November 0000", 1)
def test_date_parsers_never_raise_nor_return_an_impossible_date(text, ref_year):
    assert _real(dates.parse_date(text, ref_year))
    got = dates.find_date_range(text, ref_year)
    assert got is None or (_real(got[0]) and _real(got[1]))
    back = dates.backwards_range(text)
    assert back is None or (_real(back[0]) and _real(back[1]))
    start, end = parse_date_range(text, ref_year if ref_year is None or ref_year > 0 else None)
    assert _real(start) and _real(end)
    for words in dates.impossible_dates(text):
        assert words in text


@SETTINGS
@given(st.integers(1, 9999), st.integers(-5, 20), st.integers(-5, 40), st.sampled_from(list(dates.YEARS_AFTER_REFERENCE)),
       st.integers(1900, 2100))
def test_implausible_accepts_exactly_the_real_dates_in_the_field_range(y, m, d, field, ref):
    iso = f"{y:04d}-{m:02d}-{d:02d}" if m >= 0 and d >= 0 else f"{y}-{m}-{d}"
    try:
        real = dt.date(y, m, d) is not None
    except ValueError:
        real = False
    ok = real and dates.EARLIEST_YEAR <= y <= ref + dates.YEARS_AFTER_REFERENCE[field]
    assert (dates.implausible(iso, field, ref) is None) == ok


# ---- 8. terminal control codes ---------------------------------------------------------------------------------

SEQUENCES = ["\x1b[2J", "\x07", "\x1b]0;owned\x07", "\x9b31m", "\x7f", "\x1b[1A\x1b[K", "\x08\x08"]
LONE = ["\x07", "\x1b", "\x9b", "\x7f", "\x08", "\x0e"]


def with_controls(text: str) -> str:
    """A lone control character after the first word of every line of more than two words, and a whole
    escape sequence (whose printable rest stays) after the third word of each line without a digit."""
    out = []
    for i, line in enumerate(text.split("\n")):
        words = line.split(" ")
        if len(words) > 2:
            words[0] += LONE[i % len(LONE)]
        if len(words) > 6 and not re.search(r"\d", line):
            words[2] += SEQUENCES[i % len(SEQUENCES)]
        out.append(" ".join(words))
    return "\n".join(out)


def test_control_codes_never_reach_the_terminal(tmp_path):
    doc = tmp_path / "report.txt"
    doc.write_text(with_controls(REPORT.read_text(encoding="utf-8")), encoding="utf-8")
    assert CONTROL.search(doc.read_text(encoding="utf-8"))
    store = tmp_path / "store"
    built = kg("build", str(doc), "--store", str(store), "-q", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    outputs = {
        "status": kg("status", "--store", str(store), "--authority", "barnsley", "--year", "2014", "--about",
                     "access to records requests", cwd=tmp_path),  # one clear match: "records" alone has three
        "recommendations": kg("recommendations", "--store", str(store), cwd=tmp_path),
        "query": kg("query", "--store", str(store), "-e", IKG + "SELECT ?t WHERE { GRAPH ?g { ?p ikg:text ?t } }",
                    cwd=tmp_path),
    }
    for name, proc in outputs.items():
        assert proc.returncode == 0, (name, proc.stderr)
        assert "Barnsley" in proc.stdout or "records" in proc.stdout, (name, proc.stdout[:500])
        assert not CONTROL.search(proc.stdout + proc.stderr), (name, CONTROL.findall(proc.stdout)[:5])
    texts = select(store, "SELECT ?t WHERE { ?p ikg:text ?t }")
    assert texts and not any(CONTROL.search(r["t"].value) for r in texts)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".pdf"])
def test_control_codes_are_stripped_in_every_format(suffix, tmp_path):
    lines = [f"Ofsted{SEQUENCES[i % len(SEQUENCES)]} found the council {i} had made progress." for i in range(12)]
    path = tmp_path / f"doc{suffix}"
    if suffix == ".pdf":
        path.write_bytes(handmade_pdf([0], [text_stream(lines)]))
    elif suffix == ".html":
        path.write_text("<html><body>" + "".join(f"<p>{ln}&#x1b;&#7;</p>" for ln in lines) + "</body></html>")
    else:
        path.write_text("\n\n".join(lines), encoding="utf-8")
    doc = read_document(path)
    assert "found the council 11 had made progress." in doc.text
    assert not CONTROL.search(doc.text), repr(doc.text[:300])


# ---- 13. UTF-16 and binary data named .txt -------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_text_files_are_decoded(encoding, tmp_path):
    text = LETTER.read_text(encoding="utf-8")
    path = tmp_path / "letter.txt"
    path.write_bytes(text.encode(encoding))
    assert read_document(path).text == read_document(LETTER).text


def test_binary_junk_named_txt_is_refused_in_one_line(tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 64 + zlib.compress(os.urandom(4096)))
    store = tmp_path / "store"
    proc = kg("build", str(junk), str(LETTER), "--store", str(store), "-q", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    named = [ln for ln in proc.stderr.splitlines() if str(junk) in ln]
    assert len(named) == 1 and f"{junk}: not text: " in named[0], proc.stderr
    assert not select(store, f'SELECT ?d WHERE {{ ?d ikg:sourceFile "{junk.name}" }}')
    assert select(store, f'SELECT ?d WHERE {{ ?d ikg:sourceFile "{LETTER.name}" }}')


@pytest.mark.parametrize("data,why", [
    (b"Report\x00\x00\x13\x00binary\x00", "NUL characters"),
    (b"".join(bytes([c]) + b"ab" for c in range(1, 9)) * 20, "control characters"),
    (b"\xff\xfeR\x00e\x00\x00\xd8", "not valid UTF-16"),  # a UTF-16 BOM, then a lone surrogate
])
def test_what_is_not_text_is_refused(data, why, tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=rf"^x.txt: not text: .*{why}"):
        read_document(path)
