"""Offline HTML view of a kg graph: vis-network inlined, no remote resource.

pyvis's own templates link Bootstrap, tom-select or vis-network from CDNs in every
``cdn_resources`` mode, and its ``Network`` checks each edge against a list of every
node; so the page is kg's template with the vis-network copy pyvis ships inlined, fed
plain vis DataSet items. It (``kg/resources/viz/graph.html.j2`` with ``viz.css`` and
``viz.js``) draws the entity nodes and their relations, colours and shapes them by class
(``style.json``), lays them out with a stabilised then frozen physics simulation
(``options.json``), places labels that never overlap, and offers a search box over every
label and altLabel, filters by class and relation and neighbourhood highlighting.

A ``Scope`` limits the page to some entities (``kg view``: ego graph, top-N, classes)
or to one article (its relations and its text with the evidence sentences marked).
Unscoped, a graph of more than ``AUTO_LIMIT`` entities is reduced to those of highest
degree, and the page says so. A build draws its page from ``kg.nt`` (``render_build``),
holding in memory only what the page draws.
"""
from __future__ import annotations

import json
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import groupby, islice
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import pyoxigraph as ox
import pyvis
from rdflib import DCTERMS, PROV, RDF, RDFS, SKOS, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..atomic import write_atomic
from ..graph.vocab import KG
from ..scratch import disk_errors, open_scratch

_RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "viz"
_VIS_LIB = Path(pyvis.__file__).with_name("templates") / "lib" / "vis-9.1.2"
#: The inlined script must not ask for a source map next to the page.
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=\S*\s*$", re.MULTILINE)
#: An unscoped page draws at most this many entities (those of highest degree).
AUTO_LIMIT = 1500

Triple = tuple[Node, Node, Node]
_RDF_TYPE, _DERIVED = str(RDF.type), str(PROV.wasDerivedFrom)
_REIFIED_ENDS = {str(RDF.subject), str(RDF.object)}


@dataclass(frozen=True, slots=True)
class ViewStats:
    """What the page draws, out of how many entities the graph has."""

    nodes: int
    edges: int
    total: int


@dataclass(frozen=True, slots=True)
class ArticleText:
    """The article of a per-article view and its original text, or why it is not available."""

    node: Node
    text: str | None
    missing: str = ""


@dataclass(frozen=True, slots=True)
class Scope:
    """The entities a page draws (``None``: all) and the note saying what was left out."""

    nodes: frozenset[Node] | None = None
    note: str = ""
    article: ArticleText | None = None


@dataclass(frozen=True, slots=True)
class _Statement:
    """One reified relation triple with its provenance."""

    triple: Triple
    article: Node | None
    sentence: str
    start: int | None
    end: int | None


@cache
def style() -> dict[str, Any]:
    """``style.json``: classes, relations, shapes, texts of the page."""
    return json.loads((_RESOURCES / "style.json").read_text("utf-8"))


def entity_graph(graph: Graph) -> nx.MultiDiGraph:
    """The entities (attribute ``cls``; a node typed twice keeps the first class of ``style.json``)
    and the relations between them (edge key: the relation's local name)."""
    entities = nx.MultiDiGraph()
    for name in style()["classes"]:
        entities.add_nodes_from((node, {"cls": name}) for node in graph.subjects(RDF.type, KG[name])
                                if node not in entities)
    for name in style()["relations"]:
        entities.add_edges_from((s, o, name) for s, o in graph.subject_objects(KG[name])
                                if s in entities and o in entities)
    return entities


def top_nodes(entities: nx.MultiDiGraph | Skeleton, n: int, among: Iterable[Node] | None = None) -> frozenset[Node]:
    """The ``n`` nodes (of ``among``, default all) of highest degree in ``entities``; ties by IRI."""
    degree = entities.degrees.__getitem__ if isinstance(entities, Skeleton) else entities.degree
    nodes = (entities.classes if isinstance(entities, Skeleton) else entities) if among is None else among
    return frozenset(sorted(nodes, key=lambda node: (-degree(node), str(node)))[:n])


