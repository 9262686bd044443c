"""The pkuseg segmenter, computed a text at a time with numpy: the same model, the same words.

spacy-pkuseg segments a character at a time: for each one it builds about seventy feature
strings (the character and its neighbours, the dictionary words that end or start there, and
their pairs) and looks each up in a dictionary of 2.6 million, which is most of its time; then
its Viterbi decoder picks the tags. Here the model's features are compiled once into integer
keys (a character's code point, a dictionary word's number, or a pair of them) and a text's
features are found for all its characters at once, in hash tables; the scores are summed in
spacy-pkuseg's order and decoded by its own Viterbi, and its post-processing dictionary merges
words as it does. The output is spacy-pkuseg's ``pkuseg(model).cut(text)``, word for word and
score for score (``tests/test_segment.py`` compares them on every real article), several times
faster, and loading the compiled copy is several times faster than loading the model (it is made
in kg's cache folder by set-up or the first build, and again whenever the model or this module
change). The figures: README, "How it works".
"""
from __future__ import annotations

import io
import pickle
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from itertools import chain, islice
from pathlib import Path

import numpy as np

from ..cache import compiled_path, save_compiled
from .model import require_model

# spacy-pkuseg's normalisation (FeatureExtractor): these become "&", digits "**Num", letters "**Letter"
_KEYWORDS = "-._,|/*:"
_NUMS = "0123456789." "几二三四五六七八九十千万亿兆零" "１２３４５６７８９０％"
_LETTERS = "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ" "ａｂｃｄｅｆｇｈｉｇｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ" "／・－"
#: one character each for "**Num" and "**Letter" (noncharacters: in no feature of the model), and
#: what they become where a text has them itself (another one, as unknown to the model as they are)
_NUM, _LETTER, _OTHER = "\ufdd0", "\ufdd1", "\ufdd2"
_NORMALISE = str.maketrans({**{c: _NUM for c in _NUMS}, **{c: _LETTER for c in _LETTERS},
                            **{c: "&" for c in _KEYWORDS}, _NUM: _OTHER, _LETTER: _OTHER})
_LENGTHS = range(6, 1, -1)  # the dictionary words' lengths looked at, in spacy-pkuseg's order
#: word numbers: a span that is no dictionary word, and the empty word (a span past either end)
_NO_WORD, _EMPTY = 0, 1
#: the features of one character, by what they look at: (family, offset of the character)
_CHAR_FAMILIES = (("c", 0), ("c-1", -1), ("c1", 1), ("c-2", -2), ("c2", 2))
#: ... and of a pair of neighbours: (family, offset of the pair's first character)
_PAIR_FAMILIES = (("c-1c", -1), ("cc1", 0), ("c-2c-1", -2))
_CHARS = 1 << 21  # above every code point: a pair (a, b) is a * _CHARS + b, a family's key f * _CHARS + ...
_PAD = 6  # the longest word looked at: spans are kept for starts from -6 to n + 6
#: characters scored at once (about 5 KB of memory each), and what a character's features look at
#: on either side at most (a word of 6 after the next character: 7)
_BLOCK, _MARGIN = 1 << 13, 8


@dataclass(frozen=True, slots=True)
class _Table:
    """Integer keys (not negative) and the numbers they map to, in a hash table with linear probing
    (half full): looking up a text's keys takes a few passes of numpy over them, whatever the
    table's size (a sorted search of a million keys takes twenty, each out of cache)."""

    keys: np.ndarray  # per slot: its key, or -1
    values: np.ndarray

    @classmethod
    def of(cls, pairs: list[tuple[int, int]]) -> _Table:
        size = 1 << max(4, (2 * len(pairs)).bit_length())
        keys, values = [-1] * size, [0] * size
        homes = _home(np.array([key for key, _ in pairs], dtype=np.int64), size).tolist()
        for (key, value), slot in zip(pairs, homes):
            while keys[slot] != -1:
                slot = (slot + 1) & (size - 1)
            keys[slot], values[slot] = key, value
        return cls(np.array(keys, dtype=np.int64), np.array(values, dtype=np.int64))

    def find(self, keys: np.ndarray, missing: int) -> np.ndarray:
        size = len(self.keys)
        flat = keys.reshape(-1)
        slot = _home(flat, size)
        held = self.keys.take(slot)
        hit = held == flat
        found = np.where(hit, self.values.take(slot), missing)  # most keys are settled at their first slot
        todo = np.flatnonzero(~hit & (held != -1))
        slot = (slot[todo] + 1) & (size - 1)
        while todo.size:  # the keys not yet found, nor known absent (an empty slot met)
            held = self.keys.take(slot)
            hit = held == flat[todo]
            found[todo[hit]] = self.values.take(slot[hit])
            going = ~hit & (held != -1)
            todo, slot = todo[going], (slot[going] + 1) & (size - 1)
        return found.reshape(keys.shape)


