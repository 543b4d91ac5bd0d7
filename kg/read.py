"""Read a document (.txt, .md, .pdf, .html) into a ``SourceDocument``: normalised text cut into passages."""

from __future__ import annotations

import codecs
import contextlib
import ctypes
import hashlib
import mmap
import os
import pickle
import re
import resource
import select
import signal
import threading
import time
from pathlib import Path

from kg.document import SourceDocument, cut_passages
from kg.errors import InputError
from kg.normalise import normalise_pdf_pages, normalise_text
from kg.pipeline import MAX_TEXT_BYTES, PR_SET_PDEATHSIG

FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".pdf": "pdf", ".html": "html", ".htm": "html"}
# What a PDF may give. Its file size is capped (kg.pipeline), but a small file can hold one compressed
# content stream that hundreds of pages share: the text it gives is capped as for a text document, and
# counted page by page as it is read, so a bomb is refused before its text fills the memory. The longest
# real report read so far has 55 pages; a council's agenda pack a few hundred.
MAX_PDF_PAGES = 1000
MAX_TEXT_CHARS = MAX_TEXT_BYTES
# pdfium builds a page's whole text (about 130 bytes a character) before its characters can be counted, so
# one page of a few KB of compressed content can ask for gigabytes. A PDF's text layer is therefore read in
# a child process of its own, whose address space may grow by this much and whose CPU time is capped: a
# page past either ends the child, not the build. A real page needs a few MB.
PDF_CHILD_MEMORY = 512 * 2**20
PDF_CHILD_CPU_SECONDS = 10
# A child still running after this long is killed: one that waits rather than computes (its CPU limit ends
# a busy one), allowing for a machine so busy that 10 s of CPU take several times as long.
PDF_CHILD_WAIT_SECONDS = 6 * PDF_CHILD_CPU_SECONDS


def read_document(path: Path, source_file: str | None = None) -> SourceDocument:
    """Read ``path``; ``source_file`` is the name reported in provenance and messages (default: file name).

    Raises ``InputError`` (one line naming the file and the cause) for an unreadable, empty, unsupported
    or scanned document.
    """
    path = Path(path)
    name = source_file or path.name
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{name}: unsupported file type {path.suffix or '(none)'!r}; expected .txt, .md, .pdf or .html")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"{name}: cannot read ({e.strerror or e})") from None
    if not data.strip():
        raise InputError(f"{name}: empty document")
    pages_of: list[int] | None = None
    n_pages = None
    if fmt == "pdf":
        page_texts = pdf_page_texts(data, name)
        n_pages = len(page_texts)
        text, pages_of = normalise_pdf_pages(page_texts)
    elif fmt == "html":
        text = normalise_text(html_to_text(decode(data, name)))
    else:
        text = normalise_text(decode(data, name))
    if not text.strip():
        raise InputError(f"{name}: empty document")
    return SourceDocument(path=path, source_file=name, sha256=hashlib.sha256(data).hexdigest(), fmt=fmt,
                          text=text, passages=cut_passages(text, pages_of), pages=n_pages)


# Byte-order marks, longest first (a UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Decoded text with more control characters than this share (or any NUL) is not a document.
MAX_CONTROL_SHARE = 0.05
# Control characters that are not white space (a carriage return or form feed is part of a text file).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def decode(data: bytes, name: str = "text") -> str:
    """The text of a text file. The rule: a byte-order mark decides (UTF-8, UTF-16, UTF-32); text without
    one whose bytes are NUL at every other place (English text in UTF-16) is UTF-16 of that byte order;
    else UTF-8, else cp1252 (Windows' Western European, which most older English documents are in), else
    latin-1, which decodes any bytes. What decodes to NUL characters, or to more than 5 % control
    characters, is binary data, refused as "not text".

    >>> decode("Children’s".encode("utf-16")), decode("Children’s".encode("utf-16-le"))
    ('Children’s', 'Children’s')
    >>> decode(b"Children\\x92s"), decode("Children’s".encode("utf-8"))
    ('Children’s', 'Children’s')
    >>> decode(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR", "a.txt")
    Traceback (most recent call last):
    kg.errors.InputError: a.txt: not text: NUL characters (binary data?)
    """
    text = _decoded(data, name)
    if "\x00" in text:
        raise InputError(f"{name}: not text: NUL characters (binary data?)")
    controls = len(_CONTROL.findall(text))
    if controls > MAX_CONTROL_SHARE * len(text):
        raise InputError(f"{name}: not text: {controls} of its {len(text)} characters are control characters "
                         "(binary data?)")
    return text


