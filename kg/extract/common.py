"""Helpers the extractors share: subjects, targets and evidence from a dependency parse."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from kg.model import Evidence

if TYPE_CHECKING:
    from collections.abc import Collection

    from spacy.tokens import Doc, Span, Token

    from kg.extract.mentions import MentionIndex
    from kg.lexicons import Lexicon

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
# Clauses that share their head's subject: "X spoke, accusing Y" / "X tried to blame Y".
SUBJECT_SHARING_DEPS = {"advcl", "xcomp", "conj", "pcomp", "acl", "ccomp", "prep", "acomp"}
# Nouns that stand for what an actor said or did: "X's claims" points at X.
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
SELF_POSSESSIVES = {"his", "her", "its", "their", "our", "my"}
LIST_PREPOSITIONS = {"like", "including"}
MANNER_NOUNS = {"way", "manner"}
# Determiners of a thing already spoken of: "the plan", "these proposals".
ANAPHORIC_DETERMINERS = {"the", "this", "that", "these", "those"}
DEMONSTRATIVES = {"this", "that", "these", "those"}
# A verb whose doer owns the noun that names the act later: "X plans to cut" → "the plans".
PROPOSING_VERBS = {"plan": "plan", "propose": "proposal", "pledge": "pledge", "promise": "promise",
                   "reform": "reform"}
# Verbs whose subject is the author of their object ("X unveiled plans"), not just for or against it.
AUTHORING_VERBS = {"outline", "unveil", "announce", "publish", "propose", "launch", "set", "draw", "put",
                   "table", "introduce", "present", "make", "issue", "produce", "adopt", "float"}
# Verbs that name someone with the words that follow: "called X a liar", "branded Y 'a disgrace'".
NAMING_VERBS = {"call", "brand", "label", "describe", "dub", "liken"}
# Naming verbs that stigmatise by themselves: "branded Y 'the minister for grievance'" is blame
# unless the name given reads as praise (in news "branded" and "labelled" go with "a disgrace",
# "a joke", "unworkable"; "called" and "dubbed" as often with a nickname).
STIGMATISING_VERBS = {"brand", "label"}
# Documents that speak for whoever wrote them ("the report criticised Y").
DOCUMENT_NOUNS = {"report", "study", "review", "inquiry", "survey", "audit", "letter", "statement", "analysis",
                  "investigation", "paper", "document", "memo", "assessment", "research", "submission"}
# People named by their tie to another: "her father", "his aide" is not "her" or "him".
KIN_NOUNS = {"father", "mother", "son", "daughter", "wife", "husband", "brother", "sister", "partner", "aide",
             "ally", "friend", "colleague", "deputy", "successor", "predecessor", "rival"}


def is_title_head(tok: Token, lexicon: Lexicon) -> bool:
    """A post head word ("minister", "Secretary", "MP", "co-founder"), or the last word of a
    two-word post ("chief executive", "attorney general") when the first word precedes it."""
    if tok.lower_ in lexicon.post_titles or tok.lemma_.lower() in lexicon.post_titles:
        return True
    if is_plural_word(tok) and tok.lower_.removesuffix("s") in lexicon.post_titles:
        return True
    if tok.i > 1 and tok.doc[tok.i - 1].text == "-":  # "Secretary-General", split by the tokenizer
        return f"{tok.doc[tok.i - 2].lower_}-{tok.lower_}" in lexicon.post_titles
    return tok.i > 0 and f"{tok.doc[tok.i - 1].lower_} {tok.lower_}" in lexicon.post_titles


def is_plural_word(tok: Token) -> bool:
    """A plural noun, acronyms too: "managers", "MPs" (which the lemmatizer leaves as "mps")."""
    return tok.tag_ in {"NNS", "NNPS"} or tok.text.endswith("Ps")


def is_actor(index: MentionIndex, key: str | None) -> bool:
    """Is ``key`` someone who can criticise or be criticised: a person or an organisation?"""
    return key is not None and index.clusters[key].type in {"Person", "Organization"}


def governor(obj: Token) -> Token:
    """The word an object depends on: a verb's for "damaged the NHS", the preposition's head
    for "a lack of trust"."""
    return obj.head.head if obj.dep_ == "pobj" else obj.head


def is_done_to_nothing(tok: Token, nothing: frozenset[str]) -> bool:
    """Is ``tok`` done to nothing: an object among ``nothing`` or with "no" ("was hiding
    nothing", "hid no figures")?"""
    return any(c.dep_ == "dobj" and (c.lower_ in nothing or any(d.dep_ == "det" and d.lower_ == "no"
                                                                 for d in c.children))
               for c in tok.children)


def clause_subject(verb: Token, index: MentionIndex) -> str | None:
    """The entity that is the subject of ``verb`` (relative "who" resolved to its noun).

    Notes:
        The parser sometimes splits a hyphenated title into subjects of their own ("Tory
        co-chairman X opened …" gives "co", "-" and X as ``nsubj``): the first subject
        that names someone is taken.
    """
    for child in verb.children:
        if child.dep_ in {"nsubj", "csubj"}:
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                # The noun the clause hangs on; when the parser hangs it too far up ("… Sport
                # Secretary X who said"), the name written right before "who".
                before = child.doc[child.i - 1] if child.i > 0 else None
                return index.resolve(verb.head) or (index.entity_at(before) if before is not None else None) \
                    or appositive_owner(verb.head, index)
            # "said the chairman of the committee, Labour MP X": the apposition names them
            # (but in "said X, a Democrat" X is named already).
            for appos in child.children if index.entity_at(child) is None else ():
                if appos.dep_ == "appos" and index.entity_at(appos) is not None:
                    return index.entity_at(appos)
            # "X's colleagues refused …" is not X: a possessor is never the subject itself.
            key = index.resolve(child) or _titled_name(child, index)
            if key is not None or child.pos_ not in {"NOUN", "PUNCT"} or not _split_title(child):
                return key
    if verb.dep_ == "ROOT" and verb.tag_ in {"VBD", "VBZ", "VBP"} \
            and not any(c.dep_ in {"nsubj", "nsubjpass", "csubj", "expl"} for c in verb.children):
        # "Responding to the speech, shadow chief secretary X, said: …", "…, X, leader of the Y
        # group, said: …": the parser found no subject; it is the person named right before the
        # verb (and its comma), or whose apposition ends there.
        before = verb.doc[verb.i - 1] if verb.i > 0 else None
        if before is not None and before.text == "," and before.i > 0:
            before = verb.doc[before.i - 1]
        phrase = before
        while phrase is not None:
            key = index.entity_at(phrase)
            if key is not None and index.clusters[key].type == "Person" and phrase.right_edge.i < verb.i:
                return key
            phrase = phrase.head if phrase.head.i != phrase.i and phrase.head.i < verb.i else None
    return None


def _titled_name(subject: Token, index: MentionIndex) -> str | None:
    """The person named at the end of a subject headed by a post: "director of the Trust,
    X, accused …", "Labour's minister for women X said …" (the parser hangs the name inside
    the title's phrase, so the post word alone is the subject)."""
    if subject.pos_ not in {"NOUN", "PROPN"} or not is_title_head(subject, index.lexicon):
        return None
    last = subject.right_edge
    while last.i > subject.i and last.is_punct:
        last = last.doc[last.i - 1]
    key = index.entity_at(last)
    return key if key is not None and index.clusters[key].type == "Person" else None


def _split_title(tok: Token) -> bool:
    """A piece of a hyphenated word the parser made a subject: "co" or "-" in "co-chairman"."""
    doc = tok.doc
    return tok.text == "-" or (tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-" and not tok.whitespace_)


def coordinated_subjects(verb: Token, index: MentionIndex) -> list[str]:
    """Every entity of a coordinated subject: "Labour and the Tories attacked …" gives both,
    and so does "Critics, including Labour and the Tories, said …"."""
    found = []
    for child in verb.children:
        if child.dep_ in {"nsubj", "csubj"}:
            for tok in [child, *child.conjuncts]:
                key = index.resolve(tok)
                if key is not None:
                    found.append(key)
            if index.resolve(child) is None and child.pos_ == "NOUN":
                found.extend(key for prep in child.children if prep.dep_ == "prep" and prep.lower_ == "including"
                             for pobj in prep.children if pobj.dep_ == "pobj"
                             for tok in [pobj, *pobj.conjuncts] if (key := index.resolve(tok)) is not None)
    return list(dict.fromkeys(found))


def appositive_owner(noun: Token, index: MentionIndex) -> str | None:
    """Whom a description in apposition describes: "X, a former minister who was …" → X."""
    return index.resolve(noun.head) if noun.dep_ == "appos" else None


def passive_agent(verb: Token, index: MentionIndex) -> str | None:
    """The doer of a passive verb: "X was criticised by Y" gives Y."""
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    # "by the party's former president, X": the name in apposition.
                    named = next((index.entity_at(c) for c in pobj.children if c.dep_ == "appos"), None)
                    return index.resolve(pobj) or named or _name_in_title(pobj, index)
    return None


def _name_in_title(tok: Token, index: MentionIndex) -> str | None:
    """"by Culture, Media and Sport Secretary X": the parser made the portfolio the object
    and hung the name in a list under it; the person named last in the phrase (outside
    a relative clause) is meant."""
    if not tok.is_title:
        return None
    relative = {t.i for c in tok.subtree if c.dep_ == "relcl" for t in c.subtree}
    for t in reversed(list(tok.subtree)):
        key = index.entity_at(t) if t.i not in relative else None
        if key is not None and index.clusters[key].type == "Person":
            return key
    return None


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def inherited_subject(verb: Token, index: MentionIndex) -> str | None:
    """The subject a clause without one takes from the clause it hangs on.

    Notes:
        Participle and infinitive clauses ("…, accusing her of …", "rejecting X's claims")
        share the subject of their head verb; a participle on a noun ("Y's criticism …,
        targeting X", "Labour poster plans attacking X") takes whose the noun is.
    """
    tok = verb
    for _ in range(6):
        if any(c.dep_ in SUBJECT_DEPS for c in tok.children) and tok.i != verb.i:
            if is_passive(tok):
                # "X is alleged to have said", "X was quoted saying": with no agent, the
                # passive's subject is the one who speaks.
                return passive_agent(tok, index) or next(
                    (index.resolve(c) for c in tok.children if c.dep_ == "nsubjpass"), None)
            return clause_subject(tok, index)
        if tok.dep_ not in SUBJECT_SHARING_DEPS or tok.head.i == tok.i:
            if tok.pos_ == "NOUN" and tok.i != verb.i:
                return _whose(tok, index)
            return None
        after_comma = tok.i > 0 and tok.doc[tok.i - 1].text == ","
        if tok.dep_ == "conj" and tok.tag_ == "VBG" and tok.head.tag_ in {"VB", "VBP", "VBZ"}:
            # "… stressing politicians should not X and attacking Y": the parser joined the
            # participle to the wrong verb; it shares the subject of the participle above.
            tok = tok.head
        tok = tok.head
        if tok.pos_ == "NOUN" and not after_comma:
            owner = _whose(tok, index)
            if owner is not None or not tok.dep_.startswith("pobj"):
                return owner
            # "… made a speech during a visit to support Y": an unowned noun hands on to its verb.
        while tok.pos_ in {"NOUN", "PROPN", "ADP", "PRON"} and tok.head.i != tok.i:
            tok = tok.head  # ", rejecting …" after a noun phrase: the clause's subject acts
    return None


def _whose(noun: Token, index: MentionIndex) -> str | None:
    """Whose a thing is, by its possessor ("Y's poster") or a body named in front of it
    ("Labour poster plans")."""
    return possessor(noun, index) or next(
        (key for left in noun.lefts if left.dep_ in {"compound", "amod"}
         for t in left.subtree if (key := index.entity_at(t)) is not None), None)


def is_possessor(tok: Token) -> bool:
    """"X's" before a noun: parsed as ``poss``, or as ``nmod``/``compound`` with a "'s" case."""
    if tok.dep_ == "poss":
        return True
    return tok.dep_ in {"nmod", "compound", "npadvmod"} and any(
        c.dep_ == "case" and c.text in {"'s", "’s", "'", "’"} for c in tok.children)


def possessor(noun: Token, index: MentionIndex) -> str | None:
    """Who owns a noun by a possessive ("X's plan"), if anyone."""
    for child in noun.children:
        if is_possessor(child):
            return index.resolve(child)
    return None


def owners_written(noun: Token, prepositions: Collection[str] = ("of",)) -> list[Token]:
    """The words that say whose a noun is: its possessors ("Y's defence"), then the objects of
    ``prepositions`` on it ("the defence of Y")."""
    return [c for c in noun.children if is_possessor(c)] + [
        p for prep in noun.children if prep.dep_ == "prep" and prep.lower_ in prepositions
        for p in prep.children if p.dep_ == "pobj"]


def targets_of(tok: Token, index: MentionIndex, *, exclude: frozenset[str] = frozenset()) -> list[str]:
    """The entities a noun phrase points at: itself, its possessor, or a listed example.

    "Labour's plans" → Labour; "figures like Y" → Y; "X and Y" → both. A possessive
    pronoun for the actor itself ("defended his record") points at nobody.
    """
    found: list[str] = []
    if tok.tag_ in {"WP", "WDT"} and tok.dep_ not in {"nsubj", "nsubjpass"}:
        # "Y, whom he accused of …": the relative pronoun stands for the noun its clause hangs on
        # (a subject one, "Y, who will …", describes Y, who is read as such).
        clause = next((a for a in tok.ancestors if a.dep_ == "relcl"), None)
        return targets_of(clause.head, index, exclude=exclude) if clause is not None else []
    named = [c for c in tok.children if c.dep_ == "appos" and index.resolve(c, exclude=exclude) is not None]
    if named and tok.pos_ == "NOUN" and index.resolve(tok) is None:
        # "her rival, Governor X", "his own party, Labour": the name beside the noun is whom it means.
        return [key for c in named for key in targets_of(c, index, exclude=exclude)]
    if _owned_by(tok, index, exclude):
        return []  # "his government", "their party": the actor's own, not another
    group = index.group_before(tok) if tok.pos_ == "NOUN" else []
    if group:
        return [k for k in group if k not in exclude]  # "the two men": both of them
    key = index.resolve(tok, exclude=exclude) or index.government_for(tok)
    if key is not None and key not in exclude:
        found.append(key)
        if tok.lower_ == "government":  # "Mr X's government": the government and its leader
            found.extend(index.resolve(c) or "" for c in tok.children if c.dep_ == "poss" and c.pos_ == "PROPN")
    elif key is None:
        for child in tok.children:
            if is_possessor(child):
                if child.lower_ in SELF_POSSESSIVES:
                    possessor = index.resolve(child, exclude=frozenset())
                    if possessor in exclude or possessor is None:
                        break
                if child.pos_ == "NOUN" and index.resolve(child) is None and index.government_for(child) is None:
                    break  # "her father's actions" are the father's, not hers (but "ministers' plans" the government's)
                if tok.lemma_.lower() in KIN_NOUNS or is_title_head(tok, index.lexicon):
                    break  # "his chancellor", "her father": someone else, unnamed
                found.extend(targets_of(child, index, exclude=exclude))
                break
            if child.dep_ == "appos" and index.resolve(child) is not None:
                found.extend(targets_of(child, index, exclude=exclude))  # "hopefuls X and Y"
            if child.dep_ == "prep" and child.lower_ in {"of", "from", "by"} \
                    and tok.lemma_.lower() in index.lexicon.attributable_nouns:
                # "the handling of X", "the ambitions of X and Y", "the criticism from X"
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found.extend(targets_of(pobj, index, exclude=exclude))
            if child.dep_ == "acl" and tok.lemma_.lower() in index.lexicon.attributable_nouns \
                    and any(c.dep_ == "agent" for c in child.children):
                agent = passive_agent(child, index)  # "the claims made by X"
                if agent is not None:
                    found.append(agent)
            if child.dep_ == "relcl" and tok.lemma_.lower() in MANNER_NOUNS:
                # "the way the government handled the bill": whoever did the handling.
                for subject in (c for c in child.children if c.dep_ in {"nsubj", "nsubjpass"}):
                    found.extend(targets_of(subject, index, exclude=exclude))
            if child.dep_ == "prep" and child.lower_ in LIST_PREPOSITIONS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found.extend(targets_of(pobj, index, exclude=exclude))
            if child.dep_ in {"compound", "amod", "nmod"} and index.entity_at(child) and not found:
                found.append(index.entity_at(child) or "")  # "Tory plans", "the Lib Dem stance"
    if key is None and not found:
        owner = earlier_owner(tok, index) or legislating_government(tok, index, exclude)
        if owner is not None:
            found.append(owner)
    for child in tok.children:
        if child.dep_ == "conj":
            found.extend(targets_of(child, index, exclude=exclude))
    return [k for k in dict.fromkeys(found) if k and k not in exclude]


# Legislation, which only a government puts before a parliament in the news that speaks of
# it unowned ("the Bill", "the legislation", "the White Paper").
LEGISLATION_NOUNS = {"bill", "legislation"}
POLICY_PAPERS = {"white", "green"}


def legislating_government(noun: Token, index: MentionIndex, exclude: frozenset[str]) -> str | None:
    """"X said the Bill was unnecessary": the government's Bill, when the article has one
    government, written as plain "the government", and X is not of it."""
    written = noun.lower_ in LEGISLATION_NOUNS or noun.lower_ == "paper" and any(
        c.dep_ == "compound" and c.lower_ in POLICY_PAPERS for c in noun.children)
    if not written or not any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETERMINERS for c in noun.children):
        return None
    government = index.home_government()
    if government is None or any(k == government or government in index.affiliations.get(k, set()) for k in exclude):
        return None
    return government


def earlier_owner(noun: Token, index: MentionIndex) -> str | None:
    """"the plan" in "X said the plan was dangerous": whose plan (or proposal, scheme, …)
    the article last spoke of ("plans unveiled by the Conservatives", "Tory plans", "the
    Tories outlined plans")."""
    lemma = noun.lemma_.lower()
    if lemma not in index.lexicon.attributable_nouns or noun.tag_ not in {"NN", "NNS"}:
        return None
    if not any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETERMINERS for c in noun.children):
        return None
    # The same word first ("the plans" → "Tory plans"), then another word for a proposal.
    proposals = index.lexicon.proposal_nouns
    for same_word in (True, False):
        for earlier in reversed(noun.doc[:noun.i]):
            other = earlier.lemma_.lower()
            if earlier.pos_ == "NOUN" and (other == lemma if same_word else lemma in proposals and other in proposals):
                owner = _owner(earlier, index)
                if owner is not None:
                    return owner
            if same_word and earlier.pos_ == "VERB" and PROPOSING_VERBS.get(other) == lemma:
                owner = clause_subject(earlier, index)  # "X also plans to cut …" → "the plans"
                if owner is not None:
                    return owner
    if lemma in index.lexicon.speech_nouns and any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES
                                                   for c in noun.children):
        return index.last_speaker(noun)  # "X warned that …. Y called that suggestion absurd"
    return None


