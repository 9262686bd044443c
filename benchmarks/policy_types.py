"""How many measures and campaigns of a build have a type, how many have each, and a fixed random
sample of typed ones for a hand check against the definitions of ``ontology/policy-types.ttl``.

    .venv/bin/python benchmarks/policy_types.py BUILD_DIR [-n 20] [--seed 29]

Prints the counts, then the sample as a TSV (class, name, types, the rule of each type, article)
that a reader marks right or wrong: a type is right when the definition of the concept covers
what the article says the measure or campaign is about.
"""
from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

from kg.extract.subjects import concepts, cue_types
from kg.graph.vocab import policy_labels

QUERY = """SELECT ?cls ?name (GROUP_CONCAT(DISTINCT ?type; separator=" ") AS ?types) (MIN(?id) AS ?article) WHERE {
  ?x a ?c ; rdfs:label ?name . FILTER (?c IN (kg:Measure, kg:Campaign)) BIND (STRAFTER(STR(?c), "#") AS ?cls)
  ?a kg:mentions ?x ; dcterms:identifier ?id .
  OPTIONAL { ?x dcterms:subject ?t . BIND (STRAFTER(STR(?t), "#") AS ?type) }
} GROUP BY ?x ?cls ?name ORDER BY ?cls ?name ?article"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("build")
    parser.add_argument("-n", type=int, default=20)
    parser.add_argument("--seed", type=int, default=29)
    args = parser.parse_args()
    kg = Path(sys.executable).parent / "kg"
    answer = subprocess.run([str(kg), "query", args.build, QUERY, "--format", "csv"], check=True,
                            capture_output=True, text=True).stdout
    order = {c: i for i, c in enumerate(concepts())}
    rows = [dict(r, types=sorted(r["types"].split(), key=order.__getitem__)) for r in csv.DictReader(answer.splitlines())]
    typed = [r for r in rows if r["types"]]
    for cls in ("Measure", "Campaign"):
        of = [r for r in rows if r["cls"] == cls]
        print(f"{cls}: {sum(bool(r['types']) for r in of)} of {len(of)} with a type")
    counts = {cls: Counter(t for r in typed if r["cls"] == cls for t in r["types"]) for cls in ("Measure", "Campaign")}
    labels = policy_labels()
    print("type\tzh\tMeasure\tCampaign")
    for concept in concepts():
        print(f"{concept}\t{labels[concept]['zh']}\t{counts['Measure'][concept]}\t{counts['Campaign'][concept]}")
    print()
    print("class\tname\ttypes\trules\tarticle")
    for r in random.Random(args.seed).sample(typed, min(args.n, len(typed))):
        by_name = {c for c, _ in cue_types(r["name"])}
        rules = " ".join("name" if t in by_name else "sentence" for t in r["types"])
        print(f"{r['cls']}\t{r['name']}\t{' '.join(r['types'])}\t{rules}\t{r['article']}")


if __name__ == "__main__":
    main()
