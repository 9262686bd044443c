"""Fuzzing the whole build: generated folders of hostile files through ``kg.run.build.build``.

Each case is a folder tree (random names, nesting, empty and binary files, symbolic links) of
JSON Lines files (valid lines, broken JSON, wrong types, lone surrogates, huge and empty fields,
control characters, byte order marks, lines in another encoding) and of real articles (seeds/,
the raw corpus) mutated (bytes flipped, cut, re-encoded to GB18030, Big5, UTF-16, HTML put in),
built in this process as ``kg build`` builds it (one pipeline, loaded once). Each case must
show: no exception escapes the build; every article is either built or reported on one line
naming its file (and line), never both, never neither; every bad line or file is reported and
every good article built (or reported as the same text as another); the outputs parse with
rdflib and pyoxigraph.

The normal suite runs a few cases; a fuzz run raises the count (README, "Use"):

    KG_FUZZ_EXAMPLES=10000 .venv/bin/python -m pytest -q -p no:warnings tests/test_fuzz.py
"""
from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.namespace import DCTERMS

from kg.errors import KgError
from kg.run.build import build
from kg.run.pool import WorkerPool

from conftest import SEEDS
from test_hostile import damage

#: the raw corpus, in the shared folder beside the checkout (or beside the folder of worktrees)
RAW = next((d / "shared" / "corpus" / "raw" for d in Path(__file__).resolve().parents
            if (d / "shared" / "corpus" / "raw").is_dir()), SEEDS)
TEXTS = [p.read_text(encoding="utf-8-sig") for p in sorted(SEEDS.glob("*.txt")) + sorted(RAW.glob("*.txt"))]
EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "12"))
#: a long run reports each distinct failure as found (shrinking a folder of files takes longer than finding it)
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 50, database=None,
                suppress_health_check=list(HealthCheck),
                phases=[Phase.explicit, Phase.generate] if EXAMPLES > 50 else list(Phase))
#: the article size limit of the fuzzed builds (``--max-bytes``): small, so that files over it are cheap
MAX_BYTES = 60_000
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
#: what an article of a case must come to
GOOD, BAD, EITHER = "built", "reported", "built or reported"


@dataclass(frozen=True)
class Unit:
    """An article of a case: where kg must name it (a file, or a JSON line ``file:N``), what it must
    come to, and for a good JSON line the id it must be built under."""

    where: str
    outcome: str
    id: str | None = None


# --- what goes into a case ---------------------------------------------------------------------------

def window(draw) -> str:
    """A window of a real article."""
    text = draw(st.sampled_from(TEXTS))
    start = draw(st.integers(0, max(0, len(text) - 100)))
    return text[start:start + draw(st.integers(1, 1500))]


_HTML_BITS = ["<p>", "</p>", "<br>", "<script>alert(1)</script>", "<style>p{}</style>", "<div class='nav'>",
              "</div>", "<a href='http://x.cn/\u2028'>链接</a>", "&amp;", "&#0;", "&#xD800;", "&nbsp;", "<!--",
              "-->", "<![CDATA[", "<title>", "</title>", "<meta charset='big5'>", "<html>", "</body>",
              "<link rel='canonical' href='http://example.cn/a b'>", "<img src=x onerror=alert(1)>"]
_CONTROL = "".join(map(chr, [*range(0, 32), 0x7F, 0x85, 0x2028, 0x2029, 0x200F, 0xFEFF, 0xFFFD]))
hostile_text = st.text(alphabet=st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from(_CONTROL),
                                          st.sampled_from("黄岩区委书记徐淼指出“”《》，。")), max_size=40)


