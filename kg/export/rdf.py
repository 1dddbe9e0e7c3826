"""RDF exports: Turtle (merged graph), TriG (named graph per article + merged view), JSON-LD.

Exports must be byte-identical for the same input. rdflib's Turtle serializer sorts
subjects, predicates and objects; its TriG and JSON-LD serializers follow hash order, which
changes between processes, so those two are put in order here.
"""

from __future__ import annotations

import json

from rdflib import Dataset, Graph

from kg.graph.build import merged_graph
from kg.graph.namespaces import PREFIXES


def to_turtle(dataset: Dataset) -> bytes:
    """The merged graph as Turtle."""
    return merged_graph(dataset).serialize(format="turtle").encode("utf-8")


def to_trig(dataset: Dataset) -> bytes:
    """Every article's named graph and the merged default graph, as TriG.

    Written graph by graph in IRI order, each body by the Turtle serializer (whose order is
    stable), since rdflib's TriG serializer orders graphs by hash. Bodies are not indented,
    so multi-line literals keep their exact text.
    """
    wanted = set(PREFIXES) | {"id"}
    namespaces = sorted((p, str(ns)) for p, ns in dataset.namespaces() if p in wanted)
    lines = [f"@prefix {prefix}: <{ns}> ." for prefix, ns in namespaces]
    graphs = [(None, dataset.default_graph)] + sorted(
        ((g.identifier, g) for g in dataset.graphs() if g.identifier != dataset.default_graph.identifier),
        key=lambda pair: str(pair[0]),
    )
    for name, graph in graphs:
        if len(graph) == 0:
            continue
        body = _turtle_body(graph, dataset)
        lines.append("")
        lines.append("{" if name is None else f"{name.n3()} {{")
        # Not indented: a line break inside a long literal ("""…""") would take the indent in.
        # split("\n"), not splitlines(): that also splits at U+2028, U+0085, \f, … inside literals.
        lines.extend(body.split("\n"))
        lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _turtle_body(graph: Graph, dataset: Dataset) -> str:
    """A graph's triples in Turtle, without its prefix lines (the TriG header has them)."""
    plain = Graph(bind_namespaces="none")
    for prefix, namespace in dataset.namespaces():
        plain.bind(prefix, namespace, override=True, replace=True)
    for triple in graph:
        plain.add(triple)
    lines = plain.serialize(format="turtle").split("\n")
    # The prefix lines head the output; a literal's own line starting "@prefix" is text.
    while lines and (lines[0].startswith("@prefix") or not lines[0].strip()):
        lines.pop(0)
    return "\n".join(lines).strip()


def to_jsonld(dataset: Dataset) -> bytes:
    """The merged graph as JSON-LD, with the prefixes as its context, keys and nodes sorted."""
    graph = merged_graph(dataset)
    context = {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix}
    data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    return (json.dumps(_canonical(data), ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _canonical(value: object) -> object:
    """Sort JSON-LD arrays (node lists, value lists) so their order never varies."""
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value
