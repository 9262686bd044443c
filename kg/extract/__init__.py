"""Extraction stage: a cleaned, segmented article -> entities and facts.

``extract(article, clean, doc)`` runs the recognisers over the clean text, then the relation
rules, and keys every entity by ``identity``; of the spaCy ``doc`` it reads only the segmenter's
token boundaries (``token_spans``). kg's spaCy components (``kg.nlp.components``) call it. The modules, in the order a text meets them:

- ``gazetteer``: China's administrative units from jionlp's data, compiled once into kg's cache.
- ``localities``: units by gazetteer name, short form, and name + suffix (镇 乡 街道 村 社区).
- ``context``: the article's units by level and its acting locality; what 县委, 该市 refer to.
- ``people``: officials and their posts (apposition, name + title, post given by a verb).
- ``initiatives``: campaigns and measures (document titles, quoted names, governed phrases).
- ``groups``: cadre groups by modifier + head noun.
- ``actors``: who launches or issues an initiative (the acting locality or organisation).
- ``targets``: the rules of ``targets`` (which groups an initiative is aimed at).
- ``subjects``: the types of each initiative (容错纠错, 考核评价 …) by cue words in its name and sentences.
- ``scoring``: each rule's measured confidence (``resources/models/confidence.json``).
- ``identity``: one key function per class: when two mentions are one node.
- ``spans``: where sentences and clauses begin and end, the one way every rule cuts text.
- ``builder``: the entities, facts and mentions of one article as the rules add them.

This module joins them into facts: ``holds`` from the people rules, ``launches``/``issues``
from the actor ``actors`` finds (none for a campaign someone takes part in, an experience
learnt or a document of the centre), ``targets`` from the rules of ``targets``. Every fact
names its rule (``kg:extractor``) and has its rule's measured confidence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..types import Article, CleanText, Extraction, Mention
from . import gazetteer as gz
from . import identity
from .actors import find_actor
from .builder import Builder
from .context import ArticleContext, build_context
from .groups import GroupHit, find_groups, one_name_each
from .initiatives import find_initiatives, followed, governing_verbs
from .localities import names_another
from .people import (find_appointed, find_group_members, find_listed_leaders, find_named_before_posts,
                     find_named_before_title, find_officials, find_officials_by_verb, whole_names)
from .spans import CLAUSE, start_of, unquoted
from .subjects import find_subjects
from .targets import Span, find_targets

if TYPE_CHECKING:
    from spacy.tokens import Doc

# a document or campaign of the centre, which a locality cites, applies or takes part in but does not
# issue or launch (中国共产党…条例, 党史学习教育中央宣讲团宣讲, 全国…行动)
_CENTRAL_DOCUMENT = re.compile(r"中国共产党|中共中央|国务院|中华人民共和国|全国|.{0,12}中央")
# a regulation (条例) is the centre's or a province's law, no county's or town's: one its name does not
# place (党政领导干部选拔任用工作条例) is nobody's act here
_REGULATION = re.compile(r"条例(?:[（(]试行[）)])?$")
# a verb by which someone takes part in an initiative (他参加农村党员大培训) or fits its work to one
# (再结合“不忘初心”主题教育活动): no act of a locality
_JOINS = re.compile(r"(?:参加|参与|参训|加入|报名参加|结合)(?:了|到)?“?$")
# an initiative whose experience is learnt (学习运用“千万工程”经验): another's, the learner's no act
_LEARNT = re.compile(r"[”’]?经验")


def token_spans(doc: Doc) -> dict[int, int]:
    """Each token's start offset mapped to its length: the segmenter's view of the text, all the
    recognisers read of a spaCy Doc."""
    from spacy.attrs import IDX, LENGTH

    arr = doc.to_array([IDX, LENGTH])
    return dict(zip(arr[:, 0].tolist(), arr[:, 1].tolist()))


@dataclass(frozen=True, slots=True)
class TextReading:
    """What the recognisers find in the clean text alone, without the segmenter's tokens: the
    article's localities and the units it is about, and its cadre groups (``read``). A build may
    read an article in another process than the one that segments it (``kg.run.build``)."""

    context: ArticleContext
    groups: tuple[GroupHit, ...]


def read(text: str) -> TextReading:
    """The ``TextReading`` of a clean text."""
    return TextReading(build_context(text), tuple(find_groups(text)))


def extract(article: Article, clean: CleanText, doc: Doc, reading: TextReading | None = None) -> Extraction:
    """The entities and facts of ``article``, from its clean text, its segmentation ``doc`` and its
    ``reading`` (``read`` of its text, made here if not given)."""
    text = clean.text
    tokens = token_spans(doc)
    reading = reading or read(text)
    ctx, groups = reading.context, reading.groups
    b = Builder(article, clean, ctx, {}, {}, [])
    loc_keys = _localities(b)
    _officials(b, tokens)
    _named_people(b, find_listed_leaders(text, clean.reporters, tokens), "listed-leader")
    initiatives = _gaps_marked(find_initiatives(text, tokens, [(g.start, g.end) for g in groups]), article, clean)
    taken = [(h.start, h.end) for h in initiatives]
    group_hits = []
    # a secretary's title that begins inside a place's name is the one post of that place (洪屿村党支部书记),
    # no category (unlike its cadres, 富庶村干部, who are many)
    places = [(h.start, h.end) for h in ctx.localities]
    # a group's words inside a named official's post (村党总支书记、村委会主任黎泉生) name that post
    posts = [(m.start, m.end) for m in b.mentions if m.cls == "Post"]
    named = [g for g in groups if not (g.label.endswith("书记") and any(s < g.start < e for s, e in places))
             and not any(s <= g.start and g.end <= e for s, e in posts)]
    same = one_name_each([g.label for g in named])
    for g in named:
        label = same.get(g.label, g.label)
        alts = (*g.alt_labels, g.label) if label != g.label else g.alt_labels
        key = b.entity("CadreGroup", label, alts, key=identity.group_key(label))
        b.mentions.append(Mention("CadreGroup", label, g.start, g.end, text[g.start:g.end], rule=g.rule, key=key))
        group_hits.append((g, key))
    _named_people(b, find_group_members(text, [(g.start, g.end) for g in groups], clean.reporters, tokens),
                  "group-member")
    keys = []
    acts = [find_actor(b, h.start, loc_keys, taken) for h in initiatives]
    names = _one_name_each(initiatives)
    # one node per initiative of the article: keyed by the first locality acting on it anywhere in
    # the article (the same name issued by two articles' localities is two initiatives: each
    # county's 容错纠错机制)
    issuers: dict[str, str | None] = {}
    for h, act in zip(initiatives, acts):
        if issuers.get(names[h.label]) is None:
            issuers[names[h.label]] = act.actor
    # an initiative whose experience the article has someone learn is another's, wherever it is named
    learnt = {names[h.label] for h in initiatives if _LEARNT.match(text, h.end)}
    for h, (actor, rule, org, partners) in zip(initiatives, acts):
        name = names[h.label]
        alts = (h.label, *(a for a in h.alt_labels if len(a) >= _SHORTEST_FORM and not _NO_NAME.fullmatch(a)),
                *_inner_forms(b.ctx, h), *_head_forms(b.ctx, h))
        # a slogan's clauses are written with and without their marks (头雁比武，村村竞赛 / 头雁比武村村竞赛,
        # 宝地先锋·党课宣讲团 / 宝地先锋党课宣讲团)
        alts += tuple(_CLAUSE_MARKS.sub("", a) for a in (name, *alts) if _CLAUSE_MARKS.search(a))
        key = b.entity(h.cls, name, alts,
                       key=identity.initiative_key(h.cls, name, issuers[name], article.id))
        keys.append(key)
        b.mentions.append(Mention(h.cls, name, h.start, h.end, text[h.start:h.end], h.alt_labels, h.rule, key))
        if org:  # 宝应县委组织部印发…: the organisation acting for its locality
            org_label, surface, at = org
            org_key = b.entity("Organization", org_label, (surface,),
                               key=identity.organization_key(org_label, actor, article.id), part_of=actor)
            b.mentions.append(Mention("Organization", org_label, at, at + len(surface), surface, rule=rule, key=org_key))
        if (actor and h.rule != "group-system-named" and not _JOINS.search(text, max(0, h.start - 5), h.start) and name not in learnt
                and not _only_followed(text, h, rule, org)
                and not _CENTRAL_DOCUMENT.match(h.label)
                and not (_REGULATION.search(h.label)
                         and not any(h.start <= u.start < h.end for u in b.ctx.localities))):
            for subject in (*partners, actor):
                b.fact(subject, "launches" if h.cls == "Campaign" else "issues", key, h.start, rule)
    _targets(b, list(zip(initiatives, keys)), group_hits)
    _subjects(b, list(zip(initiatives, keys)))
    return Extraction(article=article, clean=clean, entities=tuple(b.entities.values()),
                      facts=tuple(b.facts.values()), mentions=tuple(b.mentions))


def _only_followed(text: str, h, rule: str, org: tuple[str, str, int] | None) -> bool:
    """Whether the act on ``h`` is another's that its actor only follows (``initiatives.followed``): not
    where the locality its name begins with or an organisation named in the phrase of following made it
    (根据《甘肃省村级干部管理办法》: 甘肃省's; 根据中共白河县委组织部《…通知》精神: 白河县's)."""
    phrase = followed(text, start_of(text, h.start, CLAUSE), h.start, h.end)
    return phrase is not None and rule != "locality-in-name" and not (org and org[2] >= phrase)


def _gaps_marked(initiatives: list, article: Article, clean: CleanText) -> list:
    """Initiatives whose name spans a run of lost characters (a title in 《》 around ``?lián)``), with
    the run written □, the typesetter's mark of a missing character: a reader sees that the name
    lost something (新时代新□新作为), which joining its two sides would hide."""
    gaps = [m.start() for m in re.finditer(" ", clean.text)
            if article.text[clean.offsets[m.start()]:clean.offsets[m.start()] + 1] in ("?", "\ufffd")]
    if not gaps:
        return initiatives
    text = clean.text
    renamed: dict[str, str] = {}
    for h in initiatives:
        for name in (h.label, *h.alt_labels):
            marked = name
            for g in (g for g in gaps if h.start < g < h.end - 1):
                # the name is written without the gap's space (nor its quotes): mark it between the
                # characters either side
                left = next((c for c in reversed(text[h.start:g]) if c not in _NAME_MARKS), "")
                right = next((c for c in text[g + 1:h.end] if c not in _NAME_MARKS), "")
                marked = _marked(marked, left + right, g - h.start) if left and right else marked
            if marked != name:
                renamed[name] = marked
    # every hit of a marked name (《意见》 after the title it shortens) takes the mark
    return [replace(h, label=renamed.get(h.label, h.label), alt_labels=tuple(renamed.get(a, a) for a in h.alt_labels))
            for h in initiatives]


def _marked(name: str, pair: str, near: int) -> str:
    """``name`` with ``_LOST`` between the two characters of ``pair``, at their place nearest ``near``."""
    at = [m.start() for m in re.finditer(re.escape(pair), name)]
    if not at:
        return name
    i = min(at, key=lambda a: abs(a - near))
    return name[:i + 1] + _LOST + name[i + 1:]


_LOST = "□"
# what a name is written with but named without (“选育管用”全链条管理体系, 《…》)
_NAME_MARKS = "“”‘’「」《》〈〉"
_CLAUSE_MARKS = re.compile(r"[，、·•]")
# the institutions of scholars and teachers (not a party's cadre school, 干部学院, 党校)
_ACADEMIC = re.compile(r"大学|(?<!干部)学院|研究院|研究所|中学|小学")
# a type word an initiative's name is written with and without (擂台比武, 擂台比武活动)
_OPTIONAL_TYPE = ("活动", "行动")
# a training named without its class (农村党支部书记培训 of an article naming …培训班): the same programme
_CLASS_WORD = ("班",)
# the period a campaign is named for, before its type word (谈心谈话周活动, 作风建设年活动)
_PERIOD_TYPE = re.compile(r"[周月年](?:活动|行动)$")


def _one_name_each(initiatives) -> dict[str, str]:
    """Each label of the article's initiatives -> the name of its node: the fullest form the article
    writes it in: with its type word (擂台比武 -> 擂台比武活动, …书记培训 -> …书记培训班), and a short form that ends a longer
    name of the same class (擂台比武活动 -> 乡村振兴擂台比武活动) where only one longer name ends so;
    a space between two characters (a copy's 盘山县 设施农业…办法) is no part of a name."""
    plain = {h.label: _SPACE_IN_NAME.sub("", h.label) for h in initiatives}
    labels = set(plain.values())
    cls = {plain[h.label]: h.cls for h in initiatives}
    typed = {label: next((label + t for t in (*_OPTIONAL_TYPE, *_CLASS_WORD) if label + t in labels), label)
             for label in labels}
    out = {}
    for label, name in typed.items():
        longer = {other for other in set(typed.values()) if other != name and other.endswith(name)
                  and cls.get(other, cls[label]) == cls[label]}
        if not longer and not _PERIOD_TYPE.search(name) and name.endswith(_OPTIONAL_TYPE):
            # 谈心谈话活动 of an article naming …谈心谈话周活动: the campaign of a week, month or year
            # named without its period
            core, kind = name[:-2], name[-2:]
            longer = {other for other in set(typed.values()) if re.search(f"{re.escape(core)}[周月年]{kind}$", other)}
        if (whole := _WHOLE_UNIT.match(name)) and not longer:
            # 全区90后青年干部座谈会 is 山阳区90后青年干部座谈会 where the article writes that name of it
            rest = name[whole.end():]
            longer = {other for other in set(typed.values()) if other.endswith(rest)
                      and other[:-len(rest)].endswith(whole.group(1)) and other != name}
        out[label] = longer.pop() if len(name) >= 4 and len(longer) == 1 else name
    return {label: out[name] for label, name in plain.items()}


# a name that begins with the whole of a unit of some level (全区, 全县), not naming it
_WHOLE_UNIT = re.compile(r"全([省市州县区旗镇乡])(?=[\u4e00-\u9fff\d“])")


_SPACE_IN_NAME = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def _inner_forms(ctx: ArticleContext, h) -> list[str]:
    """A name that begins with nested localities, without the outer ones and without all of them
    (博罗县福田镇2022年…擂台赛 -> 福田镇2022年…擂台赛, 2022年…擂台赛), then without what scopes it in
    time or place (2022年, 全区: …擂台赛), as articles write it again; never a form too short to name
    anything."""
    chain = [loc for loc in ctx.localities if h.start <= loc.start < h.end]
    out, pos = [], h.start
    for loc in chain:
        if loc.start != pos:
            break
        pos = loc.end
        if pos < h.end:
            out.append(ctx.text[loc.start:h.end] if loc is not chain[0] else "")
            # (not where the mention is a short name its level word follows: 山阳|区…)
            out.append(ctx.text[loc.end:h.end] if ctx.text[loc.end] not in _LEVEL_WORDS else "")
    rest = ctx.text[pos:h.end]
    while (scope := _SCOPE.match(rest)) and scope.end() < len(rest):
        rest = rest[scope.end():]
        out.append(rest)
    return [form for form in map(unquoted, out) if len(form) >= _SHORTEST_FORM and not _NO_NAME.fullmatch(form)]


def _head_forms(ctx: ArticleContext, h) -> list[str]:
    """A quoted name at the head of its clause, after the chain of units and the words that qualify it
    there (日前，贵州省安顺市平坝区第三届“擂台比武”活动在区委党校开赛): its fullest form, from each unit
    of the chain (安顺市平坝区第三届擂台比武活动, 平坝区第三届擂台比武活动)."""
    text = ctx.text
    if h.rule != "quoted" or not text.startswith("“", h.start):
        return []
    start = start_of(text, h.start, CLAUSE)
    start += len(m.group()) if (m := _TIME_LEAD.match(text, start)) else 0
    head = text[start:h.start]
    if (not 2 <= len(head) <= 40 or not _QUALIFIERS.fullmatch(head)
            or any(head[v.start() - 1:v.start()] != "党" for v in governing_verbs()[0].finditer(head))):
        return []  # (党组织 is no verb)
    chain, pos = [], start
    for loc in sorted(ctx.localities, key=lambda loc: loc.start):
        if loc.start == pos and loc.end <= h.start:
            chain.append(loc)
            pos = loc.end
    return [unquoted(text[loc.start:h.end]) for loc in chain]


# what opens a clause before its subject: when it happened (日前, 9月2日)
_TIME_LEAD = re.compile(r"(?:日前|近日|近期|\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日)[，,]?")
# the words that may qualify a name at its clause's head: no particle, a bracketed alternative (村（社区）)
_QUALIFIERS = re.compile(r"(?:[^\W的了是在和与及为对把将被等]|（[\u4e00-\u9fff]{1,3}）)+")


# what scopes a name in time or place at its start (2018年度, 全区, 第二期) and may be left out
_SCOPE = re.compile(r"\d{4}年度?|全[省市州县区旗镇乡]|第[\d一二三四五六七八九十]+[期届]")
# a form of a name that names nothing on its own: an age bound, a count (90后, 六项)
_NO_NAME = re.compile(r"[“”]?(?:\d{2}后|[\d一二三四五六七八九十百]+[项条个类])[“”]?")
_SHORTEST_FORM = 2
_LEVEL_WORDS = frozenset("省市州盟县区旗镇乡村")


def _targets(b: Builder, initiatives: list, groups: list) -> None:
    """``targets`` by the rules of ``kg.extract.targets``, each fact named after its rule."""
    for t in find_targets(b.clean.text, [Span(k, h.label, h.start, h.end) for h, k in initiatives],
                          [Span(k, g.label, g.start, g.end) for g, k in groups]):
        b.fact(t.initiative, "targets", t.group, t.pos, t.rule)


def _subjects(b: Builder, initiatives: list) -> None:
    """Each initiative's types (``kg.extract.subjects``), from all its names and mentions."""
    found = find_subjects(b.clean.text, [Span(k, h.label, h.start, h.end) for h, k in initiatives],
                          {k: (b.entities[k].label, *b.entities[k].alt_labels) for _, k in initiatives})
    for key, hits in found.items():
        b.entities[key] = replace(b.entities[key], subjects=tuple(h.concept for h in hits))


def _localities(b: Builder) -> dict[str, str]:
    """Locality entities (with code and parent) for every hit; returns name -> key."""
    gaz = gz.load()
    keys: dict[str, str] = {}
    named = {h.name for h in b.ctx.localities}
    # a unit named only in an outlet's or a university's name (周口日报, 德州新闻网讯, 浙江大学) is in
    # another's name, not a place the article tells of (a dateline's, 南京1月7日电, is one)
    told = {h.name for h in b.ctx.localities if not names_another(b.clean.text, h)}
    # units the gazetteer knows first: a unit also found by pattern elsewhere in the article is the same node
    for h in sorted(b.ctx.localities, key=lambda h: (h.unit < 0, h.start)):
        if h.name not in told:
            continue
        surface = b.clean.text[h.start:h.end]
        if h.unit < 0 and h.name in keys:
            key = b.entity("Locality", h.name, (surface,), key=keys[h.name])
        elif h.unit >= 0:
            unit = gaz.units[h.unit]
            # the hierarchy of a unit the gazetteer knows by that name alone, or placed by a unit
            # above it that the article names (not of a guess among several 新华镇)
            placed = len(gaz.by_name.get(unit.name, ())) == 1 or any(
                gaz.units[a].name in named for a in gaz.chain(h.unit)[1:])
            # an autonomous prefecture, county or banner written short is also written with its level
            # word (甘孜 -> 甘孜州, 张家川 -> 张家川县), as its committee is (甘孜州委)
            autonomous = gz.AUTONOMOUS.search(unit.name)
            forms = (surface, surface + autonomous.group(1)) if autonomous and surface != unit.name \
                and not surface.endswith(autonomous.group(1)) else (surface,)
            # (the code of a guess is a guess too: a unit not placed carries none, as it has no parent)
            key = b.entity("Locality", unit.name, forms, key=_unit_key(gaz, h.unit),
                           admin_code=unit.code if placed else None,
                           part_of=_parent_division(b, gaz, h.unit) if placed else None)
        else:
            parent_key = keys.get(h.parent_name) if h.parent_name else None
            key = b.entity("Locality", h.name, (surface,),
                           key=identity.pattern_unit_key(h.name, parent_key or b.ctx.actor, b.article.id),
                           part_of=parent_key)
        keys.setdefault(h.name, key)
        b.mentions.append(Mention("Locality", h.name, h.start, h.end, surface, rule=h.rule, key=key))
    return keys


def _parent_division(b: Builder, gaz: gz.Gazetteer, index: int) -> str | None:
    """The key of the gazetteer unit above ``index``, made a ``Division`` of the article's graph
    (with its code and its own parent, up to the province) unless the article names it."""
    parent = gaz.units[index].parent
    if parent < 0:
        return None
    key = _unit_key(gaz, parent)
    if key not in b.entities:
        unit = gaz.units[parent]
        b.entity("Division", unit.name, key=key, admin_code=unit.code, part_of=_parent_division(b, gaz, parent))
    return key


def _unit_key(gaz: gz.Gazetteer, index: int) -> str:
    unit = gaz.units[index]
    if unit.code:
        return identity.unit_key(unit.code)
    return identity.town_key(gaz.units[unit.parent].code, unit.name)


def _officials(b: Builder, tokens: dict[int, int]) -> None:
    text = b.clean.text
    found = find_officials(b.ctx, b.clean.reporters, tokens)
    found += find_named_before_title(b.ctx, b.clean.reporters, tokens)
    found += find_named_before_posts(b.ctx, b.clean.reporters, tokens)
    found += find_appointed(b.ctx, b.clean.reporters, tokens)
    found += find_officials_by_verb(b.ctx, b.clean.reporters, tokens, {o.name for o in found})
    # one span, one person: a later rule's name inside an earlier one's (万丰 in 江万丰同志) goes, and of two
    # hits of one name the one that gives posts stays (王明同志现任…: the verb's, not the honorific's)
    kept: list = []
    for o in found:
        same = next((i for i, p in enumerate(kept) if (p.start, p.end) == (o.start, o.end)), None)
        if same is not None and o.posts and not kept[same].posts:
            kept[same] = o
        elif same is not None and o.posts:  # 镇党委书记邱志远（兼任镇人大主席）: the posts of both
            labels = {p.label for p in kept[same].posts}
            kept[same] = replace(kept[same], posts=kept[same].posts + tuple(p for p in o.posts if p.label not in labels))
        elif not any(p.start < o.end and o.start < p.end for p in kept):
            kept.append(o)
    kept = whole_names(text, kept)
    # a university's or a school's post (南京农业大学经济管理学院副院长) is no cadre's: a scholar quoted
    # as an expert is no official (the guidelines' Official holds a party, government or village post)
    found = [o for o in kept if not o.posts or not all(_ACADEMIC.search(p.label) for p in o.posts)]
    # a title the article also gives the official with its unit (乡长 beside 杜堂乡乡长) is that post, or one of
    # a unit it does not name: not a post of its own
    held: dict[str, set[str]] = {}
    for o in found:
        held.setdefault(o.name, set()).update(p.label for p in o.posts)
    for o in found:
        national = next((identity.NATION for p in o.posts if identity.national(p.label)), None)
        context = national or _place(b, o.posts[0].org_locality if o.posts else None) or _place(b, b.ctx.actor)
        okey = b.official(o.name, context)
        if o.posts and o.posts[0].org_locality:
            b.seats.setdefault(o.name, o.posts[0].org_locality)
        b.mentions.append(Mention("Official", o.name, o.start, o.end, o.name, rule=o.rule, key=okey))
        for p in o.posts:
            if not p.org_locality and any(m != p.label and m.endswith(p.label) for m in held[o.name]):
                continue
            org_key = None
            if p.org:
                org_key = b.entity("Organization", p.org,
                                   key=identity.organization_key(p.org, _place(b, p.org_locality) or context, b.article.id),
                                   part_of=_loc_key_by_name(b, p.org_locality))
                # the organisation as written: the post's surface before its title (黄岩区委 of 黄岩区委书记)
                org_end = p.end - (len(p.label) - len(p.org))
                if p.start < org_end and p.label.endswith(text[org_end:p.end]):
                    b.mentions.append(Mention("Organization", p.org, p.start, org_end, text[p.start:org_end],
                                              rule=o.rule, key=org_key))
            alts = p.alt_labels
            pkey = b.entity("Post", p.label, alts, key=identity.post_key(p.label, _place(b, p.org_locality) or context, b.article.id),
                            post_in=org_key)
            b.mentions.append(Mention("Post", p.label, p.start, p.end, text[p.start:p.end], alts, o.rule, pkey))
            b.fact(okey, "holds", pkey, o.start, o.rule)


def _named_people(b: Builder, found: list[tuple[int, int, str]], rule: str) -> None:
    """Officials named without a post (listed leaders, members of a cadre group)."""
    for start, end, name in found:
        key = b.official(name, _place(b, b.ctx.actor))
        b.mentions.append(Mention("Official", name, start, end, name, rule=rule, key=key))


def _place(b: Builder, name: str | None) -> str | None:
    """What a locality's name scopes a key by (``kg.extract.identity``): the node the article makes of it
    (a unit it names, or a division above one), so that the posts and officials of two towns of one name
    stay apart, else the name."""
    return _loc_key_by_name(b, name, ("Locality", "Division")) or name


def _loc_key_by_name(b: Builder, name: str | None, classes: tuple[str, ...] = ("Locality",)) -> str | None:
    if not name:
        return None
    return next((e.key for e in b.entities.values() if e.cls in classes and e.label == name), None)
