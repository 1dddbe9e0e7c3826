"""Lexicons: word lists kept as data files beside this module, loaded once.

Every file starts with comment lines (``#``) that say where its entries come from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.model import Fact

LEXICON_DIR = Path(__file__).parent


def _capitalised(name: str) -> str:
    """A name as written capitalised: "house of commons" → "House of Commons"."""
    return " ".join(word if word in {"of", "the", "and"} else word.capitalize() for word in name.split())


def _rows(name: str) -> list[list[str]]:
    """The non-comment, non-blank lines of a lexicon file, split on tabs."""
    rows = []
    for line in (LEXICON_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


@dataclass(frozen=True)
class Country:
    """A state: canonical name, short form for its government, written names, demonyms."""

    name: str
    short: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    sovereign: bool = True


@dataclass(frozen=True)
class InteractionCue:
    """A criticism or support cue: verb/noun lemma or phrasal pattern, kind and predicate."""

    cue: str
    pos: str
    kind: str
    predicate: str
    confidence: float


@dataclass(frozen=True)
class Judgement:
    """A negative judgement on a person ("X is a liar") that counts as criticism."""

    kind: str
    lemmas: tuple[str, ...]
    predicate: str


@dataclass(frozen=True)
class Lexicon:
    """All word lists the extractors use (English)."""

    post_titles: frozenset[str]  # with the abbreviations of ``title_abbreviations``
    title_abbreviations: dict[str, str]
    single_offices: frozenset[str]
    attributable_nouns: frozenset[str]
    not_entities: frozenset[str]
    org_head_words: frozenset[str]
    title_modifiers: frozenset[str]
    status_cues: dict[str, str]
    honorifics: frozenset[str]
    org_aliases: dict[str, str]
    countries: tuple[Country, ...]
    platforms: frozenset[str]
    furniture: tuple[re.Pattern[str], ...]
    interactions: tuple[InteractionCue, ...]
    speech_verbs: frozenset[str]
    speech_nouns: frozenset[str]
    judgements: tuple[Judgement, ...]
    voices: frozenset[str]
    observers: frozenset[str]
    tone_shifters: frozenset[str]
    tone_counters: frozenset[str]
    proposal_nouns: frozenset[str]
    post_nominals: frozenset[str]
    post_verbs: dict[str, str]
    body_descriptors: frozenset[str]
    party_tags: dict[str, str]
    party_families: frozenset[str]
    government_posts: frozenset[str]
    chambers: frozenset[str]
    chamber_bodies: dict[str, str]  # a chamber's capitalised name → the body's name
    regions: dict[str, str]  # a region's name or short form → its full name
    seats_of_power: frozenset[str]

    def country_by_word(self, word: str) -> Country | None:
        """The state a written name or demonym stands for ("UK", "British"), if any."""
        return self._country_index().get(word.strip().lower())

    @cache  # noqa: B019 - the lexicon is a long-lived singleton
    def _country_index(self) -> dict[str, Country]:
        index: dict[str, Country] = {}
        for country in self.countries:
            for word in (country.name, *country.aliases, *country.demonyms):
                index.setdefault(word.lower(), country)
        return index

    @cache  # noqa: B019 - the lexicon is a long-lived singleton
    def verb_cues(self) -> dict[str, InteractionCue]:
        """The verbs of criticism and support ("slam", "praise"), by lemma."""
        return {c.cue: c for c in self.interactions if c.pos == "verb"}

    @cache  # noqa: B019 - the lexicon is a long-lived singleton
    def parties(self) -> frozenset[str]:
        """The parties the lexicon knows: the canonical names of ``org_aliases.tsv``."""
        return frozenset(self.org_aliases.values())

    def serves_in_government(self, fact: Fact) -> bool:
        """A fact of a current ministerial post ("Home Secretary", "immigration minister"), not
        a shadow or former one: its holder is one of the government of the day."""
        if fact.kind != "role" or fact.status == "former" or not fact.role:
            return False
        words = fact.role.lower().split()
        return "shadow" not in words and any(" ".join(words[i:]) in self.government_posts for i in range(len(words)))

    @cache  # noqa: B019 - the lexicon is a long-lived singleton
    def multiword_titles(self) -> tuple[tuple[str, ...], ...]:
        """The post titles of several words ("secretary of state"), as words, in a fixed order."""
        return tuple(tuple(title.split()) for title in sorted(self.post_titles) if " " in title)

    def __hash__(self) -> int:
        return id(self)


@cache
def load_lexicon(lang: str = "en") -> Lexicon:
    """Load the lexicons of one language (only English ships)."""
    if lang != "en":
        raise ValueError(f"no lexicons for language {lang!r}; available: en")
    countries = tuple(
        Country(name, short, tuple(aliases.split("|")), tuple(demonyms.split("|")), kind == "state")
        for name, short, aliases, demonyms, kind in _rows("countries.tsv")
    )
    abbreviations = {abbreviation: title for abbreviation, title in _rows("title_abbreviations.tsv")}
    return Lexicon(
        post_titles=frozenset(r[0].lower() for r in _rows("post_titles.txt")) | abbreviations.keys(),
        title_abbreviations=abbreviations,
        single_offices=frozenset(r[0].lower() for r in _rows("single_offices.txt")),
        attributable_nouns=frozenset(r[0].lower() for r in _rows("attributable_nouns.txt")),
        not_entities=frozenset(r[0].lower() for r in _rows("not_entities.txt")),
        org_head_words=frozenset(r[0].lower() for r in _rows("org_head_words.txt")),
        title_modifiers=frozenset(r[0].lower() for r in _rows("title_modifiers.txt")),
        status_cues={word: status for word, status in _rows("status_cues.txt")},
        honorifics=frozenset(r[0].lower() for r in _rows("honorifics.txt")),
        org_aliases={alias: name for alias, name in _rows("org_aliases.tsv")},
        countries=countries,
        platforms=frozenset(r[0] for r in _rows("platforms.txt")),
        furniture=tuple(re.compile(r[0], re.IGNORECASE) for r in _rows("furniture.txt")),
        interactions=tuple(
            InteractionCue(cue, pos, kind, predicate, float(conf))
            for cue, pos, kind, predicate, conf in _rows("interactions.tsv")
        ),
        speech_verbs=frozenset(r[0] for r in _rows("speech.tsv") if r[1] == "verb"),
        speech_nouns=frozenset(r[0] for r in _rows("speech.tsv") if r[1] == "noun"),
        judgements=tuple(
            Judgement(kind, tuple(lemmas.split(" ")), predicate)
            for kind, lemmas, predicate in _rows("judgements.tsv")
        ),
        voices=frozenset(r[0].lower() for r in _rows("voices.txt")),
        observers=frozenset(r[0].lower() for r in _rows("observers.txt")),
        tone_shifters=frozenset(r[0].lower() for r in _rows("tone_shifters.txt")),
        tone_counters=frozenset(r[0].lower() for r in _rows("tone_counters.txt")),
        proposal_nouns=frozenset(r[0].lower() for r in _rows("proposal_nouns.txt")),
        post_nominals=frozenset(r[0] for r in _rows("post_nominals.txt")),
        post_verbs={verb: title for verb, title in _rows("post_verbs.tsv")},
        body_descriptors=frozenset(r[0].lower() for r in _rows("body_descriptors.txt")),
        party_tags={letter: party for letter, party in _rows("party_tags.tsv")},
        party_families=frozenset(r[0] for r in _rows("party_families.txt")),
        government_posts=frozenset(r[0].lower() for r in _rows("government_posts.txt")),
        chambers=frozenset(r[0].lower() for r in _rows("chambers.txt")),
        chamber_bodies={_capitalised(r[0]): r[1] for r in _rows("chambers.txt") if len(r) > 1},
        seats_of_power=frozenset(r[0] for r in _rows("seats_of_power.txt")),
        regions={form: r[0] for r in _rows("regions.txt") for form in [r[0], *(r[1].split("|") if len(r) > 1 else [])]},
    )
