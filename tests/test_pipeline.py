"""The build's fast paths give exactly what the plain paths give: N-Quads written without rdflib, bulk
loading in batches, extraction and linking in worker processes; and a rebuild redoes only what changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import pipeline
from kg.emit import emit
from kg.extract import extract
from kg.read import read_document

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "examples" / "documents").glob("*.txt"))


def triples_of(data: str, fmt) -> set[str]:
    return {str(q.triple) if isinstance(q, ox.Quad) else str(q) for q in ox.parse(data.encode(), format=fmt)}


def dump(store_path: Path) -> list[str]:
    st = ox.Store.read_only(str(store_path / "current"))
    return sorted(st.dump(format=ox.RdfFormat.N_QUADS).decode().splitlines())


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_nquads_without_rdflib_are_the_triples_rdflib_writes(path):
    from kg.emit import Emitter

    ex = extract(read_document(path))
    expected = triples_of(emit(ex).serialize(format="nt"), ox.RdfFormat.N_TRIPLES)
    got = Emitter(ex, graph=pipeline.Triples()).run().nquads("https://example.org/g")
    assert triples_of(got, ox.RdfFormat.N_QUADS) == expected
    assert len(expected) > 100
    assert all(line.endswith(" <https://example.org/g> .") for line in got.splitlines())


def test_literals_with_quotes_backslashes_and_line_breaks_survive():
    from rdflib import Literal, URIRef

    from kg.vocab import XSD

    s, p = URIRef("https://example.org/s"), URIRef("https://example.org/p")
    objects = [Literal('He said "no" \\ then\nleft\r'), Literal("2012-06", datatype=XSD.gYearMonth),
               Literal(7), Literal(True), Literal("Barnsley", lang="en"), Literal("")]
    t = pipeline.Triples((s, p, o) for o in objects)
    from rdflib import Graph

    g = Graph()
    for triple in t:
        g.add(triple)
    assert triples_of(t.nquads("https://example.org/g"), ox.RdfFormat.N_QUADS) == \
        triples_of(g.serialize(format="nt"), ox.RdfFormat.N_TRIPLES)


def test_parallel_build_with_bulk_batches_equals_the_plain_build(tmp_path, monkeypatch):
    plain = pipeline.build(SEEDS, tmp_path / "plain", jobs=1)
    # Every batch through the bulk loader, several batches: the paths a large corpus takes.
    monkeypatch.setattr(pipeline, "BULK_BYTES", 0)
    monkeypatch.setattr(pipeline, "BATCH_BYTES", 200_000)
    fast = pipeline.build(SEEDS, tmp_path / "fast", jobs=2)
    assert not plain.failed and not fast.failed
    assert [r.source_file for r in fast.results] == [r.source_file for r in plain.results]
    assert fast.quads == plain.quads
    plain_dump, fast_dump = dump(tmp_path / "plain"), dump(tmp_path / "fast")
    assert plain_dump == fast_dump
    assert any("/graph/linker/" in line for line in fast_dump)  # the linker ran in the workers too


def copy_seeds(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for p in SEEDS:
        shutil.copy(p, docs / p.name)
    return docs


def add_addendum(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\nAddendum: this report was corrected.\n", encoding="utf-8")


def test_rebuild_after_one_changed_document_redoes_only_it(tmp_path):
    docs = copy_seeds(tmp_path)
    store = tmp_path / "store"
    pipeline.build([docs], store, jobs=2)
    before = dump(store)
    changed = docs / SEEDS[0].name
    add_addendum(changed)
    report = pipeline.build([docs], store, jobs=2)
    redone = [r.source_file for r in report.results if not r.skipped]
    assert redone == [changed.name]
    after = dump(store)
    assert after != before
    # Nothing but that document's graph and its authority's graphs of links and entities changed.
    changed_graphs = {line.rsplit(" ", 2)[-2] for line in set(before) ^ set(after)}
    assert all(any(f"/graph/{k}/" in g for k in ("document", "linker", "entities")) for g in changed_graphs)
    assert len({g for g in changed_graphs if "/graph/linker/" in g or "/graph/entities/" in g}) <= 2
    # A third build has nothing to do.
    third = pipeline.build([docs], store, jobs=2).results
    assert third and all(r.skipped for r in third)


def test_files_with_the_same_bytes_are_extracted_once_and_named(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SEEDS[0], docs / "a.txt")
    shutil.copy(SEEDS[0], docs / "b.txt")
    store = tmp_path / "store"
    first = pipeline.build([docs], store, jobs=1)
    assert not first.failed and {r.source_file: r.skipped for r in first.results} == {"a.txt": False, "b.txt": True}
    # Extracted once: one document, under the first name; a warning names both files as given.
    assert first.warnings == [f"{docs / 'b.txt'}: the same bytes as {docs / 'a.txt'}; stored once, as a.txt"]
    once = dump(store)
    assert any('"a.txt"' in line for line in once) and not any('"b.txt"' in line for line in once)
    second = pipeline.build([docs], store, jobs=1)
    assert second.results and all(r.skipped for r in second.results)
    assert dump(store) == once


def test_parallel_update_of_two_councils_links_from_their_stored_documents_too(tmp_path):
    """Two councils touched by an update: each is linked in a worker from a file holding the documents
    this build wrote and, read back from the store, the ones it did not; the result is the plain build's."""
    docs = copy_seeds(tmp_path)
    store = tmp_path / "store"
    pipeline.build([docs], store, jobs=2)
    barnsley_report, barnet_report = docs / SEEDS[0].name, docs / SEEDS[4].name
    add_addendum(barnsley_report)
    add_addendum(barnet_report)
    report = pipeline.build([docs], store, jobs=2)
    assert sorted(r.source_file for r in report.results if not r.skipped) == \
        sorted([barnsley_report.name, barnet_report.name])
    assert {r.authority for r in report.results if not r.skipped} == \
        {"Metropolitan Borough of Barnsley Council", "London Borough of Barnet"}
    pipeline.build([docs], tmp_path / "plain", jobs=1)
    updated, plain = dump(store), dump(tmp_path / "plain")
    assert updated == plain
    # Barnsley's links rest on its documents that were not rebuilt too: the 2024 letter's remarks.
    from kg import iris

    letter = iris.document_iri(pipeline.sha256_file(docs / SEEDS[2].name))
    assert any("#assessedIn> <" + letter + ">" in line and "/graph/linker/barnsley" in line for line in updated)


