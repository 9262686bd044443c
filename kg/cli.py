"""Command line: a thin layer over the library.

Each command is a ``register_*`` function adding its sub-parser and a ``run``
callable taking the parsed arguments and returning an exit code. Library errors
(``KgError``) become one-line messages. Exit codes: 0 ok, 1 nothing built or not
conforming, 2 bad input or options, 130 interrupted.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import KgError


def register_build(sub: argparse._SubParsersAction) -> None:
    b = sub.add_parser("build", help="build kg.ttl and graph.html from articles",
                       description="Build the graph of the given articles.",
                       epilog="example: kg build seeds/ --out output/")
    b.add_argument("inputs", nargs="+", metavar="INPUT",
                   help=".txt files, .jsonl files (id, text, title, url, date) or directories")
    b.add_argument("--out", required=True, type=Path, metavar="DIR", help="output directory")
    b.add_argument("--no-html", action="store_true", help="skip graph.html")
    b.set_defaults(run=_run_build)


def _run_build(args: argparse.Namespace) -> int:
    from .build import build

    report = build(args.inputs, args.out, html=not args.no_html)
    print(report.summary())
    return 0


#: every command of the CLI, in the order ``kg --help`` lists them
COMMANDS = [register_build]


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
        print(f"kg: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("kg: interrupted; previous outputs are intact", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
