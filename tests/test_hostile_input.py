"""Hostile input, round two: special files, names that are not UTF-8, JSON lines of any length,
URLs an IRI may not hold, blank ids, a view asked to show a file the build did not read, and an
article of more entities and facts than an article has. Each: the one line kg says, the exit
status, and every other article built."""
from __future__ import annotations

import json
import os
import socket
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyshacl import validate
from rdflib import RDF, RDFS, Dataset, Graph, Literal
from rdflib.namespace import DCTERMS

from kg.errors import InputError
from kg.graph.rdf import content_hash, web_iri
from kg.graph.vocab import ID, KG, ONTOLOGY_DIR
from kg.run import articles as build_module
from kg.run.build import built, process
from kg.text.ingest import count_articles, read_inputs
from kg.types import ENTITY_CLASSES, Article
from kg.view.view import article_text

from conftest import SEEDS
from kgcli import kg

SEED = {p.stem[:3]: p for p in sorted(SEEDS.glob("*.txt"))}
SENTENCE = "黄岩区委书记徐淼指出，要以更加鲜明的实干实绩导向激励干部担当作为。"
MAX_BYTES = 10_000
#: the longest JSON line a --max-bytes of MAX_BYTES reads (kg.text.ingest: six bytes of JSON a byte, and the other fields)
LINE_LIMIT = 6 * MAX_BYTES + 65_536
EXPORTS = {"kg.nt": ("nt", ox.RdfFormat.N_TRIPLES), "kg.ttl": ("turtle", ox.RdfFormat.TURTLE),
           "kg.nq": ("nquads", ox.RdfFormat.N_QUADS), "kg.trig": ("trig", ox.RdfFormat.TRIG),
           "kg.jsonld": ("json-ld", ox.RdfFormat.JSON_LD)}
RISKY_URLS = ["http://example.cn/a\u2028b", "http://example.cn/a\u2029b", "http://example.cn/\x85x",
              "http://example.cn/a b{c}", "http://example.cn/\u3000全文", "http://example.cn/\u200fx",
              "http://example.cn/p[1]", "http://example.cn/%zz"]


