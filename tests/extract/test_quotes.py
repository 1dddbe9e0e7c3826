"""Quotes: attribution after, before, with a colon, by pronoun, and across paragraphs."""

from __future__ import annotations

import pytest

from kg.extract.quotes import quote_spans

pytestmark = pytest.mark.slow

# text, speaker, the quote's first words
FOUND = [
    ('"We will not back down on this issue," Maria Okafor said.', "Maria Okafor", "We will not back down"),
    ('"The plan is a failure from start to finish," said Henrik Dahl.', "Henrik Dahl", "The plan is a failure"),
    ('Henrik Dahl said: "Our members deserve far better than this."', "Henrik Dahl", "Our members deserve far better"),
    ('Maria Okafor spoke in Oslo on Monday.\n\n"Nobody expected the result to be so close," she told reporters.',
     "Maria Okafor", "Nobody expected the result"),
    ('Greta Lund told the Daily Courier that the reforms were "a betrayal of every promise we made."',
     "Greta Lund", "a betrayal of every promise"),
    ('Farmers\' "quiet fury" could swing the vote in the west, Greta Lund has said.', "Greta Lund", "quiet fury"),
    ('Greta Lund called the bill "a hostile takeover of the central bank" on Monday.',
     "Greta Lund", "a hostile takeover of the central bank"),
    ('Henrik Dahl dismissed the allegations as "the complaints of sore losers".',
     "Henrik Dahl", "the complaints of sore losers"),
    ('The plan was condemned by Maria Okafor as "a betrayal of every voter in the north".',
     "Maria Okafor", "a betrayal of every voter"),
    ('Henrik Dahl mocked the government as "a party at war with itself", while Greta Lund posted on X: '
     '"They cannot even agree with themselves."', "Greta Lund", "They cannot even agree"),
    ('"This is typical of Lib Dem hypocrisy," said Tory shadow local government secretary Greta Lund.',
     "Greta Lund", "This is typical of Lib Dem hypocrisy"),
    ('"This government has lost its way," according to Greta Lund, the party\'s deputy leader.',
     "Greta Lund", "This government has lost its way"),
    ('Henrik Dahl was quoted in the Evening Post saying: "The council has lost its way entirely."',
     "Henrik Dahl", "The council has lost its way"),
    ('Henrik Dahl is alleged to have said that rivals should be "sent packing before the summer".',
     "Henrik Dahl", "sent packing before the summer"),
    ('Maria Okafor also criticised the cult of celebrity: "There is far too much interest in fame."',
     "Maria Okafor", "There is far too much interest"),
    ('Maria Okafor wrote to the mayor. Her message was: "Please do not close the library this year."',
     "Maria Okafor", "Please do not close the library"),
    # The parser hangs "who said" on the portfolio, not on the name: the name before "who" speaks.
    ('Her idea was backed by Culture, Media and Sport Secretary Ruth Ellery who said: "Nobody should '
     'have to wait this long."', "Ruth Ellery", "Nobody should have to wait"),
    # "he said" after a quote: the one the sentence before was about, not the last speaker.
    ('Maria Okafor said: "We want judges to be advised." Shadow home secretary Henrik Dahl echoed the '
     'criticism. "There is genuine concern about the sentences," he said.', "Henrik Dahl",
     "There is genuine concern"),
    # A post word as the subject (tagged a proper noun), the name inside its phrase.
    ('Chairman of the Environmental Audit Committee Peter Lindqvist MP, said: "The housing policy is an '
     'alarming example of disjointed thinking."', "Peter Lindqvist", "The housing policy is"),
]


@pytest.mark.parametrize("text, speaker, starts", FOUND)
def test_quote_is_attributed(extract, text, speaker, starts):
    quotes = extract(text).quotes
    assert any(s == speaker and q.startswith(starts) for s, q in quotes), quotes


def test_scare_quotes_are_not_quotes(extract):
    assert extract('The protesters called the plan "a disgrace" on Tuesday.').quotes == []


