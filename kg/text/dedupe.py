"""Duplicate articles: the same text twice is built once, near-duplicates are reported.

Two articles are the same when their cleaned Simplified text (boilerplate, bylines
and pinyin out, Traditional -> Simplified, whitespace ignored) has the same hash, so
a GBK copy, a Traditional copy and an HTML copy of one article are one article.
Near-duplicates (a reworded lead, an extra paragraph) are found with MinHash
signatures of 5-character shingles and locality-sensitive hashing: an
article is compared only with those sharing a band of its signature, so the cost per
article stays flat however many came before. Those with estimated Jaccard similarity
>= 0.9 to an earlier article are reported and still built.

What is kept of each article is compact, so that memory barely grows with the corpus:
its source, id and text hash packed in byte arrays, the hashes of its id, text and bands
in sorted numpy arrays (``_Index``: 12 bytes an entry, where a dict of Python ints takes
about 100), and its signature in an unnamed temporary file, read back only when another
article shares a band with it.

Articles with the same id (``001.txt`` in two folders) but different texts would
become one node of the graph; the later one gets a numbered id (``001~2``).
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import numpy as np

from ..types import Article, CleanText
from .clean import clean

SHINGLE = 5
NUM_PERM = 128
THRESHOLD = 0.9
#: LSH: a signature is cut into BANDS bands of ROWS values, and articles sharing a band are compared.
#: Two articles of similarity s share one with probability 1 - (1 - s**ROWS)**BANDS: 98% at 0.9,
#: 20% at 0.7, 1% at 0.5 (the candidates are then kept by their estimated similarity).
BANDS, ROWS = 11, 11
_SPACE = re.compile(r"\s+")
#: shingle hashes permuted at once per article (bounds the matrix: 4,096 x NUM_PERM x 4 bytes)
_ROWS_AT_ONCE = 4096


@dataclass(frozen=True, slots=True)
class Duplicate:
    """``source`` repeats ``original``: exactly (skipped) or nearly (built), or only its id (renamed)."""

    source: str
    original: str
    kind: str  # "same text", "near", "same id"
    similarity: float = 1.0
    new_id: str | None = None

    @property
    def skipped(self) -> bool:
        return self.kind == "same text"

    def message(self) -> str:
        if self.kind == "same text":
            return f"{self.source}: same text as {self.original}, built once"
        if self.kind == "near":
            # an estimate (MinHash); the texts differ, so a rounded 1.00 would mislead
            similarity = f"{self.similarity:.2f}" if self.similarity < 0.995 else "above 0.99"
            return f"{self.source}: near-duplicate of {self.original} (similarity {similarity}); both built"
        return f"{self.source}: {self.original} has the same id; built as {self.new_id}"


def unique(articles: Iterable[Article], report: Callable[[Duplicate], None],
           threshold: float = THRESHOLD) -> Iterator[Article]:
    """Yield each article once, in order; ``report`` hears of every duplicate, near-duplicate and id clash."""
    return (article for article, _ in unique_cleaned(articles, report, threshold))


def unique_cleaned(articles: Iterable[Article], report: Callable[[Duplicate], None],
                   threshold: float = THRESHOLD, folder: Path | None = None) -> Iterator[tuple[Article, CleanText]]:
    """``unique``, yielding each article with its cleaned text, so the pipeline need not clean it again.
    The signatures are kept in an unnamed temporary file in ``folder`` (default: the system's)."""
    with tempfile.TemporaryFile(dir=folder) as spool:
        yield from _unique(articles, report, threshold, _Kept(spool.fileno()))


def _unique(articles: Iterable[Article], report: Callable[[Duplicate], None], threshold: float,
            kept: _Kept) -> Iterator[tuple[Article, CleanText]]:
    for article in articles:
        cleaned = clean(article)
        text = _SPACE.sub("", cleaned.text)
        digest = hashlib.sha1(text.encode("utf-8")).digest()
        first = kept.same_text(digest) if text else None
        if first is not None:
            report(Duplicate(article.source, kept.sources[first], "same text"))
            continue
        signature = _minhash(text) if text else None
        if signature is not None:
            near = _nearest(signature, kept.sharing_a_band(signature), kept)
            if near is not None and near[1] >= threshold:
                report(Duplicate(article.source, kept.sources[near[0]], "near", near[1]))
        article = _unique_id(article, kept, report)
        kept.add(article, digest, signature)
        yield article, cleaned


def _minhash(text: str) -> np.ndarray:
    """MinHash signature of the text's 5-character shingles (32-bit values): the shingles are
    hashed (FNV-1a over their code points, then murmur3's finaliser), and each of ``NUM_PERM``
    affine maps ``a*h + b`` (mod 2**32, ``a`` odd: a permutation) keeps its minimum over them.
    This is the ``affine32`` scheme of datasketch, in a few numpy operations per article (datasketch
    hashes shingle by shingle, and importing it imports SciPy, which costs a build more than
    the signatures of a thousand articles)."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    width = min(SHINGLE, len(codes))
    h = np.full(len(codes) - width + 1, 0x811C9DC5, dtype=np.uint32)
    for k in range(width):
        h = (h ^ codes[k:len(codes) - width + 1 + k]) * np.uint32(0x01000193)  # wraps at 32 bits
    h = np.unique(h)
    h ^= h >> 16
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> 13
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> 16
    a, b = _permutations()
    signature = np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    for i in range(0, len(h), _ROWS_AT_ONCE):  # a huge article: a bounded matrix at a time
        np.minimum(signature, (np.multiply.outer(h[i:i + _ROWS_AT_ONCE], a) + b).min(axis=0), out=signature)
    return signature


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The affine maps' ``a`` (odd) and ``b``, drawn from a fixed seed: the same in every run."""
    rng = np.random.default_rng(1)
    a = rng.integers(0, 1 << 32, NUM_PERM, dtype=np.uint32) | np.uint32(1)
    return a, rng.integers(0, 1 << 32, NUM_PERM, dtype=np.uint32)


def _nearest(signature: np.ndarray, candidates: set[int], kept: _Kept) -> tuple[int, float] | None:
    """The earliest of the most similar candidates, with its estimated Jaccard similarity."""
    scored = [(float(np.mean(kept.signature(c) == signature)), -c) for c in candidates]
    if not scored:
        return None
    similarity, neg = max(scored)
    return -neg, similarity


def _unique_id(article: Article, kept: _Kept, report: Callable[[Duplicate], None]) -> Article:
    """The article, or a copy with a numbered id if an earlier article has its id."""
    first = kept.with_id(article.id)
    if first is None:
        return article
    n = 2
    while kept.with_id(f"{article.id}~{n}") is not None:
        n += 1
    new_id = f"{article.id}~{n}"
    report(Duplicate(article.source, kept.sources[first], "same id", new_id=new_id))
    return replace(article, id=new_id)


class _Strings:
    """Strings packed in one byte array (UTF-8; a lone surrogate of a file name kept as it is)."""

    def __init__(self) -> None:
        self._bytes = bytearray()
        self._ends = array("Q")

    def append(self, text: str) -> None:
        self._bytes += text.encode("utf-8", "surrogatepass")
        self._ends.append(len(self._bytes))

    def __getitem__(self, i: int) -> str:
        return self._bytes[self._ends[i - 1] if i else 0:self._ends[i]].decode("utf-8", "surrogatepass")


#: entries an ``_Index`` gathers in a dict before it sorts them into a run
_BUFFER = 1 << 14
_MASK = (1 << 64) - 1


class _Index:
    """A multimap of 64-bit keys to article numbers. New entries go to a dict; at ``_BUFFER`` of them
    they become a run (keys sorted, and their numbers, in numpy arrays), and a run is merged with the
    one before it while that one is no larger, so there are at most log2(n / ``_BUFFER``) runs to search."""

    def __init__(self) -> None:
        self._new: dict[int, list[int]] = {}
        self._size = 0
        self._runs: list[tuple[np.ndarray, np.ndarray]] = []

    def find(self, keys: list[int]) -> list[int]:
        """The numbers of every entry of these keys."""
        found = [n for k in keys for n in self._new.get(k, ())]
        wanted = np.array(keys, dtype=np.uint64)
        for run, numbers in self._runs:
            starts, ends = np.searchsorted(run, wanted, "left"), np.searchsorted(run, wanted, "right")
            for start, end in zip(starts.tolist(), ends.tolist()):
                found += numbers[start:end].tolist()
        return found

    def add(self, keys: list[int], number: int) -> None:
        for key in keys:
            self._new.setdefault(key, []).append(number)
        self._size += len(keys)
        if self._size >= _BUFFER:
            keys = np.fromiter((k for k, ns in self._new.items() for _ in ns), np.uint64, self._size)
            numbers = np.fromiter((n for ns in self._new.values() for n in ns), np.uint32, self._size)
            self._runs.append(_sorted(keys, numbers))
            self._new, self._size = {}, 0
            while len(self._runs) > 1 and len(self._runs[-2][0]) <= len(self._runs[-1][0]):
                (k1, n1), (k2, n2) = self._runs.pop(-2), self._runs.pop()
                self._runs.append(_sorted(np.concatenate([k1, k2]), np.concatenate([n1, n2])))


def _sorted(keys: np.ndarray, numbers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(keys, kind="stable")
    return keys[order], numbers[order]


class _Kept:
    """What the filter keeps of each article it let through (numbered in order): its source, id,
    text hash and signature (in the file ``fd``, ``NUM_PERM`` 32-bit values each), and indexes of
    hashes of its text, id and signature bands. A hash found in an index is checked against what
    it was made from, so two texts or ids that share a 64-bit hash are still told apart."""

    def __init__(self, fd: int) -> None:
        self.sources, self._ids = _Strings(), _Strings()
        self._digests = bytearray()
        self._fd = fd
        self._texts, self._id_index, self._bands = _Index(), _Index(), _Index()
        self._count = 0

    def same_text(self, digest: bytes) -> int | None:
        """The first article of this text hash."""
        width = len(digest)
        return next((n for n in self._texts.find([_key(digest)])
                     if self._digests[n * width:(n + 1) * width] == digest), None)

    def with_id(self, article_id: str) -> int | None:
        """The article that has this id."""
        return next((n for n in self._id_index.find([_key(article_id.encode("utf-8", "surrogatepass"))])
                     if self._ids[n] == article_id), None)

    def sharing_a_band(self, signature: np.ndarray) -> set[int]:
        return set(self._bands.find(_bands(signature)))

    def signature(self, number: int) -> np.ndarray:
        size = NUM_PERM * 4
        return np.frombuffer(os.pread(self._fd, size, number * size), dtype=np.uint32)

    def add(self, article: Article, digest: bytes, signature: np.ndarray | None) -> None:
        number = self._count
        self._count += 1
        self.sources.append(article.source)
        self._ids.append(article.id)
        self._digests += digest
        self._id_index.add([_key(article.id.encode("utf-8", "surrogatepass"))], number)
        if signature is not None:
            os.pwrite(self._fd, signature.tobytes(), number * NUM_PERM * 4)
            self._texts.add([_key(digest)], number)
            self._bands.add(_bands(signature), number)


def _key(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


def _bands(signature: np.ndarray) -> list[int]:
    """A key for each band of the signature (Python's hash of bytes differs between runs; keys only
    have to agree within one)."""
    return [hash((band, signature[band * ROWS:(band + 1) * ROWS].tobytes())) & _MASK for band in range(BANDS)]
