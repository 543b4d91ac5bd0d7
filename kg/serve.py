"""A read-only SPARQL 1.1 Protocol endpoint over the store, served by Oxigraph's own server.

``oxigraph serve-read-only`` answers ``/query`` (GET and POST, content negotiation) and refuses
updates. It serves a private checkpoint of the live data (hard links, cheap), because a later
``kg build`` swaps in new data and deletes the old folder: the endpoint keeps answering from the
snapshot it started with until it is restarted.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from kg.errors import StoreError, UsageError


def oxigraph_binary() -> str:
    """The ``oxigraph`` server installed with the package (beside this Python), else on PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    found = str(here) if here.exists() else shutil.which("oxigraph")
    if not found:
        raise UsageError("serve: the `oxigraph` server is not installed (pip install oxigraph)")
    return found


def snapshot(store_path: Path) -> Path:
    """A checkpoint of the live data inside the store folder (same file system, so hard links)."""
    from kg import store as kgstore

    st = kgstore.open_read(store_path)
    dest = store_path / f"serve-{os.getpid()}-{time.time_ns()}"
    try:
        st.backup(str(dest))
    except OSError as e:
        raise StoreError(f"{store_path}: cannot snapshot the store for serving ({e})") from None
    return dest


def command(location: Path, host: str, port: int, timeout: float | None) -> list[str]:
    """The oxigraph command line: read-only, union default graph, optional query timeout."""
    cmd = [oxigraph_binary(), "serve-read-only", "--location", str(location),
           "--bind", f"{host}:{port}", "--union-default-graph"]
    if timeout:
        cmd += ["--timeout-s", str(max(1, round(timeout)))]
    return cmd


def query_url(host: str, port: int) -> str:
    return f"http://{'[' + host + ']' if ':' in host else host}:{port}/query"


def serve(store_path: Path, host: str = "127.0.0.1", port: int = 7878, timeout: float | None = 30,
          announce=None) -> int:
    """Serve until interrupted or terminated; returns the server's exit code."""
    snap = snapshot(store_path)
    proc = None
    try:
        proc = subprocess.Popen(command(snap, host, port, timeout))
        if announce:
            announce(query_url(host, port))
        previous = signal.signal(signal.SIGTERM, lambda *_: proc.terminate())
        try:
            return proc.wait()
        finally:
            signal.signal(signal.SIGTERM, previous)
    except KeyboardInterrupt:
        return 0
    finally:
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(snap, ignore_errors=True)
