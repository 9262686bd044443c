"""A fixed random sample of a build's statements, per relation, for a hand check of precision.

    .venv/bin/python benchmarks/precision_sample.py BUILD_DIR_OR_GRAPH [-n 15] [--seed 26]

Prints, for each of launches, holds, targets and issues, N statements drawn with a fixed seed
(the same build gives the same sample): the article, subject, object, extractor, confidence and
the evidence sentence, as a TSV a reader marks right or wrong against the annotation guidelines.
"""
from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
from pathlib import Path

QUERY = """SELECT ?article ?s ?o ?rule ?conf ?evidence WHERE {
  ?st rdf:predicate kg:%s ; rdf:subject ?sn ; rdf:object ?on ; kg:extractor ?rule ;
      kg:confidence ?conf ; kg:evidence ?evidence ; prov:wasDerivedFrom ?a .
  ?a dcterms:identifier ?article . ?sn rdfs:label ?s . ?on rdfs:label ?o .
} ORDER BY ?article ?s ?o ?evidence"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("graph")
    parser.add_argument("-n", type=int, default=15)
    parser.add_argument("--seed", type=int, default=26)
    args = parser.parse_args()
    kg = Path(sys.executable).parent / "kg"
    print("relation\tarticle\tsubject\tobject\textractor\tconfidence\tevidence")
    for relation in ("launches", "holds", "targets", "issues"):
        answer = subprocess.run([str(kg), "query", args.graph, QUERY % relation, "--format", "csv"], check=True,
                                capture_output=True, text=True).stdout
        rows = list(csv.reader(answer.splitlines()[1:]))
        for row in random.Random(f"{args.seed}-{relation}").sample(rows, min(args.n, len(rows))):
            print("\t".join([relation, *(cell.replace("\n", " ").replace("\t", " ") for cell in row)]))


if __name__ == "__main__":
    main()
