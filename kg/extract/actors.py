"""Who acts on an initiative: the locality (or the organisation standing for it) that launches a
campaign or issues a measure, and the units written coordinated with it (``find_actor``).

The actor is the locality the initiative's name begins with, else the nearest locality or
organisation before it in its sentence, else one inside the name, else its paragraph's agent,
else the one the article's lead makes the subject of an act; none where the text makes the act a
visitor's, a venue's, the centre's or another owner's, or the paragraph is someone's words.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from . import gazetteer as gz
from .builder import Builder, sentence_at
from .initiatives import LIST_CLOSE, OCCASION, governing_verbs
from .spans import CLAUSE, span_of, start_of

# an organisation standing for its locality: 县委, 区委组织部, 该市, 全县 (level word first)
_ORG_REF = re.compile(r"(?:该|全|我|本)?(自治[区州县旗]|省|市|州|盟|县|区|旗|镇|乡)(委(?:组织部|宣传部|办|常委会)?|政府|纪委|党委)?(?:里)?")
# the centre or the whole country acting (中共中央办公厅印发, 在全国范围内开展, 党中央部署)
# a village standing for itself by its level word (该村, 本村) or its body (村党支部, 村“两委”), not a group's
# (村“两委”干部, 村党支部书记)
_VILLAGE_REF = re.compile(r"(?:该|本|我)村|村(?:党支部|党总支|“?两委”?)(?!干部|成员|班子|书记|副书记|委员)")
_CENTRAL = re.compile(r"中共中央|党中央|中央(?:办公厅|组织部|军委|全面|决定|部署|印发|出台|将|把|提出|要求|确定|明确)"
                      r"|国务院|中办|国办|全国范围|在全国")
# a passive designation whose designator is unnamed (2019年被确定为“基层减负年”): nobody's act here
_DESIGNATED = re.compile(r"被(?:确定|列|定|评|命名)为[“《「]?$")
# an organisation right after a locality's name: 宝应县委组织部, 黄岩区委, 福田镇党委
_ORG_SUFFIX = re.compile(r"委(?:组织部|宣传部|办公室|常委会)?|人民政府|政府|纪委|党委|党工委")


class Act(NamedTuple):
    """Who acts on an initiative: the locality's key (None: nobody the text supports), the rule that
    found it, the organisation standing for it (label, surface, where it is written), and the
    localities written coordinated with it as one subject (青浦区、吴江区、嘉善县签署…)."""

    actor: str | None
    rule: str = ""
    org: tuple[str, str, int] | None = None
    partners: tuple[str, ...] = ()


_NOBODY = Act(None)
# someone's words opening a paragraph: a quotation with a pause in it (a name has none)
_SPEECH = re.compile(r"“[^”\n]*?[，。；！？]")
# a paragraph of an interview that a name opens (李红梅：…)
_ANSWER = re.compile(r"([\u4e00-\u9fff]{2,5})[：:]")
# what a name may begin with before the locality it begins with: its marks, its party (“黄岩…”, 《中共台州市…》)
_NAME_HEAD = re.compile(r"[“《「]*(?:中共)?")


def find_actor(b: Builder, pos: int, loc_keys: dict[str, str], names: list[tuple[int, int]]) -> Act:
    """The locality acting on an initiative at ``pos``: a locality the initiative's name begins
    with (山西省新任农村第一书记示范培训班), else the nearest locality or organisation before it in
    its sentence (宝应县委组织部, 县委, 省里), else a locality inside the name, else the agent of its
    paragraph, else the article's lead agent (``_lead_agent``), where neither names a committee it
    cannot place or the centre, and the clause after the name does not make it the whole country's."""
    text = b.clean.text
    span = next(((s, e) for s, e in names if s == pos), (pos, pos))
    if _CENTRAL.search(text, span[1], span_of(text, span[1], CLAUSE)[1]):
        return _NOBODY  # “减负行动”在全国范围内展开: a campaign of the whole country
    if _topic(text, span):
        return _NOBODY  # 围绕…实施乡村建设行动…等方面进行比武: a theme of another act, nobody's act here
    if OCCASION.match(text, span[1]) and "以" in text[span_of(text, span[0], CLAUSE)[0]:span[0]]:
        return _NOBODY  # 以推动“两学一做”学习教育常态化为契机: the occasion of the acts that follow, not one of them
    if _DESIGNATED.search(text, max(0, span[0] - 7), span[0]):
        return _NOBODY
    if _joined_list(text, span[0]):
        return _NOBODY  # 参与“港城大讲堂”专题讲座、招商队伍培训班: taking part, in each item of the list
    if text[span[0] - 1:span[0]] == "是" and text[span[1]:span[1] + 1] == "的":
        return _NOBODY  # 开展X，是“Y”主题教育活动的深化拓展: Y is what X is said to belong to, not acted on
    # a unit down to a town anywhere in the name, a village where the name begins with it
    first = _NAME_HEAD.match(text, span[0]).end()
    inside = [h for h in b.ctx.localities if span[0] <= h.start < span[1]
              and (h.level <= gz.TOWN or h.start == first)]
    while len(inside) > 1 and inside[1].start == inside[0].end:
        inside.pop(0)  # 博罗县福田镇…擂台赛: the innermost unit of a leading chain acts
    if inside and inside[0].name in loc_keys and _chain_start(b, inside[0]) <= first:
        return Act(loc_keys[inside[0].name], "locality-in-name")
    s0, _ = sentence_at(text, pos)
    if (agent := _agent_after(b, span[1])) is not None and agent in loc_keys:
        return Act(loc_keys[agent], "agent-in-sentence")  # …评选活动由溆浦县委组织部牵头开展
    # a locality named inside a post, an initiative or a cadre group (高公岛街道办事处主任, 面向乡镇党委书记) is
    # not the agent (a post's bare committee, 县委副书记…要求, is: its official speaks for it)
    held = names + [(m.start, m.end) for m in b.mentions if m.cls in ("Post", "CadreGroup")]
    best, unnamed = _agent_before(b, s0, pos, held, names)
    if best and best[1] in loc_keys:
        _, unit, surface = best
        org = None
        if surface:
            tail = surface[len(surface) - len(_ORG_SUFFIX.search(surface).group()):]
            org = (unit + tail, surface, best[0])
        return Act(loc_keys[unit], "agent-in-sentence", org, _partners(b, s0, best[0], loc_keys))
    if unnamed or best:
        return _NOBODY
    if inside and inside[0].name in loc_keys:
        # 《激励全省干部在辽宁全面振兴…若干措施》 where its sentence names no other agent (not
        # 《关于服务强产业、兴城市…措施》 issued by the organisation before it)
        return Act(loc_keys[inside[0].name], "locality-in-name")
    p0 = text.rfind("\n", 0, s0) + 1
    answer = _ANSWER.match(text, p0)
    speaker = loc_keys.get(b.seats.get(answer.group(1))) if answer else None
    if speaker and "我们" in text[s0:pos]:
        # 黄丽萍：我们认真落实自治区党委印发的《…》。…我们实施“边关英才”引育计划: the speaker's unit, not the
        # paragraph's last agent
        return Act(speaker, "agent-in-paragraph")
    if p0 < s0:  # the paragraph's agent, where the sentence names none
        best, _ = _agent_before(b, p0, s0, held, names)
        if best and best[1] in loc_keys:
            return Act(loc_keys[best[1]], "agent-in-paragraph")
    if speaker:
        # an interview's answer (李红梅：我们启动了…): the unit of the speaker's post acts
        return Act(speaker, "agent-in-paragraph")
    if _SPEECH.match(text, p0):
        return _NOBODY  # a paragraph of someone's words: the speaker's unit acts, not the article's lead
    lead = _lead_agent(b, held)
    if lead is not None and lead in loc_keys:
        return Act(loc_keys[lead], "agent-of-lead")
    return _NOBODY


