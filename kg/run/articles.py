"""One article's way through kg's pipeline, in whatever process runs it: segmented, extracted,
and kept as the N-Quads lines of its graph (``built``), within the bounds one article may take."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

from ..extract import TextReading
from ..graph.rdf import article_block
from ..nlp.pipeline import in_zone
from ..types import Article, CleanText, Extraction

if TYPE_CHECKING:
    from spacy.language import Language

T = TypeVar("T")

#: articles read and cleaned, then segmented, then extracted in turn by one process
BATCH = 128


def segmented(items: Iterable[tuple[Article, CleanText, TextReading | None]],
               then: Callable[[Extraction], T]) -> Iterator[T]:
    """Segment and extract, here, by kg's spaCy pipeline (``kg.nlp.pipeline``): in batches, each
    stage over a batch in turn (its code and data stay in cache), within the pipeline's memory
    zone (``in_zone``: what ``then`` makes of an extraction holds none of spaCy's objects)."""
    items = iter(items)
    while batch := list(islice(items, BATCH)):
        yield from _batch(in_zone(len(batch)), batch, then)


def _batch(nlp: Language, batch: list[tuple[Article, CleanText, TextReading | None]],
           then: Callable[[Extraction], T]) -> list[T | Failed]:
    """``_segmented`` of one batch; its docs are gone when this returns, before a zone may close."""
    out: list[T | Failed] = []
    docs = nlp.tokenizer.article_docs(batch)
    for doc in nlp.pipe(docs, batch_size=BATCH):
        result, error = None, doc._.kg_error  # the pipeline's error, kept on the doc
        if error is None:
            try:
                result = then(doc._.kg_extraction)
            except Exception as exc:  # noqa: BLE001  (one article's failure is a bad article, not the build's)
                error = f"{type(exc).__name__}: {exc}"
        out.append(result if error is None else Failed(doc._.kg_article.source, error))
    return out


@dataclass(frozen=True, slots=True)
class Failed:
    """An article whose extraction raised: reported and skipped, the rest builds."""

    source: str
    error: str

    def message(self) -> str:
        first = " ".join(self.error.split())[:200]
        return f"{self.source}: extraction failed ({first}); this is a bug in kg: please report it with the file"


@dataclass(frozen=True, slots=True)
class Built:
    """What the build keeps of an article: its graph (N-Quads lines) and what cleaning noted."""

    source: str
    notes: tuple[str, ...]
    block: bytes


def built(ex: Extraction) -> Built:
    ex, note = bounded(ex)
    return Built(ex.article.source, ex.clean.notes + note, article_block(ex))


#: the most entities and facts one article gives the graph: past them (a list of names, a text
#: without sentences) it keeps those it names first, so that one article cannot dominate the outputs
MAX_ENTITIES, MAX_FACTS = 2_000, 5_000


def bounded(ex: Extraction) -> tuple[Extraction, tuple[str, ...]]:
    """The extraction within ``MAX_ENTITIES`` and ``MAX_FACTS``: the entities first mentioned
    earliest (a parent, a post's organisation, as early as its first child), then the facts between
    them of the earliest evidence; and the note saying so, if anything was left out."""
    if len(ex.entities) <= MAX_ENTITIES and len(ex.facts) <= MAX_FACTS:
        return ex, ()
    end = len(ex.clean.text)
    first: dict[tuple[str, str], int] = {}
    for m in ex.mentions:
        first[m.cls, m.label] = min(m.start, first.get((m.cls, m.label), end))
    entities = {e.key: e for e in ex.entities}
    pos = {e.key: first.get((e.cls, e.label), end) for e in ex.entities}
    for key in sorted(pos, key=pos.get):  # stable: ties keep the extraction's order
        above, seen = [key], {key}
        while above:
            e = entities[above.pop()]
            for up in (e.part_of, e.post_in):
                if up in entities and up not in seen:
                    seen.add(up)
                    pos[up] = min(pos[up], pos[key])
                    above.append(up)
    kept = set(sorted(pos, key=pos.get)[:MAX_ENTITIES])
    facts = [f for f in ex.facts if f.subject in kept and f.object in kept]
    kept_facts = set(sorted(range(len(facts)), key=lambda i: facts[i].evidence.start)[:MAX_FACTS])
    out = replace(ex, entities=tuple(e for e in ex.entities if e.key in kept),
                  facts=tuple(f for i, f in enumerate(facts) if i in kept_facts))
    return out, (f"kept {len(out.entities):,} of its {len(ex.entities):,} entities and {len(out.facts):,} of its "
                 f"{len(ex.facts):,} facts, those it names first (at most {MAX_ENTITIES:,} and {MAX_FACTS:,} an "
                 f"article): a text this dense is likely no article",)
