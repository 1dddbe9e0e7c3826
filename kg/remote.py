"""Remote stores: load a build into any triple store over HTTP, and query SPARQL endpoints.

Two W3C protocols, nothing store-specific beyond options:

- `SPARQL 1.1 Graph Store HTTP Protocol <https://www.w3.org/TR/sparql11-http-rdf-update/>`_
  for :func:`load_build`: one ``PUT`` per article's named graph (``?graph=IRI``), so loading
  again replaces and never duplicates, then the merged view (``?default``, or ``?graph=IRI``
  for stores that keep no writable default graph, such as Virtuoso).
- `SPARQL 1.1 Protocol <https://www.w3.org/TR/sparql11-protocol/>`_ for :func:`select`: the
  query ``POST``-ed as a form, answers read as SPARQL JSON results; ``default-graph-uri``
  picks the graph to query on stores whose default graph is the union of all graphs.

Credentials go as HTTP basic authentication or, when the server asks for it (or
``auth="digest"``), digest authentication. Every failure is a :class:`~kg.errors.StoreError`
with a one-line message: connection refused, timeout, 4xx and 5xx answers.
"""

from __future__ import annotations

import html
import logging
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlencode

import pyoxigraph
import requests
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

from kg.errors import InputError, StoreError

log = logging.getLogger(__name__)

AuthScheme = Literal["auto", "basic", "digest"]
AUTH_SCHEMES: tuple[AuthScheme, ...] = ("auto", "basic", "digest")
DEFAULT_TIMEOUT = 120.0
RDF_CONTENT_TYPE = "text/turtle; charset=utf-8"  # N-Triples is Turtle, and every store reads Turtle
RESULTS_JSON = "application/sparql-results+json"
Progress = Callable[[int, int], None]  # (graphs done, graphs in all)


@dataclass(frozen=True)
class Endpoint:
    """Where and how to reach an HTTP endpoint.

    Attributes:
        url: the Graph Store endpoint (e.g. ``http://127.0.0.1:7878/store``) or the SPARQL
            query endpoint (``…/query``, ``…/sparql``).
        user, password: credentials, when the server asks for them.
        auth: ``basic``, ``digest``, or ``auto``: basic first, digest if the server refuses it.
        timeout: seconds to wait for the server to connect and for each answer.
    """

    url: str
    user: str | None = None
    password: str | None = None
    auth: AuthScheme = "auto"
    timeout: float = DEFAULT_TIMEOUT


@dataclass(frozen=True)
class LoadReport:
    """What :func:`load_build` sent: graphs, triples, bytes, and how long it took."""

    graphs: int
    triples: int
    bytes: int
    seconds: float


class Client:
    """An HTTP session to one endpoint that maps every failure to a one-line :class:`StoreError`.

    Holds state: the keep-alive connection and, in ``auto`` mode, the authentication scheme
    the server accepted.
    """

    def __init__(self, endpoint: Endpoint) -> None:
        if endpoint.auth not in AUTH_SCHEMES:
            raise ValueError(f"unknown auth {endpoint.auth!r}; choose {', '.join(AUTH_SCHEMES)}")
        self.endpoint = endpoint
        self.session = requests.Session()
        self.scheme: AuthScheme = endpoint.auth
        self._auths: dict[str, AuthBase] = {}  # one per scheme: digest reuses its nonce

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.session.close()

    def _auth(self) -> AuthBase | None:
        e = self.endpoint
        if e.user is None:
            return None
        scheme = "digest" if self.scheme == "digest" else "basic"
        if scheme not in self._auths:
            password = e.password or ""
            auth = HTTPDigestAuth if scheme == "digest" else HTTPBasicAuth
            self._auths[scheme] = auth(e.user, password)
        return self._auths[scheme]

    def request(self, method: str, url: str, *, what: str, **kwargs: object) -> requests.Response:
        """Send one request; return the answer if it is a success.

        Args:
            method, url: the request.
            what: what is being done, for messages ("PUT graph <…>").
            kwargs: passed to ``requests`` (``data``, ``headers``).

        Raises:
            StoreError: no connection, no answer in time, or a 4xx/5xx answer.
        """
        answer = self._send(method, url, what=what, **kwargs)
        if answer.status_code == 401 and self.scheme == "auto" and self.endpoint.user is not None:
            # Basic refused: the server may want digest (Virtuoso's Graph Store does).
            log.info("%s: basic authentication refused, trying digest", url)
            self.scheme = "digest"
            answer = self._send(method, url, what=what, **kwargs)
        if answer.status_code < 400:
            return answer
        raise StoreError(_http_error(answer, what, self.endpoint))

    def _send(self, method: str, url: str, *, what: str, **kwargs: object) -> requests.Response:
        timeout = self.endpoint.timeout
        try:
            return self.session.request(method, url, auth=self._auth(), timeout=timeout, **kwargs)  # type: ignore[arg-type]
        except requests.Timeout as e:
            raise StoreError(f"{what}: {_origin(url)} did not answer within {timeout:g} s "
                             "(raise --timeout if the server is just slow)") from e
        except requests.ConnectionError as e:
            raise StoreError(f"{what}: cannot connect to {_origin(url)}: {_reason(e)} "
                             "(is the server running, and is the URL right?)") from e
        except requests.RequestException as e:
            raise StoreError(f"{what}: request to {url} failed: {_reason(e)}") from e


def _origin(url: str) -> str:
    return url.split("?", 1)[0]


def _reason(error: Exception) -> str:
    """The short cause inside a requests error (e.g. "Connection refused")."""
    text = str(error)
    for pattern in (r"\[Errno -?\d+\] ([^'\")]+)", r"(Name or service not known|Temporary failure in name resolution)",
                    r"(Connection aborted|Remote end closed connection[^'\")]*)"):
        match = re.search(pattern, text)
        if match:
            return match.group(1).strip()
    return " ".join(text.split())[:200]


