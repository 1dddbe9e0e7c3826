"""The ontology, its generated namespace module and the SHACL shapes agree with each other.

A hand-made graph that follows ``ontology/README.md`` must pass ``ontology/shapes.ttl``; each
parametrized breakage of it must fail exactly the shape it targets, on the expected node.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pyoxigraph
import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH

# TIME and XSD are used as ns.TIME / ns.XSD: as module globals they would make pytest's
# collection probe them and rdflib warn about the unknown attribute "_mock_name".
from kg.graph import namespaces as ns
from kg.graph.namespaces import (
    ID,
    KG,
    OA,
    ORG,
    OWL,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
)

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = ROOT / "ontology" / "newskg.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
GENERATOR = ROOT / "tools" / "gen_namespaces.py"
KGSH = Namespace("https://w3id.org/newskg/shapes#")

# CAMEO codes as ontology/README.md lists them.
CAMEO = {
    "accuses": "112",
    "blames": "112",
    "condemns": "111",
    "denounces": "111",
    "mocks": "111",
    "insults": "111",
    "rejects": "125",
    "demandsActionAgainst": "10",
    "praises": "051",
    "endorses": "051",
    "defends": "052",
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def _generator() -> ModuleType:
    """Import tools/gen_namespaces.py (``tools`` is not a package)."""
    spec = importlib.util.spec_from_file_location("gen_namespaces", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _english(graph: Graph, subject: URIRef, predicate: URIRef) -> list[Literal]:
    return [
        o
        for o in graph.objects(subject, predicate)
        if isinstance(o, Literal) and o.language == "en" and str(o).strip()
    ]


# --- ontology ----------------------------------------------------------------------------------


def test_ontology_parses_with_rdflib_and_oxigraph(ontology: Graph) -> None:
    quads = list(pyoxigraph.parse(path=str(ONTOLOGY), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(ontology) > 0
    assert (URIRef("https://w3id.org/newskg/ontology"), RDF.type, OWL.Ontology) in ontology


def test_ontology_has_no_blank_nodes(ontology: Graph) -> None:
    assert not [t for t in ontology if any(isinstance(x, BNode) for x in t)]


def test_namespace_module_matches_declared_terms(ontology: Graph) -> None:
    declared = {
        str(s)[len(str(KG)) :]
        for s in ontology.subjects(RDF.type, None)
        if str(s).startswith(str(KG))
    }
    assert declared == set(KG.__annotations__)


@pytest.mark.parametrize("name", sorted(KG.__annotations__))
def test_every_term_has_english_label_and_comment(ontology: Graph, name: str) -> None:
    term = KG[name]
    assert len(_english(ontology, term, RDFS.label)) == 1
    assert len(_english(ontology, term, RDFS.comment)) == 1


def test_generated_module_is_up_to_date() -> None:
    module = ROOT / "kg" / "graph" / "namespaces.py"
    assert module.read_text(encoding="utf-8") == _generator().render(ONTOLOGY), (
        "kg/graph/namespaces.py is stale: run python tools/gen_namespaces.py"
    )


def test_interaction_subproperties_carry_their_cameo_code(ontology: Graph) -> None:
    found = {}
    for parent in (KG.criticises, KG.supports):
        for sub in ontology.subjects(RDFS.subPropertyOf, parent):
            codes = list(ontology.objects(sub, KG.cameoCode))
            assert len(codes) == 1, f"{sub} needs exactly one kg:cameoCode"
            found[str(sub)[len(str(KG)) :]] = str(codes[0])
    assert found == CAMEO


def test_status_individuals(ontology: Graph) -> None:
    assert set(ontology.subjects(RDF.type, KG.PostStatus)) == {
        KG.current,
        KG.former,
        KG.unknownStatus,
    }


def test_typo_raises_attribute_error() -> None:
    with pytest.raises(AttributeError):
        _ = KG.critcises


def test_prefixes() -> None:
    assert set(PREFIXES) == {
        "kg", "schema", "org", "prov", "time", "rdf", "rdfs", "skos", "xsd", "owl", "oa"
    }  # fmt: skip
    assert str(PREFIXES["kg"]) == "https://w3id.org/newskg/ontology#"
    assert str(PREFIXES["schema"]) == "https://schema.org/"
    assert PREFIXES["oa"] == OA
    assert str(ID) == "https://w3id.org/newskg/id/"


# --- shapes ------------------------------------------------------------------------------------


def test_shapes_parse_and_every_shape_has_a_message(shapes: Graph) -> None:
    named = {
        s
        for kind in (SH.NodeShape, SH.PropertyShape, SH.SPARQLConstraint)
        for s in shapes.subjects(RDF.type, kind)
    }
    assert named, "no shapes found"
    assert all(isinstance(s, URIRef) for s in named)
    assert [s for s in named if not _english(shapes, s, SH.message)] == []


P1 = ID["person/ada-quill"]
P2 = ID["person/rishi-sunak"]
LABOUR = ID["organization/labour-party"]
UK = ID["place/united-kingdom"]
ARTICLE = ID["article/000-838c28f78ec84cb6-txt"]
PM = ID["role/prime-minister"]
M_PM = ID["membership/0f1e2d"]
M_LAB = ID["membership/3c4b5a"]
INTERVAL = ID["interval/2022-2024"]
Y2022 = ID["instant/2022"]
Y2024 = ID["instant/2024"]
ROLES = ID["activity/roles-v1"]
INTERACTIONS = ID["activity/interactions-v1"]
QUOTES = ID["activity/quotes-v1"]
ST_POST = ID["statement/a1"]
ST_MEMBER = ID["statement/a2"]
ST_ACCUSES = ID["statement/a3"]
ST_PRAISES = ID["statement/a4"]
QUOTE = ID["quote/b1"]


def _provenance(g: Graph, node: URIRef, activity: URIRef, start: int, end: int) -> None:
    g.add((node, PROV.wasDerivedFrom, ARTICLE))
    g.add((node, KG.evidence, Literal("Quill accused Oakes of misleading voters.")))
    g.add((node, KG.startOffset, Literal(start, datatype=ns.XSD.integer)))
    g.add((node, KG.endOffset, Literal(end, datatype=ns.XSD.integer)))
    g.add((node, KG.confidence, Literal(Decimal("0.8"))))
    g.add((node, PROV.wasGeneratedBy, activity))


def _statement(g: Graph, node: URIRef, triple: tuple[URIRef, URIRef, URIRef], act: URIRef) -> None:
    g.add(triple)
    g.add((node, RDF.type, RDF.Statement))
    g.add((node, RDF.subject, triple[0]))
    g.add((node, RDF.predicate, triple[1]))
    g.add((node, RDF.object, triple[2]))
    _provenance(g, node, act, 120, 163)


def valid_graph() -> Graph:
    """A small graph that follows ontology/README.md in every respect."""
    g = Graph()
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace)

    g.add((ARTICLE, RDF.type, SCHEMA.NewsArticle))
    g.add((ARTICLE, SCHEMA.identifier, Literal("000_838c28f78ec84cb6.txt")))
    g.add((ARTICLE, SCHEMA.headline, Literal("Quill attacks Oakes")))
    g.add((ARTICLE, KG.contentHash, Literal("ab" * 32)))

    entities = [
        (P1, SCHEMA.Person, "Ada Quill", ["Quill", "Dame Ada"]),
        (P2, SCHEMA.Person, "Rishi Oakes", ["Oakes"]),
        (LABOUR, SCHEMA.Organization, "Labour Party", ["Labour"]),
        (UK, SCHEMA.Place, "United Kingdom", ["UK"]),
    ]
    for node, cls, name, aliases in entities:
        g.add((node, RDF.type, cls))
        g.add((node, SCHEMA.name, Literal(name)))
        g.add((node, RDFS.label, Literal(name)))
        for alias in aliases:
            g.add((node, SCHEMA.alternateName, Literal(alias)))
        g.add((ARTICLE, SCHEMA.mentions, node))

    g.add((PM, RDF.type, ORG.Role))
    g.add((PM, SKOS.prefLabel, Literal("Prime Minister")))
    g.add((PM, SCHEMA.name, Literal("Prime Minister")))
    g.add((PM, RDFS.label, Literal("Prime Minister")))

    # Oakes, former Prime Minister (2022-2024) of the United Kingdom.
    g.add((M_PM, RDF.type, ORG.Membership))
    g.add((M_PM, ORG.member, P2))
    g.add((M_PM, ORG.role, PM))
    g.add((M_PM, ORG.organization, UK))
    g.add((M_PM, ORG.memberDuring, INTERVAL))
    g.add((M_PM, KG.status, KG.former))
    g.add((M_PM, PROV.wasDerivedFrom, ARTICLE))
    g.add((INTERVAL, RDF.type, ns.TIME.Interval))
    g.add((INTERVAL, ns.TIME.hasBeginning, Y2022))
    g.add((INTERVAL, ns.TIME.hasEnd, Y2024))
    for instant, year in ((Y2022, "2022"), (Y2024, "2024")):
        g.add((instant, RDF.type, ns.TIME.Instant))
        g.add((instant, ns.TIME.inXSDgYear, Literal(year, datatype=ns.XSD.gYear)))

    # Quill, a Labour member; no post named.
    g.add((M_LAB, RDF.type, ORG.Membership))
    g.add((M_LAB, ORG.member, P1))
    g.add((M_LAB, ORG.organization, LABOUR))
    g.add((M_LAB, KG.status, KG.current))
    g.add((M_LAB, PROV.wasDerivedFrom, ARTICLE))

    runs = ((ROLES, "roles"), (INTERACTIONS, "interactions"), (QUOTES, "quotes"))
    for activity, extractor in runs:
        g.add((activity, RDF.type, PROV.Activity))
        g.add((activity, RDFS.label, Literal(f"{extractor}.v1")))
        g.add((activity, KG.extractorName, Literal(extractor)))
        g.add((activity, KG.extractorVersion, Literal("v1")))

    _statement(g, ST_POST, (P2, KG.holdsPost, PM), ROLES)
    _statement(g, ST_MEMBER, (P1, ORG.memberOf, LABOUR), ROLES)
    # The finest kind is reified; its super-property is asserted too.
    _statement(g, ST_ACCUSES, (P1, KG.accuses, P2), INTERACTIONS)
    g.add((P1, KG.criticises, P2))
    _statement(g, ST_PRAISES, (LABOUR, KG.praises, P1), INTERACTIONS)
    g.add((LABOUR, KG.supports, P1))

    g.add((QUOTE, RDF.type, SCHEMA.Quotation))
    g.add((QUOTE, SCHEMA.creator, P1))
    g.add((QUOTE, SCHEMA.text, Literal("He has misled voters.")))
    g.add((QUOTE, SCHEMA.isPartOf, ARTICLE))
    _provenance(g, QUOTE, QUOTES, 164, 200)
    return g


def violations(data: Graph, shapes: Graph) -> tuple[bool, set[tuple[URIRef, URIRef]]]:
    """Validate; return whether it conforms and each result's (offending node, shape).

    For the whole-graph SPARQL checks the offending node is the result's ``sh:value`` and the
    shape is the SPARQL constraint; otherwise they are ``sh:focusNode`` and ``sh:sourceShape``.
    """
    conforms, report, _ = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=None, inference="none"
    )
    assert isinstance(report, Graph)
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        assert report.value(result, SH.resultMessage) is not None
        constraint = report.value(result, SH.sourceConstraint)
        if isinstance(constraint, URIRef):
            found.add((report.value(result, SH.value), constraint))
        else:
            found.add((report.value(result, SH.focusNode), report.value(result, SH.sourceShape)))
    return bool(conforms), found


def test_valid_graph_conforms(shapes: Graph) -> None:
    conforms, found = violations(valid_graph(), shapes)
    assert conforms, found


def test_valid_graph_is_blank_node_free() -> None:
    assert not [t for t in valid_graph() if any(isinstance(x, BNode) for x in t)]


Breakage = Callable[[Graph], None]


def _set(s: URIRef, p: URIRef, o: URIRef | Literal) -> Breakage:
    return lambda g: g.set((s, p, o))


def _add(*triples: tuple[URIRef, URIRef, URIRef | Literal]) -> Breakage:
    def apply(g: Graph) -> None:
        for t in triples:
            g.add(t)

    return apply


def _remove(s: URIRef, p: URIRef, o: URIRef | Literal | None = None) -> Breakage:
    return lambda g: g.remove((s, p, o))


BREAKAGES: list[tuple[str, Breakage, set[tuple[URIRef, URIRef]]]] = [
    ("person without schema:name", _remove(P1, SCHEMA.name), {(P1, KGSH["NamedEntity-name"])}),
    (
        "person with two names",
        _add((P1, SCHEMA.name, Literal("Ada Maria Quill"))),
        {(P1, KGSH["NamedEntity-name"])},
    ),
    (
        "name with a language tag",
        _set(P2, SCHEMA.name, Literal("Rishi Oakes", lang="en")),
        {(P2, KGSH["NamedEntity-name"])},
    ),
    ("empty name", _set(UK, SCHEMA.name, Literal("")), {(UK, KGSH["NamedEntity-name"])}),
    (
        "organisation without rdfs:label",
        _remove(LABOUR, RDFS.label),
        {(LABOUR, KGSH["NamedEntity-label"])},
    ),
    (
        "alternate name with a language tag",
        _add((P2, SCHEMA.alternateName, Literal("Rishi", lang="en"))),
        {(P2, KGSH["NamedEntity-alternateName"])},
    ),
    (
        "article without identifier",
        _remove(ARTICLE, SCHEMA.identifier),
        {(ARTICLE, KGSH["NewsArticle-identifier"])},
    ),
    (
        "content hash not hex sha256",
        _set(ARTICLE, KG.contentHash, Literal("AB" * 32)),
        {(ARTICLE, KGSH["NewsArticle-contentHash"])},
    ),
    (
        "article mentions a post",
        _add((ARTICLE, SCHEMA.mentions, PM)),
        {(ARTICLE, KGSH["NewsArticle-mentions"])},
    ),
    ("role without prefLabel", _remove(PM, SKOS.prefLabel), {(PM, KGSH["Role-prefLabel"])}),
    ("membership without member", _remove(M_PM, ORG.member), {(M_PM, KGSH["Membership-member"])}),
    (
        "membership whose member is an organisation",
        _set(M_LAB, ORG.member, LABOUR),
        {(M_LAB, KGSH["Membership-member"])},
    ),
    (
        "membership role is not an org:Role",
        _set(M_PM, ORG.role, UK),
        {(M_PM, KGSH["Membership-role"])},
    ),
    (
        "membership organisation is a person",
        _set(M_LAB, ORG.organization, P2),
        {(M_LAB, KGSH["Membership-organizationType"])},
    ),
    (
        "membership status outside the list",
        _set(M_PM, KG.status, ID["status/acting"]),
        {(M_PM, KGSH["Membership-status"])},
    ),
    ("membership without status", _remove(M_LAB, KG.status), {(M_LAB, KGSH["Membership-status"])}),
    (
        "membership with two statuses",
        _add((M_LAB, KG.status, KG.former)),
        {(M_LAB, KGSH["Membership-status"])},
    ),
    (
        "membership without source article",
        _remove(M_PM, PROV.wasDerivedFrom),
        {(M_PM, KGSH["Membership-derivedFrom"])},
    ),
    (
        "interval with two beginnings",
        _add((INTERVAL, ns.TIME.hasBeginning, Y2024)),
        {(INTERVAL, KGSH["Interval-hasBeginning"])},
    ),
    (
        "gYear as a plain string",
        _set(Y2022, ns.TIME.inXSDgYear, Literal("2022")),
        {(Y2022, KGSH["Instant-inXSDgYear"])},
    ),
    (
        "gYear as an integer",
        _set(Y2024, ns.TIME.inXSDgYear, Literal(2024)),
        {(Y2024, KGSH["Instant-inXSDgYear"])},
    ),
    (
        "statement without evidence",
        _remove(ST_ACCUSES, KG.evidence),
        {(ST_ACCUSES, KGSH["Provenance-evidence"])},
    ),
    (
        "confidence 1.5",
        _set(ST_POST, KG.confidence, Literal(Decimal("1.5"))),
        {(ST_POST, KGSH["Provenance-confidence"])},
    ),
    (
        "confidence as xsd:double",
        _set(ST_POST, KG.confidence, Literal(0.8)),
        {(ST_POST, KGSH["Provenance-confidence"])},
    ),
    (
        "negative start offset",
        _set(ST_MEMBER, KG.startOffset, Literal(-1)),
        {(ST_MEMBER, KGSH["Provenance-startOffset"])},
    ),
    (
        "end offset before start offset",
        _set(ST_MEMBER, KG.endOffset, Literal(100)),
        {(ST_MEMBER, KGSH["Provenance-offsetOrder"])},
    ),
    (
        "statement without source article",
        _remove(ST_PRAISES, PROV.wasDerivedFrom),
        {(ST_PRAISES, KGSH["Provenance-derivedFrom"])},
    ),
    (
        "statement without extractor run",
        _remove(ST_PRAISES, PROV.wasGeneratedBy),
        {(ST_PRAISES, KGSH["Provenance-generatedBy"])},
    ),
    (
        "statement without rdf:object",
        _remove(ST_POST, RDF.object),
        {(ST_POST, KGSH["Statement-object"])},
    ),
    (
        "statement predicate outside the model",
        _add((ST_MEMBER, RDF.predicate, SCHEMA.knows), (P1, SCHEMA.knows, LABOUR)),
        {(ST_MEMBER, KGSH["Statement-predicate"])},
    ),
    (
        "reified triple not asserted",
        _remove(P2, KG.holdsPost, PM),
        {(ST_POST, KGSH["Statement-asserted"])},
    ),
    (
        "finer kind without its super-property",
        _remove(P1, KG.criticises, P2),
        {(P1, KGSH["CriticisesKinds-superAsserted"])},
    ),
    (
        "finer support without kg:supports",
        _remove(LABOUR, KG.supports, P1),
        {(LABOUR, KGSH["SupportsKinds-superAsserted"])},
    ),
    (
        "quotation without creator",
        _remove(QUOTE, SCHEMA.creator),
        {(QUOTE, KGSH["Quotation-creator"])},
    ),
    (
        "quotation by an organisation",
        _set(QUOTE, SCHEMA.creator, LABOUR),
        {(QUOTE, KGSH["Quotation-creator"])},
    ),
    (
        "quotation with empty text",
        _set(QUOTE, SCHEMA.text, Literal("")),
        {(QUOTE, KGSH["Quotation-text"])},
    ),
    (
        "quotation part of something else than its source",
        _add(
            (ID["article/other"], RDF.type, SCHEMA.NewsArticle),
            (ID["article/other"], SCHEMA.identifier, Literal("other.txt")),
            (QUOTE, PROV.wasDerivedFrom, ID["article/other"]),
        ),
        {(QUOTE, KGSH["Quotation-isPartOf"])},
    ),
    (
        "quotation without confidence",
        _remove(QUOTE, KG.confidence),
        {(QUOTE, KGSH["Provenance-confidence"])},
    ),
    (
        "criticises targeting a place",
        _add((P1, KG.criticises, UK)),
        {(P1, KGSH["Criticises-target"])},
    ),
    (
        "a place criticising",
        _add((UK, KG.criticises, P1)),
        {(UK, KGSH["Criticises-source"])},
    ),
    (
        "a post supporting",
        _add((PM, KG.supports, P1)),
        {(PM, KGSH["Supports-source"])},
    ),
    (
        "article mentions a node with no type",
        _add((ARTICLE, SCHEMA.mentions, ID["person/nobody"])),
        {(ID["person/nobody"], KGSH["TypedValues-typed"])},
    ),
    (
        "criticises a node with no type",
        _add((P1, KG.criticises, ID["organization/nothing"])),
        {(ID["organization/nothing"], KGSH["TypedValues-typed"])},
    ),
    (
        "supports targeting a post",
        _add((LABOUR, KG.supports, PM)),
        {(LABOUR, KGSH["Supports-target"])},
    ),
    (
        "holdsPost targeting an organisation",
        _add((P2, KG.holdsPost, LABOUR)),
        {(P2, KGSH["HoldsPost-target"])},
    ),
    (
        "memberOf targeting a person",
        _add((P1, ORG.memberOf, P2)),
        {(P1, KGSH["MemberOf-target"])},
    ),
    (
        "extractor run without version",
        _remove(ROLES, KG.extractorVersion),
        {(ROLES, KGSH["Activity-extractorVersion"])},
    ),
]


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [pytest.param(b, e, id=name) for name, b, e in BREAKAGES],
)
def test_each_breakage_fails_its_shape(
    shapes: Graph, breakage: Breakage, expected: set[tuple[URIRef, URIRef]]
) -> None:
    data = valid_graph()
    breakage(data)
    conforms, found = violations(data, shapes)
    assert not conforms
    assert found == expected


def test_blank_node_entity_fails(shapes: Graph) -> None:
    data = valid_graph()
    anonymous = BNode()
    data.add((anonymous, RDF.type, SCHEMA.Person))
    data.add((anonymous, SCHEMA.name, Literal("Anonymous")))
    data.add((anonymous, RDFS.label, Literal("Anonymous")))
    conforms, found = violations(data, shapes)
    assert not conforms
    assert {shape for _, shape in found} == {KGSH.NamedEntityShape}
