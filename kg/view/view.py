"""``kg view``: a focused or reduced HTML view of a build, so that a big graph opens in seconds.

A view keeps the entities within N hops of a named one (ego graph), those of some classes,
the top N by degree, or one article's: the entities it mentions and the relations its
statements support, drawn beside the article's text with the evidence sentences marked.
The text is read again from the article's ``kg:file`` (the graph does not
store it) and used only if its ``kg:contentHash`` still matches; otherwise the page lists
the evidence sentences and says why.

The graph is read as a stream from the build's ``kg.nt`` (any other graph file is first
sorted into N-Triples aside): what is held in memory is the entities' classes and
relations, and what the page draws, however big the build.
"""
from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import DCTERMS, PROV, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import InputError
from ..graph.rdf import content_hash
from ..graph.spool import SortedLines
from ..graph.store import graph_format
from ..graph.vocab import KG
from ..text.script import to_simplified
from ..text.ingest import MAX_BYTES, read_inputs
from ..text.ingest import shown as path_text
from ..types import Article
from .viz import ArticleText, Scope, ViewStats, read_view, render, skeleton, style, top_nodes

#: ``corpus.jsonl:12``: the source of an article read from line 12 of a JSONL file
_JSONL_LINE = re.compile(r":\d+$")
_IDENTIFIER, _TYPE, _ARTICLE = str(DCTERMS.identifier), str(RDF.type), str(KG.Article)
_MENTIONS, _DERIVED, _NAMES = str(KG.mentions), str(PROV.wasDerivedFrom), (str(RDFS.label), str(SKOS.altLabel))
_ENDS = (str(RDF.subject), str(RDF.object))


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
    with _ntriples(build) as (nt, path):
        whole = skeleton(nt)
        nodes = set(whole.classes)
        notes = []
        node = None
        if article is not None:
            node, shown = _article(nt, article, path)
            nodes &= shown
            notes.append(f"文章 article {article}")
        if focus is not None:
            around = whole.entity_graph().to_undirected(as_view=True)
            nodes &= {near for centre in _named(nt, whole.classes, focus, path)
                      for near in nx.single_source_shortest_path_length(around, centre, cutoff=hops)}
            notes.append(f"{focus} 的 {hops} 跳邻域 within {hops} hop{'s' * (hops != 1)} of {focus}")
        if classes:
            nodes = {n for n in nodes if whole.classes[n] in classes}
            notes.append(f"类别 classes {', '.join(classes)}")
        if top is not None:
            nodes = set(top_nodes(whole, top, among=nodes))
            notes.append(f"度数最高的 {top} 个 top {top} by degree")
        graph = read_view(nt, nodes, {node} if node is not None else set())
    total = whole.total
    note = f"显示 {len(nodes):,} / {total:,} 个节点 · showing {len(nodes):,} of {total:,} nodes"
    text = article_text(graph, node) if node is not None else None
    out = out or (build if build.is_dir() else build.parent) / "view.html"
    stats = render(graph, out, Scope(frozenset(nodes), "：".join([note, " · ".join(notes)]) if notes else note, text),
                   whole=whole)
    return ViewReport(out, stats)


@contextmanager
def _ntriples(build: Path) -> Iterator[tuple[Path, Path]]:
    """The graph as N-Triples sorted by subject, and the file it came from: a build's ``kg.nt``;
    for another graph file (or a directory with only ``kg.ttl``), a sorted copy made aside."""
    if build.is_dir() and (build / "kg.nt").is_file():
        yield build / "kg.nt", build / "kg.nt"
        return
    path = build / "kg.ttl" if build.is_dir() else build
    if not path.is_file():
        raise InputError(f"{build}: no such build directory or graph file" if not build.exists()
                         else f"{build}: no kg.nt or kg.ttl here; build one with: kg build INPUT --out {build}")
    with tempfile.TemporaryDirectory(prefix="kg-view-") as tmp:
        lines = SortedLines(Path(tmp))
        try:
            lines.add(f"{q.triple} .\n".encode("utf-8")
                      for q in ox.parse(path=path, format=graph_format(path)))
        except (SyntaxError, ValueError) as exc:
            raise InputError(f"{path}: not a readable RDF graph ({' '.join(str(exc).split())}); "
                             f"rebuild it with: kg build INPUT --out DIR") from exc
        nt = Path(tmp) / "graph.nt"
        with open(nt, "wb") as fh:
            fh.writelines(lines)
        lines.close()
        yield nt, path


