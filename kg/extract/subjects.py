"""Types of measures and campaigns: what each initiative is about, as concepts of
``ontology/policy-types.ttl`` (``dcterms:subject`` in the graph).

Rules over cue words, closed-class words of the genre's policy vocabulary; the first that gives a
type names the hit's rule:

- ``name-cue``: a cue of ``resources/subject_cues.txt`` in one of the initiative's names
  (容错纠错机制, 年轻干部培训班, 村干部实绩考核办法: several types where the name says several);
- ``sentence-cue``: for an initiative whose names give no type (实施意见, 十条措施, 三项机制), a cue
  of ``resources/subject_sentence_cues.txt`` after its name, in its clause or the next, in a
  sentence that names it and no other initiative (出台《实施意见》，对容错纠错作出规定). A
  sentence naming several initiatives is not about any one of them, so it gives none a type; nor
  does what comes before the name, which sets the scene (要加强作风建设，高标准推进县庆活动).

At each place of a text the longest cue wins, so a phrase keeps its words to itself (督查检查考核
is burden reduction, not assessment or supervision), and a ``none`` phrase holds a cue of another
sense (关心下一代). Types come in the order of the cue file, each once.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from ..resources import table
from .spans import CLAUSE, SENTENCE, span_of
from .targets import Span

#: the key of the cue files' phrases that give no type
NONE = "none"


@dataclass(frozen=True, slots=True)
class SubjectHit:
    """One type of an initiative: the concept (a local name of ``ontology/policy-types.ttl``), the
    rule that gave it and the cue word it found."""

    concept: str
    rule: str
    cue: str


@dataclass(frozen=True, slots=True)
class _Cues:
    pattern: re.Pattern
    concepts: dict[str, tuple[str, ...]]  # cue word -> its types (none for a ``none`` phrase)
    order: dict[str, int]  # type -> its place in the cue file


@cache
def _cues(name: str) -> _Cues:
    rows = table(name)
    concepts: dict[str, list[str]] = {}
    for concept, words in rows.items():
        for word in words:
            concepts.setdefault(word, []).extend(() if concept == NONE else (concept,))
    words = sorted(concepts, key=lambda w: (-len(w), w))
    order = {c: i for i, c in enumerate(c for c in rows if c != NONE)}
    return _Cues(re.compile("|".join(map(re.escape, words))), {w: tuple(cs) for w, cs in concepts.items()}, order)


def concepts() -> tuple[str, ...]:
    """Every type the cues can give, in the cue file's order."""
    return tuple(_cues("subject_cues").order)


def cue_types(text: str, cues: str = "subject_cues") -> list[tuple[str, str]]:
    """The (type, cue) pairs of ``text`` by the cue file ``cues``, in text order."""
    found = _cues(cues)
    return [(concept, m.group()) for m in found.pattern.finditer(text) for concept in found.concepts[m.group()]]


def find_subjects(text: str, initiatives: Sequence[Span],
                  names: Mapping[str, Iterable[str]]) -> dict[str, tuple[SubjectHit, ...]]:
    """The types of each initiative of a clean ``text``, by its key: ``initiatives`` are the
    mentions of the article's initiatives, ``names`` every name of each (label and alt labels)."""
    keys = dict.fromkeys(s.key for s in initiatives)
    out = {}
    for key in keys:
        hits = [SubjectHit(c, "name-cue", cue) for name in names.get(key, ()) for c, cue in cue_types(name)]
        if not hits:
            hits = [SubjectHit(c, "sentence-cue", cue)
                    for sentence in _sentences_about(text, key, initiatives)
                    for c, cue in cue_types(sentence, "subject_sentence_cues")]
        out[key] = _ordered(hits)
    return out


def _sentences_about(text: str, key: str, initiatives: Sequence[Span]) -> list[str]:
    """What follows the initiative ``key``, to the end of the clause after its own, in each sentence
    that names it and no other, each once, its names cut out: where the genre says what a measure or
    campaign does (出台X，对…作出规定; 建立X（…），对他们定期考评). What comes before the name
    sets the scene (要加强作风建设，高标准推进县庆活动), and later clauses go on to other things."""
    out = []
    spans = {span_of(text, s.start, SENTENCE) for s in initiatives if s.key == key}
    for start, end in sorted(spans):
        inside = sorted((s for s in initiatives if s.start < end and s.end > start), key=lambda s: s.start)
        if any(s.key != key for s in inside):
            continue
        pos = inside[0].end
        _, own = span_of(text, pos, CLAUSE)
        stop = min(end, span_of(text, own + 1, CLAUSE)[1]) if own < end else end
        pieces = []
        for s in inside[1:]:
            if s.start < stop:
                pieces.append(text[pos:max(pos, s.start)])
                pos = max(pos, s.end)
        pieces.append(text[pos:max(pos, stop)])
        out.append("\n".join(pieces))  # a break where a name was: no cue runs across it
    return out


def _ordered(hits: list[SubjectHit]) -> tuple[SubjectHit, ...]:
    """One hit per type (the first found), in the order of the cue file."""
    order = _cues("subject_cues").order
    first: dict[str, SubjectHit] = {}
    for hit in hits:
        first.setdefault(hit.concept, hit)
    return tuple(sorted(first.values(), key=lambda h: order[h.concept]))
