"""Criticism by tone: a speaker's negative words about someone they name.

Much criticism in political news carries no word of blame the cue lexicons could match:
"X said the government was spending too much", "the plans had not reflected public
disquiet, the committee said", "He warned the BBC that attacking Y had brought it trouble".
When a statement attributed to a speaker (a quotation, or a clause a speech verb reports)
reads negative as a whole, and names a person or body where a statement is about someone
(its subject, object or possessor, or "of/by/for/against/on X"), the speaker criticises
them. The tone is VADER's (Hutto and Gilbert, 2014: a rule-based sentiment model with a
lexicon rated by people, which handles negation and intensifiers); a sentence is negative at
a compound score of -0.05 or below, the cut-off its authors recommend.

This reads past what is written, so its facts carry a lower confidence than a cue word's,
and it only adds pairs no other rule found. Not read as criticism: words about the
speaker's own side (their party or body, or someone who belongs to it), about someone
speaking in the same breath or whose own words are reported, about places, about the victim
of a harm ("would undermine the UN"); conditions ("if Y fails") and denials ("Y hid
nothing"); words said by observers (editors, analysts, professors: `observers.txt`), who
describe a fight rather than take part in it. VADER is fitted to political news first: the
judgement lexicon's words of blame join its lexicon, valence shifters (`tone_shifters.txt`:
"a lack of trust") turn good words round, counter verbs (`tone_counters.txt`: "fought
racism") leave the bad thing acted against unrated, and "too much" reads as a fault.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from kg.extract.common import (
    DOCUMENT_NOUNS,
    earlier_owner,
    evidence_for,
    governor,
    is_actor,
    is_done_to_nothing,
    is_title_head,
    legislating_government,
    sentence_of,
)
from kg.model import TONE_EXTRACTOR, Fact

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from kg.extract.interactions import Statement
    from kg.extract.mentions import MentionIndex
    from kg.lexicons import Lexicon

EXTRACTOR = TONE_EXTRACTOR
NEGATIVE_TONE = -0.05
# Where a statement names whom it is about: "the government was …", "X's plans", "blamed X",
# "the handling of X" (not where it merely places things: "to the House of Commons").
ABOUT_DEPS = {"nsubj", "nsubjpass", "poss", "dobj", "attr"}
ABOUT_PREPOSITIONS = {"of", "by", "for", "against", "on"}
# Words around a name that leave the phrase about the name: "Labour poster plans", "X and Y".
PHRASE_DEPS = {"conj", "appos", "compound", "amod", "nmod"}
# Verbs by which a document or data bear witness ("the report shows that …"), and the words
# that cite them ("pointing to X figures", "according to X"): whose they are brings the
# evidence, and is not judged by it. Not "prove", whose subject is judged ("proved a fiasco").
EVIDENTIAL_VERBS = {"show", "reveal", "suggest", "indicate", "find", "confirm", "demonstrate", "highlight"}
CITING = {"point", "according", "cite", "quote"}
DATA_NOUNS = {"figure", "data", "statistic", "number", "poll", "evidence", "estimate", "forecast"}
# Reporting verbs whose object is the one addressed in a warning: "X warned Y that …".
WARNING_VERBS = {"warn"}
# Words hung on a name that describe its bearer: "X, who will waste more", "X, a failed leader".
DESCRIPTION_DEPS = {"relcl", "appos"}
# Clauses joined to a clause, not part of it ("X did A, and Y did B"; "…, which …").
SPLIT_DEPS = {"conj", "advcl", "relcl", "parataxis"}
CONDITIONS = {"if", "unless", "whether"}
PERSONAL_PRONOUNS = {"he", "she", "him", "her"}
# The speaker's own self, when reported or quoted: "X and himself", "X and I".
SELF_WORDS = {"i", "me", "myself", "himself", "herself"}
# Speech verbs of a defence: a denial says what did not happen ("X denied Y had forced the
# changes"), an insistence answers a charge ("X insisted nothing would derail the campaign").
DEFENCES = {"deny", "refute", "insist"}
NOTHING = frozenset({"nothing", "none", "no"})
# VADER's rating (on its -4 to 4 scale) for a judgement word it lacks: a clear blame or praise.
BLAME, PRAISE = -1.5, 1.5
PRAISING = {"supports", "praises", "endorses", "defends"}
# Stands, in the words given to VADER, for a measure judged wrong ("too much").
EXCESS = "kg_excess"
# Stands for a bad thing someone acts against ("fought racism"): no word VADER rates.
COUNTERED = "kg_countered"


def extract(doc: Doc, *, index: MentionIndex, lexicon: Lexicon, article_id: str,
            speeches: Iterable[Statement], known_pairs: set[tuple[str, str]]) -> Iterator[Fact]:
    """Yield ``criticises`` facts for negative statements about someone named in them.

    Args:
        speeches: the attributed statements of the article (``interactions.statements``).
        known_pairs: (source, target) pairs other rules already related; skipped.
    """
    seen = set(known_pairs)
    acts = lexicon.verb_cues().keys()
    for speech in speeches:
        speaker = speech.speaker
        if not is_actor(index, speaker) or _is_observer(speaker, index, lexicon) \
                or doc[speech.cue].lemma_ in DEFENCES:
            continue
        own = index.affiliations.get(speaker, set())
        for sentence in _by_sentence(speech.tokens):
            if _is_hypothetical(sentence) or _denies(sentence, lexicon):
                continue
            for tok, score, sure in _judged_mentions(sentence, speech, acts, lexicon):
                if _beside_self(tok):
                    continue  # "X and himself had no intention of resigning": the speaker's ally
                for target in _named(tok, index):
                    if target == speaker or target in speech.co_speakers or target in own:
                        continue
                    if not is_actor(index, target) or _is_chamber(target, index, lexicon):
                        continue
                    if speaker in index.affiliations.get(target, set()) or index.affiliations.get(target, set()) & own:
                        continue  # one of the speaker's own, or a colleague of the speaker's party
                    if (speaker, target) in seen:
                        continue
                    seen.add((speaker, target))
                    first, last = min(speech.cue, sentence[0].i), max(speech.cue, sentence[-1].i)
                    yield Fact(kind="criticises", subject=speaker, object=target, predicate="criticises",
                               confidence=_confidence(score, sure=sure),
                               evidence=evidence_for(doc, article_id, first, last), extractor=EXTRACTOR)


def _judged_mentions(sentence: list[Token], speech: Statement, acts: Collection[str],
                     lexicon: Lexicon) -> Iterator[tuple[Token, float, bool]]:
    """The words of a sentence that may name whom it judges negatively, with the tone and
    whether the words around the name are themselves negative (surer than the sentence alone).

    In a negative sentence, what it is about (and whom a warning addresses); in any
    sentence, someone described by negative words of their own: "a choice between X, who
    will waste more, and Y, who will deliver value".
    """
    cue = sentence[0].doc[speech.cue]
    others_words = {t.i for verb in sentence if verb.i != speech.cue and _speaks_or_acts(verb, acts, lexicon)
                    for t in verb.subtree}
    score = tone_of(sentence, lexicon)
    if score <= NEGATIVE_TONE:
        words = {t.i for t in sentence}
        for tok in sentence:
            if _is_about(tok, lexicon) and not _is_speaking(tok, lexicon) and not _is_harmed(tok, lexicon) \
                    and not _is_witness(tok) and tok.i not in others_words:
                yield tok, score, tone_of(_clause_of(tok, words), lexicon) <= NEGATIVE_TONE
        if cue.lemma_ in WARNING_VERBS and sentence_of(cue).start == sentence_of(sentence[0]).start:
            # Everyone warned: "warned Labour and the Tories they were …".
            yield from ((w, score, True) for c in cue.children if c.dep_ in {"dobj", "dative"}
                        for w in (c, *c.conjuncts))
    for tok in sentence:
        for description in (c for c in tok.children if c.dep_ in DESCRIPTION_DEPS and tok.i not in others_words):
            own_score = tone_of(list(description.subtree), lexicon)
            if own_score <= NEGATIVE_TONE:
                yield tok, own_score, True


def _clause_of(tok: Token, words: set[int]) -> list[Token]:
    """The clause a word stands in (its nearest verb's words, less clauses joined to it)."""
    head = tok
    while head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i and head.head.i in words:
        head = head.head
    inner = {t.i for c in head.children if c.dep_ in SPLIT_DEPS and c.pos_ in {"VERB", "AUX"} for t in c.subtree}
    return [t for t in head.subtree if t.i in words and t.i not in inner]


def _by_sentence(tokens: list[Token]) -> list[list[Token]]:
    """A statement's words cut at sentence ends: each sentence is judged on its own."""
    sentences: dict[int, list[Token]] = {}
    for tok in tokens:
        sentences.setdefault(sentence_of(tok).start, []).append(tok)
    return list(sentences.values())


def _phrase_of(tok: Token) -> Token:
    """The head of the phrase a word is part of: "Labour" in "Labour poster plans" → "plans"."""
    phrase = tok
    while phrase.dep_ in PHRASE_DEPS and phrase.head.i != phrase.i:
        phrase = phrase.head
    return phrase


def _owned_phrase(tok: Token) -> Token:
    """The phrase a word heads or, for a possessor, the phrase of what it owns ("Labour's
    chances" → "chances")."""
    phrase = _phrase_of(tok)
    return _phrase_of(phrase.head) if phrase.dep_ == "poss" else phrase


def _is_about(tok: Token, lexicon: Lexicon) -> bool:
    """Is ``tok`` the head of a phrase in a position a statement is about? (Not the body of
    someone's post: "Y (head of the Z at the time)" names Z to say who Y is.)"""
    phrase = _phrase_of(tok)
    if phrase.dep_ in ABOUT_DEPS or (phrase.i != tok.i and _judged_by_modifier(phrase, lexicon)):
        return True
    if phrase.i == tok.i and phrase.dep_ == "pobj" and phrase.head.lower_ == "for" \
            and phrase.head.head.pos_ == "NOUN" and not phrase.head.head.lower_.endswith("ing"):
        # "a tough fight for X", "a blow for X": whom it befalls (not "voting for X", nor
        # "the price for Tory chaos", where the name is in the phrase judged)
        return False
    return phrase.dep_ == "pobj" and phrase.head.lower_ in ABOUT_PREPOSITIONS \
        and not is_title_head(phrase.head.head, lexicon)


def _judged_by_modifier(phrase: Token, lexicon: Lexicon) -> bool:
    """"a return to a failed Tory past": a phrase a name is part of, judged by a negative
    word of its own, is about the name wherever the phrase stands."""
    valence = _analyzer(lexicon).lexicon
    return any(c.dep_ == "amod" and valence.get(_rated_form(c, valence), 0.0) < 0 for c in phrase.children)


def _speaks_or_acts(verb: Token, acts: Collection[str], lexicon: Lexicon) -> bool:
    """A verb of someone else's inside a statement, whose words are theirs to be read: "X said
    the vote was close, while Y criticised Z", "X said Y had warned that Z was failing"."""
    return (verb.lemma_ in acts or verb.lemma_ in lexicon.speech_verbs) \
        and any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)


