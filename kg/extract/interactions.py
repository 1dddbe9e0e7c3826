"""Interactions: who criticises and who supports whom (source → target).

Cues come from the ``interactions.tsv`` lexicon and are matched on lemmas through the
dependency parse (gold/GUIDELINE.md "Criticisms", "Supports"):

* verbs, active and passive: "X criticised Y's handling", "Y was condemned by X", with
  participle clauses taking their head's subject ("…, accusing her of …");
* phrasal verbs: "X pushed back against Y's comments", "X hit out at Y";
* nouns: "X's criticism of Y", "X's support for figures like Y", "X's backing of Y";
* a person described by their stance: "X, a close ally of Y", "X is a critic of Y";
* demands: "X called for Y's resignation", "X called on Y to publish the figures", "X
  urged Y to step down", "X repeated calls for Y to apologise";
* naming: "X called Y a liar", "Y's comments were described as irresponsible by X";
* negative judgements in attributed speech: "X is a liar", "X doesn't have what it takes",
  "X deserves to be in prison", "the plan was dangerous" (the plan's owner, from earlier in
  the article) said by S → S criticises X.

Negated cues ("did not criticise") give nothing; a possessive pronoun for the actor itself
("defended his record") is not a target. Criticism with no cue word at all, read from the
tone of attributed words, is ``kg.extract.tone``'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from kg.extract import tone
from kg.extract.common import (
    NAMING_VERBS,
    STIGMATISING_VERBS,
    author_of,
    clause_subject,
    coordinated_subjects,
    evidence_for,
    governor,
    inherited_subject,
    is_actor,
    is_done_to_nothing,
    is_negated,
    is_passive,
    is_possessor,
    owners_written,
    passive_agent,
    possessor,
    sentence_of,
    targets_of,
)
from kg.extract.mentions import PRONOUN_GENDER
from kg.lexicons import Judgement
from kg.model import Fact

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from kg.extract.mentions import MentionIndex
    from kg.extract.quotes import Attribution
    from kg.lexicons import InteractionCue, Lexicon

EXTRACTOR = "interactions.v1"
JUDGEMENT_EXTRACTOR = "judgements.v1"
TARGET_PREPOSITIONS = {"of", "on", "for", "against", "towards", "toward", "about"}
LIKENING_VERBS = {"liken"}
SUPPORT_PREDICATES = {"supports", "praises", "endorses", "defends"}
# Words that turn a word of praise into a demand or a lack: "should show courage".
WANTING = {"lack", "should", "must", "need", "ought"}
# Nouns for what someone asserts that the parser may read as verbs ("Tory claims they …").
MISREAD_CLAIMS = {"claims", "suggestions", "assertions", "allegations"}
# Verbs that doubt what someone said or did ("questioned X's theory"), but only ask when
# done to the person ("X was questioned by police").
DOUBTING_VERBS = {"question"}
# Adverbs that turn a verb's meaning around: "mockingly welcomed".
IRONIC = {"mockingly", "sarcastically", "ironically", "jokingly", "sardonically"}
# A word of praise its subject is said to lack ("X lacks the courage to …") is blame.
LACKING = Judgement(kind="evaluation", lemmas=("lack",), predicate="criticises")
# "Y should have acted sooner": a reproach for what was not done (not "should have been given").
REPROACH = Judgement(kind="phrase", lemmas=("should", "have"), predicate="criticises")
# "X demanded Y quit": a demand that someone leave (or apologise), the clause's subject.
DEMANDED_DEPARTURE = Judgement(kind="phrase", lemmas=("demand", "quit"), predicate="demandsActionAgainst")
RETORTED = Judgement(kind="phrase", lemmas=("hit", "back"), predicate="rejects")
PUNISHMENT_DEMANDED = Judgement(kind="phrase", lemmas=("demand", "punish"), predicate="demandsActionAgainst")
DEPARTURE_VERBS = {"quit", "resign", "step", "stand", "apologise", "apologize"}
DEPARTURE_DEMANDING_VERBS = {"demand", "insist"}
# "X asked Y to resign", "X challenged Y to stand down": asking, which mostly demands
# nothing, is a demand when what is asked is that Y leave or apologise.
DEPARTURE_ASKING_VERBS = {"ask", "challenge", "press", "tell", "implore", "beg", "invite"}
# Naming someone in words that read negative, no word of the lexicon among them ("described as 'irresponsible'").
NEGATIVE_NAMING = Judgement(kind="adjective", lemmas=("negative",), predicate="criticises")


def extract(doc: Doc, *, index: MentionIndex, lexicon: Lexicon, article_id: str,
            speeches: Iterable[Statement] = ()) -> Iterator[Fact]:
    """Yield ``criticises`` and ``supports`` facts, one per (source, target, finer kind)."""
    seen: set[tuple[str, str, str | None]] = set()
    found: list[Fact] = []

    def kept(facts: Iterable[Fact]) -> Iterator[Fact]:
        for fact in facts:
            assert fact.object is not None
            key = (fact.subject, fact.object, fact.predicate)
            if key in seen or fact.subject == fact.object:
                continue
            if index.clusters[fact.object].type == "Place" or index.clusters[fact.subject].type == "Place":
                continue
            seen.add(key)
            found.append(fact)
            yield fact

    yield from kept(_all(doc, index, lexicon, article_id, list(speeches)))
    yield from kept(_critics_answered(doc, index, article_id, found))


def _all(doc: Doc, index: MentionIndex, lexicon: Lexicon, article_id: str,
         speeches: list[Statement]) -> Iterator[Fact]:
    verb_cues = lexicon.verb_cues()
    noun_cues = {c.cue: c for c in lexicon.interactions if c.pos == "noun"}
    phrasal = [c for c in lexicon.interactions if c.pos == "phrasal"]
    demand_cues = {c.cue: c for c in lexicon.interactions if c.pos == "demand"}
    relation_cues = {c.cue: c for c in lexicon.interactions if c.pos == "relation"}
    adjective_cues = {c.cue: c for c in lexicon.interactions if c.pos == "adjective"}
    urging = [c for c in lexicon.interactions if c.pos == "urging"]
    urging_nouns = {c.cue.split()[0] for c in urging}  # "calls for Y to quit"
    reactions = {c.cue.split()[-1]: c for c in lexicon.interactions if c.pos == "reaction"}
    for tok in doc:
        if index.in_furniture(tok):
            continue
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB":
            for cue in phrasal:
                if cue.cue.split()[0] == lemma:
                    yield from _phrasal(doc, index, article_id, tok, cue)
            if lemma in verb_cues and not _is_phrasal_use(tok):
                yield from _verb(doc, index, article_id, tok, verb_cues[lemma])
            if lemma in NAMING_VERBS:
                yield from _naming(doc, index, lexicon, article_id, tok)
            for cue in urging:
                if cue.cue.split()[0] == lemma:
                    yield from _urging(doc, index, article_id, tok, cue)
            if lemma in reactions:
                yield from _reaction(doc, index, article_id, tok, reactions[lemma])
            if lemma in DEPARTURE_DEMANDING_VERBS:
                yield from _departure_demanded(doc, index, article_id, tok)
            if lemma in DEPARTURE_ASKING_VERBS:
                yield from _departure_asked(doc, index, article_id, tok)
            if _is_retort(tok):
                yield from _retort(doc, index, lexicon, article_id, tok)
        elif tok.pos_ == "NOUN" and lemma in urging_nouns:
            for cue in urging:
                if cue.cue.split()[0] == lemma:
                    yield from _urging(doc, index, article_id, tok, cue)
        if tok.pos_ == "NOUN" and lemma in noun_cues:
            yield from _noun(doc, index, article_id, tok, noun_cues[lemma])
        elif tok.pos_ == "NOUN" and lemma in demand_cues:
            yield from _demand(doc, index, article_id, tok, demand_cues[lemma])
        elif tok.pos_ == "NOUN" and lemma in relation_cues:
            yield from _relation(doc, index, article_id, tok, relation_cues[lemma])
        elif tok.pos_ == "ADJ" and lemma in adjective_cues:
            yield from _stance(doc, index, article_id, tok, adjective_cues[lemma])
    yield from _judgements(doc, index, lexicon, article_id, speeches)


def _fact(doc: Doc, index: MentionIndex, article_id: str, source: str, target: str,
          cue: InteractionCue | Judgement, first: int, last: int, confidence: float,
          extractor: str = EXTRACTOR) -> Fact:
    kind = "supports" if cue.predicate in SUPPORT_PREDICATES else "criticises"
    return Fact(kind=kind, subject=source, object=target, predicate=cue.predicate,
                confidence=confidence, evidence=evidence_for(doc, article_id, first, last),
                extractor=extractor)


def _actor(verb: Token, index: MentionIndex) -> str | None:
    # A clause with a subject of its own that names no one ("unionists, some of whom dubbed
    # him …") takes no subject from the clause it hangs on.
    own_subject = any(c.dep_ in {"nsubj", "nsubjpass", "csubj"} for c in verb.children)
    actor = clause_subject(verb, index) or (None if own_subject else inherited_subject(verb, index))
    if actor is None and verb.dep_ == "acl" and verb.tag_ in {"VBD", "VBN"} and verb.head.dep_ == "ROOT" \
            and not any(c.dep_ in {"agent", "auxpass"} for c in verb.children):
        # "X, for the Greens, called on …": a finite verb the parser hung on the subject
        # as if the subject were the sentence's root.
        actor = index.resolve(verb.head) or author_of(verb.head, index)
    if actor is None and verb.dep_ == "acl" and verb.tag_ in {"VBD", "VBN"} and verb.head.dep_ == "appos" \
            and verb.head.head.dep_ == "ROOT" and verb.i > 0 and verb.doc[verb.i - 1].text == ",":
        # "X, her campaign manager, called …": the verb hung on the description of the subject
        # (set off by its comma, unlike "a friend called Ann").
        actor = index.resolve(verb.head.head)
    if (actor is None or index.clusters[actor].type == "Place") and verb.dep_ == "conj" \
            and verb.head.dep_ == "ccomp" and verb.head.head.pos_ == "VERB":
        # "X said America needed to act but defended Y": the parser joined the second verb
        # to the reported clause; no place defends, so it is the reporting subject's act.
        actor = clause_subject(verb.head.head, index) or actor
    if actor is None:
        # "A report by the X committee criticised Y": a document speaks for its author.
        actor = next((author for c in verb.children if c.dep_ == "nsubj" and (author := author_of(c, index))), None)
    return actor


def _is_phrasal_use(verb: Token) -> bool:
    """"back" in "pushed back": a particle makes it another verb."""
    return any(c.dep_ == "prt" for c in verb.children)


def _verb(doc: Doc, index: MentionIndex, article_id: str, verb: Token, cue: InteractionCue) -> Iterator[Fact]:
    if is_negated(verb) or (verb.dep_ == "xcomp" and is_negated(verb.head)):  # "did not want to attack"
        return
    if any(c.dep_ == "advmod" and c.lower_ in IRONIC for c in verb.children):
        return  # "mockingly welcomed the chancellor back": no praise, and no clear blame
    split = _passive_split_by_time(verb)
    if is_passive(verb) or split:
        source = passive_agent(verb, index)
        objects = split or [c for c in verb.children if c.dep_ == "nsubjpass"]
    else:
        source = _actor(verb, index)
        objects = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
        reported = _reported_then_acted_on(verb, objects, index)
        if reported is not None:
            source, objects = _actor(verb.head.head, index), [reported]
        if not objects:
            # "derided Tory claims they could …": the parser read "claims" as the verb of a
            # clause whose subject is the claimant.
            objects = [s for c in verb.children if c.dep_ == "ccomp" and c.lower_ in MISREAD_CLAIMS
                       for s in c.children if s.dep_ == "nsubj"]
        if not objects and cue.cue in DOUBTING_VERBS:
            # "questioned whether Y was fit to lead": the doubt is cast on the clause's subject.
            objects = [s for c in verb.children if c.dep_ == "ccomp" and _asks_whether(c)
                       for s in c.children if s.dep_ == "nsubj"]
        if source is None:
            # "It blamed the department for …": "it" that criticises is a body named just before.
            it = next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ == "it"), None)
            source = index.body_before(it) if it is not None else None
    sources = [source] if source is not None else []
    if not is_passive(verb) and not split:
        sources += [s for s in coordinated_subjects(verb, index) if s not in sources]
    for source in sources:
        if not is_actor(index, source):
            continue
        for obj in objects:
            if cue.cue in DOUBTING_VERBS and obj.dep_ != "nsubj" and index.resolve(obj) is not None:
                continue  # "X was questioned by police": asked, not doubted
            for target in targets_of(obj, index, exclude=frozenset({source})):
                if is_actor(index, target):
                    yield _fact(doc, index, article_id, source, target, cue, verb.i, obj.i, cue.confidence)


def _reported_then_acted_on(verb: Token, objects: list[Token], index: MentionIndex) -> Token | None:
    """"X said Y had shown courage and defended her": the parser joins the act to the
    reported clause, but no one defends "her" meaning themselves, so the one who speaks acts
    on the one spoken of (whose gender does not rule the pronoun out): Y's subject token."""
    clause = verb.head
    if verb.dep_ != "conj" or clause.dep_ != "ccomp" or clause.head.pos_ != "VERB" \
            or any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return None
    pronoun = next((o for o in objects if o.lower_ in {"him", "her"}), None)
    spoken_of = next((c for c in clause.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)
    if pronoun is None or spoken_of is None or (key := index.resolve(spoken_of)) is None:
        return None
    gender = index.clusters[key].gender
    return spoken_of if gender in {None, PRONOUN_GENDER[pronoun.lower_]} else None


def _passive_split_by_time(verb: Token) -> list[Token]:
    """"X was last night accused by Y": the parser hangs the participle on the time phrase
    between "was" and it; the subjects of "was" are those it was done to."""
    head = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or head.dep_ != "npadvmod" or head.head.lemma_ != "be" \
            or not any(c.dep_ == "agent" for c in verb.children):
        return []
    return [c for c in head.head.children if c.dep_ == "nsubj"]


def _asks_whether(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in clause.children)


def _phrasal(doc: Doc, index: MentionIndex, article_id: str, verb: Token, cue: InteractionCue) -> Iterator[Fact]:
    """Follow the cue's words down the parse: "push" → "back" → "against" → object."""
    if is_negated(verb):
        return
    node = verb
    for word in cue.cue.split()[1:]:
        # The parser hangs "against" on "back" or on "push" itself: look in both places.
        candidates = [*node.children, *verb.children]
        nxt = next((c for c in candidates if c.i > node.i and (c.lower_ == word or c.lemma_ == word)), None)
        if nxt is None:
            return
        node = nxt
    source = _actor(verb, index)
    if not is_actor(index, source):
        return
    assert source is not None
    # "shrugged off claims from X": a cue ending in a particle takes the verb's object.
    objects = [c for c in (verb if node.dep_ in {"prt", "advmod"} else node).children if c.dep_ in {"pobj", "dobj"}]
    for pobj in objects:
        for target in targets_of(pobj, index, exclude=frozenset({source})):
            if is_actor(index, target):
                yield _fact(doc, index, article_id, source, target, cue, verb.i, pobj.i, cue.confidence)


def _noun(doc: Doc, index: MentionIndex, article_id: str, noun: Token, cue: InteractionCue) -> Iterator[Fact]:
    """"X's criticism of Y", "X's support for Y", "X's attack on Y"."""
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "to" else None
    if verb is not None and RALLYING_VERBS & {verb.lemma_.lower(), verb.lower_} and cue.kind == "supports":
        yield from _rallying(doc, index, article_id, noun, verb, cue)
        return
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in RECEIVING_VERBS and cue.kind == "supports":
        yield from _support_received(doc, index, article_id, noun, noun.head, cue)
        return
    source = None
    for child in noun.children:
        if is_possessor(child):
            source = index.resolve(child)
    named_after = False  # the source is named after the noun: "criticism from X"
    if source is None:
        # "a complaint from X"; "drew a rebuke from X", where the parser hangs "from" on the verb.
        borne_by = _bearing_verb(noun)
        for prep in [*noun.children, *(borne_by.children if borne_by is not None else ())]:
            if prep.dep_ == "prep" and prep.lower_ in {"by", "from"}:
                for pobj in prep.children:
                    source = source or index.resolve(pobj)
        named_after = source is not None
    if source is None:
        # "X launched an attack on Y", "X came out in support of Y": the verb's subject.
        verb = noun.head if noun.dep_ == "dobj" else noun.head.head if noun.dep_ == "pobj" else None
        if verb is not None and verb.pos_ == "VERB" and not is_negated(verb):
            source = _actor(verb, index)
    if source is None and noun.dep_ == "attr" and noun.head.lemma_ == "be" and not is_negated(noun.head):
        # "The committee's report was a stinging rebuke for Y": whose the report (or speech) is.
        subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        source = next(iter(targets_of(subject, index)), None) if subject is not None else None
    if not is_actor(index, source):
        return
    assert source is not None
    found = False
    preps, prepositions = list(noun.children), TARGET_PREPOSITIONS
    if cue.kind == "supports":
        # "threw her support behind Y", "behind" hung on the noun or the verb: whom it is for.
        prepositions = TARGET_PREPOSITIONS | {"behind"}
        preps += [c for c in noun.head.children if c.lower_ == "behind" and noun.dep_ == "dobj"]
    for prep in preps:
        if prep.dep_ != "prep" or prep.lower_ not in prepositions:
            continue
        # "a complaint about Y", "… about how Y uses its call centres" (whoever does it).
        objects = [c for c in prep.children if c.dep_ == "pobj"] + [
            s for c in prep.children if c.dep_ == "pcomp" for s in c.children if s.dep_ == "nsubj"]
        for pobj in objects:
            for target in targets_of(pobj, index, exclude=frozenset({source})):
                if is_actor(index, target):
                    found = True
                    yield _fact(doc, index, article_id, source, target, cue, noun.i, pobj.i, cue.confidence * 0.95)
    if not found and named_after and cue.kind == "criticises":
        target = _criticism_bearer(noun, index)
        if target is not None and target != source and is_actor(index, target):
            yield _fact(doc, index, article_id, source, target, cue, noun.i, noun.i, cue.confidence * 0.85)


# "X came / rushed / leapt to Y's defence": Y is defended, by X (with the past forms the
# lemmatizer leaves as they are).
RALLYING_VERBS = {"come", "rush", "leap", "leapt", "spring", "sprang", "jump", "hurry", "race"}
# "X won / gained the backing of Y", "X received Y's support", "X has the support of Y": Y supports X.
RECEIVING_VERBS = {"win", "gain", "receive", "secure", "get", "earn", "attract", "enjoy", "land", "have", "command",
                   "retain"}


def _support_received(doc: Doc, index: MentionIndex, article_id: str, noun: Token, verb: Token,
                      cue: InteractionCue) -> Iterator[Fact]:
    receiver = _actor(verb, index)
    if is_negated(verb) or not is_actor(index, receiver):
        return
    assert receiver is not None
    for giver in owners_written(noun, ("of", "from")):
        for source in targets_of(giver, index, exclude=frozenset({receiver})):
            if is_actor(index, source):
                yield _fact(doc, index, article_id, source, receiver, cue, verb.i, giver.i, cue.confidence)


def _rallying(doc: Doc, index: MentionIndex, article_id: str, noun: Token, verb: Token,
              cue: InteractionCue) -> Iterator[Fact]:
    source = _actor(verb, index)
    if is_negated(verb) or not is_actor(index, source):
        return
    assert source is not None
    for owner in owners_written(noun):  # "to Y's defence", "to the defence of Y"
        for target in targets_of(owner, index, exclude=frozenset({source})):
            if is_actor(index, target):
                yield _fact(doc, index, article_id, source, target, cue, verb.i, noun.i, cue.confidence)


# "X faced / drew / provoked criticism from Y": the verb's subject bears it.
BEARING_VERBS = {"face", "draw", "attract", "receive", "provoke", "spark", "prompt", "trigger", "suffer", "incur"}
# "X went ahead despite / amid / after criticism from Y": the clause's subject bears it.
BEARING_PREPOSITIONS = {"despite", "amid", "amidst", "after", "following"}


def _bearing_verb(noun: Token) -> Token | None:
    """The verb whose subject bears a criticism: "X faced / drew criticism", "X came in for
    criticism"."""
    host = noun.head
    if noun.dep_ == "dobj" and host.lemma_ in BEARING_VERBS and not is_negated(host):
        return host
    if noun.dep_ == "pobj" and host.lower_ == "for" and host.head.lemma_ == "come" \
            and any(c.dep_ == "prt" and c.lower_ == "in" for c in host.head.children) and not is_negated(host.head):
        return host.head
    return None


def _criticism_bearer(noun: Token, index: MentionIndex) -> str | None:
    """Who a criticism with no written target is aimed at, from the clause around it."""
    host = noun.head
    bearing = _bearing_verb(noun)
    if bearing is not None:
        # "X faced criticism"; "X's plan drew a rebuke", "his remarks drew …": whose they are.
        subject = next((c for c in bearing.children if c.dep_ == "nsubj"), None)
        owners = targets_of(subject, index) if subject is not None else []
        return _actor(bearing, index) or (owners[0] if len(owners) == 1 else None)
    if noun.dep_ == "pobj" and host.lower_ in BEARING_PREPOSITIONS and host.head.pos_ in {"VERB", "AUX"}:
        return _actor(host.head, index)
    return None


DEMANDING_VERBS = {"demand", "call", "urge", "seek", "want", "press"}
# Done to someone to punish or be rid of them: "called for Y to be sacked / scrapped / wound up".
PUNITIVE_VERBS = {"sack", "fire", "dismiss", "remove", "scrap", "abolish", "wind", "replace", "jail", "imprison",
                  "prosecute", "suspend", "expel", "disband", "censure", "punish", "discipline", "oust"}


def _demand(doc: Doc, index: MentionIndex, article_id: str, noun: Token, cue: InteractionCue) -> Iterator[Fact]:
    """"X demanded Y's resignation", "X called for the sacking of Y"."""
    verb = noun.head if noun.dep_ == "dobj" else noun.head.head if noun.dep_ == "pobj" else None
    if verb is None or verb.lemma_ not in DEMANDING_VERBS or is_negated(verb):
        return
    source = _actor(verb, index)
    if not is_actor(index, source):
        return
    assert source is not None
    for tok in owners_written(noun):
        for target in targets_of(tok, index, exclude=frozenset({source})):
            if is_actor(index, target):
                yield _fact(doc, index, article_id, source, target, cue, verb.i, tok.i, cue.confidence)


STANCE_PREPOSITIONS = {"of", "about", "towards", "toward"}


def _stance(doc: Doc, index: MentionIndex, article_id: str, adjective: Token, cue: InteractionCue) -> Iterator[Fact]:
    """"X is critical of Y", "X was scathing about Y's plans", "X has been supportive of Y":
    the subject of the verb the adjective completes, towards the preposition's object (not
    "X is not critical of Y", nor "critical care", "a critical moment")."""
    verb = adjective.head
    if adjective.dep_ != "acomp" or verb.pos_ not in {"AUX", "VERB"} or is_negated(verb) or is_negated(adjective):
        return
    source = _actor(verb, index)
    if not is_actor(index, source):
        return
    assert source is not None
    for prep in adjective.children:
        if prep.dep_ != "prep" or prep.lower_ not in STANCE_PREPOSITIONS:
            continue
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            for target in targets_of(pobj, index, exclude=frozenset({source})):
                if is_actor(index, target):
                    yield _fact(doc, index, article_id, source, target, cue, adjective.i, pobj.i, cue.confidence)


def _urging(doc: Doc, index: MentionIndex, article_id: str, verb: Token, cue: InteractionCue) -> Iterator[Fact]:
    """"X called on Y to resign / open the books", "X called for Y to apologise", "X repeated
    calls for Y to quit": the preposition's object is the target, and only with the "to"
    clause that says what Y must do (hung on the verb or noun, or, misread, on "to")."""
    infinitives = [c for c in verb.children if c.i > verb.i and _is_infinitive(c)]
    punished = _punishment_urged(verb, infinitives)
    if punished and not is_negated(verb):
        yield from _punishment_demanded(doc, index, article_id, verb, punished)
        return  # Y is to carry the punishment out, not its target
    if is_negated(verb) or not infinitives or any(c.dep_ == "auxpass" and i.lemma_.lower() not in PUNITIVE_VERBS
                                                  for i in infinitives for c in i.children):
        return  # none, or something done for Y: "called for Y to be given more time" (not "sacked")
    # "X urged Y to quit": a verb of one word takes Y as its object.
    word = cue.cue.split()[1] if " " in cue.cue else None
    source = (possessor(verb, index) or _caller(verb, infinitives, index) or _actor(verb.head, index)) \
        if verb.pos_ == "NOUN" else _actor(verb, index)
    if not is_actor(index, source):
        return
    assert source is not None
    # "for Y to resign" read as a clause of its own: "for" hangs on "resign".
    preps = [c for c in verb.children if c.dep_ in {"prep", "prt"} and c.lower_ == word] + [
        c for i in infinitives for c in i.children if c.dep_ in {"mark", "prep"} and c.lower_ == word and c.i < i.i]
    objects = [c for p in preps for c in p.children if c.dep_ == "pobj"] + [
        # "calls for the mayor to apologise" read as "for" marking a clause whose subject is Y.
        c for i in infinitives if any(m.dep_ == "mark" and m.lower_ == word for m in i.children)
        for c in i.children if c.dep_ in {"nsubj", "nsubjpass"}] if word else [
        c for c in verb.children if c.dep_ == "dobj"] + [
        c for i in infinitives for c in i.children if c.dep_ == "nsubj" and c.i > verb.i]
    for pobj in objects:
        for target in targets_of(pobj, index, exclude=frozenset({source})):
            if is_actor(index, target):
                yield _fact(doc, index, article_id, source, target, cue, verb.i, pobj.i, cue.confidence)


def _caller(call: Token, infinitives: list[Token], index: MentionIndex) -> str | None:
    """"calls from X for Y to resign", "a call for Y to 'think again' from X" (the
    parser may hang "from" on what is called for): who made the call."""
    preps = [c for c in call.children if c.dep_ == "prep" and c.lower_ == "from"] + [
        c for i in infinitives for c in i.children if c.dep_ == "prep" and c.lower_ == "from"]
    return next((key for p in preps for o in p.children if o.dep_ == "pobj" and (key := index.resolve(o))), None)


# "X hit back, saying Y had …", "X retorted that Y …": a reply to an attack, against whoever
# the reply's clause is about.
RETORT_VERBS = {"retort"}
STRIKING_BACK_VERBS = {"hit", "fire", "strike", "shoot", "punch"}


# "X dismissed the criticism, saying Y had …", "Responding to the charge, X said Y …": a
# rebuttal, aimed at whoever the clause it gives is about.
REBUTTING_VERBS = {"dismiss", "reject", "rebuff", "deny", "brush", "shrug", "counter", "rebut", "refute"}
RESPONDING_VERBS = {"respond", "react", "reply"}
REBUTTED_NOUNS = {"criticism", "charge", "accusation", "allegation", "attack", "claim", "complaint", "jibe",
                  "remark", "comment", "suggestion", "critique", "characterisation", "characterization",
                  "portrayal", "insinuation", "smear", "slur", "assertion"}


def _is_retort(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in RETORT_VERBS:
        return True
    if lemma in STRIKING_BACK_VERBS:
        return any(c.dep_ in {"prt", "advmod"} and c.lower_ == "back" for c in verb.children)
    return _is_rebuttal(verb)


def _owned(nouns: list[Token]) -> bool:
    """"Y's claim", "the charge from Y", "Conservative claims", "claims made by Y": the
    rebutted words' author is written with them."""
    return any(is_possessor(c) or c.dep_ == "prep" and c.lower_ in {"of", "from", "by"}
               or c.dep_ in {"compound", "amod"} and c.ent_type_ in {"NORP", "ORG", "PERSON"}
               or c.dep_ == "acl" and any(a.dep_ == "agent" for a in c.children)
               for noun in nouns for c in noun.children)


def _is_rebuttal(verb: Token) -> bool:
    """"X rejected the charge", "Responding to the criticism, X said …"."""
    if verb.lemma_.lower() in REBUTTING_VERBS:
        return any(c.dep_ == "dobj" and c.lemma_.lower() in REBUTTED_NOUNS for c in verb.children)
    return any(c.dep_ == "advcl" and c.lemma_.lower() in RESPONDING_VERBS and any(
        p.dep_ == "prep" and p.lower_ == "to" and any(o.lemma_.lower() in REBUTTED_NOUNS for o in p.children)
        for p in c.children) for c in verb.children)


def _retort(doc: Doc, index: MentionIndex, lexicon: Lexicon, article_id: str, verb: Token) -> Iterator[Fact]:
    """The subjects of the clause a retort or rebuttal reports ("hit back, saying the FDP had
    broken its word"), not the retorter's own side; "hit back at Y" is the phrasal cue's."""
    if is_negated(verb) or any(c.dep_ == "prep" and c.lower_ == "at" for c in verb.children):
        return
    source = _actor(verb, index)
    if not is_actor(index, source):
        return
    assert source is not None
    rebutted = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in REBUTTED_NOUNS]
    if _owned(rebutted):
        # "dismissed Y's claim": the claim's owner is the target, the cue's (or, for a verb that
        # is no cue alone, "denied Conservative claims that …", this rule's).
        if verb.lemma_.lower() not in lexicon.verb_cues():
            for noun in rebutted:
                for target in targets_of(noun, index, exclude=frozenset({source})):
                    if is_actor(index, target):
                        yield _fact(doc, index, article_id, source, target, RETORTED, verb.i, noun.i, 0.65)
        return
    # What a rebuttal says is in its "saying" clause, not in what it rebuts ("countered
    # complaints that …").
    clauses = [] if rebutted else list(_reported_clauses(verb, lexicon))
    clauses += [clause for saying in verb.children
                if saying.dep_ == "advcl" and saying.lemma_.lower() in lexicon.speech_verbs
                for clause in _reported_clauses(saying, lexicon)]
    own = index.affiliations.get(source, set())
    for clause in clauses:
        for subject in (c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}):
            for target in targets_of(subject, index, exclude=frozenset({source}) | own):
                if is_actor(index, target) and source not in index.affiliations.get(target, set()):
                    yield _fact(doc, index, article_id, source, target, RETORTED, verb.i, subject.i, 0.65)