def render(graph: Graph, path: Path, scope: Scope | None = None, *, limit: int = AUTO_LIMIT,
           whole: Skeleton | Ranking | None = None) -> ViewStats:
    """Write an offline, deterministic HTML view of ``graph``'s entities to ``path``.

    Without a ``scope``, a graph of more than ``limit`` entities is drawn reduced to its
    ``limit`` entities of highest degree, with a note on the page. ``whole``: ``graph`` holds
    only what the page draws (``read_view``) of the graph of this skeleton (for degrees and totals)."""
    text = style()["text"]
    entities = entity_graph(graph)
    if scope is None:
        scope = Scope() if len(entities) <= limit else Scope(
            top_nodes(entities, limit), text["reduced"].format(shown=f"{limit:,}", total=f"{len(entities):,}"))
    statements = _statements(graph)
    article = scope.article.node if scope.article else None
    evidence = _evidence(graph, [st for st in statements if article is None or st.article == article])
    # A per-article view draws the relations that article supports and the unreified ones (partOf, postIn).
    reified = {st.triple for st in statements}
    shown = entities if scope.nodes is None else entities.subgraph(scope.nodes)
    relations = sorted(((s, name, o) for s, o, name in shown.edges(keys=True)
                        if article is None or (s, KG[name], o) in evidence or (s, KG[name], o) not in reified),
                       key=lambda rel: (str(rel[0]), rel[1], str(rel[2])))
    degree = whole.degrees.__getitem__ if whole else entities.degree
    nodes = _nodes(graph, entities, sorted(shown, key=str), degree)
    edges = _edges(relations, evidence, {node["id"]: node["names"][0] for node in nodes})
    stats = ViewStats(nodes=len(nodes), edges=len(edges), total=whole.total if whole else len(entities))
    panel = _article_panel(graph, scope.article, statements, edges) if scope.article else None
    html = _page(nodes, edges, stats, scope.note, panel)
    write_atomic(path, html.encode("utf-8"))
    return stats


def render_build(nt: Path, path: Path, limit: int = AUTO_LIMIT) -> ViewStats:
    """``render`` of the graph in an N-Triples file sorted by subject (a build's ``kg.nt``), holding
    in memory only what the page draws: the entities of highest degree are found in an SQLite
    index kept beside ``path``."""
    whole = ranking(nt, limit, path.parent)
    if whole.total <= limit:
        return render(read_view(nt, set(whole.degrees)), path)
    note = style()["text"]["reduced"].format(shown=f"{limit:,}", total=f"{whole.total:,}")
    shown = frozenset(whole.degrees)
    return render(read_view(nt, shown), path, Scope(shown, note), whole=whole)


@dataclass(frozen=True)
class Ranking:
    """The number of entities of a graph and the degrees of its ``limit`` of highest degree."""

    total: int
    degrees: dict[URIRef, int]


def ranking(nt: Path, limit: int, folder: Path | None = None) -> Ranking:
    """The ``Ranking`` of the graph in an N-Triples file (entities and degrees as ``Skeleton`` has
    them; ties by IRI), read as a stream into an SQLite file in a temporary folder in ``folder``."""
    wanted = {str(KG[name]): i for i, name in enumerate(style()["classes"])}
    relations = {str(KG[name]) for name in style()["relations"]}
    with tempfile.TemporaryDirectory(prefix="kg-ranking-", dir=folder) as tmp:
        path = Path(tmp) / "ranking.db"
        with closing(open_scratch(path)) as db, disk_errors(path):
            db.executescript("CREATE TABLE node (iri TEXT PRIMARY KEY) WITHOUT ROWID; "
                             "CREATE TABLE edge (s TEXT NOT NULL, o TEXT NOT NULL);")
            triples = ox.parse(path=nt, format=ox.RdfFormat.N_TRIPLES)
            for batch in iter(lambda: list(islice(triples, 1 << 16)), []):
                db.executemany("INSERT OR IGNORE INTO node VALUES (?)", (
                    (t.subject.value,) for t in batch if t.predicate.value == _RDF_TYPE and t.object.value in wanted))
                db.executemany("INSERT INTO edge VALUES (?, ?)", (
                    (t.subject.value, t.object.value) for t in batch
                    if t.predicate.value in relations and isinstance(t.object, ox.NamedNode)))
            total = db.execute("SELECT COUNT(*) FROM node").fetchone()[0]
            top = db.execute(
                "WITH linked AS (SELECT e.s, e.o FROM edge AS e JOIN node AS a ON a.iri = e.s "
                "JOIN node AS b ON b.iri = e.o), "
                "ends AS (SELECT s AS iri FROM linked UNION ALL SELECT o FROM linked), "
                "degree AS (SELECT iri, COUNT(*) AS n FROM ends GROUP BY iri) "
                "SELECT node.iri, COALESCE(degree.n, 0) AS n FROM node LEFT JOIN degree ON degree.iri = node.iri "
                "ORDER BY n DESC, node.iri LIMIT ?", (limit,)).fetchall()
    return Ranking(total, {URIRef(iri): n for iri, n in top})