def _is_hypothetical(sentence: list[Token]) -> bool:
    """"… if Y fails to fund it": a condition is no verdict on anyone ("even if" concedes, and
    the verdict stands)."""
    return any(t.dep_ == "mark" and t.lower_ in CONDITIONS and not (t.i > 0 and t.doc[t.i - 1].lower_ == "even")
               for t in sentence)


def _denies(sentence: list[Token], lexicon: Lexicon) -> bool:
    """"Y was hiding nothing", "Y hid no figures": every negative word is done to nothing (a
    defence; VADER reads only negations written before a word)."""
    valence = _analyzer(lexicon).lexicon
    negative = [t for t in sentence if t.lower_ not in NOTHING
                and (valence.get(t.lower_, 0.0) < 0 or valence.get(t.lemma_.lower(), 0.0) < 0)]
    return bool(negative) and all(is_done_to_nothing(t, NOTHING) for t in negative)


def _is_harmed(tok: Token, lexicon: Lexicon) -> bool:
    """"Y's plan would undermine the UN", "those fuelling the reports were damaging Labour":
    the object of a harmful act is its victim, not whom the words blame."""
    phrase = _owned_phrase(tok)  # "were damaging Labour's chances": whose they are
    if phrase.dep_ == "nsubjpass" and any(c.dep_ == "agent" for c in phrase.head.children):
        act = phrase.head  # "had been hurt by the row": done to them, by someone or something else
    elif phrase.dep_ not in {"dobj", "pobj"}:
        return False
    else:
        act = governor(phrase)
    lemma = act.lemma_.lower()
    return act.pos_ == "VERB" and (lemma in lexicon.tone_shifters or _analyzer(lexicon).lexicon.get(lemma, 0.0) < 0)


