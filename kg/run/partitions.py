"""A corpus as partitions: what the process that runs a build lists, and workers read.

The build's own process walks its inputs for the names of their files (``ingest.list_files``),
never their texts, and cuts the list into partitions in the corpus's order: a JSON Lines file
is a partition of its own (it holds many articles), other files go in runs of at most
``size`` (enough partitions for every worker to have several, so none waits long for the
last). A worker reads a partition's files itself (``read_partition``).
"""
from __future__ import annotations

import math
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..text.ingest import JSONL_SUFFIXES, MAX_BYTES, list_files, read_file
from ..text.metadata import Metadata
from ..types import Article

#: partitions per worker the cutting aims at, and the bounds of a partition's files
PER_WORKER, SMALLEST, LARGEST = 8, 16, 1024


@dataclass(frozen=True, slots=True)
class Partition:
    """Files of the corpus, read in this order; ``index``: the partition's place in the corpus;
    ``at``: the folder relative names are in (that of the build's process, not a worker's)."""

    index: int
    files: tuple[str, ...]
    at: str


def list_partitions(inputs: Iterable[str | Path], workers: int = 1,
                    skip: Iterable[Path] = ()) -> tuple[list[Partition], list[InputError]]:
    """The partitions of the inputs' files, and an error for each input or folder that cannot be listed."""
    files: list[Path] = []
    errors: list[InputError] = []
    for item in list_files(inputs, skip):
        (errors if isinstance(item, InputError) else files).append(item)
    size = min(LARGEST, max(SMALLEST, math.ceil(len(files) / (PER_WORKER * max(1, workers)))))
    parts: list[tuple[str, ...]] = []
    run: list[str] = []
    for file in files:
        if file.suffix in JSONL_SUFFIXES:
            parts += [tuple(run)] if run else []
            parts.append((str(file),))
            run = []
            continue
        run.append(str(file))
        if len(run) == size:
            parts.append(tuple(run))
            run = []
    parts += [tuple(run)] if run else []
    at = os.getcwd()
    return [Partition(i, files, at) for i, files in enumerate(parts)], errors


def read_partition(partition: Partition, max_bytes: int = MAX_BYTES,
                   metadata: Metadata | None = None) -> Iterator[Article | InputError]:
    """The articles of a partition's files, in order, or the error of each that cannot be read."""
    for file in partition.files:
        yield from read_file(Path(file), max_bytes, metadata, at=Path(partition.at))
