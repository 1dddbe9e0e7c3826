"""Quotes: direct quotations and the person who said them.

Attribution follows the patterns of news English: a reporting verb after the quote
(``"…," X said`` / ``said X``), a reporting verb or speech noun that governs it (``X said:
"…"``, ``X told the BBC that those … are "…"``, ``X's claim that Y "…"``), a colon that
introduces it, a quote-only paragraph that continues the last speaker's quote, and one that
follows a paragraph ending with one person reported speaking.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract.common import (
    NAMING_VERBS,
    clause_subject,
    evidence_for,
    inherited_subject,
    is_passive,
    is_possessor,
    passive_agent,
    sentence_of,
    text_of,
)
from kg.model import Fact

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from kg.extract.mentions import MentionIndex
    from kg.lexicons import Lexicon

EXTRACTOR = "quotes.v1"
MIN_WORDS = 2  # a lone quoted word is a scare quote ("violent"); two words attributed are a quote
OPENING = {"“": "”", '"': '"'}


@dataclass(frozen=True)
class Attribution:
    """A quotation (character span of its inner text) and who said it."""

    start: int
    end: int
    speaker: str
    cue: int  # token index of the reporting verb or speech noun
    confidence: float


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the text inside double quotation marks, per paragraph.

    Curly quotes pair “ with ”; straight quotes pair in turn. A quote left open at the end
    of a paragraph closes there (news style continues a long quote in a new paragraph,
    reopening it). A straight mark shaped like an opening one while a quote is open (after
    a full stop and a space, before a word: ``… said. "Next …``) reopens it: the open quote was a
    paragraph of its own whose break the text lost, and pairing in turn would swap every
    later quote with the narration between.
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        i = 0
        while i < len(paragraph):
            ch = paragraph[i]
            if ch in OPENING:
                close = paragraph.find(OPENING[ch], i + 1)
                if ch == "“":
                    straight = paragraph.find('"', i + 1)
                    close = close if close != -1 else straight
                end = close if close != -1 else len(paragraph)
                spans.append((offset + i + 1, offset + end))
                i = end if ch == '"' and _reopens(paragraph, end) else end + 1
            else:
                i += 1
        offset += len(paragraph) + 1
    return spans


def _reopens(paragraph: str, i: int) -> bool:
    """Is the straight mark at ``i`` an opening one right after a sentence's end (after a
    space, before a word: ``candidate. "By all …``)?"""
    return (0 < i < len(paragraph) - 1 and paragraph[i - 1].isspace() and paragraph[i + 1].isalnum()
            and paragraph[:i].rstrip().endswith((".", "!", "?")))


def attribute(doc: Doc, index: MentionIndex, lexicon: Lexicon) -> list[Attribution]:
    """Find every quotation of at least ``MIN_WORDS`` words and attribute it when possible."""
    found: list[Attribution] = []
    previous: Attribution | None = None
    text = text_of(doc)
    for start, end in quote_spans(text):
        inner = text[start:end].strip()
        if len(inner.split()) < MIN_WORDS:
            continue
        quote = doc.char_span(start, end, alignment_mode="expand")
        if quote is None or len(quote) == 0 or index.in_furniture(quote[0]):
            continue
        # Nobody speaks of themselves by name: a speaker named inside the quote is misread.
        named_inside = {index.entity_at(t) for t in quote} - {None}
        readings = _readings(doc, index, lexicon, quote, (start, end), previous)
        result = next((r for r in readings if r is not None and r[0] not in named_inside), None)
        if result is None:
            continue
        speaker, cue, confidence = result
        previous = Attribution(start, end, speaker, cue, confidence)
        found.append(previous)
    return found


