"""kg.evaluate scores a hand-made graph against a hand-made gold file.

Graphs follow ``ontology/README.md`` node by node; names and outlets are invented. Each test
starts from a graph that states exactly the gold and changes one thing.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, Namespace, URIRef

from kg.errors import GoldError, KGError
from kg.evaluate import (
    KINDS,
    EvalReport,
    evaluate,
    format_report,
    load_gold,
    normalise_name,
    quote_matches,
    report_to_json,
    system_facts,
    titles_match,
)

BASE = "https://w3id.org/newskg/id/"
KGNS = Namespace("https://w3id.org/newskg/ontology#")
SDO = Namespace("https://schema.org/")
ORGNS = Namespace("http://www.w3.org/ns/org#")
PROVNS = Namespace("http://www.w3.org/ns/prov#")
TIMENS = Namespace("http://www.w3.org/2006/time#")
SKOSNS = Namespace("http://www.w3.org/2004/02/skos/core#")

DOC = "001_lantern_gazette.txt"
TYPES = {"person": SDO.Person, "organization": SDO.Organization, "place": SDO.Place}
FINER = {"accuses": KGNS.criticises, "condemns": KGNS.criticises, "praises": KGNS.supports}

Spec = dict[str, list[Any]]


def iri(path: str) -> URIRef:
    return URIRef(BASE + path)


# The graph that states exactly what GOLD states about DOC (paths under BASE).
PERFECT: Spec = {
    "entities": [
        ("person/alba-quentin", "Alba Quentin", ["Quentin"]),
        ("person/borin-vale", "Borin Vale", ["Vale", "Mr Vale"]),
        ("person/cedric-moss", "Cedric Moss", ["Moss", "Dr Moss"]),
        ("organization/northfield-party", "Northfield Party", ["Northfield"]),
        ("organization/harbour-council", "Harbour Council", []),
        ("organization/lantern-gazette", "The Lantern Gazette", ["Lantern Gazette"]),
        ("place/eastmarch", "Eastmarch", []),
    ],
    # person, title, org, status, start, end
    "roles": [
        ("person/alba-quentin", "Health Secretary", "place/eastmarch", "current", None, None),
        ("person/borin-vale", "leader", "organization/northfield-party", "current", None, None),
        ("person/cedric-moss", "chairman", "organization/harbour-council", "former",
         "2001", "2005"),
    ],
    "memberships": [("person/cedric-moss", "organization/northfield-party")],
    # source, predicate (local name), target, evidence
    "statements": [
        ("person/borin-vale", "criticises", "person/alba-quentin",
         "Vale attacked Quentin over the hospital closures."),
        ("person/cedric-moss", "accuses", "person/borin-vale",
         "Moss accused Vale of misleading the council."),
        ("person/alba-quentin", "praises", "person/cedric-moss",
         "Quentin praised Moss for his years at the council."),
    ],
    "quotes": [("person/borin-vale",
                "\u201cThe minister has failed every family in Eastmarch,\u201d he said.")],
}

GOLD: dict[str, Any] = {
    "doc": DOC,
    "entities": [
        {"id": "alba_quentin", "type": "Person", "name": "Alba Quentin", "aliases": ["Quentin"]},
        {"id": "borin_vale", "type": "Person", "name": "Borin Vale",
         "aliases": ["Vale", "Mr Vale"]},
        {"id": "cedric_moss", "type": "Person", "name": "Cedric Moss",
         "aliases": ["Moss", "Dr Moss"]},
        {"id": "northfield_party", "type": "Organisation", "name": "Northfield Party",
         "aliases": ["Northfield"]},
        {"id": "harbour_council", "type": "Organisation", "name": "Harbour Council",
         "aliases": []},
        {"id": "lantern_gazette", "type": "Organisation", "name": "Lantern Gazette",
         "aliases": ["The Lantern Gazette"]},
        {"id": "eastmarch", "type": "Place", "name": "Eastmarch", "aliases": []},
    ],
    "roles": [
        {"person": "alba_quentin", "role": "Health Secretary", "org": "eastmarch",
         "status": "current", "start": None, "end": None, "required": True,
         "evidence": "Health Secretary Alba Quentin visited the ward."},
        {"person": "borin_vale", "role": "leader", "org": "northfield_party",
         "status": "current", "start": None, "end": None, "required": True,
         "evidence": "Northfield Party leader Borin Vale spoke first."},
        {"person": "cedric_moss", "role": "chairman", "org": "harbour_council",
         "status": "former", "start": "2001", "end": "2005", "required": True,
         "evidence": "Moss chaired Harbour Council from 2001 to 2005."},
    ],
    "memberships": [
        {"person": "cedric_moss", "org": "northfield_party", "required": True,
         "evidence": "Moss, a member of the Northfield Party, ..."},
    ],
    "criticisms": [
        {"source": "borin_vale", "target": "alba_quentin", "kind": "criticise",
         "required": True, "evidence": "Vale attacked Quentin over the hospital closures."},
        {"source": "cedric_moss", "target": "borin_vale", "kind": "accuse",
         "required": True, "evidence": "Moss accused Vale of misleading the council."},
    ],
    "supports": [
        {"source": "alba_quentin", "target": "cedric_moss", "required": True,
         "evidence": "Quentin praised Moss for his years at the council."},
    ],
    "quotes": [
        {"speaker": "borin_vale", "starts": "The minister has failed every", "required": True},
    ],
}


# ---------------------------------------------------------------------------------------------
# Building graphs and gold files
# ---------------------------------------------------------------------------------------------


def spec(**changes: list[Any]) -> Spec:
    """PERFECT with some of its lists replaced."""
    return {**PERFECT, **changes}


def _provenance(g: Graph, node: URIRef, article: URIRef, evidence: str) -> None:
    activity = iri("activity/test-v1")
    g.add((activity, RDF.type, PROVNS.Activity))
    g.add((activity, RDFS.label, Literal("test.v1")))
    g.add((node, PROVNS.wasDerivedFrom, article))
    g.add((node, KGNS.evidence, Literal(evidence)))
    g.add((node, KGNS.startOffset, Literal(0, datatype=XSD.integer)))
    g.add((node, KGNS.endOffset, Literal(len(evidence), datatype=XSD.integer)))
    g.add((node, KGNS.confidence, Literal(Decimal("0.9"), datatype=XSD.decimal)))
    g.add((node, PROVNS.wasGeneratedBy, activity))


def _statement(g: Graph, article: URIRef, s: URIRef, p: URIRef, o: URIRef, evidence: str,
               n: int) -> None:
    g.add((s, p, o))
    st = iri(f"statement/{article.rsplit('/', 1)[-1]}-{n}")
    g.add((st, RDF.type, RDF.Statement))
    g.add((st, RDF.subject, s))
    g.add((st, RDF.predicate, p))
    g.add((st, RDF.object, o))
    _provenance(g, st, article, evidence)


def add_article(g: Graph, doc: str, s: Spec) -> URIRef:
    """Add one article and everything ``s`` says about it, as ontology/README.md lays out."""
    slug = doc.replace(".", "-").replace("_", "-")
    article = iri(f"article/{slug}")
    g.add((article, RDF.type, SDO.NewsArticle))
    g.add((article, SDO.identifier, Literal(doc)))
    g.add((article, KGNS.contentHash, Literal("0" * 64)))
    for path, name, aliases in s["entities"]:
        node = iri(path)
        g.add((node, RDF.type, TYPES[path.split("/")[0]]))
        g.add((node, SDO.name, Literal(name)))
        g.add((node, RDFS.label, Literal(name)))
        for alias in aliases:
            g.add((node, SDO.alternateName, Literal(alias)))
        g.add((article, SDO.mentions, node))
    n = 0
    for person, title, org, status, start, end in s["roles"]:
        n += 1
        role = iri("role/" + title.lower().replace(" ", "-"))
        g.add((role, RDF.type, ORGNS.Role))
        for prop in (SKOSNS.prefLabel, SDO.name, RDFS.label):
            g.add((role, prop, Literal(title)))
        m = iri(f"membership/{slug}-{n}")
        g.add((m, RDF.type, ORGNS.Membership))
        g.add((m, ORGNS.member, iri(person)))
        g.add((m, ORGNS.role, role))
        if org is not None:
            g.add((m, ORGNS.organization, iri(org)))
        g.add((m, KGNS.status, {"current": KGNS.current, "former": KGNS.former}.get(
            status, KGNS.unknownStatus)))
        g.add((m, PROVNS.wasDerivedFrom, article))
        if start or end:
            interval = iri(f"interval/{start}-{end}")
            g.add((interval, RDF.type, TIMENS.Interval))
            for prop, year in ((TIMENS.hasBeginning, start), (TIMENS.hasEnd, end)):
                if year:
                    instant = iri(f"instant/{year}")
                    g.add((instant, RDF.type, TIMENS.Instant))
                    g.add((instant, TIMENS.inXSDgYear, Literal(year, datatype=XSD.gYear)))
                    g.add((interval, prop, instant))
            g.add((m, ORGNS.memberDuring, interval))
        _statement(g, article, iri(person), KGNS.holdsPost, role, f"{title} sentence.", n)
        if org is not None:
            _statement(g, article, iri(person), ORGNS.memberOf, iri(org), f"{title} sentence.",
                       100 + n)
    for person, org in s["memberships"]:
        n += 1
        m = iri(f"membership/{slug}-{n}")
        g.add((m, RDF.type, ORGNS.Membership))
        g.add((m, ORGNS.member, iri(person)))
        g.add((m, ORGNS.organization, iri(org)))
        g.add((m, KGNS.status, KGNS.current))
        g.add((m, PROVNS.wasDerivedFrom, article))
        _statement(g, article, iri(person), ORGNS.memberOf, iri(org), "Member sentence.", n)
    for source, pred, target, evidence in s["statements"]:
        n += 1
        if pred in FINER:  # the general property is asserted next to the finer one
            g.add((iri(source), FINER[pred], iri(target)))
        _statement(g, article, iri(source), KGNS[pred], iri(target), evidence, n)
    for speaker, text in s["quotes"]:
        n += 1
        q = iri(f"quote/{slug}-{n}")
        g.add((q, RDF.type, SDO.Quotation))
        g.add((q, SDO.creator, iri(speaker)))
        g.add((q, SDO.text, Literal(text)))
        g.add((q, SDO.isPartOf, article))
        _provenance(g, q, article, text)
    return article


def make_graph(s: Spec | None = None, doc: str = DOC) -> Graph:
    g = Graph()
    add_article(g, doc, PERFECT if s is None else s)
    return g


def write_gold(tmp_path: Path, *docs: dict[str, Any], name: str = "gold.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def gold(**changes: Any) -> dict[str, Any]:
    """GOLD with some of its keys replaced."""
    return {**GOLD, **changes}


def run(tmp_path: Path, s: Spec | None = None, g: dict[str, Any] | None = None) -> EvalReport:
    return evaluate(make_graph(s), write_gold(tmp_path, GOLD if g is None else g))


def assert_perfect(report: EvalReport, kinds: Iterable[str] = KINDS) -> None:
    for kind in kinds:
        assert report.scores[kind].f1 == 1.0, (kind, report.scores[kind], report.wrong,
                                               report.missed)


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------


def test_perfect_graph_scores_one_everywhere(tmp_path: Path) -> None:
    report = run(tmp_path)
    assert_perfect(report)
    assert report.role_org_accuracy == 1.0
    assert report.missed == () and report.wrong == () and report.duplicates == ()
    assert report.absent_docs == ()
    # Memberships: the annotated one, plus the two that roles in organisations imply.
    assert report.scores["memberships"].n_system == 3
    assert report.scores["memberships"].n_required == 1
    assert report.scores["entities"].n_required == 7
    assert report.scores["persons"].n_system == 3


def test_system_facts_reads_the_article(tmp_path: Path) -> None:
    doc = system_facts(make_graph(), DOC)
    assert doc.found
    assert {e.name for e in doc.entities} >= {"Alba Quentin", "Eastmarch"}
    cedric = next(r for r in doc.roles if r.title == "chairman")
    assert (cedric.status, cedric.start, cedric.end) == ("former", "2001", "2005")
    assert cedric.org == BASE + "organization/harbour-council"
    # A place as org is a state post, not a membership.
    assert {(m.source.rsplit("/", 1)[-1], m.target.rsplit("/", 1)[-1])
            for m in doc.memberships} == {("cedric-moss", "harbour-council"),
                                          ("borin-vale", "northfield-party"),
                                          ("cedric-moss", "northfield-party")}
    # kg:accuses is a sub-property of kg:criticises; holdsPost and memberOf are neither.
    assert len(doc.criticisms) == 2 and len(doc.supports) == 1
    assert doc.quotes[0].speaker == BASE + "person/borin-vale"


def test_missing_criticism_lowers_recall_only(tmp_path: Path) -> None:
    report = run(tmp_path, spec(statements=PERFECT["statements"][:1] + PERFECT["statements"][2:]))
    s = report.scores["criticisms"]
    assert (s.precision, s.recall) == (1.0, 0.5)
    assert (s.tp_recall, s.n_required, s.n_system) == (1, 2, 1)
    assert report.missed == (
        f"{DOC} criticisms: cedric_moss -> borin_vale "
        "(Moss accused Vale of misleading the council.)",
    )
    assert report.wrong == ()
    assert_perfect(report, [k for k in KINDS if k != "criticisms"])


def test_reversed_criticism_counts_as_wrong(tmp_path: Path) -> None:
    reversed_ = [("person/alba-quentin", "criticises", "person/borin-vale", "Reversed.")]
    report = run(tmp_path, spec(statements=reversed_ + PERFECT["statements"][1:]))
    s = report.scores["criticisms"]
    assert (s.tp_precision, s.n_system, s.tp_recall, s.n_required) == (1, 2, 1, 2)
    assert report.wrong == (f"{DOC} criticisms: Alba Quentin -> Borin Vale (Reversed.)",)
    assert report.missed[0].startswith(f"{DOC} criticisms: borin_vale -> alba_quentin")


def test_criticism_kind_is_ignored(tmp_path: Path) -> None:
    statements = [(s, "condemns" if p == "criticises" else p, t, e)
                  for s, p, t, e in PERFECT["statements"]]
    assert_perfect(run(tmp_path, spec(statements=statements)))


def test_alias_with_honorific_matches(tmp_path: Path) -> None:
    entities = [e for e in GOLD["entities"] if e["id"] != "borin_vale"]
    entities.append({"id": "dana_smith", "type": "Person", "name": "Dana Smith",
                     "aliases": ["Smith"]})
    g = gold(
        entities=entities,
        roles=[], memberships=[], supports=[], quotes=[],
        criticisms=[{"source": "dana_smith", "target": "alba_quentin", "kind": "criticise",
                     "required": True, "evidence": "Mr Smith attacked Quentin."}],
    )
    s = spec(
        entities=[e for e in PERFECT["entities"] if e[0] != "person/borin-vale"]
        + [("person/mr-smith", "Mr Smith", [])],
        roles=[], memberships=[], quotes=[],
        statements=[("person/mr-smith", "criticises", "person/alba-quentin", "Mr Smith ...")],
    )
    report = run(tmp_path, s, g)
    assert_perfect(report)


@pytest.mark.parametrize(
    "written, normalised",
    [
        ("Mr Smith", "smith"),
        ("Sir  Keiran   Dole", "keiran dole"),
        ("Professor Dr. Ines Varga", "ines varga"),
        ("The Lantern Gazette", "lantern gazette"),
        ("Ren\u00e9e \u00d3 Braon\u00e1in", "renee o braonain"),
        ("O\u2019Hara", "o'hara"),
        ("Lady", "lady"),  # nothing but an honorific: kept
        ("Smithers", "smithers"),
    ],
)
def test_normalise_name(written: str, normalised: str) -> None:
    assert normalise_name(written) == normalised


@pytest.mark.parametrize(
    "gold_title, system_title, expected",
    [
        ("Health Secretary", "Secretary", True),
        ("Health Secretary", "health secretary", True),
        ("minister", "Secretary", False),
        ("safeguarding minister", "Minister", True),
        ("chairman", "former chairman", True),
        ("leader", "then leader", True),
        ("Director of Public Prosecutions", "Director", False),
        ("deputy leader", "leader", True),
        ("Prime Minister", "deputy minister", False),
        ("leader", "former", False),
    ],
)
def test_titles_match(gold_title: str, system_title: str, expected: bool) -> None:
    assert titles_match(gold_title, system_title) is expected


def test_role_title_rule_in_evaluation(tmp_path: Path) -> None:
    roles = list(PERFECT["roles"])
    roles[0] = ("person/alba-quentin", "Secretary", "place/eastmarch", "current", None, None)
    assert_perfect(run(tmp_path, spec(roles=roles)))

    roles[0] = ("person/alba-quentin", "minister", "place/eastmarch", "current", None, None)
    report = run(tmp_path, spec(roles=roles))
    s = report.scores["roles"]
    assert (s.tp_precision, s.n_system, s.tp_recall, s.n_required) == (2, 3, 2, 3)
    assert report.wrong == (f"{DOC} roles: Alba Quentin \u2014 minister (org: Eastmarch)",)
    assert report.missed[0].startswith(f"{DOC} roles: alba_quentin \u2014 Health Secretary")


def test_former_is_dropped_from_titles(tmp_path: Path) -> None:
    roles = list(PERFECT["roles"])
    roles[2] = ("person/cedric-moss", "former chairman", "organization/harbour-council",
                "former", None, None)
    assert_perfect(run(tmp_path, spec(roles=roles)))


def test_role_org_accuracy_is_separate(tmp_path: Path) -> None:
    roles = list(PERFECT["roles"])
    roles[1] = ("person/borin-vale", "leader", "organization/harbour-council", "current",
                None, None)
    report = run(tmp_path, spec(roles=roles))
    assert report.scores["roles"].f1 == 1.0
    assert (report.role_org_right, report.role_org_total) == (2, 3)
    assert report.role_org_accuracy == pytest.approx(2 / 3)
    assert f"{DOC} role orgs: Borin Vale \u2014 leader (org: Harbour Council; gold: " \
        "northfield_party)" in report.wrong


def test_role_org_both_null_is_right_and_one_null_is_wrong(tmp_path: Path) -> None:
    g_roles = [dict(GOLD["roles"][0], org=None)]
    g = gold(roles=g_roles)
    no_org = [("person/alba-quentin", "Health Secretary", None, "current", None, None)]
    report = run(tmp_path, spec(roles=no_org), g)
    assert report.role_org_accuracy == 1.0
    with_org = [("person/alba-quentin", "Health Secretary", "place/eastmarch", "current",
                 None, None)]
    report = run(tmp_path, spec(roles=with_org), g)
    assert report.role_org_accuracy == 0.0
    assert report.scores["roles"].f1 == 1.0


def test_not_required_gold_neither_rewards_nor_punishes(tmp_path: Path) -> None:
    optional = {"source": "alba_quentin", "target": "borin_vale", "kind": "reject",
                "required": False, "evidence": "Quentin brushed Vale's claims aside."}
    g = gold(criticisms=[*GOLD["criticisms"], optional])
    # Not found: recall unchanged, nothing missed.
    report = run(tmp_path, None, g)
    assert_perfect(report)
    assert report.scores["criticisms"].n_required == 2
    # Found: it counts for precision, not as wrong.
    extra = ("person/alba-quentin", "rejects", "person/borin-vale", "Quentin brushed ...")
    report = run(tmp_path, spec(statements=[*PERFECT["statements"], extra]), g)
    assert_perfect(report)
    assert report.scores["criticisms"].tp_precision == 3
    assert report.wrong == ()


def test_unannotated_membership_is_wrong(tmp_path: Path) -> None:
    extra = ("person/alba-quentin", "organization/harbour-council")
    report = run(tmp_path, spec(memberships=[*PERFECT["memberships"], extra]))
    s = report.scores["memberships"]
    assert (s.tp_precision, s.n_system, s.recall) == (3, 4, 1.0)
    assert report.wrong == (f"{DOC} memberships: Alba Quentin -> Harbour Council",)


@pytest.mark.parametrize(
    "starts, text, expected",
    [
        ("The minister has failed every", "\u201cThe minister has failed every family,\u201d",
         True),
        ("the minister  has failed", "The Minister has failed every family", True),
        ("It\u2019s a disgrace", "\"It's a disgrace to this town\"", True),
        ("\u2026 a disgrace to this", "\u2014 a disgrace to this town", True),
        ("a disgrace to this town", "He told reporters it was a disgrace to this town", True),
        ("a disgrace to this town", "x " * 60 + "a disgrace to this town", False),
        ("The minister has failed", "The council has failed every family", False),
    ],
)
def test_quote_matches(starts: str, text: str, expected: bool) -> None:
    assert quote_matches(starts, text) is expected


def test_quote_needs_right_speaker_and_text(tmp_path: Path) -> None:
    wrong_speaker = [("person/cedric-moss", PERFECT["quotes"][0][1])]
    report = run(tmp_path, spec(quotes=wrong_speaker))
    assert report.scores["quotes"].f1 == 0.0
    assert report.missed == (f'{DOC} quotes: borin_vale: "The minister has failed every"',)
    assert report.wrong[0].startswith(f"{DOC} quotes: Cedric Moss:")


def test_duplicated_persons(tmp_path: Path) -> None:
    twin: tuple[str, str, list[str]] = ("person/mr-vale", "Mr Vale", [])
    report = run(tmp_path, spec(entities=[*PERFECT["entities"], twin]))
    assert [(d.doc, d.gold_id, d.system_names) for d in report.duplicates] == [
        (DOC, "borin_vale", ("Borin Vale", "Mr Vale"))
    ]
    # Both nodes name a gold person, so neither is wrong.
    assert report.scores["entities"].precision == 1.0
    assert "duplicated persons: 1" in format_report(report)


def test_entity_of_wrong_type_counts_in_splits(tmp_path: Path) -> None:
    entities = [e if e[0] != "place/eastmarch" else ("organization/eastmarch", "Eastmarch", [])
                for e in PERFECT["entities"]]
    roles = [r if r[2] != "place/eastmarch" else (*r[:2], "organization/eastmarch", *r[3:])
             for r in PERFECT["roles"]]
    report = run(tmp_path, spec(entities=entities, roles=roles))
    assert report.scores["entities"].f1 == 1.0
    assert report.scores["places"].recall == 0.0
    assert report.scores["organisations"].precision == pytest.approx(3 / 4)
    assert any("Eastmarch typed Organisation" in w for w in report.wrong)


def test_document_absent_from_graph(tmp_path: Path) -> None:
    other = gold(doc="002_absent.txt")
    path = write_gold(tmp_path, GOLD, other)
    report = evaluate(make_graph(), path)
    assert report.absent_docs == ("002_absent.txt",)
    assert report.scores["criticisms"].recall == 0.5
    assert report.scores["criticisms"].precision == 1.0
    assert any(m.startswith("002_absent.txt roles:") for m in report.missed)
    assert "not in the graph (1" in format_report(report)


def test_dataset_is_read_as_union_and_files_by_suffix(tmp_path: Path) -> None:
    ds = Dataset()
    add_article(ds.graph(iri("graph/one")), DOC, PERFECT)
    second = dict(GOLD, doc="002_harbour_post.txt")
    add_article(ds.graph(iri("graph/two")), "002_harbour_post.txt", PERFECT)
    gold_path = write_gold(tmp_path, GOLD, second)
    assert_perfect(evaluate(ds, gold_path))
    for suffix, fmt in ((".trig", "trig"), (".ttl", "turtle"), (".jsonld", "json-ld")):
        out = tmp_path / f"graph{suffix}"
        if fmt == "turtle":
            union = Graph()
            for s, p, o, _ in ds.quads((None, None, None, None)):
                union.add((s, p, o))
            union.serialize(out, format=fmt)
        else:
            # rdflib's own TriG / JSON-LD serialisers call the deprecated Dataset.contexts.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                ds.serialize(out, format=fmt)
        report = evaluate(out, gold_path)
        assert_perfect(report)
        assert report.docs == (DOC, "002_harbour_post.txt")


def test_unknown_graph_suffix_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "graph.txt"
    path.write_text("", encoding="utf-8")
    with pytest.raises(KGError, match="suffix"):
        evaluate(path, write_gold(tmp_path, GOLD))


def test_subproperties_fall_back_to_the_graph(tmp_path: Path) -> None:
    missing = tmp_path / "no-ontology.ttl"
    g = make_graph()
    # Without the ontology, kg:accuses and kg:praises are unknown...
    doc = system_facts(g, DOC, ontology=missing)
    assert (len(doc.criticisms), len(doc.supports)) == (1, 0)
    # ...unless the graph declares them itself.
    g.add((KGNS.accuses, RDFS.subPropertyOf, KGNS.criticises))
    g.add((KGNS.praises, RDFS.subPropertyOf, KGNS.supports))
    doc = system_facts(g, DOC, ontology=missing)
    assert (len(doc.criticisms), len(doc.supports)) == (2, 1)


def test_report_renderings(tmp_path: Path) -> None:
    report = run(tmp_path, spec(statements=PERFECT["statements"][1:]))
    text = format_report(report)
    rows = [line for line in text.splitlines() if line.strip().split(" ")[0] in KINDS]
    assert [r.split()[0] for r in rows] == list(KINDS)
    assert len({len(r) for r in rows}) == 1  # aligned columns
    assert "missed (1):" in text and "wrong (0):" in text
    data = report_to_json(report)
    assert json.loads(json.dumps(data)) == data
    assert data["scores"]["criticisms"]["recall"] == 0.5


# ---------------------------------------------------------------------------------------------
# The gold file
# ---------------------------------------------------------------------------------------------


def test_load_gold_reads_docs_and_skips_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n" + json.dumps(GOLD) + "\n\n", encoding="utf-8")
    (doc,) = load_gold(path)
    assert doc.doc == DOC and doc.line == 2
    assert doc.roles[2].start == "2001"
    assert doc.criticisms[1].kind == "accuse"


def _bad(tmp_path: Path, lines: Sequence[str]) -> str:
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(GoldError) as info:
        load_gold(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}:")
    return message


@pytest.mark.parametrize(
    "second_line, lineno, what",
    [
        ('{"doc": "x.txt", "entities": [', 2, "not valid JSON"),
        ('["x.txt"]', 2, "JSON object"),
        ('{"entities": []}', 2, '"doc"'),
        ('{"doc": "x.txt"}', 2, '"entities"'),
        ('{"doc": "x.txt", "entities": [], "criticisms": [{"source": "a", "target": "b"}]}',
         2, "does not declare"),
        ('{"doc": "x.txt", "entities": [{"id": "a", "type": "Robot", "name": "A"}]}',
         2, "type"),
        ('{"doc": "x.txt", "entities": [], "quotes": {}}', 2, "list"),
        ('{"doc": "x.txt", "entities": [{"id": "a", "type": "Person", "name": "A"}], '
         '"roles": [{"person": "a"}]}', 2, '"role"'),
        ('{"doc": "x.txt", "entities": [{"id": "a", "type": "Person", "name": "A"}], '
         '"quotes": [{"speaker": "a", "starts": "Hi", "required": "yes"}]}', 2, "required"),
        (json.dumps(GOLD), 2, "already annotated on line 1"),
    ],
)
def test_bad_gold_names_the_line(tmp_path: Path, second_line: str, lineno: int,
                                 what: str) -> None:
    message = _bad(tmp_path, [json.dumps(GOLD), second_line])
    assert f":{lineno}: " in message
    assert what in message


def test_bad_gold_counts_blank_lines(tmp_path: Path) -> None:
    message = _bad(tmp_path, [json.dumps(GOLD), "", "not json"])
    assert ":3: not valid JSON" in message


def test_empty_gold_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n", encoding="utf-8")
    assert load_gold(path) == []
    with pytest.raises(GoldError, match="no documents"):
        evaluate(make_graph(), path)


def test_missing_gold_file(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="cannot read"):
        load_gold(tmp_path / "nowhere.jsonl")
