"""Extraction stage: one-sentence Chinese cases per recogniser and relation rule.

Each table holds what the annotation guidelines (shared/annotation/GUIDELINES.md) say
a correct graph contains, with negative cases next to the positive ones. Expected
sets are exact where a case is about what must NOT be extracted, so a recogniser that
finds nothing cannot pass a negative case.
"""
from __future__ import annotations

import re

import pytest

from conftest import Run, alt_labels, entity, facts, labels, names
from kg.types import Extraction


def held_posts(ex: Extraction, official: str) -> list[set[str]]:
    """The names (label and alt labels) of each post the official holds."""
    by_key = {e.key: e for e in ex.entities}
    return [{by_key[f.object].label, *by_key[f.object].alt_labels} for f in ex.facts
            if f.predicate == "holds" and by_key[f.subject].label == official]


# --- Locality -----------------------------------------------------------------------------------

LOCALITIES = [
    # a city on its own; the gazetteer gives its code
    ("台州市召开干部大会。", "台州市", "331000"),
    ("衢州市地处浙西山区。", "衢州市", "330800"),
    ("金华市委组织部部长胡鸥介绍，要担当作为。", "金华市", "330700"),
    # a district named with its city
    ("台州市黄岩区召开干部大会。", "黄岩区", "331003"),
    # a district at the start of a sentence, and as the locality of its party committee
    ("黄岩区召开三级干部大会。", "黄岩区", "331003"),
    ("近日，黄岩区委召开干部大会。", "黄岩区", "331003"),
    ("黄岩区委印发《关于进一步激励广大干部担当作为的实施意见》。", "黄岩区", "331003"),
    # a county before a clause
    ("天等县召开会议，县委书记强调，要担当作为。", "天等县", "451425"),
    # an autonomous county or prefecture by its short name and level word
    ("大厂县开展“五比亮剑”行动。", "大厂回族自治县", "131028"),
    ("甘孜州委组织部举办培训班。", "甘孜藏族自治州", "513300"),
    # a town under its district (codes go down to county level only)
    ("黄岩区宁溪镇召开干部大会。", "宁溪镇", None),
    ("赣榆区柘汪镇党委书记李杰说，要担当作为。", "柘汪镇", None),
    # a village named with its organisation
    ("在洪屿村党支部的带领下，村民致富。", "洪屿村", None),
    # a county named only by its short name, twice, in an article that speaks of its level (县里, 全县)
    ("古田迎来发展机遇，县里组织开展“擂台比武”活动。古田还建立干部考察机制。", "古田县", "350922"),
    # the party's committee of a county (中共白河县委)
    ("中共白河县委组织部印发《关于加强村干部管理的通知》。", "白河县", "610929"),
    # a town the gazetteer does not list, acting (named after a village) or with its head's post
    ("11月26日，雄村镇开展擂台比武大赛。", "雄村镇", None),
    ("张国胜后调任杜堂乡乡长。", "杜堂乡", None),
    # a city's district whose name is shaped like a zone's (新区, 园区): its GB/T 2260 code says it is a district
    ("浦东新区陆家嘴街道召开干部大会。", "浦东新区", "310115"),
    ("长春市绿园区召开干部大会。", "绿园区", "220106"),
]


@pytest.mark.parametrize(("text", "label", "code"), LOCALITIES)
def test_locality(run: Run, text: str, label: str, code: str | None) -> None:
    ex = run(text)
    assert entity(ex, "Locality", label).admin_code == code


LOCALITY_SETS = [
    # a town after a clean left edge is one whatever follows it (…观光园, 开展…), unless its level word goes on
    # into a word (发展乡村, 部分乡镇) or the name is a common noun (小城镇)
    ("王玉东一行先后到铜石镇浚龙农业观光园、卞桥镇银河航天循环农业园等项目现场。", {"铜石镇", "卞桥镇"}),
    ("要推进小城镇开发，组织部分乡镇干部发展乡村旅游。", set()),
    # the verb 会同 (jointly with) before a county's bureau, where no unit above the county is named
    ("县委组织部将会同县财政局开展督查。", set()),
    ("湖南省怀化市会同县召开会议。", {"湖南省", "怀化市", "会同县"}),
    # 嘎查村 names the kind of unit of a group (嘎查村党组织书记), no village
    ("准格尔旗出台《嘎查村党组织书记专职化管理办法》，面向全旗嘎查村党组织书记。", {"准格尔旗"}),
    # a county right after its prefecture's short name and level word (凉山州昭觉县)
    ("四川凉山州昭觉县阿土列尔村第一书记帕查有格。", {"四川省", "凉山彝族自治州", "昭觉县", "阿土列尔村"}),
    # regions and descriptors are not localities (浙西, 山区)
    ("衢州市地处浙西山区。", {"衢州市"}),
    ("台州市山区干部要担当作为。", {"台州市"}),
    # a short form alone is not a locality: 黄岩 counts only where 黄岩区 is named
    ("台州市召开会议，黄岩要走在前列。", {"台州市"}),
    # ... nor a county's short name that begins another word (新丰河) or is written once
    ("新丰河防洪工程开工，县里派出工作组。新丰河两岸整治。", set()),
    ("古田迎来发展机遇，县里组织开展活动。", set()),
    # a verb of cadre work or a size before 村 begins no village's name (聚焦村…, 大型村)
    ("石门县聚焦村党组织书记队伍建设，大、中、小型村的正职报酬不同。", {"石门县"}),
    # a verb of where someone comes from or goes begins no town's name, and a town may follow it
    ("，来自城关镇溪口村的党支部书记王明说。王明前往城关镇调研。", {"城关镇", "溪口村"}),
    # ... nor one that is a common word (执政兴国)
    ("县委是党执政兴国的指挥部，县委书记要科教兴国。", set()),
    # parks and projects are not localities
    ("黄岩区建设工业园区。", {"黄岩区"}),
    # a noun of cadre work before a village's organisation is what is done to it (专业化管理村党组织书记)
    ("甘州区专业化管理村党组织书记。", {"甘州区"}),
    # the full chain city > district > town
    ("台州市黄岩区宁溪镇召开干部大会。", {"台州市", "黄岩区", "宁溪镇"}),
    # towns and villages the gazetteer does not list: by name + suffix, in a chain after a named
    # unit, or standing alone before their organisation
    ("天等县朗峰镇岩溪村党支部书记王晓东说，要带头干。", {"天等县", "朗峰镇", "岩溪村"}),
    ("会上，朗峰乡岩溪村党支部书记王晓东说，要带头干。", {"朗峰乡", "岩溪村"}),
    # a gazetteer village (吉然村) that ends a longer name right after its town: the name the article writes
    ("他在乌什县依麻木乡汉代克吉然村度过国庆。", {"乌什县", "依麻木乡", "汉代克吉然村"}),
    # ... and is that longer name where it is written again without the level word before it
    ("他在乌什县依麻木乡汉代克吉然村度过国庆。在汉代克吉然村，他住了一年。", {"乌什县", "依麻木乡", "汉代克吉然村"}),
    # a village named after a village (新村村), though 村 is never inside a name otherwise (全村村干部)
    ("安吉县孝丰镇新村村党支部书记邱娇说，要带头干。", {"安吉县", "孝丰镇", "新村村"}),
    ("全村村干部参加会议。", set()),
    # ... or after a stop of a tour (第一站, 首站), which is no part of its name
    ("观摩的第一站岩溪村党支部书记王晓东介绍了经验。", {"岩溪村"}),
    # a phrase shaped like a unit that is none (通过村…, 新农村), nor one holding a verb or a
    # preposition (要严格按照镇…), a clause's number (第四条村…) or 乡 of 乡村, 乡镇
    ("天等县通过村级组织建设新农村。", {"天等县"}),
    ("天等县要严格按照镇党委的部署要求推进。", {"天等县"}),
    ("第二章 职责任务\n第四条村党组织书记主持村党组织全面工作。", set()),
    ("天等县紧紧围绕乡村振兴开展工作。", {"天等县"}),
    ("会上，确保镇政府财政收支平衡。", set()),
    # ... nor a kind of village that cadre work sorts villages into (贫困村, 软弱涣散村)
    ("天等县召开会议。在贫困村，驻村干部走访农户；在软弱涣散村，第一书记带头整改。", {"天等县"}),
    # a banner by its conventional abbreviation
    ("科右前旗召开干部大会。", {"科尔沁右翼前旗"}),
    # a city's short name that begins an idiom of the genre (文山会海) is no place
    ("竹溪县着力解决文山会海问题。", {"竹溪县"}),
    # a place named only in an outlet's name is in another's name (十堰日报), not one the article tells of;
    # a dateline's place (南京1月7日电) is where the news comes from
    ("十堰日报讯 通讯员 莫仕龙 报道：日前，房县建立容错纠错机制。", {"房县"}),
    ("新华社南京1月7日电 座谈会6日在苏州市吴江区举行。", {"南京市", "苏州市", "吴江区"}),
    # a town and its village written as one chain place each other, and the town is itself
    # wherever it is named again
    ("宋家镇宋家村退休老支书宋传胜说。宋家镇利用春节的时机，组织开展走访活动。", {"宋家镇", "宋家村"}),
    ("表扬的村长：湖西乡尖山村王家兴、白沙乡后寮村叶文泉。", {"湖西乡", "尖山村", "白沙乡", "后寮村"}),
    # an evaluative word before 村 names no village (金牌村支书: a gold-medal village secretary)
    ("吉县启动“金牌村支书”培育工程。", {"吉县"}),
    # a district named only by its short name, in a line and an outlet's name, where 全区 and 区委 speak of
    # its level; 兴业 inside 新兴业态 is a word, no county
    ("长乐新闻网讯 全区组织工作会议召开。区委书记许南吉出席。要推动长乐高质量发展，探索新兴业态党建。",
     {"长乐区"}),
    # a town by name + suffix listed with towns the gazetteer knows (槎水镇 after 黄柏镇、)
    ("市委书记带队到塔畈乡、官庄镇、黄柏镇、槎水镇实地督导调研。", {"塔畈乡", "官庄镇", "黄柏镇", "槎水镇"}),
    # ... or three villages by name + suffix listed alone (two are no list of places: 东风村、红旗村两个村)
    ("杨湾村、新塘村、黄泥冲村、石桥村等4个村的党支部书记依次登台。", {"杨湾村", "新塘村", "黄泥冲村", "石桥村"}),
    ("会上，东风村、红旗村两个村作了发言。", set()),
    # a village after a verb that names who its post's holder is (安排, 当选, 邀请)
    ("镇里还安排杨柳村党总支书记杨春来担任导师。", {"杨柳村"}),
    # a town by name + suffix opening its sentence, then what goes on from a subject (地处, 则)
    ("枫林乡地处山区，群众居住分散。", {"枫林乡"}),
    ("石门岭镇则把目光投向村级领头雁。", {"石门岭镇"}),
    ("同心县出台十二条措施激励村干部担当作为\n丰泉镇“擂台比武”比出干事劲头\n", {"同心县", "丰泉镇"}),
    # a superlative (最年轻村书记) or a campaign's type word (“…”行动村党组织书记) before 村 is no village
    ("31岁的毛丽芳是此次当选的最年轻村书记。抚州市“头雁竞飞”行动村党组织书记比武。", {"抚州市"}),
]


@pytest.mark.parametrize(("text", "expected"), LOCALITY_SETS)
def test_locality_set(run: Run, text: str, expected: set[str]) -> None:
    assert labels(run(text), "Locality") == expected


def test_a_town_is_itself_wherever_it_is_written_again(run: Run) -> None:
    # 听取官庄镇: a town the gazetteer knows only by a name some counties share, written after a verb,
    # is that town where the article has placed it before (到官庄镇、)
    ex = run("市委书记带队到官庄镇、黄柏镇调研，并专题听取官庄镇工作情况汇报。")
    assert [m.text for m in sorted(ex.mentions, key=lambda m: m.start) if m.cls == "Locality"] == ["官庄镇", "黄柏镇", "官庄镇"]


def test_short_form_is_alt_label_when_full_name_is_named(run: Run) -> None:
    ex = run("台州市黄岩区召开干部大会，黄岩要走在前列。")
    assert labels(ex, "Locality") == {"台州市", "黄岩区"}
    assert "黄岩" in alt_labels(ex, "Locality", "黄岩区")
    assert "黄岩" not in labels(ex, "Locality")


def test_an_autonomous_unit_written_short_is_also_named_with_its_level_word(run: Run) -> None:
    ex = run("甘孜藏族自治州召开会议，甘孜要走在前列。")
    assert {"甘孜", "甘孜州"} <= alt_labels(ex, "Locality", "甘孜藏族自治州")


def test_short_form_without_full_name_is_not_a_locality(run: Run) -> None:
    ex = run("台州市召开会议，黄岩要走在前列。")
    assert labels(ex, "Locality") == {"台州市"}
    assert "黄岩" not in names(ex, "Locality")
    assert "黄岩区" not in names(ex, "Locality")


def test_part_of_follows_the_named_chain(run: Run) -> None:
    ex = run("台州市黄岩区宁溪镇召开干部大会。")
    city, district, town = (entity(ex, "Locality", n) for n in ("台州市", "黄岩区", "宁溪镇"))
    assert district.part_of == city.key
    assert town.part_of == district.key
    # above what the article names, the gazetteer's hierarchy: the province as a Division
    province = next(e for e in ex.entities if e.key == city.part_of)
    assert (province.cls, province.label, province.part_of) == ("Division", "浙江省", None)


# --- Official and Post --------------------------------------------------------------------------

