"""``targets``: which cadre groups an initiative is aimed at, by the grammar of the genre.

Each mention of a cadre group is set against the initiatives of its article; the first rule
that holds names the fact's extractor:

- ``group-in-name``: the group is inside the initiative's name (乡镇党政正职谈心谈话制度);
- ``group-before-name``: the group stands right before the name (年轻干部“凤驰计划”), or with the
  initiative's theme between (村级党组织书记乡村振兴“擂台大比武”活动);
- ``group-composes``: the initiative is composed of the group (首期培训班由…交流任职干部组成);
- ``group-by-purpose``: the group is in a purpose clause (为加快…后备干部培养，…) or a clause that
  frames the sentence's acts (，针对乡镇党员干部…的实际情况，开设…，开展…) and the initiatives are all
  those its sentence names after it;
- ``group-stipulated``: the group is named in a document's provisions, opened right after its title
  (出台《…暂行办法》，规定…正科级领导干部由组织部长约谈), unless a document of the sentence is named
  for the group;
- ``group-takes-part``: the group is in the course of an initiative its sentence opens in or its
  clause names (在“擂台比武”活动中，…书记…; “访惠聚”活动中驻守…的机关干部), or takes part
  (…干部代表共计90人参训, …书记登台): in the initiative its sentence names or opens by referring back
  to, else in those the paragraph reports first;
- ``group-by-verb``: the group's clause acts on it (a targeting verb outside the names it holds,
  针对, 培养, 激励 …; 为, 对 before the group; 村党组织书记专业化管理; 建设一支…队伍) and the
  initiative is the one its sentence's subject refers back to or names, else the one nearest the
  group, at most two clause marks away (in a run of acts each group is its own act's object; in a
  directive's list of tasks, 要健全…，抓好…, only the initiative's own clause);
- ``group-after-anaphor``: a sentence that acts on the group so opens by referring back to an
  initiative named before (该计划…; 训练营…, by the type word its name ends with), or one that
  opens in its course (活动中，…) names the group doing anything.

Then an initiative that none of these links to a group is aimed at the group the article is about
(``group-of-article``): the one group its title names, else the group it names at least three times
and twice as often as any other, in either case only where the initiative's paragraph names it too;
else the group whose cadre work the lead sentence names (近年来，…将村级后备力量建设作为…; in a
feature story, the thesis after the opening scene), wherever the initiative stands, as a report so
opened is about that work throughout
(the spec's ``targets`` is what the text says the initiative is aimed at; a title's topic alone
says nothing of a measure reported in a paragraph about something else).

A group that acts rather than is acted on (区领导领衔, 由挂点领导组成的服务团, 党员干部要…, 青年干部将…)
is no target, nor is a group inside another initiative's name; what a sentence has a group carry
out is not aimed at the article's group either. A trained scorer was tried in place of these rules
(``training/targets.py``, which prints the figures): every initiative of an article paired with
every group, described by features that carry across articles (the rule that holds, distance,
cue-word classes, the type word, shared qualifiers, the article's counts), scored by logistic
regression, a random forest and gradient boosting. Out of fold (5 folds by article, the threshold
chosen inside the training folds) none beat the rules by a clear margin: the best, logistic,
gained a little on the held half and lost on the study half, so kg runs the rules.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ..resources import table, trie
from .initiatives import OCCASION, followed
from .spans import CLAUSE, SENTENCE, span_of, start_of

# sentence openers that refer back to the initiative just reported (活动中, 培训期间, 会上, 该计划)
# (a bare 以来 or 中 is a time or a part: 2025年以来，, 其中，)
_ANAPHOR = re.compile(r"(?:(?:此次|本次|该|这次|此项|这项|这些|上述)?(?:活动|培训|比赛|赛事|会议|讲座|仪式|课堂|擂台赛|"
                      r"计划|工程|行动|机制|制度|办法|措施|项目)|此次|本次|这次)(?:中|期间|上|现场|以来|实施以来|开展以来)[，,]"
                      r"|会上|活动现场|培训期间|(?:该|此|这一?)(?:活动|计划|工程|行动|机制|制度|办法|措施|培训班?)"
                      # 通过培训，提高…书记…水平: what the initiative just reported achieves
                      r"|通过(?:此次|本次|这次)?(?:集中)?(?:培训|活动|比武|比赛|学习)[，,]")
# what a group of participants does, in its clause (干部代表共计90人参训, 各村党组织书记登台比拼, …书记参加本次培训),
# or where it goes as the object of 参加 (…干部赴上海参加…培训班、…研修班等; not 参加“千万工程”专题研修班:
# what a course is about), or 参加 ending its sentence (全县80名新任科级干部参加。); matched on the text with every
# name blotted out
_TAKES_PART = re.compile(r"[^，。；]{0,30}?(?:参训|参赛|参加了?(?:(?:本次|此次|这次|该)?(?:集中)?(?:培训|比武|比赛|竞赛|学习)|□+(?=[，。；、等]|$)|(?=[。；]|$))|参与(?!者)|报名参加|作为.{0,12}学员|登台|上台|"
                         r"走上讲台|同台|分别展示)")
# a relative clause of those taking part, right before the group (参加培训的, 参加此次“擂台比武”的全县, 参训的)
_PARTICIPANTS = re.compile(r"(?:参加|参与|参训|参赛)了?(?:此次|本次|这次|该|上述)?"
                           r"(?:[^，。；“”]{0,10}?(?:培训|比武|比赛|竞赛|活动|计划|擂台赛|训练营|课堂|讲堂|评选|工程|行动)|“[^”]{1,20}”[\u4e00-\u9fff]{0,3})?"
                           r"的(?:全体|各|全县|全市|全区|全镇)?[\d余多近]*[名位人]?$")
# a sentence opening on the means its acts are done by (通过“擂台比武”，…)
_BY_MEANS = re.compile(r"[^，。；“”]{0,8}?通过“?")
# ... the name's end, then the clause the group opens (”，全镇5名)
_BY_MEANS_END = re.compile(r"”?(?:活动|比武|比赛|培训)?[，,][^，。；“”]{0,8}?")
# a clause's mark inside a cue after the group (，每年…: the next clause's)
_CLAUSE_MARK = re.compile(r"[，,]")
# a purpose clause (为加快…干部培养, 为进一步激励…): the aim of what its sentence goes on to report
_PURPOSE = re.compile(r"(?<![作成以认])为了?(?:加快|加强|进一步|切实|推动|促进|做好|激励|提升|培养|打造|建设|锻造|激发|落实|更好|深化)")
# a clause that frames what its sentence goes on to do as aimed at a group (针对乡镇党员干部…的实际情况，开设…，开展…)
_FRAME = re.compile(r"[，。；：]?(?:同时，)?针对")
# the course of an initiative, right after its name (…活动中，; …行动中表现突出的), not a word 中 begins (中央, 中青年)
_IN_COURSE = re.compile(r"(?:中|期间|现场)(?:[，,]|(?![央心国华青层小共学]))")
# what may open a sentence before the name of the initiative it is set in (2日，在明溪县举行的…)
_COURSE_OPENS = re.compile(r"(?:[^，。；]{0,12}[，,])?在?(?:[^，。；“”]{0,12}(?:举行|举办|开展|组织)的)?")
# a sentence opener that sets it in the course of the initiative just reported (活动中，, 比赛现场，)
_DURING = re.compile(r"(?:(?:此次|本次|该|这次)?(?:活动|培训|比赛|赛事|擂台赛|比武|课堂)(?:中|期间|现场)|活动现场)[，,]")
# what a bare type word opening a sentence does as its subject (活动将通过…, 培训为期三天): it is the
# initiative just named
_SUBJECT_VERB = re.compile(r"将|旨在|通过|采取|采用|为期|历时|围绕|聚焦|紧扣|共设|设置|邀请|分为|分[两三四五六七八九十]")
# what refers back to an initiative already named (此次训练营, 首期培训班, 该计划)
_DEMONSTRATIVE = re.compile(r"(?:此次|本次|这次|该|此项|这项|这一|首期|本期|此)")
# what follows a cadre group that acts rather than is acted on (区领导领衔, 各县（区）委书记每年至少与)
# or that is the subject of its clause, what it is to do or does (党员干部要…, 领导干部，纷纷走出…, 组工干部是…)
# or whom others accompany (在村干部的陪同下)
_AGENT = re.compile(r".{0,2}?(?:领衔|带头|带队|牵头|挂帅|包联|每年|每半年|每季度|担任|作为导师|当导师|授课|讲授|宣讲)"
                    r"|[，,]?(?:要|将|应当?|须|必须|纷纷|是|的陪同)")
# a group that leads what its sentence reports (区领导班子成员带队, 县领导领衔): the act is carried out by it, not for it
_LEADS = re.compile(r".{0,2}?(?:领衔|带队|牵头|挂帅|包联)")
# a one-character targeting verb (为, 对, 让, 与, 向, 给) acts on the group only before it in its clause,
# and not as part of another word (作为, 成为, 分为, 以…为, 为期; 对标, 对象, 面对; 面向, 向上)
_SHORT_VERB = re.compile(r"(?<![作成分因认行称以视])为(?![期止此了])|(?<![面针相核])对(?![标照象接于])|(?<![参给])与(?!会)|让"
                         r"|(?<![面走指志方])向(?![上下前着])|给")
# the group as the object of a noun of cadre work after it (村党组织书记专业化管理, 专业化领导干部培养)
_WORKED_ON = re.compile(r"的?[\u4e00-\u9fff]{0,3}?(?:队伍建设|管理|培养|培训|培育|选拔|选育|储备|锻炼|铸魂|提能|关爱|激励)")
# the corps of a group that a sentence builds (建设一支…的村级党组织带头人队伍)
_CORPS = re.compile(r"一支[^，。；]{0,30}$")
# what may stand between a group and the name of the initiative for it: the initiative's theme
# (村级党组织书记乡村振兴“擂台大比武”活动), no verb of the group's own (党员干部要以“…”为契机, 区领导领衔“…”)
_THEME = re.compile(r"[\u4e00-\u9fff]{1,10}(?=[“「])")
_NOT_THEME = re.compile(r"[要将在以把向到和及与、为对让是参开举组纷]")


@dataclass(frozen=True, slots=True)
class Span:
    """One mention: its key (the entity it names), label and place in the clean text."""

    key: str
    label: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TargetHit:
    initiative: str  # entity key
    group: str  # entity key
    rule: str
    pos: int  # the initiative's mention whose sentence is the evidence


def find_targets(text: str, initiatives: Sequence[Span], groups: Sequence[Span]) -> list[TargetHit]:
    """The ``targets`` pairs of an article, each with the first rule that holds for it."""
    found: dict[tuple[str, str], TargetHit] = {}
    # the groups each initiative's name names (乡镇党政正职发展能力提升计划: 乡镇党政正职)
    named: dict[str, set[str]] = {}
    for g in groups:
        for i in initiatives:
            if i.start <= g.start and g.end <= i.end:
                named.setdefault(i.key, set()).add(g.label)
    # the text with every mention blotted out: a verb is looked for outside names (党组织书记 holds 组织,
    # 关于服务…的七条措施 holds 服务)
    masked = list(text)
    for s in (*initiatives, *groups):
        masked[s.start:s.end] = "□" * (s.end - s.start)
    blotted = "".join(masked)
    own: dict[Span, list[TargetHit]] = {}
    for g in groups:
        own[g] = _targets_of(text, blotted, g, initiatives, named, groups)
        for hit in own[g]:
            found.setdefault((hit.initiative, hit.group), hit)
    # a group of a list that its own grammar links to nothing shares what its mates' grammar links them to
    # (开展村党总支书记、选派干部“…”擂台比武, 为提升…村党组织书记、驻村第一书记…素质): a list is one object;
    # mates linked each to its own initiative (…“擂台比武”和…“驻村比武”活动，…书记和…第一书记同台竞技) keep theirs
    for run in _lists(text, groups):
        shared = [hit for g in run for hit in own[g] if hit.rule != "group-in-name"]
        for g in run:
            if not own[g]:
                for hit in shared:
                    found.setdefault((hit.initiative, g.key), TargetHit(hit.initiative, g.key, "group-listed", hit.pos))
    # initiatives of a list (建立容错纠错机制和澄清正名机制，为基层干部撑腰) are one object too: what a
    # group's grammar links to one of them it links to all (not a name naming its own group)
    for (key, group), hit in list(found.items()):
        if hit.rule not in ("group-in-name", "group-before-name"):
            for mate in _coordinated(text, key, initiatives):
                found.setdefault((mate.key, group), TargetHit(mate.key, group, hit.rule, mate.start))
    topic = _topic_group(text, groups)
    lead_topic = _lead_topic(text, blotted, groups) if topic is None else None
    topic = topic or lead_topic
    if topic is not None:
        # an initiative no sentence links to a group is aimed at the group the whole article is about:
        # the one its title names, or the one it names most, where the initiative's paragraph names it too
        # (an article on 乡镇党政正职 reports each measure taken for them; a paragraph quoting one of
        # them on his own town's measures names them not)
        # (a document only cited as the basis of an act, 根据《…条例》, is not one of those measures)
        # (nor is what a sentence has a group carry out, 青年干部要主动融入“343”产业体系建设)
        aimed = {initiative for initiative, _ in found}
        cited = {i.key for i in initiatives if _cited(text, 0, i)} - {i.key for i in initiatives if not _cited(text, 0, i)}
        acting = {span_of(text, g.start, SENTENCE) for g in groups if _AGENT.match(text, g.end) and not _LEADS.match(text, g.end)}
        carried = {i.key for i in initiatives if span_of(text, i.start, SENTENCE) in acting}
        # (nor one whose clause states what it applies to, no group: 对村级正常办公开支实行报账制)
        applied = {i.key for i in initiatives if _applied_to_other(text, i, groups)}
        for i in initiatives:
            p0, p1 = span_of(text, i.start, "\n")
            if (i.key not in aimed | cited | carried | applied and (i.key, topic) not in found
                    and (lead_topic or any(g.key == topic and p0 <= g.start < p1 for g in groups))):
                found[(i.key, topic)] = TargetHit(i.key, topic, "group-of-article", i.start)
    return list(found.values())


# what an initiative applies to, stated in its clause before it (对村级正常办公开支实行报账制)
_APPLIED_TO = re.compile(r"对([^，。；：！？\n]{2,24}?)(?:实行|实施|推行|建立)$")


def _applied_to_other(text: str, i: Span, groups: Sequence[Span]) -> bool:
    """Whether the clause of ``i`` states what it applies to (对…实行), and names no group there."""
    m = _APPLIED_TO.search(text, start_of(text, i.start, CLAUSE), i.start)
    return m is not None and not any(m.start(1) <= g.start < m.end(1) for g in groups)


# the office a group's name ends with: the kind of group is what is left (村, 驻村)
_OFFICE = re.compile(r"第一|党组织|党支部|党总支|党委|书记")
# what only times a sentence's acts (…改革后，) or is their occasion
_TIMES = re.compile(r"(?:之?后|以来|之际|期间)[，,]|" + OCCASION.pattern)
# what joins the groups of a list (县直部门负责人、14名乡镇党政“一把手”、16名…, 村党组织书记和驻村第一书记)
_JOINT = re.compile(r"(?:、|和|及|与|以及)(?:\d+名)?")


def _lists(text: str, groups: Sequence[Span]) -> list[list[Span]]:
    """The runs of groups that stand in one list, each only joined to the next."""
    runs: list[list[Span]] = []
    for g in sorted(groups, key=lambda g: g.start):
        last = runs[-1][-1] if runs else None
        if last is not None and last.end <= g.start and _JOINT.fullmatch(text, last.end, g.start):
            runs[-1].append(g)
        else:
            runs.append([g])
    return [run for run in runs if len(run) > 1]


# a meeting a group sits in, named after it (…负责同志座谈会, …干部大会)
_MEETING = re.compile(r"(?:座谈会|会议|大会|培训会|动员会|推进会|述职会)")
#: a title is the article's first line, short and with no sentence end (a lead of one line is none)
_TITLE_MAX = 40


def _topic_group(text: str, groups: Sequence[Span]) -> str | None:
    """The group the article is about: the one group its title names, else a group it names at least
    three times and twice as often as any other."""
    end = text.find("\n")
    if 0 < end <= _TITLE_MAX and not any(c in text[:end] for c in "。！？"):
        in_title = {g.key for g in groups if g.end <= end}
        if len(in_title) == 1:
            return in_title.pop()
    # a group counted as the article's topic where something is said of it, not where it only names a
    # meeting it sits in (乡镇党政主要负责同志座谈会), which says nothing of whom the article's initiatives are for
    counts = Counter(g.key for g in groups if not _MEETING.match(text, g.end)).most_common(2)
    if counts and counts[0][1] >= 3 and (len(counts) == 1 or counts[0][1] >= 2 * counts[1][1]):
        return counts[0][0]
    return None


_LEAD_WORK = re.compile(r"的?[\u4e00-\u9fff]{0,3}?(?:队伍建设|建设|管理|培养|培育|选育|储备)")
# ... or the object of 对 whose work the clause lists (对村党组织书记的职责任务、储备选任、学习培训…进行细化)
_LEAD_WORK_OF = re.compile(r"的[^，。；：]{0,12}?(?:管理|培养|培育|培训|选育|储备|选任|考核)")
# what opens a report's thesis, the sentence that sums up its measures (近年来，…; 今年以来，…)
_THESIS = re.compile(r"(?:近年来|近几年来?|近年|今年以来|去年以来|\d{4}年以来)[，,]")
#: how far into an article its thesis may come, after a scene that opens a feature story
_THESIS_REACH = 600


def _lead_topic(text: str, blotted: str, groups: Sequence[Span]) -> str | None:
    """The group whose cadre work the article's lead sentence names (近年来，…将村级后备力量建设作为…,
    在村党组织书记专业化管理上下功夫): what every measure of the report is for. A feature story opens on
    a scene (清晨，…书记…穿梭在大棚间), then states its thesis (近年来，吉安县…): that sentence leads it."""
    end = text.find("\n")
    body = end + 1 if 0 < end <= _TITLE_MAX and not any(c in text[:end] for c in "。！？") else 0
    leads = [span_of(text, body, SENTENCE)]
    thesis = next((m for m in _THESIS.finditer(text, body, body + _THESIS_REACH)
                   if m.start() == start_of(text, m.start(), SENTENCE)), None)
    if thesis:
        leads.append(span_of(text, thesis.start(), SENTENCE))
    for s0, s1 in leads:
        for g in groups:
            if s0 <= g.start < s1 and (_LEAD_WORK.match(blotted, g.end)
                                       or text[g.start - 1:g.start] == "对" and _LEAD_WORK_OF.match(blotted, g.end)):
                return g.key
    return None


def _targets_of(text: str, blotted: str, g: Span, initiatives: Sequence[Span],
                named: dict[str, set[str]], groups: Sequence[Span] = ()) -> list[TargetHit]:
    owner = next((i for i in initiatives if i.start <= g.start and g.end <= i.end), None)
    if owner:
        return [TargetHit(owner.key, g.key, "group-in-name", owner.start)]
    # 年轻干部“凤驰计划”, or with the initiative's theme between (村级党组织书记乡村振兴“擂台大比武”活动)
    theme = _THEME.match(text, g.end)
    at = theme.end() if theme and not _NOT_THEME.search(theme.group()) and not _AGENT.match(text, g.end) else g.end
    owner = next((i for i in initiatives if i.start in (g.end, g.end + 1, at, at + 1)), None)
    if owner:
        return [TargetHit(owner.key, g.key, "group-before-name", owner.start)]
    c0, c1 = span_of(text, g.start, CLAUSE)
    if (joined := _PARTICIPANTS.search(text, c0, g.start)) is not None:
        # 参加培训的年轻干部纷纷表示…, 参加“擂台比武”的村党组织书记: those who take part in the initiative the
        # clause names, else in the one last named before, whatever they go on to say
        named_there = [i for i in initiatives if joined.start() <= i.start < g.start]
        earlier = [i for i in initiatives if i.end <= joined.start() and not _cited(text, 0, i)]
        joined_in = named_there[-1:] or earlier[-1:]
        return [TargetHit(i.key, g.key, "group-takes-part", i.start) for i in joined_in]
    agent = _AGENT.match(text, g.end)
    if agent and not (_CLAUSE_MARK.search(agent.group()) and _verb_re().search(blotted, c0, g.start)):
        return []  # (面向全县年轻干部，每年选派…: the group its clause's verb acts on does not do what the next clause says)
    s0, s1 = span_of(text, g.start, SENTENCE)
    by = text.rfind("由", c0, g.start)
    if by >= 0 and "组成" in text[g.end:c1]:
        # 首期培训班由…干部组成: the members of an initiative; 由挂点领导组成的服务团: a body that acts
        whole = _referent(text, c0, by, initiatives)
        return [TargetHit(whole.key, g.key, "group-composes", whole.start)] if whole else []
    if _PURPOSE.search(text, c0, g.start) or _FRAME.match(text, c0, g.start):
        # 为加快镇村两级后备干部培养，组建…读书会，实施…计划和…计划: the aim of all that follows
        after = [i for i in initiatives if c1 <= i.start < s1 and not _cited(text, s0, i)]
        if after:
            # (of initiatives each named for a kind of group, only its own kind's)
            return [TargetHit(i.key, g.key, "group-by-purpose", i.start) for i in _kindred(text, g, after, groups) or after]
    said = _ATTRIBUTION.match(text, s0)  # 据县长…介绍，该工程…: the sentence opens after whom it cites
    r0 = said.end() if said else s0
    opening = _referent(text, r0, min(r0 + 8, g.start), initiatives)
    if opening and (OCCASION.match(text, opening.end) or _cited(text, s0, opening)):
        opening = None  # 以推动“两学一做”学习教育常态化为契机，…: the occasion, not the subject (nor what is cited)
    in_sentence = [i for i in initiatives if s0 <= i.start < s1 and not _cited(text, s0, i)]
    aim_end = span_of(text, s0, CLAUSE)[1]
    if _PURPOSE.match(text, s0) and text.startswith("。", s1) and all(i.start < aim_end for i in in_sentence):
        # 为落实…要求，进一步做好对驻村干部的关心关爱工作。9月2日，…开展“夏送清凉”关心关爱行动: a sentence
        # that is all purpose states the aim of what the next one reports (not of what it has carried out,
        # 为落实…要求，…开展…活动，出台《…》，规定…干部…: what it names beyond its first clause)
        n0, n1 = span_of(text, s1 + 1, SENTENCE)
        aimed = [i for i in initiatives
                 if n0 <= i.start < n1 and text[s1 + 1:i.start].count("\n") == 0 and not _cited(text, n0, i)]
        # (为激发村党组织书记和驻村第一书记…。…书记“擂台比武”和驻村书记“驻村比武”活动: each group its own kind's)
        return [TargetHit(i.key, g.key, "group-by-purpose", i.start) for i in _kindred(text, g, aimed, groups) or aimed]
    stipulating = _stipulating(text, s0, g.start, initiatives)
    if stipulating and not any(g.label in named.get(i.key, ()) for i in in_sentence):
        # 出台《…暂行办法》，规定…正科级领导干部由组织部长约谈: whom a document's provisions are about
        # (where the sentence names a document named for the group, 《村党组织书记管理办法》《…》，明确
        # 村党组织书记…职责, the provisions are that one's)
        return [TargetHit(stipulating.key, g.key, "group-stipulated", stipulating.start)]
    course = next((i for i in in_sentence if i.end <= g.start and _IN_COURSE.match(text, i.end)
                   and (_COURSE_OPENS.fullmatch(text, s0, i.start) or not _apart(text, i.end, g.start, CLAUSE))), None)
    # 通过“擂台比武”，村党组织书记比思路: the group in the clause after the means the sentence opens on
    course = course or next((i for i in in_sentence if _BY_MEANS.fullmatch(text, s0, i.start)
                             and _BY_MEANS_END.fullmatch(text, i.end, g.start)), None)
    if course is not None:
        # 在“擂台比武”活动中，全镇5名村党总支书记…晒成绩; “访惠聚”活动中驻守在农村的…机关干部: who is in
        # the course of an initiative named takes part in it
        return [TargetHit(course.key, g.key, "group-takes-part", course.start)]
    if _TAKES_PART.match(blotted, g.end, c1):
        # 全区85后科级干部…共计90人参训: the participants of the initiative the sentence or paragraph reports
        if opening or in_sentence:
            if opening:
                return [_nearest(g, [opening], "group-takes-part")]
            # several initiatives each named for a kind of group (…书记“擂台比武”和驻村书记“驻村比武”活动，
            # …书记和…第一书记同台竞技): each participant takes part in its own kind's
            kin = _kindred(text, g, in_sentence, groups)
            return [_nearest(g, kin or in_sentence, "group-takes-part")]
        lead = _paragraph_lead(text, g, initiatives) or _title_initiatives(text, initiatives)
        return [TargetHit(i.key, g.key, "group-takes-part", i.start) for i in lead]
    before = [i for i in initiatives if i.start < s0 and not _cited(text, 0, i)]  # (not one only cited)
    heading = _heading(text, g.start, initiatives) if not in_sentence and not opening else None
    if heading is not None:
        # 2、完善待遇激励机制。\n…确定农村干部报酬标准: the measure the paragraph sets out is for the
        # groups it names
        return [TargetHit(heading.key, g.key, "group-under-heading", heading.start)]
    if before and not in_sentence and _INTAKE.match(text, s0):
        # 参训学员为…, 首批培育对象包括…: whom the course just reported takes in
        return [TargetHit(before[-1].key, g.key, "group-after-anaphor", before[-1].start)]
    # (…适用于全县乡镇干部，以及驻村第一书记和驻村工作队员: a list goes on past a comma with 以及)
    a0 = start_of(text, c0 - 1, CLAUSE) if c0 and _LIST_GOES_ON.match(text, c0) else c0
    if not _acted_on(blotted, g, a0, c1):
        # (此次活动为期一年，活动期间，驻村干部实行…: the clause before the group's sets it in the initiative)
        during = _DURING.match(text, s0) or any(m.end() in (c0, c0 + 1)
                                                for m in _DURING.finditer(text, max(s0, c0 - 12), c0 + 1))
        if before and not in_sentence and during:
            # 活动中，机关年轻干部与流动党员结对共建: who does anything in the course of the initiative
            # just reported takes part in it
            return [TargetHit(before[-1].key, g.key, "group-after-anaphor", before[-1].start)]
        return []
    if not opening and not in_sentence and text.startswith("；", s0 - 1):
        # 《实施意见》坚持…：强化党性教育…；…；每年选派…年轻干部…: each item of a list the sentence's
        # subject opens is that subject's (开展…活动，…；…: an act, the list's first item, is none)
        f0 = start_of(text, g.start, "。！？\n")
        opening = _referent(text, f0, min(f0 + 2, g.start), initiatives)
    if opening and opening not in in_sentence:
        # 训练营…着力培养复合型干部: the sentence is about the initiative its subject refers back to,
        # whatever other initiatives (its forms, its parts) it names
        return [TargetHit(opening.key, g.key, "group-after-anaphor", opening.start)]
    # an initiative that only times the act (实行“三肩挑”改革后，首次对村书记进行培训) is not its aim
    acting = [i for i in in_sentence if not _TIMES.match(text, i.end)]
    if acting:
        hit = _nearest(g, [opening] if opening else acting, "group-by-verb")
        # a name that names its group (乡镇党政正职…计划) is not aimed by the verb at another one
        # the sentence names (…提升领导干部干事本领…), only at a kind of its own (80后年轻干部)
        # (unless the clause right after the name opens on whom it is for: 制定《…年轻干部导师帮带制度》，为全县
        # 新录用公务员和选调生配备…导师)
        i = next(i for i in initiatives if i.start == hit.pos)
        opens_on_aim = (_AIM_OPENING.match(text, c0 + 1 if text[c0:c0 + 1] in "，；" else c0) is not None
                        and i.end <= c0 and _apart(text, i.end, c0 + 1, CLAUSE) <= 1)
        if any(other not in g.label for other in named.get(hit.initiative, ())) and not opens_on_aim:
            return []
        # in a run of acts (开展…活动，发展党员290名，培训…89人，选派…优秀干部…) the group is the object
        # of its own act: the initiative must stand in its clause or the next but one
        apart = _apart(text, min(g.start, i.start), max(g.start, i.start), CLAUSE)
        if apart > _CLAUSES_APART:
            return []
        # in a directive's list of tasks (要健全干部工作体系，抓好年轻干部队伍建设，激励…) each task's object is
        # its own: the group stands in the initiative's clause
        if apart and not opens_on_aim and _DIRECTIVE.search(text, s0, min(g.start, i.start)):
            return []
        return [hit]
    if before and (_ANAPHOR.match(text, s0) or _ANAPHOR.search(text, s0, min(s0 + 12, s1))):
        return [TargetHit(before[-1].key, g.key, "group-after-anaphor", before[-1].start)]
    return []


# a numbered item's heading line (2、完善待遇激励机制。 （一）健全…机制), short, one sentence at most
_HEADING = re.compile(r"[ \t]*(?:\d{1,2}[、.．]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)])"
                      r"[^。！？\n]{2,28}[。]?[ \t]*$")


def _heading(text: str, pos: int, initiatives: Sequence[Span]) -> Span | None:
    """The one initiative a numbered heading names, where the heading is the line right above
    ``pos``'s paragraph or its paragraph's first sentence (2、完善待遇激励机制。…优先保证离任村干部补贴发放到位):
    the measure the paragraph sets out."""
    p0 = start_of(text, pos, "\n")
    first = text.find("。", p0, pos)
    if first >= 0 and _HEADING.match(text[p0:first + 1]):
        h0, h1 = p0, first + 1  # the heading opens the paragraph
    elif p0 >= 2:
        h0, h1 = start_of(text, p0 - 1, "\n"), p0 - 1
        if not _HEADING.match(text[h0:h1]):
            return None
    else:
        return None
    named = [i for i in initiatives if h0 <= i.start and i.end <= h1]
    # the heading is the measure, after its verb (健全|政治激励机制), not a section on it (…改革的历史)
    if len(named) != 1 or text[named[0].end:h1].strip(" \t。") or named[0].start - h0 > 8:
        return None
    return named[0]


# what a document's provisions open with, right after its title (《…办法》，规定…; 《…意见》，明确…)
_STIPULATES = re.compile(r"》?[，,](?:并)?(?:规定|明确(?:界定)?|提出|要求)")


def _stipulating(text: str, s0: int, end: int, initiatives: Sequence[Span]) -> Span | None:
    """The document of ``end``'s sentence whose provisions, opened right after its title, run on to
    ``end`` (what they name on the way, 规定每周二为“拉家常”活动日, is theirs)."""
    return next((i for i in reversed(initiatives) if s0 <= i.start and i.end <= end and _STIPULATES.match(text, i.end)), None)


@cache
def _verb_re() -> re.Pattern:
    # a verb before 部 is an organisation's name (组织部)
    return re.compile(trie(table("verbs")["target"]) + "(?!部)")


# a directive opening a clause: what follows is a list of tasks (要健全…，抓好…; 不仅要…，还要扩大…)
_DIRECTIVE = re.compile(r"(?:^|(?<=[，；：。！？\n“]))(?:不仅|还|也|更|就|都)?要(?![求点素闻])")
# a clause opening on whom the act before it is for (，为全县新录用公务员…, ，针对乡镇干部…)
_AIM_OPENING = re.compile(r"(?:为|针对|面向)")
# 以…干部为重点对象: whom the initiative takes as its object
_OBJECT_OF = re.compile(r"为(?:重点|主要|培训|服务|帮扶|考核)?对象")
# 在…干部中开展: the initiative carried out among the group
_AMONG = re.compile(r"(?:中间?|当中)(?:广泛|深入|全面|持续|大力)?(?:开展|组织|实施|推行|启动|举办)")


def _acted_on(blotted: str, g: Span, c0: int, c1: int) -> bool:
    """Whether the group's clause acts on it: a targeting verb outside the names it holds (党组织书记
    holds 组织), a one-character one before the group (为驻村工作队员, 对村书记), a noun of cadre work
    after it (村党组织书记专业化管理), the corps a sentence builds of it (建设一支…带头人队伍) or the
    ones among whom an initiative is carried out (在…村党组织书记中开展).
    A group in another clause of the sentence is another act's (选派…干部挂职, 组织…干部学习)."""
    return (_verb_re().search(blotted, c0, c1) is not None
            or _SHORT_VERB.search(blotted, c0, g.start) is not None
            or _AMONG.match(blotted, g.end) is not None and "在" in blotted[c0:g.start]
            or _WORKED_ON.match(blotted, g.end) is not None
            or _OBJECT_OF.match(blotted, g.end) is not None and "以" in blotted[c0:g.start]
            or blotted.startswith("队伍", g.end) and _CORPS.search(blotted, c0, g.start) is not None)


