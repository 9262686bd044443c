"""Files put in place whole: written beside their path, then renamed over it in one step, so a
crash or an error leaves the old file or the new one, never a part. Standard library only, for
the caches of ``kg/nlp/segmenter.py`` and ``kg/extract/gazetteer.py`` as much as for a build's outputs."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename."""
    pending = Pending(path)
    try:
        pending.tmp.write_bytes(data)
    except BaseException:
        pending.discard()
        raise
    pending.commit()


class Pending:
    """A file written beside ``path`` (``tmp``, in ``scratch``, a folder on the same file system),
    to replace it in one rename (``commit``) or to vanish (``discard``): until then ``path`` is
    untouched."""

    def __init__(self, path: Path, scratch: Path | None = None) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=scratch or path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(fd)
        self.path, self.tmp = path, Path(name)

    def commit(self) -> None:
        with open(self.tmp, "rb+") as fh:
            os.fsync(fh.fileno())  # on disk before the rename: a machine crash leaves old or new, never empty
        os.chmod(self.tmp, 0o644)
        os.replace(self.tmp, self.path)

    def discard(self) -> None:
        self.tmp.unlink(missing_ok=True)
