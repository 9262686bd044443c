"""Hostile input: random text, random bytes and mutated real articles through every stage (no
exception escapes, the graph parses back and conforms); damaged files, HTML pages, mojibake,
lost characters, duplicates and size limits, each with the one line kg says about it."""
from __future__ import annotations

import itertools
import re
import subprocess
import sys
from pathlib import Path

import opencc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyshacl import validate
from rdflib import RDF, Dataset, Graph
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS

from kg.errors import InputError
from kg.graph.intervals import Attestations
from kg.graph.rdf import to_graph
from kg.graph.vocab import KG, ONTOLOGY_DIR
from kg.run.build import process
from kg.text.dedupe import Duplicate, unique
from kg.text.ingest import read_inputs
from kg.text.mojibake import repair
from kg.types import Article, Extraction

from conftest import SEEDS, facts, labels

REPO = Path(__file__).resolve().parents[1]
RAW = REPO.parent / "shared" / "corpus" / "raw"
DEV = REPO.parent / "shared" / "corpus" / "dev"
KG_BIN = Path(sys.executable).parent / "kg"
ARTICLE_FILES = sorted(SEEDS.glob("*.txt")) + sorted(RAW.glob("*.txt"))
TEXTS = [p.read_text(encoding="utf-8-sig") for p in ARTICLE_FILES]
SEED = {p.stem[:3]: p for p in sorted(SEEDS.glob("*.txt"))}
PIPELINE = settings(max_examples=30, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def shacl() -> tuple[Graph, Graph]:
    return Graph().parse(ONTOLOGY_DIR / "shapes.ttl"), Graph().parse(ONTOLOGY_DIR / "kg.ttl")


def check(extractions: list[Extraction], shacl: tuple[Graph, Graph]) -> Graph:
    """Offsets stay inside the original text, every evidence sentence is the slice its offsets
    give, the graph survives Turtle and, with the intervals a build derives, conforms to the shapes."""
    for ex in extractions:
        kept = ex.clean.offsets[:-1]
        assert len(kept) == len(ex.clean.text)
        # increasing, but for a line break the cleaning puts back into a copy that lost its own, which
        # points at the sentence it opens
        assert all(a < b or a == b and ex.clean.text[i] == "\n" for i, (a, b) in enumerate(zip(kept, kept[1:])))
        assert all(0 <= o < len(ex.article.text) for o in kept)
        for f in ex.facts:
            ev = f.evidence
            assert 0 <= ev.start < ev.end <= len(ex.article.text)
            assert ev.sentence == ex.article.text[ev.start:ev.end]
        for e in ex.entities:
            assert "\ufffd" not in e.label and "?" not in e.label, e  # lost characters are gaps, not names
    graph = to_graph(extractions)
    back = Graph().parse(data=graph.serialize(format="turtle", encoding="utf-8"), format="turtle")
    assert isomorphic(graph, back)
    # a membership's interval is derived over the whole build, as the build's writer does
    dates = Attestations()
    dates.add(graph.serialize(format="nt", encoding="utf-8"))
    derived = Dataset().parse(data=dates.quads(), format="nquads")
    for s, p, o, _ in derived.quads():
        back.add((s, p, o))
    shapes, ontology = shacl
    ok, _, report = validate(back, shacl_graph=shapes, ont_graph=ontology, inference="none")
    assert ok, report
    return back


# --- property tests -------------------------------------------------------------------------------

_FRAGMENTS = ["黄岩区", "黃巖區委書記", "徐淼", "指出", "，", "。", "\n", "??", "?", "\ufffd", "?lián)", "發(fā)展",
              "“黄岩发展我担当”行动", "《关于激励干部担当作为的十条措施》", "年轻干部", "□ 本报记者 林元沁\n",
              "鍏朵粬", "é»„å²©åŒº", "\x00", "\r\n", "\u2028", "\x85", "#p#分页标题#e#", '"', "\\", "<b>", "&amp;"]
noisy_text = st.one_of(st.text(max_size=400),
                       st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=6)), max_size=40).map("".join))


@PIPELINE
@given(noisy_text)
def test_random_unicode_builds(shacl, text: str) -> None:
    check(list(process([Article(id="t", text=text, source="t.txt")])), shacl)


_CODECS = ["utf-8", "utf-8-sig", "gbk", "gb18030", "big5", "utf-16", "utf-32"]


