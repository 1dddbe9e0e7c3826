"""kg.graph.build: a hand-made ``Resolved`` in, a dataset shaped as ontology/README.md says out.

No model: the resolved entities and facts are written by hand, so each test names exactly
what the graph must hold. Every built graph must also pass ``ontology/shapes.ttl``.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.graph.build import DEFAULT_BASE, build_dataset, merged_graph
from kg.graph.namespaces import KG, ORG, PROV, RDF, RDFS, SCHEMA, SKOS
from kg.graph.namespaces import TIME as OWL_TIME
from kg.graph.namespaces import XSD as XS
from kg.graph.validate import Violation, format_violations, validate
from kg.model import Article, ArticleResult, Entity, Evidence, Fact
from kg.resolve import Resolved

A_TEXT = (
    "Harbour Vote Split\n\n"
    "Velliane's transport minister Odile Marchetti accused the Tidewater Ferry Company of hiding losses. "
    "Marchetti, who led the Civic Planning Syndicate from 2019 to 2023, said: \"The books do not add up.\""
)
B_TEXT = (
    "Council Backs Ferry Plan\n\n"
    "Tavish Ollerby, a member of the Civic Planning Syndicate, praised Marchetti on Friday."
)

ENTITIES = {
    "person/odile-marchetti": Entity("person/odile-marchetti", "Person", "Odile Marchetti", ("Marchetti",), 3),
    "person/tavish-ollerby": Entity("person/tavish-ollerby", "Person", "Tavish Ollerby", (), 1),
    "organization/tidewater-ferry-company": Entity("organization/tidewater-ferry-company", "Organization",
                                                   "Tidewater Ferry Company", (), 1),
    "organization/civic-planning-syndicate": Entity("organization/civic-planning-syndicate", "Organization",
                                                    "Civic Planning Syndicate", ("CPS",), 2),
    "place/velliane": Entity("place/velliane", "Place", "Velliane", (), 1),
}


def evidence(article: Article, sentence: str) -> Evidence:
    start = article.text.index(sentence)
    return Evidence(article.id, sentence, start, start + len(sentence))


def make_resolved() -> Resolved:
    a = Article(id="a-harbour.txt", text=A_TEXT, sha256="a" * 64, title="Harbour Vote Split")
    b = Article(id="b-council.txt", text=B_TEXT, sha256="b" * 64, title="Council Backs Ferry Plan")
    a1 = evidence(a, A_TEXT.split("\n\n")[1].split(". ")[0] + ".")
    a2 = evidence(a, A_TEXT.split(". ", 1)[1])
    b1 = evidence(b, B_TEXT.split("\n\n")[1])
    a_facts = (
        Fact("role", "person/odile-marchetti", a1, "roles.v1", object="place/velliane",
             role="transport minister", status="current", confidence=0.9),
        Fact("criticises", "person/odile-marchetti", a1, "interactions.v1",
             object="organization/tidewater-ferry-company", predicate="accuses", confidence=0.8),
        Fact("role", "person/odile-marchetti", a2, "roles.v1", object="organization/civic-planning-syndicate",
             role="leader", status="former", start="2019", end="2023", confidence=0.7),
        Fact("quote", "person/odile-marchetti", a2, "quotes.v1", text="The books do not add up.",
             confidence=0.95),
    )
    b_facts = (
        Fact("membership", "person/tavish-ollerby", b1, "roles.membership.v1",
             object="organization/civic-planning-syndicate", confidence=0.6),
        Fact("supports", "person/tavish-ollerby", b1, "interactions.v1", object="person/odile-marchetti",
             predicate="praises", confidence=0.75),
        Fact("supports", "person/tavish-ollerby", b1, "interactions.v1", object="organization/civic-planning-syndicate",
             predicate=None, confidence=0.123456),
    )

    def view(keys: list[str]) -> tuple[Entity, ...]:
        return tuple(ENTITIES[k] for k in sorted(keys))

    return Resolved(
        entities=dict(sorted(ENTITIES.items())),
        articles=(
            ArticleResult(a, view(["person/odile-marchetti", "organization/tidewater-ferry-company",
                                   "organization/civic-planning-syndicate", "place/velliane"]), a_facts),
            ArticleResult(b, view(["person/tavish-ollerby", "person/odile-marchetti",
                                   "organization/civic-planning-syndicate"]), b_facts),
        ),
    )


ID = DEFAULT_BASE


def iri(path: str, base: str = ID) -> URIRef:
    return URIRef(base + path)


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return build_dataset(make_resolved())


@pytest.fixture(scope="module")
def merged(dataset: Dataset) -> Graph:
    return merged_graph(dataset)


def named_graphs(dataset: Dataset) -> dict[URIRef, Graph]:
    default_id = dataset.default_graph.identifier
    return {g.identifier: g for g in dataset.graphs() if g.identifier != default_id}


def test_one_named_graph_per_article(dataset: Dataset) -> None:
    graphs = named_graphs(dataset)

    assert set(graphs) == {iri("article/a-harbour-txt"), iri("article/b-council-txt")}
    for name, graph in graphs.items():
        # Each named graph describes its own article and no other.
        assert set(graph.subjects(RDF.type, SCHEMA.NewsArticle)) == {name}


def test_default_graph_is_the_union_of_the_named_graphs(dataset: Dataset) -> None:
    union: set[tuple] = set()
    for graph in named_graphs(dataset).values():
        union |= set(graph)

    assert set(dataset.default_graph) == union
    assert len(union) > 0


def test_an_entity_in_two_articles_appears_in_both_named_graphs(dataset: Dataset) -> None:
    marchetti = iri("person/odile-marchetti")
    for name, graph in named_graphs(dataset).items():
        assert (name, SCHEMA.mentions, marchetti) in graph
        assert (marchetti, SCHEMA.name, Literal("Odile Marchetti")) in graph


def test_no_blank_nodes_anywhere(dataset: Dataset) -> None:
    quads = list(dataset.quads((None, None, None, None)))

    assert quads
    for s, p, o, g in quads:
        assert not any(isinstance(term, BNode) for term in (s, p, o, g)), (s, p, o, g)


def test_entities_have_one_name_label_and_their_aliases(merged: Graph) -> None:
    syndicate = iri("organization/civic-planning-syndicate")

    assert (syndicate, RDF.type, SCHEMA.Organization) in merged
    assert list(merged.objects(syndicate, SCHEMA.name)) == [Literal("Civic Planning Syndicate")]
    assert list(merged.objects(syndicate, RDFS.label)) == [Literal("Civic Planning Syndicate")]
    assert set(merged.objects(syndicate, SCHEMA.alternateName)) == {Literal("CPS")}
    assert (iri("place/velliane"), RDF.type, SCHEMA.Place) in merged


def test_article_node_carries_identifier_headline_and_hash(merged: Graph) -> None:
    article = iri("article/a-harbour-txt")

    assert (article, SCHEMA.identifier, Literal("a-harbour.txt")) in merged
    assert (article, SCHEMA.headline, Literal("Harbour Vote Split")) in merged
    assert (article, KG.contentHash, Literal("a" * 64)) in merged


def test_every_statement_and_quotation_has_its_provenance(merged: Graph) -> None:
    texts = {iri("article/a-harbour-txt"): A_TEXT, iri("article/b-council-txt"): B_TEXT}
    nodes = set(merged.subjects(RDF.type, RDF.Statement)) | set(merged.subjects(RDF.type, SCHEMA.Quotation))
    # 2 posts x (holdsPost + memberOf), the membership, the criticism, 2 supports; and 1 quotation.
    assert len(nodes) == 9

    for node in nodes:
        (article,) = merged.objects(node, PROV.wasDerivedFrom)
        assert (article, RDF.type, SCHEMA.NewsArticle) in merged
        (sentence,) = merged.objects(node, KG.evidence)
        (start,) = merged.objects(node, KG.startOffset)
        (end,) = merged.objects(node, KG.endOffset)
        assert start.datatype == XS.integer and end.datatype == XS.integer
        # The offsets point at the evidence sentence in the article's text.
        assert texts[article][start.toPython():end.toPython()] == str(sentence)
        (confidence,) = merged.objects(node, KG.confidence)
        assert confidence.datatype == XS.decimal
        assert isinstance(confidence.toPython(), Decimal)
        assert Decimal(0) <= confidence.toPython() <= Decimal(1)
        (activity,) = merged.objects(node, PROV.wasGeneratedBy)
        assert (activity, RDF.type, PROV.Activity) in merged
        assert str(activity).startswith(ID + "activity/")


def test_confidence_is_a_short_decimal(merged: Graph) -> None:
    confidences = {str(c) for c in merged.objects(None, KG.confidence)}

    assert "0.123" in confidences  # 0.123456 rounded, not a float's long tail
    assert "0.95" in confidences


def test_activity_names_extractor_and_version(merged: Graph) -> None:
    activity = iri("activity/roles-v1")

    assert (activity, RDFS.label, Literal("roles.v1")) in merged
    assert (activity, KG.extractorName, Literal("roles")) in merged
    assert (activity, KG.extractorVersion, Literal("v1")) in merged
    membership_run = iri("activity/roles-membership-v1")
    assert (membership_run, KG.extractorName, Literal("roles.membership")) in merged


def statements(graph: Graph, s: URIRef, p: URIRef, o: URIRef) -> list[URIRef]:
    return [st for st in graph.subjects(RDF.subject, s)
            if (st, RDF.predicate, p) in graph and (st, RDF.object, o) in graph]


def test_interaction_asserts_criticises_and_the_finer_predicate(merged: Graph) -> None:
    source, target = iri("person/odile-marchetti"), iri("organization/tidewater-ferry-company")

    assert (source, KG.criticises, target) in merged
    assert (source, KG.accuses, target) in merged
    # The statement reifies the finest property.
    assert len(statements(merged, source, KG.accuses, target)) == 1
    assert statements(merged, source, KG.criticises, target) == []


def test_support_asserts_supports_and_the_finer_predicate(merged: Graph) -> None:
    source = iri("person/tavish-ollerby")
    marchetti, syndicate = iri("person/odile-marchetti"), iri("organization/civic-planning-syndicate")

    assert (source, KG.supports, marchetti) in merged
    assert (source, KG.praises, marchetti) in merged
    # Plain support: only kg:supports, reified as such.
    assert (source, KG.supports, syndicate) in merged
    assert len(statements(merged, source, KG.supports, syndicate)) == 1
    assert not any(p in (KG.criticises, KG.praises) for p in merged.predicates(source, syndicate))


def test_posts_are_memberships_with_role_status_and_interval(merged: Graph) -> None:
    marchetti = iri("person/odile-marchetti")
    memberships = set(merged.subjects(ORG.member, marchetti))
    assert len(memberships) == 2

    by_role = {str(merged.value(merged.value(m, ORG.role), SKOS.prefLabel)): m for m in memberships}
    assert set(by_role) == {"transport minister", "leader"}

    minister = by_role["transport minister"]
    assert merged.value(minister, ORG.organization) == iri("place/velliane")
    assert merged.value(minister, KG.status) == KG.current
    assert merged.value(minister, ORG.memberDuring) is None

    leader = by_role["leader"]
    assert merged.value(leader, KG.status) == KG.former
    assert merged.value(leader, ORG.organization) == iri("organization/civic-planning-syndicate")
    interval = merged.value(leader, ORG.memberDuring)
    assert (interval, RDF.type, OWL_TIME.Interval) in merged
    begin = merged.value(merged.value(interval, OWL_TIME.hasBeginning), OWL_TIME.inXSDgYear)
    end = merged.value(merged.value(interval, OWL_TIME.hasEnd), OWL_TIME.inXSDgYear)
    assert (str(begin), begin.datatype) == ("2019", XS.gYear)
    assert (str(end), end.datatype) == ("2023", XS.gYear)
    # Each post is asserted with its evidence.
    role = merged.value(leader, ORG.role)
    assert (marchetti, KG.holdsPost, role) in merged
    assert len(statements(merged, marchetti, KG.holdsPost, role)) == 1
    assert (marchetti, ORG.memberOf, iri("organization/civic-planning-syndicate")) in merged


def test_membership_without_a_post_has_no_role(merged: Graph) -> None:
    (membership,) = merged.subjects(ORG.member, iri("person/tavish-ollerby"))

    assert merged.value(membership, ORG.role) is None
    assert merged.value(membership, ORG.organization) == iri("organization/civic-planning-syndicate")
    assert merged.value(membership, PROV.wasDerivedFrom) == iri("article/b-council-txt")


def test_quotation_has_speaker_text_and_article(merged: Graph) -> None:
    (quote,) = merged.subjects(RDF.type, SCHEMA.Quotation)

    assert merged.value(quote, SCHEMA.creator) == iri("person/odile-marchetti")
    assert merged.value(quote, SCHEMA.text) == Literal("The books do not add up.")
    assert merged.value(quote, SCHEMA.isPartOf) == iri("article/a-harbour-txt")
    assert str(quote).startswith(ID + "quote/")


@pytest.mark.parametrize("base", ["http://example.org/kg/", "http://example.org/kg", "urn:example:kg#"])
def test_base_iri_is_configurable(base: str) -> None:
    dataset = build_dataset(make_resolved(), base=base)
    expected_base = base if base.endswith(("/", "#")) else base + "/"
    vocabularies = (str(KG), str(SCHEMA), str(ORG), str(PROV), str(RDF), str(RDFS), str(SKOS),
                    str(OWL_TIME), str(XS))

    iris = {t for quad in dataset.quads((None, None, None, None)) for t in quad[:3] if isinstance(t, URIRef)}
    minted = {t for t in iris if not str(t).startswith(vocabularies)}
    assert minted
    assert all(str(t).startswith(expected_base) for t in minted), sorted(minted)[:5]
    assert URIRef(expected_base + "person/odile-marchetti") in minted
    assert not any(ID in str(t) for t in iris)


def test_same_input_builds_the_same_graph() -> None:
    first = merged_graph(build_dataset(make_resolved()))
    second = merged_graph(build_dataset(make_resolved()))

    assert isomorphic(first, second)
    assert set(first) == set(second)


def test_built_graph_passes_the_shapes(merged: Graph) -> None:
    assert validate(merged) == []


def test_two_names_on_one_person_is_a_readable_violation(merged: Graph) -> None:
    broken = Graph()
    for triple in merged:
        broken.add(triple)
    marchetti = iri("person/odile-marchetti")
    broken.add((marchetti, SCHEMA.name, Literal("Odile Marchetti-Vance")))

    violations = validate(broken)

    assert violations, "a person with two schema:name must not conform"
    assert all(isinstance(v, Violation) for v in violations)
    assert {(v.focus, v.path) for v in violations} == {(str(marchetti), str(SCHEMA.name))}
    report = format_violations(violations)
    assert str(marchetti) in report
    assert "exactly one schema:name" in report
    assert report.startswith("Violation")


def test_float_confidence_is_a_violation(merged: Graph) -> None:
    broken = Graph()
    for triple in merged:
        broken.add(triple)
    (quote,) = broken.subjects(RDF.type, SCHEMA.Quotation)
    broken.remove((quote, KG.confidence, None))
    broken.add((quote, KG.confidence, Literal(0.95, datatype=XS.double)))

    violations = validate(broken)

    assert [(v.focus, v.path) for v in violations] == [(str(quote), str(KG.confidence))]
    assert "xsd:decimal" in format_violations(violations)


def test_format_violations_limits_its_lines() -> None:
    violations = [Violation(f"urn:x:{i}", "urn:p", "bad", "Violation") for i in range(7)]

    lines = format_violations(violations, limit=5).splitlines()

    assert len(lines) == 6
    assert lines[-1].endswith("2 more")


def test_one_triple_from_one_sentence_by_two_extractors_keeps_two_provenances() -> None:
    """Regression: a post and a membership asserting ``org:memberOf`` from one sentence with
    different confidences collided in one statement with two ``kg:confidence`` values."""
    base = make_resolved()
    b = base.articles[1]
    sentence = b.facts[0].evidence
    extra = Fact("role", "person/tavish-ollerby", sentence, "roles.v1",
                 object="organization/civic-planning-syndicate", role="treasurer", status="current",
                 confidence=0.9)
    resolved = Resolved(entities=base.entities,
                        articles=(base.articles[0], ArticleResult(b.article, b.entities, (*b.facts, extra))))
    graph = merged_graph(build_dataset(resolved))
    person, syndicate = iri("person/tavish-ollerby"), iri("organization/civic-planning-syndicate")
    found = statements(graph, person, ORG.memberOf, syndicate)
    assert len(found) == 2
    assert sorted(str(graph.value(s, KG.confidence)) for s in found) == ["0.6", "0.9"]
    assert validate(graph) == []


def test_the_validating_child_reads_n_triples_as_rdflib_does(merged: Graph) -> None:
    # What the build sends its validating process: the merged graph plus the literals text
    # brings (quotes, newlines, backslashes, other scripts, language tags) and a blank node.
    import pyoxigraph

    from kg.graph.quads import oxigraph_term
    from kg.graph.validate import parse_ntriples

    graph = Graph()
    for triple in merged:
        graph.add(triple)
    node = URIRef(DEFAULT_BASE + "quote/odd")
    for text in ('He said "no"\nthen left \\ ', "Ελλάδα", "€4.5bn"):
        graph.add((node, SCHEMA.text, Literal(text)))
    graph.add((node, SCHEMA.headline, Literal("Brexit", lang="en-gb")))
    graph.add((node, KG.confidence, Literal(Decimal("0.75"))))
    graph.add((node, SCHEMA.about, BNode("b1")))
    data = pyoxigraph.serialize([pyoxigraph.Triple(*(oxigraph_term(t) for t in triple)) for triple in graph],
                                format=pyoxigraph.RdfFormat.N_TRIPLES)

    parsed = parse_ntriples(data)

    assert isomorphic(parsed, Graph().parse(data=data, format="nt"))
    assert isomorphic(parsed, graph)
    assert validate(parsed) == validate(graph)
