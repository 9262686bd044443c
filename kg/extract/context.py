"""What an article is about: its localities and the units that short references
(县委, 该市, 市委常委) resolve to."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from . import gazetteer as gz
from .localities import LocalityHit, find_localities

# the level a one-character level word refers to
LEVEL_WORDS = {"省": gz.PROVINCE, "市": gz.CITY, "州": gz.CITY, "盟": gz.CITY, "县": gz.COUNTY, "区": gz.COUNTY,
               "旗": gz.COUNTY, "镇": gz.TOWN, "乡": gz.TOWN, "街道": gz.TOWN, "村": gz.VILLAGE,
               "自治区": gz.PROVINCE, "自治州": gz.CITY, "自治县": gz.COUNTY, "自治旗": gz.COUNTY}


@dataclass(slots=True)
class ArticleContext:
    text: str
    localities: list[LocalityHit]
    main: dict[int, str] = field(default_factory=dict)  # level -> full name of the article's unit
    actor: str | None = None  # the locality the article reports on
    actor_level: int = -1  # its level (gazetteer.PROVINCE ... VILLAGE)
    named: set[int] = field(default_factory=set)  # the levels of ``main`` the article names a unit of

    def unit_for(self, level_word: str, pos: int | None = None, window: int = 300) -> str | None:
        """The unit a level word (县, 市, 镇, 村 ...) refers to at ``pos``: the nearest unit
        before it whose name ends with that word (海城市 for 市委 after 海城市), else the
        article's unit of that level."""
        if pos is not None:
            suffixes = ("村", "社区") if level_word == "村" else (level_word,)
            near = [h for h in self.localities if pos - window <= h.start < pos and h.name.endswith(suffixes)]
            if near:
                return near[-1].name
        level = LEVEL_WORDS.get(level_word)
        # 市 of an article about a county-level city (福鼎市) is that city, not its prefecture; so it is in the
        # article of one of its towns (沙埕镇 of 福鼎市: the town's writer calls its own city 市, 我市, and names
        # the prefecture in full, 宁德市) and in one that names no prefecture (塔畈乡、官庄镇 of 潜山市: its
        # 市委书记 is 潜山市委书记)
        county = self.main.get(gz.COUNTY)
        if (level == gz.CITY and county and county.endswith("市")
                and (self.actor == county or gz.CITY not in self.named or self.actor_level == gz.TOWN)):
            return county
        unit = None if level is None else self.main.get(level)
        if level_word == "省" and unit and not unit.endswith("省"):
            return None  # 省委 is a province's: no municipality's (北京市) nor autonomous region's
        if (unit and level_word in _OWN_SUFFIX and unit[-1] in _OWN_SUFFIX and unit[-1] != level_word
                and not any(h.name == unit and self.text[h.start:h.end].endswith(level_word) for h in self.localities)):
            return None  # 乡长 in the article of a 镇 is another township's head, 县委 in a 区's another county's
        return unit

    def written(self, unit: str, level_word: str) -> str:
        """``unit`` as the article writes it with ``level_word``, where its name has another level
        word since (监利县 of an article before the county became 监利市: its 县委 is 监利县委), else ``unit``."""
        if unit.endswith(level_word):
            return unit
        return next((self.text[h.start:h.end] for h in self.localities
                     if h.name == unit and self.text[h.start:h.end].endswith(level_word)
                     and len(self.text[h.start:h.end]) > len(level_word)), unit)


#: level words a unit named with another of them is not referred to by (a 镇 has a 镇长, no 乡长), unless
#: the article writes it so (a 乡 the gazetteer knows as a 镇 since); 市 and 省 also stand for a
#: prefecture's city and an autonomous region
_OWN_SUFFIX = frozenset("乡镇县区旗")


def build_context(text: str) -> ArticleContext:
    gaz = gz.load()
    hits = find_localities(text)
    ctx = ArticleContext(text=text, localities=hits)
    # the article's units of each level, from what its text names: a dateline's or an outlet's place
    # (新华社北京…电, 德州新闻网) is where the news came from, and stands for a level only where nothing
    # else of the article does
    for placed in ([h for h in hits if not h.outlet], [h for h in hits if h.outlet]):
        for level, counter in sorted(_by_level(placed).items()):
            if level in ctx.main:
                continue
            (name, unit), _ = max(counter.items(), key=lambda kv: (kv[1], -_first(hits, kv[0][0])))
            ctx.main[level] = name
            ctx.named.add(level)
            if level == gz.COUNTY and unit >= 0:
                # the county's own city and province, from the gazetteer, where the article names none
                for anc in gaz.chain(unit)[1:]:
                    ctx.main.setdefault(gaz.units[anc].level, gaz.units[anc].name)
        if gz.COUNTY not in ctx.main and (county := _towns_county(gaz, placed)) is not None:
            # the towns' own county, where the article names none: the one county the gazetteer has each of
            # them in (县委常委、西店镇党委书记: 宁海县; 塔畈乡、官庄镇、黄柏镇: 潜山市, though other counties
            # have a 官庄镇 too), with its city and province
            for anc in gaz.chain(county):
                ctx.main.setdefault(gaz.units[anc].level, gaz.units[anc].name)
    # the actor: the most mentioned unit from city to town level (ties: the more local one)
    # (a place in a dateline or an outlet's name is where the news came from, not who acts)
    acting = Counter((h.level, h.name) for h in hits if not h.outlet)
    candidates = Counter()
    for (level, name), n in acting.items():
        if gz.CITY <= level <= gz.TOWN:
            candidates[name] += n
    if not candidates:
        candidates = Counter({name: n for (level, name), n in acting.items()})
    if candidates:
        level = {h.name: h.level for h in hits}
        ctx.actor = max(candidates.items(), key=lambda kv: (kv[1], level[kv[0]], -_first(hits, kv[0])))[0]
        ctx.actor_level = level[ctx.actor]
    return ctx


def _towns_county(gaz: gz.Gazetteer, hits: list[LocalityHit]) -> int | None:
    """The one county the gazetteer has every town of ``hits`` in, by each town's name; None if the
    hits name no town it knows, or towns of more than one county."""
    towns = {h.name for h in hits if h.level == gz.TOWN and h.unit >= 0}
    counties: set[int] | None = None
    for name in towns:
        have = {gaz.units[u].parent for u in gaz.by_name.get(name, ()) if gaz.units[u].level == gz.TOWN}
        counties = have if counties is None else counties & have
    return next(iter(counties)) if counties and len(counties) == 1 else None


def _by_level(hits: list[LocalityHit]) -> dict[int, Counter]:
    """How often each unit is named, by level."""
    by_level: dict[int, Counter] = {}
    for h in hits:
        by_level.setdefault(h.level, Counter())[(h.name, h.unit)] += 1
    return by_level


def _first(hits: list[LocalityHit], name: str) -> int:
    return min(h.start for h in hits if h.name == name)
