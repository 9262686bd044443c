"""Ingest stage: .txt files, directories and JSON Lines -> Article, bad input -> InputError naming the file."""
from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.text.ingest import read_inputs
from kg.types import Article
from httpfolder import serving

TEXT = "黄岩区召开三级干部大会。\n"


def articles(items) -> list[Article]:
    return [a for a in items if isinstance(a, Article)]


def errors(items) -> list[InputError]:
    return [e for e in items if isinstance(e, InputError)]


def test_txt_file(tmp_path: Path) -> None:
    path = tmp_path / "007_abc.txt"
    path.write_text(TEXT, encoding="utf-8")
    (article,) = read_inputs([path])
    assert article == Article(id="007_abc", text=TEXT, source=str(path), encoding="utf-8")


def test_txt_file_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    (article,) = read_inputs([str(path)])
    assert article.text == TEXT


def test_directory_walk_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a_sub").mkdir()
    for rel in ("c.txt", "a.txt", "b/2.txt", "b/1.txt", "a_sub/z.txt", "notes.md", ".hidden.txt"):
        (tmp_path / rel).write_text(f"{rel}的正文。", encoding="utf-8")
    items = list(read_inputs([tmp_path]))
    assert not errors(items)
    # sorted by name at each level, sub-directories walked where they sort; only .txt/.jsonl, no dot files
    assert [Path(a.source).relative_to(tmp_path).as_posix() for a in items] == [
        "a.txt", "a_sub/z.txt", "b/1.txt", "b/2.txt", "c.txt"]
    assert [a.id for a in items] == ["a", "z", "1", "2", "c"]


def test_inputs_keep_their_order(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    items = list(read_inputs([tmp_path / "b.txt", tmp_path / "a.txt"]))
    assert [a.id for a in items] == ["b", "a"]


@pytest.mark.parametrize(("line", "message"), [
    ('{"id": "b", "text": "bad \\ud800 text"}', '"text" holds a lone surrogate escape'),
    ('{"id": "c", "text": "天等县", "title": {"a": "<b>"}}', '"title" must be a string, not dict'),
    ('{"id": "", "text": "天等县"}', 'needs a non-empty "id"'),
    ('{"id": true, "text": "天等县"}', 'needs a non-empty "id"'),
])
def test_jsonl_line_of_wrong_types_is_skipped_by_its_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "a", "text": "黄岩区召开大会。"}\n' + line + "\n", encoding="utf-8")
    first, second = read_inputs([path])
    assert isinstance(first, Article) and isinstance(second, InputError)
    assert str(second).startswith(f"{path}:2: ") and message in str(second), str(second)