def _beside_self(tok: Token) -> bool:
    """Is a name coordinated with the speaker's own "I", "me" or "himself" ("Mr X and
    himself", "X and I have been treated appallingly", which the parser may read as two
    subjects)?"""
    if any(c.lower_ in SELF_WORDS for c in tok.conjuncts):
        return True
    return tok.dep_ in {"nsubj", "nsubjpass"} and any(
        c.i != tok.i and c.dep_ == tok.dep_ and c.lower_ in SELF_WORDS for c in tok.head.children)


def _is_witness(tok: Token) -> bool:
    """"This report shows that …", "pointing to X figures", "according to X": the name (or
    whose document it is) brings the evidence of a statement, not its verdict."""
    phrase = _owned_phrase(tok)  # "the committee's report shows …"
    if phrase.dep_ == "nsubj" and phrase.head.lemma_.lower() in EVIDENTIAL_VERBS \
            and phrase.lemma_.lower() in DOCUMENT_NOUNS | DATA_NOUNS:
        return True  # not "X's plans showed …", "her record showed …": those are judged
    for _ in range(3):  # "pointing to X figures", "… to the Office for National Statistics figures"
        cited = phrase.head if phrase.dep_ == "pobj" else phrase
        if cited.dep_ in {"prep", "dobj"} and cited.head.lemma_.lower() in CITING:
            return True
        if cited.dep_ != "prep" or cited.head.pos_ not in {"NOUN", "PROPN"}:
            return False
        phrase = _phrase_of(cited.head)
    return False


