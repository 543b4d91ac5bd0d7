"""Hostile and careless use of the store and the build (issue 18): folders that are not stores, killed
parallel builds, damaged data, full and read-only disks, unreadable inputs, bad output paths. Each case
runs the real command and checks one line, a non-zero exit, and that nothing of the user's is lost."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_cli_build import LETTER, MINUTES, SEEDS, env, kg, kg_cmd, one_line_error, quads

ROOT = Path(__file__).resolve().parents[1]
STATUS = ["status", "--authority", "barnsley", "--year", "2012", "--about", "access to records"]


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every path under ``folder`` with its bytes (None for a folder)."""
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None) for p in folder.rglob("*")}


# ------------------------------------------------------------------------------------------ item 1


def test_a_folder_holding_a_file_named_lock_is_not_a_store_and_loses_nothing(tmp_path):
    folder = tmp_path / "mine"
    (folder / "data-2023-reports").mkdir(parents=True)
    (folder / "data-2023-reports" / "q1.txt").write_text("my report")
    (folder / "tmp-drafts").mkdir()
    (folder / "tmp-drafts" / "d.txt").write_text("draft")
    (folder / "lock").write_text("my own lock file")
    before = tree(folder)
    one_line_error(kg("build", str(LETTER), "--store", str(folder), cwd=tmp_path), str(folder),
                   "not an Inspection KG store")
    assert tree(folder) == before


