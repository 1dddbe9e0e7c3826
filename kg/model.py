"""Plain, frozen records that flow between the pipeline's stages.

Each stage takes and returns these records only, so that any stage can be tested alone
and swapped (see ``DESIGN.md``). Nothing here imports spaCy or rdflib.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal["Person", "Organization", "Place"]
FactKind = Literal["role", "membership", "criticises", "supports", "quote"]
Status = Literal["current", "former", "unknown"]

ENTITY_TYPES: tuple[EntityType, ...] = ("Person", "Organization", "Place")
FACT_KINDS: tuple[FactKind, ...] = ("role", "membership", "criticises", "supports", "quote")
# The extractor of criticism read from tone alone (kg.extract.tone); named here so that
# resolution, which weighs such facts, needs no extractor code.
TONE_EXTRACTOR = "tone.v1"


@dataclass(frozen=True)
class Article:
    """One input article: its identifier (the file name), text and content hash."""

    id: str
    text: str
    sha256: str
    path: str = ""
    title: str | None = None


@dataclass(frozen=True)
class Evidence:
    """The sentence a fact was read from, with its character offsets in the article."""

    article_id: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place: within one article (``key`` local to it) or,
    after resolution, across the corpus (``key`` is the IRI slug).

    ``name`` is the fullest proper form without honorifics; ``aliases`` are every other
    written form, sorted.
    """

    key: str
    type: EntityType
    name: str
    aliases: tuple[str, ...] = ()
    mentions: int = 1


@dataclass(frozen=True)
class Fact:
    """One extracted fact about entities named by ``Entity.key``.

    Attributes:
        kind: the fact kind (role, membership, criticises, supports, quote).
        subject: the person holding the post, the source of an interaction or the speaker.
        object: the organisation of a post or membership, or the target of an interaction.
        predicate: the finer interaction kind (e.g. ``accuses``), the ontology's local name.
        role: the post title as written, without organisation or "former".
        status: current, former or unknown (posts only).
        start, end: years of a post, as written.
        text: the quotation's text (quotes only).
        evidence: the sentence the fact comes from.
        confidence: the extractor's confidence in [0, 1].
        extractor: the extractor's name with version, e.g. ``roles.v1``.
    """

    kind: FactKind
    subject: str
    evidence: Evidence
    extractor: str
    object: str | None = None
    predicate: str | None = None
    role: str | None = None
    status: Status = "unknown"
    start: str | None = None
    end: str | None = None
    text: str | None = None
    confidence: float = 0.5


@dataclass(frozen=True)
class ArticleResult:
    """What the per-article stages produce: the article, its entities and facts."""

    article: Article
    entities: tuple[Entity, ...] = ()
    facts: tuple[Fact, ...] = ()
    warnings: tuple[str, ...] = field(default=())
