"""HTML view: the graph as one self-contained, interactive page (vis-network, no network access).

What becomes what. Only the dataset's default (merged) graph is read; of a large graph, only
the part ``kg.export.scope`` chooses (its most connected entities), and the page says so.

Nodes, one per *entity*: a subject ``?e`` with ``?e a ?t`` for ``?t`` among ``schema:Person``,
``schema:Organization`` and ``schema:Place`` (checked in that order, the first gives the type)
and at least one ``schema:name`` (the smallest is the label; every other name and each
``schema:alternateName`` is an alias). Colour and shape follow the type; the size follows the
number of facts touching the node: its edges below, its quotations (``schema:creator``) and its
memberships that are not edges (a post with no organisation in the view).

Edges, one per *fact linking two entities* (both ends are nodes), i.e. per distinct
``(?fact, ?source, ?target)``:

- ``criticises`` (red, arrow): ``?fact a rdf:Statement`` whose ``rdf:predicate`` is
  ``kg:criticises`` or one of its sub-properties (:data:`CRITICISES`), from ``rdf:subject`` to
  ``rdf:object``.
- ``supports`` (green, arrow): the same with ``kg:supports`` and its sub-properties
  (:data:`SUPPORTS`).
- ``member`` (grey, dashed, "holds post / member of"): ``?fact a org:Membership`` with
  ``org:member ?source`` and ``org:organization ?target``, labelled with the post title
  (``org:role``'s ``skos:prefLabel``) and years (``org:memberDuring``).

Nothing else is an edge: the asserted triples (``?a kg:criticises ?b``) are drawn through their
statements, which carry the evidence; ``kg:holdsPost`` and ``org:memberOf`` statements are the
evidence of memberships, shown on the membership's edge and in the holder's panel.
:func:`count_view_elements` counts nodes and edges by this definition with SPARQL, apart from
the code that draws them, so tests can compare the two. Several edges between the same two
nodes are curved (``curvedCW`` / ``curvedCCW``) with distinct roundness so each stays visible.

The page. A side panel holds the legend, which is also the filter (a checkbox per entity type
and per edge kind hides those nodes or edges), a search box (canonical name, then alias, then
prefix, then substring; the hit is selected, zoomed to and shown) and the details of the
clicked node (names, posts with organisation, status and years, members, facts, quotes,
articles by ``schema:identifier``) or edge (the fact, its evidence sentences and articles); a
tooltip shows the same on hover. The layout runs vis-network's forceAtlas2 solver for a
bounded number of iterations, then turns physics off; the page then sets ``window.__kgReady``
(``performance.now()``) and exposes ``window.kgView`` for tests and benchmarks.

Safety. Graph text (names, sentences, quotes) enters the page only as JSON in a
``<script type="application/json">`` block with ``<``, ``>``, ``&``, U+2028 and U+2029 written
as ``\\u003c`` and so on, so no text can close the block; the page renders it with
``textContent`` only, never as HTML. A Content-Security-Policy allows no network access at all
and runs only the two inlined scripts (by hash).

Offline. vis-network's JS and CSS are read from the installed pyvis package
(``pyvis/templates/lib/vis-9.1.2``) and inlined: pyvis's own ``cdn_resources="in_line"`` still
links a CDN (pyvis issues 228, 229), so the page is rendered here from its own template.

Deterministic: nodes, edges and every list are sorted, the layout's random seed is fixed, and
nothing depends on time or random ids, so the same dataset gives byte-identical HTML.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, URIRef

from kg.errors import KGError
from kg.export.index import Terms, TripleIndex, default_graph
from kg.export.scope import view_index
from kg.export.source import GraphSource
from kg.graph.namespaces import KG, PREFIXES, SCHEMA

#: ``kg:criticises`` and its sub-properties (``ontology/newskg.ttl``, ``rdfs:subPropertyOf``).
CRITICISES: tuple[URIRef, ...] = (
    KG.criticises, KG.accuses, KG.blames, KG.condemns, KG.denounces, KG.mocks, KG.insults,
    KG.rejects, KG.demandsActionAgainst,
)
#: ``kg:supports`` and its sub-properties.
SUPPORTS: tuple[URIRef, ...] = (KG.supports, KG.praises, KG.endorses, KG.defends)
#: Entity classes in the order that decides a node's type when it has several.
ENTITY_TYPES: tuple[tuple[URIRef, str], ...] = (
    (SCHEMA.Person, "Person"), (SCHEMA.Organization, "Organization"), (SCHEMA.Place, "Place"),
)
#: Legend: entity types (key, label, colour, vis shape).
TYPE_STYLES: tuple[tuple[str, str, str, str], ...] = (
    ("Person", "Person", "#4e79a7", "dot"),
    ("Organization", "Organisation", "#f28e2b", "square"),
    ("Place", "Place", "#9467bd", "triangle"),
)
#: Legend: edge kinds (key, label, colour, dashed).
KIND_STYLES: tuple[tuple[str, str, str, bool], ...] = (
    ("criticises", "criticises", "#d62728", False),
    ("supports", "supports", "#2ca02c", False),
    ("member", "holds post / member of", "#8c8c8c", True),
)
#: Graphs above this many nodes get the cheaper layout (see ``_vis_options``).
LARGE_GRAPH = 300
VIS_DIR = "templates/lib/vis-9.1.2"

_PLACEHOLDER = re.compile(r"@@(CSP|VIS_CSS|APP_CSS|DATA|VIS_JS|APP_JS)@@")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def to_html(data: Dataset | Graph | GraphSource | TripleIndex) -> bytes:
    """The merged graph as a self-contained interactive HTML page.

    Args:
        data: a build (its store or index), or a built or loaded dataset, of which only the
            default (merged) graph is read.

    Returns:
        The page as UTF-8 bytes, identical for identical data (see the module docstring for
        what becomes a node or an edge).
    """
    view = view_data(data)
    vis_js, vis_css = _vis_assets()
    script_hashes = " ".join(f"'sha256-{_sha256_b64(s)}'" for s in (vis_js, _APP_JS))
    parts = {
        "CSP": (f"default-src 'none'; script-src {script_hashes}; style-src 'unsafe-inline'; "
                "img-src data:; base-uri 'none'; form-action 'none'"),
        "VIS_CSS": vis_css,
        "APP_CSS": _APP_CSS,
        "DATA": script_json(view),
        "VIS_JS": vis_js,
        "APP_JS": _APP_JS,
    }
    # One pass, so placeholder-like text inside the data is never substituted again.
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], _TEMPLATE).encode("utf-8")


def view(graph_file: Path, out: Path | None = None) -> Path:
    """Write the HTML view of a graph file and return the page's path.

    Args:
        graph_file: a ``.ttl``, ``.trig``, ``.nq``, ``.nt`` or ``.jsonld`` graph (as exported).
        out: where to write the page; ``graph.html`` beside ``graph_file`` by default.

    Returns:
        The path written, for the caller to open (``webbrowser.open(path.as_uri())``).

    Raises:
        InputError: the file is missing, of an unknown format or does not parse.
    """
    from kg.export import atomic_write
    from kg.query import load_graph

    graph_file = Path(graph_file)
    dataset = load_graph(graph_file)
    if len(default_graph(dataset)) == 0:
        # N-Quads may hold only named graphs: view their union as the merged graph.
        merged = Dataset()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            default_graph(merged).add((s, p, o))
        dataset = merged
    target = Path(out) if out is not None else graph_file.with_name("graph.html")
    atomic_write(target, to_html(dataset))
    return target


def count_view_elements(dataset: Dataset) -> tuple[int, int]:
    """How many nodes and edges the view of ``dataset`` holds, counted with SPARQL.

    Written apart from :func:`to_html` (which walks the graph in Python), from the definition in
    the module docstring, so that tests can compare the page with the RDF.

    Returns:
        (entities, edge facts).
    """
    graph = default_graph(dataset)
    types = ", ".join(cls.n3() for cls, _ in ENTITY_TYPES)
    predicates = ", ".join(p.n3() for p in (*CRITICISES, *SUPPORTS))
    entities = f"""
        SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{
          ?e a ?type ; schema:name ?name .
          FILTER (?type IN ({types}))
        }}"""
    edges = f"""
        SELECT (COUNT(*) AS ?n) WHERE {{
          {{ SELECT DISTINCT ?fact ?a ?b WHERE {{
            {{ ?fact a rdf:Statement ; rdf:subject ?a ; rdf:predicate ?p ; rdf:object ?b .
               FILTER (?p IN ({predicates})) }}
            UNION
            {{ ?fact a org:Membership ; org:member ?a ; org:organization ?b . }}
            ?a a ?ta ; schema:name ?na . ?b a ?tb ; schema:name ?nb .
            FILTER (?ta IN ({types}) && ?tb IN ({types}))
          }} }}
        }}"""
    counts = []
    for query in (entities, edges):
        for row in graph.query(query, initNs=dict(PREFIXES)):
            counts.append(int(str(row[0])))  # type: ignore[index]  # a SELECT gives ResultRows
    return counts[0], counts[1]


def script_json(data: object) -> str:
    """``data`` as JSON that is safe inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c``, ``\\u003e``, ``\\u0026`` (so ``</script>`` and
    ``<!--`` cannot occur) and U+2028/U+2029 are escaped; keys are sorted.

        >>> script_json({"name": "</script><b>"})
        '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


