"""Criticism by tone: negative attributed words about someone named (kg/extract/tone.py)."""

from __future__ import annotations

import hashlib

import pytest

from kg.extract import tone


@pytest.fixture(scope="module")
def related(nlp):
    """text → [(source name, target name, extractor, confidence)] for criticism and support."""
    from kg.extract import extract_article
    from kg.model import Article

    def run(text: str) -> list[tuple[str, str, str, float]]:
        result = extract_article(nlp(text), Article("test.txt", text, hashlib.sha256(text.encode()).hexdigest()))
        names = {e.key: e.name for e in result.entities}
        return [(names[f.subject], names[f.object or ""], f.extractor, f.confidence)
                for f in result.facts if f.kind in {"criticises", "supports"}]

    return run


@pytest.mark.parametrize(("text", "source", "target"), [
    ("Ingrid Holm said the Conservatives were spending too much and voters were angry.",
     "Ingrid Holm", "Conservative Party"),
    ("\"It is a shocking betrayal of pensioners by the Conservatives,\" said Ingrid Holm.",
     "Ingrid Holm", "Conservative Party"),
    # A good thing lost or lacking is a bad one ("trust", "leadership" read alone are good).
    ("Ingrid Holm said Rafael Ortiz had lost the trust of voters.", "Ingrid Holm", "Rafael Ortiz"),
    ("Ingrid Holm said the Conservatives had shown a lack of leadership.", "Ingrid Holm", "Conservative Party"),
    # Someone described by negative words of their own, in a sentence that reads positive.
    ("Ingrid Holm said voters faced a clear choice between Rafael Ortiz, who will waste more and tax more, "
     "and the Greens, who will deliver value for money.", "Ingrid Holm", "Rafael Ortiz"),
    # A measure judged wrong.
    ("Ingrid Holm said the Conservatives were spending too much.", "Ingrid Holm", "Conservative Party"),
    # Rights stripped away are rights lost; "a gaffe" is blame VADER does not rate.
    ("Ingrid Holm said the Greens wanted to strip away civil liberties and freedoms.",
     "Ingrid Holm", "Green Party"),
    ("Ingrid Holm said: \"This is an incredible gaffe by Rafael Ortiz.\"", "Ingrid Holm", "Rafael Ortiz"),
    # Cutting something good is a harm, whatever bad word comes with it.
    ("The Fire Brigades Union said the Greens were planning to cut ill health retirement benefits for nurses.",
     "Fire Brigades Union", "Green Party"),
    ("Ingrid Holm said that the Conservatives had been too slow and the results disappointing.",
     "Ingrid Holm", "Conservative Party"),
    # A phrase judged by a bad word of its own is about the name in it, wherever it stands.
    ("Ingrid Holm said the manifesto offered only a return to a \"failed Conservative past\".",
     "Ingrid Holm", "Conservative Party"),
    # The one warned is addressed, outside the reported clause.
    ("Petra Lindqvist warned the BBC that its reporting was reckless and had caused real harm.",
     "Petra Lindqvist", "BBC"),

    # "for" after a verb or inside the phrase judged is no hardship befalling the name.
    ("Ingrid Holm said voting for the Conservatives meant higher taxes, borrowing and waste.",
     "Ingrid Holm", "Conservative Party"),
    ("Ingrid Holm said families were paying the price for Conservative chaos.", "Ingrid Holm", "Conservative Party"),
    # Plans and records that show something are judged by it, unlike a report.
    ('Ingrid Holm said the Conservatives\' plans showed they were "terrified of scrutiny".',
     "Ingrid Holm", "Conservative Party"),
])
def test_negative_words_about_someone_named_criticise_them(related, text, source, target):
    found = related(text)
    assert [(s, t) for s, t, _, _ in found] == [(source, target)]
    _, _, extractor, confidence = found[0]
    assert extractor == tone.EXTRACTOR
    # Read past the words, so less sure than a cue word (0.8) or a judgement (0.75).
    assert 0.45 <= confidence < 0.75


