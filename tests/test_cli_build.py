"""Store safety through the real CLI: a killed build, two builds at once, reloads, rebuilds, bad stores,
and `kg validate` on a broken and on a good store."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "documents"
PDFS = ROOT / "examples" / "pdf"
BROKEN = Path(__file__).resolve().parent / "data" / "broken.trig"
LETTER = SEEDS / "002_f56597b9e2c30ff6.txt"
MINUTES = SEEDS / "003_fabf720638720ff6.txt"
ONTOLOGY_GRAPH = "<https://w3id.org/inspection-kg/id/graph/ontology>"


def kg_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli.main", *args]


def env() -> dict:
    e = {**os.environ, "COLUMNS": "200"}
    e.pop("KG_STORE", None)
    return e


def kg(*args: str, cwd: Path, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(kg_cmd(*args), cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env(),
                          check=False)


def quads(store: Path) -> int:
    from kg import store as kgstore

    return len(kgstore.open_read(store))


def nquads_by_graph(store: Path) -> dict[str, set[str]]:
    """The store's N-Quads dump, as the set of lines of each named graph."""
    import pyoxigraph

    from kg import store as kgstore

    out: dict[str, set[str]] = {}
    for line in kgstore.open_read(store).dump(format=pyoxigraph.RdfFormat.N_QUADS).decode().splitlines():
        graph = line.rstrip(" .").rsplit(" ", 1)[-1] if line.rstrip(" .").endswith(">") else "default"
        out.setdefault(graph, set()).add(line)
    return out


def one_line_error(proc: subprocess.CompletedProcess, *words: str) -> None:
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    for w in words:
        assert w in lines[0], proc.stderr