# --------------------------------------------------------------------------------------------
# Graph -> page data
# --------------------------------------------------------------------------------------------


_KIND_OF = {**{str(p): "criticises" for p in CRITICISES}, **{str(p): "supports" for p in SUPPORTS}}
_STATUS = {str(KG.current): "current", str(KG.former): "former", str(KG.unknownStatus): "unknown"}
#: (subject, object, article) -> [(statement, start offset)]
_StatementIndex = dict[tuple[str, str, str], list[tuple[str, str]]]


@dataclass
class _Edge:
    """One drawn fact: its endpoints, kind and what the side panel shows about it."""

    id: str
    source: str
    target: str
    kind: str
    info: dict[str, Any]
    label: str | None = None
    smooth: dict[str, Any] | None = None


@dataclass
class _Collected:
    """What the view is made of, keyed by node id."""

    names: dict[str, str] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    edges: list[_Edge] = field(default_factory=list)
    posts: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    members: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    quotes: dict[str, list[dict[str, str]]] = field(default_factory=lambda: defaultdict(list))
    articles: dict[str, list[dict[str, str]]] = field(default_factory=lambda: defaultdict(list))
    loose_posts: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def view_data(graph: Dataset | Graph | GraphSource | TripleIndex) -> dict[str, Any]:
    """Everything the page shows, as plain JSON-ready data (sorted, so stable).

    Args:
        graph: the merged graph (of a large one, the part ``kg.export.scope`` chooses), or
            an index (read whole).

    Returns:
        ``nodes`` and ``edges`` (vis items), ``info`` (panel details by id), ``types`` and
        ``kinds`` (legend and filters), ``options`` (vis-network options) and ``meta`` (counts,
        and ``scope`` when the graph was too large to show whole).
    """
    triples, scope = view_index(graph)
    c = _Collected()
    _collect_entities(triples, c)
    _collect_interactions(triples, c)
    _collect_memberships(triples, c)
    _collect_quotes_and_articles(triples, c)
    c.edges.sort(key=lambda e: e.id)
    _spread_parallel_edges(c.edges)

    degree: dict[str, int] = defaultdict(int)
    for edge in c.edges:
        degree[edge.source] += 1
        if edge.target != edge.source:
            degree[edge.target] += 1
    nodes, node_info = [], {}
    for node in sorted(c.names):
        value = degree[node] + len(c.quotes[node]) + c.loose_posts[node]
        nodes.append({"id": node, "label": c.names[node], "type": c.types[node], "value": value})
        node_info[node] = {
            "name": c.names[node],
            "type": c.types[node],
            "aliases": _aliases(triples, node, c.names[node]),
            "facts": value,
            "posts": _sorted(c.posts[node], "title", "org", "years", "status"),
            "members": _sorted(c.members[node], "person", "title", "years"),
            "quotes": _sorted(c.quotes[node], "article", "text"),
            "articles": _sorted(c.articles[node], "id"),
        }
    edges = []
    for edge in c.edges:
        item: dict[str, Any] = {"id": edge.id, "from": edge.source, "to": edge.target, "kind": edge.kind}
        if edge.label:
            item["label"] = edge.label
        if edge.smooth:
            item["smooth"] = edge.smooth
        edges.append(item)
    meta: dict[str, Any] = {"entities": len(nodes), "facts": len(edges)}
    if scope is not None and not scope.whole:
        meta["scope"] = {"entitiesInGraph": scope.entities_in_graph, "factsCapped": scope.facts_capped,
                         "perPair": scope.per_pair, "perEntity": scope.per_entity}
    return {
        "meta": meta,
        "types": [{"key": k, "label": label, "color": color, "shape": shape}
                  for k, label, color, shape in TYPE_STYLES],
        "kinds": [{"key": k, "label": label, "color": color, "dashes": dashes}
                  for k, label, color, dashes in KIND_STYLES],
        "nodes": nodes,
        "edges": edges,
        "info": {"nodes": node_info, "edges": {e.id: e.info for e in c.edges}},
        "options": _vis_options(len(nodes)),
    }


