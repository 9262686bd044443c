"""Locality recogniser: gazetteer names, short forms and village/community patterns.

Full names come from the gazetteer (province to town). A county-level or higher
short name (黄岩, 天等) counts only where the article also names the full unit. A
village or community is taken from the gazetteer when its town or county is in the
article, or by pattern right after a named town (宁溪镇洪屿村) or before a village
organisation word (洪屿村党支部). Duplicate names are resolved by the other units the
article names (the 朝阳区 whose city the article mentions).
"""
from __future__ import annotations

import re
from functools import cache
from collections import Counter
from dataclasses import dataclass, replace

from ..resources import table, trie
from . import gazetteer as gz
from .spans import ONE_OF

# the last character of every unit name the gazetteer can match, found by the regex engine (most
# characters of a text are none, and are passed over in C)
_SUFFIX_CHAR = re.compile("[省市区县镇乡道州盟旗村]")
# words shaped like unit names that are none, common words that are short names, and what a unit
# by pattern never ends or begins with (resources/places.txt)
_PLACES = table("places")
_NOT_NAMES = frozenset(_PLACES["NOT_PLACE"])
# a verb a county's name begins with (会同县): that county only under a unit the article names
_VERB_STARTS = tuple(_PLACES["VERB_START"])
# units the gazetteer does not list, by name + administrative suffix: a town (镇 乡 街道 苏木)
# and a village or community (村 社区 嘎查), each a name of two to five characters
_TOWN_NAME = re.compile(r"[\u4e00-\u9fff]{2,5}?(?:街道|苏木|镇|乡)")
_VILLAGE_NAME = re.compile(r"[\u4e00-\u9fff]{2,5}?(?:社区|嘎查|村)")
# what a unit named by pattern is followed by when it stands alone: its organisations and posts
# (after when its post was taken up: 新任, 老, 原, 新一届)
_UNIT_ORG = re.compile(r"(?:新任|原任?|前任|老|新一届)?(?:党支部|党总支|党组织|党群|驻村|党委|党工委|村委|村监委|居委|支委|两委|村民委员会|委员会|书记|主任|支书|第一书记|副?[镇乡]长|人大主席|"
                       r"监委会|村务|办公|人民政府|政府|办事处|党群服务中心|便民服务中心|文书|会计|党务工作者)")
# a verb or preposition that sets a sentence in a place (在, 走进)
# what goes on from a sentence's subject, not from a word a level character ends (枫林乡地处山区, 石门岭镇则把…,
# a headline's 丰泉镇“擂台比武”…)
_SUBJECT_GOES_ON = re.compile(r"地处|位于|则|也|还|把|坚持|积极|通过|结合|围绕|聚焦|针对|按照|立足|紧扣|始终|“")
_LOCATIVE = re.compile(r"(?:在|走进|来到|深入|位于)$")
# where a unit name by pattern may begin when no named unit stands before it
# (or after 任, which the post a cadre takes up follows: 调任杜堂乡乡长; after 由, who runs an act: 由大陈村党支部…;
# after 其, the post held until then: 免去其青枫镇镇长职务; after 的: 随团考察的桐坞乡党委书记)
_UNIT_LEFT = frozenset("在了到进赴驻于任由其的、，。：；“”‘’（）《》 \n")
# ... or a stop of a tour (观摩第一站, 首站): 第一站王岗村党支部书记,
# or a verb of where someone comes from, is or goes (来自城关镇…, 前往…), or one named before described
# by the unit of a post (这位岩溪村的党支部书记)
_UNIT_LEFT_RE = re.compile("[" + re.escape("".join(sorted(_UNIT_LEFT))) + "]|第[一二三四五六七八九十]{1,2}站|首站"
                           "|来自|位于|地处|前往|赶赴|奔赴|驻守|途经|远赴|这位|当选|安排|邀请")
# a unit suffix two to five characters on (the quick test before a unit by pattern is tried)
_SUFFIX_NEAR = re.compile(r"[\u4e00-\u9fff]{2,5}?(?:镇|乡|街道|苏木|村|社区|嘎查)")
# characters never inside a unit's name but common in phrases ending like one (这让村, 新任村, 县委组织部门乡)
_NOT_IN_VILLAGE = frozenset("的了让是这那每各该本全任当一我们此以升办和与及对向为把将被从到在由个名驻乡镇县区市省开展推进实施建设其最"
                            "委政府部机组织书记帮扶挂村镇级")

