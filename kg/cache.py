"""kg's cache folder, and what kg compiles into it once (the segmenter's tables, the gazetteer).

A compiled file is named by a stamp of what it was compiled from (``compiled_path``), so a
change to any source makes a new one. Writing one keeps the few newest other stamps and removes
older ones (``save_compiled``): several checkouts or virtual environments on one machine each
have their own stamp, and must not keep deleting each other's copies. Standard library only: the segmenter (``kg.nlp``) and the gazetteer
(``kg.extract``) both use it.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from .atomic import write_atomic


def cache_dir() -> Path:
    """kg's cache folder: ``$XDG_CACHE_HOME/kg`` or ``~/.cache/kg``."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"


def compiled_path(kind: str, sources: Iterable[Path], suffix: str) -> Path:
    """Where kg keeps what it compiled from ``sources`` (data files, and the module compiling them):
    ``cache_dir()/kind/STAMP.suffix``, the stamp changing with any source's size or time."""
    stamp = hashlib.sha1()
    for path in sources:
        info = path.stat()
        stamp.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return cache_dir() / kind / f"{stamp.hexdigest()[:16]}{suffix}"


KEEP_STAMPS = 4


def save_compiled(files: dict[Path, bytes]) -> None:
    """Write compiled files (of one stamp, in one folder), each atomically and in order, and remove
    those of all but the ``KEEP_STAMPS`` newest stamps; in a read-only cache, nothing."""
    try:
        for path, data in files.items():
            write_atomic(path, data)
        folder = next(iter(files)).parent
        newest: dict[str, float] = {}
        for entry in folder.iterdir():
            if not entry.name.startswith("."):  # "." : another process's temporary file
                newest[entry.stem] = max(newest.get(entry.stem, 0.0), entry.stat().st_mtime)
        stale = sorted(newest, key=lambda stem: (-newest[stem], stem))[KEEP_STAMPS:]
        for entry in folder.iterdir():
            if entry.stem in stale and not entry.name.startswith("."):
                entry.unlink()
    except OSError:
        pass