def _collect_entities(t: TripleIndex, c: _Collected) -> None:
    for cls, type_key in ENTITY_TYPES:
        for node in t.instances(str(cls)):
            if node in c.types:
                continue  # typed twice: the earlier class in ENTITY_TYPES wins
            names = t.objects(node, Terms.name)
            if names:
                c.types[node] = type_key
                c.names[node] = min(names)


def _collect_interactions(t: TripleIndex, c: _Collected) -> None:
    """One edge per criticises/supports statement between two entities."""
    for statement in t.instances(Terms.statement):
        predicates = sorted(p for p in t.objects(statement, Terms.predicate) if p in _KIND_OF)
        if not predicates:
            continue
        predicate = predicates[0]
        kind = _KIND_OF[predicate]
        pairs = sorted({(s, o) for s in t.objects(statement, Terms.subject) if s in c.names
                        for o in t.objects(statement, Terms.object) if o in c.names})
        evidence = _evidence(t, [statement])
        articles = sorted({_article_label(t, a) for a in t.objects(statement, Terms.derived_from)})
        for i, (s, o) in enumerate(pairs):
            info = {
                "kind": kind,
                "predicate": _words(predicate),
                "summary": f"{c.names[s]} {_words(predicate)} {c.names[o]}",
                "from": s, "to": o, "fromName": c.names[s], "toName": c.names[o],
                "confidence": t.value(statement, Terms.confidence),
                "extractor": t.value(t.value(statement, Terms.generated_by), Terms.label),
                "evidence": evidence,
                "articles": articles,
            }
            edge_id = statement + (f"#{i}" if len(pairs) > 1 else "")
            c.edges.append(_Edge(edge_id, s, o, kind, info))


