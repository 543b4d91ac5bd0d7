"""benchmarks/run.py's floor: the build against pypdfium2 alone, in wall time and in CPU time."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import run as bench  # noqa: E402  (benchmarks/ is not a package)


def test_floor_rows_give_the_ratio_in_wall_and_cpu_time():
    pdfs = sorted((ROOT / "examples" / "pdf").glob("*.pdf")) * 20  # enough reading to show in 0.1 s steps
    build = bench.Run(seconds=3.0, code=0, stdout="", stderr="", peak_mb=100.0, cpu=5.0)
    floor, ratio = bench.floor_rows(pdfs, 2, build)
    pages, cpu = re.search(r"^(\d+) pages, .* CPU (\d+\.\d) s", floor.detail).groups()
    assert int(pages) >= len(pdfs)
    assert float(cpu) > 0, "the CPU of the pool's processes, reaped before it is read"
    assert re.search(r"^build 3\.0 s / floor \d+\.\d s = ×\d+\.\d\d; CPU: build 5\.0 s / floor \d+\.\d s = ×", ratio.detail)