@st.composite
def mutated_article(draw) -> bytes:
    """A window of a real article, as bytes: in some encoding, maybe two, with HTML put in, bytes
    flipped, cut or put in, or cut short."""
    text = window(draw)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.one_of(st.sampled_from(_HTML_BITS), hostile_text)) + text[at:]
    codec = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "utf-16", "utf-16-be", "utf-32"]))
    data = text.encode(codec, errors="replace")
    if draw(st.booleans()):  # the rest of the file in another encoding
        at = draw(st.integers(0, len(text)))
        data = (text[:at].encode(codec, errors="replace")
                + text[at:].encode(draw(st.sampled_from(["utf-8", "gbk", "big5", "latin-1"])), errors="replace"))
    return damage(draw, data, draw(st.integers(0, 6)))


@st.composite
def page(draw) -> bytes:
    """An HTML page around a real article, maybe declaring the wrong charset, maybe mutated."""
    text = window(draw)
    body = "".join(f"<p>{p}</p>" for p in text.splitlines() if p.strip())
    title = draw(st.one_of(st.just(""), hostile_text, st.just(text[:30])))
    charset = draw(st.sampled_from(["utf-8", "gbk", "big5", "utf-16", "bogus"]))
    html = (f"<html><head><meta charset='{charset}'><title>{title}</title></head><body><div class='nav'>"
            f"<a href='/'>首页</a></div><div class='content'>{body}</div></body></html>")
    return html.encode(draw(st.sampled_from(["utf-8", "gb18030", "big5", "utf-16"])), errors="replace")


json_value = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), hostile_text),
                          lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                  st.dictionaries(hostile_text, inner, max_size=3)), max_leaves=6)


@st.composite
def jsonl_line(draw, number: int) -> bytes:
    """One line of a JSON Lines file: most valid, the others damaged in one of many ways."""
    record: dict = {"id": f"{draw(hostile_text)}#{number}",
                    "text": window(draw) if draw(st.booleans()) else draw(hostile_text)}
    for key in draw(st.lists(st.sampled_from(["title", "url", "date"]), max_size=3, unique=True)):
        record[key] = draw(st.one_of(hostile_text, st.sampled_from(["http://example.cn/a\u2028b", "http://example.cn/x",
                                                                     "file:///etc/passwd", "2024-01-02", ""]),
                                     st.just("长" * 20_000)))
    kind = draw(st.sampled_from(["valid"] * 6 + ["wrong type", "empty", "surrogate", "huge", "broken", "not json",
                                                  "deep", "big number", "other encoding", "control", "bom"]))
    if kind == "wrong type":
        record[draw(st.sampled_from(["id", "text", "title", "url", "date"]))] = draw(json_value)
    elif kind == "empty":
        record[draw(st.sampled_from(["id", "text"]))] = draw(st.sampled_from(["", " ", "\u3000", "\n"]))
    elif kind == "huge":
        record["text"] = "干部" * (MAX_BYTES // 5)
    if kind == "not json":
        return draw(st.one_of(st.binary(max_size=60), json_value.map(lambda v: json.dumps(v).encode()))) + b"\n"
    if kind == "deep":
        return b'{"id": "d", "text": ' + b"[" * draw(st.integers(900, 200_000)) + b"\n"
    if kind == "big number":
        return f'{{"id": {"9" * draw(st.integers(4000, 20_000))}, "text": "黄岩区"}}\n'.encode()
    line = json.dumps(record, ensure_ascii=draw(st.booleans()))
    if kind == "surrogate":
        key = draw(st.sampled_from(sorted(record)))
        line = json.dumps({**record, key: "\x01"}, ensure_ascii=True).replace("\\u0001", "a\\ud800b" if draw(
            st.booleans()) else "\\udfff")
    elif kind == "control":
        raw = draw(st.sampled_from(_CONTROL[:32].replace("\r", "").replace("\n", "")))
        line = line.replace('", ', f'{raw}", ', 1)  # a raw control character, which JSON does not allow
    elif kind == "bom":
        line = "\ufeff" + line
    elif kind == "broken":
        line = line[:draw(st.integers(0, len(line)))] + draw(st.sampled_from(["", "}", '"', "\\", ",]"]))
    data = line.encode("utf-8", errors="surrogatepass")
    if kind == "other encoding":
        data = line.encode(draw(st.sampled_from(["gbk", "big5", "utf-16", "latin-1"])), errors="replace")
    return data + draw(st.sampled_from([b"\n", b"\r\n", b"\n\n", b"\n \n"]))


def jsonl_outcome(data: bytes, first: bool) -> tuple[str | None, str | None]:
    """What a JSON line must come to, by kg's documented format (README: JSON Lines of id, text,
    title, url, date; UTF-8; each field a string, id also a number; --max-bytes), and the id of a
    good one; (None, None) for a blank line, which is no article."""
    if first and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        return None, None
    try:
        obj = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):  # not UTF-8, not JSON, nested past any article, a number past any id
        return BAD, None
    if not isinstance(obj, dict):
        return BAD, None
    id_ = obj.get("id")
    fields = [obj.get(k) for k in ("text", "title", "url", "date")]
    if (isinstance(id_, bool) or not isinstance(id_, (str, int)) or not str(id_).strip()
            or not isinstance(obj.get("text"), str) or not all(v is None or isinstance(v, str) for v in fields)):
        return BAD, None
    if any(re.search("[\ud800-\udfff]", v) for v in (str(id_), *fields) if isinstance(v, str)):
        return BAD, None
    text = obj["text"]
    if not text.strip() or len(text.encode("utf-8")) > MAX_BYTES:
        return BAD, None
    return GOOD, str(id_)


