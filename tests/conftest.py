"""Shared fixtures: the repository's paths, the corpus (when present), and a store built from the seeds."""

from __future__ import annotations

import csv
import functools
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "documents"
EXAMPLE_PDFS = ROOT / "examples" / "pdf"
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_or_skip() -> Path:
    """The corpus of real PDFs beside the project; in a user's own clone it may be absent."""
    if not (CORPUS / "manifest.csv").exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the corpus is missing at {CORPUS}; CI must have ../shared/corpus")
        pytest.skip(f"no corpus at {CORPUS} (it lives beside the project, in ../shared/corpus)")
    return CORPUS


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    """A store built once from examples/documents, shared read-only by the tests that read it."""
    from kg.pipeline import build

    path = tmp_path_factory.mktemp("seed") / "store"
    report = build([EXAMPLES], path)
    assert not report.failed, [r.error for r in report.failed]
    return path


@pytest.fixture()
def seed_store_copy(seed_store, tmp_path) -> Path:
    """A private copy of the seed store, for tests that write."""
    dest = tmp_path / "store"
    shutil.copytree(seed_store, dest, symlinks=True)
    return dest


@pytest.fixture(scope="session", params=["oxigraph", "virtuoso"])
def engine(request, tmp_path_factory):
    """A real read-write SPARQL server, started once per session on free loopback ports (tests/engines.py):
    each endpoint test runs against the Oxigraph server and against Virtuoso."""
    import engines

    yield from getattr(engines, request.param)(tmp_path_factory.mktemp(request.param))


# The corpus tests share one reading of each PDF a session: several of them walk all ~800 documents, and
# reading a PDF costs far more than classifying it or reading its header.
def corpus_rows(kinds: set[str] | None = None) -> list[dict[str, str]]:
    """The manifest's rows (of the publisher's ``kinds`` when given); [] where the corpus is absent."""
    rows = _manifest()
    return [r for r in rows if kinds is None or r["kind"] in kinds]


@functools.cache
def _manifest() -> list[dict[str, str]]:
    if not (CORPUS / "manifest.csv").exists():
        return []
    with (CORPUS / "manifest.csv").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@functools.cache
def corpus_document(file: str):
    """The corpus document at ``file`` (a manifest path), read once a session."""
    from kg.read import read_document

    return read_document(CORPUS / file)


@functools.cache
def corpus_read(file: str):
    """The document, its classification and its header, each worked out once a session."""
    from kg.classify import classify
    from kg.extract.header import read_header

    doc = corpus_document(file)
    cls = classify(doc)
    return doc, cls, read_header(doc, cls)