@cache
def _acts_re() -> re.Pattern:
    """A verb by which a unit acts (launch and issue verbs, and 召开, 举行 ...)."""
    verbs = set(table("verbs")["launch"]) | set(table("verbs")["issue"]) | {"召开", "举行", "印发", "出台"}
    return re.compile(trie(verbs))


@cache
def _not_unit_start() -> re.Pattern:
    """What a unit name never holds: a function word or a verb of the genre (verbs.txt), as in
    phrases that end like a unit's name (紧紧围绕乡村振兴, 要严格按照镇党委的部署)."""
    verbs = {w for row in table("verbs").values() for w in row if len(w) >= 2}
    return re.compile(trie(verbs | set(_PLACES["NOT_START"])))
_NOT_UNIT_ENDINGS = _PLACES["NOT_ENDING"]
# unit names the gazetteer lists that are zones, not localities in the guidelines' sense
_ZONE = re.compile(r"(?:园区|开发区|新区|高新区|保税区|实验区|示范区|管理区|度假区|工业区)$")
# ... of which those named for development are zones whatever their code (成都高新技术产业开发区)
_DEVELOPMENT = re.compile(r"开发|高新|产业|经济|工业")
# function words a unit name may follow directly (由张家川回族自治县委主办, 驻灵丘县), and the verbs of a post or a
# visit it is the object of (曾任石门县委书记, 去过石门县)
_FUNCTION_CHARS = frozenset("由在从到对向和与及是为将把据经于驻赴至同属了进任过往去访的")
# what follows a place name in a dateline or an outlet's name (兰州讯, 新华社南京1月7日电, 德州新闻网),
# or a university's (浙江大学继续教育学院): a source or a partner named after a place, never its actor
_OUTLET = re.compile(r"(?:\d{1,2}月\d{1,2}日)?(?:讯|电(?![视话网力])|新闻网|新闻|日报|晚报|发布|融媒|广播电视台|电视台|广播|网讯|在线|大学)")
# ... of which an outlet's or a university's name (德州新闻网, 周口日报, 浙江大学) names something else after
# the place; a dateline (南京1月7日电, 兰州讯) names the place the news comes from
_NAMESAKE = re.compile(r"(?:新闻网|新闻|日报|晚报|发布|融媒|广播电视台|电视台|广播|在线|大学)")


def names_another(text: str, hit: LocalityHit) -> bool:
    """Whether ``hit`` is the place in an outlet's or a university's name (周口日报, 浙江大学)."""
    return hit.outlet and _NAMESAKE.match(text, hit.end) is not None


# a short name followed by a unit suffix is the start of another unit's name (天河 in 天河社区)
_UNIT_SUFFIX = re.compile(r"社区|嘎查|街道|苏木|[村镇乡]")
# what may follow a bare unit name that stands on its own (not part of a longer word)
_AFTER_UNIT = re.compile(r"[^\u4e00-\u9fff]|[委人政党纪组宣统民妇团农文教卫财公检法住交水商审税]|$")


@dataclass(frozen=True, slots=True)
class LocalityHit:
    """A locality mention resolved to a gazetteer unit (``unit`` >= 0) or not (-1)."""

    start: int
    end: int
    name: str  # full name
    unit: int
    level: int
    parent_name: str | None = None  # for pattern villages: the town or county named with them
    outlet: bool = False  # part of a dateline, an outlet's or a university's name (兰州讯, 德州新闻网, 浙江大学): never an actor
    rule: str = "gazetteer"  # gazetteer, short-name, region-short, county-short, gazetteer-village, unit-chain, unit-alone, unit-again


def find_localities(text: str) -> list[LocalityHit]:
    """All locality mentions of ``text``, non-overlapping, in text order."""
    gaz = gz.load()
    spans = _full_names(text, gaz)
    chosen = _disambiguate(spans, gaz, text)
    hits = [LocalityHit(s, e, gaz.units[u].name, u, gaz.units[u].level) for s, e, u in chosen]
    taken = [(h.start, h.end) for h in hits]
    hits += _short_names(text, gaz, {h.unit for h in hits}, taken)
    if not any(h.level == gz.COUNTY for h in hits):
        hits += _county_short(text, gaz, taken)
    hits += _region_shorts(text, gaz, taken)
    hits += _villages(text, gaz, hits, taken)
    hits = [replace(h, outlet=True) if _OUTLET.match(text, h.end) else h for h in hits]
    return sorted(hits, key=lambda h: (h.start, -h.end))


