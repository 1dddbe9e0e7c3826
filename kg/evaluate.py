"""Score a built graph against hand-annotated gold (``gold/GUIDELINE.md``).

The evaluator reads only the graph (a file or an rdflib graph), never the text and never
spaCy: for each gold document it asks the graph, with SPARQL, what it says about that
article and compares it with the gold annotation, fact kind by fact kind.

    >>> report = evaluate("exports/graph.ttl", "gold/seeds.jsonl")   # doctest: +SKIP
    >>> report.scores["criticisms"].f1                                # doctest: +SKIP
    0.8
    >>> print(format_report(report))                                  # doctest: +SKIP

Notes:
    Matching follows the guideline's section "How facts are compared": entities by a shared
    normalised name or alias; roles by person and title; criticisms and supports as
    directed (source, target) pairs; quotes by speaker and the first words of the text.
    Precision counts system facts that match any gold fact (required or not); recall counts
    required gold facts that some system fact matches. Counts are micro-averaged over the
    documents of the gold file.
"""

from __future__ import annotations

import functools
import json
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeAlias

from rdflib import RDF, RDFS, Dataset, Graph, Namespace, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.term import Node

from kg.errors import GoldError, InputError, KGError

__all__ = [
    "KINDS",
    "Duplicate",
    "EntityRecord",
    "EvalReport",
    "GoldDoc",
    "GoldLink",
    "GoldQuote",
    "GoldRole",
    "Score",
    "SystemDoc",
    "SystemLink",
    "SystemQuote",
    "SystemRole",
    "entity_forms",
    "evaluate",
    "format_report",
    "load_gold",
    "normalise_name",
    "normalise_quote",
    "quote_matches",
    "report_to_json",
    "system_facts",
    "titles_match",
]

# Local namespaces, so that this module depends on nothing in kg but kg.errors.
KG = Namespace("https://w3id.org/newskg/ontology#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
TIME = Namespace("http://www.w3.org/2006/time#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")

ONTOLOGY_PATH = Path(__file__).resolve().parent.parent / "ontology" / "newskg.ttl"

EntityType = Literal["Person", "Organisation", "Place"]
GraphSource: TypeAlias = "str | Path | Graph"

#: The score rows of a report, in display order.
KINDS: tuple[str, ...] = (
    "entities",
    "persons",
    "organisations",
    "places",
    "roles",
    "memberships",
    "criticisms",
    "supports",
    "quotes",
)
_SPLITS: dict[str, EntityType] = {
    "persons": "Person",
    "organisations": "Organisation",
    "places": "Place",
}
_ENTITY_TYPES: tuple[EntityType, ...] = ("Person", "Organisation", "Place")
_SCHEMA_TYPES: dict[Node, EntityType] = {
    SCHEMA.Person: "Person",
    SCHEMA.Organization: "Organisation",
    SCHEMA.Place: "Place",
}
_STATUS: dict[Node, str] = {
    KG.current: "current",
    KG.former: "former",
    KG.unknownStatus: "unknown",
}
_STATUSES = ("current", "former", "unknown")
_FORMATS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".nt": "nt",
    ".nq": "nquads",
    ".n3": "n3",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
}
_QUAD_FORMATS = frozenset({"trig", "nquads", "json-ld"})

# Honorifics of the brief / GUIDELINE "Entities": never part of a name, dropped when comparing.
HONORIFICS = frozenset(
    {"sir", "dr", "professor", "prof", "mr", "mrs", "ms", "miss", "lord", "lady", "dame",
     "baroness"}
)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201b": "'", "\u02bc": "'",
                              "\u2032": "'", "`": "'", "\u00b4": "'"})
_QUOTE_MARKS = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u201b": "'", "\u201a": "'", "\u02bc": "'", "\u2032": "'",
    "`": "'", "\u00b4": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
    "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
})
# What may open a quotation's text before its first word: quote marks, dashes, ellipses.
_LEADING_JUNK = "\"' \t\n.,;:!?\u2026-\u2013\u2014([{"
_TITLE_DROPPED = frozenset({"former", "then"})
_TITLE_PUNCT = ".,;:!?()[]\"'"
_EVIDENCE_CHARS = 80
_QUOTE_WINDOW = 100


# ---------------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntityRecord:
    """A person, organisation or place, in the gold (``id`` an entity id) or in the graph
    (``id`` an IRI).

    Attributes:
        id: the gold entity id, or the IRI of the graph node.
        type: Person, Organisation or Place; None for a graph node of none of these types.
        name: the canonical name (empty when the graph gives none).
        aliases: every other written form.
    """

    id: str
    type: EntityType | None
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldRole:
    """A gold post: ``person`` holds or held ``title`` in ``org`` (entity ids)."""

    person: str
    title: str
    org: str | None
    status: str | None
    start: str | None
    end: str | None
    required: bool
    evidence: str = ""


@dataclass(frozen=True)
class GoldLink:
    """A gold (source, target) pair: a membership (person, organisation), a criticism or a
    support. ``kind`` is the gold's verb for criticisms, kept for reports only."""

    source: str
    target: str
    required: bool
    evidence: str = ""
    kind: str | None = None


@dataclass(frozen=True)
class GoldQuote:
    """A gold quotation: its speaker's entity id and its first words as written."""

    speaker: str
    starts: str
    required: bool


