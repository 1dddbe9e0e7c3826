"""``kg serve``: a read-only SPARQL endpoint over a build's store, answering over HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from kg.cli import main
from kg.errors import StoreError
from kg.query import run_endpoint_query
from kg.remote import Client, Endpoint
from kg.store import write_store

from .conftest import free_port, oxigraph_program, stop, wait_until_answering

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seeds_store(seeds_build, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds' build as an embedded store (what ``kg build`` writes to OUT/store)."""
    return write_store((seeds_build.out_dir / "graph.trig").read_bytes(), tmp_path_factory.mktemp("serve") / "store")


def test_kg_serve_answers_a_contract_query_over_http(seeds_store: Path, seeds_build, contract_queries: dict[str, str],
                                                     tmp_path: Path) -> None:
    if oxigraph_program() is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph; `make test` installs it)")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "kg.cli", "serve", "--store", str(seeds_store), "--bind", f"127.0.0.1:{port}"],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=dict(os.environ))
    try:
        wait_until_answering(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", process, log, timeout=30)
        query = contract_queries["criticisms"]

        result = run_endpoint_query(Endpoint(f"http://127.0.0.1:{port}/query", timeout=30), query)

        expected = {tuple(str(v) for v in row) for row in
                    Graph().parse(seeds_build.out_dir / "graph.ttl", format="turtle").query(query)}
        assert set(result.rows) == expected
        assert expected
        # Read-only: a write is refused.
        update = Endpoint(f"http://127.0.0.1:{port}/update", timeout=30)
        with Client(update) as client, pytest.raises(StoreError):
            client.request("POST", update.url, what="update", data={"update": "CLEAR ALL"})
    finally:
        stop(process)  # SIGTERM to kg serve, which stops its oxigraph server too
    assert process.returncode == 0, log.read_text()
    # Nothing listens any more: kg serve took its server down with it.
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0


def test_kg_serve_without_a_store_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["serve", "--store", str(tmp_path / "nothing")])

    assert status == 2
    assert "no store here" in capsys.readouterr().err
