"""Cleaning stage: pinyin, boilerplate and bylines out, Traditional -> Simplified, offsets back to the original."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.text.clean import clean
from kg.text.script import to_simplified
from kg.types import Article, CleanText


def cleaned(text: str) -> CleanText:
    return clean(Article(id="t", text=text, source="t.txt"))


def maps_back(original: str, result: CleanText) -> None:
    """Every kept character is the (converted) character its offset points at; a line break the
    cleaning put back into a copy that lost its own stands in a space's place or points at the
    sentence it opens."""
    conv = to_simplified(original)
    assert len(result.offsets) == len(result.text) + 1
    for i, ch in enumerate(result.text):
        o = result.offsets[i]
        inserted = ch == "\n" and (original[o] in " \u3000" or result.text[i - 1] in "。！？”’" and o == result.offsets[i + 1])
        assert ch == conv[o] or ch in _PUNCT.get(original[o], "") or inserted, (i, ch, o, original[o])


# ASCII / variant punctuation and what clean may turn it into; a run of lost characters ('??', U+FFFD)
# becomes one space at its first character, a block tag (<p>, <br/>) a line break at its first
_PUNCT = {",": "，", ":": "：", ";": "；", "?": "？ ", "!": "！", "(": "（", ")": "）", "「": "“", "」": "”",
          "『": "‘", "』": "’", "\u3000": " ", "\xa0": " ", '"': "“”", "\ufffd": " ", "<": "\n"}


SCRIPT = [
    # pinyin after a Traditional character is dropped, then t2s
    ("發(fā)展", "发展"),
    ("黃巖發(fā)展我擔(dān)當(dāng)", "黄岩发展我担当"),
    ("全面啟動“黃巖發(fā)展我擔(dān)當(dāng)”行動", "全面启动“黄岩发展我担当”行动"),
    # pinyin with a full-width bracket, a neutral tone and a lone character
    ("進（jìn）一步", "进一步"),
    ("的(de)", "的"),
    ("個(gè)人", "个人"),
    # plain Traditional text
    ("黃巖區委書記徐淼指出", "黄岩区委书记徐淼指出"),
    ("臺州市黃巖區", "台州市黄岩区"),
    # Simplified text is left as it is
    ("黄岩区召开三级干部大会。", "黄岩区召开三级干部大会。"),
    # brackets that are not pinyin stay
    ("“五比亮剑”行动(2023年)", "“五比亮剑”行动（2023年）"),
    ("黄岩区(台州)", "黄岩区（台州）"),
    # ASCII punctuation and straight quotes -> full-width, alternating curly quotes
    ('他说:"要担当,要作为"。', "他说：“要担当，要作为”。"),
    # ... each line from an opening one: a quotation of two paragraphs opens both, closes the second
    ('他说:"要担当。\n"要作为。"开展"擂台比武"活动。', "他说：“要担当。\n“要作为。”开展“擂台比武”活动。"),
    # markup left in a web copy: no part of the text, its quotes not counted; a paragraph's tag ends a line
    ('<p class="ql-block">张洪镇召开<b>"作风建设"</b>动员会。</p> <p class="x">会上，镇长讲话。</p>',
     "张洪镇召开“作风建设”动员会。\n会上，镇长讲话。"),
    ("要紧盯<br/>重点任务", "要紧盯\n重点任务"),
    # angle brackets that are no tag stay
    ("得分<90分为不合格", "得分<90分为不合格"),
    # a comma a copy doubles with the mark after it goes (区委副书记,、区长; 9月18日，，全区)
    ("區(qū)委副書記,、區(qū)長(zhǎng)蔡勁松主持會議。9月18日，，全區(qū)召開會議,。", "区委副书记、区长蔡劲松主持会议。9月18日，全区召开会议。"),
]


@pytest.mark.parametrize(("text", "expected"), SCRIPT)
def test_script_and_pinyin(text: str, expected: str) -> None:
    result = cleaned(text)
    assert result.text == expected
    maps_back(text, result)


def test_offsets_skip_pinyin() -> None:
    text = "黃巖發(fā)展我擔(dān)當(dāng)"
    result = cleaned(text)
    assert result.text == "黄岩发展我担当"
    assert result.offsets == (0, 1, 2, 7, 8, 9, 15, 16)
    # a span of the clean text maps to the original span, pinyin included
    start, end = result.original_span(2, 4)
    assert text[start:end] == "發(fā)展"


BOILERPLATE = [
    # CMS pagination marker, inline
    ("第一段。#p#分页标题#e#第二段。", "第一段。第二段。"),
    # image caption tags
    ("【资料图】黄岩区召开大会。", "黄岩区召开大会。"),
    ("黄岩区召开大会。【图片】", "黄岩区召开大会。"),
    # related-article lists: the heading line and everything after it
    ("黄岩区召开大会。\n相关文章\n黄岩区开展活动\n台州市召开会议", "黄岩区召开大会。"),
    ("黄岩区召开大会。\n相关阅读：\n台州市召开会议", "黄岩区召开大会。"),
    ("【资料图】\n黄岩区召开大会。\n相关文章：\n台州市召开会议", "黄岩区召开大会。"),
    # ... the source page's link and what follows it, and a related article's truncated title and date
    ("黄岩区召开大会。\n原文链接:http://example.gov.cn/a.htm\n台州市召开会议", "黄岩区召开大会。"),
    ("黄岩区召开大会。\n- 致鄂尔多斯市东胜区政...2021-06-23\n第二段。", "黄岩区召开大会。\n第二段。"),
    # a navigation bar or link list of short items between bars
    ("黄岩区召开大会。\n克东县 | 农安县 | 乌审旗 |\n第二段。", "黄岩区召开大会。\n第二段。"),
    # a source credit with the article's body glued to it: only the credit goes
    ("消息来源:新华网 铁岭市今年专门组织面向村党组织书记的事业编制招录考试，加大基层选拔优秀人才力度，激发村干部干事创业的积极性，全市1176名村党组织书记中有83人符合条件。",
     "铁岭市今年专门组织面向村党组织书记的事业编制招录考试，加大基层选拔优秀人才力度，激发村干部干事创业的积极性，全市1176名村党组织书记中有83人符合条件。"),
    # editor credit lines
    ("黄岩区召开大会。\n责任编辑：王小明\n第二段。", "黄岩区召开大会。\n第二段。"),
    ("黄岩区召开大会。（责任编辑：王小明）", "黄岩区召开大会。"),
    ("黄岩区召开大会。（编辑：王小明）", "黄岩区召开大会。"),
    # disclaimers
    ("黄岩区召开大会。\n免责声明：本文仅代表作者观点。\n第二段。", "黄岩区召开大会。\n第二段。"),
    ("黄岩区召开大会。\n转载请注明出处。", "黄岩区召开大会。"),
    # share widgets and breadcrumbs
    ("首页 > 新闻\n黄岩区召开大会。", "黄岩区召开大会。"),
    ("黄岩区召开大会。\n分享到：微信 微博", "黄岩区召开大会。"),
    # a copy that lost its line breaks: the furniture at the head of its one line of text goes, and the
    # line from a disclaimer on, not the text
    ("首页 > 正文 黄岩区召开大会。会议部署工作。全区干部参加。转载请注明出处。\n第二段。",
     "正文 黄岩区召开大会。会议部署工作。全区干部参加。\n第二段。"),
    # blank lines and surrounding spaces go, paragraphs stay
    ("  黄岩区召开大会。  \n\n\n第二段。\n", "黄岩区召开大会。\n第二段。"),
]

# a copy that lost its line breaks: one line longer than any paragraph of the genre
_FLAT = "岁末年尾，正值各项工作收官冲刺关键期，连云港市委组织部深入乡镇调研，了解乡镇党政正职的所思所盼。" * 10
_SENT = "该县先后组织县直部门负责人分赴上海参加培训班，拓宽了工作思路和视野。"
_PARA = _SENT * 5

PARAGRAPHS = [
    # its paragraphs again: before a sentence that opens one (此外，, 目前，, an opening quote), and after
    # the first sentence past a paragraph's median length
    (_FLAT + "此外，该市还拓宽激励渠道。“今年已经签约项目35个。”他说。 目前，全区已储备后备人选758名。",
     [*(_FLAT[i:i + 144] for i in range(0, 432, 144)), _FLAT[432:], "此外，该市还拓宽激励渠道。",
      "“今年已经签约项目35个。”他说。", "目前，全区已储备后备人选758名。"]),
    # ... and the headings it begins with, each a line (its title, its source)
    ("“多措并举”促干部实干担当 新华网 " + _FLAT, ["“多措并举”促干部实干担当", "新华网",
                                          *(_FLAT[i:i + 144] for i in range(0, 432, 144)), _FLAT[432:]]),
    # ... and where it kept its paragraph breaks as spaces after some sentences, there only
    (" ".join((_PARA,) * 3), [_PARA] * 3),
    # ... and by length only a run longer than any paragraph (past 450 characters)
    (" ".join((_PARA, _PARA, _SENT * 16)), [_PARA, _PARA, _SENT * 14, _SENT * 2]),
    # a space after every sentence is the site's way of writing them, no paragraph's mark
    (" ".join((_SENT,) * 15), [" ".join((_SENT,) * 3)] * 5),
    # a line of a paragraph's length stays whole, whatever opens its sentences
    ("黄岩区召开大会。此外，会议部署工作。“好。”他说。", ["黄岩区召开大会。此外，会议部署工作。“好。”他说。"]),
]


@pytest.mark.parametrize(("text", "paragraphs"), PARAGRAPHS)
def test_a_copy_without_line_breaks_has_its_paragraphs(text: str, paragraphs: list[str]) -> None:
    result = cleaned(text)
    assert result.text.split("\n") == paragraphs
    maps_back(text, result)



@pytest.mark.parametrize(("text", "expected"), BOILERPLATE)
def test_boilerplate(text: str, expected: str) -> None:
    result = cleaned(text)
    assert result.text == expected
    maps_back(text, result)


def test_not_boilerplate() -> None:
    # words of the boilerplate lists inside ordinary sentences are kept
    text = "相关文章显示，黄岩区责任编辑制度完善。"
    assert cleaned(text).text == text


BYLINES = [
    # byline line before the text
    ("□ 本报记者 林元沁\n黄岩区召开大会。", "黄岩区召开大会。", ("林元沁",)),
    ("本报记者 林元沁\n黄岩区召开大会。", "黄岩区召开大会。", ("林元沁",)),
    # correspondents, several names
    ("通讯员 徐淑勇 臧伟\n黄岩区召开大会。", "黄岩区召开大会。", ("徐淑勇", "臧伟")),
    ("黄岩区召开大会。\n记者 付鼎臣 通讯员 徐淑勇 臧伟", "黄岩区召开大会。", ("付鼎臣", "徐淑勇", "臧伟")),
    # 本报讯 leader before the first paragraph
    ("本报讯 记者 付鼎臣\n黄岩区召开大会。", "黄岩区召开大会。", ("付鼎臣",)),
    # colon and slash forms, other bullets
    ("记者：林元沁\n黄岩区召开大会。", "黄岩区召开大会。", ("林元沁",)),
    ("文/林元沁\n黄岩区召开大会。", "黄岩区召开大会。", ("林元沁",)),
    ("■ 本报记者 林元沁 通讯员 黄宣\n黄岩区召开大会。", "黄岩区召开大会。", ("林元沁", "黄宣")),
    # a bracketed credit line at the end
    ("黄岩区召开大会。\n（通讯员 徐淑勇 臧伟 记者 付鼎臣）", "黄岩区召开大会。", ("徐淑勇", "臧伟", "付鼎臣")),
    # 记者 as the subject of a sentence is no byline
    ("记者从黄岩区委组织部获悉，黄岩区召开大会。", "记者从黄岩区委组织部获悉，黄岩区召开大会。", ()),
    # 记者/通讯员 as the subject of a verb credits nobody, and the sentence stays
    ("记者了解到，黄岩区召开大会。", "记者了解到，黄岩区召开大会。", ()),
    ("黄岩区召开大会。图片由通讯员提供。", "黄岩区召开大会。图片由通讯员提供。", ()),
    # a copyright notice names the author's rights, not an author
    ("黄岩区召开大会。\n版权归原作者所有，转载请注明出处", "黄岩区召开大会。", ()),
    ("黄岩区召开大会。版权归作者所有。", "黄岩区召开大会。版权归作者所有。", ()),
]


@pytest.mark.parametrize(("text", "expected", "reporters"), BYLINES)
def test_byline_lines(text: str, expected: str, reporters: tuple[str, ...]) -> None:
    result = cleaned(text)
    assert result.text == expected
    assert result.reporters == reporters
    maps_back(text, result)


BRACKETED_BYLINES = [
    ("（记者 付鼎臣）黄岩区召开大会。", ("付鼎臣",)),
    ("黄岩区召开大会。（记者 付鼎臣）", ("付鼎臣",)),
    ("本报讯（记者 付鼎臣 通讯员 徐淑勇 臧伟）黄岩区召开大会。", ("付鼎臣", "徐淑勇", "臧伟")),
    # a reporting team among the names is no reporter, and the names after it are
    ("讯（见习记者 王湘云 县委报道组 胡江平 钱李源 通讯员 廖颖）黄岩区召开大会。", ("王湘云", "胡江平", "钱李源", "廖颖")),
]


@pytest.mark.parametrize(("text", "reporters"), BRACKETED_BYLINES)
def test_bracketed_byline_names_leave_the_text(text: str, reporters: tuple[str, ...]) -> None:
    result = cleaned(text)
    assert result.reporters == reporters
    assert "黄岩区召开大会。" in result.text
    for word in (*reporters, "记者", "通讯员", "（", "讯"):  # the names, their brackets and the dateline
        assert word not in result.text
    maps_back(text, result)


def test_reporters_are_not_officials_mentioned_in_text() -> None:
    # a name after a post title in the body is not a byline
    result = cleaned("黄岩区委书记徐淼指出，要担当作为。")
    assert result.reporters == ()
    assert result.text == "黄岩区委书记徐淼指出，要担当作为。"


def test_title_is_a_short_first_line() -> None:
    result = cleaned("黃巖區激勵幹部擔當作為\n黄岩区召开大会，全面启动行动。")
    assert result.title == "黄岩区激励干部担当作为"
    assert cleaned("黄岩区召开大会，全面启动行动。\n第二段。").title is None


# --- properties -------------------------------------------------------------------------------

# pieces of real noisy copies, mixed with arbitrary text
_FRAGMENTS = ["黃巖區", "發(fā)展", "擔(dān)當(dāng)", "黄岩区", "。", "，", "、", "\n", " ", "□ 本报记者 林元沁\n",
              "（记者 付鼎臣）", "通讯员 徐淑勇 臧伟", "#p#分页标题#e#", "【资料图】", "\n相关文章\n", "责任编辑：王明\n",
              "免责声明：转载\n", '"', ",", ":", "(", ")", "个(gè)", "\u3000", "\xa0", "「", "」", "\r\n"]
noisy_text = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=5)), max_size=30).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(noisy_text)
def test_offsets_map_back(text: str) -> None:
    """clean never raises; offsets are increasing (a line break put back into a copy that lost its own
    stands in a space's place, or shares the offset of the sentence it opens), inside the original, and
    each kept character is the converted character it points at.

    (clean is not idempotent on its own output: ``發#p#x#e#(fā)展`` -> ``发（fā）展`` -> ``发展``,
    a pinyin bracket only becomes adjacent to its character once the marker is gone.)"""
    result = cleaned(text)
    kept = result.offsets[:len(result.text)]
    assert len(result.offsets) == len(result.text) + 1
    assert all(a < b or a == b and result.text[i] == "\n" for i, (a, b) in enumerate(zip(kept, kept[1:])))
    assert all(0 <= o < len(text) for o in kept)
    assert result.offsets[-1] <= len(text)
    conv = to_simplified(text)
    for i, (ch, o) in enumerate(zip(result.text, kept)):
        if ch == "\n":
            assert text[o] in "\n \u3000" or result.text[i - 1] in "。！？”’" and o == result.offsets[i + 1]
        else:
            assert ch == conv[o] or ch in _PUNCT.get(text[o], "")


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_to_simplified_keeps_length(text: str) -> None:
    assert len(to_simplified(text)) == len(text)
