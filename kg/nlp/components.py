"""kg's spaCy components, after the tokenizer (``kg.nlp.tokenizer``):

- ``kg_entities``: the recognisers. ``doc.spans["kg"]`` holds every mention, overlaps included
  (黄岩区委书记 a Post, 黄岩区委 its Organization, 黄岩区 a Locality); ``doc.ents`` the longest of
  those that overlap (in characters; then the earliest, then by class in ``LABELS`` order). Each
  span's ``label_`` is its class, ``kb_id_`` its node's key in the graph (``kg.extract.identity``)
  and ``id_`` the rule that found it. The segmenter's tokens are split where a mention begins or
  ends inside one (黄岩|区委 -> 黄岩|区|委 for 黄岩区), so every span is exactly its mention.
- ``kg_relations``: the relation rules. ``doc._.kg_facts`` holds a ``SpanFact`` per fact: its
  subject and object spans (their mentions in the fact's evidence sentence, else the nearest
  before it), the relation, its rule's confidence and the rule.

Both run ``kg.extract.extract`` (``extraction``), once a doc: the recognisers and relation rules
work on the text and the segmenter's token boundaries, faster than over spaCy's objects, and
their ``Extraction`` (what a build writes as the article's graph) stays on
``doc._.kg_extraction``. A build reads nothing else, so its pipeline makes the components with
``doc_spans`` false: they run the same extraction and leave the doc's tokens, ``doc.ents``,
``doc.spans`` and ``doc._.kg_facts`` as they are (splitting tokens and making a span per mention
would slow a build for what it never reads). A failure is kept on ``doc._.kg_error`` and given to the component's
error handler (``nlp.set_error_handler``): by default it is raised; a build's pipeline goes on.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span

from ..extract import extract
from ..types import ENTITY_CLASSES, Article, CleanText, Extraction, Fact, Mention
from .tokenizer import text_id

#: the classes a span may have (the graph's ``Division``, a unit above the ones an article names, has none)
LABELS = tuple(c for c in ENTITY_CLASSES if c != "Division")
#: the ``doc.spans`` key of every mention
SPANS_KEY = "kg"

for _attribute in ("kg_extraction", "kg_facts", "kg_error"):  # what the components give a doc
    if not Doc.has_extension(_attribute):
        Doc.set_extension(_attribute, default=None)


@dataclass(frozen=True, slots=True)
class SpanFact:
    """A fact of ``doc._.kg_facts``: ``subject relation object``, the spans of the two nodes'
    mentions, with the rule's confidence and name; ``fact`` is the graph's (node keys, evidence)."""

    subject: Span
    relation: str
    object: Span
    confidence: float
    extractor: str
    fact: Fact


def extraction(doc: Doc) -> Extraction:
    """The doc's ``Extraction``, made once (``kg.extract.extract``). A doc made by kg's tokenizer
    carries its article and clean text; another's text is taken as clean, as the article's."""
    ex = doc._.kg_extraction
    if ex is None:
        article, clean = doc._.kg_article, doc._.kg_clean
        if article is None or clean is None:
            article = Article(id=text_id(doc.text), text=doc.text, source="text")
            clean = CleanText(doc.text, tuple(range(len(doc.text) + 1)))
        ex = doc._.kg_extraction = extract(article, clean, doc, doc._.kg_reading)
        doc._.kg_reading = None  # read: no need to hold it
    return ex


class _Component(Pipe):
    """A component whose failure on a doc is kept on the doc (``doc._.kg_error``) and given to the
    error handler; a handler that returns lets the doc go on, unannotated, in its place."""

    def __init__(self, name: str, spans_key: str, doc_spans: bool = True) -> None:
        self.name = name
        self.spans_key = spans_key
        self.doc_spans = doc_spans

    def __call__(self, doc: Doc) -> Doc:
        if doc._.kg_error is None:
            try:
                if self.doc_spans:
                    self.annotate(doc)
                else:
                    extraction(doc)
            except Exception as error:  # noqa: BLE001  (the error handler decides)
                doc._.kg_error = f"{type(error).__name__}: {error}"
                self.get_error_handler()(self.name, self, [doc], error)
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Each doc in turn (a doc's work needs no other's: batching would only hold docs longer)."""
        return map(self, stream)

    def annotate(self, doc: Doc) -> None:
        raise NotImplementedError


class EntityRecognizer(_Component):
    """``kg_entities``: ``doc.spans[spans_key]`` and ``doc.ents`` (see the module's docstring)."""

    @property
    def labels(self) -> tuple[str, ...]:
        return LABELS

    def annotate(self, doc: Doc) -> None:
        mentions = _unique(extraction(doc).mentions)
        _split_tokens(doc, {at for m in mentions for at in (m.start, m.end)})
        spans = _spans(doc, mentions)
        doc.spans[self.spans_key] = spans
        doc.ents = _longest_first(spans)


