"""Cross-article entity resolution: which mentions in two articles become one node.

Each case builds the graph of two short articles with the real pipeline and counts
the nodes of one class carrying a name.
"""
from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import SKOS

from kg.graph.rdf import to_graph
from kg.graph.vocab import KG

from conftest import Run


def graph_of(run: Run, *texts: str) -> Graph:
    return to_graph(run(text, article_id=f"a{i}") for i, text in enumerate(texts))


def nodes(g: Graph, cls: str, name: str) -> set:
    """Nodes of ``cls`` whose label or altLabel is ``name``."""
    named = set(g.subjects(RDFS.label, Literal(name, lang="zh"))) | set(g.subjects(SKOS.altLabel, Literal(name, lang="zh")))
    return {n for n in named if (n, RDF.type, KG[cls]) in g}


MERGES = [
    # the same locality in both scripts: one node, with every form as a label
    ("Locality", "黄岩区", "黄岩区启动“五比亮剑”行动。", "黃巖區啟動“五比亮劍”行動。", 1),
    # the same official with the same post's locality in two articles: one node
    ("Official", "徐淼", "黄岩区委书记徐淼说，要担当作为。", "黄岩区召开大会，区委书记徐淼指出，要实干。", 1),
    # the same measure of the same county in two articles: one node
    ("Measure", "容错纠错机制", "天等县健全容错纠错机制。", "天等县运用容错纠错机制，保护干部。", 1),
    # the same cadre category anywhere: one concept
    ("CadreGroup", "年轻干部", "天等县培养年轻干部。", "黄岩区选派年轻干部。", 1),
]

SPLITS = [
    # two people who only share a surname
    ("Official", ("徐淼", "徐强"), "黄岩区委书记徐淼说，要担当作为。", "黄岩区区长徐强说，要担当作为。"),
    # the same name in two different counties: two officials
    ("Official", ("李明",), "天等县委书记李明说，要担当作为。", "宝应县委书记李明说，要担当作为。"),
    # two 区委 of two districts: two organisations
    ("Organization", ("黄岩区委", "江阳区委"), "黄岩区委书记徐淼说，要干。", "江阳区委书记王军说，要干。"),
    # the same generic mechanism of two counties: two measures
    ("Measure", ("容错纠错机制",), "天等县健全容错纠错机制。", "宝应县健全容错纠错机制。"),
]


@pytest.mark.parametrize(("cls", "name", "first", "second", "count"), MERGES)
def test_merged_across_articles(run: Run, cls: str, name: str, first: str, second: str, count: int) -> None:
    assert len(nodes(graph_of(run, first, second), cls, name)) == count


def test_both_scripts_are_labels(run: Run) -> None:
    g = graph_of(run, "黄岩区启动“五比亮剑”行动。", "黃巖區啟動“五比亮劍”行動。")
    (node,) = nodes(g, "Locality", "黄岩区")
    assert (node, KG.adminCode, Literal("331003")) in g


@pytest.mark.parametrize(("cls", "expected", "first", "second"), SPLITS)
def test_kept_apart(run: Run, cls: str, expected: tuple[str, ...], first: str, second: str) -> None:
    g = graph_of(run, first, second)
    found = set().union(*(nodes(g, cls, name) for name in expected))
    assert len(found) == 2


def test_official_identity_is_explainable(run: Run) -> None:
    """An official's node is tied to the locality of its post: holds -> postIn -> partOf."""
    g = graph_of(run, "天等县委书记李明说，要担当作为。", "宝应县委书记李明说，要担当作为。")
    places = set()
    for official in nodes(g, "Official", "李明"):
        for post in g.objects(official, KG.holds):
            for org in g.objects(post, KG.postIn):
                places |= {str(g.value(loc, RDFS.label)) for loc in g.objects(org, KG.partOf)}
    assert places == {"天等县", "宝应县"}
