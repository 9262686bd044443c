"""Extraction quality on the probe sets: synthetic articles of the genre that helper sessions wrote
and annotated by the guidelines, to find what kg gets wrong.

    .venv/bin/python benchmarks/probe.py [--set 1|2|3|4|all] [--errors] [--preferred] [--shared DIR]

``benchmarks/probe/N``: twelve articles each (SET + number: ``A1.txt`` and its gold ``A1.jsonl``), written by
four helper sessions per set that read the guidelines and one seed's gold alone, each given a kind of article
(minority regions, Traditional-script web copies, notices, profiles, interviews, articles built to exercise
actors, targets, posts or measures) and no search tool. Each set was scored once when it was new, then its
errors were studied (``--errors``): all four are studied sets now. Synthetic text is cleaner and more regular
than real copies, so these figures run above the dev halves'; the scorer is the shared one, as
``quality.py``'s.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from quality import REPO, build_and_score, options

PROBE = REPO / "benchmarks" / "probe"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=("1", "2", "3", "4", "all"), default="all")
    args = options(parser, "probe sets")
    chosen = ["1", "2", "3", "4"] if args.set == "all" else [args.set]
    for name in chosen:
        gold = sorted((PROBE / name).glob("*.jsonl"))
        print(f"== probe {name} ({len(gold)} articles)")
        print(build_and_score([g.with_suffix(".txt") for g in gold], gold, args.shared, args.errors,
                              preferred=args.preferred))


if __name__ == "__main__":
    main()
