"""Roles and memberships: who holds which post in which organisation, and when.

Posts are found where news English writes them (gold/GUIDELINE.md "Roles"):

* a title before the name: "UK Prime Minister X", "Tory leader X", "shadow chancellor X";
* an apposition: "X, the UK's safeguarding minister", "X, leader of the Y party";
* a copula or relative clause: "X was Director of Z from 2008 to 2013", "X, who became
  chairman of Y in 2010", "X served as …";
* a possessive: "X's time as Y", "under X's leadership";
* a verb for the post: "X, who founded the Y party", "X leads Y", "X chaired Y";
* an example list: "ministers like X"; and "MP for Z".

The title is the post head word (lexicon ``post_titles``) with the words that modify it in
the text; the organisation comes from "of Y", "Y's", "Y leader" or a state word ("UK",
"British"), and stays empty rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.extract.common import (
    RELATIVE_PRONOUNS,
    appositive_owner,
    clause_subject,
    evidence_for,
    inherited_subject,
    is_negated,
    is_passive,
    is_plural_word,
    is_possessor,
    is_title_head,
    sentence_of,
)
from kg.extract.mentions import DISTRICT_WORDS, SEAT_LETTERS
from kg.model import Fact, Status

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from kg.extract.mentions import MentionIndex
    from kg.lexicons import Lexicon

EXTRACTOR = "roles.v1"
MEMBERSHIP_EXTRACTOR = "memberships.v1"
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
COPULAS = {"be", "become", "remain", "serve", "act", "appoint", "elect", "name", "make", "promote"}
# Titles of peers, whose "of" names their seat: "Lord Lee of Kirkby", "the Duke of Kent".
PEERAGES = {"lord", "lady", "baron", "baroness", "duke", "duchess", "earl", "countess", "viscount", "marquess"}
TENURE_NOUNS = {"time", "tenure", "spell", "stint", "term", "years", "period", "days", "role"}
# Verbs that put a description on their subject for a membership: "X is a Tory", "X stood
# as a Labour candidate", "X became a Lib Dem councillor".
DESCRIBING_VERBS = COPULAS | {"stand", "run"}
LEADERSHIP_NOUNS = {"leadership": "leader", "chairmanship": "chairman", "presidency": "president",
                    "premiership": "prime minister"}
# Nouns of time after "for" ("MP for years") are no portfolio.
TIME_NOUNS = frozenset({"year", "month", "week", "day", "decade", "time", "while", "term", "period"})
# Parts of a body a person works or sits in, named by the body: "the Tory research unit".
BODY_PARTS = frozenset({"unit", "team", "headquarters", "staff", "secretariat"})


def extract(doc: Doc, *, index: MentionIndex, lexicon: Lexicon, article_id: str) -> Iterator[Fact]:
    """Yield a ``role`` fact per post found, de-duplicated per (person, title, org)."""
    seen: set[tuple[str, str, str | None]] = set()
    for fact in _all_roles(doc, index, lexicon, article_id):
        key = (fact.subject, fact.role.lower() if fact.role else "", fact.object)
        if key in seen:
            continue
        seen.add(key)
        yield fact


def _all_roles(doc: Doc, index: MentionIndex, lexicon: Lexicon, article_id: str) -> Iterator[Fact]:
    persons = _person_heads(index)
    for head, key in persons:
        if index.in_furniture(head):
            continue
        yield from _prenominal(doc, index, lexicon, article_id, head, key)
        yield from _post_nominal(doc, index, lexicon, article_id, head, key)
        yield from _appositive(doc, index, lexicon, article_id, head, key)
        yield from _example_list(doc, index, lexicon, article_id, head, key)
    for tok in doc:
        if index.in_furniture(tok):
            continue
        if tok.pos_ in {"AUX", "VERB"} and (tok.lemma_ in COPULAS or any(
                c.lower_ == "as" and c.dep_ == "prep" for c in tok.children)):
            yield from _copular(doc, index, lexicon, article_id, tok)
        if tok.pos_ == "VERB" and tok.lemma_.lower() in lexicon.post_verbs:
            yield from _verbal(doc, index, lexicon, article_id, tok)
        if tok.pos_ == "VERB" and tok.lemma_ in APPOINTING_VERBS and not is_passive(tok):
            yield from _appointed(doc, index, lexicon, article_id, tok)
        if tok.pos_ == "NOUN" and tok.lower_ in TENURE_NOUNS | set(LEADERSHIP_NOUNS):
            yield from _possessive(doc, index, lexicon, article_id, tok)
        if tok.dep_ in {"nsubj", "nsubjpass"} and is_title_head(tok, lexicon):
            yield from _described(doc, index, lexicon, article_id, tok)


def _person_heads(index: MentionIndex) -> list[tuple[Token, str]]:
    """The syntactic head token of every person mention, with the person's key."""
    heads = []
    doc = index.doc
    for key, cluster in index.clusters.items():
        if cluster.type != "Person":
            continue
        for m in cluster.mentions:
            span = doc[m.start:m.end]
            heads.append((span.root, key))
    return sorted(heads, key=lambda pair: pair[0].i)