# Sentences before a retort in which the criticism it answers is looked for, and the claim it denies.
ANSWERED_WINDOW = 3
CLAIM_WINDOW = 6


def _critics_answered(doc: Doc, index: MentionIndex, article_id: str, facts: list[Fact]) -> Iterator[Fact]:
    """"Y accused X of … X dismissed the criticism": a rebuttal of a criticism not otherwise
    named answers the latest criticism of X (or of a body X belongs to) in the sentences
    before it, and turns on its author. (A retort, "X hit back", is aimed by what it says.)"""
    starts = [s.start_char for s in doc.sents]
    for verb in doc:
        if verb.pos_ != "VERB" or not _is_rebuttal(verb) or is_negated(verb) \
                or _owned([c for c in verb.children if c.dep_ == "dobj"]):
            continue
        rebutter = _actor(verb, index)
        if rebutter is None or not is_actor(index, rebutter):
            continue
        sentence = sentence_of(verb)
        number = starts.index(sentence.start_char)
        earliest = starts[max(0, number - ANSWERED_WINDOW)]
        answerable = {rebutter} | index.affiliations.get(rebutter, set())
        criticisms = [f for f in facts if f.kind == "criticises" and f.object in answerable
                      and earliest <= f.evidence.start < sentence.start_char and f.subject not in answerable]
        if criticisms:
            critic = max(criticisms, key=lambda f: f.evidence.start).subject
            yield _fact(doc, index, article_id, rebutter, critic, RETORTED, verb.i, verb.i, 0.6)
            continue
        # A claim may be told at length, in a quote of several sentences, before it is denied.
        claimant = _last_claimant(verb, index, starts[max(0, number - CLAIM_WINDOW)], answerable)
        if claimant is not None:
            yield _fact(doc, index, article_id, rebutter, claimant, RETORTED, verb.i, verb.i, 0.6)