def wait_for_writer(store: Path, pid: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    """Until the build holds the lock (its pid in the lock file) and has made its staging copy."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        assert proc.poll() is None, "the build ended before it could be interrupted"
        lock = store / "lock"
        holder = lock.read_text().strip() if lock.exists() else ""
        if holder == str(pid) and any(store.glob("tmp-*")):
            return
        time.sleep(0.05)
    raise AssertionError("the build never took the store lock")


@pytest.fixture()
def bigger_input(tmp_path) -> Path:
    """The seeds plus copies of the seed PDFs under other names: enough work to be caught mid-way."""
    d = tmp_path / "input"
    shutil.copytree(SEEDS, d / "documents")
    (d / "pdf").mkdir()
    for i in range(3):
        for pdf in PDFS.glob("*.pdf"):
            shutil.copy(pdf, d / "pdf" / f"copy{i}-{pdf.name}")
    return d


def test_sigkill_mid_build_leaves_previous_store_complete_and_valid(seed_store_copy, bigger_input, tmp_path):
    before = quads(seed_store_copy)
    proc = subprocess.Popen(kg_cmd("build", str(bigger_input), "--store", str(seed_store_copy), "-q"),
                            cwd=tmp_path, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_writer(seed_store_copy, proc.pid, proc)
        time.sleep(0.5)
        assert proc.poll() is None, "the build ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert quads(seed_store_copy) == before
    valid = kg("validate", "--store", str(seed_store_copy), cwd=tmp_path)
    assert valid.returncode == 0, valid.stdout + valid.stderr
    # The dead writer's lock is released and its half-made copy cleaned up by the next build.
    again = kg("build", str(LETTER), "--store", str(seed_store_copy), "-q", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert quads(seed_store_copy) == before  # the letter was already there
    assert not list(seed_store_copy.glob("tmp-*")) and len(list(seed_store_copy.glob("data-*"))) == 1


def test_ctrl_c_mid_build_says_so_and_leaves_previous_store(seed_store_copy, bigger_input, tmp_path):
    before = nquads_by_graph(seed_store_copy)
    proc = subprocess.Popen(kg_cmd("build", str(bigger_input), "--store", str(seed_store_copy), "-q"),
                            cwd=tmp_path, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_writer(seed_store_copy, proc.pid, proc)
        time.sleep(0.5)
        os.kill(proc.pid, signal.SIGINT)
    finally:
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert "interrupted; the store is as it was before this command" in err
    assert nquads_by_graph(seed_store_copy) == before
    assert not list(seed_store_copy.glob("tmp-*")), "the staging copy is removed"


def test_second_build_at_once_is_refused(tmp_path):
    store = tmp_path / "store"
    first = subprocess.Popen(kg_cmd("build", str(SEEDS), "--store", str(store), "-q"), cwd=tmp_path,
                             env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_writer(store, first.pid, first)
        second = kg("build", str(LETTER), "--store", str(store), "-q", cwd=tmp_path)
    finally:
        _, first_err = first.communicate(timeout=180)
    one_line_error(second, "another build is writing this store", str(store))
    assert first.returncode == 0, first_err
    assert quads(store) > 0


def test_reloading_a_changed_document_replaces_exactly_its_graph(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    letter, minutes = docs / "letter.txt", docs / "minutes.txt"
    shutil.copy(LETTER, letter)
    shutil.copy(MINUTES, minutes)
    store = tmp_path / "store"
    assert kg("build", str(docs), "--store", str(store), "-q", cwd=tmp_path).returncode == 0
    before = nquads_by_graph(store)
    text = letter.read_text(encoding="utf-8")
    letter.chmod(0o644)
    letter.write_text(text.replace("This letter summarises", "This letter sets out"), encoding="utf-8")
    proc = kg("build", str(docs), "--store", str(store), "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    after = nquads_by_graph(store)
    gone, new = set(before) - set(after), set(after) - set(before)
    assert len(gone) == 1 and len(new) == 1, (gone, new)
    assert "/graph/document/" in gone.pop() and "This letter sets out" in "".join(after[new.pop()])
    # Every other document graph and the ontology are byte-identical (the linker's graph may be redone).
    for g in set(before) & set(after):
        if "/graph/document/" in g or g == ONTOLOGY_GRAPH:
            assert before[g] == after[g], g
    assert not any("This letter summarises" in ln for lines in after.values() for ln in lines)


def test_building_twice_changes_nothing(seed_store_copy, tmp_path):
    before = nquads_by_graph(seed_store_copy)
    proc = kg("build", str(SEEDS), "--store", str(seed_store_copy), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "unchanged" in proc.stderr
    assert nquads_by_graph(seed_store_copy) == before


def test_foreign_folder_refused_by_build_and_validate(tmp_path):
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "cat.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    one_line_error(kg("build", str(LETTER), "--store", str(foreign), cwd=tmp_path),
                   str(foreign), "not an Inspection KG store")
    one_line_error(kg("validate", "--store", str(foreign), cwd=tmp_path), str(foreign), "not an Inspection KG store")
    assert sorted(p.name for p in foreign.iterdir()) == ["cat.jpg"], "nothing written into a foreign folder"


def test_corrupt_store_refused_by_build_and_validate(seed_store_copy, tmp_path):
    live = (seed_store_copy / "current").resolve()
    for f in live.iterdir():
        if f.is_file():
            f.write_bytes(b"garbage")
    one_line_error(kg("build", str(LETTER), "--store", str(seed_store_copy), cwd=tmp_path),
                   str(seed_store_copy), "corrupt")
    one_line_error(kg("validate", "--store", str(seed_store_copy), cwd=tmp_path), str(seed_store_copy), "corrupt")


def test_unreadable_store_marker_refused(tmp_path):
    store = tmp_path / "store"
    store.mkdir()
    (store / "kg-store.json").write_text("{not json")
    one_line_error(kg("build", str(LETTER), "--store", str(store), cwd=tmp_path), str(store), "unreadable")
    one_line_error(kg("validate", "--store", str(store), cwd=tmp_path), str(store), "unreadable")


def test_validate_fails_on_broken_data_naming_node_and_constraint(tmp_path):
    import pyoxigraph

    from kg import store as kgstore

    store = tmp_path / "store"
    with kgstore.writing(store) as st:
        st.load(BROKEN.read_bytes(), format=pyoxigraph.RdfFormat.TRIG)
    proc = kg("validate", "--store", str(store), cwd=tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    out = proc.stdout
    assert proc.stderr == "kg: the graph breaks its shapes (ontology/shapes.ttl) in 2 places, listed above\n"
    assert out.splitlines()[0].split("\t") == ["node", "property", "problem", "shape"] and len(out.splitlines()) == 3
    assert "inspection/exampleshire/sif/2015-01" in out and "ikg:startDate" in out
    assert "overall-effectiveness" in out and "ikg:grade" in out


def test_validate_passes_on_the_seed_build(seed_store, tmp_path):
    proc = kg("validate", "--store", str(seed_store), cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stderr.startswith("The graph passed all ") and "checks of its shapes" in proc.stderr
