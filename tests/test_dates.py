"""Dating stage (``kg.text.dates``): each form a page gives its date in, and dates that are not the article's."""
from __future__ import annotations

import datetime as dt

import pytest

from kg.text.dates import SOURCES, ArticleDate, article_date, normalise
from kg.types import Article

BODY = "县委组织部召开会议，部署激励干部担当作为工作。会议要求各单位抓好落实。"
#: enough body lines that a date among them is neither the head nor the foot of the article
LONG_BODY = "\n".join([BODY] * 20)


def dated(text: str, url: str | None = None, **given) -> tuple[str, str] | None:
    found = article_date(Article(id="t", text=text, source="t.txt", url=url, **given))
    return (found.date, found.source) if found else None


# (case, text, url, expected (date, source) or None)
TEXT_FORMS = [
    # a credit line with the paper and its date (来源 line)
    ("source line", f"强化干部正向激励\n来源:学习时报2025-04-16 15:19\n作者：某某\n{BODY}", None,
     ("2025-04-16", "text-source")),
    ("source line after the date", f"标题文字在这里\n2023-05-12 08:43:36 来源：某某日报\n{BODY}", None,
     ("2023-05-12", "text-source")),
    # a publication label and a time (时间: line)
    ("time label", f"以组织担当激励干部担当\n时间:2016-09-08 09:13:07\n{BODY}", None, ("2016-09-08", "text-label")),
    ("label glued to the credit", f"标题文字在这里\n编辑：某某 信息来源：某某网发布时间:2021-9-8\n{BODY}", None,
     ("2021-09-08", "text-label")),
    ("publication label", f"标题文字在这里\n发布时间：2023年9月22日\n{BODY}", None, ("2023-09-22", "text-label")),
    ("date label in a table row", f"标题文字在这里\n日期 | 2023-07-28 | 是否有效 | 是 |\n{BODY}", None,
     ("2023-07-28", "text-label")),
    ("label in a toolbar", f"[ 字体:大 中 小 时间:2023-09-07 16:46 稿源:某镇党委 ]\n{BODY}", None,
     ("2023-09-07", "text-label")),
    ("scraper's English label", f" date 2025-12-12 （中央社某县12日电）{BODY}", None, ("2025-12-12", "text-label")),
    ("first published in, at the foot", f"{LONG_BODY}\n（本文首发于2019年8月1日《某某周末》）", None,
     ("2019-08-01", "text-label")),
    # Traditional script and full-width digits
    ("Traditional label", f"以組織擔當激勵幹部擔當\n發佈時間：2023年09月22日 10:00\n黨員幹部是中堅力量。", None,
     ("2023-09-22", "text-label")),
    ("Traditional credit", f"標題文字在這裡\n時間:2025-07-08來源 : 中國網作者 : 某某\n黨員幹部是中堅力量。", None,
     ("2025-07-08", "text-label")),
    ("full-width digits", f"标题文字在这里\n日期：２０２３年９月２２日\n{BODY}", None, ("2023-09-22", "text-label")),
    ("full-width date and colon", f"标题文字在这里\n发布时间：２０２３－０９－２２　１０：３０\n{BODY}", None,
     ("2023-09-22", "text-label")),
    # a stamp: date and time at the head, no label
    ("stamp", f"标题文字在这里\n2021-08-24 05:54:10某某\n{BODY}", None, ("2021-08-24", "text-stamp")),
    ("stamp after a site name", f"标题文字在这里 |\nhttp://www.example.cn 某某新闻网 2016年02月15日 08:39:47 |\n{BODY}",
     None, ("2016-02-15", "text-stamp")),
    # unlabelled date lines: a paper's dateline, a document's signature date, a paper's edition
    ("dateline", f"国内统一刊号:CN00-0000\n2021年06月30日\n我市首家街道党校成立\n{BODY}", None,
     ("2021-06-30", "text-dateline")),
    ("heading ending with a date", f"某某镜像.新闻汇总 2020-06-04\n{BODY}", None, ("2020-06-04", "text-dateline")),
    ("signature date in Chinese numerals", f"{LONG_BODY}\n某某县人民政府办公室\n二〇二三年九月二十二日", None,
     ("2023-09-22", "text-dateline")),
    ("signature date with 〇 and 十", f"{LONG_BODY}\n某某县委组织部\n二〇一九年十月十日", None,
     ("2019-10-10", "text-dateline")),
    ("edition line", f"{LONG_BODY}\n《 某某日报 》( 2025年05月22日 11 版)", None, ("2025-05-22", "text-dateline")),
    ("weekday after the date", f"2023年9月22日 星期五\n标题文字在这里\n{BODY}", None, ("2023-09-22", "text-dateline")),
    # the original's URL the page links to
    ("original's link", f"{BODY}\n原文链接:http://example.gov.cn/xxgk/202308/t20230807_6221441.htm\n"
     "[免责声明] 本文来源于网络转载", None, ("2023-08-07", "text-link")),
    # a document-sharing site's page: the upload's stamp is passed over for the credited original's date
    ("sharing site, credited original", "推进某某工作（共五则范文）\n时间:2019-05-12 16:19:27下载本文作者:会员上传\n"
     f"简介：小编为你整理了多篇相关的范文。\n第一篇：推进某某工作\n时间:2010年08月10日 11时20分来源:《某某研究》作者:某某\n{BODY}",
     "https://example.cn/a3/20190512/1.html", ("2010-08-10", "text-label")),
    # no date anywhere
    ("no date", f"标题文字在这里\n{BODY}", None, None),
    ("month and day only", f"标题文字在这里\n11月26日，{BODY}", None, None),
]

