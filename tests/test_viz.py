"""kg.view.viz and ``kg view`` write offline, deterministic pages that work in a real headless Chromium."""
from __future__ import annotations

import json
import re
import struct
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rdflib import DCTERMS, PROV, RDF, RDFS, Graph, Literal

from browser import PageLog, launch, offline_page
from kgcli import REPO, kg, one_error
from kg.graph.rdf import content_hash
from kg.graph.vocab import ID, KG
from kg.text.ingest import read_inputs
from kg.types import ENTITY_CLASSES
from kg.view.view import article_text
from kg.view.viz import AUTO_LIMIT, Scope, ViewStats, render, render_build

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

STYLE = REPO / "kg" / "resources" / "viz" / "style.json"
RELATIONS = [KG[name] for name in json.loads(STYLE.read_text("utf-8"))["relations"]]
SEED_ARTICLE = "000_65aed96cc3a38a9a"

TTL = """
@prefix kg: <https://w3id.org/cadre-kg/ontology#> .
@base <https://w3id.org/cadre-kg/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .

<locality/suzhou> a kg:Locality ; rdfs:label "苏州市"@zh ; kg:adminCode "320500" .
<locality/wujiang> a kg:Locality ; rdfs:label "吴江区"@zh ; skos:altLabel "吴江"@zh ;
    kg:adminCode "320509" ; kg:partOf <locality/suzhou> ;
    kg:launches <campaign/c1> ; kg:issues <measure/m1> .
<organization/o1> a kg:Organization ; rdfs:label "吴江区委组织部"@zh ; kg:partOf <locality/wujiang> .
<official/p1> a kg:Official ; rdfs:label "张明"@zh ; kg:holds <post/t1> .
<post/t1> a kg:Post ; rdfs:label "吴江区委组织部部长"@zh ; kg:postIn <organization/o1> .
<campaign/c1> a kg:Campaign ; rdfs:label "清廉村居建设行动"@zh ; skos:altLabel "清廉村居行动"@zh ;
    kg:targets <cadregroup/g2> .
<measure/m1> a kg:Measure ; rdfs:label "关于激励干部担当作为的十条措施"@zh ; skos:altLabel "十条措施"@zh ;
    kg:targets <cadregroup/g1> .
<cadregroup/g1> a kg:CadreGroup ; rdfs:label "年轻干部"@zh ; skos:altLabel "青年干部"@zh .
<cadregroup/g2> a kg:CadreGroup ; rdfs:label "村干部"@zh .

<article/a0> a kg:Article ; dcterms:identifier "000_wujiang" ; dcterms:title "吴江区激励干部担当作为"@zh ;
    dcterms:source <https://news.example.cn/wujiang/1.html> ;
    kg:mentions <locality/wujiang> , <campaign/c1> , <measure/m1> , <cadregroup/g1> .
<article/a1> a kg:Article ; dcterms:identifier "001_suzhou" ; kg:file "seeds/001_suzhou.txt" ;
    kg:mentions <official/p1> , <post/t1> , <organization/o1> , <measure/m1> , <cadregroup/g1> .

<statement/s1> a rdf:Statement ; rdf:subject <locality/wujiang> ; rdf:predicate kg:launches ;
    rdf:object <campaign/c1> ; prov:wasDerivedFrom <article/a0> ;
    kg:evidence "吴江区开展清廉村居建设行动。"@zh .
<statement/s2> a rdf:Statement ; rdf:subject <locality/wujiang> ; rdf:predicate kg:issues ;
    rdf:object <measure/m1> ; prov:wasDerivedFrom <article/a0> ;
    kg:evidence "吴江区出台《关于激励干部担当作为的十条措施》。"@zh .
<statement/s3> a rdf:Statement ; rdf:subject <measure/m1> ; rdf:predicate kg:targets ;
    rdf:object <cadregroup/g1> ; prov:wasDerivedFrom <article/a0> ;
    kg:evidence "措施面向年轻干部。"@zh .
<statement/s4> a rdf:Statement ; rdf:subject <measure/m1> ; rdf:predicate kg:targets ;
    rdf:object <cadregroup/g1> ; prov:wasDerivedFrom <article/a1> ;
    kg:evidence "十条措施重点激励年轻干部。"@zh ; kg:startOffset 40 ; kg:endOffset 53 .
<statement/s5> a rdf:Statement ; rdf:subject <official/p1> ; rdf:predicate kg:holds ;
    rdf:object <post/t1> ; prov:wasDerivedFrom <article/a1> ;
    kg:evidence "吴江区委组织部部长张明说。"@zh ; kg:startOffset 0 ; kg:endOffset 13 .
"""
ENTITIES = 9
RELATIONS_DRAWN = 8  # 2 partOf, postIn, holds, launches, issues, 2 targets; no kg:mentions


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(data=TTL, format="turtle")