@dataclass(frozen=True)
class GoldDoc:
    """The gold annotation of one document (one line of the gold JSONL file).

    ``memberships`` holds the annotated memberships only; the evaluator adds the ones a
    role implies (see :func:`evaluate`).
    """

    doc: str
    entities: tuple[EntityRecord, ...]
    roles: tuple[GoldRole, ...] = ()
    memberships: tuple[GoldLink, ...] = ()
    criticisms: tuple[GoldLink, ...] = ()
    supports: tuple[GoldLink, ...] = ()
    quotes: tuple[GoldQuote, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class SystemRole:
    """A post the graph states for one article (person and org are IRIs)."""

    person: str
    title: str
    org: str | None
    status: str | None
    start: str | None
    end: str | None


@dataclass(frozen=True)
class SystemLink:
    """A (source, target) pair the graph states for one article, with one evidence
    sentence when the graph gives one."""

    source: str
    target: str
    evidence: str = field(default="", compare=False)


@dataclass(frozen=True)
class SystemQuote:
    """A quotation of one article: its speaker's IRI (None when not given) and its text."""

    speaker: str | None
    text: str


@dataclass(frozen=True)
class SystemDoc:
    """What the graph says about one article.

    Attributes:
        doc: the document's file name.
        articles: the IRIs of the ``schema:NewsArticle`` nodes with that identifier; empty
            when the graph does not hold the document.
        entities: the entities the article ``schema:mentions``.
        nodes: every entity a fact below refers to (mentioned or not), with its names.
        roles, memberships, criticisms, supports, quotes: the facts, deduplicated.
    """

    doc: str
    articles: tuple[str, ...]
    entities: tuple[EntityRecord, ...]
    nodes: tuple[EntityRecord, ...]
    roles: tuple[SystemRole, ...]
    memberships: tuple[SystemLink, ...]
    criticisms: tuple[SystemLink, ...]
    supports: tuple[SystemLink, ...]
    quotes: tuple[SystemQuote, ...]

    @property
    def found(self) -> bool:
        """Whether the graph holds the document at all."""
        return bool(self.articles)


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of one fact kind, with the counts behind them.

    Attributes:
        tp_precision: system facts that match some gold fact (required or not).
        n_system: system facts.
        tp_recall: required gold facts that some system fact matches.
        n_required: required gold facts.
        precision: ``tp_precision / n_system``, 1.0 when there are no system facts.
        recall: ``tp_recall / n_required``, 1.0 when there are no required gold facts.
        f1: their harmonic mean, 0.0 when both are 0.
    """

    tp_precision: int
    n_system: int
    tp_recall: int
    n_required: int
    precision: float
    recall: float
    f1: float

    @classmethod
    def from_counts(cls, tp_precision: int, n_system: int, tp_recall: int,
                    n_required: int) -> Score:
        """Build a score from its four counts."""
        precision = tp_precision / n_system if n_system else 1.0
        recall = tp_recall / n_required if n_required else 1.0
        total = precision + recall
        f1 = 2 * precision * recall / total if total else 0.0
        return cls(tp_precision, n_system, tp_recall, n_required, precision, recall, f1)


@dataclass(frozen=True)
class Duplicate:
    """A gold person that several person nodes of the graph match in one document."""

    doc: str
    gold_id: str
    system: tuple[str, ...]
    system_names: tuple[str, ...]


@dataclass(frozen=True)
class EvalReport:
    """The result of :func:`evaluate`.

    Attributes:
        gold_path: the gold file.
        docs: the documents of the gold file, in file order.
        absent_docs: those the graph does not hold (scored as zero system facts).
        scores: one :class:`Score` per kind of :data:`KINDS`, micro-averaged over ``docs``.
        role_org_accuracy: among system roles that match a gold role, the share whose
            organisation is right too; None when no system role matched.
        role_org_right, role_org_total: the counts behind ``role_org_accuracy``.
        missed: one line per required gold fact no system fact matched.
        wrong: one line per system fact that matched no gold fact, plus entities of the
            wrong type and matched roles with the wrong organisation.
        duplicates: gold persons matched by more than one system person in a document.
    """

    gold_path: str
    docs: tuple[str, ...]
    absent_docs: tuple[str, ...]
    scores: Mapping[str, Score]
    role_org_accuracy: float | None
    role_org_right: int
    role_org_total: int
    missed: tuple[str, ...]
    wrong: tuple[str, ...]
    duplicates: tuple[Duplicate, ...]


# ---------------------------------------------------------------------------------------------
# Normalisation and matching rules
# ---------------------------------------------------------------------------------------------


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def normalise_name(name: str) -> str:
    """Normalise a written name for comparison.

    Args:
        name: a name or alias as written.

    Returns:
        The name case-folded, without accents, with ’ unified to ', without leading
        honorifics (Sir, Dr, Professor, Mr, Lord, ...) nor a leading "the", spaces collapsed.
        A name made of honorifics only is kept as it is (e.g. an entity called "Lady").

    Notes:
        GUIDELINE.md, "How facts are compared": entities match by name or alias, case- and
        accent-insensitive, honorifics dropped.

    >>> normalise_name("Dame  Ada Quill")
    'ada quill'
    >>> normalise_name("The Epoch Times")
    'epoch times'
    >>> normalise_name("Dr. José O’Neill")
    "jose o'neill"
    """
    words = _strip_accents(name.casefold()).translate(_APOSTROPHES).split()
    i = 0
    while i < len(words) and (words[i].rstrip(".") in HONORIFICS or words[i] == "the"):
        i += 1
    kept = words[i:] or words
    return " ".join(kept)


def entity_forms(entity: EntityRecord) -> frozenset[str]:
    """Every normalised form (name and aliases) of an entity, empty strings left out."""
    forms = (normalise_name(f) for f in (entity.name, *entity.aliases))
    return frozenset(f for f in forms if f)


def _title_words(title: str) -> list[str]:
    words = (w.strip(_TITLE_PUNCT) for w in title.casefold().translate(_APOSTROPHES).split())
    return [w for w in words if w and w not in _TITLE_DROPPED]


def titles_match(gold: str, system: str) -> bool:
    """Whether a system post title matches a gold one.

    Args:
        gold: the gold role title.
        system: the system's title.

    Returns:
        True when, lower-cased and without the words "former" and "then", both end in the
        same word and every other word of the shorter title appears in the longer.

    Notes:
        GUIDELINE.md, "How facts are compared", Role.

    >>> titles_match("Health Secretary", "Secretary")
    True
    >>> titles_match("minister", "Secretary")
    False
    >>> titles_match("former Prime Minister", "prime minister")
    True
    """
    g, s = _title_words(gold), _title_words(system)
    if not g or not s or g[-1] != s[-1]:
        return False
    shorter, longer = (s, g) if len(s) < len(g) else (g, s)
    return all(w in longer for w in shorter[:-1])


def normalise_quote(text: str) -> str:
    """Normalise a quotation for comparison: case-folded, quote marks and apostrophes
    unified, whitespace collapsed, leading quote marks and punctuation stripped.

    >>> normalise_quote("“Who  is the boss’s boss?")
    "who is the boss's boss?"
    """
    collapsed = " ".join(text.casefold().translate(_QUOTE_MARKS).split())
    return collapsed.lstrip(_LEADING_JUNK)


def quote_matches(starts: str, text: str) -> bool:
    """Whether a system quotation's text matches a gold quotation's first words.

    Args:
        starts: the gold ``starts`` (the quotation's first words as written).
        text: the system's quotation text.

    Returns:
        True when the normalised text starts with the normalised gold words, or contains
        them within its first 100 characters (the system may have kept a lead-in).
    """
    gold = normalise_quote(starts).rstrip(" \u2026.")
    if not gold:
        return False
    system = normalise_quote(text)
    return system.startswith(gold) or gold in system[:_QUOTE_WINDOW]


# ---------------------------------------------------------------------------------------------
# Gold
# ---------------------------------------------------------------------------------------------


class _BadLineError(Exception):
    """A problem in one gold line; load_gold turns it into a GoldError naming the line."""


def load_gold(path: str | Path) -> list[GoldDoc]:
    """Read a gold file: one JSON object per line, in the format of ``gold/GUIDELINE.md``.

    Args:
        path: the JSONL file. Blank lines are skipped.

    Returns:
        One :class:`GoldDoc` per non-blank line, in file order.

    Raises:
        GoldError: the file cannot be read, or a line is not valid JSON, not an object,
            lacks "doc" or "entities", has a malformed entity or fact, refers to an entity
            id it does not declare, or repeats a document of an earlier line. The message
            names the file and line: ``gold.jsonl:2: ...``.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise GoldError(f"{path}: cannot read the gold file: {e}") from e
    docs: list[GoldDoc] = []
    seen: dict[str, int] = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise GoldError(f"{path}:{lineno}: not valid JSON: {e.msg} (column {e.colno})") from e
        try:
            doc = _gold_doc(obj, lineno)
        except _BadLineError as e:
            raise GoldError(f"{path}:{lineno}: {e} (see gold/GUIDELINE.md, Format)") from None
        if doc.doc in seen:
            raise GoldError(
                f"{path}:{lineno}: document {doc.doc!r} is already annotated on line "
                f"{seen[doc.doc]}; put each document on one line only"
            )
        seen[doc.doc] = lineno
        docs.append(doc)
    return docs


def _gold_doc(obj: object, lineno: int) -> GoldDoc:
    if not isinstance(obj, dict):
        raise _BadLineError(f"expected a JSON object, found {type(obj).__name__}")
    for key in ("doc", "entities"):
        if key not in obj:
            raise _BadLineError(f'missing "{key}"')
    doc = obj["doc"]
    if not isinstance(doc, str) or not doc.strip():
        raise _BadLineError('"doc" must be a non-empty string (the document\'s file name)')
    entities = tuple(_gold_entity(e, i) for i, e in enumerate(_list(obj, "entities")))
    ids: set[str] = set()
    for e in entities:
        if e.id in ids:
            raise _BadLineError(f'entity id "{e.id}" is declared twice')
        ids.add(e.id)

    def ref(fact: Mapping[str, Any], where: str, key: str, *, optional: bool = False) -> str | None:
        value = fact.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value:
            raise _BadLineError(f'{where}: "{key}" must be an entity id')
        if value not in ids:
            raise _BadLineError(f'{where}: "{key}" refers to "{value}", which "entities" does not declare')
        return value

    roles = []
    for i, f in enumerate(_list(obj, "roles")):
        where = _fact(f, "roles", i)
        roles.append(GoldRole(
            person=_req(ref(f, where, "person")),
            title=_text(f, where, "role"),
            org=ref(f, where, "org", optional=True),
            status=_status(f, where),
            start=_year(f, where, "start"),
            end=_year(f, where, "end"),
            required=_required(f, where),
            evidence=_opt_text(f, where, "evidence"),
        ))
    links: dict[str, list[GoldLink]] = {"memberships": [], "criticisms": [], "supports": []}
    for kind, (src, tgt) in (("memberships", ("person", "org")),
                             ("criticisms", ("source", "target")),
                             ("supports", ("source", "target"))):
        for i, f in enumerate(_list(obj, kind)):
            where = _fact(f, kind, i)
            links[kind].append(GoldLink(
                source=_req(ref(f, where, src)),
                target=_req(ref(f, where, tgt)),
                required=_required(f, where),
                evidence=_opt_text(f, where, "evidence"),
                kind=_opt_text(f, where, "kind") or None,
            ))
    quotes = []
    for i, f in enumerate(_list(obj, "quotes")):
        where = _fact(f, "quotes", i)
        quotes.append(GoldQuote(
            speaker=_req(ref(f, where, "speaker")),
            starts=_text(f, where, "starts"),
            required=_required(f, where),
        ))
    return GoldDoc(
        doc=doc,
        entities=entities,
        roles=tuple(roles),
        memberships=tuple(links["memberships"]),
        criticisms=tuple(links["criticisms"]),
        supports=tuple(links["supports"]),
        quotes=tuple(quotes),
        line=lineno,
    )


def _list(obj: Mapping[str, Any], key: str) -> list[Any]:
    value = obj.get(key, [])
    if not isinstance(value, list):
        raise _BadLineError(f'"{key}" must be a list, found {type(value).__name__}')
    return value


def _fact(fact: object, kind: str, i: int) -> str:
    where = f"{kind}[{i}]"
    if not isinstance(fact, dict):
        raise _BadLineError(f"{where}: expected an object, found {type(fact).__name__}")
    return where


def _req(value: str | None) -> str:
    if value is None:  # pragma: no cover - ref() without optional never returns None
        raise _BadLineError("missing entity id")
    return value


def _text(fact: Mapping[str, Any], where: str, key: str) -> str:
    value = fact.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _BadLineError(f'{where}: "{key}" must be a non-empty string')
    return value


def _opt_text(fact: Mapping[str, Any], where: str, key: str) -> str:
    value = fact.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _BadLineError(f'{where}: "{key}" must be a string')
    return value


def _required(fact: Mapping[str, Any], where: str) -> bool:
    # A fact without the flag counts as required: the guideline's default reading.
    value = fact.get("required", True)
    if not isinstance(value, bool):
        raise _BadLineError(f'{where}: "required" must be true or false')
    return value


def _status(fact: Mapping[str, Any], where: str) -> str | None:
    value = fact.get("status")
    if value is not None and value not in _STATUSES:
        raise _BadLineError(f'{where}: "status" must be one of {", ".join(_STATUSES)} or null, '
                   f"not {value!r}")
    return value


def _year(fact: Mapping[str, Any], where: str, key: str) -> str | None:
    value = fact.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise _BadLineError(f'{where}: "{key}" must be a year or date as written, or null')
    return str(value)


def _gold_entity(value: object, i: int) -> EntityRecord:
    where = f"entities[{i}]"
    if not isinstance(value, dict):
        raise _BadLineError(f"{where}: expected an object, found {type(value).__name__}")
    ident = value.get("id")
    if not isinstance(ident, str) or not ident:
        raise _BadLineError(f'{where}: "id" must be a non-empty string')
    etype = value.get("type")
    if etype not in _ENTITY_TYPES:
        raise _BadLineError(f'{where} ("{ident}"): "type" must be one of {", ".join(_ENTITY_TYPES)}, '
                   f"not {etype!r}")
    name = _text(value, f'{where} ("{ident}")', "name")
    aliases = value.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise _BadLineError(f'{where} ("{ident}"): "aliases" must be a list of strings')
    return EntityRecord(ident, etype, name, tuple(aliases))


# ---------------------------------------------------------------------------------------------
# The graph
# ---------------------------------------------------------------------------------------------


def _load_graph(source: GraphSource) -> Graph:
    """The graph to query: a file parsed by its suffix, or the given graph (a dataset is
    read as the union of all its graphs)."""
    if isinstance(source, ConjunctiveGraph):  # Dataset included
        return _union(source)
    if isinstance(source, Graph):
        return source
    path = Path(source)
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            f"{path}: cannot tell the RDF format from the suffix {path.suffix!r}; "
            f"use one of {', '.join(sorted(_FORMATS))}"
        )
    if not path.is_file():
        raise InputError(f"{path}: no such graph file")
    target = Dataset(default_union=True) if fmt in _QUAD_FORMATS else Graph()
    try:
        _parse(target, path, fmt)
    except OSError as e:
        raise InputError(f"{path}: cannot read the graph file: {e}") from e
    except Exception as e:  # rdflib's parsers raise many unrelated types
        raise InputError(f"{path}: cannot parse as {fmt}: {e}") from e
    return _union(target) if isinstance(target, ConjunctiveGraph) else target


def _union(dataset: ConjunctiveGraph) -> Graph:
    """All triples of all graphs of a dataset, in one plain graph (``default_union``
    semantics, without relying on how each rdflib version queries a dataset)."""
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _parse(graph: Graph, path: Path, fmt: str) -> None:
    # An open file rather than the path: some rdflib parsers leave a path's file open.
    with path.open("rb") as f, warnings.catch_warnings():
        # rdflib 7's quad parsers use its own deprecated ConjunctiveGraph and
        # Dataset.default_context; nothing the caller can change.
        warnings.filterwarnings("ignore", message=r"(Dataset|ConjunctiveGraph)\b.*deprecated",
                                category=DeprecationWarning)
        graph.parse(f, format=fmt, publicID=path.resolve().as_uri())


@functools.lru_cache(maxsize=4)
def _ontology_subproperties(path: Path) -> frozenset[tuple[Node, Node]] | None:
    if not path.is_file():
        return None
    ontology = Graph()
    try:
        _parse(ontology, path, "turtle")
    except Exception as e:  # rdflib's parsers raise many unrelated types
        raise KGError(f"{path}: the ontology cannot be parsed: {e}") from e
    return frozenset(ontology.subject_objects(RDFS.subPropertyOf))


def _subproperties(graph: Graph, ontology: Path, top: URIRef) -> frozenset[Node]:
    """``top`` and every property below it, by ``rdfs:subPropertyOf`` (transitively)."""
    pairs = _ontology_subproperties(ontology)
    if pairs is None:
        # No ontology file: the graph's own declarations are all there is.
        pairs = frozenset(graph.subject_objects(RDFS.subPropertyOf))
    children: dict[Node, set[Node]] = {}
    for child, parent in pairs:
        children.setdefault(parent, set()).add(child)
    found: set[Node] = {top}
    todo: list[Node] = [top]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return frozenset(found)


def _str(node: Node | None) -> str | None:
    return None if node is None else str(node)


def _values(graph: Graph, node: Node | None, predicate: URIRef) -> list[Node | None]:
    """The objects of ``node``'s ``predicate``, or ``[None]``: SPARQL's OPTIONAL, one hop."""
    if node is None:
        return [None]
    return list(graph.objects(node, predicate)) or [None]  # type: ignore[arg-type]


def _year_values(graph: Graph, interval: Node | None, bound: URIRef) -> list[Node | None]:
    """The years of an interval's beginning or end (``bound``), or ``[None]``."""
    if interval is None:
        return [None]
    return [year for instant in graph.objects(interval, bound)  # type: ignore[arg-type]
            for year in graph.objects(instant, TIME.inXSDgYear)] or [None]


class _GraphFacts:
    """Everything the scorer reads from a graph, gathered once and looked up per document.

    The graph is walked triple by triple rather than queried per document: rdflib plans a
    SPARQL query before it knows which article a VALUES clause binds, so each document's
    queries scanned (and joined) the whole graph, and scoring grew with documents × graph.
    """

    def __init__(self, graph: Graph, ontology: Path) -> None:
        self.graph = graph
        self.criticise = _subproperties(graph, ontology, KG.criticises)
        self.support = _subproperties(graph, ontology, KG.supports)
        self.articles: dict[str, set[URIRef]] = {}
        self.entities: dict[Node, set[Node]] = {}
        for article in set(graph.subjects(RDF.type, SCHEMA.NewsArticle)):
            for ident in graph.objects(article, SCHEMA.identifier):
                self.articles.setdefault(str(ident), set()).add(URIRef(article))
            self.entities[article] = {
                e for e in graph.objects(article, SCHEMA.mentions)
                if any((e, RDF.type, t) in graph for t in _SCHEMA_TYPES)}
        self.roles: dict[Node, set[tuple[Node | None, ...]]] = {}
        self.memberships: dict[Node, set[tuple[Node | None, ...]]] = {}
        for m in set(graph.subjects(RDF.type, ORG.Membership)):
            persons = list(graph.objects(m, ORG.member))
            orgs = list(graph.objects(m, ORG.organization))
            titles = [t for role in graph.objects(m, ORG.role)
                      for t in graph.objects(role, SKOS.prefLabel)]
            periods = [(start, end)
                       for interval in _values(graph, m, ORG.memberDuring)
                       for start in _year_values(graph, interval, TIME.hasBeginning)
                       for end in _year_values(graph, interval, TIME.hasEnd)]
            for article in graph.objects(m, PROV.wasDerivedFrom):
                self.roles.setdefault(article, set()).update(
                    (person, title, org, status, start, end)
                    for person in persons for title in titles for org in orgs or [None]
                    for status in _values(graph, m, KG.status) for start, end in periods)
                self.memberships.setdefault(article, set()).update(
                    (person, org) for person in persons for org in orgs
                    if (org, RDF.type, SCHEMA.Organization) in graph)
        self.statements: dict[Node, list[tuple[Node | None, ...]]] = {}
        for st in set(graph.subjects(RDF.type, RDF.Statement)):
            rows = [(s, p, o, evidence)
                    for s in graph.objects(st, RDF.subject)
                    for p in graph.objects(st, RDF.predicate)
                    for o in graph.objects(st, RDF.object)
                    for evidence in _values(graph, st, KG.evidence)]
            for article in graph.objects(st, PROV.wasDerivedFrom):
                self.statements.setdefault(article, []).extend(rows)
        self.quotes: dict[Node, set[tuple[Node | None, ...]]] = {}
        for quote in set(graph.subjects(RDF.type, SCHEMA.Quotation)):
            rows_q = {(speaker, text) for text in graph.objects(quote, SCHEMA.text)
                      for speaker in _values(graph, quote, SCHEMA.creator)}
            for article in graph.objects(quote, SCHEMA.isPartOf):
                self.quotes.setdefault(article, set()).update(rows_q)

    def find_articles(self, doc_id: str) -> tuple[URIRef, ...]:
        exact = self.articles.get(doc_id)
        if exact:
            return tuple(sorted(exact))
        # An identifier kept as a path still names the document.
        by_name = {a for ident, found in self.articles.items() if Path(ident).name == doc_id
                   for a in found}
        return tuple(sorted(by_name))

    def system_doc(self, doc_id: str) -> SystemDoc:
        g = self.graph
        articles = self.find_articles(doc_id)
        if not articles:
            return SystemDoc(doc_id, (), (), (), (), (), (), (), ())

        def rows(table: Mapping[Node, Iterable[tuple[Node | None, ...]]]
                 ) -> Iterator[tuple[Any, ...]]:
            for article in articles:
                yield from table.get(article, ())

        entities = {str(node): _record(g, node, _type_of(g, node))
                    for article in articles for node in self.entities.get(article, ())}

        roles = {SystemRole(str(person), str(title), _str(org),
                            _STATUS.get(status) if status is not None else None,
                            _str(start), _str(end))
                 for person, title, org, status, start, end in rows(self.roles)}
        memberships = {SystemLink(str(p), str(o)) for p, o in rows(self.memberships)}

        links: dict[str, dict[tuple[str, str], str]] = {"criticisms": {}, "supports": {}}
        for s, p, o, evidence in rows(self.statements):
            kind = ("criticisms" if p in self.criticise
                    else "supports" if p in self.support else None)
            if kind is not None:
                pairs = links[kind]
                key = (str(s), str(o))
                text = "" if evidence is None else str(evidence)
                # Keep the first evidence in sort order so reports are stable.
                if key not in pairs or (text and (not pairs[key] or text < pairs[key])):
                    pairs[key] = text

        quotes = {SystemQuote(_str(speaker), str(text)) for speaker, text in rows(self.quotes)}

        crit = tuple(SystemLink(s, t, e) for (s, t), e in sorted(links["criticisms"].items()))
        supp = tuple(SystemLink(s, t, e) for (s, t), e in sorted(links["supports"].items()))
        referenced = {r.person for r in roles} | {r.org for r in roles if r.org}
        for link in (*memberships, *crit, *supp):
            referenced.update((link.source, link.target))
        referenced.update(q.speaker for q in quotes if q.speaker)
        nodes = {iri: entities.get(iri) or _record(g, URIRef(iri), _type_of(g, URIRef(iri)))
                 for iri in referenced | set(entities)}
        return SystemDoc(
            doc=doc_id,
            articles=tuple(str(a) for a in articles),
            entities=tuple(entities[k] for k in sorted(entities)),
            nodes=tuple(nodes[k] for k in sorted(nodes)),
            roles=tuple(sorted(roles, key=_role_key)),
            memberships=tuple(sorted(memberships, key=lambda m: (m.source, m.target))),
            criticisms=crit,
            supports=supp,
            quotes=tuple(sorted(quotes, key=lambda q: (q.speaker or "", q.text))),
        )


def _record(graph: Graph, node: Node, etype: EntityType | None) -> EntityRecord:
    names = sorted(str(n) for n in graph.objects(node, SCHEMA.name))
    aliases = {str(a) for a in graph.objects(node, SCHEMA.alternateName)}
    name = names[0] if names else ""
    aliases.update(names[1:])
    aliases.discard(name)
    return EntityRecord(str(node), etype, name, tuple(sorted(aliases)))


def _type_of(graph: Graph, node: Node) -> EntityType | None:
    types = set(graph.objects(node, RDF.type))
    for schema_type, etype in _SCHEMA_TYPES.items():
        if schema_type in types:
            return etype
    return None


def system_facts(graph: GraphSource, doc_id: str, *,
                 ontology: str | Path | None = None) -> SystemDoc:
    """Read what the graph says about one article.

    Args:
        graph: a Turtle, TriG or JSON-LD file (format from the suffix) or an rdflib
            ``Graph``; a ``Dataset`` is read as the union of all its graphs.
        doc_id: the document's file name, the article's ``schema:identifier``.
        ontology: the ontology whose ``rdfs:subPropertyOf`` axioms say which predicates are
            kinds of criticism and support; by default ``ontology/newskg.ttl`` next to the
            package, or, when that file is missing, the graph's own axioms.

    Returns:
        The article's entities and facts; all empty when no ``schema:NewsArticle`` has that
        identifier.

    Raises:
        InputError: the graph file is missing, has an unknown suffix or does not parse.
    """
    g = _load_graph(graph)
    onto = Path(ontology) if ontology is not None else ONTOLOGY_PATH
    return _GraphFacts(g, onto).system_doc(doc_id)


def _role_key(r: SystemRole) -> tuple[str, ...]:
    return (r.person, r.title, r.org or "", r.status or "", r.start or "", r.end or "")


# ---------------------------------------------------------------------------------------------
# Comparing one document
# ---------------------------------------------------------------------------------------------


_Matcher: TypeAlias = Callable[[str | None], frozenset[str]]
_Namer: TypeAlias = Callable[[str | None], str]


@dataclass
class _Counts:
    tp_precision: int = 0
    n_system: int = 0
    tp_recall: int = 0
    n_required: int = 0

    def score(self) -> Score:
        return Score.from_counts(self.tp_precision, self.n_system, self.tp_recall,
                                 self.n_required)


@dataclass
class _Tally:
    counts: dict[str, _Counts] = field(default_factory=lambda: {k: _Counts() for k in KINDS})
    org_right: int = 0
    org_total: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)