# "Y claimed that … X denied the claims": what a rebutted noun says was done, by the verb
# that does it.
CLAIMING_VERBS = {"claim": {"claim"}, "allegation": {"allege"}, "suggestion": {"suggest"}}


def _last_claimant(verb: Token, index: MentionIndex, earliest: int, answerable: set[str]) -> str | None:
    """Who last made, in the sentences before, the claim a rebuttal rejects ("He claimed he was
    mistreated. The government denied the claims"), when the claim is no criticism found."""
    making = {v for c in verb.children if c.dep_ == "dobj" for v in CLAIMING_VERBS.get(c.lemma_.lower(), ())}
    start = sentence_of(verb).start
    for earlier in reversed(verb.doc[:start]):
        if earlier.idx < earliest:
            break
        if earlier.pos_ == "VERB" and earlier.lemma_.lower() in making and not is_negated(earlier):
            claimant = _actor(earlier, index)
            if claimant is not None and claimant not in answerable and is_actor(index, claimant):
                return claimant
    return None


def _punishment_urged(verb: Token, infinitives: list[Token]) -> list[Token]:
    """"X called on Y to sack Z", "X urged the party to expel Z": Z, whose punishment X
    demands (also when "to sack Z" is misread as a name "sack Z", object of "called")."""
    objects = [c for i in infinitives if i.lemma_.lower() in PUNITIVE_VERBS and not is_negated(i)
               and not any(a.dep_ == "auxpass" for a in i.children)
               for c in i.children if c.dep_ == "dobj"]
    return objects + [c for c in verb.children if c.dep_ == "dobj" and any(
        m.dep_ == "compound" and m.lemma_.lower() in PUNITIVE_VERBS and any(a.lower_ == "to" for a in m.children)
        for m in c.children)]