# ------------------------------------------------------------------ title phrases
def _title_phrase(head: Token, index: MentionIndex, lexicon: Lexicon,
                  stop_at: int | None = None) -> tuple[str, str | None, Status]:
    """The title written around a post head word, its organisation and status cue.

    Walks left from the head over modifiers that belong to the title ("Health",
    "safeguarding", "shadow") and right over "of"/"for" phrases that are not an entity
    ("Director of Public Prosecutions"); an entity among the modifiers or after "of" is the
    organisation. ``stop_at`` bounds the walk on the left (the start of a person's name).
    """
    doc = head.doc
    words = [head]
    org: str | None = None
    status: Status = "unknown"
    i = head.i - 1
    lower_bound = stop_at if stop_at is not None else head.left_edge.i
    if head.i >= 2 and doc[head.i - 1].text == "-":
        lower_bound = min(lower_bound, head.i - 2)  # "co-founder": the parser may detach "co"
    while i >= max(0, lower_bound):
        tok = doc[i]
        cue = lexicon.status_cues.get(tok.lower_)
        entity = index.entity_at(tok)
        if cue and (tok.head == head or tok.head.head == head or tok.i == head.i - 1 or doc[i + 1].text == "-"):
            status = cue if status == "unknown" else status
            i -= 1
            continue
        if entity is not None:
            if index.clusters[entity].type == "Person":
                break
            org = org or entity
            i -= 1
            continue
        if tok.text == "-" and words and i > 0 and _belongs_to_title(doc[i - 1], lexicon):
            words.insert(0, tok)  # "co-founder", "vice-president"
            i -= 1
            continue
        if tok.text in {"'s", "’s"}:
            if i == 0 or index.entity_at(doc[i - 1]) is None:
                # "the party's deputy leader": an owner not named is no part of the title, but
                # may be the body last named ("Reform UK … the party's chairman").
                owner = index.resolve(doc[i - 1]) if i > 0 else None
                if org is None and owner is not None and index.clusters[owner].type == "Organization":
                    org = owner
                break
            i -= 1
            continue
        if tok.text == "," and words[0].is_title and i > 0 and doc[i - 1].is_title \
                and (i < 2 or not doc[i - 2].is_title) and index.entity_at(doc[i - 1]) is None \
                and [w.lower_ for w in words].count("and") == 1:
            words.insert(0, tok)  # "Culture, Media and Sport Secretary": a listed portfolio
            i -= 1
            continue
        state = lexicon.country_by_word(tok.text)
        if state is not None:
            org = org or index.key_for_canonical("Place", state.name)
            i -= 1
            continue
        if _belongs_to_title(tok, lexicon):
            if org is not None and tok.lower_ == "shadow" and not _is_party(org, index):
                # "Shadow Cabinet Office minister": the opposition's post facing the body, not the body's
                words.insert(0, tok)
                org = None
                i -= 1
                continue
            if org is not None:
                break  # "Labour health spokesman": words left of the organisation are not ours
            words.insert(0, tok)
            i -= 1
            continue
        break
    if org is None:
        # "its chief executive, X": the body "its" stands for.
        owner = next((c for c in head.children if c.dep_ == "poss" and c.lower_ == "its"), None)
        org = index.body_before(owner) if owner is not None else None
    # Right side: "director general", then "of Public Prosecutions", "of the Y party".
    tail: list[Token] = []
    anchor = head
    while True:
        # "director general", "secretary-general" (the hyphen a token of its own), "president-elect"
        hyphen = anchor.i + 2 < len(doc) and doc[anchor.i + 1].text == "-" and not doc[anchor.i].whitespace_
        nxt = anchor.i + (2 if hyphen else 1)
        if nxt >= len(doc) or doc[nxt].lower_ not in {"general", "designate", "elect"} \
                or doc[nxt].head.i not in {head.i, anchor.i}:
            break
        tail.extend(doc[anchor.i + 1:nxt + 1])
        anchor = doc[nxt]
    for prep in [*head.rights, *(anchor.rights if anchor.i != head.i else [])]:
        if prep.dep_ != "prep" or prep.lower_ not in {"of", "for", "to", "at"}:
            continue
        pobjs = [c for c in prep.children if c.dep_ == "pobj"]
        if not pobjs:
            continue
        pobj = pobjs[0]
        key = index.resolve(pobj) or next(  # "leader of the Labour group": the body in the name
            (index.entity_at(c) for c in pobj.children if c.dep_ in {"compound", "amod"} and index.entity_at(c)), None)
        if key is not None and index.clusters[key].type == "Place" and prep.lower_ == "for" \
                and head.text in SEAT_LETTERS:
            org = key  # "Labour MP for Y": the seat's constituency, the party a membership
        elif key is not None and index.clusters[key].type != "Person" \
                and (prep.lower_ != "at" or index.clusters[key].type == "Organization"):
            org = org or key  # "manager at the Y Society" (not "MP at Westminster", a place)
        elif key is None and prep.lower_ in {"of", "for"} and pobj.is_title and not pobj.ent_type_ == "PERSON":
            state = lexicon.country_by_word(pobj.text)
            if state is not None and org is None:
                org = index.key_for_canonical("Place", state.name)
            else:
                last = pobj.right_edge  # "for Work and Pensions": a listed portfolio
                while last.i > pobj.i and last.is_punct:
                    last = doc[last.i - 1]
                if not (last.is_title and all(t.is_title or t.text in {"and", ","} for t in doc[pobj.i:last.i + 1])):
                    last = pobj
                tail += [t for t in doc[prep.i:last.i + 1] if t.dep_ not in {"det"}]
                if pobj.lower_ == "state" and prep.lower_ == "of":
                    continue  # "Secretary of State for Health": the portfolio follows
        elif key is None and prep.lower_ in {"of", "for"} and _is_portfolio(pobj, lexicon) and not tail:
            # "head of policy at Y", "chief inspector of schools": a portfolio, then the body.
            tail += list(doc[prep.i:pobj.i + 1])
            if pobj.i + 1 < len(doc) and doc[pobj.i + 1].lower_ == "at":
                # Read by position: the parser hangs this "at" anywhere ("who is head of
                # research at Y", "head of policy at charity Y").
                org = org or _body_after(doc, pobj.i + 2, index)
            continue
        break
    while words[:-1] and (words[0].text in {",", "-"} or words[0].lower_ == "and"):
        words.pop(0)  # "Labour, the Tories and Health Secretary X": the list is not the title
    parts = [lexicon.title_abbreviations.get(t.lower_, t.text) for t in words if t.lower_ not in lexicon.status_cues]
    title = " ".join(parts + [t.text for t in tail]).replace(" - ", "-").replace(" ,", ",").strip()
    return title, org, status


def _body_after(doc: Doc, start: int, index: MentionIndex) -> str | None:
    """The first organisation named from ``start`` to the end of the phrase (a comma)."""
    for tok in doc[start:start + 8]:
        if tok.is_punct:
            return None
        key = index.entity_at(tok)
        if key is not None:
            return key if index.clusters[key].type == "Organization" else None
    return None


