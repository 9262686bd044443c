"""A trained scorer for ``targets``, measured out of fold against the hand rules.

    .venv/bin/python training/targets.py [--shared DIR]

Every article of ``benchmarks/dev_split.tsv`` is read, cleaned, segmented and extracted as
``kg build`` does. Its candidate (initiative, cadre group) pairs are generated generously: every
initiative with every group the article names (so every pair of a paragraph, of the title, and
every pair a hand rule of ``kg.extract.targets`` finds). A candidate is right when the article's
gold holds a ``targets`` triple whose names meet both sides' names, as ``training/calibrate.py``
matches them. Each candidate is described by features that carry to unseen articles by
construction: which rule holds, how far apart the two are, classes of cue words between them and
in the group's sentence, the initiative's type word as a class, how the group's qualifiers meet the
initiative's name, how many initiatives and groups the article has — never a name or a word of
one article.

Models are measured by 5-fold cross-validation grouped by article (a fixed seed): each fold's
articles are scored by a model trained on the other folds, with its regularisation and its
threshold chosen by an inner cross-validation of those folds alone. The script prints the
recall ceiling of the candidates and precision, recall and F1 of the rules and of each model, on
all articles and on each half. The rules stay what kg runs: no model beat them by enough
(``kg/extract/targets.py``).
"""
from __future__ import annotations

import argparse
import math
import random
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "training"))

from calibrate import annotated, norm  # noqa: E402

from kg.extract.spans import CLAUSE, SENTENCE, span_of  # noqa: E402
from kg.extract.targets import _AGENT, _ANAPHOR, Span, find_targets  # noqa: E402
from kg.resources import table  # noqa: E402

FOLDS = 5
SEED = 26
RULES = ("group-in-name", "group-before-name", "group-composes", "group-takes-part", "group-by-verb",
         "group-after-anaphor", "group-of-article")
#: cue words by class: the class is the feature, never the word
CUES = {
    "aim": "面向 针对 聚焦 瞄准 专门 专项",  # whom an initiative is for
    "for": "对 为 给 向 帮助 让",  # the one who benefits or is acted on
    "enrol": "参加 参与 参训 选派 选拔 选调 培训 培养 学员 组织 报名 入选 纳入 覆盖 推荐",  # taken into it
    "back": "该 此 这 上述 活动中 期间 会上 其中",  # referring back to the initiative just reported
}
#: the initiative's type word (its name's ending) by kind
TYPES = {
    "training": "培训班 训练营 夜校 课堂 讲堂 学堂 研修班 培训 学院 研学活动 读书会",
    "plan": "计划 方案 规划 三年行动",
    "mechanism": "机制 制度 体系 办法 管理 积分制 负责制 协商制 清单 档案 信息库",
    "project": "工程",
    "contest": "比武 竞赛 擂台 擂台赛 比拼 评选 练兵 拉练",
    "campaign": "行动 活动 攻坚战 提升年 建设年",
    "document": "意见 措施 举措 细则 规定 条例 通知 决定",
}
# a number of people before a group: its members taking part (100名年轻干部, 23个行政村党组织书记)
_COUNTED = re.compile(r"\d+(?:余|多)?(?:名|位|个|人)[^，。；]{0,6}$")


# --- candidates and their features ---------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Candidate:
    initiative: str
    group: str
    rule: str  # the strongest hand rule that finds the pair, "" for none
    features: dict[str, float]


def candidates(text: str, initiatives: Sequence[Span], groups: Sequence[Span],
               title: tuple[int, int]) -> list[Candidate]:
    """Every (initiative, group) pair of an article, in the order first met, with its features."""
    verbs = table("verbs")["target"]
    rule_of = {(hit.initiative, hit.group): hit.rule for hit in find_targets(text, initiatives, groups)}
    pairs: dict[tuple[str, str], list[tuple[Span, Span]]] = {}
    for g in groups:
        for i in initiatives:
            pairs.setdefault((i.key, g.key), []).append((i, g))
    near = {pair: _closeness(text, *_nearest(text, mentions)) for pair, mentions in pairs.items()}
    best_of_group = {gk: min(v for (_, g2), v in near.items() if g2 == gk) for _, gk in near}
    best_of_initiative = {ik: min(v for (i2, _), v in near.items() if i2 == ik) for ik, _ in near}
    article = _Article(text, initiatives, groups, title, verbs)
    out = []
    for (ik, gk), mentions in pairs.items():
        features = _features(article, mentions, rule_of.get((ik, gk), ""))
        features["nearest-initiative-of-group"] = float(near[(ik, gk)] == best_of_group[gk])
        features["nearest-group-of-initiative"] = float(near[(ik, gk)] == best_of_initiative[ik])
        out.append(Candidate(ik, gk, rule_of.get((ik, gk), ""), features))
    return out