def _zone(name: str, gaz: gz.Gazetteer) -> bool:
    """Whether a gazetteer name is a zone's: shaped as one, and no city's district (浦东新区, 绿园区 and
    梁园区 are districts, their GB/T 2260 county digits 01-20; a zone's are 71-79 or none)."""
    if not _ZONE.search(name):
        return False
    if _DEVELOPMENT.search(name):
        return True
    return not any((code := gaz.units[i].code) and "01" <= code[4:6] <= "20" for i in gaz.by_name[name])


def _free(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e in taken)


def _full_names(text: str, gaz: gz.Gazetteer) -> list[tuple[int, int, tuple[int, ...]]]:
    """Longest gazetteer names, leftmost first, with all their candidate units."""
    found = []
    endings = _endings()
    for suffix in _SUFFIX_CHAR.finditer(text, 1):  # a name has two characters at least
        end = suffix.end()
        best = None
        start = end - 1
        while start > 0 and text[start - 1:end] in endings:  # grow leftwards while some name ends so
            start -= 1
            name = text[start:end]
            if name in gaz.by_name and name not in _NOT_NAMES and not _zone(name, gaz):
                best = start
        if best is not None:
            found.append((best, end, gaz.by_name[text[best:end]]))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out, last_end = [], -1
    for start, end, units in found:
        if start >= last_end:
            out.append((start, end, units))
            last_end = end
        elif end > last_end and end - start > out[-1][1] - out[-1][0]:
            out[-1] = (start, end, units)  # a longer overlapping name wins
            last_end = end
    return out


@cache
def _endings() -> frozenset[str]:
    """Every ending of every gazetteer name (宁溪镇: 镇, 溪镇, 宁溪镇)."""
    return frozenset(name[-k:] for name in gz.load().by_name for k in range(1, len(name) + 1))


# a town's level word that goes on into another word (镇村干部, 乡村振兴, 乡镇, 乡亲)
_LEVEL_WORD_GOES_ON = re.compile(r"乡[村镇亲土愁贤情里]|镇[村区街]")


def _after_its_parent(text: str, start: int, gaz: gz.Gazetteer, unit: int) -> bool:
    """Whether one of ``unit``'s ancestors is written right before ``start``, in full or short (湖北竹溪县),
    not some other unit's name a name ends in (熊卫东任县: 卫东 of 卫东区, then the verb 任)."""
    ancestors = set(gaz.chain(unit)[1:])
    return any(ancestors.intersection(gaz.by_short.get(text[start - n:start], ()))
               or ancestors.intersection(gaz.by_name.get(text[start - n:start], ()))
               for n in (2, 3, 4) if start >= n)


def _disambiguate(spans, gaz: gz.Gazetteer, text: str) -> list[tuple[int, int, int]]:
    """Pick one unit per name (the one whose ancestors the article names most) and
    drop county- and town-level names with no named ancestor that are part of a longer
    word (示范县 in 绿色发展示范县, 发展乡 in 发展乡村)."""
    named = Counter()
    for _, _, units in spans:
        for u in units:
            named[gaz.units[u].name] += 1
    out = []
    starts = {start for start, _, _ in spans}
    dropped = []
    def anchors(u: int) -> int:
        return sum(1 for a in gaz.chain(u)[1:] if named[gaz.units[a].name])

    for start, end, units in spans:
        if not any(anchors(u) for u in units):
            # a former name (永定县) the gazetteer gives one unit, whose present name (永定区) a unit the
            # article places has too: that one (永定区 of 龙岩市, which the article names)
            placed = [n for u in units if gaz.units[u].name != text[start:end]
                      for n in gaz.by_name.get(gaz.units[u].name, ()) if anchors(n)]
            units = placed or units
        best = max(units, key=lambda u: (anchors(u), -gaz.units[u].level, -u))
        anchored = any(named[gaz.units[a].name] for a in gaz.chain(best)[1:])
        if not anchored and text.startswith(_VERB_STARTS, start):
            dropped.append((start, end))
            continue
        if gaz.units[best].level >= gz.COUNTY and not anchored:
            clean_left = (start == 0 or not "\u4e00" <= text[start - 1] <= "\u9fff" or text[start - 1] in _FUNCTION_CHARS
                          or text.startswith("中共", start - 2)  # 中共白河县委: the party's committee of the unit
                          or text.startswith("共青团", start - 3)  # 共青团溆浦县委: the Youth League's
                          or ONE_OF.fullmatch(text, start - 2, start)  # 这位安远县的乡长: one described
                          or _after_its_parent(text, start, gaz, best)  # 湖北竹溪县: right after a higher unit
                          # 凉山州昭觉县: ... or its short name and level word
                          or text[start - 1] in "省市州盟" and any(text[start - n:start - 1] in gaz.by_short for n in (3, 4, 5)))
            # a town after a clean left edge is one whatever follows (、铜石镇浚龙农业观光园, ，雄村镇开展…), unless
            # its level word goes on into a word of its own (镇村干部, 乡村振兴)
            clean_right = (_AFTER_UNIT.match(text, end) or end in starts
                           or clean_left and not _LEVEL_WORD_GOES_ON.match(text, end - 1))
            if not clean_left or (gaz.units[best].level == gz.TOWN and not clean_right):
                dropped.append((start, end))
                continue
        if gaz.units[best].level == gz.TOWN and len(units) > 1 and not anchored:
            best = units[0]  # an ambiguous town with no named county: keep the name, not a guessed parent
        out.append((start, end, best))
    # a name the article has shown to be a unit is that unit wherever it is written again (到官庄镇、… then
    # 听取官庄镇…汇报)
    shown = {text[s:e]: u for s, e, u in out}
    out += [(s, e, shown[text[s:e]]) for s, e in dropped if text[s:e] in shown]
    return sorted(out)


