"""Time and memory of ingest over a folder of 100,000 article files, and of duplicate detection
over as many articles.

    .venv/bin/python benchmarks/walk_100k.py                 # 100,000 files in one folder
    .venv/bin/python benchmarks/walk_100k.py --files 20000 --nested 100

Generates the files in a temporary folder (short articles recombined from the sentences of
seeds/, each with its own numbered lead, a tenth of them the one before with a comma for a
full stop: near-duplicates), then
prints one line per figure:

- walk: ``ingest._walk`` alone (os.scandir, entries sorted folder by folder);
- read: ``read_inputs`` (walk, read, decode) to the last article;
- dedupe: ``dedupe.unique`` over those articles (cleaning, MinHash, LSH);

each with wall time, per-file time, how much the process's peak resident memory grew while it
ran (a phase that grows nothing stayed within the peak of an earlier one), and the latency of
its first item (laziness: the walk must not wait for every file to be listed and read).
"""
from __future__ import annotations

import argparse
import random
import re
import resource
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from kg.text.dedupe import unique
from kg.text.ingest import _walk, read_inputs
from kg.types import Article

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def sentences() -> list[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    return [s for s in re.findall(r"[^。！？\n]{8,120}[。！？]", text)]


def generate(root: Path, files: int, nested: int, rng: random.Random) -> int:
    """Write the files; returns how many are near-duplicates (an earlier file, one comma changed)."""
    pool = sentences()
    previous = ""
    copies = 0
    for i in range(files):
        folder = root / f"d{i % nested:04d}" if nested > 1 else root
        folder.mkdir(exist_ok=True)
        if previous and rng.random() < 0.1:
            text = previous.replace("。", "，", 1)
            copies += 1
        else:
            text = f"第{i}号\n" + "".join(rng.sample(pool, 10)) + "\n"
        previous = text
        (folder / f"{i:06d}.txt").write_text(text, encoding="utf-8")
    return copies


def measure(name: str, count: int, run: Callable[[], Iterator]) -> None:
    """Wall time, first-item latency and growth of the peak resident memory while ``run`` goes."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    first = None
    n = 0
    for _ in run():
        if first is None:
            first = time.perf_counter() - started
        n += 1
    seconds = time.perf_counter() - started
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    print(f"{name:7s} {n:7d} items  {seconds:7.2f} s  {seconds / max(count, 1) * 1e6:7.1f} µs/file  "
          f"first after {first or 0:6.3f} s  peak memory grew {grown / 1024:6.1f} MiB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=100_000)
    ap.add_argument("--nested", type=int, default=1, help="spread the files over this many sub-folders")
    ap.add_argument("--seed", type=int, default=8)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-walk-") as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        copies = generate(root, args.files, args.nested, random.Random(args.seed))
        print(f"generated {args.files} files in {args.nested} folder(s) in {time.perf_counter() - started:.1f} s")
        measure("walk", args.files, lambda: _walk(root, set()))
        measure("read", args.files, lambda: read_inputs([root]))
        articles = [a for a in read_inputs([root]) if isinstance(a, Article)]
        duplicates: list = []
        measure("dedupe", args.files, lambda: unique(articles, duplicates.append))
        near = sum(d.kind == "near" for d in duplicates)
        print(f"dedupe  {near} near-duplicates reported of {copies} written, "
              f"{len(duplicates) - near} other reports")
    print(f"peak resident memory of the process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