def _punishment_demanded(doc: Doc, index: MentionIndex, article_id: str, verb: Token,
                         punished: list[Token]) -> Iterator[Fact]:
    source = (possessor(verb, index) or _actor(verb.head, index)) if verb.pos_ == "NOUN" else _actor(verb, index)
    if not is_actor(index, source):
        return
    assert source is not None
    for tok in punished:
        for target in targets_of(tok, index, exclude=frozenset({source})):
            if is_actor(index, target):
                yield _fact(doc, index, article_id, source, target, PUNISHMENT_DEMANDED, verb.i, tok.i, 0.7)


def _departure_demanded(doc: Doc, index: MentionIndex, article_id: str, verb: Token) -> Iterator[Fact]:
    """"X demanded Y quit", "X insisted Y step down": a demand, in the subjunctive, that Y
    leave or apologise (not "X insisted Y would stay", "X demanded Y not quit")."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and _is_departure(c)]
    if not clauses or is_negated(verb):
        return  # most uses of "demand" and "insist" demand no one's going: no actor to find
    source = _actor(verb, index)
    if not is_actor(index, source):
        return
    assert source is not None
    for clause in clauses:
        for subject in (c for c in clause.children if c.dep_ == "nsubj"):
            for target in targets_of(subject, index, exclude=frozenset({source})):
                if is_actor(index, target):
                    yield _fact(doc, index, article_id, source, target, DEMANDED_DEPARTURE, verb.i, subject.i, 0.75)


def _departure_asked(doc: Doc, index: MentionIndex, article_id: str, verb: Token) -> Iterator[Fact]:
    """"X asked Y to resign", "X challenged Y to stand down", "X told Y to apologise and
    withdraw …": Y, the object, or the subject the parser gave the "to" clause."""
    if is_negated(verb):
        return
    clauses = [c for c in verb.children if c.dep_ in {"xcomp", "ccomp"} and _is_departure(c, infinitive=True)]
    if not clauses:
        return
    source = _actor(verb, index)
    if not is_actor(index, source):
        return
    assert source is not None
    asked = [c for c in verb.children if c.dep_ == "dobj"] + [
        c for clause in clauses if clause.dep_ == "ccomp" for c in clause.children if c.dep_ == "nsubj"]
    for tok in asked:
        for target in targets_of(tok, index, exclude=frozenset({source})):
            if is_actor(index, target):
                yield _fact(doc, index, article_id, source, target, DEMANDED_DEPARTURE, verb.i, tok.i, 0.7)