def _short_names(text: str, gaz: gz.Gazetteer, units: set[int], taken) -> list[LocalityHit]:
    """Short forms (黄岩, 天等, 宁溪) of the units down to towns the article names in full."""
    hits = []
    for u in sorted(units):
        unit = gaz.units[u]
        if unit.level > gz.TOWN:
            continue
        for alias in _aliases(gaz, u):
            start = text.find(alias)
            while start >= 0:  # each occurrence, left to right, not overlapping
                end = start + len(alias)
                if _free(taken, start, end) and not _UNIT_SUFFIX.match(text, end):
                    hits.append(LocalityHit(start, end, unit.name, u, unit.level, rule="short-name"))
                    taken.append((start, end))
                start = text.find(alias, end)
    return hits


_COMMON_WORDS = frozenset(_PLACES["COMMON_WORD"])
# what continues a word that begins like a county's short name (新丰河, 共和国, 古田路)
_WORD_GOES_ON = re.compile(r"[国河江湖海山岭峰路街巷桥港湾岛洲村镇乡寨屯园区县市州省]")


def _county_short(text: str, gaz: gz.Gazetteer, taken) -> list[LocalityHit]:
    """A county the article names only by its short name (古田 for 古田县), where no county is named
    in full: the one such short name of the article (two could name two counties, and neither is
    sure), a county-level unit's alone, written at least twice as a word of its own, in an article
    that speaks of a unit of its level (县委, 全县, 县里, 该县)."""
    pattern, unit_of = _county_short_re()
    found: dict[str, list[tuple[int, int]]] = {}
    for m in pattern.finditer(text):
        if _free(taken, m.start(), m.end()) and not _WORD_GOES_ON.match(text, m.end()):
            found.setdefault(m.group(), []).append(m.span())
    hits = []
    for alias, spans in found.items():
        unit = gaz.units[unit_of[alias]]
        level_word = unit.name[-1]
        if len(spans) < 2 or len(found) > 1 or not re.search(
                rf"{level_word}(?:委|里|政府)|[全该我本]{level_word}", text):
            continue
        for start, end in spans:
            hits.append(LocalityHit(start, end, unit.name, unit_of[alias], unit.level, rule="county-short"))
            taken.append((start, end))
    return hits


@cache
def _county_short_re() -> tuple[re.Pattern, dict[str, int]]:
    """County-level short names that name one county-level unit, as one alternation."""
    gaz = gz.load()
    unique = {}
    for alias, units in gaz.by_short.items():
        counties = [u for u in units if gaz.units[u].level == gz.COUNTY]
        if len(counties) == 1 and len(alias) >= 2 and alias not in _COMMON_WORDS and alias not in gaz.by_name:
            unique[alias] = counties[0]
    return re.compile(trie(unique)), unique


