"""Measure each extraction rule's precision on the annotated articles: the confidences of
``kg/resources/models/confidence.json``, and how well they are calibrated.

    .venv/bin/python training/calibrate.py [--shared DIR] [--folds 5] [--write]

Every article of ``benchmarks/dev_split.tsv`` (seeds + dev) is read, cleaned, segmented and
extracted as ``kg build`` does; each fact is right when the article's gold (``SHARED/gold``)
holds a triple of its relation whose names meet the fact's subject's and object's names, as the
scorer compares them. A rule's confidence is its precision drawn towards its relation's
precision as if 5 more facts had been seen at that rate (a rule seldom seen takes most of its
confidence from its relation). The calibration table is out-of-fold: articles are split into
FOLDS groups, and each group's facts get the confidences measured on the other groups.
``--write`` saves the table measured on all articles (rounded: the same file on every run).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import opencc

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.extract import extract  # noqa: E402
from kg.nlp.pipeline import load  # noqa: E402
from kg.text.clean import clean  # noqa: E402
from kg.text.ingest import read_inputs  # noqa: E402
from kg.types import CleanText, Extraction  # noqa: E402

_t2s = opencc.OpenCC("t2s").convert
_STRIP = re.compile(r"[\s\"'“”‘’「」『』《》〈〉【】()（）]")
RELATIONS = ("holds", "launches", "issues", "targets")
BINS = ((0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))


def norm(name: str) -> str:
    return _STRIP.sub("", _t2s(name))


def split() -> list[tuple[str, str]]:
    rows = []
    for line in (REPO / "benchmarks" / "dev_split.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            half, doc = line.split("\t")
            rows.append((half, doc))
    return rows


def annotated(shared: Path) -> Iterator[tuple[str, str, list[dict], CleanText, Extraction]]:
    """Each annotated article's half, name, gold items, clean text and extraction, as ``kg build``
    reads, cleans, segments and extracts it."""
    nlp = load()
    for half, doc in split():
        path = REPO / "seeds" / f"{doc[6:]}.txt" if doc.startswith("seeds/") else shared / "corpus" / f"{doc}.txt"
        gold = [json.loads(line) for line in (shared / "gold" / f"{doc}.jsonl").read_text(encoding="utf-8").splitlines()
                if line.strip()]
        article = next(a for a in read_inputs([path]) if not isinstance(a, Exception))
        cleaned = clean(article)
        yield half, doc, gold, cleaned, extract(article, cleaned, nlp(cleaned.text))


def facts(shared: Path) -> list[tuple[str, str, str, int]]:
    """(article, relation, rule, right) for every fact of every annotated article."""
    out = []
    for _, doc, gold, _, extraction in annotated(shared):
        names = {e.key: {norm(n) for n in (e.label, *e.alt_labels)} for e in extraction.entities}
        for fact in extraction.facts:
            triples = [({norm(n) for n in t["s"]}, {norm(n) for n in t["o"]}) for t in gold
                       if t["kind"] == "triple" and t["rel"] == fact.predicate]
            right = any(names[fact.subject] & s and names[fact.object] & o for s, o in triples)
            out.append((doc, fact.predicate, fact.evidence.extractor, int(right)))
    return out


def rule_table(facts, weight: float = 5.0) -> dict[str, dict[str, float]]:
    """relation -> rule -> the rule's precision over ``facts``, drawn towards its relation's."""
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    found = facts(args.shared)
    docs = sorted({f[0] for f in found})
    fold_of = {d: i % args.folds for i, d in enumerate(docs)}
    scored = []  # (relation, out-of-fold confidence, right)
    for k in range(args.folds):
        table = rule_table([f for f in found if fold_of[f[0]] != k])
        scored += [(f[1], table.get(f[1], {}).get(f[2], 0.5), f[3]) for f in found if fold_of[f[0]] == k]
    full = rule_table(found)
    print("rule precision on all articles: relation, rule, confidence, facts, right")
    for rel in RELATIONS:
        for rule, conf in full.get(rel, {}).items():
            mine = [f[3] for f in found if f[1:3] == (rel, rule)]
            print(f"  {rel:9s} {rule:22s} {conf:.2f} {len(mine):5d} {sum(mine):5d}")
    print(f"calibration, {args.folds}-fold by article: confidence, facts, share right (by relation below)")
    for lo, hi in BINS:
        sel = [right for _, conf, right in scored if lo <= conf < hi]
        if sel:
            print(f"  {lo:.1f}-{min(hi, 1.0):.1f}  {len(sel):5d}  {sum(sel) / len(sel):.3f}")
            for rel in RELATIONS:
                sub = [right for r, conf, right in scored if r == rel and lo <= conf < hi]
                if sub:
                    print(f"      {rel:9s} {len(sub):5d}  {sum(sub) / len(sub):.3f}")
    high = [right for _, conf, right in scored if conf >= 0.8]
    print(f"  >= 0.8   {len(high):5d}  {sum(high) / max(len(high), 1):.3f}")
    if args.write:
        path = REPO / "kg" / "resources" / "models" / "confidence.json"
        path.write_text(json.dumps(full, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
