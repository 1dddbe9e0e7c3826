"""kg.store: the embedded Oxigraph store written atomically and queried read-only."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from kg.errors import InputError, QueryError
from kg.export.rdf import to_trig
from kg.query import run_store_query
from kg.store import is_store, open_store, select, serve_command, write_store

TRIG = b"""@prefix ex: <http://example.org/> .
{ ex:a ex:name "Ada" . ex:b ex:name "Bram" . }
ex:g1 { ex:a ex:name "Ada" . }
ex:g2 { ex:b ex:name "Bram" . }
"""


def rows(store_dir: Path, query: str) -> set[tuple[str | None, ...]]:
    return set(select(open_store(store_dir), query)[1])


def test_the_store_holds_the_named_graphs_and_the_merged_default_graph(tmp_path: Path) -> None:
    store = write_store(TRIG, tmp_path / "store")

    assert is_store(store)
    assert rows(store, "SELECT ?n WHERE { ?s <http://example.org/name> ?n }") == {("Ada",), ("Bram",)}
    assert rows(store, "SELECT ?g ?n WHERE { GRAPH ?g { ?s <http://example.org/name> ?n } }") == {
        ("http://example.org/g1", "Ada"), ("http://example.org/g2", "Bram")}


def test_writing_again_replaces_the_store_and_leaves_nothing_behind(tmp_path: Path) -> None:
    write_store(TRIG, tmp_path / "store")

    write_store(b'{ <http://example.org/c> <http://example.org/name> "Cleo" . }', tmp_path / "store")

    assert rows(tmp_path / "store", "SELECT ?n WHERE { ?s ?p ?n }") == {("Cleo",)}
    assert [p.name for p in tmp_path.iterdir()] == ["store"]


def test_a_failed_write_keeps_the_previous_store_readable(tmp_path: Path) -> None:
    write_store(TRIG, tmp_path / "store")

    with pytest.raises(SyntaxError):
        write_store(b"{ this is not trig", tmp_path / "store")

    assert rows(tmp_path / "store", "SELECT ?n WHERE { ?s ?p ?n }") == {("Ada",), ("Bram",)}
    assert [p.name for p in tmp_path.iterdir()] == ["store"]


def test_leftovers_of_an_interrupted_write_are_cleaned_up(tmp_path: Path) -> None:
    (tmp_path / ".store.tmp-abc").mkdir()
    (tmp_path / ".store.old-def").mkdir()

    write_store(TRIG, tmp_path / "store")

    assert [p.name for p in tmp_path.iterdir()] == ["store"]


def test_the_store_answers_like_rdflib_with_project_prefixes(tmp_path: Path) -> None:
    ttl = """@prefix schema: <https://schema.org/> .
    <https://w3id.org/newskg/id/person/a> a schema:Person ; schema:name "Ada" ; schema:alternateName "A." .
    <https://w3id.org/newskg/id/person/b> a schema:Person ; schema:name "Bram" ."""
    graph = Graph().parse(data=ttl, format="turtle")
    dataset = Dataset()
    for triple in graph:
        dataset.default_graph.add(triple)
    write_store(to_trig(dataset), tmp_path / "store")
    query = "SELECT ?n ?alt WHERE { ?p a schema:Person ; schema:name ?n OPTIONAL { ?p schema:alternateName ?alt } }"

    result = run_store_query(tmp_path / "store", query)

    expected = {tuple(None if v is None else str(v) for v in row) for row in graph.query(
        "PREFIX schema: <https://schema.org/>\n" + query)}
    assert set(result.rows) == expected == {("Ada", "A."), ("Bram", None)}


@pytest.mark.parametrize("query, message", [
    ("SELEKT ?x WHERE { ?x ?y ?z }", "query failed"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "only SELECT and ASK"),
])
def test_bad_queries_raise_query_error(tmp_path: Path, query: str, message: str) -> None:
    write_store(TRIG, tmp_path / "store")

    with pytest.raises(QueryError, match=message):
        select(open_store(tmp_path / "store"), query)


def test_ask_gives_one_row(tmp_path: Path) -> None:
    write_store(TRIG, tmp_path / "store")

    assert select(open_store(tmp_path / "store"), "ASK { ?s ?p ?o }") == (("ask",), [("true",)])


def test_no_store_says_how_to_build_one(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="kg build"):
        open_store(tmp_path / "missing")
    with pytest.raises(InputError, match="kg build"):
        serve_command(tmp_path / "missing")


def test_serve_runs_oxigraph_read_only_on_the_loopback_by_default(tmp_path: Path) -> None:
    store = write_store(TRIG, tmp_path / "store")
    try:
        command = serve_command(store)
    except InputError as e:
        pytest.skip(str(e))

    assert command[1:] == ["serve-read-only", "--location", str(store), "--bind", "127.0.0.1:7878"]