def test_quote_continues_in_next_paragraph(extract):
    text = ('Henrik Dahl said: "The first part of what I want to say is this."\n\n'
            '"And the second part follows in a new paragraph, as papers print it."')
    quotes = extract(text).quotes
    assert [s for s, _ in quotes] == ["Henrik Dahl", "Henrik Dahl"]


@pytest.mark.parametrize("text, speakers", [
    ('Mr Henrik Dahl spoke to delegates in Leeds. The attack on him, he says, is the latest sign of a party in '
     'trouble.\n\n"Frankly I cannot follow what their strategy is meant to be."', ["Henrik Dahl"]),
    # The paragraph before reports two people speaking: whose the quote is, is not known.
    ('Mr Henrik Dahl says the plan will fail, and Ms Ruth Moss says it will work.\n\n'
     '"Frankly I cannot follow what their strategy is meant to be."', []),
    # Nobody reported speaking in the paragraph before.
    ('Mr Henrik Dahl arrived in Leeds on Monday.\n\n"Frankly I cannot follow what their strategy is meant to be."',
     []),
])
def test_a_quote_opening_a_paragraph_is_the_one_just_reported_speaking(extract, text, speakers):
    assert [s for s, _ in extract(text).quotes] == speakers


@pytest.mark.parametrize("text, speaker", [
    ('Responding to the speech, shadow chief secretary to the Treasury, Gareth Lyle, said: "This was yet more spin '
     'from Mr Dan Corrie."', "Gareth Lyle"),
    ('Responding to the Budget, shadow chancellor, Ivan Petrov, said: "It is a con and a sham."', "Ivan Petrov"),
    # The name's apposition runs up to the verb.
    ("In response to Dr Hale's comments, Ivan Petrov, leader of the Green group in the assembly, said: \"This is "
     'plainly a reshuffle in name only."', "Ivan Petrov"),
])
def test_a_speech_verb_the_parser_left_without_subject_has_the_name_before_it(extract, text, speaker):
    assert [s for s, _ in extract(text).quotes] == [speaker]


def test_he_replied_after_a_passive_is_its_subject(extract):
    found = extract('Mr Tom Hadley was asked why Mr Ian Smith had been allowed to leave. He replied: "The director '
                    'chose to go, and a successor is in place."')
    assert [s for s, _ in found.quotes] == ["Tom Hadley"]


def test_a_colon_introducing_a_quote_outranks_a_later_he_said_the_parser_hung_it_on(extract):
    # The parser runs the quote and the next sentence together, hanging the quote on "he said".
    found = extract('Mr Ian Moss spoke first. Green co-chairman Tom Hadley derided the launch, saying: "That display '
                    'of harmony was the feeblest acting I have watched since Emmerdale Farm B." Labour had raised '
                    'fuel duty 12 times and left the weakest economy in the European Union, he said.')
    assert [s for s, _ in found.quotes] == ["Tom Hadley"]


def test_he_said_after_a_quote_a_colon_introduced_repeats_its_speaker(extract):
    found = extract('Treasury minister Ivan Petrov said the Budget was fair. He added: "I see no need to change the '
                    'plans we have set out."\n\nFor the Greens Tom Hadley said: "The minister will tell us today how '
                    'splendidly everything is going," he said.')
    assert [s for s, _ in found.quotes] == ["Ivan Petrov", "Tom Hadley"]


def test_a_quote_after_a_passive_welcome_is_the_welcomers(extract):
    found = extract("Ms Ann Lee published a study of care homes. The study was welcomed by shadow health secretary "
                    "Tom Hadley. \"Older people deserve far better than they get today.\"")
    assert [s for s, _ in found.quotes] == ["Tom Hadley"]


def test_quote_without_a_speaker_is_dropped(extract):
    assert extract('"Nothing will ever be the same again after this," the sign read.').quotes == []


@pytest.mark.parametrize("text, inner", [
    ('He said "one two three" then.', ["one two three"]),
    ("She wrote “curly quotes work too” here.", ["curly quotes work too"]),
    ('"An open quote runs to the end of its paragraph\n"Next one."',
     ["An open quote runs to the end of its paragraph", "Next one."]),
])
def test_quote_spans(text, inner):
    assert [text[a:b] for a, b in quote_spans(text)] == inner


