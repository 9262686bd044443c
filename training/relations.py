"""Train the pair model and measure the rule confidences of ``kg/resources/models/`` on the
annotated articles, and report both by cross-validation.

    .venv/bin/python training/relations.py [--shared DIR] [--folds 5] [--write]

Every article of ``benchmarks/dev_split.tsv`` (seeds + dev) is read, cleaned, segmented and
extracted as ``kg build`` does; each candidate pair the extractor considered is labelled by
the article's gold triples (``SHARED/gold``, names compared as the scorer compares them).
A logistic regression (scikit-learn) is fitted; its figures are out-of-fold: articles are
split into FOLDS groups, each scored by a model trained on the others, and also by the two
fixed halves of the split (trained on one, scored on the other). The threshold is the one
that maximises out-of-fold F1. ``--write`` saves the model trained on all articles (weights
rounded, so the file is the same on every run).

Every other fact (holds, launches, issues) gets as confidence the precision its rule had on
the annotated articles ((right + 1) / (facts + 2)); the calibration table gives, for all four
relations, bins of out-of-fold confidence (each fold's confidences measured on the others)
against how often the facts in the bin were right.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import opencc
from sklearn.linear_model import LogisticRegression

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.text.clean import clean  # noqa: E402
from kg.extract import extract_candidates  # noqa: E402
from kg.extract.targets import DECIDED  # noqa: E402
from kg.text.ingest import read_inputs  # noqa: E402
from kg.nlp.pipeline import load  # noqa: E402

_t2s = opencc.OpenCC("t2s").convert
_STRIP = re.compile(r"[\s\"'“”‘’「」『』《》〈〉【】()（）]")
RELATION = "targets"
MIN_PRECISION = 0.6


def norm(name: str) -> str:
    return _STRIP.sub("", _t2s(name))


def split() -> list[tuple[str, str]]:
    rows = []
    for line in (REPO / "benchmarks" / "dev_split.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            half, doc = line.split("\t")
            rows.append((half, doc))
    return rows


def examples(shared: Path):
    """(article, half, feature dict, label) for every candidate pair of every article."""
    nlp = load()
    out, facts = [], []
    for half, doc in split():
        path = REPO / "seeds" / f"{doc[6:]}.txt" if doc.startswith("seeds/") else shared / "corpus" / f"{doc}.txt"
        gold = [json.loads(line) for line in (shared / "gold" / f"{doc}.jsonl").read_text(encoding="utf-8").splitlines()
                if line.strip()]
        triples = [({norm(n) for n in t["s"]}, {norm(n) for n in t["o"]}) for t in gold
                   if t["kind"] == "triple" and t["rel"] == RELATION]
        article = next(a for a in read_inputs([path]) if not isinstance(a, Exception))
        cleaned = clean(article)
        extraction, found = extract_candidates(article, cleaned, nlp(cleaned.text))
        names = {e.key: {norm(n) for n in (e.label, *e.alt_labels)} for e in extraction.entities}
        for c in found:
            label = any(names[c.initiative] & s and names[c.group] & o for s, o in triples)
            if c.rule in DECIDED:  # decided by grammar: measured like the other rules
                facts.append((doc, RELATION, c.rule, int(label)))
            else:
                out.append((doc, half, c.features, int(label), c.rule))
        for fact in extraction.facts:
            if fact.predicate != RELATION:
                rel = [({norm(n) for n in t["s"]}, {norm(n) for n in t["o"]}) for t in gold
                       if t["kind"] == "triple" and t["rel"] == fact.predicate]
                right = any(names[fact.subject] & s and names[fact.object] & o for s, o in rel)
                facts.append((doc, fact.predicate, fact.evidence.extractor, int(right)))
        found_pairs = {(frozenset(names[c.initiative]), frozenset(names[c.group])) for c in found}
        missed = sum(1 for s, o in triples if not any(a & s and b & o for a, b in found_pairs))
        out.append((doc, half, None, missed, None))  # gold pairs no candidate covers
    return out, facts


def rule_table(facts, weight: float = 5.0) -> dict[str, dict[str, float]]:
    """(relation, rule) -> the rule's precision over ``facts``, drawn towards its relation's
    precision as if ``weight`` more facts had been seen at that rate (a rule seldom seen takes
    most of its confidence from its relation)."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for _, rel, rule, right in facts:
        counts[(rel, rule)][0] += right
        counts[(rel, rule)][1] += 1
    overall = {rel: sum(f[3] for f in facts if f[1] == rel) / max(sum(1 for f in facts if f[1] == rel), 1)
               for rel in {f[1] for f in facts}}
    table: dict[str, dict[str, float]] = defaultdict(dict)
    for (rel, rule), (right, n) in sorted(counts.items()):
        table[rel][rule] = round((right + weight * overall[rel]) / (n + weight), 2)
    return dict(table)


BANDS = (0.0, 0.6, 0.7, 0.8, 0.9)


def bands(probs, labels, threshold: float, weight: float = 5.0) -> list[list[float]]:
    """[lower bound, precision] of the model's kept pairs by probability band, each drawn towards
    the precision of all kept pairs: what a pair's probability means, measured."""
    keep = probs >= threshold
    overall = labels[keep].mean() if keep.any() else 0.5
    out = []
    for lo, hi in zip(BANDS, (*BANDS[1:], 1.01)):
        sel = keep & (probs >= lo) & (probs < hi)
        out.append([lo, round(float((labels[sel].sum() + weight * overall) / (sel.sum() + weight)), 2)])
    return out