@pytest.fixture(scope="module")
def html_path(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("viz") / "graph.html"
    assert render(graph, path) == ViewStats(nodes=ENTITIES, edges=RELATIONS_DRAWN, total=ENTITIES)
    return path


@dataclass
class Session:
    page: Page
    log: PageLog
    screenshot: Path


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with launch() as browser:
        yield browser


def open_page(page: Page, path: Path) -> None:
    page.goto(path.as_uri())
    page.wait_for_function("window.kgReady === true", timeout=60_000)


@pytest.fixture(scope="module")
def session(chromium: Browser, html_path: Path) -> Iterator[Session]:
    with offline_page(chromium) as (page, log):
        open_page(page, html_path)
        screenshot = html_path.with_name("graph.png")
        page.screenshot(path=str(screenshot))
        yield Session(page, log, screenshot)


@pytest.fixture
def fresh(chromium: Browser, html_path: Path) -> Iterator[tuple[Page, PageLog]]:
    """The small graph's page, newly opened (for tests that click and filter)."""
    with offline_page(chromium) as (page, log):
        open_page(page, html_path)
        yield page, log


def drawn_nodes(page: Page) -> set[str]:
    """The ids of the nodes vis draws (not hidden)."""
    return set(page.evaluate("kgNetwork.body.nodeIndices"))


def click_canvas(page: Page, point: dict[str, float]) -> None:
    box = page.locator("#kg-network").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def click_node(page: Page, node: str) -> None:
    click_canvas(page, page.evaluate(f"kgNetwork.canvasToDOM(kgNetwork.getPositions([{json.dumps(node)}])[{json.dumps(node)}])"))


def click_edge(page: Page, edge: str) -> None:
    click_canvas(page, page.evaluate(f"kgNetwork.canvasToDOM(kgNetwork.body.edges[{json.dumps(edge)}].edgeType.getPoint(0.5))"))


def click_background(page: Page) -> None:
    """Click the canvas point farthest from every node."""
    click_canvas(page, page.evaluate("""() => {
        const el = document.getElementById('kg-network');
        const at = Object.values(kgNetwork.getPositions()).map(p => kgNetwork.canvasToDOM(p));
        let best = null, room = -1;
        for (let x = 10; x < el.clientWidth; x += 20) for (let y = 10; y < el.clientHeight; y += 20) {
            const d = Math.min(...at.map(p => Math.hypot(p.x - x, p.y - y)));
            if (d > room) { room = d; best = {x, y}; }
        }
        return best;
    }"""))


def overlapping(boxes: list[dict[str, float]]) -> list[tuple[dict, dict]]:
    return [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a["x0"] < b["x1"] and b["x0"] < a["x1"] and a["y0"] < b["y1"] and b["y0"] < a["y1"]]


def degrees(graph: Graph) -> Counter:
    """Entity -> number of relation triples it takes part in, counted straight from the RDF."""
    counts: Counter = Counter({node: 0 for cls in ENTITY_CLASSES for node in graph.subjects(RDF.type, KG[cls])})
    for predicate in RELATIONS:
        for s, o in graph.subject_objects(predicate):
            counts[s] += 1
            counts[o] += 1
    return counts


# ---- the page of a small graph ----

def test_style_covers_every_entity_class() -> None:
    assert set(json.loads(STYLE.read_text("utf-8"))["classes"]) == set(ENTITY_CLASSES)


def test_render_is_deterministic_and_atomic(graph: Graph, html_path: Path, tmp_path: Path) -> None:
    again = tmp_path / "out" / "graph.html"
    render(graph, again)
    render(graph, again)
    assert again.read_bytes() == html_path.read_bytes()
    assert [p.name for p in again.parent.iterdir()] == ["graph.html"]


def test_source_references_nothing_remote(html_path: Path) -> None:
    html = html_path.read_text("utf-8")
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=", html, re.IGNORECASE)
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", html, re.IGNORECASE)
    assert not re.search(r"@import|sourceMappingURL", html)


def test_page_loads_offline_without_errors(session: Session, html_path: Path) -> None:
    assert session.log.errors == []
    assert session.log.blocked == []
    assert session.log.requests == [html_path.as_uri()]


def test_empty_graph_gives_a_ready_page(chromium: Browser, tmp_path: Path) -> None:
    path = tmp_path / "graph.html"
    assert render(Graph(), path) == ViewStats(nodes=0, edges=0, total=0)
    with offline_page(chromium) as (page, log):
        open_page(page, path)
    assert log.errors == [] and log.blocked == []


def test_page_draws_entities_and_relations_only(session: Session) -> None:
    ids = session.page.evaluate("kgNetwork.body.data.nodes.getIds()")
    assert len(ids) == ENTITIES == len(drawn_nodes(session.page))
    assert not [i for i in ids if "/article/" in i]
    relations = session.page.evaluate("kgNetwork.body.data.edges.get().map(e => e.relation)")
    assert sorted(relations) == sorted(["partOf", "partOf", "postIn", "holds", "launches", "issues", "targets", "targets"])


def test_tooltips_carry_names_classes_and_provenance(session: Session) -> None:
    node = session.page.evaluate(f"kgNetwork.body.data.nodes.get({json.dumps(str(ID['locality/wujiang']))}).title")
    assert node.splitlines()[0] == "吴江区"
    assert "吴江" in node and "地区 Locality" in node and "320509" in node
    edge = session.page.evaluate(
        "kgNetwork.body.data.edges.get({filter: e => e.relation === 'targets'"
        f" && e.from === {json.dumps(str(ID['measure/m1']))}}})[0].title")
    for text in ("措施面向年轻干部。", "十条措施重点激励年轻干部。", "000_wujiang", "吴江区激励干部担当作为",
                 "https://news.example.cn/wujiang/1.html", "001_suzhou"):
        assert text in edge
    assert "seeds/001_suzhou.txt" not in edge


def test_layout_is_frozen_after_stabilisation(session: Session) -> None:
    before = session.page.evaluate("kgNetwork.getPositions()")
    session.page.wait_for_timeout(500)
    assert session.page.evaluate("kgNetwork.getPositions()") == before
    assert session.page.evaluate("kgNetwork.physics.options.enabled") is False


def test_every_label_is_drawn_and_none_overlaps(session: Session) -> None:
    labels = session.page.evaluate("kgLabels()")
    nodes = [label for label in labels if label["kind"] == "node"]
    assert sorted(label["text"] for label in nodes) == sorted(
        session.page.evaluate("kgNetwork.body.data.nodes.get().map(n => n.names[0])"))
    assert {label["text"] for label in labels if label["kind"] == "edge"} <= {"开展", "出台", "面向", "担任", "所属机构", "隶属"}
    assert [label for label in labels if label["kind"] == "edge"], "no relation is named on its edge"
    assert overlapping([label["box"] for label in labels]) == []
    # Nor does a label cover another node.
    shapes = session.page.evaluate("""kgNetwork.body.nodeIndices.map(id => {
        const n = kgNetwork.body.nodes[id], p = kgNetwork.canvasToDOM({x: n.x, y: n.y}), r = n.options.size * kgNetwork.getScale();
        return {id, x0: p.x - r, y0: p.y - r, x1: p.x + r, y1: p.y + r};
    })""")
    for label in labels:
        assert [s for s in shapes if s["id"] != label["id"] and overlapping([label["box"], s])] == []


def test_screenshot_shows_the_graph(session: Session) -> None:
    png = session.screenshot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1280, 800)
    assert len(png) > 20_000
    inked = session.page.evaluate("""() => {
        const canvas = document.querySelector('#kg-network canvas');
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let inked = 0;
        for (let i = 0; i < pixels.length; i += 4) if (pixels[i + 3] && pixels[i] + pixels[i + 1] + pixels[i + 2] < 600) inked++;
        return inked;
    }""")
    assert inked > 2_000