@cache
def _region_short_re() -> tuple[re.Pattern, dict[str, int]]:
    """Province and city short names that name one unit, as one alternation."""
    gaz = gz.load()
    unique = {}
    for alias, units in gaz.by_short.items():
        top = [u for u in units if gaz.units[u].level <= gz.CITY]
        if len(top) == 1 and alias not in _COMMON_WORDS:
            unique[alias] = top[0]
    pattern = trie(unique)
    return re.compile(f"(?:{pattern})"), unique


def _region_shorts(text: str, gaz: gz.Gazetteer, taken) -> list[LocalityHit]:
    """Province and city short names standing alone (浙江, 金华, 宁波): distinctive enough
    to name the unit even where the article never writes the full name."""
    pattern, unit_of = _region_short_re()
    hits = []
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        pos = m.start() + 1
        if _free(taken, m.start(), m.end()):
            unit = gaz.units[unit_of[m.group()]]
            hits.append(LocalityHit(m.start(), m.end(), unit.name, unit_of[m.group()], unit.level, rule="region-short"))
            taken.append(m.span())
            pos = m.end()
    return hits


def _aliases(gaz: gz.Gazetteer, u: int) -> list[str]:
    """The gazetteer's short name, or for a town its name without 镇/乡/街道 (宁溪镇 -> 宁溪)."""
    unit = gaz.units[u]
    if unit.level == gz.TOWN:
        short = re.sub(r"(?:镇|乡|街道|苏木)$", "", unit.name)
        return [short] if 2 <= len(short) < len(unit.name) and short not in gaz.by_name else []
    return [unit.short] if unit.short and len(unit.short) >= 2 else []


def _villages(text: str, gaz: gz.Gazetteer, hits: list[LocalityHit], taken) -> list[LocalityHit]:
    """Villages and communities the gazetteer lists under a named town or county, then units
    named by pattern (``_pattern_units``)."""
    towns = {h.unit for h in hits if h.level == gz.TOWN}
    counties = {h.unit for h in hits if h.level <= gz.COUNTY}
    out = []
    longer: dict[str, LocalityHit] = {}  # the longer names the gazetteer's villages end (汉代克吉然村)
    for m in re.finditer(r"[\u4e00-\u9fff]{2,4}?(?:村|社区)", text):
        for start in range(m.start(), m.end() - 2):
            name = text[start:m.end()]
            if name in _NOT_NAMES or not _free(taken, start, m.end()):
                continue
            parents = [t for t in gaz.villages.get(name, ()) if t in towns or gaz.units[t].parent in counties]
            shown = next((h for n, h in longer.items() if text.endswith(n, 0, m.end()) and _free(taken, m.end() - len(n), start)), None)
            if parents and shown is not None:
                # …乡汉代克吉然村…。他在汉代克吉然村: the longer name written again, without the level word before it
                out.append(replace(shown, start=m.end() - len(shown.name), end=m.end(), rule="unit-again"))
                taken.append((m.end() - len(shown.name), m.end()))
                break
            if parents:
                head = next((s2 for s2 in range(start - 1, max(start - 4, 0), -1)
                             if _UNIT_END.search(text, max(0, s2 - 2), s2) and _CJK.fullmatch(text, s2, start)
                             and (v := _unit_at(text, s2, gz.VILLAGE)) is not None and v.end() == m.end()), None)
                if head is not None and _free(taken, head, start):
                    # 依麻木乡汉代克吉然村: the gazetteer's 吉然村 ends a longer name right after a unit's
                    # level word (the gazetteer knows the village by another form): the name runs from there
                    out.append(LocalityHit(head, m.end(), text[head:m.end()], -1, gz.VILLAGE,
                                           gaz.units[parents[0]].name, rule="unit-chain"))
                    longer[text[head:m.end()]] = out[-1]
                    taken.append((head, m.end()))
                    break
                out.append(LocalityHit(start, m.end(), name, -1, gz.VILLAGE, gaz.units[parents[0]].name,
                                       rule="gazetteer-village"))
                taken.append((start, m.end()))
                break
    found = _pattern_units(text, hits + out, taken)
    # a unit the context has shown to be one is that unit wherever its name is written again
    # (宋家镇宋家村…。宋家镇利用…时机，组织开展…)
    again = []
    for h in {h.name: h for h in found}.values():
        for m in re.finditer(re.escape(h.name), text):
            if _free(taken, m.start(), m.end()):
                again.append(replace(h, start=m.start(), end=m.end(), rule="unit-again"))
                taken.append(m.span())
    return out + found + again