def _decoded(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, name)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16, name)
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(f"{name}: not text: not valid {encoding.upper()} at byte {e.start}") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" where most bytes at odd (even) places are NUL and next to none at the
    others: Latin text in UTF-16. Binary data has NULs at both."""
    if len(data) < 2 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    if odd >= 0.5 * half and even <= 0.01 * half:
        return "utf-16-le"
    if even >= 0.5 * half and odd <= 0.01 * half:
        return "utf-16-be"
    return None


def pdf_page_texts(data: bytes, name: str) -> list[str]:
    """The text layer of each page. A PDF without one (scanned) is refused with advice to OCR it."""
    if not data.startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise InputError(f"{name}: not a PDF file")
    texts = _in_bounded_child(data, name)
    if not texts:
        raise InputError(f"{name}: empty document (PDF has no pages)")
    if sum(len(t.strip()) for t in texts) < 20 * len(texts):
        raise InputError(f"{name}: no text layer (scanned PDF?); run OCR first, e.g. ocrmypdf")
    return texts


def _in_bounded_child(data: bytes, name: str) -> list[str]:
    """``_pdf_texts`` run in this process's reader child (``_Reader``), under ``PDF_CHILD_MEMORY`` and
    ``PDF_CHILD_CPU_SECONDS`` for this PDF; its ``InputError`` is raised here, and a child ended by a limit
    becomes one naming the page it was on (the next PDF gets a new child)."""
    global _reader
    reader = _reader = _reader_of_this_process()
    try:
        payload = reader.ask(data, name)
        if payload is None and not reader.took_request():
            # The child had ended before it took this PDF (killed from outside while it waited): not this
            # PDF's fault, so a new child reads it.
            reader = _reader = _Reader()
            payload = reader.ask(data, name)
    except BaseException:
        _reader = None
        raise
    if payload is None:
        _reader = None
        on_page = int.from_bytes(reader.page[:4], "little")
        limits = f"{PDF_CHILD_MEMORY // 2**20} MB and {PDF_CHILD_CPU_SECONDS} s"
        if on_page:
            raise InputError(f"{name}: too much text on page {on_page} (it could not be read within {limits})")
        raise InputError(f"{name}: the PDF's text could not be read within the limits ({limits})")
    kind, value, leaving = pickle.loads(payload)
    if leaving:
        _reader = None
        reader.close()
    if kind == "error":
        raise InputError(value)
    if kind == "failure":
        raise RuntimeError(f"{name}: reading the PDF failed: {value}")
    return value


def _reader_of_this_process() -> _Reader:
    """This process's reader child, started when first needed. One inherited from the process this one
    was forked from is let go of (its pipes closed here), not used."""
    if _reader is not None and _reader.serves_this_process():
        return _reader
    close_reader()
    return _Reader()


def close_reader() -> None:
    """End this process's reader child, if it has one, and reap it: its CPU time and memory then count
    with this process's (a build calls this before it ends, and each of its workers as it exits)."""
    global _reader
    reader, _reader = _reader, None
    if reader is None:
        return
    if reader.owner == os.getpid():
        reader.close()
    else:
        reader.let_go()


class _Reader:
    """A child process that reads PDFs' text layers one request at a time, each under its own memory and
    CPU limit. One child serves many PDFs: forking one per PDF (and pdfium setting itself up afresh in
    each) cost more than reading most of them. A child that a PDF kills, or that overruns its deadline, is
    replaced for the next PDF."""

    def __init__(self) -> None:
        import pypdfium2  # noqa: F401  imported here, so the child never takes the import lock

        # Shared with the child: the page it is reading (1-based), then whether it has taken the request.
        self.page = mmap.mmap(-1, 8)
        requests, self.requests = os.pipe()
        self.answers, answers = os.pipe()
        pid, interrupted = _fork()
        if pid == 0:  # the child: never returns
            os.close(self.requests)
            os.close(self.answers)
            _serve(requests, answers, self.page)
        os.close(requests)
        os.close(answers)
        # A child runs the code it was forked with: one forked before the reading function was replaced
        # (the tests replace it) is not used after.
        self.pid, self.owner, self.reads = pid, os.getpid(), _pdf_texts
        if interrupted:
            self.kill()
            raise KeyboardInterrupt

    def serves_this_process(self) -> bool:
        return self.owner == os.getpid() and self.reads is _pdf_texts

    def took_request(self) -> bool:
        return self.page[4] == 1

    def ask(self, data: bytes, name: str) -> bytes | None:
        """The child's pickled answer for one PDF, or None when the child ended or was killed (by a limit,
        or at ``PDF_CHILD_WAIT_SECONDS``) without one; then it is reaped. The limits in force now go with
        the request: the child holds this module as it was when forked."""
        limits = {"PDF_CHILD_MEMORY": PDF_CHILD_MEMORY, "PDF_CHILD_CPU_SECONDS": PDF_CHILD_CPU_SECONDS,
                  "MAX_TEXT_CHARS": MAX_TEXT_CHARS, "MAX_PDF_PAGES": MAX_PDF_PAGES}
        self.page[:8] = bytes(8)
        answer = None
        try:
            _send(self.requests, pickle.dumps((data, name, limits), pickle.HIGHEST_PROTOCOL))
            answer = _receive(self.answers, time.monotonic() + PDF_CHILD_WAIT_SECONDS)
        except BrokenPipeError:  # the child had ended
            pass
        finally:
            if answer is None:
                self.kill()
        return answer

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        self._reap()

    def close(self) -> None:
        """No more requests: an empty one tells the child to exit (the end of its pipe would not, while a
        process forked from this one holds a copy of it)."""
        with contextlib.suppress(OSError):
            _send(self.requests, b"")
        self._reap()

    def let_go(self) -> None:
        """In a process forked from the owner: close this copy of the pipes, nothing more."""
        for fd in (self.requests, self.answers):
            with contextlib.suppress(OSError):
                os.close(fd)

    def _reap(self) -> None:
        self.let_go()
        os.waitpid(self.pid, 0)