OFFICIALS = [
    # POST、POST NAME: 市委 is the city the article names; 组织部部长 after 台州市委常委 is
    # the committee's department: 台州市委组织部部长
    ("台州市召开会议。市委常委、组织部部长胡鸥说，要担当作为。", "胡鸥", ["台州市委常委", "台州市委组织部部长"]),
    ("台州市召开会议。市委常委、柘汪镇党委书记李杰说，要担当作为。", "李杰", ["台州市委常委", "柘汪镇党委书记"]),
    # a surname of two characters keeps its given name (欧阳/晓东)
    ("台州市召开会议。市委常委、组织部部长欧阳晓东出席会议并讲话。", "欧阳晓东", ["台州市委常委", "台州市委组织部部长"]),
    # a locality's head with its level word written once (石门县长): the county's 县长, no name 石门
    ("石门县长王明表示，要担当。", "王明", ["石门县县长"]),
    ("宜蘭縣長林姿妙表示，感謝村里長的付出。", "林姿妙", ["宜兰县县长"]),
    # a profile's name (NAME，女，…) whatever its surname also means (向 is a preposition too)
    ("向红梅，女，土家族，1982年3月生，现任溆浦县卢峰镇党委书记。", "向红梅", ["卢峰镇党委书记"]),
    # the Youth League's committee (共青团溆浦县委, 团县委) is its own, not the previous post's nor the party's
    ("向红梅，女，1982年生，现任卢峰镇党委书记，曾任思蒙镇副镇长、共青团溆浦县委书记。", "向红梅",
     ["卢峰镇党委书记", "思蒙镇副镇长", "共青团溆浦县委书记"]),
    ("石门县召开会议，团县委书记王明出席。", "王明", ["共青团石门县委书记"]),
    # a numbered item of a notice opening on a profile
    ("拟对以下同志提拔任用：\n1.韩启明，男，1984年8月生，汉族，现任上塘镇党委副书记、镇长，拟任上塘镇党委书记。", "韩启明",
     ["上塘镇党委副书记", "上塘镇镇长"]),
    # a list's line: the name, its sex in brackets, a space, its post
    ("如东县表彰名单\n王晓帆（女）　县委组织部副部长", "王晓帆", ["如东县委组织部副部长"]),
    ("弥勒市表彰名单\n李翠英（女，彝族）　弥阳街道红万村党总支书记", "李翠英", ["红万村党总支书记"]),
    ("汉源县表彰名单\n马志强（彝族）　宜东镇党委副书记", "马志强", ["宜东镇党委副书记"]),
    ("睢宁县表彰名单\n丁　磊　　岚山镇党委书记", "丁磊", ["岚山镇党委书记"]),
    # a dotted name heading a profile; a bureau's party group member, then its deputy head; a note after a post
    ("布尔津县任前公示\n叶尔兰·哈山，男，哈萨克族，1985年9月生，现任冲乎尔镇党委副书记、镇长。", "叶尔兰·哈山",
     ["冲乎尔镇党委副书记", "冲乎尔镇镇长"]),
    ("辰溪县任前公示\n瞿雅琴，女，汉族，1983年5月生，现任县财政局党组成员、副局长。", "瞿雅琴",
     ["辰溪县财政局党组成员", "辰溪县财政局副局长"]),
    ("辰溪县任前公示\n石海涛，男，苗族，1986年2月生，现任上蒲溪瑶族乡五宝田村党支部书记（乡镇事业编制人员）。", "石海涛",
     ["五宝田村党支部书记"]),
    # a profile after its label (人物简介：); a former post in brackets (（曾任…）)
    ("人物简介：彭立春，男，1981年生，中共党员，现任茅坪乡神山村党支部书记、村委会主任。", "彭立春",
     ["神山村党支部书记", "神山村委会主任"]),
    ("克东县召开座谈会。镇党委副书记王思琪（曾任县团委副书记）说，收获很大。", "王思琪", ["镇党委副书记", "克东县团委副书记"]),
    # a level's post after 以 keeps its level word (以镇党委书记…为组长)
    ("糯扎渡镇召开会议，成立以镇党委书记扎努为组长的领导小组。", "扎努", ["糯扎渡镇党委书记"]),
    # a section's deputy head (副股长); 驻 before a locality: that locality's post
    ("首批选派干部代表、县财政局预算股副股长余晨阳作交流发言。", "余晨阳", ["县财政局预算股副股长"]),
    ("宁德市税务局派驻犀溪镇西浦村第一书记蔡晓琳笑着说。", "蔡晓琳", ["西浦村第一书记"]),
    # 丘 a surname; 跟 after a name
    ("策武镇党委书记丘丽华跟我说。", "丘丽华", ["策武镇党委书记"]),
    # a photo caption: the village, a comma, its title and the name (仡仲村,驻村第一书记肖庆仙(左))
    ("贵州省黔西市协和镇仡仲村,驻村第一书记肖庆仙(左)在了解农户种植情况。", "肖庆仙", ["仡仲村驻村第一书记"]),
    # ... or 在 after the comma, and a village's other name in brackets before its title
    ("福建省泉州市高峰村，在驻村第一书记丰晓飞的协调下，医务人员为村民义诊。", "丰晓飞", ["高峰村驻村第一书记"]),
    ("四川凉山州昭觉县阿土列尔村（悬崖村）第一书记帕查有格，组织村民开凿钢梯。", "帕查有格", ["阿土列尔村第一书记"]),
    # a post taken on secondment (挂任)
    ("2023年，张明挂任石门镇党委副书记。", "张明", ["石门镇党委副书记"]),
    # a personnel notice: the post given (任命…为) and the one held until then (免去…的…职务)
    ("县政府研究决定：\n任命姚佳琪为栾川县文化广电和旅游局副局长（试用期一年）；", "姚佳琪", ["栾川县文化广电和旅游局副局长"]),
    ("县政府研究决定：\n免去符建平的栾川县农业农村局局长职务；", "符建平", ["栾川县农业农村局局长"]),
    # a dotted name the list's marks end, whatever its syllables; one heading a list's line
    ("大河镇党委坚持抓干部队伍建设，镇党委书记木拉提·哈森、镇长李春燕多次专题研究。", "木拉提·哈森", ["大河镇党委书记"]),
    ("温宿县表彰公示\n阿不都热合曼·吐尔逊　县人民法院驻恰格拉克乡工作队队长", "阿不都热合曼·吐尔逊",
     ["温宿县人民法院驻恰格拉克乡工作队队长"]),
    # a clause of nothing but posts after a clause a name ends
    ("说话的是吴振宇，县农业农村局乡村振兴股股长，两年来一直驻村。", "吴振宇", ["县农业农村局乡村振兴股股长"]),
    # a banner's and an autonomous prefecture's heads (旗长, 州长)
    ("翁牛特旗召开大会。旗委副书记、旗长孟凡军主持。", "孟凡军", ["翁牛特旗委副书记", "翁牛特旗旗长"]),
    ("黔东南州召开会议，州委副书记、州长罗强出席。", "罗强", ["黔东南苗族侗族自治州委副书记", "黔东南苗族侗族自治州州长"]),
    # an adverb's character ends a name of three where 等 closes a list after it (段永刚等县领导)
    ("宾川县召开会议。罗志华，县委副书记、县长段永刚等县领导担任评委。", "段永刚", ["宾川县委副书记", "宾川县县长"]),
    # the unit that sent the holder, in the brackets of a name's post
    ("沂南县表扬第一书记。\n王　磊（县财政局派驻依汶镇后峪子村第一书记）", "王磊", ["后峪子村第一书记"]),
    # a transliterated name of five before the speech it makes (作交流发言)
    ("翁牛特旗召开会议。白音套海苏木党委书记乌云其其格作交流发言。", "乌云其其格", ["白音套海苏木党委书记"]),
    # an official named before, right before the verb with 同志; the next clause's 兼任 is his too
    ("旗委副书记巴特尔同志出席。据悉，主讲人巴特尔同志现任旗委副书记，兼任旗委党校校长。", "巴特尔",
     ["旗委副书记", "旗委党校校长"]),
    # a site's tag heading a profile is no part of its sentence
    ("【人物简介】向红梅，女，1976年生，现任溆浦县委常委、组织部部长。", "向红梅", ["溆浦县委常委", "溆浦县委组织部部长"]),
    # a profile's name of no Han surname; a 嘎查's committee written with its level word once
    ("其其格，女，蒙古族，1982年生，现任查干诺尔嘎查党支部书记、嘎查委员会主任。", "其其格",
     ["查干诺尔嘎查党支部书记", "查干诺尔嘎查委员会主任"]),
    # 他 after the time its sentence is set in stands for the official named before
    ("后峪子村党支部书记孙立平带头致富。2008年至2014年，他曾任村委会委员。", "孙立平",
     ["后峪子村党支部书记", "后峪子村委会委员"]),
    # posts in brackets right after the name (NAME（POST、POST）)
    ("获奖者中，崔英淑（八家子镇党委书记）扎根基层20年。", "崔英淑", ["八家子镇党委书记"]),
    ("石门县召开会议，会议由贾平（县委常委、宣传部部长）主持。", "贾平", ["石门县委常委", "石门县委宣传部部长"]),
    # brackets that open with the sex (（女，…）), a bureau of development and reform, a section (股)
    ("名单如下：\n何丽萍（女，柘汪镇党委书记）\n赵德胜（县发展和改革局局长）\n", "赵德胜", ["县发展和改革局局长"]),
    ("名单如下：\n何丽萍（女，柘汪镇党委书记）\n赵德胜（县发展和改革局局长）\n", "何丽萍", ["柘汪镇党委书记"]),
    # a name of two a list pads to the width of three (蒋　文)
    ("名单如下：\n唐建军（酉溪镇党委书记）\n蒋\u3000文（县委组织部干部一股股长）\n", "蒋文", ["县委组织部干部一股股长"]),
    # a county the gazetteer knows as a city since (监利县 -> 监利市): its bare posts are named as the article writes it
    ("监利县召开会议。县委常委、纪委书记王东说，县长李强也来了。", "李强", ["监利县县长"]),
    # after a committee's post, the level's other bodies are the level's, not the committee's (纪委, 人大, 公安局)
    ("监利县召开会议。县委常委、纪委书记王东说，县长李强也来了。", "王东", ["监利县委常委", "监利县纪委书记"]),
    ("头陀镇召开会议。镇党委副书记、人大主席冯军说，要担当。", "冯军", ["头陀镇党委副书记", "头陀镇人大主席"]),
    # a town the gazetteer knows once gives the county its bare posts are of, where the article names none
    # (西店镇 is 宁海县's); a town several counties have (中山镇) gives none
    ("县委常委、西店镇党委书记叶秀高表示，要实干。", "叶秀高", ["宁海县委常委", "西店镇党委书记"]),
    ("县委常委、中山镇党委书记叶秀高表示，要实干。", "叶秀高", ["县委常委", "中山镇党委书记"]),
    # ... as towns of several counties do where one county has them all (官庄镇 is 潜山市's and eight others');
    # 市 of an article that names no prefecture is that county-level city, a prefecture named keeps its 市
    ("市委书记王国林带队到塔畈乡、官庄镇、黄柏镇、槎水镇实地督导调研。", "王国林", ["潜山市委书记"]),
    ("宁德市召开会议。市委书记王国林到沙埕镇调研。", "王国林", ["宁德市委书记"]),
    ("天等县召开会议。县委常委、组织部部长冯军，县委常委、公安局局长李强出席。", "李强", ["天等县委常委", "天等县公安局局长"]),
    # ... but the cadre bureau (老干部局: 老 is its name's, no tenure) is the committee's own
    ("天等县召开会议。县委常委、老干部局局长冯军出席。", "冯军", ["天等县委常委", "天等县委老干部局局长"]),
    # an autonomous unit's level word (自治区, 自治州, 自治县) stands for the one the article names, as 县 does
    ("广西壮族自治区召开会议。自治区党委书记李四说，自治区主席王五也来了。", "王五", ["广西壮族自治区主席"]),
    ("互助土族自治县召开会议。自治县县长马成出席。", "马成", ["互助土族自治县县长"]),
    ("新疆维吾尔自治区召开会议。自治区党委常委、组织部部长张三出席。", "张三",
     ["新疆维吾尔自治区党委常委", "新疆维吾尔自治区党委组织部部长"]),
    # a bare title the article also gives the official with its unit is no post of its own (乡长 beside 杜堂乡乡长)
    ("石门县召开会议。张国胜到某乡任乡长，后又调任杜堂乡乡长。", "张国胜", ["杜堂乡乡长"]),
    # a post a verb gives in a time clause (担任…以来，当选…后，): held from then on
    ("石门县召开会议。王建国担任县委书记以来，修了很多路。", "王建国", ["石门县委书记"]),
    ("石门县召开会议。2011年，李强当选村党支部书记后，带领村民致富。", "李强", ["村党支部书记"]),
    # a community's bodies keep its level word where no community is named (社区党委书记, not 党委书记)
    ("社区党委书记钱芳芳说，社区居委会主任王强也来了。", "钱芳芳", ["社区党委书记"]),
    # a league's committee (盟委) is the league's
    ("兴安盟召开会议。盟委组织部副部长刘建军宣读了文件。", "刘建军", ["兴安盟委组织部副部长"]),
    # a name of four or five characters from a delimiter to 同志 (乌云其木格同志), and one the segmenter
    # keeps whole before 同志 and a verb (巴特尔同志任…)
    ("宣布决定：巴特尔同志任科尔沁右翼前旗委书记；乌云其木格同志任旗委副书记。", "乌云其木格", ["科尔沁右翼前旗委副书记"]),
    ("宣布决定：巴特尔同志任科尔沁右翼前旗委书记；乌云其木格同志任旗委副书记。", "巴特尔", ["科尔沁右翼前旗委书记"]),
    # ... not a decision's verb before a name (决定王建国同志任…)
    ("经研究，决定王建国同志任石门县委副书记。", "王建国", ["石门县委副书记"]),
    # a name of three the segmenter reads as two and a character before a boundary word (马成/林/出席)
    ("互助土族自治县召开会议。县委副书记马成林出席开班式并作动员讲话。", "马成林", ["互助土族自治县委副书记"]),
    # titles of a committee's deputy secretary-general and a party school's first head
    ("巴中市召开会议。市委副秘书长、市委组织部副部长苟建明出席。", "苟建明", ["巴中市委副秘书长", "巴中市委组织部副部长"]),
    # posts in brackets after one in apposition, opened by 兼任: the posts of both
    ("茶阳镇召开会议。镇党委书记邱志远（兼任镇人大主席）表示，要担当。", "邱志远", ["茶阳镇党委书记", "茶阳镇人大主席"]),
    # surnames of the Korean Chinese (朴)
    ("和龙市召开会议，市委书记朴成龙为获奖者颁奖。", "朴成龙", ["和龙市委书记"]),
    # a level's head written after the name as an honorific is that level's head all the same
    ("石门县召开会议。会议由王建国县长主持。", "王建国", ["石门县县长"]),
    # 以…为组长: the name ends before 为, and the role made (组长) is no post of the next name's list
    ("黄岩区成立以区委书记徐淼为组长的领导小组。", "徐淼", ["黄岩区委书记"]),
    ("黄岩区成立以区委书记徐淼为组长、区长李强为副组长的领导小组。", "李强", ["黄岩区区长"]),
    # 为 introducing whom the name acts for ends the name (李强为…颁奖), not a given name's 为 (李有为指出)
    ("黄岩区召开大会，区委书记李强为获评“优秀村党组织书记”的20名同志颁奖。", "李强", ["黄岩区委书记"]),
    ("黄岩区召开大会，区委书记李有为指出，要担当作为。", "李有为", ["黄岩区委书记"]),
    # a unit's head with its unit word written once (教育局长, 民政處長)
    ("石门县教育局长王明说，要担当。", "王明", ["石门县教育局长"]),
    ("台東縣政府民政處長林淑芬表示，要担当。", "林淑芬", ["台东县政府民政处长"]),
    # a member of a government's party group (区政府党组成员)
    ("黄陂区委常委、区政府党组成员、区委统战部部长张国金出席会议并讲话。", "张国金",
     ["黄陂区委常委", "黄陂区政府党组成员", "黄陂区委统战部部长"]),
    # a post given by a verb with an aspect word (担任过) or a county after 任 (曾任石门县委书记)
    ("王明担任过石门县委书记，李强曾任石门县委副书记。", "王明", ["石门县委书记"]),
    ("王明曾任石门县委书记。", "王明", ["石门县委书记"]),
    # a profile's heading line: the name, then the posts that end the line
    ("谢莉萍临安市天目山镇党委副书记、镇长\n2011年，她严格落实多方审核制度。", "谢莉萍", ["天目山镇党委副书记", "天目山镇镇长"]),
    # a level's title after a conjunction is that level's (王明和县长李强), no place's tail
    ("石门县委书记王明和县长李强出席。", "李强", ["石门县县长"]),
    # a zone named after a locality keeps its name (福州新区管委会副主任)
    ("福州新区管委会副主任、区委书记许南吉出席会议。", "许南吉", ["福州新区管委会副主任", "区委书记"]),
    # a name an honorific marks (王明同志) keeps the post a verb gives it
    ("王明同志现任石门县委书记。", "王明", ["石门县委书记"]),
    # a note on how the post is held between the title and the name (（挂职）, （代）)
    ("天等县委常委、副县长（挂职）赵德庆出席会议。", "赵德庆", ["天等县委常委", "天等县副县长"]),
    # a space between the title and the name, as web copies and signatures set it
    ("湖州市委常委、安吉县委书记 杨卫东说，要担当。", "杨卫东", ["湖州市委常委", "安吉县委书记"]),
    # a surname of 百家姓 from the south (裘)
    ("孝丰镇横溪坞村党总支书记裘松伟说，要担当。", "裘松伟", ["横溪坞村党总支书记"]),
    # a two-character name the segmenter splits (李/杰说): exact span, not 李杰说
    ("柘汪镇党委书记李杰说，要担当作为。", "李杰", ["柘汪镇党委书记"]),
    ("赣榆区柘汪镇党委书记李杰说，要担当作为。", "李杰", ["柘汪镇党委书记"]),
    # a city department post
    ("金华市委组织部部长胡鸥介绍，要担当作为。", "胡鸥", ["金华市委组织部部长"]),
    # a short committee form qualified by the locality named in the sentence
    ("黄岩区委书记徐淼、区委副书记王军出席会议。", "王军", ["黄岩区委副书记"]),
    # a level after a preposition is the article's county's (由县政协主席), not a name's tail
    ("澧县召开会议。开班仪式由县政协主席张晓莲同志主持。", "张晓莲", ["澧县政协主席"]),
    # a department's post after a member of a committee whose place is unnamed is still the committee's
    ("近日，区委组织部召开座谈会，区委常委、组织部部长孙学伟出席会议。", "孙学伟", ["区委常委", "区委组织部部长"]),
    # ... an autonomous region's or county's, whose level word is 自治区 / 自治县 (not 区 or 县)
    ("会上，自治区党委常委、组织部部长艾尔肯·吐尼亚孜作动员讲话。", "艾尔肯·吐尼亚孜", ["自治区党委常委", "自治区党委组织部部长"]),
    ("自治县委常委、宣传部部长王建国出席会议。", "王建国", ["自治县委常委", "自治县委宣传部部长"]),
    # ... but not after the region's own short name (广西自治区), where the innermost locality's post is
    ("广西自治区来宾市象州县委书记龙秀出席会议。", "龙秀", ["象州县委书记"]),
    # a dotted name before the head's title of the article's county
    ("石门县召开会议，会上，艾尔肯·吐尼亚孜县长讲话。", "艾尔肯·吐尼亚孜", ["石门县县长"]),
    # a bare title after the post that leads a unit's party group or committee is the unit's own
    ("天等县教育局党组书记、局长王建国出席会议。", "王建国", ["天等县教育局党组书记", "天等县教育局局长"]),
    ("十堰广播电视台党委书记、台长姚峰一行来到村里。", "姚峰", ["十堰广播电视台党委书记", "十堰广播电视台台长"]),
    # ... a level's congress and conference, and a deputy whose rank is written before 副 (常务副主席)
    ("天等县政协党组书记、主席王建国出席会议。", "王建国", ["天等县政协党组书记", "天等县政协主席"]),
    ("天等县政协党组书记、常务副主席王建国出席会议。", "王建国", ["天等县政协党组书记", "天等县政协常务副主席"]),
    # the people's organisations beside 妇联 (总工会, 科协), after a committee's post still the level's
    ("天等县委常委、县总工会主席王建国出席会议。", "王建国", ["天等县委常委", "天等县总工会主席"]),
    ("天等县人大常委会副主任、县科协主席王建国出席会议。", "王建国", ["天等县人大常委会副主任", "天等县科协主席"]),
    # the names listed under one title many hold, or in a list 等 closes, each hold it
    ("县委常委王建国、李文华出席会议。", "李文华", ["县委常委"]),
    ("驻村第一书记王建国、李文华等参加培训。", "李文华", ["驻村第一书记"]),
    # ... a title of villages (村党组织书记) whose village is unnamed, and a list that ends its sentence
    ("村党组织书记王建国、李文华出席会议。", "李文华", ["村党组织书记"]),
    ("出席会议的有县委常委王建国、李文华、王敏。", "王敏", ["县委常委"]),
    # an honour before a post (优秀, 十佳) and a function word before its level word (了) are no place's name
    ("会议表彰了优秀村党组织书记王建国、李文华。", "李文华", ["村党组织书记"]),
    ("会上，十佳村党支部书记王建国发言。", "王建国", ["村党支部书记"]),
    ("记者见到了村党支部书记王建国。", "王建国", ["村党支部书记"]),
    # ... nor a verb's complement (说起): no village of that name
    ("说起村党支部书记王建国，村民们竖起大拇指。", "王建国", ["村党支部书记"]),
    # a village found by its post with when the post was taken up between (新任, 老), and 由 before it (who runs an act)
    ("岩溪村新任党支部书记王建国说，要带头干。", "王建国", ["岩溪村党支部书记"]),
    ("会议由岩溪村党支部书记王建国主持。", "王建国", ["岩溪村党支部书记"]),
    # which holder of the post, or how long ago, is not the post: no organisation 青山镇第三任老
    ("青山镇第三任老书记王建国回忆说。", "王建国", ["青山镇书记"]),
    ("岩溪村新一届党支部书记王建国表示。", "王建国", ["岩溪村党支部书记"]),
    # 牵头 after the name: what its holder does
    ("县委书记王建国牵头。", "王建国", ["县委书记"]),
    # a civil-service rank is a post (二级巡视员, 一级调研员)
    ("县人大常委会二级巡视员王建国出席会议。", "王建国", ["县人大常委会二级巡视员"]),
    # village posts
    ("村支书陈重良说，要带头干。", "陈重良", ["村支书"]),
    # a full unit name + 委: the committee of that unit, whether or not its short form occurs
    ("黄岩区委书记徐淼说，要担当作为。", "徐淼", ["黄岩区委书记"]),
    ("天等县委常委、组织部部长赵德庆说，要担当作为。", "赵德庆", ["天等县委常委", "天等县委组织部部长"]),
    # when the post was taken up is no part of it, nor an organisation (新任, 原)
    ("也是新任村支书陈重良待客做事的口号。", "陈重良", ["村支书"]),
    ("原第一书记李明说，要带头干。", "李明", ["第一书记"]),
    # the bodies of a development zone and a county's working groups qualify their posts
    ("高新区党工委委员、管委会副主任齐华兵出席。", "齐华兵", ["高新区党工委委员", "管委会副主任"]),
    ("会上，县考核组组长王海峰作动员讲话。", "王海峰", ["县考核组组长"]),
    # village posts of the genre's closed class (党务工作者)
    ("岩溪村党务工作者王晓东入户走访。", "王晓东", ["岩溪村党务工作者"]),
    # a stop of a tour (第一站) is no organisation of the post after it
    ("观摩的第一站岩溪村党支部书记王晓东介绍了经验。", "王晓东", ["岩溪村党支部书记"]),
    # a post given by a verb after the name (担任, 出任, 是)
    ("28岁的刘明担任岩溪村党支部书记。", "刘明", ["岩溪村党支部书记"]),
    # ... with how long it has been held after it (已有10年, 十多年来: a time, no name)
    ("刘明担任岩溪村党支部书记已有10年。", "刘明", ["岩溪村党支部书记"]),
    # ... with the year it was taken up between the name and the verb (于2018年, 2018年起), or by 作为, 被选为
    ("刘明于2018年当选岩溪村党支部书记。", "刘明", ["岩溪村党支部书记"]),
    ("刘明2018年起任岩溪村党支部书记。", "刘明", ["岩溪村党支部书记"]),
    ("刘明作为岩溪村党支部书记，带头干。", "刘明", ["岩溪村党支部书记"]),
    ("2015年，刘明被选为岩溪村党支部书记。", "刘明", ["岩溪村党支部书记"]),
    ("刘明担任岩溪村党支部书记十多年来，带领村民致富。", "刘明", ["岩溪村党支部书记"]),
    # a sentence opening on one named before, described by a post (这位…的POST，), after a clause's head name
    ("近年来，村民们都说，王建国是个实在人。这位岩溪村的党支部书记，已经在村里干了十年。", "王建国", ["岩溪村党支部书记"]),
    ("自2019年以来，王建国已近60天没有回家。这位安远县朗峰乡的乡长，从不叫苦。", "王建国", ["朗峰乡乡长"]),
    ("王建国每天都到田间地头走一走。这位村党支部书记说，要带头干。", "王建国", ["村党支部书记"]),
    # ... and which one (这位, 一名) is no part of the post before a name
    ("这位村党支部书记王建国说，要带头干。", "王建国", ["村党支部书记"]),
    # a notice's post given and the one held until then (任命…为…，免去其…职务); one name a clause each (…，李强任县长),
    # a name of three the segmenter runs into the verb (熊卫/东任/县…)
    ("会议研究决定，任命汪立群为青枫镇党委书记，免去其青枫镇镇长职务。", "汪立群", ["青枫镇党委书记", "青枫镇镇长"]),
    ("王明任县委书记，李强任县长。", "李强", ["县长"]),
    ("张晓岚任县发展和改革委员会主任，熊卫东任县交通运输局局长。", "熊卫东", ["县交通运输局局长"]),
    # a career: a clause of posts alone goes on with the verb before it; steps after ； share the first's subject
    ("王建国先后任石鼓乡团委书记、副乡长，双河口镇党委副书记、镇长。2011年，他接任双河口镇党委书记；2016年调任樟木坝镇党委书记。",
     "王建国", ["石鼓乡团委书记", "石鼓乡副乡长", "双河口镇党委副书记", "双河口镇镇长", "双河口镇党委书记", "樟木坝镇党委书记"]),
    # a relative clause after how long the post has been held (已有十二年的), on a name the segmenter reads whole
    ("担任村党支部书记已有十二年的王德全指着墙面说。", "王德全", ["村党支部书记"]),
    ("今年3月起担任县委组织部副部长的汪丽萍具体负责这项工作。", "汪丽萍", ["县委组织部副部长"]),
    # a kind of cadre closing the clause before is no name (是一名80后干部，), nor a time (次年兼任)
    ("王文军是一名80后干部，2021年当选马家塬村党支部书记，次年兼任村委会主任。", "王文军", ["马家塬村党支部书记", "马家塬村委会主任"]),
    # the south's surnames (盘, 谌); a town after 的 (随团考察的桐坞乡党委书记)
    ("什隆村党支部书记兼村委会主任盘金花作为土专家走上讲台。", "盘金花", ["什隆村党支部书记", "什隆村委会主任"]),
    ("随团考察的桐坞乡党委书记吴志刚感触颇深。", "吴志刚", ["桐坞乡党委书记"]),
    # 任 inside a rank's title (四级主任科员) gives no post; a development zone by its short form (经开区)
    ("在青枫镇石门村，青枫镇四级主任科员、石门村驻村工作队队长蒋小燕正查看茶园。", "蒋小燕", ["青枫镇四级主任科员", "石门村驻村工作队队长"]),
    ("汴河经开区党工委书记宋立新说。经开区投资促进局局长刘晓鸥说。", "刘晓鸥", ["经开区投资促进局局长"]),
    # a name with its post in brackets as a comparison's example (像刘芳芳（…）这样的)
    ("首批导师中，有不少是像刘芳芳(翠竹园社区党委副书记)这样的老社工。", "刘芳芳", ["翠竹园社区党委副书记"]),
    # a post proposed (拟任) goes on from no post held before it
    ("吴志坚，男，1979年2月生，现任县财政局副局长，拟任县财政局局长；", "吴志坚", ["县财政局副局长"]),
    # Dai and Tibetan names (岩罕, 央金); 向 as a surname before a profile's bracketed post
    ("县委副书记、县长岩罕则要求，各乡镇要抓好落实。", "岩罕", ["县委副书记", "县长"]),
    ("受表彰的有：梁玉兰（枫木坳镇梅子冲村党支部书记）、向建平（杉木桥镇杨柳湾村党支部书记）。", "向建平", ["杨柳湾村党支部书记"]),
    # ... a relative clause on the name with when the post was taken up before its verb (去年底任…的, 换届后当选…的)
    ("去年底任岩溪村党支部书记的王建国说，收获很大。", "王建国", ["岩溪村党支部书记"]),
    ("2019年换届后当选岩溪村党支部书记的王建国坦言，很紧张。", "王建国", ["岩溪村党支部书记"]),
    # 向 is a surname in a list after a title (向红梅等出席), a preposition before a verb (书记向上级表示)
    ("县委常委、组织部部长向红梅等出席。", "向红梅", ["县委常委", "县委组织部部长"]),
    # a transliterated name of three, all of the syllables such names are written with (拉毛吉)
    ("城关镇幸福社区党委书记拉毛吉对此深有感触。", "拉毛吉", ["幸福社区党委书记"]),
    # ... or of four or more undotted, where the syllables end (孟和巴特尔|现身说法)
    ("培训班邀请红旗嘎查党支部书记孟和巴特尔现身说法。", "孟和巴特尔", ["红旗嘎查党支部书记"]),
    # ... the post named as a post (担任…一职), and the verb's start (开始担任, 正式担任)
    ("刘明担任岩溪村党支部书记一职，带领村民致富。", "刘明", ["岩溪村党支部书记"]),
    ("2015年，刘明开始担任岩溪村党支部书记。", "刘明", ["岩溪村党支部书记"]),
    # a unit, 的, then its committee's title (朗峰镇的党委书记)
    ("近日，记者来到天等县朗峰镇。朗峰镇的党委书记刘明说，要带头干。", "刘明", ["朗峰镇党委书记"]),
    ("“我叫刘明，28岁，是天等县朗峰镇党政办工作人员”。", "刘明", ["天等县朗峰镇党政办工作人员"]),
    # a unit in a zone (综保区) is an organisation of the post
    ("32岁的李钦毕业后，出任黄花综保区服务中心主任。", "李钦", ["黄花综保区服务中心主任"]),
    # national bodies (全国政协, 政治局) and a delegation's head (代表团团长)
    ("中共中央政治局常委、全国政协主席、中央代表团团长王国平讲话。", "王国平",
     ["中共中央政治局常委", "全国政协主席", "中央代表团团长"]),
    # organisation chains of any depth: a section (科, 处) inside a department, a county's working team
    ("天等县委组织部干部科科长赵德庆说，要担当作为。", "赵德庆", ["天等县委组织部干部科科长"]),
    ("天等县驻村工作队队长赵德庆说，要担当作为。", "赵德庆", ["天等县驻村工作队队长"]),
    # a village's party branch and its committee (村委会: the committee named with its level word)
    ("洪屿村党支部书记、村委会主任陈重良说，要带头干。", "陈重良", ["洪屿村党支部书记", "洪屿村委会主任"]),
    # ... and its supervisory committee (村监委会), named like its committee
    ("洪屿村党支部书记陈重良、村监委会主任王敏等参加。", "王敏", ["洪屿村监委会主任"]),
    ("洪屿村村监委会主任王敏说，要带头干。", "王敏", ["洪屿村监委会主任"]),
    # 会同 (jointly with) joins two bodies: it is no part of a unit's name
    ("县纪委监委会同组织部主任王敏说，要带头干。", "王敏", ["组织部主任"]),
    # a committee's own titles (组织部长, 组织委员) after a post of the committee are the committee's
    ("天等县委常委、组织部长赵德庆说，要担当作为。", "赵德庆", ["天等县委常委", "天等县委组织部长"]),
    ("柘汪镇党委副书记、组织委员李杰说，要担当作为。", "李杰", ["柘汪镇党委副书记", "柘汪镇党委组织委员"]),
    # two posts joined by 兼, each qualified as in a list
    ("天等县委常委兼组织部部长赵德庆说，要担当作为。", "赵德庆", ["天等县委常委", "天等县委组织部部长"]),
    # a development zone's bodies after its first (高新区党工委…、管委会…)
    ("高新区党工委副书记、管委会副主任赵士利出席。", "赵士利", ["高新区党工委副书记", "高新区管委会副主任"]),
    # ... a zone written 区 alone, as a 党工委 is no district's (a district has a 区委)
    ("区党工委委员、管委会副主任黄慧林出席。", "黄慧林", ["区党工委委员", "区管委会副主任"]),
    # a bare committee member (常委, 委员) whose committee is lost or unnamed holds no post; the
    # official stays
    ("?h委常委、组织部长何吉洲出席了开班典礼。", "何吉洲", ["组织部长"]),
    ("黄陂支社委员张丽说，要担当作为。", "张丽", []),
    # a surname of Guangxi (磨)
    ("柘汪镇党委组织委员磨建华说，要带头干。", "磨建华", ["柘汪镇党委组织委员"]),
    # a town's centre (经济发展中心) and a surname of Zhejiang (楼)
    ("义乌市佛堂镇经济发展中心副主任楼建平说，要带头干。", "楼建平", ["佛堂镇经济发展中心副主任"]),
    # a verb splitting the unit from the title: 在UNIT任TITLE
    ("赵德庆曾在天等县委组织部任科员。", "赵德庆", ["天等县委组织部科员"]),
    # a relative clause on the name: VERB POST 的 (POST) NAME
    ("曾担任岩溪村党支部书记的刘明说，要带头干。", "刘明", ["岩溪村党支部书记"]),
    ("“很受鼓舞。”刚刚晋升为一级主任科员的黄岩区发改委主任刘明说道。", "刘明", ["一级主任科员", "黄岩区发改委主任"]),
    # the name opens the verb's clause right before it (成为, 被任命为), a classifier before the post
    ("2018年，刘明成为一名驻村第一书记。", "刘明", ["驻村第一书记"]),
    ("1994年4月，刘明被任命为柘汪镇党委书记。", "刘明", ["柘汪镇党委书记"]),
    # the name closes the clause before the verb's
    ("25岁的返乡青年刘明，从一名后备干部成长为岩溪村党支部书记。", "刘明", ["岩溪村党支部书记"]),
    # an anaphor opening the sentence (这位…, 他) for the official named in the sentence before
    ("岩溪村党务工作者王晓东入户走访。王晓东是其中一员。这位年轻人，现已成长为岩溪村党支部书记、村委会主任。",
     "王晓东", ["岩溪村党务工作者", "岩溪村党支部书记", "岩溪村委会主任"]),
    # ... or for the head name of the sentence before, across a paragraph break
    ("在天等县工作28年，50岁的刘明第一次在农村度过国庆假期。\n他在县城的身份是天等县委组织部干部科科长。",
     "刘明", ["天等县委组织部干部科科长"]),
    # a village's own role after 的 is the village's (院坝村文书), 村 no tail of another name
    ("水城县院坝村变化很大。记者看到正在忙碌的村文书廖敏敏。", "廖敏敏", ["院坝村文书"]),
]