@dataclass(frozen=True, slots=True)
class _Article:
    text: str
    initiatives: Sequence[Span]
    groups: Sequence[Span]
    title: tuple[int, int]
    verbs: tuple[str, ...]

    def mentions_of(self, key: str) -> int:
        return sum(1 for s in (*self.initiatives, *self.groups) if s.key == key)

    def most_named(self, spans: Sequence[Span]) -> str | None:
        return max(spans, key=lambda s: self.mentions_of(s.key)).key if spans else None


def _inside(s: Span, piece: tuple[int, int]) -> bool:
    return piece[0] <= s.start and s.end <= piece[1]


def _gap(i: Span, g: Span) -> int:
    return max(0, g.start - i.end, i.start - g.end)


def _apart(text: str, a: int, b: int, marks: str) -> int:
    """How many of ``marks`` stand between positions ``a`` and ``b``."""
    return sum(text.count(m, min(a, b), max(a, b)) for m in marks)


def _closeness(text: str, i: Span, g: Span) -> tuple[int, int]:
    return _apart(text, i.start, g.start, SENTENCE), _gap(i, g)


def _nearest(text: str, mentions: list[tuple[Span, Span]]) -> tuple[Span, Span]:
    """The mention pair that says most about a pair: the nearest in sentences, then characters."""
    return min(mentions, key=lambda m: (*_closeness(text, *m), m[0].start))


def _cues(piece: str, prefix: str) -> dict[str, float]:
    return {f"{prefix}={c}": float(any(w in piece for w in words.split())) for c, words in CUES.items()}


def _features(a: _Article, mentions: list[tuple[Span, Span]], rule: str) -> dict[str, float]:
    text = a.text
    i, g = _nearest(text, mentions)
    s0, s1 = span_of(text, g.start, SENTENCE)
    c0, c1 = span_of(text, g.start, CLAUSE)
    lede = span_of(text, a.title[1] + 1 if a.title[1] else 0, "\n")[1]
    sentences = _apart(text, i.start, g.start, SENTENCE)
    between = text[min(i.end, g.end):max(i.start, g.start)] if sentences == 0 else ""
    others = [o for o in a.initiatives if o.key != i.key]
    qualifier = set(g.label) - set("干部人员队伍")
    ending = next((t for t, words in TYPES.items() if any(i.label.endswith(w) for w in words.split())), "other")
    verb_in_sentence = any(v in text[s0:s1] for v in a.verbs)
    sentence_cues = _cues(text[s0:s1], "group-sentence")
    return {
        **{f"rule={r}": float(rule == r) for r in RULES}, "no-rule": float(not rule),
        "same-clause": float(_apart(text, i.start, g.start, CLAUSE) == 0), "same-sentence": float(sentences == 0),
        "same-paragraph": float(_apart(text, i.start, g.start, "\n") == 0),
        "log-gap": math.log1p(_gap(i, g)) / 8, "sentences-apart": min(sentences, 5) / 5,
        "group-first": float(g.start < i.start), "verb-in-group-sentence": float(verb_in_sentence),
        **_cues(between, "between"), **sentence_cues,
        "anaphor-opens-group-sentence": float(bool(_ANAPHOR.match(text, s0) or _ANAPHOR.search(text, s0, min(s0 + 12, s1)))),
        "nearer-initiative": float(any(_gap(o, g) < _gap(i, g) and _apart(text, o.start, g.start, SENTENCE) <= sentences
                                       for o in others)),
        "group-acts": float(bool(_AGENT.match(text, g.end)) or ("由" in text[c0:g.start] and "组成" in text[g.end:c1])),
        "group-in-other-name": float(any(o.start <= g.start and g.end <= o.end for o in others)),
        "log-sentence-pairs": math.log1p(sum(1 for m in mentions if _closeness(text, *m)[0] == 0)) / 3,
        "log-paragraph-pairs": math.log1p(sum(1 for m in mentions if _apart(text, m[0].start, m[1].start, "\n") == 0)) / 3,
        "log-group-mentions": math.log1p(a.mentions_of(g.key)) / 3,
        "initiative-share": a.mentions_of(i.key) / max(len(a.initiatives), 1),
        "group-share": a.mentions_of(g.key) / max(len(a.groups), 1),
        "log-initiatives": math.log1p(len({s.key for s in a.initiatives})) / 3,
        "log-groups": math.log1p(len({s.key for s in a.groups})) / 3,
        "main-group": float(g.key == a.most_named(a.groups)),
        "main-initiative-and-group": float(g.key == a.most_named(a.groups) and i.key == a.most_named(a.initiatives)),
        "group-named-in-name": float(g.label in i.label),
        "sentence-initiatives": min(sum(1 for o in a.initiatives if s0 <= o.start < s1), 4) / 4,
        "group-in-title": float(_inside(g, a.title)), "initiative-in-title": float(_inside(i, a.title)),
        "group-in-lede": float(g.start < lede), "initiative-in-lede": float(i.start < lede),
        "shared-qualifier": len(qualifier & set(i.label)) / max(len(qualifier), 1),
        "village-both": float("村" in g.label and "村" in i.label),
        "young-both": float(any(w in g.label and w in i.label for w in ("年轻", "青年"))),
        "group-length": len(g.label) / 10, "group-generic": float(len(g.label) <= 4 and g.label.endswith("干部")),
        "group-listed": float(any("、" in (text[s.end:s.end + 1], text[s.start - 1:s.start]) for s in a.groups if s.key == g.key)),
        "group-counted": float(any(_COUNTED.search(text, max(0, m[1].start - 8), m[1].start) for m in mentions)),
        "same-sentence-enrol": float(sentences == 0 and bool(sentence_cues["group-sentence=enrol"])),
        "same-sentence-verb": float(sentences == 0 and verb_in_sentence),
        **{f"initiative={t}": float(ending == t) for t in (*TYPES, "other")},
    }


