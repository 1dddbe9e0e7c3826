"""Acceptance: the contract queries (shared/sparql) answer over the seeds' Turtle export, the
same with rdflib and with an Oxigraph store, and non-empty wherever the seeds' gold has facts.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import BNode, Graph, Literal, URIRef

pytestmark = pytest.mark.slow

ID = "https://w3id.org/newskg/id/"
# Which gold kinds (shared/gold/GUIDELINE.md) each contract query answers.
GOLD_KINDS = {
    "criticisms": ("criticisms",),
    "entities": ("entities",),
    "evidence": ("roles", "memberships", "criticisms", "supports"),
    "memberships": ("memberships",),
    "quotes": ("quotes",),
    "roles": ("roles",),
    "supports": ("supports",),
}
Row = tuple[str | None, ...]


def contract_prefixes(shared: Path) -> dict[str, str]:
    text = (shared / "sparql" / "prefixes.rq").read_text(encoding="utf-8")
    return dict(re.findall(r"(?im)^\s*PREFIX\s+([\w-]*):\s*<([^>]+)>", text))


@pytest.fixture(scope="module")
def turtle_path(seeds_build) -> Path:
    return seeds_build.out_dir / "graph.ttl"


@pytest.fixture(scope="module")
def rdflib_graph(turtle_path: Path) -> Graph:
    return Graph().parse(turtle_path, format="turtle")


@pytest.fixture(scope="module")
def oxigraph_store(turtle_path: Path) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.load(path=turtle_path, format=pyoxigraph.RdfFormat.TURTLE)
    return store


@pytest.fixture(scope="module")
def gold_counts(shared_dir: Path) -> dict[str, int]:
    gold = shared_dir / "gold" / "seeds.jsonl"
    if not gold.is_file():
        pytest.skip(f"{gold} not found")
    counts: dict[str, int] = {}
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.strip():
            for kind, items in json.loads(line).items():
                if isinstance(items, list):
                    counts[kind] = counts.get(kind, 0) + len(items)
    return counts


def rdflib_rows(graph: Graph, query: str) -> tuple[tuple[str, ...], set[Row]]:
    result = graph.query(query)
    variables = tuple(str(v) for v in result.vars or ())
    return variables, {tuple(None if v is None else str(v) for v in row) for row in result}


def oxigraph_rows(store: pyoxigraph.Store, query: str, variables: tuple[str, ...]) -> set[Row]:
    solutions = store.query(query)
    assert [v.value for v in solutions.variables] == list(variables)
    rows = set()
    for solution in solutions:
        values = (solution[v] for v in variables)
        rows.add(tuple(None if term is None else term.value for term in values))
    return rows


def test_every_gold_kind_has_a_contract_query(contract_queries: dict[str, str]) -> None:
    assert set(contract_queries) == set(GOLD_KINDS), "a contract query was added or removed: map it to its gold kinds"


@pytest.mark.parametrize("name", sorted(GOLD_KINDS))
def test_contract_query_gives_the_same_rows_in_rdflib_and_oxigraph(
        name: str, contract_queries: dict[str, str], rdflib_graph: Graph, oxigraph_store: pyoxigraph.Store,
        gold_counts: dict[str, int]) -> None:
    query = contract_queries[name]

    variables, rows = rdflib_rows(rdflib_graph, query)
    oxi_rows = oxigraph_rows(oxigraph_store, query, variables)

    assert rows == oxi_rows
    if any(gold_counts.get(kind, 0) for kind in GOLD_KINDS[name]):
        assert rows, f"{name}.rq answers nothing, but the seeds' gold has {GOLD_KINDS[name]} facts"


def test_evidence_rows_quote_a_sentence_of_their_article(contract_queries: dict[str, str],
                                                          rdflib_graph: Graph, seeds_build) -> None:
    by_id = {a.article.id: a.article.text for a in seeds_build.report.resolved.articles}
    texts = {str(article): by_id[str(identifier)]
             for article, identifier in rdflib_graph.subject_objects(URIRef("https://schema.org/identifier"))}
    assert len(texts) == len(by_id)
    variables, rows = rdflib_rows(rdflib_graph, contract_queries["evidence"])
    article_i, sentence_i = variables.index("article"), variables.index("sentence")

    assert rows
    for row in rows:
        assert row[article_i] in texts, row[article_i]
        assert row[sentence_i] in texts[row[article_i]]


def test_every_iri_is_minted_or_from_a_known_vocabulary(rdflib_graph: Graph, shared_dir: Path) -> None:
    known = (ID, *contract_prefixes(shared_dir).values())
    iris: set[str] = set()
    for triple in rdflib_graph:
        for term in triple:
            assert not isinstance(term, BNode), triple
            if isinstance(term, URIRef):
                iris.add(str(term))
            elif isinstance(term, Literal) and term.datatype is not None:
                iris.add(str(term.datatype))

    strays = sorted(i for i in iris if not i.startswith(known))
    assert strays == []
    minted = [i for i in iris if i.startswith(ID)]
    assert minted
    for iri in minted:
        assert re.fullmatch(r"[a-z]+/[a-z0-9-]+", iri[len(ID):]), iri


def test_every_person_has_exactly_one_name(rdflib_graph: Graph) -> None:
    schema = "https://schema.org/"
    people = set(rdflib_graph.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                       URIRef(schema + "Person")))

    assert people
    for person in people:
        names = list(rdflib_graph.objects(person, URIRef(schema + "name")))
        assert len(names) == 1, (person, names)
        assert str(names[0]).strip()
