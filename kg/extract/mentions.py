"""Mentions: find the people, organisations and places of one article and tell who is who.

The spaCy model's entity labels are noisy (a surname alone is often tagged ORG or GPE), so
mentions are collected from every entity label and from the lexicons, then clustered: a
surname, a possessive, a typo or an honorific form joins the full name it stands for, and
the cluster's type is that of its strongest member. Pronouns and definite descriptions are
resolved on demand by :meth:`MentionIndex.resolve`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from kg.extract.common import governor, is_possessor, is_title_head, sentence_of, text_of
from kg.lexicons import Lexicon
from kg.model import Entity, EntityType
from kg.nlp import is_dateline

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from spacy.tokens import Doc, Span, Token

# spaCy labels that may name one of our entity types; the rest are dates, numbers and such.
LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Organization",
    "NORP": "Organization",
    "WORK_OF_ART": "Organization",
}
# Labels too unreliable to found an entity alone: kept only when they name a known one.
WEAK_LABELS = {"NORP", "WORK_OF_ART", "FAC"}
# The head words of a body's name that no work of art or building is called by: a name the
# model takes for a title ("The Law Society") is a body when it ends in one.
INSTITUTION_HEADS = {"society", "association", "union", "federation", "confederation", "council", "commission",
                     "committee", "trust", "foundation", "institute", "league", "agency", "authority", "board",
                     "bureau", "organisation", "organization"}
# Lower-case particles inside surnames ("van der Merwe", "bin Salman", "da Silva").
NAME_PARTICLES = {"van", "von", "der", "den", "de", "da", "di", "du", "dos", "das", "del", "la", "le", "bin", "ter"}
# Quotation marks and apostrophes, straight and curly, as the tokenizer leaves them.
QUOTE_MARKS = {"'", "’", "‘", '"', "“", "”", "`", "``", "''"}
INITIAL = re.compile(r"[A-Z]\.")  # "S." in "S. Prakash Hegde"
# Words for the government in office ("the outgoing government", "the coalition government");
# "the previous government" or "a Labour government" may be another.
SITTING_GOVERNMENT_WORDS = {"outgoing", "current", "caretaker", "coalition", "incumbent", "present", "minority"}
MALE_HONORIFICS = {"mr", "sir", "lord", "baron"}
FEMALE_HONORIFICS = {"mrs", "ms", "miss", "dame", "lady", "baroness"}
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                  "she": "f", "her": "f", "hers": "f", "herself": "f"}
POSSESSIVE_ENDINGS = ("'s", "’s", "'", "’")
QUOTE_CHARS = "\"“”"
ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,7}$")
MINOR_WORDS = {"of", "the", "and", "for", "into", "on", "in", "to", "&"}
# Modifiers that make another office: "the chancellor" never means the shadow chancellor.
OFFICE_CHANGING = {"shadow", "deputy", "vice", "assistant", "former", "ex", "acting", "opposition"}
# A name compounded with one of these ("Luton airport", "Kent county") names a place.
PLACE_HEAD_NOUNS = {"airport", "county", "city", "town", "constituency"}
PLACE_SUFFIXES = ("shire",)  # county names; town suffixes ("-ham", "-ton") are surnames too
# Prepositions that put their object in a place ("at Gatwick", "in Kent"), never a person
# ("from" does not: "a ruling from Mr Justice X", "his divorce from X").
LOCATIVE = {"at", "in", "near", "across", "around", "outside", "inside", "throughout"}
SUBJECTS = {"nsubj", "nsubjpass"}
# The gender a voice noun gives ("spokesperson", "official": either).
VOICE_GENDER = {"spokesman": "m", "spokeswoman": "f"}
# Posts held for a seat, besides the letters ("senator for Tasmania", "councillor for X ward").
SEAT_HOLDERS = {"senator", "councillor", "representative", "congressman", "congresswoman", "member", "deputy"}
# Last words of a district's name ("Leeds Central", "Bristol South"): a place when written where places stand.
DISTRICT_WORDS = {"north", "south", "east", "west", "central", "north-east", "north-west", "south-east", "south-west"}
# Head words of bodies' names that never name one alone ("Parliament", "Commission" may).
GENERIC_HEADS = {"party", "office", "department", "ministry", "group", "committee", "association"}
# The most words a post set off by commas runs to ("Tory shadow work and pensions secretary").
POST_PHRASE_WORDS = 8
# People said to come from a place ("a man from Y", "both from Y"), where "from" names no source.
PEOPLE_NOUNS = {"man", "woman", "people", "person", "family", "resident", "voter", "child", "boy", "girl",
                "couple", "teenager", "both", "all", "one", "doctor", "nurse", "teacher", "student", "pupil",
                "worker", "businessman", "businesswoman", "mother", "father", "son", "daughter", "wife",
                "husband", "candidate", "officer", "campaigner", "activist", "soldier", "lawyer"}
# The houses whose committees are named in lower case ("the Commons home affairs committee"),
# and the most words such a name runs to.
HOUSES = {"Commons", "Lords", "Parliamentary", "parliamentary", "Holyrood", "Assembly"}
COMMITTEE_WORDS = 6
# "the two men", "both women", "the pair": people named together just before.
GROUP_NOUNS = {"man", "woman"}
GROUP_MARKERS = {"the", "both", "two", "three"}
GROUP_SIZES = {"two": 2, "both": 2, "three": 3}
# Honorifics of peers, whose title may name a place: "Lord X of Y", "Baroness X of Y".
PEERAGES = {"lord", "baroness", "lady", "baron", "viscount", "earl"}
# Quoted sentences looked past, back to the narration that introduced a quote.
QUOTED_SENTENCES_SKIPPED = 2
# Titles of rank written only before a person's name.
RANKS = PEERAGES | {"sir", "dame"}
# Letters of a seat in a parliament: "the MP for Y" names a constituency.
SEAT_LETTERS = {"MP", "MEP", "MSP", "AM", "MLA", "TD"}
# A pronoun in these places is an object (of a verb or a preposition), never a clause's subject.
OBJECT_DEPS = {"dobj", "pobj", "dative"}
SENTENCE_WINDOW = 3  # pronouns look back this many sentences for their antecedent
OFFICE_WINDOW = 6  # an office-holder left unnamed is looked for further back than that
SPEAKER_WINDOW = 8  # "he said" looks this far back for the last person reported speaking
# Honorifics only a person takes (not "Lord", also a title of offices and bodies).
PERSONAL_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame"})


def _party_then_name(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """A body's short name written before a name of two or three capitalised words, none of
    them a body's head word ("Tory Dominic Grieve", not "Labour Friends of Israel")."""
    for width in (2, 1):
        if end - start - width in {2, 3} and _span_text(doc, start, start + width) in lex.org_aliases:
            rest = doc[start + width:end]
            return all(t.pos_ == "PROPN" and t.is_title and t.lower_ not in lex.org_head_words for t in rest) \
                and rest.text not in lex.org_aliases
    return False


def strip_honorifics(name: str, honorifics: frozenset[str]) -> str:
    """``name`` without the honorifics it starts with ("Rt Rev X" → "X"), longest first.

    Stripped one after another until none is left, so the result never depends on the
    order the honorifics are tried in.
    """
    ordered = sorted(honorifics, key=lambda h: (-len(h), h))
    stripped = True
    while stripped:
        stripped = False
        lowered = name.lower()
        for honorific in ordered:
            for prefix in (honorific + " ", honorific + ". "):
                if lowered.startswith(prefix) and len(name) > len(prefix):
                    name, stripped = name[len(prefix):], True
                    break
            if stripped:
                break
    return name


@dataclass
class Mention:
    """One stretch of text naming an entity (token indices, half-open)."""

    start: int
    end: int
    type: EntityType
    text: str           # as written, possessive dropped, honorifics kept
    name: str           # without honorifics and leading "the"
    canonical: str | None = None  # a lexicon's canonical name, when it has one
    weak: bool = False
    in_quote: bool = False
    gender: str | None = None


@dataclass
class Cluster:
    """All mentions of one entity in the article."""

    key: str
    type: EntityType
    mentions: list[Mention] = field(default_factory=list)
    canonical: str | None = None
    gender: str | None = None
    primary: str | None = None  # the first of two names given as such ("X, also known as Y")

    def surnames(self) -> set[str]:
        return {m.name.split()[-1] for m in self.mentions if len(m.name.split()) > 1}