@pytest.mark.parametrize(("text", "official", "posts"), OFFICIALS)
def test_official_holds_posts(run: Run, text: str, official: str, posts: list[str]) -> None:
    ex = run(text)
    assert official in labels(ex, "Official")
    held = held_posts(ex, official)
    assert len(held) == len(posts), held
    for post in posts:
        assert any(post in h for h in held), (post, held)


OFFICIAL_SETS = [
    # a time after a title is no transliterated name (村党支部书记十多年来)
    ("当了村党支部书记十多年来，他带领村民致富。", set()),
    # a course's trainee, named right after the word, is presented as a cadre (参训学员宋文玥表示); the trainees
    # as a body name nobody
    ("参训学员宋文玥表示，收获很大。开班仪式上，学员代表杨茂文作了表态发言，学员们认真听讲。", {"宋文玥", "杨茂文"}),
    # a scholar quoted as an expert holds no cadre's post (南京农业大学…副院长); a cadre college's head does
    ("南京农业大学经济管理学院副院长耿献辉表示，乡村振兴要靠人才。", set()),
    ("中国浦东干部学院副院长王明授课。", {"王明"}),
    # a function word's surname before a quoted thing is a verb phrase; after a title a group shares, a verb
    ("三江镇召开会议。各乡镇党委书记要当好“传帮带”的第一责任人。", set()),
    ("该措施为驻村干部解决后顾之忧。", set()),
    ("2011年，在外经营农机生意的邹宏亮回到村里，高票当选村党支部书记。", {"邹宏亮"}),
    # a title glossed in brackets (苏木达（乡镇长）) is no name
    ("全旗14个苏木乡镇的党委书记、苏木达（乡镇长）逐一登台。", set()),
    # 那日苏 is a name; 那时, 那年 are not
    ("敖汉旗召开推进会。旗领导刘振宇、那日苏、宋佳出席会议。", {"刘振宇", "那日苏", "宋佳"}),
    # a place the article names before a head's title is the place's head (吉安乡长), no name
    ("民政处长陈美玲、吉安乡长游志明也出席开幕式。在吉安乡庆丰村活动中心举办。", {"陈美玲", "游志明"}),
    # 他 two sentences on is the official the paragraph last named; 那时 and 桂花村 are no names
    ("镇党委书记赵德明说。2011年，赵德明回到家乡。那时的桂花村道路泥泞、产业空白。2014年，他当选村委会副主任。", {"赵德明"}),
    # a transliterated name after a title, which the Han reading would cut inside a word, is read whole
    ("博斯腾湖乡党委书记于里木杰介绍，县委书记艾尔肯·吐尼亚孜强调，要担当。", {"于里木杰", "艾尔肯·吐尼亚孜"}),
    ("村第一书记帕查有格，组织村民开凿天梯。乡党委书记次仁多吉说，要担当。", {"帕查有格", "次仁多吉"}),
    # ... or where a list's mark follows it, as after a Han name (次仁多吉、乡长…)
    ("乡党委书记次仁多吉、乡长扎西平措参加活动。", {"次仁多吉", "扎西平措"}),
    # ... or where the official goes somewhere (到, 赴, 深入), as Yi names do (吉克阿依到村调研)
    ("镇长吉克阿依到村调研，县委书记沙马拉毅、县长阿鲁斯基出席。", {"吉克阿依", "沙马拉毅", "阿鲁斯基"}),
    # ... six long where every character is a syllable, and opened by 那 (那木吉拉), a function word in Han text
    ("副旗长额尔敦巴雅尔在会上讲话，嘎查达那木吉拉说，要担当。", {"额尔敦巴雅尔", "那木吉拉"}),
    # ... ending where its syllables do (|作动员讲话)
    ("会上，县委书记艾尔肯·吐尼亚孜作动员讲话。", {"艾尔肯·吐尼亚孜"}),
    # ... or before the speech it makes, whatever its syllables
    ("县委常委、组织部部长艾尔肯·吐尔逊作开班讲话。", {"艾尔肯·吐尔逊"}),
    # ... even where its first part's Han reading would end well (阿不|都: 都 ends names), and before a title
    ("乡党委副书记阿不都·热合曼讲话，马文·阿不都热依木书记强调，要担当。", {"阿不都·热合曼", "马文·阿不都热依木"}),
    # ... but not a slogan's two halves
    ("“宝地先锋·党课宣讲团”书记说，要担当。", set()),
    # a name of two before an honorific title, which the segmenter cuts in two (徐/淼/书记)
    ("会上，徐淼书记在调研时强调，要抓好干部队伍建设。", {"徐淼"}),
    # a town's cadre named after the words (镇干部王文杰): a cadre, with no post
    ("镇干部王文杰正在值班，乡干部李强说，好。", {"王文杰", "李强"}),
    # ... never an act (参加比武) nor a Han name before a word (李强|调研)
    ("村党组织书记参加比武，县委书记王建民强调，要担当。", {"王建民"}),
    # an adverb's character ends a name of three where a list's mark follows it (尚显刚，), not where a verb does
    ("温泉村驻村第一书记尚显刚，高田村驻村第一书记陈恒红参加。县委书记于涵正梳理工作。", {"尚显刚", "陈恒红", "于涵"}),
    # an adverb's character is a name of two's given name after a common surname (冯刚), never after a time word (时曾在)
    ("县长冯刚出席，县委书记时曾在乡镇工作。", {"冯刚"}),
    # ... not a title one holds at a time, in a list that goes on
    ("县委书记王建国、李文华出席会议。", {"王建国"}),
    # a rarer surname of the 百家姓 (漆), its name ended by what the official does (携…)
    ("市文旅局開展行動，一級調研員漆學敏攜機關工作人員送去清涼。", {"漆学敏"}),
    # 位 may begin a given name of three characters, never stand in one of two (常委单位 is a unit)
    ("在远口村党支部书记吴位胜的带领下，部分县直单位和常委单位常务副职参加。", {"吴位胜"}),
    # a rare surname that is a function word, then a word, is no name (县委书记要担当)
    ("县委书记要担当，村干部要担当。", set()),
    # exact names: never 李杰说, never a bylined reporter
    ("柘汪镇党委书记李杰说，要担当作为。", {"李杰"}),
    ("本报记者 林元沁报道，柘汪镇党委书记李杰说，要担当作为。", {"李杰"}),
    ("□ 本报记者 林元沁\n柘汪镇党委书记李杰说，要担当作为。", {"李杰"}),
    ("记者王小明看到，金华市委组织部部长胡鸥正在调研。", {"胡鸥"}),
    # a bare title that nobody named holds (强 is a surname: not 强调)
    ("天等县召开会议，县委书记强调，要担当作为。", set()),
    ("县委书记在会上强调，要担当作为。", set()),
    ("会上，县委书记强调要担当作为，村支书陈重良说要带头干。", {"陈重良"}),
    # villagers and entrepreneurs are not officials
    ("村民陈大爷说，村支书陈重良带头干。", {"陈重良"}),
    ("企业家王小明说，村支书陈重良带头干。", {"陈重良"}),
    # a cadre named right after the cadre group he belongs to, with a common surname
    ("刚刚走出考场的科技局年轻干部刘蒙说，收获很大。", {"刘蒙"}),
    ("负责危旧房改造的退休干部王金清，找到了工作组。", {"王金清"}),
    # ... a cadre of a unit (…局派驻的干部张宏伟每天…), not what cadres do (乡村干部利用晚上时间)
    ("县交通运输局派驻的干部张宏伟每天都在入户的路上。", {"张宏伟"}),
    ("该乡组织乡村干部利用晚上时间走进院落。", set()),
    # ... one who speaks for the group, and every member of a list the group opens
    ("座谈会上，村干部代表张红梅作交流发言。", {"张红梅"}),
    ("年轻干部代表张红梅、李明、王刚等先后发言。", {"张红梅", "李明", "王刚"}),
    # ... not a verb that would pass for a name's end (王刚受到表彰)
    ("年轻干部张红梅、李明、王刚受到表彰。", {"张红梅", "李明"}),
    # what a title's holders do (依次登台), a preposition (向上级), a benefactive 为 before a lecture (何静为学员讲授)
    ("村干部强不强，直接关系到乡村振兴的成色。", set()),
    ("在青枫镇石门村，青枫镇四级主任科员、石门村驻村工作队队长蒋小燕正查看茶园。", {"蒋小燕"}),
    ("2021年，县委出台《关于激励乡镇党委书记安心基层担当作为的十二条措施》。", set()),
    ("5个村的党支部书记依次登台，讲清本村工作。", set()),
    ("书记向上级表示感谢，主任向全县表示。", set()),
    ("区委常委、组织部部长何静为学员讲授专题党课。", {"何静"}),
    # a common word after a group is no name, even one that begins with a surname character
    ("要助力年轻干部成长，全县党员干部张贴公告。", set()),
    ("年轻干部要以实干为先。", set()),
    # 老李 and 小王 refer to people, they are not new officials
    ("村支书陈重良说要带头干，老李和小王都很支持。", {"陈重良"}),
    # a name before an honorific title (李晓敏书记致辞), a list after 县领导
    ("福田镇召开会议，李晓敏书记致辞。", {"李晓敏"}),
    ("县领导董新发、伍昌军、黄勇出席会议。", {"董新发", "伍昌军", "黄勇"}),
    # ... an item of a rare surname among them, and no list of other words
    ("市领导产敬春、戴海兵及有关单位负责同志参加。", {"产敬春", "戴海兵"}),
    ("市领导和有关部门负责人参加，县领导高度重视。", set()),
    # a common word after a title is no name (书记关于, 主任和群众)
    ("认真落实总书记关于干部工作的重要指示，村支书陈重良带头干。", {"陈重良"}),
    # an adverb after a two-character name (于涵/正/梳理) and a place after a title (市长铁岭市)
    ("在岔沟镇，副镇长于涵正梳理近期工作。", {"于涵"}),
    # every name of a list before 同志, and names before a deputy's or a village's title
    ("会上，王明、李强、张华同志作了发言。", {"王明", "李强", "张华"}),
    ("会上，王明副县长作了讲话，张华村长介绍了情况。", {"王明", "张华"}),
    # a three-character name whose last character the segmenter joins to a boundary word (黎/作/凤带队),
    # and a name before the title of a text of its own (《…》)
    ("县委书记黎作凤带队赴邻县考察。", {"黎作凤"}),
    ("县委书记褚银良《写给乡镇干部的信》引起反响。", {"褚银良"}),
    # a surname character opening a clause far from the verb is no subject (后以选调生…任科员)
    ("当过大学生村官，后以选调生的身份在天等县委组织部任科员。", set()),
    # an anaphor with no name before it gives nobody a post (农村 is no name)
    ("他在新疆的农村度过假期。他是驻村第一书记。", set()),
    # 国家 before a title is no name (国 is a surname)
    ("国家主席强调，要担当作为。", set()),
    # the name closing a clause is the subject only where no other is (李钦, not 毕业)
    ("32岁的李钦毕业后，出任黄花综保区服务中心主任。", {"李钦"}),
    # a name of three the segmenter reads as the surname and a word (郑/强勇/站在), before a verb of no list
    ("仙峰村党支部书记郑强勇站在鸡舍前，手把手传授要点。", {"郑强勇"}),
    ("仙峰村党务工作者孟亮刚（右）入户走访。", {"孟亮刚"}),
    # ... and the name closing a clause, read whole (崔金安, not 金安)
    ("返乡创业青年崔金安，从一名村级后备干部成长为仙峰村党支部书记。", {"崔金安"}),
    # a name of three that a lone 说 ends (韦莉/磊/说); one of two before a boundary word (石晓几/天前)
    ("苏州市委书记韦莉磊说，交流干部要担当。", {"韦莉磊"}),
    ("宁溪镇党委书记石晓几天前接到一通电话。", {"石晓"}),
    # 地 ends an adverbial, never a transliterated name (苏海高兴地说道)
    ("宝应县发改委主任苏海高兴地说道，要担当。", {"苏海"}),
    # a name as the article writes it elsewhere: whole (江利/刚书记 beside 书记江利刚等), or of two
    # where the third character is a verb's adverb (谭艳正梳理, ”谭艳说)
    ("福田镇党委书记江利刚等参加活动。江利刚书记致辞。", {"江利刚"}),
    ("岔沟镇副镇长谭艳正梳理近期工作。“组织给我服务。”谭艳说。", {"谭艳"}),
    # a name of three whose last character the segmenter joins to what its holder does (钱/光/新作/工作部署,
    # 钟元/强带队), never an adverb's (王伟/再/强调)
    ("会上，组织部部长钱光新作工作部署。", {"钱光新"}),
    ("县委书记钟元强带队赴邻县考察，县长王伟再强调，要担当。", {"钟元强", "王伟"}),
    # a name before 同志 whose surname the segmenter joins to the verb before it (涌现/出范/宇云/同志)
    ("基层工作中涌现出范宇云同志等一批优秀干部。", {"范宇云"}),
    # a surname that is also a verb of posts opens its clause (任/振超被任命为…): the verb is the later one
    ("1994年4月，任振超被任命为上碑镇党委书记。", {"任振超"}),
]


