"""Entity identity (kg/extract/identity.py): which mentions of two articles are one node."""
from __future__ import annotations

import pytest

from conftest import Run
from kg.types import Extraction


def key_of(ex: Extraction, cls: str, label: str) -> str:
    (key,) = {e.key for e in ex.entities if e.cls == cls and e.label == label}
    return key


# (article A, article B, class, label, one node across the two?)
CASES = [
    # a post no locality qualifies is two posts in two articles (two counties' 县委书记)
    ("县委书记王军说，要担当作为。", "县委书记李明说，要担当作为。", "Post", "县委书记", False),
    # a post of a named locality is one across articles
    ("黄岩区委书记徐淼说，要担当作为。", "会上，黄岩区委书记徐淼强调，要担当作为。", "Post", "黄岩区委书记", True),
    # a national post is one across articles, whatever the article is about
    ("黄岩区召开会议。中共中央总书记习近平强调，要担当作为。", "天等县召开会议。习近平总书记强调，要担当作为。",
     "Post", "中共中央总书记", True),
    # an official with no locality at all is one person within an article only
    ("县委书记王军说，要担当作为。", "县委书记王军说，要带头干。", "Official", "王军", False),
    # an official of a named locality is one across articles
    ("黄岩区委书记徐淼说，要担当作为。", "会上，黄岩区委书记徐淼强调，要担当作为。", "Official", "徐淼", True),
    # each locality's mechanism is its own
    ("黄岩区健全容错纠错机制。", "天等县健全容错纠错机制。", "Measure", "容错纠错机制", False),
    # a cadre group is one category everywhere
    ("黄岩区关心关爱年轻干部。", "天等县培养年轻干部。", "CadreGroup", "年轻干部", True),
    # the posts, organisations and officials of two towns of one name (宋家镇 of 白河县, of 资中县) stay apart
    ("白河县宋家镇召开会议。宋家镇党委书记王军说，要担当作为。", "资中县宋家镇召开会议。宋家镇党委书记王军说，要担当作为。",
     "Post", "宋家镇党委书记", False),
    ("白河县宋家镇召开会议。宋家镇党委书记王军说，要担当作为。", "资中县宋家镇召开会议。宋家镇党委书记王军说，要担当作为。",
     "Organization", "宋家镇党委", False),
    ("白河县宋家镇召开会议。宋家镇党委书记王军说，要担当作为。", "资中县宋家镇召开会议。宋家镇党委书记王军说，要担当作为。",
     "Official", "王军", False),
    # ... and of one town, in two articles, are one
    ("白河县宋家镇召开会议。宋家镇党委书记王军说，要担当作为。", "白河县宋家镇：宋家镇党委书记王军强调，要带头干。",
     "Post", "宋家镇党委书记", True),
    # a former name the gazetteer gives a namesake elsewhere (永定县 of 张家界) is the unit of the place the
    # article names (永定区 of 龙岩市): one node, placed
    ("龙岩市永定区召开会议。", "龙岩市召开会议。王波兼任过永定县（已撤，设永定区）高陂镇第一书记。", "Locality", "永定区", True),
    # a gazetteer unit is one node by its code
    ("台州市黄岩区召开干部大会。", "黄岩区委召开会议。", "Locality", "黄岩区", True),
]


@pytest.mark.parametrize(("a", "b", "cls", "label", "same"), CASES)
def test_identity_across_articles(run: Run, a: str, b: str, cls: str, label: str, same: bool) -> None:
    assert (key_of(run(a, "a"), cls, label) == key_of(run(b, "b"), cls, label)) is same


# (article, class, the one label its mentions end under)
WITHIN = [
    # a campaign written with and without its type word is one node, named by the fuller form
    ("黄岩区开展“五比亮剑”活动。年底，黄岩区推行“五比亮剑”，村干部踊跃参加。", "Campaign", "五比亮剑活动"),
    # a short form that ends the one longer name of the article is that campaign
    ("福田镇开展“擂台比武”活动。福田镇举办乡村振兴擂台比武活动，村干部踊跃参加。", "Campaign", "乡村振兴擂台比武活动"),
    # a post written with its county doubled (丰县县委) or through its chain is one node, named from
    # its innermost locality
    ("丰县县委书记王军说，要担当作为。会上，丰县委书记王军强调，要带头干。", "Post", "丰县委书记"),
    ("山西省忻州市河曲县委书记王军说，要担当作为。河曲县委书记王军强调，要带头干。", "Post", "河曲县委书记"),
]


@pytest.mark.parametrize(("text", "cls", "label"), WITHIN)
def test_one_node_within_an_article(run: Run, text: str, cls: str, label: str) -> None:
    assert [e.label for e in run(text).entities if e.cls == cls] == [label]


def test_every_coded_locality_reaches_its_province(run: Run) -> None:
    """The gazetteer's hierarchy climbs from what the article names to its province: the units the
    article does not name are ``Division`` nodes (with their codes), not localities it mentions."""
    ex = run("会上，宁溪镇党委书记胡鸥说，要担当作为。")
    by_key = {e.key: e for e in ex.entities}
    chain, node = [], next(e for e in ex.entities if e.label == "宁溪镇")
    while node.part_of:
        node = by_key[node.part_of]
        chain.append((node.cls, node.label, node.admin_code))
    assert chain == [("Division", "黄岩区", "331003"), ("Division", "台州市", "331000"), ("Division", "浙江省", "330000")]
    assert {m.label for m in ex.mentions if m.cls == "Locality"} == {"宁溪镇"}


def test_no_hierarchy_for_a_guess(run: Run) -> None:
    """A town the gazetteer lists in several counties, none of them named: no parent is guessed."""
    ex = run("会上，新华镇党委书记王军说，要担当作为。")
    (town,) = [e for e in ex.entities if e.label == "新华镇"]
    assert town.part_of is None and not [e for e in ex.entities if e.cls == "Division"]


def test_a_division_the_article_names_is_its_locality(run: Run) -> None:
    ex = run("台州市黄岩区宁溪镇召开会议。")
    assert {(e.cls, e.label) for e in ex.entities if e.cls in ("Locality", "Division")} == {
        ("Locality", "台州市"), ("Locality", "黄岩区"), ("Locality", "宁溪镇"), ("Division", "浙江省")}
