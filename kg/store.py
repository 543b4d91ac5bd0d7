"""The embedded on-disk store: Oxigraph (RocksDB) in a folder, ``.kg/`` by default.

Layout of the folder::

    .kg/kg-store.json   marker: this folder is ours, and its format version
    .kg/current         symlink to the live data folder (data-<n>)
    .kg/lock            held by the one writer at a time

A write never touches the live data: it copies it (RocksDB checkpoint: hard links, cheap), changes the
copy, then swaps the ``current`` link atomically. A build killed at any moment leaves the previous store
readable, complete and valid; readers never see half a build.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
from pathlib import Path

from kg.errors import StoreError

MARKER = "kg-store.json"
FORMAT = 1


def default_path() -> Path:
    return Path(os.environ.get("KG_STORE", ".kg"))


def _check_marker(path: Path) -> None:
    marker = path / MARKER
    if not marker.exists():
        raise StoreError(f"{path}: not an Inspection KG store (no {MARKER}); refusing to use it")
    try:
        meta = json.loads(marker.read_text())
    except (OSError, ValueError) as e:
        raise StoreError(f"{path}: store marker {MARKER} is unreadable ({e})") from None
    if meta.get("format") != FORMAT:
        raise StoreError(f"{path}: store format {meta.get('format')!r} is not {FORMAT}; rebuild it")


def exists(path: Path) -> bool:
    return (path / MARKER).exists() and (path / "current").exists()


def live_folder(path: Path) -> Path | None:
    """The data folder the store's ``current`` link points at now: every build makes a new one."""
    return (path / "current").resolve() if exists(path) else None


def open_read(path: Path | None = None):
    """Open the live store read-only (several readers may do so while a build runs)."""
    import pyoxigraph

    path = path or default_path()
    if not path.exists():
        raise StoreError(f"{path}: no store here; run `kg build` first (or pass --store)")
    _check_marker(path)
    live = path / "current"
    if not live.exists():
        raise StoreError(f"{path}: store has no data yet; run `kg build`")
    try:
        return pyoxigraph.Store.read_only(str(live.resolve()))
    except Exception as e:  # pyoxigraph raises OSError or RuntimeError ("Corruption: ...")
        raise StoreError(f"{path}: store is corrupt or unreadable ({_first_line(e)})") from None


def _first_line(e: Exception) -> str:
    return str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__


@contextlib.contextmanager
def lock(path: Path):
    """The single-writer lock: a second build refuses at once with a clear message."""
    path.mkdir(parents=True, exist_ok=True)
    fd = os.open(path / "lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip()
            raise StoreError(
                f"{path}: another build is writing this store (pid {holder or '?'}); try again when it ends"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)


@contextlib.contextmanager
def writing(path: Path | None = None):
    """Yield a writable copy of the store; on success it becomes the live store atomically."""
    import pyoxigraph

    path = path or default_path()
    if path.exists() and any(path.iterdir()) and not (path / MARKER).exists() and not (path / "lock").exists():
        raise StoreError(f"{path}: folder exists and is not an Inspection KG store; refusing to write into it")
    with lock(path):
        if (path / MARKER).exists():
            _check_marker(path)
        else:
            (path / MARKER).write_text(json.dumps({"format": FORMAT, "kind": "inspection-kg"}) + "\n")
        _remove_stale(path)
        stamp = time.time_ns()
        staging, final = path / f"tmp-{stamp}", path / f"data-{stamp}"
        live = path / "current"
        if live.exists():
            try:
                pyoxigraph.Store.read_only(str(live.resolve())).backup(str(staging))
            except Exception as e:  # pyoxigraph raises OSError or RuntimeError on a damaged store
                raise StoreError(f"{path}: cannot copy the live store ({_first_line(e)})") from None
        store = pyoxigraph.Store(str(staging))
        try:
            yield store
            store.flush()
            # A checkpoint of the staging copy is consistent even while the caller still holds the
            # store open (pyoxigraph has no close()): that checkpoint becomes the live data.
            store.backup(str(final))
        except BaseException:
            shutil.rmtree(final, ignore_errors=True)
            shutil.rmtree(staging, ignore_errors=True)
            raise
        finally:
            del store
        old = live.resolve() if live.exists() else None
        tmp_link = path / "current.tmp"
        if tmp_link.is_symlink() or tmp_link.exists():
            tmp_link.unlink()
        tmp_link.symlink_to(final.name)
        os.replace(tmp_link, live)  # the atomic swap
        _fsync_dir(path)
        shutil.rmtree(staging, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_stale(path: Path) -> None:
    """Remove data folders left by a killed build (never the live one)."""
    live = (path / "current").resolve() if (path / "current").exists() else None
    for d in [*path.glob("data-*"), *path.glob("tmp-*")]:
        if d.resolve() != live:
            shutil.rmtree(d, ignore_errors=True)


def replace_graph(store, graph_iri: str, ntriples: str) -> None:
    """Drop a named graph and load new N-Triples into it (within the staging copy)."""
    import pyoxigraph

    g = pyoxigraph.NamedNode(graph_iri)
    if store.contains_named_graph(g):
        store.remove_graph(g)
    if ntriples:
        store.load(ntriples.encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES, to_graph=g)


def drop_graph(store, graph_iri: str) -> None:
    import pyoxigraph

    g = pyoxigraph.NamedNode(graph_iri)
    if store.contains_named_graph(g):
        store.remove_graph(g)


def quad_count(store) -> int:
    return len(store)


def as_rdflib(store):
    """An rdflib Dataset over the Oxigraph store (oxrdflib), for tools that speak rdflib (pySHACL)."""
    from oxrdflib import OxigraphStore
    from rdflib import Dataset

    return Dataset(store=OxigraphStore(store=store))
