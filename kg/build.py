"""The build: inputs -> clean -> NLP -> extract -> RDF graph -> kg.ttl and graph.html."""
from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF

from .clean import clean
from .errors import InputError, KgError
from .extract import extract
from .ingest import read_inputs
from .nlp import load
from .rdf import serialize, to_graph
from .vocab import KG
from .types import RELATIONS, Article, Extraction


@dataclass(slots=True)
class BuildReport:
    articles: int = 0
    skipped: list[str] = field(default_factory=list)
    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def summary(self) -> str:
        ents = " ".join(f"{c}={n}" for c, n in sorted(self.entities.items()))
        rels = " ".join(f"{r}={self.relations.get(r, 0)}" for r in RELATIONS)
        skipped = f", {len(self.skipped)} skipped" if self.skipped else ""
        return f"{self.articles} articles{skipped}; entities: {ents or 'none'}; triples: {rels}; {self.seconds:.1f} s"


def process(articles: Iterable[Article]) -> Iterator[Extraction]:
    """Clean, segment and extract each article (one spaCy pipeline, streamed)."""
    nlp = load()
    cleaned = ((c.text, (a, c)) for a in articles for c in (clean(a),))
    for doc, (article, cl) in nlp.pipe(cleaned, as_tuples=True, batch_size=32):
        yield extract(article, cl, doc)


def build(inputs: Iterable[str | Path], out: Path, *, on_skip: Callable[[str], None] | None = None,
          html: bool = True) -> BuildReport:
    """Build ``out/kg.ttl`` (and ``out/graph.html``) from the inputs; bad inputs are reported and skipped."""
    started = time.perf_counter()
    report = BuildReport()
    on_skip = on_skip or (lambda msg: print(f"kg: skipped {msg}", file=sys.stderr))

    def good_articles() -> Iterator[Article]:
        for item in read_inputs(inputs):
            if isinstance(item, InputError):
                report.skipped.append(str(item))
                on_skip(str(item))
            else:
                yield item

    extractions = []
    for ex in process(good_articles()):
        report.articles += 1
        extractions.append(ex)
    if not report.articles:
        raise KgError("no article could be read from the inputs" + (f" ({report.skipped[0]})" if report.skipped else ""))
    graph = to_graph(extractions)
    for cls in ("Locality", "Official", "Post", "Campaign", "Measure", "CadreGroup", "Organization"):
        report.entities[cls] = len(set(graph.subjects(RDF.type, KG[cls])))
    for rel in RELATIONS:
        report.relations[rel] = len(set(graph.subject_objects(KG[rel])))
    out.mkdir(parents=True, exist_ok=True)
    serialize(graph, out / "kg.ttl")
    if html:
        from .viz import render
        render(graph, out / "graph.html")
    report.seconds = time.perf_counter() - started
    return report