def test_clicking_an_edge_shows_its_provenance_with_a_link(session: Session) -> None:
    page = session.page
    click_edge(page, page.evaluate("kgNetwork.body.data.edges.get({filter: e => e.relation === 'issues'})[0].id"))
    assert "吴江区出台《关于激励干部担当作为的十条措施》。" in page.text_content("#kg-details")
    assert page.get_attribute("#kg-details a", "href") == "https://news.example.cn/wujiang/1.html"
    assert session.log.blocked == []


def test_search_selects_a_node_by_alt_label(session: Session) -> None:
    page = session.page
    page.fill("#kg-search", "青年干部")
    page.press("#kg-search", "Enter")
    assert page.evaluate("kgNetwork.getSelectedNodes()") == [str(ID["cadregroup/g1"])]
    assert page.text_content("#kg-status") == ""
    assert page.text_content("#kg-details").startswith("年轻干部")
    page.fill("#kg-search", "不存在的名字")
    page.press("#kg-search", "Enter")
    assert "不存在的名字" in page.text_content("#kg-status")
    assert session.log.errors == []


def test_filters_hide_and_show_classes_and_relations(fresh: tuple[Page, PageLog]) -> None:
    page, log = fresh
    groups = {str(ID["cadregroup/g1"]), str(ID["cadregroup/g2"])}
    page.uncheck("input[data-filter=cls][value=CadreGroup]")
    assert drawn_nodes(page) == {str(n) for n in Graph().parse(data=TTL).subjects(RDF.type, None)
                                 if "/article/" not in n and "/statement/" not in n} - groups
    assert page.evaluate("kgNetwork.body.edgeIndices.length") == RELATIONS_DRAWN - 2  # the two targets edges
    assert page.text_content("#kg-shown").startswith(f"筛选后显示 {ENTITIES - 2} / {ENTITIES} 个节点")
    page.uncheck("input[data-filter=relation][value=partOf]")
    assert len(drawn_nodes(page)) == ENTITIES - 2
    assert page.evaluate("kgNetwork.body.edgeIndices.length") == RELATIONS_DRAWN - 4
    assert "partOf" not in page.evaluate("kgNetwork.body.edgeIndices.map(id => kgNetwork.body.data.edges.get(id).relation)")
    assert {label["id"] for label in page.evaluate("kgLabels()")}.isdisjoint(groups)
    page.check("input[data-filter=cls][value=CadreGroup]")
    page.check("input[data-filter=relation][value=partOf]")
    assert len(drawn_nodes(page)) == ENTITIES
    assert page.evaluate("kgNetwork.body.edgeIndices.length") == RELATIONS_DRAWN
    assert page.text_content("#kg-shown") == ""
    # Searching a node of a hidden class shows the class again.
    page.uncheck("input[data-filter=cls][value=CadreGroup]")
    page.fill("#kg-search", "村干部")
    page.press("#kg-search", "Enter")
    assert str(ID["cadregroup/g2"]) in drawn_nodes(page)
    assert page.is_checked("input[data-filter=cls][value=CadreGroup]")
    assert log.errors == []


