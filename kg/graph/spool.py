"""Sorting more lines than memory holds: sorted runs on disk, merged.

``SortedLines`` takes byte lines in any order and gives them back sorted and unique.
Lines are kept in memory (deduplicated) up to a budget, then written out as a sorted
run in a temporary folder; reading merges the runs (``heapq.merge``), so memory stays
flat whatever the number of lines.
"""
from __future__ import annotations

import heapq
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

#: bytes of lines held in memory before a run goes to disk (a line costs ~100 bytes more in a set)
BUDGET = 48 << 20
_OVERHEAD = 100


class SortedLines:
    """Byte lines, each ending in a newline, given back sorted and each once (``iter``)."""

    def __init__(self, directory: Path, budget: int = BUDGET) -> None:
        self._dir = Path(tempfile.mkdtemp(dir=directory, prefix=".kg-sort."))
        self._budget = budget
        self._lines: set[bytes] = set()
        self._size = 0
        self._runs: list[Path] = []

    def add(self, lines: Iterable[bytes]) -> list[bytes]:
        """Add ``lines``; returns those of them not held already (most repeats: not those of runs on disk)."""
        held, new = self._lines, []
        for line in lines:
            if line not in held:
                held.add(line)
                new.append(line)
        self._size += sum(map(len, new)) + _OVERHEAD * len(new)
        if self._size > self._budget:
            self._spill()
        return new

    def add_run(self, path: Path) -> None:
        """Add the lines of a file, sorted and each once (another ``SortedLines``'s): merged in at the
        end, where it is, never read into memory."""
        self._runs.append(path)

    def _spill(self) -> None:
        run = self._dir / f"{len(self._runs):06d}"
        with open(run, "wb") as fh:
            fh.writelines(sorted(self._lines))
        self._runs.append(run)
        self._lines, self._size = set(), 0

    def __iter__(self) -> Iterator[bytes]:
        if not self._runs:
            yield from sorted(self._lines)
            return
        if self._lines:
            self._spill()
        files = [open(run, "rb") for run in self._runs]
        try:
            last = None
            for line in heapq.merge(*files):
                if line != last:
                    yield line
                    last = line
        finally:
            for fh in files:
                fh.close()

    def close(self) -> None:
        shutil.rmtree(self._dir, ignore_errors=True)
