"""``kg view``: a focused or reduced HTML view of a build, so that a big graph opens in seconds.

A view keeps the entities within N hops of a named one (ego graph), those of some classes,
the top N by degree, or one article's: the entities it mentions and the relations its
statements support, drawn beside the article's text with the evidence sentences marked.
The text is read again from the article's ``dcterms:source`` file (the graph does not
store it) and used only if its ``kg:contentHash`` still matches; otherwise the page lists
the evidence sentences and says why.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from rdflib import DCTERMS, PROV, RDF, RDFS, SKOS, Graph, Literal
from rdflib.term import Node

from .clean import to_simplified
from .errors import InputError
from .ingest import MAX_BYTES, read_inputs
from .rdf import content_hash
from .types import Article
from .viz import ArticleText, Scope, ViewStats, entity_graph, label_of, render, style, top_nodes
from .vocab import KG

#: ``corpus.jsonl:12``: the source of an article read from line 12 of a JSONL file
_JSONL_LINE = re.compile(r":\d+$")


@dataclass(frozen=True, slots=True)
class ViewReport:
    path: Path
    stats: ViewStats

    def summary(self) -> str:
        return f"{self.path}: {self.stats.nodes} of {self.stats.total} nodes, {self.stats.edges} edges"


def view(build: Path, out: Path | None = None, *, focus: str | None = None, hops: int = 1,
         classes: Sequence[str] = (), top: int | None = None, article: str | None = None) -> ViewReport:
    """Write the view of ``build`` (a build directory or graph file) to ``out``
    (default ``BUILD_DIR/view.html``): every entity, narrowed by each option given."""
    unknown = sorted(set(classes) - set(style()["classes"]))
    if unknown:
        raise InputError(f"--classes: no class {', '.join(unknown)} in kg; its classes are "
                         f"{','.join(style()['classes'])}")
    path = build / "kg.ttl" if build.is_dir() else build
    graph = _read(path, build)
    entities = entity_graph(graph)
    nodes = set(entities)
    notes = []
    text = None
    if article is not None:
        node = _article(graph, article, path)
        text = article_text(graph, node)
        supported = {x for st in graph.subjects(PROV.wasDerivedFrom, node)
                     for x in (graph.value(st, RDF.subject), graph.value(st, RDF.object))}
        nodes &= set(graph.objects(node, KG.mentions)) | supported
        notes.append(f"文章 article {article}")
    if focus is not None:
        around = entities.to_undirected(as_view=True)
        nodes &= {near for centre in _named(graph, entities, focus, path)
                  for near in nx.single_source_shortest_path_length(around, centre, cutoff=hops)}
        notes.append(f"{focus} 的 {hops} 跳邻域 within {hops} hop{'s' * (hops != 1)} of {focus}")
    if classes:
        nodes = {node for node in nodes if entities.nodes[node]["cls"] in classes}
        notes.append(f"类别 classes {', '.join(classes)}")
    if top is not None:
        nodes = set(top_nodes(entities, top, among=nodes))
        notes.append(f"度数最高的 {top} 个 top {top} by degree")
    note = f"显示 {len(nodes):,} / {len(entities):,} 个节点 · showing {len(nodes):,} of {len(entities):,} nodes"
    out = out or (build if build.is_dir() else build.parent) / "view.html"
    stats = render(graph, out, Scope(frozenset(nodes), "：".join([note, " · ".join(notes)]) if notes else note, text))
    return ViewReport(out, stats)


def article_text(graph: Graph, article: Node) -> ArticleText:
    """The article's original text, read again from its source file (relative to the working
    directory, as the build read it), if it still has the content hash the build recorded."""
    sources = sorted(str(source) for source in graph.objects(article, DCTERMS.source) if isinstance(source, Literal))
    if not sources:
        return ArticleText(article, None, "its source is a web address, not a file")
    path = Path(sources[0])
    if not path.is_file():
        path = Path(_JSONL_LINE.sub("", sources[0]))
    if not path.is_file():
        return ArticleText(article, None, f"{sources[0]} is not a file here; run kg view where the build ran")
    identifier, expected = str(graph.value(article, DCTERMS.identifier)), graph.value(article, KG.contentHash)
    for item in read_inputs([path], max(MAX_BYTES, path.stat().st_size)):
        if isinstance(item, Article) and item.id == identifier:
            if expected is None or content_hash(item.text) == str(expected):
                return ArticleText(article, item.text)
            return ArticleText(article, None, f"{path} has changed since the build")
    return ArticleText(article, None, f"{path} no longer holds article {identifier}")


def _read(path: Path, build: Path) -> Graph:
    if not path.is_file():
        raise InputError(f"{build}: no such build directory or graph file" if not build.exists()
                         else f"{build}: no kg.ttl here; build one with: kg build INPUT --out {build}")
    try:
        return Graph().parse(path)
    except Exception as exc:  # rdflib raises parser-specific errors of many classes
        raise InputError(f"{path}: not a readable RDF graph ({' '.join(str(exc).split())}); "
                         f"rebuild it with: kg build INPUT --out DIR") from exc


def _article(graph: Graph, identifier: str, path: Path) -> Node:
    found = sorted(graph.subjects(DCTERMS.identifier, Literal(identifier)), key=str)
    if not found:
        ids = sorted(str(i) for a in graph.subjects(RDF.type, KG.Article) for i in graph.objects(a, DCTERMS.identifier))
        raise InputError(f"--article {identifier}: {path} has no article with this id; its ids: "
                         + (", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "") if ids else "none"))
    return found[0]


def _normal(name: str) -> str:
    return to_simplified(unicodedata.normalize("NFKC", name)).strip().casefold()


def _named(graph: Graph, entities: nx.MultiDiGraph, name: str, path: Path) -> list[Node]:
    """The entities whose label is ``name`` (any script, width or case), else those with it as an altLabel."""
    wanted = _normal(name)
    for predicate in (RDFS.label, SKOS.altLabel):
        found = sorted((node for node in entities if any(_normal(str(n)) == wanted for n in graph.objects(node, predicate))),
                       key=str)
        if found:
            return found
    near = sorted({label_of(graph, node) for node in entities if wanted in _normal(label_of(graph, node))})
    raise InputError(f"--focus {name}: no entity of {path} has this name"
                     + (f"; names containing it: {'、'.join(near[:5])}" if near else "; graph.html lists the names"))
