"""NLP stage: one spaCy ``zh`` pipeline with the pkuseg segmenter, built once.

Sentences end at Chinese sentence punctuation (。！？；) or a line break, with a
closing quote kept in the sentence it closes.
"""
from __future__ import annotations

import gc
import logging
import warnings
from functools import cache

import numpy
import spacy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .models import require_model

_ENDS = frozenset("。！？；!?;")
_CLOSERS = frozenset("”’）」』")


@Language.component("kg_sentences")
def kg_sentences(doc: Doc) -> Doc:
    """Mark sentence starts after sentence-final punctuation and line breaks
    (a closing quote or further final punctuation stays with the sentence it ends)."""
    starts = numpy.full(len(doc), -1, dtype="int64")
    text = doc.text
    boundary = True
    for i, (idx, length) in enumerate(doc.to_array([IDX, LENGTH]).tolist()):
        first, last = text[idx], text[idx + length - 1]
        if boundary and not (first in _CLOSERS or first in _ENDS or first.isspace()):
            starts[i] = 1
            boundary = False
        if last in _ENDS or "\n" in text[idx:idx + length]:
            boundary = True
    if len(doc):
        doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))  # spaCy's -1: not a start
    return doc


def token_spans(doc: Doc) -> dict[int, int]:
    """Each token's start offset mapped to its length: the segmenter's view of the text."""
    arr = doc.to_array([IDX, LENGTH])
    return dict(zip(arr[:, 0].tolist(), arr[:, 1].tolist()))


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
    gc.freeze()  # the pipeline lives as long as the process: full collections need not scan it again
    return nlp


def _quiet_initialize(nlp: Language, model: str) -> None:
    """spacy-pkuseg says it falls back from features.msgpack to features.pkl (the format the model
    ships in, and the faster one to load): nothing for users to act on, so not shown."""
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        nlp.tokenizer.initialize(pkuseg_model=model)