def _short(evidence: str) -> str:
    text = " ".join(evidence.split())
    if not text:
        return ""
    if len(text) > _EVIDENCE_CHARS:
        text = text[:_EVIDENCE_CHARS].rstrip() + "\u2026"
    return f" ({text})"


def _implied_memberships(gold: GoldDoc) -> tuple[GoldLink, ...]:
    """The annotated memberships plus, as not required, every (person, organisation) pair a
    gold role names: ORG reads a post in an organisation as a membership of it, and the
    annotators mark such memberships as not required (GUIDELINE "Memberships")."""
    types = {e.id: e.type for e in gold.entities}
    pairs = {(m.source, m.target) for m in gold.memberships}
    implied = [
        GoldLink(r.person, r.org, required=False, evidence=r.evidence, kind="role")
        for r in gold.roles
        if r.org is not None and types.get(r.org) == "Organisation"
        and (r.person, r.org) not in pairs
    ]
    return (*gold.memberships, *dict.fromkeys(implied))


def _compare(gold: GoldDoc, system: SystemDoc, tally: _Tally) -> None:
    doc = gold.doc
    gold_forms = {e.id: entity_forms(e) for e in gold.entities}
    nodes = {n.id: n for n in system.nodes}

    @functools.cache
    def matches(iri: str | None) -> frozenset[str]:
        """The gold entity ids a graph node matches by a shared normalised form."""
        if iri is None or iri not in nodes:
            return frozenset()
        forms = entity_forms(nodes[iri])
        return frozenset(gid for gid, gf in gold_forms.items() if forms & gf)

    def name(iri: str | None) -> str:
        if iri is None:
            return "(none)"
        node = nodes.get(iri)
        return node.name if node is not None and node.name else iri.rsplit("/", 1)[-1]

    _compare_entities(gold, system, tally, matches, name)

    # Roles: person and title; the organisation is a separate figure.
    counts = tally.counts["roles"]
    hit: set[int] = set()
    for r in system.roles:
        counts.n_system += 1
        found = [i for i, g in enumerate(gold.roles)
                 if g.person in matches(r.person) and titles_match(g.title, r.title)]
        org = f" (org: {name(r.org)})" if r.org else ""
        if not found:
            tally.wrong.append(f"{doc} roles: {name(r.person)} \u2014 {r.title}{org}")
            continue
        counts.tp_precision += 1
        hit.update(found)
        tally.org_total += 1
        if any(_org_right(gold.roles[i].org, r.org, matches) for i in found):
            tally.org_right += 1
        else:
            expected = ", ".join(sorted({gold.roles[i].org or "none" for i in found}))
            tally.wrong.append(f"{doc} role orgs: {name(r.person)} \u2014 {r.title} "
                               f"(org: {name(r.org) if r.org else 'none'}; gold: {expected})")
    for i, g in enumerate(gold.roles):
        if g.required:
            counts.n_required += 1
            if i in hit:
                counts.tp_recall += 1
            else:
                tally.missed.append(f"{doc} roles: {g.person} \u2014 {g.title} "
                                    f"(org: {g.org or 'none'}){_short(g.evidence)}")

    for kind, gold_links, system_links in (
        ("memberships", _implied_memberships(gold), system.memberships),
        ("criticisms", gold.criticisms, system.criticisms),
        ("supports", gold.supports, system.supports),
    ):
        _compare_links(doc, kind, gold_links, system_links, tally, matches, name)

    counts = tally.counts["quotes"]
    hit = set()
    for q in system.quotes:
        counts.n_system += 1
        found = [i for i, g in enumerate(gold.quotes)
                 if g.speaker in matches(q.speaker) and quote_matches(g.starts, q.text)]
        if found:
            counts.tp_precision += 1
            hit.update(found)
        else:
            tally.wrong.append(f"{doc} quotes: {name(q.speaker)}: {_short(q.text).strip()}")
    for i, gq in enumerate(gold.quotes):
        if gq.required:
            counts.n_required += 1
            if i in hit:
                counts.tp_recall += 1
            else:
                tally.missed.append(f'{doc} quotes: {gq.speaker}: "{gq.starts}"')


