"""A trained recogniser of entity names beside the rules, measured out of fold.

    .venv/bin/python training/entities.py [--shared DIR] [--final | --curve] [--cache FILE]

A linear-chain CRF (sklearn-crfsuite, the ``train`` extra) tags each character of an article's
clean text with the class of the entity name it is part of (B-/I-), as the annotated names occur
in the text. Its features carry to unseen articles by construction: the character and its
neighbours, the word kg's segmenter cuts around it, whether a type word of an initiative, a head
word of a cadre group or a post's title ends there, whether it is a unit's level word or a
surname opening a word, how deep in quotes or title marks it stands, and the class kg's own rules
give it (``kg.extract``'s mentions) — never a name of one article. The names it tags that no rule
found are added to the rules' entities, all of them or those whose every character's tag it gives
at least a probability of 0.5, 0.7 or 0.9.

Articles: the study half of ``benchmarks/dev_split.tsv``, the studied silver sets
(``benchmarks/silver``: silver 2 and the study parts of silver 3) and the synthetic probe sets
(``benchmarks/probe``). The study half and the studied silver articles are cut into 5 folds by
article (a fixed seed); each fold is tagged by a model trained on the other folds and every probe
article. ``--final`` then tags the held half and silver 3's kept part with a model trained on
every other article: none of them trains a model, and they are scored only at the end of a stop.
``--curve`` trains each fold's model on a growing part of its articles instead: a learning curve.

Entities are matched as the shared scorer (``../shared/eval/score.py``) matches them, article by
article: a predicted entity is right when one of its names is one of a gold entity's names of its
class. The rules' entities are kg's own (label and other labels); the model's are the names it
tags, as the text writes them.
"""
from __future__ import annotations

import argparse
import json
import pickle
import random
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "training"))

from calibrate import _STRIP, norm  # noqa: E402  (names compared as the shared scorer compares them)

from kg.extract import extract  # noqa: E402
from kg.nlp.pipeline import load  # noqa: E402
from kg.resources import table, words  # noqa: E402
from kg.text.clean import clean  # noqa: E402
from kg.text.ingest import read_inputs  # noqa: E402
from kg.text.metadata import read_metadata  # noqa: E402

CLASSES = ("Locality", "Official", "Post", "Campaign", "Measure", "CadreGroup")
FOLDS = 5
SEED = 26
THRESHOLDS = (0.5, 0.7, 0.9)
_SENTENCE = re.compile(r"[^。！？\n]+[。！？]?")
_LEVEL_WORDS = frozenset("省市县区镇乡村旗盟州")

Counts = dict[str, list[int]]  # class -> [right predicted, predicted, gold met, gold]


@dataclass
class Article:
    """One annotated article as kg reads it: its clean text, its words, what the rules found, its gold."""

    name: str
    part: str  # study, held, silver, kept, probe
    text: str
    words: list[tuple[int, int]]
    mentions: list[tuple[str, int, int]]  # (class, start, end) of the rules' mentions
    rules: list[tuple[str, frozenset[str]]]  # the rules' entities: class and names
    gold: list[tuple[str, frozenset[str]]]


