"""kg.export.tables: facts.csv and graph.graphml of the hand-made corpus, counted by hand, and of
the seeds; both byte-stable.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import networkx as nx
import pytest
from rdflib import Dataset, Literal, URIRef

from kg.export.tables import CSV_COLUMNS, fact_rows, to_facts_csv, to_graphml, to_networkx
from kg.graph.namespaces import KG, RDF

from .conftest import EVIL_NAME, EVIL_QUOTE, HANDMADE_TEXT, LINK_SENTENCE

ID = "https://w3id.org/newskg/id/"


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def graphml(data: bytes) -> nx.MultiDiGraph:
    return nx.read_graphml(io.BytesIO(data), force_multigraph=True)


def test_facts_csv_has_one_row_per_fact_of_the_handmade_corpus(handmade_dataset: Any) -> None:
    rows = csv_rows(to_facts_csv(handmade_dataset))

    assert list(rows[0]) == list(CSV_COLUMNS)
    summary = sorted((r["subject"], r["relation"], r["object"], r["post"], r["organisation"], r["start"], r["end"],
                      r["status"]) for r in rows)
    assert summary == sorted([
        (EVIL_NAME, "accuses", "Bram Oakes", "", "", "", "", ""),
        (EVIL_NAME, "criticises", "Bram Oakes", "", "", "", "", ""),
        (EVIL_NAME, "holdsPost", "leader", "leader", "Lantern Guild", "2019", "2023", "former"),
        ("Bram Oakes", "praises", EVIL_NAME, "", "", "", "", ""),
        ("Bram Oakes", "holdsPost", "Mayor", "Mayor", "", "", "", "current"),
        ("Bram Oakes", "memberOf", "Lantern Guild", "", "Lantern Guild", "", "", "current"),
        (EVIL_NAME, "holdsPost", "envoy", "envoy", "Norvale", "", "", "current"),
        (EVIL_NAME, "quote", EVIL_QUOTE, "", "", "", "", ""),
    ])
    assert {r["article"] for r in rows} == {"lantern-guild.txt"}
    assert all(r["sentence"] and r["sentence"] in HANDMADE_TEXT for r in rows)
    accuses = next(r for r in rows if r["relation"] == "accuses")
    assert accuses["sentence"] == LINK_SENTENCE


def test_facts_csv_rows_are_in_reading_order(handmade_dataset: Any) -> None:
    rows = fact_rows(handmade_dataset)

    offsets = [r.offset for r in rows]
    assert offsets == sorted(offsets)


def test_graphml_has_the_entities_as_nodes_and_facts_between_them_as_edges(handmade_dataset: Any) -> None:
    network = graphml(to_graphml(handmade_dataset))
    assert nx.utils.graphs_equal(network, to_networkx(handmade_dataset))

    assert sorted(network.nodes) == sorted(ID + k for k in ("person/ada-quill", "person/bram-oakes",
                                                            "organization/lantern-guild", "place/norvale"))
    ada = network.nodes[ID + "person/ada-quill"]
    assert (ada["name"], ada["label"], ada["type"]) == (EVIL_NAME, EVIL_NAME, "Person")
    assert network.nodes[ID + "person/bram-oakes"]["posts"] == "Mayor"
    edges = sorted((u.rsplit("/", 1)[1], v.rsplit("/", 1)[1], d["kind"], d["relation"], d.get("post", ""))
                   for u, v, d in network.edges(data=True))
    assert edges == sorted([
        ("ada-quill", "bram-oakes", "criticises", "accuses", ""),
        ("ada-quill", "bram-oakes", "criticises", "criticises", ""),
        ("bram-oakes", "ada-quill", "supports", "praises", ""),
        ("ada-quill", "lantern-guild", "role", "holdsPost", "leader"),
        ("bram-oakes", "lantern-guild", "membership", "memberOf", ""),
        ("ada-quill", "norvale", "role", "holdsPost", "envoy"),
    ])
    assert all(d["evidence"] in HANDMADE_TEXT and d["article"] == "lantern-guild.txt"
               for _, _, d in network.edges(data=True))


def test_graphml_drops_characters_xml_cannot_hold(handmade_dataset: Any) -> None:
    dataset = Dataset()
    for triple in handmade_dataset.default_graph:
        dataset.default_graph.add(triple)
    ada = URIRef(ID + "person/ada-quill")
    statement = next(s for s in dataset.default_graph.subjects(RDF.predicate, KG.accuses))
    dataset.default_graph.set((statement, KG.evidence, Literal("Form\x0cfeed and \x00 nul")))

    network = graphml(to_graphml(dataset))

    assert "Formfeed and  nul" in {d["evidence"] for _, _, d in network.out_edges(str(ada), data=True)}


@pytest.mark.parametrize("export", [to_facts_csv, to_graphml])
def test_table_exports_do_not_depend_on_insertion_order(handmade_dataset: Any, export: Any) -> None:
    reversed_dataset = Dataset()
    for triple in sorted(handmade_dataset.default_graph, reverse=True):
        reversed_dataset.default_graph.add(triple)

    assert export(reversed_dataset) == export(handmade_dataset)


@pytest.mark.slow
def test_the_seeds_facts_csv_covers_every_statement_and_quote(seeds_dataset: Any) -> None:
    graph = seeds_dataset.default_graph
    statements = len(set(graph.subjects(RDF.type, RDF.Statement)))
    quotes = len(set(graph.subjects(RDF.type, URIRef("https://schema.org/Quotation"))))
    rows = csv_rows(to_facts_csv(seeds_dataset))
    interactions = [r for r in rows if r["relation"] not in ("holdsPost", "memberOf", "quote")]

    assert len([r for r in rows if r["relation"] == "quote"]) == quotes
    assert len(interactions) <= statements
    assert interactions and all(r["sentence"] for r in rows)
    network = graphml(to_graphml(seeds_dataset))
    assert network.number_of_nodes() > 5 and network.number_of_edges() > 5


def test_rows_read_article_by_article_are_the_rows_of_the_merged_graph(handmade_dataset: Any) -> None:
    from kg.export.index import TripleIndex

    named = [g for g in handmade_dataset.graphs() if g.identifier != handmade_dataset.default_graph.identifier]
    assert len([g for g in named if len(g)]) >= 1  # read from the named graphs

    assert fact_rows(handmade_dataset) == fact_rows(TripleIndex.of_graph(handmade_dataset))


@pytest.mark.slow
def test_the_seeds_rows_read_article_by_article_are_the_rows_of_the_merged_graph(seeds_dataset: Any) -> None:
    from kg.export.index import TripleIndex

    assert len(list(seeds_dataset.graphs())) > 2  # a named graph per article, and the default one
    assert fact_rows(seeds_dataset) == fact_rows(TripleIndex.of_graph(seeds_dataset))
