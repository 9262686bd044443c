"""Command line: a thin layer over the library.

Each command is a ``register_*`` function adding its sub-parser and a ``run``
callable taking the parsed arguments and returning an exit code. Library errors
(``KgError``) become one-line messages. Exit codes: 0 ok, 1 nothing built (no article
readable, no room on the disk for the outputs) or not conforming (or a server failed, or a
query or request ran past its --timeout), 2 bad input or options (an output folder that is a
file, read-only, or not kg's and holding files of kg's names without --force), 130 interrupted. A build that fails leaves what
was in its folder as it was.

Each command imports the library it runs inside its ``run`` function: ``kg --help`` and
``kg query`` do not import the build (spaCy, the writers), and ``kg build --jobs N`` starts
its fork server before it imports the rest of the build.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
from contextlib import nullcontext
from pathlib import Path

from .errors import InputError, KgError, one_line
from .graph.bounded import LIMIT
from .graph.bounded import TIMEOUT as QUERY_TIMEOUT
from .run.pool import WorkerPool
from .text.ingest import MAX_BYTES


def register_build(sub: argparse._SubParsersAction) -> None:
    b = sub.add_parser("build", help="build kg.ttl, its exports, store and graph.html from articles",
                       description="Build the graph of the given articles: kg.ttl, kg.nt, kg.nq, kg.trig, "
                                   "kg.jsonld, ontology.ttl, shapes.ttl, policy-types.ttl, store/, graph.html and report.html.",
                       epilog="example: kg build seeds/ --out output/ --jobs 2 ; later: kg build more/ --into output/ ; "
                              "kg build corpus/raw --metadata corpus/raw/SOURCES.tsv --out raw/")
    b.add_argument("inputs", nargs="+", metavar="INPUT",
                   help=".txt files, .jsonl files (id, text, title, url, date) or directories")
    where = b.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=Path, metavar="DIR",
                       help="output directory: new, empty or a kg build (which is replaced)")
    where.add_argument("--into", type=Path, metavar="DIR",
                       help="add the articles to the build in DIR, skipping those whose text it already has")
    b.add_argument("--metadata", type=Path, metavar="FILE",
                   help="a .csv, .tsv or .jsonl file of the articles' id (or file), url, date and title; "
                        "a table without a header row is read as id, url")
    b.add_argument("--force", action="store_true",
                   help="build in DIR though it is no kg build and holds files of kg's names (kg.ttl, graph.html, "
                        "...): those are replaced, nothing else is touched (other files alone need no --force)")
    b.add_argument("--no-html", action="store_true", help="skip graph.html and report.html")
    b.add_argument("--max-bytes", type=_positive_int, default=MAX_BYTES, metavar="N",
                   help=f"skip any article file larger than N bytes (default {MAX_BYTES})")
    b.add_argument("--no-store", action="store_true", help="skip the embedded store (DIR/store/); removes an old one")
    b.add_argument("--jobs", type=_count(1), default=None, metavar="N",
                   help="worker processes that read, deduplicate, segment and extract the corpus's partitions "
                        "(default 1; with --dask local, the cluster's workers, default the number of CPUs); "
                        "the output is the same")
    b.add_argument("--dask", metavar="ADDRESS",
                   help="run that work on the Dask cluster whose scheduler is at ADDRESS (tcp://HOST:8786), or on "
                        "a local one (local); its workers must see the inputs and DIR at the same paths; "
                        "needs pip install 'kg[dask]'")
    b.add_argument("--partitions", action="store_true",
                   help="also write DIR/parts/: the graph's quads in sorted files, one per partition of the "
                        "corpus, and index.tsv, to load in parallel into a store or server")
    b.add_argument("--quiet", action="store_true", help="no progress bar (there is none when stderr is not a terminal)")
    b.set_defaults(run=_run_build)


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of bytes")
    return int(text)


def _run_build(args: argparse.Namespace) -> int:
    jobs = args.jobs or (os.cpu_count() or 1 if args.dask == "local" else 1)
    # with workers, their fork server starts now and loads the pipeline while this process imports the build
    with WorkerPool(jobs) if jobs > 1 and args.dask is None else nullcontext() as pool:
        from .run.build import build

        report = build(args.inputs, args.out or args.into, html=not args.no_html, store=not args.no_store,
                       into=args.into is not None, max_bytes=args.max_bytes, jobs=jobs, progress=not args.quiet,
                       dask=args.dask, pool=pool, metadata=args.metadata, force=args.force,
                       partitions=args.partitions)
    print(report.summary())
    return 0


def register_query(sub: argparse._SubParsersAction) -> None:
    q = sub.add_parser("query", help="run a SPARQL query over a build or a graph file",
                       description="Run a SPARQL 1.1 SELECT, ASK, CONSTRUCT or DESCRIBE query over a build "
                                   "directory (its embedded store, else its kg.ttl) or an RDF file "
                                   "(.ttl .nt .nq .trig .jsonld .rdf). kg's prefixes (kg: kgid: policy: rdf: rdfs: "
                                   "skos: prov: dcterms: org: time: xsd: owl:) are predeclared.",
                       epilog="example: kg query output/ --file queries/officials.rq")
    q.add_argument("target", type=Path, metavar="GRAPH_OR_STORE", help="build directory or graph file")
    q.add_argument("query", nargs="?", metavar="QUERY", help="the query text (or use --file)")
    q.add_argument("--file", type=Path, metavar="Q.rq", help="read the query from this file")
    q.add_argument("--format", choices=("table", "csv", "json", "ttl"), default="table",
                   help="table (default), csv or json (SPARQL results; JSON-LD for graphs); ttl for graphs")
    q.add_argument("--allow-service", action="store_true",
                   help="let the query call other endpoints with SERVICE (outbound HTTP); refused otherwise")
    q.add_argument("--timeout", type=_seconds, default=QUERY_TIMEOUT, metavar="SECONDS",
                   help=f"stop the query after this long, exit 1 (default {QUERY_TIMEOUT:g}; 0: no limit)")
    q.add_argument("--limit", type=_count(0), default=LIMIT, metavar="N",
                   help=f"rows shown as a table (default {LIMIT}; 0: all); csv and json give every row")
    q.set_defaults(run=_run_query)


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds (0 or more)")
    return seconds


def _run_query(args: argparse.Namespace) -> int:
    from .graph.query import write_query

    if (args.query is None) == (args.file is None):
        raise InputError("give the query either as QUERY or with --file Q.rq, not both or neither")
    if args.file is not None:
        try:
            text = args.file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{args.file}: cannot read the query ({exc.__class__.__name__}: {exc})") from exc
    else:
        text = args.query
    fit = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    try:
        write_query(sys.stdout.buffer, args.target, text, args.format, origin=str(args.file or "query"),
                    max_width=fit, allow_service=args.allow_service, timeout=args.timeout, limit=args.limit)
    except BrokenPipeError:  # kg query ... | head: the reader has gone, and Python must not flush again at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def register_push(sub: argparse._SubParsersAction) -> None:
    from .graph.push import CHUNK
    from .graph.push import TIMEOUT as PUSH_TIMEOUT

    p = sub.add_parser("push", help="load a build into a triplestore server (SPARQL Graph Store Protocol)",
                       description="Replace a graph on a server speaking the SPARQL 1.1 Graph Store HTTP "
                                   "Protocol (Oxigraph, Fuseki, GraphDB, Virtuoso) with the build's triples, "
                                   "sent in chunks, then report how many triples the server holds there.",
                       epilog="example: kg push output/ --endpoint http://localhost:7878/store "
                              "--graph https://example.org/cadre-kg")
    p.add_argument("build", type=Path, metavar="BUILD_DIR", help="a directory made by kg build")
    p.add_argument("--endpoint", required=True, metavar="URL",
                   help="the Graph Store endpoint: Oxigraph .../store, Fuseki .../DATASET/data, "
                        "GraphDB .../repositories/REPO/rdf-graphs/service, Virtuoso .../sparql-graph-crud")
    p.add_argument("--graph", metavar="IRI", help="the named graph to replace (default: the default graph)")
    p.add_argument("--user", metavar="U", help="user name for HTTP Basic authentication")
    p.add_argument("--password-env", metavar="VAR", help="environment variable holding the password")
    p.add_argument("--query-url", metavar="URL",
                   help="SPARQL query endpoint for the final count (known server layouts are derived from "
                        "--endpoint; otherwise the graph is fetched and counted)")
    p.add_argument("--chunk-size", type=int, default=CHUNK, metavar="N", help=f"triples per request ({CHUNK})")
    p.add_argument("--timeout", type=_seconds, default=PUSH_TIMEOUT, metavar="SECONDS",
                   help=f"the longest one request may take, its answer included, exit 1 (default {PUSH_TIMEOUT:g}; "
                        "0: no limit)")
    p.set_defaults(run=_run_push)


def _run_push(args: argparse.Namespace) -> int:
    from .graph.push import password_from, push

    report = push(args.build, args.endpoint, graph=args.graph, auth=password_from(args.password_env, args.user),
                  chunk=args.chunk_size, query_url=args.query_url, timeout=args.timeout)
    print(report.summary())
    return 0


def register_validate(sub: argparse._SubParsersAction) -> None:
    v = sub.add_parser("validate", help="check a build against the SHACL shapes",
                       description="Validate a build's kg.ttl (or a graph file) against ontology/shapes.ttl "
                                   "with ontology/kg.ttl as the ontology; exit 1 when it does not conform.",
                       epilog="example: kg validate output/")
    v.add_argument("target", type=Path, metavar="BUILD_DIR", help="a directory made by kg build, or a graph file")
    v.set_defaults(run=_run_validate)


def _run_validate(args: argparse.Namespace) -> int:
    from .graph.validate import validate

    report = validate(args.target)
    sys.stdout.write(report.text())
    return 0 if report.conforms else 1


def register_view(sub: argparse._SubParsersAction) -> None:
    v = sub.add_parser("view", help="write a focused or reduced HTML view of a build",
                       description="Write an offline HTML view of part of a build: the entities within N hops "
                                   "of a named one, of some classes, the top N by degree, or one article's "
                                   "entities and relations beside its text. Without options: every entity.",
                       epilog="example: kg view output/ --focus 黄岩区 --hops 2 --out huangyan.html ; "
                              "kg view output/ --article 000_65aed96cc3a38a9a")
    v.add_argument("build", type=Path, metavar="BUILD_DIR", help="a directory made by kg build, or a graph file")
    v.add_argument("--focus", metavar="NAME", help="keep the entities around the one with this label or altLabel")
    v.add_argument("--hops", type=_count(0), default=None, metavar="N", help="how far around --focus (default 1)")
    v.add_argument("--classes", type=lambda text: [c.strip() for c in text.split(",") if c.strip()], default=[],
                   metavar="A,B", help="keep only these classes (Locality,Official,Post,Campaign,Measure,"
                                       "CadreGroup,Organization)")
    v.add_argument("--top", type=_count(1), metavar="N", help="keep the N entities of highest degree")
    v.add_argument("--article", metavar="ID", help="one article's entities and relations, beside its text")
    v.add_argument("--out", type=Path, metavar="FILE", help="the page to write (default BUILD_DIR/view.html)")
    v.set_defaults(run=_run_view)


def _count(minimum: int):
    def parse(text: str) -> int:
        if not text.isdigit() or int(text) < minimum:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least {minimum}")
        return int(text)
    return parse


def _run_view(args: argparse.Namespace) -> int:
    from .view.view import view

    if args.hops is not None and args.focus is None:
        raise InputError("--hops N needs --focus NAME")
    report = view(args.build, args.out, focus=args.focus, hops=1 if args.hops is None else args.hops,
                  classes=args.classes, top=args.top, article=args.article)
    print(report.summary())
    return 0


def register_table(sub: argparse._SubParsersAction) -> None:
    t = sub.add_parser("table", help="write a tidy table of a build: facts, careers or adoptions",
                       description="Write one of a build's tables, with names (never IRIs), one row per "
                                   "observation: facts (every relation statement with its place, date, "
                                   "confidence and evidence), careers (official, post, organisation, place, first "
                                   "and last seen) or adoptions (which locality launched or issued which campaign "
                                   "or measure, of which policy types, when).",
                       epilog="example: kg table output/ careers --format csv --out careers.csv")
    t.add_argument("build", type=Path, metavar="BUILD_DIR", help="a directory made by kg build")
    t.add_argument("table", metavar="TABLE", help="facts, careers or adoptions")
    t.add_argument("--format", default="csv", metavar="FORMAT",
                   help="csv (default), tsv or json (a list of objects, missing values null)")
    t.add_argument("--out", type=Path, metavar="FILE", help="write the table to FILE (default: standard output)")
    t.set_defaults(run=_run_table)


def _run_table(args: argparse.Namespace) -> int:
    from .view.tables import FORMATS, serialise, table

    if args.format not in FORMATS:
        raise InputError(f"--format {args.format}: kg table writes {', '.join(FORMATS)}")
    tab = table(args.build, args.table)
    data = serialise(tab, args.format)
    if args.out is not None:
        from .atomic import write_atomic

        try:
            write_atomic(args.out, data)
        except OSError as exc:
            raise InputError(f"{args.out}: cannot write the table ({exc.strerror}); give another --out") from exc
        print(f"{args.out}: {len(tab.rows)} rows of {tab.name}")
        return 0
    _write_stdout(data)
    return 0


def _write_stdout(data: bytes) -> None:
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    except BrokenPipeError:  # kg ... | head: the reader has gone, and Python must not flush again at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


#: every command of the CLI, in the order ``kg --help`` lists them
COMMANDS = [register_build, register_query, register_push, register_validate, register_view, register_table]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kg", description="Knowledge graphs from Chinese local-government news.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in COMMANDS:
        register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except KgError as exc:
        print(f"kg: {one_line(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("kg: interrupted; previous outputs are intact", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
