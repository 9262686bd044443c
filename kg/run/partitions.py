"""A corpus as partitions: what the process that runs a build lists, and workers read.

The build's own process walks its inputs for the names and sizes of their files
(``ingest.list_files``), never their texts, and cuts the list into partitions in the corpus's
order: files go in runs of at most ``size`` (enough partitions for every worker to have
several, so none waits long for the last), and a JSON Lines file (it holds many articles) is
cut into ranges of bytes, each the lines that begin in it. A worker reads a partition's files
itself (``read_partition``); the lines before a range are counted by workers too
(``count_before``), so that a line is named by its number in its file.
"""
from __future__ import annotations

import math
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import InputError
from ..text.ingest import JSONL_SUFFIXES, MAX_BYTES, Lines, count_lines, list_files, read_file
from ..text.metadata import Metadata
from ..text.remote import RemotePath, is_url
from ..types import Article

#: partitions per worker the cutting aims at, and the bounds of a partition's files
PER_WORKER, SMALLEST, LARGEST = 8, 16, 1024
#: the bounds of a JSON Lines file's ranges, in bytes
SMALLEST_RANGE, LARGEST_RANGE = 1 << 20, 64 << 20


@dataclass(frozen=True, slots=True)
class Partition:
    """Files of the corpus, read in this order; ``index``: the partition's place in the corpus;
    ``at``: the folder relative names are in (that of the build's process, not a worker's)."""

    index: int
    files: tuple[str, ...]
    at: str
    lines: Lines | None = None  # of a JSON Lines file (its only file): the lines of a range of bytes


def list_partitions(inputs: Iterable[str | Path], workers: int = 1,
                    skip: Iterable[Path] = ()) -> tuple[list[Partition], list[InputError]]:
    """The partitions of the inputs' files, and an error for each input or folder that cannot be listed."""
    files: list[Path] = []
    errors: list[InputError] = []
    for item in list_files(inputs, skip):
        (errors if isinstance(item, InputError) else files).append(item)
    size = min(LARGEST, max(SMALLEST, math.ceil(len(files) / (PER_WORKER * max(1, workers)))))
    parts: list[tuple[tuple[str, ...], Lines | None]] = []
    run: list[str] = []
    for file in files:
        if file.suffix not in JSONL_SUFFIXES:
            run.append(str(file))
            if len(run) == size:
                parts.append((tuple(run), None))
                run = []
            continue
        parts += [(tuple(run), None)] if run else []
        run = []
        parts += [((str(file),), span) for span in _ranges(file, workers)]
    parts += [(tuple(run), None)] if run else []
    at = os.getcwd()
    return [Partition(i, files, at, span) for i, (files, span) in enumerate(parts)], errors


def _ranges(file: Path, workers: int) -> list[Lines | None]:
    """The ranges of bytes a JSON Lines file is cut into (None: the whole file, small or unreadable,
    which its reader reports); the lines before each are still to count."""
    try:
        size = file.stat().st_size if file.is_file() else 0
    except OSError:
        size = 0
    step = min(LARGEST_RANGE, max(SMALLEST_RANGE, math.ceil(size / (PER_WORKER * max(1, workers)))))
    if size <= step:
        return [None]
    return [Lines(start, min(start + step, size), -1) for start in range(0, size, step)]


def count_before(parts: list[Partition], run) -> list[Partition]:
    """The partitions, each range of a JSON Lines file told how many lines come before it, counted
    by ``run`` (the build's workers: ``run(task, items)`` gives each item's result in order)."""
    ranges = [p for p in parts if p.lines is not None]
    counts = run(_count, ranges)
    before: dict[str, int] = {}
    told = {}
    for part, count in zip(ranges, counts):
        file = part.files[0]
        told[part.index] = replace(part, lines=replace(part.lines, before=before.get(file, 0)))
        before[file] = before.get(file, 0) + count
    return [told.get(p.index, p) for p in parts]


def _count(part: Partition) -> int:
    path = _path(part.files[0])
    return count_lines(path if path.is_absolute() else Path(part.at) / path, part.lines.start, part.lines.end)


def read_partition(partition: Partition, max_bytes: int = MAX_BYTES,
                   metadata: Metadata | None = None) -> Iterator[Article | InputError]:
    """The articles of a partition's files, in order, or the error of each that cannot be read."""
    for file in partition.files:
        yield from read_file(_path(file), max_bytes, metadata, at=Path(partition.at), lines=partition.lines)


def _path(file: str) -> Path | RemotePath:
    return RemotePath(file) if is_url(file) else Path(file)
