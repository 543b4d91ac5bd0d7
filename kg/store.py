"""The embedded on-disk store: Oxigraph (RocksDB) in a folder, ``.kg/`` by default.

Layout of the folder::

    .kg/kg-store.json   marker: this folder is ours (its kind), its format version, and the work folders
                        a build has made and not yet removed
    .kg/current         symlink to the live data folder (data-<n>)
    .kg/data-<n>/kg-checksums.json   the size, modification time and SHA-256 of each of its files
    .kg/lock            held by the one writer at a time

A folder is a store only by its marker (a JSON object of our kind), never by the names of other files in
it. A write never touches the live data: it copies it (RocksDB checkpoint: hard links, cheap), changes the
copy, then swaps the ``current`` link atomically. A build killed at any moment leaves the previous store
readable, complete and valid; readers never see half a build. The folders a build makes are named in the
marker before they are made, and only folders named there are ever removed: nothing a user put in the
folder is deleted.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import time
from pathlib import Path
from typing import NamedTuple

from kg.errors import StoreError

MARKER = "kg-store.json"
KIND = "inspection-kg"
FORMAT = 1
CHECKSUMS = "kg-checksums.json"
# The names of the work folders a build makes (see writing()); a name in the marker that is not one of
# these is never removed.
WORK_NAME = re.compile(r"(data|tmp)-\d+(-link)?")
# File descriptors of the write locks this process holds: a forked worker closes its copies (see
# forget_locks), or the lock would outlive a killed build for as long as its workers live.
_LOCK_FDS: set[int] = set()


def default_path() -> Path:
    return Path(os.environ.get("KG_STORE", ".kg"))


def read_marker(path: Path) -> dict:
    """The store's marker; StoreError unless ``path`` is a store of this kind and format."""
    marker = path / MARKER
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: is a file, not a store folder")
    if not marker.exists():
        raise StoreError(f"{path}: not an Inspection KG store (no {MARKER}); refusing to use it")
    try:
        meta = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise StoreError(f"{path}: store marker {MARKER} is unreadable ({_reason(e)})") from None
    if not isinstance(meta, dict) or meta.get("kind") != KIND:
        raise StoreError(f"{path}: {MARKER} is not an Inspection KG store marker; refusing to use it")
    fmt = meta.get("format")
    if fmt != FORMAT:
        newer = isinstance(fmt, int) and fmt > FORMAT
        raise StoreError(f"{path}: store format {fmt!r} was made by "
                         f"{'a newer' if newer else 'another'} version of Inspection KG (this one reads "
                         f"format {FORMAT}); use that version, or build into a new --store")
    return meta


def _reason(e: Exception) -> str:
    return e.strerror if isinstance(e, OSError) and e.strerror else _first_line(e)


def exists(path: Path) -> bool:
    return (path / MARKER).exists() and (path / "current").exists()


def live_folder(path: Path) -> Path | None:
    """The data folder the store's ``current`` link points at now: every build makes a new one."""
    return (path / "current").resolve() if exists(path) else None


def open_read(path: Path | None = None):
    """Open the live store read-only (several readers may do so while a build runs).

    The data files are checked against what was recorded when they were written (check_files: cheap);
    open_verified reads every byte."""
    return _open_live(path or default_path(), deep=False)


def open_verified(path: Path | None = None):
    """open_read, after checking every data file's SHA-256 against the one recorded when it was written."""
    return _open_live(path or default_path(), deep=True)


def _open_live(path: Path, deep: bool):
    import pyoxigraph

    if not path.exists():
        raise StoreError(f"{path}: no store here; run `kg build` first (or pass --store)")
    read_marker(path)
    live = path / "current"
    if not live.exists():
        raise StoreError(f"{path}: store has no data yet; run `kg build`")
    check_files(path, live.resolve(), deep)
    try:
        return pyoxigraph.Store.read_only(str(live.resolve()))
    except Exception as e:  # pyoxigraph raises OSError or RuntimeError ("Corruption: ...")
        raise StoreError(f"{path}: store is corrupt or unreadable ({_first_line(e)})") from None


def _first_line(e: Exception) -> str:
    return str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__


# ------------------------------------------------------------------------------------------ integrity


