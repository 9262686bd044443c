"""Titles: the article's title among its candidates, never the site's furniture.

A page's ``<title>`` and an article's first short line are its title in most pages, but
scraped pages also put there the site's name (``新华网``), its navigation (``网站首页 | 网站地图``,
``当前位置：某某范文网 >``), a byline (``文：某某``, ``张某 李某某``), a caption (``图为……现场``)
or a column heading in brackets. ``article_title`` trims the site's name after a title
(``…考察干部_灯塔-某某党建_中共某某市委组织部``, ``…“立体像”-新华网``) or the column's before
it (``某某网评 | 读懂…的深意``): of the parts of such a title, the site's and the column's names
are the short ones. It takes the first candidate that is left a title. The furniture words are
data (``resources/title_furniture.txt``).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ..resources import table
from .script import to_simplified

#: Chinese characters a title has at least (a shorter one is a name, a site or a column): a title the
#: article was given (``勇于担当``) may be shorter than one guessed from a line of its text
MIN_GIVEN, MIN_LINE = 4, 5

_CJK = re.compile(r"[\u3400-\u9fff]")
# what parts a page's title: "title_section_site", "… - 人民网", "…--人民网", "column | title", "…｜台州新闻网"
_PARTS = re.compile(r"\s*(?:_|--|\||｜|\s[-—]\s)\s*")
# the separators navigation strings are made of: 首页 > 党建频道 > 要闻
_BREADCRUMB = re.compile(r"[>＞»›→]")
# a title wholly in brackets: a column's heading, 【在……指引下——新时代新作为新篇章】
_BRACKETED = re.compile(r"^[【\[［〔][^】\]］〕]*[】\]］〕]$")
# marks a scraped line starts or ends with: □ 本报, ■, "某某 |"
_EDGE_MARKS = " \t□■●◆◇▲△★☆|｜-—_·•"
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_PUNCT = str.maketrans({":": "：", "(": "（", ")": "）", "\u3000": " ", "\xa0": " "})


def article_title(given: str | None, lines: Sequence[str] = ()) -> str | None:
    """The article's title: the one it was given (a page's ``<title>``, a JSON line's or a metadata
    file's ``title``), else the first of the short lines its text starts with, its site's name
    trimmed, that is no site furniture; else None."""
    for candidate, least in ((given, MIN_GIVEN), *((line, MIN_LINE) for line in lines)):
        title = _trimmed(candidate, least) if candidate else None
        if title and not _furniture(title, least):
            return title
    return None


@cache
def _site_tail() -> re.Pattern:
    """A site's name after a hyphen that has no spaces: "…“立体像”-新华网"."""
    ends = "|".join(map(re.escape, table("title_furniture")["site"] + ("网",)))
    return re.compile(rf"[-—]\s*[^-—\s]{{1,12}}(?:{ends})$")


def _trimmed(title: str, least: int) -> str | None:
    title = " ".join(title.split()).strip(_EDGE_MARKS)
    parts = [part for part in _PARTS.split(title) if part]
    if len(parts) > 1:  # the longest part (the first of equals): the others name the site, its sections
        title = max(parts, key=lambda part: len(_CJK.findall(part)))
    cut = _site_tail().sub("", title)
    if len(_CJK.findall(cut)) >= least:
        title = cut
    return title.strip(_EDGE_MARKS) or None


def _furniture(title: str, least: int) -> bool:
    """Whether the (trimmed) candidate is the site's furniture rather than a title."""
    # tags in a given title are markup, not a breadcrumb's separators (<b>…</b>)
    text = _TAG.sub("", to_simplified(title)).translate(_PUNCT)
    words = table("title_furniture")
    if any(word in text for word in words["any"]) or _BREADCRUMB.search(text) or _BRACKETED.match(text):
        return True
    if text.startswith(words["lead"]):
        return True
    if re.fullmatch(rf"[^\s]{{0,12}}(?:{'|'.join(map(re.escape, words['site']))})", text):
        return True  # only a site's name: 某某新闻网, 某某县人民政府
    tokens = re.split(r"[\s、，]+", text)
    if len(tokens) > 1 and all(re.fullmatch(r"[\u4e00-\u9fff]{2,3}", t) for t in tokens):
        return True  # names, a byline without its credit: 张某 李某某
    left = text
    for word in words["word"]:
        left = left.replace(word, "")
    return len(_CJK.findall(left)) < least