def _home(keys: np.ndarray, size: int) -> np.ndarray:
    """Each key's first slot in a table of ``size`` (a power of 2): Fibonacci hashing."""
    product = keys.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)  # modulo 2**64
    return (product >> np.uint64(64 - size.bit_length() + 1)).astype(np.int64)


@dataclass(frozen=True, slots=True)
class Segmenter:
    """spacy-pkuseg's ``pkuseg`` with its ``default`` user dictionary: ``cut(text)`` gives its words.

    Feature numbers are looked up by integer key: ``chars`` (family, code point), ``pairs``
    (family, two code points), ``word_features`` (family, word number) and, for the pairs of words
    around a character (``ww.l``, ``ww.r``), ``low_pairs`` where either side is no word or the empty
    word (None if the model has no such feature, as pkuseg's own has none) and ``word_pairs`` where
    both are words. A missing feature is ``len(weights) - 1``."""

    words: dict[str, int]  # dictionary words (normalised) -> their numbers, from 2
    word_starts: _Table  # two code points -> the lengths of the words they begin (bit l: a word of l)
    chars: _Table
    pairs: _Table
    word_features: np.ndarray  # (2, words): w-1 (a word ends here), w1 (a word starts here)
    low_pairs: np.ndarray | None  # (2 families, 2 sides, 2 numbers, words): one side's number below 2
    word_pairs: _Table  # family * words² + first * words + second
    weights: np.ndarray  # (features + 1, tags): node weights; the last row, all 0, for a missing feature
    edges: np.ndarray  # (tags, tags): spacy-pkuseg's transition scores
    begins: np.ndarray  # bool per tag: the tag starts a word
    merge: frozenset[str]  # the post-processing dictionary
    merge_prefixes: frozenset[str]  # what its words begin with, from 2 characters on

    def cut(self, text: str) -> list[str]:
        """The words of ``text``; whitespace separates them and is left out."""
        return self.cut_all([text])[0]

    def cut_all(self, texts: Sequence[str]) -> list[list[str]]:
        """``cut`` of each text. The pieces of all of them are scored together: numpy's operations are
        fewer and longer, and each piece is still segmented alone."""
        pieces = [text.split() for text in texts]
        words = self._cut_pieces(list(chain.from_iterable(pieces)))
        return [list(chain.from_iterable(islice(words, len(own)))) for own in pieces]

    def _cut_pieces(self, pieces: list[str]) -> Iterator[list[str]]:
        """The words of each piece (a text without whitespace), in turn."""
        from spacy_pkuseg.inference import run_viterbi  # here: a process that never segments never imports spacy-pkuseg

        for group, scores in self._scored(pieces):
            at = 0
            for piece in group:
                _, tags = run_viterbi(scores[at:at + len(piece)], self.edges)
                bounds = [0, *(np.flatnonzero(self.begins[tags[1:]]) + 1).tolist(), len(piece)]
                yield self._merge([piece[a:b] for a, b in zip(bounds, bounds[1:])])
                at += len(piece) + 2

    def _scored(self, pieces: list[str]) -> Iterator[tuple[list[str], np.ndarray]]:
        """The pieces in groups of at most ``_BLOCK`` characters (a longer piece alone), each with its
        characters' scores, two rows between pieces: the pieces are segmented apart, as spacy-pkuseg
        does, but their features found together (two unknown characters between pieces keep each
        piece's features from its neighbours). A longer piece is scored a block at a time, each
        block with ``_MARGIN`` characters either side to look at: memory stays bounded."""
        group: list[str] = []
        size = 0  # of the group's nodes, with two between pieces
        for piece in [*pieces, None]:
            if group and (piece is None or size + 2 + len(piece) > _BLOCK):
                nodes = (_OTHER * 2).join(p.translate(_NORMALISE) for p in group)
                lengths = np.array([len(p) for p in group])
                yield group, self._scores(nodes, np.concatenate(([0], np.cumsum(lengths[:-1] + 2))), lengths)
                group, size = [], 0
            if piece is not None and len(piece) > _BLOCK:
                nodes = piece.translate(_NORMALISE)
                blocks = []
                for a in range(0, len(nodes), _BLOCK):
                    lo, hi = max(0, a - _MARGIN), min(len(nodes), a + _BLOCK + _MARGIN)
                    scores = self._scores(nodes[lo:hi], np.array([0]), np.array([hi - lo]))
                    blocks.append(scores[a - lo:a - lo + _BLOCK])
                yield [piece], np.concatenate(blocks)
            elif piece is not None:
                size += len(piece) + 2 * bool(group)
                group.append(piece)

    def _scores(self, nodes: str, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Each character's score per tag: its features' weights summed in spacy-pkuseg's order (a
        missing feature adds the zero row, which leaves every sum as it was)."""
        n, missing = len(nodes), len(self.weights) - 1
        code = np.pad(np.frombuffer(nodes.encode("utf-32-le"), dtype=np.uint32).astype(np.int64), 2,
                      constant_values=ord(_OTHER))  # code[i + 2] is node i's
        at = np.arange(n)
        chars = self.chars.find(np.stack([f * _CHARS + code[at + 2 + off] for f, (_, off) in
                                          enumerate(_CHAR_FAMILIES)]), missing)
        pairs = self.pairs.find(np.stack([(f * _CHARS + code[at + 2 + off]) * _CHARS + code[at + 3 + off]
                                          for f, (_, off) in enumerate(_PAIR_FAMILIES)]), missing)
        spans = self._spans(nodes, code[2:n + 2], starts, lengths)  # spans[l - 2][s + 6]: nodes[s:s + l]'s number
        ends_in = np.stack([spans[l - 2, _PAD - l + 1:_PAD - l + 1 + n] for l in _LENGTHS])
        starts_in = np.stack([spans[l - 2, _PAD:_PAD + n] for l in _LENGTHS])
        ends_before = np.stack([spans[l - 2, _PAD - l:_PAD - l + n] for l in _LENGTHS])
        starts_after = np.stack([spans[l - 2, _PAD + 1:_PAD + 1 + n] for l in _LENGTHS])
        features = np.concatenate((
            np.zeros((1, n), dtype=np.int64), chars[0:1], chars[1:2], pairs[0:1], chars[2:3], pairs[1:2],
            chars[3:4], pairs[2:3], chars[4:5],  # c c-1 c-1c c1 cc1 c-2 c-2c-1 c2, as spacy-pkuseg has them
            self.word_features[0][ends_in], self.word_features[1][starts_in],
            self._word_pairs(0, ends_before, starts_in, missing), self._word_pairs(1, ends_in, starts_after, missing)))
        # one gather, then summed along the features in their order (as spacy-pkuseg adds them, one
        # after another, so every score is the same float); most rows of word pairs are missing
        # throughout, and of a run of such rows only the first is kept: adding zero again changes
        # no sum (adding it once may: a -0.0 becomes 0.0)
        live = (features != missing).any(axis=1)
        kept = live | np.concatenate(([True], live[:-1]))
        return np.add.reduce(self.weights.take(features[kept], axis=0), axis=0)

    def _word_pairs(self, family: int, first: np.ndarray, second: np.ndarray, missing: int) -> np.ndarray:
        """The features of the pairs of words around each character, from the numbers of the words
        before (``first``) and after (``second``), each a row per length: a row per pair of lengths,
        first's then second's. Pairs of two dictionary words are few, and only they are looked up."""
        f, s = first[:, None, :], second[None, :, :]
        if self.low_pairs is None:
            out = np.full((len(first), len(second), first.shape[1]), missing, dtype=np.int64)
        else:  # a side below 2: the feature is that side's number's, with the other side's word
            low = self.low_pairs[family]
            out = np.where(f == 0, low[0, 0][second][None],
                           np.where(f == 1, low[0, 1][second][None],
                                    np.where(s == 0, low[1, 0][first][:, None],
                                             np.where(s == 1, low[1, 1][first][:, None], missing))))
        size = len(self.words) + 2
        i, j, at = np.nonzero((f >= 2) & (s >= 2))
        out[i, j, at] = self.word_pairs.find((family * size + first[i, at]) * size + second[j, at], missing)
        return out.reshape(-1, first.shape[1])

    def _spans(self, nodes: str, code: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """For each length from 2 to 6, the word number of every span of ``nodes`` (``code``: their code
        points) of that length, by start (offset by 6): the empty word where the span passes either end of its piece, as
        spacy-pkuseg has it; a dictionary lookup only where the span's first two characters begin
        a word of that length."""
        n, get = len(nodes), self.words.get
        piece_end = np.full(n, -1, dtype=np.int64)  # where each node's piece ends (-1 between pieces)
        for start, length in zip(starts.tolist(), lengths.tolist()):
            piece_end[start:start + length] = start + length
        lengths_begun = self.word_starts.find(code[:-1] * _CHARS + code[1:], 0)  # for starts 0 .. n - 2
        at = np.arange(n - 1)
        out = np.full((len(_LENGTHS), n + 2 * _PAD), _EMPTY, dtype=np.int64)
        for length in _LENGTHS:
            inside = at + length <= piece_end[:-1]
            row = out[length - 2, _PAD:_PAD + n - 1]
            row[inside] = _NO_WORD
            looked_up = inside & ((lengths_begun & 1 << length) != 0)
            row[looked_up] = [get(nodes[s:s + length], _NO_WORD) for s in np.flatnonzero(looked_up).tolist()]
        return out

    def _merge(self, words: list[str]) -> list[str]:
        """spacy-pkuseg's ``Postprocesser``: for m from 7 to 2, a scan from the left merges each run of
        m words that makes a dictionary word, unless each of them is one, and goes on after it. A run
        is looked at only where its first two words begin a dictionary word (the same result,
        without joining every run); where they do is found again only after a pass that merged."""
        merge, prefixes = self.merge, self.merge_prefixes
        found: list[int] | None = None
        for m in range(7, 1, -1):
            if found is None:
                found = [i for i in range(len(words) - 1) if words[i] + words[i + 1] in prefixes]
            out: list[str] = []
            done = 0  # words[:done] are in out
            for i in found:
                if i + m > len(words):
                    break
                if i < done:
                    continue
                run = words[i:i + m]
                joined = "".join(run)
                if joined in merge and not all(w in merge for w in run):
                    out += words[done:i]
                    out.append(joined)
                    done = i + m
            if done:
                words, found = out + words[done:], None
        return words


@cache
def load() -> Segmenter:
    """The segmenter, once per process: compiled from the model the first time, then
    read from the compiled copy in kg's cache folder, its weights mapped from their file (pages the
    build's processes share, read as they are first used)."""
    tables = _compiled_path()
    weights = tables.with_suffix(".npy")
    try:
        with open(tables, "rb") as fh:
            fields = pickle.load(fh)
        return Segmenter(weights=np.asarray(np.load(weights, mmap_mode="r")), **fields)
    except (OSError, ValueError, EOFError, pickle.UnpicklingError, TypeError):
        pass
    segmenter = compile_model(require_model())
    buffer = io.BytesIO()
    np.save(buffer, segmenter.weights)
    fields = {name: getattr(segmenter, name) for name in Segmenter.__slots__ if name != "weights"}
    save_compiled({weights: buffer.getvalue(), tables: pickle.dumps(fields, protocol=pickle.HIGHEST_PROTOCOL)})
    return segmenter


