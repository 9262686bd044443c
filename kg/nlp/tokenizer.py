"""kg's tokenizer, registered with spaCy as ``kg.Segmenter.v1``: raw article text in, a Doc of the
clean text out, segmented by ``kg.nlp.segmenter`` (pkuseg's ``default`` model, word for word).

The recognisers are written for the clean text (``kg.text.clean``: Simplified script, full-width
punctuation, no bylines or site boilerplate), so the tokenizer cleans what it is given before it
segments: ``nlp(raw)`` reads an article as ``kg build`` does. The Doc is of the clean text;
``doc._.kg_clean.original_span(start, end)`` maps its character offsets back to the text given
(``doc._.kg_article.text``). A build cleans each article before (its duplicate filter needs the
clean text) and hands it over with ``article_doc``, which does not clean it again.

A user dictionary keeps words whole, as spacy-pkuseg's does: ``pkuseg_update_user_dict(words)``
(spaCy's method for its pkuseg tokenizer) or ``user_words=`` in the config. At each position
the longest user word is taken (spacy-pkuseg takes the longest prefix of several user words
sharing one, even where that prefix is no word); the text between is segmented as before.

Saved (``nlp.to_disk``, ``nlp.to_bytes``) are the user words and the name of the model, which
``python -m kg.nlp.install`` installs, not the model's tables: a pipeline loads on any machine
where kg and its model are installed.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import DummyTokenizer, from_bytes, from_disk, registry, to_bytes, to_disk
from spacy.vocab import Vocab

from ..errors import KgError
from ..text.clean import clean as clean_text
from ..types import Article, CleanText
from . import segmenter
from .install import PKUSEG_SDIST

if TYPE_CHECKING:
    from ..extract import TextReading

#: the tokenizer's name in spaCy's registry (``[nlp.tokenizer] @tokenizers``)
NAME = "kg.Segmenter.v1"
#: what a saved pipeline says it segments with: the model ``python -m kg.nlp.install`` installs
MODEL = f"{PKUSEG_SDIST} default"

for _attribute in ("kg_article", "kg_clean", "kg_reading"):  # what the tokenizer gives a doc
    if not Doc.has_extension(_attribute):
        Doc.set_extension(_attribute, default=None)


@registry.tokenizers(NAME)
def create_tokenizer(user_words: list[str] | None = None) -> Callable[[Language], Tokenizer]:
    """spaCy's factory: ``[nlp.tokenizer] @tokenizers = "kg.Segmenter.v1"``."""

    def make(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab, user_words or ())

    return make


