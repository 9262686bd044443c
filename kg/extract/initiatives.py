"""Campaigns and Measures: named initiatives and the documents and mechanisms that
support them.

The shapes a name takes in the genre, each a candidate generator below:

- a document title in 书名号 (《实施意见》); a short title that ends an earlier full one
  (《实施意见》 after 《关于……的实施意见》) is the same document;
- an unbracketed document title 关于……的通知;
- a quoted name with its type word (“黄岩发展我担当”行动, “山海新锋”三年培养行动), with the
  modifier between its verb and the quote (开展领导干部“换位体验”活动), or a list of
  quoted names right after a governing verb (推行“揭榜挂帅”“项目三一一全”);
- a list whose items share one type word (实行揭榜挂帅、清单交办等制度) or one modifier
  (建立干部履职问题清单、责任清单、效果清单);
- an unquoted noun phrase ending in a type word, governed by a verb before it
  (健全|容错纠错机制), as a later item of its list (参与“港城大讲堂”专题讲座、|…培训班), or reported
  as an event after it (年轻干部培训班|在县委党校开班, …培训班|正式开班);
- a quoted description, 的 and a system after an issuing verb (建立“能进能出、动态调整”的管理机制);
- a campaign a document's title names (《激励干部在…三年行动中…若干措施》);
- a headline of a unit and a quoted name (某某旗“比武争星”), and a line that is a document's
  heading (某县…管理办法（试行）);
- a system named for the cadre group it governs (第一书记制度, 村干部薪酬制度): an act where a verb
  sets it up, only named where none does (“第一书记制度还是要坚持”: nobody issues it there).

The class comes from the type word (``resources/initiative_types.txt``; a few, too general alone,
type only a quoted name right before them: “放管服”改革, “一约四会”模式), or, for a quoted name
without one, from its verb (开展 -> Campaign, 出台 -> Measure).
Overlapping candidates: the earlier generator wins, then the longer name.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from bisect import bisect_left
from functools import cache, lru_cache

from ..resources import table, trie
from .spans import CLAUSE, start_of, unquoted

_TITLE = re.compile(r"《([^《》\n]{2,80})》")
# 关于……的通知 without 书名号
_ABOUT = re.compile(r"关于[^，。；：！？《》\n]{4,50}?的(?:实施意见|指导意见|意见|若干措施|政策措施|措施|通知|决定|"
                    r"实施办法|办法|暂行规定|规定|实施方案|工作方案|方案|实施细则|细则)")
# a quoted name, its abbreviation in brackets (（简称“访惠聚”）) and up to eight characters that may
# carry its type word
# (a slogan of clauses is a name where a campaign's type word follows it: “头雁比武，村村竞赛”擂台比武活动;
# a longer tail where an activity, an action, a plan, a project or a system ends it and the clause:
# “两节”送温暖走访慰问活动，“黎乡英才”年轻干部递进培养计划，“领头雁”村党组织书记示范培训班，)
_QUOTED = re.compile(r"(?:“([^“”，。；！？\n]{2,30}|[^“”，。；！？\n]{2,20}(?:，[^“”，。；！？\n]{2,20}){1,3}"
                     r"(?=”[\u4e00-\u9fff]{0,4}(?:活动|行动|工程|计划|竞赛|比武|擂台赛)))”"
                     r"|‘([^‘’“”，。；！？\n]{2,30})’)(（简称“([^“”\n]{2,10})”）)?"
                     r"([^\W了的是在和与及为对把将被等期]{0,12}(?:活动|行动|计划|工程|体系|培训班|训练营|研修班)(?=[，。；、])|[^\W了的是在和与及为对把将被等]{0,8})")
# quantities and determiners between a verb and a name (20个以上, 各类, 一场, 第一期); a round count
# (百名, as 千名, 万名) is part of a campaign's name (百名优秀年轻干部双向挂职锻炼, 万名干部进万村…)
_DETERMINER = re.compile(r"(?:\d{2,4}年度?|为期[\d一二三四五六七八九十两半]+个?(?:天|日|周|月|年|小时)半?的|\d+[个项期批次名条场届]?(?:以上|左右)?|"
                         r"(?!百名)[一二三四五六七八九十百两]+[个项期批次名条场届份套](?:以上|左右)?|"
                         r"第[\d一二三四五六七八九十百]+[期届次批场]|各类|各项|一批|一系列|系列|多项|本次|此次|"
                         r"这次|今年|首届|首期|首场|首次|首批|新一轮|具体|如下|以下|上述)+")  # a year before a bare number (2009年…)
# what never begins a name: a conjunction, a reference to the writer's own unit, a vague qualifier
_LEAD = re.compile(r"(?:和(?!谐)|及(?![时早])|与|并|或|到|我国|我省|我市|我县|我区|我镇|相关|有关|此次|本次|这次)+")
# what may stand between a list's last item and the type word all items share (a count may be quoted with
# the type word: 容错纠错、澄清正名、关心关爱“三项机制”); after 等, a word of what
# they are for, which each item's name keeps (一月一检查和…等监督机制: 一月一检查监督机制)
_LIST_TAIL = re.compile(r"(等)?“?([\d一二三四五六七八九十两]+[项个大种])?(?:有效|相关|系列|一系列)?((?<=等)[\u4e00-\u9fff]{2})?$")
# an event report after the name: ……培训班在县委党校开班, ……攻坚战在浙西山城打响
_EVENT = re.compile(r"(?:[^，。；！？\n]{0,14}?(?:在|于)[^，。；！？\n]{0,16}?|(?:正式|顺利|隆重)?)"
                    r"(?:开班|开幕|举行|举办|开赛|启动|开讲|打响|召开|结业|开课)")
# a count right before the type word: 十条措施, 20条措施
_COUNTED = re.compile(r"[\d一二三四五六七八九十百两]+[条项个]$")
# what may follow a list of typeless quoted names: 工作, 等, or their count (“田间课堂”“流动党校”3个载体)
_TYPELESS_TAIL = re.compile(r"工作|等|[\d一二三四五六七八九十两]+[个项大种]|$")


@dataclass(frozen=True, slots=True)
class InitiativeHit:
    cls: str  # Campaign or Measure
    start: int
    end: int
    label: str
    alt_labels: tuple[str, ...]
    rule: str = ""  # the generator that found it (title, about, quoted, described, list, governed, event,
    # vehicle, headline, heading, in-title)


@cache
def _types() -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    types = table("initiative_types")
    cls_of = {w: cls for cls, ws in types.items() for w in ws if not cls.startswith("quoted-")}
    words = trie(cls_of)
    return re.compile(f"(?:{words})$"), re.compile(f"(?:{words})"), cls_of


@cache
def governing_verbs() -> tuple[re.Pattern, dict[str, str]]:
    """Governing verbs (launch and issue), longest first, with the class each implies; a match's group
    ``verb`` is the verb without its complement."""
    verbs = table("verbs")
    role = {v: "Measure" for v in verbs["issue"]} | {v: "Campaign" for v in verbs["launch"]}
    # a verb's complement 了 or 好 (开展好教育实践活动: 好 begins no name); a verb may end in 好 itself
    return re.compile(f"(?P<verb>{trie(role)})[了好]?"), role


def type_of(name: str) -> str | None:
    """Campaign or Measure, by the type word ``name`` ends with; None if it has none."""
    end_re, _, cls_of = _types()
    m = end_re.search(name)
    return cls_of[m.group()] if m else None


@cache
def _after_quote() -> dict[str, str]:
    """Type words that type a name only right after its quoted part (“三肩挑”改革), by class."""
    return {w: cls[len("quoted-"):] for cls, ws in table("initiative_types").items()
            if cls.startswith("quoted-") for w in ws}


def find_initiatives(text: str, tokens: dict[int, int], groups: Sequence[tuple[int, int]] = ()) -> list[InitiativeHit]:
    """All named initiatives of ``text``; ``tokens`` maps token starts to lengths, ``groups`` are the
    spans of the cadre groups it names."""
    ends = frozenset(start + n for start, n in tokens.items())
    ranked = []
    generators = (("title", _titles(text)), ("about", _about(text)), ("quoted", _quoted(text, ends)),
                  ("described", _described(text, ends)),
                  ("list", _lists(text, ends)), ("governed", _governed(text, ends)), ("event", _events(text, ends)),
                  ("vehicle", _vehicles(text, ends)), ("headline", _headlines(text)),
                  ("heading", _document_headings(text)), ("system", _kin_systems(text, ends)),
                  ("training", _trainings(text, ends)),
                  *_group_systems(text, groups, ends))
    for rank, (rule, generator) in enumerate(generators):
        ranked += [(rank, -(h.end - h.start), h.start, replace(h, rule=rule))
                   for h in (_trimmed(text, g) for g in generator) if h]
    hits: list[InitiativeHit] = []
    for *_, hit in sorted(ranked, key=lambda r: r[:3]):
        if all(hit.end <= h.start or hit.start >= h.end for h in hits):
            hits.append(hit)
    # a campaign a document's title names inside it is named as well as the document
    hits += [replace(h, rule="in-title") for t in hits if t.rule == "title"
             for h in _in_title(text, t, ends) if h.label not in {x.label for x in hits}]
    return sorted(hits, key=lambda h: (h.start, -h.end))


# a system named for the cadres it governs: their group, then what of theirs it orders (第一书记制度,
# 村干部薪酬制度, 乡镇干部轮岗交流制度)
_GROUP_SYSTEM = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:制度|机制)")


def _group_systems(text: str, groups: Sequence[tuple[int, int]], ends: frozenset[int]):
    """The generators of systems named for a group: those a verb sets up (建立…制度), then those only
    named (“第一书记制度还是要坚持”), which are nobody's act."""
    governed: list[InitiativeHit] = []
    named: list[InitiativeHit] = []
    for start, end in groups:
        m = _GROUP_SYSTEM.match(text, end)
        if m and not re.search(r"[了的是在和与及、]", m.group()):
            hit = InitiativeHit("Measure", start, m.end(), text[start:m.end()], ())
            (governed if _verb_before(text, start, ends) is not None else named).append(hit)
    return ("group-system", governed), ("group-system-named", named)