def _is_speaking(tok: Token, lexicon: Lexicon) -> bool:
    """"X said Y warned that the plan would fail": Y speaks in X's words, and is not spoken of."""
    return tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.lemma_ in lexicon.speech_verbs


def _named(tok: Token, index: MentionIndex) -> list[str]:
    """Whom a token names: by name (its head word only, so a name of several words counts
    once), by a description ("the government", "the minister", "the two men"), for a
    subject, as the owner of the plan it names, or by a pronoun in reported words ("X said
    he had failed"); pronouns inside a quotation are left alone, as they point into the
    speaker's own story."""
    key = index.entity_at(tok)
    if key is not None:
        return [] if tok.head.i != tok.i and index.entity_at(tok.head) == key else [key]
    if tok.pos_ == "PRON" and tok.lower_ in PERSONAL_PRONOUNS and not index.quote_mask[tok.idx]:
        key = index.resolve(tok)  # reported, not quoted: the narrator's "he", read as the story reads it
        return [key] if key is not None else []
    if tok.pos_ != "NOUN":
        return []
    # "The committee said the plans had not reflected public disquiet": whose plans they are.
    key = index.resolve(tok) or (earlier_owner(tok, index) or legislating_government(tok, index, frozenset())
                                 if tok.dep_ in {"nsubj", "nsubjpass"} else None)
    return [key] if key is not None else index.group_before(tok)


def _is_observer(speaker: str, index: MentionIndex, lexicon: Lexicon) -> bool:
    """Given an observer's post ("BBC political editor X") or title ("Professor X")?"""
    if any(key == speaker and head in lexicon.observers for _, _, head, key in index.descriptions):
        return True
    return any(m.text.split()[0].lower().rstrip(".") in lexicon.observers for m in index.clusters[speaker].mentions)


def _is_chamber(key: str, index: MentionIndex, lexicon: Lexicon) -> bool:
    """Is ``key`` a legislative chamber ("Parliament", "the House"): a place of politics more
    than a party to it?"""
    cluster = index.clusters[key]
    names = {m.name.lower() for m in cluster.mentions} | {(cluster.canonical or "").lower()}
    return bool(names & lexicon.chambers)


def _confidence(score: float, *, sure: bool = True) -> float:
    """0.45 at the cut-off, rising with how negative the words are, below a cue word's;
    0.4 for a name whose own clause reads neutral in a negative sentence."""
    return round(0.45 + 0.25 * min(1.0, -score), 2) if sure else 0.4


