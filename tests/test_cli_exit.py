"""The `kg` entry point leaves with os._exit after a command (no interpreter teardown): its output must
still arrive whole and its exit code stay the command's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def kg(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**{k: v for k, v in os.environ.items() if k != "KG_STORE"}, "COLUMNS": "300"}
    return subprocess.run([sys.executable, "-c", "from kg.cli.main import main; main()", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120, env=env, check=False)


def test_output_is_whole_and_success_exits_0(tmp_path):
    r = kg("queries", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    names = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))
    assert all(name in r.stdout for name in names)  # the last lines too: flushed before leaving


def test_failures_keep_their_exit_codes(tmp_path):
    missing = kg("build", str(tmp_path / "nothing-here"), "--store", str(tmp_path / "s"), cwd=tmp_path)
    assert missing.returncode == 1
    assert "nothing-here" in missing.stderr and missing.stderr.count("\n") == 1
    usage = kg("no-such-command", cwd=tmp_path)
    assert usage.returncode == 2
    assert "No such command" in usage.stderr
