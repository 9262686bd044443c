"""How much of a half's score is lost to names cut otherwise than the gold's: scores by containment.

    .venv/bin/python benchmarks/contained.py [--half study|held|all] [--shared DIR]

Builds the half as ``quality.py`` does and scores it twice with the shared scorer's reading of the
graph and the gold: names matched exactly (the scorer's own rule), then a name matched where one
contains the other (both of two characters or more). The difference is how much of the score rests
on where a name is cut or how far it is qualified (镇党委书记 / 宁溪镇党委书记), not on a fact found or
missed. Prints figures only, never an error: the held half is scored, never studied.
"""
from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from quality import files, split  # noqa: E402

#: the shortest name that may contain or be contained by another
SHORTEST = 2


def scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def meets(a: set[str], b: set[str], contained: bool) -> bool:
    return bool(a & b) or contained and any(
        (x in y or y in x) and min(len(x), len(y)) >= SHORTEST for x in a for y in b)


def directions(score, graph: Path, gold: list[Path]) -> dict[str, tuple[int, int]]:
    """Class -> how many predicted names met a gold name only by containment, kg's being the longer
    (qualified further, or run on past the gold's end) and the shorter (cut or left unqualified)."""
    pe, _ = score.predicted(score.load_graph(str(graph)))
    ge, _ = score.load_gold(gold)
    out = {}
    for cls in score.CLASSES:
        longer = shorter = 0
        for p in pe.get(cls, []):
            golds = [g["names"] for g in ge.get(cls, [])]
            if any(p & g for g in golds):
                continue
            pairs = [(x, y) for g in golds for x in p for y in g if min(len(x), len(y)) >= SHORTEST]
            if any(y in x and x != y for x, y in pairs):
                longer += 1
            elif any(x in y and x != y for x, y in pairs):
                shorter += 1
        out[cls] = (longer, shorter)
    return out


def report(score, graph: Path, gold: list[Path], contained: bool) -> dict[str, float]:
    pe, pr = score.predicted(score.load_graph(str(graph)))
    ge, gr = score.load_gold(gold)
    out, totals = {}, [0, 0, 0, 0]
    for cls in score.CLASSES:
        preds, golds = pe.get(cls, []), ge.get(cls, [])
        hp = sum(any(meets(p, g["names"], contained) for g in golds) for p in preds)
        hg = sum(any(meets(g["names"], p, contained) for p in preds) for g in golds)
        out[cls] = score.prf(hp, len(preds), hg, len(golds))["f1"]
    for rel in score.RELATIONS:
        preds, golds = pr.get(rel, []), gr.get(rel, [])
        hp = sum(any(meets(s, g["s"], contained) and meets(o, g["o"], contained) for g in golds) for s, o in preds)
        hg = sum(any(meets(s, g["s"], contained) and meets(o, g["o"], contained) for s, o in preds) for g in golds)
        out[rel] = score.prf(hp, len(preds), hg, len(golds))["f1"]
        for i, v in enumerate((hp, len(preds), hg, len(golds))):
            totals[i] += v
    out["relations*"] = score.prf(*totals)["f1"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--half", choices=("study", "held", "all"), default="held")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    halves = split()
    docs = [d for h in halves.values() for d in h] if args.half == "all" else halves[args.half]
    texts, gold = files(docs, args.shared)
    score = scorer(args.shared)
    with tempfile.TemporaryDirectory() as out:
        kg = Path(sys.executable).parent / "kg"
        subprocess.run([str(kg), "build", *map(str, texts), "--out", out, "--quiet", "--no-store", "--no-html"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        exact = report(score, Path(out) / "kg.ttl", gold, contained=False)
        loose = report(score, Path(out) / "kg.ttl", gold, contained=True)
        way = directions(score, Path(out) / "kg.ttl", gold)
    print(f"== {args.half} ({len(docs)} articles)")
    print(f"{'':12} {'exact':>8} {'contained':>10} {'kg longer':>10} {'kg shorter':>11}")
    for key in exact:
        longer, shorter = way.get(key, ("", ""))
        print(f"{key:12} {exact[key]:8.3f} {loose[key]:10.3f} {longer:>10} {shorter:>11}")


if __name__ == "__main__":
    main()
