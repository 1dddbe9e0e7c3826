"""Quads: rdflib terms and graphs as pyoxigraph terms and quads, for the Oxigraph store.

A build's graphs are made of rdflib terms (``kg.graph.build``), one article at a time, and
written into Oxigraph, which stores, orders and serialises them far faster than rdflib does
once the corpus is large.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import pyoxigraph
from rdflib import Literal, URIRef
from rdflib.term import Node

OxigraphTerm = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal


def oxigraph_term(term: Node) -> OxigraphTerm:
    """The pyoxigraph term for an rdflib IRI, literal or blank node."""
    if isinstance(term, URIRef):
        return _named_node(term)
    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return pyoxigraph.Literal(str(term), datatype=_named_node(term.datatype))
        return pyoxigraph.Literal(str(term))
    return pyoxigraph.BlankNode(str(term))


@lru_cache(maxsize=1 << 16)  # predicates, classes and entities recur in every article
def _named_node(iri: URIRef) -> pyoxigraph.NamedNode:
    return pyoxigraph.NamedNode(str(iri))


def article_quads(name: URIRef, triples: Iterable[tuple[Node, Node, Node]]) -> tuple[list[pyoxigraph.Quad],
                                                                                       list[pyoxigraph.Quad]]:
    """An article's triples as quads in its named graph ``name`` and in the default (merged) graph."""
    named_graph, default = _named_node(name), pyoxigraph.DefaultGraph()
    named, merged = [], []
    for s, p, o in triples:
        subject, predicate, obj = oxigraph_term(s), oxigraph_term(p), oxigraph_term(o)
        named.append(pyoxigraph.Quad(subject, predicate, obj, named_graph))
        merged.append(pyoxigraph.Quad(subject, predicate, obj, default))
    return named, merged