# the agent written after the name, with 由 and a verb of running it (…活动由县委组织部牵头开展)
_BY = re.compile(r"(?:[”」》]?(?:将|已|均|都)?)由")
_RUN_BY = re.compile(r"[^，。；！？\n]{0,16}?(?:主办|承办|牵头|组织|开展|举办|实施|发起|负责)")


def _agent_after(b: Builder, end: int) -> str | None:
    """The locality whose unit or organisation 由 names right after an initiative's name as the one
    that runs it (由溆浦县委组织部牵头开展, 由县委组织部主办: the article's county)."""
    text = b.clean.text
    by = _BY.match(text, end)
    if by is None or not _RUN_BY.match(text, by.end()):
        return None
    named = b.units.at(by.end())
    if named is not None and named.start == by.end() and _ORG_SUFFIX.match(text, named.end):
        return named.name
    ref = _ORG_REF.match(text, by.end())
    if ref and ref.group(2) and not ref.group(0).startswith(("该", "全", "我", "本")):
        return _unit_for(b, ref.group(1))
    return None


# a list of themes another act is about: 围绕 opens it, 等方面 (等内容, 等主题) closes it
_TOPIC_OPEN = "围绕"


def _topic(text: str, span: tuple[int, int]) -> bool:
    """Whether the name at ``span`` is an item of a list of themes in its clause (围绕A、落实B、实施
    C等方面进行“练兵比武”): the clause's act is on its own object, and of the themes it says
    nobody's launch or issue."""
    start, end = span_of(text, span[0], CLAUSE)
    return text.rfind(_TOPIC_OPEN, start, span[0]) >= 0 and LIST_CLOSE.search(text, span[1], end) is not None


