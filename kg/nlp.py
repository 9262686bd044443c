"""NLP stage: one spaCy ``zh`` pipeline with the pkuseg segmenter, built once.

Sentences end at Chinese sentence punctuation (。！？；) or a line break, with a
closing quote kept in the sentence it closes.
"""
from __future__ import annotations

import logging
import warnings
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .models import require_model

_ENDS = frozenset("。！？；!?;")
_CLOSERS = frozenset("”’）」』")


@Language.component("kg_sentences")
def kg_sentences(doc: Doc) -> Doc:
    """Mark sentence starts after sentence-final punctuation and line breaks."""
    boundary = False
    for token in doc:
        if token.i == 0:
            token.is_sent_start = True
            continue
        text = token.text
        if boundary and not (text[0] in _CLOSERS or text in _ENDS):
            token.is_sent_start = True
            boundary = False
        else:
            token.is_sent_start = False
        if text[-1] in _ENDS or "\n" in text:
            boundary = True
    return doc


@cache
def load() -> Language:
    """The pipeline: pkuseg tokenizer (pretrained ``default`` model) + sentence splitter."""
    model = require_model()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "spacy.zh.ChineseTokenizer",
                                                          "segmenter": "pkuseg"}}})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.getLogger("spacy").setLevel(logging.ERROR)
        _quiet_initialize(nlp, str(model))
    nlp.add_pipe("kg_sentences")
    return nlp


def _quiet_initialize(nlp: Language, model: str) -> None:
    """spacy-pkuseg prints a warning about features.msgpack on stdout; keep stdout clean."""
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):
        nlp.tokenizer.initialize(pkuseg_model=model)