class RelationExtractor(_Component):
    """``kg_relations``: ``doc._.kg_facts`` (see the module's docstring)."""

    def annotate(self, doc: Doc) -> None:
        ex = extraction(doc)
        if self.spans_key in doc.spans:
            spans = list(doc.spans[self.spans_key])
        else:  # without kg_entities: the mentions' spans, the tokens left as they are
            spans = [doc.char_span(m.start, m.end, m.cls, kb_id=m.key, span_id=m.rule, alignment_mode="expand")
                     for m in _unique(ex.mentions)]
        by_key: dict[str, list[Span]] = {}
        for span in sorted(spans, key=lambda s: s.start_char):
            by_key.setdefault(span.kb_id_, []).append(span)
        offsets = ex.clean.offsets
        facts = []
        for fact in ex.facts:
            ev = fact.evidence
            subject = _at(by_key.get(fact.subject, ()), ev.start, ev.end, offsets)
            obj = _at(by_key.get(fact.object, ()), ev.start, ev.end, offsets)
            if subject is not None and obj is not None:
                facts.append(SpanFact(subject, fact.predicate, obj, ev.confidence, ev.extractor, fact))
        doc._.kg_facts = tuple(facts)


@Language.factory("kg_entities", default_config={"spans_key": SPANS_KEY, "doc_spans": True}, retokenizes=True,
                  assigns=["doc.ents", "doc.spans", "doc._.kg_extraction"])
def make_entities(nlp: Language, name: str, spans_key: str, doc_spans: bool) -> EntityRecognizer:
    """kg's recognisers as a component (``nlp.add_pipe("kg_entities")``); ``doc_spans`` false: the
    extraction only (a build's)."""
    return EntityRecognizer(name, spans_key, doc_spans)


@Language.factory("kg_relations", default_config={"spans_key": SPANS_KEY, "doc_spans": True},
                  assigns=["doc._.kg_facts", "doc._.kg_extraction"])
def make_relations(nlp: Language, name: str, spans_key: str, doc_spans: bool) -> RelationExtractor:
    """kg's relation rules as a component (``nlp.add_pipe("kg_relations")``), after ``kg_entities``;
    ``doc_spans`` false: the extraction only (a build's)."""
    return RelationExtractor(name, spans_key, doc_spans)


def _unique(mentions: tuple[Mention, ...]) -> list[Mention]:
    """The mentions, one per span, class and node (two rules finding the same: the first)."""
    seen: set[tuple] = set()
    out = []
    for m in mentions:
        if (m.start, m.end, m.cls, m.key) not in seen:
            seen.add((m.start, m.end, m.cls, m.key))
            out.append(m)
    return out


def _spans(doc: Doc, mentions: list[Mention]) -> list[Span]:
    """The mentions' spans: from the token beginning where one begins to the token ending where it
    ends (a token's end leaves out the whitespace after it)."""
    if not mentions:
        return []
    bounds = doc.to_array([IDX, LENGTH]).astype(np.int64)
    starts, ends = bounds[:, 0], bounds[:, 0] + bounds[:, 1]
    at = np.array([(m.start, m.end) for m in mentions], dtype=np.int64)
    first = np.minimum(np.searchsorted(starts, at[:, 0]), len(starts) - 1)
    last = np.minimum(np.searchsorted(ends, at[:, 1]), len(ends) - 1)
    if not ((starts[first] == at[:, 0]) & (ends[last] == at[:, 1])).all():  # cannot be: tokens split there
        raise ValueError("a mention does not begin or end where a token does")
    return [Span(doc, i, j + 1, m.cls, kb_id=m.key, span_id=m.rule)
            for m, i, j in zip(mentions, first.tolist(), last.tolist())]


def _split_tokens(doc: Doc, cuts: set[int]) -> None:
    """Split the tokens that a position of ``cuts`` falls inside of, there."""
    if not cuts or not len(doc):
        return
    spans = doc.to_array([IDX, LENGTH]).astype(np.int64)
    starts, ends = spans[:, 0], spans[:, 0] + spans[:, 1]
    at = np.array(sorted(cuts), dtype=np.int64)
    token = np.maximum(np.searchsorted(starts, at, side="right") - 1, 0)  # the token each cut is in or after
    inside = (starts[token] < at) & (at < ends[token])
    by_token: dict[int, list[int]] = {}
    for i, cut in zip(token[inside].tolist(), at[inside].tolist()):
        by_token.setdefault(i, []).append(cut)
    if by_token:
        with doc.retokenize() as retokenizer:
            for i, inner in by_token.items():
                t = doc[i]
                bounds = [t.idx, *inner, t.idx + len(t)]
                orths = [t.text[a - t.idx:b - t.idx] for a, b in zip(bounds, bounds[1:])]
                retokenizer.split(t, orths, heads=[(t, k) for k in range(len(orths))])


def _longest_first(spans: list[Span]) -> list[Span]:
    """The spans that do not overlap, longest (in characters) first, then earliest, then by class."""
    order = sorted(spans, key=lambda s: (s.start_char - s.end_char, s.start_char, LABELS.index(s.label_)))
    taken = bytearray(len(spans[0].doc)) if spans else bytearray()
    out = []
    for span in order:
        if not any(taken[span.start:span.end]):
            taken[span.start:span.end] = b"\x01" * (span.end - span.start)
            out.append(span)
    return sorted(out, key=lambda s: s.start)


def _at(spans, start: int, end: int, offsets: tuple[int, ...]) -> Span | None:
    """The first of ``spans`` inside the original text's ``[start, end)`` (the evidence sentence),
    else the last one before it, else the first."""
    if not spans:
        return None
    before = None
    for span in spans:
        at = offsets[span.start_char]
        if start <= at < end:
            return span
        if at < start:
            before = span
    return before or spans[0]
