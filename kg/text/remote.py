"""Inputs at URLs: the files of any filesystem fsspec has installed (``file://``, ``s3://``,
``gs://``, ``hdfs://``, ``http://`` …), listed and read as local ones are.

``RemotePath`` gives ingest what it asks of a path (its name, size, bytes, a file to read in
ranges), so a URL names its articles in the graph and in messages as a path does; ``list_url``
lists a folder's article files (sorted, hidden ones left out), a pattern's matches or one file.
Each worker of a build opens the URL itself: the build's process lists, never reads.
"""
from __future__ import annotations

import io
import stat
from collections.abc import Iterator
from pathlib import PurePosixPath
from types import SimpleNamespace

from ..errors import InputError

_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")


def is_url(item: object) -> bool:
    """Whether an input names a file or folder by URL (``scheme://…``)."""
    return "://" in str(item)


class RemotePath:
    """A file of an fsspec filesystem, as ingest reads a path."""

    def __init__(self, url: str) -> None:
        from fsspec.core import url_to_fs  # here: only a build given a URL imports fsspec

        self.url = url
        self._fs, self._path = url_to_fs(url)
        pure = PurePosixPath(self._path)
        self.name, self.stem, self.suffix = pure.name, pure.stem, pure.suffix

    def __str__(self) -> str:
        return self.url

    def __fspath__(self) -> str:
        return self.url

    def is_absolute(self) -> bool:
        return True

    def exists(self) -> bool:
        return self._fs.exists(self._path)

    def is_dir(self) -> bool:
        return self._fs.isdir(self._path)

    def is_file(self) -> bool:
        return self._fs.isfile(self._path)

    def resolve(self) -> RemotePath:
        return self

    def stat(self) -> SimpleNamespace:
        try:
            info = self._fs.info(self._path)
        except FileNotFoundError:
            raise
        except Exception as exc:  # noqa: BLE001  (a filesystem's own error: a refused request, a bad bucket)
            raise OSError(f"{self.url}: {exc}") from exc
        kind = stat.S_IFDIR if info.get("type") == "directory" else stat.S_IFREG
        return SimpleNamespace(st_size=int(info.get("size") or 0), st_mode=kind | 0o644)

    def read_bytes(self) -> bytes:
        return self._fs.cat_file(self._path)

    def open(self, mode: str = "rb") -> io.BufferedReader:
        """The file, for reading its bytes as a local file's (``readline`` with a limit, ``seek``, ``tell``)."""
        return io.BufferedReader(self._fs.open(self._path, "rb"))


def list_url(url: str) -> Iterator[RemotePath | InputError]:
    """The article files at ``url``: those below a folder (sorted, none hidden), those a pattern
    matches, or the file itself; an error naming the URL if there are none or it cannot be listed."""
    try:
        from fsspec.core import url_to_fs

        fs, root = url_to_fs(url)
        if any(c in root for c in "*?["):
            paths = sorted(fs.glob(root))
        elif fs.isdir(root):
            base = root.rstrip("/")
            paths = sorted(p for p in fs.find(root) if p.endswith(_SUFFIXES)
                           and not any(part.startswith(".") for part in p[len(base):].split("/")))
        elif fs.exists(root):
            paths = [root]
        else:
            yield InputError(f"{url}: no such file or directory")
            return
    except ImportError as exc:
        yield InputError(f"{url}: no filesystem installed for this URL ({exc}); install the fsspec package for it "
                         "(aiohttp for http://, s3fs for s3://, gcsfs for gs://)")
        return
    except Exception as exc:  # noqa: BLE001  (the filesystem's own error, in one line)
        yield InputError(f"{url}: cannot list ({' '.join(str(exc).split())[:200]})")
        return
    if not paths:
        yield InputError(f"{url}: no article file there")
    for path in paths:
        yield RemotePath(fs.unstrip_protocol(path))