def _is_portfolio(noun: Token, lexicon: Lexicon) -> bool:
    """A field a post covers, written in lower case after "of"/"for": "schools", "child
    health", "research" (not "the party", "20 years", "his colleagues", "industry body Y")."""
    return noun.pos_ == "NOUN" and noun.is_lower and noun.lemma_ not in TIME_NOUNS \
        and noun.lemma_ not in lexicon.body_descriptors and noun.lower_ not in lexicon.org_head_words \
        and not (noun.i + 1 < len(noun.doc) and noun.doc[noun.i + 1].pos_ == "PROPN") \
        and all(t.is_lower and t.pos_ in {"NOUN", "ADJ"} for t in noun.lefts) \
        and not any(c.dep_ in {"det", "nummod", "poss"} for c in noun.children)


def _phrase_text(noun: Token) -> str:
    """A noun with the compound and adjective modifiers written right before it."""
    doc = noun.doc
    j = noun.i - 1
    while j >= 0 and doc[j].head.i == noun.i and doc[j].dep_ in {"compound", "amod"}:
        j -= 1
    return " ".join(t.text for t in doc[j + 1:noun.i + 1])


def _belongs_to_title(tok: Token, lexicon: Lexicon) -> bool:
    """Words that are part of a post title: "Prime", "Health", "safeguarding", "shadow"."""
    if tok.lower_ in lexicon.title_modifiers or is_title_head(tok, lexicon):
        return True  # "shadow", "deputy", "safeguarding", whatever the parser made of them
    if tok.tag_ == "VBG" and tok.dep_ in {"amod", "compound"} and tok.is_lower:
        return True  # "safeguarding minister"
    if tok.is_punct or tok.like_num or tok.pos_ in {"DET", "ADP", "VERB", "AUX", "PRON", "CCONJ", "ADV"}:
        return tok.lower_ == "and" and tok.i > 0 and tok.doc[tok.i - 1].is_title
    if tok.is_title or tok.is_upper:
        return True
    return tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ in {"compound", "nmod"}


def _status_from_context(sent: Span, status: Status) -> Status:
    text = sent.text.lower()
    if status == "unknown" and ("at the time" in text or "left office" in text):
        return "former"
    return status


# Dependents that open a clause of their own, whose years are not the post's: "X was a
# councillor before defecting to Y in 2023", "… a career which dates back to 1974".
CLAUSE_DEPS = {"relcl", "advcl", "acl", "ccomp", "pcomp", "xcomp", "conj"}


def _own_clause(verb: Token) -> list[Token]:
    """The words of the verb's clause, without the clauses nested in it (but with a "when"
    clause, which dates it: "he became chancellor when Labour returned to power in 1964")."""
    nested = {t.i for d in verb.subtree if d.dep_ in CLAUSE_DEPS and d.i != verb.i and not _dates(d)
              for t in d.subtree}
    return [t for t in verb.subtree if t.i not in nested]


def _dates(clause: Token) -> bool:
    return clause.dep_ == "advcl" and any(c.lower_ == "when" and c.dep_ in {"advmod", "mark"} for c in clause.children)


def _years(tokens: list[Token]) -> tuple[str | None, str | None]:
    """Years of a post: "from A to B", "between A and B", "since A", "in A"."""
    start = end = None
    for tok in tokens:
        if not YEAR.match(tok.text) or tok.head.dep_ != "prep" and tok.dep_ != "pobj":
            continue
        prep = tok.head.lower_ if tok.dep_ == "pobj" else ""
        if prep in {"from", "since", "between", "in"} and start is None:
            start = tok.text
        elif prep in {"to", "until", "till"} or (tok.dep_ == "conj" and start):
            end = tok.text
    for tok in tokens:  # "between 2001 and 2005": the second year hangs on the first
        if YEAR.match(tok.text) and tok.dep_ == "conj" and start and tok.text != start:
            end = end or tok.text
    return start, end


def _fact(doc: Doc, article_id: str, person: str, title: str, org: str | None, status: Status,
          first: int, last: int, years: tuple[str | None, str | None], confidence: float,
          index: MentionIndex, head_lemma: str) -> Fact | None:
    if not title or not any(c.isalpha() for c in title):
        return None
    # A plural title is one post each: "Labour ministers X and Y" → "minister", "MPs" → "MP".
    lemma = head_lemma.lower()
    title = " ".join(w[:-1] if w.lower() == f"{lemma}s" or w.endswith("Ps") and w.lower() == lemma else w
                     for w in title.split())
    start, end = years
    if end is not None and status == "unknown":
        status = "former"
    index.describe(person, title=title, head=head_lemma, token_i=last)
    return Fact(
        kind="role", subject=person, object=org, role=title, status=status, start=start, end=end,
        confidence=confidence, evidence=evidence_for(doc, article_id, first, last), extractor=EXTRACTOR,
    )