# a verb by which someone takes part in what it governs (参与, 参加), then a list's earlier items
_PART_TAKEN = re.compile(r"(?:参加|参与|参训|加入)(?:了|到)?([^，。；：！？\n]*)、$")


def _joined_list(text: str, pos: int) -> bool:
    """Whether the name at ``pos`` is a later item of a list whose verb is one of taking part (他参与
    “港城大讲堂”专题讲座、|招商队伍培训班): coordinated objects share their verb, and no other
    governing verb stands between."""
    joined = _PART_TAKEN.search(text, start_of(text, pos, CLAUSE), pos)
    verb_re, _ = governing_verbs()
    return joined is not None and verb_re.search(joined.group(1)) is None


def _chain_start(b: Builder, hit) -> int:
    """Where the run of units written together that ends with ``hit`` begins (博罗县福田镇)."""
    start = hit.start
    while (prev := b.units.by_end.get(start)) is not None:
        start = prev.start
    return start


# what joins the units of one subject (青浦区、吴江区和嘉善县; 青浦区与吴江区; 青浦区联合吴江区)
_COORDINATION = frozenset("、和与及同")
_JOINED = re.compile(r"(?:[、和与及同]|联合|会同)$")


def _partners(b: Builder, start: int, pos: int, loc_keys: dict[str, str]) -> tuple[str, ...]:
    """The localities coordinated before the agent at ``pos`` as one subject, each the innermost
    unit of its chain (上海市青浦区、江苏省苏州市吴江区和浙江省嘉兴市嘉善县: 青浦区, 吴江区)."""
    text = b.clean.text
    found: list[str] = []
    agent = b.units.by_start.get(pos)
    if agent is None:  # an organisation by its level word (该县, 县委): no list
        return ()
    head = _chain_start(b, agent)
    while (joint := _JOINED.search(text, max(start, head - 2), head)) is not None:
        # the unit before, or its organisation (黄岩区委、路桥区委联合开展)
        last = next((h for k in range(6) if (h := b.units.by_end.get(joint.start() - k)) is not None
                     and (k == 0 or (org := _ORG_SUFFIX.match(text, h.end)) and org.end() == joint.start())), None)
        if last is None or last.outlet or last.level > gz.TOWN or last.name not in loc_keys:
            break
        found.append(loc_keys[last.name])
        head = _chain_start(b, last)
    return tuple(reversed(found))


def _lead_agent(b: Builder, held: list[tuple[int, int]]) -> str | None:
    """The locality the article's lead makes the subject of an act: the first one (city to village,
    no dateline or outlet, not inside a post or a name) that a launch or issue verb follows in its
    clause. Where an act's sentence and paragraph name no actor, the article goes on about it."""
    if b.lead is None:
        b.lead = (_first_agent(b, held),)
    return b.lead[0]


#: the verb that convenes a meeting: it governs a held event's name (召开…干部座谈会), no campaign of the lead's;
#: nor does one that takes part in what others hold (外派…干部在延安参加能力提升班)
_NO_LEAD_ACT = frozenset({"召开", "组织召开", "参加", "参与"})