def test_clicking_a_node_highlights_its_neighbourhood(fresh: tuple[Page, PageLog], graph: Graph) -> None:
    page, log = fresh
    wujiang = ID["locality/wujiang"]
    neighbours = {str(o) for p in RELATIONS for o in graph.objects(wujiang, p)} | {
        str(s) for p in RELATIONS for s in graph.subjects(p, wujiang)}
    assert len(neighbours) == 4
    click_node(page, str(wujiang))
    assert page.evaluate("kgNetwork.getSelectedNodes()") == [str(wujiang)]
    opacity = {n["id"]: n.get("opacity") for n in page.evaluate("kgNetwork.body.data.nodes.get()")}
    assert {i for i, o in opacity.items() if o == 1} == neighbours | {str(wujiang)}
    assert all(o < 0.5 for i, o in opacity.items() if i not in neighbours | {str(wujiang)})
    lit = {e["id"] for e in page.evaluate("kgNetwork.body.data.edges.get()") if e["color"]["opacity"] == 1}
    assert len(lit) == 4 and lit == set(page.evaluate(f"kgNetwork.getConnectedEdges({json.dumps(str(wujiang))})"))
    assert {label["id"] for label in page.evaluate("kgLabels()") if label["kind"] == "node"} == neighbours | {str(wujiang)}
    click_background(page)
    assert page.evaluate("kgNetwork.getSelectedNodes()") == []
    assert {n.get("opacity") for n in page.evaluate("kgNetwork.body.data.nodes.get()")} == {1}
    assert len(page.evaluate("kgLabels()")) > ENTITIES
    assert log.errors == []


# ---- reduced and focused views ----

