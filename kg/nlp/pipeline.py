"""kg's spaCy pipeline: ``make`` a new one (``kg.load()``), or ``load`` the one a build runs.

    tokenizer  kg.Segmenter.v1 (``kg.nlp.tokenizer``): raw text -> clean text, segmented by pkuseg
    kg_entities   (``kg.nlp.components``): doc.ents, doc.spans["kg"]
    kg_relations  (``kg.nlp.components``): doc._.kg_facts

``nlp(raw_text)`` reads a text as ``kg build`` reads an article; ``nlp.pipe(docs)`` over
``nlp.tokenizer.article_doc(article)`` keeps an article's id, source and metadata (the build's
way). Saved with ``nlp.to_disk(path)``, it loads back with ``spacy.load(path)`` wherever kg is
installed (its tokenizer and components are registered with spaCy under kg's entry points).
"""
from __future__ import annotations

import gc
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

# spaCy is imported where a pipeline is made, not with this module: a build's main process with
# workers never segments, and its CPU (importing spaCy takes a while) is the workers' to use.

#: the components after the tokenizer, in order
COMPONENTS = ("kg_entities", "kg_relations")


def make(user_words: Iterable[str] = ()) -> Language:
    """A new pipeline: spaCy's ``zh`` language with kg's tokenizer (``user_words`` kept whole) and
    components; a component's error is raised (``nlp.set_error_handler`` to change that)."""
    import spacy

    from . import components, tokenizer  # noqa: F401  (registers them with spaCy)

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": tokenizer.NAME,
                                                          "user_words": sorted(set(user_words))}}})
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


@cache
def load() -> Language:
    """The pipeline of this process's builds, made once: an article whose extraction fails has
    the error on ``doc._.kg_error`` and the rest goes on (``kg.run.build`` reports it)."""
    from spacy.util import ignore_error

    nlp = make()
    nlp.set_error_handler(ignore_error)
    gc.freeze()  # the pipeline lives as long as the process: full collections need not scan it again
    return nlp