class MentionIndex:
    """The entities of one spaCy ``Doc``: which token names whom, and their names.

    Args:
        doc: the parsed article.
        lexicon: the word lists (honorifics, organisation nicknames, countries, …).
    """

    def __init__(self, doc: Doc, *, lexicon: Lexicon) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.quote_mask = _quote_mask(text_of(doc))
        self.furniture = {sent.start for sent in doc.sents if _is_furniture(sent, lexicon)}
        # The tokens of those sentences, looked up per token by every extractor.
        self._furniture_tokens = frozenset(i for sent in doc.sents if sent.start in self.furniture
                                           for i in range(sent.start, sent.end))
        self._texts = [t.text for t in doc]
        self.clusters: dict[str, Cluster] = {}
        self.token_entity: dict[int, str] = {}
        self.descriptions: list[tuple[int, str, str, str]] = []  # (token i, title, head, key)
        # The bodies each person holds a post in or belongs to, once roles are read.
        self.affiliations: dict[str, set[str]] = {}
        # Offices written without a holder that the article has already been read to give
        # one ("the prime minister said", read by ``roles``): office -> person.
        self.office_readings: dict[str, str] = {}
        self._sent_starts = [s.start for s in doc.sents]
        # Surnames the article writes after a personal honorific ("Ms Sturgeon").
        self._honoured = {doc[i + 1].text for i in range(len(doc) - 1)
                          if doc[i].lower_.rstrip(".") in PERSONAL_HONORIFICS and doc[i + 1].is_title}
        self._cluster(self._collect())
        self.references: dict[int, str] = {}  # description tokens resolved to a person
        self.pronoun_entity: dict[int, str] = {}
        self.chain_pronouns()

    def chain_pronouns(self) -> None:
        """Resolve every pronoun in reading order, so "he … he … his" chains back to the
        name; run again once descriptions ("the Tory leader") are known."""
        self.pronoun_entity = {}
        for tok in self.doc:
            gender = PRONOUN_GENDER.get(tok.lower_)
            if gender is not None and tok.pos_ == "PRON":
                key = self._antecedent(tok, gender, frozenset())
                if key is not None:
                    self.pronoun_entity[tok.i] = key

    # ----------------------------------------------------------------- collection
    def _collect(self) -> list[Mention]:
        doc = self.doc
        mentions = self._constituencies() + self._committees()
        taken = {i for m in mentions for i in range(m.start, m.end)}
        for ent in self._bodies_joined_at_and(doc.ents):
            if ent.label_ == "EVENT" and not taken.intersection(range(ent.start, ent.end)) \
                    and sentence_of(ent[0]).start not in self.furniture:
                for state in self._states_named_in_event(ent):  # "the Iraq war": Iraq is named
                    mentions.append(state)
                    taken.add(state.start)
            if ent.label_ not in LABEL_TYPES or sentence_of(ent[0]).start in self.furniture:
                continue
            if taken.intersection(range(ent.start, ent.end)):
                continue
            mention = self._mention_from_span(ent)
            if mention is not None:
                mentions.append(mention)
                taken.update(range(mention.start, mention.end))
        mentions.extend(self._lexicon_mentions(taken))
        return sorted(mentions, key=lambda m: m.start)

    def _bodies_joined_at_and(self, ents: Sequence[Span]) -> list[Span]:
        """The model's spans, with a body's name it cut at its "and" made whole again: "the
        Public and Commercial Services Union", "the Australian Nursing and Midwifery
        Federation" (tagged as "Commercial Services Union", or as two spans). The words before
        "and" must name no body, state or party of their own and start a name ("the Electoral
        Commission and National Union of Students", "the UK and European Union", "Labour and
        Conservative Party", "BBC One and BBC News" stay apart)."""
        from spacy.tokens import Span

        doc, lex = self.doc, self.lexicon
        joined: list[Span] = []
        for ent in ents:
            start = ent.start - 1
            if ent.label_ not in {"ORG", "GPE", "LOC", "FAC"} or start < 1 or doc[start].lower_ != "and" \
                    or not any(t.lower_ in lex.org_head_words for t in ent):
                joined.append(ent)
                continue
            while start > 0 and doc[start - 1].is_title and doc[start - 1].pos_ in {"PROPN", "ADJ", "NOUN"} \
                    and not doc[start - 1].is_sent_start and ent.start - start < 4:
                start -= 1
            before = doc[start:ent.start - 1]
            if not before or (start > 0 and doc[start - 1].pos_ == "PROPN") \
                    or (joined and _name_start(joined[-1]) < start < joined[-1].end) \
                    or any(t.lower_ in lex.org_head_words for t in before) \
                    or before.text in lex.org_aliases or _is_country_name(lex, before.text) \
                    or any(t.ent_type_ in {"PERSON", "GPE"} for t in before):
                joined.append(ent)
                continue
            while joined and joined[-1].end > start:
                joined.pop()  # "the Australian Nursing", the first half the model tagged apart
            joined.append(Span(doc, start, ent.end, label="ORG"))
        return joined

    def _states_named_in_event(self, event: Span) -> list[Mention]:
        """The states an event's name names: "the Iraq war", "the Falklands conflict"."""
        found = []
        for tok in event:
            country = self.lexicon.country_by_word(tok.text) if tok.is_title else None
            if country is not None and tok.text not in country.demonyms:
                found.append(Mention(tok.i, tok.i + 1, "Place", tok.text, tok.text, canonical=country.name,
                                     in_quote=self.quote_mask[tok.idx]))
        return found

    def _constituencies(self) -> list[Mention]:
        """"the MP for Grantham and Stamford", "MSP for Edinburgh Pentlands": the seat's whole
        name is one place, however the model cut or typed its words (and a member's name
        written after it is a person)."""
        doc, found = self.doc, []
        for tok in doc:
            if tok.text not in SEAT_LETTERS or tok.i + 2 >= len(doc) or doc[tok.i + 1].lower_ != "for":
                continue
            start = end = tok.i + 2
            while end < len(doc) and (doc[end].is_title and doc[end].is_alpha
                                      or doc[end].lower_ == "and" and end + 1 < len(doc) and doc[end + 1].is_title
                                      # "Dublin Mid-West", "Cork South-Central"
                                      or doc[end].text == "-" and end > start and not doc[end - 1].whitespace_
                                      and end + 1 < len(doc) and doc[end + 1].is_title):
                end += 1
            # "Liberal MP for Coogee Simon Ardley, who …": the seat, then the name of its member.
            last = doc[end - 1]
            person_like = last.dep_ in {"nsubj", "nsubjpass"} or any(
                c.dep_ == "relcl" and any(w.lower_ in {"who", "whom"} for w in c.children) for c in last.children)
            if end - start >= 3 and person_like and not {t.lower_ for t in doc[end - 2:end]} & DISTRICT_WORDS \
                    and doc[end - 2].ent_type_ not in {"GPE", "LOC", "FAC"}:
                named = end - (3 if end - start >= 4 and INITIAL.fullmatch(doc[end - 3].text) else 2)
                name = _span_text(doc, named, end)
                found.append(Mention(named, end, "Person", name, name, in_quote=self.quote_mask[doc[named].idx]))
                end = named
            if end > start and not _is_country_name(self.lexicon, doc[start].text):
                name = _span_text(doc, start, end)
                found.append(Mention(start, end, "Place", name, name, in_quote=self.quote_mask[doc[start].idx]))
        return found

    def _committees(self) -> list[Mention]:
        """"the Commons work and pensions committee", "the home affairs select committee": a
        parliamentary committee written in lower case is a body, named from the house (or
        the field) to "committee"."""
        doc, found = self.doc, []
        for tok in doc:
            if tok.lower_ != "committee" or tok.i < 2:
                continue
            start = tok.i
            while start > 0 and tok.i - start < COMMITTEE_WORDS and doc[start - 1].is_lower \
                    and doc[start - 1].pos_ in {"NOUN", "ADJ", "CCONJ"} and doc[start - 1].lower_ != "the":
                start -= 1
            apostrophe = start > 1 and doc[start - 1].text in {"'", "’"}  # "the Commons' … committee"
            house = start > 1 and doc[start - 1 - apostrophe].text in HOUSES
            if house:
                start -= 1 + apostrophe
            elif doc[tok.i - 1].lower_ != "select":
                continue  # "an expert committee", "the emergency committee": no body's name
            fields = [t for t in doc[start:tok.i] if t.is_lower and t.lower_ != "select"]
            if not fields or fields[0].pos_ == "CCONJ":
                continue  # "the Commons select committee": a committee, no name
            name = _span_text(doc, start, tok.i + 1)
            found.append(Mention(start, tok.i + 1, "Organization", name, name,
                                 in_quote=self.quote_mask[doc[start].idx]))
        return found

    def _mention_from_span(self, ent: Span) -> Mention | None:
        lex = self.lexicon
        start, end = ent.start, ent.end
        doc = self.doc
        # "the Labour Party", "Ada Quill's": the determiner and possessive are not the name,
        # nor a quotation mark or apostrophe the model took in ("’ Brexit").
        while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].text in QUOTE_MARKS):
            start += 1
        while end > start and (doc[end - 1].text in POSSESSIVE_ENDINGS or doc[end - 1].text in QUOTE_MARKS):
            end -= 1
        for k in range(start + 1, end):
            if doc[k].text in {"-", "–", "—"} and doc[k - 1].whitespace_:
                end = k  # "Veritas - Latin for truth": a dash set off by spaces ends the name
                break
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space
                               or doc[end - 1].pos_ in {"CCONJ", "ADP", "DET"}):
            end -= 1  # "Alan Beith -", "Food and Rural Affairs and"
        while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].tag_ == "VBG"):
            start += 1  # "Praising Celtic": the verb the model swept into the name
        for width in (2, 1):
            # "The Liberal Democrats" tagged as "Democrats": the longer name the lexicon knows wins.
            if start - width >= 0 and _span_text(doc, start - width, end) in lex.org_aliases:
                start -= width
                break
        if doc[end - 1].lower_ in lex.post_titles and doc[end - 1].text not in lex.post_nominals \
                and any(t.lower_ in lex.org_head_words for t in doc[start:end - 1]):
            # "The Conservative Party Co-Chairman said": a post; the name is the body it belongs to.
            while doc[end - 1].lower_ not in lex.org_head_words:
                end -= 1
        if _in_programme_title(doc, start):
            return None  # "told BBC One's Breakfast with Frost": a programme, not its host
        if _likeness_suffix(doc, end):
            return None  # "a George Bush-style tax cutting spree": a manner, not the man
        type_ = LABEL_TYPES[ent.label_]
        titled = _title_tail(doc, start, end, lex)
        if titled == end - start:
            return None  # "State" in "Secretary of State": the end of a title, no body
        if titled:
            start, type_ = start + titled, "Person"  # "Secretary of State X": the name follows the title
        elif type_ == "Organization" and (post := _post_before_name(doc, start, end, lex)) is not None:
            start, type_ = post + 1, "Person"  # "(Labour) TD Aoife Brannock" tagged as a body: a post, then a name
        elif type_ != "Person" and (named := _name_after_seat(doc, start, end, lex)) is not None:
            start, type_ = named, "Person"  # "senator for [Tasmania Jo Brent]": the seat, then a name
        if type_ == "Person":
            last = doc[end - 1]
            if last.lower_ in lex.org_head_words or (end - start == 1 and _acronym_of_a_body(last.text)):
                type_ = "Organization"  # "Countryside Alliance", "BAA", "AfD": no person is written so
            elif _span_text(doc, start, end) in lex.platforms and self._is_platform_use(start, end):
                type_ = "Organization"  # "wrote on Twitter"
            elif self._described_as_body(start, end):
                type_ = "Organization"  # "fact-checking charity Full Fact", "Threshold, the housing charity"
            elif last.lower_.endswith(PLACE_SUFFIXES):
                type_ = "Place"  # "Gloucestershire"
            elif any(c.isdigit() for c in _span_text(doc, start, end)):
                type_ = "Organization"  # "MI6", "BBC1": no person's name has a digit
            elif end - start == 1 and _is_country_name(lex, last.text) \
                    and not (start > 0 and doc[start - 1].lower_.rstrip(".") in lex.honorifics):
                type_ = "Place"  # "If Wales rejected the deal": a lone country name is no person
        if type_ == "Organization" and _party_then_name(doc, start, end, lex):
            type_ = "Person"  # "Tory Dominic Grieve" tagged as a body: a party's person
        elif type_ == "Organization" and 2 <= end - start <= 3 and doc[end - 1].text in self._honoured \
                and all(t.is_title and t.is_alpha and t.lower_ not in lex.org_head_words for t in doc[start:end]):
            type_ = "Person"  # "The SNP's Nicola Sturgeon" tagged as a body, "Ms Sturgeon" later
        if type_ == "Person" and end - start == 1 and doc[start].tag_ in {"NNS", "NNPS"} \
                and doc[start].dep_ in SUBJECTS and _takes_plural_verb(doc[start]):
            return None  # "Africans are …", "the Britons were …": a people, not a person
        if type_ == "Person":
            # "Tory Dominic | Grieve": the model ended the name before its head, the surname.
            while end < len(doc) and doc[end].pos_ == "PROPN" and not doc[end].ent_type_ \
                    and doc[end].text[:1].isupper() and doc[end - 1].dep_ == "compound" \
                    and doc[end - 1].head.i == end and doc[end].lower_ not in lex.post_titles \
                    and doc[end].lower_ not in lex.org_head_words:
                end += 1
            # "NATO Secretary General Anders | Holm": a first name the model left out, after a title.
            before = doc[start - 1] if start > 0 else None
            if before is not None and end - start == 1 and before.pos_ == "PROPN" and not before.ent_type_ \
                    and before.is_title and before.is_alpha and before.dep_ == "compound" and before.head.i == start \
                    and not is_title_head(before, lex) and before.lower_ not in lex.org_head_words \
                    and before.lower_.rstrip(".") not in lex.honorifics and before.text not in lex.org_aliases \
                    and lex.country_by_word(before.text) is None and start > 1 and is_title_head(doc[start - 2], lex):
                start -= 1
            # "the public services union Unison Dave Prentis": the body's name, then the person's.
            if start > 0 and end - start >= 3 and doc[start - 1].lower_ in lex.body_descriptors \
                    and doc[start - 1].pos_ == "NOUN":
                start += 1
            # "Lib Dem Norman Baker", "Labour MP X": a party or title written into the name span.
            for width in (3, 2, 1):
                if end - start > width and _span_text(doc, start, start + width) in lex.org_aliases:
                    start += width
                    break
            # "Lawyer X said": an occupation opening the sentence is no part of the name.
            if doc[start].is_sent_start and end - start >= 3 and doc[start].lower_ in PEOPLE_NOUNS:
                start += 1
            # "Health Secretary Ada Quill" tagged whole: the name starts after the title.
            heads = [i for i in range(start, end - 1) if doc[i].lower_ in lex.post_titles
                     or doc[i].text.endswith("Ps") and doc[i].lower_[:-1] in lex.post_titles]  # "MPs X"
            if heads:
                start = heads[-1] + 1
        while start < end and doc[start].text in QUOTE_MARKS:
            start += 1  # "The Lib Dems’ Brexit spokesperson": what is left after the party
        # "the SNP's leader in the [Commons, Angus MacInnes]": a name after a comma is the name.
        comma = next((i for i in range(end - 1, start, -1) if doc[i].text == ","), None)
        tail = doc[comma + 1:end] if comma is not None else doc[end:end]
        if ent.label_ in {"PERSON", "ORG"} and 2 <= len(tail) <= 3 \
                and all(t.text[:1].isupper() and t.is_alpha and t.pos_ == "PROPN" and t.lower_ not in lex.org_head_words
                        and t.lower_ not in DISTRICT_WORDS for t in tail) \
                and lex.country_by_word(tail.text) is None:  # not "Auckland, New Zealand", "Wight, Dorset West"
            start = comma + 1
            if ent.label_ == "ORG":
                type_ = "Person"
        # A bracket the model opened in a name and did not close: "Janata Dal (Secular" is
        # closed, "Democratic Alliance (DA" ends where its short form's bracket opens.
        opened = next((i for i in range(start + 1, end) if doc[i].text == "("), None)
        if opened is not None and not any(doc[i].text == ")" for i in range(opened, end)):
            end = end + 1 if end < len(doc) and doc[end].text == ")" and not _acronym_of_a_body(doc[end - 1].text) \
                else opened
        if start >= end:
            return None
        text = _span_text(doc, start, end)
        if text.lower() in lex.not_entities or text.lower().removesuffix("s") in lex.not_entities:
            return None  # "Budget", "White Paper": capitalised, but no body or person
        if end - start == 1 and text.lower() in GENERIC_HEADS:
            return None  # "Party leader X": a generic head word alone names no body
        if start > 0 and doc[start - 1].is_title and _party_family(f"{doc[start - 1].text} {text}", lex):
            start -= 1  # "Free Democrats" tagged from "Democrats": a party of its own
            text = _span_text(doc, start, end)
        canonical = lex.org_aliases.get(text) or (text if _seat_of_power(doc, start, text, lex) else None)
        country = lex.country_by_word(text) if type_ != "Person" else None
        # "the Labour party said", "the opposition Congress party": "party" is part of the name.
        named_party = end < len(doc) and doc[end].text == "party" and (
            canonical in lex.parties() or type_ != "Person" and country is None and doc[end - 1].head.i == end)
        if named_party:
            end += 1
        # "the Liberals": a party named by what its members are called (a creed or a place to the model).
        family = text.removeprefix("the ").removeprefix("The ")
        # Not "Liberal" in "Liberal Democrat": a singular word may begin a longer name.
        party_family = _party_family(family, lex) and (
            family in lex.party_families or end >= len(doc) or not doc[end].is_title)
        if party_family and not canonical:
            canonical = family if family in lex.party_families else f"{family}s"  # "a Social Democrat"
        if canonical or named_party or party_family:
            type_ = "Organization"
        elif country is not None and text not in country.demonyms:
            type_, canonical = "Place", country.name
        elif text in lex.regions and (start == 0 or doc[start - 1].lower_.rstrip(".") not in lex.honorifics):
            type_, canonical = "Place", lex.regions[text]  # "Karnataka said": a state, as "Britain said"
        elif ent.label_ == "NORP":
            return None  # demonyms and creeds ("British", "Muslim") are not entities
        elif self._is_title_part(start, end, listed=ent.label_ != "PERSON" and end - start == 1
                                 and (start == 0 or doc[start - 1].lower_.rstrip(".") not in lex.honorifics)):
            return None  # "Health" in "Health Secretary"
        # Honorifics written before the name belong to the written form, not the name.
        h = start
        while h > 0 and doc[h - 1].lower_.rstrip(".") in lex.honorifics and doc[h - 1].is_title:
            h -= 1
        # The first honorific gives the gender, before the name or inside the model's span ("Ms X").
        first = doc[h].lower_.rstrip(".")
        gender = "m" if first in MALE_HONORIFICS else "f" if first in FEMALE_HONORIFICS else None
        if h < start:
            type_ = "Person" if not canonical else type_
        if type_ == "Person":
            while end < len(doc) and doc[end].text in lex.post_nominals and doc[end - 1].text[:1].isupper():
                end += 1  # "X MSP" with the letters tagged apart: the mention takes them
            # "Hendrik van | der Merwe": a surname's particles, cut off by the model, and the rest.
            particles = end
            while particles < len(doc) and doc[particles].text in NAME_PARTICLES:
                particles += 1
            cut_off = doc[end - 1].text in NAME_PARTICLES or particles > end
            if cut_off and particles < len(doc) and particles - end <= 2 and doc[particles].is_title \
                    and doc[particles].is_alpha:
                end = particles + 1
        name = strip_honorifics(_span_text(doc, start, end), lex.honorifics)  # those the model put inside the span
        if type_ == "Person":
            # "X QC", "X OBE": letters after the name are written with it, not part of it
            # (the mention keeps them: they head the phrase an apposition hangs on).
            words = name.split()
            while len(words) > 2 and words[-1] in lex.post_nominals:
                words.pop()
            name = " ".join(words)
        if not any(c.isalpha() for c in name) or {name.lower(), name.lower().removesuffix("s")} & lex.post_titles:
            return None  # "MSP", "Chancellor": a post, not an entity
        weak = ent.label_ in WEAK_LABELS and not (canonical or named_party or party_family)
        if weak and start > 0 and doc[start - 1].lower_ in lex.body_descriptors and doc[start - 1].pos_ == "NOUN":
            type_, weak = "Organization", False  # "the progressive group Indivisible", taken for a title
        if weak and ent.label_ != "NORP" and end - start >= 2 and doc[end - 1].lower_ in INSTITUTION_HEADS \
                and all(t.is_title for t in doc[start:end] if t.is_alpha and t.lower_ not in MINOR_WORDS):
            type_, weak = "Organization", False  # "The Law Society", taken for a title
        if type_ != "Person" and not canonical and self._acts_like_person(doc[start:end]):
            type_, weak = "Person", False
        if end - start == 1 and type_ == "Organization" and not canonical and doc[start].tag_ in {"JJ", "NN"} \
                and not _acronym_of_a_body(doc[start].text) \
                and not (start > 0 and doc[start - 1].lower_ in lex.body_descriptors):
            return None  # a capitalised common word ("Tech" in "Tech billionaire X"), unless
            # described as a body ("the anti-war party Respect")
        if type_ == "Person" and doc[h].lower_ in PEERAGES and end + 1 < len(doc) \
                and doc[end].lower_ == "of" and doc[end + 1].is_title and doc[end + 1].is_alpha:
            # "Lord Faulkner of Worcester": the peer's territorial title is written with the name
            # (an alias; the name stays "Faulkner", as "Lord Faulkner" later is written).
            end += 2
        return Mention(
            start=h, end=end, type=type_, text=_span_text(doc, h, end), name=name,
            canonical=canonical, weak=weak,
            in_quote=self.quote_mask[doc[start].idx], gender=gender,
        )

    def _honorific_gender(self, i: int) -> str | None:
        """The gender an honorific just before token ``i`` gives ("Ms" in "Ms Varley")."""
        if i == 0 or not self.doc[i - 1].is_title:
            return None
        word = self.doc[i - 1].lower_.rstrip(".")
        return "m" if word in MALE_HONORIFICS else "f" if word in FEMALE_HONORIFICS else None

    def _acts_like_person(self, span: Span) -> bool:
        """A proper name the model mislabelled, in a place only people stand: "X said",
        "X's time as …", "billionaire X" (two or three capitalised words)."""
        root = span.root
        if not 2 <= len(span) <= 3 or not all(t.is_title and t.pos_ == "PROPN" for t in span):
            return False
        if {t.lower_ for t in span} & self.lexicon.org_head_words:
            return False
        if root.dep_ == "nsubj" and root.head.lemma_ in self.lexicon.speech_verbs:
            return True
        for child in root.children:
            if is_possessor(child) and child.i < span.start:
                owner = " ".join(t.text for t in span.doc[child.left_edge.i:child.i + 1])
                if owner in self.lexicon.org_aliases:
                    return True  # "Plaid Cymru's X": a party's named member
            if child.dep_ == "prep" and child.lower_ == "for" and span.doc[child.i - 1].text == ",":
                party = " ".join(t.text for t in child.subtree if t.dep_ != "det" and t.i > child.i)
                if party in self.lexicon.org_aliases:
                    return True  # "X, for the Liberal Democrats, said": a party's voice
        before = span.doc[span.start - 1] if span.start > 0 else None
        if before is not None and before.is_lower and before.pos_ == "NOUN" and before.head.i == root.i:
            return True  # "billionaire X", "activist X": a description of a person
        if before is not None and is_title_head(before, self.lexicon) and before.head.i == root.i:
            return True  # "led by vice-chair X": a post's holder
        if root.dep_ == "appos" and is_title_head(root.head, self.lexicon) and root.head.i < span.start:
            return True  # "the Conservative deputy chairman, X,"
        return root.dep_ == "poss" and root.head.lower_ in {"time", "tenure", "leadership", "career", "wife", "husband"}

    def _is_title_part(self, start: int, end: int, *, listed: bool = False) -> bool:
        """Capitalised words right before a post title are its portfolio ("Trade and Industry
        Secretary"), unless they name a body ("Home Office minister", "CBI director")."""
        doc = self.doc
        if end >= len(doc) or _acronym_of_a_body(doc[start].text) or doc[end - 1].text in POSSESSIVE_ENDINGS:
            return False
        if listed:
            # "Culture, Media and Sport Secretary": a listed portfolio runs on to the title,
            # through one "and" and capitalised words only.
            run = end
            while run < len(doc) - 1 and run - end < 6 and (doc[run].text in {",", "and"} or (
                    doc[run].is_title and doc[run].lower_ not in self.lexicon.post_titles)):
                run += 1
            if [t.lower_ for t in doc[end:run]].count("and") == 1:
                end = run
        if not (doc[end].lower_ in self.lexicon.post_titles and doc[end].is_title):
            return False
        if end - start == 1 and doc[start].lower_ in self.lexicon.title_modifiers:
            return True  # "Energy Secretary", "Cabinet Secretary": a head word alone names no body
        words = {t.lower_ for t in doc[start:end]}
        return not (words & self.lexicon.org_head_words)

    def _lexicon_mentions(self, taken: set[int]) -> list[Mention]:
        """Party nicknames, governments and platforms that the model did not tag."""
        doc, lex = self.doc, self.lexicon
        found: list[Mention] = []
        i = 0
        while i < len(doc):
            tok = doc[i]
            if i in taken or i in self._furniture_tokens:
                i += 1
                continue
            matched = False
            for width in (3, 2, 1) if self._texts[i] in _first_words(lex) else ():
                text = " ".join(self._texts[i:i + width]) if i + width <= len(doc) else ""
                if text and text in lex.org_aliases and not (set(range(i, i + width)) & taken) \
                        and not (i > 0 and _party_family(f"{self._texts[i - 1]} {text}", lex)):
                    # (not "Democrats" in "Free Democrats": a party of its own)
                    found.append(self._lexicon_mention(i, i + width, "Organization", lex.org_aliases[text]))
                    i += width
                    matched = True
                    break
                body = text if text and _seat_of_power(doc, i, text, lex) else lex.chamber_bodies.get(text)
                if body and not (set(range(i, i + width)) & taken):
                    found.append(self._lexicon_mention(i, i + width, "Organization", body))
                    i += width
                    matched = True
                    break
                if text in lex.platforms and self._is_platform_use(i, i + width):
                    found.append(self._lexicon_mention(i, i + width, "Organization", text))
                    i += width
                    matched = True
                    break
            if matched:
                continue
            if not self._texts[i][:1].isupper() and tok.lower_ != "government":
                i += 1  # every name below starts with a capital
                continue
            if tok.lower_ == "government" and tok.pos_ in {"NOUN", "PROPN"}:
                mention = self._government_mention(tok, taken)
                if mention is not None:
                    found.append(mention)
            else:
                end = self._named_body_end(i, taken) or self._described_body_name_end(i, taken) \
                    or self._name_described_after_end(i, taken)
                if end is not None:
                    found.append(Mention(i, end, "Organization", _span_text(doc, i, end), _span_text(doc, i, end),
                                         in_quote=self.quote_mask[tok.idx]))
                    i = end
                    continue
                end = self._titled_name_end(i, taken) or self._name_beside_post_end(i, taken)
                if end is not None:
                    name = _span_text(doc, i, end)
                    found.append(Mention(i, end, "Person", name, name, in_quote=self.quote_mask[tok.idx]))
                    i = end
                    continue
                end = self._titled_peer_end(i, taken)
                if end is not None:  # the honorific stays out of the name, as for the model's names
                    found.append(Mention(i + 1, end, "Person", _span_text(doc, i, end), _span_text(doc, i + 1, end),
                                         in_quote=self.quote_mask[tok.idx]))
                    i = end
                    continue
            i += 1
        return found

    def _titled_peer_end(self, i: int, taken: set[int]) -> int | None:
        """"Labour peer Lord Haskins", "Tory MP Sir Ian Blair": an honorific and one or two
        capitalised words the model missed, right after a post word, are a person; returns
        where the name ends."""
        doc, lex = self.doc, self.lexicon
        if not doc[i].is_title or doc[i].lower_.rstrip(".") not in lex.honorifics:
            return None
        # After a post word ("Labour peer Lord X"), or a title of rank opening the phrase
        # ("But Dame X, the former culture secretary, …").
        after_post = i > 0 and is_title_head(doc[i - 1], lex)
        if not after_post and (doc[i].lower_ not in RANKS or i > 0 and doc[i - 1].is_title):
            return None
        end = i + 1
        while end < len(doc) and end - i <= 2 and end not in taken and doc[end].tag_ == "NNP" \
                and doc[end].is_title and doc[end].text.isalpha() and doc[end].lower_ not in lex.org_head_words \
                and not is_title_head(doc[end], lex) and doc[end].lower_.rstrip(".") not in lex.honorifics:
            end += 1
        if end == i + 1 or end < len(doc) and doc[end].tag_ == "NNP":
            return None
        if doc[i].lower_ in PEERAGES and end + 1 < len(doc) and doc[end].lower_ == "of" \
                and doc[end + 1].is_title and doc[end + 1].is_alpha and end + 1 not in taken:
            end += 2  # "Lord Nicholls of Birkenhead": the peer's territorial title
        return end

    def _titled_name_end(self, i: int, taken: set[int]) -> int | None:
        """"Chief Constable Alastair McWhirter": two or three capitalised words the model
        missed right after a post title are a person's name; returns where the name ends."""
        doc, lex = self.doc, self.lexicon
        if i == 0 or doc[i - 1].lower_ not in lex.post_titles or doc[i].lower_.rstrip(".") in lex.honorifics:
            return None  # "Lord Chancellor Lord X": the model's own reading of peers stands
        end = i
        while end < len(doc) and end - i < 3 and end not in taken and doc[end].tag_ == "NNP" \
                and doc[end].text[:1].isupper() and doc[end].text.isalpha() \
                and doc[end].lower_ not in lex.org_head_words and doc[end].lower_ not in lex.post_titles \
                and lex.country_by_word(doc[end].text) is None:
            end += 1
        return end if end - i >= 2 and (end == len(doc) or doc[end].tag_ != "NNP") else None

    def _name_beside_post_end(self, i: int, taken: set[int]) -> int | None:
        """Two or three capitalised words the model missed, set off by commas beside the post
        they hold, are a person's name: before it ("Ann Lee, shadow secretary for the family,",
        "Ann Lee, Tory shadow work and pensions secretary, said") or after it ("The Shadow
        Secretary for the Family, Ann Lee, said"); returns where the name ends."""
        doc, lex = self.doc, self.lexicon
        if i > 0 and doc[i - 1].tag_ == "NNP":
            return None
        end = i
        while end < len(doc) and end - i < 3 and end not in taken and doc[end].tag_ == "NNP" \
                and doc[end].is_title and doc[end].text.isalpha() and doc[end].lower_ not in lex.org_head_words \
                and doc[end].lower_ not in lex.post_titles and doc[end].lower_.rstrip(".") not in lex.honorifics \
                and lex.country_by_word(doc[end].text) is None:
            end += 1
        if end - i < 2 or end >= len(doc) or doc[end].text != ",":
            return None
        last = doc[end - 1]
        if last.dep_ == "appos" and last.head.i < i and doc[i - 1].text == "," and is_title_head(last.head, lex):
            return end  # the post before the name
        posts = (c for c in last.children if c.dep_ == "appos" and c.i > end)
        return end if any(is_title_head(c, lex) for c in posts) or self._post_between_commas(end + 1) else None

    def _post_between_commas(self, start: int) -> bool:
        """Do the words from ``start`` to the next comma name a post, ending in its title
        ("Tory shadow work and pensions secretary,"), however the parser hung them?"""
        doc = self.doc
        for end in range(start, min(start + POST_PHRASE_WORDS, len(doc))):
            if doc[end].text == ",":
                return end > start and is_title_head(doc[end - 1], self.lexicon)
            if doc[end].pos_ in {"VERB", "AUX", "PUNCT"}:
                return False
        return False

    def _described_body_name_end(self, i: int, taken: set[int]) -> int | None:
        """"aid charity Actionaid", "the anti-war party Respect": a proper name the model
        missed, right after a noun that describes a body; returns where the name ends."""
        doc, lex = self.doc, self.lexicon
        if i == 0 or doc[i - 1].lower_ not in lex.body_descriptors or doc[i - 1].pos_ != "NOUN":
            return None
        end = i
        while end < len(doc) and end not in taken and doc[end].tag_ == "NNP" and doc[end].is_title \
                and doc[end].lower_ not in lex.post_titles and doc[end].lower_.rstrip(".") not in lex.honorifics:
            end += 1
        if end < len(doc) and end > i and doc[end].like_num and end not in taken:
            end += 1  # "Transport 2000"
        return end if end > i else None

    def _name_described_after_end(self, i: int, taken: set[int]) -> int | None:
        """"Momentum, the grassroots campaign group, …", "Unite, one of the largest unions, …":
        a capitalised name the model missed, then a description saying it is a body."""
        doc, descriptors = self.doc, self.lexicon.body_descriptors
        end = i
        while end < len(doc) and end - i < 3 and end not in taken and doc[end].is_title and doc[end].is_alpha \
                and doc[end].pos_ in {"PROPN", "NOUN"}:
            end += 1
        if end == i or end >= len(doc) or doc[end].text != ",":
            return None
        root = doc[i:end].root
        for appos in (c for c in root.children if c.dep_ == "appos" and c.i > end):
            if is_title_head(appos, self.lexicon):
                return None  # "X, secretary-general of the ODM, the largest party, …": a post's holder
            if appos.lemma_.lower() in descriptors:
                return end
            if appos.lower_ == "one" and any(p.lemma_.lower() in descriptors for prep in appos.children
                                             if prep.dep_ == "prep" and prep.lower_ == "of" for p in prep.children):
                return end
        return None

    def _named_body_end(self, i: int, taken: set[int]) -> int | None:
        """"the Scottish Executive", "the Welsh Assembly": capitalised words the model did not
        tag, ending in a word that names a body; returns where the name ends."""
        doc = self.doc
        if i > 0 and doc[i - 1].is_title and doc[i - 1].i not in taken and not doc[i - 1].is_sent_start:
            return None  # start only at the first capitalised word
        j = i
        while (j < len(doc) and j - i < 5 and j not in taken and doc[j].is_title
               and doc[j].pos_ in {"PROPN", "ADJ", "NOUN"}):
            j += 1
        if i < j < len(doc) and doc[j].text == "party" and j not in taken and not doc[i].is_sent_start \
                and all(t.pos_ == "PROPN" and t.lower_ not in self.lexicon.title_modifiers for t in doc[i:j]) \
                and not _party_family(_span_text(doc, i, j), self.lexicon):  # not "the Opposition party"
            return j + 1  # "the ruling Fidesz party": a party's name, written before the word
        if j == i or doc[j - 1].lower_ not in self.lexicon.org_head_words:
            return None
        # "Commission for Racial Equality", "Institute for Fiscal Studies": the field after it.
        k = j + 1
        while k < len(doc) and k - j <= 4 and k not in taken and (
                doc[k].is_title and doc[k].is_alpha and doc[k].lower_.rstrip(".") not in self.lexicon.honorifics
                or doc[k].lower_ == "and" and k > j + 1 and k + 1 < len(doc) and doc[k + 1].is_title):
            k += 1
        if j < len(doc) and doc[j].lower_ in {"for", "of"} and j not in taken and k > j + 1:
            j = k
        elif j - i < 2:
            return None
        if doc[i].is_sent_start and doc[i].pos_ != "PROPN" and self.lexicon.country_by_word(doc[i].text) is None:
            return None  # "Local Council …" opening a headline is not a name
        return j

    def _lexicon_mention(self, start: int, end: int, type_: EntityType, canonical: str) -> Mention:
        text = _span_text(self.doc, start, end)
        return Mention(start, end, type_, text, text, canonical=canonical,
                       in_quote=self.quote_mask[self.doc[start].idx])

    def _described_as_body(self, start: int, end: int) -> bool:
        """Is the name written right after a noun that says it is a body ("the charity X",
        "campaign group X"), or followed by one in apposition ("X, the housing charity,")?"""
        doc, descriptors = self.doc, self.lexicon.body_descriptors
        if end - start > 2:
            return False  # "the public services union Unison Dave Prentis": the body, then a person
        if start > 0 and doc[start - 1].lower_ in descriptors and doc[start - 1].pos_ == "NOUN":
            return True
        root = doc[start:end].root
        return any(c.dep_ == "appos" and c.lower_ in descriptors and c.i >= end for c in root.children)

    def _is_platform_use(self, start: int, end: int) -> bool:
        """"posted on X", "wrote to X", "X's platform": the word names the platform."""
        doc = self.doc
        before = doc[start - 1].lower_ if start > 0 else ""
        after = doc[end].lower_ if end < len(doc) else ""
        return before in {"on", "to", "via", "platform"} or after in {"platform", "post", "posts"}

    def _government_mention(self, tok: Token, taken: set[int]) -> Mention | None:
        """"the government", "the UK government", "Britain's government", "the Labour
        government".

        Notes:
            Only a government with a determiner, a state or a party and no other modifier
            is taken, or a bare one before a noun ("government proposals") or as a subject
            ("government is spending too much"): "local government", "a Tory government"
            and "government-led" are not the body.
        """
        doc, lex = self.doc, self.lexicon
        if tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-":
            return None
        country = None
        start = tok.i
        for child in tok.lefts:
            if child.dep_ == "det" and child.lower_ in {"the", "this", "that"}:
                continue
            if child.dep_ in {"amod", "compound"} and child.lower_ in SITTING_GOVERNMENT_WORDS:
                continue  # "the outgoing Government": the one in office
            found = lex.country_by_word(child.text) or lex.country_by_word(child.text.rstrip("'’s"))
            if found is not None and child.dep_ in {"compound", "amod", "nmod", "poss", "npadvmod"}:
                country = found
                start = min(start, child.i)
                continue
            if child.dep_ == "poss" and child.lower_ in {"his", "her", "their", "its", "our", "my"}:
                continue
            if child.dep_ == "poss" and child.ent_type_ == "PERSON":
                continue  # "Mr X's government": the one X leads, of the article's state
            if child.dep_ in {"compound", "amod", "nmod"} and child.text in lex.org_aliases:  # a party's name
                continue  # "the Labour government": the one in office ("a Tory government" stops at "a")
            return None
        # "government proposals", "a government minister": the government's (not "local
        # government spokesman", however the parser hangs "local").
        bare_compound = tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and not any(True for _ in tok.lefts) \
            and (tok.i == 0 or doc[tok.i - 1].pos_ not in {"ADJ", "NOUN", "PROPN", "NUM"}
                 or lex.country_by_word(doc[tok.i - 1].text) is not None)
        # "They say government is spending too much": a bare subject is the government.
        bare_subject = tok.dep_ in {"nsubj", "nsubjpass"} and not any(True for _ in tok.children)
        if not any(c.dep_ in {"det", "poss"} for c in tok.lefts) and country is None \
                and not (bare_compound or bare_subject):
            return None
        # The mention is the word "government" alone: "UK" before it still names the state.
        text = _span_text(doc, start, tok.i + 1)
        return Mention(tok.i, tok.i + 1, "Organization", text, "government",
                       canonical=f"{country.short} government" if country else None,
                       in_quote=self.quote_mask[tok.idx])

    # ----------------------------------------------------------------- clustering
    def _cluster(self, mentions: list[Mention]) -> None:
        persons = [m for m in mentions if m.type == "Person" and not m.weak]
        anchors: list[Cluster] = []
        for m in persons:
            if len(m.name.split()) > 1 and not _is_acronymish(m.name):
                cluster = _matching_anchor(anchors, m.name)
                if cluster is None:
                    cluster = Cluster(key=f"Person:{m.name}", type="Person")
                    anchors.append(cluster)
                self._attach(cluster, m)
        governments: list[Mention] = []
        for m in mentions:
            if m.start in self.token_entity:
                continue
            if m.canonical is None and m.name == "government":
                governments.append(m)
                continue
            anchor = self._person_for_short_form(anchors, m)
            if anchor is not None:
                self._attach(anchor, m)
            elif m.type == "Person" and not m.weak:
                if self._is_stray_capital(m):
                    continue
                key = f"Person:{m.name}"
                cluster = self.clusters.get(key) or Cluster(key=key, type="Person")
                self._attach(cluster, m)
            elif m.canonical or not (m.weak or self._opens_sentence_as_common_noun(m)):
                self._attach(self._org_or_place_cluster(m), m)
        self._attach_governments(governments)
        self._type_by_vote()
        self._propagate()
        self._merge_known_as()
        self._merge_short_body_names()

    def _merge_known_as(self) -> None:
        """"X, also known as Y", "X (known as Y)", "X aka Y": Y is another name of X."""
        doc = self.doc
        for i in range(1, len(doc) - 2):
            if self._texts[i].lower() not in {"known", "also", "aka", "a.k.a."}:
                continue
            words = [t.lower_ for t in doc[i:i + 4]]
            if words[:2] == ["known", "as"]:
                before, after = i - 1, i + 2
            elif words[:3] == ["also", "known", "as"]:
                before, after = i - 1, i + 3
            elif words[0] in {"aka", "a.k.a."}:
                before, after = i - 1, i + 1
            else:
                continue
            while before > 0 and doc[before].text in {",", "("}:
                before -= 1
            first, second = self.token_entity.get(before), self.token_entity.get(after)
            if first is None or second is None or first == second:
                continue
            if self.clusters[first].type != self.clusters[second].type:
                continue
            self._merge(first, second)

    def _merge_short_body_names(self) -> None:
        """"Reform" after "Reform UK", "Alba" beside "the Alba Party": a body's one-word name
        that is its full name without a last word "Party" or a state's name is that body
        (not "BBC" beside "BBC News": a body and a part of it)."""
        bodies = {self.canonical_name(c): key for key, c in self.clusters.items() if c.type == "Organization"}
        for name, key in list(bodies.items()):
            if " " in name or key not in self.clusters:
                continue
            longer = [k for other, k in bodies.items() if k != key and other.startswith(name + " ")
                      and len(other.split()) == 2 and _names_a_party_or_state(other.split()[1], self.lexicon)]
            if len(longer) != 1 or longer[0] not in self.clusters:
                continue
            self._merge(longer[0], key)

    def _merge(self, kept: str, gone: str) -> None:
        """Fold the entity ``gone`` into ``kept``, whose name stays the name."""
        merged = self.clusters[kept]
        merged.primary = merged.primary or self.canonical_name(merged)
        for m in self.clusters.pop(gone).mentions:
            self._attach(merged, m)

    def _propagate(self) -> None:
        """Tag the names the model missed: a known surname or organisation name, written again.

        Notes:
            The model tags the same surname in one sentence and not in the next; a name
            once recognised in the article is recognised wherever it is written.
        """
        doc = self.doc
        forms: dict[tuple[str, ...], str] = {}
        for key, cluster in self.clusters.items():
            for m in cluster.mentions:
                words = tuple(m.name.split())
                if cluster.type == "Person" and len(words) > 1:
                    forms.setdefault((words[-1],), key)
                    if _family_name_first(list(words)):
                        forms.setdefault(words[:1], key)  # "Baek" after "Baek Seung-jin"
                if not _is_acronymish(m.name) or cluster.type != "Person":
                    forms.setdefault(words, key)
                if cluster.type == "Organization" and len(words) == 2 \
                        and _names_a_party_or_state(words[1], self.lexicon):
                    forms.setdefault(words[:1], key)  # "Reform" written after "Reform UK"
                if cluster.type == "Organization" and m.end + 2 < len(doc) and doc[m.end].text == "(" \
                        and doc[m.end + 2].text == ")" and _acronym_of_a_body(doc[m.end + 1].text):
                    forms.setdefault((doc[m.end + 1].text,), key)  # "Democratic Party (PD)": its short form
        longest = max((len(f) for f in forms), default=0)
        i = 0
        while i < len(doc):
            capitalised = doc[i].is_title or doc[i].is_upper
            if i in self.token_entity or not capitalised or sentence_of(doc[i]).start in self.furniture:
                i += 1
                continue
            for width in range(min(longest, len(doc) - i), 0, -1):
                words = tuple(t.text for t in doc[i:i + width])
                key = forms.get(words)
                if key and not any(j in self.token_entity for j in range(i, i + width)):
                    # A lone word only as a person's surname, or a proper noun (or a capitalised
                    # noun inside a sentence: "said Reform was …"): never "X" in "X-ray".
                    lone_word = width == 1 and self.clusters[key].type != "Person"
                    proper = doc[i].pos_ == "PROPN" or (
                        doc[i].pos_ == "NOUN" and doc[i].is_title and not doc[i].is_sent_start)
                    if lone_word and (not proper or len(words[0]) < 2):
                        continue
                    cluster = self.clusters[key]
                    gender = self._honorific_gender(i) if cluster.type == "Person" else None
                    self._attach(cluster, Mention(i, i + width, cluster.type, " ".join(words), " ".join(words),
                                                  in_quote=self.quote_mask[doc[i].idx], gender=gender))
                    i += width - 1
                    break
            i += 1

    def _attach(self, cluster: Cluster, m: Mention) -> None:
        self.clusters.setdefault(cluster.key, cluster)
        cluster.mentions.append(m)
        cluster.gender = cluster.gender or m.gender
        for i in range(m.start, m.end):
            self.token_entity[i] = cluster.key

    def _person_for_short_form(self, anchors: list[Cluster], m: Mention) -> Cluster | None:
        """The full-named person a surname, first name or typo stands for, if one fits.

        Notes:
            The most recently mentioned fitting person wins, so two people who share a
            surname stay two (each short form goes to the nearest full name before it).
        """
        if m.canonical or _is_acronymish(m.name):
            return None
        words = m.name.split()
        best: tuple[int, Cluster] | None = None
        for cluster in anchors:
            fits = False
            for full in {x.name for x in cluster.mentions if len(x.name.split()) > 1}:
                parts = full.split()
                if len(words) == 1:
                    w = words[0]
                    fits = w == parts[-1] or (len(w) >= 5 and fuzz.ratio(w, parts[-1]) >= 85) or (
                        w == parts[0] and (m.type == "Person" or _family_name_first(parts)))
                else:
                    fits = _same_person_name(full, m.name)
                if fits:
                    break
            if not fits:
                continue
            before = [x.start for x in cluster.mentions if x.start < m.start]
            rank = max(before) if before else -min(x.start for x in cluster.mentions)
            if best is None or rank > best[0]:
                best = (rank, cluster)
        return best[1] if best else None

    def _is_stray_capital(self, m: Mention) -> bool:
        """A lone capitalised word the model took for a name ("Trigger warning")."""
        if len(m.name.split()) > 1 or m.gender is not None:
            return False
        if self._opens_sentence_as_common_noun(m):
            return True
        tok = self.doc[m.end - 1]
        return tok.dep_ in {"compound", "amod"} and tok.head.pos_ == "NOUN" and tok.head.is_lower

    def _opens_sentence_as_common_noun(self, m: Mention) -> bool:
        """A lone common noun, capitalised because it opens a sentence ("Trigger warning: …",
        "Communities will have no say")."""
        tok = self.doc[m.start]
        sent = sentence_of(tok)
        return m.end - m.start == 1 and tok.tag_ in {"NN", "NNS"} \
            and tok.i == sent.start + (1 if sent[0].is_punct else 0)

    def _org_or_place_cluster(self, m: Mention) -> Cluster:
        name = m.canonical or m.name
        if m.type == "Organization" and ACRONYM.match(name):
            for cluster in self.clusters.values():
                if cluster.type == "Organization" and any(_initials(x.name) == name for x in cluster.mentions):
                    return cluster
        if m.type == "Organization" and not m.canonical:
            for cluster in self.clusters.values():
                if cluster.type != "Person" and any(
                    ACRONYM.match(x.name) and _initials(name) == x.name for x in cluster.mentions
                ):
                    return cluster
        for type_ in ("Organization", "Place"):
            key = f"{type_}:{name}"
            if key in self.clusters:
                return self.clusters[key]
        return Cluster(key=f"{m.type}:{name}", type=m.type, canonical=m.canonical)

    def _attach_governments(self, governments: list[Mention]) -> None:
        """Bare "the government" is the government of the article's main state (the state it
        names most), else the one government it names; "the Iraqi government" named once in
        a story about Britain does not make every "the government" Iraq's."""
        if not governments:
            return
        named = [c for c in self.clusters.values() if c.canonical and c.canonical.endswith(" government")]
        default = self._main_state_government() or (named[0].canonical if named else None)
        for m in governments:
            name = default or "government"
            key = f"Organization:{name}"
            cluster = self.clusters.get(key) or Cluster(key=key, type="Organization", canonical=name)
            self._attach(cluster, m)

    def _main_state_government(self) -> str | None:
        counts: Counter[str] = Counter()
        for tok in self.doc:
            country = self.lexicon.country_by_word(tok.text)
            # Only a state's name, not a nation within it: "the government" of a Scottish story is still the state's.
            if country is not None and country.sovereign and (tok.is_title or tok.is_upper):
                counts[country.short] += 1
        ranked = counts.most_common(2)
        if not ranked or len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
            return None  # "a local income tax of the kind seen in the USA, Norway and Switzerland": no main state
        return f"{ranked[0][0]} government"

    def _type_by_vote(self) -> None:
        for cluster in self.clusters.values():
            if cluster.type == "Person" and self._used_as_place(cluster):
                cluster.type = "Place"
                continue
            if cluster.type == "Person" and not any(m.gender for m in cluster.mentions) \
                    and any(_followed_by_which(self.doc, m.end) for m in cluster.mentions):
                cluster.type = "Organization"  # "a partner for X, which has a client": a firm
                continue
            if cluster.type == "Organization" and not cluster.canonical and self._only_as_place(cluster):
                cluster.type = "Place"  # "in Bethnal Green": a place, whatever the model said
                continue
            if cluster.type == "Person" or cluster.canonical:
                continue
            votes = Counter(m.type for m in cluster.mentions if not m.weak)
            if votes:
                cluster.type = votes.most_common(1)[0][0]

    def _only_as_place(self, cluster: Cluster) -> bool:
        """A name the model took for a body, written only where places stand and without
        "the" ("in Bethnal Green", "in Bristol South and Leeds Central"), with no word that
        names a body and no acronym."""
        for m in cluster.mentions:
            words = m.name.split()
            if _is_acronymish(m.name) or {w.lower() for w in words} & self.lexicon.org_head_words:
                return False
            if m.start > 0 and self.doc[m.start - 1].lower_ == "the":
                return False  # "in the Treasury", "in the Commons": a body; places go bare
            tok = _first_listed(self.doc[m.end - 1])
            if not (tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE - {"at"}):
                return False  # "took a swipe at X": "at" also points at people and bodies
        return bool(cluster.mentions)

    def _used_as_place(self, cluster: Cluster) -> bool:
        """A one-word "person" never given a first name, title or honorific, and written
        where places stand ("at Gatwick", "Heathrow and Gatwick airports")."""
        if any((len(m.name.split()) > 1 and m.name.split()[-1].lower() not in DISTRICT_WORDS) or m.gender
               for m in cluster.mentions):
            return False
        doc = self.doc
        for m in cluster.mentions:
            tok = _first_listed(doc[m.end - 1])
            if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE:
                return True  # "at Gatwick"
            if tok.dep_ == "pobj" and tok.head.lower_ == "from" and tok.i == tok.head.i + 1 \
                    and self._is_someone(tok.head.head):
                return True  # "two men from Leeds" (not "a ruling from X", "his divorce from X")
            if tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.head.text in SEAT_LETTERS:
                return True  # "the MP for Y": a constituency
            if tok.dep_ in {"compound", "conj"} and tok.head.lemma_ in PLACE_HEAD_NOUNS:
                return True
            if _listed_among_places(tok):
                return True
        return False

    def _is_someone(self, tok: Token) -> bool:
        """Does a word stand for people: "a man", "a doctor", "two", "Mr X", "the MP"?"""
        return tok.lemma_.lower() in PEOPLE_NOUNS or tok.like_num or tok.ent_type_ == "PERSON" \
            or is_title_head(tok, self.lexicon)

    # ----------------------------------------------------------------- queries
    def entity_at(self, tok: Token) -> str | None:
        """The entity a token is part of, if it names one."""
        return self.token_entity.get(tok.i)

    def resolve(self, tok: Token, *, exclude: frozenset[str] = frozenset()) -> str | None:
        """The entity a token refers to: by name, by pronoun or by definite description.

        Args:
            tok: any token; names resolve directly, "he"/"her" to the nearest fitting
                person before it, "the minister" to the last person given that post.
            exclude: entities the token cannot refer to (e.g. the clause's own subject
                for an object pronoun).
        """
        key = self.token_entity.get(tok.i)
        if key is not None:
            return key
        if tok.i in self.references:
            return self.references[tok.i]  # a description already resolved
        gender = PRONOUN_GENDER.get(tok.lower_)
        if gender is not None and tok.pos_ == "PRON":
            known = self.pronoun_entity.get(tok.i)
            return known if known is not None and known not in exclude else self._antecedent(tok, gender, exclude)
        if tok.lower_ == "they" and tok.pos_ == "PRON" and tok.dep_ in {"nsubj", "nsubjpass"} \
                and not self.quote_mask[tok.idx]:
            return self._party_before(tok, exclude)
        if tok.lower_ == "it" and tok.dep_ in {"dobj", "pobj"}:
            # "X quit the party and accused it of …" (a subject "it" is too often something
            # else: "it was failing", "if it fails").
            return self._named_body_before(tok, lambda cluster: True, exclude, window=0, labels=False)
        if tok.pos_ in {"NOUN", "PROPN"} and tok.tag_ in {"NN", "NNP"}:
            return self._described(tok, exclude) or self._described_body(tok, exclude) \
                or self._unanchored_office(tok, exclude) or self._voiced_body(tok, exclude)
        if tok.tag_ == "NNS" and tok.lemma_.lower() in self.lexicon.voices:
            return self._voiced_body(tok, exclude)  # "Treasury sources"
        return None

    def _voiced_body(self, tok: Token, exclude: frozenset[str]) -> str | None:
        """"a Labour spokesman", "Treasury officials", "a spokeswoman for the Home Office":
        an unnamed voice of a body stands for the body (a named one is a person: "Labour
        spokesman X" resolves by the name)."""
        if tok.lemma_.lower() not in self.lexicon.voices:
            return None
        if any(c.dep_ == "appos" and (k := self.token_entity.get(c.i)) and self.clusters[k].type == "Person"
               for c in tok.children):
            return None  # "Labour's spokesman, X, said": the voice is named, and speaks as X
        bodies = [self.token_entity.get(c.i) for c in tok.subtree
                  if c.i < tok.i and c.dep_ in {"compound", "nmod", "amod", "poss"}]
        bodies += [self.token_entity.get(p.i) for prep in tok.children
                   if prep.dep_ == "prep" and prep.lower_ in {"for", "at", "of"}
                   for p in prep.children if p.dep_ == "pobj"]
        found = [k for k in dict.fromkeys(bodies) if k and self.clusters[k].type == "Organization"]
        return found[0] if len(found) == 1 and found[0] not in exclude else None

    def government_for(self, tok: Token) -> str | None:
        """"ministers" with no name given stand for the article's government, if it has one."""
        if tok.lemma_.lower() != "minister" or tok.tag_ != "NNS" or self.token_entity.get(tok.i):
            return None
        if any(c.dep_ in {"appos", "prep"} for c in tok.children):
            return None  # "ministers like X", "ministers from Y": not the government as such
        return self.sole_government()

    def sole_government(self) -> str | None:
        """The article's government, when it names exactly one."""
        governments = [k for k, c in self.clusters.items() if c.canonical and c.canonical.endswith("government")]
        return governments[0] if len(governments) == 1 else None

    def home_government(self) -> str | None:
        """The government an unplaced minister of the article serves in: its one government,
        written at least once as plain "the government" (a story that names only "the US
        government" or "Washington" is about someone else's)."""
        key = self.sole_government()
        if key is None or not any(m.text.lower() == "government" for m in self.clusters[key].mentions):
            return None
        return key

    def _described(self, tok: Token, exclude: frozenset[str]) -> str | None:
        """"the minister", "the Prime Minister": the last person given that post or description.

        Notes:
            The head word must match and every modifier written must be in the title:
            "the minister" → "safeguarding minister", but "the prime minister" is not the
            health minister.
        """
        # Only "the": "its chairman" or "his chancellor" is somebody else's, not the last one named.
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return None
        modifiers: list[str] = []
        j = tok.i - 1
        while j >= 0 and tok.doc[j].head.i == tok.i and tok.doc[j].dep_ in {"compound", "amod"}:
            # "the Lib Dem spokesman": the body is no part of the title; "the former governor":
            # nor is the status, which titles are recorded without.
            if j not in self.token_entity and self.lexicon.status_cues.get(tok.doc[j].lower_) != "former":
                modifiers.insert(0, tok.doc[j].lower_)
            j -= 1
        phrase = " ".join([*modifiers, tok.lower_])
        head = tok.lemma_.lower()
        for i, title, title_head, person in reversed(self.descriptions):
            if i >= tok.i or person in exclude or title_head != head:
                continue
            words = set(title.split())
            if (words & OFFICE_CHANGING) - set(modifiers):
                continue  # "the chancellor" is not the shadow chancellor
            if title == phrase or set(modifiers) <= words:
                return person
        # "the Home Secretary's plans … Home Secretary X said": an office whose holder the
        # article names only later, when it names exactly one.
        later = {person for i, title, _, person in self.descriptions
                 if i > tok.i and title == phrase and person not in exclude}
        return later.pop() if len(later) == 1 and " " in phrase else None

    def _unanchored_office(self, tok: Token, exclude: frozenset[str]) -> str | None:
        """"X accused the chancellor of …" where no one was given that office: one of the
        story's two leading people, named just before and given no post of their own (as
        ``roles`` does for such an office in subject position, where it also records the post)."""
        if tok.dep_ in {"nsubj", "nsubjpass"}:
            return None
        # "the chancellor", or "his chancellor" beside the one it is his ("the prime minister
        # and his chancellor").
        owned_by_partner = tok.dep_ == "conj" and any(c.dep_ == "poss" and c.lower_ in {"his", "her"}
                                                       for c in tok.children)
        if not owned_by_partner and not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return None
        modifiers = [c.lower_ for c in tok.children if c.dep_ in {"compound", "amod"} and c.i < tok.i]
        office = " ".join([*modifiers, tok.lower_])
        if office not in self.lexicon.single_offices:
            return None
        person = self.office_readings.get(office)
        if person is None:
            # "the prime minister and Mr Brown": the named partner is someone else, which
            # settles which of two equally likely holders is meant.
            partners = frozenset(k for c in tok.conjuncts if (k := self.token_entity.get(c.i)))
            person = self.office_holder(tok, window=OFFICE_WINDOW, not_them=partners)
        return person if person not in exclude else None

    def _described_body(self, tok: Token, exclude: frozenset[str]) -> str | None:
        """"the party", "the league": the last body named before whose name has that head word
        (any party the lexicon knows for "the party"). Only bare "the": "the Labour party" is
        a name, "its council" somebody else's.

        Notes:
            Never a body that is the subject of a reporting verb in this sentence: in "Labour
            and the Lib Dems say the party's sums do not add up" the party is a third one.
        """
        head = tok.lemma_.lower()
        if head not in self.lexicon.org_head_words or head == "government" or tok.i in self.token_entity:
            return None
        modifiers = [c.lower_ for c in tok.children if c.dep_ in {"det", "poss", "compound", "amod", "nmod", "nummod"}]
        if modifiers != ["the"]:
            return None  # "the ruling party", "its council": not simply the last one named
        parties = self.lexicon.parties()

        def fits(cluster: Cluster) -> bool:
            names = {m.name.lower() for m in cluster.mentions} | {(cluster.canonical or "").lower()}
            return any(head in name.split() for name in names) or (head == "party" and cluster.canonical in parties)
        sentence = sentence_of(tok)
        # The speakers only: in "the Tories say the Lib Dems would tax more and Labour says the
        # party's sums do not add up" the party is the Lib Dems, subject of what is reported.
        subjects = {k for t in sentence if _speaking_subject(t, self.lexicon) if (k := self.token_entity.get(t.i))}
        return self._named_body_before(tok, fits, exclude | subjects, window=SENTENCE_WINDOW)

    def body_before(self, tok: Token) -> str | None:
        """The organisation "its" most likely stands for: the nearest named before ``tok``
        in its sentence or the one before ("… HEFCE … said its chief executive, X")."""
        return self._named_body_before(tok, lambda cluster: True, frozenset(), window=1)

    def _named_body_before(self, tok: Token, fits: Callable[[Cluster], bool], exclude: frozenset[str], *,
                           window: int, labels: bool = True) -> str | None:
        """The nearest organisation named before ``tok`` (outside quotes, unless ``tok`` is in
        one) that ``fits``: in its sentence or the ``window`` sentences before it. Without
        ``labels``, not a body written as a person's label ("X, Republican of Texas", "Labour MP X")."""
        sent_i = self._sentence_number(tok.i)
        start = self._sent_starts[max(0, sent_i - window)]
        for i in range(tok.i - 1, start - 1, -1):
            key = self.token_entity.get(i)
            if key is None or key in exclude or self.clusters[key].type != "Organization":
                continue
            if self.quote_mask[self.doc[i].idx] and not self.quote_mask[tok.idx]:
                continue
            word = self.doc[i]
            if not labels and word.dep_ in {"appos", "compound", "amod", "nmod"} \
                    and (owner := self.token_entity.get(word.head.i)) and self.clusters[owner].type == "Person":
                continue
            if fits(self.clusters[key]):
                return key
        return None

    def _antecedent(self, tok: Token, gender: str, exclude: frozenset[str]) -> str | None:
        """The person a third-person pronoun stands for: the nearest fitting one before it.

        Notes:
            "he said" / "she told" refers, in news prose, to the last person reported as
            speaking, not to whoever was named last ("Mr Balls said Mr Brown's Budget would
            …. 'I don't think …,' he said" is Mr Balls): for the subject of a reporting verb
            the last speaker is looked for first, over a longer stretch.
        """
        subject = tok.dep_ in {"nsubj", "nsubjpass"}
        voice = self._nearer_voice(tok, gender) if subject else None
        if voice is not None:
            return voice[0] if voice[0] not in exclude else None
        if subject and tok.head.lemma_ in self.lexicon.speech_verbs:
            # "X said the delay would be a disaster and she accused …": who spoke before, in
            # the same sentence (not "X would lead the campaign, he said": the narrator's).
            key = self._nearest_person(tok, gender, exclude, 0, speakers_only=True)
            if key is not None:
                return key
            # "X echoed the criticism. '…,' he said": the one the last sentence was about.
            key = self._previous_main_subject(tok, gender, exclude)
            if key is not None:
                return key
            key = self._nearest_person(tok, gender, exclude, SPEAKER_WINDOW, speakers_only=True)
            if key is not None:
                return key
        if subject:
            # "Mr X will visit Y and Z. He will attack …": a subject pronoun continues the
            # last subject, not the last name.
            key = self._nearest_subject(tok, gender, exclude)
            if key is not None:
                return key
        owns_subject = tok.dep_ == "poss" and tok.head.dep_ in {"nsubj", "nsubjpass"}
        if (tok.dep_ in OBJECT_DEPS or owns_subject) and not self._person_earlier_in_sentence(tok, gender, exclude):
            # "X accused Y of lying. But Z accused him …", "X lost to Y. His party said …": an
            # object, or the owner of the subject, first named in a sentence before is that
            # sentence's subject (the one it is about), not its last name.
            key = self._previous_main_subject(tok, gender, exclude)
            if key is not None:
                return key
        return self._nearest_person(tok, gender, exclude, SENTENCE_WINDOW, speakers_only=False)

    def _person_earlier_in_sentence(self, tok: Token, gender: str, exclude: frozenset[str]) -> bool:
        """Is a fitting person, other than the clause's own subject, named before ``tok`` in its
        sentence?"""
        verb = governor(tok)
        own_subjects = {self.token_entity.get(c.i) or self.references.get(c.i)
                        for c in verb.children if c.dep_ == "nsubj"}
        for i in range(self._sent_starts[self._sentence_number(tok.i)], tok.i):
            key = self.token_entity.get(i) or self.references.get(i) or self.pronoun_entity.get(i)
            if key is None or key in exclude or self.clusters[key].type != "Person":
                continue
            cluster = self.clusters[key]
            if cluster.gender and cluster.gender != gender:
                continue
            if key not in own_subjects:
                return True
        return False

    def _party_before(self, tok: Token, exclude: frozenset[str]) -> str | None:
        """"The Tories unveiled their plans. They say …": the party that is the subject of a
        verb earlier in the sentence, or of the sentence before's main verb, when that subject
        is one party alone (not "the Tories and the Lib Dems", nor "voters")."""
        sentence = sentence_of(tok)
        subjects = [t for t in reversed(self.doc[sentence.start:tok.i]) if t.dep_ in {"nsubj", "nsubjpass"}]
        sent_i = self._sentence_number(tok.i)
        if sent_i > 0:
            root = sentence_of(self.doc[self._sent_starts[sent_i - 1]]).root
            if not self.quote_mask[root.idx]:
                subjects += [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}]
        parties = self.lexicon.parties()
        for subject in subjects:
            if subject.pos_ == "PRON" or self.quote_mask[subject.idx]:
                continue
            key = self.token_entity.get(subject.i)
            cluster = self.clusters.get(key or "")
            if cluster is None or cluster.canonical not in parties or key in exclude \
                    or any(self.token_entity.get(c.i) for c in subject.conjuncts):
                return None  # the nearest subject is someone or something else
            return key
        return None

    def _previous_main_subject(self, tok: Token, gender: str, exclude: frozenset[str]) -> str | None:
        """The person who is the subject of the main verb of the sentence before ``tok``'s,
        when that sentence is narration, or of the narration just before the quoted sentences
        that run into ``tok``'s ("X brushed off the attack. 'Y has not read it. I'd …,' he said")."""
        sent_i = self._sentence_number(tok.i)
        before = sent_i - 1
        if self.quote_mask[self.doc[self._sent_starts[sent_i]].idx]:  # tok's sentence opens inside a quote
            while before > 0 and before >= sent_i - QUOTED_SENTENCES_SKIPPED \
                    and self.quote_mask[sentence_of(self.doc[self._sent_starts[before]]).root.idx]:
                before -= 1  # the quote began in an earlier sentence: look before it
        if before < 0:
            return None
        root = sentence_of(self.doc[self._sent_starts[before]]).root
        if self.quote_mask[root.idx]:
            return None
        for child in root.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:  # "X was asked why …. He replied"
                key = self.token_entity.get(child.i) or self.references.get(child.i) or self._name_before_verb(child)
                cluster = self.clusters.get(key or "")
                if cluster is not None and cluster.type == "Person" and key not in exclude \
                        and (not cluster.gender or cluster.gender == gender):
                    return key
        return None

    def leading_persons(self, count: int) -> list[str]:
        """The ``count`` people the article names most often, most often first (the first
        named first on a tie)."""
        persons = [(len(c.mentions), -min(m.start for m in c.mentions), k)
                   for k, c in self.clusters.items() if c.type == "Person" and c.mentions]
        return [k for _, _, k in sorted(persons, reverse=True)[:count]]

    def salient_person(self, tok: Token, *, window: int = 3) -> str | None:
        """Of the people named in the last ``window`` sentences before ``tok`` (outside
        quotes), the one the article names most often; the later named on a tie."""
        recent = self._recent_persons(tok, window)
        if not recent:
            return None
        return max(recent, key=lambda k: (len(self.clusters[k].mentions), recent[k]))

    def office_holder(self, tok: Token, *, window: int, not_them: frozenset[str] = frozenset()) -> str | None:
        """Who an office written without a holder ("the prime minister said") most likely is:
        of the story's two leading people, one named in the last ``window`` sentences and
        given no post or description of their own; when both are, the one the article names
        clearly more often (half as often again), or the one that is not in ``not_them``
        (people the sentence itself sets apart from the office holder). None otherwise: two
        equally likely holders are a guess, not a reading."""
        recent = self._recent_persons(tok, window)
        # Someone named earlier in the same sentence is someone else ("while Mr X is in
        # Africa, the prime minister is to speak"): news does not name and describe one
        # person in one breath, bar an apposition (read before this).
        named_here = set(self._recent_persons(tok, 0))
        candidates = [k for k in self.leading_persons(2)
                      if k in recent and k not in named_here and not self.has_description(k)]
        if len(candidates) == 2 and not_them & set(candidates):
            candidates = [k for k in candidates if k not in not_them]
        if len(candidates) == 2:
            first, second = (len(self.clusters[k].mentions) for k in candidates)
            return candidates[0] if first >= 1.5 * second else None
        return candidates[0] if candidates else None

    def _recent_persons(self, tok: Token, window: int) -> dict[str, int]:
        """The people named (outside quotes) in the ``window`` sentences before ``tok``, with
        the token where each was last named."""
        sent_i = self._sentence_number(tok.i)
        start = self._sent_starts[max(0, sent_i - window)]
        recent: dict[str, int] = {}
        for i in range(start, tok.i):
            key = self.token_entity.get(i) or self.references.get(i) or self.pronoun_entity.get(i)
            if key and self.clusters[key].type == "Person" and not self.quote_mask[self.doc[i].idx]:
                recent[key] = i
        return recent

    def _nearer_voice(self, tok: Token, gender: str) -> tuple[str | None] | None:
        """"A Labour spokesman criticised X … He said": an unnamed voice that is a subject
        nearer than any named person's is who "he" is; the body it speaks for (or nobody, for
        a voice of no named body) in a one-tuple, or None when a person comes first."""
        sent_i = self._sentence_number(tok.i)
        start = self._sent_starts[max(0, sent_i - 1)]
        for i in range(tok.i - 1, start - 1, -1):
            t = self.doc[i]
            if t.dep_ not in {"nsubj", "nsubjpass"} or self.quote_mask[t.idx]:
                continue
            key = self.token_entity.get(i) or self.references.get(i)
            if key is not None and self.clusters[key].type == "Person":
                return None
            if key is None and t.lemma_.lower() in self.lexicon.voices and t.tag_ == "NN" \
                    and VOICE_GENDER.get(t.lower_, gender) == gender:
                # "Its budget spokesman, X, was rebuked … after he called …": a named voice is X.
                named = [k for c in t.children if c.dep_ == "appos" and (k := self.token_entity.get(c.i))
                         and self.clusters[k].type == "Person"]
                return (named[0],) if named else (self._voiced_body(t, frozenset()),)
        return None

    def _nearest_subject(self, tok: Token, gender: str, exclude: frozenset[str]) -> str | None:
        """The last person who was a clause's subject in this or the previous sentence."""
        sent_i = self._sentence_number(tok.i)
        start = self._sent_starts[max(0, sent_i - 1)]
        for i in range(tok.i - 1, start - 1, -1):
            key = self.token_entity.get(i) or self.references.get(i) or self.pronoun_entity.get(i)
            if key is None or key in exclude or self.clusters[key].type != "Person":
                continue
            cluster = self.clusters[key]
            if cluster.gender and cluster.gender != gender or self.quote_mask[self.doc[i].idx]:
                continue
            head = self.doc[i]
            while head.dep_ in {"compound", "flat"} and head.head.i != head.i:
                head = head.head
            if head.dep_ == "appos":
                head = head.head  # "Its leader, X, has said he …": X stands for the subject
            if head.dep_ in {"nsubj", "nsubjpass"}:
                return key
        return None

    def _nearest_person(self, tok: Token, gender: str | None, exclude: frozenset[str], window: int,
                        *, speakers_only: bool) -> str | None:
        sent_i = self._sentence_number(tok.i)
        window_start = self._sent_starts[max(0, sent_i - window)]
        for i in range(tok.i - 1, window_start - 1, -1):
            key = self.token_entity.get(i) or self.references.get(i) or self.pronoun_entity.get(i)
            if key is None or key in exclude:
                continue
            cluster = self.clusters[key]
            if cluster.type != "Person" or (gender and cluster.gender and cluster.gender != gender):
                continue
            if self.quote_mask[self.doc[i].idx] and not self.quote_mask[tok.idx]:
                continue  # a name inside someone's quote is rarely the narrator's "he"
            if speakers_only and not self._is_speaker(self.doc[i]):
                continue
            return key
        return None

    def last_speaker(self, tok: Token, *, window: int = 2) -> str | None:
        """Who was last reported speaking in the ``window`` sentences before ``tok``'s ("X
        warned that …. Y called that suggestion disgraceful": X)."""
        sent_i = self._sentence_number(tok.i)
        start, end = self._sent_starts[max(0, sent_i - window)], self._sent_starts[sent_i]
        for i in range(end - 1, start - 1, -1):
            key = self.token_entity.get(i) or self.references.get(i) or self.pronoun_entity.get(i)
            if key is not None and not self.quote_mask[self.doc[i].idx] and self._is_speaker(self.doc[i]):
                return key
        return None

    def group_before(self, tok: Token) -> list[str]:
        """The people "the two men", "the pair", "both men" stand for: the last people named
        together ("X and Y") in this sentence or the ``SENTENCE_WINDOW`` before, as many as
        the phrase counts when it does, else the only two people those sentences name; and
        the parties "both parties" stand for."""
        words = {c.lower_ for c in tok.children if c.dep_ in {"det", "nummod", "predet", "amod"}}
        if tok.lower_ == "parties" and words & {"both", "two"}:
            return self._parties_named_together(tok)
        pair = tok.lower_ == "pair" and "the" in words
        if not (pair or tok.lemma_.lower() in GROUP_NOUNS and tok.tag_ == "NNS" and words & GROUP_MARKERS):
            return []  # "the man" is one person, not a group
        size = 2 if pair else next((GROUP_SIZES[w] for w in words if w in GROUP_SIZES), None)
        sent_i = self._sentence_number(tok.i)
        start = self._sent_starts[max(0, sent_i - SENTENCE_WINDOW)]
        for i in range(tok.i - 1, start - 1, -1):
            first = self.doc[i]
            if self.quote_mask[first.idx] and not self.quote_mask[tok.idx]:
                continue
            key = self.token_entity.get(i)
            if key is None or self.clusters[key].type != "Person" or first.dep_ == "conj":
                continue
            group = [key, *(k for c in first.conjuncts if (k := self.token_entity.get(c.i))
                            and self.clusters[k].type == "Person")]
            group = list(dict.fromkeys(group))
            if len(group) >= 2 and (size is None or len(group) == size):
                return group
        if size in {None, 2}:
            # "X could not believe anything Y told him. Z likened the two men to …", "… urged the
            # men to step down": the two people the sentences before speak of, when they name only two.
            named_here = set(self._recent_persons(tok, 0))
            recent = [k for k in self._recent_persons(tok, SENTENCE_WINDOW) if k not in named_here]
            if len(recent) == 2:
                return recent
        return []

    def _parties_named_together(self, tok: Token) -> list[str]:
        """"Both Labour and the Tories … accused both the big parties": the last two parties
        named together before ``tok`` in the article, else the only two named just before."""
        parties = self.lexicon.parties()
        for i in range(tok.i - 1, -1, -1):
            first = self.doc[i]
            key = self.token_entity.get(i)
            if key is None or first.dep_ == "conj" or self.clusters[key].canonical not in parties:
                continue
            group = list(dict.fromkeys([key, *(k for c in first.conjuncts if (k := self.token_entity.get(c.i))
                                               and self.clusters[k].canonical in parties)]))
            if len(group) == 2:
                return group
        # "… unveiled by the Conservatives. Labour said … The Lib Dems warned both parties":
        # the only two parties the sentences before name, apart from any this one names.
        sentence = sentence_of(tok)
        start = self._sent_starts[max(0, self._sentence_number(tok.i) - OFFICE_WINDOW)]
        here = {self.token_entity.get(i) for i in range(sentence.start, tok.i)}
        before = {key for i in range(start, sentence.start) if (key := self.token_entity.get(i))
                  and self.clusters[key].canonical in parties and key not in here}
        return sorted(before) if len(before) == 2 else []

    def _is_speaker(self, tok: Token) -> bool:
        """Is this name the subject of a reporting verb ("Mr X said", "X, who …, said")?"""
        head = tok
        while head.dep_ in {"compound", "flat"} and head.head.i != head.i:
            head = head.head
        if head.dep_ == "appos":
            head = head.head
        if head.dep_ in {"nsubj"} and head.head.lemma_ in self.lexicon.speech_verbs:
            return True
        # "Commission for Y chairman X said", parsed with "Commission" as the subject.
        verb = self.doc[head.i + 1] if head.i + 1 < len(self.doc) else None
        if verb is None or verb.lemma_ not in self.lexicon.speech_verbs:
            return False
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        name = self._name_before_verb(subject) if subject is not None else None
        return name is not None and name == self.token_entity.get(head.i)

    def _name_before_verb(self, subject: Token) -> str | None:
        """The name that ends a subject phrase right before its verb ("Commission for Racial
        Equality chairman X said": X, whatever the parser made the phrase's head)."""
        last = subject.right_edge
        if last.i + 1 != subject.head.i or subject.i == last.i:
            return None
        key = self.token_entity.get(last.i)
        return key if key is not None and self.clusters[key].type == "Person" else None

    def _sentence_number(self, token_i: int) -> int:
        import bisect

        return bisect.bisect_right(self._sent_starts, token_i) - 1

    def refer(self, token_i: int, key: str) -> None:
        """Record that a description token ("the Tory leader") refers to a person, so that
        later pronouns can find that person there."""
        self.references[token_i] = key

    def has_description(self, key: str) -> bool:
        """Was this person given a post or description anywhere in the article?"""
        return any(person == key for _, _, _, person in self.descriptions)

    def affiliate(self, person: str, body: str) -> None:
        """Record that a person holds a post in, or belongs to, a body."""
        self.affiliations.setdefault(person, set()).add(body)

    def describe(self, key: str, *, title: str, head: str, token_i: int) -> None:
        """Record that a person was given a post or description, to resolve "the minister"."""
        # "Gov. X" was given the post of governor: "the governor's deal" is X's.
        head = self.lexicon.title_abbreviations.get(head.lower(), head).split()[-1]
        self.descriptions.append((token_i, title.lower(), head.lower(), key))
        self.descriptions.sort()

    def in_furniture(self, tok: Token) -> bool:
        return tok.i in self._furniture_tokens

    def entities(self) -> tuple[Entity, ...]:
        """The article's entities, each with its canonical name and written aliases."""
        result = []
        for cluster in self.clusters.values():
            name = self.canonical_name(cluster)
            forms = {m.text for m in cluster.mentions} | {m.name for m in cluster.mentions}
            aliases = tuple(sorted(f for f in forms if f != name))
            result.append(Entity(cluster.key, cluster.type, name, aliases, len(cluster.mentions)))
        return tuple(sorted(result, key=lambda e: e.key))

    def canonical_name(self, cluster: Cluster) -> str:
        """The fullest proper form: the lexicon's name, else the best-supported full form."""
        if cluster.canonical or cluster.primary:
            return cluster.canonical or cluster.primary or ""
        names = [m.name for m in cluster.mentions]
        if cluster.type == "Person":
            singles = Counter(n for n in names if len(n.split()) == 1)
            fulls = Counter(m.name for m in cluster.mentions if len(m.name.split()) > 1)
            unquoted = Counter(m.name for m in cluster.mentions if len(m.name.split()) > 1 and not m.in_quote)
            if fulls:
                return max(fulls, key=lambda n: (unquoted[n] + singles[n.split()[-1]], fulls[n], len(n), n))
        return max(Counter(names).items(), key=lambda kv: (len(kv[0].split()), kv[1], kv[0]))[0]

    def key_for_canonical(self, type_: EntityType, name: str) -> str:
        """The key of an entity named by a lexicon (a party, a state), created if needed."""
        key = f"{type_}:{name}"
        if key not in self.clusters:
            self.clusters[key] = Cluster(key=key, type=type_, canonical=name)
        return key


