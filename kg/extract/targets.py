"""``targets``: which cadre groups an initiative is aimed at, scored pair by pair.

Every pair of an initiative and a cadre group of one article is a candidate. A candidate is
described by what the genre's grammar says about it (the group is inside the initiative's
name, right before it, in the same clause or sentence with a targeting verb, in a later
sentence that refers back with 活动中/该/此, acting rather than acted on) and by the article's
structure (how often the group is named, whether it or the initiative is in the title, how
many initiatives compete for it). A logistic model (``resources/models/targets.json``, trained
by ``training/relations.py`` on the annotated dev articles) turns those features into a
probability; a pair at or above the model's threshold is a ``targets`` fact with that
probability as its confidence and the strongest rule that fired as its extractor.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..resources import table

# sentence openers that refer back to the initiative just reported (活动中, 培训期间, 会上)
_ANAPHOR = re.compile(r"(?:此次|本次|该|这次|此项|这项|这些|上述)?(?:活动|培训|比赛|赛事|会议|讲座|仪式|课堂|擂台赛|"
                      r"计划|工程|行动|机制|制度|办法|措施|项目)?(?:中|期间|上|现场|以来|实施以来|开展以来)[，,]"
                      r"|会上|活动现场|培训期间|(?:该|此|这一?)(?:活动|计划|工程|行动|机制|制度|办法|措施|培训班?)")
# what follows a cadre group that acts rather than is acted on (区领导领衔, 各县（区）委书记每年至少与)
_AGENT = re.compile(r".{0,2}?(?:领衔|带头|带队|牵头|挂帅|包联|每年|每半年|每季度|担任|作为导师|当导师|授课|讲授|宣讲)")
# the strongest rule first: the extractor a fact is credited to
RULES = ("group-in-name", "group-before-name", "group-in-clause", "group-in-sentence",
         "group-after-anaphor", "group-in-paragraph", "group-in-article")
#: rules that are grammar enough to decide alone; the pair model weighs the other candidates
DECIDED = frozenset({"group-in-name", "group-before-name", "group-after-anaphor"})


@dataclass(frozen=True, slots=True)
class Span:
    """One mention: its key (the entity it names), label and place in the clean text."""

    key: str
    label: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Candidate:
    initiative: str  # entity key
    group: str  # entity key
    features: dict[str, float]
    rule: str
    pos: int  # where the evidence sentence is: the initiative's mention nearest the group


def _bounds(text: str, marks: str) -> list[int]:
    """Start offsets of the pieces of ``text`` cut after each of ``marks``."""
    return [0] + [i + 1 for i, c in enumerate(text) if c in marks]


def _index(bounds: list[int], pos: int) -> int:
    lo, hi = 0, len(bounds)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if bounds[mid] <= pos:
            lo = mid
        else:
            hi = mid
    return lo


def candidates(text: str, title: str | None, initiatives: Sequence[Span], groups: Sequence[Span]) -> list[Candidate]:
    """Every (initiative, group) pair of an article with its features, in a stable order."""
    if not initiatives or not groups:
        return []
    sentences = _bounds(text, "。！？；\n")
    clauses = _bounds(text, "，。！？；：\n")
    paragraphs = _bounds(text, "\n")
    target_verbs = table("verbs")["target"]
    title = title or ""
    g_count = Counter(g.key for g in groups)
    top = max(g_count.values())
    i_count = Counter(i.key for i in initiatives)
    n_init = len(i_count)
    inside_any = {id(g): [i.key for i in initiatives if i.start <= g.start and g.end <= i.end] for g in groups}
    named_groups = {i.key for i in initiatives if any(i.start <= g.start and g.end <= i.end for g in groups)}
    pairs: dict[tuple[str, str], dict[str, float]] = {}
    rule_of: dict[tuple[str, str], tuple[int, int]] = {}
    for g in groups:
        gs = _index(sentences, g.start)
        gc = _index(clauses, g.start)
        gp = _index(paragraphs, g.start)
        s0 = sentences[gs]
        s1 = sentences[gs + 1] if gs + 1 < len(sentences) else len(text)
        sentence = text[s0:s1]
        verb = any(v in sentence for v in target_verbs)
        c0 = clauses[gc]
        c1 = clauses[gc + 1] if gc + 1 < len(clauses) else len(text)
        agent = bool(_AGENT.match(text, g.end)) or ("由" in text[c0:g.start] and "组成" in text[g.end:c1])
        in_other = bool(inside_any[id(g)])
        in_sentence = [i for i in initiatives if _index(sentences, i.start) == gs]
        nearest = min(in_sentence, key=lambda i: (min(abs(g.start - i.end), abs(i.start - g.end)), i.start),
                      default=None)
        before = [i for i in initiatives if i.start < s0]
        anaphor = bool(_ANAPHOR.match(text, s0)) or bool(_ANAPHOR.search(sentence[:12]))
        for i in initiatives:
            is_ = _index(sentences, i.start)
            ip = _index(paragraphs, i.start)
            f: dict[str, float] = {}
            rule = len(RULES) - 1
            if i.start <= g.start and g.end <= i.end:
                f["in_name"] = 1
                rule = 0
            elif i.start in (g.end, g.end + 1):
                f["before_name"] = 1
                rule = 1
            else:
                if in_other:
                    f["in_other_name"] = 1
                if agent:
                    continue  # a group that acts (由挂点领导组成, 区领导领衔) is never a target
                d = gs - is_
                if d == 0:
                    f["same_sentence"] = 1
                    f["same_sentence_verb"] = float(verb)
                    if _index(clauses, i.start) == gc or _index(clauses, i.end - 1) == gc:
                        f["same_clause"] = 1
                        rule = 2
                    else:
                        rule = 3
                    if nearest is i:
                        f["nearest_in_sentence"] = 1
                        f["nearest_with_verb"] = float(verb)
                    f["g_after_i"] = float(g.start >= i.end)
                elif 1 <= d <= 2:
                    f[f"later_sentence_{d}"] = 1
                    if ip == gp:
                        f["later_same_paragraph"] = 1
                    if anaphor and before and before[-1].key == i.key:
                        f["anaphor_last"] = 1
                        rule = 4
                    elif ip == gp:
                        rule = 5
                elif d == -1:
                    f["earlier_sentence_1"] = 1
                elif ip == gp:
                    f["same_paragraph_far"] = 1
                    rule = 5
                between = sum(1 for j in initiatives if j.key != i.key and
                              min(i.start, g.start) < j.start < max(i.start, g.start))
                f["between_0"] = float(between == 0)
                f["between_many"] = float(between >= 3)
            key = (i.key, g.key)
            old = pairs.get(key)
            if old is None:
                pairs[key] = f
            else:
                for k, v in f.items():
                    old[k] = max(old.get(k, 0.0), v)
            distance = min(abs(g.start - i.end), abs(i.start - g.end))
            if key not in rule_of or (rule, distance) < rule_of[key][:2]:
                rule_of[key] = (rule, distance, i.start)
    first_i = min(initiatives, key=lambda i: i.start).key
    main_i = max(i_count.items(), key=lambda kv: kv[1])[0]
    lead = paragraphs[1] if len(paragraphs) > 1 else len(text)
    lead_keys = {s.key for s in (*initiatives, *groups) if s.start < lead}
    i_paras = Counter((i.key, _index(paragraphs, i.start)) for i in initiatives)
    g_paras = {(g.key, _index(paragraphs, g.start)) for g in groups}
    out = []
    labels_i = {i.key: i.label for i in initiatives}
    labels_g = {g.key: g.label for g in groups}
    for (ikey, gkey), f in pairs.items():
        ilabel, glabel = labels_i[ikey], labels_g[gkey]
        f["g_count"] = math.log1p(g_count[gkey])
        f["g_top"] = float(g_count[gkey] == top)
        f["g_share"] = g_count[gkey] / len(groups)
        f["i_first"] = float(ikey == first_i)
        f["i_main"] = float(ikey == main_i and i_count[ikey] > 1)
        f["both_lead"] = float(ikey in lead_keys and gkey in lead_keys)
        f["shared_paragraphs"] = math.log1p(sum(1 for (k, p) in i_paras if k == ikey and (gkey, p) in g_paras))
        f["g_in_title"] = float(bool(title) and glabel in title)
        f["i_in_title"] = float(bool(title) and (ilabel in title or title in ilabel))
        f["i_count"] = math.log1p(i_count[ikey])
        f["i_campaign"] = float(ikey.startswith("Campaign|"))
        f["i_names_a_group"] = float(ikey in named_groups)
        f["n_initiatives"] = math.log1p(n_init)
        f["shared_chars"] = len(set(glabel) & set(ilabel) - set("干部的和")) / max(len(set(glabel)), 1)
        rule, _, pos = rule_of[(ikey, gkey)]
        f[f"rule_{RULES[rule]}"] = 1
        out.append(Candidate(ikey, gkey, f, RULES[rule], pos))
    out.sort(key=lambda c: (c.initiative, c.group))
    return out