def _line(**fields: object) -> bytes:
    return json.dumps(fields, ensure_ascii=False).encode("utf-8") + b"\n"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory):
    """One ``kg build`` over a folder holding a FIFO, a socket, names that are not UTF-8, JSON lines
    too long, not UTF-8 and with risky URLs, files of blank names; and a FIFO named on the command line."""
    root = tmp_path_factory.mktemp("hostile")
    src = root / "in"
    (src / "sub").mkdir(parents=True)
    (src / "good.txt").write_bytes(SEED["000"].read_bytes())
    (src / "sub" / "ok.txt").write_text("台州市黄岩区委召开全会。", encoding="utf-8")
    os.mkfifo(src / "fifo.txt")
    os.mkfifo(src / "sub" / "pipe.jsonl")
    listening = socket.socket(socket.AF_UNIX)
    listening.bind(str(src / "kg.sock"))
    os.mkfifo(root / "direct.txt")
    raw = os.fsencode(src)
    (Path(os.fsdecode(raw + b"/gbk-\xd6\xd0\xce\xc4.txt"))).write_bytes(SEED["001"].read_bytes())
    os.mkdir(raw + b"/dir-\xff")
    Path(os.fsdecode(raw + b"/dir-\xff/x.jsonl")).write_bytes(_line(id="j1", text=SENTENCE) +
                                                               _line(id="j2", text="台州市召开三级干部大会。"))
    (src / "lines.jsonl").write_bytes(
        _line(id="l1", text="天等县召开大会。")
        + b'{"id": "long", "text": "' + b"\\u5f88" * (LINE_LIMIT // 6 + 10) + b'"}\n'  # over the line bound
        + _line(id="l3", text="很" * (MAX_BYTES // 3 + 10))  # read: its text over the article bound
        + b'{"id": "gbk", "text": "' + "天等县".encode("gbk") + b'"}\n'
        + b"".join(_line(id=f"u{i}", text=f"天等县第{i}次召开大会。", url=url) for i, url in enumerate(RISKY_URLS))
        + _line(id="", text="天等县召开大会。") + _line(id="  ", text="天等县召开大会。")
        + _line(id="l9", text="宝应县召开大会。"))
    (src / " .txt").write_text("宝应县委组织部召开会议。", encoding="utf-8")
    (src / "\u3000.txt").write_text("宝应县委召开会议。", encoding="utf-8")
    out = root / "out"
    proc = kg("build", src, root / "direct.txt", "--out", out, "--quiet", "--max-bytes", str(MAX_BYTES))
    listening.close()
    return src, out, proc


def said(proc) -> list[str]:
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.splitlines()
    assert all(line.startswith("kg: ") for line in lines), proc.stderr
    return lines


def test_the_rest_builds_and_nothing_is_lost(hostile) -> None:
    src, out, proc = hostile
    assert proc.returncode == 0, proc.stderr
    graph = Graph().parse(out / "kg.ttl")
    ids = sorted(str(graph.value(a, DCTERMS.identifier)) for a in graph.subjects(RDF.type, KG.Article))
    built_ids = ["good", "ok", "gbk-\\xd6\\xd0\\xce\\xc4", "j1", "j2", "l1", *(f"u{i}" for i in range(len(RISKY_URLS))),
                 "l9", " ", "\u3000"]
    assert ids == sorted(built_ids)
    skipped = [line for line in said(proc) if line.startswith("kg: skipped")]
    # fifo.txt, pipe.jsonl, kg.sock, direct.txt; the long line, l3, the GBK line, the two blank ids
    assert len(skipped) == 9, skipped
    assert proc.stdout.startswith(f"{len(built_ids)} articles, 9 skipped;"), proc.stdout


def test_special_files_are_reported_never_opened(hostile) -> None:
    src, _, proc = hostile
    lines = said(proc)
    for name, kind in (("fifo.txt", "a FIFO"), ("sub/pipe.jsonl", "a FIFO"), ("kg.sock", "a socket"),
                       ("../direct.txt", "a FIFO")):
        path = os.path.normpath(src / name)
        assert f"kg: skipped {path}: not a regular file ({kind}); kg reads only regular files, skipped" in lines, name
    assert not any("no such file" in line for line in lines)


def test_fifo_is_not_opened_by_a_count_or_a_read(tmp_path: Path) -> None:
    """The progress bar's count and the read return at once, a FIFO reported; a writer that never
    comes would otherwise keep them waiting for ever."""
    os.mkfifo(tmp_path / "a.jsonl")
    os.mkfifo(tmp_path / "b.txt")
    (tmp_path / "c.txt").write_text(SENTENCE, encoding="utf-8")
    results: dict[str, object] = {}
    worker = threading.Thread(target=lambda: results.update(count=count_articles([tmp_path, tmp_path / "a.jsonl"]),
                                                             read=list(read_inputs([tmp_path, tmp_path / "b.txt"]))),
                              daemon=True)
    worker.start()
    worker.join(60)
    if worker.is_alive():  # release it (a writer's open succeeds while a reader waits) before failing
        for fifo in ("a.jsonl", "b.txt"):
            with open(os.open(tmp_path / fifo, os.O_WRONLY | os.O_NONBLOCK), "wb"):
                pass
        pytest.fail("a FIFO was opened")
    assert results["count"] == 1
    read = results["read"]
    assert [a.id for a in read if isinstance(a, Article)] == ["c"]
    assert [str(e) for e in read if isinstance(e, InputError)] == [
        f"{tmp_path / name}: not a regular file (a FIFO); kg reads only regular files, skipped"
        for name in ("a.jsonl", "b.txt", "b.txt")]


def test_names_not_utf8_are_read_and_shown_escaped(hostile) -> None:
    src, out, proc = hostile
    lines = said(proc)
    assert "\\udc" not in proc.stderr and "\\udc" not in proc.stdout
    note = ("its path is not UTF-8: its bytes are shown, in messages and in the graph, as \\xNN escapes "
            "(rename it to UTF-8 for a readable name)")
    assert f"kg: warning: {src}/gbk-\\xd6\\xd0\\xce\\xc4.txt: {note}" in lines
    assert f"kg: warning: {src}/dir-\\xff/x.jsonl:1: {note}" in lines  # once a file, not once a line
    assert not any("x.jsonl:2: its path" in line for line in lines)
    graph = Graph().parse(out / "kg.ttl")
    sources = {str(graph.value(a, DCTERMS.identifier)): str(graph.value(a, KG.file))
               for a in graph.subjects(RDF.type, KG.Article)}
    assert sources["gbk-\\xd6\\xd0\\xce\\xc4"] == f"{src}/gbk-\\xd6\\xd0\\xce\\xc4.txt"
    assert sources["j2"] == f"{src}/dir-\\xff/x.jsonl:2"


def test_view_reopens_a_file_whose_name_is_not_utf8(hostile, tmp_path: Path) -> None:
    _, out, _ = hostile
    proc = kg("view", out, "--article", "gbk-\\xd6\\xd0\\xce\\xc4", "--out", tmp_path / "v.html")
    assert proc.returncode == 0, proc.stderr
    first_line = SEED["001"].read_text(encoding="utf-8").splitlines()[0]
    assert first_line in (tmp_path / "v.html").read_text(encoding="utf-8")


def test_missing_name_not_utf8_is_shown_escaped(tmp_path: Path) -> None:
    missing = Path(os.fsdecode(os.fsencode(tmp_path) + b"/\xff.txt"))
    (item,) = read_inputs([missing])
    assert str(item) == f"{tmp_path}/\\xff.txt: no such file or directory"


def test_a_jsonl_line_over_the_bound_is_skipped_and_the_next_read(hostile) -> None:
    src, _, proc = hostile
    lines = said(proc)
    assert (f"kg: skipped {src}/lines.jsonl:2: a line of over {LINE_LIMIT} bytes, more than any article within "
            f"the {MAX_BYTES}-byte limit takes (raise it with --max-bytes), skipped") in lines
    assert f"kg: skipped {src}/lines.jsonl:3: text over the {MAX_BYTES}-byte article limit, skipped" in lines
    assert any(line.startswith(f"kg: skipped {src}/lines.jsonl:4: not UTF-8 (invalid byte at column 24)")
               for line in lines), lines


JSONL_BOUNDS = [
    # (line lengths in bytes, the line numbers read): a line over the bound, at it, at the end of the file
    ((LINE_LIMIT + 1, 80), [2]),
    ((LINE_LIMIT, 80), [1, 2]),
    ((80, LINE_LIMIT * 3), [1]),
]


@pytest.mark.parametrize(("lengths", "read"), JSONL_BOUNDS)
def test_jsonl_line_bound(tmp_path: Path, lengths: tuple[int, ...], read: list[int]) -> None:
    """A line of up to the bound (without its newline) is read, a longer one skipped by its number
    (its length made up by its title, which has no limit of its own)."""
    path = tmp_path / "a.jsonl"
    rows = []
    for i, length in enumerate(lengths, 1):
        head, tail = f'{{"id": "{i}", "text": "天等县召开大会。", "title": "'.encode(), b'"}'
        rows.append(head + b"a" * (length - len(head) - len(tail)) + tail)
    assert [len(row) for row in rows] == list(lengths)
    path.write_bytes(b"\n".join(rows))  # no newline after the last line
    items = list(read_inputs([path], max_bytes=MAX_BYTES))
    assert [int(a.id) for a in items if isinstance(a, Article)] == read
    too_long = [str(e) for e in items if isinstance(e, InputError)]
    assert [int(e.split(":")[1]) for e in too_long] == sorted(set(range(1, len(lengths) + 1)) - set(read))
    assert all(f"a line of over {LINE_LIMIT} bytes" in e for e in too_long)


def test_jsonl_line_bound_follows_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(_line(id="a", text="很" * 30_000) + _line(id="b", text="天等县召开大会。"))  # 90,000 bytes
    small = list(read_inputs([path], max_bytes=1000))
    assert "a line of over 71536 bytes" in str(small[0]) and small[1].id == "b"
    assert [a.id for a in read_inputs([path], max_bytes=100_000)] == ["a", "b"]


WEB_IRIS = [
    # (url, IRI): a line or paragraph separator, a next-line control, a space, braces, an ideographic
    # space, a right-to-left mark, brackets in the path, a stray %: percent-encoded (UTF-8), as a browser sends them
    ("http://example.cn/a\u2028b", "http://example.cn/a%E2%80%A8b"),
    ("http://example.cn/a\u2029b", "http://example.cn/a%E2%80%A9b"),
    ("http://example.cn/\x85x", "http://example.cn/%C2%85x"),
    ("http://example.cn/a b{c}", "http://example.cn/a%20b%7Bc%7D"),
    ("http://example.cn/\u3000全文", "http://example.cn/%E3%80%80全文"),
    ("http://example.cn/\u200fx", "http://example.cn/%E2%80%8Fx"),
    ("http://example.cn/p[1]?q=[2]", "http://example.cn/p%5B1%5D?q=%5B2%5D"),
    ("http://example.cn/%zz%41", "http://example.cn/%25zz%41"),
    ("http://example.cn/\ue000\ufffd", "http://example.cn/%EE%80%80%EF%BF%BD"),  # private use, replacement
    # kept as written: Chinese in the path, an IPv6 host
    ("https://example.cn/新闻/1.html?id=3#p", "https://example.cn/新闻/1.html?id=3#p"),
    ("http://[::1]:8080/a", "http://[::1]:8080/a"),
    # no web IRI: another scheme, a local path, a host that is none
    ("file:///etc/hostname", None), ("/etc/hostname", None), ("http://[::1/a", None), ("", None),
]


@pytest.mark.parametrize(("url", "iri"), WEB_IRIS, ids=[repr(u)[:30] for u, _ in WEB_IRIS])
def test_web_iri(url: str, iri: str | None) -> None:
    assert web_iri(url) == iri
    if iri is not None:  # readable by both libraries, alone on its line
        line = f"<http://e/s> <http://e/p> {ox.NamedNode(iri)} .\n"
        assert len(Graph().parse(data=line, format="nt")) == 1
        assert len(list(ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))) == 1


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_every_export_parses_with_risky_urls(hostile, name: str) -> None:
    _, out, _ = hostile
    rdflib_format, ox_format = EXPORTS[name]
    quads = list(ox.parse(path=out / name, format=ox_format))
    if name in ("kg.nq", "kg.trig"):
        dataset = Dataset()
        dataset.parse(out / name, format=rdflib_format)
        count = sum(1 for _ in dataset.quads())
    else:
        count = len(Graph().parse(out / name, format=rdflib_format))
    assert count == len(quads) > 0
    sources = {str(q.object.value) for q in quads if q.predicate.value == str(DCTERMS.source)
               and isinstance(q.object, ox.NamedNode)}
    assert sources == {web_iri(url) for url in RISKY_URLS}


def test_blank_ids_validate(hostile) -> None:
    """Files named by a space or an ideographic space: built, and the graph conforms (JSON lines
    of a blank id are skipped by their line)."""
    src, out, proc = hostile
    lines = said(proc)
    for line_no in (13, 14):
        assert f'kg: skipped {src}/lines.jsonl:{line_no}: each line needs a non-empty "id" and a "text" string' in lines
    check = kg("validate", out)
    assert check.returncode == 0 and "conforms" in check.stdout, check.stdout + check.stderr


# --- kg view --article shows only the text the build read --------------------------------------------

def test_view_never_shows_a_file_the_graph_merely_names(tmp_path: Path) -> None:
    """A graph from elsewhere whose article names a local file as its source (and its id): the page
    shows nothing of that file unless it has the content hash the graph records."""
    secret = tmp_path / "secret.txt"
    secret.write_text("密码：hunter2", encoding="utf-8")
    article = ID["article/x"]
    graph = Graph()
    graph.add((article, RDF.type, KG.Article))
    graph.add((article, DCTERMS.identifier, Literal("secret")))
    graph.add((article, KG.file, Literal(str(secret))))
    assert article_text(graph, article).text is None  # no hash recorded: nothing to check the file against
    assert "no content hash" in article_text(graph, article).missing
    graph.add((article, KG.contentHash, Literal(content_hash("another text"))))
    shown = article_text(graph, article)
    assert shown.text is None and shown.missing == f"{secret} has changed since the build"
    graph.set((article, KG.file, Literal(str(tmp_path))))  # a folder is not walked
    assert article_text(graph, article).text is None


def test_view_of_an_article_whose_url_is_a_local_path(tmp_path: Path) -> None:
    """A JSON line whose url names a local file: its file stays the line it was read from, and the
    view shows the line's own text, never that file."""
    secret = tmp_path / "secret.txt"
    secret.write_text("密码：hunter2", encoding="utf-8")
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(_line(id="secret", text=SENTENCE, url=str(secret))
                       + _line(id="s2", text="台州市召开大会。", url=secret.as_uri()))
    out = tmp_path / "out"
    assert kg("build", corpus, "--out", out, "--quiet", "--no-html", "--no-store").returncode == 0
    for identifier, text in (("secret", SENTENCE), ("s2", "台州市召开大会。")):
        proc = kg("view", out, "--article", identifier, "--out", tmp_path / "v.html")
        page = (tmp_path / "v.html").read_text(encoding="utf-8")
        assert proc.returncode == 0, proc.stderr
        assert "hunter2" not in page and text in page
    graph = Graph().parse(out / "kg.ttl")
    assert sorted(str(s) for s in graph.objects(None, KG.file)) == [f"{corpus}:1", f"{corpus}:2"]
    assert not list(graph.objects(None, DCTERMS.source))  # neither url is a web address


# --- one article cannot dominate the outputs -----------------------------------------------------------

def test_an_article_past_the_bounds_keeps_what_it_names_first(monkeypatch, nlp) -> None:
    """With bounds below what a real article has (the bounds lowered, the pipeline real): the graph keeps
    that many entities, those first named, with their parents, and that many facts between them; it
    conforms; the note says what was left out; the same article gives the same bytes."""
    monkeypatch.setattr(build_module, "MAX_ENTITIES", 12)
    monkeypatch.setattr(build_module, "MAX_FACTS", 4)
    text = SEED["001"].read_text(encoding="utf-8")
    (ex,) = process([Article(id="001", text=text, source="001.txt")])
    assert len(ex.entities) > 12 and len(ex.facts) > 4
    block = built(ex)
    assert block.block == built(ex).block
    (note,) = [n for n in block.notes if n.startswith("kept")]
    assert note.startswith(f"kept 12 of its {len(ex.entities)} entities and 4 of its {len(ex.facts)} facts")
    triples = "".join(f"{q.triple} .\n" for q in ox.parse(block.block, format=ox.RdfFormat.N_QUADS))
    graph = Graph().parse(data=triples, format="nt")
    classes = {s: o for s, o in graph.subject_objects(RDF.type) if str(o).removeprefix(str(KG)) in ENTITY_CLASSES}
    assert len(classes) == 12
    statements = list(graph.subjects(RDF.type, RDF.Statement))
    assert len(statements) == 4
    for st in statements:  # both ends are entities of the graph
        assert graph.value(st, RDF.subject) in classes and graph.value(st, RDF.object) in classes
    for child, parent in graph.subject_objects(KG.partOf):
        assert parent in classes
    first = min(ex.mentions, key=lambda m: m.start)
    assert first.label in {str(name) for node in classes for name in graph.objects(node, RDFS.label)}
    shapes, ontology = Graph().parse(ONTOLOGY_DIR / "shapes.ttl"), Graph().parse(ONTOLOGY_DIR / "kg.ttl")
    ok, _, report = validate(graph, shacl_graph=shapes, ont_graph=ontology, inference="none")
    assert ok, report