def _name_start(span: Span) -> int:
    """Where a span's name starts, after "the", "a" or "an"."""
    return next((t.i for t in span if t.lower_ not in {"the", "a", "an"}), span.start)


def _is_country_name(lex: Lexicon, word: str) -> bool:
    """Is ``word`` a state or nation's name (not its demonym)?"""
    country = lex.country_by_word(word)
    return country is not None and word not in country.demonyms


def _post_before_name(doc: Doc, start: int, end: int, lex: Lexicon) -> int | None:
    """Where the post ends in a span that is a party (or none), a post word and a name of two or
    three words ("Labour TD Aoife Brannock"), else None."""
    party = next((width for width in (2, 1) if _span_text(doc, start, start + width) in lex.org_aliases), 0)
    post = start + party
    name = doc[post + 1:end]
    if not 2 <= len(name) <= 3 or not is_title_head(doc[post], lex):
        return None
    if all(t.is_title and t.pos_ == "PROPN" and t.lower_ not in lex.org_head_words and not is_title_head(t, lex)
           for t in name):
        return post
    return None


def _name_after_seat(doc: Doc, start: int, end: int, lex: Lexicon) -> int | None:
    """Where the name starts in a span the model ran on from a seat to the name after it,
    "MP for [Tasmania Jo Brent]", "MP from [Bangalore Rural S. Prakash Hegde]": the last two
    capitalised words (with an initial before them), after a post and "for" or "from"; None
    for any other span."""
    if start < 2 or doc[start - 1].lower_ not in {"for", "from"} or end - start < 3 \
            or doc[start - 2].text not in SEAT_LETTERS and doc[start - 2].lower_ not in SEAT_HOLDERS:
        return None  # "spokeswoman for Human Rights Watch": a body
    first = end - 2
    if {t.lower_ for t in doc[first:end]} & DISTRICT_WORDS:
        return None  # "MP for New South Wales"
    if not all(t.is_title and t.is_alpha and t.pos_ == "PROPN" and t.lower_ not in lex.org_head_words
               and not is_title_head(t, lex) for t in doc[first:end]):
        return None
    if first - 1 > start and INITIAL.fullmatch(doc[first - 1].text):
        first -= 1
    return first