@pytest.mark.parametrize("text", [
    "Ingrid Holm said the Conservatives had delivered a fine budget and voters were delighted.",
    "Ingrid Holm said Rafael Ortiz had won the trust of voters.",
    "Ingrid Holm said the offer from the Harbour Trust was too good to miss.",
    # The speaker's own party.
    "Labour's Ingrid Holm said Labour were spending too much and voters were angry.",
    # Observers describe a fight rather than take part in it.
    "BBC political editor Nick Ardley said the Conservatives were spending too much and voters were angry.",
    "Professor Anton Weiss, a polling expert, said the Conservatives were losing badly and voters were angry.",
    "Professor Anton Weiss said the Conservatives were losing badly and voters were angry.",
    # A body's unnamed voice on one of its own.
    "Liberal Democrat spokesman Mark Oaten spoke on Monday. But Lib Dem officials say Mr Oaten was speaking "
    "when an inquiry was under way and was avoiding a rush to judgement.",
    # The victim of a harm is not whom the words blame.
    "Ingrid Holm said the plan would undermine the United Nations and hurt families.",
    # Named, but not what the words are about.
    "Ingrid Holm said voters were angry when she spoke to the Conservatives in York.",
    # Named in a phrase of no judgement, placed where a statement is not about it.
    "Ingrid Holm said voters were angry and tired after a return to a proud Conservative past.",
    # A denial says what did not happen; an insistence answers a charge.
    "Ingrid Holm denied that the Conservatives had been too slow and the results disappointing.",
    "Ingrid Holm insisted that the Conservatives had been too slow and the results disappointing.",
    # Acting against a bad thing is no fault.
    "Ingrid Holm said the Greens had fought racism in all its forms.",
    "Ingrid Holm said Rafael Ortiz wanted to reduce costly and unnecessary interference in people's lives.",
    "Ingrid Holm said the Greens also aggressively fought all forms of racism.",
    # Whose chances a harm damages, whom a harm befell, and whom a hard time befalls are victims.
    "Ingrid Holm said those fuelling the rumours were damaging the Greens' chances.",
    'Ingrid Holm said Mr Rafael Ortiz had been "hurt" by the bitter row.',
    'Ingrid Holm predicted the election would be a "tough, tough fight" for the Greens.',
    # Whose report or figures bear witness brings the evidence, not the verdict.
    "Ingrid Holm said the Audit Committee's report showed the sale had been a complete fiasco.",
    'Ingrid Holm said the scheme had "failed every test", pointing to Office for National Statistics figures.',
    # Named beside the speaker's own self: an ally in the same plight.
    "Ingrid Holm said Rafael Ortiz and herself had no intention of resigning despite the bitter row.",
    'Ingrid Holm said: "Rafael Ortiz and I have been treated appallingly."',
])
def test_no_criticism_by_tone(related, text):
    assert [f for f in related(text) if f[2] == tone.EXTRACTOR] == []


def test_someone_elses_words_inside_a_statement_are_theirs(related):
    found = related("Ingrid Holm said Rafael Ortiz had warned that the Conservatives were spending too much.")
    assert [(s, t) for s, t, _, _ in found] == [("Rafael Ortiz", "Conservative Party")]


def test_a_pair_a_cue_word_relates_is_not_repeated_by_tone(related):
    found = related("Ingrid Holm attacked the Conservatives, saying they were spending too much "
                    "and voters were angry.")
    assert [(s, t, extractor) for s, t, extractor, _ in found] == [
        ("Ingrid Holm", "Conservative Party", "interactions.v1")]


def test_confidence_grows_with_how_negative_the_words_are():
    assert tone._confidence(tone.NEGATIVE_TONE) == pytest.approx(0.46, abs=0.01)
    assert tone._confidence(-0.5) < tone._confidence(-0.9) <= 0.7


def test_words_of_political_blame_vader_lacks_count_as_negative(nlp):
    from kg.lexicons import load_lexicon

    lexicon = load_lexicon()
    # "shambles" and "botch" are judgement words VADER (rated on social media) does not know;
    # "botched" is found by its lemma.
    assert tone.tone_of(list(nlp("The scheme is a shambles.")), lexicon) <= tone.NEGATIVE_TONE
    assert tone.tone_of(list(nlp("The council botched the sale.")), lexicon) <= tone.NEGATIVE_TONE
    assert tone.tone_of(list(nlp("The council completed the sale.")), lexicon) > tone.NEGATIVE_TONE


def test_a_name_in_a_neutral_clause_of_a_negative_sentence_is_less_sure(related):
    sure = related("Ingrid Holm said the Conservatives were spending too much and voters were angry.")
    unsure = related("Ingrid Holm said the Conservatives had met on Monday and the talks ended in a terrible disaster.")
    assert [(s, t) for s, t, _, _ in unsure] == [("Ingrid Holm", "Conservative Party")]
    assert unsure[0][3] == 0.4 < tone._confidence(tone.NEGATIVE_TONE) <= sure[0][3]


@pytest.mark.parametrize("text, found", [
    ('Ann Lee said the Greens were "a travesty and a perversion of justice" even if a judge was involved.', True),
    ("Ann Lee said the Greens would be a travesty if a judge was not involved.", False),
])
def test_even_if_concedes_where_if_sets_a_condition(extract, text, found):
    assert bool([t for s, t, k, _ in extract(text).interactions if k == "criticises"]) == found