NOT_THE_ARTICLES = [
    # a rule's entry into force, at the foot
    ("in force from", f"标题文字在这里\n{LONG_BODY}\n本办法自2024年1月1日起施行。"),
    ("in force from, alone", f"标题文字在这里\n{LONG_BODY}\n2024年1月1日起施行"),
    # a deadline, at the head
    ("as of", f"截至2023年12月31日，全县共选派干部100名。\n{BODY}"),
    ("as of, Traditional", f"截至2023年底，全縣共選派幹部100名。\n{BODY}"),
    # an event the first sentence reports
    ("a meeting in the first sentence", f"2023年9月22日，县委召开全体会议。\n{BODY}"),
    ("a meeting in the body", f"{LONG_BODY}\n2023年9月22日\n{LONG_BODY}"),
    ("a birth date in the head", f"标题文字在这里\n王某，1975年3月2日出生，{BODY}"),
    # an event notice: its 时间 is the event's
    ("schedule", f"关于举办培训班的通知\n时间：2024年3月1日 地点：县委党校\n{BODY}"),
    ("period", f"关于举办培训班的通知\n时间：2024年3月1日至3月5日\n{BODY}"),
    ("meeting time label", f"标题文字在这里\n会议时间2024年3月1日\n{BODY}"),
    # a document-sharing site's page: its stamp and its URL date the upload, not the text
    ("sharing site", f"某某工作实施方案\n时间:2022-04-21 09:44:40\n导语：某某工作实施方案一文来源于网友上传，不代表本站观点\n{BODY}"),
    # a list of other articles at the foot, each with its date
    ("related articles", f"{LONG_BODY}\n- 致某某区政...2021-06-23\n- 规模经营耕地从3万亩...2021-06-15"),
    # no such day, an implausible year
    ("no such day", f"标题文字在这里\n发布时间：2023-02-30\n{BODY}"),
    ("before 1990", f"标题文字在这里\n发布时间：1985-06-01\n{BODY}"),
    ("in the future", f"标题文字在这里\n发布时间：{dt.date.today().year + 2}-06-01\n{BODY}"),
]

URL_FORMS = [
    ("https://example.cn/2023-09/22/content_1.htm", "2023-09-22"),
    ("http://example.cn/szb/pc/202309/22/c1.html", "2023-09-22"),
    ("https://example.cn/content/2023/09/22/1.html", "2023-09-22"),
    ("http://example.cn/focus/2023-09-22/41746.html", "2023-09-22"),
    ("http://example.cn/page/2023/0922/5524564.shtml", "2023-09-22"),
    ("http://example.cn/gbpx/2023/0922_41273.html", "2023-09-22"),
    ("http://example.cn/xwjj/202309/t20230922_1472185.shtml", "2023-09-22"),
    ("https://example.cn/zw/news/1/20230922/32445753.html", "2023-09-22"),
    ("https://example.cn/gmrb/html/nw.D110000gmrb_20230922_4-04.htm", "2023-09-22"),
    ("https://example.cn/news/mm/1438614-20230922.htm", "2023-09-22"),
    # no date: a month's folder, an id, a timestamp run into other digits, no such day, the host
    ("https://example.cn/article/202104/739330.html", None),
    ("http://example.cn/Article/15587717.html", None),
    ("http://example.cn/xwn/dc/142834_20201229025922.html", None),
    ("https://example.cn/2023-02/30/content_1.htm", None),
    ("http://20230922.example.cn/a.html", None),
    ("not a url at all", None),
]


