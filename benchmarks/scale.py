"""Corpus scale: kg end to end next to pkuseg segmentation alone, on the same text.

    .venv/bin/python benchmarks/scale.py [-n 1000 10000] [--jobs 1 2] [--repeat 3]

For each N, a synthetic corpus of N articles (benchmarks/corpus.py, seed 7) is written to
a temporary folder and cleaned once to count its characters (cleaned, Simplified). The
script then prints characters per second, and the speed relative to segmentation (x seg)
and to ``--jobs 1`` (x j1), of: pkuseg segmentation alone (spacy-pkuseg's ``pkuseg(model).cut``,
in this process, model already loaded), the same by kg's segmenter (``kg.segment``, the same
words, through the spaCy tokenizer as a build runs it), and ``kg build DIR --no-html --quiet
--jobs J`` run as a subprocess (wall time, model loading and every output included);
the peak resident memory of that build (``ru_maxrss`` from ``os.wait4``: its largest
process, workers included) and the sizes of kg.ttl, kg.nt and store/.

With ``--repeat R`` each of those runs is made R times, in turn (segmentation, then each
build, then again), and the table gives the fastest of each, as ``timeit`` does: the
machine's speed drifts by a tenth from minute to minute, and the least time is the one
least disturbed. The times of every run are printed after it, and the peak memory is the
largest of all runs.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from corpus import write_corpus

from kg.clean import clean
from kg.errors import InputError
from kg.ingest import read_inputs
from kg.models import require_model
from kg.nlp import load

KG_BIN = Path(sys.executable).parent / "kg"


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size


def _segmenters() -> dict[str, Callable[[str], object]]:
    """What segments alone: spacy-pkuseg itself, and the spaCy tokenizer of kg's pipeline."""
    import spacy_pkuseg

    with contextlib.redirect_stderr(io.StringIO()):  # its note that features.msgpack is absent
        pkuseg = spacy_pkuseg.pkuseg(str(require_model()))
    return {"pkuseg segment": pkuseg.cut, "kg segment": load().tokenizer}


def _segment(texts: list[str], cut: Callable[[str], object]) -> float:
    started = time.perf_counter()
    for text in texts:
        cut(text)
    return time.perf_counter() - started


def _kg_build(corpus: Path, out: Path, jobs: int) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of ``kg build``."""
    started = time.perf_counter()
    proc = subprocess.Popen([str(KG_BIN), "build", str(corpus), "--out", str(out), "--no-html", "--quiet",
                             "--jobs", str(jobs)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4: Popen must not wait again
    if proc.returncode:
        sys.exit(f"kg build --jobs {jobs} failed with exit code {proc.returncode}")
    return seconds, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, nargs="+", default=[1000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1, metavar="R", help="runs of each; the fastest is shown")
    args = parser.parse_args()
    segmenters = _segmenters()
    print(f"{'N':>6} {'chars':>10} {'run':<18} {'chars/s':>9} {'x seg':>6} {'x j1':>5} {'seconds':>8} {'peak MiB':>9} "
          f"{'kg.ttl MB':>9} {'kg.nt MB':>8} {'store MB':>8}  {'every run, s' if args.repeat > 1 else ''}")
    for n in args.n:
        with tempfile.TemporaryDirectory(prefix="kg-scale-") as tmp:
            corpus = Path(tmp) / "corpus"
            write_corpus(corpus, n)
            texts = [clean(a).text for a in read_inputs([corpus]) if not isinstance(a, InputError)]
            chars = sum(map(len, texts))
            seg: dict[str, list[float]] = {name: [] for name in segmenters}
            builds: dict[int, list[tuple[float, int]]] = {jobs: [] for jobs in args.jobs}
            for _ in range(args.repeat):
                for name, cut in segmenters.items():
                    seg[name].append(_segment(texts, cut))
                for jobs in args.jobs:
                    builds[jobs].append(_kg_build(corpus, Path(tmp) / f"out{jobs}", jobs))
            best = min(seg["pkuseg segment"])
            for name, runs in seg.items():
                print(f"{n:>6} {chars:>10,} {name:<18} {chars / min(runs):>9,.0f} {best / min(runs):>6.2f} {'':>5} "
                      f"{min(runs):>8.1f}{'':>38}{_runs(runs, args.repeat)}", flush=True)
            one = min(s for s, _ in builds[1]) if 1 in builds else None
            for jobs, runs in builds.items():
                seconds, rss = min(s for s, _ in runs), max(r for _, r in runs)
                sizes = [_size(Path(tmp) / f"out{jobs}" / name) / 1e6 for name in ("kg.ttl", "kg.nt", "store")]
                x_one = f"{one / seconds:>5.2f}" if one else f"{'':>5}"
                print(f"{n:>6} {chars:>10,} {f'kg build --jobs {jobs}':<18} {chars / seconds:>9,.0f} "
                      f"{best / seconds:>6.2f} {x_one} {seconds:>8.1f} {rss / 1024:>9.0f} "
                      f"{sizes[0]:>9.1f} {sizes[1]:>8.1f} {sizes[2]:>8.1f}{_runs([s for s, _ in runs], args.repeat)}",
                      flush=True)


def _runs(seconds: list[float], repeat: int) -> str:
    return "  " + " ".join(f"{s:.1f}" for s in seconds) if repeat > 1 else ""


if __name__ == "__main__":
    main()