def _is_departure(clause: Token, *, infinitive: bool = False) -> bool:
    """"Y quit", "Y step down", "Y should resign" (or, asked, "Y to resign"): a leaving, as
    what is demanded (not "Y would stay", "Y not quit", "Y stand for election")."""
    if clause.lemma_.lower() not in DEPARTURE_VERBS or clause.tag_ not in {"VB", "VBP", "VBD"} \
            or is_negated(clause):
        return False
    allowed = {"to"} if infinitive else {"should", "must"}
    if any(c.dep_ == "aux" and c.lower_ not in allowed for c in clause.children) \
            or infinitive and not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return False
    return clause.lemma_ not in {"step", "stand"} \
        or any(c.dep_ == "prt" and c.lower_ in {"down", "aside"} for c in clause.children)


def _is_infinitive(tok: Token) -> bool:
    """A "to" clause: "to resign" as a clause, or misread as "to" with a verb for object."""
    if tok.dep_ in {"xcomp", "advcl", "relcl"}:
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) or tok.dep_ == "xcomp"
    # "called for Y to apologise" with "apologise" read as a noun: a bare lower-case word.
    return tok.dep_ == "prep" and tok.lower_ == "to" and any(
        c.dep_ == "pobj" and c.tag_ in {"VB", "NN"} and c.is_lower and not list(c.children) for c in tok.children)