def test_losing_touch_is_a_judgement_not_only_a_tone(related):
    # A judgement read from the words (0.75), not the tone's weaker guess.
    from kg.extract.interactions import JUDGEMENT_EXTRACTOR

    found = related('Opposition leader Ann Lee said: "Premier Rhys Owen has lost touch with the people."')
    assert ("Ann Lee", "Rhys Owen", JUDGEMENT_EXTRACTOR) in [(s, t, e) for s, t, e, _ in found]


@pytest.mark.parametrize("text", [
    # A clause the parser joins to the speech verb after what it reports goes on reporting.
    "The government published its housing bill on Monday. Nadia Okafor said the bill would help renters, "
    "but ministers had been \"dangerously complacent\" about rising rents.",
    # "ministers", unnamed, stand for the article's government, in a judgement of their own.
    "The government published its housing bill on Monday. Nadia Okafor said ministers had been "
    "dangerously complacent about rising rents.",
    # A bare "government" before a noun is the government's.
    "The government published its housing bill on Monday. Nadia Okafor said government proposals "
    "were unworkable and deeply unfair.",
])
def test_words_about_the_government_criticise_it(related, text):
    assert ("Nadia Okafor", "government") in [(s, t) for s, t, _, _ in related(text)]


def test_a_clause_with_a_speech_verb_of_its_own_reports_another_speaker(related):
    found = related("The government published its housing bill on Monday. Nadia Okafor said the bill would "
                    "help renters, but Tomas Berg said ministers had been dangerously complacent.")
    assert [(s, t) for s, t, _, _ in found] == [("Tomas Berg", "government")]


@pytest.mark.parametrize(("text", "found"), [
    # A minister's words on the government they serve in are no attack from outside.
    ("The government published its housing bill on Monday. Housing Minister Tomas Berg said the government "
     "had been too slow and the results disappointing.", False),
    ("The government published its housing bill on Monday. Home Secretary Tomas Berg said the government "
     "had been too slow and the results disappointing.", False),
    # A shadow minister's are.
    ("The government published its housing bill on Monday. Shadow Home Secretary Tomas Berg said the "
     "government had been too slow and the results disappointing.", True),
    # A story that names only someone else's government.
    ("The US government imposed new tariffs. Foreign Secretary Tomas Berg said the US government had been too "
     "slow and the results disappointing.", True),
])
def test_a_minister_serves_in_the_government_not_against_it(related, text, found):
    assert any(s == "Tomas Berg" and "government" in t for s, t, _, _ in related(text)) is found


def test_a_chamber_named_in_negative_words_is_where_politics_is_done(related):
    found = related("Ingrid Holm said the Conservatives had lost the confidence of Parliament and voters were angry.")
    assert [(s, t) for s, t, _, _ in found] == [("Ingrid Holm", "Conservative Party")]
    # A cue word still finds a chamber criticised.
    assert ("Ingrid Holm", "House of Lords") in [(s, t) for s, t, _, _ in related(
        "Ingrid Holm attacked the House of Lords for blocking the bill.")]


def test_a_pronoun_in_reported_words_is_read_as_the_story_reads_it(related):
    found = related("Rafael Ortiz unveiled the budget on Monday. Ms Ingrid Holm said he had been too slow and the "
                    "results disappointing.")
    assert [(s, t) for s, t, _, _ in found] == [("Ingrid Holm", "Rafael Ortiz")]
    # Inside a quotation it points into the speaker's own story.
    assert related("Rafael Ortiz unveiled the budget on Monday. Ms Ingrid Holm said: \"He was too slow and the "
                   "results were disappointing.\"") == []


def test_everyone_warned_is_criticised(related):
    found = related('The Greens warned Labour and the Conservatives they were "in danger of pandering to prejudice".')
    assert sorted((s, t) for s, t, _, _ in found) == [("Green Party", "Conservative Party"),
                                                      ("Green Party", "Labour Party")]


def test_the_body_of_someones_post_says_who_they_are(related):
    found = related("Ingrid Holm said the scandal would lead to the blaming of Rafael Ortiz (head of the Harbour "
                    "Trust at the time) and voters were angry.")
    assert "Harbour Trust" not in [t for _, t, _, _ in found]


def test_tone_on_legislation_nobody_owns_blames_the_government(extract):
    found = extract('The government published its terror plans on Monday. Ms Ann Lee, director of the rights group '
                    'Freedom, said the legislation was "an outrage and an insult to justice".')
    assert ("Ann Lee", "government") in [(s, t) for s, t, k, _ in found.interactions if k == "criticises"]
