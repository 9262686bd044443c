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
from contextlib import ExitStack
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

# spaCy is imported where a pipeline is made, not with this module: a build's main process with
# workers never segments, and its CPU (importing spaCy takes a while) is the workers' to use.

#: the components after the tokenizer, in order
COMPONENTS = ("kg_entities", "kg_relations")


def make(user_words: Iterable[str] = (), doc_spans: bool = True) -> Language:
    """A new pipeline: spaCy's ``zh`` language with kg's tokenizer (``user_words`` kept whole) and
    components; a component's error is raised (``nlp.set_error_handler`` to change that).
    ``doc_spans`` false: the components leave ``doc.ents``, ``doc.spans`` and ``doc._.kg_facts``
    unset, and a doc has only its extraction (``doc._.kg_extraction``), all a build reads."""
    import spacy

    from . import components, tokenizer  # noqa: F401  (registers them with spaCy)

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": tokenizer.NAME,
                                                          "user_words": sorted(set(user_words))}}})
    for name in COMPONENTS:
        nlp.add_pipe(name, config={"doc_spans": doc_spans})
    return nlp


@cache
def load() -> Language:
    """The pipeline of this process's builds, made once: an article whose extraction fails has
    the error on ``doc._.kg_error`` and the rest goes on (``kg.run.build`` reports it)."""
    from spacy.util import ignore_error

    nlp = make(doc_spans=False)
    nlp.set_error_handler(ignore_error)
    gc.freeze()  # the pipeline lives as long as the process: full collections need not scan it again
    return nlp


#: articles a build's pipeline segments in one memory zone (``in_zone``)
ZONE = 1024
_zone: ExitStack | None = None
_zone_left = 0


def in_zone(articles: int) -> Language:
    """The build's pipeline (``load``), about to segment ``articles`` more, within a memory zone.
    spaCy's vocabulary keeps every string it meets, so a process segmenting a corpus would grow
    with each name it has not met before; a zone frees what was added in it. The zone is renewed
    every ``ZONE`` articles, when the caller holds no doc made in it: the words of one zone are
    added again in the next, a cost that a zone per batch would pay too often."""
    global _zone, _zone_left
    nlp = load()
    if _zone is None or _zone_left <= 0:
        if _zone is not None:
            _zone.close()
        _zone = ExitStack()
        _zone.enter_context(nlp.memory_zone())
        _zone_left = ZONE
    _zone_left -= articles
    return nlp