def _readings(doc: Doc, index: MentionIndex, lexicon: Lexicon, quote: Span, chars: tuple[int, int],
              previous: Attribution | None) -> Iterator[tuple[str, int, float] | None]:
    """The ways of finding a quote's speaker, surest first, each tried only when asked for."""
    start, end = chars
    text = text_of(doc)
    inner = text[start:end].strip()
    long_enough = len(inner.split()) >= 4
    after = _speaker_after(doc, index, lexicon, quote.end, ends_sentence=inner.endswith((".", "!", "?")))
    # 'X said: "…," he said': the pronoun repeats the speaker the colon gave.
    repeated = after is not None and any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in doc[after[1]].children)
    colon = _speaker_by_colon(doc, index, lexicon, quote.start) if repeated else None
    if colon is not None:
        yield colon
    yield after
    # A colon right before the quote introduces it: surer than a verb the parser hangs it on
    # (which, when it runs two sentences together, may be the next sentence's "he said").
    yield colon if repeated else _speaker_by_colon(doc, index, lexicon, quote.start)
    yield _speaker_governing(index, lexicon, quote[0], end)
    yield _speaker_judging(index, lexicon, quote[0], end)
    if long_enough:
        yield _speaker_of_previous_sentence(doc, index, lexicon, quote.start)
    if previous is not None and _continues(text, previous.end, start):
        yield previous.speaker, previous.cue, previous.confidence * 0.9
    if long_enough:
        yield _speaker_of_previous_paragraph(doc, index, lexicon, quote.start)


def extract(doc: Doc, *, index: MentionIndex, lexicon: Lexicon, article_id: str,
            attributions: list[Attribution] | None = None) -> Iterator[Fact]:
    """Yield a ``quote`` fact per attributed quotation whose speaker is a person."""
    for a in attributions if attributions is not None else attribute(doc, index, lexicon):
        if index.clusters[a.speaker].type != "Person":
            continue
        span = doc.char_span(a.start, a.end, alignment_mode="expand")
        assert span is not None
        text = text_of(doc)[a.start:a.end].strip().rstrip(",").strip()
        yield Fact(
            kind="quote", subject=a.speaker, text=text, confidence=a.confidence,
            evidence=evidence_for(doc, article_id, span[0].i, a.cue), extractor=EXTRACTOR,
        )


def _speaker_after(doc: Doc, index: MentionIndex, lexicon: Lexicon,
                   after: int, *, ends_sentence: bool) -> tuple[str, int, float] | None:
    """``"…," X said`` / ``"…," said X`` / ``"…," he added``: a reporting verb right after.

    A quote closed by a full stop and followed by a new sentence ("… now." He said …) is not
    attributed by that sentence: it reports something else.
    """
    i = after
    while i < len(doc) and (doc[i].text in {"”", '"', ",", "'"} or (doc[i].is_punct and doc[i].text != "(")):
        if doc[i].text in {".", "!", "?"}:
            return None  # '"…". Mr X said …': the full stop closed the quoting sentence
        i += 1  # the closing mark and the comma before the attribution
    if i < len(doc) and ends_sentence and (doc[i].is_title or doc[i].is_upper or doc[i].like_num) \
            and doc[i].is_sent_start:
        return None  # a new sentence, whatever its first word ("BBC political editor X said …")
    if i + 2 < len(doc) and doc[i].lower_ == "according" and doc[i + 1].lower_ == "to":
        # '"…," according to X, the party's deputy leader': the source the quote is credited to.
        source = next((c for c in doc[i + 1].children if c.dep_ == "pobj"), doc[i + 2])
        speaker = index.resolve(source)
        return (speaker, i, 0.85) if speaker is not None else None
    for j in range(i, min(len(doc), i + 6)):
        tok = doc[j]
        if tok.text in OPENING or "\n" in tok.text:
            break
        if tok.pos_ in {"VERB", "AUX"} and tok.lemma_ in lexicon.speech_verbs:
            # '"…," said X': the verb first, then the speaker, however their post was parsed.
            speaker = clause_subject(tok, index) or (_named_after(tok, index) if j == i else None)
            if speaker is not None:
                return speaker, j, 0.9
    return None


def _named_after(verb: Token, index: MentionIndex) -> str | None:
    """'"…," said Tory shadow local government secretary X.': the person named after the
    verb, past the words of their post, however the parser read those."""
    doc = verb.doc
    for tok in doc[verb.i + 1:min(len(doc), verb.i + 9)]:
        if tok.is_punct and tok.text != "-" or tok.is_space:
            return None
        key = index.entity_at(tok)
        if key is not None and index.clusters[key].type == "Person":
            return key
    return None