name_part = st.one_of(st.text(alphabet=st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)),
                              min_size=1, max_size=12),
                      st.sampled_from(["a", "文章", " ", "-x", "a\nb", "\x1b[31m", "~", "$(id)", "..a", "e\u0301",
                                       "\u202e", "%2F", "*", "?"]),
                      st.binary(min_size=1, max_size=6).map(lambda b: os.fsdecode(b.replace(b"/", b"_")
                                                                                 .replace(b"\x00", b"_")))
                      # a name that is not UTF-8
                      ).filter(lambda name: name not in (".", ".."))
content = st.one_of(
    st.tuples(st.just(".txt"), st.sampled_from(TEXTS[:5]).map(lambda t: t.encode("utf-8")), st.just(GOOD)),
    st.tuples(st.sampled_from([".txt", ".txt", ".html", ".htm"]), mutated_article(), st.just(EITHER)),
    st.tuples(st.sampled_from([".html", ".txt"]), page(), st.just(EITHER)),
    # NUL bytes, and no byte order mark to make them UTF-16 or UTF-32
    st.tuples(st.just(".txt"), st.binary(max_size=200).map(lambda b: b"\x00\x01" + b), st.just(BAD)),
    st.tuples(st.sampled_from([".txt", ".html", ".jsonl"]), st.sampled_from([b"", b" \n\t", "\ufeff".encode()]),
              st.just(BAD)),
    st.tuples(st.just(".txt"), st.just(b"\xe5\xb9\xb2" * (MAX_BYTES // 3 + 1)), st.just(BAD)),
    st.tuples(st.just(".jsonl"), st.just(b"jsonl"), st.just(None)),  # lines drawn below
    st.tuples(st.sampled_from([".md", ".TXT", ".json", ""]), st.binary(max_size=50), st.just(None)),  # not read
)


@dataclass(frozen=True)
class Case:
    files: list[tuple[tuple[str, ...], bytes, str | None]]  # path parts under the input folder, bytes, outcome
    links: list[tuple[tuple[str, ...], str]]  # path parts of a symbolic link, its target
    jsonl: dict[tuple[str, ...], list[bytes]]  # a JSON Lines file's lines
    missing: bool  # an input that does not exist
    store: bool
    html: bool
    forked: bool  # kg.ttl, kg.trig and kg.jsonld written by processes of the fork server, not by this one


def _free(parts: tuple[str, ...], taken: set[tuple[str, ...]]) -> bool:
    """Whether a path is neither a file or link already, nor below one, nor a folder of one."""
    return not any(parts[:i] in taken for i in range(1, len(parts) + 1)) and not any(
        p[:len(parts)] == parts for p in taken)


@st.composite
def cases(draw) -> Case:
    files, links, jsonl, taken = [], [], {}, set()
    folders = [()] + [tuple(draw(st.lists(name_part, min_size=1, max_size=3))) for _ in range(draw(st.integers(0, 3)))]
    if draw(st.integers(0, 20)) == 0:  # one deep folder
        folders.append(("d",) * draw(st.integers(20, 120)))
    for _ in range(draw(st.integers(1, 6))):
        suffix, data, outcome = draw(content)
        parts = (*draw(st.sampled_from(folders)), draw(name_part) + suffix)
        if not _free(parts, taken):
            continue  # a name already used (for a folder or a file)
        taken.add(parts)
        if data == b"jsonl":
            first = draw(st.sampled_from([b"", b"\xef\xbb\xbf"]))
            lines = [draw(jsonl_line(n)) for n in range(draw(st.integers(1, 8)))]
            jsonl[parts] = [first + lines[0], *lines[1:]]
            data = b"".join(jsonl[parts])
        files.append((parts, data, outcome))
    for _ in range(draw(st.integers(0, 2))):
        kind = draw(st.sampled_from(["file", "loop", "dangling"]))
        parts = (*draw(st.sampled_from(folders)), draw(name_part) + (".txt" if kind != "loop" else ""))
        if not _free(parts, taken) or not files:
            continue
        taken.add(parts)
        target = {"file": "/".join(draw(st.sampled_from(files))[0]), "loop": ".", "dangling": "nowhere.txt"}[kind]
        links.append((parts, target))
    return Case(files, links, jsonl, draw(st.booleans()), *(draw(st.integers(0, 3)) == 0 for _ in range(3)))


# --- one case: write it, build it, account for every article -------------------------------------------

def write(case: Case, root: Path) -> None:
    for parts, data, _ in case.files:
        path = root.joinpath(*parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for parts, target in case.links:
        link = root.joinpath(*parts)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(root.joinpath(*target.split("/")) if target != "." else link.parent)


def units(case: Case, root: Path) -> list[Unit]:
    """The articles of a case as the walk meets them (hidden names and other suffixes are not read);
    one read again through a link may be the same text as the original, reported as such."""
    found: list[Unit] = []
    data = {parts: d for parts, d, _ in case.files}
    known = {parts: outcome for parts, _, outcome in case.files}
    entries = [(parts, parts, False) for parts in data]
    entries += [(parts, tuple(target.split("/")), True) for parts, target in case.links if target != "."]
    for parts, target, link in entries:
        if any(p.startswith(".") for p in parts) or not parts[-1].endswith(ARTICLE_SUFFIXES):
            continue
        where = shown(root.joinpath(*parts))
        if target not in data:
            found.append(Unit(where, BAD))  # a link to nothing
        elif target in case.jsonl and parts[-1].endswith(".jsonl"):
            for number, line in enumerate(data[target].split(b"\n")[:-1], 1):
                outcome, id_ = jsonl_outcome(line, number == 1)
                if outcome is not None:
                    found.append(Unit(f"{where}:{number}", EITHER if link and outcome == GOOD else outcome, id_))
        elif not data[target].strip(b" \t\r\n\xef\xbb\xbf"):
            if not parts[-1].endswith(".jsonl"):
                found.append(Unit(where, BAD))  # an empty file (a JSON Lines file without lines has no article)
        else:
            outcome = known[target] or EITHER
            found.append(Unit(where, EITHER if link and outcome == GOOD else outcome))
    if case.missing:
        found.append(Unit(shown(root.parent / "missing.txt"), BAD))
    return found


def shown(path: Path) -> str:
    """A path as kg names it: the bytes of a name that is not UTF-8 as \\xNN escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


class WritersHere(WorkerPool):
    """A build's pool whose last writers run in the build's own process, as where there is no fork
    server: a forked writer starts by importing the main module again, pytest, which costs more than
    a case's build."""

    def start(self) -> WritersHere:
        return self

    def side(self) -> None:
        return None


@pytest.fixture(scope="module")
def pools():
    with WorkerPool(1) as forked, WritersHere(1) as here:
        yield forked, here


def fuzz_build(case: Case, pools: tuple[WorkerPool, WorkerPool]) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="kg-fuzz-"))
    try:
        root, out = tmp / "in", tmp / "out"
        root.mkdir()
        write(case, root)
        expected = units(case, root)
        skipped: list[str] = []
        inputs = [root] + ([tmp / "missing.txt"] if case.missing else [])
        try:
            report = build(inputs, out, on_skip=skipped.append, on_warn=lambda _: None, html=case.html,
                           store=case.store, max_bytes=MAX_BYTES, pool=pools[0] if case.forked else pools[1])
        except Exception as exc:  # noqa: BLE001
            if type(exc) is KgError and "no article could be read" in str(exc):
                assert not [u for u in expected if u.outcome == GOOD], exc
                assert len(skipped) == len(expected), (skipped, expected)
                return
            raise
        account(expected, skipped, report.articles, out, case)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def account(expected: list[Unit], skipped: list[str], articles: int, out: Path, case: Case) -> None:
    """Every article built or reported once; bad ones reported, good ones built; outputs parse."""
    wheres = sorted({u.where for u in expected}, key=len, reverse=True)
    reported: Counter = Counter()
    said: dict[str, list[str]] = {}
    for message in skipped:
        assert "extraction failed" not in message, message
        where = next((w for w in wheres if message.startswith(f"{w}: ")), None)
        assert where is not None, (message, wheres)
        rest = message[len(where):]
        for w in wheres:
            rest = rest.replace(w, "")
        assert "\n" not in rest and "\r" not in rest, message  # one line, but for what the names hold
        reported[where] += 1
        said.setdefault(where, []).append(message)
    counts = Counter(u.where for u in expected)
    for unit in expected:
        assert reported[unit.where] <= counts[unit.where], (unit, skipped)
        if unit.outcome == BAD:
            assert reported[unit.where] == counts[unit.where], (unit, skipped)
        if unit.outcome == GOOD:  # built, unless the same text came before
            assert all(": same text as " in m for m in said.get(unit.where, [])), (unit, skipped)
    assert articles + len(skipped) == len(expected), (articles, skipped, expected)

    graph = Graph().parse(out / "kg.ttl", format="turtle")
    nt = Graph().parse(out / "kg.nt", format="nt")
    assert len(graph) == len(nt)
    for name, fmt in (("kg.nt", ox.RdfFormat.N_TRIPLES), ("kg.nq", ox.RdfFormat.N_QUADS),
                      ("kg.trig", ox.RdfFormat.TRIG), ("kg.jsonld", ox.RdfFormat.JSON_LD)):
        list(ox.parse(path=out / name, format=fmt))
    ids = {str(o) for o in graph.objects(None, DCTERMS.identifier)}
    assert len(ids) == articles
    for unit in expected:
        if unit.outcome == GOOD and unit.id is not None and not reported[unit.where]:
            assert unit.id in ids or any(i.startswith(unit.id + "~") for i in ids), (unit, sorted(ids))
    if case.store:  # the default graph is kg.nt, each article's graph its lines of kg.nq
        quads = sum(1 for _ in ox.parse(path=out / "kg.nq", format=ox.RdfFormat.N_QUADS))
        assert len(ox.Store.read_only(str(out / "store"))) == len(nt) + quads
    if case.html:
        assert (out / "graph.html").stat().st_size > 0


@FUZZ
@given(cases())
def test_fuzzed_trees_build_or_are_reported(pools, case: Case) -> None:
    fuzz_build(case, pools)