def author_of(document: Token, index: MentionIndex) -> str | None:
    """Who wrote a document that stands as a clause's subject: "a report by the X committee
    criticised Y", "the TUC's study said …", "X published a report. The report warned …"."""
    if document.pos_ != "NOUN" or document.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    return _owner(document, index) or earlier_owner(document, index)


def _owner(noun: Token, index: MentionIndex) -> str | None:
    """Whose a thing written with its owner is: "X's plan", "Tory plans", "plans unveiled by
    X", "plans from X", "X outlined plans"."""
    for child in noun.children:
        if is_possessor(child) and child.lower_ not in SELF_POSSESSIVES and (owner := index.resolve(child)):
            return owner
        if child.dep_ in {"compound", "amod", "nmod"} and index.entity_at(child):
            return index.entity_at(child)
        if child.dep_ == "acl" and any(c.dep_ == "agent" for c in child.children):
            return passive_agent(child, index)
        if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
            return next((index.entity_at(p) for p in child.children if p.dep_ == "pobj"), None)
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in AUTHORING_VERBS:
        return clause_subject(noun.head, index)
    return None


def _owned_by(tok: Token, index: MentionIndex, actors: frozenset[str]) -> bool:
    for child in tok.children:
        if is_possessor(child) and child.lower_ in SELF_POSSESSIVES:
            return index.resolve(child) in actors or index.resolve(child) is None
    return False


