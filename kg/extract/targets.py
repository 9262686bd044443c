"""``targets``: which cadre groups an initiative is aimed at, by the grammar of the genre.

Each mention of a cadre group is set against the initiatives of its article; the first rule
that holds names the fact's extractor:

- ``group-in-name``: the group is inside the initiative's name (乡镇党政正职谈心谈话制度);
- ``group-before-name``: the group stands right before the name (年轻干部“凤驰计划”);
- ``group-by-verb``: the group's sentence has a targeting verb (针对, 培养, 激励 …) and the
  initiative is the one nearest the group in that sentence;
- ``group-after-anaphor``: a sentence with a targeting verb and no initiative of its own opens
  by referring back to the initiative just reported (活动中，…; 该计划…).

A group that acts rather than is acted on (由挂点领导组成, 区领导领衔) is no target, nor is a group
inside another initiative's name. A trained scorer was tried in place of these rules
(``training/targets.py``, which prints the figures): every initiative of an article paired with
every group, described by features that carry across articles (the rule that holds, distance,
cue-word classes, the type word, shared qualifiers, the article's counts), scored by logistic
regression, a random forest and gradient boosting. Out of fold (5 folds by article, the threshold
chosen inside the training folds) none beat the rules by a clear margin: the best, logistic,
gained a little on the held half and lost on the study half, so kg runs the rules.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..resources import table
from .spans import CLAUSE, SENTENCE, span_of

# sentence openers that refer back to the initiative just reported (活动中, 培训期间, 会上, 该计划)
_ANAPHOR = re.compile(r"(?:此次|本次|该|这次|此项|这项|这些|上述)?(?:活动|培训|比赛|赛事|会议|讲座|仪式|课堂|擂台赛|"
                      r"计划|工程|行动|机制|制度|办法|措施|项目)?(?:中|期间|上|现场|以来|实施以来|开展以来)[，,]"
                      r"|会上|活动现场|培训期间|(?:该|此|这一?)(?:活动|计划|工程|行动|机制|制度|办法|措施|培训班?)")
# what follows a cadre group that acts rather than is acted on (区领导领衔, 各县（区）委书记每年至少与)
_AGENT = re.compile(r".{0,2}?(?:领衔|带头|带队|牵头|挂帅|包联|每年|每半年|每季度|担任|作为导师|当导师|授课|讲授|宣讲)")


@dataclass(frozen=True, slots=True)
class Span:
    """One mention: its key (the entity it names), label and place in the clean text."""

    key: str
    label: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TargetHit:
    initiative: str  # entity key
    group: str  # entity key
    rule: str
    pos: int  # the initiative's mention whose sentence is the evidence


def find_targets(text: str, initiatives: Sequence[Span], groups: Sequence[Span]) -> list[TargetHit]:
    """The ``targets`` pairs of an article, each with the first rule that holds for it."""
    target_verbs = table("verbs")["target"]
    found: dict[tuple[str, str], TargetHit] = {}
    for g in groups:
        hit = _target_of(text, g, initiatives, target_verbs)
        if hit and (hit.initiative, hit.group) not in found:
            found[(hit.initiative, hit.group)] = hit
    return list(found.values())


def _target_of(text: str, g: Span, initiatives: Sequence[Span], target_verbs) -> TargetHit | None:
    owner = next((i for i in initiatives if i.start <= g.start and g.end <= i.end), None)
    if owner:
        return TargetHit(owner.key, g.key, "group-in-name", owner.start)
    owner = next((i for i in initiatives if i.start in (g.end, g.end + 1)), None)
    if owner:
        return TargetHit(owner.key, g.key, "group-before-name", owner.start)
    c0, c1 = span_of(text, g.start, CLAUSE)
    if _AGENT.match(text, g.end) or ("由" in text[c0:g.start] and "组成" in text[g.end:c1]):
        return None
    s0, s1 = span_of(text, g.start, SENTENCE)
    if not any(v in text[s0:s1] for v in target_verbs):
        return None
    in_sentence = [i for i in initiatives if s0 <= i.start < s1]
    if in_sentence:
        nearest = min(in_sentence, key=lambda i: (min(abs(g.start - i.end), abs(i.start - g.end)), i.start))
        return TargetHit(nearest.key, g.key, "group-by-verb", nearest.start)
    before = [i for i in initiatives if i.start < s0]
    if before and (_ANAPHOR.match(text, s0) or _ANAPHOR.search(text, s0, min(s0 + 12, s1))):
        return TargetHit(before[-1].key, g.key, "group-after-anaphor", before[-1].start)
    return None
