"""Corpus scale: kg end to end next to pkuseg segmentation alone, on the same text.

    .venv/bin/python benchmarks/scale.py [-n 1000 10000] [--jobs 1 2] [--repeat 3] [--without-store]

For each N, a synthetic corpus of N articles (benchmarks/corpus.py, seed 7) is written to
a temporary folder and cleaned once to count its characters (cleaned, Simplified). The
script then prints characters per second, and the speed relative to segmentation (x seg)
and to ``--jobs 1`` (x j1), of: pkuseg segmentation alone (spacy-pkuseg's ``pkuseg(model).cut``,
model already loaded), the same by kg's segmenter (``kg.nlp.segmenter``, the same words, through
the spaCy tokenizer as a build runs it), both in a process of their own, and ``kg build DIR
--no-html --quiet --jobs J`` run as a subprocess (wall time, model loading and every output
included), also with ``--no-store`` given ``--without-store``; the peak memory of that build
(the proportional set size, PSS, of all its processes together: itself, the fork server,
workers and writers, sampled from /proc every 0.2 s), the sizes of kg.ttl, kg.nt and store/,
the CPU seconds of all the build's processes (CPU s: each one's utime + stime as last seen in
/proc, the build's own at its end; a helper living less than a sample is missed) and the
share of them spent in the build's own process (client: reading, cleaning, duplicates, writing;
with ``--jobs 1`` also segmenting and extracting). ``--syndicated``: the corpus is copies of N/22
stories under other sites' headers (``benchmarks/corpus.py``), as real archives repeat news.
This process loads no model, so what it holds is not counted in the builds it starts.

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
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from corpus import write_corpus

from kg.errors import InputError
from kg.nlp.model import require_model
from kg.text.clean import clean
from kg.text.ingest import read_inputs

KG_BIN = Path(sys.executable).parent / "kg"
#: seconds between two samples of a build's memory
SAMPLE = 0.2
#: in the process that segments: the cleaned texts and the segmenters
_texts: list[str] = []
_cuts: dict[str, Callable[[str], object]] = {}


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size


def _load_segmenters(corpus: Path) -> None:
    """In the process that segments: the corpus's cleaned texts, and what segments alone:
    spacy-pkuseg itself, and the spaCy tokenizer of kg's pipeline (its segmentation, as a build runs
    it on a text it has cleaned)."""
    import spacy_pkuseg

    from kg.nlp.pipeline import load

    _texts.extend(clean(a).text for a in read_inputs([corpus]) if not isinstance(a, InputError))
    with contextlib.redirect_stderr(io.StringIO()):  # its note that features.msgpack is absent
        pkuseg = spacy_pkuseg.pkuseg(str(require_model()))
    _cuts.update({"pkuseg segment": pkuseg.cut, "kg segment": load().tokenizer.segment})


def _chars() -> int:
    return sum(map(len, _texts))


def _segment() -> dict[str, float]:
    """Seconds each segmenter takes over the texts."""
    seconds = {}
    for name, cut in _cuts.items():
        started = time.perf_counter()
        for text in _texts:
            cut(text)
        seconds[name] = time.perf_counter() - started
    return seconds


def _tree(root: int) -> list[int]:
    """``root`` and its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = Path(entry.path, "stat").read_text()
                children.setdefault(int(stat[stat.rindex(")") + 2:].split()[1]), []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        tree.append(pid := todo.pop())
        todo.extend(children.get(pid, ()))
    return tree


def _pss(pids: list[int]) -> int:
    """The proportional set size (KiB) of these processes together: pages they share counted once."""
    return proc_sum(pids, "smaps_rollup", "Pss:")


def proc_sum(pids: list[int], name: str, field: str) -> int:
    """The sum over these processes of a field (KiB) of their file ``/proc/PID/NAME``."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            with open(f"/proc/{pid}/{name}") as fh:
                total += next((int(line.split()[1]) for line in fh if line.startswith(field)), 0)
    return total


def _kg_build(corpus: Path, out: Path, jobs: int, store: bool) -> tuple[float, int, float, float]:
    """Wall seconds, peak memory (PSS, KiB, of all its processes), and CPU seconds of ``kg build``: of
    its own process (the client, which reads, deduplicates and writes) and of all its processes
    (the client, its fork server, workers, writers and store threads)."""
    started = time.perf_counter()
    proc = subprocess.Popen([str(KG_BIN), "build", str(corpus), "--out", str(out), "--no-html", "--quiet",
                             "--jobs", str(jobs), *([] if store else ["--no-store"])],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    ticks: dict[int, int] = {}  # each process's CPU time (utime + stime) when last seen
    # the build ended but not yet reaped (WNOWAIT): its /proc/PID/stat holds its own final CPU times
    while os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None:
        tree = _tree(proc.pid)
        peak = max(peak, _pss(tree))
        ticks.update((pid, t) for pid in tree if (t := _cpu_ticks(pid)) is not None)
        time.sleep(SAMPLE)
    ticks[proc.pid] = _cpu_ticks(proc.pid) or ticks.get(proc.pid, 0)
    proc.wait()
    seconds = time.perf_counter() - started
    hz = os.sysconf("SC_CLK_TCK")
    if proc.returncode:
        sys.exit(f"kg build --jobs {jobs} failed with exit code {proc.returncode}")
    return seconds, peak, ticks[proc.pid] / hz, sum(ticks.values()) / hz


def _cpu_ticks(pid: int) -> int | None:
    """The CPU time (clock ticks, user + system) of a process so far, from /proc/PID/stat."""
    with contextlib.suppress(OSError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, nargs="+", default=[1000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--without-store", action="store_true", help="also each build with --no-store")
    parser.add_argument("--repeat", type=int, default=1, metavar="R", help="runs of each; the fastest is shown")
    parser.add_argument("--syndicated", action="store_true",
                        help="a corpus of copies of N/22 stories (benchmarks/corpus.py) instead of distinct articles")
    args = parser.parse_args()
    runs = [(jobs, store) for store in (True, False)[:1 + args.without_store] for jobs in args.jobs]
    print(f"{'N':>6} {'chars':>10} {'run':<28} {'chars/s':>9} {'x seg':>6} {'x j1':>5} {'seconds':>8} "
          f"{'peak MiB':>9} {'kg.ttl MB':>9} {'kg.nt MB':>8} {'store MB':>8} {'CPU s':>6} {'client':>6}  "
          f"{'every run, s' if args.repeat > 1 else ''}")
    for n in args.n:
        with tempfile.TemporaryDirectory(prefix="kg-scale-") as tmp:
            corpus = Path(tmp) / "corpus"
            write_corpus(corpus, n, copies=args.syndicated)
            with ProcessPoolExecutor(1, multiprocessing.get_context("spawn"), _load_segmenters, (corpus,)) as seg_process:
                chars = seg_process.submit(_chars).result()
                seg: dict[str, list[float]] = {}
                builds: dict[tuple[int, bool], list[tuple[float, int, float, float]]] = {run: [] for run in runs}
                for _ in range(args.repeat):
                    for name, seconds in seg_process.submit(_segment).result().items():
                        seg.setdefault(name, []).append(seconds)
                    for jobs, store in runs:
                        builds[jobs, store].append(_kg_build(corpus, _out(tmp, jobs, store), jobs, store))
            best = min(seg["pkuseg segment"])
            for name, times in seg.items():
                print(f"{n:>6} {chars:>10,} {name:<28} {chars / min(times):>9,.0f} {best / min(times):>6.2f} {'':>5} "
                      f"{min(times):>8.1f}{'':>38}{_runs(times, args.repeat)}", flush=True)
            for (jobs, store), times in builds.items():
                fastest = min(times)  # its CPU figures too: the run least disturbed
                seconds, peak, client, cpu = fastest[0], max(t[1] for t in times), fastest[2], fastest[3]
                one = min(t[0] for t in builds[1, store]) if (1, store) in builds else None
                out = _out(tmp, jobs, store)
                sizes = [_size(out / name) / 1e6 if (out / name).exists() else 0.0 for name in ("kg.ttl", "kg.nt", "store")]
                x_one = f"{one / seconds:>5.2f}" if one else f"{'':>5}"
                label = f"kg build --jobs {jobs}{'' if store else ' --no-store'}"
                print(f"{n:>6} {chars:>10,} {label:<28} {chars / seconds:>9,.0f} "
                      f"{best / seconds:>6.2f} {x_one} {seconds:>8.1f} {peak / 1024:>9.0f} "
                      f"{sizes[0]:>9.1f} {sizes[1]:>8.1f} {sizes[2]:>8.1f} {cpu:>6.1f} {client / cpu:>6.1%}"
                      f"{_runs([t[0] for t in times], args.repeat)}",
                      flush=True)


def _out(tmp: str, jobs: int, store: bool) -> Path:
    """Where the build of one run writes."""
    return Path(tmp) / f"out{jobs}{'' if store else '-no-store'}"


def _runs(seconds: list[float], repeat: int) -> str:
    return "  " + " ".join(f"{s:.1f}" for s in seconds) if repeat > 1 else ""


if __name__ == "__main__":
    main()