def _title_tail(doc: Doc, start: int, end: int, lex: Lexicon) -> int:
    """How many words at the start of a name span end a title written before it ("State"
    in "Secretary of State X"), leaving a name of two words or more, or none at all (all of
    them for a title that goes on: "State for Culture"); 0 if no title ends there."""
    for head, tail in _title_splits(lex).get(doc[start].lower_, ()):
        cut = len(tail)
        if start < len(head) or tuple(t.lower_ for t in doc[start:start + cut]) != tail \
                or tuple(t.lower_ for t in doc[start - len(head):start]) != head:
            continue
        rest = doc[start + cut:end]
        if len(rest) and rest[0].lower_ == "for":
            return end - start  # "State for Culture": the title goes on, all of it
        if not rest or (len(rest) >= 2 and all(t.is_title and t.pos_ == "PROPN" for t in rest)):
            return cut
    return 0


@cache
def _title_splits(lex: Lexicon) -> dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]:
    """Each title of several words cut in two (head, tail) every way, by the tail's first word,
    in the lexicon's order: a name span is checked only against the cuts it can start with."""
    splits: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for words in lex.multiword_titles():
        for cut in range(1, len(words)):
            splits.setdefault(words[-cut], []).append((words[:-cut], words[-cut:]))
    return {word: tuple(cuts) for word, cuts in splits.items()}


