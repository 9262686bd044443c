"""What the relation rules of one article build up: its entities, facts and mentions (``Builder``),
and the evidence of a fact, the sentence it is read from (``sentence_at``)."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from ..types import Article, CleanText, Entity, Evidence, Fact, Mention
from . import identity
from .context import ArticleContext
from .scoring import rule_confidence
from .spans import CLAUSE, SENTENCE, span_of


class Units:
    """Locality hits by start and end, and the hit a position falls in (by bisection): the relation
    rules ask these for every initiative and organisation they weigh."""

    def __init__(self, hits) -> None:
        self.hits = sorted(hits, key=lambda h: h.start)
        self.starts = [h.start for h in self.hits]
        self.by_start = {h.start: h for h in reversed(self.hits)}
        self.by_end = {h.end: h for h in reversed(self.hits)}

    def at(self, pos: int):
        i = bisect_right(self.starts, pos) - 1
        return self.hits[i] if i >= 0 and pos < self.hits[i].end else None


@dataclass(slots=True)
class Builder:
    article: Article
    clean: CleanText
    ctx: ArticleContext
    entities: dict[str, Entity]
    facts: dict[tuple, Fact]
    mentions: list[Mention]
    officials: dict[str, str] = field(default_factory=dict)
    seats: dict[str, str] = field(default_factory=dict)  # an official's name -> the locality of its first post
    lead: tuple[str | None] | None = None  # (the lead's agent,) once found: ``_lead_agent``
    _units: Units | None = None

    @property
    def units(self) -> Units:
        """The article's locality hits indexed by where they begin and end."""
        if self._units is None:
            self._units = Units(self.ctx.localities)
        return self._units

    def entity(self, cls: str, label: str, alts=(), *, key: str, admin_code: str | None = None,
               part_of: str | None = None, post_in: str | None = None) -> str:
        """Add or extend the entity ``key`` (``kg.extract.identity``); returns its key."""
        old = self.entities.get(key)
        if old is not None:  # a second mention: more names, attributes learnt earlier kept
            alts = (*alts, *old.alt_labels)
            admin_code, part_of, post_in = (old.admin_code or admin_code, old.part_of or part_of,
                                            old.post_in or post_in)
        self.entities[key] = Entity(cls=cls, key=key, label=label, alt_labels=tuple(sorted(set(alts) - {label})),
                                    admin_code=admin_code, part_of=part_of, post_in=post_in)
        return key

    def official(self, name: str, locality: str | None) -> str:
        """One node per name within an article, keyed by the locality of its first post."""
        key = self.officials.setdefault(name, identity.official_key(name, locality, self.article.id))
        return self.entity("Official", name, key=key)

    def fact(self, s: str, p: str, o: str, pos: int, extractor: str) -> None:
        """The fact ``s p o`` with its evidence at ``pos`` and the measured precision of its rule as its
        confidence (``resources/models/confidence.json``)."""
        if (s, p, o) in self.facts:
            return
        confidence = rule_confidence(p, extractor)
        start, end = sentence_at(self.clean.text, pos)
        ostart, oend = self.clean.original_span(start, end)
        sentence = self.article.text[ostart:oend]
        self.facts[(s, p, o)] = Fact(s, p, o, Evidence(self.article.id, sentence, ostart, oend, confidence, extractor))


#: the longest evidence kept: a sentence longer than this (a text without punctuation) is cut to
#: the clause at the fact, then to a window around it, so one article cannot fill the outputs
MAX_EVIDENCE = 400


def sentence_at(text: str, pos: int) -> tuple[int, int]:
    start, end = span_of(text, pos, SENTENCE)
    end = end + 1 if end < len(text) else end
    if end < len(text) and text[end] in "”’）":
        end += 1
    while end > start and text[end - 1] == "\n":
        end -= 1
    if end - start > MAX_EVIDENCE:
        start, end = span_of(text, pos, CLAUSE)
        if end - start > MAX_EVIDENCE:
            start = max(start, pos - MAX_EVIDENCE // 2)
            end = min(end, start + MAX_EVIDENCE)
    return start, max(end, start + 1)
