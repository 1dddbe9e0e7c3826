"""A graph indexed by subject and predicate, every term a plain string.

The HTML view and the tables read graphs through a :class:`TripleIndex` (the view, its part of
the merged graph: ``kg.export.scope``; the tables, each article's graph): one pass over the
triples, then dict look-ups on ``str`` keys, many times faster than as many calls into
rdflib's store with rdflib terms (whose hash is computed in Python). It is built from an
Oxigraph store (a build) or from rdflib triples (the library API, loaded files), and every
list in it is sorted, so what is read never depends on where the triples came from.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph
from rdflib import BNode, Dataset, Graph
from rdflib.term import Node

from kg.graph.namespaces import KG, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, TIME


class Terms:
    """The IRIs the HTML view and the tables read, as plain strings (the keys of a :class:`TripleIndex`)."""

    type = str(RDF.type)
    subject, predicate, object = str(RDF.subject), str(RDF.predicate), str(RDF.object)
    statement = str(RDF.Statement)
    label = str(RDFS.label)
    pref_label = str(SKOS.prefLabel)
    name, alternate_name = str(SCHEMA.name), str(SCHEMA.alternateName)
    identifier, headline, mentions = str(SCHEMA.identifier), str(SCHEMA.headline), str(SCHEMA.mentions)
    news_article = str(SCHEMA.NewsArticle)
    quotation, creator, text, is_part_of = (str(SCHEMA.Quotation), str(SCHEMA.creator), str(SCHEMA.text),
                                            str(SCHEMA.isPartOf))
    membership, member, organization = str(ORG.Membership), str(ORG.member), str(ORG.organization)
    role, member_during, member_of = str(ORG.role), str(ORG.memberDuring), str(ORG.memberOf)
    has_beginning, has_end, in_year = str(TIME.hasBeginning), str(TIME.hasEnd), str(TIME.inXSDgYear)
    derived_from, generated_by = str(PROV.wasDerivedFrom), str(PROV.wasGeneratedBy)
    holds_post, status, evidence = str(KG.holdsPost), str(KG.status), str(KG.evidence)
    confidence, start_offset = str(KG.confidence), str(KG.startOffset)


class TripleIndex:
    """Triples as ``subject -> predicate -> sorted objects``.

    A term's key is the IRI, ``_:id`` for a blank node (so it cannot pass for an IRI), or a
    literal's lexical form.
    """

    def __init__(self, triples: Iterable[tuple[str, str, str]]) -> None:
        out: dict[str, dict[str, list[str]]] = {}
        # Every term read from a store is a new string: keep one copy of each (an IRI recurs
        # in thousands of triples), or the index takes several times the memory.
        seen: dict[str, str] = {}
        one = seen.setdefault
        for subject, predicate, obj in triples:
            subject, predicate, obj = one(subject, subject), one(predicate, predicate), one(obj, obj)
            by_predicate = out.get(subject)
            if by_predicate is None:
                by_predicate = out[subject] = {}
            by_predicate.setdefault(predicate, []).append(obj)
        instances: dict[str, list[str]] = defaultdict(list)
        mentions: list[tuple[str, str]] = []
        for subject, by_predicate in out.items():
            for objects in by_predicate.values():
                objects.sort()
            for cls in by_predicate.get(Terms.type, ()):
                instances[cls].append(subject)
            mentions.extend((subject, entity) for entity in by_predicate.get(Terms.mentions, ()))
        self._out = out
        self._instances = {cls: sorted(subjects) for cls, subjects in instances.items()}
        self.mentions = sorted(mentions)  # (article, entity)

    @classmethod
    def of_graph(cls, graph: Iterable[tuple[Node, Node, Node]]) -> TripleIndex:
        """The index of an rdflib graph (of a dataset, its default graph), or of rdflib triples."""
        if isinstance(graph, Dataset):
            graph = default_graph(graph)

        def key(term: object) -> str:
            return term.n3() if isinstance(term, BNode) else str(term)

        return cls((key(s), str(p), key(o)) for s, p, o in graph)

    @classmethod
    def of_store(cls, store: pyoxigraph.Store, graph: pyoxigraph.NamedNode | None = None) -> TripleIndex:
        """The index of one graph of a store: the default graph, or the named ``graph``."""
        quads = store.quads_for_pattern(None, None, None, graph or pyoxigraph.DefaultGraph())
        return cls((store_key(q.subject), q.predicate.value, store_key(q.object)) for q in quads)

    def objects(self, subject: str, predicate: str) -> list[str]:
        """The objects of ``subject predicate ?o``, sorted."""
        found = self._out.get(subject)
        return found.get(predicate, []) if found is not None else []

    def value(self, subject: str, predicate: str) -> str:
        """The smallest object of ``subject predicate ?o``, or ``""`` (never the store's whim)."""
        values = self.objects(subject, predicate)
        return values[0] if values else ""

    def instances(self, cls: str) -> list[str]:
        """The subjects of ``?s rdf:type cls``, sorted."""
        return self._instances.get(cls, [])


def store_key(term: pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal) -> str:
    """A store term's key in a :class:`TripleIndex`."""
    return f"_:{term.value}" if isinstance(term, pyoxigraph.BlankNode) else term.value


def default_graph(dataset: Dataset) -> Graph:
    """The dataset's default graph (``default_graph`` from rdflib 7.5; ``default_context`` before)."""
    graph = getattr(dataset, "default_graph", None)
    return graph if isinstance(graph, Graph) else dataset.default_context