def _speaking_subject(tok: Token, lexicon: Lexicon) -> bool:
    """Is ``tok`` (or the subject it is listed with) the subject of a reporting verb?"""
    subject = tok.head if tok.dep_ == "conj" else tok
    return subject.dep_ in SUBJECTS and subject.head.lemma_ in lexicon.speech_verbs


def _in_programme_title(doc: Doc, start: int) -> bool:
    """Is a name the end of a programme's title, "Breakfast with X", where the programme is a
    broadcaster's or where someone is told or heard ("told the BBC's Breakfast with X",
    "on Breakfast With X")?"""
    if start < 3 or doc[start - 1].lower_ != "with":
        return False
    title = doc[start - 2]
    if not title.is_title or title.is_sent_start or title.ent_type_ in {"PERSON", "GPE", "NORP", "DATE", "TIME"}:
        return False
    before = doc[start - 3]
    return before.text in POSSESSIVE_ENDINGS or before.lower_ in {"on", "told", "to"}


# "Bush-style", "Thatcher-era", "Kennedy-like": a name made a modifier of manner or time.
LIKENESS_SUFFIXES = {"style", "like", "type", "era", "esque"}


def _likeness_suffix(doc: Doc, end: int) -> bool:
    """Does the name ending at ``end`` (or one more hyphenated word the model took in) end in
    "-style", "-era", …?"""
    for i in (end - 2, end):
        if 0 <= i and i + 1 < len(doc) and doc[i].text == "-" and doc[i + 1].lower_ in LIKENESS_SUFFIXES \
                and not doc[i].whitespace_:
            return True
    return False