@pytest.mark.parametrize(("text", "expected"), OFFICIAL_SETS)
def test_official_set(run: Run, text: str, expected: set[str]) -> None:
    assert labels(run(text), "Official") == expected


def test_a_function_word_surname_needs_a_known_name_or_a_boundary(run: Run) -> None:
    # 村干部要/当/好群众: 要 begins no name here
    assert labels(run("镇党委书记苟文涛要求，村干部要当好群众致富的“带头人”。"), "Official") == {"苟文涛"}


def test_a_proposed_post_is_not_held(run: Run) -> None:
    # a notice before appointment (任前公示): 现任 posts are held, 拟任 ones not yet
    ex = run("谭明辉，男，土家族，1982年8月生，现任汪营镇党委副书记、镇长，拟任汪营镇党委书记。")
    assert held_posts(ex, "谭明辉") and not any("汪营镇党委书记" in h for h in held_posts(ex, "谭明辉"))


def test_a_verb_of_tenure_is_no_name(run: Run) -> None:
    # 。曾任中坝村文书: 曾 is a surname too, but 曾任 opens the sentence as its verb; 会议由刘芳同志主持: no name 会议由刘芳
    ex = run("何永军，男，1976年生，现任中坝村党支部书记。曾任中坝村文书、村委会副主任，2018年当选村党支部书记。")
    assert labels(ex, "Official") == {"何永军"}
    ex = run("镇党委副书记、镇长刘芳同志出席会议。会议由刘芳同志主持。")
    assert labels(ex, "Official") == {"刘芳"}


def test_a_title_inside_a_quoted_name_gives_no_official(run: Run) -> None:
    # “村干部包片联户”制度: 村干部 + 包片 is the system's name, no village cadre named 包片
    assert labels(run("他在村里建立了“村干部包片联户”制度，6名村干部每人包保一个片区。"), "Official") == set()


def test_every_name_of_a_list_before_comrade(run: Run) -> None:
    # the first one after a function word too (表彰了王明、…); a group's word before 同志 is none (机关干部同志们)
    assert labels(run("会议表彰了王明、李强、张华同志。"), "Official") == {"王明", "李强", "张华"}
    assert labels(run("会上，机关干部同志们表示要担当。"), "Official") == set()


def test_reporter_is_never_an_official(run: Run) -> None:
    ex = run("□ 本报记者 林元沁\n柘汪镇党委书记李杰说，要担当作为。")
    assert ex.clean.reporters == ("林元沁",)
    assert "林元沁" not in names(ex, "Official")
    assert labels(ex, "Official") == {"李杰"}


# a level's head is the article's unit's where that unit is written with the level word, not another's
# (a 镇 has a 镇长, no 乡长; a 区 no 县长)
LEVEL_HEADS = [
    ("柘汪镇召开会议。张国胜曾任镇长。", "柘汪镇镇长"),
    ("柘汪镇召开会议。张国胜曾任乡长。", "乡长"),
    ("黄岩区召开会议。张国胜曾任县长。", "县长"),
]


@pytest.mark.parametrize(("text", "post"), LEVEL_HEADS)
def test_level_head_is_its_own_unit_s(run: Run, text: str, post: str) -> None:
    assert labels(run(text), "Post") == {post}


def test_bare_title_is_no_post(run: Run) -> None:
    ex = run("会上，县委书记强调要担当作为，村支书陈重良说要带头干。")
    assert labels(ex, "Post") == {"村支书"}
    assert facts(ex, "holds") == {("陈重良", "holds", "村支书")}


def test_no_latin_inside_a_post(run: Run) -> None:
    # a lost character and a pinyin remnant before a title (縣(xiàn) garbled to ?h) qualify nothing
    ex = run("?h委常委、组织部长何吉洲出席了开班典禮。")
    assert labels(ex, "Official") == {"何吉洲"}
    posts = labels(ex, "Post")
    assert not any(post.startswith("委") or re.search("[A-Za-z]", post) for post in posts), posts


POST_ALTS = [
    # the form as written is an alternative label of the qualified post
    ("台州市召开会议。市委常委、组织部部长胡鸥说，要担当作为。", "台州市委常委", "市委常委"),
    ("台州市召开会议。市委常委、组织部部长胡鸥说，要担当作为。", "台州市委组织部部长", "组织部部长"),
    ("黄岩区委书记徐淼、区委副书记王军出席会议。", "黄岩区委副书记", "区委副书记"),
    # a post after a list's first is named from the same innermost locality, its longer form an alternative
    ("安平街道塔南社区党组织书记、居委会主任孙云娟获奖。", "塔南社区居委会主任", "安平街道塔南社区居委会主任"),
    # a village committee's post as written with the village's full name
    ("洪屿村党支部书记、村委会主任陈重良说，要带头干。", "洪屿村委会主任", "洪屿村村委会主任"),
    # ... and a village party branch's post written with the level word twice
    ("上墅乡刘家塘村村党总支书记褚雪松是一位老村干。", "刘家塘村党总支书记", "刘家塘村村党总支书记"),
    # ... and the chain of units the list's first post is written after, the level word twice as well
    ("宝坻区方家庄镇小杜庄村党支部书记、村委会主任李明说，要带头干。", "小杜庄村委会主任",
     "宝坻区方家庄镇小杜庄村村委会主任"),
    # a unit the article writes in two forms names the post in each (张家川县, 张家川回族自治县)
    ("张家川回族自治县委常委何吉洲出席。张家川县委书记王强讲话。", "张家川回族自治县委常委", "张家川县委常委"),
    ("张家川回族自治县委常委何吉洲出席。张家川县委书记王强讲话。", "张家川县委书记", "张家川回族自治县委书记"),
    # a region's short form names its post, and so does its full name
    ("新疆党委组织部干部教育处处长王明出席。", "新疆党委组织部干部教育处处长", "新疆维吾尔自治区党委组织部干部教育处处长"),
    # a village committee's member with the level word once or twice
    ("上墅乡刘家塘村村委委员马晔说，要带头干。", "刘家塘村委委员", "刘家塘村村委委员"),
    # a department's head is named with and without its 部
    ("盐边县委组织部长杨茂文讲话。", "盐边县委组织部长", "盐边县委组织部部长"),
    ("盐边县委组织部部长杨茂文讲话。", "盐边县委组织部部长", "盐边县委组织部长"),
]


def test_an_autonomous_region_is_never_written_as_its_short_form_and_level() -> None:
    """新疆 is written 新疆维吾尔自治区, never 新疆区."""
    from kg.extract.people import _other_forms
    forms = _other_forms("新疆党委书记", "新疆", "新疆维吾尔自治区", {"新疆维吾尔自治区": {"新疆"}}, {})
    assert forms == {"新疆维吾尔自治区党委书记"}


@pytest.mark.parametrize(("text", "label", "alt"), POST_ALTS)
def test_post_alt_label(run: Run, text: str, label: str, alt: str) -> None:
    assert alt in alt_labels(run(text), "Post", label)


def test_party_organisation_of_a_community(run: Run) -> None:
    # 党组织 is the organisation's committee word, not 党组 followed by 织
    ex = run("安平街道塔南社区党组织书记孙云娟获奖。")
    post = entity(ex, "Post", "塔南社区党组织书记")
    org = next(e for e in ex.entities if e.key == post.post_in)
    assert org.label == "塔南社区党组织"


def test_post_in_its_organization(run: Run) -> None:
    ex = run("金华市委组织部部长胡鸥介绍，要担当作为。")
    post = entity(ex, "Post", "金华市委组织部部长")
    org = next(e for e in ex.entities if e.key == post.post_in)
    assert (org.cls, org.label) == ("Organization", "金华市委组织部")
    assert org.part_of == entity(ex, "Locality", "金华市").key


# --- Campaign and Measure -----------------------------------------------------------------------

INITIATIVES = [
    # a name's middle dot is written with and without it
    ("翁牛特旗开展“赛马比拼·担当作为”活动。", "Campaign", "赛马比拼·担当作为活动", {"赛马比拼担当作为活动"}),
    # quoted name + type word: the label joins them, the quoted name is an alt label
    ("黄岩区开展“大讨论大调研大服务”活动。", "Campaign", "大讨论大调研大服务活动", {"大讨论大调研大服务"}),
    ("黄岩区全面启动“黄岩发展我担当”行动。", "Campaign", "黄岩发展我担当行动", {"黄岩发展我担当"}),
    ("黄岩区开展“五比亮剑”行动。", "Campaign", "五比亮剑行动", {"五比亮剑"}),
    ("天等县实施“山海新锋”三年培养行动，培养年轻干部。", "Campaign", "山海新锋三年培养行动", {"山海新锋"}),
    # unquoted campaign, quoted name with its own type word
    ("黄岩区推行厕所革命。", "Campaign", "厕所革命", set()),
    # ... a campaign of the party's, named with 党的 (no relative clause's 的)
    ("沙埕镇安排部署全镇开展党的群众路线教育实践活动任务。", "Campaign", "党的群众路线教育实践活动", set()),
    # ... a round count in its name (百名, as 千名, 万名), not a count before it
    ("近期，商南县开展百名优秀年轻干部双向挂职锻炼。", "Campaign", "百名优秀年轻干部双向挂职锻炼", set()),
    ("该县举办3期村干部培训班。", "Campaign", "村干部培训班", set()),
    # ... a drive named as the genre names them, 大 and its act (大整顿, 大接访)
    ("县委持续开展机关作风大整顿。", "Campaign", "机关作风大整顿", set()),
    ("石门县开展领导大接访。", "Campaign", "领导大接访", set()),
    ("黄岩区开设“港城大讲堂”。", "Campaign", "港城大讲堂", set()),
    # a document title in 书名号 is a Measure, without the title marks
    ("黄岩区委印发《关于进一步激励广大干部担当作为的实施意见》。", "Measure",
     "关于进一步激励广大干部担当作为的实施意见", set()),
    # ... and without the inner title marks of a title it holds
    ("甘肃省委印发《甘肃省实施〈中国共产党问责条例〉办法（试行）》。", "Measure",
     "甘肃省实施中国共产党问责条例办法（试行）", set()),
    # a short title after the full one is the same document
    ("区委常委会讨论通过了《中共台州市黄岩区委关于进一步激励广大干部担当作为的实施意见》。新出炉的《实施意见》共24条。",
     "Measure", "中共台州市黄岩区委关于进一步激励广大干部担当作为的实施意见", {"实施意见"}),
    # a named standing mechanism
    ("黄岩区健全容错纠错机制。", "Measure", "容错纠错机制", set()),
    ("黄岩区委建立健全容错纠错机制。", "Measure", "容错纠错机制", set()),
    # a numbered set of measures with its qualifier, not 20条措施 alone
    ("黄岩区制定实施激励干部担当作为20条措施。", "Measure", "激励干部担当作为20条措施", set()),
    # the modifier between the verb and a quoted name belongs to the name
    ("天等县开展领导干部“换位体验”活动。", "Campaign", "领导干部换位体验活动", {"换位体验活动", "换位体验"}),
    ("吉水县出台改进作风“十九条措施”。", "Measure", "改进作风十九条措施", {"十九条措施"}),
    # quoted names without a type word right after a launch verb
    ("吉水县推行“揭榜挂帅”“项目三一一全”。", "Campaign", "揭榜挂帅", set()),
    # a document title without 书名号
    ("会上宣读了关于成立万名干部进万村活动领导小组的通知。", "Measure", "关于成立万名干部进万村活动领导小组的通知", set()),
    # a list sharing its type word: each item takes it
    ("竹溪县实行揭榜挂帅、清单交办、现场拉练等制度。", "Measure", "现场拉练制度", {"现场拉练"}),
    # a list sharing its modifier: later short items take it
    ("竹溪县建立干部履职问题清单、责任清单、效果清单和负面清单。", "Measure", "干部履职责任清单", {"责任清单"}),
    # with 等 and a count the list is one set of measures
    ("连云港配套制定风险备案、容错纠错、精准问责等3个操作办法。", "Measure",
     "风险备案、容错纠错、精准问责等3个操作办法", {"3个操作办法"}),
    # an event reported after its name: the name is the clause's head, past its determiner
    ("今年，一场危旧房治理改造攻坚战在浙西山城打响。", "Campaign", "危旧房治理改造攻坚战", set()),
    ("6月1日，由县委主办的年轻干部培训班在县委党校开班。", "Campaign", "年轻干部培训班", set()),
    # the initiative a locality takes as its vehicle (以…为抓手) is under way
    ("吉水县以九大专项整治行动为主抓手，全面修复政治生态。", "Campaign", "九大专项整治行动", set()),
    # a year before the name is not part of it (2009年…培训班)
    ("11月16日，我市举办2009年农村党支部书记培训班。", "Campaign", "农村党支部书记培训班", set()),
    # nor a conjunction or a reference to the writer's own country, and 及时 is no conjunction
    ("要持续完善相关激励和惩戒机制，健全我国干部监督体系，建立及时纠错机制。", "Measure", "干部监督体系", set()),
    ("要建立及时纠错机制。", "Measure", "及时纠错机制", set()),
    # nor the complement of a verb (参与到…行动中来)
    ("福田镇搭建平台，引导群众参与到乡村振兴示范行动中来。", "Campaign", "乡村振兴示范行动", set()),
    # an abbreviation in brackets between the quoted name and its type word is another name of it
    ("该省开展“学政策、强本领、促发展”（简称“学强促”）活动。", "Campaign", "学政策、强本领、促发展活动",
     {"学强促活动"}),
    # the last item of a list a locality takes as its vehicle
    ("该县以“岗位练兵”、项目拉练比拼为载体，强化干部锻炼。", "Campaign", "项目拉练比拼", set()),
    # a long list of quoted names after a launch verb, counted after its last item
    ("该县打造“田间学堂”“云端微课”“流动党校”3个载体。", "Campaign", "流动党校", set()),
    # a name quoted inside a quotation takes single quotes; a model (模式) is a standing measure
    ("他说：“该村壮大集体经济‘一约四会’模式不断创新。”", "Measure", "一约四会模式", {"一约四会"}),
    # a training a launch verb opens, named by its trainees or by when it comes
    ("街道党校将分批次开展党员轮训。", "Campaign", "党员轮训", set()),
    ("组织部门对挂职干部进行为期2天的任前培训。", "Campaign", "任前培训", set()),
    ("该县启动实施了干部教育网络培训。", "Campaign", "干部教育网络培训", set()),
    # a quoted formula of parts names the model it is quoted in, past the words of its work and a 的
    ("该街道创新“党建+网格+信访”源头治理工作模式。", "Measure", "党建+网格+信访源头治理工作模式", {"党建+网格+信访模式"}),
    ("该村构建“党建+合作社+致富能人”的产业发展模式。", "Measure", "党建+合作社+致富能人产业发展模式",
     {"党建+合作社+致富能人模式"}),
    # ... a longer modifier makes the name's fullest form
    ("该乡开展村级党组织书记乡村振兴“擂台大比武”活动。", "Campaign", "擂台大比武活动",
     {"村级党组织书记乡村振兴擂台大比武活动"}),
    # a quoted name at its clause's head is also named after the chain of units and words qualifying it there
    ("日前，安顺市平坝区第三届“擂台比武”活动在区委党校开赛。", "Campaign", "擂台比武活动",
     {"平坝区第三届擂台比武活动", "安顺市平坝区第三届擂台比武活动"}),
    # a word too general alone (改革) types the quoted name it follows
    ("该县全力推进“放管服”改革。", "Campaign", "放管服改革", {"放管服"}),
    ("洋县扎实开展“两学一做”学习教育。", "Campaign", "两学一做学习教育", {"两学一做"}),
    # a system named for the cadres it governs (第一书记制度, 村干部薪酬制度)
    ("全面审视当前村干部薪酬制度的运行现状。", "Measure", "村干部薪酬制度", set()),
    # a quoted description, 的 and a system after an issuing verb are one name
    ("该县建立“能进能出、动态调整”的管理机制。", "Measure", "能进能出、动态调整的管理机制", set()),
    # a later object in a list its verb governs
    ("他参与“港城大讲堂”专题讲座、招商队伍能力提升培训班。", "Campaign", "招商队伍能力提升培训班", set()),
    # an event reported right after its name; its year is another form of the name
    ("2018年度全县村党组织书记培训班正式开班。", "Campaign", "全县村党组织书记培训班",
     {"2018年度全县村党组织书记培训班"}),
    # a party school that is a course, not a committee's institution
    ("该镇开办田间党校，培训村干部。", "Campaign", "田间党校", set()),
    # a bare number counts the word after it inside a name
    ("由相关牵头部门制定10星73项评分细则。", "Measure", "10星73项评分细则", set()),
    # a line that is a document's heading, from its issuing unit to its kind
    ("某某区村级干部管理办法（试行）\n第一条 为加强村级干部管理，制定本办法。", "Measure", "某某区村级干部管理办法（试行）",
     {"某某区村级干部管理办法"}),
    # a headline of a unit and a quoted name with a type word inside it
    ("某某旗“比武争星”\n近日，某某旗各乡镇集中授星。", "Campaign", "比武争星", set()),
    # a campaign a document's title names inside it
    ("该省出台《激励全省干部在全面振兴新突破三年行动中展现更大担当和作为若干措施》。", "Campaign",
     "全面振兴新突破三年行动", set()),
    ("该镇学习了《中共张洪镇委员会关于开展作风建设专项行动的实施方案》。", "Campaign", "作风建设专项行动", set()),
    # a duration between the verb and the name (为期一周的) is no part of the name
    ("该县开展为期一周的谈心谈话活动。", "Campaign", "谈心谈话活动", set()),
    # an unquoted name holding a parenthesised alternative (村（社区）)
    ("市委组织部举办80后村（社区）党组织书记专题培训班。", "Campaign", "80后村（社区）党组织书记专题培训班", set()),
    # courses of party schools by their type words (培训班, 研修班, 进修班)
    ("县委党校组织科级干部进修班、中青年干部培训班。", "Campaign", "科级干部进修班", set()),
    ("县委组织部举办村党组织书记轮训班。", "Campaign", "村党组织书记轮训班", set()),
    # a longer tail after the quoted part where an activity ends it and its clause
    ("霍山县开展“两节”送温暖走访慰问活动，向他们致以问候。", "Campaign", "两节送温暖走访慰问活动", set()),
    # a quoted slogan of clauses is a name where a campaign's type word follows it
    # ... and is named with and without its clauses' marks
    ("夏坊乡开展“头雁比武，村村竞赛”擂台比武活动。", "Campaign", "头雁比武，村村竞赛擂台比武活动",
     {"头雁比武村村竞赛擂台比武活动"}),
    # a name is also written without what scopes it in place or time (全市, 2018年度)
    ("全市村党组织书记培训班开班\n4月20日，我市召开培训会。", "Campaign", "全市村党组织书记培训班", {"村党组织书记培训班"}),
    ("2018年度全县村党组织书记培训班开班。", "Campaign", "全县村党组织书记培训班", {"村党组织书记培训班"}),
    # 召开 after 组织 is part of the verb (组织召开…培训班), no part of the name
    ("高新区组织召开青年干部培训班。", "Campaign", "青年干部培训班", set()),
]


@pytest.mark.parametrize(("text", "cls", "label", "alts"), INITIATIVES)
def test_initiative(run: Run, text: str, cls: str, label: str, alts: set[str]) -> None:
    ex = run(text)
    assert label in labels(ex, cls)
    assert alts <= alt_labels(ex, cls, label)
    other = "Measure" if cls == "Campaign" else "Campaign"
    assert label not in names(ex, other)