@st.composite
def damaged_bytes(draw) -> bytes:
    """Random bytes, or a real article in some encoding with bytes flipped, cut or inserted."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=3000))
    text = draw(st.sampled_from(TEXTS))
    start = draw(st.integers(0, max(0, len(text) - 1)))
    data = text[start:start + draw(st.integers(1, 1500))].encode(draw(st.sampled_from(_CODECS)), errors="replace")
    return damage(draw, data, draw(st.integers(0, 8)))


def damage(draw, data: bytes, times: int) -> bytes:
    """``data`` with bytes flipped, cut or put in, or cut short, ``times`` times at random places."""
    data = bytearray(data)
    for _ in range(times):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["flip", "cut", "insert", "truncate"]))
        if op == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[at:at + draw(st.integers(1, 3))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=4))
        elif op == "truncate":
            del data[at:]
    return bytes(data)


_file_numbers = itertools.count()


@PIPELINE
@given(damaged_bytes(), st.sampled_from([".txt", ".html"]))
def test_random_bytes_build_or_are_reported(tmp_path_factory, shacl, data: bytes, suffix: str) -> None:
    path = tmp_path_factory.getbasetemp() / f"bytes{next(_file_numbers)}{suffix}"
    path.write_bytes(data)
    items = list(read_inputs([path]))
    assert len(items) == 1
    (item,) = items
    if isinstance(item, InputError):
        assert str(item).startswith(f"{path}: ") and "\n" not in str(item)
        return
    assert item.encoding
    check(list(process([item])), shacl)


_MUTATIONS = {
    "pinyin": lambda t, i, r: t[:i] + r.choice(["(zhèng)", "(de)", "（jìn）", "(fā)"]) + t[i:],
    "boilerplate": lambda t, i, r: t[:i] + r.choice(["\n责任编辑：王小明\n", "\n相关文章\n台州市召开会议\n", "【资料图】",
                                                     "#p#分页标题#e#", "\n分享到：微信 微博\n", "（记者 付鼎臣）"]) + t[i:],
    "lost": lambda t, i, r: t[:i] + r.choice(["?", "??", "???", "\ufffd", "\ufffd\ufffd", "?lián)", "?zèng)_"]) + t[i:],
    "delete": lambda t, i, r: t[:i] + t[i + r.randint(1, 20):],
    "gbk-mojibake": lambda t, i, r: t[:i] + t[i:i + 30].encode("utf-8").decode("gbk", errors="replace") + t[i + 30:],
    "latin1-mojibake": lambda t, i, r: t[:i] + t[i:i + 30].encode("utf-8").decode("latin-1") + t[i + 30:],
    "traditional": lambda t, i, r: t[:i] + opencc.OpenCC("s2t").convert(t[i:i + 200]) + t[i + 200:],
    "truncate": lambda t, i, r: t[:i],
    "duplicate-paragraph": lambda t, i, r: t[:i] + t[i:].split("\n", 1)[0] + "\n" + t[i:],
}


@st.composite
def mutated_article(draw) -> str:
    """A window of a real article (seeds, raw corpus) with pinyin, boilerplate, lost characters,
    deletions, mojibake and script changes put in at random places."""
    text = draw(st.sampled_from(TEXTS))
    start = draw(st.integers(0, max(0, len(text) - 200)))
    text = text[start:start + draw(st.integers(50, 1500))]
    rng = draw(st.randoms(use_true_random=False))
    for name in draw(st.lists(st.sampled_from(sorted(_MUTATIONS)), max_size=6)):
        text = _MUTATIONS[name](text, draw(st.integers(0, len(text))), rng)
    return text


@PIPELINE
@given(mutated_article())
def test_mutated_articles_build(shacl, text: str) -> None:
    check(list(process([Article(id="m", text=text, source="m.txt")])), shacl)


# --- lost characters and mojibake -------------------------------------------------------------------

GAPS = [
    # a run of '?' between a locality and a title: both kept, no post spans the gap
    ("黄岩区??书记徐淼指出，要担当作为。", {"黄岩区"}, {"徐淼"}, "黄岩区书记"),
    # U+FFFD after a name: the name stays whole
    ("黄岩区委书记徐淼��指出，要担当作为。", {"黄岩区"}, {"徐淼"}, None),
    # a lost character with its broken pinyin (the raw corpus's ?lián) fragments)
    ("黄岩区委?lián)书记徐淼指出，要担当作为。", {"黄岩区"}, {"徐淼"}, "黄岩区委书记"),
    # a single '?' is a question mark (copies with ASCII punctuation): a sentence end, also a boundary
    ("黄岩区?书记徐淼指出，要担当作为。", {"黄岩区"}, {"徐淼"}, "黄岩区书记"),
    # a gap between the actor and the verb keeps the issuing locality
    ("台州市黄岩区委??出台《关于激励干部担当作为的十条措施》，面向年轻干部。", {"黄岩区", "台州市"}, set(), None),
]


@pytest.mark.parametrize(("text", "localities", "officials", "no_post"), GAPS, ids=[g[0][:8] for g in GAPS])
def test_lost_characters_are_boundaries(run, shacl, text: str, localities: set, officials: set,
                                        no_post: str | None) -> None:
    ex = run(text)
    assert localities <= labels(ex, "Locality")
    assert officials <= labels(ex, "Official")
    assert no_post not in labels(ex, "Post")
    check([ex], shacl)


def test_a_title_across_a_gap_shows_what_it_lost(run) -> None:
    # 《…新?lián)?dāng)新作为的意见》: the document is named, its lost characters marked, not joined away
    ex = run("中央办公厅印发了《关于进一步激励广大干部新时代新?lián)?dāng)新作为的意见》（以下简称《意见》）。")
    assert labels(ex, "Measure") == {"关于进一步激励广大干部新时代新□新作为的意见"}
    # ... and a quoted name's, next to its closing quote
    ex = run("吉安县构建“选育管??”全链条管理体系。")
    assert labels(ex, "Measure") == {"选育管□全链条管理体系"}


def test_gap_notes_name_the_run(run) -> None:
    ex = run("黄岩区委?lián)?dāng)书记徐淼指出。")
    (note,) = ex.clean.notes
    assert "1 run of lost characters" in note and "character 4" in note and "'?lián)?dāng)'" in note


SENTENCE = "黄岩区委书记徐淼指出，要以更加鲜明的实干实绩导向激励干部担当作为。"


def test_utf8_read_as_latin1_is_repaired(run) -> None:
    ex = run(SENTENCE.encode("utf-8").decode("latin-1"))
    assert ex.clean.text == SENTENCE
    assert ex.clean.notes == ("repaired 1 line of mojibake (UTF-8 read as Windows-1252 or Latin-1), "
                              "the first at character 0",)
    assert ("徐淼", "holds", "黄岩区委书记") in facts(ex)


def test_utf8_read_as_gbk_is_repaired_where_bytes_survive(run) -> None:
    ex = run(SENTENCE.encode("utf-8").decode("gbk", errors="replace"))
    assert ex.clean.text.startswith("黄岩区 书记徐淼指出")  # 委 lost a byte to the wrong decoding: a gap
    assert ex.clean.notes[0].startswith("repaired 1 line of mojibake (UTF-8 read as GBK)")
    assert ("徐淼", "holds", "书记") in facts(ex)


@pytest.mark.parametrize("codec", ["gbk", "latin-1"])
def test_mojibake_seed_recovers_entities(nlp, codec: str) -> None:
    """A whole seed article mis-decoded by a scraper: most of its entities come back."""
    original = SEED["001"].read_text(encoding="utf-8")
    mangled = original.encode("utf-8").decode(codec, errors="replace")
    ex, again = process([Article(id="o", text=original, source="o.txt"), Article(id="m", text=mangled, source="m.txt")])
    want, got = {(e.cls, e.label) for e in ex.entities}, {(e.cls, e.label) for e in again.entities}
    # Latin-1 keeps every byte: all come back; GBK lost a byte wherever a character ended on an odd byte
    assert len(got & want) >= (1.0 if codec == "latin-1" else 0.3) * len(want)
    # offsets point into the mangled text the article really had
    for f in again.facts:
        assert f.evidence.sentence == mangled[f.evidence.start:f.evidence.end]


def test_no_repair_of_sound_text() -> None:
    """Not one line of the real articles (seeds, raw corpus, dev) is taken for mojibake."""
    for path in ARTICLE_FILES + sorted(DEV.glob("*.txt")):
        notes = repair(path.read_text(encoding="utf-8-sig")).notes
        assert not [n for n in notes if n.startswith("repaired")], path


# --- reading damaged files --------------------------------------------------------------------------

GOOD = SEED["001"].read_text(encoding="utf-8")
_UTF8 = GOOD.encode("utf-8")
_CUT = next(i for i in range(1000, len(_UTF8)) if _UTF8[i] >= 0xE0) + 1  # one byte into a character
_GB_HEAD, _GB_TAIL = GOOD[:200].encode("gb18030"), GOOD[200:600].encode("gb18030")

FILES = [
    # (name, bytes, what kg makes of it: encoding of the article, or a phrase of the error)
    ("truncated.txt", _UTF8[:_CUT], ("utf-8", "1 undecodable byte in utf-8", f"byte offset {_CUT - 1}")),
    ("two-bad-bytes.txt", _GB_HEAD + b"\xff" + _GB_TAIL + b"\x80",
     ("gb18030", "2 undecodable bytes in gb18030", f"byte offset {len(_GB_HEAD)}")),
    ("odd-utf16.txt", GOOD[:300].encode("utf-16") + b"\x00", ("utf-16", "1 undecodable byte", "")),
    ("utf32.txt", GOOD[:300].encode("utf-32"), ("utf-32", "", "")),
    ("every-50th-byte.txt", bytes(0xFF if i % 50 == 0 else b for i, b in enumerate(GOOD.encode("utf-8"))),
     "too damaged to use"),
    ("noise.txt", bytes((i * 7919) % 128 + 128 for i in range(3000)), "too damaged to use"),
    ("binary.txt", b"\x00\x01\x02binary\x00" * 50, "binary file"),
    ("bom-only.txt", b"\xff\xfe", "empty"),
    ("utf16-blank.txt", " \n \n".encode("utf-16"), "empty"),
    ("no-article.html", b"<html><head><title>404</title></head><body><div><a href='/'>home</a></div></body></html>",
     "no article text found"),
    ("page.txt", f"<!DOCTYPE html><html><body><div id='nav'><a href='/'>首页</a></div><article><p>{GOOD[:800]}</p>"
                 f"</article></body></html>".encode("utf-8"), ("utf-8", "an HTML page in a .txt file", "")),
    ("declared-wrong.html", f"<html><head><meta charset='utf-8'></head><body><p>{GOOD[:800]}</p></body></html>"
     .encode("gb18030", errors="replace"), ("gb18030", "", "")),
]


@pytest.mark.parametrize(("name", "data", "outcome"), FILES, ids=[f[0] for f in FILES])
def test_damaged_file(tmp_path: Path, name: str, data: bytes, outcome) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    (item,) = read_inputs([path])
    if isinstance(outcome, str):
        assert isinstance(item, InputError), item
        assert str(item).startswith(f"{path}: ") and outcome in str(item) and "\n" not in str(item)
        return
    encoding, note, where = outcome
    assert isinstance(item, Article), item
    assert item.encoding == encoding
    assert note in " ".join(item.notes) and where in " ".join(item.notes)
    assert len(item.notes) == (1 if note else 0)
    assert item.text.strip()


LINES = [
    # (name, a JSON line, what kg says of it): lines that tests/test_fuzz.py found to stop a build
    ("nested past the stack", b'{"id": "d", "text": ' + b"[" * 100_000, "invalid JSON (nested deeper than kg reads"),
    ("a 5,000-digit id", b'{"id": ' + b"9" * 5000 + b', "text": "\xe9\xbb\x84\xe5\xb2\xa9\xe5\x8c\xba"}',
     "invalid JSON (exceeds the limit (4300 digits) for integer string conversion)"),
]


@pytest.mark.parametrize(("name", "line", "said"), LINES, ids=[n for n, _, _ in LINES])
def test_damaged_json_line(tmp_path: Path, name: str, line: bytes, said: str) -> None:
    """The line is reported by its file and number, and the lines around it are read."""
    path = tmp_path / "lines.jsonl"
    good = '{"id": "g%d", "text": "黄岩区召开大会。"}\n'
    path.write_bytes((good % 1).encode() + line + b"\n" + (good % 3).encode())
    first, bad, last = read_inputs([path])
    assert isinstance(bad, InputError) and str(bad).startswith(f"{path}:2: ") and said in str(bad), str(bad)
    assert (first.id, last.id) == ("g1", "g3")


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    dump = tmp_path / "dump.txt"
    with dump.open("wb") as fh:  # a 10 MB dump; sparse, so the test writes almost nothing
        fh.truncate(10_000_000)
    (item,) = read_inputs([dump])
    assert isinstance(item, InputError)
    assert "10000000 bytes is over the 2000000-byte article limit (raise it with --max-bytes)" in str(item)
    small = tmp_path / "small.txt"
    small.write_text(GOOD, encoding="utf-8")
    (item,) = read_inputs([small], max_bytes=1000)
    assert isinstance(item, InputError) and "1000-byte article limit" in str(item)


def test_symbolic_link_loops_are_walked_once(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "a" / "up").symlink_to("..")  # a/up/a/up/... for ever
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")  # a link to itself
    items = list(read_inputs([tmp_path]))
    assert [a.source for a in items if isinstance(a, Article)] == [str(tmp_path / "a" / "x.txt")]
    (error,) = [e for e in items if isinstance(e, InputError)]
    assert str(error) == f"{tmp_path / 'self.txt'}: cannot read (Too many levels of symbolic links)"


# --- duplicates ---------------------------------------------------------------------------------------

def _article(name: str, text: str) -> Article:
    return Article(id=Path(name).stem, text=text, source=name)


def test_same_article_in_either_script_is_built_once() -> None:
    simplified = SEED["001"].read_text(encoding="utf-8")
    traditional = opencc.OpenCC("s2t").convert(simplified)
    reports: list[Duplicate] = []
    kept = list(unique([_article("a/001.txt", simplified), _article("b/other.txt", SEED["003"].read_text("utf-8")),
                        _article("c/001-big5.txt", traditional), _article("d/001-copy.txt", "  " + simplified + "\n")],
                       reports.append))
    assert [a.source for a in kept] == ["a/001.txt", "b/other.txt"]
    assert [d.message() for d in reports] == ["c/001-big5.txt: same text as a/001.txt, built once",
                                              "d/001-copy.txt: same text as a/001.txt, built once"]


def test_near_duplicate_is_reported_and_built() -> None:
    text = SEED["003"].read_text(encoding="utf-8")
    edited = text.replace("创新实干", "创新务实", 1) + "\n（本文有删改）"
    reports: list[Duplicate] = []
    kept = list(unique([_article("x.txt", text), _article("y.txt", edited), _article("z.txt", GOOD)],
                       reports.append))
    assert len(kept) == 3
    (near,) = reports
    assert (near.source, near.original, near.kind) == ("y.txt", "x.txt", "near")
    assert 0.9 <= near.similarity <= 1.0
    assert near.message() == "y.txt: near-duplicate of x.txt (similarity 0.99); both built"


def test_long_near_duplicate_and_a_long_other_article() -> None:
    """Articles of more shingles than are permuted at once (all five seeds, over 10,000 characters):
    one word changed and a sentence added still make a near-duplicate; the seeds without the first one (about
    four fifths of the shingles) make none."""
    texts = [p.read_text(encoding="utf-8") for p in SEED.values()]
    long = "\n".join(texts)
    edited = long.replace("干部", "党员", 1) + "\n记者另悉，活动将持续到年底。"
    other = "\n".join(texts[1:])
    reports: list[Duplicate] = []
    kept = list(unique([_article("a.txt", long), _article("b.txt", edited), _article("c.txt", other)],
                       reports.append))
    assert len(long) > 10_000 and len(kept) == 3
    assert [(d.source, d.original, d.kind) for d in reports] == [("b.txt", "a.txt", "near")]
    assert reports[0].similarity >= 0.95


def test_same_id_different_text_gets_a_numbered_id() -> None:
    reports: list[Duplicate] = []
    kept = list(unique([_article("a/001.txt", GOOD), _article("b/001.txt", SEED["003"].read_text("utf-8")),
                        _article("c/001~2.txt", SEED["000"].read_text("utf-8"))], reports.append))
    assert [a.id for a in kept] == ["001", "001~2", "001~2~2"]
    assert reports[0].message() == "b/001.txt: a/001.txt has the same id; built as 001~2"


def test_duplicates_are_found_among_all_that_came_before(monkeypatch) -> None:
    """The filter keeps what it knows of earlier articles on disk (kg/text/dedupe.py): committed
    every four articles or once in all, the same copies, near-duplicates and id clashes are found,
    each against the right earlier article."""
    import kg.text.dedupe as dedupe

    texts = [p for path in SEED.values() for p in path.read_text(encoding="utf-8").split("\n") if len(p) > 150][:12]
    articles = [_article(f"a/{i}/{i % 5}.txt", t) for i, t in enumerate(texts)]  # ids 0-4, then again
    articles += [_article(f"b/{i}.txt", t) for i, t in enumerate(texts[::3])]  # the same text again
    articles += [_article(f"c/{i}.txt", t + "完") for i, t in enumerate(texts[1::3])]  # one shingle more

    def found() -> tuple[list[str], list[str]]:
        reports: list[Duplicate] = []
        kept = [f"{a.source} {a.id}" for a in unique(articles, reports.append)]
        return kept, [d.message() for d in reports]

    whole = found()
    monkeypatch.setattr(dedupe, "_COMMIT", 4)
    assert found() == whole
    kept, messages = whole
    assert len(kept) == len(articles) - 4 and len([m for m in messages if "same text as a/" in m]) == 4
    assert len([m for m in messages if "near-duplicate of a/" in m]) == 4
    assert {"a/5/0.txt: a/0/0.txt has the same id; built as 0~2",
            "a/10/0.txt: a/0/0.txt has the same id; built as 0~3"} <= set(messages)


@pytest.mark.parametrize("buckets", [1, 3, 7])
def test_fingerprints_bucket_by_bucket_give_the_filters_verdicts(buckets: int) -> None:
    """The verdicts of a partitioned build (kg/text/fingerprints.py), found a bucket of band keys and a
    bucket of id families at a time, are those of the filter reading the articles one by one: the
    same copies, near-duplicates and numbered ids, each against the same earlier article."""
    from kg.text.clean import clean
    from kg.text.dedupe import fingerprint
    from kg.text.fingerprints import Print, band_keys, best, bucket_of, by_bands, by_ids, id_family

    texts = [p for path in SEED.values() for p in path.read_text(encoding="utf-8").split("\n") if len(p) > 150][:12]
    articles = [_article(f"a/{i}/{i % 5}.txt", t) for i, t in enumerate(texts)]
    articles += [_article(f"b/{i}.txt", t) for i, t in enumerate(texts[::3])]
    articles += [_article(f"c/{i}.txt", t + "完") for i, t in enumerate(texts[1::3])]
    articles += [_article("d/0~2.txt", texts[5] + "又"), _article("e/empty.txt", "　"), _article("f/empty.txt", " ")]
    reports: list[Duplicate] = []
    one_by_one = [f"{a.source} {a.id}" for a in unique(articles, reports.append)]

    prints = []
    for pos, article in enumerate(articles):
        digest, signature = fingerprint(clean(article))
        prints.append(Print(pos, article.source, article.id, digest, None if signature is None else signature.tobytes()))
    verdicts = []
    for bucket in range(buckets):
        mine = [p for p in prints if p.signature and any(bucket_of(k, buckets) == bucket for k in band_keys(p.signature))]
        verdicts += by_bands(mine, range(bucket, bucket + 1), buckets)
    copies = {v.pos for v in verdicts if v.duplicate.kind == "same text"}
    for bucket in range(buckets):
        verdicts += by_ids([p for p in prints if bucket_of(id_family(p.id), buckets) == bucket], copies)
    messages, kept = [], []
    for pos, article in enumerate(articles):
        found = best(v for v in verdicts if v.pos == pos)
        messages += [v.duplicate.message() for v in found]
        if not any(v.duplicate.skipped for v in found):
            new_id = next((v.duplicate.new_id for v in found if v.duplicate.new_id), article.id)
            kept.append(f"{article.source} {new_id}")
    assert kept == one_by_one
    assert messages == [d.message() for d in reports]
    assert len(copies) == 4 and sum("near-duplicate" in m for m in messages) >= 5 and "d/0~2.txt" in " ".join(messages)


# --- one build over a folder of hostile files -----------------------------------------------------------

def test_hostile_folder_builds(tmp_path: Path, shacl) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    s000, s001, s003 = (SEED[k].read_text(encoding="utf-8") for k in ("000", "001", "003"))
    (src / "a000.txt").write_text(s000, encoding="utf-8")
    (src / "a000_gbk.txt").write_bytes(s000.encode("gbk"))  # the same article again
    page = ("<html><head><meta charset='gbk'><title>勇于担当_广西日报</title></head><body><div class='nav'>"
            "<a href='/'>首页</a></div><div class='content'>"
            + "".join(f"<p>{p}</p>" for p in s001.splitlines() if p.strip()) + "</div></body></html>")
    (src / "b001.html").write_bytes(page.encode("gb18030"))
    (src / "b001_big5.txt").write_bytes(opencc.OpenCC("s2tw").convert(s001).encode("big5", errors="replace"))
    (src / "b001_trad.txt").write_text(opencc.OpenCC("s2t").convert(s001), encoding="utf-8")
    (src / "c003.txt").write_text(s003, encoding="utf-16")
    (src / "c003_edited.txt").write_text(s003.replace("创新实干", "创新务实", 1), encoding="utf-8")
    (src / "sub" / "a000.txt").write_text(s001.replace("天等县", "天等县城", 1) + "\n另一篇。", encoding="utf-8")
    with (src / "dump.txt").open("wb") as fh:
        fh.truncate(3_000_000)
    (src / "garbled.txt").write_bytes(b"\xff\x80" * 200)
    (src / "empty.txt").write_bytes(b"")
    proc = subprocess.run([str(KG_BIN), "build", str(src), "--out", str(tmp_path / "out"), "--no-html",
                           "--no-store", "--max-bytes", "2500000"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.startswith("kg: ")]
    said = "\n".join(lines)
    for expected in (f"kg: skipped {src / 'a000_gbk.txt'}: same text as {src / 'a000.txt'}, built once",
                     f"kg: skipped {src / 'b001_trad.txt'}: same text as {src / 'b001.html'}, built once",
                     # Big5 lacks », 丨 and 礴: they became '?', so the copy is nearly, not quite, the same
                     f"kg: warning: {src / 'b001_big5.txt'}: near-duplicate of {src / 'b001.html'}",
                     f"kg: skipped {src / 'dump.txt'}: 3000000 bytes is over the 2500000-byte article limit",
                     f"kg: skipped {src / 'garbled.txt'}: ",
                     f"kg: skipped {src / 'empty.txt'}: empty file",
                     f"kg: warning: {src / 'c003_edited.txt'}: near-duplicate of {src / 'c003.txt'}",
                     f"kg: warning: {src / 'sub' / 'a000.txt'}: {src / 'a000.txt'} has the same id; built as a000~2"):
        assert expected in said, (expected, said)
    assert proc.stdout.startswith("6 articles, 5 skipped;"), proc.stdout
    graph = check_file(tmp_path / "out" / "kg.ttl", shacl)
    encodings = {str(graph.value(a, DCTERMS.identifier)): str(graph.value(a, KG.encoding))
                 for a in graph.subjects(RDF.type, KG.Article)}
    assert encodings == {"a000": "utf-8", "a000~2": "utf-8", "b001": "gb18030", "b001_big5": "big5hkscs",
                         "c003": "utf-16", "c003_edited": "utf-8"}


def check_file(path: Path, shacl: tuple[Graph, Graph]) -> Graph:
    graph = Graph().parse(path, format="turtle")
    shapes, ontology = shacl
    ok, _, report = validate(graph, shacl_graph=shapes, ont_graph=ontology, inference="none")
    assert ok, report
    return graph


def test_max_bytes_must_be_positive(tmp_path: Path) -> None:
    proc = subprocess.run([str(KG_BIN), "build", str(SEEDS), "--out", str(tmp_path), "--max-bytes", "0"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "--max-bytes: '0' is not a positive number of bytes" in proc.stderr


def test_an_article_whose_extraction_raises_is_skipped_and_the_rest_builds(tmp_path, monkeypatch) -> None:
    """A bug that one article's text triggers in the extractor loses that article only: it is
    reported on one ``skipped`` line naming its file, and every other article is built."""
    import kg.nlp.components as components_module
    import kg.run.build as build_module

    real = components_module.extract

    def failing_on_one(article, clean, doc, reading=None):
        if article.id == "001_cfb4a90b324c291f":
            raise IndexError("string index out of range\nsecond line")
        return real(article, clean, doc, reading)

    monkeypatch.setattr(components_module, "extract", failing_on_one)
    skipped: list[str] = []
    report = build_module.build([SEEDS], tmp_path / "out", on_skip=skipped.append, html=False, store=False,
                                progress=False)
    assert report.articles == 4
    assert len(skipped) == 1 and "001_cfb4a90b324c291f.txt: extraction failed (IndexError" in skipped[0]
    assert "\n" not in skipped[0]
    assert (tmp_path / "out" / "kg.ttl").stat().st_size > 0


def test_evidence_is_bounded_in_a_text_without_punctuation(run) -> None:
    """A 'sentence' of 8,000 characters gives evidence of at most MAX_EVIDENCE, its offsets still exact."""
    from kg.extract.builder import MAX_EVIDENCE

    text = "干部 " * 2000 + "黄岩区开展“五比亮剑”行动 " + "群众 " * 2000
    ex = run(text)
    (fact,) = [f for f in ex.facts if f.predicate == "launches"]
    ev = fact.evidence
    assert len(ev.sentence) <= MAX_EVIDENCE
    assert text[ev.start:ev.end] == ev.sentence and "五比亮剑" in ev.sentence


def test_folders_nested_deeper_than_the_recursion_limit(tmp_path: Path, monkeypatch) -> None:
    """The walk keeps its own stack: 1,500 nested folders are read, the article at the bottom found."""
    import os

    from kg.text.ingest import read_inputs

    monkeypatch.chdir(tmp_path)  # relative steps keep each path short of the system's limit
    for _ in range(1500):
        os.mkdir("d")
        os.chdir("d")
    (Path.cwd() / "a.txt").write_text("黄岩区召开大会。", encoding="utf-8")
    try:
        found = list(read_inputs([tmp_path / "d"]))
    finally:  # removed here, bottom up: a recursive removal (pytest's own) would overflow on it
        os.remove("a.txt")
        for _ in range(1500):
            os.chdir("..")
            os.rmdir("d")
    assert [type(a).__name__ for a in found] == ["Article"] and found[0].text == "黄岩区召开大会。"


def test_a_build_into_its_input_folder_never_reads_its_own_outputs(tmp_path: Path) -> None:
    folder = tmp_path / "both"
    folder.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[:2]:
        (folder / path.name).write_bytes(path.read_bytes())
    command = [str(KG_BIN), "build", str(folder), "--out", str(folder), "--quiet"]
    # a folder of articles is not kg's, but holds no name kg writes: built in, beside them, and said so
    runs = [subprocess.run(command, capture_output=True, text=True, timeout=600) for _ in range(2)]
    assert all(r.returncode == 0 for r in runs), runs[-1].stderr
    assert f"{folder}: holds files that are not kg's" in runs[0].stderr
    assert [r.stdout.split(";")[0] for r in runs] == ["2 articles", "2 articles"]
    assert "graph.html" not in runs[1].stderr and "kg.ttl" not in runs[1].stderr
    assert {p.name for p in folder.glob("*.txt")} == {p.name for p in sorted(SEEDS.glob("*.txt"))[:2]}


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://e/">
 <rdf:Description rdf:about="http://e/a"><ex:p>&c;</ex:p></rdf:Description>
</rdf:RDF>
"""


