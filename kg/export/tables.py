"""Table and network exports: ``facts.csv`` for spreadsheets, ``graph.graphml`` for Gephi and Cytoscape.

Both are read from the dataset's merged (default) graph, as the ontology models it
(``ontology/README.md``), and both list the same facts, one per sentence that states it:

- a post or membership: an ``org:Membership`` and, for each article it is derived from,
  each sentence of that article whose ``kg:holdsPost`` / ``org:memberOf`` statement proves it;
- a criticism or support: an ``rdf:Statement`` whose predicate is ``kg:criticises``,
  ``kg:supports`` or one of their sub-properties;
- a quotation: a ``schema:Quotation`` with its speaker.

Rows and graph elements are sorted, so the same data gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.graph.namespaces import KG, ORG, PROV, RDF, SCHEMA, SKOS, TIME

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
Evidence = dict[tuple[Node, Node, Node, Node], list[tuple[int, str, Node]]]
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


def _merged(dataset: Dataset | Graph) -> Graph:
    return dataset.default_graph if isinstance(dataset, Dataset) else dataset


def _local(iri: Node) -> str:
    text = str(iri)
    return re.split(r"[#/]", text)[-1]


def _first(graph: Graph, subject: Node, predicate: URIRef) -> Node | None:
    """The smallest object (so the choice never varies), or None."""
    values = sorted(graph.objects(subject, predicate), key=str)
    return values[0] if values else None


def _text(value: Node | None) -> str:
    return "" if value is None else str(value)


def _offset(value: Node | None) -> int:
    return int(value.toPython()) if isinstance(value, Literal) else -1


def fact_rows(dataset: Dataset | Graph) -> list[FactRow]:
    """Every fact of the merged graph, one row per stating sentence, sorted by article and offset."""
    g = _merged(dataset)
    names = {s: str(_first(g, s, SCHEMA.name) or _local(s))
             for cls in ENTITY_TYPES for s in g.subjects(RDF.type, cls)}
    articles = {a: str(_first(g, a, SCHEMA.identifier) or a) for a in g.subjects(RDF.type, SCHEMA.NewsArticle)}

    def name(node: Node | None) -> str:
        return "" if node is None else names.get(node, _text(_first(g, node, SCHEMA.name)) or _local(node))

    # Statements by (subject, predicate, object, article): their sentences and offsets.
    evidence: Evidence = defaultdict(list)
    rows: list[FactRow] = []
    for st in g.subjects(RDF.type, RDF.Statement):
        s, p, o = (_first(g, st, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        if s is None or p is None or o is None:
            continue
        sentence, offset = _text(_first(g, st, KG.evidence)), _offset(_first(g, st, KG.startOffset))
        for article in g.objects(st, PROV.wasDerivedFrom):
            evidence[(s, p, o, article)].append((offset, sentence, st))
            kind = INTERACTIONS.get(p)  # type: ignore[call-overload]
            if kind is not None:
                rows.append(FactRow(kind, _local(p), str(s), name(s), str(o), name(o), "", "", "", "", "",
                                    articles.get(article, str(article)), sentence, offset, str(st)))
    rows.extend(_membership_rows(g, evidence, name, articles))
    for quote in g.subjects(RDF.type, SCHEMA.Quotation):
        speaker = _first(g, quote, SCHEMA.creator)
        if speaker is None:
            continue
        source = _first(g, quote, PROV.wasDerivedFrom) or _first(g, quote, SCHEMA.isPartOf)
        article_id = _text(source) if source is None else articles.get(source, str(source))
        rows.append(FactRow("quote", "quote", str(speaker), name(speaker), None, _text(_first(g, quote, SCHEMA.text)),
                            "", "", "", "", "", article_id, _text(_first(g, quote, KG.evidence)),
                            _offset(_first(g, quote, KG.startOffset)), str(quote)))
    return sorted(set(rows), key=FactRow.sort_key)


def _membership_rows(g: Graph, evidence: Evidence, name: Callable[[Node | None], str],
                     articles: dict[Node, str]) -> Iterable[FactRow]:
    """A row per membership, article and sentence stating it (see the module docstring)."""
    memberships = []
    for m in g.subjects(RDF.type, ORG.Membership):
        person = _first(g, m, ORG.member)
        if person is not None:
            memberships.append((m, person, _first(g, m, ORG.role), _first(g, m, ORG.organization)))
    # Sentences a membership with an organisation proves; a post-only membership of the same
    # person, post and article does not claim them again.
    claimed: set[tuple[Node, Node, Node, int]] = set()
    with_org = [x for x in memberships if x[3] is not None]
    for m, person, role, org in sorted(with_org, key=lambda x: str(x[0])) + sorted(
            (x for x in memberships if x[3] is None), key=lambda x: str(x[0])):
        interval = _first(g, m, ORG.memberDuring)
        start = end = ""
        if interval is not None:
            begin, finish = _first(g, interval, TIME.hasBeginning), _first(g, interval, TIME.hasEnd)
            start = _text(_first(g, begin, TIME.inXSDgYear)) if begin is not None else ""
            end = _text(_first(g, finish, TIME.inXSDgYear)) if finish is not None else ""
        status = _local(_first(g, m, KG.status) or Literal(""))
        status = "unknown" if status == "unknownStatus" else status
        post = _text(_first(g, role, SKOS.prefLabel)) if role is not None else ""
        org_name = name(org)
        relation, label = ("holdsPost", post) if role is not None else ("memberOf", org_name)
        for article in sorted(g.objects(m, PROV.wasDerivedFrom), key=str):
            if org is not None:
                found = evidence.get((person, ORG.memberOf, org, article), [])
                if role is not None:
                    post_offsets = {o for o, _, _ in evidence.get((person, KG.holdsPost, role, article), [])}
                    found = [e for e in found if e[0] in post_offsets] or found
                    claimed.update((person, role, article, o) for o, _, _ in found)
            else:
                found = [e for e in evidence.get((person, KG.holdsPost, role, article), [])
                         if (person, role, article, e[0]) not in claimed] if role is not None else []
            for offset, sentence in sorted((o, s) for o, s, _ in found) or [(-1, "")]:
                yield FactRow("role" if role is not None else "membership", relation, str(person),
                              name(person), str(org) if org is not None else None,
                              label, post, org_name, start, end, status, articles.get(article, str(article)),
                              sentence, offset, str(m))


def to_facts_csv(dataset: Dataset | Graph) -> bytes:
    """One CSV row per fact and sentence: ``CSV_COLUMNS``, names rather than IRIs, UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in fact_rows(dataset):
        writer.writerow([row.subject_name, row.relation, row.object_label, row.post, row.organisation, row.start,
                         row.end, row.status, row.article, row.sentence])
    return out.getvalue().encode("utf-8")