# a sentence on whom the course just reported takes in (参训学员为…, 首批培育对象包括…)
_INTAKE = re.compile(r"(?:首批|首期|本期|此次|本次)?(?:参训|参培|培训|培育)(?:学员|对象|人员)(?:为|是|包括|涵盖)")
# a clause that goes on with the list of the clause before it
_LIST_GOES_ON = re.compile(r"以及|并及|及其")
#: how many clause marks may stand between a group and the initiative a verb links it to
_CLAUSES_APART = 2


def _apart(text: str, a: int, b: int, marks: str) -> int:
    return sum(text.count(m, a, b) for m in marks)


def _cited(text: str, s0: int, i: Span) -> bool:
    """Whether ``i`` is a document its clause only follows or carries out (``initiatives.followed``,
    from ``s0`` on): the act's aim is not the document's (根据《…条例》《…法》和…等有关规定，…)."""
    return followed(text, max(s0, start_of(text, i.start, CLAUSE)), i.start, i.end) is not None


def _kindred(text: str, g: Span, candidates: Sequence[Span], groups: Sequence[Span]) -> list[Span]:
    """The candidates whose name a group of ``g``'s kind stands right before (the same group but for
    its office: 村党组织书记 and 村党支部书记, 驻村书记 and 驻村第一书记), where others have a group of
    another kind there."""
    before = {}
    for i in candidates:
        near = [o for o in groups if o.end <= i.start and i.start - o.end <= 12 and not _NOT_THEME.search(text, o.end, i.start)]
        if near:
            before[i] = near[-1]
    if len(before) < 2:
        return []
    stem = lambda label: _OFFICE.sub("", label)  # noqa: E731
    return [i for i, o in before.items() if stem(o.label) == stem(g.label)]


