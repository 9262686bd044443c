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
- ``targets``: the rules of ``targets`` (which groups an initiative is aimed at).
- ``subjects``: the types of each initiative (容错纠错, 考核评价 …) by cue words in its name and sentences.
- ``scoring``: each rule's measured confidence (``resources/models/confidence.json``).
- ``identity``: one key function per class: when two mentions are one node.
- ``spans``: where sentences and clauses begin and end, the one way every rule cuts text.

This module holds the relation rules: ``holds`` from the people rules, ``launches``/``issues``
from the acting locality (in the initiative's name, its sentence, its paragraph, else the one
the article's lead makes the subject of an act; with the units written coordinated with it; none
where the text makes the act a visitor's, a venue's, the centre's or another's), ``targets`` from grammar (a group in or right before a name, by a targeting verb,
after 活动中). Every fact names its rule (``kg:extractor``) and has its rule's measured confidence.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, NamedTuple

from ..types import Article, CleanText, Entity, Evidence, Extraction, Fact, Mention
from . import gazetteer as gz
from . import identity
from .context import ArticleContext, build_context
from .groups import GroupHit, find_groups
from .initiatives import find_initiatives, governing_verbs
from .people import (find_group_members, find_listed_leaders, find_named_before_title, find_officials,
                     find_officials_by_verb)
from .scoring import rule_confidence
from .spans import CLAUSE, SENTENCE, span_of, unquoted
from .subjects import find_subjects
from .targets import Span, find_targets

if TYPE_CHECKING:
    from spacy.tokens import Doc

# an organisation standing for its locality: 县委, 区委组织部, 该市, 全县 (level word first)
_ORG_REF = re.compile(r"(?:该|全|我|本)?(省|市|州|县|区|旗|镇|乡)(委(?:组织部|宣传部|办|常委会)?|政府|纪委|党委)?(?:里)?")
# the centre or the whole country acting (中共中央办公厅印发, 在全国范围内开展, 党中央部署)
_CENTRAL = re.compile(r"中共中央|党中央|中央(?:办公厅|组织部|军委|全面|决定|部署|印发|出台)|国务院|中办|国办|全国范围|在全国")
# a document or campaign of the centre, which a locality cites, applies or takes part in but does not
# issue or launch (中国共产党…条例, 党史学习教育中央宣讲团宣讲, 全国…行动)
_CENTRAL_DOCUMENT = re.compile(r"中国共产党|中共中央|国务院|中华人民共和国|全国|.{0,12}中央")
# an organisation right after a locality's name: 宝应县委组织部, 黄岩区委, 福田镇党委
_ORG_SUFFIX = re.compile(r"委(?:组织部|宣传部|办公室|常委会)?|人民政府|政府|纪委|党委|党工委")


# a verb by which someone takes part in an initiative (他参加农村党员大培训) or fits its work to one
# (再结合“不忘初心”主题教育活动): no act of a locality
_JOINS = re.compile(r"(?:参加|参与|参训|加入|报名参加|结合)(?:了|到)?“?$")
# an initiative whose experience is learnt (学习运用“千万工程”经验): another's, the learner's no act
_LEARNT = re.compile(r"[”’]?经验")


class _Units:
    """Locality hits by start and end, and the hit a position falls in (by bisection): the relation
    rules ask these for every initiative and organisation they weigh."""

    def __init__(self, hits) -> None:
        self.hits = sorted(hits, key=lambda h: h.start)
        self.starts = [h.start for h in self.hits]
        self.by_start = {h.start: h for h in reversed(self.hits)}
        self.by_end = {h.end: h for h in reversed(self.hits)}

    def at(self, pos: int):
        i = bisect_right(self.starts, pos) - 1
        return self.hits[i] if i >= 0 and pos < self.hits[i].end else None


