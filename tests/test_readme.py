"""The README tells the truth: every command of its tour runs on the bundled examples, and its two
quick-start commands are the ones the Makefile and CI run."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys

from conftest import ROOT

README = (ROOT / "README.md").read_text()


def tour_commands() -> list[list[str]]:
    block = README.split("## A short tour", 1)[1].split("```", 2)[1]
    cmds = []
    for line in block.splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith(".venv/bin/kg "):
            cmds.append(shlex.split(line)[1:])
    return cmds


def test_quick_start_commands_are_what_ci_runs():
    quick = README.split("## Quick start", 1)[1].split("```", 2)[1]
    assert re.search(r"^make demo\b", quick, re.M) and re.search(r"^make test\b", quick, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert "kg demo" in makefile and "-m pytest" in makefile


def test_every_tour_command_runs(tmp_path):
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    env = {**os.environ, "KG_STORE": str(tmp_path / ".kg")}
    cmds = tour_commands()
    assert len(cmds) >= 10 and cmds[0][0] == "build"
    for args in cmds:
        if args[0] == "serve":
            continue  # a server runs until stopped: tests/test_serve.py starts and stops it
        proc = subprocess.run([sys.executable, "-m", "kg.cli.main", *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=300, check=False)
        assert proc.returncode == 0, f"kg {' '.join(args)}\n{proc.stderr}"
        assert "Traceback" not in proc.stderr
    assert (tmp_path / "barnsley.html").exists() and (tmp_path / "barnsley.png").exists()
    assert (tmp_path / "dataset.trig").stat().st_size > 0


def test_demo_answers_the_barnsley_question(tmp_path):
    """`make demo` runs `kg demo`: it builds the examples, says in plain words that the 2012 ask is not
    closed, with the 2014 evidence, and writes the graph."""
    proc = subprocess.run([sys.executable, "-m", "kg.cli.main", "demo", "--store", str(tmp_path / ".kg"),
                           "--out", str(tmp_path / "demo.html")], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Not closed")
    assert "paragraph 103" in proc.stdout and "paragraph 123" in proc.stdout
    assert "(number 22)" in proc.stdout
    assert (tmp_path / "demo.html").stat().st_size > 0