# whom a sentence cites for what follows (据县长刘建勇介绍，, 据了解，)
_ATTRIBUTION = re.compile(r"据[^，。；！？\n]{0,30}?(?:介绍|了解|统计|悉)，")


def _coordinated(text: str, key: str, initiatives: Sequence[Span]) -> list[Span]:
    """The initiatives a list joins with the one of ``key`` (A和B, A、B及C), outside that one."""
    ordered = sorted(initiatives, key=lambda i: i.start)
    at = [n for n, i in enumerate(ordered) if i.key == key]
    out: list[Span] = []
    for n in at:
        for step in (-1, 1):
            k = n
            while 0 <= k + step < len(ordered):
                a, b = (ordered[k], ordered[k + step]) if step == 1 else (ordered[k + step], ordered[k])
                if text[a.end:b.start] not in _LIST_JOINS:
                    break
                k += step
                if ordered[k].key != key:
                    out.append(ordered[k])
    return out


#: what joins the items of a list of initiatives
_LIST_JOINS = frozenset({"和", "及", "与", "、", "以及", "”和“", "》和《", "》《", "》、《"})


def _nearest(g: Span, candidates: Sequence[Span], rule: str) -> TargetHit:
    nearest = min(candidates, key=lambda i: (min(abs(g.start - i.end), abs(i.start - g.end)), i.start))
    return TargetHit(nearest.key, g.key, rule, nearest.start)