def _collect_memberships(t: TripleIndex, c: _Collected) -> None:
    """One edge per membership with an organisation in the view; every membership is a post."""
    member_of: _StatementIndex = defaultdict(list)
    holds_post: _StatementIndex = defaultdict(list)
    indexes = {Terms.member_of: member_of, Terms.holds_post: holds_post}
    for statement in t.instances(Terms.statement):
        index = indexes.get(t.value(statement, Terms.predicate))
        if index is None:
            continue
        start = t.value(statement, Terms.start_offset)
        for s in t.objects(statement, Terms.subject):
            for o in t.objects(statement, Terms.object):
                for article in t.objects(statement, Terms.derived_from):
                    index[(s, o, article)].append((statement, start))
    with_org = {(s, article, start) for (s, _, article), found in member_of.items() for _, start in found}

    for membership in t.instances(Terms.membership):
        role = t.value(membership, Terms.role)
        title = _role_title(t, role) if role else ""
        status = _STATUS.get(t.value(membership, Terms.status), "")
        years = _years(t, t.value(membership, Terms.member_during))
        article_nodes = sorted(t.objects(membership, Terms.derived_from))
        articles = sorted({_article_label(t, a) for a in article_nodes})
        orgs = sorted(t.objects(membership, Terms.organization)) or [""]
        for person in sorted(t.objects(membership, Terms.member)):
            if person not in c.names:
                continue
            for i, org in enumerate(orgs):
                statements = _membership_statements(person, org, role, article_nodes, member_of, holds_post,
                                                    with_org)
                evidence = _evidence(t, statements)
                org_name = c.names.get(org, "")
                post = {"title": title, "org": org_name, "orgId": org if org_name else "",
                        "status": status, "years": years, "articles": articles, "evidence": evidence, "edge": ""}
                if org_name:
                    edge_id = membership + (f"#{i}" if len(orgs) > 1 else "")
                    post["edge"] = edge_id
                    what = f"{title}, {org_name}" if title else f"member of {org_name}"
                    info = {
                        "kind": "member", "predicate": "holds post" if title else "member of",
                        "summary": f"{c.names[person]}: {what}",
                        "from": person, "to": org, "fromName": c.names[person], "toName": org_name,
                        "title": title, "status": status, "years": years,
                        "evidence": evidence, "articles": articles,
                    }
                    label = _membership_label(title, status, years)
                    c.edges.append(_Edge(edge_id, person, org, "member", info, label=label))
                    c.members[org].append({"person": c.names[person], "personId": person, "title": title,
                                           "status": status, "years": years, "edge": edge_id})
                else:
                    c.loose_posts[person] += 1
                c.posts[person].append(post)


def _membership_statements(person: str, org: str, role: str, articles: Iterable[str],
                           member_of: _StatementIndex, holds_post: _StatementIndex,
                           with_org: set[tuple[str, str, str]]) -> list[str]:
    """The statements that are a membership's evidence, from the articles that state it.

    Notes:
        A membership carries no statement of its own: the builder asserts ``org:memberOf``
        (when there is an organisation) and ``kg:holdsPost`` (when a post is named), each with
        the sentence it came from. Of the ``memberOf`` statements of the same person,
        organisation and article, those from a sentence (same start offset) that also states
        this post are preferred, so two posts in one organisation keep their own sentences.
        Likewise a post without organisation prefers the ``holdsPost`` sentences that state no
        membership of an organisation (those belong to the membership that has one).
    """
    found: list[str] = []
    for article in articles:
        posts = holds_post.get((person, role, article), []) if role else []
        if not org:
            alone = [statement for statement, start in posts if (person, article, start) not in with_org]
            found.extend(alone or [statement for statement, _ in posts])
            continue
        candidates = member_of.get((person, org, article), [])
        post_starts = {start for _, start in posts}
        same = [statement for statement, start in candidates if start in post_starts]
        found.extend(same or [statement for statement, _ in candidates])
    return found


def _collect_quotes_and_articles(t: TripleIndex, c: _Collected) -> None:
    for quote in t.instances(Terms.quotation):
        article = t.value(quote, Terms.is_part_of) or t.value(quote, Terms.derived_from)
        for speaker in t.objects(quote, Terms.creator):
            if speaker in c.names:
                c.quotes[speaker].append({
                    "text": t.value(quote, Terms.text),
                    "sentence": t.value(quote, Terms.evidence),
                    "article": _article_label(t, article) if article else "",
                })
    for article, entity in t.mentions:
        if entity in c.names:
            c.articles[entity].append({"id": _article_label(t, article), "headline": t.value(article, Terms.headline)})