INITIATIVE_SETS = [
    # a law or a charter cited with the party's regulations is a document as they are; a book on a method is none
    ("根据《中国共产党章程》《中华人民共和国村民委员会组织法》等规定，他读了《领导方法》一书。", "Measure",
     {"中国共产党章程", "中华人民共和国村民委员会组织法"}),
    # a file an assessment results in is no measure (形成干部实绩档案)
    ("古田县对领导班子和干部开展考察，形成干部实绩档案。", "Measure", set()),
    # a quoted year named for a campaign, not a count of years
    ("中央将2019年确定为“基层减负年”，市委部署“干部作风优化年”，庆祝建党“一百年”。", "Campaign",
     {"基层减负年", "干部作风优化年"}),
    # a document named by what it sets out to do, right after the verb that issues it, without 关于 or 书名号
    ("县委制定了进一步加强农村党员干部队伍素质建设的意见，出台了加强和改进村干部管理的办法。", "Measure",
     {"进一步加强农村党员干部队伍素质建设的意见", "加强和改进村干部管理的办法"}),
    # a meeting held is no campaign, as the guidelines' worked example leaves 三级干部大会 out (党外年轻干部座谈会,
    # “潮起永宁话担当”座谈会)
    ("黄陂区召开党外年轻干部座谈会，黄岩区召开“潮起永宁话担当”座谈会。", "Campaign", set()),
    # ... not someone's words of clauses
    ("他说：“我们要干，要实干”，黄岩区开展“五比亮剑”行动。", "Campaign", {"五比亮剑行动"}),
    # generic nouns are not campaigns (项目建设)
    ("黄岩区推进项目建设，开展“五比亮剑”行动。", "Campaign", {"五比亮剑行动"}),
    # unnamed generic policies are not measures (政策举措)
    ("黄岩区出台政策举措，健全容错纠错机制。", "Measure", {"容错纠错机制"}),
    # 等措施 after a list of actions names no measure; a bare numeral is part of a name (一线考察)
    ("江阳区通过强化教育、树立导向、关心关爱等措施，探索建立一线考察干部机制。", "Measure", {"一线考察干部机制"}),
    # a book title is not a policy document
    ("黄岩区干部学习《之江新语》，印发《关于激励干部担当作为的实施意见》。", "Measure", {"关于激励干部担当作为的实施意见"}),
    # management names a measure only as a system of it (积分制管理), not as an activity (三资管理)
    ("该镇推行成长积分制管理，加强三资管理和备案管理。", "Measure", {"成长积分制管理"}),
    # one document, two titles: one Measure
    ("区委常委会讨论通过了《中共台州市黄岩区委关于进一步激励广大干部担当作为的实施意见》。新出炉的《实施意见》共24条。",
     "Measure", {"中共台州市黄岩区委关于进一步激励广大干部担当作为的实施意见"}),
    # a quoted type word is named by the phrase before it
    ("近日，青山区村（社区）党组织书记“擂台赛”在区委党校举行。", "Campaign", {"青山区村（社区）党组织书记擂台赛"}),
    # a count of events of a kind names none of them
    ("该县每年举办20个以上专题培训班。", "Campaign", set()),
    # two events joined by 暨: the second is named after 暨
    ("座谈会暨年轻干部能力提升培训班开班式在县委党校举行。", "Campaign", {"年轻干部能力提升培训班"}),
    # 组织 inside 党组织 governs nothing
    ("全区已举办村党组织书记后备力量培训班7期。", "Campaign", {"村党组织书记后备力量培训班"}),
    # a system set up by an issuing verb, with one description before 的
    ("天等县建立上下联动的干部培养机制。", "Measure", {"上下联动的干部培养机制"}),
    # a quoted type word used as a verb names nothing
    ("“考什么”决定了干部干什么。", "Measure", set()),
    # quoted examples before 等…活动 are not campaigns themselves; what they exemplify is one where
    # it has a name of its own beside its type words (先进典型评选活动, not 评选活动)
    ("该村常态化开展“好邻居”“好家风”等评选活动。", "Campaign", set()),
    ("该村常态化开展“好邻居”“好家风”等先进典型评选活动。", "Campaign", {"先进典型评选活动"}),
    # a course its trainees are the subject of; not a course coordinated with other people
    ("年轻干部培训班学员将接受为期60天的集中培训。", "Campaign", {"年轻干部培训班"}),
    ("交流干部和培训班学员要争当引领者。", "Campaign", set()),
    # a unit's generic policy area is no campaign (福田镇乡村振兴行动)
    ("让各村行动起来，不断深入推进福田镇乡村振兴行动。", "Campaign", set()),
    # of a list sharing its type word, a spirit studied is a theme, not an activity's name
    ("该县开展学习弘扬长征精神、“红船精神”、“送温暖”等活动。", "Campaign", {"送温暖活动"}),
    # the complement 好 of a verb begins no name (开展好…活动)
    ("镇党委要组织开展好教育实践活动。", "Campaign", {"教育实践活动"}),
    # rules referred to, not named (有关政策规定)
    ("对未落实重点项目建设有关政策规定的，严肃问责。", "Measure", set()),
    # a quoted enumeration (、…等) describes, it names no measure
    ("调研组还通过“听党员干部、企业、群众等不同群体评价意见”了解干部。", "Measure", set()),
    # a combination of methods (A+B) is no campaign
    ("训练营采用“集中授课+同台比武”方式。", "Campaign", set()),
    # a committee's party school is a venue; reform alone is no name
    ("全县干部到县委党校参加培训。", "Campaign", set()),
    ("该县深化改革，推进供给侧结构性改革。", "Campaign", set()),
    # a generic notion of governance is no measure, after a conjunction either (推进和基层治理体系)
    ("随着乡村振兴战略深入推进和基层治理体系现代化加速演进，村干部职业化趋势日益明显。", "Measure", set()),
    # a quoted description after a launching verb is no measure's name
    ("该县实施“三位一体”的共同管理机制。", "Measure", set()),
    # a model is named only by its quoted name alone (“青训营”培养模式), not a generic one
    ("该县首创“青训营”培养模式，创新产业发展模式。", "Measure", set()),
    # a model a campaign uses is its method
    ("训练营采用“研讨交流”模式，通过“公司+村”模式增收。", "Measure", set()),
    ("他说，通过近年来探索出的“党建+合作社”的产业发展模式，带动了就业。", "Measure", set()),
    # a list of units is no list of named objects; a counted item names nothing
    ("该区建立“传帮带”与区、镇、村三级联动培育机制。", "Measure", set()),
    ("各村评定为产业兴旺、群众满意10颗评选星。", "Campaign", set()),
    # nor a list of actions, a list inside brackets or quotes, or an item that begins with a verb
    ("统筹推进疫情防控和经济社会发展、打赢脱贫攻坚战。", "Campaign", set()),
    ("该县建立“五个一”制度（记一本工作日志、建一份挂职工作档案）。", "Measure", {"五个一制度"}),
    ("开展村干部队伍“专业化培养、职业化管理、创业化考评”。", "Measure", set()),
    ("通过修订相关条例、颁布实施细则等方式规范工作。", "Measure", set()),
    # a title names no campaign it only mentions without 在 or a launching verb
    ("该县印发《关于党组织书记培训班管理的通知》。", "Campaign", set()),
    # a heading cut before its unit is a fragment, not a document's name
    ("民委员会选举工作实施方案\n按照部署要求，开展选举工作。", "Measure", set()),
    # a headline's quoted name without a type word is a slogan
    ("某某县“多措并举”\n近日，某某县召开会议。", "Campaign", set()),
    # a trip to a party school
    ("定期组织优秀农村实用人才到党校培训。", "Campaign", set()),
    # a description of its kind before a quoted name names nothing: the quoted name is the campaign
    ("新华日报社联合省农业农村厅开展大型全媒体行动“江苏百村调研”，走访百个乡村。", "Campaign", {"江苏百村调研"}),
    # a count of the events before a quoted course is no part of its name
    ("芜湖市委组织部举办了两期“村党组织书记示范培训班”。", "Campaign", {"村党组织书记示范培训班"}),
    # a verb after 的 is a noun (的组织保障) and governs no name
    ("要严格按照镇党委的部署要求，以强有力的组织保障高位推动大比拼。", "Campaign", set()),
    # a list joined by 和 before 等 shares the type word, and the word of what they are for after 等
    ("古田还配套建立一月一检查和组工干部跟踪考察重点项目等监督机制。", "Measure",
     {"一月一检查监督机制", "组工干部跟踪考察重点项目监督机制"}),
    # ... but no title in its marks is an item, nor is 和 of 共和国 a join: the titles are their own documents
    ("根据《中国共产党章程》《中华人民共和国城市居民委员会组织法》等章程条例，制定本方案。", "Measure",
     {"中国共产党章程", "中华人民共和国城市居民委员会组织法"}),
    # a list's count quoted with its type word (“三项机制”) still shares the type word with every item
    ("该县建立健全容错纠错、澄清正名、关心关爱“三项机制”。", "Measure",
     {"容错纠错机制", "澄清正名机制", "关心关爱机制", "三项机制"}),
    # a decision on personnel or honours is no measure (任职决定, 关于…领导调整的决定, 表彰决定); one on a policy is
    ("科尔沁右翼前旗召开大会，宣布兴安盟委关于旗委主要领导调整的决定。刘建军宣读了任职决定。", "Measure", set()),
    ("石门县委印发《关于表彰优秀村党组织书记的决定》。", "Measure", set()),
    ("石门县委出台《关于进一步激励干部担当作为的决定》。", "Measure", {"关于进一步激励干部担当作为的决定"}),
    # the first session (首场比武) refers back to its campaign: it names none
    ("首场比武在龙泉关镇举行，13名乡镇党委书记和13名乡镇长逐一登台。", "Campaign", set()),
    # a system a committee set up, described by a relative clause (县委建立的…机制): the system's name after 的
    ("对受表彰的同志，按照县委建立的干部激励关怀机制给予疗休养。", "Measure", {"干部激励关怀机制"}),
    # a list closed by 等 and a count of aspects (等8个方面) is what a document covers, no name
    ("从落实带薪休假、开展健康体检、建立谈心谈话制度等8个方面作出规定。", "Measure", {"谈心谈话制度"}),
    # a document titled by its count of articles (《…“双十条”》)
    ("要用好《沂南县激励干部担当作为“双十条”》，把表彰结果与干部使用挂钩。", "Measure", {"沂南县激励干部担当作为双十条"}),
    # a contest (大赛) is a campaign's type word
    ("开化县举办首届村级后备干部技能比武大赛。", "Campaign", {"村级后备干部技能比武大赛"}),
    # ... or before a plan's or a system's, ending its clause
    ("琼中县委组织部日前启动“黎乡英才”年轻干部递进培养计划，计划用三年时间培养年轻干部。", "Campaign",
     {"黎乡英才年轻干部递进培养计划"}),
    ("仪陇县着力构建“选育管用”全链条年轻干部培养体系。", "Measure", {"选育管用全链条年轻干部培养体系"}),
    # a quoted name with a longer modifier before its action's type word
    ("剑河县启动“墩苗育苗”年轻干部实践锻炼行动，首批选派42名年轻干部。", "Campaign", {"墩苗育苗年轻干部实践锻炼行动"}),
    # a quoted system (…制) the verb sets up, with whom it binds between them
    ("石门县在全省率先推行村干部“坐班制”。", "Measure", {"坐班制"}),
    # a research report, a clause of what cadres do, a verb with its counted object, a preposition: no names
    ("学员将赴平襄镇等地开展蹲点调研，围绕产业发展形成调研报告。", "Measure", set()),
    ("县委组织部每月组织镇村年轻干部围绕中心工作轮流登台宣讲。", "Campaign", set()),
    ("全县将开展“瑶山先锋”争创活动，面向全县村（社区）“两委”干部评选一批先锋示范岗。", "Campaign", {"瑶山先锋争创活动"}),
    ("3月15日，县里召开推进会对意见进行部署。", "Measure", set()),
    # a group's quoted word inside a course's name; the name after a launching verb's relative clause
    ("4月7日，宾川县2024年村（社区）“两委”干部素质提升培训班在县委党校开班。", "Campaign",
     {"宾川县2024年村（社区）两委干部素质提升培训班"}),
    ("同年参加了陕西省委组织部举办的全省村党组织书记示范培训班。", "Campaign", {"全省村党组织书记示范培训班"}),
    ("疫情缓和后举办的首期线下培训班吸引了众多学员。", "Campaign", set()),
    # ... after the verb that opens it (举办…村“两委”成员…培训班); a course of a group whose word holds 组织
    # (村党组织书记示范培训)
    ("县委组织部举办村“两委”成员能力提升培训班。", "Campaign", {"村两委成员能力提升培训班"}),
    ("6月起，市委组织部联合市农业局开展村党组织书记示范培训，分4期轮训村党组织书记。", "Campaign", {"村党组织书记示范培训"}),
    # a question's or a description's word is no name (开展了哪些活动, 一批特色活动)
    ("记者：组织部门开展了哪些活动？答：开展了一批特色活动。", "Campaign", set()),
    ("3月4日，博白县村（社区）“两委”换届工作培训班在县委党校开班。", "Campaign", {"博白县村（社区）两委换届工作培训班"}),
    # a quoted name's long tail to a course; a course of two groups joined by 暨, its quoted part inside
    ("韦秀珍参加了河池市委组织部举办的“领头雁”村党组织书记示范培训班，到先进村学习取经。", "Campaign",
     {"领头雁村党组织书记示范培训班"}),
    ("奇台县2024年度“访惠聚”驻村工作队员暨驻村第一书记培训班在县委党校举办。", "Campaign",
     {"奇台县2024年度访惠聚驻村工作队员暨驻村第一书记培训班"}),
    # themes listed before the act on them; a referring determiner; events of a kind
    ("镇里每月组织全镇村干部围绕政策宣讲、矛盾调处等内容比武一次。", "Campaign", set()),
    ("我镇开展“周三夜学”活动，全年共开展此项活动48期。", "Campaign", {"周三夜学活动"}),
    ("平塘县已累计开展各类岗位练兵活动16场次。", "Campaign", set()),
    ("保靖县推出一系列务实举措，制定年度计划。", "Measure", set()),
    # a committee written before the quote owns the campaign, no part of its name
    ("举办此次培训班，是落实县委“高原红·村干部能力提升三年行动”的具体举措。", "Campaign", {"高原红·村干部能力提升三年行动"}),
    # a list of places closed by 等乡镇 is where cadres are sent, no list of initiatives
    ("该方案明确，每年从县直机关选派40名年轻干部到镇前镇、澄源乡、杨源乡等乡镇挂职锻炼两年。", "Campaign", set()),
    # two systems joined by 和, each with its type word, are two measures
    ("屏南县建立澄清正名制度和受处理处分干部回访教育制度。", "Measure", {"澄清正名制度", "受处理处分干部回访教育制度"}),
    # training (培训) types a quoted name it follows, as 改革 does
    ("石门县开展“头雁”培训。", "Campaign", {"头雁培训"}),
    # the sessions of one course (3期) are no count of kinds of events (20个以上专题培训班): the course is named
    ("今年，县委组织部举办了3期乡镇干部能力提升培训班。", "Campaign", {"乡镇干部能力提升培训班"}),
    # an ordinal (第二期) is no count of events: the course it numbers is named
    ("石门县举办第二期年轻干部培训班，来自各乡镇的50名年轻干部参加培训。", "Campaign", {"年轻干部培训班"}),
    # a system named by what it binds and 制, after the verb that sets it up
    ("该镇积极探索实施重点项目捆绑激励制，落实领导干部包案制。", "Measure", {"重点项目捆绑激励制", "领导干部包案制"}),
    ("实行人才储备制，每村储备2名后备干部。", "Measure", {"人才储备制"}),
    # ... not a word that only ends in 制
    ("要严格控制会议，坚决抵制歪风，完善管理体制。", "Measure", set()),
    # quoted names a list's 等 sums up as things of another kind (工作室, 品牌) are no initiatives; as work or
    # with a type word of their own, they are
    ("宜城街道打造“红色物业”“老兵调解”等特色调解工作室。", "Campaign", set()),
    # ... not one of no one in particular, nor cadres sent to one
    ("该县开展业务培训、集中培训，开展干部培训，组织干部参加培训。", "Campaign", set()),
    # a long-term mechanism a unit only explores is its aim (探索建立 sets one up)
    ("该县积极探索激励保障长效机制，近日出台《关于完善村级运转经费保障机制的实施意见》。", "Measure",
     {"关于完善村级运转经费保障机制的实施意见"}),
    # formulas of methods that a list sums up as modes (等模式) name no model each
    ("训练营采用“集中授课+分散学习”“理论培训+实践锻炼”等模式。", "Measure", set()),
    ("宜城街道推行“揭榜挂帅”“赛马比拼”等做法，建好“农民夜校”等教育培训基地。", "Campaign",
     {"揭榜挂帅", "赛马比拼", "农民夜校"}),
]


@pytest.mark.parametrize(("text", "cls", "expected"), INITIATIVE_SETS)
def test_initiative_set(run: Run, text: str, cls: str, expected: set[str]) -> None:
    assert labels(run(text), cls) == expected


def test_the_whole_unit_s_initiative_is_the_one_the_unit_s_name_names(run: Run) -> None:
    ex = run("山阳区举办全区“90后”青年干部培训班。参加山阳区“90后”青年干部培训班的干部说。")
    assert labels(ex, "Campaign") == {"山阳区90后青年干部培训班"}


def test_a_count_or_an_age_bound_is_no_name_of_an_initiative(run: Run) -> None:
    ex = run("黄岩区开展“六项”行动，举办“90后”青年干部座谈会。")
    assert not (alt_labels(ex, "Campaign", "六项行动") | alt_labels(ex, "Campaign", "90后青年干部座谈会")) & {"六项", "90后"}


def test_measure_with_group_in_its_name(run: Run) -> None:
    ex = run("黄岩区建立乡镇党政正职谈心谈话制度。")
    assert names(ex, "Measure") & {"乡镇党政正职谈心谈话制度", "谈心谈话制度"}


# --- CadreGroup ---------------------------------------------------------------------------------

