"""Gazetteer of Chinese administrative divisions, from the data jionlp ships.

jionlp's ``china_location.zip`` lists provinces, cities and counties with their
GB/T 2260 codes and short names, and below each county its towns (镇 乡 街道) and
their villages and communities (村 社区). kg reads that file only (it does not
import jionlp) and keeps compact indexes: unit names to units, county-level short
names, and village names to the towns they belong to.
"""
from __future__ import annotations

import marshal
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from ..errors import ModelMissingError
from ..cache import compiled_path, save_compiled

#: levels of the hierarchy
PROVINCE, CITY, COUNTY, TOWN, VILLAGE = range(5)


@dataclass(frozen=True, slots=True)
class Unit:
    """One administrative unit. ``parent`` is the index of the parent unit, or -1."""

    name: str
    level: int
    parent: int
    code: str | None = None
    short: str | None = None


@dataclass(frozen=True, slots=True)
class Gazetteer:
    units: tuple[Unit, ...]
    by_name: dict[str, tuple[int, ...]]  # full names of units down to towns
    by_short: dict[str, tuple[int, ...]]  # short names of provinces, cities, counties
    villages: dict[str, tuple[int, ...]]  # village/community name -> indexes of its towns

    def chain(self, index: int) -> list[int]:
        """The unit and its ancestors, nearest first."""
        out = []
        while index >= 0:
            out.append(index)
            index = self.units[index].parent
        return out


def _add_renamed(units: list[Unit], by_name: dict, by_short: dict) -> None:
    """Former names (监利县 before it became 监利市) from jionlp's change log, mapped to
    the unit as it is named now, so older articles still find their localities."""
    path = _data_path().with_name("china_location_change.txt")
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.strip().split("\t")
        arrow = next((i for i, f in enumerate(fields) if "=>" in f), None)
        if arrow is None or arrow < 3:
            continue
        old_short = fields[arrow].split("=>")[0]
        old_full, new = fields[arrow - 1], [fields[arrow].split("=>")[1], *fields[arrow + 1:]]
        targets = [i for i in by_name.get(new[-1], ()) if len(new) < 2 or
                   any(units[a].name == new[-2] for a in _ancestors(units, i))]
        if len(targets) == 1 and old_full not in by_name:
            by_name[old_full].append(targets[0])
            if len(old_short) >= 2 and old_short not in by_short:
                by_short[old_short].append(targets[0])


def _add_county_variants(units: list[Unit], by_name: dict) -> None:
    """A county upgraded to a city or district (撤县设市, 撤县设区) is still written with its
    old suffix, or the gazetteer has only the old one: 无为县 <-> 无为市 <-> 无为区."""
    for index, unit in enumerate(units):
        if unit.level == COUNTY and unit.name[-1] in "县市区" and len(unit.name) >= 3:
            for suffix in "县市区":
                variant = unit.name[:-1] + suffix
                if variant not in by_name:
                    by_name[variant].append(index)


def _add_autonomous_short_names(units: list[Unit], by_name: dict) -> None:
    """Autonomous prefectures, counties and banners are written by their short name and level word:
    甘孜藏族自治州 -> 甘孜州, 张家川回族自治县 -> 张家川县, 大厂回族自治县 -> 大厂县."""
    for index, unit in enumerate(units):
        m = AUTONOMOUS.search(unit.name)
        if m and unit.short and len(unit.short) >= 2 and unit.short + m.group(1) not in by_name:
            by_name[unit.short + m.group(1)].append(index)


#: an autonomous prefecture's, county's or banner's name, and its level word
AUTONOMOUS = re.compile(r"自治([州县旗])$")
_BANNER = re.compile(r"(.)[^左右前中后旗]+?(?:([左右])翼?)?([前中后])?旗")


def _add_banner_abbreviations(units: list[Unit], by_name: dict) -> None:
    """Banners (旗) with a wing or a position are written by the first character of their name and
    those words: 土默特右旗 -> 土右旗, 科尔沁右翼前旗 -> 科右前旗, 乌拉特前旗 -> 乌前旗."""
    for index, unit in enumerate(units):
        m = _BANNER.fullmatch(unit.name) if unit.level == COUNTY else None
        if m and (m.group(2) or m.group(3)):
            short = m.group(1) + (m.group(2) or "") + (m.group(3) or "") + "旗"
            if short not in by_name:
                by_name[short].append(index)


def _ancestors(units: list[Unit], index: int) -> list[int]:
    out = []
    while units[index].parent >= 0:
        index = units[index].parent
        out.append(index)
    return out


def _data_path() -> Path:
    spec = find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissingError("the gazetteer needs the jionlp package: run `make demo` (pip install jionlp)")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary" / "china_location.zip"


@cache
def load() -> Gazetteer:
    """The gazetteer, once per process: parsed from jionlp's file the first time, then read from a
    compiled copy in kg's cache folder (several times sooner), remade whenever jionlp's file or this
    module change."""
    path = _compiled_path()
    try:
        units, *indexes = marshal.loads(path.read_bytes())
        return Gazetteer(tuple(Unit(*u) for u in units), *indexes)
    except (OSError, ValueError, EOFError, TypeError):
        pass
    gaz = _parse()
    save_compiled({path: marshal.dumps(([(u.name, u.level, u.parent, u.code, u.short) for u in gaz.units],
                                        gaz.by_name, gaz.by_short, gaz.villages))})
    return gaz


def _compiled_path() -> Path:
    source = _data_path()
    return compiled_path("gazetteer", (source, source.with_name("china_location_change.txt"), Path(__file__)),
                         ".marshal")


def _parse() -> Gazetteer:
    with zipfile.ZipFile(_data_path()) as zf:
        data = zf.read("china_location.txt").decode("utf-8")
    units: list[Unit] = []
    by_name: dict[str, list[int]] = defaultdict(list)
    by_short: dict[str, list[int]] = defaultdict(list)
    villages: dict[str, list[int]] = defaultdict(list)
    stack = [-1] * 5
    last_name: list[str | None] = [None] * 5
    for line in data.split("\n"):
        body = line.strip()
        if not body:
            continue
        depth = len(line) - len(line.lstrip("\t"))
        if depth == VILLAGE:
            villages[body].append(stack[TOWN])
            continue
        name, *rest = body.split("\t")
        parent = stack[depth - 1] if depth else -1
        # municipalities repeat themselves as their own city (上海市 / 上海市): one unit
        if depth == CITY and name == last_name[PROVINCE]:
            stack[CITY] = stack[PROVINCE]
            last_name[CITY] = name
            continue
        code = rest[0] if rest else None
        shorts = [x for x in rest[1].split("/") if x != name] if len(rest) > 1 else []
        short = shorts[0] if shorts else None
        index = len(units)
        units.append(Unit(name=name, level=depth, parent=parent, code=code, short=short))
        by_name[name].append(index)
        if depth <= COUNTY:
            for alias in shorts:
                if len(alias) >= 2:
                    by_short[alias].append(index)
        stack[depth] = index
        last_name[depth] = name
    _add_renamed(units, by_name, by_short)
    _add_county_variants(units, by_name)
    _add_banner_abbreviations(units, by_name)
    _add_autonomous_short_names(units, by_name)
    frozen = lambda d: {k: tuple(v) for k, v in d.items()}  # noqa: E731
    return Gazetteer(units=tuple(units), by_name=frozen(by_name), by_short=frozen(by_short),
                     villages=frozen(villages))