def test_jsonl_lines(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    rows = [
        {"id": "x1", "text": "黄岩区召开大会。", "title": "黄岩区召开大会", "url": "https://example.org/x1", "date": "2023-06-01"},
        {"id": 2, "text": "台州市出台措施。"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n", encoding="utf-8")
    first, second = read_inputs([path])
    # reported by file and line; the url is the article's field (its dcterms:source in the graph)
    assert first == Article(id="x1", text="黄岩区召开大会。", source=f"{path}:1", title="黄岩区召开大会",
                            url="https://example.org/x1", date="2023-06-01", date_source="jsonl")
    assert (second.id, second.text, second.title, second.url, second.date) == ("2", "台州市出台措施。", None, None, None)
    assert second.source.startswith(str(path))


BAD_FILES = [
    ("nul.txt", b"\x00\x01\x02binary\x00data" * 10, "binary"),
    ("garbled.txt", b"\xff\x80" * 60, "undecodable"),  # in UTF-8, GB18030 and Big5 alike
    ("empty.txt", b"", "empty"),
    ("blank.txt", b" \n\t\n", "empty"),
    ("big.txt", ("很长的文章。" * 100).encode("utf-8"), "limit"),
]


@pytest.mark.parametrize(("name", "data", "reason"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_names_the_file(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    (item,) = read_inputs([path], max_bytes=1000)
    assert isinstance(item, InputError)
    assert str(path) in str(item)
    assert reason in str(item)


BAD_LINES = [
    ("malformed", '{"id": "x", "text": "黄岩区召开大会。"', "invalid JSON"),
    ("no text", '{"id": "x", "title": "黄岩区召开大会"}', '"text"'),
    ("text not a string", '{"id": "x", "text": 42}', '"text"'),
    ("no id", '{"text": "黄岩区召开大会。"}', '"id"'),
    ("not an object", '["黄岩区召开大会。"]', '"id"'),
    ("empty text", '{"id": "x", "text": "  "}', "empty"),
    ("over-size text", json.dumps({"id": "x", "text": "很长的文章。" * 100}, ensure_ascii=False), "limit"),
]


@pytest.mark.parametrize(("line", "reason"), [b[1:] for b in BAD_LINES], ids=[b[0] for b in BAD_LINES])
def test_bad_jsonl_line_names_file_and_line(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "corpus.jsonl"
    good = json.dumps({"id": "ok", "text": "台州市出台措施。"}, ensure_ascii=False)
    path.write_text(f"{good}\n{line}\n{good.replace('ok', 'ok2')}\n", encoding="utf-8")
    items = list(read_inputs([path], max_bytes=1000))
    assert [a.id for a in articles(items)] == ["ok", "ok2"]
    (err,) = errors(items)
    assert f"{path}:2" in str(err)
    assert reason in str(err)


def test_jsonl_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gbk.jsonl"
    path.write_bytes(json.dumps({"id": "x", "text": "黄岩区召开大会。"}, ensure_ascii=False).encode("gbk"))
    items = list(read_inputs([path]))
    assert not articles(items)
    (err,) = errors(items)
    assert str(path) in str(err) and "UTF-8" in str(err)


def test_bad_files_do_not_stop_the_good_ones(tmp_path: Path) -> None:
    for name, data, _ in BAD_FILES:
        (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "more.jsonl").write_text('{"id": "j1", "text": "台州市出台措施。"}\nnot json\n', encoding="utf-8")
    items = list(read_inputs([tmp_path], max_bytes=1000))
    assert [a.id for a in articles(items)] == ["good", "j1"]
    bad = errors(items)
    assert len(bad) == len(BAD_FILES) + 1
    for name, _, _ in BAD_FILES:
        assert sum(str(tmp_path / name) in str(e) for e in bad) == 1, name
    assert any(f"{tmp_path / 'more.jsonl'}:2" in str(e) for e in bad)


def test_missing_path_is_reported(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "a.txt"
    (item,) = read_inputs([missing])
    assert isinstance(item, InputError)
    assert str(missing) in str(item)
    assert item.exit_code == 2


@pytest.mark.parametrize("step", [7, 64, 100, 1 << 20])
def test_a_json_lines_file_read_in_ranges_is_read_as_a_whole(tmp_path: Path, monkeypatch, step: int) -> None:
    """Cut into ranges of ``step`` bytes (kg/run/partitions.py), each read by itself, a JSON Lines file gives
    the articles and errors of reading it whole, each line named by its number in the file: ranges that
    begin inside a line, at a newline, inside a long line, a BOM, a bad line, blank lines."""
    from kg.run import partitions

    lines = ['\ufeff{"id": "a", "text": "黄岩区委书记徐淼强调"}', "", '{"id": "b", "text": "二"}', "{bad json",
             '{"id": "c", "text": "' + "长" * 300 + '"}', '{"id": "d", "text": "四"}', "   ", '{"id": "e", "text": "五"}']
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(partitions, "SMALLEST_RANGE", step)
    monkeypatch.setattr(partitions, "LARGEST_RANGE", step)
    whole = [(a.source, a.id) if isinstance(a, Article) else str(a) for a in read_inputs([path], max_bytes=200)]
    parts, errors = partitions.list_partitions([path])
    assert not errors and (len(parts) > 1) == (step < path.stat().st_size)
    parts = partitions.count_before(parts, map)
    ranged = [(a.source, a.id) if isinstance(a, Article) else str(a)
              for part in parts for a in partitions.read_partition(part, max_bytes=200)]
    assert ranged == whole
    assert whole[0] == (f"{path}:1", "a") and whole[-1] == (f"{path}:8", "e")
    assert any(f"{path}:5: " in str(e) for e in whole) and any(f"{path}:4: invalid JSON" in str(e) for e in whole)


@pytest.mark.parametrize(("pattern", "expected"), [
    ("*.jsonl", ["a.jsonl:1", "b.jsonl:1"]),
    ("**/*.txt", ["sub/c.txt", "sub/deeper/d.txt"]),
    ("sub/[cd].txt", ["sub/c.txt"]),
    ("nothing-*.txt", []),
])
def test_a_pattern_the_shell_did_not_expand_reads_what_it_matches(tmp_path: Path, monkeypatch, pattern: str,
                                                                 expected: list[str]) -> None:
    """``kg build 'corpus/*.jsonl'`` (quoted, as a cluster's build is given it): the files the pattern matches,
    in the order of their names; a pattern that matches nothing is one error naming it."""
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    for name in ("b.jsonl", "a.jsonl"):
        (tmp_path / name).write_text(json.dumps({"id": name, "text": "黄岩区委书记徐淼强调"}, ensure_ascii=False) + "\n",
                                     encoding="utf-8")
    (tmp_path / "sub" / "c.txt").write_text("黄岩区召开会议。", encoding="utf-8")
    (tmp_path / "sub" / "deeper" / "d.txt").write_text("天台县召开会议。", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    items = list(read_inputs([pattern]))
    assert [a.source for a in items if isinstance(a, Article)] == expected
    if not expected:
        assert [str(e) for e in items] == [f"{pattern}: no file or folder matches this pattern"]


@contextmanager
def _at_url(kind: str, folder: Path) -> Iterator[str]:
    """``folder`` by URL: ``file://`` its path, or ``http://`` served by a real HTTP server on loopback."""
    if kind == "file":
        yield f"file://{folder}"
    else:
        with serving(folder) as url:
            yield url


@pytest.mark.parametrize("kind", ["file", "http"])
def test_a_url_of_an_installed_filesystem_is_read_as_its_path(kind: str, tmp_path: Path, monkeypatch) -> None:
    """A URL of any filesystem fsspec has installed (a local one, a web server's): a folder's article
    files, a pattern's matches and a JSON Lines file read in byte ranges give the articles and errors of
    the same paths, named by their URLs."""
    from kg.run import partitions

    (tmp_path / "site" / ".hidden").mkdir(parents=True)
    (tmp_path / "site" / "sub").mkdir()
    (tmp_path / "site" / "b.txt").write_text("黄岩区召开会议。", encoding="utf-8")
    (tmp_path / "site" / "a.html").write_text("<html><body><p>天台县召开会议，部署工作。</p></body></html>", encoding="utf-8")
    (tmp_path / "site" / "sub" / "c.txt").write_text("临海市召开会议。", encoding="utf-8")
    (tmp_path / "site" / "notes.md").write_text("not an article", encoding="utf-8")
    (tmp_path / "site" / ".hidden" / "c.txt").write_text("不读。", encoding="utf-8")
    lines = [json.dumps({"id": f"n{i}", "text": "黄岩区委书记徐淼强调" * (i % 3 + 1)}, ensure_ascii=False) for i in range(40)]
    (tmp_path / "site" / "feed.jsonl").write_text("\n".join(lines[:20] + ["{bad"] + lines[20:]) + "\n", encoding="utf-8")

    with _at_url(kind, tmp_path) as url:
        def seen(inputs: list[str]) -> list[tuple[str, str] | str]:
            return [(a.source.replace(url, str(tmp_path)), a.text) if isinstance(a, Article)
                    else str(a).replace(url, str(tmp_path)) for a in read_inputs(inputs)]

        local = seen([str(tmp_path / "site")])
        assert seen([f"{url}/site/"]) == local and len(local) == 44
        assert [s for s, _ in seen([f"{url}/site/*.txt"])] == [str(tmp_path / "site" / "b.txt")]
        assert [str(e) for e in read_inputs([f"{url}/nowhere/"])] == [f"{url}/nowhere/: no such file or directory"]
        monkeypatch.setattr(partitions, "SMALLEST_RANGE", 200)
        monkeypatch.setattr(partitions, "LARGEST_RANGE", 200)
        parts, errors = partitions.list_partitions([f"{url}/site/feed.jsonl"])
        assert not errors and len(parts) > 3
        ranged = [(a.source, a.id) if isinstance(a, Article) else str(a)
                  for part in partitions.count_before(parts, map) for a in partitions.read_partition(part)]
        assert ranged == [(a.source, a.id) if isinstance(a, Article) else str(a)
                          for a in read_inputs([f"{url}/site/feed.jsonl"])]
        assert ranged[20] == (f"{url}/site/feed.jsonl:21: invalid JSON (Expecting property name enclosed in double "
                              "quotes at column 2)")
