"""Duplicate articles: the same text twice is built once, near-duplicates are reported.

Two articles are the same when their cleaned Simplified text (boilerplate, bylines
and pinyin out, Traditional -> Simplified, whitespace ignored) has the same hash, so
a GBK copy, a Traditional copy and an HTML copy of one article are one article.
Near-duplicates (a reworded lead, an extra paragraph) are found with MinHash
signatures of 5-character shingles and locality-sensitive hashing: an
article is compared only with those sharing a band of its signature, so the cost per
article stays flat however many came before. Those with estimated Jaccard similarity
>= 0.9 to an earlier article are reported and still built.

What is kept of each article (its source, id, text hash, signature and the keys of its
bands) is in an SQLite file on disk, not in memory, so that memory does not grow with the
corpus; an article's lookups there cost some tens of microseconds.

Articles with the same id (``001.txt`` in two folders) but different texts would
become one node of the graph; the later one gets a numbered id (``001~2``).
"""
from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import numpy as np

from ..scratch import disk_errors, open_scratch
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
    What it keeps of each article is in a temporary folder in ``folder`` (default: the system's)."""
    with tempfile.TemporaryDirectory(prefix="kg-dedupe-", dir=folder) as tmp:
        with disk_errors(Path(tmp)), closing(_Kept(Path(tmp))) as kept:
            yield from _unique(articles, report, threshold, kept)


def _unique(articles: Iterable[Article], report: Callable[[Duplicate], None], threshold: float,
            kept: _Kept) -> Iterator[tuple[Article, CleanText]]:
    for article in articles:
        cleaned = clean(article)
        digest, signature = fingerprint(cleaned)
        first = kept.same_text(digest) if signature is not None else None
        if first is not None:
            report(Duplicate(article.source, kept.source(first), "same text"))
            continue
        if signature is not None:
            near = _nearest(signature, kept.sharing_a_band(signature), kept)
            if near is not None and near[1] >= threshold:
                report(Duplicate(article.source, kept.source(near[0]), "near", near[1]))
        article = _unique_id(article, kept, report)
        kept.add(article, digest, signature)
        yield article, cleaned


def fingerprint(cleaned: CleanText) -> tuple[bytes, np.ndarray | None]:
    """The hash of a cleaned text (whitespace ignored) and its MinHash signature (None for a text
    without characters: it is no duplicate of anything)."""
    text = _SPACE.sub("", cleaned.text)
    return hashlib.sha1(text.encode("utf-8")).digest(), _minhash(text) if text else None


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
    report(Duplicate(article.source, kept.source(first), "same id", new_id=new_id))
    return replace(article, id=new_id)


class _Kept:
    """What the filter keeps of each article it let through (numbered in order): its source, id,
    text hash and signature, with the signature's bands, in an SQLite file in ``folder``. A band
    key found is checked against the signatures it was made from, so two bands that share a
    64-bit hash are still told apart."""

    def __init__(self, folder: Path) -> None:
        self._db = open_scratch(folder / "kept.db")
        self._db.executescript(
            "CREATE TABLE article (number INTEGER PRIMARY KEY, source BLOB NOT NULL, id BLOB NOT NULL, "
            "digest BLOB, signature BLOB);"
            "CREATE INDEX article_digest ON article (digest); CREATE INDEX article_id ON article (id);"
            "CREATE TABLE band (key INTEGER NOT NULL, number INTEGER NOT NULL, PRIMARY KEY (key, number)) "
            "WITHOUT ROWID;")
        self._count = 0

    def close(self) -> None:
        self._db.close()

    def same_text(self, digest: bytes) -> int | None:
        """The first article of this text hash."""
        return self._one("SELECT MIN(number) FROM article WHERE digest = ?", digest)

    def with_id(self, article_id: str) -> int | None:
        """The article that has this id."""
        return self._one("SELECT MIN(number) FROM article WHERE id = ?", _bytes(article_id))

    def source(self, number: int) -> str:
        return self._one("SELECT source FROM article WHERE number = ?", number).decode("utf-8", "surrogatepass")

    def sharing_a_band(self, signature: np.ndarray) -> set[int]:
        keys = _bands(signature)
        return {n for n, in self._db.execute(f"SELECT number FROM band WHERE key IN ({', '.join('?' * len(keys))})",
                                             keys)}

    def signature(self, number: int) -> np.ndarray:
        return np.frombuffer(self._one("SELECT signature FROM article WHERE number = ?", number), dtype=np.uint32)

    def add(self, article: Article, digest: bytes, signature: np.ndarray | None) -> None:
        number = self._count
        self._count += 1
        self._db.execute("INSERT INTO article VALUES (?, ?, ?, ?, ?)", (
            number, _bytes(article.source), _bytes(article.id), digest if signature is not None else None,
            signature.tobytes() if signature is not None else None))
        if signature is not None:
            self._db.executemany("INSERT OR IGNORE INTO band VALUES (?, ?)", ((k, number) for k in _bands(signature)))
        if self._count % _COMMIT == 0:
            self._db.commit()

    def _one(self, query: str, *args: object):
        return self._db.execute(query, args).fetchone()[0]


#: articles added between two commits of the filter's file
_COMMIT = 1024


def _bytes(text: str) -> bytes:
    """UTF-8, a lone surrogate of a file name kept as it is."""
    return text.encode("utf-8", "surrogatepass")


def _bands(signature: np.ndarray) -> list[int]:
    """A key for each band of the signature (Python's hash of bytes differs between runs; keys only
    have to agree within one)."""
    return [hash((band, signature[band * ROWS:(band + 1) * ROWS].tobytes())) for band in range(BANDS)]