def _listed_among_places(first: Token) -> bool:
    """Is a word one of a list ("visits Leeds, York and X") whose other members are
    mostly places by the model's reading?"""
    members, todo = [], [first]
    while todo:  # the parser chains a list: each member hangs on the one before
        member = todo.pop()
        members.append(member)
        todo.extend(c for c in member.children if c.dep_ == "conj")
    places = sum(1 for t in members if t.ent_type_ in {"GPE", "LOC"})
    return len(members) >= 3 and places * 2 >= len(members)


def _followed_by_which(doc: Doc, end: int) -> bool:
    """Is a name followed by a relative "which" ("X, which …"), said of things, not people?"""
    nxt = end + 1 if end < len(doc) and doc[end].text == "," else end
    return nxt < len(doc) and doc[nxt].lower_ == "which" and doc[nxt].head.dep_ == "relcl"


def _first_listed(tok: Token) -> Token:
    """The first of the list a token is in ("in Leeds Central and Bristol South": Leeds Central
    stands where the preposition's object does)."""
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    return tok


def _takes_plural_verb(subject: Token) -> bool:
    """Is the subject's verb (or its auxiliary) plural ("are", "were", "have")?"""
    verb = subject.head
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    return any(t.tag_ == "VBP" or t.lower_ == "were" for t in [verb, *auxiliaries])