def check_files(path: Path, data: Path, deep: bool) -> None:
    """StoreError naming the first data file that is missing or differs from what was recorded when the
    build wrote it. Oxigraph reads a damaged file without a word, or runs out of memory on it, so the
    store checks its files itself: a file whose size or modification time changed since is read and its
    SHA-256 compared (cheap: a stat per file, and a file written to since is caught); ``deep`` compares
    every file's SHA-256, which also finds damage that left the times alone. A data folder written before
    checksums were kept has nothing to compare with, and passes."""
    for name, want in sorted((_recorded(path, data) or {}).items()):
        f = data / name
        try:
            st = f.stat()
        except OSError:
            problem = "is missing"
        else:
            problem = (f"is {st.st_size} bytes, not {want.size}" if st.st_size != want.size else
                       "does not match its checksum" if (deep or st.st_mtime_ns != want.mtime_ns)
                       and sha256_of(f) != want.sha256 else "")
        if problem:
            raise StoreError(f"{path}: store is corrupt: data file {name} {problem}; {RESTORE}")


class Recorded(NamedTuple):
    size: int
    mtime_ns: int
    sha256: str


def _recorded(path: Path, data: Path) -> dict[str, Recorded] | None:
    f = data / CHECKSUMS
    if not f.exists():
        return None
    try:
        recorded = json.loads(f.read_text(encoding="utf-8"))
        return {str(k): Recorded(int(v[0]), int(v[1]), str(v[2])) for k, v in recorded.items()}
    except (OSError, ValueError, TypeError, AttributeError, IndexError) as e:
        raise StoreError(f"{path}: store is corrupt: {data.name}/{CHECKSUMS} is unreadable ({_reason(e)})") from None


def sha256_of(f: Path) -> str:
    with f.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def record_checksums(data: Path, previous: Path | None) -> None:
    """Write the size, modification time and SHA-256 of each file of a new data folder. A file that is a
    hard link of one of the previous data folder (RocksDB's immutable table files, shared by the
    checkpoints) and unchanged since keeps the checksum recorded for it there, unread: a build need not
    read the whole store, and a file damaged since is still caught."""
    known = _by_inode(previous)
    sums = {}
    for f in sorted(data.iterdir()):
        if f.is_file() and f.name != CHECKSUMS:
            st = f.stat()
            old = known.get((st.st_dev, st.st_ino))
            same = old is not None and (old.size, old.mtime_ns) == (st.st_size, st.st_mtime_ns)
            sums[f.name] = [st.st_size, st.st_mtime_ns, old.sha256 if same else sha256_of(f)]
    write_atomic(data / CHECKSUMS, json.dumps(sums, indent=0) + "\n")


def _by_inode(data: Path | None) -> dict[tuple[int, int], Recorded]:
    recorded = _recorded(data.parent, data) if data is not None else None
    out = {}
    for name, entry in (recorded or {}).items():
        with contextlib.suppress(OSError):
            st = (data / name).stat()
            out[(st.st_dev, st.st_ino)] = entry
    return out


# ------------------------------------------------------------------------------------------ writing


def write_atomic(target: Path, text: str) -> None:
    """Write a file so that it holds either its old or its new content, whatever happens (a full disk or a
    kill leaves no empty or half-written file behind)."""
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(target.parent)


def _write_marker(path: Path, meta: dict) -> None:
    write_atomic(path / MARKER, json.dumps(meta) + "\n")


def claim(path: Path) -> dict:
    """Make ``path`` a store if it is missing or empty; return its marker. Any other folder is refused
    whatever it holds: a file named like one of ours does not make a folder a store."""
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: is a file, not a store folder")
    if (path / MARKER).exists() or (path.is_dir() and any(path.iterdir())):
        return read_marker(path)
    path.mkdir(parents=True, exist_ok=True)
    meta = {"format": FORMAT, "kind": KIND}
    _write_marker(path, meta)
    return meta


