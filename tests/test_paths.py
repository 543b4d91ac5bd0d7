"""No path of the building machine in what the tool publishes: ikg:sourceFile is the path relative to the
folder given to `kg build`, so the same documents built from two folders, from two working directories,
give the same dataset, and neither folder appears in the export, the JSON answers or the HTML."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def kg(*args: str, cwd: Path) -> str:
    env = {**os.environ, "COLUMNS": "200"}
    env.pop("KG_STORE", None)
    proc = subprocess.run([sys.executable, "-m", "kg.cli.main", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600, env=env, check=False)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def build_copy(place: Path, cwd: Path) -> Path:
    """Copy the examples to ``place``, build them from ``cwd`` naming the folder by its absolute path."""
    docs = place / "deep" / "documents"
    shutil.copytree(ROOT / "examples" / "documents", docs)
    cwd.mkdir(parents=True, exist_ok=True)
    store = place / "store"
    kg("build", str(docs.resolve()), "--store", str(store), "-q", cwd=cwd)
    return store


def published(store: Path, cwd: Path) -> dict[str, str]:
    """What the tool gives to others, by what it is."""
    html = cwd / "graph.html"
    kg("viz", "--store", str(store), "-o", str(html), cwd=cwd)
    return {
        "export": kg("export", "--format", "nquads", "--store", str(store), cwd=cwd),
        "status": kg("status", "-a", "Barnsley", "-y", "2012", "--format", "json", "--store", str(store), cwd=cwd),
        "recommendations": kg("recommendations", "--format", "json", "--store", str(store), cwd=cwd),
        "viz": html.read_text(encoding="utf-8"),
    }


def test_the_same_documents_built_from_two_folders_give_the_same_dataset(tmp_path):
    first = build_copy(tmp_path / "first", cwd=tmp_path / "first")
    second = build_copy(tmp_path / "elsewhere" / "second", cwd=tmp_path / "a" / "working" / "folder")
    one, two = published(first, tmp_path / "first"), published(second, tmp_path / "a")
    assert sorted(one["export"].splitlines()) == sorted(two["export"].splitlines())
    assert '#sourceFile> "000_f56d5fcf9e60df36.txt"' in one["export"]
    machine = [str(tmp_path), str(tmp_path.resolve()), str(Path.home()), str(ROOT)]
    for outputs in (one, two):
        for what, text in outputs.items():
            assert not [p for p in machine if p in text], f"{what} names a folder of the building machine"