@pytest.mark.parametrize(("text", "url", "expected"), [c[1:] for c in TEXT_FORMS], ids=[c[0] for c in TEXT_FORMS])
def test_text_forms(text: str, url: str | None, expected: tuple[str, str] | None) -> None:
    assert dated(text, url) == expected


@pytest.mark.parametrize("text", [c[1] for c in NOT_THE_ARTICLES], ids=[c[0] for c in NOT_THE_ARTICLES])
def test_dates_that_are_not_the_articles(text: str) -> None:
    assert dated(text) is None


@pytest.mark.parametrize(("url", "expected"), URL_FORMS)
def test_url_forms(url: str, expected: str | None) -> None:
    assert dated(BODY, url) == ((expected, "url") if expected else None)


def test_a_label_beats_the_url_and_the_url_an_unlabelled_line() -> None:
    # a site that moves its pages files them under a later date than the one they print
    assert dated(f"发布时间:2013-01-08 00:00:00 访问次数:\n{BODY}", "https://example.cn/2013-10-29/1.html") == (
        "2013-01-08", "text-label")
    # a document's signature date is before the day it was put online
    assert dated(f"{LONG_BODY}\n二〇一七年五月十八日", "https://example.cn/2017-05/20/1.html") == ("2017-05-20", "url")


def test_a_given_date_comes_first_in_order_of_trust() -> None:
    text, url = f"发布时间：2020-01-01\n{BODY}", "https://example.cn/2021-01/01/1.html"
    assert dated(text, url, date="2023/6/1", date_source="jsonl") == ("2023-06-01", "jsonl")
    page = Article(id="t", text=text, source="t.html", url=url, date="2022-05-05", date_source="html-meta")
    assert article_date(page, "2019-03-04") == ArticleDate("2019-03-04", "metadata")
    assert article_date(page) == ArticleDate("2022-05-05", "html-meta")
    own = Article(id="t", text=text, source="c.jsonl:1", date="2018-02-02", date_source="jsonl")
    assert article_date(own, "2019-03-04") == ArticleDate("2018-02-02", "jsonl")
    # a given date that is none: the next source
    assert dated(text, url, date="昨天", date_source="jsonl") == ("2020-01-01", "text-label")
    assert [s for s in SOURCES if s.startswith("text")] == ["text-label", "text-source", "text-stamp",
                                                           "text-dateline", "text-link"]


@pytest.mark.parametrize(("value", "expected"), [
    ("2023-06-01", "2023-06-01"),
    ("2023/6/1", "2023-06-01"),
    ("2023.06.01", "2023-06-01"),
    ("20230601", "2023-06-01"),
    ("2023-06-01T08:00:00+08:00", "2023-06-01"),
    ("2023-06-01T00:00:00Z", "2023-06-01"),
    ("2023-06-01 08:00", "2023-06-01"),
    ("2023年6月1日", "2023-06-01"),
    ("２０２３年６月１日", "2023-06-01"),
    ("二〇二三年六月一日", "2023-06-01"),
    (" 2023-06-01 ", "2023-06-01"),
    ("2023-02-30", None),
    ("2023-13-01", None),
    ("1985-01-01", None),
    ("昨天", None),
    ("2023-06-01 来源：某某网", None),
    ("2023-06", None),
    ("", None),
])
def test_normalise(value: str, expected: str | None) -> None:
    assert normalise(value) == expected


def test_a_sharing_sites_url_dates_the_upload() -> None:
    text = f"某某工作实施方案\n导语：某某工作实施方案一文来源于网友上传，不代表本站观点\n{BODY}"
    assert dated(text, "https://example.cn/article/2022-04/21/1.html") is None
    assert dated(BODY, "https://example.cn/article/2022-04/21/1.html") == ("2022-04-21", "url")


def test_a_url_years_after_the_year_the_text_reports_on_is_a_refiling() -> None:
    text = f"某某在线消息 5月23日，某某镇召开2017年度领导班子综合考核工作会议。\n{BODY}"
    assert dated(text, "http://example.cn/xz/202208/t20220802_6244281.html") is None
    assert dated(text, "http://example.cn/xz/201805/t20180524_6244281.html") == ("2018-05-24", "url")
    # the page's own label is kept: only the URL's digits are doubted
    assert dated("发布时间：2022-08-02\n" + text) == ("2022-08-02", "text-label")