def test_a_full_stop_after_the_quote_ends_its_attribution(extract):
    text = ('Henrik Dahl spoke first. Mr Dahl said it would be "far better to wait for the report". '
            'Maria Okafor said the report was late.')
    assert [s for s, _ in extract(text).quotes] == ["Henrik Dahl"]


@pytest.mark.parametrize("text, inner", [
    # A quote reopened after a full stop, its closing mark lost with a paragraph break.
    ('He said: "We have stopped it. "It is over." Then Ada Brun said: "Not yet."',
     ["We have stopped it. ", "It is over.", "Not yet."]),
    ('She called it "a so-called reform" at the time.', ["a so-called reform"]),
])
def test_quote_spans_reopened_without_closing(text, inner):
    assert [text[a:b] for a, b in quote_spans(text)] == inner


def test_quote_after_a_reopened_one_keeps_its_speaker(extract):
    text = ('Tomas Lindqvist told Radio Nord: "We stopped it. "It is over now." '
            'Maria Okafor was quoted in the Nordic Courier saying: "I think the party has gone too far."')
    quotes = extract(text).quotes
    assert ("Maria Okafor", "I think the party has gone too far.") in quotes, quotes


def test_a_quote_after_someone_outlines_a_view_is_theirs_not_the_next_speakers(extract):
    found = extract("Writing in the Guardian, Mr Rolf Brandt outlined his view of the party. \"As our manifesto "
                    "should make clear, our ambition is full employment.\" BBC political editor Helen Marsh said "
                    "the article was a warning.")
    assert [speaker for speaker, text in found.quotes if text.startswith("As our manifesto")] == ["Rolf Brandt"]


def test_a_quote_after_someone_criticises_something_is_theirs(extract):
    found = extract('Care charity director Rolf Brandt criticised the present rules. "Nothing about a scheme that '
                    'pays families differently by postcode makes sense."')
    assert [s for s, _ in found.quotes] == ["Rolf Brandt"]


def test_a_quote_inside_a_sentence_of_its_own_speaker_is_not_the_last_speakers(extract):
    found = extract('Mr Rolf Brandt said the plan was wrong. Campaigners have called on the minister to '
                    '"practise what she preaches".')
    assert [s for s, _ in found.quotes] == []


def test_a_quote_reopened_at_once_continues_the_last_one(extract):
    found = extract("\"We will fund the plan in full,\" Rolf Brandt said in Leeds. \"The money is there. "
                    "\"Nobody should doubt that we mean what we say.\"")
    assert [speaker for speaker, text in found.quotes if text.startswith("Nobody should doubt")] == ["Rolf Brandt"]


def test_a_described_speaker_keeps_the_quote(extract):
    found = extract("\"This is a betrayal of working families,\" said Senator Amy Hale, a Democrat.")
    assert [speaker for speaker, _ in found.quotes] == ["Amy Hale"]
    assert ("Amy Hale", "Democratic Party") in found.memberships


def test_nobody_quoted_speaks_of_themselves_by_name(extract):
    found = extract("Rolf Brandt said the families were delighted. He said Mr Ken Lowe had spoken with "
                    "\"great care\", adding: \"Ken Lowe has healed rifts, he is helping to heal wounds.\"")
    assert ("Ken Lowe", "Ken Lowe has healed rifts, he is helping to heal wounds.") not in found.quotes



def test_a_demand_is_no_naming_of_its_quoted_words(extract):
    found = extract('Opposition leader Greta Lund has called for a full inquiry into the "harbour contracts scandal", '
                    "arguing that only an inquiry can settle it.")
    assert found.quotes == []


def test_he_after_a_quote_of_several_sentences_is_the_one_the_narration_before_it_was_about(extract):
    text = ("Mr Wade Kessler said the bill was a mistake. Mr Todd Harlan brushed off the attack. "
            "\"Wade hasn't read the bill. I'd be happy to walk him through it, slowly,\" he said.")
    assert [s for s, q in extract(text).quotes if q.startswith("Wade hasn't")] == ["Todd Harlan"]
