"""Drive a real headless Chromium over a page, with every non-file request blocked.

The page under test writes a JSON report into ``<pre id="kg-test-report">`` once it has drawn
(kg/viz/assets/page.js): what a person sees at first paint, measured by the browser; ``--dump-dom``
exposes it. A Chromium net log records every request the page tried,
so a test can assert that nothing left the machine.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest

BLOCK_NETWORK = ["--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9"]
QUIET = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--mute-audio"]
REPORT = re.compile(r'<pre id="kg-test-report"[^>]*>(.*?)</pre>', re.DOTALL)


def chromium() -> str:
    """The Chromium binary; a missing one fails under CI=true and skips elsewhere."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI") == "true":
        pytest.fail("chromium is not installed; CI must install it (apt-get install -y chromium)")
    pytest.skip("chromium is not installed (apt-get install -y chromium)")


@dataclass
class PageRun:
    report: dict
    dom: str
    requests: list[str]  # every URL Chromium tried to fetch, from its net log


def _run(args: list[str], tmp: Path) -> subprocess.CompletedProcess:
    proc = subprocess.run(args, check=False, capture_output=True, text=True, timeout=180, cwd=tmp)
    if proc.returncode != 0:
        raise AssertionError(f"chromium exited {proc.returncode}: {proc.stderr[-2000:]}")
    return proc


SIZE = (1600, 1000)  # the window a person reading a report on a laptop or a desk screen has


def load(page: Path, tmp: Path, hash_: str = "") -> PageRun:
    """Open the page offline, let it run (virtual time), return its test report and requests."""
    tmp.mkdir(parents=True, exist_ok=True)
    netlog = tmp / "netlog.json"
    args = [chromium(), *QUIET, *BLOCK_NETWORK, f"--user-data-dir={tmp / 'profile'}",
            f"--log-net-log={netlog}", "--virtual-time-budget=10000", f"--window-size={SIZE[0]},{SIZE[1]}",
            "--dump-dom", page.resolve().as_uri() + hash_]
    proc = _run(args, tmp)
    found = REPORT.search(proc.stdout)
    if not found or not found.group(1).strip():
        raise AssertionError(f"the page wrote no test report; chromium said: {proc.stderr[-2000:]}")
    return PageRun(json.loads(unescape(found.group(1))), proc.stdout, requested_urls(netlog))


def requested_urls(netlog: Path) -> list[str]:
    if not netlog.exists():
        return []
    text = netlog.read_text(errors="replace")
    return sorted(set(re.findall(r'"url":\s*"([^"]+)"', text)))


def screenshot(page: Path, out: Path, tmp: Path, hash_: str = "") -> Path:
    """A PNG of the page as a person first sees it in a SIZE window."""
    out.parent.mkdir(parents=True, exist_ok=True)
    args = [chromium(), *QUIET, *BLOCK_NETWORK, f"--user-data-dir={tmp / 'profile-shot'}",
            "--virtual-time-budget=10000", f"--window-size={SIZE[0]},{SIZE[1]}", "--hide-scrollbars",
            f"--screenshot={out}", page.resolve().as_uri() + hash_]
    _run(args, tmp)
    if not out.exists() or out.stat().st_size == 0:
        raise AssertionError(f"chromium wrote no screenshot at {out}")
    return out