GROUPS = [
    ("乡镇党政正职要带头。", {"乡镇党政正职"}),
    # a village's party secretary by each of the genre's words for the branch
    ("活动面向村支部书记。", {"村支部书记"}),
    # the team members of a posting named after its first secretary (驻村第一书记和工作队员)
    ("市委组织部加强驻村第一书记和工作队员管理。", {"驻村第一书记", "驻村工作队员"}),
    # the slogan of the cadre corps (高素质专业化…队伍) qualifies no kind of cadre
    ("为加强新时代高素质专业化青年干部队伍建设，区委召开座谈会。", {"青年干部"}),
    # communities' cadres right after a verb (启动社区干部…): the object, no community's name before 社区
    ("来龙门街道党工委近日启动社区干部“墩苗提能”三年行动。", {"社区干部"}),
    # a level's own (县级) and Inner Mongolia's townships (苏木乡镇) qualify a group
    ("建立县级领导干部联系服务老干部制度。", {"县级领导干部", "老干部"}),
    ("深化“苏木乡镇干部能力作风提升年”活动。", {"苏木乡镇干部"}),
    # ... and Inner Mongolia's levels alone, as 乡镇 and 村 are (苏木领导干部, 嘎查党支部书记, 嘎查“两委”成员)
    ("苏木领导干部要包联嘎查。", {"苏木领导干部"}),
    # a level's leaders written with 级 (县级领导), as without (县领导)
    ("由县级领导带队督查，邀请区级领导参加。", {"县级领导", "区级领导"}),
    ("对嘎查党支部书记、嘎查后备干部和嘎查“两委”成员进行培训。", {"嘎查党支部书记", "嘎查后备干部", "嘎查两委成员"}),
    # the categories of cadre work (少数民族干部, beside 女干部 and 党外干部) and a level's discipline secretaries
    ("石门县选拔女干部、少数民族干部和党外干部。", {"女干部", "少数民族干部", "党外干部"}),
    ("石门县举办乡镇纪委书记培训班。", {"乡镇纪委书记"}),
    # the members of a level's committee by their office (乡镇组织委员), and a party department's cadres (统战干部)
    ("石门县组织乡镇（街道）组织委员参加培训。", {"乡镇组织委员"}),
    ("石门县组织全县统战干部参加培训。", {"统战干部"}),
    # two groups in a list, not a modifier (正职) that begins inside the first one's name and the second's core
    ("石门县聚焦乡镇党政正职、村党组织书记两支队伍。", {"乡镇党政正职", "村党组织书记"}),
    ("年轻乡镇党政正职要带头。", {"年轻乡镇党政正职"}),
    ("关心关爱年轻干部。", {"年轻干部"}),
    ("驻村工作队员要扎根基层。", {"驻村工作队员"}),
    ("基层干部要担当。", {"基层干部"}),
    ("村干部要担当。", {"村干部"}),
    ("领导干部要带头。", {"领导干部"}),
    ("党员干部要带头。", {"党员干部"}),
    ("老干部发挥余热。", {"老干部"}),
    ("县委党校举办中青年干部培训班。", {"中青年干部"}),
    # a level's party (working) committees' secretaries, as the genre brackets them (党（工）委书记): read without
    # the alternatives (街道 and its 党工委: 乡镇党委书记), but a character in brackets is read in where no unit is
    # dropped before it (镇街 has 党工委s)
    ("评委由乡镇（街道）党（工）委书记组成。", {"乡镇党委书记"}),
    ("评委由镇街党（工）委书记组成。", {"镇街党工委书记"}),
    # a branch's secretaries as the genre also writes them (村（社区）支部书记)
    ("街道各村（社区）支部书记同台竞技。", {"村支部书记"}),
    # 年青 is another spelling of 年轻
    ("襄城区组织广大年青干部实地参观。", {"年青干部"}),
    # a level's party secretaries as a category, where qualified (优秀县委书记, 乡镇党委书记), not one
    # secretary's post (县委书记王建民)
    ("中央表彰了100名优秀县委书记。", {"优秀县委书记"}),
    ("县委对各乡镇党委书记抓党建工作进行评议。", {"乡镇党委书记"}),
    ("县委书记王建民讲话。", set()),
    # the members of a level's leading group, after a boundary or a function word
    ("大赛邀请了镇班子成员作为评审组成员。", {"镇班子成员"}),
    ("全镇村党组织书记参加比武，由镇党政班子成员组成评审团。", {"村党组织书记", "镇党政班子成员"}),
    # a party branch's secretaries as a category (村党支部书记, 农村党支部书记, 村党总支书记)
    ("我市举办农村党支部书记培训班，培训农村党支部书记1000名。", {"农村党支部书记"}),
    ("各社区党总支书记参加培训。", {"社区党总支书记"}),
    # 社区 that ends a community's name is that community's, not a category's modifier
    ("振兴社区党总支书记潘成敏发言。", set()),
    # a group's words inside a named official's post name that post
    ("六龙村村党总支书记、村委会主任黎泉生正在查看长势，新建村驻村第一书记陈力发言。", set()),
    # a village's secretary, the one post of that place, is no category; a village's cadres are many
    ("湛川村党支部书记拔得头筹，富庶村干部签订承诺书。", {"村干部"}),
    # a village's party secretaries named by two of the genre's words are one group, named as first written
    ("各村党支部书记和村党总支书记参加培训。", {"村党支部书记"}),
    # ... and a group named again without the level it was first qualified by is that group
    ("乡镇党政正职要带头，党政正职要担当。", {"乡镇党政正职"}),
    ("乡镇党政正职和年轻干部要担当作为。", {"乡镇党政正职", "年轻干部"}),
    # bare and universal forms are not groups
    ("干部和老干部要互相学习。", {"老干部"}),
    ("广大干部和年轻干部要担当作为。", {"年轻干部"}),
    ("各级干部和村干部要担当作为。", {"村干部"}),
    ("全区干部和党员干部要担当作为。", {"党员干部"}),
    # 山区 is a descriptor: no 区干部
    ("山区干部要向领导干部学习。", {"领导干部"}),
    # a verb before the group is not part of it
    ("选派驻村工作队员。", {"驻村工作队员"}),
    # age bounds qualify a group (95后, 35周岁以下) as the grammar allows, without a list
    ("选拔一批95后基层干部和35周岁以下年轻干部。", {"95后基层干部", "35周岁以下年轻干部"}),
    # heads of the genre beyond 干部 (工作者, 带头人, 后备人选)
    ("社区党务工作者和村级后备人选要担当。", {"社区党务工作者", "村级后备人选"}),
    # villages and their urban counterparts named together (村 alone qualifies no group)
    ("全区村（社区）党组织书记参加培训。", {"村党组织书记"}),
    ("全县村（社区）主职干部参加轮训。", {"村主职干部"}),
    # a level's leaders (县领导), not the end of a unit's name before 领导干部 (示范区领导干部)
    ("县领导和示范区领导干部参加培训。", {"县领导", "领导干部"}),
    ("92个区领导领衔攻坚项目。", {"区领导"}),
    ("该县领导班子成员分片包干。", {"领导班子成员"}),
    # a level's leading bodies by their count: its leaders as one group (霍山县's name keeps its level word)
    ("县委书记等县四套班子领导出席会议。", {"县四套班子领导"}),
    ("霍山县四个班子领导带队深入基层走访慰问。", {"四个班子领导"}),
    # a village's whole word with the urban counterpart bracketed in (村（居）委会主任), as a modifier and core take it
    ("本次轮训实现全县村（社区）党组织书记、村（居）委会主任全覆盖。", {"村党组织书记", "村居委会主任"}),
    # the cadres a level manages (县管干部), with the level's alternative in brackets
    ("区（县）管领导干部和市管干部参加培训。", {"区县管领导干部", "市管干部"}),
    # 村 before a modifier after a boundary or a function word qualifies the group, not where it
    # ends a village's name or follows 该
    ("建立了村年轻干部到镇跟班锻炼制度。", {"村年轻干部"}),
    # a quoted 一把手 after its qualifiers is the qualified group, without the quotes
    ("组织14名乡镇党政“一把手”赴外培训。", {"乡镇党政一把手"}),
    ("洪屿村年轻干部和该村年轻干部参加培训。", {"年轻干部"}),
    # the levels a group spans, then their count (镇村两级, 县乡村三级)
    ("加快镇村两级后备干部培养。", {"镇村两级后备干部"}),
    # modifiers before a whole word (优秀村干部); the reserve of a group (…书记后备人选)
    ("表彰优秀村干部，储备村党组织书记后备人选。", {"优秀村干部", "村党组织书记后备人选"}),
    ("培养基层组织带头人。", {"基层组织带头人"}),
    # the duty areas a group with a modifier of its own serves qualify it (not a bare 干部)
    ("举办脱贫攻坚乡村振兴专业领导干部培训，推进乡村振兴干部工作。", {"脱贫攻坚乡村振兴专业领导干部"}),
    # the units directly under a level (县直机关, 市直单位) and the ranks (正科级) qualify a group;
    # the genre quotes an age bound (“90后”)
    ("选派县直机关优秀年轻干部和“90后”科级干部到农村锻炼。", {"县直机关优秀年轻干部", "90后科级干部"}),
    ("正科级领导干部由部长约谈，一般干部由科长约谈。", {"正科级领导干部", "一般干部"}),
    # a village's two committees' members, and the cadres who hold both chairs (“一肩挑”人员)
    ("与村“两委”干部谈心，“两委”成员平均年龄下降。", {"村两委干部", "两委成员"}),
    ("加强对“一肩挑”人员的管理监督。", {"一肩挑人员"}),
    # the cadres a level selects and sends down, where a list or a count names them, not the act of 选派;
    # the cadres in charge of a village (包村干部)
    ("激励村党组织书记和选派干部对标先进，县委选派干部到村任职。", {"村党组织书记", "选派干部"}),
    ("全体包村干部参加会议。", {"包村干部"}),
    # a status (离职), a line of work (纪检监察), a rank (正职, 副职) and an age bound before 村（社区）
    ("县上修订《离职村干部生活补助办法》，村级副职按村级正职的85%发放。", {"离职村干部", "村级副职", "村级正职"}),
    ("澄清正名纪检监察干部，召开“88后”乡镇街道副职干部座谈会。", {"纪检监察干部", "88后乡镇街道副职干部"}),
    ("举办益阳市80后村（社区）党组织书记专题培训班。", {"80后村党组织书记"}),
    ("黄陂区召开党外年轻干部座谈会。", {"党外年轻干部"}),
    # a rank bound qualifies leaders (副处级以上领导), not a body (…领导班子); 主要 qualifies 负责人,
    # which is a group only with a unit's modifier
    ("要求所有县副处级以上领导和乡镇党政主要负责人带头，市直单位领导班子要配合，主要负责人参加。",
     {"县副处级以上领导", "乡镇党政主要负责人"}),
    # ... as it does 负责同志, and a towns' offices (站所) or government qualify them; a level's specialists (专干)
    ("各乡镇党政主要负责同志、各站所负责人和乡镇政府主要负责人参加，单位主要负责同志陪同。",
     {"乡镇党政主要负责同志", "站所负责人", "乡镇政府主要负责人"}),
    ("开设乡镇专干培训班。", {"乡镇专干"}),
    # the chairs of villages' committees as a category (…村党支部书记、村委会主任参加), not one's post
    ("各村党支部书记、村委会主任参加培训。", {"村党支部书记", "村委会主任"}),
    ("福田村党总支书记、村委会主任李伟华表示，要担当。", set()),
    # cadres of a type (业务型干部), the type from a determiner or a function word on
    ("对女干部以及其他业务型干部实行培训，温暖了广大实干担当型干部的心田。", {"女干部", "业务型干部", "实干担当型干部"}),
    # a town's cadres (镇干部), not where 镇 ends the town's name (柘汪镇干部) or a level list (县乡镇干部);
    # civil servants with a qualifier (乡镇公务员, 新录用公务员)
    ("镇党委书记来到镇干部家中，柘汪镇干部要担当，参与县乡镇干部培训。", {"镇干部", "乡镇干部"}),
    ("举办乡镇公务员培训班，新录用公务员参加。", {"乡镇公务员", "新录用公务员"}),
    # 全县 is all the county's: the level is not the group's (全县处级领导干部: not 县处级领导干部)
    ("培训学员主要是全县处级领导干部、乡镇新进领导班子成员和机关工作人员。", {"处级领导干部", "乡镇新进领导班子成员"}),
    # Taiwan's village and ward chiefs and clerks, bracketed or qualified, not the village then a word
    ("县政府表扬特优村（里）长及绩优村（里）干事，村里长与干事是桥梁。", {"特优村里长", "绩优村里干事", "村里长"}),
    ("他在村里长大，村里长期缺水。", set()),
    # a newspaper named after a group is none (乡村干部报), unlike the group's pay (村干部报酬)
    ("据乡村干部报报道，该县村干部报酬由基础报酬构成。", {"村干部"}),
    # a body (领导班子) is a whole item of a list, no modifier of the core of the item after it
    ("县委党校分类开设乡镇领导班子、乡镇专干主体培训班次。", {"乡镇专干"}),
    # a level's leading group (党政领导班子) is a body, not its leaders as a category
    ("充实县区党政领导班子和市直机关领导岗位。", set()),
    # a level character written twice: one unit's (一乡镇) cadres of two levels (镇村干部)
    ("因工作失职，一乡镇镇村干部被问责。", {"镇村干部"}),
]

GROUP_NAMES = [
    # a group with an age bound is written without it too; a 行政村's group is the 村's
    ("镇村40周岁以下年轻干部参加读书会。", "镇村40周岁以下年轻干部", {"镇村年轻干部"}),
    ("全乡23个行政村党组织书记参加比武。", "行政村党组织书记", {"村党组织书记"}),
    # ... and a group qualified by its duty areas without them
    ("甘肃省开展乡村振兴基层干部“练兵比武”活动。", "乡村振兴基层干部", {"基层干部"}),
    # the one group of a village's party secretaries has each name the article gives it
    ("各村党支部书记和村党总支书记参加培训，村书记要带头。", "村党支部书记", {"村党总支书记", "村书记"}),
    ("乡镇党政正职要带头，党政正职要担当。", "乡镇党政正职", {"党政正职"}),
    # ... and its towns' level written another way
    ("激励乡镇党政正职担当作为，镇街党政正职要带头。", "乡镇党政正职", {"镇街党政正职"}),
    # the young are 青年 or 年轻 in the genre's words
    ("选拔优秀青年干部。", "优秀青年干部", {"优秀年轻干部"}),
]


@pytest.mark.parametrize(("text", "label", "expected"), GROUP_NAMES)
def test_cadre_group_other_names(run: Run, text: str, label: str, expected: set[str]) -> None:
    assert alt_labels(run(text), "CadreGroup", label) >= expected


@pytest.mark.parametrize(("text", "expected"), GROUPS)
def test_cadre_groups(run: Run, text: str, expected: set[str]) -> None:
    assert labels(run(text), "CadreGroup") == expected


# --- relations ----------------------------------------------------------------------------------

ISSUES_NONE = [
    # a regulation its name does not place (…条例) is the centre's, no county's act
    "辰溪县严格按照《党政领导干部选拔任用工作条例》，出台了十条措施。",
]


@pytest.mark.parametrize("text", ISSUES_NONE)
def test_no_issuer_of_a_central_regulation(run: Run, text: str) -> None:
    assert not any(o.endswith("条例") for _, _, o in facts(run(text), "issues"))


LAUNCHES = [
    # an interview's answer: the unit of the speaker's post acts (我们)
    ("访浮山县委常委、组织部部长李红梅\n记者：年轻干部培养上有何举措？\n李红梅：我们启动了“晋南青苗”年轻干部递进培养计划。",
     {("浮山县", "launches", "晋南青苗年轻干部递进培养计划")}),
    # a unit whose course the article sends cadres to (参加宾川县委党校举办的…) is not the article's lead:
    # the course is the county's, whose party school holds it
    ("乔甸镇2023年干部队伍建设工作总结\n2023年，在宾川县委组织部的精心指导下，乔甸镇党委坚持抓干部队伍建设。选派5名年轻干部参加宾川县委党校举办的中青年干部培训班。"
     "\n三、激励担当作为。在镇机关党员干部中开展“亮身份、比作风、争先锋”活动。", {("宾川县", "launches", "中青年干部培训班")}),
    # a unit after 在 is where the agent named before it acts; one after 为 is whom it acts for
    ("毕节市委组织部近日在威宁彝族回族苗族自治县启动“乌蒙先锋”乡镇干部实绩比拼活动。",
     {("毕节市", "launches", "乌蒙先锋乡镇干部实绩比拼活动")}),
    ("青海省委组织部近日在西宁举办全省驻村第一书记示范培训班。", {("青海省", "launches", "全省驻村第一书记示范培训班")}),
    # a village or community that opens the initiative's clause as its subject acts (not the town before it);
    # one whose partner unit acts (…村党建包联单位开展) does not
    ("石门县壶瓶山镇城北社区近日开展“邻里守望”活动。", {("城北社区", "launches", "邻里守望活动")}),
    ("石门县壶瓶山镇城北社区党建包联单位开展“结对帮扶”活动。", set()),
    # a village by its level word (该村) or its body (村党支部), as a county by 该县 or 县委; not a group's word
    ("金寨县梅岭镇枫树湾村是个山村。村党支部还开展了“屋场夜话”活动。", {("枫树湾村", "launches", "屋场夜话活动")}),
    ("金寨县开展“百村示范”行动，村党支部书记要带头。", {("金寨县", "launches", "百村示范行动")}),
    # ... and a group it acts for names no organisation acting (面向乡镇党委书记: whom, not who)
    ("石门县面向乡镇党委书记开展“清风”行动。", {("石门县", "launches", "清风行动")}),
    ("珠海市斗门区委组织部为福贡县举办的基层干部能力提升培训班在斗门区委党校开班。",
     {("斗门区", "launches", "基层干部能力提升培训班")}),
    # the unit 由 names right after the name as the one running it (…活动由溆浦县委组织部牵头开展)
    ("龙潭镇召开会议。据了解，“担当作为好干部”评选活动由溆浦县委组织部牵头开展。",
     {("溆浦县", "launches", "担当作为好干部评选活动")}),
    # a year designated by the centre, or by nobody the sentence names, is no locality's campaign
    ("青田县召开会议。2019年被确定为“基层减负年”。在中央将2019年确定为“基层减负年”之后，减负展开。", set()),
    ("青田县把2023年确定为“干部作风提升年”。", {("青田县", "launches", "干部作风提升年")}),
    # the locality in the sentence
    ("黄岩区开展“大讨论大调研大服务”活动。", {("黄岩区", "launches", "大讨论大调研大服务活动")}),
    ("黄岩区开展“五比亮剑”行动。", {("黄岩区", "launches", "五比亮剑行动")}),
    ("黄岩区推行厕所革命。", {("黄岩区", "launches", "厕所革命")}),
    # 召开 convenes what is held
    ("城北街道召开了抓党建促乡村振兴擂台比武。", {("城北街道", "launches", "抓党建促乡村振兴擂台比武")}),
    # an organisation stands for its locality
    ("黄岩区委组织部开展“五比亮剑”行动。", {("黄岩区", "launches", "五比亮剑行动")}),
    # the nearest locality: the town, not its district
    ("黄岩区宁溪镇开展“五比亮剑”行动。", {("宁溪镇", "launches", "五比亮剑行动")}),
    # no locality in the sentence: the article's locality
    ("黄岩区委召开三级干部大会。会上，全面启动“五比亮剑”行动。", {("黄岩区", "launches", "五比亮剑行动")}),
    # a locality the name begins with acts; of a chain, the innermost unit
    ("山西省新任农村第一书记示范培训班在忻州市开班。", {("山西省", "launches", "山西省新任农村第一书记示范培训班")}),
    ("博罗县福田镇抓党建促乡村振兴擂台赛在横溪头村举行。",
     {("福田镇", "launches", "博罗县福田镇抓党建促乡村振兴擂台赛")}),
    ("天等县实施“山海新锋”三年培养行动，培养年轻干部。", {("天等县", "launches", "山海新锋三年培养行动")}),
    # taking part is no launch: the locality of the sentence does not carry out the initiative
    ("天等县党员干部参加“强基兴村”培训班。", set()),
    # ... in any item of the list the verb of taking part governs
    ("柘汪镇党委书记说，他参与“港城大讲堂”专题讲座、招商队伍能力提升培训班后收获很多。", set()),
    # a committee the article cannot place (省委 of no named province) acts, not the article's county
    ("天等县召开会议。据县委组织部介绍，省委决定实施“强基兴村”计划。", set()),
    # a place in a dateline is where the news came from, not who acts
    ("兰州讯 近日，启动“强基兴村”行动。", set()),
    # 我市 in an article about a county-level city is that city, not its prefecture
    ("宁德市福鼎市召开会议。福鼎市干部踊跃参加。我市开展“强基兴村”行动。", {("福鼎市", "launches", "强基兴村行动")}),
    # an article that names no unit below its province credits nothing to the province by default
    ("浙江省召开会议。\n会上，启动“强基兴村”行动。", set()),
    # a campaign of the centre, whose name says so, is no county's launch
    ("天等县组织收听“党史学习教育中央宣讲团宣讲”活动。", set()),
    # a town acting at the head of its clause, though the gazetteer does not list it
    ("近日，岩溪镇举行了“擂台比武”活动。", {("岩溪镇", "launches", "擂台比武活动")}),
    # a paragraph that names no actor: the locality the lead makes the subject of an act
    ("黄岩区开展“五比亮剑”行动。\n会上，全面启动“擂台比武”活动。",
     {("黄岩区", "launches", "五比亮剑行动"), ("黄岩区", "launches", "擂台比武活动")}),
    # ... but not a locality the lead only names (a meeting is no act on an initiative)
    ("黄岩区召开三级干部大会。\n会上，全面启动“擂台比武”活动。", set()),
    # ... nor a venue (在…举行), however many units it names
    ("近日，在台州市黄岩区举行了座谈会。\n会上，全面启动“擂台比武”活动。", set()),
    # ... nor in a paragraph of someone's words: the speaker's unit acts
    ("黄岩区开展“五比亮剑”行动。\n“我们村坚持党建引领，壮大集体经济。”常态化开展“擂台比武”活动。",
     {("黄岩区", "launches", "五比亮剑行动")}),
    # ... nor a locality inside a post
    ("黄岩区委书记徐淼开展调研。\n会上，全面启动“擂台比武”活动。", set()),
    # a campaign its clause spreads over the whole country is no locality's launch
    ("赣州市召开会议。自上而下的“减负”行动在全国范围内展开。", set()),
    # the committee of a unit named in full is that unit's, not the article's city's (赣州市委)
    ("宁德市召开会议。宁德市干部参加。赣州市委推出了“减负”行动。", {("赣州市", "launches", "减负行动")}),
    # a unit a visit goes to is no agent, and the article's lead does not stand in for the visitor
    ("镇坪县开展“五比”活动。\n市农业农村局到镇坪县调研“强基兴村”行动。", {("镇坪县", "launches", "五比活动")}),
    # ... but who goes to a unit and carries an initiative out there acts, not the unit
    ("连日来，霍山县领导带队，来到衡山镇各村开展“两节”送温暖活动。", {("霍山县", "launches", "两节送温暖活动")}),
    # an initiative whose experience is learnt is another's, wherever the article names it
    ("镇坪县学习运用“千万工程”经验。", set()),
    ("镇坪县学习运用“千万工程”经验。全县推进“千万工程”示范村建设。", set()),
    # ... and the units of a list a visit goes to (到A镇、B镇), or that someone inspects (考察)
    ("黄岩区开展“五比”活动。\n市领导到宁溪镇、北洋镇调研“强基兴村”行动。", {("黄岩区", "launches", "五比活动")}),
    ("黄岩区开展“五比”活动。\n要贯彻总书记考察浙江重要讲话精神，实施“强基兴村”行动。", {("黄岩区", "launches", "五比活动")}),
    # an initiative a locality fits its work to (结合) is not its launch; one its owner is written with is the owner's
    ("台州市黄岩区召开会议。该区开展调研，结合市委“美丽乡村”专项行动，再结合“强基兴村”活动落实举措。",
     {("台州市", "launches", "美丽乡村专项行动")}),
    # a committee's decision (省委关于…的部署) carried out: the committee is no agent of what follows
    ("台州市召开会议。市委认真贯彻落实省委关于开展“排头兵”实践活动的部署，提出实施“先锋”行动。",
     {("台州市", "launches", "先锋行动")}),
    # units or their committees joined as one subject (、 联合) each launch
    ("黄岩区委、路桥区委联合开展“五比亮剑”行动。", {(u, "launches", "五比亮剑行动") for u in ("黄岩区", "路桥区")}),
    ("上海市青浦区联合苏州市吴江区举办“强基”培训班。", {(u, "launches", "强基培训班") for u in ("青浦区", "吴江区")}),
    # ... nor the venue of an event (在…举行的)
    ("近日，在黄岩区举行的“擂台比武”活动中，各村书记同台竞技。", set()),
    # the lead's agent by the article's reference to its own unit (该县, 我州) acting
    ("天等县召开会议。\n该县在县委党校举办了干部培训。\n年轻干部培训班学员将接受集中培训。",
     {("天等县", "launches", "年轻干部培训班")}),
    # a province standing alone acts
    ("浙江省开展“强基兴村”行动。", {("浙江省", "launches", "强基兴村行动")}),
    # a university named after a place is a partner, not the actor
    ("芜湖市委组织部联合浙江大学举办“强基”培训班。", {("芜湖市", "launches", "强基培训班")}),
    # 我市 in the article of a town of a county-level city is that city, not the prefecture it names
    ("福鼎市沙埕镇召开会议。沙埕镇干部参加，宁德市督导组到会。我市开展“强基兴村”行动。",
     {("福鼎市", "launches", "强基兴村行动")}),
    # ... and where the article does not name that city, nobody it names acts
    ("沙埕镇召开会议，宁德市督导组到会。督导组传达了市委关于开展“强基兴村”行动的要求。", set()),
    # a theme listed between 围绕 and 等方面 is what another act is about, nobody's launch
    ("甘肃省召开会议，我省将开展“练兵比武”活动。\n活动期间，干部将围绕实施乡村建设行动、开展关爱服务等方面进行比武。",
     {("甘肃省", "launches", "练兵比武活动")}),
    # a name a clause says something belongs to (是“Y”活动的深化) is not acted on there
    ("张洪镇开展作风建设专项行动，是“解放思想”主题教育活动的深化拓展。",
     {("张洪镇", "launches", "作风建设专项行动")}),
    # the place a heading is filed under (明溪：) is no agent; the article's acting unit is
    ("明溪：村书记“擂台赛”促乡村振兴\n2日，在明溪县举行的擂台比武中，各村书记同台竞技。夏坊乡还开展“星级支部”创建活动。",
     {("夏坊乡", "launches", "星级支部创建活动"), ("夏坊乡", "launches", "村书记擂台赛")}),
    # units that are a village's address are not the agent of what the village's partner does
    ("十堰市张湾区汉江路街道熊家湾村党建包联单位负责人开展“寒冬送暖”主题活动。", set()),
    # the committee written as the owner of one name (市委“美丽乡村”专项行动) is no agent of the next
    ("台州市黄岩区召开会议。该区结合市委“美丽乡村”专项行动，开展“强基兴村”活动。",
     {("台州市", "launches", "美丽乡村专项行动"), ("黄岩区", "launches", "强基兴村活动")}),
    # in an interview's answer, what 我们 carry out is the speaker's unit's, whatever agent the paragraph named before
    ("石门县召开会议。县委书记李明接受采访。\n李明：我们落实市委印发的《关于加强人才工作的若干措施》。同时，我们实施“山城英才”计划。",
     {("石门县", "launches", "山城英才计划")}),
    # the occasion of the acts that follow (以…为契机) is not one of them; the vehicle of one (以…为载体) is
    ("凤冈县召开会议。以推动“两学一做”学习教育常态化制度化为契机，开设“乡村振兴课堂”。",
     {("凤冈县", "launches", "乡村振兴课堂")}),
    ("石门县以“三亮三比”活动为载体，引导党员干部担当作为。", {("石门县", "launches", "三亮三比活动")}),
    # the organisation whose directive a unit follows (按照县委部署, 响应县委号召, 在县委的领导下) does not act
    ("石门县召开会议。新关镇积极响应县委号召，开展“大走访”活动。", {("新关镇", "launches", "大走访活动")}),
    ("石门县召开会议。新关镇在县委的领导下，开展“大走访”活动。", {("新关镇", "launches", "大走访活动")}),
    # ... but deploys what it has carried out (县委部署开展…)
    ("石门县委部署开展“大走访”活动。", {("石门县", "launches", "大走访活动")}),
    # a place where cadres attend a course is not the article's lead agent
    ("今年以来，外派干部在西北坡、延安参加能力提升班。\n启动实施了干部教育网络培训。", set()),
]