# ------------------------------------------------------------------ patterns
def _prenominal(doc: Doc, index: MentionIndex, lexicon: Lexicon, article_id: str,
                head: Token, person: str) -> Iterator[Fact]:
    """"UK Prime Minister Sir X", "Tory leader X", "safeguarding minister X"; a plural title
    before a list of names is each one's: "Labour ministers X and Y" (a "minister" each)."""
    mention_start = min(m.start for m in index.clusters[person].mentions if m.start <= head.i < m.end)
    i = mention_start - 1
    listed = False
    if i > 0 and doc[i].lower_ in {"and", ","} and head.dep_ == "conj":
        first = head
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        start = next((m.start for c in index.clusters.values() for m in c.mentions
                      if c.type == "Person" and m.start <= first.i < m.end), None)
        if start is None:
            return
        i, listed = start - 1, True
    while i >= 0 and doc[i].lower_.rstrip(".") in lexicon.honorifics:
        i -= 1
    if i < 0 or doc[i].is_punct:
        return
    # "Secretary of State X": a title of several words, read from its head word.
    for words in (w for w in lexicon.multiword_titles() if "of" in w):
        if i >= len(words) - 1 and tuple(t.lower_ for t in doc[i - len(words) + 1:i + 1]) == words:
            i -= len(words) - 1
            break
    # "deputy minister for women X": a portfolio after the head word, before the name.
    portfolio = next((j for j in range(i - 1, max(i - 4, 0), -1) if doc[j].lower_ == "for"), None)
    if not is_title_head(doc[i], lexicon) and portfolio is not None and is_title_head(doc[portfolio - 1], lexicon) \
            and all(t.pos_ in {"NOUN", "PROPN", "ADJ", "CCONJ"} and index.entity_at(t) is None
                    for t in doc[portfolio + 1:i + 1]):
        portfolio_words, i = doc[portfolio:i + 1].text, portfolio - 1
    else:
        portfolio_words = ""
    title_head = doc[i]
    if not is_title_head(title_head, lexicon):
        if title_head.pos_ == "NOUN" and title_head.head.i == head.i:
            # "tech billionaire X": not a post, but "the billionaire" later means X.
            index.describe(person, title=_phrase_text(title_head), head=title_head.lemma_, token_i=title_head.i)
        return
    if title_head.pos_ == "VERB" and title_head.dep_ != "compound" or index.entity_at(title_head):
        return  # a verb, unless mistagged in a name's compound ("IEBC chairman X")
    if listed and not is_plural_word(title_head):
        return  # "Tory leader X and Y": the title is X's alone
    title, org, status = _title_phrase(title_head, index, lexicon, stop_at=sentence_of(doc[i]).start)
    if portfolio_words and not title.endswith(portfolio_words):
        title = f"{title} {portfolio_words}"
    first_word = title_head.i - len(title.split()) + 1
    if first_word > 0 and doc[first_word - 1].lower_ in {"a", "an"}:
        return  # "how good a prime minister X will make": a hypothetical, not a post
    status = _status_from_context(sentence_of(title_head), status)
    if status == "unknown":
        status = "current"  # a title written before a name is the one held when written
    fact = _fact(doc, article_id, person, title, org, status, i, head.i,
                 (None, None), 0.9, index, title_head.lemma_)
    if fact:
        yield fact
    yield from _coordinated_title(doc, index, lexicon, article_id, title_head, head, person)


def _coordinated_title(doc: Doc, index: MentionIndex, lexicon: Lexicon, article_id: str,
                       title_head: Token, head: Token, person: str) -> Iterator[Fact]:
    """"Labour MP and former Cabinet minister X": the title joined by "and" before the one
    next to the name is X's too (the parser hangs it anywhere, so read the words)."""
    sentence_start = sentence_of(title_head).start
    j = title_head.i - 1
    while j > sentence_start and doc[j].lower_ != "and" and (
            index.entity_at(doc[j]) is not None or doc[j].lower_ in lexicon.status_cues
            or _belongs_to_title(doc[j], lexicon)):
        j -= 1
    if j <= sentence_start or doc[j].lower_ != "and" or not is_title_head(doc[j - 1], lexicon) \
            or index.entity_at(doc[j - 1]) is not None:
        return
    other = doc[j - 1]
    k = other.i - 1
    while k > sentence_start and (_belongs_to_title(doc[k], lexicon) or index.entity_at(doc[k]) is not None
                                  or doc[k].lower_ in lexicon.status_cues):
        k -= 1
    if doc[k].pos_ == "DET" or doc[k].lower_ in {"and", ","}:
        return  # "the mayor and Tory leader X met": the mayor is someone else
    title, org, status = _title_phrase(other, index, lexicon, stop_at=sentence_start)
    if status == "unknown":
        status = _status_from_context(sentence_of(other), "current")
    fact = _fact(doc, article_id, person, title, org, status, other.i, head.i, (None, None), 0.85, index,
                 other.lemma_)
    if fact:
        yield fact


def _post_nominal(doc: Doc, index: MentionIndex, lexicon: Lexicon, article_id: str,
                  head: Token, person: str) -> Iterator[Fact]:
    """"X MP", "X MSP": a seat written after the name is a post held."""
    for m in index.clusters[person].mentions:
        last, words = doc[m.end - 1], m.name.split()
        # The letters come after a name of a person ("Euro MP" is no name, "Bolton West" a seat).
        named = words[-1] != last.text and words[-1].lower() not in DISTRICT_WORDS
        if named and m.start <= head.i < m.end and last.text in lexicon.post_nominals \
                and last.lower_ in lexicon.post_titles:
            fact = _fact(doc, article_id, person, last.text, None, "current", m.start, last.i,
                         (None, None), 0.85, index, last.lower_)
            if fact:
                yield fact


def _is_party(key: str, index: MentionIndex) -> bool:
    cluster = index.clusters[key]
    name = index.canonical_name(cluster)
    return cluster.type == "Organization" and (name in index.lexicon.parties() or name.lower().endswith(" party"))


def party_tag(doc: Doc, head: Token, lexicon: Lexicon) -> Token | None:
    """The party letter of "Sen. X, D-N.Y." or "Rep. Y (R-Texas)" written right after a name."""
    i = head.i + 1
    if i + 3 < len(doc) and doc[i].text in {",", "("} and doc[i + 1].text in lexicon.party_tags \
            and doc[i + 2].text == "-" and not doc[i + 2].whitespace_ and doc[i + 3].text[:1].isupper():
        return doc[i + 1]
    return None


def _appositive(doc: Doc, index: MentionIndex, lexicon: Lexicon, article_id: str,
                head: Token, person: str) -> Iterator[Fact]:
    """"X, the UK's safeguarding minister", "X, leader of Y", "X (head of Y at the time)"."""
    candidates = [c for c in head.children if c.dep_ == "appos"]
    if (tag := party_tag(doc, head, lexicon)) is not None:
        # "Sen. X, R-Ohio, chairman of Y": the parser hangs the post on the state.
        candidates += [c for c in tag.head.children if c.dep_ == "appos" and c.i > tag.head.i]
    if head.dep_ == "appos" and is_title_head(head.head, lexicon):
        candidates.append(head.head)  # "The Shadow Secretary of State, X, said"
    elif head.dep_ == "appos" and head.head.dep_ == "pobj" and head.head.head.lower_ == "of" \
            and is_title_head(head.head.head.head, lexicon) and head.i > head.head.head.head.i:
        candidates.append(head.head.head.head)  # "The chief executive of the Y, X, said" (X hung on Y)
    for appos in candidates:
        nouns = [appos] + [c for c in appos.conjuncts if c.i > appos.i]
        for noun in nouns:
            if noun.pos_ not in {"NOUN", "PROPN"} or index.entity_at(noun):
                continue
            index.describe(person, title=_phrase_text(noun), head=noun.lemma_, token_i=noun.i)
            if not is_title_head(noun, lexicon):
                continue
            title, org, status = _title_phrase(noun, index, lexicon)
            status = _status_from_context(sentence_of(noun), status)
            if status == "unknown":
                status = "current"
            years = _years(list(noun.subtree))
            fact = _fact(doc, article_id, person, title, org, status, head.i, noun.i,
                         years, 0.85, index, noun.lemma_)
            if fact:
                yield fact