@dataclass(slots=True)
class _Builder:
    article: Article
    clean: CleanText
    ctx: ArticleContext
    entities: dict[str, Entity]
    facts: dict[tuple, Fact]
    mentions: list[Mention]
    officials: dict[str, str] = field(default_factory=dict)
    lead: tuple[str | None] | None = None  # (the lead's agent,) once found: ``_lead_agent``
    _units: _Units | None = None

    @property
    def units(self) -> _Units:
        """The article's locality hits indexed by where they begin and end."""
        if self._units is None:
            self._units = _Units(self.ctx.localities)
        return self._units

    def entity(self, cls: str, label: str, alts=(), *, key: str, admin_code: str | None = None,
               part_of: str | None = None, post_in: str | None = None) -> str:
        """Add or extend the entity ``key`` (``kg.extract.identity``); returns its key."""
        old = self.entities.get(key)
        if old is not None:  # a second mention: more names, attributes learnt earlier kept
            alts = (*alts, *old.alt_labels)
            admin_code, part_of, post_in = (old.admin_code or admin_code, old.part_of or part_of,
                                            old.post_in or post_in)
        self.entities[key] = Entity(cls=cls, key=key, label=label, alt_labels=tuple(sorted(set(alts) - {label})),
                                    admin_code=admin_code, part_of=part_of, post_in=post_in)
        return key

    def official(self, name: str, locality: str | None) -> str:
        """One node per name within an article, keyed by the locality of its first post."""
        key = self.officials.setdefault(name, identity.official_key(name, locality, self.article.id))
        return self.entity("Official", name, key=key)

    def fact(self, s: str, p: str, o: str, pos: int, extractor: str) -> None:
        """The fact ``s p o`` with its evidence at ``pos`` and the measured precision of its rule as its
        confidence (``resources/models/confidence.json``)."""
        if (s, p, o) in self.facts:
            return
        confidence = rule_confidence(p, extractor)
        start, end = _sentence_at(self.clean.text, pos)
        ostart, oend = self.clean.original_span(start, end)
        sentence = self.article.text[ostart:oend]
        self.facts[(s, p, o)] = Fact(s, p, o, Evidence(self.article.id, sentence, ostart, oend, confidence, extractor))


#: the longest evidence kept: a sentence longer than this (a text without punctuation) is cut to
#: the clause at the fact, then to a window around it, so one article cannot fill the outputs
MAX_EVIDENCE = 400


