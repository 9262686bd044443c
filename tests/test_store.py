"""``kg query`` over a build's embedded store and over graph files; ``kg validate``."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import unicodedata
from itertools import groupby
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kg.graph import store as kg_store
from kg.graph.export import GraphWriter
from kg.graph.query import table
from kg.graph.store import remove_store, write_store
from kgcli import QUERIES, REPO, contents, kg, one_error, snapshot

README_QUERIES = sorted(QUERIES.glob("*.rq"))


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def rows(answer: str) -> list[tuple]:
    """SPARQL JSON results -> sorted rows of (type, value, language, datatype) per variable."""
    data = json.loads(answer)
    names = data["head"]["vars"]
    return sorted(tuple(tuple(b.get(n, {}).get(k, "") for k in ("type", "value", "xml:lang", "datatype")) for n in names)
                  for b in data["results"]["bindings"])


def test_queries_folder_has_the_readme_queries() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert {p.name for p in README_QUERIES} >= {"officials.rq", "campaigns.rq", "measures.rq"}
    for path in README_QUERIES:
        body = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
        assert body.strip() in readme, f"{path.name} differs from its copy in README.md"
        assert f"queries/{path.name}" in readme


@pytest.mark.parametrize("query", README_QUERIES, ids=lambda p: p.stem)
def test_store_and_turtle_give_the_same_rows(seeds_out: Path, query: Path) -> None:
    assert (seeds_out / "store").is_dir()
    from_store = kg("query", seeds_out, "--file", query, "--format", "json")
    from_turtle = kg("query", seeds_out / "kg.ttl", "--file", query, "--format", "json")
    assert from_store.returncode == from_turtle.returncode == 0, from_store.stderr + from_turtle.stderr
    assert rows(from_store.stdout) == rows(from_turtle.stdout)
    assert len(rows(from_store.stdout)) >= 4  # every README query finds several rows in the seeds


def test_readme_queries_find_known_facts(seeds_out: Path) -> None:
    officials = kg("query", seeds_out, "--file", QUERIES / "officials.rq", "--format", "csv")
    assert ["黄岩区", "徐淼", "黄岩区委书记"] in list(csv.reader(io.StringIO(officials.stdout)))
    campaigns = list(csv.DictReader(io.StringIO(kg("query", seeds_out, "--file", QUERIES / "campaigns.rq",
                                                   "--format", "csv").stdout)))
    assert campaigns and all(r["evidence"] and r["article"] and r["locality"] for r in campaigns)
    texts = {p.stem: p.read_text(encoding="utf-8-sig") for p in (REPO / "seeds").glob("*.txt")}
    assert all(r["evidence"] in texts[r["article"]] for r in campaigns)
    measures = kg("query", seeds_out, "--file", QUERIES / "measures.rq", "--format", "csv").stdout
    assert "乡镇党政正职" in measures


def test_table_columns_line_up_in_display_width(seeds_out: Path) -> None:
    proc = kg("query", seeds_out, "--file", QUERIES / "officials.rq")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    header, rule, body, footer = lines[0], lines[1], lines[2:-1], lines[-1]
    assert header.split() == ["locality", "official", "post"]
    assert re.fullmatch(r"\(\d+ rows\)", footer) and int(footer[1:].split()[0]) == len(body)
    starts = [m.start() for m in re.finditer(r"-+", rule)]  # each column starts where its rule does
    assert len(starts) == 3
    for line in body:
        for start in starts[1:]:
            prefix = next(line[:i] for i in range(len(line) + 1) if display_width(line[:i]) >= start)
            assert display_width(prefix) == start and prefix.endswith("  "), line
    assert any(display_width(line) != len(line) for line in body)  # Chinese text was measured


def test_table_iris_paste_back_into_a_query(seeds_out: Path) -> None:
    """Every IRI a table prints is a term SPARQL parses, naming the same node."""
    proc = kg("query", seeds_out, "SELECT ?p ?l WHERE { ?p a kg:Post ; rdfs:label ?l } ORDER BY ?l LIMIT 3")
    assert proc.returncode == 0, proc.stderr
    for line in proc.stdout.splitlines()[2:-1]:
        term, label = line.split()[:2]
        again = kg("query", seeds_out, f"SELECT ?l WHERE {{ {term} rdfs:label ?l }}", "--format", "csv")
        assert again.returncode == 0, again.stderr
        assert again.stdout.split()[1:] == [label]


def test_table_fits_a_narrow_terminal() -> None:
    evidence = "黄岩区委召开三级干部大会，全面启动“黄岩发展我担当”行动。" * 3
    text = table(["名称", "证据"], [[ox.Literal("黄岩区"), ox.Literal(evidence)]], max_width=40).decode()
    lines = text.splitlines()
    assert all(display_width(line) <= 40 for line in lines), lines
    assert lines[2].startswith("黄岩区  ") and lines[2].endswith("…")


def test_ask_construct_and_csv(seeds_out: Path) -> None:
    ask = kg("query", seeds_out, "ASK { ?o kg:holds ?p }", "--format", "json")
    assert json.loads(ask.stdout) == {"head": {}, "boolean": True}
    construct = kg("query", seeds_out / "kg.trig", "CONSTRUCT { ?o kg:holds ?p } WHERE { ?o kg:holds ?p }",
                   "--format", "ttl")
    holds = Graph().parse(data=construct.stdout, format="turtle")
    full = Graph().parse(seeds_out / "kg.ttl")
    assert set(holds) == set(full.triples((None, full.namespace_manager.expand_curie("kg:holds"), None)))
    as_jsonld = kg("query", seeds_out / "kg.nt", "CONSTRUCT { ?o kg:holds ?p } WHERE { ?o kg:holds ?p }",
                   "--format", "json")
    assert set(Graph().parse(data=as_jsonld.stdout, format="json-ld")) == set(holds)
    count = kg("query", seeds_out / "kg.jsonld", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "--format", "csv")
    assert count.stdout.split() == ["n", str(len(full))]


def test_per_article_graphs_in_the_store(seeds_out: Path) -> None:
    proc = kg("query", seeds_out, "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?g a kg:Article } } GROUP BY ?g",
              "--format", "csv")
    assert len(proc.stdout.splitlines()) == 1 + len(list((REPO / "seeds").glob("*.txt")))


@pytest.mark.parametrize("query, where", [
    ("SELECT ?x WHERE { ?x ?y }", "line 1, column 26"),
    ("SELECT ?x WHERE {\n  ?x kg:holds ?y .\n  FILTER(?y = ) }", "line 3"),
    ("SELECT * { ?s foo:bar ?o }", "foo:"),
])
def test_malformed_sparql_is_one_line_with_its_position(seeds_out: Path, query: str, where: str) -> None:
    before = snapshot(seeds_out)
    error = one_error(kg("query", seeds_out, query))
    assert "SPARQL syntax error" in error and where in error
    assert kg("query", seeds_out, query).returncode == 2
    assert snapshot(seeds_out) == before


def test_query_file_errors(seeds_out: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("PREFIX kg: <https://w3id.org/cadre-kg/ontology#>\nSELEC ?x", encoding="utf-8")
    error = one_error(kg("query", seeds_out, "--file", bad))
    assert str(bad) in error and "line 2" in error
    assert str(tmp_path / "none.rq") in one_error(kg("query", seeds_out, "--file", tmp_path / "none.rq"))
    assert "not both" in one_error(kg("query", seeds_out, "ASK {}", "--file", bad))


def test_missing_or_wrong_targets(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    proc = kg("query", missing, "ASK {}")
    assert proc.returncode == 2 and str(missing) in one_error(proc)
    assert not missing.exists()
    assert "no kg build here" in one_error(kg("query", tmp_path, "ASK {}"))
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .", encoding="utf-8")
    assert "not valid" in one_error(kg("query", broken, "ASK {}"))


def test_query_leaves_the_build_untouched(seeds_out: Path) -> None:
    before = snapshot(seeds_out)
    for query in README_QUERIES:
        assert kg("query", seeds_out, "--file", query).returncode == 0
    assert snapshot(seeds_out) == before


def test_store_is_kept_when_unchanged_and_removable(seeds_out: Path, tmp_path: Path) -> None:
    build = tmp_path / "build"
    shutil.copytree(seeds_out, build)
    before = snapshot(build)
    write_store(build)  # same kg.nt and kg.nq: the RocksDB files stay as they are
    assert snapshot(build) == before
    with (build / "kg.nt").open("ab") as fh:
        fh.write('<https://example.org/x> <https://example.org/p> "新" .\n'.encode())
    write_store(build)
    assert kg("query", build, 'ASK { ?x ?p "新" }').stdout == "true\n"
    assert contents(build) == {**contents(seeds_out), "kg.nt": contents(build)["kg.nt"]}
    remove_store(build)
    assert not (build / "store").exists() and not list(build.glob(".store*"))
    assert kg("query", build, 'ASK { ?x ?p "新" }').stdout == "false\n"  # falls back to kg.ttl


def test_store_holds_the_build_however_its_loads_are_cut(seeds_out: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The store loads the article graphs as they come and kg.nt at the end: it holds kg.nt as its
    default graph and kg.nq as its named graphs, however the loads are cut into chunks (here
    growing from 100 lines to 400)."""
    monkeypatch.setattr(kg_store, "LOAD_MIN", 100)
    monkeypatch.setattr(kg_store, "LOAD_MAX", 400)
    out = tmp_path / "build"
    with GraphWriter(out, store=True) as writer:
        for block in blocks_of((seeds_out / "kg.nq").read_bytes()):
            writer.add(block)
        writer.finish()
    store = ox.Store.read_only(str(out / "store"))
    default = set(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    named = {q for q in store if not isinstance(q.graph_name, ox.DefaultGraph)}
    assert {q.triple for q in default} == {q.triple for q in ox.parse(path=seeds_out / "kg.nt",
                                                                        format=ox.RdfFormat.N_TRIPLES)}
    assert named == set(ox.parse(path=seeds_out / "kg.nq", format=ox.RdfFormat.N_QUADS))


def blocks_of(quads: bytes) -> list[bytes]:
    """N-Quads cut into one block per graph, as a build hands them to its writer."""
    lines = quads.splitlines(keepends=True)
    return [b"".join(group) for _, group in groupby(lines, key=lambda line: line[line.rindex(b" <"):])]


def test_validate_conforming_build(seeds_out: Path) -> None:
    proc = kg("validate", seeds_out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.splitlines() == [f"{seeds_out / 'kg.ttl'}: conforms to shapes.ttl ({len(Graph().parse(seeds_out / 'kg.ttl'))} triples)"]


def test_validate_reports_each_violation(seeds_out: Path, tmp_path: Path) -> None:
    graph = Graph().parse(seeds_out / "kg.ttl")
    entity, label = next(iter(sorted(graph.subject_objects(RDFS.label))))
    graph.add((entity, RDFS.label, Literal("另一个名字", lang="zh")))
    (tmp_path / "kg.ttl").write_bytes(graph.serialize(format="turtle", encoding="utf-8"))
    before = snapshot(tmp_path)
    proc = kg("validate", tmp_path)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith(f"{tmp_path / 'kg.ttl'}: does not conform to shapes.ttl: 1 result on 1 node")
    assert lines[1].endswith(f"  {' / '.join(sorted([str(label), '另一个名字']))}") and "kgid:" in lines[1]
    assert re.fullmatch(r"\s+rdfs:label: .*\[MaxCount\]", lines[2]), lines[2]
    assert snapshot(tmp_path) == before
    missing = kg("validate", tmp_path / "nowhere")
    assert missing.returncode == 2 and "nowhere" in one_error(missing)


def _merged_by_hand(seeds_out: Path, cls: str) -> tuple[Graph, URIRef]:
    """The seeds' graph with two nodes of ``cls`` named by different articles made one node."""
    graph = Graph().parse(seeds_out / "kg.ttl")
    kg_ns = "https://w3id.org/cadre-kg/ontology#"
    nodes = sorted(graph.subjects(RDF.type, URIRef(kg_ns + cls)))
    mentions = URIRef(kg_ns + "mentions")
    by_article = {}
    for node in nodes:
        by_article.setdefault(next(graph.subjects(mentions, node)), node)
    keep, gone = list(by_article.values())[:2]
    for s, p, o in list(graph.triples((gone, None, None))):
        graph.remove((s, p, o))
        if p != RDFS.label:
            graph.add((keep, p, o))
    for s, p, o in list(graph.triples((None, None, gone))):
        graph.remove((s, p, o))
        graph.add((s, p, keep))
    return graph, keep


def test_validate_finds_posts_of_different_places_merged(seeds_out: Path, tmp_path: Path) -> None:
    """Two posts of two articles' places made one unplaced node by hand: kg validate names it."""
    graph, post = _merged_by_hand(seeds_out, "Post")
    kg_ns = "https://w3id.org/cadre-kg/ontology#"
    (tmp_path / "kg.ttl").write_bytes(graph.serialize(format="turtle", encoding="utf-8"))
    proc = kg("validate", tmp_path)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "kg:identityKey: More than 1 values" in proc.stdout, proc.stdout  # two keys: two things in one node
    # the same node with one key, but a key no locality scopes (a title of no known county)
    graph.remove((post, URIRef(kg_ns + "identityKey"), None))
    graph.add((post, URIRef(kg_ns + "identityKey"), Literal("Post|县委书记|article:a")))
    (tmp_path / "kg.ttl").write_bytes(graph.serialize(format="turtle", encoding="utf-8"))
    proc = kg("validate", tmp_path)
    assert proc.returncode == 1 and "placed by no locality" in proc.stdout, proc.stdout


def test_validate_finds_a_thing_split_within_an_article(seeds_out: Path, tmp_path: Path) -> None:
    graph = Graph().parse(seeds_out / "kg.ttl")
    kg_ns = "https://w3id.org/cadre-kg/ontology#"
    campaign = sorted(graph.subjects(RDF.type, URIRef(kg_ns + "Campaign")))[0]
    article = next(graph.subjects(URIRef(kg_ns + "mentions"), campaign))
    twin = URIRef(str(campaign) + "-twin")
    graph.add((twin, RDF.type, URIRef(kg_ns + "Campaign")))
    graph.add((twin, RDFS.label, next(graph.objects(campaign, RDFS.label))))
    graph.add((article, URIRef(kg_ns + "mentions"), twin))
    (tmp_path / "kg.ttl").write_bytes(graph.serialize(format="turtle", encoding="utf-8"))
    proc = kg("validate", tmp_path)
    assert proc.returncode == 1 and "one thing split in two" in proc.stdout, proc.stdout


def test_seeds_build_keeps_the_identity_invariants(seeds_out: Path) -> None:
    proc = kg("validate", seeds_out)
    assert proc.returncode == 0 and "conforms" in proc.stdout, proc.stdout


@pytest.mark.parametrize("command", ["query", "validate"])
def test_help_has_an_example(command: str) -> None:
    proc = kg(command, "--help")
    assert proc.returncode == 0 and f"example: kg {command}" in proc.stdout


@pytest.mark.parametrize(("query", "said"), [
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "SPARQL updates (INSERT …) are not supported"),
    ("PREFIX ex: <http://e/>\nDELETE WHERE { ?s ?p ?o }", "SPARQL updates (DELETE …) are not supported"),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "only when given --allow-service"),
    ("select * where { service <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "only when given --allow-service"),
])
def test_query_refuses_updates_and_outbound_calls(seeds_out: Path, query: str, said: str) -> None:
    before = snapshot(seeds_out)
    proc = kg("query", seeds_out, query)
    assert proc.returncode == 2 and said in one_error(proc)
    assert snapshot(seeds_out) == before


def test_service_is_only_a_keyword_outside_strings_and_comments(seeds_out: Path) -> None:
    proc = kg("query", seeds_out, '# SERVICE here is a comment\nSELECT ?l WHERE { ?x rdfs:label ?l FILTER(?l = "SERVICE") }')
    assert proc.returncode == 0 and proc.stdout.splitlines()[-1] == "(0 rows)", proc.stderr


def test_a_service_that_fails_is_one_line(seeds_out: Path) -> None:
    proc = kg("query", seeds_out, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
              "--allow-service")
    assert proc.returncode == 1 and "the query failed" in one_error(proc)