def _example_list(doc: Doc, index: MentionIndex, lexicon: Lexicon, article_id: str,
                  head: Token, person: str) -> Iterator[Fact]:
    """"ministers like X", "senior figures such as X": the plural post, singular."""
    prep = head.head
    if head.dep_ != "pobj" or prep.lower_ not in {"like", "including", "as"}:
        return
    noun = prep.head
    if prep.lower_ == "as" and (noun.lower_ != "such"):
        return
    if noun.lower_ == "such":
        noun = noun.head
    if noun.pos_ != "NOUN" or noun.tag_ != "NNS" or not is_title_head(noun, lexicon):
        return
    title, org, status = _title_phrase(noun, index, lexicon)
    title = title[: -len(noun.text)] + noun.lemma_ if title.endswith(noun.text) else title
    fact = _fact(doc, article_id, person, title, org, "current", noun.i, head.i, (None, None),
                 0.7, index, noun.lemma_)
    if fact:
        yield fact


def _copular(doc: Doc, index: MentionIndex, lexicon: Lexicon, article_id: str,
             verb: Token) -> Iterator[Fact]:
    """"X was Director of Y from 2008 to 2013", "X became chairman", "X served as Y", "X,
    who was elected MP for Z in 2024"."""
    person = clause_subject(verb, index) or _passive_subject(verb, index)
    if person is None or index.clusters[person].type != "Person":
        return
    if index.quote_mask[verb.idx] and any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in verb.children):
        return  # "he has been a prudent chancellor" in someone's quote: "he" is not resolvable here
    complements = [c for c in verb.children if c.dep_ in {"attr", "oprd", "acomp"}]
    if verb.lemma_ not in COPULAS:
        # "As an MSP, X signed …": only the fronted "as", never "X was seen as a leader".
        complements = []
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "as" and prep.i < verb.i and prep.i == sentence_of(prep).start:
                complements.extend(c for c in prep.children if c.dep_ == "pobj")
    else:
        # "X served as chairman", "… and later as ambassador" (the second "as" hung on "later").
        later = [p for a in verb.children if a.dep_ == "advmod" for p in a.children]
        for prep in [*verb.children, *later]:
            if prep.dep_ == "prep" and prep.lower_ == "as":
                complements.extend(c for c in prep.children if c.dep_ == "pobj")
    for noun in complements:
        if not is_title_head(noun, lexicon) or index.entity_at(noun):
            continue
        if any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children) and any(
                c.dep_ == "amod" and c.is_lower and c.lower_ not in lexicon.title_modifiers
                and c.lower_ not in lexicon.status_cues for c in noun.children):
            # "X was a good prime minister", "a prudent chancellor": a verdict, not a post
            # (but "a former Conservative councillor" is one).
            continue
        if any(p.lower_ == "of" and any(o.lower_ == "order" for o in p.children) for p in noun.children):
            continue  # "made a Commander of the Order of the Bath": an honour, not a post
        title, org, status = _title_phrase(noun, index, lexicon)
        years = _years(_own_clause(verb))
        if status == "unknown":
            if verb.tag_ in {"VBD", "VBN"} and verb.lemma_ == "be" and not _has_aux(verb, "have"):
                status = "former"
            elif verb.tag_ in {"VBZ", "VBP"} or _has_aux(verb, "have"):
                status = "current"
        status = _status_from_context(sentence_of(verb), status)
        fact = _fact(doc, article_id, person, title, org, status, verb.i, noun.i, years, 0.8,
                     index, noun.lemma_)
        if fact:
            yield fact


# Verbs by which a body gives someone a post: "Labour elected X as its leader", "the prime
# minister appointed Y home secretary".
APPOINTING_VERBS = {"appoint", "elect", "name", "choose", "select", "pick", "install", "nominate", "make"}


def _appointed(doc: Doc, index: MentionIndex, lexicon: Lexicon, article_id: str, verb: Token) -> Iterator[Fact]:
    """"The party chose X as its new leader in 2019", "the board named X chief executive":
    the post is the object's, and "its" post is in the body that gave it."""
    if is_negated(verb):
        return
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    posts = [p for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "as"
             for p in prep.children if p.dep_ == "pobj"]
    posts += [c for c in verb.children if c.dep_ == "oprd"]
    for post in posts:
        if not is_title_head(post, lexicon) or index.entity_at(post):
            continue
        # "named X chief executive": the parser may hang the name on the post.
        people = objects or [c for c in post.children if c.dep_ in {"nmod", "compound"} and index.entity_at(c)]
        for obj in people:
            person = index.resolve(obj)
            if person is None or index.clusters[person].type != "Person":
                continue
            title, org, status = _title_phrase(post, index, lexicon, stop_at=obj.i + 1 if obj.i < post.i else None)
            if org is None and any(c.dep_ == "poss" and c.lower_ in {"its", "their"} for c in post.children):
                giver = clause_subject(verb, index)
                org = giver if giver is not None and index.clusters[giver].type == "Organization" else None
            status = _status_from_context(sentence_of(verb), status)
            fact = _fact(doc, article_id, person, title, org, status, verb.i, post.i, _years(_own_clause(verb)),
                         0.8, index, post.lemma_)
            if fact:
                yield fact


