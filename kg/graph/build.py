"""Graph: resolved entities and facts in, a graph per article out.

One named graph per article (named by the article's IRI) and the merged view in the
default graph, modelled as ``ontology/README.md`` says: all at once as an rdflib ``Dataset``
(:func:`build_dataset`, the library API), or article by article (:func:`article_graphs`, what
a build writes into its store). Every node gets an IRI minted
from content (names, hashes), never a blank node, so rebuilding gives the same graph.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from decimal import Decimal

from rdflib import Dataset, Graph, Literal, URIRef

from kg.graph.namespaces import KG, ORG, PREFIXES, PROV, RDF, RDFS, SCHEMA, SKOS, TIME, XSD
from kg.model import ArticleResult, Entity, Fact
from kg.resolve import Resolved, slugify

DEFAULT_BASE = "https://w3id.org/newskg/id/"
ENTITY_CLASSES = {"Person": SCHEMA.Person, "Organization": SCHEMA.Organization, "Place": SCHEMA.Place}
STATUS = {"current": KG.current, "former": KG.former, "unknown": KG.unknownStatus}


def _digest(*parts: object) -> str:
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class IRIs:
    """Mints the instance IRIs under one base (``https://w3id.org/newskg/id/`` by default)."""

    def __init__(self, base: str = DEFAULT_BASE, role_labels: dict[str, str] | None = None) -> None:
        self.base = base if base.endswith(("/", "#")) else base + "/"
        self.role_labels = role_labels or {}

    def __call__(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    def entity(self, key: str) -> URIRef:
        return self(key)

    def article(self, article_id: str) -> URIRef:
        return self(f"article/{slugify(article_id)}")

    def role(self, title: str) -> URIRef:
        return self(f"role/{slugify(title)}")

    def activity(self, extractor: str) -> URIRef:
        return self(f"activity/{slugify(extractor)}")


def build_dataset(resolved: Resolved, *, base: str = DEFAULT_BASE) -> Dataset:
    """Build the dataset: a named graph per article, and their union as the default graph.

    Args:
        resolved: entities and per-article facts after resolution.
        base: the namespace instance IRIs are minted under.
    """
    iris = IRIs(base)
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    dataset.bind("id", iris.base)
    default = dataset.default_graph
    for name, triples in article_graphs(resolved, base=base):
        named = dataset.graph(name)
        for triple in triples:
            named.add(triple)
            default.add(triple)
    return dataset


def article_graphs(resolved: Resolved, *, base: str = DEFAULT_BASE) -> Iterator[tuple[URIRef, ArticleTriples]]:
    """Each article's IRI and graph, in article order, one at a time: the named graphs of
    :func:`build_dataset`, whose union is the merged graph (what a build streams into its store)."""
    iris = IRIs(base, role_labels=resolved.role_labels)
    for result in resolved.articles:
        yield iris.article(result.article.id), article_graph(result, iris)


def merged_graph(dataset: Dataset) -> Graph:
    """The default (merged) graph of a dataset as a plain graph, with the prefixes bound."""
    graph = Graph()
    for prefix, namespace in dataset.namespaces():
        graph.bind(prefix, namespace)
    for triple in dataset.default_graph:
        graph.add(triple)
    return graph


Triple = tuple[URIRef, URIRef, URIRef | Literal]


class ArticleTriples:
    """One article's triples, in the order they were added, without duplicates.

    What :func:`article_graph` fills: the few graph operations it needs (add, the value of
    a property, removing a property's values) on plain dicts, several times faster than an
    rdflib graph, whose store keeps contexts and indexes this short-lived set does not need.
    """

    def __init__(self) -> None:
        self._triples: dict[Triple, None] = {}
        self._values: dict[tuple[URIRef, URIRef], list[URIRef | Literal]] = {}

    def add(self, triple: Triple) -> None:
        if triple not in self._triples:
            self._triples[triple] = None
            self._values.setdefault((triple[0], triple[1]), []).append(triple[2])

    def value(self, subject: URIRef, predicate: URIRef) -> URIRef | Literal | None:
        """The first value of ``subject predicate``, or None."""
        values = self._values.get((subject, predicate))
        return values[0] if values else None

    def remove_values(self, subject: URIRef, predicate: URIRef) -> None:
        for obj in self._values.pop((subject, predicate), []):
            del self._triples[(subject, predicate, obj)]

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)


def article_graph(result: ArticleResult, iris: IRIs) -> ArticleTriples:
    """The triples one article contributes: itself, its entities and its facts."""
    g = ArticleTriples()
    article = result.article
    node = iris.article(article.id)
    g.add((node, RDF.type, SCHEMA.NewsArticle))
    g.add((node, SCHEMA.identifier, Literal(article.id)))
    g.add((node, KG.contentHash, Literal(article.sha256)))
    if article.title:
        g.add((node, SCHEMA.headline, Literal(article.title)))
    for entity in result.entities:
        _add_entity(g, iris, entity)
        g.add((node, SCHEMA.mentions, iris.entity(entity.key)))
    for fact in result.facts:
        _add_fact(g, iris, node, fact)
    return g


def _add_entity(g: ArticleTriples, iris: IRIs, entity: Entity) -> None:
    node = iris.entity(entity.key)
    g.add((node, RDF.type, ENTITY_CLASSES[entity.type]))
    g.add((node, SCHEMA.name, Literal(entity.name)))
    g.add((node, RDFS.label, Literal(entity.name)))
    for alias in entity.aliases:
        g.add((node, SCHEMA.alternateName, Literal(alias)))


def _provenance(g: ArticleTriples, iris: IRIs, node: URIRef, article: URIRef, fact: Fact) -> None:
    ev = fact.evidence
    confidence = Decimal(str(round(min(max(fact.confidence, 0.0), 1.0), 3)))
    earlier = g.value(node, KG.confidence)
    if earlier is not None:
        # One claim read twice from one sentence: the node keeps one confidence and one
        # extractor, those of the surer reading.
        if Decimal(str(earlier)) >= confidence:
            return
        g.remove_values(node, KG.confidence)
        g.remove_values(node, PROV.wasGeneratedBy)
    g.add((node, PROV.wasDerivedFrom, article))
    g.add((node, KG.evidence, Literal(ev.sentence)))
    g.add((node, KG.startOffset, Literal(ev.start, datatype=XSD.integer)))
    g.add((node, KG.endOffset, Literal(ev.end, datatype=XSD.integer)))
    g.add((node, KG.confidence, Literal(confidence, datatype=XSD.decimal)))
    activity = iris.activity(fact.extractor)
    g.add((node, PROV.wasGeneratedBy, activity))
    g.add((activity, RDF.type, PROV.Activity))
    g.add((activity, RDFS.label, Literal(fact.extractor)))
    name, _, version = fact.extractor.rpartition(".")
    g.add((activity, KG.extractorName, Literal(name or fact.extractor)))
    g.add((activity, KG.extractorVersion, Literal(version)))


def _assert(g: ArticleTriples, iris: IRIs, article: URIRef, fact: Fact,
            subject: URIRef, predicate: URIRef, obj: URIRef) -> None:
    """Add a triple and its reification, carrying the fact's provenance."""
    g.add((subject, predicate, obj))
    # One statement per fact: two extractors asserting one triple from one sentence keep
    # their own provenance (confidence, extractor) apart.
    statement = iris("statement/" + _digest(article, subject, predicate, obj, fact.evidence.start, fact.extractor))
    g.add((statement, RDF.type, RDF.Statement))
    g.add((statement, RDF.subject, subject))
    g.add((statement, RDF.predicate, predicate))
    g.add((statement, RDF.object, obj))
    _provenance(g, iris, statement, article, fact)


def _add_fact(g: ArticleTriples, iris: IRIs, article: URIRef, fact: Fact) -> None:
    subject = iris.entity(fact.subject)
    obj = iris.entity(fact.object) if fact.object else None
    if fact.kind in {"criticises", "supports"}:
        assert obj is not None
        generic = KG.criticises if fact.kind == "criticises" else KG.supports
        finer = KG[fact.predicate] if fact.predicate and fact.predicate != fact.kind else generic
        g.add((subject, generic, obj))
        _assert(g, iris, article, fact, subject, finer, obj)
    elif fact.kind in {"role", "membership"}:
        _add_membership(g, iris, article, fact, subject, obj)
    elif fact.kind == "quote":
        node = iris("quote/" + _digest(article, fact.subject, fact.text, fact.evidence.start))
        g.add((node, RDF.type, SCHEMA.Quotation))
        g.add((node, SCHEMA.creator, subject))
        g.add((node, SCHEMA.text, Literal(fact.text or "")))
        g.add((node, SCHEMA.isPartOf, article))
        _provenance(g, iris, node, article, fact)


def _add_membership(g: ArticleTriples, iris: IRIs, article: URIRef, fact: Fact,
                    person: URIRef, org: URIRef | None) -> None:
    status = fact.status if fact.kind == "role" else "current"
    membership = iris("membership/" + _digest(person, (fact.role or "").lower(), org, status, fact.start, fact.end))
    g.add((membership, RDF.type, ORG.Membership))
    g.add((membership, ORG.member, person))
    g.add((membership, KG.status, STATUS[status]))
    g.add((membership, PROV.wasDerivedFrom, article))
    if org is not None:
        g.add((membership, ORG.organization, org))
        _assert(g, iris, article, fact, person, ORG.memberOf, org)
    if fact.role:
        role = iris.role(fact.role)
        label = Literal(iris.role_labels.get(slugify(fact.role), fact.role))
        g.add((role, RDF.type, ORG.Role))
        g.add((role, SKOS.prefLabel, label))
        g.add((role, SCHEMA.name, label))
        g.add((role, RDFS.label, label))
        g.add((membership, ORG.role, role))
        _assert(g, iris, article, fact, person, KG.holdsPost, role)
    if fact.start or fact.end:
        interval = iris(f"interval/{slugify(fact.start or 'open')}-{slugify(fact.end or 'open')}")
        g.add((interval, RDF.type, TIME.Interval))
        g.add((membership, ORG.memberDuring, interval))
        for year, link in ((fact.start, TIME.hasBeginning), (fact.end, TIME.hasEnd)):
            if year:
                instant = iris(f"instant/{slugify(year)}")
                g.add((instant, RDF.type, TIME.Instant))
                g.add((instant, TIME.inXSDgYear, Literal(year, datatype=XSD.gYear)))
                g.add((interval, link, instant))


def count_by_type(entities: Iterable[Entity]) -> dict[str, int]:
    """How many entities of each type."""
    counts: dict[str, int] = {}
    for e in entities:
        counts[e.type] = counts.get(e.type, 0) + 1
    return dict(sorted(counts.items()))
