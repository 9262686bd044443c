"""Titles (``kg.text.titles``, through ``clean``): the article's own title, never the site's furniture."""
from __future__ import annotations

import pytest

from kg.text.clean import clean
from kg.text.titles import article_title
from kg.types import Article

BODY = "县委组织部召开会议，部署激励干部担当作为工作。"

# (case, given title, first lines of the text, expected title)
CASES = [
    ("given title", "黄岩区召开干部大会", [], "黄岩区召开干部大会"),
    ("short given title", "勇于担当", [], "勇于担当"),
    ("first line", None, ["黄岩区激励干部担当作为"], "黄岩区激励干部担当作为"),
    # the site's name and sections after the title
    ("site after underscore", "黄岩区召开大会_台州新闻网", [], "黄岩区召开大会"),
    ("sections after underscores", "坚持在重大项目一线考察干部_灯塔-淄博党建_中共淄博市委组织部", [],
     "坚持在重大项目一线考察干部"),
    ("site after a spaced hyphen", "以組織擔當激勵幹部擔當 - 中國網", [], "以組織擔當激勵幹部擔當"),
    ("site glued after a hyphen", None, ["永宁县：“考场”一线为干部精描“立体像”-新华网"], "永宁县：“考场”一线为干部精描“立体像”"),
    ("column before a bar", None, ["人民论坛网评 | 读懂此次“全国优秀县委书记”评选的深意"], "读懂此次“全国优秀县委书记”评选的深意"),
    ("trailing bar", None, ["拓展沟通新渠道 凝聚干部战斗力 |"], "拓展沟通新渠道 凝聚干部战斗力"),
    # furniture: the next line is the title
    ("site name, then the title", None, ["房县新闻网", "鼓励干部勇担当敢创新 房县建立容错纠错机制"],
     "鼓励干部勇担当敢创新 房县建立容错纠错机制"),
    ("bare site name", None, ["新华网", "人民呼唤更多优秀县委书记"], "人民呼唤更多优秀县委书记"),
    ("navigation", None, ["网站首页 | 网站地图", "某某新村"], None),
    ("Traditional navigation", "網站首頁 | 網站地圖", [], None),
    ("breadcrumb", None, ["当前位置：某某范文网 >", "工作报告 >事迹材料 >", "优秀乡镇党委书记先进事迹材料大纲"],
     "优秀乡镇党委书记先进事迹材料大纲"),
    ("page chrome", None, ["正文复制", "某镇村级后备干部选用方案"], "某镇村级后备干部选用方案"),
    ("close button", None, ["关闭→"], None),
    ("reading notice", None, ["论文部分内容阅读"], None),
    ("editor's note", None, ["编者的话"], None),
    # bylines, captions, stamps, column headings
    ("byline", None, ["文：秦某某"], None),
    ("names", None, ["张某某 陆某"], None),
    ("a name", None, ["游某某"], None),
    ("caption", None, ["图为“擂台比武”活动现场"], None),
    ("stamp and credit", None, ["2020-12-29 14：59：22 来源：某某日报 作者："], None),
    ("column heading", None, ["【在习近平新时代中国特色社会主义思想指引下——新时代新作为新篇章】"], None),
    ("a mark and a word", None, ["□特邀"], None),
    ("a site's portal", "某某县人民政府", [], None),
    # words of furniture inside a real title do not reject it
    ("closing mines", "我县关闭10家小煤矿", [], "我县关闭10家小煤矿"),
]


@pytest.mark.parametrize(("given", "lines", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_article_title(given: str | None, lines: list[str], expected: str | None) -> None:
    assert article_title(given, lines) == expected


def test_clean_passes_over_furniture_lines_to_the_title() -> None:
    cleaned = clean(Article(id="t", text=f"新華網\n人民呼喚更多優秀縣委書記\n{BODY}", source="t.txt"))
    assert cleaned.title == "人民呼唤更多优秀县委书记"  # a line of the cleaned text: Simplified
    # the first paragraph ends the heading: a line after it is no title
    assert clean(Article(id="t", text=f"{BODY}\n黄岩区激励干部担当作为", source="t.txt")).title is None
    # a one-line text has no title
    assert clean(Article(id="t", text="黄岩区激励干部担当作为", source="t.txt")).title is None
    # its given title first, furniture or not its first line
    given = Article(id="t", text=f"黄岩区激励干部担当作为\n{BODY}", source="t.txt", title="台州市召开干部大会_台州新闻网")
    assert clean(given).title == "台州市召开干部大会"
    assert clean(Article(id="t", text=f"黄岩区激励干部担当作为\n{BODY}", source="t.txt", title="首页")).title == (
        "黄岩区激励干部担当作为")
