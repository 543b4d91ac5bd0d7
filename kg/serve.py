"""A read-only SPARQL 1.1 Protocol endpoint over the store.

``/query`` answers GET and POST (form or ``application/sparql-query``) in the format the Accept header
asks; updates are refused. It serves a private checkpoint of the live data (hard links, cheap), because a
later ``kg build`` swaps in new data and deletes the old folder: the endpoint keeps answering from the
snapshot it started with until it is restarted.

Each query runs in a worker process of its own, killed at the timeout: Oxigraph's server lets a query
run on past its ``--timeout-s`` and then sends a 200 with half a JSON document, so the server here only
answers once the worker has the whole result, and a query stopped at the timeout is a 503 with one line.
Oxigraph has no switch to turn its SERVICE client off, so the worker refuses SERVICE before the query runs
(``kg.query.refuse_federated``): the endpoint never fetches for its clients.

Workers end with the server, even when it is killed (``exit_with_server``), and a snapshot left by a
server that was killed is removed by the next ``kg serve`` on the same store.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
import re
import shutil
import signal
import socket
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kg.errors import KGError, StoreError, UsageError

UPDATES_REFUSED = "this endpoint is read-only: updates are refused"
MAX_BODY = 1 << 20  # a query larger than 1 MB is not a query a person wrote
SNAPSHOT = re.compile(r"serve-(\d+)-\d+\Z")
# Media types each kind of answer can take, first the one given when the Accept header asks for none
# (the forms Oxigraph's own server gives, so a client moved from one server to the other reads the same).
RESULTS_TYPES = ("application/sparql-results+json", "application/json", "application/sparql-results+xml",
                 "text/csv", "text/tab-separated-values")
GRAPH_TYPES = ("application/n-triples", "text/turtle", "application/rdf+xml", "application/n-quads",
               "application/trig")


def oxigraph_binary() -> str:
    """The ``oxigraph`` server installed with the package (beside this Python), else on PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    found = str(here) if here.exists() else shutil.which("oxigraph")
    if not found:
        raise UsageError("serve: the `oxigraph` server is not installed (pip install oxigraph)")
    return found


# ---------------------------------------------------------------- the snapshot

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


def remove_stale_snapshots(store_path: Path) -> list[Path]:
    """Remove the snapshots of servers that no longer run: folders named ``serve-PID-TIME`` (the name
    ``snapshot`` gives) whose PID is not a live process. A folder whose PID is alive, or is another
    user's process, is left alone."""
    removed = []
    for child in store_path.iterdir() if store_path.is_dir() else ():
        m = SNAPSHOT.match(child.name)
        if m and child.is_dir() and not child.is_symlink() and not pid_alive(int(m.group(1))):
            shutil.rmtree(child, ignore_errors=True)
            removed.append(child)
    return removed


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: alive
    return True


# ---------------------------------------------------------------- the worker

def exit_with_server(watch) -> None:
    """End this worker when the server ends, however it ends (kill -9 included): the server holds the only
    write end of ``watch`` and never writes, so end-of-file means it is gone. A thread waits for it
    because pyoxigraph lets other threads run while it evaluates."""

    def wait() -> None:
        try:
            watch.recv_bytes()
        except (EOFError, OSError):
            pass
        os._exit(1)

    threading.Thread(target=wait, daemon=True).start()


def answer(location: str, request: dict, out, watch) -> None:
    """Worker: run one query on the snapshot and send back (status, content type, body)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle: it ends the workers
    exit_with_server(watch)
    try:
        out.send(evaluate(location, request))
    except KGError as e:
        out.send((400, "text/plain; charset=utf-8", (str(e) + "\n").encode("utf-8")))
    finally:
        out.close()


def evaluate(location: str, request: dict) -> tuple[int, str, bytes]:
    import pyoxigraph as ox

    from kg import query

    st = ox.Store.read_only(location)
    options = dataset_options(request["default"], request["named"])

    def serialize(res):
        graph = isinstance(res, ox.QueryTriples)
        media = negotiate(request["accept"], GRAPH_TYPES if graph else RESULTS_TYPES)
        if media is None:
            return 406, "text/plain; charset=utf-8", (
                f"cannot answer in {request['accept']}; this answer can be one of "
                f"{', '.join(GRAPH_TYPES if graph else RESULTS_TYPES)}\n").encode("utf-8")
        fmt = ox.RdfFormat.from_media_type(media) if graph else ox.QueryResultsFormat.from_media_type(media)
        return 200, f"{media}; charset=utf-8", res.serialize(format=fmt)

    return query.evaluate(st, request["query"], "query", serialize, read_only=UPDATES_REFUSED, **options)


def dataset_options(default: list[str], named: list[str]) -> dict:
    """The protocol's default-graph-uri and named-graph-uri as Store.query options."""
    import pyoxigraph as ox

    from kg.errors import QueryError

    try:
        options = {}
        if default:
            options.update(default_graph=[ox.NamedNode(g) for g in default], use_default_graph_as_union=False)
        if named:
            options["named_graphs"] = [ox.NamedNode(g) for g in named]
        return options
    except ValueError as e:
        raise QueryError(f"query: a graph IRI is not valid ({e})") from None


