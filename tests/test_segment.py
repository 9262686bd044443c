"""Segmentation stage: kg's segmenter against spacy-pkuseg's own, on the same model.

``kg.nlp.segmenter`` computes pkuseg's features with numpy instead of one string at a time; it must give
spacy-pkuseg's words exactly, and its scores to the bit (so that no near tie can come out the other
way): on a table of one-sentence cases for each way a text can be unusual, on random texts, and
on every real article there is (the seeds here, and shared/corpus when present).
"""
from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, SEEDS
from kg.errors import InputError
from kg.nlp import segmenter
from kg.nlp.model import require_model
from kg.text.clean import clean
from kg.text.ingest import read_inputs

CORPORA = [SEEDS, *(p for p in (REPO.parent / "shared" / "corpus" / name for name in ("dev", "raw")) if p.is_dir())]


@pytest.fixture(scope="module")
def pkuseg():
    """spacy-pkuseg's segmenter with the same model, as spaCy's tokenizer would load it."""
    import spacy_pkuseg

    with contextlib.redirect_stderr(io.StringIO()):  # its note that features.msgpack is absent
        return spacy_pkuseg.pkuseg(str(require_model()))


CASES = [
    "黄岩区委书记徐淼出席会议。",  # a sentence of the genre
    "",  # nothing
    " \t\n\u3000 ",  # whitespace only (spaces, tabs, newlines, the ideographic space)
    "黄",  # one character: no neighbours, no words
    "黄岩",  # two: the shortest word
    "中华人民共和国中央人民政府",  # dictionary words longer than the longest looked at (6)
    "2023年12.5%的干部", "１２３４５名干部",  # digits (ASCII and full-width), read as "**Num"
    "ＡＢＣ公司和abc公司",  # letters, full-width ones read as "**Letter"
    "徐淼*出席-会议.召开/部署:工作|推进,落实",  # the characters pkuseg reads as "&"
    "**Num与**Letter",  # its placeholders' spelling, written in the text
    "\ufdd0的\ufdd1和\ufdd2",  # the noncharacters kg's segmenter uses in their place
    "😀干部😀",  # characters outside the Basic Multilingual Plane
    "黄 岩 区 委",  # words split by spaces: each piece segmented alone
    "县委书记，县长。乡镇党委书记、乡镇长",  # the merging dictionary's words
    "......——",  # punctuation only
]


@pytest.mark.parametrize("text", CASES)
def test_the_same_words_as_spacy_pkuseg(pkuseg, text: str) -> None:
    assert segmenter.load().cut(text) == pkuseg.cut(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("黄岩区委书记徐淼出席会议干部乡镇党政正职十条措施发展我担当年月日的了在和"
                                        "0123456789０１ＡＢab.*-%％ 　\t，。、“”《》（）"), max_size=40))
def test_the_same_words_on_random_texts(pkuseg, text: str) -> None:
    assert segmenter.load().cut(text) == pkuseg.cut(text)


def _articles() -> list[tuple[str, str]]:
    return [(a.source, clean(a).text) for a in read_inputs(CORPORA) if not isinstance(a, InputError)]


def test_the_same_words_on_every_real_article(pkuseg) -> None:
    articles = _articles()
    assert len(articles) >= 5
    differ = [source for source, text in articles if segmenter.load().cut(text) != pkuseg.cut(text)]
    assert differ == []


@pytest.mark.parametrize("spaced", [False, True], ids=["one piece", "many pieces"])
def test_the_same_words_on_a_text_longer_than_a_block(pkuseg, spaced: bool) -> None:
    """Past ``_BLOCK`` characters a text is scored a block at a time (a piece) or a group of pieces
    at a time: the blocks' edges must not show."""
    text = "\n".join(text for _, text in _articles()[:5])
    text = text if spaced else "".join(text.split())
    text = (text * (3 * segmenter._BLOCK // len(text) + 2))[:3 * segmenter._BLOCK + 17]
    assert segmenter.load().cut(text) == pkuseg.cut(text)


def test_the_same_scores_to_the_bit(pkuseg) -> None:
    """Each character's score per tag, as spacy-pkuseg's decoder is given it."""
    from spacy_pkuseg.inference import getLogYY

    seg, fe, model = segmenter.load(), pkuseg.feature_extractor, pkuseg.model
    pieces = [piece for _, text in _articles()[:5] for piece in text.split()]
    for piece in pieces:
        nodes = list(fe.normalize_text(piece))
        theirs, _ = getLogYY([fe.get_node_features_idx(i, nodes) for i in range(len(nodes))],
                             model.n_tag, model.n_feature * model.n_tag, model.w, 1.0)
        ours = seg._scores(piece.translate(segmenter._NORMALISE), np.array([0]), np.array([len(piece)]))
        assert np.array_equal(theirs, ours), piece[:20]


def test_pairs_with_no_word_as_a_model_may_have_them() -> None:
    """pkuseg's model pairs only dictionary words (``low_pairs`` is None); a model that also pairs a
    word with no word (here: such features, all missing) is scored by the other way, to the same sums."""
    from dataclasses import replace

    seg = segmenter.load()
    assert seg.low_pairs is None
    missing = len(seg.weights) - 1
    general = replace(seg, low_pairs=np.full((2, 2, 2, len(seg.words) + 2), missing, dtype=np.int64))
    for _, text in _articles()[:5]:
        nodes = text.translate(segmenter._NORMALISE)
        starts, lengths = np.array([0]), np.array([len(nodes)])
        assert np.array_equal(general._scores(nodes, starts, lengths), seg._scores(nodes, starts, lengths))
        assert general.cut(text) == seg.cut(text)


def test_a_damaged_compiled_copy_is_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_PKUSEG_MODEL", str(require_model()))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = segmenter.load.__wrapped__()
    tables = segmenter._compiled_path()
    assert tables.is_file() and tables.with_suffix(".npy").is_file()
    tables.write_bytes(tables.read_bytes()[:1000])  # cut short, as by a full disk
    again = segmenter.load.__wrapped__()
    assert again.cut(CASES[0]) == first.cut(CASES[0]) == ["黄岩", "区委", "书记", "徐", "淼", "出席", "会议", "。"]
    assert os.path.getsize(tables) > 1000


# (text, user dictionary): no user word is the beginning of another (where spacy-pkuseg takes their
# longest common beginning, word or not, and kg the longest word)
USER_DICTIONARIES = [
    ("黄岩区委书记徐淼出席会议。", ["徐淼"]),
    ("黄岩区委书记徐淼出席会议。", ["区委书记", "出席会"]),
    ("五比亮剑比什么，五比亮剑", ["五比亮剑"]),
    ("徐淼 出席会议 徐淼", ["徐淼", "议"]),
    ("乡镇党政正职谈心谈话制度", ["乡镇党政正职", "制度"]),
]


@pytest.mark.parametrize(("text", "words"), USER_DICTIONARIES)
def test_user_words_as_spacy_pkuseg_keeps_them(pkuseg, text: str, words: list[str]) -> None:
    """The pipeline's tokenizer with a user dictionary gives spacy-pkuseg's words with that dictionary."""
    import spacy_pkuseg
    from spacy.vocab import Vocab

    from kg.nlp.tokenizer import Tokenizer

    default = pkuseg.preprocesser
    pkuseg.preprocesser = spacy_pkuseg.Preprocesser(words)
    try:
        assert Tokenizer(Vocab(), words).cut(text) == pkuseg.cut(text)
    finally:
        pkuseg.preprocesser = default