def _trimmed(text: str, hit: InitiativeHit) -> InitiativeHit | None:
    """The hit without a conjunction or a discourse determiner it begins with (和基层治理体系,
    此次擂台比武), where its label is its text; None if it names nothing: no more than its type
    word is left, or it is management that is no system (三资管理, not 积分制管理 or 网格化管理)."""
    if hit.label.endswith("管理") and not hit.label[:-2].endswith(("制", "化")):
        return None
    if hit.label.endswith("党校") and (_SCHOOL_OF_UNIT.search(hit.label[:-2]) or len(hit.label) < 4):
        return None  # 县委党校, 镇党校: the school of a committee or unit is a venue, not a course
    if hit.label.endswith("决定") and (_PERSONNEL.search(hit.label) or _HONOURS.search(hit.label)):
        return None  # 关于旗委主要领导调整的决定, 任职决定, 表彰决定: who holds which post or honour, no policy
    lead = _LEAD.match(hit.label)
    if lead is None or unquoted(text[hit.start:hit.end]) != hit.label:
        return hit
    label = hit.label[lead.end():]
    if not type_of(label) or label == _last_type(label) or _generic(label[:-len(_last_type(label))]):
        return None  # 推进和基层治理体系: what is left names nothing
    return InitiativeHit(hit.cls, hit.start + lead.end(), hit.end, label,
                         tuple(a for a in hit.alt_labels if a != label))


# what a decision on honours is about (关于表彰…的决定, 表彰决定)
_HONOURS = re.compile(r"表彰|表扬|嘉奖|命名|授予")
# what a decision on personnel is about: appointments, removals, changes of leaders
_PERSONNEL = re.compile(r"任职|任免|免职|任命|职务|人事|领导调整|干部调整|班子调整")
# what ends the name of a unit whose party school is an institution (县委党校, 中共某镇党校), or
# the verb of a trip to one (到党校培训)
_SCHOOL_OF_UNIT = re.compile(r"(?:委|委员会|省|市|县|区|旗|镇|乡|街道|中央|中共|到|在|赴|进|去)$")


# a law or a charter, cited with the party's regulations (《中华人民共和国村民委员会组织法》《中国共产党章程》),
# not a book on a method (《工作方法》)
_LAW = re.compile(r"(?<![方做手说看想兵])法$|章程$")