def title_span(text: str, title: str | None) -> tuple[int, int]:
    """Where the article's title stands in its clean text ((0, 0) where it is not there)."""
    at = text.find(title) if title else -1
    return (at, at + len(title)) if title and at >= 0 else (0, 0)


# --- the annotated articles ----------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Article:
    """One annotated article's candidates: features, hand rule, which gold triples each meets."""

    doc: str
    half: str
    x: np.ndarray
    rules: np.ndarray  # a hand rule finds the candidate
    meets: tuple[frozenset[int], ...]
    gold: int  # the article's targets triples


def articles(shared: Path) -> tuple[list[Article], list[str]]:
    """The annotated articles' candidates, and the feature names (the columns of ``x``)."""
    read = []
    for half, doc, gold, cleaned, ex in annotated(shared):
        triples = [({norm(n) for n in t["s"]}, {norm(n) for n in t["o"]}) for t in gold
                   if t["kind"] == "triple" and t["rel"] == "targets"]
        names = {e.key: {norm(n) for n in (e.label, *e.alt_labels)} for e in ex.entities}
        label = {e.key: e.label for e in ex.entities}
        spans = [Span(m.key, label[m.key], m.start, m.end) for m in ex.mentions if m.cls in ("Campaign", "Measure")]
        groups = [Span(m.key, label[m.key], m.start, m.end) for m in ex.mentions if m.cls == "CadreGroup"]
        found = candidates(cleaned.text, spans, groups, title_span(cleaned.text, cleaned.title))
        facts = {(f.subject, f.object) for f in ex.facts if f.predicate == "targets"}
        if {(c.initiative, c.group) for c in found if c.rule} != facts:
            raise SystemExit(f"{doc}: the candidates' rules differ from the pipeline's targets facts")
        meets = tuple(frozenset(k for k, (s, o) in enumerate(triples) if names[c.initiative] & s and names[c.group] & o)
                      for c in found)
        read.append((doc, half, found, meets, len(triples)))
    features = next(list(found[0].features) for _, _, found, _, _ in read if found)
    return [Article(doc, half, np.array([[c.features[f] for f in features] for c in found], dtype=float).reshape(-1, len(features)),
                    np.array([bool(c.rule) for c in found], dtype=bool), meets, gold)
            for doc, half, found, meets, gold in read], features


# --- measuring -----------------------------------------------------------------------------------

Make = Callable[[], object]


def prf(chosen: list[tuple[Article, np.ndarray]]) -> tuple[float, float, float, int, int, int]:
    """Precision, recall, F1, kept, right, gold of the candidates each article's mask keeps: a kept
    candidate is right if it meets a gold triple; a gold triple is found if a kept candidate meets it."""
    kept = right = found = gold = 0
    for a, keep in chosen:
        hits = [a.meets[k] for k in np.flatnonzero(keep)]
        kept += len(hits)
        right += sum(1 for h in hits if h)
        found += len(frozenset().union(*hits)) if hits else 0
        gold += a.gold
    p, r = right / max(kept, 1), found / max(gold, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9), kept, right, gold