@cache
def _first_words(lex: Lexicon) -> frozenset[str]:
    """The words a listed organisation or platform name starts with: no other word need be
    looked up further."""
    return frozenset(name.split()[0] for name in (*lex.org_aliases, *lex.platforms, *lex.seats_of_power,
                                                  *lex.chamber_bodies))


def _seat_of_power(doc: Doc, start: int, text: str, lex: Lexicon) -> bool:
    """Is ``text`` a building written for the office in it ("Downing Street said"), not an
    address ("10 Downing Street")?"""
    return text in lex.seats_of_power and not (start > 0 and doc[start - 1].like_num)


def _span_text(doc: Doc, start: int, end: int) -> str:
    return " ".join(doc[start:end].text.split())


def _quote_mask(text: str) -> list[bool]:
    """For each character, whether it lies inside double quotation marks."""
    from kg.extract.quotes import quote_spans

    mask = [False] * (len(text) + 1)
    for start, end in quote_spans(text):
        for i in range(start, end):
            mask[i] = True
    return mask


def _is_furniture(sent: Span, lexicon: Lexicon) -> bool:
    """Adverts, sign-up lines and datelines: matched by the furniture patterns, shouted in
    capitals, or a wire story's "PARIS (AP) —"."""
    text = sent.text.strip()
    if is_dateline(text):
        return True
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    if len(words) >= 3 and all(w.isupper() for w in words):
        return True
    return any(p.search(text) for p in lexicon.furniture)