def _titles(text: str):
    """Document titles in 《》: Measures unless the title names a campaign."""
    full: list[str] = []
    for m in _TITLE.finditer(text):
        title = unquoted(m.group(1))  # 《盘山县 设施农业…办法》: a space in a title is the page's
        cls = type_of(title) or "Measure"
        if (cls == "Measure" and not _NUMBERED_SET.search(title)  # 《…“双十条”》: a set of articles
                and not re.search(r"意见|措施|办法|方案|细则|规定|条例|通知|决定|制度|机制|报告|清单|体系|标准|规划|举措|承诺书", title)
                and not _LAW.search(title)):
            continue  # a book, newspaper or speech title, not a policy document
        longer = next((f for f in full if f.endswith(title) and f != title), None)
        if longer:
            yield InitiativeHit(cls, m.start(), m.end(), longer, (title,))
            continue
        full.append(title)
        yield InitiativeHit(cls, m.start(), m.end(), title, ())


# a slogan in quotes, then what it is (“转作风、正风气、凝心聚力促发展”谈心谈话周)
_TITLE_QUOTED = re.compile(r"“[^“”。；！？\n]{2,20}”[\u4e00-\u9fff]{0,6}")
# where a title names the campaign it serves: 在X行动中, 关于开展X活动的…
_CAMPAIGN_IN_TITLE = re.compile(r"(?:中|的|期间)")


def _in_title(text: str, title: InitiativeHit, ends: frozenset[int]):
    """《激励干部在X三年行动中…若干措施》, 《关于开展X专项行动的实施方案》: the campaign between 在 or
    a launching verb and 中, 的 or the document's kind inside a Measure's title."""
    if title.cls != "Measure":
        return
    verb_re, role = governing_verbs()
    _, _, cls_of = _types()
    for tm in _type_words(text, title.start + 1, title.end - 1, ends):
        # (or right before the document's own kind: 《关于开展…谈心谈话周活动实施方案》)
        kind = cls_of.get(text[tm.end():title.end - 1])
        if type_of(tm.group()) != "Campaign" or not (_CAMPAIGN_IN_TITLE.match(text, tm.end()) or kind == "Measure"):
            continue
        head = text[title.start + 1:tm.start()]
        opener = max([head.rfind("在") + 1] + [v.end() for v in verb_re.finditer(head)
                                               if role[v.group("verb")] == "Campaign"
                                               and title.start + 1 + v.start() in ends])  # not 党组织
        if opener > 0:
            start = title.start + 1 + opener
            named = list(_named(text, start, tm))
            # a quoted name of a title's campaign may be a long slogan of its own (开展“转作风、正风气、…”谈心谈话周活动)
            if not named and _TITLE_QUOTED.fullmatch(text, start, tm.start()):
                named = [InitiativeHit("Campaign", start, tm.end(), unquoted(text[start:tm.end()]), ())]
            yield from named


# a headline that is a unit and a quoted name alone: 某某旗“比武争星”
_HEADLINE = re.compile(r"^[\u4e00-\u9fff]{1,12}?(?:省|市|县|区|旗|镇|乡|村|街道)“([\u4e00-\u9fff]{2,10})”$", re.M)


def _headlines(text: str):
    """A headline of a unit and a quoted name is the unit's initiative the article reports; its
    class is that of a type word inside it (比武争星: a contest)."""
    _, any_re, cls_of = _types()
    for m in _HEADLINE.finditer(text):
        inner = any_re.search(m.group(1))
        if inner:
            yield InitiativeHit(cls_of[inner.group()], m.start(1) - 1, m.end(1) + 1, m.group(1), ())


# a line that is a document's heading: its issuing unit, its subject and its kind (某县…奖励办法（试行）)
_DOCUMENT_HEADING = re.compile(r"^(?:(?:中共)?[\u4e00-\u9fff]{1,10}?(?:省|市|县|区|旗|镇|乡|街道|村)|全[省市县区旗镇乡])"
                               r"[\u4e00-\u9fff、]{2,36}?(?:意见|措施|办法|方案|细则|规定|条例|通知|决定)"
                               r"(（试行）|\(试行\))?$", re.M)


def _document_headings(text: str):
    """A line that is a document's title alone, as a reprinted document begins; the unit it begins
    with keeps a fragment of a cut title (民委员会选举工作实施方案) out."""
    for m in _DOCUMENT_HEADING.finditer(text):
        label = m.group()
        yield InitiativeHit("Measure", m.start(), m.end(), label, (label[:m.start(1) - m.end()],) if m.group(1) else ())


# …的意见 opening on what it sets out to do, right after the verb that issues it, without 关于 or
# 书名号 (制定了进一步加强农村党员干部队伍素质建设的意见)
_PURPOSED = re.compile(r"(?:制定|出台|印发|下发|修订)了?((?:进一步)?(?:加强|改进|做好|推进|建立健全|健全|完善|规范|激励)"
                       r"[^，。；：！？《》“”\n]{2,40}?的(?:实施意见|指导意见|意见|若干措施|实施办法|办法|暂行规定|规定|"
                       r"实施方案|工作方案|方案|实施细则|细则))")


def _about(text: str):
    """关于……的通知 and its kin, written without 书名号."""
    for m in _ABOUT.finditer(text):
        yield InitiativeHit("Measure", m.start(), m.end(), unquoted(m.group()), ())
    for m in _PURPOSED.finditer(text):
        if not text.startswith("关于", m.start(1) - 2):
            yield InitiativeHit("Measure", m.start(1), m.end(1), unquoted(m.group(1)), ())


# a system named by what it binds and 制, ending its clause (领导干部包案制, 人才储备制, 报账制): kin of
# 负责制 and 积分制 the lexicon cannot list one by one; not a word that only ends in 制 (体制, 编制, 控制)
_KIN_SYSTEM = re.compile(r"[\u4e00-\u9fff]{2,16}制(?=[，。；、）\n]|$)")
_NOT_SYSTEM = re.compile(r"[体机编控限抵遏法建管专研复录节牵压强学税币兵帝旧]制$")


def _kin_systems(text: str, ends: frozenset[int]):
    """X制 right after the verb that sets it up (落实领导干部包案制): a Measure."""
    for m in _KIN_SYSTEM.finditer(text):
        if _NOT_SYSTEM.search(m.group()):
            continue
        verb = _verb_before(text, m.end() - 1, ends, reach=16)
        if verb and m.start() <= verb[0] <= m.end() - 3:
            label = text[verb[0]:m.end()]
            if not re.search(r"[了的是在和与及等]", label):
                yield InitiativeHit("Measure", verb[0], m.end(), label, ())