_reader: _Reader | None = None


def _send(fd: int, payload: bytes) -> None:
    view = memoryview(len(payload).to_bytes(8, "little") + payload)
    while view:
        view = view[os.write(fd, view):]


def _receive(fd: int, deadline: float | None = None) -> bytes | None:
    """One message written by ``_send``, or None at the end of the pipe or past ``deadline``."""
    chunks: list[bytes] = []
    need, have, length = 8, 0, None
    while True:
        if have >= need:
            data = b"".join(chunks)
            if length is not None:
                return data[8:]
            length = int.from_bytes(data[:8], "little")
            need = 8 + length
            if have >= need:
                return data[8:]
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and (left <= 0 or not select.select([fd], [], [], left)[0]):
            return None
        chunk = os.read(fd, need - have)
        if not chunk:
            return None
        chunks.append(chunk)
        have += len(chunk)


def _serve(requests: int, answers: int, page: mmap.mmap) -> None:
    """The reader child: for each request, limit this process, read the text and answer ("texts", list),
    ("error", message) or ("failure", description), and whether it leaves after this answer (its address
    space has grown by more than a PDF may take: a fresh child serves the next); exit at the end of the
    requests, without running the parent's exit handlers. A limit reached kills the process (pdfium aborts
    where an allocation fails) or leaves a MemoryError: no answer is written."""
    code = 1
    try:
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # Linux: ends with its parent
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a PDF that passes a limit leaves no core file
        start = _address_space()
        while request := _receive(requests):  # an empty request, or the pipe's end: no more
            page[4] = 1  # taken: from here on, a child that ends does so reading this PDF
            data, name, limits = pickle.loads(request)
            globals().update(limits)
            _limit_this_process()
            answer = _answer(data, name, page)
            leaving = _address_space() > start + PDF_CHILD_MEMORY // 4
            _send(answers, pickle.dumps((*answer, leaving), pickle.HIGHEST_PROTOCOL))
            if leaving:
                break
        code = 0
    finally:
        os._exit(code)


def _answer(data: bytes, name: str, page: mmap.mmap) -> tuple[str, object]:
    try:
        return "texts", _pdf_texts(data, name, page)
    except InputError as e:
        return "error", str(e)
    except MemoryError:
        raise
    except Exception as e:  # noqa: BLE001  a fault of the reader, named in the parent
        return "failure", _one_line(e)


def _fork() -> tuple[int, bool]:
    """os.fork, and whether Ctrl-C came meanwhile. Python runs its at-fork handlers in the parent, and a
    KeyboardInterrupt raised in one of them is printed and dropped: the build would go on. So while forking,
    Ctrl-C is only noted, and the caller raises it. The child ignores Ctrl-C: its parent ends it."""
    if threading.current_thread() is not threading.main_thread():
        return os.fork(), False
    noted: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: noted.append(signum))
    try:
        pid = os.fork()
    except BaseException:
        signal.signal(signal.SIGINT, previous)
        raise
    signal.signal(signal.SIGINT, signal.SIG_IGN if pid == 0 else previous)
    return pid, bool(noted)


def _address_space() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * resource.getpagesize()