class Tokenizer(DummyTokenizer):
    """Raw text -> clean, segmented Doc (see the module's docstring)."""

    def __init__(self, vocab: Vocab, user_words: Iterable[str] = ()) -> None:
        # loaded now: a missing model is an error at once, with the remedy, and a process forked
        # after (a build's workers) has it loaded
        self._segmenter = segmenter.load()
        self.vocab = vocab
        self.user_words: tuple[str, ...] = ()
        self._user: re.Pattern | None = None
        self.pkuseg_update_user_dict(list(user_words))

    def __call__(self, text: str) -> Doc:
        """The Doc of ``text`` read as an article's raw text: cleaned, then segmented."""
        return self.article_doc(Article(id=text_id(text), text=text, source="text"))

    def article_doc(self, article: Article, clean: CleanText | None = None,
                    reading: TextReading | None = None) -> Doc:
        """The Doc of an article's clean text (``kg.text.clean`` of it unless ``clean`` is given),
        the article and its clean text on ``doc._.kg_article`` and ``doc._.kg_clean``; ``reading``
        (``kg.extract.read`` of the text, made in another process) is kept for the recognisers."""
        return self.article_docs([(article, clean, reading)])[0]

    def article_docs(self, items: Sequence[tuple[Article, CleanText | None, TextReading | None]]) -> list[Doc]:
        """``article_doc`` of each (article, clean text, reading), the texts segmented together (faster
        than one by one: ``segmenter.Segmenter.cut_all``)."""
        cleaned = [clean if clean is not None else clean_text(article) for article, clean, _ in items]
        docs = self.segment_all([clean.text for clean in cleaned])
        for doc, (article, _, reading), clean in zip(docs, items, cleaned):
            doc._.kg_article, doc._.kg_clean, doc._.kg_reading = article, clean, reading
        return docs

    def segment(self, text: str) -> Doc:
        """The Doc of ``text`` as it is, segmented: no cleaning."""
        return self.segment_all([text])[0]

    def segment_all(self, texts: Sequence[str]) -> list[Doc]:
        """``segment`` of each text."""
        return [Doc(self.vocab, words=words, spaces=spaces)
                for words, spaces in (words_and_spaces(cut, text) for cut, text in zip(self.cut_all(texts), texts))]

    def cut(self, text: str) -> list[str]:
        """The words of ``text`` (whitespace left out), user words whole."""
        return self.cut_all([text])[0]

    def cut_all(self, texts: Sequence[str]) -> list[list[str]]:
        """``cut`` of each text."""
        seg = self._segmenter
        if self._user is None:
            return seg.cut_all(texts)
        split = [self._user_split(text) for text in texts]
        # the pieces between user words, segmented apart (as spacy-pkuseg does): the segmenter
        # segments the pieces of a text separated by whitespace apart
        cuts = seg.cut_all([" ".join(piece for piece, user in pieces if not user) for pieces in split])
        return [self._with_user_words(pieces, cut) for pieces, cut in zip(split, cuts)]

    def _user_split(self, text: str) -> list[tuple[str, bool]]:
        """The pieces of ``text`` (whitespace left out): (piece, is a user word)."""
        pieces: list[tuple[str, bool]] = []
        for chunk in text.split():
            at = 0
            for m in self._user.finditer(chunk):
                if m.start() > at:
                    pieces.append((chunk[at:m.start()], False))
                pieces.append((m.group(), True))
                at = m.end()
            if at < len(chunk):
                pieces.append((chunk[at:], False))
        return pieces

    @staticmethod
    def _with_user_words(pieces: list[tuple[str, bool]], cut: list[str]) -> list[str]:
        """The words of ``pieces``: each user word whole, the others' as ``cut`` has them, in order."""
        words = iter(cut)
        out: list[str] = []
        for piece, user in pieces:
            if user:
                out.append(piece)
                continue
            length = 0
            while length < len(piece):
                out.append(word := next(words))
                length += len(word)
        return out

    def pkuseg_update_user_dict(self, words: list[str], reset: bool = False) -> None:
        """Add ``words`` to the user dictionary (``reset``: replace it): each stays one token."""
        kept = set() if reset else set(self.user_words)
        kept.update(w for w in (word.strip() for word in words) if w and not any(c.isspace() for c in w))
        self.user_words = tuple(sorted(kept))
        # longest first: at each position the longest user word is taken
        self._user = (re.compile("|".join(map(re.escape, sorted(kept, key=lambda w: (-len(w), w)))))
                      if kept else None)

    def _config(self) -> dict:
        return {"model": MODEL}

    def _set_config(self, cfg: dict, where: str) -> None:
        if cfg.get("model") != MODEL:
            raise KgError(f"{where}: this pipeline segments with {cfg.get('model')!r}, this kg with {MODEL!r}; "
                          "save the pipeline again with this kg (kg.load() then nlp.to_disk)")

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return to_bytes({"cfg": lambda: srsly.json_dumps(self._config()),
                         "user_words": lambda: srsly.json_dumps(list(self.user_words))}, exclude)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> Tokenizer:
        from_bytes(data, {"cfg": lambda b: self._set_config(srsly.json_loads(b), "the pipeline's bytes"),
                          "user_words": lambda b: self.pkuseg_update_user_dict(srsly.json_loads(b), reset=True)},
                   exclude)
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        to_disk(Path(path), {"cfg": lambda p: srsly.write_json(p, self._config()),
                             "user_words": lambda p: p.write_text("".join(w + "\n" for w in self.user_words),
                                                                  encoding="utf-8")}, exclude)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> Tokenizer:
        path = Path(path)
        from_disk(path, {"cfg": lambda p: self._set_config(srsly.read_json(p), str(p)),
                         "user_words": lambda p: self.pkuseg_update_user_dict(
                             p.read_text(encoding="utf-8").splitlines(), reset=True)}, exclude)
        return self


def words_and_spaces(words: list[str], text: str) -> tuple[list[str], list[bool]]:
    """spaCy's ``get_words_and_spaces`` for ``words`` that are ``text`` less its whitespace, in order:
    the tokens of a Doc of ``text``, whitespace between words a token of its own but for one space
    after a word (that word's ``whitespace_``). spaCy's searches each word in a copy of the rest of
    the text, which takes a time that grows with the square of the text's length; here the words
    are found in place."""
    tokens: list[str] = []
    spaces: list[bool] = []
    at, end = 0, len(text)
    for word in words:
        start = text.index(word, at)
        if start > at:
            tokens.append(text[at:start])
            spaces.append(False)
        tokens.append(word)
        spaces.append(False)
        at = start + len(word)
        if at < end and text[at] == " ":
            spaces[-1] = True
            at += 1
    if at < end:
        tokens.append(text[at:])
        spaces.append(False)
    return tokens, spaces


def text_id(text: str) -> str:
    """An article id for a text given without one: ``text-`` and a hash of it (the same text, the same id)."""
    return "text-" + hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