def to_graphml(dataset: Dataset | Graph) -> bytes:
    """The entities as nodes (label and name, type, aliases, posts) and the facts between two entities
    as edges (kind, relation, post, years, status, article, evidence), as GraphML."""
    g = _merged(dataset)
    network = nx.MultiDiGraph()
    rows = fact_rows(g)
    posts: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row.post:
            posts[row.subject].add(row.post)
    types: dict[str, str] = {}
    for cls, kind in ENTITY_TYPES.items():  # an entity typed twice takes the first type listed
        for s in g.subjects(RDF.type, cls):
            types.setdefault(str(s), kind)
    seen = set(types)
    for iri, kind in sorted(types.items()):
        node = URIRef(iri)
        label = _xml(_text(_first(g, node, SCHEMA.name)))
        network.add_node(iri, label=label, name=label, type=kind,
                         aliases=_xml("; ".join(sorted(str(a) for a in g.objects(node, SCHEMA.alternateName)))),
                         posts=_xml("; ".join(sorted(posts.get(iri, ())))))
    for i, row in enumerate(r for r in rows if r.object is not None and r.object in seen and r.subject in seen):
        network.add_edge(row.subject, row.object, key=f"e{i}", kind=row.kind, relation=row.relation,
                         post=_xml(row.post), start=row.start, end=row.end, status=row.status,
                         article=_xml(row.article), evidence=_xml(row.sentence), fact=row.node)
    buffer = io.BytesIO()
    nx.write_graphml(network, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)
