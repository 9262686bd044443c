"""Extraction stage: a cleaned, segmented article -> entities and facts.

``extract(article, clean, doc)`` runs the recognisers (localities, officials and
posts, campaigns and measures, cadre groups) over the clean text, then the relation
rules: ``holds`` from apposition, ``launches``/``issues`` from the acting locality
(named in the sentence, or the article's own), ``targets`` from a group inside a
name or in the sentence of a targeting verb.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import gazetteer as gz
from ..nlp.pipeline import token_spans
from ..types import Article, CleanText, Entity, Evidence, Extraction, Fact, Mention
from .context import ArticleContext, build_context
from .groups import GroupHit, find_groups
from .initiatives import find_initiatives
from ..resources import table
from .people import find_group_members, find_listed_leaders, find_named_before_title, find_officials

if TYPE_CHECKING:
    from spacy.tokens import Doc

# an organisation standing for its locality: 县委, 区委组织部, 该市, 全县 (level word first)
_ORG_REF = re.compile(r"(?:该|全|我|本)?(省|市|州|县|区|旗|镇|乡)(委(?:组织部|宣传部|办|常委会)?|政府|纪委|党委)?(?:里)?")
# an organisation right after a locality's name: 宝应县委组织部, 黄岩区委, 福田镇党委
_ORG_SUFFIX = re.compile(r"委(?:组织部|宣传部|办公室|常委会)?|人民政府|政府|纪委|党委|党工委")


# sentence openers that refer back to the initiative just reported (活动中, 培训期间, 会上)
_ANAPHOR = re.compile(r"(?:此次|本次|该|这次)?(?:活动|培训|比赛|赛事|会议|讲座|仪式|课堂|擂台赛)?(?:中|期间|上|现场)[，,]|会上|活动现场|培训期间")
# what follows a cadre group that acts rather than is acted on (区领导领衔, 各县（区）委书记每年至少与)
_AGENT = re.compile(r".{0,2}?(?:领衔|带头|带队|牵头|挂帅|包联|每年|每半年|每季度)")


@dataclass(slots=True)
class _Builder:
    article: Article
    clean: CleanText
    ctx: ArticleContext
    entities: dict[str, Entity]
    facts: dict[tuple, Fact]
    mentions: list[Mention]
    officials: dict[str, str] = field(default_factory=dict)

    def entity(self, cls: str, label: str, alts=(), *, key: str | None = None, admin_code: str | None = None,
               part_of: str | None = None, post_in: str | None = None) -> str:
        """Add or extend the entity ``key`` (default ``cls|label``); returns its key."""
        key = key or f"{cls}|{label}"
        old = self.entities.get(key)
        if old is not None:  # a second mention: more names, attributes learnt earlier kept
            alts = (*alts, *old.alt_labels)
            admin_code, part_of, post_in = (old.admin_code or admin_code, old.part_of or part_of,
                                            old.post_in or post_in)
        self.entities[key] = Entity(cls=cls, key=key, label=label, alt_labels=tuple(sorted(set(alts) - {label})),
                                    admin_code=admin_code, part_of=part_of, post_in=post_in)
        return key

    def official(self, name: str, context: str) -> str:
        """One node per name within an article, keyed by the locality of its first post."""
        key = self.officials.setdefault(name, f"Official|{name}|{context}")
        return self.entity("Official", name, key=key)

    def fact(self, s: str, p: str, o: str, pos: int, confidence: float, extractor: str) -> None:
        if (s, p, o) in self.facts:
            return
        start, end = _sentence_at(self.clean.text, pos)
        ostart, oend = self.clean.original_span(start, end)
        sentence = self.article.text[ostart:oend]
        self.facts[(s, p, o)] = Fact(s, p, o, Evidence(self.article.id, sentence, ostart, oend, confidence, extractor))


def _sentence_at(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(c, 0, pos) for c in "。！？；\n") + 1
    ends = [i for i in (text.find(c, pos) for c in "。！？；\n") if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    if end < len(text) and text[end] in "”’）":
        end += 1
    while end > start and text[end - 1] == "\n":
        end -= 1
    return start, max(end, start + 1)


@dataclass(frozen=True, slots=True)
class TextReading:
    """What the recognisers find in the clean text alone, without the segmenter's tokens: the
    article's localities and the units it is about, and its cadre groups (``read``). A build may
    read an article in another process than the one that segments it (``kg.build``)."""

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
    _named_people(b, find_listed_leaders(text, clean.reporters, tokens))
    initiatives = find_initiatives(text, tokens)
    taken = [(h.start, h.end) for h in initiatives]
    group_hits = []
    for g in groups:
        key = b.entity("CadreGroup", g.label, g.alt_labels)
        b.mentions.append(Mention("CadreGroup", g.label, g.start, g.end, text[g.start:g.end]))
        group_hits.append((g, key))
    _named_people(b, find_group_members(text, [(g.start, g.end) for g in groups], clean.reporters, tokens))
    keys = []
    for h in initiatives:
        actor, explicit, org = _actor(b, h.start, loc_keys, taken)
        # the same name issued by two localities is two initiatives (each county's 容错纠错机制)
        issuer = b.entities[actor].label if actor else ""
        key = b.entity(h.cls, h.label, (*h.alt_labels, *_inner_forms(b.ctx, h)), key=f"{h.cls}|{h.label}|{issuer}")
        keys.append(key)
        b.mentions.append(Mention(h.cls, h.label, h.start, h.end, text[h.start:h.end], h.alt_labels))
        if org:  # 宝应县委组织部印发…: the organisation acting for its locality
            label, surface = org
            b.entity("Organization", label, (surface,), key=f"Organization|{label}|{issuer}", part_of=actor)
        if actor:
            b.fact(actor, "launches" if h.cls == "Campaign" else "issues", key, h.start,
                   0.85 if explicit else 0.6, "agent-in-sentence" if explicit else "article-locality")
    _targets(b, list(zip(initiatives, keys)), group_hits)
    return Extraction(article=article, clean=clean, entities=tuple(b.entities.values()),
                      facts=tuple(b.facts.values()), mentions=tuple(b.mentions))


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
    return [_strip_quotes(name) for name in out]


def _strip_quotes(name: str) -> str:
    return re.sub(r"[“”‘’\s]", "", name)


def _targets(b: _Builder, initiatives: list, groups: list) -> None:
    """``targets``: a group named inside an initiative's name (乡镇党政正职谈心谈话制度); a
    group in a sentence with a targeting verb, linked to the initiatives of its clause
    and the nearest one of its sentence; else to the last initiative of its paragraph.
    A group that acts (由挂点领导组成, 区领导领衔) is not a target."""
    text = b.clean.text
    target_verbs = table("verbs")["target"]
    spans = [(h.start, h.end) for h, _ in initiatives]
    for g, gkey in groups:
        owner = next(((h, k) for h, k in initiatives if h.start <= g.start and g.end <= h.end), None)
        if owner:
            b.fact(owner[1], "targets", gkey, owner[0].start, 0.8, "group-in-name")
            continue
        owner = next(((h, k) for h, k in initiatives if h.start in (g.end, g.end + 1)), None)
        if owner:  # 年轻干部“凤驰计划”: the group names whom the initiative is for
            b.fact(owner[1], "targets", gkey, owner[0].start, 0.7, "group-before-name")
            continue
        c0, c1 = _clause_at(text, g.start)
        if (any(s <= g.start < e for s, e in spans) or _AGENT.match(text, g.end)
                or ("由" in text[c0:g.start] and "组成" in text[g.end:c1])):
            continue
        s0, s1 = _sentence_at(text, g.start)
        if not any(v in text[s0:s1] for v in target_verbs):
            continue
        in_sentence = [(h, k) for h, k in initiatives if s0 <= h.start < s1]
        if in_sentence:
            _, start, key = min((min(abs(g.start - h.end), abs(h.start - g.end)), h.start, k) for h, k in in_sentence)
            b.fact(key, "targets", gkey, start, 0.5, "group-in-sentence")
            continue
        before = [(h, k) for h, k in initiatives if h.start < s0]
        if before and _ANAPHOR.match(text, s0):  # 活动中，池店镇机关年轻干部…: the last initiative
            b.fact(before[-1][1], "targets", gkey, before[-1][0].start, 0.4, "group-after-anaphor")


def _clause_at(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(c, 0, pos) for c in "，。；：！？\n") + 1
    ends = [i for i in (text.find(c, pos) for c in "，。；：！？\n") if i >= 0]
    return start, min(ends) if ends else len(text)


def _localities(b: _Builder) -> dict[str, str]:
    """Locality entities (with code and parent) for every hit; returns name -> key."""
    gaz = gz.load()
    keys: dict[str, str] = {}
    named = {h.name for h in b.ctx.localities}
    for h in b.ctx.localities:
        surface = b.clean.text[h.start:h.end]
        if h.unit >= 0:
            unit = gaz.units[h.unit]
            parent = next((a for a in gaz.chain(h.unit)[1:] if gaz.units[a].name in named), None)
            parent_key = _unit_key(gaz, parent) if parent is not None else None
            key = b.entity("Locality", unit.name, (surface,), key=_unit_key(gaz, h.unit),
                           admin_code=unit.code, part_of=parent_key)
        else:
            parent_key = keys.get(h.parent_name) if h.parent_name else None
            key = b.entity("Locality", h.name, (surface,), key=f"Locality|{h.name}|{parent_key or b.ctx.actor}",
                           part_of=parent_key)
        keys.setdefault(h.name, key)
        b.mentions.append(Mention("Locality", h.name, h.start, h.end, surface))
    return keys


def _unit_key(gaz: gz.Gazetteer, index: int) -> str:
    unit = gaz.units[index]
    if unit.code:
        return f"Locality|{unit.code}"
    parent = gaz.units[unit.parent]
    return f"Locality|{parent.code}|{unit.name}"


def _officials(b: _Builder, tokens: dict[int, int]) -> None:
    text = b.clean.text
    found = find_officials(b.ctx, b.clean.reporters, tokens)
    found += find_named_before_title(b.ctx, b.clean.reporters, tokens)
    for o in found:
        context = (o.posts[0].org_locality if o.posts else None) or b.ctx.actor or ""
        okey = b.official(o.name, context)
        b.mentions.append(Mention("Official", o.name, o.start, o.end, o.name))
        for p in o.posts:
            org_key = None
            if p.org:
                org_key = b.entity("Organization", p.org, key=f"Organization|{p.org}|{p.org_locality or context}",
                                   part_of=_loc_key_by_name(b, p.org_locality))
            alts = p.alt_labels
            pkey = b.entity("Post", p.label, alts, key=f"Post|{p.label}|{p.org_locality or context}", post_in=org_key)
            b.mentions.append(Mention("Post", p.label, p.start, p.end, text[p.start:p.end], alts))
            b.fact(okey, "holds", pkey, o.start, 0.9, o.rule)


def _named_people(b: _Builder, found: list[tuple[int, int, str]]) -> None:
    """Officials named without a post (listed leaders, members of a cadre group)."""
    for start, end, name in found:
        b.official(name, b.ctx.actor or "")
        b.mentions.append(Mention("Official", name, start, end, name))


def _loc_key_by_name(b: _Builder, name: str | None) -> str | None:
    if not name:
        return None
    return next((e.key for e in b.entities.values() if e.cls == "Locality" and e.label == name), None)


def _actor(b: _Builder, pos: int, loc_keys: dict[str, str],
           names: list[tuple[int, int]]) -> tuple[str | None, bool, tuple[str, str] | None]:
    """The locality acting on an initiative at ``pos``, whether the text names it, and
    the organisation standing for it (label, surface) where one is named: a locality the
    initiative's name begins with or holds (山西省新任农村第一书记示范培训班), else the
    nearest locality or organisation before it in its sentence (宝应县委组织部, 县委, 省里),
    else the article's locality."""
    text = b.clean.text
    span = next(((s, e) for s, e in names if s == pos), (pos, pos))
    inside = [h for h in b.ctx.localities if span[0] <= h.start < span[1] and h.level <= gz.TOWN]
    while len(inside) > 1 and inside[1].start == inside[0].end:
        inside.pop(0)  # 博罗县福田镇…擂台赛: the innermost unit of a leading chain acts
    if inside and inside[0].name in loc_keys:
        return loc_keys[inside[0].name], True, None
    s0, _ = _sentence_at(text, pos)
    best = None  # (position, locality name, organisation surface or "")
    # a locality named inside a post or an initiative (高公岛街道办事处主任) is not the agent
    held = names + [(m.start, m.end) for m in b.mentions if m.cls == "Post"]
    for h in b.ctx.localities:
        if s0 <= h.start < pos and gz.CITY <= h.level <= gz.TOWN and not any(s <= h.start < e for s, e in held):
            suffix = _ORG_SUFFIX.match(text, h.end)
            best = (h.start, h.name, text[h.start:suffix.end()] if suffix else "")
    for m in _ORG_REF.finditer(text, s0, pos):
        if text[m.start() - 1:m.start()] == "在" and m.group(0).startswith("全"):
            continue  # 在全省首推: a scope, not an agent
        if m.group(0) != m.group(1) or m.group(0) in ("县", "市", "区"):
            unit = b.ctx.unit_for(m.group(1))
            if unit and (best is None or m.start() > best[0]) and len(m.group(0)) > 1:
                best = (m.start(), unit, m.group(0) if m.group(2) else "")
    if best and best[1] in loc_keys:
        _, unit, surface = best
        org = None
        if surface:
            tail = surface[len(surface) - len(_ORG_SUFFIX.search(surface).group()):]
            org = (unit + tail, surface)
        return loc_keys[unit], True, org
    if b.ctx.actor and b.ctx.actor in loc_keys:
        return loc_keys[b.ctx.actor], False, None
    return None, False, None
