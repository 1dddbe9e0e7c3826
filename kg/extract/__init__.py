"""Extract: one parsed article in, its entities and facts out.

Each extractor is a generator over a spaCy ``Doc`` registered by a versioned name; the
version goes into every fact's provenance (``prov:wasGeneratedBy``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract import interactions, quotes, roles, tone
from kg.extract.mentions import MentionIndex
from kg.lexicons import Lexicon, load_lexicon
from kg.model import Article, ArticleResult, Fact

if TYPE_CHECKING:
    from spacy.tokens import Doc

EXTRACTORS = {
    roles.EXTRACTOR: "posts: title before a name, apposition, copula, possessive",
    roles.MEMBERSHIP_EXTRACTOR: "memberships without a post: possessive, pre-nominal party, member of",
    interactions.EXTRACTOR: "criticism and support cues: verbs, phrasal verbs, nouns",
    interactions.JUDGEMENT_EXTRACTOR: "negative judgements on a person in attributed speech",
    tone.EXTRACTOR: "criticism by tone: negative attributed words about someone named (VADER)",
    quotes.EXTRACTOR: "direct quotations and their speaker",
}
# What the extractors read from a Doc (checked at start-up by kg.nlp).
REQUIRES = ("doc.ents", "doc.sents", "token.dep", "token.head", "token.lemma", "token.pos")


def extract_article(doc: Doc, article: Article, *, lexicon: Lexicon | None = None) -> ArticleResult:
    """Run every extractor over one parsed article.

    Args:
        doc: the article parsed by the spaCy pipeline (its text is ``article.text``).
        article: the article record.
        lexicon: the word lists; the English ones by default.

    Returns:
        The article with its entities (keys local to the article) and facts. Entities
        that no fact and no name mention supports are never invented: every entity
        returned was named in the text.
    """
    lexicon = lexicon or load_lexicon()
    index = MentionIndex(doc, lexicon=lexicon)
    facts: list[Fact] = []
    # Roles first: they teach the index who "the minister" is for the later extractors.
    facts.extend(roles.extract(doc, index=index, lexicon=lexicon, article_id=article.id))
    facts.extend(roles.memberships(doc, index=index, lexicon=lexicon, article_id=article.id))
    # Who belongs where, for the judgements: a word of blame said near a speaker's own party
    # ("the Tories will stand up for the forgotten majority", said by their leader) is no blame of it.
    for fact in facts:
        if fact.object is not None:
            index.affiliate(fact.subject, fact.object)
        if lexicon.serves_in_government(fact) and (government := index.home_government()) is not None:
            index.affiliate(fact.subject, government)  # "Home Secretary X" is one of the government
    index.chain_pronouns()  # "the Tory leader said … he added": descriptions now lead pronouns
    attributions = quotes.attribute(doc, index, lexicon)
    facts.extend(quotes.extract(doc, index=index, lexicon=lexicon, article_id=article.id,
                                attributions=attributions))
    speeches = interactions.statements(doc, index, lexicon, attributions)
    related = list(interactions.extract(doc, index=index, lexicon=lexicon, article_id=article.id,
                                        speeches=speeches))
    facts.extend(related)
    # Tone last: it only adds pairs the cue words and judgements left unrelated.
    facts.extend(tone.extract(doc, index=index, lexicon=lexicon, article_id=article.id, speeches=speeches,
                              known_pairs={(f.subject, f.object or "") for f in related}))
    return ArticleResult(article=article, entities=index.entities(), facts=tuple(facts))