@pytest.mark.parametrize(("text", "expected"), LAUNCHES)
def test_launches(run: Run, text: str, expected: set) -> None:
    ex = run(text)
    assert facts(ex, "launches") == expected
    assert facts(ex, "issues") == set()


def test_a_dateline_s_place_is_none_of_the_article_s_units(run: Run) -> None:
    # a wire's dateline (人民网北京…电) says where the news came from: 省委 is no committee of its municipality
    ex = run("人民网北京5月12日电 我州举办优秀年轻干部培训班。\n今年，省委决定实施“新时代治蜀兴川执政骨干递进培养计划”。")
    assert labels(ex, "Campaign") >= {"新时代治蜀兴川执政骨干递进培养计划"}
    assert facts(ex, "launches") == set()


def test_the_campaign_a_document_sets_out_to_launch_is_named_and_launched(run: Run) -> None:
    # before the document's kind, whatever slogan its quotes hold; named again without its period
    # (谈心谈话活动), the same campaign
    ex = run("宁化县委组织部下发了《关于开展“转作风、正风气、凝心聚力促发展”谈心谈话周活动实施方案》，"
             "要求县领导带头深入基层，开展为期一周的谈心谈话活动。")
    assert facts(ex, "launches") == {("宁化县", "launches", "转作风、正风气、凝心聚力促发展谈心谈话周活动")}


def test_a_training_named_without_its_class_is_the_same_programme(run: Run) -> None:
    # 开展农村党支部书记培训 of an article naming its 农村党支部书记培训班: one campaign, not two
    ex = run("11月16日，益阳市举办农村党支部书记培训班，共培训农村党支部书记1000名。\n"
             "动员会指出，开展农村党支部书记培训，是落实新要求的重要举措。")
    assert labels(ex, "Campaign") == {"农村党支部书记培训班"}


ISSUES = [
    # a document an act follows (根据, 对照, 对标) is another's; what the clause itself makes is the actor's, and a
    # document named with its locality is that locality's
    ("宜城街道根据《关于加强村干部管理的意见》，制定了村干部考核办法。", {("宜城街道", "issues", "村干部考核办法")}),
    ("宜城街道对照《村干部管理办法》开展自查，严格对标“五有”标准。", set()),
    ("宜城街道根据工作需要出台《村干部管理办法》。", {("宜城街道", "issues", "村干部管理办法")}),
    ("根据《甘肃省村级干部管理办法》等规定，甘州区制定本办法。", {("甘肃省", "issues", "甘肃省村级干部管理办法")}),
    ("根据中共白河县委组织部《关于严肃换届纪律的通知》精神，我镇党委高度重视。",
     {("白河县", "issues", "关于严肃换届纪律的通知")}),
    # ... as is one whose spirit or demands an act carries out (the centre's, though its short title is written
    # after the county), unlike a system put in place (落实…包案制)
    ("中共中央办公厅印发《关于进一步激励广大干部新时代新担当新作为的意见》。清河县认真贯彻落实《意见》精神。", set()),
    ("清河县全面落实领导干部包案制。", {("清河县", "issues", "领导干部包案制")}),
    # ... or one whose issuer the phrase names right before its title: the centre's is nobody's here, the
    # province's is the province's
    ("清河县认真贯彻落实中央《关于激励干部担当作为的意见》，出台《清河县十条措施》。",
     {("清河县", "issues", "清河县十条措施")}),
    ("河北省清河县认真落实省委《关于激励干部的意见》，出台《十条措施》。",
     {("河北省", "issues", "关于激励干部的意见"), ("清河县", "issues", "十条措施")}),
    # the speaker's own unit as subject before 在: the units after it (and their list mates) are where it acts
    ("访保靖县委常委、组织部部长彭晓岚\n彭晓岚：今年我们在吕洞山镇、夯沙乡试点推行乡镇干部实绩纪实制度。",
     {("保靖县", "issues", "乡镇干部实绩纪实制度")}),
    # places given as examples of where cadres work (在书楼镇、屏边彝族乡等偏远乡镇) are no agents
    ("屏山县出台《实施意见》。《实施意见》明确：一是健全乡镇干部待遇保障制度，对在书楼镇、屏边彝族乡等偏远乡镇连续工作满5年的干部优先晋升；二是建立容错纠错机制。",
     {("屏山县", "issues", "实施意见"), ("屏山县", "issues", "乡镇干部待遇保障制度"), ("屏山县", "issues", "容错纠错机制")}),
    # units whose report is heard (听取…汇报) are visited, as their list is: no agent of what follows
    ("潜山市委书记王国林带队到官庄镇调研，并专题听取官庄镇、槎水镇乡村振兴工作有关情况汇报。王国林强调，要积极探索联农带农富农长效机制。",
     set()),
    ("黄岩区委印发《关于进一步激励广大干部担当作为的实施意见》。",
     {("黄岩区", "issues", "关于进一步激励广大干部担当作为的实施意见")}),
    ("黄岩区健全容错纠错机制。", {("黄岩区", "issues", "容错纠错机制")}),
    # a set named by its count of articles is a measure, though a launch verb puts it out
    ("赣州市委推出了“减负20条”，包括压减会议。", {("赣州市", "issues", "减负20条")}),
    # ... as is a system (…制), whatever its verb
    ("夏坊乡推行“导师帮带制”。", {("夏坊乡", "issues", "导师帮带制")}),
    # a name copied with a space inside is the same name, one node
    ("盘山县出台《盘山县 设施农业奖励办法》，又印发了《盘山县设施农业奖励办法》。",
     {("盘山县", "issues", "盘山县设施农业奖励办法")}),
    ("黄岩区制定实施激励干部担当作为20条措施。", {("黄岩区", "issues", "激励干部担当作为20条措施")}),
    # 该县 refers to the article's county
    ("天等县召开会议。该县制定实施激励干部担当作为20条措施。", {("天等县", "issues", "激励干部担当作为20条措施")}),
    # ... and 自治区党委 to its autonomous region
    ("新疆维吾尔自治区召开会议。近日，自治区党委组织部印发《关于激励干部担当作为的实施办法》。",
     {("新疆维吾尔自治区", "issues", "关于激励干部担当作为的实施办法")}),
    # no locality in the sentence: the article's locality
    ("黄岩区委召开三级干部大会。会上，印发《关于激励干部担当作为的实施意见》。",
     {("黄岩区", "issues", "关于激励干部担当作为的实施意见")}),
    # a central document is the centre's act, not the article's locality's
    ("铁岭市召开会议。自中共中央办公厅印发《关于激励干部担当作为的意见》以来，各地行动起来。", set()),
    # a document of the centre is cited or applied, not issued, by the locality
    ("天等县召开会议，印发《中国共产党农村基层组织工作条例》。", set()),
    # generic measures are no names (整改措施)
    ("该镇班子成员查找问题，制定整改措施。", set()),
    # a manner of management alone (社区化管理) names no measure
    ("柞水县将返乡创业人员优先纳入社区化管理，建立台账。", set()),
    # units written coordinated are one subject: each of them acts
    ("青浦区、吴江区和嘉善县签署《关于构建干部教育培训共同体的实施意见》。",
     {(unit, "issues", "关于构建干部教育培训共同体的实施意见") for unit in ("青浦区", "吴江区", "嘉善县")}),
    ("上海市青浦区与江苏省苏州市吴江区建立干部轮值培训制度。",
     {(unit, "issues", "干部轮值培训制度") for unit in ("青浦区", "吴江区")}),
    # a unit inside a name (兴城市 of 强产业、兴城市) yields to the agent its sentence names
    ("黄岩区委组织部出台《关于服务强产业、兴城市发展的十条措施》。",
     {("黄岩区", "issues", "关于服务强产业、兴城市发展的十条措施")}),
    # a measure listed among the themes of another act (围绕…等方面) is not issued there
    ("甘肃省召开会议，我省将开展比武。\n干部将围绕落实动态监测帮扶措施、促进务工就业等方面进行比武。", set()),
    # a village the name begins with after its title mark issues it, not the town before it
    ("走进黄岩区宁溪镇金林村，公开栏中的《金林村干部履职承诺书》格外醒目。", {("金林村", "issues", "金林村干部履职承诺书")}),
]


@pytest.mark.parametrize(("text", "expected"), ISSUES)
def test_issues(run: Run, text: str, expected: set) -> None:
    ex = run(text)
    assert facts(ex, "issues") == expected
    assert facts(ex, "launches") == set()


TARGETS = [
    # the group inside the measure's name
    ("建立乡镇党政正职谈心谈话制度。", "乡镇党政正职"),
    ("黄岩区建立乡镇党政正职谈心谈话制度。", "乡镇党政正职"),
    ("黄岩区出台《年轻干部培养实施办法》。", "年轻干部"),
    # a targeting verb in the sentence of the campaign
    ("黄岩区开展“五比亮剑”行动，激励年轻干部担当作为。", "年轻干部"),
    ("该区面向年轻干部开展“五比亮剑”行动。", "年轻干部"),
    ("黄岩区针对年轻干部开展“山海新锋”培训班。", "年轻干部"),
    ("天等县实施“山海新锋”三年培养行动，培养年轻干部。", "年轻干部"),
    # the group right before the name says whom it is for
    ("池店镇启动实施年轻干部“凤驰计划”。", "年轻干部"),
    # a sentence opening with 活动中 goes on about the initiative just named
    ("池店镇举办“集五福”研学活动。活动中，机关年轻干部与流动党员结对共建。", "机关年轻干部"),
    # ... a sentence on whom the measure applies to (该办法适用于…) or whom the course takes in (参训学员为…)
    ("县委印发《关心关爱实施办法》。该办法适用于全县驻村工作队员。", "驻村工作队员"),
    ("县委组织部举办“溆水砺才”专题培训班。参训学员为各乡镇推荐的优秀年轻干部。", "优秀年轻干部"),
    ("县委组织部启动“头雁领航”培育行动。首批培育对象包括全县村级后备干部。", "村级后备干部"),
    # selecting cadres into it (遴选); whom it takes as its object (以…为重点对象)
    ("我们启动实施“青苗计划”，每年遴选50名左右优秀年轻干部，放到吃劲岗位历练。", "优秀年轻干部"),
    ("县委组织部实施“头雁培育工程”，计划用三年时间把全县村党组织书记轮训一遍。", "村党组织书记"),
    # a clause that sets the group's in the course of the initiative referred back to (活动期间，)
    ("白山市委组织部启动“驻村帮扶”活动。此次活动为期一年，活动期间，驻村干部吃住在村。", "驻村干部"),
    ("剑河县开展“实干争先”三年行动，以全县科级领导干部为重点对象，比业绩、亮成效。", "科级领导干部"),
    # a sentence opening on whom it cites, then on the initiative it refers back to
    ("张立峰听取了“墩苗蓄水”工程实施情况汇报。据威县县长刘建勇介绍，该工程于2023年启动，威县从县直单位选派62名优秀年轻干部到村任职锻炼。",
     "优秀年轻干部"),
    # a name that names its group is not aimed by a verb at another group of its sentence
    ("连云港市将培训作为提升领导干部本领的任务，实施“乡镇党政正职发展能力提升计划”。", "乡镇党政正职"),
    # a noun of cadre work after the group makes it the object (村党组织书记专业化管理)
    ("吉安县以“头雁领航”行动为抓手，在村党组织书记专业化管理上下功夫。", "村党组织书记"),
    # the corps of the group the sentence builds (建设一支…队伍)
    ("土右旗开展“擂台比武”活动，全面建设一支本领过硬的村级党组织带头人队伍。", "村级党组织带头人"),
    # a one-character verb before the group in its clause (为驻村工作队员)
    ("市文旅局开展“夏送清凉”行动，为驻村工作队员送去清凉。", "驻村工作队员"),
]