def _unit_at(text: str, pos: int, level: int) -> re.Match | None:
    """A town (``level`` TOWN) or village name by pattern starting at ``pos``."""
    m = (_TOWN_NAME if level == gz.TOWN else _VILLAGE_NAME).match(text, pos)
    if not m:
        return None
    suffix = 2 if m.group().endswith(("街道", "苏木", "社区", "嘎查")) else 1
    name = m.group()
    # a village named after a village (新村村, 大村村) holds 村 once before its suffix
    stem = name[:-suffix - 1] if name.endswith("村村") else name[:-suffix]
    # a town may be named after a village (雄村镇), not after the countryside (乡村, 农村)
    banned = _NOT_IN_VILLAGE - {"村"} if level == gz.TOWN and not stem.endswith(("乡村", "农村")) else _NOT_IN_VILLAGE
    if (banned.intersection(stem) or stem in _LEVEL_STEMS or name in _NOT_NAMES or name.endswith(_NOT_UNIT_ENDINGS)
            or _not_unit_start().search(name, 0, len(name) - suffix) or _CLAUSE_NUMBER.match(name)
            or stem.endswith(_COMPLEMENTS)  # 说起村党支部书记, 回到村里: a verb's complement, then the level word
            or _INITIATIVE_END.search(stem)  # “头雁竞飞”行动村党组织书记: a campaign's type word, then the group
            or name.endswith("乡") and text[m.end():m.end() + 1] in ("村", "镇")):
        return None
    return m


_CJK = re.compile(r"[\u4e00-\u9fff]+")
# a town's or county's level word, which a village's name may follow (…乡|汉代克吉然村)
_UNIT_END = re.compile(r"(?:[乡镇县区旗]|街道|苏木)$")
# the complements a verb ends with (说起, 回到): a stem so ending is the verb, the level word after it the object's
_COMPLEMENTS = ("起", "到")
# the type word that ends a campaign's name, never a unit's stem
_INITIATIVE_END = re.compile(r"(?:行动|活动|工程|计划|竞赛|比武)$")
# a level word before another (嘎查村, 苏木镇: the two kinds of unit of Inner Mongolia, no unit's name)
_LEVEL_STEMS = frozenset({"嘎查", "苏木", "社区", "乡镇", "街道"})
# the number of a rule's clause, which the next clause's subject may follow (第四条村党组织书记…)
_CLAUSE_NUMBER = re.compile(r"第[一二三四五六七八九十百零〇\d]+[条章节款项]")


def _pattern_units(text: str, hits: list[LocalityHit], taken) -> list[LocalityHit]:
    """Towns and villages the gazetteer does not list, by name + suffix, checked by context:
    a chain right after a named unit (吉安县|浬田镇|仙峰村), or a unit standing alone and
    followed by its organisation or post (苏波盖乡磴口村党支部书记, 京九路街道丁寨村党支部)."""
    out: list[LocalityHit] = []
    queue = sorted((h for h in hits if h.level <= gz.TOWN), key=lambda h: h.end)
    while queue:  # a chain: each new unit may be followed by one more level down
        hit = queue.pop(0)
        for level in ((gz.TOWN, gz.VILLAGE) if hit.level <= gz.COUNTY else (gz.VILLAGE,)):
            m = _unit_at(text, hit.end, level)
            if m and _free(taken, m.start(), m.end()):
                new = LocalityHit(m.start(), m.end(), m.group(), -1, level, hit.name, rule="unit-chain")
                out.append(new)
                taken.append(m.span())
                if level == gz.TOWN:
                    queue.append(new)
                break
    ends = {h.end for h in hits} | {h.end for h in out}
    # where a unit alone may begin: the text's start, after a boundary or a named unit, and a
    # unit suffix within reach (a name of two to five characters, then 镇 乡 街道 村 社区 …)
    starts = {0, *ends, *(m.end() for m in _UNIT_LEFT_RE.finditer(text))}
    for pos in sorted(starts):
        if not _SUFFIX_NEAR.match(text, pos) or not _free(taken, pos, pos + 2):
            continue
        town = _unit_at(text, pos, gz.TOWN)
        village = _unit_at(text, town.end() if town else pos, gz.VILLAGE)
        last = village or town
        if last is None:
            continue
        # 在中团村，…: a place the sentence is set in, standing alone; 近日，杨兴镇举行…: a town acting
        located = _LOCATIVE.search(text, max(0, pos - 2), pos) and text[last.end():last.end() + 1] in "，。；、"
        acting = (village is None and (pos == 0 or text[pos - 1] in "，。；！？\n")
                  and (_acts_re().match(text, last.end()) or _SUBJECT_GOES_ON.match(text, last.end())))
        # 宋家镇宋家村退休老支书: a town and its village written as one chain place each other
        chained = town is not None and village is not None
        # (岩溪村的党支部书记: a unit's post after 的)
        owned = _UNIT_ORG.match(text, last.end() + (text[last.end():last.end() + 1] == "的"))
        if not (owned or located or acting or chained):
            continue
        parent = next((h.name for h in (*hits, *out) if h.end == pos), None)
        for m, level in ((town, gz.TOWN), (village, gz.VILLAGE)):
            if m and _free(taken, m.start(), m.end()):
                out.append(LocalityHit(m.start(), m.end(), m.group(), -1, level, parent, rule="unit-alone"))
                taken.append(m.span())
                parent = m.group()
    return out + _listed_units(text, [*hits, *out], taken)


