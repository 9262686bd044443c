"""Command line: ``kg build INPUT... --out DIR``.

Exit codes: 0 built, 1 nothing built, 2 bad input or options.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import KgError


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kg", description="Knowledge graphs from Chinese local-government news.")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build kg.ttl and graph.html from articles",
                       description="Build the graph of the given articles.",
                       epilog="example: kg build seeds/ --out output/")
    b.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt files, .jsonl files (id, text, title, url, date) or directories")
    b.add_argument("--out", required=True, type=Path, metavar="DIR", help="output directory")
    b.add_argument("--no-html", action="store_true", help="skip graph.html")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            from .build import build

            report = build(args.inputs, args.out, html=not args.no_html)
            print(report.summary())
    except KgError as exc:
        print(f"kg: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("kg: interrupted; previous outputs are intact", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
