"""Train the pair models of ``kg/resources/models/`` on the annotated articles, and report
them by cross-validation.

    .venv/bin/python training/relations.py [--shared DIR] [--folds 5] [--write]

Every article of ``benchmarks/dev_split.tsv`` (seeds + dev) is read, cleaned, segmented and
extracted as ``kg build`` does; each candidate pair the extractor considered is labelled by
the article's gold triples (``SHARED/gold``, names compared as the scorer compares them).
A logistic regression (scikit-learn) is fitted; its figures are out-of-fold: articles are
split into FOLDS groups, each scored by a model trained on the others, and also by the two
fixed halves of the split (trained on one, scored on the other). The threshold is the one
that maximises out-of-fold F1. ``--write`` saves the model trained on all articles (weights
rounded, so the file is the same on every run).
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

from kg.clean import clean  # noqa: E402
from kg.extract import extract_candidates  # noqa: E402
from kg.ingest import read_inputs  # noqa: E402
from kg.nlp import load  # noqa: E402

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
    out = []
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
            out.append((doc, half, c.features, int(label), c.rule))
        found_pairs = {(frozenset(names[c.initiative]), frozenset(names[c.group])) for c in found}
        missed = sum(1 for s, o in triples if not any(a & s and b & o for a, b in found_pairs))
        out.append((doc, half, None, missed, None))  # gold pairs no candidate covers
    return out


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
    data = examples(args.shared)
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
    print("calibration (out-of-fold): probability bin, pairs, precision")
    for lo in np.arange(0.0, 1.0, 0.1):
        sel = (oof >= lo) & (oof < lo + 0.1 + (1e-9 if lo >= 0.9 else 0))
        if sel.any():
            print(f"  {lo:.1f}-{lo + 0.1:.1f}  {int(sel.sum()):5d}  {y[sel].mean():.3f}")
    model = fit(x, y)
    weights = {n: round(float(w), 4) for n, w in zip(names, model.coef_[0])}
    for n, w in sorted(weights.items(), key=lambda kv: -abs(kv[1])):
        print(f"  {w:+.3f} {n}")
    if args.write:
        path = REPO / "kg" / "resources" / "models" / f"{RELATION}.json"
        body = {"relation": RELATION, "trained_on": f"{len(docs)} articles (benchmarks/dev_split.tsv)",
                "threshold": threshold, "bias": round(float(model.intercept_[0]), 4), "weights": weights}
        path.write_text(json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