def _verb_before(text: str, pos: int, ends: frozenset[int], reach: int = 8) -> tuple[int, str] | None:
    """The end and class of the governing verb nearest before ``pos`` in its clause."""
    verb_re, role = governing_verbs()
    clause = start_of(text, pos, CLAUSE)
    best = None
    for v in verb_re.finditer(text, max(clause, pos - reach), pos):
        if v.start() > clause and v.start() not in ends:
            continue  # the end of a longer word (党组织 is no 组织)
        if text[v.start() - 1:v.start()] == "的":
            continue  # a verb after 的 is a noun (强有力的组织保障…大比拼): it governs nothing
        if v.end() in ends or v.end() == pos or text[v.end() - 1] in "了好":
            best = (v.end(), role[v.group("verb")])
    return best


def _quoted(text: str, ends: frozenset[int]):
    """“X”type, with the modifier between its verb and the quote; typeless quoted lists after a verb."""
    for m in _QUOTED.finditer(text):
        if text.startswith(_GROUP_QUOTES, m.start()):
            continue  # 村（社区）“两委”换届工作培训班: a quoted word of a group's name, no name of its own
        name, short, tail = unquoted(m.group(1) or m.group(2)), m.group(4), m.group(5)
        tail_type = _tail_type(tail) or ("" if type_of(name) and len(name) >= 4 else None)
        end = m.start(5)  # past the closing quote and any abbreviation
        model = (_FORMULA_MODEL.match(text, end) if tail_type is None and "+" in name
                 and not _BY_MEANS.search(text, start_of(text, m.start(), CLAUSE), m.start()) else None)
        if model:
            # “党建+网格+信访”源头治理工作模式, 构建“党建+”工作融合模式: a formula of parts names the model
            # it is quoted in, whatever words of its work stand between; one a clause works by (通过“公司+村”
            # 模式, 通过近年来探索出的“…”的产业发展模式) is its method
            yield InitiativeHit("Measure", m.start(), model.end(), name + model.group(1) + "模式",
                                tuple(sorted({name + "模式"} - {name + model.group(1) + "模式"})))
            continue
        if (tail_type is None and tail.startswith(tuple(_after_quote()))
                and not _MEANS.search(text, max(0, m.start() - 2), m.start())):
            # “三肩挑”改革: a word too general alone types the quoted name it follows
            word = next(w for w in _after_quote() if tail.startswith(w))
            yield InitiativeHit(_after_quote()[word], m.start(), end + len(word), name + word, (name,))
            continue
        if tail_type and text.startswith(("了", "着", "过"), end + len(tail_type)):
            continue  # “评什么”决定了…: the type word is the sentence's verb
        if tail_type == "" and "+" in name and type_of(name) == "Campaign":
            continue  # 采用“研讨交流+同台比武”: a combination of methods, not a campaign
        if tail_type == "" and re.search(r"、[^、]*等", name):
            continue  # “听党员干部、企业等不同群体评价意见”: an enumeration describes, it names nothing
        if tail_type is None and _CAMPAIGN_YEAR.search(name):
            # 将2019年确定为“基层减负年”, 市委“干部作风优化年”部署: a year named for a campaign
            yield InitiativeHit("Campaign", m.start(), end, name, ())
            continue
        verb = _verb_before(text, m.start(), ends)
        listed = _verb_before(text, m.start(), ends, reach=60)  # a list of quoted names may be long
        if tail_type is None and type_of(name) and name == _last_type(name):
            # 颍州区村（社区）党组织书记“擂台赛”: a quoted type word named by the phrase before it
            yield from _named_before_quote(text, m, name, ends)
        elif tail_type is not None:
            label = name + tail_type
            if verb is None and label.endswith(_HANDLED):
                continue  # 收集“责任清单”，核实“实绩清单”: a list handled, not one the clause sets up
            alts = {name, name + _last_type(label)} | ({short, short + tail_type} if short else set()) if tail_type else set()
            start = m.start()
            counted = verb and _EVENT_COUNT.fullmatch(text, verb[0], m.start())
            modifier = text[verb[0]:m.start()] if verb and not counted else ""
            plain = modifier and not re.search(r"[^\u4e00-\u9fff]|的", modifier) \
                and not _OWNER.fullmatch(text, verb[0], m.start())  # (落实县委“…”行动: whose it is)
            if plain and 2 <= len(modifier) <= 8:
                # 开展领导干部“换位体验”活动: the modifier belongs to the name; a count of events
                # (举办了两期“…培训班”) names none
                start = verb[0]
                alts.add(label)
                label = modifier + label
            elif (listed and not counted and 8 < m.start() - listed[0] <= 20
                  and re.fullmatch(r"[^\W的了是在和与及为对把将被等]+", longer := text[listed[0]:m.start()])
                  and not _OWNER.fullmatch(longer)):
                # 开展村级党组织书记乡村振兴“擂台大比武”活动: a longer one is the name's fullest form
                alts.add(longer + label)
            yield InitiativeHit(type_of(label), start, end + len(tail_type), label, tuple(sorted(alts - {label})))
        elif listed and listed[1] == "Campaign" and _in_quoted_list(text, listed[0], m.start()):
            after = _LIST_NAMED_AFTER.match(text, _quoted_list_end(text, end))
            if after:  # 开展“好媳妇”“好婆婆”等先进典型评选活动: the examples' campaign is named after them
                yield from _named_after(text, after.start() + 1)
            elif _TYPELESS_TAIL.match(tail) and len(name) <= 8 and "、" not in name and not _other_kind(text, end):
                # 推行“揭榜挂帅”“项目三一一全”: short quoted names right after a launch verb; one
                # named by its count of articles (推出了“减负20条”) or as a system (推行“导师帮带制”) is a
                # measure whatever its verb
                cls = "Measure" if _NUMBERED_SET.search(name) or name.endswith("制") else "Campaign"
                yield InitiativeHit(cls, m.start(), end, name, ())
        elif (tail_type is None and name.endswith("制") and verb and len(name) <= 8 and _TYPELESS_TAIL.match(tail)
              and re.fullmatch(r"[\u4e00-\u9fff]{0,8}", text[verb[0]:m.start()])):
            # 推行村干部“坐班制”: a quoted system (…制) the verb sets up, with whom it binds between
            yield InitiativeHit("Measure", m.start(), end, name, ())


