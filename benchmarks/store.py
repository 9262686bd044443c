"""Figures for the graph files, the embedded store, ``kg query`` and ``kg push`` on a graph
scaled up from a build (no NLP: the build's article graphs, copied N times under fresh IRIs).

    .venv/bin/kg build seeds/ --out /tmp/seeds
    .venv/bin/python benchmarks/store.py /tmp/seeds/kg.nq --copies 100

Prints one line per figure. Starts a local Oxigraph server on a free loopback port for
the push figures and stops it afterwards.
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.graph.export import GraphWriter
from kg.graph.push import push
from kg.graph.query import run_query
from kg.graph.store import write_store
from kg.graph.vocab import ID

QUERIES = Path(__file__).resolve().parents[1] / "queries"


def scaled(quads: bytes, copies: int) -> list[bytes]:
    """``copies`` disjoint copies of the article graphs ``quads`` (kg IRIs get a copy suffix), a block each."""
    node = re.compile(rb"<(" + re.escape(str(ID).encode()) + rb"[^>]*)>")
    return [node.sub(rb"<\1-%d>" % i, quads) for i in range(copies)]


def write(blocks: list[bytes], out: Path) -> int:
    with GraphWriter(out, store=True) as writer:
        for block in blocks:
            writer.add(block)
        return writer.finish().triples


def timed(label: str, fn, *args, **kwargs):
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    print(f"{label}: {time.perf_counter() - started:.2f} s")
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("quads", type=Path, help="kg.nq of a build")
    ap.add_argument("--copies", type=int, default=100)
    args = ap.parse_args()
    blocks = scaled(args.quads.read_bytes(), args.copies)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "build"
        triples = timed("kg.nq kg.nt kg.ttl kg.trig kg.jsonld and store/", write, blocks, out)
        print(f"graph: {triples} triples ({args.copies} copies of {args.quads})")
        timed("store/ again, unchanged (hash check only)", write_store, out)
        for name in ("kg.ttl", "kg.nt", "kg.nq", "kg.trig", "kg.jsonld"):
            print(f"size {name}: {(out / name).stat().st_size / 1e6:.1f} MB")
        store_mb = sum(p.stat().st_size for p in (out / "store").rglob("*") if p.is_file()) / 1e6
        print(f"size store/: {store_mb:.1f} MB")
        for query in sorted(QUERIES.glob("*.rq")):
            text = query.read_text(encoding="utf-8")
            timed(f"query {query.name} via store/", run_query, out, text, "csv")
            timed(f"query {query.name} via kg.ttl (parse + query)", run_query, out / "kg.ttl", text, "csv")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen([str(Path(sys.executable).parent / "oxigraph"), "serve", "--location",
                                   str(Path(tmp) / "server"), "--bind", f"127.0.0.1:{port}"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(300):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            for chunk in (50_000, 10_000):
                report = push(out, f"http://127.0.0.1:{port}/store", chunk=chunk)
                print(f"push (chunks of {chunk}): {report.seconds:.2f} s, {report.requests} requests, "
                      f"{report.sent / report.seconds:,.0f} triples/s, server holds {report.held}")
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (pid {os.getpid()})")


if __name__ == "__main__":
    main()
