"""Scratch SQLite files: what a stage keeps of a corpus on disk rather than in memory (the duplicate
filter's record of earlier articles, the indexes the report and the graph page are made from).

``open_scratch`` opens one with no journal and no syncing (a scratch file is thrown away, never
recovered) and a bounded page cache; ``disk_errors`` turns SQLite's failures to write (a full
disk, a read-only one) into the ``OSError`` they are, for the build to report in one line like
any other failure to write its files."""
from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: SQLite's result codes of a failure to write, and the error numbers they stand for
_ERRNO = {sqlite3.SQLITE_FULL: errno.ENOSPC, sqlite3.SQLITE_IOERR: errno.EIO, sqlite3.SQLITE_READONLY: errno.EROFS}


def open_scratch(path: Path, cache_kib: int = 8192) -> sqlite3.Connection:
    """A new or existing scratch database at ``path``, its page cache at most ``cache_kib`` KiB."""
    with disk_errors(path):
        db = sqlite3.connect(path, check_same_thread=False)
        db.executescript(f"PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -{cache_kib};")
    return db


@contextmanager
def disk_errors(path: Path) -> Iterator[None]:
    """Within the block, SQLite failing to write (``path``: its file) is raised as an ``OSError``."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        code = _ERRNO.get(getattr(exc, "sqlite_errorcode", 0) & 0xFF)
        if code is None:
            raise
        raise OSError(code, os.strerror(code), str(path)) from exc