# a year named for a campaign: a phrase of what it does, then 年 (not a count of years, 百年, 三年)
_CAMPAIGN_YEAR = re.compile(r"^[\u4e00-\u9fff]{2,}[^\d一二三四五六七八九十百千万今去明当每全半个近多]年$")
# what is a measure only where a verb sets it up (建立“负面清单”), not where it is handled (收集“责任清单”)
_HANDLED = ("清单",)
# what a quoted formula of parts (“A+B”) is the formula of: a model, after the words of its work
_FORMULA_MODEL = re.compile(r"的?([^\W了的是在和与及为对把将被等]{0,6}?)模式")
# a set of measures named by its count of articles: 减负20条, 激励干部十条
_NUMBERED_SET = re.compile(r"(?:\d{1,3}|[一二三四五六七八九十百]{1,4})条$")
# a system described by a quoted phrase and 的 (建立“能进能出、动态调整”的管理机制)
_DESCRIBED = re.compile(r"“([^“”\n]{2,20})”的([\u4e00-\u9fff]{0,6}?(?:机制|制度|体系))")


def _described(text: str, ends: frozenset[int]):
    """An issuing verb right before a quoted description of a system: the description, 的 and
    the system are its name, as the quoted part alone describes and the system alone is generic."""
    for m in _DESCRIBED.finditer(text):
        verb = _verb_before(text, m.start(), ends)
        if verb and verb[0] == m.start() and verb[1] == "Measure" and "“" not in m.group(2):
            label = unquoted(m.group(1)) + "的" + m.group(2)
            yield InitiativeHit("Measure", m.start(), m.end(), label, ())


# what makes a model a method an initiative uses (采用“研讨交流”模式, …的“头脑风暴”模式), not a measure
_MEANS = re.compile(r"(?:采用|采取|通过|运用|借助|依托|的)$")
_BY_MEANS = re.compile(r"采用|采取|通过|运用|借助|依托")
# what follows a list of quoted examples that are not names themselves: 等先进典型评选活动
_LIST_NAMED_AFTER = re.compile(r"等[\u4e00-\u9fff]{0,12}?(?:活动|行动|评选|竞赛|比赛|创建)")


# what a list's 等 may sum its items up as and leave them acts of a unit: a type word or a word of work
_WORK_KINDS = ("工作", "举措", "措施", "做法", "载体", "方式", "方法", "形式", "内容", "项目")
_KIND_AFTER_LIST = re.compile(r"等([\u4e00-\u9fff]{1,12})(?=[，。；！？\n]|$)")


def _other_kind(text: str, end: int) -> bool:
    """Whether the quoted list going on at ``end`` ends in 等 and a noun of a kind of thing no initiative
    is (打造“红色物业”“老兵调解”等特色调解工作室; 等党建品牌, 等问题)."""
    kind = _KIND_AFTER_LIST.match(text, _quoted_list_end(text, end))
    return kind is not None and type_of(kind.group(1)) is None and not kind.group(1).endswith(_WORK_KINDS)


def _named_after(text: str, start: int):
    """The campaign a list of quoted examples ends with (先进典型评选活动 of …“好婆婆”等先进典型评选活动)."""
    words = re.compile(r"[\u4e00-\u9fff]{2,14}").match(text, start)
    label = _tail_type(words.group()) if words else None
    core = label
    while core and type_of(core):  # 评选活动 is no more than type words
        core = core[:-len(_last_type(core))]
    if label and type_of(label) == "Campaign" and len(core) >= 2 and not _generic(core):
        yield InitiativeHit("Campaign", start, start + len(label), label, ())


def _quoted_list_end(text: str, pos: int) -> int:
    """The end of the quoted list that goes on at ``pos`` (“好媳妇”“好婆婆”、“好儿子”)."""
    while (m := re.compile(r"[、和及与]?“[^“”\n]{1,30}”").match(text, pos)) is not None:
        pos = m.end()
    return pos


def _named_before_quote(text: str, m: re.Match, name: str, ends: frozenset[int]):
    """The phrase from the clause's start (or its verb) to a quoted type word, as the name."""
    clause = start_of(text, m.start(), CLAUSE + "、")
    verb_re, _ = governing_verbs()
    start = max([clause] + [v.end() for v in verb_re.finditer(text, clause, m.start())
                            if v.start() == clause or v.start() in ends])  # 党组织 is no 组织
    det = _DETERMINER.match(text, start)
    start += len(det.group()) if det else 0
    owner = _OWNER.match(text, start, m.start())
    start += len(owner.group()) if owner else 0  # 落实县委“高原红·…三年行动”: whose it is, no part of its name
    prefix = unquoted(text[start:m.start()])
    if len(name) >= 3 and 2 <= len(prefix) <= 24 and not re.search(r"[了的是在“”我们以将通过]", prefix):
        label = prefix + name
        yield InitiativeHit(type_of(label), start, max(m.end(1), m.end(2)) + 1, label, ())


# a committee or its department written as the owner of the name after it (县委“…”行动, 市委组织部“…”计划)
_OWNER = re.compile(r"(?:中共)?[省市州县区旗镇乡]委(?:组织部|办公室)?|[省市州县区旗镇乡](?:人民)?政府")


def _in_quoted_list(text: str, verb_end: int, pos: int) -> bool:
    """Only quoted names and list separators stand between the verb and ``pos``."""
    between = re.sub(r"“[^“”\n]{1,30}”", "", text[verb_end:pos])
    return re.fullmatch(r"[、和及与]*", between) is not None


def _tail_type(tail: str) -> str | None:
    """The longest prefix of ``tail`` that ends with a type word (三年培养行动, 评选表扬活动)."""
    for end in range(len(tail), 1, -1):
        if type_of(tail[:end]) and not _COUNTED_OBJECT.match(tail, end):
            return tail[:end]
    return None


# a count of what a verb acts on (评选一批, 培训3名): the type word before it is that verb
_COUNTED_OBJECT = re.compile(r"[一二三四五六七八九十百\d]+[批名个位次]")


def _last_type(name: str) -> str:
    end_re, _, _ = _types()
    return end_re.search(name).group()


def _type_words(text: str, start: int, end: int, ends: frozenset[int]):
    """Type words in ``text[start:end]`` that end a token (机制, not 机制化)."""
    _, any_re, _ = _types()
    for tm in any_re.finditer(text, start, end):
        if tm.end() in ends or tm.end() == end:
            yield tm


@lru_cache(maxsize=4)
def _all_type_words(text: str) -> tuple[list[int], list[re.Match]]:
    _, any_re, _ = _types()
    found = list(any_re.finditer(text))
    return [tm.start() for tm in found], found


def _type_words_in_run(text: str, start: int, end: int, ends: frozenset[int]):
    """``_type_words`` of a run of text that punctuation or a non-Chinese character bounds (a
    clause): no type word crosses its bounds, so the article's type words are found once."""
    starts, found = _all_type_words(text)
    for tm in found[bisect_left(starts, start):]:
        if tm.end() > end:
            break
        if tm.end() in ends or tm.end() == end:
            yield tm


