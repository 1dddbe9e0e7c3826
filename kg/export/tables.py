"""Table and network exports: ``facts.csv`` for spreadsheets, ``graph.graphml`` for Gephi and Cytoscape.

Both are read from the merged (default) graph, as the ontology models it
(``ontology/README.md``), and both list the same facts, one per sentence that states it:

- a post or membership: an ``org:Membership`` and, for each article it is derived from,
  each sentence of that article whose ``kg:holdsPost`` / ``org:memberOf`` statement proves it;
- a criticism or support: an ``rdf:Statement`` whose predicate is ``kg:criticises``,
  ``kg:supports`` or one of their sub-properties;
- a quotation: a ``schema:Quotation`` with its speaker.

Rows and graph elements are sorted, so the same data gives the same bytes.

Both are written as they are read, article by article: a build's store (or a dataset) holds
each article's named graph, and the rows of an article come from its graph alone (with the
entity names it holds, the canonical ones), in the order of the articles' identifiers. A graph
without named graphs is read whole. Memory follows the largest article, not the corpus.
"""

from __future__ import annotations

import csv
import io
import pickle
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO
from xml.sax.saxutils import XMLGenerator

import networkx as nx
import pyoxigraph
from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from kg.export.index import Terms, TripleIndex
from kg.export.rdf import to_bytes
from kg.export.source import GraphSource
from kg.graph.namespaces import KG, SCHEMA

ENTITY_TYPES = {SCHEMA.Person: "Person", SCHEMA.Organization: "Organization", SCHEMA.Place: "Place"}
#: The interaction properties by fact kind (``ontology/newskg.ttl``, ``rdfs:subPropertyOf``).
INTERACTIONS: dict[URIRef, str] = {
    **{p: "criticises" for p in (KG.criticises, KG.accuses, KG.blames, KG.condemns, KG.denounces, KG.mocks,
                                 KG.insults, KG.rejects, KG.demandsActionAgainst)},
    **{p: "supports" for p in (KG.supports, KG.praises, KG.endorses, KG.defends)},
}
CSV_COLUMNS = ("subject", "relation", "object", "post", "organisation", "start", "end", "status", "article",
               "sentence")