def article_text(graph: Graph, article: Node) -> ArticleText:
    """The article's original text, read again from its source file (relative to the working
    directory, as the build read it), if it still has the content hash the build recorded. Only
    a text of that hash is shown: a graph naming some other local file as a source shows nothing of it."""
    sources = sorted(str(source) for source in graph.objects(article, KG.file) if isinstance(source, Literal))
    if not sources:
        return ArticleText(article, None, "the graph records no file for it")
    path = next((p for p in map(Path, _on_disk(sources[0])) if p.is_file()), None)
    if path is None:
        return ArticleText(article, None, f"{sources[0]} is not a file here; run kg view where the build ran")
    identifier, expected = str(graph.value(article, DCTERMS.identifier)), graph.value(article, KG.contentHash)
    if expected is None:
        return ArticleText(article, None, "the graph records no content hash to check its source file against")
    for item in read_inputs([path], max(MAX_BYTES, path.stat().st_size)):
        if isinstance(item, Article) and item.id == identifier:
            if content_hash(item.text) == str(expected):
                return ArticleText(article, item.text)
            return ArticleText(article, None, f"{path_text(path)} has changed since the build")
    return ArticleText(article, None, f"{path_text(path)} no longer holds article {identifier}")


def _on_disk(source: str) -> list[str]:
    """Where the file of a recorded source may be: the path itself, or a JSONL file without its
    ``:line``; each also with ``\\xNN`` escapes (a name that is not UTF-8) turned back into its bytes."""
    paths = [source, _JSONL_LINE.sub("", source)]
    return paths + [os.fsdecode(re.sub(rb"\\x([0-9a-f]{2})", lambda m: bytes([int(m[1], 16)]), os.fsencode(p)))
                    for p in paths if "\\x" in p]


def _article(nt: Path, identifier: str, path: Path) -> tuple[URIRef, set[URIRef]]:
    """The article with this identifier and the entities its view draws: those it mentions and
    the ends of the relations its statements support."""
    ids: dict[str, str] = {}  # article IRI -> identifier
    articles = set()
    for t in ox.parse(path=nt, format=ox.RdfFormat.N_TRIPLES):
        if t.predicate.value == _IDENTIFIER:
            ids[t.subject.value] = t.object.value
        elif t.predicate.value == _TYPE and t.object.value == _ARTICLE:
            articles.add(t.subject.value)
    found = sorted(iri for iri in articles if ids.get(iri) == identifier)
    if not found:
        known = sorted(ids[iri] for iri in articles if iri in ids)
        raise InputError(f"--article {identifier}: {path} has no article with this id; its ids: "
                         + (", ".join(known[:5]) + (", ..." if len(known) > 5 else "") if known else "none"))
    node = found[0]
    shown: set[str] = set()
    for subject, triples in _groups(nt):
        if subject == node:
            shown.update(t.object.value for t in triples if t.predicate.value == _MENTIONS)
        elif any(t.predicate.value == _DERIVED and t.object.value == node for t in triples):
            shown.update(t.object.value for t in triples if t.predicate.value in _ENDS)
    return URIRef(node), {URIRef(iri) for iri in shown}


def _groups(nt: Path) -> Iterator[tuple[str, list[ox.Quad]]]:
    for subject, group in groupby(ox.parse(path=nt, format=ox.RdfFormat.N_TRIPLES), key=lambda t: t.subject):
        yield subject.value, list(group)


def _normal(name: str) -> str:
    return to_simplified(unicodedata.normalize("NFKC", name)).strip().casefold()


def _named(nt: Path, entities: dict[URIRef, str], name: str, path: Path) -> list[URIRef]:
    """The entities whose label is ``name`` (any script, width or case), else those with it as an altLabel."""
    wanted = _normal(name)
    found: dict[str, set[str]] = {p: set() for p in _NAMES}
    near: set[str] = set()
    nodes = {str(node) for node in entities}
    for t in ox.parse(path=nt, format=ox.RdfFormat.N_TRIPLES):
        if t.predicate.value in found and t.subject.value in nodes:
            label = _normal(t.object.value)
            if label == wanted:
                found[t.predicate.value].add(t.subject.value)
            elif wanted in label and t.predicate.value == _NAMES[0]:
                near.add(t.object.value)
    for predicate in _NAMES:
        if found[predicate]:
            return [URIRef(iri) for iri in sorted(found[predicate])]
    near_names = sorted(near)
    raise InputError(f"--focus {name}: no entity of {path} has this name"
                     + (f"; names containing it: {'、'.join(near_names[:5])}" if near_names
                        else "; graph.html lists the names"))