def test_a_build_with_nothing_to_do_starts_no_workers(tmp_path, monkeypatch):
    docs = copy_seeds(tmp_path)
    store = tmp_path / "store"
    pipeline.build([docs], store, jobs=2)

    def no_pool(*args, **kwargs):
        raise AssertionError("a worker pool was started for a build with nothing to do")

    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", no_pool)
    report = pipeline.build([docs], store, jobs=2)
    assert report.results and all(r.skipped for r in report.results)
    add_addendum(docs / SEEDS[3].name)  # one changed document: the pool is wanted again
    with pytest.raises(AssertionError, match="nothing to do"):
        pipeline.build([docs], store, jobs=2)


def test_a_store_of_an_older_version_is_extracted_and_linked_again(tmp_path, monkeypatch):
    """Documents stored by an older extractor, whose linker graphs did not yet name their council, are
    all redone by the next build: the store is then the one a fresh build makes."""
    from kg import link

    docs = copy_seeds(tmp_path)
    store = tmp_path / "store"
    with monkeypatch.context() as old:
        old.setattr(pipeline, "EXTRACTOR_VERSION", "1")
        old.setattr(link.Linker, "describe", lambda self: None)
        pipeline.build([docs], store, jobs=1)
    names_council = "> <https://w3id.org/inspection-kg/ontology#forAuthority> <"
    assert not any(names_council in line for line in dump(store))
    report = pipeline.build([docs], store, jobs=1)
    assert report.results and not any(r.skipped for r in report.results)
    pipeline.build([docs], tmp_path / "fresh", jobs=1)
    assert dump(store) == dump(tmp_path / "fresh")
    assert sum(names_council in line for line in dump(store)) == 2  # Barnsley and Barnet


def test_a_document_is_named_by_its_path_in_the_folder_given(tmp_path):
    docs = tmp_path / "docs"
    (docs / "barnsley").mkdir(parents=True)
    shutil.copy(SEEDS[0], docs / "barnsley" / "report.txt")
    shutil.copy(SEEDS[4], tmp_path / "letter.txt")
    report = pipeline.build([docs, tmp_path / "letter.txt"], tmp_path / "store", jobs=1)
    assert not report.failed and sorted(r.source_file for r in report.results) == ["barnsley/report.txt", "letter.txt"]
    assert not any(str(tmp_path) in line for line in dump(tmp_path / "store"))


def test_the_same_files_in_another_folder_are_up_to_date(tmp_path):
    """The names do not depend on where the folder is: a build from a copy of it has nothing to do."""
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    shutil.copytree(copy_seeds(first), second / "elsewhere" / "docs")
    store = tmp_path / "store"
    pipeline.build([first / "docs"], store, jobs=1)
    before = dump(store)
    report = pipeline.build([second / "elsewhere" / "docs"], store, jobs=1)
    assert report.results and all(r.skipped for r in report.results) and not report.warnings
    assert dump(store) == before
    # The same folder again: nothing to do either.
    again = pipeline.build([first / "docs"], store, jobs=1).results
    assert again and all(r.skipped for r in again)


def test_two_files_given_one_name_by_two_folders(tmp_path):
    """Two folders of one build each holding a.txt: with the same bytes it is stored once, with a warning;
    with other bytes the second is not built, and the one-line error names both files as given."""
    one, two, three = (tmp_path / n for n in ("one", "two", "three"))
    for folder, seed in ((one, SEEDS[0]), (two, SEEDS[0]), (three, SEEDS[4])):
        folder.mkdir()
        shutil.copy(seed, folder / "a.txt")
    report = pipeline.build([one, two, three], tmp_path / "store", jobs=1)
    assert report.warnings == [f"{two / 'a.txt'}: the same bytes as {one / 'a.txt'}; stored once, as a.txt"]
    [failed] = report.failed
    assert failed.error == (f"{three / 'a.txt'}: named a.txt like {one / 'a.txt'} of this build, with other bytes; "
                            "not built (build the two folders into separate stores)")
    documents = [line for line in dump(tmp_path / "store") if "#sourceFile> \"" in line]
    assert len(documents) == 1 and '"a.txt"' in documents[0]


def test_a_file_changed_since_a_store_named_it_by_its_path_is_replaced(tmp_path, monkeypatch):
    """A store of extractor version 3 named each document by its path as given: a file changed since is
    stored once, under its new name, and its old graph goes, as a fresh build of the folder gives."""
    docs = copy_seeds(tmp_path)
    store = tmp_path / "store"
    with monkeypatch.context() as old:
        old.setattr(pipeline, "EXTRACTOR_VERSION", "3")
        old.setattr(pipeline, "document_name", lambda path, folder: str(path))
        pipeline.build([docs], store, jobs=1)
    assert any(f'#sourceFile> "{docs}/' in line for line in dump(store))
    add_addendum(docs / SEEDS[0].name)
    pipeline.build([docs], store, jobs=1)
    pipeline.build([docs], tmp_path / "fresh", jobs=1)
    assert dump(store) == dump(tmp_path / "fresh")