def _reaction(doc: Doc, index: MentionIndex, article_id: str, verb: Token, cue: InteractionCue) -> Iterator[Fact]:
    """"Her comments angered X", "The plan did not impress X": X turns against whoever did it."""
    if is_negated(verb) != cue.cue.startswith("not ") or is_passive(verb):
        return
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    for obj in (c for c in verb.children if c.dep_ in {"dobj", "obj"}):
        source = index.resolve(obj)
        if not is_actor(index, source):
            continue
        assert source is not None
        for subject in subjects:
            for target in targets_of(subject, index, exclude=frozenset({source})):
                if is_actor(index, target):
                    yield _fact(doc, index, article_id, source, target, cue, subject.i, obj.i, cue.confidence)


def _relation(doc: Doc, index: MentionIndex, article_id: str, noun: Token, cue: InteractionCue) -> Iterator[Fact]:
    """A person described by their stance: "X, a close ally of Y", "Y's closest ally, X,",
    "X is a fierce critic of Y", "X, a Labour supporter".

    Notes:
        The described person is the source: the name the noun stands in apposition to (or
        beside), or the subject of a copula. The target is the noun's "of" object or
        possessor; for support also a name written before the noun ("a Labour supporter"),
        which for criticism would be ambiguous ("a Tory critic" is a critic in the party).
        "X is no ally of Y", "X is not a critic of Y" give nothing.
    """
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return
    sources: list[str | None] = []
    if noun.dep_ == "appos":
        sources.append(index.resolve(noun.head))
    elif noun.dep_ in {"attr", "oprd"} and noun.head.pos_ in {"AUX", "VERB"} and not is_negated(noun.head):
        sources.append(clause_subject(noun.head, index))
    sources += [index.resolve(c) for c in noun.children if c.dep_ == "appos"]
    targets = owners_written(noun)
    if not targets and cue.kind == "supports":
        targets = [c for c in noun.children if c.dep_ in {"compound", "nmod"} and index.entity_at(c)]
    for source in dict.fromkeys(s for s in sources if is_actor(index, s)):
        assert source is not None
        for tok in targets:
            for target in targets_of(tok, index, exclude=frozenset({source})):
                if is_actor(index, target):
                    yield _fact(doc, index, article_id, source, target, cue, noun.i, tok.i, cue.confidence)


def _naming(doc: Doc, index: MentionIndex, lexicon: Lexicon, article_id: str, verb: Token) -> Iterator[Fact]:
    """"X called Y a liar", "X branded Y incompetent", "Y's comments were described as
    'outrageous' by X" (a word of blame from the lexicon, or words that read negative)."""
    if is_negated(verb):
        return
    passive = is_passive(verb)
    source = passive_agent(verb, index) if passive else _actor(verb, index)
    if passive and source is None:
        # "described as 'irresponsible' and 'outrageous' by X": the "by" hung on a quoted word.
        source = next((index.resolve(p) for t in verb.subtree if t.dep_ == "prep" and t.lower_ == "by"
                       and t.i > verb.i for p in t.children if p.dep_ == "pobj"), None)
    if not is_actor(index, source):
        return
    assert source is not None
    objects = [c for c in verb.children if (c.dep_ == "nsubjpass" if passive else
                                            c.dep_ in {"dobj", "nsubj"} and c.i > verb.i)]
    predicates = [c for c in verb.children if c.dep_ == "oprd"]
    if not objects and not passive and len(predicates) >= 2:
        objects = predicates[:1]  # "called Y's claims 'a desperate stunt'", both read as predicates
    # "branded stamp duty a 'classic Labour stealth tax'": the name given read as a second object.
    given = objects[1:] if not passive and len(objects) >= 2 and objects[1].dep_ == "dobj" else []
    objects = objects[:1] if given else objects
    # "… a liar", "… incompetent", "described as 'irresponsible'" (whatever the parser hangs on "as").
    # "branded the way X's office operated as 'scandalous'": "as" hung inside the object.
    as_heads = [verb, *(t for obj in objects for t in obj.subtree)]
    # "likened Y to 'self-obsessed schoolboys'": what Y is likened to.
    likeness = "to" if verb.lemma_ in LIKENING_VERBS else "as"
    complements = [c for c in verb.subtree if c.dep_ in {"oprd", "attr", "acomp", "xcomp", "ccomp"}] + [
        c for head in as_heads for prep in head.children if prep.dep_ == "prep" and prep.lower_ == likeness
        for c in prep.children] + [
        # "branded the minister 'a disgrace to her office'": the name given read as the object's apposition.
        c for obj in objects for c in obj.children if c.dep_ == "appos" and c.i > obj.i] + given + [
        # "branded the proposal unworkable": the adjective given read as the object's, after it.
        c for obj in objects for c in obj.children if c.dep_ == "amod" and c.i > obj.i]
    complement_words = {t.lemma_.lower() for c in complements for t in c.subtree}
    judgements = [j for j in lexicon.judgements if j.kind in {"noun", "adjective", "evaluation"}
                  and j.predicate not in SUPPORT_PREDICATES and j.lemmas[0] in complement_words]
    words = sorted({t for c in complements for t in c.subtree}, key=lambda t: t.i)
    # "endorsed him, calling him 'the only one who understands the anger …'": naming that goes
    # with praise is no blame, whatever its words read.
    praise = lexicon.verb_cues().get(verb.head.lemma_)
    praising = verb.dep_ == "advcl" and praise is not None and praise.kind == "supports"
    if not judgements and words and not praising:
        score = tone.tone_of(words, lexicon)
        if score <= tone.NEGATIVE_TONE or (verb.lemma_ in STIGMATISING_VERBS and score <= 0):
            judgements = [NEGATIVE_NAMING]
    named = [(obj, target) for obj in objects for target in targets_of(obj, index, exclude=frozenset({source}))
             if is_actor(index, target)]
    if not named:
        # "branding stamp duty a 'classic Labour stealth tax'": no one named in the object, the
        # body the name given says it belongs to.
        named = [(c, key) for head in complements for c in head.children if c.dep_ in {"compound", "poss", "nmod"}
                 if (key := index.entity_at(c)) is not None and key != source and is_actor(index, key)]
    for judgement in judgements:
        for obj, target in named:
            yield _fact(doc, index, article_id, source, target, judgement, verb.i, obj.i, 0.8, JUDGEMENT_EXTRACTOR)