def _org_right(gold_org: str | None, system_org: str | None,
               matches: _Matcher) -> bool:
    if gold_org is None or system_org is None:
        return gold_org is None and system_org is None
    return gold_org in matches(system_org)


def _compare_entities(gold: GoldDoc, system: SystemDoc, tally: _Tally, matches: _Matcher,
                      name: _Namer) -> None:
    doc = gold.doc
    gold_types = {e.id: e.type for e in gold.entities}
    # Overall: by name or alias alone, whatever the type.
    counts = tally.counts["entities"]
    recalled: set[str] = set()
    for e in system.entities:
        counts.n_system += 1
        found = matches(e.id)
        if found:
            counts.tp_precision += 1
            recalled.update(found)
            if e.type not in {gold_types[g] for g in found}:
                tally.wrong.append(f"{doc} entities: {e.name} typed {e.type}, gold "
                                   + ", ".join(f"{g} is {gold_types[g]}" for g in sorted(found)))
        else:
            tally.wrong.append(f"{doc} entities: {e.name or e.id} ({e.type})")
    for g in gold.entities:
        counts.n_required += 1
        if g.id in recalled:
            counts.tp_recall += 1
        else:
            tally.missed.append(f"{doc} entities: {g.id} ({g.type}) {g.name}")
    # Per type: a system entity of that type against gold entities of the same type.
    for kind, etype in _SPLITS.items():
        counts = tally.counts[kind]
        recalled_of_type: set[str] = set()
        for e in system.entities:
            if e.type != etype:
                continue
            counts.n_system += 1
            same_type = {g for g in matches(e.id) if gold_types[g] == etype}
            if same_type:
                counts.tp_precision += 1
                recalled_of_type.update(same_type)
        for g in gold.entities:
            if g.type == etype:
                counts.n_required += 1
                counts.tp_recall += g.id in recalled_of_type
    # Duplicated persons: one gold person, several person nodes of the graph.
    for g in gold.entities:
        if g.type != "Person":
            continue
        dups = [e for e in system.entities if e.type == "Person" and g.id in matches(e.id)]
        if len(dups) > 1:
            tally.duplicates.append(Duplicate(doc, g.id, tuple(e.id for e in dups),
                                              tuple(e.name for e in dups)))


