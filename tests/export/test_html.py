"""kg.export.html: the interactive view, checked as data and in a real (headless) Chromium.

Without a browser: which graph facts become nodes and edges (against a hand count and against
``count_view_elements``), escaping, determinism, no remote resources. With Debian's Chromium
(Playwright): the seeds' page, a page built from an invented article and one from a hand-made
corpus whose names and sentences carry HTML/JS payloads: counts, search, filters, panel,
tooltip, layout stopped, no console error, no request leaving ``file://``, nothing injected runs.
The seeds' view is saved as ``docs/graph-view.png`` (1280x800).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, URIRef

from kg.export import html
from kg.graph import namespaces as ns  # attribute access only: see tests/graph/test_ontology.py

from .conftest import (
    EVIL_ALIAS,
    EVIL_NAME,
    EVIL_QUOTE,
    HANDMADE_EDGES,
    HANDMADE_NODES,
    INVENTED_ARTICLE,
    LINK_SENTENCE,
    ROOT,
    ViewPage,
    write_page,
)

ID = "https://w3id.org/newskg/id/"
SCREENSHOT = ROOT / "docs" / "graph-view.png"
DATA_BLOCK = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)


def page_data(page: bytes) -> dict[str, Any]:
    """The JSON the page carries (everything up to the first ``</script>`` after it opens)."""
    match = DATA_BLOCK.search(page.decode("utf-8"))
    assert match, "no kg-data block"
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def default_graph(dataset: Any) -> Graph:
    graph: Graph = dataset.default_graph
    return graph


# ---------------------------------------------------------------------------------------------
# The view's data, without a browser
# ---------------------------------------------------------------------------------------------


def test_handmade_view_holds_one_node_per_entity_and_one_edge_per_fact(handmade_dataset: Any) -> None:
    data = html.view_data(default_graph(handmade_dataset))

    assert len(data["nodes"]) == HANDMADE_NODES
    assert Counter(e["kind"] for e in data["edges"]) == HANDMADE_EDGES
    assert html.count_view_elements(handmade_dataset) == (HANDMADE_NODES, sum(HANDMADE_EDGES.values()))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes[ID + "person/ada-quill"]["label"] == EVIL_NAME
    assert {n["type"] for n in nodes.values()} == {"Person", "Organization", "Place"}


def test_sizes_count_the_facts_touching_a_node(handmade_dataset: Any) -> None:
    nodes = {n["id"]: n for n in html.view_data(default_graph(handmade_dataset))["nodes"]}

    # Ada: 2 criticisms, 1 support, 2 memberships (guild, Norvale), 1 quote.
    assert nodes[ID + "person/ada-quill"]["value"] == 6
    # Bram: 2 criticisms, 1 support, 1 membership, 1 post without organisation (mayor).
    assert nodes[ID + "person/bram-oakes"]["value"] == 5
    assert nodes[ID + "place/norvale"]["value"] == 1


def test_panel_details_of_a_person(handmade_dataset: Any) -> None:
    info = html.view_data(default_graph(handmade_dataset))["info"]["nodes"][ID + "person/ada-quill"]

    assert info["aliases"] == sorted(["Quill", EVIL_ALIAS])
    posts = {(p["title"], p["org"], p["status"], p["years"]) for p in info["posts"]}
    assert posts == {("leader", "Lantern Guild", "former", "2019–2023"), ("envoy", "Norvale", "current", "")}
    assert [q["text"] for q in info["quotes"]] == [EVIL_QUOTE]
    assert [a["id"] for a in info["articles"]] == ["lantern-guild.txt"]


def test_edges_carry_their_fact_evidence_and_article(handmade_dataset: Any) -> None:
    edges = html.view_data(default_graph(handmade_dataset))["info"]["edges"]

    accuses = [e for e in edges.values() if e["predicate"] == "accuses"]
    assert len(accuses) == 1
    assert accuses[0]["evidence"] == [{"sentence": LINK_SENTENCE, "article": "lantern-guild.txt"}]
    leader = [e for e in edges.values() if e["kind"] == "member" and e["title"] == "leader"]
    assert [e["evidence"][0]["sentence"][:30] for e in leader] == ["Quill, who led the Lantern Gui"]
    assert leader[0]["years"] == "2019–2023"


def test_parallel_edges_are_curved_apart(handmade_dataset: Any) -> None:
    edges = html.view_data(default_graph(handmade_dataset))["edges"]
    pair = {ID + "person/ada-quill", ID + "person/bram-oakes"}
    between = [e for e in edges if {e["from"], e["to"]} == pair]

    assert len(between) == 3
    # One side and roundness per edge, in the direction each is drawn (CW one way = CCW the other).
    sides = {(e["smooth"]["type"] == "curvedCW") == (e["from"] < e["to"]) for e in between}
    bends = [((e["smooth"]["type"] == "curvedCW") == (e["from"] < e["to"]), e["smooth"]["roundness"])
             for e in between]
    assert len(set(bends)) == 3 and sides == {True, False}
    assert all("smooth" not in e for e in edges if {e["from"], e["to"]} != pair)


@pytest.mark.parametrize("extra, nodes, edges", [
    # A criticism of something that is no entity (no schema:name) is no edge.
    ([("statement/x", ns.RDF.type, ns.RDF.Statement), ("statement/x", ns.RDF.subject, "person/ada-quill"),
      ("statement/x", ns.RDF.predicate, ns.KG.mocks), ("statement/x", ns.RDF.object, "thing/unnamed")], 4, 6),
    # ... but one between two entities is, whatever its sub-property of kg:criticises.
    ([("statement/y", ns.RDF.type, ns.RDF.Statement), ("statement/y", ns.RDF.subject, "place/norvale"),
      ("statement/y", ns.RDF.predicate, ns.KG.demandsActionAgainst),
      ("statement/y", ns.RDF.object, "organization/lantern-guild")], 4, 7),
    # A statement of another predicate is not an edge; a typed node without a name is no node.
    ([("statement/z", ns.RDF.type, ns.RDF.Statement), ("statement/z", ns.RDF.subject, "person/ada-quill"),
      ("statement/z", ns.RDF.predicate, ns.SCHEMA.knows), ("statement/z", ns.RDF.object, "person/bram-oakes"),
      ("person/nameless", ns.RDF.type, ns.SCHEMA.Person)], 4, 6),
    # A membership whose organisation is in the view is an edge, even without a post.
    ([("membership/m", ns.RDF.type, ns.ORG.Membership), ("membership/m", ns.ORG.member, "person/bram-oakes"),
      ("membership/m", ns.ORG.organization, "place/norvale")], 4, 7),
])
def test_count_view_elements_agrees_with_the_page(handmade_dataset: Any, extra: list[tuple[Any, Any, Any]],
                                                  nodes: int, edges: int) -> None:
    from kg.graph.build import build_dataset

    from .conftest import handmade_resolved

    dataset = build_dataset(handmade_resolved())
    graph = default_graph(dataset)
    for s, p, o in extra:
        graph.add((URIRef(ID + s), p, o if isinstance(o, URIRef) else URIRef(ID + o)))

    data = page_data(html.to_html(dataset))
    assert (len(data["nodes"]), len(data["edges"])) == html.count_view_elements(dataset) == (nodes, edges)


def test_sub_properties_are_those_of_the_ontology() -> None:
    ontology = Graph().parse(ROOT / "ontology" / "newskg.ttl", format="turtle")

    def below(top: URIRef) -> set[URIRef]:
        found = {top}
        while True:
            more = {s for p in found for s in ontology.subjects(ns.RDFS.subPropertyOf, p)} - found
            if not more:
                return found
            found |= more  # type: ignore[arg-type]

    assert set(html.CRITICISES) == below(ns.KG.criticises)
    assert set(html.SUPPORTS) == below(ns.KG.supports)


def test_text_is_escaped_so_no_payload_leaves_the_json(handmade_dataset: Any) -> None:
    page = html.to_html(handmade_dataset)
    text = page.decode("utf-8")

    # The data block ends at its own </script> and round-trips: no text closed it early.
    assert page_data(page) == json.loads(html.script_json(html.view_data(default_graph(handmade_dataset))))
    assert "<img" not in text and "window.__pwned" in text  # present, but only escaped
    assert text.count("</script>") == 3  # data, vis-network, the app
    assert html.script_json("a\u2028b\u2029</script>&") == '"a\\u2028b\\u2029\\u003c/script\\u003e\\u0026"'


def test_page_links_nothing_remote(handmade_dataset: Any) -> None:
    text = html.to_html(handmade_dataset).decode("utf-8")

    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", text, re.I)
    assert not re.search(r"<link\b|@import|<iframe\b", text, re.I)
    styles = "".join(re.findall(r"<style>(.*?)</style>", text, re.S))
    assert styles and not re.search(r"""url\(\s*(?!["']?data:)""", styles, re.I)
    assert not re.search(r"<script\b[^>]*\bsrc=", text, re.I)
    assert "default-src 'none'" in text  # CSP: no fetch of any kind


def test_same_dataset_same_bytes(handmade_dataset: Any) -> None:
    from kg.graph.build import build_dataset

    from .conftest import handmade_resolved

    assert html.to_html(handmade_dataset) == html.to_html(handmade_dataset)
    assert html.to_html(build_dataset(handmade_resolved())) == html.to_html(handmade_dataset)


def test_same_file_same_bytes_across_processes(handmade_dataset: Any, tmp_path: Path) -> None:
    graph_file = tmp_path / "graph.trig"
    graph_file.write_bytes(_trig(handmade_dataset))
    script = ("import sys; from pathlib import Path; from kg.export.html import view; "
              "view(Path(sys.argv[1]), Path(sys.argv[2]))")
    digests = set()
    for seed in ("1", "2"):
        out = tmp_path / f"view-{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(graph_file), str(out)], check=True, env=env)
        digests.add(hashlib.sha256(out.read_bytes()).hexdigest())

    assert len(digests) == 1


def _trig(dataset: Any) -> bytes:
    from kg.export.rdf import to_trig

    return to_trig(dataset)


def test_view_writes_beside_the_graph_file_or_to_out(handmade_dataset: Any, tmp_path: Path) -> None:
    from kg.export.rdf import to_turtle
    from kg.query import load_graph

    graph_file = tmp_path / "exports" / "graph.ttl"
    graph_file.parent.mkdir()
    graph_file.write_bytes(to_turtle(handmade_dataset))

    written = html.view(graph_file)
    elsewhere = html.view(graph_file, tmp_path / "other" / "view.html")

    assert written == graph_file.with_name("graph.html")
    assert elsewhere == tmp_path / "other" / "view.html"
    assert written.read_bytes() == elsewhere.read_bytes() == html.to_html(load_graph(graph_file))
    assert page_data(written.read_bytes())["meta"] == {"entities": HANDMADE_NODES,
                                                        "facts": sum(HANDMADE_EDGES.values())}


def test_view_of_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    from kg.errors import InputError

    with pytest.raises(InputError, match="no such file"):
        html.view(tmp_path / "graph.ttl")


def test_the_module_needs_neither_spacy_nor_the_extractors() -> None:
    code = ("import sys, kg.export.html; print(sorted(m for m in sys.modules "
            "if m.split('.')[0] in ('spacy', 'thinc') or m.startswith('kg.extract')))")
    result = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)

    assert result.stdout.strip() == "[]"


@pytest.mark.slow
def test_to_html_is_fast_for_2000_nodes() -> None:
    from kg.graph.build import build_dataset

    bench = _benchmark_module()
    dataset = build_dataset(bench.synthetic_resolved(2000))
    html.to_html(dataset)  # reads the vis-network assets once
    started = time.perf_counter()
    page = html.to_html(dataset)
    seconds = time.perf_counter() - started

    assert seconds < 10, f"to_html took {seconds:.1f} s for 2,000 nodes"
    meta = page_data(page)["meta"]
    assert (meta["entities"], meta["facts"]) == html.count_view_elements(dataset) == (2000, 3000)


def _benchmark_module() -> Any:
    path = ROOT / "benchmarks" / "html_view.py"
    spec = importlib.util.spec_from_file_location("html_view_benchmark", path)
    assert spec and spec.loader, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------------------------------------
# In Chromium
# ---------------------------------------------------------------------------------------------


def assert_clean(view: ViewPage) -> None:
    """No console error or uncaught exception; no request but the page's own file:// URL."""
    assert view.errors == []
    assert view.requests and all(url.startswith("file://") for url in view.requests), view.requests
    assert view.page.evaluate("window.__pwned") is None


@pytest.fixture(scope="module")
def handmade_page(handmade_dataset: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_page(handmade_dataset, tmp_path_factory.mktemp("handmade-view"))


def test_handmade_page_in_chromium(handmade_page: Path, handmade_dataset: Any, open_view: Any) -> None:
    view = open_view(handmade_page)

    assert_clean(view)
    assert view.counts() == html.count_view_elements(handmade_dataset)
    assert view.page.evaluate("kgView.physicsEnabled()") is False
    assert view.page.locator("img, iframe, a[href]").count() == 0


def test_an_empty_graph_gives_a_working_empty_page(tmp_path: Path, open_view: Any) -> None:
    from rdflib import Dataset

    view = open_view(write_page(Dataset(), tmp_path))

    assert view.counts() == (0, 0)
    assert "0 entities" in str(view.page.text_content("#kg-summary"))
    assert_clean(view)


def test_search_by_an_html_alias_focuses_the_node_and_shows_it_as_text(handmade_page: Path, open_view: Any) -> None:
    view = open_view(handmade_page)

    assert view.search(EVIL_ALIAS) == [ID + "person/ada-quill"]
    panel = view.panel_text()
    assert EVIL_NAME in panel and EVIL_ALIAS in panel and EVIL_QUOTE in panel
    assert "leader" in panel and "Lantern Guild" in panel and "2019–2023" in panel
    assert view.page.evaluate("document.getElementById('kg-panel').querySelectorAll('img, script').length") == 0
    assert_clean(view)


@pytest.mark.parametrize("query, expected", [
    ("Bram Oakes", "person/bram-oakes"),      # canonical name
    ("oakes", "person/bram-oakes"),           # alias, any case
    ("  lantern   GUILD ", "organization/lantern-guild"),
    ("norv", "place/norvale"),                # prefix
])
def test_search_finds_names_and_aliases(handmade_page: Path, open_view: Any, query: str, expected: str) -> None:
    view = open_view(handmade_page)

    assert view.search(query) == [ID + expected]
    assert view.page.evaluate("document.getElementById('kg-panel').dataset.shows") == ID + expected


def test_search_for_an_unknown_name_says_so(handmade_page: Path, open_view: Any) -> None:
    view = open_view(handmade_page)

    assert view.search("Nobody Atall") == []
    assert "Nobody Atall" in str(view.page.text_content("#kg-search-status"))


def test_clicking_an_edge_shows_its_fact_and_evidence(handmade_page: Path, open_view: Any) -> None:
    view = open_view(handmade_page)
    a, b = view.dom_point(ID + "person/ada-quill"), view.dom_point(ID + "place/norvale")

    view.page.mouse.click((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)

    assert view.page.evaluate("kgView.network.getSelectedEdges()") != []
    panel = view.panel_text()
    assert "envoy, Norvale" in panel and EVIL_NAME in panel and "lantern-guild.txt" in panel
    assert "said:" in panel  # the evidence sentence
    assert_clean(view)


def test_hovering_a_node_shows_a_text_tooltip(handmade_page: Path, open_view: Any) -> None:
    view = open_view(handmade_page)

    view.page.mouse.move(*view.dom_point(ID + "person/ada-quill"))
    view.page.wait_for_selector("#kg-tooltip:not([hidden])")

    tooltip = str(view.page.text_content("#kg-tooltip"))
    assert EVIL_NAME in tooltip and "Quill" in tooltip
    assert_clean(view)


# --- the seeds --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds_page(seeds_dataset: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_page(seeds_dataset, tmp_path_factory.mktemp("seeds-view"))


@pytest.mark.slow
def test_seeds_page_matches_the_graph_and_settles(seeds_page: Path, seeds_dataset: Any, open_view: Any) -> None:
    view = open_view(seeds_page)

    assert_clean(view)
    assert view.counts() == html.count_view_elements(seeds_dataset)
    assert view.page.evaluate("kgView.physicsEnabled()") is False
    before = view.page.evaluate("kgView.network.getPositions()")
    view.page.wait_for_timeout(400)
    assert view.page.evaluate("kgView.network.getPositions()") == before

    # The picture for the docs: the entity with the most facts clicked, its panel open.
    biggest = view.page.evaluate("kgView.nodes.get().sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : 1))[0].id")
    view.page.mouse.click(*view.dom_point(biggest))
    view.page.mouse.move(5, 795)
    view.page.wait_for_selector("#kg-tooltip", state="hidden")
    assert view.page.evaluate("document.getElementById('kg-panel').dataset.shows") == biggest
    SCREENSHOT.parent.mkdir(exist_ok=True)
    view.page.screenshot(path=str(SCREENSHOT))


@pytest.mark.slow
def test_seeds_search_by_alias_and_by_name(seeds_page: Path, seeds_dataset: Any, open_view: Any) -> None:
    graph = default_graph(seeds_dataset)
    names = Counter(str(n) for p in (ns.SCHEMA.name, ns.SCHEMA.alternateName) for _, n in graph.subject_objects(p))
    # An alias no other entity is called by, so the search has exactly one right answer.
    entity, alias = min((str(e), str(a)) for e, a in graph.subject_objects(ns.SCHEMA.alternateName)
                        if names[str(a)] == 1 and (e, ns.RDF.type, ns.SCHEMA.Person) in graph)
    name = str(graph.value(URIRef(entity), ns.SCHEMA.name))
    view = open_view(seeds_page)

    assert view.search(alias) == [entity]
    assert name in view.panel_text() and alias in view.panel_text()
    assert view.search(name) == [entity]
    assert_clean(view)


@pytest.mark.slow
def test_seeds_filters_hide_types_and_kinds(seeds_page: Path, open_view: Any) -> None:
    view = open_view(seeds_page)
    hidden_nodes = "(type) => kgView.nodes.get().filter((n) => n.type === type).map((n) => n.hidden)"
    hidden_edges = "(kind) => kgView.edges.get().filter((e) => e.kind === kind).map((e) => e.hidden)"

    view.page.uncheck("#kg-filter-type-Person")
    persons = view.page.evaluate(hidden_nodes, "Person")
    assert persons and all(persons)
    assert not any(view.page.evaluate(hidden_nodes, "Organization"))
    assert all(view.page.evaluate(hidden_edges, "criticises"))  # every criticism has a person at one end

    view.page.check("#kg-filter-type-Person")
    assert not any(view.page.evaluate(hidden_nodes, "Person"))

    view.page.uncheck("#kg-filter-kind-criticises")
    criticisms = view.page.evaluate(hidden_edges, "criticises")
    assert criticisms and all(criticisms)
    assert not any(view.page.evaluate(hidden_edges, "supports") + view.page.evaluate(hidden_edges, "member"))
    assert_clean(view)


# --- an invented article, through the whole pipeline ------------------------------------------


@pytest.fixture(scope="module")
def invented_page(invented_dataset: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_page(invented_dataset, tmp_path_factory.mktemp("invented-view"))


def _quote_speaker(dataset: Any, fragment: str) -> str:
    """The speaker of the quotation containing ``fragment`` (the extractors must find it)."""
    graph = default_graph(dataset)
    speakers = sorted({str(graph.value(q, ns.SCHEMA.creator)) for q, text in graph.subject_objects(ns.SCHEMA.text)
                       if fragment in str(text)})
    if len(speakers) != 1:
        pytest.fail(f"expected one quotation containing {fragment!r} in the invented article, found "
                    f"speakers {speakers}: the extractors changed; adjust INVENTED_ARTICLE")
    return speakers[0]


@pytest.mark.slow
def test_invented_article_page(invented_page: Path, invented_dataset: Any, open_view: Any) -> None:
    view = open_view(invented_page)

    assert_clean(view)
    assert view.counts() == html.count_view_elements(invented_dataset)
    assert view.counts()[1] > 0
    assert view.page.evaluate("kgView.physicsEnabled()") is False


@pytest.mark.slow
def test_invented_article_payloads_show_as_text_after_a_click(invented_page: Path, invented_dataset: Any,
                                                              open_view: Any) -> None:
    payload = '<img src=x onerror="window.__pwned=1">'
    speaker = _quote_speaker(invented_dataset, payload)
    view = open_view(invented_page)

    view.page.mouse.click(*view.dom_point(speaker))

    assert view.page.evaluate("kgView.network.getSelectedNodes()") == [speaker]
    panel = view.panel_text()
    assert payload in panel
    assert "</script><script>window.__pwned=2</script>" in panel
    assert view.page.locator("img, a[href]").count() == 0
    assert_clean(view)


@pytest.mark.slow
def test_invented_article_search_and_javascript_link_text(invented_page: Path, invented_dataset: Any,
                                                          open_view: Any) -> None:
    assert "Quintrell" in INVENTED_ARTICLE
    speaker = _quote_speaker(invented_dataset, "onerror")
    view = open_view(invented_page)

    assert view.search("Quintrell") == [speaker]
    link_edges = view.page.evaluate(
        """() => Object.entries(JSON.parse(document.getElementById("kg-data").textContent).info.edges)
                 .filter(([, e]) => e.evidence.some((ev) => ev.sentence.includes("javascript:"))).map(([id]) => id)""")
    assert link_edges, "no fact from the sentence with the javascript: link"
    view.page.evaluate("(id) => kgView.selectEdge(id)", link_edges[0])
    assert "javascript:alert(document.cookie)" in view.panel_text()
    assert view.page.locator("a[href]").count() == 0
    assert_clean(view)


def test_a_large_graph_is_viewed_through_its_most_connected_entities() -> None:
    """Past the view's bounds (here made small), the view reads the most connected entities,
    at most ``per_pair`` statements per pair, and says so in its meta."""
    from kg.export import scope
    from kg.export.index import TripleIndex
    from kg.export.source import GraphSource
    from kg.graph.build import build_dataset, merged_graph

    bench = _benchmark_module()
    graph = merged_graph(build_dataset(bench.synthetic_resolved(60, edges_per_node=4)))
    with GraphSource.of(graph) as source:
        match = scope.store_patterns(source.store)
        entities = {s for cls in scope.ENTITY_CLASSES for s, _, _, _ in match(None, ns.RDF.type.toPython(), cls)}
        touching = Counter(o for link in (ns.RDF.subject, ns.RDF.object, ns.ORG.member, ns.SCHEMA.creator)
                           for _, _, o, _ in match(None, str(link), None) if o in entities)
        most = sorted(entities, key=lambda e: (-touching[e], e))[:10]

        index, found = scope.scoped_index(match, max_entities=10, per_pair=1, per_entity=2)

        shown = {s for cls in scope.ENTITY_CLASSES for s in index.instances(cls)}
        assert shown == set(most)
        assert (found.entities, found.entities_in_graph, found.whole) == (10, 60, False)
        pairs = Counter((index.value(st, str(ns.RDF.subject)), index.value(st, str(ns.RDF.object)))
                        for st in index.instances(str(ns.RDF.Statement)))
        assert pairs and max(pairs.values()) == 1
        # Whole when within the bounds: the same view as of the whole graph.
        whole_index, whole = scope.scoped_index(match)
        assert whole.whole
        assert html.view_data(whole_index) == html.view_data(TripleIndex.of_graph(graph))


def test_the_page_of_a_large_graph_says_what_it_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.export import scope
    from kg.graph.build import build_dataset

    bench = _benchmark_module()
    monkeypatch.setattr(scope, "MAX_ENTITIES", 5)

    data = page_data(html.to_html(build_dataset(bench.synthetic_resolved(40))))

    assert data["meta"]["entities"] == 5 == len(data["nodes"])
    assert data["meta"]["scope"]["entitiesInGraph"] == 40
    assert (data["meta"]["scope"]["perPair"], data["meta"]["scope"]["perEntity"]) == (scope.PER_PAIR, scope.PER_ENTITY)
