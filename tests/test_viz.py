"""kg.viz writes an offline, deterministic graph.html that works in a real headless Chromium."""
from __future__ import annotations

import json
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rdflib import Graph

from browser import PageLog, launch, offline_page
from kg.types import ENTITY_CLASSES
from kg.viz import ViewStats, render
from kg.vocab import ID

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

STYLE = Path(__file__).resolve().parent.parent / "kg" / "resources" / "viz" / "style.json"

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
<article/a1> a kg:Article ; dcterms:identifier "001_suzhou" ; dcterms:source "seeds/001_suzhou.txt" ;
    kg:mentions <official/p1> , <post/t1> .

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
    kg:evidence "十条措施重点激励年轻干部。"@zh .
<statement/s5> a rdf:Statement ; rdf:subject <official/p1> ; rdf:predicate kg:holds ;
    rdf:object <post/t1> ; prov:wasDerivedFrom <article/a1> ;
    kg:evidence "吴江区委组织部部长张明说。"@zh .
"""
ENTITIES = 9
RELATIONS = 8  # 2 partOf, postIn, holds, launches, issues, 2 targets; no kg:mentions


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(data=TTL, format="turtle")


@pytest.fixture(scope="module")
def html_path(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("viz") / "graph.html"
    assert render(graph, path) == ViewStats(nodes=ENTITIES, edges=RELATIONS)
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


@pytest.fixture(scope="module")
def session(chromium: Browser, html_path: Path) -> Iterator[Session]:
    with offline_page(chromium) as (page, log):
        page.goto(html_path.as_uri())
        page.wait_for_function("window.kgReady === true", timeout=30_000)
        screenshot = html_path.with_name("graph.png")
        page.screenshot(path=str(screenshot))
        yield Session(page, log, screenshot)


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
    assert render(Graph(), path) == ViewStats(nodes=0, edges=0)
    with offline_page(chromium) as (page, log):
        page.goto(path.as_uri())
        page.wait_for_function("window.kgReady === true", timeout=10_000)
    assert log.errors == [] and log.blocked == []


def test_page_draws_entities_and_relations_only(session: Session) -> None:
    ids = session.page.evaluate("kgNetwork.body.data.nodes.getIds()")
    assert len(ids) == ENTITIES
    assert not [i for i in ids if "/article/" in i]
    labels = session.page.evaluate("kgNetwork.body.data.edges.get().map(e => e.label)")
    assert sorted(labels) == sorted(["partOf", "partOf", "postIn", "holds", "launches", "issues", "targets", "targets"])


def test_tooltips_carry_names_classes_and_provenance(session: Session) -> None:
    node = session.page.evaluate(f"kgNetwork.body.data.nodes.get({json.dumps(str(ID['locality/wujiang']))}).title")
    assert node.splitlines()[0] == "吴江区"
    assert "吴江" in node and "地区 Locality" in node and "320509" in node
    edge = session.page.evaluate(
        "kgNetwork.body.data.edges.get({filter: e => e.label === 'targets'"
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


def test_labels_do_not_overlap(session: Session) -> None:
    boxes = session.page.evaluate(
        "kgNetwork.body.data.nodes.getIds().map(id => kgNetwork.getBoundingBox(id))")
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert (a["right"] <= b["left"] or b["right"] <= a["left"]
                    or a["bottom"] <= b["top"] or b["bottom"] <= a["top"]), (a, b)


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
    point = page.evaluate("""() => {
        const edge = kgNetwork.body.data.edges.get({filter: e => e.label === 'issues'})[0];
        return kgNetwork.canvasToDOM(kgNetwork.body.edges[edge.id].edgeType.getPoint(0.5));
    }""")
    box = page.locator("#kg-network").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
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