def _compare_links(doc: str, kind: str, gold: Sequence[GoldLink],
                   system: Iterable[SystemLink], tally: _Tally, matches: _Matcher,
                   name: _Namer) -> None:
    counts = tally.counts[kind]
    hit: set[int] = set()
    for s in system:
        counts.n_system += 1
        src, tgt = matches(s.source), matches(s.target)
        found = [i for i, g in enumerate(gold) if g.source in src and g.target in tgt]
        if found:
            counts.tp_precision += 1
            hit.update(found)
        else:
            tally.wrong.append(f"{doc} {kind}: {name(s.source)} -> {name(s.target)}"
                               f"{_short(s.evidence)}")
    for i, g in enumerate(gold):
        if g.required:
            counts.n_required += 1
            if i in hit:
                counts.tp_recall += 1
            else:
                tally.missed.append(f"{doc} {kind}: {g.source} -> {g.target}{_short(g.evidence)}")


# ---------------------------------------------------------------------------------------------
# The whole gold file
# ---------------------------------------------------------------------------------------------


def evaluate(graph: GraphSource, gold_path: str | Path, *,
             ontology: str | Path | None = None) -> EvalReport:
    """Score a graph against a gold file.

    Args:
        graph: the graph, as for :func:`system_facts`.
        gold_path: the gold JSONL file (``gold/GUIDELINE.md``).
        ontology: as for :func:`system_facts`.

    Returns:
        The micro-averaged scores of every kind in :data:`KINDS`, the organisation accuracy
        of matched roles, and the missed and wrong facts, one line each.

    Raises:
        GoldError: the gold file is malformed or holds no document.
        InputError: the graph file cannot be read.

    Notes:
        Documents of the gold file that the graph lacks count as zero system facts (every
        required gold fact missed) and are listed in ``absent_docs``. Besides the annotated
        memberships, each gold role whose organisation is an Organisation implies a
        membership that is not required, so a system is not punished for the membership
        its role implies.
    """
    golds = load_gold(gold_path)
    if not golds:
        raise GoldError(f"{gold_path}: no documents; expected one JSON object per line")
    g = _load_graph(graph)
    onto = Path(ontology) if ontology is not None else ONTOLOGY_PATH
    facts = _GraphFacts(g, onto)
    tally = _Tally()
    absent: list[str] = []
    for gold in golds:
        system = facts.system_doc(gold.doc)
        if not system.found:
            absent.append(gold.doc)
        _compare(gold, system, tally)
    return EvalReport(
        gold_path=str(gold_path),
        docs=tuple(d.doc for d in golds),
        absent_docs=tuple(absent),
        scores={k: tally.counts[k].score() for k in KINDS},
        role_org_accuracy=tally.org_right / tally.org_total if tally.org_total else None,
        role_org_right=tally.org_right,
        role_org_total=tally.org_total,
        missed=tuple(tally.missed),
        wrong=tuple(tally.wrong),
        duplicates=tuple(tally.duplicates),
    )