def banded(table: list[list[float]], p: float) -> float:
    return next(conf for lo, conf in reversed(table) if p >= lo)


def matrix(rows, names):
    return np.array([[f.get(n, 0.0) for n in names] for f in rows])


def fit(x, y):
    return LogisticRegression(C=1.0, max_iter=2000).fit(x, y)


def prf(y, p, threshold, uncovered=0):
    pred = p >= threshold
    tp = int((pred & (y == 1)).sum())
    precision = tp / max(pred.sum(), 1)
    recall = tp / max(int(y.sum()) + uncovered, 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    data, facts = examples(args.shared)
    uncovered = defaultdict(int)
    for doc, half, f, y, _ in data:
        if f is None:
            uncovered[doc] += y
    data = [r for r in data if r[2] is not None]
    names = sorted({k for r in data for k in r[2]})
    x = matrix([r[2] for r in data], names)
    y = np.array([r[3] for r in data])
    docs = sorted({r[0] for r in data} | set(uncovered))
    fold_of = {d: i % args.folds for i, d in enumerate(docs)}
    oof = np.zeros(len(y))
    for k in range(args.folds):
        test = np.array([fold_of[r[0]] == k for r in data])
        oof[test] = fit(x[~test], y[~test]).predict_proba(x[test])[:, 1]
    n_uncovered = sum(uncovered.values())
    curve = [(t, *prf(y, oof, t, n_uncovered)) for t in np.arange(0.2, 0.9, 0.02)]
    for t, p, r, f in curve[::3]:
        print(f"  threshold {t:.2f}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    # the best F1 among thresholds whose facts are right at least MIN_PRECISION of the time
    best = max((f, t) for t, p, r, f in curve if p >= MIN_PRECISION)
    threshold = round(float(best[1]), 2)
    print(f"{RELATION}: {len(y)} candidate pairs, {int(y.sum())} true, {n_uncovered} gold pairs with no candidate")
    p, r, f = prf(y, oof, threshold, n_uncovered)
    print(f"{args.folds}-fold by article, threshold {threshold}: P {p:.3f} R {r:.3f} F1 {f:.3f}"
          " (recall counts gold pairs with no candidate as missed)")
    for train_half, test_half in (("study", "held"), ("held", "study")):
        tr = np.array([r[1] == train_half for r in data])
        pp = fit(x[tr], y[tr]).predict_proba(x[~tr])[:, 1]
        miss = sum(n for d, n in uncovered.items() if any(r[0] == d and r[1] == test_half for r in data))
        p, r, f = prf(y[~tr], pp, threshold, miss)
        print(f"trained on {train_half}, scored on {test_half}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    # every fact the graph would hold, with its out-of-fold confidence and whether it is right
    # the targets model's bands, measured for each fold on the others' out-of-fold probabilities
    kept = []
    for k in range(args.folds):
        test = np.array([fold_of[r[0]] == k for r in data])
        table = bands(oof[~test], y[~test], threshold)
        kept += [(r[0], "targets", banded(table, p), y_) for r, p, y_, t in zip(data, oof, y, test)
                 if t and p >= threshold]
    for k in range(args.folds):
        table = rule_table([f for f in facts if fold_of[f[0]] != k])
        kept += [(f[0], f[1], table.get(f[1], {}).get(f[2], 0.5), f[3]) for f in facts if fold_of[f[0]] == k]
    print("rule precision (all articles): relation, rule, confidence, facts")
    full = rule_table(facts)
    for rel, rules in full.items():
        for rule, conf in rules.items():
            print(f"  {rel:9s} {rule:22s} {conf:.2f} {sum(1 for f in facts if f[1:3] == (rel, rule)):4d}")
    print("calibration (out-of-fold): confidence, facts, right")
    for lo, hi in ((0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)):
        sel = [right for _, _, conf, right in kept if lo <= conf < hi]
        if sel:
            print(f"  {lo:.1f}-{min(hi, 1.0):.1f}  {len(sel):5d}  {sum(sel) / len(sel):.3f}")
        for rel in ("holds", "launches", "issues", "targets"):
            sub = [right for _, r, conf, right in kept if r == rel and lo <= conf < hi]
            if sub:
                print(f"      {rel:9s} {len(sub):5d}  {sum(sub) / len(sub):.3f}")
    high = [right for _, _, conf, right in kept if conf >= 0.8]
    print(f"  >= 0.8   {len(high):5d}  {sum(high) / max(len(high), 1):.3f}")
    model = fit(x, y)
    weights = {n: round(float(w), 4) for n, w in zip(names, model.coef_[0])}
    for n, w in sorted(weights.items(), key=lambda kv: -abs(kv[1])):
        print(f"  {w:+.3f} {n}")
    if args.write:
        path = REPO / "kg" / "resources" / "models" / f"{RELATION}.json"
        body = {"relation": RELATION, "trained_on": f"{len(docs)} articles (benchmarks/dev_split.tsv)",
                "threshold": threshold, "bands": bands(oof, y, threshold), "bias": round(float(model.intercept_[0]), 4), "weights": weights}
        path.write_text(json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(REPO)}")
        path = REPO / "kg" / "resources" / "models" / "confidence.json"
        path.write_text(json.dumps(full, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
