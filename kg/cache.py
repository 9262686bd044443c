"""kg's cache folder, and what kg compiles into it once (the segmenter's tables, the gazetteer).

A compiled file is named by a stamp of what it was compiled from (``compiled_path``), so a
change to any source makes a new one, and writing it removes those of other stamps
(``save_compiled``). Standard library only: the segmenter (``kg.nlp``) and the gazetteer
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


def save_compiled(files: dict[Path, bytes]) -> None:
    """Write compiled files (of one stamp, in one folder), each atomically and in order, and remove
    those of other stamps (compiled from other sources); in a read-only cache, nothing."""
    try:
        for path, data in files.items():
            write_atomic(path, data)
        first = next(iter(files))
        for old in first.parent.iterdir():
            if old.stem != first.stem and not old.name.startswith("."):  # "." : another process's temporary file
                old.unlink()
    except OSError:
        pass