def test_a_users_folders_inside_a_real_store_are_never_removed(seed_store_copy, tmp_path):
    store = seed_store_copy
    (store / "data-2023-reports").mkdir()
    (store / "data-2023-reports" / "q1.txt").write_text("my report")
    (store / "tmp-notes").mkdir()
    for _ in range(2):  # the second build cleans up after the first
        proc = kg("build", str(SEEDS), str(MINUTES), "--store", str(store), "-q", cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
    assert (store / "data-2023-reports" / "q1.txt").read_text() == "my report"
    assert (store / "tmp-notes").is_dir()
    assert [p.name for p in store.glob("data-*") if p.name != "data-2023-reports"] == \
        [(store / "current").resolve().name], "the store's own old folders are gone"


def test_a_marker_of_another_kind_or_not_an_object_is_refused(tmp_path):
    for text in ('{"format": 1}', '[1, 2]', '"inspection-kg"'):
        store = tmp_path / "s"
        shutil.rmtree(store, ignore_errors=True)
        store.mkdir()
        (store / "kg-store.json").write_text(text)
        one_line_error(kg("build", str(LETTER), "--store", str(store), cwd=tmp_path), str(store),
                       "not an Inspection KG store marker")
        one_line_error(kg(*STATUS, "--store", str(store), cwd=tmp_path), str(store), "not an Inspection KG")
        assert sorted(p.name for p in store.iterdir()) == ["kg-store.json"]


def test_a_newer_store_format_gives_advice_that_works(seed_store_copy, tmp_path):
    marker = seed_store_copy / "kg-store.json"
    marker.write_text(json.dumps({"format": 99, "kind": "inspection-kg"}))
    for cmd in (["build", str(LETTER)], ["validate"]):
        proc = kg(*cmd, "--store", str(seed_store_copy), cwd=tmp_path)
        one_line_error(proc, str(seed_store_copy), "newer version of Inspection KG", "new --store")
        assert "rebuild" not in proc.stderr
    fresh = tmp_path / "fresh"
    assert kg("build", str(LETTER), "--store", str(fresh), "-q", cwd=tmp_path).returncode == 0


# ------------------------------------------------------------------------------------------ item 2


def children(pid: int) -> set[int]:
    """The live processes whose parent is ``pid`` (from /proc)."""
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and fields[0] != "Z":
                out.add(int(stat.parent.name))
    return out


def alive(pid: int) -> bool:
    with contextlib.suppress(OSError):
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    return False


@pytest.fixture(scope="module")
def generated_corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("generated") / "corpus"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), "--authorities", "40",
                    "--docs-per-authority", "6", "--seed", "1", "--out", str(out)], check=True, timeout=120,
                   capture_output=True)
    return out


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the workers")
def test_kill_9_of_a_parallel_build_takes_its_workers_and_the_lock_with_it(generated_corpus, tmp_path):
    store = tmp_path / "store"
    proc = subprocess.Popen(kg_cmd("build", str(generated_corpus), "--store", str(store), "--jobs", "2", "-q"),
                            cwd=tmp_path, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    workers: set[int] = set()
    try:
        end = time.monotonic() + 120
        while not (len(workers) == 2 and (store / "lock").exists()
                   and (store / "lock").read_text().strip() == str(proc.pid)):
            assert proc.poll() is None and time.monotonic() < end, "the build never started its workers"
            workers = children(proc.pid)
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)  # the parent only
        proc.wait(timeout=30)
        end = time.monotonic() + 30
        while any(alive(w) for w in workers) and time.monotonic() < end:
            time.sleep(0.1)
        survivors = [w for w in workers if alive(w)]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    assert not survivors, f"workers {survivors} outlived their killed build"
    again = kg("build", str(LETTER), "--store", str(store), "-q", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert quads(store) > 0


# ------------------------------------------------------------------------------------------ item 9


def flip_bytes(f: Path, at: int, n: int = 16) -> None:
    data = bytearray(f.read_bytes())
    for i in range(at, at + n):
        data[i] ^= 0xFF
    f.write_bytes(bytes(data))


def largest_table(store: Path) -> Path:
    return max((store / "current").resolve().glob("*.sst"), key=lambda f: f.stat().st_size)


def test_flipped_bytes_in_a_data_file_are_noticed_by_every_command(seed_store_copy, tmp_path):
    table = largest_table(seed_store_copy)
    flip_bytes(table, table.stat().st_size // 2)
    for cmd in (["validate"], STATUS, ["query", "-e", "SELECT * WHERE { ?s ?p ?o }"], ["build", str(LETTER)]):
        one_line_error(kg(*cmd, "--store", str(seed_store_copy), cwd=tmp_path), str(seed_store_copy), "corrupt",
                       table.name)


def test_damage_that_left_the_file_times_alone_is_found_by_validate(seed_store_copy, tmp_path):
    table = largest_table(seed_store_copy)
    times = table.stat()
    flip_bytes(table, table.stat().st_size * 9 // 10)
    os.utime(table, ns=(times.st_atime_ns, times.st_mtime_ns))  # as a failing disk would: no write seen
    one_line_error(kg("validate", "--store", str(seed_store_copy), cwd=tmp_path), "corrupt", table.name,
                   "does not match its checksum")


def test_a_truncated_data_file_is_noticed_by_every_reading_command(seed_store_copy, tmp_path):
    table = largest_table(seed_store_copy)
    table.write_bytes(table.read_bytes()[:1000])
    for cmd in (STATUS, ["query", "-e", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"], ["build", str(LETTER)]):
        one_line_error(kg(*cmd, "--store", str(seed_store_copy), cwd=tmp_path), "corrupt", table.name)


def test_a_good_store_passes_the_checks_after_reads_and_rebuilds(seed_store_copy, tmp_path):
    from kg import store as kgstore

    assert kg(*STATUS, "--store", str(seed_store_copy), cwd=tmp_path).returncode == 0
    assert kg("build", str(MINUTES), str(LETTER), "--store", str(seed_store_copy), "-q", "-j", "2",
              cwd=tmp_path).returncode == 0
    assert len(kgstore.open_verified(seed_store_copy)) > 0


# ------------------------------------------------------------------------------------------ items 10, 11


@pytest.fixture()
def tmpfs(tmp_path):
    """A small file system of its own (a tmpfs), mounted at tmp_path/mnt; skipped where it cannot be."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if shutil.which("mount") is None or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)],
                                                       capture_output=True, check=False).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def remount(mnt: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(mnt)], check=True)


def test_a_full_disk_on_the_first_build_is_one_line_and_the_next_build_works(tmpfs, tmp_path):
    store = tmpfs / "store"
    proc = kg("build", str(SEEDS), "--store", str(store), "-q", cwd=tmp_path)
    one_line_error(proc, str(store), "No space left on device")
    marker = store / "kg-store.json"
    assert not marker.exists() or json.loads(marker.read_text())["kind"] == "inspection-kg", \
        "never an empty or half-written marker"
    remount(tmpfs, "size=64m")
    again = kg("build", str(SEEDS), "--store", str(store), "-q", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert quads(store) > 0
    assert sorted(p.name for p in store.iterdir() if p.name.startswith(("tmp-", "data-"))) == \
        [(store / "current").resolve().name], "the failed build's folders are removed"


def test_the_marker_is_never_left_empty_when_the_disk_is_full(tmpfs, tmp_path):
    filler = tmpfs / "filler"
    with contextlib.suppress(OSError), filler.open("wb") as f:
        f.write(b"\0" * (2 << 20))
    store = tmpfs / "store"
    one_line_error(kg("build", str(LETTER), "--store", str(store), cwd=tmp_path), "No space left on device")
    assert not (store / "kg-store.json").exists() or (store / "kg-store.json").stat().st_size > 0
    filler.unlink()
    remount(tmpfs, "size=64m")
    assert kg("build", str(LETTER), "--store", str(store), "-q", cwd=tmp_path).returncode == 0


def test_a_read_only_store_folder_is_one_line(tmpfs, seed_store, tmp_path):
    remount(tmpfs, "size=64m")
    store = tmpfs / "store"
    shutil.copytree(seed_store, store, symlinks=True)
    before = quads(store)
    remount(tmpfs, "ro")
    one_line_error(kg("build", str(MINUTES), "--store", str(store), cwd=tmp_path), str(store), "Read-only file system")
    assert quads(store) == before


def test_store_naming_a_file_is_one_line(tmp_path):
    f = tmp_path / "notes.txt"
    f.write_text("mine")
    for cmd in (["build", str(LETTER)], ["validate"], STATUS, ["export"]):
        one_line_error(kg(*cmd, "--store", str(f), cwd=tmp_path), str(f), "is a file, not a store folder")
    assert f.read_text() == "mine"


@pytest.fixture()
def bound_by_permissions(tmp_path):
    """A prefix for a command line that makes permissions bind: root reads a file of mode 000, unless its
    process lacks the capabilities to override them (setpriv). Restores the modes afterwards."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: a mode-000 file is readable")
        prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]
    yield prefix
    for p in tmp_path.rglob("*"):
        with contextlib.suppress(OSError):
            p.chmod(0o755 if p.is_dir() else 0o644)


def run_with(prefix: list[str], *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*prefix, *kg_cmd(*args)], cwd=cwd, capture_output=True, text=True, timeout=180,
                          env=env(), check=False)


def test_an_unreadable_file_fails_alone_and_the_good_ones_are_loaded(bound_by_permissions, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(LETTER, docs / "letter.txt")
    shutil.copy(MINUTES, docs / "secret.txt")
    (docs / "secret.txt").chmod(0)
    store = tmp_path / "store"
    proc = run_with(bound_by_permissions, "build", str(docs), "--store", str(store), "-q", cwd=tmp_path)
    one_line_error(proc, str(docs / "secret.txt"), "cannot read", "Permission denied")
    assert quads(store) > 0
    from kg import store as kgstore
    from kg.pipeline import stored_documents

    assert [f for f, _, _ in stored_documents(kgstore.open_read(store)).values()] == ["letter.txt"]


def test_an_unreadable_subfolder_is_named_and_the_rest_is_loaded(bound_by_permissions, tmp_path):
    docs = tmp_path / "docs"
    (docs / "closed").mkdir(parents=True)
    shutil.copy(LETTER, docs / "letter.txt")
    shutil.copy(MINUTES, docs / "closed" / "minutes.txt")
    (docs / "closed").chmod(0)
    store = tmp_path / "store"
    proc = run_with(bound_by_permissions, "build", str(docs), "--store", str(store), "-q", cwd=tmp_path)
    one_line_error(proc, str(docs / "closed"), "cannot read this folder")
    assert quads(store) > 0


def test_an_empty_input_is_one_line_and_makes_no_store(tmp_path):
    empty = tmp_path / "empty"
    (empty / "sub").mkdir(parents=True)
    (empty / "notes.docx").write_bytes(b"PK")
    store = tmp_path / "store"
    one_line_error(kg("build", str(empty), "--store", str(store), cwd=tmp_path), str(empty), "no documents")
    assert not store.exists()


@pytest.mark.parametrize("cmd", [["export", "--format", "trig"], ["viz"]], ids=["export", "viz"])
def test_an_output_into_a_missing_folder_or_onto_a_folder_is_one_line(cmd, seed_store, tmp_path):
    missing = tmp_path / "no" / "such" / "out.html"
    one_line_error(kg(*cmd, "--out", str(missing), "--store", str(seed_store), cwd=tmp_path),
                   str(missing.parent), "no such folder")
    assert not (tmp_path / "no").exists()
    folder = tmp_path / "folder"
    folder.mkdir()
    one_line_error(kg(*cmd, "--out", str(folder), "--store", str(seed_store), cwd=tmp_path),
                   str(folder), "is a folder")
    assert list(folder.iterdir()) == []
