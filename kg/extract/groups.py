"""Cadre groups: categories of cadres more specific than bare 干部 (乡镇党政正职,
年轻干部, 驻村工作队员), from the modifier and core words of ``resources/groups.txt``."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ..resources import table, trie


@dataclass(frozen=True, slots=True)
class GroupHit:
    start: int
    end: int
    label: str
    alt_labels: tuple[str, ...] = ()
    rule: str = "group-phrase"  # group-phrase (MOD* CORE, WHOLE), group-list (县处级、科级领导)


_BOUND = re.compile(r"\d{2}周?岁以下")
# 社区 that ends a community's name (振兴社区党总支书记: that community's post), not after a boundary,
# a function word or 各 (各社区党组织书记, 对社区干部: the communities' cadres as a category)
_NAMED_UNIT = re.compile(r"[\u4e00-\u9fff](?<![和与及对将把由为让在了的是各])社区")
@cache
def _verbs_re() -> re.Pattern:
    verbs = table("verbs")
    return re.compile(f"(?:{trie([*verbs['launch'], *verbs['issue'], *verbs['target']])})$")


def _after_verb(text: str, pos: int) -> bool:
    """Whether a verb of cadre work ends right before ``pos`` (启动|社区干部…: the object, no community's name)."""
    return _verbs_re().search(text, max(0, pos - 6), pos) is not None


# a newspaper named after a group (来源：乡村干部报, 乡村干部报网), unlike its pay or sign-up (村干部报酬, 报名)
_PRESS = re.compile(r"报(?![酬名告到送考请表])")


_RANK_BOUND = r"[县乡]?副?(?:处|科|厅|乡科|县处)级以上"


@cache
def _group_re() -> re.Pattern:
    t = table("groups")
    alt = lambda key: trie(t[key])  # noqa: E731
    # MOD* CORE, with an optional parenthesised alternative inside (乡镇（街道）党政正职, 县（区）委书记)
    # a modifier: a listed word, an age bound (80后, 35周岁以下), the levels a group spans
    # (镇村两级, 县乡村三级), with an optional alternative
    # (镇村两级, 县乡村三级), or the units directly under a level's government (县直机关, 市直单位), with an
    # optional alternative; the genre quotes an age bound (“90后”科级干部)
    # ... or a rank bound (副处级以上, 乡科级以上)
    mod = (rf"(?:{alt('MOD')}|“?\d{{2}}后”?|\d{{2}}周?岁以下|{_RANK_BOUND}|[省市州县区乡镇村]{{2,4}}[两三四]级|[省市州县区镇]直(?:机关|单位|部门))"
           rf"(?:（[\u4e00-\u9fff]{{1,3}}）)?")
    # the longest reading first: 科级领导干部 before the whole word 科级领导
    # 村（社区）党组织书记: the village and its urban counterpart named together, as the genre writes
    # the groups of both (村 alone is no modifier: 该村干部, 全村党员干部 name no category)
    # ... as its whole words of a village are (村（居）委会主任 for 村委会主任)
    village_whole = trie(w[1:] for w in t["WHOLE"] if w.startswith("村") and len(w) > 2)
    paired = rf"(?:{mod})?村（(?:社区|居)）(?:(?:{mod}){{0,2}}(?:{alt('CORE')})|{village_whole})"
    # 县管干部, 区（县）管领导干部: the cadres a level's committee manages
    managed = r"[省市州县区](?:（[市州县区]）)?管"
    # 村年轻干部: 村 before a modifier after a boundary or a function word (建立了村年轻干部…制度),
    # not where it ends a village's name (洪屿村年轻干部) or follows 该, 全 (该村, 全村)
    village = rf"(?:村(?:(?<![\u4e00-\u9fff].)|(?<=[、和与及对将把由为让在了的是].))(?={alt('MOD')}))?"
    # 县领导, 县级领导, 省市领导: a level's leaders, after a boundary, a conjunction or a measure word (以及区领导,
    # 92个区领导), not where the level word ends a unit's name (示范区领导干部) nor before 班子 (该县领导班子成员:
    # the members of the county's leading group)
    # 县副处级以上领导: the leaders of a rank and above, not a body (…领导班子)
    ranked = rf"{_RANK_BOUND}领导(?!班子|干部)"
    # 镇干部, 乡干部: a town's cadres, after a boundary, a function word, 各/每/该 or a modifier (来到镇干部家中,
    # 优秀镇干部), not where 镇 ends a town's name (柘汪镇干部) or a level list (县乡镇干部: 乡镇干部)
    town_cadres = r"(?:(?<![\u4e00-\u9fff])|(?<=[和与及对将把由为让在了的是各每该本个名位到秀轻级]))[镇乡]干部"
    leaders = r"[县区市](?:(?<![\u4e00-\u9fff].)|(?<=[各全该本省市、及和与同个名位批等对向由为让请].))级?领导(?!班子)"
    # 镇班子成员, 乡领导班子成员, 镇党政班子成员: the members of a level's leading group, after like marks
    # (邀请了镇班子成员; not 该县领导班子成员, where 该县 is the county the group belongs to)
    members = r"[县区市镇乡](?:(?<![\u4e00-\u9fff].)|(?<=[各、及和与同个名位批等对向由为让请了].))(?:党政)?(?:领导)?班子成员"
    # a whole word may take modifiers too (优秀村干部); 村党组织书记后备人选: the reserve of a group
    # is a group of its own
    reserve = r"(?:后备(?:人选|力量|干部))?"
    # every reading begins with one of these characters: a position with another is passed over at once
    first = "".join(sorted({w[0] for key in ("MOD", "CORE", "WHOLE", "DUTY") for w in t[key]} | set("0123456789省市州县区乡镇村“两选副处科厅三四五六各")))
    # the duty areas a group with a modifier of its own serves (脱贫攻坚乡村振兴专业领导干部)
    duty = rf"(?:{alt('DUTY')}){{0,2}}"
    # 乡镇党政“一把手”: the genre quotes this colloquial whole word; its qualifiers make it a group
    quoted = rf"(?:{mod}){{1,2}}“一把手”"
    # a level's leading bodies by their count (县四套班子领导, 四个班子领导, 三家班子成员, 各套班子领导): its
    # leaders as one group, the level word where it is no unit's name's end (霍山县四个班子领导: 四个班子领导)
    bodies = (r"(?:[县区市镇乡](?:(?<![\u4e00-\u9fff].)|(?<=[各、及和与同个名位批等对向由为让请了].)))?"
              r"(?:[两三四五六]|各)[套个家]班子(?:领导|成员)")
    # a village's two committees (村“两委”, a Mongolian village's 嘎查“两委”), whose members are a group of
    # their own, and the cadres who hold both their chairs (“一肩挑”人员)
    committees = r"(?:村(?:（社区）)?|嘎查)?“?两委”?(?:干部|成员|班子成员)|“一肩挑”(?:人员|干部)"
    # the cadres a level selects and sends down (选派干部), as a category where a list or a count names them
    # (村党总支书记、选派干部; 5名选派干部), not where 选派 is the act (选派干部到村任职)
    sent = r"(?<=[和、及与名])选派干部(?![到赴去驻前挂])"
    # Taiwan's village and ward chiefs and clerks (村（里）长, 特优村里长, 绩优村里干事), bracketed or qualified
    # (村里长大, 村里长期: the village, then another word)
    chiefs = rf"(?:{mod}){{0,2}}村（里）(?:长|干事)|(?:{mod}){{1,2}}村里(?:长|干事)|村里长(?=[与及和、])"
    # 全县处级领导干部: 全 and a level word are a quantifier (all the county's), not the group's level
    # cadres of a type (业务型干部, 实干担当型干部), the type right after a determiner or a function word
    # (其他, 广大, 的), where it begins
    typed = r"(?:(?<=广大)|(?<=其他)|(?<=[的、，和及与对为]))(?!广大|其他)[\u4e00-\u9fff]{2,4}?型干部"
    return re.compile(rf"(?=[{re.escape(first)}])(?!(?<=全)[省市州县区乡镇])"
                      rf"(?:(?:{paired}|{duty}{village}(?:{mod}|{managed}){{1,3}}(?:{alt('CORE')})|(?:{mod}){{0,2}}(?:{alt('WHOLE')})|{quoted}){reserve}"
                      rf"|{ranked}|{town_cadres}|{leaders}|{members}|{bodies}|{committees}|{sent}|{chiefs}|[县区]（区）委(?:书记|组织部部长))"
                      rf"|{typed}")


@cache
def _elliptic_re() -> re.Pattern:
    """县处级、科级领导: modifiers in a list sharing one core word."""
    t = table("groups")
    alt = lambda key: trie(t[key])  # noqa: E731
    return re.compile(rf"((?:{alt('MOD')})(?:、(?:{alt('MOD')}))*)、((?:{alt('MOD')})(?:{alt('CORE')})|(?:{alt('WHOLE')}))")


@cache
def _duty_re() -> re.Pattern:
    return re.compile(rf"^(?:{trie(table('groups')['DUTY'])})+")


def find_groups(text: str) -> list[GroupHit]:
    bare = set(table("groups")["BARE"])
    hits = []
    t = table("groups")
    # 乡镇党政正职、村党组织书记: two groups, not a modifier (正职) that begins inside the first one's name
    phrases = list(_group_re().finditer(text))
    inside = {p for g in phrases for p in range(g.start() + 1, g.end())}
    for m in _elliptic_re().finditer(text):
        if m.start() in inside:
            continue
        last = m.group(2)
        mod = next((mod for mod in t["MOD"] if last.startswith(mod)), None)
        if mod is None:
            continue  # the last item is a whole word (选调生), not a modifier and a core
        core = last[len(mod):]
        pos = m.start()
        for mod in m.group(1).split("、"):
            # 乡镇领导班子、乡镇专干: a body (班子) is a whole item of the list, no modifier of the core after it
            if not mod.endswith("班子"):
                hits.append(GroupHit(pos, pos + len(mod), mod + core, (mod,), "group-list"))
            pos += len(mod) + 1
    for m in phrases:
        doubled = _DOUBLED_LEVEL.search(m.group())
        if doubled and doubled.start() + 1 in _mod_ends(m.group()):
            # 一乡镇镇村干部: a township's 镇村干部, the level word written twice where two readings meet
            m = _group_re().match(text, m.start() + doubled.start() + 1) or m
        surface = m.group()
        # 乡（镇）干部 -> 乡镇干部; 乡镇（街道）党政正职 -> 乡镇党政正职; 乡镇（街道）党（工）委书记 -> 乡镇党委书记
        # (a character in brackets after a unit dropped is that unit's word: 街道 has a 党工委)
        label = _without_alternatives(surface)
        label = label.replace("“", "").replace("”", "")
        if (label in bare or len(label) < 3 or _PRESS.match(text, m.end())
                or label.endswith("领导") and text.startswith("班子", m.end())  # 党政领导班子: a body
                or _NAMED_UNIT.match(text, max(0, m.start() - 1)) and not _after_verb(text, m.start())):
            continue
        if label.startswith("专业化") and text.startswith("高素质", m.start() - 3):
            # 高素质专业化青年干部队伍: the slogan of the cadre corps (高素质专业化), not a kind of young cadre
            label = label[len("专业化"):]
        alts = (surface,) if surface != label and "“" not in surface else ()
        # 镇村40周岁以下年轻干部 is also written without its age bound (镇村年轻干部); 行政村 is 村
        short = _duty_re().sub("", _BOUND.sub("", label)).removeprefix("行政")
        if short != label and len(short) >= 3 and short not in bare:
            alts = (*alts, short)
        # 青年干部 are 年轻干部 (年青 likewise): the genre's words for the young, either a name of the group
        alts = (*alts, *(_YOUNG.sub(w, label) for w in _YOUNG_WORDS if _YOUNG.search(label) and w not in label))
        hits.append(GroupHit(m.start(), m.end(), label, alts))
    # 驻村第一书记和工作队员: the team members of the same posting, named with its 驻村 once
    taken = {(h.start, h.end) for h in hits}
    for m in _POSTED_MATES.finditer(text):
        if (m.start(1), m.end(1)) not in taken:
            hits.append(GroupHit(m.start(1), m.end(1), "驻村" + m.group(1), (m.group(1),)))
    return hits


# a level character written twice in a row (乡镇镇村): where one modifier ends and another begins
_DOUBLED_LEVEL = re.compile(r"([乡镇村县区市])\1")


def _mod_ends(surface: str) -> set[int]:
    """The positions at which a modifier of ``groups.txt`` that begins ``surface`` ends."""
    return {len(mod) for mod in table("groups")["MOD"] if surface.startswith(mod)}


_YOUNG_WORDS = ("年轻", "青年")
_YOUNG = re.compile(r"年轻|青年|年青")
_POSTED_MATES = re.compile(r"驻村第一书记(?:和|及|与|、)(工作队员)")


def _without_alternatives(surface: str) -> str:
    """A group's name read without the alternatives its brackets add: a bracketed unit of two or three
    characters is dropped, one of a character is read in (乡（镇） is 乡镇), but not after a dropped unit."""
    dropped = re.search(r"（[\u4e00-\u9fff]{2,3}）", surface)
    head, tail = (surface[:dropped.start()], surface[dropped.start():]) if dropped else (surface, "")
    tail = re.sub(r"（[\u4e00-\u9fff]{1,3}）", "", tail)
    return re.sub(r"（([\u4e00-\u9fff])）", r"\1", head) + tail


def one_name_each(labels: Sequence[str]) -> dict[str, str]:
    """The group each of an article's group names stands for, where the article names one group two ways:
    a village's party secretaries by each of the genre's words for them (村党组织书记, 村党支部书记, 村书记:
    the one it writes first), its towns' level written two ways (乡镇党政正职, 镇街党政正职), and a group named
    again without the level it was first qualified by (党政正职 after 乡镇党政正职, the only group it
    shortens). Other names stand for themselves."""
    order = list(dict.fromkeys(labels))
    secretaries = set(table("groups")["SECRETARY"])
    same = [label for label in order if label in secretaries]
    out = {label: same[0] for label in same[1:]}
    # 乡镇党政正职 and 镇街党政正职: the towns' level written two ways, one group
    towns = table("groups")["TOWNS"]
    rests = {label: next((label[len(t):] for t in towns if label.startswith(t)), None) for label in order}
    for i, label in enumerate(order):
        first = next((m for m in order[:i] if rests[label] and rests[m] == rests[label]), None)
        if first is not None and label not in out:
            out[label] = out.get(first, first)
    levels = table("groups")["LEVEL"]
    for label in order:
        if label.startswith(levels) or label in out:
            continue  # 镇干部 beside 乡镇干部: a level of its own, another group
        fuller = {out.get(m, m) for m in order
                  if m != label and m.endswith(label) and m[: len(m) - len(label)] in levels}
        if len(fuller) == 1:
            out[label] = fuller.pop()
    return out