def _spread_parallel_edges(edges: list[_Edge]) -> None:
    """Curve the edges that share two nodes, each with its own side and roundness.

    Edges are grouped by their unordered pair of nodes; the k-th edge of a group bends to one
    side (k even) or the other (k odd), further out as k grows. ``curvedCW`` bends the same way
    as ``curvedCCW`` drawn in the opposite direction, so reversed edges swap the two.
    """
    groups: dict[tuple[str, str], list[_Edge]] = defaultdict(list)
    for edge in edges:
        groups[(min(edge.source, edge.target), max(edge.source, edge.target))].append(edge)
    for group in groups.values():
        if len(group) < 2 or group[0].source == group[0].target:
            continue
        step = min(0.25, 0.9 / math.ceil(len(group) / 2))
        for k, edge in enumerate(group):
            side = 1 if k % 2 == 0 else -1
            if edge.source > edge.target:
                side = -side
            roundness = round(step * (k // 2 + 1), 3)
            edge.smooth = {"enabled": True, "type": "curvedCW" if side > 0 else "curvedCCW", "roundness": roundness}


def _evidence(t: TripleIndex, statements: Iterable[str]) -> list[dict[str, str]]:
    """The sentences behind ``statements`` with their article, each once, in article order."""
    seen: dict[tuple[str, int, str], dict[str, str]] = {}
    for statement in statements:
        start = t.value(statement, Terms.start_offset)
        offset = int(start) if start.lstrip("-").isdigit() else -1
        for article in t.objects(statement, Terms.derived_from):
            label = _article_label(t, article)
            for sentence in t.objects(statement, Terms.evidence):
                seen.setdefault((label, offset, sentence), {"sentence": sentence, "article": label})
    return [seen[k] for k in sorted(seen)]


def _vis_options(n_nodes: int) -> dict[str, Any]:
    """vis-network options: forceAtlas2 with a bounded stabilisation, cheaper for large graphs.

    Notes:
        Above :data:`LARGE_GRAPH` nodes the Barnes-Hut approximation is coarser (theta 1),
        overlap avoidance and vis's improved initial layout are off, edges hide while dragging
        or zooming, and the iterations shrink with the node count (100 at 2,000 nodes), so
        the layout is ready in seconds (``benchmarks/html_view.py`` measures it).
    """
    large = n_nodes > LARGE_GRAPH
    iterations = 300 if not large else max(60, min(300, 200_000 // n_nodes))
    groups = {}
    for key, _, color, shape in TYPE_STYLES:
        groups[key] = {"shape": shape, "color": {"background": color, "border": "#333333",
                                                 "highlight": {"background": color, "border": "#000000"},
                                                 "hover": {"background": color, "border": "#000000"}}}
    return {
        "autoResize": True,
        "groups": groups,
        "layout": {"randomSeed": 42, "improvedLayout": n_nodes <= 100},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"theta": 1.0 if large else 0.5, "gravitationalConstant": -80, "springLength": 130,
                                 "springConstant": 0.05, "damping": 0.5, "avoidOverlap": 0 if large else 0.5},
            "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 25, "fit": True},
            "minVelocity": 1.0,
        },
        "interaction": {"hover": True, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large, "keyboard": False,
                        "navigationButtons": False, "multiselect": False, "tooltipDelay": 100},
        "nodes": {"borderWidth": 1.5, "font": {"size": 14, "face": "system-ui, sans-serif",
                                                "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "scaling": {"min": 10, "max": 40, "label": {"enabled": True, "min": 12, "max": 22,
                                                              "drawThreshold": 7}}},
        "edges": {"smooth": False, "width": 1.5, "selectionWidth": 2.5,
                  "font": {"size": 11, "align": "middle", "color": "#555555", "strokeWidth": 3,
                           "strokeColor": "#ffffff"}},
    }


# --------------------------------------------------------------------------------------------
# Small readers
# --------------------------------------------------------------------------------------------


def _aliases(t: TripleIndex, node: str, name: str) -> list[str]:
    forms = {*t.objects(node, Terms.name), *t.objects(node, Terms.alternate_name)}
    return sorted(forms - {name})


def _article_label(t: TripleIndex, article: str) -> str:
    """An article as the reader knows it: its ``schema:identifier`` (the file name)."""
    return t.value(article, Terms.identifier) or article


def _role_title(t: TripleIndex, role: str) -> str:
    for predicate in (Terms.pref_label, Terms.name, Terms.label):
        title = t.value(role, predicate)
        if title:
            return title
    return role.rstrip("/").rsplit("/", 1)[-1]


def _years(t: TripleIndex, interval: str) -> str:
    """``2008–2013``, ``2008–`` or ``–2013``; empty without an interval."""
    if not interval:
        return ""
    start, end = (t.value(t.value(interval, link), Terms.in_year) for link in (Terms.has_beginning, Terms.has_end))
    return f"{start}–{end}" if start or end else ""


def _membership_label(title: str, status: str, years: str) -> str:
    label = title or "member"
    if years:
        return f"{label} ({years})"
    return f"{label} (former)" if status == "former" else label


def _words(predicate: str) -> str:
    """A property's local name as words: ``demandsActionAgainst`` -> ``demands action against``."""
    local = re.split(r"[#/]", predicate)[-1]
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).lower()


def _sorted(items: list[dict[str, Any]], *keys: str) -> list[dict[str, Any]]:
    """Records sorted by the given fields (case-insensitive), then by all of them, each once."""
    unique = {json.dumps(item, sort_keys=True, ensure_ascii=False): item for item in items}
    return [unique[k] for k in sorted(unique, key=lambda k: (*(str(unique[k][f]).casefold() for f in keys), k))]


def _sha256_b64(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@cache
def _vis_assets() -> tuple[str, str]:
    """vis-network's minified JS and CSS, read from the installed pyvis package.

    Raises:
        KGError: pyvis is missing its bundled vis-network, or the bundle holds a sequence
            that would end an inline ``<script>``/``<style>`` early.
    """
    lib = resources.files("pyvis").joinpath(VIS_DIR)
    try:
        js = lib.joinpath("vis-network.min.js").read_text(encoding="utf-8")
        css = lib.joinpath("vis-network.css").read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError) as e:
        raise KGError(f"pyvis has no {VIS_DIR}/vis-network.min.js and .css; reinstall pyvis 0.3.2 "
                           f"(pip install 'pyvis==0.3.2')") from e
    for name, text, closing in (("vis-network.min.js", js, "</script"), ("vis-network.css", css, "</style")):
        if closing in text.lower() or "<!--" in text:
            raise KGError(f"pyvis {VIS_DIR}/{name} contains {closing!r} or '<!--' and cannot be inlined")
    return js, css


