"""Exports beside kg.ttl: each parses back to the same graph; one named graph per article."""
from __future__ import annotations

from collections import defaultdict
from itertools import groupby
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, XSD, BNode, Dataset, Graph, URIRef
from rdflib import Literal as RLiteral
from rdflib.compare import isomorphic
from rdflib.namespace import PROV

from kg.atomic import Pending
from kg.errors import KgError
from kg.graph.export import GraphWriter, _Beside, write_trig
from kg.graph.vocab import ID, KG, ONTOLOGY_DIR
from kg.run.pool import WorkerPool
from kgcli import kg


@pytest.fixture(scope="module")
def graph(seeds_out: Path) -> Graph:
    return Graph().parse(seeds_out / "kg.ttl", format="turtle")


def merged(dataset: Dataset) -> Graph:
    """The triples of every graph of ``dataset``, as one graph."""
    g = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def article_graphs(dataset: Dataset) -> dict[URIRef, Graph]:
    return {g.identifier: g for g in dataset.graphs() if isinstance(g.identifier, URIRef) and len(g)}


@pytest.mark.parametrize("name, fmt", [("kg.nt", "nt"), ("kg.jsonld", "json-ld")])
def test_triple_exports_parse_back_to_the_graph(seeds_out: Path, graph: Graph, name: str, fmt: str) -> None:
    parsed = Graph().parse(seeds_out / name, format=fmt)
    assert len(parsed) == len(graph) > 1000
    assert isomorphic(parsed, graph)


@pytest.mark.parametrize("name, fmt", [("kg.nq", "nquads"), ("kg.trig", "trig")])
def test_quad_exports_merge_to_the_graph(seeds_out: Path, graph: Graph, name: str, fmt: str) -> None:
    dataset = Dataset()
    dataset.parse(seeds_out / name, format=fmt)
    assert isomorphic(merged(dataset), graph)
    articles = set(graph.subjects(RDF.type, KG.Article))
    assert set(article_graphs(dataset)) == articles
    assert not len(dataset.default_graph), "every triple of a kg graph belongs to an article"


def test_article_graphs_hold_what_each_article_supports(seeds_out: Path, graph: Graph) -> None:
    dataset = Dataset()
    dataset.parse(seeds_out / "kg.nq", format="nquads")
    graphs = article_graphs(dataset)
    evidence = defaultdict(set)  # relation triple -> articles that are evidence for it
    for st in graph.subjects(RDF.type, RDF.Statement):
        article = graph.value(st, PROV.wasDerivedFrom)
        evidence[(graph.value(st, RDF.subject), graph.value(st, RDF.predicate), graph.value(st, RDF.object))].add(article)
        assert set(graph.triples((st, None, None))) <= set(graphs[article]), st  # the statement, in full
    for triple, articles in evidence.items():
        assert {a for a, g in graphs.items() if triple in g} == articles, triple
    for article, g in graphs.items():
        assert set(graph.triples((article, None, None))) <= set(g)
        for entity in graph.objects(article, KG.mentions):  # mentioned entities with their names
            assert set(graph.triples((entity, RDFS.label, None))) <= set(g), entity
        assert not any((other, None, None) in g for other in graphs if other != article)  # no other article


def test_nquads_answer_per_article_graph_queries(seeds_out: Path, graph: Graph) -> None:
    store = ox.Store()
    store.bulk_load(path=str(seeds_out / "kg.nq"), format=ox.RdfFormat.N_QUADS)
    query = """PREFIX kg: <https://w3id.org/cadre-kg/ontology#>
               PREFIX dcterms: <http://purl.org/dc/terms/>
               SELECT ?id ?campaign WHERE { GRAPH ?a { ?a dcterms:identifier ?id . ?l kg:launches ?campaign } }"""
    answered = {(s["id"].value, s["campaign"].value) for s in store.query(query)}
    expected = {(str(graph.value(graph.value(st, PROV.wasDerivedFrom), URIRef("http://purl.org/dc/terms/identifier"))),
                 str(graph.value(st, RDF.object)))
                for st in graph.subjects(RDF.predicate, KG.launches)}
    assert answered == expected and len({i for i, _ in answered}) >= 3