def negotiate(accept: str, offered: tuple[str, ...]) -> str | None:
    """The offered media type the Accept header prefers (the first offered for none or ``*/*``).

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULTS_TYPES)
    'application/sparql-results+xml'
    >>> negotiate("", GRAPH_TYPES), negotiate("text/*", GRAPH_TYPES), negotiate("image/png", GRAPH_TYPES)
    ('application/n-triples', 'text/turtle', None)
    """
    ranked = []
    for i, part in enumerate(p for p in accept.split(",") if p.strip()):
        media, *params = [x.strip().lower() for x in part.split(";")]
        q = next((_quality(p[2:]) for p in params if p.startswith("q=")), 1.0)
        ranked.append((-q, i, media))
    if not ranked:
        return offered[0]
    for q, _, media in sorted(ranked):
        if q == 0:
            break
        for m in offered:
            kind = m.split("/")[0]
            if media in (m, "*/*", f"{kind}/*"):
                return m
    return None


def _quality(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


# ---------------------------------------------------------------- the server

class Endpoint(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, location: Path, timeout: float | None):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)
        self.location = str(location)
        self.query_timeout = timeout
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(["kg.serve", "kg.query", "pyoxigraph",
                                             "rdflib.plugins.sparql.parser"])
        self.slots = threading.BoundedSemaphore(max(2, os.cpu_count() or 2))
        self.workers: set = set()
        self.watch, self.alive = self.context.Pipe(duplex=False)  # see exit_with_server

    def run(self, request: dict) -> tuple[int, str, bytes]:
        """The query's answer from a worker, or 503 when it is not ready at the timeout."""
        if not self.slots.acquire(timeout=self.query_timeout):
            return text_reply(503, "every worker is busy; try again later")
        try:
            return self._run(request)
        finally:
            self.slots.release()

    def _run(self, request: dict) -> tuple[int, str, bytes]:
        receive, send = self.context.Pipe(duplex=False)
        worker = self.context.Process(target=answer, args=(self.location, request, send, self.watch),
                                      daemon=True)
        worker.start()
        send.close()
        self.workers.add(worker)
        try:
            if not receive.poll(self.query_timeout):
                return text_reply(503, f"query stopped at the {self.query_timeout:g} s timeout")
            return receive.recv()
        except (EOFError, OSError):
            worker.join(timeout=10)
            return text_reply(500, f"the query's worker ended without an answer (exit {worker.exitcode})")
        finally:
            worker.kill()
            worker.join()
            receive.close()
            self.workers.discard(worker)

    def stop_workers(self) -> None:
        for worker in list(self.workers):
            worker.kill()
        self.alive.close()


def text_reply(status: int, message: str) -> tuple[int, str, bytes]:
    return status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    server: Endpoint
    server_version = "inspection-kg"

    def do_GET(self):  # the name http.server calls
        path, _, qs = self.path.partition("?")
        if path != "/query":
            return self.reply(*self.not_here(path))
        self.reply(*self.dispatch(urllib.parse.parse_qs(qs)))

    def do_POST(self):
        path, _, qs = self.path.partition("?")
        if path != "/query":
            return self.reply(*self.not_here(path))
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self.reply(*text_reply(413, f"query larger than {MAX_BODY} bytes"))
        body = self.rfile.read(length)
        fields = urllib.parse.parse_qs(qs)
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if media == "application/x-www-form-urlencoded":
            fields.update(urllib.parse.parse_qs(body.decode("utf-8", errors="replace")))
        elif media == "application/sparql-query":
            fields["query"] = [body.decode("utf-8", errors="replace")]
        elif media == "application/sparql-update":
            fields["update"] = [""]
        else:
            return self.reply(*text_reply(415, f"unsupported content type {media or '(none)'}"))
        self.reply(*self.dispatch(fields))

    def not_here(self, path: str) -> tuple[int, str, bytes]:
        if path == "/update":
            return text_reply(403, UPDATES_REFUSED)
        return text_reply(404, f"{path}: not here; the endpoint is /query")

    def dispatch(self, fields: dict[str, list[str]]) -> tuple[int, str, bytes]:
        if "update" in fields:
            return text_reply(403, UPDATES_REFUSED)
        if len(fields.get("query", [])) != 1:
            return text_reply(400, "give exactly one query parameter")
        return self.server.run({"query": fields["query"][0], "accept": self.headers.get("Accept") or "",
                                "default": fields.get("default-graph-uri", []),
                                "named": fields.get("named-graph-uri", [])})

    def reply(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass  # quiet: a server started with its stderr piped and unread must never block on it


def query_url(host: str, port: int) -> str:
    return f"http://{'[' + host + ']' if ':' in host else host}:{port}/query"


def serve(store_path: Path, host: str = "127.0.0.1", port: int = 7878, timeout: float | None = 30,
          announce=None) -> int:
    """Serve until interrupted or terminated; returns 0."""
    remove_stale_snapshots(store_path)
    snap = snapshot(store_path)
    server = None
    try:
        try:
            server = Endpoint((host, port), snap, timeout)
        except OSError as e:
            raise UsageError(f"serve: cannot listen on {host}:{port} ({e.strerror or e})") from None
        multiprocessing.forkserver.ensure_running()  # started now, not on the first client's request
        if announce:
            announce(query_url(host, port))
        previous = signal.signal(signal.SIGTERM, _terminate)
        try:
            server.serve_forever()
        finally:
            signal.signal(signal.SIGTERM, previous)
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        if server is not None:
            server.stop_workers()
            server.server_close()
        shutil.rmtree(snap, ignore_errors=True)
    return 0


def _terminate(*_):
    raise SystemExit(0)