def sources(shared: Path) -> list[tuple[str, str, Path, Path, Path | None]]:
    """(name, part, text file, gold file, metadata file) of every annotated article."""
    out = []
    for line in (REPO / "benchmarks" / "dev_split.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            half, doc = line.split("\t")
            text = REPO / "seeds" / f"{doc[6:]}.txt" if doc.startswith("seeds/") else shared / "corpus" / f"{doc}.txt"
            out.append((doc, half, text, shared / "gold" / f"{doc}.jsonl", None))
    raw = shared / "corpus" / "raw"
    split = [line.split("\t") for line in (REPO / "benchmarks" / "silver" / "3" / "split.tsv")
             .read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    kept = {doc for part, doc in split if part == "kept"}
    for gold in sorted((REPO / "benchmarks" / "silver").glob("*/*.jsonl")):
        out.append((gold.stem, "kept" if gold.stem in kept else "silver", raw / f"{gold.stem}.txt", gold,
                    raw / "SOURCES.tsv"))
    for gold in sorted((REPO / "benchmarks" / "probe").glob("*/*.jsonl")):
        out.append((f"probe/{gold.parent.name}/{gold.stem}", "probe", gold.with_suffix(".txt"), gold, None))
    return out


def prepare(shared: Path) -> list[Article]:
    """Every annotated article, read, cleaned, segmented and extracted as ``kg build`` does."""
    nlp = load()
    metadata = {}
    out = []
    for name, part, path, gold_path, meta in sources(shared):
        md = metadata.setdefault(meta, read_metadata(meta)) if meta else None
        article = next(a for a in read_inputs([path], metadata=md) if not isinstance(a, Exception))
        cleaned = clean(article)
        doc = nlp(cleaned.text)
        ex = extract(article, cleaned, doc)
        gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
        out.append(Article(
            name, part, cleaned.text, [(t.idx, t.idx + len(t.text)) for t in doc],
            [(m.cls, m.start, m.end) for m in ex.mentions if m.cls in CLASSES],
            [(e.cls, frozenset(norm(n) for n in (e.label, *e.alt_labels))) for e in ex.entities if e.cls in CLASSES],
            [(g["class"], frozenset(norm(n) for n in g["names"])) for g in gold
             if g["kind"] == "entity" and g["class"] in CLASSES]))
    return out


def gold_tags(art: Article) -> list[str]:
    """A B-/I-/O tag for each character: every occurrence of a gold name (quotes and brackets
    skipped, as the scorer drops them), the longer ones first."""
    kept = [i for i, c in enumerate(art.text) if not _STRIP.match(c)]
    stripped = "".join(art.text[i] for i in kept)
    spans = []
    for cls, names in art.gold:
        for name in names:
            if len(name) >= 2:
                spans += [(m.end() - m.start(), kept[m.start()], kept[m.end() - 1] + 1, cls)
                          for m in re.finditer(re.escape(name), stripped)]
    tags = ["O"] * len(art.text)
    for _, start, end, cls in sorted(spans, key=lambda s: (-s[0], s[1])):
        if all(t == "O" for t in tags[start:end]):
            tags[start:end] = [f"B-{cls}"] + [f"I-{cls}"] * (end - start - 1)
    return tags


def _sentences(text: str) -> list[range]:
    return [range(s.start(), s.end()) for s in _SENTENCE.finditer(text)]


def features(art: Article) -> list[list[dict]]:
    """The features of each character, sentence by sentence."""
    text = art.text
    word_at = {i: (start, end) for start, end in art.words for i in range(start, end)}
    rule_at = {}
    for cls, start, end in art.mentions:
        for i in range(start, end):
            rule_at.setdefault(i, ("B-" if i == start else "I-") + cls)
    depth, quoted = 0, []
    for c in text:
        depth = depth + 1 if c in "“《「" else max(0, depth - 1) if c in "”》」" else depth
        quoted.append(min(depth, 2))
    ends = {}
    vocab = {"type": {w for ws in table("initiative_types").values() for w in ws},
             "group": set(table("groups")["CORE"]), "title": set(words("titles"))}
    for kind, ws in vocab.items():
        ends[kind] = {m.end() - 1 for w in ws for m in re.finditer(re.escape(w), text)}
    surnames = {s for s in words("surnames") if len(s) == 1}
    around = lambda i: text[i] if 0 <= i < len(text) else "^"  # noqa: E731
    out = []
    for sentence in _sentences(text):
        seq = []
        for i in sentence:
            start, end = word_at.get(i, (i, i + 1))
            pos = "S" if end - start == 1 else "B" if i == start else "E" if i == end - 1 else "M"
            seq.append({
                "c": text[i], "c-1": around(i - 1), "c+1": around(i + 1), "c-2": around(i - 2), "c+2": around(i + 2),
                "b-1": around(i - 1) + text[i], "b+1": text[i] + around(i + 1),
                "pos": pos, "word": text[start:end] if end - start <= 4 else "LONG",
                "rule": rule_at.get(i, "O"), "rule-1": rule_at.get(i - 1, "O"), "rule+1": rule_at.get(i + 1, "O"),
                "quoted": quoted[i], "type": i in ends["type"], "type-1": i - 1 in ends["type"],
                "group": i in ends["group"], "title": i in ends["title"], "level": text[i] in _LEVEL_WORDS,
                "surname": text[i] in surnames and pos in "SB", "digit": text[i].isdigit(),
            })
        out.append(seq)
    return out


def sentence_tags(art: Article) -> list[list[str]]:
    tags = gold_tags(art)
    return [tags[s.start:s.stop] for s in _sentences(art.text)]


def spans(art: Article, tags: list[list[str]], probs: list[list[float]]) -> list[tuple[str, int, int, float]]:
    """(class, start, end, least probability of its characters' tags) of each tagged name."""
    flat = [(i, t, p) for s, ts, ps in zip(_sentences(art.text), tags, probs) for i, t, p in zip(s, ts, ps)]
    out, cur = [], None
    for i, t, p in flat:
        continues = cur is not None and t == f"I-{cur[0]}" and cur[2] == i
        if continues:
            cur[2], cur[3] = i + 1, min(cur[3], p)
            continue
        if cur:
            out.append(tuple(cur))
        cur = [t[2:], i, i + 1, p] if t != "O" else None
    if cur:
        out.append(tuple(cur))
    return out


def _merged(entities: list[tuple[str, frozenset[str]]]) -> list[tuple[str, frozenset[str]]]:
    """One entity for the names of a class that share a name."""
    out: list[tuple[str, set[str]]] = []
    for cls, names in entities:
        same = next((n for c, n in out if c == cls and n & names), None)
        if same is None:
            out.append((cls, set(names)))
        else:
            same |= names
    return [(c, frozenset(n)) for c, n in out]


def predictions(art: Article, tagged: list[tuple[str, int, int, float]]) -> dict[str, list[tuple[str, frozenset[str]]]]:
    """The entities of the rules, of the model alone, and of the rules with the model's new names."""
    named = [(cls, s, e, p) for cls, s, e, p in tagged if len(norm(art.text[s:e])) >= 2]
    new = [(cls, s, e, p) for cls, s, e, p in named
           if not any(s < me and ms < e for _, ms, me in art.mentions)]
    out = {"rules": art.rules, "model": _merged([(c, frozenset({norm(art.text[s:e])})) for c, s, e, _ in named])}
    for least in (0.0, *THRESHOLDS):
        key = "rules+new" + (f">={least}" if least else "")
        out[key] = _merged(art.rules + [(c, frozenset({norm(art.text[s:e])})) for c, s, e, p in new if p >= least])
    return out


def counts(pred: list[tuple[str, frozenset[str]]], gold: list[tuple[str, frozenset[str]]]) -> Counts:
    out = {}
    for cls in CLASSES:
        p = [n for c, n in pred if c == cls]
        g = [n for c, n in gold if c == cls]
        out[cls] = [sum(any(x & y for y in g) for x in p), len(p), sum(any(x & y for x in p) for y in g), len(g)]
    return out


def train(arts: list[Article], feats: dict[str, list], tags: dict[str, list]):
    import sklearn_crfsuite  # the train extra: kg itself never imports it

    crf = sklearn_crfsuite.CRF(algorithm="lbfgs", c1=0.1, c2=0.05, max_iterations=150)
    crf.fit([seq for a in arts for seq in feats[a.name]], [seq for a in arts for seq in tags[a.name]])
    return crf


def tag(crf, art: Article, feats: list) -> list[tuple[str, int, int, float]]:
    """The model's names in ``art``: the likeliest tag of each character and its probability."""
    marginals = crf.predict_marginals(feats)
    best = [[max(m, key=m.get) for m in seq] for seq in marginals]
    return spans(art, best, [[m[t] for m, t in zip(seq, ts)] for seq, ts in zip(marginals, best)])


def report(title: str, per: dict[str, Counts]) -> None:
    print(f"\n{title}: P / R / F1")
    print(f"{'':11s}" + "".join(f"{k:>20s}" for k in per))
    for cls in (*CLASSES, "all"):
        row = f"{cls:11s}"
        for c in per.values():
            p, r, f = _prf(_summed(c) if cls == "all" else c[cls])
            row += f"   {p:.3f}/{r:.3f}/{f:.3f}"
        print(row)


def _add(acc: dict[str, dict[str, Counts]], part: str, art: Article, tagged) -> None:
    for kind, pred in predictions(art, tagged).items():
        for cls, c in counts(pred, art.gold).items():
            total = acc[part][kind].setdefault(cls, [0, 0, 0, 0])
            total[:] = [x + y for x, y in zip(total, c)]


def _summed(c: Counts) -> list[int]:
    return [sum(c[x][i] for x in CLASSES) for i in range(4)]


def _prf(counts: list[int]) -> tuple[float, float, float]:
    """Precision, recall and F1 of [right predicted, predicted, gold met, gold]."""
    tp_p, n_p, tp_g, n_g = counts
    p, r = tp_p / max(n_p, 1), tp_g / max(n_g, 1)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _f1(c: Counts) -> float:
    return _prf(_summed(c))[2]


def curve(pool: list[Article], probe: list[Article], fold: dict[str, int], feats: dict, tags: dict) -> None:
    """Out-of-fold F1 of the model alone and of the rules with its names (at >= 0.7), each fold's model
    trained on a growing part of its training articles (the same draw, seed 26, grows)."""
    print("articles trained on (of the pool; every probe article too): entity F1 out of fold, study half and "
          "studied silver together: model alone, rules + new names at >= 0.7 (the rules alone: "
          + f"{_f1(_total(pool, {a.name: [] for a in pool})['rules']):.3f})")
    for share in (0.25, 0.5, 0.75, 1.0):
        tagged = {}
        for k in range(FOLDS):
            train_set = [a for a in pool if fold[a.name] != k]
            random.Random(SEED).shuffle(train_set)
            crf = train(train_set[:round(share * len(train_set))] + probe, feats, tags)
            tagged.update({a.name: tag(crf, a, feats[a.name]) for a in pool if fold[a.name] == k})
        total = _total(pool, tagged)
        print(f"{share:5.0%} ({round(share * len(pool) * (FOLDS - 1) / FOLDS)} articles): "
              f"{_f1(total['model']):.3f}, {_f1(total['rules+new>=0.7']):.3f}")


def _total(pool: list[Article], tagged: dict[str, list]) -> dict[str, Counts]:
    acc: dict[str, dict[str, Counts]] = defaultdict(lambda: defaultdict(dict))
    for a in pool:
        _add(acc, "all", a, tagged[a.name])
    return acc["all"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--final", action="store_true", help="also score the held half and silver 3's kept part")
    parser.add_argument("--cache", type=Path, help="keep the prepared articles in this file between runs")
    parser.add_argument("--curve", action="store_true",
                        help="a learning curve: the same folds, each trained on a part of its articles")
    args = parser.parse_args()
    if args.cache and args.cache.exists():
        arts = pickle.loads(args.cache.read_bytes())
    else:
        arts = prepare(args.shared)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(arts))
    feats = {a.name: features(a) for a in arts}
    tags = {a.name: sentence_tags(a) for a in arts}
    pool = [a for a in arts if a.part in ("study", "silver")]
    probe = [a for a in arts if a.part == "probe"]
    order = [a.name for a in pool]
    random.Random(SEED).shuffle(order)
    fold = {name: i % FOLDS for i, name in enumerate(order)}
    if args.curve:
        curve(pool, probe, fold, feats, tags)
        return
    acc: dict[str, dict[str, Counts]] = defaultdict(lambda: defaultdict(dict))
    for k in range(FOLDS):
        crf = train([a for a in pool if fold[a.name] != k] + probe, feats, tags)
        for a in pool:
            if fold[a.name] == k:
                _add(acc, a.part, a, tag(crf, a, feats[a.name]))
        print(f"fold {k + 1} of {FOLDS}", file=sys.stderr)
    print(f"{len(pool)} articles in {FOLDS} folds by article (seed {SEED}), {len(probe)} probe articles in every "
          "training set; out of fold:")
    for part in ("study", "silver"):
        report(part, acc[part])
    if args.final:
        crf = train(pool + probe, feats, tags)
        for a in arts:
            if a.part in ("held", "kept"):
                _add(acc, a.part, a, tag(crf, a, feats[a.name]))
        for part in ("held", "kept"):
            report(f"{part} (never trained on)", acc[part])


if __name__ == "__main__":
    main()
