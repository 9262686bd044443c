"""``kg build --into DIR``: add articles to an existing build.

The new articles' graph is merged into the build's graph at the RDF level. Entity
IRIs are hashes of entity keys, so an entity the build already has gets the same
node; its label stays, the new articles' names join its ``skos:altLabel``s. The
result is the graph one build of the old articles followed by the new ones makes
(``to_graph`` resolves ``kg:partOf`` and ``kg:postIn`` within an article, and the
first article to name an entity gives its label). Articles whose text is already in
the build (same ``kg:contentHash``) are skipped.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, Graph
from rdflib.namespace import DCTERMS, SKOS

from .errors import InputError
from .rdf import content_hash
from .types import Article
from .vocab import KG, bind_prefixes


@dataclass(frozen=True, slots=True)
class Existing:
    """The graph of an earlier build and the articles it holds."""

    graph: Graph
    hashes: frozenset[str]
    ids: frozenset[str]

    def admit(self, article: Article) -> Article | InputError | None:
        """The article if it is new; None if its text is in the build; an error if its id is, with other text."""
        if content_hash(article.text) in self.hashes:
            return None
        if article.id in self.ids:
            return InputError(f"{article.source}: article id {article.id!r} is already in the build with another "
                              "text; build without --into to replace it")
        return article

    def merge(self, new: Graph) -> Graph:
        """This build's graph plus ``new``: one ``rdfs:label`` per entity, the earlier build's."""
        merged = Graph()
        bind_prefixes(merged)
        for triple in self.graph:
            merged.add(triple)
        for s, p, o in new:
            if p == RDFS.label and (s, RDFS.label, None) in self.graph:
                p = SKOS.altLabel  # the entity already has its label: this name is another form
            merged.add((s, p, o))
        for s, label in merged.subject_objects(RDFS.label):
            merged.remove((s, SKOS.altLabel, label))
        return merged


def read_build(out: Path) -> Existing:
    """The build in ``out`` (its ``kg.ttl``), for ``--into``."""
    path = out / "kg.ttl"
    if not path.is_file():
        raise InputError(f"--into {out}: no build there (no {path}); make one first with: kg build INPUT --out {out}")
    try:
        graph = Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises parser-specific errors of many classes
        raise InputError(f"{path}: not readable Turtle ({' '.join(str(exc).split())}); "
                         f"rebuild it with: kg build INPUT --out {out}") from exc
    hashes = frozenset(str(h) for h in graph.objects(None, KG.contentHash))
    ids = frozenset(str(i) for a in graph.subjects(RDF.type, KG.Article) for i in graph.objects(a, DCTERMS.identifier))
    return Existing(graph, hashes, ids)