def test_a_big_graph_is_reduced_to_its_busiest_nodes(tmp_path: Path) -> None:
    big = Graph()
    hub = ID["locality/hub"]
    big.add((hub, RDF.type, KG.Locality))
    for i in range(AUTO_LIMIT):
        node = ID[f"locality/{i}"]
        big.add((node, RDF.type, KG.Locality))
        big.add((node, RDFS.label, Literal(f"地方{i}", lang="zh")))
        big.add((node, KG.partOf, hub))
    path = tmp_path / "graph.html"
    assert render(big, path) == ViewStats(nodes=AUTO_LIMIT, edges=AUTO_LIMIT - 1, total=AUTO_LIMIT + 1)
    assert f"showing {AUTO_LIMIT:,} of {AUTO_LIMIT + 1:,} nodes; use kg view for more" in path.read_text("utf-8")


def test_the_reduced_view_says_so_on_the_page(chromium: Browser, graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "graph.html"
    stats = render(graph, path, limit=5)
    assert (stats.nodes, stats.total) == (5, ENTITIES)
    counts = degrees(graph)
    busiest = {str(n) for n in sorted(counts, key=lambda n: (-counts[n], str(n)))[:5]}
    with offline_page(chromium) as (page, log):
        open_page(page, path)
        assert drawn_nodes(page) == busiest
        note = page.text_content("#kg-note")
        assert f"showing 5 of {ENTITIES} nodes; use kg view for more" in note and "显示度数最高的 5 个节点" in note
        assert page.locator("#kg-note").is_visible()
    assert log.errors == []
    unscoped = tmp_path / "all.html"
    assert render(graph, unscoped, Scope(), limit=5).nodes == ENTITIES
    assert 'id="kg-note"' not in unscoped.read_text("utf-8")


def test_focus_view_holds_the_node_and_its_neighbours_only(chromium: Browser, seeds_out: Path, tmp_path: Path) -> None:
    out = tmp_path / "huangyan.html"
    proc = kg("view", seeds_out, "--focus", "黄岩区", "--hops", "1", "--out", out)
    assert proc.returncode == 0, proc.stderr
    built = Graph().parse(seeds_out / "kg.ttl")
    (centre,) = built.subjects(RDFS.label, Literal("黄岩区", lang="zh"))
    expected = {str(centre)} | {str(o) for p in RELATIONS for o in built.objects(centre, p)} | {
        str(s) for p in RELATIONS for s in built.subjects(p, centre)}
    assert len(expected) > 3
    assert proc.stdout == f"{out}: {len(expected)} of {len(degrees(built))} nodes, {len(expected) - 1} edges\n"
    with offline_page(chromium) as (page, log):
        open_page(page, out)
        assert drawn_nodes(page) == expected
        assert "黄岩区" in {label["text"] for label in page.evaluate("kgLabels()")}
        assert "within 1 hop of 黄岩区" in page.text_content("#kg-note")
    assert log.errors == [] and log.blocked == []
    again = tmp_path / "again.html"
    assert kg("view", seeds_out, "--focus", "黄岩区", "--out", again).returncode == 0
    assert again.read_bytes() == out.read_bytes()


def test_view_options_narrow_the_graph(seeds_out: Path, tmp_path: Path) -> None:
    built = Graph().parse(seeds_out / "kg.ttl")
    counts = degrees(built)
    localities = {n for n in counts if (n, RDF.type, KG.Locality) in built}
    proc = kg("view", seeds_out, "--classes", "Locality", "--top", "5", "--out", tmp_path / "v.html")
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "v.html").read_text("utf-8")
    drawn = set(re.findall(r'"id": "(https://w3id.org/cadre-kg/id/[^"]+)"', html))
    assert drawn == {str(n) for n in sorted(localities, key=lambda n: (-counts[n], str(n)))[:5]}


@pytest.mark.parametrize(("args", "message"), [
    (["--focus", "不存在的地方"], "no entity of"),
    (["--hops", "2"], "--hops N needs --focus NAME"),
    (["--classes", "Locality,Village"], "no class Village"),
    (["--article", "nope"], "has no article with this id"),
])
def test_view_refuses_bad_options_in_one_line(seeds_out: Path, tmp_path: Path, args: list[str], message: str) -> None:
    proc = kg("view", seeds_out, *args, "--out", tmp_path / "v.html")
    assert proc.returncode == 2 and message in one_error(proc)
    assert not (tmp_path / "v.html").exists()