TARGET_RULES = [
    # the clause right after a document named for one group opens on others it is for (，为…)
    ("光泽县委组织部制定出台《光泽县年轻干部导师帮带制度》，为全县新录用公务员和选调生配备成长导师。",
     "光泽县年轻干部导师帮带制度", "选调生", "group-by-verb"),
    # a group taking part in the learning an initiative offers (参加学习)
    ("6月5日，石门县第三期“石门讲堂”开讲，全县200余名年轻干部参加学习。", "石门讲堂", "年轻干部", "group-takes-part"),
    # the groups an initiative focuses on (聚焦…，开展…)
    ("石门县聚焦乡镇党政正职、村党组织书记两支队伍，开展“头雁”培训。", "头雁培训", "乡镇党政正职", "group-by-verb"),
    # the group a clause aims at (面向…), though the next clause opens on what is done each year (，每年…)
    ("石门县启动“墩苗”计划，面向全县年轻干部，每年选派50人到基层锻炼。", "墩苗计划", "年轻干部", "group-by-verb"),
    # those taking part, named by a relative clause (参加培训的…), whatever they go on to say (纷纷表示)
    ("石门县举办“青干班”。参加培训的年轻干部纷纷表示收获很大。", "青干班", "年轻干部", "group-takes-part"),
    # ... or in the clause after the means a sentence opens on (通过“擂台比武”，…)
    ("石门县开展“擂台比武”活动。通过“擂台比武”，村党组织书记比思路、晒成绩。", "擂台比武活动", "村党组织书记",
     "group-takes-part"),
    # the aim a sentence of purpose states for the next one's initiatives, each named for a kind of group: its own kind's
    ("为激发村党组织书记和驻村第一书记干事激情，营造比学赶超氛围。近日，杨兴镇举行了村党组织书记抓党建“擂台比武”"
     "和驻村书记“驻村比武”活动。", "驻村比武活动", "驻村第一书记", "group-by-purpose"),
    # the ones among whom an initiative is carried out (在…中开展)
    ("石门县在全县村党组织书记中开展“擂台比武”活动。", "擂台比武活动", "村党组织书记", "group-by-verb"),
    # the group the title names is the aim of an initiative no sentence links to a group, where the
    # initiative's paragraph names the group too
    ("乡镇党政正职队伍建设纪实\n连云港市开设“港城大讲堂”，乡镇党政正职踊跃报名。", "港城大讲堂", "乡镇党政正职",
     "group-of-article"),
    # ... as is the group the article names most, where the initiative's paragraph names it too
    ("连云港市关心乡镇党政正职。乡镇党政正职要担当。乡镇党政正职要实干。连云港市开设“港城大讲堂”。",
     "港城大讲堂", "乡镇党政正职", "group-of-article"),
    # the participants of the initiative the paragraph reports (…参训, …登台)
    ("伍家岗区“干部能力提升训练营”开班。全区85后科级干部、90后优秀年轻干部代表共计90人参训。",
     "干部能力提升训练营", "85后科级干部", "group-takes-part"),
    ("赛口镇举办“擂台比武”初赛，各村（社区）书记参加了比赛。", "擂台比武", "村书记", "group-takes-part"),
    ("市委组织部举办“红色头雁”专题培训班，共有115位基层党组织书记参加本次培训。", "红色头雁专题培训班",
     "基层党组织书记", "group-takes-part"),
    # ... or the initiative a group goes to as the object of 参加
    ("该县组织14名乡镇党政正职分赴上海、浙江参加“担当作为”专题研修班等主体班次。", "担当作为专题研修班",
     "乡镇党政正职", "group-takes-part"),
    # ... in the initiative the title names, where the paragraph names none (此次培训…。…等参加培训)
    ("全市村党组织书记培训班开班\n据了解，此次培训为期两天。各区镇分管负责人、驻村第一书记等参加培训。",
     "全市村党组织书记培训班", "驻村第一书记", "group-takes-part"),
    # participants of several initiatives each named for a kind of group take part in their own kind's
    ("杨兴镇举行村（社区）党组织书记“擂台比武”和驻村书记“驻村比武”活动，全镇5名村（社区）党支部书记和3名驻村第一书记同台竞技。",
     "驻村比武活动", "驻村第一书记", "group-takes-part"),
    # a group of a list that its own grammar links to nothing shares its mates' initiatives
    ("雄村镇开展村党总支书记、驻村第一书记“追光吧·书记”擂台比武大赛。", "追光吧·书记擂台比武大赛",
     "村党总支书记", "group-listed"),
    # the members an initiative is composed of (首期培训班由…组成)
    ("三地建立“领导干部示范培训班”，首期培训班由互派交流任职干部组成。", "领导干部示范培训班",
     "交流任职干部", "group-composes"),
    # the group whose cadre work the lead sentence names is the aim of an initiative no sentence links
    # to a group, wherever the initiative stands
    ("近年来，麦积区将村级后备力量建设作为强基固本的关键举措。\n该区建立“联审机制”，严把入口关。",
     "联审机制", "村级后备力量", "group-of-article"),
    # ... where a group leads the act (领导班子成员带队): it carries the act out for the article's group
    ("近年来，石门县将村级后备力量建设作为关键举措。\n县领导班子成员带队下沉乡村，建立“联审机制”，严把入口关。",
     "联审机制", "村级后备力量", "group-of-article"),
    # who is in the course of an initiative named takes part in it, in a sentence it opens or in the
    # clause right after its name
    ("在“擂台比武”活动中，全镇5名村党总支书记围绕乡村发展晒成绩。", "擂台比武活动", "村党总支书记",
     "group-takes-part"),
    ("他是新疆“访民情、惠民生、聚民心”活动中驻守在农村的74000名机关干部中的一员。", "访民情、惠民生、聚民心活动",
     "机关干部", "group-takes-part"),
    # a feature story opens on a scene, then its thesis (近年来，…) leads it
    ("清晨，仓田村党支部书记彭小江穿梭在蔬菜大棚间。\n近年来，吉安县在村党组织书记专业化管理上下功夫。\n"
     "该县打造“田间课堂”，累计开展培训12场次。", "田间课堂", "村党组织书记", "group-of-article"),
    # ... as the object of 对 whose work it lists
    ("三月中旬，六龙村党总支书记黎泉生正带队移栽。\n近年来，南宁市对村党组织书记的职责任务、储备选任进行细化。\n"
     "南宁市开设“兴村学堂”，送课到村。", "兴村学堂", "村党组织书记", "group-of-article"),
    # a purpose clause states the aim of every initiative its sentence goes on to name
    ("西来镇为加快镇村两级后备干部培养，组建“攀登读书会”，实施“墩苗成长计划”。", "墩苗成长计划",
     "镇村两级后备干部", "group-by-purpose"),
    # ... and so does a clause that frames the sentence's acts as aimed at a group (针对…，开设…，开展…)
    ("该县深化干部教育，针对乡镇党员干部的实际情况，开设“乡村振兴课堂”，开展“夜学、夜谈”活动。", "夜学、夜谈活动",
     "乡镇党员干部", "group-by-purpose"),
    # ... and a sentence that is all purpose states the aim of what the next one reports
    ("为进一步做好对驻村干部的关心关爱工作。9月2日，霍山县组织开展“夏送清凉”关心关爱行动。", "夏送清凉关心关爱行动",
     "驻村干部", "group-by-purpose"),
    # the groups a document's provisions, opened right after its title, are about; the purpose clause
    # that opens the sentence aims at nothing beyond it
    ("为落实好这一要求，县委组织部出台《组织部长约谈基层干部暂行办法》，规定每周二为活动日，其中正科级领导干部由组织部长约谈。",
     "组织部长约谈基层干部暂行办法", "正科级领导干部", "group-stipulated"),
    # each item of a list that the sentence's subject opens is that subject's
    ("宝应县委组织部印发《关于鼓励干部担当作为的实施意见》。《实施意见》提出措施：强化党性教育；每年选派60名年轻干部赴一线锻炼。",
     "关于鼓励干部担当作为的实施意见", "年轻干部", "group-after-anaphor"),
    # the group before the name, with the initiative's theme between
    ("博湖县开展村级党组织书记乡村振兴“擂台大比武”活动。", "擂台大比武活动", "村级党组织书记", "group-before-name"),
    # whoever does anything in the course of the initiative just reported takes part in it
    ("福田镇举办“擂台赛”活动。活动中，各村书记介绍了本村的工作成效。", "擂台赛活动", "村书记", "group-after-anaphor"),
    # a sentence whose subject refers back to an initiative by its type word is about that initiative
    ("伍家岗区举办“筑梦新中心”训练营。训练营采用“研讨交流”模式，着力培养复合型干部。",
     "筑梦新中心训练营", "复合型干部", "group-after-anaphor"),
    # a numbered heading that names a measure: the groups its paragraph names are the measure's
    ("二、具体措施\n2、完善待遇激励机制。\n按照上级要求科学确定农村干部报酬标准，优先保证离任村干部补贴发放到位。",
     "待遇激励机制", "离任村干部", "group-under-heading"),
    # participants whose 参加 ends the sentence
    ("石门县委组织部举办新任科级领导干部培训班，全县80名新任科级干部参加。",
     "新任科级领导干部培训班", "新任科级干部", "group-takes-part"),
    # what the course just reported achieves (通过培训，提高…)
    ("武陵区村（社区）党组织书记培训班在区委党校开班。通过培训，提高基层党组织书记党建理论水平。",
     "武陵区村（社区）党组织书记培训班", "基层党组织书记", "group-after-anaphor"),
    # a document referred back to by the last words of its name (考核办法规定，…)
    ("柞水县制定美丽乡村建设考核办法。考核办法规定，对村党支部书记给予奖励。",
     "美丽乡村建设考核办法", "村党支部书记", "group-after-anaphor"),
    # ... or the heading opening the paragraph as its first sentence
    ("二、具体措施\n2、完善待遇激励机制。健全目标管理考核制度。按照上级要求优先保证离任村干部补贴发放到位。",
     "待遇激励机制", "离任村干部", "group-under-heading"),
    # a course referred back to by the training it gives (本次轮训 for …轮训班)
    ("全县村（社区）主职干部轮训班开班。本次轮训共分5期进行，实现全县400个村（社区）党组织书记轮训全覆盖。",
     "全县村（社区）主职干部轮训班", "村党组织书记", "group-after-anaphor"),
    # a bare type word opening a sentence as its subject (活动将…) is the initiative just named;
    # what raises a group's ability (提升…能力) aims at it
    ("甘肃省开展“岗位大练兵”活动。活动将通过村里练、乡里比，进一步提升全省各乡镇党委书记和乡镇长政策水平。",
     "岗位大练兵活动", "乡镇长", "group-after-anaphor"),
    # initiatives of a list are one object: the group a verb links to one is linked to all
    ("县委出台了容错纠错机制和澄清正名机制，为基层干部撑腰。", "容错纠错机制", "基层干部", "group-by-verb"),
    ("县委出台了容错纠错机制和澄清正名机制，为基层干部撑腰。", "澄清正名机制", "基层干部", "group-by-verb"),
]


@pytest.mark.parametrize(("text", "initiative", "group", "rule"), TARGET_RULES)
def test_target_rules(run: Run, text: str, initiative: str, group: str, rule: str) -> None:
    ex = run(text)
    found = {(f.subject, f.object): f.evidence.extractor for f in ex.facts if f.predicate == "targets"}
    by_key = {e.key: e.label for e in ex.entities}
    assert {(by_key[s], by_key[o]): r for (s, o), r in found.items()}.get((initiative, group)) == rule


NO_TARGETS = [
    # a measure whose clause states what it applies to (对…开支实行报账制), no group, is not the article's group's
    "村干部待遇保障\n丹凤县提高村干部报酬。县财政在镇财政所逐村建立专账，对村级正常办公开支实行报账制。",
    # a meeting is no initiative its participants take part in
    "石门县开展“擂台比武”活动。次日，参加会议的村党组织书记纷纷表示，要担当。",
    # an initiative whose demands an act carries out (贯彻…“…”部署要求) is not the aim of what follows
    "为深入贯彻市委“干部作风优化年”部署要求，引导广大青年干部将思想共识转化为行动自觉，高新区组织召开青年干部座谈会。",
    # a section's heading on a measure (…改革的历史) is not the measure its paragraph sets out
    "一、健全待遇激励机制的历史\n公社的领导是可以拿工资的。但是村级干部只有一些工分补贴。",
    # two groups named as often as each other: the article is about neither
    "连云港市关心乡镇党政正职和年轻干部。乡镇党政正职和年轻干部要担当，开设“港城大讲堂”。",
    # a time (2025年以来，) is no reference back to the initiative just named
    "吉安县实施“沃土育才”计划。2025年以来，15人通过锻炼走上岗位，培养了年轻干部。",
    # a group described as the participants (参与者) of something does not take part in the initiative
    "保亭县开展“拉家常”活动。组工干部是教育活动的参与者。",
    # a document cited as the basis of an act is not aimed at the groups the act is
    "为加强农村基层干部队伍建设，根据《中国共产党农村基层组织工作条例》，制定本办法。",
    # ... nor at the group the article is about
    "村级干部管理\n为规范村级干部管理，根据《中国共产党农村基层组织工作条例》，制定本办法。村级干部由乡镇党委管理。",
    # ... nor is any of a list of documents it cites, the issuers' names between
    "村级干部管理\n为规范村级干部管理，根据《中国共产党农村基层组织工作条例》《中华人民共和国村民委员会组织法》和省纪委机关、"
    "省委组织部《甘肃省实施〈中国共产党问责条例〉办法（试行）》等有关规定，制定本办法。村级干部由乡镇党委管理。",
    # a title alone does not aim at its group an initiative whose paragraph never names the group
    "乡镇党政正职队伍建设纪实\n连云港市开设“港城大讲堂”。",
    # a group the sentence has act, what it is to do (党员干部要…, …将…), is no target, nor the article's group
    "青年干部担当\n青年干部要主动融入“343”产业体系建设大局。",
    "西店镇全体党员干部将严格执行“百姓事马上办”交办单制度，狠抓落实。",
    # ... nor is one the article names most only through a meeting it sits in
    "我县召开乡镇党政主要负责同志座谈会，推进“三个提升年”等重点工作。各乡镇党政主要负责同志要坚持心中有党。"
    "会上，各乡镇党政主要负责同志要开展好“百日攻坚大会战”。",
    # a targeting verb of another clause of the sentence acts on another group than this one
    "该县开展“红色教育”活动，举办培训56期，老干部参观了展览。",
    # in a run of acts the group is the object of its own act, not of an initiative clauses before it
    "该县持续开展“党性锤炼”教育活动，发展党员290名，培训入党积极分子89人，选派30余名优秀干部到沿海地区挂职锻炼。",
    # a group that leads an initiative named right after its verb is no target (区领导领衔“…”行动)
    "宝山区由区领导领衔“清风”行动。",
    # ... an act that opens the list (开展…活动，…；) is its first item, not its subject
    "该县开展“解放思想”大讨论活动，赴外地学习考察；从县直单位选派年轻干部到乡镇挂职。",
    # ... nor one that is only its occasion (以…为契机)
    "该县以推动“两学一做”学习教育常态化为契机，培训乡镇干部1000人。",
    # an initiative that only times the act (…改革后，) is not what the act is aimed by
    "益阳市在完成村级换届、实行“三肩挑”改革后，首次对村书记进行全覆盖培训。",
    # a one-character verb inside another word (分为) or after the group acts on nothing
    "西来镇开展“攀登读书会”活动，将机关年轻干部按条线分为5个小组。",
    # in a directive's list of tasks (不仅要…，还要…，…) each task's object is its own
    "组工干部不仅要带头联系群众，还要扩大“拉家常”活动成果，积极搭建各种服务群众平台，组织广大党员领导干部深入基层。",
]


@pytest.mark.parametrize("text", NO_TARGETS)
def test_no_targets(run: Run, text: str) -> None:
    ex = run(text)
    assert labels(ex, "Campaign") | labels(ex, "Measure") and labels(ex, "CadreGroup")
    assert facts(ex, "targets") == set()


def test_a_system_only_named_is_nobody_s_act(run: Run) -> None:
    ex = run("贵州黎平县肇兴侗寨的火塘边，一句“第一书记制度还是要坚持”道出了乡村振兴的关键密码。")
    assert labels(ex, "Measure") == {"第一书记制度"}
    assert facts(ex, "issues") == set()
    assert facts(ex, "targets") == {("第一书记制度", "targets", "第一书记")}


def test_provisions_belong_to_the_document_named_for_their_group(run: Run) -> None:
    ex = run("南宁市出台《村党组织书记管理办法》《村干部实绩考核办法》，明确村党组织书记11项主要职责。")
    assert facts(ex, "targets") == {("村党组织书记管理办法", "targets", "村党组织书记"),
                                    ("村干部实绩考核办法", "targets", "村干部")}


def test_a_list_of_whom_a_measure_applies_to_goes_on_past_a_comma(run: Run) -> None:
    ex = run("县委印发《若干措施》。《若干措施》适用于全县乡镇机关干部，以及县派驻村第一书记和驻村工作队员。")
    assert {o for _, _, o in facts(ex, "targets")} == {"乡镇机关干部", "驻村第一书记", "驻村工作队员"}


def test_acting_groups_are_not_targets(run: Run) -> None:
    ex = run("天等县开展“前帮后援”活动，组建由后盾单位、挂点领导和志愿服务队组成的服务团，为驻村工作队员排忧解难。")
    assert {o for _, _, o in facts(ex, "targets")} == {"驻村工作队员"}
    # a body composed of groups (由…组成的服务团) acts, unlike an initiative composed of them
    ex = run("天等县开展“前帮后援”活动，组建由挂点领导组成的服务团。")
    assert facts(ex, "targets") == set()


@pytest.mark.parametrize(("text", "group"), TARGETS)
def test_targets(run: Run, text: str, group: str) -> None:
    ex = run(text)
    initiatives = labels(ex, "Campaign") | labels(ex, "Measure")
    assert len(initiatives) == 1, initiatives
    (initiative,) = initiatives
    assert facts(ex, "targets") == {(initiative, "targets", group)}


def test_each_contest_of_a_purpose_aims_at_its_own_kind(run: Run) -> None:
    # a sentence of purpose names two groups, the next two contests each named for one kind of them
    ex = run("为激发村党组织书记和驻村第一书记干事激情，营造比学赶超氛围。近日，杨兴镇举行了村党组织书记抓党建"
             "“擂台比武”和驻村书记“驻村比武”活动。")
    assert ("擂台比武", "targets", "村党组织书记") in facts(ex, "targets")
    assert ("驻村比武活动", "targets", "驻村第一书记") in facts(ex, "targets")
    assert ("驻村比武活动", "targets", "村党组织书记") not in facts(ex, "targets")
    assert ("擂台比武", "targets", "驻村第一书记") not in facts(ex, "targets")


def test_no_targets_across_sentences(run: Run) -> None:
    # a group in another sentence, with no targeting verb, is not a target
    ex = run("黄岩区开展“五比亮剑”行动。老干部发挥余热。")
    assert labels(ex, "CadreGroup") == {"老干部"}
    assert labels(ex, "Campaign") == {"五比亮剑行动"}
    assert facts(ex, "targets") == set()


# --- evidence and spans -------------------------------------------------------------------------

TRADITIONAL = "6月1日上午，黃巖區委召開三級干部大會，全面啟動“黃巖發(fā)展我擔(dān)當(dāng)”行動。"


def test_traditional_article_with_pinyin(run: Run) -> None:
    ex = run(TRADITIONAL, "000")
    assert labels(ex, "Campaign") == {"黄岩发展我担当行动"}
    assert facts(ex, "launches") == {("黄岩区", "launches", "黄岩发展我担当行动")}


def test_evidence_slices_the_original_text(run: Run) -> None:
    ex = run("【资料图】\n" + TRADITIONAL, "000")
    assert ex.facts
    for fact in ex.facts:
        ev = fact.evidence
        assert ev.article_id == "000"
        assert ex.article.text[ev.start:ev.end] == ev.sentence
        assert "發(fā)展" in ev.sentence
        assert 0 < ev.confidence <= 1 and ev.extractor


@pytest.mark.parametrize("text", [TRADITIONAL, "天等县委常委、组织部部长赵德庆说，要担当作为。",
                                  "黄岩区建立乡镇党政正职谈心谈话制度。"])
def test_mentions_are_exact_spans(run: Run, text: str) -> None:
    ex = run(text)
    assert ex.mentions
    for m in ex.mentions:
        assert ex.clean.text[m.start:m.end] == m.text


# --- which rule fired ---------------------------------------------------------------------------

RULES = [
    ("台州市黄岩区召开干部大会。", "Locality", "黄岩区", "gazetteer"),
    ("天等县朗峰镇岩溪村党支部书记王晓东说，要带头干。", "Locality", "朗峰镇", "unit-chain"),
    ("会上，朗峰乡岩溪村党支部书记王晓东说，要带头干。", "Locality", "朗峰乡", "unit-alone"),
    ("黄岩区委书记徐淼说，要担当作为。", "Official", "徐淼", "apposition"),
    ("28岁的刘明担任岩溪村党支部书记。", "Official", "刘明", "post-by-verb"),
    ("黄岩区委印发《关于激励干部担当作为的实施意见》。", "Measure", "关于激励干部担当作为的实施意见", "title"),
    ("黄岩区健全容错纠错机制。", "Measure", "容错纠错机制", "governed"),
    ("黄岩区开展“五比亮剑”行动。", "Campaign", "五比亮剑行动", "quoted"),
    ("选拔一批95后基层干部。", "CadreGroup", "95后基层干部", "group-phrase"),
]


@pytest.mark.parametrize(("text", "cls", "label", "rule"), RULES)
def test_mention_names_its_rule(run: Run, text: str, cls: str, label: str, rule: str) -> None:
    assert {m.rule for m in run(text).mentions if m.cls == cls and m.label == label} == {rule}


FACT_RULES = [
    ("黄岩区开展“五比亮剑”行动。", "launches", "agent-in-sentence"),
    ("山西省新任农村第一书记示范培训班在忻州市开班。", "launches", "locality-in-name"),
    ("黄岩区委召开三级干部大会。会上，全面启动“五比亮剑”行动。", "launches", "agent-in-paragraph"),
    ("黄岩区开展调研。\n会上，印发《关于激励干部担当作为的实施意见》。", "issues", "agent-of-lead"),
    ("黄岩区委书记徐淼说，要担当作为。", "holds", "apposition"),
    ("黄岩区出台乡镇党政正职谈心谈话制度。", "targets", "group-in-name"),
]


def test_no_act_without_an_actor_in_its_sentence_or_paragraph(run: Run) -> None:
    """The article's locality is not credited with an act its paragraph names no actor for."""
    assert facts(run("黄岩区委召开三级干部大会。\n会上，全面启动“五比亮剑”行动。"), "launches") == set()


@pytest.mark.parametrize(("text", "relation", "rule"), FACT_RULES)
def test_fact_names_its_rule_and_its_measured_confidence(run: Run, text: str, relation: str, rule: str) -> None:
    from kg.extract.scoring import rule_confidence

    found = [f.evidence for f in run(text).facts if f.predicate == relation]
    assert [e.extractor for e in found] == [rule]
    assert found[0].confidence == rule_confidence(relation, rule)
