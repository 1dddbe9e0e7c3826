"""kg.remote against a stand-in HTTP server on 127.0.0.1: what ``kg load`` sends (one PUT per
graph), how it authenticates, and a one-line error for each way a store can fail.

The real stores (Oxigraph, Virtuoso) are driven in ``tests/stores/``; here the server is a few
lines of ``http.server``, so each failure can be produced on purpose.
"""

from __future__ import annotations

import base64
import json
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph
import pytest

from kg.cli import main
from kg.errors import StoreError
from kg.remote import Endpoint, graph_url, load_build, read_build_graphs, select

TRIG = """@prefix ex: <http://example.org/> .

{
    ex:a ex:name "Ada" .
    ex:b ex:name "Bram \u201cthe bold\u201d" .
}

ex:g1 {
    ex:a ex:name "Ada" .
}

ex:g2 {
    ex:b ex:name "Bram \u201cthe bold\u201d" .
}
"""


@dataclass
class Seen:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes


@dataclass
class FakeStore:
    """What the stand-in server answers, and every request it saw."""

    url: str
    requests: list[Seen] = field(default_factory=list)
    answer: Callable[[Seen], tuple[int, dict[str, str], bytes]] = lambda seen: (201, {}, b"")


@pytest.fixture
def fake_store() -> Iterator[FakeStore]:
    state = FakeStore(url="")

    class Handler(BaseHTTPRequestHandler):
        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            parts = urlsplit(self.path)
            seen = Seen(self.command, parts.path, parse_qs(parts.query, keep_blank_values=True),
                        dict(self.headers.items()), self.rfile.read(length))
            state.requests.append(seen)
            status, headers, body = state.answer(seen)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_PUT = do_POST = do_GET = _handle  # noqa: N815 - http.server's naming

        def log_message(self, *args: object) -> None:
            pass

    class Server(ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: object) -> None:
            # A client that gave up (the timeout tests) leaves a broken pipe: expected, not news.
            if not isinstance(sys.exc_info()[1], ConnectionError):
                super().handle_error(request, client_address)

    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def build_dir(tmp_path: Path) -> Path:
    (tmp_path / "graph.trig").write_text(TRIG, encoding="utf-8")
    return tmp_path


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    return lines[0]


def test_graph_urls_follow_the_graph_store_protocol() -> None:
    assert graph_url("http://h/store", "http://example.org/g 1") == "http://h/store?graph=http%3A%2F%2Fexample.org%2Fg+1"
    assert graph_url("http://h/store", None) == "http://h/store?default"
    assert graph_url("http://h/crud?x=1", "urn:g") == "http://h/crud?x=1&graph=urn%3Ag"


def test_the_build_is_read_graph_by_graph(build_dir: Path) -> None:
    graphs = read_build_graphs(build_dir)

    assert set(graphs) == {None, "http://example.org/g1", "http://example.org/g2"}
    assert graphs[None].count(b"\n") == 2
    assert b"the bold" in graphs["http://example.org/g2"]


def test_load_puts_each_article_graph_then_the_merged_view(fake_store: FakeStore, build_dir: Path) -> None:
    report = load_build(build_dir, Endpoint(fake_store.url + "/store"))

    puts = [(r.method, r.path, r.query) for r in fake_store.requests]
    assert puts == [("PUT", "/store", {"graph": ["http://example.org/g1"]}),
                    ("PUT", "/store", {"graph": ["http://example.org/g2"]}),
                    ("PUT", "/store", {"default": [""]})]
    for seen in fake_store.requests:
        assert seen.headers["Content-Type"] == "text/turtle; charset=utf-8"
        # Each body is the graph's triples, parseable as Turtle, UTF-8 intact.
        triples = list(pyoxigraph.parse(seen.body, format=pyoxigraph.RdfFormat.TURTLE))
        assert len(triples) == (2 if "default" in seen.query else 1)
    assert "Bram \u201cthe bold\u201d" in fake_store.requests[1].body.decode("utf-8")
    assert (report.graphs, report.triples) == (3, 4)


def test_load_puts_the_merged_view_into_a_named_graph_when_asked(fake_store: FakeStore, build_dir: Path) -> None:
    load_build(build_dir, Endpoint(fake_store.url + "/crud"), graph="urn:newskg:merged")

    assert fake_store.requests[-1].query == {"graph": ["urn:newskg:merged"]}


def test_basic_credentials_are_sent(fake_store: FakeStore, build_dir: Path) -> None:
    token = base64.b64encode(b"ada:s3cret").decode()
    fake_store.answer = lambda seen: ((201, {}, b"") if seen.headers.get("Authorization") == f"Basic {token}"
                                      else (401, {"WWW-Authenticate": 'Basic realm="x"'}, b""))

    load_build(build_dir, Endpoint(fake_store.url + "/store", user="ada", password="s3cret"))

    assert len(fake_store.requests) == 3


def test_auto_auth_tries_digest_when_basic_is_refused(fake_store: FakeStore, build_dir: Path) -> None:
    # A server that wants digest: the retry must carry a Digest header built from the challenge.
    challenge = 'Digest realm="SPARQL", nonce="abc123", qop="auth", algorithm="MD5", opaque="xyz"'
    fake_store.answer = lambda seen: ((201, {}, b"") if seen.headers.get("Authorization", "").startswith("Digest ")
                                      else (401, {"WWW-Authenticate": challenge}, b""))

    load_build(build_dir, Endpoint(fake_store.url + "/store", user="dba", password="dba"))

    digest = [r for r in fake_store.requests if r.headers.get("Authorization", "").startswith("Digest ")]
    assert len(digest) == 3
    assert 'username="dba"' in digest[0].headers["Authorization"]
    assert 'realm="SPARQL"' in digest[0].headers["Authorization"]