def _passive_subject(verb: Token, index: MentionIndex) -> str | None:
    """Who "was appointed / elected / named" a post: the passive subject, or the noun a
    relative "who" stands for."""
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return index.resolve(verb.head) or appositive_owner(verb.head, index)
            return index.resolve(child)
    return None


def _verbal(doc: Doc, index: MentionIndex, lexicon: Lexicon, article_id: str, verb: Token) -> Iterator[Fact]:
    """"X, who founded the Y party" (founder), "X leads Y" (leader), "X chaired Y" (chairman,
    former): a post written as a verb whose object is the body."""
    if is_negated(verb) or is_passive(verb):
        return
    person = clause_subject(verb, index)
    if person is None or index.clusters[person].type != "Person":
        return
    title = lexicon.post_verbs[verb.lemma_.lower()]
    if verb.tag_ in {"VBZ", "VBP"} or (_has_aux(verb, "have") and title not in {"founder", "co-founder"}):
        status: Status = "current"
    elif verb.tag_ == "VBD" and title not in {"founder", "co-founder"}:
        status = "former"  # "X led the party": a founder stays one
    else:
        status = "unknown"
    for obj in (c for c in verb.children if c.dep_ in {"dobj", "obj"}):
        org = index.resolve(obj)
        if org is not None and index.clusters[org].type == "Organization":
            fact = _fact(doc, article_id, person, title, org, status, verb.i, obj.i,
                         _years(list(verb.subtree)), 0.7, index, title.split()[-1])
            if fact:
                yield fact


def _described(doc: Doc, index: MentionIndex, lexicon: Lexicon, article_id: str,
               noun: Token) -> Iterator[Fact]:
    """"Mr X spoke in Leeds. The Tory leader said …": a post written as the subject's
    description names the person just mentioned.

    Notes:
        Only a definite, singular description in subject position, unresolved by an
        earlier post, and only when a person was named in the last three sentences (the
        article's most-named of them: the story's protagonist, not a passer-by); its
        confidence is lower than a post written beside the name.
    """
    if noun.tag_ not in {"NN", "NNP"} or is_plural_word(noun) or index.entity_at(noun) or index.quote_mask[noun.idx]:
        return
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        return
    if index.resolve(noun) is not None or any(c.dep_ == "appos" for c in noun.children):
        return  # already known ("the minister" after "safeguarding minister X"), or named beside it
    title, org, status = _title_phrase(noun, index, lexicon)
    if org is not None and index.clusters[org].type == "Organization":
        person = index.salient_person(noun, window=3)
        if person is not None and index.has_description(person):
            return  # "Party leader X … the chairman of the Police Federation said": someone else
    else:
        # "the prime minister" with no party or body named: news leaves the office-holder to
        # the reader's knowledge; it is read only when exactly one of the story's two leading
        # people, named just before, has no other post or description in the article ("Mr X
        # and Mr Y … The chancellor said" after Y was made "the prime minister").
        person = index.office_holder(noun, window=3)
        if person is not None:
            index.office_readings.setdefault(title.lower(), person)
    if person is None:
        return
    index.refer(noun.i, person)
    fact = _fact(doc, article_id, person, title, org, "current" if status == "unknown" else status,
                 noun.i, noun.i, (None, None), 0.55, index, noun.lemma_)
    if fact:
        yield fact


def _has_aux(verb: Token, lemma: str) -> bool:
    return any(c.dep_ == "aux" and c.lemma_ == lemma for c in verb.children)


def _possessive(doc: Doc, index: MentionIndex, lexicon: Lexicon, article_id: str,
                noun: Token) -> Iterator[Fact]:
    """"X's time as Director of Y" (former), "under X's leadership" (leader)."""
    owners = [c for c in noun.children if is_possessor(c)]
    if not owners:
        return
    person = index.resolve(owners[0])
    if person is None or index.clusters[person].type != "Person":
        return
    if noun.lower_ in LEADERSHIP_NOUNS:
        title = LEADERSHIP_NOUNS[noun.lower_]
        org = None
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    org = org or index.resolve(pobj)
        if org is None and noun.head.lower_ == "under":
            # "The X party, under Y's leadership, advocates …": the clause's subject is led.
            clause = noun.head.head
            subject = clause_subject(clause, index) or index.resolve(clause)
            if subject is not None and index.clusters[subject].type == "Organization":
                org = subject
        fact = _fact(doc, article_id, person, title, org, "current", owners[0].i, noun.i,
                     (None, None), 0.75, index, title.split()[-1])
        if fact:
            yield fact
        return
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ != "as":
            continue
        for pobj in prep.children:
            if pobj.dep_ == "pobj" and is_title_head(pobj, lexicon):
                title, org, _ = _title_phrase(pobj, index, lexicon)
                status: Status = "current" if noun.lower_ == "role" else "former"
                fact = _fact(doc, article_id, person, title, org, status, owners[0].i, pobj.i,
                             _years(list(noun.subtree)), 0.8, index, pobj.lemma_)
                if fact:
                    yield fact