@dataclass(frozen=True)
class Skeleton:
    """The entities of a graph (class: the first of ``style.json`` each has) and the relations of
    ``style.json`` between them (subject, object, relation), without names or provenance."""

    classes: dict[URIRef, str]
    edges: list[tuple[URIRef, URIRef, str]]

    @property
    def total(self) -> int:
        return len(self.classes)

    @cached_property
    def degrees(self) -> Counter:
        degrees: Counter = Counter()
        for s, o, _ in self.edges:
            degrees[s] += 1
            degrees[o] += 1
        return degrees

    def entity_graph(self) -> nx.MultiDiGraph:
        """As ``entity_graph`` makes of the whole graph."""
        graph = nx.MultiDiGraph()
        graph.add_nodes_from((node, {"cls": cls}) for node, cls in self.classes.items())
        graph.add_edges_from((s, o, name) for s, o, name in self.edges)
        return graph


def skeleton(nt: Path) -> Skeleton:
    """The ``Skeleton`` of the graph in an N-Triples file, read as a stream."""
    wanted = {str(KG[name]): name for name in style()["classes"]}
    order = {name: i for i, name in enumerate(style()["classes"])}
    relations = {str(KG[name]): name for name in style()["relations"]}
    classes: dict[str, str] = {}
    edges = []
    for t in ox.parse(path=nt, format=ox.RdfFormat.N_TRIPLES):
        p = t.predicate.value
        if p == _RDF_TYPE and (name := wanted.get(t.object.value)):
            old = classes.get(t.subject.value)
            classes[t.subject.value] = name if old is None or order[name] < order[old] else old
        elif p in relations and isinstance(t.object, ox.NamedNode):
            edges.append((t.subject.value, t.object.value, relations[p]))
    nodes = {iri: URIRef(iri) for iri in classes}
    return Skeleton({nodes[iri]: name for iri, name in classes.items()},
                    [(nodes[s], nodes[o], name) for s, o, name in edges if s in nodes and o in nodes])


def read_view(nt: Path, nodes: set[URIRef], articles: set[URIRef] = frozenset()) -> Graph:
    """What a page drawing ``nodes`` needs of an N-Triples file sorted by subject: the nodes'
    triples, the statements about relations between them, and the descriptions of their articles
    and of ``articles``."""
    wanted = {str(node) for node in nodes}
    graph, sources = Graph(), {str(a) for a in articles}
    for subject, group in groupby(ox.parse(path=nt, format=ox.RdfFormat.N_TRIPLES), key=lambda t: t.subject):
        triples = list(group)
        ends = {t.object.value for t in triples if t.predicate.value in _REIFIED_ENDS}  # of a statement
        if subject.value in wanted or (ends and ends <= wanted):
            graph += map(_rdflib, triples)
            sources.update(t.object.value for t in triples if t.predicate.value == _DERIVED)
    for subject, group in groupby(ox.parse(path=nt, format=ox.RdfFormat.N_TRIPLES), key=lambda t: t.subject):
        if subject.value in sources:
            graph += map(_rdflib, group)
    return graph


def _rdflib(t: ox.Triple) -> tuple[Node, Node, Node]:
    return _term(t.subject), _term(t.predicate), _term(t.object)