def _http_error(answer: requests.Response, what: str, endpoint: Endpoint) -> str:
    status = f"HTTP {answer.status_code} {answer.reason or ''}".strip()
    origin = _origin(answer.url or endpoint.url)
    if answer.status_code in (401, 403):
        hint = ("check --user and --password" if endpoint.user is not None
                else "the server wants credentials: give --user and --password")
        return f"{what}: {origin} refused access ({status}); {hint}"
    detail = _body_line(answer)
    kind = "rejected by" if answer.status_code < 500 else "server error at"
    return f"{what}: {kind} {origin} ({status})" + (f": {detail}" if detail else "")


def _body_line(answer: requests.Response, limit: int = 300) -> str:
    """An error answer's body on one line: tags stripped, spaces collapsed, cut to ``limit``."""
    text = answer.text or ""
    text = re.sub(r"(?is)<(script|style|title|head)\b.*?</\1>", " ", text)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def graph_url(store_url: str, graph: str | None) -> str:
    """The Graph Store URL of a named graph (``?graph=IRI``) or of the default graph (``?default``)."""
    joiner = "&" if "?" in store_url else "?"
    return store_url + joiner + ("default" if graph is None else urlencode({"graph": graph}))


def read_build_graphs(build_dir: str | Path) -> dict[str | None, bytes]:
    """The graphs of a build's ``graph.trig``, each as N-Triples; ``None`` is the merged view.

    Raises:
        InputError: the folder has no ``graph.trig``, or it does not parse.
    """
    path = Path(build_dir) / "graph.trig"
    if not path.is_file():
        raise InputError(f"{path}: no such file; is {Path(build_dir)} a build folder (kg build --out DIR)?")
    graphs: dict[str | None, list[pyoxigraph.Triple]] = defaultdict(list)
    try:
        for quad in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TRIG):
            name = None if isinstance(quad.graph_name, pyoxigraph.DefaultGraph) else quad.graph_name.value
            graphs[name].append(quad.triple)
    except (SyntaxError, OSError) as e:
        raise InputError(f"{path}: not valid TriG ({e})") from e
    return {name: bytes(pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES) or b"")
            for name, triples in graphs.items()}


def load_build(build_dir: str | Path, endpoint: Endpoint, *, graph: str | None = None,
               progress: Progress | None = None) -> LoadReport:
    """Put a build into a triple store through the Graph Store HTTP Protocol.

    Args:
        build_dir: a ``kg build`` output folder (its ``graph.trig`` is read).
        endpoint: the store's Graph Store endpoint.
        graph: the graph IRI to put the merged view in; the store's default graph when None.
        progress: called after each graph with (graphs done, graphs in all).

    Returns:
        What was sent. Article graphs go first, in IRI order, the merged view last.

    Raises:
        InputError: the build folder cannot be read.
        StoreError: the store cannot be reached or refuses a graph.
    """
    graphs = read_build_graphs(build_dir)
    named = sorted(name for name in graphs if name is not None)
    order: list[tuple[str | None, str | None]] = [(name, name) for name in named]
    if None in graphs:
        order.append((None, graph))
    started = time.perf_counter()
    sent = triples = 0
    with Client(endpoint) as client:
        for done, (source, target) in enumerate(order, 1):
            body = graphs[source]
            label = "the merged graph" if source is None else f"graph <{source}>"
            try:
                client.request("PUT", graph_url(endpoint.url, target), what=f"PUT {label}", data=body,
                               headers={"Content-Type": RDF_CONTENT_TYPE})
            except StoreError as e:
                if source is None and target is None and "refused access" not in str(e):
                    raise StoreError(f"{e} (a store without a writable default graph, such as Virtuoso, "
                                     "needs --graph IRI for the merged view)") from e
                raise
            sent += len(body)
            triples += body.count(b"\n")
            if progress:
                progress(done, len(order))
    return LoadReport(graphs=len(order), triples=triples, bytes=sent, seconds=time.perf_counter() - started)


def select(endpoint: Endpoint, query: str, *, default_graphs: Iterable[str] = ()
           ) -> tuple[tuple[str, ...], list[tuple[str | None, ...]]]:
    """Run a SELECT or ASK query at a SPARQL endpoint; its variables and rows as strings.

    Args:
        endpoint: the SPARQL query endpoint.
        query: the query text (with its PREFIX lines).
        default_graphs: sent as ``default-graph-uri``: the graphs the query's default graph is
            made of (for stores whose default graph is the union of all their graphs).

    Raises:
        StoreError: the endpoint cannot be reached, refuses or fails the query, or does not
            answer with SPARQL JSON results.
    """
    form = [("query", query), *(("default-graph-uri", g) for g in default_graphs)]
    with Client(endpoint) as client:
        answer = client.request("POST", endpoint.url, what="query", data=form,
                                headers={"Accept": RESULTS_JSON})
    try:
        data = answer.json()
    except ValueError as e:
        kind = answer.headers.get("Content-Type")
        raise StoreError(f"query: {_origin(endpoint.url)} did not answer with SPARQL JSON results "
                         f"(Content-Type {kind!r}); is it a SPARQL query endpoint?") from e
    if "boolean" in data:
        return ("ask",), [(str(bool(data["boolean"])).lower(),)]
    try:
        variables = tuple(data["head"]["vars"])
        rows = [tuple(b[v]["value"] if v in b else None for v in variables) for b in data["results"]["bindings"]]
    except (KeyError, TypeError) as e:
        raise StoreError(f"query: {_origin(endpoint.url)} answered JSON that is not SPARQL results ({e})") from e
    return variables, rows