@pytest.mark.parametrize("command", [["query", "SELECT * WHERE { ?s ?p ?o }"], ["validate"]])
def test_rdfxml_declaring_entities_is_refused(tmp_path: Path, command: list[str]) -> None:
    bomb = tmp_path / "bomb.rdf"
    bomb.write_bytes(BOMB)
    proc = subprocess.run([str(KG_BIN), command[0], str(bomb), *command[1:]], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"kg: {bomb}: RDF/XML that declares entities" in proc.stderr and proc.stdout == ""


@pytest.mark.parametrize("command", [["query", "ASK {}"], ["validate"]])
def test_jsonld_remote_context_is_never_fetched(tmp_path: Path, command: list[str]) -> None:
    """A remote @context (on a loopback server that counts its requests) or a file:// one: not read."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    asked: list[str] = []

    class Context(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            body = b'{"@context": {"name": "http://e/name"}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Context)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for context in (f"http://127.0.0.1:{server.server_address[1]}/ctx.jsonld", "file:///etc/hostname"):
            doc = tmp_path / "x.jsonld"
            doc.write_text(f'{{"@context": "{context}", "@id": "http://e/a", "name": "x"}}', encoding="utf-8")
            proc = subprocess.run([str(KG_BIN), command[0], str(doc), *command[1:]], capture_output=True,
                                  text=True, timeout=60)
            assert proc.returncode == 2 and "which kg does not fetch" in proc.stderr, proc.stderr
    finally:
        server.shutdown()
        server.server_close()
    assert asked == []


def test_control_characters_in_names_and_ids_cannot_forge_lines(tmp_path: Path) -> None:
    """A newline or an escape in a file name, an id or a text reaches stderr and tables escaped: no
    forged 'kg: skipped' line, no terminal escape sequence."""
    src = tmp_path / "in"
    src.mkdir()
    evil = src / "a\nkg: skipped FAKE.jsonl"
    evil.write_text('{"id": "x\\nkg: skipped /etc/shadow: FAKE", "text": "\\u001b[31m黄岩区召开大会。"}\n'
                    '{"id": "y", "text": ""}\n', encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run([str(KG_BIN), "build", str(src), "--out", str(out), "--quiet"], capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert [line for line in proc.stderr.splitlines() if line.startswith("kg: ")] == proc.stderr.splitlines()
    assert not any("FAKE" in line and not line.startswith(f"kg: skipped {src}/a\\nkg") for line in proc.stderr.splitlines())
    table = subprocess.run([str(KG_BIN), "query", str(out), "SELECT ?id WHERE { ?a dcterms:identifier ?id }"],
                           capture_output=True, text=True, timeout=60)
    assert table.returncode == 0 and "\x1b" not in table.stdout and "x kg: skipped" in table.stdout, table.stdout
