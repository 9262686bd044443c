"""Officials, their posts and ``holds``: apposition of post titles and a name.

The core pattern of the genre is ``POST(、POST)* NAME``: 市委常委、黄岩区委书记徐淼指出.
A post is parsed right to left from the name: a title (书记, 部长 ...) preceded by
organisation words, localities and modifiers. A name is a surname and one or two
given characters, followed by a speech verb, punctuation or another boundary, so a
name the segmenter splits (徐/淼, 李/杰说) is still one exact span. Bylined
reporters are never officials.

The other forms: a name before a title (李晓敏书记, 王明、李强同志); a verb giving the
post (NAME…担任POST, 在UNIT任TITLE, 晋升为POST的NAME), whose subject may be a name
opening the sentence or the verb's clause, one closing the clause before, or the person
an anaphor (他, 这位…) takes up from the sentence before.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from . import gazetteer as gz
from .context import ArticleContext
from .spans import CLAUSE, ONE_OF, SENTENCE, start_of
from ..resources import alternation, table, trie, words

# what may follow a name: punctuation, speech and action verbs, particles (resources/people.txt)
_WORDS = table("people")
_AFTER_NAME = rf"(?:[，。、；：！？“”（）《\s]|{trie(_WORDS['AFTER_NAME'])}|[于自从]?\d{{4}}年|$)"
# characters that cannot end a post chunk's organisation part (function words)
_FUNCTION = "的了是在为与和及把将被从到等让说向对由于其"
_DELIMS = "，。、；：！？“”‘’（）《》\n "
# rare surnames that are function words far more often (要, 将, 把 …)
_FUNCTION_SURNAMES = frozenset("要将把被让对从向在和及与为由其")


@dataclass(frozen=True, slots=True)
class PostHit:
    start: int
    end: int
    surface: str
    label: str
    org: str | None  # organisation label (黄岩区委), if the post names one
    org_locality: str | None
    alt_labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OfficialHit:
    start: int
    end: int
    name: str
    posts: tuple[PostHit, ...]
    rule: str = "apposition"  # the extractor named in provenance


@cache
def _name_re() -> re.Pattern:
    surnames = alternation("surnames")
    return re.compile(rf"(?:{surnames})[\u4e00-\u9fff]{{1,2}}")


# what a title is followed by when no name comes next, though each is also a surname
_CONJUNCTIONS = ("和", "向", "与", "同")
# localities are masked with this character before posts are parsed (same length)
_LOC_MASK = "\ue000"


@cache
def _post_re() -> re.Pattern:
    """POST := (locality | organisation | modifier | level word | generic unit)* title."""
    loc = f"{_LOC_MASK}+"
    orgs = alternation("orgs")
    titles = alternation("titles")
    # a unit of no known locality (企业服务局, 帮镇扶村工作队), never spanning a committee (区委)
    # ... nor a stop of a tour (第一站王岗村党支部书记, 观摩首站…: the post is the village's), nor the verb 会同
    # (县纪委监委会同组织部…: jointly with)
    char = (rf"(?![省市州县区旗镇乡]党?委|[第首]?[一二三四五六七八九十\d]{{0,2}}站|开展|进行|参加|举办|讲话|之间|任职|学习|专访|会同|(?<=会)同|[{_FUNCTION}暨受该本兼])"
            r"[\u4e00-\u9fff]")  # Chinese characters only: no latin left over from broken pinyin (?h委常委)
    # ... ending in a unit word: a bureau, office, section (处, 科), team (工作队, 代表团, 工作组) or zone
    generic = (rf"(?:{char}){{1,6}}?(?:局|委员会|中心|科|处|股|队|团|组|院|校|所|站|办|委|部|室|开发区|经开区|高新区|园区|综保区|"
               r"保税区|示范区|新区|大学|学院)")
    # (an autonomous unit's level word after its own short name, 广西自治区, is part of no post)
    level = rf"(?<!{_LOC_MASK})(?:自治区|自治州|自治县|自治旗)|省|市|州|县|区|旗|镇|乡|街道|社区|村"
    modifier = r"第[一二三四五六七八九十\d]+任|老(?!干部局)|原|驻|常务|专职|新任"  # (老干部局 is a bureau: the cadres')
    # a zone named after a locality (福州新区, 长沙高新区), or the article's own zone unnamed (经开区投资促进局)
    zone = rf"{loc}(?:高新区|经开区|开发区|新区|园区|综保区|保税区|示范区)|高新区|经开区|开发区"
    # the Youth League's committee of a level or a place (团县委, 共青团溆浦县委)
    league = rf"(?:共青团|团)(?={loc}|[省市州县区旗镇乡]委)"
    piece = f"(?:{zone}|{league}|{loc}|{orgs}|{modifier}|{level}|{generic})"
    # 石门县长: a locality's head, its level word written once (checked in _posts_before);
    # 教育局长, 民政處長: a unit's head, its unit word written once
    fused = rf"(?:{char}){{2,6}}?(?:局|处|部|厅)长"
    return re.compile(rf"(?:(?:{piece})*(?:{titles})|(?:{piece})*{loc}长|(?:{piece})*{fused})$")


# characters never inside a given name but common right after a title (都喊他, 强调)
_NOT_GIVEN = frozenset("他她们的了是在和与说喊叫就都也还要把被让对从等这那些每各个调指表示介绍出席带领某很体及后")
_NOT_GIVEN_OF_TWO = frozenset("位")
# what ends a list's item or a sentence: no adverb stands before it
_NAME_ENDS = tuple("，。、；：！？,;")
# adverbs that stand as one-character tokens after a two-character name (于涵/正/梳理)
_ADVERBS = frozenset("正在也就又便则却将已曾还都仍才刚作再")
# a single character after a name of three that ends it (韦莉/磊/说), whatever the segmenter read
_SAID = tuple("说等，。、；：！？")
# what follows a name, never a verb an adverb could qualify
_NO_VERB = tuple("等是和与及的（(")
# a word of two or more characters that may follow a name (带队, 指出)
_BOUNDARY_WORD = re.compile(trie(w for w in _WORDS["AFTER_NAME"] if len(w) > 1))
# a boundary word right after a title means no name follows (书记强调, 部长指出)
_NOT_NAME = re.compile(trie(_WORDS["NOT_NAME"]))


# leaders listed by level: 县领导董新发、伍昌军、黄勇出席 (officials without a named post)
_LEADER_LIST = re.compile(r"(?:[省市州县区旗镇乡]|[省市县区])(?:委|政府)?领导")


# an item of a list of leaders whatever its surname: two or three characters between the list's marks
_LIST_ITEM = re.compile(r"[\u4e00-\u9fff]{2,3}(?=[、，和及]|出席|参加|等|陪同|一同|分别)")


def find_listed_leaders(text: str, reporters: tuple[str, ...], tokens: dict[int, int]) -> list[tuple[int, int, str]]:
    """Names listed after 县领导/市领导: (start, end, name) for each name of the list. An item of a rare
    surname (产敬春) is a name too where another item of the list is one: the list says what its items are."""
    out = []
    for m in _LEADER_LIST.finditer(text):
        pos, items, named = m.end(), [], 0
        while True:
            name = _name_at(text, pos, tokens, list_item=True)
            if name:
                named += 1
            elif (item := _LIST_ITEM.match(text, pos)) and not _NOT_GIVEN.intersection(item.group()):
                name = item.group()
            if not name or name in reporters:
                break
            items.append((pos, pos + len(name), name))
            pos += len(name)
            if pos < len(text) and text[pos] in "、，和及":
                pos += 1
                continue
            break
        if named:
            out += items
    return out


@cache
def _common_surnames() -> frozenset[str]:
    return frozenset(words("common_surnames"))


# a year an act is dated from, right after a name (于2018年, 自2015年)
_SINCE_YEAR = re.compile(r"[于自从]\d{4}年")
# a note on how a post is held, between its title and the name (（挂职）, （代）, （正科级）)
_TENURE_NOTE = re.compile(r"[（(](?:挂职|代理?|兼|正科级|副科级|正处级|副处级|正县级|副县级|主持工作)[）)]")
# a town's cadres, or a course's trainees: words a named cadre may follow with no group of the genre's
_CADRE_WORD = re.compile(r"(?:镇|乡|街道|的)干部|学员(?:代表)?")
# what ends a group's member past the first: the list, the sentence, or what the members say
_LIST_END = re.compile(r"[、，。；：！？]|等|说|表示")


def find_group_members(text: str, groups: list[tuple[int, int]], reporters: tuple[str, ...],
                       tokens: dict[int, int]) -> list[tuple[int, int, str]]:
    """Cadres named right after their group (退休干部王金清，…; 驻村干部李明说): (start, end, name).
    The name must be followed by a boundary word or punctuation (not 党员干部张贴公告) and, with no
    title to anchor it, begin with a common surname (not 干部成长, 干部要以)."""
    out = []
    # a town's cadres are no category of the genre's (镇干部), but name one of them a cadre (镇干部邬文杰), as a
    # course's trainee is one (参训学员宋文玥表示, 学员代表杨茂文) and a cadre of a unit (…局派驻的干部张宏伟)
    ends = [end for _, end in groups] + [m.end() for m in _CADRE_WORD.finditer(text)]
    for end in ends:
        if text.startswith("代表", end):
            end += 2  # one who speaks for the group is one of it (村干部代表张红梅发言)
        name = _name_at(text, end, tokens, strict=True)
        while name and name not in reporters and name[0] in _common_surnames():
            out.append((end, end + len(name), name))
            # a group has many members (村干部代表张红梅、李明、王刚等发言); past the first, a name the list
            # or the sentence ends (not 王刚受到表彰, whose verb would pass for the end of a name)
            end += len(name) + 1
            name = _name_at(text, end, tokens, strict=True) if text[end - 1:end] == "、" else None
            if name and not _LIST_END.match(text, end + len(name)):
                name = None
    return out


def find_officials(ctx: ArticleContext, reporters: tuple[str, ...], tokens: dict[int, int]) -> list[OfficialHit]:
    """Officials with the posts written in apposition before their names.

    ``tokens`` maps each token's start offset to its length (the segmenter's view),
    used to tell two- from three-character names (罗健/高兴地 vs 袁玉琴/结合).
    """
    text = ctx.text
    masked = _masked(ctx)
    out: list[OfficialHit] = []
    for title_end in _title_ends(text):
        if text.startswith(_CONJUNCTIONS, title_end) and not _surnamed_xiang(text, title_end, text[title_end:title_end + 3]):
            continue  # 书记和后备干部, 主任向全县: a conjunction or preposition, no surname, after a title
        # web copies often set a space between the title and the name (安吉县委书记 杨卫东); a note on how
        # the post is held may stand there too (副市长（挂职）王刚, 乡长（代）李强)
        at = title_end + 1 if text[title_end:title_end + 1] in (" ", "\u3000") else title_end
        if (note := _TENURE_NOTE.match(text, at)) is not None:
            at = note.end()
        # after a title a group shares, the object of a preposition (为驻村干部解决…), only a name a boundary
        # ends: the segmenter's word there is the verb
        objected = (text.endswith(_COLLECTIVE_TITLES, 0, title_end)
                    and _OBJECT_OF.search(text, start_of(text, title_end, CLAUSE), title_end) is not None)
        name = _name_at(text, at, tokens, strict=at > title_end or objected)
        if not name or not _after_name_re().match(text, at + len(name)):
            name = _transliterated(text, at) or name
        if not name or name in reporters or _quoted_at(text, title_end):
            continue  # (“村干部包片联户”制度: a title inside a quoted name is part of that name)
        posts = _posts_before(text, masked, title_end, ctx)
        if posts:
            # 刚刚晋升为一级主任科员的宝应县发改委主任罗健: the relative clause gives a post too
            relative = _posts_by_verb(text, masked, posts[0].start - 1, ctx) if text[posts[0].start - 1:posts[0].start] == "的" else None
            if relative and _opens_clause(text, relative[0].start()):
                posts = relative[1] + posts
            out.append(OfficialHit(at, at + len(name), name, _named(posts)))
            out += [OfficialHit(s, e, n, _named(posts)) for s, e, n in _listed_after(text, at + len(name), posts[-1], reporters, tokens)]
    return out


def _quoted_at(text: str, pos: int) -> bool:
    """Whether ``pos`` stands inside a quoted name of its clause (“村干部包片联户”制度) or a document's
    title (《关于激励乡镇党委书记安心基层…的十二条措施》)."""
    before = text[start_of(text, pos, CLAUSE):pos]
    return before.count("“") > before.count("”") or before.count("《") > before.count("》")


# titles also used for a group of cadres (驻村干部, 工作人员), and a preposition whose object they are
_COLLECTIVE_TITLES = ("干部", "工作人员", "工作者")
_OBJECT_OF = re.compile(r"(?:为|对|给|帮助|帮|让|使)[\u4e00-\u9fff]{0,6}?(?:干部|工作人员|工作者)$")
# titles that many hold at once (县委常委张三、李四; 副县长张三、李四)
_SHARED_TITLE = re.compile(r"(?:常委|委员|成员|副.{1,3})$")
# ... or a title of a level whose unit is unnamed (村党组织书记张三、李四: the secretaries of villages)
_UNNAMED_UNITS = re.compile(r"(?:村|社区|乡镇|镇|乡|街道)(?=[党支委两])")


def _listed_after(text: str, pos: int, post: PostHit, reporters: tuple[str, ...],
                  tokens: dict[int, int]) -> list[tuple[int, int, str]]:
    """The names listed after the first one under one title (驻村第一书记王明、李强等参加; 县委常委王明、
    李强出席; 村党组织书记王明、李强): a title many hold, or a list that 等 closes."""
    names = []
    while text[pos:pos + 1] == "、":
        name = _name_at(text, pos + 1, tokens, list_item=True)
        if not name or name in reporters:
            break
        names.append((pos + 1, pos + 1 + len(name), name))
        pos += 1 + len(name)
    if names and (_SHARED_TITLE.search(post.label) or _UNNAMED_UNITS.match(post.label) or text.startswith("等", pos)):
        return names
    return []


@cache
def _double_surnames() -> frozenset[str]:
    return frozenset(w for w in words("surnames") if len(w) == 2)


def _double_surname_name(text: str, start: int, cand: str, tokens: dict[int, int], ends_well) -> str | None:
    """欧阳晓东, 司马光: a surname of two characters and a given name of one or two, the longer where
    the segmenter puts no word boundary inside it (欧阳/晓东)."""
    given = cand[2:]
    if not given or given[0] in _NOT_GIVEN:
        return None
    if len(cand) == 4 and given[1] not in _NOT_GIVEN and start + 3 not in tokens and ends_well(start + 4):
        return cand
    return cand[:3] if ends_well(start + 3) else None


# a name transliterated from Uyghur, Tibetan or Mongolian (艾尔肯·吐尼亚孜, 次仁多吉, 于里木杰): no Han surname
# and given name, four characters or more (or parts joined by ·), then what a speaker or a participant does
_TRANSLITERATED = re.compile(r"[\u4e00-\u9fff]{2,8}[·•][\u4e00-\u9fff]{2,8}|[\u4e00-\u9fff]{3,8}")
# a dotted name's parts, each of two to six characters
_DOTTED_RUN = re.compile(r"[\u4e00-\u9fff]{2,6}[·•][\u4e00-\u9fff]{2,6}")
_SPEAKS = re.compile(r"说|表示|介绍|指出|强调|要求|主持|出席|参加|讲话|带领|带队|率队|一行|同志|在会上|分别|到|赴|深入|前往|致辞|致.{2,3}辞|对此|"
                     r"作了?[\u4e00-\u9fff]{0,4}(?:发言|报告|讲话|部署|讲座|辅导)|[，。；：、]")


def _transliterated(text: str, start: int) -> str | None:
    """The transliterated name that follows a title at ``start``, where the Han reading of it ends
    inside a word (于里|木杰介绍)."""
    m = _TRANSLITERATED.match(text, start)
    if m is None or _NOT_NAME.match(text, start):
        return None  # (党支部书记依次登台: what the holders do, no name)
    whole = _DOTTED_RUN.match(text, start)
    if (whole and whole.end() < len(text) and text[whole.end()] in _DELIMS + "\u3000"
            and not _SPEAKS.search(whole.group()) and _genre_verbs().search(whole.group()) is None):
        return whole.group()  # 木拉提·哈森、镇长…: a dotted name the list's marks end, whatever its syllables
    # a dotted name's syllables may be function words in Han text (阿不都: 都)
    not_given_dotted = _NOT_GIVEN - _syllables()
    # a dotted name ends before what its holder says or does (艾尔肯·吐尔逊|作开班讲话), else where its
    # syllables do (艾尔肯·吐尼亚孜|作动员讲话)
    for by_syllables in (False, True):
        for end in range(start + 3, m.end() + 1):
            run = text[start:end]
            if len(run) == 3 and (by_syllables or not all(c in _syllables() for c in run)):
                continue  # a name of three only of the syllables (社区党委书记拉毛吉说), read where no Han one is
            dotted = "·" in run or "•" in run
            if text[end - 1:end] == "地":
                continue  # 苏海高兴地说道: 地 ends an adverbial before its verb, never a name
            if by_syllables:
                # (孟和巴特尔|现身说法: an undotted run of four or more of the syllables, where they end)
                ends = (dotted or len(run) >= 4) and end < len(text) and text[end] not in _syllables() \
                    and all(c in _syllables() for c in run.split("·")[-1].split("•")[-1])
            else:
                ends = _SPEAKS.match(text, end)
            # a run all of whose characters are syllables may be six long and hold a syllable that is a
            # function word in Han text (额尔敦巴雅尔, 那木吉拉: 那 opens Mongolian names); one with a
            # single other character, five at most
            syllabic = dotted or all(c in _syllables() for c in run)
            barred = not_given_dotted if syllabic else _NOT_GIVEN
            if (ends and not barred.intersection(run) and (dotted or len(run) <= (6 if syllabic else 5))
                    and _genre_verbs().search(run) is None  # 党组织书记参加比武: an act, no name
                    and _DURATION.search(run) is None  # 村党支部书记十多年来: a time, no name
                    and (dotted or sum(c in _syllables() for c in run) >= len(run) - 1)):
                return run
    return None


def _dotted_name(text: str, start: int) -> str | None:
    """A dotted transliterated name at ``start`` whose characters are, but for one in four, of the
    syllables such names are written with (not a quoted slogan's two halves: 宝地先锋·党课宣讲团)."""
    if _DOTTED_RUN.match(text, start) is None:
        return None
    name = _transliterated(text, start)
    return name if name is not None and _syllabic(name) else None


def _syllabic(name: str) -> bool:
    """Whether all but one in four of a dotted name's characters are of the transliteration syllables."""
    chars = [c for c in name if c not in "·•"]
    return sum(c not in _syllables() for c in chars) <= len(chars) // 4


@cache
def _genre_verbs() -> re.Pattern:
    return re.compile(trie(w for row in table("verbs").values() for w in row if len(w) >= 2))


@cache
def _syllables() -> frozenset[str]:
    return frozenset("".join(words("transliteration")))


# a verb that gives its subject the post after it: 出任, 担任, 成长为, 是 (我叫聂远琦，是…工作人员)
_TAKES_POST = re.compile(trie(_WORDS["TAKES_POST"]))
# a time clause the post ends (王建国担任县委书记以来，…; 任村党支部书记后，…): the post is held from then
# how long something has lasted (十多年, 3个月)
_DURATION = re.compile(r"[\d一二三四五六七八九十两几]+[多余]?(?:个)?(?:年|个月)")
_SINCE_TAKEN = re.compile(r"(?:以来|之后|后|期间|时|伊始|不久)[，,]"
                          # ... or how long it has been held (担任村党支部书记已有10年, 十多年来, 至今)
                          rf"|(?:已经?有?|已|有|达)?{_DURATION.pattern}|至今|多年")
# what may stand between a person's name and the verb: an age, a time, 从…后
_SUBJECT_LEFT = "，。；：！？“”（）\n 的叫"


def find_officials_by_verb(ctx: ArticleContext, reporters: tuple[str, ...], tokens: dict[int, int],
                           known: set[str]) -> list[OfficialHit]:
    """Officials given a post by a verb: NAME … 出任/担任/成长为/是 POST (32岁的李钦…出任黄花综保区…主任).
    The post ends its clause, or is split by the verb (在海城市委组织部任科员), or ends a relative
    clause on the name right after it (晋升为科员的罗健). The subject is an official named elsewhere
    in the article, a name at the head of a clause of the same sentence (after an age, 的 or 叫), or
    a name that closes the clause before the verb's (返乡青年毛远翔，从…成长为…)."""
    text = ctx.text
    masked = _masked(ctx)
    out: list[OfficialHit] = []
    last_end = -1  # where the posts of the last hit by a verb end
    for title_end in _title_ends(text):
        # 晋升为科员的罗健, 担任村党支部书记已有十二年的王德全: a relative clause on the name after its 的
        since = _SINCE_TAKEN.match(text, title_end)
        of = title_end if text.startswith("的", title_end) else since.end() if since and text.startswith("的", since.end()) else -1
        relative = of >= 0
        if _DESCRIBED_END.match(text, title_end) and (
                described := _described(text, masked, start_of(text, title_end, CLAUSE), title_end, ctx, reporters, tokens, known)):
            out.append(described)
            continue
        # (…村党支部书记（乡镇事业编制人员）: a note in brackets after the post)
        if (not relative and title_end < len(text) and text[title_end] not in "，。；！？、）”’（\n"
                and not _SINCE_TAKEN.match(text, title_end) and not text.startswith("一职", title_end)):
            continue  # (担任县长一职: the post named as a post)
        clause = start_of(text, title_end, CLAUSE)
        found = _posts_by_verb(text, masked, title_end, ctx)
        if found is None:
            # 先后任石鼓乡团委书记、副乡长，双河口镇党委副书记、镇长: a clause of posts alone goes on with the verb
            # of the posts that end the clause before it
            more = (_named(_posts_before(text, masked, title_end, ctx, floor=clause))
                    if out and last_end == clause - 1 and text[title_end:title_end + 1] in "，。；"
                    and not _TAKES_POST.search(text, clause, title_end) and text[clause] != "拟" else ())
            if more and more[0].start == clause:
                out.append(replace(out[-1], posts=more))
                last_end = title_end
            continue
        verb, posts = found
        if relative:  # 刚刚晋升为一级主任科员的罗健: the verb opens its clause, the name follows 的
            name = None
            if _opens_clause(text, verb.start()):  # a common surname's name the segmenter reads whole (王德全/指着)
                name = _name_at(text, of + 1, tokens, strict=True) or (
                    (loose := _name_at(text, of + 1, tokens)) and loose[0] in _common_surnames() and loose) or None
            if name and name not in reporters:
                out.append(OfficialHit(of + 1, of + 1 + len(name), name, tuple(posts), "post-by-verb"))
            continue
        found = _subject(text, clause, verb.start(), reporters, tokens, known)
        sentence = start_of(text, verb.start(), SENTENCE)
        if found is None and out and _opens_clause(text, verb.start()) and (
                out[-1].start >= sentence
                # 2011年，他接任…书记；2016年调任…书记: a career's steps, each after ；, share the first's subject
                or text[sentence - 1:sentence] == "；" and start_of(text, last_end, SENTENCE) == start_of(text, sentence - 1, SENTENCE)):
            found = (out[-1].start, out[-1].name)  # 巴特尔同志现任旗委副书记，兼任…: the clause before's subject
        if found:
            out.append(OfficialHit(found[0], found[0] + len(found[1]), found[1], tuple(posts), "post-by-verb"))
            last_end = title_end
    return _merged(out)


# a sentence that opens on one named before, described by a post (…王建国已近60天没有回家。这位安远县
# 朗峰乡的乡长，…), with what the post is of before 的
_THIS_ONE = re.compile(r"这位(?:[^，。；：！？“”\n]{0,24}?的)?")
# what follows such a post: its clause's end, or what its holder says
_DESCRIBED_END = re.compile(r"[，。；！？]|说|表示|介绍|告诉|坦言|感慨")


def _described(text: str, masked: str, clause: int, title_end: int, ctx: ArticleContext,
               reporters: tuple[str, ...], tokens: dict[int, int], known: set[str]) -> OfficialHit | None:
    """The post a sentence's opening 这位…POST， gives the person named last before it."""
    sentence = start_of(text, title_end, SENTENCE)
    m = _ANAPHOR.match(text, sentence)
    if m is None or clause != sentence and text[clause - 1] != "，" or not text.endswith("这位", 0, m.end()):
        return None
    this = _THIS_ONE.match(text, m.end() - 2)
    posts = _named(_posts_before(text, masked, title_end, ctx, floor=this.end()))
    if not posts or posts[0].start != this.end() or clause > this.start():
        return None
    found = _antecedent(text, sentence, reporters, tokens, known)
    return OfficialHit(found[0], found[0] + len(found[1]), found[1], posts, "post-by-verb") if found else None


def find_appointed(ctx: ArticleContext, reporters: tuple[str, ...], tokens: dict[int, int]) -> list[OfficialHit]:
    """Officials of a personnel notice: 任命NAME为POST (the post given) and 免去NAME的POST职务 (the post
    held until then)."""
    text = ctx.text
    masked = _masked(ctx)
    out: list[OfficialHit] = []
    for m in _APPOINTMENT.finditer(text):
        name = (_transliterated(text, m.start(1)) if "·" in m.group(1)
                else _name_at(text, m.start(1), tokens, strict=True))
        if not name or len(name) != len(m.group(1)) or name in reporters:
            continue
        clause_end = next((i for i in range(m.end(), min(len(text), m.end() + 40)) if text[i] in "；，。（(\n"), len(text))
        end = text.find("职务", m.end(), clause_end) if m.group(2) == "的" else clause_end
        posts = _posts_before(text, masked, end, ctx, floor=m.end()) if end > m.end() else []
        if posts and posts[0].start == m.end() and _named(posts):
            out.append(OfficialHit(m.start(1), m.start(1) + len(name), name, _named(posts), "post-by-verb"))
            # …，免去其青枫镇镇长职务: the post the one just appointed held until then
            held = _HELD_UNTIL.match(text, clause_end)
            earlier = _posts_before(text, masked, held.end() - 2, ctx, floor=held.start(1)) if held else []
            if earlier and earlier[0].start == held.start(1) and _named(earlier):
                out.append(OfficialHit(m.start(1), m.start(1) + len(name), name, _named(earlier), "post-by-verb"))
    return out


# 任命邢文博为…局长, 免去符建平的…局长职务
_APPOINTMENT = re.compile(r"(?:任命|免去)([\u4e00-\u9fff·]{2,12}?)(?:同志)?(为|的)")
_HELD_UNTIL = re.compile(r"[，,]免去其(?:的)?([^，。；\n]{2,30}?)职务")


def _merged(hits: list[OfficialHit]) -> list[OfficialHit]:
    """One hit per name span, with the posts of all its hits (POST、POST: a hit at each title)."""
    by_span: dict[tuple[int, int], OfficialHit] = {}
    for h in hits:
        had = by_span.get((h.start, h.end))
        if had is None:
            by_span[(h.start, h.end)] = h
            continue
        spans = {(p.start, p.end) for p in had.posts}
        posts = had.posts + tuple(p for p in h.posts if (p.start, p.end) not in spans)
        by_span[(h.start, h.end)] = OfficialHit(had.start, had.end, had.name, posts, had.rule)
    return list(by_span.values())


def whole_names(text: str, hits: list[OfficialHit]) -> list[OfficialHit]:
    """Each hit's name as the article writes it elsewhere: a name of two read short (武安/英宣读,
    江利/刚书记) that is another hit's name of three (武/安英、, 书记江利刚等) or, but for an adverb, stands
    alone before a boundary (邱娜/海正带队 beside ”邱娜海介绍); a name of three that never stands alone
    (谭艳正梳理, 谭艳当过) and whose first two do (”谭艳说)."""
    names = {h.name for h in hits}
    after = _after_name_re()

    def verb_at(pos: int) -> bool:  # 刘明/成为: the character begins a verb
        return bool(_BOUNDARY_WORD.match(text, pos) or _TAKES_POST.match(text, pos) or _genre_verbs().match(text, pos))

    def alone(name: str) -> bool:
        return any((m.start() == 0 or text[m.start() - 1] in _DELIMS) and after.match(text, m.end())
                   and text[m.end():m.end() + 1] not in _ADVERBS and not verb_at(m.end() - 1)
                   for m in re.finditer(re.escape(name), text))

    out = []
    for h in hits:
        c = text[h.end:h.end + 1]
        longer = h.name + c
        if (len(h.name) == 2 and "\u4e00" <= c <= "\u9fff" and c not in _NOT_GIVEN and c not in _PLACE_ENDS
                and not _SINCE_YEAR.match(text, h.end)
                and not verb_at(h.end) and (longer in names or c not in _ADVERBS and alone(longer))):
            h = replace(h, end=h.end + 1, name=longer)
        elif len(h.name) == 3 and not alone(h.name) and alone(h.name[:2]):
            h = replace(h, end=h.end - 1, name=h.name[:2])
        out.append(h)
    return out


def _opens_clause(text: str, pos: int) -> bool:
    """Whether ``pos`` opens its clause but for quote marks, when (去年起, 今年3月, 2019年换届后) and an
    adverb (刚刚, 曾)."""
    before = text[start_of(text, pos, CLAUSE):pos].strip("“”‘’ ")
    return len(before) <= 2 or _WHEN_TAKEN.fullmatch(before) is not None


# when a post was taken up, before the verb of a relative clause (去年起担任…的卓玛措, 今年3月刚任…的)
_WHEN_TAKEN = re.compile(r"(?:(?:\d{4}|[去今前])年(?:\d{1,2}月)?|\d{1,2}月)(?:份|初|底|末|中旬|上旬|下旬)?"
                         r"(?:起|以来|换届后|换届时|换届中)?(?:刚刚|刚|才|又|已|曾)?")


def _posts_by_verb(text: str, masked: str, title_end: int,
                   ctx: ArticleContext) -> tuple[re.Match, list[PostHit]] | None:
    """The verb of the clause ending at ``title_end`` and the posts it gives, written right after it
    (出任POST) or split by it (在UNIT任TITLE)."""
    clause = start_of(text, title_end, CLAUSE)
    # the first verb the post follows: a verb's character may open the subject's name (任/振超被任命为)
    for verb in _TAKES_POST.finditer(text, clause, title_end):
        if verb.group() == "任" and text[verb.start() - 1:verb.start()] in "主责信":
            continue  # 四级主任科员: 任 inside a title's word, no verb
        if _PROPOSED.search(text, max(clause, verb.start() - 2), verb.start()):
            return None  # (拟任汪营镇党委书记: a post proposed in a notice before appointment, not held)
        # an aspect word (担任过, 担任了) or a classifier between the verb and its post is no part of the
        # post: 是一名村党支部书记
        floor = verb.end() + len(_CLASSIFIER.match(text, verb.end()).group())
        posts = _split_post(text, masked, clause, verb, title_end, ctx) or _posts_before(
            text, masked, title_end, ctx, floor=floor)
        if posts and posts[0].start in (verb.end(), floor):
            return (verb, list(_named(posts))) if _named(posts) else None
    return None


_CLASSIFIER = re.compile(r"(?:过|了)?(?:一名|一位|一个)?")
# a verb of holding a post with its adverb of time, which a surname may begin (曾, 原)
_TENURE_VERBS = frozenset({"曾任", "现任", "原任", "历任", "兼任", "后任", "先任"})
# what makes a post one proposed, not held (拟任, 拟提名为, 拟推荐为)
_PROPOSED = re.compile(r"拟(?:提名|推荐|提拔)?$")


def _subject(text: str, clause: int, verb: int, reporters: tuple[str, ...], tokens: dict[int, int],
             known: set[str]) -> tuple[int, str] | None:
    """The person a verb at ``verb`` gives a post to: (start, name), the last candidate of its sentence."""
    sentence = start_of(text, verb, SENTENCE)
    tag = _TAG.match(text, sentence)
    if tag:  # 【人物简介】向红梅，女，…: the tag a site heads a profile with is no part of its sentence
        sentence = tag.end()
    closing = None
    if clause - 1 > sentence and text[clause - 1] == "，":
        # a name that ends the clause right before the verb's: 返乡创业青年毛远翔，从…
        for pos in range(max(sentence + 1, clause - 4), clause - 2):
            cand = _name_at(text, pos, tokens, strict=True) if text[pos - 1] not in _SUBJECT_LEFT else None
            if (cand and pos + len(cand) == clause - 1 and cand not in reporters and closing is None
                    and not _PEOPLE_WORD.search(cand)):  # (是一名80后干部，: a kind of cadre, no name)
                closing = (pos, cand)  # the longer reading first (崔金安, not 金安)
    head = _head_name(text, sentence, verb, reporters, tokens, known, clause=clause)
    if head and head[1] in _TENURE_VERBS:
        head = None  # 。曾任中坝村文书: the verb with its adverb (曾任) is no name
    return (head or closing or _antecedent(text, sentence, reporters, tokens, known)
            or _known_before(text, clause, verb, known))


# what may stand between a subject and the verb that gives it a post (李强曾任, 王明先后担任)
_BEFORE_VERB = re.compile(r"曾经?|已经?|现|先后|还|也|又|后|开始|正式")
# ... and between a name known elsewhere and that verb (巴特尔同志现任)
_NAME_TO_VERB = re.compile(rf"(?:同志)?(?:{_BEFORE_VERB.pattern})?")


def _known_before(text: str, clause: int, verb: int, known: set[str]) -> tuple[int, str] | None:
    """An official named elsewhere whose name ends right before the verb (主讲人巴特尔同志现任…)."""
    for k in sorted(known, key=lambda k: (-len(k), k)):
        pos = text.rfind(k, clause, verb)
        if pos >= 0 and _NAME_TO_VERB.fullmatch(text, pos + len(k), verb):
            return pos, k
    return None


def _head_name(text: str, sentence: int, end: int, reporters: tuple[str, ...], tokens: dict[int, int],
               known: set[str], first: bool = False, clause: int = -1) -> tuple[int, str] | None:
    """The last (or ``first``) name before ``end`` at the head of a clause of the sentence at
    ``sentence``: the first word of the sentence or of the verb's ``clause`` (2018年，李明成为…),
    after an age, 的 or 叫, or an official named elsewhere."""
    found = None
    longest_first = sorted(known, key=lambda k: (-len(k), k))
    for pos in range(sentence, end):
        if pos > sentence and text[pos - 1] not in _SUBJECT_LEFT:
            continue
        # a name the article gives an official elsewhere, however the segmenter cut it here (于/涵当/过)
        cand = next((k for k in longest_first if text.startswith(k, pos)), None) or _name_at(text, pos, tokens)
        if cand and pos + len(cand) > end:  # the verb ends the name: 李明/成为
            cand = cand[:end - pos] if end - pos >= 2 else None
        elif (cand and pos + len(cand) == end - 1 and pos == clause and _name_re().fullmatch(text, pos, end)
              and text[end - 1] not in _NOT_GIVEN and text[end - 1] not in _ADVERBS):
            cand = text[pos:end]  # 熊卫/东任/县…: a name of three the segmenter ran into the verb after it
        if (pos == clause != sentence and cand not in known and pos + len(cand or "") != end
                and not _BEFORE_VERB.fullmatch(text, pos + len(cand or ""), end)):
            continue  # at the head of the verb's clause, only a name the verb follows (2018年，刘建章被任命为; 李强曾任)
        if cand and cand not in reporters and (cand in known or pos in (sentence, clause) or text[pos - 1] in "的叫"):
            found = (pos, cand)
            if first:
                break
    return found


# a site's tag heading a paragraph (【人物简介】, 【人物档案】), or a list item's number (1.韩启明，男，…)
_TAG = re.compile(r"【[^】\n]{1,8}】|\d{1,2}[.．、]|[（(]\d{1,2}[）)]|(?:人物简介|简介|人物档案)[：:]")


# a sentence that opens on a person standing for one named before: 他…, 这位…的姑娘，…成长为…
# (2008年至2014年，他曾任…: after the time it is set in)
_ANAPHOR = re.compile(r"[“”‘’ ]*(?:[\d]{4}年[^，。；\n]{0,10}，)?(?:他|她|这位|该同志)")


def _antecedent(text: str, sentence: int, reporters: tuple[str, ...], tokens: dict[int, int],
                known: set[str]) -> tuple[int, str] | None:
    """The person an anaphor opening the sentence at ``sentence`` refers to: the last official
    named in the sentence before it, else that sentence's first head name (50岁的龙明姬第一次…。他…)."""
    if not sentence or not _ANAPHOR.match(text, sentence):
        return None
    end = sentence - 1
    while end > 0 and text[end] in SENTENCE:  # the marks closing the sentence before (。\n)
        end -= 1
    floor = start_of(text, end, SENTENCE)
    found = max(((text.rfind(k, floor, end), k) for k in known), default=(-1, ""))
    if found[0] < 0:
        found = _head_name(text, floor, end, reporters, tokens, known, first=True) or (-1, "")
    for comma in (i + 1 for i in range(floor, end) if text[i] == "，"):
        if found[0] >= 0:
            break  # the first name heading a clause (自2019年以来，王建国已近60天没有回家。他…)
        found = _head_name(text, comma, end, reporters, tokens, known, first=True) or (-1, "")
    if found[0] < 0:  # the official the paragraph last named (赵德明…。那时的桂花村…。他当选…)
        paragraph = text.rfind("\n", 0, floor) + 1
        found = max(((text.rfind(k, paragraph, floor), k) for k in known), default=(-1, ""))
    return found if found[0] >= 0 else None


# a unit the verb's subject serves in, written before a verb that splits it from the title:
# 在海城市委组织部任科员, 在县委办公室担任副主任, (被选派)到杨柳湾镇挂任党委副书记
_IN_UNIT = re.compile(r"[在到]([^在到，。；：！？\n]{2,20})$")


def _split_post(text: str, masked: str, clause: int, verb: re.Match, title_end: int,
                ctx: ArticleContext) -> list[PostHit]:
    """The post of 在UNIT任TITLE: the unit before the verb and the title after it, as one post
    whose span is the title's."""
    m = _IN_UNIT.search(text, clause, verb.start())
    title = text[verb.end():title_end]
    if not m or not _titles_re().fullmatch(title):
        return []
    unit = m.group(1)
    if not _post_re().fullmatch(masked[m.start(1):verb.start()] + title):
        return []
    surface = unit + title
    post = PostHit(verb.end(), title_end, surface, surface, unit, None)
    return _qualify([post], ctx)


def _masked(ctx: ArticleContext) -> str:
    """The text with every locality replaced by ``_LOC_MASK`` (the same length)."""
    chars = list(ctx.text)
    for h in ctx.localities:
        chars[h.start:h.end] = _LOC_MASK * (h.end - h.start)
    return "".join(chars)


@cache
def _not_names_re() -> re.Pattern:
    return re.compile(f"(?:{alternation('not_names')})")


def _not_name(text: str, start: int) -> bool:
    """A common word (关于, 党委, 和群众) where a name would start."""
    return bool(_not_names_re().match(text, start))


# a name right before a title used as an honorific: 李晓敏书记致辞, 习近平总书记强调
_HONORIFIC = re.compile(r"总书记|(?:常务)?副?(?:书记|主任|部长|县长|区长|市长|镇长|乡长|局长)|同志|村长|支书|主席|处长|科长")
# a dotted name (阿不都·热合曼) from a delimiter to where a title follows
_DOTTED_BEFORE = re.compile(r"(?:^|(?<=[，。；：、\n]))([\u4e00-\u9fff]{2,6}[·•][\u4e00-\u9fff]{2,6})$")
# a run of four or five characters from a delimiter right up to 同志 (a transliterated name)
_RUN_TO_COMRADE = re.compile(r"(?:^|(?<=[，。；：、\n]))([\u4e00-\u9fff]{4,5})$")
# the verbs of a personnel decision, which a name 同志 follows (决定张三同志任…, 同意李四同志辞去…)
_DECIDES = re.compile(r"决定|同意|任命|提名|推荐|聘任|聘请|批准|选举|表彰|免去")
# function words a list of names may follow (表彰了王明、李强同志, 对王明、李强…)
_BEFORE_LIST = frozenset("了对向为和与及给把由是有")
# function words no transliterated name holds (会议由刘芳同志); 其 is a syllable of some (乌云其木格)
_FUNCTION_IN_RUN = frozenset(_FUNCTION) - {"其"}
# words of a group of people, which 同志 follows too (机关干部同志, 各位代表同志)
_PEOPLE_WORD = re.compile(r"干部|党员|领导|书记|主任|委员|群众|代表|同事|职工|村民|老师|学员|青年|大家|各位|全体")
# the head of a level's unit, which the level word names as the title before the name does (县长王建国)
_LEVEL_HEAD = re.compile(r"(?:常务)?副?[县区市镇乡]长")
# an organisation before a title (纪委书记, 王村书记) is no name
_ORG_ENDS = frozenset("委村支部局办处科队组校院所站会镇乡县区市省")
# the one post a bare honorific always names
_FULL_TITLE = {"总书记": "中共中央总书记"}


def find_named_before_title(ctx: ArticleContext, reporters: tuple[str, ...],
                            tokens: dict[int, int]) -> list[OfficialHit]:
    """Officials written as NAME + title (the segmenter's token right before the title)."""
    text = ctx.text
    masked = _masked(ctx)
    ends = {s + n: s for s, n in tokens.items()}
    places = {h.name for h in ctx.localities} | {text[h.start:h.end] for h in ctx.localities}
    out = []
    for m in _HONORIFIC.finditer(text):
        start = ends.get(m.start())
        comrade = m.group() == "同志"  # which follows names only: nothing after it need show a name ended
        dotted = _DOTTED_BEFORE.search(text, max(0, m.start() - 14), m.start())
        if dotted and _syllabic(dotted.group(1)) and dotted.group(1) not in reporters:
            # 阿不都·热合曼书记: a dotted name from a delimiter to the title, whatever the segmenter's words
            out.append(OfficialHit(dotted.start(1), m.start(), dotted.group(1), _honorific_posts(m, ctx), "name-before-title"))
            continue
        if comrade and (whole := _RUN_TO_COMRADE.search(text, max(0, m.start() - 7), m.start())):
            # ；乌云其木格同志任…: a name of four or five characters (Mongolian, Tibetan) the segmenter cuts up,
            # the whole run from a delimiter to 同志
            if (not _NOT_GIVEN.intersection(whole.group(1)) and not _not_name(text, whole.start(1))
                    and not _PEOPLE_WORD.search(whole.group(1)) and not _FUNCTION_IN_RUN.intersection(whole.group(1))
                    and not _titles_re().search(whole.group(1))  # (会议由刘芳同志主持, 镇长刘芳同志)
                    and not _DECIDES.match(whole.group(1))):  # (决定张三同志任…: a verb, then the name)
                out.append(OfficialHit(whole.start(1), m.start(), whole.group(1), (), "name-before-title"))
                continue
        # a name of two the segmenter cut in two (徐/淼/书记), after a delimiter
        if (start is not None and m.start() - start == 1 and ends.get(start) == start - 1
                and (start == 1 or start >= 2 and text[start - 2] in _DELIMS)
                and text[start - 1] not in _FUNCTION_SURNAMES):
            start -= 1
        if start is None or not 2 <= m.start() - start <= 3:
            continue
        # a surname the segmenter cut off (齐/华兵同志): the name begins one character earlier
        # (涌现出/唐/桂鹏/同志, 涌现/出范/宇云/同志: before 同志, a common surname however the segmenter read it)
        if (m.start() - start == 2 and start >= 1
                and (start == 1 or text[start - 2] in _DELIMS or comrade and text[start - 1] in _common_surnames())
                and _name_re().fullmatch(text[start - 1:m.start()])):
            start -= 1
        name = text[start:m.start()]
        if (name in reporters or not _name_re().fullmatch(name) or _not_name(text, start)
                or masked[m.start()] == _LOC_MASK  # 石门县长: the place's head, no name before a title
                or name in places or name + m.group()[:1] in places  # 吉安乡长: a place's head, as 石门县长
                or name[-1] in _ORG_ENDS or _NOT_GIVEN.intersection(name[1:])
                or _TAKES_POST.match(text, m.start() - 1)  # 李强任县长: the verb that gives the post, no name's end
                or not comrade and not _after_name_re().match(text, m.end()) and tokens.get(m.end(), 0) < 2):
            continue
        out.append(OfficialHit(start, m.start(), name, _honorific_posts(m, ctx), "name-before-title"))
        if m.group() == "同志":  # 王明、李强、张华同志: every name of the list
            out.extend(OfficialHit(s, e, n, (), "name-before-title") for s, e, n in _listed_before(text, start, reporters))
    return out


def _honorific_posts(m: re.Match, ctx: ArticleContext) -> tuple[PostHit, ...]:
    """The post an honorific title after a name gives, where it names one (王建国县长, not 同志)."""
    if _LEVEL_HEAD.fullmatch(m.group()):  # 王建国县长: the head of the article's county, as 县长王建国
        return tuple(_qualify([PostHit(m.start(), m.end(), m.group(), m.group(), None, None)], ctx))
    full = _FULL_TITLE.get(m.group())
    return (PostHit(m.start(), m.end(), m.group(), full, None, None, (m.group(),)),) if full else ()


def find_named_before_posts(ctx: ArticleContext, reporters: tuple[str, ...],
                            tokens: dict[int, int]) -> list[OfficialHit]:
    """A profile's heading line: NAME, then the posts that end the line (谢莉萍临安市天目山镇党委副书记、
    镇长), with at most an unknown place's name between."""
    text = ctx.text
    masked = _masked(ctx)
    out = []
    for title_end in _title_ends(text):
        if text[title_end:title_end + 1] in ("）", ")"):
            out += _bracketed(text, masked, title_end, ctx, reporters, tokens)
            continue
        if text[title_end:title_end + 1] == "，":
            out += _apposed_clause(text, masked, title_end, ctx, reporters, tokens)
            continue
        if title_end < len(text) and text[title_end] != "\n":
            continue
        line = start_of(text, title_end, "\n")
        name = (_DOTTED_RUN.match(text, line) and _transliterated(text, line)) or _name_at(text, line, tokens)
        padded = _PADDED.match(text, line)
        if padded and _name_re().fullmatch(padded.group(1) + padded.group(2)):
            # 丁　磊　　岚山镇党委书记: a name of two a list pads to the width of three
            posts = _posts_before(text, masked, title_end, ctx)
            if posts and _NAME_GAP.fullmatch(text, padded.end(), posts[0].start):
                name = padded.group(1) + padded.group(2)
                out.append(OfficialHit(line, padded.end(), name, _named(posts), "name-then-post"))
            continue
        if not name or name in reporters or line + len(name) >= title_end:
            continue
        posts = _posts_before(text, masked, title_end, ctx)
        between = text[line + len(name):posts[0].start] if posts else ""
        if posts and _NAME_GAP.fullmatch(between):
            out.append(OfficialHit(line, line + len(name), name, _named(posts), "name-then-post"))
    return out


def _apposed_clause(text: str, masked: str, end: int, ctx: ArticleContext, reporters: tuple[str, ...],
                    tokens: dict[int, int]) -> list[OfficialHit]:
    """NAME，POST，…: a clause of nothing but posts right after a clause that a name ends (说话的是吴振宇，
    县农业农村局乡村振兴股股长，…)."""
    clause = start_of(text, end, CLAUSE)
    if clause < 3 or text[clause - 1] != "，":
        return []
    posts = _posts_before(text, masked, end, ctx, floor=clause)
    if not posts or posts[0].start != clause:
        return []
    for n in (3, 2):
        start = clause - 1 - n
        if start >= 0 and (start == 0 or text[start - 1] in _DELIMS or text[start - 1] in "是叫"):
            name = _name_at(text, start, tokens, strict=True)
            if name and len(name) == n and name not in reporters and not _titles_re().fullmatch(name):
                return [OfficialHit(start, start + n, name, _named(posts), "name-then-post")]
    return []


# a name of two padded to three at a line's head (丁　磊)
_PADDED = re.compile(r"([\u4e00-\u9fff])[ \u3000]([\u4e00-\u9fff])(?=[ \u3000（(])")
# what may open brackets of posts before the first one (邱志远（兼任镇人大主席）), or the unit that sent
# the holder to the post (王磊（县财政局派驻…村第一书记）)
_BRACKET_LEAD = re.compile(r"(?:[男女][，,、])?(?:[\u4e00-\u9fff]{1,3}族[，,、])?(?:兼任|兼|现任|曾任|原任|任)?"
                           r"(?:[\u4e00-\u9fff]{2,12}?(?:派驻|下派|选派到))?")


def _bracketed(text: str, masked: str, close: int, ctx: ArticleContext, reporters: tuple[str, ...],
               tokens: dict[int, int]) -> list[OfficialHit]:
    """NAME（POST、POST）: a name, then brackets that hold nothing but its posts (崔英淑（八家子镇党委书记）,
    贾平（县委常委、宣传部部长））."""
    open_ = max(text.rfind("（", 0, close), text.rfind("(", 0, close))
    if open_ < 2 or close - open_ > 40:
        return []
    lead = _BRACKET_LEAD.match(text, open_ + 1)
    posts = _posts_before(text, masked, close, ctx, floor=lead.end())
    if not posts or posts[0].start != lead.end():
        return []
    for n in (3, 2):  # the name ends right at the bracket, after a boundary
        start = open_ - n
        after_title = any(m.end() == start for m in _titles_re().finditer(text, max(0, start - 8), start))
        # (像刘芳芳（…党委副书记）这样的: a comparison's example)
        if start >= 0 and (start == 0 or text[start - 1] in _DELIMS or text[start - 1] in "中和及与由像" or after_title):
            name = _name_at(text, start, tokens, strict=True)
            if name and len(name) == n and name not in reporters and not _titles_re().fullmatch(name):
                # (苏木达（乡镇长）: a title glossed, no name)
                return [OfficialHit(start, open_, name, _named(posts), "name-then-post")]
    # a name of two a list pads to the width of three (蒋　文（…）, a name list's alignment)
    start = open_ - 3
    if (start >= 0 and (start == 0 or text[start - 1] in _DELIMS) and text[start + 1] == " "
            and _name_re().fullmatch(name := text[start] + text[start + 2]) and name not in reporters):
        return [OfficialHit(start, open_, name, _named(posts), "name-then-post")]
    return []


# what may stand between a heading's name and its posts: a space, or a place the gazetteer does not know
_NAME_GAP = re.compile(r"(?:[（(](?:[男女]|[\u4e00-\u9fff]{1,4}族)(?:[，,、][\u4e00-\u9fff]{1,4}族)?[）)])?[ \u3000]*"
                       r"(?:[\u4e00-\u9fff]{1,4}[省市县区])?")


def _listed_before(text: str, start: int, reporters: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """The names listed with 、 before the name at ``start``: (start, end, name), last first."""
    out = []
    while start > 0 and text[start - 1] == "、":
        begin = start - 1
        while begin > 0 and start - 1 - begin < 4 and text[begin - 1] not in _DELIMS:
            begin -= 1
        # the list's first name after a function word (表彰了王明、李强同志)
        begin = next((start - 1 - n for n in (2, 3) if start - 1 - n > begin and text[start - 2 - n] in _BEFORE_LIST
                      and _name_re().fullmatch(text[start - 1 - n:start - 1])), begin)
        name = text[begin:start - 1]
        if (not _name_re().fullmatch(name) or name in reporters or _not_name(text, begin)
                or _NOT_GIVEN.intersection(name[1:])):
            break
        out.append((begin, start - 1, name))
        start = begin
    return out


@cache
def _after_name_re() -> re.Pattern:
    return re.compile(_AFTER_NAME)


@cache
def _titles_re() -> re.Pattern:
    return re.compile(f"(?:{alternation('titles')})")


def _title_ends(text: str):
    for m in _titles_re().finditer(text):
        yield m.end()


def _acts_after(text: str, pos: int, adverb: bool = False) -> bool:
    """Whether the character at ``pos`` may end a name, before what its holder says or does
    (钟元/强带队: a word of two or more); an adverb's character (王伟/再/强调) only where the
    segmenter joined it to the name (肖/超刚/作动员讲话)."""
    said = _SPEAKS.match(text, pos + 1)
    return (text[pos] not in _NOT_GIVEN and text[pos] not in _PLACE_ENDS and (adverb or text[pos] not in _ADVERBS)
            and said is not None and len(said.group()) >= 2 and _SPEAKS.match(text, pos) is None)


def _name_at(text: str, start: int, tokens: dict[int, int], list_item: bool = False,
             strict: bool = False) -> str | None:
    """The personal name starting at ``start``: surname plus one or two characters, followed by a
    boundary word or punctuation, or (not ``strict``) by a word of the segmenter's."""
    if (dotted := _dotted_name(text, start)) is not None:
        return dotted  # 阿不都·热合曼: read whole, though a Han reading would end well (阿不|都)
    bare = _PROFILE_NAME.match(text, start)
    if bare and (start == 0 or text[start - 1] in "\n】。.．、：:"):
        return bare.group(1)  # 其其格，女，蒙古族，…: a profile heading its line names whoever it is about
    m = _name_re().match(text, start)
    if not m or _NOT_NAME.match(text, start):
        return None
    cand = m.group()
    if _not_name(text, start) or _A_NOT_A.match(text, start):
        return None  # (村干部强不强: a question, no name)
    profile = next((n for n in (3, 2) if n <= len(cand) and _PROFILE.match(text, start + n)), None)
    if profile:
        return cand[:profile]  # 向红梅，女，土家族…: a profile's name, whatever its surname also means
    if _surnamed_xiang(text, start, cand):
        return cand
    if cand[0] in _FUNCTION_SURNAMES and (tokens.get(start + 1, 0) >= 2 or tokens.get(start) == 2):
        return None  # 县委书记要担当: a rare surname that is a function word, then a word (担当), or in one (那时)
    if cand[0] in _FUNCTION_SURNAMES and tokens.get(start) not in (2, 3):
        strict = True  # 村干部要/当/好群众: such a surname's name is one the segmenter knows or a boundary ends
    after = _after_name_re()

    def ends_well(end: int) -> bool:
        # a boundary word, punctuation, or a multi-character word of the segmenter
        if strict and cand[0] in _FUNCTION_SURNAMES and text[end:end + 1] in "“《":
            return False  # 书记要当好“传帮带”…: a verb phrase, the quoted thing it is about after it
        if list_item and end < len(text) and text[end] not in "、，和及。；":
            return bool(re.match(r"出席|参加|等|在|到|陪同|一同|分别", text[end:]))
        return bool(after.match(text, end)) or not strict and tokens.get(end, 0) >= 2

    if cand[:2] in _double_surnames():
        return _double_surname_name(text, start, cand, tokens, ends_well)
    if len(cand) == 3 and _SINCE_YEAR.match(text, start + 2):
        return cand[:2]  # 张三于2018年当选, 张三自2015年起任: the time the act is dated from, after the name
    # 李强为获奖代表颁奖: 为 introduces whom the name acts for, though the segmenter reads 李强为
    benefactive = len(cand) == 3 and cand[2] == "为" and _FOR_SOMEONE.match(text, start + 3) is not None
    # 马成/林/出席: a name of three the segmenter reads as two and a character, before a boundary word
    if (len(cand) == 3 and tokens.get(start) == 2 and tokens.get(start + 2) == 1 and cand[2] not in _NOT_GIVEN
            and cand[2] not in _ADVERBS and cand[2] not in _PLACE_ENDS + "为"
            and (_BOUNDARY_WORD.match(text, start + 3) or text[start + 3:start + 4] in _SAID)):
        return cand
    # 郑/强勇/站在: the segmenter reads the surname alone and the given name as one word
    if (len(cand) == 3 and not strict and tokens.get(start) == 1 and tokens.get(start + 1) == 2
            and cand[0] in _common_surnames() and not _NOT_GIVEN.intersection(cand[1:]) and cand[2] not in _PLACE_ENDS + "为"
            and (cand[2] not in _ADVERBS or text.startswith(_NO_VERB, start + 3) or _acts_after(text, start + 2, adverb=True))
            and not _BOUNDARY_WORD.match(text, start + 1) and not _NOT_NAME.match(text, start + 1)
            and _genre_verbs().match(text, start + 1) is None):
        return cand
    # the segmenter's own word is a whole name here (丁菲礼/站在): it knows the name, unless its last
    # character opens a boundary word (石晓几/天前: 石晓, then 几天前)
    if not strict and not list_item and not benefactive and tokens.get(start) in (2, 3) and tokens[start] <= len(cand) \
            and not _BOUNDARY_WORD.match(text, start + tokens[start] - 1) \
            and cand[0] not in _FUNCTION_SURNAMES and cand[tokens[start] - 1] not in _PLACE_ENDS \
            and cand[tokens[start] - 1] not in _NOT_GIVEN and not _NOT_GIVEN.intersection(cand[1:tokens[start]]) \
            and not (tokens[start] == 2 and cand[1] in _NOT_GIVEN_OF_TWO) \
            and not (tokens[start] == 2 and len(cand) == 3 and _acts_after(text, start + 2)):
        return cand[:tokens[start]]
    given = cand[len(cand) - (len(cand) - 1):]
    if _NOT_GIVEN.intersection(given[:1]):
        return None
    three = len(cand) == 3 and cand[2] not in _NOT_GIVEN and ends_well(start + 3)
    # 位 begins a given name of three characters (吴位胜) but ends the word 单位 of two
    two = ends_well(start + 2) and (start + 2 in tokens or after.match(text, start + 2)) and cand[1] not in _NOT_GIVEN_OF_TWO
    # 于涵/正/梳理: an adverb after a name of two, where something follows it (尚显刚，: a name of three)
    # (孟亮刚（右）, 孟亮刚是…, 孟亮刚和…: no verb after the adverb, so no adverb)
    if three and cand[2] in _ADVERBS and two and text[start + 3:start + 4] not in (*_NAME_ENDS, *_NO_VERB):
        return cand[:2]
    if three and cand[2] in _PLACE_ENDS:  # 铁岭市, 杜堂乡: a place, not a name
        three = False
    if three and cand[2] == "为" and (benefactive or _ROLE_OF_BODY.match(text, start + 3)):
        three = False  # 以区委书记徐淼为组长: the name, then the role it is made
    # the segmenter's word at the third character, unless a boundary word follows it (黎/作/凤带队)
    # (钱/光/新作/工作部署: or what the holder does, which the segmenter joined to it)
    if three and not (start + 2 in tokens and start + 3 not in tokens and not _BOUNDARY_WORD.match(text, start + 3)
                      and not _SPEAKS.match(text, start + 3)):
        return cand
    if two and cand[1] in _ADVERBS and tokens.get(start) != 2 and cand[0] not in _common_surnames():
        # 书记时曾在…: a time word and an adverb, no name; a common surname is never a name alone (县长冯刚出席)
        return None
    if two:
        return cand[:2]
    return cand if three else None


# what ends a name in a list, or a profile's bracketed post (not a verb: 书记向上级表示感谢)
_LISTED = re.compile(r"[等、（(]")


def _surnamed_xiang(text: str, start: int, cand: str) -> bool:
    """Whether 向 at ``start`` begins a name of three (组织部部长向红梅等出席), not the preposition (书记向上级
    表示): the one common surname of the function words, in a list."""
    return (cand[:1] == "向" and len(cand) == 3 and _LISTED.match(text, start + 3) is not None
            and not _NOT_GIVEN.intersection(cand[1:]) and not _PEOPLE_WORD.match(cand, 1))
# a question of whether (强不强, 好不好)
_A_NOT_A = re.compile(r"(.)不\1")
# what ends a place's or a unit's name, never a person's (铁岭市, 桂花村)
_PLACE_ENDS = "市县乡镇局村区省"
# what a profile writes right after the name: the sex (向红梅，女，土家族，1982年生，现任…)
_PROFILE = re.compile(r"[，,（(][男女][，,、）)]")
# a name of any origin (蒙古族 其其格, 藏族 次仁卓玛) heading a profile: the sex, then a people or a birth year
_PROFILE_NAME = re.compile(r"([\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{2,6}·[\u4e00-\u9fff]{2,6})[，,（(][男女][，,、]"
                           r"(?:[\u4e00-\u9fff]{1,4}族[，,、]|\d{4}年)")
# an act done for someone whom 为 introduces (为获奖代表颁奖, 为学员授课)
_FOR_SOMEONE = re.compile(r"[^，。；！？\n]{0,24}?(?:颁奖|颁发|授牌|授旗|授课|讲课|讲授|讲党课|上党课|辅导|揭牌|加油|鼓劲|点赞|解读|宣讲|作报告|作讲座)")
# a role in a body set up (领导小组, 工作专班) someone is made with 为 (以…为组长)
_ROLE_OF_BODY = re.compile(r"(?:常务)?副?(?:组长|主任|队长|团长|指挥长|总指挥|召集人|顾问|成员)")


def _posts_before(text: str, masked: str, end: int, ctx: ArticleContext, floor: int = 0) -> list[PostHit]:
    """Parse ``POST(、POST)*`` ending at ``end`` (and starting at ``floor`` or later) into
    qualified posts, first one first."""
    posts: list[PostHit] = []
    while True:
        start = end
        while start > floor and text[start - 1] not in _DELIMS and text[start - 1] != "兼" and end - start < 30:
            start -= 1
        post_re = _post_re()
        m = post_re.search(masked, start, end)
        if not m:
            break
        begin = m.start()
        if masked[end - 2:end] == _LOC_MASK + "长" and text[end - 2] not in _HEADED_LEVELS:
            break  # 长 after a locality whose name ends in no level word of a head (…村长 is a title)
        if text[begin] == "起" and _LEVEL_WORD.match(text, begin + 1):
            begin += 1  # 说起村党支部书记: the verb's complement, then the post
        if (one := ONE_OF.match(text, begin, end)) is not None:
            begin = one.end()  # 这位村党支部书记, 一名村干部: which one, no part of the post
        level = _LEVEL_WORD.match(text, begin, end)
        if (level and begin > start and not text.startswith("委", level.end())
                and text[begin - 1] not in "该本由在从对向经被据请让把和与及同以的起位名" + _FUNCTION
                and not _HONOUR.search(text, start, begin)):
            # the tail of a name the gazetteer does not know (…榆区柘汪镇); not the village just named
            # (该村副主任) nor a level after a preposition, a conjunction, 的 or a count (由县政协主席, 王明和县长李强, 这位村支书,
            # 正在忙碌的村文书, 见到了村党支部书记: no name ends in a function word; nor an honour, 优秀村党组织书记)
            begin = level.end()
        if text.startswith("委", begin) and not text.startswith("委员", begin):
            begin += 1  # 委 with no unit before it: the unit's name is lost (?h委常委)
        again = post_re.search(masked, begin, end) if begin < end else None
        if (again is None or again.start() != begin
                or posts and text[begin - 1:begin] == "为" and _ROLE_OF_BODY.fullmatch(text, begin, end)):
            break  # (以张三为组长、区长李四…: the role made of the name before, not a post of the list)
        posts.append(_make_post(text, masked, begin, end))
        if begin > 0 and text[begin - 1] in "、兼":  # 市委常委、组织部部长; 镇党委副书记兼镇长
            end = begin - 1
            continue
        break
    posts.reverse()
    return _qualify(posts, ctx)


# a level word a post may begin with
_LEVEL_WORD = re.compile(r"街道|[省市州县区旗镇乡村]")
# an honour a post is named with (优秀村党组织书记, 最美村支书): no part of a place's name, nor of the post
_HONOURS = "优秀|先进|模范|最美|十佳"
_HONOUR = re.compile(rf"(?:{_HONOURS})$")
_HONOUR_FIRST = re.compile(rf"(?:{_HONOURS})(?=[村镇乡社])")
# a member of no committee the text names (?h委常委 with its unit lost) holds no post
_MEMBER_TITLES = frozenset({"常委", "委员"})


def _named(posts) -> tuple[PostHit, ...]:
    """The posts that name what they are of: not a bare 常委 or 委员."""
    return tuple(p for p in posts if p.label not in _MEMBER_TITLES)


# when a post was taken up, not what it is: 新任村支书 and 原第一书记 are 村支书 and 第一书记
_TENURE = re.compile(r"(?:新任|原任?|前任|老(?!干部局)|新一届|第[一二三四五六七八九十\d]+任)+")
_TENURE_BEFORE_TITLE = re.compile(r"(?:新任|原任?|前任|老|新一届|第[一二三四五六七八九十\d]+任)+$")


# the rank of a deputy, written before 副 (常务副主席, 专职副主任)
_RANK = re.compile(r"(?:常务|专职)$")
#: a unit's head whose unit word the genre writes once with its name (教育局长, 民政处长, 内政部长)
_FUSED_TITLES = frozenset({"局长", "处长", "部长", "厅长"})
#: the level words whose unit has a head written as level word + 长 (县长, 镇长)
_HEADED_LEVELS = "省市州县区旗镇乡"


def _make_post(text: str, masked: str, start: int, end: int) -> PostHit:
    if (honour := _HONOUR_FIRST.match(text, start, end)) and honour.end() < end:
        start = honour.end()  # 十佳村党支部书记: an honour, no part of the post
    tenure = _TENURE.match(text, start, end)
    if tenure and tenure.end() < end and _LOC_MASK not in masked[start:tenure.end()]:  # 老门潭村: a name
        start = tenure.end()
    if text.startswith("驻", start) and masked[start + 1:start + 2] == _LOC_MASK:
        start += 1  # (…派)驻犀溪镇西浦村第一书记: the village's 第一书记, where it is stationed
    surface = text[start:end]
    if masked[end - 2:end] == _LOC_MASK + "长":  # 石门县长: the county's head, no organisation
        return PostHit(start, end, surface, surface, None, None)
    title = next((t for t in words("titles") if surface.endswith(t)), "")
    if _RANK.search(surface, 0, len(surface) - len(title)) and title.startswith("副"):
        title = surface[-len(title) - 2:]  # 常务副主席: the rank is the title's, not the organisation's
    org = surface[: len(surface) - len(title)]
    if (title in _FUSED_TITLES and org and not org.endswith(title[0])
            and masked[end - len(title) - 1] != _LOC_MASK):
        org += title[0]  # 县教育局长: the bureau 县教育局 and its 局长
    tenure = _TENURE_BEFORE_TITLE.search(org)
    if tenure:  # 百坭村原第一书记: when the post was held is no part of its organisation
        org = org[: tenure.start()]
        surface = org + title
    return PostHit(start, end, surface, surface, org or None, None)


def _qualify(posts: list[PostHit], ctx: ArticleContext) -> list[PostHit]:
    """Give each post its locality: 市委常委 -> 台州市委常委; 组织部部长 after 天等县委常委
    -> 天等县委组织部部长. The post's organisation locality is the innermost one named
    (灌云县燕尾港镇党委书记 -> 燕尾港镇); the post is named from it (燕尾港镇党委书记), every longer
    form (灌云县燕尾港镇党委书记) and the form as written are alternative labels."""
    out: list[PostHit] = []
    prefix = None  # (committee prefix, its locality chain) of the previous post in the list
    led_unit = None  # (unit, its locality chain) whose party group or committee the previous post leads
    surfaces = sorted({(ctx.text[h.start:h.end], h.name) for h in ctx.localities}, key=lambda x: -len(x[0]))
    written_as, chains = _written_forms(ctx)
    for post in posts:
        label = post.surface
        chain = _locality_chain(label, surfaces)
        league = None  # 团县委书记: the Youth League's committee of the county, named 共青团石门县委书记
        if not chain and label[:1] == "团" and label[1:2] in _HEADED_LEVELS and label[2:3] == "委":
            league = ctx.unit_for(label[1], post.start)
            label = "共青团" + league + label[2:] if league else label
        elif not chain and post.start > 0 and ctx.text[post.start - 1] in "该本" and label[0] in "省市州县区旗镇乡村":
            level, label = label[0], label[1:]  # 该村副主任 -> the village named before, its 副主任
            unit = ctx.unit_for(level, post.start)
            written = ctx.written(unit, level) if unit else level
            chain = [(0, len(written), unit)] if unit else []
            label = written + label
        elif not chain:
            level, label = _level_of(label)
            unit = ctx.unit_for(level, post.start) if level else None
            if unit:
                written = ctx.written(unit, level)
                label = written + label
                chain = [(0, len(written), unit)]
            elif prefix and (post.org or post.surface in _COMMITTEE_TITLES) and not level and not label.startswith(_LEAGUE):
                # 县委常委、组织部部长: the committee's department; 镇党委书记、人大主席: the town's congress
                label = (prefix[2] if _NOT_OF_COMMITTEE.match(label) else prefix[0]) + label
                chain = prefix[1]
            elif led_unit and not post.org and not level:
                label, chain = led_unit[0] + label, led_unit[1]  # 教育局党组书记、局长: the bureau's 局长
            elif (village := _village_before(ctx, post)) is not None:
                # 仡仲村,驻村第一书记肖庆仙: a village's title right after the village and a comma (a caption)
                label, chain = village + post.surface, [(0, len(village), village)]
            else:
                label = post.surface
        alts = {post.surface} | {label[start:] for start, _, _ in chain[1:]}
        loc = chain[-1][2] if chain else league
        led = _UNIT_LED.match(label)
        led_unit = (led.group(1), chain) if led else None
        if chain:
            end = chain[-1][1]
            committee = re.match(r"(?:委|党委|党工委)", label[end:])
            prefix = (label[:end] + (committee.group() if committee else ""), chain, label[:end])
        elif committee := _BARE_COMMITTEE.match(label):
            # 区委常委、组织部部长 where no district is named: the department is still the committee's
            prefix = (committee.group(), [], re.sub(r"党?委$", "", committee.group()))
        elif zone := _ZONE.match(label):
            # 高新区党工委副书记、管委会副主任: the zone's bodies after its first (no locality, but named)
            prefix = (zone.group(), [], zone.group())
        place = None  # the innermost locality's name as the post's name begins with it
        if chain:  # one name for one post: from its innermost locality, 丰县县委 written 丰县委
            inner, end = chain[-1][0], chain[-1][1]
            place = label[inner:end]
            rest = label[end:]
            alts |= {label, label[inner:]}
            level = next((w for w in ("嘎查", label[end - 1:end])
                          if place.endswith(w) and rest.startswith((w + "委", w + "党", w + "监委"))), None)
            if level:  # 小杜庄村村委会主任 as written beside 小杜庄村委会主任 (刘家塘村村党总支书记 likewise)
                alts.add(label[inner:end] + rest)
                rest = rest[len(level):]
            elif rest == "长" and place[-1:] in _HEADED_LEVELS:
                alts.add(place + rest)  # 石门县长 is 石门县县长, as 石门县委书记 is its committee's
                rest = place[-1] + rest
            label = label[inner:end] + rest
        title_len = len(post.surface) - len(post.org or "")
        org = label[: len(label) - title_len] if post.org else None
        committee = _COMMITTEE.match(label, len(label) - title_len)
        if org and committee:  # 新华镇 + 党委书记: the organisation is 新华镇党委, not the town
            org += committee.group()
        elif org == place:
            org = None  # 鲁家村 + 主任: a post of the village, whose organisation the text does not name
        if place and loc:
            alts |= {form for a in alts | {label} if a.startswith(place)
                     for form in _other_forms(a, place, loc, written_as, chains)}
        out.append(PostHit(post.start, post.end, post.surface, label, org, loc,
                           tuple(sorted(alts - {label}))))
    return out


def _written_forms(ctx: ArticleContext) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Each unit's names as the article writes them (张家川县, 张家川回族自治县), and the chains of units it
    writes ending with it (方家庄镇小杜庄村, 宝坻区方家庄镇小杜庄村)."""
    written_as: dict[str, set[str]] = {}
    chains: dict[str, set[str]] = {}
    spans = sorted(ctx.localities, key=lambda h: h.start)
    for i, h in enumerate(spans):
        written_as.setdefault(h.name, set()).add(ctx.text[h.start:h.end])
        start = h.start
        for before in reversed(spans[:i]):  # each chain that ends with it: 昭觉县阿土列尔村, 凉山州昭觉县…
            if before.end != start:
                break
            start = before.start
            chains.setdefault(h.name, set()).add(ctx.text[start:h.end])
    return written_as, chains


def _other_forms(label: str, place: str, unit: str, written_as: dict[str, set[str]],
                 chains: dict[str, set[str]]) -> set[str]:
    """The post's name with its unit written in the article's other forms, in full, and after the chain of
    units the article writes before it (张家川回族自治县委常委 beside 张家川县委常委; 宝坻区方家庄镇小杜庄村村委会主任
    beside 小杜庄村村委会主任): the one post, whichever a reader takes as its name; a department's head is
    named with and without its 部 (组织部长, 组织部部长)."""
    rest = label[len(place):]
    if not _LEVEL_END.search(place) and rest[:1] == unit[-1:]:
        place, rest = place + rest[0], rest[1:]  # 张家川 + 县委书记: the county written 张家川县
    rests = {rest} | ({rest[:-2] + "部部长"} if _DEPARTMENT_HEAD.search(rest) else set()) \
        | ({rest[:-2] + "长"} if rest.endswith("部部长") else set())
    if place[-1:] in "村镇乡" and rest.startswith("委"):  # 刘家塘村委委员 is 刘家塘村村委委员
        rests |= {place[-1] + r for r in rests}
    # the unit's short forms take its level word (张家川 -> 张家川县), as its posts write it
    forms = {w if _LEVEL_END.search(w) else w + unit[-1] for w in written_as.get(unit, set())
             if _LEVEL_END.search(w) or not unit.endswith("自治区")}  # 新疆 is never 新疆区
    heads = forms | {unit, place} | chains.get(unit, set())
    if _LEVEL_END.search(place):  # 张家川县 + 委常委: a form with the same level word
        heads = {h for h in heads if h[-1] == place[-1]}
    elif not _BODY.match(rest):  # 新疆 + 党委…: the full name of a short form, before the unit's own bodies
        heads = {place}
    return {h + r for h in heads for r in rests} - {label}


_LEVEL_END = re.compile(r"(?:[省市州盟县区旗镇乡村]|街道|社区|嘎查|苏木)$")
_BODY = re.compile(r"党委|党工委|人民政府|政府|人大|政协|纪委")
# a department's head named without the department's 部 before 长 (组织部长, 宣传部长)
_DEPARTMENT_HEAD = re.compile(r"[^部]部长$")


def _village_before(ctx: ArticleContext, post: PostHit) -> str | None:
    """The village written right before a village's title with only a comma between (a caption:
    仡仲村,驻村第一书记), a comma and 在 (高峰村，在驻村第一书记…的协调下), or its other name in brackets
    (阿土列尔村（悬崖村）第一书记); or the town or village whose committee's title follows it and 的
    (前黄村的党支部书记)."""
    if ctx.text[post.start - 1:post.start] == "的" and _COMMITTEE.match(post.surface):
        hit = next((h for h in ctx.localities if h.end == post.start - 1 and h.level >= gz.TOWN), None)
        return hit.name if hit else None
    if post.surface not in _VILLAGE_TITLES:
        return None
    gap = _VILLAGE_GAP.search(ctx.text, max(0, post.start - 12), post.start)
    if gap is None:
        return None
    hit = next((h for h in ctx.localities if h.end == gap.start() and h.level == gz.VILLAGE), None)
    return hit.name if hit else None


# what may stand between a village and its title (see _village_before)
_VILLAGE_GAP = re.compile(r"(?:[,，]在?|[（(][^（）()，。,]{1,8}村[）)])$")


#: titles only a village's cadres hold
_VILLAGE_TITLES = frozenset({"第一书记", "驻村第一书记"})
# the Youth League's committees (共青团溆浦县委, 团县委): their own organisation, not the previous post's
_LEAGUE = ("共青团", "团")
# a unit's party group or committee led by a post, whose bare title after it is the unit's own
# (县教育局党组书记、局长; 广播电视台党委书记、台长; 县政协党组书记、主席)
_UNIT_LED = re.compile(r"(.+?(?:局|委员会|委|台|中心|办公室|院|校|所|站|厅|馆|社|公司|集团|政协|人大常委会|人大|政府|"
                       r"总工会|妇联|科协|文联|工商联|侨联|残联|红十字会))(?:党组|党委|党工委|党总支)(?:副?书记|成员)$")
# a level's committee a post begins with, its place unnamed (区委常委, 自治区党委常委)
_BARE_COMMITTEE = re.compile(r"(?:自治[区州县旗]党?|[省市州县区旗])委(?=常委|委员)")
# a development zone a post begins with (高新区, 经济技术开发区): not a locality, but it names the bodies after it
# (a bare 区 with 党工委 is a zone's too: a district has a 区委)
_ZONE = re.compile(r"(?:[\u4e00-\u9fff]{0,8}?(?:高新区|经开区|开发区|新区|示范区|园区|综保区|保税区|管理区|度假区|试验区|实验区)|区)(?=党工委|管委会)")
# the bodies of a level that are not its party committee's (its discipline commission, congress, government
# and its bureaus): after 县委常委 they are the county's, not the committee's
# (the cadre bureau, 老干部局, is the committee's own)
_NOT_OF_COMMITTEE = re.compile(r"纪委|纪工委|监委|人大|政协|政府|人武部|武装部|法院|检察院|总工会|妇联|科协|文联|工商联|侨联|残联|(?!老?干部局)[\u4e00-\u9fff]{1,6}局")
# titles of a party committee's own members and departments: after 县委常委 they are the committee's
_COMMITTEE_TITLES = frozenset({"组织部长", "宣传部长", "秘书长", "组织委员", "宣传委员", "纪检委员", "统战委员"})
# a committee a title begins with (党委书记, 党支部书记): part of the organisation, not of the title
_COMMITTEE = re.compile(r"党工委|党委|党总支|党支部|党组织|党组")
# a post of a unit the article names elsewhere: 县委常委, 镇党委书记, 村党支部书记 (level word and
# organisation), 县财政局局长 (a level's bureau, not 市场监管局), 副镇长, 村长 (a title of that level), 支书 (a
# village title)
_LEVEL_ORG = re.compile(r"(自治[区州县旗](?=[州县旗]长|主席)|(?:自治[区州县旗]|街道|[省市州盟县区旗镇乡村])"
                        r"(?=[委政人纪党办组宣统支务民两团妇侨残]|监委会|总工会|科协|文联|工商联|红十字会|(?!场)[\u4e00-\u9fff]{1,8}?局))")
# a village's or community's committee, named with the level word (村委会, 居委会 is no level's)
_OWN_LEVEL = re.compile(r"村(?:委会|民委员会|监委会|务监督委员会)")
# a village's own roles, written after the level word alone (村文书, 村会计, 村副主任)
_VILLAGE_ROLE = re.compile(r"村(?:文书|会计|副?主任)$")
_LEVEL_TITLE = re.compile(r"(?:常务)?副?(镇|乡|县|区|旗|盟|州|市|省|村)长|(?=支书)")


def _level_of(surface: str) -> tuple[str | None, str]:
    """The level word a bare post refers to, and the post without a leading level word."""
    m = _LEVEL_ORG.match(surface)
    if m and _OWN_LEVEL.match(surface):
        return m.group(1), surface  # 村委会主任: the committee's name holds its level word
    if m:
        return m.group(1), surface[m.end():]
    m = _LEVEL_TITLE.match(surface)
    if m:
        return m.group(1) or "村", surface
    if _VILLAGE_ROLE.match(surface):
        return "村", surface[1:]  # 村文书: the village's clerk, 院坝村文书
    return None, surface


def _locality_chain(label: str, surfaces: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """The localities a post begins with, outermost first: (start, end, full name)."""
    chain, pos = [], 0
    while True:
        hit = next(((surf, name) for surf, name in surfaces if label.startswith(surf, pos)), None)
        if not hit:
            return chain
        chain.append((pos, pos + len(hit[0]), hit[1]))
        pos += len(hit[0])
