"""Table and network exports: ``facts.csv`` for spreadsheets, ``graph.graphml`` for Gephi and Cytoscape.

Both are read from the merged (default) graph, as the ontology models it
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
from rdflib import Dataset, Graph, URIRef

from kg.export.index import Terms, TripleIndex
from kg.export.source import GraphSource, index_of
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
    g = index_of(data)
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


def to_facts_csv(data: Dataset | Graph | GraphSource | TripleIndex) -> bytes:
    """One CSV row per fact and sentence: ``CSV_COLUMNS``, names rather than IRIs, UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in fact_rows(data):
        writer.writerow([row.subject_name, row.relation, row.object_label, row.post, row.organisation, row.start,
                         row.end, row.status, row.article, row.sentence])
    return out.getvalue().encode("utf-8")


def to_graphml(data: Dataset | Graph | GraphSource | TripleIndex) -> bytes:
    """The entities as nodes (label and name, type, aliases, posts) and the facts between two entities
    as edges (kind, relation, post, years, status, article, evidence), as GraphML."""
    g = index_of(data)
    network = nx.MultiDiGraph()
    rows = fact_rows(g)
    posts: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row.post:
            posts[row.subject].add(row.post)
    types: dict[str, str] = {}
    for cls, kind in _ENTITY_TYPES.items():  # an entity typed twice takes the first type listed
        for s in g.instances(cls):
            types.setdefault(s, kind)
    seen = set(types)
    for iri, kind in sorted(types.items()):
        label = _xml(g.value(iri, Terms.name))
        network.add_node(iri, label=label, name=label, type=kind,
                         aliases=_xml("; ".join(g.objects(iri, Terms.alternate_name))),
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
