"""HTML size and time to first stable render (``window.kgReady``) in headless Chromium of the
full and the automatically reduced view of a synthetic graph.

    .venv/bin/python benchmarks/viz_scale.py            # 10,000 entities
    .venv/bin/python benchmarks/viz_scale.py --entities 3000 --keep /tmp/viz

The graph mixes kg's classes and relations in the proportions of the seeds + dev build
(localities are hubs, cadre groups are shared by many measures), with one reified
``rdf:Statement`` (article, evidence sentence, offsets) per relation triple. Needs Debian's
``chromium`` and Playwright, as the tests do. Prints one line per figure.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from rdflib import DCTERMS, PROV, RDF, RDFS, SKOS, XSD, Graph, Literal

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from browser import launch, offline_page  # noqa: E402  (the tests' Chromium set-up, network blocked)

from kg.graph.vocab import ID, KG  # noqa: E402
from kg.view.viz import Scope, render  # noqa: E402

#: share of each class among the entities, and a suffix its names end with
CLASSES = {"Locality": (0.23, "县镇村区市乡"), "Official": (0.13, ""), "Post": (0.12, "书记长任员"),
           "Campaign": (0.15, "行动"), "Measure": (0.15, "办法"), "CadreGroup": (0.12, "干部"),
           "Organization": (0.10, "委部")}
#: relation -> (subject class, object class, triples per subject); reified ones get statements
RELATIONS = {"launches": ("Locality", "Campaign", 0.7, True), "issues": ("Locality", "Measure", 0.7, True),
             "targets": ("Measure", "CadreGroup", 0.8, True), "holds": ("Official", "Post", 1.0, True),
             "postIn": ("Post", "Organization", 0.8, False), "partOf": ("Locality", "Locality", 0.9, False)}
CHARS = "安宝北昌城大德东丰福广海和河华怀吉建江金京康乐黎临龙隆宁平庆清仁荣瑞三山上胜石泰天通万西祥新兴阳永玉元云长正中"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈"


def synthetic(entities: int, seed: int = 7) -> Graph:
    """A kg-shaped graph of ``entities`` entity nodes with articles and reified relations."""
    rng = random.Random(seed)
    graph = Graph()
    nodes: dict[str, list] = {}
    for cls, (share, suffixes) in CLASSES.items():
        count = max(1, round(entities * share)) if cls != "Organization" else 0
        nodes[cls] = [ID[f"{cls.lower()}/{i}"] for i in range(count)]
    nodes["Organization"] = [ID[f"organization/{i}"] for i in range(entities - sum(map(len, nodes.values())))]
    for cls, members in nodes.items():
        for i, node in enumerate(members):
            graph.add((node, RDF.type, KG[cls]))
            name = (rng.choice(SURNAMES) + "".join(rng.choices(CHARS, k=rng.choice((1, 2)))) if cls == "Official"
                    else "".join(rng.choices(CHARS, k=rng.randint(2, 6))) + rng.choice(CLASSES[cls][1]))
            graph.add((node, RDFS.label, Literal(f"{name}{i}", lang="zh")))
            if rng.random() < 0.2:
                graph.add((node, SKOS.altLabel, Literal(name, lang="zh")))
            if cls == "Locality":
                graph.add((node, KG.adminCode, Literal(f"{330000 + i:06d}")))
    articles = [ID[f"article/{i}"] for i in range(max(1, entities // 20))]
    for i, article in enumerate(articles):
        graph.add((article, RDF.type, KG.Article))
        graph.add((article, DCTERMS.identifier, Literal(f"a{i:05d}")))
        graph.add((article, DCTERMS.title, Literal(f"第{i}篇报道", lang="zh")))
        graph.add((article, DCTERMS.source, Literal(f"corpus/a{i:05d}.txt")))
    statement = 0
    for relation, (subject_cls, object_cls, rate, reified) in RELATIONS.items():
        objects = nodes[object_cls]
        # Zipf-like: a few objects (big localities, common cadre groups) get most links.
        weights = [1 / (rank + 1) ** 0.8 for rank in range(len(objects))]
        for s in nodes[subject_cls]:
            for _ in range(int(rate) + (rng.random() < rate % 1)):
                o = rng.choices(objects, weights)[0]
                if o == s:
                    continue
                graph.add((s, KG[relation], o))
                article = rng.choice(articles)
                graph.add((article, KG.mentions, s))
                graph.add((article, KG.mentions, o))
                if reified:
                    st = ID[f"statement/{statement}"]
                    statement += 1
                    start = rng.randrange(0, 2000)
                    for p, value in ((RDF.type, RDF.Statement), (RDF.subject, s), (RDF.predicate, KG[relation]),
                                     (RDF.object, o), (PROV.wasDerivedFrom, article),
                                     (KG.evidence, Literal(f"第{statement}句证据：某地开展某项工作。", lang="zh")),
                                     (KG.startOffset, Literal(start, datatype=XSD.integer)),
                                     (KG.endOffset, Literal(start + 18, datatype=XSD.integer))):
                        graph.add((st, p, value))
    return graph


def first_render(browser, path: Path) -> float:
    """Seconds from opening ``path`` to ``window.kgReady`` (layout stabilised and frozen)."""
    with offline_page(browser) as (page, log):
        started = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_function("window.kgReady === true", timeout=900_000, polling=50)
        seconds = time.perf_counter() - started
        assert not log.errors and not log.blocked, (log.errors, log.blocked)
        return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--entities", type=int, default=10_000)
    ap.add_argument("--keep", type=Path, metavar="DIR", help="write the pages here instead of a temporary folder")
    args = ap.parse_args()
    started = time.perf_counter()
    graph = synthetic(args.entities)
    print(f"graph: {args.entities:,} entities, {len(graph):,} triples ({time.perf_counter() - started:.1f} s)")
    with tempfile.TemporaryDirectory() as tmp, launch() as browser:
        folder = args.keep or Path(tmp)
        for view, scope in (("full", Scope()), ("reduced", None)):
            path = folder / f"graph-{view}.html"
            started = time.perf_counter()
            stats = render(graph, path, scope)
            written = time.perf_counter() - started
            print(f"{view} view: {stats.nodes:,} of {stats.total:,} nodes, {stats.edges:,} edges; "
                  f"HTML {path.stat().st_size / 1e6:.1f} MB written in {written:.1f} s; "
                  f"first stable render in Chromium {first_render(browser, path):.1f} s")


if __name__ == "__main__":
    main()
