"""Files of sections: what one task hands to many others (``kg/run/partitioned.py``).

A task that sorts its output by the task that will read it writes one file of sections,
``write_sections``; each reader reads its own section of every such file (``read_section``),
at the offset the file's header gives, and nothing else. The files are in the build's work
folder, on storage every worker sees: what workers exchange does not pass through the
process that runs the build.
"""
from __future__ import annotations

import pickle
import struct
from collections.abc import Sequence
from pathlib import Path

_OFFSET = struct.Struct("<Q")


def write_sections(path: Path, sections: Sequence[list]) -> None:
    """One file of ``sections`` (lists of picklable items), after a header of their offsets."""
    blobs = [pickle.dumps(section, protocol=pickle.HIGHEST_PROTOCOL) for section in sections]
    offset = _OFFSET.size * (len(blobs) + 2)
    offsets = [len(blobs)]
    for blob in blobs:
        offsets.append(offset)
        offset += len(blob)
    offsets.append(offset)
    with open(path, "wb") as fh:
        fh.write(b"".join(_OFFSET.pack(o) for o in offsets))
        fh.writelines(blobs)


def read_section(path: Path, number: int) -> list:
    """Section ``number`` of a file ``write_sections`` wrote."""
    with open(path, "rb") as fh:
        count, = _OFFSET.unpack(fh.read(_OFFSET.size))
        if not 0 <= number < count:
            raise IndexError(f"{path}: no section {number} of {count}")
        fh.seek(_OFFSET.size * (number + 1))
        start, end = struct.unpack("<2Q", fh.read(2 * _OFFSET.size))
        fh.seek(start)
        return pickle.loads(fh.read(end - start))