@contextlib.contextmanager
def lock(path: Path):
    """The single-writer lock of a store: a second build refuses at once with a clear message."""
    claim(path)
    # O_CLOEXEC: a program the build starts does not hold the lock; forked workers close their copy
    # (forget_locks), since a flock is held as long as any process has the open file.
    fd = os.open(path / "lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    _LOCK_FDS.add(fd)
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
        _LOCK_FDS.discard(fd)
        os.close(fd)


def forget_locks() -> None:
    """In a forked worker: close the copies of the parent's lock files, so that the lock goes with the
    parent and never stays held by a worker."""
    for fd in list(_LOCK_FDS):
        with contextlib.suppress(OSError):
            os.close(fd)
    _LOCK_FDS.clear()


@contextlib.contextmanager
def writing(path: Path | None = None):
    """Yield a writable copy of the store; on success it becomes the live store atomically."""
    path = path or default_path()
    try:
        with lock(path), _swapping(path) as store:
            try:
                yield store
            finally:
                del store  # _swapping removes the staging folder once the last reference is gone
    except (OSError, RuntimeError) as e:
        if is_corruption(e):  # RocksDB checks each block it reads against the block's checksum
            raise StoreError(f"{path}: store is corrupt ({_first_line(e)}); {RESTORE}") from None
        if not isinstance(e, OSError):
            raise
        # A full disk, a read-only folder: the store is as it was.
        raise StoreError(f"{e.filename or path}: cannot write the store ({_reason(e)})") from None


RESTORE = "restore the store from a copy, or build into a new --store"


def is_corruption(e: Exception) -> bool:
    """Whether pyoxigraph's error is RocksDB finding damaged data (its messages start so)."""
    return str(e).lstrip().startswith("Corruption:")


@contextlib.contextmanager
def _swapping(path: Path):
    import pyoxigraph

    meta = read_marker(path)
    live = path / "current"
    old = live.resolve() if live.exists() else None
    if old is not None:
        check_files(path, old, deep=False)
    _remove_stale(path, meta, old)
    stamp = time.time_ns()
    staging, final = path / f"tmp-{stamp}", path / f"data-{stamp}"
    # Named before they are made, so that the next build removes them if this one is killed; the old
    # live folder too, which is removed after the swap.
    _write_marker(path, {**meta, "work": [p.name for p in (staging, final, old) if p is not None]})
    try:
        if old is not None:
            copy_live(path, old, staging)
        store = pyoxigraph.Store(str(staging))
        try:
            yield store
            store.flush()
            # A checkpoint of the staging copy is consistent even while the caller still holds the
            # store open (pyoxigraph has no close()): that checkpoint becomes the live data.
            store.backup(str(final))
        finally:
            del store
        record_checksums(final, old)
    except BaseException:
        shutil.rmtree(final, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    tmp_link = path / "current.tmp"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    tmp_link.symlink_to(final.name)
    os.replace(tmp_link, live)  # the atomic swap
    _fsync_dir(path)
    shutil.rmtree(staging, ignore_errors=True)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    # What could not be removed stays named, for the next build.
    _write_marker(path, {**meta, "work": [p.name for p in (staging, old) if p is not None and p.exists()]})


def copy_live(path: Path, live: Path, staging: Path) -> None:
    import pyoxigraph

    try:
        pyoxigraph.Store.read_only(str(live)).backup(str(staging))
    except OSError as e:
        if e.errno is not None:
            raise  # a full disk or a read-only folder: writing() names it
        raise StoreError(f"{path}: cannot copy the live store ({_first_line(e)})") from None
    except Exception as e:  # pyoxigraph raises RuntimeError on a damaged store
        raise StoreError(f"{path}: cannot copy the live store ({_first_line(e)})") from None


def work_folder(path: Path) -> Path:
    """A new folder for a build's temporary files, inside the store (same file system); for the writer
    only (under the lock). It is named in the marker first, so the next build removes it if this one is
    killed."""
    folder = path / f"tmp-{time.time_ns()}-link"
    meta = read_marker(path)
    _write_marker(path, {**meta, "work": [*meta.get("work", []), folder.name]})
    folder.mkdir()
    return folder


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_stale(path: Path, meta: dict, live: Path | None) -> None:
    """Remove the work folders a killed build left: only those the marker names (never the live one, and
    never anything else in the folder)."""
    for name in meta.get("work", []):
        d = path / str(name)
        if WORK_NAME.fullmatch(str(name)) and d.is_dir() and not d.is_symlink() and d.resolve() != live:
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
