"""The PDF reader child (kg.read): one child reads many PDFs, each under its own limits; a PDF that ends
it costs only that PDF, and a build reaps the child it started."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from kg import read
from kg.errors import InputError
from kg.pipeline import build
from kg.read import read_document
from tests.test_hostile_input import SENTENCE, handmade_pdf, text_stream

PDFS = sorted((Path(__file__).resolve().parent.parent / "examples" / "pdf").glob("*.pdf"))


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_one_child_reads_many_pdfs_and_is_reaped_when_closed():
    read.close_reader()
    first = read_document(PDFS[0])
    pid = read._reader.pid
    second = read_document(PDFS[1])
    assert read._reader.pid == pid, "the second PDF was read by the same child"
    assert first.text != second.text and first.pages and second.pages
    read.close_reader()
    assert read._reader is None and gone(pid)


def test_a_pdf_that_ends_the_child_costs_only_that_pdf(tmp_path, monkeypatch):
    """The 600-page bomb passes a CPU limit of 1 s (the text cap lifted): refused naming its page; the next
    PDF is read whole by a new child, under the limits again."""
    monkeypatch.setattr(read, "PDF_CHILD_CPU_SECONDS", 1)
    monkeypatch.setattr(read, "MAX_TEXT_CHARS", 10**9)
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(handmade_pdf([0] * 600, [text_stream([SENTENCE] * 900)]))
    expected = read_document(PDFS[0]).text
    killed = read._reader.pid
    with pytest.raises(InputError, match=r"^bomb.pdf: too much text on page [1-9]\d* "):
        read_document(bomb)
    assert read._reader is None and gone(killed)
    assert read_document(PDFS[0]).text == expected
    assert read._reader.pid != killed
    with pytest.raises(InputError, match=r"^bomb.pdf: too much text on page [1-9]\d* "):
        read_document(bomb)


def test_a_child_killed_between_two_pdfs_is_replaced():
    """A reader child ended from outside while it waits (the OOM killer, a stray kill) costs no PDF: the
    next PDF is read by a new child, whether or not the old one is gone when it is asked."""
    expected = read_document(PDFS[0]).text
    killed = read._reader.pid
    os.kill(killed, signal.SIGKILL)
    assert read_document(PDFS[0]).text == expected
    assert read._reader.pid != killed and gone(killed)


def test_limits_are_each_pdfs_own(tmp_path, monkeypatch):
    """A limit is set afresh for each PDF: a child that has read PDFs before still refuses one past the
    text cap, and one within it is read after."""
    monkeypatch.setattr(read, "MAX_TEXT_CHARS", 2_000)
    small = tmp_path / "small.pdf"
    small.write_bytes(handmade_pdf([0], [text_stream([SENTENCE] * 10)]))
    large = tmp_path / "large.pdf"
    large.write_bytes(handmade_pdf([0], [text_stream([SENTENCE] * 40)]))
    assert read_document(small).pages == 1
    with pytest.raises(InputError, match=r"^large.pdf: too much text \(more than"):
        read_document(large)
    assert read_document(small).pages == 1


def test_a_build_reaps_its_reader(tmp_path):
    build([PDFS[0]], tmp_path / "store")
    assert read._reader is None
