"""The build's ``report.html``: it counts what the graph holds, opens offline in headless Chromium
with its charts drawn, links into ``graph.html`` (which selects the node), keeps names as text,
and is the same bytes from the store or from ``kg.nt``."""
from __future__ import annotations

import json
import random
import shutil
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

import pytest
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV

from browser import PageLog, launch, offline_page
from conftest import NO_FACTS
from kg.graph.vocab import KG
from kg.types import ENTITY_CLASSES
from kg.view.report import MAX_LISTED, MAX_ROWS, _capped, _rows, report_page, write_report
from kg.view.tables import read_graph
from kgcli import kg

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with launch() as browser:
        yield browser


@pytest.fixture(scope="module")
def graph(dated_out: Path) -> Graph:
    return Graph().parse(dated_out / "kg.nt", format="nt")


@contextmanager
def open_report(chromium: Browser, path: Path) -> Iterator[tuple[Page, PageLog]]:
    with offline_page(chromium) as (page, log):
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        yield page, log


@pytest.fixture(scope="module")
def report(chromium: Browser, dated_out: Path) -> Iterator[tuple[Page, PageLog]]:
    with open_report(chromium, dated_out / "report.html") as opened:
        yield opened


def cells(page: Page, heading: str) -> list[list[str]]:
    """The body rows of the table after the h2 that starts with ``heading``."""
    return page.evaluate("""heading => {
        const h2 = [...document.querySelectorAll('h2')].find(h => h.textContent.startsWith(heading));
        let table = h2.nextElementSibling;
        while (table && table.tagName !== 'TABLE') table = table.nextElementSibling;
        return [...table.querySelectorAll('tr')].slice(1).map(tr => [...tr.cells].map(td => td.textContent));
    }""", heading)


def test_the_report_opens_offline_with_every_chart_drawn(report: tuple[Page, PageLog], dated_out: Path) -> None:
    page, log = report
    charts = page.locator("svg.kg-chart")
    names = [charts.nth(i).get_attribute("aria-label") for i in range(charts.count())]
    assert names == ["facts by province", "facts by year", "adoptions by type and year", "adoptions by province and type"]
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box and box["width"] > 0 and box["height"] > 0, names[i]
        drawn = charts.nth(i).evaluate("svg => [...svg.querySelectorAll('rect')].filter(r => "
                                       "r.getBBox().width > 0 && r.getBBox().height > 0).length")
        assert drawn > 0, names[i]
    assert log.errors == [] and log.blocked == []
    assert log.requests == [(dated_out / "report.html").as_uri()]


def test_counts_are_the_graphs(report: tuple[Page, PageLog], graph: Graph) -> None:
    page, _ = report
    first: dict = {}
    for cls in reversed(ENTITY_CLASSES):  # a node of two classes counts for the first of them
        first.update({node: cls for node in graph.subjects(RDF.type, KG[cls])})
    per_class = Counter(first.values())
    shown = page.evaluate("[...document.querySelectorAll('tr[data-class]')].map(tr => [tr.dataset.class, "
                          "Number(tr.cells[1].textContent.replace(/,/g, ''))])")
    assert dict(shown) == {cls: per_class[cls] for cls in ENTITY_CLASSES}
    relations = list(graph.subjects(RDF.type, RDF.Statement))
    statements = Counter(str(graph.value(st, RDF.predicate)).split("#")[1] for st in relations)
    shown = page.evaluate("[...document.querySelectorAll('tr[data-relation]')].map(tr => [tr.dataset.relation, "
                          "Number(tr.cells[2].textContent.replace(/,/g, ''))])")
    assert dict(shown) == dict(statements)
    by_year = page.locator("svg[aria-label='facts by year'] rect title").all_text_contents()
    assert sum(int(t.split(": ")[1]) for t in by_year) == len(relations)
    years = Counter(str(graph.value(graph.value(st, PROV.wasDerivedFrom), DCTERMS.date))[:4] for st in relations)
    assert {t.split(": ")[0]: int(t.split(": ")[1]) for t in by_year if not t.endswith(": 0")} == dict(years)
    assert sum(int(t.split(": ")[1]) for t in page.locator(
        "svg[aria-label='facts by province'] rect title").all_text_contents()) == sum(statements.values())
    # an adoption counts once under each type of its initiative, once as untyped without one
    adoptions = sum(max(1, len(set(graph.objects(graph.value(st, RDF.object), DCTERMS.subject))))
                    for st in relations if str(graph.value(st, RDF.predicate)).endswith(("#launches", "#issues")))
    for chart in ("adoptions by type and year", "adoptions by province and type"):
        titles = page.locator(f"svg[aria-label='{chart}'] rect title").all_text_contents()
        assert sum(int(t.rsplit(": ", 1)[1]) for t in titles) == adoptions