def _referent(text: str, start: int, end: int, initiatives: Sequence[Span]) -> Span | None:
    """The initiative named or referred back to at ``start`` (before ``end``): its mention, or the
    type word its name ends with (训练营 for 干部能力提升训练营, 首期培训班 for …示范培训班), with a
    demonstrative where the type word is of two characters (该计划)."""
    named = next((i for i in initiatives if start <= i.start < end), None)
    if named:
        return named
    m = _DEMONSTRATIVE.match(text, start, end)
    at = m.end() if m else start
    for i in reversed([i for i in initiatives if i.end <= start]):
        label = i.label.rstrip("”」）)")
        if (len(label) > 4 and text.startswith(label[-4:], at) or len(label) > 3 and text.startswith(label[-3:], at)
                or text.startswith(label[-2:], at) and (m or _SUBJECT_VERB.match(text, at + 2))
                # 本次轮训, 本次培训 for …轮训班: a course by the training it gives
                or m and label.endswith("班") and len(label) > 3
                and (text.startswith(label[-3:-1], at) or text.startswith("培训", at))):
            return i
    return None


def _title_initiatives(text: str, initiatives: Sequence[Span]) -> list[Span]:
    """The initiatives the article's title names: what a report whose paragraph names none is about
    (全市村党组织书记培训班开班 … 各区镇…书记等参加培训)."""
    end = text.find("\n")
    if not 0 < end <= _TITLE_MAX:
        return []
    return [i for i in initiatives if i.end <= end]


def _paragraph_lead(text: str, g: Span, initiatives: Sequence[Span]) -> list[Span]:
    """The initiatives of the first sentence of ``g``'s paragraph that names any before it: what the
    paragraph reports (…训练营暨…培训班开班。…干部共计90人参训)."""
    p0 = start_of(text, g.start, "\n")
    before = [i for i in initiatives if p0 <= i.start < g.start]
    if not before:
        return []
    s0, s1 = span_of(text, before[0].start, SENTENCE)
    return [i for i in before if i.start < s1]