def format_report(report: EvalReport) -> str:
    """Render a report as text: a table of scores, then the missed and wrong facts.

    Args:
        report: the result of :func:`evaluate`.

    Returns:
        Lines joined by newlines, without a trailing newline; the caller prints it.
    """
    labels = {k: f"  {k}" if k in _SPLITS else k for k in report.scores}
    width = max(len(v) for v in labels.values())
    head = f"{'kind':<{width}}  {'P':>6} {'R':>6} {'F1':>6} {'system':>7} {'gold':>6}"
    lines = [f"gold: {report.gold_path} ({len(report.docs)} documents)", head,
             "-" * len(head)]
    for kind, s in report.scores.items():
        lines.append(f"{labels[kind]:<{width}}  {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
                     f"{s.n_system:7d} {s.n_required:6d}")
    if report.role_org_accuracy is None:
        lines.append("role organisation accuracy: n/a (no matched role)")
    else:
        lines.append(f"role organisation accuracy: {report.role_org_accuracy:.3f} "
                     f"({report.role_org_right}/{report.role_org_total} matched roles)")
    if report.absent_docs:
        lines.append(f"not in the graph ({len(report.absent_docs)}, scored as no system "
                     f"facts): " + ", ".join(report.absent_docs))
    lines.append(f"duplicated persons: {len(report.duplicates)}")
    lines.extend(f"  {d.doc}: {d.gold_id} <- " + ", ".join(d.system_names)
                 for d in report.duplicates)
    lines.append(f"missed ({len(report.missed)}):")
    lines.extend(f"  {m}" for m in report.missed)
    lines.append(f"wrong ({len(report.wrong)}):")
    lines.extend(f"  {w}" for w in report.wrong)
    return "\n".join(lines)


def report_to_json(report: EvalReport) -> dict[str, Any]:
    """A report as plain JSON-ready data (dicts, lists, strings and numbers)."""
    return {
        "gold": report.gold_path,
        "docs": list(report.docs),
        "absent_docs": list(report.absent_docs),
        "scores": {k: asdict(s) for k, s in report.scores.items()},
        "role_org_accuracy": report.role_org_accuracy,
        "role_org_right": report.role_org_right,
        "role_org_total": report.role_org_total,
        "duplicates": [
            {"doc": d.doc, "gold": d.gold_id, "system": list(d.system),
             "system_names": list(d.system_names)}
            for d in report.duplicates
        ],
        "missed": list(report.missed),
        "wrong": list(report.wrong),
    }