def _lists(text: str, ends: frozenset[int]):
    """Coordinated names: 实行揭榜挂帅、清单交办、现场拉练等制度 (a shared type word) and
    建立干部履职问题清单、责任清单、效果清单 (a shared modifier)."""
    for clause in re.finditer(r"[^，。；：！？\n]+", text):
        for tm in _type_words_in_run(text, clause.start(), clause.end(), ends):
            yield from _shared_type(text, clause.start(), tm, ends)
        yield from _shared_modifier(text, clause, ends)


def _shared_type(text: str, clause_start: int, tm: re.Match, ends: frozenset[int]):
    head = text[clause_start:tm.start()]
    tail = _LIST_TAIL.search(head)
    items_end = clause_start + tail.start()
    items = text[clause_start:items_end]
    if (not (tail.group(1) or tail.group(2)) or tm.group() in _GENERIC_SHARED
            or "、" not in items and not (tail.group(1) and re.search(r"(?<!共)和(?!谐)|及(?![时早])", items))
            or "》" in items  # titles listed (《A》《B》等条例) are named by their marks
            or tail.group(3) in _PLACES_WORDS  # 到镇前镇、澄源乡等乡镇挂职锻炼: places where it happens
            or tail.group(3) in _THEME_WORDS):  # 围绕政策宣讲、矛盾调处等内容比武: themes, then an act
        return  # needs 等 or a count (等制度, 三项机制) and a real list (A、B; A和B等); 等措施 lists actions
    verb = _verb_before(text, items_end, ends, reach=60)
    start = verb[0] if verb else clause_start
    start += len(_DETERMINER.match(text, start).group()) if _DETERMINER.match(text, start) else 0
    if tail.group(1) and tail.group(2):
        # 风险备案、容错纠错等4个操作办法: one set of measures, named by the whole phrase
        label = unquoted(text[start:tm.end()])
        if not re.search(r"[的了是在]", label):
            yield InitiativeHit(type_of(tm.group()), start, tm.end(), label, (tail.group(2) + tm.group(),))
        return
    pos = start
    for part in re.split(r"(、|和|及)", text[start:items_end]):
        item = unquoted(part)
        if (part not in ("、", "和", "及") and 3 <= len(item) <= 14 and not re.search(r"[的了是在]", item)
                and not _PREDICATE.search(item)
                and not item.endswith("精神")):  # 学习弘扬长征精神、…等活动: a spirit studied is a theme, no name
            # an item already typed like the list (班委负责制、议事协商制等制度) keeps its name
            typed = item.endswith("制") or type_of(item) == type_of(tm.group())
            label = item if typed else item + (tail.group(3) or "") + tm.group()
            yield InitiativeHit(type_of(label) or type_of(tm.group()), pos, pos + len(part), label,
                                () if typed else (item,))
        pos += len(part)


# what a list of themes closes with (…等内容, 等方面), here and in LIST_CLOSE
_THEME_WORDS = frozenset({"方面", "内容", "主题", "领域", "重点"})
# what a list of places closes with (…等乡镇, 等地区)
_PLACES_WORDS = frozenset({"乡镇", "地区", "村居", "社区", "街道", "县区", "区县", "市县", "县市"})
# type words too general to name each item of a list (强化教育、树立导向等措施): resources/generic.txt
_GENERIC_SHARED = frozenset(table("generic")["SHARED"])


def _shared_modifier(text: str, clause: re.Match, ends: frozenset[int]):
    """问题清单、责任清单 after 干部履职问题清单: later short items take the first one's modifier."""
    if sum(clause.group().count(c) for c in "、和及") < 2:
        return  # three items need two separators
    parts = [(p.start(), p.group()) for p in re.finditer(r"[^、和及]+", clause.group())]
    typed = [(clause.start() + s, p) for s, p in parts if type_of(p)]
    if len(typed) < 3:
        return
    first_start, first = typed[0]
    verb = _verb_before(text, first_start + len(first), ends, reach=len(first))
    if verb:
        first = text[verb[0]:first_start + len(first)]
    short = [(s, p) for s, p in typed[1:] if len(p) <= 5 and type_of(p) == type_of(first)]
    if len(short) < 2 or len(first) <= len(short[0][1]) + 1:
        return
    prefix = first[: len(first) - len(short[0][1])]
    for s, p in short:
        yield InitiativeHit(type_of(p), s, s + len(p), prefix + p, (p,))


def _governed(text: str, ends: frozenset[int]):
    """健全|容错纠错机制: from the verb's end to the type word, at most 22 characters."""
    # a run may hold a parenthesised alternative (村（社区）党组织书记培训班) and a group's quoted word
    # (村“两委”成员能力提升培训班)
    for m in _RUN.finditer(text):
        typed_ends: list[int] = []
        for tm in _type_words_in_run(text, m.start(), m.end(), ends):
            typed_ends.append(tm.end())
            verb = _verb_before(text, tm.start(), ends, reach=22)
            if verb and text.startswith("探索", verb[0] - 2) and text.endswith("长效机制", 0, tm.end()):
                continue  # 积极探索激励保障长效机制: a long-term mechanism explored is an aim, not one set up
            if verb and verb[0] >= m.start():
                if apposed := _APPOSED.match(text, tm.end()):
                    # 开展大型全媒体行动“江苏百村调研”: the phrase describes the quoted name after it
                    yield InitiativeHit(type_of(tm.group()), apposed.start(), apposed.end(),
                                        unquoted(apposed.group(1)), ())
                    continue
                # a system set up by an issuing verb may be described with 的 (建立轮值形式的…培训制度), and
                # what a verb's relative clause names comes after its 的 (…组织部举办的|全省…示范培训班)
                described = verb[1] == "Measure" and _SYSTEM.search(tm.group()) or text.startswith("的", verb[0])
                # 建立容错纠错机制和澄清正名机制: two names, each with its type word, joined by 和
                joined = [e + 1 for e in typed_ends if verb[0] < e < tm.start() and text[e:e + 1] in "和及与"]
                yield from _named(text, joined[-1] if joined else verb[0], tm, described)
            elif _later_object(text, m.start(), tm.start(), ends):
                # 参与“港城大讲堂”低空经济专题讲座、招商队伍能力提升培训班: a later object of the verb
                yield from _named(text, m.start(), tm)


