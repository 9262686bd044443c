"""Memory of a build as its corpus grows: many tiny articles, peak memory and wall time.

    .venv/bin/python benchmarks/memory.py [-n 20000 200000] [--jobs 1] [--no-html] [--no-store] [--trace N]

For each N, a JSON Lines file of N tiny articles (one or two sentences each, made from
templates below: officials of kg's surnames with given names drawn from a few common
characters, localities of kg's gazetteer, posts, campaigns and measures with generated
names; seed 7, so the same N gives the same file) is built by ``kg build FILE --out DIR
--quiet --jobs J`` in a subprocess. Printed per N: wall time, the peak of the summed
resident set size (RSS) and of the proportional set size (PSS, pages shared between the
build's processes counted once) of the build and every process it started (sampled from
/proc every 0.2 s), and the largest peak RSS of any one of them (``ru_maxrss`` of the
build and of its descendants as the kernel reports it when the build is waited for);
then the ratio of the last N's peaks to the first's.

``--trace N`` instead builds N articles in this process (the library's ``build``, as
``kg build`` calls it) with ``tracemalloc`` on, and prints where the Python memory that is
still held grew most between a snapshot at a tenth of the articles and one at the end of
their processing: what a build keeps per article.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

from corpus import GIVEN, _surnames
from scale import SAMPLE, _pss, _tree, proc_sum

from kg.extract import gazetteer
from kg.resources import table

KG_BIN = Path(sys.executable).parent / "kg"
POSTS = ["书记", "县委书记", "区委书记", "市委书记", "县长", "区长", "副县长", "副区长", "组织部部长",
         "常委、组织部部长", "镇党委书记", "镇长", "街道党工委书记", "乡党委书记"]
#: characters of generated campaign and measure names (two to four of them, then a type word)
NAME_CHARS = "清廉实干担当争先先锋红色青春强基固本铸魂育才聚力提质增效赋能领航筑梦惠民兴村"
TEMPLATES = [
    "{place}{post}{name}到{town}调研{group}队伍建设工作。",
    "近日，{place}开展“{campaign}”，{group}{count}人参加。",
    "{place}出台《关于{topic}的{measure}》，激励{group}担当作为。{name}任{place}{post}。",
    "{town}举办“{campaign}”，{place}{post}{name}出席并讲话。",
    "{name}同志任{place}{post}，{other}不再担任{place}{post2}职务。",
]


def tiny_articles(n: int, seed: int = 7) -> Iterator[dict[str, str]]:
    """``n`` JSON Lines records (id, text, title), deterministic for ``seed``."""
    g = gazetteer.load()
    counties = sorted({u.name for u in g.units if u.level == gazetteer.COUNTY and len(u.name) >= 3})
    towns = sorted({u.name for u in g.units if u.level == gazetteer.TOWN and len(u.name) >= 3})
    kinds = table("initiative_types")
    campaigns, measures = kinds["Campaign"], kinds["Measure"]
    groups = table("groups")["WHOLE"]
    surnames = _surnames()
    rng = random.Random(seed)

    def name() -> str:
        return rng.choice(surnames) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2, 2))))

    def coined(kind: tuple[str, ...]) -> str:
        return "".join(rng.choices(NAME_CHARS, k=rng.randint(2, 4))) + rng.choice(kind)

    for i in range(n):
        text = "".join(rng.choice(TEMPLATES).format(
            place=rng.choice(counties), town=rng.choice(towns), post=rng.choice(POSTS), post2=rng.choice(POSTS),
            name=name(), other=name(), group=rng.choice(groups), campaign=coined(campaigns),
            measure=rng.choice(measures), topic=coined(("工作",)), count=rng.randint(20, 900))
            for _ in range(rng.randint(1, 2)))
        yield {"id": f"m{i:06d}", "title": text[:12], "text": text}


def write_articles(path: Path, n: int) -> int:
    """Write the JSON Lines file; returns its size in characters of text."""
    chars = 0
    with open(path, "w", encoding="utf-8") as fh:
        for record in tiny_articles(n):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            chars += len(record["text"])
    return chars


def _rss(pids: list[int]) -> int:
    """The resident set size (KiB) of these processes, summed (shared pages counted in each)."""
    return proc_sum(pids, "status", "VmRSS:")


def measure(corpus: Path, out: Path, jobs: int, html: bool, store: bool) -> dict[str, float]:
    """Wall seconds and peak memory (KiB) of ``kg build`` over ``corpus``."""
    log = out.with_name(out.name + ".log")
    with open(log, "w+b") as stderr, tempfile.TemporaryFile() as stdout:  # files: a pipe left unread blocks
        started = time.perf_counter()
        proc = subprocess.Popen([str(KG_BIN), "build", str(corpus), "--out", str(out), "--quiet", "--jobs", str(jobs),
                                 *([] if html else ["--no-html"]), *([] if store else ["--no-store"])],
                                stdout=stdout, stderr=stderr)
        peak_rss = peak_pss = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            pids = _tree(proc.pid)
            peak_rss, peak_pss = max(peak_rss, _rss(pids)), max(peak_pss, _pss(pids))
            time.sleep(SAMPLE)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        summary, lines = stdout.read().decode(), stderr.read().decode().splitlines()
    if proc.returncode:
        sys.exit(f"kg build failed with exit code {proc.returncode}:\n" + "\n".join(lines[-20:]))
    # ru_maxrss of the build's wait: the largest of the build and its descendants it waited for
    return {"seconds": seconds, "rss": peak_rss, "pss": peak_pss, "maxrss": usage.ru_maxrss,
            "summary": summary.strip(), "messages": len(lines)}


def trace(n: int, top: int = 15) -> None:
    """Build ``n`` articles here with tracemalloc; print what grew from a tenth of them to the end."""
    from kg.run import build as run

    with tempfile.TemporaryDirectory(prefix="kg-memory-") as tmp:
        corpus = Path(tmp) / "tiny.jsonl"
        write_articles(corpus, n)
        snapshots, done = [], iter(range(1, n + 1))
        original = run.built

        def built(ex):  # the build's own ``built``, with snapshots taken as articles are done
            if next(done) in (n // 10, n):
                snapshots.append(tracemalloc.take_snapshot())
            return original(ex)

        run.built = built
        tracemalloc.start(8)
        try:
            run.build([corpus], Path(tmp) / "out", html=False, on_warn=lambda _: None)
        finally:
            run.built = original
            tracemalloc.stop()
    first, last = snapshots
    print(f"Python memory held after {n} articles, growth since {n // 10}, by where it was allocated:")
    for stat in last.compare_to(first, "traceback")[:top]:
        print(f"{stat.size_diff / 1024:>10.0f} KiB {stat.count_diff:>+9} blocks")
        for line in stat.traceback.format()[-6:]:
            print("    " + line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, nargs="+", default=[20_000, 200_000])
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--no-html", action="store_true", help="build without graph.html")
    parser.add_argument("--no-store", action="store_true", help="build without the store")
    parser.add_argument("--trace", type=int, metavar="N", help="trace the Python memory of a build of N articles")
    args = parser.parse_args()
    if args.trace:
        trace(args.trace)
        return
    print(f"{'N':>8} {'chars':>11} {'seconds':>8} {'peak RSS MiB':>12} {'peak PSS MiB':>12} {'max 1 proc MiB':>14}")
    rows = []
    for n in args.n:
        with tempfile.TemporaryDirectory(prefix="kg-memory-") as tmp:
            corpus = Path(tmp) / "tiny.jsonl"
            chars = write_articles(corpus, n)
            row = measure(corpus, Path(tmp) / "out", args.jobs, not args.no_html, not args.no_store)
        rows.append(row)
        print(f"{n:>8} {chars:>11,} {row['seconds']:>8.1f} {row['rss'] / 1024:>12.0f} {row['pss'] / 1024:>12.0f} "
              f"{row['maxrss'] / 1024:>14.0f}   {row['summary']} ({row['messages']} lines on stderr)", flush=True)
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(f"last / first: peak RSS {last['rss'] / first['rss']:.2f}, peak PSS {last['pss'] / first['pss']:.2f}, "
              f"max one process {last['maxrss'] / first['maxrss']:.2f}")


if __name__ == "__main__":
    main()
