"""How far the halves' scores can be trusted: a bootstrap over their articles.

    .venv/bin/python benchmarks/bootstrap.py [--resamples 2000] [--shared DIR]

Each article of ``benchmarks/dev_split.tsv`` is built alone and scored with the shared scorer;
each half is then drawn again, article by article with replacement, and its micro-F1 computed
from the drawn articles' counts. Prints each half's F1 and its 95% interval, the interval of the
study half's lead over the held half, and that of a held set of half the size. Figures only: it
lists no error.
"""
from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from quality import REPO, files, split

SEED = 26


def _counts(block: dict) -> list[int]:
    """right predicted, predicted, gold met, gold: summed over a report's classes or relations."""
    out = [0, 0, 0, 0]
    for v in block.values():
        out = [a + b for a, b in zip(out, (round(v["precision"] * v["predicted"]), v["predicted"],
                                           round(v["recall"] * v["gold"]), v["gold"]))]
    return out


def _f1(rows: list[list[int]]) -> float:
    tp_p, n_p, tp_g, n_g = (sum(r[i] for r in rows) for i in range(4))
    p, r = tp_p / max(n_p, 1), tp_g / max(n_g, 1)
    return 2 * p * r / (p + r) if p + r else 0.0


def per_article(shared: Path) -> dict[str, dict[str, dict[str, list[int]]]]:
    """half -> article -> {"entities": counts, "relations": counts}."""
    sys.path.insert(0, str(shared / "eval"))
    import score  # the shared scorer

    kg = Path(sys.executable).parent / "kg"
    out: dict[str, dict[str, dict[str, list[int]]]] = {}
    for half, docs in split().items():
        texts, golds = files(docs, shared)
        for doc, text, gold in zip(docs, texts, golds):
            with tempfile.TemporaryDirectory() as build:
                subprocess.run([str(kg), "build", str(text), "--out", build, "--quiet", "--no-store", "--no-html"],
                               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                report, _ = score.score(f"{build}/kg.ttl", [str(gold)])
            out.setdefault(half, {})[doc] = {"entities": _counts(report["entities"]),
                                             "relations": _counts(report["relations"])}
        print(f"{half}: {len(docs)} articles built", file=sys.stderr)
    return out


def _interval(values: list[float]) -> str:
    values = sorted(values)
    return f"{values[int(0.025 * len(values))]:.3f}–{values[int(0.975 * len(values)) - 1]:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--resamples", type=int, default=2000)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    halves = {half: list(docs.values()) for half, docs in per_article(args.shared).items()}
    rng = random.Random(SEED)
    print(f"{args.resamples} resamples of each half's articles (seed {SEED}); F1 and its 95% interval")
    for kind in ("entities", "relations"):
        drawn = {half: [] for half in halves}
        gap, small = [], []
        for _ in range(args.resamples):
            f = {half: _f1([rng.choice(rows)[kind] for _ in rows]) for half, rows in halves.items()}
            for half in halves:
                drawn[half].append(f[half])
            gap.append(f["study"] - f["held"])
            held = halves["held"]
            small.append(_f1([rng.choice(held)[kind] for _ in range(len(held) // 2)]))
        line = "  ".join(f"{half} {_f1([r[kind] for r in rows]):.3f} ({_interval(drawn[half])})"
                         for half, rows in halves.items())
        print(f"{kind:9s}  {line}  study - held ({_interval(gap)})  "
              f"held of {len(halves['held']) // 2} articles ({_interval(small)})")


if __name__ == "__main__":
    main()
