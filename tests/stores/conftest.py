"""Real triple stores for the tests: an Oxigraph server (the PyPI package ``oxigraph``) and
Virtuoso (Debian's ``virtuoso-opensource``), each started once per session on 127.0.0.1 at a
free port with its data in a temporary folder, and stopped at the end.

A server's tests skip, saying why, only when its program is not installed (``make test``
installs both). A server that is installed but does not start fails the tests, with the tail
of its log.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kg import servers, store
from kg.errors import InputError, StoreError
from kg.remote import Endpoint
from kg.servers import free_port

#: The graph ``kg load --graph`` puts the merged view in, on stores without a writable default graph.
MERGED_GRAPH = "urn:newskg:test:merged"


@dataclass
class Server:
    """A running store: where to load (Graph Store endpoint) and query (SPARQL endpoint) it.

    ``load_args`` are the extra ``kg load`` options it needs; ``default_graphs`` the
    ``default-graph-uri`` its queries need to see the merged view alone.
    """

    name: str
    store: Endpoint
    query: Endpoint
    load_args: list[str] = field(default_factory=list)
    default_graphs: tuple[str, ...] = ()
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    loaded: set[str] = field(default_factory=set)


def wait_until_answering(url: str, process: subprocess.Popen[bytes], log: Path, *, timeout: float) -> None:
    """Poll ``url`` until it answers 200; fail with the server's log if it dies or takes too long."""
    try:
        servers.wait_until_answering(url, process, log, timeout=timeout)
    except StoreError as e:
        pytest.fail(str(e))


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a server started here: SIGTERM, then SIGKILL if it lingers."""
    store.stop_process(process, timeout=20)


def oxigraph_program() -> str | None:
    """The ``oxigraph`` server program ``kg serve`` would run, or None when not installed."""
    try:
        return store.oxigraph_server()
    except InputError:
        return None


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``oxigraph serve`` over an empty store in a temp folder; Graph Store at ``/store``."""
    program = oxigraph_program()
    if program is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph; `make test` installs it)")
    folder = tmp_path_factory.mktemp("oxigraph-server")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    try:
        with servers.running(servers.oxigraph_command(folder, port), folder, f"{base}/query?{servers.ASK}",
                             timeout=30) as (process, _):
            yield Server("oxigraph", store=Endpoint(f"{base}/store", timeout=30),
                         query=Endpoint(f"{base}/query", timeout=30), process=process)
    except StoreError as e:
        pytest.fail(str(e))


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Debian's ``virtuoso-t`` with an ini of our own (database in a temp folder, loopback
    ports); Graph Store at ``/sparql-graph-crud-auth`` (digest authentication, dba/dba), the
    merged view in :data:`MERGED_GRAPH` since its Graph Store has no writable default graph."""
    program = shutil.which("virtuoso-t")
    if program is None:
        pytest.skip("virtuoso-t is not installed (apt-get install virtuoso-opensource; `make test` installs it)")
    folder = tmp_path_factory.mktemp("virtuoso")
    http_port, sql_port = free_port(), free_port()
    base = f"http://127.0.0.1:{http_port}"
    try:
        with servers.running(servers.virtuoso_command(folder, http_port, sql_port, program), folder,
                             f"{base}/sparql?{servers.ASK}", timeout=120) as (process, _):
            yield Server("virtuoso",
                         store=Endpoint(f"{base}/sparql-graph-crud-auth", user="dba", password="dba", timeout=60),
                         query=Endpoint(f"{base}/sparql", timeout=60),
                         load_args=["--user", "dba", "--password", "dba", "--graph", MERGED_GRAPH],
                         default_graphs=(MERGED_GRAPH,), process=process)
    except StoreError as e:
        pytest.fail(str(e))


SERVERS = ("oxigraph", "virtuoso")


@pytest.fixture(params=SERVERS)
def server(request: pytest.FixtureRequest) -> Server:
    """Each real server in turn (its tests skip if its program is missing)."""
    return request.getfixturevalue(f"{request.param}_server")


@pytest.fixture
def load_seeds(seeds_build) -> Callable[[Server], None]:
    """``kg load`` of the seeds' build into a server, once per server and session."""
    from kg.cli import main

    def _load(server: Server) -> None:
        if "seeds" in server.loaded:
            return
        status = main(["load", str(seeds_build.out_dir), "--endpoint", server.store.url, "--quiet", *server.load_args])
        assert status == 0
        server.loaded.add("seeds")

    return _load