def _speaker_governing(index: MentionIndex, lexicon: Lexicon, first: Token,
                       quote_end: int) -> tuple[str, int, float] | None:
    """``X said: "…"``, ``X told Y that "…"``, ``X's assertion that Z "…"``, and
    ``Voters' "…" could …, X has said``."""
    for anc in first.ancestors:
        if first.idx <= anc.idx < quote_end:
            continue  # a cue inside the quote is the quote's own words
        if anc.pos_ in {"VERB", "AUX"} and anc.lemma_ in lexicon.speech_verbs:
            speaker = clause_subject(anc, index) or inherited_subject(anc, index)
            if speaker is not None:
                return speaker, anc.i, 0.85
        if anc.pos_ == "NOUN" and anc.lemma_ in lexicon.speech_nouns:
            for child in anc.children:
                if is_possessor(child):
                    speaker = index.resolve(child)
                    if speaker is not None:
                        return speaker, anc.i, 0.75
    return _speaker_before_that(index, lexicon, first)


def _speaker_judging(index: MentionIndex, lexicon: Lexicon, first: Token,
                     quote_end: int) -> tuple[str, int, float] | None:
    """``X called Y "…"``, ``X dismissed the claims as "…"``, ``X praised Y for "…"``,
    ``Y was condemned by X as "…"``: the words a verb of judging puts on someone are its doer's."""
    verb = next((a for a in first.ancestors if a.pos_ == "VERB" and not first.idx <= a.idx < quote_end), None)
    if verb is None or verb.lemma_ not in NAMING_VERBS and verb.lemma_ not in lexicon.verb_cues():
        return None
    # Only what is said of someone: a complement, or what a single "as" / "for" / "of" takes
    # ("praised Y for '…'", "accused Y of '…'"), not "called for an inquiry into the '…'".
    path = [a for a in first.ancestors if a.i != verb.i and verb.is_ancestor(a) and not first.idx <= a.idx < quote_end]
    preps = [a for a in path if a.dep_ == "prep"]
    if len(preps) > 1 or preps and (preps[0].lower_ not in {"as", "for", "of"} or preps[0].head.i != verb.i
                                    and preps[0].head.dep_ not in {"dobj", "oprd"}):
        return None
    if verb.lemma_ == "call" and any(c.dep_ in {"prep", "prt"} and c.lower_ in {"for", "on"} and c.i == verb.i + 1
                                     for c in verb.children):
        return None  # "called for …", "called on …": a demand, not naming
    speaker = passive_agent(verb, index) if is_passive(verb) else clause_subject(verb, index) or inherited_subject(
        verb, index)
    return (speaker, verb.i, 0.7) if speaker is not None else None


def _speaker_before_that(index: MentionIndex, lexicon: Lexicon, first: Token) -> tuple[str, int, float] | None:
    """``X's claim that Y "…"`` when the parser hangs the clause elsewhere: read left to "that"."""
    doc = first.doc
    for i in range(first.i - 1, max(sentence_of(first).start, first.i - 10) - 1, -1):
        if doc[i].lower_ != "that" or i == 0:
            continue
        cue = doc[i - 1]
        if cue.lemma_ in lexicon.speech_nouns and cue.pos_ == "NOUN":
            owner = next((c for c in cue.children if is_possessor(c)), None)
            speaker = index.resolve(owner) if owner is not None else None
        elif cue.lemma_ in lexicon.speech_verbs and cue.pos_ == "VERB":
            speaker = clause_subject(cue, index) or inherited_subject(cue, index)
        else:
            return None
        return (speaker, cue.i, 0.7) if speaker is not None else None
    return None