# --------------------------------------------------------------------------------------------
# The page
# --------------------------------------------------------------------------------------------

_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="@@CSP@@">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>newskg graph view</title>
<style>@@VIS_CSS@@</style>
<style>@@APP_CSS@@</style>
</head>
<body>
<div id="kg-app">
<aside id="kg-side">
<h1>newskg</h1>
<p id="kg-summary" class="kg-meta"></p>
<div id="kg-search-box">
<label for="kg-search">Find</label>
<input id="kg-search" type="search" list="kg-names" autocomplete="off" spellcheck="false" placeholder="name or alias">
<button id="kg-search-go" type="button">Go</button>
</div>
<datalist id="kg-names"></datalist>
<p id="kg-search-status" class="kg-meta" role="status"></p>
<fieldset id="kg-types"><legend>Entities</legend></fieldset>
<fieldset id="kg-kinds"><legend>Facts</legend></fieldset>
<section id="kg-panel" aria-live="polite">
<p class="kg-meta">Hover over or click a node or an edge for its details.</p>
</section>
</aside>
<main id="kg-main">
<div id="kg-network"></div>
<div id="kg-tooltip" hidden></div>
<p id="kg-progress">Laying out the graph…</p>
</main>
</div>
<script type="application/json" id="kg-data">@@DATA@@</script>
<script>@@VIS_JS@@</script>
<script>@@APP_JS@@</script>
</body>
</html>
"""

_APP_CSS = """
html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; }
#kg-app { display: flex; height: 100vh; }
#kg-side { width: 340px; flex: none; overflow-y: auto; padding: 12px 14px; box-sizing: border-box;
  border-right: 1px solid #ddd; background: #fafafa; }
