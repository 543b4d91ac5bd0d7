"""The embedded store: atomic builds, one writer at a time, clear errors for foreign folders."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from kg import store as kgstore
from kg.errors import StoreError

G = "https://w3id.org/inspection-kg/id/graph/test"


def nt(n: int) -> str:
    return "".join(f"<http://example.org/s{i}> <http://example.org/p> \"{i}\" .\n" for i in range(n))


def count(path) -> int:
    return len(kgstore.open_read(path))


def test_write_then_read(tmp_path):
    path = tmp_path / "kg"
    with kgstore.writing(path) as st:
        kgstore.replace_graph(st, G, nt(3))
    assert count(path) == 3
    with kgstore.writing(path) as st:
        kgstore.replace_graph(st, G, nt(5))  # a reload replaces exactly that graph
    assert count(path) == 5
    assert len(list(path.glob("data-*"))) == 1, "the old data folder is removed after the swap"


def test_failed_write_leaves_previous_store(tmp_path):
    path = tmp_path / "kg"
    with kgstore.writing(path) as st:
        kgstore.replace_graph(st, G, nt(3))
    with pytest.raises(RuntimeError), kgstore.writing(path) as st:
        kgstore.replace_graph(st, G, nt(10))
        raise RuntimeError("boom")
    assert count(path) == 3


def test_sigkill_mid_build_leaves_previous_store_readable(tmp_path):
    path = tmp_path / "kg"
    with kgstore.writing(path) as st:
        kgstore.replace_graph(st, G, nt(4))
    script = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from kg import store as kgstore
        with kgstore.writing(Path({str(path)!r})) as st:
            kgstore.replace_graph(st, {G!r}, {nt(50)!r})
            st.flush()
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert proc.returncode == -signal.SIGKILL
    assert count(path) == 4
    with kgstore.writing(path) as st:  # the next build cleans up and works
        kgstore.replace_graph(st, G, nt(6))
    assert count(path) == 6
    assert len(list(path.glob("data-*"))) == 1


def test_second_writer_refused_clearly(tmp_path):
    path = tmp_path / "kg"
    with kgstore.lock(path), pytest.raises(StoreError, match="another build is writing this store"):
        with kgstore.writing(path):
            pass


def test_foreign_folder_refused(tmp_path):
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "cat.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(StoreError, match="not an Inspection KG store"), kgstore.writing(foreign):
        pass
    with pytest.raises(StoreError, match="not an Inspection KG store"):
        kgstore.open_read(foreign)


def test_missing_store_says_to_build(tmp_path):
    with pytest.raises(StoreError, match="run `kg build` first"):
        kgstore.open_read(tmp_path / "nothing")


def test_corrupt_store_gives_clear_error(tmp_path):
    path = tmp_path / "kg"
    with kgstore.writing(path) as st:
        kgstore.replace_graph(st, G, nt(2))
    live = (path / "current").resolve()
    for f in live.iterdir():
        if f.is_file():
            f.write_bytes(b"garbage")
    with pytest.raises(StoreError, match="store is corrupt"):
        count(path)


def test_bad_marker(tmp_path):
    path = tmp_path / "kg"
    path.mkdir()
    (path / kgstore.MARKER).write_text("{not json")
    with pytest.raises(StoreError, match="unreadable"):
        kgstore.open_read(path)
    os.remove(path / kgstore.MARKER)
