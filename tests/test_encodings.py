"""GBK, GB18030, Big5, UTF-16, UTF-8 with BOM and HTML copies of the seed articles give the
same entities and relations as the UTF-8 originals, and record the encoding they were read in."""
from __future__ import annotations

import html
import re
from pathlib import Path

import opencc
import pytest

from kg.run.build import process
from kg.text.ingest import read_inputs
from kg.types import Article, Extraction

from conftest import SEEDS, facts

SEED_FILES = sorted(SEEDS.glob("*.txt"))
# a pinyin annotation after a character (發(fā)): Big5 pages never carry them, and Big5 has no tone letters
_PINYIN = re.compile(r"(?<=[\u3400-\u9fff])[(（]\s*[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ]{1,7}\s*[)）]")
_TRADITIONAL = re.compile(r"[發劃這個們區書記當國會]")
TITLE = "激励干部担当作为工作综述"
URL = "https://www.example.gov.cn/art/2023/6/1/art_1229_5871.html"


def news_page(text: str, charset: str) -> str:
    """The article as a county news site serves it: navigation, breadcrumbs, share widget,
    related articles and footer around the paragraphs."""
    paragraphs = "\n".join(f"<p style=\"text-indent:2em\">{html.escape(p.strip())}</p>"
                           for p in text.splitlines() if p.strip())
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{TITLE}_台州新闻网</title>
<link rel="canonical" href="{URL}">
<meta name="PubDate" content="2023-06-01 09:30">
<meta property="article:published_time" content="2023-06-01T09:30:00+08:00">
<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); }})();</script>
<style>.nav li {{ float: left; }}</style>
</head><body>
<div class="top"><a href="/">网站首页</a> | <a href="/wza">无障碍</a> | <a href="/en">English</a></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/news/">新闻中心</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul>
<form action="/search"><input type="text" name="q" placeholder="请输入关键词"><button>搜索</button></form></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/news/">新闻中心</a> &gt; 基层动态</div>
<div class="main"><div class="article">
<h1>{TITLE}</h1>
<div class="info">发布时间：2023-06-01 09:30　来源：台州日报　浏览次数：1024
<a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="content" id="zoom">
{paragraphs}
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
<div class="editor">责任编辑：王小明</div>
</div>
<div class="related"><h3>相关新闻</h3><ul>
<li><a href="/a.html">台州市召开全市组织工作会议</a></li><li><a href="/b.html">椒江区开展“比学赶超”活动</a></li>
<li><a href="/c.html">路桥区出台激励干部担当作为十条措施</a></li></ul></div></div>
<div class="footer"><p>主办单位：台州市人民政府办公室　承办单位：台州市大数据发展管理局</p>
<p>网站标识码：3310000001　浙ICP备05000000号　浙公网安备 33100202000000号</p>
<p>版权所有 © 2023 台州市人民政府　<a href="/lxwm">联系我们</a> | <a href="/wzdt">网站地图</a></p></div>
</body></html>"""


def big5_text(text: str) -> str:
    """The article as a Big5 (Taiwan) site would have it: Traditional, no pinyin annotations."""
    if _TRADITIONAL.search(text):
        return _PINYIN.sub("", text)
    return opencc.OpenCC("s2tw").convert(text)


def _bytes_gbk(text: str) -> bytes:
    return text.encode("gbk")


def _bytes_big5(text: str) -> bytes:
    traditional = big5_text(text)
    missing = {ch for ch in traditional if not ch.encode("big5", errors="ignore")}
    # the check: only a handful of characters (broken pinyin, 恒, », 丨) have no Big5 code
    assert len(missing) <= 5, sorted(missing)
    return traditional.encode("big5", errors="replace")


# copy name -> (file suffix, bytes of the copy, the encoding kg must record)
COPIES = {
    "gbk": (".txt", _bytes_gbk, "gb18030"),
    "gb18030": (".txt", lambda t: t.encode("gb18030"), "gb18030"),
    "big5": (".txt", _bytes_big5, "big5hkscs"),
    "utf-16-le": (".txt", lambda t: t.encode("utf-16"), "utf-16"),
    "utf-16-be": (".txt", lambda t: b"\xfe\xff" + t.encode("utf-16-be"), "utf-16"),
    "utf-8-sig": (".txt", lambda t: t.encode("utf-8-sig"), "utf-8-sig"),
    "html": (".html", lambda t: news_page(t, "utf-8").encode("utf-8"), "utf-8"),
    "html-gb2312": (".htm", lambda t: news_page(t, "gb2312").encode("gb18030"), "gb18030"),
}


def _encodable(seed: Path, copy: str) -> bool:
    try:
        COPIES[copy][1](seed.read_text(encoding="utf-8"))
    except UnicodeEncodeError:  # 001 has », which GBK lacks (GB18030 has it)
        return False
    return True


def _wanted(seed: Path, copy: str) -> bool:
    """Every seed in GBK (GB18030 where GBK lacks a character), Big5, UTF-16 LE and both HTML forms;
    two seeds in UTF-16 BE and UTF-8 with BOM (what differs there is only the BOM)."""
    if copy == "gb18030":
        return not _encodable(seed, "gbk")
    if copy in ("utf-16-be", "utf-8-sig"):
        return seed in SEED_FILES[:2]
    return _encodable(seed, copy)


CASES = [(seed, copy) for seed in SEED_FILES for copy in COPIES if _wanted(seed, copy)]


def summary(ex: Extraction) -> tuple[set, set]:
    return {(e.cls, e.label) for e in ex.entities}, facts(ex)


@pytest.fixture(scope="module")
def originals(nlp) -> dict[str, tuple[set, set]]:
    return {ex.article.id: summary(ex) for ex in process(read_inputs(SEED_FILES))}


def test_every_seed_and_copy_kind_is_tried() -> None:
    assert {c for _, c in CASES} == set(COPIES)
    assert {s for s, c in CASES if c in ("gbk", "gb18030")} == set(SEED_FILES)
    for copy in ("big5", "utf-16-le", "html", "html-gb2312"):
        assert {s for s, c in CASES if c == copy} == set(SEED_FILES), copy


@pytest.mark.parametrize(("seed", "copy"), CASES, ids=[f"{s.name[:3]}-{c}" for s, c in CASES])
def test_copy_gives_the_same_graph(tmp_path: Path, originals: dict, seed: Path, copy: str) -> None:
    suffix, to_bytes, encoding = COPIES[copy]
    path = tmp_path / (seed.stem + suffix)
    path.write_bytes(to_bytes(seed.read_text(encoding="utf-8")))
    (article,) = read_inputs([path])
    assert isinstance(article, Article), article
    assert article.encoding == encoding
    assert article.notes == ()
    if suffix != ".txt":
        assert (article.title, article.url, article.date) == (TITLE, URL, "2023-06-01")
        for boilerplate in ("新闻中心", "当前位置", "分享到", "相关新闻", "版权所有", "浙ICP备"):
            assert boilerplate not in article.text
    (ex,) = process([article])
    entities, relations = summary(ex)
    want_entities, want_relations = originals[seed.stem]
    assert entities == want_entities
    assert relations == want_relations