def _first_agent(b: Builder, held: list[tuple[int, int]]) -> str | None:
    text = b.clean.text
    verb_re, _ = governing_verbs()
    candidates = []
    visited_end = -1  # units coordinated with a venue are venues too (到塔畈乡、官庄镇实地督导)
    for chain in _chains(b, 0, len(text), (gz.CITY, gz.VILLAGE), held):
        head, last = chain[0], chain[-1]
        if (_venue(text, head.start) or _venue(text, head.start, _JOINED_IN)
                or visited_end >= 0 and head.start == visited_end + 1 and text[visited_end] in _COORDINATION):
            visited_end = last.end  # 在苏州市吴江区举行: where it happened, not who acted
        elif not _heading_tag(text, head.start, last.end):
            candidates.append((last.start, last.end, last.name))
    # the writer's own unit or the one the article is about (我州在州委党校举办了…, 该县实施…)
    for m in _SELF_REF.finditer(text):
        if unit := _unit_for(b, m.group(1)):
            candidates.append((m.start(), m.end(), unit))
    for start, end, unit in sorted(candidates):
        # a meeting convened (召开三级干部大会) or a course attended is no act on an initiative a later
        # paragraph names
        if any(v.group("verb") not in _NO_LEAD_ACT
               for v in verb_re.finditer(text, end, min(span_of(text, start, CLAUSE)[1], end + 30))):
            return unit
    return None


def _unit_for(b: Builder, level_word: str) -> str | None:
    """The unit a level word stands for (``ArticleContext.unit_for``)."""
    return b.ctx.unit_for(level_word)


_SELF_REF = re.compile(r"(?:我|该|本)(省|市|州|县|区|旗|镇|乡)(?![级内外直属])")


def _chains(b: Builder, start: int, end: int, levels: tuple[int, int],
            held: list[tuple[int, int]]) -> list[list]:
    """Runs of units written together (兴仁市城北街道) in ``text[start:end]``, of units of ``levels``
    (highest, lowest), no dateline or outlet, not inside a post or a name: the innermost acts."""
    chains: list[list] = []
    for h in b.ctx.localities:
        if (start <= h.start < end and not h.outlet and levels[0] <= h.level <= levels[1]
                and not any(s <= h.start < e for s, e in held)):
            if chains and chains[-1][-1].end == h.start:
                chains[-1].append(h)
            else:
                chains.append([h])
    return chains


# what makes a locality the place of an act, not its agent (在, 于), and the place someone comes to,
# inspects, hears a report from or acts for (赴, 到, 走进, 考察, 听取…汇报, 为福贡县举办): the visitor acts, not the place
_VENUE = re.compile(r"[在于赴到]$|走进$|来到$")
_VISIT = re.compile(r"[赴到]$|走进$|来到$|考察$|视察$|听取$|(?<![以作成认])为$")
# what another's unit is the object of, not the article's subject (参加宾川县委党校举办的…培训班)
_JOINED_IN = re.compile(r"参加$|参与$")
# where an act takes place (在, 于)
_AT = re.compile(r"[在于]$")
# the writer's or speaker's own unit as the subject (我们在吕洞山镇、夯沙乡试点推行…, 我县, 县里): the units after 在 are where
_SELF = re.compile(rf"我们|[县市区]里|{_SELF_REF.pattern}")
# places given as examples of a kind (在书楼镇、屏边彝族乡等偏远乡镇工作): where cadres work, no agent
_EXAMPLES = re.compile(r"(?:[、和][^、，。；！？\n]{2,12}?)*等[\u4e00-\u9fff]{0,4}?(?:地|乡镇|镇|乡|村|社区|县|地区|区域)")
# an event a venue holds (在明溪县举行的…擂台赛): its host is not said to be the venue
_HELD_THERE = re.compile(r"举行|举办|召开|开班|开幕|开赛")


def _heading_tag(text: str, start: int, end: int) -> bool:
    """Whether the units at ``text[start:end]`` open a line and a colon follows them (明溪：…): a
    heading's tag, the place its story is filed under, as a dateline's place is where news came from."""
    return (start == 0 or text[start - 1] == "\n") and text[end:end + 1] in ("：", ":")


