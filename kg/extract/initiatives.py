"""Campaigns and Measures: named initiatives and the documents and mechanisms that
support them.

Three shapes of names: a quoted name with its type word (“黄岩发展我担当”行动,
“山海新锋”三年培养行动), a document title in 书名号 (《实施意见》), and an unquoted
noun phrase ending in a type word (容错纠错机制, 激励干部担当作为20条措施), whose left
edge is found on the segmenter's tokens, stopping at a governing verb. The class comes
from the type word (``resources/initiative_types.txt``); a short title that ends an
earlier full one (《实施意见》 after 《关于……的实施意见》) is the same document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .lexicon import table

_QUOTED = re.compile(r"“([^“”\n]{2,30})”([^\W了的是在和为对把将被]{0,8})")
_TITLE = re.compile(r"《([^《》\n]{2,80})》")
_NUMBERED = re.compile(r"[\d一二三四五六七八九十百]+(?:条|项|个)(?:硬)?(?:措施|举措|意见|规定|办法|机制|操作办法)")
_PUNCT = re.compile(r"[，。、；：！？“”‘’（）《》\s]")


@dataclass(frozen=True, slots=True)
class InitiativeHit:
    cls: str  # Campaign or Measure
    start: int
    end: int
    label: str
    alt_labels: tuple[str, ...]


@cache
def _type_re() -> tuple[re.Pattern, dict[str, str]]:
    types = table("initiative_types")
    cls_of = {w: cls for cls, ws in types.items() for w in ws}
    words = sorted(cls_of, key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, words)) + ")$"), cls_of


def type_of(name: str) -> str | None:
    """Campaign or Measure, by the type word ``name`` ends with; None if it has none."""
    pattern, cls_of = _type_re()
    m = pattern.search(name)
    return cls_of[m.group()] if m else None


def find_initiatives(text: str, tokens: dict[int, int]) -> list[InitiativeHit]:
    hits: list[InitiativeHit] = []
    taken: list[tuple[int, int]] = []
    unquoted = list(_unquoted(text, tokens))
    # of overlapping unquoted names keep the longest (现场拉练制度 over 现场拉练)
    unquoted = [h for h in unquoted if not any(o is not h and o.start <= h.start and h.end <= o.end
                                               and o.end - o.start > h.end - h.start for o in unquoted)]
    for hit in (*_titles(text), *_quoted(text), *unquoted):
        if all(hit.end <= s or hit.start >= e for s, e in taken):
            hits.append(hit)
            taken.append((hit.start, hit.end))
    return sorted(hits, key=lambda h: h.start)


def _titles(text: str):
    """Document titles in 《》: Measures unless the title names a campaign."""
    full: list[str] = []
    for m in _TITLE.finditer(text):
        title = m.group(1)
        cls = type_of(title) or "Measure"
        if cls == "Measure" and not re.search(r"意见|措施|办法|方案|细则|规定|条例|通知|决定|制度|机制|报告|清单|体系|标准|规划|举措", title):
            continue  # a book, newspaper or speech title, not a policy document
        longer = next((f for f in full if f.endswith(title) and f != title), None)
        if longer:
            yield InitiativeHit(cls, m.start(), m.end(), longer, (title,))
            continue
        full.append(title)
        yield InitiativeHit(cls, m.start(), m.end(), title, ())


def _quoted(text: str):
    """“X”type and “X” naming itself with its type word."""
    for m in _QUOTED.finditer(text):
        name, tail = m.group(1), m.group(2)
        name_clean = re.sub(r"[“”‘’\s]", "", name)
        tail_type = _tail_type(tail)
        if tail_type:
            label = name_clean + tail_type
            alts = tuple(dict.fromkeys(a for a in (name_clean, name_clean + _last_type(tail_type)) if a != label))
            yield InitiativeHit(type_of(label), m.start(), m.start() + len(m.group(1)) + 2 + len(tail_type),
                                label, alts)
        elif type_of(name_clean) and len(name_clean) >= 4:
            yield InitiativeHit(type_of(name_clean), m.start(), m.start() + len(name) + 2, name_clean, ())


def _tail_type(tail: str) -> str | None:
    """The shortest prefix of ``tail`` that ends with a type word (三年培养行动)."""
    for end in range(2, len(tail) + 1):
        if type_of(tail[:end]) and (end == len(tail) or not type_of(tail[:end + 1])):
            return tail[:end]
    return None


def _last_type(name: str) -> str:
    pattern, _ = _type_re()
    return pattern.search(name).group()


def _unquoted(text: str, tokens: dict[int, int]):
    """Unquoted names governed by a verb: 健全|容错纠错机制, 实施|乡镇党政正职发展能力提升计划.

    The name runs from the end of the nearest launch or issue verb before the type word
    (at most 16 characters back, within the clause) to the end of the type word.
    """
    pattern, _ = _type_re()
    verbs = table("verbs")
    governing = re.compile("(?:" + "|".join(map(re.escape, sorted(set(verbs["launch"] + verbs["issue"]), key=len, reverse=True))) + ")")
    ends = {s + n for s, n in tokens.items()}
    last_end = -2
    for m in re.finditer(r"[\u4e00-\u9fff\d+]+", text):
        chunk_start, chunk = m.start(), m.group()
        list_item = last_end == chunk_start - 1 and text[last_end] in "、和及与"
        for tm in re.finditer("(?:" + pattern.pattern[3:-2] + ")", chunk):
            end = chunk_start + tm.end()
            if end not in ends and end != m.end():
                continue  # the type word must end a token (机制, not 机制化)
            type_start = chunk_start + tm.start()
            verb_end = max((v.end() for v in governing.finditer(text, max(chunk_start, type_start - 16), type_start)
                            if v.end() in ends or v.end() == chunk_start), default=None)
            if verb_end is None and list_item:
                verb_end = chunk_start  # the next item of a list the verb governs (A制度、B制度)
            if verb_end is None:
                continue
            start = verb_end + (len(_DETERMINER.match(text, verb_end).group()) if _DETERMINER.match(text, verb_end) else 0)
            label, core = text[start:end], text[start:type_start]
            if len(core) < 2 or _generic(core) or not type_of(label) or re.search(r"[了的是在]", core):
                continue
            last_end = end
            yield InitiativeHit(type_of(label), start, end, label, ())


# quantities and determiners between a verb and a name (20个以上, 各类, 一批)
_DETERMINER = re.compile(r"(?:[\d一二三四五六七八九十百]+[个项期批次名条]?(?:以上|左右)?|各类|各项|一批|一系列|系列|多项|本次|今年|首届|首期)+")


_GENERIC = re.compile(r"^(?:工作|长效|管理|激励|保障|运行|责任|体制|相关|各项|这一|一套|这项|监督|约束|制度|"
                      r"政策|奖惩|考评|日常|常态化|系列|一系列|主题|专题|教育|培训|学习|实践|宣传|专项|重点|"
                      r"机制|体系|多项|三项|两项|各类|有关|配套|规章|内部|用人|选人用人|正向|长期|动态|闭环|"
                      r"乡村振兴|高质量发展|脱贫攻坚|党建|组织|干部|人才|教育培训)+$")


def _generic(core: str) -> bool:
    return bool(_GENERIC.match(core))