_RUN = re.compile(r"(?:[\u4e00-\u9fff\d+]|“两委”|“一把手”)+(?:（[\u4e00-\u9fff]{1,3}）(?:[\u4e00-\u9fff\d+]|“两委”)+)*")
# a quoted name standing alone right after a description of its kind (…全媒体行动“江苏百村调研”，)
_APPOSED = re.compile(r"“([^“”，。；！？\n]{2,20})”(?=[，。；！？\n]|$)")


def _later_object(text: str, start: int, type_start: int, ends: frozenset[int]) -> bool:
    """``text[start:type_start]`` is a later item of a list of initiatives one verb governs: it
    follows 、 and an item of a phrase's length (not 区、镇、村…) that is itself an initiative's name
    (quoted or typed; not 统筹推进疫情防控、打赢脱贫攻坚战), outside brackets and quotes; its core is a
    phrase (not 颁布实施细则) that counts nothing (群众满意10颗评选星)."""
    if text[start - 1:start] != "、" or type_start - start < 4 or re.search(r"\d", text[start:type_start]):
        return False
    verb = _verb_before(text, start, ends, reach=40)
    if verb is None:
        return False
    before = text[verb[0]:start - 1]
    previous = before[before.rfind("、") + 1:]
    return (len(previous) >= 4 and not re.search(r"[（(]", before) and before.count("“") == before.count("”")
            and ("“" in before or _types()[1].search(before) is not None))


def _events(text: str, ends: frozenset[int]):
    """年轻干部培训班|在县委党校开班: a name at the head of its clause, reported as an event, or
    a course its trainees are the subject of (…干部培训班|学员将接受…)."""
    for clause in re.finditer(r"[^，。；：！？\n]+", text):
        for tm in _type_words_in_run(text, clause.start(), clause.end(), ends):
            if _EVENT.match(text, tm.end()) or tm.group() in _COURSES and text.startswith("学员", tm.end()):
                head = text[clause.start():tm.start()]
                # the name begins after 的 or after 暨 where an event's name ends before it (座谈会暨…培训班开班式:
                # two events; …驻村工作队员暨驻村第一书记培训班: one course of two groups)
                joined = head.rfind("暨")
                if joined >= 0 and not type_of(head[:joined]) and not re.search(r"[会式班赛]$", head[:joined]):
                    joined = -1
                start = clause.start() + max(head.rfind("的"), joined) + 1
                yield from _named(text, start, tm, quoted=True)


# courses that have trainees (学员)
_COURSES = frozenset(("培训班", "示范培训班", "训练营", "夜校"))
# 以九大专项整治行动为主抓手: the initiative a locality takes as its vehicle, carried out
_VEHICLE = re.compile(r"以([^，。；：！？\n以为]{2,40}?)为(?:主要|主|总)?(?:抓手|载体|契机|突破口|切入点|平台|引领)")


def _vehicles(text: str, ends: frozenset[int]):
    """以X为抓手/载体/契机: X, when it ends with a type word, is an initiative under way; so is
    the last item of a list X (以“突围九问”、项目拉练比拼为载体)."""
    for m in _VEHICLE.finditer(text):
        start = max(m.start(1), text.rfind("、", m.start(1), m.end(1)) + 1)
        typed = [tm for tm in _type_words(text, start, m.end(1), ends) if tm.end() == m.end(1)]
        if typed:
            yield from _named(text, start, typed[-1])


# a training a launch verb opens, named by whom it trains or when (开展党员轮训, 进行为期2天的任前培训)
_TRAINING = re.compile(r"(?:开展|举办|组织|实施|启动|进行|开设)+了?(?:为期[^，。；的]{1,6}的)?"
                       r"([\u4e00-\u9fff]{2,12}?(?:大培训|培训|轮训))(?=[，。；、和及]|$)")
_TRAINEES = re.compile(r"干部|党员|书记|工作者|公务员|人员|人才|岗前|任前|入职|任职")
_NOT_TRAINED = re.compile(r"参加|参与|接受|到|赴|进行|开展|(?<!党)组织|举办|实施")  # (村党组织书记示范培训: a group's word)


def _trainings(text: str, ends: frozenset[int]):
    """A training named by its trainees (党员, 基层党务工作者) or by when it comes (岗前, 任前) after the
    verb that opens it; one of no one in particular (业务培训, 集中培训, 开展培训) names nothing."""
    for m in _TRAINING.finditer(text):
        name = m.group(1)
        if (m.start(1) in ends and _TRAINEES.search(name[:-2]) and not _NOT_TRAINED.search(name)
                and name[:-2].strip("大") not in _bare_groups()):
            yield InitiativeHit("Campaign", m.start(1), m.end(1), name, ())


@cache
def _bare_groups() -> frozenset[str]:
    return frozenset(table("groups")["BARE"]) - {"党员"}


_EVENT_COUNT = re.compile(r"(?<![第\d一二三四五六七八九十百两])(?!一[个场期次批])(?:\d+|[一二三四五六七八九十百两]+)[个场期次批](?:以上|左右)?$")
_KIND_COUNT = re.compile(r"(?<![第\d一二三四五六七八九十百两])(?!一[个场])(?:\d+|[一二三四五六七八九十百两]+)[个场](?:以上|左右)?$")


_SYSTEM = re.compile(r"(?:机制|制度|体系)$")