# a village's own bodies, which stand for it (城北社区党委, 贺村村党支部, 毛村村委会)
_VILLAGE_BODY = re.compile(r"(?:村|社区)?(?:党委|党总支|党支部|党组织|两委|村委会|居委会|村民委员会|居民委员会)")
# what stands between a subject and the verb that governs its initiative: a time and adverbs (城北社区近日开展“…”,
# 贺村村党支部积极探索推行“…”)
_SUBJECT_GAP = re.compile(r"(?:近日|日前|近期|近年来|今年以来|\d{4}年|\d{1,2}月(?:\d{1,2}日)?|积极|大力|深入|全面|持续|"
                          r"创新|探索|率先|首次|专门|还|也|又|先后|已经?|每年|定期|常态化|坚持|不断|着力|认真)*")


def _carries_out(text: str, start: int, end: int) -> bool:
    """Whether the clause after a visited unit goes on to carry out the initiative at ``end`` with a
    launch verb of its own (来到衡山镇各村居开展…), rather than to look into it (到镇坪调研…)."""
    verb_re, role = governing_verbs()
    return any(role[v.group("verb")] == "Campaign" for v in verb_re.finditer(text, start, end)
               if start_of(text, end, CLAUSE) <= v.start())


def _venue(text: str, pos: int, marks: re.Pattern = _VENUE) -> bool:
    return marks.search(text, max(0, pos - 2), pos) is not None


# a decision, requirement or spirit of an organisation (省委关于…的部署), which a subject carries out
_DECISION = re.compile(r"关于[^。；！？\n]{2,60}?的(?:部署|精神|要求|决定|安排|号召|意见|指示)")
# a directive an organisation gives, which the subject follows (按照县委部署, 响应县委号召, 在县委的领导下)
_GOVERNED = re.compile(r"(?:按照|根据|依照|遵照|响应|落实|贯彻|在)(?:上级|积极|认真)?$")
_DIRECTIVE = re.compile(r"的?(?:统一|决策|工作)?(?:号召|部署|要求|安排|精神|领导|指导|指示)")


def _directs(text: str, start: int, end: int) -> bool:
    """Whether the organisation at ``start:end`` gives the directive its clause follows (新关镇按照县委部署，开展…;
    积极响应县委号召; 在县委的领导下): it is no agent of what the clause goes on to do."""
    return _GOVERNED.search(text, max(0, start - 6), start) is not None and _DIRECTIVE.match(text, end) is not None


# what stands between an owner and the name it owns: 的, quoted names, a conjunction
_OWNED_GAP = re.compile(r"的|“[^“”\n]{1,30}”|[、和及与暨]")


def _owns_another(text: str, at: int, pos: int, names: list[tuple[int, int]]) -> bool:
    """Whether the organisation or unit ending at ``at`` is written as the owner of another name
    than the one at ``pos`` (市委“新时代美丽台州”八大专项行动), or of a decision before it (省委
    关于…的部署): it says whose that one is, and is no agent of a name further on. Names
    coordinated with it (市委“X”行动和“Y”活动) share it."""
    decision = _DECISION.match(text, at)
    if decision and decision.end() <= pos:
        return True  # 省委关于开展…的部署，提出实施“先锋行动”: the decision is the committee's, the act is not
    ends = dict(names)
    owned = False
    while at != pos:
        if at in ends:
            owned, at = True, ends[at]
        elif (gap := _OWNED_GAP.match(text, at)) is not None:
            at = gap.end()
        else:
            return owned
    return False