def folds(docs: list[str], k: int) -> dict[str, int]:
    order = sorted(docs)
    random.Random(SEED).shuffle(order)
    return {d: n % k for n, d in enumerate(order)}


def fit(make: Make, train: list[Article]):
    x = np.vstack([a.x for a in train])
    y = np.array([int(bool(m)) for a in train for m in a.meets])
    return make().fit(x, y)


def scores(model, a: Article) -> np.ndarray:
    return model.predict_proba(a.x)[:, 1] if len(a.x) else np.zeros(0)


def out_of_fold(make: Make, arts: list[Article], k: int) -> list[np.ndarray]:
    fold = folds([a.doc for a in arts], k)
    probs = [np.zeros(0)] * len(arts)
    for f in range(k):
        model = fit(make, [a for a in arts if fold[a.doc] != f])
        for n, a in enumerate(arts):
            if fold[a.doc] == f:
                probs[n] = scores(model, a)
    return probs


def choose(makes: dict[str, Make], train: list[Article]) -> tuple[str, float]:
    """The model and threshold of the best F1 by cross-validation of ``train`` alone (thresholds on
    a grid of 0.01; the first of equals)."""
    best = (-1.0, "", 0.5)
    for name, make in makes.items():
        probs = out_of_fold(make, train, FOLDS - 1)
        for t in range(5, 96):
            f1 = prf([(a, p >= t / 100) for a, p in zip(train, probs)])[2]
            if f1 > best[0]:
                best = (f1, name, t / 100)
    return best[1], best[2]


def measure(makes: dict[str, Make], arts: list[Article]) -> tuple[list[np.ndarray], list[str]]:
    """Each article's kept candidates by a model trained on the other folds, its variant and
    threshold chosen inside them; and the choices made."""
    fold = folds([a.doc for a in arts], FOLDS)
    masks = [np.zeros(0, dtype=bool)] * len(arts)
    chosen = []
    for f in range(FOLDS):
        train = [a for a in arts if fold[a.doc] != f]
        name, threshold = choose(makes, train)
        chosen.append(f"{name}@{threshold:.2f}")
        model = fit(makes[name], train)
        for n, a in enumerate(arts):
            if fold[a.doc] == f:
                masks[n] = scores(model, a) >= threshold
    return masks, chosen


def report(name: str, arts: list[Article], masks: list[np.ndarray]) -> None:
    for half in ("all", "study", "held"):
        p, r, f1, kept, right, gold = prf([(a, m) for a, m in zip(arts, masks) if half in ("all", a.half)])
        print(f"  {name:22s} {half:5s} P {p:.3f} R {r:.3f} F1 {f1:.3f}  kept {kept:4d} right {right:4d} gold {gold:4d}")


MODELS: dict[str, dict[str, Make]] = {
    "logistic": {f"C={c}": (lambda c=c: LogisticRegression(C=c, max_iter=5000)) for c in (0.1, 0.3, 1.0)},
    "random forest": {"leaf=8": lambda: RandomForestClassifier(n_estimators=300, min_samples_leaf=8, random_state=0,
                                                               n_jobs=1)},
    "gradient boosting": {"depth=2": lambda: GradientBoostingClassifier(max_depth=2, n_estimators=150, learning_rate=0.03,
                                                                        subsample=0.8, random_state=0)},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    arts, features = articles(args.shared)
    gold = sum(a.gold for a in arts)
    reachable = sum(len(frozenset().union(*a.meets)) if a.meets else 0 for a in arts)
    print(f"{len(arts)} articles, {len(features)} features; candidates {sum(len(a.meets) for a in arts)}, "
          f"right {sum(1 for a in arts for m in a.meets if m)}; gold triples {gold}, met by a candidate {reachable} "
          f"(recall ceiling {reachable / max(gold, 1):.3f})")
    print(f"targets, {FOLDS}-fold by article (seed {SEED}), out of fold:")
    report("rules", arts, [a.rules for a in arts])
    for name, makes in MODELS.items():
        masks, chosen = measure(makes, arts)
        report(name, arts, masks)
        print(f"  {'':22s} chosen in the training folds: {', '.join(chosen)}")


if __name__ == "__main__":
    main()
