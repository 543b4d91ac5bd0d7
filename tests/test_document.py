"""The document layer (kg.document): blocks cut once and kept on their document, one sentence splitter
with the linker's and the mentions extractor's boundaries, and no circle of imports among the modules that
read documents."""

from __future__ import annotations

import ast
from pathlib import Path

import kg
from kg.document import CLAUSE_END, cut_blocks, sentence_spans, sentences
from kg.read import read_document

ROOT = Path(kg.__file__).resolve().parent
SEEDS = ROOT.parent / "examples" / "documents"
# The modules that read a document, from its text to its extraction: none may import, at its top or
# inside a function, a module that imports it back.
READING = ("kg.document", "kg.domain", "kg.normalise", "kg.dates", "kg.model", "kg.classify", "kg.extract")


def test_blocks_are_cut_once_and_kept_on_their_document():
    first, second = (read_document(path) for path in sorted(SEEDS.glob("*.txt"))[:2])
    blocks = first.blocks
    assert second.blocks != blocks  # another document read between does not take its place
    assert first.blocks is blocks
    assert list(blocks) == cut_blocks(first.text)


def test_the_mentions_clauses_end_at_a_semicolon_and_the_linkers_sentences_do_not():
    text = "The last inspection was in June 2012; It was judged inadequate. See para. 4 of Mr. Smith's note."
    assert sentences(text, CLAUSE_END, abbreviations=None) == [
        "The last inspection was in June 2012;", "It was judged inadequate.", "See para. 4 of Mr.", "Smith's note."]
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "The last inspection was in June 2012; It was judged inadequate.", "See para. 4 of Mr. Smith's note."]


def _imports() -> dict[str, set[str]]:
    """Each module of kg and the modules of kg it imports anywhere in it."""
    modules = {".".join(p.relative_to(ROOT.parent).with_suffix("").parts).removesuffix(".__init__"): p
               for p in ROOT.rglob("*.py")}
    edges: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "kg":
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    edges[name].add(sub if sub in modules else node.module)
            elif isinstance(node, ast.Import):
                edges[name].update(a.name for a in node.names if a.name.split(".")[0] == "kg")
    return edges


def _reaches(edges: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        m = todo.pop()
        if m == goal:
            return True
        if m not in seen:
            seen.add(m)
            todo.extend(edges.get(m, ()))
    return False


def test_no_module_that_reads_a_document_imports_one_that_imports_it_back():
    edges = _imports()
    circles = sorted(f"{a} -> {b}" for a in edges if a.startswith(READING) for b in edges[a]
                     if b != a and _reaches(edges, b, a))
    assert not circles