#kg-side h1 { font-size: 18px; margin: 0 0 2px; }
#kg-main { position: relative; flex: 1; min-width: 0; }
#kg-network { position: absolute; inset: 0; }
#kg-progress { position: absolute; top: 8px; left: 12px; margin: 0; color: #666; }
#kg-search-box { display: flex; gap: 6px; align-items: center; margin: 10px 0 2px; }
#kg-search { flex: 1; min-width: 0; padding: 4px 6px; }
fieldset { border: 1px solid #ddd; margin: 8px 0; padding: 4px 8px 6px; }
legend { font-weight: 600; }
.kg-filter { display: flex; align-items: center; gap: 6px; margin: 2px 0; cursor: pointer; }
.kg-count { color: #777; margin-left: auto; }
.kg-swatch { width: 12px; height: 12px; flex: none; border: 1px solid #333; box-sizing: border-box; }
.kg-shape-dot { border-radius: 50%; }
.kg-shape-triangle { border: none; clip-path: polygon(50% 0, 100% 100%, 0 100%); }
.kg-line { width: 22px; height: 0; flex: none; border-top-width: 3px; border-top-style: solid; position: relative; }
.kg-line.kg-dashed { border-top-style: dashed; }
.kg-meta { color: #666; font-size: 12px; margin: 2px 0; }
#kg-panel h2 { font-size: 16px; margin: 12px 0 2px; overflow-wrap: anywhere; }
.kg-section h3, #kg-tooltip h3 { font-size: 13px; margin: 8px 0 2px; }
.kg-section ul { margin: 0; padding-left: 18px; }
.kg-section li { margin: 2px 0; overflow-wrap: anywhere; }
.kg-src { color: #777; font-size: 12px; }
.kg-link { color: #1f5fae; cursor: pointer; text-decoration: underline; }
q { font-style: italic; }
#kg-tooltip { position: absolute; z-index: 20; max-width: 360px; max-height: 60%; overflow: hidden; padding: 6px 10px;
  background: #fff; border: 1px solid #bbb; border-radius: 4px; box-shadow: 0 2px 8px rgba(0,0,0,.2);
  pointer-events: none; font-size: 12px; }
#kg-tooltip h2 { font-size: 14px; margin: 0 0 2px; }
#kg-tooltip .kg-link { color: inherit; text-decoration: none; }
"""

_APP_JS = r"""
(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const info = data.info;
  const typeStyle = Object.fromEntries(data.types.map((t) => [t.key, t]));
  const kindStyle = Object.fromEntries(data.kinds.map((k) => [k.key, k]));

  // Every element is built here and filled with text nodes: graph text is never parsed as HTML.
  function h(tag, props, children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (key === "dataset") Object.assign(el.dataset, value);
      else if (key === "role") el.setAttribute("role", value);
      else el[key] = value;
    }
    for (const child of [children].flat(Infinity)) {
      if (child === null || child === undefined || child === false || child === "") continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

  const nodes = new vis.DataSet(data.nodes.map((n) => (
    { id: n.id, label: n.label, group: n.type, type: n.type, value: n.value, hidden: false })));
  const edges = new vis.DataSet(data.edges.map((e) => {
    const k = kindStyle[e.kind];
    const item = { id: e.id, from: e.from, to: e.to, kind: e.kind, hidden: false, dashes: k.dashes,
      color: { color: k.color, highlight: k.color, hover: k.color, inherit: false },
      arrows: { to: { enabled: true, scaleFactor: e.kind === "member" ? 0.4 : 0.7 } } };
    if (e.label) item.label = e.label;
    if (e.smooth) item.smooth = e.smooth;
    return item;
  }));
  const network = new vis.Network(document.getElementById("kg-network"), { nodes, edges }, data.options);

  // Layout: bounded stabilisation, then physics off so the picture stays put.
  const progress = document.getElementById("kg-progress");
  network.on("stabilizationProgress", (p) => {
    progress.textContent = `Laying out the graph… ${Math.round((100 * p.iterations) / p.total)}%`;
  });
  function ready() {
    if (window.__kgReady !== undefined) return;
    network.setOptions({ physics: false });
    progress.hidden = true;
    window.__kgReady = performance.now();
    document.documentElement.dataset.kgReady = "true";
  }
  network.once("stabilizationIterationsDone", ready);
  network.once("stabilized", ready);
  if (data.nodes.length === 0) ready();

  document.getElementById("kg-summary").textContent =
    `${plural(data.meta.entities, "entity").replace("entitys", "entities")} · ${plural(data.meta.facts, "fact")}` +
    scopeNote(data.meta.scope);

  // A large graph is shown in part (kg.export.scope): say which part.
  function scopeNote(scope) {
    if (!scope) return "";
    const capped = scope.factsCapped
      ? `, at most ${scope.perPair} statements per pair and ${scope.perEntity} quotes and articles per entity` : "";
    return ` (a large graph: its ${data.meta.entities} most connected of ${scope.entitiesInGraph} entities` +
      `${capped}; the exported files hold everything)`;
  }

  // ---- details: the side panel (full) and the hover tooltip (first few of each list) ----
  function section(title, items, limit) {
    if (!items.length) return null;
    const shown = items.slice(0, limit);
    const rest = items.length - shown.length;
    return h("section", { className: "kg-section" }, [
      h("h3", null, `${title} (${items.length})`), h("ul", null, shown),
      rest > 0 ? h("p", { className: "kg-meta" }, `… ${rest} more: click for all`) : null]);
  }
  function link(text, action) {
    // A focusable inline span rather than a <button>, so long names wrap like the text around them.
    const el = h("span", { className: "kg-link", role: "link", tabIndex: 0 }, text);
    el.addEventListener("click", action);
    el.addEventListener("keydown", (ev) => { if (ev.key === "Enter") action(); });
    return el;
  }
  const nodeLink = (id, text) => (id && nodes.get(id) ? link(text, () => focusNode(id)) : text);
  const edgeLink = (id, text) => link(text, () => selectEdge(id));
  const joinMeta = (parts) => parts.filter(Boolean).join(", ");
  const source = (articles) => (
    articles.length ? h("div", { className: "kg-src" }, `in ${articles.join(", ")}`) : null);

  function renderNode(id, limit) {
    const n = info.nodes[id];
    const byText = (a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
    const facts = network.getConnectedEdges(id).filter((e) => info.edges[e])
      .map((e) => [e, info.edges[e].summary]).sort(byText).map(([e, text]) => h("li", null, edgeLink(e, text)));
    return [
      h("h2", null, n.name),
      h("p", { className: "kg-meta" }, `${typeStyle[n.type].label} · ${plural(n.facts, "fact")}`),
      section("Also known as", n.aliases.map((a) => h("li", null, a)), limit),
      section("Posts", n.posts.map((p) => h("li", null, [
        p.title || "member", p.org ? [" — ", nodeLink(p.orgId, p.org)] : null,
        h("span", { className: "kg-meta" }, ` (${joinMeta([p.status, p.years]) || "status unknown"})`),
        source(p.articles)])), limit),
      section("Members", n.members.map((m) => h("li", null, [
        nodeLink(m.personId, m.person), m.title ? `, ${m.title}` : "",
        h("span", { className: "kg-meta" }, ` (${joinMeta([m.status, m.years]) || "status unknown"})`)])), limit),
      section("Facts", facts, limit),
      section("Quotes", n.quotes.map((q) => h("li", null, [h("q", null, q.text), source([q.article])])), limit),
      section("Articles", n.articles.map((a) => h("li", null, [
        a.id, a.headline ? h("span", { className: "kg-meta" }, ` — ${a.headline}`) : null])), limit),
    ];
  }
  function renderEdge(id, limit) {
    const e = info.edges[id];
    const kind = kindStyle[e.kind];
    const meta = e.kind === "member"
      ? joinMeta([kind.label, e.status, e.years])
      : joinMeta([kind.label, e.predicate !== e.kind ? e.predicate : "",
        e.confidence ? `confidence ${e.confidence}` : "", e.extractor]);
    return [
      h("h2", null, e.summary),
      h("p", { className: "kg-meta" }, meta),
      h("p", null, [nodeLink(e.from, e.fromName), " → ", nodeLink(e.to, e.toName)]),
      section("Evidence", e.evidence.map((ev) => h("li", null, [
        h("q", null, ev.sentence), source([ev.article])])), limit),
      section("Articles", e.articles.map((a) => h("li", null, a)), limit),
    ];
  }

  const panel = document.getElementById("kg-panel");
  function show(id, parts) { panel.replaceChildren(...parts.filter(Boolean)); panel.dataset.shows = id; }
  const showNode = (id) => show(id, renderNode(id, Infinity));
  const showEdge = (id) => show(id, renderEdge(id, Infinity));
  function selectEdge(id) { network.setSelection({ nodes: [], edges: [id] }); showEdge(id); }

  const tooltip = document.getElementById("kg-tooltip");
  function showTip(children, pointer) {
    tooltip.replaceChildren(...children.filter(Boolean));
    tooltip.hidden = false;
    const box = tooltip.parentElement.getBoundingClientRect();
    const x = Math.min(pointer.x + 14, Math.max(0, box.width - tooltip.offsetWidth - 4));
    const y = Math.min(pointer.y + 14, Math.max(0, box.height - tooltip.offsetHeight - 4));
    tooltip.style.left = `${x}px`;
    tooltip.style.top = `${y}px`;
  }
  const hideTip = () => { tooltip.hidden = true; };
  network.on("hoverNode", (p) => showTip(renderNode(p.node, 3), p.pointer.DOM));
  network.on("hoverEdge", (p) => { if (info.edges[p.edge]) showTip(renderEdge(p.edge, 2), p.pointer.DOM); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("click", (p) => {
    hideTip();
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
  });

  // ---- filters: one checkbox per entity type and per fact kind; the legend is the filter ----
  const typeOn = {}, kindOn = {}, typeBoxes = {};
  function applyFilters() {
    const nodeUpdates = [], edgeUpdates = [];
    nodes.forEach((n) => {
      const hidden = !typeOn[n.type];
      if (n.hidden !== hidden) nodeUpdates.push({ id: n.id, hidden });
    });
    nodes.update(nodeUpdates);
    edges.forEach((e) => {
      const hidden = !kindOn[e.kind] || nodes.get(e.from).hidden || nodes.get(e.to).hidden;
      if (e.hidden !== hidden) edgeUpdates.push({ id: e.id, hidden });
    });
    edges.update(edgeUpdates);
  }
  function filterRow(group, key, label, count, swatch, on) {
    const box = h("input", { type: "checkbox", checked: true, id: `kg-filter-${group}-${key}`, value: key });
    box.addEventListener("change", () => { on[key] = box.checked; applyFilters(); });
    on[key] = true;
    const row = h("label", { className: "kg-filter", htmlFor: box.id }, [
      box, swatch, label, h("span", { className: "kg-count" }, String(count))]);
    return [box, row];
  }
  const typeCount = {}, kindCount = {};
  data.nodes.forEach((n) => { typeCount[n.type] = (typeCount[n.type] || 0) + 1; });
  data.edges.forEach((e) => { kindCount[e.kind] = (kindCount[e.kind] || 0) + 1; });
  for (const t of data.types) {
    const swatch = h("span", { className: `kg-swatch kg-shape-${t.shape}` });
    swatch.style.background = t.color;
    const [box, row] = filterRow("type", t.key, t.label, typeCount[t.key] || 0, swatch, typeOn);
    typeBoxes[t.key] = box;
    document.getElementById("kg-types").append(row);
  }
  for (const k of data.kinds) {
    const swatch = h("span", { className: `kg-line${k.dashes ? " kg-dashed" : ""}` });
    swatch.style.borderTopColor = k.color;
    const [, row] = filterRow("kind", k.key, k.label, kindCount[k.key] || 0, swatch, kindOn);
    document.getElementById("kg-kinds").append(row);
  }

  // ---- search: by canonical name first, then alias, then prefix, then substring ----
  const norm = (s) => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  const names = [];
  for (const n of data.nodes) {
    const { name, aliases } = info.nodes[n.id];
    names.push({ key: norm(name), id: n.id, text: name, canonical: true });
    for (const alias of aliases) names.push({ key: norm(alias), id: n.id, text: alias, canonical: false });
  }
  const datalist = document.getElementById("kg-names");
  for (const text of [...new Set(names.map((n) => n.text))].sort()) datalist.append(h("option", { value: text }));
  function findNode(query) {
    const q = norm(query || "");
    if (!q) return null;
    const tests = [(n) => n.canonical && n.key === q, (n) => n.key === q,
      (n) => n.key.startsWith(q), (n) => n.key.includes(q)];
    for (const test of tests) { const hit = names.find(test); if (hit) return hit.id; }
    return null;
  }
  function focusNode(id) {
    const node = nodes.get(id);
    if (!node) return;
    if (node.hidden) { typeOn[node.type] = true; typeBoxes[node.type].checked = true; applyFilters(); }
    network.selectNodes([id]);
    const scale = Math.max(1.2, network.getScale());
    network.focus(id, { scale, animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    showNode(id);
  }
  const search = document.getElementById("kg-search");
  const searchStatus = document.getElementById("kg-search-status");
  function runSearch() {
    const id = findNode(search.value);
    searchStatus.textContent = id ? "" : `No entity is named “${search.value}”.`;
    if (id) focusNode(id);
  }
  search.addEventListener("keydown", (ev) => { if (ev.key === "Enter") { ev.preventDefault(); runSearch(); } });
  search.addEventListener("input", (ev) => { if (ev.inputType === "insertReplacementText") runSearch(); });
  document.getElementById("kg-search-go").addEventListener("click", runSearch);

  // For tests and benchmarks (see tests/export/test_html.py, benchmarks/html_view.py).
  window.kgView = { network, nodes, edges, findNode, focusNode, selectEdge,
    physicsEnabled: () => network.physics.options.enabled };
})();
"""