@pytest.mark.parametrize("keys, shown", [
    (5, ["k4", "k3", "k2", "k1", "k0", "rest"]),
    (MAX_ROWS, [f"k{i}" for i in reversed(range(MAX_ROWS))] + ["rest"]),
    (MAX_ROWS + 10, [f"k{i}" for i in reversed(range(11, MAX_ROWS + 10))] + ["其他 11 others", "rest"]),
])
def test_long_lists_are_cut_with_the_rest_summed(keys: int, shown: list[str]) -> None:
    counts = Counter({f"k{i}": i + 1 for i in range(keys)} | {"rest": 1})
    rows = _capped(counts, ("rest",))
    assert [k for k, _ in rows] == shown
    assert sum(n for _, n in rows) == sum(counts.values())
    kept, row_of = _rows(counts, "rest")
    assert kept == shown and {row_of(k) for k in counts} == set(shown)


def test_articles_without_facts_are_listed(report: tuple[Page, PageLog], graph: Graph) -> None:
    page, _ = report
    sources = {graph.value(st, PROV.wasDerivedFrom) for st in graph.subjects(RDF.type, RDF.Statement)}
    without = sorted(str(graph.value(a, DCTERMS.identifier)) for a in graph.subjects(RDF.type, KG.Article)
                     if a not in sources)
    assert without == [NO_FACTS["id"]]
    assert [row[0] for row in cells(page, "没有事实的文章")] == without


def test_a_title_holding_markup_stays_text(report: tuple[Page, PageLog]) -> None:
    page, _ = report
    assert [row[1] for row in cells(page, "没有事实的文章")] == [NO_FACTS["title"]]
    assert page.locator("img, b, script").count() == 0
    assert page.evaluate("window.pwned") is None


def test_a_name_holding_markup_stays_text(chromium: Browser, dated_out: Path, tmp_path: Path) -> None:
    data = read_graph(dated_out)
    hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'
    data.labels = {node: hostile + name for node, name in data.labels.items()}
    path = tmp_path / "report.html"
    path.write_text(report_page(data), encoding="utf-8")
    with open_report(chromium, path) as (page, log):
        assert page.locator("img, script").count() == 0
        assert page.evaluate("window.pwned") is None
        assert page.get_by_text(hostile).count() > 0
        assert log.errors == [] and log.blocked == []


def test_links_select_their_node_in_the_graph_page(chromium: Browser, dated_out: Path, graph: Graph) -> None:
    with open_report(chromium, dated_out / "report.html") as (page, log):
        links = page.locator("a[href^='graph.html#node=']")
        assert links.count() > 0
        busiest = page.locator("table a[href^='graph.html#node=']").first
        name, href = busiest.text_content(), busiest.get_attribute("href")
        busiest.click()
        page.wait_for_function("window.kgReady === true", timeout=60_000)
        node = unquote(href.split("#node=", 1)[1])
        assert page.evaluate("kgNetwork.getSelectedNodes()") == [node]
        assert str(graph.value(URIRef(node), RDFS.label)) == name
        assert page.locator("#kg-details").is_visible() and name in page.locator("#kg-details").text_content()
        assert log.errors == [] and log.blocked == []


