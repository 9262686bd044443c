"""Dating stage: Article -> the date it was published (ISO ``YYYY-MM-DD``) and where that came from.

Sources, most trusted first (``SOURCES``):

- ``jsonl``, ``metadata``, ``html-meta``: a date the article came with (its JSON line, the
  metadata file of its folder, the page's meta tags as trafilatura reads them), normalised;
- ``text-label``, ``text-source``, ``text-stamp``: what the page itself prints as its date at
  its head or foot: a publication label (``发布时间：2023-09-22``, ``時間:2016-09-08 09:13:07``),
  the credit line (``来源：学习时报2025-04-16``) or a date and time stamp (``2023-05-12 08:43:36``).
  These come before the URL: a URL's digits are when the page was filed, which a site that
  moves or reposts its pages sets later than the date the page prints. On a document-sharing
  site's page (``下载本文 作者:会员上传``, ``来源于网友上传``) every stamp and the URL are the upload's:
  only a labelled date on a line crediting where the text was published counts;
- ``url``: the date a CMS files the page under (``/2023-09/22/``, ``t20230922_``, ``/20230922/``),
  unless the text reports on a year more than a year before it (``2017年度考核`` under ``/202208/``:
  the page was filed again when a site moved);
- ``text-dateline``: an unlabelled date line at the head or foot: a line that is only a date (a
  paper's dateline, a document's signature date, ``二〇二三年九月二十二日``), a paper's edition
  (``（2025年05月22日 11版）``) or a short heading that ends with one;
- ``text-link``: the date in the URL of the original the page links to (``原文链接：…/t20230807_…``).

Only the head (first lines) and the foot (last lines) are read, and only publication markers
there: a date inside a sentence is an event, a deadline or a rule's entry into force
(``自2024年1月1日起施行``, ``截至2023年底``), never the article's date. A date is a real calendar
day of a plausible year (``FIRST_YEAR`` to next year). When nothing says it, there is no date.
Patterns and words are data (``resources/dates.txt``).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from ..resources import table
from ..types import Article
from .script import to_simplified

#: every value of ``Article.date_source`` (``kg:dateSource``), most trusted first
SOURCES = ("jsonl", "metadata", "html-meta", "text-label", "text-source", "text-stamp", "url", "text-dateline",
           "text-link")
#: the earliest year taken for an article's date (Chinese government sites began in the 1990s)
FIRST_YEAR = 1990
#: lines of the head read, and characters of the text they must start within
HEAD_LINES, HEAD_CHARS = 10, 600
#: lines of the foot read, and characters from the end they must end within
FOOT_LINES, FOOT_CHARS = 6, 400
#: a line longer than this is a paragraph (a one-line article): only its first or last stretch is read
STRETCH = 200
#: a line longer than this is no credit or stamp line
SHORT_LINE = 120
#: characters a heading may have before the date it ends with (某某镜像.新闻汇总 2020-06-04)
HEADING_CHARS = 24

_FULL_WIDTH = str.maketrans("０１２３４５６７８９：－／．　", "0123456789:-/. ")
_CN_DIGIT = {c: i for i, chars in enumerate(("〇○零OＯ", "一", "二", "三", "四", "五", "六", "七", "八", "九"))
             for c in chars}
# a date as Chinese pages write it: 2023年9月22日, 2023-09-22, 2023/9/22, 2023.09.22, 二〇二三年九月二十二日
_DATE = re.compile(
    r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})\s*年\s*(?P<m>[0-9]{1,2})\s*月\s*(?P<d>[0-9]{1,2})(?![0-9])(?:\s*[日号])?"
    r"|(?<![0-9])(?P<y2>(?:19|20)[0-9]{2})(?P<sep>[-/.])(?P<m2>[0-9]{1,2})(?P=sep)(?P<d2>[0-9]{1,2})(?![0-9])"
    r"|(?P<y3>[〇○零OＯ一二三四五六七八九]{4})\s*年\s*(?P<m3>[一二三四五六七八九十]{1,2})\s*月"
    r"\s*(?P<d3>[一二三四五六七八九十廿]{1,3})\s*[日号]")
# a time after the date: 15:19, 09:13:07, 11时20分
_TIME = re.compile(r"\s*(?:[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?|[0-9]{1,2}时[0-9]{1,2}分)")
# what may follow a date on a line that is only a date: a time, the weekday, 农历 …, closing marks
_DATE_LINE_REST = re.compile(r"(?:\s*(?:星期|周|礼拜)[一二三四五六日天])?(?:\s*农历\S{0,12})?[\s）)】\]|]*")
# a paper's edition after its date: （2025年05月22日 11 版）, 2025年5月22日第04版
_EDITION = re.compile(r"\s*第?\s*[0-9]{1,3}\s*版")
# what may follow a date given as a value: a time of day and its zone (2023-06-01T08:00:00+08:00)
_CLOCK = re.compile(r"(?:(?:T|\s+)[0-9]{1,2}(?::[0-9]{2}){1,2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?\s*", re.I)
_SENTENCE_MARK = re.compile(r"[，。；！？,;!?]")
# a heading's end that sets it apart from a date after it, and a label of some other date
_SET_APART = re.compile(r"[\s|·.-]$")
_OTHER_LABEL = re.compile(r"(?:时间|日期|时)\s*[|:]?\s*$")


@dataclass(frozen=True, slots=True)
class ArticleDate:
    """An article's publication date and where it was found (one of ``SOURCES``)."""

    date: str  # YYYY-MM-DD
    source: str