class Statement(NamedTuple):
    """Words attributed to a speaker: a quotation or a clause reported by a speech verb."""

    speaker: str
    tokens: list[Token]
    cue: int  # token index of the reporting verb or speech noun
    co_speakers: frozenset[str]  # everyone the words are attributed to, the speaker included


def statements(doc: Doc, index: MentionIndex, lexicon: Lexicon,
               attributions: Iterable[Attribution]) -> list[Statement]:
    """Every quotation with its speaker, and every clause a speech verb reports, per speaker."""
    found: list[Statement] = []
    for a in attributions:
        span = doc.char_span(a.start, a.end, alignment_mode="expand")
        if span is not None:
            found.append(Statement(a.speaker, list(span), a.cue, frozenset({a.speaker})))
    for verb in doc:
        if verb.pos_ == "VERB" and verb.lemma_ in lexicon.speech_verbs and not index.in_furniture(verb):
            # "The Tories and the Lib Dems said the pledges were worthless": each of them.
            speakers = dict.fromkeys([s for s in [_actor(verb, index)] if s] + coordinated_subjects(verb, index))
            for clause in _reported_clauses(verb, lexicon):
                for speaker in speakers:
                    found.append(Statement(speaker, list(clause.subtree), verb.i, frozenset(speakers)))
    return found


def _opens_with_that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _reported_clauses(verb: Token, lexicon: Lexicon) -> Iterator[Token]:
    """The clauses a speech verb reports: its complement and the clauses joined after it
    (:func:`_is_further_report`), or a "that" clause the parser hung on the one addressed
    ("told BBC Radio 4's Today programme that the plans were …"; not "denied claims that …",
    whose clause is the claim's)."""
    reported = False
    for child in verb.children:
        if child.dep_ == "ccomp":
            reported = True
            yield child
        elif child.dep_ == "conj" and reported and _is_further_report(child, lexicon):
            yield child
        elif child.dep_ in {"dobj", "dative"} and child.lemma_ not in lexicon.speech_nouns:
            yield from (c for c in child.children if c.dep_ in {"acl", "relcl"} and _opens_with_that(c))


def _is_further_report(clause: Token, lexicon: Lexicon) -> bool:
    """"X said the bill would help, but ministers had been complacent": a clause the parser
    joined to the speech verb after what it reports, with a subject of its own, goes on
    reporting (not one with a speech verb of its own: "…, but Y said …")."""
    return clause.pos_ in {"VERB", "AUX"} and clause.lemma_ not in lexicon.speech_verbs \
        and any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children)


def _judgements(doc: Doc, index: MentionIndex, lexicon: Lexicon, article_id: str,
                speeches: list[Statement]) -> Iterator[Fact]:
    """A speaker's negative judgement on a named person in their quoted or reported words."""
    cue_verbs = lexicon.verb_cues()
    for speaker, tokens, cue_i, co_speakers in speeches:
        if not is_actor(index, speaker):
            continue
        for head in tokens:
            if head.pos_ == "NOUN":
                yield from _owned_blame(doc, index, lexicon, article_id, speaker, head, cue_i, co_speakers)
                continue
            if head.pos_ not in {"VERB", "AUX"} or head.lemma_.lower() in cue_verbs:
                continue  # "X said Y criticised extravagant promises": Y's act, read as such
            if head.lemma_.lower() in NAMING_VERBS:
                continue  # "what he called 'a cynical campaign'": the name judges what is named (_naming)
            judgement = _judged(head, lexicon)
            if judgement is None:
                continue
            # The clause's subject, or whose it is: "the ambitions of X and Y were damaging".
            # A pronoun inside someone's quote points into their speech, which the narrator's
            # pronoun chain does not follow: "he has been a prudent chancellor" is skipped.
            subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}
                        and not (c.pos_ == "PRON" and (index.quote_mask[c.idx] or _is_self(c, speaker, cue_i, index)))]
            for subject in subjects:
                # "The Tories and the Lib Dems said …": neither judges the other.
                own = index.affiliations.get(speaker, set()) if judgement.kind == "evaluation" else set()
                for target in targets_of(subject, index, exclude=co_speakers | own):
                    if is_actor(index, target):
                        first, last = min(cue_i, head.i), max(cue_i, head.i)
                        yield _fact(doc, index, article_id, speaker, target, judgement, first, last, 0.75,
                                    JUDGEMENT_EXTRACTOR)


def _owned_blame(doc: Doc, index: MentionIndex, lexicon: Lexicon, article_id: str, speaker: str,
                 noun: Token, cue_i: int, co_speakers: frozenset[str]) -> Iterator[Fact]:
    """A word of blame owned by someone, in a speaker's words: "the report highlights Labour's
    failure to …", "the incompetence of the ministry" (not the speaker's own side's, and not
    what is denied: "it was no failure of X's")."""
    judgement = _blame_noun(lexicon).get(noun.lemma_.lower())
    if judgement is None or any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children) \
            or is_negated(governor(noun)):
        return
    # Pronouns stay out: in quoted words they point into the speaker's own story.
    owners = [c for c in owners_written(noun) if not (is_possessor(c) and c.pos_ == "PRON")]
    own = index.affiliations.get(speaker, set())
    for owner in owners:
        for target in targets_of(owner, index, exclude=co_speakers | own):
            if is_actor(index, target) and speaker not in index.affiliations.get(target, set()):
                first, last = min(cue_i, noun.i), max(cue_i, noun.i)
                yield _fact(doc, index, article_id, speaker, target, judgement, first, last, 0.7,
                            JUDGEMENT_EXTRACTOR)


