"""Metadata files (``kg.text.metadata``): a folder's URLs, dates and titles by article id, through ingest and build."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace
from rdflib.namespace import DCTERMS, RDF

from kg.errors import InputError
from kg.graph.vocab import KG
from kg.text.ingest import read_inputs
from kg.text.metadata import Row, read_metadata
from kg.types import Article
from kgcli import REPO, kg, one_error

RAW = REPO.parent / "shared" / "corpus" / "raw"
BODY = "黄岩区委组织部召开会议，部署激励干部担当作为工作。\n会议要求各单位抓好落实。\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# (case, file name, content, id looked up, file name looked up, expected row)
READS = [
    ("TSV without header: id, url, and a column that is no date",
     "SOURCES.tsv", "r001\thttps://example.cn/2025-04/16/c_1.htm\tS\nr002\thttps://example.cn/p/2.html\tT\n",
     "r002", None, Row(url="https://example.cn/p/2.html")),
    ("TSV without header: id, url, date",
     "meta.tsv", "a1\thttps://example.cn/1.html\t2023-09-22\na2\thttps://example.cn/2.html\t2023/9/23\n",
     "a2", None, Row(url="https://example.cn/2.html", date="2023-09-23")),
    ("CSV with header, any column order, a column kg does not use",
     "meta.csv", "title,lang,date,url,id\n\"黄岩区召开大会,部署工作\",zh,2023年6月1日,https://example.cn/x1,x1\n",
     "x1", None, Row(url="https://example.cn/x1", date="2023-06-01", title="黄岩区召开大会,部署工作")),
    ("CSV keyed by file name", "meta.csv", "file,url\nr001.txt,https://example.cn/1.html\n",
     "r001", "r001.txt", Row(url="https://example.cn/1.html")),
    ("CSV keyed by path", "meta.csv", "path,url\ncorpus/raw/r001.txt,https://example.cn/1.html\n",
     "r001", "r001.txt", Row(url="https://example.cn/1.html")),
    ("JSON Lines", "meta.jsonl", '{"id": "x1", "url": "https://example.cn/x1", "date": "2023-06-01T08:00:00+08:00"}\n\n'
     '{"id": 2, "title": "台州市出台措施"}\n', "2", None, Row(title="台州市出台措施")),
    ("UTF-8 with BOM, blank rows", "meta.tsv", "\ufeffid\turl\n\nx1\thttps://example.cn/x1\n\n", "x1", None,
     Row(url="https://example.cn/x1")),
]


@pytest.mark.parametrize(("name", "content", "key", "file_name", "expected"), [c[1:] for c in READS],
                         ids=[c[0] for c in READS])
def test_read_metadata(tmp_path: Path, name: str, content: str, key: str, file_name: str | None, expected: Row) -> None:
    metadata = read_metadata(write(tmp_path / name, content))
    assert metadata.row(key, file_name) == expected


# (case, file name, content, what the error says: file and line first)
BAD = [
    ("bad date", "meta.csv", "id,date\na,2023-06-01\nb,2023-02-30\n", ":3: date '2023-02-30' is not a calendar date"),
    ("no id", "meta.csv", "id,url\n,https://example.cn/1\n", ":2: no id"),
    ("id twice", "meta.tsv", "a\thttps://example.cn/1\na\thttps://example.cn/2\n", ":2: id 'a' is given twice"),
    ("header without id", "meta.csv", "url,date\nhttps://example.cn/1,2023-06-01\n", ":1: the header names no id"),
    ("invalid JSON", "meta.jsonl", '{"id": "a"}\n{"id": "b",\n', ":2: invalid JSON"),
    ("JSON not an object", "meta.jsonl", '["a", "b"]\n', ":1: each line must be an object"),
    ("JSON date not a string", "meta.jsonl", '{"id": "a", "date": [2023]}\n', ':1: "date" must be a string'),
    ("not UTF-8", "meta.csv", "id,title\na,ok\n".encode() + "b,黄岩\n".encode("gbk"), ":3: not UTF-8"),
    ("empty", "meta.csv", "\n", ": no rows"),
    ("unknown kind", "meta.xlsx", "id,url\n", ": unknown kind of file"),
]


@pytest.mark.parametrize(("name", "content", "message"), [c[1:] for c in BAD], ids=[c[0] for c in BAD])
def test_bad_metadata_is_one_error_naming_file_and_line(tmp_path: Path, name: str, content: str | bytes,
                                                         message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    with pytest.raises(InputError) as info:
        read_metadata(path)
    assert str(path) in str(info.value) and message in str(info.value), str(info.value)


def test_missing_metadata_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_metadata(tmp_path / "none.csv")


def test_ingest_gives_each_article_its_row(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder / "a1.txt", "发布时间：2020-01-01\n" + BODY)
    write(folder / "a2.txt", BODY)
    write(folder / "a3.txt", BODY)
    lines = [{"id": "j1", "text": BODY, "url": "https://own.example.cn/j1", "date": "2019-01-01"},
             {"id": "j2", "text": BODY + "另一篇。", "date": "明天"}]
    write(folder / "more.jsonl", "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n")
    metadata = read_metadata(write(tmp_path / "meta.csv", "id,url,date,title\n"
                                   "a1,https://example.cn/a1,2023-06-01,黄岩区召开干部大会\n"
                                   "a2.txt,https://example.cn/2023-07/02/a2.html,,\n"
                                   "j1,https://example.cn/j1,2023-06-03,台州市出台措施\n"
                                   "j2,https://example.cn/j2,2023-06-04,\n"))
    got = {a.id: a for a in read_inputs([folder], metadata=metadata) if isinstance(a, Article)}
    # the metadata file's date before the text's; its title before the first line
    assert (got["a1"].url, got["a1"].date, got["a1"].date_source, got["a1"].title) == (
        "https://example.cn/a1", "2023-06-01", "metadata", "黄岩区召开干部大会")
    # matched by file name; no date in the row: the URL's
    assert (got["a2"].url, got["a2"].date, got["a2"].date_source) == ("https://example.cn/2023-07/02/a2.html",
                                                                      "2023-07-02", "url")
    assert (got["a3"].url, got["a3"].date, got["a3"].date_source) == (None, None, None)
    # a JSON line's own fields before the metadata file's, which fills in what the line lacks
    assert (got["j1"].url, got["j1"].date, got["j1"].date_source, got["j1"].title) == (
        "https://own.example.cn/j1", "2019-01-01", "jsonl", "台州市出台措施")
    # a JSON line's date that is none: said, and the next source used
    assert (got["j2"].date, got["j2"].date_source) == ("2023-06-04", "metadata")
    assert got["j2"].notes == ("date '明天' is not a calendar date kg reads (write it as YYYY-MM-DD); "
                               "dated 2023-06-04 by its metadata instead",)


def test_build_with_metadata(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder / "a1.txt", "新华网\n黄岩区召开干部大会\n" + BODY)
    write(folder / "a2.txt", BODY + "台州市委书记李某某出席。\n")
    write(folder / "meta.jsonl", '{"id": "a1", "url": "https://example.cn/2023-06/01/a 1.html"}\n'
                                 '{"id": "a2", "date": "2023-06-02"}\n')
    out = tmp_path / "out"
    proc = kg("build", folder, "--out", out, "--metadata", folder / "meta.jsonl", "--no-html", "--no-store")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("2 articles;"), proc.stdout  # the metadata file in the folder is not an article
    g = Graph().parse(out / "kg.ttl")
    articles = {str(g.value(a, DCTERMS.identifier)): a for a in g.subjects(RDF.type, KG.Article)}
    a1, a2 = articles["a1"], articles["a2"]
    # the URL is dcterms:source (an IRI, its space escaped), the file kg:file
    assert set(g.objects(a1, DCTERMS.source)) == {URIRef("https://example.cn/2023-06/01/a%201.html")}
    assert set(g.objects(a1, KG.file)) == {Literal(str(folder / "a1.txt"))}
    assert set(g.objects(a2, DCTERMS.source)) == set()
    assert set(g.objects(a1, DCTERMS.date)) == {Literal("2023-06-01", datatype=namespace.XSD.date)}
    assert set(g.objects(a1, KG.dateSource)) == {Literal("url")}
    assert set(g.objects(a2, KG.dateSource)) == {Literal("metadata")}
    # the site's name on the first line is no title: the line after it is
    assert set(g.objects(a1, DCTERMS.title)) == {Literal("黄岩区召开干部大会", lang="zh")}
    assert kg("validate", out).returncode == 0


def test_build_with_bad_metadata_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder / "a1.txt", BODY)
    meta = write(tmp_path / "meta.csv", "id,date\na1,2023-06-01\na2,someday\n")
    proc = kg("build", folder, "--out", tmp_path / "out", "--metadata", meta)
    assert proc.returncode == 2
    assert one_error(proc) == f"kg: {meta}:3: date 'someday' is not a calendar date kg reads; write it as YYYY-MM-DD"
    assert not (tmp_path / "out" / "kg.ttl").exists()


@pytest.mark.skipif(not (RAW / "SOURCES.tsv").is_file(), reason="shared/corpus/raw is absent")
def test_raw_corpus_with_its_sources_has_every_url(tmp_path: Path) -> None:
    urls = dict(line.split("\t")[:2] for line in (RAW / "SOURCES.tsv").read_text(encoding="utf-8").splitlines())
    out = tmp_path / "raw"
    proc = kg("build", RAW, "--out", out, "--metadata", RAW / "SOURCES.tsv", "--no-html", "--no-store")
    assert proc.returncode == 0, proc.stderr
    g = Graph().parse(out / "kg.nt", format="nt")
    sources = {str(g.value(a, DCTERMS.identifier)): [str(s) for s in g.objects(a, DCTERMS.source)]
               for a in g.subjects(RDF.type, KG.Article)}
    assert len(sources) == len(urls) == 121
    assert sources == {id_: [url] for id_, url in urls.items()}