def article_date(article: Article, metadata: str | None = None) -> ArticleDate | None:
    """The article's date: the one it came with (``article.date``, from ``article.date_source``)
    or its metadata file's (``metadata``), the more trusted first, if it is a date; else the one
    its text or URL gives; else None."""
    given = sorted(((value, source) for value, source in ((article.date, article.date_source), (metadata, "metadata"))
                    if value and source in SOURCES), key=lambda pair: SOURCES.index(pair[1]))
    for value, source in given:
        if iso := normalise(value):
            return ArticleDate(iso, source)
    lines = _lines(article.text)
    head, foot = _head(lines), _foot(lines)
    if any(_patterns()["upload"].search(line) for line in head + foot):
        # a sharing site's page: its stamps, its URL are the upload's; only a credited date is the text's
        return _find(head, _credited) or _find(foot, _credited)
    filed = _from_url(article.url, "url")
    if filed and _reviews_before(article.text, filed.date):
        filed = None
    return (_find(head, _labelled) or _find(foot, _labelled) or filed
            or _find(head, _dateline_head) or _find(foot, _dateline_foot) or _find(head + foot, _linked))


def normalise(value: str) -> str | None:
    """An ISO date of a date as given (``2023-06-01``, ``2023/6/1 08:00``, ``2023-06-01T08:00:00+08:00``,
    ``20230601``, ``2023年6月1日``), or None if it is none or not plausible."""
    text = value.translate(_FULL_WIDTH).strip()
    if re.fullmatch(r"(?:19|20)[0-9]{6}", text):
        return _iso(text[:4], text[4:6], text[6:])
    m = _DATE.match(text)
    if m is None or not _CLOCK.fullmatch(text, m.end()):
        return None
    return _match_iso(m)


def _words(kind: str) -> str:
    """A regex alternation of the words of one kind, longest first."""
    return "|".join(map(re.escape, table("dates")[kind]))


@cache
def _patterns() -> dict[str, re.Pattern | tuple[re.Pattern, ...]]:
    return {
        "url": tuple(re.compile(p) for p in table("dates")["url"]),
        # a label, then at most a colon, a bar and spaces before the date
        "label": re.compile(rf"(?:{_words('label')}|(?:^|(?<=[\s\[|【（(]))(?:{_words('bare')}))\s*[:|]?\s*$"),
        "source": re.compile(rf"(?:{_words('source')})\s*[:|]"),
        "link": re.compile(rf"(?:{_words('link')})\s*[:]?\s*(\S+)"),
        "schedule": re.compile(_words("schedule")),
        "upload": re.compile(_words("upload")),
        "review": re.compile(rf"((?:19|20)[0-9]{{2}})\s*(?:{_words('review')})"),
        "before": re.compile(rf"(?:{_words('before')})\s*$"),
        "after": re.compile(rf"\s*(?:{_words('after')})"),
    }


def _lines(text: str) -> list[str]:
    """The non-empty lines, stripped, with full-width digits and marks as ASCII."""
    return [line for raw in text.translate(_FULL_WIDTH).splitlines() if (line := raw.strip())]


def _head(lines: list[str]) -> list[str]:
    """The first lines (the start of a long one), in Simplified script."""
    out, start = [], 0
    for line in lines[:HEAD_LINES]:
        if start > HEAD_CHARS:
            break
        out.append(to_simplified(line[:STRETCH]))
        start += len(line)
    return out


def _foot(lines: list[str]) -> list[str]:
    """The last lines (the end of a long one), last first, in Simplified script."""
    out, end = [], 0
    for line in reversed(lines[-FOOT_LINES:]):
        if end > FOOT_CHARS:
            break
        out.append(to_simplified(line[-STRETCH:]))
        end += len(line)
    return out


def _find(lines: list[str], rule) -> ArticleDate | None:
    for line in lines:
        found = rule(line)
        if found:
            return found
    return None


