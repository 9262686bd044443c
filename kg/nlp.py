"""NLP stage: one spaCy ``zh`` pipeline with the pkuseg segmenter, built once.

The pipeline is the tokenizer alone: the recognisers read the segmenter's token
boundaries (``token_spans``), and find an evidence sentence in the text itself
(``kg.extract``), so no spaCy component runs after segmentation.
"""
from __future__ import annotations

import contextlib
import gc
import io
import logging
import warnings
from functools import cache
from typing import TYPE_CHECKING

from .models import require_model

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# spaCy is imported where a pipeline is made or read, not with this module: a build's main process
# with workers never segments, and its CPU (a second of importing spaCy) is the workers' to use.


def token_spans(doc: Doc) -> dict[int, int]:
    """Each token's start offset mapped to its length: the segmenter's view of the text."""
    from spacy.attrs import IDX, LENGTH

    arr = doc.to_array([IDX, LENGTH])
    return dict(zip(arr[:, 0].tolist(), arr[:, 1].tolist()))


@cache
def load() -> Language:
    """The pipeline: the pkuseg tokenizer with its pretrained ``default`` model."""
    import spacy

    model = require_model()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "spacy.zh.ChineseTokenizer",
                                                          "segmenter": "pkuseg"}}})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.getLogger("spacy").setLevel(logging.ERROR)
        _quiet_initialize(nlp, str(model))
    gc.freeze()  # the pipeline lives as long as the process: full collections need not scan it again
    return nlp


def _quiet_initialize(nlp: Language, model: str) -> None:
    """Load the model. spacy-pkuseg says it falls back from features.msgpack to features.pkl (the
    format the model ships in, and the faster one to load): nothing for users to act on, so not
    shown. The collector is off meanwhile: unpickling the model's millions of features would set
    off collections that find nothing to free (a third of the loading time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            nlp.tokenizer.initialize(pkuseg_model=model)
    finally:
        if enabled:
            gc.enable()