def test_view_help_has_an_example() -> None:
    proc = kg("view", "--help")
    assert proc.returncode == 0 and "example: kg view" in proc.stdout


# ---- per-article view ----

def marked_spans(page: Page) -> tuple[str, list[tuple[int, int, str]]]:
    """The article text shown and its marked pieces: (start, end, edge ids)."""
    return page.evaluate("""() => {
        const box = document.getElementById('kg-article-text');
        let at = 0; const marks = [];
        for (const child of box.childNodes) {
            const n = child.textContent.length;
            if (child.nodeName === 'MARK') marks.push([at, at + n, child.dataset.edges]);
            at += n;
        }
        return [box.textContent, marks];
    }""")


@pytest.fixture(scope="module")
def article_view(seeds_out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("article") / "article.html"
    proc = kg("view", seeds_out, "--article", SEED_ARTICLE, "--out", out)
    assert proc.returncode == 0, proc.stderr
    return out


def test_article_view_shows_the_text_with_its_evidence_marked(chromium: Browser, seeds_out: Path,
                                                             article_view: Path) -> None:
    (original,) = read_inputs([REPO / "seeds" / f"{SEED_ARTICLE}.txt"])
    built = Graph().parse(seeds_out / "kg.ttl")
    (article,) = built.subjects(DCTERMS.identifier, Literal(SEED_ARTICLE))
    evidence = set()
    for st in built.subjects(PROV.wasDerivedFrom, article):
        start, end = int(built.value(st, KG.startOffset)), int(built.value(st, KG.endOffset))
        span = original.text[start:end]
        assert span.strip()
        start += len(span) - len(span.lstrip())
        evidence |= set(range(start, start + len(span.strip())))
    with offline_page(chromium) as (page, log):
        open_page(page, article_view)
        text, marks = marked_spans(page)
        assert text == original.text
        assert {i for start, end, _ in marks for i in range(start, end)} == evidence
        drawn = set(page.evaluate("kgNetwork.body.nodeIndices"))
        assert drawn == {str(n) for n in built.objects(article, KG.mentions)} & set(map(str, degrees(built)))
        # Every edge with evidence in this article has its sentence marked.
        edges = page.evaluate("kgNetwork.body.data.edges.get().filter(e => e.relation !== 'partOf' && e.relation !== 'postIn').map(e => e.id)")
        assert set(edges) == {e for _, _, ids in marks for e in ids.split()}
    assert log.errors == [] and log.blocked == []


def test_clicking_an_edge_marks_and_scrolls_to_its_sentence(chromium: Browser, article_view: Path) -> None:
    with offline_page(chromium) as (page, log):
        open_page(page, article_view)
        _, marks = marked_spans(page)
        last = marks[-1][2].split()[0]  # an edge whose sentence lies at the end of the text
        assert page.evaluate("document.getElementById('kg-article').scrollTop") == 0
        click_edge(page, last)
        assert page.evaluate("kgNetwork.getSelectedEdges()") == [last]
        current = page.locator("#kg-article .kg-current")
        assert current.count() >= 1
        assert all(last in current.nth(i).get_attribute("data-edges").split() for i in range(current.count()))
        assert current.first.is_visible() and page.evaluate("document.getElementById('kg-article').scrollTop") > 0
        panel, mark = page.locator("#kg-article").bounding_box(), current.first.bounding_box()
        assert panel["y"] <= mark["y"] and mark["y"] + mark["height"] <= panel["y"] + panel["height"]
        # And clicking a sentence selects its edges.
        first = page.locator("#kg-article mark").first
        first.click()
        assert page.evaluate("kgNetwork.getSelectedEdges()") == first.get_attribute("data-edges").split()
        assert "kg-current" in first.get_attribute("class").split()
    assert log.errors == [] and log.blocked == []


def test_article_view_without_the_text_lists_the_evidence(chromium: Browser, tmp_path: Path) -> None:
    (tmp_path / "kg.ttl").write_text(TTL, encoding="utf-8")
    out = tmp_path / "a1.html"
    proc = kg("view", tmp_path, "--article", "001_suzhou", "--out", out)
    assert proc.returncode == 0, proc.stderr
    with offline_page(chromium) as (page, log):
        open_page(page, out)
        assert "seeds/001_suzhou.txt is not a file here" in page.text_content(".kg-missing")
        items = page.locator("#kg-article-sentences li")
        assert [items.nth(i).text_content() for i in range(items.count())] == [
            "吴江区委组织部部长张明说。", "十条措施重点激励年轻干部。"]  # in text order (offsets 0 and 40)
        assert drawn_nodes(page) == {str(ID[n]) for n in ("official/p1", "post/t1", "organization/o1", "measure/m1",
                                                          "cadregroup/g1")}
        # The edges of a1's statements and the unreified postIn between its entities; not a0's launches.
        assert sorted(page.evaluate("kgNetwork.body.data.edges.get().map(e => e.relation)")) == ["holds", "postIn", "targets"]
        targets = page.evaluate("kgNetwork.body.data.edges.get({filter: e => e.relation === 'targets'})[0].title")
        assert "十条措施重点激励年轻干部。" in targets and "措施面向年轻干部。" not in targets
        items.nth(1).click()
        assert page.evaluate("kgNetwork.getSelectedEdges().map(id => kgNetwork.body.data.edges.get(id).relation)") == ["targets"]
    assert log.errors == [] and log.blocked == []


def test_article_text_is_used_only_while_it_matches_the_build(graph: Graph, tmp_path: Path) -> None:
    source = tmp_path / "001_suzhou.txt"
    source.write_text("吴江区委组织部部长张明说。\n", encoding="utf-8")
    a1 = ID["article/a1"]
    g = Graph() + graph
    g.set((a1, KG.file, Literal(str(source))))
    g.set((a1, KG.contentHash, Literal(content_hash("吴江区委组织部部长张明说。\n"))))
    assert article_text(g, a1).text == "吴江区委组织部部长张明说。\n"
    g.set((a1, KG.contentHash, Literal(content_hash("another text"))))
    assert article_text(g, a1).missing == f"{source} has changed since the build"
    assert article_text(g, ID["article/a0"]).missing == "the graph records no file for it"
    jsonl = tmp_path / "corpus.jsonl"
    jsonl.write_text(json.dumps({"id": "001_suzhou", "text": "张明说。"}, ensure_ascii=False) + "\n", encoding="utf-8")
    g.set((a1, KG.file, Literal(f"{jsonl}:1")))
    g.set((a1, KG.contentHash, Literal(content_hash("张明说。"))))
    assert article_text(g, a1).text == "张明说。"


# ---- the page of a real build ----

def test_seeds_graph_opens_offline_readable(chromium: Browser, seeds_out: Path) -> None:
    built = Graph().parse(seeds_out / "kg.ttl")
    counts = degrees(built)
    with offline_page(chromium) as (page, log):
        open_page(page, seeds_out / "graph.html")
        assert len(drawn_nodes(page)) == len(counts)
        page.screenshot(path=str(seeds_out.parent / "seeds-graph.png"))
        labels = page.evaluate("kgLabels()")
        assert overlapping([label["box"] for label in labels]) == []
        named = {label["id"] for label in labels}
        # the hubs: the eight busiest nodes, less those tied with the ninth (which of a tie is named
        # first is the page's order, not the graph's)
        ranked = sorted(counts, key=lambda n: (-counts[n], str(n)))
        hubs = [n for n in ranked[:8] if counts[n] > counts[ranked[8]]]
        assert len(hubs) >= 4 and {str(n) for n in hubs} <= named
        assert len(named & set(map(str, counts))) > len(counts) / 2
        page.fill("#kg-search", "黄岩区")
        page.press("#kg-search", "Enter")
        (huangyan,) = built.subjects(RDFS.label, Literal("黄岩区", lang="zh"))
        assert page.evaluate("kgNetwork.getSelectedNodes()") == [str(huangyan)]
    assert log.errors == [] and log.blocked == [] and log.requests == [(seeds_out / "graph.html").as_uri()]


@pytest.mark.parametrize("limit", [12, 60, AUTO_LIMIT])
def test_a_builds_page_is_the_page_of_its_whole_graph(seeds_out: Path, tmp_path: Path, limit: int) -> None:
    """The build ranks entities by degree on disk (``render_build``) and draws the same page as
    ``render`` of the whole graph in memory (networkx) does."""
    whole = Graph().parse(seeds_out / "kg.nt", format="nt")
    from_disk, in_memory = tmp_path / "disk.html", tmp_path / "memory.html"
    assert render_build(seeds_out / "kg.nt", from_disk, limit) == render(whole, in_memory, limit=limit)
    assert from_disk.read_bytes() == in_memory.read_bytes()