def _sentence_at(text: str, pos: int) -> tuple[int, int]:
    start, end = span_of(text, pos, SENTENCE)
    end = end + 1 if end < len(text) else end
    if end < len(text) and text[end] in "”’）":
        end += 1
    while end > start and text[end - 1] == "\n":
        end -= 1
    if end - start > MAX_EVIDENCE:
        start, end = span_of(text, pos, CLAUSE)
        if end - start > MAX_EVIDENCE:
            start = max(start, pos - MAX_EVIDENCE // 2)
            end = min(end, start + MAX_EVIDENCE)
    return start, max(end, start + 1)


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
    b = _Builder(article, clean, ctx, {}, {}, [])
    loc_keys = _localities(b)
    _officials(b, tokens)
    _named_people(b, find_listed_leaders(text, clean.reporters, tokens), "listed-leader")
    initiatives = find_initiatives(text, tokens)
    taken = [(h.start, h.end) for h in initiatives]
    group_hits = []
    for g in groups:
        key = b.entity("CadreGroup", g.label, g.alt_labels, key=identity.group_key(g.label))
        b.mentions.append(Mention("CadreGroup", g.label, g.start, g.end, text[g.start:g.end], rule=g.rule, key=key))
        group_hits.append((g, key))
    _named_people(b, find_group_members(text, [(g.start, g.end) for g in groups], clean.reporters, tokens),
                  "group-member")
    keys = []
    acts = [_actor(b, h.start, loc_keys, taken) for h in initiatives]
    names = _one_name_each(initiatives)
    # one node per initiative of the article: keyed by the first locality acting on it anywhere in
    # the article (the same name issued by two articles' localities is two initiatives: each
    # county's 容错纠错机制)
    issuers: dict[str, str | None] = {}
    for h, act in zip(initiatives, acts):
        if issuers.get(names[h.label]) is None:
            issuers[names[h.label]] = b.entities[act.actor].label if act.actor else None
    # an initiative whose experience the article has someone learn is another's, wherever it is named
    learnt = {names[h.label] for h in initiatives if _LEARNT.match(text, h.end)}
    for h, (actor, rule, org, partners) in zip(initiatives, acts):
        name = names[h.label]
        key = b.entity(h.cls, name, (h.label, *h.alt_labels, *_inner_forms(b.ctx, h)),
                       key=identity.initiative_key(h.cls, name, issuers[name], article.id))
        keys.append(key)
        b.mentions.append(Mention(h.cls, name, h.start, h.end, text[h.start:h.end], h.alt_labels, h.rule, key))
        if org:  # 宝应县委组织部印发…: the organisation acting for its locality
            org_label, surface, at = org
            issuer = b.entities[actor].label
            org_key = b.entity("Organization", org_label, (surface,),
                               key=identity.organization_key(org_label, issuer, article.id), part_of=actor)
            b.mentions.append(Mention("Organization", org_label, at, at + len(surface), surface, rule=rule, key=org_key))
        if (actor and not _JOINS.search(text, max(0, h.start - 5), h.start) and name not in learnt
                and not _CENTRAL_DOCUMENT.match(h.label)):
            for subject in (*partners, actor):
                b.fact(subject, "launches" if h.cls == "Campaign" else "issues", key, h.start, rule)
    _targets(b, list(zip(initiatives, keys)), group_hits)
    _subjects(b, list(zip(initiatives, keys)))
    return Extraction(article=article, clean=clean, entities=tuple(b.entities.values()),
                      facts=tuple(b.facts.values()), mentions=tuple(b.mentions))


# a type word an initiative's name is written with and without (擂台比武, 擂台比武活动)
_OPTIONAL_TYPE = ("活动", "行动")


def _one_name_each(initiatives) -> dict[str, str]:
    """Each label of the article's initiatives -> the name of its node: the fullest form the article
    writes it in: with its type word (擂台比武 -> 擂台比武活动), and a short form that ends a longer
    name of the same class (擂台比武活动 -> 乡村振兴擂台比武活动) where only one longer name ends so."""
    labels = {h.label for h in initiatives}
    cls = {h.label: h.cls for h in initiatives}
    typed = {label: next((label + t for t in _OPTIONAL_TYPE if label + t in labels), label) for label in labels}
    out = {}
    for label, name in typed.items():
        longer = {other for other in set(typed.values()) if other != name and other.endswith(name)
                  and cls.get(other, cls[label]) == cls[label]}
        out[label] = longer.pop() if len(name) >= 4 and len(longer) == 1 else name
    return out


def _inner_forms(ctx: ArticleContext, h) -> list[str]:
    """A name that begins with nested localities, without the outer ones
    (博罗县福田镇2022年…擂台赛 -> 福田镇2022年…擂台赛)."""
    chain = [loc for loc in ctx.localities if h.start <= loc.start < h.end]
    out, pos = [], h.start
    for loc in chain:
        if loc.start != pos:
            break
        pos = loc.end
        if pos < h.end and loc is not chain[0]:
            out.append(ctx.text[loc.start:h.end])
    return [unquoted(name) for name in out]


def _targets(b: _Builder, initiatives: list, groups: list) -> None:
    """``targets`` by the rules of ``kg.extract.targets``, each fact named after its rule."""
    for t in find_targets(b.clean.text, [Span(k, h.label, h.start, h.end) for h, k in initiatives],
                          [Span(k, g.label, g.start, g.end) for g, k in groups]):
        b.fact(t.initiative, "targets", t.group, t.pos, t.rule)


def _subjects(b: _Builder, initiatives: list) -> None:
    """Each initiative's types (``kg.extract.subjects``), from all its names and mentions."""
    found = find_subjects(b.clean.text, [Span(k, h.label, h.start, h.end) for h, k in initiatives],
                          {k: (b.entities[k].label, *b.entities[k].alt_labels) for _, k in initiatives})
    for key, hits in found.items():
        b.entities[key] = replace(b.entities[key], subjects=tuple(h.concept for h in hits))


def _localities(b: _Builder) -> dict[str, str]:
    """Locality entities (with code and parent) for every hit; returns name -> key."""
    gaz = gz.load()
    keys: dict[str, str] = {}
    named = {h.name for h in b.ctx.localities}
    # units the gazetteer knows first: a unit also found by pattern elsewhere in the article is the same node
    for h in sorted(b.ctx.localities, key=lambda h: (h.unit < 0, h.start)):
        surface = b.clean.text[h.start:h.end]
        if h.unit < 0 and h.name in keys:
            key = b.entity("Locality", h.name, (surface,), key=keys[h.name])
        elif h.unit >= 0:
            unit = gaz.units[h.unit]
            # the hierarchy of a unit the gazetteer knows by that name alone, or placed by a unit
            # above it that the article names (not of a guess among several 新华镇)
            placed = len(gaz.by_name.get(unit.name, ())) == 1 or any(
                gaz.units[a].name in named for a in gaz.chain(h.unit)[1:])
            key = b.entity("Locality", unit.name, (surface,), key=_unit_key(gaz, h.unit), admin_code=unit.code,
                           part_of=_parent_division(b, gaz, h.unit) if placed else None)
        else:
            parent_key = keys.get(h.parent_name) if h.parent_name else None
            key = b.entity("Locality", h.name, (surface,),
                           key=identity.pattern_unit_key(h.name, parent_key or b.ctx.actor, b.article.id),
                           part_of=parent_key)
        keys.setdefault(h.name, key)
        b.mentions.append(Mention("Locality", h.name, h.start, h.end, surface, rule=h.rule, key=key))
    return keys


def _parent_division(b: _Builder, gaz: gz.Gazetteer, index: int) -> str | None:
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


def _officials(b: _Builder, tokens: dict[int, int]) -> None:
    text = b.clean.text
    found = find_officials(b.ctx, b.clean.reporters, tokens)
    found += find_named_before_title(b.ctx, b.clean.reporters, tokens)
    found += find_officials_by_verb(b.ctx, b.clean.reporters, tokens, {o.name for o in found})
    # one span, one person: a later rule's name inside an earlier one's (万丰 in 江万丰同志) goes
    found = [o for i, o in enumerate(found) if not any(p.start < o.end and o.start < p.end for p in found[:i])]
    for o in found:
        national = next((identity.NATION for p in o.posts if identity.national(p.label)), None)
        context = national or (o.posts[0].org_locality if o.posts else None) or b.ctx.actor
        okey = b.official(o.name, context)
        b.mentions.append(Mention("Official", o.name, o.start, o.end, o.name, rule=o.rule, key=okey))
        for p in o.posts:
            org_key = None
            if p.org:
                org_key = b.entity("Organization", p.org,
                                   key=identity.organization_key(p.org, p.org_locality or context, b.article.id),
                                   part_of=_loc_key_by_name(b, p.org_locality))
                # the organisation as written: the post's surface before its title (黄岩区委 of 黄岩区委书记)
                org_end = p.end - (len(p.label) - len(p.org))
                if p.start < org_end and p.label.endswith(text[org_end:p.end]):
                    b.mentions.append(Mention("Organization", p.org, p.start, org_end, text[p.start:org_end],
                                              rule=o.rule, key=org_key))
            alts = p.alt_labels
            pkey = b.entity("Post", p.label, alts, key=identity.post_key(p.label, p.org_locality or context, b.article.id),
                            post_in=org_key)
            b.mentions.append(Mention("Post", p.label, p.start, p.end, text[p.start:p.end], alts, o.rule, pkey))
            b.fact(okey, "holds", pkey, o.start, o.rule)


def _named_people(b: _Builder, found: list[tuple[int, int, str]], rule: str) -> None:
    """Officials named without a post (listed leaders, members of a cadre group)."""
    for start, end, name in found:
        key = b.official(name, b.ctx.actor)
        b.mentions.append(Mention("Official", name, start, end, name, rule=rule, key=key))


def _loc_key_by_name(b: _Builder, name: str | None) -> str | None:
    if not name:
        return None
    return next((e.key for e in b.entities.values() if e.cls == "Locality" and e.label == name), None)


class _Act(NamedTuple):
    """Who acts on an initiative: the locality's key (None: nobody the text supports), the rule that
    found it, the organisation standing for it (label, surface, where it is written), and the
    localities written coordinated with it as one subject (青浦区、吴江区、嘉善县签署…)."""

    actor: str | None
    rule: str = ""
    org: tuple[str, str, int] | None = None
    partners: tuple[str, ...] = ()


_NOBODY = _Act(None)
# someone's words opening a paragraph: a quotation with a pause in it (a name has none)
_SPEECH = re.compile(r"“[^”\n]*?[，。；！？]")
# what a name may begin with before the locality it begins with: its marks, its party (“黄岩…”, 《中共台州市…》)
_NAME_HEAD = re.compile(r"[“《「]*(?:中共)?")


def _actor(b: _Builder, pos: int, loc_keys: dict[str, str], names: list[tuple[int, int]]) -> _Act:
    """The locality acting on an initiative at ``pos``: a locality the initiative's name begins
    with (山西省新任农村第一书记示范培训班), else the nearest locality or organisation before it in
    its sentence (宝应县委组织部, 县委, 省里), else a locality inside the name, else the agent of its
    paragraph, else the article's lead agent (``_lead_agent``), where neither names a committee it
    cannot place or the centre, and the clause after the name does not make it the whole country's."""
    text = b.clean.text
    span = next(((s, e) for s, e in names if s == pos), (pos, pos))
    if _CENTRAL.search(text, span[1], span_of(text, span[1], CLAUSE)[1]):
        return _NOBODY  # “减负行动”在全国范围内展开: a campaign of the whole country
    # a unit down to a town anywhere in the name, a village where the name begins with it
    first = _NAME_HEAD.match(text, span[0]).end()
    inside = [h for h in b.ctx.localities if span[0] <= h.start < span[1]
              and (h.level <= gz.TOWN or h.start == first)]
    while len(inside) > 1 and inside[1].start == inside[0].end:
        inside.pop(0)  # 博罗县福田镇…擂台赛: the innermost unit of a leading chain acts
    if inside and inside[0].name in loc_keys and _chain_start(b, inside[0]) <= first:
        return _Act(loc_keys[inside[0].name], "locality-in-name")
    s0, _ = _sentence_at(text, pos)
    # a locality named inside a post or an initiative (高公岛街道办事处主任) is not the agent
    held = names + [(m.start, m.end) for m in b.mentions if m.cls == "Post"]
    best, unnamed = _agent_before(b, s0, pos, held, names)
    if best and best[1] in loc_keys:
        _, unit, surface = best
        org = None
        if surface:
            tail = surface[len(surface) - len(_ORG_SUFFIX.search(surface).group()):]
            org = (unit + tail, surface, best[0])
        return _Act(loc_keys[unit], "agent-in-sentence", org, _partners(b, s0, best[0], loc_keys))
    if unnamed or best:
        return _NOBODY
    if inside and inside[0].name in loc_keys:
        # 《激励全省干部在辽宁全面振兴…若干措施》 where its sentence names no other agent (not
        # 《关于服务强产业、兴城市…措施》 issued by the organisation before it)
        return _Act(loc_keys[inside[0].name], "locality-in-name")
    p0 = text.rfind("\n", 0, s0) + 1
    if p0 < s0:  # the paragraph's agent, where the sentence names none
        best, _ = _agent_before(b, p0, s0, held, names)
        if best and best[1] in loc_keys:
            return _Act(loc_keys[best[1]], "agent-in-paragraph")
    if _SPEECH.match(text, p0):
        return _NOBODY  # a paragraph of someone's words: the speaker's unit acts, not the article's lead
    lead = _lead_agent(b, held)
    if lead is not None and lead in loc_keys:
        return _Act(loc_keys[lead], "agent-of-lead")
    return _NOBODY


def _chain_start(b: _Builder, hit) -> int:
    """Where the run of units written together that ends with ``hit`` begins (博罗县福田镇)."""
    start = hit.start
    while (prev := b.units.by_end.get(start)) is not None:
        start = prev.start
    return start


# what joins the units of one subject (青浦区、吴江区和嘉善县; 青浦区与吴江区; 青浦区联合吴江区)
_COORDINATION = frozenset("、和与及同")
_JOINED = re.compile(r"(?:[、和与及同]|联合|会同)$")


def _partners(b: _Builder, start: int, pos: int, loc_keys: dict[str, str]) -> tuple[str, ...]:
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


def _lead_agent(b: _Builder, held: list[tuple[int, int]]) -> str | None:
    """The locality the article's lead makes the subject of an act: the first one (city to village,
    no dateline or outlet, not inside a post or a name) that a launch or issue verb follows in its
    clause. Where an act's sentence and paragraph name no actor, the article goes on about it."""
    if b.lead is None:
        b.lead = (_first_agent(b, held),)
    return b.lead[0]


def _first_agent(b: _Builder, held: list[tuple[int, int]]) -> str | None:
    text = b.clean.text
    verb_re, _ = governing_verbs()
    candidates = []
    for chain in _chains(b, 0, len(text), (gz.CITY, gz.VILLAGE), held):
        head, last = chain[0], chain[-1]
        if not _venue(text, head.start):  # 在苏州市吴江区举行: where it happened, not who acted
            candidates.append((last.start, last.end, last.name))
    # the writer's own unit or the one the article is about (我州在州委党校举办了…, 该县实施…)
    for m in _SELF_REF.finditer(text):
        if unit := b.ctx.unit_for(m.group(1)):
            candidates.append((m.start(), m.end(), unit))
    for start, end, unit in sorted(candidates):
        if verb_re.search(text, end, min(span_of(text, start, CLAUSE)[1], end + 30)):
            return unit
    return None


_SELF_REF = re.compile(r"(?:我|该|本)(省|市|州|县|区|旗|镇|乡)(?![级内外直属])")


def _chains(b: _Builder, start: int, end: int, levels: tuple[int, int],
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


# what makes a locality the place of an act, not its agent (在, 于), and the place someone comes to
# or inspects (赴, 到, 走进, 考察): the visitor acts there, not the place
_VENUE = re.compile(r"[在于赴到]$|走进$|来到$")
_VISIT = re.compile(r"[赴到]$|走进$|来到$|考察$|视察$")
# an event a venue holds (在明溪县举行的…擂台赛): its host is not said to be the venue
_HELD_THERE = re.compile(r"举行|举办|召开|开班|开幕|开赛")


def _venue(text: str, pos: int, marks: re.Pattern = _VENUE) -> bool:
    return marks.search(text, max(0, pos - 2), pos) is not None


# a decision, requirement or spirit of an organisation (省委关于…的部署), which a subject carries out
_DECISION = re.compile(r"关于[^。；！？\n]{2,60}?的(?:部署|精神|要求|决定|安排|号召|意见|指示)")
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


def _agent_before(b: _Builder, start: int, end: int, held: list[tuple[int, int]],
                  names: list[tuple[int, int]]) -> tuple[tuple[int, str, str] | None, bool]:
    """The last locality or organisation in ``text[start:end]`` (position, locality name,
    organisation surface or ""), and whether a committee is named there whose locality the
    article does not name (省委决定实施…: the province acts, not the article's county), or a visitor
    to a unit (市农业农村局到镇坪调研: the unit a visit goes to is no agent), or an event held at a
    unit (在明溪县举行的…: the venue is not said to host it)."""
    text = b.clean.text
    best = None
    unnamed = -1
    visited_end = -1  # where the last unit visited ends: units coordinated with it are visited too (到A镇、B镇调研)
    for chain in _chains(b, start, end, (gz.PROVINCE, gz.TOWN), held):
        h = chain[-1]
        suffix = _ORG_SUFFIX.match(text, h.end)
        if not suffix and (_venue(text, chain[0].start, _VISIT)
                           or _venue(text, chain[0].start) and _HELD_THERE.match(text, h.end)
                           or chain[0].start == visited_end + 1 and text[visited_end] in _COORDINATION):
            unnamed, visited_end = max(unnamed, chain[0].start), h.end
        elif not _owns_another(text, suffix.end() if suffix else h.end, end, names):
            best = (h.start, h.name, text[h.start:suffix.end()] if suffix else "")
    for m in _ORG_REF.finditer(text, start, end):
        if text[m.start() - 1:m.start()] == "在" and m.group(0).startswith("全"):
            continue  # 在全省首推: a scope, not an agent
        if m.group(0) != m.group(1) or m.group(0) in ("县", "市", "区"):
            # the level word that ends a unit's name (市委 of 赣州市委, 省委 of 江苏省委): that unit
            named = b.units.at(m.start())
            named = named if named is not None and named.unit >= 0 else None
            if named and best and best[0] == named.start or _owns_another(text, m.end(), end, names):
                continue  # the agent already found by its name (路桥区委), or the owner of another name
            unit = named.name if named else b.ctx.unit_for(m.group(1))
            if unit and (best is None or m.start() > best[0]) and len(m.group(0)) > 1:
                best = (m.start(), unit, m.group(0) if m.group(2) else "")
            elif not unit and m.group(2):
                unnamed = m.start()
    for m in _CENTRAL.finditer(text, start, end):  # 中共中央办公厅印发…, 在全国范围内开展…: no locality's act
        unnamed = max(unnamed, m.start())
    if best and unnamed > best[0]:
        return None, True
    return best, unnamed >= 0 and best is None
