"""Time on facts: statements carry their article's date, and each post an official holds is an
``org:Membership`` whose ``org:memberDuring`` runs from the first to the last article attesting it,
however the build was made (at once, or grown with ``--into``)."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib import namespace
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS

from kg.graph.intervals import DERIVED
from kg.graph.vocab import KG
from kgcli import contents, kg

#: article id -> (its date in the metadata file, its text); the same official and post in three of them
ARTICLES = {
    "a1": ("2021-03-01", "台州市黄岩区召开干部大会。黄岩区委书记王立新出席会议并讲话，要求全区干部担当作为。\n"),
    "a2": ("2023-05-01", "黄岩区出台《关于激励干部担当作为的十条措施》。\n黄岩区委书记王立新表示，要让干部放开手脚。\n"),
    "a3": ("", "黄岩区委书记王立新到乡镇调研，看望基层干部。\n"),
    "a4": ("2022-08-15", "黄岩区开展擂台比武活动。黄岩区委书记王立新为获奖干部颁奖。\n"),
}
QUERY = """
SELECT ?official ?post ?organization ?first ?last (COUNT(DISTINCT ?article) AS ?articles) WHERE {
  ?m a org:Membership ; org:member ?o ; org:role ?p ; org:organization/rdfs:label ?organization ;
     org:memberDuring [ time:hasBeginning/time:inXSDDate ?first ; time:hasEnd/time:inXSDDate ?last ] .
  ?o rdfs:label ?official . ?p rdfs:label ?post .
  ?st rdf:subject ?o ; rdf:predicate kg:holds ; rdf:object ?p ; prov:wasDerivedFrom ?article .
} GROUP BY ?official ?post ?organization ?first ?last"""


def corpus(folder: Path, ids: list[str]) -> tuple[Path, Path]:
    """A folder of the articles ``ids`` and a metadata file of all of them (outside the folder)."""
    folder.mkdir(parents=True)
    for article_id in ids:
        (folder / f"{article_id}.txt").write_text(ARTICLES[article_id][1], encoding="utf-8")
    meta = folder.parent / "meta.csv"
    meta.write_text("id,url,date\n" + "".join(f"{i},https://example.cn/{i}.html,{d}\n" for i, (d, _) in ARTICLES.items()),
                    encoding="utf-8")
    return folder, meta


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder, meta = corpus(tmp_path_factory.mktemp("careers") / "in", list(ARTICLES))
    out = folder.parent / "out"
    proc = kg("build", folder, "--out", out, "--metadata", meta)
    assert proc.returncode == 0, proc.stderr
    return out


def test_membership_runs_from_first_to_last_attesting_article(built: Path) -> None:
    rows = kg("query", built, QUERY, "--format", "csv").stdout.splitlines()
    assert rows == ["official,post,organization,first,last,articles",
                    "王立新,黄岩区委书记,黄岩区委,2021-03-01,2023-05-01,4"]  # a3, undated, attests no date


def test_statements_carry_their_articles_date(built: Path) -> None:
    g = Graph().parse(built / "kg.ttl")
    statements = list(g.subjects(RDF.type, RDF.Statement))
    assert statements
    for st in statements:
        article = g.value(st, PROV.wasDerivedFrom)
        assert g.value(st, DCTERMS.date) == g.value(article, DCTERMS.date), st
    dated = {str(g.value(st, DCTERMS.date)) for st in statements if g.value(st, RDF.predicate) == KG.holds}
    assert dated == {"2021-03-01", "2022-08-15", "2023-05-01", "None"}
    (m,) = g.subjects(RDF.type, ORG.Membership)
    assert set(g.objects(m, KG.attestedOn)) == {Literal(d, datatype=namespace.XSD.date) for d in ("2021-03-01", "2022-08-15",
                                                                                         "2023-05-01")}
    (interval,) = g.objects(m, ORG.memberDuring)
    assert (interval, RDF.type, namespace.TIME.Interval) in g
    assert str(g.value(g.value(interval, namespace.TIME.hasEnd), namespace.TIME.inXSDDate)) == "2023-05-01"
    assert str(g.value(g.value(m, ORG.member), RDFS.label)) == "王立新"


def test_the_interval_is_derived_once_in_a_graph_of_its_own(built: Path) -> None:
    quads = (built / "kg.nq").read_bytes().splitlines()
    derived = [q for q in quads if q.endswith(f"<{DERIVED}> .".encode())]
    assert derived and quads[-len(derived):] == derived  # after the article graphs
    assert all(b"memberDuring" not in q for q in quads[:-len(derived)])


def test_growing_the_build_gives_the_same_files(tmp_path: Path) -> None:
    folder, meta = corpus(tmp_path / "in", list(ARTICLES))
    files = {i: folder / f"{i}.txt" for i in ARTICLES}
    # a1 (the first date) and a2 (the last) come later: the interval is derived again
    out = tmp_path / "grown"
    assert kg("build", files["a3"], files["a4"], "--out", out, "--metadata", meta).returncode == 0
    rows = kg("query", out, QUERY, "--format", "csv").stdout.splitlines()
    assert rows[1:] == ["王立新,黄岩区委书记,黄岩区委,2022-08-15,2022-08-15,2"]
    proc = kg("build", files["a1"], files["a2"], "--into", out, "--metadata", meta)
    assert proc.returncode == 0, proc.stderr
    once = tmp_path / "once"
    assert kg("build", *(files[i] for i in ("a3", "a4", "a1", "a2")), "--out", once, "--metadata", meta).returncode == 0
    assert contents(out) == contents(once)
    assert kg("query", out, QUERY, "--format", "csv").stdout.splitlines()[1:] == [
        "王立新,黄岩区委书记,黄岩区委,2021-03-01,2023-05-01,4"]


def test_dated_build_conforms(built: Path) -> None:
    proc = kg("validate", built)
    assert proc.returncode == 0, proc.stdout
