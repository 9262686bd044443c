"""``kg table``: the facts, careers and adoptions of a real build, read back with the csv module."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS, XSD

from conftest import dated_articles
from kg.graph.vocab import KG
from kgcli import kg, one_error

#: the columns each table promises (README, "Tables")
COLUMNS = {
    "facts": ["subject", "relation", "object", "subject_class", "object_class", "locality", "prefecture", "province",
              "admin_code", "date", "confidence", "extractor", "evidence", "evidence_original", "article", "url"],
    "careers": ["official", "post", "organisation", "locality", "prefecture", "province", "first_seen", "last_seen",
                "articles", "article_ids"],
    "adoptions": ["locality", "prefecture", "province", "admin_code", "initiative", "initiative_class", "types",
                  "relation", "date", "confidence", "article", "url", "evidence"],
}
ARTICLES = {a["id"]: a for a in dated_articles()}
LATER_DATE = ARTICLES["later"]["date"]


def read_csv(text: str, delimiter: str = ",") -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def table(build: Path, name: str, *options: str) -> str:
    proc = kg("table", build, name, *options)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    return proc.stdout


@pytest.fixture(scope="module")
def graph(dated_out: Path) -> Graph:
    return Graph().parse(dated_out / "kg.nt", format="nt")


@pytest.fixture(scope="module")
def tables(dated_out: Path) -> dict[str, list[dict[str, str]]]:
    found = {}
    for name, columns in COLUMNS.items():
        header, rows = read_csv(table(dated_out, name))
        assert header == columns, name
        found[name] = rows
    return found


def label(graph: Graph, node) -> str:
    return str(graph.value(node, URIRef("http://www.w3.org/2000/01/rdf-schema#label")))


def statements(graph: Graph, *relations: str) -> list:
    return [st for st in graph.subjects(RDF.type, RDF.Statement)
            if not relations or graph.value(st, RDF.predicate) in {KG[r] for r in relations}]


def test_facts_hold_one_row_per_statement_with_its_names(tables, graph: Graph) -> None:
    rows = tables["facts"]
    expected = sorted((label(graph, graph.value(st, RDF.subject)), str(graph.value(st, RDF.predicate)).split("#")[1],
                       label(graph, graph.value(st, RDF.object)),
                       str(graph.value(graph.value(st, PROV.wasDerivedFrom), DCTERMS.identifier)))
                      for st in statements(graph))
    assert sorted((r["subject"], r["relation"], r["object"], r["article"]) for r in rows) == expected
    assert not any(cell.startswith(("http://w3id", "https://w3id", "kgid:")) for r in rows for cell in r.values())


def test_facts_carry_the_article_date_url_and_both_scripts_of_the_evidence(tables) -> None:
    rows = tables["facts"]
    for row in rows:
        article = ARTICLES[row["article"]]
        assert row["date"] == article["date"] and row["url"] == article.get("url", "")
        assert " ".join(row["evidence_original"].split()) in " ".join(article["text"].split())
        assert 0 < float(row["confidence"]) <= 1 and row["extractor"]
    # the first seed is in Traditional script: its evidence is given in both
    traditional = [r for r in rows if r["article"] == "000_65aed96cc3a38a9a" and "黃巖" in r["evidence_original"]]
    assert traditional and all("黄岩" in r["evidence"] and "黃巖" not in r["evidence"] for r in traditional)


def test_facts_are_placed_through_the_gazetteer(tables) -> None:
    row = next(r for r in tables["facts"] if (r["subject"], r["relation"], r["object"]) ==
               ("徐淼", "holds", "黄岩区委书记") and r["article"] == "later")
    assert (row["locality"], row["prefecture"], row["province"], row["admin_code"]) == ("黄岩区", "台州市", "浙江省",
                                                                                      "331003")
    assert (row["subject_class"], row["object_class"]) == ("Official", "Post")
    # a targets fact is placed where its initiative is launched or issued in the same article
    acts = {(r["object"], r["article"]): r["locality"] for r in tables["facts"] if r["relation"] in ("launches", "issues")}
    targets = [r for r in tables["facts"] if r["relation"] == "targets" and (r["subject"], r["article"]) in acts]
    assert targets and all(r["locality"] == acts[(r["subject"], r["article"])] for r in targets)


def test_careers_span_the_dates_of_the_articles_attesting_them(tables, graph: Graph) -> None:
    rows = tables["careers"]
    holds = {(label(graph, graph.value(st, RDF.subject)), label(graph, graph.value(st, RDF.object)))
             for st in statements(graph, "holds")}
    assert sorted((r["official"], r["post"]) for r in rows) == sorted(holds)
    for row in rows:
        ids = row["article_ids"].split()
        dates = sorted(ARTICLES[i]["date"] for i in ids)
        assert (row["first_seen"], row["last_seen"], int(row["articles"])) == (dates[0], dates[-1], len(ids))
    xu = next(r for r in rows if (r["official"], r["post"]) == ("徐淼", "黄岩区委书记"))
    assert xu["article_ids"] == "000_65aed96cc3a38a9a later"
    assert (xu["first_seen"], xu["last_seen"]) == (ARTICLES["000_65aed96cc3a38a9a"]["date"], LATER_DATE)
    assert (xu["organisation"], xu["locality"], xu["province"]) == ("黄岩区委", "黄岩区", "浙江省")


def test_adoptions_are_the_launches_and_issues_with_their_places(tables, graph: Graph) -> None:
    rows = tables["adoptions"]
    assert len(rows) == len(statements(graph, "launches", "issues"))
    facts = {(r["subject"], r["relation"], r["object"], r["article"]): r for r in tables["facts"]}
    for row in rows:
        fact = facts[(row["locality"], row["relation"], row["initiative"], row["article"])]
        assert (row["province"], row["date"], row["evidence"]) == (fact["province"], fact["date"], fact["evidence"])
        assert row["initiative_class"] == {"launches": "Campaign", "issues": "Measure"}[row["relation"]]
    keys = [(r["province"] == "", r["province"], r["prefecture"] == "", r["prefecture"]) for r in rows]
    assert keys == sorted(keys)


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_tsv_and_json_hold_the_same_rows(dated_out: Path, tables, name: str) -> None:
    header, rows = read_csv(table(dated_out, name, "--format", "tsv"), delimiter="\t")
    assert header == COLUMNS[name] and rows == tables[name]
    records = json.loads(table(dated_out, name, "--format", "json"))
    assert [list(r) for r in records] == [COLUMNS[name]] * len(rows)
    as_text = [{k: "" if v is None else str(v) for k, v in r.items()} for r in records]
    assert as_text == tables[name]
    if name == "careers":
        assert all(isinstance(r["articles"], int) for r in records)


def test_out_writes_the_file_and_an_error_leaves_it(dated_out: Path, tmp_path: Path) -> None:
    out = tmp_path / "careers.csv"
    proc = kg("table", dated_out, "careers", "--out", out)
    assert proc.returncode == 0 and proc.stdout.startswith(f"{out}: ") and proc.stderr == ""
    assert out.read_text("utf-8") == table(dated_out, "careers")
    before = out.read_bytes()
    assert kg("table", dated_out, "career", "--out", out).returncode == 2
    assert out.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["careers.csv"]


@pytest.mark.parametrize("args, words", [
    (["{build}/kg.nt", "facts"], "not a build directory; give the folder kg build wrote"),
    (["{tmp}/none", "facts"], "no such build directory; build one with: kg build INPUT --out"),
    (["{tmp}", "facts"], "no kg build here (no kg.nt and no store/); build one with: kg build INPUT --out"),
    (["{build}", "officials"], "no table 'officials'; choose one of facts, careers, adoptions"),
    (["{build}", "facts", "--format", "xlsx"], "--format xlsx: kg table writes csv, tsv, json"),
])
def test_bad_input_is_one_line_with_the_remedy(dated_out: Path, tmp_path: Path, args: list[str], words: str) -> None:
    proc = kg("table", *[a.format(build=dated_out, tmp=tmp_path) for a in args])
    assert proc.returncode == 2
    assert words in one_error(proc)


@pytest.mark.parametrize("keep", ["kg.nt", "store"])
def test_kg_nt_or_the_store_alone_give_the_same_tables(dated_out: Path, tmp_path: Path, keep: str) -> None:
    bare = tmp_path / "bare"
    bare.mkdir()
    (shutil.copytree if keep == "store" else shutil.copyfile)(dated_out / keep, bare / keep)
    for name in COLUMNS:
        assert table(bare, name) == table(dated_out, name), name
    assert sorted(p.name for p in bare.iterdir()) == [keep]


def test_policy_types_and_statement_dates_are_read_where_the_graph_has_them(dated_out: Path, graph: Graph,
                                                                         tmp_path: Path) -> None:
    """``dcterms:subject`` on an initiative (a ``skos:Concept`` with ``skos:prefLabel``s) and an
    ``xsd:date`` on a statement, as other parts of kg may write them."""
    # (a measure kg gave no types of its own, so that the types read are the ones added here)
    st = next(s for s in sorted(statements(graph, "issues")) if graph.value(graph.value(s, RDF.object), DCTERMS.subject) is None)
    measure = graph.value(st, RDF.object)
    concept, other = URIRef("https://w3id.org/cadre-kg/policy#fault-tolerance"), URIRef("https://w3id.org/x#a")
    extra = Graph()
    extra.add((measure, DCTERMS.subject, concept))
    extra.add((measure, DCTERMS.subject, other))
    extra.add((concept, RDF.type, SKOS.Concept))
    extra.add((concept, SKOS.prefLabel, Literal("容错纠错", lang="zh")))
    extra.add((concept, SKOS.prefLabel, Literal("fault tolerance", lang="en")))
    extra.add((other, SKOS.prefLabel, Literal("考核评价")))
    extra.add((st, DCTERMS.date, Literal("2018-02-03", datatype=XSD.date)))
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / "kg.nt").write_bytes((dated_out / "kg.nt").read_bytes() + extra.serialize(format="nt").encode("utf-8"))
    _, rows = read_csv(table(bare, "adoptions"))
    # the measure by its name and the locality that adopts it (each locality's measure of one name is its own node)
    name = (label(graph, measure), label(graph, graph.value(st, RDF.subject)))
    typed = [r for r in rows if (r["initiative"], r["locality"]) == name]
    assert typed and all(r["types"] == "容错纠错; 考核评价" for r in typed)
    _, before = read_csv(table(dated_out, "adoptions"))
    assert [r["types"] for r in rows if (r["initiative"], r["locality"]) != name] == \
        [r["types"] for r in before if (r["initiative"], r["locality"]) != name]  # the types kg gave the others, unchanged
    article = str(graph.value(graph.value(st, PROV.wasDerivedFrom), DCTERMS.identifier))
    dated = [r for r in rows if (r["initiative"], r["locality"]) == name and r["article"] == article]
    assert sorted(r["date"] for r in dated) == sorted(["2018-02-03"] + [ARTICLES[article]["date"]] * (len(dated) - 1))


def test_an_unreadable_graph_is_one_line_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "kg.nt").write_text('<https://w3id.org/x> <https://w3id.org/p> "unterminated .\n', encoding="utf-8")
    proc = kg("table", tmp_path, "facts")
    assert proc.returncode == 2
    assert f"{tmp_path / 'kg.nt'}: unreadable (" in one_error(proc) and "rebuild it with: kg build" in one_error(proc)


def test_help_has_an_example() -> None:
    proc = kg("table", "--help")
    assert proc.returncode == 0 and "example: kg table" in proc.stdout
    assert all(name in proc.stdout for name in COLUMNS)
