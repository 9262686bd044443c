"""Offline HTML view of a kg graph: pyvis data, vis-network inlined, no remote resource.

pyvis's own templates link Bootstrap, tom-select or vis-network from CDNs in every
``cdn_resources`` mode, so the page is kg's template with pyvis's vis-network copy inlined.
It (``kg/resources/viz/graph.html.j2`` with ``viz.css`` and ``viz.js``) draws the
entity nodes and their relations, colours and shapes them by class (``style.json``),
lays them out with a stabilised then frozen physics simulation (``options.json``) and
offers a search box over every label and altLabel.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import pyvis
from pyvis.network import Network
from rdflib import DCTERMS, PROV, RDF, RDFS, SKOS, Graph, Literal
from rdflib.term import Node

from kg.vocab import KG

_RESOURCES = Path(__file__).with_name("resources") / "viz"
_VIS_LIB = Path(pyvis.__file__).with_name("templates") / "lib" / "vis-9.1.2"
#: The inlined script must not ask for a source map next to the page.
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=\S*\s*$", re.MULTILINE)

Triple = tuple[Node, Node, Node]


@dataclass(frozen=True, slots=True)
class ViewStats:
    """What the page draws."""

    nodes: int
    edges: int


def render(graph: Graph, path: Path) -> ViewStats:
    """Write an offline, deterministic HTML view of ``graph``'s entities to ``path``."""
    style = json.loads((_RESOURCES / "style.json").read_text("utf-8"))
    classes = _entity_classes(graph, style["classes"])
    relations = sorted(
        ((s, name, o) for name in style["relations"] for s, o in graph.subject_objects(KG[name])
         if s in classes and o in classes),
        key=lambda rel: (str(rel[0]), rel[1], str(rel[2])),
    )
    net = _network(graph, classes, relations, style)
    stats = ViewStats(nodes=net.num_nodes(), edges=net.num_edges())
    html = _page(net, stats, style, Counter(classes.values()), Counter(name for _, name, _ in relations))
    _write_atomically(path, html)
    return stats


def _entity_classes(graph: Graph, styles: dict[str, Any]) -> dict[Node, str]:
    """Entity node -> its class name; a node typed twice keeps the first class of ``styles``."""
    classes: dict[Node, str] = {}
    for name in styles:
        for node in graph.subjects(RDF.type, KG[name]):
            classes.setdefault(node, name)
    return classes


def _network(graph: Graph, classes: dict[Node, str], relations: list[tuple[Node, str, Node]],
             style: dict[str, Any]) -> Network:
    degrees = nx.MultiGraph()
    degrees.add_nodes_from(classes)
    degrees.add_edges_from((s, o) for s, _, o in relations)
    size = style["node_size"]
    text = style["text"]
    labels = {node: _label(graph, node) for node in classes}
    net = Network(directed=True)
    for node in sorted(classes, key=str):
        cls = style["classes"][classes[node]]
        label = labels[node]
        alt_labels = sorted({str(alt) for alt in graph.objects(node, SKOS.altLabel)} - {label})
        lines = [label]
        if alt_labels:
            lines.append(f"{text['alt_labels']}：{'、'.join(alt_labels)}")
        lines.append(f"{text['class']}：{cls['zh']} {cls['en']}")
        lines += [f"{text['admin_code']}：{code}" for code in sorted(map(str, graph.objects(node, KG.adminCode)))]
        net.add_node(
            str(node),
            label=label,
            title="\n".join(lines),
            shape=cls["shape"],
            color=cls["color"],
            size=min(size["max"], size["base"] + size["per_degree"] * degrees.degree(node)),
            names=[label, *alt_labels],
        )
    evidence = _evidence(graph, text["source"])
    for index, (s, name, o) in enumerate(relations):
        rel = style["relations"][name]
        header = [f"{labels[s]} → {labels[o]}", f"{text['relation']}：{name} {rel['zh']}"]
        sources = evidence.get((s, KG[name], o)) or [text["no_evidence"]]
        net.add_edge(str(s), str(o), id=f"e{index}", label=name, title="\n\n".join(["\n".join(header), *sources]),
                     color=rel["color"])
    return net


def _evidence(graph: Graph, source: str) -> dict[Triple, list[str]]:
    """(s, p, o) -> its sorted provenance paragraphs: article id and title, sentence, article URL."""
    found: dict[Triple, set[str]] = defaultdict(set)
    for statement in graph.subjects(RDF.type, RDF.Statement):
        triple = (graph.value(statement, RDF.subject), graph.value(statement, RDF.predicate),
                  graph.value(statement, RDF.object))
        sentences = [f"“{sentence}”" for sentence in graph.objects(statement, KG.evidence)] or [""]
        articles = [_article(graph, article, source) for article in graph.objects(statement, PROV.wasDerivedFrom)]
        found[triple].update("\n".join(filter(None, (heading, sentence, *urls)))
                             for sentence in sentences for heading, urls in articles or [("", ())])
    return {triple: sorted(paragraphs - {""}) for triple, paragraphs in found.items()}


def _article(graph: Graph, article: Node, source: str) -> tuple[str, tuple[str, ...]]:
    """The article's heading (identifier and title) and its http(s) source URLs."""
    identifier = graph.value(article, DCTERMS.identifier) or article
    title = graph.value(article, DCTERMS.title)
    urls = sorted(str(url) for url in graph.objects(article, DCTERMS.source)
                  if str(url).startswith(("http://", "https://")))
    return f"{source}：{identifier}" + (f"《{title}》" if title else ""), tuple(urls)


def _label(graph: Graph, node: Node) -> str:
    """The @zh rdfs:label, else any rdfs:label, else the IRI's local name."""
    labels = sorted(graph.objects(node, RDFS.label), key=lambda label: (
        not (isinstance(label, Literal) and (label.language or "").startswith("zh")), str(label)))
    return str(labels[0]) if labels else re.split(r"[#/]", str(node))[-1]


def _page(net: Network, stats: ViewStats, style: dict[str, Any], class_counts: Counter[str],
          relation_counts: Counter[str]) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(_RESOURCES), autoescape=True,
                             keep_trailing_newline=True)
    options = json.loads((_RESOURCES / "options.json").read_text("utf-8"))
    return env.get_template("graph.html.j2").render(
        title=style["title"],
        stats=stats,
        names=sorted({name for node in net.nodes for name in node["names"]}),
        classes=[{**cls, "path": style["shapes"][cls["shape"]], "count": class_counts[name]}
                 for name, cls in style["classes"].items()],
        relations=[{**rel, "name": name, "count": relation_counts[name]}
                   for name, rel in style["relations"].items()],
        data={"nodes": net.nodes, "edges": net.edges, "options": options},
        vis_css=(_VIS_LIB / "vis-network.css").read_text("utf-8"),
        vis_js=_SOURCE_MAP.sub("", (_VIS_LIB / "vis-network.min.js").read_text("utf-8")),
    )


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