def _names_a_party_or_state(word: str, lexicon: Lexicon) -> bool:
    return word.lower() == "party" or lexicon.country_by_word(word) is not None


def _family_name_first(parts: list[str]) -> bool:
    """"Baek Seung-jin", "Moon Jae-in": a Korean name, family name first and the given name
    hyphenated, so "Baek" alone is the person, whatever the model tags it."""
    given = parts[-1].split("-")
    return len(parts) == 2 and len(given) == 2 and given[0][:1].isupper() and given[1].islower()


def _party_family(text: str, lex: Lexicon) -> bool:
    """"the Liberals", "a Social Democrat": a party named by what its members are called."""
    return text in lex.party_families or f"{text}s" in lex.party_families


def _acronym_of_a_body(word: str) -> bool:
    """"BAA", "NHS", and the mixed-case "AfD", "PiS": no one's name is written so."""
    return bool(ACRONYM.match(word)) or len(word) <= 4 and sum(c.isupper() for c in word) >= 2 and word.isalpha()


def _is_acronymish(name: str) -> bool:
    return bool(ACRONYM.match(name))


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in MINOR_WORDS and w[:1].isupper())


def _same_person_name(a: str, b: str) -> bool:
    """Two full names of one person: equal, one spelling slip in first or last name, or the
    shorter the longer without its first name(s) ("Iwan Roberts" of "Dafydd Iwan Roberts")."""
    if a == b:
        return True
    pa, pb = a.split(), b.split()
    short, long_ = sorted((pa, pb), key=len)
    if 2 <= len(short) < len(long_) and long_[-len(short):] == short:
        return True
    if pa[0] == pb[0] and fuzz.ratio(pa[-1], pb[-1]) >= 85 and min(len(pa[-1]), len(pb[-1])) >= 4:
        return True
    return pa[-1] == pb[-1] and fuzz.ratio(pa[0], pb[0]) >= 85 and min(len(pa[0]), len(pb[0])) >= 4


def _matching_anchor(anchors: list[Cluster], name: str) -> Cluster | None:
    for cluster in anchors:
        if any(_same_person_name(m.name, name) for m in cluster.mentions if len(m.name.split()) > 1):
            return cluster
    return None
