"""Figures for the bounds of ``kg query`` (kg/graph/bounded.py): what running the query in a
child process costs on a small query, and the memory of a cross product streamed as CSV or
shown as a capped table.

    .venv/bin/kg build seeds/ --out /tmp/seeds
    .venv/bin/python benchmarks/query_bounds.py /tmp/seeds

Prints one line per figure.
"""
from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import time
from pathlib import Path

from kg.graph.bounded import LIMIT
from kg.graph.query import _evaluate, _keywords, write_query

SMALL = "SELECT ?s ?l WHERE { ?s rdfs:label ?l } LIMIT 20"
CROSS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
KG_BIN = Path(sys.executable).parent / "kg"


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def peak_mb(*args: str) -> tuple[float, str]:
    """Peak resident memory of ``kg ARGS`` and of the child it forks (the larger), in MB; its last stderr line."""
    probe = ("import resource, subprocess, sys; p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
             "stderr=subprocess.PIPE, text=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "
             "(p.stderr.strip().splitlines() or [''])[-1], sep='\\t')")
    line = subprocess.run([sys.executable, "-c", probe, str(KG_BIN), *args], capture_output=True, text=True).stdout
    kb, _, last = line.rstrip("\n").partition("\t")
    return int(kb) / 1024, last


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("build", type=Path, help="a directory made by kg build")
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    inline = median_ms(lambda: _evaluate(io.BytesIO(), target=args.build, text=SMALL, fmt="table", origin="q",
                                         words=_keywords(SMALL), max_width=None, limit=LIMIT, count_until=None),
                       args.runs)
    child = median_ms(lambda: write_query(io.BytesIO(), args.build, SMALL), args.runs)
    print(f"small query, in this process: {inline:.1f} ms; in a child process: {child:.1f} ms "
          f"(+{child - inline:.1f} ms, median of {args.runs})")
    for seconds in (5, 20):
        mb, last = peak_mb("query", str(args.build), CROSS, "--format", "csv", "--timeout", str(seconds))
        print(f"cross product as CSV to /dev/null for {seconds} s: peak {mb:.0f} MB ({last})")
    mb, last = peak_mb("query", str(args.build), CROSS, "--timeout", "20")
    print(f"cross product as a table (--limit {LIMIT}, the rest counted): peak {mb:.0f} MB ({last or 'exit 0'})")


if __name__ == "__main__":
    main()
