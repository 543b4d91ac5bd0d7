"""What kg sends to a SPARQL endpoint and how it reads the answer or the refusal (kg.query.sparql_request and
graph_store_put), against a small local HTTP server that records each request and answers as told."""

from __future__ import annotations

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kg.errors import QueryError
from kg.query import ACCEPT, graph_store_put, run_query, sparql_request

ASK_TRUE = (200, "application/sparql-results+json", b'{"head": {}, "boolean": true}')


class Recorder(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[dict] = []
        self.answer = ASK_TRUE

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/sparql"


class Handler(BaseHTTPRequestHandler):
    server: Recorder

    def _record(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.requests.append({"method": self.command, "path": self.path, "headers": dict(self.headers),
                                     "body": body})
        status, ctype, data = self.server.answer
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_POST = do_PUT = do_GET = _record

    def log_message(self, format, *args):
        pass


@pytest.fixture()
def server():
    srv = Recorder()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def form(request: dict) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(request["body"].decode("ascii"))


def test_a_query_is_posted_as_a_form_asking_by_accept_alone(server):
    ctype, body = sparql_request(server.url, "ASK { ?s ?p ?o }")
    assert (ctype, body) == ASK_TRUE[1:]
    (req,) = server.requests
    assert req["method"] == "POST" and req["path"] == "/sparql"
    assert req["headers"]["Content-Type"] == "application/x-www-form-urlencoded"
    assert req["headers"]["Accept"] == ACCEPT and req["headers"]["User-Agent"] == "inspection-kg"
    assert form(req) == {"query": ["ASK { ?s ?p ?o }"]}  # no format= or output= parameters


def test_a_query_that_reads_like_an_update_is_still_sent_as_a_query(server):
    """`kg query -e 'DROP ALL' --endpoint URL` must never send an update: the endpoint refuses the query."""
    server.answer = (400, "text/plain", b"not a query")
    with pytest.raises(QueryError):
        sparql_request(server.url, "DROP ALL")
    assert form(server.requests[0]) == {"query": ["DROP ALL"]}


def test_an_update_is_posted_as_an_update(server):
    server.answer = (204, "text/plain", b"")
    sparql_request(server.url, "CLEAR SILENT GRAPH <http://e/g>", update=True)
    assert form(server.requests[0]) == {"update": ["CLEAR SILENT GRAPH <http://e/g>"]}


@pytest.mark.parametrize("status,reason", [(400, "Bad Request"), (500, "Internal Server Error"),
                                           (503, "Service Unavailable"), (404, "Not Found")])
def test_a_refusal_is_one_line_naming_the_url_the_status_and_what_the_endpoint_said(server, status, reason):
    server.answer = (status, "text/plain", b"Virtuoso 37000 Error SP030:\nSPARQL compiler, line 3: syntax error")
    with pytest.raises(QueryError) as e:
        run_query("SELECT * WHERE { ?s ?p }", endpoint=server.url)
    assert str(e.value) == (f"{server.url}: HTTP {status} {reason}: Virtuoso 37000 Error SP030: SPARQL compiler, "
                            "line 3: syntax error")


def test_an_answer_in_an_unexpected_form_is_named(server):
    server.answer = (200, "image/png", b"\x89PNG")
    with pytest.raises(QueryError, match="answered query with unexpected content type image/png"):
        run_query("SELECT * WHERE { ?s ?p ?o }", endpoint=server.url)


def test_select_rows_come_back_with_virtuoso_terms_made_canonical(server):
    row = {"x": {"type": "typed-literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#boolean"}}
    server.answer = (200, "application/sparql-results+json; charset=utf-8",
                     json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [row]}}).encode())
    assert run_query("SELECT ?x WHERE { ?s ?p ?x }", endpoint=server.url).plain_rows() == [{"x": "true"}]


def test_a_graph_is_put_as_n_triples(server):
    server.answer = (201, "text/plain", b"")
    data = b'<http://e/a> <http://e/p> "x" .\n'
    graph_store_put(server.url + "?graph=http%3A%2F%2Fe%2Fg", data)
    (req,) = server.requests
    assert (req["method"], req["path"], req["body"]) == ("PUT", "/sparql?graph=http%3A%2F%2Fe%2Fg", data)
    assert req["headers"]["Content-Type"] == "application/n-triples"


def test_a_refused_put_names_the_status(server):
    server.answer = (415, "text/plain", b"unsupported")
    with pytest.raises(QueryError, match=r"HTTP 415 Unsupported Media Type: unsupported"):
        graph_store_put(server.url, b"")