@cache
def _blame_noun(lexicon: Lexicon) -> dict[str, Judgement]:
    """The evaluation words of blame, by lemma (a noun among them owns its blame)."""
    return {j.lemmas[0]: j for j in lexicon.judgements
            if j.kind == "evaluation" and j.predicate not in SUPPORT_PREDICATES}


def _is_self(pronoun: Token, speaker: str, cue_i: int, index: MentionIndex) -> bool:
    """"Mr X admitted he was wrong": a pronoun of the speaker's known gender that resolves to
    the speaker, or that is the subject of the speaker's own reported clause, is the speaker
    (self-criticism), never re-resolved to someone else."""
    gender = index.clusters[speaker].gender
    if gender is None or gender != PRONOUN_GENDER.get(pronoun.lower_):
        return False
    return index.resolve(pronoun) == speaker or (pronoun.head.dep_ == "ccomp" and pronoun.head.head.i == cue_i)


def _in_own_clause(tok: Token, head: Token) -> bool:
    """Is ``tok`` in ``head``'s clause, not in a clause nested in it (one hung on it as a
    clause, or any verb with a subject of its own: "… against what he called 'a cynical
    campaign'")?"""
    while tok.i != head.i:
        if tok.dep_ in {"ccomp", "advcl", "relcl", "xcomp"}:
            return False
        if tok.pos_ in {"VERB", "AUX"} and any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children):
            return False
        tok = tok.head
    return True


def _hyphenated(tokens: list[Token]) -> set[str]:
    """Words the tokenizer split at a hyphen, joined again: "over-reacted" → "over-react"."""
    joined = set()
    for tok in tokens:
        if tok.text == "-" and 0 < tok.i < len(tok.doc) - 1 and not tok.whitespace_ \
                and not tok.doc[tok.i - 1].whitespace_:
            joined.add(f"{tok.doc[tok.i - 1].lower_}-{tok.doc[tok.i + 1].lemma_.lower()}")
    return joined


def _all_remedied(word: str, tokens: list[Token], lexicon: Lexicon) -> bool:
    """Is every use of ``word`` something the clause's subject would put right or keep away
    from ("a Tory government would sort out the shambles", "would avoid the old parties'
    lies"): a counter verb's object (``tone_counters.txt``), so no blame of the subject?"""
    uses = [t for t in tokens if word in (t.lemma_.lower(), t.lower_)]
    return bool(uses) and all(_remedied(t, lexicon) for t in uses)


def _all_of_nothing(word: str, tokens: list[Token]) -> bool:
    """Is every use of ``word`` done to nothing ("was hiding nothing", "hid no figures")?"""
    uses = [t for t in tokens if word in (t.lemma_.lower(), t.lower_)]
    return bool(uses) and all(is_done_to_nothing(t, frozenset({"nothing"})) for t in uses)


def _remedied(tok: Token, lexicon: Lexicon) -> bool:
    while tok.dep_ == "conj" and tok.head.i != tok.i:  # "avoid the lies and spin": both are avoided
        tok = tok.head
    return tok.dep_ in {"dobj", "pobj"} and governor(tok).lemma_.lower() in lexicon.tone_counters


def _words(tokens: Iterable[Token]) -> set[str]:
    return {w for t in tokens for w in (t.lemma_.lower(), t.lower_)}


@cache
def _key_words(lexicon: Lexicon) -> dict[str, tuple[tuple[int, Judgement], ...]]:
    """The judgements by a word any clause they fit must contain (the first lemma, or a
    phrase's last), each with its place in the lexicon: a clause is tried only on those
    whose word it has, in the lexicon's order."""
    by_word: dict[str, list[tuple[int, Judgement]]] = {}
    for place, j in enumerate(lexicon.judgements):
        by_word.setdefault(j.lemmas[-1] if j.kind == "phrase" else j.lemmas[0], []).append((place, j))
    return {word: tuple(judgements) for word, judgements in by_word.items()}


def _judged(head: Token, lexicon: Lexicon) -> Judgement | None:
    """The judgement a clause passes on its subject, if any (blame or, for "evaluation"
    words, praise)."""
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in head.children):
        return None  # "… if it fails to improve": a condition, not a verdict
    subtree = list(head.subtree)
    lemmas = _words(subtree) | _hyphenated(subtree)
    # "Y should have acted sooner" (not "should have been given"): blame, whatever the words.
    aux_words = {c.lower_ for c in head.children if c.dep_ == "aux"}
    reproach = REPROACH if head.tag_ == "VBN" and {"should", "ought"} & aux_words and "have" in aux_words \
        and not any(c.dep_ == "auxpass" for c in head.children) else None
    key_words = _key_words(lexicon)
    candidates = [j for _, j in sorted(pair for word in lemmas for pair in key_words.get(word, ()))]
    if not candidates:
        return reproach
    negated = is_negated(head) or any(is_negated(a) for a in head.children if a.dep_ == "aux")
    # The clause's own words, not those of clauses nested in it ("X said Y's plan would fail").
    own = [t for t in subtree if _in_own_clause(t, head)]
    # Lemmas and written forms: the lemmatizer makes "shambles" a "shamble".
    own_lemmas = _words(own) | _hyphenated(own)
    # "X is weak", "X is a liar", and the adjective of a noun: "X is an irrelevant party".
    attributes = [c for c in head.children if c.dep_ in {"attr", "acomp", "oprd"}]
    attributes += [c for a in attributes for c in a.children if c.dep_ == "conj"]  # "… unfair and unworkable"
    complements = _words([*attributes, *(a for c in attributes if c.pos_ == "NOUN"
                                         for a in c.children if a.dep_ == "amod")])
    for j in candidates:
        if j.kind == "noun" and head.lemma_ == "be" and not negated and j.lemmas[0] in complements:
            return j
        copular = head.lemma_ in {"be", "seem", "look"}
        if j.kind == "adjective" and copular and not negated and j.lemmas[0] in complements:
            return j
        if j.kind == "adjective" and not negated and head.lower_ == j.lemmas[0] and head.tag_ == "VBN" \
                and any(c.dep_ == "auxpass" for c in head.children):
            return j  # "was misguided", parsed as a passive verb
        if j.kind == "evaluation" and not negated and j.lemmas[0] in own_lemmas \
                and not _all_remedied(j.lemmas[0], own, lexicon) and not _all_of_nothing(j.lemmas[0], own):
            if j.predicate in SUPPORT_PREDICATES and "lack" in own_lemmas:
                return LACKING  # "X lacks the courage to …": blame
            if j.predicate in SUPPORT_PREDICATES and own_lemmas & WANTING:
                continue  # "X should have the courage to …": no praise
            return j
        if j.kind == "phrase":
            words = [w for w in j.lemmas if w != "not"]
            wants_negation = "not" in j.lemmas
            if head.lemma_.lower() == words[0] or words[0] in {"should", "must"}:
                if all(w in lemmas for w in words) and negated == wants_negation:
                    return j
    return reproach
