"""Duplicate articles: the same text twice is built once, near-duplicates are reported.

Two articles are the same when their cleaned Simplified text (boilerplate, bylines
and pinyin out, Traditional -> Simplified, whitespace ignored) has the same hash, so
a GBK copy, a Traditional copy and an HTML copy of one article are one article.
Near-duplicates (a reworded lead, an extra paragraph) are found with MinHash
signatures of 5-character shingles and locality-sensitive hashing: an
article is compared only with those sharing a band of its signature, so the cost per
article stays flat however many came before, and under 2 KB per article is kept.
Those with estimated Jaccard similarity >= 0.9 to an earlier article are reported
and still built.

Articles with the same id (``001.txt`` in two folders) but different texts would
become one node of the graph; the later one gets a numbered id (``001~2``).
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache

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
                   threshold: float = THRESHOLD) -> Iterator[tuple[Article, CleanText]]:
    """``unique``, yielding each article with its cleaned text, so the pipeline need not clean it again."""
    seen: dict[bytes, str] = {}  # text hash -> source of its first article
    ids: dict[str, str] = {}  # article id -> source of the article that has it
    buckets: dict[int, int | list[int]] = {}  # band key -> the article, or articles, with that band
    signatures: list[np.ndarray] = []
    sources: list[str] = []
    for article in articles:
        cleaned = clean(article)
        text = _SPACE.sub("", cleaned.text)
        digest = hashlib.sha1(text.encode("utf-8")).digest()
        if text and digest in seen:
            report(Duplicate(article.source, seen[digest], "same text"))
            continue
        seen.setdefault(digest, article.source)
        if text:
            signature = _minhash(text)
            near = _nearest(signature, _bucket(buckets, signature, len(sources)), signatures)
            if near is not None and near[1] >= threshold:
                report(Duplicate(article.source, sources[near[0]], "near", near[1]))
            signatures.append(signature)
            sources.append(article.source)
        yield _unique_id(article, ids, report), cleaned


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


def _bucket(buckets: dict[int, int | list[int]], signature: np.ndarray, index: int) -> set[int]:
    """Put article ``index`` in the buckets of its bands; returns the articles already there."""
    found: set[int] = set()
    for band in range(BANDS):
        # Python's hash differs between runs, but keys only have to agree within one
        key = hash((band, signature[band * ROWS:(band + 1) * ROWS].tobytes()))
        there = buckets.get(key)
        if there is None:
            buckets[key] = index  # most bands are met once: an int, not a list
        elif isinstance(there, int):
            found.add(there)
            buckets[key] = [there, index]
        else:
            found.update(there)
            there.append(index)
    return found


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The affine maps' ``a`` (odd) and ``b``, drawn from a fixed seed: the same in every run."""
    rng = np.random.default_rng(1)
    a = rng.integers(0, 1 << 32, NUM_PERM, dtype=np.uint32) | np.uint32(1)
    return a, rng.integers(0, 1 << 32, NUM_PERM, dtype=np.uint32)


def _nearest(signature: np.ndarray, candidates: set[int], signatures: list[np.ndarray]) -> tuple[int, float] | None:
    """The earliest of the most similar candidates, with its estimated Jaccard similarity."""
    scored = [(float(np.mean(signatures[c] == signature)), -c) for c in candidates]
    if not scored:
        return None
    similarity, neg = max(scored)
    return -neg, similarity


def _unique_id(article: Article, ids: dict[str, str], report: Callable[[Duplicate], None]) -> Article:
    """The article, or a copy with a numbered id if an earlier article has its id."""
    if article.id not in ids:
        ids[article.id] = article.source
        return article
    n = 2
    while f"{article.id}~{n}" in ids:
        n += 1
    new_id = f"{article.id}~{n}"
    ids[new_id] = article.source
    report(Duplicate(article.source, ids[article.id], "same id", new_id=new_id))
    return replace(article, id=new_id)
