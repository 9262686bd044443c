"""Figures for exports, the embedded store, ``kg query`` and ``kg push`` on a graph scaled up
from a build (no NLP: the graph is the build's, copied N times under fresh IRIs).

    .venv/bin/kg build seeds/ --out /tmp/seeds
    .venv/bin/python benchmarks/store.py /tmp/seeds/kg.ttl --copies 100

Prints one line per figure. Starts a local Oxigraph server on a free loopback port for
the push figures and stops it afterwards.
"""
from __future__ import annotations

import argparse
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Graph, URIRef

from kg.export import write_exports
from kg.push import push
from kg.query import run_query
from kg.rdf import serialize
from kg.store import write_store
from kg.vocab import ID

QUERIES = Path(__file__).resolve().parents[1] / "queries"


def scaled(graph: Graph, copies: int) -> Graph:
    """``copies`` disjoint copies of ``graph`` (kg IRIs get a copy suffix)."""
    def rename(node, i):
        return URIRef(f"{node}-{i}") if isinstance(node, URIRef) and str(node).startswith(str(ID)) else node

    big = Graph()
    for i in range(copies):
        for s, p, o in graph:
            big.add((rename(s, i), p, rename(o, i)))
    return big


def timed(label: str, fn, *args, **kwargs):
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    print(f"{label}: {time.perf_counter() - started:.2f} s")
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("graph", type=Path, help="kg.ttl of a build")
    ap.add_argument("--copies", type=int, default=100)
    args = ap.parse_args()
    graph = scaled(Graph().parse(args.graph), args.copies)
    print(f"graph: {len(graph)} triples ({args.copies} copies of {args.graph})")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "build"
        timed("kg.ttl (rdflib Turtle)", serialize, graph, out / "kg.ttl")
        timed("exports kg.nt kg.nq kg.trig kg.jsonld", write_exports, graph, out)
        timed("store/ (pyoxigraph bulk load)", write_store, out)
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
