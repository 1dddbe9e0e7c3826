"""``kg load`` into real triple stores (Oxigraph's server, Virtuoso) and SPARQL over HTTP.

The seeds' build is loaded with ``kg load`` (Graph Store HTTP Protocol), then every contract
query of ``shared/sparql`` is run at the store's SPARQL endpoint and must give the same rows
as rdflib over ``graph.ttl``. Loading again must replace, never duplicate.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from kg.cli import main
from kg.query import run_endpoint_query

from .conftest import Server

pytestmark = pytest.mark.slow

ARTICLE_PREFIX = "https://w3id.org/newskg/id/article/"
Row = tuple[str | None, ...]


@pytest.fixture(scope="module")
def turtle(seeds_build) -> Graph:
    return Graph().parse(seeds_build.out_dir / "graph.ttl", format="turtle")


def rdflib_rows(graph: Graph, query: str) -> tuple[tuple[str, ...], set[Row]]:
    result = graph.query(query)
    rows = {tuple(None if v is None else str(v) for v in row) for row in result}
    return tuple(str(v) for v in result.vars or ()), rows


def http_rows(server: Server, query: str) -> tuple[tuple[str, ...], set[Row]]:
    result = run_endpoint_query(server.query, query, default_graphs=server.default_graphs)
    return result.variables, set(result.rows)


CONTRACT = ("criticisms", "entities", "evidence", "memberships", "quotes", "roles", "supports")


def test_the_contract_list_is_complete(contract_queries: dict[str, str]) -> None:
    assert set(contract_queries) == set(CONTRACT)


@pytest.mark.parametrize("name", CONTRACT)
def test_contract_query_over_http_equals_rdflib_over_turtle(name: str, server: Server,
                                                            load_seeds: Callable[[Server], None],
                                                            contract_queries: dict[str, str], turtle: Graph) -> None:
    load_seeds(server)
    query = contract_queries[name]

    variables, expected = rdflib_rows(turtle, query)
    http_variables, got = http_rows(server, query)

    assert http_variables == variables
    assert got == expected
    assert expected, f"{name}.rq answers nothing over the seeds"


def graph_sizes(server: Server) -> dict[str, int]:
    """Triples per article graph, and in the merged view ("")."""
    _, rows = http_rows(server, f"""SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }}
                                     FILTER(STRSTARTS(STR(?g), "{ARTICLE_PREFIX}")) }} GROUP BY ?g""")
    sizes = {str(g): int(str(n)) for g, n in rows}
    _, merged = http_rows(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    sizes[""] = int(str(next(iter(merged))[0]))
    return sizes


def test_loading_again_replaces_every_graph(server: Server, load_seeds: Callable[[Server], None], seeds_build,
                                            turtle: Graph) -> None:
    load_seeds(server)
    dataset = Dataset()
    dataset.parse(seeds_build.out_dir / "graph.trig", format="trig")
    expected = {str(g.identifier): len(g) for g in dataset.graphs() if str(g.identifier).startswith(ARTICLE_PREFIX)}
    expected[""] = len(turtle)

    before = graph_sizes(server)
    status = main(["load", str(seeds_build.out_dir), "--endpoint", server.store.url, "--quiet", *server.load_args])

    assert status == 0
    assert before == expected
    assert graph_sizes(server) == expected


def test_kg_query_endpoint_prints_the_same_rows_as_over_the_file(server: Server, load_seeds: Callable[[Server], None],
                                                                  seeds_build, shared_dir: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    load_seeds(server)
    rq = str(shared_dir / "sparql" / "criticisms.rq")
    main(["query", str(seeds_build.out_dir / "graph.ttl"), rq, "--format", "json"])
    expected = json.loads(capsys.readouterr().out)

    extra = [arg for g in server.default_graphs for arg in ("--default-graph", g)]
    status = main(["query", "--endpoint", server.query.url, *extra, rq, "--format", "json"])

    assert status == 0
    assert json.loads(capsys.readouterr().out) == expected
    assert expected


def test_wrong_password_is_one_line_and_exits_2(virtuoso_server: Server, seeds_build,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["load", str(seeds_build.out_dir), "--endpoint", virtuoso_server.store.url, "--quiet",
                   "--user", "dba", "--password", "not-the-password", "--graph", "urn:x"])

    err = capsys.readouterr().err.strip()
    assert status == 2
    assert err.count("\n") == 0
    assert "HTTP 401" in err and "--password" in err


@pytest.mark.parametrize("auth", ["basic", "digest"])
def test_virtuoso_takes_digest_and_refuses_basic(virtuoso_server: Server, seeds_build, auth: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["load", str(seeds_build.out_dir), "--endpoint", virtuoso_server.store.url, "--quiet",
                   *virtuoso_server.load_args, "--auth", auth])

    assert status == (0 if auth == "digest" else 2)
    if auth == "basic":
        assert "HTTP 401" in capsys.readouterr().err


def test_merged_view_into_a_store_without_a_default_graph_says_to_use_graph(virtuoso_server: Server, seeds_build,
                                                                            capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["load", str(seeds_build.out_dir), "--endpoint", virtuoso_server.store.url, "--quiet",
                   "--user", "dba", "--password", "dba"])

    err = capsys.readouterr().err.strip()
    assert status == 2
    assert err.count("\n") == 0
    assert "HTTP 500" in err and "--graph IRI" in err