# ------------------------------------------------------------------ memberships
def memberships(doc: Doc, *, index: MentionIndex, lexicon: Lexicon, article_id: str) -> Iterator[Fact]:
    """Memberships without a post: "Labour's X", "Tory X", "X, a member of Y", "X joined Y"."""
    seen: set[tuple[str, str]] = set()
    for head, person in _person_heads(index):
        if index.in_furniture(head):
            continue
        org = None
        for child in head.children:
            if is_possessor(child):
                key = index.resolve(child)
                if key and index.clusters[key].type == "Organization":
                    org = key
        first = head.i
        if org is None:
            # "Labour X", "Sunday Telegraph journalist X", "Tory parliamentary hopeful X": a
            # body written before the name, past at most three words describing the person.
            # "Tory hopefuls X and Y": Y's description is written before X.
            named = head.head if head.dep_ == "conj" and index.entity_at(head.head) else head
            named_key = index.entity_at(named) or person
            start = min(m.start for m in index.clusters[named_key].mentions if m.start <= named.i < m.end)
            # Each word skipped modifies the name or a word between it and the name
            # ("Tory" → "parliamentary" → "hopeful X" when the parser chains them).
            i = start - 1
            while i >= 0 and start - i <= 4 and index.entity_at(doc[i]) is None \
                    and i < doc[i].head.i <= named.i and doc[i].dep_ in {"compound", "amod", "nmod"} \
                    and not is_title_head(doc[i], lexicon):
                i -= 1
            if i >= 0 and not i < doc[i].head.i <= named.i:
                i = -1  # the body is not part of the person's description
            key = index.entity_at(doc[i]) if i >= 0 else None
            if key is None and named.dep_ == "appos" and named.head.pos_ == "NOUN":
                # "Labour activists X and Y": the names stand in apposition to the description.
                key = next((index.entity_at(c) for c in named.head.children
                            if c.dep_ in {"compound", "amod"} and index.entity_at(c)), None)
                i = named.head.i
            if key and index.clusters[key].type == "Organization":
                org, first = key, i
        if org is None and (tag := party_tag(doc, head, lexicon)) is not None:
            org, first = index.key_for_canonical("Organization", lexicon.party_tags[tag.text]), tag.i
        if org is None:
            # "X, Labour MP for Y", "X, who was a Conservative MSP for Y": the seat's post is
            # Y's (roles), the party a membership.
            posts = [c for c in head.children if c.dep_ == "appos"] + [
                a for clause in head.children if clause.dep_ == "relcl" and clause.lemma_ == "be"
                and any(c.dep_ == "nsubj" and c.lower_ in RELATIVE_PRONOUNS for c in clause.children)
                for a in clause.children if a.dep_ == "attr"]
            for seat in (c for c in posts if c.text in SEAT_LETTERS
                         and any(p.dep_ == "prep" and p.lower_ == "for" for p in c.children)):
                org = next((key for c in seat.lefts
                            if (key := index.entity_at(c)) and index.clusters[key].type == "Organization"), None)
                first = seat.i
        if org is None:
            # "X, a Conservative, said", "X, a veteran Labour activist", "X (Labour)".
            # A post ("X, Tory co-chairman") is the roles' to read, portfolio and all.
            for appos in (c for c in head.children if c.dep_ == "appos"):
                if is_title_head(appos, lexicon):
                    org = org or _party_come_from(appos, index)  # "X, a Dutch MEP from the Greens"
                else:
                    org = org or _body_described(appos, index)
                first = appos.i
        if org is None and head.dep_ != "pobj":
            # "X, from the Countryside Alliance, said", "X of the Police Federation"; the
            # parser may hang the bracketed "from" on the verb X is the subject of.
            preps = [c for c in head.children if c.dep_ == "prep"]
            if head.dep_ == "nsubj":
                preps += [c for c in head.head.children if c.dep_ == "prep" and head.i < c.i < head.head.i
                          and doc[c.i - 1].text == ","]
            # "X, for the Liberal Democrats, said": speaking for a body, set off by commas;
            # "For the Conservatives, X said": the same, put first.
            preps += [c for c in head.children if c.dep_ == "prep" and c.lower_ == "for" and doc[c.i - 1].text == ","]
            if head.dep_ == "nsubj":
                preps += [c for c in head.head.children if c.dep_ == "prep" and c.lower_ == "for" and c.i < head.i
                          and c.i - sentence_of(c).start <= 1 and c.right_edge.i + 1 < len(doc)
                          and doc[c.right_edge.i + 1].text == ","]
            for prep in (p for p in preps if p.lower_ in {"from", "of", "for"} and not _home_or_seat(p, person, index)):
                for pobj in (p for p in prep.children if p.dep_ == "pobj"):
                    # "from the campaign group Fathers 4 Justice": the body named after its description.
                    key = index.resolve(pobj) or next((index.entity_at(c) for c in pobj.children
                                                       if c.dep_ == "appos" and index.entity_at(c)), None)
                    if org is None and key and index.clusters[key].type == "Organization":
                        org, first = key, prep.i
        if org is None and head.dep_ == "nsubj" and head.i + 2 < len(doc) and doc[head.i + 1].text == ",":
            # "X, Blackpool Hotel Association said": the body named after the speaker's name.
            body = next((c for c in head.head.children if c.dep_ == "nsubj" and c.i > head.i), None)
            listed = body is not None and any(c.dep_ == "conj" for c in (*body.children, *head.children))
            key = index.entity_at(body) if body is not None and body.left_edge.i == head.i + 2 and not listed else None
            if key is not None and index.clusters[key].type == "Organization":
                org, first = key, body.i
        if org is None:
            continue
        if (person, org) not in seen:
            seen.add((person, org))
            yield Fact(kind="membership", subject=person, object=org, confidence=0.75,
                       evidence=evidence_for(doc, article_id, first, head.i), extractor=MEMBERSHIP_EXTRACTOR)
    for owner in doc:
        # "His National Alliance party said …", "her party": the party of the one "his" stands for.
        if owner.lower_ not in {"his", "her"} or owner.dep_ != "poss" or index.in_furniture(owner):
            continue
        person, party = index.resolve(owner), index.resolve(owner.head)
        if person is None or party is None or index.clusters[person].type != "Person" or not _is_party(party, index):
            continue
        if (person, party) not in seen:
            seen.add((person, party))
            yield Fact(kind="membership", subject=person, object=party, confidence=0.7,
                       evidence=evidence_for(doc, article_id, owner.i, owner.head.i), extractor=MEMBERSHIP_EXTRACTOR)
    for verb in doc:
        if verb.pos_ in {"AUX", "VERB"} and verb.lemma_ in DESCRIBING_VERBS and not index.in_furniture(verb):
            for person, org in _described_memberships(verb, index):
                if (person, org) not in seen:
                    seen.add((person, org))
                    yield Fact(kind="membership", subject=person, object=org, confidence=0.75,
                               evidence=evidence_for(doc, article_id, verb.i, verb.i),
                               extractor=MEMBERSHIP_EXTRACTOR)
    for tok in doc:
        if tok.lemma_ not in {"member", "join", "defect", "sit", "serve", "be", "work"} or index.in_furniture(tok):
            continue
        org = None
        if tok.lemma_ == "join":
            for child in tok.children:
                if child.dep_ == "dobj":
                    org = index.resolve(child)
        elif tok.lemma_ in {"sit", "serve", "be", "work"}:
            # "X, who sits on the executive of Y", "X is on Labour's ruling NEC": a seat on a
            # body, or on a body of another's (both are X's); "X works in the Tory research
            # unit", "works for Y".
            places = {"on"} if tok.lemma_ != "work" else {"for", "at", "in"}
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in places):
                org = org or next((_seat_body(p, index) for p in prep.children if p.dep_ == "pobj"), None)
        elif tok.lemma_ == "defect":
            # "X defected to the Tories": a member of the party defected to, not the one left.
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == "to":
                    org = next((index.resolve(p) for p in prep.children if p.dep_ == "pobj"), None)
        else:
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        org = org or index.resolve(pobj)
        if org is None:
            continue  # the body first: most uses of "be" name none, and need no subject
        # "X, who quit Labour and joined the Tories": the second verb shares the subject.
        person = (clause_subject(tok, index) or inherited_subject(tok, index)) if tok.pos_ in {"VERB", "AUX"} else None
        if tok.lemma_ == "member":
            governor = tok.head if tok.dep_ in {"attr", "appos"} else None
            if governor is not None:
                person = clause_subject(governor, index) if tok.dep_ == "attr" else index.resolve(governor)
        if person and index.clusters[person].type == "Person" and index.clusters[org].type == "Organization":
            if (person, org) not in seen:
                seen.add((person, org))
                yield Fact(kind="membership", subject=person, object=org, confidence=0.8,
                           evidence=evidence_for(doc, article_id, tok.i, tok.i), extractor=MEMBERSHIP_EXTRACTOR)


