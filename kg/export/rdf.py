"""RDF exports: Turtle (merged graph), TriG (named graph per article + merged view), JSON-LD.

All three are written by pyoxigraph (Rust) straight from the build's on-disk store to the
file: rdflib's serializers take minutes beyond a million triples (rdflib issue 2135), and
nothing the size of the graph is held in memory. The store's own order is the files' order:
the same data gives the same bytes, whatever order it was added in.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from itertools import groupby
from typing import BinaryIO

import pyoxigraph
from rdflib import Dataset, Graph

from kg.export.source import GraphSource
from kg.graph.namespaces import PREFIXES

#: The vocabulary prefixes the files declare. Instance IRIs are written in full: their paths
#: hold slashes, which a prefixed name would have to escape (``id:person\\/…``).
FILE_PREFIXES = dict(sorted((prefix, str(namespace)) for prefix, namespace in PREFIXES.items()))

Writer = Callable[[GraphSource, BinaryIO], None]


def write_turtle(source: GraphSource, out: BinaryIO) -> None:
    """The merged (default) graph as Turtle."""
    source.store.dump(out, pyoxigraph.RdfFormat.TURTLE, from_graph=pyoxigraph.DefaultGraph(),
                      prefixes=FILE_PREFIXES)


def write_trig(source: GraphSource, out: BinaryIO) -> None:
    """Every graph of the store, the merged default graph and each article's named graph, as TriG."""
    source.store.dump(out, pyoxigraph.RdfFormat.TRIG, prefixes=FILE_PREFIXES)


def write_jsonld(source: GraphSource, out: BinaryIO) -> None:
    """The merged graph as JSON-LD: one node object per subject and per line.

    pyoxigraph writes each subject's node in expanded form; property names are then written
    as compact IRIs with the project's prefixes as the ``@context`` ("schema:name"). Values
    keep their full IRIs, so every reader expands the document to the same triples.
    """
    by_length = sorted(FILE_PREFIXES.items(), key=lambda item: -len(item[1]))

    def compact(iri: str) -> str:
        for prefix, namespace in by_length:
            local = iri[len(namespace):]
            if iri.startswith(namespace) and local and not local.startswith("//"):
                return f"{prefix}:{local}"
        return iri

    out.write(('{"@context": ' + json.dumps(FILE_PREFIXES, ensure_ascii=False, indent=1) + ',\n"@graph": [').encode())
    separator = "\n"
    for node in _nodes(source.store):
        # json's C encoder, one node a line: readable and diffable (indent= is pure Python).
        line = json.dumps({key if key.startswith("@") else compact(key): values for key, values in node.items()},
                          ensure_ascii=False)
        out.write((separator + line).encode("utf-8"))
        separator = ",\n"
    out.write(b"\n]}\n")


def _nodes(store: pyoxigraph.Store) -> Iterator[dict[str, object]]:
    """The default graph's node objects in expanded JSON-LD, one subject at a time."""
    quads = store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())
    for _, group in groupby(quads, key=lambda q: q.subject):
        # Quads of the default graph serialise as their triples would.
        yield from json.loads(pyoxigraph.serialize(list(group), format=pyoxigraph.RdfFormat.JSON_LD))


def to_bytes(writer: Writer, data: Dataset | Graph | GraphSource) -> bytes:
    """What ``writer`` writes for ``data`` (a build's source, or an rdflib dataset or graph)."""
    buffer = io.BytesIO()
    with GraphSource.reading(data) as source:
        writer(source, buffer)
    return buffer.getvalue()


def to_turtle(data: Dataset | Graph | GraphSource) -> bytes:
    """The merged graph as Turtle."""
    return to_bytes(write_turtle, data)


def to_trig(data: Dataset | Graph | GraphSource) -> bytes:
    """The merged graph and each article's named graph as TriG."""
    return to_bytes(write_trig, data)


def to_jsonld(data: Dataset | Graph | GraphSource) -> bytes:
    """The merged graph as JSON-LD (see :func:`write_jsonld`)."""
    return to_bytes(write_jsonld, data)
