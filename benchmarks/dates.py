"""How many articles of a build have a date, from where, and a fixed sample of them for a hand check.

    .venv/bin/python benchmarks/dates.py BUILD_DIR_OR_GRAPH [-n 20] [--seed 29]

Prints the number of articles, of dated ones, and of each ``kg:dateSource``; then N dated
articles drawn with ``random.Random(SEED).sample`` over their sorted ids (the same build gives
the same sample): id, date, source, its file and URL, and the lines of its text the date was
read from (its first and last lines), for a reader to mark right or wrong
(``benchmarks/dates_check.md`` is that check on the raw corpus).
"""
from __future__ import annotations

import argparse
import csv
import random
from collections import Counter
from pathlib import Path

from kg.graph.query import run_query

QUERY = """SELECT ?id ?date ?source ?file ?url WHERE {
  ?a a kg:Article ; dcterms:identifier ?id ; kg:file ?file .
  OPTIONAL { ?a dcterms:date ?date ; kg:dateSource ?source }
  OPTIONAL { ?a dcterms:source ?url }
} ORDER BY ?id"""


def _lines(path: str, n: int = 3) -> str:
    """The first and last ``n`` non-empty lines of the article's file, each cut short."""
    try:
        lines = [line.strip() for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError):
        return "(not readable here)"
    shown = lines if len(lines) <= 2 * n else [*lines[:n], "…", *lines[-n:]]
    return " ⏎ ".join(line if len(line) <= 60 else line[:40] + "…" + line[-15:] for line in shown)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("graph")
    parser.add_argument("-n", type=int, default=20)
    parser.add_argument("--seed", type=int, default=29)
    args = parser.parse_args()
    answer = run_query(Path(args.graph), QUERY, "csv").decode("utf-8")
    rows = {row[0]: row for row in csv.reader(answer.splitlines()[1:])}
    dated = sorted(i for i, row in rows.items() if row[1])
    sources = Counter(rows[i][2] for i in dated)
    print(f"articles {len(rows)}; dated {len(dated)}; " + ", ".join(f"{s} {n}" for s, n in sources.most_common()))
    print("id\tdate\tsource\turl\tfirst and last lines")
    for article_id in random.Random(args.seed).sample(dated, min(args.n, len(dated))):
        _, date, source, file, url = rows[article_id]
        print("\t".join([article_id, date, source, url, _lines(file)]))


if __name__ == "__main__":
    main()
