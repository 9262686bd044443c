"""Extraction quality on the silver sets: raw articles annotated by helper sessions, unreviewed.

    .venv/bin/python benchmarks/silver.py [--set 2|3-study|3-study2|3-study3|3-kept|all] [--errors] [--preferred] [--shared DIR]

``benchmarks/silver/2``: 40 raw articles annotated by four helper sessions given the guidelines alone.
``benchmarks/silver/3``: the other 81, annotated by six helper sessions that first read the study half's
gold for its conventions; ``split.tsv`` splits them by file order into a part to study and a part kept
for the end of a stop, and that kept part again, once the studied sets had nothing left to teach, into
a second part to study (``study2``) and a part still kept, and that kept part once more into a third
part to study (``study3``) and the ten articles still kept (``--errors`` lists misses of the studied
sets only). Each set is built from
``SHARED/corpus/raw`` with its metadata and scored with the shared scorer, as ``quality.py`` does.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from quality import REPO, build_and_score, options

SILVER = REPO / "benchmarks" / "silver"


def sets() -> dict[str, list[Path]]:
    """Each set's annotation files."""
    halves: dict[str, list[Path]] = {"2": sorted((SILVER / "2").glob("*.jsonl"))}
    for line in (SILVER / "3" / "split.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            part, doc = line.split("\t")
            halves.setdefault(f"3-{part}", []).append(SILVER / "3" / f"{doc}.jsonl")
    return halves


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=("2", "3-study", "3-study2", "3-study3", "3-kept", "all"), default="all")
    args = options(parser, "studied sets")
    chosen = sets() if args.set == "all" else {args.set: sets()[args.set]}
    raw = args.shared / "corpus" / "raw"
    for name, gold in chosen.items():
        print(f"== silver {name} ({len(gold)} articles)")
        print(build_and_score([raw / f"{g.stem}.txt" for g in gold], gold, args.shared,
                              args.errors and name != "3-kept", metadata=raw / "SOURCES.tsv",
                              preferred=args.preferred))


if __name__ == "__main__":
    main()