def _term(node: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    if isinstance(node, ox.NamedNode):
        return URIRef(node.value)
    if isinstance(node, ox.BlankNode):
        return BNode(node.value)
    if node.language:
        return Literal(node.value, lang=node.language)
    return Literal(node.value, datatype=URIRef(node.datatype.value))


def _nodes(graph: Graph, entities: nx.MultiDiGraph, shown: list[Node],
           degree: Callable[[Node], int]) -> list[dict[str, Any]]:
    """vis node items: shape, colour and size (by degree in the whole graph) of the class, names, tooltip."""
    size = style()["node_size"]
    text = style()["text"]
    items = []
    for node in shown:
        name = entities.nodes[node]["cls"]
        cls = style()["classes"][name]
        label = label_of(graph, node)
        alt_labels = sorted({str(alt) for alt in graph.objects(node, SKOS.altLabel)} - {label})
        lines = [label]
        if alt_labels:
            lines.append(f"{text['alt_labels']}：{'、'.join(alt_labels)}")
        lines.append(f"{text['class']}：{cls['zh']} {cls['en']}")
        lines += [f"{text['admin_code']}：{code}" for code in sorted(map(str, graph.objects(node, KG.adminCode)))]
        links = degree(node)
        items.append({"id": str(node), "cls": name, "names": [label, *alt_labels], "degree": links,
                      "title": "\n".join(lines), "shape": cls["shape"], "color": cls["color"],
                      "size": min(size["max"], size["base"] + size["per_degree"] * links)})
    return items


def _edges(relations: list[tuple[Node, str, Node]], evidence: dict[Triple, list[str]],
           labels: dict[str, str]) -> list[dict[str, Any]]:
    """vis edge items ``e0, e1, ...``: relation, colour, tooltip with the evidence paragraphs."""
    text = style()["text"]
    items = []
    for index, (s, name, o) in enumerate(relations):
        rel = style()["relations"][name]
        header = [f"{labels[str(s)]} → {labels[str(o)]}", f"{text['relation']}：{name} {rel['zh']}"]
        sources = evidence.get((s, KG[name], o)) or [text["no_evidence"]]
        items.append({"id": f"e{index}", "from": str(s), "to": str(o), "relation": name, "color": rel["color"],
                      "title": "\n\n".join(["\n".join(header), *sources])})
    return items


def _statements(graph: Graph) -> list[_Statement]:
    found = []
    for statement in graph.subjects(RDF.type, RDF.Statement):
        start, end = graph.value(statement, KG.startOffset), graph.value(statement, KG.endOffset)
        found.append(_Statement(
            triple=(graph.value(statement, RDF.subject), graph.value(statement, RDF.predicate),
                    graph.value(statement, RDF.object)),
            article=graph.value(statement, PROV.wasDerivedFrom),
            sentence=str(graph.value(statement, KG.evidence) or ""),
            start=None if start is None else int(start), end=None if end is None else int(end)))
    return found


def _evidence(graph: Graph, statements: list[_Statement]) -> dict[Triple, list[str]]:
    """(s, p, o) -> its sorted provenance paragraphs: article id and title, sentence, article URL."""
    found: dict[Triple, set[str]] = defaultdict(set)
    for st in statements:
        heading, urls = _article(graph, st.article) if st.article is not None else ("", ())
        found[st.triple].add("\n".join(filter(None, (heading, st.sentence and f"“{st.sentence}”", *urls))))
    return {triple: sorted(paragraphs - {""}) for triple, paragraphs in found.items()}


def _article(graph: Graph, article: Node) -> tuple[str, tuple[str, ...]]:
    """The article's heading (identifier and title) and its http(s) source URLs."""
    identifier = graph.value(article, DCTERMS.identifier) or article
    title = graph.value(article, DCTERMS.title)
    urls = sorted(str(url) for url in graph.objects(article, DCTERMS.source)
                  if str(url).startswith(("http://", "https://")))
    return f"{style()['text']['source']}：{identifier}" + (f"《{title}》" if title else ""), tuple(urls)


def label_of(graph: Graph, node: Node) -> str:
    """The @zh rdfs:label, else any rdfs:label, else the IRI's local name."""
    labels = sorted(graph.objects(node, RDFS.label), key=lambda label: (
        not (isinstance(label, Literal) and (label.language or "").startswith("zh")), str(label)))
    return str(labels[0]) if labels else re.split(r"[#/]", str(node))[-1]


def _article_panel(graph: Graph, article: ArticleText, statements: list[_Statement],
                   edges: list[dict[str, Any]]) -> dict[str, Any]:
    """The article beside the graph: its text cut into pieces, each evidence piece naming its edges
    (``data-edges``); without the text, its evidence sentences in text order."""
    edge_of = {(e["from"], str(KG[e["relation"]]), e["to"]): e["id"] for e in edges}
    spans = sorted((st.start or 0, st.end or 0, st.sentence, edge) for st in statements if st.article == article.node
                   for edge in (edge_of.get(tuple(map(str, st.triple))),) if edge is not None)
    heading, urls = _article(graph, article.node)
    panel = {"heading": heading, "urls": urls, "missing": article.missing,
             "sources": sorted(str(src) for src in graph.objects(article.node, DCTERMS.source))}
    if article.text is None:
        sentences: dict[str, set[str]] = defaultdict(set)  # in text order: spans are sorted by offset
        for _, _, sentence, edge in spans:
            sentences[sentence].add(edge)
        panel["sentences"] = [(sentence, _edge_list(edges)) for sentence, edges in sentences.items()]
    else:
        panel["pieces"] = _pieces(article.text, [(start, end, edge) for start, end, _, edge in spans])
    return panel


def _pieces(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    """``text`` cut at every span boundary: (piece, space-separated ids of the spans covering it)."""
    trimmed = []
    for start, end, edge in spans:
        # An evidence span may carry the line break or spaces around its sentence: mark the sentence only.
        start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
        sentence = text[start:end]
        start += len(sentence) - len(sentence.lstrip())
        end -= len(sentence) - len(sentence.rstrip())
        if start < end:
            trimmed.append((start, end, edge))
    cuts = sorted({0, len(text), *(x for start, end, _ in trimmed for x in (start, end))})
    pieces: list[tuple[str, str]] = []
    for a, b in zip(cuts, cuts[1:]):
        edges = _edge_list({edge for start, end, edge in trimmed if start <= a and b <= end})
        if pieces and pieces[-1][1] == edges:
            pieces[-1] = (pieces[-1][0] + text[a:b], edges)
        else:
            pieces.append((text[a:b], edges))
    return pieces


def _edge_list(ids: set[str]) -> str:
    return " ".join(sorted(ids, key=lambda edge: int(edge[1:])))


def _options(nodes: int) -> dict[str, Any]:
    """vis options for a page of ``nodes`` nodes: a bigger graph gets fewer stabilisation steps (each
    costs more) and, past ``layout.large`` nodes, the cheaper settings of ``large.json`` (no
    Kamada-Kawai start, straight edges, no overlap test), so that it opens in seconds."""
    layout = style()["layout"]
    options = json.loads((_RESOURCES / "options.json").read_text("utf-8"))
    if nodes > layout["large"]:
        _merge(options, json.loads((_RESOURCES / "large.json").read_text("utf-8")))
    options["physics"]["stabilization"]["iterations"] = max(
        layout["min_iterations"], min(layout["max_iterations"], layout["node_iterations"] // max(1, nodes)))
    return options


def _merge(into: dict[str, Any], patch: dict[str, Any]) -> None:
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def _page(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], stats: ViewStats, note: str,
          article: dict[str, Any] | None) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(_RESOURCES), autoescape=True,
                             keep_trailing_newline=True)
    options = _options(len(nodes))
    classes, relations = Counter(node["cls"] for node in nodes), Counter(edge["relation"] for edge in edges)
    return env.get_template("graph.html.j2").render(
        title=style()["title"],
        stats=stats,
        note=note,
        article=article,
        names=sorted({name for node in nodes for name in node["names"]}),
        classes=[{**cls, "name": name, "path": style()["shapes"][cls["shape"]], "count": classes[name]}
                 for name, cls in style()["classes"].items()],
        relations=[{**rel, "name": name, "count": relations[name]} for name, rel in style()["relations"].items()],
        data={"nodes": nodes, "edges": edges, "options": options, "relations": style()["relations"]},
        vis_css=(_VIS_LIB / "vis-network.css").read_text("utf-8"),
        vis_js=_SOURCE_MAP.sub("", (_VIS_LIB / "vis-network.min.js").read_text("utf-8")),
    )