def _named(text: str, start: int, tm: re.Match, described: bool = False, quoted: bool = False):
    """The name from ``start`` (past any determiner) to the end of the type word ``tm``; a
    ``described`` one may hold 的 once, between a description and a name of two words or more; a
    ``quoted`` one, a whole event's name, may hold a quoted part (奇台县2024年度“访惠聚”…培训班)."""
    relative = text.startswith("的", start) and described and start < tm.start()
    if relative:
        start += 1  # 县委建立的|干部激励关怀机制: the verb's relative clause ends, the system's name begins
    det = _DETERMINER.match(text, start)
    if det and (_KIND_COUNT.search(det.group()) or "各类" in det.group()):
        return  # 举办20个以上党性专题培训班, 各类岗位练兵活动: events of a kind, none of them named (not 举办3期…培训班,
        # the sessions of one course)
    if det and det.group().isdigit():
        det = None  # a bare number counts the word after it inside the name (10星73项评分细则)
    start += len(det.group()) if det else 0
    if described and text.startswith("的", start) and start < tm.start():
        start += 1  # (…的)各类…的|…: a determiner, then the relative clause's end
    label, core = text[start:tm.end()], text[start:tm.start()]
    if relative and len(core) < 4:
        return  # 举办的首期线下培训班: a description of a course, no name
    if _QUOTED_GROUP_WORD.search(core):  # 村（社区）“两委”干部素质提升培训班: a group's quoted word, part of the name
        label, core = _QUOTED_GROUP_WORD.sub(r"\1", label), _QUOTED_GROUP_WORD.sub(r"\1", core)
    if quoted and re.fullmatch(r"[^“”]*“[^“”]{2,8}”[^“”]+", core):
        label, core = unquoted(label), unquoted(core)
    # the year an annual course or campaign is named with (2018年度…培训班) is another form of its name
    year = _YEAR.match(det.group()) if det else None
    alts = (year.group() + label,) if year else ()
    # a numbered set may carry 的 (激励广大干部担当作为的十条措施); other names may not
    particles = r"[了是在“”]" if _COUNTED.search(core) or described and core.count("的") == 1 and \
        len(core) - core.index("的") > 3 else r"[了的是在“”]"
    longest = 30 if quoted else 24  # an event's name at its clause's head may join two groups (…队员暨…书记培训班)
    # 党的 opens the name of a campaign of the party's (党的群众路线教育实践活动): no relative clause's 的
    if (2 <= len(core) <= longest and not _generic(core) and type_of(label)
            and not re.search(particles, core.removeprefix("党的"))
            and not _REFERRING.search(core) and core[-1] not in "和及与对、"  # 交流干部和培训班学员: two subjects
            and not _PREDICATE.search(core)  # 组织镇村年轻干部围绕中心工作轮流登台宣讲: what they do, no name
            and not LIST_CLOSE.search(core)):  # 开展关爱服务等方面进行比武: a list's themes, then an act
        yield InitiativeHit(type_of(label), start, tm.end(), label, alts)


_YEAR = re.compile(r"\d{4}年度?$")
# the quoted words of cadre groups' names (村“两委”干部, 乡镇党政“一把手”)
_GROUP_QUOTES = ("“两委”", "“一把手”")
# a quoted word of a cadre group's name (村“两委”干部, 乡镇党政“一把手”)
_QUOTED_GROUP_WORD = re.compile(r"“([^“”\n]{2,4})”(?=干部|班子|成员|书记|换届)")
#: what makes the name before it an occasion (以“两学一做”学习教育常态化为契机): no act on it, nor its aim
OCCASION = re.compile(r"[^，。；]{0,16}?为契机")
#: what closes a list of themes (围绕A、B等方面进行…): what comes before it is what an act is about
LIST_CLOSE = re.compile(rf"等(?:[\d一二三四五六七八九十]+[个项大])?(?:{'|'.join(sorted(_THEME_WORDS))})")

# a verb of following: what it governs is another's document or standard the act follows
_FOLLOWS = re.compile(r"根据|依据|依照|按照|遵照|对照|对标|参照|比照")
# ... and a verb of carrying out, before the initiative whose spirit or demands are carried out
_CARRIED_OUT = re.compile(r"(?:贯彻|落实)[^，。；！？\n]{0,12}$")
_ITS_DEMANDS = re.compile(r"[”》]?(?:的)?(?:部署要求|部署|要求|精神|安排)")
_TITLED = re.compile(r"《[^《》]*(?:《[^《》]*》[^《》]*)*》|〈[^〈〉]*〉")
# ... or whose issuer, another's, is named right before its title (贯彻落实中央《…意见》, 落实省委“…”)
_ISSUER_NAMED = re.compile(r"(?:中央|党中央|国务院|中办|国办|[省市州县区旗]委|[省市州县区旗](?:人民)?政府)"
                           r"(?:办公厅|办公室|组织部|宣传部)?[《“]?$")


def followed(text: str, clause: int, start: int, end: int) -> int | None:
    """Where the phrase begins by which the act of the clause (from ``clause``) only follows the
    initiative named at ``start:end``, another's; None if it does not. Such a phrase is a verb of
    following before the name with no governing verb of the clause's own between (根据《…意见》; 对照《…办法》
    开展自查; 严格对标…“五有”标准; titles listed before it passed over, 根据《A》《B》和《C》; but 根据实际出台《…》
    and 根据《A》制定《B》 are the clause's own acts), or a verb of carrying out the initiative's spirit or
    demands (认真贯彻落实《意见》精神, 落实市委“…”部署要求; not 落实…包案制, which puts a system in place), or
    one whose issuer it names right before the title (贯彻落实中央《…意见》, 落实省委《…》).
    Whoever the phrase names after its verb (根据中共白河县委组织部《…》) is the initiative's own."""
    if (carried := _CARRIED_OUT.search(text, clause, start)) and (
            _ITS_DEMANDS.match(text, end) or _ISSUER_NAMED.search(text, carried.start() + 2, start + 1)):
        return carried.start() + 2
    titles = [m.span() for m in _TITLED.finditer(text, clause, start)]
    cue = None
    for m in _FOLLOWS.finditer(text, clause, start):
        if not any(t0 <= m.start() < t1 for t0, t1 in titles):
            cue = m
    if cue is None:
        return None
    between = _TITLED.sub("", text[cue.end():start])
    # (a verb before 部 is an organisation's name: 省委组织部《…》 is an issuer of a document listed)
    if any(not between.startswith("部", v.end("verb")) for v in governing_verbs()[0].finditer(between)):
        return None
    return cue.end()


_GENERIC = frozenset(table("generic")["CORE"])
# words that open a predicate's adverbial (围绕…, 轮流, 逐一): a core holding one is a clause, not a name
_PREDICATE = re.compile(r"围绕|轮流|逐一|分别|带头|纷纷")
# a core that refers to rules it does not name (重点项目建设有关政策规定, 相关管理制度)
_REFERRING = re.compile(r"有关|相关")


# a unit's name a core may begin with (福田镇乡村振兴: the town's generic policy area)
_UNIT_PREFIX = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:省|市|县|区|旗|镇|乡|街道)")


# a manner alone (社区化管理, 专业化管理, 网格化管理: run as a community, by professionals, by grid)
_MANNER = re.compile(r"[\u4e00-\u9fff]{2}化")


def _generic(core: str) -> bool:
    """A core that is one generic word (工作机制, 长效机制, 整改措施, 管理规章制度) or a manner alone
    (社区化管理) names nothing, nor does a unit's name before one (福田镇乡村振兴行动)."""
    unit = _UNIT_PREFIX.match(core)
    rest = core[unit.end():] if unit is not None else None
    return core in _GENERIC or _MANNER.fullmatch(core) is not None or rest is not None and (
        rest in _GENERIC or _MANNER.fullmatch(rest) is not None)