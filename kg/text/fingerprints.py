"""Duplicates found from fingerprints, a bucket of keys at a time: ``dedupe``'s verdicts
for a corpus read in partitions by many processes (``kg/run/partitioned.py``).

Each article is read and cleaned where its partition is, and leaves a ``Print``: its place
in the corpus, source, id, text hash and MinHash signature. No process sees every print:

- ``by_bands`` takes the prints whose signature has a band in a run of buckets (a stable hash of
  the band's index and values). Copies of one text have the same signature, so all of them meet in
  every bucket of their bands: the first is kept, the others are the same text. An article
  compared with the earlier kept ones that share a band of this bucket gives its best match
  here; its best over all buckets is ``dedupe``'s (most similar, then earliest).
- ``by_ids`` takes the articles whose ids are one family (``001``, ``001~2``: the id without
  its numbered suffixes) and, knowing which of them are copies, numbers the ids that repeat,
  in the corpus's order.

The verdicts are those ``dedupe.unique_cleaned`` gives reading the articles one by one,
so a build's graph does not depend on how its corpus was partitioned.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from .dedupe import BANDS, ROWS, THRESHOLD, Duplicate


@dataclass(frozen=True, slots=True)
class Print:
    """What duplicates are found from, of the article at ``pos`` in the corpus's order;
    ``signature`` is None for a text without characters (a duplicate of nothing)."""

    pos: int
    source: str
    id: str
    digest: bytes
    signature: bytes | None


@dataclass(frozen=True, slots=True)
class Verdict:
    """``duplicate`` is what the article at ``pos`` is of the one at ``original``."""

    pos: int
    original: int
    duplicate: Duplicate


def band_keys(signature: bytes) -> list[bytes]:
    """A key for each band of a signature: its index and its values."""
    width = ROWS * 4
    return [bytes((band,)) + signature[band * width:(band + 1) * width] for band in range(BANDS)]


def bucket_of(key: str | bytes, buckets: int) -> int:
    """The bucket of a key, the same in every process (Python's ``hash`` of bytes is not)."""
    data = key.encode("utf-8", "surrogatepass") if isinstance(key, str) else key
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little") % buckets


_NUMBERED = re.compile(r"(?:~\d+)+$")


def id_family(article_id: str) -> str:
    """The id without the suffixes a repeated id is given (``001~2~3`` -> ``001``): the ids whose
    numbering depends on one another."""
    return _NUMBERED.sub("", article_id)


def by_bands(prints: Iterable[Print], bucket: range, buckets: int, threshold: float = THRESHOLD) -> list[Verdict]:
    """The copies (``same text``, told by the bucket of their first band) and near-duplicates
    (``near``, the best match among those sharing a band of a bucket in ``bucket``, a run of the
    ``buckets``) among ``prints``: each print with a signature that has a band there."""
    groups: dict[bytes, list[Print]] = {}  # band key -> the kept prints with that band, in order
    firsts: dict[bytes, Print] = {}  # text hash -> its first print
    arrays: dict[int, np.ndarray] = {}
    out: list[Verdict] = []
    for p in sorted({p.pos: p for p in prints}.values(), key=lambda p: p.pos):  # once each
        keys = band_keys(p.signature)
        first = firsts.get(p.digest)
        if first is not None:
            if bucket_of(keys[0], buckets) in bucket:
                out.append(Verdict(p.pos, first.pos, Duplicate(p.source, first.source, "same text")))
            continue
        firsts[p.digest] = p
        mine = [k for k in keys if bucket_of(k, buckets) in bucket]
        arrays[p.pos] = signature = np.frombuffer(p.signature, dtype=np.uint32)
        best: tuple[float, int] | None = None
        seen: set[int] = set()
        for key in mine:
            for q in groups.get(key, ()):
                if q.pos not in seen:
                    seen.add(q.pos)
                    scored = (float(np.mean(arrays[q.pos] == signature)), -q.pos)
                    if best is None or scored > best[0]:
                        best = (scored, q)
        if best is not None and best[0][0] >= threshold:
            (similarity, _), q = best
            out.append(Verdict(p.pos, q.pos, Duplicate(p.source, q.source, "near", similarity)))
        for key in mine:
            groups.setdefault(key, []).append(p)
    return out


def by_ids(prints: Iterable[Print], copies: set[int]) -> list[Verdict]:
    """The articles among ``prints`` (all of some id families) whose id an earlier kept article has,
    each with its new id; ``copies``: the positions of those that are copies (not kept)."""
    first: dict[str, Print] = {}  # id (as numbered) -> the first kept article with it
    out: list[Verdict] = []
    for p in sorted(prints, key=lambda p: p.pos):
        if p.pos in copies:
            continue
        earlier = first.get(p.id)
        if earlier is None:
            first[p.id] = p
            continue
        n = 2
        while f"{p.id}~{n}" in first:
            n += 1
        new_id = f"{p.id}~{n}"
        first[new_id] = p
        out.append(Verdict(p.pos, earlier.pos, Duplicate(p.source, earlier.source, "same id", new_id=new_id)))
    return out


def best(verdicts: Iterable[Verdict]) -> list[Verdict]:
    """One article's verdicts from every bucket, as ``dedupe`` gives them: a copy alone; else its
    best near match (most similar, then earliest), then its new id."""
    verdicts = list(verdicts)
    same = [v for v in verdicts if v.duplicate.kind == "same text"]
    if same:
        return same[:1]
    near = [v for v in verdicts if v.duplicate.kind == "near"]
    out = [max(near, key=lambda v: (v.duplicate.similarity, -v.original))] if near else []
    return out + [v for v in verdicts if v.duplicate.kind == "same id"]