# where a list of units may begin: a unit's left boundary or a function word
_LIST_LEFT = _UNIT_LEFT | _FUNCTION_CHARS
# what joins the items of a list of units
_LIST_JOINS = frozenset("、和及与")


#: the fewest items of a list of units by pattern alone that place them (杨湾村、新塘村、石桥村等5个村)
_FEWEST_LISTED = 3


def _unit_lists(text: str, taken) -> list[LocalityHit]:
    """Towns or villages by name + suffix written as a list of three or more of one level, from a
    boundary (杨湾村、新塘村、黄泥冲村、大柳树村、石桥村等5个村的党支部书记): each item places the others."""
    out: list[LocalityHit] = []
    for level, suffix in ((gz.VILLAGE, "村社区嘎查"), (gz.TOWN, "镇乡街道苏木")):
        for join in re.finditer(rf"[{suffix}]、", text):
            first = next((m for start in range(max(join.start() - 5, 0), join.start() - 1)
                          if (m := _unit_at(text, start, level)) and m.end() == join.start() + 1
                          and (start == 0 or text[start - 1] in _LIST_LEFT)), None)
            if first is None or not _free(taken, first.start(), first.end()):
                continue
            items = [first]
            while text[items[-1].end():items[-1].end() + 1] == "、" and (
                    m := _unit_at(text, items[-1].end() + 1, level)) and _free(taken, m.start(), m.end()):
                items.append(m)
            if len(items) >= _FEWEST_LISTED:
                out += [LocalityHit(m.start(), m.end(), m.group(), -1, level, None, rule="unit-listed") for m in items]
                taken += [m.span() for m in items]
    return out


def _listed_units(text: str, hits: list[LocalityHit], taken) -> list[LocalityHit]:
    """Towns and villages by name + suffix written in a list with a unit of their level
    (塔畈乡、官庄镇、黄柏镇、槎水镇; 对市坪乡、格林镇): the list places them. They share the
    parent of the unit they are listed with."""
    gaz = gz.load()
    out: list[LocalityHit] = _unit_lists(text, taken)
    queue = sorted((h for h in [*hits, *out] if h.level in (gz.TOWN, gz.VILLAGE)), key=lambda h: h.start)
    while queue:
        h = queue.pop(0)
        parent = h.parent_name or (gaz.units[gaz.units[h.unit].parent].name
                                   if h.unit >= 0 and gaz.units[h.unit].parent >= 0 else None)
        found = []
        if text[h.end:h.end + 1] in _LIST_JOINS:  # the item after it
            found.append(_unit_at(text, h.end + 1, h.level))
        if h.start and text[h.start - 1] in _LIST_JOINS:  # the item before it, from a boundary
            for start in range(h.start - 4, max(h.start - 9, -1), -1):
                m = _unit_at(text, start, h.level)
                if m and m.end() == h.start - 1 and (start == 0 or text[start - 1] in _LIST_LEFT):
                    found.append(m)
                    break
        for m in found:
            if m and _free(taken, m.start(), m.end()):
                new = LocalityHit(m.start(), m.end(), m.group(), -1, h.level, parent, rule="unit-listed")
                out.append(new)
                taken.append(m.span())
                queue.append(new)
    return out