#: Statements by (subject, predicate, object, article): (start offset, sentence, statement) each.
Evidence = dict[tuple[str, str, str, str], list[tuple[int, str, str]]]
# Characters XML 1.0 cannot hold; a stray control character in an article must not break the file.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class FactRow:
    """One fact as stated by one sentence, with names resolved (see the module docstring).

    ``subject`` and ``object`` are IRIs (``object`` None for posts without an organisation
    and for quotations); ``*_name`` are their names; ``object_label`` is what the fact is
    about in words: the target's name, the post's title or the quotation's text.
    """

    kind: str
    relation: str
    subject: str
    subject_name: str
    object: str | None
    object_label: str
    post: str
    organisation: str
    start: str
    end: str
    status: str
    article: str
    sentence: str
    offset: int
    node: str

    def sort_key(self) -> tuple[str | int, ...]:
        return (self.article, self.offset, self.kind, self.relation, self.subject, self.object or "",
                self.object_label, self.post, self.organisation, self.start, self.end, self.node)


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def _offset(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return -1


_ENTITY_TYPES = {str(cls): kind for cls, kind in ENTITY_TYPES.items()}
_INTERACTIONS = {str(p): kind for p, kind in INTERACTIONS.items()}


def fact_rows(data: Dataset | Graph | GraphSource | TripleIndex) -> list[FactRow]:
    """Every fact of the merged graph, one row per stating sentence, sorted by article and offset."""
    if isinstance(data, TripleIndex):
        return _rows(data)
    with GraphSource.reading(data) as source:
        return list(_source_rows(source))


def _source_rows(source: GraphSource) -> Iterator[FactRow]:
    """The rows of a store, article by article (see the module docstring); a build hands
    them over already made (:class:`RowSpool`)."""
    if source.rows is not None:
        yield from source.rows
        return
    store, default = source.store, pyoxigraph.DefaultGraph()
    identifier = pyoxigraph.NamedNode(Terms.identifier)
    articles = []
    for graph in store.named_graphs():
        labels = sorted(q.object.value for q in store.quads_for_pattern(graph, identifier, None, default))
        articles.append((labels[0] if labels else graph.value, graph.value, graph))
    if not articles:
        yield from _rows(TripleIndex.of_store(store))
        return
    for _, _, graph in sorted(articles, key=lambda a: a[:2]):
        yield from _rows(TripleIndex.of_store(store, graph))


class RowSpool:
    """Fact rows made while a build writes its graph, article by article, kept in a temporary
    file (pickled, a batch per article) and read back in the order they were added."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()

    def add_article(self, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        """Add the rows of one article's graph (articles in the order of their identifiers)."""
        pickle.dump(_rows(TripleIndex.of_graph(triples)), self._file, protocol=pickle.HIGHEST_PROTOCOL)

    def __iter__(self) -> Iterator[FactRow]:
        """The rows from the first (one reading at a time: each starts over and moves the file's position)."""
        self._file.seek(0)
        while True:
            try:
                batch = pickle.load(self._file)
            except EOFError:
                return
            yield from batch

    def close(self) -> None:
        self._file.close()


def _rows(g: TripleIndex) -> list[FactRow]:
    """The rows of one indexed graph, sorted."""
    names = {s: g.value(s, Terms.name) or _local(s) for cls in _ENTITY_TYPES for s in g.instances(cls)}
    articles = {a: g.value(a, Terms.identifier) or a for a in g.instances(Terms.news_article)}

    def name(node: str) -> str:
        return "" if not node else names.get(node) or g.value(node, Terms.name) or _local(node)

    # Statements by (subject, predicate, object, article): their sentences and offsets.
    evidence: Evidence = defaultdict(list)
    rows: list[FactRow] = []
    for st in g.instances(Terms.statement):
        s, p, o = (g.value(st, x) for x in (Terms.subject, Terms.predicate, Terms.object))
        if not (s and p and o):
            continue
        sentence, offset = g.value(st, Terms.evidence), _offset(g.value(st, Terms.start_offset))
        for article in g.objects(st, Terms.derived_from):
            evidence[(s, p, o, article)].append((offset, sentence, st))
            kind = _INTERACTIONS.get(p)
            if kind is not None:
                rows.append(FactRow(kind, _local(p), s, name(s), o, name(o), "", "", "", "", "",
                                    articles.get(article, article), sentence, offset, st))
    rows.extend(_membership_rows(g, evidence, name, articles))
    for quote in g.instances(Terms.quotation):
        speaker = g.value(quote, Terms.creator)
        if not speaker:
            continue
        source = g.value(quote, Terms.derived_from) or g.value(quote, Terms.is_part_of)
        rows.append(FactRow("quote", "quote", speaker, name(speaker), None, g.value(quote, Terms.text),
                            "", "", "", "", "", articles.get(source, source), g.value(quote, Terms.evidence),
                            _offset(g.value(quote, Terms.start_offset)), quote))
    return sorted(set(rows), key=FactRow.sort_key)


def _membership_rows(g: TripleIndex, evidence: Evidence, name: Callable[[str], str],
                     articles: dict[str, str]) -> Iterable[FactRow]:
    """A row per membership, article and sentence stating it (see the module docstring)."""
    memberships = []
    for m in g.instances(Terms.membership):
        person = g.value(m, Terms.member)
        if person:
            memberships.append((m, person, g.value(m, Terms.role), g.value(m, Terms.organization)))
    # Sentences a membership with an organisation proves; a post-only membership of the same
    # person, post and article does not claim them again.
    claimed: set[tuple[str, str, str, int]] = set()
    with_org = [x for x in memberships if x[3]]
    for m, person, role, org in sorted(with_org) + sorted(x for x in memberships if not x[3]):
        interval = g.value(m, Terms.member_during)
        start = end = ""
        if interval:
            begin, finish = g.value(interval, Terms.has_beginning), g.value(interval, Terms.has_end)
            start = g.value(begin, Terms.in_year) if begin else ""
            end = g.value(finish, Terms.in_year) if finish else ""
        status = _local(g.value(m, Terms.status))
        status = "unknown" if status == "unknownStatus" else status
        post = g.value(role, Terms.pref_label) if role else ""
        org_name = name(org)
        relation, label = ("holdsPost", post) if role else ("memberOf", org_name)
        for article in g.objects(m, Terms.derived_from):
            if org:
                found = evidence.get((person, Terms.member_of, org, article), [])
                if role:
                    post_offsets = {o for o, _, _ in evidence.get((person, Terms.holds_post, role, article), [])}
                    found = [e for e in found if e[0] in post_offsets] or found
                    claimed.update((person, role, article, o) for o, _, _ in found)
            else:
                found = [e for e in evidence.get((person, Terms.holds_post, role, article), [])
                         if (person, role, article, e[0]) not in claimed] if role else []
            for offset, sentence in sorted((o, s) for o, s, _ in found) or [(-1, "")]:
                yield FactRow("role" if role else "membership", relation, person, name(person), org or None,
                              label, post, org_name, start, end, status, articles.get(article, article),
                              sentence, offset, m)


def write_facts_csv(source: GraphSource, out: BinaryIO) -> None:
    """One CSV row per fact and sentence: ``CSV_COLUMNS``, names rather than IRIs, UTF-8."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in _source_rows(source):
        writer.writerow([row.subject_name, row.relation, row.object_label, row.post, row.organisation, row.start,
                         row.end, row.status, row.article, row.sentence])
    text.detach()  # flushed; the caller's file stays open


NODE_KEYS = ("label", "name", "type", "aliases", "posts")
EDGE_KEYS = ("kind", "relation", "post", "start", "end", "status", "article", "evidence", "fact")


def write_graphml(source: GraphSource, out: BinaryIO) -> None:
    """The entities as nodes (label and name, type, aliases, posts) and the facts between two entities
    as edges (kind, relation, post, years, status, article, evidence), as GraphML.

    Nodes are sorted by IRI, edges follow the rows (``e0``, ``e1``, …). The edges are written
    to a temporary file as the rows come, since a node's posts are known only once every row
    has been read.
    """
    store, default = source.store, pyoxigraph.DefaultGraph()
    name, alternate_name = pyoxigraph.NamedNode(Terms.name), pyoxigraph.NamedNode(Terms.alternate_name)
    types: dict[str, str] = {}
    for cls, kind in _ENTITY_TYPES.items():  # an entity typed twice takes the first type listed
        for q in store.quads_for_pattern(None, pyoxigraph.NamedNode(Terms.type), pyoxigraph.NamedNode(cls), default):
            if isinstance(q.subject, pyoxigraph.NamedNode):
                types.setdefault(q.subject.value, kind)
    posts: dict[str, set[str]] = defaultdict(set)
    with tempfile.TemporaryFile() as edges:
        xml = _GraphML(edges)
        count = 0
        for row in _source_rows(source):
            if row.post:
                posts[row.subject].add(row.post)
            if row.object is not None and row.object in types and row.subject in types:
                xml.element("edge", {"id": f"e{count}", "source": row.subject, "target": row.object},
                            zip(("e" + k for k in EDGE_KEYS),
                                (row.kind, row.relation, row.post, row.start, row.end, row.status, row.article,
                                 row.sentence, row.node), strict=True))
                count += 1
        xml.flush()
        xml = _GraphML(out)
        xml.head()
        for iri, kind in sorted(types.items()):
            node = pyoxigraph.NamedNode(iri)
            label = min((q.object.value for q in store.quads_for_pattern(node, name, None, default)), default="")
            aliases = sorted(q.object.value for q in store.quads_for_pattern(node, alternate_name, None, default))
            xml.element("node", {"id": iri}, zip(("n" + k for k in NODE_KEYS),
                                                 (label, label, kind, "; ".join(aliases),
                                                  "; ".join(sorted(posts.get(iri, ())))), strict=True))
        xml.flush()
        edges.seek(0)
        shutil.copyfileobj(edges, out)
    out.write(b"  </graph>\n</graphml>\n")


class _GraphML:
    """GraphML elements written to a binary file as they come (the standard library's XML
    writer escapes every text and attribute)."""

    def __init__(self, out: BinaryIO) -> None:
        self._text = io.TextIOWrapper(out, encoding="utf-8", newline="\n", write_through=True)
        self._xml = XMLGenerator(self._text, encoding="utf-8", short_empty_elements=True)

    def head(self) -> None:
        self._xml.startDocument()
        self._xml.startElement("graphml", {
            "xmlns": "http://graphml.graphdrawing.org/xmlns",
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xsi:schemaLocation": "http://graphml.graphdrawing.org/xmlns "
                                  "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"})
        for kind, keys, prefix in (("node", NODE_KEYS, "n"), ("edge", EDGE_KEYS, "e")):
            for key in keys:
                self._xml.ignorableWhitespace("\n  ")
                self._xml.startElement("key", {"id": prefix + key, "for": kind, "attr.name": key,
                                               "attr.type": "string"})
                self._xml.endElement("key")
        self._xml.ignorableWhitespace("\n  ")
        self._xml.startElement("graph", {"edgedefault": "directed"})

    def element(self, name: str, attributes: dict[str, str], data: Iterable[tuple[str, str]]) -> None:
        self._xml.ignorableWhitespace("\n    ")
        self._xml.startElement(name, attributes)
        for key, value in data:
            if value:
                self._xml.ignorableWhitespace("\n      ")
                self._xml.startElement("data", {"key": key})
                self._xml.characters(_xml(value))
                self._xml.endElement("data")
        self._xml.ignorableWhitespace("\n    ")
        self._xml.endElement(name)

    def flush(self) -> None:
        self._xml.ignorableWhitespace("\n")
        self._text.flush()
        self._text.detach()


def to_facts_csv(data: Dataset | Graph | GraphSource) -> bytes:
    """``facts.csv`` as bytes (see :func:`write_facts_csv`)."""
    return to_bytes(write_facts_csv, data)


def to_graphml(data: Dataset | Graph | GraphSource) -> bytes:
    """``graph.graphml`` as bytes (see :func:`write_graphml`)."""
    return to_bytes(write_graphml, data)


def to_networkx(data: Dataset | Graph | GraphSource) -> nx.MultiDiGraph:
    """The GraphML export as a networkx graph, for analysis in Python (degree, centrality,
    communities): nodes and edges with the attributes of :func:`write_graphml`."""
    return nx.read_graphml(io.BytesIO(to_graphml(data)), force_multigraph=True)



def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)
