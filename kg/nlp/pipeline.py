"""NLP stage: one spaCy ``zh`` pipeline with the pkuseg segmenter, built once.

The pipeline is the tokenizer alone: the recognisers read the segmenter's token
boundaries (``token_spans``), and find an evidence sentence in the text itself
(``kg.extract``), so no spaCy component runs after segmentation.
"""
from __future__ import annotations

import gc
from functools import cache
from typing import TYPE_CHECKING

from . import segmenter

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# spaCy is imported where a pipeline is made or read, not with this module: a build's main process
# with workers never segments, and its CPU (importing spaCy takes a while) is the workers' to use.


def token_spans(doc: Doc) -> dict[int, int]:
    """Each token's start offset mapped to its length: the segmenter's view of the text."""
    from spacy.attrs import IDX, LENGTH

    arr = doc.to_array([IDX, LENGTH])
    return dict(zip(arr[:, 0].tolist(), arr[:, 1].tolist()))


@cache
def load() -> Language:
    """The pipeline: spaCy's ``zh`` tokenizer segmenting with pkuseg's pretrained ``default`` model,
    computed by ``kg.nlp.segmenter`` (the same words as spacy-pkuseg's, sooner)."""
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "spacy.zh.ChineseTokenizer",
                                                          "segmenter": "pkuseg"}}})
    nlp.tokenizer.pkuseg_seg = segmenter.load()  # what spaCy's initialize(pkuseg_model=...) would set
    gc.freeze()  # the pipeline lives as long as the process: full collections need not scan it again
    return nlp