def _compiled_path() -> Path:
    """The compiled tables' file (their weights beside it, ``.npy``), named by what they come from."""
    model = require_model()
    return compiled_path("segmenter", (model / "features.pkl", model / "weights.npz", _merge_dictionary(),
                                       Path(__file__)), ".pickle")


def _merge_dictionary() -> Path:
    """spacy-pkuseg's post-processing dictionary, ``dicts/default.pkl`` in its package."""
    return Path(find_spec("spacy_pkuseg").origin).parent / "dicts" / "default.pkl"


def compile_model(folder: Path) -> Segmenter:
    """The model in ``folder`` (spacy-pkuseg's features.pkl and weights.npz) as integer tables."""
    from spacy_pkuseg.inference import getLogYY

    with open(folder / "features.pkl", "rb") as fh:
        data = pickle.load(fh)
    with np.load(folder / "weights.npz") as npz:
        tags, n_features = (int(x) for x in npz["sizes"])
        w = npz["w"]
    missing = n_features
    # a word's number, by its spelling in spacy-pkuseg and in normalised text; words no normalised
    # text can spell (with a "*" of their own) are left out
    number = {"**noWord": _NO_WORD, "": _EMPTY}
    words: dict[str, int] = {}
    for word in sorted(set(data["unigram"]) - {""}):
        spelled = _spell(word)
        if spelled:
            number[word] = words[spelled] = len(words) + 2
    size = len(words) + 2
    char_family = {name: f for f, (name, _) in enumerate(_CHAR_FAMILIES)}
    pair_family = {name: f for f, (name, _) in enumerate(_PAIR_FAMILIES)}
    chars, pairs, word_pairs = [], [], []
    word_features = np.full((2, size), missing, dtype=np.int64)
    low_pairs = np.full((2, 2, 2, size), missing, dtype=np.int64)
    for feature, index in data["feature_to_idx"].items():
        if feature.startswith(("ww.l.", "ww.r.")):
            family, rest = int(feature[3] == "r"), feature[5:]
            for at in (i for i, ch in enumerate(rest) if ch == "*"):  # "pre*post": "**noWord" has "*"s too
                first, second = number.get(rest[:at]), number.get(rest[at + 1:])
                if first is None or second is None:
                    continue
                if first < 2:
                    low_pairs[family, 0, first, second] = index
                if second < 2:
                    low_pairs[family, 1, second, first] = index
                if first >= 2 and second >= 2:
                    word_pairs.append(((family * size + first) * size + second, index))
            continue
        name, _, rest = feature.partition(".")
        spelled = _spell(rest)
        if name in ("w-1", "w1") and rest in number and rest != "**noWord":
            word_features[int(name == "w1"), number[rest]] = index
        elif name in char_family and spelled and len(spelled) == 1:
            chars.append((char_family[name] * _CHARS + ord(spelled), index))
        elif name in pair_family and spelled and len(spelled) == 3 and spelled[1] == ".":
            pairs.append(((pair_family[name] * _CHARS + ord(spelled[0])) * _CHARS + ord(spelled[2]), index))
    begun: dict[int, int] = {}  # two code points -> the lengths looked at of the words they begin, as bits
    for word in (word for word in words if len(word) in _LENGTHS):
        key = ord(word[0]) * _CHARS + ord(word[1])
        begun[key] = begun.get(key, 0) | 1 << len(word)
    weights = np.zeros((n_features + 1, tags))
    weights[:n_features] = w[:n_features * tags].reshape(n_features, tags)
    _, edges = getLogYY([[0]], tags, n_features * tags, w, 1.0)
    begins = np.zeros(tags, dtype=bool)
    for tag, index in data["tag_to_idx"].items():
        begins[index] = "B" in tag
    with open(_merge_dictionary(), "rb") as fh:
        merge = frozenset(pickle.load(fh).strip().split("\n"))
    prefixes = frozenset(word[:k] for word in merge for k in range(2, len(word) + 1))
    return Segmenter(words, _Table.of(list(begun.items())), _Table.of(chars), _Table.of(pairs), word_features,
                     low_pairs if (low_pairs != missing).any() else None, _Table.of(word_pairs), weights, edges,
                     begins, merge, prefixes)


def _spell(text: str) -> str | None:
    """``text`` as spelled in normalised text ("**Num" as one character), or None if no normalised
    text has it (a "*" or a normaliser's character of its own)."""
    if any(ch in text for ch in (_NUM, _LETTER, _OTHER)):
        return None
    spelled = text.replace("**Num", _NUM).replace("**Letter", _LETTER)
    return None if "*" in spelled else spelled
