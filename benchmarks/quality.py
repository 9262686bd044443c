"""Extraction quality on the two fixed halves of seeds + dev (``dev_split.tsv``).

    .venv/bin/python benchmarks/quality.py [--half study|held|both|all] [--errors] [--preferred] [--shared DIR]

Builds each half's articles with ``kg build`` into a temporary folder and scores the graph
with the shared scorer (``SHARED/eval/score.py``) against that half's gold. ``--errors``
lists the false positives and misses (of the study half only: the held half is scored, never
studied). ``--preferred`` scores against the gold's preferred names alone (the first of each
list): how much kg's matches rest on the other forms an annotator happened to list, which
unseen gold may not list. SHARED defaults to ``../shared`` beside the repository; kg itself
never reads it.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def split() -> dict[str, list[str]]:
    halves: dict[str, list[str]] = {}
    for line in (REPO / "benchmarks" / "dev_split.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            half, doc = line.split("\t")
            halves.setdefault(half, []).append(doc)
    return halves


def files(docs: list[str], shared: Path) -> tuple[list[Path], list[Path]]:
    """The text and the gold file of each of ``docs`` (``seeds/NAME`` or ``dev/NAME``)."""
    texts = [REPO / "seeds" / f"{d[6:]}.txt" if d.startswith("seeds/") else shared / "corpus" / f"{d}.txt"
             for d in docs]
    return texts, [shared / "gold" / f"{d}.jsonl" for d in docs]


def score(docs: list[str], shared: Path, errors: bool, preferred: bool = False) -> str:
    """The scorer's report for a build of ``docs`` (``seeds/NAME`` or ``dev/NAME``)."""
    texts, gold = files(docs, shared)
    return build_and_score(texts, gold, shared, errors, preferred=preferred)


def preferred_names(gold: Path, folder: Path) -> Path:
    """A copy of ``gold`` in ``folder`` whose every name list keeps only its first, preferred name."""
    rows = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            for field in ("names", "s", "o"):
                if field in item:
                    item[field] = item[field][:1]
            rows.append(json.dumps(item, ensure_ascii=False))
    out = folder / gold.name
    out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return out


def build_and_score(texts: list[Path], gold: list[Path], shared: Path, errors: bool = False,
                    summary: bool = True, metadata: Path | None = None, preferred: bool = False) -> str:
    """The scorer's report for a ``kg build`` of ``texts`` (with the ``metadata`` file of their folder)
    against ``gold``, or its ``preferred`` names alone (``summary``: the build's line of counts printed)."""
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as names:
        if preferred:
            gold = [preferred_names(g, Path(names)) for g in gold]
        kg = Path(sys.executable).parent / "kg"
        extra = ["--metadata", str(metadata)] if metadata else []
        subprocess.run([str(kg), "build", *map(str, texts), *extra, "--out", out, "--quiet", "--no-store", "--no-html"],
                       check=True, stdout=None if summary else subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        args = [sys.executable, str(shared / "eval" / "score.py"), f"{out}/kg.ttl", *map(str, gold)]
        return subprocess.run(args + (["--show-errors"] if errors else []), check=True,
                              capture_output=True, text=True).stdout


def options(parser: argparse.ArgumentParser, studied: str) -> argparse.Namespace:
    """The options every quality benchmark takes, parsed (``studied``: what ``--errors`` lists)."""
    parser.add_argument("--errors", action="store_true", help=f"list errors ({studied} only)")
    parser.add_argument("--preferred", action="store_true", help="score against the gold's preferred names alone")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    return parser.parse_args()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--half", choices=("study", "held", "both", "all"), default="study")
    args = options(parser, "study half")
    halves = split()
    chosen = {"both": ["study", "held"], "all": ["all"]}.get(args.half, [args.half])
    for half in chosen:
        docs = [d for h in halves.values() for d in h] if half == "all" else halves[half]
        print(f"== {half} ({len(docs)} articles)")
        print(score(docs, args.shared, args.errors and half == "study", args.preferred))


if __name__ == "__main__":
    main()
