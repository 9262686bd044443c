"""Throughput of the entity stage next to pkuseg segmentation alone, on the same text.

    .venv/bin/python benchmarks/entity_stage.py [INPUT ...]

INPUT defaults to the seeds and the dev corpus (seeds/ and ../shared/corpus/dev). The
text is cleaned once; then, in one run, the script times (best of --repeat):
segmentation alone (kg's tokenizer, without its cleaning), the extraction stage
(recognisers and relations, ``kg.extract.extract``) on its Docs, and the pipeline's
components over new Docs of the same texts (``kg_entities``, ``kg_relations``: that
extraction, then spaCy's spans, entities and facts of it), and prints characters per
second for each and for segmentation with either.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from kg.errors import InputError
from kg.extract import gazetteer
from kg.extract import extract
from kg.nlp.pipeline import load
from kg.text.clean import clean
from kg.text.ingest import read_inputs

REPO = Path(__file__).resolve().parents[1]


def best_of(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def _components(nlp, articles, cleaned) -> float:
    """Seconds the components take over new Docs of the texts (segmented before the clock starts)."""
    docs = [nlp.tokenizer.article_doc(a, c) for a, c in zip(articles, cleaned)]
    started = time.perf_counter()
    for _ in nlp.pipe(docs):
        pass
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("inputs", nargs="*", default=[str(REPO / "seeds"), str(REPO.parent / "shared/corpus/dev")])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    articles = [a for a in read_inputs(args.inputs) if not isinstance(a, InputError)]
    cleaned = [clean(a) for a in articles]
    chars = sum(len(c.text) for c in cleaned)
    nlp = load()
    gazetteer.load()
    docs = [nlp.tokenizer.segment(c.text) for c in cleaned]
    seg = best_of(args.repeat, lambda: [nlp.tokenizer.segment(c.text) for c in cleaned])
    ext = best_of(args.repeat, lambda: [extract(a, c, d) for a, c, d in zip(articles, cleaned, docs)])
    comp = min(_components(nlp, articles, cleaned) for _ in range(args.repeat))
    print(f"{len(articles)} articles, {chars:,} characters (cleaned, Simplified)")
    print(f"{'stage':36} {'seconds':>8} {'chars/s':>10}")
    for name, secs in (("pkuseg segmentation alone", seg), ("entity + relation extraction", ext),
                       ("the components (extraction + spaCy)", comp), ("segmentation + extraction", seg + ext),
                       ("segmentation + the components", seg + comp)):
        print(f"{name:36} {secs:8.3f} {chars / secs:10,.0f}")


if __name__ == "__main__":
    main()