@pytest.mark.parametrize("status, body, expected", [
    (400, b"<html><body><h1>Bad Request</h1><p>Parse error at line 3 &amp; col 7</p></body></html>",
     "rejected by {url}/store (HTTP 400 Bad Request): Bad Request Parse error at line 3 & col 7"),
    (404, b"", "rejected by {url}/store (HTTP 404 Not Found)"),
    (500, b"Error 22023\nThe endpoint is not configured",
     "server error at {url}/store (HTTP 500 Internal Server Error): Error 22023 The endpoint is not configured"),
    (503, b"x" * 2000, "server error at {url}/store (HTTP 503 Service Unavailable): xxx"),
])
def test_an_http_error_is_one_line_naming_the_graph_and_the_status(fake_store: FakeStore, build_dir: Path,
                                                                   status: int, body: bytes, expected: str) -> None:
    fake_store.answer = lambda seen: (status, {"Content-Type": "text/html"}, body)

    with pytest.raises(StoreError) as info:
        load_build(build_dir, Endpoint(fake_store.url + "/store"))

    message = str(info.value)
    assert "\n" not in message
    assert message.startswith("PUT graph <http://example.org/g1>: " + expected.format(url=fake_store.url))
    assert len(message) < 500


def test_refused_access_says_what_to_give(fake_store: FakeStore, build_dir: Path) -> None:
    fake_store.answer = lambda seen: (401, {"WWW-Authenticate": 'Basic realm="x"'}, b"")

    with pytest.raises(StoreError, match=r"refused access \(HTTP 401 Unauthorized\); the server wants credentials"):
        load_build(build_dir, Endpoint(fake_store.url + "/store"))
    with pytest.raises(StoreError, match="check --user and --password"):
        load_build(build_dir, Endpoint(fake_store.url + "/store", user="ada", password="wrong", auth="basic"))


def test_a_refused_connection_is_one_line(build_dir: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound but not listening: connections are refused

        with pytest.raises(StoreError) as info:
            load_build(build_dir, Endpoint(f"http://127.0.0.1:{port}/store", timeout=5))

    assert str(info.value) == (f"PUT graph <http://example.org/g1>: cannot connect to http://127.0.0.1:{port}/store: "
                               "Connection refused (is the server running, and is the URL right?)")


def test_a_timeout_is_one_line(fake_store: FakeStore, build_dir: Path) -> None:
    def slow(seen: Seen) -> tuple[int, dict[str, str], bytes]:
        time.sleep(1.5)
        return 201, {}, b""

    fake_store.answer = slow

    with pytest.raises(StoreError, match=r"did not answer within 0.3 s \(raise --timeout"):
        load_build(build_dir, Endpoint(fake_store.url + "/store", timeout=0.3))


def test_kg_load_exits_2_with_the_message_on_one_line(fake_store: FakeStore, build_dir: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    fake_store.answer = lambda seen: (500, {}, b"boom")

    status = main(["load", str(build_dir), "--endpoint", fake_store.url + "/store"])

    assert status == 2
    assert one_line(capsys.readouterr().err).startswith("kg: error: PUT graph <http://example.org/g1>: server error")


def test_kg_load_of_a_folder_without_a_build_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["load", str(tmp_path), "--endpoint", "http://127.0.0.1:9/store"])

    assert status == 2
    assert "graph.trig: no such file" in one_line(capsys.readouterr().err)


def test_select_reads_sparql_json_results(fake_store: FakeStore) -> None:
    results = {"head": {"vars": ["s", "n"]}, "results": {"bindings": [
        {"s": {"type": "uri", "value": "http://example.org/a"}, "n": {"type": "literal", "value": "Ada"}},
        {"s": {"type": "uri", "value": "http://example.org/b"}}]}}
    fake_store.answer = lambda seen: (200, {"Content-Type": "application/sparql-results+json"},
                                      json.dumps(results).encode())

    variables, rows = select(Endpoint(fake_store.url + "/sparql"), "SELECT ?s ?n WHERE { ?s ?p ?n }",
                             default_graphs=("urn:merged",))

    assert variables == ("s", "n")
    assert rows == [("http://example.org/a", "Ada"), ("http://example.org/b", None)]
    form = parse_qs(fake_store.requests[0].body.decode())
    assert form == {"query": ["SELECT ?s ?n WHERE { ?s ?p ?n }"], "default-graph-uri": ["urn:merged"]}
    assert fake_store.requests[0].headers["Accept"] == "application/sparql-results+json"


def test_select_reads_an_ask_answer(fake_store: FakeStore) -> None:
    fake_store.answer = lambda seen: (200, {}, b'{"head": {}, "boolean": true}')

    assert select(Endpoint(fake_store.url + "/sparql"), "ASK {}") == (("ask",), [("true",)])


def test_an_answer_that_is_not_sparql_results_is_one_line(fake_store: FakeStore) -> None:
    fake_store.answer = lambda seen: (200, {"Content-Type": "text/html"}, b"<html>a web page</html>")

    with pytest.raises(StoreError, match="did not answer with SPARQL JSON results"):
        select(Endpoint(fake_store.url + "/"), "SELECT * {}")