def _limit_this_process() -> None:
    """Cap the address space at what it is now plus ``PDF_CHILD_MEMORY``, and the CPU time at what it has
    used plus ``PDF_CHILD_CPU_SECONDS`` (SIGXCPU ends it). Soft limits, raised again for each PDF; the hard
    ones stay as they were, so that the next PDF can have its own."""
    _soft_limit(resource.RLIMIT_AS, _address_space() + PDF_CHILD_MEMORY)
    used = resource.getrusage(resource.RUSAGE_SELF)
    _soft_limit(resource.RLIMIT_CPU, int(used.ru_utime + used.ru_stime) + PDF_CHILD_CPU_SECONDS)


def _soft_limit(which: int, value: int) -> None:
    hard = resource.getrlimit(which)[1]
    resource.setrlimit(which, (value if hard == resource.RLIM_INFINITY else min(value, hard), hard))


def _pdf_texts(data: bytes, name: str, page: mmap.mmap) -> list[str]:
    import pypdfium2 as pdfium
    from pypdfium2 import PdfiumError

    try:
        pdf = pdfium.PdfDocument(data)
    except (PdfiumError, OSError, ValueError) as e:  # damaged, encrypted and non-PDF data
        raise InputError(f"{name}: cannot open PDF ({_one_line(e)})") from None
    try:
        return _page_texts(pdf, name, page)
    except (PdfiumError, OSError, ValueError) as e:
        raise InputError(f"{name}: cannot read PDF text ({_one_line(e)})") from None
    finally:
        pdf.close()


def _page_texts(pdf, name: str, on_page: mmap.mmap) -> list[str]:
    """Each page's text, refused as soon as the pages or the characters pass their caps. ``on_page`` is
    set to each page's number as it is read."""
    if len(pdf) > MAX_PDF_PAGES:
        raise InputError(f"{name}: too many pages ({len(pdf)}; the limit for a document is {MAX_PDF_PAGES})")
    texts: list[str] = []
    total = 0
    for i in range(len(pdf)):
        on_page[:4] = (i + 1).to_bytes(4, "little")
        page = pdf[i]
        textpage = page.get_textpage()
        try:
            # Counted before the text is taken, so a page of millions of characters is never copied out.
            total += textpage.count_chars()
            if total > MAX_TEXT_CHARS:
                raise InputError(f"{name}: too much text (more than {MAX_TEXT_CHARS // 2**20} M characters by "
                                 f"page {i + 1} of {len(pdf)}; the limit for a document is "
                                 f"{MAX_TEXT_CHARS // 2**20} M)")
            texts.append(textpage.get_text_range())
        finally:
            textpage.close()
            page.close()
    on_page[:4] = bytes(4)  # past the pages: a limit reached now is not one page's fault
    return texts


def _one_line(e: Exception) -> str:
    return " ".join(str(e).split()) or type(e).__name__


class _HTMLText:
    """Block elements become lines; list items bullets; table cells tab-separated. The target of lxml's
    HTML parser (libxml2's, which reads in one pass, where Python's html.parser goes back over the rest of
    the page at each "<" that does not close: quadratic in a page of them)."""

    BLOCKS = frozenset({"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "ul", "ol", "section",
              "article", "header", "footer", "blockquote", "dt", "dd", "title", "li", "hr", "main", "nav"})
    HIDDEN = frozenset({"script", "style", "noscript", "template"})

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.skip = 0

    def start(self, tag: str, attrs) -> None:
        if tag in self.HIDDEN:
            self.skip += 1
        elif tag == "li":
            self.parts.append("\n\n- ")
        elif tag in ("td", "th"):
            self.parts.append("\t")
        elif tag == "tr":
            self.parts.append("\n")
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def end(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCKS and tag != "tr":
            self.parts.append("\n\n")

    def data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(re.sub(r"\s+", " ", data))

    def close(self) -> str:
        return "".join(self.parts)


def html_to_text(html: str) -> str:
    """
    >>> html_to_text("<style>p{}</style><h1>Title</h1><p>One <b>two</b></p><ul><li>a</li></ul>").split()
    ['Title', 'One', 'two', '-', 'a']
    """
    from lxml import etree

    target = _HTMLText()
    parser = etree.HTMLParser(target=target, recover=True, no_network=True, huge_tree=True,
                              remove_comments=True, remove_pis=True)
    try:
        parser.feed(html)
        text = parser.close()
    except etree.LxmlError:  # nothing libxml2 could recover an element from: a page of no text
        text = target.close()
    lines = [re.sub(r"^\t+", "", ln.strip(" ")) for ln in text.split("\n")]
    return "\n".join(lines)
