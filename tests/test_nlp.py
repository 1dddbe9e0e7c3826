"""kg.nlp: which model is loaded, the error when none can be, and paragraph-aware sentences."""

from __future__ import annotations

import pytest

from kg.errors import ModelError
from kg.nlp import DEFAULT_MODELS, INSTALL_HINT, PARAGRAPH_BREAKS, load_pipeline, resolve_model_name


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
    assert PARAGRAPH_BREAKS in names
    assert names.index(PARAGRAPH_BREAKS) < names.index("parser")


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


@pytest.mark.slow
def test_pipeline_has_every_component_the_extractors_need(nlp) -> None:
    doc = nlp("The Ostrovian finance minister Lenka Varga criticised the central bank on Monday.")

    assert doc.has_annotation("DEP")
    assert doc.has_annotation("LEMMA")
    assert doc.has_annotation("TAG")
    assert any(ent.label_ == "PERSON" for ent in doc.ents)
