"""What the HTML view reads of a large graph: its most connected entities, and a bounded share
of the facts about them.

A browser draws a few thousand nodes well, not a newsroom archive, and the page (and the
memory that builds it) would otherwise grow with every article. So the view reads the
:data:`MAX_ENTITIES` entities that the most facts touch (statements, memberships and
quotations naming them), and of what touches each of them: every membership (one per post,
however many articles state it), at most :data:`PER_PAIR` statements per pair of subject and
object, :data:`PER_ENTITY` quotations and :data:`PER_ENTITY` mentioning articles, first by IRI.
Then the nodes those lead to that are not entities (posts, intervals, years, articles,
extractor activities). Up to those bounds the view is the whole graph; beyond them its size
follows the number of entities and pairs, not of articles. The page says what it left out.

The parts are read with triple patterns (index look-ups in the store), never by scanning the
whole graph into memory.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

import pyoxigraph
from rdflib import Dataset, Graph

from kg.export.index import Terms, TripleIndex, store_key
from kg.export.source import GraphSource
from kg.export.tables import ENTITY_TYPES

#: Entities in the view (the page stays interactive at this size: benchmarks/html_view.py).
MAX_ENTITIES = 2000
#: Statements kept per (subject, object) pair, and quotations and articles per entity.
PER_PAIR = 10
PER_ENTITY = 25

ENTITY_CLASSES = tuple(str(cls) for cls in ENTITY_TYPES)
# The links from a fact (or an article) to the entity it is about.
_LINKS = (Terms.subject, Terms.object, Terms.member, Terms.creator)


Match = tuple[str, str, str, bool]  # subject, predicate, object, and whether the object is a node (not a literal)


class Patterns(Protocol):
    """Triples matching a pattern (None is a wildcard; a term is given as a node), terms as
    :class:`TripleIndex` keys."""

    def __call__(self, s: str | None, p: str | None, o: str | None) -> Iterator[Match]: ...


@dataclass(frozen=True)
class Scope:
    """How much of the graph the view holds: entities shown and in all, whether facts were left
    out, and the bounds that applied."""

    entities: int
    entities_in_graph: int
    facts_capped: bool
    per_pair: int = PER_PAIR
    per_entity: int = PER_ENTITY

    @property
    def whole(self) -> bool:
        return self.entities == self.entities_in_graph and not self.facts_capped


def view_index(data: Dataset | Graph | GraphSource | TripleIndex) -> tuple[TripleIndex, Scope | None]:
    """The index the view is drawn from, and its scope (None: a given index, read whole)."""
    if isinstance(data, TripleIndex):
        return data, None
    with GraphSource.reading(data) as source:
        return scoped_index(store_patterns(source.store))


def scoped_index(match: Patterns, *, max_entities: int | None = None, per_pair: int | None = None,
                 per_entity: int | None = None) -> tuple[TripleIndex, Scope]:
    """The index of the part of the graph the view shows (see the module docstring); the
    bounds are the module's unless given."""
    max_entities = max_entities or MAX_ENTITIES
    per_pair = per_pair or PER_PAIR
    per_entity = per_entity or PER_ENTITY
    entities = {s for cls in ENTITY_CLASSES for s, _, _, _ in match(None, Terms.type, cls)}
    touching: Counter[str] = Counter()
    for link in _LINKS:
        touching.update(o for _, _, o, _ in match(None, link, None) if o in entities)
    shown = sorted(entities, key=lambda e: (-touching[e], e))[:max_entities]

    keep: set[str] = set(shown)
    capped = False
    for entity in shown:
        by_pair: dict[str, list[str]] = defaultdict(list)
        for statement, _, _, _ in match(None, Terms.subject, entity):
            for _, _, obj, _ in match(statement, Terms.object, None):
                by_pair[obj].append(statement)
        for statements in by_pair.values():
            capped |= len(statements) > per_pair
            keep.update(sorted(statements)[:per_pair])
        keep.update(s for s, _, _, _ in match(None, Terms.member, entity))
        for link in (Terms.creator, Terms.mentions):
            found = sorted(s for s, _, _, _ in match(None, link, entity))
            capped |= len(found) > per_entity
            keep.update(found[:per_entity])
    # What the kept nodes lead to that is not an entity: posts, intervals, years, articles, activities.
    # Each kept node's triples are read once, on the way out, and kept for the index.
    outgoing: dict[str, list[Match]] = {}
    frontier = sorted(keep)
    while frontier:
        reached = set()
        for node in frontier:
            outgoing[node] = list(match(node, None, None))
            for _, _, obj, is_node in outgoing[node]:
                if is_node and obj not in keep and obj not in entities:
                    reached.add(obj)
        keep |= reached
        frontier = sorted(reached)
    index = TripleIndex((s, p, o) for node in sorted(keep) for s, p, o, _ in outgoing[node])
    return index, Scope(len(shown), len(entities), capped, per_pair, per_entity)


def store_patterns(store: pyoxigraph.Store) -> Patterns:
    """Patterns over a store's default graph."""
    graph = pyoxigraph.DefaultGraph()

    def term(key: str | None) -> pyoxigraph.NamedNode | pyoxigraph.BlankNode | None:
        if key is None:
            return None
        return pyoxigraph.BlankNode(key[2:]) if key.startswith("_:") else pyoxigraph.NamedNode(key)

    def match(s: str | None, p: str | None, o: str | None) -> Iterator[Match]:
        for q in store.quads_for_pattern(term(s), term(p), term(o), graph):
            yield (store_key(q.subject), q.predicate.value, store_key(q.object),
                   not isinstance(q.object, pyoxigraph.Literal))

    return match