def tone_of(sentence: list[Token], lexicon: Lexicon) -> float:
    """VADER's compound score of a sentence, its words fitted to VADER's lexicon first.

    A word VADER lacks in the form written is given as its lemma ("squandered" → "squander");
    a positive word a valence shifter governs gets VADER's own negator before it ("a lack
    of trust" → "a lack of not trust"). Scores are kept per document: statements overlap
    (a quotation and the clause reporting it, one clause for each of two speakers).
    """
    if not sentence:
        return 0.0
    scores = sentence[0].doc.user_data.setdefault("kg_tone", {})
    key = (id(lexicon), *(t.i for t in sentence))
    if key not in scores:
        scores[key] = _score(sentence, lexicon)
    return scores[key]


def _score(sentence: list[Token], lexicon: Lexicon) -> float:
    analyzer = _analyzer(lexicon)
    valence = analyzer.lexicon
    words = []
    for tok in sentence:
        word = _rated_form(tok, valence)
        if valence.get(word, 0.0) > 0 and _shifted(tok, lexicon):
            word = f"not {word}"
        elif valence.get(word, 0.0) < 0 and _countered(tok, lexicon):  # "fought racism"
            word = COUNTERED
        elif _is_excess(tok):
            word = EXCESS
        words.append(word + tok.whitespace_)
    return analyzer.polarity_scores("".join(words))["compound"]


def _is_excess(tok: Token) -> bool:
    """"spending too much", "too little, too late": a measure judged wrong (not "too good to
    miss", where the "to" clause says what follows from it)."""
    return tok.lower_ == "too" and tok.dep_ == "advmod" and tok.head.pos_ in {"ADJ", "ADV"} \
        and not any(c.dep_ in {"xcomp", "advcl", "ccomp"} for c in tok.head.children)


def _shifted(tok: Token, lexicon: Lexicon) -> bool:
    """Is ``tok`` governed by a valence shifter: "a lack of trust", "lost the trust of …"?"""
    return tok.dep_ in {"dobj", "pobj", "nsubjpass"} and governor(tok).lemma_.lower() in lexicon.tone_shifters


def _countered(tok: Token, lexicon: Lexicon) -> bool:
    """Is ``tok`` a bad thing acted against, or the act: "fought racism", "reduce
    unnecessary and costly interference" (the object or a modifier of it; an object that
    reads bad as a whole: "cut ill-health benefits" is a harm, not a remedy)?"""
    if tok.pos_ == "VERB" and tok.lemma_.lower() in lexicon.tone_counters:
        return any(c.dep_ == "dobj" and _reads_bad(c, lexicon) for c in tok.children)
    if tok.dep_ == "advmod" and tok.head.pos_ == "VERB":
        return _countered(tok.head, lexicon)  # "aggressively fought racism": how it was fought
    phrase = tok
    for _ in range(3):  # "costly" → "unnecessary" → "interference"; "racism" → "all forms (of)"
        if phrase.dep_ == "pobj" and phrase.head.lower_ == "of" and phrase.head.head.pos_ == "NOUN":
            phrase = phrase.head.head
        elif phrase.dep_ in {"amod", "compound", "conj"}:
            phrase = phrase.head
        else:
            break
    # The thing acted on: an object, or "on"/"against" it ("crack down on crime"; not "the
    # talks ended in disaster").
    acted_on = phrase.dep_ == "dobj" or phrase.dep_ == "pobj" and phrase.head.lower_ in {"on", "against"}
    return acted_on and governor(phrase).lemma_.lower() in lexicon.tone_counters and _reads_bad(phrase, lexicon)


def _reads_bad(phrase: Token, lexicon: Lexicon) -> bool:
    valence = _analyzer(lexicon).lexicon
    return sum(valence.get(_rated_form(t, valence), 0.0) for t in phrase.subtree) < 0


def _rated_form(tok: Token, valence: dict[str, float]) -> str:
    """The form of a word VADER is given: as written, or its lemma when VADER lacks that."""
    return tok.lower_ if tok.lower_ in valence else tok.lemma_.lower()


@cache
def _analyzer(lexicon: Lexicon) -> SentimentIntensityAnalyzer:
    """VADER, with the words of blame and praise of our judgement lexicon it lacks (political
    words such as "shambles", "u-turn", "sleaze"), rated as a clear negative or positive."""
    analyzer = SentimentIntensityAnalyzer()
    for judgement in lexicon.judgements:
        if judgement.kind != "phrase":
            word = judgement.lemmas[0]
            analyzer.lexicon.setdefault(word, PRAISE if judgement.predicate in PRAISING else BLAME)
    analyzer.lexicon[EXCESS] = BLAME
    return analyzer