def _seat_body(pobj: Token, index: MentionIndex) -> str | None:
    """The body a seat "on" is on: "Labour's ruling NEC", "the executive of the Y"."""
    key = index.resolve(pobj)
    if key is not None:
        return key if index.clusters[key].type == "Organization" else None
    # "Labour's ruling NEC"; "the Tory research unit" (a part of a body, named by the body).
    part_of_body = pobj.lower_ in index.lexicon.org_head_words or pobj.lower_ in BODY_PARTS
    owner = next((index.resolve(c) for c in pobj.children
                  if is_possessor(c) or part_of_body and c.dep_ in {"compound", "amod"} and c.i < pobj.i),
                 None) or next(
        (index.resolve(p) for prep in pobj.children if prep.dep_ == "prep" and prep.lower_ == "of"
         for p in prep.children if p.dep_ == "pobj"), None)
    return owner if owner is not None and index.clusters[owner].type == "Organization" else None


def _home_or_seat(prep: Token, person: str, index: MentionIndex) -> bool:
    """"Ann Lee, 43, of Leeds" (where she lives) and "Lord Lee of Kirkby" (a peer's seat):
    the "of"/"from" names a place, however the model typed it."""
    doc = prep.doc
    if prep.i >= 2 and doc[prep.i - 1].text == "," and doc[prep.i - 2].like_num:
        return True
    return prep.lower_ == "of" and any(
        doc[m.start].lower_ in PEERAGES for m in index.clusters[person].mentions if m.end == prep.i)


def _body_described(noun: Token, index: MentionIndex) -> str | None:
    """The organisation a description of a person makes them a member of, if any.

    "a Conservative", "(Labour)", "Democrat of Oregon": the description is the party itself,
    written with "a", in brackets (a party the lexicon knows) or with the member's state; "a
    veteran Labour activist", "a Lib Dem candidate": the party modifies the noun. The party
    of a nested phrase ("an aide to the Labour leader") is someone else's.
    """
    key = index.entity_at(noun)
    if key is not None:
        # "(Labour)" after a name is a party label; "(CMF)" after a body is its acronym.
        bracketed = noun.i > 0 and noun.doc[noun.i - 1].text == "(" and index.clusters[key].canonical is not None
        indefinite = any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children)
        # "X, Democrat of Oregon": the party member for a state, as US papers write it.
        of_place = any(c.dep_ == "prep" and c.lower_ == "of" and any(
            p.dep_ == "pobj" and (place := index.entity_at(p)) is not None and index.clusters[place].type == "Place"
            for p in c.children) for c in noun.children)
        return key if (bracketed or indefinite or of_place) and index.clusters[key].type == "Organization" else None
    if noun.pos_ != "NOUN" or any(c.cue == noun.lemma_.lower() and c.pos == "relation"
                                  for c in index.lexicon.interactions):
        return None  # "a Labour supporter", "a Tory critic": a stance, not a membership
    for child in noun.children:
        key = index.entity_at(child) if child.dep_ in {"compound", "amod", "nmod"} else None
        if key is not None and index.clusters[key].type == "Organization":
            return key
    return _party_come_from(noun, index)


def _party_come_from(noun: Token, index: MentionIndex) -> str | None:
    """"a Dutch MEP from the Green Party", "a lawmaker from the ruling BJP": the party the
    person described comes from."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "from"):
        for pobj in (p for p in prep.children if p.dep_ == "pobj"):
            key = index.resolve(pobj) or next((index.entity_at(c) for c in pobj.children
                                               if c.dep_ in {"compound", "poss"} and index.entity_at(c)), None)
            if key is not None and _is_party(key, index):
                return key
    return None


def _described_memberships(verb: Token, index: MentionIndex) -> Iterator[tuple[str, str]]:
    """"X is a Tory", "X, who stood as a Labour candidate", "X became a Green councillor".

    Notes:
        A denied description ("X was never a Tory") is no membership, nor one said of a
        pronoun inside a quote (as for posts in :func:`_copular`).
    """
    if is_negated(verb):
        return
    if index.quote_mask[verb.idx] and any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in verb.children):
        return  # "he is a strong Labour member" in someone's quote: "he" is not resolvable here
    person = clause_subject(verb, index)
    if person is None or index.clusters[person].type != "Person":
        return
    nouns = [c for c in verb.children if c.dep_ in {"attr", "oprd"}]
    nouns += [p for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "as"
              for p in prep.children if p.dep_ == "pobj"]
    for noun in nouns:
        org = _body_described(noun, index)
        if org is not None:
            yield person, org
