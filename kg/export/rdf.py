"""RDF exports: Turtle (merged graph), TriG (named graph per article + merged view), JSON-LD.

Exports must be byte-identical for the same input, so every triple is put in order here.
Turtle, TriG and JSON-LD are written by pyoxigraph (Rust): rdflib's serializers take minutes
beyond a million triples (rdflib issue 2135) and its TriG follows hash order.
"""

from __future__ import annotations

import json

import pyoxigraph
from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from kg.graph.namespaces import PREFIXES


def to_turtle(dataset: Dataset) -> bytes:
    """The merged graph as Turtle: triples sorted, grouped by subject, written by pyoxigraph."""
    triples = sorted(dataset.default_graph, key=_triple_key)
    return pyoxigraph.serialize([pyoxigraph.Triple(*map(_term, t)) for t in triples],
                                format=pyoxigraph.RdfFormat.TURTLE, prefixes=_prefixes(dataset))


def to_trig(dataset: Dataset) -> bytes:
    """Every article's named graph and the merged default graph, as TriG.

    The default graph comes first, then the named graphs in IRI order, each with its triples
    sorted; pyoxigraph writes them (rdflib's TriG serializer orders graphs by hash and takes
    minutes on large graphs).
    """
    default = dataset.default_graph.identifier
    graphs = sorted((g for g in dataset.graphs() if g.identifier != default), key=lambda g: str(g.identifier))
    quads = [pyoxigraph.Quad(*map(_term, t), pyoxigraph.DefaultGraph())
             for t in sorted(dataset.default_graph, key=_triple_key)]
    for graph in graphs:
        name = _term(graph.identifier)
        quads.extend(pyoxigraph.Quad(*map(_term, t), name) for t in sorted(graph, key=_triple_key))
    return pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.TRIG, prefixes=_prefixes(dataset))


def to_ntriples(dataset: Dataset) -> bytes:
    """The merged graph as N-Triples, in no particular order (for validation, not for users)."""
    return pyoxigraph.serialize([pyoxigraph.Triple(*map(_term, t)) for t in dataset.default_graph],
                                format=pyoxigraph.RdfFormat.N_TRIPLES)


def _prefixes(dataset: Dataset) -> dict[str, str]:
    """The project's vocabulary prefixes bound in the dataset, sorted.

    Instance IRIs are written in full: their paths hold slashes, which a prefixed name
    would have to escape (``id:person\\/…``).
    """
    return dict(sorted((p, str(ns)) for p, ns in dataset.namespaces() if p in PREFIXES))


def _triple_key(triple: tuple[Node, Node, Node]) -> tuple[str, str, str, str]:
    """Order triples by subject, predicate, then object (its kind before its text)."""
    s, p, o = triple
    return str(s), str(p), type(o).__name__, o.n3()


def _term(term: Node) -> pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal:
    if isinstance(term, URIRef):
        return pyoxigraph.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
        return pyoxigraph.Literal(str(term))
    return pyoxigraph.BlankNode(str(term))


def to_jsonld(dataset: Dataset) -> bytes:
    """The merged graph as JSON-LD: one node object per subject, in subject order.

    pyoxigraph writes the expanded form from the sorted triples (rdflib's JSON-LD serializer
    took longer than every other export together); property names are then written as
    compact IRIs with the project's prefixes as the ``@context`` ("schema:name"). Values keep
    their full IRIs, so every reader expands the document to the same triples.
    """
    prefixes = _prefixes(dataset)
    triples = sorted(dataset.default_graph, key=_triple_key)
    expanded = json.loads(pyoxigraph.serialize([pyoxigraph.Triple(*map(_term, t)) for t in triples],
                                               format=pyoxigraph.RdfFormat.JSON_LD))
    by_length = sorted(prefixes.items(), key=lambda item: -len(item[1]))

    def compact(iri: str) -> str:
        for prefix, namespace in by_length:
            local = iri[len(namespace):]
            if iri.startswith(namespace) and local and not local.startswith("//"):
                return f"{prefix}:{local}"
        return iri

    # One node per line: readable and diffable, and json's C encoder (indent= is pure Python).
    lines = [json.dumps({key if key.startswith("@") else compact(key): values for key, values in node.items()},
                        ensure_ascii=False) for node in expanded]
    context = json.dumps(prefixes, ensure_ascii=False, indent=1)
    return ('{"@context": ' + context + ',\n"@graph": [\n' + ",\n".join(lines) + "\n]}\n").encode("utf-8")