def test_ontology_and_shapes_are_copied(seeds_out: Path) -> None:
    assert (seeds_out / "ontology.ttl").read_bytes() == (ONTOLOGY_DIR / "kg.ttl").read_bytes()
    assert (seeds_out / "shapes.ttl").read_bytes() == (ONTOLOGY_DIR / "shapes.ttl").read_bytes()


def test_line_formats_are_sorted(seeds_out: Path) -> None:
    lines = (seeds_out / "kg.nt").read_bytes().splitlines()
    assert lines == sorted(set(lines)) and all(line.endswith(b" .") for line in lines)
    quads = (seeds_out / "kg.nq").read_bytes().splitlines()
    blocks = [list(group) for _, group in groupby(quads, key=lambda line: line[line.rindex(b" <"):])]
    assert len(blocks) == len({block[0][block[0].rindex(b" <"):] for block in blocks}) == 5  # one block an article
    assert all(block == sorted(set(block)) for block in blocks)


def test_outputs_do_not_depend_on_hash_order(tmp_path: Path) -> None:
    """Sets and dicts iterate in hash order: two builds under other hash seeds write the same bytes."""
    for seed in ("1", "2"):
        assert kg("build", "seeds", "--out", tmp_path / seed, "--no-store", env={"PYTHONHASHSEED": seed}).returncode == 0
    for name in ("kg.ttl", "kg.nt", "kg.nq", "kg.trig", "kg.jsonld", "graph.html", "report.html"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name


# --- any graph: escapes, Chinese, numbers, triples no article supports ------------------------------

TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)
NODES = st.sampled_from([ID[f"official/{i}"] for i in range(4)] + [ID[f"article/{i}"] for i in range(2)]
                        + [ID[""], URIRef("urn:example:1"), BNode("b1")])
OBJECTS = st.one_of(
    NODES,
    TEXT.map(lambda t: RLiteral(t, lang="zh")),
    TEXT.map(RLiteral),
    st.integers(-10**6, 10**6).map(lambda n: RLiteral(n, datatype=XSD.integer)),
)
TRIPLES = st.lists(st.one_of(st.tuples(NODES, st.sampled_from([RDFS.label, KG.mentions, KG.evidence]), OBJECTS),
                             st.tuples(NODES, st.just(RDF.type), st.sampled_from([KG.Official, KG.Article]))),
                   max_size=25)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(triples=TRIPLES)
def test_any_graph_round_trips_through_every_export(triples, tmp_path: Path) -> None:
    graph = Graph()
    graph.add((ID["article/0"], RDF.type, KG.Article))
    for triple in triples:
        graph.add(triple)
    out = tmp_path / "export"
    parsed = ox.parse(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    with GraphWriter(out, store=False) as writer:
        writer.add("".join(f"{q.triple} <{ID['article/0']}> .\n" for q in parsed).encode("utf-8"))
        writer.finish()
    for name, fmt in (("kg.nt", "nt"), ("kg.ttl", "turtle"), ("kg.jsonld", "json-ld")):
        assert isomorphic(Graph().parse(out / name, format=fmt), graph), name
    for name, fmt in (("kg.nq", "nquads"), ("kg.trig", "trig")):
        dataset = Dataset()
        dataset.parse(out / name, format=fmt)
        assert isomorphic(merged(dataset), graph), name


def test_a_file_written_beside_that_fails_is_reported(tmp_path: Path) -> None:
    """kg.trig and kg.jsonld are written by processes of the fork server in parallel builds: one
    that fails (here: its input is missing) is an error naming the file, not a file left out."""
    with WorkerPool() as pool:
        if pool.side() is None:
            pytest.skip("no fork server on this platform")
        with pytest.raises(KgError, match=r"kg\.trig: the process writing it failed"):
            with _Beside(pool.side(), write_trig, tmp_path / "missing.nq", Pending(tmp_path / "kg.trig")) as trig:
                trig.wait()
    assert not (tmp_path / "kg.trig").exists()
