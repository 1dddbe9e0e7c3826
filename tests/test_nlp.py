"""kg.nlp: which model is loaded, the error when none can be, and sentences that keep to paragraphs and datelines."""

from __future__ import annotations

import pytest

from kg.errors import ModelError
from kg.nlp import (
    DATELINE,
    DEFAULT_MODELS,
    INSTALL_HINT,
    SENTENCE_BREAKS,
    is_dateline,
    load_pipeline,
    resolve_model_name,
)


def test_explicit_model_name_is_preferred() -> None:
    assert resolve_model_name("xx_custom_pipeline") == "xx_custom_pipeline"


def test_default_model_is_one_of_the_defaults() -> None:
    assert resolve_model_name(None) in DEFAULT_MODELS
    assert resolve_model_name("") in DEFAULT_MODELS


def test_unknown_model_raises_model_error_naming_the_install_command() -> None:
    with pytest.raises(ModelError) as info:
        load_pipeline("no_such_model_xyz")
    message = str(info.value)
    assert "no_such_model_xyz" in message
    assert INSTALL_HINT in message


@pytest.mark.slow
def test_paragraph_break_component_runs_before_the_parser(nlp) -> None:
    names = nlp.pipe_names
    assert SENTENCE_BREAKS in names
    assert names.index(SENTENCE_BREAKS) < names.index("parser")


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # A headline without a full stop: the parser alone glues it to the first paragraph.
        "Harbour Council Backs Tidal Plan\n\nThe mayor of Port Velliane, Odile Marchetti, said on "
        "Tuesday that the plan would go ahead.",
        # Lower-case paragraphs without punctuation, as scraped pages have them.
        "Quiet week in Drennick\n\nresidents of the valley town gathered at the hall\n\n"
        "they voted to keep the library open",
        # Boilerplate between paragraphs.
        "Share this story\n\nThe Veltrian senator Ingrid Pallamy condemned the tariff on Sunday.\n\n"
        "Advertisement\n\nShe said the levy would hurt the fishing towns of the north coast.",
    ],
)
def test_no_sentence_spans_a_blank_line(nlp, text: str) -> None:
    doc = nlp(text)

    for sent in doc.sents:
        assert "\n\n" not in sent.text.strip(), f"sentence spans a paragraph break: {sent.text!r}"
    # Every paragraph starts a sentence.
    starts = {sent.start_char for sent in doc.sents}
    offset = 0
    for paragraph in text.split("\n\n"):
        assert offset in starts, f"paragraph {paragraph!r} does not start a sentence"
        offset += len(paragraph) + 2


@pytest.mark.parametrize("text", [
    "OSTROVA (Wirepress) - ",
    "PORT VELLIANE, Dec. 4 (Wirepress) — ",
    "DRENNICK, Ostrovia -- ",
    "Ostrova (Channel Nine) – ",
])
def test_a_wire_dateline_is_recognised(text: str) -> None:
    assert DATELINE.match(text + "The senator said.")
    assert is_dateline(text)


@pytest.mark.parametrize("text", [
    "Labour - the party of the workers - won.",  # a title-case word without an agency
    "The vote (held on Monday) - a close one - was lost.",
    "UK - Ostrovia trade talks resume.",  # capitals too short to be a city
])
def test_an_opening_aside_is_no_dateline(text: str) -> None:
    assert not DATELINE.match(text)


@pytest.mark.slow
def test_a_dateline_ends_before_the_story_starts(nlp) -> None:
    text = "PORT VELLIANE (Wirepress) — Ostrovian President Lenka Varga defended the tariff on Monday."
    doc = nlp(text)

    first, second = list(doc.sents)[:2]
    assert is_dateline(first.text)
    assert second.text.startswith("Ostrovian President")
    assert second.root.lemma_ == "defend"


@pytest.mark.slow
def test_pipeline_has_every_component_the_extractors_need(nlp) -> None:
    doc = nlp("The Ostrovian finance minister Lenka Varga criticised the central bank on Monday.")

    assert doc.has_annotation("DEP")
    assert doc.has_annotation("LEMMA")
    assert doc.has_annotation("TAG")
    assert any(ent.label_ == "PERSON" for ent in doc.ents)