def _speaker_by_colon(doc: Doc, index: MentionIndex, lexicon: Lexicon, first_i: int) -> tuple[str, int, float] | None:
    """A quote introduced by a colon: ``X said:`` / ``X responded:`` just before it."""
    i = first_i - 1
    while i >= 0 and (doc[i].text in OPENING or doc[i].is_space):
        i -= 1
    if i < 0 or doc[i].text != ":":
        return None
    before = doc[sentence_of(doc[i]).start:i]
    for tok in reversed(before):
        if tok.pos_ in {"VERB", "AUX"} and tok.lemma_ in lexicon.speech_verbs:
            speaker = clause_subject(tok, index) or inherited_subject(tok, index)
            if speaker is not None:
                return speaker, tok.i, 0.8
    for tok in before:
        if tok.dep_ == "nsubj" and tok.lemma_ in lexicon.speech_nouns:
            # "His message to the chancellor was: …"
            owner = next((c for c in tok.children if is_possessor(c)), None)
            speaker = index.resolve(owner) if owner is not None else None
            if speaker is not None:
                return speaker, tok.i, 0.75
    root = before.root if len(before) else None
    if root is not None and root.pos_ in {"VERB", "AUX"}:
        # "He also criticised the cult of personality: …": whoever introduces it says it.
        speaker = clause_subject(root, index)
        if speaker is not None and index.clusters[speaker].type == "Person":
            return speaker, root.i, 0.65
    return None


def _speaker_of_previous_sentence(doc: Doc, index: MentionIndex, lexicon: Lexicon,
                                  first_i: int) -> tuple[str, int, float] | None:
    """A quote standing alone right after "X said …" (or "X outlined his view", "X criticised
    the plan") in the same paragraph is X's."""
    sent_start = sentence_of(doc[first_i]).start
    if any(not (t.is_punct or t.is_space) for t in doc[sent_start:first_i]):
        return None  # "Y has called on X to 'practise what it preaches'": the quote is in Y's sentence
    i, new_paragraph = _last_word_before(doc, sent_start)
    if i < 0 or new_paragraph:
        return None  # a new paragraph: the previous sentence is another story
    root = sentence_of(doc[i]).root
    # "X said …", or "X outlined his view", "X issued a statement": speech as the object;
    # "X criticised the system": a verbal act of criticism or support.
    speaks = root.lemma_ in lexicon.speech_verbs or root.lemma_ in lexicon.verb_cues() or any(
        c.dep_ == "dobj" and c.lemma_ in lexicon.speech_nouns for c in root.children)
    if speaks and root.pos_ in {"VERB", "AUX"}:
        # "The report was welcomed by X. '…'": the passive's doer speaks.
        speaker = passive_agent(root, index) if is_passive(root) else clause_subject(root, index)
        if speaker is not None:
            return speaker, root.i, 0.7
    return None


def _speaker_of_previous_paragraph(doc: Doc, index: MentionIndex, lexicon: Lexicon,
                                   first_i: int) -> tuple[str, int, float] | None:
    """A quote that opens a paragraph of its own, after a paragraph whose last sentence
    reports one person speaking ("The attack, he says, is the latest example …"), is theirs."""
    i, new_paragraph = _last_word_before(doc, first_i)
    if i < 0 or not new_paragraph:
        return None  # not the opening of a paragraph after another
    sentence = sentence_of(doc[i])
    speakers = {(key, verb.i) for verb in sentence if verb.pos_ == "VERB" and verb.lemma_ in lexicon.speech_verbs
                and (key := clause_subject(verb, index)) is not None and index.clusters[key].type == "Person"}
    if len({key for key, _ in speakers}) != 1:
        return None
    key, cue = max(speakers, key=lambda pair: pair[1])
    return key, cue, 0.55


def _last_word_before(doc: Doc, i: int) -> tuple[int, bool]:
    """The last token before ``i`` that is neither punctuation nor space (-1 if none), and
    whether a paragraph break lies between."""
    new_paragraph = False
    i -= 1
    while i >= 0 and (doc[i].is_punct or doc[i].is_space):
        new_paragraph = new_paragraph or "\n" in doc[i].text
        i -= 1
    return i, new_paragraph


def _continues(text: str, previous_end: int, start: int) -> bool:
    """A quote that opens a paragraph right after another quote's paragraph, or is reopened
    right after it, continues it."""
    between = text[previous_end:start]
    if between.strip(" \t\n\"“”.,") != "":
        return False
    # A new paragraph, or a quote reopened at once in the same one ('… now. "And …': the
    # paragraph breaks of the original were lost, the quote marks that opened them kept).
    return between.count("\n") >= 1 or len(between) <= 3