def _agent_before(b: Builder, start: int, end: int, held: list[tuple[int, int]],
                  names: list[tuple[int, int]]) -> tuple[tuple[int, str, str] | None, bool]:
    """The last locality or organisation in ``text[start:end]`` (position, locality name,
    organisation surface or ""), and whether a committee is named there whose locality the
    article does not name (省委决定实施…: the province acts, not the article's county), or a visitor
    to a unit (市农业农村局到镇坪调研: the unit a visit goes to is no agent), or an event held at a
    unit (在明溪县举行的…: the venue is not said to host it)."""
    text = b.clean.text
    groups = None  # the cadre groups' spans, read where an organisation by its level word is found
    best = None
    unnamed = -1
    visited_end = -1  # where the last unit visited ends: units coordinated with it are visited too (到A镇、B镇调研)
    venue_end = -1  # where the last venue of an agent's act ends, likewise
    for chain in _chains(b, start, end, (gz.PROVINCE, gz.TOWN), held):
        h = chain[-1]
        suffix = _ORG_SUFFIX.match(text, h.end)
        village = b.units.by_start.get(h.end)
        if _heading_tag(text, chain[0].start, h.end):
            continue  # 明溪：村书记“擂台赛”…: the place a heading is filed under, like a dateline's
        if village is not None and village.level == gz.VILLAGE:
            # 汉江路街道熊家湾村党建包联单位…开展: the units are the address of a village, whose
            # organisation (or someone of it) acts, not the town; where the village, or its own committee,
            # opens the initiative's clause as its subject (双塔街道城北社区开展…), the village acts
            own = _VILLAGE_BODY.match(text, village.end)
            after = own.end() if own else village.end
            verb = governing_verbs()[0].match(text, _SUBJECT_GAP.match(text, after, end).end(), end)
            if (start_of(text, end, CLAUSE) <= village.start and verb is not None
                    and _NAME_HEAD.fullmatch(text, verb.end(), end)):
                best = (village.start, village.name, "")
            else:
                unnamed = max(unnamed, chain[0].start)
        elif not suffix and (_venue(text, chain[0].start, _AT) and (
                best is not None or _SELF.search(text, start_of(text, chain[0].start, CLAUSE), chain[0].start))
                or chain[0].start == venue_end + 1 and text[venue_end] in _COORDINATION):
            # 毕节市委组织部近日在威宁县启动…, 青海省委组织部在西宁举办…: where the agent named before acts
            venue_end = h.end  # (and the units coordinated with it: 在书楼镇、屏边彝族乡等乡镇)
            continue
        elif not suffix and (_venue(text, chain[0].start, _VISIT)
                           or _venue(text, chain[0].start) and (_HELD_THERE.match(text, h.end)
                                                                or _EXAMPLES.match(text, h.end))
                           or chain[0].start == visited_end + 1 and text[visited_end] in _COORDINATION):
            if not (best and _venue(text, chain[0].start, _VISIT) and _carries_out(text, h.end, end)):
                unnamed = max(unnamed, chain[0].start)
            # (霍山县…领导带队，来到衡山镇各村居开展…活动: who goes there carries it out, the place does not)
            visited_end = h.end
        elif (not _owns_another(text, suffix.end() if suffix else h.end, end, names)
              and not _directs(text, chain[0].start, suffix.end() if suffix else h.end)):
            best = (h.start, h.name, text[h.start:suffix.end()] if suffix else "")
    for m in _ORG_REF.finditer(text, start, end):
        if text[m.start() - 1:m.start()] == "在" and m.group(0).startswith("全"):
            continue  # 在全省首推: a scope, not an agent
        if groups is None:
            groups = [(g.start, g.end) for g in b.mentions if g.cls == "CadreGroup"]
        if any(s <= m.start() < e for s, e in groups):
            continue  # a level word inside a cadre group (面向乡镇党委书记): people acted on, no organisation acting
        if _directs(text, m.start(), m.end()):
            continue
        if m.group(0) != m.group(1) or m.group(0) in ("县", "市", "区"):
            # the level word that ends a unit's name (市委 of 赣州市委, 省委 of 江苏省委): that unit
            named = b.units.at(m.start())
            named = named if named is not None and named.unit >= 0 else None
            if named and best and best[0] == named.start or _owns_another(text, m.end(), end, names):
                continue  # the agent already found by its name (路桥区委), or the owner of another name
            unit = named.name if named else _unit_for(b, m.group(1))
            if unit and (best is None or m.start() > best[0]) and len(m.group(0)) > 1:
                best = (m.start(), unit, m.group(0) if m.group(2) else "")
            elif not unit and m.group(2):
                unnamed = m.start()
    for m in _VILLAGE_REF.finditer(text, start, end):
        # 该村开展…, 村党支部还开展了…: the village the article last named
        if not any(s <= m.start() < e for s, e in groups or ()) and not _directs(text, m.start(), m.end()):
            unit = b.ctx.unit_for("村", m.start())
            if unit and (best is None or m.start() > best[0]):
                best = (m.start(), unit, "")
    for m in _CENTRAL.finditer(text, start, end):  # 中共中央办公厅印发…, 在全国范围内开展…: no locality's act
        unnamed = max(unnamed, m.start())
    if best and unnamed > best[0]:
        return None, True
    return best, unnamed >= 0 and best is None