def test_the_graph_page_says_when_the_address_names_no_node(chromium: Browser, dated_out: Path) -> None:
    with offline_page(chromium) as (page, log):
        page.goto((dated_out / "graph.html").as_uri() + "#node=https%3A%2F%2Fexample.org%2Fnone")
        page.wait_for_function("window.kgReady === true", timeout=60_000)
        assert page.evaluate("kgNetwork.getSelectedNodes()") == []
        assert "https://example.org/none" in page.locator("#kg-status").text_content()
        assert log.errors == []


def test_the_report_is_the_same_from_the_store_or_kg_nt(dated_out: Path, tmp_path: Path) -> None:
    shutil.copyfile(dated_out / "kg.nt", tmp_path / "kg.nt")
    assert write_report(tmp_path) == tmp_path / "report.html"
    assert (tmp_path / "report.html").read_bytes() == (dated_out / "report.html").read_bytes()


def test_a_build_without_facts_reports_so_and_no_html_writes_none(chromium: Browser, tmp_path: Path) -> None:
    src = tmp_path / "one.jsonl"
    src.write_text(json.dumps(NO_FACTS, ensure_ascii=False) + "\n", encoding="utf-8")
    proc = kg("build", src, "--out", tmp_path / "html", "--quiet", "--no-store")
    assert proc.returncode == 0, proc.stderr
    with open_report(chromium, tmp_path / "html" / "report.html") as (page, log):
        assert page.locator("svg.kg-chart").count() == 0
        assert [row[0] for row in cells(page, "没有事实的文章")] == [NO_FACTS["id"]]
        assert log.errors == [] and log.blocked == []
    proc = kg("build", src, "--out", tmp_path / "bare", "--quiet", "--no-store", "--no-html")
    assert proc.returncode == 0, proc.stderr
    assert not (tmp_path / "bare" / "report.html").exists() and not (tmp_path / "bare" / "graph.html").exists()


def test_a_long_list_of_articles_without_facts_is_cut_and_counted(chromium: Browser, tmp_path: Path) -> None:
    rng = random.Random(5)
    words = "晴朗多云小雨微风气温适宜市民外出散步公园花开湖边钓鱼周末早晨傍晚街道商店热闹安静孩子老人读书喝茶"
    src = tmp_path / "many.jsonl"
    src.write_text("".join(json.dumps({"id": f"w{i:04d}", "text": "".join(rng.choices(words, k=40)) + "。"},
                                      ensure_ascii=False) + "\n" for i in range(MAX_LISTED + 3)), encoding="utf-8")
    proc = kg("build", src, "--out", tmp_path / "out", "--quiet", "--no-store")
    assert proc.returncode == 0, proc.stderr
    with read_graph(tmp_path / "out") as data:
        assert len(data.articles) == MAX_LISTED + 3 and next(iter(data.statements), None) is None
    with open_report(chromium, tmp_path / "out" / "report.html") as (page, log):
        assert page.locator("h2", has_text="没有事实的文章").text_content().endswith(f"({MAX_LISTED + 3:,})")
        assert [row[0] for row in cells(page, "没有事实的文章")] == [f"w{i:04d}" for i in range(MAX_LISTED)]
        assert log.errors == []


def test_the_index_the_report_is_read_from_is_removed(dated_out: Path) -> None:
    data = read_graph(dated_out)
    (folder,) = {Path(row[2]).parent for row in data.db.execute("PRAGMA database_list") if row[1] == "main"}
    assert folder.is_dir() and folder.parent != dated_out
    data.close()
    assert not folder.exists()
    assert sorted(p.name for p in dated_out.iterdir() if p.name.startswith((".kg-work", "kg-tables", "kg-ranking"))) == []