def _dates(line: str):
    """(match, ISO date) of each plausible date on the line that is not followed by a word making
    it another date (起, 至, 以来 …)."""
    for m in _DATE.finditer(line):
        iso = _match_iso(m)
        if iso and not _patterns()["after"].match(line, m.end()):
            yield m, iso


def _labelled(line: str) -> ArticleDate | None:
    """A date the line labels as the article's: after a publication label, on a credit line, or
    stamped with a time."""
    p = _patterns()
    for m, iso in _dates(line):
        before = line[:m.start()]
        if p["label"].search(before) and not p["schedule"].search(line):
            return ArticleDate(iso, "text-label")
        if len(line) > SHORT_LINE or p["before"].search(before):
            continue  # a paragraph, or a date some word makes another (截至, 自)
        if p["source"].search(line):
            return ArticleDate(iso, "text-source")
        stamp = _TIME.match(line, m.end())
        if stamp and not re.match(r"\s*[0-9]", line[stamp.end():]):
            return ArticleDate(iso, "text-stamp")
    return None


def _credited(line: str) -> ArticleDate | None:
    """A labelled date on a line that credits the publication it comes from (来源:《某某研究》)."""
    return _labelled(line) if _patterns()["source"].search(line) and not _patterns()["upload"].search(line) else None


def _dateline_head(line: str) -> ArticleDate | None:
    """A line that is only a date, or a short heading (no sentence) set apart from the date it ends with."""
    for m, iso in _dates(line):
        before = line[:m.start()]
        if _ends_line(line, m.end()) and (_alone(before) or _heading(before)):
            return ArticleDate(iso, "text-dateline")
    return None


def _dateline_foot(line: str) -> ArticleDate | None:
    """A line that is only a date (a document's signature date), or a paper's edition line."""
    for m, iso in _dates(line):
        edition = _EDITION.match(line, m.end())
        if _ends_line(line, m.end()) and _alone(line[:m.start()]) or edition and _ends_line(line, edition.end()):
            return ArticleDate(iso, "text-dateline")
    return None


def _ends_line(line: str, end: int) -> bool:
    """Whether nothing follows the date at ``end`` but a time, the weekday or closing marks."""
    stamp = _TIME.match(line, end)
    return _DATE_LINE_REST.match(line, stamp.end() if stamp else end).end() == len(line)


def _alone(before: str) -> bool:
    return not before.strip(" （(【[")


def _heading(before: str) -> bool:
    """A short heading set apart from the date after it (新闻汇总 2020-06-04), no sentence, no label of
    another date (会议时间, 截至)."""
    return (len(before) <= HEADING_CHARS and bool(_SET_APART.search(before)) and not _SENTENCE_MARK.search(before)
            and not _patterns()["before"].search(before) and not _OTHER_LABEL.search(before))


def _linked(line: str) -> ArticleDate | None:
    m = _patterns()["link"].search(line)
    return _from_url(m.group(1), "text-link") if m else None


def _reviews_before(text: str, date: str) -> bool:
    """Whether the text reports on a year (2017年度) more than a year before ``date``: a page filed
    again years later (a site moved), not published then."""
    years = [int(m[1]) for m in _patterns()["review"].finditer(text.translate(_FULL_WIDTH))]
    return bool(years) and max(years) + 1 < int(date[:4])


def _from_url(url: str | None, source: str) -> ArticleDate | None:
    if not url:
        return None
    try:
        path = urlsplit(url.strip()).path
    except ValueError:  # an unparseable address gives no date
        return None
    for pattern in _patterns()["url"]:
        for m in pattern.finditer(path):
            iso = _iso(m["y"], m["m"], m["d"])
            if iso:
                return ArticleDate(iso, source)
    return None


def _match_iso(m: re.Match) -> str | None:
    if m["y"]:
        return _iso(m["y"], m["m"], m["d"])
    if m["y2"]:
        return _iso(m["y2"], m["m2"], m["d2"])
    return _iso("".join(str(_CN_DIGIT[c]) for c in m["y3"]), str(_cn_number(m["m3"])), str(_cn_number(m["d3"])))


def _cn_number(text: str) -> int:
    """一 .. 三十一 as a number (十二, 二十二, 廿二); 0 when it is none."""
    text = text.replace("廿", "二十")
    if "十" not in text:
        return _CN_DIGIT.get(text, 0) if len(text) == 1 else 0
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return 0
    return (_CN_DIGIT.get(tens, 0) if tens else 1) * 10 + (_CN_DIGIT.get(ones, 0) if ones else 0)


def _iso(year: str, month: str, day: str) -> str | None:
    """``YYYY-MM-DD`` of a real calendar day of a plausible year, else None."""
    try:
        date = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    if not FIRST_YEAR <= date.year <= dt.date.today().year + 1:
        return None
    return date.isoformat()
