"""An HTML news page -> its main text, title, canonical URL and date, with trafilatura.

trafilatura (offline, a few milliseconds a page) drops navigation, share widgets,
related-article lists and footers and keeps the article's paragraphs, one a line.
Its minimum article size is lowered from 250 to 40 characters: Chinese is dense,
and a one-paragraph report is an article. Dates come only from the page's metadata
and article header (no guessing from copyright lines).
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache

#: a charset the page declares in its first bytes: <meta charset="gbk">, content="text/html; charset=gb2312"
_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{2,40})""", re.I)
#: a site name after the title: "黄岩区召开大会_台州新闻网", "... - 人民网", "...--人民网", "... | 新华网"
_SITE_SUFFIX = re.compile(r"\s*(?:--|_|\||｜|\s-\s)\s*[^-_|｜]{1,20}$")
_CJK = re.compile(r"[\u3400-\u9fff]")
#: Chinese characters the main text of a page needs to be an article (not an error page or a list of links)
_MIN_CHINESE = 10
#: what a page in a .txt file starts with
_HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>])", re.I)


@dataclass(frozen=True, slots=True)
class Page:
    """What one page gives an Article."""

    text: str
    title: str | None = None
    url: str | None = None
    date: str | None = None


def declared_charset(data: bytes) -> str | None:
    """The charset a page names in a ``<meta>`` of its first 4 KB, as written."""
    m = _DECLARED.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def looks_like_html(text: str) -> bool:
    """True for a whole HTML page (a scraper saved the page, not its text)."""
    return bool(_HTML_START.match(text[:200]))


def read_page(html: str) -> Page | None:
    """The article in ``html``, or None when the page has no main text."""
    import trafilatura  # here: only inputs with HTML pages import trafilatura (and lxml)

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True, deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"},
        config=_config())
    if doc is None or len(_CJK.findall(doc.text or "")) < _MIN_CHINESE:
        return None
    return Page(text=doc.text, title=_title(doc.title), url=doc.url or None, date=doc.date or None)


def _title(title: str | None) -> str | None:
    if not title or not title.strip():
        return None
    title = title.strip()
    trimmed = _SITE_SUFFIX.sub("", title)
    return trimmed if len(trimmed) >= 4 else title


@cache
def _config():
    from trafilatura.settings import use_config

    for name in ("trafilatura", "htmldate", "courlan"):  # their warnings are about the page, not for the user
        logging.getLogger(name).addHandler(logging.NullHandler())
        logging.getLogger(name).propagate = False
    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "40")
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # no SIGALRM inside kg
    return config