def text_of(doc: Doc) -> str:
    """The document's text; ``Doc.text`` rebuilds it from the tokens on every call."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def sentence_of(tok: Token) -> Span:
    """The sentence of a token. spaCy's ``Token.sent`` walks the whole document on every
    call; the sentences are listed once per document here instead."""
    doc = tok.doc
    cached = doc.user_data.get("kg_sentences")
    if cached is None:
        sentences = list(doc.sents)
        cached = doc.user_data["kg_sentences"] = (sentences, [s.start for s in sentences])
    sentences, starts = cached
    return sentences[bisect.bisect_right(starts, tok.i) - 1]


def evidence_for(doc: Doc, article_id: str, first: int, last: int) -> Evidence:
    """The sentence (or run of sentences) spanning two tokens, with its offsets."""
    lo, hi = min(first, last), max(first, last)
    start = sentence_of(doc[lo]).start_char
    end = sentence_of(doc[hi]).end_char
    text = text_of(doc)[start:end]
    stripped = text.rstrip()
    lead = len(text) - len(text.lstrip())
    return Evidence(article_id, stripped.strip(), start + lead, start + len(stripped))


REFUSING_VERBS = {"refuse", "decline", "fail", "reluctant", "unwilling", "deny"}


def is_negated(verb: Token) -> bool:
    """"did not criticise", "never backed", "refused to back": the act is denied, so no fact."""
    if any(c.dep_ == "neg" or c.lower_ in {"never", "not", "n't"} for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_ in REFUSING_VERBS
